package claim

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/output/figures/figtest"
	"github.com/borderwork/borderwork/output/figures/palette"
	"github.com/borderwork/borderwork/scenarios"
)

// TestFiguresLayOutCleanly draws every figure of a claim folder with a
// robustness check and checks that no text collides with other text or
// leaves the canvas, in every format, and that the verdicts' shares are
// drawn in greys.
func TestFiguresLayOutCleanly(t *testing.T) {
	s, err := scenarios.Load(filepath.Join("testdata", "toy.toml"))
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates = 3
	o := DefaultOptions()
	o.MaxReps, o.Robustness, o.Samples, o.RobustReps = 3, true, 6, 2
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Check(context.Background(), s, "", o, out, 2, nil, nil); err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	drawn, _, err := experiment.DrawFigures(out, m, Figures, []string{"svg"})
	if err != nil {
		t.Fatal(err)
	}
	if len(drawn) < 4+2*len(Harms())+2 {
		t.Fatalf("drew %d figures; want the compare figures, two per harm, mediation and robustness", len(drawn))
	}
	for _, d := range drawn {
		// Verdicts are no regimes: greys, no regime's colour.
		if d.Name == "robustness_claim" {
			if got := figtest.ChromaticColours(figtest.SVG(t, d.Fig)); len(got) > 0 {
				t.Errorf("robustness_claim draws in colours %v; want greys", got)
			}
		}
		// A map's caption says plainly that "holds, but not through
		// trapping", which it colours as fails, counts as not holding
		// (audit figures2, finding 2).
		// Only on a harm whose claim includes its chain: on trapped
		// person-days no point can hold but not through trapping, and "the
		// claim is that malfunction harms more through trapping" was
		// wrong there (referee8, N5).
		if harm, ok := strings.CutPrefix(d.Name, "robustness_map_"); ok {
			c := strings.Join(strings.Fields(d.Fig.Caption()), " ")
			// Where the claim holds at no point, the map of an abuse harm
			// shows where malfunction harms more instead, through trapping
			// or not (TestMapFallsBackWhereNothingHolds).
			says := strings.Contains(c, `"`+ClaimNotThroughTrapping+`" counts as not holding, as "fails" does`)
			worse := strings.Contains(c, "where malfunction harms more than closure: where it holds, through trapping or not")
			if chain := slices.Contains(ChainHarms, harm); says != (chain && !worse) || worse && !chain {
				t.Errorf("%s: caption %q; says how it counts %q: %v, maps where malfunction harms more: %v; on a harm with a chain: %v", d.Name, c, ClaimNotThroughTrapping, says, worse, chain)
			}
			if want := fmt.Sprintf("grey: fewer than %d conclusive", mapMinConclusive); !strings.Contains(c, want) {
				t.Errorf("%s: caption %q does not say %q", d.Name, c, want)
			}
			// Its axes are labelled in words: the caption names their keys,
			// as robustness.csv's columns and docs/CLAIM.md's table do.
			if !regexp.MustCompile(` · x: (factors|abuse|migrants)\.[a-z_.]+; y: ((factors|abuse|migrants)\.[a-z_.]+|every post's capacity, multiplied)$| · x: every post's capacity, multiplied; y: `).MatchString(c) {
				t.Errorf("%s: caption %q does not name the axes' keys", d.Name, c)
			}
		}
		for _, format := range []string{"png", "svg", "pdf"} {
			l, err := d.Fig.Layout(format)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range l.Problems() {
				t.Errorf("%s.%s: %s", d.Name, format, p)
			}
		}
		// The effects figures at one column too: the second reading's
		// bars, under a heading, add rows whose labels must still fit.
		if strings.HasPrefix(d.Name, "effects_") {
			for _, size := range figures.Sizes() {
				d.Fig.SetSize(size)
				l, err := d.Fig.Layout("png")
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range l.Problems() {
					t.Errorf("%s, %s size: %s", d.Name, size.Name, p)
				}
			}
		}
	}
}

// TestSplitFigures checks the figures of a folder that splits
// malfunction into its parts (32 cells) (audit researcher6, findings 1,
// 2, 3, 7): its figures over days and of bars per regime draw the 8
// corner cells alone, name them in the legend and say so in the caption,
// and lay out cleanly at every size in every format (32 entries left the
// data area no height at single size, with NaN coordinates, and ran over
// the caption at double); no cell that is not a built-in regime takes a
// built-in regime's colour, and no two corner cells share one; the
// effects figures show the parts' main effects.
func TestSplitFigures(t *testing.T) {
	s, err := scenarios.Load(filepath.Join("testdata", "toy.toml"))
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates = 2
	o := DefaultOptions()
	o.MaxReps, o.Split = 2, true
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Check(context.Background(), s, "", o, out, 2, nil, nil); err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := claimDesign(m)
	if err != nil {
		t.Fatal(err)
	}
	if d.NCells() != 32 {
		t.Fatalf("%d cells; want 32", d.NCells())
	}
	var corners []string
	for _, c := range d.Corners() {
		corners = append(corners, d.CellName(c))
	}
	if len(corners) != 8 {
		t.Fatalf("corners %v; want 8", corners)
	}
	src := experiment.Source{Dir: out, Manifest: m}
	builtinColour := map[color.NRGBA]string{}
	for i, b := range scenarios.BuiltinRegimes {
		builtinColour[palette.StyleColor(i+1)] = b
	}
	cornerColour := map[color.NRGBA]string{}
	for c, name := range d.CellNames() {
		st, err := src.RegimeStyle(name, d.CellNames())
		if err != nil {
			t.Fatal(err)
		}
		col := palette.StyleColor(st)
		if b := d.BuiltinCell(s, c); b == "" {
			if other, ok := builtinColour[col]; ok {
				t.Errorf("cell %s, not a built-in regime, is drawn in %s's colour", name, other)
			}
		}
		if slices.Contains(corners, name) {
			if other, ok := cornerColour[col]; ok {
				t.Errorf("corner cells %s and %s share a colour", other, name)
			}
			cornerColour[col] = name
		}
	}
	drawn, _, err := experiment.DrawFigures(out, m, Figures, []string{"svg"})
	if err != nil {
		t.Fatal(err)
	}
	for _, dr := range drawn {
		if dr.Fig == nil {
			continue
		}
		for _, size := range figures.Sizes() {
			dr.Fig.SetSize(size)
			for _, format := range figures.Formats() {
				var b bytes.Buffer
				if err := dr.Fig.Encode(&b, format); err != nil {
					t.Errorf("%s, %s size, %s: %v", dr.Name, size.Name, format, err)
					continue
				}
				if format == "svg" && bytes.Contains(b.Bytes(), []byte("NaN")) {
					t.Errorf("%s, %s size: NaN in the SVG", dr.Name, size.Name)
				}
				l, err := dr.Fig.Layout(format)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range l.Problems() {
					t.Errorf("%s, %s size, %s: %s", dr.Name, size.Name, format, p)
				}
			}
		}
		var text []string
		l, err := dr.Fig.Layout("svg")
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range l.Text {
			text = append(text, b.Text)
		}
		flat := strings.Join(strings.Fields(strings.Join(text, " ")), " ")
		switch {
		case slices.Contains([]string{"trapped", "abuse", "abuse_by_kind", "outcomes"}, dr.Name):
			if !strings.Contains(flat, "drawn: the 8 of 32 cells with malfunction's parts all working or all failing") {
				t.Errorf("%s does not say which cells it draws: %q", dr.Name, flat)
			}
			// A corner cell's legend entry is its name, and the name
			// of the built-in regime it is, if any, after it; a cell
			// not drawn is named nowhere.
			for c, name := range d.CellNames() {
				entry := name
				if b := d.BuiltinCell(s, c); b != "" {
					entry += " (" + b + ")"
				}
				named := regexp.MustCompile(`(^| )` + regexp.QuoteMeta(entry) + `( |$)`).MatchString(flat)
				if want := slices.Contains(corners, name); named != want {
					t.Errorf("%s: legend names %q: %v, want %v", dr.Name, entry, named, want)
				}
			}
		case strings.HasPrefix(dr.Name, "effects_"):
			for _, part := range []string{"reliability: ", "integrity: ", "information: ", secondHeading + " malfunction, open: "} {
				if !strings.Contains(flat, part) {
					t.Errorf("%s does not show the effect of %s: %q", dr.Name, strings.TrimSuffix(part, ": "), flat)
				}
			}
		}
	}
}

// TestFiguresSayWhatTheyDraw checks, on a claim folder, what the claim's
// figures promise a reader: each cell that is a built-in regime in the
// built-in regime's colour, and no two cells in one colour; bands only
// for those cells in the figures over days, as the caption says; ±δ
// drawn and named on the effects figures (but for a harm that never
// happens, which says so), each effect's verdict marked and the intervals
// said to be unadjusted, with no legend entry for the one series; no word
// of error bars on mediation, which draws none, and a word that it has
// no intervals; on cells_HARM, that its intervals are of each cell's mean
// and overlapping ones do not mean no paired difference (referee 8, N3).
func TestFiguresSayWhatTheyDraw(t *testing.T) {
	s, err := scenarios.Load(filepath.Join("testdata", "toy.toml"))
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates = 3
	o := DefaultOptions()
	o.MaxReps = 3
	out := filepath.Join(t.TempDir(), "out")
	res, err := Check(context.Background(), s, "", o, out, 2, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	src := experiment.Source{Dir: out, Manifest: m}
	d, _, err := claimDesign(m)
	if err != nil {
		t.Fatal(err)
	}
	var builtins []string
	seen := map[int]string{}
	for c, name := range d.CellNames() {
		got, err := src.RegimeStyle(name, d.CellNames())
		if err != nil {
			t.Fatal(err)
		}
		if other, ok := seen[got]; ok {
			t.Errorf("cells %s and %s share colour %d", other, name, got)
		}
		seen[got] = name
		if b := d.BuiltinCell(s, c); b != "" {
			builtins = append(builtins, name)
			if want := palette.RegimeStyle(b, nil); got != want {
				t.Errorf("cell %s (the %s regime) has colour %d; the %s regime has %d", name, b, got, b, want)
			}
		}
	}
	if len(builtins) != len(scenarios.BuiltinRegimes) {
		t.Fatalf("cells that are built-in regimes: %v; want one per built-in regime", builtins)
	}

	drawn, _, err := experiment.DrawFigures(out, m, Figures, []string{"svg"})
	if err != nil {
		t.Fatal(err)
	}
	text := func(name string) string {
		for _, dr := range drawn {
			if dr.Name == name {
				l, err := dr.Fig.Layout("svg")
				if err != nil {
					t.Fatal(err)
				}
				var lines []string
				for _, b := range l.Text {
					lines = append(lines, b.Text)
				}
				return strings.Join(lines, "\n")
			}
		}
		t.Fatalf("no figure %s", name)
		return ""
	}
	for _, dr := range drawn { // no '?' for a character the font lacks
		if bad := figures.Undrawable(text(dr.Name)); bad != "" {
			t.Errorf("%s has text the figures draw as '?': %q", dr.Name, bad)
		}
	}
	trapped := strings.ReplaceAll(text("trapped"), "\n", " ")
	if !strings.Contains(trapped, "bands only for "+strings.Join(builtins, ", ")) {
		t.Errorf("trapped's text %q does not say which cells have bands (%v)", trapped, builtins)
	}
	ests, err := ReadEffects(filepath.Join(out, "effects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range Harms() {
		eff := text("effects_" + h)
		flat := strings.Join(strings.Fields(eff), " ")
		if e, _ := res.Estimate("closure", h); e.Verdict == NotApplicable {
			// No band: bars at 0 inside it would read as "no meaningful difference".
			if strings.Contains(eff, "smallest effect of interest") || !strings.Contains(flat, "not applicable, 0 in every run") {
				t.Errorf("effects_%s, a harm that never happens: %q; want it said, and no band", h, eff)
			}
		} else if !strings.Contains(flat, ": smallest effect of interest") {
			t.Errorf("effects_%s does not name the smallest effect of interest: %q", h, eff)
		}
		if !strings.Contains(flat, "intervals not adjusted for multiple tests, verdicts from Holm-adjusted tests") {
			t.Errorf("effects_%s does not warn that its intervals are unadjusted: %q", h, flat)
		}
		// The second reading's bars (at protection none) stand under
		// their heading, labelled as their counterparts above it, and the
		// caption says what they are.
		at := strings.Index(flat, secondHeading+" ") // the row, not the caption's quote of it
		main, second := flat, ""
		if at >= 0 {
			main, second = flat[:at], flat[at:]
		}
		if at < 0 || !strings.Contains(flat, "below \""+secondHeading+"\", the claim's effects among the cells without protection, where the named regimes lie") {
			t.Errorf("effects_%s has no heading %q for the second reading, or no caption for it: %q", h, secondHeading, flat)
		}
		for _, fe := range figureEffects {
			i := slices.IndexFunc(ests, func(e Estimate) bool { return e.Effect.ID == fe.id && e.Harm == h })
			if i < 0 { // malfunction's parts: only in a folder that splits it
				continue
			}
			where := main
			if IsAtNone(fe.id) {
				where = second
			}
			if want := fe.label + ": " + VerdictWords(fe.id, ests[i].Verdict); !strings.Contains(where, want) {
				t.Errorf("effects_%s does not mark %s's verdict (%q): %q", h, fe.id, want, flat)
			}
		}
		if slices.Contains(strings.Split(eff, "\n"), "effect") {
			t.Errorf("effects_%s has a legend entry for its one series: %q", h, eff)
		}
	}
	if med := text("mediation"); strings.Contains(med, "error bars") {
		t.Errorf("mediation draws no error bars but says %q", med)
	}

	// Colours mean the same in every figure of the folder: each bar of
	// cells_HARM (and its legend entry, named as trapped names the cell)
	// in the colour its cell has in trapped; the effects and the parts of
	// mediation, which are no cells, in greys, no cell's colour.
	fig := func(name string) *figures.Figure {
		i := slices.IndexFunc(drawn, func(dr experiment.Drawn) bool { return dr.Name == name })
		if i < 0 {
			t.Fatalf("no figure %s", name)
		}
		return drawn[i].Fig
	}
	cellColours := map[string]string{}
	for _, name := range d.CellNames() {
		st, err := src.RegimeStyle(name, d.CellNames())
		if err != nil {
			t.Fatal(err)
		}
		cellColours[hexColour(palette.StyleColor(st))] = name
	}
	for _, h := range Harms() {
		legend := strings.Fields(text("cells_" + h))
		svg := figtest.SVG(t, fig("cells_"+h))
		for c, name := range cellColours {
			if !slices.Contains(legend, name) {
				t.Errorf("cells_%s: the legend does not name cell %s", h, name)
			}
			if !bytes.Contains(svg, []byte(c)) {
				t.Errorf("cells_%s: no bar or sample in %s, the colour of cell %s in trapped", h, c, name)
			}
		}
		for _, c := range figtest.ChromaticColours(svg) {
			if _, ok := cellColours[c]; !ok {
				t.Errorf("cells_%s draws in %s, no cell's colour", h, c)
			}
		}
		if got := figtest.ChromaticColours(figtest.SVG(t, fig("effects_"+h))); len(got) > 0 {
			t.Errorf("effects_%s draws in colours %v; want greys, as its effects are no regime", h, got)
		}
	}
	if got := figtest.ChromaticColours(figtest.SVG(t, fig("mediation"))); len(got) > 0 {
		t.Errorf("mediation draws in colours %v; want greys, as its parts are no regime", got)
	}

	// Each caption says what its bars or lines are and what its error
	// bars or bands: the effects' and cells' are Student-t intervals of
	// the mean (Estimate, output.Describe), which a caption calling them
	// intervals "across replicates" would pass off as the replicates'
	// spread; the figures over days show the spread (the default bands).
	captions := map[string]string{}
	for _, dr := range drawn {
		captions[dr.Name] = dr.Fig.Caption()
		if c := dr.Fig.Caption(); strings.Contains(c, "across replicates") {
			t.Errorf("%s: caption %q", dr.Name, c)
		}
	}
	wants := map[string]string{
		"trapped":   " · lines: mean of 3 replicates · bands: middle 95% of replicates (2.5th to 97.5th percentile) · ",
		"mediation": " · bars: mean of 3 replicates · " + mediationNoIntervals,
	}
	// A harm that never happens has every effect, every cell's mean and
	// every interval 0: no error bar is drawn, of no width, and the
	// caption promises none.
	var noBars []string
	for _, h := range Harms() {
		if e, _ := res.Estimate("closure", h); e.Verdict == NotApplicable {
			noBars = append(noBars, "effects_"+h, "cells_"+h)
			wants["effects_"+h] = " · bars: mean of 3 replicates · each bar is the paired effect"
			wants["cells_"+h] = " · bars: mean of 3 replicates"
			continue
		}
		wants["effects_"+h] = " · bars: mean of 3 replicates · error bars: 95% confidence intervals of the mean · "
		wants["cells_"+h] = " · bars: mean of 3 replicates · error bars: 95% confidence intervals of the mean, cut at 0 · " + cellsIntervalNote(h)
	}
	for name, want := range wants {
		if got, ok := captions[name]; !ok || !strings.Contains(got, want) {
			t.Errorf("%s: caption %q, want it to say %q", name, got, want)
		}
	}
	for _, name := range noBars {
		if got := captions[name]; strings.Contains(got, "error bars") || strings.Contains(got, "overlapping bars") {
			t.Errorf("%s: caption %q, which draws no error bar (every interval is 0 to 0)", name, got)
		}
	}
}

// hexColour is c as an SVG writes it.
func hexColour(c color.NRGBA) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// TestHoldsMapCountsConclusivePoints: a robustness map colours the share
// of a cell's conclusive points where the claim holds (it once coloured
// the share of all its points, so a cell of inconclusive points took the
// colour of "fails"); a cell with fewer than mapMinConclusive conclusive
// points is NaN (grey: one point once coloured a quarter of the plane,
// referee8 N5), and the numbers printed are the conclusive points, in
// grey cells too.
func TestHoldsMapCountsConclusivePoints(t *testing.T) {
	a := Assumption{ID: "a", Lo: 0, Hi: 1}
	b := Assumption{ID: "b", Lo: 0, Hi: 1}
	h := 0
	rob := &RobustnessResult{IDs: []string{"a", "b"}}
	at := func(x, y float64, outcomes ...string) {
		for _, o := range outcomes {
			rob.Points = append(rob.Points, []float64{x, y})
			rob.Claims = append(rob.Claims, []ClaimVerdict{{Holds: o}})
		}
	}
	// Twelve points make a 2×2 map (n = round(√(12/3)) = 2).
	at(0.1, 0.1, ClaimInconclusive, ClaimNotApplicable, ClaimChainInconclusive) // low a, low b: nothing concluded
	at(0.9, 0.1, ClaimHolds, ClaimHolds, ClaimInconclusive)                     // high a, low b: 2 conclusive, too few
	at(0.1, 0.9, ClaimFails, ClaimHolds, ClaimHolds)                            // low a, high b: 2 of 3 hold
	at(0.9, 0.9, ClaimNotThroughTrapping, ClaimHolds, ClaimFails)               // high a, high b: 1 of 3 holds
	_, _, z, counts, conclusive := holdsMap(rob, h, 0, 1, a, b, false)
	want := [][]float64{{math.NaN(), math.NaN()}, {2.0 / 3, 1.0 / 3}}
	wantCounts := [][]int{{0, 2}, {3, 3}}
	if len(z) != 2 || len(z[0]) != 2 {
		t.Fatalf("a %d×%d map; want 2×2", len(z), len(z[0]))
	}
	for r := range want {
		for c := range want[r] {
			if w := want[r][c]; !(math.IsNaN(w) && math.IsNaN(z[r][c]) || z[r][c] == w) || counts[r][c] != wantCounts[r][c] {
				t.Errorf("cell (%d, %d): share %v of %d conclusive; want %v of %d", r, c, z[r][c], counts[r][c], w, wantCounts[r][c])
			}
		}
	}
	if conclusive != 8 {
		t.Errorf("%d points conclusive; want 8", conclusive)
	}
}

// TestHoldsMapBinsLogRanges: a map over an assumption drawn
// log-uniformly bins it equally on its logarithms, as the design draws
// it, so that each column of a Latin hypercube's points holds as many
// points (binned evenly, the lowest column of 0.001 to 0.02 held 18 of
// 27), its bins centred at their geometric middles.
func TestHoldsMapBinsLogRanges(t *testing.T) {
	j := slices.IndexFunc(Assumptions, func(a Assumption) bool { return a.ID == "official_violence" })
	k := slices.IndexFunc(Assumptions, func(a Assumption) bool { return a.ID == "weak_oversight" })
	a, b := Assumptions[j], Assumptions[k]
	if !a.Log || b.Log {
		t.Fatalf("%s drawn log-uniformly %v, %s %v; the test wants one of each", a.ID, a.Log, b.ID, b.Log)
	}
	rob := &RobustnessResult{IDs: []string{a.ID, b.ID}}
	for _, p := range robustnessPoints(27, 3) { // a 3×3 map
		rob.Points = append(rob.Points, []float64{p[j], p[k]})
		rob.Claims = append(rob.Claims, []ClaimVerdict{{Holds: ClaimHolds}})
	}
	x, y, _, counts, _ := holdsMap(rob, 0, 0, 1, a, b, false)
	for c := range 3 {
		column, row := 0, 0
		for r := range 3 {
			column += counts[r][c]
			row += counts[c][r]
		}
		if column != 9 || row != 9 {
			t.Errorf("bin %d: %d points in the column, %d in the row; want 9 each", c, column, row)
		}
	}
	third := math.Pow(a.Hi/a.Lo, 1.0/3)
	if want := a.Lo * math.Sqrt(third); math.Abs(x[0]-want) > 1e-12 {
		t.Errorf("first column centred at %v; want %v, the geometric middle of its bin", x[0], want)
	}
	if want := b.Lo + (b.Hi-b.Lo)/6; math.Abs(y[0]-want) > 1e-12 {
		t.Errorf("first row centred at %v; want %v", y[0], want)
	}
}

// TestMapFallsBackWhereNothingHolds: on an abuse harm where the claim
// holds at no point, a robustness map of where it holds would be one
// colour (classroom's on migrants abused was): it colours instead the
// share of conclusive points where malfunction harms more than closure,
// holding through trapping or not, and its title and caption say so.
// Where the claim holds somewhere, or off the chain's harms, it maps
// where the claim holds.
func TestMapFallsBackWhereNothingHolds(t *testing.T) {
	a := Assumption{ID: "a", Lo: 0, Hi: 1}
	b := Assumption{ID: "b", Lo: 0, Hi: 1}
	for _, tc := range []struct {
		name      string
		harm      string
		outcomes  []string // at (0.1, 0.1), then three at each other corner
		title     string
		worse     bool
		lowHighA  float64 // the share at low a, high b
		caption   string
		noCaption string
	}{
		{"abuse, holds somewhere", "abused_migrants", []string{ClaimHolds, ClaimNotThroughTrapping, ClaimFails},
			"Where the claim holds on migrants abused", false, 1.0 / 3, `counts as not holding, as "fails" does`, "holds at none"},
		{"abuse, holds nowhere", "abused_migrants", []string{ClaimNotThroughTrapping, ClaimNotThroughTrapping, ClaimFails},
			"Where malfunction harms more than closure on migrants abused", true, 2.0 / 3,
			"the claim holds at none of the 12 points, so the colours show instead the share of a cell's conclusive points (the claim holds, holds but not through trapping, or fails) where malfunction harms more than closure", "counts as not holding"},
		{"trapped person-days, holds nowhere", "trapped_person_days", []string{ClaimFails, ClaimFails, ClaimFails},
			"Where the claim holds on trapped person-days", false, 0, "where it holds", "holds at none"},
	} {
		h := slices.Index(Harms(), tc.harm)
		rob := &RobustnessResult{IDs: []string{"a", "b"}}
		for _, p := range [][]float64{{0.1, 0.1}, {0.9, 0.1}, {0.1, 0.9}, {0.9, 0.9}} {
			for _, o := range tc.outcomes {
				claims := make([]ClaimVerdict, len(Harms()))
				claims[h].Holds = o
				rob.Points, rob.Claims = append(rob.Points, p), append(rob.Claims, claims)
			}
		}
		title, worse := MapTitle(rob, h)
		if title != tc.title || worse != tc.worse {
			t.Errorf("%s: MapTitle %q, %v; want %q, %v", tc.name, title, worse, tc.title, tc.worse)
		}
		_, _, z, _, conclusive := holdsMap(rob, h, 0, 1, a, b, worse)
		if got := z[1][0]; !(math.Abs(got-tc.lowHighA) <= 1e-12) {
			t.Errorf("%s: share %v at low a, high b; want %v", tc.name, got, tc.lowHighA)
		}
		c := mapCaption(tc.harm, conclusive, len(rob.Points), worse)
		if !strings.Contains(c, tc.caption) || strings.Contains(c, tc.noCaption) {
			t.Errorf("%s: caption %q; want %q, without %q", tc.name, c, tc.caption, tc.noCaption)
		}
	}
}

// TestAxisLabel: the robustness maps' axes name the unit of the
// assumption's key, as a sweep's axes do, in place of the label's own
// parenthesis; a key with no unit it can name keeps the label.
func TestAxisLabel(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ id, want string }{
		{"strong_oversight", "oversight of officials at working posts (share)"},
		{"poor_accuracy", "accuracy of what migrants know of failing posts (share)"},
		{"outage_start", "how often failing posts break down (probability per day)"},
		{"outage_days", "how long their outages last (days)"},
		{"post_capacity", "post capacity (multiple of the scenario's)"},
	} {
		if got := AssumptionByID(tc.id).AxisLabel(s.KeyUnit); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.id, got, tc.want)
		}
	}
}
