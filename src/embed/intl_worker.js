// Loads the browser's locale data off the main thread. A page's first `Intl` formatter takes
// 15-35 ms on the main thread, whichever formatter it is and for whatever locale: the browser
// loads its locale data then. The page's threads share that data, so once a worker has built a
// formatter, the page's first takes under a millisecond. Without this, the widget paid for it
// in the middle of its first cards, for their first date.
//
// This file runs in two places. On the page, the widget's glue imports it before fetching the
// wasm module, and it starts itself as a module worker. In that worker, it builds a date and a
// number formatter and ends. Nothing here throws into the page: where the worker is refused (a
// policy with `worker-src 'none'`, which then reports that one violation, or the module served
// from another origin), the widget builds its formatters itself, as before.

/** The worker's name: this file ends only a worker of that name (a host may import it elsewhere). */
const NAME = "enrollment-cards intl";
const inWorker = typeof WorkerGlobalScope !== "undefined" && globalThis instanceof WorkerGlobalScope;
let started = false;

/** Starts the worker, once (the module's start function calls it too). */
export function warmUpIntl() {
  if (started || inWorker || typeof Worker === "undefined") {
    return;
  }
  started = true;
  try {
    // Named, not `import.meta.url` itself: bundlers recognise `new URL("./file", import.meta.url)`
    // and give the worker this file alone (in a host's bundle, `import.meta.url` is the bundle's).
    new Worker(new URL("./intl_worker.js", import.meta.url), { type: "module", name: NAME });
  } catch {
    // Refused: the first formatter then loads the data on the main thread.
  }
}

if (inWorker && globalThis.name === NAME) {
  try {
    new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }).format(0);
    new Intl.NumberFormat().format(1000);
  } catch {
    // No `Intl` here: nothing to load.
  }
  globalThis.close();
} else if (!inWorker) {
  warmUpIntl();
}
