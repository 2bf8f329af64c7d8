package programme

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/scenarios"
)

// est is an estimate with a mean and a 95% interval.
func est(mean, lo, hi float64) Estimate { return Estimate{N: 4, Mean: mean, Lo: lo, Hi: hi} }

// TestVerdict: a channel "does it" only when the whole effect is
// distinguishable from none and the channel's part is too, with the same
// sign; otherwise the verdict says what the parts do, and a channel that
// changes no run is said not to act, not to be indistinguishable from
// none.
func TestVerdict(t *testing.T) {
	zero := est(0, 0, 0)
	none := scenarios.Channel(0)
	tests := []struct {
		name           string
		total, r, g, i Estimate
		idle           scenarios.Channel
		want           string
		never          []string // what the verdict must not say
	}{
		{
			// The documented example (mauritania, decreed): tightening's
			// part is distinguishable, the whole effect is not.
			// The two parts' means do not cancel (they leave +4,437, the
			// whole effect's mean is +12,000): the report must not say
			// that one offsets the other, only which way each pulls.
			name:  "whole effect none, a part and the interaction pulling apart",
			total: est(12000, -15871, 39871), r: est(7563, -15503, 30629), g: est(19841, 14779, 24903), i: est(-15404, -30226, -582),
			want:  " The whole effect is not distinguishable from none, though tightening's part (+19,841) is, and the interaction (-15,404) pulls the other way.",
			never: []string{"does it", "offset"},
		},
		{
			name:  "whole effect none, one part distinguishable",
			total: est(8750, -20071, 37572), r: est(-7966, -28533, 12600), g: est(36746, 23692, 49799), i: est(-20029, -41018, 960),
			want:  " The whole effect is not distinguishable from none, though tightening's part (+36,746) is.",
			never: []string{"does it"},
		},
		{
			name:  "whole effect none, the channels offset each other",
			total: est(10, -50, 70), r: est(300, 200, 400), g: est(-280, -380, -180), i: est(-10, -60, 40),
			want:  " The whole effect is not distinguishable from none, though repair's part (+300) is, and tightening's part (-280) pulls the other way.",
			never: []string{"does it", "offset"},
		},
		{
			name:  "whole effect none, no part distinguishable",
			total: est(-14.8, -42.6, 13.1), r: est(-11.2, -32.1, 9.6), g: est(8.8, -12.5, 30), i: est(-12.2, -32.3, 7.8),
			want: " Nor is either channel's part distinguishable from none.",
		},
		{
			name:  "repair does it",
			total: est(-2552, -4556, -548), r: est(-1895, -3752, -38.7), g: est(-249, -505, 7.8), i: est(-408, -1002, 186),
			want: " Repair does it; tightening's part is not distinguishable from none.",
		},
		{
			name:  "tightening does it",
			total: est(500, 100, 900), r: est(20, -100, 140), g: est(480, 300, 660), i: est(0, -50, 50),
			want: " Tightening does it; repair's part is not distinguishable from none.",
		},
		{
			name:  "both do it",
			total: est(-900, -1200, -600), r: est(-500, -700, -300), g: est(-400, -600, -200), i: est(0, -50, 50),
			want: " Both channels do it.",
		},
		{
			name:  "one does it, the other pulls the other way",
			total: est(-900, -1200, -600), r: est(-1300, -1500, -1100), g: est(400, 200, 600), i: est(0, -50, 50),
			want: " Repair does it, though the two channels pull in opposite directions: repair removes harm, tightening adds harm.",
		},
		{
			name:  "the part against the whole effect does not do it",
			total: est(-900, -1200, -600), r: est(-300, -700, 100), g: est(400, 200, 600), i: est(-1000, -1400, -600),
			want:  " Neither channel does it alone: it needs both at once, and tightening's part (+400) pulls the other way.",
			never: []string{"Tightening does it"},
		},
		{
			name:  "it needs both at once",
			total: est(-498, -949, -47.3), r: est(-352, -757, 52), g: est(-14.8, -127, 97), i: est(-131, -228, -34.3),
			want: " Neither channel does it alone: it needs both at once.",
		},
		{
			name:  "no part alone distinguishable",
			total: est(-1636, -2995, -278), r: est(-1061, -2393, 271), g: est(-228, -496, 39), i: est(-347, -891, 197),
			want: " Neither channel's part alone is distinguishable from none.",
		},
		{
			name:  "a channel against the whole effect, none with it",
			total: est(-900, -1200, -600), r: est(-300, -700, 100), g: est(400, 200, 600), i: est(-1000, -2400, 400),
			want:  " Neither channel's part is distinguishable from none in the whole effect's direction; tightening's part (+400) pulls the other way.",
			never: []string{"does it"},
		},
		{
			// agadez: no equipment, so no tightening channel.
			name:  "no tightening component, repair does it",
			total: est(-200, -347, -54.4), r: est(-200, -347, -54.4), g: zero, i: zero, idle: scenarios.Tightening,
			want:  " Repair does it. No tightening component acts here: switching it on or off changes no run.",
			never: []string{"tightening's part is not distinguishable"},
		},
		{
			name:  "no tightening component, the whole effect none",
			total: est(-2.5, -21.6, 16.6), r: est(-2.5, -21.6, 16.6), g: zero, i: zero, idle: scenarios.Tightening,
			want:  " Nor is repair's part distinguishable from none. No tightening component acts here: switching it on or off changes no run.",
			never: []string{"tightening's part is not distinguishable"},
		},
		{
			name:  "no repair component",
			total: est(300, 100, 500), r: zero, g: est(300, 100, 500), i: zero, idle: scenarios.Repair,
			want:  " Tightening does it. No repair component acts here: switching it on or off changes no run.",
			never: []string{"repair's part is not distinguishable"},
		},
		{
			name:  "neither channel acts",
			total: zero, r: zero, g: zero, i: zero, idle: scenarios.AllChannels,
			want: " Neither channel acts here: switching either on or off changes no run.",
		},
		{
			name:  "a part exactly zero on every run is not idle by itself",
			total: est(-200, -347, -54.4), r: est(-200, -347, -54.4), g: zero, i: zero, idle: none,
			want: " Repair does it; tightening's part is not distinguishable from none.",
		},
		{
			name:  "no interval (too few replicates)",
			total: Estimate{N: 1, Mean: 5, Lo: math.NaN(), Hi: math.NaN()}, r: Estimate{N: 1, Mean: 5, Lo: math.NaN(), Hi: math.NaN()},
			g: Estimate{N: 1, Mean: 0, Lo: math.NaN(), Hi: math.NaN()}, i: Estimate{N: 1, Mean: 0, Lo: math.NaN(), Hi: math.NaN()},
			want:  " Nor is either channel's part distinguishable from none.",
			never: []string{"does it"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := verdict(tt.total, tt.r, tt.g, tt.i, tt.idle)
			if got != tt.want {
				t.Errorf("verdict:\n got %q\nwant %q", got, tt.want)
			}
			for _, n := range tt.never {
				if strings.Contains(got, n) {
					t.Errorf("verdict %q says %q", got, n)
				}
			}
		})
	}
}

// TestIdleChannels: a programme of training alone has no tightening
// channel, one of equipment without capacity no repair channel; both
// together have both. The report says which does not act.
func TestIdleChannels(t *testing.T) {
	tests := []struct {
		programme string
		idle      scenarios.Channel
		says      string
	}{
		{"train", scenarios.Tightening, "No tightening component acts here"},
		{"equip", scenarios.Repair, "No repair component acts here"},
		{"", 0, ""},
	}
	for _, tt := range tests {
		t.Run("programme "+tt.programme, func(t *testing.T) {
			s := loadToy(t, "days=120", "replicates=3")
			out := filepath.Join(t.TempDir(), "out")
			res, err := Run(context.Background(), s, "", Options{Programme: tt.programme}, out, 2, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := res.IdleChannels("malfunctioning"); got != tt.idle {
				t.Errorf("idle channels %b; want %b", got, tt.idle)
			}
			report, err := os.ReadFile(filepath.Join(out, "report.md"))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(string(report), "component acts here"); got != (tt.says != "") || !strings.Contains(string(report), tt.says) {
				t.Errorf("report.md says a channel does not act: %v; want %q", got, tt.says)
			}
		})
	}
}

// TestReportLinksOnlyDrawnFigures: report.md shows each figure of the
// analysis as the first format drawn, PNG else SVG, and links no file
// that was not written; with no figures it links none.
func TestReportLinksOnlyDrawnFigures(t *testing.T) {
	link := regexp.MustCompile(`\]\((figures/[^)]+)\)`)
	tests := []struct {
		formats []string
		ext     string // the extension of the images, "" for none
	}{
		{nil, ""},
		{[]string{"svg"}, ".svg"},
		{[]string{"svg", "png"}, ".png"},
		{[]string{"pdf"}, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.formats, ","), func(t *testing.T) {
			s := loadToy(t, "days=120", "replicates=3")
			out := filepath.Join(t.TempDir(), "out")
			if _, err := Run(context.Background(), s, "", Options{}, out, 2, tt.formats, nil); err != nil {
				t.Fatal(err)
			}
			report, err := os.ReadFile(filepath.Join(out, "report.md"))
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range link.FindAllStringSubmatch(string(report), -1) {
				if _, err := os.Stat(filepath.Join(out, m[1])); err != nil {
					t.Errorf("report.md links %s, which was not written", m[1])
				}
			}
			for _, name := range []string{"channels_malfunctioning_trapped_person_days", "channels_malfunctioning_abuse_events", "path_malfunctioning"} {
				image := regexp.MustCompile(`(?m)^!\[[^\]]+\]\(figures/` + name + regexp.QuoteMeta(tt.ext) + `\)$`)
				if tt.ext != "" && !image.Match(report) {
					t.Errorf("report.md does not show %s%s", name, tt.ext)
				}
			}
			// The compare figures' series are the arms, not regimes
			// (audit figures2, finding 8).
			if _, figs, _ := strings.Cut(string(report), "## Figures"); tt.formats != nil &&
				(strings.Contains(figs, "per regime") || !strings.Contains(figs, "figures/trapped`: Migrants trapped over time, per arm (")) {
				t.Errorf("report.md's figures do not say their series are the arms:\n%s", figs)
			}
			if images := strings.Count(string(report), "\n!["); tt.ext == "" && images > 0 {
				t.Errorf("report.md shows %d images; want none with formats %v", images, tt.formats)
			}
		})
	}
}

// TestRedrawShowsFiguresInReport: plot draws the figures of a folder
// written without any, and report.md, written again, shows them; the
// folder still reproduces.
func TestRedrawShowsFiguresInReport(t *testing.T) {
	s := loadToy(t, "days=60", "replicates=2")
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Run(context.Background(), s, "", Options{}, out, 2, nil, nil); err != nil {
		t.Fatal(err)
	}
	r, err := experiment.Redraw(out, []string{"svg"}, experiment.FigureChange{})
	if err != nil {
		t.Fatal(err)
	}
	report, _ := os.ReadFile(filepath.Join(out, "report.md"))
	if !r.Report || !strings.Contains(string(report), "\n![How the programme moves its posts](figures/path_malfunctioning.svg)\n") {
		t.Errorf("after plot --formats svg, report.md (written again: %v) does not show path_malfunctioning.svg:\n%s", r.Report, report)
	}
	rep, err := experiment.Reproduce(context.Background(), out, 2)
	if err != nil || len(rep.Problems) > 0 {
		t.Errorf("after plot, Reproduce: %v, problems %q", err, rep.Problems)
	}
}

// TestFormatCostSaysWhyThereIsNone: a harm that fell on average but whose
// interval reaches no change has no cost per unit averted, and the cell
// says so rather than "none averted", which would contradict the effect
// printed beside it (-1,381 [-3,001, +239] "none averted").
func TestFormatCostSaysWhyThereIsNone(t *testing.T) {
	nan := math.NaN()
	withCost := func(e Estimate, c, lo, hi float64) Estimate {
		e.CostPerAverted, e.CostLo, e.CostHi = c, lo, hi
		return e
	}
	for _, tc := range []struct {
		e    Estimate
		want string
	}{
		{withCost(est(-1381, -3001, 239), nan, nan, nan), "interval reaches 0"},
		{withCost(est(-5, -10, 0), nan, nan, nan), "interval reaches 0"},
		{withCost(est(12, -3, 27), nan, nan, nan), "none averted"},
		{withCost(est(0, 0, 0), nan, nan, nan), "none averted"},
		{withCost(Estimate{N: 1, Mean: -3, Lo: nan, Hi: nan}, nan, nan, nan), "no interval (1 replicate)"},
		{withCost(est(-5, -8, -2), nan, nan, nan), "nothing spent"},
		{withCost(est(-2004, -2329, -1679), 150, 129, 179), "USD 150 [129, 179]"},
	} {
		if got := FormatCost(tc.e); got != tc.want {
			t.Errorf("FormatCost(%+v) = %q, want %q", tc.e, got, tc.want)
		}
	}
}

// TestChannelsCaptionsSayTheirIntervals: report.md listed the channels
// figures by their titles alone and showed them under "In short" with no
// caption, so a reader of the report (or a referee given it) was not told
// what the error bars are; the figure's own caption says it. Both now say
// they are 95% confidence intervals of the mean, and channels.csv, whose
// ci_low and ci_high the bars are, shows that they are: the mean ± the
// 0.975 quantile of Student's t with n−1 degrees of freedom times sd/√n.
func TestChannelsCaptionsSayTheirIntervals(t *testing.T) {
	s := loadToy(t, "days=120", "replicates=3")
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Run(context.Background(), s, "", Options{}, out, 2, []string{"svg"}, nil); err != nil {
		t.Fatal(err)
	}
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	const says = "error bars its 95% confidence interval of the mean"
	lines := strings.Split(string(report), "\n")
	listed, shown := 0, 0
	for i, l := range lines {
		if strings.HasPrefix(l, "- `figures/channels_") {
			listed++
			if !strings.Contains(l, says) {
				t.Errorf("report.md lists a channels figure without saying what its error bars are:\n%s", l)
			}
		}
		if strings.HasPrefix(l, "![") && strings.Contains(l, "(figures/channels_") {
			shown++
			if i+2 >= len(lines) || !strings.HasPrefix(lines[i+2], "*") || !strings.Contains(lines[i+2], says) {
				t.Errorf("report.md shows %s with no caption saying what its error bars are", l)
			}
		}
	}
	if listed == 0 || shown == 0 {
		t.Fatalf("report.md lists %d and shows %d channels figures; want some of each", listed, shown)
	}
	// The 0.975 quantile of Student's t with 2 degrees of freedom: 3
	// replicates.
	const t2 = 4.302652729911275
	tab, err := os.ReadFile(filepath.Join(out, "channels.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(tab)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	checked := 0
	for _, r := range rows[1:] {
		num := func(name string) float64 {
			v, err := strconv.ParseFloat(r[col[name]], 64)
			if err != nil {
				t.Fatalf("channels.csv %s = %q: %v", name, r[col[name]], err)
			}
			return v
		}
		n, mean, sd, lo, hi := num("n"), num("mean"), num("sd"), num("ci_low"), num("ci_high")
		if n != 3 || sd == 0 {
			continue
		}
		half := t2 * sd / math.Sqrt(n)
		if math.Abs(lo-(mean-half)) > 1e-9*math.Abs(half) || math.Abs(hi-(mean+half)) > 1e-9*math.Abs(half) {
			t.Errorf("channels.csv %v: [%v, %v], not the 95%% t interval [%v, %v]", r[:4], lo, hi, mean-half, mean+half)
		}
		checked++
	}
	if checked == 0 {
		t.Error("channels.csv has no row with 3 replicates that vary")
	}
}

// TestReportSaysWhatCostsCannotShow: report.md's "How to read this" warns
// that each cost per harm averted divides all the money by one harm
// (rows that do not add up) and counts only harm within the run, which
// the programme's stocks outlast.
func TestReportSaysWhatCostsCannotShow(t *testing.T) {
	s := loadToy(t, "days=60", "replicates=2")
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Run(context.Background(), s, "", Options{}, out, 2, nil, nil); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, read, _ := strings.Cut(string(b), "## How to read this")
	for _, want := range []string{"the rows do not add up", "Only harm within the run counts", "outlast the run"} {
		if !strings.Contains(read, want) {
			t.Errorf("report.md's \"How to read this\" does not say %q:\n%s", want, read)
		}
	}
}

// TestReportPostRowsWithinTheRun: the table of what the programme does to
// its posts has a row for the day the programme starts and for its last
// day only where the run reaches them. The toy's programmes work on days
// [60, 240): a run of 120 days ends while they still work, and its last
// day is not the programme's.
func TestReportPostRowsWithinTheRun(t *testing.T) {
	for _, tt := range []struct {
		days int
		want []string
	}{
		{300, []string{"|programme starts|60|", "|programme ends|239|", "|end of run|299|"}},
		{120, []string{"|programme starts|60|", "|end of run|119|"}},
		{50, []string{"|end of run|49|"}},
	} {
		s := loadToy(t, fmt.Sprintf("days=%d", tt.days), "replicates=2")
		out := filepath.Join(t.TempDir(), "out")
		if _, err := Run(context.Background(), s, "", Options{}, out, 2, nil, nil); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(out, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, line := range strings.Split(string(b), "\n") {
			for _, label := range []string{"programme starts", "programme ends", "end of run"} {
				if strings.HasPrefix(line, "|"+label+"|") {
					got = append(got, line[:strings.Index(line[len(label)+2:], "|")+len(label)+3])
				}
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("days %d: rows %q; want %q", tt.days, got, tt.want)
		}
	}
}
