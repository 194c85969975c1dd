// The cold page: what a person meets first. bench/run.mjs opens it in a fresh browser context
// (empty HTTP cache, no compiled code, nothing run before) as `cold.html?widget=wasm` (the
// shipped module, pkg/, loaded as a host page loads it) or `cold.html?widget=js` (the JavaScript
// baseline widget of baseline.js), with `&page-size=N` and, optionally, `&idle=MS` and
// `&latency=MS`, and reads
// `window.cold.result` once. Nothing is warmed up: that first card is the measurement.
//
// The page creates the element itself, so that "as soon as the module is ready" means it: in the
// same task, before the page has been idle for a moment. (Created from the driver instead, the
// element came a round trip later, and the module had sometimes used that idle moment for its
// rehearsal of a first load, `src/embed/warm_up.rs`: two thirds of the functions compiled ahead.)

import { appears, nextFrame, recordFetches, route, setAttributes } from "./timing.js";

// `&latency=MS`: the mock holds page 1 back that long (its `latency` fault), as a real network
// and service would; page 1 otherwise comes back from the local mock in a few milliseconds.
const latencyMs = Number(new URLSearchParams(location.search).get("latency") ?? 0);
const ENDPOINT = latencyMs > 0 ? `/_fault/latency=${latencyMs},page=1` : "/lms-api";
const TOKEN = "demo-token";
const CARD = "article[data-enrollment-id]";

// Installed before the widget's module loads, so its first request is seen when it is made.
const fetches = recordFetches();
const params = new URLSearchParams(location.search);
const widget = params.get("widget");
const pageSize = Number(params.get("page-size") ?? 1000);
const idleMs = Number(params.get("idle") ?? 0);

/**
 * The module loaded, compiled and initialized, the element defined: when a host page could
 * first create the element (milliseconds since the navigation started).
 */
const ready = (async () => {
  if (widget === "wasm") {
    const module = await import("../pkg/enrollment_cards.js");
    await module.default(); // instantiates the wasm; its start function defines <enrollment-cards>
  } else if (widget === "js") {
    const { defineBaselineElement } = await import("./baseline.js");
    defineBaselineElement();
  } else {
    throw new Error(`cold.html?widget=wasm or ?widget=js, not ${widget}`);
  }
  return performance.now();
})();

/**
 * Creates the widget's element (paged, `pageSize` per page, every attribute as a host sets them,
 * enrichment at its default) and times, from just before `createElement`:
 * - `requestMs`: the widget's first request for enrollments (its `fetch` call);
 * - `receivedMs`: that first page received (resource timing's `responseEnd`);
 * - `firstCardMs`: the frame after the first card element entered the DOM, painted.
 */
async function firstCard() {
  const slot = document.getElementById("widget");
  const t0 = performance.now();
  performance.mark("cold:created"); // for traces (Performance panel, tracing)
  const element = document.createElement(widget === "wasm" ? "enrollment-cards" : "baseline-cards");
  setAttributes(element, { endpoint: ENDPOINT, token: TOKEN, paged: true, "page-size": pageSize, locale: "en-US" });
  slot.append(element);
  await appears(element.shadowRoot, CARD);
  await nextFrame();
  const painted = performance.now();
  const request = fetches.find((f) => f.at >= t0 && route(f.url) === "enrollments");
  const received = performance
    .getEntriesByType("resource")
    .find((e) => e.startTime >= t0 && route(e.name) === "enrollments");
  return {
    moduleMs: await ready,
    requestMs: request ? request.at - t0 : NaN,
    receivedMs: received ? received.responseEnd - t0 : NaN,
    firstCardMs: painted - t0,
  };
}

window.cold = {
  /**
   * The measurement: the element created in the task the module became ready in (`idle` 0), or
   * once the page has been idle for `idle` ms after that (a host that loads the module early).
   */
  result: ready.then(async () => {
    if (idleMs > 0) await new Promise((resolve) => setTimeout(resolve, idleMs));
    return firstCard();
  }),
};
