package sim

import (
	"reflect"
	"testing"
)

// TestFlowsChangeNothing: recording flows is observation only; the daily
// records are the same with it and without.
func TestFlowsChangeNothing(t *testing.T) {
	for _, name := range []string{"open", "closed", "malfunctioning"} {
		plain := withPolicy(name)
		watched := withPolicy(name)
		watched.RecordFlows = true
		a, b := mustRun(t, plain, 7), mustRun(t, watched, 7)
		if !reflect.DeepEqual(a.Days, b.Days) {
			t.Errorf("%s: recording flows changed the daily records", name)
		}
		if a.Flows != nil {
			t.Errorf("%s: Flows recorded without RecordFlows", name)
		}
		if want := watched.Days * len(watched.Region.Links); len(b.Flows) != want {
			t.Errorf("%s: %d flow records; want one per link and day, %d", name, len(b.Flows), want)
		}
	}
}

// TestFlowsAddUp: every migrant who reached its destination arrived there
// along the one link into it, and every death on the way is a death on a
// link (the population has no sick migrants, who may also die at places).
func TestFlowsAddUp(t *testing.T) {
	for _, name := range []string{"open", "closed", "malfunctioning"} {
		cfg := withPolicy(name)
		cfg.RecordFlows = true
		cfg.Origins[0].Sick = 0
		for i := range cfg.Region.Links {
			cfg.Region.Links[i].Hazard = 0.01 // deaths on every link
		}
		res := mustRun(t, cfg, 3)
		nl := len(cfg.Region.Links)
		intoDest, deaths := 0, 0
		for d := range cfg.Days {
			for l, link := range cfg.Region.Links {
				f := res.Flows[d*nl+l]
				intoDest += f.Arrived(link, locDest)
				deaths += f.Deaths
			}
		}
		final := res.Final()
		if intoDest != final.States[Arrived] || intoDest == 0 {
			t.Errorf("%s: %d arrivals at Dest on links; %d migrants arrived", name, intoDest, final.States[Arrived])
		}
		if deaths != final.States[Dead] || deaths == 0 {
			t.Errorf("%s: %d deaths on links; %d migrants dead", name, deaths, final.States[Dead])
		}
	}
}

// TestFlowsByDirection: a migrant who crosses the border and goes on
// arrives at Town from Border; one who is refused and turns home arrives
// at Hub from Border, the other way along the same link.
func TestFlowsByDirection(t *testing.T) {
	cfg := withPolicy("closed")
	cfg.RecordFlows = true
	cfg.Origins[0].WillSmuggle = 0 // no way round the post
	cfg.Origins[0].WillTurnBack = 1
	cfg.Information.Accuracy = 0 // set out on the prior: try the post, be refused
	cfg.Migrants.GiveUpDays = 3
	res := mustRun(t, cfg, 11)
	nl := len(cfg.Region.Links)
	const hubBorder = 1
	forward, backward := 0, 0
	for d := range cfg.Days {
		f := res.Flows[d*nl+hubBorder]
		forward += f.Forward
		backward += f.Backward
		if got := f.Arrived(cfg.Region.Links[hubBorder], locOrigin); got != 0 {
			t.Fatalf("day %d: %d arrivals at Origin along Hub-Border, which does not touch it", d, got)
		}
	}
	if forward == 0 || backward == 0 {
		t.Errorf("Hub-Border: %d arrivals at Border, %d back at Hub; want both", forward, backward)
	}
}

func TestFlowsRefusedUnderFlee(t *testing.T) {
	cfg := fleeLine(1, 2)
	cfg.RecordFlows = true
	if err := cfg.Validate(); err == nil {
		t.Error("Validate accepted RecordFlows under the Flee rule set")
	}
}
