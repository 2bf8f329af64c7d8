// Package foldertest holds what tests of several packages need to say
// that a folder was, or was not, left as it was: its Files, and Same,
// which compares them with an earlier Files; and to read its tables
// (ReadCSV, Records), and to make a table as an older version wrote it
// (DropColumn).
package foldertest

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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

// DropColumn rewrites the table name of the output folder dir without
// its column col, and its checksum in manifest.json to match, as a folder
// written before that column was added would be.
func DropColumn(t testing.TB, dir, name string, col int) {
	t.Helper()
	rewrite(t, dir, name, func(_ []string, _ int, r []string) []string { return slices.Delete(slices.Clone(r), col, col+1) })
}

// DropRows rewrites the table name of the output folder dir without the
// rows (not the header) for which drop, given the header, says so, and
// its checksum in manifest.json to match.
func DropRows(t testing.TB, dir, name string, drop func(header, row []string) bool) {
	t.Helper()
	rewrite(t, dir, name, func(header []string, i int, r []string) []string {
		if i > 0 && drop(header, r) {
			return nil
		}
		return r
	})
}

// EditRows rewrites the table name of the output folder dir, each row i
// (the header is row 0) as row gives it (nil: left out), and its
// checksum in manifest.json to match: a table as another borderwork
// would have written it.
func EditRows(t testing.TB, dir, name string, row func(header []string, i int, r []string) []string) {
	t.Helper()
	rewrite(t, dir, name, row)
}

// rewrite rewrites the table name of the output folder dir, each row i
// (the header is row 0) as row gives it (nil: left out), and its
// checksum in manifest.json to match.
func rewrite(t testing.TB, dir, name string, row func(header []string, i int, r []string) []string) {
	t.Helper()
	path := filepath.Join(dir, name)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for i, r := range records {
		if kept := row(records[0], i, r); kept != nil {
			w.Write(kept)
		}
	}
	w.Flush()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// The checksum replaced in place: the manifest is otherwise as written.
	mpath := filepath.Join(dir, "manifest.json")
	mb, err := os.ReadFile(mpath)
	if err != nil {
		t.Fatal(err)
	}
	if old := sum(b); bytes.Count(mb, []byte(old)) != 1 {
		t.Fatalf("manifest.json lists %s's checksum %s %d times", name, old, bytes.Count(mb, []byte(old)))
	} else if err := os.WriteFile(mpath, bytes.Replace(mb, []byte(old), []byte(sum(buf.Bytes())), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sum is a file's checksum as manifest.json records it (output.SHA256,
// which this package cannot import: output's own tests import it).
func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// HeldOpen reports whether this process has the file at path open, and
// whether that can be told here (Linux, through /proc/self/fd; elsewhere
// ok is false). Windows neither removes a file that is open nor renames
// a folder holding one, though Linux and macOS do both: a test on Linux
// asks this where a file is removed or a folder moved, to find the code
// that would fail only on Windows.
func HeldOpen(path string) (open, ok bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false, false
	}
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return false, false
	}
	for _, fd := range fds {
		if target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name())); err == nil && target == abs {
			return true, true
		}
	}
	return false, true
}
