//! Browser tests (headless Chromium and Firefox) of names, titles, departments and progress
//! resolved against the mock LMS (300 enrollments, 30 learners, 12 courses).

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use enrollment_cards::api::{AccessToken, ClientConfig};
use enrollment_cards::components::view::WidgetParts;
use enrollment_cards::components::{EnrollmentCards, ListSource, ViewEvents};
use enrollment_cards::enrich::{EnrichParts, EnrichmentStatus, PartStatus};
use enrollment_cards::reactive::{Tracked, Writable};
use enrollment_cards::StatusRules;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use time::macros::date;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod browser;
use browser::{until, ENROLLMENTS, MOCK};

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Default)]
struct Reports {
    status: RefCell<Option<EnrichmentStatus>>,
    parts: RefCell<Option<WidgetParts>>,
    errors: RefCell<usize>,
}

/// Mounts a widget on `endpoint` (widgets on one page with the same endpoint share what they
/// resolved, so tests that must ask for themselves use an endpoint of their own).
fn mount_on(endpoint: &str, token: &str, enrich: EnrichParts) -> (web_sys::HtmlElement, Rc<Reports>) {
    mount_with(endpoint, token, |source| source.enrich = enrich)
}

/// [`mount_on`], with the source adjusted by `adjust`.
fn mount_with(
    endpoint: &str,
    token: &str,
    adjust: impl FnOnce(&mut ListSource),
) -> (web_sys::HtmlElement, Rc<Reports>) {
    browser::add_stylesheet();
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    let root: web_sys::HtmlElement = document.create_element("div").expect("div").unchecked_into();
    root.style().set_property("width", "1000px").expect("width");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let reports = Rc::new(Reports::default());
    let shared = SendWrapper::new(reports.clone());
    let mut source = ListSource {
        page_size: Some(100),
        ..ListSource::new(
            ClientConfig::new(endpoint, AccessToken::new(token).expect("token")),
            StatusRules::new(date!(2026 - 11 - 26)),
        )
    };
    adjust(&mut source);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let (a, b, c) = (shared.clone(), shared.clone(), shared.clone());
        let events = ViewEvents {
            enrichment: Some(Callback::new(move |s| {
                a.status.replace(Some(s));
            })),
            ready: Some(Callback::new(move |p| {
                b.parts.replace(Some(p));
            })),
            error: Some(Callback::new(move |_| *c.errors.borrow_mut() += 1)),
            ..ViewEvents::default()
        };
        view! { <EnrollmentCards source events /> }
    });
    handle.forget();
    (root, reports)
}

fn mount(token: &str, enrich: EnrichParts) -> (web_sys::HtmlElement, Rc<Reports>) {
    mount_on(MOCK, token, enrich)
}

/// Whether `root` holds an element matching `selector`.
fn present(root: &web_sys::HtmlElement, selector: &str) -> bool {
    root.query_selector(selector).ok().flatten().is_some()
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i)?.text_content())
        .collect()
}

/// The URLs fetched that start with `prefix`, since the resource timings were cleared.
fn fetched(prefix: &str) -> Vec<String> {
    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .expect("performance");
    performance
        .get_entries_by_type("resource")
        .iter()
        .filter_map(|e| e.dyn_into::<web_sys::PerformanceEntry>().ok())
        .map(|e| e.name())
        .filter(|url| url.starts_with(prefix))
        .collect()
}

/// The values of `key` in `url`'s query.
fn params(url: &str, key: &str) -> Vec<String> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
        .collect()
}

#[wasm_bindgen_test]
async fn lookups_go_by_batch_never_ask_twice_and_list_when_cheaper() {
    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .expect("performance");
    performance.clear_resource_timings();
    performance.set_resource_timing_buffer_size(10_000);
    let settled = |r: &Rc<Reports>| r.status.borrow().is_some_and(|s| s.users != PartStatus::Pending);

    // A whole account needs every learner: with 5 IDs per request its 30 learners would take
    // 6 requests and its 12 courses 3, one listing page takes each.
    let listing = format!("{MOCK}/_fault/id=listing");
    let (_, whole) = mount_with(&listing, "demo-token", |s| s.lookup_batch = 5);
    assert!(until(10_000, || settled(&whole)).await);
    for (path, param) in [("users/v2", "userIds[]"), ("contents", "contentItemIds[]")] {
        let sent = fetched(&format!("{listing}/{path}"));
        assert_eq!(sent.len(), 1, "{sent:?}");
        assert!(params(&sent[0], param).is_empty(), "a listing: {}", sent[0]);
    }
    let status = whole.status.borrow().expect("status");
    assert_eq!([status.users, status.courses], [PartStatus::Complete; 2]);

    // Two courses' enrollments need a few of the learners: by ID, 5 at most per request, each
    // learner asked for once.
    let state = whole.parts.borrow().as_ref().expect("ready").state;
    let (courses, learners) = state
        .with_store(|s| {
            let courses: Vec<String> = s.courses().take(2).map(|(_, id)| id.to_owned()).collect();
            let learners: HashSet<String> = (0..s.len() as u32)
                .filter(|&r| courses.iter().any(|c| c == s.course_id(r)))
                .map(|r| s.learner_id(r).to_owned())
                .collect();
            (courses, learners)
        })
        .expect("store");
    assert!(learners.len() > 10, "{} learners", learners.len());
    let batching = format!("{MOCK}/_fault/id=batching");
    let two_courses = |s: &mut ListSource| {
        s.lookup_batch = 5;
        s.query.course_ids = courses.clone();
    };
    let (root, first) = mount_with(&batching, "demo-token", two_courses);
    assert!(until(10_000, || settled(&first)).await);
    let users = fetched(&format!("{batching}/users/v2"));
    let mut asked = Vec::new();
    for url in &users {
        let ids = params(url, "userIds[]");
        assert!((1..=5).contains(&ids.len()), "{} IDs in {url}", ids.len());
        asked.extend(ids);
    }
    assert_eq!(asked.len(), learners.len(), "no learner asked for twice");
    assert_eq!(asked.into_iter().collect::<HashSet<_>>(), learners);
    let contents = fetched(&format!("{batching}/contents"));
    assert_eq!(contents.len(), 1, "{contents:?}");
    assert_eq!(params(&contents[0], "contentItemIds[]").len(), 2);
    assert!(
        until(2_000, || texts(&root, "[data-ec=learner]")
            .iter()
            .all(|n| n.len() < 36))
        .await
    );

    // Another widget on the page with the same endpoint finds them all in the shared cache.
    let (_, second) = mount_with(&batching, "demo-token", two_courses);
    assert!(until(10_000, || settled(&second)).await);
    assert_eq!(fetched(&format!("{batching}/users/v2")).len(), users.len());
    assert_eq!(fetched(&format!("{batching}/contents")).len(), 1);
    let status = second.status.borrow().expect("status");
    assert_eq!([status.users, status.courses], [PartStatus::Complete; 2]);
}

#[wasm_bindgen_test]
async fn cards_lead_with_titles_and_names_once_resolved() {
    let (root, reports) = mount("demo-token", EnrichParts::ALL);
    assert!(
        until(10_000, || reports.status.borrow().is_some()).await,
        "enrichment settled"
    );
    let status = reports.status.borrow().expect("status");
    assert_eq!(
        [status.users, status.courses, status.results, status.departments],
        [PartStatus::Complete; 4]
    );
    let state = reports.parts.borrow().as_ref().expect("ready").state;
    assert_eq!(state.with_store(|s| s.len()), Some(ENROLLMENTS));
    assert_eq!(state.with_store(|s| s.people_known()), Some((30, 30)));
    assert!(
        until(2_000, || texts(&root, "[data-ec=learner]")
            .iter()
            .all(|n| n.len() < 36))
        .await
    );
    let names = texts(&root, "[data-ec=learner]");
    assert!(
        !names.is_empty() && names.iter().all(|n| !n.contains('-') || n.contains(' ')),
        "{names:?}"
    );
    // Every learner is known: no name is styled as an ID any more.
    assert!(!present(&root, "[data-ec=learner].ec-card__by-id"));
    let titles = texts(&root, "[data-ec=course]");
    assert!(
        titles
            .iter()
            .any(|t| t.chars().any(char::is_alphabetic) && t.len() < 36),
        "{titles:?}"
    );
    assert!(
        root.query_selector(".ec-progress-bar").ok().flatten().is_some(),
        "progress shown"
    );
    // Requests: 3 enrollment pages, a batch of people and titles per page at most, one page of
    // results and one of departments; never an ID twice.
    let sent = reports
        .parts
        .borrow()
        .as_ref()
        .expect("ready")
        .loader
        .requests_sent();
    assert!(sent <= 3 + 3 + 3 + 1 + 1, "{sent} requests");
}

#[wasm_bindgen_test]
async fn a_token_that_may_only_list_enrollments_keeps_working_with_ids() {
    let endpoint = format!("{MOCK}/lms-api");
    let (root, reports) = mount_on(&endpoint, "enrollments-only-token", EnrichParts::ALL);
    assert!(until(10_000, || reports.status.borrow().is_some()).await);
    let status = reports.status.borrow().expect("status");
    assert_eq!(
        [status.users, status.courses, status.results, status.departments],
        [PartStatus::Forbidden; 4]
    );
    assert_eq!(*reports.errors.borrow(), 0, "no enrollments-error for that");
    let notice = root
        .query_selector("[data-ec=enrichment]")
        .ok()
        .flatten()
        .expect("a quiet notice");
    assert!(notice.text_content().unwrap_or_default().contains("403"));
    let names = texts(&root, "[data-ec=learner]");
    assert!(
        !names.is_empty() && names.iter().all(|n| n.len() == 36),
        "IDs stay: {names:?}"
    );
    // Shown as IDs (muted, monospace), never styled as a name or a title.
    for field in ["learner", "course"] {
        let all = root
            .query_selector_all(&format!("[data-ec={field}]"))
            .expect("cards");
        let by_id = root
            .query_selector_all(&format!("[data-ec={field}].ec-card__by-id"))
            .expect("cards");
        assert!(all.length() > 0 && by_id.length() == all.length(), "{field}");
    }
}

#[wasm_bindgen_test]
async fn enrich_none_asks_for_nothing_but_enrollments() {
    let (root, reports) = mount("demo-token", EnrichParts::NONE);
    assert!(
        until(5_000, || root
            .query_selector("[data-ec=count]")
            .ok()
            .flatten()
            .and_then(|c| c.get_attribute("data-total"))
            .as_deref()
            == Some("300"))
        .await
    );
    let parts = reports.parts.borrow().clone().expect("ready");
    assert!(
        until(3_000, || parts.state.load.get_untracked()
            == enrollment_cards::components::LoadState::Done)
        .await
    );
    assert_eq!(parts.loader.requests_sent(), 3, "the three enrollment pages only");
    assert!(reports.status.borrow().is_none());
}

#[wasm_bindgen_test]
async fn search_finds_learners_by_name_without_accents() {
    let (root, reports) = mount("demo-token", EnrichParts::ALL);
    assert!(until(10_000, || reports.status.borrow().is_some()).await);
    let state = reports.parts.borrow().as_ref().expect("ready").state;
    state.filter.update(|f| f.text = "nunez".into());
    assert!(
        until(2_000, || {
            let shown = root
                .query_selector("[data-ec=count]")
                .ok()
                .flatten()
                .and_then(|c| c.get_attribute("data-shown"));
            shown.as_deref().is_some_and(|n| n != "0" && n != "300")
        })
        .await
    );
    let names = texts(&root, "[data-ec=learner]");
    assert!(
        !names.is_empty() && names.iter().all(|n| n.contains("Núñez")),
        "{names:?}"
    );
}

#[wasm_bindgen_test]
async fn each_resource_a_token_may_not_read_falls_back_alone() {
    let cases = [
        (
            "no-users-token",
            [
                PartStatus::Forbidden,
                PartStatus::Complete,
                PartStatus::Complete,
                PartStatus::Complete,
            ],
        ),
        (
            "no-contents-token",
            [
                PartStatus::Complete,
                PartStatus::Forbidden,
                PartStatus::Complete,
                PartStatus::Complete,
            ],
        ),
        (
            "no-results-token",
            [
                PartStatus::Complete,
                PartStatus::Complete,
                PartStatus::Forbidden,
                PartStatus::Complete,
            ],
        ),
        (
            "no-departments-token",
            [
                PartStatus::Complete,
                PartStatus::Complete,
                PartStatus::Complete,
                PartStatus::Forbidden,
            ],
        ),
    ];
    for (token, expected) in cases {
        // An endpoint of its own (a no-op fault prefix), so nothing comes from another widget.
        let endpoint = format!("{MOCK}/_fault/id={token}");
        let (root, reports) = mount_on(&endpoint, token, EnrichParts::ALL);
        assert!(
            until(10_000, || reports.status.borrow().is_some()).await,
            "{token}"
        );
        let status = reports.status.borrow().expect("status");
        assert_eq!(
            [status.users, status.courses, status.results, status.departments],
            expected,
            "{token}"
        );
        assert_eq!(*reports.errors.borrow(), 0, "{token}: no enrollments-error");
        let notice = root
            .query_selector("[data-ec=enrichment]")
            .ok()
            .flatten()
            .expect("notice");
        assert!(
            notice.text_content().unwrap_or_default().contains("403"),
            "{token}"
        );
        // What could not come gives up the place it held.
        assert_eq!(
            present(&root, "[data-ec=completion-chip]"),
            token != "no-results-token",
            "{token}: completion chips"
        );
        assert_eq!(
            present(&root, "[data-ec=department-picker]"),
            token != "no-departments-token",
            "{token}: department picker"
        );
    }
}

/// Whether every completion chip in `root` is disabled (`None`: there are none).
fn completion_chips_disabled(root: &web_sys::HtmlElement) -> Option<bool> {
    let chips = root
        .query_selector_all("[data-ec=completion-chip]")
        .expect("chips");
    (chips.length() > 0).then(|| {
        (0..chips.length())
            .filter_map(|i| chips.item(i)?.dyn_into::<web_sys::Element>().ok())
            .all(|c| c.has_attribute("disabled"))
    })
}

#[wasm_bindgen_test]
async fn completion_chips_and_the_department_picker_hold_their_place_until_their_data_comes() {
    // Every answer 600 ms late: the one page of enrollments is in while results and
    // departments are still on their way.
    let endpoint = format!("{MOCK}/_fault/latency=600,id=hold-place");
    let (root, reports) = mount_with(&endpoint, "demo-token", |s| s.page_size = Some(1000));
    let loaded = || {
        root.query_selector("[data-ec=count]")
            .ok()
            .flatten()
            .and_then(|c| c.get_attribute("data-total"))
            == Some(ENROLLMENTS.to_string())
    };
    let cards_top = || {
        root.query_selector(".ec-window")
            .ok()
            .flatten()
            .map(|w| w.get_bounding_client_rect().top())
            .unwrap_or(0.0)
    };
    assert!(until(5_000, loaded).await, "every enrollment in");
    assert!(
        reports.status.borrow().is_none(),
        "results and departments still on their way"
    );
    assert_eq!(
        completion_chips_disabled(&root),
        Some(true),
        "completion chips hold their place, with nothing to filter by yet"
    );
    assert!(
        present(&root, "[data-ec=department-picker]"),
        "the department picker holds its place"
    );
    let before = cards_top();
    assert!(before > 0.0, "{before}");
    assert!(
        until(10_000, || reports.status.borrow().is_some()).await,
        "settled"
    );
    let status = reports.status.borrow().expect("status");
    assert_eq!(
        (status.results, status.departments),
        (PartStatus::Complete, PartStatus::Complete)
    );
    gloo_timers::future::TimeoutFuture::new(50).await;
    assert_eq!(
        completion_chips_disabled(&root),
        Some(false),
        "results known: chips work"
    );
    assert!(present(&root, "[data-ec=department-picker]"));
    // Counts growing wider may re-wrap a row by a few pixels in some widths and fonts; a group
    // or picker coming in late moves the cards by a whole row (more than 30 px).
    let moved = (cards_top() - before).abs();
    assert!(moved < 20.0, "the cards moved {moved} px when the data came");
}

#[wasm_bindgen_test]
async fn a_failed_load_holds_no_place_for_what_will_not_come() {
    // Results and departments are asked for once every page is in: after a failed load (a 500
    // on the first page, not retried) they will not come, and nothing waits for them.
    let endpoint = format!("{MOCK}/_fault/page=1,status=500,id=no-place");
    let (root, _) = mount_with(&endpoint, "demo-token", |s| s.page_size = Some(1000));
    assert!(
        until(5_000, || present(&root, "[data-ec=error]")).await,
        "the error panel"
    );
    assert!(
        until(2_000, || present(&root, "[data-ec=search]")).await,
        "the filter bar"
    );
    assert_eq!(completion_chips_disabled(&root), None, "no completion chips");
    assert!(
        !present(&root, "[data-ec=department-picker]"),
        "no department picker"
    );
}

#[wasm_bindgen_test]
async fn cards_shown_before_a_first_page_failed_halfway_get_their_names() {
    // The first page's XML cut in half (that one answer: the related listings' first pages come
    // whole): its first 100 enrollments are shown beside the error, and they are named like any
    // page's.
    let endpoint = format!("{MOCK}/_fault/page=1,body=truncated,times=1,id=named-anyway");
    let (root, reports) = mount_with(&endpoint, "demo-token", |s| s.page_size = Some(250));
    assert!(until(5_000, || *reports.errors.borrow() > 0).await, "the error");
    let is_uuid = |text: &str| text.len() == 36 && text.matches('-').count() == 4;
    let named = || {
        let names = texts(&root, "[data-ec=learner]");
        !names.is_empty() && names.iter().all(|n| !is_uuid(n.trim()))
    };
    assert!(
        until(5_000, named).await,
        "{:?}",
        texts(&root, "[data-ec=learner]")
    );
    let state = reports.parts.borrow().as_ref().expect("ready").state;
    assert_eq!(state.with_store(|s| s.len()), Some(100));
    let everyone_named = || {
        state
            .with_store(|s| s.people_known())
            .is_some_and(|(known, total)| total > 0 && known == total)
    };
    assert!(
        until(5_000, everyone_named).await,
        "every learner of the 100 named"
    );
}

#[wasm_bindgen_test]
async fn names_arriving_keep_the_scroll_position_and_the_focused_card() {
    // Everything is slowed down a little, so the cards are on screen before the names come.
    let endpoint = format!("{MOCK}/_fault/latency=150,id=scroll");
    let (root, reports) = mount_on(&endpoint, "demo-token", EnrichParts::ALL);
    let window = || -> Option<web_sys::HtmlElement> {
        root.query_selector(".ec-window")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into().ok())
    };
    // The first page is in and the grid has its three columns (34 rows, not 100).
    // The stylesheet's default row: a 300 px card and a 12 px gap (14 px font).
    let row = 312;
    let settled =
        || window().is_some_and(|w| w.scroll_height() > 10 * row && w.scroll_height() < 100 * row / 2);
    assert!(until(5_000, settled).await, "grid laid out");
    let list = window().expect("window");
    // Card 30 starts the eleventh row.
    let scrolled = 10 * row - 100;
    list.set_scroll_top(scrolled);
    let card = || -> Option<web_sys::HtmlElement> {
        root.query_selector("[data-index='30']")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into().ok())
    };
    assert!(
        until(2_000, || card().is_some()).await,
        "card 30 rendered at {scrolled} px"
    );
    let focused = card().expect("card");
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    focused.focus_with_options(&options).expect("focus");
    let learner = |c: &web_sys::HtmlElement| {
        c.query_selector("[data-ec=learner]")
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
    };
    let before = learner(&focused);
    assert!(
        before.as_ref().is_some_and(|n| n.len() == 36),
        "still an ID: {before:?}"
    );
    assert!(until(10_000, || reports.status.borrow().is_some()).await);
    assert!(
        until(2_000, || learner(&focused).is_some_and(|n| n.len() < 36)).await,
        "the name arrived in the same card element: {:?}",
        learner(&focused)
    );
    assert_eq!(list.scroll_top(), scrolled, "the scroll position stayed");
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    let active = document.active_element().expect("focus");
    assert!(
        active.is_same_node(Some(&focused)),
        "the focused card is the same element"
    );
}

#[wasm_bindgen_test]
async fn pickers_list_names_and_a_department_takes_its_sub_departments() {
    let (root, reports) = mount("demo-token", EnrichParts::ALL);
    let settled = || {
        reports
            .status
            .borrow()
            .is_some_and(|s| s.departments == PartStatus::Complete && s.users == PartStatus::Complete)
    };
    assert!(until(10_000, settled).await, "enrichment settled");
    let state = reports.parts.borrow().as_ref().expect("ready").state;
    let find = |selector: &str| -> web_sys::HtmlElement {
        root.query_selector(selector)
            .ok()
            .flatten()
            .expect(selector)
            .unchecked_into()
    };
    let options = |picker: &str| {
        let list = root
            .query_selector_all(&format!("[data-ec={picker}] .ec-picker__option"))
            .expect("options");
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
            .collect::<Vec<_>>()
    };

    // Learners by name, the ID on hover.
    find("[data-ec=learner-picker] summary").click();
    assert!(until(2_000, || options("learner-picker").len() == 30).await);
    for option in options("learner-picker") {
        let name = texts(&option, ".ec-picker__label").concat();
        let id = option.get_attribute("title").unwrap_or_default();
        assert!(id.len() == 36 && name != id && !name.is_empty(), "{name} / {id}");
    }
    find("[data-ec=learner-picker] summary").click();

    // Departments in tree order; a top-level one counts and selects those below it.
    find("[data-ec=department-picker] summary").click();
    assert!(until(2_000, || !options("department-picker").is_empty()).await);
    let listed = options("department-picker");
    let depth = |o: &web_sys::HtmlElement| o.get_attribute("data-depth").unwrap_or_default();
    assert!(listed.iter().any(|o| depth(o) == "2"), "three levels");
    let option = listed
        .iter()
        .find(|o| depth(o) == "0")
        .expect("a top-level department");
    let name = texts(option, ".ec-picker__label").concat();
    let count: usize = texts(option, ".ec-chip__count")
        .concat()
        .replace(',', "")
        .parse()
        .expect("a count");
    let expected = state
        .with_store(|s| {
            (0..s.len() as u32)
                .filter(|&r| {
                    s.department_path(r)
                        .is_some_and(|p| p == name || p.starts_with(&format!("{name} / ")))
                })
                .count()
        })
        .expect("store");
    assert!(expected > 0 && expected < ENROLLMENTS, "{name}: {expected}");
    assert_eq!(count, expected, "{name}");
    option
        .query_selector("input[type=checkbox]")
        .ok()
        .flatten()
        .expect("checkbox")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    let shown = || find("[data-ec=count]").get_attribute("data-shown");
    assert!(
        until(2_000, || shown() == Some(expected.to_string())).await,
        "{:?} shown, {expected} expected",
        shown()
    );
    let chips = texts(&root, ".ec-active__chip").concat();
    assert!(chips.contains(&format!("Department {name}")), "{chips}");
}
