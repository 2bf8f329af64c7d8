package main

import (
	"strings"
	"testing"

	"github.com/borderwork/borderwork/web"
)

// TestWroteSaysHowToOpen: after building, the teacher is told to serve
// the folder, given the address to open (python3 -m http.server prints
// http://0.0.0.0:8000/, which a Windows browser does not open), and
// warned that the site does not run opened as a file.
func TestWroteSaysHowToOpen(t *testing.T) {
	got := wrote(&web.StaticSite{Dir: "site", Files: []string{"index.html", "borderwork.wasm"}, WasmBytes: 16.9e6, WasmGzip: 5.8e6})
	for _, want := range []string{"Wrote site: index.html, borderwork.wasm.", "16.9 MB, 5.8 MB gzipped", "python3 -m http.server -d site 8000", "http://127.0.0.1:8000/", "opened as a file"} {
		if !strings.Contains(got, want) {
			t.Errorf("wrote = %q; want it to say %q", got, want)
		}
	}
}
