package claim

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
)

// TestReproduceWideVerdictsOfOtherResults: reproduce accepts a
// verdicts.csv in the wide format of an earlier borderwork only when the
// rerun's verdicts, written in that format, are its bytes. A wide
// verdicts.csv whose verdict at open differs from the rerun's (the
// manifest recording its checksum, so that the folder is intact) is a
// mismatch, not "the rerun's holds the same results".
func TestReproduceWideVerdictsOfOtherResults(t *testing.T) {
	res := shortClassroomCheck(t)
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
	asWrittenBeforeClaimCSV(t, dir, wide)
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
