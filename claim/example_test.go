package claim_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/borderwork/borderwork/claim"
	"github.com/borderwork/borderwork/scenarios"
)

// ExampleCheck tests the claim on the bundled classroom scenario: the
// factorial design of closure × malfunction × protection with common
// random numbers, a pilot of 6 replicates and at most 12, and a folder
// with the effects, verdicts, mediation table and report. On the abuse
// harms the claim's chain fails: malfunction adds abuse, but little of it
// falls on trapped or stranded migrants, averaged over protection and
// without it (the second reading, where the named regimes lie).
func ExampleCheck() {
	s, err := scenarios.Load("classroom")
	if err != nil {
		fmt.Println(err)
		return
	}
	s.File.Replicates = 6
	o := claim.DefaultOptions()
	o.MaxReps = 12
	dir, _ := os.MkdirTemp("", "example-")
	defer os.RemoveAll(dir)
	res, err := claim.Check(context.Background(), s, "classroom", o, filepath.Join(dir, "claim"), 2, nil, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("replicates:", res.Reps, "of", len(res.Arms), "combinations")
	for _, v := range res.Claim {
		chain := ""
		if v.ChainAtOpen != "" {
			chain = fmt.Sprintf("; the chain %s at open, %s at closed", v.ChainAtOpen, v.ChainAtClosed)
		}
		fmt.Printf("%s: malfunction %s at open, %s at closed admission; closure %s%s; the claim %s\n",
			claim.Title(v.Harm), v.AtOpen, v.AtClosed, v.Closure, chain, v.Holds)
	}
	for _, m := range res.Mediation {
		if m.Chain != "" {
			fmt.Printf("%s: %.0f%% of the added abuse on trapped or stranded migrants\n", m.Row, 100*m.Share)
		}
	}
	// Output:
	// replicates: 12 of 8 combinations
	// trapped person-days: malfunction inconclusive at open, inconclusive at closed admission; closure harmful; the claim fails
	// immobilised person-days: malfunction no meaningful difference at open, protective at closed admission; closure harmful; the claim fails
	// abuse events: malfunction harmful at open, harmful at closed admission; closure inconclusive; the chain fails at open, fails at closed; the claim holds, but not through trapping
	// migrants abused: malfunction harmful at open, harmful at closed admission; closure protective; the chain fails at open, fails at closed; the claim holds, but not through trapping
	// deaths: malfunction inconclusive at open, inconclusive at closed admission; closure harmful; the claim fails
	// harm index: malfunction harmful at open, inconclusive at closed admission; closure harmful; the claim fails
	// malfunction|closure=open: 1% of the added abuse on trapped or stranded migrants
	// malfunction|closure=closed: 12% of the added abuse on trapped or stranded migrants
	// malfunction|closure=open,protection=none: 2% of the added abuse on trapped or stranded migrants
	// malfunction|closure=closed,protection=none: 15% of the added abuse on trapped or stranded migrants
}
