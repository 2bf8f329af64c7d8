package validation

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/flee"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestWriteFleeEmptyArg: a library's WriteFlee with arg "" (the
// scenario named by no argument, as experiment.Plan.Arg allows) recorded
// a command line whose scenario is an empty quoted word, which validate
// refuses ("want a SCENARIO"), and scenario_arg "". The folder now
// records the bundled name or path the scenario was loaded from
// (Scenario.Source); one parsed from text, which no command line names,
// is refused as bad input with nothing written. So is an arg naming
// another bundled scenario than the one run (experiment.CheckArg), whose
// command line would run that one.
func TestWriteFleeEmptyArg(t *testing.T) {
	ctx := context.Background()
	const dataDir = "../data/flee/mali2012"
	cs, err := flee.Read(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	bundled, err := scenarios.Load("mali2012")
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := scenarios.Parse(bundled.Raw, "pasted", "pasted", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		s       *scenarios.Scenario
		arg     string
		wantArg string // "": refused
	}{
		{"bundled", bundled, "", "mali2012"},
		{"parsed from text", parsed, "", ""},
		{"bundled, named", bundled, "mali2012", "mali2012"},
		{"bundled, another named", bundled, "sahel", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.s
			if err := s.Set("days=3"); err != nil {
				t.Fatal(err)
			}
			if err := s.Set("replicates=1"); err != nil {
				t.Fatal(err)
			}
			v, err := flee.Validate(ctx, s, cs, flee.ValidateOptions{Regime: "open", Replicates: 1, Seed: uint64(s.File.Seed), Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			in, err := NewInfo(ctx, dataDir, "open")
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "v")
			folder, err := output.Create(out, output.Owner{Command: "validate", Source: s.Source}, false)
			if err != nil {
				t.Fatal(err)
			}
			defer folder.Discard()
			o := output.DefaultFigureOptions()
			o.NoFigures = true
			_, err = WriteFlee(ctx, folder, v, s, &o, nil, tc.arg, in)
			if tc.wantArg == "" {
				if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), s.Source) {
					t.Errorf("WriteFlee(arg %q) of the scenario read from %s = %v; want bad input naming where it was read from", tc.arg, s.Source, err)
				}
				folder.Discard()
				if _, err := os.Stat(out); !os.IsNotExist(err) {
					t.Errorf("refused, but %s is there (%v)", out, err)
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
			if words := experiment.ShellWords(m.CommandLine); len(words) < 3 || words[2] != tc.wantArg || m.ScenarioArg != tc.wantArg {
				t.Errorf("WriteFlee(arg %q) recorded command line %q, scenario_arg %q; want the scenario %q named in both", tc.arg, m.CommandLine, m.ScenarioArg, tc.wantArg)
			}
		})
	}
}
