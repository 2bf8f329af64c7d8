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
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestVerdictsJoinEffects: verdicts.csv is long, a row per harm and
// effect the claim rests on, as it is and at protection none (the second
// reading), named by effects.csv's IDs, so that every row joins
// effects.csv on (harm, effect) with the same verdict; the claim per harm
// is in claim.csv, both readings; both read back as the check's verdicts.
// A folder written before, its verdicts.csv wide and no claim.csv, is
// read back the same, and reproduce reproduces it, saying why it differs.
func TestVerdictsJoinEffects(t *testing.T) {
	res := shortClassroomCheck(t)
	dir := res.Dir
	verdict := map[[2]string]string{}
	for _, e := range foldertest.Records(t, filepath.Join(dir, "effects.csv")) {
		verdict[[2]string{e["harm"], e["effect"]}] = e["verdict"]
	}
	rows := foldertest.Records(t, filepath.Join(dir, "verdicts.csv"))
	if len(rows) != 8*len(res.Claim) || len(res.ClaimAtNone) != len(res.Claim) {
		t.Errorf("verdicts.csv has %d rows; want 8 per harm (4 of each reading), %d", len(rows), 8*len(res.Claim))
	}
	for i, r := range rows {
		if v, ok := verdict[[2]string{r["harm"], r["effect"]}]; !ok || v != r["verdict"] {
			t.Errorf("verdicts.csv row %d (%v) joins effects.csv's %q (%v); want the same verdict", i+2, r, v, ok)
		}
	}
	if claims := foldertest.Records(t, filepath.Join(dir, "claim.csv")); len(claims) != len(res.Claim) || claims[0]["harm"] != res.Claim[0].Harm || claims[0]["claim"] != res.Claim[0].Holds ||
		claims[0]["claim_protection_none"] != res.ClaimAtNone[0].Holds {
		t.Errorf("claim.csv = %v; want a row per harm with its claim, averaged over protection and without it", claims)
	}
	same := func(what string, wantNone []ClaimVerdict) {
		t.Helper()
		got, none, err := ReadVerdicts(filepath.Join(dir, "verdicts.csv"))
		if err != nil || !slices.Equal(got, res.Claim) || !slices.Equal(none, wantNone) {
			t.Errorf("%s reads back as %+v, %+v, %v; want %+v, %+v", what, got, none, err, res.Claim, wantNone)
		}
	}
	same("verdicts.csv and claim.csv", res.ClaimAtNone)

	// As written before 2026-12-03.
	wide := wideVerdicts(res.Claim)
	if !strings.HasPrefix(string(wide), "harm,malfunction_at_open,malfunction_at_closed,closure,malfunction_minus_closure,claim,chain_at_open,chain_at_closed,chain_share\n") {
		t.Fatalf("the wide verdicts.csv starts %q", strings.SplitN(string(wide), "\n", 2)[0])
	}
	if err := os.WriteFile(filepath.Join(dir, "verdicts.csv"), wide, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "claim.csv")); err != nil {
		t.Fatal(err)
	}
	same("the wide verdicts.csv", nil)
	asWrittenBeforeClaimCSV(t, dir, wide)
	rep, err := experiment.Reproduce(context.Background(), dir, 2)
	warnings := strings.Join(rep.Warnings, "\n")
	if err != nil || len(rep.Problems) > 0 || !strings.Contains(warnings, "verdicts.csv is in the format of an earlier borderwork") || !strings.Contains(warnings, "claim.csv is not in the folder") {
		t.Errorf("Reproduce of a folder with the wide verdicts.csv = %+v, %v; want it reproduced, with warnings naming verdicts.csv and claim.csv", rep, err)
	}
}

// asWrittenBeforeClaimCSV edits the manifest of the claim folder dir as
// a borderwork of before 2026-12-03 wrote it, around the wide
// verdicts.csv it holds: verdicts.csv's checksum, no claim.csv. It edits
// bytes, so the rest stays as written.
func asWrittenBeforeClaimCSV(t *testing.T, dir string, wide []byte) {
	t.Helper()
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
}

// shortClassroomCheck is the claim check of classroom over 60 days, 3
// replicates a cell, written to a folder of the test's.
func shortClassroomCheck(t *testing.T) *Outcome {
	t.Helper()
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
	return res
}
