//! `X-Target-Locale` end to end, in process with `oneshot`: a Russian locale gets Russian
//! course titles from `/contents` and in `courseTitle` of `/learners/results`; any other locale,
//! or none, gets the English answers unchanged.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use mock_lms::server::{app, AppState, Settings};
use mock_lms::xml::{self, Listing};
use mock_lms::{Dataset, GeneratorConfig, Sizes};
use tower::ServiceExt;

fn dataset(enrollments: usize, courses: Option<usize>) -> Dataset {
    Dataset::generate_with(
        GeneratorConfig {
            seed: 1,
            enrollments,
            today: time::macros::date!(2026 - 11 - 26),
        },
        Sizes {
            learners: None,
            courses,
        },
    )
}

fn mock(data: Dataset) -> Router {
    app(Arc::new(AppState::new(data, Settings::default())), None)
}

/// `GET uri` with the demo token and, unless `None`, `X-Target-Locale: locale`; it must succeed.
async fn get(app: &Router, uri: &str, locale: Option<&str>) -> String {
    let mut request = Request::get(uri).header(header::AUTHORIZATION, "Bearer demo-token");
    if let Some(locale) = locale {
        request = request.header("x-target-locale", locale);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let body = String::from_utf8(bytes.to_vec()).unwrap();
    assert_eq!(status, StatusCode::OK, "{uri} ({locale:?}): {body}");
    body
}

/// The contents of every `<tag>…</tag>` in `text`, in order.
fn all<'a>(text: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    text.split(open.as_str())
        .skip(1)
        .filter_map(|rest| rest.split_once(close.as_str()))
        .map(|(inner, _)| inner)
        .collect()
}

fn one<'a>(text: &'a str, tag: &str) -> Option<&'a str> {
    all(text, tag).into_iter().next()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// Every `<contentItem>` of `/contents`, following `nextPageToken` with pages of `size`.
async fn walk(app: &Router, size: usize, locale: Option<&str>) -> Vec<String> {
    let (mut items, mut token) = (Vec::new(), None::<String>);
    loop {
        let uri = match &token {
            None => format!("/contents?pageSize={size}"),
            Some(token) => format!("/contents?pageSize={size}&pageToken={token}"),
        };
        let body = get(app, &uri, locale).await;
        items.extend(all(&body, "contentItem").into_iter().map(str::to_owned));
        token = one(&body, "nextPageToken")
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        if token.is_none() {
            return items;
        }
    }
}

#[tokio::test]
async fn contents_answer_russian_titles_for_a_russian_locale() {
    let data = dataset(300, None);
    let listed: Vec<usize> = (0..data.courses.len())
        .filter(|&i| !data.courses[i].linked_copy)
        .collect();
    let english_body = xml::contents(
        &data,
        listed.iter().copied(),
        Listing::Paged {
            wrapper: "contentItems",
            next_page_token: None,
        },
    );
    let app = mock(data.clone());

    // No header, an English one or another language: the English answer, byte for byte.
    let plain = get(&app, "/contents", None).await;
    assert_eq!(plain, english_body);
    for other in ["en-US", "en", "de-DE", "", "uk-UA", "rus"] {
        assert_eq!(get(&app, "/contents", Some(other)).await, plain, "{other:?}");
    }
    let english_titles: Vec<String> = all(&plain, "title").into_iter().map(unescape).collect();
    assert!(english_titles.contains(&"Workplace Safety Essentials".to_owned()));
    assert!(
        plain.contains("<title>Fire Safety &lt;Level 2&gt;</title>"),
        "{plain}"
    );

    let russian = get(&app, "/contents", Some("ru-RU")).await;
    for spelling in ["ru", "RU_ru", "Ru-ru"] {
        assert_eq!(
            get(&app, "/contents", Some(spelling)).await,
            russian,
            "{spelling}"
        );
    }
    assert_ne!(russian, plain);
    // The same items in the same order; only the titles differ.
    assert_eq!(
        all(&russian, "contentItemId"),
        all(&plain, "contentItemId"),
        "the same IDs in the same order"
    );
    let titles: Vec<String> = all(&russian, "title").into_iter().map(unescape).collect();
    assert_eq!(titles.len(), listed.len());
    for (title, &i) in titles.iter().zip(&listed) {
        assert!(cyrillic(title), "{title}");
        assert_eq!(title, &data.courses[i].title_ru);
    }
    for expected in [
        "Основы безопасности на рабочем месте",
        "Охрана труда",
        "Противодействие взяточничеству и коррупции",
    ] {
        assert!(titles.iter().any(|t| t == expected), "{expected} in {titles:?}");
    }
    assert!(
        russian.contains("<title>Пожарная безопасность &lt;Уровень 2&gt;</title>"),
        "escaped: {russian}"
    );
    let mut swapped = russian.clone();
    for &i in &listed {
        let (en, ru) = (&data.courses[i].title, &data.courses[i].title_ru);
        swapped = swapped.replace(
            &format!("<title>{}</title>", xml::escape(ru)),
            &format!("<title>{}</title>", xml::escape(en)),
        );
    }
    assert_eq!(swapped, plain, "nothing but the titles changes");

    // Paged, and by ID.
    let items = all(&russian, "contentItem");
    assert_eq!(walk(&app, 3, Some("ru-RU")).await, items, "paged as unpaged");
    assert_eq!(
        walk(&app, 3, None).await,
        all(&plain, "contentItem"),
        "paged in English too"
    );
    let id = &data.courses[listed[4]].id;
    let by_id = get(&app, &format!("/contents?contentItemIds[]={id}"), Some("ru")).await;
    assert_eq!(all(&by_id, "contentItemId"), [id.as_str()]);
    assert_eq!(
        one(&by_id, "title").map(unescape),
        Some(data.courses[listed[4]].title_ru.clone())
    );
    let by_id = get(&app, &format!("/contents?contentItemIds={id}"), Some("en-US")).await;
    assert_eq!(
        one(&by_id, "title").map(unescape),
        Some(data.courses[listed[4]].title.clone())
    );
}

#[tokio::test]
async fn repeated_russian_titles_are_numbered_like_the_english_ones() {
    let app = mock(dataset(1000, Some(40)));
    let english = walk(&app, 7, Some("en-US")).await;
    let russian = walk(&app, 7, Some("ru-RU")).await;
    assert_eq!(english.len(), russian.len());
    let mut numbered = 0;
    for (en, ru) in english.iter().zip(&russian) {
        assert_eq!(one(en, "contentItemId"), one(ru, "contentItemId"));
        let (en, ru) = (
            unescape(one(en, "title").unwrap()),
            unescape(one(ru, "title").unwrap()),
        );
        assert!(cyrillic(&ru), "{ru}");
        let suffix = |t: &str| t.rfind(" (").map(|at| t[at..].to_owned());
        assert_eq!(suffix(&en), suffix(&ru), "{en} / {ru}");
        numbered += usize::from(suffix(&ru).is_some());
    }
    assert!(
        numbered > 10,
        "the second and third rounds are numbered: {numbered}"
    );
    let titles: std::collections::HashSet<String> = russian
        .iter()
        .map(|c| unescape(one(c, "title").unwrap()))
        .collect();
    assert_eq!(titles.len(), russian.len(), "unique, as the English ones");
}

#[tokio::test]
async fn results_course_titles_follow_the_locale() {
    let data = dataset(300, None);
    let app = mock(data.clone());
    let uri = "/learners/results?userStatuses=1,3,5&pageSize=10000";
    let plain = get(&app, uri, None).await;
    assert_eq!(get(&app, uri, Some("en-US")).await, plain);
    assert_eq!(get(&app, uri, Some("fr")).await, plain);
    let russian = get(&app, uri, Some("ru-RU")).await;
    assert_eq!(get(&app, uri, Some("RU_ru")).await, russian);

    let english_results = all(&plain, "result");
    let russian_results = all(&russian, "result");
    assert_eq!(
        english_results
            .iter()
            .map(|r| one(r, "enrollmentId"))
            .collect::<Vec<_>>(),
        russian_results
            .iter()
            .map(|r| one(r, "enrollmentId"))
            .collect::<Vec<_>>(),
        "the same results in the same order"
    );
    let by_id: HashMap<&str, usize> = data
        .courses
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut titled = 0;
    let mut linked = 0;
    for (en, ru) in english_results.iter().zip(&russian_results) {
        let course = &data.courses[by_id[one(ru, "courseId").unwrap()]];
        match (one(en, "courseTitle"), one(ru, "courseTitle")) {
            (None, None) => {}
            (Some(en_title), Some(ru_title)) => {
                titled += 1;
                linked += usize::from(course.linked_copy);
                assert_eq!(unescape(en_title), course.title);
                assert_eq!(unescape(ru_title), course.title_ru);
                assert!(cyrillic(ru_title), "{ru_title}");
                let swapped = ru.replace(
                    &format!("<courseTitle>{ru_title}</courseTitle>"),
                    &format!("<courseTitle>{en_title}</courseTitle>"),
                );
                assert_eq!(&swapped, en, "nothing but courseTitle changes");
            }
            other => panic!("courseTitle sent in one language only: {other:?}"),
        }
    }
    assert!(
        titled > 0 && linked > 0,
        "{titled} titled, {linked} of linked copies"
    );

    // A title from results is the one /contents gives in the same locale.
    let contents = get(&app, "/contents", Some("ru")).await;
    let listed: HashMap<&str, String> = all(&contents, "contentItem")
        .into_iter()
        .map(|c| {
            (
                one(c, "contentItemId").unwrap(),
                unescape(one(c, "title").unwrap()),
            )
        })
        .collect();
    for r in &russian_results {
        if let (Some(title), Some(expected)) =
            (one(r, "courseTitle"), listed.get(one(r, "courseId").unwrap()))
        {
            assert_eq!(&unescape(title), expected);
        }
    }

    // The other routes do not change with the header.
    for route in ["/enrollment", "/enrollments", "/users/v2", "/departments"] {
        assert_eq!(
            get(&app, route, Some("ru-RU")).await,
            get(&app, route, None).await,
            "{route}"
        );
    }
}

#[tokio::test]
async fn browsers_may_send_the_locale_header_cross_origin() {
    let app = mock(dataset(20, None));
    let preflight = Request::builder()
        .method(Method::OPTIONS)
        .uri("/contents")
        .header(header::ORIGIN, "http://localhost:8080")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .header(
            header::ACCESS_CONTROL_REQUEST_HEADERS,
            "authorization,x-target-locale",
        )
        .body(Body::empty())
        .unwrap();
    let response = app.oneshot(preflight).await.unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let allowed = response
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_HEADERS)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(allowed.contains("x-target-locale"), "{allowed}");
}
