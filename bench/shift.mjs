// How far the cards move after they first show: the top of the card window when the first card
// is painted, and again once the widget has settled (`enrollments-loaded` and
// `enrichment-status` received: every page in, names, results and departments resolved), for a
// range of widths. The page is bench/cold.html (the shipped module,
// pkg/, from `make dist`), the account the cold phase's (100k enrollments, 1,000 a page).
//
//   node bench/shift.mjs [--widths 700,1000,1400,1920] [--settle-ms 200]
//
// Prints, per width: the filter bar's and the count's heights and the cards' top at the first
// card, the same once settled, and the difference (what a person sees the cards jump by).

import { chromium } from "../e2e/node_modules/playwright-core/index.mjs";
import { startMock } from "./mock.mjs";

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const widths = option("--widths", "600,700,800,900,1000,1100,1200,1300,1400,1600,1920").split(",").map(Number);
/** Waited after the last page and the enrichment settled (the last counts and names drawn). */
const settleMs = Number(option("--settle-ms", 200));

const { url, stop } = await startMock(["--seed", "42", "--today", "2026-11-26", "--enrollments", "100000", "--learners", "10000", "--courses", "60"]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
try {
  for (const width of widths) {
    const page = await browser.newPage({ viewport: { width, height: 1000 } });
    // The widget's events bubble out of its shadow root: settled once both have come.
    await page.addInitScript(() => {
      window.settled = { loaded: false, enriched: false };
      document.addEventListener("enrollments-loaded", () => (window.settled.loaded = true));
      document.addEventListener("enrichment-status", () => (window.settled.enriched = true));
    });
    await page.goto(`${url}/bench/cold.html?widget=wasm&page-size=1000`);
    await page.evaluate(() => window.cold.result);
    const layout = () =>
      page.evaluate(() => {
        const root = document.querySelector("enrollment-cards").shadowRoot;
        const box = (selector) => root.querySelector(selector)?.getBoundingClientRect();
        return {
          filters: Math.round(box(".ec-filters")?.height ?? 0),
          count: Math.round(box(".ec-summary")?.height ?? 0),
          cards: Math.round(box(".ec-window").top),
        };
      });
    const first = await layout();
    await page.waitForFunction(() => window.settled.loaded && window.settled.enriched, null, { timeout: 60_000 });
    await page.waitForTimeout(settleMs);
    const settled = await layout();
    const shown = (l) => `filters ${l.filters} px, count ${l.count} px, cards at ${l.cards} px`;
    console.log(`${width} px: first card: ${shown(first)}; settled: ${shown(settled)}; cards moved ${settled.cards - first.cards} px`);
    await page.close();
  }
} finally {
  await browser.close();
  stop();
}
