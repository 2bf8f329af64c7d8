package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
)

// helpOf runs a command with --help and returns its help text and the
// flag set it made.
func helpOf(t *testing.T, c command, arg string) (string, *flagSet) {
	t.Helper()
	var out bytes.Buffer
	e := &env{stdout: &out, stderr: io.Discard}
	if err := c.run(context.Background(), []string{arg}, e); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("%s %s = %v; want the help", c.name, arg, err)
	}
	if e.flags == nil {
		t.Fatalf("%s made no flag set", c.name)
	}
	return out.String(), e.flags
}

var flagMention = regexp.MustCompile(`(?:^|[^-\w])--([a-z][a-z0-9-]*)`)

// TestHelpShowsEveryFlag keeps every command's help true: each flag the
// help text mentions is one the command accepts (or, where the text names
// another command just before it, as in "sweep --shard", one that command
// accepts), and each flag the command accepts is listed under Flags.
// -h and --help give the same text.
func TestHelpShowsEveryFlag(t *testing.T) {
	t.Parallel()
	flagsOf := map[string]*flagSet{}
	helps := map[string]string{}
	var names []string
	for _, c := range commands() {
		helps[c.name], flagsOf[c.name] = helpOf(t, c, "--help")
		names = append(names, c.name)
		if short, _ := helpOf(t, c, "-h"); short != helps[c.name] {
			t.Errorf("%s -h and --help print different text", c.name)
		}
	}
	for _, c := range commands() {
		text, fs := helps[c.name], flagsOf[c.name]
		for _, line := range strings.Split(text, "\n") {
			for _, m := range flagMention.FindAllStringSubmatchIndex(line, -1) {
				name := line[m[2]:m[3]]
				// The word just before the flag, past placeholders such
				// as DIR, may name the command the flag belongs to.
				owner := c.name
				words := strings.Fields(line[:m[2]])
				for j := len(words) - 1; j >= 0; j-- {
					w := strings.Trim(words[j], "'`\"(")
					if w != "" && w == strings.ToUpper(w) {
						continue
					}
					if slices.Contains(names, w) {
						owner = w
					}
					break
				}
				if flagsOf[owner].Lookup(name) == nil {
					t.Errorf("the help of %s mentions --%s, which %s does not accept:\n  %s", c.name, name, owner, line)
				}
			}
		}
		_, listed, ok := strings.Cut(text, "\nFlags:\n")
		fs.VisitAll(func(f *flag.Flag) {
			if !ok || !regexp.MustCompile(`(?m)^  --`+regexp.QuoteMeta(f.Name)+`( |$)`).MatchString(listed) {
				t.Errorf("%s accepts --%s, which its help does not list", c.name, f.Name)
			}
		})
	}
}

// TestRunHasNoRegimes: run takes one --regime; --regimes, which it would
// refuse, is neither listed nor accepted, and its error suggests --regime.
func TestRunHasNoRegimes(t *testing.T) {
	t.Parallel()
	i := slices.IndexFunc(commands(), func(c command) bool { return c.name == "run" })
	text, fs := helpOf(t, commands()[i], "--help")
	if fs.Lookup("regimes") != nil || strings.Contains(text, "--regimes") {
		t.Error("run lists or accepts --regimes")
	}
	status, _, stderr := runCLI(t, "run", "--regimes", "hbm")
	if status != exitUsage || !strings.Contains(stderr, "unknown flag --regimes; did you mean --regime?") {
		t.Errorf("run --regimes: status %d, %q", status, stderr)
	}
}

// TestMistakesGetHelp: typos in commands, flags, scenario names, regimes
// and keys get a suggestion, flags are named with two dashes, and a value
// of the wrong type is named in plain words.
func TestMistakesGetHelp(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"compre"}, `unknown command "compre"; did you mean compare?`},
		{[]string{"run", "--rep", "5"}, "unknown flag --rep; did you mean --reps?"},
		{[]string{"sweep", "--vary=a=1,2", "--desing", "lhs"}, "unknown flag --desing; did you mean --design?"},
		// Another tool's name for a flag, too far from it for a typo: the
		// scenario file's own replicates, BehaviorSpace's ticks and
		// threads, a web server's port; and the scenario as a flag.
		{[]string{"compare", "--replicates", "5"}, "unknown flag --replicates; did you mean --reps N?"},
		{[]string{"run", "--ticks", "90"}, "unknown flag --ticks; did you mean --days N?"},
		{[]string{"sweep", "--threads", "4"}, "unknown flag --threads; did you mean --workers N?"},
		{[]string{"serve", "--port", "8081"}, "unknown flag --port; did you mean --addr HOST:PORT?"},
		{[]string{"compare", "--scenario", "classroom"}, "unknown flag --scenario: give the scenario as an argument, as in 'borderwork compare classroom'"},
		{[]string{"reproduce", "--replicates", "5", "nowhere"}, "unknown flag --replicates (usage:"}, // reproduce has no --reps
		// A space for the = of --set or --vary would leave the value to be
		// read as the SCENARIO ("no bundled scenario "30"").
		{[]string{"compare", "--set", "regimes.malfunctioning.outage_days", "30"}, `--set: want KEY=VALUE, with = and no space, got "regimes.malfunctioning.outage_days": write regimes.malfunctioning.outage_days=VALUE`},
		// A list with a space in it leaves its tail to be read as a
		// SCENARIO: say how a list is written.
		{[]string{"compare", "classroom", "--regimes", "open", "closed"}, `want at most one SCENARIO, got "classroom closed"; a list takes commas and no spaces: --regimes open,closed (usage:`},
		{[]string{"compare", "--regimes", "open,", "closed"}, `"closed" is a regime, not a SCENARIO; a list takes commas and no spaces: --regimes open,closed`},
		{[]string{"compare", "classroom", "sahel"}, `want at most one SCENARIO, got "classroom sahel" (usage:`},
		{[]string{"compare", "--regimes", "open", "closed", "classroom"}, `want at most one SCENARIO, got "closed classroom"; a list takes commas and no spaces: --regimes open,closed (usage:`},
		{[]string{"compare", "classroom", "--formats=png", "svg"}, `want at most one SCENARIO, got "classroom svg"; a list takes commas and no spaces: --formats png,svg (usage:`},
		// A word after another flag's value is no item of a list given
		// elsewhere ("--formats png,extra" was advised).
		{[]string{"run", "classroom", "--formats", "png", "--out", "o9", "extra"}, `want at most one SCENARIO, got "classroom extra" (usage:`},
		{[]string{"check", "sahel", "--set", "days"}, `--set: want KEY=VALUE, with = and no space, got "days": write days=VALUE`},
		{[]string{"sweep", "--vary", "regimes.malfunctioning.outage_start", "0:0.2:5"}, `--vary: want KEY=a:b:n, with = and no space, got "regimes.malfunctioning.outage_start": write regimes.malfunctioning.outage_start=a:b:n`},
		{[]string{"run", "--reps", "five"}, `--reps: want a whole number, got "five"`},
		// Whole numbers are decimal: not hexadecimal, binary or octal
		// ("--seed 010" is seed 10: TestDecimalFlags).
		// An empty SCENARIO (an unset "$FILE") is no scenario, not the
		// default one.
		{[]string{"compare", "", "--days", "5"}, "the SCENARIO given is empty"},
		{[]string{"check", " "}, "the FILE given is empty"},
		{[]string{"run", "--seed", "0x10"}, `--seed: want a whole number in decimal digits, got "0x10"`},
		{[]string{"run", "--reps", "0b10"}, `--reps: want a whole number in decimal digits, got "0b10"`},
		{[]string{"run", "--days", "1_000"}, `--days: want a whole number, got "1_000"`},
		{[]string{"run", "--reps", "99999999999999999999"}, `--reps: want a smaller whole number (at most ` + strconv.Itoa(math.MaxInt) + `), got "99999999999999999999"`},
		{[]string{"run", "--seed", "9223372036854775808"}, `--seed: want a smaller whole number (at most 9223372036854775807), got "9223372036854775808"`},
		{[]string{"run", "--seed", "-9223372036854775809"}, `--seed: want a larger whole number, got "-9223372036854775809"`},
		{[]string{"run", "--quiet=maybe"}, `--quiet: want true or false, got "maybe"`},
		{[]string{"run", "--reps"}, "--reps needs a value: --reps N"},
		{[]string{"compare", "tahel"}, "did you mean sahel?"},
		{[]string{"run", small, "--regime", "hbmm"}, `--regime: unknown regime "hbmm"`},
		{[]string{"run", small, "--regime", "hbmm"}, "did you mean hbm?"},
		{[]string{"compare", small, "--regimes", "open,closd"}, `--regimes: unknown regime "closd"`},
		{[]string{"check", small, "--set", "regimes.closed.patrl=0.1"}, "did you mean patrol?"},
		{[]string{"check", small, "--set", `posts.Gate.capacity="5"`}, `want a number, got the text "5"`},
		{[]string{"check", small, "--set", "days=5.5"}, "want a whole number, got the number 5.5"},
		{[]string{"check", small, "--set", "days=1e3"}, "want a whole number, got the number 1e3, a decimal number to TOML: write a whole number in digits alone (1000, not 1e3 or 1000.0)"},
		{[]string{"check", small, "--set", "links.+1.days=3"}, `links has no element "+1" (give a name or an index from 0 to`},
		{[]string{"version", "extra"}, `version takes no arguments, got "extra"`},
		{[]string{"plot", "--formats", "", "nowhere"}, "--formats is given an empty value"}, // as docs/CLI.md says
		{[]string{"plot", "--bands", "percentil", "nowhere"}, ""},
	} {
		status, _, stderr := runCLI(t, tc.args...)
		if status != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: status %d, stderr %q; want 2 and %q", strings.Join(tc.args, " "), status, stderr, tc.want)
		}
		if strings.Contains(stderr, " -"+strings.TrimPrefix(tc.want, "--")) && strings.HasPrefix(tc.want, "--") {
			t.Errorf("%s: a flag named with one dash: %q", strings.Join(tc.args, " "), stderr)
		}
	}
}

func TestVersionFlag(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"--version"}, {"version"}, {"-version"}} {
		status, stdout, _ := runCLI(t, args...)
		if status != 0 || !strings.HasPrefix(stdout, "borderwork ") || !strings.Contains(stdout, "commit ") {
			t.Errorf("%v: status %d, %q", args, status, stdout)
		}
	}
	_, stdout, _ := runCLI(t, "--version")
	if !strings.Contains(stdout, "Note: built without version-control information") {
		t.Errorf("a test binary has no revision, and --version should say so: %q", stdout)
	}
}

// TestHelpAboutHelp: asking for help about help, in any spelling, prints
// the command list (it once recursed until the stack overflowed), and
// help about a command prints that command's help.
func TestHelpAboutHelp(t *testing.T) {
	t.Parallel()
	_, list, _ := runCLI(t, "help")
	for _, args := range [][]string{
		{"help", "help"}, {"help", "-h"}, {"help", "--help"}, {"help", "-help"},
		{"-h", "help"}, {"--help", "--help"}, {"-help", "-h"},
	} {
		status, stdout, stderr := runCLI(t, args...)
		if status != exitOK || stdout != list || stderr != "" {
			t.Errorf("%v: status %d, stdout %d bytes, stderr %q; want 0 and the command list", args, status, len(stdout), stderr)
		}
	}
	status, stdout, _ := runCLI(t, "help", "run")
	if status != exitOK || stdout == list || !strings.Contains(stdout, "--regime") {
		t.Errorf("help run: status %d, %q; want 0 and run's help", status, stdout)
	}
}

// flagEntries splits a help's Flags section into each flag's entry, its
// lines joined by single spaces, by flag name.
func flagEntries(help string) map[string]string {
	_, listed, _ := strings.Cut(help, "\nFlags:\n")
	entries := map[string]string{}
	name := ""
	for _, line := range strings.Split(listed, "\n") {
		if rest, ok := strings.CutPrefix(line, "  --"); ok {
			name, _, _ = strings.Cut(rest, " ")
		}
		if name != "" {
			entries[name] = strings.TrimSpace(entries[name] + " " + strings.Join(strings.Fields(line), " "))
		}
	}
	return entries
}

// TestHelpGivesOneDefault: no flag's help gives its default twice, in two
// parentheses ("(default closed there) (default open)"), and the defaults
// that depend on the data folder say so where the flag is listed.
func TestHelpGivesOneDefault(t *testing.T) {
	t.Parallel()
	for _, c := range commands() {
		help, _ := helpOf(t, c, "--help")
		for name, entry := range flagEntries(help) {
			if n := strings.Count(entry, "(default"); n > 1 {
				t.Errorf("%s --%s gives %d defaults: %s", c.name, name, n, entry)
			}
		}
	}
	var validate command
	for _, c := range commands() {
		if c.name == "validate" {
			validate = c
		}
	}
	help, _ := helpOf(t, validate, "--help")
	entries := flagEntries(help)
	for _, tt := range []struct{ flag, want string }{
		{"reps", "with flow counts, 2 of each kept parameter set"},
		{"regime", "(default open; closed with flow counts)"},
	} {
		if !strings.Contains(entries[tt.flag], tt.want) {
			t.Errorf("validate --%s: %q; want it to say %q", tt.flag, entries[tt.flag], tt.want)
		}
	}
}

// TestBandsHelpReads: the flag package takes --bands' back-quoted word as
// its placeholder and drops the quotes, so the word must read right in the
// sentence; "show: choice percentile (...)" did not.
func TestBandsHelpReads(t *testing.T) {
	t.Parallel()
	const want = "--bands choice the choice of what bands and error bars show: percentile (the middle 95% of replicates), replicates (each replicate drawn thinly) or ci (95% confidence interval of the mean)"
	n := 0
	for _, c := range commands() {
		help, fs := helpOf(t, c, "--help")
		if fs.Lookup("bands") == nil {
			continue
		}
		n++
		if got := flagEntries(help)["bands"]; !strings.HasPrefix(got, want) {
			t.Errorf("%s --bands: %q; want it to begin %q", c.name, got, want)
		}
	}
	if n < 4 { // run, compare, sweep, plot
		t.Errorf("%d commands take --bands; want at least 4", n)
	}
}

// TestPlotHelpSaysWhichFoldersTakeBands: plot's help names the folders
// whose figures draw bands by --bands, every kind that does and none
// that does not (it said "run, compare and sweep" after claim and
// programme folders came to take it too).
func TestPlotHelpSaysWhichFoldersTakeBands(t *testing.T) {
	t.Parallel()
	help, _ := helpOf(t, command{name: "plot", run: cmdPlot}, "--help")
	text := strings.Join(strings.Fields(help), " ")
	_, sentence, ok := strings.Cut(text, "--bands is for ")
	if !ok {
		t.Fatalf("plot's help does not say what --bands is for:\n%s", help)
	}
	sentence, _, _ = strings.Cut(sentence, " folders")
	var want []string
	for _, k := range experiment.Kinds() {
		if k.DrawsBands {
			want = append(want, k.Command)
		}
	}
	got := strings.FieldsFunc(strings.ReplaceAll(sentence, " and ", ","), func(r rune) bool { return r == ',' || r == ' ' })
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("plot's help says --bands is for %q folders; the kinds that draw bands are %q", got, want)
	}
}

// TestSweepHelpSaysTheReportLimit: sweep's help gives the number of
// points above which report.md stops tabling every point as the code has
// it.
func TestSweepHelpSaysTheReportLimit(t *testing.T) {
	t.Parallel()
	for _, c := range commands() {
		if c.name != "sweep" {
			continue
		}
		help, _ := helpOf(t, c, "--help")
		want := "for more than " + strconv.Itoa(experiment.ReportPointsMax) + " points"
		if !strings.Contains(strings.Join(strings.Fields(help), " "), want) {
			t.Errorf("sweep's help does not say %q", want)
		}
		return
	}
	t.Fatal("no command sweep")
}

// TestDecimalFlags: a whole number with leading zeros is read in decimal,
// as --set reads it, not as octal: "--seed 010" runs and records seed 10,
// as "--seed 10" does.
func TestDecimalFlags(t *testing.T) {
	t.Parallel()
	padded := filepath.Join(t.TempDir(), "padded")
	plain := filepath.Join(t.TempDir(), "plain")
	mustRun(t, "run", small, "--seed", "010", "--days", "05", "--reps", "1", "--formats", "", "--out", padded)
	mustRun(t, "run", small, "--seed", "10", "--days", "5", "--reps", "1", "--formats", "", "--out", plain)
	for _, name := range []string{"manifest.json", "summary.csv", "timeseries.csv"} {
		a, errA := os.ReadFile(filepath.Join(padded, name))
		b, errB := os.ReadFile(filepath.Join(plain, name))
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s: --seed 010 --days 05 wrote other bytes than --seed 10 --days 5 (%v, %v)", name, errA, errB)
		}
	}
}
