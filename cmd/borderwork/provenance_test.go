package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestDirtyBuildRecorded builds borderwork from a copy of this tree in a
// fresh git repository, once as committed and once with a source file
// changed, and checks what each binary writes in a manifest: the
// revision, with dirty false, then dirty true.
func TestDirtyBuildRecorded(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the command twice")
	}
	gitPath, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git")
	}
	goPath, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go")
	}
	tmp := t.TempDir()
	src := filepath.Join(tmp, "src")
	copyTree(t, "../..", src)
	// A repository of its own, whatever this tree is (a clone, a git
	// worktree, an unpacked archive), with its own identity and no user
	// configuration. GIT_DIR pins every git command to it, so that none
	// can reach the repository this test runs in.
	env := append(os.Environ(), "GIT_DIR="+filepath.Join(src, ".git"), "GIT_WORK_TREE="+src,
		"GIT_CEILING_DIRECTORIES="+tmp, "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=test", "GIT_AUTHOR_EMAIL=test@example.org",
		"GIT_COMMITTER_NAME=test", "GIT_COMMITTER_EMAIL=test@example.org",
		"GOFLAGS=-buildvcs=true", "GOPROXY=off", "GOWORK=off")
	runIn := func(dir, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	runIn(src, gitPath, "init", "-q")
	runIn(src, gitPath, "add", "-A")
	runIn(src, gitPath, "commit", "-q", "-m", "copy")
	head := runIn(src, gitPath, "rev-parse", "HEAD")
	scenario, err := filepath.Abs(small)
	if err != nil {
		t.Fatal(err)
	}
	manifestOf := func(name string) *output.Manifest {
		t.Helper()
		bin := filepath.Join(tmp, name)
		runIn(src, goPath, "build", "-buildvcs=true", "-o", bin, "./cmd/borderwork")
		out := filepath.Join(tmp, name+"-out")
		runIn(tmp, bin, "run", scenario, "--reps", "1", "--days", "3", "--formats", "", "--quiet", "--out", out)
		m, err := output.ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	clean := manifestOf("clean")
	if clean.Commit != head || clean.Dirty == nil || *clean.Dirty || clean.BuildNote != "" {
		t.Errorf("built from the commit: commit %q, dirty %v, note %q; want %s, false, none", clean.Commit, clean.Dirty, clean.BuildNote, head)
	}
	main := filepath.Join(src, "cmd", "borderwork", "main.go")
	f, err := os.OpenFile(main, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\n// A change not committed.\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	dirty := manifestOf("dirty")
	if dirty.Commit != head || dirty.Dirty == nil || !*dirty.Dirty {
		t.Errorf("built from modified sources: commit %q, dirty %v; want %s, true", dirty.Commit, dirty.Dirty, head)
	}
	if !strings.HasSuffix(dirty.ModuleVersion, "+dirty") {
		t.Logf("module version %q (the go command marks it +dirty since Go 1.24)", dirty.ModuleVersion)
	}
}

// copyTree copies the module's sources (no version control, outputs,
// documentation or tests, which a build does not read) from src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.Name() == ".git" { // a directory, or in a git worktree a file
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			switch d.Name() {
			case "out", "docs", "testdata":
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		info, err := d.Info()
		if err != nil || !info.Mode().IsRegular() || strings.HasSuffix(path, "_test.go") || info.Mode()&0o111 != 0 {
			return err // executables (a built borderwork) are no source
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
