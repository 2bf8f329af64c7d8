package words

import "testing"

func TestGroup(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"0", "0"},
		{"999", "999"},
		{"1000", "1,000"},
		{"-1000", "-1,000"},
		{"-100", "-100"},
		{"+1234567", "+1,234,567"},
		{"123456", "123,456"},
		{"1234567.25", "1,234,567.25"},
		{"9223372036854775807", "9,223,372,036,854,775,807"},
		{"1e+21", "1e+21"},
		{"96012345", "96,012,345"},
		{"-1234567", "-1,234,567"},
		{"NaN", "NaN"},
	} {
		if got := Group(c.in); got != c.want {
			t.Errorf("Group(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWhole(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {-1234567, "-1,234,567"}, {-9223372036854775808, "-9,223,372,036,854,775,808"}} {
		if got := Whole(c.n); got != c.want {
			t.Errorf("Whole(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n    int
		noun string
		want string
	}{
		{0, "regime", "0 regimes"},
		{1, "regime", "1 regime"},
		{2, "replicate", "2 replicates"},
		{20000, "point", "20,000 points"},
	} {
		if got := Count(c.n, c.noun); got != c.want {
			t.Errorf("Count(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
}

func TestList(t *testing.T) {
	for _, c := range []struct {
		items []string
		want  string
	}{
		{nil, ""},
		{[]string{"deaths"}, "deaths"},
		{[]string{"abuse events", "migrants abused"}, "abuse events and migrants abused"},
		{[]string{"a", "b", "c"}, "a, b and c"},
	} {
		if got := List(c.items); got != c.want {
			t.Errorf("List(%q) = %q, want %q", c.items, got, c.want)
		}
	}
}

func TestBlankName(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"", `must not be empty or only spaces, got ""`},
		{" ", `must not be empty or only spaces, got " "`},
		{"\t", `must not be empty or only spaces, got "\t"`},
		{" \u00a0\n", `must not be empty or only spaces, got " \u00a0\n"`},
		{"Gate", ""},
		{" Gate ", ""}, // spaces around a name are another fault, where it is one (regimes)
		{"\x00", ""},   // a control character is another fault (scenarios: plain)
	} {
		if got := BlankName(c.name); got != c.want {
			t.Errorf("BlankName(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}
