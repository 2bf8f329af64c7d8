package scenarios_test

import (
	"errors"
	"fmt"

	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// Example builds one run of the bundled classroom scenario in code, the
// run of
//
//	borderwork run classroom --regime malfunctioning --reps 1 --days 120 \
//	  --set regimes.malfunctioning.outage_days=30
//
// (whose table gives the same numbers): Load, Set (any number of
// KEY=VALUE overrides), Validate, then Config for one regime, run by the
// engine with replicate 0's seed. A mistyped key is refused with an error
// naming the override (as --set: SetAs names it otherwise), the key and
// a guess, wrapping ErrInvalid, which a program tells from a failure.
func Example() {
	s, err := scenarios.Load("classroom")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, kv := range []string{"days=120", "regimes.malfunctioning.outage_days=30"} {
		if err := s.Set(kv); err != nil {
			fmt.Println(err)
			return
		}
	}
	if err := s.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	cfg, err := s.Config("malfunctioning")
	if err != nil {
		fmt.Println(err)
		return
	}
	// The scenario's seed is the master seed; replicate r runs with
	// ReplicateSeed of it, under every regime (common random numbers).
	res, err := sim.Run(cfg, sim.ReplicateSeed(uint64(s.File.Seed), 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	f := res.Final()
	fmt.Println("seed", s.File.Seed, "days", len(res.Days), "overrides", s.Sets())
	fmt.Println("created:", f.Created, "arrived:", f.States[sim.Arrived], "trapped person-days:", f.TrappedPersonDays)

	err = s.Set("regimes.malfunctioning.outage_dayz=30")
	fmt.Println(err)
	fmt.Println("bad input:", errors.Is(err, scenarios.ErrInvalid))
	// Output:
	// seed 2018 days 120 overrides [days=120 regimes.malfunctioning.outage_days=30]
	// created: 961 arrived: 855 trapped person-days: 214
	// --set regimes.malfunctioning.outage_dayz=30: unknown key "outage_dayz" in regimes.malfunctioning; did you mean outage_days?
	// bad input: true
}
