package gsa

import (
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// TestCommandLineWithoutPreparing: CommandLine, which --resume compares
// with a folder's before setting anything up, is the command line of the
// study NewContext builds, whatever the method, settings, parameters,
// outputs, overrides and scenario name.
func TestCommandLineWithoutPreparing(t *testing.T) {
	entry := func(arg string) Entry {
		e, err := ParseEntry(arg)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	set := func(s *scenarios.Scenario) *scenarios.Scenario {
		if err := s.Set("seed=7"); err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, c := range []struct {
		name string
		s    *scenarios.Scenario
		arg  string
		spec Spec
	}{
		{"defaults", classroom(t, 10, 2), "", Spec{Method: Morris, Trajectories: 2}},
		{"morris settings", classroom(t, 10, 3), "classroom", Spec{Method: Morris, Trajectories: 2, Levels: 6, Candidates: 5, Share: 0.25, Resamples: 50, Level: 0.9}},
		{"sobol", classroom(t, 10, 2), "classroom", Spec{Method: Sobol, Samples: 4, Base: "random", Entries: []Entry{entry("posts.Post.capacity=5:25")}}},
		{"params, regimes, metrics", set(classroom(t, 10, 2)), "classroom", Spec{Method: Morris, Trajectories: 2,
			Entries: []Entry{entry("posts.Post.capacity"), entry("abuse.desperation_effect")}, Regimes: []string{"hbm", "open"}, Metrics: []string{"deaths", "headlines"}}},
		{"effects", classroom(t, 10, 2), "classroom", Spec{Method: Morris, Trajectories: 2, Effects: []string{"claim"}, Split: true,
			Entries: []Entry{entry("posts.Post.capacity")}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := CommandLine(c.s, c.arg, c.spec)
			if err != nil {
				t.Fatal(err)
			}
			st, err := New(c.s, c.arg, c.spec)
			if err != nil {
				t.Fatal(err)
			}
			if want := st.X.CommandLine(); got != want {
				t.Errorf("CommandLine = %q\nthe study's  %q", got, want)
			}
		})
	}
}
