package flee

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// FuzzRead: testdata/tiny with one of its files (which, modulo the
// number of files) replaced by data of any content is read, or refused
// with an error wrapping scenarios.ErrInvalid that names a file of the
// case; never a panic. A case read imports into a scenario that
// passes scenarios.Validate, as Import promises. Seeds are each file of
// tiny and of data/flee/mali2012 in the place of tiny's, and any kept in
// testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	files := map[string][]byte{}
	err := filepath.WalkDir("testdata/tiny", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel("testdata/tiny", path)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for i, n := range names {
		f.Add(uint8(i), files[n])
		// The real case's file of the same name, where it has one.
		if b, err := os.ReadFile(filepath.Join("../data/flee/mali2012", n)); err == nil {
			f.Add(uint8(i), b)
		}
	}
	// One copy of the case, each input written over one of its files
	// and the file put back after: a fresh copy per input made the
	// fuzzer spend its time making and removing folders.
	dir := f.TempDir()
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		replaced := names[int(which)%len(names)]
		p := filepath.Join(dir, filepath.FromSlash(replaced))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := os.WriteFile(p, files[replaced], 0o644); err != nil {
				t.Fatal(err)
			}
		}()
		c, err := Read(dir)
		if err != nil {
			if !errors.Is(err, scenarios.ErrInvalid) {
				t.Fatalf("error %q does not wrap ErrInvalid", err)
			}
			if !strings.HasPrefix(err.Error(), dir) {
				t.Fatalf("error %q names no file of the case", err)
			}
			return
		}
		out, err := Import(c, ImportOptions{})
		if err != nil {
			t.Fatalf("Import of a case read: %v", err)
		}
		s, err := scenarios.Parse(out, "fuzz.toml", "import:fuzz", os.DirFS(dir))
		if err == nil {
			err = s.Validate()
		}
		if err != nil {
			t.Fatalf("the import of a case read does not load: %v", err)
		}
	})
}
