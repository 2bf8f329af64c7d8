package claim_test

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/claim"
	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestReportSaysWhenTheCapBinds: when --max-reps stops the runs before
// every contrast reaches the target precision, the manifest records the
// replicates the target needs (reps_needed, uncapped), and report.md and
// the terminal's note say for how many contrasts it was not reached and
// how many the widest would need; when it is reached, they do not. The
// need is checked against effects.csv of a check run no further than
// its pilot, whose standard deviations are the pilot's.
func TestReportSaysWhenTheCapBinds(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = 3, 40
	for _, tt := range []struct {
		name      string
		precision float64
		maxReps   int
		reached   bool
	}{
		{"cap binds", 0.5, 3, false},
		{"target reached", 1000, 6, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := claim.DefaultOptions()
			o.Precision, o.MaxReps = tt.precision, tt.maxReps
			dir := filepath.Join(t.TempDir(), "claim")
			res, err := claim.Check(context.Background(), s, "classroom", o, dir, 2, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			m, err := output.ReadManifest(dir)
			if err != nil {
				t.Fatal(err)
			}
			info, err := claim.ReadInfo(m)
			if err != nil {
				t.Fatal(err)
			}
			// From effects.csv: the pilot's sd and δ of every contrast
			// but the second reading's (at protection none), which do not
			// set the replicates: their needs are said apart.
			want, short, n := info.Pilot, 0, 0
			secondShort, secondN, secondMost := 0, 0, 0
			for _, row := range readCSV(t, filepath.Join(dir, "effects.csv")) {
				sd, _ := strconv.ParseFloat(row["sd"], 64)
				sesoi, _ := strconv.ParseFloat(row["sesoi"], 64)
				need := claim.RequiredReps(sd, sesoi, tt.precision, info.Pilot)
				if claim.IsAtNone(row["effect"]) {
					secondN++
					secondMost = max(secondMost, need)
					if need > info.Reps {
						secondShort++
					}
					continue
				}
				want = max(want, need)
				if need > info.Reps {
					short++
				}
				n++
			}
			if secondN != 4*len(claim.Harms()) {
				t.Errorf("effects.csv has %d contrasts of the second reading; want 4 per harm", secondN)
			}
			if tt.reached {
				want = info.Reps // the check ran past its pilot, where sd is not the pilot's
			}
			if info.RepsNeeded != want || (want > tt.maxReps) == tt.reached {
				t.Fatalf("reps_needed %d; want %d (effects.csv), more than max_reps %d: %v", info.RepsNeeded, want, tt.maxReps, !tt.reached)
			}
			report, err := os.ReadFile(filepath.Join(dir, "report.md"))
			if err != nil {
				t.Fatal(err)
			}
			note := claim.CapNote(res.Needs, res.Reps, res.MaxReps, res.Pilot)
			says := fmt.Sprintf("was **not reached** for %d of %d contrasts at the cap of %d replicates; the widest would need about %s", short, n, tt.maxReps, words.Whole(int64(want)))
			header := "then up to the cap of " + strconv.Itoa(tt.maxReps) + ", which stopped the runs before every interval reached the target width"
			if tt.reached {
				says, header = "enough by the pilot's spread for every 95% interval at most", "then as many as every interval needed for the target width"
				if note != "" {
					t.Errorf("the terminal's note %q; want none", note)
				}
			} else if w := fmt.Sprintf("not reached for %d of %d contrasts at the cap of %d replicates (--max-reps); the widest would need about %s", short, n, tt.maxReps, words.Whole(int64(want))); !strings.Contains(note, w) {
				t.Errorf("the terminal's note %q; want it to say %q", note, w)
			}
			for _, w := range []string{says, header} {
				if !strings.Contains(string(report), w) {
					t.Errorf("report.md does not say %q:\n%s", w, report)
				}
			}
			second := claim.SecondNote(res.Needs, res.Reps)
			if w := fmt.Sprintf("miss the target precision at %d replicates for %d of %d contrasts; the widest would need about %s", info.Reps, secondShort, secondN, words.Whole(int64(secondMost))); (secondShort > 0) != strings.Contains(second, w) ||
				!strings.Contains(string(report), second) {
				t.Errorf("the second reading's note %q; want it to say %q when %d of its contrasts miss the target, and report.md to say it", second, w, secondShort)
			}
		})
	}
}

// TestRepsNeededRecorded: a claim section without reps_needed (a folder
// written before it was recorded) is read, and its report written again
// as with it (the needs are the pilot's, found again); one edited by
// hand is refused, naming the key.
func TestRepsNeededRecorded(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = 3, 40
	o := claim.DefaultOptions()
	o.MaxReps = 3
	src := filepath.Join(t.TempDir(), "claim")
	if _, err := claim.Check(context.Background(), s, "classroom", o, src, 2, nil, nil); err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(src)
	if err != nil {
		t.Fatal(err)
	}
	info, err := claim.ReadInfo(m)
	if err != nil {
		t.Fatal(err)
	}
	k, _ := experiment.KindOf("claim")
	// The report plot writes of the folder as the check left it.
	report, err := k.Rereport(context.Background(), src, m, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		set  any // nil: delete the key
		want string
	}{
		{"absent", nil, ""},
		{"edited", info.RepsNeeded + 1, fmt.Sprintf("claim.reps_needed: %d, but the pilot's runs (the first 3 replicates in summary.csv) give %d", info.RepsNeeded+1, info.RepsNeeded)},
		{"below the pilot", 2, "claim.reps_needed: (2) must be at least pilot_reps (3)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "claim")
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			manifestedit.Edit(t, dir, func(m map[string]any) {
				c := m["claim"].(map[string]any)
				if tt.set == nil {
					delete(c, "reps_needed")
				} else {
					c["reps_needed"] = tt.set
				}
			})
			if tt.want != "" {
				_, err := experiment.Redraw(dir, nil, experiment.FigureChange{})
				if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("Redraw = %v; want a bad-input error saying %q", err, tt.want)
				}
				return
			}
			// What plot checks, then what it writes as report.md.
			m, err := output.ReadManifest(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := k.Recorded(context.Background(), dir, m); err != nil {
				t.Fatalf("a claim section without reps_needed is refused: %v", err)
			}
			again, err := k.Rereport(context.Background(), dir, m, nil)
			if err != nil {
				t.Fatal(err)
			}
			if string(again) != string(report) || !strings.Contains(string(again), "**not reached**") {
				t.Errorf("report.md written again without reps_needed differs from the one with it, or does not say the cap bound:\n%s\n\nwith it:\n%s", again, report)
			}
		})
	}
}

func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rec, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rec) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	var rows []map[string]string
	for _, r := range rec[1:] {
		row := map[string]string{}
		for i, h := range rec[0] {
			row[h] = r[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// TestEffectsNeedColumn: effects.csv gives each contrast's need of
// replicates (reps_needed), the largest of which is the manifest's; a
// folder written before the column, whose effects.csv lacks it, still
// reproduces, with a warning naming it, and its effects are read.
func TestEffectsNeedColumn(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = 3, 30
	o := claim.DefaultOptions()
	o.MaxReps = 4
	dir := filepath.Join(t.TempDir(), "claim")
	res, err := claim.Check(context.Background(), s, "classroom", o, dir, 2, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	info, err := claim.ReadInfo(m)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "effects.csv")
	header, rows := foldertest.ReadCSV(t, path)
	col := slices.Index(header, "reps_needed")
	if col < 0 || len(rows) != len(res.Needs) {
		t.Fatalf("effects.csv: header %v, %d rows; want a reps_needed column and a row per contrast (%d)", header, len(rows), len(res.Needs))
	}
	// The second reading's contrasts (at protection none) have their
	// needs too, but do not set the replicates: the manifest's is the
	// largest of the others'.
	most, second := info.Pilot, 0
	for i, r := range rows {
		n, err := strconv.Atoi(r[col])
		if err != nil || n != res.Needs[i].Reps || r[0] != res.Needs[i].Effect || r[3] != res.Needs[i].Harm || res.Needs[i].AtNone != claim.IsAtNone(r[0]) {
			t.Errorf("effects.csv row %d: %s on %s needs %q; want %d (%s on %s)", i+2, r[0], r[3], r[col], res.Needs[i].Reps, res.Needs[i].Effect, res.Needs[i].Harm)
		}
		if claim.IsAtNone(r[0]) {
			second++
			continue
		}
		most = max(most, n)
	}
	if most != info.RepsNeeded || second != 4*len(claim.Harms()) {
		t.Errorf("the largest reps_needed of effects.csv, but the second reading's (%d rows), is %d; the manifest's %d", second, most, info.RepsNeeded)
	}

	// As a folder written before the column.
	foldertest.DropColumn(t, dir, "effects.csv", col)
	if _, err := claim.ReadEffects(path); err != nil {
		t.Errorf("effects.csv without reps_needed: %v", err)
	}
	rep, err := experiment.Reproduce(context.Background(), dir, 2)
	if err != nil || len(rep.Problems) > 0 || !strings.Contains(strings.Join(rep.Warnings, "\n"), "effects.csv has no reps_needed column") {
		t.Errorf("Reproduce of a folder without the reps_needed column = %+v, %v; want it reproduced, with a warning naming the column", rep, err)
	}
}
