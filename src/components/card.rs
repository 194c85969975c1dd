//! One enrollment as a card: every field labelled, dates in the widget's locale, relative hints,
//! states as text badges (never colour alone).

use leptos::prelude::*;

use crate::core::display::{certificate_hint, lock_line, status_hint, LockLine};
use crate::core::model::Enrollment;
use crate::core::status::CertificateState;
use crate::state::CardsState;

/// The card for store row `row`, at position `index` of the current result.
#[component]
pub fn Card(
    /// Shared view state.
    state: CardsState,
    /// Store row.
    row: u32,
    /// Position in the current result (for keyboard navigation).
    index: usize,
    /// Whether this card is the one Tab lands on.
    #[prop(into)]
    tab_stop: Signal<bool>,
) -> impl IntoView {
    let (enrollment, (status, certificate_state), today) = state
        .with_store(|s| Some((s.enrollment(row)?, s.states(row), s.rules().today)))
        .flatten()?;
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
    let date = |d: time::Date| state.format_date(d);
    let hint = status_hint(status, access_date, due_date, expiration_date, today);
    let due = due_date.map_or_else(|| "No due date".to_owned(), date);
    let lock = match lock_line(due_date, expiration_date, should_lock_after_due_date, today) {
        LockLine::StaysOpen => "Stays open".to_owned(),
        LockLine::LocksAfter(day) => format!("Locks after {}", date(day)),
        LockLine::LockedSince(day) => format!("Locked since {}", date(day)),
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
        || "None".to_owned(),
        |_| {
            let issued = issued.map_or_else(|| "Issued".to_owned(), |d| format!("Issued {d}"));
            let expiry = expires
                .as_ref()
                .map_or_else(|| "never expires".to_owned(), |(d, _)| format!("expires {d}"));
            format!("{issued}, {expiry}")
        },
    );
    let certificate_hint = certificate_hint(certificate_state, expires.map(|(_, day)| day), today);
    let label = format!(
        "Enrollment of learner {learner_id} in course {course_id}: {}",
        status.label()
    );
    Some(view! {
        <article
            class="ec-card"
            role="listitem"
            tabindex=move || if tab_stop.get() { "0" } else { "-1" }
            aria-label=label
            data-enrollment-id=enrollment_id
            data-index=index
            data-status=status.label()
            data-certificate=certificate_state.label()
        >
            <header class="ec-card__header">
                <span class="ec-badge ec-badge--status">{status.label()}</span>
                {(certificate_state != CertificateState::None)
                    .then(|| view! { <span class="ec-badge ec-badge--certificate">{certificate_state.label()}</span> })}
            </header>
            <dl class="ec-card__fields">
                <dt>"Course"</dt>
                <dd class="ec-id" title=course_id.clone()>{course_id.clone()}</dd>
                <dt>"Learner"</dt>
                <dd class="ec-id" title=learner_id.clone()>{learner_id.clone()}</dd>
                <dt>"Access"</dt>
                <dd>{date(access_date)}</dd>
                <dt>"Due"</dt>
                <dd>
                    {due}
                    {hint.map(|h| view! { <span class="ec-hint">{h}</span> })}
                </dd>
                <dt>"Lock"</dt>
                <dd>{lock}</dd>
                <dt>"Type"</dt>
                <dd>{enrollment_type.label()}</dd>
                <dt>"Certificate"</dt>
                <dd title=certificate.as_ref().map(|c| c.id.clone())>
                    {certificate_text}
                    {certificate_hint.map(|h| view! { <span class="ec-hint">{h}</span> })}
                </dd>
            </dl>
        </article>
    })
}
