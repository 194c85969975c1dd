// Where the cold first card's time goes: loads bench/cold.html as bench/ab.mjs does (a fresh
// browser context a run, the element created in the task the module became ready in, the 100k
// account, 1,000 a page), with Chrome tracing on, and prints the main thread's tasks from the
// element's creation to the first card: when each starts, how long it runs, the wasm functions
// it compiles on first call (V8 compiles WebAssembly lazily, one function at a time, on the
// main thread), its layout and paint. Traced runs are a little slower than untraced ones.
//
//   node bench/trace.mjs [--widget wasm|js] [--runs 3] [--latency MS]
//
// Expects pkg/ (make dist) and the mock (cargo build -p mock-lms), as bench/ab.mjs does.
import { chromium } from "../e2e/node_modules/playwright-core/index.mjs";
import { startMock } from "./mock.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const widget = option("--widget", "wasm");
const runs = Number(option("--runs", 3));
const latency = Number(option("--latency", 0));
const CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.wasm", "blink.user_timing"];

/** The trace's tasks on the page's main thread between `t0` and `end` (µs), summed by kind. */
function tasks(events, t0, end) {
  const main = events.find((e) => e.name === "cold:created");
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X");
  const sum = (list, name) => list.filter((e) => e.name === name).reduce((ms, e) => ms + e.dur / 1000, 0);
  return onMain
    .filter((e) => e.name === "RunTask" && e.ts + e.dur >= t0 && e.ts <= end && e.dur >= 1000)
    .sort((a, b) => a.ts - b.ts)
    .map((task) => {
      const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts < task.ts + task.dur);
      const compiled = inside.filter((e) => e.name === "wasm.CompileLazy");
      const kind = inside.find((e) => ["TimerFire", "FireAnimationFrame", "EventDispatch", "FunctionCall"].includes(e.name));
      return {
        startMs: (task.ts - t0) / 1000,
        ms: task.dur / 1000,
        kind: kind?.name ?? "",
        compiled: compiled.length,
        compileMs: sum(compiled, "wasm.CompileLazy"),
        layoutMs: sum(inside, "Layout"),
        paintMs: sum(inside, "Paint"),
      };
    });
}

const { url, stop } = await startMock(["--seed", "42", "--today", "2026-11-26", "--enrollments", "100000", "--learners", "10000", "--courses", "60"]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
const totals = [];
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await browser.startTracing(page, { categories: CATEGORIES });
    await page.goto(`${url}/bench/cold.html?widget=${widget}&page-size=1000&latency=${latency}`);
    await page.waitForFunction(() => window.cold !== undefined, null, { timeout: 30_000 });
    const result = await page.evaluate(async () => await window.cold.result);
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
    await context.close();
    const t0 = traceEvents.find((e) => e.name === "cold:created").ts;
    const list = tasks(traceEvents, t0, t0 + result.firstCardMs * 1000);
    console.log(`run ${run + 1}: first card ${result.firstCardMs.toFixed(0)} ms, first request ${result.requestMs.toFixed(1)} ms, page 1 received ${result.receivedMs.toFixed(1)} ms`);
    for (const t of list) {
      const parts = [`${t.kind}`, t.compiled ? `compiling ${t.compiled} functions ${t.compileMs.toFixed(1)} ms` : "", t.layoutMs >= 0.5 ? `layout ${t.layoutMs.toFixed(1)} ms` : "", t.paintMs >= 0.5 ? `paint ${t.paintMs.toFixed(1)} ms` : ""];
      console.log(`  at ${t.startMs.toFixed(1).padStart(6)} ms: ${t.ms.toFixed(1).padStart(5)} ms  ${parts.filter(Boolean).join(", ")}`);
    }
    const total = (key) => list.reduce((ms, t) => ms + t[key], 0);
    totals.push({ first: result.firstCardMs, compile: total("compileMs"), layout: total("layoutMs"), paint: total("paintMs") });
  }
} finally {
  await browser.close();
  stop();
}
const median = (key) => [...totals.map((t) => t[key])].sort((a, b) => a - b)[Math.floor(totals.length / 2)].toFixed(1);
console.log(`${widget}, medians of ${runs}: first card ${median("first")} ms, compiling ${median("compile")} ms, layout ${median("layout")} ms, paint ${median("paint")} ms`);
