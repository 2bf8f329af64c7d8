package claim

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestFiguresLayOutCleanly draws every figure of a claim folder with a
// robustness check and checks that no text collides with other text or
// leaves the canvas, in every format.
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
