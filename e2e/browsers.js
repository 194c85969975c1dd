// Browsers for the end-to-end tests: Debian's Chromium and Firefox ESR, both driven by
// puppeteer-core (Chromium over CDP, Firefox over WebDriver BiDi). puppeteer-core never downloads
// a browser; the executables are /usr/bin/chromium and /usr/bin/firefox-esr (override with
// CHROMIUM=... and FIREFOX=...).
//
// Which browsers: E2E_BROWSER=chromium, E2E_BROWSER=firefox, or unset / "all" for both. A test
// file runs its tests once per browser:
//
//   for (const name of BROWSERS) {
//     describe(name, () => {
//       const session = useBrowser(name);      // launches in before(), closes in after()
//       test("...", async () => {
//         const { page, seen } = await session.open("/examples/host.html");
//         const card = await waitForShadow(page, "#full", "article[data-enrollment-id]");
//         await card.click();
//       });
//     });
//   }
//
// Every page gets its own browser context (isolated storage, as playwright's browser.newPage()
// did); the contexts a test opened are closed after it, so a failing test leaks nothing.
//
// The widget renders into an open shadow root: reach inside with waitForShadow/shadowQuery/
// shadowCount (document.querySelector(host).shadowRoot.querySelector(selector), polled in the
// page), or with puppeteer's piercing selectors, e.g. page.$("#full >>> article").
//
// Never sleep and then assert: wait for the condition (waitForShadow, page.waitForFunction), which
// fails the test with a timeout when it does not come.
//
// Before any page script, every page gets a small instrument (see INSTRUMENT below): a ledger of
// the event listeners on window and document (listenerCounts), and the memories of the
// WebAssembly instances the page creates (wasmHeapBytes).

import { after, afterEach, before } from "node:test";
import { performance } from "node:perf_hooks";
import puppeteer from "puppeteer-core";

export const BASE = process.env.MOCK_LMS_URL ?? "http://127.0.0.1:18081";

const LAUNCH = {
  chromium: () => ({
    browser: "chrome",
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  }),
  firefox: () => ({
    browser: "firefox",
    executablePath: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
    headless: true,
  }),
};

/** The browsers to run in, from E2E_BROWSER (chromium, firefox; unset or "all": both). */
export const BROWSERS = (() => {
  const wanted = (process.env.E2E_BROWSER ?? "all").trim();
  if (wanted === "" || wanted === "all") return Object.keys(LAUNCH);
  const names = wanted.split(",").map((n) => n.trim());
  for (const name of names) {
    if (!(name in LAUNCH)) throw new Error(`E2E_BROWSER: unknown browser "${name}" (chromium, firefox or all)`);
  }
  return names;
})();

const NAMES = new WeakMap(); // Browser -> "chromium" | "firefox"

/** Launches one browser by name. */
export async function launch(name) {
  const browser = await puppeteer.launch(LAUNCH[name]());
  NAMES.set(browser, name);
  return browser;
}

/** "chromium" or "firefox": the browser a page belongs to. */
export const browserName = (page) => NAMES.get(page.browser());

/** Milliseconds on the test process's monotonic clock (the clock of `seen.requests[].time`). */
export const now = () => performance.now();

// Runs in every page before its own scripts (an evaluateOnNewDocument function: no closures).
function INSTRUMENT() {
  if (globalThis.__e2e) return;
  // Event listeners on window and document, as the DOM keeps them: one per (type, callback,
  // capture); `once` ones leave when they fire, `signal` ones when it aborts. (`onclick = ...`
  // handler properties are not listeners and are not counted.) A `once` listener is tracked by a
  // second, untracked `once` listener, which DevTools' count includes.
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const ledger = new Map(); // window | document -> type -> callback -> capture -> entry
  const tracked = (target) => target === window || target === document;
  const capture = (options) => (typeof options === "boolean" ? options : Boolean(options?.capture));
  const slot = (target, type, callback, create) => {
    let types = ledger.get(target);
    if (!types && create) ledger.set(target, (types = new Map()));
    let callbacks = types?.get(type);
    if (!callbacks && create) types.set(type, (callbacks = new Map()));
    let captures = callbacks?.get(callback);
    if (!captures && create) callbacks.set(callback, (captures = new Map()));
    return captures;
  };
  const forget = (target, type, callback, useCapture) => {
    const captures = slot(target, type, callback, false);
    const entry = captures?.get(useCapture);
    if (!entry) return;
    captures.delete(useCapture);
    if (entry.onFire) remove.call(target, type, entry.onFire, useCapture);
  };
  EventTarget.prototype.addEventListener = function (type, callback, options) {
    const result = add.call(this, type, callback, options);
    const signal = typeof options === "object" ? options?.signal : undefined;
    if (tracked(this) && callback != null && !signal?.aborted) {
      const target = this;
      const useCapture = capture(options);
      const captures = slot(target, String(type), callback, true);
      if (!captures.has(useCapture)) {
        const entry = {};
        captures.set(useCapture, entry);
        if (typeof options === "object" && options?.once) {
          entry.onFire = () => forget(target, String(type), callback, useCapture);
          add.call(target, type, entry.onFire, { capture: useCapture, once: true });
        }
        signal?.addEventListener("abort", () => forget(target, String(type), callback, useCapture), { once: true });
      }
    }
    return result;
  };
  EventTarget.prototype.removeEventListener = function (type, callback, options) {
    if (tracked(this) && callback != null) forget(this, String(type), callback, capture(options));
    return remove.call(this, type, callback, options);
  };
  const listenerCount = () => {
    let total = 0;
    for (const types of ledger.values())
      for (const callbacks of types.values()) for (const captures of callbacks.values()) total += captures.size;
    return total;
  };

  // The linear memories of the WebAssembly instances the page creates.
  const memories = [];
  const record = (instance) => {
    for (const value of Object.values(instance?.exports ?? {})) {
      if (value instanceof WebAssembly.Memory && !memories.includes(value)) memories.push(value);
    }
  };
  const { instantiate, instantiateStreaming } = WebAssembly;
  WebAssembly.instantiate = async function (...args) {
    const result = await instantiate.apply(this, args);
    record(result instanceof WebAssembly.Instance ? result : result.instance);
    return result;
  };
  if (instantiateStreaming) {
    WebAssembly.instantiateStreaming = async function (...args) {
      const result = await instantiateStreaming.apply(this, args);
      record(result.instance);
      return result;
    };
  }

  Object.defineProperty(globalThis, "__e2e", {
    value: Object.freeze({ listenerCount, memories }),
    enumerable: false,
  });
}

/**
 * Opens `path` (on BASE) in a fresh browser context of `browser`. Returns the page and what it
 * sent and logged since before the first request:
 * `seen.urls` (request URLs), `seen.requests` ({ url, method, time, authorization } with time
 * from `now()`; `authorization` is the header's value or null),
 * `seen.console` (console messages and page errors), `seen.errors` (page errors alone).
 */
export async function openPage(browser, path = "/examples/host.html", { viewport = { width: 1400, height: 1000 } } = {}) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const seen = { urls: [], requests: [], console: [], errors: [] };
  page.on("request", (request) => {
    seen.urls.push(request.url());
    const authorization = request.headers().authorization ?? null;
    seen.requests.push({ url: request.url(), method: request.method(), time: now(), authorization });
  });
  page.on("console", (message) => seen.console.push(message.text()));
  page.on("pageerror", (error) => {
    seen.console.push(String(error));
    seen.errors.push(String(error));
  });
  await page.setViewport(viewport);
  await page.evaluateOnNewDocument(INSTRUMENT);
  await page.goto(BASE + path);
  return { page, seen, context };
}

/**
 * Registers before/after hooks in the current describe() that launch and close browser `name`.
 * `open(path, options)` opens a page (see openPage) whose context is closed after the test;
 * `blank()` opens examples/blank.html and waits for the library (window.lib, window.ready).
 */
export function useBrowser(name) {
  const session = { name, browser: null };
  let contexts = [];
  before(async () => {
    session.browser = await launch(name);
  });
  afterEach(async () => {
    const open = contexts;
    contexts = [];
    await Promise.all(open.map((context) => context.close().catch(() => {})));
  });
  after(async () => {
    await session.browser?.close();
  });
  session.open = async (path, options) => {
    const opened = await openPage(session.browser, path, options);
    contexts.push(opened.context);
    return opened;
  };
  session.blank = async () => {
    const opened = await session.open("/examples/blank.html");
    await opened.page.waitForFunction(() => window.ready === true);
    return opened;
  };
  return session;
}

// --- Inside the widget's shadow root ------------------------------------------------------------

function findInShadow(host, selector, text) {
  const root = document.querySelector(host)?.shadowRoot;
  if (!root) return null;
  const norm = (s) => s.replace(/\s+/g, " ").trim();
  for (const el of root.querySelectorAll(selector)) {
    if (text == null || norm(el.textContent).includes(norm(text))) return el;
  }
  return null;
}

/**
 * Waits until the shadow root of the first element matching `host` holds an element matching
 * `selector` (whose whitespace-normalized text contains `text`, if given); returns its handle.
 */
export async function waitForShadow(page, host, selector, { text, timeout } = {}) {
  const handle = await page.waitForFunction(findInShadow, { timeout }, host, selector, text ?? null);
  return handle.asElement();
}

/** The first element matching `selector` in `host`'s shadow root, now (or null). */
export async function shadowQuery(page, host, selector) {
  const handle = await page.evaluateHandle(findInShadow, host, selector, null);
  const element = handle.asElement();
  if (!element) await handle.dispose();
  return element;
}

/** How many elements match `selector` in `host`'s shadow root, now. */
export function shadowCount(page, host, selector) {
  return page.evaluate((h, s) => document.querySelector(h)?.shadowRoot?.querySelectorAll(s).length ?? 0, host, selector);
}

/** Clicks (scrolled into view, at its center) the element, a handle or a selector (`>>>` pierces). */
export async function click(page, target) {
  const handle = typeof target === "string" ? await page.waitForSelector(target) : target;
  await handle.click();
}

/** Focuses the element (a handle or a selector) and types `text` key by key. */
export async function type(page, target, text) {
  const handle = typeof target === "string" ? await page.waitForSelector(target) : target;
  await handle.type(text);
}

/**
 * Waits (in this process) until `condition()` is truthy, polling every `interval` ms; rejects after
 * `timeout` ms. For what the test process records, e.g. `seen` (page conditions: waitForFunction).
 */
/**
 * In the page (pass it to `page.evaluate`): a new `<enrollment-cards>` on the mock's account
 * with the demo token; resolves with its `enrollments-loaded` count, rejects on
 * `enrollments-error` or after 20 s.
 */
export function loadFreshWidget() {
  return new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error("a fresh widget did not load")), 20_000);
    const el = document.createElement("enrollment-cards");
    el.setAttribute("endpoint", "/lms-api");
    el.addEventListener("enrollments-loaded", (event) => resolve(event.detail.count), { once: true });
    el.addEventListener("enrollments-error", (event) => reject(new Error(event.detail.message)), { once: true });
    el.token = "demo-token";
    document.body.append(el);
  });
}

export async function waitUntil(condition, { timeout = 10_000, interval = 20 } = {}) {
  const deadline = now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (now() > deadline) throw new Error(`waitUntil: not true after ${timeout} ms: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

// --- Measurements -------------------------------------------------------------------------------

/**
 * Event listeners on the page's window and document: `js` from the instrument's ledger (both
 * browsers), `devtools` from DOMDebugger.getEventListeners (Chromium only, otherwise absent).
 */
export async function listenerCounts(page) {
  const counts = { js: await page.evaluate(() => globalThis.__e2e.listenerCount()) };
  if (browserName(page) !== "chromium") return counts; // Firefox: WebDriver BiDi, no DevTools
  const cdp = await page.createCDPSession();
  try {
    let total = 0;
    for (const expression of ["window", "document"]) {
      const { result } = await cdp.send("Runtime.evaluate", { expression });
      const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
      total += listeners.length;
    }
    counts.devtools = total;
  } finally {
    await cdp.detach();
  }
  return counts;
}

/**
 * Makes the page's JavaScript engine collect garbage, then gives finalizers a turn. Leptos and
 * wasm-bindgen free the Rust side of an event handler when JavaScript collects its function
 * (FinalizationRegistry), so wasm heap use is only comparable after a collection. Chromium:
 * HeapProfiler.collectGarbage over CDP; Firefox (no such command over BiDi): enough short-lived
 * allocations to set off major collections.
 */
export async function collectGarbage(page) {
  if (browserName(page) === "chromium") {
    const cdp = await page.createCDPSession();
    try {
      await cdp.send("HeapProfiler.collectGarbage");
    } finally {
      await cdp.detach();
    }
  } else {
    // Firefox has no collection on demand here: allocation pressure starts one, and the
    // finalizers that free what wasm-bindgen closures held run in tasks after it. Three rounds,
    // each given time for those tasks, so that one missed round does not keep what a removed
    // widget held until the next call.
    for (let round = 0; round < 3; round++) {
      await page.evaluate(() => {
        for (let i = 0; i < 24; i++) new Uint8Array(16 << 20).fill(1);
      });
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    }
  }
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
}

/**
 * Bytes of WebAssembly linear memory the page's instances hold (the wasm heap), or null when the
 * page created none (skip the check then: `if (bytes === null) t.skip("no wasm")`).
 */
export function wasmHeapBytes(page) {
  return page.evaluate(() => {
    const memories = globalThis.__e2e?.memories ?? [];
    return memories.length ? memories.reduce((sum, memory) => sum + memory.buffer.byteLength, 0) : null;
  });
}

/**
 * How many requests the page sent after `t` (a `now()` taken in the test), optionally only those
 * whose URL contains `match` (a string) or satisfies it (a function). Request events reach the test
 * process a little after the page sends them: wait for what should come before counting.
 */
export function countRequestsAfter(seen, t, match) {
  const test = typeof match === "function" ? match : match == null ? () => true : (url) => url.includes(match);
  return seen.requests.filter((request) => request.time > t && test(request.url)).length;
}
