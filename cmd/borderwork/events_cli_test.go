package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestEvents: --events writes the event log of the replicates
// --events-reps chooses, says where, records them in the manifest's
// command line, and reproduce reruns it.
func TestEvents(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args    []string
		reps    []int
		command string
		says    string
	}{
		// The figure flags end the command line: --formats "" drew none.
		{[]string{"--events"}, []int{0}, `--events --formats ''`, "The events of replicate 0 under each regime are in "},
		{[]string{"--events-reps", "2,1"}, []int{1, 2}, `--events --events-reps 1-2 --formats ''`, "The events of replicates 1-2 under each regime are in "},
	} {
		out := filepath.Join(t.TempDir(), "out")
		status, stdout, stderr := runCLI(t, append([]string{"compare", small, "--reps", "3", "--days", "30", "--formats", "", "--out", out}, c.args...)...)
		if status != 0 {
			t.Fatalf("%v: status %d: %s", c.args, status, stderr)
		}
		if !strings.Contains(stdout, c.says+filepath.Join(out, output.EventsTable)) {
			t.Errorf("%v: stdout does not say where the events are:\n%s", c.args, stdout)
		}
		m, err := output.ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(m.Events, c.reps) || !strings.HasSuffix(m.CommandLine, " "+c.command) {
			t.Errorf("%v: manifest events %v, command line %q; want %v, ending %q", c.args, m.Events, m.CommandLine, c.reps, c.command)
		}
		if !slices.ContainsFunc(m.Tables, func(c output.Checked) bool { return c.File == output.EventsTable }) {
			t.Errorf("%v: the manifest does not check %s", c.args, output.EventsTable)
		}
		if status, _, stderr := runCLI(t, "reproduce", out); status != 0 {
			t.Errorf("%v: reproduce: status %d: %s", c.args, status, stderr)
		}
	}
	// --json names the replicates logged, so that a script knows the log
	// is there; --events=false with --events-reps contradicts itself.
	jsonOut := filepath.Join(t.TempDir(), "out")
	status, stdout, stderr := runCLI(t, "compare", small, "--reps", "3", "--days", "10", "--formats", "", "--out", jsonOut, "--events-reps", "1-2", "--json")
	var doc struct {
		EventReplicates []int `json:"event_replicates"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); status != 0 || err != nil || !slices.Equal(doc.EventReplicates, []int{1, 2}) {
		t.Errorf("compare --events-reps 1-2 --json: status %d, %v, event_replicates %v; want [1 2]\n%s", status, err, doc.EventReplicates, stderr)
	}
	contradicts := filepath.Join(t.TempDir(), "out")
	if status, _, stderr := runCLI(t, "compare", small, "--reps", "2", "--days", "10", "--out", contradicts, "--events=false", "--events-reps", "1"); status != exitUsage || !strings.Contains(stderr, "--events=false and --events-reps 1") {
		t.Errorf("--events=false --events-reps 1: status %d, %s; want %d and a word on both", status, stderr, exitUsage)
	}
	if _, err := os.Stat(contradicts); !os.IsNotExist(err) {
		t.Errorf("--events=false --events-reps 1 wrote %s", contradicts)
	}
	// run logs its one regime, and names it; without --events there is
	// no log.
	out := filepath.Join(t.TempDir(), "out")
	status, stdout, stderr = runCLI(t, "run", small, "--reps", "2", "--days", "20", "--formats", "", "--out", out, "--events", "--regime", "closed")
	if status != 0 {
		t.Fatalf("run --events: status %d: %s", status, stderr)
	}
	if want := "The events of replicate 0 under closed are in "; !strings.Contains(stdout, want) {
		t.Errorf("run --events says:\n%s\nwant %q", stdout, want)
	}
	if _, err := os.Stat(filepath.Join(out, output.EventsTable)); err != nil {
		t.Errorf("run --events: %v", err)
	}
	plain := smallCompare(t, "--formats", "")
	if _, err := os.Stat(filepath.Join(plain, output.EventsTable)); !os.IsNotExist(err) {
		t.Errorf("compare without --events wrote %s", output.EventsTable)
	}
}
