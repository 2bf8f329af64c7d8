package sim

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// randConstructors are what the engine may take from math/rand/v2: the
// generator and its wrapper (rng.go), never the package's functions,
// which draw from a source seeded at random.
var randConstructors = []string{"New", "PCG", "Rand", "Source"}

// TestEngineSourceIsDeterministic holds the engine's own code (this
// package, tests aside) to the rules that keep a run a function of its
// configuration and seed (docs/CONTRIBUTING.md, "Determinism"): no range
// over a map (Go randomises its order), no wall clock (package time), no
// random source but a Stream (no math/rand, no function of
// math/rand/v2's that draws), and no goroutine (its order is the
// scheduler's). TestDeterminism and the goldens catch a breach only if a
// test's run happens to reach it and differ; this reads the code.
func TestEngineSourceIsDeterministic(t *testing.T) {
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", exportLookup(t))}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}}
	if _, err := conf.Check("github.com/borderwork/borderwork/sim", fset, files, info); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		for _, im := range f.Imports {
			switch p := strings.Trim(im.Path.Value, `"`); p {
			case "time", "math/rand":
				t.Errorf("%s: imports %s: the engine reads no clock and draws only from its Streams (rng.go)", fset.Position(im.Pos()), p)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.RangeStmt:
				if _, ok := info.TypeOf(n.X).Underlying().(*types.Map); ok {
					t.Errorf("%s: ranges over a map, whose order Go randomises: keep a slice, or range over slices.Sorted(maps.Keys(m))", fset.Position(n.Pos()))
				}
			case *ast.GoStmt:
				t.Errorf("%s: starts a goroutine: a run is one goroutine; parallel runs belong to the callers (sim/batch, experiment/runs), which combine results in index order", fset.Position(n.Pos()))
			case *ast.SelectorExpr:
				if obj, ok := info.Uses[n.Sel]; ok && obj.Pkg() != nil && obj.Pkg().Path() == "math/rand/v2" && obj.Parent() == obj.Pkg().Scope() && !slices.Contains(randConstructors, obj.Name()) {
					t.Errorf("%s: math/rand/v2's %s draws from a source seeded at random: draw from one of the model's Streams (rng.go)", fset.Position(n.Pos()), obj.Name())
				}
			}
			return true
		})
	}
}

// exportLookup finds the compiled export data of this package's
// dependencies, as go list -export reports it (from the build cache
// the test binary was built with).
func exportLookup(t *testing.T) func(path string) (io.ReadCloser, error) {
	t.Helper()
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		if goTool, err = exec.LookPath("go"); err != nil {
			t.Skip("no go tool to list the dependencies' export data with: ", err)
		}
	}
	out, err := exec.Command(goTool, "list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}", ".").Output()
	if err != nil {
		t.Fatalf("go list -export: %v", err)
	}
	export := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if path, file, ok := strings.Cut(line, "\t"); ok {
			export[path] = file
		}
	}
	return func(path string) (io.ReadCloser, error) {
		file, ok := export[path]
		if !ok || file == "" {
			return nil, os.ErrNotExist
		}
		return os.Open(file)
	}
}
