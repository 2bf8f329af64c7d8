package web

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/borderwork/borderwork/internal/tempfile"
)

// StaticOptions say how BuildStatic builds the site.
type StaticOptions struct {
	// Commit is stamped into the engine (output.Commit), as the release
	// script stamps binaries; "" leaves it to the toolchain.
	Commit string
	// Go is the go command; "" means "go" on the PATH.
	Go string
}

// StaticSite is what BuildStatic wrote.
type StaticSite struct {
	Dir   string
	Files []string // relative to Dir, in the order written
	// WasmBytes and WasmGzip are the engine's size, as built and
	// gzip-compressed (what a host that compresses sends).
	WasmBytes, WasmGzip int
}

// BuildStatic writes the page as a static site into dir: index.html and
// its script and style, worker.js, wasm_exec.js copied from the Go
// installation that builds the engine, and borderwork.wasm, the web
// package compiled for GOOS=js GOARCH=wasm from the module at moduleDir.
// Any static web host can serve the folder; nothing runs behind it.
//
// The files are written in a hidden folder beside dir and moved into dir
// only once all are: a build that fails (a full disk, the engine not
// compiling) leaves a site already in dir as it was, rather than a new
// page beside an old engine, or none. Other files in dir are kept.
func BuildStatic(dir, moduleDir string, o StaticOptions) (site *StaticSite, err error) {
	goCmd := o.Go
	if goCmd == "" {
		goCmd = "go"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := tempfile.Mkdir(filepath.Dir(filepath.Clean(dir)), filepath.Base(filepath.Clean(dir)))
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	defer func() {
		if err != nil {
			return
		}
		for _, name := range site.Files {
			if err = os.Rename(filepath.Join(tmp, name), filepath.Join(dir, name)); err != nil {
				site = nil
				return
			}
		}
	}()
	site = &StaticSite{Dir: dir}
	write := func(name string, data []byte) error {
		site.Files = append(site.Files, name)
		return os.WriteFile(filepath.Join(tmp, name), data, 0o644)
	}
	index, err := IndexHTML(BackendWasm)
	if err != nil {
		return nil, err
	}
	if err := write("index.html", index); err != nil {
		return nil, err
	}
	for _, name := range []string{"app.js", "style.css", "worker.js"} {
		b, err := fs.ReadFile(Assets(), name)
		if err != nil {
			return nil, err
		}
		if err := write(name, b); err != nil {
			return nil, err
		}
	}
	goroot, err := goEnv(goCmd, moduleDir, "GOROOT")
	if err != nil {
		return nil, err
	}
	var support []byte
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} { // Go 1.24 moved it to lib/wasm
		if support, err = os.ReadFile(filepath.Join(goroot, filepath.FromSlash(p))); err == nil {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("wasm_exec.js is not in the Go installation at %s: %w", goroot, err)
	}
	if err := write("wasm_exec.js", support); err != nil {
		return nil, err
	}
	ldflags := "-s -w"
	if o.Commit != "" {
		ldflags += " -X github.com/borderwork/borderwork/output.Commit=" + o.Commit
	}
	wasm := filepath.Join(tmp, "borderwork.wasm")
	abs, err := filepath.Abs(wasm)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(goCmd, "build", "-trimpath", "-ldflags", ldflags, "-o", abs, "./web/wasm")
	cmd.Dir = moduleDir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("building the engine for the browser: %w\n%s", err, stderr.String())
	}
	site.Files = append(site.Files, "borderwork.wasm")
	b, err := os.ReadFile(wasm)
	if err != nil {
		return nil, err
	}
	site.WasmBytes = len(b)
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	site.WasmGzip = gz.Len()
	return site, nil
}

func goEnv(goCmd, dir, key string) (string, error) {
	cmd := exec.Command(goCmd, "env", key)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %w", key, err)
	}
	v := strings.TrimSpace(string(out))
	if v == "" {
		return "", errors.New("go env " + key + " is empty")
	}
	return v, nil
}

// ModuleRoot is the folder of the go.mod of the module holding dir.
func ModuleRoot(goCmd, dir string) (string, error) {
	if goCmd == "" {
		goCmd = "go"
	}
	gomod, err := goEnv(goCmd, dir, "GOMOD")
	if err != nil || gomod == os.DevNull {
		return "", fmt.Errorf("%s is not inside the borderwork module: run this from a clone of the repository", dir)
	}
	return filepath.Dir(gomod), nil
}
