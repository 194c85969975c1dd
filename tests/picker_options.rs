//! What the course, learner and department pickers list, on generated accounts with names,
//! titles and departments, against the rule spelled out: every matching option built, sorted
//! (stable), cut to the limit.

// Native only (they use the mock crate): `wasm-pack test` skips them.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use enrollment_cards::core::fold::fold;
use enrollment_cards::core::parse::{parse_contents, parse_departments, parse_users};
use enrollment_cards::core::picker_options::{picker_options, PickerKind, PickerList, PickerOption};
use enrollment_cards::{EnrollmentStore, Filter, Status, StatusRules};
use mock_lms::xml::{self, Listing};
use mock_lms::Dataset;
use support::{dataset, unpaged_xml, TODAY};

/// The last page of a paged answer wrapped in `wrapper`.
fn paged(wrapper: &'static str) -> Listing<'static> {
    Listing::Paged {
        wrapper,
        next_page_token: None,
    }
}

/// A store of `n` generated enrollments with every name, title and department, and the account.
fn store_with_names(n: usize) -> (EnrollmentStore, Dataset) {
    let data = dataset(n);
    let mut store = EnrollmentStore::new(StatusRules::new(TODAY));
    let page = enrollment_cards::parse_enrollments(&unpaged_xml(&data)).expect("enrollments");
    store.append(page.enrollments);
    let users = xml::users(&data, 0..data.learners.len(), paged("userProfiles"));
    store.add_people(parse_users(&users).expect("users").items);
    let uploaded = (0..data.courses.len()).filter(|&i| !data.courses[i].linked_copy);
    let contents = xml::contents(&data, uploaded, paged("contentItems"));
    store.add_contents(parse_contents(&contents).expect("contents").items);
    let departments = xml::departments(&data, 0..data.departments.len(), paged("departments"));
    store.add_departments(parse_departments(&departments).expect("departments").items);
    (store, data)
}

/// What a picker finds an option by besides its ID: a course's title; a learner's name as
/// shown, e-mail, login and department path (from the account itself).
fn texts(store: &EnrollmentStore, data: &Dataset, kind: PickerKind, index: u32, id: &str) -> Vec<String> {
    match kind {
        PickerKind::Course => store
            .title_of_course(index)
            .map(str::to_owned)
            .into_iter()
            .collect(),
        _ => {
            let learner = data
                .learners
                .iter()
                .find(|l| l.id == id)
                .expect("a learner of the account");
            let department = &data.departments[learner.department].id;
            let mut texts = vec![learner.email.clone(), learner.login.clone()];
            texts.extend(store.name_of_learner(index).map(str::to_owned));
            texts.extend(store.departments().path_of(department));
            texts
        }
    }
}

/// The rule for courses and learners: every option found by its ID or one of its [`texts`],
/// selected first, then by count (largest first) and label, equal ones in the store's order.
fn expected(
    (store, data): (&EnrollmentStore, &Dataset),
    kind: PickerKind,
    needle: &str,
    counts: &[u32],
    chosen: &[String],
    limit: usize,
) -> PickerList {
    let all: Vec<(u32, &str, Option<&str>)> = match kind {
        PickerKind::Course => store
            .courses()
            .map(|(i, id)| (i, id, store.title_of_course(i)))
            .collect(),
        PickerKind::Learner => store
            .learners()
            .map(|(i, id)| (i, id, store.name_of_learner(i)))
            .collect(),
        PickerKind::Department => unreachable!("departments keep the tree's order"),
    };
    let found_by = |index: u32, id: &str| {
        fold(id).contains(needle)
            || texts(store, data, kind, index, id)
                .iter()
                .any(|t| fold(t).contains(needle))
    };
    let mut options: Vec<PickerOption> = all
        .into_iter()
        .filter(|&(i, id, _)| found_by(i, id))
        .map(|(i, id, label)| (i, id, label.unwrap_or(id)))
        .map(|(i, id, label)| PickerOption {
            id: id.to_owned(),
            label: label.to_owned(),
            hint: id.to_owned(),
            depth: 0,
            count: counts.get(i as usize).copied().unwrap_or(0),
            selected: chosen.iter().any(|c| c == id),
        })
        .collect();
    let found = options.len();
    options.sort_by(|a, b| {
        b.selected
            .cmp(&a.selected)
            .then(b.count.cmp(&a.count))
            .then_with(|| a.label.cmp(&b.label))
    });
    options.truncate(limit);
    PickerList { options, found }
}

/// Texts to search for: none, single letters, parts of names and titles (accented ones among
/// them, folded as the picker folds what is typed), a piece of a UUID, and nothing that exists.
fn needles(store: &EnrollmentStore, data: &Dataset) -> Vec<String> {
    let mut needles: Vec<String> = ["", "a", "e", "ma", "zz-none"].map(String::from).into();
    let accented = store
        .learners()
        .filter_map(|(i, _)| store.name_of_learner(i))
        .find(|name| fold(name) != name.to_lowercase())
        .expect("the generator draws accented names");
    needles.push(fold(accented));
    for (i, _) in store.learners().step_by(97).take(4) {
        let name = fold(store.name_of_learner(i).expect("named"));
        needles.push(name.chars().skip(1).take(3).collect());
    }
    let title = store
        .courses()
        .find_map(|(i, _)| store.title_of_course(i))
        .expect("titled");
    needles.push(fold(title).chars().take(4).collect());
    let (_, id) = store.learners().nth(3).expect("learners");
    needles.push(id[9..13].to_owned());
    // An e-mail, a login and a department, which learners are found by too.
    let learner = &data.learners[7];
    needles.push(fold(&learner.email));
    needles.push(fold(&learner.login[..4]));
    needles.push(fold(data.departments[2].name));
    needles
}

#[test]
fn courses_and_learners_are_listed_as_the_rule_says() {
    let (store, data) = store_with_names(3_000);
    let everything = store.query(&Filter::default(), Default::default()).facets;
    let overdue = store
        .query(
            &Filter::default().with_status(Status::Overdue),
            Default::default(),
        )
        .facets;
    assert!(
        everything.learners.iter().any(|&c| c > 1),
        "counts differ between learners"
    );
    for kind in [PickerKind::Course, PickerKind::Learner] {
        let ids: Vec<String> = match kind {
            PickerKind::Course => store.courses().map(|(_, id)| id.to_owned()).collect(),
            _ => store.learners().map(|(_, id)| id.to_owned()).collect(),
        };
        // One near the end of the store's order, and an ID the store does not hold.
        let chosen = [
            ids[ids.len() - 2].clone(),
            "5d0c9a4e-0000-4000-8000-000000000000".to_owned(),
        ];
        for counts in [&everything, &overdue].map(|f| match kind {
            PickerKind::Course => f.courses.clone(),
            _ => f.learners.clone(),
        }) {
            for needle in needles(&store, &data) {
                for chosen in [&chosen[..0], &chosen[..]] {
                    for limit in [0, 1, 7, 60, usize::MAX] {
                        let got = picker_options(&store, kind, &needle, &counts, chosen, limit);
                        let want = expected((&store, &data), kind, &needle, &counts, chosen, limit);
                        assert_eq!(got, want, "{kind:?} {needle:?} {chosen:?} {limit}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_chosen_learner_comes_first_and_counts_then_names_order_the_rest() {
    let (store, _) = store_with_names(3_000);
    let counts = store
        .query(&Filter::default(), Default::default())
        .facets
        .learners;
    let (quiet, quiet_id) = store
        .learners()
        .min_by_key(|&(i, _)| counts[i as usize])
        .expect("learners");
    let list = picker_options(
        &store,
        PickerKind::Learner,
        "",
        &counts,
        &[quiet_id.to_owned()],
        60,
    );
    assert_eq!(list.found, store.learners().count());
    assert_eq!(list.options.len(), 60);
    assert_eq!(list.options[0].id, quiet_id);
    assert!(list.options[0].selected);
    assert_eq!(list.options[0].count, counts[quiet as usize]);
    assert_eq!(
        list.options[0].label,
        store.name_of_learner(quiet).expect("named")
    );
    for pair in list.options[1..].windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(!a.selected && !b.selected);
        assert!(
            a.count > b.count || (a.count == b.count && a.label <= b.label),
            "{a:?} before {b:?}"
        );
    }
    let most = counts.iter().max().copied().unwrap_or(0);
    assert_eq!(
        list.options[1].count, most,
        "the busiest learner right after the chosen one"
    );
}

#[test]
fn an_accented_name_is_found_without_its_accents_and_by_its_id() {
    let (store, _) = store_with_names(3_000);
    let counts = store
        .query(&Filter::default(), Default::default())
        .facets
        .learners;
    let (index, id, name) = store
        .learners()
        .find_map(|(i, id)| {
            store
                .name_of_learner(i)
                .filter(|n| fold(n) != n.to_lowercase())
                .map(|n| (i, id, n))
        })
        .expect("an accented name");
    let plain = fold(name);
    for needle in [plain, fold(&id[..8])] {
        let list = picker_options(&store, PickerKind::Learner, &needle, &counts, &[], usize::MAX);
        assert!(
            list.options
                .iter()
                .any(|o| o.id == id && o.label == name && o.count == counts[index as usize]),
            "{needle:?} finds {name}"
        );
        assert_eq!(list.found, list.options.len());
    }
}

#[test]
fn departments_keep_the_tree_order_with_the_chosen_first_and_paths_when_searching() {
    let (store, _) = store_with_names(3_000);
    let counts = store
        .query(&Filter::default(), Default::default())
        .facets
        .departments;
    let tree = store.departments().options();
    assert!(tree.len() > 3, "the generator draws a tree");
    let last = tree.last().expect("departments");
    let list = picker_options(
        &store,
        PickerKind::Department,
        "",
        &counts,
        &[last.id.to_string()],
        usize::MAX,
    );
    assert_eq!(list.found, tree.len());
    assert_eq!(list.options[0].id, &*last.id);
    assert!(list.options[0].selected);
    let rest: Vec<&str> = list.options[1..].iter().map(|o| o.id.as_str()).collect();
    let in_tree: Vec<&str> = tree[..tree.len() - 1].iter().map(|d| &*d.id).collect();
    assert_eq!(rest, in_tree, "the others in tree order");
    for (option, department) in list.options[1..].iter().zip(&tree) {
        assert_eq!(option.label, &*department.name);
        assert_eq!(option.depth, department.depth);
        assert_eq!(option.count, counts[department.index as usize]);
        assert_eq!(option.hint, format!("{}\n{}", department.path, department.id));
    }

    let needle = fold(&tree[1].name);
    let found = picker_options(&store, PickerKind::Department, &needle, &counts, &[], 2);
    let matching: Vec<_> = tree.iter().filter(|d| fold(&d.path).contains(&needle)).collect();
    assert_eq!(found.found, matching.len());
    assert_eq!(found.options.len(), matching.len().min(2));
    for (option, department) in found.options.iter().zip(matching) {
        assert_eq!(option.label, department.path, "a search shows whole paths");
        assert_eq!(option.depth, 0);
    }
}

#[test]
fn a_learner_is_found_by_e_mail_login_and_department_as_the_search_box_finds_them() {
    let (store, data) = store_with_names(3_000);
    let counts = store
        .query(&Filter::default(), Default::default())
        .facets
        .learners;
    let (index, id) = store.learners().nth(11).expect("learners");
    let learner = data.learners.iter().find(|l| l.id == id).expect("in the account");
    let department = &data.departments[learner.department];
    let path = store
        .departments()
        .path_of(&department.id)
        .expect("a known department");
    for text in [&learner.email, &learner.login, &path] {
        let list = picker_options(&store, PickerKind::Learner, &fold(text), &counts, &[], usize::MAX);
        let option = list.options.iter().find(|o| o.id == id);
        assert_eq!(
            option.map(|o| o.label.as_str()),
            store.name_of_learner(index),
            "{text:?} finds the learner, listed by name"
        );
        let by_search = store.query(
            &Filter {
                text: text.to_string(),
                ..Filter::default()
            },
            Default::default(),
        );
        assert!(
            by_search
                .rows_in(0, usize::MAX)
                .iter()
                .any(|&r| store.learner_id(r) == id),
            "the search box finds the same learner's enrollments for {text:?}"
        );
    }
}
