package mdtest

import "testing"

func TestSection(t *testing.T) {
	doc := "# Title\nintro\n## Runs\nrun text\n### Detail\ndetail\n## Next\nnext\n"
	for _, c := range []struct {
		heading, want string
		ok            bool
	}{
		{"## Runs", "\nrun text", true},
		{"### Detail", "\ndetail", true},
		{"## Next", "\nnext\n", true},
		{"## Run", "", false},     // a heading is a whole line
		{"## Missing", "", false}, // no such line
	} {
		got, ok := Section(doc, c.heading)
		if got != c.want || ok != c.ok {
			t.Errorf("Section(%q) = %q, %v; want %q, %v", c.heading, got, ok, c.want, c.ok)
		}
	}
}
