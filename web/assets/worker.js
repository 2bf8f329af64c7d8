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
  const { id, op, req } = e.data;
  try {
    await ready;
    if (op === "info") {
      self.postMessage({ id, result: JSON.parse(self.borderwork.info()) });
    } else if (op === "outline") {
      self.postMessage({ id, result: JSON.parse(self.borderwork.outline(JSON.stringify(req))) });
    } else if (op === "run") {
      self.borderwork.run(JSON.stringify(req), (line) => {
        if (line === null) {
          self.postMessage({ id, end: true });
          return;
        }
        self.postMessage({ id, msg: JSON.parse(line) });
      });
    }
  } catch (err) {
    self.postMessage({ id, error: String(err && err.message || err) });
  }
};
