package web

import (
	"bytes"
	"embed"
	"errors"
	"io/fs"
)

//go:embed assets
var assets embed.FS

// Assets are the page's files: index.html, the script, the style sheet
// and the Web Worker that runs the engine of a static build.
func Assets() fs.FS {
	sub, _ := fs.Sub(assets, "assets")
	return sub
}

// Backends: how the page reaches the engine. index.html says which in its
// body's data-backend attribute.
const (
	BackendServer = "server" // an HTTP server: Handler
	BackendWasm   = "wasm"   // WebAssembly in the browser: a static build
)

// IndexHTML is the page's index.html for a backend.
func IndexHTML(backend string) ([]byte, error) {
	b, err := fs.ReadFile(Assets(), "index.html")
	if err != nil {
		return nil, err
	}
	return bytes.Replace(b, []byte(`data-backend="server"`), []byte(`data-backend="`+backend+`"`), 1), nil
}

// Message is one line of the page's stream of progress: runs done, a
// snapshot of results, or the problem that stopped the experiment; from a
// server, first how many experiments are ahead while it waits its turn.
// Handler writes them as JSON lines; the static build hands the same
// lines from its Web Worker.
type Message struct {
	// Waiting is how many other experiments run or wait before this
	// one, sent by a server each time it changes while the experiment
	// waits for its turn; the runs start after it.
	Waiting *int `json:"waiting,omitempty"`
	// Wait is about how many seconds until the experiment's turn, sent
	// with Waiting once the server has finished an experiment to tell
	// how fast it works; a guess, for people.
	Wait    *int     `json:"wait,omitempty"`
	Runs    *[2]int  `json:"runs,omitempty"` // done, total
	Results *Results `json:"results,omitempty"`
	Error   []string `json:"error,omitempty"`
}

// ErrorLines is how an error reaches the page: the lines of a Problem,
// or one line.
func ErrorLines(err error) []string {
	var p *Problem
	if errors.As(err, &p) {
		return p.Lines
	}
	return []string{err.Error()}
}
