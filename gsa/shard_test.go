package gsa

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/output"
)

// TestShardsRecordTheirFormats: a sensitivity shard draws no figures but
// records the formats asked for, which merge, given none, draws: the
// merged folder is the unsharded one byte for byte. plot refuses a
// shard, naming it a shard of a sensitivity analysis.
func TestShardsRecordTheirFormats(t *testing.T) {
	newStudy := func() *Study {
		var entries []Entry
		for _, a := range []string{"origins.Village.inflow", "abuse.official_extortion"} {
			e, _ := ParseEntry(a)
			entries = append(entries, e)
		}
		st, err := New(classroom(t, 30, 2), "classroom", Spec{Method: Morris, Trajectories: 4, Entries: entries, Regimes: []string{"malfunctioning"}, Metrics: []string{"abuse_events"}, Resamples: 50})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	dir := t.TempDir()
	svg := []string{"svg"}
	whole := filepath.Join(dir, "whole")
	if _, err := newStudy().Write(context.Background(), whole, Options{Workers: 2, Formats: svg}); err != nil {
		t.Fatal(err)
	}
	var shards []string
	for i := range 2 {
		d := filepath.Join(dir, "shard"+strconv.Itoa(i))
		if _, err := newStudy().Write(context.Background(), d, Options{Workers: 2, Shard: i, Shards: 2, Formats: svg}); err != nil {
			t.Fatal(err)
		}
		m, err := output.ReadManifest(d)
		if err != nil {
			t.Fatal(err)
		}
		if got := experiment.RecordedFormats(m); !slices.Equal(got, svg) || len(m.Figures) > 0 {
			t.Errorf("shard %s records formats %v and %d figures; want [svg] and none", d, got, len(m.Figures))
		}
		if _, err := os.Stat(filepath.Join(d, "figures")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("shard %s has a figures folder", d)
		}
		shards = append(shards, d)
	}
	_, err := experiment.Redraw(shards[0], nil, experiment.FigureChange{})
	if !errors.Is(err, experiment.ErrNotDrawable) || !strings.Contains(err.Error(), "one shard of a sensitivity analysis") {
		t.Errorf("Redraw(a sensitivity shard) = %v; want ErrNotDrawable naming a shard of a sensitivity analysis", err)
	}
	merged := filepath.Join(dir, "merged")
	if _, err := experiment.Merge(context.Background(), shards, merged, experiment.MergeOptions{}); err != nil {
		t.Fatal(err)
	}
	want, got := foldertest.Files(t, whole), foldertest.Files(t, merged)
	if !slices.ContainsFunc(slices.Sorted(maps.Keys(want)), func(f string) bool { return strings.HasSuffix(f, ".svg") }) {
		t.Fatalf("the whole analysis has no svg figures: %v", slices.Sorted(maps.Keys(want)))
	}
	for f, b := range want {
		if got[f] != b {
			t.Errorf("%s differs between the whole analysis and its shards merged without formats", f)
		}
	}
	for f := range got {
		if _, ok := want[f]; !ok {
			t.Errorf("the merged shards hold %s, the whole analysis does not", f)
		}
	}
}
