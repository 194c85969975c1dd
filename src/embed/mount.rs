//! `mount(element, options)`: renders the widget into the element's (open) shadow root with its
//! stylesheet, and returns a handle to update, read or set filters, and unmount.

use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use super::{events, filter_state, options};
use crate::components::{CardsState, EnrollmentCards};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Options of `mount()`; the custom element builds them from its attributes and properties. */
export interface MountOptions {
  /** API base URL: "" (same origin), "/lms-api" or "https://api-learn.example.com". */
  endpoint?: string;
  /** Access token (sent only in the Authorization header). */
  token?: string;
  /** Called for a fresh token on start and once after a 401. */
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
  /** BCP 47 locale for dates (default: the browser's). */
  locale?: string | null;
  /** "Due soon" window in days (default 7). */
  dueSoonDays?: number | string | null;
  /** "none" hides the filter bar. */
  filters?: string | null;
  /** Filter state to start with. */
  filterState?: FilterState | string | null;
  /** Time-out per request in milliseconds (default 30000). */
  timeoutMs?: number;
}

/** The filter state as plain JSON (`el.filters`, the `filters-change` event's detail). */
export interface FilterState {
  text: string;
  courses: string[];
  learners: string[];
  statuses: ("upcoming" | "active" | "due-soon" | "overdue" | "locked")[];
  certificates: ("valid" | "expiring" | "expired" | "none")[];
  types: ("assigned" | "catalog")[];
  due: { from: string | null; to: string | null };
  access: { from: string | null; to: string | null };
  sort: { key: "loaded" | "due" | "access" | "course" | "learner" | "status"; descending: boolean };
}

export interface EnrollmentCardsEventMap {
  "enrollments-loaded": CustomEvent<{ count: number; pages: number }>;
  "enrollments-error": CustomEvent<{ status: number | null; message: string }>;
  "enrollment-select": CustomEvent<{ enrollmentId: string; courseId: string; learnerId: string }>;
  "filters-change": CustomEvent<FilterState>;
}
"#;

/// The widget's stylesheet, placed inside its shadow root.
const STYLESHEET: &str = include_str!("../../style/enrollment-cards.css");

/// A mounted widget.
#[wasm_bindgen]
pub struct WidgetHandle {
    host: HtmlElement,
    mounted: Option<Box<dyn Any>>,
    state: Rc<Cell<Option<CardsState>>>,
}

/// Renders the widget into `element` (in an open shadow root, created when the element has
/// none). See the README for the options.
#[wasm_bindgen]
pub fn mount(
    element: HtmlElement,
    #[wasm_bindgen(unchecked_param_type = "MountOptions")] options: JsValue,
) -> Result<WidgetHandle, JsValue> {
    let mut handle = WidgetHandle {
        host: element,
        mounted: None,
        state: Rc::new(Cell::new(None)),
    };
    handle.render(&options, None)?;
    Ok(handle)
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Applies new options (re-querying the API); the filter state is kept unless the options
    /// carry one.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "MountOptions")] options: JsValue,
    ) -> Result<(), JsValue> {
        let current = self.current_filters();
        self.render(&options, current)
    }

    /// Removes the widget: its elements, listeners and reactive state.
    pub fn unmount(&mut self) {
        self.state.set(None);
        self.mounted.take();
        if let Some(root) = self.host.shadow_root() {
            root.set_text_content(None);
        }
    }

    /// The filter state as plain JSON.
    #[wasm_bindgen(getter, unchecked_return_type = "FilterState | null")]
    pub fn filters(&self) -> JsValue {
        match self.current_filters() {
            Some((filter, sort)) => filter_state::to_js(&filter, sort),
            None => JsValue::NULL,
        }
    }

    /// Restores a filter state (an object, or a JSON string of one).
    #[wasm_bindgen(setter)]
    pub fn set_filters(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FilterState | string | null")] value: JsValue,
    ) {
        if let (Some(state), Some((filter, sort))) = (self.state.get(), filter_state::from_js(&value)) {
            state.filter.set(filter);
            state.sort.set(sort);
        }
    }
}

impl WidgetHandle {
    fn current_filters(&self) -> Option<(crate::core::query::Filter, crate::core::query::Sort)> {
        let state = self.state.get()?;
        Some((state.filter.try_get_untracked()?, state.sort.try_get_untracked()?))
    }

    fn render(
        &mut self,
        options: &JsValue,
        keep: Option<(crate::core::query::Filter, crate::core::query::Sort)>,
    ) -> Result<(), JsValue> {
        self.unmount();
        let source = options::read(options, keep);
        let root = shadow_root(&self.host)?;
        let document = self
            .host
            .owner_document()
            .ok_or("the element is not in a document")?;
        let style = document.create_element("style")?;
        style.set_text_content(Some(STYLESHEET));
        root.append_child(&style)?;
        let container: HtmlElement = document.create_element("div")?.unchecked_into();
        container.set_class_name("ec-host");
        root.append_child(&container)?;
        let state_slot = send_wrapper::SendWrapper::new(self.state.clone());
        let host = self.host.clone();
        // The callbacks are created inside the mount so that its owner disposes of them on
        // unmount (created outside any owner, they would outlive it).
        let mounted = leptos::mount::mount_to(container, move || {
            let ready = Callback::new(move |state: CardsState| state_slot.set(Some(state)));
            let events = events::to_host(&host, ready);
            view! { <EnrollmentCards source events /> }
        });
        self.mounted = Some(Box::new(mounted));
        Ok(())
    }
}

/// The element's shadow root, attached (open) if it has none.
fn shadow_root(host: &HtmlElement) -> Result<ShadowRoot, JsValue> {
    match host.shadow_root() {
        Some(root) => Ok(root),
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)),
    }
}
