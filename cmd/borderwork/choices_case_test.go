package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestChoicesIgnoreCase: --bands and --size, like --formats, take their
// choices in any case and record them in lower case.
func TestChoicesIgnoreCase(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "c")
	mustRun(t, "compare", small, "--days", "20", "--reps", "2", "--bands", "CI", "--size", " Single", "--formats", "SVG", "--quiet", "--out", out)
	want := filepath.Join(dir, "want")
	mustRun(t, "compare", small, "--days", "20", "--reps", "2", "--bands", "ci", "--size", "single", "--formats", "svg", "--quiet", "--out", want)
	sameFolders(t, want, out)
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if o := m.FigureOptions; o.Bands != "ci" || o.Size != "single" || !strings.HasSuffix(m.CommandLine, " --bands ci --size single --formats svg") {
		t.Errorf("recorded %q, %q, command line %q; want them in lower case", o.Bands, o.Size, m.CommandLine)
	}
	mustRun(t, "plot", "--bands", "Replicates", "--size", "DOUBLE", out)
	if m, err = output.ReadManifest(out); err != nil {
		t.Fatal(err)
	}
	if o := m.FigureOptions; o.Bands != output.BandsReplicates || o.Size != "double" {
		t.Errorf("plot recorded %q, %q; want replicates, double", o.Bands, o.Size)
	}
}

// TestDesignAndMethodIgnoreCase: --design and --method, like --bands,
// take their choices in any case and record them in lower case (LHS was
// refused: "must be grid or lhs").
func TestDesignAndMethodIgnoreCase(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sweep", small, "--design", "LHS", "--samples", "2", "--vary", "abuse.bribe=0:1", "--regimes", "open"}, " --design lhs "},
		{[]string{"sensitivity", small, "--method", " Sobol", "--samples", "2", "--params", "abuse.bribe", "--regimes", "open", "--metrics", "abuse_events"}, " --method sobol "},
	} {
		out := filepath.Join(dir, tc.args[0])
		mustRun(t, append(tc.args, "--days", "10", "--reps", "2", "--formats", "", "--quiet", "--out", out)...)
		m, err := output.ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.CommandLine, tc.want) {
			t.Errorf("%s recorded %q; want it to hold %q", tc.args[0], m.CommandLine, tc.want)
		}
	}
}

// TestWroteCountsFigureFiles: the line saying what a command wrote counts
// its figure files in words ("1 figure file", not "1 figures"), and a
// sweep's shard says why it has none. Every command asked for none
// (--formats "") says so, where "0 figure files" read as a failure to
// draw them (new-user audit, finding 6).
func TestWroteCountsFigureFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{oneKeySweep(filepath.Join(dir, "one"), "--figure-metrics", "deaths"), "tables, 1 figure file, report.md.\n"},
		{oneKeySweep(filepath.Join(dir, "two"), "--figure-metrics", "deaths,abuse_events"), "tables, 2 figure files, report.md.\n"},
		{[]string{"compare", small, "--days", "20", "--reps", "2", "--formats", "", "--quiet", "--out", filepath.Join(dir, "none")}, "tables (no figures, as asked), report.md.\n"},
		{[]string{"run", small, "--days", "20", "--reps", "2", "--formats", "", "--quiet", "--out", filepath.Join(dir, "run")}, "tables (no figures, as asked), report.md.\n"},
		{oneKeySweep(filepath.Join(dir, "sweep"), "--formats", ""), "tables (no figures, as asked), report.md.\n"},
		{[]string{"claim", small, "--days", "20", "--reps", "3", "--max-reps", "3", "--own", "none", "--formats", "", "--quiet", "--out", filepath.Join(dir, "claim")}, "tables (no figures, as asked), report.md.\n"},
		{[]string{"programme", toyProgramme, "--days", "20", "--reps", "3", "--formats", "", "--quiet", "--out", filepath.Join(dir, "programme")}, "tables (no figures, as asked), report.md.\n"},
		{smallSensitivity(filepath.Join(dir, "sensitivity"), "--formats", "", "--quiet"), "tables (no figures, as asked), report.md.\n"},
		{smallFlowValidation(filepath.Join(dir, "validate"), "--formats", "", "--quiet"), "tables (no figures, as asked), report.md.\n"},
		// A shard draws none, by design: "0 figure files" in every task's
		// log read as a failure.
		{oneKeySweep(filepath.Join(dir, "shard"), "--shard", "0/2"), "tables (a shard draws no figures; merge draws them).\n"},
	} {
		if stdout := mustRun(t, tc.args...); !strings.Contains(stdout, tc.want) {
			t.Errorf("%v said %q; want %q", tc.args, stdout, tc.want)
		}
	}
}
