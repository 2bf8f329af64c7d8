// Command build makes the classroom page's static site: the page and the
// engine compiled to WebAssembly, in one folder that any static web host
// serves (docs: README, "The classroom page"). From a clone of the
// repository:
//
//	go run ./web/build            # writes site/
//	go run ./web/build -o public  # elsewhere
//	go run ./web/build -zip site.zip  # and site.zip, its files in a folder site/
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/borderwork/borderwork/web"
)

func main() {
	out := flag.String("o", "site", "write the site into `DIR`")
	commit := flag.String("commit", "", "the commit to stamp into the engine (default: git's HEAD, if any)")
	zipFile := flag.String("zip", "", "also write the site as the zip archive `FILE.zip`, its files in a folder FILE (for a host without Go)")
	flag.Parse()
	top, ok := strings.CutSuffix(filepath.Base(*zipFile), ".zip")
	if *zipFile != "" && (!ok || top == "") {
		fmt.Fprintf(os.Stderr, "build: -zip %s: want a file name ending in .zip\n", *zipFile)
		os.Exit(2)
	}
	if *commit == "" {
		if b, err := exec.Command("git", "rev-parse", "HEAD").Output(); err == nil {
			*commit = strings.TrimSpace(string(b))
		}
	}
	root, err := web.ModuleRoot("", ".")
	if err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(2)
	}
	site, err := web.BuildStatic(*out, root, web.StaticOptions{Commit: *commit})
	if err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
	fmt.Print(wrote(site))
	if *zipFile != "" {
		if err := writeZip(site, *zipFile, top); err != nil {
			fmt.Fprintln(os.Stderr, "build:", err)
			os.Exit(1)
		}
		fmt.Printf("Wrote %s: the same files in a folder %s, to unzip on the host.\n", *zipFile, top)
	}
}

// wrote says what was written and how to open it: from a web server,
// with the address to open, since the site does not run opened as a
// file (index.html double-clicked), the first thing a teacher tries.
func wrote(site *web.StaticSite) string {
	return fmt.Sprintf("Wrote %s: %s.\nThe engine is %.1f MB, %.1f MB gzipped. Serve the folder from any static host; opened as a file (index.html double-clicked) it does not run. To try it on this computer:\n\tpython3 -m http.server -d %s 8000\nthen open http://127.0.0.1:8000/\n",
		site.Dir, strings.Join(site.Files, ", "), float64(site.WasmBytes)/1e6, float64(site.WasmGzip)/1e6, site.Dir)
}
