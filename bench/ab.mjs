// Compares two builds of the shipped module on the cold first card (element created at once, as
// in the cold phase of bench/run.mjs), alternating them, with the JavaScript widget as a third:
// single runs of `make bench` vary too much on a shared machine to tell a 5% change apart. Also
// prints each one's created → first request (the widget starting up until its `fetch` of page 1),
// and the median of the two builds' differences paired by round.
//
//   node bench/ab.mjs BEFORE_PKG AFTER_PKG [--rounds 9] [--per-round 3] [--latency MS]
//
// BEFORE_PKG and AFTER_PKG are copies of pkg/ made by `make dist` (scripts/dist.sh) from the two
// builds; each round copies one into pkg/ and times `--per-round` loads, each in a fresh browser
// context, then the other, and the JavaScript widget, the three taking turns at going first
// (use a multiple of three rounds). pkg/ holds AFTER_PKG when it ends. The
// mock LMS serves the 100k enrollment account (10k learners, 60 courses), 1,000 a page, page 1
// held back `--latency` ms (default 0: the local mock answers in a few milliseconds; a real
// service takes tens to hundreds, during which the widget's own startup work is hidden).

import { cpSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "../e2e/node_modules/playwright-core/index.mjs";
import { ROOT, startMock } from "./mock.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const [before, after] = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
if (!before || !after || !existsSync(join(before, "enrollment_cards_bg.wasm")) || !existsSync(join(after, "enrollment_cards_bg.wasm"))) {
  console.error("usage: node bench/ab.mjs BEFORE_PKG AFTER_PKG [--rounds 9] [--per-round 3] [--latency MS] (copies of pkg/ from make dist)");
  process.exit(2);
}
const rounds = option("--rounds", 9);
const perRound = option("--per-round", 3);
const latency = option("--latency", 0);

const { url, stop } = await startMock(["--seed", "42", "--today", "2026-11-26", "--enrollments", "100000", "--learners", "10000", "--courses", "60"]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
const use = (pkg) => {
  rmSync(join(ROOT, "pkg"), { recursive: true, force: true });
  cpSync(pkg, join(ROOT, "pkg"), { recursive: true });
};
const times = { before: [], after: [], js: [] };
/** Created → first request (the widget starting up until its `fetch` of page 1), per build. */
const requests = { before: [], after: [], js: [] };
try {
  const batches = [["before", before], ["after", after], ["js", null]];
  for (let round = 0; round < rounds; round++) {
    // Each takes each place in turn: a batch's place in the round biases it (the second build
    // of a round measured 30-50 ms slower than the first, whichever it was).
    const turn = batches.map((_, i) => batches[(i + round) % batches.length]);
    for (const [name, pkg] of turn) {
      if (pkg) use(pkg);
      for (let i = 0; i < perRound; i++) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
        const page = await context.newPage();
        await page.goto(`${url}/bench/cold.html?widget=${pkg ? "wasm" : "js"}&page-size=1000&latency=${latency}`);
        await page.waitForFunction(() => window.cold !== undefined, null, { timeout: 30_000 });
        const result = await page.evaluate(async () => await window.cold.result);
        times[name].push(result.firstCardMs);
        requests[name].push(result.requestMs);
        await context.close();
      }
    }
  }
} finally {
  use(after);
  await browser.close();
  stop();
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
for (const [name, list] of Object.entries(times)) {
  console.log(
    `${name}: first card median ${median(list).toFixed(0)} ms over ${list.length} (${list.map((t) => t.toFixed(0)).join(" ")}); ` +
      `created → first request median ${median(requests[name]).toFixed(1)} ms`,
  );
}
// The two builds' loads of one round are minutes apart at most, so the machine's mood changes
// less between them than across the whole comparison: the median of their differences is the
// steadier figure (10 ms changes need 36 rounds or more on a shared machine).
const paired = times.after.map((t, i) => t - times.before[i]);
console.log(
  `after − before, paired by round: median ${median(paired).toFixed(1)} ms, ` +
    `after quicker in ${paired.filter((d) => d < 0).length} of ${paired.length}`,
);
