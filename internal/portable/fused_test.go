package portable

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	slashpath "path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// notResults are the module's packages whose arithmetic reaches no
// result in a table or report: the figures (drawn by gonum/plot, whose
// own arithmetic this module cannot round, so a raster figure may differ
// between architectures in a pixel's last level) and the page's build
// tool.
var notResults = []string{"output/figures", "web/build"}

// choiceFiles are files of notResults packages whose arithmetic makes a
// choice that an output shows (where a figure puts a tag): a fused
// multiply-add, or a math function that differs between machines, could
// make another choice there, so they are held to the same rules.
var choiceFiles = []string{"output/figures/tags.go"}

// fusingTargets are architectures whose compilers fuse x*y + z into one
// instruction. arm64's rules fuse every form (x*y ± z, z − x*y, negated
// products); loong64, riscv64, ppc64le and s390x fuse fewer, and were
// found clean by hand when this test was written (-fma.all checks them).
var fusingTargets = [][]string{
	{"GOARCH=arm64"},
	{"GOARCH=amd64", "GOAMD64=v3"},
}

var allTargets = append(slices.Clone(fusingTargets),
	[]string{"GOARCH=loong64"}, []string{"GOARCH=riscv64"}, []string{"GOARCH=ppc64le"}, []string{"GOARCH=s390x"})

var fusedInstruction = regexp.MustCompile(`\(([^()]+\.go):(\d+)\)\s+(V?FN?M(?:ADD|SUB)\w*)\s`)

// TestNoFusedMultiplyAdd compiles every package of the module whose
// arithmetic reaches a result (all but notResults) for each fusing
// architecture, and fails listing the file and line of every fused
// multiply-add the compiler emitted: each rounds once where amd64 rounds
// twice, so results could differ. The cure is a conversion, float64(x*y)
// + z, which the Go specification says rounds the product. A package's
// compiled code includes what it inlines from others, standard library
// and gonum included. The first run compiles the standard library for
// each architecture (minutes); later runs replay the build cache.
func TestNoFusedMultiplyAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the module for other architectures")
	}
	goTool := goToolOrSkip(t)
	root := moduleRoot(t)
	// Read what is compiled, so that go test's cache knows this test's
	// result depends on it (it cannot see what go build reads).
	sourceFiles(t, root)
	list := exec.Command(goTool, "list", "./...")
	list.Dir = root
	out, err := list.Output()
	if err != nil {
		t.Fatalf("go list ./...: %v", err)
	}
	var pkgs []string
	for _, p := range strings.Fields(string(out)) {
		if !slices.ContainsFunc(notResults, func(n string) bool { return strings.HasSuffix(p, "/"+n) }) {
			pkgs = append(pkgs, p)
		}
	}
	targets := fusingTargets
	if os.Getenv("BORDERWORK_FMA_ALL") != "" {
		targets = allTargets
	}
	for _, target := range targets {
		sites := fusedSites(t, goTool, root, target, pkgs, func(string) bool { return true })
		// The packages of choiceFiles, compiled on their own: only those
		// files count (gonum's arithmetic inlined elsewhere in them does
		// not reach a choice).
		var choicePkgs []string
		for _, f := range choiceFiles {
			if p := "./" + filepath.ToSlash(filepath.Dir(f)); !slices.Contains(choicePkgs, p) {
				choicePkgs = append(choicePkgs, p)
			}
		}
		sites = append(sites, fusedSites(t, goTool, root, target, choicePkgs, func(file string) bool { return slices.Contains(choiceFiles, filepath.ToSlash(file)) })...)
		if len(sites) > 0 {
			slices.Sort(sites)
			t.Errorf("%s: %d fused multiply-adds; round the product, float64(x*y) + z:\n\t%s",
				strings.Join(target, " "), len(sites), strings.Join(sites, "\n\t"))
		}
	}
}

// fusedSites compiles pkgs for target and lists, once each, the fused
// multiply-adds in its assembly listing whose file (relative to root,
// where it is within it) keep accepts, as "file:line (instruction)".
func fusedSites(t *testing.T, goTool, root string, target, pkgs []string, keep func(file string) bool) []string {
	t.Helper()
	build := exec.Command(goTool, append([]string{"build", "-gcflags=-S"}, pkgs...)...)
	build.Dir = root
	build.Env = append(os.Environ(), append([]string{"GOOS=linux", "CGO_ENABLED=0"}, target...)...)
	var stderr bytes.Buffer
	build.Stderr = &stderr // the compiler writes its assembly listing there
	if err := build.Run(); err != nil {
		t.Fatalf("%s go build -gcflags=-S: %v\n%s", strings.Join(target, " "), err, tail(stderr.String()))
	}
	fused := map[string]bool{}
	var sites []string
	sc := bufio.NewScanner(&stderr)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		m := fusedInstruction.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		file := m[1]
		if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
			file = rel
		}
		site := fmt.Sprintf("%s:%s (%s)", file, m[2], m[3])
		if keep(file) && !fused[site] {
			fused[site] = true
			sites = append(sites, site)
		}
	}
	return sites
}

// exact are the math functions whose results are exact or correctly
// rounded, so the same on every architecture.
var exact = map[string]bool{
	"Abs": true, "Ceil": true, "Copysign": true, "Dim": true, "FMA": true, "Float32bits": true,
	"Float32frombits": true, "Float64bits": true, "Float64frombits": true, "Floor": true,
	"Frexp": true, "Inf": true, "IsInf": true, "IsNaN": true, "Ldexp": true, "Max": true,
	"Min": true, "Mod": true, "Modf": true, "NaN": true, "Nextafter": true, "Remainder": true,
	"Round": true, "RoundToEven": true, "Signbit": true, "Sqrt": true, "Trunc": true,
}

// TestOnlyPortableMath reads every non-test Go file of the packages whose
// arithmetic reaches a result and fails on a call that could give
// different bits on another machine: a math function that is not exact
// (use this package's), gonum's distributions and statistics other than
// an empirical quantile, and math/rand's NormFloat64 and ExpFloat64,
// which call math.Exp and math.Log.
func TestOnlyPortableMath(t *testing.T) {
	fset := token.NewFileSet()
	files := sourceFiles(t, moduleRoot(t))
	for _, path := range slices.Sorted(maps.Keys(files)) {
		src := files[path]
		if !strings.HasSuffix(path, ".go") || strings.Contains(filepath.ToSlash(path), "internal/portable/") {
			continue
		}
		f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]string{} // local name → import path
		for _, im := range f.Imports {
			p := strings.Trim(im.Path.Value, `"`)
			name := p[strings.LastIndex(p, "/")+1:]
			if im.Name != nil {
				name = im.Name.Name
			}
			names[name] = p
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			fn := sel.Sel.Name
			var bad string
			if id, ok := sel.X.(*ast.Ident); ok {
				switch p := names[id.Name]; {
				case p == "math" && !exact[fn]:
					bad = "math." + fn + " is not exact: use internal/portable"
				case p == "gonum.org/v1/gonum/stat" && fn == "Quantile" && len(call.Args) > 1 && isSelector(call.Args[1], "Empirical"):
				case strings.HasPrefix(p, "gonum.org/v1/gonum/"):
					bad = id.Name + "." + fn + " (gonum) is compiled with fused multiply-adds on arm64"
				}
			}
			if fn == "NormFloat64" || fn == "ExpFloat64" {
				bad = fn + " calls math.Exp and math.Log"
			}
			if bad != "" {
				t.Errorf("%s: %s", fset.Position(call.Pos()), bad)
			}
			return true
		})
	}
}

// sourceFiles reads go.mod, go.sum and every non-test Go file of the
// packages whose arithmetic reaches a result, by path.
func sourceFiles(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			holdsChoices := slices.ContainsFunc(choiceFiles, func(f string) bool { return slashpath.Dir(f) == rel })
			if rel != "." && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || slices.Contains(notResults, rel) && !holdsChoices) {
				return filepath.SkipDir
			}
			return nil
		}
		if slices.Contains(notResults, slashpath.Dir(rel)) && !slices.Contains(choiceFiles, rel) {
			return nil
		}
		if rel == "go.mod" || rel == "go.sum" || strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go") {
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files[path] = src
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func isSelector(e ast.Expr, name string) bool {
	s, ok := e.(*ast.SelectorExpr)
	return ok && s.Sel.Name == name
}

// moduleRoot is the directory holding go.mod, above this package.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above ", dir)
		}
		dir = parent
	}
}

// tail is the end of a long output.
func tail(s string) string {
	if len(s) > 4000 {
		return "…" + s[len(s)-4000:]
	}
	return s
}

// goToolOrSkip is the go tool that built this test (GOROOT's), else the
// one on PATH; without either the test is skipped.
func goToolOrSkip(t *testing.T) string {
	t.Helper()
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		if goTool, err = exec.LookPath("go"); err != nil {
			t.Skip("no go tool to compile with: ", err)
		}
	}
	return goTool
}
