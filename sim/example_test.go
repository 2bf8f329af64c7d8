package sim_test

import (
	"fmt"

	"github.com/borderwork/borderwork/sim"
)

// ExampleRun runs a tiny region for 60 days: 10 migrants a day set out
// for a destination behind one post that admits only the documented, with
// no other way through. Information is accurate, so the undocumented know
// the post is closed to them and wait at home: after 14 days there, unable
// to pass and with no smuggler, they count as stranded (some give up).
// Nobody is refused. The numbers are pinned: a change to the engine's results shows
// up here.
func ExampleRun() {
	cfg := sim.Defaults()
	cfg.Days = 60
	cfg.Region = sim.Region{
		Countries: []string{"A", "B"},
		Locations: []sim.Location{
			{Name: "Home", Kind: sim.KindOrigin, Country: 0},
			{Name: "Gate", Kind: sim.KindBorder, Country: 0},
			{Name: "City", Kind: sim.KindDestination, Country: 1},
		},
		Links: []sim.Link{
			{From: 0, To: 1, Kind: sim.Road, Days: 2},
			{From: 1, To: 2, Kind: sim.Road, Days: 1},
		},
	}
	cfg.Origins = []sim.Origin{{
		Location: 0, Inflow: []sim.InflowStep{{From: 0, Rate: 10}},
		MoneyMean: 500, MoneyCV: 0.5, Documented: 0.4, WillTurnBack: 0.5,
		Destinations: []int{2}, Weights: []float64{1},
	}}
	policy := sim.DefaultPostPolicy()
	policy.Admission = sim.AdmitDocumented
	cfg.Posts = []sim.Post{{Name: "Gate", Location: 1, Capacity: 20, Policy: policy}}

	res, err := sim.Run(&cfg, sim.ReplicateSeed(1, 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	f := res.Final()
	fmt.Println("created:", f.Created)
	fmt.Println("arrived:", f.States[sim.Arrived], "stayed home:", f.States[sim.Stayed], "waiting:", f.States[sim.Waiting], "trapped:", f.States[sim.Trapped], "stranded:", f.States[sim.Stranded])
	fmt.Println("admitted:", f.Admitted, "refused:", f.Refused)
	// Output:
	// created: 596
	// arrived: 221 stayed home: 4 waiting: 92 trapped: 0 stranded: 271
	// admitted: 225 refused: 0
}
