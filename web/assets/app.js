// borderwork's classroom page. The numbers all come from the Go engine:
// from `borderwork serve` over HTTP, or, in a static build, from the same
// Go code compiled to WebAssembly and run in a Web Worker (worker.js).
// This script only asks, draws and animates.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const $ = (id) => document.getElementById(id);

// ---- Backends -------------------------------------------------------------

// LOST says that the page cannot reach `borderwork serve` (stopped, or
// the network dropped), in words a student can act on; the browser's
// own ("Failed to fetch") say nothing of what happened or what to do.
const LOST = "The page lost contact with the borderwork server: it may have been stopped, or the network dropped.";

// BACKGROUND says why a run was dropped while the page was hidden: a
// phone that locks mid-run stops reading the results, and the server
// gives up on a run it cannot send to. Said as LOST ("Ask your
// teacher"), it alarmed a student for a normal case.
const BACKGROUND = "The run stopped while this page was in the background (the screen locked or another tab was open); press Run to start it again.";

// serverBackend talks to `borderwork serve`. A request the server never
// answers, or a stream cut off before its end, is a message {error, lost}
// saying so; a cancel stays an AbortError. A run the server refuses
// before it starts (bad input, a full queue), answered with a 4xx or 5xx
// status rather than a stream, is a message {error, refused}, with busy
// when the queue was full (503): no fault of the settings.
function serverBackend() {
  const post = (path, req, signal) =>
    fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(req), signal });
  // reach awaits a network step, turning its failure into a lost error.
  const reach = async (step) => {
    try {
      return await step;
    } catch (e) {
      if (e.name === "AbortError") throw e;
      throw Object.assign(new Error(LOST), { lost: true });
    }
  };
  return {
    async info() { return (await reach(fetch("api/info"))).json(); },
    async outline(req) {
      try {
        // A server busy checking other pasted files (503) finds no fault
        // in this one: said as a lost contact is, to try again.
        return await reach(post("api/outline", req).then(async (r) => Object.assign(await r.json(), r.status === 503 ? { lost: true } : {})));
      } catch (e) {
        return { error: [LOST + " Ask your teacher, then try again."], lost: true };
      }
    },
    run(req, onMessage) {
      const ctrl = new AbortController();
      let ended = false; // the final results or the reason the run stopped came
      let refused = false, busy = false;
      // Until when the page was hidden: Infinity while it is, and a
      // run dropped then or within a stall's time after (a phone woken,
      // finding its run given up) was dropped for being in the
      // background; one dropped long after a glance at another tab was
      // not. The clock only chooses the words.
      let hiddenUntil = document.visibilityState === "hidden" ? Infinity : -Infinity;
      const seeHidden = () => { hiddenUntil = document.visibilityState === "hidden" ? Infinity : Date.now(); };
      document.addEventListener("visibilitychange", seeHidden);
      const tell = (m) => {
        if (m.error || (m.results && m.results.final)) ended = true;
        onMessage(m.error && refused ? Object.assign(m, { refused: true, busy }) : m);
      };
      const done = (async () => {
        try {
          const resp = await reach(post("api/run", req, ctrl.signal));
          refused = !resp.ok;
          busy = resp.status === 503;
          const reader = resp.body.getReader();
          const decoder = new TextDecoder();
          let buf = "";
          for (;;) {
            const { value, done } = await reach(reader.read());
            if (done) break;
            buf += decoder.decode(value, { stream: true });
            let nl;
            while ((nl = buf.indexOf("\n")) >= 0) {
              const line = buf.slice(0, nl);
              buf = buf.slice(nl + 1);
              if (line.trim()) tell(JSON.parse(line));
            }
          }
          if (buf.trim()) tell(JSON.parse(buf));
        } catch (e) {
          if (!e.lost) throw e;
        } finally {
          document.removeEventListener("visibilitychange", seeHidden);
        }
        const background = Date.now() - hiddenUntil < 35000;
        if (!ended) onMessage({ error: [background ? BACKGROUND : LOST + " Ask your teacher, then press Run again."], lost: true });
      })();
      return { done, cancel: () => ctrl.abort() };
    },
  };
}

// engine is one Web Worker running the Go engine (worker.js): calls
// answered once, and streams of messages that end.
function engine(onLoading) {
  const worker = new Worker("worker.js");
  const pending = new Map();
  let nextID = 1;
  worker.onmessage = (e) => {
    const { id, result, msg, end, error, run, data, loading } = e.data;
    if (loading) { if (onLoading) onLoading(loading); return; }
    const p = pending.get(id);
    if (!p) return;
    if (error) { pending.delete(id); p.reject(new Error(error)); return; }
    if (msg) p.onMessage(msg);
    if (run !== undefined) p.onRun(run, data);
    if (result !== undefined) { pending.delete(id); p.resolve(result); }
    if (end) { pending.delete(id); p.resolve(); }
  };
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(e.message || "the engine failed to load"));
    pending.clear();
  };
  return {
    // call sends op and waits for its result or the end of its stream.
    call(op, fields, handlers) {
      const id = nextID++;
      return new Promise((resolve, reject) => {
        pending.set(id, Object.assign({ resolve, reject, onMessage() {}, onRun() {} }, handlers || {}));
        worker.postMessage(Object.assign({ id, op }, fields));
      });
    },
    // stream opens a stream of messages that another call will feed.
    stream(onMessage) {
      const id = nextID++;
      const done = new Promise((resolve, reject) => pending.set(id, { resolve, reject, onMessage, onRun() {} }));
      return { id, done };
    },
    post(fields, transfer) { worker.postMessage(fields, transfer || []); },
    stop() {
      worker.terminate();
      for (const p of pending.values()) p.reject(new DOMException("cancelled", "AbortError"));
      pending.clear();
    },
  };
}

// sayStatus passes what the status beside Run shows to a screen reader,
// through a live region of its own: all of it but the ticks of
// progress, of which only the first of each quarter (not the last
// tick, which the word that it is done follows). The status itself
// changes up to twenty times a second during a run (and as a static
// build's engine loads), and as a live region it had each change queued
// to be spoken, "Running: 34 of 800 runs", "Running: 119 of 800 runs",
// long after they were true.
function sayStatus() {
  let quarter = -1, ahead = "";
  new MutationObserver(() => {
    const s = $("status-text").textContent;
    const m = /^(?:Running|Loading the simulation)\D*([\d.]+)\s+of\s+([\d.]+)/.exec(s);
    if (m) {
      const q = Math.min(4, Math.floor((4 * Number(m[1])) / Number(m[2])));
      if (q === quarter || q === 4) return; // whole: what follows says it is done
      quarter = q;
    } else quarter = -1;
    // A wait counted down each second is said when the number ahead
    // changes, not at each second.
    const w = /^Waiting: [^,…]*/.exec(s);
    if (w && w[0] === ahead) return;
    ahead = w ? w[0] : "";
    $("status-said").textContent = s;
  }).observe($("status-text"), { childList: true, characterData: true, subtree: true });
}
sayStatus();

// showLoading says how much of the engine a static build has loaded, in
// the status beside Run, until the page is ready.
function showLoading([got, total]) {
  if (document.body.dataset.ready) return;
  const mb = (n) => (n / 1e6).toFixed(1);
  $("status-text").textContent = `Loading the simulation into this browser: ${mb(got)}` + (total ? ` of ${mb(total)} MB…` : " MB…");
  if (total) { $("progress").max = total; $("progress").value = got; }
}

// wasmBackend runs the engine in Web Workers: one answers the page and
// collects results; on a computer with several cores, helpers run an
// experiment's runs in parallel and the page passes them, in run order,
// to the collector, so the numbers are the same whoever ran each run.
// Cancelling ends the workers and starts fresh ones. ?workers=N sets the
// number of helpers (0: the collector runs everything); by default there
// is one per core but one, at most four, and none on two cores or fewer.
function wasmBackend() {
  const asked = new URLSearchParams(location.search).get("workers");
  const cores = navigator.hardwareConcurrency || 1;
  // Helpers pay off from three cores: on two, three engines (two helpers
  // and the collector) only compete for them.
  const nHelpers = asked !== null ? Math.max(0, Math.min(8, parseInt(asked, 10) || 0)) : (cores >= 3 ? Math.min(4, cores - 1) : 0);
  let main, helpers;
  const start = () => {
    main = engine(main ? null : showLoading); // only the first load is waited for
    helpers = [];
    for (let i = 0; i < nHelpers; i++) helpers.push(engine());
  };
  start();
  const stopAll = () => { main.stop(); helpers.forEach((h) => h.stop()); start(); };

  function runParallel(req, onMessage) {
    const stream = main.stream(onMessage);
    const feed = (async () => {
      const r = await main.call("collect", { req, stream: stream.id });
      if (r.error) { onMessage(r); return true; }
      const total = r.total;
      const waiting = new Map();
      let next = 0;
      const pass = (k, data) => {
        waiting.set(k, data);
        while (waiting.has(next)) {
          const d = waiting.get(next);
          waiting.delete(next);
          main.post({ op: "add", k: next, data: d }, [d]);
          next++;
        }
      };
      let failed = null;
      await Promise.all(helpers.map((h, i) => {
        const jobs = [];
        for (let k = i; k < total; k += helpers.length) jobs.push(k);
        return h.call("simulate", { req, jobs }, { onRun: pass, onMessage: (m) => { if (m.error && !failed) { failed = m; onMessage(m); } } });
      }));
      return failed !== null;
    })();
    const done = feed.then((stop) => (stop ? undefined : stream.done));
    return { done, cancel: stopAll };
  }

  return {
    info: () => main.call("info"),
    outline: (req) => main.call("outline", { req }),
    run(req, onMessage) {
      // An error before any run is done is the engine refusing the
      // request (in the browser no time limit stops a run): {refused}.
      let ran = false;
      const tell = (m) => {
        if (m.runs) ran = true;
        onMessage(m.error && !ran ? Object.assign({}, m, { refused: true }) : m);
      };
      if (helpers.length === 0) return { done: main.call("run", { req }, { onMessage: tell }), cancel: stopAll };
      return runParallel(req, tell);
    },
  };
}

// FROM_FILE says why a static build opened as a file (site/index.html
// double-clicked, or opened from a shared drive: file://...) cannot
// start, and what to do: browsers load neither worker.js nor
// borderwork.wasm into a page opened that way (Chromium refuses the
// worker, Firefox the download), which left the page at "Loading…".
const FROM_FILE = "This page was opened as a file (its address starts with file://), and browsers do not run the simulation in a page opened that way. " +
  "Open it from a web server: copy the whole folder to a web space (the school's, GitHub Pages, ...) and open its address, " +
  "or, to try it on this computer, run python3 -m http.server -d site 8000 in the folder that holds site, then open http://127.0.0.1:8000/ (README, \"The classroom page\").";

// failedBackend answers every call with the reason the engine cannot
// start, which the page shows under the scenario.
function failedBackend(why) {
  const fail = () => Promise.reject(new Error(why));
  return { info: fail, outline: fail, run: () => ({ done: fail(), cancel() {} }) };
}

function startBackend() {
  if (document.body.dataset.backend !== "wasm") return serverBackend();
  if (location.protocol === "file:") return failedBackend(FROM_FILE);
  try {
    return wasmBackend();
  } catch (e) { // a browser that refuses the engine's Web Worker
    return failedBackend(`The simulation could not be started in this browser (${e.message || e}).`);
  }
}

const backend = startBackend();

// ---- State ----------------------------------------------------------------

const state = {
  info: null,
  source: null,      // {scenario} or {text, file}
  outline: null,
  results: null,
  running: null,     // the run in progress: {cancel}
  cameText: undefined, // the box's text as it came (the scenario in use, or an upload): fileNotInUse
  applied: null,     // the last changes applied from "More changes": {n, added}, for saySetsApplied
  tableObserver: null, // refits the summary table when its box's width changes
  printing: false,   // between beforeprint and afterprint: the table is laid out for paper
  day: 0,
  timer: null,
};

// ---- Numbers --------------------------------------------------------------

// formatCount writes a number as the command line does (output.FormatCount).
function formatCount(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return "-";
  if (Math.abs(v) < 100) return v.toFixed(1);
  const s = Math.round(Math.abs(v)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return v < 0 ? "-" + s : s;
}

// niceTicks returns round ticks from at or below lo to at or above hi.
function niceTicks(lo, hi, n) {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / n;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const ticks = [];
  const first = Math.floor(lo / step + 1e-9) * step, last = Math.ceil(hi / step - 1e-9) * step;
  for (let t = first; t <= last + step * 1e-9; t += step) ticks.push(+t.toFixed(10));
  return ticks;
}

// ---- SVG helpers ----------------------------------------------------------

function el(name, attrs, parent) {
  const e = document.createElementNS(SVGNS, name);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

function text(parent, x, y, s, attrs) {
  const t = el("text", Object.assign({ x, y, "font-size": 13, fill: "#222" }, attrs || {}), parent);
  t.textContent = s;
  return t;
}

function html(tag, attrs, children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children || []) e.appendChild(c);
  return e;
}

// chartWidth is the width, in drawing units, of a chart in box: the
// box's width in CSS pixels, up to 720, so that on a phone the text of
// a chart is drawn at its own size rather than shrunk with the drawing.
function chartWidth(box) {
  return Math.round(Math.min(720, Math.max(300, box.clientWidth || 720)));
}

// isCumulative says whether a series counts up from day 0 (a running
// total) rather than giving the state of each day; the metric registry's
// documentation says so.
function isCumulative(s) {
  return /^cumulative\b|\bso far\b/.test(s.doc || "");
}

// axisTitle is a series' name with its unit, not twice ("abuse events",
// not "abuse events (events)"), and says when it is a running total.
function axisTitle(s) {
  const unit = s.title.split(/\W+/).includes(s.unit) ? "" : ` (${s.unit})`;
  return (isCumulative(s) ? `${s.title}, total since day 0` : s.title) + unit;
}

// AXIS_LINE is the step from one line of a chart's turned axis title
// to the next.
const AXIS_LINE = 15;
let chartCanvas = null;

// chartTextWidth measures s as a chart writes it (text(): 13 units, the
// charts' font), whether or not the chart is laid out yet.
function chartTextWidth(s) {
  chartCanvas = chartCanvas || document.createElement("canvas").getContext("2d");
  chartCanvas.font = `13px system-ui, "Segoe UI", Roboto, "Liberation Sans", sans-serif`;
  return chartCanvas.measureText(s).width;
}

// wrapWords breaks s at spaces into lines no wider than w, as a chart
// writes them (a single word wider than w stands on its own line), not
// before a number ("day 0" stays whole).
function wrapWords(s, w) {
  const lines = [];
  for (const word of s.split(/ (?![0-9])/)) {
    const last = lines.length - 1;
    if (last >= 0 && chartTextWidth(lines[last] + " " + word) <= w) lines[last] += " " + word;
    else lines.push(word);
  }
  return lines;
}

// LINE is the width of a regime's line in a chart, in pixels, and PX the
// page's pixels per point of the figures: the figures' lines are 1.5
// points wide.
const LINE = 2.6, PX = LINE / 1.5;

// BAR_EDGE is the outline of every bar, as the figures draw it: dark
// grey, 0.5 points wide, so that a bar in a light colour (the palette's
// yellow) shows on white.
const BAR_EDGE = { color: "#333333", width: 0.5 };

// strokeSeries draws the line d of regime r, width pixels wide with its
// dash pattern scaled by dash, into parent: over a dark edge if its
// colour is light (r.edge, as the figures draw it), so that it shows on
// white.
function strokeSeries(parent, d, r, width, dash) {
  const dashes = (r.dashes || []).map((x) => x * dash).join(" ") || "none";
  if (r.edge) {
    el("path", { d, class: "edge", fill: "none", stroke: r.edge, "stroke-width": width + 2 * r.edge_width * PX, "stroke-dasharray": dashes, "data-regime": r.name }, parent);
  }
  return el("path", { d, class: "series", fill: "none", stroke: r.color, "stroke-width": width, "stroke-dasharray": dashes, "data-regime": r.name }, parent);
}

// swatch is the sample of regime r's colour beside its name: edged in
// dark grey if the colour is light.
function swatch(r) {
  const edge = r.edge ? `;box-shadow:0 0 0 ${(r.edge_width * PX).toFixed(2)}px ${r.edge}` : "";
  return html("span", { class: "swatch", style: `background:${r.color}${edge}`, "aria-hidden": "true", "data-regime": r.name });
}

function regimeOf(name) {
  const r = (state.results || {}).regimes || (state.outline || {}).regimes || [];
  return r.find((x) => x.name === name) || { name, color: "#000", dashes: [] };
}

// ---- Charts ---------------------------------------------------------------

// lineChart draws one series: a band and a line per regime. It returns
// whether a band reaches below the axis, where it is cut.
function lineChart(box, series, label) {
  box.textContent = "";
  const W = chartWidth(box), H = 330, m = { l: 64, r: 16, t: 12, b: 44 };
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": label }, box);
  let days = 0, hi = 0;
  for (const b of series.bands) {
    days = Math.max(days, b.mean.length);
    for (let i = 0; i < b.mean.length; i++) hi = Math.max(hi, b.hi[i] ?? b.mean[i], b.mean[i]);
  }
  // The axis starts at the lowest mean (zero for counts): a band that
  // reaches below it, as a 95% interval of a rare count can, is cut there.
  let lo = 0;
  for (const b of series.bands) for (const v of b.mean) lo = Math.min(lo, v);
  const yt = niceTicks(lo, hi > lo ? hi : lo + 1, 5);
  const y0 = yt[0], y1 = Math.max(hi, yt[yt.length - 1]);
  // The axis's title, turned, runs up beside the axis: a long one
  // ("abuse of trapped or stranded migrants, total since day 0
  // (events)") takes two lines rather than run off the chart, and the
  // numbers of the axis stand to the right of it, however wide.
  const tick = (t) => formatCount(t).replace(/\.0$/, "");
  const titleLines = wrapWords(axisTitle(series), H - m.b - 8);
  const widest = Math.max(...yt.map((t) => chartTextWidth(tick(t))));
  m.l = Math.max(m.l, Math.ceil(16 + AXIS_LINE * (titleLines.length - 1) + 10 + widest + 6));
  const X = (d) => m.l + (d / Math.max(1, days - 1)) * (W - m.l - m.r);
  const Y = (v) => H - m.b - ((Math.max(v, y0) - y0) / (y1 - y0 || 1)) * (H - m.t - m.b);
  for (const t of yt) {
    el("line", { x1: m.l, x2: W - m.r, y1: Y(t), y2: Y(t), stroke: "#e0e0e0" }, svg);
    text(svg, m.l - 6, Y(t) + 4, tick(t), { "text-anchor": "end" });
  }
  for (const t of niceTicks(0, Math.max(1, days - 1), W < 500 ? 4 : 6)) {
    if (t > days - 1) continue;
    el("line", { x1: X(t), x2: X(t), y1: H - m.b, y2: H - m.b + 5, stroke: "#444" }, svg);
    text(svg, X(t), H - m.b + 19, String(t), { "text-anchor": "middle" });
  }
  el("line", { x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b, stroke: "#444" }, svg);
  text(svg, (W + m.l) / 2, H - 6, "day", { "text-anchor": "middle" });
  titleLines.forEach((line, k) => {
    const x = 16 + AXIS_LINE * k;
    text(svg, x, (H - m.b) / 2, line, { class: "axis-title", transform: `rotate(-90 ${x} ${(H - m.b) / 2})`, "text-anchor": "middle" });
  });
  for (const b of series.bands) {
    const r = regimeOf(b.regime);
    let top = "", bottom = "";
    for (let i = 0; i < b.mean.length; i++) {
      if (b.lo[i] === null || b.hi[i] === null) continue;
      top += `${top ? "L" : "M"}${X(i).toFixed(1)},${Y(b.hi[i]).toFixed(1)}`;
      bottom = `L${X(i).toFixed(1)},${Y(b.lo[i]).toFixed(1)}` + bottom;
    }
    if (top) el("path", { d: top + bottom + "Z", fill: r.color, "fill-opacity": 0.22, stroke: "none" }, svg);
  }
  for (const b of series.bands) {
    const r = regimeOf(b.regime);
    let d = "";
    for (let i = 0; i < b.mean.length; i++) d += `${i ? "L" : "M"}${X(i).toFixed(1)},${Y(b.mean[i]).toFixed(1)}`;
    strokeSeries(svg, d, r, LINE, 1.6);
  }
  box.appendChild(legend(series.bands.map((b) => b.regime)));
  // In words, the values at the days the axis marks, and at the last.
  const marked = niceTicks(0, Math.max(1, days - 1), W < 500 ? 4 : 6).filter((t) => t < days - 1).concat([days - 1]);
  const rows = marked.map((d) => [String(d), ...series.bands.map((b) => withBand(b.mean[d], b.lo[d], b.hi[d], y0))]);
  chartTable(box, `${label}: the mean on the days marked on the chart, and the last, with the band in brackets` + cutWords(rows, y0), ["day", ...series.bands.map((b) => b.regime)], rows);
  return series.bands.some((b) => b.lo.some((v) => v !== null && v < y0));
}

// withBand writes a mean with its interval, "12.5 (8.0 to 17.0)", or the
// mean alone where there is none (one replicate). A lower end below
// floor, where the chart cuts its band or error bar, is written as the
// chart draws it, floor, marked "*" (cutWords says what it means): the
// table gave "-3.2" beside a chart whose band stopped at 0.
function withBand(mean, lo, hi, floor) {
  if (lo === null || lo === undefined || hi === null || hi === undefined) return formatCount(mean);
  const low = lo < floor ? formatCount(floor) + "*" : formatCount(lo);
  return `${formatCount(mean)} (${low} to ${formatCount(hi)})`;
}

// cutWords is what a chart's table adds to its words when a cell of rows
// has a lower end cut at floor (withBand), else "".
function cutWords(rows, floor) {
  if (!rows.some((r) => r.slice(1).some((c) => c.includes("*")))) return "";
  const at = formatCount(floor).replace(/\.0$/, "");
  return `. * cut at ${at}, as on the chart: the interval reaches below ${at}, which no count can`;
}

// chartTable puts what the chart in box shows as a table, under "The
// chart as a table" after it: a chart is an image to a screen reader,
// which reads its title and not one of its numbers, nor a curve's
// course; and a table is read at any zoom and without telling colours
// apart. The table's first column heads its rows; what it holds is said
// above it, not in a caption, which on a phone is as wide as the table
// and scrolls out of sight with it. Drawn again (the window resized, or
// zoomed), the table is replaced, open if it was.
function chartTable(box, caption, head, rows) {
  const fig = box.closest("figure"), id = fig.id + "-table-words";
  let details = fig.querySelector("details.chart-table");
  if (!details) {
    details = html("details", { class: "chart-table" }, [html("summary", { text: "The chart as a table" }), html("p", { id, class: "note" }), html("div", { class: "table-box" })]);
    fig.appendChild(details);
  }
  details.hidden = !rows.length;
  $(id).textContent = caption;
  const table = html("table", { "aria-labelledby": id }, [
    html("thead", {}, [html("tr", {}, head.map((h) => html("th", { scope: "col", text: h })))]),
    html("tbody", {}, rows.map((r) => html("tr", {}, r.map((c, i) => html(i ? "td" : "th", i ? { text: c } : { scope: "row", text: c }))))),
  ]);
  details.querySelector(".table-box").replaceChildren(table);
}

function legend(names) {
  const p = html("p", { class: "legend" });
  for (const n of names) {
    const r = regimeOf(n);
    const s = el("svg", { width: 34, height: 12, "aria-hidden": "true" });
    strokeSeries(s, "M1,6H33", r, 3, 1);
    // A sample and its name stay on one line: split, the sample at the
    // end of one line reads as the name's below it.
    p.appendChild(html("span", { class: "entry", "data-regime": n }, [s, document.createTextNode(" " + n)]));
    p.appendChild(document.createTextNode("\u2003"));
  }
  return p;
}

// hatchPattern defines, in defs, the pattern of hatch h (a regime's, as
// the figures draw it over its bars: palette.StyleHatch) under the id
// given, and returns it; null for plain bars. Its lines stand at fixed
// places on the chart, so that neighbouring bars' hatches line up.
function hatchPattern(defs, id, h) {
  if (!h || !h.name) return null;
  const s = h.spacing * PX, line = { stroke: h.ink, "stroke-width": h.width * PX };
  // Lines spaced s apart across them, as the figures': upright lines in
  // a tile s wide, turned 45 degrees for / and \.
  const turn = { rising: 45, falling: -45, crossed: 45 }[h.name];
  const p = el("pattern", { id, "data-hatch": h.name, patternUnits: "userSpaceOnUse", width: s, height: h.name === "dotted" ? 2 * s : s }, defs);
  if (turn) p.setAttribute("patternTransform", `rotate(${turn})`);
  switch (h.name) {
    case "rising": case "falling": case "upright":
      el("line", { x1: s / 2, y1: 0, x2: s / 2, y2: s, ...line }, p);
      break;
    case "crossed":
      el("line", { x1: s / 2, y1: 0, x2: s / 2, y2: s, ...line }, p);
      el("line", { x1: 0, y1: s / 2, x2: s, y2: s / 2, ...line }, p);
      break;
    case "dotted": // rows s apart, each shifted half a step from the last
      for (const [x, y] of [[s / 2, s / 2], [0, 1.5 * s], [s, 1.5 * s]]) el("circle", { cx: x, cy: y, r: (h.dot * PX) / 2, fill: h.ink }, p);
      break;
    default: // the hatches of the figures' other categories: no regime's
      p.remove();
      return null;
  }
  return p;
}

// barChart draws grouped horizontal bars: one block per quantity, one bar
// per regime, each with the 95% confidence interval of its mean. Each
// regime's bars are hatched as in the figures (plain, /, \, crossed,
// ...), so that they read in greyscale print and without colour; a chart
// of one regime alone, in a colour that shows on white, is plain, as
// there (figures' oneSeries). It returns whether an error bar reaches
// below 0, where it is cut.
function barChart(box, bars, label) {
  box.textContent = "";
  if (!bars.names.length) {
    box.appendChild(html("p", { class: "note", text: "None in any run." }));
    chartTable(box, label, [], []);
    return false;
  }
  const W = chartWidth(box), n = bars.groups.length, rowH = 18, gap = 30, m = { l: W < 500 ? 112 : 150, r: 64, t: 8 };
  const H = m.t + bars.names.length * (n * rowH + gap) + 24;
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": label }, box);
  const defs = el("defs", {}, svg);
  const plain = n === 1 && !regimeOf(bars.groups[0].regime).edge;
  const hatches = bars.groups.map((g, k) => (plain ? null : hatchPattern(defs, `${box.closest("figure").id}-hatch-${k}`, regimeOf(g.regime).hatch)));
  let hi = 0;
  for (const g of bars.groups) for (let i = 0; i < g.mean.length; i++) hi = Math.max(hi, g.hi[i] ?? g.mean[i], g.mean[i]);
  const ticks = niceTicks(0, hi || 1, W < 500 ? 3 : 5);
  const top = ticks[ticks.length - 1];
  const X = (v) => m.l + (Math.max(0, v) / top) * (W - m.l - m.r);
  for (const t of ticks) {
    el("line", { x1: X(t), x2: X(t), y1: m.t, y2: H - 22, stroke: "#e0e0e0" }, svg);
    text(svg, X(t), H - 6, formatCount(t).replace(/\.0$/, ""), { "text-anchor": "middle" });
  }
  bars.names.forEach((name, q) => {
    const y = m.t + q * (n * rowH + gap);
    text(svg, 4, y + 14, bars.labels[q], { "font-weight": 600 });
    bars.groups.forEach((g, k) => {
      const r = regimeOf(g.regime);
      const yy = y + 20 + k * rowH;
      text(svg, m.l - 6, yy + rowH - 5, g.regime, { "text-anchor": "end" });
      const bar = { x: X(0), y: yy + 1, width: Math.max(0, X(g.mean[q]) - X(0)), height: rowH - 3 };
      el("rect", { ...bar, fill: r.color, stroke: BAR_EDGE.color, "stroke-width": BAR_EDGE.width * PX, "data-regime": g.regime }, svg);
      if (hatches[k] && bar.width > 0) el("rect", { ...bar, class: "hatch", fill: `url(#${hatches[k].id})`, "data-hatch-of": g.regime }, svg);
      if (g.lo[q] !== null && g.hi[q] !== null) {
        const c = yy + rowH / 2;
        el("line", { x1: X(g.lo[q]), x2: X(g.hi[q]), y1: c, y2: c, stroke: "#111", "stroke-width": 1.5 }, svg);
        el("line", { x1: X(g.lo[q]), x2: X(g.lo[q]), y1: c - 4, y2: c + 4, stroke: "#111", "stroke-width": 1.5 }, svg);
        el("line", { x1: X(g.hi[q]), x2: X(g.hi[q]), y1: c - 4, y2: c + 4, stroke: "#111", "stroke-width": 1.5 }, svg);
      }
      text(svg, Math.max(X(g.mean[q]), X(g.hi[q] ?? 0)) + 6, yy + rowH - 5, formatCount(g.mean[q]));
    });
  });
  const rows = bars.names.map((_, q) => [bars.labels[q], ...bars.groups.map((g) => withBand(g.mean[q], g.lo[q], g.hi[q], 0))]);
  chartTable(box, `${label}: the mean, with its 95% confidence interval in brackets` + cutWords(rows, 0), ["count", ...bars.groups.map((g) => g.regime)], rows);
  return bars.groups.some((g) => g.lo.some((v) => v !== null && v < 0));
}

// ---- The summary table ----------------------------------------------------

function drawTable(res) {
  const box = $("summary-box");
  box.textContent = "";
  // The note is a paragraph beside the table, not its caption, so that it
  // wraps to the width of the screen rather than of the table.
  box.appendChild(html("p", { id: "summary-note", class: "note", text: res.reps === 1 ? "The values of one replicate, with no interval: give 2 or more replicates for one." : `Means over ${counted(res.reps, "replicate")} ± the half-width of a 95% confidence interval, as the command line prints them: 100 ± 20 means the replicates average 100, and the interval runs from 80 to 120, where 95% of such averages would fall.` }));
  // On a phone the table is wider than the screen and scrolls sideways
  // in a box of its own, its first column staying in view (CSS): say so,
  // as a phone shows no scrollbar.
  box.appendChild(html("p", { id: "table-hint", class: "table-hint", hidden: "" }));
  const tableBox = html("div", { id: "table-box", class: "table-box" });
  box.appendChild(tableBox);
  // The box's width changes with no resize of the window too: a page
  // that grows a scrollbar as the results below the table are drawn (a
  // laptop's 1280 pixels then no longer hold a row per regime), a column
  // that settles. Fit the table again whenever it does, but not for the
  // page's paper layout while printing.
  if (state.tableObserver) state.tableObserver.disconnect();
  state.tableObserver = new ResizeObserver(() => {
    if (!state.printing && state.results && tableBox.isConnected && tableBox.clientWidth !== Number(tableBox.dataset.fittedWidth)) fitTable(state.results);
  });
  state.tableObserver.observe(tableBox);
  // The headers' words, explained where a touch screen or a keyboard
  // reaches them too (their title is only a mouse's tooltip).
  const terms = html("dl", {}, res.table.columns.flatMap((c) => [html("dt", { text: c.title }), html("dd", { text: c.doc + "." })]));
  const rules = (state.outline || {}).rules_note;
  if (rules) box.appendChild(html("p", { id: "rules-note", class: "note", text: rules }));
  // Harms the model sets to 0 for want of a measured rate, where they
  // could have happened: a regime may look gentle partly for that.
  (res.notes || []).forEach((n, i) => box.appendChild(html("p", { id: "zeroed-note-" + i, class: "note zeroed-note", text: n })));
  box.appendChild(html("p", { id: "table-words", class: "note", text: ((state.outline || {}).trapped || "") + " A person-day is one migrant for one day: 10 migrants trapped for 3 days make 30 person-days. " +
    "Immobilised: unable to move on, whether trapped on the way, stranded at home or staying in a centre. " +
    "Each number is a total over the whole run." }));
  box.appendChild(html("details", { id: "columns-help" }, [html("summary", { id: "columns-help-title" }), terms]));
  fitTable(res);
}

// fitTable puts the summary table in its box with a row per regime, or,
// where that is wider than the box and a column per regime fits (a
// projector's 1024 pixels, a small laptop), a row per count: the same
// cells, none of them out of sight. For paper it is always a row per
// regime (the print stylesheet makes that fit the page).
function fitTable(res, paper) {
  const box = $("table-box");
  if (!box) return;
  const wide = regimeRows(res);
  box.replaceChildren(wide);
  let across = "columns";
  if (!paper && wide.offsetWidth > box.clientWidth) {
    const tall = countRows(res);
    box.replaceChildren(tall);
    if (tall.offsetWidth > box.clientWidth) box.replaceChildren(wide);
    else across = "rows";
  }
  box.dataset.counts = across;
  box.dataset.fittedWidth = box.clientWidth;
  const n = across === "columns" ? res.table.columns.length : res.table.rows.length;
  $("table-hint").textContent = `Scroll or swipe the table sideways to see all ${n} columns →`;
  $("columns-help-title").textContent = across === "columns" ? "What each column counts" : "What each row counts";
  tableHint();
}

// regimeRows is the summary table with a row per regime and a column per
// count, as the command line prints it.
function regimeRows(res) {
  const head = html("tr", {}, [html("th", { scope: "col", text: "regime" })]);
  for (const c of res.table.columns) head.appendChild(html("th", { scope: "col", title: c.doc, text: c.title }));
  const body = html("tbody");
  for (const row of res.table.rows) {
    const th = html("th", { scope: "row" }, [swatch(regimeOf(row.regime)), document.createTextNode(" " + row.regime)]);
    const tr = html("tr", { "data-regime": row.regime }, [th]);
    row.cells.forEach((cell, i) => tr.appendChild(html("td", { "data-regime": row.regime, "data-metric": res.table.columns[i].name }, tableCell(cell))));
    body.appendChild(tr);
  }
  return html("table", { id: "summary", "aria-label": "Summary of the runs, by regime", "aria-describedby": "summary-note" }, [html("thead", {}, [head]), body]);
}

// countRows is the summary table turned: a row per count, a column per
// regime.
function countRows(res) {
  const head = html("tr", {}, [html("td")]);
  for (const row of res.table.rows) head.appendChild(html("th", { scope: "col", "data-regime": row.regime }, [swatch(regimeOf(row.regime)), document.createTextNode(" " + row.regime)]));
  const body = html("tbody");
  res.table.columns.forEach((c, i) => {
    const tr = html("tr", { "data-metric": c.name }, [html("th", { scope: "row", title: c.doc, text: c.title })]);
    for (const row of res.table.rows) tr.appendChild(html("td", { "data-regime": row.regime, "data-metric": c.name }, tableCell(row.cells[i])));
    body.appendChild(tr);
  });
  return html("table", { id: "summary", class: "turned", "aria-label": "Summary of the runs, by regime", "aria-describedby": "summary-note" }, [html("thead", {}, [head]), body]);
}

// tableHint shows the hint of the summary table and of the map's table
// when the table is wider than its box, and only then.
function tableHint() {
  for (const [id, hintID] of [["table-box", "table-hint"], ["map-table", "map-table-hint"]]) {
    const box = $(id), hint = $(hintID), table = box && box.querySelector("table");
    if (hint) hint.hidden = !table || table.offsetWidth <= box.clientWidth;
  }
}

// tableCell writes a cell "mean ± half-width" as the mean over its
// interval, so that the table's columns can be narrow; its text stays
// the command line's.
function tableCell(cell) {
  const i = cell.indexOf(" ± ");
  if (i < 0) return [document.createTextNode(cell)];
  return [html("span", { class: "mean", text: cell.slice(0, i) }), document.createTextNode(" "), html("span", { class: "ci", text: cell.slice(i + 1) })];
}

// ---- The map --------------------------------------------------------------

const MAP_W = 480;

function mapGeometry(o) {
  const pad = 46;
  const w = o.width || 1, h = o.height || 1;
  const scale = Math.min((MAP_W - 2 * pad) / w, (MAP_W * 0.9 - 2 * pad) / (h || w));
  const H = Math.max(200, h * scale + 2 * pad);
  const offX = (MAP_W - w * scale) / 2, offY = (H - h * scale) / 2;
  return { H, P: (p) => [offX + p.x * scale, offY + p.y * scale] };
}

const kindShape = {
  origin: (g, x, y) => el("path", { d: `M${x},${y - 6}L${x + 6},${y + 5}L${x - 6},${y + 5}Z` }, g),
  hub: (g, x, y) => el("circle", { cx: x, cy: y, r: 4 }, g),
  border: (g, x, y) => el("rect", { x: x - 5, y: y - 5, width: 10, height: 10 }, g),
  centre: (g, x, y) => el("path", { d: `M${x - 2},${y - 6}h4v4h4v4h-4v4h-4v-4h-4v-4h4Z` }, g),
  destination: (g, x, y) => el("path", { d: `M${x},${y - 7}L${x + 7},${y}L${x},${y + 7}L${x - 7},${y}Z` }, g),
};

const LABEL_SIZE = 17;
// LABEL_LINE is the step from one line of a name to the next.
const LABEL_LINE = 17;
let labelCanvas = null;

// labelSize measures a place's name as the map draws it (one <tspan> a
// line), in the map's units: its width, and its height above the first
// line's baseline (at 0) and below it. Where the page does not lay the
// map out (it is hidden), the canvas measures the name in the map's font.
function labelSize(t) {
  const b = t.getBBox();
  if (b.width > 0 && b.height > 0) return { w: b.width, up: -b.y, down: b.y + b.height };
  labelCanvas = labelCanvas || document.createElement("canvas").getContext("2d");
  labelCanvas.font = `600 ${LABEL_SIZE}px system-ui, "Segoe UI", Roboto, "Liberation Sans", sans-serif`;
  const spans = [...t.querySelectorAll("tspan")];
  const lines = spans.length ? spans.map((s) => s.textContent) : [t.textContent];
  const w = Math.max(...lines.map((l) => labelCanvas.measureText(l).width));
  return { w, up: 0.95 * LABEL_SIZE, down: 0.3 * LABEL_SIZE + (lines.length - 1) * LABEL_LINE };
}

// nameText writes a place's name, one <tspan> a line, its first
// baseline at (x, y).
function nameText(parent, lines, x, y, attrs) {
  const t = el("text", { x, y, ...attrs }, parent);
  lines.forEach((line, k) => {
    const s = el("tspan", { x, dy: k ? LABEL_LINE : 0 }, t);
    s.textContent = line;
  });
  return t;
}

// nameLines are the ways a name may be written: on one line, or, a long
// name, on two, broken after a space or a hyphen where its longer line is
// shortest ("Menaka-Tabareybarey" / "border (post)").
function nameLines(label) {
  const ways = [[label]];
  if (label.length < 12) return ways;
  let best = null;
  for (let k = 1; k < label.length; k++) {
    if (label[k - 1] !== " " && label[k - 1] !== "-") continue;
    const two = [label.slice(0, k).trimEnd(), label.slice(k)];
    const long = Math.max(two[0].length, two[1].length);
    if (!best || long < best.long) best = { two, long };
  }
  if (best) ways.push(best.two);
  return ways;
}

// nameRank orders the names by what matters for the lesson: places with
// a border post first, then destinations (the camps), then origins (the
// conflict zones), then the rest.
function nameRank(p) {
  return p.post ? 0 : p.kind === "destination" ? 1 : p.kind === "origin" ? 2 : 3;
}

// placeLabels places the places' names as a cartographer would: in the
// order of nameRank (ties in the order of the places), each beside its
// mark, nearer it than any other place's mark (but one on top of it),
// over no other name or mark, and on the map. A name goes above its mark,
// else right, left or below, else a little further round it (up to
// NAME_REACH map units further), on one line, else broken on two. A name with
// no such spot may move an earlier name or two out of its way, to
// another of their spots; a name that still has none is left off (null).
// Each place's way of writing its name (ways[k], with its size) is
// places[i].ways; it returns, for each place, null or { l, base, lines }:
// the left of the name, its first baseline, its lines, and the box it
// keeps clear (the name and its padding).
const NAME_REACH = 12;
// NAME_GAP is the room, in map units, kept clear on either side of a name
// beside another, besides the names' own padding: with it, two names on
// one line stand about two word spaces apart, not one.
const NAME_GAP = 6;
function placeLabels(places, W, H) {
  const pad = 2, halo = 1.5, markR = 7 + halo;
  // From a mark's centre to the nearest edge of its name.
  const off = markR + pad + 0.5;
  const marks = [];
  for (const p of places) {
    marks.push({ l: p.x - markR, t: p.y - markR, r: p.x + markR, b: p.y + markR });
    if (p.centre) marks.push({ l: p.x - 6 - halo, t: p.y + 10 - halo, r: p.x + 6 + halo, b: p.y + 22 + halo });
  }
  const meets = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
  const gap = (box, q) => Math.hypot(Math.max(box.l - q.x, 0, q.x - box.r), Math.max(box.t - q.y, 0, q.y - box.b));
  // Every spot where each place's name may stand, best first.
  const spots = places.map((p) => {
    const list = [];
    for (const way of p.ways) {
      const { w, up, down } = way.size;
      const h = up + down, mid = p.y + (up - down) / 2;
      const centred = Math.min(Math.max(p.x - w / 2, pad), W - pad - w);
      const above = p.y - off - down, below = (p.centre ? p.y + 22 + halo + pad + 0.5 : p.y + off) + up;
      const xy = [[centred, above], [p.x + off, mid], [p.x - off - w, mid], [centred, below],
        [p.x + off, mid - h / 2 - pad], [p.x + off, mid + h / 2 + pad], [p.x - off - w, mid - h / 2 - pad], [p.x - off - w, mid + h / 2 + pad]];
      // Then anywhere near the mark, nearest first.
      const near = [], reach = off + NAME_REACH;
      for (let l = p.x - reach - w; l <= p.x + reach; l += 2) {
        for (let t = p.y - reach - h; t <= p.y + reach; t += 2) {
          const d = Math.hypot(Math.max(l - p.x, 0, p.x - l - w), Math.max(t - p.y, 0, p.y - t - h));
          if (d >= off - 0.5 && d <= reach) near.push([d, l, t + up]);
        }
      }
      near.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
      for (const [, l, base] of near) xy.push([l, base]);
      for (const [l, base] of xy) {
        const box = { l: l - pad, t: base - up - pad, r: l + w + pad, b: base + down + pad };
        if (box.l < 0 || box.t < 0 || box.r > W || box.b > H) continue;
        if (marks.some((m) => meets(box, m))) continue;
        const mine = gap(box, p);
        if (places.some((q) => q !== p && Math.hypot(q.x - p.x, q.y - p.y) > markR && gap(box, q) <= mine)) continue;
        list.push({ l, base, box, lines: way.lines });
      }
    }
    return list;
  });
  const order = places.map((p, i) => i).sort((a, b) => nameRank(places[a]) - nameRank(places[b]) || a - b);
  const out = places.map(() => null);
  // Two names on one line (sharing half their height or more) stand
  // further apart than the words of a name (NAME_GAP), so that they do
  // not read as one ("Mbera Fassala (post)").
  const oneLine = (a, b) => Math.min(a.b, b.b) - Math.max(a.t, b.t) >= Math.min(a.b - a.t, b.b - b.t) / 2;
  const clear = (a, b) => !meets(a, b) && !(oneLine(a, b) && meets({ l: a.l - NAME_GAP, t: a.t, r: a.r + NAME_GAP, b: a.b }, b));
  const free = (box, except) => out.every((o, j) => !o || j === except || clear(box, o.box));
  for (const i of order) {
    const spot = spots[i].find((c) => free(c.box, -1));
    if (spot) {
      out[i] = spot;
      continue;
    }
    // Else move the names in the way, each to another of its spots.
    for (const c of spots[i]) {
      const inWay = out.map((o, j) => (o && !clear(c.box, o.box) ? j : -1)).filter((j) => j >= 0);
      if (inWay.length > 2) continue;
      const was = inWay.map((j) => out[j]);
      inWay.forEach((j) => { out[j] = null; });
      out[i] = c;
      if (inWay.every((j) => (out[j] = spots[j].find((d) => free(d.box, j)) || null))) break;
      out[i] = null;
      inWay.forEach((j, k) => { out[j] = was[k]; });
    }
  }
  return out.map((o) => o && { l: o.l, base: o.base, lines: o.lines, box: o.box });
}

// showName shows, over the map, the name of a place whose name is left
// off (its mark pointed at, tapped or reached with Tab), or hides it
// (null).
function showName(svg, g) {
  const pop = svg.querySelector(".name-pop");
  if (!g) {
    pop.setAttribute("visibility", "hidden");
    return;
  }
  const [t, bg] = [pop.querySelector("text"), pop.querySelector("rect")];
  const x = Number(g.dataset.x), y = Number(g.dataset.y);
  const W = svg.viewBox.baseVal.width, H = svg.viewBox.baseVal.height;
  t.textContent = g.dataset.label;
  // Measured from a baseline at 0, as labelSize wants.
  t.setAttribute("x", 0);
  t.setAttribute("y", 0);
  const { w, up, down } = labelSize(t);
  const l = Math.min(Math.max(x - w / 2, 4), W - 4 - w);
  let base = y - 12 - down;
  if (base - up < 4) base = y + 12 + up;
  t.setAttribute("x", l.toFixed(1));
  t.setAttribute("y", base.toFixed(1));
  bg.setAttribute("x", (l - 3).toFixed(1));
  bg.setAttribute("y", (base - up - 2).toFixed(1));
  bg.setAttribute("width", (w + 6).toFixed(1));
  bg.setAttribute("height", (up + down + 4).toFixed(1));
  pop.setAttribute("visibility", "visible");
}

// MARK_REACH is how far each kind of mark (kindShape) reaches from its
// place, in the map's units.
const MARK_REACH = { origin: 6, hub: 4, border: 5, destination: 7 };

// drawOrder is the order in which to draw the places (indices into
// places, at P(place) on the map): the scenario's, but that a mark whose
// centre a larger one would cover (a hub's dot by a post's square, a post
// by a camp's diamond: places at their true coordinates can stand closer
// than their marks are wide) comes after it, on top, so that no mark is
// hidden under another and each can be pointed at; a mark beside a
// larger one, its centre clear, stays under it, which shows more of the
// larger. Depth is how many larger marks it stands on, one over the
// other; places sort by it, ties in the scenario's order.
function drawOrder(places, P) {
  const at = places.map((p) => P(p));
  const reach = places.map((p) => MARK_REACH[p.kind] || MARK_REACH.hub);
  const bySize = places.map((p, i) => i).sort((a, b) => reach[b] - reach[a] || a - b);
  const depth = places.map(() => 0);
  for (const i of bySize) {
    for (const j of bySize) {
      if (reach[j] <= reach[i]) break;
      if (Math.hypot(at[i][0] - at[j][0], at[i][1] - at[j][1]) < reach[j]) depth[i] = Math.max(depth[i], depth[j] + 1);
    }
  }
  return places.map((p, i) => i).sort((a, b) => depth[a] - depth[b] || a - b);
}

// drawMaps draws one map per regime (or one empty map before a run).
function drawMaps() {
  const o = state.outline;
  const box = $("maps");
  box.textContent = "";
  $("map-names").hidden = true;
  if (!o) return;
  const res = state.results && state.results.map ? state.results : null;
  const regimes = res ? res.map.regimes.map((f) => f.regime) : [null];
  const { H, P } = mapGeometry(o);
  let peak = 1;
  if (res) for (const f of res.map.regimes) for (const v of f.present) peak = Math.max(peak, v);
  state.mapPeak = peak;
  let spots = null;
  for (const name of regimes) {
    const r = name ? regimeOf(name) : { color: "#888" };
    // A light colour's band has a dark edge above and below it.
    const w = r.edge ? (r.edge_width * PX).toFixed(2) : "";
    const edge = r.edge ? `;box-shadow:0 -${w}px 0 ${r.edge}, inset 0 ${w}px 0 ${r.edge}` : "";
    const fig = html("figure", { class: "map", style: `border-top-color:${r.color}${edge}`, "data-regime": name || "" });
    fig.appendChild(html("h4", { text: name ? name : o.title || o.name }));
    const svg = el("svg", { viewBox: `0 0 ${MAP_W} ${H.toFixed(0)}`, role: "img", "aria-label": `Map of ${o.name}` + (name ? ` under ${name}` : "") }, fig);
    for (const l of o.links) {
      const [x1, y1] = P(o.places[l.from]), [x2, y2] = P(o.places[l.to]);
      const irregular = l.kind === "irregular";
      el("line", { x1, y1, x2, y2, class: "link " + l.kind, stroke: irregular ? "#7a4a00" : "#777", "stroke-width": irregular ? 2 : 3, "stroke-dasharray": irregular ? (l.alone ? "2 4" : "7 5") : "none" }, svg);
    }
    const labels = [];
    for (const i of drawOrder(o.places, P)) {
      const p = o.places[i];
      const [x, y] = P(p);
      const g = el("g", { class: "place", "data-name": p.name, "data-kind": p.kind, "data-i": i }, svg);
      if (p.post) g.dataset.post = p.post;
      const title = el("title", {}, g);
      title.textContent = p.name + (p.centre ? " (centre)" : "");
      el("circle", { class: "present", cx: x, cy: y, r: 0, fill: "var(--present)", "fill-opacity": 0.55, stroke: "#2a7fb0" }, g);
      el("circle", { class: "trapped", cx: x, cy: y, r: 0, fill: "var(--trapped)" }, g);
      // A white halo, drawn under the fill, keeps the black mark clear on
      // the dark grey circle of the trapped.
      const mark = el("g", { fill: "#111", stroke: "#fff", "stroke-width": 3, "paint-order": "stroke" }, g);
      (kindShape[p.kind] || kindShape.hub)(mark, x, y);
      // A centre is at a place of another kind: its cross stands under
      // the place's own mark (its name is above).
      if (p.centre) kindShape.centre(el("g", { class: "centre-mark" }, mark), x, y + 16);
      let label = p.name;
      if (p.post) label += " (post)";
      labels[i] = { x, y, centre: p.centre, post: p.post, kind: p.kind, label, g };
    }
    // Names on top of every circle, which grow with the people there.
    // They are measured as drawn, on the page, then placed, once: every
    // map of the scenario names the same places in the same spots.
    const names = el("g", { class: "names" }, svg);
    box.appendChild(fig);
    const nameAttrs = { "font-size": LABEL_SIZE, "paint-order": "stroke", stroke: "#fff", "stroke-width": 3, "font-weight": 600 };
    if (!spots) {
      for (const p of labels) {
        p.ways = nameLines(p.label).map((lines) => {
          const t = nameText(names, lines, 0, 0, nameAttrs);
          const size = labelSize(t);
          t.remove();
          return { lines, size };
        });
      }
      spots = placeLabels(labels, MAP_W, H);
    }
    // A name left off is shown over the map when its mark is pointed at,
    // tapped or reached with Tab.
    const pop = el("g", { class: "name-pop", visibility: "hidden", "aria-hidden": "true" }, svg);
    el("rect", { fill: "#fff", stroke: "#111", "stroke-width": 1, rx: 3 }, pop);
    el("text", nameAttrs, pop);
    labels.forEach((p, i) => {
      const s = spots[i];
      if (s) {
        // A name stands on a pale plate of its box on a day a circle
        // reaches it (showDay): over the circle of the many waiting at
        // Village, its white halo alone left the blue between its
        // letters, and the name read as covered. On other days there is
        // no plate, which would fade the roads under it.
        const b = s.box;
        el("rect", { class: "plate", x: b.l.toFixed(1), y: b.t.toFixed(1), width: (b.r - b.l).toFixed(1), height: (b.b - b.t).toFixed(1), rx: 3, fill: "#fff", "fill-opacity": 0.85, visibility: "hidden" }, names);
        nameText(names, s.lines, s.l.toFixed(1), s.base.toFixed(1), { ...nameAttrs, "data-name": o.places[i].name });
        return;
      }
      const g = p.g;
      Object.assign(g.dataset, { x: p.x.toFixed(1), y: p.y.toFixed(1), label: p.label });
      g.classList.add("unnamed");
      // Tab stops at the marks of the first map only: the others name the
      // same places (a tap or a click still shows the name there).
      g.setAttribute("tabindex", name === regimes[0] ? "0" : "-1");
      g.setAttribute("role", "img");
      g.setAttribute("aria-label", p.label);
      // A map whose marks take focus is a group, not one image: a
      // screen reader reaches into it and reads the mark's name.
      svg.setAttribute("role", "group");
      g.addEventListener("focus", () => showName(svg, g));
      g.addEventListener("blur", () => showName(svg, null));
      g.addEventListener("click", () => g.focus());
      g.addEventListener("pointerenter", (e) => { if (e.pointerType === "mouse") showName(svg, g); });
      // Leaving a mark, the pointer leaves the name of the mark focused, if any.
      g.addEventListener("pointerleave", (e) => {
        const focused = document.activeElement;
        if (e.pointerType === "mouse") showName(svg, svg.contains(focused) && focused.classList.contains("unnamed") ? focused : null);
      });
    });
  }
  // How many names are left off, and how to see them.
  const off = spots ? spots.filter((s) => !s).length : 0;
  const note = $("map-names");
  note.hidden = off === 0;
  note.textContent = off ? `${off} of ${o.places.length} names are left off the map so that the others can be read: point at a mark, tap it or Tab to it to see its name.` : "";
  const lg = $("map-legend");
  lg.textContent = "";
  const sample = el("svg", { width: 300, height: 36, "aria-hidden": "true" });
  el("circle", { cx: 12, cy: 18, r: 11, fill: "var(--present)", "fill-opacity": 0.55, stroke: "#2a7fb0" }, sample);
  el("circle", { cx: 12, cy: 18, r: 6, fill: "var(--trapped)" }, sample);
  el("line", { x1: 150, x2: 190, y1: 9, y2: 9, stroke: "#777", "stroke-width": 3 }, sample);
  el("line", { x1: 150, x2: 190, y1: 27, y2: 27, stroke: "#7a4a00", "stroke-width": 2, "stroke-dasharray": "7 5" }, sample);
  text(sample, 28, 23, "waiting / trapped", { "font-size": 13 });
  text(sample, 196, 13, "road", { "font-size": 13 });
  text(sample, 196, 31, "irregular path", { "font-size": 13 });
  lg.appendChild(sample);
  lg.appendChild(document.createTextNode(
    // Before a run there are no circles, and no largest one. After,
    // the largest is said in words: "largest 150" left a student asking
    // largest what.
    ` Circle area: migrants waiting at a place (mean of the replicates${res ? `; the largest circle, on any map and day, is ${formatCount(peak)} migrant${peak === 1 ? "" : "s"}` : ""}); the dark grey inner circle: those trapped there. ` +
    "Marks: ▲ origin, ● hub (a town on the way), ■ border post, ✚ centre, ◆ destination." +
    (o.schematic ? " No coordinates in this scenario: places are laid out by distance from the origins." : "")));
  showDay(state.day);
}

// showDay sizes the map's circles for one day.
function showDay(day) {
  const res = state.results;
  const o = state.outline;
  $("day-out").textContent = String(day);
  $("day").value = String(day);
  state.day = day;
  if (!res || !res.map || !o) return;
  const n = res.map.locations, rmax = 30, peak = state.mapPeak || 1;
  const rows = [];
  for (const f of res.map.regimes) {
    const fig = document.querySelector(`.map[data-regime="${CSS.escape(f.regime)}"]`);
    if (!fig) continue;
    // In the places' order, not the order drawn (drawOrder).
    const places = [...fig.querySelectorAll(".place")].sort((a, b) => a.dataset.i - b.dataset.i);
    places.forEach((g, i) => {
      const present = f.present[day * n + i], trapped = f.trapped[day * n + i];
      g.querySelector(".present").setAttribute("r", (rmax * Math.sqrt(present / peak)).toFixed(2));
      g.querySelector(".trapped").setAttribute("r", (rmax * Math.sqrt(trapped / peak)).toFixed(2));
      g.querySelector("title").textContent = `${o.places[i].name} (${o.places[i].kind}${o.places[i].centre ? " with a centre" : ""}, ${o.places[i].country}), day ${day}: ${formatCount(present)} waiting, ${formatCount(trapped)} trapped`;
      rows.push([f.regime, o.places[i].name, formatCount(present), formatCount(trapped)]);
    });
    const circles = places.map((g) => ["cx", "cy", "r"].map((a) => Number(g.querySelector(".present").getAttribute(a))));
    for (const plate of fig.querySelectorAll(".names .plate")) {
      const [l, t, w, h] = ["x", "y", "width", "height"].map((a) => Number(plate.getAttribute(a)));
      const under = circles.some(([cx, cy, r]) => r > 0 && Math.hypot(Math.max(l - cx, 0, cx - l - w), Math.max(t - cy, 0, cy - t - h)) < r);
      plate.setAttribute("visibility", under ? "visible" : "hidden");
    }
  }
  const head = html("tr", {}, ["regime", "place", "waiting", "trapped"].map((h) => html("th", { scope: "col", text: h })));
  // The regime and the place head each row, so that a screen reader
  // moving down a column says whose number it reads; the table is named
  // by its day, which the day slider moves.
  const body = html("tbody", {}, rows.map((r) => html("tr", {}, r.map((c, i) => html(i < 2 ? "th" : "td", i < 2 ? { scope: "row", text: c } : { text: c })))));
  const box = $("map-table");
  box.textContent = "";
  box.appendChild(html("table", { "aria-label": `The map as a table, on day ${day}` }, [html("thead", {}, [head]), body]));
  if ($("map-table-box").open) tableHint();
}

function setPlaying(on) {
  const b = $("play");
  clearInterval(state.timer);
  state.timer = null;
  // The button says what it does next; it is no toggle "pressed" too,
  // which a screen reader read as "Pause, pressed": paused, it seemed.
  b.textContent = on ? "Pause" : "Play";
  if (!on || !state.results || !state.results.map) return;
  const last = state.results.map.days - 1;
  if (state.day >= last) showDay(0);
  const step = Math.max(1, Math.round(last / 300));
  state.timer = setInterval(() => {
    const d = Math.min(last, state.day + step);
    showDay(d);
    if (d >= last) setPlaying(false);
  }, 40);
}

// ---- Controls -------------------------------------------------------------

function sourceRequest() {
  return state.source.text !== undefined ? { text: state.source.text, file: state.source.file } : { scenario: state.source.scenario };
}

function extraSets() {
  return $("sets").value.split("\n").map((s) => s.trim()).filter((s) => s && !s.startsWith("#"));
}

// knobSets are the --set of the knobs moved from the scenario's values.
// The number box, not the slider, holds a knob's value: the slider
// rounds to its step and stops at its ends, the box takes what is typed
// (and checkInputs refuses what is out of range).
function knobSets() {
  const sets = [];
  for (const k of (state.outline || {}).knobs || []) {
    const input = document.getElementById("knob-" + k.key + "-num");
    if (input && input.value !== "" && Number(input.value) !== k.value) sets.push(`${k.key}=${String(Number(input.value))}`);
  }
  return sets;
}

// runSets are the --set of a run: "More changes", then the knobs moved
// from the scenario's values. A knob's box is what runs: a line of "More
// changes" for the key of a knob the reader moved is left out (a later
// --set wins, so it ran in the knob's place, the box and its "(changed)"
// saying otherwise).
function runSets() {
  const knobs = knobSets();
  const moved = new Set(knobs.map((s) => s.slice(0, s.indexOf("="))));
  return extraSets().filter((s) => !moved.has(s.split("=")[0].trim())).concat(knobs);
}

// fmtNumber writes a limit as people read it: 3650 as 3,650.
function fmtNumber(v) {
  return Number.isInteger(v) ? v.toLocaleString("en-GB") : String(v);
}

// checkNumber returns what is wrong with the number in a box that takes
// from lo to hi (whole numbers only if whole), or "" if nothing.
function checkNumber(input, name, lo, hi, whole) {
  const range = hi === undefined ? `${fmtNumber(lo)} or more` : `from ${fmtNumber(lo)} to ${fmtNumber(hi)}`;
  const raw = input.value.trim();
  if (raw === "" || !Number.isFinite(Number(raw))) {
    return `${name}: enter ${whole ? "a whole number" : "a number"} ${range}.`;
  }
  const v = Number(raw);
  // Three digits after a point, in a whole number or after a comma made
  // a point (takeCommas) in a box that takes 1000 or more: 1.000 may be
  // 1 or 1000 (a thousands separator). Ask rather than guess.
  if ((whole || input.dataset.comma) && /^\d{1,3}\.\d{3}$/.test(raw)) {
    const digits = String(Number(raw.replace(".", "")));
    if (whole && !Number.isInteger(v)) return `${name}: ${raw} is not a whole number; if you meant ${digits}, type it with digits only, without a point or comma: a whole number ${range}.`;
    return `${name}: ${raw} may be ${String(v)} or ${digits}; type ${whole ? "digits only, without a point or comma" : "the number again, with a point only for a fraction"}: ${whole ? "a whole number" : "a number"} ${range}.`;
  }
  if (whole && !Number.isInteger(v)) return `${name}: ${raw} is not a whole number; enter a whole number ${range}.`;
  if (v < lo || (hi !== undefined && v > hi)) {
    // A decimal comma (0,9) reaches the box without it (09) in a browser
    // where takeCommas could not make it a point: say how to write the
    // number it may have been; not for one ending in 0 (300 is seldom
    // 3,00), and as a question, since 95 may be 95.
    const pointed = /^\d\d+$/.test(raw) && !raw.endsWith("0") ? Number(raw[0] + "." + raw.slice(1)) : NaN;
    const hint = !whole && pointed >= lo && (hi === undefined || pointed <= hi) ? ` (if you meant ${raw[0]},${raw.slice(1)}, type it with a decimal point: ${raw[0]}.${raw.slice(1)})` : "";
    return `${name}: ${raw} is outside the allowed range; enter a number ${range}${hint}.`;
  }
  return "";
}

// takeCommas makes a comma typed or pasted into the number box input a
// decimal point, as the box shows it. A browser whose language writes
// 1.5 drops the comma (1,5 becomes 15, 0,9 becomes 9) without a word:
// a wrong number that runs. One whose language writes 1,5 takes either.
// A box that takes whole numbers, or numbers of 1000 or more (ambiguous,
// as 1,500 may be 1.5 or 1500), gets the point too, and checkNumber
// refuses it there until the number is typed again without it; so does
// a point typed there in a language that writes 1,5 (1.500 is 1500).
function takeCommas(input, ambiguous) {
  input.addEventListener("beforeinput", (e) => {
    if (!e.inputType.startsWith("insert")) return;
    const text = e.data ?? (e.dataTransfer ? e.dataTransfer.getData("text/plain") : "");
    if (!text) return;
    // In a language that writes 1,5, a point is the thousands separator
    // (1.500 is 1500, which the box reads as 1.5): in a box that takes
    // 1000 or more, as ambiguous as a comma, and marked as one.
    const point = ambiguous && text.includes(".") && decimalComma();
    if (!text.includes(",") && !point) return;
    e.preventDefault();
    // The point's own input event (while the box reads 1. its value is
    // 1) comes before the mark, which later ones keep while it stays.
    if (!document.execCommand("insertText", false, text.replaceAll(",", "."))) {
      // No point could be put in: refuse the box until it is emptied.
      input.dataset.comma = "dropped";
    } else if (ambiguous) {
      input.dataset.comma = "true";
    }
  });
  input.addEventListener("input", () => {
    if (input.value === "" || (input.dataset.comma === "true" && !input.value.includes("."))) delete input.dataset.comma;
  });
}

// decimalComma says whether the page's language writes 1.5 as 1,5.
function decimalComma() {
  return new Intl.NumberFormat().formatToParts(1.5).some((p) => p.type === "decimal" && p.value === ",");
}

// checkDropped says, for a box whose comma could not be made a point
// (takeCommas), to type the number again; "" if there is no such comma.
function checkDropped(input, name) {
  return input.dataset.comma === "dropped" ? `${name}: the box could not take the comma; empty it and type the number again with a decimal point.` : "";
}

// maxDays is the longest run the page accepts.
function maxDays() {
  return Math.min(65535, state.info.limits.max_days);
}

// checkKnob checks a knob's number box and shows, under it, what is
// wrong; it returns the message ("" if none).
function checkKnob(k) {
  const num = document.getElementById("knob-" + k.key + "-num");
  const msg = checkDropped(num, k.label) || checkNumber(num, k.label, k.min, k.max, k.integer);
  num.setAttribute("aria-invalid", msg ? "true" : "false");
  document.getElementById("knob-" + k.key + "-err").textContent = msg;
  return msg;
}

// MAX_SEED is the largest seed the page takes: the engine takes any
// up to 2^63 - 1, but the page's numbers hold a whole number exactly
// only up to 2^53 - 1, and a larger one would run with another seed
// than the box shows.
const MAX_SEED = Number.MAX_SAFE_INTEGER;

// checkRuns checks the boxes of replicates, seed and days, marks those
// at fault and says what is wrong under them; it returns the messages.
// The seed's range is said as "0 or more" (not up to a number of sixteen
// digits) unless it is too large, when the largest is said, in digits
// as it is typed ("is too large." alone left a student guessing).
function checkRuns() {
  const lines = [];
  for (const [id, name, lo, hi] of [["reps", "Replicates", 1, state.info.limits.max_reps], ["seed", "Seed", 0, MAX_SEED], ["days", "Days", 1, maxDays()]]) {
    const input = $(id);
    const msg = checkDropped(input, name) || checkNumber(input, name, lo, id === "seed" ? undefined : hi, true) ||
      (Number(input.value) > hi ? `${name}: ${input.value} is too large; the largest the page takes is ${String(hi)}` + (id === "seed" ? " (the command line's --seed takes larger ones)." : ".") : "");
    input.setAttribute("aria-invalid", msg ? "true" : "false");
    if (msg) lines.push(msg);
  }
  $("runs-error").textContent = lines.join("\n");
  return lines;
}

// checkInputs returns what is wrong with the settings, one line each,
// marking the boxes at fault; a run with them is refused rather than
// run with other values than the boxes show.
function checkInputs() {
  const lines = [];
  for (const k of (state.outline || {}).knobs || []) {
    const msg = checkKnob(k);
    if (msg) lines.push(msg);
  }
  lines.push(...checkRuns());
  if (!document.querySelector("#regimes input:checked")) lines.push("Choose at least one regime.");
  return lines;
}

function request() {
  const o = state.outline;
  const req = sourceRequest();
  const sets = runSets();
  if (sets.length) req.sets = sets;
  // Read as checkNumber reads them: parseInt would run 1e1 as 1.
  const reps = Number($("reps").value), seed = Number($("seed").value), days = Number($("days").value);
  req.seed = seed;
  req.reps = reps;
  if (days !== o.days) req.days = days;
  req.regimes = [...document.querySelectorAll("#regimes input:checked")].map((i) => i.value);
  req.series = ["trapped", $("series-select").value || "abuse_events"];
  return req;
}

// ---- Settings in the address ---------------------------------------------

// LINK are the names of the settings in the page's address (its query,
// beside ?workers=): a reload, or a phone that dropped the tab, opens the
// page with the settings it had, and a teacher can hand out an
// exercise's settings as a link. A link sets the form; it runs nothing.
const LINK = ["scenario", "set", "regimes", "reps", "seed", "days", "series"];

// linkQuery is the page's query with the settings on the form: the
// bundled scenario's name, the --set of a run (runSets, as the command
// under Reproduce this has them), the regimes ticked, the boxes of
// replicates, seed and days as typed, and the curve over time if not
// the default. A file pasted or uploaded into the page leaves the
// settings out: its text is not in the address, and its settings would
// open on another scenario. The file `borderwork serve` opens with
// keeps them, without a scenario: the page opens on it again.
function linkQuery() {
  const p = new URLSearchParams(location.search);
  for (const k of LINK) p.delete(k);
  const src = state.source || {};
  if (!state.outline || (src.text !== undefined && src.text !== state.info.initial.text)) return p;
  if (src.text === undefined) p.set("scenario", src.scenario);
  for (const s of runSets()) p.append("set", s);
  p.set("regimes", [...document.querySelectorAll("#regimes input:checked")].map((i) => i.value).join(","));
  for (const id of RUNS) {
    if (id !== "days" || $(id).value.trim() !== String(state.outline.days)) p.set(id, $(id).value.trim());
  }
  const series = $("series-select").value;
  if (series && series !== state.info.default_series[1]) p.set("series", series);
  return p;
}

// keepInAddress writes the settings on the form into the address,
// replacing it (no reload, no new entry in the history); = and , stay
// readable, for a teacher editing a link.
function keepInAddress() {
  const q = linkQuery().toString().replace(/%3D/g, "=").replace(/%2C/g, ",");
  try {
    history.replaceState(history.state, "", location.pathname + (q ? "?" + q : "") + location.hash);
  } catch (e) {
    // Too many writes in a short time (Safari limits them): the next
    // change or Run writes it again.
  }
}

// readLink returns the settings in the page's address, or null if it
// holds none.
function readLink() {
  const p = new URLSearchParams(location.search);
  return LINK.some((k) => p.has(k)) ? p : null;
}

// linkScenario puts the bundled scenario the link p names in use, before
// the page first loads it; it returns what is wrong ("" if nothing).
function linkScenario(p) {
  const name = p.get("scenario");
  if (name === null) return "";
  if (!state.info.scenarios.some((s) => s.name === name)) {
    const using = state.source.text !== undefined ? state.source.file : state.source.scenario;
    return `The address names the scenario "${name}", which this page does not have: it opened ${using} instead, with the other settings of the address. Choose a scenario in the menu above.`;
  }
  state.source = { scenario: name };
  $("scenario").value = name;
  return "";
}

// setKnob puts value in a knob's box as if typed there: the slider
// follows, and a value out of range is said under it.
function setKnob(key, value) {
  const num = document.getElementById("knob-" + key + "-num");
  num.value = value;
  num.dispatchEvent(new Event("input"));
  num.dispatchEvent(new Event("change"));
}

// applyLink puts the settings of the link p on the form, as a reader
// would: a knob's --set in its box, other --set lines in "More changes"
// with Apply, then the regimes, replicates, seed, days and the curve
// over time. What cannot be used is said where the page says it for a
// value typed (under the knob, the runs' boxes or Apply), or, for a
// regime or curve the page does not have, under the scenario (with the
// problem of linkScenario, wrong); the rest is set. Nothing runs.
async function applyLink(p, wrong) {
  const problems = wrong ? [wrong] : [];
  const keyOf = (s) => s.split("=")[0].trim();
  const knobs = new Set(state.outline.knobs.map((k) => k.key));
  const sets = p.getAll("set").map((s) => s.trim()).filter((s) => s);
  const more = sets.filter((s) => !knobs.has(keyOf(s)));
  if (more.length) {
    $("sets").value = more.join("\n");
    $("sets-box").open = true;
    await applySets();
  }
  for (const s of sets.filter((s) => knobs.has(keyOf(s)))) setKnob(keyOf(s), s.slice(s.indexOf("=") + 1).trim());
  if (p.has("regimes")) {
    const want = p.get("regimes").split(",").map((r) => r.trim()).filter((r) => r);
    for (const input of document.querySelectorAll("#regimes input")) input.checked = want.includes(input.value);
    saySetsApplied();
    const unknown = want.filter((r) => !state.outline.regimes.some((o) => o.name === r));
    if (unknown.length) problems.push(`The address asks for ${unknown.length === 1 ? "the regime" : "the regimes"} ${unknown.join(", ")}, which this scenario does not have: tick the regimes to compare below.`);
  }
  const runs = RUNS.filter((id) => p.has(id));
  for (const id of runs) $(id).value = p.get(id);
  if (runs.length) checkRuns();
  if (p.has("series")) {
    const ss = $("series-select");
    if ([...ss.options].some((o) => o.value === p.get("series"))) ss.value = p.get("series");
    else problems.push(`The address asks for the curve "${p.get("series")}" over time, which this page does not draw: choose one under Over time in the results.`);
  }
  if (problems.length) $("problems").textContent = problems.join("\n");
  const said = [...document.querySelectorAll("#form .problems, #form .knob-error")].some((e) => e.textContent);
  $("status-text").textContent = said
    ? "The settings in the page's address are on the form, but not all of them could be used: see the messages above, then press Run."
    : "The settings in the page's address are on the form: press Run to run them.";
}

// PROBLEMS are the boxes that say why the scenario could not be used:
// under the scenario and its file, and under "More changes", each next
// to the button that asked.
const PROBLEMS = ["problems", "sets-problems"];

// showProblems shows why the scenario could not be used, in the box
// with id box (next to what the reader pressed; "problems" by default),
// and empties the other; lost says the reason was lost contact with the
// server, which a run that reaches it takes away.
function showProblems(lines, lost, box) {
  box = box || "problems";
  for (const id of PROBLEMS) {
    $(id).textContent = id === box ? (lines || []).join("\n") : "";
    $(id).dataset.lost = id === box && lost ? "true" : "";
  }
}

// RUNS are the boxes of replicates, seed and days, by their ids, which
// are also the outline's fields of the scenario's values.
const RUNS = ["reps", "seed", "days"];

// loadOutline asks for the outline of the current source and rebuilds the
// controls; keep says whether the values typed survive (they do when only
// the extra overrides changed). If it cannot, it says why in the
// problems box with id box (showProblems) and returns false.
async function loadOutline(keep, box) {
  const req = sourceRequest();
  const sets = extraSets();
  if (sets.length) req.sets = sets;
  const old = keep ? knobSets() : [];
  // Replicates, seed and days typed stay too, as the knobs do; one left at
  // the scenario's value takes the new outline's (a change of days).
  const runs = {};
  for (const id of RUNS) {
    if (keep && state.outline && $(id).value.trim() !== String(state.outline[id])) runs[id] = $(id).value;
  }
  const checked = keep ? [...document.querySelectorAll("#regimes input:checked")].map((i) => i.value) : null;
  let o;
  try {
    o = await backend.outline(req);
  } catch (e) {
    o = { error: ["The page could not read the scenario: " + (e.message || e)] };
  }
  for (const id of ["file-status", "sets-status"]) $(id).textContent = "";
  state.applied = null;
  if (o.error) { showProblems(o.error, o.lost, box); return false; }
  showProblems([]);
  // The scenario changed: a run in progress would bring results of the
  // one before, under this one's settings and map. Stop it.
  const stopped = !!state.running;
  if (state.running) { state.running.cancel(); state.running = null; }
  const status = $("status");
  delete status.dataset.state;
  delete status.dataset.ms;
  $("progress").value = 0;
  $("status-text").textContent = stopped ? "Stopped: the scenario changed. Press Run." : "Ready.";
  setRunButton(null);
  state.outline = o;
  state.results = null;
  $("scenario-title").textContent = o.title + (o.description ? " — " + o.description : "");
  $("text").value = o.text;
  state.cameText = o.text;
  // The file in use, as the box holds it: Run refuses to run another
  // than the box shows (fileNotInUse).
  state.shownText = $("text").value;
  // The lines of "More changes" the knobs and regimes shown are of: Run
  // applies any typed since (setsNotApplied).
  state.appliedSets = sets.join("\n");
  for (const id of RUNS) $(id).value = id in runs ? runs[id] : o[id];
  $("reps").max = state.info.limits.max_reps;
  $("days").max = maxDays();
  // What replicates and the seed are, where they are typed: the class
  // meets them first here.
  $("runs-note").textContent = "A replicate is one run with its own random draws; the seed fixes those draws: the same seed gives the same numbers. " +
    `Replicates: 1 to ${fmtNumber(state.info.limits.max_reps)}. Days: 1 to ${fmtNumber(maxDays())}. ` +
    "Many replicates of many days together can be more work than the page runs at once: it then says how many would run.";
  for (const id of RUNS) {
    if (id in runs) continue; // its comma mark too
    $(id).setAttribute("aria-invalid", "false");
    delete $(id).dataset.comma;
  }
  $("runs-error").textContent = "";
  if (Object.keys(runs).length) checkRuns();
  showRunError([]);
  buildRegimes(o, checked);
  buildKnobs(o, old);
  clearResults();
  drawMaps();
  return true;
}

function buildRegimes(o, checked) {
  const box = $("regimes");
  box.textContent = "";
  for (const r of o.regimes) {
    const input = html("input", { type: "checkbox", value: r.name, id: "regime-" + r.name });
    input.checked = checked ? checked.includes(r.name) : r.default;
    const sw = swatch(r);
    // The box is named by the regime and described by its description:
    // named by the whole label, it had a screen reader say some forty
    // words before whether it was ticked, each time it was reached.
    const desc = html("span", { class: "regime-desc", id: input.id + "-desc", text: r.description || "" });
    const name = html("span", {}, [html("strong", { id: input.id + "-name", text: r.name }), desc]);
    input.setAttribute("aria-labelledby", input.id + "-name");
    if (r.description) input.setAttribute("aria-describedby", desc.id);
    box.appendChild(html("label", { for: input.id }, [input, sw, name]));
  }
}

function buildKnobs(o, keep) {
  const box = $("knobs");
  box.textContent = "";
  const groups = new Map();
  for (const k of o.knobs) {
    if (!groups.has(k.group)) {
      const fs = html("fieldset", {}, [html("legend", { text: k.group })]);
      groups.set(k.group, fs);
      box.appendChild(fs);
    }
    const id = "knob-" + k.key;
    const kept = keep.find((s) => s.startsWith(k.key + "="));
    const value = kept ? kept.slice(k.key.length + 1) : String(k.value);
    // Two groups' knobs of one label (each post's "Accurate news at
    // departure") are told apart by their group in what a screen reader
    // says, where a sighted reader sees the fieldset around them.
    const shared = o.knobs.some((j) => j !== k && j.label === k.label);
    const name = shared ? `${k.label} (${k.group})` : k.label;
    const range = html("input", { type: "range", id, min: k.min, max: k.max, step: k.step, value, "aria-describedby": id + "-help" });
    if (shared) range.setAttribute("aria-label", name);
    const num = html("input", { type: "number", id: id + "-num", min: k.min, max: k.max, step: k.step, value, "aria-label": name + " (number)", "aria-describedby": id + "-err " + id + "-help" });
    takeCommas(num, k.integer || k.max >= 1000);
    const wrap = html("div", { class: "knob", "data-key": k.key }, [
      html("label", { for: id, text: k.label }),
      html("div", { class: "row" }, [range, num]),
      html("div", { class: "knob-error", id: id + "-err", "aria-live": "polite" }),
      html("div", { class: "help", id: id + "-help" }, [document.createTextNode(`${k.help} From ${fmtNumber(k.min)} to ${fmtNumber(k.max)}. Exercise ${k.exercise}; `), unbroken(`--set ${k.key}`)]),
    ]);
    // The box holds the value used; the slider follows it as near as its
    // step allows.
    const mark = () => wrap.classList.toggle("changed", num.value !== "" && Number(num.value) !== k.value);
    range.addEventListener("input", () => { num.value = range.value; checkKnob(k); mark(); });
    num.addEventListener("input", () => {
      if (num.value !== "" && Number.isFinite(Number(num.value))) range.value = num.value;
      // Say nothing while a number is being typed, but clear a message
      // as soon as the number is right.
      if (!checkNumber(num, k.label, k.min, k.max, k.integer)) checkKnob(k);
      mark();
    });
    num.addEventListener("change", () => { checkKnob(k); mark(); });
    mark();
    groups.get(k.group).appendChild(wrap);
  }
}

function clearResults() {
  setPlaying(false);
  setPending(null);
  state.results = null;
  state.lastReq = null;
  $("copy-status").textContent = "";
  $("results-note").textContent = "Press Run to compare the regimes.";
  $("summary-box").textContent = "";
  // Without results the figures are hidden, captions and all: a caption
  // over nothing reads as a figure that failed to draw.
  for (const id of FIGURES) {
    document.querySelector(`#${id} .chart`).textContent = "";
    $(id).hidden = true;
  }
  showSaves(null);
  for (const t of document.querySelectorAll("#results .fig-title")) t.textContent = "";
  $("series-doc").textContent = "";
  for (const d of document.querySelectorAll("#results details.chart-table")) d.remove();
  $("command").textContent = "";
  $("map-table").textContent = ""; // the day's numbers of the results gone
  $("download-file").hidden = true;
  $("resolved-note").textContent = "";
  drawNumbers(null);
  $("play").disabled = true;
  $("day").disabled = true;
  $("day").max = "0";
  state.day = 0;
  state.dayChosen = false;
}

// waitingText says that an experiment waits behind ahead others and,
// when until (a performance.now() time) is known, about how long more:
// the server's guess from how fast its last experiments ran.
function waitingText(ahead, until) {
  return `Waiting: ${counted(ahead, "other experiment")} ahead of this one${waitGuess(until)}…`;
}

// waitGuess is ", about 3 min" until until (a performance.now() time),
// or "" when no time is known.
function waitGuess(until) {
  if (until === null || until === undefined) return "";
  const secs = Math.round((until - performance.now()) / 1000);
  return secs < 5 ? ", a few seconds more" : secs < 90 ? `, about ${secs} s` : `, about ${Math.round(secs / 60)} min`;
}

// counted is n with its noun, in the plural unless n is 1.
function counted(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

// nbsp joins the words of s with no-break spaces: beside the
// progress bar, in a settings column a third of a laptop's width, the
// status broke inside a count ("0.7" at the end of a line, "s." alone on
// the next).
function nbsp(s) {
  return s.replace(/ /g, "\u00a0");
}

// drawResults draws the results res of the request req.
function drawResults(res, req) {
  state.results = res;
  // A file of one's own is named as the command line names it, with the
  // name it gives its scenario.
  const name = req && req.text !== undefined ? `${req.file} (scenario ${res.scenario})` : res.scenario;
  $("results-note").textContent = res.final
    ? `${name}: ${counted(res.regimes.length, "regime")} × ${counted(res.reps, "replicate")}.`
    : `${name}: ${counted(res.reps, "replicate")} so far…`;
  drawTable(res);
  drawCharts(res);
  if (res.final) {
    $("day").max = String(res.map.days - 1);
    $("day").disabled = false;
    $("play").disabled = false;
    // A day chosen before (to compare two runs on it) is kept; the first
    // results open on their last day, as the run left the places: on day
    // 0 every map was empty, and a class told to watch it saw nothing
    // until it found Play.
    state.day = state.dayChosen ? Math.min(state.day, res.map.days - 1) : res.map.days - 1;
    drawMaps();
    drawReproduce(res.reproduce);
    drawNumbers(res.tables);
  }
}

// drawNumbers offers the tables of numbers behind the results, for a
// spreadsheet: the files the command under "Reproduce this" writes, byte
// for byte, so that a student with a browser alone has what the command
// line gives.
function drawNumbers(tables) {
  const p = $("numbers");
  p.textContent = "";
  // A run's tables can be large (a row per run): let the last ones go.
  for (const u of state.numberURLs || []) URL.revokeObjectURL(u);
  state.numberURLs = [];
  p.hidden = !tables || !tables.length;
  if (p.hidden) return;
  p.appendChild(document.createTextNode("The numbers, for a spreadsheet: "));
  tables.forEach((t, i) => {
    if (i) p.appendChild(document.createTextNode(i === tables.length - 1 ? " and " : ", "));
    const a = html("a", { download: t.name, text: t.name, class: "unbroken" });
    a.href = URL.createObjectURL(new Blob([t.csv], { type: "text/csv" }));
    state.numberURLs.push(a.href);
    p.appendChild(a);
    p.appendChild(document.createTextNode(` (${t.doc})`));
  });
  p.appendChild(document.createTextNode(": the files the command under \u201cReproduce this\u201d writes."));
}

// FIGURES are the results' figures, hidden until there are results.
const FIGURES = ["fig-trapped", "fig-series", "fig-abuse", "fig-outcomes"];

// ---- Figures as files -------------------------------------------------------

// FIGURE_FILES name each figure's file, after the scenario's name:
// classroom-trapped.svg.
const FIGURE_FILES = { "fig-trapped": "trapped", "fig-series": "over-time", "fig-abuse": "abuse", "fig-outcomes": "outcomes" };

// showSaves offers each figure of final results as a file of its own; a
// figure with no chart (no abuse in any run) offers none, and neither do
// results still coming in, whose means are not yet the run's.
function showSaves(res) {
  for (const id of FIGURES) {
    document.querySelector(`#${id} .fig-save`).hidden = !(res && res.final && !$(id).hidden && document.querySelector(`#${id} .chart > svg`));
  }
}

// figureWords are what fig's caption says, without the page's controls
// and notes on them: its title, then what its lines, bands or bars are
// ("mean of the replicates, with a band where 95% of such means would
// fall"), as the command line's figures have a title and a caption.
function figureWords(fig) {
  const cap = fig.querySelector("figcaption").cloneNode(true);
  for (const e of cap.querySelectorAll("select, label, #series-note, [hidden]")) e.remove();
  const notes = [];
  for (const n of cap.querySelectorAll(".note")) {
    notes.push(n.textContent);
    n.remove();
  }
  const clean = (t) => t.replace(/\s+/g, " ").trim().replace(/^\((.*)\)$/, "$1");
  return { title: clean(cap.textContent), note: clean(notes.join(" ")) };
}

// figureSVG is figure fig as a file that stands without the page: its
// title and what it shows, the chart as drawn, its legend, and the
// command that gives the same numbers, for a student's report or a
// teacher's slides (the page's charts are inline, which a browser
// cannot save as an image). Its fonts are attributes, not the page's
// style sheet. It returns the file's text and size in pixels.
function figureSVG(fig) {
  const chart = fig.querySelector(".chart > svg");
  const [, , W, H] = chart.getAttribute("viewBox").split(/[\s,]+/).map(Number);
  const pad = 12, wide = W - 2 * pad;
  const { title, note } = figureWords(fig);
  const rep = state.results && state.results.reproduce;
  const out = document.createElementNS(SVGNS, "svg");
  let y = pad;
  const lines = (s, size, attrs) => {
    // wrapWords measures at the charts' 13 units.
    for (const l of wrapWords(s, (wide * 13) / size)) {
      y += size * 1.3;
      text(out, pad, y - size * 0.3, l, Object.assign({ "font-size": size }, attrs));
    }
  };
  lines(title, 16, { "font-weight": 600 });
  if (note) lines(note, 12, { fill: "#555" });
  y += 6;
  const copy = chart.cloneNode(true);
  copy.setAttribute("x", 0);
  copy.setAttribute("y", y);
  copy.setAttribute("width", W);
  copy.setAttribute("height", H);
  out.appendChild(copy);
  y += H;
  // The legend of a line chart, as the page gives it under the chart.
  let x = pad;
  const names = [...fig.querySelectorAll(".legend .entry")].map((e) => e.dataset.regime);
  if (names.length) y += 20;
  for (const n of names) {
    const need = 40 + chartTextWidth(n) + 18;
    if (x > pad && x + need > W - pad) {
      x = pad;
      y += 20;
    }
    const g = el("g", { transform: `translate(${x} ${y - 5})` }, out);
    strokeSeries(g, "M1,0H33", regimeOf(n), 3, 1);
    text(out, x + 40, y, n);
    x += need;
  }
  y += 8;
  if (rep) lines(`Made with borderwork; the same numbers: ${rep.command}`, 11, { fill: "#555" });
  const height = Math.ceil(y + pad);
  out.insertBefore(el("rect", { width: W, height, fill: "#fff" }), out.firstChild);
  for (const [k, v] of Object.entries({ xmlns: SVGNS, width: W, height, viewBox: `0 0 ${W} ${height}`, "font-family": `system-ui, "Segoe UI", Roboto, "Liberation Sans", sans-serif` })) out.setAttribute(k, v);
  return { text: new XMLSerializer().serializeToString(out), width: W, height };
}

// saveFigure saves figure fig as an SVG file, or as a PNG at twice its
// size on the page (sharp on a projector, and what a slide or a word
// processor takes).
function saveFigure(fig, format) {
  const svg = figureSVG(fig);
  // A name a file system takes, the scenario's as far as it can
  // ("scenario" where none of it is left).
  const scenario = state.results.scenario.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+|[._]+$/g, "") || "scenario";
  const name = `${scenario}-${FIGURE_FILES[fig.id]}.${format}`;
  const blob = new Blob([svg.text], { type: "image/svg+xml" });
  if (format === "svg") {
    download(blob, name);
    return;
  }
  const img = new Image();
  const url = URL.createObjectURL(blob);
  img.onload = () => {
    const c = document.createElement("canvas");
    c.width = 2 * svg.width;
    c.height = 2 * svg.height;
    const g = c.getContext("2d");
    g.scale(2, 2);
    g.drawImage(img, 0, 0, svg.width, svg.height);
    URL.revokeObjectURL(url);
    c.toBlob((png) => download(png, name), "image/png");
  };
  img.src = url;
}

// download saves blob as a file named name, as a link to it would.
function download(blob, name) {
  const a = html("a", { download: name, hidden: "" });
  a.href = URL.createObjectURL(blob);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
}

// drawCharts draws the figures of the results, to the width of the page.
function drawCharts(res) {
  for (const id of FIGURES) $(id).hidden = false;
  const [trapped, other] = res.series;
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  document.querySelector("#fig-trapped .fig-title").textContent = cap(trapped.title) + " over time";
  // A band cut at the axis is said to be, as the figures' captions say.
  document.querySelector("#fig-trapped .cut").hidden = !lineChart(document.querySelector("#fig-trapped .chart"), trapped, trapped.title + " by day, per regime");
  const title = document.querySelector("#fig-series .fig-title");
  title.textContent = "";
  // What the curve counts, in words: the menu's names alone ("passages
  // bought", "boardings", "harm index") are not explained elsewhere on
  // the page. Its title already says a running total is one.
  $("series-doc").textContent = other && other.doc ? `What it counts: ${other.doc.replace(/^cumulative /, "")}.` : "";
  if (other) {
    title.textContent = isCumulative(other) ? `${cap(other.title)}: the running total, counted from day 0` : `${cap(other.title)}, day by day`;
    if (lineChart(document.querySelector("#fig-series .chart"), other, other.title + (isCumulative(other) ? ", the running total" : "") + " by day, per regime")) title.textContent += " (bands cut at 0)";
  }
  // Error bars too: they were cut at 0 without a word.
  document.querySelector("#fig-abuse .cut").hidden = !barChart(document.querySelector("#fig-abuse .chart"), res.abuse, "Abuse by kind and perpetrator, per regime");
  document.querySelector("#fig-outcomes .cut").hidden = !barChart(document.querySelector("#fig-outcomes .chart"), res.outcomes, "Migrants by state at the end, per regime");
  showSaves(res);
}

// unbroken is s in a span that a line breaks around, not inside (unless
// s is wider than the whole line): an argument such as --out or
// "--set KEY" split over two lines, "-" then "-out", is mistyped.
function unbroken(s) {
  return html("span", { class: "unbroken", text: s });
}

// showCommand shows the command to reproduce the results, its words
// whole and each flag on the line of its value ("--set KEY=VALUE");
// its text (what Copy copies) is the command's.
function showCommand(command) {
  const box = $("command");
  box.textContent = "";
  const words = command.split(" ");
  for (let i = 0; i < words.length; i++) {
    let unit = words[i];
    if (unit.startsWith("--") && i + 1 < words.length && !words[i + 1].startsWith("-")) unit += " " + words[++i];
    if (box.firstChild) box.appendChild(document.createTextNode(" "));
    box.appendChild(unbroken(unit));
  }
}

function drawReproduce(rep) {
  showCommand(rep.command);
  const a = $("download-file");
  const file = rep.file ? { name: rep.file, text: rep.text } : null;
  if (file) {
    a.hidden = false;
    a.textContent = `Download ${file.name}, the scenario file it reads`;
    a.download = file.name;
    a.href = URL.createObjectURL(new Blob([file.text], { type: "text/plain" }));
  } else {
    a.hidden = true;
  }
  const note = $("resolved-note");
  note.textContent = "Or take the scenario exactly as run, every default and change written in: ";
  const b = html("a", { download: rep.resolved_file, text: rep.resolved_file, class: "unbroken" });
  b.href = URL.createObjectURL(new Blob([rep.resolved], { type: "text/plain" }));
  // The semicolon stays on the link's line, not at the head of the next.
  note.appendChild(html("span", { class: "with-stop" }, [b, document.createTextNode(";")]));
  // The command's words whole: a phone broke "classroom-page.toml" at
  // its hyphen, which reads as two words to type.
  note.appendChild(document.createTextNode(" "));
  note.appendChild(html("code", {}, ["borderwork", "compare", rep.resolved_file].flatMap((w, i) => i ? [document.createTextNode(" "), unbroken(w)] : [unbroken(w)])));
  // "--regimes" whole too: a laptop broke it after its dashes, at the
  // end of a line.
  note.appendChild(document.createTextNode(" gives the same numbers with the same "));
  note.appendChild(html("code", {}, [unbroken("--regimes")]));
  note.appendChild(document.createTextNode("."));
}

// setPending says, in the results, that a run waits or runs while the
// results shown are not yet its own (dimmed, if there are any); null
// ends it, as the run's first results come. what is {again, same, stale} as
// the run starts, then {waiting: N, until} (until: the guessed end of
// the wait, a performance.now() time, or null) or {runs: [done, total]}
// as it goes.
function setPending(what) {
  const box = $("results-pending");
  const starts = what && what.waiting === undefined && what.runs === undefined;
  if (!what || (!starts && !state.pending)) {
    if (!what) state.pending = null;
    box.hidden = !state.pending;
    if (!state.pending) {
      box.textContent = "";
      $("results").classList.remove("stale");
    }
    return;
  }
  const p = state.pending = Object.assign({}, starts ? {} : state.pending, what, what.runs ? { waiting: 0 } : {});
  let how = "is starting";
  if (p.runs) how = `is under way: ${p.runs[0]} of ${p.runs[1]} runs done`;
  else if (p.waiting > 0) how = `is waiting its turn on the server: ${counted(p.waiting, "other experiment")} ahead of it${waitGuess(p.until)}`;
  box.textContent = !p.stale ? `The run ${how}.`
    : p.again ? `These results are without the new curve; the run that draws it ${how}.`
    : p.same ? `These are the results of these same settings; the run that repeats them ${how}.`
    : `These are the results of the settings before; the new run ${how}.`;
  box.hidden = false;
  // Results of the very settings being run again are not out of date:
  // the run gives the same numbers (the same seed).
  $("results").classList.toggle("stale", p.stale && !p.same);
}

// sameSettings says whether requests a and b run the same experiment,
// whatever series over time they draw.
function sameSettings(a, b) {
  const strip = (r) => JSON.stringify(Object.assign({}, r, { series: undefined }));
  return strip(a) === strip(b);
}

// settingsChanged says, over the results, when the settings on the form
// are no longer those the results were run with: moving a slider changes
// nothing shown until Run, and the results must not pass for the new
// settings'. Set back as they were, the note goes.
function settingsChanged() {
  if (!state.results || !state.lastReq || state.running || state.pending) return;
  let changed = true;
  try {
    changed = !sameSettings(request(), state.lastReq);
  } catch (e) {
    // a form that gives no request differs from the one run
  }
  const box = $("results-pending");
  box.textContent = changed ? "The settings have changed since these results were run: press Run to see what the new ones give." : "";
  box.hidden = !changed;
}

// setRunButton says on Run, and beside it, what pressing it does while
// a run waits its turn ("waiting") or runs ("running"): stop that run
// and start the settings on the form, behind everyone else on a busy
// server; null: no run, and Run runs.
// Stop shows while a run waits or runs: a mistaken big run would
// otherwise hold a server's slot (or a browser's CPUs) to its end.
function setRunButton(phase) {
  $("run").textContent = phase ? "Restart" : "Run";
  if (!phase && document.activeElement === $("stop")) $("run").focus(); // not lost with the button
  $("stop").hidden = !phase;
  $("run-hint").textContent = !phase ? ""
    : phase === "waiting" ? "Restart would give up this run's place in the queue and queue the settings above at the back; Stop gives it up."
    : "Restart would stop this run and run the settings above from the start; Stop ends it.";
}

// stopRun stops the run in progress, at the student's word: the results
// of the replicates it has done stay, said to be partial; with none, the
// results shown before stay, said to be of the settings before if they
// are.
function stopRun() {
  const h = state.running;
  if (!h) return;
  h.cancel();
  state.running = null;
  setPending(null);
  setRunButton(null);
  const seen = h.seen || {};
  if (seen.partial && !seen.partial.final) {
    showPartial(seen.partial, seen.ran, state.runningReq, "You stopped it.");
    return;
  }
  const status = $("status");
  status.dataset.state = "stopped";
  delete status.dataset.ms;
  $("progress").value = 0;
  $("status-text").textContent = "Stopped before any results of this run.";
  if (!state.results) $("results-note").textContent = "You stopped the last run before any results. Press Run to compare the regimes.";
  settingsChanged();
}

// showPartial shows the results res of a run of req stopped after the
// runs ran ([done, total], or null), for why: good as far as they go,
// and said to be partial. The map and the command are of whole runs only.
function showPartial(res, ran, req, why) {
  const status = $("status");
  status.dataset.state = "partial";
  delete status.dataset.ms;
  const done = ran || [res.done, res.total];
  $("status-text").textContent = `Stopped after ${nbsp(`${done[0]} of ${done[1]} runs`)}: partial results.`;
  clearResults();
  drawResults(res, req);
  state.lastReq = req;
  drawMaps();
  const name = req.text !== undefined ? `${req.file} (scenario ${res.scenario})` : res.scenario;
  $("results-note").textContent = `Partial results: ${name}, ${counted(res.reps, "replicate")} of ${res.total / res.regimes.length} of each regime. The run stopped: ${why}`;
}

// fileNotInUse says why Run would not run the scenario file in the box,
// edited since it was put in use or refused by the check, or "" if the
// box holds the file in use.
function fileNotInUse() {
  if ($("text").value === state.shownText) return "";
  const name = $("file-name").value.trim() || "my.toml";
  const using = state.source.text !== undefined ? state.source.file : state.source.scenario;
  if ($("problems").textContent && !$("problems").dataset.lost) {
    // "Edited" only when someone changed the box since its text came: a
    // file refused as uploaded was edited by nobody, and the message
    // sent students looking for edits they had not made.
    const edited = $("text").value !== state.cameText;
    // The same name (my.toml edited again) is not "another" file.
    const other = name === using ? `${using} as last checked${edited ? ", without these edits" : ""}` : `${using} instead`;
    return `${edited ? "Your edited file" : "The scenario file"} ${name} has a problem (see under it), so Run would run ${other}: fix it and press "Check and use this file", or press Reset to go back to ${using} as written.`;
  }
  return `Your edits to the scenario file are not in use yet, so Run would run ${using} without them: press "Check and use this file" first, or Reset to drop the edits.`;
}

// showRunError shows, next to Run, why a run was refused or stopped;
// focus says whether to move the keyboard's focus there too.
function showRunError(lines, focus) {
  const box = $("run-error");
  box.textContent = (lines || []).join("\n");
  if (focus && lines.length) box.focus();
}

// refreshRefused keeps a refused run's list under Run, and the word
// beside it, true to the form as it is now: a box put right leaves the
// list as soon as its own message goes, and once nothing is wrong the
// list goes and Run is said to be ready, rather than a value no longer
// in any box still being named as the reason.
function refreshRefused() {
  const status = $("status");
  if (status.dataset.state !== "refused") return;
  const file = fileNotInUse();
  const wrong = file ? [file] : checkInputs();
  showRunError(wrong, false);
  if (wrong.length) {
    $("status-text").textContent = file ? "Not run: the scenario file above is not in use." : "Not run: fix the settings outlined in red, listed under Run.";
    return;
  }
  delete status.dataset.state;
  $("status-text").textContent = "Ready: the settings are right now. Press Run.";
}

// run runs the settings on the form, or again (same) with another
// series over time.
async function run(event, again) {
  if (event) event.preventDefault();
  let req;
  if (again) {
    req = again;
  } else {
    const file = fileNotInUse();
    let wrong = file ? [file] : checkInputs();
    let sets = false;
    if (!wrong.length && setsNotApplied() && !(await applySets())) {
      sets = true;
      wrong = ["A line of \"More changes\" has a problem (see under it): fix it, or delete the line."];
    }
    if (wrong.length) {
      // Refused: the boxes show values the run would not use.
      if (state.running) { state.running.cancel(); state.running = null; }
      setPending(null);
      setRunButton(null);
      $("status").dataset.state = "refused";
      $("progress").value = 0; // nothing ran: not the last run's full bar beside "Not run"
      $("status-text").textContent = file ? "Not run: the scenario file above is not in use." :
        sets ? "Not run: a line of \"More changes\" has a problem." : "Not run: fix the settings outlined in red, listed under Run.";
      // The list, with the focus, where the reader is taken to it: the
      // end of a long column, far from a box at its top.
      showRunError(wrong, true);
      settingsChanged(); // the results shown are still the settings before's
      return;
    }
    req = request();
    keepInAddress();
  }
  if (state.running) state.running.cancel();
  showRunError([]);
  setPlaying(false);
  const status = $("status"), prog = $("progress"), txt = $("status-text");
  status.dataset.state = "running";
  delete status.dataset.ms;
  prog.value = 0;
  txt.textContent = "Starting…";
  // Until this run's first results, those shown are of the settings
  // before: the results say so, where a phone shows them.
  // Run pressed again on the settings of the results shown repeats them.
  const same = !again && !!state.results && !!state.lastReq && sameSettings(req, state.lastReq);
  setPending({ again: !!again, same, stale: !!state.results });
  setRunButton("running");
  if (!state.results) $("results-note").textContent = ""; // not "Press Run", nor why the last run stopped
  // On a phone the results are below every setting: go to them. Beside
  // the settings, on a wider screen, they are brought into view if their
  // top is off the screen (Run is at the bottom of a long column).
  const top = $("results").getBoundingClientRect().top;
  if (window.matchMedia("(max-width: 900px)").matches || (!again && (top < 0 || top > window.innerHeight - 160))) $("results").scrollIntoView();
  const t0 = performance.now();
  let failed = null, lost = false, refused = false, busy = false;
  const seen = { partial: null, ran: null }; // this run's latest results, and runs done: for Stop too
  let handle = null, waitTimer = null;
  handle = backend.run(req, (m) => {
    // A run stopped (by another, or by a change of scenario) says no more.
    if (handle && state.running !== handle) return;
    // A busy server queues experiments: say so, how many are ahead and,
    // once it can tell, about how long the wait is, counted down here.
    if (m.waiting !== undefined) {
      clearInterval(waitTimer);
      const until = m.wait !== undefined ? performance.now() + m.wait * 1000 : null;
      // The banner over the results counts down too: it is what a
      // student reading the results sees.
      const say = () => {
        if (state.running !== handle) return;
        txt.textContent = waitingText(m.waiting, until);
        setPending({ waiting: m.waiting, until });
      };
      if (m.waiting > 0) {
        say();
        if (until !== null) waitTimer = setInterval(say, 1000);
      } else {
        txt.textContent = "Starting…";
        setPending({ waiting: m.waiting });
      }
      setRunButton(m.waiting > 0 ? "waiting" : "running");
    }
    if (m.runs) {
      seen.ran = m.runs;
      clearInterval(waitTimer);
      prog.max = m.runs[1];
      prog.value = m.runs[0];
      txt.textContent = `Running: ${nbsp(`${m.runs[0]} of ${m.runs[1]} runs`)}`;
      setPending({ runs: m.runs });
      setRunButton("running");
    }
    if (m.results) { seen.partial = m.results; setPending(null); drawResults(m.results, req); }
    if (m.error) { failed = m.error; lost = !!m.lost; refused = !!m.refused; busy = !!m.busy; }
  });
  handle.seen = seen;
  state.running = handle;
  state.runningReq = req;
  try {
    await handle.done;
  } catch (e) {
    if (e.name === "AbortError") { clearInterval(waitTimer); return; }
    failed = [String(e.message || e)];
  }
  clearInterval(waitTimer);
  if (state.running !== handle) return;
  state.running = null;
  setPending(null);
  setRunButton(null);
  const ms = Math.round(performance.now() - t0);
  if (failed && seen.partial && !seen.partial.final) {
    // Stopped (out of time, say) after some rounds of replicates: their
    // results stay, said to be partial. Clearing them told a student who
    // had watched them fill in that there were none.
    const why = failed.join(" ") + (/[.!?]$/.test(failed.join(" ")) ? "" : ".");
    showPartial(seen.partial, seen.ran, req, why);
    showRunError([lost ? why : "The run stopped: " + why + " The results of the runs done so far stay below, as partial results."], true);
    return;
  }
  if (failed) {
    // Results of earlier settings must not pass for this run's.
    status.dataset.state = "error";
    // A run refused before it started (too much work for the page, say)
    // never ran: "stopped" told a student it had begun and broken off.
    txt.textContent = refused ? "Not started: no results." : "Stopped: no results.";
    prog.value = 0; // no results: not a bar part full beside it
    clearResults();
    drawMaps();
    const why = failed.join(" ");
    // Lost contact and a busy server are no fault of the settings: the
    // message says what to do ("try again in a moment").
    const advice = lost || busy ? "" : " Change the settings and press Run.";
    $("results-note").textContent = (refused ? "The last run was not started: " : "The last run stopped before any results: ") + why + (/[.!?]$/.test(why) ? "" : ".") + advice;
    // Next to Run, the same: a whole sentence, and what to do. Lost
    // contact says it all itself (it read "The run stopped: The page
    // lost contact ..."); a refused run ended mid-sentence, without a
    // word on the settings.
    const said = failed.join("\n") + (/[.!?]$/.test(why) ? "" : ".");
    showRunError([lost ? said : (refused ? "The run was not started: " : "The run stopped: ") + said + advice], true);
    return;
  }
  state.lastReq = req;
  if (PROBLEMS.some((id) => $(id).dataset.lost)) showProblems([]); // the server is back
  status.dataset.state = "done";
  status.dataset.ms = String(ms);
  const res = state.results;
  txt.textContent = `Done: ${nbsp(counted(res.total, "run"))} in ${nbsp(`${(ms / 1000).toFixed(1)} s`)}.`;
  settingsChanged(); // moved while it ran
}

// copyCommand copies the command: through the clipboard API where the
// page may use it (https, or localhost), else by selecting the command
// and the browser's copy; failing both, it leaves the command selected
// for the reader to copy.
async function copyCommand() {
  const cmd = $("command"), say = $("copy-status");
  const text = cmd.textContent;
  if (!text) { say.textContent = "Run first: there is no command yet."; return; }
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      say.textContent = "Copied.";
      return;
    } catch (e) {
      // Refused (no permission, page not focused): select it instead.
    }
  }
  const sel = window.getSelection();
  const range = document.createRange();
  range.selectNodeContents(cmd);
  sel.removeAllRanges();
  sel.addRange(range);
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch (e) {
    copied = false;
  }
  say.textContent = copied ? "Copied." : "The command is selected: copy it with Ctrl+C (⌘C on a Mac) or your phone's menu.";
}

// chooseScenario opens the scenario chosen in the menu; if it cannot (the
// server is gone, say), the page stays on the scenario it shows, the menu
// too, and says why.
async function chooseScenario() {
  const sel = $("scenario");
  const v = sel.value;
  if (v === "") { $("file-box").open = true; $("text").focus(); return; }
  const before = state.source;
  state.source = { scenario: v };
  if (!(await loadOutline(false))) {
    state.source = before;
    sel.value = before.scenario || "";
  }
  keepInAddress();
}

async function useText() {
  const text = $("text").value;
  const file = $("file-name").value.trim() || "my.toml";
  const before = state.source;
  state.source = { text, file };
  if (!(await loadOutline(false))) { state.source = before; return; }
  keepInAddress(); // without the settings: the file is not in the address
  $("scenario").value = "";
  // Its posts' scheduled changes, as check's digest says them: a window
  // that landed under another post, or none, shows here.
  const schedules = state.outline.places.filter((p) => p.schedule).map((p) => `${p.post} at ${p.name}: ${counted(p.schedule, "scheduled change")}. `);
  $("file-status").textContent = `${file}: no problems found; the page now runs it. ${schedules.join("")}Press Run.`;
}

// applySets applies the lines of "More changes" and says, next to Apply,
// what came of it: the problem, or the changes applied and the regimes
// they define (to tick: a new regime is not run until ticked).
async function applySets() {
  const before = new Set(((state.outline || {}).regimes || []).map((r) => r.name));
  const n = extraSets().length;
  if (!(await loadOutline(true, "sets-problems"))) return false;
  state.applied = { n, added: state.outline.regimes.map((r) => r.name).filter((r) => !before.has(r)) };
  saySetsApplied();
  return true;
}

// saySetsApplied says, next to Apply, how many changes were applied and
// which regimes they defined, asking to tick those not ticked: said again
// as regimes are ticked, so that it never asks to tick one that is (a
// link that defines a regime also ticks it).
function saySetsApplied() {
  if (!state.applied) return;
  const { n, added } = state.applied;
  let say = n ? `Applied ${counted(n, "change")}.` : "No changes to apply: the scenario as it is.";
  if (added.length) {
    const ticked = new Set([...document.querySelectorAll("#regimes input:checked")].map((i) => i.value));
    const unticked = added.filter((r) => !ticked.has(r));
    say += ` New: ${added.join(", ")}`;
    if (unticked.length) {
      const them = unticked.length === 1 ? "it" : "them";
      say += unticked.length < added.length ? `; tick ${unticked.join(", ")}` : `; tick ${them}`;
      say += ` under "Regimes to compare" to run ${them}.`;
    } else {
      say += added.length === 1 ? ", ticked." : ", all ticked.";
    }
  }
  $("sets-status").textContent = say;
}

// setsNotApplied reports whether "More changes" holds lines typed since
// they were last applied. Run applies them first: run as they were, a
// line for a knob's key ran while the knob still showed the scenario's
// value, unmarked, and a new regime ran unlisted.
function setsNotApplied() {
  return extraSets().join("\n") !== state.appliedSets;
}

async function init() {
  const info = await backend.info();
  state.info = info;
  $("footer").textContent = `borderwork ${info.version}` + (info.commit && info.commit !== "unknown" ? ` (${info.commit.slice(0, 12)})` : "") +
    (document.body.dataset.backend === "wasm" ? " · running in this browser" : " · served by borderwork serve");
  const sel = $("scenario");
  for (const s of info.scenarios) sel.appendChild(html("option", { value: s.name, text: `${s.name}: ${s.title}` }));
  sel.appendChild(html("option", { value: "", text: "My own file…" }));
  const ss = $("series-select");
  for (const m of info.series) {
    if (m.name === "trapped") continue;
    ss.appendChild(html("option", { value: m.name, text: axisTitle(m) }));
  }
  ss.value = info.default_series[1] || "abuse_events";
  const init = info.initial;
  if (init.text) {
    state.source = { text: init.text, file: init.file };
    $("file-name").value = init.file;
    sel.value = "";
  } else {
    state.source = { scenario: init.scenario };
    sel.value = init.scenario;
  }
  // Settings in the address (a reload, or a teacher's link) go on the
  // form once its scenario is loaded.
  const link = readLink();
  const wrong = link ? linkScenario(link) : "";
  if (!(await loadOutline(false))) $("status-text").textContent = "The scenario could not be read: see why under it.";
  else if (link) await applyLink(link, wrong);
  $("run").disabled = false; // disabled in the page until the engine answers
  for (const el of untilReady()) el.disabled = false;

  for (const id of RUNS) {
    takeCommas($(id), true);
    // As a knob's box: nothing said while a number is typed, a message
    // cleared once it is right, and what is wrong said on leaving.
    $(id).addEventListener("input", () => { if ($(id).getAttribute("aria-invalid") === "true") checkRuns(); });
    $(id).addEventListener("change", checkRuns);
  }
  sel.addEventListener("change", chooseScenario);
  $("use-text").addEventListener("click", useText);
  $("file-input").addEventListener("change", async (e) => {
    const f = e.target.files[0];
    if (!f) return;
    $("text").value = state.cameText = await f.text();
    $("file-name").value = f.name;
    await useText();
  });
  $("apply-sets").addEventListener("click", async () => { await applySets(); keepInAddress(); });
  $("form").addEventListener("submit", run);
  for (const ev of ["input", "change"]) {
    $("form").addEventListener(ev, settingsChanged);
    $("form").addEventListener(ev, refreshRefused);
  }
  // A setting changed goes into the address as it is left (not at each
  // keystroke or step of a slider); a scenario or file, once in use.
  $("form").addEventListener("change", (e) => {
    if (e.target !== sel && !e.target.closest("#file-box")) keepInAddress();
    if (e.target.closest("#regimes")) saySetsApplied();
  });
  // Reset puts back the settings of the scenario shown, not another: a
  // file of one's own stays (the menu above leaves it), and says so.
  $("stop").addEventListener("click", stopRun);
  $("reset").addEventListener("click", async () => {
    $("sets").value = "";
    if (await loadOutline(false)) {
      const name = state.source.text !== undefined ? state.source.file : state.source.scenario;
      $("status-text").textContent = `Reset: ${name} as written, without changes.` + (state.source.text !== undefined ? " It stays in use: to go back to a bundled scenario, choose one in the Scenario menu." : "");
      keepInAddress();
    }
  });
  // The results hold only the series asked for: another one means
  // running the settings of the results shown again (the note under the
  // select says so), not what the sliders show now.
  ss.addEventListener("change", () => {
    keepInAddress();
    const shown = state.running ? state.runningReq : state.lastReq;
    if (!shown) return;
    const again = Object.assign({}, shown, { series: ["trapped", ss.value] });
    run(null, again);
    $("status-text").textContent = "Running the same settings again for the new curve…";
  });
  $("day").addEventListener("input", (e) => { state.dayChosen = true; setPlaying(false); showDay(parseInt(e.target.value, 10)); });
  $("play").addEventListener("click", () => { state.dayChosen = true; setPlaying(!state.timer); });
  $("copy").addEventListener("click", copyCommand);
  for (const a of document.querySelectorAll(".fig-save a")) {
    a.addEventListener("click", (e) => {
      e.preventDefault();
      saveFigure(a.closest("figure"), a.dataset.format);
    });
  }
  $("map-table-box").addEventListener("toggle", tableHint);
  // On a phone the day's controls stick over the maps (style.css): a map
  // brought into view stands below them, however many lines they take.
  const runBar = document.querySelector(".run-bar");
  new ResizeObserver(() => document.documentElement.style.setProperty("--run-bar", `${runBar.offsetHeight}px`)).observe(runBar);
  // scroll-padding keeps a box reached with Tab clear of the bar only
  // when the browser scrolls to it at all, and Chromium does not where a
  // few dozen pixels of it show: the box for "More changes", reached
  // from its summary, stood under Run and Reset, a line of it in sight,
  // and what a student typed there went on out of view. Once the
  // browser has done its own scrolling, a box the bar covers in part is
  // brought up above it (its top kept in view where it is taller than
  // the room left).
  document.addEventListener("focusin", (e) => {
    const box = e.target;
    if (!(box instanceof Element) || runBar.contains(box)) return;
    requestAnimationFrame(() => {
      if (document.activeElement !== box) return;
      const bar = runBar.getBoundingClientRect(), r = box.getBoundingClientRect();
      if (bar.top >= window.innerHeight || r.bottom <= bar.top || r.top >= bar.bottom || r.right <= bar.left || r.left >= bar.right) return;
      window.scrollBy(0, Math.max(0, Math.min(r.bottom - bar.top + 8, r.top - 8)));
    });
  });
  const dayBar = document.querySelector(".map-controls");
  new ResizeObserver(() => document.documentElement.style.setProperty("--day-bar", `${dayBar.offsetHeight}px`)).observe(dayBar);
  // Charts are drawn to their box's width: draw them again when it changes.
  let width = window.innerWidth, redraw = null;
  window.addEventListener("resize", () => {
    if (window.innerWidth === width) return;
    width = window.innerWidth;
    clearTimeout(redraw);
    // data-redrawing says a redraw is due: a test of the page waits for
    // it to end rather than sleep past the delay.
    document.body.dataset.redrawing = "true";
    redraw = setTimeout(() => {
      if (state.results) { drawCharts(state.results); fitTable(state.results); }
      delete document.body.dataset.redrawing;
    }, 150);
  });
  // On paper the summary table is a row per regime, in the print
  // stylesheet's smaller type, whatever the screen had turned it to:
  // the width of the page is not the screen's, and nothing scrolls
  // there. After printing it fits the screen again.
  window.addEventListener("beforeprint", () => { state.printing = true; if (state.results) fitTable(state.results, true); });
  window.addEventListener("afterprint", () => { state.printing = false; if (state.results) fitTable(state.results); });
  document.body.dataset.ready = "true";
}

// Until init has set up Run, the form must not be sent as a plain form,
// which would reload the page (and, in a browser running the engine, its
// download); Run is disabled in the page until then, and Enter in a box
// is kept from sending it too.
$("form").addEventListener("submit", (e) => { if (!document.body.dataset.ready) e.preventDefault(); });
if (document.body.dataset.backend === "wasm") $("status-text").textContent = "Loading the simulation into this browser…";
// untilReady are the settings kept from typing until the engine has
// answered and filled them: typed while the engine downloads (seconds on
// a school network), a value was replaced by the scenario's unseen.
function untilReady() {
  return [...document.querySelectorAll("#form fieldset"), $("sets"), $("apply-sets"), $("reset")];
}
for (const el of untilReady()) el.disabled = true;
init().catch((e) => {
  showProblems(["The page could not start: " + (e.message || e)]);
  $("status").dataset.state = "error";
  $("progress").value = 0;
  $("status-text").textContent = "The page could not start: see why under the scenario.";
});
