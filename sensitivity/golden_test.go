package sensitivity

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestDesignsGolden pins the points of small designs of each kind. A
// design must stay the same for the same seed across versions, or an old
// output folder could no longer be reproduced; this test fails on any
// change to how points are drawn. Run go test -update after an intended
// change (and say so in the change's notes).
func TestDesignsGolden(t *testing.T) {
	params := []Param{
		{Name: "rate", Lo: 0, Hi: 0.5},
		{Name: "days", Lo: 7, Hi: 120, Integer: true},
		{Name: "scale", Lo: 0.01, Hi: 10, Dist: LogUniform},
	}
	var buf bytes.Buffer
	write := func(name string, d Design) {
		fmt.Fprintf(&buf, "# %s: %d points\n", name, d.Len())
		var x []float64
		for i := range d.Len() {
			x = d.Point(i, x)
			fmt.Fprintf(&buf, "%d", i)
			for _, v := range x {
				fmt.Fprintf(&buf, ",%.17g", v)
			}
			buf.WriteByte('\n')
		}
	}
	m, err := NewMorris(params, MorrisSettings{Trajectories: 3, Seed: 2026})
	if err != nil {
		t.Fatal(err)
	}
	write("morris r=3 p=4 seed=2026", m)
	m, err = NewMorris(params, MorrisSettings{Trajectories: 3, Levels: 6, Candidates: 9, Seed: 2026})
	if err != nil {
		t.Fatal(err)
	}
	write("morris r=3 of 9 p=6 seed=2026", m)
	for _, seq := range []BaseSequence{ScrambledSobol, PlainSobol, MonteCarlo} {
		s, err := NewSobol(params, SobolSettings{N: 4, Sequence: seq, Seed: 2026})
		if err != nil {
			t.Fatal(err)
		}
		write(fmt.Sprintf("sobol N=4 %v seed=2026", seq), s)
	}

	path := filepath.Join("testdata", "designs.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("design points differ from %s (go test -update rewrites it after an intended change)\ngot:\n%s", path, buf.String())
	}
}
