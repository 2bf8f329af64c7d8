package dtm

import (
	"bytes"
	"encoding/csv"
	"testing"
)

// TestScoresNameTheirModelRuns: scores.csv names the runs each model score
// comes from. The fitted rows are scored against the kept sets'
// calibration runs (rows.csv gives them as regime "calibration"), not
// against the regime that followed the change, which scores only the
// predicted rows; labelling both "model:closed" told a reader that the
// in-sample scores came from the closed runs.
func TestScoresNameTheirModelRuns(t *testing.T) {
	st := smallStudy(t, embedded(t), 2)
	var b bytes.Buffer
	if err := st.writeScores(&b); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"fitted": "model:calibration", "predicted": "model:" + st.Options.Regime}
	seen := map[string]bool{}
	for _, r := range recs[1:] {
		if r[2] == "baseline" {
			continue
		}
		seen[r[0]] = true
		if r[2] != want[r[0]] {
			t.Errorf("%s %s rows: predictor %q, want %q", r[0], r[1], r[2], want[r[0]])
		}
	}
	if !seen["fitted"] || !seen["predicted"] {
		t.Errorf("scores.csv has model scores of %v, want fitted and predicted rows", seen)
	}
}
