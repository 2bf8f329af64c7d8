package main

// The static build as a school's network serves it: slowly, or without
// the engine (a folder copied in part, a host answering with its own
// page).

import (
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/borderwork/borderwork/web"
)

// TestPageStaticLoading: while borderwork.wasm comes over a slow network
// the page says how much of it has come, in megabytes; a site without it,
// or answering with a page of its own under its name, gets a message a
// teacher can act on, and the status beside Run stops saying "Loading".
func TestPageStaticLoading(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := web.BuildStatic(dir, "../..", web.StaticOptions{}); err != nil {
		t.Fatal(err)
	}
	wasm, err := os.ReadFile(filepath.Join(dir, "borderwork.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	files := http.FileServer(http.Dir(dir))
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kind, name, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		if name != "borderwork.wasm" {
			r.URL.Path = "/" + name
			files.ServeHTTP(w, r)
			return
		}
		switch kind {
		case "missing":
			http.NotFound(w, r)
		case "html": // a host's own "not found" page, served as found
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<!doctype html><p>Not here</p>"))
		case "slow": // a megabyte every 40 ms
			w.Header().Set("Content-Type", "application/wasm")
			w.Header().Set("Content-Length", strconv.Itoa(len(wasm)))
			for at := 0; at < len(wasm); at += 1 << 20 {
				w.Write(wasm[at:min(at+1<<20, len(wasm))])
				w.(http.Flusher).Flush()
				time.Sleep(40 * time.Millisecond)
			}
		}
	}))
	defer site.Close()
	ctx := browser(t)

	do(t, ctx, "loading the slow site", chromedp.EmulateViewport(1366, 768), chromedp.Navigate(site.URL+"/slow/"))
	seen := map[string]bool{}
	// The settings cannot be typed into while it loads: what was typed
	// was replaced by the scenario's values once it had come, unseen.
	const typable = `["scenario", "reps", "seed", "days", "sets", "apply-sets", "reset"].filter((id) => !document.getElementById(id).matches(":disabled"))`
	var typableWhileLoading []string
	for i := 0; i < 600 && !eval[bool](t, ctx, `document.body.dataset.ready === "true"`); i++ {
		// Read together, in one turn of the page: read apart, the page
		// could finish loading between the two.
		now := eval[struct {
			Status  string
			Typable []string
		}](t, ctx, `({ status: document.getElementById("status-text").textContent, typable: `+typable+` })`)
		status := now.Status
		if !seen[status] && strings.Contains(status, " of ") {
			keepShot(t, screenshot(t, ctx), "static-loading.png")
		}
		if strings.Contains(status, " of ") {
			typableWhileLoading = append(typableWhileLoading, now.Typable...)
		}
		seen[status] = true
		time.Sleep(20 * time.Millisecond)
	}
	if len(typableWhileLoading) > 0 {
		t.Errorf("while the engine loaded, these settings could be changed: %v", slices.Compact(slices.Sorted(slices.Values(typableWhileLoading))))
	}
	if got := eval[[]string](t, ctx, typable); len(got) != 7 {
		t.Errorf("once the engine had loaded, only %v of the settings could be changed", got)
	}
	total := fmt.Sprintf("%.1f", float64(len(wasm))/1e6)
	said := slices.Sorted(maps.Keys(seen))
	if !slices.ContainsFunc(said, func(s string) bool {
		return strings.HasPrefix(s, "Loading the simulation into this browser: ") && strings.HasSuffix(s, " of "+total+" MB…") && !strings.Contains(s, ": "+total+" of")
	}) {
		t.Errorf("while the engine loaded the status said %q; want how many of its %s MB had come, part way", said, total)
	}

	for _, kind := range []string{"missing", "html"} {
		do(t, ctx, "loading the site "+kind, chromedp.Navigate(site.URL+"/"+kind+"/"))
		problem := waitText(t, ctx, "problems", func(s string) bool { return s != "" })
		if !strings.Contains(problem, "borderwork.wasm, the simulation itself, could not be loaded from this site") || !strings.Contains(problem, "Copy every file of the static build") && !strings.Contains(problem, "copy every file of the static build") {
			t.Errorf("a site %s borderwork.wasm: the page says %q; want that the engine could not be loaded, and what to do", kind, problem)
		}
		keepShot(t, screenshot(t, ctx), "static-"+kind+".png")
		if status := eval[string](t, ctx, `document.getElementById("status-text").textContent`); strings.Contains(status, "Loading") {
			t.Errorf("a site %s borderwork.wasm: beside Run the page still says %q", kind, status)
		}
	}

	// index.html double-clicked (file://): browsers load neither the
	// worker nor the engine there. The page said "Loading…" for ever,
	// over an uncaught SecurityError; it now says why, and how to serve
	// the folder.
	do(t, ctx, "opening index.html as a file", chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/index.html"))
	problem := waitText(t, ctx, "problems", func(s string) bool { return s != "" })
	for _, want := range []string{"opened as a file", "python3 -m http.server -d site 8000", "http://127.0.0.1:8000/"} {
		if !strings.Contains(problem, want) {
			t.Errorf("index.html opened as a file: the page says %q; want why it cannot run there and how to serve it (%q)", problem, want)
		}
	}
	if status := eval[string](t, ctx, `document.getElementById("status-text").textContent`); strings.Contains(status, "Loading") {
		t.Errorf("index.html opened as a file: beside Run the page still says %q", status)
	}
	keepShot(t, screenshot(t, ctx), "static-file.png")
}
