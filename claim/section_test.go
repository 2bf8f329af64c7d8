package claim_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/claim"
	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestRedrawRefusesAnEditedClaimSection: plot writes a claim folder's
// report again from the claim section of its manifest; a section edited
// by hand, so that the report would contradict the tables or quote
// options no check takes (robustness dropped while robustness.csv is
// listed, or kept while it is not, a share out of range, a smallest
// effect of another harm, a share the command line does not give, an
// absolute one of no harm, not above 0, beside a share for the same harm,
// or that the command line does not give), is
// refused naming the key, and the folder is unchanged.
func TestRedrawRefusesAnEditedClaimSection(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = 2, 20
	o := claim.DefaultOptions()
	o.MaxReps, o.Robustness, o.Samples, o.RobustReps = 2, true, 3, 2
	src := filepath.Join(t.TempDir(), "claim")
	if _, err := claim.Check(context.Background(), s, "classroom", o, src, 2, []string{"svg"}, nil); err != nil {
		t.Fatal(err)
	}
	section := func(edit func(c map[string]any)) func(m map[string]any) {
		return func(m map[string]any) { edit(m["claim"].(map[string]any)) }
	}
	tests := []struct {
		name string
		edit func(m map[string]any)
		want string
	}{
		{"robustness dropped", section(func(c map[string]any) { c["robustness"] = nil }), "manifest.json: claim.robustness: absent, but the manifest lists robustness.csv"},
		{"robustness.csv unlisted", func(m map[string]any) {
			var kept []any
			for _, c := range m["tables"].([]any) {
				if c.(map[string]any)["file"] != "robustness.csv" {
					kept = append(kept, c)
				}
			}
			m["tables"] = kept
		}, "manifest.json: claim.robustness: present, but the manifest lists no robustness.csv"},
		{"robustness samples", section(func(c map[string]any) { c["robustness"].(map[string]any)["samples"] = 1 }), "manifest.json: claim.robustness.samples: must be at least 3, got 1"},
		{"sesoi a percentage", section(func(c map[string]any) { c["sesoi"] = 5 }), "manifest.json: claim.sesoi: want a share of the harm's mean"},
		{"chain_share negative", section(func(c map[string]any) { c["chain_share"] = -1 }), "manifest.json: claim.chain_share: want a share"},
		{"precision", section(func(c map[string]any) { c["precision"] = 0 }), "manifest.json: claim.precision: must be more than 0"},
		{"max_reps", section(func(c map[string]any) { c["max_reps"] = 1 }), "manifest.json: claim.max_reps"},
		{"sesoi of no harm", section(func(c map[string]any) { c["sesoi_by_harm"] = map[string]any{"ghosts": 0.1} }), "manifest.json: claim.sesoi_by_harm: ghosts is not a harm"},
		{"sesoi value negative", section(func(c map[string]any) { c["sesoi_values"].(map[string]any)["deaths"] = -1 }), "manifest.json: claim.sesoi_values: deaths"},
		{"sesoi value edited", section(func(c map[string]any) {
			v := c["sesoi_values"].(map[string]any)
			f, err := v["trapped_person_days"].(json.Number).Float64()
			if err != nil {
				t.Fatal(err)
			}
			v["trapped_person_days"] = 2 * f
		}), "manifest.json: claim.sesoi_values: trapped_person_days is "},
		{"sesoi value dropped", section(func(c map[string]any) { delete(c["sesoi_values"].(map[string]any), "deaths") }),
			"manifest.json: claim.sesoi_values: deaths is absent, but the pilot's runs (the first 2 replicates in summary.csv) give "},
		{"sesoi values dropped", section(func(c map[string]any) { delete(c, "sesoi_values") }), "manifest.json: claim.sesoi_values: "},
		{"sesoi not the command line's", section(func(c map[string]any) { c["sesoi"] = 0.2 }), "manifest.json: command_line does not agree with the fields it records"},
		{"sesoi_abs of no harm", section(func(c map[string]any) { c["sesoi_abs"] = map[string]any{"ghosts": 1} }), "manifest.json: claim.sesoi_abs: ghosts is not a harm"},
		{"sesoi_abs zero", section(func(c map[string]any) { c["sesoi_abs"] = map[string]any{"deaths": 0} }), "manifest.json: claim.sesoi_abs: deaths: want an effect in the harm's own units"},
		{"sesoi_abs and a share", section(func(c map[string]any) {
			c["sesoi_abs"] = map[string]any{"deaths": 0.2}
			c["sesoi_by_harm"] = map[string]any{"deaths": 0.2}
		}), "manifest.json: claim.sesoi_abs: deaths is also in sesoi_by_harm"},
		{"sesoi_abs not the command line's", section(func(c map[string]any) { c["sesoi_abs"] = map[string]any{"deaths": 0.2} }), "manifest.json: command_line does not agree with the fields it records"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "claim")
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			manifestedit.Edit(t, dir, tt.edit)
			before := foldertest.Files(t, dir)
			_, err := experiment.Redraw(dir, nil, experiment.FigureChange{Size: "single"})
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Redraw = %v; want a bad-input error saying %q", err, tt.want)
			}
			foldertest.Same(t, "the folder plot refused", dir, before)
		})
	}
}

// TestRedrawAnInterruptedClaim: the smallest effects an interrupted
// claim folder records are checked against the pilot it holds: none
// recorded while the pilot was cut short, and those its pilot gives once
// it was whole, are accepted; a value added by hand to one whose pilot
// was cut short is refused, naming the key.
func TestRedrawAnInterruptedClaim(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = 2, 20
	o := claim.DefaultOptions()
	o.MaxReps, o.Precision = 4, 0.01 // a pilot of 2, then 4 replicates
	for _, tt := range []struct {
		name   string
		cut    func(stage string, done int) bool
		values bool // the folder records sesoi_values
	}{
		{"in the pilot", func(stage string, done int) bool { return strings.Contains(stage, "pilot") && done >= 3 }, false},
		{"after the pilot", func(stage string, done int) bool { return !strings.Contains(stage, "pilot") }, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "claim")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			_, err := claim.Check(ctx, s, "classroom", o, dir, 1, []string{"svg"}, func(stage string, done, _ int) {
				if tt.cut(stage, done) {
					cancel()
				}
			})
			if !errors.Is(err, runs.ErrInterrupted) {
				t.Fatalf("Check = %v; want it interrupted", err)
			}
			m, err := output.ReadManifest(dir)
			if err != nil {
				t.Fatal(err)
			}
			if info, err := claim.ReadInfo(m); err != nil || (len(info.SESOIValues) > 0) != tt.values {
				t.Fatalf("the interrupted folder records sesoi_values %v (%v); want some: %v", info.SESOIValues, err, tt.values)
			}
			// The check plot makes of the claim section before drawing.
			k, ok := experiment.KindOf("claim")
			if !ok {
				t.Fatal("no claim kind")
			}
			if err := k.Recorded(context.Background(), dir, m); err != nil {
				t.Fatalf("the claim section of the interrupted folder is refused: %v", err)
			}
			if tt.values {
				return
			}
			manifestedit.Edit(t, dir, func(m map[string]any) {
				m["claim"].(map[string]any)["sesoi_values"] = map[string]any{"deaths": 1}
			})
			if m, err = output.ReadManifest(dir); err != nil {
				t.Fatal(err)
			}
			want := filepath.Join(dir, "manifest.json") + ": claim.sesoi_values: deaths is 1, but the folder holds no whole pilot (pilot_reps 2 of each arm) to fix it from"
			if err := k.Recorded(context.Background(), dir, m); !errors.Is(err, runs.ErrBadInput) || err.Error() != want {
				t.Errorf("the claim section with a value added = %v; want a bad-input error %q", err, want)
			}
		})
	}
}
