//! One enrollment as a card: the course title and the learner's name lead (their IDs until the
//! related endpoints answer; the card then updates in place), e-mail and department beneath,
//! completion and progress, every field labelled, dates in the widget's locale, relative hints,
//! states as text badges (never colour alone), and the IDs at the foot, selectable.

use leptos::prelude::*;

use crate::core::directory::ResultEntry;
use crate::core::display::{certificate_hint, lock_line, status_hint, LockLine};
use crate::core::model::Enrollment;
use crate::core::status::CertificateState;
use crate::core::store::EnrollmentStore;
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
    // What the related endpoints tell, read once per change of names (one store read per card,
    // not one per field: cards are built on every keystroke that changes the result).
    let known = Memo::new(move |_| {
        state.names_version.track();
        state.with_store(|s| Known::of(s, row)).unwrap_or_default()
    });
    let label = {
        let (course_id, learner_id) = (course_id.clone(), learner_id.clone());
        move || {
            known.with(|k| {
                let name = k.name.as_deref().unwrap_or(&learner_id);
                let title = k.title.as_deref().unwrap_or(&course_id);
                format!("{name} in {title}: {}", status.label())
            })
        }
    };
    let enriched = {
        let (course_id, learner_id) = (course_id.clone(), learner_id.clone());
        move || {
            let k = known.get();
            let progress = k.result.map(|r| {
                let percent = r.progress.unwrap_or(0);
                let mut text = vec![format!("{percent}%")];
                if let Some(day) = r.completed_on {
                    text.push(format!("completed {}", state.format_date(day)));
                }
                if let Some(score) = r.score {
                    text.push(format!("score {}", format_score(score)));
                }
                let text = text.join(" · ");
                let title = text.clone();
                view! {
                    <div class="ec-card__progress">
                        <span class="ec-badge ec-badge--completion" data-completion=r.status.id()>{r.status.label()}</span>
                        <div
                            class="ec-progress-bar"
                            role="progressbar"
                            aria-label="Progress"
                            aria-valuemin="0"
                            aria-valuemax="100"
                            aria-valuenow=percent
                        >
                            <div class="ec-progress-bar__fill" style:width=format!("{percent}%")></div>
                        </div>
                        <span class="ec-card__progress-text" title=title>{text}</span>
                    </div>
                }
            });
            view! {
                <p class="ec-card__title" data-ec="course" title=course_id.clone()>{k.title.unwrap_or_else(|| course_id.clone())}</p>
                <p class="ec-card__name" data-ec="learner" title=learner_id.clone()>{k.name.unwrap_or_else(|| learner_id.clone())}</p>
                {(!k.meta.is_empty()).then(|| view! { <p class="ec-card__meta">{k.meta}</p> })}
                {progress}
            }
        }
    };
    Some(view! {
        <article
            class="ec-card"
            role="listitem"
            tabindex=move || if tab_stop.get() { "0" } else { "-1" }
            aria-label=label
            data-enrollment-id=enrollment_id.clone()
            data-index=index
            data-status=status.label()
            data-certificate=certificate_state.label()
        >
            <header class="ec-card__header">
                <span class="ec-badge ec-badge--status">{status.label()}</span>
                {(certificate_state != CertificateState::None)
                    .then(|| view! { <span class="ec-badge ec-badge--certificate">{certificate_state.label()}</span> })}
            </header>
            {enriched}
            <dl class="ec-card__fields">
                <dt>"Due"</dt>
                <dd>
                    {due}
                    {hint.map(|h| view! { <span class="ec-hint">{h}</span> })}
                </dd>
                <dt>"Access"</dt>
                <dd>{date(access_date)}</dd>
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
            <p class="ec-card__ids ec-id" title=enrollment_id.clone()>
                {format!("{course_id} · {learner_id}")}
            </p>
        </article>
    })
}

/// What the related endpoints told about a card's enrollment.
#[derive(Debug, Clone, Default, PartialEq)]
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
        let email = person.and_then(|p| p.email.as_deref());
        let path = store.department_path(row);
        let meta = match (email, path) {
            (Some(email), Some(path)) => format!("{email} · {path}"),
            (Some(one), None) => one.to_owned(),
            (None, Some(path)) => path,
            (None, None) => String::new(),
        };
        Known {
            title: store.course_title(row).map(str::to_owned),
            name: person.map(|p| p.name.to_string()),
            meta,
            result: store.result(row),
        }
    }
}

/// 87.5 → "87.5", 90 → "90" (scores are kept to the hundredth).
fn format_score(score: f32) -> String {
    let hundredths = (score * 100.0).round() as i64;
    match hundredths % 100 {
        0 => (hundredths / 100).to_string(),
        rest if rest % 10 == 0 => format!("{}.{}", hundredths / 100, rest / 10),
        rest => format!("{}.{rest:02}", hundredths / 100),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn scores_without_float_formatting() {
        assert_eq!(super::format_score(87.5), "87.5");
        assert_eq!(super::format_score(90.0), "90");
        assert_eq!(super::format_score(66.67), "66.67");
        assert_eq!(super::format_score(0.05), "0.05");
    }
}
