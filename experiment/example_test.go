package experiment_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// Example compares the four built-in regimes of the bundled classroom
// scenario with common random numbers on 2 workers and writes the folder
// `borderwork compare classroom --reps 5 --formats svg` writes: tables,
// figures, report.md and manifest.json. (SVG because PNG at 300 dpi takes
// the example from a twentieth of a second to two seconds.)
func Example() {
	s, err := scenarios.Load("classroom")
	if err != nil {
		fmt.Println(err)
		return
	}
	s.File.Replicates = 5
	plan := &experiment.Plan{Command: "compare", Scenario: s, Arg: "classroom", Regimes: scenarios.BuiltinRegimes, Reps: 5}
	x, err := plan.Prepare()
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "example-")
	defer os.RemoveAll(dir)
	res, err := experiment.Write(context.Background(), x, filepath.Join(dir, "compare"), experiment.Options{Workers: 2, Formats: []string{"svg"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range res.Groups {
		trapped, err := g.TotalColumn("trapped_person_days")
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-15s trapped person-days %s\n", g.Regime, output.FormatStat(output.Describe(trapped)))
	}
	fmt.Println(len(res.Figures), "figures; report.md written:", fileExists(filepath.Join(res.Dir, "report.md")))
	// Output:
	// open            trapped person-days 1.6 ± 4.4
	// closed          trapped person-days 3,430 ± 1,313
	// malfunctioning  trapped person-days 145 ± 78.6
	// hbm             trapped person-days 624 ± 52.3
	// 5 figures; report.md written: true
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// ExampleReproduce writes a folder on 2 workers, reruns it on 1 from its
// manifest and scenario.toml alone, as `borderwork reproduce` does, and
// finds every table, figure and the report the same bytes; then, with one
// number of summary.csv changed by hand, names the table and the row
// that no longer follow from the runs.
func ExampleReproduce() {
	s, _ := scenarios.Load("classroom")
	s.File.Days, s.File.Replicates = 120, 3 // as --days and --reps set them
	x, err := (&experiment.Plan{Command: "compare", Scenario: s, Arg: "classroom", Regimes: []string{"open", "closed"}, Reps: s.File.Replicates}).Prepare()
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "example-")
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "compare")
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
		fmt.Println(err)
		return
	}
	rep, err := experiment.Reproduce(context.Background(), out, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.CommandLine)
	fmt.Printf("%d tables, %d figure files, report %v; %d problems\n", rep.Tables, rep.Figures, rep.Report, len(rep.Problems))

	summary := filepath.Join(out, "summary.csv")
	b, _ := os.ReadFile(summary)
	os.WriteFile(summary, bytes.Replace(b, []byte("0,0,0,0,0,100,15,85,"), []byte("0,0,0,0,0,101,15,85,"), 1), 0o644)
	rep, err = experiment.Reproduce(context.Background(), out, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range rep.Problems {
		fmt.Println(p)
	}
	// Output:
	// borderwork compare classroom --seed 2018 --days 120 --reps 3 --regimes open,closed --formats svg
	// 3 tables, 5 figure files, report true; 0 problems
	// summary.csv:2: this row differs from what borderwork wrote (in the folder; the first differing row)
}

// ExampleRedraw draws a folder's figures again from its tables, one
// journal column wide and with every replicate's line in place of the
// bands, as `borderwork plot DIR --size single --bands replicates
// --formats svg` does; the folder records the change, so that the next
// redraw and reproduce draw the same.
func ExampleRedraw() {
	s, _ := scenarios.Load("classroom")
	s.File.Days, s.File.Replicates = 120, 3
	x, err := (&experiment.Plan{Command: "compare", Scenario: s, Arg: "classroom", Regimes: []string{"open", "closed"}, Reps: s.File.Replicates}).Prepare()
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "example-")
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "compare")
	// Written with no figures, as by --formats ''.
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2}); err != nil {
		fmt.Println(err)
		return
	}
	r, err := experiment.Redraw(out, []string{"svg"}, experiment.FigureChange{Size: "single", Bands: "replicates"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Files)
	m, _ := output.ReadManifest(out)
	fmt.Println(m.CommandLine)
	// Output:
	// [figures/trapped.svg figures/abuse.svg figures/immobilised.svg figures/abuse_by_kind.svg figures/outcomes.svg]
	// borderwork compare classroom --seed 2018 --days 120 --reps 3 --regimes open,closed --bands replicates --size single --formats svg
}
