// A host's event listeners calling back into the widget while it dispatches, in Chromium and
// Firefox. Portals do this: on `enrollments-loaded` they hand over a fresh token, on
// `enrollment-select` they remove the widget and open a page of their own, on `filters-change`
// they save the state and sometimes set it back. Such a call arrives in the middle of the
// widget's own work (a load finishing, a click being handled, a reactive update), where a
// borrowed cell or a disposed signal would panic and trap the module every widget shares.
// Every event × every kind of call, for the element and for a mount() handle, each on a widget
// of its own, all at once on one page: no call throws, no page error, no trap, and the module
// still serves a fresh element and a fresh mount() afterwards. And a host that echoes every
// `filters-change` back into `filters` (a framework's two-way binding) gets one event per
// change, not an endless loop. A token provider that calls back into its widget while it is
// asked (removes it, moves it, gives it a token or another provider) is as safe.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { BROWSERS, loadFreshWidget, useBrowser } from "./browsers.js";

/** The events, each with how a test makes the widget send it (after its first load for some). */
const EVENTS = ["enrollments-loaded", "enrollments-error", "enrichment-status", "enrollment-select", "selection-change", "filters-change"];

// In the page: one widget per call for `event`, all at once. Resolves with, per call, whether the
// event came and what the call threw (nothing, when all is well).
async function reenter({ event, serial }) {
  const wait = (ms) => new Promise((done) => setTimeout(done, ms));
  const failing = event === "enrollments-error";
  const endpoint = (n) => (failing ? `/lms-api/_fault/status=500,id=reenter-${serial}-${n}` : "/lms-api");

  // What a listener does to the element it heard, synchronously.
  const elementCall = {
    "remove": (el) => el.remove(),
    "remove and put back": (el) => {
      el.remove();
      document.body.append(el);
    },
    "new token": (el) => (el.token = "demo-token-refreshed"),
    "new endpoint": (el) => el.setAttribute("endpoint", "/lms-api"),
    "new locale": (el) => el.setAttribute("locale", "ru-RU"),
    "set filters": (el) => (el.filters = { text: "a", sort: { key: "due", descending: true } }),
    "read everything": (el) => {
      void el.filters;
      void el.selectedIds;
      void el.exportCsv();
    },
  };
  // What a listener does to its mount() handle, synchronously.
  const handleCall = {
    "unmount": ({ handle }) => handle.unmount(),
    "update token": ({ handle }) => handle.update({ endpoint: "/lms-api", token: "demo-token-refreshed" }),
    "update query": ({ handle }) => handle.update({ endpoint: "/lms-api", token: "demo-token", courseIds: [], locale: "ru-RU" }),
    "set filters": ({ handle }) => (handle.filters = { statuses: ["overdue"] }),
    "read everything": ({ handle }) => {
      void handle.filters;
      void handle.selectedIds;
      void handle.exportCsv();
    },
    "remove the slot": ({ slot }) => slot.remove(),
  };

  // Makes the widget in `host` (its shadow root) send `event`, once its first load is in.
  const provoke = (host) => {
    const root = host.shadowRoot;
    if (event === "enrollment-select") root?.querySelector("[data-enrollment-id]")?.click();
    else if (event === "selection-change") root?.querySelector("[data-ec=select]")?.click();
    else if (event === "filters-change") {
      const search = root?.querySelector("input[type=search]");
      if (search) {
        search.value = "ab";
        search.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }
  };
  const afterLoad = !["enrollments-loaded", "enrollments-error", "enrichment-status"].includes(event);

  // One widget: `start` creates it, with its listener calling `listen`, and returns its host.
  const one = async (name, call, start) => {
    let fired = false;
    let thrown = null;
    const host = start((heard) => {
      if (fired) return;
      fired = true;
      try {
        call(heard);
      } catch (error) {
        thrown = `${error?.name}: ${error?.message}`;
      }
    });
    if (afterLoad) {
      const started = performance.now();
      while (!host.shadowRoot?.querySelector("[data-enrollment-id]") && performance.now() - started < 15_000) await wait(20);
      provoke(host);
    }
    const started = performance.now();
    while (!fired && performance.now() - started < 15_000) await wait(20);
    await wait(300);
    return { name, fired, thrown };
  };

  const elements = Object.entries(elementCall)
    .map(([name, call], n) =>
      one(`element: ${name}`, call, (listen) => {
        const el = document.createElement("enrollment-cards");
        el.setAttribute("endpoint", endpoint(n));
        if (failing) el.setAttribute("retries", "0");
        el.addEventListener(event, () => listen(el));
        el.token = "demo-token";
        document.body.append(el);
        return el;
      }),
    );
  const handles = Object.entries(handleCall)
    .map(([name, call], n) =>
      one(`mount(): ${name}`, call, (listen) => {
        const slot = document.createElement("div");
        document.body.append(slot);
        const target = { slot, handle: null };
        slot.addEventListener(event, () => listen(target));
        target.handle = window.lib.mount(slot, {
          endpoint: endpoint(100 + n),
          token: "demo-token",
          retries: failing ? 0 : 2,
        });
        return slot;
      }),
    );
  const outcome = await Promise.all([...elements, ...handles]);
  // Everything down again; a handle unmounted twice is harmless.
  for (const el of document.querySelectorAll("enrollment-cards")) el.remove();
  for (const slot of document.querySelectorAll("body > div")) slot.remove();
  return outcome;
}

// In the page: an element and a mount() whose listeners set `filters` to every `filters-change`
// detail they hear. Resolves with how many events each heard for one search and one set.
async function echo() {
  const wait = (ms) => new Promise((done) => setTimeout(done, ms));
  const loaded = async (host) => {
    const started = performance.now();
    while (!host.shadowRoot?.querySelector("[data-enrollment-id]") && performance.now() - started < 15_000) await wait(20);
  };
  const heard = { element: 0, handle: 0, thrown: [] };
  const el = document.createElement("enrollment-cards");
  el.setAttribute("endpoint", "/lms-api");
  el.addEventListener("filters-change", (event) => {
    heard.element += 1;
    if (heard.element > 20) return; // a loop: enough to tell
    try {
      el.filters = event.detail;
    } catch (error) {
      heard.thrown.push(String(error));
    }
  });
  el.token = "demo-token";
  document.body.append(el);
  await loaded(el);
  const search = el.shadowRoot.querySelector("input[type=search]");
  search.value = "ab";
  search.dispatchEvent(new Event("input", { bubbles: true }));
  await wait(300);
  el.filters = { statuses: ["overdue"] };
  await wait(300);

  const slot = document.createElement("div");
  document.body.append(slot);
  let handle = null;
  slot.addEventListener("filters-change", (event) => {
    heard.handle += 1;
    if (heard.handle > 20) return;
    try {
      handle.filters = event.detail;
    } catch (error) {
      heard.thrown.push(String(error));
    }
  });
  handle = window.lib.mount(slot, { endpoint: "/lms-api", token: "demo-token" });
  await loaded(slot);
  handle.filters = { text: "zz" };
  await wait(300);
  handle.unmount();
  slot.remove();
  el.remove();
  return heard;
}

// In the page: for each kind of call, a widget whose first answer is a 401, so that it asks its
// provider, which makes the call into the widget (in the call itself, or in an async provider
// before its first await) and then gives a good token. Resolves with what each widget did.
async function askedProvider() {
  const wait = (ms) => new Promise((done) => setTimeout(done, ms));
  const calls = {
    "remove": (el) => el.remove(),
    "remove and put back": (el) => {
      el.remove();
      document.body.append(el);
    },
    "new token": (el) => (el.token = "demo-token"),
    "new provider": (el) => (el.tokenProvider = async () => "demo-token"),
    "new endpoint": (el) => el.setAttribute("endpoint", "/lms-api"),
    "set filters": (el) => (el.filters = { text: "a" }),
    "read everything": (el) => {
      void el.filters;
      void el.selectedIds;
      void el.exportCsv();
    },
  };
  const started = Date.now();
  const widgets = [];
  for (const [name, call] of Object.entries(calls)) {
    for (const kind of ["sync", "async"]) {
      const el = document.createElement("enrollment-cards");
      el.setAttribute("endpoint", `/lms-api/_fault/status=401,times=1,id=asked-${started}-${widgets.length}`);
      const seen = { name: `${kind}: ${name}`, thrown: null, loaded: 0, errors: 0 };
      const ask = () => {
        if (seen.asked) return "demo-token";
        seen.asked = true;
        try {
          call(el);
        } catch (error) {
          seen.thrown = String(error);
        }
        return "demo-token";
      };
      el.tokenProvider = kind === "sync" ? ask : async () => ask();
      el.addEventListener("enrollments-loaded", () => (seen.loaded += 1));
      el.addEventListener("enrollments-error", () => (seen.errors += 1));
      document.body.append(el);
      widgets.push({ el, seen });
    }
  }
  // Until every widget kept on the page has loaded (or failed), then a little longer for what a
  // removed one might still do.
  const settled = ({ el, seen }) => !el.isConnected || seen.loaded + seen.errors > 0;
  while (!widgets.every(settled) && Date.now() - started < 15_000) await wait(50);
  await wait(300);
  for (const { el } of widgets) el.remove();
  return widgets.map(({ seen }) => `${seen.name}: asked ${Boolean(seen.asked)}, threw ${seen.thrown}, loaded ${seen.loaded}, errors ${seen.errors}`);
}

for (const name of BROWSERS) {
  describe(name, () => {
    const session = useBrowser(name);

    test("a host's listeners calling back into the widget while it dispatches: nothing throws or traps, fresh widgets still load", async () => {
      const { page, seen } = await session.blank();
      await page.evaluate(() => {
        window.pageErrors = [];
        window.addEventListener("error", (event) => window.pageErrors.push(String(event.message)));
        window.addEventListener("unhandledrejection", (event) => window.pageErrors.push(String(event.reason)));
      });
      for (const [serial, event] of EVENTS.entries()) {
        const outcome = await page.evaluate(reenter, { event, serial: `${name}-${Date.now()}-${serial}` });
        assert.equal(outcome.length, 13, `a widget for each of the 7 element and 6 handle calls heard ${event}`);
        assert.deepEqual(outcome.filter((o) => !o.fired).map((o) => o.name), [], `${event} was sent to every listener`);
        assert.deepEqual(outcome.filter((o) => o.thrown).map((o) => `${o.name}: ${o.thrown}`), [], `calls from ${event} listeners threw`);
        assert.deepEqual(await page.evaluate(() => window.pageErrors), [], `page errors after ${event}`);
      }
      assert.deepEqual(seen.errors, [], "uncaught errors");
      const noisy = seen.console.filter((line) => /panicked|unreachable|RuntimeError|already borrowed/i.test(line));
      assert.deepEqual(noisy, [], "no panic in the console");
      const fresh = await page.evaluate(loadFreshWidget);
      assert.equal(fresh, 300, "the module still serves a fresh element");
      const mounted = await page.evaluate(async () => {
        const slot = document.createElement("div");
        document.body.append(slot);
        const handle = window.lib.mount(slot, { endpoint: "/lms-api", token: "demo-token" });
        const started = performance.now();
        while (performance.now() - started < 20_000) {
          const count = slot.shadowRoot?.querySelector("[data-ec=count]");
          if (count && Number(count.dataset.total) === 300) break;
          await new Promise((done) => setTimeout(done, 20));
        }
        const total = Number(slot.shadowRoot?.querySelector("[data-ec=count]")?.dataset.total);
        handle.unmount();
        return total;
      });
      assert.equal(mounted, 300, "the module still serves a fresh mount()");
    });

    test("a host echoing every filters-change back into filters hears one event per change", async () => {
      const { page } = await session.blank();
      // The element: a search typed, then filters set; the handle: filters set.
      assert.deepEqual(await page.evaluate(echo), { element: 2, handle: 1, thrown: [] });
    });

    test("a token provider calling back into its widget while it is asked: nothing throws, the widget loads unless removed", async () => {
      const { page, seen } = await session.blank();
      const expected = [];
      for (const call of ["remove", "remove and put back", "new token", "new provider", "new endpoint", "set filters", "read everything"]) {
        for (const kind of ["sync", "async"]) {
          expected.push(`${kind}: ${call}: asked true, threw null, loaded ${call === "remove" ? 0 : 1}, errors 0`);
        }
      }
      assert.deepEqual(await page.evaluate(askedProvider), expected);
      assert.deepEqual(seen.errors, [], "uncaught errors");
      assert.equal(await page.evaluate(loadFreshWidget), 300, "the module still serves a fresh element");
    });
  });
}
