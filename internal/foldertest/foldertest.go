// Package foldertest holds what tests of several packages need to say
// that a folder was, or was not, left as it was: its Files, and Same,
// which compares them with an earlier Files.
package foldertest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Files are the files under dir, by their slash-separated paths relative
// to dir, and their bytes.
func Files(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Same fails unless dir holds exactly the files of want (an earlier
// Files), byte for byte, naming each that changed, vanished or appeared;
// what says which folder, in the test's words.
func Same(t testing.TB, what, dir string, want map[string]string) {
	t.Helper()
	got := Files(t, dir)
	for f, b := range want {
		if g, ok := got[f]; !ok || g != b {
			t.Errorf("%s: %s changed or vanished", what, f)
		}
	}
	for f := range got {
		if _, ok := want[f]; !ok {
			t.Errorf("%s: %s appeared", what, f)
		}
	}
}
