// The engine of a static build: borderwork's Go code compiled to
// WebAssembly (borderwork.wasm, from web/wasm), run off the page's thread
// so that the page stays responsive. It answers the page's calls (info,
// outline, run) with the same JSON `borderwork serve` answers.
"use strict";
importScripts("wasm_exec.js");

const ready = (async () => {
  const go = new Go();
  let result;
  try {
    result = await WebAssembly.instantiateStreaming(fetch("borderwork.wasm"), go.importObject);
  } catch (e) {
    // Hosts that serve .wasm without its media type: read it whole.
    const bytes = await (await fetch("borderwork.wasm")).arrayBuffer();
    result = await WebAssembly.instantiate(bytes, go.importObject);
  }
  go.run(result.instance);
  while (!self.borderwork) await new Promise((r) => setTimeout(r, 5));
})();

self.onmessage = async (e) => {
  const { id, op, req, jobs, k, data } = e.data;
  try {
    await ready;
    const bw = self.borderwork;
    if (op === "info") {
      self.postMessage({ id, result: JSON.parse(bw.info()) });
    } else if (op === "outline") {
      self.postMessage({ id, result: JSON.parse(bw.outline(JSON.stringify(req))) });
    } else if (op === "run") {
      bw.run(JSON.stringify(req), (line) => {
        if (line === null) self.postMessage({ id, end: true });
        else self.postMessage({ id, msg: JSON.parse(line) });
      });
    } else if (op === "simulate") {
      // Some of an experiment's runs, for the page to pass, in order, to
      // the worker that collects them.
      bw.simulate(JSON.stringify(req), JSON.stringify(jobs), (run, bytes) => {
        if (run === null) self.postMessage({ id, end: true });
        else if (run < 0) self.postMessage({ id, msg: JSON.parse(bytes) });
        else self.postMessage({ id, run, data: bytes.buffer }, [bytes.buffer]);
      });
    } else if (op === "collect") {
      // Messages of the collection go to the stream the page named.
      const stream = e.data.stream;
      const result = JSON.parse(bw.collect(JSON.stringify(req), (line) => {
        if (line === null) self.postMessage({ id: stream, end: true });
        else self.postMessage({ id: stream, msg: JSON.parse(line) });
      }));
      self.postMessage({ id, result });
    } else if (op === "add") {
      bw.add(k, new Uint8Array(data));
    }
  } catch (err) {
    self.postMessage({ id, error: String(err && err.message || err) });
  }
};
