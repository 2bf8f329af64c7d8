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
// none of them, and centres sheltered migrants and their staff abused
// none, with the --set that gives each harm a rate; a regime given a rate
// leaves the note, and regimes with no patrols or centres give none.
func TestCompareZeroedNotes(t *testing.T) {
	t.Parallel()
	const (
		patrols = "patrols intercepted migrants and abused none of them: pushback_violence is 0 there"
		centres = "centres sheltered migrants and their staff abused none of them: centre_abuse is 0 there"
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
			"Under hbm (", " person-days in centres a run), " + centres,
			"To give the staff's abuse a rate: --set regimes.hbm.centre_abuse=RATE."}, nil},
		{"rates given", []string{"--set", "regimes.closed.pushback_violence=0.5", "--set", "regimes.hbm.centre_abuse=0.01"}, []string{
			"Under hbm (", " interceptions a run), " + patrols,
			"To give the patrols' violence a rate: --set regimes.hbm.pushback_violence=RATE."}, []string{centres, "regimes.closed.pushback_violence=RATE"}},
		{"no patrols, no centres", []string{"--regimes", "open,malfunctioning"}, nil, []string{patrols, centres}},
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
