package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/programme"
)

const toyProgramme = "../../programme/testdata/toy.toml"

// TestProgrammeWritesEveryFile: the folder holds the tables, figures and
// report; reproduce reruns it and plot redraws it.
func TestProgrammeWritesEveryFile(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, "programme", toyProgramme, "--days", "200", "--reps", "3", "--formats", "png", "--out", out, "--quiet")
	got := files(t, out)
	for _, want := range []string{"manifest.json", "scenario.toml", "timeseries.csv", "summary.csv", "stats.csv", "channels.csv", "path.csv", "report.md",
		"figures/trapped.png", "figures/channels_malfunctioning_trapped_person_days.png", "figures/channels_malfunctioning_abuse_events.png",
		"figures/path_malfunctioning.png"} {
		if !slices.Contains(got, want) {
			t.Errorf("programme did not write %s", want)
		}
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	info, err := programme.ReadInfo(m)
	if err != nil {
		t.Fatal(err)
	}
	wantArms := []string{"malfunctioning", "malfunctioning+programme", "malfunctioning+repair", "malfunctioning+tightening"}
	if !m.Complete || m.Command != "programme" || !slices.Equal(info.Arms, wantArms) || info.Budget != 300000 || info.Reps != 3 {
		t.Errorf("manifest: complete %v, command %s, arms %v, budget %g, reps %d", m.Complete, m.Command, info.Arms, info.Budget, info.Reps)
	}
	report, _ := os.ReadFile(filepath.Join(out, "report.md"))
	for _, want := range []string{"## In short", "Through repairing malfunction", "through tightening closure", "## Cost per harm averted", "## What the programme does to the posts"} {
		if !bytes.Contains(report, []byte(want)) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	if status, stdout, stderr := runCLI(t, "reproduce", out); status != 0 || !strings.Contains(stdout, "OK") {
		t.Errorf("reproduce: status %d\n%s\n%s", status, stdout, stderr)
	}
	before, _ := os.ReadFile(filepath.Join(out, "figures", "path_malfunctioning.png"))
	os.RemoveAll(filepath.Join(out, "figures"))
	if status, _, stderr := runCLI(t, "plot", "--formats", "png", out); status != 0 {
		t.Fatalf("plot: status %d: %s", status, stderr)
	}
	if after, _ := os.ReadFile(filepath.Join(out, "figures", "path_malfunctioning.png")); !bytes.Equal(before, after) {
		t.Error("plot redrew path_malfunctioning.png differently")
	}
}

// TestProgrammeIsReproducible: the same folder whatever the workers.
func TestProgrammeIsReproducible(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for i, out := range []string{a, b} {
		mustRun(t, "programme", toyProgramme, "--days", "120", "--reps", "3", "--formats", "svg", "--quiet", "--workers", []string{"1", "4"}[i], "--out", out)
	}
	sameFolders(t, a, b)
}

func TestProgrammeJSON(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	stdout := mustRun(t, "programme", toyProgramme, "--days", "120", "--reps", "3", "--json", "--quiet", "--formats", "", "--out", out, "--programme", "equip")
	var doc struct {
		Programme string
		Days      int
		Budget    float64
		Spent     float64
		Regimes   []string
		// Aligned with Regimes, as docs/CLI.md promises.
		SpentByRegime []float64 `json:"spent_by_regime"`
		Effects       []struct {
			Regime, Effect, Metric, Group string
			Mean                          *float64
		}
		// As compare and claim give it, and docs/CLI.md promises.
		Performance *struct {
			AgentSteps int64   `json:"agent_steps"`
			PerSecond  float64 `json:"agent_steps_per_second"`
			Workers    int
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("programme --json: %v\n%s", err, stdout)
	}
	if doc.Programme != "equip" || doc.Days != 120 || doc.Budget != 200000 || len(doc.Effects) == 0 {
		t.Errorf("programme --json: programme %q, days %d, budget %g, %d effects", doc.Programme, doc.Days, doc.Budget, len(doc.Effects))
	}
	if len(doc.SpentByRegime) != len(doc.Regimes) || len(doc.Regimes) == 0 || doc.SpentByRegime[0] != doc.Spent {
		t.Errorf("programme --json: spent %v, spent_by_regime %v for regimes %v; want the spending under each regime", doc.Spent, doc.SpentByRegime, doc.Regimes)
	}
	if p := doc.Performance; p == nil || p.AgentSteps <= 0 || !(p.PerSecond > 0) || p.Workers < 1 {
		t.Errorf("programme --json performance %+v; want agent-steps, a positive rate and workers", p)
	}
	for _, e := range doc.Effects {
		// The equipment programme has no repair channel (its capacity
		// effect is 0): switching repair off changes nothing.
		if e.Effect == programme.Repairing && (e.Mean == nil || *e.Mean != 0) {
			t.Errorf("repair part of %s, %s under equipment alone: %v; want exactly 0", e.Metric, e.Group, e.Mean)
		}
	}
}

func TestProgrammeBadInput(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"programme", "sahel"}, "sahel has no programme to analyse"},
		{[]string{"programme", toyProgramme, "--programme", "nope"}, `--programme: no programme "nope" (programmes of toy: train, equip)`},
		{[]string{"programme", toyProgramme, "--programme", "trian"}, `--programme: no programme "trian" (programmes of toy: train, equip); did you mean train?`},
		{[]string{"programme", "../../scenarios/testdata/programme.toml", "--regimes", "closed"}, "--regimes: no programme analysed acts under closed"},
		{[]string{"programme", toyProgramme, "--reps", "1"}, "--reps must be at least 2"},
		{[]string{"programme", toyProgramme, "--set", "programmes.train.end=10"}, "programmes.train.end: must come after start (60), got 10"},
	} {
		out := filepath.Join(t.TempDir(), "out")
		status, _, stderr := runCLI(t, append(tt.args, "--days", "30", "--out", out, "--quiet")...)
		if status != exitUsage || !strings.Contains(stderr, tt.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("%v: status %d, stderr %q; want 2 and one line with %q", tt.args, status, stderr, tt.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: wrote %s", tt.args, out)
		}
	}
}

// TestProgrammeSweeps: a programme's budget and timing are keys a sweep
// varies like any other, and more money does more.
func TestProgrammeSweeps(t *testing.T) {
	t.Parallel()
	for _, vary := range []string{"programmes.train.budget=0:100000:3", "programmes.train.start=0:60:3"} {
		out := filepath.Join(t.TempDir(), "out")
		mustRun(t, "sweep", toyProgramme, "--vary", vary, "--reps", "2", "--days", "150", "--formats", "", "--quiet", "--out", out)
		keys, rows, err := output.ReadSummary(filepath.Join(out, "summary.csv"))
		if err != nil {
			t.Fatal(err)
		}
		key, _, _ := strings.Cut(vary, "=")
		if len(keys) != 1 || keys[0] != key || len(rows) != 3*2 {
			t.Fatalf("sweep --vary %s: keys %v, %d runs; want 3 points of 2 replicates", vary, keys, len(rows))
		}
		if !strings.HasPrefix(vary, "programmes.train.budget") {
			continue
		}
		abuse := output.TotalIndex("abuse_by_officials")
		mean := func(point float64) float64 {
			s, n := 0.0, 0
			for _, r := range rows {
				if r.Run.Params[0] == point {
					s += r.Totals[abuse]
					n++
				}
			}
			return s / float64(n)
		}
		if !(mean(100000) < mean(0)) {
			t.Errorf("abuse by officials: %g with no budget, %g with 100000; want less with training", mean(0), mean(100000))
		}
	}
}
