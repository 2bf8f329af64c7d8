package experiment_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/output"
)

// statsCell is one row of a sweep's stats.csv: a metric of a regime at a
// point, its mean and 95% interval.
type statsCell struct {
	point          string // the point's values, comma-joined
	mean, lo, hi   float64
	metric, regime string
}

// readStats reads stats.csv of the sweep at dir, whose points have nKeys
// values, in the order of the file.
func readStats(t *testing.T, dir string, nKeys int) []statsCell {
	t.Helper()
	_, rows := foldertest.ReadCSV(t, filepath.Join(dir, "stats.csv"))
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cells := make([]statsCell, len(rows))
	for i, r := range rows {
		// keys..., regime, metric, n, mean, sd, ci_low, ci_high
		cells[i] = statsCell{point: strings.Join(r[:nKeys], ","), regime: r[nKeys], metric: r[nKeys+1],
			mean: num(r[nKeys+3]), lo: num(r[nKeys+5]), hi: num(r[nKeys+6])}
	}
	return cells
}

// section is the text of report's section headed heading, up to the next
// heading of its level or above.
func section(t *testing.T, report, heading string) string {
	t.Helper()
	i := strings.Index(report, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("report.md has no %q:\n%s", heading, report)
	}
	rest := report[i+len(heading)+2:]
	level := strings.Repeat("#", strings.Index(heading, " "))
	for j := 0; j < len(rest); j++ {
		if rest[j] == '#' && (j == 0 || rest[j-1] == '\n') {
			hashes := len(rest[j:]) - len(strings.TrimLeft(rest[j:], "#"))
			if hashes <= len(level) {
				return rest[:j]
			}
		}
	}
	return rest
}

// TestSweepReportTablesEveryPoint: a sweep of few points writes
// report.md (recorded in its manifest) with, for each headline harm, a
// row per point holding each regime's mean ± half its interval as
// stats.csv gives them, and says of each harm at how many points the
// contrast's interval in contrast.csv lies above zero, below it or
// spans it.
func TestSweepReportTablesEveryPoint(t *testing.T) {
	x := sweepPlanOf(t, classroom(t, 3, 120)) // outage_start=0:0.2:3, closed and malfunctioning
	out := filepath.Join(t.TempDir(), "out")
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	report := string(b)
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Report == nil || m.Report.File != "report.md" {
		t.Errorf("manifest's report = %+v; want report.md", m.Report)
	}
	for _, want := range []string{
		"# borderwork sweep: classroom\n",
		"- Design: a grid of 3 points, every combination of these values:\n  - `regimes.malfunctioning.outage_start` (probability per day): 0, 0.1, 0.2 (3 values).\n",
		"- 3 replicates per point and regime",
		"- Command: `" + x.RecordedCommandLine() + "`\n",
		"](figures/trapped_person_days_vs_regimes_malfunctioning_outage_start.svg)",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report.md lacks %q:\n%s", want, report)
		}
	}
	cells := readStats(t, out, 1)
	nonzero := 0
	for _, h := range output.Headlines() {
		table := section(t, report, "### "+output.Capitalise(h.Title))
		for _, point := range []string{"0", "0.1", "0.2"} {
			row := "|" + point + "|"
			for _, regime := range x.Regimes {
				i := slices.IndexFunc(cells, func(c statsCell) bool { return c.point == point && c.regime == regime && c.metric == h.Name })
				if i < 0 {
					t.Fatalf("stats.csv has no %s of %s at %s", h.Name, regime, point)
				}
				c := cells[i]
				if c.mean != 0 {
					nonzero++
				}
				row += output.FormatStat(output.Stat{Mean: c.mean, HalfWidth: (c.hi - c.lo) / 2}) + "|"
			}
			if !strings.Contains(table, row+"\n") {
				t.Errorf("the table of %s lacks the row %q:\n%s", h.Title, row, table)
			}
		}
	}
	if nonzero == 0 {
		t.Fatal("every mean is 0: the test shows nothing")
	}

	_, crows := foldertest.ReadCSV(t, filepath.Join(out, "contrast.csv"))
	contrast := section(t, report, "## Contrast: malfunctioning − closed")
	for _, h := range output.Headlines() {
		var above, below, spans int
		for _, r := range crows {
			if r[2] != h.Name {
				continue
			}
			lo, _ := strconv.ParseFloat(r[6], 64)
			hi, _ := strconv.ParseFloat(r[7], 64)
			switch {
			case lo > 0:
				above++
			case hi < 0:
				below++
			default:
				spans++
			}
		}
		if above+below+spans != 3 {
			t.Fatalf("contrast.csv has %d points of %s; want 3", above+below+spans, h.Name)
		}
		var want string
		switch 3 {
		case above:
			want = "above zero at all 3 points"
		case below:
			want = "below zero at all 3 points"
		case spans:
			want = "spanning zero at all 3 points"
		default:
			var parts []string
			for i, c := range []int{above, below, spans} {
				if c == 0 {
					continue
				}
				name := []string{"above zero", "below zero", "spanning zero"}[i]
				if len(parts) == 0 {
					parts = append(parts, name+" at "+strconv.Itoa(c)+" of the 3 points")
				} else {
					parts = append(parts, name+" at "+strconv.Itoa(c))
				}
			}
			want = strings.Join(parts, ", ")
		}
		if line := "- " + output.Capitalise(h.Title) + ": " + want + ".\n"; !strings.Contains(contrast, line) {
			t.Errorf("the contrast section lacks %q:\n%s", line, contrast)
		}
	}
}

// TestSweepReportRangesManyPoints: a sweep of more points than
// ReportPointsMax gives, per harm and regime, the lowest and the highest
// of the points' means in stats.csv, not a row per point, and says
// "every point" of a mean that is the same at all of them.
func TestSweepReportRangesManyPoints(t *testing.T) {
	s := classroom(t, 2, 60)
	x := prepareSweep(t, s, []string{"closed", "malfunctioning"}, experiment.SweepSpec{
		Design: "lhs", Samples: experiment.ReportPointsMax + 1,
		Vary: []string{"regimes.malfunctioning.outage_start=0:0.3"},
	})
	out := filepath.Join(t.TempDir(), "out")
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	report := string(b)
	if strings.Contains(report, "\n### ") {
		t.Errorf("report.md of %d points tables every point:\n%s", experiment.ReportPointsMax+1, report)
	}
	results := section(t, report, "## Results")
	cells := readStats(t, out, 1)
	for _, h := range output.Headlines() {
		for _, regime := range x.Regimes {
			lo, hi := math.Inf(1), math.Inf(-1)
			n := 0
			for _, c := range cells {
				if c.metric == h.Name && c.regime == regime {
					lo, hi = min(lo, c.mean), max(hi, c.mean)
					n++
				}
			}
			if n != experiment.ReportPointsMax+1 {
				t.Fatalf("stats.csv has %d points of %s under %s", n, h.Name, regime)
			}
			prefix := "|" + h.Title + "|" + regime + "|" + output.FormatCount(lo) + "|"
			i := strings.Index(results, prefix)
			if i < 0 {
				t.Errorf("the results lack a row starting %q:\n%s", prefix, results)
				continue
			}
			row := results[i : i+strings.Index(results[i:], "\n")]
			cols := strings.Split(row, "|")
			if got := cols[5]; got != output.FormatCount(hi) {
				t.Errorf("%s under %s: highest mean %s; want %s (row %q)", h.Title, regime, got, output.FormatCount(hi), row)
			}
			// A mean the same at every point (closed's: no varied key
			// changes it) is said so, not placed at one point.
			if every := lo == hi; every != (cols[4] == "every point" && cols[6] == "every point") {
				t.Errorf("%s under %s, from %v to %v: row %q; want \"every point\" exactly when the mean does not change", h.Title, regime, lo, hi, row)
			}
			if regime == "closed" && lo != hi {
				t.Errorf("%s under closed goes from %v to %v, though no varied key changes closed", h.Title, lo, hi)
			}
		}
	}
}

// TestShardWritesNoReport: a shard's report would be of part of the
// runs: merge writes the whole's.
func TestShardWritesNoReport(t *testing.T) {
	x := sweepPlanOf(t, classroom(t, 2, 20))
	jobs, err := x.Shard(0, 2)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Jobs: jobs}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "report.md")); !os.IsNotExist(err) {
		t.Errorf("a shard wrote report.md (%v)", err)
	}
}

// TestSweepReportDocsSayTheLimit: the docs give ReportPointsMax as the
// code has it.
func TestSweepReportDocsSayTheLimit(t *testing.T) {
	n := strconv.Itoa(experiment.ReportPointsMax)
	for file, want := range map[string]string{
		"../docs/OUTPUTS.md": "for a sweep of at most " + n + " points",
		"../docs/CLI.md":     "(for more than " + n + " points",
	} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(strings.Fields(string(b)), " "), want) {
			t.Errorf("%s does not say %q", file, want)
		}
	}
}

// TestSweepReportLHSValuesReadable: report.md gives a Latin hypercube's
// drawn values to the fewest significant digits (at least 3) that tell its
// points apart, not the 17 of the draw (0.0019226545276955316), each
// within rounding of the value stats.csv records.
func TestSweepReportLHSValuesReadable(t *testing.T) {
	s := classroom(t, 2, 30)
	x := prepareSweep(t, s, []string{"malfunctioning"}, experiment.SweepSpec{
		Design: "lhs", Samples: 8,
		Vary: []string{"regimes.malfunctioning.outage_start=0:0.3"},
	})
	out := filepath.Join(t.TempDir(), "out")
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: []string{}}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	table := section(t, string(b), "### Trapped person-days")
	var shown []string
	for _, line := range strings.Split(table, "\n") {
		if f := strings.Split(line, "|"); len(f) > 2 && f[1] != "" && f[1][0] >= '0' && f[1][0] <= '9' {
			shown = append(shown, f[1])
		}
	}
	if len(shown) != len(x.Points) {
		t.Fatalf("the table of trapped person-days lists %d points, want %d:\n%s", len(shown), len(x.Points), table)
	}
	for i, cell := range shown {
		v, err := strconv.ParseFloat(cell, 64)
		want := x.Points[i][0]
		if digits := len(strings.TrimLeft(strings.ReplaceAll(cell, ".", ""), "0")); err != nil || digits > 4 || math.Abs(v-want) > 0.005*math.Abs(want) {
			t.Errorf("point %d, drawn at %v, is shown as %q; want it to 3 or 4 significant digits", i, want, cell)
		}
		if slices.Contains(shown[:i], cell) {
			t.Errorf("points %d and another are both shown as %q", i, cell)
		}
	}
}
