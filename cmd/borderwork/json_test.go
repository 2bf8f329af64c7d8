package main

import (
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// oneJSONDocument decodes stdout, which must be one JSON object and
// nothing else (whitespace aside).
func oneJSONDocument(stdout string) (map[string]any, error) {
	dec := json.NewDecoder(strings.NewReader(stdout))
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("more than one JSON document, or text after it")
	}
	return doc, nil
}

// TestEveryJSONPathPrintsJSON: every command with --json prints one JSON
// document on standard output, and nothing else, on every path that
// succeeds: a whole run and a shard, a resumed folder, one already
// complete (whole or shard, resumed by the whole command or, for a sweep,
// from its folder alone), one complete beside another command's
// interrupted runs.
func TestEveryJSONPathPrintsJSON(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	noFigures := []string{"--formats", "", "--quiet", "--json"}
	sweep := func(out string, extra ...string) []string { return smallSweep(out, append(extra, noFigures...)...) }
	sens := func(out string, extra ...string) []string {
		return smallSensitivity(out, append(extra, noFigures...)...)
	}
	tests := []struct {
		name  string
		setup [][]string // commands run first, which must succeed
		cut   []string   // a command interrupted after 5 runs first
		args  []string
		key   string // a key the document has
	}{
		{name: "run", args: append([]string{"run", small, "--regime", "closed", "--reps", "2", "--days", "20", "--out", at("run")}, noFigures...), key: "groups"},
		{name: "compare", args: append([]string{"compare", small, "--reps", "2", "--days", "20", "--regimes", "open,closed", "--out", at("compare")}, noFigures...), key: "groups"},
		{name: "sweep", args: sweep(at("sweep")), key: "groups"},
		{name: "sweep shard", args: sweep(at("sweep-shard"), "--shard", "0/2"), key: "shard_runs"},
		{name: "sweep resumed", cut: sweep(at("sweep-cut")), args: sweep(at("sweep-cut"), "--resume"), key: "groups"},
		{name: "sweep resumed alone", cut: sweep(at("sweep-cut-alone")), args: []string{"sweep", "--resume", "--out", at("sweep-cut-alone"), "--json", "--quiet"}, key: "groups"},
		{name: "sweep complete", setup: [][]string{sweep(at("sweep-done"))}, args: sweep(at("sweep-done"), "--resume"), key: "groups"},
		{name: "sweep complete alone", setup: [][]string{sweep(at("sweep-done-alone"))}, args: []string{"sweep", "--resume", "--out", at("sweep-done-alone"), "--json"}, key: "groups"},
		{name: "sweep shard complete", setup: [][]string{sweep(at("sweep-shard-done"), "--shard", "1/2")}, args: sweep(at("sweep-shard-done"), "--shard", "1/2", "--resume"), key: "shard_runs"},
		{name: "sweep complete beside another's runs", setup: [][]string{sweep(at("sweep-other"))}, cut: sweep(at("sweep-other"), "--reps", "3"),
			args: sweep(at("sweep-other"), "--resume"), key: "groups"},
		{name: "sensitivity", args: sens(at("sens")), key: "outputs"},
		{name: "sensitivity shard", args: sens(at("sens-shard"), "--shard", "0/3"), key: "shard_runs"},
		{name: "sensitivity resumed", cut: sens(at("sens-cut")), args: sens(at("sens-cut"), "--resume"), key: "outputs"},
		{name: "sensitivity complete", setup: [][]string{sens(at("sens-done"))}, args: sens(at("sens-done"), "--resume"), key: "outputs"},
		{name: "sensitivity shard complete", setup: [][]string{sens(at("sens-shard-done"), "--shard", "2/3")}, args: sens(at("sens-shard-done"), "--shard", "2/3", "--resume"), key: "shard_runs"},
		{name: "claim", args: append([]string{"claim", small, "--days", "40", "--reps", "3", "--max-reps", "3", "--own", "none", "--out", at("claim")}, noFigures...), key: "effects"},
		{name: "programme", args: append([]string{"programme", toyProgramme, "--days", "120", "--reps", "3", "--programme", "equip", "--out", at("programme")}, noFigures...), key: "effects"},
		{name: "validate flows", args: smallFlowValidation(at("flows"), "--json", "--quiet"), key: "scenario"},
		{name: "validate flee", setup: [][]string{{"import", "flee", "--out", at("tiny.toml"), fleeCase}},
			args: append([]string{"validate", at("tiny.toml"), "--data", fleeCase, "--reps", "1", "--out", at("flee")}, noFigures...), key: "scenario"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, args := range tt.setup {
				if status, stdout, stderr := runCLI(t, args...); status != 0 {
					t.Fatalf("%s: status %d\n%s%s", strings.Join(args, " "), status, stdout, stderr)
				}
			}
			if tt.cut != nil {
				if status, _, stderr := runCLIInterrupted(t, 5, append(tt.cut, "--workers", "2")...); status != exitInterrupted {
					t.Fatalf("interrupted: status %d (%s)", status, stderr)
				}
			}
			status, stdout, stderr := runCLI(t, tt.args...)
			if status != 0 {
				t.Fatalf("status %d\n%s%s", status, stdout, stderr)
			}
			doc, err := oneJSONDocument(stdout)
			if err != nil {
				t.Fatalf("--json printed what is not one JSON document (%v):\n%s", err, stdout)
			}
			if _, ok := doc[tt.key]; !ok {
				t.Errorf("the JSON has no %q:\n%s", tt.key, stdout)
			}
			// Every command here simulates, or checks runs it simulated
			// before, so its JSON has performance (docs/CLI.md, --json):
			// validate with flow counts had none.
			if _, ok := doc["performance"]; !ok {
				t.Errorf("the JSON has no \"performance\":\n%s", stdout)
			}
		})
	}
}

// TestResumeCompleteJSON: --resume --json on a complete folder prints, on
// standard output, the JSON its command printed when it wrote the folder
// (performance aside, which is measured), and says on standard error that
// there was nothing to do.
func TestResumeCompleteJSON(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct {
		name   string
		write  []string
		resume []string
	}{
		{"sweep", smallSweep(filepath.Join(dir, "sweep"), "--formats", "", "--json"), smallSweep(filepath.Join(dir, "sweep"), "--json", "--resume")},
		{"sweep alone", smallSweep(filepath.Join(dir, "alone"), "--formats", "", "--json"), []string{"sweep", "--out", filepath.Join(dir, "alone"), "--json", "--resume"}},
		{"sweep shard", smallSweep(filepath.Join(dir, "shard"), "--shard", "1/2", "--json"), smallSweep(filepath.Join(dir, "shard"), "--shard", "1/2", "--json", "--resume")},
		{"sensitivity", smallSensitivity(filepath.Join(dir, "sens"), "--formats", "", "--json"), smallSensitivity(filepath.Join(dir, "sens"), "--json", "--resume")},
		{"sensitivity shard", smallSensitivity(filepath.Join(dir, "sens-shard"), "--shard", "1/3", "--json"), smallSensitivity(filepath.Join(dir, "sens-shard"), "--shard", "1/3", "--json", "--resume")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := oneJSONDocument(mustRun(t, tt.write...))
			if err != nil {
				t.Fatal(err)
			}
			status, stdout, stderr := runCLI(t, tt.resume...)
			if status != 0 {
				t.Fatalf("status %d\n%s%s", status, stdout, stderr)
			}
			got, err := oneJSONDocument(stdout)
			if err != nil {
				t.Fatalf("--resume --json on a complete folder printed no JSON (%v):\n%s", err, stdout)
			}
			if !strings.Contains(stderr, "already complete: nothing to do") {
				t.Errorf("standard error does not say there was nothing to do: %q", stderr)
			}
			delete(want, "performance")
			delete(got, "performance")
			if !reflect.DeepEqual(got, want) {
				w, _ := json.Marshal(want)
				g, _ := json.Marshal(got)
				t.Errorf("the complete folder's JSON differs from its command's:\n got %s\nwant %s", g, w)
			}
		})
	}
}

// TestMergeJSON: merge --json prints, on standard output, the JSON the
// unsharded command prints with --json (performance aside, which is
// measured), and what it merged on standard error.
func TestMergeJSON(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name   string
		whole  []string
		shards [][]string
	}{
		{"sweep", smallSweep(at("sweep"), "--formats", "", "--json"),
			[][]string{smallSweep(at("sweep-0"), "--shard", "0/2", "--formats", ""), smallSweep(at("sweep-1"), "--shard", "1/2", "--formats", "")}},
		{"sensitivity", smallSensitivity(at("sens"), "--formats", "", "--json"),
			[][]string{smallSensitivity(at("sens-0"), "--shard", "0/2", "--formats", ""), smallSensitivity(at("sens-1"), "--shard", "1/2", "--formats", "")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := oneJSONDocument(mustRun(t, tt.whole...))
			if err != nil {
				t.Fatal(err)
			}
			var folders []string
			for _, args := range tt.shards {
				mustRun(t, args...)
				folders = append(folders, args[slices.Index(args, "--out")+1])
			}
			merged := at(tt.name + "-merged")
			status, stdout, stderr := runCLI(t, append([]string{"merge", "--json", "--out", merged}, folders...)...)
			if status != 0 {
				t.Fatalf("merge --json: status %d\n%s%s", status, stdout, stderr)
			}
			got, err := oneJSONDocument(stdout)
			if err != nil {
				t.Fatalf("merge --json printed what is not one JSON document (%v):\n%s", err, stdout)
			}
			if _, ok := got["performance"]; !ok {
				t.Errorf("merge --json has no performance:\n%s", stdout)
			}
			delete(got, "performance")
			delete(want, "performance")
			if !reflect.DeepEqual(got, want) {
				t.Errorf("merge --json printed\n%v\nwant what the unsharded command printed\n%v", got, want)
			}
			if w := "borderwork merge: merged 2 shards, "; !strings.Contains(stderr, w) || !strings.Contains(stderr, "into "+merged+".\n") {
				t.Errorf("stderr %q; want it to say %q ... into %s", stderr, w, merged)
			}
		})
	}
}
