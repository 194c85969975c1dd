//! The store's filters, facets, sorts and slices agree with a naive reference implementation
//! on generated data.

// Native only (they use the mock crate, threads or clocks): `wasm-pack test` skips them.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use enrollment_cards::core::fold::fold;
use enrollment_cards::core::query::{Counted, Member};
use enrollment_cards::{
    CertificateState, DateRange, Enrollment, EnrollmentStore, EnrollmentType, Filter, Rows, Set, Sort,
    SortKey, Status, StatusRules,
};
use support::{enrollments, TODAY};
use time::Duration;

fn store_of(list: &[Enrollment]) -> EnrollmentStore {
    let mut store = EnrollmentStore::new(StatusRules::new(TODAY));
    for page in list.chunks(97) {
        store.append(page.to_vec());
    }
    store
}

fn states(e: &Enrollment) -> (Status, CertificateState) {
    let rules = StatusRules::new(TODAY);
    let day = |d: time::Date| d.to_julian_day();
    let status = Status::derive(
        enrollment_cards::core::status::DayFields {
            access: day(e.access_date),
            due: e.due_date.map(day),
            expiration: e.expiration_date.map(day),
            lock_after_due: e.should_lock_after_due_date,
        },
        &rules,
    );
    let cert = e
        .certificate
        .as_ref()
        .map(|c| c.expires_at.map(time::OffsetDateTime::unix_timestamp));
    (status, CertificateState::derive(cert, &rules))
}

/// The reference: does `e` pass `f`? (Straightforward, no indices, no caches.)
fn passes(e: &Enrollment, f: &Filter) -> bool {
    let (status, cert) = states(e);
    // IDs match as names do: without case or accents.
    let needle = fold(f.text.trim());
    let text = needle.is_empty()
        || [&e.enrollment_id, &e.course_id, &e.learner_id]
            .iter()
            .any(|id| fold(id).contains(&needle));
    let in_range = |d: Option<time::Date>, r: &DateRange| {
        r.is_open() || d.is_some_and(|d| r.from.is_none_or(|f| d >= f) && r.to.is_none_or(|t| d <= t))
    };
    text && (f.courses.is_empty() || f.courses.contains(&e.course_id))
        && (f.learners.is_empty() || f.learners.contains(&e.learner_id))
        && (f.statuses.is_any() || f.statuses.contains(status))
        && (f.certificates.is_any() || f.certificates.contains(cert))
        && (f.types.is_any() || f.types.contains(e.enrollment_type))
        && in_range(e.due_date, &f.due)
        && in_range(Some(e.access_date), &f.access)
}

fn expected_rows(list: &[Enrollment], f: &Filter) -> Vec<u32> {
    (0..list.len() as u32)
        .filter(|&i| passes(&list[i as usize], f))
        .collect()
}

fn sample_filters(list: &[Enrollment]) -> Vec<Filter> {
    let course = list[3].course_id.clone();
    let other_course = list[40].course_id.clone();
    let learner = list[5].learner_id.clone();
    let soon = DateRange {
        from: Some(TODAY),
        to: Some(TODAY + Duration::days(14)),
    };
    vec![
        Filter::default(),
        Filter {
            text: list[7].enrollment_id[9..18].to_uppercase(),
            ..Filter::default()
        },
        Filter {
            text: "  4".into(),
            ..Filter::default()
        },
        Filter {
            text: "zz-not-there".into(),
            ..Filter::default()
        },
        Filter {
            courses: vec![course.clone()],
            ..Filter::default()
        },
        Filter {
            courses: vec![course.clone(), other_course.clone(), "unknown".into()],
            ..Filter::default()
        },
        Filter {
            learners: vec![learner.clone()],
            ..Filter::default()
        },
        Filter::default().with_status(Status::Overdue),
        Filter::default()
            .with_status(Status::Locked)
            .with_status(Status::DueSoon),
        Filter::default().with_certificate(CertificateState::Expiring),
        Filter::default().with_certificate(CertificateState::None),
        Filter::default().with_type(EnrollmentType::FromCatalog),
        Filter {
            due: soon,
            ..Filter::default()
        },
        Filter {
            due: DateRange {
                from: None,
                to: Some(TODAY),
            },
            ..Filter::default()
        },
        Filter {
            access: DateRange {
                from: Some(TODAY - Duration::days(60)),
                to: None,
            },
            ..Filter::default()
        },
        Filter {
            text: "a".into(),
            courses: vec![course, other_course],
            statuses: Set::of([Status::Active, Status::Overdue]),
            types: Set::of([EnrollmentType::AssignedByAdmin]),
            ..Filter::default()
        },
        Filter {
            learners: vec![learner],
            certificates: Set::of([CertificateState::Valid, CertificateState::Expired]),
            access: DateRange {
                from: Some(TODAY - Duration::days(400)),
                to: Some(TODAY),
            },
            ..Filter::default()
        },
    ]
}

#[test]
fn every_filter_alone_and_combined_matches_the_reference() {
    let list = enrollments(3_000);
    let store = store_of(&list);
    for filter in sample_filters(&list) {
        let result = store.query(&filter, Sort::default());
        assert_eq!(result.rows.to_vec(), expected_rows(&list, &filter), "{filter:?}");
        assert_eq!(result.total, list.len());
    }
}

#[test]
fn every_status_and_certificate_state_occurs_in_generated_data() {
    let list = enrollments(300);
    let store = store_of(&list);
    let facets = store.query(&Filter::default(), Sort::default()).facets;
    assert!(facets.statuses.iter().all(|&n| n > 0), "{:?}", facets.statuses);
    assert!(
        facets.certificates.iter().all(|&n| n > 0),
        "{:?}",
        facets.certificates
    );
    assert!(facets.types.iter().all(|&n| n > 0));
    assert_eq!(facets.statuses.iter().sum::<u32>(), 300);
}

#[test]
fn facet_counts_apply_every_other_filter() {
    let list = enrollments(2_000);
    let store = store_of(&list);
    let courses: Vec<(u32, String)> = store.courses().map(|(i, s)| (i, s.to_owned())).collect();
    let learners: Vec<(u32, String)> = store.learners().map(|(i, s)| (i, s.to_owned())).collect();
    for filter in sample_filters(&list) {
        let facets = store.query(&filter, Sort::default()).facets;
        for (index, id) in &courses {
            let alone = Filter {
                courses: vec![id.clone()],
                ..filter.clone()
            };
            assert_eq!(
                facets.courses[*index as usize] as usize,
                expected_rows(&list, &alone).len(),
                "course {id} under {filter:?}"
            );
        }
        for (index, id) in learners.iter().step_by(17) {
            let alone = Filter {
                learners: vec![id.clone()],
                ..filter.clone()
            };
            assert_eq!(
                facets.learners[*index as usize] as usize,
                expected_rows(&list, &alone).len()
            );
        }
        for status in Status::ALL {
            let alone = Filter {
                statuses: Set::of([status]),
                ..filter.clone()
            };
            assert_eq!(
                facets.statuses[status as usize] as usize,
                expected_rows(&list, &alone).len(),
                "{status:?}"
            );
        }
        for state in CertificateState::ALL {
            let alone = Filter {
                certificates: Set::of([state]),
                ..filter.clone()
            };
            assert_eq!(
                facets.certificates[state as usize] as usize,
                expected_rows(&list, &alone).len()
            );
        }
        for kind in EnrollmentType::ALL {
            let alone = Filter {
                types: Set::of([kind]),
                ..filter.clone()
            };
            assert_eq!(
                facets.types[kind as usize] as usize,
                expected_rows(&list, &alone).len()
            );
        }
    }
}

#[test]
fn facet_counts_do_not_depend_on_the_order() {
    let list = enrollments(1_500);
    let store = store_of(&list);
    for filter in sample_filters(&list) {
        let loaded = store.query(&filter, Sort::default()).facets;
        for key in [SortKey::Loaded, SortKey::DueDate, SortKey::Learner] {
            for descending in [false, true] {
                let sort = Sort { key, descending };
                assert_eq!(
                    store.query(&filter, sort).facets,
                    loaded,
                    "{filter:?} by {sort:?}"
                );
            }
        }
    }
}

#[test]
fn typing_narrows_and_widens_correctly() {
    let list = enrollments(2_000);
    let mut store = store_of(&list);
    let id = list[11].learner_id.clone();
    // Extend the text one character at a time, then delete back, then jump elsewhere.
    let mut texts: Vec<String> = (1..=8).map(|n| id[..n].to_owned()).collect();
    texts.extend((1..8).rev().map(|n| id[..n].to_owned()));
    texts.extend(["b".to_owned(), "be".to_owned(), String::new(), "E".to_owned()]);
    for text in texts {
        let filter = Filter {
            text,
            ..Filter::default()
        };
        assert_eq!(
            store.query(&filter, Sort::default()).rows.to_vec(),
            expected_rows(&list, &filter),
            "{:?}",
            filter.text
        );
    }
    // Rows appended after a search are searched too.
    let filter = Filter {
        text: "e".into(),
        ..Filter::default()
    };
    store.query(&filter, Sort::default());
    let more = enrollments(2_100).split_off(2_000);
    store.append(more.clone());
    let all: Vec<Enrollment> = list.iter().chain(&more).cloned().collect();
    assert_eq!(
        store.query(&filter, Sort::default()).rows.to_vec(),
        expected_rows(&all, &filter)
    );
}

#[test]
fn recent_searches_stay_right_across_appends() {
    let list = enrollments(3_000);
    let mut store = store_of(&list[..1_000]);
    let id = list[7].enrollment_id.clone();
    let mut loaded = 1_000;
    // Rare texts (narrowed from), common ones (rescanned), texts revisited from the history
    // after rows arrived, and more distinct texts than the history keeps.
    let texts = [
        &id[..3],
        &id[..4],
        &id[..6],
        "a",
        "ab",
        &id[..4],
        "a",
        "1",
        "2",
        "3",
        &id[..3],
        "ab",
        &id[..6],
    ];
    for (i, text) in texts.iter().enumerate() {
        if i % 3 == 2 && loaded < list.len() {
            store.append(list[loaded..loaded + 400].to_vec());
            loaded += 400;
        }
        let filter = Filter {
            text: (*text).to_owned(),
            ..Filter::default()
        };
        assert_eq!(
            store.query(&filter, Sort::default()).rows.to_vec(),
            expected_rows(&list[..loaded], &filter),
            "{text:?} after {loaded} rows"
        );
    }
}

fn assert_sorted_stably(
    list: &[Enrollment],
    rows: &[u32],
    key: impl Fn(&Enrollment) -> Option<i64>,
    descending: bool,
) {
    assert_eq!(rows.len(), list.len());
    for pair in rows.windows(2) {
        let (a, b) = (&list[pair[0] as usize], &list[pair[1] as usize]);
        match (key(a), key(b)) {
            (Some(x), Some(y)) if x == y => assert!(pair[0] < pair[1], "tie keeps load order"),
            (Some(x), Some(y)) => assert_eq!(x < y, !descending, "order of {x} and {y}"),
            (None, Some(_)) => panic!("missing values sort last"),
            (None, None) => assert!(pair[0] < pair[1]),
            (Some(_), None) => {}
        }
    }
}

#[test]
fn sorts_are_stable_in_both_directions() {
    let list = enrollments(1_500);
    let mut store = store_of(&list);
    let all = Filter::default();
    for descending in [false, true] {
        let run =
            |store: &mut EnrollmentStore, key| store.query(&all, Sort { key, descending }).rows.to_vec();
        let rows = run(&mut store, SortKey::DueDate);
        assert_sorted_stably(
            &list,
            &rows,
            |e| e.due_date.map(|d| d.to_julian_day().into()),
            descending,
        );
        let rows = run(&mut store, SortKey::AccessDate);
        assert_sorted_stably(
            &list,
            &rows,
            |e| Some(e.access_date.to_julian_day().into()),
            descending,
        );
        let rows = run(&mut store, SortKey::Status);
        assert_sorted_stably(&list, &rows, |e| Some(states(e).0 as i64), descending);
        let mut course_ids: Vec<&str> = list.iter().map(|e| e.course_id.as_str()).collect();
        course_ids.sort_unstable();
        course_ids.dedup();
        let rows = run(&mut store, SortKey::Course);
        assert_sorted_stably(
            &list,
            &rows,
            |e| {
                course_ids
                    .binary_search(&e.course_id.as_str())
                    .ok()
                    .map(|i| i as i64)
            },
            descending,
        );
        let rows = run(&mut store, SortKey::Learner);
        let first = &list[rows[0] as usize].learner_id;
        assert!(list.iter().all(|e| if descending {
            &e.learner_id <= first
        } else {
            &e.learner_id >= first
        }));
    }
    let loaded_desc = store
        .query(
            &all,
            Sort {
                key: SortKey::Loaded,
                descending: true,
            },
        )
        .rows
        .to_vec();
    assert_eq!(loaded_desc, (0..1_500).rev().collect::<Vec<u32>>());
}

#[test]
fn everything_in_load_order_keeps_no_list() {
    let list = enrollments(300);
    let store = store_of(&list);
    for descending in [false, true] {
        let sort = Sort {
            key: SortKey::Loaded,
            descending,
        };
        let every = store.query(&Filter::default(), sort);
        assert_eq!(every.rows, Rows::Every { len: 300, descending });
        assert_eq!(every.rows.heap_bytes(), 0);
        let (first, last) = if descending { (299, 0) } else { (0, 299) };
        assert_eq!(
            (every.rows.get(0), every.rows.get(299)),
            (Some(first), Some(last))
        );
        assert_eq!(every.rows.get(300), None);
        assert_eq!(every.rows_in(298, 400).len(), 2);
        assert_eq!(every.count_in(290, 400), 10);
        // Any restriction, or another order, lists the rows it keeps.
        let some = store.query(&Filter::default().with_status(Status::Overdue), sort);
        assert!(matches!(some.rows, Rows::Listed(_)));
        let sorted = store.query(
            &Filter::default(),
            Sort {
                key: SortKey::DueDate,
                descending,
            },
        );
        assert!(matches!(sorted.rows, Rows::Listed(_)));
        assert_eq!(sorted.len(), 300);
    }
}

#[test]
fn a_search_keeps_every_order_in_both_directions() {
    let list = enrollments(2_000);
    let store = store_of(&list);
    let texts = ["4", "ab", &list[1_234].enrollment_id[24..30]];
    for text in texts {
        let searched = Filter {
            text: text.to_owned(),
            ..Filter::default()
        };
        let matching = expected_rows(&list, &searched);
        assert!(!matching.is_empty(), "{text:?} matches something");
        for key in [SortKey::Loaded, SortKey::DueDate, SortKey::Course] {
            for descending in [false, true] {
                let sort = Sort { key, descending };
                let every = store.query(&Filter::default(), sort).rows.to_vec();
                let expected: Vec<u32> = every.into_iter().filter(|r| matching.contains(r)).collect();
                assert_eq!(
                    store.query(&searched, sort).rows.to_vec(),
                    expected,
                    "{text:?} by {sort:?}"
                );
            }
        }
    }
}

#[test]
fn sorted_and_filtered_together() {
    let list = enrollments(1_000);
    let store = store_of(&list);
    let filter = Filter::default().with_status(Status::Overdue);
    let rows = store
        .query(
            &filter,
            Sort {
                key: SortKey::DueDate,
                descending: false,
            },
        )
        .rows
        .to_vec();
    let mut expected = expected_rows(&list, &filter);
    expected.sort_by_key(|&r| list[r as usize].due_date);
    assert_eq!(rows, expected);
}

#[test]
fn slices_are_clamped_windows_of_the_result() {
    let list = enrollments(500);
    let store = store_of(&list);
    let result = store.query(&Filter::default(), Sort::default());
    assert_eq!(result.rows_in(0, 10), (0..10).collect::<Vec<u32>>());
    assert_eq!(result.rows_in(495, 600), [495, 496, 497, 498, 499]);
    assert!(result.rows_in(700, 800).is_empty());
    assert!(result.rows_in(30, 10).is_empty());
}

#[test]
fn rows_read_back_exactly() {
    let list = enrollments(1_000);
    let store = store_of(&list);
    for (row, e) in list.iter().enumerate() {
        assert_eq!(store.enrollment(row as u32).as_ref(), Some(e));
        assert_eq!(store.enrollment_id(row as u32), e.enrollment_id);
        assert_eq!(store.states(row as u32), states(e));
    }
    assert_eq!(store.enrollment(1_000), None);
}

#[test]
fn changing_today_re_derives_states() {
    let list = enrollments(600);
    let mut store = store_of(&list);
    let overdue_now = store
        .query(&Filter::default().with_status(Status::Overdue), Sort::default())
        .len();
    store.set_rules(StatusRules::new(TODAY - Duration::days(365)));
    let overdue_then = store
        .query(&Filter::default().with_status(Status::Overdue), Sort::default())
        .len();
    assert!(overdue_now > 0);
    assert_ne!(overdue_now, overdue_then);
}

#[test]
fn hundred_thousand_enrollments_fit_in_128_bytes_each() {
    let list = enrollments(100_000);
    let mut store = EnrollmentStore::new(StatusRules::new(TODAY));
    for page in list.chunks(1_000) {
        store.append(page.to_vec());
    }
    store.shrink_to_fit();
    // Include the caches a search and a sort leave behind.
    store.query(
        &Filter {
            text: "ab".into(),
            ..Filter::default()
        },
        Sort {
            key: SortKey::DueDate,
            descending: true,
        },
    );
    let per_enrollment = store.heap_bytes() as f64 / 100_000.0;
    println!("store: {per_enrollment:.1} bytes per enrollment at 100k");
    // About 88 loaded and sorted (36 of them the enrollment ID's text, 6 the three dates; no
    // handle column while every ID is a UUID), 6.5 for the ID index (kept: results arriving
    // after the load find their rows without rebuilding it), and 5 for the folded copy of the
    // interned IDs the first search builds (one byte search finds a text among 10,000 learner
    // IDs).
    assert!(per_enrollment < 101.0, "{per_enrollment} bytes per enrollment");
}

#[test]
fn search_ignores_case_in_ids_of_every_shape() {
    let mut list = enrollments(600);
    for (i, e) in list.iter_mut().enumerate() {
        match i % 5 {
            0 => e.learner_id = e.learner_id.to_uppercase(),
            1 => e.course_id = format!("Course-ÄB {}", i % 7),
            2 => e.enrollment_id = format!("ENR-{i:06}"),
            3 => e.enrollment_id = e.enrollment_id.to_uppercase(),
            _ => {}
        }
    }
    let store = store_of(&list);
    let texts = [
        "äb",
        "ÄB 3",
        "course-",
        "enr-0001",
        "ENR-00012",
        &list[0].learner_id[..5],
        "e",
        "E",
    ];
    for text in texts {
        let filter = Filter {
            text: text.to_owned(),
            ..Filter::default()
        };
        let rows = store.query(&filter, Sort::default()).rows.to_vec();
        assert!(!rows.is_empty(), "{text:?} matches something");
        assert_eq!(rows, expected_rows(&list, &filter), "{text:?}");
    }
}

#[test]
fn repeated_enrollment_ids_are_merged_later_record_winning() {
    let list = enrollments(300);
    let mut store = EnrollmentStore::new(StatusRules::new(TODAY));
    store.append(list[..200].to_vec());
    // The next page starts 20 records early (a page boundary that moved), and repeats one of
    // its own records with a later due date.
    let mut page = list[180..].to_vec();
    let mut changed = list[250].clone();
    changed.due_date = Some(time::macros::date!(2099 - 12 - 31));
    changed.course_id = "7f0c9a9e-2d0b-4a7e-9d51-1c2b3d4e5f60".into();
    page.push(changed.clone());
    store.append(page);
    assert_eq!(store.len(), 300, "each enrollment once");
    assert_eq!(store.duplicates(), 21);
    let row = (0..300u32)
        .find(|&r| store.enrollment_id(r) == changed.enrollment_id)
        .expect("the changed enrollment is stored");
    assert_eq!(row, 250, "a replaced record keeps its place");
    assert_eq!(store.enrollment(row), Some(changed.clone()));
    // Searches see the replaced values, not the remembered matches of the earlier ones.
    let search = |store: &mut EnrollmentStore, text: &str| {
        let filter = Filter {
            text: text.into(),
            ..Filter::default()
        };
        store.query(&filter, Sort::default()).rows.to_vec()
    };
    assert_eq!(search(&mut store, "7f0c9a9e-2d0b"), vec![250]);
    let original_course = list[250].course_id.clone();
    let before = search(&mut store, &original_course);
    store.append(vec![list[250].clone()]);
    assert_eq!(store.duplicates(), 22);
    let after = search(&mut store, &original_course);
    assert_eq!(after.len(), before.len() + 1, "the row matches its course again");
    assert!(search(&mut store, "7f0c9a9e-2d0b").is_empty());
    // Loading complete: spare capacity goes, and a later append still finds repeated records.
    store.shrink_to_fit();
    store.append(vec![list[10].clone(), list[299].clone()]);
    assert_eq!((store.len(), store.duplicates()), (300, 24));
}

#[test]
fn repeated_records_bring_and_take_certificates() {
    let list = enrollments(300);
    let mut store = EnrollmentStore::new(StatusRules::new(TODAY));
    store.append(list.clone());
    let with = list
        .iter()
        .position(|e| e.certificate.is_some())
        .expect("a certified enrollment");
    let without = list
        .iter()
        .position(|e| e.certificate.is_none())
        .expect("one without");
    let mut lost = list[with].clone();
    lost.certificate = None;
    let mut gained = list[without].clone();
    gained.certificate = list[with].certificate.clone();
    store.append(vec![lost.clone(), gained.clone()]);
    assert_eq!(store.duplicates(), 2);
    assert_eq!(store.enrollment(with as u32), Some(lost));
    assert_eq!(store.states(with as u32).1, CertificateState::None);
    assert_eq!(store.enrollment(without as u32), Some(gained));
    assert_ne!(store.states(without as u32).1, CertificateState::None);
    // Every other row keeps its own certificate (the certificate columns stay in step).
    for (row, e) in list
        .iter()
        .enumerate()
        .filter(|(r, _)| *r != with && *r != without)
    {
        assert_eq!(store.enrollment(row as u32).as_ref(), Some(e), "row {row}");
    }
    // A new day re-derives every row from the same certificates.
    let before: Vec<_> = (0..300).map(|r| store.states(r)).collect();
    store.set_rules(StatusRules::new(TODAY + Duration::days(400)));
    store.set_rules(StatusRules::new(TODAY));
    assert_eq!((0..300).map(|r| store.states(r)).collect::<Vec<_>>(), before);
}

#[test]
fn certificates_changing_state_call_for_a_re_derivation() {
    use time::macros::datetime;
    let mut list = enrollments(40);
    let now = datetime!(2026-11-26 12:00 UTC);
    let expires = datetime!(2026-12-10 12:00 UTC); // 14 days ahead: expiring already
    for e in &mut list {
        e.certificate = None;
    }
    list[0].certificate = Some(enrollment_cards::Certificate {
        id: "c1f0a3e2-5b7d-4c1e-9f3a-2b6d8e0c4a19".into(),
        issued_at: Some(datetime!(2025-12-10 12:00 UTC)),
        expires_at: Some(expires),
    });
    let mut store = EnrollmentStore::new(StatusRules::new(TODAY).at(now));
    store.append(list);
    let at = |t: time::OffsetDateTime| t.unix_timestamp();
    assert!(!store.certificates_change_by(at(now + Duration::hours(1))));
    assert!(store.certificates_change_by(at(expires)), "it expires");
    assert!(!store.certificates_change_by(at(expires - Duration::seconds(1))));
    store.set_rules(StatusRules::new(TODAY).at(now - Duration::days(20)));
    assert!(
        store.certificates_change_by(at(now - Duration::days(15))),
        "it comes within 30 days of expiry"
    );
}

/// The members whose places in `T::ALL` are the set bits of `bits`.
fn picked<T: Member>(bits: u8) -> Set<T> {
    Set::of(
        T::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| bits & (1 << i) != 0)
            .map(|(_, v)| *v),
    )
}

/// Generated choices of a query: statuses, certificate states and types as bit sets, courses
/// and learners as positions in the data, an optional text and due range, an order.
#[derive(Debug, Clone)]
struct Choices {
    statuses: u8,
    certificates: u8,
    types: u8,
    courses: Vec<usize>,
    learners: Vec<usize>,
    text: Option<usize>,
    due: Option<(i64, i64)>,
    key: usize,
    descending: bool,
}

/// Any [`Choices`] (positions below 600, the data's size).
fn choices() -> impl proptest::strategy::Strategy<Value = Choices> {
    use proptest::prelude::*;
    (
        (0u8..32, 0u8..16, 0u8..4),
        proptest::collection::vec(0usize..600, 0..3),
        proptest::collection::vec(0usize..600, 0..2),
        proptest::option::weighted(0.3, 0usize..600),
        proptest::option::weighted(0.2, (-60i64..60, 0i64..90)),
        (0usize..8, any::<bool>()),
    )
        .prop_map(
            |((statuses, certificates, types), courses, learners, text, due, (key, descending))| Choices {
                statuses,
                certificates,
                types,
                courses,
                learners,
                text,
                due,
                key,
                descending,
            },
        )
}

/// The filter and the order `choices` make of `list`.
fn generated_query(list: &[Enrollment], choices: &Choices) -> (Filter, Sort) {
    let filter = Filter {
        statuses: picked(choices.statuses),
        certificates: picked(choices.certificates),
        types: picked(choices.types),
        courses: choices
            .courses
            .iter()
            .map(|&i| list[i % list.len()].course_id.clone())
            .collect(),
        learners: choices
            .learners
            .iter()
            .map(|&i| list[i % list.len()].learner_id.clone())
            .collect(),
        // Two characters of some enrollment's ID: hex pairs match about one row in eight.
        text: choices.text.map_or_else(String::new, |i| {
            list[i % list.len()].enrollment_id[3..5].to_owned()
        }),
        due: choices
            .due
            .map_or_else(DateRange::default, |(from, days)| DateRange {
                from: Some(TODAY + Duration::days(from)),
                to: Some(TODAY + Duration::days(from + days)),
            }),
        ..Filter::default()
    };
    (
        filter,
        Sort {
            key: SortKey::ALL[choices.key % SortKey::ALL.len()],
            descending: choices.descending,
        },
    )
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(200),
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Any mix of filters, in any order: the rows are the reference's, in the order of the
    /// unfiltered answer, and each small facet counts what the reference finds with that
    /// facet's own filter replaced by just the option.
    #[test]
    fn generated_queries_agree_with_the_reference(choices in choices()) {
        let list = enrollments(600);
        let store = store_of(&list);
        let (filter, sort) = generated_query(&list, &choices);
        let answer = store.query(&filter, sort);
        let matching = expected_rows(&list, &filter);
        let every = store.query(&Filter::default(), sort).rows.to_vec();
        let expected: Vec<u32> = every.into_iter().filter(|r| matching.contains(r)).collect();
        proptest::prop_assert_eq!(answer.rows.to_vec(), expected);
        for status in Status::ALL {
            let alone = Filter { statuses: Set::of([status]), ..filter.clone() };
            proptest::prop_assert_eq!(answer.facets.statuses[status as usize] as usize, expected_rows(&list, &alone).len());
        }
        for state in CertificateState::ALL {
            let alone = Filter { certificates: Set::of([state]), ..filter.clone() };
            proptest::prop_assert_eq!(answer.facets.certificates[state as usize] as usize, expected_rows(&list, &alone).len());
        }
        for kind in EnrollmentType::ALL {
            let alone = Filter { types: Set::of([kind]), ..filter.clone() };
            proptest::prop_assert_eq!(answer.facets.types[kind as usize] as usize, expected_rows(&list, &alone).len());
        }
        let course = list[choices.courses.first().copied().unwrap_or(0) % list.len()].course_id.clone();
        let alone = Filter { courses: vec![course.clone()], ..filter.clone() };
        let index = store.courses().find(|(_, id)| *id == course).map(|(i, _)| i as usize);
        proptest::prop_assert_eq!(index.map(|i| answer.facets.courses[i] as usize), Some(expected_rows(&list, &alone).len()));
    }

    /// Counting fewer of the facets per course and learner (the pickers closed) leaves those
    /// empty and changes nothing else: the rows, their order and the other facets are the full
    /// query's, and a facet counted is the full query's.
    #[test]
    fn counting_fewer_facets_changes_nothing_else(
        choices in choices(),
        counted in (proptest::bool::ANY, proptest::bool::ANY),
    ) {
        let list = enrollments(600);
        let store = store_of(&list);
        let (filter, sort) = generated_query(&list, &choices);
        let full = store.query(&filter, sort);
        let counted = Counted { courses: counted.0, learners: counted.1, departments: false };
        let answer = store.query_counting(&filter, sort, counted);
        proptest::prop_assert_eq!(answer.rows.to_vec(), full.rows.to_vec());
        proptest::prop_assert_eq!(answer.facets.statuses, full.facets.statuses);
        proptest::prop_assert_eq!(answer.facets.certificates, full.facets.certificates);
        proptest::prop_assert_eq!(answer.facets.types, full.facets.types);
        proptest::prop_assert_eq!(answer.facets.completions, full.facets.completions);
        let expected = |yes: bool, all: &Vec<u32>| if yes { all.clone() } else { Vec::new() };
        proptest::prop_assert_eq!(&answer.facets.courses, &expected(counted.courses, &full.facets.courses));
        proptest::prop_assert_eq!(&answer.facets.learners, &expected(counted.learners, &full.facets.learners));
    }
}

#[test]
fn learners_past_two_bytes_of_index_keep_their_rows() {
    // 70,000 learners: the learner column widens to four bytes a row partway through loading.
    let template = enrollments(1).remove(0);
    let list: Vec<Enrollment> = (0..70_000u32)
        .map(|i| Enrollment {
            enrollment_id: format!("00000000-0000-4000-8000-{i:012x}"),
            learner_id: format!("learner-{i}"),
            ..template.clone()
        })
        .collect();
    let store = store_of(&list);
    for i in [0u32, 65_535, 65_536, 69_999] {
        let filter = Filter {
            learners: vec![format!("learner-{i}")],
            ..Filter::default()
        };
        let answer = store.query(&filter, Sort::default());
        assert_eq!(answer.rows.to_vec(), [i], "learner {i}");
        assert_eq!(store.learner_id(i), format!("learner-{i}"));
        let text = Filter {
            text: format!("learner-{i}"),
            ..Filter::default()
        };
        assert!(store.query(&text, Sort::default()).rows.to_vec().contains(&i));
    }
    let sorted = store.query(
        &Filter::default(),
        Sort {
            key: SortKey::Learner,
            descending: false,
        },
    );
    assert_eq!(sorted.len(), 70_000);
    // "learner-0" < "learner-1" < "learner-10" < … by text.
    assert_eq!(sorted.rows.get(0), Some(0));
    assert_eq!(sorted.rows.get(1), Some(1));
}
