package output

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// Fuzz targets of the readers of an output folder: a manifest or a table
// of any content is read, or refused with an error; never a panic. Seeds
// are in testdata/fuzz.

func FuzzParseManifest(f *testing.F) {
	m := NewManifest("sweep")
	m.Command, m.ScenarioSource, m.Seed, m.Days, m.Reps = "sweep", "bundled:sahel", 7, 30, 2
	m.Sweep = &SweepInfo{Design: "grid", Vary: []string{"days=1,2"}, Keys: []string{"days"}, Points: [][]float64{{1}, {2}}, TotalRuns: 4}
	m.Runs = []RunInfo{{ID: 0, Regime: "open", Seed: 1, Params: []float64{1}}}
	m.Tables = []Checked{{File: "summary.csv", SHA256: "ab", Blocks: []string{"0123456789abcdef"}}}
	m.Figures = []Checked{{File: "figures/a.png", SHA256: "cd"}}
	m.Report = &Checked{File: "report.md", SHA256: "ef"}
	dir := f.TempDir()
	if err := m.Write(filepath.Join(dir, "manifest.json")); err != nil {
		f.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
	f.Add(data)
	f.Add([]byte(`{"tool":"borderwork","runs":[{"id":-1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest(data)
		if err != nil {
			return
		}
		for _, c := range m.Files() {
			if !filepath.IsLocal(filepath.FromSlash(c.File)) {
				t.Fatalf("ParseManifest accepted a file outside the folder: %q", c.File)
			}
		}
		// What reads, writes and reads back the same.
		dir := t.TempDir()
		if err := m.Write(filepath.Join(dir, "manifest.json")); err != nil {
			return // NaN or Inf in a number: not JSON
		}
		back, err := ReadManifest(dir)
		if err != nil {
			t.Fatalf("a manifest written does not read back: %v", err)
		}
		if !reflect.DeepEqual(normal(back), normal(m)) {
			t.Fatalf("a manifest changes when written and read back")
		}
	})
}

// normal makes nil and empty slices alike, for comparing manifests.
func normal(m *Manifest) *Manifest {
	c := *m
	c.Runs, c.Tables, c.Figures, c.Sets, c.Regimes = nil, nil, nil, nil, nil
	c.Claim = nil
	return &c
}

func FuzzReadTable(f *testing.F) {
	f.Add([]byte("run,regime,replicate,seed,trapped_person_days\n0,open,0,1,2\n"))
	f.Add([]byte("run,regime,replicate,day,trapped\n0,open,0,0,1\n0,open,0,1,2\n1,closed,0,0,3\n"))
	f.Add([]byte("a,\"b\nc\",d\n1,2\n"))
	f.Add([]byte(""))
	header := bytes.Join([][]byte{[]byte("run,regime,replicate,seed")}, nil)
	for _, t := range Totals {
		header = append(append(header, ','), t.Name...)
	}
	f.Add(append(header, "\n0,open,0,1"+string(bytes.Repeat([]byte(",1"), len(Totals)))+"\n"...))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		p := filepath.Join(dir, "t.csv")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if tab, err := ReadTable(p, "run"); err == nil {
			for i := range tab.Rows {
				for _, c := range tab.Header {
					tab.Cell(i, c)
					tab.Float(i, c)
					tab.Int(i, c)
				}
			}
		} else {
			var se *scenarios.Error
			if !errors.As(err, &se) {
				t.Fatalf("ReadTable error %v is not placed in the file", err)
			}
		}
		ReadSummary(p)
		ReadTimeseries(p, []string{"trapped"}, func(Run, int, []float64) error { return nil })
		c, err := Check(dir, []string{"t.csv"})
		if err != nil {
			t.Fatal(err)
		}
		if d, err := Verify(dir, c[0]); d != nil || err != nil {
			t.Fatalf("a table does not verify against its own checksum: %v, %v", d, err)
		}
		// Any change is found, and Locate finds a line given the rows.
		changed := append(append([]byte{}, data...), "9\n"...)
		os.WriteFile(p, changed, 0o644)
		d, err := Verify(dir, c[0])
		if err != nil || d == nil {
			t.Fatalf("a changed table verifies: %v, %v", d, err)
		}
		if err := Locate(dir, d, bytes.SplitAfter(data, []byte("\n"))); err != nil {
			t.Fatal(err)
		}
	})
}
