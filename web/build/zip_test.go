package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/borderwork/borderwork/web"
)

// TestSiteZip: the archive holds the site's files, byte for byte, in one
// folder, and the same site zips to the same bytes (no clock in it).
func TestSiteZip(t *testing.T) {
	dir := t.TempDir()
	site := &web.StaticSite{Dir: filepath.Join(dir, "site"), Files: []string{"index.html", "borderwork.wasm"}}
	content := map[string][]byte{"index.html": []byte("<!doctype html>\n"), "borderwork.wasm": bytes.Repeat([]byte{0, 97, 115, 109}, 5000)}
	os.Mkdir(site.Dir, 0o755)
	for name, b := range content {
		if err := os.WriteFile(filepath.Join(site.Dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	one, two := filepath.Join(dir, "one.zip"), filepath.Join(dir, "two.zip")
	if err := writeZip(site, one, "borderwork-1-site"); err != nil {
		t.Fatal(err)
	}
	// Another time stamp on the files: the archive does not record it.
	os.Chtimes(filepath.Join(site.Dir, "index.html"), zipTime.AddDate(30, 0, 0), zipTime.AddDate(30, 0, 0))
	if err := writeZip(site, two, "borderwork-1-site"); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(one)
	b, _ := os.ReadFile(two)
	if !bytes.Equal(a, b) {
		t.Error("the same site zipped twice gives different bytes")
	}
	r, err := zip.OpenReader(one)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		if want := content[filepath.Base(f.Name)]; !bytes.Equal(got, want) {
			t.Errorf("%s holds %d bytes, not the site's %d", f.Name, len(got), len(want))
		}
		if f.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %v; want 0644", f.Name, f.Mode())
		}
	}
	if want := []string{"borderwork-1-site/index.html", "borderwork-1-site/borderwork.wasm"}; !slices.Equal(names, want) {
		t.Errorf("the archive holds %v; want %v", names, want)
	}
	if fi, _ := os.Stat(one); fi.Size() >= int64(len(content["borderwork.wasm"])) {
		t.Errorf("the archive is %d bytes: not compressed", fi.Size())
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
