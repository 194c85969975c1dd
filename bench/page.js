// The benchmark page: the widget's benchmark build (bench/out/pkg) and the JavaScript baseline,
// side by side on the same XML string. bench/run.mjs calls `window.bench.*` and does the
// statistics; everything here returns raw timings in milliseconds.

import init, { heapBytes, mount, parseEnrollments } from "./out/pkg/enrollment_bench.js";
import { filterBaseline, parseBaseline } from "./baseline.js";

const ENDPOINT = "/lms-api";
const TOKEN = "demo-token";
const CARD = "article[data-enrollment-id]";

/** The answer under test, fetched once by `fetchAnswer` (kept here, not sent to the driver). */
let xml = "";
/** The same answer as UTF-8 bytes: what the widget's fetch hands to wasm. */
let bytes = new Uint8Array();
/** The baseline's objects, from its last parse run. */
let items = [];
/** The mounted widget and what its load measured. */
let widget = null;

/** Resolves at the start of the next task (after every pending microtask: reactive effects). */
const nextTask = () =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

/** Resolves once the next frame has been produced (its rendering steps done). */
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => nextTask().then(resolve)));

/** Collects garbage between runs when Chromium runs with --js-flags=--expose-gc. */
const collect = () => globalThis.gc?.();

/**
 * Times `f` `runs` times, each after a collection; returns the times and f's last result. With
 * `warmUpMs`, runs it untimed first until that long has passed (at least once), so that both
 * engines' optimizing compilers have had their turn (V8 tiers wasm and JS up while they run).
 */
function timeRuns(runs, f, warmUpMs = 0) {
  for (const start = performance.now(); warmUpMs > 0 && performance.now() - start < warmUpMs; ) f();
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    collect();
    const t0 = performance.now();
    result = f();
    times.push(performance.now() - t0);
  }
  return { times, result };
}

/** Main-thread tasks longer than 50 ms, while `during` runs. */
async function longTasks(during) {
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: "longtask" });
  const result = await during();
  await nextFrame();
  tasks.push(...observer.takeRecords().map((e) => e.duration));
  observer.disconnect();
  return { result, longestTaskMs: Math.max(0, ...tasks) };
}

window.bench = {
  async ready() {
    await init();
    performance.setResourceTimingBufferSize(10_000);
    return true;
  },

  /** Fetches the whole answer (`GET /enrollment`) once; returns its size in bytes. */
  async fetchAnswer() {
    const response = await fetch(`${ENDPOINT}/enrollment`, { headers: { Authorization: TOKEN } });
    if (!response.ok) throw new Error(`GET /enrollment: ${response.status}`);
    xml = await response.text();
    bytes = new TextEncoder().encode(xml);
    return bytes.length;
  },

  /** The widget's parser on the answer's bytes (their copy into wasm memory included). */
  parseWasm(runs, warmUpMs) {
    const { times, result } = timeRuns(runs, () => parseEnrollments(bytes), warmUpMs);
    return { times, count: result };
  },

  /** DOMParser plus field extraction on the same string. */
  parseBaseline(runs, warmUpMs) {
    items = [];
    const { times, result } = timeRuns(runs, () => parseBaseline(xml), warmUpMs);
    items = result;
    return { times, count: items.length };
  },

  /** Drops the answer and the baseline's objects, so the widget runs without their weight. */
  release() {
    [xml, bytes, items] = ["", new Uint8Array(), []];
    collect();
  },

  /** The baseline's filter for each text in turn (one keystroke each). */
  filterBaseline(texts) {
    return texts.map((text) => timeRuns(1, () => filterBaseline(items, text).length).times[0]);
  },

  /**
   * Mounts the widget (paged or not) and waits for it to load. Measures the first answer's
   * arrival (resource timing) to the first cards painted, the whole load, the longest task
   * meanwhile and the wasm heap growth per enrollment once loaded.
   */
  async load({ paged, pageSize }) {
    this.unmount();
    collect();
    await nextFrame();
    performance.clearResourceTimings();
    const host = document.getElementById("widget");
    const heapBefore = heapBytes();
    const t0 = performance.now();
    const measured = await longTasks(async () => {
      const loaded = new Promise((resolve, reject) => {
        host.addEventListener("enrollments-loaded", (e) => resolve(e.detail), { once: true });
        host.addEventListener("enrollments-error", (e) => reject(new Error(e.detail.message)), { once: true });
      });
      const handle = mount(host, { endpoint: ENDPOINT, token: TOKEN, paged, pageSize, locale: "en-US" });
      widget = { handle, host };
      const firstCard = new Promise((resolve) => {
        const seen = () => host.shadowRoot.querySelector(CARD) !== null;
        if (seen()) return resolve();
        const observer = new MutationObserver(() => seen() && (observer.disconnect(), resolve()));
        observer.observe(host.shadowRoot, { childList: true, subtree: true });
      });
      await firstCard;
      await nextFrame();
      const painted = performance.now();
      const detail = await loaded;
      const done = performance.now();
      return { painted, done, detail };
    });
    const { painted, done, detail } = measured.result;
    const answer = performance
      .getEntriesByType("resource")
      .filter((e) => e.name.includes(paged ? "/enrollments?" : "/enrollment") && e.startTime >= t0)
      .sort((a, b) => a.startTime - b.startTime)[0];
    await nextFrame();
    collect();
    return {
      count: detail.count,
      pages: detail.pages,
      firstCardsMs: answer ? painted - answer.responseEnd : NaN,
      loadMs: done - t0,
      longestTaskMs: measured.longestTaskMs,
      heapBytesPerEnrollment: (heapBytes() - heapBefore) / detail.count,
    };
  },

  /**
   * Types each text into the mounted widget's search field (one input event each) and times it
   * to the count's update (`count`) and to the end of all the work it caused (`settled`).
   */
  async keystrokes(texts) {
    const root = widget.host.shadowRoot;
    const input = root.querySelector("input[type=search]");
    const count = root.querySelector("[data-ec=count]");
    const times = { count: [], settled: [] };
    collect();
    for (const text of texts) {
      await nextFrame();
      const t0 = performance.now();
      let counted = NaN;
      const observer = new MutationObserver(() => {
        counted = performance.now() - t0;
        observer.disconnect();
      });
      observer.observe(count, { childList: true, subtree: true, characterData: true });
      input.value = text;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await nextTask();
      times.settled.push(performance.now() - t0);
      observer.disconnect();
      times.count.push(Number.isNaN(counted) ? times.settled.at(-1) : counted);
    }
    return times;
  },

  /** Scrolls the card list from top to bottom in `steps`; the most cards in the DOM at once. */
  async scroll(steps) {
    const root = widget.host.shadowRoot;
    const list = root.querySelector(".ec-window");
    let most = 0;
    const end = list.scrollHeight - list.clientHeight;
    for (let i = 0; i <= steps; i++) {
      list.scrollTop = (end * i) / steps;
      await nextFrame();
      await nextFrame();
      most = Math.max(most, root.querySelectorAll(CARD).length);
    }
    return { most, viewport: [list.clientWidth, list.clientHeight] };
  },

  /** Heap bytes each mount–load–unmount cycle leaves behind (after a first, untimed one). */
  async heapLeftPerMount(cycles) {
    const left = [];
    for (let i = 0; i <= cycles; i++) {
      const before = heapBytes();
      await this.load({ paged: true, pageSize: 1000 });
      this.unmount();
      await nextFrame();
      if (i > 0) left.push(heapBytes() - before);
    }
    return left;
  },

  unmount() {
    widget?.handle.unmount();
    widget = null;
  },
};
