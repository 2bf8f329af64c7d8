// Package foldertest holds what tests of several packages need to say
// that a folder was, or was not, left as it was: its Files, and Same,
// which compares them with an earlier Files; and to read its tables
// (ReadCSV, Records).
package foldertest

import (
	"encoding/csv"
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

// ReadCSV is the CSV file at path as its header and its rows; a file
// that cannot be read, or holds no header, fails the test.
func ReadCSV(t testing.TB, path string) (header []string, rows [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(all) == 0 {
		t.Fatalf("%s: no header", path)
	}
	return all[0], all[1:]
}

// Records are the rows of the CSV file at path (ReadCSV), each by its
// header's column names.
func Records(t testing.TB, path string) []map[string]string {
	t.Helper()
	header, rows := ReadCSV(t, path)
	out := make([]map[string]string, len(rows))
	for i, r := range rows {
		out[i] = make(map[string]string, len(header))
		for j, h := range header {
			out[i][h] = r[j]
		}
	}
	return out
}
