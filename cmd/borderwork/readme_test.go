package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/sim"
)

const (
	readmeDoc    = "../../README.md"
	readmeFigure = "../../docs/img/sahel-trapped.png"
)

// readmeResults are the README figure's caption, statement by statement,
// checked in the folder of the command that draws the figure.
var readmeResults = []guideResult{
	{"closure traps far more migrants than malfunction", func(r *guideRuns) bool {
		return r.mean("sahel", "closed", "trapped_person_days") > 5*r.mean("sahel", "malfunctioning", "trapped_person_days")
	}},
	{"under malfunction more migrants are abused, mostly by officials extorting bribes at posts where oversight is weak", func(r *guideRuns) bool {
		return r.highest("sahel", "abused_migrants") == "malfunctioning" &&
			r.mean("sahel", "malfunctioning", "extortion_by_officials") > 0.5*r.mean("sahel", "malfunctioning", "abuse_events")
	}},
	{"it keeps more than four fifths as many person-days stuck as `closed`", func(r *guideRuns) bool {
		return r.mean("sahel", "hbm", "immobilised_person_days") > 0.8*r.mean("sahel", "closed", "immobilised_person_days")
	}},
}

// TestREADMEFigure: the README's figure is the trapped figure that
// `borderwork compare sahel` draws, byte for byte, and what its caption
// says holds in that folder. With -update it redraws the figure (look at
// it, and at the caption, before committing).
func TestREADMEFigure(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs the README's compare in full (20 replicates of 365 days, about 4 s of CPU)")
	}
	root := t.TempDir()
	if status, _, stderr := runCLI(t, "compare", "sahel", "--formats", "png", "--out", filepath.Join(root, "sahel")); status != 0 {
		t.Fatalf("compare sahel: status %d: %s", status, stderr)
	}
	keepDocFigure(t, readmeFigure, filepath.Join(root, "sahel", "figures", "trapped.png"), "compare sahel", "its caption")
	doc, err := os.ReadFile(readmeDoc)
	if err != nil {
		t.Fatal(err)
	}
	checkDocResults(t, "README.md", string(doc), root, readmeResults)
	// The caption names the model version that draws the figure now.
	if want := fmt.Sprintf("(`figures/trapped.png`, model version %d)", sim.ModelVersion); !strings.Contains(string(doc), want) {
		t.Errorf("README.md's figure caption does not say %q", want)
	}
}

// TestREADMETestCommandIsCI: CI runs the README's test command as the
// README writes it (with its -timeout, which a slow first run needs).
func TestREADMETestCommandIsCI(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile(readmeDoc)
	if err != nil {
		t.Fatal(err)
	}
	ci, err := os.ReadFile("../../.ci/run")
	if err != nil {
		t.Fatal(err)
	}
	var command []byte
	for line := range bytes.SplitSeq(readme, []byte("\n")) {
		if bytes.HasPrefix(line, []byte("go test ")) {
			command = line
			break
		}
	}
	if command == nil {
		t.Fatal("README.md has no line that starts go test")
	}
	if !bytes.Contains(ci, append(append([]byte("\n"), command...), '\n')) {
		t.Errorf(".ci/run does not run the README's test command, %q, on a line of its own", command)
	}
}

// TestDocsGoVersionIsGoMod: the Go the README and the teaching guide ask
// for is the one go.mod requires. They said 1.24 after go.mod went to
// 1.25, where a go command of 1.24 refuses the module (GOTOOLCHAIN=local,
// as distributions set it) or downloads another toolchain first.
func TestDocsGoVersionIsGoMod(t *testing.T) {
	t.Parallel()
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	var version string
	for line := range strings.SplitSeq(string(mod), "\n") {
		if v, ok := strings.CutPrefix(line, "go "); ok {
			version = strings.TrimSpace(v)
			break
		}
	}
	if version == "" {
		t.Fatal("go.mod has no go line")
	}
	want := "[Go](https://go.dev/dl/) " + version + " or newer"
	for _, doc := range []string{readmeDoc, "../../docs/TEACHING.md"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		// The sentence may break its line anywhere.
		if text := strings.Join(strings.Fields(string(b)), " "); !strings.Contains(text, want) {
			t.Errorf("%s does not ask for %q, the Go that go.mod requires (go %s)", filepath.Base(doc), want, version)
		}
	}
}

var packagePath = regexp.MustCompile(`^[a-z]+(/[a-z]+)*$`)

// TestREADMEPackagesHaveExamples: every Go package the README's list of
// packages names has a runnable Example, as the list promises.
func TestREADMEPackagesHaveExamples(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile(readmeDoc)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(readme)), " ")
	_, list, ok := strings.Cut(text, "- The Go packages, for a program")
	if !ok {
		t.Fatal("README.md has no list of the Go packages")
	}
	list, _, _ = strings.Cut(list, " - ")
	list, _, _ = strings.Cut(list, " ## ") // the next section
	// The packages are the code spans that are import paths below the
	// module: `scenarios`, `output/figures` (not `Example` or a command).
	var names []string
	for i, span := range strings.Split(list, "`") {
		if i%2 == 1 && packagePath.MatchString(span) {
			names = append(names, span)
		}
	}
	if len(names) < 5 {
		t.Fatalf("README.md's list of Go packages names %v; want the packages", names)
	}
	for _, name := range names {
		files, err := filepath.Glob(filepath.Join("../..", filepath.FromSlash(name), "*_test.go"))
		if err != nil || len(files) == 0 {
			t.Errorf("README.md names the package %s, which has no tests (%v)", name, err)
			continue
		}
		found := false
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte("\nfunc Example")) && bytes.Contains(b, []byte("// Output:")) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("README.md names the package %s, which has no Example with // Output:", name)
		}
	}
}

// TestREADMERegimeAndSizeFlags: README's summary of which commands take
// --regimes, --regime, and --size without --bands names just those whose
// --help lists the flag; it named compare and sweep alone for --regimes,
// and neither validate's --regime nor its --size (new-user audit,
// finding 4).
func TestREADMERegimeAndSizeFlags(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(readmeDoc)
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.Join(strings.Fields(string(data)), " ")
	// The commands the paragraph is about, those that simulate a scenario
	// given them, in its order.
	takes := map[string][]string{} // flag: the commands, quoted, whose help lists it
	for _, name := range []string{"run", "compare", "sweep", "claim", "programme", "sensitivity", "validate"} {
		_, help, _ := runCLI(t, name, "--help")
		for _, flag := range []string{"--regimes", "--regime", "--size", "--bands"} {
			if regexp.MustCompile(`(?m)^\s+` + flag + `\b`).MatchString(help) {
				takes[flag] = append(takes[flag], "`"+name+"`")
			}
		}
	}
	var sizeOnly []string
	for _, c := range takes["--size"] {
		if !slices.Contains(takes["--bands"], c) {
			sizeOnly = append(sizeOnly, c)
		}
	}
	for _, want := range []string{
		words.List(takes["--regimes"]) + " take `--regimes`",
		words.List(takes["--regime"]) + " one `--regime`",
		words.List(sizeOnly) + " take `--size`",
	} {
		if !strings.Contains(readme, want) {
			t.Errorf("README does not say %q, as the commands' --help does", want)
		}
	}
}
