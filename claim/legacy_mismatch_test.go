package claim

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestReproduceWideVerdictsOfOtherResults: reproduce accepts a
// verdicts.csv in the wide format of an earlier borderwork only when the
// rerun's verdicts, written in that format, are its bytes. A wide
// verdicts.csv whose verdict at open differs from the rerun's (the
// manifest recording its checksum, so that the folder is intact) is a
// mismatch, not "the rerun's holds the same results".
func TestReproduceWideVerdictsOfOtherResults(t *testing.T) {
	sc, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	sc.File.Replicates, sc.File.Days = 3, 60
	o := DefaultOptions()
	o.MaxReps = 3
	res, err := Check(context.Background(), sc, "classroom", o, filepath.Join(t.TempDir(), "out"), 2, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := res.Dir
	other := slices.Clone(res.Claim)
	other[0].AtOpen = Harmful
	if res.Claim[0].AtOpen == Harmful {
		other[0].AtOpen = Protective
	}
	wide := wideVerdicts(other)
	if err := os.WriteFile(filepath.Join(dir, "verdicts.csv"), wide, 0o644); err != nil {
		t.Fatal(err)
	}
	// The manifest as that borderwork wrote it: verdicts.csv's checksum,
	// no claim.csv; edited as bytes, the rest as written.
	path := filepath.Join(dir, "manifest.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range m.Tables {
		switch c.File {
		case "verdicts.csv":
			b = bytes.Replace(b, []byte(c.SHA256), []byte(output.SHA256(wide)), 1)
		case "claim.csv":
			entry := fmt.Sprintf("    {\n      \"file\": \"claim.csv\",\n      \"sha256\": \"%s\"\n    },\n", c.SHA256)
			if !bytes.Contains(b, []byte(entry)) {
				t.Fatalf("manifest.json does not list claim.csv as %q", entry)
			}
			b = bytes.Replace(b, []byte(entry), nil, 1)
		}
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "claim.csv")); err != nil {
		t.Fatal(err)
	}
	rep, err := experiment.Reproduce(context.Background(), dir, 2)
	if err != nil {
		t.Fatal(err)
	}
	problems, warnings := strings.Join(rep.Problems, "\n"), strings.Join(rep.Warnings, "\n")
	if !strings.Contains(problems, "verdicts.csv") || !strings.Contains(problems, "differs when rerun") || len(rep.Problems) != 1 || strings.Contains(warnings, "verdicts.csv is in the format of an earlier borderwork") {
		t.Errorf("Reproduce of a wide verdicts.csv of other verdicts: problems %q, warnings %q; want verdicts.csv's mismatch, no word of it holding the same results", problems, warnings)
	}
}
