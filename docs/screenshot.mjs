// Retakes the README's screenshots (`make screenshots`): the widget against the mock LMS in
// headless Chromium (playwright-core, /usr/bin/chromium) at 1280×900, once what each shot shows
// has arrived:
//
//   docs/screenshot-default.png   examples/demo.html (the `make demo` page), names and titles in
//   docs/screenshot-dark.png      the same page, prefers-color-scheme: dark, the host page dark too
//   docs/screenshot-compact.png   docs/screenshots.html?density=compact
//   docs/screenshot-russian.png   docs/screenshots.html?locale=ru (course titles in Russian too)
//   docs/screenshot-error.png     docs/screenshots.html with an endpoint the mock answers 403
//
//   scripts/dist.sh
//   scripts/with-mock.sh --seed 1 --enrollments 300 --today 2026-11-26 --static . -- node docs/screenshot.mjs
//
// `node docs/screenshot.mjs russian error` retakes only those.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "../e2e/node_modules/playwright-core/index.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BASE = process.env.MOCK_LMS_URL;
if (!BASE) {
  console.error("MOCK_LMS_URL is not set: run this through scripts/with-mock.sh (see its first lines)");
  process.exit(2);
}

const TODAY = new Date("2026-11-26T12:00:00Z");

// The host page's background for the dark shot (examples/demo.html only has a light one).
const DARK_HOST = `
  body { background: #0f1115; color: #e6e8ec; }
  .demo-header p { color: #a9afba; }
`;

const SHOTS = [
  { name: "default", path: "/examples/demo.html", until: "enrichment-status" },
  { name: "dark", path: "/examples/demo.html", until: "enrichment-status", dark: true },
  { name: "compact", path: "/docs/screenshots.html?density=compact", until: "enrichment-status" },
  { name: "russian", path: "/docs/screenshots.html?locale=ru", until: "enrichment-status" },
  {
    name: "error",
    path: `/docs/screenshots.html?endpoint=${encodeURIComponent("/lms-api/_fault/status=403")}`,
    until: "enrollments-error",
  },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !SHOTS.some((s) => s.name === w));
if (unknown.length > 0) {
  console.error(`unknown shot(s): ${unknown.join(", ")}; known: ${SHOTS.map((s) => s.name).join(", ")}`);
  process.exit(2);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
try {
  for (const shot of SHOTS.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "en-US",
      timezoneId: "UTC",
      colorScheme: "light",
    });
    try {
      const page = await context.newPage();
      // The browser's day is the mock's (--today 2026-11-26), so the statuses and hints are the
      // same whenever the pictures are retaken; timers keep running.
      await page.clock.setFixedTime(TODAY);
      const problems = [];
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      // Listening before the page's script runs, so the event is not missed.
      await page.addInitScript((event) => {
        window.shotReady = false;
        document.addEventListener(event, () => (window.shotReady = true));
      }, shot.until);
      if (shot.dark) {
        await page.emulateMedia({ colorScheme: "dark" });
      }
      await page.goto(`${BASE}${shot.path}`);
      if (shot.dark) {
        await page.addStyleTag({ content: DARK_HOST });
      }
      await page.waitForFunction(() => window.shotReady, null, { timeout: 30_000 });
      // No focus ring or caret in the picture; the last names painted.
      await page.evaluate(() => document.activeElement?.blur?.());
      await page.waitForTimeout(400);
      const file = join("docs", `screenshot-${shot.name}.png`);
      await page.screenshot({ path: join(ROOT, file) });
      if (problems.length > 0) {
        throw new Error(`${shot.name}: ${problems.join("; ")}`);
      }
      console.log(`${file} written`);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
}
