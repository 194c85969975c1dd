// End-to-end checks of the widget's finish, in Chromium and Firefox ESR (see browsers.js), on
// examples/polish.html: CSV export (the file and the download), the field picker, selection, the
// Russian interface, a narrow (380px) host, compact density, the print list, and accessibility
// (axe-core) in every state the widget shows. The mock LMS serves the pages and the API on one
// origin (MOCK_LMS_URL; 300 enrollments, seed 1):
//
//   scripts/with-mock.sh --seed 1 --enrollments 300 --today 2026-11-26 --static . -- node --test e2e/polish.test.js
//
// polish.html?widgets=main,ru keeps only the widgets named (each loads its own account), and
// `window.addWidget({ id, endpoint, attributes, token, filters })` adds one; every event of every
// widget is in `window.events` as { name, source (the element's id), detail }.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BROWSERS, browserName, click, shadowCount, type, useBrowser, waitForShadow, waitUntil } from "./browsers.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const AXE = join(HERE, "node_modules", "axe-core", "axe.min.js");
const PAGE = "/examples/polish.html";
const TOTAL = 300; // the mock's account (--enrollments 300)
const RU_TOTAL = 2500; // the Russian widget's account (many=2500 in polish.html)
const PRINT_CAP = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// --- Page helpers ---------------------------------------------------------------------------------

/** Opens polish.html with only `widgets` and waits until each has loaded and resolved names. */
async function openWidgets(session, widgets, options) {
  const opened = await session.open(`${PAGE}?widgets=${widgets.join(",")}`, options);
  await opened.page.waitForFunction(
    (ids) => ids.every((id) => window.events?.some((e) => e.name === "enrichment-status" && e.source === id)),
    { timeout: 30_000 },
    widgets,
  );
  return opened;
}

/** `[data-ec=count]`'s numbers: { shown, total, text }. */
function counts(page, host) {
  return page.evaluate((h) => {
    const count = document.querySelector(h).shadowRoot.querySelector("[data-ec=count]");
    return { shown: Number(count.dataset.shown), total: Number(count.dataset.total), text: count.textContent };
  }, host);
}

/** Waits until `[data-ec=count]` shows fewer than `total` (a filter has applied) and returns its numbers. */
async function waitFiltered(page, host, total = TOTAL) {
  await page.waitForFunction(
    (h, all) => {
      const count = document.querySelector(h).shadowRoot.querySelector("[data-ec=count]");
      return Number(count?.dataset.shown) < all;
    },
    {},
    host,
    total,
  );
  return counts(page, host);
}

/** Clicks a status chip and waits until it is pressed and the count has followed. */
async function pressStatus(page, host, status, total = TOTAL) {
  await click(page, await waitForShadow(page, host, `[data-ec=status-chip][data-value=${status}]`));
  await waitForShadow(page, host, `[data-ec=status-chip][data-value=${status}][aria-pressed=true]`);
  return waitFiltered(page, host, total);
}

/** How many events the page has recorded (a mark for `eventsSince`). */
const mark = (page) => page.evaluate(() => window.events.length);

/** Waits for an event `name` from `source` recorded after `since` that satisfies `match`
 * (a function source evaluated in the page with the detail as `d`); returns its detail. */
async function waitEvent(page, name, source, since, match = "true") {
  const handle = await page.waitForFunction(
    (n, s, m, test) => {
      const accept = new Function("d", `return (${test});`);
      return window.events.slice(m).findLast((e) => e.name === n && e.source === s && accept(e.detail))?.detail;
    },
    {},
    name,
    source,
    since,
    match,
  );
  return handle.jsonValue();
}

/** The enrollment IDs of the rendered cards, by `data-index`. */
function renderedIds(page, host) {
  return page.evaluate((h) => {
    const cards = [...document.querySelector(h).shadowRoot.querySelectorAll("article[data-enrollment-id]")];
    return cards
      .map((c) => [Number(c.dataset.index), c.dataset.enrollmentId])
      .sort((a, b) => a[0] - b[0]);
  }, host);
}

/** The deepest focused element's enrollment ID and `data-ec`. */
function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { id: el?.dataset?.enrollmentId ?? null, ec: el?.dataset?.ec ?? null };
  });
}

/** Replaces the text of the search box (select all, then type; an empty `text` clears it). */
async function search(page, host, text) {
  const box = await waitForShadow(page, host, "[data-ec=search]");
  await box.click({ count: 3 });
  await page.keyboard.press("Backspace");
  if (text) await type(page, box, text);
}

/**
 * What a mouse click at the element's centre would land on instead of it (the deepest element
 * there, as HTML), or null when it lands on the element or inside it. Scrolls it into view first,
 * as a click does.
 */
function coveredBy(handle) {
  return handle.evaluate((el) => {
    el.scrollIntoView({ block: "nearest", inline: "nearest" });
    const r = el.getBoundingClientRect();
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
    let hit = document.elementFromPoint(x, y);
    while (hit?.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    return hit === el || el.contains(hit) ? null : (hit?.outerHTML.slice(0, 160) ?? "nothing");
  });
}

/**
 * Clicks a control; when something covers it, notes that in `problems` (asserted empty at the
 * end of the test) and operates it from the keyboard instead (focus, Space), so the test goes
 * on to check the rest.
 */
async function operate(page, handle, what, problems) {
  const cover = await coveredBy(handle);
  if (cover === null) return handle.click();
  problems.push(`${what}: a click at its centre lands on ${cover}`);
  await handle.focus();
  await page.keyboard.press(" ");
}

// --- CSV ------------------------------------------------------------------------------------------

/**
 * A strict RFC 4180 reader: records end with CRLF (also the last), fields are separated by `,`
 * and are either bare (no `"`, `,`, CR or LF) or quoted (`"` doubled inside). Throws on anything
 * else, with the offset.
 */
function parseCsv(text) {
  const records = [];
  let record = [];
  let i = 0;
  const fail = (why) => {
    throw new Error(`CSV: ${why} at offset ${i}: ${JSON.stringify(text.slice(Math.max(0, i - 40), i + 40))}`);
  };
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) fail("unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          field += text[i++];
        }
      }
    } else {
      while (i < text.length && !",\r\n".includes(text[i])) {
        if (text[i] === '"') fail("quote inside a bare field");
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ",") {
      i++;
      if (i >= text.length) fail("file ends after a separator");
    } else if (text[i] === "\r" && text[i + 1] === "\n") {
      i += 2;
      records.push(record);
      record = [];
    } else if (i >= text.length) {
      fail("the last record does not end with CRLF");
    } else {
      fail(`bare ${JSON.stringify(text[i])} (lines must end with CRLF)`);
    }
  }
  return records;
}

/** Whether `s` is a real calendar day written YYYY-MM-DD. */
const isIsoDay = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

// In the page, before a widget loads: the answers for names and course titles are rewritten so
// that every name and title starts with a character a spreadsheet evaluates (= + - @), and every
// title holds quotes and a comma, as a hostile or careless LMS record could.
const HOSTILE_TITLE = '"Quoted, too" ';
function hostileNames(quoted) {
  const fetch = window.fetch;
  const starts = ["=", "+", "-", "@"];
  let n = 0;
  window.fetch = async function (input, init) {
    const response = await fetch.call(this, input, init);
    const url = typeof input === "string" ? input : input.url;
    const users = url.includes("/users/v2");
    const titles = url.includes("/contents") || url.includes("/learners/results");
    if (!response.ok || (!users && !titles)) return response;
    let text = await response.text();
    if (users) {
      // Given and family name alike, whichever the name is written with first.
      text = text.replace(/<userProfile>[\s\S]*?<\/userProfile>/g, (profile) => {
        const start = starts[n++ % starts.length];
        return profile.replace(/<name>(?:FIRST_NAME|LAST_NAME)<\/name><value>/g, (all) => all + start);
      });
    } else {
      // The same start for a course wherever its title comes from (contents, results).
      text = text.replace(
        /(<(title|courseTitle)>)([^<]*)/g,
        (all, open, tag, title) => open + starts[title.length % starts.length] + quoted + title,
      );
    }
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

// In the page: records each download the widget starts (the Blob behind the link it clicks) in
// `window.downloads` as { name, type, text } (text decoded keeping the BOM). With `passThrough`
// the link is clicked for real as well (the browser saves the file).
function captureDownloads(passThrough) {
  window.downloads = [];
  const blobs = new Map();
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (object) {
    const url = createObjectURL.call(URL, object);
    blobs.set(url, object);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    const blob = blobs.get(this.href);
    if (!this.download || !blob) return click.call(this);
    const entry = { name: this.download, type: blob.type, text: null };
    window.downloads.push(entry);
    blob.arrayBuffer().then((bytes) => {
      entry.text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    });
    if (passThrough) click.call(this);
  };
}

// --- Accessibility --------------------------------------------------------------------------------

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/** Runs axe on the widget `host` (its open shadow root included); returns the violations as
 * { ids, report } (report: each one's rule, impact, help and nodes). */
async function axeViolations(page, host, state) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(
    async (h, tags) => {
      const result = await window.axe.run(document.querySelector(h), {
        runOnly: { type: "tag", values: tags },
        // Nothing is disabled: the page-level rules (landmark-one-main, page-has-heading-one,
        // region) look at the document, which is outside this context, so they do not apply.
        resultTypes: ["violations"],
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary, html: n.html.slice(0, 200) })),
      }));
    },
    host,
    AXE_TAGS,
  );
  const report = violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.html}\n      ${n.summary.replace(/\n/g, "\n      ")}`).join("\n"),
    )
    .join("\n");
  return { ids: violations.map((v) => `${host} (${state}): ${v.id}`), report: report && `axe violations in ${host} (${state}):\n${report}` };
}

/** Asserts that axe finds no violation in any of `checks` ([host, state] pairs), listing them all. */
async function assertAccessible(page, ...checks) {
  const found = [];
  for (const [host, state] of checks) found.push(await axeViolations(page, host, state));
  assert.deepEqual(
    found.flatMap((f) => f.ids),
    [],
    found
      .map((f) => f.report)
      .filter(Boolean)
      .join("\n"),
  );
}

// --- Russian plural ---------------------------------------------------------------------------------

/** The form of «день» after the number `n` (CLDR: one, few, many). */
function russianDays(n) {
  if (n % 10 === 1 && n % 100 !== 11) return "день";
  if (n % 10 >= 2 && n % 10 <= 4 && !(n % 100 >= 12 && n % 100 <= 14)) return "дня";
  return "дней";
}

for (const name of BROWSERS) {
  describe(name, () => {
    const session = useBrowser(name);

    test("Export CSV: BOM, header, CRLF, one line per enrollment of the filtered and sorted view, ISO dates, formula-safe cells; the button downloads the same text", async () => {
      const { page } = await session.open(`${PAGE}?widgets=none`);
      await page.waitForFunction(() => window.ready === true);
      await page.evaluate(hostileNames, HOSTILE_TITLE);
      await page.evaluate(() => window.addWidget({ id: "main", attributes: { locale: "en" } }));
      await page.waitForFunction(() => window.events.some((e) => e.name === "enrichment-status" && e.source === "main"));

      // A filter and a sort: overdue enrollments, latest due date first.
      const { shown } = await pressStatus(page, "#main", "overdue");
      assert.ok(shown > 1, `overdue: ${shown}`);
      const since = await mark(page);
      const sort = await waitForShadow(page, "#main", "[data-ec=sort]");
      await sort.select("due");
      await click(page, await waitForShadow(page, "#main", "[data-ec=sort-direction]"));
      await waitEvent(page, "filters-change", "main", since, "d.sort.key === 'due' && d.sort.descending");
      assert.equal((await counts(page, "#main")).shown, shown, "sorting keeps the count");

      const csv = await page.evaluate(() => document.getElementById("main").exportCsv());
      assert.equal(typeof csv, "string");
      assert.ok(csv.startsWith("\uFEFF"), "starts with the byte order mark U+FEFF");
      assert.ok(csv.endsWith("\r\n"), "the last line ends with CRLF too");
      const records = parseCsv(csv.slice(1));
      const [header, ...rows] = records;
      assert.equal(header[0], "Enrollment ID", `header: ${header.join(" | ")}`);
      for (const column of ["Course ID", "Learner ID", "Learner name", "Course title", "Status", "Due date", "Access date"]) {
        assert.ok(header.includes(column), `header has "${column}": ${header.join(" | ")}`);
      }
      assert.equal(rows.length, shown, "one line per enrollment shown ([data-ec=count] data-shown)");
      const col = Object.fromEntries(header.map((h, i) => [h, i]));
      for (const row of rows) assert.equal(row.length, header.length, `a full row: ${JSON.stringify(row)}`);

      // IDs always there, each enrollment once.
      for (const row of rows) {
        for (const id of ["Enrollment ID", "Course ID", "Learner ID"]) {
          assert.match(row[col[id]], UUID, `${id} in ${JSON.stringify(row)}`);
        }
      }
      assert.equal(new Set(rows.map((r) => r[col["Enrollment ID"]])).size, rows.length, "no enrollment twice");

      // The view's filter and order: all overdue, latest due first, the cards' order.
      assert.deepEqual([...new Set(rows.map((r) => r[col.Status]))], ["Overdue"]);
      const due = rows.map((r) => r[col["Due date"]]);
      assert.deepEqual(due, [...due].sort().reverse(), "sorted by due date, descending");
      const cards = await renderedIds(page, "#main");
      assert.ok(cards.length > 0);
      for (const [index, id] of cards) {
        assert.equal(rows[index][col["Enrollment ID"]], id, `line ${index + 1} is the card at position ${index}`);
      }

      // Dates: ISO days; certificate instants UTC.
      for (const row of rows) {
        assert.ok(isIsoDay(row[col["Access date"]]), `access date ${row[col["Access date"]]}`);
        for (const day of ["Due date", "Expiration date", "Completed on"]) {
          const value = row[col[day]];
          assert.ok(value === "" || isIsoDay(value), `${day} "${value}"`);
        }
        for (const instant of header.filter((h) => /^Certificate (issued|expires)/.test(h))) {
          const value = row[col[instant]];
          assert.ok(value === "" || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value), `${instant} "${value}"`);
        }
      }

      // Formula safety: no cell starts with = + - @ (or TAB, CR) unless behind a '.
      for (const record of records) {
        for (const cell of record) {
          assert.ok(!/^[=+\-@\t\r]/.test(cell), `a cell a spreadsheet would evaluate: ${JSON.stringify(cell)}`);
        }
      }
      const names = rows.map((r) => r[col["Learner name"]]).filter(Boolean);
      assert.ok(names.length > 0, "names were resolved");
      for (const start of ["=", "+", "-", "@"]) {
        assert.ok(
          names.some((n) => n.startsWith(`'${start}`)),
          `a name starting with ${start} is written '${start}…: ${JSON.stringify(names.slice(0, 8))}`,
        );
      }
      const titles = rows.map((r) => r[col["Course title"]]).filter(Boolean);
      assert.ok(titles.length > 0, "titles were resolved");
      for (const title of titles) {
        assert.match(title, /^'[=+\-@]"Quoted, too" /, "prefixed, and read back whole from its quotes");
      }
      // Each rendered card's course and learner, as the file writes them: behind a '.
      const shownText = await page.evaluate(() =>
        [...document.getElementById("main").shadowRoot.querySelectorAll("article[data-enrollment-id]")].map((c) => [
          Number(c.dataset.index),
          c.querySelector("[data-ec=course]").textContent,
          c.querySelector("[data-ec=learner]").textContent,
        ]),
      );
      for (const [index, title, learner] of shownText) {
        assert.equal(rows[index][col["Course title"]], `'${title}`);
        if (/^[=+\-@]/.test(learner)) assert.equal(rows[index][col["Learner name"]], `'${learner}`);
      }

      // The button: a download of exactly that text, named for the day.
      const chromium = browserName(page) === "chromium";
      let dir = null;
      let cdp = null;
      const finished = [];
      if (chromium) {
        // Chromium saves the file for real, into a temporary directory.
        dir = await mkdtemp(join(tmpdir(), "ec-download-"));
        cdp = await page.browser().target().createCDPSession();
        cdp.on("Browser.downloadProgress", (e) => {
          if (e.state === "completed") finished.push(e.guid);
        });
        await cdp.send("Browser.setDownloadBehavior", {
          behavior: "allow",
          downloadPath: dir,
          browserContextId: page.browserContext().id,
          eventsEnabled: true,
        });
      }
      try {
        await page.evaluate(captureDownloads, chromium);
        await click(page, await waitForShadow(page, "#main", "[data-ec=export]"));
        await page.waitForFunction(() => window.downloads.length === 1 && window.downloads[0].text !== null);
        const download = await page.evaluate(() => window.downloads[0]);
        const today = await page.evaluate(() => {
          const d = new Date();
          return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
        });
        assert.equal(download.name, `enrollments-${today}.csv`, "named for the day");
        assert.match(download.type, /^text\/csv/);
        assert.equal(download.text, csv, "the downloaded text is exportCsv()'s");
        if (chromium) {
          await waitUntil(() => finished.length === 1, { timeout: 10_000 });
          const files = await readdir(dir);
          assert.deepEqual(files, [download.name]);
          const bytes = await readFile(join(dir, files[0]));
          assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "the file starts with the UTF-8 BOM");
          assert.equal(bytes.toString("utf8"), csv, "the saved file is exportCsv()'s text");
        }
        const button = await waitForShadow(page, "#main", "[data-ec=export]");
        assert.equal(await button.evaluate((b) => [b.textContent, b.getAttribute("aria-busy")].join("|")), "Export CSV|false");
      } finally {
        await cdp?.detach();
        if (dir) await rm(dir, { recursive: true, force: true });
      }
    });

    test("field picker: hiding Type and moving Due up changes the cards, filters.fields and filters-change; a fresh element restores it", async () => {
      const { page } = await openWidgets(session, ["main"]);
      await waitForShadow(page, "#main", "article[data-enrollment-id] dl[data-field=type]");
      const fields = await waitForShadow(page, "#main", "[data-ec=fields]");
      await click(page, await waitForShadow(page, "#main", "[data-ec=fields] > summary"));
      await page.waitForFunction(() => document.getElementById("main").shadowRoot.querySelector("[data-ec=fields]").open);

      const problems = [];
      const since = await mark(page);
      const hide = await waitForShadow(page, "#main", "[data-ec=fields] li[data-field=type] input[type=checkbox]");
      await operate(page, hide, 'the field picker\'s "Show Type" checkbox', problems);
      await page.waitForFunction(() => !document.getElementById("main").shadowRoot.querySelector("article dl[data-field=type]"));
      const up = () => waitForShadow(page, "#main", "[data-ec=fields] li[data-field=due] [data-ec=field-up]");
      await operate(page, await up(), 'the field picker\'s "Move Due up" button', problems);
      await page.waitForFunction(
        () => document.getElementById("main").filters.fields.indexOf("due") === 3,
      );
      await operate(page, await up(), 'the field picker\'s "Move Due up" button', problems);
      const expected = ["course", "learner", "due", "details", "progress", "access", "lock", "certificate", "ids"];
      const detail = await waitEvent(page, "filters-change", "main", since, `JSON.stringify(d.fields) === ${JSON.stringify(JSON.stringify(expected))}`);
      assert.deepEqual(detail.fields, expected, "filters-change carries the fields");
      assert.deepEqual((await page.evaluate(() => document.getElementById("main").filters)).fields, expected, "el.filters.fields");

      // The picker lists the shown fields in order, then the hidden one; it stayed open.
      const listed = await fields.evaluate((d) => ({
        open: d.open,
        items: [...d.querySelectorAll("li[data-field]")].map((li) => [li.dataset.field, li.querySelector("input").checked]),
      }));
      assert.equal(listed.open, true, "the picker stays open while used");
      assert.deepEqual(listed.items, [...expected.map((f) => [f, true]), ["type", false]]);

      // Every card shows the fields in that order, without Type.
      const cardFields = (host) =>
        page.evaluate((h) => {
          const kind = (el) =>
            el.dataset.field ??
            (el.dataset.ec === "course" ? "course" : el.dataset.ec === "learner" ? "learner" : null) ??
            (el.classList.contains("ec-card__meta") ? "details" : null) ??
            (el.classList.contains("ec-card__progress") ? "progress" : null) ??
            (el.classList.contains("ec-card__ids") ? "ids" : null);
          return [...document.querySelector(h).shadowRoot.querySelectorAll("article[data-enrollment-id]")].map((card) =>
            [...card.children].filter((c) => c.tagName !== "HEADER").map(kind),
          );
        }, host);
      const inOrder = (seen) => {
        const want = expected.filter((f) => seen.includes(f));
        return JSON.stringify(seen) === JSON.stringify(want);
      };
      const before = await cardFields("#main");
      assert.ok(before.length > 0);
      for (const seen of before) {
        assert.ok(inOrder(seen), `card fields ${JSON.stringify(seen)} follow ${JSON.stringify(expected)}`);
        assert.ok(!seen.includes("type"));
        assert.ok(seen.includes("due") && seen.indexOf("due") < seen.indexOf("access"));
      }
      assert.ok(
        before.some((seen) => seen.includes("progress") && seen.indexOf("due") < seen.indexOf("progress")),
        "Due now comes before Progress",
      );

      // Saved, then set on a freshly created element before it connects: the same fields.
      const saved = await page.evaluate(() => JSON.parse(JSON.stringify(document.getElementById("main").filters)));
      await page.evaluate((filters) => window.addWidget({ id: "restored", attributes: { locale: "en" }, filters }), saved);
      await waitForShadow(page, "#restored", "article[data-enrollment-id]");
      assert.deepEqual((await page.evaluate(() => document.getElementById("restored").filters)).fields, expected);
      for (const seen of await cardFields("#restored")) {
        assert.ok(inOrder(seen) && !seen.includes("type"), `restored card fields ${JSON.stringify(seen)}`);
      }
      // And set on a loaded element (the default fields) takes effect at once.
      await page.evaluate(() => window.addWidget({ id: "later", attributes: { locale: "en" } }));
      await waitForShadow(page, "#later", "article[data-enrollment-id] dl[data-field=type]");
      await page.evaluate((filters) => (document.getElementById("later").filters = filters), saved);
      await page.waitForFunction(() => !document.getElementById("later").shadowRoot.querySelector("article dl[data-field=type]"));
      assert.deepEqual((await page.evaluate(() => document.getElementById("later").filters)).fields, expected);

      // Removed and added again, the element keeps them.
      await page.evaluate(async () => {
        const el = document.getElementById("main");
        const parent = el.parentNode;
        el.remove();
        await new Promise((resolve) => setTimeout(resolve)); // unmounted (a move would keep it)
        parent.append(el);
      });
      await waitForShadow(page, "#main", "article[data-enrollment-id]");
      assert.deepEqual((await page.evaluate(() => document.getElementById("main").filters)).fields, expected);
      for (const seen of await cardFields("#main")) assert.ok(inOrder(seen), `re-added card fields ${JSON.stringify(seen)}`);
      assert.deepEqual(problems, [], "the field picker can be used with the mouse");
    });

    test("selection: checkbox, Shift range, Space, select all matching, kept across searches; selection-change and selectedIds agree", async () => {
      const { page } = await openWidgets(session, ["main"]);
      await waitForShadow(page, "#main", "article[data-index='5']");
      const ids = Object.fromEntries(await renderedIds(page, "#main"));
      const checkbox = (index) => waitForShadow(page, "#main", `article[data-index='${index}'] [data-ec=select]`);
      const selectedIds = () => page.evaluate(() => document.getElementById("main").selectedIds);

      // Problems (a checkbox that does not show the selection, a selection-change without a
      // change), noted and asserted at the end, so that the rest is checked too.
      const problems = [];
      const checkboxesShow = async (when) => {
        const wrong = await page.evaluate(() => {
          const el = document.getElementById("main");
          const selected = new Set(el.selectedIds);
          return [...el.shadowRoot.querySelectorAll("article[data-enrollment-id]")]
            .map((card) => ({
              index: card.dataset.index,
              selected: selected.has(card.dataset.enrollmentId),
              checked: card.querySelector("[data-ec=select]").checked,
            }))
            .filter((card) => card.checked !== card.selected)
            .map((card) => `card ${card.index} (${card.selected ? "selected" : "not selected"}) checkbox checked=${card.checked}`);
        });
        if (wrong.length) problems.push(`after ${when}: ${wrong.join("; ")}`);
      };

      // Nothing was selected yet: no selection-change so far.
      const early = await page.evaluate(() => window.events.filter((e) => e.name === "selection-change" && e.source === "main"));
      if (early.length) problems.push(`selection-change before any selection: ${JSON.stringify(early.map((e) => e.detail))}`);

      let since = await mark(page);
      await click(page, await checkbox(0));
      let change = await waitEvent(page, "selection-change", "main", since);
      assert.deepEqual(change, { enrollmentIds: [ids[0]], count: 1 });
      await waitForShadow(page, "#main", "[data-ec=selected]", { text: "1 selected" });
      await checkboxesShow("a click on card 0's checkbox");

      // Shift-click: the range from the last card selected.
      since = await mark(page);
      await page.keyboard.down("Shift");
      await click(page, await checkbox(3));
      await page.keyboard.up("Shift");
      change = await waitEvent(page, "selection-change", "main", since);
      assert.deepEqual(change, { enrollmentIds: [0, 1, 2, 3].map((i) => ids[i]), count: 4 }, "cards 1 to 4");
      assert.deepEqual(await selectedIds(), change.enrollmentIds);
      await checkboxesShow("a Shift-click on card 3's checkbox");

      // Space on a focused card toggles it.
      await page.evaluate(() => document.getElementById("main").shadowRoot.querySelector("article[data-index='5']").focus());
      assert.equal((await focused(page)).id, ids[5]);
      since = await mark(page);
      await page.keyboard.press(" ");
      change = await waitEvent(page, "selection-change", "main", since);
      assert.deepEqual(change, { enrollmentIds: [0, 1, 2, 3, 5].map((i) => ids[i]), count: 5 });
      await checkboxesShow("Space on card 5");
      since = await mark(page);
      await page.keyboard.press(" ");
      change = await waitEvent(page, "selection-change", "main", since);
      assert.deepEqual(change.count, 4, "a second Space deselects");
      assert.ok(!change.enrollmentIds.includes(ids[5]));
      assert.equal((await focused(page)).id, ids[5], "the card keeps the focus");

      // Select all N matching, after a filter.
      since = await mark(page);
      await click(page, await waitForShadow(page, "#main", "[data-ec=clear-selection]"));
      change = await waitEvent(page, "selection-change", "main", since);
      assert.deepEqual(change, { enrollmentIds: [], count: 0 });
      const { shown } = await pressStatus(page, "#main", "locked");
      const all = await waitForShadow(page, "#main", "[data-ec=select-all]", { text: `Select all ${shown} matching` });
      since = await mark(page);
      await click(page, all);
      change = await waitEvent(page, "selection-change", "main", since);
      assert.equal(change.count, shown, "exactly the matching enrollments");
      assert.equal(change.enrollmentIds.length, shown);
      assert.equal(new Set(change.enrollmentIds).size, shown);
      await waitForShadow(page, "#main", "[data-ec=selected]", { text: `${shown} selected` });
      await page.waitForFunction(() => !document.getElementById("main").shadowRoot.querySelector("[data-ec=select-all]"));
      const statuses = await page.evaluate(() =>
        [...document.getElementById("main").shadowRoot.querySelectorAll("article[data-enrollment-id]")].map((c) => c.dataset.status),
      );
      assert.deepEqual([...new Set(statuses)], ["locked"]);
      await checkboxesShow("Select all matching");
      const selected = change.enrollmentIds;

      // A search narrows the view; the selection stays, and is all there after clearing it.
      since = await mark(page);
      const learner = await page.evaluate(
        () => document.getElementById("main").shadowRoot.querySelector("article[data-index='0'] [data-ec=learner]").textContent,
      );
      await search(page, "#main", learner);
      await waitEvent(page, "filters-change", "main", since, `d.text === ${JSON.stringify(learner)}`);
      const narrowed = await waitFiltered(page, "#main", shown);
      assert.ok(narrowed.shown >= 1 && narrowed.shown < shown, JSON.stringify(narrowed));
      assert.deepEqual(await selectedIds(), selected, "searching keeps the selection");
      await search(page, "#main", "");
      await page.waitForFunction(
        (n) => Number(document.getElementById("main").shadowRoot.querySelector("[data-ec=count]").dataset.shown) === n,
        {},
        shown,
      );
      assert.deepEqual(await selectedIds(), selected, "still selected after clearing the search");
      const last = await page.evaluate(() => window.events.findLast((e) => e.name === "selection-change" && e.source === "main").detail);
      assert.deepEqual(last, { enrollmentIds: await selectedIds(), count: selected.length }, "selectedIds agrees with the last event");
      await waitForShadow(page, "#main", "[data-ec=selected]", { text: `${shown} selected` });
      await checkboxesShow("clearing the search");
      assert.deepEqual(problems, [], "selection-change only for changes; every card's checkbox shows whether it is selected");
    });

    test("Russian: counts, chips, plural forms of overdue days, Cyrillic course titles, numbers formatted by Intl for ru", async () => {
      const { page } = await openWidgets(session, ["ru"]);
      await page.waitForFunction(() => document.getElementById("ru").shadowRoot.querySelector(".ec-root")?.lang === "ru");
      const fmt = (n) => page.evaluate((v) => new Intl.NumberFormat("ru").format(v), n);

      const count = await counts(page, "#ru");
      assert.equal(count.total, RU_TOTAL);
      assert.match(count.text, /из [\d\s]+ зачислени/);
      assert.equal(count.text, `${await fmt(RU_TOTAL)} из ${await fmt(RU_TOTAL)} зачислений`);
      assert.notEqual(await fmt(RU_TOTAL), String(RU_TOTAL), "ru groups thousands");

      // Chips: Russian labels, counts formatted by Intl for ru (some in the thousands).
      const chips = await page.evaluate(() =>
        [...document.getElementById("ru").shadowRoot.querySelectorAll("[data-ec=status-chip]")].map((chip) => ({
          value: chip.dataset.value,
          label: chip.firstChild.textContent.trim(),
          count: chip.querySelector(".ec-chip__count").textContent,
        })),
      );
      assert.deepEqual(
        chips.map((c) => c.label),
        ["Предстоит", "Активно", "Скоро срок", "Просрочено", "Заблокировано"],
      );
      let sum = 0;
      for (const chip of chips) {
        const n = Number(chip.count.replace(/\D/g, ""));
        sum += n;
        assert.equal(chip.count, await fmt(n), `chip ${chip.value}`);
      }
      assert.equal(sum, RU_TOTAL, "the status chips count every enrollment once");
      assert.ok(chips.some((c) => /\d\s\d/.test(c.count)), `a count in the thousands, grouped: ${JSON.stringify(chips)}`);
      await waitForShadow(page, "#ru", "[data-ec=export]", { text: "Экспорт CSV" });
      await waitForShadow(page, "#ru", "[data-ec=select-all]", { text: `Выбрать все совпадения (${await fmt(RU_TOTAL)})` });

      // Course titles in Russian: the mock answered the widget's X-Target-Locale.
      const titles = await page.evaluate(() =>
        [...document.getElementById("ru").shadowRoot.querySelectorAll("[data-ec=course]")].map((e) => e.textContent),
      );
      assert.ok(titles.length > 0, "titles shown");
      for (const title of titles) assert.ok(/\p{Script=Cyrillic}/u.test(title) && !/\p{Script=Latin}/u.test(title), `a Russian title: ${title}`);

      // Overdue hints: «просрочено на N день/дня/дней», the form by the Russian rule on N. Sorted
      // by due date, latest first, the smallest N lead; scroll until every form has been seen.
      const overdue = await pressStatus(page, "#ru", "overdue", RU_TOTAL);
      assert.equal(overdue.text, `${await fmt(overdue.shown)} из ${await fmt(RU_TOTAL)} зачислений`);
      const sort = await waitForShadow(page, "#ru", "[data-ec=sort]");
      await sort.select("due");
      await click(page, await waitForShadow(page, "#ru", "[data-ec=sort-direction]"));
      await waitForShadow(page, "#ru", "[data-ec=sort-direction][aria-pressed=true]");
      const hints = new Map(); // text -> N
      const forms = new Set();
      for (let step = 0; step < 40 && forms.size < 3; step++) {
        const seen = await page.evaluate(() =>
          [...document.getElementById("ru").shadowRoot.querySelectorAll("article[data-enrollment-id] .ec-hint")].map((h) => h.textContent),
        );
        for (const text of seen.filter((t) => t.startsWith("просрочено"))) {
          const match = /^просрочено на ([\d\s]+) (\S+)$/.exec(text);
          assert.ok(match, `an overdue hint: ${JSON.stringify(text)}`);
          const n = Number(match[1].replace(/\D/g, ""));
          assert.equal(match[2], russianDays(n), `«${text}»: ${n} → ${russianDays(n)}`);
          hints.set(text, n);
          forms.add(match[2]);
        }
        // The next screen of cards.
        const moved = await page.evaluate(() => {
          const list = document.getElementById("ru").shadowRoot.querySelector(".ec-window");
          const before = list.scrollTop;
          list.scrollTop += list.clientHeight;
          return list.scrollTop !== before;
        });
        if (!moved) break;
        await page.waitForFunction(() => {
          const root = document.getElementById("ru").shadowRoot;
          const list = root.querySelector(".ec-window");
          const top = list.getBoundingClientRect().top;
          return [...root.querySelectorAll("article[data-enrollment-id]")].some((c) => Math.abs(c.getBoundingClientRect().top - top) < 320);
        });
      }
      assert.ok(hints.size > 0, "overdue hints were shown");
      assert.deepEqual([...forms].sort(), ["день", "дней", "дня"], `every form seen: ${JSON.stringify([...hints.keys()])}`);
    });

    test("narrow host (380px): filters fold behind a Filters button, the search stays, cards on the first screen", async () => {
      const { page } = await openWidgets(session, ["narrow"], { viewport: { width: 1400, height: 900 } });
      const box = await page.evaluate(() => document.getElementById("narrow").getBoundingClientRect().width);
      assert.ok(box <= 380, `container width ${box}`);
      const toggle = await waitForShadow(page, "#narrow", "[data-ec=filters-toggle]");
      const state = () =>
        page.evaluate(() => {
          const root = document.getElementById("narrow").shadowRoot;
          const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
          const toggle = root.querySelector("[data-ec=filters-toggle]");
          return {
            toggle: visible(toggle),
            text: toggle?.textContent,
            expanded: toggle?.getAttribute("aria-expanded"),
            search: visible(root.querySelector("[data-ec=search]")),
            chips: [...root.querySelectorAll("[data-ec=status-chip]")].filter(visible).length,
          };
        });
      assert.deepEqual(await state(), { toggle: true, text: "Filters", expanded: "false", search: true, chips: 0 });

      // At least one card starts on the first screen (900px).
      const tops = await page.evaluate(() =>
        [...document.getElementById("narrow").shadowRoot.querySelectorAll("article[data-enrollment-id]")].map((c) => c.getBoundingClientRect().top),
      );
      assert.ok(tops.some((top) => top >= 0 && top < 900), `card tops ${JSON.stringify(tops)}`);
      const overflow = await page.evaluate(() => {
        const root = document.getElementById("narrow").shadowRoot.querySelector(".ec-root");
        return root.scrollWidth - root.clientWidth;
      });
      assert.ok(overflow <= 1, `nothing sticks out of the 380px container (${overflow}px)`);

      await click(page, toggle);
      await page.waitForFunction(() => document.getElementById("narrow").shadowRoot.querySelectorAll("[data-ec=status-chip]").length === 5);
      const open = await state();
      assert.equal(open.expanded, "true");
      assert.equal(open.chips, 5, "the chips show once unfolded");
      await click(page, await waitForShadow(page, "#narrow", "[data-ec=filters-toggle]"));
      await page.waitForFunction(() => document.getElementById("narrow").shadowRoot.querySelectorAll("[data-ec=status-chip]").length === 0);
      assert.equal((await state()).expanded, "false");

      // A search is an active filter: the button says so.
      await search(page, "#narrow", "Smith");
      await waitForShadow(page, "#narrow", "[data-ec=filters-toggle]", { text: "Filters (1 active)" });
      await waitFiltered(page, "#narrow");
      const after = await state();
      assert.equal(after.text, "Filters (1 active)");
      assert.equal(after.chips, 0, "still folded");
      assert.equal(after.search, true);

      // Widened and narrowed across the fold, the bar folds and unfolds without a
      // "ResizeObserver loop" error event on the host's window (which error trackers report).
      const errors = await page.evaluate(async () => {
        const errors = [];
        const record = (event) => errors.push(event.message);
        window.addEventListener("error", record);
        const host = document.getElementById("narrow");
        const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const narrowed = [];
        for (const width of ["680px", "560px", "680px", "560px"]) {
          host.style.width = width;
          await frame();
          narrowed.push(host.shadowRoot.querySelector(".ec-filters").dataset.narrow);
        }
        window.removeEventListener("error", record);
        return { errors, narrowed };
      });
      assert.deepEqual(errors, { errors: [], narrowed: ["false", "true", "false", "true"] });
    });

    test("density: the compact widget shows at least twice as many cards per screen as a comfortable one of the same width", async () => {
      const { page } = await openWidgets(session, ["comfortable", "compact"]);
      await waitForShadow(page, "#comfortable", "article[data-enrollment-id]");
      await waitForShadow(page, "#compact", "article[data-enrollment-id]");
      const measure = (host) =>
        page.evaluate((h) => {
          const root = document.querySelector(h).shadowRoot;
          const list = root.querySelector(".ec-window").getBoundingClientRect();
          const cards = [...root.querySelectorAll("article[data-enrollment-id]")].map((c) => c.getBoundingClientRect());
          const inside = cards.filter((r) => r.bottom > list.top && r.top < list.bottom);
          const shown = (r) => Math.max(0, Math.min(r.bottom, list.bottom) - Math.max(r.top, list.top)) / r.height;
          return {
            density: root.querySelector(".ec-root").dataset.density,
            width: list.width,
            height: list.height,
            cardHeight: cards[0].height,
            intersecting: inside.length,
            whole: inside.filter((r) => r.top >= list.top && r.bottom <= list.bottom).length,
            // Cards' worth of the list's viewport (a card half in view counts one half).
            worth: inside.reduce((sum, r) => sum + shown(r), 0),
          };
        }, host);
      const comfortable = await measure("#comfortable");
      const compact = await measure("#compact");
      const report = JSON.stringify({ comfortable, compact });
      assert.equal(comfortable.density, "comfortable", report);
      assert.equal(compact.density, "compact", report);
      assert.equal(compact.width, comfortable.width, `same width: ${report}`);
      assert.equal(compact.height, comfortable.height, `same list height: ${report}`);
      // Cards partly in view count by the part shown: counted whole, a 16px sliver of a
      // 300px card would weigh as much as a card in full view.
      assert.ok(compact.worth >= 2 * comfortable.worth, `cards' worth per screen: ${report}`);
      assert.ok(compact.whole >= 2 * comfortable.whole, `cards wholly in view: ${report}`);
    });

    test("print: beforeprint builds the whole filtered list (up to 2,000) under its filters, afterprint removes it", async () => {
      const { page } = await openWidgets(session, ["main", "ru"]);
      const { shown } = await pressStatus(page, "#main", "overdue");
      const firstLearner = await page.evaluate(
        () => document.getElementById("main").shadowRoot.querySelector("article[data-index='0'] [data-ec=learner]").textContent,
      );
      assert.equal(await shadowCount(page, "#main", "[data-ec=print]"), 0, "nothing to print before printing");

      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      await waitForShadow(page, "#main", "[data-ec=print]");
      await waitForShadow(page, "#ru", "[data-ec=print]");
      const printed = (host) =>
        page.evaluate((h) => {
          const print = document.querySelector(h).shadowRoot.querySelector("[data-ec=print]");
          const rows = [...print.querySelectorAll("tbody tr")];
          return {
            rows: rows.length,
            first: [...(rows[0]?.cells ?? [])].map((c) => c.textContent),
            filters: print.querySelector("[data-ec=print-filters]")?.textContent,
            cap: print.querySelector("[data-ec=print-cap]")?.textContent ?? null,
            headers: [...print.querySelectorAll("thead th")].map((th) => th.textContent),
          };
        }, host);
      const main = await printed("#main");
      assert.equal(main.rows, Math.min(shown, PRINT_CAP), "every overdue enrollment, not only the rendered cards");
      assert.equal(main.filters, "Filters: Overdue");
      assert.equal(main.cap, null);
      assert.equal(main.first[1], firstLearner, "in the view's order");
      assert.equal(main.first[2], "Overdue");
      assert.deepEqual(main.headers, ["Course", "Learner", "Status", "Due", "Progress"]);

      const ru = await printed("#ru");
      assert.equal(ru.rows, Math.min(RU_TOTAL, PRINT_CAP), "at most 2,000");
      assert.equal(ru.filters, "Без фильтров");
      const [cap, total] = await page.evaluate(
        (a, b) => [new Intl.NumberFormat("ru").format(a), new Intl.NumberFormat("ru").format(b)],
        PRINT_CAP,
        RU_TOTAL,
      );
      assert.ok(ru.cap?.includes(`первые ${cap} из ${total}`), `the cap is named: ${ru.cap}`);

      // The print stylesheet shows the list and hides the interactive parts.
      if (browserName(page) === "chromium") {
        await page.emulateMediaType("print");
        const shownInPrint = await page.evaluate(() => {
          const root = document.getElementById("main").shadowRoot;
          const display = (s) => getComputedStyle(root.querySelector(s)).display;
          return { print: display("[data-ec=print]"), list: display(".ec-window"), filters: display(".ec-filters") };
        });
        await page.emulateMediaType(null);
        assert.deepEqual(shownInPrint, { print: "block", list: "none", filters: "none" });
      }

      await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
      await page.waitForFunction(() =>
        ["main", "ru"].every((id) => !document.getElementById(id).shadowRoot.querySelector("[data-ec=print]")),
      );
      assert.ok((await shadowCount(page, "#main", "article[data-enrollment-id]")) > 0, "the cards stay");
    });

    describe("accessibility (axe: WCAG 2.0/2.1 A and AA, best practices)", () => {
      test("loaded", async () => {
        const { page } = await openWidgets(session, ["main"]);
        await assertAccessible(page, ["#main", "loaded"]);
      });

      test("filtered: a status chip and a search", async () => {
        const { page } = await openWidgets(session, ["main"]);
        await pressStatus(page, "#main", "overdue");
        await search(page, "#main", "a");
        await waitForShadow(page, "#main", ".ec-active__chip", { text: "Search" });
        await assertAccessible(page, ["#main", "filtered"]);
      });

      test("nothing matches", async () => {
        const { page } = await openWidgets(session, ["main"]);
        await search(page, "#main", "zzzz-no-such-enrollment");
        await waitForShadow(page, "#main", "[data-ec=no-match]");
        await assertAccessible(page, ["#main", "no match"]);
      });

      test("no enrollments at all", async () => {
        const { page } = await session.open(`${PAGE}?widgets=none`);
        await page.waitForFunction(() => window.ready === true);
        await page.evaluate(() => window.addWidget({ id: "none", attributes: { "course-ids": "no-such-course" } }));
        await waitForShadow(page, "#none", "[data-ec=empty]");
        await assertAccessible(page, ["#none", "empty account"]);
      });

      test("loading (skeleton)", async () => {
        const { page } = await session.open(`${PAGE}?widgets=none`);
        await page.waitForFunction(() => window.ready === true);
        await page.evaluate(() => window.addWidget({ id: "slow", endpoint: `/lms-api/_fault/latency=20000,id=slow-${Math.random()}` }));
        await waitForShadow(page, "#slow", "[data-ec=loading]");
        await assertAccessible(page, ["#slow", "loading"]);
      });

      test("error: HTTP 500 and 403", async () => {
        const { page } = await session.open(`${PAGE}?widgets=none`);
        await page.waitForFunction(() => window.ready === true);
        await page.evaluate(() => {
          window.addWidget({ id: "failing", endpoint: `/lms-api/_fault/status=500,id=failing-${Math.random()}` });
          window.addWidget({ id: "forbidden", token: "restricted-token" });
        });
        await waitForShadow(page, "#failing", "[data-ec=error][data-status='500']");
        await waitForShadow(page, "#forbidden", "[data-ec=error][data-status='403']");
        await assertAccessible(page, ["#failing", "error 500"], ["#forbidden", "error 403"]);
      });

      test("two cards selected", async () => {
        const { page } = await openWidgets(session, ["main"]);
        const since = await mark(page);
        await click(page, await waitForShadow(page, "#main", "article[data-index='0'] [data-ec=select]"));
        await click(page, await waitForShadow(page, "#main", "article[data-index='2'] [data-ec=select]"));
        await waitEvent(page, "selection-change", "main", since, "d.count === 2");
        await waitForShadow(page, "#main", "[data-ec=selected]", { text: "2 selected" });
        await assertAccessible(page, ["#main", "selection"]);
      });

      test("compact", async () => {
        const { page } = await openWidgets(session, ["compact"]);
        await assertAccessible(page, ["#compact", "compact"]);
      });

      test("Russian", async () => {
        const { page } = await openWidgets(session, ["ru"]);
        await assertAccessible(page, ["#ru", "Russian"]);
      });

      // Beyond the states above: the folded filter bar of a narrow host, and the field picker open.
      test("narrow host, filters folded and unfolded", async () => {
        const { page } = await openWidgets(session, ["narrow"]);
        await assertAccessible(page, ["#narrow", "narrow, folded"]);
        await click(page, await waitForShadow(page, "#narrow", "[data-ec=filters-toggle]"));
        await waitForShadow(page, "#narrow", "[data-ec=status-chip]");
        await assertAccessible(page, ["#narrow", "narrow, unfolded"]);
      });

      // Dark theme: contrast and focus colours hold there too. Puppeteer emulates the media
      // feature through CDP only, so this one runs in Chromium.
      test("dark theme: loaded, filtered and selected", async (t) => {
        const { page } = await openWidgets(session, ["main"]);
        if (browserName(page) !== "chromium") {
          t.skip("prefers-color-scheme emulation is Chromium-only in puppeteer");
          return;
        }
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
        await assertAccessible(page, ["#main", "dark, loaded"]);
        await pressStatus(page, "#main", "overdue");
        await click(page, await waitForShadow(page, "#main", "article[data-index='0'] [data-ec=select]"));
        await waitForShadow(page, "#main", "[data-ec=selected]", { text: "1 selected" });
        await assertAccessible(page, ["#main", "dark, filtered and selected"]);
      });

      test("field picker open", async () => {
        const { page } = await openWidgets(session, ["main"]);
        await click(page, await waitForShadow(page, "#main", "[data-ec=fields] > summary"));
        await page.waitForFunction(() => document.getElementById("main").shadowRoot.querySelector("[data-ec=fields]").open);
        // Its list is built once it is open.
        await waitForShadow(page, "#main", "[data-ec=fields] li[data-field] input[type=checkbox]");
        await assertAccessible(page, ["#main", "field picker open"]);
      });
    });
  });
}
