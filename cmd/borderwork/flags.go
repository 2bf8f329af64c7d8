package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/suggest"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, " ") }
func (l *listFlag) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New("empty value")
	}
	*l = append(*l, v)
	return nil
}

// keyValueFlag collects a repeatable KEY=VALUE flag (--set, --vary). A
// value with no = is refused as the flag is read: "--set KEY VALUE", with
// a space for the =, would otherwise leave VALUE to be read as the
// SCENARIO ("no bundled scenario "30"").
type keyValueFlag []string

func (l *keyValueFlag) String() string { return strings.Join(*l, " ") }
func (l *keyValueFlag) Set(v string) error {
	return addKeyValue((*[]string)(l), v, "VALUE")
}

// varyFlag is --vary: KEY=SPEC, refused without = as --set is.
type varyFlag []string

func (l *varyFlag) String() string { return strings.Join(*l, " ") }
func (l *varyFlag) Set(v string) error {
	return addKeyValue((*[]string)(l), v, "a:b:n")
}

func addKeyValue(l *[]string, v, value string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New("empty value")
	}
	if !strings.Contains(v, "=") {
		return fmt.Errorf("want KEY=%s, with = and no space, got %q: write %s=%s", value, v, v, value)
	}
	*l = append(*l, v)
	return nil
}

// labelFlag is --label KEY=TEXT (repeatable): the text that labels a
// varied key's axis in the figures, by key. Its errors start "want ", as
// flagSet.explain shows them whole. TEXT is checked as it is read
// (experiment.LabelProblem); KEY against the folder's varied keys once
// they are known. An empty TEXT drops the key's label: the axis is
// labelled by the key again.
type labelFlag map[string]string

// labelUsage is --label's help, one text for sweep, sensitivity and plot.
const labelUsage = "label the axis of a varied key with `KEY=TEXT` in every figure, in place of the key and its unit\n" +
	"(repeatable; TEXT one line of at most 80 characters; KEY= with no text drops KEY's label)"

func (l labelFlag) String() string {
	return strings.Join(output.FigureOptions{Labels: l}.LabelArgs(), " ")
}

func (l *labelFlag) Set(v string) error {
	key, text, ok := strings.Cut(v, "=")
	key = strings.TrimSpace(key)
	switch {
	case !ok:
		return fmt.Errorf("want KEY=TEXT, with =, got %q", v)
	case key == "":
		return fmt.Errorf("want KEY=TEXT, a varied key before the =, got %q", v)
	}
	if _, twice := (*l)[key]; twice {
		return fmt.Errorf("want one --label per key, got two for %s", key)
	}
	if text != "" {
		if problem := experiment.LabelProblem(text); problem != "" {
			return fmt.Errorf("want TEXT one line of plain text, got a label of %s that %s", key, problem)
		}
	}
	if *l == nil {
		*l = labelFlag{}
	}
	(*l)[key] = text
	return nil
}

// flagSet is a subcommand's flags with the usage text of the go tool.
type flagSet struct {
	*flag.FlagSet
	usageLine string // e.g. "borderwork compare [flags] [SCENARIO]"
	doc       string // what the command does
	stderr    io.Writer
	set       map[string]bool // flags given on the command line
	emptyOK   map[string]bool // string flags that may be given empty ("--formats ''": no figures)
	// follows names, for each positional argument, the flag whose value
	// it comes right after ("" if none): "--regimes open closed" leaves
	// closed after --regimes' value, "--out o extra" extra after --out's.
	follows []string
	// defaultMore adds to the default the help prints, in the same
	// parenthesis: "(default open; closed with flow counts)".
	defaultMore map[string]string
}

func newFlagSet(name, usageLine, doc string, e *env) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), usageLine: usageLine, doc: doc, stderr: e.stderr}
	fs.SetOutput(io.Discard)
	e.flags = fs
	return fs
}

// IntVar, Int64Var and Int define flags of whole numbers written in
// decimal, in place of the flag package's, which reads "010" as octal 8,
// "0x10" as 16 and "0b10" as 2: a zero-padded seed from a script would
// run another experiment than the one it names, and --set seed=010 is
// read in decimal.
func (fs *flagSet) IntVar(p *int, name string, value int, usage string) {
	*p = value
	fs.Var(decimal[int]{p}, name, usage)
}

func (fs *flagSet) Int64Var(p *int64, name string, value int64, usage string) {
	*p = value
	fs.Var(decimal[int64]{p}, name, usage)
}

func (fs *flagSet) Int(name string, value int, usage string) *int {
	p := new(int)
	fs.IntVar(p, name, value, usage)
	return p
}

// decimal is a flag.Value of a whole number in decimal.
type decimal[T int | int64] struct{ p *T }

func (d decimal[T]) Set(s string) error {
	bits := 64
	if _, ok := any(*d.p).(int); ok {
		bits = strconv.IntSize
	}
	v, err := strconv.ParseInt(s, 10, bits)
	switch {
	case errors.Is(err, strconv.ErrRange) && strings.HasPrefix(s, "-"):
		return fmt.Errorf("want a larger whole number, got %q", s) // the flag's own check gives its lower bound
	case errors.Is(err, strconv.ErrRange):
		// The most a whole number can be; a flag's own check may allow
		// less (--reps), but --seed takes all of it.
		return fmt.Errorf("want a smaller whole number (at most %d), got %q", uint64(1)<<(bits-1)-1, s)
	case err != nil && len(s) > 2 && s[0] == '0' && strings.ContainsRune("xXoObB", rune(s[1])):
		return fmt.Errorf("want a whole number in decimal digits, got %q", s)
	case err != nil:
		return fmt.Errorf("want a whole number, got %q", s)
	}
	*d.p = T(v)
	return nil
}

func (d decimal[T]) String() string {
	if d.p == nil {
		return "0"
	}
	return strconv.FormatInt(int64(*d.p), 10)
}

func (d decimal[T]) Get() any { return *d.p }

// printUsage writes the command's help in the go tool's layout.
func (fs *flagSet) printUsage(w io.Writer) {
	fmt.Fprintf(w, "usage: %s\n\n%s\n", fs.usageLine, strings.TrimSpace(fs.doc))
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprint(w, "\nFlags:\n")
			first = false
		}
		name, help := flag.UnquoteUsage(f)
		arg := "--" + f.Name
		if name != "" {
			arg += " " + name
		}
		fmt.Fprintf(w, "  %s\n    \t%s", arg, strings.ReplaceAll(help, "\n", "\n    \t"))
		// A zero default goes unsaid where it means none (a count, a
		// rate); a text default of "0" names something (replicate 0).
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" && (f.DefValue != "0" || isText(f)) {
			fmt.Fprintf(w, " (default %s%s)", f.DefValue, fs.defaultMore[f.Name])
		}
		fmt.Fprintln(w)
	})
}

// isText reports whether a flag takes text (a flag.String), not a number.
func isText(f *flag.Flag) bool {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	_, text := g.Get().(string)
	return text
}

// parse reads flags and positional arguments in any order ("compare sahel
// --reps 5" as well as "compare --reps 5 sahel"). A bad flag prints the
// error and the usage, and returns errShown.
func (fs *flagSet) parse(args []string, e *env) ([]string, error) {
	// Every argument is recorded in a command line (manifest.json, which
	// holds text only): one that is not UTF-8 would come back as another
	// name, and the line would not rerun what ran.
	for _, a := range args {
		if !utf8.ValidString(a) {
			return nil, usageErrorf("the argument %s holds bytes that are not UTF-8 text; borderwork records its command line as text, so rename the file (or give the value) in UTF-8", strconv.QuoteToASCII(a))
		}
	}
	var positional []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.printUsage(e.stdout)
			return nil, flag.ErrHelp
		}
		if err != nil {
			// One line (the help says more): the problem, and the usage.
			return nil, usageErrorf("%s (usage: %s; 'borderwork help %s' says more)", fs.explain(err), fs.usageLine, fs.Name())
		}
		fs.follows = append(fs.follows, flagEnding(args[:len(args)-len(fs.Args())]))
		args = fs.Args()
		if len(args) == 0 {
			fs.follows = fs.follows[:len(fs.follows)-1] // no positional follows the last
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	fs.set = map[string]bool{}
	var empty []string
	fs.Visit(func(f *flag.Flag) {
		fs.set[f.Name] = true
		if g, ok := f.Value.(flag.Getter); ok {
			if v, ok := g.Get().(string); ok && strings.TrimSpace(v) == "" && !fs.emptyOK[f.Name] {
				empty = append(empty, "--"+f.Name)
			}
		}
	})
	if len(empty) > 0 {
		return nil, usageErrorf("%s is given an empty value; give a value, or leave the flag out for its default", empty[0])
	}
	return positional, nil
}

// flagEnding is the name of the flag whose value ends the arguments
// consumed ("--name value" or "--name=value"), "" if they end otherwise
// or are none.
func flagEnding(consumed []string) string {
	n := len(consumed)
	name := func(a string) string { return strings.TrimLeft(a, "-") }
	switch {
	case n >= 1 && strings.HasPrefix(consumed[n-1], "-") && strings.Contains(consumed[n-1], "="):
		return name(consumed[n-1][:strings.Index(consumed[n-1], "=")])
	case n >= 2 && strings.HasPrefix(consumed[n-2], "-") && !strings.Contains(consumed[n-2], "="):
		return name(consumed[n-2])
	}
	return ""
}

// otherToolsFlags are the names other tools (NetLogo's BehaviorSpace,
// Mesa's batch_run, web servers), or the scenario file's own keys, give
// what a flag of borderwork's sets, too many edits away for a typo:
// --replicates is --reps, --ticks is --days.
var otherToolsFlags = map[string]string{
	"replicates": "reps", "replications": "reps", "repetitions": "reps", "iterations": "reps", "runs": "reps", "n": "reps",
	"steps": "days", "ticks": "days", "max-steps": "days", "max_steps": "days",
	"threads": "workers", "jobs": "workers", "j": "workers", "cores": "workers", "cpus": "workers", "processes": "workers", "number_processes": "workers",
	"param": "set", "parameter": "set", "override": "set",
	"port": "addr", "host": "addr", "listen": "addr",
	"outdir": "out", "output-dir": "out", "dir": "out",
}

// scenarioFlags are flags a newcomer gives the scenario with, which
// borderwork takes as an argument.
var scenarioFlags = map[string]bool{"scenario": true, "config": true, "file": true, "input": true, "model": true}

// flagError reads the flag package's errors, which name flags with one
// dash ("flag provided but not defined: -rep").
var flagError = regexp.MustCompile(`^(flag provided but not defined|flag needs an argument|bad flag syntax): -*(.*)$|^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]*): (.*)$`)

// explain rewrites an error of the flag package in the words of this
// command's help: flags with two dashes, a suggestion for an unknown one,
// and what a value should have been.
func (fs *flagSet) explain(err error) string {
	m := flagError.FindStringSubmatch(err.Error())
	if m == nil {
		return err.Error()
	}
	switch m[1] {
	case "flag provided but not defined":
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		name, _, _ := strings.Cut(m[2], "=")
		hint := ""
		if c := suggest.Closest(name, names); c != "" {
			hint = "; did you mean --" + c + "?"
		} else if c := otherToolsFlags[strings.ToLower(name)]; c != "" && fs.Lookup(c) != nil {
			arg, _ := flag.UnquoteUsage(fs.Lookup(c))
			hint = "; did you mean --" + strings.TrimSpace(c+" "+arg) + "?"
		} else if scenarioFlags[strings.ToLower(name)] && strings.Contains(fs.usageLine, "SCENARIO") {
			hint = fmt.Sprintf(": give the scenario as an argument, as in 'borderwork %s classroom'", fs.Name())
		}
		return fmt.Sprintf("unknown flag --%s%s", name, hint)
	case "flag needs an argument":
		f := fs.Lookup(m[2])
		arg := "a value"
		if f != nil {
			if name, _ := flag.UnquoteUsage(f); name != "" {
				arg = name
			}
		}
		return fmt.Sprintf("--%s needs a value: --%s %s", m[2], m[2], arg)
	case "bad flag syntax":
		return fmt.Sprintf("bad flag syntax: %q", m[2])
	}
	value, name := m[3], m[4]
	// A flag of this command's own type says what it wants itself.
	if strings.HasPrefix(m[5], "want ") {
		return fmt.Sprintf("--%s: %s", name, m[5])
	}
	want := "another value"
	if f := fs.Lookup(name); f != nil {
		switch fmt.Sprintf("%T", f.Value) {
		case "*flag.float64Value":
			want = "a number"
		case "*flag.boolValue":
			want = "true or false"
		case "*flag.durationValue":
			want = "a duration such as 90s"
		}
	}
	return fmt.Sprintf("--%s: want %s, got %q", name, want, value)
}

func defaultWorkers() int { return runtime.NumCPU() }

// common holds the flags most commands share (docs/CLI.md).
type common struct {
	seed     int64
	days     int
	reps     int
	regimes  string
	sets     keyValueFlag
	workers  int
	out      string
	formats  string
	bands    string
	size     string
	quiet    bool
	progress bool
	// progressEvery is --progress-every: how often progress prints a
	// line off a terminal.
	progressEvery time.Duration
	json          bool
	// regimeFlag is the flag that chose the regimes, for messages.
	regimeFlag string
	// given are the flags given on the command line.
	given  map[string]bool
	force  bool
	limits limitFlags
}

// limitFlags are --max-memory and --max-work, which change the limits the
// environment sets (runs.LimitsFromEnv).
type limitFlags struct{ memory, work string }

func (l *limitFlags) register(fs *flagSet) {
	fs.StringVar(&l.memory, "max-memory", "", "refuse what is expected to need more than `SIZE` of memory at once, such as 16GiB,\nand hold the process to it while it runs (default $"+runs.EnvMaxMemory+", or 8GiB)")
	fs.StringVar(&l.work, "max-work", "", "refuse what is expected to simulate more than `N` agent-steps, such as 1e14\n(default $"+runs.EnvMaxWork+", or 1e13)")
}

// get is the limits: the environment's, changed by the flags.
func (l *limitFlags) get() (runs.Limits, error) {
	lim, err := runs.LimitsFromEnv(os.Getenv)
	if err != nil {
		return lim, err
	}
	if l.memory != "" {
		if lim.Memory, err = runs.ParseSize(l.memory); err != nil {
			return lim, usageErrorf("--max-memory: %v", err)
		}
	}
	if l.work != "" {
		if lim.Work, err = runs.ParseWork(l.work); err != nil {
			return lim, usageErrorf("--max-work: %v", err)
		}
	}
	holdMemoryTo(lim.Memory)
	return lim, nil
}

// holdMemoryTo asks the process to keep its memory under the limit a
// command checked its plan against: the estimate counts what the command
// keeps, and without a bound the garbage collector lets the heap grow to
// twice that before it collects, so that a job given --max-memory as its
// cluster allocation (docs/cluster/sweep.sbatch) could pass the check and
// then be killed for memory. main sets it (debug.SetMemoryLimit); tests,
// which run many commands in one process, leave it doing nothing.
var holdMemoryTo = func(limit int64) {}

// forceUsage is --force's help, one text for every command that writes a
// folder (docs/CLI.md, "Common flags").
const forceUsage = "replace a folder at --out that holds files borderwork did not write, files changed since it wrote\n" +
	"them, or another command's, scenario's or shard's results; the changed files are replaced, files\n" +
	"and folders borderwork did not write are kept, and one named like a file borderwork writes is\n" +
	"refused even then"

// setUsage, formatsUsage and outUsage are the usage of --set, --formats
// and --out, the same for every command that takes them (claim and check
// registered shorter ones of their own).
const (
	setUsage     = "override a scenario key: `KEY=VALUE`, KEY a dotted path such as\nregimes.malfunctioning.outage_start (repeatable)"
	formatsUsage = "figure `formats`, comma-separated ('' for none)"
)

// outUsage is the start of --out's usage for command, without its closing
// parenthesis.
func outUsage(command string) string {
	return "write the output folder to `DIR` (default out/" + command + "-SCENARIO, SCENARIO the\nbundled name or the file's name without .toml"
}

// register adds the common flags; run adds --regime of its own instead
// of --regimes (registerRegimes).
func (c *common) register(fs *flagSet, outDefault string, withOut bool) {
	fs.Int64Var(&c.seed, "seed", 0, "the master seed, `N` (default: the scenario's seed)")
	fs.IntVar(&c.days, "days", 0, "simulate `N` days (default: the scenario's days)")
	fs.IntVar(&c.reps, "reps", 0, "`N` replicates per regime (default: the scenario's replicates, 20 if unset)")
	fs.Var(&c.sets, "set", setUsage)
	fs.IntVar(&c.workers, "workers", defaultWorkers(), "run on `N` workers; results do not depend on it")
	c.registerProgress(fs)
	fs.BoolVar(&c.json, "json", false, "print a machine-readable summary on stdout")
	if withOut {
		usage := outUsage(fs.Name())
		if fs.Name() == "sweep" || fs.Name() == "sensitivity" { // the commands that shard
			usage += "; out/" + fs.Name() + "-SCENARIO-shard-I-of-N for --shard I/N"
		}
		fs.StringVar(&c.out, "out", outDefault, usage+")")
		fs.StringVar(&c.formats, "formats", "png,svg,pdf", formatsUsage)
		fs.BoolVar(&c.force, "force", false, forceUsage)
		fs.emptyOK = map[string]bool{"formats": true}
	}
	c.limits.register(fs)
}

// registerProgress adds --quiet, --progress and --progress-every.
func (c *common) registerProgress(fs *flagSet) {
	fs.BoolVar(&c.quiet, "quiet", false, "print no progress and no timing line on standard error")
	fs.BoolVar(&c.progress, "progress", false, "print progress on standard error even when it is not a terminal (a line every 5 seconds)")
	fs.DurationVar(&c.progressEvery, "progress-every", progressEvery, "print progress as --progress does, a line every `DURATION` (such as 10m, for a batch job's log)")
}

// registerRegimes adds --regimes.
func (c *common) registerRegimes(fs *flagSet) {
	fs.StringVar(&c.regimes, "regimes", "", "comma-separated `list` of regimes (default: the scenario's default regimes)")
	c.regimeFlag = "--regimes"
}

// registerFigureFlags adds --bands and --size, which say how figures are
// drawn (and are recorded, so that plot draws them the same way).
func registerFigureFlags(fs *flagSet, bands, size *string) {
	fs.StringVar(bands, "bands", output.BandsPercentile, "the `choice` of what bands and error bars show: percentile (the middle 95% of replicates),\nreplicates (each replicate drawn thinly) or ci (95% confidence interval of the mean)")
	registerSizeFlag(fs, size)
}

// registerSizeFlag adds --size alone, for sensitivity, whose figures draw
// no bands by --bands.
func registerSizeFlag(fs *flagSet, size *string) {
	fs.StringVar(size, "size", figures.Double.Name, "figure `size`: double (17.4 cm wide, two journal columns) or single (8.4 cm, one column)")
}

// figureOptions are the figure options the flags give: the default bands
// for a command that takes no --bands.
func (c *common) figureOptions() *output.FigureOptions {
	o := output.DefaultFigureOptions()
	if c.bands != "" {
		o.Bands = c.bands
	}
	if c.size != "" {
		o.Size = c.size
	}
	return &o
}

// check validates the flags' values; it writes nothing.
func (c *common) check(fs *flagSet) error {
	switch {
	case fs.set["seed"] && c.seed < 0:
		return usageErrorf("--seed must be 0 or more, got %d", c.seed)
	case fs.set["days"] && (c.days < 1 || c.days > sim.MaxDays):
		return usageErrorf("--days must be a number of days in [1, %d], got %d", sim.MaxDays, c.days)
	case fs.set["reps"] && (c.reps < 1 || c.reps > runs.MaxReps):
		return usageErrorf("--reps must be a count in [1, %d], got %d", runs.MaxReps, c.reps)
	case c.workers < 1:
		return usageErrorf("--workers must be at least 1, got %d", c.workers)
	case c.quiet && c.progress:
		return usageErrorf("--quiet and --progress contradict each other: give one")
	case c.quiet && fs.set["progress-every"]:
		return usageErrorf("--quiet and --progress-every contradict each other: give one")
	case fs.set["progress-every"] && c.progressEvery < time.Second:
		return usageErrorf("--progress-every must be at least 1s, got %s", c.progressEvery)
	}
	if _, err := parseFormats(c.formats); err != nil {
		return err
	}
	if c.out != "" { // before a study is planned or a scenario run
		if err := output.CheckPlace(c.out); err != nil {
			return usageErrorf("--out: %v", err)
		}
	}
	// Choices, like formats, are read in any case and recorded in lower
	// case: --bands CI is --bands ci.
	c.bands, c.size = canonicalChoice(c.bands), canonicalChoice(c.size)
	if c.bands != "" || c.size != "" {
		if err := experiment.CheckFigureOptions(*c.figureOptions(), nil); err != nil {
			return err
		}
	}
	_, err := c.limits.get()
	return err
}

// canonicalChoice is the value of a flag of named choices (--bands,
// --size) as it is checked and recorded: without surrounding spaces, in
// lower case, as parseFormats reads --formats.
func canonicalChoice(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// parseFormats reads --formats: figure formats, each once in the order
// first given (a format named twice is drawn once, and recorded once).
func parseFormats(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var out []string
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f != "png" && f != "svg" && f != "pdf" {
			return nil, usageErrorf("--formats: unknown format %q (want png, svg, pdf)", f)
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out, nil
}

// loadScenario reads the scenario named by arg (or the default), applies
// --set and the --seed, --days and --reps flags, and validates it.
func (c *common) loadScenario(arg string, fs *flagSet) (*scenarios.Scenario, error) {
	s, err := scenarios.Load(arg)
	if err != nil {
		return nil, err
	}
	for _, kv := range c.sets {
		if err := s.Set(kv); err != nil {
			return nil, err
		}
	}
	// The file is held to its rules whatever the flags change, as check
	// holds it: replicates = 0 is an error even with --reps.
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if fs.set["seed"] {
		s.File.Seed = c.seed
	}
	if fs.set["days"] {
		s.File.Days = c.days
	}
	if fs.set["reps"] {
		s.File.Replicates = c.reps
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if formats, _ := parseFormats(c.formats); len(formats) > 0 {
		warnUndrawable(fs.stderr, fs.Name(), s)
	}
	return s, nil
}

// warnUndrawable says, on w, which names of s figures cannot draw as
// written, if any.
func warnUndrawable(w io.Writer, command string, s *scenarios.Scenario) {
	if names := undrawableNames(s); len(names) > 0 {
		fmt.Fprintf(w, "borderwork %s: warning: the figures' font has no letters for %s: figures draw each of those letters as '?'; tables and report.md give the names as written, and a name in Latin letters draws in figures\n",
			command, words.List(names))
	}
}

// undrawableNames are the names of s that reach figures (its own, its
// locations', posts', regimes', monitors' and programmes') with letters
// the figures' font lacks, each once, in the scenario's order. Figures
// draw such a letter as '?' (figures.Undrawable): said before the runs,
// the user can rename before hours of a sweep.
func undrawableNames(s *scenarios.Scenario) []string {
	names := []string{s.File.Name}
	for _, l := range s.File.Locations {
		names = append(names, l.Name)
	}
	for _, p := range s.File.Posts {
		names = append(names, p.Name)
	}
	names = append(names, s.RegimeNames()...)
	for _, m := range s.File.Monitors {
		names = append(names, m.Name)
	}
	names = append(names, s.ProgrammeNames()...)
	var out []string
	for _, n := range names {
		if figures.Undrawable(n) != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// outDir is --out, or where command writes its folder for s by default
// (experiment.DefaultOut).
func (c *common) outDir(command string, s *scenarios.Scenario) string {
	if c.out != "" {
		return c.out
	}
	return experiment.DefaultOut(command, s.Source)
}

// regimeList resolves --regimes against the scenario.
func (c *common) regimeList(s *scenarios.Scenario) ([]string, error) {
	if c.regimes == "" {
		return s.DefaultRegimes(), nil
	}
	var out []string
	known := s.RegimeNames()
	for _, r := range strings.Split(c.regimes, ",") {
		r = strings.TrimSpace(r)
		if r == "" {
			return nil, usageErrorf("%s %q: an empty regime name (want names separated by commas)", c.regimeFlag, c.regimes)
		}
		if !slices.Contains(known, r) {
			return nil, usageErrorf("%s: unknown regime %q (regimes of %s: %s)%s", c.regimeFlag, r, s.File.Name, strings.Join(known, ", "), suggest.Hint(r, known))
		}
		if slices.Contains(out, r) {
			return nil, usageErrorf("%s: %q is listed twice", c.regimeFlag, r)
		}
		out = append(out, r)
	}
	return out, nil
}

// parseArgs parses a simulating command's arguments: flags, at most one
// SCENARIO, and checks of the flags' values.
func (c *common) parseArgs(fs *flagSet, args []string, e *env) (string, error) {
	pos, err := fs.parse(args, e)
	if err != nil {
		return "", err
	}
	arg, err := onePositional(fs, pos)
	if err != nil {
		return "", err
	}
	c.given = fs.set
	return arg, c.check(fs)
}

// onePositional returns the single optional positional argument.
func onePositional(fs *flagSet, pos []string) (string, error) {
	switch len(pos) {
	case 0:
		return "", nil
	case 1:
		if strings.TrimSpace(pos[0]) == "" {
			// An unset variable ("$FILE"): not the default scenario,
			// which would run, and succeed, in place of the one meant.
			return "", usageErrorf("the SCENARIO given is empty; name a bundled scenario or a file, or give none for the default (usage: %s)", fs.usageLine)
		}
		// --regimes open closed, with no SCENARIO: closed is no scenario.
		if fs.set["regimes"] && slices.Contains(scenarios.BuiltinRegimes, pos[0]) && !slices.Contains(scenarios.Names(), pos[0]) {
			return "", usageErrorf("%q is a regime, not a SCENARIO; a list takes commas and no spaces: --regimes %s,%s", pos[0], strings.TrimSuffix(fs.Lookup("regimes").Value.String(), ","), pos[0])
		}
		return runs.ScenarioWord(pos[0]), nil
	}
	// --regimes open closed (or open, closed) leaves closed to be read
	// as a second SCENARIO: say how a list is written.
	// Said only of a word right after such a flag's value: after --out's
	// it is no item of a list.
	hint := ""
	for _, name := range []string{"regimes", "formats", "figure-metrics", "figure-regimes", "metrics", "own", "effects"} {
		at := slices.Index(fs.follows, name)
		if !fs.set[name] || at < 0 {
			continue
		}
		// The word after the value; after a SCENARIO, every word from it.
		items := pos[at : at+1]
		if at == 1 {
			items = pos[1:]
		}
		hint = fmt.Sprintf("; a list takes commas and no spaces: --%s %s", name, strings.Join(append([]string{fs.Lookup(name).Value.String()}, items...), ","))
		hint = strings.ReplaceAll(hint, ",,", ",")
		break
	}
	return "", usageErrorf("want at most one SCENARIO, got %s%s (usage: %s)", strconv.Quote(strings.Join(pos, " ")), hint, fs.usageLine)
}
