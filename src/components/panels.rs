//! Whole-list states: skeleton while the first page loads, empty account, nothing matching,
//! errors (with Retry), and a notice when an error cut a load short. Built from data
//! (`dom.rs`) into one holder, again only when the panel to show changes; the holder handles
//! the buttons' clicks.

use leptos::prelude::{Callable, Callback};
use web_sys::Element;

use super::dom::{bind, event_within, listen, set, Dom};
use crate::api::ApiError;
use crate::core::query::Filter;
use crate::i18n::{error_text, fill};
use crate::reactive::{Tracked, Writable};
use crate::state::{CardsState, LoadState};

/// Skeleton cards shown before the first page arrives.
const SKELETON_CARDS: usize = 6;

/// Which panel the state calls for.
#[derive(Debug, Clone, PartialEq)]
enum Panel {
    None,
    Waiting,
    Loading,
    /// The error, and how many enrollments arrived before it.
    Failed(ApiError, usize),
    Empty,
    NoMatch,
}

impl Panel {
    /// The panel for the current state (tracked).
    fn now(state: CardsState) -> Panel {
        let total = state.total();
        let load = state.load.get();
        match load {
            LoadState::WaitingForCredentials => Panel::Waiting,
            LoadState::Loading | LoadState::Retrying { .. } if total == 0 => Panel::Loading,
            LoadState::Failed(error) => Panel::Failed(error, total),
            LoadState::Done if total == 0 => Panel::Empty,
            _ if total > 0 && state.result.with(|r| r.0.is_empty()) => Panel::NoMatch,
            _ => Panel::None,
        }
    }
}

/// The panel for the current state, if any, in a holder at the end of `parent`; `retry`
/// reloads.
pub fn state_panels(dom: &Dom, parent: &Element, state: CardsState, retry: Callback<()>) -> Option<()> {
    let holder = dom.element(parent, "div", "ec-panels")?;
    listen(&holder, "click", move |ev| {
        let button = event_within(&ev, "button[data-ec]");
        match button.and_then(|b| b.get_attribute("data-ec")).as_deref() {
            Some("retry") => {
                retry.try_run(());
            }
            Some("clear-filters") => {
                state.filter.try_set(Filter::default());
            }
            _ => {}
        }
    });
    let (dom, mut shown) = (dom.clone(), None);
    bind(move || {
        let panel = Panel::now(state);
        if shown.as_ref() != Some(&panel) {
            holder.set_text_content(None);
            build(&dom, &holder, state, &panel);
            shown = Some(panel);
        }
    });
    Some(())
}

/// Builds `panel` into `holder`.
fn build(dom: &Dom, holder: &Element, state: CardsState, panel: &Panel) -> Option<()> {
    let t = state.t();
    let box_for = |class: &str, marker: &str| {
        let panel = dom.element(holder, "div", class)?;
        set(&panel, "data-ec", marker);
        Some(panel)
    };
    let button = |parent: &Element, marker: &str, text: &str| {
        let button = dom.text_element(parent, "button", "ec-button", text)?;
        set(&button, "type", "button");
        set(&button, "data-ec", marker);
        Some(button)
    };
    match panel {
        Panel::None => {}
        Panel::Waiting => {
            let panel = box_for("ec-panel", "waiting")?;
            set(&panel, "role", "status");
            dom.text_element(&panel, "p", "ec-panel__title", t.waiting_title)?;
            dom.text_element(&panel, "p", "", t.waiting_text)?;
        }
        Panel::Loading => {
            let skeletons = box_for("ec-skeletons", "loading")?;
            set(&skeletons, "aria-busy", "true");
            set(&skeletons, "role", "status");
            set(&skeletons, "aria-label", t.loading);
            for _ in 0..SKELETON_CARDS {
                dom.element(&skeletons, "div", "ec-skeleton")?;
            }
        }
        Panel::Failed(error, partial) => {
            let status = error.status();
            let heading = match status {
                Some(code) => fill(t.error_title_status, &[("status", &code.to_string())]),
                None => t.error_title.to_owned(),
            };
            let panel = box_for("ec-panel ec-panel--error", "error")?;
            set(&panel, "role", "alert");
            set(&panel, "data-status", &status.unwrap_or(0).to_string());
            dom.text_element(&panel, "p", "ec-panel__title", &heading)?;
            dom.text_element(&panel, "p", "", &error_text(t, error))?;
            if *partial > 0 {
                let text = state
                    .with_locale(|l| l.count(*partial as u64, &t.error_partial))
                    .unwrap_or_default();
                set(&dom.text_element(&panel, "p", "", &text)?, "data-ec", "partial");
            }
            button(&panel, "retry", t.retry)?;
        }
        Panel::Empty => {
            let panel = box_for("ec-panel", "empty")?;
            dom.text_element(&panel, "p", "ec-panel__title", t.empty_title)?;
            dom.text_element(&panel, "p", "", t.empty_text)?;
        }
        Panel::NoMatch => {
            let panel = box_for("ec-panel", "no-match")?;
            dom.text_element(&panel, "p", "ec-panel__title", t.no_match_title)?;
            button(&panel, "clear-filters", t.clear_filters)?;
        }
    }
    Some(())
}
