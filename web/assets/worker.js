// The engine of a static build: borderwork's Go code compiled to
// WebAssembly (borderwork.wasm, from web/wasm), run off the page's thread
// so that the page stays responsive. It answers the page's calls (info,
// outline, run) with the same JSON `borderwork serve` answers.
"use strict";
importScripts("wasm_exec.js");

// MISSING says, in words a teacher can act on, that the site does not
// serve the engine: a folder copied without it, or a host answering with
// a page of its own.
const MISSING = "borderwork.wasm, the simulation itself, could not be loaded from this site";

// fetchEngine fetches borderwork.wasm, telling the page how much of it
// has come ({loading: [bytes, total]}, total 0 if the host does not say:
// tens of megabytes on a school's network take a while), and returns its
// bytes.
async function fetchEngine() {
  let resp;
  try {
    resp = await fetch("borderwork.wasm");
  } catch (e) {
    throw new Error(`${MISSING}: the network failed (${e.message || e}).`);
  }
  if (!resp.ok) throw new Error(`${MISSING} (the site answered ${resp.status} ${resp.statusText}): copy every file of the static build to it.`);
  // A compressed download's length is not the file's: then say none.
  const length = Number(resp.headers.get("Content-Length")) || 0;
  const total = resp.headers.get("Content-Encoding") ? 0 : length;
  const reader = resp.body.getReader();
  const parts = [];
  let got = 0, told = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    got += value.length;
    if (got - told >= 1 << 19) { self.postMessage({ loading: [got, total] }); told = got; }
  }
  self.postMessage({ loading: [got, total] });
  const bytes = new Uint8Array(got);
  let at = 0;
  for (const p of parts) { bytes.set(p, at); at += p.length; }
  // WebAssembly starts with \0asm; a host's page of its own (an HTML
  // "not found" served as 200) does not.
  if (got < 4 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new Error(`${MISSING}: the site sent something else under its name (${resp.headers.get("Content-Type") || "no type"}). Copy every file of the static build to it.`);
  }
  return bytes;
}

const ready = (async () => {
  const go = new Go();
  const result = await WebAssembly.instantiate(await fetchEngine(), go.importObject);
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
