package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/output"
)

// TestPlotRefusesABadCell: a summary.csv edited by hand, its checksum
// recomputed so that the folder still verifies, with a cell that is not
// a number: plot says where (file, line, column), exits 2 (bad input,
// not a failure of the machine), and draws nothing.
func TestPlotRefusesABadCell(t *testing.T) {
	t.Parallel()
	out := smallCompare(t, "--formats", "")
	path := filepath.Join(out, "summary.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	cells := strings.Split(lines[1], ",")
	cells[4] = "n/a" // the first total, trapped person-days
	lines[1] = strings.Join(cells, ",")
	rewriteTable(t, out, "summary.csv", []byte(strings.Join(lines, "\n")))
	status, stdout, stderr := runCLI(t, "plot", out, "--formats", "svg")
	want := path + ":2: " + output.Totals[0].Name + `: want a number, got "n/a"`
	if status != exitUsage || !strings.Contains(stderr, want) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("plot: status %d, stderr %q; want %d and one line saying %q", status, stderr, exitUsage, want)
	}
	if stdout != "" {
		t.Errorf("plot: stdout %q; want nothing", stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "figures")); !os.IsNotExist(err) {
		t.Errorf("plot drew into %s/figures (%v); want nothing written", out, err)
	}
}

// TestPlotRefusesAnEmptyTimeseries: a timeseries.csv cut to its header,
// its checksum recomputed, is refused as a changed table naming it
// (status 2), where plot once failed with status 1 and "figures:
// TimeBands ...: no bands", naming no file.
func TestPlotRefusesAnEmptyTimeseries(t *testing.T) {
	t.Parallel()
	out := smallCompare(t, "--formats", "")
	path := filepath.Join(out, "timeseries.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	header, _, _ := strings.Cut(string(b), "\n")
	rewriteTable(t, out, "timeseries.csv", []byte(header+"\n"))
	status, _, stderr := runCLI(t, "plot", out, "--formats", "svg")
	if want := path + " holds no rows"; status != exitUsage || !strings.Contains(stderr, want) {
		t.Errorf("plot: status %d, stderr %q; want %d, saying %q", status, stderr, exitUsage, want)
	}
}

// rewriteTable writes data as the table name of the folder at out, and
// its checksum into the manifest (without block digests), as a hand
// edit that keeps the folder verifying would.
func rewriteTable(t *testing.T, out, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	manifestedit.Edit(t, out, func(m map[string]any) {
		for _, c := range m["tables"].([]any) {
			if c := c.(map[string]any); c["file"] == name {
				c["sha256"] = output.SHA256(data)
				delete(c, "blocks")
			}
		}
	})
}
