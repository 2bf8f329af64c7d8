package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/borderwork/borderwork/flee"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

const fleeCase = "../../flee/testdata/tiny"

func TestImportFlee(t *testing.T) {
	t.Parallel()
	status, stdout, stderr := runCLI(t, "import", "flee", fleeCase)
	if status != 0 {
		t.Fatalf("import: status %d: %s", status, stderr)
	}
	c, err := flee.Read(fleeCase)
	if err != nil {
		t.Fatal(err)
	}
	want, err := flee.Import(c, flee.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(want) {
		t.Error("import flee to stdout differs from flee.Import")
	}
	out := filepath.Join(t.TempDir(), "tiny.toml")
	if status, stdout, stderr := runCLI(t, "import", "flee", "--out", out, "--name", "small", fleeCase); status != 0 || stdout != "Wrote "+out+".\n" {
		t.Fatalf("import --out: status %d, stdout %q: %s; want it to say on standard output what it wrote, as every command does", status, stdout, stderr)
	}
	if status, stdout, stderr := runCLI(t, "check", out); status != 0 || !strings.Contains(stdout, "is valid: small") {
		t.Errorf("check of the imported scenario: status %d\n%s%s", status, stdout, stderr)
	}
	status, stdout, stderr = runCLI(t, "import", "flee", "--post-capacity", "250", "--documented", "0.4", fleeCase)
	if status != 0 {
		t.Fatalf("import with assumptions: status %d: %s", status, stderr)
	}
	want, err = flee.Import(c, flee.ImportOptions{PostCapacity: 250, Documented: 0.4})
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(want) || !strings.Contains(stdout, "capacity = 250.0") || !strings.Contains(stdout, "documented = 0.4") {
		t.Error("import flee --post-capacity 250 --documented 0.4 differs from flee.Import with them, or does not write them")
	}
}

// TestImportFleeSaysDefaults: a case without simsetting.yml, as FabFlee
// keeps its case folders, is imported with Flee's code defaults, and a
// note on standard error says so (it was said only in the file's
// comments); one with it has no note.
func TestImportFleeSaysDefaults(t *testing.T) {
	t.Parallel()
	if _, _, stderr := runCLI(t, "import", "flee", fleeCase); stderr != "" {
		t.Errorf("import of a case with simsetting.yml says %q; want nothing on standard error", stderr)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fleeCase)); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "simsetting.yml")); err != nil {
		t.Fatal(err)
	}
	status, _, stderr := runCLI(t, "import", "flee", dir)
	want := "borderwork import: note: " + dir + " has no simsetting.yml, so the scenario takes Flee's code defaults (max_move_speed 360 km a day, default_movechance 0.3, ...); FabFlee's validation cases take theirs from config_files/validation/simsetting.yml: copy it into the case and import again to use it\n"
	if status != 0 || stderr != want {
		t.Errorf("import of a case without simsetting.yml: status %d, standard error %q; want 0 and %q", status, stderr, want)
	}
}

func TestImportFleeBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "x.toml")
	afile := filepath.Join(dir, "afile")
	if err := os.WriteFile(afile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"import", "flee"}, "borderwork import: want the format flee and one DIR"},
		{[]string{"import", "mesa", fleeCase}, `borderwork import: unknown format "mesa": import reads flee only`},
		{[]string{"import", "flee", "--out", out, dir}, filepath.Join("input_csv", "sim_period.csv") + ": no such file"},
		{[]string{"import", "flee", "--out", out, "--documented", "1.5", fleeCase}, "--documented: want a share in [0, 1], got 1.5"},
		{[]string{"import", "flee", "--out", out, "--post-capacity", "0", fleeCase}, "--post-capacity: want a number of crossings a day, more than 0 and at most 1000000000, got 0"},
		// Above 2^63 the engine's daily count wraps and an open post lets
		// no one through (audit hostile7, finding 1).
		{[]string{"import", "flee", "--out", out, "--post-capacity", "1e20", fleeCase}, "--post-capacity: want a number of crossings a day, more than 0 and at most 1000000000, got 1e+20"},
		{[]string{"import", "flee", "--out", filepath.Join(dir, "nowhere", "x.toml"), fleeCase}, "no such folder " + filepath.Join(dir, "nowhere")},
		{[]string{"import", "flee", "--out", filepath.Join(afile, "x.toml"), fleeCase}, afile + " is a file, not a folder"},
		{[]string{"import", "flee", "--out", out, filepath.Join(dir, "nowhere")}, filepath.Join(dir, "nowhere") + ": no such folder"},
		{[]string{"import", "flee", "--out", out, afile}, afile + ": a file, not a Flee case folder"},
		{[]string{"import", "flee", "--out", out, "data/flee/mali2012"}, "data/flee/mali2012: no such folder; there is no data folder here: data/ is the repository's, so run from the clone's root"},
		// The name is written into the file: a line break would make a
		// line of TOML of its own, blamed on the importer.
		{[]string{"import", "flee", "--out", out, "--name", "x\ndays = 5 #", fleeCase}, `--name: must be text without line breaks or other control characters, got "x\ndays = 5 #"`},
	}
	for _, tt := range tests {
		status, stdout, stderr := runCLI(t, tt.args...)
		if status != 2 || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 || stdout != "" {
			t.Errorf("%v: status %d, stdout %q, stderr %q; want status 2 and one line with %q", tt.args, status, stdout, stderr, tt.want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed import wrote its --out file")
	}
}

// TestImportFleeKeepsFile checks that import refuses to replace an
// existing file without --force, writing nothing, and replaces it whole
// with --force.
func TestImportFleeKeepsFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	precious := filepath.Join(dir, "precious.toml")
	mine := []byte("# my notes\n")
	if err := os.WriteFile(precious, mine, 0o644); err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr := runCLI(t, "import", "flee", "--out", precious, fleeCase)
	want := "the file exists; give --force to replace it"
	if status != 2 || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, want) {
		t.Errorf("import onto an existing file: status %d, stdout %q, stderr %q; want status 2 and one line with %q", status, stdout, stderr, want)
	}
	if got, _ := os.ReadFile(precious); string(got) != string(mine) {
		t.Errorf("import without --force changed the existing file to %q", got)
	}
	// An earlier import is refused too: it may have been edited.
	if status, _, stderr := runCLI(t, "import", "flee", "--out", precious, "--force", fleeCase); status != 0 {
		t.Fatalf("import --force: status %d: %s", status, stderr)
	}
	if status, _, stderr := runCLI(t, "import", "flee", "--out", precious, fleeCase); status != 2 || !strings.Contains(stderr, want) {
		t.Errorf("import onto an earlier import: status %d, stderr %q; want status 2 and %q", status, stderr, want)
	}
	c, err := flee.Read(fleeCase)
	if err != nil {
		t.Fatal(err)
	}
	imported, err := flee.Import(c, flee.ImportOptions{From: fleeCase})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(precious); string(got) != string(imported) {
		t.Error("import --force did not replace the file with the import")
	}
	if status, _, stderr := runCLI(t, "import", "flee", "--out", dir, "--force", fleeCase); status != 2 || !strings.Contains(stderr, "is a folder") {
		t.Errorf("import --out DIR: status %d, stderr %q; want status 2 and 'is a folder'", status, stderr)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("import left %d files in the folder, want only precious.toml", len(entries))
	}
	// A link to nothing was replaced by the import, without --force.
	link := filepath.Join(t.TempDir(), "link.toml")
	if err := os.Symlink(filepath.Join(dir, "missing.toml"), link); err != nil {
		t.Skip(err)
	}
	if status, _, stderr := runCLI(t, "import", "flee", "--out", link, fleeCase); status != 2 || !strings.Contains(stderr, "is a link to a file that does not exist") {
		t.Errorf("import onto a dangling link: status %d, stderr %q; want status 2", status, stderr)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("import without --force replaced the link: %v", err)
	}
}

// TestImportFleeOutInCase: an --out inside the case folder is refused,
// with --force too (status 2), and the case is left as it was. --out
// CASE/input_csv/routes.csv --force replaced one of the case's inputs
// with the scenario.
func TestImportFleeOutInCase(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	caseDir := filepath.Join(dir, "case")
	if err := os.CopyFS(caseDir, os.DirFS(fleeCase)); err != nil {
		t.Fatal(err)
	}
	linked := filepath.Join(dir, "linked")
	if err := os.Symlink(caseDir, linked); err != nil {
		t.Skip(err)
	}
	tests := []struct{ name, out string }{
		{"one of its inputs", filepath.Join(caseDir, "input_csv", "routes.csv")},
		{"a new file in it", filepath.Join(caseDir, "tiny.toml")},
		{"through ..", filepath.Join(caseDir, "input_csv", "..", "tiny.toml")},
		{"through a link to it", filepath.Join(linked, "input_csv", "routes.csv")},
	}
	for _, tt := range tests {
		before := foldertest.Files(t, caseDir)
		status, stdout, stderr := runCLI(t, "import", "flee", "--out", tt.out, "--force", caseDir)
		want := "borderwork import: --out " + tt.out + ": is inside the Flee case folder " + caseDir + ", whose files validate reads and records"
		if status != exitUsage || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, want) {
			t.Errorf("%s: status %d, stdout %q, stderr %q; want %d and one line starting %q", tt.name, status, stdout, stderr, exitUsage, want)
		}
		foldertest.Same(t, tt.name, caseDir, before)
	}
	// Beside the case, not in it: written.
	beside := filepath.Join(dir, "tiny.toml")
	if status, _, stderr := runCLI(t, "import", "flee", "--out", beside, caseDir); status != exitOK {
		t.Errorf("--out beside the case: status %d, stderr %q; want it written", status, stderr)
	}
}

// TestImportKeepsPipesAndDevices: --force replaces a file, never a FIFO,
// a device or what a link leads to that is one (run as root, the rename
// into place replaced the machine's /dev/null).
func TestImportKeepsPipesAndDevices(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe")
	if err := mkfifo(pipe); err != nil {
		t.Skip(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(pipe, link); err != nil {
		t.Skip(err)
	}
	for _, out := range []string{pipe, link} {
		for _, force := range [][]string{nil, {"--force"}} {
			args := append([]string{"import", "flee", "--out", out}, force...)
			status, stdout, stderr := runCLI(t, append(args, fleeCase)...)
			want := "borderwork import: --out " + out + ": is not a regular file (a pipe, a device or a socket); want the name of a file, or no --out to write to standard output\n"
			if status != 2 || stdout != "" || !strings.HasPrefix(stderr, want) {
				t.Errorf("import %v: status %d, stdout %q, stderr %q; want status 2 and %q", force, status, stdout, stderr, want)
			}
		}
	}
	if st, err := os.Lstat(pipe); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", st.Mode(), err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", st.Mode(), err)
	}
}

func TestValidateFlee(t *testing.T) {
	t.Parallel()
	scenario := importTiny(t)
	out := filepath.Join(t.TempDir(), "v")
	status, stdout, stderr := runCLI(t, "validate", scenario, "--data", fleeCase, "--reps", "3", "--formats", "png", "--out", out)
	if status != 0 {
		t.Fatalf("validate: status %d\n%s%s", status, stdout, stderr)
	}
	for _, want := range []string{"regime open, 3 replicates", "rescaled", "normal", "total", "Wrote " + out + ": tables, 4 figure files, report.md.\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("validate's output does not contain %q:\n%s", want, stdout)
		}
	}
	tidyText(t, "validate's output", stdout)
	want := []string{"figures/camp-c1.png", "figures/camp-c2.png", "figures/camp-c3.png", "figures/error.png", "fit.csv", "manifest.json", "replicates.csv", "report.md", "scenario.toml", "validation.csv"}
	if got := files(t, out); !slices.Equal(got, want) {
		t.Errorf("validate wrote %v; want %v", got, want)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Command != "validate" || len(m.Runs) != 3 || len(m.Tables) != 3 || len(m.Figures) != 4 || !m.Complete {
		t.Errorf("manifest: command %q, %d runs, %d tables, %d figures, complete %v", m.Command, len(m.Runs), len(m.Tables), len(m.Figures), m.Complete)
	}
	// The same command again, on other workers, writes the same tables.
	again := filepath.Join(t.TempDir(), "v")
	if status, _, stderr := runCLI(t, "validate", scenario, "--data", fleeCase, "--reps", "3", "--formats", "png", "--out", again, "--workers", "1"); status != 0 {
		t.Fatal(stderr)
	}
	for _, table := range []string{"validation.csv", "replicates.csv", "fit.csv"} {
		a, _ := os.ReadFile(filepath.Join(out, table))
		b, _ := os.ReadFile(filepath.Join(again, table))
		if string(a) != string(b) {
			t.Errorf("%s differs between 2 and 1 workers", table)
		}
	}
}

// TestValidateFleeProgress: validate against a Flee case shows its
// progress by replicate, as every simulating command does (it showed
// none). It sets progressSilence, a package variable: no t.Parallel.
func TestValidateFleeProgress(t *testing.T) {
	defer func(was time.Duration) { progressSilence = was }(progressSilence)
	progressSilence = 0
	scenario := importTiny(t)
	out := filepath.Join(t.TempDir(), "v")
	status, _, stderr := runCLI(t, "validate", scenario, "--data", fleeCase, "--reps", "3", "--formats", "", "--out", out, "--progress")
	if status != 0 || !strings.Contains(stderr, "validate: 3/3 runs, ") {
		t.Errorf("validate --progress: status %d, stderr %q; want a progress line with 3/3 runs", status, stderr)
	}
}

// TestValidateFleeInterrupted: validate against a Flee case stopped
// (Ctrl-C, SIGTERM) before its replicates are done says it was
// interrupted, with status 130 as every command, and leaves an earlier
// folder at --out as it was (it said "context canceled", status 1).
func TestValidateFleeInterrupted(t *testing.T) {
	t.Parallel()
	scenario := importTiny(t)
	out := filepath.Join(t.TempDir(), "v")
	mustRun(t, "validate", scenario, "--data", fleeCase, "--reps", "2", "--formats", "", "--out", out)
	before := foldertest.Files(t, out)
	status, _, stderr := runCLIInterrupted(t, 1, "validate", scenario, "--data", fleeCase, "--reps", "6", "--workers", "1", "--formats", "", "--out", out)
	if status != exitInterrupted || !strings.Contains(stderr, "interrupted before the replicates were done; nothing was written, and "+out+" is as it was") {
		t.Errorf("validate interrupted: status %d, %q; want 130 and what it kept", status, stderr)
	}
	foldertest.Same(t, "the earlier folder", out, before)
}

func TestValidateFleeBadInput(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "v")
	empty := t.TempDir()
	// A flows.csv that is a folder or a pipe: it was said to be missing
	// ("holds neither input_csv/ nor flows.csv").
	flowsDir, flowsPipe := t.TempDir(), t.TempDir()
	if err := os.Mkdir(filepath.Join(flowsDir, "flows.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	pipeWant := "flows.csv is not a regular file (a pipe, a device or a socket)"
	if err := mkfifo(filepath.Join(flowsPipe, "flows.csv")); err != nil {
		flowsPipe, pipeWant = flowsDir, "flows.csv is a folder, not a file" // no FIFOs here
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"validate", "agadez2016", "--data", flowsDir, "--out", out}, "--data " + flowsDir + ": flows.csv is a folder, not a file"},
		{[]string{"validate", "agadez2016", "--data", flowsPipe, "--out", out}, "--data " + flowsPipe + ": " + pipeWant},
		{[]string{"validate", "mali2012"}, "--data DIR is required; mali2012 has no flow monitoring points, so give a Flee case folder (input_csv/ and source_data/, as data/flee/mali2012)"},
		{[]string{"validate", "agadez2016"}, "--data DIR is required; agadez2016 has flow monitoring points, so give a folder of flow counts (flows.csv, as data/dtm-niger)"},
		{[]string{"validate", "--data", fleeCase}, "want a SCENARIO"},
		{[]string{"validate", "classroom", "--data", fleeCase, "--out", out}, `no location "C1", a camp of the Flee case`},
		{[]string{"validate", "mali2012", "--data", fleeCase, "--regime", "shut", "--out", out}, `--regime: unknown regime "shut"`},
		{[]string{"validate", "mali2012", "--data", "nowhere", "--out", out}, "--data nowhere: no such folder"},
		// The README's data/... paths, run from another folder than the
		// clone's root (the tests run in cmd/borderwork, which has none).
		{[]string{"validate", "mali2012", "--data", "data/flee/mali2012", "--out", out}, "--data data/flee/mali2012: no such folder; there is no data folder here: data/ is the repository's, so run from the clone's root"},
		{[]string{"validate", "mali2012", "--data", "../../data/flee/mali2013", "--out", out}, "--data ../../data/flee/mali2013: no such folder; did you mean ../../data/flee/mali2012?"},
		{[]string{"validate", "agadez2016", "--data", "../../data/dtm-nigr", "--out", out}, "no such folder; did you mean ../../data/dtm-niger?"},
		{[]string{"validate", "agadez2016", "--data", "flee_cli_test.go", "--out", out}, "--data flee_cli_test.go: a file, not a folder"},
		{[]string{"validate", "agadez2016", "--data", empty, "--out", out}, "holds neither input_csv/ nor flows.csv; agadez2016 has flow monitoring points, so give a folder of flow counts (flows.csv, as data/dtm-niger)"},
		{[]string{"validate", "mali2012", "--data", empty, "--out", out}, "holds neither input_csv/ nor flows.csv; mali2012 has no flow monitoring points, so give a Flee case folder (input_csv/ and source_data/, as data/flee/mali2012)"},
	}
	for _, tt := range tests {
		status, _, stderr := runCLI(t, tt.args...)
		if status != 2 || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: status %d, stderr %q; want status 2 and one line with %q", tt.args, status, stderr, tt.want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed validate wrote its output folder")
	}
}

func TestValidateFleeOneReplicateJSON(t *testing.T) {
	t.Parallel()
	scenario := importTiny(t)
	out := filepath.Join(t.TempDir(), "v")
	status, stdout, stderr := runCLI(t, "validate", scenario, "--data", fleeCase, "--reps", "1", "--formats", "", "--json", "--out", out)
	if status != 0 || !strings.Contains(stdout, `"lo": null`) || !strings.Contains(stdout, `"rescaled"`) {
		t.Errorf("validate --json with one replicate: status %d\n%s%s", status, stdout, stderr)
	}
}

// TestValidationImportGivesBundledMali2012: every `borderwork import flee
// data/flee/mali2012` docs/VALIDATION.md gives (Method, step 1, and
// Reproduce) writes the bundled mali2012, apart from its title, sources
// and comments: the same posts' capacity and share documented, on which
// the what-if depends (audit referee6, finding 2: without --post-capacity
// 1000 --documented 0.6 closure traps three times as many person-days).
func TestValidationImportGivesBundledMali2012(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../docs/VALIDATION.md")
	if err != nil {
		t.Fatal(err)
	}
	const cmd = "borderwork import flee data/flee/mali2012"
	text := string(doc)
	var commands []string
	for at := 0; ; {
		i := strings.Index(text[at:], cmd)
		if i < 0 {
			break
		}
		i += at
		// An inline code span may wrap across lines: it ends at its closing
		// backtick; a line of a code block ends at the line's end.
		end := "\n"
		if i > 0 && text[i-1] == '`' {
			end = "`"
		}
		j := strings.Index(text[i:], end)
		if j < 0 {
			t.Fatalf("docs/VALIDATION.md: %q is not closed", text[i:])
		}
		commands = append(commands, strings.Join(strings.Fields(text[i:i+j]), " "))
		at = i + j
	}
	if len(commands) < 2 {
		t.Fatalf("docs/VALIDATION.md gives %d import commands for mali2012 (%q); want step 1's and Reproduce's", len(commands), commands)
	}
	bundled, err := scenarios.Load("mali2012")
	if err != nil {
		t.Fatal(err)
	}
	want, err := bundled.Encode()
	if err != nil {
		t.Fatal(err)
	}
	for n, c := range commands {
		args := strings.Fields(c)[1:] // without "borderwork"
		if k := slices.Index(args, "--out"); k >= 0 {
			args = slices.Delete(args, k, k+2)
		}
		args[2] = "../../data/flee/mali2012"
		out := filepath.Join(t.TempDir(), fmt.Sprintf("import%d.toml", n))
		mustRun(t, append(args, "--out", out)...)
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		s, err := scenarios.Parse(data, out, out, nil)
		if err != nil {
			t.Fatal(err)
		}
		s.File.Title, s.File.Sources = bundled.File.Title, bundled.File.Sources
		got, err := s.Encode()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
			k := 0
			for k < min(len(g), len(w)) && g[k] == w[k] {
				k++
			}
			t.Errorf("docs/VALIDATION.md's `%s` writes a scenario other than the bundled mali2012 (apart from title and sources); first difference, line %d of the resolved scenario:\n  got  %q\n  want %q", c, k+1, lineAt(g, k), lineAt(w, k))
		}
	}
}

// lineAt is line k of lines, or "" past the end.
func lineAt(lines []string, k int) string {
	if k < len(lines) {
		return lines[k]
	}
	return ""
}

// importTiny imports the tiny Flee case into a scenario file of its own
// and returns its path.
func importTiny(t *testing.T) string {
	t.Helper()
	scenario := filepath.Join(t.TempDir(), "tiny.toml")
	if status, _, stderr := runCLI(t, "import", "flee", "--out", scenario, fleeCase); status != 0 {
		t.Fatalf("import: %s", stderr)
	}
	return scenario
}

// TestValidateFleeDays: a scenario's days are held to the Flee case's
// period (sim_period.csv's Length, 60 days for tiny). More days were
// compared with registrations carried flat past the case's last day,
// with nothing said; they are refused with status 2, naming --days or the
// scenario's days line, and nothing written. Fewer days are compared as
// Flee's run.py compares a shorter simulation period, the first days
// only, which the output and report.md now say; the case's own period
// says nothing more.
func TestValidateFleeDays(t *testing.T) {
	t.Parallel()
	scenario := importTiny(t)
	data, err := os.ReadFile(scenario)
	if err != nil {
		t.Fatal(err)
	}
	long := filepath.Join(t.TempDir(), "long.toml")
	if err := os.WriteFile(long, bytes.Replace(data, []byte("\ndays = 60\n"), []byte("\ndays = 61\n"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	line := bytes.Count(data[:bytes.Index(data, []byte("\ndays = 60\n"))+1], []byte("\n")) + 1
	out := filepath.Join(t.TempDir(), "v")
	refused := []struct {
		args []string
		want string
	}{
		{[]string{"validate", scenario, "--days", "61"}, "--days: 61 days, but the Flee case " + fleeCase + " covers 60 (sim_period.csv's Length); give 60 days or fewer"},
		{[]string{"validate", long}, fmt.Sprintf("long.toml:%d: days: 61 days, but the Flee case %s covers 60 (sim_period.csv's Length)", line, fleeCase)},
		{[]string{"validate", scenario, "--set", "days=61"}, "--set days=61: days: 61 days, but the Flee case"},
	}
	for _, tt := range refused {
		args := append(tt.args, "--data", fleeCase, "--reps", "1", "--formats", "", "--out", out)
		status, _, stderr := runCLI(t, args...)
		if status != 2 || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: status %d, stderr %q; want status 2 and one line with %q", tt.args, status, stderr, tt.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("%v wrote %s", tt.args, out)
		}
	}
	const partial = "Only the first 40 of the case's 60 days (sim_period.csv's Length) are compared"
	status, stdout, stderr := runCLI(t, "validate", scenario, "--data", fleeCase, "--days", "40", "--reps", "1", "--formats", "", "--out", out)
	if status != 0 || !strings.Contains(stdout, partial) {
		t.Errorf("validate --days 40: status %d, stdout %q, stderr %q; want it to say %q", status, stdout, stderr, partial)
	}
	var asJSON struct {
		Days     *int `json:"days"`
		CaseDays *int `json:"case_days"`
	}
	status, stdout, _ = runCLI(t, "validate", scenario, "--data", fleeCase, "--days", "40", "--reps", "1", "--formats", "", "--json", "--quiet", "--out", filepath.Join(t.TempDir(), "j"))
	if err := json.Unmarshal([]byte(stdout), &asJSON); status != 0 || err != nil || asJSON.Days == nil || *asJSON.Days != 40 || asJSON.CaseDays == nil || *asJSON.CaseDays != 60 {
		t.Errorf("validate --days 40 --json: status %d, %v, %s; want days 40 and case_days 60", status, err, stdout)
	}
	report, _ := os.ReadFile(filepath.Join(out, "report.md"))
	if !strings.Contains(string(report), "- 40 days, day 0 being 2020-01-01: only the first 40 of the Flee case's 60 (sim_period.csv's Length) are compared") {
		t.Errorf("report.md of --days 40 does not say that only the first 40 days are compared:\n%s", report)
	}
	whole := filepath.Join(t.TempDir(), "w")
	status, stdout, _ = runCLI(t, "validate", scenario, "--data", fleeCase, "--reps", "1", "--formats", "", "--out", whole)
	report, _ = os.ReadFile(filepath.Join(whole, "report.md"))
	manifest, _ := os.ReadFile(filepath.Join(whole, "manifest.json"))
	if status != 0 || strings.Contains(stdout, "Only the first") || strings.Contains(string(report), "only the first") || strings.Contains(string(manifest), "case_days") {
		t.Errorf("validate over the case's whole period: status %d; it says it compares only the first days, or records case_days:\n%s", status, stdout)
	}
}
