package experiment_test

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/output"
)

// shardsWith writes sweepPlan(t, 2) as n shards into dir/NAMEi, shard i
// with the options opt(i) (its Jobs filled in), returning their folders.
func shardsWith(t *testing.T, dir, name string, n int, opt func(i int) experiment.Options) []string {
	t.Helper()
	var dirs []string
	for i := range n {
		x := sweepPlan(t, 2)
		jobs, err := x.Shard(i, n)
		if err != nil {
			t.Fatal(err)
		}
		o := opt(i)
		o.Workers, o.Jobs = 2, jobs
		d := filepath.Join(dir, name+strconv.Itoa(i))
		if _, err := experiment.Write(context.Background(), x, d, o); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, d)
	}
	return dirs
}

// refusedMerge merges dirs into out, wanting a bad-input error holding
// every one of want, the shards unchanged and nothing written.
func refusedMerge(t *testing.T, dirs []string, out string, o experiment.MergeOptions, want ...string) {
	t.Helper()
	before := make([]map[string]string, len(dirs))
	for i, d := range dirs {
		before[i] = foldertest.Files(t, d)
	}
	_, err := experiment.Merge(context.Background(), dirs, out, o)
	if !errors.Is(err, runs.ErrBadInput) {
		t.Fatalf("Merge(%v, %s) = %v; want a bad-input error", dirs, out, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("Merge(%v, %s) = %q; want it to name %q", dirs, out, err, w)
		}
	}
	for i, d := range dirs {
		foldertest.Same(t, "a shard of a refused merge", d, before[i])
	}
}

// TestMergeRefusesOutThatIsAShard: --out naming one of the shards, however
// it is spelt, is refused before anything is written: the shard is kept.
func TestMergeRefusesOutThatIsAShard(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	dirs := shardsWith(t, ".", "shard", 2, func(int) experiment.Options { return experiment.Options{} })
	if err := os.Mkdir("sub", 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, out string }{
		{"as given", dirs[1]},
		{"absolute", filepath.Join(dir, "shard1")},
		{"through ..", filepath.Join("sub", "..", "shard1")},
		{"with ./ and a trailing slash", "./shard1/"},
	}
	// Windows makes symbolic links only with privileges (or Developer
	// Mode), and Wine 8 says it made one and makes nothing: there the
	// other spellings are still tried.
	if err := os.Symlink("shard1", "link"); err == nil && isLink("link") {
		tests = append(tests, struct{ name, out string }{"through a symbolic link", "link"})
	} else if runtime.GOOS != "windows" {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refusedMerge(t, dirs, tt.out, experiment.MergeOptions{}, "--out "+tt.out+" is the shard "+dirs[1])
			noLeftovers(t, filepath.Join(dir, "x"))
		})
	}
}

// TestMergeRefusesShardsDrawnDifferently: shards whose recorded figure
// options differ are refused in either order, naming the option and both
// shards, since the merged figures would depend on the order; formats
// differ harmlessly when merge is given its own.
func TestMergeRefusesShardsDrawnDifferently(t *testing.T) {
	tests := []struct {
		name   string
		second experiment.Options // the second shard's; the first's are the defaults, in png
		want   string
		values string
	}{
		{"bands", experiment.Options{Formats: []string{"png"}, FigureOptions: &output.FigureOptions{Bands: output.BandsReplicates, Size: "double"}}, "--bands", "(percentile; replicates)"},
		{"size", experiment.Options{Formats: []string{"png"}, FigureOptions: &output.FigureOptions{Bands: output.BandsPercentile, Size: "single"}}, "--size", "(double; single)"},
		{"figure regimes", experiment.Options{Formats: []string{"png"}, FigureOptions: &output.FigureOptions{Bands: output.BandsPercentile, Size: "double", Regimes: []string{"closed"}}}, "--figure-regimes", "(none; closed)"},
		{"figure metrics", experiment.Options{Formats: []string{"png"}, FigureOptions: &output.FigureOptions{Bands: output.BandsPercentile, Size: "double", Metrics: []string{"abuse_events"}}}, "--figure-metrics", "(none; abuse_events)"},
		{"formats", experiment.Options{Formats: []string{"svg", "png"}}, "--formats", "(png; svg,png)"},
		{"no formats", experiment.Options{}, "--formats", "(png; none)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			dirs := shardsWith(t, dir, "shard", 2, func(i int) experiment.Options {
				if i == 1 {
					return tt.second
				}
				return experiment.Options{Formats: []string{"png"}}
			})
			out := filepath.Join(dir, "merged")
			for _, order := range [][]string{dirs, {dirs[1], dirs[0]}} {
				refusedMerge(t, order, out, experiment.MergeOptions{}, tt.want, dirs[0], dirs[1])
				if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
					t.Fatalf("a refused merge wrote %s", out)
				}
			}
			_, err := experiment.Merge(context.Background(), dirs, out, experiment.MergeOptions{FormatsGiven: true, Formats: []string{"svg"}})
			if tt.want == "--formats" && err != nil {
				t.Errorf("shards of different formats, merged with formats given: %v", err)
			}
			if tt.want != "--formats" && !errors.Is(err, runs.ErrBadInput) {
				t.Errorf("shards of different %s, merged with formats given: %v; want them refused", tt.want, err)
			}
		})
	}
}

// TestMergeDrawsTheShardsFormats: merged without formats given, shards
// are drawn in the formats they record, so that the merged folder is the
// unsharded one byte for byte; formats given are drawn instead.
func TestMergeDrawsTheShardsFormats(t *testing.T) {
	dir := t.TempDir()
	o := experiment.Options{Workers: 2, Formats: []string{"svg"}, FigureOptions: &output.FigureOptions{Bands: output.BandsCI, Size: "single"}}
	whole := filepath.Join(dir, "whole")
	if _, err := experiment.Write(context.Background(), sweepPlan(t, 2), whole, o); err != nil {
		t.Fatal(err)
	}
	dirs := shardsWith(t, dir, "shard", 3, func(int) experiment.Options { return o })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "figures")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("shard %s has a figures folder", d)
		}
		m, err := output.ReadManifest(d)
		if err != nil {
			t.Fatal(err)
		}
		if got := experiment.RecordedFormats(m); !slices.Equal(got, []string{"svg"}) {
			t.Errorf("shard %s records formats %v; want [svg]", d, got)
		}
	}
	merged := filepath.Join(dir, "merged")
	if _, err := experiment.Merge(context.Background(), dirs, merged, experiment.MergeOptions{}); err != nil {
		t.Fatal(err)
	}
	want := foldertest.Files(t, whole)
	if _, ok := want["figures/deaths_vs_regimes_malfunctioning_outage_start.svg"]; !ok {
		t.Fatalf("the whole sweep has no svg figure of deaths: %v", slices.Sorted(maps.Keys(want)))
	}
	foldertest.Same(t, "shards in svg, merged without formats, against the whole sweep", merged, want)

	given := filepath.Join(dir, "given")
	if _, err := experiment.Merge(context.Background(), dirs, given, experiment.MergeOptions{FormatsGiven: true, Formats: []string{"png"}}); err != nil {
		t.Fatal(err)
	}
	for f := range foldertest.Files(t, given) {
		if strings.HasPrefix(f, "figures/") && !strings.HasSuffix(f, ".png") {
			t.Errorf("merged with formats png, it drew %s", f)
		}
	}
}

// TestMergeNamesWhatDiffers: shards of different seeds, days or
// replicates are refused naming that flag and both values, not only a
// scenario.toml that differs.
func TestMergeNamesWhatDiffers(t *testing.T) {
	plan := func(seed int64, days, reps int) *experiment.Prepared {
		s := classroom(t, reps, days)
		s.File.Seed = seed
		return sweepPlanOf(t, s)
	}
	shard := func(x *experiment.Prepared, i int, d string) string {
		jobs, err := x.Shard(i, 2)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := experiment.Write(context.Background(), x, d, experiment.Options{Workers: 2, Jobs: jobs}); err != nil {
			t.Fatal(err)
		}
		return d
	}
	dir := t.TempDir()
	first := shard(plan(7, 30, 2), 0, filepath.Join(dir, "first"))
	tests := []struct {
		name string
		x    *experiment.Prepared
		want []string
	}{
		{"seed", plan(9, 30, 2), []string{"different seeds", "--seed 7", "--seed 9"}},
		{"days", plan(7, 20, 2), []string{"different --days (30; 20)"}},
		{"reps", plan(7, 30, 3), []string{"different --reps (2; 3)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			second := shard(tt.x, 1, filepath.Join(dir, tt.name))
			refusedMerge(t, []string{first, second}, filepath.Join(dir, "merged"), experiment.MergeOptions{}, append(tt.want, first, second)...)
		})
	}
}

// TestMergeMemoryLimit: shards whose merged folder's record of its runs
// would not fit in Limits.Memory are refused before anything is written,
// naming merge and the limit (merge.sbatch gives it the job's memory, as
// sweep.sbatch gives the tasks theirs); within it, or without one, they
// merge.
func TestMergeMemoryLimit(t *testing.T) {
	dir := t.TempDir()
	dirs := shardsWith(t, dir, "shard", 2, func(int) experiment.Options { return experiment.Options{} })
	out := filepath.Join(dir, "merged")
	refusedMerge(t, dirs, out, experiment.MergeOptions{Limits: runs.Limits{Memory: 1 << 10}},
		"merge: ", "runs would need about", "the limit is 1 KiB", "BORDERWORK_MAX_MEMORY")
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused merge left %s (%v)", out, err)
	}
	if _, err := experiment.Merge(context.Background(), dirs, out, experiment.MergeOptions{Limits: runs.DefaultLimits()}); err != nil {
		t.Errorf("merge within the default limit: %v", err)
	}
}

// TestMergeRefusesEditedManifestInAnyOrder: a shard whose manifest was
// edited to record another sweep (its regimes, its --vary) is refused,
// naming the manifests and the field, whether it comes first or last: the
// plan is rebuilt from the first shard, and an edit to another one went
// unnoticed, so that the order of the shards decided the outcome (and an
// edited first shard was refused naming flags nobody gave).
func TestMergeRefusesEditedManifestInAnyOrder(t *testing.T) {
	for _, c := range []struct {
		key, want string
		edit      func(m map[string]any)
	}{
		// No regimes is no sweep any command writes, said as such.
		{"regimes", "regimes is empty", func(m map[string]any) { m["regimes"] = []any{} }},
		{"regimes", "(regimes)", func(m map[string]any) { r := m["regimes"].([]any); m["regimes"] = append(r, r[0]) }},
		{"sweep.vary", "(sweep.vary)", func(m map[string]any) { m["sweep"].(map[string]any)["vary"] = []any{} }},
	} {
		t.Run(c.key, func(t *testing.T) {
			dir := t.TempDir()
			dirs := shardsWith(t, dir, "s", 3, func(int) experiment.Options { return experiment.Options{} })
			manifestedit.Edit(t, dirs[1], c.edit)
			for _, order := range [][]string{dirs, {dirs[1], dirs[0], dirs[2]}} {
				refusedMerge(t, order, filepath.Join(dir, "merged"), experiment.MergeOptions{}, filepath.Join(dirs[1], "manifest.json"), c.want, "manifest was changed")
			}
		})
	}
}

// TestMergeNamesTheShardLeftOut: shards that leave runs out are refused,
// nothing written, naming the shards i/n that none of the folders is, so
// that a cluster user sees which array task's shard to look for, not only
// the runs.
func TestMergeNamesTheShardLeftOut(t *testing.T) {
	dir := t.TempDir()
	dirs := shardsWith(t, dir, "s", 4, func(int) experiment.Options { return experiment.Options{} })
	out := filepath.Join(dir, "merged")
	tests := []struct {
		given []int
		want  string
	}{
		{[]int{0, 1, 3}, "shard 2/4 is missing: "},
		{[]int{1, 2, 3}, "shard 0/4 is missing: "},
		{[]int{0, 2}, "shards 1/4 and 3/4 are missing: "},
		{[]int{3}, "shards 0/4, 1/4 and 2/4 are missing: "},
	}
	for _, tt := range tests {
		var given []string
		for _, i := range tt.given {
			given = append(given, dirs[i])
		}
		refusedMerge(t, given, out, experiment.MergeOptions{}, tt.want, "of the sweep's", "runs are in none of the folders given", "merge every shard of the sweep")
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("Merge of shards %v wrote %s (%v)", tt.given, out, err)
		}
	}
}

// isLink reports whether a symbolic link is at path.
func isLink(path string) bool {
	st, err := os.Lstat(path)
	return err == nil && st.Mode()&os.ModeSymlink != 0
}
