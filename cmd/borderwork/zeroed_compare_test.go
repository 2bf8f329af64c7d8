package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareZeroedNotes: compare says, under its table, in report.md
// and in --json's zeroed_notes, under which regimes patrols intercepted migrants and abused
// none of them, and centres sheltered migrants, their staff abused none
// and they held none who would leave (the two in one note, as they share
// their occasions and regimes), with the --set that gives each harm a
// rate or chance; a regime given one leaves the note, and regimes with
// no patrols or centres give none.
func TestCompareZeroedNotes(t *testing.T) {
	t.Parallel()
	const (
		patrols   = "patrols intercepted migrants and abused none of them: pushback_violence is 0 there"
		centres   = "centres sheltered migrants and their staff abused none of them: centre_abuse is 0 there"
		detention = "centres sheltered migrants and held none of them who would leave: centre_detention is 0 there"
		both      = "centres sheltered migrants, and two harms there are zeroed by a setting, not by a mechanism, for want of a sourced rate or chance (docs/MODEL.md 7.10): their staff abused none of them (centre_abuse is 0), and they held none of them who would leave (centre_detention is 0)."
	)
	for _, tc := range []struct {
		name string
		args []string
		want []string // the notes' starts and advice, in order
		not  []string
	}{
		{"every regime", nil, []string{
			"Under closed and hbm (", " interceptions a run), " + patrols,
			"To give the patrols' violence a rate: --set regimes.closed.pushback_violence=RATE, --set regimes.hbm.pushback_violence=RATE.",
			"Under hbm (", " person-days in centres a run), " + both,
			"To give the staff's abuse a rate and detention a chance: --set regimes.hbm.centre_abuse=RATE, --set regimes.hbm.centre_detention=CHANCE."}, []string{centres, detention}},
		{"rates given", []string{"--set", "regimes.closed.pushback_violence=0.5", "--set", "regimes.hbm.centre_abuse=0.01"}, []string{
			"Under hbm (", " interceptions a run), " + patrols,
			"To give the patrols' violence a rate: --set regimes.hbm.pushback_violence=RATE.",
			"Under hbm (", " person-days in centres a run), " + detention,
			"To give detention a chance: --set regimes.hbm.centre_detention=CHANCE."}, []string{centres, both, "regimes.closed.pushback_violence=RATE"}},
		{"every value given", []string{"--set", "regimes.closed.pushback_violence=0.5", "--set", "regimes.hbm.pushback_violence=0.5", "--set", "regimes.hbm.centre_abuse=0.01", "--set", "regimes.hbm.centre_detention=1"}, nil,
			[]string{"Under", patrols, centres, detention, "two harms"}},
		{"no patrols, no centres", []string{"--regimes", "open,malfunctioning"}, nil, []string{patrols, centres, detention, "two harms"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			stdout := mustRun(t, append([]string{"compare", "classroom", "--reps", "4", "--formats", "", "--out", out}, tc.args...)...)
			report, err := os.ReadFile(filepath.Join(out, "report.md"))
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				ZeroedNotes []string `json:"zeroed_notes"`
			}
			if err := json.Unmarshal([]byte(mustRun(t, append([]string{"compare", "classroom", "--reps", "4", "--formats", "", "--json", "--quiet", "--out", out + "-json"}, tc.args...)...)), &doc); err != nil {
				t.Fatal(err)
			}
			for _, shown := range []struct{ what, text string }{{"the terminal", stdout}, {"report.md", string(report)}, {"--json's zeroed_notes", strings.Join(doc.ZeroedNotes, "\n")}} {
				what, text := shown.what, shown.text
				rest := text
				for _, w := range tc.want {
					i := strings.Index(rest, w)
					if i < 0 {
						t.Errorf("%s: %q missing, or out of order:\n%s", what, w, text)
						break
					}
					rest = rest[i+len(w):]
				}
				for _, n := range tc.not {
					if strings.Contains(text, n) {
						t.Errorf("%s: %q; want none:\n%s", what, n, text)
					}
				}
			}
		})
	}
}
