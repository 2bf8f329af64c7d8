package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

func TestLabelFlag(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string // "" for no error
	}{
		{[]string{"k=Text"}, ""},
		{[]string{"k=a=b"}, ""},      // the first = ends the key
		{[]string{" k =Text"}, ""},   // the key trimmed
		{[]string{"k="}, ""},         // drops k's label
		{[]string{"k=A", "j=B"}, ""}, // one per key
		{[]string{"kText"}, `want KEY=TEXT, with =, got "kText"`},
		{[]string{"=Text"}, "a varied key before the ="},
		{[]string{"k=A", "k=B"}, "got two for k"},
		{[]string{"k=A", "k="}, "got two for k"},
		{[]string{"k=a\nb"}, "line break"},
		{[]string{"k=a\x1bb"}, "control character U+001B"},
		{[]string{"k=" + strings.Repeat("x", 81)}, "81 characters long"},
		{[]string{"k= "}, "is blank"},
	} {
		var l labelFlag
		var err error
		for _, a := range tc.args {
			if err = l.Set(a); err != nil {
				break
			}
		}
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: %v", tc.args, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "want ")):
			// "want ": flagSet.explain shows the error whole.
			t.Errorf("%q: %v; want an error starting want and holding %q", tc.args, err, tc.want)
		}
	}
}

// TestSweepLabels: a sweep's --label replaces the key on its axes and in
// its titles (the SVG holds the label and not the key), report.md says
// which key the label stands for, plot with no flags draws the same
// bytes, reproduce verifies, and plot --label KEY= brings the key back.
func TestSweepLabels(t *testing.T) {
	t.Parallel()
	const key, label = "regimes.malfunctioning.outage_start", "Chance an outage starts (per day)"
	out := filepath.Join(t.TempDir(), "sweep")
	mustRun(t, "sweep", small, "--days", "30", "--reps", "2", "--regimes", "malfunctioning,closed",
		"--vary", key+"=0.05,0.2", "--formats", "svg", "--label", key+"="+label, "--out", out, "--quiet")
	svgFile := filepath.Join(out, "figures", "deaths_vs_regimes_malfunctioning_outage_start.svg")
	read := func(path string) []byte {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	svg := read(svgFile)
	if !bytes.Contains(svg, []byte(label)) || bytes.Contains(svg, []byte(key)) {
		t.Errorf("%s: holds the label %v, the key %v; want the label alone", svgFile, bytes.Contains(svg, []byte(label)), bytes.Contains(svg, []byte(key)))
	}
	report := string(read(filepath.Join(out, "report.md")))
	if !strings.Contains(report, "`"+key+"` (probability per day): 0.05, 0.2 (2 values); the figures label it “"+label+"”.") {
		t.Errorf("report.md does not say which key %q stands for:\n%s", label, report)
	}
	if !strings.Contains(report, "Deaths per run against "+label+": ") {
		t.Errorf("report.md's captions do not name the axis by its label:\n%s", report)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if o := m.FigureOptions; o == nil || len(o.Labels) != 1 || o.Labels[key] != label {
		t.Fatalf("figure_options %+v; want the label recorded", m.FigureOptions)
	}
	if want := "--label '" + key + "=" + label + "'"; !strings.HasSuffix(m.CommandLine, want) {
		t.Errorf("command_line %q; want it to end with %s", m.CommandLine, want)
	}

	manifest := read(filepath.Join(out, "manifest.json"))
	mustRun(t, "plot", out)
	if !bytes.Equal(read(svgFile), svg) || !bytes.Equal(read(filepath.Join(out, "manifest.json")), manifest) || string(read(filepath.Join(out, "report.md"))) != report {
		t.Error("plot with no flags did not draw the labelled folder again byte for byte")
	}
	if stdout := mustRun(t, "reproduce", out); !strings.Contains(stdout, "reproduced byte for byte") {
		t.Errorf("reproduce: %s", stdout)
	}

	mustRun(t, "plot", "--label", key+"=Outage onset", out)
	if b := read(svgFile); !bytes.Contains(b, []byte("Outage onset")) || bytes.Contains(b, []byte(label)) {
		t.Error("plot --label did not replace the recorded label")
	}
	mustRun(t, "plot", "--label", key+"=", out)
	m, _ = output.ReadManifest(out)
	if m.FigureOptions.Labels != nil || strings.Contains(m.CommandLine, "--label") {
		t.Errorf("after plot --label %s=: labels %v, command_line %q; want none", key, m.FigureOptions.Labels, m.CommandLine)
	}
	if b := read(svgFile); !bytes.Contains(b, []byte(key+" (probability per day)")) {
		t.Error("plot --label KEY= did not label the axis by the key again")
	}
	if got := string(read(filepath.Join(out, "report.md"))); strings.Contains(got, "label it") {
		t.Error("report.md still names a label dropped")
	}
}

// TestLabelRefused: a bad --label, to sweep or plot, or a label edited
// into manifest.json, is refused with status 2, one line naming the flag
// (or the manifest's key), and nothing written.
func TestLabelRefused(t *testing.T) {
	t.Parallel()
	const key = "regimes.malfunctioning.outage_start"
	dir := t.TempDir()
	folder := filepath.Join(dir, "sweep")
	mustRun(t, "sweep", small, "--days", "20", "--reps", "1", "--regimes", "malfunctioning",
		"--vary", key+"=0.05,0.2", "--formats", "svg", "--out", folder, "--quiet")
	compare := smallCompare(t, "--formats", "svg")
	sweep := func(labels ...string) []string {
		args := []string{"sweep", small, "--days", "20", "--reps", "1", "--regimes", "malfunctioning", "--vary", key + "=0.05,0.2", "--out", filepath.Join(dir, "never")}
		for _, l := range labels {
			args = append(args, "--label", l)
		}
		return args
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{sweep(key[:len(key)-1] + "=x"), "--label: \"regimes.malfunctioning.outage_star\" is not a key this folder varies (regimes.malfunctioning.outage_start); did you mean " + key + "?"},
		{sweep("days=x"), "--label: \"days\" is not a key this folder varies"},
		{sweep(key+"=A", key+"=B"), "--label: want one --label per key, got two for " + key},
		{sweep(key), "--label: want KEY=TEXT, with ="},
		{sweep(key + "=a\nb"), "--label: want TEXT one line of plain text, got a label of " + key + " that holds a line break"},
		{sweep(key + "=" + strings.Repeat("x", 81)), "--label: want TEXT one line of plain text, got a label of " + key + " that is 81 characters long"},
		{[]string{"plot", "--label", "posts.Gate.capacity=x", folder}, "--label: \"posts.Gate.capacity\" is not a key this folder varies"},
		{[]string{"plot", "--label", key + "=a\tb", folder}, "control character U+0009"},
		{[]string{"plot", "--label", "days=x", compare}, "--label: the figures of a compare folder name no varied keys to label"},
	} {
		before := snapshot(t, folder)
		status, stdout, stderr := runCLI(t, tc.args...)
		if status != exitUsage || !strings.Contains(stderr, tc.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 || stdout != "" {
			t.Errorf("%q: status %d, stdout %q, stderr %q; want 2 and one line with %q", tc.args, status, stdout, stderr, tc.want)
		}
		if _, err := os.Stat(filepath.Join(dir, "never")); err == nil {
			t.Errorf("%q wrote its --out", tc.args)
		}
		if after := snapshot(t, folder); after != before {
			t.Errorf("%q changed %s", tc.args, folder)
		}
	}

	// Edited into manifest.json: refused naming its key, unless plot's
	// --label replaces the label edited.
	path := filepath.Join(folder, "manifest.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(b, []byte(`"figure_options": {`), []byte(`"figure_options": {"labels": {"`+key+`": "a\nb"},`), 1)
	if bytes.Equal(edited, b) {
		t.Fatal("no figure_options in manifest.json to edit")
	}
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"plot", folder}, {"reproduce", folder}} {
		status, _, stderr := runCLI(t, args...)
		if status != exitUsage || !strings.Contains(stderr, "manifest.json: figure_options.labels: the label of "+key+" holds a line break") {
			t.Errorf("%q on an edited label: status %d, %q; want 2 naming figure_options.labels", args, status, stderr)
		}
	}
	mustRun(t, "plot", "--label", key+"=Fixed", folder)
}

// snapshot is every file of dir with its bytes, as one string.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	for _, f := range files(t, dir) {
		data, _ := os.ReadFile(filepath.Join(dir, f))
		b.WriteString(f + "\x00" + string(data) + "\x00")
	}
	return b.String()
}

// TestSensitivityLabels: sensitivity's --label names a parameter in its
// figures by the label alone (the Morris key; a Sobol' bar likewise),
// report.md says which key it stands for, plot with no flags keeps it,
// and reproduce verifies; a key the analysis does not vary is refused.
func TestSensitivityLabels(t *testing.T) {
	t.Parallel()
	const key, label = "posts.Gate.capacity", "Places at the gate per day"
	dir := t.TempDir()
	out := filepath.Join(dir, "morris")
	mustRun(t, smallSensitivity(out, "--formats", "svg", "--label", key+"="+label, "--quiet")...)
	svgs, err := filepath.Glob(filepath.Join(out, "figures", "mu_star_sigma_*.svg"))
	if err != nil || len(svgs) == 0 {
		t.Fatalf("no Morris figures: %v", err)
	}
	named := 0
	for _, f := range svgs {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("Gate.capacity")) {
			t.Errorf("%s names the parameter by its key", f)
		}
		if bytes.Contains(b, []byte(label)) {
			named++
		}
	}
	if named == 0 {
		t.Errorf("no Morris figure names %s by its label %q", key, label)
	}
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "- Labels: the figures name “" + label + "” for `" + key + "`."; !strings.Contains(string(report), want) {
		t.Errorf("report.md lacks %q", want)
	}
	before := snapshot(t, out)
	mustRun(t, "plot", out)
	if snapshot(t, out) != before {
		t.Error("plot with no flags changed the labelled sensitivity folder")
	}
	if stdout := mustRun(t, "reproduce", out); !strings.Contains(stdout, "reproduced byte for byte") {
		t.Errorf("reproduce: %s", stdout)
	}
	status, _, stderr := runCLI(t, smallSensitivity(filepath.Join(dir, "never"), "--label", "posts.Gate.capacty=x")...)
	if status != exitUsage || !strings.Contains(stderr, `--label: "posts.Gate.capacty" is not a key this folder varies`) || !strings.Contains(stderr, "did you mean posts.Gate.capacity?") {
		t.Errorf("a misspelt key: status %d, %q; want 2 with a hint", status, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "never")); err == nil {
		t.Error("a refused --label wrote its --out")
	}
}

// TestInterruptedLabelsAreKept: a labelled sweep interrupted and
// completed by 'sweep --resume --out DIR' alone is the folder an
// uninterrupted one writes; a --label given to the resume replaces that
// key's label alone.
func TestInterruptedLabelsAreKept(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	labels := []string{"--label", "posts.Gate.capacity=Places at the gate", "--label", "regimes.malfunctioning.outage_start=Outages", "--formats", "svg"}
	want := filepath.Join(dir, "want")
	mustRun(t, smallSweep(want, append(labels, "--quiet")...)...)
	for _, tc := range []struct {
		name  string
		given []string // to the resume
		label string   // the outage key's label after it
	}{
		{"alone", nil, "Outages"},
		{"relabelled", []string{"--label", "regimes.malfunctioning.outage_start=Chance of an outage"}, "Chance of an outage"},
	} {
		cut := filepath.Join(dir, tc.name)
		if status, _, stderr := runCLIInterrupted(t, 3, smallSweep(cut, append(labels, "--workers", "2")...)...); status != exitInterrupted {
			t.Fatalf("%s: interrupted sweep: status %d: %s", tc.name, status, stderr)
		}
		mustRun(t, append([]string{"sweep", "--resume", "--out", cut, "--quiet"}, tc.given...)...)
		if tc.given == nil {
			sameFolders(t, want, cut)
			continue
		}
		m, err := output.ReadManifest(cut)
		if err != nil {
			t.Fatal(err)
		}
		if l := m.FigureOptions.Labels; len(l) != 2 || l["posts.Gate.capacity"] != "Places at the gate" || l["regimes.malfunctioning.outage_start"] != tc.label {
			t.Errorf("%s: labels %v; want the gate's kept and the outage key's %q", tc.name, l, tc.label)
		}
	}
}
