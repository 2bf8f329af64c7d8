package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
)

// earlierShellJoin is how borderwork quoted the arguments of the command
// lines it recorded before 2026-12-03: in Go's double quotes, inside
// which a shell still expands $ and `.
func earlierShellJoin(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = a
		if a == "" || strings.ContainsAny(a, " \t\"'$\\|&;<>()*?[]{}!#~`") {
			quoted[i] = strconv.Quote(a)
		}
	}
	return strings.Join(quoted, " ")
}

// TestRecordedCommandLinePastesIntoAShell: a scenario or data path, or a
// --set value, holding $, `, a single quote or a space is recorded in
// command_line (and report.md) so that a POSIX shell gives the command
// the same arguments, and the command line writes the same folder; plot
// and reproduce pass. A folder an earlier borderwork wrote, which quoted
// them in double quotes, still plots and reproduces, reproduce warning
// that its report.md quotes the command line the old way.
func TestRecordedCommandLinePastesIntoAShell(t *testing.T) {
	t.Parallel()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skipf("no sh: %v", err)
	}
	tmp := t.TempDir()
	hostile := filepath.Join(tmp, "it's m$HOME `id`")
	if err := os.Mkdir(hostile, 0o755); err != nil {
		t.Fatal(err)
	}
	scenario := filepath.Join(hostile, "small.toml")
	b, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(scenario, b, 0o644)
	data := filepath.Join(hostile, "the case")
	copyFolder(t, fleeCase, data)
	tiny := filepath.Join(tmp, "tiny.toml")
	mustRun(t, "import", "flee", "--out", tiny, fleeCase)
	for _, tc := range []struct {
		name string
		args []string // the command, without --out
		want []string // arguments the command line must hold, in order
	}{
		{"run", []string{"run", scenario, "--regime", "hbm", "--reps", "2", "--days", "30", "--set", "title=a $HOME b", "--formats", "svg"},
			[]string{"run", scenario}},
		{"validate", []string{"validate", tiny, "--data", data, "--reps", "2", "--formats", "png"},
			[]string{"--data", data}},
		// plot does not write a sweep's report.md again.
		{"sweep", []string{"sweep", scenario, "--vary", "days=10:20:2", "--reps", "2", "--set", "title=a $HOME b", "--formats", "svg"},
			[]string{"sweep", scenario}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(tmp, tc.name)
			mustRun(t, append(tc.args, "--out", out, "--quiet")...)
			m, err := output.ReadManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			// The shell's words: printf, in borderwork's place, prints
			// each argument, NUL after each.
			got, err := exec.Command(sh, "-c", `printf '%s\0' `+strings.TrimPrefix(m.CommandLine, "borderwork ")).Output()
			if err != nil {
				t.Fatalf("sh -c printf %q: %v", m.CommandLine, err)
			}
			words := strings.Split(strings.TrimSuffix(string(got), "\x00"), "\x00")
			if want := experiment.ShellWords(m.CommandLine)[1:]; !slices.Equal(words, want) {
				t.Errorf("sh reads command_line %q as %q; want %q", m.CommandLine, words, want)
			}
			if !containsRun(words, tc.want) {
				t.Errorf("sh reads command_line %q as %q; want it to hold %q", m.CommandLine, words, tc.want)
			}
			if tc.name == "run" && !containsRun(words, []string{"--set", "title=a $HOME b"}) {
				t.Errorf("sh reads command_line %q as %q; want --set %q", m.CommandLine, words, "title=a $HOME b")
			}
			// In a code span whose fence no backtick of the path closes.
			if report, err := os.ReadFile(filepath.Join(out, "report.md")); err == nil && !strings.Contains(string(report), "Command: ``"+m.CommandLine+"``") {
				t.Errorf("report.md does not quote the command line %q in a code span of two backticks", m.CommandLine)
			}
			// The command line, as the shell reads it, writes the folder.
			again := filepath.Join(tmp, tc.name+"-again")
			mustRun(t, append(words, "--out", again, "--quiet")...)
			sameFolders(t, out, again)
			if status, stdout, stderr := runCLI(t, "reproduce", "--quiet", out); status != 0 || strings.Contains(stderr, "report.md quotes") {
				t.Errorf("reproduce: status %d\n%s%s", status, stdout, stderr)
			}

			// The folder as an earlier borderwork wrote it: command_line,
			// and report.md's quote of it, in double quotes.
			old := filepath.Join(tmp, tc.name+"-old")
			copyFolder(t, out, old)
			earlier := earlierShellJoin(experiment.ShellWords(m.CommandLine))
			if earlier == m.CommandLine || !strings.Contains(earlier, `"`) {
				t.Fatalf("the earlier quoting %q is not in double quotes", earlier)
			}
			m.CommandLine = earlier
			for _, c := range []*output.Checked{m.Report, tableNamed(m.Tables, "report.md")} {
				if c == nil {
					continue
				}
				p := filepath.Join(old, "report.md")
				b, _ := os.ReadFile(p)
				// fenced with one backtick, whatever the line held
				now := output.CodeSpan(runs.ShellJoin(experiment.ShellWords(earlier)))
				if !strings.Contains(string(b), now) {
					t.Fatalf("report.md does not quote %s", now)
				}
				os.WriteFile(p, []byte(strings.ReplaceAll(string(b), now, "`"+earlier+"`")), 0o644)
				if c.SHA256, err = output.FileSHA256(p); err != nil {
					t.Fatal(err)
				}
			}
			if err := m.Write(filepath.Join(old, "manifest.json")); err != nil {
				t.Fatal(err)
			}
			status, stdout, stderr := runCLI(t, "reproduce", "--quiet", old)
			if status != 0 || !strings.Contains(stdout, "Reran: "+runs.ShellJoin(experiment.ShellWords(earlier))) {
				t.Errorf("reproduce of the earlier folder: status %d\n%s%s", status, stdout, stderr)
			}
			if (m.Report != nil || tableNamed(m.Tables, "report.md") != nil) && !strings.Contains(stderr, "warning: report.md quotes the command line as the borderwork that wrote the folder did, in double quotes") {
				t.Errorf("reproduce of the earlier folder: stderr %q; want the warning that report.md quotes it the old way", stderr)
			}
			if status, stdout, stderr := runCLI(t, "plot", old, "--formats", "pdf"); status != 0 {
				t.Fatalf("plot of the earlier folder: status %d\n%s%s", status, stdout, stderr)
			}
			// plot records the line again, in the quoting that pastes.
			if pm, err := output.ReadManifest(old); err != nil || strings.Contains(pm.CommandLine, `"`) || !experiment.SameCommandLine(experiment.BaseCommandLine(pm.CommandLine), experiment.BaseCommandLine(earlier)) {
				t.Errorf("plot of the earlier folder records command_line %q (%v); want the same arguments in single quotes", pm.CommandLine, err)
			}
			if status, stdout, stderr := runCLI(t, "reproduce", "--quiet", old); status != 0 {
				t.Errorf("reproduce of the earlier folder after plot: status %d\n%s%s", status, stdout, stderr)
			}
		})
	}
}

// containsRun says whether words holds want, in order, one after another.
func containsRun(words, want []string) bool {
	for i := 0; i+len(want) <= len(words); i++ {
		if slices.Equal(words[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

// tableNamed is the table of tables named name; nil: none.
func tableNamed(tables []output.Checked, name string) *output.Checked {
	for i := range tables {
		if tables[i].File == name {
			return &tables[i]
		}
	}
	return nil
}

// TestReportQuotesALineBreak: a scenario path holding a line break (here
// followed by a blank line and "# y") is quoted in report.md on one line,
// with \n for the line break, the command line said not to be copyable;
// the spans ran over two lines, which Markdown read as a space or, here,
// as the end of the paragraph and a heading "# y". command_line still
// holds the line break, inside single quotes, and reproduce passes.
func TestReportQuotesALineBreak(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	hostile := filepath.Join(tmp, "x\n\n# y")
	if err := os.Mkdir(hostile, 0o755); err != nil {
		t.Skipf("no line break in a file name here: %v", err)
	}
	for _, tc := range []struct {
		name, scenario string
		args           []string
		spans          []string // after the command line, in report.md's code spans
	}{
		{"run", small, []string{"--reps", "2", "--days", "20", "--regime", "open"}, []string{""}},
		// claim quotes it twice: in a sentence, and with --robustness.
		{"claim", small, []string{"--days", "40", "--reps", "3", "--max-reps", "3", "--own", "none"}, []string{"", " --robustness"}},
		{"programme", toyProgramme, []string{"--days", "120", "--reps", "3", "--programme", "equip"}, []string{""}},
		{"sensitivity", small, []string{"--days", "30", "--regimes", "malfunctioning,closed", "--params", "abuse.official_extortion,posts.Gate.capacity",
			"--metrics", "abuse_events", "--trajectories", "4", "--candidates", "8", "--resamples", "200"}, []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := os.ReadFile(tc.scenario)
			if err != nil {
				t.Fatal(err)
			}
			scenario := filepath.Join(hostile, tc.name+".toml")
			os.WriteFile(scenario, b, 0o644)
			out := filepath.Join(tmp, tc.name)
			mustRun(t, append(append([]string{tc.name, scenario}, tc.args...), "--formats", "svg", "--out", out, "--quiet")...)
			m, err := output.ReadManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(experiment.ShellWords(m.CommandLine), scenario) {
				t.Fatalf("command_line %q does not hold the scenario %q", m.CommandLine, scenario)
			}
			report, err := os.ReadFile(filepath.Join(out, "report.md"))
			if err != nil {
				t.Fatal(err)
			}
			for _, after := range tc.spans {
				want := "`" + strings.ReplaceAll(m.CommandLine+after, "\n", `\n`) + "`" + output.NotCopyable
				if !strings.Contains(string(report), want) {
					t.Errorf("report.md does not quote the command line as %q:\n%s", want, report)
				}
			}
			for i, line := range strings.Split(string(report), "\n") {
				if strings.HasPrefix(line, "# y") || strings.HasPrefix(line, strings.TrimPrefix(scenario, hostile)) {
					t.Errorf("report.md, line %d: the command line runs onto it: %q", i+1, line)
				}
			}
			if status, stdout, stderr := runCLI(t, "reproduce", "--quiet", out); status != 0 {
				t.Errorf("reproduce: status %d\n%s%s", status, stdout, stderr)
			}
		})
	}
}
