package claim

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestSecondReadingCoefficients: the claim's four effects at protection
// none weigh the cells without protection alone, each as a contrast
// should (its weights sum to 0, its reference's to 1), in the 2 × 2 × 2
// design cell by cell and in the split design by what each cell is; and
// malfunction − closure without protection is, unsplit, the
// malfunctioning cell against the closed one (referee 8, M1).
func TestSecondReadingCoefficients(t *testing.T) {
	type weights map[string]float64 // cell name → weight; every other cell 0. Looked up only.
	// In the split design a cell is closure-reliability-integrity-
	// information-protection; corner: all parts failing (+1) or working
	// (−1), else 0.
	corner := func(name string) float64 {
		switch {
		case strings.Contains(name, "-failing-weak-poor-"):
			return 1
		case strings.Contains(name, "-reliable-strong-accurate-"):
			return -1
		}
		return 0
	}
	closed := func(name string) bool { return strings.HasPrefix(name, "closed-") }
	none := func(name string) bool { return strings.HasSuffix(name, "-none") }
	split := func(f func(name string) float64) func(string) float64 {
		return func(name string) float64 {
			if !none(name) {
				return 0
			}
			return f(name)
		}
	}
	sign := func(b bool) float64 {
		if b {
			return 1
		}
		return -1
	}
	for _, tt := range []struct {
		split     bool
		id        string
		kind      string
		coef, ref func(cell string) float64
	}{
		{false, "malfunction|closure=open,protection=none", Conditional,
			table(weights{"open-failing-none": 1, "open-working-none": -1}), table(weights{"open-working-none": 1})},
		{false, "malfunction|closure=closed,protection=none", Conditional,
			table(weights{"closed-failing-none": 1, "closed-working-none": -1}), table(weights{"closed-working-none": 1})},
		{false, "closure|protection=none", Conditional,
			table(weights{"closed-working-none": 0.5, "closed-failing-none": 0.5, "open-working-none": -0.5, "open-failing-none": -0.5}),
			table(weights{"open-working-none": 0.5, "open-failing-none": 0.5})},
		// ½(failing) − ½(working) − [½(closed) − ½(open)]: the
		// malfunctioning cell minus the closed one.
		{false, "malfunction-closure|protection=none", Difference,
			table(weights{"open-failing-none": 1, "closed-working-none": -1}),
			table(weights{"open-working-none": 0.25, "open-failing-none": 0.25, "closed-working-none": 0.25, "closed-failing-none": 0.25})},
		{true, "malfunction|closure=open,protection=none", Conditional,
			split(func(n string) float64 { return map[bool]float64{true: 0, false: corner(n)}[closed(n)] }),
			split(func(n string) float64 { return map[bool]float64{true: 0, false: math.Max(0, -corner(n))}[closed(n)] })},
		{true, "malfunction|closure=closed,protection=none", Conditional,
			split(func(n string) float64 { return map[bool]float64{true: corner(n), false: 0}[closed(n)] }),
			split(func(n string) float64 { return map[bool]float64{true: math.Max(0, -corner(n)), false: 0}[closed(n)] })},
		{true, "closure|protection=none", Conditional,
			split(func(n string) float64 { return sign(closed(n)) / 8 }),
			split(func(n string) float64 { return map[bool]float64{true: 0, false: 1.0 / 8}[closed(n)] })},
		// Malfunction (corners, over closure) minus closure (over the 8
		// combinations of malfunction's parts at each setting).
		{true, "malfunction-closure|protection=none", Difference,
			split(func(n string) float64 { return corner(n)/2 - sign(closed(n))/8 }),
			split(func(string) float64 { return 1.0 / 16 })},
	} {
		d := StandardDesign(tt.split)
		i := slices.IndexFunc(d.Effects(nil), func(e Effect) bool { return e.ID == tt.id })
		if i < 0 {
			t.Errorf("split %v: no effect %s", tt.split, tt.id)
			continue
		}
		e := d.Effects(nil)[i]
		if e.Kind != tt.kind || !IsAtNone(e.ID) || !strings.Contains(e.Label, "without protection") {
			t.Errorf("split %v: %s is a %s effect labelled %q; want %s, at protection none, labelled so", tt.split, tt.id, e.Kind, e.Label, tt.kind)
		}
		var sum, refSum float64
		for c, name := range d.CellNames() {
			if math.Abs(e.Coef[c]-tt.coef(name)) > 1e-12 || math.Abs(e.Ref[c]-tt.ref(name)) > 1e-12 {
				t.Errorf("split %v: %s weighs %s %v (reference %v); want %v (%v)", tt.split, tt.id, name, e.Coef[c], e.Ref[c], tt.coef(name), tt.ref(name))
			}
			sum += e.Coef[c]
			refSum += e.Ref[c]
		}
		if math.Abs(sum) > 1e-12 || math.Abs(refSum-1) > 1e-12 {
			t.Errorf("split %v: %s's weights sum to %v, its reference's to %v; want 0 and 1", tt.split, tt.id, sum, refSum)
		}
	}
	// Only where the design has closure and protection, and reads the
	// claim a second time.
	for _, d := range []Design{
		{Switches: []Switch{Closure, Malfunction, Protection}},
		{Switches: []Switch{Closure, Malfunction}, AtNoProtection: true},
		{Switches: []Switch{Malfunction, Protection}, AtNoProtection: true},
	} {
		for _, e := range d.Effects(nil) {
			if IsAtNone(e.ID) {
				t.Errorf("%+v has the effect %s at protection none", d, e.ID)
			}
		}
	}
	for _, split := range []bool{false, true} {
		n := 0
		for _, e := range StandardDesign(split).Effects(nil) {
			if IsAtNone(e.ID) {
				n++
			}
		}
		if n != 4 {
			t.Errorf("split %v: %d effects at protection none; want 4", split, n)
		}
	}
}

// table reads weights by cell name, 0 for a cell it does not name.
func table(w map[string]float64) func(string) float64 {
	return func(name string) float64 { return w[name] }
}

// TestSecondReadingJudgedByTheSameRule: runs in which malfunction does
// harm without protection and as much good with it (hbm undoing it) make
// the claim fail averaged over protection, where malfunction makes no
// meaningful difference, and hold without protection: judged by the same
// rule (judge, withChain) from the effects at protection none and the
// chain's tests there. On every harm the second reading is that rule
// applied to its parts' verdicts.
func TestSecondReadingJudgedByTheSameRule(t *testing.T) {
	d := StandardDesign(false)
	mi, pi := d.Index(Malfunction.Name), d.Index(Protection.Name)
	var rows []output.SummaryRow
	for c := range d.NCells() {
		// +50 from malfunction without protection, −50 with it; no
		// closure effect: δ is a tenth of the grand mean 100.
		v := 100.0
		if d.On(c, mi) && !d.On(c, pi) {
			v += 50
		}
		if d.On(c, mi) && d.On(c, pi) {
			v -= 50
		}
		for r := range 8 {
			totals := make([]float64, len(output.Totals))
			for _, h := range append(Harms(), "abuse_events") {
				totals[output.TotalIndex(h)] = v + 0.5*float64((3*r+5*c)%4) // a little spread, unlike in each cell
			}
			// 80% of what malfunction adds falls on immobile migrants.
			totals[output.TotalIndex("abuse_immobile")] = 0.8 * (totals[output.TotalIndex("abuse_events")] - 100)
			rows = append(rows, output.SummaryRow{Run: output.Run{Regime: d.CellName(c), Replicate: r}, Totals: totals})
		}
	}
	a, err := Analyse(d, nil, rows, DefaultSESOI(), DefaultChainShare, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.ClaimAtNone) != len(a.Claim) {
		t.Fatalf("%d verdicts at protection none; want one per harm, %d", len(a.ClaimAtNone), len(a.Claim))
	}
	for i, c := range a.ClaimAtNone {
		main := a.Claim[i]
		if main.Holds != ClaimFails || main.AtOpen != NoDifference || main.AtClosed != NoDifference {
			t.Errorf("%s averaged over protection: malfunction %s at open, %s at closed, the claim %s; want no meaningful difference and fails", c.Harm, main.AtOpen, main.AtClosed, main.Holds)
		}
		if c.Holds != ClaimHolds || c.AtOpen != Harmful || c.AtClosed != Harmful || c.Closure != NoDifference || c.MalfunctionOverClose != Harmful {
			t.Errorf("%s without protection: %+v; want malfunction harmful at both, closure no meaningful difference, the claim holds", c.Harm, c)
		}
		verdict := func(id string) Verdict {
			e, _ := a.Estimate(AtNone(id), c.Harm)
			return e.Verdict
		}
		want := judge(c.Harm, verdict("malfunction|closure=open"), verdict("malfunction|closure=closed"), verdict(Closure.Name), verdict(MalfunctionMinusClosure))
		if slices.Contains(ChainHarms, c.Harm) {
			want = withChain(want, a.chainVerdict(AtNone("malfunction|closure=open")), a.chainVerdict(AtNone("malfunction|closure=closed")), DefaultChainShare)
			if c.ChainAtOpen != ChainHolds || c.ChainAtClosed != ChainHolds {
				t.Errorf("%s without protection: the chain %s at open, %s at closed; want it to hold (80%% on immobile migrants)", c.Harm, c.ChainAtOpen, c.ChainAtClosed)
			}
		}
		if c != want {
			t.Errorf("%s without protection: %+v; the rule gives %+v", c.Harm, c, want)
		}
	}
	// Every test of both readings is in the one family: 2 for each effect
	// on each harm, and the 4 chain tests.
	if n, want := len(a.Estimates), len(d.Effects(nil))*len(Harms()); n != want || len(a.ChainTests) != 4 {
		t.Errorf("%d estimates and %d chain tests; want %d and 4", n, len(a.ChainTests), want)
	}
}

// TestSecondReadingSaysWhy: report.md's reason for the second reading
// follows the scenario: hbm's centres inform migrants (classroom), its
// level says they do not (centre_info false), or there are no centres
// (the toy world).
func TestSecondReadingSaysWhy(t *testing.T) {
	for _, tc := range []struct {
		scenario string
		sets     []string
		want     string
	}{
		{"classroom", nil, "(`centre_info`, true in this scenario), which undoes part of malfunction's poor information"},
		{"classroom", []string{"factors.protection.hbm.centre_info=false"}, "in this scenario its centres do not tell migrants the truth about posts (`centre_info` false)"},
		{filepath.Join("testdata", "toy.toml"), nil, "though this scenario has no centres to do it"},
	} {
		s, err := scenarios.Load(tc.scenario)
		if err != nil {
			t.Fatal(err)
		}
		for _, kv := range tc.sets {
			if err := s.Set(kv); err != nil {
				t.Fatal(err)
			}
		}
		s.File.Replicates, s.File.Days = 2, 20
		o := DefaultOptions()
		o.MaxReps = 2
		res, err := Check(context.Background(), s, "", o, filepath.Join(t.TempDir(), "claim"), 2, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		report, err := os.ReadFile(filepath.Join(res.Dir, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		if flat := strings.Join(strings.Fields(string(report)), " "); !strings.Contains(flat, tc.want) {
			t.Errorf("%s %v: report.md does not say %q", tc.scenario, tc.sets, tc.want)
		}
	}
}

// TestReportShowsTheSecondReading: a real small check says in report.md
// and its tables why and how the claim is read at protection none, with
// its verdicts, and counts its tests in the correction; the main
// reading's numbers are those of a check without it, save the adjusted
// p-values (the family is larger). A folder written before the second
// reading (no claim.protection_none in its manifest) reruns and is
// reported without it, and reproduces.
func TestReportShowsTheSecondReading(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = 4, 60
	check := func(mainOnly bool) (*Outcome, string) {
		o := DefaultOptions()
		o.MaxReps, o.MainOnly = 6, mainOnly
		res, err := Check(context.Background(), s, "classroom", o, filepath.Join(t.TempDir(), "claim"), 2, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		report, err := os.ReadFile(filepath.Join(res.Dir, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		return res, string(report)
	}
	res, report := check(false)
	if res.ClaimAtNone == nil {
		t.Fatal("no second reading")
	}
	want := []string{
		"### The claim where the named regimes lie (protection none)",
		"`centre_info`, true in this scenario), which undoes part of malfunction's poor information",
		"The named regimes `open`, `closed` and `malfunctioning` lie without protection",
		"|harm|malfunction, open admission|malfunction, closed admission|closure|malfunction − closure|chain, open|chain, closed|the claim without protection|averaged over protection|",
		NoneSentence(res.Claim, res.ClaimAtNone),
		"|malfunction, at open admission, without protection|",
		"|malfunction\\|closure=closed,protection=none|", // the chain's test without protection
		"averaged over protection and without it: the second reading's tests are in the family too",
	}
	for i, c := range res.ClaimAtNone {
		want = append(want, "|"+Title(c.Harm)+"|"+string(c.AtOpen)+"|"+string(c.AtClosed)+"|"+string(c.Closure)+"|"+VerdictWords(MalfunctionMinusClosure, c.MalfunctionOverClose)+"|"+
			chainCell(c.ChainAtOpen)+"|"+chainCell(c.ChainAtClosed)+"|**"+c.Holds+"**|"+res.Claim[i].Holds+"|")
	}
	tests := 0
	for _, e := range slices.Concat(res.Estimates, res.ChainTests) {
		for _, p := range []float64{e.P, e.PEquiv} {
			if !math.IsNaN(p) {
				tests++
			}
		}
	}
	want = append(want, "applied once over all "+strconv.Itoa(tests)+" tests of this check")
	for _, w := range want {
		if !strings.Contains(report, w) {
			t.Errorf("report.md does not say %q", w)
		}
	}
	if NoneSentence(res.Claim, res.ClaimAtNone) == "" {
		t.Error("no sentence on the second reading")
	}
	m, err := output.ReadManifest(res.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if info, err := ReadInfo(m); err != nil || !info.ProtectionNone {
		t.Errorf("the manifest's claim section %+v, %v; want protection_none", info, err)
	}

	// The same check without the second reading: as a folder written
	// before it. Its effects are the main reading's, with the same
	// numbers but the adjusted p-values, and it says nothing of the second.
	old, oldReport := check(true)
	if old.ClaimAtNone != nil || strings.Contains(oldReport, "named regimes lie") || strings.Contains(oldReport, "without protection") {
		t.Error("a check without the second reading reports one")
	}
	if claims := foldertest.Records(t, filepath.Join(old.Dir, "claim.csv")); len(claims) == 0 || len(claims[0]) != len(claimColumns) {
		t.Errorf("claim.csv without the second reading: %v; want the columns %v", claims, claimColumns)
	}
	var main []Estimate
	for _, e := range res.Estimates {
		if !IsAtNone(e.Effect.ID) {
			main = append(main, e)
		}
	}
	if len(main) != len(old.Estimates) {
		t.Fatalf("%d estimates of the main reading; without the second, %d", len(main), len(old.Estimates))
	}
	for i, e := range main {
		o := old.Estimates[i]
		same := func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
		if e.Effect.ID != o.Effect.ID || e.Harm != o.Harm || e.N != o.N || !same(e.Mean, o.Mean) || !same(e.SD, o.SD) || !same(e.Lo, o.Lo) || !same(e.Hi, o.Hi) ||
			!same(e.Relative, o.Relative) || !same(e.RelLo, o.RelLo) || !same(e.P, o.P) || !same(e.PEquiv, o.PEquiv) || e.SESOI != o.SESOI {
			t.Errorf("%s on %s: %+v with the second reading, %+v without", e.Effect.ID, e.Harm, e, o)
		}
		if !math.IsNaN(e.PAdj) && e.PAdj < o.PAdj {
			t.Errorf("%s on %s: adjusted p %v in the larger family, %v without it; want no smaller", e.Effect.ID, e.Harm, e.PAdj, o.PAdj)
		}
	}
	if old.Reps != res.Reps || !slices.Equal(old.Needs, res.Needs.Setting()) {
		t.Errorf("replicates %d (needs %v) without the second reading, %d (%v) with it; want the same", old.Reps, old.Needs, res.Reps, res.Needs.Setting())
	}
	m, err = output.ReadManifest(old.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(m.Claim), "protection_none") {
		t.Errorf("the claim section %s records protection_none", m.Claim)
	}
	for _, dir := range []string{old.Dir, res.Dir} {
		rep, err := experiment.Reproduce(context.Background(), dir, 2)
		if err != nil || len(rep.Problems) > 0 {
			t.Errorf("Reproduce(%s) = %+v, %v; want it reproduced", dir, rep, err)
		}
	}
}
