package experiment

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestSameWithoutLater checks which columns added since an earlier
// borderwork a folder's table may lack and still match its rerun: only
// those it lacks, a metric only where the rerun counts 0, and several at
// once.
func TestSameWithoutLater(t *testing.T) {
	const metric = "detained_person_days"
	if !slices.Contains(output.LaterMetrics, metric) {
		t.Fatalf("output.LaterMetrics = %v, without %s", output.LaterMetrics, metric)
	}
	tests := []struct {
		name, file, folder, rerun string
		same                      bool
		warnings                  []string // each warning's start
	}{
		{name: "a later column", file: "parameters.csv",
			folder: "key,low\na,1\n", rerun: "key,low,unit\na,1,days\n",
			same: true, warnings: []string{"parameters.csv has no unit column"}},
		{name: "a later column in another table is not later there", file: "other.csv",
			folder: "key,low\na,1\n", rerun: "key,low,unit\na,1,days\n"},
		{name: "the rest differs", file: "parameters.csv",
			folder: "key,low\na,2\n", rerun: "key,low,unit\na,1,days\n"},
		{name: "a column the folder has is compared", file: "parameters.csv",
			folder: "key,low,unit\na,1,hours\n", rerun: "key,low,unit\na,1,days\n"},
		{name: "a later metric's column, 0", file: "summary.csv",
			folder: "rep,abused\n0,3\n", rerun: "rep,abused," + metric + "\n0,3,0\n",
			same: true, warnings: []string{"summary.csv has no " + metric + ":"}},
		{name: "a later metric's column, not 0", file: "summary.csv",
			folder: "rep,abused\n0,3\n", rerun: "rep,abused," + metric + "\n0,3,2\n"},
		{name: "a later metric's rows, 0", file: "stats.csv",
			folder: "metric,mean\nabused,3\n", rerun: "metric,mean\nabused,3\n" + metric + ",0\n",
			same: true, warnings: []string{"stats.csv has no " + metric + ":"}},
		{name: "a later metric's rows, not 0", file: "stats.csv",
			folder: "metric,mean\nabused,3\n", rerun: "metric,mean\nabused,3\n" + metric + ",0.5\n"},
		{name: "a later column and a later metric's rows", file: "effects.csv",
			folder: "contrast,metric,mean\nc,abused,3\n", rerun: "contrast,metric,mean,reps_needed\nc,abused,3,4\nc," + metric + ",0,\n",
			same: true, warnings: []string{"effects.csv has no reps_needed column", "effects.csv has no " + metric + ":"}},
		{name: "nothing later missing", file: "stats.csv",
			folder: "metric,mean\nabused,3\n", rerun: "metric,mean\nabused,4\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			folder, rerun := filepath.Join(dir, "folder", tt.file), filepath.Join(dir, "rerun", tt.file)
			for path, text := range map[string]string{folder: tt.folder, rerun: tt.rerun} {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			missing, same, err := sameWithoutLater(folder, rerun, output.SHA256([]byte(tt.folder)))
			if err != nil || same != tt.same {
				t.Fatalf("sameWithoutLater = %v, %v, %v; want same %v", missing, same, err, tt.same)
			}
			if !same {
				return
			}
			warnings := laterWarnings(tt.file, missing)
			if len(warnings) != len(tt.warnings) {
				t.Fatalf("warnings %q, want %d starting %q", warnings, len(tt.warnings), tt.warnings)
			}
			for i, w := range warnings {
				if !strings.HasPrefix(w, tt.warnings[i]) {
					t.Errorf("warning %d = %q, want it to start %q", i, w, tt.warnings[i])
				}
			}
		})
	}
}
