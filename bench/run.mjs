// `make bench`: drives headless Chromium (playwright-core, Debian's /usr/bin/chromium) over
// generated accounts of 1k, 10k and 100k enrollments, each served by the mock LMS, and writes
// bench/RESULTS.md. Three phases per size, and one at a million:
//
// - cold: a fresh browser context per run (nothing cached, nothing compiled), bench/cold.html,
//   no warm-up: the `<enrollment-cards>` element created, to its first card painted; the same for
//   the JavaScript baseline widget (`<baseline-cards>`, bench/baseline.js).
// - warm: bench/index.html after a warm-up: parsers, loads, keystrokes (fresh texts and typing
//   and deleting), scrolling, heap; the enrollments alone (enrichment off), as ever.
// - enrich: bench/index.html, `<enrollment-cards enrich="all">` over an account with a learner
//   per 10 enrollments and 60 courses (at 100k: 10k learners): requests to each related route,
//   last enrollment page to every name, title and result resolved, heap, keystrokes with names.
// - million: once, 1,000,000 enrollments (100k learners, 200 courses) loaded as a host does, with
//   everything resolved: the longest main-thread task, first page to first card, the heap, fresh
//   keystrokes and status-chip presses (the smoke run: 20,000).
//
// `--smoke` (inside `make test`): 1k (the million phase: 20k), one run of every phase, checks that every figure is
// produced, asserts no target, writes bench/out/smoke.md. A run of only some phases writes
// bench/out/partial.md; all of them, bench/RESULTS.md.
//
//   node bench/run.mjs [--smoke] [--sizes 1000,10000] [--runs 5] [--phases cold,warm,enrich,million]
//
// Expects scripts/bench.sh to have built pkg/, bench/out/pkg/, the mock and (full run) the native
// Criterion results in target/criterion/parse/.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
// The end-to-end tests' pinned playwright-core (e2e/package.json): one install serves both.
import { chromium } from "../e2e/node_modules/playwright-core/index.mjs";
import { ROOT, TARGET, startMock as startMockLms } from "./mock.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const TODAY = "2026-11-26";
const SEED = 42; // benches/parse.rs generates the same documents natively.
const PAGE_SIZE = 1000;
const VIEWPORT = { width: 1400, height: 1000 };
// Each term typed one character at a time and deleted again: 6 keystrokes, every one a search.
const TERMS = ["4a7", "b7c", "e1d", "0f5", "9c2"];
const KEYSTROKES = TERMS.flatMap((t) => [1, 2, 3, 2, 1, 0].map((n) => t.slice(0, n)));
/** Fresh search texts per run: each typed once, never typed before in that page. */
const FRESH_PER_RUN = 30;
/** The enrichment account: enrollments per learner, and courses (issue #10: 100k, 10k, 60). */
const ENROLLMENTS_PER_LEARNER = 10;
const COURSES = 60;
/** The widget keeps the matches of its last 4 search texts: no fresh text extends one of them. */
const SEARCH_HISTORY = 4;
const PHASES = ["cold", "warm", "enrich", "million"];
/** Bytes a mount–unmount cycle may leave on the wasm heap without counting as leaking. */
const LEAK_BYTES = 1024;
/** The million account (issue #12: 100k employees × 10 courses); the smoke run uses a small one. */
const MILLION = 1_000_000;
const MILLION_SMOKE = 20_000;
const MILLION_COURSES = 200;
/** Fresh search texts and chip presses timed at a million. */
const MILLION_KEYS = 30;
const MILLION_CHIPS = 20;
/** Quiet time before each cold run, in milliseconds. */
const COLD_SETTLE_MS = 1000;
/** Idle time between the module being ready and the element being created, in the cold runs
 * of a host that loads the module early (the module rehearses a first load meanwhile). */
const IDLE_BEFORE_CREATION_MS = 1000;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const smoke = args.includes("--smoke");
const sizes = option("--sizes", smoke ? "1000" : "1000,10000,100000").split(",").map(Number);
const runs = Number(option("--runs", smoke ? 1 : 5));
const phases = option("--phases", PHASES.join(",")).split(",");
if (!phases.every((p) => PHASES.includes(p))) throw new Error(`--phases takes some of ${PHASES}, not ${phases}`);
const warmups = smoke ? 0 : 1;
/** Untimed parsing before the timed runs (at least one run), in milliseconds. */
const WARM_UP_MS = smoke ? 0 : 1000;
/** `mock-lms` options of the enrichment account of `n` enrollments. */
const enrichedAccount = (n) => [
  "--learners",
  String(Math.max(8, Math.round(n / ENROLLMENTS_PER_LEARNER))),
  "--courses",
  String(COURSES),
];

// ---- statistics -------------------------------------------------------------------------------

const sorted = (xs) => [...xs].sort((a, b) => a - b);
/** Nearest-rank percentile. */
const percentile = (xs, p) => {
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const median = (xs) => {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fixed = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "—");
/** "median (min–max)" */
const spread = (xs, digits = 1, scale = 1) => {
  const v = xs.map((x) => x * scale);
  return v.length > 1
    ? `${fixed(median(v), digits)} (${fixed(Math.min(...v), digits)}–${fixed(Math.max(...v), digits)})`
    : fixed(v[0], digits);
};
const mbPerSecond = (bytes, ms) => bytes / 1e6 / (ms / 1e3);
/** A count that should not vary: the number, or "median (min–max)" when it did. */
const same = (xs) => (Math.min(...xs) === Math.max(...xs) ? String(xs[0]) : spread(xs, 0));
/** "median / p95" */
const medianP95 = (xs, digits = 2) => `${fixed(median(xs), digits)} / ${fixed(percentile(xs, 95), digits)}`;

// ---- fresh search texts -----------------------------------------------------------------------

/** A seeded PRNG (mulberry32): the same texts on every run of the benchmark. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Search texts for one page that were never typed in it: `typed` holds what the page has had
 * (updated here), and no text contains one of the last SEARCH_HISTORY texts typed (so that none
 * is narrowed from a remembered match: each is a search over every row). Without `names`, 2–3
 * hexadecimal characters (parts of IDs); with them, half of the texts are such hex, a quarter
 * fragments of learners' surnames and a quarter fragments of course-title words, as the mock
 * serves them (lowercased, 3–4 characters, or the whole word when shorter). Returns the texts and
 * the kind of each ("hex", "surname", "title").
 */
function freshTexts(random, count, typed, names = null) {
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const hex = () => Array.from({ length: random() < 0.4 ? 2 : 3 }, () => pick("0123456789abcdef")).join("");
  const fragment = (word) => {
    const chars = [...word.toLowerCase()];
    const length = Math.min(chars.length, random() < 0.5 ? 3 : 4);
    const start = Math.floor(random() * (chars.length - length + 1));
    return chars.slice(start, start + length).join("");
  };
  const texts = [];
  const kinds = [];
  for (let tries = 0; texts.length < count; tries++) {
    if (tries > 100 * count) throw new Error(`only ${texts.length} of ${count} fresh texts`);
    const kind = names ? ["hex", "surname", "hex", "title"][texts.length % 4] : "hex";
    const draw = { hex, surname: () => fragment(pick(names.surnames)), title: () => fragment(pick(names.words)) };
    const text = draw[kind]();
    const recent = typed.order.slice(-SEARCH_HISTORY).filter((t) => t !== "");
    if (text.trim() === "" || typed.all.has(text) || recent.some((t) => text.includes(t))) continue;
    typed.all.add(text);
    typed.order.push(text);
    texts.push(text);
    kinds.push(kind);
  }
  return { texts, kinds };
}

/** What a page has been typed: every text, and the order (for the search history). */
const typing = () => ({ all: new Set(), order: [] });
/** Records a sequence of texts about to be typed (not fresh ones). */
const remember = (typed, texts) => {
  for (const t of texts) typed.all.add(t);
  typed.order.push(...texts);
};

// ---- the mock LMS -----------------------------------------------------------------------------

/** Starts the mock with `n` enrollments on a free port, serving the repository's files. */
function startMock(n, more = []) {
  return startMockLms(["--seed", String(SEED), "--today", TODAY, "--enrollments", String(n), ...more]);
}

// ---- warm: one size --------------------------------------------------------------------------

async function measureWarm(browser, n) {
  const mock = await startMock(n);
  // A context of its own per size: nothing (code cache, renderer, heap) carries over.
  const { context, page, errors } = await newPage(browser, 300_000);
  try {
    await page.goto(`${mock.url}/bench/index.html`);
    await page.waitForFunction(() => window.bench !== undefined);
    await page.evaluate(() => window.bench.ready());
    const bytes = await page.evaluate(() => window.bench.fetchAnswer());
    log(`${n}: ${(bytes / 1e6).toFixed(1)} MB answer`);

    const parse = (fn) => page.evaluate(([fn, k, ms]) => window.bench[fn](k, ms), [fn, runs, WARM_UP_MS]);
    const wasm = await parse("parseWasm");
    const baseline = await parse("parseBaseline");
    log(`${n}: parsed (wasm ${fixed(median(wasm.times))} ms, baseline ${fixed(median(baseline.times))} ms)`);
    const texts = Array.from({ length: warmups + runs }, () => KEYSTROKES).flat();
    const baselineKeys = (await page.evaluate((t) => window.bench.filterBaseline(t), texts)).slice(
      warmups * KEYSTROKES.length,
    );
    await page.evaluate(() => window.bench.release());

    const loads = async (paged) => {
      const all = [];
      for (let i = 0; i < warmups + runs; i++) {
        const options = { paged, pageSize: PAGE_SIZE };
        all.push(await page.evaluate((options) => window.bench.load(options), options));
      }
      return all.slice(warmups);
    };
    const unpaged = await loads(false);
    const paged = await loads(true);
    log(`${n}: loaded (paged ${fixed(median(paged.map((l) => l.loadMs)))} ms)`);
    // Fresh texts first (hex: the search covers IDs only here), none of them one of the typing
    // and deleting texts; then typing and deleting, as ever.
    const typed = typing();
    for (const t of KEYSTROKES) typed.all.add(t);
    const fresh = freshTexts(seeded(SEED + n), runs * FRESH_PER_RUN, typed).texts;
    const freshKeys = await page.evaluate((t) => window.bench.keystrokes(t, { fresh: true }), fresh);
    const keys = await page.evaluate((t) => window.bench.keystrokes(t), texts);
    const skip = warmups * KEYSTROKES.length;
    const scroll = await page.evaluate((steps) => window.bench.scroll(steps), smoke ? 5 : 40);
    await page.evaluate(() => window.bench.unmount());
    const heapLeft = await page.evaluate(() => window.bench.heapLeftPerMount(3));
    if (errors.length > 0) throw new Error(`page errors: ${errors.join("; ")}`);
    return {
      n,
      bytes,
      counts: [wasm.count, baseline.count, ...paged.map((l) => l.count), ...unpaged.map((l) => l.count)],
      wasm: wasm.times,
      baseline: baseline.times,
      baselineKeys,
      keysCount: keys.count.slice(skip),
      keysSettled: keys.settled.slice(skip),
      freshSettled: freshKeys.settled,
      freshCount: freshKeys.count,
      paged,
      unpaged,
      scroll,
      heapLeft,
    };
  } finally {
    await context.close();
    mock.stop();
  }
}

/**
 * A page in a browser context of its own (nothing, code cache, renderer or heap, carries over),
 * recording page errors, with `timeout` ms as the default for waits.
 */
async function newPage(browser, timeout) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.setDefaultTimeout(timeout);
  return { context, page, errors };
}

// ---- cold: one size --------------------------------------------------------------------------

/**
 * One cold first card: a new browser context (empty HTTP cache, no code cache, a new renderer),
 * bench/cold.html with `widget` ("wasm": the shipped module; "js": the baseline widget), no
 * warm-up, the element created once: as soon as the module is ready (`idleMs` 0: in the same
 * task, as a page with the element in its HTML gets it), or after the page sat idle for
 * `idleMs` (a host that loads the module early and shows the widget later).
 */
async function coldFirstCard(browser, mock, widget, idleMs = 0) {
  const { context, page, errors } = await newPage(browser, 120_000);
  try {
    await page.goto(`${mock.url}/bench/cold.html?widget=${widget}&page-size=${PAGE_SIZE}&idle=${idleMs}`);
    await page.waitForFunction(() => window.cold !== undefined);
    const measured = await page.evaluate(() => window.cold.result);
    if (errors.length > 0) throw new Error(`cold ${widget}: page errors: ${errors.join("; ")}`);
    return measured;
  } finally {
    await context.close();
  }
}

/**
 * `runs` cold first cards of each widget, taking turns, against the enrichment account. Each
 * starts a second after the one before was closed, so that the renderer it leaves and the
 * requests it had on their way (the mock serves one at a time) are done with by then.
 */
async function measureCold(browser, mock, n) {
  const wasm = [];
  const js = [];
  const idle = [];
  const settle = () => new Promise((resolve) => setTimeout(resolve, COLD_SETTLE_MS));
  for (let i = 0; i < runs; i++) {
    await settle();
    wasm.push(await coldFirstCard(browser, mock, "wasm"));
    await settle();
    js.push(await coldFirstCard(browser, mock, "js"));
    await settle();
    idle.push(await coldFirstCard(browser, mock, "wasm", IDLE_BEFORE_CREATION_MS));
  }
  const first = (runs) => fixed(median(runs.map((c) => c.firstCardMs)));
  log(`${n}: cold first card (wasm ${first(wasm)} ms, after idle ${first(idle)} ms, js ${first(js)} ms)`);
  return { wasm, js, idle };
}

// ---- enrich: one size -------------------------------------------------------------------------

/**
 * The widget as a host uses it, names and all: `<enrollment-cards enrich="all">` over the
 * enrichment account, loaded `warmups + runs` times in one page (each a new element, whose
 * related lookups start from nothing: the page's lookup cache goes with the last widget), then
 * keystrokes on the last one, names in the search: fresh texts (with name fragments), then
 * typing and deleting.
 */
async function measureEnrich(browser, mock, n) {
  const { context, page, errors } = await newPage(browser, 300_000);
  try {
    await page.goto(`${mock.url}/bench/index.html`);
    await page.waitForFunction(() => window.bench !== undefined);
    await page.evaluate(() => window.bench.ready());
    const names = await page.evaluate(() => window.bench.names());
    const loads = [];
    for (let i = 0; i < warmups + runs; i++) {
      loads.push(await page.evaluate((pageSize) => window.bench.loadEnriched({ pageSize }), PAGE_SIZE));
    }
    const timed = loads.slice(warmups);
    const after = (l) => l.statusAt - l.lastPageAt;
    const requests = JSON.stringify(timed.at(-1).requests);
    log(`${n}: enriched (${requests}, done ${fixed(median(timed.map(after)))} ms after the last page)`);
    const typed = typing();
    for (const t of KEYSTROKES) typed.all.add(t);
    const fresh = freshTexts(seeded(SEED + n + 1), runs * FRESH_PER_RUN, typed, names);
    const freshKeys = await page.evaluate((t) => window.bench.keystrokes(t, { fresh: true }), fresh.texts);
    const texts = Array.from({ length: warmups + runs }, () => KEYSTROKES).flat();
    remember(typed, texts);
    const keys = await page.evaluate((t) => window.bench.keystrokes(t), texts);
    // The heap once searching has built its caches (folded names, remembered matches).
    const heapAfterTyping = await page.evaluate(() => window.bench.heapPerEnrollmentSinceLoad());
    const exported = await page.evaluate((r) => window.bench.exportTimes(r), runs);
    if (exported.rows !== n) throw new Error(`${n}: the exported file has ${exported.rows} rows`);
    await page.evaluate(() => window.bench.unmount());
    if (errors.length > 0) throw new Error(`page errors: ${errors.join("; ")}`);
    return {
      names: { surnames: names.surnames.length, words: names.words.length },
      loads: timed,
      fresh: fresh.texts,
      freshKinds: fresh.kinds,
      freshSettled: freshKeys.settled,
      keysSettled: keys.settled.slice(warmups * KEYSTROKES.length),
      keysTyped: texts.length,
      heapAfterTyping,
      exported,
    };
  } finally {
    await context.close();
  }
}

/** Cold and enrich of one size, against one mock serving the enrichment account. */
/**
 * A million enrollments with names, titles, departments and results, loaded once as a host does
 * (paged, 1,000 a page): the longest main-thread task, first page → first card, the heap, then
 * fresh keystrokes, and status-chip presses under the last search text and with the search cleared.
 */
async function measureMillion(browser) {
  const n = smoke ? MILLION_SMOKE : MILLION;
  const mock = await startMock(n, ["--learners", String(n / ENROLLMENTS_PER_LEARNER), "--courses", String(MILLION_COURSES)]);
  const { context, page, errors } = await newPage(browser, 1_800_000);
  try {
    await page.goto(`${mock.url}/bench/index.html`);
    await page.waitForFunction(() => window.bench !== undefined);
    await page.evaluate(() => window.bench.ready());
    const names = await page.evaluate(() => window.bench.names());
    const load = await page.evaluate((pageSize) => window.bench.loadMillion({ pageSize }), PAGE_SIZE);
    log(`${n}: loaded with names (longest task ${fixed(load.longestTaskMs, 0)} ms, ${fixed(load.heapBytesPerEnrollment, 1)} B)`);
    const fresh = freshTexts(seeded(SEED + n), MILLION_KEYS, typing(), names);
    const keys = await page.evaluate((t) => window.bench.keystrokes(t, { fresh: true }), fresh.texts);
    const chips = await page.evaluate((c) => window.bench.chipToggles(c), MILLION_CHIPS);
    // The same presses with the search cleared: every row is then visited, not only the matches.
    await page.evaluate(() => window.bench.keystrokes([""]));
    const chipsUnsearched = await page.evaluate((c) => window.bench.chipToggles(c), MILLION_CHIPS);
    await page.evaluate(() => window.bench.unmount());
    if (errors.length > 0) throw new Error(`page errors: ${errors.join("; ")}`);
    if (load.count !== n) throw new Error(`${n}: the million load shows ${load.count} enrollments`);
    return { n, load, keys, chips, chipsUnsearched };
  } finally {
    await context.close();
    mock.stop();
  }
}

async function measureEnrichedAccount(browser, n) {
  const more = enrichedAccount(n);
  const mock = await startMock(n, more);
  try {
    return {
      account: more,
      cold: phases.includes("cold") ? await measureCold(browser, mock, n) : null,
      enrich: phases.includes("enrich") ? await measureEnrich(browser, mock, n) : null,
    };
  } finally {
    mock.stop();
  }
}

// ---- native figures and the shipped module ----------------------------------------------------

/** Criterion's median for parse/{n} (benches/parse.rs), if `cargo bench` has run. */
function native(n) {
  const dir = join(TARGET, "criterion/parse", String(n), "new");
  if (!existsSync(join(dir, "estimates.json"))) return null;
  const estimates = JSON.parse(readFileSync(join(dir, "estimates.json"), "utf8"));
  const benchmark = JSON.parse(readFileSync(join(dir, "benchmark.json"), "utf8"));
  const bytes = benchmark.throughput?.Bytes;
  return { bytes, mbPerSecond: mbPerSecond(bytes, estimates.median.point_estimate / 1e6) };
}

/** The module `make dist` ships, in KB raw and gzipped (gzip -9, as scripts/dist.sh reports). */
function shippedWasm() {
  const wasm = readFileSync(join(ROOT, "pkg/enrollment_cards_bg.wasm"));
  return { raw: wasm.length / 1024, gzip: execFileSync("gzip", ["-9", "-c"], { input: wasm }).length / 1024 };
}

// ---- report -----------------------------------------------------------------------------------

function log(line) {
  console.error(`bench: ${line}`);
}

const count = (n) => n.toLocaleString("en-US");

/** The warm figures of one size (enrichment off). */
function row(r, size) {
  const wasmMb = r.wasm.map((t) => mbPerSecond(r.bytes, t));
  const baseMb = r.baseline.map((t) => mbPerSecond(r.bytes, t));
  const nat = native(r.n);
  const first = r.paged.map((l) => l.firstCardsMs);
  const heap = median(r.paged.map((l) => l.heapBytesPerEnrollment));
  return {
    r,
    wasmMb: median(wasmMb),
    baseMb: median(baseMb),
    ratio: median(wasmMb) / median(baseMb),
    native: nat,
    nativeRatio: nat ? median(wasmMb) / nat.mbPerSecond : NaN,
    first: median(first),
    keyMedian: median(r.keysSettled),
    keyP95: percentile(r.keysSettled, 95),
    countMedian: median(r.keysCount),
    baseKeyMedian: median(r.baselineKeys),
    keyRatio: median(r.baselineKeys) / median(r.keysSettled),
    heap,
    cells: [
      count(r.n),
      fixed(r.bytes / 1e6, 1),
      spread(wasmMb, 0),
      spread(baseMb, 1),
      `${fixed(median(wasmMb) / median(baseMb), 1)}×`,
      spread(first, 1),
      medianP95(r.keysSettled),
      medianP95(r.freshSettled),
      `${fixed(median(r.baselineKeys), 2)}`,
      String(r.scroll.most),
      fixed(heap, 1),
      fixed(size.gzip, 0),
    ],
    more: [
      count(r.n),
      nat ? fixed(nat.mbPerSecond, 0) : "—",
      nat ? `${fixed(median(wasmMb) / nat.mbPerSecond, 2)}×` : "—",
      medianP95(r.keysCount),
      medianP95(r.freshCount),
      spread(r.paged.map((l) => l.loadMs), 0),
      spread(r.paged.map((l) => l.longestTaskMs), 0),
      spread(r.unpaged.map((l) => l.firstCardsMs), 1),
      spread(r.unpaged.map((l) => l.loadMs), 0),
      spread(r.unpaged.map((l) => l.longestTaskMs), 0),
      fixed(median(r.unpaged.map((l) => l.heapBytesPerEnrollment)), 1),
    ],
  };
}

/** The cold figures of one size: each widget's first cards, from element creation. */
function coldRow(n, cold, enrich) {
  // The first card's time, and its three parts: starting up, page 1 on its way, parse and render.
  const split = (runs) => [
    spread(runs.map((c) => c.firstCardMs), 0),
    spread(runs.map((c) => c.requestMs), 0),
    spread(runs.map((c) => c.receivedMs - c.requestMs), 0),
    spread(runs.map((c) => c.firstCardMs - c.receivedMs), 0),
  ];
  const warm = enrich ? spread(enrich.loads.map((l) => l.firstCardMs), 0) : "—";
  return {
    first: median(cold.wasm.map((c) => c.firstCardMs)),
    idle: median(cold.idle.map((c) => c.firstCardMs)),
    baseline: median(cold.js.map((c) => c.firstCardMs)),
    cells: [
      count(n),
      ...split(cold.wasm),
      ...split(cold.js),
      spread(cold.idle.map((c) => c.firstCardMs), 0),
      warm,
      `${fixed(median(cold.wasm.map((c) => c.moduleMs)), 0)} / ${fixed(median(cold.js.map((c) => c.moduleMs)), 0)}`,
    ],
  };
}

/** The enrichment figures of one size. */
function enrichRow(n, account, e) {
  const loads = e.loads;
  const routes = ["users/v2", "contents", "learners/results", "departments"];
  const requests = loads.map((l) => routes.reduce((sum, r) => sum + l.requests[r], 0));
  const perRoute = routes.map((r) => same(loads.map((l) => l.requests[r]))).join(" / ");
  const done = loads.map((l) => l.statusAt - l.lastPageAt);
  const gone = loads.map((l) => l.resolvingGoneAt - l.lastPageAt);
  const statuses = [...new Set(loads.map((l) => routes.map((r) => l.status[statusKey[r]] ?? "—").join(" / ")))];
  const heap = loads.map((l) => l.heapBytesPerEnrollment);
  const after = (r) => spread(loads.map((l) => l.answeredAt[r] - l.lastPageAt), 0);
  return {
    requests: Math.max(...requests),
    done: median(done),
    doneMax: Math.max(...done),
    heap: median(heap),
    freshMedian: median(e.freshSettled),
    freshP95: percentile(e.freshSettled, 95),
    exportButton: median(e.exported.button),
    complete: loads.every((l) => routes.every((r) => l.status[statusKey[r]] === "complete")),
    cells: [
      `${count(n)} (${count(Number(account[1]))} learners, ${account[3]} courses)`,
      `${perRoute} (${same(requests)})`,
      same(loads.map((l) => l.requests.enrollments)),
      spread(done, 0),
      gone.every(Number.isFinite) ? spread(gone, 0) : "never shown",
      statuses.join("; "),
      spread(heap, 1),
      medianP95(e.freshSettled),
      medianP95(e.keysSettled),
    ],
    more: [
      count(n),
      spread(loads.map((l) => l.firstCardMs), 0),
      spread(loads.map((l) => l.lastPageAt), 0),
      routes.map(after).join(" / "),
      spread(loads.map((l) => l.enrichmentBytes / 1e6), 1),
      ["hex", "surname", "title"]
        .map((kind) => fixed(median(e.freshSettled.filter((_, i) => e.freshKinds[i] === kind)), 2))
        .join(" / "),
      `${fixed(e.heapAfterTyping, 1)} (${fixed(typingGrowth(n, e) / 1024, 1)} KB more per keystroke)`,
      `${e.names.surnames} / ${e.names.words}`,
      `${spread(e.exported.sync, 0)} / ${spread(e.exported.button, 0)}`,
    ],
  };
}

/** Wasm heap growth per keystroke typed into the last enriched widget, bytes. */
const typingGrowth = (n, e) =>
  ((e.heapAfterTyping - e.loads.at(-1).heapBytesPerEnrollment) * n) / (e.freshSettled.length + e.keysTyped);

/** The `enrichment-status` detail's key for each route. */
const statusKey = {
  "users/v2": "users",
  contents: "courses",
  "learners/results": "results",
  departments: "departments",
};

const table = (head, rows) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((c) => `| ${c.join(" | ")} |`)].join(
    "\n",
  );

const met = (ok) => (ok ? "met" : "**missed**");

/** The targets at 100k (and at a million) of the phases that ran. */
function targets(big, size, cold, enrich, million) {
  const lines = [];
  if (million) {
    const m = million;
    const first = m.load.firstCardMs - m.load.firstPageAt;
    const [keys, chips, unsearched] = [m.keys.count, m.chips.count, m.chipsUnsearched.count];
    lines.push(
      [`${count(m.n)}: longest main-thread task while loading`, "≤ 50 ms", `${fixed(m.load.longestTaskMs, 0)} ms`, met(m.load.longestTaskMs <= 50)],
      [`${count(m.n)}: first page received → first card`, "≤ 100 ms", `${fixed(first, 0)} ms`, met(first <= 100)],
      [`${count(m.n)}: wasm heap per enrollment, names and results in`, "≤ 110 B", `${fixed(m.load.heapBytesPerEnrollment, 1)} B`, met(m.load.heapBytesPerEnrollment <= 110)],
      [
        `${count(m.n)}: keystroke → count, median / p95`,
        "≤ 16 / ≤ 32 ms",
        `${fixed(median(keys), 1)} / ${fixed(percentile(keys, 95), 1)} ms`,
        met(median(keys) <= 16 && percentile(keys, 95) <= 32),
      ],
      [
        `${count(m.n)}: chip toggle → count, median: after the keystrokes / search cleared`,
        "≤ 16 ms",
        `${fixed(median(chips), 1)} / ${fixed(median(unsearched), 1)} ms`,
        met(median(chips) <= 16 && median(unsearched) <= 16),
      ],
    );
  }
  if (cold) {
    // Issue #12: element created on a fresh page → first card, 1,000-enrollment first page.
    lines.push([
      "cold: element created → first card painted (fresh context, no warm-up, 1,000 a page), as soon as the module is ready / after 1 s idle",
      "≤ 120 ms",
      `${fixed(cold.first, 0)} / ${fixed(cold.idle, 0)} ms (JS baseline widget ${fixed(cold.baseline, 0)} ms)`,
      met(cold.first <= 120 && cold.idle <= 120),
    ]);
  }
  if (enrich) {
    lines.push(
      [
        "enrichment: requests to /users/v2, /contents, /learners/results, /departments",
        "≤ 250",
        String(enrich.requests),
        met(enrich.requests <= 250),
      ],
      [
        "enrichment: last enrollment page received → every name, title and result resolved",
        "≤ 3 s",
        `${fixed(enrich.done / 1000, 2)} s (slowest run ${fixed(enrich.doneMax / 1000, 2)} s)` +
          (enrich.complete ? "" : ", **not every part complete**"),
        met(enrich.done <= 3000 && enrich.complete),
      ],
      [
        "keystroke, fresh texts, names in the search: median / p95",
        "≤ 6 / ≤ 12 ms",
        `${fixed(enrich.freshMedian, 2)} / ${fixed(enrich.freshP95, 2)} ms`,
        met(enrich.freshMedian <= 6 && enrich.freshP95 <= 12),
      ],
      [
        "wasm heap per enrollment, names and results resolved",
        "≤ 160 B",
        `${fixed(enrich.heap, 1)} B`,
        met(enrich.heap <= 160),
      ],
      [
        "CSV export of every row, names and results in: Export CSV clicked → download",
        "< 1 s",
        `${fixed(enrich.exportButton, 0)} ms`,
        met(enrich.exportButton < 1000),
      ],
    );
  }
  if (big) {
    lines.push(
      ["wasm parse vs the JS baseline", "≥ 10×", `${fixed(big.ratio, 1)}×`, met(big.ratio >= 10)],
      [
        "wasm parse vs the same parser natively",
        "≥ 0.6×",
        Number.isFinite(big.nativeRatio) ? `${fixed(big.nativeRatio, 2)}×` : "—",
        Number.isFinite(big.nativeRatio) ? met(big.nativeRatio >= 0.6) : "not measured",
      ],
      ["first page received → first cards painted", "≤ 100 ms", `${fixed(big.first, 1)} ms`, met(big.first <= 100)],
      [
        "keystroke (typing and deleting) → work done, median / p95",
        "≤ 8 / ≤ 16 ms",
        `${fixed(big.keyMedian, 2)} / ${fixed(big.keyP95, 2)} ms`,
        met(big.keyMedian <= 8 && big.keyP95 <= 16),
      ],
      ["keystroke vs the baseline's filter", "≥ 4×", `${fixed(big.keyRatio, 1)}×`, met(big.keyRatio >= 4)],
      [
        "card elements in the DOM while scrolling",
        "bounded by the viewport",
        `${big.r.scroll.most} (list ${big.r.scroll.viewport.join("×")} px)`,
        met(big.r.scroll.most <= 40),
      ],
      ["wasm heap growth per enrollment, loaded (IDs only)", "≤ 128 B", `${fixed(big.heap, 1)} B`, met(big.heap <= 128)],
    );
  }
  lines.push(["release .wasm, gzipped", "≤ 150 KB", `${fixed(size.gzip, 0)} KB`, met(size.gzip <= 150)]);
  return table(["target (100k enrollments unless it says)", "wanted", "measured", ""], lines);
}

/** The command that reproduces a table (the phase alone), after `scripts/bench.sh` built once. */
function command(phase) {
  const sized = phase === "million" ? (smoke ? " --smoke" : "") : ` --sizes ${sizes.join(",")} --runs ${runs}`;
  const how = `\`node bench/run.mjs --phases ${phase}${sized}\``;
  return `Reproduce: \`make bench\` (everything), or ${how} once \`scripts/bench.sh\` has built the pieces.`;
}

function report(results, size, browserVersion, million) {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const date = new Date().toISOString().slice(0, 10);
  const warm = results.filter((r) => r.warm).map((r) => row(r.warm, size));
  const cold = results.filter((r) => r.cold).map((r) => ({ n: r.n, ...coldRow(r.n, r.cold, r.enrich) }));
  const enrich = results.filter((r) => r.enrich).map((r) => ({ n: r.n, ...enrichRow(r.n, r.account, r.enrich) }));
  const at100k = (rows) => rows.find((r) => (r.r?.n ?? r.n) === 100_000);
  const sections = [
    "# Benchmark results",
    "",
    `\`make bench\` on ${date}: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
      `headless Chromium ${browserVersion}, release build, the mock LMS (seed ${SEED}, a debug build) on the same machine. ` +
      "\"a (b–c)\" is median (min–max); \"a / b\" after keystrokes is median / p95. Pages: `bench/cold.html` (cold), " +
      "`bench/index.html` (warm, enrich); baseline: `bench/baseline.js`.",
    "",
  ];
  if (cold.length > 0) {
    sections.push(
      "## Cold: what a person meets first",
      "",
      `${runs} run(s) per widget and size, taking turns, each in a new browser context (empty HTTP cache, no code ` +
        "cache, nothing run before) that opens `bench/cold.html`, loads the widget's module, then creates the " +
        `element once (paged, page size ${PAGE_SIZE}, attributes as a host sets them) as soon as the module is ` +
        `ready (in the same task): no warm-up; ${COLD_SETTLE_MS / 1000} s of quiet before each. Times from just ` +
        "before `document.createElement`. " +
        "Account: the enrichment one (below); enrichment at its default (all).",
      "",
      table(
        [
          "enrollments",
          "widget: first card ms",
          "= created → first request",
          "+ request → page 1 received",
          "+ received → first card",
          "JS baseline: first card ms",
          "= created → first request",
          "+ request → page 1 received",
          "+ received → first card",
          "widget, created after 1 s idle: first card ms",
          "widget, warm: first card ms",
          "module ready ms (widget / baseline)",
        ],
        cold.map((r) => r.cells),
      ),
      "",
      "- widget: `<enrollment-cards>` of the shipped module (`pkg/`, as `make dist` builds it). First card:",
      "  the frame after the first card element entered the DOM, in three parts (each the median of the runs'",
      "  parts, so they need not add up exactly): created → first request, the widget starting up until its",
      "  `fetch` of page 1; request → page 1 received (resource timing's `responseEnd`), the network and the",
      "  mock; received → first card, parsing and rendering.",
      "- JS baseline: `<baseline-cards>` (bench/baseline.js), a hand-written widget: `fetch`, `DOMParser`, every",
      "  field read, the first screenful of cards rendered.",
      `- widget, created after ${IDLE_BEFORE_CREATION_MS / 1000} s idle: the same, but the element is created once the page`,
      "  has been idle that long after the module was ready (a host that loads the module early); the module",
      "  spends idle time rehearsing a first load on a detached widget (`src/embed/warm_up.rs`).",
      "- widget, warm: the same span for the enrichment runs below (same page after a warm-up, a new element",
      "  each time, the benchmark build).",
      "- module ready: navigation start to the module loaded, compiled and its element defined (not part of",
      "  the first-card times).",
      "",
      command("cold"),
      "",
    );
  }
  if (warm.length > 0) {
    sections.push(
      "## Warm: the enrollments alone",
      "",
      `${runs} run(s) per figure after a warm-up (parsers: ${WARM_UP_MS / 1000} s of untimed runs; loads and the ` +
        `typing-and-deleting sequence: ${warmups} untimed), in one page per size; enrichment off ` +
        "(`enrich: \"none\"`), as these figures have always measured. Account: `mock-lms --enrollments N` (seed " +
        `${SEED}).`,
      "",
      table(
        [
          "enrollments",
          "XML MB",
          "wasm parse MB/s",
          "baseline MB/s",
          "ratio",
          "first cards ms",
          "keystroke ms, typing and deleting",
          "keystroke ms, fresh texts",
          "baseline keystroke ms",
          "DOM cards",
          "bytes/enrollment",
          "wasm KB gz",
        ],
        warm.map((r) => r.cells),
      ),
      "",
      "- wasm parse: the widget's parser on the answer's UTF-8 bytes as its fetch receives them (their",
      "  copy into wasm memory and the UTF-8 check included); baseline: `DOMParser` on the answer's",
      "  string plus every field read into plain objects. Same answer, same page; neither is charged",
      "  for decoding the response.",
      `- first cards: the paged widget (page size ${PAGE_SIZE}), first page's \`responseEnd\` (resource timing) to the`,
      "  frame after the first card entered the DOM.",
      "- keystroke: each text typed into the widget's search field with one input event, timed from it to",
      "  the end of all the work it caused (count, facets, cards; before paint). Typing and deleting:",
      `  ${KEYSTROKES.length} per run, ${TERMS.length} texts typed a character at a time and deleted again (the same`,
      `  every run, so a deleted-back text may be one the widget remembers). Fresh texts: ${FRESH_PER_RUN} per run, 2–3`,
      "  hex characters from a seeded PRNG, each never typed before in the page and extending none of",
      `  the ${SEARCH_HISTORY} typed just before it (the search remembers ${SEARCH_HISTORY}): a search over every row.`,
      "  Baseline keystroke: its filter over the parsed objects for the typing-and-deleting texts.",
      "- DOM cards: most card elements present while scrolling the whole list top to bottom.",
      "- bytes/enrollment: growth of the wasm heap (live allocations) from before mounting to loaded,",
      "  per enrollment, paged load.",
      "",
      "More figures:",
      "",
      table(
        [
          "enrollments",
          "native parse MB/s",
          "wasm / native",
          "keystroke → count text ms (typing, deleting)",
          "keystroke → count text ms (fresh)",
          "paged load ms",
          "longest task ms (paged)",
          "unpaged: first cards ms",
          "unpaged load ms",
          "longest task ms (unpaged)",
          "unpaged bytes/enrollment",
        ],
        warm.map((r) => r.more),
      ),
      "",
      `Wasm heap left behind per mount–load–unmount cycle: ` +
        `${results.filter((r) => r.warm).map((r) => `${Math.max(...r.warm.heapLeft)} B`).join(", ")}` +
        ` (${results.filter((r) => r.warm).map((r) => count(r.n)).join(" / ")} enrollments).`,
      "",
      command("warm"),
      "",
    );
  }
  if (enrich.length > 0) {
    sections.push(
      "## Enrichment: names, titles, results and departments",
      "",
      `The widget as a host uses it: \`<enrollment-cards paged page-size="${PAGE_SIZE}" enrich="all">\`. Account: ` +
        `\`mock-lms --enrollments N --learners N/${ENROLLMENTS_PER_LEARNER} --courses ${COURSES}\` (seed ${SEED}; at 100k: ` +
        `10k learners, ${COURSES} courses). ${runs} load(s) per size after ${warmups} untimed, in one page, each a new ` +
        "element (the page's lookup cache goes with the last widget, so every load resolves from nothing); then " +
        "keystrokes on the last one, with names in the search.",
      "",
      table(
        [
          "enrollments",
          "requests: users / contents / results / departments (total)",
          "enrollment pages",
          "last page → all resolved ms",
          "last page → \"Resolving names\" gone ms",
          "status: users / courses / results / departments",
          "bytes/enrollment",
          "keystroke ms, fresh texts with names",
          "keystroke ms, typing and deleting",
        ],
        enrich.map((r) => r.cells),
      ),
      "",
      "- requests: `fetch` calls of the widget to each related route while it loads and resolves (retries",
      "  would count), from the element's creation to the `enrichment-status` event.",
      "- last page → all resolved: the last enrollment page's `responseEnd` to the `enrichment-status` event",
      "  (every part settled; its detail is the status column). \"Resolving names\" gone: when the summary's",
      "  \"Resolving names… N of M\" line was taken away for the last time (negative: before the last page).",
      "- bytes/enrollment: growth of the wasm heap from before creating the element to after everything",
      "  resolved (names, titles, departments, results, the lookup cache), per enrollment. Below, the same",
      "  once all the keystrokes have been typed into the last widget, and how much it grew per keystroke.",
      `- fresh texts with names: ${FRESH_PER_RUN} per run, half 2–3 hex characters, a quarter 3–4-character fragments`,
      "  of learners' surnames, a quarter of course-title words, as the mock serves them (fetched by the page",
      "  before any widget, not counted), lowercased; each never typed before in the page and extending none",
      `  of the ${SEARCH_HISTORY} before it. Typing and deleting: the warm table's sequence.`,
      "",
      "More figures:",
      "",
      table(
        [
          "enrollments",
          "created → first card ms (warm)",
          "created → last page received ms",
          "last answer after the last page ms: users / contents / results / departments",
          "related answers MB",
          "fresh keystroke median ms: hex / surname / title word",
          "bytes/enrollment after the keystrokes (growth while typing)",
          "surnames / title words served",
          "CSV export ms: exportCsv() / Export CSV clicked → download",
        ],
        enrich.map((r) => r.more),
      ),
      "",
      "- CSV export: the last widget's whole view (search cleared), names, titles, departments and results",
      "  in: `el.exportCsv()` (the text at once) and the button (rows written in batches of 10,000 with the",
      "  browser's turns between, the button showing the progress) until the download link is clicked.",
      "",
      command("enrich"),
      "",
    );
  }
  if (million) {
    const m = million;
    sections.push(
      "## A million enrollments",
      "",
      `\`mock-lms --enrollments ${m.n} --learners ${m.n / ENROLLMENTS_PER_LEARNER} --courses ${MILLION_COURSES}\` ` +
        `(seed ${SEED}): the element as a host uses it (paged, ${PAGE_SIZE} a page, \`enrich="all"\`), loaded once in ` +
        `the benchmark page, then ${MILLION_KEYS} fresh search texts (as in the enrichment table) and ${MILLION_CHIPS} ` +
        "status-chip presses (each chip on, then off, in turn) under the last of those texts, then as many with the " +
        "search cleared (every row visited).",
      "",
      table(
        [
          "enrollments",
          "longest main-thread task ms (created → all resolved)",
          "first page received → first card ms",
          "last page received ms",
          "all names, titles, results in ms",
          "wasm heap B/enrollment, all resolved",
          "keystroke → count ms: median / p95",
          "chip press → count ms: median / p95",
          "chip press, search cleared, ms: median / p95",
        ],
        [
          [
            count(m.n),
            fixed(m.load.longestTaskMs, 0),
            fixed(m.load.firstCardMs - m.load.firstPageAt, 0),
            fixed(m.load.lastPageAt, 0),
            fixed(m.load.statusAt, 0),
            fixed(m.load.heapBytesPerEnrollment, 1),
            medianP95(m.keys.count),
            medianP95(m.chips.count),
            medianP95(m.chipsUnsearched.count),
          ],
        ],
      ),
      "",
      command("million"),
      "",
    );
  }
  sections.push(targets(at100k(warm), size, at100k(cold), at100k(enrich), million), "");
  sections.push(
    `Release \`pkg/enrollment_cards_bg.wasm\`: ${fixed(size.raw, 0)} KB, ${fixed(size.gzip, 0)} KB gzipped (gzip -9).`,
    "",
  );
  return sections.join("\n");
}

// ---- main -------------------------------------------------------------------------------------

/** Where bench/RESULTS.md's hand-maintained section begins (kept when the file is rewritten). */
const HAND_MAINTAINED = "<!-- Hand-maintained from here on.";

/** Every figure is there (the smoke run's whole check), and what must hold holds. */
function check(results) {
  const figures = (n, numbers) => {
    if (!numbers.every((x) => Number.isFinite(x) && x >= 0)) throw new Error(`${n}: a figure is missing`);
  };
  for (const { n, warm: r, cold, enrich } of results) {
    if (cold) {
      figures(n, [...cold.wasm, ...cold.js, ...cold.idle].flatMap((c) => [c.moduleMs, c.requestMs, c.receivedMs, c.firstCardMs]));
    }
    if (enrich) {
      const parts = ["users", "courses", "results", "departments"];
      for (const l of enrich.loads) {
        figures(n, [l.firstCardMs, l.lastPageAt, l.statusAt, l.heapBytesPerEnrollment, ...Object.values(l.requests)]);
        figures(n, Object.values(l.answeredAt));
        if (l.count !== n) throw new Error(`${n}: the enriched load shows ${l.count} enrollments`);
        if (!parts.every((p) => typeof l.status[p] === "string")) {
          throw new Error(`${n}: enrichment-status without every part: ${JSON.stringify(l.status)}`);
        }
      }
      figures(n, [...enrich.freshSettled, ...enrich.keysSettled, enrich.heapAfterTyping]);
      figures(n, [...enrich.exported.sync, ...enrich.exported.button]);
    }
    if (!r) continue;
    const numbers = [...r.wasm, ...r.baseline, ...r.keysSettled, ...r.freshSettled, ...r.baselineKeys];
    for (const l of [...r.paged, ...r.unpaged]) numbers.push(l.firstCardsMs, l.loadMs, l.heapBytesPerEnrollment);
    figures(n, numbers);
    if (!r.counts.every((c) => c === r.n)) throw new Error(`${r.n}: counts differ: ${r.counts}`);
    if (!(r.scroll.most > 0)) throw new Error(`${r.n}: no cards while scrolling`);
    // A leak leaves bytes after every cycle, and a leaked widget (its store, its reactive
    // nodes) is kilobytes at least. One cycle may end with a pool grown once for good (one that
    // keeps the most it ever held, such as the reactive arena, is the likely one), and a few
    // bytes come and go with the allocator's bookkeeping of the browser's late callbacks
    // (seen: 8 and 128 bytes, and -128): none of these is a leak.
    if (r.heapLeft.filter((bytes) => bytes > LEAK_BYTES).length > 1) {
      throw new Error(`${r.n}: mount–unmount cycles left ${r.heapLeft} bytes on the wasm heap`);
    }
    // The unpaged answer's text (~470 B per enrollment) is dropped once parsed: about the heap
    // the paged load keeps.
    const heap = (loads) => median(loads.map((l) => l.heapBytesPerEnrollment));
    if (heap(r.unpaged) > heap(r.paged) + 64) {
      throw new Error(`${r.n}: the unpaged load keeps ${heap(r.unpaged)} B/enrollment, paged ${heap(r.paged)}`);
    }
    const nat = native(r.n);
    if (nat && nat.bytes !== r.bytes) log(`${r.n}: native document is ${nat.bytes} bytes, browser ${r.bytes}`);
  }
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-dev-shm-usage", "--js-flags=--expose-gc", "--no-first-run"],
});
try {
  const results = [];
  for (const n of sizes) {
    // Cold first (a browser with nothing of this size run yet), then the enrichment account's
    // warm runs, then the plain account's.
    const enriched =
      phases.includes("cold") || phases.includes("enrich") ? await measureEnrichedAccount(browser, n) : {};
    const warm = phases.includes("warm") ? await measureWarm(browser, n) : null;
    results.push({ n, warm, account: enriched.account, cold: enriched.cold ?? null, enrich: enriched.enrich ?? null });
  }
  const million = phases.includes("million") ? await measureMillion(browser) : null;
  check(results);
  if (million) {
    const m = million;
    const numbers = [m.load.longestTaskMs, m.load.firstCardMs, m.load.firstPageAt, m.load.statusAt, m.load.heapBytesPerEnrollment];
    if (![...numbers, ...m.keys.count, ...m.chips.count, ...m.chipsUnsearched.count].every((x) => Number.isFinite(x) && x >= 0)) {
      throw new Error("the million phase is missing a figure");
    }
  }
  const text = report(results, shippedWasm(), browser.version(), million);
  console.log(text);
  const all = PHASES.every((p) => phases.includes(p));
  const out = join(ROOT, smoke ? "bench/out/smoke.md" : all ? "bench/RESULTS.md" : "bench/out/partial.md");
  mkdirSync(dirname(out), { recursive: true });
  // RESULTS.md ends with a hand-maintained section (native figures, notes): kept as it is.
  const kept = existsSync(out) ? readFileSync(out, "utf8") : "";
  const marker = kept.indexOf(HAND_MAINTAINED);
  writeFileSync(out, marker >= 0 ? `${text.trimEnd()}\n\n${kept.slice(marker)}` : text);
  log(`wrote ${out}`);
} finally {
  await browser.close();
}
