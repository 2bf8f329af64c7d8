package experiment

import "testing"

func TestHeaderParagraph(t *testing.T) {
	for _, c := range []struct{ title, description, want string }{
		{"", "", ""},
		{"A title", "", "A title."},
		{"A title.", "", "A title."},
		{"", "Only a description.", "Only a description."}, // no leading space
		{"A title", "Its description.", "A title. Its description."},
		{"", "First line.\n# not a heading", `First line. # not a heading`},
		{"A title", "Its first paragraph\ngoes on.\n\n# Its second", "A title. Its first paragraph goes on.\n\n\\# Its second"},
		{"A title", "\n\n", "A title."},
	} {
		if got := headerParagraph(c.title, c.description); got != c.want {
			t.Errorf("headerParagraph(%q, %q) = %q; want %q", c.title, c.description, got, c.want)
		}
	}
}
