//! What is printed: the whole filtered and sorted list (not only the cards in the window), up to
//! [`PRINT_CAP`] enrollments, as a table under a header naming the filters. Built when the
//! browser is about to print (`beforeprint`) and dropped after (`afterprint`); the print
//! stylesheet hides everything else.

use leptos::prelude::*;

use super::observe::on_event;
use super::summary::chip_text;
use crate::core::query::Filter;
use crate::i18n::fill;
use crate::state::CardsState;

/// Most enrollments printed (more would be hundreds of pages; the CSV export has them all).
pub const PRINT_CAP: usize = 2_000;

/// The print-only list, present while printing.
#[component]
pub fn PrintList(
    /// Shared view state.
    state: CardsState,
) -> impl IntoView {
    let printing = RwSignal::new(false);
    if let Some(window) = web_sys::window() {
        let target: web_sys::EventTarget = window.into();
        on_event(target.clone(), "beforeprint", move || {
            printing.try_set(true);
        });
        on_event(target, "afterprint", move || {
            printing.try_set(false);
        });
    }
    move || printing.get().then(|| print_view(state))
}

fn print_view(state: CardsState) -> impl IntoView {
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
    let cap = (total > PRINT_CAP).then(|| {
        fill(
            t.print_cap,
            &[("n", &state.number(PRINT_CAP)), ("total", &state.number(total))],
        )
    });
    let lines = state
        .with_store(|s| {
            rows.iter()
                .map(|&row| {
                    let (status, _) = s.states(row);
                    let due = s
                        .enrollment(row)
                        .and_then(|e| e.due_date)
                        .map_or_else(|| t.no_due_date.to_owned(), |d| state.format_date(d));
                    let progress = s.result(row).map(|r| {
                        format!("{} · {}%", t.completion(r.status), r.progress.unwrap_or(0))
                    });
                    view! {
                        <tr>
                            <td>{s.course_title(row).unwrap_or(s.course_id(row)).to_owned()}</td>
                            <td>{s.person(row).map_or_else(|| s.learner_id(row).to_owned(), |p| p.name().to_owned())}</td>
                            <td>{t.status(status)}</td>
                            <td>{due}</td>
                            <td>{progress}</td>
                        </tr>
                    }
                })
                .collect_view()
        });
    view! {
        <div class="ec-print" data-ec="print">
            <p class="ec-print__title">{t.enrollments}</p>
            <p data-ec="print-filters">{filters}</p>
            <p>{today} " · " {move || state.with_locale(|l| {
                let form = l.plural(total as u64, &t.count);
                fill(form, &[("shown", &l.number(total as u64)), ("total", &l.number(state.total() as u64))])
            })}</p>
            {cap.map(|c| view! { <p data-ec="print-cap">{c}</p> })}
            <table class="ec-print__table">
                <thead>
                    <tr>
                        <th scope="col">{t.field(crate::core::fields::CardField::Course)}</th>
                        <th scope="col">{t.field(crate::core::fields::CardField::Learner)}</th>
                        <th scope="col">{t.group_status}</th>
                        <th scope="col">{t.field(crate::core::fields::CardField::Due)}</th>
                        <th scope="col">{t.field(crate::core::fields::CardField::Progress)}</th>
                    </tr>
                </thead>
                <tbody>{lines}</tbody>
            </table>
        </div>
    }
}
