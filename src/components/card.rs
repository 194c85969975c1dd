//! One enrollment as a card: status badges and a selection checkbox, then the fields the
//! administrator chose, in their order (by default the course title and the learner's name lead,
//! their IDs until the related endpoints answer, and the card then updates in place; e-mail and
//! department, completion and progress, labelled dates in the widget's locale with relative
//! hints, type, certificate, and the IDs at the foot). States are text badges, never colour alone.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::core::directory::ResultEntry;
use crate::core::display::{certificate_hint, lock_line, status_hint, LockLine, StatusHint};
use crate::core::fields::CardField;
use crate::core::model::Enrollment;
use crate::core::status::CertificateState;
use crate::core::store::EnrollmentStore;
use crate::i18n::{fill as fill_in, Messages};
use crate::reactive::{memo, Computed, Tracked};
use crate::state::CardsState;

use super::dom::{bind, set, Dom};
use super::patch::{Parts, Shown, CHECKED, ROOT};

/// A course shown by its ID (its title not known, or not yet): styled as an ID, never as a title.
const TITLE_BY_ID: &str = "ec-card__title ec-card__by-id";
/// A learner shown by their ID (their name not known, or not yet).
const NAME_BY_ID: &str = "ec-card__name ec-card__by-id";

/// The slot for result position `index` of the current result (of `total`): an `<article>`
/// filled with the card of the row there, and filled again, in place (the element, and with it
/// the focus, stays), when the slot's row changes, names arrive or the chosen fields change; its
/// checkbox follows the selection. `tab_stop` is the position Tab lands on. The effects belong
/// to the calling owner (the slot's) and read the row without panicking if it has just been
/// disposed.
pub fn card_slot(
    dom: &Dom,
    state: CardsState,
    index: usize,
    total: Computed<usize>,
    tab_stop: Computed<usize>,
) -> Option<Element> {
    let article = dom.create("article", "ec-card")?;
    set(&article, "aria-posinset", &(index + 1).to_string());
    set(&article, "data-index", &index.to_string());
    let held = article.clone();
    let mut stop = None;
    bind(move || {
        let now = tab_stop.get() == index;
        if stop != Some(now) {
            set(&held, "tabindex", if now { "0" } else { "-1" });
            stop = Some(now);
        }
    });
    let held = article.clone();
    bind(move || set(&held, "aria-setsize", &total.get().to_string()));
    let row = memo(move |_| state.result.with(|r| r.0.rows.get(index)));
    let (card, dom) = (article.clone(), dom.clone());
    let mut shown = Shown::default();
    bind(move || {
        state.names_version.track();
        state.fields.track();
        if let Some(parts) = row.try_get().flatten().and_then(|row| describe(state, row)) {
            shown.show(&dom, &card, parts);
        }
    });
    let held = article.clone();
    bind(move || {
        let Some(row) = row.try_get().flatten() else {
            return;
        };
        let on = state.selection.try_with(|s| s.contains(row)).unwrap_or(false);
        let input = held.query_selector("[data-ec=select]").ok().flatten();
        if let Some(input) = input.and_then(|i| i.dyn_into::<HtmlInputElement>().ok()) {
            input.set_checked(on);
        }
    });
    Some(article)
}

/// The card of store row `row`: its label and data attributes, the status badges and selection
/// checkbox, then the chosen fields.
fn describe(state: CardsState, row: u32) -> Option<Parts> {
    let (enrollment, (status, certificate_state), today) = state
        .with_store(|s| Some((s.enrollment(row)?, s.states(row), s.rules().today)))
        .flatten()?;
    let t = state.t();
    let Enrollment {
        enrollment_id,
        course_id,
        learner_id,
        access_date,
        due_date,
        expiration_date,
        should_lock_after_due_date,
        enrollment_type,
        certificate,
    } = enrollment;
    let date = move |d: time::Date| state.format_date(d);
    let hint = status_hint(status, access_date, due_date, expiration_date, today);
    // "starts in 3 days" belongs to the access date, the others to the due date.
    let starts = matches!(hint, Some(StatusHint::Starts(_)));
    let hint = hint.and_then(|h| state.with_locale(|l| l.status_hint(h)));
    let (due_hint, access_hint) = if starts { (None, hint) } else { (hint, None) };
    // Certificate instants are shown, and counted in days, in the viewer's time zone.
    let issued = certificate
        .as_ref()
        .and_then(|c| c.issued_at)
        .map(|t| state.format_instant(t).0);
    let expires = certificate
        .as_ref()
        .and_then(|c| c.expires_at)
        .map(|t| state.format_instant(t));
    let certificate_text = certificate.as_ref().map_or_else(
        || t.no_certificate.to_owned(),
        |_| {
            let issued =
                issued.map_or_else(|| t.issued.to_owned(), |d| fill_in(t.issued_on, &[("date", &d)]));
            let expiry = expires.as_ref().map_or_else(
                || t.never_expires.to_owned(),
                |(d, _)| fill_in(t.expires_on, &[("date", d)]),
            );
            format!("{issued}, {expiry}")
        },
    );
    let certificate_hint = certificate_hint(certificate_state, expires.map(|(_, day)| day), today)
        .and_then(|h| state.with_locale(|l| l.certificate_hint(h)));
    // What the related endpoints tell; the slot fills the card again when more arrives.
    let known = state.with_store(|s| Known::of(s, row)).unwrap_or_default();
    let label = {
        let name = known.name.as_deref().unwrap_or(&learner_id);
        let title = known.title.as_deref().unwrap_or(&course_id);
        fill_in(
            t.card_label,
            &[("name", name), ("title", title), ("status", t.status(status))],
        )
    };
    let mut card = Parts::default();
    card.set(ROOT, "aria-label", label.clone());
    card.set(ROOT, "data-enrollment-id", enrollment_id.clone());
    card.set(ROOT, "data-status", status.id());
    card.set(ROOT, "data-certificate", certificate_state.id());

    let header = card.element(ROOT, "header", "ec-card__header");
    let select = card.element(header, "input", "ec-card__select");
    card.set(select, "type", "checkbox");
    card.set(select, "data-ec", "select");
    card.set(select, "tabindex", "-1");
    card.set(select, "aria-label", fill_in(t.select_card, &[("card", &label)]));
    let selected = state.selection.with_untracked(|s| s.contains(row));
    card.set(select, CHECKED, if selected { "true" } else { "false" });
    card.text_element(header, "span", "ec-badge ec-badge--status", t.status(status));
    if certificate_state != CertificateState::None {
        let badge = t.certificate(certificate_state);
        card.text_element(header, "span", "ec-badge ec-badge--certificate", badge);
    }

    let shown = state.fields.with_untracked(|f| f.shown().to_vec());
    for field in shown {
        match field {
            CardField::Course => {
                // The hover text: the whole title (cut on the card when long) and the ID.
                let (class, shown, full) = match &known.title {
                    Some(title) => ("ec-card__title", title.as_str(), format!("{title}\n{course_id}")),
                    None => (TITLE_BY_ID, course_id.as_str(), course_id.clone()),
                };
                let line = card.text_element(ROOT, "p", class, shown);
                card.set(line, "data-ec", "course");
                card.set(line, "title", full);
            }
            CardField::Learner => {
                let (class, shown) = match &known.name {
                    Some(name) => ("ec-card__name", name.as_str()),
                    None => (NAME_BY_ID, learner_id.as_str()),
                };
                let line = card.text_element(ROOT, "p", class, shown);
                card.set(line, "data-ec", "learner");
                card.set(line, "title", learner_id.as_str());
            }
            CardField::Details if !known.meta.is_empty() => {
                card.text_element(ROOT, "p", "ec-card__meta", known.meta.as_str());
            }
            CardField::Details => {}
            CardField::Progress => {
                if let Some(result) = known.result {
                    progress(&mut card, state, result);
                }
            }
            CardField::Due => {
                let due = due_date.map_or_else(|| t.no_due_date.to_owned(), date);
                with_hint(&mut card, t, field, &due, due_hint.as_deref());
            }
            CardField::Access => with_hint(&mut card, t, field, &date(access_date), access_hint.as_deref()),
            CardField::Lock => {
                let lock = match lock_line(due_date, expiration_date, should_lock_after_due_date, today) {
                    LockLine::StaysOpen => t.stays_open.to_owned(),
                    LockLine::LocksAfter(day) => fill_in(t.locks_after, &[("date", &date(day))]),
                    LockLine::LockedSince(day) => fill_in(t.locked_since, &[("date", &date(day))]),
                };
                labelled(&mut card, t, field, &lock, None, &lock);
            }
            CardField::Type => {
                let kind = t.kind(enrollment_type);
                labelled(&mut card, t, field, kind, None, kind);
            }
            CardField::Certificate => {
                let id = certificate.as_ref().map(|c| c.id.as_str());
                let full = match (id, &certificate_hint) {
                    (Some(id), Some(h)) => format!("{certificate_text} · {h}\n{id}"),
                    (Some(id), None) => format!("{certificate_text}\n{id}"),
                    _ => certificate_text.clone(),
                };
                let hint = certificate_hint.as_deref();
                labelled(&mut card, t, field, &certificate_text, hint, &full);
            }
            CardField::Ids => {
                let line = card.text_element(
                    ROOT,
                    "p",
                    "ec-card__ids ec-id",
                    format!("{course_id} · {learner_id}"),
                );
                card.set(line, "title", enrollment_id.as_str());
            }
        }
    }
    Some(card)
}

/// A labelled field (`<dl>`) holding `value` and, when there is one, a `hint` after it; the
/// whole text `full` (cut on the card when long) on hover.
fn labelled(card: &mut Parts, t: &Messages, field: CardField, value: &str, hint: Option<&str>, full: &str) {
    let list = card.element(ROOT, "dl", "ec-field");
    card.set(list, "data-field", field.id());
    card.text_element(list, "dt", "", t.field(field));
    let value_element = card.text_element(list, "dd", "", value);
    card.set(value_element, "title", full);
    if let Some(hint) = hint {
        card.text_element(value_element, "span", "ec-hint", hint);
    }
}

/// [`labelled`], the hint also after the value on hover.
fn with_hint(card: &mut Parts, t: &Messages, field: CardField, value: &str, hint: Option<&str>) {
    let full = hint.map_or_else(|| value.to_owned(), |h| format!("{value} · {h}"));
    labelled(card, t, field, value, hint, &full);
}

/// The progress line: completion badge, bar, percent, completion date and score.
fn progress(card: &mut Parts, state: CardsState, r: ResultEntry) {
    let t = state.t();
    let percent = r.progress.unwrap_or(0);
    let mut text = vec![state.with_locale(|l| l.percent(percent)).unwrap_or_default()];
    if let Some(day) = r.completed_on {
        text.push(fill_in(t.completed_on, &[("date", &state.format_date(day))]));
    }
    if let Some(score) = r.score {
        let score = state
            .with_locale(|l| l.decimal(f64::from(score)))
            .unwrap_or_default();
        text.push(fill_in(t.score, &[("score", &score)]));
    }
    let text = text.join(" · ");
    let line = card.element(ROOT, "div", "ec-card__progress");
    let badge = card.text_element(
        line,
        "span",
        "ec-badge ec-badge--completion",
        t.completion(r.status),
    );
    card.set(badge, "data-completion", r.status.id());
    let bar = card.element(line, "div", "ec-progress-bar");
    card.set(bar, "role", "progressbar");
    card.set(bar, "aria-label", t.field(CardField::Progress));
    card.set(bar, "aria-valuemin", "0");
    card.set(bar, "aria-valuemax", "100");
    card.set(bar, "aria-valuenow", percent.to_string());
    let fill = card.element(bar, "div", "ec-progress-bar__fill");
    card.set(fill, "style:width", format!("{percent}%"));
    let percent_text = card.text_element(line, "span", "ec-card__progress-text", text.clone());
    card.set(percent_text, "title", text);
}

/// What the related endpoints told about a card's enrollment.
#[derive(Debug, Default)]
struct Known {
    title: Option<String>,
    name: Option<String>,
    /// "e-mail · department path", or empty.
    meta: String,
    result: Option<ResultEntry>,
}

impl Known {
    fn of(store: &EnrollmentStore, row: u32) -> Known {
        let person = store.person(row);
        let email = person.and_then(|p| p.email());
        let path = store.department_path(row);
        let meta = match (email, path) {
            (Some(email), Some(path)) => format!("{email} · {path}"),
            (Some(one), None) => one.to_owned(),
            (None, Some(path)) => path,
            (None, None) => String::new(),
        };
        Known {
            title: store.course_title(row).map(str::to_owned),
            name: person.map(|p| p.name().to_owned()),
            meta,
            result: store.result(row),
        }
    }
}
