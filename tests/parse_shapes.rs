//! Every document shape the live service and its reference page send parses to exact values.

// Native only (they use the mock crate, threads or clocks): `wasm-pack test` skips them.
#![cfg(not(target_arch = "wasm32"))]

use enrollment_cards::{parse_enrollments, Certificate, Enrollment, EnrollmentType};
use time::macros::{date, datetime};

#[test]
fn live_service_nested_certificate_and_numeric_booleans() {
    let page = parse_enrollments(include_str!("fixtures/live-nested.xml")).expect("parses");
    assert_eq!(page.next_page_token, None);
    assert_eq!(
        page.enrollments,
        vec![
            Enrollment {
                enrollment_id: "fc1fc35c-040d-11ed-a2ba-b6f58d6fa7b5".into(),
                course_id: "1cf62af4-02c3-11ed-8874-3ebfbdfaeb70".into(),
                learner_id: "d9261766-040d-11ed-ae50-da994e0c8f89".into(),
                access_date: date!(2022 - 07 - 14),
                due_date: None,
                expiration_date: None,
                should_lock_after_due_date: false,
                enrollment_type: EnrollmentType::AssignedByAdmin,
                certificate: Some(Certificate {
                    id: "66b4ed00-040e-11ed-a8a2-b6f58d6fa7b5".into(),
                    issued_at: Some(datetime!(2022-07-15 07:19:00 UTC)),
                    expires_at: Some(datetime!(2023-07-15 07:21:00 UTC)),
                }),
            },
            Enrollment {
                enrollment_id: "0b7e1a9e-5c2f-11ee-8c99-0242ac120002".into(),
                course_id: "1cf62af4-02c3-11ed-8874-3ebfbdfaeb70".into(),
                learner_id: "3f2a6c1e-5c2f-11ee-8c99-0242ac120002".into(),
                access_date: date!(2023 - 09 - 01),
                due_date: Some(date!(2023 - 10 - 01)),
                expiration_date: Some(date!(2023 - 10 - 15)),
                should_lock_after_due_date: true,
                enrollment_type: EnrollmentType::FromCatalog,
                certificate: None,
            },
        ]
    );
}

#[test]
fn reference_page_flat_certificate_and_word_booleans() {
    let page = parse_enrollments(include_str!("fixtures/reference-flat.xml")).expect("parses");
    let [first, second] = page.enrollments.as_slice() else {
        panic!("expected two enrollments, got {}", page.enrollments.len());
    };
    assert!(first.should_lock_after_due_date);
    assert_eq!(first.due_date, Some(date!(2021 - 12 - 31)));
    assert_eq!(first.expiration_date, Some(date!(2022 - 01 - 31)));
    assert_eq!(
        first.certificate,
        Some(Certificate {
            id: "b1d4e2f0-6a61-11ec-90d6-0242ac120003".into(),
            issued_at: Some(datetime!(2021-12-20 15:04:05 +3)),
            expires_at: Some(datetime!(2022-12-20 15:04:05 +3)),
        })
    );
    assert!(!second.should_lock_after_due_date);
    assert_eq!(second.enrollment_type, EnrollmentType::FromCatalog);
    assert_eq!(second.learner_id, "a59c152e-1603-11ec-872d-0242ac160034");
    assert_eq!(
        second.certificate,
        Some(Certificate {
            id: "c7e8f9a0-6a61-11ec-90d6-0242ac120003".into(),
            issued_at: Some(datetime!(2021-10-01 09:30:00 UTC)),
            expires_at: None,
        })
    );
}

#[test]
fn paged_wrapper_with_next_page_token() {
    let page = parse_enrollments(include_str!("fixtures/paged.xml")).expect("parses");
    assert_eq!(page.next_page_token.as_deref(), Some("eyJvZmZzZXQiOjEwMDB9"));
    assert_eq!(page.enrollments.len(), 1);
    assert_eq!(
        page.enrollments[0].enrollment_id,
        "5d0c8f6a-8e3b-4c8e-9f1a-2b7d4e6a9c01"
    );
    assert_eq!(page.enrollments[0].due_date, Some(date!(2026 - 12 - 01)));
}

#[test]
fn empty_or_missing_page_token_means_last_page() {
    for xml in [
        "<response><enrollments></enrollments><nextPageToken></nextPageToken></response>",
        "<response><enrollments/><nextPageToken/></response>",
        "<response><enrollments/><nextPageToken>   </nextPageToken></response>",
        "<response><enrollments/></response>",
    ] {
        let page = parse_enrollments(xml).expect(xml);
        assert_eq!(page, Default::default(), "{xml}");
    }
}

#[test]
fn empty_accounts() {
    for xml in [
        "<response/>",
        "<response></response>",
        "<?xml version=\"1.0\"?>\n<response>\n</response>\n",
        "  \n<response />  ",
    ] {
        assert_eq!(parse_enrollments(xml), Ok(Default::default()), "{xml}");
    }
}

#[test]
fn bom_crlf_comments_cdata_attributes_order_unknown_elements_and_references() {
    let page = parse_enrollments(include_str!("fixtures/quirks.xml")).expect("parses");
    assert_eq!(
        page.enrollments,
        vec![Enrollment {
            enrollment_id: "fc1fc35c-040d-11ed-a2ba-b6f58d6fa7b5".into(),
            course_id: "course&AB-7".into(),
            learner_id: "d9261766-040d-11ed-ae50-da994e0c8f89".into(),
            access_date: date!(2026 - 10 - 01),
            due_date: Some(date!(2026 - 12 - 01)),
            expiration_date: None,
            should_lock_after_due_date: true,
            enrollment_type: EnrollmentType::FromCatalog,
            certificate: Some(Certificate {
                id: "66b4ed00-040e-11ed-a8a2-b6f58d6fa7b5".into(),
                issued_at: Some(datetime!(2026-01-10 12:00:00 UTC)),
                expires_at: Some(datetime!(2027-01-10 12:00:00 UTC)),
            }),
        }]
    );
}

#[test]
fn namespaced_element_prefixes_are_read_by_local_name() {
    let xml = r#"<lms:response xmlns:lms="urn:lms"><lms:enrollment>
        <lms:enrollmentId>e-1</lms:enrollmentId><lms:courseId>c-1</lms:courseId>
        <lms:learnerId>l-1</lms:learnerId><lms:accessDate>2026-01-02</lms:accessDate>
        <lms:enrollmentTypeGroup>0</lms:enrollmentTypeGroup>
        <lms:shouldLockAfterDueDate>0</lms:shouldLockAfterDueDate>
    </lms:enrollment></lms:response>"#;
    let page = parse_enrollments(xml).expect("parses");
    assert_eq!(page.enrollments[0].enrollment_id, "e-1");
    assert_eq!(page.enrollments[0].access_date, date!(2026 - 01 - 02));
}

#[test]
fn ids_are_opaque_strings() {
    let xml = "<response><enrollment><enrollmentId>42</enrollmentId><courseId>COURSE/Ü 1</courseId>\
        <learnerId>user@example.com</learnerId><accessDate>2026-03-04</accessDate>\
        <enrollmentTypeGroup>1</enrollmentTypeGroup><shouldLockAfterDueDate>FALSE</shouldLockAfterDueDate>\
        </enrollment></response>";
    let e = &parse_enrollments(xml).expect("parses").enrollments[0];
    assert_eq!(
        (
            e.enrollment_id.as_str(),
            e.course_id.as_str(),
            e.learner_id.as_str()
        ),
        ("42", "COURSE/Ü 1", "user@example.com")
    );
}

#[test]
fn lenient_date_time_in_date_fields_and_timestamps_without_offset() {
    let xml = "<response><enrollment><enrollmentId>e</enrollmentId><courseId>c</courseId><learnerId>l</learnerId>\
        <accessDate>2026-03-04T08:00:00+02:00</accessDate><dueDate>2026-04-01 00:00:00</dueDate>\
        <enrollmentTypeGroup>0</enrollmentTypeGroup><shouldLockAfterDueDate>0</shouldLockAfterDueDate>\
        <certificate><issuedCertificateId>cert</issuedCertificateId><issueDate>2026-03-20T10:11:12</issueDate>\
        <expiryDate>2027-03-20</expiryDate></certificate></enrollment></response>";
    let e = &parse_enrollments(xml).expect("parses").enrollments[0];
    assert_eq!(e.access_date, date!(2026 - 03 - 04));
    assert_eq!(e.due_date, Some(date!(2026 - 04 - 01)));
    let cert = e.certificate.as_ref().expect("certificate");
    assert_eq!(cert.issued_at, Some(datetime!(2026-03-20 10:11:12 UTC)));
    assert_eq!(cert.expires_at, Some(datetime!(2027-03-20 00:00:00 UTC)));
}

#[test]
fn empty_certificate_element_means_no_certificate() {
    let xml = "<response><enrollment><enrollmentId>e</enrollmentId><courseId>c</courseId><learnerId>l</learnerId>\
        <accessDate>2026-03-04</accessDate><enrollmentTypeGroup>0</enrollmentTypeGroup>\
        <shouldLockAfterDueDate>0</shouldLockAfterDueDate><certificate/><dueDate></dueDate></enrollment></response>";
    let e = &parse_enrollments(xml).expect("parses").enrollments[0];
    assert_eq!(e.certificate, None);
    assert_eq!(e.due_date, None);
}
