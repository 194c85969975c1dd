// End-to-end tests of the built library (pkg/) in Debian's Chromium, driven by playwright-core.
// `make test` builds pkg/, starts the mock LMS serving the repository's files and the API on one
// origin, and passes its URL as MOCK_LMS_URL.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const BASE = process.env.MOCK_LMS_URL ?? "http://127.0.0.1:18081";
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const TOKENS = ["demo-token", "stale-token", "restricted-token"];

let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
});

after(async () => {
  await browser?.close();
});

/** A page that records request URLs and console messages. */
async function openPage(path = "/examples/host.html") {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const seen = { urls: [], console: [] };
  page.on("request", (request) => seen.urls.push(request.url()));
  page.on("console", (message) => seen.console.push(message.text()));
  page.on("pageerror", (error) => seen.console.push(String(error)));
  await page.goto(BASE + path);
  return { page, seen };
}

/** A blank page on the same origin with the library loaded (the element registered). */
async function blankPage() {
  const opened = await openPage("/examples/blank.html");
  await opened.page.waitForFunction(() => window.ready === true);
  return opened;
}

function assertNoTokenLeak(seen) {
  for (const token of TOKENS) {
    for (const url of seen.urls) {
      assert.ok(!url.includes(token), `token in a request URL: ${url}`);
    }
    for (const line of seen.console) {
      assert.ok(!line.includes(token), `token in a console message: ${line}`);
    }
  }
}

test("cards appear in both widgets and loaded events fire with their detail", async () => {
  const { page, seen } = await openPage();
  await page.locator("#full article[data-enrollment-id]").first().waitFor();
  await page.locator("#compact article[data-enrollment-id]").first().waitFor();
  await page.waitForFunction(() => window.events.filter((e) => e.name === "enrollments-loaded").length === 2);
  const loaded = await page.evaluate(() => window.events.filter((e) => e.name === "enrollments-loaded"));
  const full = loaded.find((e) => e.source === "full");
  assert.deepEqual(full.detail, { count: 300, pages: 3 });
  const compact = loaded.find((e) => e.source === "compact");
  assert.ok(compact.detail.count > 0 && compact.detail.count < 300, JSON.stringify(compact.detail));
  assert.equal(compact.detail.pages, 1);
  await assert.doesNotReject(page.locator("#full [data-ec=count]").filter({ hasText: "300 of 300 enrollments" }).waitFor());
  assert.equal(await page.locator("#compact .ec-filters").count(), 0, "filters=none hides the filter bar");
  assertNoTokenLeak(seen);
  await page.close();
});

test("host CSS does not reach inside, --ec-* properties do", async () => {
  const { page } = await openPage();
  const card = page.locator("#full article[data-enrollment-id]").first();
  await card.waitFor();
  await page.addStyleTag({ content: "* { display: none } enrollment-cards { display: block }" });
  const inside = await card.evaluate((el) => {
    const style = getComputedStyle(el);
    return { color: style.color, display: style.display };
  });
  assert.notEqual(inside.color, "rgb(255, 0, 0)", "article { color: red } stays outside");
  assert.notEqual(inside.display, "none", "* { display: none } stays outside");
  const radius = await page
    .locator("#compact article[data-enrollment-id]")
    .first()
    .evaluate((el) => getComputedStyle(el).borderTopLeftRadius);
  assert.equal(radius, "2px", "--ec-radius themes the widget from outside");
  await page.close();
});

test("filters-change and enrollment-select carry their detail; filters round-trip", async () => {
  const { page } = await openPage();
  const full = page.locator("#full");
  await full.locator("article[data-enrollment-id]").first().waitFor();
  await full.locator("[data-ec=status-chip][data-value=Overdue]").click();
  await page.waitForFunction(() => window.events.some((e) => e.name === "filters-change"));
  const change = await page.evaluate(() => window.events.findLast((e) => e.name === "filters-change"));
  assert.equal(change.source, "full");
  assert.deepEqual(change.detail.statuses, ["overdue"]);
  assert.deepEqual(change.detail.sort, { key: "loaded", descending: false });

  const saved = await page.evaluate(() => JSON.stringify(document.getElementById("full").filters));
  assert.deepEqual(JSON.parse(saved).statuses, ["overdue"]);
  await page.evaluate(() => {
    document.getElementById("full").filters = { statuses: ["locked"], text: "" };
  });
  await full.locator("[data-ec=status-chip][data-value=Locked][aria-pressed=true]").waitFor();

  const card = full.locator("article[data-enrollment-id]").first();
  const ids = await card.evaluate((el) => el.dataset.enrollmentId);
  await card.click();
  await page.waitForFunction(() => window.events.some((e) => e.name === "enrollment-select"));
  const select = await page.evaluate(() => window.events.find((e) => e.name === "enrollment-select"));
  assert.equal(select.detail.enrollmentId, ids);
  assert.match(select.detail.courseId, /^[0-9a-f-]{36}$/);
  assert.match(select.detail.learnerId, /^[0-9a-f-]{36}$/);
  await page.close();
});

test("a 401 calls tokenProvider once more and succeeds with the fresh token", async () => {
  const { page, seen } = await blankPage();
  const result = await page.evaluate(async () => {
    const tokens = ["stale-token", "demo-token"];
    let calls = 0;
    const el = document.createElement("enrollment-cards");
    el.setAttribute("endpoint", "/lms-api");
    el.tokenProvider = async () => tokens[calls++];
    const loaded = new Promise((resolve) => el.addEventListener("enrollments-loaded", (e) => resolve(e.detail)));
    document.body.append(el);
    const detail = await loaded;
    return { calls, detail, reflected: el.hasAttribute("token") };
  });
  assert.equal(result.calls, 2, "on start, then once after the 401");
  assert.equal(result.detail.count, 300);
  assert.equal(result.reflected, false);
  assertNoTokenLeak(seen);
  await page.close();
});

test("a 403 shows the permission message and fires enrollments-error", async () => {
  const { page, seen } = await blankPage();
  const detail = await page.evaluate(async () => {
    const el = document.createElement("enrollment-cards");
    el.setAttribute("endpoint", "/lms-api");
    el.token = "restricted-token";
    const failed = new Promise((resolve) => el.addEventListener("enrollments-error", (e) => resolve(e.detail)));
    document.body.append(el);
    return failed;
  });
  assert.equal(detail.status, 403);
  assert.match(detail.message, /Your role cannot list enrollments/);
  const panel = page.locator("enrollment-cards [data-ec=error]");
  await panel.waitFor();
  assert.match(await panel.textContent(), /HTTP 403/);
  assertNoTokenLeak(seen);
  await page.close();
});

test("changing course-ids re-queries with the new filter", async () => {
  const { page, seen } = await blankPage();
  await page.evaluate(() => {
    const el = document.createElement("enrollment-cards");
    el.id = "w";
    el.setAttribute("endpoint", "/lms-api");
    el.token = "demo-token";
    document.body.append(el);
  });
  const count = page.locator("#w [data-ec=count]");
  await count.filter({ hasText: "300 of 300" }).waitFor();
  const course = await page.evaluate(async () => {
    const answer = await fetch("/lms-api/contents", { headers: { Authorization: "demo-token" } });
    const xml = new DOMParser().parseFromString(await answer.text(), "application/xml");
    return xml.querySelector("contentItemId").textContent;
  });
  await page.evaluate((id) => document.getElementById("w").setAttribute("course-ids", id), course);
  // The widget reloads: wait for the new answer, not the empty store in between.
  await page.waitForFunction(() => {
    const root = document.querySelector("#w").shadowRoot;
    const total = root.querySelector("[data-ec=count]")?.dataset.total;
    return total !== undefined && !["0", "300"].includes(total) && !root.querySelector("[data-ec=progress]");
  });
  const total = Number(await count.getAttribute("data-total"));
  assert.ok(total > 0 && total < 300, `total ${total}`);
  assert.ok(
    seen.urls.some((u) => u.includes("courseIds%5B%5D=" + course)),
    "the new request carries courseIds[]",
  );
  assertNoTokenLeak(seen);
  await page.close();
});

test("unmount leaves no elements or listeners behind, 100 times over", async () => {
  const { page } = await blankPage();
  const cdp = await page.context().newCDPSession(page);
  async function listenerCount() {
    let total = 0;
    for (const expression of ["window", "document"]) {
      const { result } = await cdp.send("Runtime.evaluate", { expression });
      const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
      total += listeners.length;
    }
    return total;
  }
  const cycle = () =>
    page.evaluate(async () => {
      const host = document.createElement("div");
      document.body.append(host);
      const handle = window.lib.mount(host, { endpoint: "/lms-api", token: "demo-token" });
      await new Promise((resolve) => host.addEventListener("enrollments-loaded", resolve, { once: true }));
      handle.unmount();
      handle.free();
      const left = host.shadowRoot.childNodes.length;
      host.remove();
      return left;
    });
  assert.equal(await cycle(), 0);
  const before = await listenerCount();
  for (let i = 0; i < 100; i++) {
    assert.equal(await cycle(), 0, "the shadow root is empty after unmount");
  }
  assert.equal(await listenerCount(), before, "no listeners left on window or document");
  await page.close();
});

test("keyboard: Tab reaches the filters and the cards, Enter selects a card", async () => {
  const { page } = await openPage();
  await page.locator("#full article[data-enrollment-id]").first().waitFor();
  const focused = () =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return { tag: el?.tagName, ec: el?.dataset?.ec ?? null, id: el?.dataset?.enrollmentId ?? null };
    });
  await page.keyboard.press("Tab");
  assert.equal((await focused()).ec, "search", "the search box is the first Tab stop");
  let card = null;
  for (let i = 0; i < 40 && !card; i++) {
    await page.keyboard.press("Tab");
    const now = await focused();
    if (now.id) card = now;
  }
  assert.ok(card, "Tab reaches a card");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => window.events.some((e) => e.name === "enrollment-select"));
  const select = await page.evaluate(() => window.events.find((e) => e.name === "enrollment-select"));
  assert.equal(select.detail.enrollmentId, card.id);
  await page.close();
});
