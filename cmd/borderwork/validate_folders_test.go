package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
)

// validateKinds are the two kinds of validate folder, each written by
// args(out, extra...) (a small validation), with a table to edit.
func validateKinds(t *testing.T) []struct {
	name  string
	args  func(out string, extra ...string) []string
	table string
} {
	scenario := filepath.Join(t.TempDir(), "tiny.toml")
	mustRun(t, "import", "flee", "--out", scenario, fleeCase)
	return []struct {
		name  string
		args  func(out string, extra ...string) []string
		table string
	}{
		{"flee", func(out string, extra ...string) []string {
			return append([]string{"validate", scenario, "--data", fleeCase, "--reps", "2", "--formats", "png,svg", "--quiet", "--out", out}, extra...)
		}, "validation.csv"},
		{"flows", func(out string, extra ...string) []string {
			return append(smallFlowValidation(out, "--formats", "png,svg", "--quiet"), extra...)
		}, "monthly.csv"},
	}
}

// copyFolder copies the folder at from to to.
func copyFolder(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}

// sameFigures fails unless the figures of folders a and b are the same
// files with the same bytes.
func sameFigures(t *testing.T, a, b, what string) {
	t.Helper()
	fa, fb := files(t, filepath.Join(a, "figures")), files(t, filepath.Join(b, "figures"))
	if strings.Join(fa, ",") != strings.Join(fb, ",") {
		t.Fatalf("%s: figures %v; want %v", what, fb, fa)
	}
	for _, f := range fa {
		x, _ := os.ReadFile(filepath.Join(a, "figures", f))
		y, _ := os.ReadFile(filepath.Join(b, "figures", f))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s: figures/%s is not the one validate drew", what, f)
		}
	}
}

// TestValidateFoldersPlotAndReproduce: a validate folder, against a Flee
// case or flow counts, is like every other output folder: plot draws
// its figures again from its tables, the same bytes validate drew, and
// at another --size and in other --formats the bytes validate draws with
// those flags, recorded in figure_options and the command line;
// reproduce reruns it from its manifest and the data folder it records,
// and reports MATCH, or a MISMATCH naming a table edited since.
func TestValidateFoldersPlotAndReproduce(t *testing.T) {
	t.Parallel()
	for _, kind := range validateKinds(t) {
		t.Run(kind.name, func(t *testing.T) {
			tmp := t.TempDir()
			out := filepath.Join(tmp, "v")
			mustRun(t, kind.args(out)...)
			manifest, _ := os.ReadFile(filepath.Join(out, "manifest.json"))

			// plot into a copy whose figures are gone: the same bytes.
			cp := filepath.Join(tmp, "copy")
			copyFolder(t, out, cp)
			os.RemoveAll(filepath.Join(cp, "figures"))
			if status, stdout, stderr := runCLI(t, "plot", cp); status != 0 || !strings.Contains(stdout, "Drew ") {
				t.Fatalf("plot: status %d\n%s%s", status, stdout, stderr)
			}
			sameFigures(t, out, cp, "plot")
			if m, _ := os.ReadFile(filepath.Join(cp, "manifest.json")); !bytes.Equal(m, manifest) {
				t.Error("plot changed manifest.json although it drew the same figures")
			}

			// plot --size single --formats png draws what validate draws
			// with those flags, and records them.
			single := filepath.Join(tmp, "single")
			mustRun(t, kind.args(single, "--size", "single", "--formats", "png")...)
			if status, stdout, stderr := runCLI(t, "plot", "--size", "single", "--formats", "png", cp); status != 0 {
				t.Fatalf("plot --size single: status %d\n%s%s", status, stdout, stderr)
			}
			sameFigures(t, single, cp, "plot --size single --formats png")
			m, err := output.ReadManifest(cp)
			if err != nil {
				t.Fatal(err)
			}
			if o := m.FigureOptions; o == nil || o.Size != "single" || strings.Join(o.Formats, ",") != "png" {
				t.Errorf("after plot --size single --formats png, figure_options %+v", o)
			}
			if !strings.HasSuffix(m.CommandLine, " --size single --formats png") {
				t.Errorf("after plot --size single --formats png, command_line %q", m.CommandLine)
			}
			// --bands is not validate's: its captions say what the bands are.
			if status, _, stderr := runCLI(t, "plot", "--bands", "ci", cp); status != exitUsage || !strings.Contains(stderr, "holds a validate folder") {
				t.Errorf("plot --bands: status %d, stderr %q; want %d and the folder's kind", status, stderr, exitUsage)
			}

			// report.md shows the figures (with flow counts it is one of
			// the tables; with a Flee case it also quotes the command
			// line): plot writes it again to show those it drew, as
			// validate writes it with those formats.
			svg := filepath.Join(tmp, "svg")
			copyFolder(t, out, svg)
			status, stdout, stderr := runCLI(t, "plot", "--formats", "svg", svg)
			if status != 0 {
				t.Fatalf("plot --formats svg: status %d\n%s%s", status, stdout, stderr)
			}
			report := filepath.Join(svg, "report.md")
			said := "Wrote " + report + " again to show them and the command that draws them.\n"
			if !strings.Contains(stdout, said) {
				t.Errorf("plot --formats svg printed %q; want %q", stdout, said)
			}
			validated := filepath.Join(tmp, "validated-svg")
			mustRun(t, kind.args(validated, "--formats", "svg")...)
			want, _ := os.ReadFile(filepath.Join(validated, "report.md"))
			figure := map[string]string{"flows": "(figures/flows-outgoing.svg)", "flee": "(figures/error.svg)"}[kind.name]
			if got, _ := os.ReadFile(report); len(want) == 0 || !bytes.Equal(got, want) || !bytes.Contains(got, []byte(figure)) {
				t.Errorf("report.md after plot --formats svg:\n%s\nwant validate's with --formats svg:\n%s", got, want)
			}

			// reproduce: the untouched folder and the redrawn copies match.
			for _, dir := range []string{out, cp, svg} {
				status, stdout, stderr := runCLI(t, "reproduce", "--quiet", dir)
				if status != 0 || !strings.Contains(stdout, "Reran: borderwork validate ") || !strings.Contains(stdout, "reproduced byte for byte") {
					t.Errorf("reproduce %s: status %d\n%s%s", dir, status, stdout, stderr)
				}
			}
			// An edited table is a mismatch, named with its first
			// differing row (it has no block digests to place it by).
			p := filepath.Join(out, kind.table)
			b, _ := os.ReadFile(p)
			lines := strings.Split(string(b), "\n")
			lines[2] = strings.Replace(lines[2], ",", ",9", 1)
			os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644)
			status, stdout, stderr = runCLI(t, "reproduce", "--quiet", out)
			if want := "MISMATCH " + kind.table + ":3: this row differs from what borderwork wrote (in the folder; the first differing row)\n"; status != exitFailure || !strings.Contains(stdout, want) {
				t.Errorf("reproduce of an edited %s: status %d\n%s%s; want %d and %q", kind.table, status, stdout, stderr, exitFailure, want)
			}
		})
	}
}

// TestReproduceValidateData: reproduce reruns a validation only from the
// data it ran on: a data folder changed, added to or moved since, and a
// folder written before validate recorded its data (no validate
// section), are refused (status 2), naming the file and the manifest's
// key, with nothing on stdout; plot, which needs no data, still draws
// the old folder.
func TestReproduceValidateData(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	data := filepath.Join(tmp, "the case") // a space: quoted in the command line
	copyFolder(t, fleeCase, data)
	scenario := filepath.Join(tmp, "tiny.toml")
	mustRun(t, "import", "flee", "--out", scenario, fleeCase)
	out := filepath.Join(tmp, "v")
	mustRun(t, "validate", scenario, "--data", data, "--reps", "2", "--formats", "png", "--quiet", "--out", out)
	// The command line quotes the path (in single quotes, as a POSIX shell
	// reads it), so that it reruns the folder, and plot, which checks the
	// validate section against it, draws it.
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.CommandLine, " --data '"+data+"' ") {
		t.Errorf("command_line does not quote --data %s: %s", data, m.CommandLine)
	}
	if status, stdout, stderr := runCLI(t, "plot", out); status != 0 {
		t.Errorf("plot: status %d\n%s%s", status, stdout, stderr)
	}

	refused := func(what string, want ...string) {
		t.Helper()
		status, stdout, stderr := runCLI(t, "reproduce", "--quiet", out)
		if status != exitUsage || stdout != "" {
			t.Errorf("%s: status %d, stdout %q; want %d and nothing", what, status, stdout, exitUsage)
		}
		for _, w := range want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr %q; want it to say %q", what, stderr, w)
			}
		}
	}
	locations := filepath.Join(data, "input_csv", "locations.csv")
	b, err := os.ReadFile(locations)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(locations, append(b, '\n'), 0o644)
	refused("a data file changed", filepath.Join(out, "manifest.json")+": validate.data_files", locations+" has changed")
	os.WriteFile(locations, b, 0o644)
	extra := filepath.Join(data, "notes.txt")
	if _, err := os.Stat(extra); err == nil {
		t.Fatalf("%s exists; the test adds it", extra)
	}
	os.WriteFile(extra, []byte("a note\n"), 0o644)
	refused("a data file added", "validate.data_files", extra+" was not in the data folder then")
	os.Remove(extra)
	// A hidden file (a file manager's) is no change of the data.
	os.WriteFile(filepath.Join(data, ".DS_Store"), []byte("x"), 0o644)
	if status, stdout, stderr := runCLI(t, "reproduce", "--quiet", out); status != 0 {
		t.Fatalf("reproduce with the data put back, beside a hidden file: status %d\n%s%s", status, stdout, stderr)
	}
	os.Rename(data, data+"-moved")
	refused("the data folder moved", "validate.data: the data folder "+data+", which "+out+" was validated against, is not there")
	os.Rename(data+"-moved", data)

	// A folder written before validate recorded its data.
	p := filepath.Join(out, "manifest.json")
	var raw map[string]json.RawMessage
	b, _ = os.ReadFile(p)
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	delete(raw, "validate")
	b, _ = json.Marshal(raw)
	os.WriteFile(p, b, 0o644)
	refused("no validate section", p+" has no validate section", "run it again: borderwork validate ")
	before := filepath.Join(tmp, "before")
	copyFolder(t, out, before)
	os.RemoveAll(filepath.Join(out, "figures"))
	if status, stdout, stderr := runCLI(t, "plot", out); status != 0 {
		t.Fatalf("plot of a folder without a validate section: status %d\n%s%s", status, stdout, stderr)
	}
	sameFigures(t, before, out, "plot of a folder without a validate section")
}

// TestPlotRefusesEditedValidateSection: a validate section edited by
// hand so that it no longer gives what the command line gives, or the
// kind of data the tables are of, is refused by plot (status 2), naming
// the key, with the folder unchanged.
func TestPlotRefusesEditedValidateSection(t *testing.T) {
	t.Parallel()
	kind := validateKinds(t)[0]
	out := filepath.Join(t.TempDir(), "v")
	mustRun(t, kind.args(out)...)
	p := filepath.Join(out, "manifest.json")
	orig, _ := os.ReadFile(p)
	for _, tc := range []struct {
		key   string
		value any
		want  string
	}{
		{"regime", "closed", `validate.regime is "closed", but command_line gives --regime "open"`},
		{"data", "elsewhere", `validate.data is "elsewhere", but command_line gives --data`},
		{"draws", 5, `validate.draws, validate.accept and validate.mmp are for flow counts, but validate.data_kind is flee`},
		{"data_kind", "flows", `validate.data_kind is "flows", but the folder's tables do not include rows.csv`},
		{"data_kind", "zzz", `validate.data_kind is "zzz"; want flee or flows`},
	} {
		t.Run(tc.key, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal(orig, &m); err != nil {
				t.Fatal(err)
			}
			m["validate"].(map[string]any)[tc.key] = tc.value
			b, _ := json.MarshalIndent(m, "", "  ")
			os.WriteFile(p, b, 0o644)
			defer os.WriteFile(p, orig, 0o644)
			before := files(t, filepath.Join(out, "figures"))
			status, stdout, stderr := runCLI(t, "plot", out)
			if status != exitUsage || stdout != "" || !strings.Contains(stderr, p+": "+tc.want) {
				t.Errorf("plot: status %d, stdout %q, stderr %q; want %d and %q", status, stdout, stderr, exitUsage, tc.want)
			}
			if after, _ := os.ReadFile(p); !bytes.Equal(after, b) || strings.Join(files(t, filepath.Join(out, "figures")), ",") != strings.Join(before, ",") {
				t.Error("plot changed the folder it refused")
			}
		})
	}
}

// TestReproduceValidateMMP: a validation given --mmp is rerun with the
// same export, which must be where it was and unchanged: changed or gone,
// reproduce refuses (status 2), naming the file and the key.
func TestReproduceValidateMMP(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	mmp := filepath.Join(tmp, "mmp.csv")
	invented := "Web ID,Reported Date,Total Dead and Missing,Location Description\n" +
		"1,2016-06-01,3,\"Near Dirkou, Niger\"\n"
	os.WriteFile(mmp, []byte(invented), 0o644)
	out := filepath.Join(tmp, "v")
	mustRun(t, smallFlowValidation(out, "--mmp", mmp, "--quiet")...)
	if status, stdout, stderr := runCLI(t, "reproduce", "--quiet", out); status != 0 || !strings.Contains(stdout, "--mmp "+runs.ShellQuote(mmp)) {
		t.Fatalf("reproduce: status %d\n%s%s", status, stdout, stderr)
	}
	manifest := filepath.Join(out, "manifest.json")
	for _, tc := range []struct {
		name   string
		change func()
		want   string
	}{
		{"changed", func() { os.WriteFile(mmp, []byte(invented+"2,2016-09-01,5,\"Arlit, Niger\"\n"), 0o644) },
			manifest + ": validate.mmp_sha256: the Missing Migrants Project export " + mmp + " has changed since " + out + " was written"},
		{"gone", func() { os.Remove(mmp) },
			manifest + ": validate.mmp: the Missing Migrants Project export " + mmp + " is not there"},
	} {
		tc.change()
		status, stdout, stderr := runCLI(t, "reproduce", "--quiet", out)
		if status != exitUsage || stdout != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: status %d, stdout %q, stderr %q; want %d and %q", tc.name, status, stdout, stderr, exitUsage, tc.want)
		}
	}
}
