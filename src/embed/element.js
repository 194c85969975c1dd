// The <enrollment-cards> custom element: a thin HTMLElement subclass that turns attributes and
// properties into options for the Rust `mount` and keeps its handle. Registered once.

const ATTRIBUTES = [
  "endpoint", "auth-scheme", "learner-ids", "course-ids", "paged", "page-size",
  "locale", "due-soon-days", "filters", "token",
];

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
      this.attachShadow({ mode: "open" });
    }

    connectedCallback() {
      this.#schedule();
    }

    disconnectedCallback() {
      if (this.#handle) {
        this.#filters = this.#handle.filters;
        this.#handle.unmount();
        this.#handle.free();
        this.#handle = null;
      }
    }

    attributeChangedCallback(_name, oldValue, newValue) {
      if (oldValue !== newValue) {
        this.#schedule();
      }
    }

    /** The access token. Never reflected to an attribute. */
    get token() {
      return this.#token ?? "";
    }

    set token(value) {
      this.#token = value == null ? null : String(value);
      this.#schedule();
    }

    /** `async () => token`: called on start and once after a 401. */
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
        if (this.#handle) {
          this.#handle.update(options);
        } else {
          this.#handle = mount(this, options);
        }
      });
    }
  }

  customElements.define("enrollment-cards", EnrollmentCardsElement);
}
