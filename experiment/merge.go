package experiment

import (
	"bufio"
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/scenarios/design"
	"github.com/borderwork/borderwork/sim"
)

// Merged is what Merge wrote.
type Merged struct {
	Dir    string
	Shards int
	Runs   int
}

// MergeOptions say how Merge writes the merged folder.
type MergeOptions struct {
	// Formats are the figure formats (none: no figures) if FormatsGiven;
	// otherwise the figures are drawn in the formats the shards record,
	// as the command asked for them, so that the merged folder is the one
	// the command writes unsharded.
	Formats      []string
	FormatsGiven bool
	// Force allows replacing a folder at out that is not this command's
	// and scenario's (its files that borderwork did not write are kept).
	Force bool
	// Limits.Memory, if more than 0, refuses shards whose merged folder's
	// record of every run (the one the unsharded command keeps) would not
	// fit, before anything is written: merge.sbatch gives it the job's
	// memory, so that a merge job too small is refused at once, naming
	// the memory, not killed. Work is not used: merge simulates nothing.
	Limits runs.Limits
}

// Merge joins the output folders of the shards of a sweep (or of another
// kind of folder that shards, such as a sensitivity analysis: see
// Sharding) into one folder at out (default DefaultOut(COMMAND, ...)),
// byte for byte the folder the command writes unsharded: tables in run
// order, statistics, figures and report from the whole, one manifest. It
// checks that every shard comes from the same scenario and command line
// and records the same figure options (bands, size and, unless
// o.FormatsGiven, formats), so that the merged bytes never depend on the
// order of dirs, that each is complete and unchanged since it was written (every table
// against its checksum, every run against the experiment its manifest
// describes), and that every run is present exactly once; otherwise it
// returns an error matching runs.ErrBadInput, naming the file and its first
// differing row, and writes nothing. out may not be one of the shards,
// however it is spelt. If ctx ends before the merged folder
// is swapped into place, it returns an error wrapping runs.ErrInterrupted and
// writes nothing: a folder at out stays as it was.
func Merge(ctx context.Context, dirs []string, out string, o MergeOptions) (*Merged, error) {
	if len(dirs) == 0 {
		return nil, badInput("give the shard folders to merge")
	}
	if out != "" { // before the shards are read and checked
		if err := output.CheckPlace(out); err != nil {
			return nil, badInput("--out: %v", err)
		}
	}
	shards, err := readShards(dirs)
	if err != nil {
		return nil, err
	}
	if err := sameFigureOptions(shards, o.FormatsGiven); err != nil {
		return nil, err
	}
	for _, sh := range shards { // the figures are drawn as they record
		if err := checkRecorded(sh.dir, sh.m, FigureChange{}, o.FormatsGiven); err != nil {
			return nil, err
		}
	}
	first := shards[0].m
	sharding := mustKind(first.Command).Sharding
	if out == "" {
		out = DefaultMergeOut(dirs)
	}
	for _, sh := range shards {
		if SamePlace(sh.dir, out) {
			return nil, badInput("--out %s is the shard %s; choose another folder", out, sh.dir)
		}
	}
	formats := o.Formats
	if !o.FormatsGiven {
		formats = RecordedFormats(first)
	}
	x, err := rebuild(ctx, "merge", shards, sharding)
	if err != nil {
		return nil, nothingMerged(err)
	}
	if err := o.Limits.CheckRuns("merge", float64(len(x.Points)), float64(x.NRuns()), len(x.Keys)); err != nil {
		return nil, err
	}
	for _, sh := range shards {
		if err := verifyShard(ctx, sh, x); err != nil {
			return nil, nothingMerged(err)
		}
	}
	owner, err := runOwners(shards, x.NRuns())
	if err != nil {
		return nil, err
	}
	if err := mergeInterrupted(ctx); err != nil {
		return nil, err
	}
	folder, err := output.Create(out, x.Owner(), o.Force, runTables(x)...)
	if errors.Is(err, output.ErrNotOurs) {
		return nil, badInput("--out: %v", err)
	}
	if err != nil {
		return nil, err
	}
	defer folder.Discard()
	scenarioTOML, err := os.ReadFile(filepath.Join(shards[0].dir, "scenario.toml"))
	if err != nil {
		return nil, err
	}
	if err := output.WriteFile(folder.Path("scenario.toml"), scenarioTOML); err != nil {
		return nil, err
	}
	for _, table := range sharding.Tables {
		if err := mergeInterrupted(ctx); err != nil {
			return nil, err
		}
		if err := mergeTable(table, shards, owner, folder.Path(table)); err != nil {
			return nil, err
		}
	}
	m := *first
	m.StampBuild() // cmd_merge notes shards of other builds
	sweep := *first.Sweep
	sweep.Shard = ""
	m.Sweep = &sweep
	m.Runs = make([]output.RunInfo, 0, len(owner))
	next := make([]int, len(shards))
	for _, s := range owner {
		m.Runs = append(m.Runs, shards[s].m.Runs[next[s]])
		next[s]++
	}
	m.Report = nil
	opts := RecordableOptions(m.Command, Source{Manifest: &m}.Options())
	opts.SetFormats(formats)
	m.FigureOptions = &opts
	// The command line that writes the merged folder unsharded: the
	// shards', with the formats drawn here (merge --formats).
	x.FigureOptions = &opts
	m.CommandLine = x.RecordedCommandLine()
	if err := mergeInterrupted(ctx); err != nil {
		return nil, err
	}
	derived, figs, err := sharding.Finish(ctx, folder.Dir, &m, formats)
	if err != nil {
		return nil, nothingMerged(err)
	}
	if err := mergeInterrupted(ctx); err != nil {
		return nil, err
	}
	m.Complete = true
	if m.Tables, err = output.Check(folder.Dir, append(slices.Clone(sharding.Tables), derived...)); err != nil {
		return nil, err
	}
	if m.Figures, err = output.Check(folder.Dir, figs); err != nil {
		return nil, err
	}
	if m.Figures == nil {
		m.Figures = []output.Checked{}
	}
	if err := m.Write(folder.Path("manifest.json")); err != nil {
		return nil, err
	}
	// The last moment to stop: once the swap has begun it finishes.
	if err := mergeInterrupted(ctx); err != nil {
		return nil, err
	}
	if err := folder.Commit(); err != nil {
		if errors.Is(err, output.ErrNotOurs) {
			err = badInput("--out: %v", err)
		}
		return nil, err
	}
	return &Merged{Dir: out, Shards: len(shards), Runs: len(owner)}, nil
}

// SamePlace says whether the folder dir and the path out name the same
// place, however each is spelt: the same absolute path, or, when both
// exist, the same file (through a symbolic link, say).
func SamePlace(dir, out string) bool {
	a, errA := filepath.Abs(dir)
	b, errB := filepath.Abs(out)
	if errA == nil && errB == nil && a == b {
		return true
	}
	da, errA := os.Stat(dir)
	db, errB := os.Stat(out)
	return errA == nil && errB == nil && os.SameFile(da, db)
}

// sameFigureOptions refuses shards whose recorded figure options differ:
// merge draws with one set of them, which would otherwise be the first
// shard's, and so depend on the order the shards are given in. Formats
// are compared only when they are to be drawn (formatsGiven false).
func sameFigureOptions(shards []shardFolder, formatsGiven bool) error {
	type option struct {
		what, fix string // what differs, and how to make it agree
		of        func(output.FigureOptions) []string
	}
	options := []option{
		{"--bands", "run every shard with the same --bands", func(o output.FigureOptions) []string { return []string{o.Bands} }},
		{"--size", "run every shard with the same --size", func(o output.FigureOptions) []string { return []string{o.Size} }},
		{"--figure-metrics", "run every shard with the same --figure-metrics", func(o output.FigureOptions) []string { return o.Metrics }},
		{"--figure-regimes", "run every shard with the same --figure-regimes", func(o output.FigureOptions) []string { return o.Regimes }},
		{"--label", "run every shard with the same --label", func(o output.FigureOptions) []string { return o.LabelArgs() }},
	}
	if !formatsGiven {
		options = append(options, option{"--formats", "run every shard with the same --formats, or give merge --formats",
			func(o output.FigureOptions) []string { return o.Formats }})
	}
	a := shards[0]
	oa := *RecordedFigureOptions(a.m)
	for _, b := range shards[1:] {
		ob := *RecordedFigureOptions(b.m)
		for _, opt := range options {
			va, vb := opt.of(oa), opt.of(ob)
			if slices.Equal(va, vb) {
				continue
			}
			return badInput("%s and %s were written with different %s (%s; %s), so the merged figures would depend on which is given first: %s",
				a.dir, b.dir, opt.what, orNone(va), orNone(vb), opt.fix)
		}
	}
	return nil
}

// orNone is values joined by commas, or "none".
func orNone(values []string) string {
	if len(values) == 0 {
		return "none"
	}
	return strings.Join(values, ",")
}

// nothingMerged is err, and if it says that merge was interrupted (while
// it rebuilt the shards' plan, checked them, or drew the figures and
// wrote the report), that nothing was merged: the folder being written is
// discarded, and nothing at out was touched.
func nothingMerged(err error) error {
	if errors.Is(err, runs.ErrInterrupted) {
		return fmt.Errorf("%w: nothing was merged", err)
	}
	return err
}

// mergeInterrupted is the error Merge stops with when ctx has ended: the
// folder being written is discarded, and nothing at out was touched.
func mergeInterrupted(ctx context.Context) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%w: nothing was merged", runs.ErrInterrupted)
	}
	return nil
}

// rebuild checks the folders' scenario.toml against their checksums and
// rebuilds, with their kind's Sharding, the experiment their manifests
// describe. what names the command for messages.
func rebuild(ctx context.Context, what string, shards []shardFolder, sharding *Sharding) (*Prepared, error) {
	dirs := make([]string, len(shards))
	ms := make([]*output.Manifest, len(shards))
	for i, sh := range shards {
		if err := checkHandEdits(what, sh.dir, sh.m); err != nil {
			return nil, err
		}
		scenarioPath := filepath.Join(sh.dir, "scenario.toml")
		sum, err := output.FileSHA256(scenarioPath)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, badInput("%s: %s is missing", what, scenarioPath)
		case err != nil || sum != sh.m.ScenarioSHA256:
			return nil, badInput("%s: %s does not match its checksum in manifest.json", what, scenarioPath)
		}
		dirs[i], ms[i] = sh.dir, sh.m
	}
	return sharding.Rebuild(ctx, what, dirs, ms)
}

// sweepOf rebuilds the sweep a folder's manifest describes (see
// rebuildSweep).
func sweepOf(ctx context.Context, what string, sh shardFolder) (*Prepared, error) {
	return rebuild(ctx, what, []shardFolder{sh}, sweepSharding)
}

// rebuildSweep is a sweep's Sharding.Rebuild: the sweep again from the
// first folder's own scenario.toml and --vary arguments, checked against
// what each manifest says it is (sweepMatches).
func rebuildSweep(ctx context.Context, what string, dirs []string, ms []*output.Manifest) (*Prepared, error) {
	m := ms[0]
	s, err := LoadResolved(m, filepath.Join(dirs[0], "scenario.toml"))
	if err != nil {
		return nil, err
	}
	sw := m.Sweep
	// Every folder must record the sweep the first does: the plan is
	// rebuilt from the first, and a field only another records would go
	// unchecked (and which one is first would decide the outcome).
	for i := 1; i < len(ms); i++ {
		if key := differentSweep(m, ms[i]); key != "" {
			return nil, badInput("%s: %s and %s record different sweeps (%s); a manifest was changed, or they are not shards of one sweep", what, filepath.Join(dirs[0], "manifest.json"), filepath.Join(dirs[i], "manifest.json"), key)
		}
	}
	p, err := NewSweep(s, m.ScenarioArg, m.Regimes, SweepSpec{Design: sw.Design, Samples: sw.Samples, Vary: sw.Vary, Metric: sw.Metric, Contrast: sw.Contrast})
	if err != nil {
		// The values are the manifest's, not flags given now.
		return nil, badInput("%s: %s records a sweep this borderwork cannot rebuild (%v); the manifest was changed, or written by a borderwork that took what this one refuses", what, filepath.Join(dirs[0], "manifest.json"), err)
	}
	p.PrepareWorkers = runtime.GOMAXPROCS(0) // as the sweep did (its --workers): the points are the same whatever the number
	x, err := p.PrepareContext(ctx)
	if err != nil {
		return nil, err
	}
	for i := range dirs {
		if err := sweepMatches(what, dirs[i], ms[i], x); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// differentSweep names the first field in which two sweep manifests
// record different sweeps (shard and runs aside), "" if none does.
func differentSweep(a, b *output.Manifest) string {
	sa, sb := a.Sweep, b.Sweep
	switch {
	case a.Seed != b.Seed:
		return "seed"
	case a.Days != b.Days:
		return "days"
	case a.Reps != b.Reps:
		return "reps"
	case !slices.Equal(a.Regimes, b.Regimes):
		return "regimes"
	case !slices.Equal(a.Sets, b.Sets):
		return "sets"
	case sa.Design != sb.Design:
		return "sweep.design"
	case sa.Samples != sb.Samples:
		return "sweep.samples"
	case !slices.Equal(sa.Vary, sb.Vary):
		return "sweep.vary"
	case sa.Metric != sb.Metric:
		return "sweep.metric"
	case sa.Contrast != sb.Contrast:
		return "sweep.contrast"
	case !slices.Equal(sa.Reused, sb.Reused):
		return "sweep.reused"
	case sa.TotalRuns != sb.TotalRuns:
		return "sweep.total_runs"
	}
	return ""
}

// sweepMatches checks that a folder's manifest describes the sweep x: its
// command line, keys, points and number of runs.
func sweepMatches(what, dir string, m *output.Manifest, x *Prepared) error {
	manifest := filepath.Join(dir, "manifest.json")
	sw := m.Sweep
	switch {
	case !SameCommandLine(x.CommandLine(), BaseCommandLine(m.CommandLine)) && !SameButScenarioPath(x.CommandLine(), x.Arg, m.CommandLine, m.ScenarioArg):
		return badInput("%s: %s: its command line is not that of the sweep it describes (%s); the manifest was changed", what, manifest, x.CommandLine())
	case !slices.Equal(x.Keys, sw.Keys) || !slices.EqualFunc(x.Points, sw.Points, slices.Equal[[]float64]):
		if key, was, is, ok := unroundedGrid(x.Keys, x.Points, sw.Points); ok {
			return badInput("%s: %s: %s's value %v is %v in this borderwork, which rounds a:b:n grid values to 12 significant figures of the range: the folder was written by an earlier one, and its runs cannot be joined with this one's; run the sweep again into a fresh folder ('%s --out NEWDIR')", what, manifest, key, was, is, RerunCommandLine(m))
		}
		return badInput("%s: %s: its points are not those of its --vary arguments; the manifest was changed", what, manifest)
	case sw.TotalRuns != x.NRuns():
		return badInput("%s: %s: the sweep has %d runs, not %d; the manifest was changed", what, manifest, x.NRuns(), sw.TotalRuns)
	}
	return nil
}

// unroundedGrid finds, in points (a manifest's) that differ from the
// sweep's (keys, want), the first value that differs only as an earlier
// borderwork wrote it: one that did not round a:b:n grid values
// (design.GridValues), or rounded each to its own 12 significant figures
// (1.38777878078e-17 for 0 in -0.1:0.2:4, 5000000000000 for
// 5000000000001): the key, the folder's value and this version's. ok is
// false if the points differ otherwise (in number, or in any value by
// more than 12 significant figures of the key's largest value).
func unroundedGrid(keys []string, want, points [][]float64) (key string, was, is float64, ok bool) {
	if len(points) != len(want) {
		return "", 0, 0, false
	}
	scale := make([]float64, len(keys)) // each key's largest |value|: a grid's larger end
	for _, p := range want {
		if len(p) != len(keys) {
			return "", 0, 0, false
		}
		for j, v := range p {
			scale[j] = math.Max(scale[j], math.Abs(v))
		}
	}
	for i, p := range points {
		if len(p) != len(keys) {
			return "", 0, 0, false
		}
		for j, v := range p {
			if v != want[i][j] && design.Round12(v) != want[i][j] && !(math.Abs(v-want[i][j]) <= 1e-11*scale[j]) {
				return "", 0, 0, false
			}
		}
	}
	for i, p := range points {
		for j, v := range p {
			if v != want[i][j] {
				return keys[j], v, want[i][j], true
			}
		}
	}
	return "", 0, 0, false
}

// RecordedShard reads a manifest's sweep.shard, "i/n" with 0 ≤ i < n,
// as borderwork writes it; ok is false for anything else ("1/2/3",
// " 1/2", "01/2": an edit, not a shard).
func RecordedShard(shard string) (i, n int, ok bool) {
	if _, err := fmt.Sscanf(shard, "%d/%d", &i, &n); err != nil || n < 1 || i < 0 || i >= n || fmt.Sprintf("%d/%d", i, n) != shard {
		return 0, 0, false
	}
	return i, n, true
}

// verifyShard checks a shard's runs and tables against the experiment x
// (its scenario and manifest were checked when x was rebuilt).
func verifyShard(ctx context.Context, sh shardFolder, x *Prepared) error {
	if sh.m.Sweep.Shard != "" {
		i, n, ok := RecordedShard(sh.m.Sweep.Shard)
		if !ok {
			return badInput("merge: %s: shard %q is not i/n", filepath.Join(sh.dir, "manifest.json"), sh.m.Sweep.Shard)
		}
		want := x.ShardJobs(i, n)
		if len(want) != len(sh.m.Runs) || !slices.EqualFunc(want, sh.m.Runs, func(k int, r output.RunInfo) bool { return k == r.ID }) {
			return badInput("merge: %s: its runs are not those of shard %s", filepath.Join(sh.dir, "manifest.json"), sh.m.Sweep.Shard)
		}
	}
	return verifyFolder(ctx, "merge", sh.dir, sh.m, x)
}

// mustKind is the registered kind of command, which the caller checked.
func mustKind(command string) Kind {
	k, ok := KindOf(command)
	if !ok {
		panic("experiment: no kind " + command)
	}
	return k
}

type shardFolder struct {
	dir string
	m   *output.Manifest
}

// DefaultMergeOut is where Merge writes the shards at dirs when given no
// out: the unsharded command's default folder (DefaultOut), from the
// lowest shard's manifest, whatever the order of dirs; "" if one cannot
// be read as a shard's (Merge then says why).
// A command line can look there before merging, to say what the merge
// replaced.
func DefaultMergeOut(dirs []string) string {
	var first *output.Manifest
	for _, d := range dirs {
		m, err := output.ReadManifest(d)
		if err != nil || m.Sweep == nil {
			return ""
		}
		if first == nil || compareShards(m, first) < 0 {
			first = m
		}
	}
	if first == nil {
		return ""
	}
	return DefaultOut(first.Command, first.ScenarioSource)
}

// readShards reads every shard's manifest, in shard order, and checks
// they belong to one command line.
func readShards(dirs []string) ([]shardFolder, error) {
	if err := givenOnce(dirs); err != nil {
		return nil, err
	}
	var shards []shardFolder
	for _, d := range dirs {
		m, err := output.ReadManifest(d)
		if err != nil {
			return nil, ManifestError(d, err)
		}
		if k, ok := KindOf(m.Command); !ok || k.Sharding == nil || m.Sweep == nil {
			return nil, badInput("%s holds a %s folder, not a shard of a sweep or sensitivity analysis", d, m.Command)
		}
		if m.Sweep.Shard == "" { // merging it alone would copy it, under another name
			return nil, badInput("%s holds a whole %s folder, not a shard (it was written without --shard i/n); merge joins the shards of one %s, and this folder needs none", d, m.Command, m.Command)
		}
		if !m.Complete {
			return nil, badInput("%s is incomplete; first finish it with: %s", d, finishCommand(m, d))
		}
		// Before the shards are compared: an edited field would be
		// called a shard run with other flags.
		if err := checkHandEdits("merge", d, m); err != nil {
			return nil, err
		}
		shards = append(shards, shardFolder{dir: d, m: m})
	}
	// In shard order, whatever the order given: the merged folder keeps
	// the first shard's scenario.toml and command line, which may name
	// the scenario by another path than the others do (a shard run from
	// another folder), or hold a line an earlier build did not write.
	slices.SortStableFunc(shards, func(a, b shardFolder) int { return compareShards(a.m, b.m) })
	a := shards[0]
	for _, b := range shards[1:] {
		switch {
		case b.m.Command != a.m.Command:
			return nil, badInput("%s holds a %s folder and %s a %s folder", a.dir, a.m.Command, b.dir, b.m.Command)
		// The seed, days and replicates are written into scenario.toml
		// too: named first, they say what differs.
		case b.m.Seed != a.m.Seed:
			return nil, badInput("%s and %s come from different seeds (--seed %d; --seed %d); run every shard with the same --seed", a.dir, b.dir, a.m.Seed, b.m.Seed)
		case b.m.Days != a.m.Days:
			return nil, badInput("%s and %s come from different --days (%d; %d); run every shard with the same --days", a.dir, b.dir, a.m.Days, b.m.Days)
		case b.m.Reps != a.m.Reps:
			return nil, badInput("%s and %s come from different --reps (%d; %d); run every shard with the same --reps", a.dir, b.dir, a.m.Reps, b.m.Reps)
		case b.m.ScenarioSHA256 != a.m.ScenarioSHA256 && !sameOnceReencoded(a, b):
			return nil, badInput("%s and %s come from different scenarios (%s)", a.dir, b.dir, scenarioLineDiff(a.dir, b.dir))
		// The figure flags that end each command line are compared as
		// figure options (sameFigureOptions), which say which differ.
		case !SameCommandLine(BaseCommandLine(b.m.CommandLine), BaseCommandLine(a.m.CommandLine)) && !SameButScenarioPath(a.m.CommandLine, a.m.ScenarioArg, b.m.CommandLine, b.m.ScenarioArg):
			return nil, badInput("%s and %s come from different command lines (%s; %s)", a.dir, b.dir, BaseCommandLine(a.m.CommandLine), BaseCommandLine(b.m.CommandLine))
		case runs.FolderModelVersion(b.m) != runs.FolderModelVersion(a.m):
			return nil, badInput("%s and %s hold runs of different model versions (%d; %d), whose results differ: run every shard with one borderwork", a.dir, b.dir, runs.FolderModelVersion(a.m), runs.FolderModelVersion(b.m))
		case b.m.Tool != a.m.Tool || b.m.Version != a.m.Version:
			return nil, badInput("%s and %s were written by different versions of borderwork (%s, %s)", a.dir, b.dir, a.m.Version, b.m.Version)
		}
	}
	// Merged, they would be labelled as this binary's results, or the
	// tables of another engine's kept apart from this one's.
	if v := runs.FolderModelVersion(a.m); v != sim.ModelVersion {
		return nil, badInput("%s holds runs of model version %d; this binary's engine is model version %d, whose results differ: merge them with the borderwork that wrote them, or run every shard again with this one", a.dir, v, sim.ModelVersion)
	}
	return shards, nil
}

// compareShards orders two shards' manifests by their recorded shard,
// i/n, by i then n; one that records none that can be read first.
func compareShards(a, b *output.Manifest) int {
	ia, na, _ := RecordedShard(a.Sweep.Shard)
	ib, nb, _ := RecordedShard(b.Sweep.Shard)
	return cmp.Or(cmp.Compare(ia, ib), cmp.Compare(na, nb))
}

// givenOnce refuses a folder given twice, however it is spelt (sh/3 and
// ./sh/3, or a link to it): its runs would be in two shards.
func givenOnce(dirs []string) error {
	seen := make(map[string]string, len(dirs)) // the folder, resolved -> as first given
	for _, d := range dirs {
		key, err := filepath.Abs(d)
		if err != nil {
			continue
		}
		if real, err := filepath.EvalSymlinks(key); err == nil {
			key = real
		}
		first, ok := seen[key]
		switch {
		case !ok:
			seen[key] = d
		case first == d:
			return badInput("%s is given twice; merge each shard once", d)
		default:
			return badInput("%s and %s are the same folder, given twice; merge each shard once", first, d)
		}
	}
	return nil
}

// finishCommand is the command that completes the interrupted shard at
// dir, with manifest m: a sweep's from its folder alone, another
// command's in full.
func finishCommand(m *output.Manifest, dir string) string {
	if m.Command == "sweep" {
		return runs.ShellJoin([]string{"borderwork", "sweep", "--resume", "--out", dir})
	}
	return resumeCommand(m, dir, true)
}

// sameOnceReencoded reports whether shards a and b, whose scenario.toml
// differ, hold the same scenario once this borderwork reads and writes
// each again (reencodedSHA): shards of one command run by builds either
// side of a key added at a default that changes no result, which
// --resume accepts too (sameScenarioReencoded). The merged folder keeps
// the first shard's scenario.toml, which its manifest vouches for.
func sameOnceReencoded(a, b shardFolder) bool {
	sa, okA := reencodedSHA(a.dir, a.m)
	sb, okB := reencodedSHA(b.dir, b.m)
	return okA && okB && sa == sb
}

// scenarioLineDiff names the first line where the scenario.toml of the
// folders a and b differ, with the table it is in, as
// "a/scenario.toml:167 in [[origins]] has `inflow = 40.0`,
// b/scenario.toml:167 `inflow = 77.0`".
func scenarioLineDiff(a, b string) string {
	pa, pb := filepath.Join(a, "scenario.toml"), filepath.Join(b, "scenario.toml")
	ta, errA := os.ReadFile(pa)
	tb, errB := os.ReadFile(pb)
	if errA != nil || errB != nil {
		return "scenario.toml differs"
	}
	la, lb := strings.Split(string(ta), "\n"), strings.Split(string(tb), "\n")
	for i := 0; i < len(la) || i < len(lb); i++ {
		line := func(l []string) string {
			if i >= len(l) {
				return "no line"
			}
			return "`" + strings.TrimSpace(l[i]) + "`"
		}
		if i < len(la) && i < len(lb) && la[i] == lb[i] {
			continue
		}
		in := ""
		for j := min(i, len(la)-1); j >= 0; j-- {
			if h := strings.TrimSpace(la[j]); strings.HasPrefix(h, "[") {
				in = " in " + h
				break
			}
		}
		return fmt.Sprintf("%s:%d%s has %s, %s:%d %s", pa, i+1, in, line(la), pb, i+1, line(lb))
	}
	return "their manifests record different checksums of scenario.toml"
}

// runOwners says which shard holds each run, checking that every run of
// the sweep is present exactly once.
func runOwners(shards []shardFolder, total int) ([]int, error) {
	owner := make([]int, total)
	for i := range owner {
		owner[i] = -1
	}
	for s, sh := range shards {
		for _, r := range sh.m.Runs {
			if r.ID < 0 || r.ID >= total {
				return nil, badInput("%s holds run %d, outside the sweep's %d runs", sh.dir, r.ID, total)
			}
			if o := owner[r.ID]; o >= 0 {
				// Shards of other counts (0/3 and 2/4) overlap without
				// either being given twice.
				a, b := shards[o].m.Sweep.Shard, sh.m.Sweep.Shard
				_, na, _ := RecordedShard(a)
				_, nb, _ := RecordedShard(b)
				if na != nb {
					return nil, badInput("%s is shard %s and %s shard %s: shards of a sharding into %d and of one into %d overlap (run %d is in both); merge the shards of one --shard i/n", shards[o].dir, a, sh.dir, b, na, nb, r.ID)
				}
				return nil, badInput("run %d is in both %s and %s; merge each shard once", r.ID, shards[o].dir, sh.dir)
			}
			owner[r.ID] = s
		}
	}
	var missing []string
	owned := 0
	for k, o := range owner {
		if o < 0 {
			missing = append(missing, strconv.Itoa(k))
		} else {
			owned++
		}
	}
	if len(missing) > 0 {
		more := ""
		if len(missing) > 10 {
			more = fmt.Sprintf(" and %d more", len(missing)-10)
			missing = missing[:10]
		}
		noun := shardedNoun(shards[0].m.Command)
		if left := shardsLeftOut(shards); len(left) > 0 {
			verb := "is"
			if len(left) > 1 {
				verb = "are"
			}
			return nil, badInput("%s %s missing: %d of the %s's %d runs are in none of the folders given (runs %s%s); merge every shard of the %s",
				words.List(left), verb, total-owned, noun, total, strings.Join(missing, ", "), more, noun)
		}
		return nil, badInput("%d of the %s's %d runs are missing (runs %s%s); is a shard left out?", total-owned, noun, total, strings.Join(missing, ", "), more)
	}
	return owner, nil
}

// shardsLeftOut names the shards of the sweep that none of shards is,
// "shard 2/10" or "shards 2/10 and 7/10", when every one of them records
// a shard i/n of the same n (merge refuses any other before this); nil
// otherwise.
func shardsLeftOut(shards []shardFolder) []string {
	n := 0
	given := make(map[int]bool, len(shards))
	for _, sh := range shards {
		if sh.m.Sweep == nil {
			return nil
		}
		i, k, ok := RecordedShard(sh.m.Sweep.Shard)
		if !ok || (n > 0 && k != n) {
			return nil
		}
		n = k
		given[i] = true
	}
	var left []string
	for i := 0; i < n; i++ {
		if !given[i] {
			left = append(left, fmt.Sprintf("%d/%d", i, n))
		}
	}
	switch len(left) {
	case 0:
		return nil
	case 1:
		left[0] = "shard " + left[0]
	default:
		if len(left) > 10 {
			left = append(left[:10], fmt.Sprintf("%d more", len(left)-10))
		}
		left[0] = "shards " + left[0]
	}
	return left
}

// mergeTable writes the rows of one table from every shard in run order.
// Each shard's rows are in run order already, so this streams: for each
// run, copy its rows from the shard that owns it.
func mergeTable(name string, shards []shardFolder, owner []int, path string) error {
	readers := make([]*csv.Reader, len(shards))
	pending := make([][]string, len(shards))
	headers := make([][]string, len(shards))
	var header []string // the widest: an earlier borderwork's shards lack output.LaterMetrics
	for i, sh := range shards {
		f, err := os.Open(filepath.Join(sh.dir, name))
		if err != nil {
			return badInput("merge: %v", err)
		}
		defer f.Close()
		readers[i] = csv.NewReader(bufio.NewReaderSize(f, 1<<16))
		h, err := readers[i].Read()
		if err != nil {
			return badInput("merge: %s: %v", filepath.Join(sh.dir, name), err)
		}
		headers[i] = h
		if _, older := output.Upgrader(header, h); header == nil || older {
			header = h
		}
	}
	upgrade := make([]func([]string) []string, len(shards)) // nil: in header's layout
	for i, h := range headers {
		if slices.Equal(h, header) {
			continue
		}
		up, ok := output.Upgrader(h, header)
		if !ok {
			return badInput("%s: its columns differ from %s's", filepath.Join(shards[i].dir, name), shards[slices.IndexFunc(headers, func(h []string) bool { return slices.Equal(h, header) })].dir)
		}
		upgrade[i] = up
	}
	out, err := output.CreateCSV(path, header)
	if err != nil {
		return err
	}
	for k, s := range owner {
		id := strconv.Itoa(k)
		for {
			if pending[s] == nil {
				rec, err := readers[s].Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					out.Close()
					return badInput("merge: %s: %v", filepath.Join(shards[s].dir, name), err)
				}
				if upgrade[s] != nil {
					rec = upgrade[s](rec) // a new slice: the reader may reuse rec
				}
				pending[s] = rec
			}
			if pending[s][0] != id {
				break
			}
			if err := out.Write(pending[s]); err != nil {
				out.Close()
				return err
			}
			pending[s] = nil
		}
	}
	return out.Close()
}

// SameButScenarioPath reports whether command lines a and b, which name
// the scenario as argA and argB, differ only in that path: a shard run
// from another folder, or on another machine, names the same file by
// another path. Whether the scenarios are the same is the caller's to
// check (their scenario.toml); the merged folder records the first
// shard's path.
func SameButScenarioPath(a, argA, b, argB string) bool {
	wa, _ := shellWords(BaseCommandLine(a))
	wb, _ := shellWords(BaseCommandLine(b))
	if len(wa) < 3 || len(wb) < 3 || wa[2] != argA || wb[2] != argB || !scenarios.IsPath(argA) || !scenarios.IsPath(argB) {
		return false
	}
	return slices.Equal(slices.Delete(wa, 2, 3), slices.Delete(wb, 2, 3))
}
