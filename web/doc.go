// Package web is borderwork's classroom page: what-if experiments in a
// browser, with a map of the region. The central type is Request, one
// experiment as the page asks for it: a scenario (bundled, or the text of
// a file a student pasted or uploaded), KEY=VALUE overrides, seed, days,
// replicates and regimes. Describe outlines its scenario (an Outline) for
// the page's controls and map; Run executes it with the experiment package, exactly
// as `borderwork compare` does, and hands on Results as replicates finish.
//
// The page itself is HTML, CSS and JavaScript embedded in Assets. It is
// served in two ways with the same Go code behind it: by a Server's
// Handler, a read-only HTTP server (`borderwork serve`), and as a static site built by
// BuildStatic (`go run ./web/build`), whose engine runs in the browser,
// compiled to WebAssembly from web/wasm. Either way, the page's numbers
// are those the command line prints for the same inputs.
package web
