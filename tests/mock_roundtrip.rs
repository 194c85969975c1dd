//! The mock LMS's answers read back through the real parser, field for field.

// Native only (they use the mock crate, threads or clocks): `wasm-pack test` skips them.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use enrollment_cards::{parse_enrollments, EnrollmentType, ParseError};
use mock_lms::fault::Fault;
use mock_lms::query::{page_offset, page_token};
use mock_lms::xml::{self, Listing};

#[test]
fn unpaged_answer_round_trips_every_field() {
    let data = support::dataset(1_000);
    let page = parse_enrollments(&support::unpaged_xml(&data)).expect("parses");
    assert_eq!(page.next_page_token, None);
    assert_eq!(page.enrollments.len(), data.enrollments.len());
    for (parsed, mock) in page.enrollments.iter().zip(&data.enrollments) {
        assert_eq!(parsed.enrollment_id, mock.id);
        assert_eq!(parsed.course_id, data.courses[mock.course].id);
        assert_eq!(parsed.learner_id, data.learners[mock.learner].id);
        assert_eq!(parsed.access_date, mock.access_date);
        assert_eq!(parsed.due_date, mock.due_date);
        assert_eq!(parsed.expiration_date, mock.expiration_date);
        assert_eq!(parsed.should_lock_after_due_date, mock.should_lock);
        let kind = if mock.from_catalog {
            EnrollmentType::FromCatalog
        } else {
            EnrollmentType::AssignedByAdmin
        };
        assert_eq!(parsed.enrollment_type, kind);
        match (&parsed.certificate, &mock.certificate) {
            (None, None) => {}
            (Some(p), Some(m)) => {
                assert_eq!(p.id, m.id);
                assert_eq!(p.issued_at, Some(m.issued_at));
                assert_eq!(p.expires_at, m.expires_at);
            }
            other => panic!("certificate mismatch {other:?}"),
        }
    }
}

#[test]
fn paged_answers_concatenate_to_the_unpaged_one() {
    let data = support::dataset(2_500);
    let all = parse_enrollments(&support::unpaged_xml(&data))
        .expect("parses")
        .enrollments;
    let mut collected = Vec::new();
    let mut offset = 0;
    let mut pages = 0;
    loop {
        let end = (offset + 1_000).min(data.enrollments.len());
        let next = (end < data.enrollments.len()).then(|| page_token(end));
        let body = xml::enrollments(
            &data,
            data.enrollments[offset..end].iter(),
            Listing::Paged {
                wrapper: "enrollments",
                next_page_token: next.as_deref(),
            },
        );
        let page = parse_enrollments(&body).expect("page parses");
        collected.extend(page.enrollments);
        pages += 1;
        match page.next_page_token {
            Some(token) => offset = page_offset(&token).expect("our token"),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(collected, all);
}

#[test]
fn error_bodies_and_faults_become_typed_errors() {
    assert_eq!(
        parse_enrollments(&xml::error(
            401,
            "Unauthorized: the access token is invalid or has expired"
        )),
        Err(ParseError::Service {
            code: "401".into(),
            message: "Unauthorized: the access token is invalid or has expired".into()
        })
    );
    let real = support::unpaged_xml(&support::dataset(50));
    let cases = [
        ("body=truncated", "Truncated"),
        ("body=html", "UnexpectedRoot"),
        ("body=text", "NotXml"),
        ("body=empty", "EmptyBody"),
        ("body=json", "NotXml"),
    ];
    for (spec, variant) in cases {
        let body = Fault::parse(spec).expect("spec").body(real.clone());
        let err = parse_enrollments(&body).expect_err(spec);
        assert!(format!("{err:?}").starts_with(variant), "{spec}: {err:?}");
    }
}

#[test]
fn related_endpoints_render_their_wrappers() {
    let data = support::dataset(40);
    let users = xml::users(
        &data,
        0..2,
        Listing::Paged {
            wrapper: "userProfiles",
            next_page_token: None,
        },
    );
    assert!(users.contains("<userProfiles>") && users.contains("<name>FIRST_NAME</name>"));
    assert!(users.contains(&data.learners[1].id));
    let contents = xml::contents(&data, 0..data.courses.len(), Listing::Unpaged);
    assert!(
        contents.contains("Fire Safety &lt;Level 2&gt;"),
        "titles are escaped"
    );
    let results = xml::results(
        &data,
        data.enrollments.iter().take(3),
        Listing::Paged {
            wrapper: "results",
            next_page_token: Some("t"),
        },
    );
    assert_eq!(results.matches("<result>").count(), 3);
    assert!(results.contains("<nextPageToken>t</nextPageToken>"));
}
