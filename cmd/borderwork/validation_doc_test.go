package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/flee"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/sim"
)

const validationDoc = "../../docs/VALIDATION.md"

// validationFigures are docs/VALIDATION.md's figures of the Flee case,
// each with the figure of `validate mali2012 --data data/flee/mali2012`
// it shows (its Reproduce section names them).
var validationFigures = []struct{ doc, drawn string }{
	{"../../docs/img/mali2012-error.png", "error.png"},
	{"../../docs/img/mali2012-fassala-mbera.png", "camp-fassala-mbera.png"},
	{"../../docs/img/mali2012-mentao.png", "camp-mentao.png"},
}

// TestValidationFleeFigures: docs/VALIDATION.md's figures of the Flee
// case are those validate draws now, byte for byte (they had fallen
// behind when PNGs gained their pHYs chunk), and the numbers it quotes
// from that folder (the fit table, the replicates' range, the camps on
// the last day and their shares of the error) are those validate writes.
// With -update it redraws the figures (look at them, and at their
// captions, before committing).
func TestValidationFleeFigures(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs docs/VALIDATION.md's validate in full (20 replicates of mali2012, about 8 s of CPU)")
	}
	out := filepath.Join(t.TempDir(), "v")
	if status, _, stderr := runCLI(t, "validate", "mali2012", "--data", "../../data/flee/mali2012", "--formats", "png", "--out", out); status != 0 {
		t.Fatalf("validate mali2012: status %d: %s", status, stderr)
	}
	for _, f := range validationFigures {
		keepDocFigure(t, f.doc, filepath.Join(out, "figures", f.drawn), "validate mali2012", "its caption")
	}

	doc, err := os.ReadFile(validationDoc)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(doc)), " ")
	var quotes []string
	fit := readCSVFile(t, filepath.Join(out, "fit.csv"))
	for _, row := range fit[1:] { // measure,replicates,mean,sd,lo,hi
		mean := fmt.Sprintf("%.4f", csvFloat(t, row[2]))
		if row[0] == "rescaled" {
			mean = "**" + mean + "**" // the figure Flee's users quote, in bold
		}
		quotes = append(quotes, fmt.Sprintf("| %s | [%.4f, %.4f] | %.4f |", mean, csvFloat(t, row[4]), csvFloat(t, row[5]), csvFloat(t, row[3])))
	}
	lo, hi := 1.0, 0.0
	for _, row := range readCSVFile(t, filepath.Join(out, "replicates.csv"))[1:] {
		lo, hi = min(lo, csvFloat(t, row[2])), max(hi, csvFloat(t, row[2]))
	}
	quotes = append(quotes, fmt.Sprintf("replicates range from %.4f to %.4f", lo, hi))

	// validation.csv: camp,day,date,observed,simulated_mean,...,measure,error_mean,...
	last := map[string][2]float64{} // camp: observed, simulated on the last day
	share := map[string]float64{}   // camp: its term of the rescaled error, summed over days
	days := map[string]int{}
	var camps []string
	for _, row := range readCSVFile(t, filepath.Join(out, "validation.csv"))[1:] {
		if row[0] == "all" || row[7] != "rescaled" {
			continue
		}
		if _, ok := days[row[0]]; !ok {
			camps = append(camps, row[0])
		}
		days[row[0]]++
		share[row[0]] += csvFloat(t, row[8])
		last[row[0]] = [2]float64{csvFloat(t, row[3]), csvFloat(t, row[4])}
	}
	// Mentao against its capacity as Flee counts it (6,905 × 1.25): the
	// most it reaches and when, and the last day.
	capacity := 6905 * 1.25
	peak, peakDay := 0.0, 0
	for _, row := range readCSVFile(t, filepath.Join(out, "validation.csv"))[1:] {
		if row[0] == "Mentao" && row[7] == "rescaled" && csvFloat(t, row[4]) > peak {
			peak, peakDay = csvFloat(t, row[4]), int(csvFloat(t, row[1]))
		}
	}
	mentao := last["Mentao"]
	quotes = append(quotes, fmt.Sprintf("(6,905 × 1.25 = %s), reaching %.0f%% of it on day %d, and stays just below, at %.0f%% (%s) on the last day, while registrations rose to %s over the year",
		output.FormatCount(capacity), 100*peak/capacity, peakDay, 100*mentao[1]/capacity, output.FormatCount(mentao[1]), output.FormatCount(mentao[0])))
	fm := last["Fassala-Mbera"]
	quotes = append(quotes,
		fmt.Sprintf("(%s simulated, %s registered on the last day)", output.FormatCount(fm[1]), output.FormatCount(fm[0])),
		fmt.Sprintf("gets %s by the end", output.FormatCount(last["Niamey"][1])))
	var shares []string
	for _, c := range camps {
		shares = append(shares, fmt.Sprintf("%s %.3f", c, share[c]/float64(days[c])))
	}
	// The doc lists the camps by their share, largest first: each camp's
	// share, as the doc words it, must be there.
	quotes = append(quotes, shares...)
	for _, q := range quotes {
		if !strings.Contains(flat, q) {
			t.Errorf("docs/VALIDATION.md does not say %q, which validate mali2012 writes now", q)
		}
	}
}

// agadezFigures asks for TestValidationFlowFigures, which runs the Agadez
// validation in full: too long (about 35 s of CPU) for every go test.
var agadezFigures = flag.Bool("agadez-figures", false, "run docs/VALIDATION.md's validate agadez2016 in full (about 35 s of CPU) and check its two figures in docs/img")

// validationFlowFigures are docs/VALIDATION.md's figures of the Agadez
// case, each with the figure of validationFlowCommand it shows.
var validationFlowFigures = []struct{ doc, drawn string }{
	{"../../docs/img/agadez2016-outgoing.png", "flows-outgoing.png"},
	{"../../docs/img/agadez2016-incoming.png", "flows-incoming.png"},
}

// validationFlowCommand is the command VALIDATION.md's captions of the
// Agadez figures name, after "borderwork" (its --data relative to the
// repository's root).
var validationFlowCommand = []string{"validate", "agadez2016", "--data", "data/dtm-niger"}

// TestValidationFlowFigures: docs/VALIDATION.md's figures of the Agadez
// case are those validate agadez2016 draws now, byte for byte (they had
// fallen behind when PNGs gained their pHYs chunk), and the caption
// names that command. It runs only with -agadez-figures; with -update
// too it redraws them (look at them, and at their captions, before
// committing).
func TestValidationFlowFigures(t *testing.T) {
	t.Parallel()
	if !*agadezFigures || testing.Short() {
		t.Skip("runs docs/VALIDATION.md's validate agadez2016 in full (840 runs, about 35 s of CPU): give -agadez-figures")
	}
	doc, err := os.ReadFile(validationDoc)
	if err != nil {
		t.Fatal(err)
	}
	line := "borderwork " + strings.Join(validationFlowCommand, " ")
	flat := strings.Join(strings.Fields(string(doc)), " ")
	if want := fmt.Sprintf("(`%s`, `figures/%s`)", line, validationFlowFigures[0].drawn); !strings.Contains(flat, want) {
		t.Errorf("docs/VALIDATION.md's caption of %s does not say %q", validationFlowFigures[0].doc, want)
	}
	// The command runs as the doc gives it, from the repository's root
	// (its --data is relative to it): this test
	// binary run as borderwork (TestMain), as t.Chdir cannot be used
	// beside parallel tests.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "v")
	cmd := exec.Command(self, append(append([]string{}, validationFlowCommand...), "--formats", "png", "--quiet", "--out", out)...)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "BORDERWORK_TEST_AS_BINARY=1")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", line, err, msg)
	}
	for _, f := range validationFlowFigures {
		keepDocFigure(t, f.doc, filepath.Join(out, "figures", f.drawn), line, "its caption")
	}

	// The table of scores the doc quotes ("Prediction: nothing refitted")
	// is the command's scores.csv: its rows were checked by hand only.
	type score struct {
		rows, inside     int
		log, factor, abs float64
	}
	scores := map[string]score{} // role,direction,predictor
	for _, row := range readCSVFile(t, filepath.Join(out, "scores.csv"))[1:] {
		// rows_role,direction,predictor,rows,mean_abs_log,factor,mean_abs,inside_band
		predictor, _, _ := strings.Cut(row[2], ":")
		s := score{log: csvFloat(t, row[4]), factor: csvFloat(t, row[5]), abs: csvFloat(t, row[6])}
		s.rows = int(csvFloat(t, row[3]))
		if row[7] != "" {
			s.inside = int(csvFloat(t, row[7]))
		}
		scores[row[0]+","+row[1]+","+predictor] = s
	}
	for _, r := range []struct {
		role, direction string
		bold            bool
	}{{"fitted", "both", false}, {"predicted", "outgoing", false}, {"predicted", "incoming", false}, {"predicted", "both", true}} {
		m, b := scores[r.role+","+r.direction+",model"], scores[r.role+","+r.direction+",baseline"]
		cells := []string{
			fmt.Sprintf("%s, %s (%d)", r.role, r.direction, m.rows),
			fmt.Sprintf("%.2f (×%.1f)", m.log, m.factor), fmt.Sprintf("%.2f (×%.1f)", b.log, b.factor),
			output.FormatCount(m.abs), output.FormatCount(b.abs),
			fmt.Sprintf("%d of %d", m.inside, m.rows),
		}
		if r.bold { // the headline row
			for i := range cells {
				cells[i] = "**" + cells[i] + "**"
			}
		}
		if want := "| " + strings.Join(cells, " | ") + " |"; !strings.Contains(flat, want) {
			t.Errorf("docs/VALIDATION.md does not say %q, which %s writes now (scores.csv)", want, line)
		}
	}
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s: %d rows, %v", path, len(rows), err)
	}
	return rows
}

func csvFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestValidationReproduceFolders: the validate commands docs/VALIDATION.md's
// Reproduce section gives, run one after another, write different
// folders. `validate mali2012.toml` and `validate mali2012` both default
// to out/validate-mali2012, so the second, as the section gave it, was
// refused ("holds a validate folder of mali2012.toml, not ... of
// bundled:mali2012").
func TestValidationReproduceFolders(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile(validationDoc)
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "\n## Reproduce\n")
	if !ok {
		t.Fatal("docs/VALIDATION.md has no section Reproduce")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	flat := strings.Join(strings.Fields(section), " ")
	folders := map[string]string{} // out folder: the scenario that writes it
	n := 0
	for _, piece := range strings.Split(flat, "borderwork validate ")[1:] {
		piece, _, _ = strings.Cut(piece, "`")
		piece, _, _ = strings.Cut(piece, " go ") // the code block's next line
		scenario, out := "", ""
		args := strings.Fields(piece)
		for i := 0; i < len(args); i++ {
			switch a := args[i]; {
			case a == "--out" && i+1 < len(args):
				out = args[i+1]
				i++
			case strings.HasPrefix(a, "--") && !strings.Contains(a, "=") && a != "--force" && a != "--json" && a != "--quiet" && a != "--progress":
				i++ // a flag's value
			case !strings.HasPrefix(a, "-") && scenario == "":
				scenario = a
			}
		}
		if scenario == "" {
			t.Fatalf("no scenario in VALIDATION.md's validate %q", piece)
		}
		if out == "" {
			out = "out/validate-" + strings.TrimSuffix(filepath.Base(scenario), ".toml")
		}
		n++
		if other, ok := folders[out]; ok && other != scenario {
			t.Errorf("docs/VALIDATION.md's Reproduce runs validate %s and validate %s, which both write %s: the second is refused", other, scenario, out)
		}
		folders[out] = scenario
	}
	if n < 2 {
		t.Fatalf("docs/VALIDATION.md's Reproduce gives %d validate commands; want the import's and the bundled scenario's", n)
	}
}

// ardMention finds a mention of Flee's averaged relative difference.
var ardMention = regexp.MustCompile(`\bARD\b|(?i)average[d]? relative difference`)

// TestARDIsTheRescaledError: Flee's source calls its rescaled error the
// averaged relative difference (ARD): plot_flee_output.py's error graph
// is labelled so, and FabFlee's validate_flee returns it, rescaled unless
// mode=normal (docs/VALIDATION.md, "The measures"). docs/VALIDATION.md
// called it "the figure usually quoted as Flee's ARD" while the shared
// FLEE-FORMAT notes gave that name to run.py's Total error, and the
// report named neither. Every sentence of the docs, the mali2012 case's
// README and validate's help that names the ARD now names the rescaled
// error with it, never the Total error, and the report's description of
// the rescaled measure, alone of the three, names it.
func TestARDIsTheRescaledError(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "../../README.md", "../../data/flee/mali2012/README.md")
	texts := map[string]string{"validate's help": validateDoc}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[f] = string(b)
	}
	paragraph, sentence := regexp.MustCompile(`\n\s*\n`), regexp.MustCompile(`[.;]\s`)
	mentions := 0
	for name, text := range texts {
		for _, p := range paragraph.Split(text, -1) {
			for _, s := range sentence.Split(strings.Join(strings.Fields(p), " "), -1) {
				if !ardMention.MatchString(s) {
					continue
				}
				mentions++
				if !strings.Contains(s, "rescaled") || strings.Contains(s, "Total error") {
					t.Errorf("%s names Flee's ARD without naming the rescaled error as it, or names the Total error: %q", name, s)
				}
			}
		}
	}
	if mentions == 0 {
		t.Error("no doc names Flee's ARD; docs/VALIDATION.md, \"The measures\", should say which measure it is")
	}
	for m := range flee.NumMeasures {
		named := strings.Contains(m.Doc(), "averaged relative difference (ARD)")
		if named != (m == flee.Rescaled) || ardMention.MatchString(m.Doc()) != named {
			t.Errorf("report.md's description of the %s error names the ARD: %v; want %v: %q", m, named, m == flee.Rescaled, m.Doc())
		}
	}
}

// validationVersionClaims are docs/VALIDATION.md's statements of which
// model versions its quoted numbers hold under, each with the latest
// version it names as its one submatch.
var validationVersionClaims = []*regexp.Regexp{
	// The Flee case's what-if: compare, validate and the claim check.
	regexp.MustCompile(`the same under versions 1 to (\d+)`),
	// Agadez: its "What came out" and its "Reproduce".
	regexp.MustCompile(`Versions 4 (?:and|to) (\d+) give the same tables byte for byte`),
	regexp.MustCompile(`this section's numbers are version 3's, and versions 4 (?:and|to) (\d+) give the same`),
}

// TestValidationNumbersModelVersion: docs/VALIDATION.md says under which
// model versions its numbers were rerun, and each statement reaches the
// engine's version, sim.ModelVersion. At version 5 it still said the
// Flee case's what-if numbers were the same "under versions 1 to 4" and
// Agadez's were version 3's and 4's, though version 5 had given the same
// (rerun, byte for byte): a reader could not tell whether they still
// held. When the version goes up, this fails until the numbers have been
// rerun and the statements say so.
func TestValidationNumbersModelVersion(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile(validationDoc)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(doc)), " ")
	for _, re := range validationVersionClaims {
		m := re.FindAllStringSubmatch(flat, -1)
		if len(m) != 1 {
			t.Errorf("docs/VALIDATION.md says %d times %q; want once", len(m), re)
			continue
		}
		if m[0][1] != strconv.Itoa(sim.ModelVersion) {
			t.Errorf("docs/VALIDATION.md says %q, but the engine is model version %d: rerun the commands whose numbers it quotes (go test -run 'TestValidationFleeFigures|TestValidationWhatIf|TestValidationFlowFigures' -mali2012-whatif -agadez-figures; the claim check and the sweeps of mali2012; validate agadez2016 with seeds 1 and 2), check them, and say so", m[0][0], sim.ModelVersion)
		}
	}
}

// mali2012WhatIf asks for TestValidationWhatIf, which runs the compare of
// docs/VALIDATION.md's what-if in full: too long (80 runs, about 35 s of
// CPU) for every go test.
var mali2012WhatIf = flag.Bool("mali2012-whatif", false, "run docs/VALIDATION.md's compare of mali2012's what-if in full (80 runs, about 35 s of CPU) and check its tables and figure")

// TestValidationWhatIf: the what-if's tables in docs/VALIDATION.md
// ("Results": the harms per run, and where the 89,991 people are on the
// last day) and its figure docs/img/mali2012-whereabouts.png are what
// `compare mali2012 --regimes open,closed,malfunctioning,hbm
// --by-location` writes now. They were checked by hand only, so a change
// of the model version could leave them behind unseen. It runs only with
// -mali2012-whatif; with -update too it redraws the figure.
func TestValidationWhatIf(t *testing.T) {
	t.Parallel()
	if !*mali2012WhatIf || testing.Short() {
		t.Skip("runs docs/VALIDATION.md's compare of mali2012 in full (80 runs, about 35 s of CPU): give -mali2012-whatif")
	}
	doc, err := os.ReadFile(validationDoc)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"compare", "mali2012", "--regimes", "open,closed,malfunctioning,hbm", "--by-location"}
	line := "borderwork " + strings.Join(args, " ")
	if flat := strings.Join(strings.Fields(string(doc)), " "); !strings.Contains(flat, line) {
		t.Fatalf("docs/VALIDATION.md does not give %q", line)
	}
	out := filepath.Join(t.TempDir(), "c")
	if status, _, stderr := runCLI(t, append(args, "--formats", "png", "--quiet", "--out", out)...); status != 0 {
		t.Fatalf("%s: status %d: %s", line, status, stderr)
	}
	keepDocFigure(t, "../../docs/img/mali2012-whereabouts.png", filepath.Join(out, "figures", "whereabouts.png"), line, "its caption")

	// The doc's cells: a mean and the half-width of its 95% interval,
	// each to the person; "0" where every replicate has none.
	cell := func(s output.Stat) string {
		if s.Mean == 0 && s.SD == 0 {
			return "0"
		}
		return words.Group(fmt.Sprintf("%.0f", s.Mean)) + " ± " + words.Group(fmt.Sprintf("%.0f", s.HalfWidth))
	}
	lines := strings.Split(string(doc), "\n")
	docRow := func(label string) string {
		for _, l := range lines {
			if strings.HasPrefix(l, "| "+label+" |") || strings.HasPrefix(l, "| "+label+" (") {
				return l
			}
		}
		t.Errorf("docs/VALIDATION.md has no table row %q", label)
		return ""
	}
	regimes := []string{"open", "closed", "malfunctioning"}

	// Results: stats.csv (regime,metric,n,mean,sd,ci_low,ci_high); hbm is
	// "as closed", and must be.
	stats := map[string]output.Stat{}
	for _, row := range readCSVFile(t, filepath.Join(out, "stats.csv"))[1:] {
		s := output.Stat{N: int(csvFloat(t, row[2])), Mean: csvFloat(t, row[3]), SD: csvFloat(t, row[4]), Lo: csvFloat(t, row[5]), Hi: csvFloat(t, row[6])}
		s.HalfWidth = (s.Hi - s.Lo) / 2
		stats[row[0]+","+row[1]] = s
	}
	for _, r := range []struct{ label, metric string }{
		{"trapped person-days", "trapped_person_days"},
		{"most trapped on one day", "peak_trapped"},
		{"trapped on the last day", "still_trapped"},
		{"refusals (attempts)", "refused"},
		{"passages bought with a bribe", "bribed"},
		{"most in posts' queues on one day", "peak_queued"},
		{"extortion by officials", "extortion_by_officials"},
		{"violence by officials", "violence_by_officials"},
		{"of all abuse, on trapped people", "abuse_immobile"},
		{"people abused at least once", "abused_migrants"},
	} {
		var cells []string
		for _, g := range regimes {
			s, ok := stats[g+","+r.metric]
			if !ok {
				t.Fatalf("%s: stats.csv has no %s under %s", line, r.metric, g)
			}
			cells = append(cells, cell(s))
		}
		if stats["hbm,"+r.metric] != stats["closed,"+r.metric] {
			t.Errorf("%s: hbm's %s is not closed's, which docs/VALIDATION.md says it is", line, r.metric)
		}
		if want := "| " + r.label + " | " + strings.Join(cells, " | ") + " | as closed |"; docRow(r.label) != want {
			t.Errorf("docs/VALIDATION.md says\n\t%s\nwhere %s writes\n\t%s", docRow(r.label), line, want)
		}
	}
	for _, metric := range []string{"deaths", "abuse_by_smugglers", "arrivals"} {
		for _, g := range append(regimes, "hbm") {
			if s := stats[g+","+metric]; s.Mean != 0 || s.SD != 0 {
				t.Errorf("%s: %s under %s is %g, where docs/VALIDATION.md says 0", line, metric, g, s.Mean)
			}
		}
	}

	// Where the people are on the last day: locations.csv
	// (run,regime,replicate,day,location,waiting,...), the camps, the
	// border posts and the rest of Mali, per replicate.
	rows := readCSVFile(t, filepath.Join(out, "locations.csv"))
	last := 0
	for _, row := range rows[1:] {
		last = max(last, int(csvFloat(t, row[3])))
	}
	camps := []string{"Fassala-Mbera", "Mentao", "Bobo-Dioulasso", "Abala", "Mangaize", "Niamey", "Tabareybarey"}
	const posts, mali = "at the 9 border posts", "elsewhere in Mali"
	count := map[string]map[string][]float64{} // place: regime: per replicate
	for _, row := range rows[1:] {
		if int(csvFloat(t, row[3])) != last {
			continue
		}
		place := mali
		switch {
		case slices.Contains(camps, row[4]):
			place = row[4]
		case strings.HasSuffix(row[4], " border"):
			place = posts
		}
		if count[place] == nil {
			count[place] = map[string][]float64{}
		}
		rep := int(csvFloat(t, row[2]))
		c := count[place][row[1]]
		for len(c) <= rep {
			c = append(c, 0)
		}
		c[rep] += csvFloat(t, row[5])
		count[place][row[1]] = c
	}
	for _, place := range append(camps, posts, mali) {
		var cells []string
		for _, g := range regimes {
			cells = append(cells, cell(output.Describe(count[place][g])))
		}
		if want := " | " + strings.Join(cells, " | ") + " |"; !strings.Contains(docRow(place), want) {
			t.Errorf("docs/VALIDATION.md says\n\t%s\nwhere %s writes%s", docRow(place), line, want)
		}
	}
}

// TestValidationCitesTheRepository: validate's help, docs/VALIDATION.md
// and the mali2012 case's README send the reader for the error measures'
// definitions and the case's formats only to what the repository holds.
// They cited "FLEE-FORMAT" (section 3.8, and ../FLEE-FORMAT.md from the
// case's folder), notes shared beside the data when the case was copied
// in, which the repository does not hold: the README's links led
// nowhere, and the help named a file no user has.
func TestValidationCitesTheRepository(t *testing.T) {
	t.Parallel()
	const readme = "../../data/flee/mali2012/README.md"
	texts := map[string]string{"validate's help": validateDoc}
	for _, f := range []string{validationDoc, readme} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[f] = string(b)
	}
	held := func(path string) bool { _, err := os.Stat(path); return err == nil }
	for name, text := range texts {
		if strings.Contains(text, "FLEE-FORMAT") && !held("../../data/flee/FLEE-FORMAT.md") {
			t.Errorf("%s cites FLEE-FORMAT, which the repository does not hold", name)
		}
	}
	// Paths relative to the case's folder, as ../X, must be there.
	for _, m := range regexp.MustCompile(`\.\./[\w./-]*\w`).FindAllString(texts[readme], -1) {
		if !held(filepath.Join(filepath.Dir(readme), m)) {
			t.Errorf("%s names %s, which is not there", readme, m)
		}
	}
}
