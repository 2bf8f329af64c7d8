package experiment_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestDrawnMarkdown: a figure is shown as its PNG, else its SVG, linked
// as its PDF when only that was written, and not at all when nothing was.
func TestDrawnMarkdown(t *testing.T) {
	tests := []struct {
		formats []string
		want    string
	}{
		{[]string{"png", "svg", "pdf"}, "![Trapped](figures/trapped.png)"},
		{[]string{"pdf", "svg", "png"}, "![Trapped](figures/trapped.png)"},
		{[]string{"svg"}, "![Trapped](figures/trapped.svg)"},
		{[]string{"pdf", "svg"}, "![Trapped](figures/trapped.svg)"},
		{[]string{"pdf"}, "[Trapped (PDF)](figures/trapped.pdf)"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := (experiment.Drawn{Name: "trapped", Formats: tt.formats}).Markdown("Trapped"); got != tt.want {
			t.Errorf("Markdown with formats %v = %q; want %q", tt.formats, got, tt.want)
		}
	}
}

// TestCompareReportLinksDrawnFigures: compare's report.md shows each
// figure in the first format drawn, PNG else SVG, and links no file that
// was not written.
func TestCompareReportLinksDrawnFigures(t *testing.T) {
	link := regexp.MustCompile(`\]\((figures/[^)]+)\)`)
	tests := []struct {
		formats []string
		ext     string // the images' extension; "" for no image
	}{
		{nil, ""},
		{[]string{"svg"}, ".svg"},
		{[]string{"pdf", "png"}, ".png"},
		{[]string{"pdf"}, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.formats, ","), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			x := comparePlan(t, classroom(t, 2, 20))
			if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: tt.formats}); err != nil {
				t.Fatal(err)
			}
			report, err := os.ReadFile(filepath.Join(out, "report.md"))
			if err != nil {
				t.Fatal(err)
			}
			links := link.FindAllStringSubmatch(string(report), -1)
			for _, m := range links {
				if _, err := os.Stat(filepath.Join(out, m[1])); err != nil {
					t.Errorf("report.md links %s, which was not written", m[1])
				}
			}
			if len(tt.formats) > 0 && len(links) == 0 {
				t.Errorf("report.md links no figure; want every figure drawn in %v", tt.formats)
			}
			images := regexp.MustCompile(`(?m)^!\[[^\]]+\]\(figures/[^)]+\)$`).FindAllString(string(report), -1)
			if tt.ext == "" && len(images) > 0 {
				t.Errorf("report.md shows images %q; want none with formats %v", images, tt.formats)
			}
			if tt.ext != "" && len(images) == 0 {
				t.Errorf("report.md shows no image; want the figures as %s", tt.ext)
			}
			for _, im := range images {
				if !strings.HasSuffix(im, tt.ext+")") {
					t.Errorf("report.md shows %s; want %s", im, tt.ext)
				}
			}
		})
	}
}

// TestRedrawRewritesReport: plot, drawing other formats, writes report.md
// (as borderwork wrote it) again to show the figures drawn, so that it
// links no file that is gone, shows figures first drawn by plot, and
// reproduce still finds it as a rerun writes it; a report.md edited
// since is left as it is.
func TestRedrawRewritesReport(t *testing.T) {
	for _, first := range [][]string{{"png"}, nil} {
		t.Run("from "+strings.Join(first, ","), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			x := comparePlan(t, classroom(t, 2, 20))
			if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: first}); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(out, "report.md")
			for _, tt := range []struct {
				formats []string
				ext     string
			}{
				{[]string{"svg"}, ".svg)"},
				{[]string{"pdf"}, ".pdf)"},
				{[]string{"png", "pdf"}, ".png)"},
			} {
				r, err := experiment.Redraw(out, tt.formats, experiment.FigureChange{})
				if err != nil {
					t.Fatal(err)
				}
				report, _ := os.ReadFile(path)
				links := regexp.MustCompile(`\]\((figures/[^)]+)\)`).FindAllStringSubmatch(string(report), -1)
				if !r.Report || len(links) == 0 {
					t.Fatalf("Redraw %v: report written again %v, %d links; want it written again, with links", tt.formats, r.Report, len(links))
				}
				for _, m := range links {
					if !strings.HasSuffix(m[0], tt.ext) {
						t.Errorf("after Redraw %v, report.md links %s; want %s", tt.formats, m[1], tt.ext)
					}
					if _, err := os.Stat(filepath.Join(out, m[1])); err != nil {
						t.Errorf("after Redraw %v, report.md links %s, which is gone", tt.formats, m[1])
					}
				}
				rep, err := experiment.Reproduce(context.Background(), out, 2)
				if err != nil || len(rep.Problems) > 0 {
					t.Errorf("after Redraw %v, Reproduce: %v, problems %q", tt.formats, err, rep.Problems)
				}
			}
			mine := []byte("# my own conclusions\n\n![Trapped](figures/trapped.png)\n")
			if err := os.WriteFile(path, mine, 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := experiment.Redraw(out, []string{"svg"}, experiment.FigureChange{})
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(path); r.Report || string(got) != string(mine) {
				t.Errorf("Redraw rewrote an edited report.md (written again %v):\n%s", r.Report, got)
			}
		})
	}
}

// TestReportCaptionsSayTheBands: report.md captions the figures over days
// with what their bands show, and the bar charts of summary.csv with what
// their error bars show, from the folder's figure options: as the
// command drew them, and again after plot redraws them with other bands
// (it once said "with bands as --bands says" whatever was drawn, and of
// abuse_by_kind and outcomes nothing of their error bars, the same under
// every --bands); and reproduce still finds report.md as a rerun writes it.
// So does it the bar charts by location (it gave only their titles).
func TestReportCaptionsSayTheBands(t *testing.T) {
	const byLocation = "*Trapped person-days per run at each location, per regime: the mean over replicates, with "
	const leftOut = "; locations with none under any regime are left out and counted in the caption.*"
	captions := map[string][]string{
		"ci": {"*Migrants trapped over time, per regime: the mean over replicates, with bands of its 95% confidence interval, cut at 0.*",
			"*Abuse events per run by kind and perpetrator, per regime: the mean over replicates, with error bars of its 95% confidence interval, cut at 0; regimes with no abuse at all are left out and named in the caption.*",
			"the mean over replicates, with error bars of its 95% confidence interval, cut at 0.*\n",
			byLocation + "error bars of its 95% confidence interval, cut at 0" + leftOut},
		"replicates": {"*Migrants trapped over time, per regime: the mean over replicates, with each replicate drawn as a thin line.*",
			"*Abuse events per run by kind and perpetrator, per regime: the mean over replicates, with each replicate drawn as a dot; regimes with no abuse at all are left out and named in the caption.*",
			"the mean over replicates, with each replicate drawn as a dot.*\n",
			byLocation + "each replicate drawn as a dot" + leftOut},
		"percentile": {"*Migrants trapped over time, per regime: the mean over replicates, with bands of the middle 95% of replicates (2.5th to 97.5th percentile).*",
			"*Abuse events per run by kind and perpetrator, per regime: the mean over replicates, with error bars of the middle 95% of replicates (2.5th to 97.5th percentile); regimes with no abuse at all are left out and named in the caption.*",
			"*Final outcomes (arrived, returned, gave up at home, dead, still on the way or waiting to leave, and of those still trapped and still stranded at home) per regime: the mean over replicates, with error bars of the middle 95% of replicates (2.5th to 97.5th percentile).*",
			byLocation + "error bars of the middle 95% of replicates (2.5th to 97.5th percentile)" + leftOut},
	}
	out := filepath.Join(t.TempDir(), "out")
	x, err := (&experiment.Plan{Command: "compare", Scenario: classroom(t, 2, 20), Arg: "classroom", Regimes: scenarios.BuiltinRegimes, Reps: 2, ByLocation: true}).Prepare()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: []string{"svg"},
		FigureOptions: &output.FigureOptions{Bands: "ci", Size: "double"}}); err != nil {
		t.Fatal(err)
	}
	check := func(bands string) {
		t.Helper()
		report, err := os.ReadFile(filepath.Join(out, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		for b, cs := range captions {
			for _, c := range cs {
				if got := strings.Contains(string(report), c); got != (b == bands) {
					t.Errorf("bands %s: report.md has %q: %v", bands, c, got)
				}
			}
		}
		if strings.Contains(string(report), "as --bands says") {
			t.Errorf("bands %s: report.md says \"as --bands says\"", bands)
		}
		rep, err := experiment.Reproduce(context.Background(), out, 2)
		if err != nil || len(rep.Problems) > 0 {
			t.Errorf("bands %s: Reproduce: %v, problems %q", bands, err, rep.Problems)
		}
	}
	check("ci")
	for _, bands := range []string{"replicates", "percentile"} {
		if _, err := experiment.Redraw(out, []string{"svg"}, experiment.FigureChange{Bands: bands}); err != nil {
			t.Fatal(err)
		}
		check(bands)
	}
}

// TestReportRanksEveryHeadline: under compare's table, report.md says for
// each of its columns (output.Headlines), in their order, which regime
// had the highest mean and which the lowest, with the means the table
// gives; deaths were left out.
func TestReportRanksEveryHeadline(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	x := comparePlan(t, classroom(t, 2, 20))
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	sentence := regexp.MustCompile(`(?m)^- (.+): highest under (.+?) \(([^)]+)\), lowest under (.+?) \(([^)]+)\); their intervals`)
	found := sentence.FindAllStringSubmatch(string(report), -1)
	headlines := output.Headlines()
	if len(found) != len(headlines) {
		t.Fatalf("report.md ranks %d columns; want one sentence for each of the %d headlines:\n%s", len(found), len(headlines), report)
	}
	// The table's means, by regime and column title.
	row := regexp.MustCompile(`(?m)^\|([a-z]+)\|(.+)\|$`)
	means := map[string]map[string]string{}
	for _, r := range row.FindAllStringSubmatch(string(report), -1) {
		cells := strings.Split(r[2], "|")
		if len(cells) != len(headlines) {
			continue
		}
		means[r[1]] = map[string]string{}
		for i, c := range cells {
			means[r[1]][headlines[i].Title] = strings.SplitN(c, " ± ", 2)[0]
		}
	}
	exact := map[string]map[string]string{} // stats.csv's means, by regime and metric
	for _, r := range foldertest.Records(t, filepath.Join(out, "stats.csv")) {
		if exact[r["regime"]] == nil {
			exact[r["regime"]] = map[string]string{}
		}
		exact[r["regime"]][r["metric"]] = r["mean"]
	}
	for i, h := range headlines {
		f := found[i]
		if f[1] != output.Capitalise(h.Title) {
			t.Errorf("sentence %d ranks %q; want %q", i+1, f[1], output.Capitalise(h.Title))
			continue
		}
		// Each end names every regime of that exact mean (stats.csv), a
		// tie such as deaths' 0 under several (audit today7), in the
		// table's order, and its mean as the table shows it.
		for _, end := range [][2]string{{f[2], f[3]}, {f[4], f[5]}} {
			first := strings.SplitN(strings.SplitN(end[0], ", ", 2)[0], " and ", 2)[0]
			var want []string
			for _, g := range x.Regimes {
				if exact[g][h.Name] == exact[first][h.Name] {
					want = append(want, g)
				}
			}
			if end[0] != output.JoinAnd(want) || means[first][h.Title] != end[1] {
				t.Errorf("%s: under %q (%s); want under %q (%s)", h.Title, end[0], end[1], output.JoinAnd(want), means[first][h.Title])
			}
		}
	}
}
