package experiment

import (
	"os"
	"regexp"
	"testing"
)

// TestCentresShelterNotHold: the model has no detention (docs/MODEL.md,
// 7.10 and "Simplifications": centres shelter, they do not detain), so
// neither a figure's caption nor the documentation of outputs and keys
// may say that migrants are held in a centre, which a reader takes for
// detention.
func TestCentresShelterNotHold(t *testing.T) {
	held := regexp.MustCompile(`(?i)\bheld in (a |the |its )?centres?\b`)
	for _, f := range CompareFigures {
		if held.MatchString(f.Title) {
			t.Errorf("figure %s: caption %q says migrants are held in a centre; centres shelter", f.Name, f.Title)
		}
	}
	for _, name := range []string{"../docs/OUTPUTS.md", "../docs/SCENARIOS.md", "../docs/MODEL.md", "../README.md"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if m := held.Find(b); m != nil {
			t.Errorf("%s says %q; centres shelter, they do not detain", name, m)
		}
	}
}
