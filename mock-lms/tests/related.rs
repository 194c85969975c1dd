//! The endpoints that turn IDs into names (`/users/v2`, `/departments`, `/contents`,
//! `/learners/results`) end to end, in process with `oneshot`: consistent with the enrollments,
//! paged, and refused per token.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use mock_lms::server::{app, AppState, Settings};
use mock_lms::{Dataset, GeneratorConfig};
use tower::ServiceExt;

const TODAY: &str = "2026-11-26";

const STATUSES: [&str; 9] = [
    "not_started",
    "in_progress",
    "pending",
    "complete",
    "passed",
    "accepted",
    "incomplete",
    "failed",
    "declined",
];

fn mock(enrollments: usize) -> Router {
    let data = Dataset::generate(GeneratorConfig {
        seed: 1,
        enrollments,
        today: time::macros::date!(2026 - 11 - 26),
    });
    app(Arc::new(AppState::new(data, Settings::default())), None)
}

/// `GET uri` with `token` (none if empty) and, unless empty, the fault in `X-Mock-Fault`.
async fn fetch(app: &Router, uri: &str, token: &str, fault: &str) -> (StatusCode, String) {
    let mut request = Request::get(uri);
    if !token.is_empty() {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    if !fault.is_empty() {
        request = request.header("x-mock-fault", fault);
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
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

/// `GET uri` with the demo token; it must succeed.
async fn get(app: &Router, uri: &str) -> String {
    let (status, body) = fetch(app, uri, "demo-token", "").await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
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

/// The contents of the first `<tag>…</tag>` in `text`.
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

/// A user profile's list-shaped fields, by name.
fn fields(profile: &str) -> HashMap<String, String> {
    all(profile, "field")
        .into_iter()
        .map(|f| {
            (
                one(f, "name").unwrap().to_owned(),
                unescape(one(f, "value").unwrap()),
            )
        })
        .collect()
}

fn next_token(body: &str) -> Option<String> {
    one(body, "nextPageToken")
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Every `<item>` of a paged listing, following `nextPageToken` with pages of `size`; and the
/// number of pages. `uri` has a query string already.
async fn walk(app: &Router, uri: &str, item: &str, size: usize) -> (Vec<String>, usize) {
    let (mut items, mut pages, mut token) = (Vec::new(), 0, None::<String>);
    loop {
        pages += 1;
        assert!(pages < 1000, "the listing ends");
        let page_uri = match &token {
            None => format!("{uri}&pageSize={size}"),
            Some(token) => format!("{uri}&pageSize={size}&pageToken={token}"),
        };
        let body = get(app, &page_uri).await;
        let found = all(&body, item);
        assert!(found.len() <= size);
        items.extend(found.into_iter().map(str::to_owned));
        token = next_token(&body);
        if token.is_none() {
            return (items, pages);
        }
    }
}

async fn everything(app: &Router, uri: &str, item: &str) -> Vec<String> {
    let (items, pages) = walk(app, uri, item, 10_000).await;
    assert_eq!(pages, 1);
    items
}

#[tokio::test]
async fn every_learner_sits_in_a_department_of_a_tree_three_deep() {
    let app = mock(300);
    let departments = everything(&app, "/departments?", "department").await;
    let parents: HashMap<&str, Option<&str>> = departments
        .iter()
        .map(|d| (one(d, "departmentId").unwrap(), one(d, "parentDepartmentId")))
        .collect();
    assert_eq!(parents.len(), departments.len(), "IDs are unique");
    assert!(departments
        .iter()
        .all(|d| !unescape(one(d, "name").unwrap()).is_empty()));
    let depth = |start: &str| {
        let (mut id, mut depth): (&str, usize) = (start, 1);
        while let Some(parent) = parents[id] {
            assert!(parents.contains_key(parent), "parent {parent} exists");
            (id, depth) = (parent, depth + 1);
            assert!(depth <= 10, "no cycles");
        }
        depth
    };
    let depths: HashMap<&str, usize> = parents.keys().map(|&id| (id, depth(id))).collect();
    assert_eq!(depths.values().max(), Some(&3));
    let roots: Vec<&String> = departments
        .iter()
        .filter(|d| !d.contains("<parentDepartmentId>"))
        .collect();
    assert_eq!(roots.len(), depths.values().filter(|&&d| d == 1).count());
    assert!(roots.iter().any(|r| one(r, "name") == Some("Sales")));
    // "EMEA" under "Sales" has "Berlin" under it.
    let sales = department_id(&departments, "Sales", None).unwrap();
    let emea = department_id(&departments, "EMEA", Some(sales)).unwrap();
    assert!(department_id(&departments, "Berlin", Some(emea)).is_some());

    let users = everything(&app, "/users/v2?", "userProfile").await;
    assert_eq!(users.len(), 30);
    for user in &users {
        let department = one(user, "departmentId").unwrap();
        assert!(depths.contains_key(department), "{user}");
    }
    let user_ids: HashSet<&str> = users.iter().map(|u| one(u, "userId").unwrap()).collect();
    let enrollments = get(&app, "/enrollment").await;
    let learners: HashSet<&str> = all(&enrollments, "learnerId").into_iter().collect();
    assert_eq!(learners, user_ids, "every learner is listed, and only learners");
}

/// The ID of the department called `name` under `parent`.
fn department_id<'a>(departments: &'a [String], name: &str, parent: Option<&str>) -> Option<&'a str> {
    departments
        .iter()
        .find(|d| one(d, "name") == Some(name) && one(d, "parentDepartmentId") == parent)
        .and_then(|d| one(d, "departmentId"))
}

#[tokio::test]
async fn names_come_from_many_scripts_and_fields_in_both_shapes() {
    let app = mock(300);
    let body = get(&app, "/users/v2?pageSize=10000").await;
    assert!(body.contains("O&apos;Brien"), "apostrophes are escaped");
    let users = all(&body, "userProfile");
    let (listed, members): (Vec<&str>, Vec<&str>) = users.iter().partition(|u| u.contains("<field>"));
    assert!(!listed.is_empty() && !members.is_empty());
    assert_eq!(members.len(), 30 / 7);
    let mut names = Vec::new();
    for user in &listed {
        let fields = fields(user);
        for key in ["FIRST_NAME", "LAST_NAME", "EMAIL", "LOGIN"] {
            assert!(fields.get(key).is_some_and(|v| !v.is_empty()), "{key} in {user}");
        }
        assert!(fields
            .keys()
            .all(|k| k.chars().all(|c| c.is_ascii_uppercase() || c == '_')));
        names.push(format!("{} {}", fields["FIRST_NAME"], fields["LAST_NAME"]));
    }
    for user in &members {
        let fields = one(user, "fields").unwrap();
        let login = one(fields, "login").unwrap();
        let email = one(fields, "email").unwrap();
        assert!(!login.is_empty() && email.contains('@'), "{user}");
        assert!(!fields.contains("<field>") && !fields.contains("FIRST_NAME"));
    }
    assert!(listed.iter().any(|u| fields(u).contains_key("JOB_TITLE")));
    let any = |test: fn(char) -> bool| names.iter().any(|n| n.chars().any(test));
    assert!(
        any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
        "Cyrillic: {names:?}"
    );
    assert!(any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "CJK: {names:?}");
    assert!(
        any(|c| ('\u{00C0}'..='\u{024F}').contains(&c)),
        "accented Latin: {names:?}"
    );
    assert!(any(|c| c == '\'') && any(|c| c == '-'), "{names:?}");
    assert!(names.contains(&"Анна Петрова".to_owned()), "{names:?}");
    let statuses: HashSet<&str> = users.iter().map(|u| one(u, "status").unwrap()).collect();
    assert!(statuses.is_subset(&HashSet::from(["1", "3", "5"])) && statuses.contains("1"));
}

#[tokio::test]
async fn users_by_id_are_only_those() {
    let app = mock(300);
    let users = everything(&app, "/users/v2?", "userProfile").await;
    let ids: Vec<&str> = users.iter().map(|u| one(u, "userId").unwrap()).collect();
    let body = get(
        &app,
        &format!("/users/v2?userIds[]={}&userIds%5B%5D={}", ids[3], ids[17]),
    )
    .await;
    assert_eq!(all(&body, "userId"), [ids[3], ids[17]]);
    let body = get(&app, &format!("/users/v2?userIds={},{}", ids[17], ids[3])).await;
    assert_eq!(all(&body, "userId"), [ids[3], ids[17]], "in account order");
    let body = get(&app, "/users/v2?userIds[]=00000000-0000-4000-8000-000000000000").await;
    assert!(body.contains("<userProfiles>\n</userProfiles>"), "{body}");
}

#[tokio::test]
async fn linked_copies_are_missing_from_contents_but_titled_in_results() {
    let app = mock(300);
    let contents = everything(&app, "/contents?", "contentItem").await;
    let listed: HashSet<&str> = contents
        .iter()
        .map(|c| one(c, "contentItemId").unwrap())
        .collect();
    let enrollments = get(&app, "/enrollment").await;
    let courses: HashSet<&str> = all(&enrollments, "courseId").into_iter().collect();
    let linked: Vec<&str> = courses.difference(&listed).copied().collect();
    assert_eq!((courses.len(), listed.len(), linked.len()), (12, 10, 2));
    assert!(listed.is_subset(&courses));
    let titles: Vec<String> = contents
        .iter()
        .map(|c| unescape(one(c, "title").unwrap()))
        .collect();
    assert!(titles.iter().any(|t| t == "Охрана труда"), "{titles:?}");

    for id in &linked {
        let by_id = get(&app, &format!("/contents?contentItemIds[]={id}")).await;
        assert!(!by_id.contains("<contentItem>"), "not even by ID: {by_id}");
        let results = get(
            &app,
            &format!("/learners/results?courseIds[]={id}&userStatuses=1,3,5"),
        )
        .await;
        let results = all(&results, "result");
        assert!(!results.is_empty());
        let titles: HashSet<&str> = results.iter().map(|r| one(r, "courseTitle").unwrap()).collect();
        assert_eq!(titles.len(), 1, "one title on every result: {titles:?}");
        assert!(titles.iter().all(|t| !t.is_empty()));
    }
    let original = listed.iter().next().unwrap();
    let by_id = get(&app, &format!("/contents?contentItemIds={original}")).await;
    assert_eq!(all(&by_id, "contentItemId"), [*original]);
    // Other courses' results carry the title sometimes, and then the one /contents gives.
    let results = everything(&app, "/learners/results?userStatuses=1,3,5", "result").await;
    let titled = results
        .iter()
        .filter(|r| listed.contains(one(r, "courseId").unwrap()) && r.contains("<courseTitle>"))
        .count();
    assert!(titled > 0 && titled < results.len() / 2, "{titled}");
    for result in &results {
        if let (Some(title), true) = (
            one(result, "courseTitle"),
            listed.contains(one(result, "courseId").unwrap()),
        ) {
            let item = contents
                .iter()
                .find(|c| c.contains(one(result, "courseId").unwrap()))
                .unwrap();
            assert_eq!(one(item, "title"), Some(title));
        }
    }
}

#[tokio::test]
async fn results_show_every_status_consistently() {
    let app = mock(300);
    let results = everything(&app, "/learners/results?", "result").await;
    let statuses: HashSet<&str> = results
        .iter()
        .map(|r| one(r, "completionStatus").unwrap())
        .collect();
    assert_eq!(
        statuses,
        HashSet::from(STATUSES),
        "active learners' results alone show all"
    );
    let mut scored = 0;
    for r in &results {
        let status = one(r, "completionStatus").unwrap();
        let progress: u8 = one(r, "progress").unwrap().parse().unwrap();
        let completed = ["complete", "passed", "accepted"].contains(&status);
        match status {
            "not_started" => assert_eq!(progress, 0),
            _ if completed => assert_eq!(progress, 100),
            _ => assert!((1..=99).contains(&progress), "{r}"),
        }
        match one(r, "completionDate") {
            Some(day) => {
                assert!(completed, "{r}");
                assert!(
                    day.len() == 10 && day <= TODAY && day.as_bytes()[4] == b'-',
                    "{day}"
                );
            }
            None => assert!(!completed, "{r}"),
        }
        if let Some(score) = one(r, "awardedScore") {
            let score: f64 = score.parse().unwrap();
            assert!((0.0..=100.0).contains(&score));
            scored += 1;
        }
        let _: u32 = one(r, "timeSpent").unwrap().parse().unwrap();
        assert!(["0", "1", "false", "true"].contains(&one(r, "isOverdue").unwrap()));
        for tag in ["enrollmentId", "courseId", "learnerId"] {
            assert!(one(r, tag).is_some_and(|id| id.len() == 36));
        }
    }
    assert!(scored > 0 && scored < results.len());
    for overdue in ["0", "1", "false", "true"] {
        let element = format!("<isOverdue>{overdue}</isOverdue>");
        assert!(results.iter().any(|r| r.contains(&element)), "{element}");
    }
    assert!(results
        .iter()
        .any(|r| r.contains("<awardedScore>") && one(r, "awardedScore").unwrap().contains('.')));
}

#[tokio::test]
async fn blocked_learners_results_come_only_with_user_statuses() {
    let app = mock(300);
    let users = everything(&app, "/users/v2?", "userProfile").await;
    let status: HashMap<&str, &str> = users
        .iter()
        .map(|u| (one(u, "userId").unwrap(), one(u, "status").unwrap()))
        .collect();
    let status_of = |r: &String| status[one(r, "learnerId").unwrap()];
    let active = everything(&app, "/learners/results?", "result").await;
    assert!(active.iter().all(|r| status_of(r) == "1"));
    let repeated = everything(
        &app,
        "/learners/results?userStatuses[]=1&userStatuses[]=3&userStatuses[]=5",
        "result",
    )
    .await;
    let joined = everything(&app, "/learners/results?userStatuses=1,3,5", "result").await;
    assert_eq!(repeated, joined);
    let blocked: Vec<&String> = joined.iter().filter(|r| status_of(r) != "1").collect();
    assert!(blocked.iter().any(|r| status_of(r) == "3") && blocked.iter().any(|r| status_of(r) == "5"));
    assert_eq!(joined.len(), active.len() + blocked.len());
    assert!((255..=285).contains(&joined.len()), "about 90%: {}", joined.len());
    let inactive = everything(&app, "/learners/results?userStatuses[]=3", "result").await;
    assert!(!inactive.is_empty() && inactive.iter().all(|r| status_of(r) == "3"));
    // Asked by learner, a blocked learner's results still need `userStatuses`.
    let learner = one(blocked[0], "learnerId").unwrap();
    let quiet = get(&app, &format!("/learners/results?learnerIds[]={learner}")).await;
    assert!(all(&quiet, "result").is_empty());
    let asked = get(
        &app,
        &format!("/learners/results?learnerIds[]={learner}&userStatuses=1,3,5"),
    )
    .await;
    assert!(!all(&asked, "result").is_empty());
    let (code, body) = fetch(&app, "/learners/results?userStatuses=2", "demo-token", "").await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(body.contains("<code>400</code>") && body.contains("userStatuses"));
}

#[tokio::test]
async fn results_filter_like_the_enrollment_routes() {
    let app = mock(300);
    let results = everything(&app, "/learners/results?userStatuses=1,3,5", "result").await;
    let enrollment = |r: &String| one(r, "enrollmentId").unwrap().to_owned();
    let picked: Vec<String> = results.iter().step_by(40).map(enrollment).collect();
    let query = picked
        .iter()
        .map(|id| format!("enrollmentIds[]={id}"))
        .collect::<Vec<_>>();
    let body = get(
        &app,
        &format!("/learners/results?userStatuses=1,3,5&{}", query.join("&")),
    )
    .await;
    assert_eq!(all(&body, "enrollmentId"), picked);
    let body = get(
        &app,
        &format!(
            "/learners/results?userStatuses=1,3,5&enrollmentIds={}",
            picked.join(",")
        ),
    )
    .await;
    assert_eq!(all(&body, "enrollmentId"), picked);

    let course = one(&results[0], "courseId").unwrap();
    let learner = one(&results[0], "learnerId").unwrap();
    for (filter, tag, id) in [
        ("courseIds[]", "courseId", course),
        ("learnerIds", "learnerId", learner),
    ] {
        let body = get(
            &app,
            &format!("/learners/results?userStatuses=1,3,5&{filter}={id}"),
        )
        .await;
        let found = all(&body, tag);
        assert!(!found.is_empty() && found.iter().all(|&f| f == id));
        let expected = results.iter().filter(|r| one(r, tag) == Some(id)).count();
        assert_eq!(found.len(), expected);
    }
    // Results name only enrollments that exist.
    let enrollments = get(&app, "/enrollment").await;
    let ids: HashSet<&str> = all(&enrollments, "enrollmentId").into_iter().collect();
    assert!(results
        .iter()
        .all(|r| ids.contains(one(r, "enrollmentId").unwrap())));
}

#[tokio::test]
async fn each_limited_token_is_refused_only_on_its_route() {
    let app = mock(40);
    let routes = [
        "/enrollment",
        "/enrollments",
        "/users/v2",
        "/contents",
        "/learners/results",
        "/departments",
    ];
    let refused: [(&str, &[&str]); 7] = [
        ("demo-token", &[]),
        ("no-users-token", &["/users/v2"]),
        ("no-contents-token", &["/contents"]),
        ("no-results-token", &["/learners/results"]),
        ("no-departments-token", &["/departments"]),
        (
            "enrollments-only-token",
            &["/users/v2", "/contents", "/learners/results", "/departments"],
        ),
        ("restricted-token", &routes),
    ];
    for (token, refused) in refused {
        for route in routes {
            let (status, body) = fetch(&app, route, token, "").await;
            if refused.contains(&route) {
                assert_eq!(status, StatusCode::FORBIDDEN, "{token} {route}");
                assert!(
                    body.starts_with("<?xml")
                        && body.contains("<response><code>403</code><message>Permission denied"),
                    "{body}"
                );
            } else {
                assert_eq!(status, StatusCode::OK, "{token} {route}: {body}");
            }
        }
    }
    for route in routes {
        assert_eq!(fetch(&app, route, "", "").await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(
            fetch(&app, route, "no-such-token", "").await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    // Tokens are settings: others can be configured.
    let settings = Settings {
        no_users_token: "custom".into(),
        ..Settings::default()
    };
    let data = Dataset::generate(GeneratorConfig {
        seed: 1,
        enrollments: 20,
        today: time::macros::date!(2026 - 11 - 26),
    });
    let custom = app_with(data, settings);
    assert_eq!(
        fetch(&custom, "/users/v2", "custom", "").await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(fetch(&custom, "/contents", "custom", "").await.0, StatusCode::OK);
    assert_eq!(
        fetch(&custom, "/users/v2", "no-users-token", "").await.0,
        StatusCode::UNAUTHORIZED
    );
}

fn app_with(data: Dataset, settings: Settings) -> Router {
    app(Arc::new(AppState::new(data, settings)), None)
}

#[tokio::test]
async fn the_related_routes_page_like_the_enrollments() {
    let app = mock(300);
    for (uri, wrapper, item, expected) in [
        ("/users/v2?", "userProfiles", "userProfile", 30),
        ("/departments?", "departments", "department", 46),
        ("/contents?", "contentItems", "contentItem", 10),
        ("/learners/results?userStatuses=1,3,5", "results", "result", 0),
    ] {
        let whole = everything(&app, uri, item).await;
        if expected > 0 {
            assert_eq!(whole.len(), expected, "{uri}");
        }
        let (paged, pages) = walk(&app, uri, item, 7).await;
        assert_eq!(paged, whole, "{uri}: the same items in the same order");
        assert_eq!(pages, whole.len().div_ceil(7), "{uri}");
        let first = get(&app, &format!("{uri}&pageSize=7")).await;
        assert!(first.contains(&format!("<{wrapper}>")) && first.contains(&format!("</{wrapper}>")));
        let last = get(&app, &format!("{uri}&pageSize=10000")).await;
        assert!(last.contains("<nextPageToken></nextPageToken>"), "{uri}");
        let default = get(&app, uri).await;
        assert_eq!(default, last, "{uri}: the default page size is 1000");
        for bad in ["0", "10001", "x"] {
            let (status, body) = fetch(&app, &format!("{uri}&pageSize={bad}"), "demo-token", "").await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{uri} {bad}");
            assert!(body.contains("pageSize"));
        }
        let (status, _) = fetch(&app, &format!("{uri}&pageToken=zz"), "demo-token", "").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    // Faults that bend paging apply to the new route too.
    let (_, page_1) = fetch(&app, "/departments?pageSize=10", "demo-token", "overlap=2").await;
    let token = next_token(&page_1).unwrap();
    let uri = format!("/departments?pageSize=10&pageToken={token}");
    let (_, page_2) = fetch(&app, &uri, "demo-token", "overlap=2").await;
    assert_eq!(
        all(&page_2, "departmentId")[..2],
        all(&page_1, "departmentId")[8..]
    );
}

#[tokio::test]
async fn ten_thousand_users_a_page_in_a_large_account() {
    let app = mock(300);
    let fault = "many=200000";
    let (status, first) = fetch(&app, "/users/v2?pageSize=10000", "demo-token", fault).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first.matches("<userProfile>").count(), 10_000);
    let token = next_token(&first).unwrap();
    let uri = format!("/users/v2?pageSize=10000&pageToken={token}");
    let (_, second) = fetch(&app, &uri, "demo-token", fault).await;
    assert_eq!(second.matches("<userProfile>").count(), 10_000);
    assert_eq!(next_token(&second), None, "20,000 learners in two pages");
    let (_, results) = fetch(&app, "/learners/results?pageSize=10000", "demo-token", fault).await;
    assert_eq!(results.matches("<result>").count(), 10_000);
    assert!(next_token(&results).is_some());
}
