package programme

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReportLinksOnlyDrawnFigures: report.md shows each figure of the
// analysis as the first format drawn, PNG else SVG, and links no file
// that was not written; with no figures it links none.
func TestReportLinksOnlyDrawnFigures(t *testing.T) {
	link := regexp.MustCompile(`\]\((figures/[^)]+)\)`)
	tests := []struct {
		formats []string
		ext     string // the extension of the images, "" for none
	}{
		{nil, ""},
		{[]string{"svg"}, ".svg"},
		{[]string{"svg", "png"}, ".png"},
		{[]string{"pdf"}, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.formats, ","), func(t *testing.T) {
			s := loadToy(t, "days=120", "replicates=3")
			out := filepath.Join(t.TempDir(), "out")
			if _, err := Run(context.Background(), s, "", Options{}, out, 2, tt.formats, nil); err != nil {
				t.Fatal(err)
			}
			report, err := os.ReadFile(filepath.Join(out, "report.md"))
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range link.FindAllStringSubmatch(string(report), -1) {
				if _, err := os.Stat(filepath.Join(out, m[1])); err != nil {
					t.Errorf("report.md links %s, which was not written", m[1])
				}
			}
			for _, name := range []string{"channels_malfunctioning_trapped_person_days", "channels_malfunctioning_abuse_events", "path_malfunctioning"} {
				image := regexp.MustCompile(`(?m)^!\[[^\]]+\]\(figures/` + name + regexp.QuoteMeta(tt.ext) + `\)$`)
				if tt.ext != "" && !image.Match(report) {
					t.Errorf("report.md does not show %s%s", name, tt.ext)
				}
			}
			if images := strings.Count(string(report), "\n!["); tt.ext == "" && images > 0 {
				t.Errorf("report.md shows %d images; want none with formats %v", images, tt.formats)
			}
		})
	}
}
