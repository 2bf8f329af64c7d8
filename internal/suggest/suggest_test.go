package suggest

import "testing"

func TestClosest(t *testing.T) {
	commands := []string{"run", "compare", "sweep", "merge", "claim", "plot", "scenarios", "check", "reproduce", "version"}
	for _, tc := range []struct {
		word       string
		candidates []string
		want       string
	}{
		{"compre", commands, "compare"},
		{"comapre", commands, "compare"},
		{"swep", commands, "sweep"},
		{"Plot", commands, "plot"},
		{"scenario", commands, "scenarios"},
		{"reproduction", commands, "reproduce"},
		{"xyz", commands, ""},
		{"rep", []string{"regime", "reps", "seed"}, "reps"},
		{"regimes", []string{"regime", "reps"}, "regime"},
		{"hbmm", []string{"open", "closed", "malfunctioning", "hbm"}, "hbm"},
		{"malfunction", []string{"open", "closed", "malfunctioning", "hbm"}, "malfunctioning"},
		{"tahel", []string{"agadez", "classroom", "sahel"}, "sahel"},
		{"", []string{"a"}, ""},
		{"re", []string{"reps", "regime"}, ""}, // two start with it: no guess
	} {
		if got := Closest(tc.word, tc.candidates); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

func TestHint(t *testing.T) {
	if got := Hint("compre", []string{"compare"}); got != "; did you mean compare?" {
		t.Errorf("Hint = %q", got)
	}
	if got := Hint("zzz", []string{"compare"}); got != "" {
		t.Errorf("Hint with no candidate = %q", got)
	}
}
