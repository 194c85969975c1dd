//! One enrollment as a card: status badges and a selection checkbox, then the fields the
//! administrator chose, in their order (by default the course title and the learner's name lead,
//! their IDs until the related endpoints answer, and the card then updates in place; e-mail and
//! department, completion and progress, labelled dates in the widget's locale with relative
//! hints, type, certificate, and the IDs at the foot). States are text badges, never colour alone.

use leptos::prelude::*;

use crate::core::directory::ResultEntry;
use crate::core::display::{certificate_hint, lock_line, status_hint, LockLine, StatusHint};
use crate::core::fields::CardField;
use crate::core::model::Enrollment;
use crate::core::status::CertificateState;
use crate::core::store::EnrollmentStore;
use crate::i18n::fill;
use crate::state::CardsState;

/// A course shown by its ID (its title not known, or not yet): styled as an ID, never as a title.
const TITLE_BY_ID: &str = "ec-card__title ec-card__by-id";
/// A learner shown by their ID (their name not known, or not yet).
const NAME_BY_ID: &str = "ec-card__name ec-card__by-id";

/// The card for store row `row`, at position `index` of the current result (of `total`).
#[component]
pub fn Card(
    /// Shared view state.
    state: CardsState,
    /// Store row.
    row: u32,
    /// Position in the current result (for keyboard navigation).
    index: usize,
    /// Cards in the current result.
    #[prop(into)]
    total: Signal<usize>,
    /// Whether this card is the one Tab lands on.
    #[prop(into)]
    tab_stop: Signal<bool>,
) -> impl IntoView {
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
    let due = due_date.map_or_else(|| t.no_due_date.to_owned(), date);
    let lock = match lock_line(due_date, expiration_date, should_lock_after_due_date, today) {
        LockLine::StaysOpen => t.stays_open.to_owned(),
        LockLine::LocksAfter(day) => fill(t.locks_after, &[("date", &date(day))]),
        LockLine::LockedSince(day) => fill(t.locked_since, &[("date", &date(day))]),
    };
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
            let issued = issued.map_or_else(|| t.issued.to_owned(), |d| fill(t.issued_on, &[("date", &d)]));
            let expiry = expires.as_ref().map_or_else(
                || t.never_expires.to_owned(),
                |(d, _)| fill(t.expires_on, &[("date", d)]),
            );
            format!("{issued}, {expiry}")
        },
    );
    let certificate_hint = certificate_hint(certificate_state, expires.map(|(_, day)| day), today)
        .and_then(|h| state.with_locale(|l| l.certificate_hint(h)));
    let certificate_id = certificate.map(|c| c.id);
    // What the related endpoints tell. Read once per build: the slot holding the card
    // (`CardWindow`) builds it again, in place, when names arrive or its row changes.
    let known = state.with_store(|s| Known::of(s, row)).unwrap_or_default();
    let label = {
        let name = known.name.as_deref().unwrap_or(&learner_id);
        let title = known.title.as_deref().unwrap_or(&course_id);
        fill(
            t.card_label,
            &[("name", name), ("title", title), ("status", t.status(status))],
        )
    };
    let selected = Memo::new(move |_| state.selection.with(|s| s.contains(row)));
    let card_id = enrollment_id.clone();
    // One field's view; the fields named by the related endpoints follow `known`.
    let field = move |field: CardField| -> AnyView {
        // `full`: the whole value on hover, where a long one is cut.
        let labelled = |value: AnyView, full: Option<String>| {
            view! {
                <dl class="ec-field" data-field=field.id()>
                    <dt>{t.field(field)}</dt>
                    <dd title=full>{value}</dd>
                </dl>
            }
            .into_any()
        };
        let with_hint = |value: String, hint: Option<String>| {
            let full = hint
                .as_ref()
                .map_or_else(|| value.clone(), |h| format!("{value} · {h}"));
            labelled(
                view! { {value} {hint.map(|h| view! { <span class="ec-hint">{h}</span> })} }.into_any(),
                Some(full),
            )
        };
        match field {
            CardField::Course => {
                // The hover text: the whole title (cut on the card when long) and the ID.
                let (class, shown, full) = match &known.title {
                    Some(title) => ("ec-card__title", title.clone(), format!("{title}\n{course_id}")),
                    None => (TITLE_BY_ID, course_id.clone(), course_id.clone()),
                };
                view! { <p class=class data-ec="course" title=full>{shown}</p> }.into_any()
            }
            CardField::Learner => {
                let (class, shown) = match &known.name {
                    Some(name) => ("ec-card__name", name.clone()),
                    None => (NAME_BY_ID, learner_id.clone()),
                };
                view! { <p class=class data-ec="learner" title=learner_id.clone()>{shown}</p> }.into_any()
            }
            CardField::Details => (!known.meta.is_empty())
                .then(|| view! { <p class="ec-card__meta">{known.meta.clone()}</p> })
                .into_any(),
            CardField::Progress => known.result.map(|r| progress(state, r)).into_any(),
            CardField::Due => with_hint(due.clone(), due_hint.clone()),
            CardField::Access => with_hint(date(access_date), access_hint.clone()),
            CardField::Lock => labelled(lock.clone().into_any(), Some(lock.clone())),
            CardField::Type => {
                let kind = t.kind(enrollment_type);
                labelled(kind.into_any(), Some(kind.to_owned()))
            }
            CardField::Certificate => {
                let full = match (&certificate_id, &certificate_hint) {
                    (Some(id), Some(h)) => format!("{certificate_text} · {h}\n{id}"),
                    (Some(id), None) => format!("{certificate_text}\n{id}"),
                    _ => certificate_text.clone(),
                };
                labelled(
                    view! {
                        {certificate_text.clone()}
                        {certificate_hint.clone().map(|h| view! { <span class="ec-hint">{h}</span> })}
                    }
                    .into_any(),
                    Some(full),
                )
            }
            CardField::Ids => view! {
                <p class="ec-card__ids ec-id" title=enrollment_id.clone()>
                    {format!("{course_id} · {learner_id}")}
                </p>
            }
            .into_any(),
        }
    };
    // Untracked: the slot tracks the fields and builds the card again when they change.
    let fields = state
        .fields
        .with_untracked(|f| f.shown().iter().map(|f| field(*f)).collect_view());
    let select_label = fill(t.select_card, &[("card", &label)]);
    Some(view! {
        <article
            class="ec-card"
            tabindex=move || if tab_stop.get() { "0" } else { "-1" }
            aria-label=label
            aria-posinset=index + 1
            aria-setsize=move || total.get()
            data-enrollment-id=card_id
            data-index=index
            data-status=status.id()
            data-certificate=certificate_state.id()
        >
            <header class="ec-card__header">
                <input
                    type="checkbox"
                    class="ec-card__select"
                    data-ec="select"
                    tabindex="-1"
                    aria-label=select_label
                    prop:checked=selected
                />
                <span class="ec-badge ec-badge--status">{t.status(status)}</span>
                {(certificate_state != CertificateState::None)
                    .then(|| view! { <span class="ec-badge ec-badge--certificate">{t.certificate(certificate_state)}</span> })}
            </header>
            {fields}
        </article>
    })
}

/// The progress line: completion badge, bar, percent, completion date and score.
fn progress(state: CardsState, r: ResultEntry) -> impl IntoView {
    let t = state.t();
    let percent = r.progress.unwrap_or(0);
    let mut text = vec![state.with_locale(|l| l.percent(percent)).unwrap_or_default()];
    if let Some(day) = r.completed_on {
        text.push(fill(t.completed_on, &[("date", &state.format_date(day))]));
    }
    if let Some(score) = r.score {
        let score = state
            .with_locale(|l| l.decimal(f64::from(score)))
            .unwrap_or_default();
        text.push(fill(t.score, &[("score", &score)]));
    }
    let text = text.join(" · ");
    let title = text.clone();
    view! {
        <div class="ec-card__progress">
            <span class="ec-badge ec-badge--completion" data-completion=r.status.id()>{t.completion(r.status)}</span>
            <div
                class="ec-progress-bar"
                role="progressbar"
                aria-label=t.field(CardField::Progress)
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=percent
            >
                <div class="ec-progress-bar__fill" style:width=format!("{percent}%")></div>
            </div>
            <span class="ec-card__progress-text" title=title>{text}</span>
        </div>
    }
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
