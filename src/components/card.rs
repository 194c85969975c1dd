//! One enrollment as a card: every field labelled, states as text badges.

use leptos::prelude::*;

use crate::core::model::Enrollment;
use crate::core::status::{CertificateState, Status};

/// A card for one enrollment (`<article data-enrollment-id="…">`).
#[component]
pub fn Card(
    /// The enrollment shown.
    enrollment: Enrollment,
    /// Its derived status.
    status: Status,
    /// Its certificate state.
    certificate_state: CertificateState,
) -> impl IntoView {
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
    let optional = |d: Option<time::Date>| d.map_or_else(|| "—".to_owned(), |d| d.to_string());
    let lock = match (should_lock_after_due_date, expiration_date) {
        (_, Some(day)) => format!("Locks after {day}"),
        (true, None) => "Locks after the due date".to_owned(),
        (false, None) => "Stays open".to_owned(),
    };
    let certificate_text = certificate.as_ref().map(|c| {
        let issued = c
            .issued_at
            .map_or_else(|| "—".to_owned(), |t| t.date().to_string());
        let expires = c
            .expires_at
            .map_or_else(|| "never".to_owned(), |t| t.date().to_string());
        format!("Issued {issued}, expires {expires}")
    });
    view! {
        <article class="ec-card" data-enrollment-id=enrollment_id.clone() data-status=status.label()>
            <header class="ec-card__header">
                <span class="ec-badge" data-badge="status">{status.label()}</span>
                <span class="ec-badge" data-badge="certificate">{certificate_state.label()}</span>
            </header>
            <dl class="ec-card__fields">
                <dt>"Course"</dt>
                <dd title=course_id.clone()>{course_id.clone()}</dd>
                <dt>"Learner"</dt>
                <dd title=learner_id.clone()>{learner_id.clone()}</dd>
                <dt>"Access"</dt>
                <dd>{access_date.to_string()}</dd>
                <dt>"Due"</dt>
                <dd>{optional(due_date)}</dd>
                <dt>"Lock"</dt>
                <dd>{lock}</dd>
                <dt>"Enrollment"</dt>
                <dd>{enrollment_type.label()}</dd>
                <dt>"Certificate"</dt>
                <dd>{certificate_text.unwrap_or_else(|| "None".to_owned())}</dd>
            </dl>
        </article>
    }
}
