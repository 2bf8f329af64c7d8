package experiment

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestAnalysisUnchanged: the bytes a Table is compared by are those it
// is written as, quotes and all, and AnalysisUnchanged names the tables
// whose checksum the manifest records otherwise, or does not record.
func TestAnalysisUnchanged(t *testing.T) {
	dir := t.TempDir()
	ts := []Table{
		{Name: "a.csv", Header: []string{"x", "label"}, Rows: [][]string{{"1", "a, \"quoted\" label"}, {"NaN", ""}}},
		{Name: "b.csv", Header: []string{"y"}, Rows: [][]string{{"2"}}},
		{Name: "c.csv", Header: []string{"z"}},
	}
	for _, tb := range ts {
		if err := tb.WriteIn(dir); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, tb.Name))
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != string(tb.Bytes()) {
			t.Errorf("%s: written as %q, compared as %q", tb.Name, b, tb.Bytes())
		}
	}
	checked, err := output.Check(dir, []string{"a.csv", "b.csv", "c.csv"})
	if err != nil {
		t.Fatal(err)
	}
	m := &output.Manifest{Tables: checked}
	if err := AnalysisUnchanged(m, ts); err != nil {
		t.Errorf("the tables as written: %v; want nil", err)
	}
	m.Tables[1].SHA256 = output.SHA256([]byte("y\n3\n"))
	m.Tables = slices.Delete(m.Tables, 2, 3)
	var changed *AnalysisChanged
	if err := AnalysisUnchanged(m, ts); !errors.As(err, &changed) || !slices.Equal(changed.Tables, []string{"b.csv", "c.csv"}) {
		t.Errorf("b.csv recorded otherwise and c.csv not at all: %v; want both named", err)
	}
}
