package dtm

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/output/figures/figtest"
	"github.com/borderwork/borderwork/output/figures/palette"
	"github.com/borderwork/borderwork/scenarios"
)

// TestFlowFigureColours: in the flow figures each regime takes the
// colour it takes in every other figure (docs/OUTPUTS.md: open blue,
// closed orange), and the data and the baseline, which are no regime,
// take no colour a regime can take.
func TestFlowFigureColours(t *testing.T) {
	st := smallStudy(t, embedded(t), 2)
	var regimeBands []figures.Band // one band per style a regime can take
	for style := 1; style <= 8; style++ {
		regimeBands = append(regimeBands, figures.Band{Style: style})
	}
	colourOf := func(i int, b figures.Band) string {
		style := b.Style
		if style == 0 {
			style = i + 1 // the band's position, as TimeBands gives it
		}
		c := palette.StyleColor(style)
		return string([]byte{c.R, c.G, c.B})
	}
	var regimeColours []string
	for i, b := range regimeBands {
		regimeColours = append(regimeColours, colourOf(i, b))
	}
	for d := Outgoing; d < NumDirections; d++ {
		bands := st.flowBands(d)
		seen := map[string]bool{}
		for i, b := range bands {
			seen[b.Label] = true
			got := colourOf(i, b)
			switch {
			case strings.HasPrefix(b.Label, "model: "):
				regime := strings.Fields(strings.TrimPrefix(b.Label, "model: "))[0]
				want := colourOf(0, figures.Band{Style: palette.RegimeStyle(regime, st.Prediction.Regimes)})
				if got != want {
					t.Errorf("%s: %q is drawn in %x, want %s's colour %x", d, b.Label, got, regime, want)
				}
			default:
				if slices.Contains(regimeColours, got) {
					t.Errorf("%s: %q is drawn in %x, a colour a regime takes", d, b.Label, got)
				}
			}
		}
		for _, want := range []string{"model: closed (median, 90% band)", "model: open (no change; median)", "baseline: mean before the change", "DTM, fitted", "DTM, predicted"} {
			if !seen[want] {
				t.Errorf("%s: no band %q", d, want)
			}
		}
	}
	if got, want := colourOf(0, figures.Band{Style: palette.RegimeStyle("open", nil)}), string([]byte{0x00, 0x72, 0xB2}); got != want {
		t.Errorf("open is %x, want the blue docs/OUTPUTS.md gives it", got)
	}
	if got, want := colourOf(0, figures.Band{Style: palette.RegimeStyle("closed", nil)}), string([]byte{0xE6, 0x9F, 0x00}); got != want {
		t.Errorf("closed is %x, want the orange docs/OUTPUTS.md gives it", got)
	}
}

// TestFlowFigureLogAxis: the flow figures' y axis is logarithmic, as the
// scores are, and their captions say so and why, how many values of 0
// (which a log axis has no place for) are left off, and whether a band
// runs to the axis's foot; report.md's captions say the same.
func TestFlowFigureLogAxis(t *testing.T) {
	st := smallStudy(t, embedded(t), 2)
	ref := st.regimeIndex(st.Options.Regime)
	tests := []struct {
		name   string
		zero   func(fd *FlowData) // sets values to 0
		left   string             // in the caption, or "" for none
		atFoot bool
	}{
		{"as run", func(*FlowData) {}, "", false},
		{"a median of 0", func(fd *FlowData) { fd.Monthly[ref][Outgoing][8].Median = 0 }, "1 value of 0 left off", false},
		{"a band's lower end of 0", func(fd *FlowData) { fd.Monthly[ref][Outgoing][8].Lo = 0 }, "", true},
		{"two of each", func(fd *FlowData) {
			for _, k := range []int{7, 8} {
				fd.Monthly[ref][Outgoing][k].Median, fd.Monthly[ref][Outgoing][k].Lo = 0, 0
			}
		}, "2 values of 0 left off", true},
	}
	for _, tt := range tests {
		fd := st.FlowData()
		tt.zero(fd)
		fig, err := fd.Figure(Outgoing)
		if err != nil {
			t.Fatal(err)
		}
		if !fig.LogScaleY() {
			t.Errorf("%s: the y axis is not logarithmic", tt.name)
		}
		c := fig.Caption()
		if !strings.Contains(c, "y axis logarithmic, as the scores are") {
			t.Errorf("%s: the caption does not say the axis is logarithmic, and why: %q", tt.name, c)
		}
		if strings.Contains(c, "left off") != (tt.left != "") || !strings.Contains(c, tt.left) {
			t.Errorf("%s: caption %q; want it to say %q of values left off", tt.name, c, tt.left)
		}
		if strings.Contains(c, "runs to the axis's foot") != tt.atFoot {
			t.Errorf("%s: caption %q; want a band to the axis's foot: %v", tt.name, c, tt.atFoot)
		}
		figtest.SVG(t, fig) // draws, with nothing at 0 on the axis
	}
	if fig, err := st.FlowFigure(Incoming); err != nil || !fig.LogScaleY() {
		t.Errorf("the incoming figure's y axis is not logarithmic (%v)", err)
	}
	var b strings.Builder
	if err := st.Report(&b, testManifest(), "data/dtm-niger", []string{"png"}, nil); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "The y axis is logarithmic, because the scores are"); n != 2 {
		t.Errorf("report.md says the flow figures' axis is logarithmic %d times; want 2, one per figure", n)
	}
}

// TestReportShowsFigures: report.md shows the flow figures Write drew,
// as other reports do (the PNG, else the SVG, else a link to the PDF),
// and none when none was drawn.
func TestReportShowsFigures(t *testing.T) {
	st := smallStudy(t, embedded(t), 2)
	tests := []struct {
		formats []string
		want    []string
	}{
		{[]string{"png", "svg", "pdf"}, []string{"](figures/flows-outgoing.png)", "](figures/flows-incoming.png)"}},
		{[]string{"pdf", "svg"}, []string{"](figures/flows-outgoing.svg)", "](figures/flows-incoming.svg)"}},
		{[]string{"pdf"}, []string{"(PDF)](figures/flows-outgoing.pdf)", "(PDF)](figures/flows-incoming.pdf)"}},
		{nil, nil},
	}
	for _, tt := range tests {
		var b strings.Builder
		if err := st.Report(&b, testManifest(), "data/dtm-niger", tt.formats, nil); err != nil {
			t.Fatal(err)
		}
		report := b.String()
		for _, want := range tt.want {
			if !strings.Contains(report, want) {
				t.Errorf("formats %v: report.md does not contain %q", tt.formats, want)
			}
		}
		if n := strings.Count(report, "figures/"); n != len(tt.want) {
			t.Errorf("formats %v: report.md names figures/ %d times, want %d", tt.formats, n, len(tt.want))
		}
		if got := strings.Contains(report, "## Figures"); got != (tt.formats != nil) {
			t.Errorf("formats %v: report.md has a Figures section: %v", tt.formats, got)
		}
	}
}

// TestFlowFiguresLayOutCleanly: the flow figures, at each size and in
// each format, draw no line of text over another, off the canvas or
// across the edge of the data area.
func TestFlowFiguresLayOutCleanly(t *testing.T) {
	st := smallStudy(t, embedded(t), 2)
	for _, size := range figures.Sizes() {
		for d := Outgoing; d < NumDirections; d++ {
			fig, err := st.FlowFigure(d)
			if err != nil {
				t.Fatal(err)
			}
			fig.SetSize(size)
			for _, format := range figures.Formats() {
				l, err := fig.Layout(format)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range l.Problems() {
					t.Errorf("%s, %s, %s: %s", FigureNames[d], size.Name, format, p)
				}
			}
		}
	}
}

// TestFlowDataReadsBack: the flow figures drawn from a folder's tables
// (ReadFlowData, as validate and plot draw them) are the bytes the study
// in memory draws: the tables hold every number the figures show, and
// read back exactly.
func TestFlowDataReadsBack(t *testing.T) {
	st := smallStudy(t, embedded(t), 2)
	s, err := scenarios.Load("agadez2016")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Days = st.Days
	dir := t.TempDir()
	if _, err := st.Write(dir, nil); err != nil {
		t.Fatal(err)
	}
	m := &output.Manifest{Scenario: st.Scenario, Seed: int64(st.Options.Seed), Days: st.Days, Regimes: st.Prediction.Regimes}
	for g, r := range st.Prediction.Regimes {
		for range st.Prediction.Runs[g] {
			m.Runs = append(m.Runs, output.RunInfo{Regime: r})
		}
	}
	fd, err := ReadFlowData(dir, m, s, st.Options.Regime)
	if err != nil {
		t.Fatal(err)
	}
	for d := Outgoing; d < NumDirections; d++ {
		want, err := st.FlowFigure(d)
		if err != nil {
			t.Fatal(err)
		}
		got, err := fd.Figure(d)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(figtest.SVG(t, got), figtest.SVG(t, want)) {
			t.Errorf("%s drawn from the folder's tables differs from the study's", FigureNames[d])
		}
	}
}

// TestFlowFigureLowerBound: a count the source gives as "more than" (July
// 2016's outgoing, "more than 48,000") is drawn apart, labelled a lower
// bound, not as a fitted count like the others.
func TestFlowFigureLowerBound(t *testing.T) {
	st := smallStudy(t, embedded(t), 2)
	var bound Row
	for _, r := range st.Rows {
		if r.LowerBound && r.Direction == Outgoing && r.Role == Fitted {
			bound = r
		}
	}
	if !bound.LowerBound {
		t.Fatal("the small study has no fitted lower bound: the test tests nothing")
	}
	at := float64(bound.First) + float64(bound.Days())/2
	for _, b := range st.flowBands(Outgoing) {
		has := slices.Contains(b.X, at)
		if want := b.Label == "DTM, at least (a lower bound)"; has != want && b.Markers {
			t.Errorf("%q has the lower bound's point: %v; want %v", b.Label, has, want)
		}
	}
}
