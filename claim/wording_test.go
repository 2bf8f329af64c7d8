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

// TestVerdictWords: the difference of malfunction's and closure's main
// effects shows "harmful" and "protective" as the term that harms more,
// every other verdict of it as it is, and every verdict of every other
// effect as it is (referee 8, N2).
func TestVerdictWords(t *testing.T) {
	for _, tc := range []struct {
		id   string
		v    Verdict
		want string
	}{
		{MalfunctionMinusClosure, Harmful, "malfunction worse"},
		{MalfunctionMinusClosure, Protective, "closure worse"},
		{MalfunctionMinusClosure, NoDifference, "no meaningful difference"},
		{MalfunctionMinusClosure, Inconclusive, "inconclusive"},
		{MalfunctionMinusClosure, NotApplicable, "not applicable"},
		{"malfunction", Protective, "protective"},
		{"closure", Harmful, "harmful"},
		{"malfunction|closure=open", Harmful, "harmful"},
		{"closure×malfunction", Protective, "protective"},
		{"sahel-closed", Protective, "protective"}, // an own regime against a cell
	} {
		if got := VerdictWords(tc.id, tc.v); got != tc.want {
			t.Errorf("VerdictWords(%q, %q) = %q, want %q", tc.id, tc.v, got, tc.want)
		}
	}
	// Every difference of either design has its words, and they are no
	// verdict's: a reader cannot take one for the other.
	for _, split := range []bool{false, true} {
		for _, e := range StandardDesign(split).Effects(nil) {
			if e.Kind != Difference {
				continue
			}
			for _, v := range []Verdict{Harmful, Protective} {
				if w := VerdictWords(e.ID, v); slices.Contains(Verdicts, Verdict(w)) {
					t.Errorf("split %v: %s's verdict %s shows as %q, a verdict itself", split, e.ID, v, w)
				}
			}
		}
	}
}

// TestNestingSentence: the overall answer's sentence on nested harms names,
// of the harms that happen, each whole with its parts and the harms that
// share the chain, by their titles; none when no two of them are nested
// (referee 8, M2).
func TestNestingSentence(t *testing.T) {
	for _, tc := range []struct {
		happen []string
		want   string
	}{
		{Harms(), "The harms are nested, not independent votes: trapped person-days are part of immobilised person-days; " +
			"immobilised person-days, abuse events and deaths are weighted parts of harm index; abuse events and migrants abused come from the same abuse and share one chain."},
		{[]string{"trapped_person_days", "immobilised_person_days", "deaths"},
			"The harms are nested, not independent votes: trapped person-days are part of immobilised person-days."},
		{[]string{"deaths", "harm_index"}, "The harms are nested, not independent votes: deaths are weighted parts of harm index."},
		{[]string{"abuse_events", "abused_migrants"}, "The harms are nested, not independent votes: abuse events and migrants abused come from the same abuse and share one chain."},
		{[]string{"trapped_person_days", "deaths", "abused_migrants"}, ""},
		{[]string{"abuse_events"}, ""},
		{nil, ""},
	} {
		if got := NestingSentence(tc.happen); got != tc.want {
			t.Errorf("NestingSentence(%v) =\n%q\nwant\n%q", tc.happen, got, tc.want)
		}
	}
	// The sentence names harms the check judges.
	for _, n := range harmNesting {
		for _, h := range append([]string{n.whole}, n.parts...) {
			if !slices.Contains(Harms(), h) {
				t.Errorf("harmNesting names %s, no harm of the registry", h)
			}
		}
	}
}

// TestVerdictsShownAsMeant checks a claim folder against what report.md
// and the figures tell a reader (referee 8, N2, N3, M2):
//   - malfunction − closure shows which of the two harms more wherever a
//     person reads it (the claim's table, the effects tables, the effects
//     figures), while effects.csv and verdicts.csv keep "harmful" and
//     "protective";
//   - report.md says that the cells figures' intervals are of each cell's
//     mean, and that the mediation figure has none;
//   - the overall answer says the harms are nested, and they are, in
//     every run of summary.csv: immobilised person-days are trapped,
//     stranded and centre days; abuse events are every kind's; the harm
//     index weighs them and deaths.
func TestVerdictsShownAsMeant(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = 5, 120
	o := DefaultOptions()
	o.MaxReps = 5
	dir := filepath.Join(t.TempDir(), "claim")
	res, err := Check(context.Background(), s, "classroom", o, dir, 2, []string{"svg"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	report := string(b)
	m, err := output.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	drawn, _, err := experiment.DrawFigures(dir, m, Figures, []string{"svg"})
	if err != nil {
		t.Fatal(err)
	}
	text := func(name string) string {
		i := slices.IndexFunc(drawn, func(d experiment.Drawn) bool { return d.Name == name })
		if i < 0 {
			t.Fatalf("no figure %s", name)
		}
		l, err := drawn[i].Fig.Layout("svg")
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, b := range l.Text {
			lines = append(lines, b.Text)
		}
		return strings.Join(strings.Fields(strings.Join(lines, " ")), " ")
	}
	stored := map[string]string{} // harm → malfunction-closure's verdict in verdicts.csv
	for _, r := range foldertest.Records(t, filepath.Join(dir, "verdicts.csv")) {
		if r["effect"] == MalfunctionMinusClosure {
			stored[r["harm"]] = r["verdict"]
		}
	}
	seen := map[Verdict]bool{}
	for _, c := range res.Claim {
		v := c.MalfunctionOverClose
		seen[v] = true
		words := VerdictWords(MalfunctionMinusClosure, v)
		if stored[c.Harm] != string(v) {
			t.Errorf("%s: verdicts.csv says %q of %s; want the verdict itself, %q", c.Harm, stored[c.Harm], MalfunctionMinusClosure, v)
		}
		row := "|" + Title(c.Harm) + "|" + string(c.AtOpen) + "|" + string(c.AtClosed) + "|" + string(c.Closure) + "|" + words + "|"
		if !strings.Contains(report, row) {
			t.Errorf("report.md's claim table has no row %q", row)
		}
		e, _ := res.Estimate(MalfunctionMinusClosure, c.Harm)
		if want := "|" + output.Literal(e.Effect.Label) + "|" + FormatInterval(e) + "|" + FormatRelativeInterval(e) + "|" + words + "|"; !strings.Contains(report, want) {
			t.Errorf("report.md's effects on %s have no row %q", c.Harm, want)
		}
		if fig, want := text("effects_"+c.Harm), "malfunction − closure: "+words; !strings.Contains(fig, want) {
			t.Errorf("effects_%s does not say %q: %q", c.Harm, want, fig)
		}
	}
	// Both readings must occur here, or the test shows nothing of them.
	if !seen[Harmful] || !seen[Protective] {
		t.Fatalf("malfunction − closure's verdicts here: %v; the test needs a harm where it is harmful and one where it is protective", seen)
	}
	for line := range strings.SplitSeq(report, "\n") {
		if !strings.HasPrefix(line, "|malfunction's main effect minus closure's|") {
			continue
		}
		if strings.HasSuffix(line, "|harmful|") || strings.HasSuffix(line, "|protective|") {
			t.Errorf("report.md shows malfunction − closure's verdict as such: %q", line)
		}
	}
	if !strings.Contains(report, "*malfunction worse* where the difference is shown above 0, *closure worse* where below (harmful and protective in effects.csv and verdicts.csv)") {
		t.Error("report.md does not say what malfunction worse and closure worse are in the tables")
	}

	// N3: the cells figures' intervals, the mediation figure's none.
	for _, w := range []string{
		"95% intervals of each combination's mean. They include the spread between replicates, which the paired effects remove",
		"bars that overlap do not mean that two combinations do not differ",
		"The figure shows each combination's means, without intervals",
	} {
		if !strings.Contains(report, w) {
			t.Errorf("report.md does not say %q", w)
		}
	}
	if c := text("cells_trapped_person_days"); !strings.Contains(c, "overlapping bars do not mean no paired difference (see effects_trapped_person_days)") {
		t.Errorf("cells_trapped_person_days does not warn of its intervals: %q", c)
	}

	// M2: the overall answer says the harms are nested ...
	if want := NestingSentence(Harms()); !strings.Contains(report, Overall(res.Claim)) || !strings.Contains(Overall(res.Claim), want) {
		t.Errorf("report.md's overall answer does not say %q", want)
	}
	// ... and they are, run by run.
	weights, err := s.Config("closed")
	if err != nil {
		t.Fatal(err)
	}
	w := weights.Harm
	rows := foldertest.Records(t, filepath.Join(dir, "summary.csv"))
	if len(rows) == 0 {
		t.Fatal("summary.csv has no rows")
	}
	for i, r := range rows {
		v := func(col string) float64 {
			x, err := strconv.ParseFloat(r[col], 64)
			if err != nil {
				t.Fatalf("summary.csv line %d, %s: %v", i+2, col, err)
			}
			return x
		}
		if got, want := v("immobilised_person_days"), v("trapped_person_days")+v("stranded_person_days")+v("centre_person_days"); got != want {
			t.Errorf("summary.csv line %d: immobilised person-days %v, trapped, stranded and centre days %v", i+2, got, want)
		}
		extortion := v("extortion_by_smugglers") + v("extortion_by_officials")
		violence := v("violence_by_smugglers") + v("violence_by_officials")
		kidnap, abandonment := v("kidnap_by_smugglers"), v("abandonment_by_smugglers")
		if got, want := v("abuse_events"), extortion+violence+kidnap+abandonment; got != want {
			t.Errorf("summary.csv line %d: abuse events %v, every kind's %v", i+2, got, want)
		}
		index := w.Death*v("deaths") + w.Kidnap*kidnap + w.Violence*violence + w.Abandonment*abandonment + w.Extortion*extortion +
			w.TrappedDay*v("trapped_person_days") + w.StrandedDay*v("stranded_person_days") + w.CentreDay*v("centre_person_days") + w.AssistedReturn*v("returns_assisted")
		if got := v("harm_index"); math.Abs(got-index) > 1e-6*math.Max(1, index) {
			t.Errorf("summary.csv line %d: harm index %v, its weighted parts %v", i+2, got, index)
		}
	}
}
