package programme

import (
	"context"
	"path/filepath"
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
