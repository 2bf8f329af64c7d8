package figures

import (
	"slices"
	"testing"
)

// TestUndrawable: the figures' font has Latin, Greek and Cyrillic letters
// and the signs figures use; Arabic and Ethiopic (names of places on the
// routes borderwork models) it lacks, each letter listed once.
func TestUndrawable(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Agadez", ""},
		{"Ségou, Mopti–Gao", ""},
		{"Αθήνα Москва µ* − ≤", ""},
		{"line\nend\t", ""},
		{"أغاديز", "أغاديز"},
		{"Agadez (أغاديز)", "أغاديز"},
		{"الخرطوم", "الخرطوم"},
		{"ابابا", "اب"},
		{"አስመራ", "አስመራ"},
	} {
		if got := Undrawable(tt.in); got != tt.want {
			t.Errorf("Undrawable(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestMissingLettersDrawn: a label in a script the font lacks is drawn,
// and measured, as a '?' for each letter in every format: it once drew
// as nothing in a PNG, leaving a bar without a label.
func TestMissingLettersDrawn(t *testing.T) {
	fig, err := GroupedBars("t", "x", []Group{
		{Label: "open", Bars: []Bar{{Label: "أغاديز", Mean: 3, Lo: 2, Hi: 4}, {Label: "Agadez", Mean: 2, Lo: 1, Hi: 3}}},
	}, sampleCaption)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range Formats() {
		l, err := fig.Layout(format)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(l.Text, func(b TextBox) bool { return b.Text == "??????" })
		if i < 0 {
			t.Errorf("%s: no label %q among %v", format, "??????", texts(l))
			continue
		}
		if b := l.Text[i]; b.Max.X-b.Min.X <= 0 {
			t.Errorf("%s: the label %q is %v wide", format, b.Text, b.Max.X-b.Min.X)
		}
		if slices.ContainsFunc(l.Text, func(b TextBox) bool { return Undrawable(b.Text) != "" }) {
			t.Errorf("%s: text drawn with letters the font lacks: %v", format, texts(l))
		}
	}
}

func texts(l *Layout) []string {
	var out []string
	for _, b := range l.Text {
		out = append(out, b.Text)
	}
	return out
}
