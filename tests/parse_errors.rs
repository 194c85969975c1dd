//! Every kind of bad input becomes its own `ParseError`, with a message a person can act on.

// Native only (they use the mock crate, threads or clocks): `wasm-pack test` skips them.
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, Instant};

use enrollment_cards::{parse_enrollments, Location, ParseError};

/// A complete, valid enrollment with one field replaced (or removed when `value` is `None`).
fn enrollment_with(field: &str, value: Option<&str>) -> String {
    let fields = [
        ("enrollmentId", "fc1fc35c-040d-11ed-a2ba-b6f58d6fa7b5"),
        ("courseId", "1cf62af4-02c3-11ed-8874-3ebfbdfaeb70"),
        ("learnerId", "d9261766-040d-11ed-ae50-da994e0c8f89"),
        ("accessDate", "2022-07-14"),
        ("enrollmentTypeGroup", "0"),
        ("shouldLockAfterDueDate", "0"),
        ("dueDate", "2022-08-14"),
    ];
    let body: String = fields
        .iter()
        .filter_map(|&(name, default)| {
            let v = if name == field { value? } else { default };
            Some(format!("<{name}>{v}</{name}>"))
        })
        .collect();
    format!("<response><enrollment>{body}</enrollment></response>")
}

#[test]
fn each_missing_required_field_is_named() {
    for field in [
        "enrollmentId",
        "courseId",
        "learnerId",
        "accessDate",
        "enrollmentTypeGroup",
        "shouldLockAfterDueDate",
    ] {
        let err = parse_enrollments(&enrollment_with(field, None)).expect_err(field);
        let ParseError::MissingField { at, field: named } = &err else {
            panic!("{field}: unexpected {err:?}");
        };
        assert_eq!(*named, field);
        let Location::Enrollment { index, enrollment_id } = at else {
            panic!("{field}: location {at:?}");
        };
        assert_eq!(*index, 1);
        if field != "enrollmentId" {
            assert_eq!(
                enrollment_id.as_deref(),
                Some("fc1fc35c-040d-11ed-a2ba-b6f58d6fa7b5")
            );
        }
        assert!(
            err.to_string().contains(&format!("<{field}> is missing")),
            "{err}"
        );
    }
}

#[test]
fn bad_values_name_enrollment_field_value_and_offset() {
    let cases = [
        ("accessDate", "14.07.2022", "a date like 2022-07-14"),
        ("accessDate", "2022-02-30", "a date like 2022-07-14"),
        ("dueDate", "soon", "a date like 2022-07-14"),
        (
            "enrollmentTypeGroup",
            "2",
            "0 (assigned by an administrator) or 1 (added from the catalog)",
        ),
        ("shouldLockAfterDueDate", "yes", "0, 1, true or false"),
        ("courseId", "   ", "a non-empty ID"),
    ];
    for (field, value, expected) in cases {
        let xml = enrollment_with(field, Some(value));
        let err = parse_enrollments(&xml).expect_err(field);
        match &err {
            ParseError::InvalidValue {
                field: f,
                value: v,
                expected: e,
                offset,
                ..
            } => {
                assert_eq!((*f, v.as_str(), *e), (field, value.trim(), expected));
                let at = *offset as usize;
                assert!(
                    xml[..at].ends_with(&format!("<{field}>")),
                    "offset {at} for {field} in {xml}"
                );
            }
            other => panic!("{field}={value}: {other:?}"),
        }
        let message = err.to_string();
        assert!(message.starts_with("enrollment #1"), "{message}");
        assert!(message.contains(field) && message.contains(expected), "{message}");
    }
}

#[test]
fn bad_certificate_timestamp_and_certificate_without_id() {
    let base = enrollment_with("dueDate", None);
    let bad_time = base.replace(
        "</enrollment>",
        "<certificate><issuedCertificateId>c</issuedCertificateId><issueDate>last week</issueDate></certificate></enrollment>",
    );
    assert!(matches!(
        parse_enrollments(&bad_time),
        Err(ParseError::InvalidValue {
            field: "certIssueDate",
            ..
        })
    ));
    let no_id = base.replace(
        "</enrollment>",
        "<certIssueDate>2022-07-15T07:19:00+00:00</certIssueDate></enrollment>",
    );
    assert!(matches!(
        parse_enrollments(&no_id),
        Err(ParseError::MissingField {
            field: "issuedCertificateId",
            ..
        })
    ));
}

#[test]
fn second_enrollment_is_located_by_index() {
    let one = enrollment_with("x", None);
    let inner = one
        .trim_start_matches("<response>")
        .trim_end_matches("</response>");
    let broken = enrollment_with("accessDate", Some("tomorrow"));
    let broken_inner = broken
        .trim_start_matches("<response>")
        .trim_end_matches("</response>");
    let xml = format!("<response>{inner}{broken_inner}</response>");
    let err = parse_enrollments(&xml).expect_err("second is bad");
    assert!(
        err.to_string()
            .starts_with("enrollment #2 (enrollmentId \"fc1fc35c"),
        "{err}"
    );
}

#[test]
fn service_error_body_carries_code_and_message() {
    let err = parse_enrollments(include_str!("fixtures/error-body.xml")).expect_err("error body");
    assert_eq!(
        err,
        ParseError::Service {
            code: "403".into(),
            message: "Permission denied: the user cannot view enrollments of these learners".into()
        }
    );
    assert!(err.to_string().contains("403"));
}

#[test]
fn empty_and_non_xml_bodies() {
    assert_eq!(parse_enrollments(""), Err(ParseError::EmptyBody));
    assert_eq!(parse_enrollments(" \r\n\t"), Err(ParseError::EmptyBody));
    assert_eq!(parse_enrollments("\u{feff}"), Err(ParseError::EmptyBody));
    assert!(
        matches!(parse_enrollments(r#"{"enrollments": []}"#), Err(ParseError::NotXml { snippet }) if snippet.starts_with("{\"enrollments\""))
    );
    assert!(matches!(
        parse_enrollments("Not Found"),
        Err(ParseError::NotXml { .. })
    ));
    assert!(matches!(
        parse_enrollments("<?xml version=\"1.0\"?><!-- nothing -->"),
        Err(ParseError::Malformed { .. })
    ));
}

#[test]
fn unexpected_root_and_html_pages() {
    let err = parse_enrollments("<users><user/></users>").expect_err("wrong root");
    assert_eq!(
        err,
        ParseError::UnexpectedRoot {
            found: "users".into()
        }
    );
    let html =
        parse_enrollments("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>").expect_err("html");
    assert!(html.to_string().contains("HTML page"), "{html}");
}

#[test]
fn truncated_documents() {
    let full = include_str!("fixtures/live-nested.xml");
    for cut in [40, 120, 300, 500, full.len() - 15, full.len() - 3] {
        let err = parse_enrollments(&full[..cut]).expect_err("truncated");
        assert!(
            matches!(err, ParseError::Truncated { .. }),
            "cut at {cut}: {err:?}"
        );
        assert!(err.to_string().contains("cut off"), "{err}");
    }
}

#[test]
fn malformed_documents_report_a_byte_offset() {
    for (xml, near) in [
        ("<response><enrollment></enrolment></response>", 22),
        (
            "<response><enrollment><enrollmentId>a</enrollmentId></response>",
            52,
        ),
        ("<response></response><response/>", 21),
        ("<response>\n<!x></response>", 11),
    ] {
        match parse_enrollments(xml) {
            Err(ParseError::Malformed { offset, reason }) => {
                assert!(!reason.is_empty());
                assert!(
                    (offset as i64 - near).abs() <= 3,
                    "{xml}: offset {offset}, expected about {near}"
                );
            }
            other => panic!("{xml}: {other:?}"),
        }
    }
}

#[test]
fn entity_bomb_is_refused_quickly() {
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for level in 1..=9 {
        let prev = if level == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", level - 1)
        };
        xml.push_str(&format!(
            "<!ENTITY lol{level} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    xml.push_str("]>\n<response><enrollment><enrollmentId>&lol9;</enrollmentId></enrollment></response>");
    let started = Instant::now();
    let err = parse_enrollments(&xml).expect_err("bomb");
    assert!(started.elapsed() < Duration::from_millis(100));
    assert!(
        matches!(&err, ParseError::UnsupportedEntity { name, .. } if name == "lol9"),
        "{err:?}"
    );
    // A reference between fields is refused as well, not silently dropped.
    let stray = "<!DOCTYPE r [<!ENTITY x \"y\">]><response>&x;</response>";
    assert!(matches!(
        parse_enrollments(stray),
        Err(ParseError::UnsupportedEntity { .. })
    ));
}

#[test]
fn huge_values_are_refused() {
    let xml = enrollment_with("learnerId", Some(&"a".repeat(100_000)));
    let err = parse_enrollments(&xml).expect_err("too long");
    assert!(
        matches!(err, ParseError::ValueTooLong { ref field, .. } if field == "learnerId"),
        "{err:?}"
    );
    // The message quotes no more than a short snippet of hostile values.
    let long_date = enrollment_with("accessDate", Some(&"9".repeat(5_000)));
    let message = parse_enrollments(&long_date).expect_err("bad date").to_string();
    assert!(message.len() < 300, "{} bytes", message.len());
}

#[test]
fn deeply_nested_unknown_elements_do_not_overflow() {
    let depth = 100_000;
    let xml = format!(
        "<response><x>{}{}</x></response>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    assert_eq!(parse_enrollments(&xml), Ok(Default::default()));
}

#[test]
fn messages_stay_short_whatever_the_input() {
    let long_name = "x".repeat(10_000);
    let mismatched = format!("<response><enrollment><a></{long_name}></enrollment></response>");
    let message = parse_enrollments(&mismatched)
        .expect_err("mismatched")
        .to_string();
    assert!(message.len() < 400, "{} bytes", message.len());
    let service = format!(
        "<response><code>500</code><message>{}</message></response>",
        "m".repeat(5_000)
    );
    let message = parse_enrollments(&service).expect_err("service").to_string();
    assert!(message.len() < 400, "{} bytes", message.len());
}
