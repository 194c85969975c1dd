// Retakes docs/demo.png: the demo page's widget against the mock LMS, once names, titles and
// progress have arrived, in headless Chromium at 1280×900.
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
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${BASE}/examples/blank.html`);
  await page.waitForFunction(() => window.ready === true);
  // The same header, styles and element as index.html (the trunk demo).
  await page.evaluate(() => {
    document.head.insertAdjacentHTML(
      "beforeend",
      `<style>
        body { margin: 0; font-family: system-ui, sans-serif; background: #f4f5f7; }
        .demo-header { padding: 16px 24px; }
        .demo-header h1 { margin: 0; font-size: 1.25rem; }
        .demo-header p { margin: 4px 0 0; color: #555; }
        enrollment-cards { margin: 0 24px 24px; }
      </style>`,
    );
    document.body.insertAdjacentHTML(
      "afterbegin",
      `<header class="demo-header"><h1>enrollment-cards</h1>
        <p>Demo against the bundled mock LMS (served under <code>/lms-api</code> on this origin).</p></header>`,
    );
    window.enriched = false;
    document.addEventListener("enrichment-status", () => (window.enriched = true));
    const widget = document.createElement("enrollment-cards");
    Object.assign(widget, { token: "demo-token" });
    for (const [name, value] of Object.entries({ endpoint: "/lms-api", paged: "", "page-size": "100", locale: "en-US" })) {
      widget.setAttribute(name, value);
    }
    document.body.append(widget);
  });
  await page.waitForFunction(() => window.enriched, null, { timeout: 30_000 });
  await page.waitForTimeout(300); // the last names painted
  await page.screenshot({ path: join(ROOT, "docs/demo.png") });
  console.log("docs/demo.png written");
} finally {
  await browser.close();
}
