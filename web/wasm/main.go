//go:build js && wasm

// Command wasm is the classroom page's engine in the browser: the web
// package compiled to WebAssembly (GOOS=js GOARCH=wasm) for a static
// build. It sets a global object borderwork whose functions take and give
// JSON, as `borderwork serve`'s API does:
//
//	borderwork.info()                 Info
//	borderwork.outline(request)       Outline, or {"error": [...]}
//	borderwork.run(request, onLine)   calls onLine with each Message, then null
//
// worker.js (web/assets) loads it in a Web Worker. Build it with
// `go run ./web/build`.
package main

import (
	"context"
	"encoding/json"
	"syscall/js"

	"github.com/borderwork/borderwork/web"
)

func main() {
	lim := web.DefaultLimits()
	initial := web.Request{Scenario: web.DefaultScenario}
	api := js.Global().Get("Object").New()
	api.Set("info", js.FuncOf(func(js.Value, []js.Value) any {
		return marshal(web.NewInfo(initial, lim))
	}))
	api.Set("outline", js.FuncOf(func(_ js.Value, args []js.Value) any {
		var req web.Request
		if err := json.Unmarshal([]byte(args[0].String()), &req); err != nil {
			return marshal(web.Message{Error: []string{err.Error()}})
		}
		o, err := web.Describe(req, lim)
		if err != nil {
			return marshal(web.Message{Error: web.ErrorLines(err)})
		}
		return marshal(o)
	}))
	api.Set("run", js.FuncOf(func(_ js.Value, args []js.Value) any {
		text, onLine := args[0].String(), args[1]
		// The experiment runs on goroutines, which must not block a
		// callback from JavaScript: it runs on its own.
		go func() {
			send := func(m web.Message) { onLine.Invoke(marshal(m)) }
			defer onLine.Invoke(js.Null())
			var req web.Request
			if err := json.Unmarshal([]byte(text), &req); err != nil {
				send(web.Message{Error: []string{err.Error()}})
				return
			}
			_, err := web.Run(context.Background(), req, lim, 1, web.Progress{
				Runs:    func(done, total int) { send(web.Message{Runs: &[2]int{done, total}}) },
				Results: func(r *web.Results) error { send(web.Message{Results: r}); return nil },
			})
			if err != nil {
				send(web.Message{Error: web.ErrorLines(err)})
			}
		}()
		return nil
	}))
	js.Global().Set("borderwork", api)
	select {} // serve calls until the page goes
}

func marshal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(web.Message{Error: []string{err.Error()}})
	}
	return string(b)
}
