package output_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// ExampleReadSummary reads back an output folder's results, as a notebook
// or a program reads a folder a command wrote: its manifest says what ran,
// summary.csv holds one row per run with every total (docs/OUTPUTS.md),
// GroupRows gathers the rows by sweep point and regime, and Describe gives
// a total's mean and 95% interval over the replicates (the numbers the
// command prints). The folder is written first, as
//
//	borderwork compare classroom --days 120 --reps 3 --regimes open,closed --formats ''
//
// writes it. (TotalIndex is -1 for a name that is not a total: check a
// name a user gives with TotalByName.)
func ExampleReadSummary() {
	dir, _ := os.MkdirTemp("", "example-")
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "compare")
	if err := writeFolder(out); err != nil {
		fmt.Println(err)
		return
	}

	m, err := output.ReadManifest(out)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.CommandLine)
	_, rows, err := output.ReadSummary(filepath.Join(out, "summary.csv"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range output.GroupRows(rows) {
		fmt.Printf("%s (%d replicates):\n", g.Regime, len(g.Rows))
		for _, t := range output.Headlines() {
			st := output.Describe(g.Column(output.TotalIndex(t.Name)))
			fmt.Printf("  %-24s %s (%s)\n", t.Name, output.FormatStat(st), t.Unit)
		}
	}
	// Output:
	// borderwork compare classroom --seed 2018 --days 120 --reps 3 --regimes open,closed --formats ''
	// open (3 replicates):
	//   trapped_person_days      0.0 ± 0.0 (person-days)
	//   immobilised_person_days  0.0 ± 0.0 (person-days)
	//   abuse_by_smugglers       9.0 ± 13.1 (events)
	//   abuse_by_officials       85.0 ± 9.9 (events)
	//   abused_migrants          93.3 ± 13.7 (migrants)
	//   deaths                   1.0 ± 2.5 (migrants)
	//   arrivals                 949 ± 87.6 (migrants)
	// closed (3 replicates):
	//   trapped_person_days      2,277 ± 371 (person-days)
	//   immobilised_person_days  11,731 ± 3,607 (person-days)
	//   abuse_by_smugglers       167 ± 26.9 (events)
	//   abuse_by_officials       16.0 ± 8.6 (events)
	//   abused_migrants          156 ± 18.8 (migrants)
	//   deaths                   8.3 ± 8.7 (migrants)
	//   arrivals                 712 ± 96.7 (migrants)
}

// writeFolder writes the compare folder ExampleReadSummary reads.
func writeFolder(out string) error {
	s, err := scenarios.Load("classroom")
	if err != nil {
		return err
	}
	s.File.Days, s.File.Replicates = 120, 3 // as --days and --reps set them
	x, err := (&experiment.Plan{Command: "compare", Scenario: s, Arg: "classroom", Regimes: []string{"open", "closed"}, Reps: s.File.Replicates}).Prepare()
	if err != nil {
		return err
	}
	_, err = experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2})
	return err
}
