// What the benchmark pages (page.js, cold.js) share: waiting for the browser's next task and
// next frame, garbage collection between runs, and the moment an element first appears.

/** Resolves at the start of the next task (after every pending microtask: reactive effects). */
export const nextTask = () =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

/** Resolves once the next frame has been produced (its rendering steps done). */
export const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => nextTask().then(resolve)));

/** Collects garbage between runs when Chromium runs with --js-flags=--expose-gc. */
export const collect = () => globalThis.gc?.();

/** Resolves as soon as `root` (a shadow root) holds an element matching `selector`. */
export const appears = (root, selector) =>
  new Promise((resolve) => {
    const seen = () => root.querySelector(selector) !== null;
    if (seen()) return resolve();
    const observer = new MutationObserver(() => seen() && (observer.disconnect(), resolve()));
    observer.observe(root, { childList: true, subtree: true });
  });

/**
 * Records every `fetch` the page makes from now on: its URL and when it was called
 * (`performance.now()`). The widget's wasm looks `fetch` up on the global object at each call,
 * so its requests, retries included, are all seen. Returns the list it fills.
 */
export function recordFetches() {
  const calls = [];
  const pageFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : new URL(String(input), location.href).href;
    calls.push({ url, at: performance.now() });
    return pageFetch(input, init);
  };
  return calls;
}

/** Which of the LMS routes `url` calls ("enrollments", "users/v2", ...), or null. */
export function route(url) {
  const path = new URL(url).pathname;
  const known = ["enrollments", "enrollment", "users/v2", "contents", "learners/results", "departments"];
  return known.find((r) => path.endsWith(`/${r}`)) ?? null;
}

/** Sets each of `attributes` on `element` (`true`: present without a value). */
export function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value === true ? "" : String(value));
  }
  return element;
}
