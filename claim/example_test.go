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
// four regimes with common random numbers, replicates added until the
// verdicts settle (here capped at 8), and a folder with the contrasts,
// figures and report.
func ExampleCheck() {
	s, err := scenarios.Load("classroom")
	if err != nil {
		fmt.Println(err)
		return
	}
	s.File.Replicates = 4
	o := claim.DefaultOptions()
	o.MaxReps = 8
	dir, _ := os.MkdirTemp("", "example-")
	defer os.RemoveAll(dir)
	res, err := claim.Check(context.Background(), s, "classroom", o, filepath.Join(dir, "claim"), 2, nil, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("replicates:", res.Reps)
	for _, r := range res.Results {
		if r.Hypothesis.ID == "H1" {
			fmt.Printf("H1 on %s: %s\n", claim.Title(r.Metric), r.Verdict)
		}
	}
	// Output:
	// replicates: 8
	// H1 on trapped person-days: contradicted
	// H1 on migrants abused: supported
	// H1 on abuse events: inconclusive
	// H1 on deaths: contradicted
}
