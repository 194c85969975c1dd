//! `mount(element, options)`: renders the widget into the element's (open) shadow root with its
//! stylesheet, and returns a handle to update, read or set filters, and unmount.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::view;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use super::{events, filter_state, options};
use crate::components::view::WidgetParts;
use crate::components::{EnrollmentCards, ListSource};
use crate::core::export::to_csv;
use crate::core::filter_state::FilterState;
use crate::reactive::{callback, Tracked, Writable};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Options of `mount()`; the custom element builds them from its attributes and properties. */
export interface MountOptions {
  /** API base URL: "" (same origin), "/lms-api" or "https://api-learn.example.com". */
  endpoint?: string;
  /** Access token (sent only in the Authorization header). A new one is used for the next
   * request and never reloads. Without a token or a provider the widget waits for one. */
  token?: string;
  /** Called for a token when there is none, and once after a 401. */
  tokenProvider?: () => Promise<string> | string;
  /** Authorization scheme such as "Bearer"; absent: the token is sent as given. */
  authScheme?: string | null;
  /** Learner IDs the API limits the list to (array or comma-separated). */
  learnerIds?: string[] | string;
  /** Course IDs the API limits the list to (array or comma-separated). */
  courseIds?: string[] | string;
  /** Use the paged endpoint GET /enrollments. */
  paged?: boolean;
  /** Page size with `paged` (default 1000). */
  pageSize?: number | string | null;
  /** BCP 47 locale: the language of every word ("en", "ru"; others show English), numbers and
   * dates, and the X-Target-Locale header (default: the browser's). */
  locale?: string | null;
  /** "compact" shows smaller cards, more than twice as many per screen (default "comfortable"). */
  density?: "compact" | "comfortable" | string | null;
  /** "Due soon" window in days (default 7). */
  dueSoonDays?: number | string | null;
  /** "none" hides the filter bar. */
  filters?: string | null;
  /** Filter state to start with. */
  filterState?: FilterState | string | null;
  /** Time-out per request, body included, in milliseconds (default 30000). */
  timeoutMs?: number;
  /** Largest answer accepted, counted while it streams in (1024 to 268435456, the default). */
  maxBodyBytes?: number;
  /** Retries of a request that failed with 429, 502, 503, 504, a network error or a
   * time-out, with back-off of about 0.5, 1, 2, 4 s or the server's Retry-After (0–10, default 4). */
  retries?: number;
  /** Pages followed at most (default 10000). */
  maxPages?: number;
  /** What to resolve beside IDs: "all" (default), "none", or words among "names", "titles",
   * "departments", "progress". */
  enrich?: string | null;
  /** IDs per by-ID request for names and titles (1–500, default 50). */
  lookupBatch?: number;
}

/** The filter state as plain JSON (`el.filters`, the `filters-change` event's detail). */
export interface FilterState {
  text: string;
  courses: string[];
  learners: string[];
  /** Department IDs, each with the departments below it. */
  departments: string[];
  statuses: ("upcoming" | "active" | "due-soon" | "overdue" | "locked")[];
  certificates: ("valid" | "expiring" | "expired" | "none")[];
  types: ("assigned" | "catalog")[];
  completions: ("not_started" | "in_progress" | "pending" | "complete" | "passed" | "accepted" | "incomplete" | "failed" | "declined" | "none")[];
  due: { from: string | null; to: string | null };
  access: { from: string | null; to: string | null };
  sort: { key: "loaded" | "due" | "access" | "course" | "learner" | "status" | "progress" | "completed"; descending: boolean };
  /** The fields cards show, in order (absent: all, in this order). */
  fields?: ("course" | "learner" | "details" | "progress" | "due" | "access" | "lock" | "type" | "certificate" | "ids")[];
}

/** How resolving one related resource went. */
export type EnrichmentPart = "complete" | "partial" | "forbidden" | "failed";

export interface EnrollmentCardsEventMap {
  "enrollments-loaded": CustomEvent<{ count: number; pages: number; duplicates: number }>;
  "enrollments-error": CustomEvent<{ status: number | null; message: string }>;
  "enrollment-select": CustomEvent<{ enrollmentId: string; courseId: string; learnerId: string; learnerName?: string; courseTitle?: string }>;
  "enrichment-status": CustomEvent<{ users?: EnrichmentPart; courses?: EnrichmentPart; results?: EnrichmentPart; departments?: EnrichmentPart }>;
  "filters-change": CustomEvent<FilterState>;
  "selection-change": CustomEvent<{ enrollmentIds: string[]; count: number }>;
}
"#;

/// The widget's stylesheet (`style/enrollment-cards.css`, minified by `build.rs`), adopted by
/// its shadow root.
const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/enrollment-cards.min.css"));

thread_local! {
    /// One constructed stylesheet shared by every widget on the page (`None` where the browser
    /// cannot construct stylesheets).
    static SHEET: Option<CssStyleSheet> = CssStyleSheet::new()
        .ok()
        .filter(|sheet| sheet.replace_sync(STYLESHEET).is_ok());
}

/// A mounted widget.
#[wasm_bindgen]
pub struct WidgetHandle {
    host: HtmlElement,
    mounted: Option<Box<dyn Any>>,
    /// The options the widget was last rendered or updated with.
    source: Option<ListSource>,
    parts: Rc<RefCell<Option<WidgetParts>>>,
}

/// Renders the widget into `element` (in an open shadow root, created when the element has
/// none). See the README for the options.
#[wasm_bindgen]
pub fn mount(
    element: HtmlElement,
    #[wasm_bindgen(unchecked_param_type = "MountOptions")] options: JsValue,
) -> Result<WidgetHandle, JsValue> {
    super::warm_up::widget_mounted();
    WidgetHandle::rendered(element, &options)
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Applies new options. Only a change of what is loaded (`endpoint`, `learnerIds`,
    /// `courseIds`, `paged`, `pageSize`, `authScheme`) reloads; a new token or token provider
    /// is used for the next request, and locale, due-soon window, filter bar and filter state
    /// re-render from what is loaded. The filter state is kept unless the options carry one.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "MountOptions")] options: JsValue,
    ) -> Result<(), JsValue> {
        let current = self.current_filters();
        let options::Options { source, token } = options::read(&options, current);
        match (&self.source, self.parts()) {
            (Some(previous), Some(parts)) if !previous.needs_reload(&source) => {
                apply_live(previous, &source, token, &parts);
                self.source = Some(source);
                Ok(())
            }
            _ => self.render(source),
        }
    }

    /// Removes the widget: its elements, listeners, reactive state and requests.
    pub fn unmount(&mut self) {
        self.parts.replace(None);
        self.source = None;
        self.mounted.take();
        if let Some(root) = self.host.shadow_root() {
            root.set_text_content(None);
        }
    }

    /// The filter state as plain JSON.
    #[wasm_bindgen(getter, unchecked_return_type = "FilterState | null")]
    pub fn filters(&self) -> JsValue {
        match self.current_filters() {
            Some(state) => filter_state::to_js(&state),
            None => JsValue::NULL,
        }
    }

    /// Restores a filter state (an object, or a JSON string of one).
    #[wasm_bindgen(setter)]
    pub fn set_filters(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FilterState | string | null")] value: JsValue,
    ) {
        if let (Some(parts), Some(saved)) = (self.parts(), filter_state::from_js(&value)) {
            apply_filter_state(&parts, saved);
        }
    }

    /// The current view (filtered and sorted) as a CSV file's text, exactly what "Export CSV"
    /// downloads; `null` when nothing is mounted.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self) -> Option<String> {
        let state = self.parts()?.state;
        let rows = state.result.try_with_untracked(|r| r.0.rows.to_vec())?;
        let t = state.t();
        state.with_store(|s| to_csv(s, &rows, t))
    }

    /// The enrollment IDs selected, in selection order.
    #[wasm_bindgen(getter, js_name = selectedIds)]
    pub fn selected_ids(&self) -> Vec<String> {
        self.parts()
            .and_then(|parts| {
                let state = parts.state;
                let rows = state.selection.try_with_untracked(|s| s.rows().to_vec())?;
                state.with_store(|s| rows.iter().map(|&r| s.enrollment_id(r).to_owned()).collect())
            })
            .unwrap_or_default()
    }
}

/// Applies what changed between `previous` and `next` to a mounted widget without a request.
fn apply_live(
    previous: &ListSource,
    next: &ListSource,
    token: Result<crate::api::AccessToken, crate::api::TokenError>,
    parts: &WidgetParts,
) {
    let WidgetParts { state, loader } = parts;
    loader.set_limits(&next.config, next.policy);
    loader.set_provider(next.token_provider.clone());
    // Only a token the host changed replaces the one in use (which may have come from the
    // provider since).
    if previous.config.token != next.config.token || previous.token_error != next.token_error {
        loader.set_token(token);
    }
    if previous.locale != next.locale {
        state.set_locale(next.locale.as_deref());
    }
    if previous.rules.due_soon_days != next.rules.due_soon_days {
        if let Some(rules) = state.rules() {
            state.set_rules(crate::core::status::StatusRules {
                due_soon_days: next.rules.due_soon_days,
                ..rules
            });
        }
    }
    state.show_filters.try_set(next.show_filters);
    state.density.try_set(next.density);
    if next.initial != previous.initial {
        apply_filter_state(parts, next.initial.clone());
    }
}

/// Sets a mounted widget's filter, sort and card fields, each only where it differs (a signal
/// notifies on every set: the view would redo its work for a state it already shows).
fn apply_filter_state(parts: &WidgetParts, saved: FilterState) {
    let FilterState { filter, sort, fields } = saved;
    let state = parts.state;
    if state.filter.try_with_untracked(|f| *f != filter) == Some(true) {
        state.filter.try_set(filter);
    }
    if state.sort.try_with_untracked(|s| *s != sort) == Some(true) {
        state.sort.try_set(sort);
    }
    if state.fields.try_with_untracked(|f| *f != fields) == Some(true) {
        state.fields.try_set(fields);
    }
}

impl WidgetHandle {
    /// A widget in a detached element, without endpoint or token (it requests nothing), for
    /// the idle-time rehearsal (`warm_up`).
    pub(super) fn detached() -> Option<WidgetHandle> {
        let document = web_sys::window()?.document()?;
        let host: HtmlElement = document.create_element("div").ok()?.unchecked_into();
        WidgetHandle::rendered(host, &JsValue::UNDEFINED).ok()
    }

    /// A widget rendered into `host` with `options` (a `MountOptions` object).
    fn rendered(host: HtmlElement, options: &JsValue) -> Result<WidgetHandle, JsValue> {
        let mut handle = WidgetHandle {
            host,
            mounted: None,
            source: None,
            parts: Rc::default(),
        };
        handle.render(options::read(options, None).source)?;
        Ok(handle)
    }

    /// The mounted widget's state.
    pub(super) fn state(&self) -> Option<crate::state::CardsState> {
        Some(self.parts()?.state)
    }

    fn parts(&self) -> Option<WidgetParts> {
        self.parts.borrow().clone()
    }

    fn current_filters(&self) -> Option<FilterState> {
        let state = self.parts()?.state;
        Some(FilterState {
            filter: state.filter.try_get_untracked()?,
            sort: state.sort.try_get_untracked()?,
            fields: state.fields.try_get_untracked()?,
        })
    }

    fn render(&mut self, source: ListSource) -> Result<(), JsValue> {
        self.unmount();
        let root = shadow_root(&self.host)?;
        let document = self
            .host
            .owner_document()
            .ok_or("the element is not in a document")?;
        adopt_stylesheet(&root, &document)?;
        let container: HtmlElement = document.create_element("div")?.unchecked_into();
        container.set_class_name("ec-host");
        root.append_child(&container)?;
        let slot = SendWrapper::new(self.parts.clone());
        let host = self.host.clone();
        self.source = Some(source.clone());
        // The callbacks are created inside the mount so that its owner disposes of them on
        // unmount (created outside any owner, they would outlive it).
        let mounted = leptos::mount::mount_to(container, move || {
            let ready = callback(move |parts: WidgetParts| {
                slot.replace(Some(parts));
            });
            let events = events::to_host(&host, ready);
            view! { <EnrollmentCards source events /> }
        });
        self.mounted = Some(Box::new(mounted));
        Ok(())
    }
}

/// Gives `root` the widget's styles: the shared constructed stylesheet (allowed under a strict
/// Content-Security-Policy, which blocks `<style>` elements), or a `<style>` element in
/// browsers without constructable stylesheets.
fn adopt_stylesheet(root: &ShadowRoot, document: &web_sys::Document) -> Result<(), JsValue> {
    match SHEET.with(Clone::clone) {
        Some(sheet) => {
            root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
            Ok(())
        }
        None => {
            let style = document.create_element("style")?;
            style.set_text_content(Some(STYLESHEET));
            root.append_child(&style).map(drop)
        }
    }
}

/// The element's shadow root, attached (open) if it has none.
fn shadow_root(host: &HtmlElement) -> Result<ShadowRoot, JsValue> {
    match host.shadow_root() {
        Some(root) => Ok(root),
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)),
    }
}
