package gsa_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/borderwork/borderwork/gsa"
	"github.com/borderwork/borderwork/scenarios"
)

// Example screens three assumptions of the bundled classroom scenario by
// Morris' method, as
//
//	borderwork sensitivity classroom --method morris --trajectories 4 \
//	  --params abuse.official_extortion,abuse.papers_effect,migrants.patience_days \
//	  --regimes malfunctioning --metrics abused_migrants --days 60 --reps 2
//
// does (its morris.csv holds the same numbers): each parameter over the
// default range (its value ± half of it, clamped to its valid range), 4
// trajectories, 2 replicates per point with common random numbers. It
// prints each parameter's µ* (in abused migrants per move across the
// parameter's whole range, as Morris effects are measured in the unit
// cube) with its bootstrap interval, highest first, and whether it can be
// told from replicate noise: patience's µ* is above its noise level, but
// its interval reaches below it, so more trajectories would be needed to
// tell.
func Example() {
	s, err := scenarios.Load("classroom")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, kv := range []string{"days=60", "replicates=2"} {
		if err := s.Set(kv); err != nil {
			fmt.Println(err)
			return
		}
	}
	var entries []gsa.Entry
	for _, p := range []string{"abuse.official_extortion", "abuse.papers_effect", "migrants.patience_days"} {
		e, err := gsa.ParseEntry(p) // as --params reads it: a key or pattern, then =lo:hi if not the default range
		if err != nil {
			fmt.Println(err)
			return
		}
		entries = append(entries, e)
	}
	st, err := gsa.New(s, "classroom", gsa.Spec{
		Method: gsa.Morris, Entries: entries, Trajectories: 4,
		Regimes: []string{"malfunctioning"}, Metrics: []string{"abused_migrants"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "example-")
	defer os.RemoveAll(dir)
	res, err := st.Write(context.Background(), filepath.Join(dir, "sensitivity"), gsa.Options{Workers: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	r := res.Result
	fmt.Println(res.Runs, "runs:", r.Info.Points, "points ×", len(r.Info.Arms), "regime × 2 replicates")
	for o, out := range r.Info.Outputs {
		fmt.Println(out.Title())
		for _, i := range r.Rank(o) {
			e := r.Index(o, i)
			fmt.Printf("  %-25s µ* %s [%s, %s] above noise: %v\n", r.Params[i].Name, gsa.Num(e.Value), gsa.Num(e.Lo), gsa.Num(e.Hi), r.AboveNoise(o, i))
		}
	}
	// Output:
	// 32 runs: 16 points × 1 regime × 2 replicates
	// migrants abused under malfunctioning
	//   abuse.official_extortion  µ* 108 [96.4, 130] above noise: true
	//   abuse.papers_effect       µ* 88.7 [72, 105] above noise: true
	//   migrants.patience_days    µ* 10.2 [6.83, 13] above noise: false
}
