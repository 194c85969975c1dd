//! CSV export of the current view: RFC 4180 framing read back by an independent reader,
//! formula-injection prefixes, unknown values, row order, batching, and exact cell formats.

use std::sync::Arc;
use std::time::Instant;

use enrollment_core::directory::PersonEntry;
use enrollment_core::export::{to_csv, Column, CsvExport, ExportText};
use enrollment_core::model::{Certificate, Enrollment, EnrollmentType};
use enrollment_core::related::{
    CompletionStatus, ContentItem, Department, LearnerResult, Person, PersonStatus,
};
use enrollment_core::status::{CertificateState, Status, StatusRules};
use enrollment_core::store::EnrollmentStore;
use proptest::prelude::*;
use time::macros::{date, datetime};
use time::Date;

/// English words (the widget gives its message table instead).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct EnglishText;

impl ExportText for EnglishText {
    fn header(&self, column: Column) -> &str {
        match column {
            Column::EnrollmentId => "Enrollment ID",
            Column::CourseId => "Course ID",
            Column::CourseTitle => "Course title",
            Column::LearnerId => "Learner ID",
            Column::LearnerName => "Learner name",
            Column::Email => "Email",
            Column::Department => "Department",
            Column::Status => "Status",
            Column::Certificate => "Certificate",
            Column::Type => "Enrollment type",
            Column::AccessDate => "Access date",
            Column::DueDate => "Due date",
            Column::ExpirationDate => "Expiration date",
            Column::LocksAfterDue => "Locks after due date",
            Column::CertificateId => "Certificate ID",
            Column::CertificateIssued => "Certificate issued (UTC)",
            Column::CertificateExpires => "Certificate expires (UTC)",
            Column::Completion => "Completion",
            Column::Progress => "Progress (%)",
            Column::Score => "Score",
            Column::CompletedOn => "Completed on",
        }
    }

    fn status(&self, status: Status) -> &str {
        match status {
            Status::Upcoming => "Upcoming",
            Status::Active => "Active",
            Status::DueSoon => "Due soon",
            Status::Overdue => "Overdue",
            Status::Locked => "Locked",
        }
    }

    fn certificate(&self, state: CertificateState) -> &str {
        match state {
            CertificateState::Valid => "Valid",
            CertificateState::Expiring => "Expiring",
            CertificateState::Expired => "Expired",
            CertificateState::None => "None",
        }
    }

    fn enrollment_type(&self, kind: EnrollmentType) -> &str {
        match kind {
            EnrollmentType::AssignedByAdmin => "Assigned by an administrator",
            EnrollmentType::FromCatalog => "Added from the catalog",
        }
    }

    fn completion(&self, status: CompletionStatus) -> &str {
        match status {
            CompletionStatus::NotStarted => "Not started",
            CompletionStatus::InProgress => "In progress",
            CompletionStatus::Pending => "Pending review",
            CompletionStatus::Complete => "Complete",
            CompletionStatus::Passed => "Passed",
            CompletionStatus::Accepted => "Accepted",
            CompletionStatus::Incomplete => "Incomplete",
            CompletionStatus::Failed => "Failed",
            CompletionStatus::Declined => "Declined",
            CompletionStatus::Unknown => "Unknown",
        }
    }

    fn yes_no(&self, yes: bool) -> &str {
        if yes {
            "yes"
        } else {
            "no"
        }
    }
}

const TODAY: Date = date!(2026 - 11 - 26);

const E_HELEN: &str = "3f2a8c1e-5b7d-4e9a-9c61-2d8f0b7a4e15";
const E_OMAR: &str = "9b0d7e64-1c3a-4f52-8e7d-6a5b4c3d2e1f";
const E_NOBODY: &str = "c47f1a2b-8d9e-4b3c-a5f6-0e1d2c3b4a59";
const FIRE_SAFETY: &str = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
const GDPR: &str = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9";
const HELEN: &str = "0f1e2d3c-4b5a-4968-8776-655443322110";
const OMAR: &str = "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a";
const NOBODY: &str = "e9d8c7b6-a5f4-4e3d-9c2b-1a0f9e8d7c6b";
const CERT_EXPIRING: &str = "cert-2f6d1c8a-77b3-4e0e-b1d9-5c4a3b2a1908";
const CERT_FOREVER: &str = "cert-91e0d7c2-3b4a-4f5e-8d6c-7b8a9f0e1d2c";
const SALES: &str = "d0000000-0000-4000-8000-000000000001";
const EMEA: &str = "d0000000-0000-4000-8000-000000000002";
const BERLIN: &str = "d0000000-0000-4000-8000-000000000003";

/// The characters that make a spreadsheet read a cell as a formula.
const STARTERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// An RFC 4180 reader, strict about framing: the BOM first, every record ended by CRLF, quotes
/// only around whole fields. Panics on anything else.
fn read_csv(file: &str) -> Vec<Vec<String>> {
    let body = file.strip_prefix('\u{feff}').expect("file starts with a BOM");
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = body.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_field_start => {
                loop {
                    match chars.next().expect("quoted field closed") {
                        '"' if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        '"' => break,
                        other => field.push(other),
                    }
                }
                let next = chars.peek().copied();
                assert!(
                    matches!(next, Some(',') | Some('\r')),
                    "a quoted field ends at a comma or CRLF, not {next:?}"
                );
                at_field_start = false;
            }
            '"' => panic!("quote inside an unquoted field: {field:?}"),
            ',' => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR is followed by LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_field_start = true;
            }
            '\n' => panic!("bare LF outside quotes"),
            other => {
                field.push(other);
                at_field_start = false;
            }
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record ends with CRLF"
    );
    records
}

/// The data records of `file`, each as (column id, value) lookups, checking the header.
fn records(file: &str) -> Vec<Vec<String>> {
    let mut all = read_csv(file);
    assert!(!all.is_empty(), "a header line");
    let header = all.remove(0);
    let expected: Vec<&str> = Column::ALL.iter().map(|&c| EnglishText.header(c)).collect();
    assert_eq!(header, expected);
    for record in &all {
        assert_eq!(record.len(), Column::ALL.len(), "{record:?}");
    }
    all
}

/// The cell of `column` in `record`.
fn cell(record: &[String], column: Column) -> &str {
    let i = Column::ALL.iter().position(|&c| c == column).expect("a column");
    &record[i]
}

fn enrollment(id: &str, course: &str, learner: &str) -> Enrollment {
    Enrollment {
        enrollment_id: id.to_owned(),
        course_id: course.to_owned(),
        learner_id: learner.to_owned(),
        access_date: date!(2026 - 09 - 01),
        due_date: None,
        expiration_date: None,
        should_lock_after_due_date: false,
        enrollment_type: EnrollmentType::AssignedByAdmin,
        certificate: None,
    }
}

fn person(id: &str, first: &str, last: &str, email: &str, department: Option<&str>) -> Person {
    Person {
        user_id: id.to_owned(),
        first_name: Some(first.to_owned()),
        last_name: Some(last.to_owned()),
        email: Some(email.to_owned()),
        login: None,
        job_title: None,
        department_id: department.map(str::to_owned),
        status: PersonStatus::Active,
    }
}

fn department(id: &str, name: &str, parent: Option<&str>) -> Department {
    Department {
        department_id: id.to_owned(),
        name: name.to_owned(),
        parent_department_id: parent.map(str::to_owned),
    }
}

fn result(
    id: &str,
    status: CompletionStatus,
    progress: u8,
    day: Option<Date>,
    score: Option<f32>,
) -> LearnerResult {
    LearnerResult {
        enrollment_id: id.to_owned(),
        course_id: None,
        learner_id: None,
        completion_status: status,
        progress: Some(progress),
        completion_date: day,
        awarded_score: score,
        time_spent_seconds: None,
        course_title: None,
        is_overdue: None,
    }
}

/// Three enrollments: Helen's (everything known, an expiring-shape certificate), Omar's (locked,
/// from the catalog, a never-expiring certificate, no department) and one of a learner and
/// course nothing is known about.
fn sample_store() -> EnrollmentStore {
    let mut store = EnrollmentStore::new(StatusRules::new(TODAY));
    store.append(vec![
        Enrollment {
            due_date: Some(date!(2026 - 12 - 01)),
            certificate: Some(Certificate {
                id: CERT_EXPIRING.to_owned(),
                // Sent with an offset: written in UTC.
                issued_at: Some(datetime!(2026-10-02 10:30:15 +02:00)),
                expires_at: Some(datetime!(2027-10-02 08:30:15 UTC)),
            }),
            ..enrollment(E_HELEN, FIRE_SAFETY, HELEN)
        },
        Enrollment {
            access_date: date!(2026 - 01 - 15),
            due_date: Some(date!(2026 - 11 - 20)),
            expiration_date: Some(date!(2026 - 11 - 25)),
            should_lock_after_due_date: true,
            enrollment_type: EnrollmentType::FromCatalog,
            certificate: Some(Certificate {
                id: CERT_FOREVER.to_owned(),
                issued_at: Some(datetime!(2025-05-05 00:00:00 UTC)),
                expires_at: None,
            }),
            ..enrollment(E_OMAR, FIRE_SAFETY, OMAR)
        },
        enrollment(E_NOBODY, GDPR, NOBODY),
    ]);
    store.add_departments(vec![
        department(SALES, "Sales", None),
        department(EMEA, "EMEA", Some(SALES)),
        department(BERLIN, "Berlin", Some(EMEA)),
    ]);
    store.add_people(vec![
        person(HELEN, "Helen", "Ng", "helen.ng@example.com", Some(BERLIN)),
        person(OMAR, "Omar", "Haddad", "omar.haddad@example.com", None),
    ]);
    store.add_contents(vec![ContentItem {
        content_item_id: FIRE_SAFETY.to_owned(),
        title: "Fire Safety Basics".to_owned(),
    }]);
    store.add_results(vec![
        result(
            E_HELEN,
            CompletionStatus::Passed,
            100,
            Some(date!(2026 - 10 - 02)),
            Some(87.5),
        ),
        result(E_OMAR, CompletionStatus::InProgress, 45, None, Some(66.67)),
    ]);
    store
}

#[test]
fn bom_header_and_crlf() {
    let store = sample_store();
    let csv = to_csv(&store, &[0, 1, 2], &EnglishText);
    assert!(csv.starts_with(
        "\u{feff}Enrollment ID,Course ID,Course title,Learner ID,Learner name,Email,Department,Status,"
    ));
    let header_end = csv.find("\r\n").expect("a header line");
    let header = &csv["\u{feff}".len()..header_end];
    assert_eq!(header.split(',').count(), 21);
    assert!(csv.ends_with("\r\n"), "CRLF after the last row too");
    assert_eq!(csv.matches("\r\n").count(), 4, "header and three rows");
    assert_eq!(csv.matches('\n').count(), 4, "no bare LF");
    assert_eq!(records(&csv).len(), 3);

    let empty = to_csv(&store, &[], &EnglishText);
    assert_eq!(empty, &csv[..header_end + 2], "no rows: just BOM and header");
}

#[test]
fn every_cell_of_a_known_row() {
    let store = sample_store();
    let rows = records(&to_csv(&store, &[0], &EnglishText));
    let helen = &rows[0];
    let expected = [
        (Column::EnrollmentId, E_HELEN),
        (Column::CourseId, FIRE_SAFETY),
        (Column::CourseTitle, "Fire Safety Basics"),
        (Column::LearnerId, HELEN),
        (Column::LearnerName, "Helen Ng"),
        (Column::Email, "helen.ng@example.com"),
        (Column::Department, "Sales / EMEA / Berlin"),
        (Column::Status, "Due soon"),
        (Column::Certificate, "Valid"),
        (Column::Type, "Assigned by an administrator"),
        (Column::AccessDate, "2026-09-01"),
        (Column::DueDate, "2026-12-01"),
        (Column::ExpirationDate, ""),
        (Column::LocksAfterDue, "no"),
        (Column::CertificateId, CERT_EXPIRING),
        (Column::CertificateIssued, "2026-10-02T08:30:15Z"),
        (Column::CertificateExpires, "2027-10-02T08:30:15Z"),
        (Column::Completion, "Passed"),
        (Column::Progress, "100"),
        (Column::Score, "87.5"),
        (Column::CompletedOn, "2026-10-02"),
    ];
    assert_eq!(expected.len(), Column::ALL.len());
    for (column, value) in expected {
        assert_eq!(cell(helen, column), value, "{column:?}");
    }
}

#[test]
fn both_certificate_shapes() {
    let store = sample_store();
    let rows = records(&to_csv(&store, &[0, 1, 2], &EnglishText));
    let (helen, omar, nobody) = (&rows[0], &rows[1], &rows[2]);
    // Issued and expiring.
    assert_eq!(cell(helen, Column::CertificateId), CERT_EXPIRING);
    assert_eq!(cell(helen, Column::CertificateIssued), "2026-10-02T08:30:15Z");
    assert_eq!(cell(helen, Column::CertificateExpires), "2027-10-02T08:30:15Z");
    // Never expiring: valid, no expiry instant.
    assert_eq!(cell(omar, Column::CertificateId), CERT_FOREVER);
    assert_eq!(cell(omar, Column::CertificateIssued), "2025-05-05T00:00:00Z");
    assert_eq!(cell(omar, Column::CertificateExpires), "");
    assert_eq!(cell(omar, Column::Certificate), "Valid");
    // No certificate: the state says so, the certificate cells are empty.
    assert_eq!(cell(nobody, Column::Certificate), "None");
    for column in [
        Column::CertificateId,
        Column::CertificateIssued,
        Column::CertificateExpires,
    ] {
        assert_eq!(cell(nobody, column), "", "{column:?}");
    }
}

#[test]
fn locked_catalog_row() {
    let store = sample_store();
    let rows = records(&to_csv(&store, &[1], &EnglishText));
    let omar = &rows[0];
    assert_eq!(cell(omar, Column::Status), "Locked");
    assert_eq!(cell(omar, Column::Type), "Added from the catalog");
    assert_eq!(cell(omar, Column::AccessDate), "2026-01-15");
    assert_eq!(cell(omar, Column::DueDate), "2026-11-20");
    assert_eq!(cell(omar, Column::ExpirationDate), "2026-11-25");
    assert_eq!(cell(omar, Column::LocksAfterDue), "yes");
    assert_eq!(
        cell(omar, Column::Department),
        "",
        "a person without a department"
    );
    assert_eq!(cell(omar, Column::Completion), "In progress");
    assert_eq!(cell(omar, Column::Progress), "45");
    assert_eq!(cell(omar, Column::Score), "66.67");
    assert_eq!(cell(omar, Column::CompletedOn), "");
}

#[test]
fn unknown_values_are_empty_but_ids_are_there() {
    let store = sample_store();
    let rows = records(&to_csv(&store, &[2], &EnglishText));
    let nobody = &rows[0];
    assert_eq!(cell(nobody, Column::EnrollmentId), E_NOBODY);
    assert_eq!(cell(nobody, Column::CourseId), GDPR);
    assert_eq!(cell(nobody, Column::LearnerId), NOBODY);
    for column in [
        Column::CourseTitle,
        Column::LearnerName,
        Column::Email,
        Column::Department,
        Column::Completion,
        Column::Progress,
        Column::Score,
        Column::CompletedOn,
    ] {
        assert_eq!(cell(nobody, column), "", "{column:?}");
    }
    assert_eq!(cell(nobody, Column::Status), "Active");

    // A store with nothing but enrollments: the same for every row.
    let mut bare = EnrollmentStore::new(StatusRules::new(TODAY));
    bare.append(vec![enrollment(E_HELEN, FIRE_SAFETY, HELEN)]);
    let rows = records(&to_csv(&bare, &[0], &EnglishText));
    assert_eq!(cell(&rows[0], Column::EnrollmentId), E_HELEN);
    assert_eq!(cell(&rows[0], Column::LearnerName), "");
    assert_eq!(cell(&rows[0], Column::CourseTitle), "");
}

#[test]
fn quoted_cells_round_trip() {
    let name_first = "Helen \"HN\", Jr.";
    let name_last = "Ng\r\nSecond line";
    let title = "Safety, \"basic\"\nPart 2";
    let mut store = EnrollmentStore::new(StatusRules::new(TODAY));
    store.append(vec![enrollment(E_HELEN, FIRE_SAFETY, HELEN)]);
    store.add_departments(vec![department(SALES, "Sales, Marketing & \"Growth\"", None)]);
    store.add_people(vec![person(
        HELEN,
        name_first,
        name_last,
        "a,b@example.com",
        Some(SALES),
    )]);
    store.add_contents(vec![ContentItem {
        content_item_id: FIRE_SAFETY.to_owned(),
        title: title.to_owned(),
    }]);
    let csv = to_csv(&store, &[0], &EnglishText);
    assert!(csv.contains("\"Safety, \"\"basic\"\"\nPart 2\""), "{csv:?}");
    let rows = records(&csv);
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(
        cell(row, Column::LearnerName),
        format!("{name_first} {name_last}")
    );
    assert_eq!(cell(row, Column::CourseTitle), title);
    assert_eq!(cell(row, Column::Email), "a,b@example.com");
    assert_eq!(cell(row, Column::Department), "Sales, Marketing & \"Growth\"");
    assert_eq!(cell(row, Column::EnrollmentId), E_HELEN);
}

/// A store of one enrollment whose learner is named `name`.
fn store_with_name(name: &str) -> EnrollmentStore {
    let mut store = EnrollmentStore::new(StatusRules::new(TODAY));
    store.append(vec![enrollment(E_HELEN, FIRE_SAFETY, HELEN)]);
    let entry = PersonEntry::new(name, None, None, None, PersonStatus::Active);
    store.add_person_entries([(HELEN.to_owned(), Arc::new(entry))]);
    store
}

/// What a name is expected to read back as: with `'` first when it starts a formula.
fn guarded(text: &str) -> String {
    match text.starts_with(STARTERS) {
        true => format!("'{text}"),
        false => text.to_owned(),
    }
}

#[test]
fn formula_starters_get_a_quote_prefix() {
    for starter in STARTERS {
        let name = format!("{starter}HYPERLINK(\"http://evil.example\",\"x\")");
        let rows = records(&to_csv(&store_with_name(&name), &[0], &EnglishText));
        assert_eq!(
            cell(&rows[0], Column::LearnerName),
            format!("'{name}"),
            "{starter:?}"
        );
    }
    // Unquoted when nothing else calls for quotes: the prefix is plain text.
    let csv = to_csv(&store_with_name("\tcmd"), &[0], &EnglishText);
    assert!(csv.contains(",'\tcmd,"), "{csv:?}");
    let csv = to_csv(&store_with_name("\rcmd"), &[0], &EnglishText);
    assert!(csv.contains(",\"'\rcmd\","), "CR also quotes: {csv:?}");

    // Documented: a negative-looking number typed as a name is prefixed too.
    let rows = records(&to_csv(&store_with_name("-5"), &[0], &EnglishText));
    assert_eq!(cell(&rows[0], Column::LearnerName), "'-5");
    // Only the first character counts.
    for name in ["Ann", "a=b", " =1+1", "5-3", "'quoted"] {
        let rows = records(&to_csv(&store_with_name(name), &[0], &EnglishText));
        assert_eq!(cell(&rows[0], Column::LearnerName), name);
    }
}

#[test]
fn formula_starters_in_every_text_cell() {
    let (id, course, learner) = ("=1+1", "+COURSE", "@learner");
    let mut store = EnrollmentStore::new(StatusRules::new(TODAY));
    store.append(vec![Enrollment {
        certificate: Some(Certificate {
            id: "-cert".to_owned(),
            issued_at: None,
            expires_at: None,
        }),
        ..enrollment(id, course, learner)
    }]);
    store.add_departments(vec![department(SALES, "=Sales", None)]);
    store.add_people(vec![person(
        learner,
        "@Helen",
        "Ng",
        "-helen@example.com",
        Some(SALES),
    )]);
    store.add_contents(vec![ContentItem {
        content_item_id: course.to_owned(),
        title: "=cmd|' /C calc'!A0".to_owned(),
    }]);
    let rows = records(&to_csv(&store, &[0], &EnglishText));
    let row = &rows[0];
    assert_eq!(cell(row, Column::EnrollmentId), "'=1+1");
    assert_eq!(cell(row, Column::CourseId), "'+COURSE");
    assert_eq!(cell(row, Column::LearnerId), "'@learner");
    assert_eq!(cell(row, Column::LearnerName), "'@Helen Ng");
    assert_eq!(cell(row, Column::Email), "'-helen@example.com");
    assert_eq!(cell(row, Column::Department), "'=Sales");
    assert_eq!(cell(row, Column::CourseTitle), "'=cmd|' /C calc'!A0");
    assert_eq!(cell(row, Column::CertificateId), "'-cert");
    assert_eq!(cell(row, Column::CertificateIssued), "", "issue date unknown");

    // The view's words go through the same rule.
    struct Hostile;
    impl ExportText for Hostile {
        fn header(&self, column: Column) -> &str {
            match column {
                Column::Status => "=Status",
                _ => "h, \"x\"",
            }
        }
        fn status(&self, _: enrollment_core::status::Status) -> &str {
            "+s"
        }
        fn certificate(&self, _: enrollment_core::status::CertificateState) -> &str {
            "c"
        }
        fn enrollment_type(&self, _: EnrollmentType) -> &str {
            "t"
        }
        fn completion(&self, _: CompletionStatus) -> &str {
            "p"
        }
        fn yes_no(&self, yes: bool) -> &str {
            if yes {
                "-y"
            } else {
                "-n"
            }
        }
    }
    let all = read_csv(&to_csv(&store, &[0], &Hostile));
    assert_eq!(all[0][7], "'=Status");
    assert_eq!(all[0][0], "h, \"x\"");
    assert_eq!(all[1][7], "'+s");
    assert_eq!(all[1][13], "'-n");
}

#[test]
fn rows_follow_the_view_order() {
    let store = sample_store();
    let ids = |rows: &[u32]| -> Vec<String> {
        records(&to_csv(&store, rows, &EnglishText))
            .iter()
            .map(|r| cell(r, Column::EnrollmentId).to_owned())
            .collect()
    };
    assert_eq!(ids(&[2, 0, 1]), [E_NOBODY, E_HELEN, E_OMAR]);
    assert_eq!(ids(&[1]), [E_OMAR]);
    assert_eq!(ids(&[1, 1]), [E_OMAR, E_OMAR], "written as given");
    assert!(ids(&[]).is_empty());
    // A row number the store does not hold is skipped, not written as an empty row.
    assert_eq!(ids(&[0, 99, 2]), [E_HELEN, E_NOBODY]);
}

/// `n` enrollments over 40 courses and 300 learners, with people, titles, departments and
/// results for some, and certificates of both shapes.
fn generated_store(n: u32) -> EnrollmentStore {
    let uuid = |kind: u32, i: u32| format!("{kind:08x}-{:04x}-4{:03x}-8000-{i:012x}", i >> 16, i & 0xfff);
    let list = (0..n)
        .map(|i| {
            let access = TODAY - time::Duration::days(i64::from(i % 200));
            Enrollment {
                enrollment_id: uuid(0xe, i),
                course_id: uuid(0xc, i % 40),
                learner_id: uuid(0x1, i % 300),
                access_date: access,
                due_date: (i % 3 > 0).then(|| access + time::Duration::days(i64::from(i % 60))),
                expiration_date: (i % 9 == 0).then(|| access + time::Duration::days(90)),
                should_lock_after_due_date: i % 9 == 0,
                enrollment_type: if i % 2 == 0 {
                    EnrollmentType::AssignedByAdmin
                } else {
                    EnrollmentType::FromCatalog
                },
                certificate: (i % 4 == 0).then(|| Certificate {
                    id: uuid(0xce, i),
                    issued_at: Some(
                        datetime!(2026-01-01 09:15:00 UTC) + time::Duration::hours(i64::from(i % 5000)),
                    ),
                    expires_at: (i % 8 == 0)
                        .then(|| datetime!(2027-01-01 00:00:00 UTC) + time::Duration::minutes(i64::from(i))),
                }),
            }
        })
        .collect();
    let mut store = EnrollmentStore::new(StatusRules::new(TODAY));
    store.append(list);
    store.add_departments(vec![
        department(SALES, "Sales", None),
        department(EMEA, "EMEA", Some(SALES)),
        department(BERLIN, "Berlin, Mitte", Some(EMEA)),
    ]);
    let departments = [Some(SALES), Some(EMEA), Some(BERLIN), None];
    store.add_people(
        (0..300u32)
            .filter(|i| i % 7 != 0)
            .map(|i| {
                let first = format!("Learner{i}");
                let email = format!("learner{i}@example.com");
                person(
                    &uuid(0x1, i),
                    &first,
                    "O'Brien",
                    &email,
                    departments[i as usize % 4],
                )
            })
            .collect(),
    );
    store.add_contents(
        (0..40u32)
            .filter(|i| i % 5 != 0)
            .map(|i| ContentItem {
                content_item_id: uuid(0xc, i),
                title: format!("Course {i}: \"Safety\", part {}", i % 3),
            })
            .collect(),
    );
    store.add_results(
        (0..n)
            .filter(|i| i % 3 != 1)
            .map(|i| {
                let status = CompletionStatus::ALL[i as usize % CompletionStatus::ALL.len()];
                let day = (i % 2 == 0).then_some(date!(2026 - 10 - 01));
                result(
                    &uuid(0xe, i),
                    status,
                    (i % 101) as u8,
                    day,
                    Some((i % 10001) as f32 / 100.0),
                )
            })
            .collect(),
    );
    store
}

#[test]
fn batches_match_the_whole_file_and_count_progress() {
    let store = generated_store(150);
    // The view's order: not the store's.
    let rows: Vec<u32> = (0..150u32).rev().filter(|r| r % 11 != 3).collect();
    let whole = to_csv(&store, &rows, &EnglishText);
    let n = rows.len();

    let mut export = CsvExport::new(rows.clone(), &EnglishText);
    assert_eq!(export.progress(), (0, n));
    assert!(!export.write(&store, &EnglishText, 0), "nothing written");
    assert_eq!(export.progress(), (0, n));
    let mut calls = 0;
    loop {
        let done = export.write(&store, &EnglishText, 7);
        calls += 1;
        let expected = (calls * 7).min(n);
        assert_eq!(export.progress(), (expected, n));
        assert_eq!(done, expected == n);
        if done {
            break;
        }
    }
    assert_eq!(calls, n.div_ceil(7));
    assert!(export.write(&store, &EnglishText, 7), "done stays done");
    assert_eq!(export.progress(), (n, n));
    let batched = export.finish();
    assert_eq!(batched, whole, "byte-identical");
    assert_eq!(records(&batched).len(), n);

    // An empty view is done at once.
    let mut empty = CsvExport::new(Vec::new(), &EnglishText);
    assert!(empty.write(&store, &EnglishText, 7));
    assert_eq!(empty.progress(), (0, 0));
    assert_eq!(empty.finish(), to_csv(&store, &[], &EnglishText));
}

#[test]
fn partial_text_is_a_prefix() {
    let store = generated_store(100);
    let rows: Vec<u32> = (0..100).collect();
    let mut export = CsvExport::new(rows.clone(), &EnglishText);
    export.write(&store, &EnglishText, 10);
    let partial = export.finish();
    let whole = to_csv(&store, &rows, &EnglishText);
    assert!(whole.starts_with(&partial));
    assert_eq!(read_csv(&partial).len(), 11, "header and ten rows");
}

#[test]
fn numbers_and_dates() {
    let scores = [
        (90.0, "90"),
        (66.67, "66.67"),
        (87.5, "87.5"),
        (0.0, "0"),
        (100.0, "100"),
        (0.05, "0.05"),
        (12.3, "12.3"),
        (99.999, "100"),
        (250.1, "250.1"),
    ];
    let mut store = EnrollmentStore::new(StatusRules::new(TODAY));
    let id = |i: usize| format!("3f2a8c1e-5b7d-4e9a-9c61-2d8f0b7a4e{i:02}");
    store.append(
        (0..scores.len())
            .map(|i| Enrollment {
                access_date: date!(0999 - 02 - 03),
                due_date: Some(date!(2028 - 02 - 29)),
                ..enrollment(&id(i), FIRE_SAFETY, HELEN)
            })
            .collect(),
    );
    store.add_results(
        scores
            .iter()
            .enumerate()
            .map(|(i, &(score, _))| {
                result(
                    &id(i),
                    CompletionStatus::Complete,
                    i as u8 * 12,
                    Some(date!(2026 - 01 - 09)),
                    Some(score),
                )
            })
            .collect(),
    );
    let rows: Vec<u32> = (0..scores.len() as u32).collect();
    let records = records(&to_csv(&store, &rows, &EnglishText));
    for (i, (record, (_, expected))) in records.iter().zip(scores).enumerate() {
        assert_eq!(cell(record, Column::Score), expected);
        assert_eq!(cell(record, Column::Progress), (i * 12).to_string());
        assert_eq!(cell(record, Column::CompletedOn), "2026-01-09");
        assert_eq!(cell(record, Column::AccessDate), "0999-02-03");
        assert_eq!(cell(record, Column::DueDate), "2028-02-29");
        assert_eq!(cell(record, Column::Completion), "Complete");
    }
}

#[test]
fn column_ids_and_english_words() {
    let ids: Vec<&str> = Column::ALL.iter().map(|c| c.id()).collect();
    assert_eq!(ids[0], "enrollment_id");
    assert_eq!(ids[20], "completed_on");
    for (i, id) in ids.iter().enumerate() {
        assert!(id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{id}");
        assert!(!ids[..i].contains(id), "{id} repeated");
        assert!(!EnglishText.header(Column::ALL[i]).is_empty());
    }
    let text = EnglishText;
    use enrollment_core::status::{CertificateState, Status};
    let statuses: Vec<&str> = Status::ALL.iter().map(|&s| text.status(s)).collect();
    assert_eq!(statuses, ["Upcoming", "Active", "Due soon", "Overdue", "Locked"]);
    let states: Vec<&str> = CertificateState::ALL
        .iter()
        .map(|&s| text.certificate(s))
        .collect();
    assert_eq!(states, ["Valid", "Expiring", "Expired", "None"]);
    assert_eq!(
        text.enrollment_type(EnrollmentType::AssignedByAdmin),
        "Assigned by an administrator"
    );
    assert_eq!(
        text.enrollment_type(EnrollmentType::FromCatalog),
        "Added from the catalog"
    );
    let completions: Vec<&str> = CompletionStatus::ALL
        .iter()
        .chain([&CompletionStatus::Unknown])
        .map(|&c| text.completion(c))
        .collect();
    assert_eq!(
        completions,
        [
            "Not started",
            "In progress",
            "Pending review",
            "Complete",
            "Passed",
            "Accepted",
            "Incomplete",
            "Failed",
            "Declined",
            "Unknown"
        ]
    );
    assert_eq!((text.yes_no(true), text.yes_no(false)), ("yes", "no"));
}

#[test]
fn exports_100k_rows() {
    let n = 100_000;
    let started = Instant::now();
    let store = generated_store(n);
    let built = started.elapsed();
    let rows: Vec<u32> = (0..n).rev().collect();
    let started = Instant::now();
    let csv = to_csv(&store, &rows, &EnglishText);
    let exported = started.elapsed();
    let started = Instant::now();
    let mut export = CsvExport::new(rows, &EnglishText);
    while !export.write(&store, &EnglishText, 2_000) {}
    let batched = export.finish();
    let in_batches = started.elapsed();
    println!(
        "100k rows: store built in {built:?}, exported in {exported:?} ({:.1} MB, capacity {:.1} MB), \
         in batches of 2000 in {in_batches:?}",
        csv.len() as f64 / 1e6,
        csv.capacity() as f64 / 1e6,
    );
    // Titles carry no line breaks: one CRLF per line.
    assert_eq!(csv.matches("\r\n").count(), n as usize + 1);
    assert_eq!(batched, csv);
    assert!(csv.capacity() < csv.len() * 3 / 2, "sized from the first rows");
}

fn text_strategy() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        '"', ',', '\r', '\n', '=', '+', '-', '@', '\t', '\'', ' ', 'é', '王',
    ]);
    let ch = prop_oneof![special, any::<char>()];
    prop::collection::vec(ch, 0..16).prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_name_and_title_survive_a_round_trip(name in text_strategy(), title in text_strategy()) {
        let mut store = store_with_name(&name);
        store.add_contents(vec![ContentItem { content_item_id: FIRE_SAFETY.to_owned(), title: title.clone() }]);
        let all = read_csv(&to_csv(&store, &[0], &EnglishText));
        prop_assert_eq!(all.len(), 2);
        prop_assert_eq!(cell(&all[1], Column::LearnerName), guarded(&name));
        // The store keeps titles trimmed.
        prop_assert_eq!(cell(&all[1], Column::CourseTitle), guarded(title.trim()));
        prop_assert_eq!(cell(&all[1], Column::EnrollmentId), E_HELEN);
    }
}
