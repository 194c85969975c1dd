//! The filter state's JSON: exact shape, round trip, lenient reading, bounded input.

use enrollment_core::fields::{CardField, CardFields};
use enrollment_core::filter_state::{FilterState, MAX_IDS, MAX_JSON_BYTES};
use enrollment_core::model::EnrollmentType;
use enrollment_core::query::{DateRange, Filter, Sort, SortKey};
use enrollment_core::status::{CertificateState, Status};
use time::macros::date;

/// Reads a state's filter and sort (the fields have their own test).
fn from_json(text: &str) -> Option<(Filter, Sort)> {
    enrollment_core::filter_state::from_json(text).map(|s| (s.filter, s.sort))
}

/// Writes a filter and sort with the default fields.
fn to_json(filter: &Filter, sort: Sort) -> String {
    enrollment_core::filter_state::to_json(&FilterState {
        filter: filter.clone(),
        sort,
        fields: CardFields::default(),
    })
}

const DEFAULT_FIELDS: &str =
    r#""fields":["course","learner","details","progress","due","access","lock","type","certificate","ids"]"#;

fn full() -> (Filter, Sort) {
    let filter = Filter {
        text: "Ünïcode \"quoted\" \\ back\nslash \u{1}".into(),
        courses: vec!["c1".into(), "c2".into()],
        learners: vec!["l-ü".into()],
        departments: vec!["7f9c2d4e-0b1a-4c3d-9e8f-a1b2c3d4e5f6".into()],
        due: DateRange {
            from: Some(date!(2026 - 11 - 01)),
            to: Some(date!(2026 - 12 - 31)),
        },
        access: DateRange {
            from: None,
            to: Some(date!(0005 - 01 - 02)),
        },
        ..Filter::default()
    }
    .with_status(Status::Overdue)
    .with_status(Status::Upcoming)
    .with_certificate(CertificateState::Expiring)
    .with_type(EnrollmentType::FromCatalog);
    let sort = Sort {
        key: SortKey::DueDate,
        descending: true,
    };
    (filter, sort)
}

#[test]
fn writes_the_documented_shape() {
    let sort = Sort {
        key: SortKey::DueDate,
        descending: false,
    };
    let filter = Filter {
        due: DateRange {
            from: Some(date!(2026 - 11 - 01)),
            to: None,
        },
        ..Filter::default()
    }
    .with_status(Status::Overdue);
    assert_eq!(
        to_json(&filter, sort),
        r#"{"text":"","courses":[],"learners":[],"departments":[],"statuses":["overdue"],"certificates":[],"types":[],"completions":[],"due":{"from":"2026-11-01","to":null},"access":{"from":null,"to":null},"sort":{"key":"due","descending":false},"#.to_owned()
            + DEFAULT_FIELDS
            + "}"
    );
    // Completion statuses and "no result yet" round-trip.
    let mut with_completions = filter.clone();
    with_completions.completions =
        enrollment_core::query::Set::of([Some(enrollment_core::related::CompletionStatus::InProgress), None]);
    let json = to_json(&with_completions, sort);
    assert!(json.contains(r#""completions":["in_progress","none"]"#), "{json}");
    assert_eq!(from_json(&json), Some((with_completions, sort)));
    assert_eq!(
        to_json(&Filter::default(), Sort::default()),
        r#"{"text":"","courses":[],"learners":[],"departments":[],"statuses":[],"certificates":[],"types":[],"completions":[],"due":{"from":null,"to":null},"access":{"from":null,"to":null},"sort":{"key":"loaded","descending":false},"#.to_owned()
            + DEFAULT_FIELDS
            + "}"
    );
}

#[test]
fn full_state_round_trips() {
    let (filter, sort) = full();
    let json = to_json(&filter, sort);
    assert!(
        json.contains(r#""access":{"from":null,"to":"0005-01-02"}"#),
        "{json}"
    );
    assert!(json.contains(r#""statuses":["upcoming","overdue"]"#), "{json}");
    assert_eq!(from_json(&json), Some((filter, sort)));
    // Every sort key too.
    for key in SortKey::ALL {
        for descending in [false, true] {
            let sort = Sort { key, descending };
            assert_eq!(
                from_json(&to_json(&Filter::default(), sort)),
                Some((Filter::default(), sort))
            );
        }
    }
}

#[test]
fn empty_object_and_nulls_are_the_default() {
    let default = Some((Filter::default(), Sort::default()));
    assert_eq!(from_json("{}"), default);
    assert_eq!(from_json(" {\n} "), default);
    assert_eq!(
        from_json(
            r#"{"text":null,"courses":null,"learners":null,"statuses":null,"certificates":null,
                "types":null,"due":null,"access":{"from":null,"to":null},"sort":null}"#
        ),
        default
    );
    assert_eq!(from_json(r#"{"sort":{"key":null,"descending":null}}"#), default);
}

#[test]
fn wrong_types_fall_back_to_defaults() {
    let default = Some((Filter::default(), Sort::default()));
    assert_eq!(
        from_json(
            r#"{"text":5,"courses":"c1","learners":{"0":"l1"},"statuses":"overdue","certificates":7,
                "types":true,"due":"2026-11-01","access":["2026-11-01"],"sort":"due"}"#
        ),
        default
    );
    // Non-string elements are skipped, strings kept.
    let (filter, _) = from_json(r#"{"courses":[1,"c1",null,["c2"],{"id":"c3"},"c4"]}"#).unwrap();
    assert_eq!(filter.courses, ["c1", "c4"]);
    // Dates must be strings.
    let (filter, _) = from_json(r#"{"due":{"from":20261101,"to":true}}"#).unwrap();
    assert!(filter.due.is_open());
    // Sort key must be a known id.
    let (_, sort) = from_json(r#"{"sort":{"key":"DUE"}}"#).unwrap();
    assert_eq!(sort.key, SortKey::Loaded);
}

#[test]
fn descending_is_read_with_javascript_truthiness() {
    let descending = |value: &str| {
        from_json(&format!(r#"{{"sort":{{"key":"course","descending":{value}}}}}"#))
            .unwrap()
            .1
            .descending
    };
    for falsy in ["false", "0", "0.0", "-0", "\"\"", "null"] {
        assert!(!descending(falsy), "{falsy}");
    }
    for truthy in ["true", "1", "-2.5", "\"false\"", "[]", "{}"] {
        assert!(descending(truthy), "{truthy}");
    }
}

#[test]
fn unknown_ids_and_keys_are_skipped() {
    let (filter, sort) = from_json(
        r#"{"statuses":["overdue","bogus","OVERDUE","due-soon"],"certificates":["none","x"],
            "types":["catalog","2",""],"extra":{"deep":[1,2,3]},"sort":{"key":"status","more":1}}"#,
    )
    .unwrap();
    let expected = Filter::default()
        .with_status(Status::Overdue)
        .with_status(Status::DueSoon)
        .with_certificate(CertificateState::None)
        .with_type(EnrollmentType::FromCatalog);
    assert_eq!(filter, expected);
    assert_eq!(sort.key, SortKey::Status);
    assert!(!sort.descending);
    // Repeated ids select once.
    let (filter, _) = from_json(r#"{"statuses":["locked","locked"]}"#).unwrap();
    assert_eq!(filter, Filter::default().with_status(Status::Locked));
}

#[test]
fn bad_dates_are_open_and_good_ones_lenient() {
    let (filter, _) = from_json(
        r#"{"due":{"from":"2026-02-30","to":"tomorrow"},"access":{"from":" 2026-11-01 ","to":"2026-11-02T10:00:00"}}"#,
    )
    .unwrap();
    assert!(filter.due.is_open());
    assert_eq!(
        filter.access,
        DateRange {
            from: Some(date!(2026 - 11 - 01)),
            to: Some(date!(2026 - 11 - 02)),
        }
    );
}

#[test]
fn non_objects_are_refused() {
    for text in [
        "",
        " ",
        "null",
        "true",
        "0",
        "\"{}\"",
        "[]",
        "[{}]",
        "{",
        "{}}",
        "{} {}",
        "{'a':1}",
        "nope",
        r#"{"text":"\ud800"}"#, // lone surrogate: not valid JSON text for serde_json
    ] {
        assert_eq!(from_json(text), None, "{text:?}");
    }
}

#[test]
fn oversized_text_is_refused() {
    // Up to the limit, whitespace included.
    let text = r#"{"text":"abc"}"#;
    let padded = format!("{text}{}", " ".repeat(MAX_JSON_BYTES - text.len()));
    assert_eq!(from_json(&padded).unwrap().0.text, "abc");
    assert_eq!(from_json(&format!("{padded} ")), None);
    // A state whose own JSON would pass the limit is refused too (its text may be shorter: the
    // keys it leaves out are written back), so whatever is read can be read again.
    let default_len = to_json(&Filter::default(), Sort::default()).len();
    let with_text = |len: usize| Filter {
        text: "a".repeat(len),
        ..Filter::default()
    };
    let largest = with_text(MAX_JSON_BYTES - default_len);
    let json = to_json(&largest, Sort::default());
    assert_eq!(json.len(), MAX_JSON_BYTES);
    assert_eq!(from_json(&json), Some((largest, Sort::default())));
    let short = format!(r#"{{"text":"{}"}}"#, "a".repeat(MAX_JSON_BYTES - default_len + 1));
    assert!(short.len() < MAX_JSON_BYTES);
    assert_eq!(from_json(&short), None);
}

#[test]
fn id_lists_are_capped() {
    let ids: Vec<String> = (0..MAX_IDS + 5).map(|i| format!("\"c{i}\"")).collect();
    let text = format!(
        r#"{{"courses":[{0}],"learners":[{0}],"departments":[{0}]}}"#,
        ids.join(",")
    );
    let (filter, _) = from_json(&text).unwrap();
    assert_eq!(filter.courses.len(), MAX_IDS);
    assert_eq!(filter.learners.len(), MAX_IDS);
    assert_eq!(filter.departments.len(), MAX_IDS);
    assert_eq!(filter.courses[0], "c0");
    assert_eq!(filter.courses[MAX_IDS - 1], format!("c{}", MAX_IDS - 1));
    // A capped state round-trips.
    assert_eq!(
        from_json(&to_json(&filter, Sort::default())),
        Some((filter, Sort::default()))
    );
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = "[".repeat(100_000);
    assert_eq!(from_json(&deep), None);
    let closed = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(from_json(&closed), None);
    let inside = format!(
        r#"{{"text":"a","extra":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(from_json(&inside), None);
    let objects = format!("{}{}", r#"{"a":"#.repeat(100_000), "}".repeat(100_000));
    assert_eq!(from_json(&objects), None);
    // Shallow nesting is fine.
    let shallow = format!(r#"{{"extra":{}{}}}"#, "[".repeat(100), "]".repeat(100));
    assert_eq!(from_json(&shallow), Some((Filter::default(), Sort::default())));
}

#[test]
fn duplicate_keys_keep_the_last_like_json_parse() {
    let (filter, _) = from_json(r#"{"text":"first","text":"last"}"#).unwrap();
    assert_eq!(filter.text, "last");
}

#[test]
fn fields_are_saved_in_order_and_read_leniently() {
    let fields = CardFields::from_ids(["due", "learner", "progress"]);
    let state = FilterState {
        fields: fields.clone(),
        ..FilterState::default()
    };
    let json = enrollment_core::filter_state::to_json(&state);
    assert!(
        json.ends_with(r#""fields":["due","learner","progress"]}"#),
        "{json}"
    );
    assert_eq!(enrollment_core::filter_state::from_json(&json), Some(state));
    let read = |text: &str| enrollment_core::filter_state::from_json(text).map(|s| s.fields);
    // Missing or not an array: every field; unknown and repeated ids skipped; empty: none.
    assert_eq!(read("{}"), Some(CardFields::default()));
    assert_eq!(read(r#"{"fields":"due"}"#), Some(CardFields::default()));
    assert_eq!(
        read(r#"{"fields":["ids","IDS",7,"ids","course"]}"#)
            .as_ref()
            .map(CardFields::shown),
        Some(&[CardField::Ids, CardField::Course][..])
    );
    assert_eq!(read(r#"{"fields":[]}"#).map(|f| f.shown().len()), Some(0));
}
