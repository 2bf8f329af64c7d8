package experiment_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/scenarios"
)

// FuzzSweep: any --vary argument, design and sample count give a sweep
// within the limits, or an error of the documented kinds on one line;
// never a panic or an allocation beyond the limits. A sweep that plans
// runs its first run when that is quick. Seeds are in
// testdata/fuzz/FuzzSweep.
//
// The limits are the defaults but for memory, fuzzLimits: the default 8
// GiB admits plans of millions of points, whose preparation (about 0.25
// ms a point) outlasts the 10 seconds the fuzzer gives one input before
// it calls it hung (testdata/fuzz/FuzzSweep/7f40a05e96f107ef, 100,000
// points, took 25 s). 16 MiB admits about 11,000 runs.
func FuzzSweep(f *testing.F) {
	fuzzLimits := runs.DefaultLimits()
	fuzzLimits.Memory = 16 << 20
	for _, v := range []string{
		"regimes.malfunctioning.outage_start=0:0.2:3", "regimes.malfunctioning.outage_start=0:0.2:100000000",
		"days=1,2,3", "posts.0.capacity=0:100", "origins.0.inflow=1e12,1", "abuse.desperation_effect=0:4",
		"regimes.x.patrol=0:1:2", "migrants.trapped_after_days=0.5,1", "name=1,2",
	} {
		f.Add(v, "", false, 0)
		f.Add(v, "days=10:20:2", true, 5)
	}
	base, err := scenarios.Load("classroom")
	if err != nil {
		f.Fatal(err)
	}
	base.File.Days, base.File.Replicates = 10, 1
	f.Fuzz(func(t *testing.T, vary, vary2 string, lhs bool, samples int) {
		spec := experiment.SweepSpec{Vary: []string{vary}, Samples: samples, Limits: fuzzLimits}
		if vary2 != "" {
			spec.Vary = append(spec.Vary, vary2)
		}
		if lhs {
			spec.Design = "lhs"
		}
		wantKind := func(err error) {
			t.Helper()
			if !errors.Is(err, runs.ErrBadInput) && !errors.Is(err, scenarios.ErrInvalid) {
				t.Fatalf("error %v is neither bad input nor an invalid scenario", err)
			}
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Fatalf("error is more than one line: %q", err)
			}
		}
		p, err := experiment.NewSweep(base.Clone(), "classroom", []string{"open", "malfunctioning"}, spec)
		if err != nil {
			wantKind(err)
			return
		}
		x, err := p.Prepare()
		if err != nil {
			wantKind(err)
			return
		}
		if _, err := x.Fit(fuzzLimits, x.NRuns(), 1); err != nil {
			wantKind(err)
			return
		}
		cfg, err := x.Config(0, 0)
		if err != nil {
			t.Fatalf("the configuration of a prepared plan: %v", err)
		}
		if cfg.Estimate().Steps > 1e6 {
			return
		}
		err = x.Execute(context.Background(), []int{0}, 1, func(s experiment.Simulated) error {
			for _, r := range s.Days {
				total := 0
				for _, n := range r.States {
					total += n
				}
				if total != r.Created {
					t.Fatalf("day %d: %d migrants in states, %d created", r.Day, total, r.Created)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("the first run of a prepared plan: %v", err)
		}
	})
}
