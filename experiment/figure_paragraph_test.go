package experiment

import (
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/mdtest"
	"github.com/borderwork/borderwork/output/figures"
)

// TestFigureParagraphCaptionLiteral: a figure's caption, in italics
// under it or in its place when it was not drawn, shows its title as
// written, though the title holds a regime's name or an axis's --label
// with Markdown's markup in it: an unescaped "*" ended the italics
// early, and "[...]" could read as a link.
func TestFigureParagraphCaptionLiteral(t *testing.T) {
	const title = "Trapped person-days against Outage *length* [days] | x_"
	for _, tc := range []struct {
		name string
		d    Drawn
		tail string // what follows the title in the caption
	}{
		{"drawn", Drawn{Name: "trapped", Title: title, Fig: &figures.Figure{}, Formats: []string{"png"}}, ".*"},
		{"not drawn", Drawn{Name: "trapped", Title: title, NotDrawn: "nobody was trapped"}, ": no figure, as nobody was trapped.*"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := FigureParagraph(tc.d)
			lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
			caption := lines[len(lines)-1]
			inner, ok := strings.CutPrefix(caption, "*")
			if !ok || !strings.HasSuffix(inner, tc.tail) {
				t.Fatalf("caption %q; want *TITLE%s", caption, tc.tail)
			}
			inner = strings.TrimSuffix(inner, tc.tail)
			if got := mdtest.Unescape(inner); got != title {
				t.Errorf("caption reads %q; want %q", got, title)
			}
			for _, c := range []string{"*", "[", "]", "|"} {
				if strings.Count(inner, c) != strings.Count(inner, `\`+c) {
					t.Errorf("caption %q: a %q not escaped", caption, c)
				}
			}
		})
	}
}
