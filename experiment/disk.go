package experiment

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
)

// freeBytes is output.FreeBytes; tests make a disk small.
var freeBytes = output.FreeBytes

// FitsOnDisk refuses, before anything runs or is written, the n runs of x
// whose
// timeseries.csv cannot fit in the space free where the folder at out is
// written: at least one character and its separator for every field of
// every row of every day of every run, a bound no table is smaller than,
// so nothing that fits is refused. Where the free space cannot be known,
// nothing is refused. The error wraps runs.ErrBadInput.
func FitsOnDisk(x *Prepared, out string, n int) error {
	return fitsOnDisk(x, out, n, "")
}

// fitsOnDisk is FitsOnDisk for n runs that complete the interrupted folder
// at resume, if not "": its tables are copied into the new folder, which
// replaces it only when complete, so the copy needs room too, even when
// every run had finished.
func fitsOnDisk(x *Prepared, out string, n int, resume string) error {
	var copied uint64
	if resume != "" {
		for _, name := range []string{"timeseries.csv", "summary.csv"} { // the tables Start continues
			if st, err := os.Stat(filepath.Join(resume, name)); err == nil && st.Mode().IsRegular() {
				copied += uint64(st.Size())
			}
		}
	}
	var rows, least uint64
	if !x.SummaryOnly && n > 0 {
		// In whole numbers (at most about 5 million runs × 65,535 days × 2
		// bytes × some 60 columns: far within 64 bits).
		rows = uint64(n) * uint64(x.Scenario.File.Days)
		least = rows * 2 * uint64(len(output.TimeseriesHeader(x.Keys)))
	}
	if least+copied == 0 {
		return nil
	}
	dir := filepath.Dir(filepath.Clean(out))
	for {
		if _, err := os.Stat(dir); err == nil || filepath.Dir(dir) == dir {
			break
		}
		dir = filepath.Dir(dir) // the folders above out are made, on the file system of the first that exists
	}
	free, ok := freeBytes(dir)
	if !ok || least+copied <= free {
		return nil
	}
	if copied == 0 {
		return badInput("--out: %s runs would write at least %s (timeseries.csv: %s rows, one per run and day), more than the %s free where %s is written; run fewer days or replicates, or free some space",
			runs.FormatRuns(float64(n)), runs.FormatBytes(float64(least)), runs.FormatRuns(float64(rows)), runs.FormatBytes(float64(free)), out)
	}
	also := ""
	if least > 0 {
		also = fmt.Sprintf(", and its %s runs left would write at least %s more", runs.FormatRuns(float64(n)), runs.FormatBytes(float64(least)))
	}
	return badInput("--out: completing %s starts from a copy of its tables (%s), kept beside it until the folder is complete%s: more than the %s free where %s is written; free at least %s more, then resume again",
		resume, runs.FormatBytes(float64(copied)), also, runs.FormatBytes(float64(free)), out, runs.FormatBytes(float64(least+copied-free)))
}
