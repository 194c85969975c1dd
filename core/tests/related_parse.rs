//! The related endpoints' answers (users, departments, contents, results): every shape the
//! service sends, to exact values; every kind of bad input as its own located `ParseError`.

use enrollment_core::parse::{
    parse_contents, parse_departments, parse_results, parse_users, Location, ParseError, MAX_VALUE_BYTES,
};
use enrollment_core::related::{
    CompletionStatus, ContentItem, Department, LearnerResult, Listing, Person, PersonStatus, RelatedKind,
};
use time::macros::date;

const USERS_PAGED: &str = include_str!("../../tests/fixtures/related-users-paged.xml");
const USERS_MEMBERS: &str = include_str!("../../tests/fixtures/related-users-members.xml");
const DEPARTMENTS: &str = include_str!("../../tests/fixtures/related-departments.xml");
const CONTENTS: &str = include_str!("../../tests/fixtures/related-contents.xml");
const RESULTS: &str = include_str!("../../tests/fixtures/related-results.xml");
const ERROR: &str = include_str!("../../tests/fixtures/related-error.xml");

const FIXTURES: [(&str, &str); 6] = [
    ("related-users-paged", USERS_PAGED),
    ("related-users-members", USERS_MEMBERS),
    ("related-departments", DEPARTMENTS),
    ("related-contents", CONTENTS),
    ("related-results", RESULTS),
    ("related-error", ERROR),
];

fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

/// Runs all four parsers; `Ok` holds the number of items read.
fn parse_all(xml: &str) -> [Result<usize, ParseError>; 4] {
    [
        parse_users(xml).map(|l| l.items.len()),
        parse_departments(xml).map(|l| l.items.len()),
        parse_contents(xml).map(|l| l.items.len()),
        parse_results(xml).map(|l| l.items.len()),
    ]
}

fn item(kind: RelatedKind, index: usize, id: Option<&str>) -> Location {
    Location::Item {
        kind,
        index,
        id: id.map(str::to_owned),
    }
}

/// The byte offset right after the first occurrence of `marker` in `xml`.
fn after(xml: &str, marker: &str) -> u64 {
    (xml.find(marker)
        .unwrap_or_else(|| panic!("{marker} not in fixture"))
        + marker.len()) as u64
}

// ---- users ----

#[test]
fn users_paged_with_name_value_fields() {
    let listing = parse_users(USERS_PAGED).expect("users");
    assert_eq!(listing.next_page_token.as_deref(), Some("eyJvZmZzZXQiOjN9"));
    assert_eq!(
        listing.items,
        vec![
            Person {
                user_id: "d9261766-040d-11ed-ae50-da994e0c8f89".into(),
                first_name: s("Helen"),
                last_name: s("O'Connor-Smith"),
                email: s("helen.oconnor@example.com"),
                login: s("helen.oconnor"),
                job_title: s("R&D Lead"),
                department_id: s("5b1c6d2e-03f1-11ed-9f0e-0242ac120002"),
                status: PersonStatus::Active,
            },
            Person {
                user_id: "2f4e8a10-1603-11ec-872d-0242ac160034".into(),
                first_name: s("Анна-Мария"),
                last_name: s("Петрова"),
                email: s("anna.petrova@example.ru"),
                login: None,
                job_title: None,
                department_id: s("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
                status: PersonStatus::Inactive,
            },
            Person {
                user_id: "a59c152e-1603-11ec-872d-0242ac160034".into(),
                first_name: s("张伟"),
                last_name: s("José Ñúñez"),
                email: None,
                login: s("zhang.wei"),
                job_title: None,
                department_id: None,
                status: PersonStatus::Terminated,
            },
        ]
    );
    let names: Vec<_> = listing.items.iter().map(Person::full_name).collect();
    assert_eq!(
        names,
        [
            s("Helen O'Connor-Smith"),
            s("Анна-Мария Петрова"),
            s("张伟 José Ñúñez")
        ]
    );
}

#[test]
fn users_with_fields_as_members_unpaged() {
    let listing = parse_users(USERS_MEMBERS).expect("users");
    assert_eq!(listing.next_page_token, None);
    assert_eq!(
        listing.items,
        vec![
            Person {
                user_id: "00de7a40-deb5-11e9-8afe-0a580af40764".into(),
                first_name: s("François"),
                last_name: s("Lefèvre-Dubois"),
                email: s("Francois.Lefevre@example.fr"),
                login: s("francois.lefevre"),
                job_title: s("Chargé d'affaires"),
                department_id: None,
                status: PersonStatus::Unknown(7),
            },
            Person {
                user_id: "146ac240-d54f-11e9-9b88-0a580af40973".into(),
                first_name: None,
                last_name: None,
                email: s("s.tanaka@example.jp"),
                login: s("s.tanaka"),
                job_title: None,
                department_id: None,
                status: PersonStatus::Unspecified,
            },
        ]
    );
    assert_eq!(listing.items[1].full_name(), None);
    assert_eq!(listing.items[1].display_name(), "s.tanaka@example.jp");
}

#[test]
fn person_names_and_statuses() {
    let mut p = Person {
        user_id: "u-1".into(),
        first_name: None,
        last_name: s("Ng"),
        email: None,
        login: s("ng"),
        job_title: None,
        department_id: None,
        status: PersonStatus::from_code(1),
    };
    assert_eq!(p.full_name(), s("Ng"));
    p.last_name = None;
    assert_eq!(p.display_name(), "ng");
    p.login = None;
    assert_eq!(p.display_name(), "u-1");
    p.first_name = s("Zoë");
    assert_eq!(p.full_name(), s("Zoë"));
    // Chinese, Japanese and Korean names: family name first, no space.
    for (first, last, full) in [
        ("芳", "王", "王芳"),
        ("太郎", "山田", "山田太郎"),
        ("민준", "김", "김민준"),
    ] {
        (p.first_name, p.last_name) = (s(first), s(last));
        assert_eq!(p.full_name(), s(full));
    }
    (p.first_name, p.last_name) = (s("芳"), s("Wang"));
    assert_eq!(p.full_name(), s("芳 Wang"));
    for code in 0..=u8::MAX {
        assert_eq!(PersonStatus::from_code(code).code(), Some(code));
    }
    assert_eq!(PersonStatus::Unspecified.code(), None);
    assert_eq!(PersonStatus::from_code(5), PersonStatus::Terminated);
}

#[test]
fn user_fields_in_other_spellings_and_orders() {
    let xml = "<response><userProfile><fields>\
        <field><name> job_title </name><value> Médecin </value></field>\
        <field><name>Unknown</name><value>x</value></field>\
        <field><value>no name</value></field>\
        <field><name>EMAIL</name></field>\
        <FIRST-NAME>Ана</FIRST-NAME>\
        </fields><status>inactive</status><userId>u</userId></userProfile></response>";
    let person = parse_users(xml).expect("users").items.remove(0);
    assert_eq!(person.job_title, s("Médecin"));
    assert_eq!(person.first_name, s("Ана"));
    assert_eq!(person.email, None);
    assert_eq!(person.status, PersonStatus::Inactive);
}

// ---- departments, contents ----

#[test]
fn departments_paged() {
    let listing = parse_departments(DEPARTMENTS).expect("departments");
    assert_eq!(
        listing,
        Listing {
            items: vec![
                Department {
                    department_id: "5b1c6d2e-03f1-11ed-9f0e-0242ac120002".into(),
                    name: "Acme & Sons".into(),
                    parent_department_id: None,
                },
                Department {
                    department_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7".into(),
                    name: "Отдел продаж".into(),
                    parent_department_id: s("5b1c6d2e-03f1-11ed-9f0e-0242ac120002"),
                },
                Department {
                    department_id: "c56a4180-65aa-42ec-a945-5fd21dec0538".into(),
                    name: "営業部 (東京)".into(),
                    parent_department_id: s("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
                },
            ],
            // An empty <nextPageToken> means the last page.
            next_page_token: None,
        }
    );
}

#[test]
fn departments_unpaged_bare_items() {
    let xml = "<?xml version=\"1.0\"?>\n<response>\n\
        <department><departmentId>d-1</departmentId><name>Head office</name></department>\n\
        <department><departmentId>d-2</departmentId><parentDepartmentId>d-1</parentDepartmentId></department>\n\
        </response>";
    assert_eq!(
        parse_departments(xml).expect("departments").items,
        vec![
            Department {
                department_id: "d-1".into(),
                name: "Head office".into(),
                parent_department_id: None,
            },
            Department {
                department_id: "d-2".into(),
                name: String::new(),
                parent_department_id: s("d-1"),
            },
        ]
    );
}

#[test]
fn contents_paged() {
    let listing = parse_contents(CONTENTS).expect("contents");
    assert_eq!(listing.next_page_token.as_deref(), Some("c2Vjb25kLXBhZ2U="));
    assert_eq!(
        listing.items,
        vec![
            ContentItem {
                content_item_id: "1cf62af4-02c3-11ed-8874-3ebfbdfaeb70".into(),
                title: "Fire safety & first aid <2024>".into(),
            },
            ContentItem {
                content_item_id: "146ac240-d54f-11e9-9b88-0a580af40973".into(),
                title: "Охрана труда: «Основы»".into(),
            },
            ContentItem {
                content_item_id: "a2239d7c-0a37-11ec-b63a-0242ac140033".into(),
                title: "情報セキュリティ入門 — l'essentiel".into(),
            },
            ContentItem {
                content_item_id: "e7b2c1d0-5f3a-11ee-8c99-0242ac120002".into(),
                title: String::new(),
            },
        ]
    );
}

#[test]
fn contents_unpaged_as_the_mock_sends_them() {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n\
        <contentItem><contentItemId>c-1</contentItemId><title>Onboarding &amp; HR</title><type>course</type></contentItem>\n\
        </response>\n";
    assert_eq!(
        parse_contents(xml).expect("contents"),
        Listing {
            items: vec![ContentItem {
                content_item_id: "c-1".into(),
                title: "Onboarding & HR".into()
            }],
            next_page_token: None,
        }
    );
}

// ---- results ----

#[test]
fn results_paged_with_every_field() {
    let listing = parse_results(RESULTS).expect("results");
    assert_eq!(listing.next_page_token.as_deref(), Some("cGFnZS0y"));
    assert_eq!(
        listing.items,
        vec![
            LearnerResult {
                enrollment_id: "fc1fc35c-040d-11ed-a2ba-b6f58d6fa7b5".into(),
                course_id: s("1cf62af4-02c3-11ed-8874-3ebfbdfaeb70"),
                learner_id: s("d9261766-040d-11ed-ae50-da994e0c8f89"),
                completion_status: CompletionStatus::Passed,
                progress: Some(100),
                completion_date: Some(date!(2022 - 07 - 15)),
                awarded_score: Some(87.5),
                time_spent_seconds: Some(3725),
                course_title: s("Fire safety & first aid"),
                is_overdue: Some(false),
            },
            LearnerResult {
                enrollment_id: "3b2f9a4e-1604-11ec-9c1d-0242ac160034".into(),
                course_id: s("146ac240-d54f-11e9-9b88-0a580af40973"),
                learner_id: s("2f4e8a10-1603-11ec-872d-0242ac160034"),
                completion_status: CompletionStatus::InProgress,
                progress: Some(42),
                completion_date: None,
                awarded_score: None,
                time_spent_seconds: Some(3725),
                course_title: s("Охрана труда: «Основы»"),
                is_overdue: Some(true),
            },
            LearnerResult {
                enrollment_id: "9d5e6f70-2a1b-11ee-be56-0242ac120002".into(),
                course_id: None,
                learner_id: s("a59c152e-1603-11ec-872d-0242ac160034"),
                completion_status: CompletionStatus::NotStarted,
                progress: Some(0),
                completion_date: None,
                awarded_score: None,
                time_spent_seconds: Some(0),
                course_title: None,
                is_overdue: None,
            },
            LearnerResult {
                enrollment_id: "b4c3d2e1-2a1b-11ee-be56-0242ac120002".into(),
                course_id: None,
                learner_id: None,
                completion_status: CompletionStatus::Unknown,
                progress: Some(100),
                completion_date: Some(date!(2023 - 02 - 28)),
                awarded_score: Some(-2.25),
                time_spent_seconds: Some(3630),
                course_title: s("情報セキュリティ入門"),
                is_overdue: Some(false),
            },
        ]
    );
}

#[test]
fn results_unpaged_as_the_mock_sends_them() {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n\
        <result><enrollmentId>e-1</enrollmentId><courseId>c-1</courseId><learnerId>l-1</learnerId>\
        <completionStatus>declined</completionStatus><progress>0</progress><isOverdue>1</isOverdue></result>\n\
        </response>\n";
    let listing = parse_results(xml).expect("results");
    assert_eq!(
        listing.items,
        vec![LearnerResult {
            enrollment_id: "e-1".into(),
            course_id: s("c-1"),
            learner_id: s("l-1"),
            completion_status: CompletionStatus::Declined,
            progress: Some(0),
            completion_date: None,
            awarded_score: None,
            time_spent_seconds: None,
            course_title: None,
            is_overdue: Some(true),
        }]
    );
}

#[test]
fn every_completion_status_is_read() {
    for status in CompletionStatus::ALL {
        let xml = format!(
            "<response><result><enrollmentId>e</enrollmentId><completionStatus>{}</completionStatus></result></response>",
            status.id()
        );
        let read = parse_results(&xml).expect("results").items[0].completion_status;
        assert_eq!(read, status);
        assert_eq!(CompletionStatus::from_id(status.id()), Some(status));
    }
    assert_eq!(
        CompletionStatus::from_id("unknown"),
        Some(CompletionStatus::Unknown)
    );
    assert_eq!(CompletionStatus::from_id("Passed"), None);
    let successful: Vec<_> = CompletionStatus::ALL
        .into_iter()
        .filter(|s| s.is_successful())
        .collect();
    assert_eq!(
        successful,
        [
            CompletionStatus::Complete,
            CompletionStatus::Passed,
            CompletionStatus::Accepted
        ]
    );
}

// ---- empty answers, unknown elements, service errors ----

#[test]
fn empty_answers_are_empty_listings() {
    for xml in [
        "<response/>",
        "<?xml version=\"1.0\"?>\n<response></response>\n",
        "\u{feff}<!-- none --><response>\n</response>",
        "<response><userProfiles/><departments/><contentItems/><results/><nextPageToken/></response>",
        "<response><userProfiles></userProfiles><departments></departments><contentItems></contentItems>\
         <results></results><nextPageToken></nextPageToken></response>",
    ] {
        assert_eq!(parse_all(xml), [Ok(0), Ok(0), Ok(0), Ok(0)], "{xml}");
        assert_eq!(parse_users(xml), Ok(Listing::default()), "{xml}");
    }
    // A last page may still carry a token; it is kept.
    let xml = "<response><results/><nextPageToken> t-2 </nextPageToken></response>";
    assert_eq!(
        parse_results(xml).expect("results").next_page_token.as_deref(),
        Some("t-2")
    );
}

#[test]
fn unknown_elements_are_ignored_at_any_depth() {
    let xml = "<r:response xmlns:r=\"urn:lms\" xmlns:x=\"urn:x\">\
        <meta><total>2</total><code>not-an-error</code></meta>\
        <x:extra><department><departmentId>hidden</departmentId></department></x:extra>\
        <departments count=\"2\">\
          <x:note>ignored</x:note>\
          <department><r:departmentId>d-1</r:departmentId><name>One<b>ignored</b></name>\
            <manager><departmentId>not-this</departmentId></manager></department>\
          <code>inside the wrapper: not an error body</code>\
          <department><departmentId>d-2</departmentId></department>\
        </departments>\
        <trailer><deep><deeper><deepest/></deeper></deep></trailer>\
        </r:response>";
    let ids: Vec<_> = parse_departments(xml)
        .expect("departments")
        .items
        .into_iter()
        .map(|d| (d.department_id, d.name))
        .collect();
    assert_eq!(ids, [("d-1".into(), "One".into()), ("d-2".into(), String::new())]);
    // An answer of another kind is, for this parser, only unknown elements.
    assert_eq!(parse_results(USERS_PAGED).map(|l| l.items.len()), Ok(0));
}

#[test]
fn service_error_body_is_a_service_error_for_every_parser() {
    let expected = ParseError::Service {
        code: "403".into(),
        message: "Permission denied: the role \"Publisher\" may not list users".into(),
    };
    for result in parse_all(ERROR) {
        assert_eq!(result, Err(expected.clone()));
    }
    let message = expected.to_string();
    assert!(
        message.contains("403") && message.contains("Publisher"),
        "{message}"
    );
    // Code alone, message alone.
    assert_eq!(
        parse_users("<response><code>401</code></response>"),
        Err(ParseError::Service {
            code: "401".into(),
            message: String::new()
        })
    );
    assert!(matches!(
        parse_results("<response><message>Bad Request</message></response>"),
        Err(ParseError::Service { ref message, .. }) if message == "Bad Request"
    ));
}

// ---- errors, with their locations ----

#[test]
fn empty_non_xml_and_wrong_roots() {
    for body in ["", "  \n", "\u{feff}"] {
        assert_eq!(
            parse_all(body),
            std::array::from_fn(|_| Err(ParseError::EmptyBody))
        );
    }
    for result in parse_all("{\"userProfiles\": []}") {
        assert!(
            matches!(&result, Err(ParseError::NotXml { snippet }) if snippet.starts_with("{\"userProfiles")),
            "{result:?}"
        );
    }
    for result in parse_all("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>") {
        let err = result.expect_err("html");
        assert_eq!(err, ParseError::UnexpectedRoot { found: "html".into() });
        assert!(err.to_string().contains("HTML page"), "{err}");
    }
}

#[test]
fn missing_ids_name_the_item() {
    let cases = [
        (
            "<response><userProfiles><userProfile><userId>u-1</userId></userProfile>\
             <userProfile><status>1</status></userProfile></userProfiles></response>",
            item(RelatedKind::Person, 2, None),
            "userId",
        ),
        (
            "<response><department><name>x</name></department></response>",
            item(RelatedKind::Department, 1, None),
            "departmentId",
        ),
        (
            "<response><contentItems><contentItem/></contentItems></response>",
            item(RelatedKind::ContentItem, 1, None),
            "contentItemId",
        ),
        (
            "<response><result><enrollmentId/><progress>5</progress></result></response>",
            item(RelatedKind::LearnerResult, 1, None),
            "enrollmentId",
        ),
    ];
    for (xml, at, field) in cases {
        let errs = parse_all(xml);
        let err = errs
            .iter()
            .find_map(|r| r.as_ref().err())
            .unwrap_or_else(|| panic!("no error for {xml}"));
        assert_eq!(err, &ParseError::MissingField { at, field }, "{xml}");
        assert!(
            err.to_string().contains(&format!("<{field}> is missing")),
            "{err}"
        );
    }
}

#[test]
fn invalid_values_name_item_id_field_value_and_offset() {
    let result = |extra: &str| {
        format!(
            "<response>\n<results>\n<result><enrollmentId>e-ok</enrollmentId></result>\n\
             <result><enrollmentId>fc1fc35c-040d-11ed-a2ba-b6f58d6fa7b5</enrollmentId>{extra}</result>\n\
             </results></response>"
        )
    };
    let cases = [
        ("progress", "about half", "a percentage like 75"),
        ("completionDate", "15.07.2022", "a date like 2022-07-14"),
        ("completionDate", "2023-02-29", "a date like 2022-07-14"),
        ("awardedScore", "A+", "a number like 87.5"),
        ("awardedScore", "1e3", "a number like 87.5"),
        (
            "timeSpent",
            "1h 2m",
            "seconds, H:MM:SS or an ISO 8601 duration like PT1H2M5S",
        ),
        (
            "timeSpent",
            "-30",
            "seconds, H:MM:SS or an ISO 8601 duration like PT1H2M5S",
        ),
        ("isOverdue", "yes", "0, 1, true or false"),
    ];
    for (field, value, expected) in cases {
        let xml = result(&format!("<{field}> {value} </{field}>"));
        let err = parse_results(&xml).expect_err(field);
        assert_eq!(
            err,
            ParseError::InvalidValue {
                at: item(
                    RelatedKind::LearnerResult,
                    2,
                    Some("fc1fc35c-040d-11ed-a2ba-b6f58d6fa7b5")
                ),
                field,
                value: value.into(),
                expected,
                offset: after(&xml, &format!("<{field}>")),
            }
        );
        let message = err.to_string();
        assert!(
            message.starts_with("result #2 (enrollmentId \"fc1fc35c-040d-11ed-a2ba-b6f58d6fa7b5\")"),
            "{message}"
        );
        assert!(message.contains(field) && message.contains(expected), "{message}");
    }

    // A user's status, with a BOM counted in the offset.
    let xml = "\u{feff}<response><userProfile><userId>u-9</userId><status>retired</status></userProfile></response>";
    assert_eq!(
        parse_users(xml),
        Err(ParseError::InvalidValue {
            at: item(RelatedKind::Person, 1, Some("u-9")),
            field: "status",
            value: "retired".into(),
            expected: "a status code (1 active, 3 inactive, 5 terminated)",
            offset: after(xml, "<status>"),
        })
    );
    // An empty ID.
    let xml = "<response><contentItem><contentItemId>  </contentItemId></contentItem></response>";
    assert_eq!(
        parse_contents(xml),
        Err(ParseError::InvalidValue {
            at: item(RelatedKind::ContentItem, 1, None),
            field: "contentItemId",
            value: String::new(),
            expected: "a non-empty ID",
            offset: after(xml, "<contentItemId>"),
        })
    );
}

#[test]
fn huge_values_are_refused_with_their_field() {
    let long = "я".repeat(MAX_VALUE_BYTES);
    let xml = format!(
        "<response><userProfile><userId>u-1</userId><fields>\
         <field><name>FIRST_NAME</name><value>{long}</value></field></fields></userProfile></response>"
    );
    assert_eq!(
        parse_users(&xml),
        Err(ParseError::ValueTooLong {
            at: item(RelatedKind::Person, 1, Some("u-1")),
            field: "FIRST_NAME".into(),
            limit: MAX_VALUE_BYTES,
            offset: after(&xml, "<value>"),
        })
    );
    let xml = format!("<response><department><departmentId>{long}</departmentId></department></response>");
    let err = parse_departments(&xml).expect_err("long id");
    assert!(
        matches!(&err, ParseError::ValueTooLong { field, at, .. }
            if field == "departmentId" && *at == item(RelatedKind::Department, 1, None)),
        "{err:?}"
    );
    assert!(err.to_string().len() < 200, "{err}");
    // A long invalid value is quoted only as a snippet.
    let xml = format!(
        "<response><result><enrollmentId>e</enrollmentId><progress>{}</progress></result></response>",
        "x".repeat(5_000)
    );
    assert!(parse_results(&xml).expect_err("bad").to_string().len() < 300);
}

#[test]
fn truncated_and_malformed_documents() {
    let cut = &RESULTS[..RESULTS.find("<courseTitle>").expect("marker") + 5];
    let err = parse_results(cut).expect_err("cut");
    assert!(
        matches!(err, ParseError::Truncated { offset, .. } if offset == cut.len() as u64),
        "{err:?}"
    );
    assert!(err.to_string().contains("cut off"), "{err}");
    let cut = &USERS_PAGED[..USERS_PAGED.find("<value>Петрова").expect("marker") + 11];
    assert_eq!(
        parse_users(cut),
        Err(ParseError::Truncated {
            offset: cut.len() as u64,
            open: "LAST_NAME".into()
        })
    );
    let cut = "<response><departments><department><departmentId>d</departmentId>";
    assert_eq!(
        parse_departments(cut),
        Err(ParseError::Truncated {
            offset: cut.len() as u64,
            open: "department".into()
        })
    );

    for (xml, near) in [
        (
            "<response><userProfile><userId>u</userID></userProfile></response>",
            32,
        ),
        ("<response><results><result></results></response>", 27),
        ("<response></response><response/>", 21),
    ] {
        for result in parse_all(xml) {
            match result {
                Err(ParseError::Malformed { offset, reason }) => {
                    assert!(!reason.is_empty());
                    assert!(
                        (offset as i64 - near).abs() <= 3,
                        "{xml}: offset {offset}, expected about {near}"
                    );
                }
                // Parsers for other item kinds skip the broken element and meet the
                // mismatch at its end; still malformed.
                other => panic!("{xml}: {other:?}"),
            }
        }
    }
}

#[test]
fn doctype_entities_are_refused() {
    let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE response [<!ENTITY who \"admin\">]>\n\
        <response><contentItem><contentItemId>c</contentItemId><title>&who;</title></contentItem></response>";
    assert_eq!(
        parse_contents(xml),
        Err(ParseError::UnsupportedEntity {
            name: "who".into(),
            offset: after(xml, "&who;"),
        })
    );
    let inside_fields = "<!DOCTYPE r [<!ENTITY x \"y\">]><response><userProfile><userId>u</userId>\
        <fields>&x;</fields></userProfile></response>";
    assert!(
        matches!(parse_users(inside_fields), Err(ParseError::UnsupportedEntity { ref name, .. }) if name == "x")
    );
}

#[test]
fn every_truncation_and_corruption_fails_cleanly() {
    for (name, xml) in FIXTURES {
        let end = xml.rfind("</response>").expect("root end");
        for cut in (0..xml.len()).filter(|&i| xml.is_char_boundary(i)) {
            let prefix = &xml[..cut];
            for result in parse_all(prefix) {
                match result {
                    Err(err) => {
                        let message = err.to_string();
                        assert!(message.len() < 500, "{name}[..{cut}]: {message}");
                    }
                    Ok(_) => assert!(cut > end, "{name}[..{cut}] parsed"),
                }
            }
        }
        // Every single byte replaced by markup: never a panic, messages stay short.
        let bytes = xml.as_bytes();
        for at in (0..bytes.len()).filter(|&i| xml.is_char_boundary(i) && xml.is_char_boundary(i + 1)) {
            for with in ["<", "&", "/"] {
                let corrupt = format!("{}{with}{}", &xml[..at], &xml[at + 1..]);
                for result in parse_all(&corrupt) {
                    if let Err(err) = result {
                        assert!(err.to_string().len() < 500, "{name}@{at}: {err}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_hundred_thousand_results_in_one_pass() {
    let mut xml = String::from("<response><results>");
    for i in 0..100_000u32 {
        xml.push_str(&format!(
            "<result><enrollmentId>{i:08x}-040d-11ed-a2ba-b6f58d6fa7b5</enrollmentId>\
             <courseId>1cf62af4-02c3-11ed-8874-3ebfbdfaeb70</courseId>\
             <learnerId>d9261766-040d-11ed-ae50-da994e0c8f89</learnerId>\
             <completionStatus>in_progress</completionStatus><progress>{}</progress>\
             <isOverdue>0</isOverdue></result>",
            i % 101
        ));
    }
    xml.push_str("</results><nextPageToken/></response>");
    let listing = parse_results(&xml).expect("results");
    assert_eq!(listing.items.len(), 100_000);
    assert_eq!(listing.items[99_999].progress, Some((99_999 % 101) as u8));
    assert_eq!(listing.next_page_token, None);
}
