// Retakes docs/demo.png: the `make demo` page (examples/demo.html) against the mock LMS, once
// names, titles and progress have arrived, in headless Chromium at 1280×900.
//
//   scripts/dist.sh
//   scripts/with-mock.sh --seed 1 --enrollments 300 --today 2026-11-26 --static . -- node docs/screenshot.mjs

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "../e2e/node_modules/playwright-core/index.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BASE = process.env.MOCK_LMS_URL ?? "http://127.0.0.1:18081";

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
  // Listening before the page's script runs, so the event is not missed.
  await page.addInitScript(() => {
    window.enriched = false;
    document.addEventListener("enrichment-status", () => (window.enriched = true));
  });
  await page.goto(`${BASE}/examples/demo.html`);
  await page.waitForFunction(() => window.enriched, null, { timeout: 30_000 });
  await page.waitForTimeout(300); // the last names painted
  await page.screenshot({ path: join(ROOT, "docs/demo.png") });
  console.log("docs/demo.png written");
} finally {
  await browser.close();
}
