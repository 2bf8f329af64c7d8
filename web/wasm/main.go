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
// and, to spread one experiment over several Web Workers:
//
//	borderwork.simulate(request, jobs, onRun)  runs the jobs: onRun(k, bytes) for each, then onRun(null)
//	borderwork.collect(request, onLine)        starts collecting: {"total": N}, or {"error": [...]}
//	borderwork.add(k, bytes)                   adds run k (in order); onLine gets Messages, then null
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
	var collector *web.Collector
	var collected js.Value
	api.Set("collect", js.FuncOf(func(_ js.Value, args []js.Value) any {
		text, onLine := args[0].String(), args[1]
		send := func(m web.Message) { onLine.Invoke(marshal(m)) }
		var req web.Request
		if err := json.Unmarshal([]byte(text), &req); err != nil {
			return marshal(web.Message{Error: []string{err.Error()}})
		}
		c, err := web.NewCollector(req, lim, web.Progress{
			Runs:    func(done, total int) { send(web.Message{Runs: &[2]int{done, total}}) },
			Results: func(r *web.Results) error { send(web.Message{Results: r}); return nil },
		})
		if err != nil {
			return marshal(web.Message{Error: web.ErrorLines(err)})
		}
		collector, collected = c, onLine
		return marshal(map[string]int{"total": c.Total()})
	}))
	api.Set("add", js.FuncOf(func(_ js.Value, args []js.Value) any {
		b := make([]byte, args[1].Get("length").Int())
		js.CopyBytesToGo(b, args[1])
		res, err := collector.Add(args[0].Int(), b)
		if err != nil {
			collected.Invoke(marshal(web.Message{Error: web.ErrorLines(err)}))
		}
		if err != nil || res != nil {
			collected.Invoke(js.Null())
		}
		return nil
	}))
	api.Set("simulate", js.FuncOf(func(_ js.Value, args []js.Value) any {
		text, jobsText, onRun := args[0].String(), args[1].String(), args[2]
		go func() {
			defer onRun.Invoke(js.Null())
			var req web.Request
			var jobs []int
			err := json.Unmarshal([]byte(text), &req)
			if err == nil {
				err = json.Unmarshal([]byte(jobsText), &jobs)
			}
			if err == nil {
				err = web.Simulate(context.Background(), req, lim, jobs, func(k int, b []byte) error {
					arr := js.Global().Get("Uint8Array").New(len(b))
					js.CopyBytesToJS(arr, b)
					onRun.Invoke(k, arr)
					return nil
				})
			}
			if err != nil {
				onRun.Invoke(-1, marshal(web.Message{Error: web.ErrorLines(err)}))
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
