package experiment_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// readEvents reads a folder's event log: its header and its rows.
func readEvents(t *testing.T, dir string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, output.EventsTable))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(z).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[0], rows[1:]
}

// eventsPlan is a compare plan of the classroom scenario logging the
// events of replicates events.
func eventsPlan(t *testing.T, s *scenarios.Scenario, events []int) *experiment.Prepared {
	t.Helper()
	x, err := (&experiment.Plan{Command: "compare", Scenario: s, Arg: "classroom", Regimes: scenarios.BuiltinRegimes,
		Reps: s.File.Replicates, Events: events, Args: runs.RunArgs(false, events)}).Prepare()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// noRunLogs fails if a run's temporary event file is left in dir.
func noRunLogs(t *testing.T, dir string) {
	t.Helper()
	if left, _ := filepath.Glob(filepath.Join(dir, ".events-*")); len(left) > 0 {
		t.Errorf("temporary event files left behind: %v", left)
	}
}

// TestEventLogAgreesWithSummary: the event log of a folder holds, in run
// order, the runs of the replicates asked for, and each run's events add
// up to its totals in summary.csv.
func TestEventLogAgreesWithSummary(t *testing.T) {
	s := classroom(t, 3, 120)
	if err := s.Set("centres.Town.evacuation=0.2"); err != nil {
		t.Fatal(err)
	}
	x := eventsPlan(t, s, []int{0, 2})
	out := filepath.Join(t.TempDir(), "out")
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 3}); err != nil {
		t.Fatal(err)
	}
	noRunLogs(t, out)
	header, rows := readEvents(t, out)
	if !slices.Equal(header, output.EventsHeader(nil)) {
		t.Fatalf("header %v; want %v", header, output.EventsHeader(nil))
	}
	col := func(name string) int { return slices.Index(header, name) }
	_, summary, err := output.ReadSummary(filepath.Join(out, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	total := func(r output.SummaryRow, name string) int {
		i := slices.IndexFunc(output.Totals, func(c output.Total) bool { return c.Name == name })
		return int(r.Totals[i])
	}

	// Counts of each run's events, by kind (and detail, by).
	type key struct{ run, what string }
	count := map[key]int{}      // looked up only
	last := map[string]string{} // run/migrant -> state after its last event
	var runs []string
	lastDay := -1
	for _, r := range rows {
		run := r[col("run")]
		if len(runs) == 0 || runs[len(runs)-1] != run {
			if slices.Contains(runs, run) {
				t.Fatalf("the rows of run %s are not together", run)
			}
			runs, lastDay = append(runs, run), -1
		}
		day, _ := strconv.Atoi(r[col("day")])
		if day < lastDay {
			t.Fatalf("run %s: day %d after day %d", run, day, lastDay)
		}
		lastDay = day
		ev := r[col("event")]
		count[key{run, ev}]++
		count[key{run, ev + "/" + r[col("detail")]}]++
		count[key{run, ev + "/" + r[col("detail")] + "/" + r[col("by")]}]++
		last[run+"/"+r[col("migrant")]] = r[col("state")]
	}
	var want []string
	for _, r := range summary {
		if r.Run.Replicate == 0 || r.Run.Replicate == 2 {
			want = append(want, strconv.Itoa(r.Run.ID))
		}
	}
	if !slices.Equal(runs, want) {
		t.Fatalf("the log holds runs %v; want %v (replicates 0 and 2, in run order)", runs, want)
	}
	for k := range last {
		run, _, _ := strings.Cut(k, "/")
		count[key{run, "final " + last[k]}]++
	}
	for _, r := range summary {
		run := strconv.Itoa(r.Run.ID)
		if !slices.Contains(runs, run) {
			continue
		}
		n := func(what string) int { return count[key{run, what}] }
		for _, c := range []struct {
			events int
			total  string
		}{
			{n("created"), "created"},
			{n("died"), "deaths"},
			{n("arrived"), "arrivals"},
			{n("final arrived"), "arrivals"},
			{n("arrived/evacuated"), "evacuated"},
			{n("returned/free"), "returns_free"},
			{n("returned/assisted"), "returns_assisted"},
			{n("stayed"), "stayed"},
			{n("abused"), "abuse_events"},
			{n("abused/extortion/smuggler"), "extortion_by_smugglers"},
			{n("abused/extortion/official"), "extortion_by_officials"},
			{n("abused/violence/smuggler"), "violence_by_smugglers"},
			{n("abused/violence/official"), "violence_by_officials"},
			{n("abused/abandonment/smuggler"), "abandonment_by_smugglers"},
			{n("abused/kidnap/smuggler"), "kidnap_by_smugglers"},
			{n("departed/smuggler") + n("moved/smuggler"), "boarded"},
			{n("pushed_back"), "interceptions"},
			{n("referred"), "referrals"},
			{n("admitted"), "admitted"},
			{n("bribed"), "bribed"},
			{n("refused"), "refused"},
			{n("final trapped"), "still_trapped"},
			{n("final stranded"), "still_stranded"},
		} {
			if got := total(r, c.total); c.events != got {
				t.Errorf("run %s (%s, replicate %d): %d events give %s; summary.csv has %d", run, r.Run.Regime, r.Run.Replicate, c.events, c.total, got)
			}
		}
	}
	// Not a vacuous check: the runs did what the totals count.
	for _, what := range []string{"died", "abused", "refused", "arrived/evacuated", "pushed_back", "final trapped"} {
		sum := 0
		for _, run := range runs {
			sum += count[key{run, what}]
		}
		if sum == 0 {
			t.Errorf("no %s event in any run: the test checks nothing of it", what)
		}
	}
}

// TestEventLogWhateverWorkers: the log is the same bytes on one worker as
// on several.
func TestEventLogWhateverWorkers(t *testing.T) {
	s := classroom(t, 4, 60)
	var logs [][]byte
	for _, workers := range []int{1, 3} {
		out := filepath.Join(t.TempDir(), "out")
		if _, err := experiment.Write(context.Background(), eventsPlan(t, s, []int{0, 1, 3}), out, experiment.Options{Workers: workers}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(out, output.EventsTable))
		if err != nil {
			t.Fatal(err)
		}
		logs = append(logs, b)
	}
	if !bytes.Equal(logs[0], logs[1]) {
		t.Error("the event log differs between 1 and 3 workers")
	}
}

// TestEventLogInterrupted: an interrupted folder's log holds the rows of
// the runs it kept, whole, and no run's temporary file is left.
func TestEventLogInterrupted(t *testing.T) {
	s := classroom(t, 4, 60)
	x := eventsPlan(t, s, []int{0, 1, 2, 3})
	out := filepath.Join(t.TempDir(), "out")
	ctx, progress := interruptAfter(3)
	res, err := experiment.Write(ctx, x, out, experiment.Options{Workers: 2, Progress: progress})
	if !errors.Is(err, runs.ErrInterrupted) {
		t.Fatalf("Write = %v; want runs.ErrInterrupted", err)
	}
	noRunLogs(t, out)
	noLeftovers(t, out)
	// The log's checksums, taken as its runs were appended, are those of
	// the file: the folder is one borderwork may replace.
	if inv, err := output.Take(out); err != nil || len(inv.Changed)+len(inv.Foreign) > 0 {
		t.Errorf("the interrupted folder: %+v, %v; want every file as its manifest records it", inv, err)
	}
	_, rows := readEvents(t, out)
	var runs []string
	for _, r := range rows {
		if len(runs) == 0 || runs[len(runs)-1] != r[0] {
			runs = append(runs, r[0])
		}
	}
	var kept []string
	for _, r := range res.Rows {
		kept = append(kept, strconv.Itoa(r.Run.ID))
	}
	if len(kept) == 0 || len(kept) == x.NRuns() || !slices.Equal(runs, kept) {
		t.Errorf("the log holds runs %v; the folder keeps %v of %d", runs, kept, x.NRuns())
	}
}

// TestEventLogReproduced: reproduce reruns the log and finds a changed
// row; the checksums are of the table, so the same table compressed
// otherwise verifies.
func TestEventLogReproduced(t *testing.T) {
	s := classroom(t, 2, 40)
	out := filepath.Join(t.TempDir(), "out")
	if _, err := experiment.Write(context.Background(), eventsPlan(t, s, []int{1}), out, experiment.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	// The figure flags end the command line: no figures were drawn.
	if !slices.Equal(m.Events, []int{1}) || !strings.HasSuffix(m.CommandLine, `--events --events-reps 1 --formats ''`) {
		t.Fatalf("manifest: events %v, command line %q; want [1] and --events --events-reps 1 --formats ''", m.Events, m.CommandLine)
	}
	rep, err := experiment.Reproduce(context.Background(), out, 2)
	if err != nil || len(rep.Problems) > 0 {
		t.Fatalf("Reproduce = %+v, %v; want no problems", rep, err)
	}

	path := filepath.Join(out, output.EventsTable)
	rewrite := func(level int, edit func(string) string) {
		t.Helper()
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		table, err := io.ReadAll(z)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, level)
		w.Write([]byte(edit(string(table))))
		w.Close()
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rewrite(gzip.BestCompression, func(s string) string { return s })
	if rep, err := experiment.Reproduce(context.Background(), out, 2); err != nil || len(rep.Problems) > 0 {
		t.Errorf("the same table compressed otherwise: Reproduce = %+v, %v; want no problems", rep, err)
	}
	rewrite(gzip.BestSpeed, func(s string) string { return strings.Replace(s, ",arrived,", ",died,", 1) })
	rep, err = experiment.Reproduce(context.Background(), out, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) == 0 || !strings.Contains(rep.Problems[0], output.EventsTable+":") {
		t.Errorf("a changed row: problems %q; want the first to name the row of %s", rep.Problems, output.EventsTable)
	}
}

// TestEventLogBadReplicates: replicates out of range or out of order are
// bad input, refused before anything runs.
func TestEventLogBadReplicates(t *testing.T) {
	s := classroom(t, 3, 20)
	for _, events := range [][]int{{3}, {-1}, {1, 0}, {1, 1}} {
		_, err := (&experiment.Plan{Command: "compare", Scenario: s, Regimes: []string{"open"}, Reps: 3, Events: events}).Prepare()
		if !errors.Is(err, runs.ErrBadInput) {
			t.Errorf("Events %v: Prepare = %v; want an error matching runs.ErrBadInput", events, err)
		}
	}
}

func TestParseReplicates(t *testing.T) {
	for _, c := range []struct {
		in   string
		reps int
		want []int
		ok   bool
	}{
		{"0", 5, []int{0}, true},
		{"3,1", 5, []int{1, 3}, true},
		{"1-3,2", 5, []int{1, 2, 3}, true},
		{" all ", 3, []int{0, 1, 2}, true},
		{"5", 5, nil, false},
		{"2-1", 5, nil, false},
		{"x", 5, nil, false},
		{"1,", 5, nil, false},
		{"-1", 5, nil, false},
	} {
		got, err := runs.ParseReplicates(c.in, c.reps)
		if (err == nil) != c.ok || !slices.Equal(got, c.want) {
			t.Errorf("runs.ParseReplicates(%q, %d) = %v, %v; want %v, ok %v", c.in, c.reps, got, err, c.want, c.ok)
		}
		if c.ok {
			if back, _ := runs.ParseReplicates(runs.FormatReplicates(got), c.reps); !slices.Equal(back, got) {
				t.Errorf("runs.FormatReplicates(%v) = %q reads back as %v", got, runs.FormatReplicates(got), back)
			}
		}
	}
}
