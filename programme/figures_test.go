package programme

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures/figtest"
)

// TestFiguresLayOutCleanly draws every figure of a programme folder and
// checks that no text collides with other text or leaves the canvas, in
// every format, and that the analysis's own figures are drawn in greys.
func TestFiguresLayOutCleanly(t *testing.T) {
	s := loadToy(t, "days=120", "replicates=3", "default_regimes=malfunctioning,hbm")
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Run(context.Background(), s, "", Options{}, out, 2, nil, nil); err != nil {
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
	if want := 2 * (len(FigureMetrics) + 1); len(drawn) < want {
		t.Fatalf("drew %d figures; want at least the %d of the analysis for two regimes", len(drawn), want)
	}
	for _, d := range drawn {
		// The channels and the policy's quantities are no regimes: greys,
		// never the colour of a regime in the folder's other figures.
		if strings.HasPrefix(d.Name, "channels_") || strings.HasPrefix(d.Name, "path_") {
			if got := figtest.ChromaticColours(figtest.SVG(t, d.Fig)); len(got) > 0 {
				t.Errorf("%s draws in colours %v; want greys", d.Name, got)
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
	}
}

// TestTimeFiguresShadeTheArmsThatCompare: a programme folder's figures
// over days shade the bands of a regime's arms without the programme and
// with it in full, and draw the arms of one channel alone as lines,
// saying so in the caption: a regime's four bands, about the same counts,
// overlapped into one area in which no arm could be told from another.
// With several regimes each regime's arms are drawn in figures of their
// own (trapped_REGIME), which shade that regime's two. Under --bands
// replicates every arm keeps its replicates' lines.
func TestTimeFiguresShadeTheArmsThatCompare(t *testing.T) {
	for _, tc := range []struct {
		regimes []string
		bands   string
		shaded  map[string][]string // figure over days -> the arms with bands; nil: none
	}{
		{[]string{"malfunctioning"}, "", map[string][]string{
			"trapped": {"malfunctioning", "malfunctioning+programme"},
			"abuse":   {"malfunctioning", "malfunctioning+programme"}}},
		{[]string{"malfunctioning", "hbm"}, "", map[string][]string{
			"trapped_malfunctioning": {"malfunctioning", "malfunctioning+programme"},
			"abuse_malfunctioning":   {"malfunctioning", "malfunctioning+programme"},
			"trapped_hbm":            {"hbm", "hbm+programme"},
			"abuse_hbm":              {"hbm", "hbm+programme"}}},
		{[]string{"malfunctioning", "hbm", "closed"}, "", map[string][]string{
			"trapped_malfunctioning": {"malfunctioning", "malfunctioning+programme"},
			"abuse_hbm":              {"hbm", "hbm+programme"},
			"trapped_closed":         {"closed", "closed+programme"},
			"abuse_closed":           {"closed", "closed+programme"}}},
		{[]string{"malfunctioning"}, output.BandsReplicates, map[string][]string{"trapped": nil, "abuse": nil}},
	} {
		name := strings.Join(tc.regimes, ",") + " " + tc.bands
		s := loadToy(t, "days=70", "replicates=2")
		out := filepath.Join(t.TempDir(), "out")
		o := Options{Regimes: tc.regimes}
		if tc.bands != "" {
			o.FigureOptions = &output.FigureOptions{Bands: tc.bands}
		}
		if _, err := Run(context.Background(), s, "", o, out, 2, nil, nil); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		m, err := output.ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		drawn, _, err := experiment.DrawFigures(out, m, Figures, []string{"svg"})
		if err != nil {
			t.Fatal(err)
		}
		regimes := ArmNames(Arms(tc.regimes))
		for fig, shaded := range tc.shaded {
			d, ok := experiment.FindDrawn(drawn, fig)
			if !ok {
				t.Errorf("%s: no figure %s", name, fig)
				continue
			}
			caption := "thin lines: single replicates"
			if shaded != nil {
				caption = "bands only for " + strings.Join(shaded, ", ")
			}
			if c := d.Fig.Caption(); !strings.Contains(c, caption) || (shaded == nil) == strings.Contains(c, "bands only") {
				t.Errorf("%s: %s's caption %q; want it to say %q", name, d.Name, c, caption)
			}
			// A band is filled translucent, as nothing else is: one
			// colour per arm shaded (in the band and its legend sample).
			svg := string(figtest.SVG(t, d.Fig))
			fills := map[string]bool{}
			for _, f := range bandFill.FindAllStringSubmatch(svg, -1) {
				fills[f[1]] = true
			}
			if len(fills) != len(shaded) {
				t.Errorf("%s: %s fills %d bands (%v); want %d, of %v among %v", name, d.Name, len(fills), fills, len(shaded), shaded, regimes)
			}
		}
	}
}

// bandFill is the style of a translucent fill in an SVG figure (black's
// names no colour, SVG's default).
var bandFill = regexp.MustCompile(`style="([^"]*fill-opacity:0\.[0-9]+[^"]*)"`)
