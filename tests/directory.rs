//! The store's people, titles, departments and results, filled from the mock's related answers
//! through the real parsers, as the widget will.

// Native only (they use the mock crate, threads or clocks): `wasm-pack test` skips them.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use enrollment_cards::core::parse::{parse_contents, parse_departments, parse_results, parse_users};
use enrollment_cards::core::related::CompletionStatus;
use enrollment_cards::{EnrollmentStore, StatusRules};
use mock_lms::xml::{self, Listing};
use support::{dataset, unpaged_xml, TODAY};

/// The last page of a paged answer wrapped in `wrapper`.
fn paged(wrapper: &'static str) -> Listing<'static> {
    Listing::Paged {
        wrapper,
        next_page_token: None,
    }
}

/// A store holding the account's enrollments (IDs only).
fn loaded(data: &mock_lms::Dataset) -> EnrollmentStore {
    let mut store = EnrollmentStore::new(StatusRules::new(TODAY));
    let page = enrollment_cards::parse_enrollments(&unpaged_xml(data)).expect("enrollments");
    store.append(page.enrollments);
    store
}

/// Adds every person and department of the account to `store`.
fn add_people_and_departments(store: &mut EnrollmentStore, data: &mock_lms::Dataset) {
    let users = xml::users(data, 0..data.learners.len(), paged("userProfiles"));
    store.add_people(parse_users(&users).expect("users").items);
    let departments = xml::departments(data, 0..data.departments.len(), paged("departments"));
    store.add_departments(parse_departments(&departments).expect("departments").items);
}

#[test]
fn names_titles_departments_and_results_reach_the_rows() {
    let data = dataset(300);
    let mut store = loaded(&data);
    store.shrink_to_fit();
    assert_eq!(store.person(0), None, "IDs only until people arrive");

    let users = xml::users(&data, 0..data.learners.len(), paged("userProfiles"));
    let people = parse_users(&users).expect("users").items;
    assert_eq!(store.add_people(people), data.learners.len());
    let departments = xml::departments(&data, 0..data.departments.len(), paged("departments"));
    store.add_departments(parse_departments(&departments).expect("departments").items);
    // `/contents` lists only originally uploaded courses, not linked copies.
    let uploaded = (0..data.courses.len()).filter(|&i| !data.courses[i].linked_copy);
    let contents = xml::contents(&data, uploaded, paged("contentItems"));
    store.add_contents(parse_contents(&contents).expect("contents").items);

    for row in 0..300u32 {
        let e = &data.enrollments[row as usize];
        let learner = &data.learners[e.learner];
        let person = store.person(row).expect("every learner is known");
        let full = format!("{} {}", learner.first_name, learner.last_name);
        // Chinese, Japanese and Korean names read family name first, without a space.
        let family_first = format!("{}{}", learner.last_name, learner.first_name);
        assert!(
            person.name() == full || person.name() == family_first || person.name() == learner.email,
            "{} for {full}",
            person.name()
        );
        let path = store.department_path(row).expect("a department path");
        assert!(
            path.ends_with(&data.departments[learner.department].name),
            "{path}"
        );
        let course = &data.courses[e.course];
        match store.course_title(row) {
            Some(title) => assert!(!course.linked_copy && title == course.title),
            None => assert!(course.linked_copy, "only linked copies lack a title"),
        }
    }
    assert!(store
        .department_path(0)
        .is_some_and(|p| p.matches(" / ").count() <= 2));

    // Results: every status, and the titles of linked copies.
    let results = xml::results(&data, data.enrollments.iter(), paged("results"));
    store.add_results(parse_results(&results).expect("results").items);
    let statuses: std::collections::HashSet<CompletionStatus> = (0..300u32)
        .filter_map(|row| store.result(row))
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses.len(), 9, "{statuses:?}");
    let with_result = (0..300u32).filter(|&r| store.result(r).is_some()).count();
    assert!(
        (200..300).contains(&with_result),
        "{with_result} of 300 have a result"
    );
    for row in 0..300u32 {
        let e = &data.enrollments[row as usize];
        let course = &data.courses[e.course];
        if course.linked_copy && store.course_title(row).is_some() {
            assert_eq!(store.course_title(row), Some(course.title.as_str()));
        }
        if let Some(result) = store.result(row) {
            if result.status == CompletionStatus::NotStarted {
                assert_eq!(result.progress, Some(0));
            }
        }
    }
    assert!(
        (0..300u32).any(|r| data.courses[data.enrollments[r as usize].course].linked_copy
            && store.course_title(r).is_some()),
        "a linked copy titled from its results"
    );
}

#[test]
fn a_prepared_search_finds_what_an_unprepared_one_does() {
    use enrollment_cards::{Filter, Sort};
    let data = dataset(300);
    let search = |store: &EnrollmentStore, text: &str| {
        let filter = Filter {
            text: text.into(),
            ..Filter::default()
        };
        store.query(&filter, Sort::default()).rows.to_vec()
    };
    EnrollmentStore::new(StatusRules::new(TODAY)).prepare_search();
    let (mut prepared, mut plain) = (loaded(&data), loaded(&data));
    // Prepared before the names arrive, and again after: the names added in between are found.
    prepared.prepare_search();
    add_people_and_departments(&mut prepared, &data);
    add_people_and_departments(&mut plain, &data);
    let surname = data.learners[3].last_name.to_lowercase();
    assert!(!search(&plain, &surname).is_empty());
    for text in ["0f", &surname] {
        assert_eq!(search(&prepared, text), search(&plain, text), "{text}");
    }
    prepared.prepare_search();
    for text in ["0f", "0f3", "a", &surname, &data.enrollments[9].id[..6]] {
        assert_eq!(search(&prepared, text), search(&plain, text), "{text}");
    }
}

#[test]
fn search_finds_names_titles_and_departments_without_case_or_accents() {
    use enrollment_cards::{Filter, Sort};
    let data = dataset(300);
    let mut store = loaded(&data);
    let search = |store: &mut EnrollmentStore, text: &str| {
        let filter = Filter {
            text: text.into(),
            ..Filter::default()
        };
        store.query(&filter, Sort::default()).rows.to_vec()
    };
    assert!(search(&mut store, "nunez").is_empty(), "no names yet");
    add_people_and_departments(&mut store, &data);
    let uploaded = (0..data.courses.len()).filter(|&i| !data.courses[i].linked_copy);
    store.add_contents(
        parse_contents(&xml::contents(&data, uploaded, paged("contentItems")))
            .expect("contents")
            .items,
    );

    let rows_of = |store: &EnrollmentStore, rows: &[u32], want: &dyn Fn(u32) -> bool| {
        assert!(!rows.is_empty());
        (0..store.len() as u32).all(|r| rows.contains(&r) == want(r))
    };
    let learner_of = |r: u32| &data.learners[data.enrollments[r as usize].learner];
    for (needle, surname) in [
        ("nunez", "Núñez"),
        ("петрова", "Петрова"),
        ("O’BRIEN", "O'Brien"),
        ("muller", "Müller"),
    ] {
        let rows = search(&mut store, needle);
        let expected = |r: u32| {
            let l = learner_of(r);
            l.last_name == surname || l.email.contains(&needle.to_lowercase())
        };
        assert!(rows_of(&store, &rows, &expected), "{needle}: {} rows", rows.len());
    }
    // A course title, in any case, and a department name.
    let title = data
        .courses
        .iter()
        .find(|c| !c.linked_copy)
        .map(|c| c.title.to_uppercase())
        .expect("a title");
    let rows = search(&mut store, &title);
    assert!(rows.iter().all(|&r| store
        .course_title(r)
        .is_some_and(|t| t.to_uppercase().contains(&title))));
    assert!(!rows.is_empty());
    let department = &data.departments[data.learners[0].department].name;
    let rows = search(&mut store, &department.to_lowercase());
    assert!(rows.iter().all(
        |&r| store.department_path(r).is_some_and(|p| p.contains(department))
            || store
                .person(r)
                .is_some_and(|p| p.name().to_lowercase().contains(&department.to_lowercase()))
    ));
    assert!(rows.contains(&(data.enrollments.iter().position(|e| e.learner == 0).expect("row") as u32)));
    // IDs still match.
    let id = data.enrollments[7].id[..8].to_owned();
    assert!(search(&mut store, &id).contains(&7));
}

#[test]
fn sorts_by_name_title_progress_and_completion_date() {
    use enrollment_cards::core::fold::fold;
    use enrollment_cards::{Filter, Sort, SortKey};
    let data = dataset(300);
    let mut store = loaded(&data);
    let users = xml::users(&data, 0..data.learners.len(), paged("userProfiles"));
    store.add_people(parse_users(&users).expect("users").items);
    let uploaded = (0..data.courses.len()).filter(|&i| !data.courses[i].linked_copy);
    store.add_contents(
        parse_contents(&xml::contents(&data, uploaded, paged("contentItems")))
            .expect("contents")
            .items,
    );
    let results = xml::results(&data, data.enrollments.iter(), paged("results"));
    store.add_results(parse_results(&results).expect("results").items);

    let sorted = |store: &mut EnrollmentStore, key, descending| {
        store
            .query(&Filter::default(), Sort { key, descending })
            .rows
            .to_vec()
    };
    let rows = sorted(&mut store, SortKey::Learner, false);
    let names: Vec<String> = rows
        .iter()
        .map(|&r| fold(store.person(r).expect("known").name()))
        .collect();
    assert!(
        names.windows(2).all(|w| w[0] <= w[1]),
        "by name, without case or accents"
    );

    let rows = sorted(&mut store, SortKey::Course, false);
    let key = |r: u32| fold(store.course_title(r).unwrap_or(store.course_id(r)));
    assert!(
        rows.windows(2).all(|w| key(w[0]) <= key(w[1])),
        "by title, else ID"
    );

    for descending in [false, true] {
        let rows = sorted(&mut store, SortKey::Progress, descending);
        let progress: Vec<Option<u8>> = rows
            .iter()
            .map(|&r| store.result(r).and_then(|x| x.progress))
            .collect();
        let known = progress.iter().take_while(|p| p.is_some()).count();
        assert!(
            progress[known..].iter().all(Option::is_none),
            "no result last, both ways"
        );
        let values: Vec<u8> = progress[..known].iter().flatten().copied().collect();
        assert!(values
            .windows(2)
            .all(|w| if descending { w[0] >= w[1] } else { w[0] <= w[1] }));
        let rows = sorted(&mut store, SortKey::CompletionDate, descending);
        let dates: Vec<_> = rows
            .iter()
            .map(|&r| store.result(r).and_then(|x| x.completed_on))
            .collect();
        let known = dates.iter().take_while(|d| d.is_some()).count();
        assert!(known > 0 && dates[known..].iter().all(Option::is_none));
    }
}

#[test]
fn completion_filter_and_facets() {
    use enrollment_cards::core::query::{Set, NO_RESULT};
    use enrollment_cards::{ActiveFilter, Filter, Sort};
    let data = dataset(300);
    let mut store = loaded(&data);
    let all = store.query(&Filter::default(), Sort::default());
    assert_eq!(
        all.facets.completions[usize::from(NO_RESULT)],
        300,
        "no results yet"
    );
    let results = xml::results(&data, data.enrollments.iter(), paged("results"));
    store.add_results(parse_results(&results).expect("results").items);

    let filter = Filter {
        completions: Set::of([Some(CompletionStatus::Passed), None]),
        ..Filter::default()
    };
    let answer = store.query(&filter, Sort::default());
    let expected: Vec<u32> = (0..300u32)
        .filter(|&r| {
            store
                .result(r)
                .is_none_or(|x| x.status == CompletionStatus::Passed)
        })
        .collect();
    assert_eq!(answer.rows.to_vec(), expected);
    // Facets over the other filters: every option counts what it would show alone.
    let total: u32 = answer.facets.completions.iter().sum();
    assert_eq!(total, 300);
    let none = (0..300u32).filter(|&r| store.result(r).is_none()).count() as u32;
    assert_eq!(answer.facets.completions[usize::from(NO_RESULT)], none);
    let chips = filter.active();
    assert_eq!(chips.len(), 2);
    assert_eq!(chips[1], ActiveFilter::Completion(None));
    assert_eq!(chips[1].key(), "completion:none");
}

#[test]
fn department_filter_takes_sub_departments_and_counts_them() {
    use enrollment_cards::core::query::{Counted, Set};
    use enrollment_cards::core::status::Status;
    use enrollment_cards::{ActiveFilter, Filter, Sort};
    let data = dataset(300);
    let mut store = loaded(&data);
    assert!(store
        .query(&Filter::default(), Sort::default())
        .facets
        .departments
        .is_empty());
    add_people_and_departments(&mut store, &data);

    // Whether department `d` of the mock is `top` or below it.
    let under = |mut d: usize, top: usize| loop {
        if d == top {
            break true;
        }
        match data.departments[d].parent {
            Some(parent) => d = parent,
            None => break false,
        }
    };
    let department_of = |r: u32| data.learners[data.enrollments[r as usize].learner].department;
    let top = (0..data.departments.len())
        .find(|&d| data.departments[d].parent.is_none())
        .expect("a top-level department");
    let top_id = data.departments[top].id.clone();
    let mut filter = Filter::default();
    filter.toggle_department(&top_id);
    let answer = store.query(&filter, Sort::default());
    let expected: Vec<u32> = (0..300u32).filter(|&r| under(department_of(r), top)).collect();
    assert!(!expected.is_empty() && expected.len() < 300);
    assert_eq!(answer.rows.to_vec(), expected);

    // Facets: each department counts its own rows and those below it, whatever is selected in
    // the department filter, with the other filters applied.
    filter.statuses = Set::of([Status::Active]);
    let answer = store.query(&filter, Sort::default());
    let tree = store.departments();
    for d in 0..data.departments.len() {
        let want = (0..300u32)
            .filter(|&r| under(department_of(r), d) && store.states(r).0 == Status::Active)
            .count() as u32;
        let index = tree.find(&data.departments[d].id).expect("known department") as usize;
        assert_eq!(
            answer.facets.departments[index], want,
            "{}",
            data.departments[d].name
        );
    }
    // Counted only when asked for (while the department picker is open); nothing else changes.
    let counted = |departments| Counted {
        departments,
        ..Counted::default()
    };
    let without = store.query_counting(&filter, Sort::default(), counted(false));
    assert!(without.facets.departments.is_empty());
    assert_eq!(without.rows.to_vec(), answer.rows.to_vec());
    assert_eq!(without.facets.statuses, answer.facets.statuses);
    let with = store.query_counting(&filter, Sort::default(), counted(true));
    assert_eq!(with.facets.departments, answer.facets.departments);

    let chip = ActiveFilter::Department(top_id.clone());
    assert_eq!(
        store.chip_name(&chip).as_deref(),
        Some(data.departments[top].name)
    );
    filter.remove(&chip);
    assert!(filter.departments.is_empty());
}
