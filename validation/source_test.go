package validation

import (
	"encoding/json"
	"testing"

	"github.com/borderwork/borderwork/data"
	"github.com/borderwork/borderwork/output"
)

// TestFlowsSourceNamesNoPath: a flow figure's caption names the data
// folder by its own name, never by the path it was given as, which would
// print the author's folders in a published figure (it read "data: IOM
// DTM Niger (/work/main/data/dtm-niger)"); the manifest records the path
// and the files' checksums. The counts are IOM DTM Niger's only where
// flows.csv is the bundled one.
func TestFlowsSourceNamesNoPath(t *testing.T) {
	bundled := output.SHA256(data.FlowsCSV())
	for _, tc := range []struct {
		data, sha256, want string
	}{
		{"/work/main/data/dtm-niger", bundled, "IOM DTM Niger (dtm-niger)"},
		{"data/dtm-niger/", bundled, "IOM DTM Niger (dtm-niger)"},
		{"dtm-niger", bundled, "IOM DTM Niger (dtm-niger)"},
		{".", bundled, "IOM DTM Niger"},
		{"/home/someone/counts", "0123", "flows.csv in counts"},
		{"..", "0123", "flows.csv"},
		{"/", "0123", "flows.csv"},
	} {
		section, err := json.Marshal(Info{Data: tc.data, DataKind: FlowCounts, Draws: 2, Accept: 1,
			DataFiles: []DataFile{{File: "flows.csv", SHA256: tc.sha256}}})
		if err != nil {
			t.Fatal(err)
		}
		m := &output.Manifest{Command: "validate", Reps: 1, Validate: section, Tables: []output.Checked{{File: "rows.csv"}}}
		if got, err := flowsSource(t.TempDir(), m); got != tc.want || err != nil {
			t.Errorf("flowsSource(data %q) = %q, %v; want %q, nil", tc.data, got, err, tc.want)
		}
	}
	// A folder written before the validate section: the folder its
	// command line names.
	m := &output.Manifest{Command: "validate", CommandLine: "borderwork validate agadez2016 --data /home/someone/dtm-niger"}
	if got, err := flowsSource(t.TempDir(), m); got != "flows.csv in dtm-niger" || err != nil {
		t.Errorf("flowsSource(command line) = %q, %v; want %q, nil", got, err, "flows.csv in dtm-niger")
	}
}
