// End-to-end reliability of the built widget, in Chromium and Firefox: removal at awkward moments
// (100 times each), the README's embedding order, token refresh, a token that cannot be sent, and
// a host page under a strict Content-Security-Policy. The mock serves the pages and the API on one
// origin (MOCK_LMS_URL, 300 enrollments).

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  BROWSERS,
  collectGarbage,
  listenerCounts,
  loadFreshWidget,
  now,
  shadowCount,
  useBrowser,
  waitForShadow,
  waitUntil,
  wasmHeapBytes,
} from "./browsers.js";

const CYCLES = 100;
const WARM_UP = 20;

// In the page: wraps fetch to log every request with its time, and defines `cycle(i, kind)`, which
// creates an <enrollment-cards>, removes it at the awkward moment `kind` names and returns when it
// is gone. Each widget asks its own URL (an `id=` in a fault prefix), so a request can be traced
// to the widget that sent it.
function harness() {
  window.fetchLog = [];
  const fetch = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === "string" ? input : input.url;
    window.fetchLog.push({ url, time: performance.now() });
    return fetch.call(this, input, init);
  };
  window.pageErrors = [];
  window.addEventListener("error", (event) => window.pageErrors.push(String(event.message)));
  window.addEventListener("unhandledrejection", (event) => window.pageErrors.push(String(event.reason)));
  window.removedAt = {};
  window.midway = 0;
  window.pending = [];
  const widget = (endpoint, attributes = {}) => {
    const el = document.createElement("enrollment-cards");
    el.setAttribute("endpoint", endpoint);
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    return el;
  };
  const firstCards = (el) =>
    new Promise((resolve) => {
      const check = () => {
        const count = el.shadowRoot.querySelector("[data-ec=count]");
        if (count && Number(count.dataset.total) > 0) {
          observer.disconnect();
          resolve(Number(count.dataset.total));
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(el.shadowRoot, { subtree: true, childList: true, attributes: true });
      check();
    });
  window.cycle = async (i, kind) => {
    const tag = `id=${kind}-${i}`;
    if (kind === "provider") {
      // Removed while its token provider has not answered yet; the answer comes later.
      const el = widget(`/lms-api/_fault/${tag}`);
      let asked;
      const askedPromise = new Promise((resolve) => (asked = resolve));
      el.tokenProvider = () =>
        new Promise((resolve) => {
          window.pending.push(() => resolve("demo-token"));
          asked();
        });
      document.body.append(el);
      await askedPromise;
      el.remove();
      window.removedAt[tag] = performance.now();
      // The provider answers after the widget is gone.
      window.pending.splice(0).forEach((resolve) => resolve());
    } else if (kind === "paging") {
      // Removed once the first of 20 pages is shown, later pages still to come.
      const el = widget(`/lms-api/_fault/latency=10,${tag}`, { paged: "", "page-size": "15" });
      el.token = "demo-token";
      document.body.append(el);
      await firstCards(el);
      el.remove();
      window.removedAt[tag] = performance.now();
    } else if (kind === "parsing") {
      // Removed once the first batch of a 20,000-enrollment answer is shown.
      const el = widget(`/lms-api/_fault/many=20000,${tag}`);
      el.token = "demo-token";
      document.body.append(el);
      const shown = await firstCards(el);
      el.remove();
      window.removedAt[tag] = performance.now();
      if (shown < 20000) window.midway += 1;
    }
  };
  // Requests a removed widget sent after its removal.
  window.lateRequests = () =>
    window.fetchLog.filter((entry) => {
      const tag = Object.keys(window.removedAt).find((t) => entry.url.includes(t + "/") || entry.url.endsWith(t));
      return tag && entry.time > window.removedAt[tag];
    });
}

for (const name of BROWSERS) {
  describe(name, () => {
    const session = useBrowser(name);

    for (const kind of ["provider", "paging", "parsing"]) {
      test(`removal while ${kind === "provider" ? "the token provider is pending" : kind}, ${CYCLES} times: nothing sent or run after, nothing left`, async () => {
        const { page, seen } = await session.blank();
        await page.evaluate(harness);
        // Warm up (the allocator's high-water mark, lazily compiled code), then measure. The
        // Rust side of event handlers is freed when JavaScript collects them: collect every ten
        // removals, as a browser would under way.
        for (let i = 0; i < WARM_UP; i++) {
          await page.evaluate((i, kind) => window.cycle(i, kind), -1 - i, kind);
          if (i % 10 === 9) await collectGarbage(page);
        }
        await collectGarbage(page);
        const heapBefore = await wasmHeapBytes(page);
        const listenersBefore = await listenerCounts(page);
        let heapMidway = heapBefore;
        for (let i = 0; i < CYCLES; i++) {
          await page.evaluate((i, kind) => window.cycle(i, kind), i, kind);
          if (i % 10 === 9) await collectGarbage(page);
          if (i === CYCLES / 2 - 1) heapMidway = await wasmHeapBytes(page);
        }
        await collectGarbage(page);
        const heapAfter = await wasmHeapBytes(page);
        // A new widget on the same page loads; anything a removed widget would still send goes
        // out before this widget's answer arrives.
        assert.equal(await page.evaluate(loadFreshWidget), 300);
        assert.deepEqual(await page.evaluate(() => window.lateRequests()), [], "no request after removal");
        assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
        assert.deepEqual(seen.errors, []);
        // Flat in at least one half of the removals. Memory never shrinks, so a leak grows it in
        // both halves; what may happen once is a new 20,000-enrollment answer (9.5 MB) that finds
        // no free block of its size because the last one was returned an instant too late, or
        // around a small allocation made in between (seen in Firefox: the heap grows by exactly
        // one answer, once, in some runs).
        assert.ok(
          heapMidway === heapBefore || heapAfter === heapMidway,
          `the wasm heap stops growing over ${CYCLES} removals: ${heapBefore} → ${heapMidway} → ${heapAfter} bytes`,
        );
        await page.evaluate(() => document.querySelectorAll("enrollment-cards").forEach((el) => el.remove()));
        assert.deepEqual(await listenerCounts(page), listenersBefore, "no listeners left on window or document");
        if (kind === "parsing") {
          const midway = await page.evaluate(() => window.midway);
          assert.ok(midway >= CYCLES / 2, `removed mid-parse in ${midway} of ${CYCLES} cycles`);
        }
      });
    }

    test("the idle-time rehearsal of a first load runs once, sends nothing, adds nothing to the page and leaves no listener", async () => {
      const { page, seen } = await session.blank();
      // Watch the page from its first script on: the rehearsal runs once the module is loaded
      // and the page is idle. Its print list listens for beforeprint on window while it lives.
      await page.evaluateOnNewDocument(() => {
        window.printListeners = { added: 0, removed: 0 };
        const add = window.addEventListener;
        const remove = window.removeEventListener;
        window.addEventListener = function (type, ...rest) {
          if (type === "beforeprint") window.printListeners.added += 1;
          return add.call(this, type, ...rest);
        };
        window.removeEventListener = function (type, ...rest) {
          if (type === "beforeprint") window.printListeners.removed += 1;
          return remove.call(this, type, ...rest);
        };
      });
      const before = seen.requests.length;
      await page.reload();
      await page.waitForFunction(() => window.ready === true);
      await page.waitForFunction(() => window.printListeners.added === 1 && window.printListeners.removed === 1);
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
      assert.deepEqual(await page.evaluate(() => window.printListeners), { added: 1, removed: 1 }, "rehearsed once, then removed");
      const sent = seen.requests.slice(before).map((r) => new URL(r.url).pathname);
      assert.deepEqual(sent.filter((path) => !/\.(html|js|wasm|ico)$/.test(path)), [], "no request but the page, its icon and the module");
      assert.equal(await page.evaluate(() => document.body.children.length), 1, "the page holds only its script");
      assert.deepEqual(seen.errors, []);
      // A widget created afterwards loads as usual.
      assert.equal(await page.evaluate(loadFreshWidget), 300);
    });

    test("the README's embedding order under a strict Content-Security-Policy: no unauthenticated request, styled and windowed cards, no violation", async () => {
      const { page, seen } = await session.open("/examples/portal.strict-csp.html", { viewport: { width: 1200, height: 800 } });
      await page.waitForFunction(() => window.events?.some((e) => e.name === "enrollments-loaded"));
      const api = seen.requests.filter((r) => r.url.includes("/lms-api/enrollments"));
      assert.ok(api.length >= 1);
      assert.ok(api.every((r) => r.authorization === "demo-token"), JSON.stringify(api));
      const look = await page.evaluate(() => {
        const root = document.getElementById("cards").shadowRoot;
        const list = root.querySelector(".ec-window");
        const card = root.querySelector("article[data-enrollment-id]");
        const style = getComputedStyle(card);
        return {
          listHeight: list.getBoundingClientRect().height,
          overflow: getComputedStyle(list).overflowY,
          cardRadius: style.borderTopLeftRadius,
          cardBorder: style.borderTopStyle,
          adopted: root.adoptedStyleSheets.length,
          styleElements: root.querySelectorAll("style").length,
        };
      });
      assert.equal(look.overflow, "auto");
      assert.ok(look.listHeight > 100 && look.listHeight <= 800, `list height ${look.listHeight}`);
      assert.equal(look.cardBorder, "solid", "the stylesheet applies to the cards");
      assert.notEqual(look.cardRadius, "0px");
      assert.equal(look.adopted, 1);
      assert.equal(look.styleElements, 0);
      const cards = await shadowCount(page, "#cards", "article[data-enrollment-id]");
      assert.ok(cards > 0 && cards < 100, `${cards} of 300 cards in the DOM: windowed`);
      assert.deepEqual(await page.evaluate(() => window.violations), []);
      assert.deepEqual(seen.errors, []);
    });

    test("the module imported in a host's own worker leaves that worker running", async () => {
      // The module's JavaScript starts a worker of its own to load the locale data and ends it
      // (src/embed/intl_worker.js); a worker of the host's that imports the module is not that.
      const { page, seen } = await session.blank();
      const answer = await page.evaluate(async () => {
        const glue = new URL("/pkg/enrollment_cards.js", location.href).href;
        const source = `import(${JSON.stringify(glue)}).then(
          () => setTimeout(() => postMessage("alive"), 50),
          (error) => postMessage("import failed: " + error))`;
        const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
        const worker = new Worker(url, { type: "module", name: "host" });
        return new Promise((resolve) => {
          worker.onmessage = (event) => resolve(event.data);
          worker.onerror = (event) => resolve(`error: ${event.message}`);
          setTimeout(() => resolve("no answer: the worker was ended"), 5000);
        });
      });
      assert.equal(answer, "alive");
      assert.deepEqual(seen.errors, []);
    });

    test("a refreshed token sends no request; the next query uses it", async () => {
      const { page, seen } = await session.blank();
      await page.evaluate(() => {
        window.events = [];
        const el = document.createElement("enrollment-cards");
        el.id = "w";
        el.setAttribute("endpoint", "/lms-api");
        el.setAttribute("enrich", "none"); // only the enrollment requests, to count them
        el.addEventListener("enrollments-loaded", (e) => window.events.push(e.detail));
        el.token = "demo-token";
        document.body.append(el);
      });
      await page.waitForFunction(() => window.events.length === 1);
      const t = now();
      // A 25-minute refresh, and settings that only re-render.
      await page.evaluate(() => {
        const el = document.getElementById("w");
        el.token = "demo-token-refreshed";
        el.setAttribute("locale", "de-DE");
        el.setAttribute("due-soon-days", "14");
      });
      await waitForShadow(page, "#w", "article[data-enrollment-id]", { text: ".2026" });
      assert.equal(await page.evaluate(() => window.events.length), 1, "nothing reloaded");
      // Then a change of what is loaded: its request is the first one after the refresh.
      await page.evaluate(() => document.getElementById("w").setAttribute("course-ids", "no-such-course"));
      await waitUntil(() => seen.requests.some((r) => r.time > t));
      const after = seen.requests.filter((r) => r.time > t);
      assert.equal(after.length, 1, JSON.stringify(after.map((r) => r.url)));
      assert.ok(after[0].url.includes("courseIds%5B%5D=no-such-course"), after[0].url);
      assert.equal(after[0].authorization, "demo-token-refreshed", "the next query carries the new token");
    });

    test("settings changed while pages load keep the token the provider gave", async () => {
      const { page, seen } = await session.blank();
      await page.evaluate(() => {
        window.events = [];
        window.asked = 0;
        const el = document.createElement("enrollment-cards");
        el.id = "w";
        el.setAttribute("endpoint", "/lms-api/_fault/latency=100,id=settings");
        el.setAttribute("paged", "");
        el.setAttribute("page-size", "30");
        el.addEventListener("enrollments-loaded", (e) => window.events.push(e.detail));
        el.tokenProvider = async () => {
          window.asked += 1;
          return "demo-token";
        };
        document.body.append(el);
      });
      await waitForShadow(page, "#w", "article[data-enrollment-id]");
      await page.evaluate(() => {
        const el = document.getElementById("w");
        el.setAttribute("locale", "de-DE");
        el.setAttribute("due-soon-days", "3");
      });
      await page.waitForFunction(() => window.events.length === 1);
      assert.deepEqual(await page.evaluate(() => window.events[0]), { count: 300, pages: 10, duplicates: 0 });
      const pages = seen.requests.filter((r) => r.url.includes("/enrollments"));
      assert.equal(pages.length, 10, "each page once: nothing reloaded");
      assert.ok(pages.every((r) => r.authorization === "demo-token"), JSON.stringify(pages.map((r) => r.authorization)));
      assert.equal(await page.evaluate(() => window.asked), 1, "the provider was asked once");
      await waitForShadow(page, "#w", "article[data-enrollment-id]", { text: ".2026" });
    });

    test("a token with a line break gives enrollments-error, never the token, and sends nothing", async () => {
      const { page, seen } = await session.blank();
      const detail = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const el = document.createElement("enrollment-cards");
            el.setAttribute("endpoint", "/lms-api");
            el.addEventListener("enrollments-error", (e) => resolve(e.detail), { once: true });
            el.tokenProvider = async () => "demo-\r\ntoken";
            document.body.append(el);
          }),
      );
      assert.equal(detail.status, null);
      assert.match(detail.message, /line break/);
      assert.ok(!detail.message.includes("demo-"), detail.message);
      assert.equal(seen.requests.filter((r) => r.url.includes("/lms-api/enrollment")).length, 0);
      assert.deepEqual(seen.errors, []);
      // The same with the property, on a widget that has loaded: what loaded stays.
      const after = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const el = document.createElement("enrollment-cards");
            el.id = "loaded";
            el.setAttribute("endpoint", "/lms-api");
            el.addEventListener("enrollments-loaded", () => {
              el.addEventListener("enrollments-error", (e) => resolve(e.detail.message), { once: true });
              el.token = "demo-token\nX-Injected: 1";
            });
            el.token = "demo-token";
            document.body.append(el);
          }),
      );
      assert.match(after, /line break/);
      assert.ok((await shadowCount(page, "#loaded", "article[data-enrollment-id]")) > 0, "cards stay");
      assert.deepEqual(seen.errors, []);
    });
  });
}
