package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/gsa"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

var workedExample = flag.Bool("worked-example", false, "run the worked example of docs/SENSITIVITY.md (a few minutes on 2 cores) and check every number it quotes")

const sensitivityMD = "../../docs/SENSITIVITY.md"

// workedExampleText is the section "Worked example: classroom" of
// docs/SENSITIVITY.md.
func workedExampleText(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(sensitivityMD)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	start := strings.Index(doc, "## Worked example: classroom")
	if start < 0 {
		t.Fatal("docs/SENSITIVITY.md has no section \"Worked example: classroom\"")
	}
	end := strings.Index(doc[start+3:], "\n## ")
	if end < 0 {
		return doc[start:]
	}
	return doc[start : start+3+end]
}

// TestWorkedExampleSizes: the sizes the worked example states (keys
// varied and fixed, points, runs) are those of the bundled classroom.
func TestWorkedExampleSizes(t *testing.T) {
	t.Parallel()
	text := strings.Join(strings.Fields(workedExampleText(t)), " ")
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	keys, err := gsa.Space(s, nil, gsa.DefaultShare)
	if err != nil {
		t.Fatal(err)
	}
	varied := 0
	fixed := map[string]int{}
	for _, k := range keys {
		if k.Varied {
			varied++
		} else {
			fixed[k.Fixed]++
		}
	}
	points := 20 * (varied + 1)
	regimes := len(s.DefaultRegimes())
	sobolParams := 10 + 1 // --top 10, and document_check added with --params
	for _, want := range []string{
		fmt.Sprintf("varies %d of its %d numeric keys", varied, len(keys)),
		fmt.Sprintf("%d settings", fixed["a setting"]),
		fmt.Sprintf("the %d coordinates of its %d locations", fixed["a coordinate"], len(s.File.Locations)),
		fmt.Sprintf("%d keys at 0", fixed["at 0"]),
		"the trapped threshold `migrants.trapped_after_days`, which defines the outputs trapped and stranded",
		fmt.Sprintf("20 trajectories of %d points", varied+1),
		fmt.Sprintf("make %s points", gsa.Count(points)),
		fmt.Sprintf("under the %d regimes with 2 replicates each, %s runs", regimes, gsa.Count(points*regimes*2)),
		fmt.Sprintf("N = 256 and %d parameters give %s points", sobolParams, gsa.Count(256*(sobolParams+2))),
		fmt.Sprintf("under %d regimes with 2 replicates, %s runs", regimes, gsa.Count(256*(sobolParams+2)*regimes*2)),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("docs/SENSITIVITY.md's worked example does not say %q", want)
		}
	}
	if fixed["defines an output"] != 1 {
		t.Errorf("%d keys define an output; the worked example names one, migrants.trapped_after_days", fixed["defines an output"])
	}
	if n := len(keys) - varied - fixed["a setting"] - fixed["a coordinate"] - fixed["at 0"] - fixed["defines an output"]; n != 0 {
		t.Errorf("%d keys are fixed for a reason the worked example does not give: %v", n, fixed)
	}
}

// checked is a block of the worked example that quotes a folder: the
// marker before it, <!-- check: WHAT of FOLDER -->, says what it quotes.
type checked struct {
	what, folder string
	lines        []string // the block's lines: a code block's, or a table's rows
}

var checkMarker = regexp.MustCompile(`<!-- check: (.+) of (morris|sobol) -->`)

func checkedBlocks(t *testing.T, text string) []checked {
	var out []checked
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		m := checkMarker.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		c := checked{what: m[1], folder: m[2]}
		j := i + 1
		for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
			j++
		}
		if j < len(lines) && strings.HasPrefix(lines[j], "```") {
			for j++; j < len(lines) && !strings.HasPrefix(lines[j], "```"); j++ {
				c.lines = append(c.lines, lines[j])
			}
		} else {
			for ; j < len(lines) && strings.HasPrefix(lines[j], "|"); j++ {
				c.lines = append(c.lines, lines[j])
			}
		}
		if len(c.lines) == 0 {
			t.Fatalf("docs/SENSITIVITY.md: nothing follows %q", l)
		}
		out = append(out, c)
	}
	return out
}

// cells splits a table row into its cells, without backticks.
func cells(row string) []string {
	parts := strings.Split(strings.Trim(strings.TrimSpace(row), "|"), "|")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), "`")
	}
	return parts
}

// firstSum matches report.md's sum of the first-order indices with its
// interval.
var firstSum = regexp.MustCompile(`first-order indices sum to ([^ ]+ \([^ ]+ to [^)]+\))`)

// reportFirstSum is the sum of the first-order indices, with its
// interval, that report.md gives in the section of the output titled
// title ("" if it gives none).
func reportFirstSum(report, title string) string {
	head := "### " + output.Capitalise(output.Literal(title)) + "\n"
	i := strings.Index(report, head)
	if i < 0 {
		return ""
	}
	section := report[i+len(head):]
	if end := strings.Index(section, "\n#"); end >= 0 {
		section = section[:end]
	}
	m := firstSum.FindStringSubmatch(section)
	if m == nil {
		return ""
	}
	return m[1]
}

// TestWorkedExample runs the worked example of docs/SENSITIVITY.md (with
// -worked-example: it takes minutes) and checks every number it quotes
// against the folders and what the command prints.
func TestWorkedExample(t *testing.T) {
	t.Parallel()
	if !*workedExample {
		t.Skip("give -worked-example to run docs/SENSITIVITY.md's worked example and check its numbers (a few minutes)")
	}
	text := workedExampleText(t)
	blocks := checkedBlocks(t, text)
	if len(blocks) < 5 {
		t.Fatalf("%d checked blocks in the worked example; want its printed lines, tables of µ*, noise and Sobol' indices", len(blocks))
	}
	dir := t.TempDir()
	folders := map[string]string{"morris": filepath.Join(dir, "sensitivity-classroom"), "sobol": filepath.Join(dir, "sobol-classroom")}
	stdout := map[string]string{
		"morris": mustRun(t, "sensitivity", "classroom", "--quiet", "--formats", "", "--out", folders["morris"]),
	}
	stdout["sobol"] = mustRun(t, "sensitivity", "classroom", "--method", "sobol", "--screen", folders["morris"], "--top", "10",
		"--params", "factors.reliability.reliable.document_check", "--quiet", "--formats", "", "--out", folders["sobol"])

	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	outputs := map[string]gsa.Output{} // by title
	for _, tot := range output.Totals {
		for _, r := range s.RegimeNames() {
			o := gsa.Output{Metric: tot.Name, Regime: r}
			outputs[o.Title()] = o
		}
	}
	table := func(folder, name string, columns ...string) *output.Table {
		tb, err := output.ReadTable(filepath.Join(folders[folder], name), columns...)
		if err != nil {
			t.Fatal(err)
		}
		return tb
	}
	// row finds the row of tb for the output titled title (and the
	// parameter, if given).
	row := func(tb *output.Table, title, param string) int {
		o, ok := outputs[title]
		if !ok {
			t.Fatalf("docs/SENSITIVITY.md: no output is titled %q", title)
		}
		for i := range tb.Rows {
			if tb.Cell(i, "metric") == o.Metric && tb.Cell(i, "regime") == o.Regime && (param == "" || tb.Cell(i, "parameter") == param) {
				return i
			}
		}
		t.Fatalf("docs/SENSITIVITY.md quotes %s on %s, which the folder does not have", param, title)
		return -1
	}
	float := func(tb *output.Table, i int, col string) float64 {
		v, err := tb.Float(i, col)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	interval := func(tb *output.Table, i int, col string) string {
		return fmt.Sprintf("%s (%s to %s)", gsa.Num(float(tb, i, col)), gsa.Num(float(tb, i, col+"_low")), gsa.Num(float(tb, i, col+"_high")))
	}
	checkRow := func(b checked, row string, got, want []string) {
		if !slices.Equal(got, want) {
			t.Errorf("docs/SENSITIVITY.md, %s of %s:\n%s\nthe folder gives\n| %s |", b.what, b.folder, row, strings.Join(want, " | "))
		}
	}
	for _, b := range blocks {
		switch b.what {
		case "stdout":
			printed := strings.Split(stdout[b.folder], "\n")
			for i := range printed {
				printed[i] = strings.TrimRight(printed[i], " ")
			}
			for _, l := range b.lines {
				if l = strings.TrimRight(l, " "); l != "" && !slices.Contains(printed, l) {
					t.Errorf("docs/SENSITIVITY.md quotes a line the %s run does not print:\n%s", b.folder, l)
				}
			}
		case "morris.csv":
			tb := table(b.folder, "morris.csv", "metric", "regime", "parameter", "rank", "mu_star", "mu_star_low", "mu_star_high", "mu")
			for _, r := range b.lines[2:] {
				c := cells(r)
				i := row(tb, c[0], c[1])
				checkRow(b, r, c, []string{c[0], c[1], tb.Cell(i, "rank"), interval(tb, i, "mu_star"), gsa.Num(float(tb, i, "mu"))})
			}
		case "sobol.csv":
			tb := table(b.folder, "sobol.csv", "metric", "regime", "parameter", "rank", "total", "total_low", "total_high", "first", "first_low", "first_high")
			for _, r := range b.lines[2:] {
				c := cells(r)
				i := row(tb, c[0], c[1])
				checkRow(b, r, c, []string{c[0], c[1], tb.Cell(i, "rank"), interval(tb, i, "total"), interval(tb, i, "first")})
			}
		case "first-order sums":
			// The sum of sobol.csv's first-order indices, with the
			// interval report.md gives it.
			tb := table(b.folder, "sobol.csv", "metric", "regime", "parameter", "first")
			report, err := os.ReadFile(filepath.Join(folders[b.folder], "report.md"))
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range b.lines[2:] {
				c := cells(r)
				o := outputs[c[0]]
				sum := 0.0
				for i := range tb.Rows {
					if tb.Cell(i, "metric") == o.Metric && tb.Cell(i, "regime") == o.Regime {
						sum += float(tb, i, "first")
					}
				}
				said := reportFirstSum(string(report), c[0])
				if !strings.HasPrefix(said, gsa.Num(sum)+" (") {
					t.Errorf("report.md gives the first-order indices of %s the sum %q; sobol.csv's sum to %s", c[0], said, gsa.Num(sum))
				}
				checkRow(b, r, c, []string{c[0], said})
			}
		case "noise.csv":
			tb := table(b.folder, "noise.csv", "metric", "regime", "noise_share_run")
			ix := table(b.folder, "morris.csv", "metric", "regime", "mu_star", "above_noise")
			for _, r := range b.lines[2:] {
				c := cells(r)
				i := row(tb, c[0], "")
				o := outputs[c[0]]
				lead, matter := 0.0, 0
				for j := range ix.Rows {
					if ix.Cell(j, "metric") == o.Metric && ix.Cell(j, "regime") == o.Regime {
						lead = max(lead, float(ix, j, "mu_star"))
					}
				}
				for j := range ix.Rows {
					if ix.Cell(j, "metric") == o.Metric && ix.Cell(j, "regime") == o.Regime && ix.Cell(j, "above_noise") == "true" && float(ix, j, "mu_star") >= gsa.Negligible*lead {
						matter++
					}
				}
				checkRow(b, r, c, []string{c[0], fmt.Sprintf("%.0f%%", 100*float(tb, i, "noise_share_run")), strconv.Itoa(matter)})
			}
		default:
			t.Errorf("docs/SENSITIVITY.md: unknown check %q", b.what)
		}
	}
}

// TestReportFirstSum: the worked example's check reads the sum of the
// first-order indices, with its interval, from the section of report.md
// of the output it names, not another's.
func TestReportFirstSum(t *testing.T) {
	t.Parallel()
	report := "## Output by output\n\n### Deaths under open\n\nThe first-order indices sum to 0.5 (0.3 to 0.7), so about 50%.\n\n" +
		"### Deaths under closed\n\nNo parameter moves it.\n\n### Harm index under open\n\nThe first-order indices sum to 1.06 (0.9 to 1.2), outside [0, 1].\n\n## Replicate noise\n"
	for _, tt := range []struct{ title, want string }{
		{"deaths under open", "0.5 (0.3 to 0.7)"},
		{"deaths under closed", ""},
		{"harm index under open", "1.06 (0.9 to 1.2)"},
		{"trapped person-days under open", ""},
	} {
		if got := reportFirstSum(report, tt.title); got != tt.want {
			t.Errorf("reportFirstSum(%q) = %q; want %q", tt.title, got, tt.want)
		}
	}
}

// TestWorkedExampleSumProse: the worked example's prose on trapped
// person-days under closure quotes the checked table of first-order sums
// above it (TestWorkedExample checks the table against the run), rounded
// to two decimals: "sum to 0.29 (0.04 to 0.57)". Written by hand from the
// table, it was checked by nothing.
func TestWorkedExampleSumProse(t *testing.T) {
	text := workedExampleText(t)
	row := regexp.MustCompile(`(?m)^\| trapped person-days under closed \| ([-\d.e]+) \(([-\d.e]+) to ([-\d.e]+)\) \|$`).FindStringSubmatch(text)
	if row == nil {
		t.Fatal("docs/SENSITIVITY.md's table of first-order sums has no row for trapped person-days under closed")
	}
	var v [3]float64
	for i := range v {
		var err error
		if v[i], err = strconv.ParseFloat(row[i+1], 64); err != nil {
			t.Fatal(err)
		}
	}
	want := fmt.Sprintf("first-order indices sum to %.2f (%.2f to %.2f)", v[0], v[1], v[2])
	if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
		t.Errorf("docs/SENSITIVITY.md's worked example does not say %q, as its table of sums gives it", want)
	}
}
