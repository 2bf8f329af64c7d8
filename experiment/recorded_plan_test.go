package experiment_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestPlanRepsRecorded: a library's compare plan of 2 replicates of a
// scenario of 20 records what ran: --reps 2 in its command line, 2
// replicates in its manifest and its scenario.toml, so that the command
// line, rerun, writes the same folder, and Reproduce finds no problem.
// It recorded --reps 20, which reproduce and plot reported as a problem.
func TestPlanRepsRecorded(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Days = 10
	if s.File.Replicates == 2 {
		t.Fatal("classroom has 2 replicates; the test wants a scenario of another number")
	}
	plan := &experiment.Plan{Command: "compare", Scenario: s, Arg: "classroom", Regimes: []string{"open"}, Reps: 2}
	x, err := plan.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	out, m := writeAndRead(t, x, "compare")
	const want = "borderwork compare classroom --seed 2018 --days 10 --reps 2 --regimes open"
	if got := experiment.BaseCommandLine(m.CommandLine); got != want || m.Reps != 2 {
		t.Errorf("manifest records reps %d and command line %q; want 2 and %q", m.Reps, got, want)
	}
	if got := plan.CommandLine(); got != want {
		t.Errorf("Plan.CommandLine() = %q; want %q", got, want)
	}
	saved, err := scenarios.Load(filepath.Join(out, "scenario.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if saved.File.Replicates != 2 {
		t.Errorf("scenario.toml records %d replicates; want the 2 run, as --reps 2 writes it", saved.File.Replicates)
	}
	reproducesCleanly(t, out)
}

// TestPlanEmptyArg: a plan whose Arg is "" records the scenario it runs.
// For the default scenario its command line names none, as the command
// line's own does; for another bundled scenario it names it (it named
// none, which reruns the default, sahel), so that the command line runs
// what ran; and the folder of a scenario parsed from text, which no
// command line names, is refused before anything is written.
func TestPlanEmptyArg(t *testing.T) {
	load := func(name string) *scenarios.Scenario {
		s, err := scenarios.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		s.File.Days, s.File.Replicates = 5, 1
		return s
	}
	classroomText, err := os.ReadFile("../scenarios/classroom.toml")
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := scenarios.Parse(classroomText, "classroom.toml", "test:classroom", os.DirFS("../scenarios"))
	if err != nil {
		t.Fatal(err)
	}
	parsed.File.Days, parsed.File.Replicates = 5, 1
	for _, c := range []struct {
		name    string
		s       *scenarios.Scenario
		arg     string
		want    string // the command line's start; "": refused
		wantErr string
	}{
		{"default", load(""), "", "borderwork run --seed", ""},
		{"another bundled", load("classroom"), "", "borderwork run classroom --seed", ""},
		{"another bundled, named", load("classroom"), "classroom", "borderwork run classroom --seed", ""},
		{"a path", load("../scenarios/classroom.toml"), "", "borderwork run ../scenarios/classroom.toml --seed", ""},
		{"parsed, named", parsed, "classroom.toml", "borderwork run classroom.toml --seed", ""},
		{"parsed, unnamed", parsed, "", "", `the plan's Arg is empty, which a command line reads as the default scenario, sahel, but its scenario classroom was read from test:classroom, which no command line names; set Arg`},
	} {
		t.Run(c.name, func(t *testing.T) {
			regime := c.s.DefaultRegimes()[0]
			x, err := (&experiment.Plan{Command: "run", Scenario: c.s, Arg: c.arg, Regimes: []string{regime}, Reps: 1}).Prepare()
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "run")
			_, err = experiment.Write(context.Background(), x, out, experiment.Options{Workers: 1})
			if c.wantErr != "" {
				if err == nil || !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), c.wantErr) {
					t.Errorf("Write: %v; want bad input saying %q", err, c.wantErr)
				}
				if _, serr := os.Stat(out); !errors.Is(serr, os.ErrNotExist) {
					t.Errorf("Write refused, but %s is there (%v); want nothing written", out, serr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			m, err := output.ReadManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(m.CommandLine, c.want+" ") {
				t.Errorf("command line %q; want it to start %q", m.CommandLine, c.want)
			}
			if got := x.CommandLine(); got != experiment.BaseCommandLine(m.CommandLine) {
				t.Errorf("CommandLine() = %q; want the one recorded, %q", got, experiment.BaseCommandLine(m.CommandLine))
			}
			reproducesCleanly(t, out)
		})
	}
}

// TestPlanRunArgsRecorded: a library's compare plan that writes
// locations.csv and an event log, with no Args, records --by-location
// and --events, so that its command line writes them again; it recorded
// neither, which reproduce reported as a command line "written without"
// them by an earlier borderwork.
func TestPlanRunArgsRecorded(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Days, s.File.Replicates = 10, 2
	for _, c := range []struct {
		name string
		plan experiment.Plan
		want string // the flags after --regimes open
	}{
		{"locations", experiment.Plan{ByLocation: true}, "--by-location"},
		{"events", experiment.Plan{Events: []int{0}}, "--events"},
		{"both, of replicate 1", experiment.Plan{ByLocation: true, Events: []int{1}}, "--by-location --events --events-reps 1"},
		{"given", experiment.Plan{ByLocation: true, Args: runs.RunArgs(true, nil)}, "--by-location"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := c.plan
			p.Command, p.Scenario, p.Arg, p.Regimes, p.Reps = "compare", s, "classroom", []string{"open"}, 2
			x, err := p.Prepare()
			if err != nil {
				t.Fatal(err)
			}
			out, m := writeAndRead(t, x, "compare")
			want := "borderwork compare classroom --seed 2018 --days 10 --reps 2 --regimes open " + c.want
			if got := experiment.BaseCommandLine(m.CommandLine); got != want {
				t.Errorf("command line %q; want %q", got, want)
			}
			reproducesCleanly(t, out)
		})
	}
}

// TestSweepRepsRecorded: a sweep planned by NewSweep whose Reps is
// changed before Prepare records, as its total_runs, the runs it plans,
// so that plot draws it; it recorded those of the scenario's replicates
// (40 of 4), and plot refused it: "runs lists 4 of the 40 runs the
// folder holds when complete; the manifest was changed".
func TestSweepRepsRecorded(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Days = 10
	p, err := experiment.NewSweep(s, "classroom", []string{"open"}, experiment.SweepSpec{Vary: []string{"abuse.bribe=10,20"}})
	if err != nil {
		t.Fatal(err)
	}
	p.Reps = 2
	x, err := p.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	out, m := writeAndRead(t, x, "sweep")
	if m.Sweep.TotalRuns != 4 || len(m.Runs) != 4 {
		t.Errorf("manifest records total_runs %d and %d runs; want 4 and 4", m.Sweep.TotalRuns, len(m.Runs))
	}
	if _, err := experiment.Redraw(out, []string{"svg"}, experiment.FigureChange{}); err != nil {
		t.Errorf("Redraw: %v", err)
	}
}

// TestSweepChangedRefused: a sweep planned by NewSweep whose Points or
// Keys a library then changed ran the points it was given but recorded
// the --vary it was planned with, which reruns other points; Prepare now
// refuses such a plan as bad input (nothing is written), whether the
// points were replaced or changed in place. One left as planned prepares.
func TestSweepChangedRefused(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Days = 10
	for _, tc := range []struct {
		name   string
		change func(p *experiment.Plan)
	}{
		{"as planned", func(p *experiment.Plan) {}},
		{"points replaced", func(p *experiment.Plan) { p.Points = [][]float64{{10}, {30}} }},
		{"a point changed in place", func(p *experiment.Plan) { p.Points[1][0] = 30 }},
		{"a point added", func(p *experiment.Plan) { p.Points = append(p.Points, []float64{30}) }},
		{"keys replaced", func(p *experiment.Plan) { p.Keys = []string{"days"} }},
		{"a key renamed in place", func(p *experiment.Plan) { p.Keys[0] = "days" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := experiment.NewSweep(s, "classroom", []string{"open"}, experiment.SweepSpec{Vary: []string{"abuse.bribe=10,20"}})
			if err != nil {
				t.Fatal(err)
			}
			tc.change(p)
			_, err = p.Prepare()
			if tc.name == "as planned" {
				if err != nil {
					t.Errorf("Prepare of a sweep as planned: %v", err)
				}
				return
			}
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), "--vary abuse.bribe=10,20") {
				t.Errorf("Prepare of a sweep whose %s = %v; want bad input naming the --vary it records", tc.name, err)
			}
		})
	}
}

// TestPlanOtherArgRefused: a plan whose Arg names another bundled
// scenario than the one it runs (Arg "sahel" with classroom loaded)
// recorded a command line that runs sahel beside classroom's tables;
// it is refused as bad input, naming both, with nothing written. Arg
// naming the scenario loaded, or "" for it, writes the folder.
func TestPlanOtherArgRefused(t *testing.T) {
	for _, tc := range []struct {
		load, arg string
		ok        bool
	}{
		{"classroom", "sahel", false},
		{"sahel", "classroom", false},
		{"classroom", "classroom", true},
		{"classroom", "", true},
	} {
		t.Run(tc.load+" as "+tc.arg, func(t *testing.T) {
			s, err := scenarios.Load(tc.load)
			if err != nil {
				t.Fatal(err)
			}
			s.File.Days = 5
			x, err := (&experiment.Plan{Command: "run", Scenario: s, Arg: tc.arg, Regimes: []string{"open"}, Reps: 1}).Prepare()
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "run")
			_, err = experiment.Write(context.Background(), x, out, experiment.Options{Workers: 1, Formats: []string{}})
			if tc.ok {
				if err != nil {
					t.Errorf("Write of %s with Arg %q: %v", tc.load, tc.arg, err)
				}
				return
			}
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), "bundled:"+tc.load) {
				t.Errorf("Write of %s with Arg %q = %v; want bad input naming where the scenario was read from", tc.load, tc.arg, err)
			}
			if _, serr := os.Stat(out); !errors.Is(serr, os.ErrNotExist) {
				t.Errorf("refused, but %s is there (%v)", out, serr)
			}
		})
	}
}

// reproducesCleanly fails t unless Reproduce reruns the folder out and
// finds no problem: what a folder's recorded command line and scenario
// must give.
func reproducesCleanly(t *testing.T, out string) {
	t.Helper()
	rep, err := experiment.Reproduce(context.Background(), out, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		t.Errorf("Reproduce: problems %q; want none", rep.Problems)
	}
}

// writeAndRead writes the folder of x, named name, on one worker, and
// returns where and its manifest.
func writeAndRead(t *testing.T, x *experiment.Prepared, name string) (string, *output.Manifest) {
	t.Helper()
	out := filepath.Join(t.TempDir(), name)
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	return out, m
}
