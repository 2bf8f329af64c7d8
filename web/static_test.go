package web

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestBuildStaticFailureLeavesSite: a site build that fails (here the
// engine's go build, as on a full disk) leaves the site already in the
// folder as it was, page and engine, with no temporary folder beside it;
// it once wrote the new page over the old one first, and go build
// removed the old engine, leaving a page without its engine. A build
// that succeeds replaces the site's files and keeps the user's. The go
// command is a stand-in script.
func TestBuildStaticFailureLeavesSite(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in go command is a shell script")
	}
	t.Parallel()
	dir := t.TempDir()
	goroot := filepath.Join(dir, "goroot")
	if err := os.MkdirAll(filepath.Join(goroot, "lib", "wasm"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"), []byte("support"), 0o644); err != nil {
		t.Fatal(err)
	}
	fakeGo := func(name, build string) string {
		p := filepath.Join(dir, name)
		script := "#!/bin/sh\ncase \"$1\" in\nenv) echo '" + goroot + "';;\nbuild) " + build + ";;\nesac\n"
		if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	site := filepath.Join(dir, "site")
	old := map[string]string{"index.html": "old page", "borderwork.wasm": "old engine", "CNAME": "the user's"}
	if err := os.Mkdir(site, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range old {
		if err := os.WriteFile(filepath.Join(site, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(name string) string {
		b, _ := os.ReadFile(filepath.Join(site, name))
		return string(b)
	}
	beside := func() []string {
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}

	failing := fakeGo("go-full", `echo "write borderwork.wasm: no space left on device" >&2; exit 1`)
	if _, err := BuildStatic(site, dir, StaticOptions{Go: failing}); err == nil || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("BuildStatic with the disk full = %v; want its error", err)
	}
	entries, _ := os.ReadDir(site)
	if len(entries) != len(old) {
		t.Errorf("the site holds %d files after a failed build; want its %d as they were", len(entries), len(old))
	}
	for name, text := range old {
		if got := read(name); got != text {
			t.Errorf("%s after a failed build = %.40q; want %q, as it was", name, got, text)
		}
	}
	if got := strings.Join(beside(), " "); got != "go-full goroot site" {
		t.Errorf("beside the site after a failed build: %s; want go-full goroot site", got)
	}

	working := fakeGo("go-ok", `while [ "$1" != "-o" ]; do shift; done; printf 'new engine' > "$2"`)
	if _, err := BuildStatic(site, dir, StaticOptions{Go: working}); err != nil {
		t.Fatal(err)
	}
	if read("borderwork.wasm") != "new engine" || read("index.html") == "old page" || read("wasm_exec.js") != "support" || read("CNAME") != "the user's" {
		t.Errorf("after a build: engine %q, page replaced %v, support %q, CNAME %q; want the new site and the user's CNAME",
			read("borderwork.wasm"), read("index.html") != "old page", read("wasm_exec.js"), read("CNAME"))
	}
	if got := strings.Join(beside(), " "); got != "go-full go-ok goroot site" {
		t.Errorf("beside the site after a build: %s; want go-full go-ok goroot site", got)
	}
}

// TestEngineLinksNoPlotting: the page's engine (web/wasm, as WebAssembly)
// links no plotting code: not gonum/plot, its fonts or PDF writer, nor
// the packages that draw and write folders (experiment, output/figures).
// They made every student's download 17 MB, of which the page ran none;
// without them it is 7 MB. The page runs plans through experiment/runs
// and draws with the colours of output/figures/palette.
func TestEngineLinksNoPlotting(t *testing.T) {
	goCmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	cmd := exec.Command(goCmd, "list", "-deps", "./wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	allowed := []string{"github.com/borderwork/borderwork/experiment/runs", "github.com/borderwork/borderwork/output/figures/palette"}
	for _, dep := range deps {
		for _, banned := range []string{"gonum.org/v1/plot", "codeberg.org/go-pdf/fpdf", "codeberg.org/go-fonts",
			"github.com/borderwork/borderwork/experiment", "github.com/borderwork/borderwork/output/figures"} {
			if (dep == banned || strings.HasPrefix(dep, banned+"/")) && !slices.Contains(allowed, dep) {
				t.Errorf("the page's engine links %s", dep)
			}
		}
	}
	if !slices.Contains(deps, allowed[0]) {
		t.Errorf("the engine's %d packages do not include %s: the test no longer reads them", len(deps), allowed[0])
	}
}
