package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/output"
)

// refusedBy fails unless the command exits with status 2, prints nothing
// on stdout and says want on stderr.
func refusedBy(t *testing.T, what, want string, args ...string) {
	t.Helper()
	status, stdout, stderr := runCLI(t, args...)
	if status != exitUsage || stdout != "" || !strings.Contains(stderr, want) {
		t.Errorf("%s: %s: status %d, stdout %q, stderr %q; want %d, nothing, and %q", what, args[0], status, stdout, stderr, exitUsage, want)
	}
}

// TestValidateDataLinks: a data folder reached through a symbolic link,
// or holding linked files (git-annex's, DVC's, a shared copy's), is
// recorded by what the links lead to, so that a change to a linked file
// is refused by reproduce (status 2), not reported as results that
// differ. A dangling link and a link back up the folder are refused by
// validate, naming them.
func TestValidateDataLinks(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	tmp := t.TempDir()
	real := filepath.Join(tmp, "real")
	copyFolder(t, fleeCase, real)
	// One file of the case lives elsewhere, linked in.
	locations := filepath.Join(real, "input_csv", "locations.csv")
	shared := filepath.Join(tmp, "shared-locations.csv")
	if err := os.Rename(locations, shared); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(shared, locations); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(tmp, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	scenario := filepath.Join(tmp, "tiny.toml")
	mustRun(t, "import", "flee", "--out", scenario, fleeCase)
	out := filepath.Join(tmp, "v")
	mustRun(t, "validate", scenario, "--data", link, "--reps", "2", "--formats", "png", "--quiet", "--out", out)
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	var in struct {
		DataFiles []struct{ File string } `json:"data_files"`
	}
	if err := json.Unmarshal(m.Validate, &in); err != nil {
		t.Fatal(err)
	}
	var recorded []string
	for _, f := range in.DataFiles {
		recorded = append(recorded, f.File)
	}
	if !strings.Contains(strings.Join(recorded, ","), "input_csv/locations.csv") {
		t.Errorf("data_files %v; want them to hold the linked input_csv/locations.csv", recorded)
	}
	if status, stdout, stderr := runCLI(t, "reproduce", "--quiet", out); status != 0 {
		t.Fatalf("reproduce: status %d\n%s%s", status, stdout, stderr)
	}
	b, _ := os.ReadFile(shared)
	os.WriteFile(shared, append(b, '\n'), 0o644)
	refusedBy(t, "a linked file changed", filepath.Join(link, "input_csv", "locations.csv")+" has changed", "reproduce", "--quiet", out)
	os.WriteFile(shared, b, 0o644)

	for _, tc := range []struct {
		name, target, want string
	}{
		{"dangling", filepath.Join(tmp, "gone.csv"), "a symbolic link to " + filepath.Join(tmp, "gone.csv") + ", which is not there"},
		{"loop", real, "a symbolic link leads to a folder already read as " + link},
	} {
		at := filepath.Join(real, "input_csv", tc.name)
		if err := os.Symlink(tc.target, at); err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(tmp, "refused-"+tc.name)
		refusedBy(t, tc.name, "--data: "+filepath.Join(link, "input_csv", tc.name)+": "+tc.want, "validate", scenario, "--data", link, "--reps", "2", "--quiet", "--out", dir)
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%s: validate wrote %s", tc.name, dir)
		}
		os.Remove(at)
	}
}

// TestValidateOutInData: validate run in its data folder (--data .,
// the default --out below it) writes a folder that reproduces, and again
// after a second run over it: output folders under the data folder are
// results, not data. --out the data folder itself is refused.
func TestValidateOutInData(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	data := filepath.Join(tmp, "case")
	copyFolder(t, fleeCase, data)
	scenario := filepath.Join(tmp, "tiny.toml")
	mustRun(t, "import", "flee", "--out", scenario, fleeCase)
	out := filepath.Join(data, "out", "v")
	validate := func(extra ...string) {
		t.Helper()
		mustRun(t, append([]string{"validate", scenario, "--data", data, "--reps", "2", "--formats", "png", "--quiet", "--out", out}, extra...)...)
	}
	validate()
	if status, stdout, stderr := runCLI(t, "reproduce", "--quiet", out); status != 0 {
		t.Fatalf("reproduce of a folder in its data: status %d\n%s%s", status, stdout, stderr)
	}
	validate("--force", "--seed", "2")
	if status, stdout, stderr := runCLI(t, "reproduce", "--quiet", out); status != 0 {
		t.Fatalf("reproduce of a folder written again in its data: status %d\n%s%s", status, stdout, stderr)
	}
	refusedBy(t, "--out the data folder", "is the data folder", "validate", scenario, "--data", data, "--reps", "2", "--quiet", "--force", "--out", data)
	if _, err := os.Stat(filepath.Join(data, "manifest.json")); err == nil {
		t.Error("validate wrote into the data folder")
	}
	// A folder of the data holding data: the results would mix with it,
	// and the data would then be left out as an output folder's.
	inputs := filepath.Join(data, "input_csv")
	before := files(t, inputs)
	refusedBy(t, "--out a folder of data", "holding files borderwork did not write", "validate", scenario, "--data", data, "--reps", "2", "--quiet", "--force", "--out", inputs)
	if after := files(t, inputs); strings.Join(after, ",") != strings.Join(before, ",") {
		t.Errorf("validate wrote into %s: %v", inputs, after)
	}
	// A pipe named manifest.json makes no output folder, and reading it
	// would wait for a writer for ever.
	sub := filepath.Join(data, "sub")
	os.Mkdir(sub, 0o755)
	if err := mkfifo(filepath.Join(sub, "manifest.json")); err == nil {
		validate("--force")
	} else if runtime.GOOS != "windows" && runtime.GOOS != "js" {
		t.Fatal(err)
	}
	os.RemoveAll(sub)
	// One folder reached twice through links: its files would count twice.
	if err := os.Symlink(inputs, filepath.Join(data, "again")); err != nil {
		if runtime.GOOS == "windows" {
			t.Skip("symbolic links need privileges on Windows")
		}
		t.Fatal(err)
	}
	refusedBy(t, "a folder reached twice", "a symbolic link leads to a folder already read as", "validate", scenario, "--data", data, "--reps", "2", "--quiet", "--out", filepath.Join(tmp, "twice"))
}

// TestReproduceRefusesValidateValues: a validate section edited by hand
// to values validate itself refuses, or that cannot be the data it ran
// on, is refused by reproduce (status 2) naming the key, before anything
// reruns; those plot reads are refused by plot too.
func TestReproduceRefusesValidateValues(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	flows := filepath.Join(tmp, "flows")
	mustRun(t, smallFlowValidation(flows, "--quiet")...)
	kinds := validateKinds(t)
	flee := filepath.Join(tmp, "flee")
	mustRun(t, kinds[0].args(flee)...)
	for _, tc := range []struct {
		name, folder string
		edit         func(m, v map[string]any)
		want         string
		plotToo      bool
	}{
		{"draws", flows, func(m, v map[string]any) { v["draws"] = 5_000_000 }, "validate.draws is 5000000; validate takes 2..1000000", true},
		{"accept", flows, func(m, v map[string]any) { v["accept"] = 50 }, "validate.accept is 50; validate takes 1..validate.draws (8)", true},
		{"reps", flows, func(m, v map[string]any) { m["reps"] = 0 }, "reps is 0", true},
		{"reps of a Flee case", flee, func(m, v map[string]any) { m["reps"] = 2_000_000 }, "reps is 2000000; validate takes 1..1000000 replicates", true},
		{"mmp a folder", flows, func(m, v map[string]any) { v["mmp"], v["mmp_sha256"] = tmp, "0" }, "validate.mmp: " + tmp + " is not a file", false},
		{"mmp without checksum", flows, func(m, v map[string]any) { v["mmp"] = "mmp.csv" }, "validate.mmp names mmp.csv, but validate.mmp_sha256 is empty", true},
		{"data empty", flee, func(m, v map[string]any) { v["data"] = "" }, "validate.data is empty", true},
		{"data a file", flee, func(m, v map[string]any) { v["data"] = filepath.Join(flee, "manifest.json") }, "validate.data: " + filepath.Join(flee, "manifest.json") + " is a file, not the data folder", false},
		{"data_kind swapped", flee, func(m, v map[string]any) { v["data_kind"] = "flows" }, `validate.data_kind is "flows", but the folder's tables do not include rows.csv`, true},
		{"data_kind swapped back", flows, func(m, v map[string]any) { v["data_kind"] = "flee" }, `validate.data_kind is "flee", but the folder's tables do not include validation.csv`, true},
		{"flow values on a Flee case", flee, func(m, v map[string]any) { v["draws"] = 8 }, "validate.draws, validate.accept and validate.mmp are for flow counts", true},
		{"a file twice", flee, func(m, v map[string]any) {
			files := v["data_files"].([]any)
			v["data_files"] = append(files, files[0])
		}, "validate.data_files lists ", true},
		{"no files", flee, func(m, v map[string]any) { v["data_files"] = nil }, "validate.data_files lists no files", false},
		{"null", flee, func(m, v map[string]any) { m["validate"] = nil }, "validate is null", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "v")
			copyFolder(t, tc.folder, dir)
			manifestedit.Edit(t, dir, func(m map[string]any) { tc.edit(m, m["validate"].(map[string]any)) })
			p := filepath.Join(dir, "manifest.json")
			refusedBy(t, tc.name, p+": "+tc.want, "reproduce", "--quiet", dir)
			if tc.plotToo {
				refusedBy(t, tc.name, p+": "+tc.want, "plot", dir)
			}
		})
	}
}

// TestReproduceRefusesNoReplicates: a folder whose manifest records no
// replicates is refused (status 2), naming the key, not rerun to fail.
func TestReproduceRefusesNoReplicates(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "r")
	mustRun(t, "run", "classroom", "--reps", "2", "--days", "10", "--formats", "png", "--quiet", "--out", dir)
	manifestedit.Edit(t, dir, func(m map[string]any) { m["reps"] = 0 })
	p := filepath.Join(dir, "manifest.json")
	refusedBy(t, "reps 0", p+": reps is 0; every folder records at least 1 replicate", "reproduce", "--quiet", dir)
}

// TestValidateSummaryCounts: the summary's first line counts replicates
// and days in words that agree with the number ("1 replicate").
func TestValidateSummaryCounts(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	scenario := filepath.Join(tmp, "tiny.toml")
	mustRun(t, "import", "flee", "--out", scenario, fleeCase)
	status, stdout, stderr := runCLI(t, "validate", scenario, "--data", fleeCase, "--reps", "1", "--days", "1", "--formats", "png", "--quiet", "--out", filepath.Join(tmp, "v"))
	if want := ": regime open, 1 replicate, seed 1, 1 day.\n"; status != 0 || !strings.Contains(stdout, want) {
		t.Errorf("validate: status %d, stdout %q, stderr %q; want 0 and %q", status, stdout, stderr, want)
	}
}

// TestArgumentsNotUTF8: an argument that is not UTF-8 text is refused
// (status 2, nothing written) by every command: the command line is
// recorded as text, where the bytes would come back as another name.
func TestArgumentsNotUTF8(t *testing.T) {
	t.Parallel()
	bad := "c l\xff.toml"
	out := filepath.Join(t.TempDir(), "o")
	for _, args := range [][]string{
		{"run", bad, "--out", out},
		{"check", bad},
		{"sweep", "classroom", "--vary", "days=\xff", "--out", out},
		{"run", "classroom", "--set", "title=\xff", "--out", out},
		{"validate", "classroom", "--data", bad, "--out", out},
		{"run", "classroom", "--out", out + "\xff"},
	} {
		refusedBy(t, strings.Join(args, " "), `holds bytes that are not UTF-8 text`, args...)
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%q wrote %s", args, out)
		}
	}
}

// TestScenarioStartingWithDash: a scenario file whose name starts with
// "-" (given after --) is recorded as ./-NAME, which a shell passes as
// the file, not a flag: the recorded line, run again, writes the same
// folder.
func TestScenarioStartingWithDash(t *testing.T) {
	tmp := t.TempDir()
	b, err := os.ReadFile("../../scenarios/classroom.toml")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(tmp)
	os.WriteFile("-x.toml", b, 0o644)
	mustRun(t, "run", "--reps", "1", "--days", "5", "--formats", "", "--quiet", "--out", "a", "--", "-x.toml")
	m, err := output.ReadManifest("a")
	if err != nil {
		t.Fatal(err)
	}
	words := experiment.ShellWords(m.CommandLine)
	if len(words) < 3 || words[2] != "./-x.toml" || m.ScenarioArg != "./-x.toml" {
		t.Fatalf("command_line %q, scenario_arg %q; want the scenario as ./-x.toml", m.CommandLine, m.ScenarioArg)
	}
	before := foldertest.Files(t, "a")
	mustRun(t, append(words[1:], "--quiet", "--out", "b")...)
	foldertest.Same(t, "the recorded line run again", "b", before)
}
