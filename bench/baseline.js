// The JavaScript competitor: what a hand-written widget does with the same answer. The browser's
// DOMParser builds the document, every field of every <enrollment> is read into a plain object
// (both certificate shapes, 0/1 and false/true booleans), and a keystroke filters those objects.
// Dates stay ISO strings (they compare as text), which is the cheapest a JS widget can do.
//
// `<baseline-cards>` (defineBaselineElement) is the same work as a widget a host page creates:
// it fetches the paged endpoint, parses each page so, and renders the first screenful of cards.
// bench/cold.html measures its first card against the wasm widget's.

const BOOLEAN = { 1: true, true: true, 0: false, false: false };

/** Parses one `GET /enrollment` answer into plain objects; throws on malformed XML. */
export function parseBaseline(xml) {
  return readEnrollments(parseDocument(xml));
}

/** One page of `GET /enrollments`: its enrollments and the next page's token (null: the last). */
export function parsePage(xml) {
  const doc = parseDocument(xml);
  const next = doc.getElementsByTagName("nextPageToken")[0]?.textContent.trim();
  return { items: readEnrollments(doc), next: next || null };
}

function parseDocument(xml) {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  if (doc.getElementsByTagName("parsererror").length > 0) {
    throw new Error("the answer is not well-formed XML");
  }
  return doc;
}

function readEnrollments(doc) {
  const nodes = doc.getElementsByTagName("enrollment");
  const items = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    items[i] = readEnrollment(nodes[i]);
  }
  return items;
}

function readEnrollment(node) {
  const e = {
    enrollmentId: "",
    courseId: "",
    learnerId: "",
    accessDate: "",
    dueDate: null,
    expirationDate: null,
    shouldLockAfterDueDate: false,
    enrollmentTypeGroup: 0,
    certificate: null,
  };
  for (let child = node.firstElementChild; child; child = child.nextElementSibling) {
    const text = child.textContent.trim();
    switch (child.localName) {
      case "enrollmentId": e.enrollmentId = text; break;
      case "courseId": e.courseId = text; break;
      case "learnerId": e.learnerId = text; break;
      case "accessDate": e.accessDate = text; break;
      case "dueDate": e.dueDate = text; break;
      case "expirationDate": e.expirationDate = text; break;
      case "shouldLockAfterDueDate": e.shouldLockAfterDueDate = BOOLEAN[text] ?? false; break;
      case "enrollmentTypeGroup": e.enrollmentTypeGroup = Number(text); break;
      case "certificate": e.certificate = readCertificate(child); break;
      // The reference page's flat shape.
      case "issuedCertificateId": certificate(e).id = text; break;
      case "certIssueDate": certificate(e).issueDate = text; break;
      case "certExpiryDate": certificate(e).expiryDate = text; break;
    }
  }
  return e;
}

function certificate(e) {
  return (e.certificate ??= { id: "", issueDate: null, expiryDate: null });
}

function readCertificate(node) {
  const c = { id: "", issueDate: null, expiryDate: null };
  for (let child = node.firstElementChild; child; child = child.nextElementSibling) {
    const text = child.textContent.trim();
    switch (child.localName) {
      case "issuedCertificateId": c.id = text; break;
      case "issueDate": c.issueDate = text; break;
      case "expiryDate": c.expiryDate = text; break;
    }
  }
  return c;
}

/** The enrollments whose enrollment, course or learner ID contains `text` (any case). */
export function filterBaseline(items, text) {
  const needle = text.trim().toLowerCase();
  if (needle === "") return items;
  return items.filter(
    (e) =>
      e.enrollmentId.toLowerCase().includes(needle) ||
      e.courseId.toLowerCase().includes(needle) ||
      e.learnerId.toLowerCase().includes(needle),
  );
}

// ---- the baseline widget ----------------------------------------------------------------------

/** Cards rendered: one screenful (the wasm widget's card window shows 4 × 7 at 1400×900 px). */
const SCREENFUL = 28;

const STYLE = `
  :host { display: block; font: 14px/1.4 system-ui, sans-serif; }
  .list {
    display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px;
    height: var(--ec-list-height, 600px); overflow: auto;
  }
  article { border: 1px solid #ccc; border-radius: 6px; padding: 8px; }
  h3 { margin: 0 0 4px; font-size: 14px; overflow-wrap: anywhere; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; margin: 4px 0 0; }
  dd { margin: 0; }
`;

/**
 * Registers `<baseline-cards endpoint token page-size locale>`: on connection it loads every page
 * of `GET {endpoint}/enrollments` in turn (Authorization: the token), parses each with DOMParser
 * as above, renders the first screenful of cards as soon as the first page is in and keeps the
 * count up to date.
 */
export function defineBaselineElement() {
  if (!customElements.get("baseline-cards")) customElements.define("baseline-cards", BaselineCards);
}

class BaselineCards extends HTMLElement {
  #items = [];
  #abort = new AbortController();
  #count;
  #list;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = STYLE;
    this.#count = document.createElement("p");
    this.#list = document.createElement("div");
    this.#list.className = "list";
    root.append(style, this.#count, this.#list);
  }

  connectedCallback() {
    // Attributes set right after creation are in by then (as the wasm widget's element does).
    queueMicrotask(() => this.#load().catch((error) => this.#fail(error)));
  }

  disconnectedCallback() {
    this.#abort.abort();
  }

  async #load() {
    const size = this.getAttribute("page-size") ?? "1000";
    const dates = new Intl.DateTimeFormat(this.getAttribute("locale") ?? undefined, { dateStyle: "medium" });
    let token = null;
    do {
      const url = new URL(`${this.getAttribute("endpoint")}/enrollments`, location.href);
      url.searchParams.set("pageSize", size);
      if (token) url.searchParams.set("pageToken", token);
      const response = await fetch(url, {
        headers: { Authorization: this.getAttribute("token") ?? "" },
        signal: this.#abort.signal,
      });
      if (!response.ok) throw new Error(`GET /enrollments: ${response.status}`);
      const page = parsePage(await response.text());
      const first = this.#items.length === 0;
      for (const item of page.items) this.#items.push(item);
      if (first) this.#render(dates);
      this.#count.textContent = `${this.#items.length.toLocaleString()} enrollments`;
      token = page.next;
    } while (token);
  }

  #render(dates) {
    const day = (iso) => {
      if (!iso) return "—";
      const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
      return dates.format(new Date(y, m - 1, d));
    };
    const cards = this.#items.slice(0, SCREENFUL).map((e) => {
      const card = document.createElement("article");
      card.dataset.enrollmentId = e.enrollmentId;
      const title = document.createElement("h3");
      title.textContent = e.courseId;
      const learner = document.createElement("p");
      learner.textContent = e.learnerId;
      const fields = document.createElement("dl");
      const certificate = e.certificate ? `Issued ${day(e.certificate.issueDate)}` : "None";
      for (const [label, value] of [
        ["Access", day(e.accessDate)],
        ["Due", e.dueDate ? day(e.dueDate) : "No due date"],
        ["Certificate", certificate],
      ]) {
        const dt = document.createElement("dt");
        dt.textContent = label;
        const dd = document.createElement("dd");
        dd.textContent = value;
        fields.append(dt, dd);
      }
      card.append(title, learner, fields);
      return card;
    });
    this.#list.replaceChildren(...cards);
  }

  #fail(error) {
    if (error?.name === "AbortError") return;
    this.#count.textContent = String(error?.message ?? error);
    const detail = { message: this.#count.textContent };
    this.dispatchEvent(new CustomEvent("enrollments-error", { bubbles: true, composed: true, detail }));
  }
}
