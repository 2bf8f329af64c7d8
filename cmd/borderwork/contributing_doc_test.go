package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const contributingDoc = "../../docs/CONTRIBUTING.md"

var (
	// repoPath is a path in the repository as the guide writes one: its
	// folders, from the repository's root, and a name.
	repoPath = regexp.MustCompile(`(?:^|[\s(` + "`" + `])(\.?[a-z][a-z0-9_-]*(?:/[A-Za-z0-9_.*-]+)+)`)
	// stdRoots are the first elements of the standard library's paths
	// the guide names (math/rand), which are not the repository's.
	stdRoots = []string{"math", "go", "encoding", "io", "os", "path", "runtime"}
	// codeName is a code span holding a Go name: `Name`, `Name()`,
	// `(*Type).Name`.
	codeName = regexp.MustCompile("`(?:\\(\\*[A-Z][A-Za-z0-9]*\\)\\.)?([A-Za-z_][A-Za-z0-9_]*)(?:\\(\\))?`")
	// nameIn is a name said to be in a file: "`Name` in dir/file.go",
	// "`Name` (dir/file.go)".
	nameIn = regexp.MustCompile("`(?:\\(\\*[A-Z][A-Za-z0-9]*\\)\\.)?([A-Za-z_][A-Za-z0-9_]*)(?:\\(\\))?` (?:in |\\()([a-z0-9_/]+\\.go)")
)

// TestContributingNamesWhatExists keeps docs/CONTRIBUTING.md, a checklist
// of files, lists and tests, true to the code: every path it names
// exists (a pattern, matches something), every exported Go name and
// every Test, Benchmark or Example function it names in a code span is
// declared in the module, and a name it places in a file ("`knobs` in
// web/knobs.go") is in that file.
func TestContributingNamesWhatExists(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(contributingDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	root := filepath.Join("..", "..")
	seen := map[string]bool{}
	for _, m := range repoPath.FindAllStringSubmatch(doc, -1) {
		p := strings.TrimSuffix(m[1], ".")
		if seen[p] || strings.Contains(p, "NAME") || slices.Contains(stdRoots, strings.Split(p, "/")[0]) {
			continue
		}
		seen[p] = true
		matches, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(p)))
		if err != nil || len(matches) == 0 {
			if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(p))); err != nil {
				t.Errorf("%s names %s, which the repository does not have", contributingDoc, p)
			}
		}
	}

	var source strings.Builder
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".go") {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			source.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	code := source.String()
	declared := func(name string) bool {
		for _, form := range []string{"func " + name + "(", ") " + name + "(", "type " + name + " ", "var " + name + " ", "\t" + name + " ", "const " + name + " "} {
			if strings.Contains(code, form) {
				return true
			}
		}
		return false
	}
	var names []string
	for _, m := range codeName.FindAllStringSubmatch(doc, -1) {
		if name := m[1]; name[0] >= 'A' && name[0] <= 'Z' && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	for _, name := range names {
		if strings.ToUpper(name) == name {
			continue // a placeholder or an environment variable: PKG, CI
		}
		if !declared(name) {
			t.Errorf("%s names %s, which no Go file of the module declares", contributingDoc, name)
		}
	}
	for _, m := range nameIn.FindAllStringSubmatch(doc, -1) {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(m[2])))
		if err != nil {
			continue // reported above
		}
		if !regexp.MustCompile(`\b` + m[1] + `\b`).Match(b) {
			t.Errorf("%s places %s in %s, which does not hold it", contributingDoc, m[1], m[2])
		}
	}
}
