package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// oneKeySweep is a sweep of one key of the small scenario: 3 points × 2
// regimes × 2 replicates = 12 runs, whose figures are each metric drawn
// against the key.
func oneKeySweep(out string, extra ...string) []string {
	return append([]string{"sweep", small, "--days", "20", "--reps", "2", "--regimes", "malfunctioning,closed",
		"--vary", "posts.Gate.capacity=5:25:3", "--formats", "svg", "--quiet", "--out", out}, extra...)
}

// figureNames are the figure files manifest m lists, in its order.
func figureNames(m *output.Manifest) []string {
	var names []string
	for _, f := range m.Figures {
		names = append(names, f.File)
	}
	return names
}

// checkOnce fails unless the folder at dir records metrics, regimes and
// formats as want* (each once), its command line holds each list as
// given by wantArgs, and its manifest lists each figure file once, a
// file that exists.
func checkOnce(t *testing.T, dir string, metrics, regimes, formats []string, wantArgs ...string) {
	t.Helper()
	m, err := output.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	o := m.FigureOptions
	if o == nil {
		t.Fatalf("%s records no figure options", dir)
	}
	if !slices.Equal(o.Metrics, metrics) || !slices.Equal(o.Regimes, regimes) || !slices.Equal(o.Formats, formats) {
		t.Errorf("%s records metrics %q, regimes %q, formats %q; want %q, %q, %q", dir, o.Metrics, o.Regimes, o.Formats, metrics, regimes, formats)
	}
	for _, a := range wantArgs {
		if !strings.Contains(m.CommandLine+" ", " "+a+" ") {
			t.Errorf("%s's command_line %q does not hold %q", dir, m.CommandLine, a)
		}
	}
	names := figureNames(m)
	if len(names) == 0 {
		t.Errorf("%s lists no figures", dir)
	}
	seen := map[string]bool{}
	for _, f := range names {
		if seen[f] {
			t.Errorf("%s lists %s twice", dir, f)
		}
		seen[f] = true
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Errorf("%s lists %s: %v", dir, f, err)
		}
	}
}

// TestFigureListsHoldEachNameOnce: a metric, regime or format named twice
// (on the command line, or in a manifest edited by hand) is drawn once and
// recorded once, so that the folder's own plot draws it again. Named twice,
// each figure was drawn twice, listed twice in the manifest, and the next
// plot failed (status 1) renaming the file it had already moved; a list
// of thousands ran for many minutes and took gigabytes.
func TestFigureListsHoldEachNameOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()

	sw := filepath.Join(dir, "sweep")
	mustRun(t, oneKeySweep(sw, "--figure-metrics", "deaths,deaths,abuse_events,deaths", "--figure-regimes", "closed,closed", "--formats", "svg,svg")...)
	checkOnce(t, sw, []string{"deaths", "abuse_events"}, []string{"closed"}, []string{"svg"},
		"--figure-metrics deaths,abuse_events", "--figure-regimes closed", "--formats svg")
	mustRun(t, "plot", sw)
	checkOnce(t, sw, []string{"deaths", "abuse_events"}, []string{"closed"}, []string{"svg"})

	// plot's lists, one of thousands among them: the recorded list, each
	// name once, shows it was read as two names.
	mustRun(t, "plot", "--metric", "peak_trapped,peak_trapped", "--regime", "malfunctioning,malfunctioning", "--formats", "svg,SVG", sw)
	checkOnce(t, sw, []string{"peak_trapped"}, []string{"malfunctioning"}, []string{"svg"},
		"--figure-metrics peak_trapped", "--figure-regimes malfunctioning")
	long := strings.Repeat("deaths,abuse_events,", 2000) + "deaths"
	mustRun(t, "plot", "--metric", long, sw)
	checkOnce(t, sw, []string{"deaths", "abuse_events"}, []string{"malfunctioning"}, []string{"svg"}, "--figure-metrics deaths,abuse_events")
	mustRun(t, "plot", sw)
	if status, _, stderr := runCLI(t, "reproduce", sw); status != 0 {
		t.Errorf("reproduce after plot: status %d: %s", status, stderr)
	}

	// A resume given the lists: each name once, and all clears the
	// regimes the interrupted folder records.
	cut, whole := filepath.Join(dir, "cut"), filepath.Join(dir, "whole")
	if status, _, stderr := runCLIInterrupted(t, 3, oneKeySweep(cut, "--workers", "2", "--figure-regimes", "closed")...); status != exitInterrupted {
		t.Fatalf("interrupted sweep: status %d: %s", status, stderr)
	}
	mustRun(t, "sweep", "--resume", "--out", cut, "--quiet", "--figure-metrics", "deaths,deaths", "--figure-regimes", "all")
	checkOnce(t, cut, []string{"deaths"}, nil, []string{"svg"}, "--figure-metrics deaths")
	mustRun(t, oneKeySweep(whole, "--figure-metrics", "deaths")...)
	sameFolders(t, whole, cut)

	// A manifest that lists names twice, as one edited by hand may (the
	// names those its command line gives: plot refuses figure options
	// its figure flags do not give).
	for _, tc := range []struct {
		name, out string
		args      []string
		edit      func(o *output.FigureOptions)
	}{
		{"sweep", "edited-sweep", oneKeySweep(filepath.Join(dir, "edited-sweep"), "--figure-metrics", "deaths", "--figure-regimes", "closed"), func(o *output.FigureOptions) {
			o.Metrics = []string{"deaths", "deaths"}
			o.Regimes = []string{"closed", "closed"}
			o.Formats = []string{"svg", "svg"}
		}},
		{"compare", "edited-compare", []string{"compare", small, "--days", "20", "--reps", "2", "--formats", "svg", "--quiet", "--out", filepath.Join(dir, "edited-compare")}, func(o *output.FigureOptions) {
			o.Formats = []string{"svg", "svg"}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.out)
			mustRun(t, tc.args...)
			m, err := output.ReadManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			if m.FigureOptions == nil {
				m.FigureOptions = &output.FigureOptions{}
			}
			tc.edit(m.FigureOptions)
			if err := m.Write(filepath.Join(out, "manifest.json")); err != nil {
				t.Fatal(err)
			}
			mustRun(t, "plot", out)
			var metrics, regimes []string
			if tc.name == "sweep" {
				metrics, regimes = []string{"deaths"}, []string{"closed"}
			}
			checkOnce(t, out, metrics, regimes, []string{"svg"})
			mustRun(t, "plot", out)
			if status, _, stderr := runCLI(t, "reproduce", out); status != 0 {
				t.Errorf("reproduce after plot: status %d: %s", status, stderr)
			}
		})
	}
}

// TestListsNamingNothingAreRefused: a list flag given a list with an empty
// name (",", "a,,b") is refused as an empty value is (status 2, one line,
// nothing written), not taken for the default or for no change.
func TestListsNamingNothingAreRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	folder := filepath.Join(dir, "sweep")
	mustRun(t, oneKeySweep(folder, "--figure-metrics", "deaths")...)
	before := readAll(t, folder)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{oneKeySweep(filepath.Join(dir, "a"), "--figure-metrics", ","), `--figure-metrics "," names nothing`},
		{oneKeySweep(filepath.Join(dir, "a"), "--figure-metrics", " , "), `--figure-metrics " , " names nothing`},
		{oneKeySweep(filepath.Join(dir, "a"), "--figure-regimes", ","), `--figure-regimes "," names nothing`},
		{oneKeySweep(filepath.Join(dir, "a"), "--figure-metrics", "deaths,,abuse_events"), `--figure-metrics "deaths,,abuse_events": an empty name`},
		{[]string{"sweep", "--resume", "--out", folder, "--figure-metrics", ","}, `--figure-metrics "," names nothing`},
		{[]string{"plot", "--metric", ",", folder}, `--metric "," names nothing`},
		{[]string{"plot", "--regime", ",,", folder}, `--regime ",," names nothing`},
		{[]string{"plot", "--regime", "closed,", folder}, `--regime "closed,": an empty name`},
		{smallSensitivity(filepath.Join(dir, "a"), "--metrics", ","), `--metrics "," names nothing`},
		{smallSensitivity(filepath.Join(dir, "a"), "--effects", ","), `--effects "," names nothing`},
		{smallSensitivity(filepath.Join(dir, "a"), "--params", ","), `--params "," names nothing`},
	} {
		status, _, stderr := runCLI(t, tc.args...)
		if status != exitUsage || !strings.Contains(stderr, tc.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("%v: status %d, stderr %q; want %d and one line with %q", tc.args, status, stderr, exitUsage, tc.want)
		}
		if _, err := os.Stat(filepath.Join(dir, "a")); err == nil {
			t.Fatalf("%v: refused, but wrote a folder", tc.args)
		}
	}
	if after := readAll(t, folder); !mapsEqual(before, after) {
		t.Errorf("a refused command changed %s", folder)
	}
}

// readAll is every file of dir and its bytes.
func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	all := map[string]string{}
	for _, f := range files(t, dir) {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		all[f] = string(b)
	}
	return all
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestSweepFigureRegimesAll: sweep --figure-regimes all draws every regime,
// as plot --regime all does: the same folder as no --figure-regimes.
func TestSweepFigureRegimesAll(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	all, plain := filepath.Join(dir, "all"), filepath.Join(dir, "plain")
	mustRun(t, oneKeySweep(all, "--figure-regimes", "all")...)
	mustRun(t, oneKeySweep(plain)...)
	sameFolders(t, plain, all)
	if m, err := output.ReadManifest(all); err != nil || strings.Contains(m.CommandLine, "--figure-regimes") {
		t.Errorf("command_line after --figure-regimes all: %v %q; want no --figure-regimes", err, m.CommandLine)
	}
}

// TestSweepCaptionNamesDrawnReusedRegimes: a sweep figure's caption names
// the regimes the varied keys do not change only if the figure draws
// them (--figure-regimes): open is reused here but not drawn.
func TestSweepCaptionNamesDrawnReusedRegimes(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, "sweep", small, "--days", "20", "--reps", "1", "--vary", "regimes.malfunctioning.outage_start=0:0.2:2",
		"--regimes", "open,closed,malfunctioning", "--figure-regimes", "malfunctioning,closed", "--formats", "svg", "--quiet", "--out", out)
	svg, err := os.ReadFile(filepath.Join(out, "figures", "deaths_vs_regimes_malfunctioning_outage_start.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svg), "do not change closed (run once per replicate)") {
		t.Errorf("the caption does not say that the varied keys do not change closed, the one reused regime drawn")
	}
}
