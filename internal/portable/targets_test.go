package portable

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestEveryTargetBuilds vets the module, tests included, for the targets
// borderwork is built for besides the host (docs/MODEL.md, "Determinism
// across machines"; scripts/release.sh; the page's WebAssembly): 386,
// whose int is 32 bits (a constant such as 1e10 given as an int does not
// compile there), Windows (which has no FIFOs: syscall.Mkfifo does not
// compile there) and macOS; for js/wasm, the page's WebAssembly build
// (the command line and its browser tests are not built for it). The
// first run compiles
// the standard library for each target (minutes); later runs replay the
// build cache. It builds with -trimpath, as scripts/release.sh, the static
// page's build and scripts/cross-arch-test do, so that CI compiles each
// target's packages once and those later steps take them from the cache.
func TestEveryTargetBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the module for other targets")
	}
	goTool := goToolOrSkip(t)
	root := moduleRoot(t)
	// Read what is compiled, so that go test's cache knows this test's
	// result depends on it.
	sourceFiles(t, root)
	for _, c := range []struct {
		env  []string
		args []string
	}{
		{[]string{"GOOS=linux", "GOARCH=386"}, []string{"vet", "-trimpath", "./..."}},
		{[]string{"GOOS=windows", "GOARCH=amd64"}, []string{"vet", "-trimpath", "./..."}},
		{[]string{"GOOS=darwin", "GOARCH=arm64"}, []string{"vet", "-trimpath", "./..."}},
		{[]string{"GOOS=js", "GOARCH=wasm"}, []string{"build", "-trimpath", "-o", os.DevNull, "./web/wasm"}},
	} {
		cmd := exec.Command(goTool, c.args...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), append([]string{"CGO_ENABLED=0"}, c.env...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s go %s: %v\n%s", strings.Join(c.env, " "), strings.Join(c.args, " "), err, tail(string(out)))
		}
	}
}
