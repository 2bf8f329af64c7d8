package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/web"
)

// zipTime is the time every entry of a site's zip archive records: the
// zip format's earliest, so that the same site gives the same bytes
// whenever and wherever it is zipped.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// writeZip writes the site s as the zip archive at file, its files in one
// folder named top, in the order they were written, for a teacher
// without Go to unzip onto a web host (the release script's
// borderwork-VERSION-site.zip). The archive (about 2 MB) is made in
// memory and written as output.WriteFile writes, beside file and moved
// into place once whole. (Here, not in package web: the engine compiled
// for the browser would carry archive/zip.)
func writeZip(s *web.StaticSite, file, top string) error {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range s.Files {
		b, err := os.ReadFile(filepath.Join(s.Dir, name))
		if err != nil {
			return err
		}
		h := &zip.FileHeader{Name: path.Join(top, name), Method: zip.Deflate, Modified: zipTime}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return output.WriteFile(file, buf.Bytes())
}
