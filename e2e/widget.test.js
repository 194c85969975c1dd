// End-to-end tests of the built library (pkg/) in Debian's Chromium and Firefox ESR, driven by
// puppeteer-core (see browsers.js; E2E_BROWSER=chromium|firefox runs one). `make test` builds
// pkg/, starts the mock LMS serving the repository's files and the API on one origin, and passes
// its URL as MOCK_LMS_URL.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { BROWSERS, click, listenerCounts, shadowCount, type, useBrowser, waitForShadow, waitUntil } from "./browsers.js";

const TOKENS = ["demo-token", "stale-token", "restricted-token"];

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

for (const name of BROWSERS) {
  describe(name, () => {
    const session = useBrowser(name);

    test("cards appear in both widgets and loaded events fire with their detail", async () => {
      const { page, seen } = await session.open("/examples/host.html");
      await waitForShadow(page, "#full", "article[data-enrollment-id]");
      await waitForShadow(page, "#compact", "article[data-enrollment-id]");
      await page.waitForFunction(() => window.events.filter((e) => e.name === "enrollments-loaded").length === 2);
      const loaded = await page.evaluate(() => window.events.filter((e) => e.name === "enrollments-loaded"));
      const full = loaded.find((e) => e.source === "full");
      assert.deepEqual(full.detail, { count: 300, pages: 3, duplicates: 0 });
      const compact = loaded.find((e) => e.source === "compact");
      assert.ok(compact.detail.count > 0 && compact.detail.count < 300, JSON.stringify(compact.detail));
      assert.equal(compact.detail.pages, 1);
      await assert.doesNotReject(waitForShadow(page, "#full", "[data-ec=count]", { text: "300 of 300 enrollments" }));
      assert.equal(await shadowCount(page, "#compact", ".ec-filters"), 0, "filters=none hides the filter bar");
      assertNoTokenLeak(seen);
    });

    test("cards lead with names and titles; enrichment-status, name search and select tell them", async () => {
      const { page, seen } = await session.open("/examples/host.html");
      const enriched = () => window.events.find((e) => e.name === "enrichment-status" && e.source === "full");
      await page.waitForFunction(enriched);
      const status = await page.evaluate(enriched);
      assert.deepEqual(status.detail, { users: "complete", courses: "complete", results: "complete", departments: "complete" });
      const texts = (selector) =>
        page.evaluate((s) => [...document.querySelector("#full").shadowRoot.querySelectorAll(s)].map((e) => e.textContent), selector);
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
      await page.waitForFunction(
        (re) => [...document.querySelector("#full").shadowRoot.querySelectorAll("[data-ec=learner]")].every((e) => !new RegExp(re).test(e.textContent)),
        {},
        uuid.source,
      );
      const names = await texts("[data-ec=learner]");
      const titles = await texts("[data-ec=course]");
      assert.ok(names.length > 0 && names.every((n) => !uuid.test(n)), JSON.stringify(names));
      assert.ok(titles.some((t) => !uuid.test(t)), JSON.stringify(titles));
      assert.ok((await shadowCount(page, "#full", ".ec-progress-bar")) > 0, "progress bars");

      // Typed without accents, a name is found with them.
      await type(page, await waitForShadow(page, "#full", "[data-ec=search]"), "nunez");
      await page.waitForFunction(() => {
        const count = document.querySelector("#full").shadowRoot.querySelector("[data-ec=count]");
        return Number(count?.dataset.shown) > 0 && Number(count.dataset.shown) < 300;
      });
      const found = await texts("[data-ec=learner]");
      assert.ok(found.length > 0 && found.every((n) => n.includes("Núñez")), JSON.stringify(found));

      const card = await waitForShadow(page, "#full", "article[data-enrollment-id]");
      const [name, title] = await card.evaluate((el) => [
        el.querySelector("[data-ec=learner]").textContent,
        el.querySelector("[data-ec=course]").textContent,
      ]);
      await click(page, card);
      await page.waitForFunction(() => window.events.some((e) => e.name === "enrollment-select"));
      const select = await page.evaluate(() => window.events.find((e) => e.name === "enrollment-select"));
      assert.equal(select.detail.learnerName, name);
      assert.equal(select.detail.courseTitle, title);
      assertNoTokenLeak(seen);
    });

    test("host CSS does not reach inside, --ec-* properties do", async () => {
      const { page } = await session.open("/examples/host.html");
      const card = await waitForShadow(page, "#full", "article[data-enrollment-id]");
      await page.addStyleTag({ content: "* { display: none } enrollment-cards { display: block }" });
      const inside = await card.evaluate((el) => {
        const style = getComputedStyle(el);
        return { color: style.color, display: style.display };
      });
      assert.notEqual(inside.color, "rgb(255, 0, 0)", "article { color: red } stays outside");
      assert.notEqual(inside.display, "none", "* { display: none } stays outside");
      const compactCard = await waitForShadow(page, "#compact", "article[data-enrollment-id]");
      const radius = await compactCard.evaluate((el) => getComputedStyle(el).borderTopLeftRadius);
      assert.equal(radius, "2px", "--ec-radius themes the widget from outside");
    });

    test("filters-change and enrollment-select carry their detail; filters round-trip", async () => {
      const { page } = await session.open("/examples/host.html");
      await waitForShadow(page, "#full", "article[data-enrollment-id]");
      await click(page, await waitForShadow(page, "#full", "[data-ec=status-chip][data-value=overdue]"));
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
      await waitForShadow(page, "#full", "[data-ec=status-chip][data-value=locked][aria-pressed=true]");

      // A host mirroring the event back (el.filters = e.detail) gets one event per change: the
      // same state set again reports nothing (the mirror gives up after 20, so a loop fails here
      // rather than freezing the page).
      const echoes = await page.evaluate(async () => {
        const el = document.getElementById("full");
        const settle = () => new Promise((done) => setTimeout(done, 300));
        let count = 0;
        const mirror = (event) => {
          count += 1;
          if (count < 20) el.filters = event.detail;
        };
        el.addEventListener("filters-change", mirror);
        el.filters = el.filters;
        await settle();
        const same = count;
        el.shadowRoot.querySelector("[data-ec=status-chip][data-value=overdue]").click();
        await settle();
        el.removeEventListener("filters-change", mirror);
        return { same, click: count - same };
      });
      assert.deepEqual(echoes, { same: 0, click: 1 }, "filters-change events");

      const card = await waitForShadow(page, "#full", "article[data-enrollment-id]");
      const ids = await card.evaluate((el) => el.dataset.enrollmentId);
      await click(page, card);
      await page.waitForFunction(() => window.events.some((e) => e.name === "enrollment-select"));
      const select = await page.evaluate(() => window.events.find((e) => e.name === "enrollment-select"));
      assert.equal(select.detail.enrollmentId, ids);
      assert.match(select.detail.courseId, /^[0-9a-f-]{36}$/);
      assert.match(select.detail.learnerId, /^[0-9a-f-]{36}$/);
    });

    test("a 401 calls tokenProvider once more and succeeds with the fresh token", async () => {
      const { page, seen } = await session.blank();
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
    });

    test("a 403 shows the permission message and fires enrollments-error", async () => {
      const { page, seen } = await session.blank();
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
      const panel = await waitForShadow(page, "enrollment-cards", "[data-ec=error]");
      assert.match(await panel.evaluate((el) => el.textContent), /HTTP 403/);
      assertNoTokenLeak(seen);
    });

    test("changing course-ids re-queries with the new filter", async () => {
      const { page, seen } = await session.blank();
      await page.evaluate(() => {
        const el = document.createElement("enrollment-cards");
        el.id = "w";
        el.setAttribute("endpoint", "/lms-api");
        el.token = "demo-token";
        document.body.append(el);
      });
      await waitForShadow(page, "#w", "[data-ec=count]", { text: "300 of 300" });
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
      const count = await waitForShadow(page, "#w", "[data-ec=count]");
      const total = Number(await count.evaluate((el) => el.getAttribute("data-total")));
      assert.ok(total > 0 && total < 300, `total ${total}`);
      // The request event reaches this process after the page sent it: wait for it (it must come).
      await assert.doesNotReject(
        waitUntil(() => seen.urls.some((u) => u.includes("courseIds%5B%5D=" + course))),
        "the new request carries courseIds[]",
      );
      assertNoTokenLeak(seen);
    });

    test("unmount leaves no elements or listeners behind, 100 times over", async () => {
      const { page } = await session.blank();
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
      const before = await listenerCounts(page);
      for (let i = 0; i < 100; i++) {
        assert.equal(await cycle(), 0, "the shadow root is empty after unmount");
      }
      assert.deepEqual(await listenerCounts(page), before, "no listeners left on window or document");
    });

    test("keyboard: Tab reaches the filters and the cards, Enter selects a card", async () => {
      const { page } = await session.open("/examples/host.html");
      await waitForShadow(page, "#full", "article[data-enrollment-id]");
      const focused = () =>
        page.evaluate(() => {
          let el = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          return { tag: el?.tagName, ec: el?.dataset?.ec ?? null, id: el?.dataset?.enrollmentId ?? null };
        });
      await page.keyboard.press("Tab");
      assert.equal((await focused()).ec, "search", "the search box is the first Tab stop");
      let card = null;
      for (let i = 0; i < 80 && !card; i++) {
        await page.keyboard.press("Tab");
        const now = await focused();
        if (now.id) card = now;
      }
      assert.ok(card, "Tab reaches a card");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => window.events.some((e) => e.name === "enrollment-select"));
      const select = await page.evaluate(() => window.events.find((e) => e.name === "enrollment-select"));
      assert.equal(select.detail.enrollmentId, card.id);
    });
  });
}
