package experiment

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestRoomHoldsWhatAKeptFolderWrites: the room a sweep holds while it
// runs is at least what the folder of the runs written so far writes
// after them (stats.csv, contrast.csv, manifest.json), so that runs a
// full disk stops can be kept (ErrOutOfRoom): for folders stopped after
// one run, after half of them and for complete ones, of one replicate (a
// group of stats.csv per run) or three, and of one varied key or three.
// The room is counted from each folder's own rows, as Run grows it.
func TestRoomHoldsWhatAKeptFolderWrites(t *testing.T) {
	three := []string{"regimes.malfunctioning.outage_start=0.05:0.3", "abuse.desperation_effect=0:1", "abuse.official_extortion=0:0.5"}
	for _, c := range []struct {
		name string
		reps int
		spec SweepSpec
	}{
		{"grid, 1 replicate", 1, SweepSpec{Vary: []string{"regimes.malfunctioning.outage_start=0.05,0.1,0.2"}}},
		{"grid, 3 replicates", 3, SweepSpec{Vary: []string{"regimes.malfunctioning.outage_start=0.05,0.2"}}},
		{"Latin hypercube of 3 keys", 1, SweepSpec{Design: "lhs", Samples: 4, Vary: three}},
	} {
		p, err := NewSweep(loadSmall(t, c.reps, 20), small, []string{"open", "closed", "malfunctioning"}, c.spec)
		if err != nil {
			t.Fatal(err)
		}
		x, err := p.Prepare()
		if err != nil {
			t.Fatal(err)
		}
		for _, stop := range []int{1, x.NRuns() / 2, x.NRuns()} {
			out := filepath.Join(t.TempDir(), "s")
			ctx, cancel := context.WithCancel(context.Background())
			_, err := Write(ctx, x, out, Options{Workers: 1, Progress: func(done int) {
				if done == stop && stop < x.NRuns() {
					cancel()
				}
			}})
			cancel()
			m, merr := output.ReadManifest(out)
			if merr != nil {
				t.Fatalf("%s, stopped after %d runs: %v (%v)", c.name, stop, merr, err)
			}
			need := newRoomNeed(x)
			room, err := need.base(0)
			if err != nil {
				t.Fatal(err)
			}
			_, rows, err := output.ReadSummary(filepath.Join(out, "summary.csv"))
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				room += need.of(r.Run)
			}
			var written int64
			for _, name := range []string{"stats.csv", "contrast.csv", "manifest.json"} {
				if st, err := os.Stat(filepath.Join(out, name)); err == nil {
					written += st.Size()
				}
			}
			if room < written {
				t.Errorf("%s, %d of %d runs: room held %d bytes; the folder wrote %d after its runs", c.name, len(m.Runs), x.NRuns(), room, written)
			}
			if len(m.Runs) < stop {
				t.Errorf("%s: stopped after %d runs, the folder holds %d", c.name, stop, len(m.Runs))
			}
			t.Logf("%s, %d of %d runs: room %d bytes for %d written", c.name, len(m.Runs), x.NRuns(), room, written)
		}
	}
}
