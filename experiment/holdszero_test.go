package experiment

import (
	"context"
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestHoldsZeroIsContrastCSV: the difference map dots the cells whose
// interval in contrast.csv holds 0, on every metric, and no other.
func TestHoldsZeroIsContrastCSV(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = 3, 30
	p, err := NewSweep(s, "classroom", []string{"closed", "malfunctioning"}, SweepSpec{
		Vary: []string{"regimes.malfunctioning.outage_start=0:0.2:3", "posts.Post.capacity=5:15:3"},
	})
	if err != nil {
		t.Fatal(err)
	}
	x, err := p.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Write(context.Background(), x, out, Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	src, err := readSweep(Source{Dir: out, Manifest: m})
	if err != nil {
		t.Fatal(err)
	}
	_, rows := foldertest.ReadCSV(t, filepath.Join(out, "contrast.csv"))
	if len(rows) != len(x.Points)*len(output.Totals) {
		t.Fatalf("contrast.csv has %d rows; want %d", len(rows), len(x.Points)*len(output.Totals))
	}
	held, missed := 0, 0
	for tot := range output.Totals {
		hz := src.holdsZero("malfunctioning", "closed", tot)
		for pt := range x.Points {
			r := rows[pt*len(output.Totals)+tot]
			lo, _ := strconv.ParseFloat(r[len(r)-2], 64)
			hi, _ := strconv.ParseFloat(r[len(r)-1], 64)
			want := !math.IsNaN(lo) && lo <= 0 && hi >= 0
			if hz[pt] != want {
				t.Errorf("%s at point %d: dotted %v; contrast.csv's interval is %v to %v", output.Totals[tot].Name, pt, hz[pt], lo, hi)
			}
			if want {
				held++
			} else {
				missed++
			}
		}
	}
	if held == 0 || missed == 0 {
		t.Errorf("%d intervals hold 0 and %d do not: the test needs both", held, missed)
	}
}
