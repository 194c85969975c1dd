// The <enrollment-cards> custom element: a thin HTMLElement subclass that turns attributes and
// properties into options for the Rust `mount` and keeps its handle. Registered once.

const ATTRIBUTES = [
  "endpoint", "auth-scheme", "learner-ids", "course-ids", "paged", "page-size",
  "locale", "due-soon-days", "filters", "token", "timeout-ms", "max-body-bytes", "retries",
  "max-pages", "enrich", "lookup-batch", "density",
];

/** Properties a host may set before the element is defined. */
const UPGRADED_PROPERTIES = ["token", "tokenProvider", "filters"];

export function defineElement(mount) {
  if (typeof customElements === "undefined" || customElements.get("enrollment-cards")) {
    return;
  }

  class EnrollmentCardsElement extends HTMLElement {
    static get observedAttributes() {
      return ATTRIBUTES;
    }

    #token = null;
    #tokenProvider = null;
    #filters = null;
    #handle = null;
    #scheduled = false;

    constructor() {
      super();
      if (!this.shadowRoot) {
        this.attachShadow({ mode: "open" });
      }
      // A host may set properties before this module has loaded, on the plain element: those
      // own properties would hide this class's accessors. Take them over ("upgrade property").
      for (const name of UPGRADED_PROPERTIES) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = this[name];
          delete this[name];
          this[name] = value;
        }
      }
    }

    connectedCallback() {
      this.#schedule();
    }

    disconnectedCallback() {
      // Moved rather than removed (disconnected and connected again in one task): keep the
      // widget and what it loaded. Otherwise unmount, even if reading the filters throws.
      queueMicrotask(() => {
        if (this.isConnected || !this.#handle) {
          return;
        }
        const handle = this.#handle;
        this.#handle = null;
        try {
          this.#filters = handle.filters;
        } finally {
          try {
            handle.unmount();
          } finally {
            handle.free();
          }
        }
      });
    }

    attributeChangedCallback(_name, oldValue, newValue) {
      if (oldValue !== newValue) {
        this.#schedule();
      }
    }

    /** The access token. Never reflected to an attribute; a new one never reloads. */
    get token() {
      return this.#token ?? "";
    }

    set token(value) {
      this.#token = value == null ? null : String(value);
      this.#schedule();
    }

    /** `async () => token`: called when there is no token, and once after a 401. */
    get tokenProvider() {
      return this.#tokenProvider;
    }

    set tokenProvider(provider) {
      this.#tokenProvider = typeof provider === "function" ? provider : null;
      this.#schedule();
    }

    /** The filter state as plain JSON (save it, set it back later). */
    get filters() {
      return this.#handle ? this.#handle.filters : this.#filters;
    }

    set filters(value) {
      this.#filters = value ?? null;
      if (this.#handle) {
        this.#handle.filters = this.#filters;
      }
    }

    /** The current view (filtered and sorted) as CSV text, what "Export CSV" downloads; `null`
     * before the widget is mounted. */
    exportCsv() {
      return this.#handle ? this.#handle.exportCsv() : null;
    }

    /** The IDs of the selected enrollments, in selection order. */
    get selectedIds() {
      return this.#handle ? this.#handle.selectedIds : [];
    }

    #options() {
      const attribute = (name) => this.getAttribute(name);
      return {
        endpoint: attribute("endpoint") ?? "",
        authScheme: attribute("auth-scheme"),
        token: this.#token ?? attribute("token") ?? "",
        tokenProvider: this.#tokenProvider,
        learnerIds: attribute("learner-ids") ?? "",
        courseIds: attribute("course-ids") ?? "",
        paged: this.hasAttribute("paged") && attribute("paged") !== "false",
        pageSize: attribute("page-size"),
        locale: attribute("locale"),
        dueSoonDays: attribute("due-soon-days"),
        filters: attribute("filters"),
        filterState: this.#filters,
        timeoutMs: attribute("timeout-ms"),
        maxBodyBytes: attribute("max-body-bytes"),
        retries: attribute("retries"),
        maxPages: attribute("max-pages"),
        enrich: attribute("enrich"),
        lookupBatch: attribute("lookup-batch"),
        density: attribute("density"),
      };
    }

    // Attribute and property changes made together are applied once, in a microtask.
    #schedule() {
      if (this.#scheduled) {
        return;
      }
      this.#scheduled = true;
      queueMicrotask(() => {
        this.#scheduled = false;
        if (!this.isConnected) {
          return;
        }
        const options = this.#options();
        try {
          if (this.#handle) {
            this.#handle.update(options);
          } else {
            this.#handle = mount(this, options);
          }
        } catch (error) {
          // Never an uncaught error in the host page: report it like a load error. A trapped
          // module (a bug, and every widget on the page shares it) also goes to the page's
          // error reporting, where the host's error tracker sees it.
          if (error instanceof WebAssembly.RuntimeError) globalThis.reportError?.(error);
          const message = String(error?.message ?? error);
          this.dispatchEvent(new CustomEvent("enrollments-error", {
            bubbles: true, composed: true, detail: { status: null, message },
          }));
        }
      });
    }
  }

  customElements.define("enrollment-cards", EnrollmentCardsElement);
}
