//! The windowed card grid (an ARIA feed): only the cards in and near the viewport exist in the
//! DOM, whatever the number of results. The grid's measures (card height, narrowest card, gap)
//! live in the stylesheet only (`--ec-card-height`, `--ec-card-min-width`, `--ec-gap`, in `em`
//! so cards grow with a host's `--ec-font-size`); the window reads them from two hidden probes. Arrow keys, Page Up/Down, Home and End move the focus
//! across the window's edge (the window scrolls, then the card is focused); Enter activates a
//! card; Space, a click on its checkbox, or Shift with either selects (Shift: the range from the
//! last card selected).

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::{request_animation_frame, untrack, Callable, Callback, Owner};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::card::card_slot;
use super::dom::{bind, child_of, listen, set, set_or_remove, Dom};
use super::observe::element_size;
use crate::reactive::{memo, rw_signal, stored, Computed, Stored, Tracked, Writable};
use crate::state::{CardsState, LoadState};

/// Rows rendered above and below the visible ones, once the visible ones are painted.
const OVERSCAN_ROWS: usize = 1;
/// The shortest row the window counts with, whatever the probes say (before they are measured,
/// or without the stylesheet), so a viewport never asks for thousands of cards.
const MIN_ROW_PX: f64 = 48.0;

/// The grid's measures in pixels, as the stylesheet sets them.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Grid {
    /// Narrowest card; the grid has as many columns as fit.
    min_width: f64,
    /// A card's height.
    card: f64,
    /// Between cards, both ways.
    gap: f64,
}

impl Grid {
    /// Card height plus gap (at least [`MIN_ROW_PX`]).
    fn row(&self) -> f64 {
        (self.card + self.gap).max(MIN_ROW_PX)
    }

    /// Columns that fit in `width` pixels (one on a narrow container, and one while the card
    /// probe is not measured: its observer may report after the container's, and a zero width
    /// would otherwise make every pixel a column and every card of the result one row).
    fn columns(&self, width: f64) -> usize {
        if self.min_width <= 0.0 {
            return 1;
        }
        (((width + self.gap) / (self.min_width + self.gap)).floor() as usize).max(1)
    }
}
/// The tallest the scrolling spacer gets. Browsers cap an element's height (Firefox at about
/// 17.9 million px, Chromium at 33.5 million), which one column of 100k cards would pass: a
/// taller list is scrolled at a scale, each scrolled pixel moving the cards a little more.
const MAX_SPACER_PX: f64 = 8_000_000.0;
/// How long after a key press the window keeps the requested card focused.
const FOCUS_SETTLE_MS: f64 = 1_000.0;

/// Which result positions are rendered (`[start, end)`, from grid row `first_row`) and where:
/// the spacer's height and the rendered grid's offset in it, in whole pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Window {
    start: usize,
    end: usize,
    first_row: usize,
    columns: usize,
    spacer_px: usize,
    grid_top_px: i64,
    /// List pixels per scrolled pixel: 1, or more for a list taller than [`MAX_SPACER_PX`].
    scale: f64,
}

/// Nothing rendered, one column (what a disposed window reads as).
impl Default for Window {
    fn default() -> Self {
        Window {
            start: 0,
            end: 0,
            first_row: 0,
            columns: 1,
            spacer_px: 0,
            grid_top_px: 0,
            scale: 1.0,
        }
    }
}

fn window_for(
    scroll_top: f64,
    viewport: f64,
    width: f64,
    total: usize,
    overscan: usize,
    grid: Grid,
) -> Window {
    let columns = grid.columns(width);
    let row_height = grid.row();
    let rows = total.div_ceil(columns);
    let (scroll_top, viewport) = (scroll_top.max(0.0), viewport.max(0.0));
    let full = rows as f64 * row_height;
    let spacer = full.min(MAX_SPACER_PX);
    let scale = if full > spacer && spacer > viewport {
        (full - viewport) / (spacer - viewport)
    } else {
        1.0
    };
    // The list pixel at the viewport's top.
    let offset = scroll_top * scale;
    let first_visible = ((offset / row_height).floor() as usize).min(rows.saturating_sub(1));
    // The rows the viewport shows (part of one at each edge counts), no more: each card built is
    // work on every keystroke that changes the result.
    let last_visible = ((offset + viewport.max(1.0)) / row_height).ceil() as usize;
    let first_row = first_visible.saturating_sub(overscan).min(rows);
    let last_row = (last_visible.max(first_visible + 1) + overscan).min(rows);
    Window {
        start: first_row * columns,
        end: (last_row * columns).min(total),
        first_row,
        columns,
        spacer_px: spacer.round() as usize,
        grid_top_px: (scroll_top - (offset - first_row as f64 * row_height)).round() as i64,
        scale,
    }
}

/// The scrollable grid of cards for the current result, at the end of `parent` (after the
/// hidden probes that measure it). `on_activate` is called with the store row of a card that is
/// activated (click, Enter or Space).
pub fn card_window(
    dom: &Dom,
    parent: &Element,
    state: CardsState,
    on_activate: Option<Callback<u32>>,
) -> Option<()> {
    // Hidden, sized by the stylesheet's measures, observed for the window's arithmetic.
    let measure = dom.element(parent, "div", "ec-window__measure")?;
    set(&measure, "aria-hidden", "true");
    let card_probe = dom.element(&measure, "div", "ec-window__probe-card")?;
    let gap_probe = dom.element(&measure, "div", "ec-window__probe-gap")?;
    let container = dom
        .element(parent, "div", "ec-window")?
        .dyn_into::<HtmlElement>()
        .ok()?;
    // Height and overflow are set on the element too (through the CSSOM, which a strict
    // Content-Security-Policy allows), so the window stays bounded without the stylesheet.
    let style = container.style();
    for (name, value) in [
        ("height", "var(--ec-list-height, 70vh)"),
        ("overflow-y", "auto"),
        ("overflow-anchor", "none"),
        ("position", "relative"),
    ] {
        let _ = style.set_property(name, value);
    }
    let (width, height) = element_size(&container);
    // The list's scroll offset, followed through its scroll events.
    let y = rw_signal(0.0);
    let scrolled = container.clone();
    let set_y = move |top: f64| scrolled.set_scroll_top(top.round() as i32);
    let total = memo(move |_| state.result.with(|r| r.0.len()));
    // The stylesheet's measures, from the probes (they follow the density and the font size).
    let (min_width, card) = element_size(&card_probe);
    let (gap, _) = element_size(&gap_probe);
    let grid = move || Grid {
        min_width: min_width.get(),
        card: card.get(),
        gap: gap.get(),
    };
    let row_height = move || untrack(grid).row();
    // A new filter or sort (a keystroke, a chip) first builds and paints the cards the viewport
    // shows; the overscan rows follow once that frame is painted and the page is idle (a quarter
    // of the cards, and of the work, on every keystroke; input waiting goes first). Scrolling,
    // loading and names arriving keep them (and so keep the card elements, and the focus, where
    // they are).
    let overscan_tick = rw_signal(0u64);
    // The answer shown and the store version it was computed from: a new answer from the same
    // version is a new filter or sort.
    let shown = stored((0usize, u64::MAX));
    let window = memo(move |_| {
        overscan_tick.track();
        let answer = state.result.with(|r| Arc::as_ptr(&r.0) as usize);
        let version = state.version.get();
        let (shown_answer, shown_version) = shown.try_get_value().unwrap_or_default();
        let fresh = answer != shown_answer && (version == shown_version || shown_version == u64::MAX);
        if answer != shown_answer || version != shown_version {
            shown.set_value((answer, version));
        }
        if fresh {
            // Not for an answer replaced meanwhile (typing on): its own cards come first.
            crate::idle::after_next_paint(Box::new(move || {
                if shown.try_with_value(|(shown, _)| *shown == answer) == Some(true) {
                    overscan_tick.try_update(|t| *t += 1);
                }
            }));
        }
        let overscan = if fresh { 0 } else { OVERSCAN_ROWS };
        window_for(y.get(), height.get(), width.get(), total.get(), overscan, grid())
    });
    // The card Tab lands on: the last one focused, kept inside the rendered window.
    let active = rw_signal(0usize);
    // A card to focus once it is rendered (after the scroll that brings it in), and when it was
    // asked for. Windowing may re-create the card's element while the scroll settles, so the
    // focus is re-applied on every window change for a moment.
    let focus_request = rw_signal(None::<usize>);
    let requested_at = Rc::new(Cell::new(0.0));
    let (focused, asked) = (container.clone(), requested_at.clone());
    bind(move || {
        window.track();
        if let Some(index) = focus_request.get() {
            if js_sys::Date::now() - asked.get() < FOCUS_SETTLE_MS {
                let container = focused.clone();
                request_animation_frame(move || focus_card(&container, index));
            }
        }
    });
    let tab_stop = memo(move |_| {
        let w = window.get();
        active.get().clamp(w.start, w.end.saturating_sub(1).max(w.start))
    });
    // One slot per result position in the window: a new result (a keystroke, a chip) changes
    // which row a slot shows, and its card is updated in place rather than built again. The
    // epoch is part of each key, so a new locale or day builds the cards anew.
    let cards = move || {
        let w = window.get();
        let epoch = state.epoch.get();
        let shown = state.result.with(|r| r.0.count_in(w.start, w.end));
        (w.start..w.start + shown)
            .map(|index| (index, epoch))
            .collect::<Vec<_>>()
    };

    let focus = move |index: usize| {
        let w = window.get_untracked();
        let row = row_height();
        let top = (index / w.columns) as f64 * row;
        let (offset, viewport) = (y.get_untracked() * w.scale, height.get_untracked());
        if top < offset {
            set_y(top / w.scale);
        } else if top + row > offset + viewport {
            set_y((top + row - viewport) / w.scale);
        }
        active.set(index);
        requested_at.set(js_sys::Date::now());
        focus_request.set(Some(index));
    };
    let activate = move |index: usize| {
        let row = state.result.try_with_untracked(|r| r.0.rows.get(index)).flatten();
        if let (Some(report), Some(row)) = (on_activate, row) {
            report.try_run(row);
        }
    };
    // Selection: the last card selected or deselected anchors a Shift range.
    let anchor = Rc::new(Cell::new(None::<usize>));
    let select = move |index: usize, range: bool| {
        let Some(rows) = state.result.try_with_untracked(|r| {
            let from = anchor.get().filter(|_| range).unwrap_or(index);
            r.0.rows_in(from.min(index), from.max(index) + 1)
        }) else {
            return;
        };
        let Some(&row) = state
            .result
            .try_with_untracked(|r| r.0.rows.get(index))
            .flatten()
            .as_ref()
        else {
            return;
        };
        let on = !state.selection.with_untracked(|s| s.contains(row)) || range;
        state.selection.update(|s| s.set_all(rows, on));
        anchor.set(Some(index));
    };
    let select_by_key = select.clone();
    let on_click = move |ev: web_sys::Event| {
        let Some(ev) = ev.dyn_ref::<web_sys::MouseEvent>() else {
            return;
        };
        let Some(index) = card_index(ev.target()) else {
            return;
        };
        active.set(index);
        let checkbox = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .filter(|input| input.matches("[data-ec=select]").unwrap_or(false));
        if checkbox.is_none() && !ev.shift_key() {
            activate(index);
            return;
        }
        select(index, ev.shift_key());
        // The box the browser just toggled shows the selection (a Shift range may keep it on).
        if let Some(input) = checkbox {
            let row = state.result.try_with_untracked(|r| r.0.rows.get(index)).flatten();
            let on = row.is_some_and(|row| state.selection.with_untracked(|s| s.contains(row)));
            input.set_checked(on);
        }
    };
    let on_keydown = move |ev: web_sys::Event| {
        let Some(ev) = ev.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        let n = total.get_untracked();
        if n == 0 {
            return;
        }
        let w = window.get_untracked();
        let current = active.get_untracked().min(n - 1);
        let page = ((height.get_untracked() / row_height()).floor() as usize).max(1) * w.columns;
        let next = match ev.key().as_str() {
            "ArrowDown" => current + w.columns,
            "ArrowUp" => current.saturating_sub(w.columns),
            "ArrowRight" => current + 1,
            "ArrowLeft" => current.saturating_sub(1),
            "PageDown" => current + page,
            "PageUp" => current.saturating_sub(page),
            "Home" => 0,
            "End" => n - 1,
            "Enter" => {
                ev.prevent_default();
                activate(current);
                return;
            }
            " " => {
                ev.prevent_default();
                select_by_key(current, ev.shift_key());
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        focus(next.min(n - 1));
    };
    let on_focusin = move |ev: web_sys::Event| {
        if let Some(index) = card_index(ev.target()) {
            active.set(index);
        }
    };

    let scrolled = container.clone();
    listen(&container, "scroll", move |_| {
        y.set(f64::from(scrolled.scroll_top()))
    });
    listen(&container, "keydown", on_keydown);
    listen(&container, "focusin", on_focusin);
    listen(&container, "click", on_click);
    // The row pitch the window computes with, in whole pixels (tests wait for it).
    let pitch = container.clone();
    bind(move || set(&pitch, "data-row", &(grid().row().round() as u32).to_string()));

    let spacer = dom
        .element(&container, "div", "ec-window__spacer")?
        .dyn_into::<HtmlElement>()
        .ok()?;
    let held = spacer.clone();
    bind(move || {
        // A feed of articles; no role while there is no card (a feed must hold some).
        let some = total.get() > 0;
        set_or_remove(&held, "role", some.then_some("feed"));
        set_or_remove(&held, "aria-label", some.then(|| state.t().enrollments));
        let busy = state
            .load
            .with(|l| matches!(l, LoadState::Loading | LoadState::Retrying { .. }));
        set(&held, "aria-busy", if busy { "true" } else { "false" });
    });
    let grid_element = dom
        .element(&spacer, "div", "ec-window__grid")?
        .dyn_into::<HtmlElement>()
        .ok()?;
    let placed = grid_element.clone();
    bind(move || {
        let w = window.get();
        let _ = spacer
            .style()
            .set_property("height", &format!("{}px", w.spacer_px));
        let style = placed.style();
        let _ = style.set_property("transform", &format!("translateY({}px)", w.grid_top_px));
        let columns = format!("repeat({}, minmax(0, 1fr))", w.columns);
        let _ = style.set_property("grid-template-columns", &columns);
    });
    slots(dom, grid_element.into(), state, cards, total, tab_stop);
    Some(())
}

/// One slot per result position in the window (`cards` gives their keys, in order): a new
/// result (a keystroke, a chip) changes which row a slot shows, and its card is filled again in
/// place rather than built anew; a slot whose key goes is removed, with its effects.
fn slots(
    dom: &Dom,
    grid: Element,
    state: CardsState,
    cards: impl Fn() -> Vec<(usize, u64)> + 'static,
    total: Computed<usize>,
    tab_stop: Computed<usize>,
) {
    let dom = dom.clone();
    // Each slot's owner is a child of the window's, not of the effect's (cleaned up each run);
    // held weakly, as the window's owner holds this effect.
    let parent = Owner::current().map(|o| o.downgrade());
    let mut slots: Vec<((usize, u64), Owner, Element)> = Vec::new();
    bind(move || {
        let mut old = std::mem::take(&mut slots);
        for key in cards() {
            if let Some(i) = old.iter().position(|(k, _, _)| *k == key) {
                slots.push(old.swap_remove(i));
                continue;
            }
            let owner = child_of(parent.as_ref());
            let built = untrack(|| owner.with(|| card_slot(&dom, state, key.0, total, tab_stop)));
            if let Some(article) = built {
                slots.push((key, owner, article));
            }
        }
        for (_, owner, article) in old {
            article.remove();
            owner.cleanup();
        }
        // In result order; only what is out of place moves (a focused card stays focused).
        let mut at = grid.first_child();
        for (_, _, article) in &slots {
            let node: &web_sys::Node = article;
            if at.as_ref() == Some(node) {
                at = node.next_sibling();
            } else {
                let _ = grid.insert_before(node, at.as_ref());
            }
        }
    });
}

/// The result position of the card an event happened in (`data-index` of the enclosing card).
fn card_index(target: Option<web_sys::EventTarget>) -> Option<usize> {
    target?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-index]")
        .ok()??
        .get_attribute("data-index")?
        .parse()
        .ok()
}

/// Focuses the card at `index` if it is rendered and not focused already (without scrolling:
/// the window has scrolled it into view).
fn focus_card(container: &HtmlElement, index: usize) {
    let card = container
        .query_selector(&format!("[data-index=\"{index}\"]"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(card) = card else { return };
    let focused = card.owner_document().and_then(|d| d.active_element());
    if focused.as_ref() != Some(card.as_ref()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = card.focus_with_options(&options);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stylesheet's measures at the default 14 px font: 300 px cards, 272 px wide at least,
    /// 12 px apart.
    const GRID: Grid = Grid {
        min_width: 272.0,
        card: CARD_HEIGHT,
        gap: 12.0,
    };
    const CARD_HEIGHT: f64 = 300.0;
    const ROW_HEIGHT: f64 = CARD_HEIGHT + 12.0;

    #[test]
    fn columns_follow_the_container_width() {
        assert_eq!(GRID.columns(0.0), 1);
        assert_eq!(GRID.columns(320.0), 1);
        assert_eq!(GRID.columns(556.0), 2);
        assert_eq!(GRID.columns(1200.0), 4);
        // A bigger font: wider cards, fewer columns; unmeasured probes: one column, no panic.
        let big = Grid {
            min_width: 340.0,
            card: 375.0,
            gap: 15.0,
        };
        assert_eq!(big.columns(1200.0), 3);
        assert_eq!(
            Grid {
                min_width: 0.0,
                card: 0.0,
                gap: 0.0
            }
            .row(),
            MIN_ROW_PX
        );
        let unmeasured = Grid {
            min_width: 0.0,
            card: 0.0,
            gap: 0.0,
        };
        assert!(unmeasured.columns(1200.0) >= 1);
        assert!(window_for(0.0, 0.0, 0.0, 100, OVERSCAN_ROWS, unmeasured).end <= 2);
        // The container measured before the probes: one column of the rows a viewport of
        // minimum-height rows holds, not the whole result.
        assert_eq!(unmeasured.columns(1400.0), 1);
        let early = window_for(0.0, 900.0, 1400.0, 100_000, OVERSCAN_ROWS, unmeasured);
        assert_eq!(early.columns, 1);
        assert!(
            early.end <= (900.0 / MIN_ROW_PX).ceil() as usize + OVERSCAN_ROWS,
            "{early:?}"
        );
    }

    #[test]
    fn the_window_covers_the_viewport_plus_overscan() {
        let w = window_for(0.0, 600.0, 1200.0, 20_000, OVERSCAN_ROWS, GRID);
        assert_eq!((w.start, w.first_row, w.columns), (0, 0, 4));
        // The rows 600 px show (the second only in part), then the overscan.
        let shown = (600.0 / ROW_HEIGHT).ceil() as usize;
        assert_eq!(w.end, (shown + OVERSCAN_ROWS) * 4);
        let deep = window_for(ROW_HEIGHT * 1000.0, 600.0, 1200.0, 20_000, OVERSCAN_ROWS, GRID);
        assert_eq!(deep.first_row, 1000 - OVERSCAN_ROWS);
        assert_eq!(deep.start, (1000 - OVERSCAN_ROWS) * 4);
        assert_eq!(deep.end - deep.start, (OVERSCAN_ROWS + shown + OVERSCAN_ROWS) * 4);
        // Scrolled into a row, the viewport shows part of one more.
        let mid = window_for(ROW_HEIGHT * 1000.5, 600.0, 1200.0, 20_000, OVERSCAN_ROWS, GRID);
        assert_eq!(
            mid.end - mid.start,
            (OVERSCAN_ROWS + shown + 1 + OVERSCAN_ROWS) * 4
        );
        let end = window_for(1e9, 600.0, 1200.0, 20_001, OVERSCAN_ROWS, GRID);
        assert_eq!((end.start, end.end), ((5_000 - OVERSCAN_ROWS) * 4, 20_001));
        assert!(window_for(0.0, 0.0, 0.0, 0, OVERSCAN_ROWS, GRID).end == 0);
        let row = ROW_HEIGHT as usize;
        assert_eq!((end.spacer_px, end.scale), (5_001 * row, 1.0));
        assert_eq!(deep.grid_top_px, (1000 - OVERSCAN_ROWS as i64) * row as i64);
    }

    /// Where row `row` appears relative to the viewport's top, at `scroll_top`.
    fn screen_top(row: usize, scroll_top: f64, w: &Window) -> f64 {
        w.grid_top_px as f64 + (row - w.first_row) as f64 * ROW_HEIGHT - scroll_top
    }

    #[test]
    fn a_list_taller_than_browsers_allow_scrolls_at_a_scale_to_its_end() {
        // 200,000 cards in one column: 62.4 million px of cards.
        let (viewport, total) = (700.0, 200_000);
        let top = window_for(0.0, viewport, 300.0, total, OVERSCAN_ROWS, GRID);
        assert_eq!(top.spacer_px, MAX_SPACER_PX as usize);
        let full = total as f64 * ROW_HEIGHT;
        let want = (full - viewport) / (MAX_SPACER_PX - viewport);
        assert!(
            top.scale > 1.0 && (top.scale - want).abs() < 1e-9,
            "{}",
            top.scale
        );
        assert_eq!((top.start, top.grid_top_px), (0, 0));

        let bottom_scroll = MAX_SPACER_PX - viewport;
        let bottom = window_for(bottom_scroll, viewport, 300.0, total, OVERSCAN_ROWS, GRID);
        assert_eq!(bottom.end, total, "the last card is rendered");
        let last_bottom = screen_top(total - 1, bottom_scroll, &bottom) + CARD_HEIGHT;
        assert!(
            last_bottom <= viewport && last_bottom > viewport - ROW_HEIGHT,
            "the last card ends inside the viewport: {last_bottom}"
        );

        // Scrolling moves the cards smoothly (by the scale), without jumps at row boundaries.
        for scroll in [1_000.0, 1_040.5, 3_999_999.0, 4_000_000.0, 7_999_000.0] {
            let (a, b) = (
                window_for(scroll, viewport, 300.0, total, OVERSCAN_ROWS, GRID),
                window_for(scroll + 1.0, viewport, 300.0, total, OVERSCAN_ROWS, GRID),
            );
            let row = a.start.max(b.start) + 1;
            let moved = screen_top(row, scroll, &a) - screen_top(row, scroll + 1.0, &b);
            assert!((moved - a.scale).abs() <= 1.0, "moved {moved} px at {scroll}");
            assert!(a.end - a.start <= (OVERSCAN_ROWS + 4 + OVERSCAN_ROWS), "{a:?}");
        }
    }
}
