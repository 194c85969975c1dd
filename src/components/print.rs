//! What is printed: the whole filtered and sorted list (not only the cards in the window), up to
//! [`PRINT_CAP`] enrollments, as a table under a header naming the filters. Built when the
//! browser is about to print (`beforeprint`) and dropped after (`afterprint`); the print
//! stylesheet hides everything else.

use web_sys::Element;

use super::dom::{listen, set, show_when, Dom};
use super::summary::chip_text;
use crate::core::fields::CardField;
use crate::core::query::Filter;
use crate::core::store::EnrollmentStore;
use crate::i18n::fill;
use crate::reactive::{rw_signal, Tracked, Writable};
use crate::state::CardsState;

/// Most enrollments printed (more would be hundreds of pages; the CSV export has them all).
pub const PRINT_CAP: usize = 2_000;

/// The print-only list, at the end of `parent` while printing.
pub fn print_list(dom: &Dom, parent: &Element, state: CardsState) -> Option<()> {
    let printing = rw_signal(false);
    if let Some(window) = web_sys::window() {
        let target: web_sys::EventTarget = window.into();
        listen(&target, "beforeprint", move |_| {
            printing.try_set(true);
        });
        listen(&target, "afterprint", move |_| {
            printing.try_set(false);
        });
    }
    show_when(
        dom,
        parent,
        move || printing.get(),
        move |dom, parent| {
            let list = dom.element(parent, "div", "ec-print");
            if let Some(list) = list {
                set(&list, "data-ec", "print");
                print_view(dom, &list, state);
            }
        },
    )
}

/// Fills the print list's `<div>`: title, filters, date and count, the cap note, the table.
fn print_view(dom: &Dom, list: &Element, state: CardsState) -> Option<()> {
    let t = state.t();
    let filters = state
        .with_locale(|l| {
            let chips = state.filter.with_untracked(Filter::active);
            state.with_store(|s| chips.iter().map(|c| chip_text(l, s, c)).collect::<Vec<_>>())
        })
        .flatten()
        .unwrap_or_default();
    let filters = match filters.is_empty() {
        true => t.print_no_filters.to_owned(),
        false => fill(t.print_filters, &[("list", &filters.join("; "))]),
    };
    let today = state
        .rules()
        .map(|r| fill(t.print_date, &[("date", &state.format_date(r.today))]));
    let rows = state.result.with_untracked(|r| r.0.rows_in(0, PRINT_CAP));
    let total = state.result.with_untracked(|r| r.0.len());
    let count = state
        .with_locale(|l| {
            let form = l.plural(total as u64, &t.count);
            let loaded = state.with_store(EnrollmentStore::len).unwrap_or(0);
            fill(
                form,
                &[
                    ("shown", &l.number(total as u64)),
                    ("total", &l.number(loaded as u64)),
                ],
            )
        })
        .unwrap_or_default();
    dom.text_element(list, "p", "ec-print__title", t.enrollments)?;
    let filters = dom.text_element(list, "p", "", &filters)?;
    set(&filters, "data-ec", "print-filters");
    dom.text_element(list, "p", "", &format!("{} · {count}", today.unwrap_or_default()))?;
    if total > PRINT_CAP {
        let (n, all) = (state.number(PRINT_CAP), state.number(total));
        let cap = fill(t.print_cap, &[("n", &n), ("total", &all)]);
        let cap = dom.text_element(list, "p", "", &cap)?;
        set(&cap, "data-ec", "print-cap");
    }
    let table = dom.element(list, "table", "ec-print__table")?;
    let head = dom.element(&dom.element(&table, "thead", "")?, "tr", "")?;
    let columns = [
        t.field(CardField::Course),
        t.field(CardField::Learner),
        t.group_status,
        t.field(CardField::Due),
        t.field(CardField::Progress),
    ];
    for name in columns {
        set(&dom.text_element(&head, "th", "", name)?, "scope", "col");
    }
    let body = dom.element(&table, "tbody", "")?;
    state.with_store(|s| {
        for &row in &rows {
            let (status, _) = s.states(row);
            let due = s
                .enrollment(row)
                .and_then(|e| e.due_date)
                .map_or_else(|| t.no_due_date.to_owned(), |d| state.format_date(d));
            let progress = s
                .result(row)
                .map(|r| format!("{} · {}%", t.completion(r.status), r.progress.unwrap_or(0)))
                .unwrap_or_default();
            let name = s.person(row).map_or_else(|| s.learner_id(row), |p| p.name());
            let line = dom.element(&body, "tr", "")?;
            let cells = [
                s.course_title(row).unwrap_or(s.course_id(row)),
                name,
                t.status(status),
                &due,
                &progress,
            ];
            for cell in cells {
                dom.text_element(&line, "td", "", cell)?;
            }
        }
        Some(())
    })?
}
