//! Browser tests of the cards view on fixture data: cards, the live count, search, chips,
//! clearing, the empty / no-match / error panels, windowing at 20,000, keyboard focus, Russian
//! words, the field picker, selection and the folded filter bar of a narrow host.

#![cfg(target_arch = "wasm32")]

use enrollment_cards::api::ApiError;
use enrollment_cards::components::{CardsState, CardsView, LoadState};
use enrollment_cards::reactive::Writable;
use enrollment_cards::{
    Certificate, DateRange, Enrollment, EnrollmentStore, EnrollmentType, Filter, Sort, SortKey, Status,
    StatusRules,
};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use time::macros::{date, datetime};
use time::{Date, Duration};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod browser;
use browser::until;

wasm_bindgen_test_configure!(run_in_browser);

const TODAY: Date = date!(2026 - 11 - 26);

/// A deterministic UUID-shaped ID.
fn uuid(kind: u32, n: u32) -> String {
    let h = (u64::from(n) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from(kind) << 56;
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        (h >> 32) as u32,
        (h >> 16) as u16,
        n % 4096,
        kind,
        h & 0xFFFF_FFFF_FFFF
    )
}

/// `n` enrollments cycling through overdue, due soon, locked, upcoming, certified and expired.
fn fixture(n: u32) -> Vec<Enrollment> {
    let day = |d: i64| TODAY + Duration::days(d);
    (0..n)
        .map(|i| {
            let mut e = Enrollment {
                enrollment_id: uuid(1, i),
                course_id: uuid(2, i % 12),
                learner_id: uuid(3, i / 12),
                access_date: day(-30),
                due_date: None,
                expiration_date: None,
                should_lock_after_due_date: false,
                enrollment_type: if i % 4 == 0 {
                    EnrollmentType::FromCatalog
                } else {
                    EnrollmentType::AssignedByAdmin
                },
                certificate: None,
            };
            match i % 6 {
                0 => e.due_date = Some(day(-5)),
                1 => e.due_date = Some(day(3)),
                2 => {
                    e.due_date = Some(day(-5));
                    e.should_lock_after_due_date = true;
                    e.expiration_date = Some(day(-5));
                }
                3 => e.access_date = day(10),
                4 => {
                    e.certificate = Some(Certificate {
                        id: uuid(4, i),
                        issued_at: Some(datetime!(2026-10-01 09:30:00 UTC)),
                        expires_at: Some(datetime!(2027-10-01 09:30:00 UTC)),
                    })
                }
                _ => {
                    e.certificate = Some(Certificate {
                        id: uuid(4, i),
                        issued_at: Some(datetime!(2025-01-10 12:00:00 UTC)),
                        expires_at: Some(datetime!(2026-01-10 12:00:00 UTC)),
                    })
                }
            }
            e
        })
        .collect()
}

/// How many fixture rows `filter` matches (computed by the core, independently of the DOM).
fn expected(list: &[Enrollment], filter: &Filter) -> usize {
    let mut store = EnrollmentStore::new(StatusRules::new(TODAY));
    store.append(list.to_vec());
    store.query(filter, Sort::default()).len()
}

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("document")
}

/// A 1000 px wide container with the widget's stylesheet.
fn container() -> web_sys::HtmlElement {
    container_of(1000)
}

/// A `width` px wide container with the widget's stylesheet.
fn container_of(width: u32) -> web_sys::HtmlElement {
    styled_container(&format!("width: {width}px; --ec-list-height: 600px"))
}

/// A container with inline `style` and the widget's stylesheet.
fn styled_container(style: &str) -> web_sys::HtmlElement {
    let doc = document();
    browser::add_stylesheet();
    let div = doc.create_element("div").expect("div");
    div.set_attribute("style", style).expect("style");
    doc.body().expect("body").append_child(&div).expect("append");
    div.unchecked_into()
}

/// Mounts the view over `list` (fully loaded unless `load` says otherwise).
fn mount(list: Vec<Enrollment>, load: LoadState, retries: &'static AtomicU32) -> web_sys::HtmlElement {
    mount_in(container(), "en-US", list, load, retries)
}

/// Mounts the view over `list` into `root`, worded for `locale`.
fn mount_in(
    root: web_sys::HtmlElement,
    locale: &'static str,
    list: Vec<Enrollment>,
    load: LoadState,
    retries: &'static AtomicU32,
) -> web_sys::HtmlElement {
    let target = root.clone();
    leptos::mount::mount_to(target, move || {
        let state = CardsState::new(StatusRules::new(TODAY), Some(locale));
        state.append(list);
        state.load.set(load);
        let retry = Callback::new(move |()| {
            retries.fetch_add(1, Ordering::SeqCst);
        });
        view! { <CardsView state retry /> }
    })
    .forget();
    root
}

fn query(root: &web_sys::HtmlElement, selector: &str) -> Option<web_sys::HtmlElement> {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

fn count_of(root: &web_sys::HtmlElement, selector: &str) -> u32 {
    root.query_selector_all(selector).map(|l| l.length()).unwrap_or(0)
}

/// Waits until the window has measured the stylesheet's grid: its row pitch is `row` px.
async fn laid_out(root: &web_sys::HtmlElement, row: u32) -> bool {
    let pitch = || query(root, ".ec-window").and_then(|w| w.get_attribute("data-row"));
    until(2_000, || pitch() == Some(row.to_string())).await
}

fn shown(root: &web_sys::HtmlElement) -> Option<String> {
    query(root, "[data-ec=count]").and_then(|c| c.get_attribute("data-shown"))
}

fn type_into(input: &web_sys::HtmlElement, text: &str) {
    let input: web_sys::HtmlInputElement = input.clone().unchecked_into();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).expect("event");
    input.dispatch_event(&event).expect("dispatch");
}

static NO_RETRY: AtomicU32 = AtomicU32::new(0);

#[wasm_bindgen_test]
async fn cards_and_count_show_the_data() {
    let list = fixture(60);
    let root = mount(list.clone(), LoadState::Done, &NO_RETRY);
    assert!(until(2_000, || count_of(&root, "[data-enrollment-id]") > 0).await);
    let count = query(&root, "[data-ec=count]").expect("count");
    assert_eq!(count.text_content().as_deref(), Some("60 of 60 enrollments"));
    assert_eq!(count.get_attribute("data-total").as_deref(), Some("60"));
    let first = query(&root, "[data-enrollment-id]").expect("card");
    assert_eq!(
        first.get_attribute("data-enrollment-id"),
        Some(list[0].enrollment_id.clone())
    );
    let text = first.text_content().unwrap_or_default();
    // Without names and titles yet, the course and learner IDs lead the card.
    let course = query(&first, "[data-ec=course]").and_then(|e| e.text_content());
    assert_eq!(course.as_deref(), Some(list[0].course_id.as_str()));
    let learner = query(&first, "[data-ec=learner]").and_then(|e| e.text_content());
    assert_eq!(learner.as_deref(), Some(list[0].learner_id.as_str()));
    for expected in [
        "Overdue",
        "Access",
        "Due",
        "overdue by 5 days",
        "Nov 21, 2026",
        "Added from the catalog",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in {text}");
    }
    assert!(until(2_000, || query(&root, "[data-index='4']").is_some()).await);
    let certified = query(&root, "[data-index='4']")
        .expect("fifth card")
        .text_content()
        .unwrap_or_default();
    assert!(
        certified.contains("Certificate valid") && certified.contains("expires Oct 1, 2027"),
        "{certified}"
    );
}

#[wasm_bindgen_test]
async fn typing_in_search_updates_count_and_cards() {
    let list = fixture(120);
    let root = mount(list.clone(), LoadState::Done, &NO_RETRY);
    let search = query(&root, "[data-ec=search]").expect("search box");
    let needle = list[7].enrollment_id[..6].to_owned();
    type_into(&search, &needle);
    let want = expected(
        &list,
        &Filter {
            text: needle.clone(),
            ..Filter::default()
        },
    );
    assert!(want < 120);
    assert!(
        until(2_000, || shown(&root) == Some(want.to_string())).await,
        "shown {:?}, want {want}",
        shown(&root)
    );
    let ids: Vec<String> = (0..count_of(&root, "[data-enrollment-id]"))
        .filter_map(|i| root.query_selector_all("[data-enrollment-id]").ok()?.item(i))
        .filter_map(|n| {
            n.dyn_into::<web_sys::Element>()
                .ok()?
                .get_attribute("data-enrollment-id")
        })
        .collect();
    assert!(ids.contains(&list[7].enrollment_id));
    // Cleared, everything shows again; uppercase then finds the same rows.
    type_into(&search, "");
    assert!(until(2_000, || shown(&root) == Some("120".into())).await);
    type_into(&search, &needle.to_uppercase());
    assert!(
        until(2_000, || shown(&root) == Some(want.to_string())).await,
        "uppercase: shown {:?}, want {want}",
        shown(&root)
    );
}

#[wasm_bindgen_test]
async fn a_new_result_updates_the_cards_in_place() {
    let list = fixture(120);
    let root = mount(list.clone(), LoadState::Done, &NO_RETRY);
    let first = || query(&root, "article[data-index='0']");
    let card = first().expect("the first card");
    assert_eq!(
        card.get_attribute("data-enrollment-id").as_deref(),
        Some(&*list[0].enrollment_id)
    );
    let status_before = card.get_attribute("data-status");
    let due = |card: &web_sys::HtmlElement| query(card, "[data-field=due] dd").expect("due date");
    let (due_element, due_before) = (due(&card), due(&card).text_content());
    // A search whose first match is another enrollment, of another status.
    let target = &list[7];
    let search = query(&root, "[data-ec=search]").expect("search box");
    type_into(&search, &target.enrollment_id);
    assert!(
        until(2_000, || shown(&root) == Some("1".into())).await,
        "shown {:?}",
        shown(&root)
    );
    let now = first().expect("the first card after the search");
    // The same element, now showing the match: its ID, status, label and fields.
    assert!(now.is_same_node(Some(&card)), "the card element was built again");
    assert_eq!(
        now.get_attribute("data-enrollment-id").as_deref(),
        Some(&*target.enrollment_id)
    );
    assert_ne!(now.get_attribute("data-status"), status_before);
    let text = now.text_content().unwrap_or_default();
    assert!(text.contains(&target.course_id), "{text}");
    assert!(!text.contains(&list[0].enrollment_id), "{text}");
    let label = now.get_attribute("aria-label").unwrap_or_default();
    assert!(label.contains(&target.learner_id), "{label}");
    // A card of the same shape is patched: its field elements stay, with new texts.
    assert!(
        due(&now).is_same_node(Some(&due_element)),
        "the due date was built again"
    );
    assert_ne!(due(&now).text_content(), due_before);
    // Back to everything: the same element shows the first enrollment again, and the others
    // come back around it.
    type_into(&search, "");
    assert!(until(2_000, || shown(&root) == Some("120".into())).await);
    let again = first().expect("the first card again");
    assert!(again.is_same_node(Some(&card)));
    assert_eq!(
        again.get_attribute("data-enrollment-id").as_deref(),
        Some(&*list[0].enrollment_id)
    );
    assert!(count_of(&root, "article[data-enrollment-id]") > 1);
}

#[wasm_bindgen_test]
async fn toggling_a_chip_and_clearing_filters() {
    let list = fixture(120);
    let root = mount(list.clone(), LoadState::Done, &NO_RETRY);
    assert!(
        until(2_000, || query(
            &root,
            "[data-ec=status-chip][data-value=overdue]"
        )
        .is_some())
        .await
    );
    let chip = query(&root, "[data-ec=status-chip][data-value=overdue]").expect("chip");
    assert!(
        chip.text_content().unwrap_or_default().contains("20"),
        "facet count on the chip"
    );
    chip.click();
    let want = expected(&list, &Filter::default().with_status(Status::Overdue));
    assert!(until(2_000, || shown(&root) == Some(want.to_string())).await);
    assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert!(count_of(&root, "[data-enrollment-id]") > 0);
    assert!(
        root.query_selector_all("[data-enrollment-id]")
            .map(|l| l.length())
            .unwrap_or(0) as usize
            <= want
    );
    let active = query(&root, ".ec-active")
        .expect("active chips")
        .text_content()
        .unwrap_or_default();
    assert!(active.contains("Overdue"), "{active}");
    query(&root, "[data-ec=clear]").expect("clear button").click();
    assert!(until(2_000, || shown(&root) == Some("120".into())).await);
    assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert!(query(&root, "[data-ec=clear]").is_none());

    // Two active filters; the second one's × removes it alone.
    chip.click();
    query(&root, "[data-ec=type-chip][data-value=catalog]")
        .expect("type chip")
        .click();
    assert!(until(2_000, || count_of(&root, ".ec-active__chip") == 2).await);
    let remove = root
        .query_selector_all(".ec-active__remove")
        .ok()
        .and_then(|l| l.item(1))
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("second chip's remove button");
    assert!(remove
        .get_attribute("aria-label")
        .unwrap_or_default()
        .contains("catalog"));
    remove.click();
    assert!(until(2_000, || shown(&root) == Some(want.to_string())).await);
    assert_eq!(count_of(&root, ".ec-active__chip"), 1);
    assert!(text(&root, ".ec-active").contains("Overdue"));
}

/// The enrollment ID of the first card `sort` puts first (computed by the core).
fn first_id(list: &[Enrollment], sort: Sort) -> String {
    let mut store = EnrollmentStore::new(StatusRules::new(TODAY));
    store.append(list.to_vec());
    let rows = store.query(&Filter::default(), sort).rows;
    rows.get(0)
        .map(|row| store.enrollment_id(row).to_owned())
        .unwrap_or_default()
}

/// Sets a form control's value as a person would, and sends the `change` event that follows.
fn change_to(control: &web_sys::HtmlElement, value: &str) {
    let _ = js_sys::Reflect::set(control, &"value".into(), &value.into());
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("change", &init).expect("event");
    let _ = control.dispatch_event(&event);
}

#[wasm_bindgen_test]
async fn date_ranges_and_the_sort_order_follow_their_controls() {
    let list = fixture(120);
    let root = mount(list.clone(), LoadState::Done, &NO_RETRY);
    assert!(until(2_000, || query(&root, "[data-ec=due-from]").is_some()).await);
    let from = query(&root, "[data-ec=due-from]").expect("due from");
    change_to(&from, "2026-11-26");
    let filter = Filter {
        due: DateRange {
            from: Some(TODAY),
            to: None,
        },
        ..Default::default()
    };
    let want = expected(&list, &filter);
    assert!(want > 0 && want < 120);
    assert!(until(2_000, || shown(&root) == Some(want.to_string())).await);
    // Clearing the filters empties the input too.
    query(&root, "[data-ec=clear]").expect("clear button").click();
    assert!(until(2_000, || shown(&root) == Some("120".into())).await);
    let value = |input: &web_sys::HtmlElement| {
        js_sys::Reflect::get(input, &"value".into())
            .ok()
            .and_then(|v| v.as_string())
    };
    assert_eq!(value(&from).as_deref(), Some(""));

    let first = |root: &web_sys::HtmlElement| {
        query(root, "article[data-index=\"0\"]").and_then(|a| a.get_attribute("data-enrollment-id"))
    };
    // Latest access first: neither the first card of load order nor the last.
    change_to(&query(&root, "[data-ec=sort]").expect("sort menu"), "access");
    let direction = query(&root, "[data-ec=sort-direction]").expect("direction");
    assert_eq!(direction.get_attribute("aria-pressed").as_deref(), Some("false"));
    direction.click();
    let want = first_id(
        &list,
        Sort {
            key: SortKey::AccessDate,
            descending: true,
        },
    );
    let loaded = |descending| {
        first_id(
            &list,
            Sort {
                key: SortKey::Loaded,
                descending,
            },
        )
    };
    assert!(want != loaded(false) && want != loaded(true), "{want}");
    assert!(until(2_000, || first(&root).as_deref() == Some(&*want)).await);
    assert_eq!(direction.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert!(direction
        .text_content()
        .unwrap_or_default()
        .starts_with("Descending"));
}

#[wasm_bindgen_test]
async fn no_match_empty_and_loading_states() {
    let root = mount(fixture(30), LoadState::Done, &NO_RETRY);
    type_into(&query(&root, "[data-ec=search]").expect("search"), "no-such-id");
    assert!(until(2_000, || query(&root, "[data-ec=no-match]").is_some()).await);
    assert_eq!(shown(&root).as_deref(), Some("0"));
    // The panel's button clears every filter: all 30 back, the panel gone.
    query(&root, "[data-ec=clear-filters]")
        .expect("clear filters")
        .click();
    assert!(until(2_000, || shown(&root) == Some("30".into())).await);
    assert!(query(&root, "[data-ec=no-match]").is_none());

    let empty = mount(Vec::new(), LoadState::Done, &NO_RETRY);
    assert!(until(2_000, || query(&empty, "[data-ec=empty]").is_some()).await);

    let loading = mount(Vec::new(), LoadState::Loading, &NO_RETRY);
    assert!(until(2_000, || count_of(&loading, ".ec-skeleton") > 0).await);
    assert_eq!(count_of(&loading, "[data-enrollment-id]"), 0);
}

static RETRIES: AtomicU32 = AtomicU32::new(0);

#[wasm_bindgen_test]
async fn error_panel_with_retry_and_partial_result() {
    let error = ApiError::from_status(
        403,
        "<response><code>403</code><message>Permission denied</message></response>",
    );
    let root = mount(fixture(24), LoadState::Failed(error), &RETRIES);
    assert!(until(2_000, || query(&root, "[data-ec=error]").is_some()).await);
    let panel = query(&root, "[data-ec=error]").expect("panel");
    assert_eq!(panel.get_attribute("data-status").as_deref(), Some("403"));
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    let text = panel.text_content().unwrap_or_default();
    assert!(
        text.contains("HTTP 403") && text.contains("Your role cannot list enrollments"),
        "{text}"
    );
    assert!(
        query(&root, "[data-ec=partial]").is_some(),
        "says the list is incomplete"
    );
    assert!(count_of(&root, "[data-enrollment-id]") > 0, "keeps what it has");
    query(&root, "[data-ec=retry]").expect("retry").click();
    assert_eq!(RETRIES.load(Ordering::SeqCst), 1);
}

#[wasm_bindgen_test]
async fn twenty_thousand_cards_stay_windowed_and_scroll_to_the_end() {
    let list = fixture(20_000);
    let last = list[19_999].enrollment_id.clone();
    let root = mount(list, LoadState::Done, &NO_RETRY);
    assert!(until(3_000, || count_of(&root, "[data-enrollment-id]") > 0).await);
    let bounded = count_of(&root, "[data-enrollment-id]");
    assert!(bounded < 200, "{bounded} cards in the DOM");
    let window = query(&root, ".ec-window").expect("window");
    // The first rendered card's position: it moves with every scroll step once the window has
    // re-rendered (so the bound below is checked on the new window, not the old one).
    let first_index = || {
        query(&root, "[data-index]")
            .and_then(|c| c.get_attribute("data-index"))
            .and_then(|i| i.parse::<usize>().ok())
    };
    // Until the container's width is measured the grid has one column (20,000 rows).
    assert!(
        until(2_000, || window.scroll_height() < 20_000 * 268 / 2).await,
        "the grid takes its columns"
    );
    let mut previous = first_index();
    for step in 1..=4 {
        window.set_scroll_top(window.scroll_height() * step / 4);
        assert!(
            until(2_000, || first_index().is_some_and(|i| Some(i) > previous)).await,
            "the window moved at step {step}: {:?} after {previous:?}, scroll {} of {}",
            first_index(),
            window.scroll_top(),
            window.scroll_height()
        );
        previous = first_index();
        let cards = count_of(&root, "[data-enrollment-id]");
        assert!(
            cards > 0 && cards < 200,
            "{cards} cards in the DOM while scrolling"
        );
    }
    let selector = format!("[data-enrollment-id='{last}']");
    assert!(
        until(2_000, || query(&root, &selector).is_some()).await,
        "the last card is shown at the end"
    );
}

#[wasm_bindgen_test]
async fn one_column_of_eighty_thousand_cards_scrolls_to_its_last_card() {
    // 80,000 rows of 268 px: 21 million px, past Firefox's largest element height.
    let list = fixture(80_000);
    let last = list[79_999].enrollment_id.clone();
    let root = mount(list, LoadState::Done, &NO_RETRY);
    root.style().set_property("width", "320px").expect("width");
    assert!(until(3_000, || count_of(&root, "[data-enrollment-id]") > 0).await);
    assert!(
        laid_out(&root, 312).await,
        "the stylesheet's row: 300 px cards, 12 px gaps"
    );
    let window = query(&root, ".ec-window").expect("window");
    let spacer = query(&root, ".ec-window__spacer").expect("spacer");
    assert!(
        spacer.offset_height() <= 8_000_000,
        "spacer {} px",
        spacer.offset_height()
    );
    window.set_scroll_top(window.scroll_height());
    let selector = format!("[data-enrollment-id='{last}']");
    assert!(
        until(2_000, || query(&root, &selector).is_some()).await,
        "the last card is rendered at the end"
    );
    TimeoutFuture::new(50).await;
    let card = query(&root, &selector)
        .expect("last card")
        .get_bounding_client_rect();
    let view = window.get_bounding_client_rect();
    assert!(
        card.top() >= view.top() - 1.0 && card.bottom() <= view.bottom() + 1.0,
        "the last card is on screen: card {}–{}, window {}–{}",
        card.top(),
        card.bottom(),
        view.top(),
        view.bottom()
    );
    assert!(count_of(&root, "[data-enrollment-id]") < 20);
}

#[wasm_bindgen_test]
async fn keyboard_moves_focus_across_the_window_edge() {
    let list = fixture(5_000);
    let root = mount(list, LoadState::Done, &NO_RETRY);
    assert!(until(2_000, || query(&root, "[data-index='0']").is_some()).await);
    assert!(laid_out(&root, 312).await);
    let first = query(&root, "[data-index='0']").expect("first card");
    assert_eq!(
        first.get_attribute("tabindex").as_deref(),
        Some("0"),
        "one tab stop in the grid"
    );
    first.focus().expect("focus");
    let press = |key: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        let event =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
        let target = document().active_element().expect("focused element");
        target.dispatch_event(&event).expect("dispatch");
    };
    let focused_index = || {
        document()
            .active_element()
            .and_then(|e| e.get_attribute("data-index"))
    };
    press("End");
    assert!(
        until(2_000, || focused_index().as_deref() == Some("4999")).await,
        "End focuses the last card: {:?}",
        focused_index()
    );
    press("Home");
    assert!(until(2_000, || focused_index().as_deref() == Some("0")).await);
    press("ArrowDown");
    let columns = until(2_000, || focused_index().is_some_and(|i| i != "0")).await;
    assert!(columns, "ArrowDown moves down a row");
    for _ in 0..60 {
        press("PageDown");
        TimeoutFuture::new(5).await;
    }
    assert!(
        until(2_000, || focused_index()
            .is_some_and(|i| i.parse::<u32>().unwrap_or(0) > 100))
        .await
    );
    assert!(count_of(&root, "[data-enrollment-id]") < 200);
}

#[wasm_bindgen_test]
async fn a_closed_picker_builds_its_panel_only_once_opened() {
    // The first cards do not pay for search fields and option lists nobody has opened.
    let root = mount(fixture(30), LoadState::Done, &NO_RETRY);
    for picker in ["course-picker", "learner-picker", "fields"] {
        let panel = format!("[data-ec={picker}] .ec-picker__panel");
        let summary = format!("[data-ec={picker}] > summary");
        assert!(
            until(2_000, || query(&root, &summary).is_some()).await,
            "{picker}"
        );
        assert!(query(&root, &panel).is_none(), "{picker}: no panel while closed");
        query(&root, &summary).expect("summary").click();
        assert!(
            until(2_000, || count_of(&root, &format!("{panel} input")) > 0).await,
            "{picker}: its panel, with its fields, once open"
        );
        query(&root, &summary).expect("summary").click();
        assert!(
            until(2_000, || query(&root, &panel).is_none()).await,
            "{picker}: gone once closed"
        );
    }
}

#[wasm_bindgen_test]
async fn course_picker_lists_courses_with_counts_and_filters() {
    let list = fixture(120);
    let root = mount(list.clone(), LoadState::Done, &NO_RETRY);
    let picker = query(&root, "[data-ec=course-picker]").expect("course picker");
    let summary = query(&root, "[data-ec=course-picker] summary").expect("summary");
    summary.click();
    assert!(
        until(2_000, || count_of(&picker, "input[type=checkbox]") == 12).await,
        "12 courses listed"
    );
    let option = query(&picker, ".ec-picker__option").expect("an option");
    let course = option.get_attribute("title").expect("course id");
    // Counted by the query while the picker is open (not while it is closed).
    let count = |option: &web_sys::HtmlElement| {
        query(option, ".ec-chip__count")
            .and_then(|c| c.text_content())
            .unwrap_or_default()
    };
    assert_eq!(count(&option), "10", "each course has 10 enrollments");
    let checkbox = query(&option, "input[type=checkbox]").expect("checkbox");
    checkbox.focus().expect("focus");
    checkbox.click();
    let want = expected(
        &list,
        &Filter {
            courses: vec![course.clone()],
            ..Filter::default()
        },
    );
    assert_eq!(want, 10);
    assert!(
        until(2_000, || shown(&root) == Some(want.to_string())).await,
        "{:?}",
        shown(&root)
    );
    // The list is built again with the new counts; the focus stays on the course's checkbox.
    let focused = document().active_element().expect("focus");
    let focused_course = focused.closest("[title]").ok().flatten();
    assert_eq!(focused.get_attribute("type").as_deref(), Some("checkbox"));
    assert_eq!(
        focused_course.and_then(|o| o.get_attribute("title")),
        Some(course.clone())
    );
    assert!(focused
        .dyn_into::<web_sys::HtmlInputElement>()
        .expect("input")
        .checked());
    let ids = query(&root, ".ec-active")
        .expect("chips")
        .text_content()
        .unwrap_or_default();
    assert!(ids.contains(&course), "{ids}");
    // Narrowing the option list by typing.
    let find = query(&picker, ".ec-picker__search").expect("find box");
    type_into(&find, &list[1].course_id[..8]);
    assert!(until(2_000, || count_of(&picker, "input[type=checkbox]") <= 2).await);
}

/// Dispatches a key press on the focused element.
fn press(key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    let target = document().active_element().expect("focused element");
    target.dispatch_event(&event).expect("dispatch");
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    query(root, selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn russian_words_and_plural_forms() {
    let root = mount_in(container(), "ru-RU", fixture(61), LoadState::Done, &NO_RETRY);
    assert!(until(2_000, || count_of(&root, "[data-enrollment-id]") > 0).await);
    // "61 of 61": the form for 61 (one) in the genitive after «из».
    assert_eq!(text(&root, "[data-ec=count]"), "61 из 61 зачисления");
    assert_eq!(
        text(&root, "[data-ec=status-chip][data-value=overdue]").trim_end_matches(char::is_numeric),
        "Просрочено"
    );
    let first = text(&root, "[data-index='0']");
    assert!(first.contains("просрочено на 5 дней"), "{first}");
    assert!(first.contains("Срок") && first.contains("Доступ"), "{first}");
    assert_eq!(
        query(&root, ".ec-root")
            .and_then(|r| r.get_attribute("lang"))
            .as_deref(),
        Some("ru-RU")
    );
}

#[wasm_bindgen_test]
async fn chosen_fields_show_in_their_order() {
    let root = mount(fixture(12), LoadState::Done, &NO_RETRY);
    assert!(until(2_000, || count_of(&root, "[data-enrollment-id]") > 0).await);
    let order = |root: &web_sys::HtmlElement| {
        let card = query(root, "[data-index='0']").expect("card");
        let list = card.query_selector_all("[data-field]").expect("fields");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
            .filter_map(|e| e.get_attribute("data-field"))
            .collect::<Vec<_>>()
    };
    assert_eq!(order(&root), ["due", "access", "lock", "type", "certificate"]);
    // The field picker: hide "Type", move "Lock" up.
    query(&root, "[data-ec=fields] summary").expect("picker").click();
    assert!(
        until(2_000, || count_of(&root, ".ec-fields__item") > 0).await,
        "the list, built once the picker is open"
    );
    let item = |field: &str| query(&root, &format!(".ec-fields__item[data-field={field}]")).expect("item");
    query(&item("type"), "input").expect("checkbox").click();
    let up = query(&item("lock"), "[data-ec=field-up]").expect("up");
    up.focus().expect("focus");
    up.click();
    assert!(
        until(2_000, || order(&root) == ["due", "lock", "access", "certificate"]).await,
        "{:?}",
        order(&root)
    );
    // The list is built again in the new order, and the focus stays on the button pressed, so
    // a keyboard user can press it again.
    let focused = document().active_element().expect("focus");
    assert_eq!(focused.get_attribute("data-ec").as_deref(), Some("field-up"));
    let field = focused.closest("[data-field]").ok().flatten();
    assert_eq!(
        field.and_then(|f| f.get_attribute("data-field")).as_deref(),
        Some("lock")
    );
}

#[wasm_bindgen_test]
async fn cards_are_selected_by_checkbox_space_and_shift_range() {
    let list = fixture(60);
    let root = mount(list.clone(), LoadState::Done, &NO_RETRY);
    assert!(until(2_000, || count_of(&root, "[data-enrollment-id]") > 4).await);
    let checkbox =
        |i: usize| query(&root, &format!("[data-index='{i}'] [data-ec=select]")).expect("checkbox");
    let checked = |i: usize| {
        let input: web_sys::HtmlInputElement = checkbox(i).unchecked_into();
        input.checked()
    };
    checkbox(1).click();
    assert!(until(2_000, || text(&root, "[data-ec=selected]") == "1 selected").await);
    assert!(checked(1));
    // Shift-click: the range from the last one selected.
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_shift_key(true);
    let shift_click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).expect("event");
    checkbox(4).dispatch_event(&shift_click).expect("dispatch");
    assert!(until(2_000, || text(&root, "[data-ec=selected]") == "4 selected").await);
    assert!(until(2_000, || (1..=4).all(checked)).await);
    assert!(!checked(0) && !checked(5));
    // Space on a focused card toggles it.
    query(&root, "[data-index='0']")
        .expect("card")
        .focus()
        .expect("focus");
    press(" ", false);
    assert!(until(2_000, || checked(0)).await);
    press(" ", false);
    assert!(until(2_000, || !checked(0)).await);
    // The selection outlives a filter; "select all" takes every matching card.
    type_into(
        &query(&root, "[data-ec=search]").expect("search"),
        &list[2].learner_id,
    );
    assert!(until(2_000, || shown(&root).as_deref() == Some("12")).await);
    assert_eq!(text(&root, "[data-ec=selected]"), "4 selected");
    query(&root, "[data-ec=select-all]").expect("select all").click();
    // Rows 1–4 share learner 0; the 12 of learner 0 are now all in, 12 in all.
    assert!(until(2_000, || text(&root, "[data-ec=selected]") == "12 selected").await);
    query(&root, "[data-ec=clear-selection]").expect("clear").click();
    assert!(until(2_000, || query(&root, "[data-ec=selected]").is_none()).await);
}

#[wasm_bindgen_test]
async fn a_narrow_host_folds_the_filters_behind_a_button() {
    let root = mount_in(
        container_of(380),
        "en-US",
        fixture(30),
        LoadState::Done,
        &NO_RETRY,
    );
    assert!(until(2_000, || query(&root, "[data-ec=filters-toggle]").is_some()).await);
    assert_eq!(count_of(&root, "[data-ec=status-chip]"), 0, "chips folded");
    assert!(query(&root, "[data-ec=search]").is_some(), "the search stays");
    type_into(&query(&root, "[data-ec=search]").expect("search"), "4");
    let toggle = query(&root, "[data-ec=filters-toggle]").expect("toggle");
    assert!(
        until(2_000, || toggle.text_content().as_deref()
            == Some("Filters (1 active)"))
        .await
    );
    toggle.click();
    assert!(until(2_000, || count_of(&root, "[data-ec=status-chip]") > 0).await);
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("true"));
}

/// Chips that wrap onto a second line start under their group's first chip, not under its label.
#[wasm_bindgen_test]
async fn wrapped_chips_line_up_under_the_first_chip() {
    let root = mount_in(
        container_of(560),
        "en-US",
        fixture(30),
        LoadState::Done,
        &NO_RETRY,
    );
    assert!(until(2_000, || count_of(&root, "[data-ec=status-chip]") == 5).await);
    let chips = root.query_selector_all("[data-ec=status-chip]").expect("chips");
    let boxes: Vec<web_sys::DomRect> = (0..chips.length())
        .filter_map(|i| chips.item(i))
        .map(|chip| {
            chip.unchecked_into::<web_sys::Element>()
                .get_bounding_client_rect()
        })
        .collect();
    let first = boxes.first().expect("a status chip");
    let label = query(&root, ".ec-chips__label").expect("the group's label");
    assert!(
        label.get_bounding_client_rect().right() <= first.left(),
        "the label stays left of the chips"
    );
    let wrapped: Vec<f64> = boxes
        .iter()
        .filter(|chip| chip.top() >= first.bottom())
        .map(|chip| chip.left())
        .collect();
    assert!(
        !wrapped.is_empty(),
        "at 560 px the five status chips take two lines"
    );
    let line_start = wrapped.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(
        (line_start - first.left()).abs() < 1.0,
        "the second line starts at {line_start} px, the first chip at {} px",
        first.left()
    );
}

#[wasm_bindgen_test]
async fn a_picker_removed_while_open_comes_back_closed() {
    // Open in a wide host, which then narrows: the bar folds and the open picker goes with it
    // (no click closed it). Unfolded, the picker is a new one, closed, and counts nothing.
    let root = mount_in(
        container_of(1000),
        "en-US",
        fixture(30),
        LoadState::Done,
        &NO_RETRY,
    );
    let picker = || {
        query(&root, "[data-ec=course-picker]").and_then(|p| p.dyn_into::<web_sys::HtmlDetailsElement>().ok())
    };
    assert!(until(2_000, || picker().is_some()).await);
    query(&root, "[data-ec=course-picker] summary")
        .expect("summary")
        .click();
    assert!(
        until(2_000, || count_of(
            &root,
            "[data-ec=course-picker] .ec-picker__option"
        ) > 0)
        .await
    );
    root.style().set_property("width", "380px").expect("narrow");
    assert!(until(2_000, || picker().is_none()).await, "folded");
    query(&root, "[data-ec=filters-toggle]").expect("toggle").click();
    assert!(until(2_000, || picker().is_some()).await, "unfolded");
    assert!(
        !picker().expect("course picker").open(),
        "the picker comes back closed"
    );
    assert_eq!(count_of(&root, "[data-ec=course-picker] .ec-picker__option"), 0);
}

#[wasm_bindgen_test]
async fn the_grid_follows_the_hosts_font_size_and_gap() {
    // A host raising the font size and the gap: cards grow with the text (no clipping) and the
    // window places them where the stylesheet does.
    let style = "width: 1000px; --ec-list-height: 900px; --ec-font-size: 20px; --ec-gap: 30px";
    let root = mount_in(
        styled_container(style),
        "en-US",
        fixture(60),
        LoadState::Done,
        &NO_RETRY,
    );
    let card = |i: usize| query(&root, &format!("[data-index='{i}']"));
    assert!(until(2_000, || card(0).is_some()).await);
    // 21.43em at 20 px, and the 30 px gap.
    assert!(laid_out(&root, 459).await);
    let first = card(0).expect("first card").get_bounding_client_rect();
    // 21.43em at 20 px.
    assert!(
        (first.height() - 428.6).abs() < 1.0,
        "card height {}",
        first.height()
    );
    let columns = (0..10)
        .filter_map(card)
        .filter(|c| (c.get_bounding_client_rect().top() - first.top()).abs() < 1.0)
        .count();
    // 19.43em = 388.6 px at least: two columns in 1000 px.
    assert_eq!(columns, 2);
    let below = card(columns).expect("second row").get_bounding_client_rect();
    assert!(
        (below.top() - first.bottom() - 30.0).abs() < 1.0,
        "gap {}",
        below.top() - first.bottom()
    );
    // Nothing inside the card spills out of it.
    let first = card(0).expect("first card");
    assert!(
        first.scroll_height() <= first.client_height() + 1,
        "{} > {}",
        first.scroll_height(),
        first.client_height()
    );
}

#[wasm_bindgen_test]
async fn a_first_page_before_any_idle_moment_brings_the_filter_bar_and_count_with_it() {
    let root = container();
    let slot = Rc::new(Cell::new(None));
    let mounted = slot.clone();
    leptos::mount::mount_to(root.clone(), move || {
        let state = CardsState::new(StatusRules::new(TODAY), Some("en-US"));
        state.load.set(LoadState::Loading);
        mounted.set(Some(state));
        view! { <CardsView state retry=Callback::new(|()| {}) /> }
    })
    .forget();
    let state = slot.get().expect("mounted");
    let controls = || query(&root, "[data-ec=search]").is_some() && query(&root, "[data-ec=count]").is_some();
    assert!(!controls(), "only the panels and the card window at first");
    // The first page in the same task: no idle moment, no timer came before it. What it
    // shows (reactive effects, microtasks) comes with the filter bar and the count, in the
    // same frame, so they never push the cards down.
    state.append(fixture(30));
    for _ in 0..50 {
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::UNDEFINED))
            .await
            .expect("a resolved promise");
    }
    assert!(controls(), "built in the task that stored the first page");
    assert_eq!(shown(&root).as_deref(), Some("30"));
}
