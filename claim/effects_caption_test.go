package claim

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// TestEffectsCaption: the caption report.md gives an effects_HARM figure
// says what its bars, error bars, labels and shaded band are, with the
// replicates, the smallest effect of interest and the second reading's
// rows; on a harm that never happens, that nothing is drawn.
func TestEffectsCaption(t *testing.T) {
	a := deathsWhereClosed(t) // absent_test.go
	deaths, _ := a.Estimate(Closure.Name, "deaths")
	for _, tt := range []struct {
		harm    string
		want    []string
		notWant []string
	}{
		{"deaths", []string{
			"Effects on deaths: the paired difference in deaths per run",
			"bars: the mean over 20 replicates",
			"error bars: its 95% confidence interval of the mean, not adjusted for the many tests",
			"labels: each effect's verdict, from Holm-adjusted tests",
			"shaded: ±" + FormatSESOI(deaths.SESOI) + ", the smallest effect of interest",
			`below "without protection:", the claim's effects among the combinations without protection`,
		}, []string{"not applicable"}},
		{"abuse_events", []string{"Effects on abuse events: not applicable, as the harm is 0 in every run of every combination; no effect is drawn"},
			[]string{"bars", "shaded"}},
	} {
		got := effectsCaption(a, tt.harm)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("effectsCaption(%s) = %q; want it to say %q", tt.harm, got, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(got, w) {
				t.Errorf("effectsCaption(%s) = %q; want no %q", tt.harm, got, w)
			}
		}
	}
}

// TestReportCaptionsTheEffectsFigures: report.md shows every effects_HARM
// figure with its caption under it, as it shows the runs' figures; it
// once gave them their title alone ("Effects on deaths").
func TestReportCaptionsTheEffectsFigures(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = 2, 30
	o := DefaultOptions()
	o.MaxReps = 2
	dir := filepath.Join(t.TempDir(), "claim")
	if _, err := Check(context.Background(), s, "classroom", o, dir, 2, []string{"png"}, nil); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range Harms() {
		m := regexp.MustCompile(`!\[[^\n]*\]\(figures/effects_` + regexp.QuoteMeta(h) + `\.png\)\n\n\*([^\n]+)\.\*\n`).FindStringSubmatch(string(b))
		if m == nil {
			t.Errorf("report.md does not show figures/effects_%s.png with a caption under it", h)
			continue
		}
		if !strings.HasPrefix(m[1], "Effects on "+Title(h)+": ") || !strings.Contains(m[1], "2 replicates") && !strings.Contains(m[1], "not applicable") {
			t.Errorf("effects_%s's caption %q; want what it plots, over how many replicates", h, m[1])
		}
	}
}
