//! Renders generated data in the XML shapes the live service sends.

use std::borrow::Borrow;
use std::fmt::Write;

use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use crate::data::{CertificateShape, Directory, FieldsShape, Lang, MockEnrollment};

const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// How a list is wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing<'a> {
    /// Unpaged: items straight under `<response>`.
    Unpaged,
    /// Paged: items inside the plural element, then `<nextPageToken>` (empty on the last page).
    Paged {
        /// The plural element name (`enrollments`, `userProfiles`, ...).
        wrapper: &'a str,
        /// Token of the next page, if any.
        next_page_token: Option<&'a str>,
    },
}

/// `GET /enrollment` (unpaged) or one page of `GET /enrollments`: the enrollments given (kept
/// ones, `&MockEnrollment`, or ones drawn again, `MockEnrollment`), with their course and
/// learner IDs from `data` (a [`Dataset`](crate::Dataset) or an [`Account`](crate::Account)).
pub fn enrollments(
    data: &impl Directory,
    items: impl IntoIterator<Item = impl Borrow<MockEnrollment>>,
    listing: Listing<'_>,
) -> String {
    list(items.into_iter(), listing, 460, |out, e| {
        enrollment(out, data, e.borrow())
    })
}

/// `GET /users/v2`: user profiles. Most have their fields as a `<field><name/><value/></field>`
/// list (`JOB_TITLE` left out when unset); those of [`FieldsShape::Members`] have only
/// `<login>` and `<email>` members.
pub fn users(data: &impl Directory, learners: impl Iterator<Item = usize>, listing: Listing<'_>) -> String {
    let (learners_of, departments) = (data.learners(), data.departments());
    list(learners, listing, 520, |out, i| {
        let l = &learners_of[i];
        let _ = write!(
            out,
            "<userProfile><userId>{}</userId><departmentId>{}</departmentId><status>{}</status><fields>",
            l.id, departments[l.department].id, l.status
        );
        match l.fields {
            FieldsShape::List => {
                for (name, value) in [
                    ("FIRST_NAME", Some(l.first_name)),
                    ("LAST_NAME", Some(l.last_name)),
                    ("EMAIL", Some(l.email.as_str())),
                    ("LOGIN", Some(l.login.as_str())),
                    ("JOB_TITLE", l.job_title),
                ] {
                    if let Some(value) = value {
                        let _ = write!(out, "<field><name>{name}</name><value>");
                        escape_into(out, value);
                        out.push_str("</value></field>");
                    }
                }
            }
            FieldsShape::Members => {
                out.push_str("<login>");
                escape_into(out, &l.login);
                out.push_str("</login><email>");
                escape_into(out, &l.email);
                out.push_str("</email>");
            }
        }
        out.push_str("</fields></userProfile>");
    })
}

/// `GET /departments`: `parentDepartmentId` is left out for the roots.
pub fn departments(
    data: &impl Directory,
    departments: impl Iterator<Item = usize>,
    listing: Listing<'_>,
) -> String {
    let all = data.departments();
    list(departments, listing, 200, |out, i| {
        let d = &all[i];
        let _ = write!(out, "<department><departmentId>{}</departmentId><name>", d.id);
        escape_into(out, d.name);
        out.push_str("</name>");
        if let Some(parent) = d.parent {
            let _ = write!(out, "<parentDepartmentId>{}</parentDepartmentId>", all[parent].id);
        }
        out.push_str("</department>");
    })
}

/// `GET /contents`: course titles (of whichever courses are given: the server leaves out the
/// linked copies), in English.
pub fn contents(data: &impl Directory, courses: impl Iterator<Item = usize>, listing: Listing<'_>) -> String {
    contents_in(data, courses, listing, Lang::English)
}

/// [`contents`] with the titles in `lang` (`X-Target-Locale`).
pub fn contents_in(
    data: &impl Directory,
    courses: impl Iterator<Item = usize>,
    listing: Listing<'_>,
    lang: Lang,
) -> String {
    let all = data.courses();
    list(courses, listing, 200, |out, i| {
        let c = &all[i];
        let _ = write!(
            out,
            "<contentItem><contentItemId>{}</contentItemId><title>{}</title><type>course</type></contentItem>",
            c.id,
            escape(c.title_in(lang))
        );
    })
}

/// `GET /learners/results`: the results of the given enrollments (those without one are
/// skipped). Optional elements are left out when unset: `courseTitle`, `completionDate`,
/// `awardedScore`. `isOverdue` is spelt like the enrollment's booleans (`0`/`1` or
/// `false`/`true`). `courseTitle` is in English.
pub fn results(
    data: &impl Directory,
    items: impl IntoIterator<Item = impl Borrow<MockEnrollment>>,
    listing: Listing<'_>,
) -> String {
    results_in(data, items, listing, Lang::English)
}

/// [`results`] with `courseTitle` in `lang` (`X-Target-Locale`).
pub fn results_in(
    data: &impl Directory,
    items: impl IntoIterator<Item = impl Borrow<MockEnrollment>>,
    listing: Listing<'_>,
    lang: Lang,
) -> String {
    let (courses, learners) = (data.courses(), data.learners());
    let with_results = items.into_iter().filter(|e| e.borrow().result.is_some());
    list(with_results, listing, 420, |out, e| {
        let e = e.borrow();
        let Some(r) = &e.result else { return };
        let course = &courses[e.course];
        let _ = write!(
            out,
            "<result><enrollmentId>{}</enrollmentId><courseId>{}</courseId>",
            e.id, course.id
        );
        if r.with_course_title {
            out.push_str("<courseTitle>");
            escape_into(out, course.title_in(lang));
            out.push_str("</courseTitle>");
        }
        let _ = write!(
            out,
            "<learnerId>{}</learnerId><completionStatus>{}</completionStatus><progress>{}</progress>",
            learners[e.learner].id,
            r.status.as_str(),
            r.progress
        );
        if let Some(day) = r.completion_date {
            let _ = write!(out, "<completionDate>{}</completionDate>", date(day));
        }
        if let Some(tenths) = r.awarded_score {
            let _ = match tenths % 10 {
                0 => write!(out, "<awardedScore>{}</awardedScore>", tenths / 10),
                rest => write!(out, "<awardedScore>{}.{rest}</awardedScore>", tenths / 10),
            };
        }
        let _ = write!(
            out,
            "<timeSpent>{}</timeSpent><isOverdue>{}</isOverdue></result>",
            r.time_spent,
            match (e.word_booleans, r.overdue) {
                (true, true) => "true",
                (true, false) => "false",
                (false, true) => "1",
                (false, false) => "0",
            }
        );
    })
}

/// The service's error body.
pub fn error(code: u16, message: &str) -> String {
    format!(
        "{DECLARATION}<response><code>{code}</code><message>{}</message></response>\n",
        escape(message)
    )
}

fn list<T>(
    items: impl Iterator<Item = T>,
    listing: Listing<'_>,
    bytes_per_item: usize,
    mut item: impl FnMut(&mut String, T),
) -> String {
    let (lower, upper) = items.size_hint();
    let mut out = String::with_capacity(128 + upper.unwrap_or(lower) * bytes_per_item);
    out.push_str(DECLARATION);
    out.push_str("<response>\n");
    if let Listing::Paged { wrapper, .. } = listing {
        let _ = writeln!(out, "<{wrapper}>");
    }
    for value in items {
        item(&mut out, value);
        out.push('\n');
    }
    if let Listing::Paged {
        wrapper,
        next_page_token,
    } = listing
    {
        let _ = writeln!(
            out,
            "</{wrapper}>\n<nextPageToken>{}</nextPageToken>",
            next_page_token.unwrap_or_default()
        );
    }
    out.push_str("</response>\n");
    out
}

fn enrollment(out: &mut String, data: &impl Directory, e: &MockEnrollment) {
    let flag = |value: bool| match (e.word_booleans, value) {
        (true, true) => "true",
        (true, false) => "false",
        (false, true) => "1",
        (false, false) => "0",
    };
    let _ = write!(
        out,
        "  <enrollment>\n    <enrollmentId>{}</enrollmentId>\n    <courseId>{}</courseId>\n    \
         <learnerId>{}</learnerId>\n    <accessDate>{}</accessDate>\n",
        e.id,
        data.courses()[e.course].id,
        data.learners()[e.learner].id,
        date(e.access_date)
    );
    if let Some(due) = e.due_date {
        let _ = writeln!(out, "    <dueDate>{}</dueDate>", date(due));
    }
    if let Some(expiration) = e.expiration_date {
        let _ = writeln!(out, "    <expirationDate>{}</expirationDate>", date(expiration));
    }
    let _ = write!(
        out,
        "    <enrollmentTypeGroup>{}</enrollmentTypeGroup>\n    <shouldLockAfterDueDate>{}</shouldLockAfterDueDate>\n",
        u8::from(e.from_catalog),
        flag(e.should_lock)
    );
    if let Some(cert) = &e.certificate {
        let (open, close, issued, expiry) = match e.shape {
            CertificateShape::Nested => (
                "    <certificate>\n",
                "    </certificate>\n",
                "issueDate",
                "expiryDate",
            ),
            CertificateShape::Flat => ("", "", "certIssueDate", "certExpiryDate"),
        };
        out.push_str(open);
        let _ = writeln!(
            out,
            "      <issuedCertificateId>{}</issuedCertificateId>",
            cert.id
        );
        let _ = writeln!(out, "      <{issued}>{}</{issued}>", timestamp(cert.issued_at));
        if let Some(expires) = cert.expires_at {
            let _ = writeln!(out, "      <{expiry}>{}</{expiry}>", timestamp(expires));
        }
        out.push_str(close);
    }
    out.push_str("  </enrollment>");
}

/// `2022-07-14`.
pub fn date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// `2022-07-15T07:19:00+00:00` (the live service writes `+00:00`, not `Z`).
fn timestamp(t: OffsetDateTime) -> String {
    let text = t.format(&Rfc3339).unwrap_or_default();
    match text.strip_suffix('Z') {
        Some(base) => format!("{base}+00:00"),
        None => text,
    }
}

/// Escapes the five XML special characters.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// [`escape`]s `text` onto the end of `out`.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}
