// The benchmark page: the widget's benchmark build (bench/out/pkg) and the JavaScript baseline,
// side by side on the same XML string. bench/run.mjs calls `window.bench.*` and does the
// statistics; everything here returns raw timings in milliseconds. (The cold first card has a
// page of its own, cold.html: this one is warmed up by the time anything is timed.)

import init, { heapBytes, mount, parseEnrollments } from "./out/pkg/enrollment_bench.js";
import { filterBaseline, parseBaseline } from "./baseline.js";
import { appears, collect, nextFrame, nextTask, recordFetches, route, setAttributes } from "./timing.js";

const ENDPOINT = "/lms-api";
const TOKEN = "demo-token";
const CARD = "article[data-enrollment-id]";
/** The related resources the widget asks for while enriching (`enrich="all"`). */
const ENRICHMENT = ["users/v2", "contents", "learners/results", "departments"];

/** Every fetch of the page (URL, when called): the widget's requests are counted from these. */
const fetches = recordFetches();
/** Every text typed into a search field of this page, so that "fresh" texts are checked fresh. */
const typed = new Set();

/** The answer under test, fetched once by `fetchAnswer` (kept here, not sent to the driver). */
let xml = "";
/** The same answer as UTF-8 bytes: what the widget's fetch hands to wasm. */
let bytes = new Uint8Array();
/** The baseline's objects, from its last parse run. */
let items = [];
/** The mounted widget: `{ host, handle }` from `mount`, or `{ host }` for an element. */
let widget = null;
/** The last `loadEnriched`: the wasm heap before its element was created, and its enrollments. */
let enriched = { heapBefore: 0, count: 0 };

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

/** The first `name` event on `target`: its detail and when it came. */
const when = (target, name) =>
  new Promise((resolve) =>
    target.addEventListener(name, (e) => resolve({ detail: e.detail, at: performance.now() }), { once: true }),
  );

/** Every page of a listing (`GET {path}?pageSize=10000`), as XML documents. */
async function listing(path) {
  const docs = [];
  let token = "";
  do {
    const url = `${ENDPOINT}/${path}?pageSize=10000${token ? `&pageToken=${encodeURIComponent(token)}` : ""}`;
    const response = await fetch(url, { headers: { Authorization: TOKEN } });
    if (!response.ok) throw new Error(`GET /${path}: ${response.status}`);
    const doc = new DOMParser().parseFromString(await response.text(), "application/xml");
    docs.push(doc);
    token = doc.querySelector("nextPageToken")?.textContent.trim() ?? "";
  } while (token);
  return docs;
}

/**
 * Does `act(step)` for each step in the mounted widget, a frame apart, timing each to the
 * count's update (`count`) and to the end of all the work it caused (`settled`).
 */
async function timedUpdates(steps, act) {
  const count = widget.host.shadowRoot.querySelector("[data-ec=count]");
  const times = { count: [], settled: [] };
  collect();
  for (const step of steps) {
    await nextFrame();
    const t0 = performance.now();
    let counted = NaN;
    const observer = new MutationObserver(() => {
      counted = performance.now() - t0;
      observer.disconnect();
    });
    observer.observe(count, { childList: true, subtree: true, characterData: true });
    act(step);
    await nextTask();
    times.settled.push(performance.now() - t0);
    observer.disconnect();
    times.count.push(Number.isNaN(counted) ? times.settled.at(-1) : counted);
  }
  return times;
}

/**
 * Main-thread tasks longer than 50 ms while `during` runs, up to the moment its result names
 * (`measuredUntil`, a `performance.now()`; the end of `during` without one): the benchmark's own
 * bookkeeping after that moment (reading thousands of resource timings, a forced collection) is
 * not the widget's.
 */
async function longTasks(during) {
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  observer.observe({ type: "longtask" });
  const result = await during();
  await nextFrame();
  tasks.push(...observer.takeRecords());
  observer.disconnect();
  const until = result?.measuredUntil ?? Infinity;
  const widgets = tasks.filter((t) => t.startTime < until).map((t) => t.duration);
  return { result, longestTaskMs: Math.max(0, ...widgets) };
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
   * meanwhile and the wasm heap growth per enrollment once loaded. Enrichment is off (the
   * enrollments alone, as these figures have always measured); `loadEnriched` has it on.
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
      const options = { endpoint: ENDPOINT, token: TOKEN, paged, pageSize, locale: "en-US", enrich: "none" };
      const handle = mount(host, options);
      widget = { handle, host };
      await appears(host.shadowRoot, CARD);
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
   * to the count's update (`count`) and to the end of all the work it caused (`settled`). With
   * `fresh`, every text must be one never typed in this page before (else it throws).
   */
  async keystrokes(texts, { fresh = false } = {}) {
    if (fresh) {
      const again = texts.filter((t, i) => typed.has(t) || texts.indexOf(t) !== i);
      if (again.length > 0) throw new Error(`"fresh" texts typed before: ${again.join(", ")}`);
    }
    const input = widget.host.shadowRoot.querySelector("input[type=search]");
    return timedUpdates(texts, (text) => {
      typed.add(text);
      input.value = text;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
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

  /**
   * Heap bytes each mount–load–unmount cycle leaves behind (after a first, untimed one), read
   * once the heap has stopped shrinking (a task the widget's removal aborted may take a frame to
   * let go of what it held).
   */
  async heapLeftPerMount(cycles) {
    const left = [];
    for (let i = 0; i <= cycles; i++) {
      const before = heapBytes();
      await this.load({ paged: true, pageSize: 1000 });
      this.unmount();
      let [previous, now] = [NaN, heapBytes()];
      for (let frame = 0; frame < 30 && now !== previous; frame++) {
        await nextFrame();
        await nextTask();
        [previous, now] = [now, heapBytes()];
      }
      if (i > 0) left.push(now - before);
    }
    return left;
  },

  /**
   * The learners' names and the course titles' words the mock serves (from `GET /users/v2` and
   * `GET /contents`, fetched here before any widget is mounted, so the widget's request counts
   * do not include them): what fresh search texts take fragments of.
   */
  async names() {
    const values = (docs, selector) =>
      docs.flatMap((doc) => [...doc.querySelectorAll(selector)].map((n) => n.textContent.trim()));
    const users = await listing("users/v2");
    const surnames = users.flatMap((doc) =>
      [...doc.querySelectorAll("field")]
        .filter((f) => f.querySelector("name")?.textContent === "LAST_NAME")
        .map((f) => f.querySelector("value")?.textContent.trim() ?? ""),
    );
    const titles = values(await listing("contents"), "contentItem > title");
    const words = titles.flatMap((t) => t.split(/[\s(),:-]+/u)).filter((w) => [...w].length >= 3);
    const unique = (xs) => [...new Set(xs.filter((x) => x !== ""))].sort();
    return { surnames: unique(surnames), words: unique(words) };
  },

  /**
   * Creates an `<enrollment-cards>` element (paged, `pageSize` per page, `enrich="all"`: names,
   * titles, results and departments, unless `enrich` names fewer) as a host does, and waits until
   * the enrollments are loaded and the `enrichment-status` event has come. Measures, from the
   * widget's own requests (`fetch` calls and resource timing):
   * - `requests`: how many went to each route (enrollment pages and the four related ones);
   * - `lastPageAt`: when the last enrollment page was received (`responseEnd`);
   * - `statusAt`: when `enrichment-status` came (every part settled), and its detail;
   * - `resolvingGoneAt`: when the summary's "Resolving names… N of M" line was last taken away
   *   (NaN if it never showed);
   * - `answeredAt`: per related route, when its last answer was received;
   * - `enrichmentBytes`: bytes of the related answers (decoded);
   * - `firstCardMs`: creation to the first card painted, as cold.html measures it (but warm);
   * - `heapBytesPerEnrollment`: wasm heap growth from before creating the element to after
   *   everything resolved, per enrollment.
   * All times in milliseconds from just before `createElement`.
   */
  async loadEnriched({ pageSize, enrich = "all" }) {
    this.unmount();
    collect();
    await nextFrame();
    performance.clearResourceTimings();
    const slot = document.getElementById("element");
    const heapBefore = heapBytes();
    const from = fetches.length;
    const t0 = performance.now();
    const element = document.createElement("enrollment-cards");
    const attributes = { endpoint: ENDPOINT, token: TOKEN, paged: true, "page-size": pageSize, locale: "en-US" };
    setAttributes(element, { ...attributes, enrich });
    const loaded = when(element, "enrollments-loaded");
    const settled = when(element, "enrichment-status");
    const failed = when(element, "enrollments-error").then(({ detail }) => {
      throw new Error(`enrollments-error: ${detail.message}`);
    });
    // The resolving line: seen at some point, and when it was last removed.
    const root = element.shadowRoot;
    let resolvingSeen = false;
    let resolvingGoneAt = NaN;
    const resolving = new MutationObserver(() => {
      if (root.querySelector("[data-ec=resolving]") !== null) {
        [resolvingSeen, resolvingGoneAt] = [true, NaN];
      } else if (resolvingSeen && Number.isNaN(resolvingGoneAt)) {
        resolvingGoneAt = performance.now() - t0;
      }
    });
    resolving.observe(root, { childList: true, subtree: true });
    slot.append(element);
    widget = { host: element };
    await Promise.race([appears(root, CARD), failed]);
    await nextFrame();
    const firstCardMs = performance.now() - t0;
    const [load, status] = await Promise.race([Promise.all([loaded, settled]), failed]);
    await nextFrame();
    // Everything is in and shown; what follows is the benchmark's bookkeeping, in tasks that
    // start after this moment.
    const measuredUntil = performance.now();
    await nextTask();
    resolving.disconnect();
    const requests = Object.fromEntries(["enrollments", ...ENRICHMENT].map((r) => [r, 0]));
    for (const call of fetches.slice(from)) {
      const r = route(call.url);
      if (r in requests) requests[r] += 1;
    }
    const entries = performance.getEntriesByType("resource").filter((e) => e.startTime >= t0);
    const last = (r) => Math.max(-Infinity, ...entries.filter((e) => route(e.name) === r).map((e) => e.responseEnd));
    const first = (r) => Math.min(Infinity, ...entries.filter((e) => route(e.name) === r).map((e) => e.responseEnd));
    const enrichmentBytes = entries
      .filter((e) => ENRICHMENT.includes(route(e.name)))
      .reduce((sum, e) => sum + e.decodedBodySize, 0);
    collect();
    enriched = { heapBefore, count: load.detail.count };
    return {
      count: load.detail.count,
      pages: load.detail.pages,
      requests,
      firstPageAt: first("enrollments") - t0,
      lastPageAt: last("enrollments") - t0,
      loadedAt: load.at - t0,
      statusAt: status.at - t0,
      status: status.detail,
      resolvingGoneAt,
      answeredAt: Object.fromEntries(ENRICHMENT.map((r) => [r, last(r) - t0])),
      enrichmentBytes,
      firstCardMs,
      heapBytesPerEnrollment: (heapBytes() - heapBefore) / load.detail.count,
      measuredUntil,
    };
  },

  /**
   * A million enrollments as a host loads them ([`loadEnriched`], paged): the longest main-thread
   * task from the element's creation until every name, title and result is in, with the load's
   * figures.
   */
  async loadMillion({ pageSize }) {
    const { result, longestTaskMs } = await longTasks(() => this.loadEnriched({ pageSize }));
    return { ...result, longestTaskMs };
  },

  /**
   * Presses the mounted widget's status chips in turn (`times` presses, each on then off), timing
   * each to the count's update and to the end of the work it caused, as `keystrokes` does.
   */
  async chipToggles(times) {
    const chips = [...widget.host.shadowRoot.querySelectorAll("[data-ec=status-chip]")];
    const presses = Array.from({ length: times }, (_, i) => chips[i % chips.length]);
    return timedUpdates(presses, (chip) => chip.click());
  },

  /**
   * CSV export of the loaded widget's whole view (search cleared first), `runs` times each way:
   * `el.exportCsv()` (the text, synchronously) and the "Export CSV" button, from the click to the
   * download link's click (batches of rows with the browser's turns between them, as a person
   * meets it). Milliseconds, and the file's rows (lines but the header).
   */
  async exportTimes(runs) {
    const host = widget.host;
    const root = host.shadowRoot;
    const search = root.querySelector("[data-ec=search]");
    search.value = "";
    search.dispatchEvent(new Event("input", { bubbles: true }));
    await nextFrame();
    const sync = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const text = host.exportCsv();
      sync.push(performance.now() - t0);
      rows = text.split("\r\n").length - 2;
    }
    const button = [];
    const click = HTMLAnchorElement.prototype.click;
    try {
      for (let i = 0; i < runs; i++) {
        const downloaded = new Promise((resolve) => {
          HTMLAnchorElement.prototype.click = function () {
            resolve(performance.now());
          };
        });
        const t0 = performance.now();
        root.querySelector("[data-ec=export]").click();
        button.push((await downloaded) - t0);
        await nextFrame();
      }
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    return { sync, button, rows };
  },

  /** Wasm heap growth per enrollment since the last `loadEnriched` began (its widget still there). */
  heapPerEnrollmentSinceLoad() {
    return (heapBytes() - enriched.heapBefore) / enriched.count;
  },

  /** Removes the widget: unmounts what `mount` mounted, or takes the element out of the page. */
  unmount() {
    if (widget?.handle) widget.handle.unmount();
    else widget?.host.remove();
    widget = null;
  },
};
