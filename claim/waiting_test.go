package claim

import (
	"context"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestWaitingOffArms: the intervention runs a copy of every cell the
// chain compares, after the design's cells, and a copy is its cell with
// waiting's effects on abuse set to 0 and nothing else changed.
func TestWaitingOffArms(t *testing.T) {
	d := StandardDesign(false)
	if got := d.Arms(nil); !slices.Equal(got, d.CellNames()) {
		t.Errorf("arms without the intervention: %v; want the cells", got)
	}
	d.WaitingOff = true
	arms := d.Arms([]string{"own"})
	want := append(d.CellNames(), "own")
	for _, c := range d.CellNames() { // the chain compares every cell of the 2×2×2 design
		want = append(want, c+WaitingOffSuffix)
	}
	if !slices.Equal(arms, want) {
		t.Errorf("arms: %v; want %v", arms, want)
	}
	split := StandardDesign(true)
	split.WaitingOff = true
	if got := len(split.Arms(nil)) - split.NCells(); got != len(split.Corners()) {
		t.Errorf("with malfunction split, %d copies; want one per corner cell, %d", got, len(split.Corners()))
	}
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	cell := d.CellName(3)
	on, err := d.configure(s, cell)
	if err != nil {
		t.Fatal(err)
	}
	off, err := d.configure(s, cell+WaitingOffSuffix)
	if err != nil {
		t.Fatal(err)
	}
	if on.Abuse.DesperationEffect == 0 || on.Abuse.QueueEffect == 0 {
		t.Fatalf("classroom's %s has desperation effect %v and queue effect %v; the test wants both above 0", cell, on.Abuse.DesperationEffect, on.Abuse.QueueEffect)
	}
	if off.Abuse.DesperationEffect != 0 || off.Abuse.QueueEffect != 0 {
		t.Errorf("the copy of %s: desperation effect %v, queue effect %v; want 0 and 0", cell, off.Abuse.DesperationEffect, off.Abuse.QueueEffect)
	}
	off.Abuse.DesperationEffect, off.Abuse.QueueEffect = on.Abuse.DesperationEffect, on.Abuse.QueueEffect
	if !reflect.DeepEqual(on, off) {
		t.Errorf("the copy of %s differs from it in more than waiting's effects", cell)
	}
	// The robustness points run the cells alone: they report no split.
	o := DefaultOptions()
	o.WaitingOff, o.Robustness, o.Samples, o.RobustReps = true, true, 3, 2
	rp, err := planRobustness(context.Background(), s, o.design(), o)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rp.x.Regimes, d.CellNames()) {
		t.Errorf("robustness runs %v; want the cells alone", rp.x.Regimes)
	}
}

// TestThroughWaiting: runs in which malfunction adds 60 abuse events in
// every cell and 20 in their copies give a direct effect of 20 and 40
// through waiting's effects (two thirds) at each setting of closure, in
// both readings, replicate by replicate; the copies leave the design's
// estimates as they are without them.
func TestThroughWaiting(t *testing.T) {
	d := StandardDesign(false)
	d.WaitingOff = true
	mi := d.Index(Malfunction.Name)
	var rows []output.SummaryRow
	for _, arm := range d.Arms(nil) {
		cell, copied := strings.CutSuffix(arm, WaitingOffSuffix)
		c := slices.Index(d.CellNames(), cell)
		added := 60.0
		if copied {
			added = 20
		}
		for r := range 6 {
			totals := make([]float64, len(output.Totals))
			for _, h := range append(Harms(), "abuse_events") {
				v := 100 + float64(r*r) // replicate r meets the same migrants in every arm
				if d.On(c, mi) {
					v += added
				}
				totals[output.TotalIndex(h)] = v
			}
			rows = append(rows, output.SummaryRow{Run: output.Run{Regime: arm, Replicate: r}, Totals: totals})
		}
	}
	a, err := Analyse(d, nil, rows, DefaultSESOI(), DefaultChainShare, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(chainEffects) * len(ChainHarms); len(a.Waiting) != want {
		t.Fatalf("%d rows of the intervention; want %d", len(a.Waiting), want)
	}
	for _, w := range a.Waiting {
		if w.Total.Mean != 60 || w.Direct.Mean != 20 || w.Through.Mean != 40 || w.Share() != 40.0/60 {
			t.Errorf("%s on %s: total %v, direct %v, through %v (share %v); want 60, 20, 40 (2/3)", w.Effect, w.Harm, w.Total.Mean, w.Direct.Mean, w.Through.Mean, w.Share())
		}
		if w.Through.Lo != 40 || w.Through.Hi != 40 {
			t.Errorf("%s on %s: through waiting [%v, %v]; paired replicate by replicate, the same 40 in each, want [40, 40]", w.Effect, w.Harm, w.Through.Lo, w.Through.Hi)
		}
		if e, _ := a.Estimate(w.Effect, w.Harm); e.Mean != w.Total.Mean || e.Lo != w.Total.Lo || e.Hi != w.Total.Hi {
			t.Errorf("%s on %s: total %+v; want the design's estimate %+v", w.Effect, w.Harm, w.Total, e)
		}
	}
	// Without the copies, the same estimates.
	var cells []output.SummaryRow
	for _, r := range rows {
		if !strings.HasSuffix(r.Run.Regime, WaitingOffSuffix) {
			cells = append(cells, r)
		}
	}
	plain, err := Analyse(StandardDesign(false), nil, cells, DefaultSESOI(), DefaultChainShare, 1)
	if err != nil {
		t.Fatal(err)
	}
	same := func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) }
	for i, e := range plain.Estimates {
		if g := a.Estimates[i]; g.Effect.ID != e.Effect.ID || g.Harm != e.Harm || !same(g.Mean, e.Mean) || !same(g.PAdj, e.PAdj) || g.Verdict != e.Verdict {
			t.Errorf("%s on %s: %v (p %v, %s) with the copies, %v (p %v, %s) without", e.Effect.ID, e.Harm, g.Mean, g.PAdj, g.Verdict, e.Mean, e.PAdj, e.Verdict)
		}
	}
}

// TestWaitingDisagreement: the warning is given where the chain's count
// and the intervention put malfunction's added abuse events on opposite
// sides of the chain share, naming each such setting with both shares and
// the trapped rule's days, and not where they agree, where either share
// is missing, or without the intervention.
func TestWaitingDisagreement(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Set("migrants.trapped_after_days=9"); err != nil {
		t.Fatal(err)
	}
	const open, closed = "malfunction|closure=open", "malfunction|closure=closed"
	analysis := func(count, through map[string]float64) *Analysis {
		a := &Analysis{ChainShare: 0.5}
		for _, id := range []string{open, closed, AtNone(open)} {
			if c, ok := count[id]; ok {
				a.Mediation = append(a.Mediation, Mediation{Row: id, Kind: "effect", Events: 100, Immobile: 100 * c, Share: c, Chain: ChainFails})
			}
			if w, ok := through[id]; ok {
				// The part through waiting on the other abuse harm says
				// nothing: the chain is tested on abuse events.
				a.Waiting = append(a.Waiting, Waiting{Effect: id, Harm: "abuse_events", Total: Estimate{Mean: 100}, Through: Estimate{Mean: 100 * w}},
					Waiting{Effect: id, Harm: "abused_migrants", Total: Estimate{Mean: 100}, Through: Estimate{Mean: 100 * (1 - w)}})
			}
		}
		return a
	}
	for _, tt := range []struct {
		name           string
		count, through map[string]float64
		want           []string // nil: no warning
		not            []string
	}{
		{"disagree at both", map[string]float64{open: 0.25, closed: 0.22}, map[string]float64{open: 0.56, closed: 0.53}, []string{
			"they fall on opposite sides of the chain share, 0.5 (the count's share against the intervention's: 25% against 56% at open admission, 22% against 53% at closed admission)",
			"blocked at one place for 9 days and unable to pay a smuggler: it leaves out the path blocked → smuggler → extorted.",
		}, nil},
		{"count above, intervention below", map[string]float64{open: 0.6, closed: 0.3}, map[string]float64{open: 0.4, closed: 0.2}, []string{"(the count's share against the intervention's: 60% against 40% at open admission)"}, []string{"closed admission"}},
		{"without protection", map[string]float64{open: 0.2, AtNone(open): 0.29}, map[string]float64{open: 0.3, AtNone(open): 0.53}, []string{"29% against 53% at open admission without protection)"}, []string{"20% against"}},
		{"agree below", map[string]float64{open: 0.01, closed: 0.13}, map[string]float64{open: 0.23, closed: 0.13}, nil, nil},
		{"agree above", map[string]float64{open: 0.64}, map[string]float64{open: 0.7}, nil, nil},
		{"no share through waiting", map[string]float64{open: 0.25}, map[string]float64{open: math.NaN()}, nil, nil},
		{"without the intervention", map[string]float64{open: 0.25}, nil, nil, nil},
	} {
		got := WaitingDisagreement(s, analysis(tt.count, tt.through))
		if tt.want == nil && got != "" {
			t.Errorf("%s: %q; want no warning", tt.name, got)
		}
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q; want %q", tt.name, got, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(got, n) {
				t.Errorf("%s: %q; want no %q", tt.name, got, n)
			}
		}
	}
	// Where a seat refused counts (migrants.seatless_trapped), the rule
	// it names says so, and the path it leaves out is the one with seats.
	if err := s.Set("migrants.seatless_trapped=true"); err != nil {
		t.Fatal(err)
	}
	got := WaitingDisagreement(s, analysis(map[string]float64{open: 0.25}, map[string]float64{open: 0.56}))
	if want := "blocked at one place for 9 days and unable to pay a smuggler, or turned away by one with no seat left: it leaves out the path blocked → smuggler → extorted, but where the smuggler had no seat left."; !strings.Contains(got, want) {
		t.Errorf("seats counted: %q; want %q", got, want)
	}
}
