//! The whole widget: a [`Loader`] fills the state, and the view shows it: filter bar, count,
//! state panels and the windowed card grid. What happens is reported through [`ViewEvents`]
//! (the embedding turns them into DOM events).

use leptos::prelude::{
    component, on_cleanup, set_timeout, untrack, view, Callable, Callback, Effect, IntoView,
};
use leptos::tachys::prelude::{ClassAttribute, DirectiveAttribute};
use send_wrapper::SendWrapper;

use web_sys::Element;

use super::card_window::card_window;
use super::dom::{bind, rebuild_on, set, set_or_remove, show_when, Dom};
use super::filter_bar::filter_bar;
use super::panels::state_panels;
use super::print::print_list;
use super::summary::summary;
use crate::api::{ApiError, ClientConfig, EnrollmentQuery, RetryPolicy, TokenError, TokenProvider};
use crate::clock;
use crate::core::filter_state::FilterState;
use crate::core::lookup::DEFAULT_BATCH;
use crate::core::status::StatusRules;
use crate::enrich::{EnrichParts, EnrichmentStatus};
use crate::i18n::Locale;
use crate::loader::{LoadEvents, LoadPlan, LoadSummary, Loader};
use crate::reactive::{callback, rw_signal, Tracked, Var, Writable};
use crate::state::{CardsState, Density, LoadState};

/// Where the widget gets its data and how it shows it.
#[derive(Debug, Clone)]
pub struct ListSource {
    /// Connection settings.
    pub config: ClientConfig,
    /// Why the token the host gave cannot be used (the widget then shows this error).
    pub token_error: Option<TokenError>,
    /// Asked for a token when there is none and once after a 401, when set.
    pub token_provider: Option<TokenProvider>,
    /// Server-side filters (`learnerIds[]`, `courseIds[]`).
    pub query: EnrollmentQuery,
    /// `Some(page size)` to use the paged endpoint.
    pub page_size: Option<u32>,
    /// Retries and the page cap.
    pub policy: RetryPolicy,
    /// Names, titles, departments and progress to resolve (the `enrich` attribute).
    pub enrich: EnrichParts,
    /// IDs per by-ID request of names and titles (the `lookup-batch` attribute).
    pub lookup_batch: usize,
    /// The day states are derived for, and the due-soon window.
    pub rules: StatusRules,
    /// Locale for words, numbers and dates (`None`: the browser's).
    pub locale: Option<String>,
    /// Show the filter bar (hosts hide it for compact placements).
    pub show_filters: bool,
    /// How many cards a screen holds.
    pub density: Density,
    /// Filter, sort and card fields to start with.
    pub initial: FilterState,
}

impl ListSource {
    /// A source for `config` with defaults: unpaged, whole account, browser locale, filters shown.
    pub fn new(config: ClientConfig, rules: StatusRules) -> Self {
        ListSource {
            config,
            token_error: None,
            token_provider: None,
            query: EnrollmentQuery::default(),
            page_size: None,
            policy: RetryPolicy::default(),
            enrich: EnrichParts::ALL,
            lookup_batch: DEFAULT_BATCH,
            rules,
            locale: None,
            show_filters: true,
            density: Density::default(),
            initial: FilterState::default(),
        }
    }

    /// What is loaded: two sources with the same plan (and endpoint and scheme) show the
    /// same enrollments.
    pub fn plan(&self) -> LoadPlan {
        LoadPlan {
            query: self.query.clone(),
            page_size: self.page_size,
            enrich: self.enrich,
            lookup_batch: self.lookup_batch,
        }
    }

    /// `true` when switching from `self` to `other` needs a new load (not only a new token,
    /// locale, window or filter state).
    pub fn needs_reload(&self, other: &ListSource) -> bool {
        self.plan() != other.plan()
            || self.config.endpoint != other.config.endpoint
            || self.config.auth_scheme != other.config.auth_scheme
    }
}

/// A card the user activated (click or Enter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selected {
    /// `enrollmentId`.
    pub enrollment_id: String,
    /// `courseId`.
    pub course_id: String,
    /// `learnerId`.
    pub learner_id: String,
    /// The learner's name, when known.
    pub learner_name: Option<String>,
    /// The course title, when known.
    pub course_title: Option<String>,
}

/// A mounted widget's parts a host keeps: its state (to read and set filters) and its loader
/// (to pass new credentials).
#[derive(Clone)]
pub struct WidgetParts {
    /// The view's state.
    pub state: CardsState,
    /// The widget's loader.
    pub loader: Loader,
}

/// What the view reports to its host. Every callback is optional.
#[derive(Clone, Copy, Default)]
pub struct ViewEvents {
    /// Loading finished.
    pub loaded: Option<Callback<LoadSummary>>,
    /// Loading failed.
    pub error: Option<Callback<ApiError>>,
    /// A card was activated.
    pub select: Option<Callback<Selected>>,
    /// The filter, sort or card fields changed (not reported for the initial state).
    pub filters: Option<Callback<FilterState>>,
    /// The selection changed: the selected enrollments' IDs, in selection order.
    pub selection: Option<Callback<Vec<String>>>,
    /// The widget was created.
    pub ready: Option<Callback<WidgetParts>>,
    /// Names, titles, results and departments settled.
    pub enrichment: Option<Callback<EnrichmentStatus>>,
}

/// Loads from `source` and shows the enrollments as filterable cards.
#[component]
pub fn EnrollmentCards(
    /// Where to load from.
    source: ListSource,
    /// Callbacks to the host.
    #[prop(optional)]
    events: ViewEvents,
) -> impl IntoView {
    let state = CardsState::new(source.rules, source.locale.as_deref());
    let FilterState { filter, sort, fields } = source.initial.clone();
    state.filter.set(filter);
    state.sort.set(sort);
    state.fields.set(fields);
    state.show_filters.set(source.show_filters);
    state.density.set(source.density);
    if let Some(report) = events.filters {
        // Reported when the state changes (not for the initial one, nor for the same state set
        // again: a host that mirrors the event back into `el.filters` must not loop).
        Effect::new(move |previous: Option<FilterState>| {
            let current = FilterState {
                filter: state.filter.get(),
                sort: state.sort.get(),
                fields: state.fields.get(),
            };
            if previous.as_ref().is_some_and(|p| *p != current) {
                report.try_run(current.clone());
            }
            current
        });
    }
    if let Some(report) = events.selection {
        // Reported when the selected IDs change (not for the initial, empty selection).
        Effect::new(move |previous: Option<Vec<String>>| {
            let ids: Vec<String> = state.selection.with(|s| {
                state
                    .with_store(|store| {
                        s.rows()
                            .iter()
                            .map(|&r| store.enrollment_id(r).to_owned())
                            .collect()
                    })
                    .unwrap_or_default()
            });
            if previous.as_ref().is_some_and(|p| *p != ids) {
                report.try_run(ids.clone());
            }
            ids
        });
    }
    let load_events = LoadEvents {
        loaded: events.loaded,
        error: events.error,
        enrichment: events.enrichment,
    };
    let plan = source.plan();
    let loader = Loader::new(
        source.config,
        source.token_provider,
        plan,
        source.policy,
        state,
        load_events,
    );
    if let Some(ready) = events.ready {
        ready.try_run(WidgetParts {
            state,
            loader: loader.clone(),
        });
    }
    // Cleanup runs on the thread that created the view (the browser's only thread).
    let loader = SendWrapper::new(loader);
    on_cleanup({
        let loader = loader.clone();
        move || loader.close()
    });
    clock::keep_today(state);
    match source.token_error {
        Some(error) => loader.fail(error.into()),
        None => loader.start(),
    }
    // What the first cards format with, built in a task of its own while the first page is on
    // its way (a removed widget's state is gone: nothing then).
    set_timeout(
        move || {
            state.with_locale(Locale::prepare);
        },
        std::time::Duration::ZERO,
    );
    let retry = callback(move |()| loader.resume());
    let on_activate = events.select.map(|select| {
        callback(move |row: u32| {
            let selected = state.with_store(|s| Selected {
                enrollment_id: s.enrollment_id(row).to_owned(),
                course_id: s.course_id(row).to_owned(),
                learner_id: s.learner_id(row).to_owned(),
                learner_name: s.person(row).map(|p| p.name().to_owned()),
                course_title: s.course_title(row).map(str::to_owned),
            });
            if let Some(selected) = selected {
                select.try_run(selected);
            }
        })
    });
    view! { <CardsView state retry on_activate /> }
}

/// The view over an already prepared state (the browser tests mount it on fixture data).
#[component]
pub fn CardsView(
    /// Shared view state.
    state: CardsState,
    /// Called by the error panel's Retry button.
    retry: Callback<()>,
    /// Called with the store row of an activated card.
    #[prop(optional_no_strip)]
    on_activate: Option<Callback<u32>>,
) -> impl IntoView {
    view! { <section class="ec-root" use:fill_root=(state, retry, on_activate)></section> }
}

/// Builds the widget into its `root` section: the controls (filter bar, count and toolbar, print
/// list) once [`controls_by_first_cards`] says so, the state panels and the card window. Worded
/// again as a whole when the locale changes (rare; the state itself is kept).
fn fill_root(root: Element, (state, retry, on_activate): (CardsState, Callback<()>, Option<Callback<u32>>)) {
    let Some(dom) = Dom::of(&root) else {
        return;
    };
    let controls = controls_by_first_cards(state);
    let held = root.clone();
    bind(move || set(&held, "data-density", state.density.get().id()));
    let held = root.clone();
    bind(move || {
        state.locale_version.track();
        set(&held, "aria-label", state.t().enrollments);
        let lang = state.with_locale(|l| l.tag().map(str::to_owned)).flatten();
        set_or_remove(&held, "lang", lang.as_deref());
    });
    let wording = move || Some(state.locale_version.get());
    rebuild_on(&dom, &root, wording, move |dom, root| {
        show_when(
            dom,
            root,
            move || controls.get(),
            move |dom, root| {
                show_when(
                    dom,
                    root,
                    move || state.show_filters.get(),
                    move |dom, root| {
                        filter_bar(dom, root, state);
                    },
                );
                summary(dom, root, state);
                // Shown only in print, where everything else is hidden.
                print_list(dom, root, state);
            },
        );
        state_panels(dom, root, state, retry);
        card_window(dom, root, state, on_activate);
    });
}

/// Whether the filter bar, the count with its toolbar, and the print list are built. The mount
/// builds only the state panels and the card window, so the first request goes out at once. The
/// rest is built when the page is next idle (on a real network, long before the first page
/// arrives), or else in the task that shows the first cards, never after them: they then share
/// one layout and never push the cards down, and a first page already waiting is not kept
/// waiting behind them. At once when there is already something to show or loading has stopped
/// (no token, an error).
fn controls_by_first_cards(state: CardsState) -> Var<bool> {
    let arrived = move || {
        state.version.track();
        state.with_store(|s| !s.is_empty()).unwrap_or(false) || state.load.with(|l| *l != LoadState::Loading)
    };
    let built = rw_signal(untrack(arrived));
    if !built.get_untracked() {
        crate::idle::when_idle(Box::new(move || {
            // Only if the first cards have not built them already: setting it again would
            // build them a second time (a signal notifies on every set), losing focus and an
            // open picker, whenever the page's first idle moment comes after the first cards.
            if built.try_get_untracked() == Some(false) {
                built.set(true);
            }
        }));
        Effect::new(move || {
            if !built.get() && arrived() {
                built.set(true);
            }
        });
    }
    built
}
