// `make bench`: drives bench/index.html in headless Chromium (playwright-core, Debian's
// /usr/bin/chromium) over generated answers of 1k, 10k and 100k enrollments, each served by the
// mock LMS, and writes bench/RESULTS.md. `--smoke` (inside `make test`): 1k, one run, checks that
// every figure is produced, asserts no target, writes bench/out/smoke.md.
//
//   node bench/run.mjs [--smoke] [--sizes 1000,10000] [--runs 5]
//
// Expects scripts/bench.sh to have built pkg/, bench/out/pkg/, the mock and (full run) the native
// Criterion results in target/criterion/parse/.

import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
// The end-to-end tests' pinned playwright-core (e2e/package.json): one install serves both.
import { chromium } from "../e2e/node_modules/playwright-core/index.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const TODAY = "2026-11-26";
const SEED = 42; // benches/parse.rs generates the same documents natively.
const PAGE_SIZE = 1000;
// Each term typed one character at a time and deleted again: 6 keystrokes, every one a search.
const TERMS = ["4a7", "b7c", "e1d", "0f5", "9c2"];
const KEYSTROKES = TERMS.flatMap((t) => [1, 2, 3, 2, 1, 0].map((n) => t.slice(0, n)));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const smoke = args.includes("--smoke");
const sizes = option("--sizes", smoke ? "1000" : "1000,10000,100000").split(",").map(Number);
const runs = Number(option("--runs", smoke ? 1 : 5));
const warmups = smoke ? 0 : 1;
/** Untimed parsing before the timed runs (at least one run), in milliseconds. */
const WARM_UP_MS = smoke ? 0 : 1000;

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

// ---- the mock LMS -----------------------------------------------------------------------------

/** Starts the mock with `n` enrollments on a free port, serving the repository's files. */
function startMock(n) {
  const mock = spawn(
    join(ROOT, "target/debug/mock-lms"),
    ["--port", "0", "--seed", String(SEED), "--today", TODAY, "--enrollments", String(n), "--static", ROOT],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let log = "";
    const read = (chunk) => {
      log += chunk;
      const url = log.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (url) resolve({ url: url[0], stop: () => mock.kill() });
    };
    mock.stdout.on("data", read);
    mock.stderr.on("data", read);
    mock.on("exit", (code) => reject(new Error(`mock-lms exited (${code}): ${log}`)));
  });
}

// ---- one size ---------------------------------------------------------------------------------

async function measure(browser, n) {
  const mock = await startMock(n);
  // A context of its own per size: nothing (code cache, renderer, heap) carries over.
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.setDefaultTimeout(300_000);
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

// ---- native figures and the shipped module ----------------------------------------------------

/** Criterion's median for parse/{n} (benches/parse.rs), if `cargo bench` has run. */
function native(n) {
  const dir = join(ROOT, "target/criterion/parse", String(n), "new");
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
      r.n.toLocaleString("en-US"),
      fixed(r.bytes / 1e6, 1),
      spread(wasmMb, 0),
      spread(baseMb, 1),
      `${fixed(median(wasmMb) / median(baseMb), 1)}×`,
      spread(first, 1),
      `${fixed(median(r.keysSettled), 2)} / ${fixed(percentile(r.keysSettled, 95), 2)}`,
      `${fixed(median(r.baselineKeys), 2)}`,
      String(r.scroll.most),
      fixed(heap, 1),
      fixed(size.gzip, 0),
    ],
    more: [
      r.n.toLocaleString("en-US"),
      nat ? fixed(nat.mbPerSecond, 0) : "—",
      nat ? `${fixed(median(wasmMb) / nat.mbPerSecond, 2)}×` : "—",
      `${fixed(median(r.keysCount), 2)} / ${fixed(percentile(r.keysCount, 95), 2)}`,
      spread(r.paged.map((l) => l.loadMs), 0),
      spread(r.paged.map((l) => l.longestTaskMs), 0),
      spread(r.unpaged.map((l) => l.firstCardsMs), 1),
      spread(r.unpaged.map((l) => l.loadMs), 0),
      spread(r.unpaged.map((l) => l.longestTaskMs), 0),
      fixed(median(r.unpaged.map((l) => l.heapBytesPerEnrollment)), 1),
    ],
  };
}

const table = (head, rows) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((c) => `| ${c.join(" | ")} |`)].join(
    "\n",
  );

function targets(big, size) {
  const check = (ok) => (ok ? "met" : "**missed**");
  const lines = [
    ["wasm parse vs the JS baseline", "≥ 10×", `${fixed(big.ratio, 1)}×`, check(big.ratio >= 10)],
    [
      "wasm parse vs the same parser natively",
      "≥ 0.6×",
      Number.isFinite(big.nativeRatio) ? `${fixed(big.nativeRatio, 2)}×` : "—",
      Number.isFinite(big.nativeRatio) ? check(big.nativeRatio >= 0.6) : "not measured",
    ],
    ["first page received → first cards painted", "≤ 100 ms", `${fixed(big.first, 1)} ms`, check(big.first <= 100)],
    [
      "keystroke → count updated, median / p95",
      "≤ 8 / ≤ 16 ms",
      `${fixed(big.keyMedian, 2)} / ${fixed(big.keyP95, 2)} ms`,
      check(big.keyMedian <= 8 && big.keyP95 <= 16),
    ],
    ["keystroke vs the baseline's filter", "≥ 4×", `${fixed(big.keyRatio, 1)}×`, check(big.keyRatio >= 4)],
    [
      "card elements in the DOM while scrolling",
      "bounded by the viewport",
      `${big.r.scroll.most} (list ${big.r.scroll.viewport.join("×")} px)`,
      check(big.r.scroll.most <= 40),
    ],
    ["wasm heap growth per enrollment, loaded", "≤ 128 B", `${fixed(big.heap, 1)} B`, check(big.heap <= 128)],
    ["release .wasm, gzipped", "≤ 150 KB", `${fixed(size.gzip, 0)} KB`, check(size.gzip <= 150)],
  ];
  return table(["target (100k enrollments)", "wanted", "measured", ""], lines);
}

function report(results, size, browserVersion) {
  const rows = results.map((r) => row(r, size));
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const date = new Date().toISOString().slice(0, 10);
  const big = rows.find((r) => r.r.n === 100_000);
  return [
    "# Benchmark results",
    "",
    `\`make bench\` on ${date}: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
      `headless Chromium ${browserVersion}, release build. ${runs} run(s) per figure after a warm-up (parsers: ${WARM_UP_MS / 1000} s of untimed runs; ` +
      `loads and keystroke sequences: ${warmups} untimed); ` +
      "\"a (b–c)\" is median (min–max). Page: `bench/index.html`; baseline: `bench/baseline.js`.",
    "",
    table(
      [
        "enrollments",
        "XML MB",
        "wasm parse MB/s",
        "baseline MB/s",
        "ratio",
        "first cards ms",
        "keystroke ms median / p95",
        "baseline keystroke ms",
        "DOM cards",
        "bytes/enrollment",
        "wasm KB gz",
      ],
      rows.map((r) => r.cells),
    ),
    "",
    "- wasm parse: the widget's parser on the answer's UTF-8 bytes as its fetch receives them (their",
    "  copy into wasm memory and the UTF-8 check included); baseline: `DOMParser` on the answer's",
    "  string plus every field read into plain objects. Same answer, same page; neither is charged",
    "  for decoding the response.",
    `- first cards: the paged widget (page size ${PAGE_SIZE}), first page's \`responseEnd\` (resource timing) to the`,
    "  frame after the first card entered the DOM.",
    `- keystroke: ${KEYSTROKES.length} keystrokes per run typed into the widget's search field, each timed`,
    "  from the input event to the end of all the work it caused (count, facets, cards; before paint).",
    "  Baseline keystroke: its filter over the parsed objects for the same texts.",
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
        "keystroke → count text ms",
        "paged load ms",
        "longest task ms (paged)",
        "unpaged: first cards ms",
        "unpaged load ms",
        "longest task ms (unpaged)",
        "unpaged bytes/enrollment",
      ],
      rows.map((r) => r.more),
    ),
    "",
    `Release \`pkg/enrollment_cards_bg.wasm\`: ${fixed(size.raw, 0)} KB, ${fixed(size.gzip, 0)} KB gzipped (gzip -9).`,
    "",
    `Wasm heap left behind per mount–load–unmount cycle: ${results.map((r) => `${Math.max(...r.heapLeft)} B`).join(", ")}` +
      ` (${results.map((r) => r.n.toLocaleString("en-US")).join(" / ")} enrollments).`,
    "",
    big ? targets(big, size) : "",
    "",
  ].join("\n");
}

// ---- main -------------------------------------------------------------------------------------

function check(results) {
  for (const r of results) {
    const numbers = [...r.wasm, ...r.baseline, ...r.keysSettled, ...r.baselineKeys];
    for (const l of [...r.paged, ...r.unpaged]) numbers.push(l.firstCardsMs, l.loadMs, l.heapBytesPerEnrollment);
    if (!numbers.every((x) => Number.isFinite(x) && x >= 0)) throw new Error(`${r.n}: a figure is missing`);
    if (!r.counts.every((c) => c === r.n)) throw new Error(`${r.n}: counts differ: ${r.counts}`);
    if (!(r.scroll.most > 0)) throw new Error(`${r.n}: no cards while scrolling`);
    if (r.heapLeft.some((bytes) => bytes !== 0)) {
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
  for (const n of sizes) results.push(await measure(browser, n));
  check(results);
  const text = report(results, shippedWasm(), browser.version());
  console.log(text);
  const out = smoke ? join(ROOT, "bench/out/smoke.md") : join(ROOT, "bench/RESULTS.md");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  log(`wrote ${out}`);
} finally {
  await browser.close();
}
