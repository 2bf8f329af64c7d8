package experiment

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestRecordedFieldsWrittenDifferently: a manifest whose command line or
// section lacks (or has) only what this binary writes differently (a
// flag, a key), everything else equal, is said to be written differently
// by the borderwork that wrote it, not to contradict itself; a value that
// differs still is.
func TestRecordedFieldsWrittenDifferently(t *testing.T) {
	// robust is a claim section with robustness over two assumptions,
	// weak oversight's range lo to hi.
	robust := func(lo, hi, points string, samples int) string {
		return `{"max_reps":4,"robustness":{"samples":` + strconv.Itoa(samples) + `,"reps":2,"assumptions":[` +
			`{"id":"weak_oversight","label":"oversight","key":"factors.integrity.weak.oversight","lo":` + lo + `,"hi":` + hi + `},` +
			`{"id":"patrol","label":"patrols","key":"factors.enforcement.patrolled.patrol","lo":0,"hi":0.2}],"points":` + points + `}}`
	}
	const line = "borderwork claim classroom --seed 2018 --days 30 --reps 3 --max-reps 4"
	const section = `{"max_reps":4,"sesoi":0.1}`
	tests := []struct {
		name                  string
		recorded, rerun       string // command lines
		recordedSec, rerunSec string // claim sections
		want, notWant         string
	}{
		{"a flag this binary adds", line, line + " --chain-share 0.5", section, section,
			"manifest.json: command_line lacks --chain-share 0.5, which this binary writes for the same command", "does not agree"},
		{"flags this binary adds, inside", line, strings.Replace(line, " --days", " --chain-share 0.5 --by-location --days", 1), section, section,
			"command_line lacks --chain-share 0.5 --by-location, which this binary writes", "does not agree"},
		{"a flag this binary drops", line + " --old 1", line, section, section,
			"manifest.json: command_line has --old 1, which this binary does not write for the same command", "does not agree"},
		{"a value that differs", line, strings.Replace(line, "--days 30", "--days 20", 1), section, section,
			"manifest.json: command_line does not agree with the fields it records: ", "this binary"},
		{"keys this binary records", line, line, section, `{"max_reps":4,"sesoi":0.1,"sesoi_values":[0.1],"chain_share":0.5}`,
			"manifest.json: claim lacks chain_share and sesoi_values, which this binary records", "does not agree"},
		{"a key this binary drops", line, line, section, `{"max_reps":4}`,
			"manifest.json: claim has sesoi, which this binary does not record", "does not agree"},
		{"a key added, a value changed", line, line, section, `{"max_reps":5,"sesoi":0.1,"sesoi_values":[0.1]}`,
			"manifest.json: claim is", "this binary"},
		{"robustness ranges that differ", line, line, robust("0", "0.8", "[[0.1,0.5]]", 4), robust("0", "0.65", "[[0.08,0.5]]", 4),
			"manifest.json: claim.robustness.assumptions: written by a borderwork whose --robustness ranges differed: factors.integrity.weak.oversight 0 to 0.8 then, 0 to 0.65 now", "does not agree"},
		{"robustness ranges and samples that differ", line, line, robust("0", "0.8", "[[0.1,0.5]]", 4), robust("0", "0.65", "[[0.08,0.5]]", 5),
			"manifest.json: claim does not agree with the command line and scenario it records", "ranges differed"},
		{"robustness points alone that differ", line, line, robust("0", "0.8", "[[0.1,0.5]]", 4), robust("0", "0.8", "[[0.08,0.5]]", 4),
			"manifest.json: claim does not agree with the command line and scenario it records", "ranges differed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, rerun := output.NewManifest("claim"), output.NewManifest("claim")
			m.CommandLine, rerun.CommandLine = tt.recorded, tt.rerun
			m.Claim, rerun.Claim = json.RawMessage(tt.recordedSec), json.RawMessage(tt.rerunSec)
			problems := recordedFields(m, rerun)
			if len(problems) != 1 || !strings.Contains(problems[0], tt.want) || strings.Contains(problems[0], tt.notWant) {
				t.Errorf("problems %q; want one saying %q, not %q", problems, tt.want, tt.notWant)
			}
		})
	}
}
