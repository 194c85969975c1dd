// The learner picker at a million enrollments (100k learners, 200 courses, every name loaded):
// opening it, and a search typed into it, each timed from the change to the frame that shows the
// list, six times.
//
//   node bench/picker.mjs [--enrollments 1000000]
//
// Expects scripts/bench.sh to have built bench/out/pkg/ and the mock (the page is bench/index.html,
// loaded as the million phase of bench/run.mjs loads it).

import { join } from "node:path";
import { chromium } from "../e2e/node_modules/playwright-core/index.mjs";
import { startMock } from "./mock.mjs";

const at = process.argv.indexOf("--enrollments");
const n = at >= 0 ? Number(process.argv[at + 1]) : 1_000_000;

const { url, stop } = await startMock(["--seed", "42", "--today", "2026-11-26", "--enrollments", String(n), "--learners", String(n / 10), "--courses", "200"]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(900_000);
  await page.goto(`${url}/bench/index.html`);
  await page.waitForFunction(() => window.bench !== undefined);
  await page.evaluate(() => window.bench.ready());
  const load = await page.evaluate(() => window.bench.loadMillion({ pageSize: 1000 }));
  if (load.count !== n) throw new Error(`loaded ${load.count} enrollments, not ${n}`);
  const times = await page.evaluate(async () => {
    const host = [...document.querySelectorAll("*")].find((e) => e.shadowRoot?.querySelector("[data-ec=learner-picker]"));
    const picker = host.shadowRoot.querySelector("[data-ec=learner-picker]");
    // The panel (search field, options) is built while the picker is open.
    const input = () => picker.querySelector("input[type=search]");
    const frame = () =>
      new Promise((done) =>
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => done();
          channel.port2.postMessage(0);
        }),
      );
    const timed = async (act) => {
      await frame();
      const t0 = performance.now();
      act();
      await frame();
      return performance.now() - t0;
    };
    const type = (text) => {
      input().value = text;
      input().dispatchEvent(new Event("input", { bubbles: true }));
    };
    const out = { opened: [], searched: [], listed: [] };
    for (const text of ["an", "ma", "el", "ri", "ol", "in"]) {
      out.opened.push(await timed(() => (picker.open = true)));
      out.listed.push(picker.querySelectorAll("li").length);
      out.searched.push(await timed(() => type(text)));
      type("");
      await frame();
      picker.open = false;
      await frame();
    }
    return out;
  });
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)].toFixed(1);
  console.log(`${n} enrollments: learner picker opened ${median(times.opened)} ms, searched ${median(times.searched)} ms (medians of 6; ${times.listed[0]} options listed)`);
  console.log(JSON.stringify(times));
} finally {
  await browser.close();
  stop();
}
