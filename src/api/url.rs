//! Request URLs. Only IDs and paging parameters go into a URL, never the token.

use super::config::EnrollmentQuery;

/// Paging parameters of `GET /enrollments`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest<'a> {
    /// `pageSize`.
    pub size: u32,
    /// `pageToken` of the page to fetch; `None` for the first.
    pub token: Option<&'a str>,
}

/// `{endpoint}/enrollment?…` (unpaged) or `{endpoint}/enrollments?…` (with `page`).
/// Filters are repeated `learnerIds[]=…` / `courseIds[]=…` parameters, percent-encoded.
pub fn enrollments_url(endpoint: &str, query: &EnrollmentQuery, page: Option<PageRequest<'_>>) -> String {
    let path = if page.is_some() {
        "enrollments"
    } else {
        "enrollment"
    };
    let mut params = form_urlencoded::Serializer::new(String::new());
    for (name, ids) in [
        ("learnerIds[]", &query.learner_ids),
        ("courseIds[]", &query.course_ids),
    ] {
        for id in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            params.append_pair(name, id);
        }
    }
    if let Some(page) = page {
        params.append_pair("pageSize", &page.size.to_string());
        if let Some(token) = page.token {
            params.append_pair("pageToken", token);
        }
    }
    let params = params.finish();
    let base = endpoint.trim().trim_end_matches('/');
    if params.is_empty() {
        format!("{base}/{path}")
    } else {
        format!("{base}/{path}?{params}")
    }
}

/// `{endpoint}/{path}?…` with `params` percent-encoded (repeated names for lists, as in
/// `userIds[]=a&userIds[]=b`).
pub fn resource_url<'a>(
    endpoint: &str,
    path: &str,
    params: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in params {
        query.append_pair(name, value);
    }
    let query = query.finish();
    let base = endpoint.trim().trim_end_matches('/');
    match query.is_empty() {
        true => format!("{base}/{path}"),
        false => format!("{base}/{path}?{query}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpaged_with_filters() {
        let query = EnrollmentQuery {
            learner_ids: vec!["00de7a40-deb5-11e9-8afe-0a580af40764".into(), " ".into()],
            course_ids: vec!["146ac240-d54f-11e9-9b88-0a580af40973".into(), "a&b=c d".into()],
        };
        assert_eq!(
            enrollments_url("https://api-learn.example.com/", &query, None),
            "https://api-learn.example.com/enrollment?learnerIds%5B%5D=00de7a40-deb5-11e9-8afe-0a580af40764\
             &courseIds%5B%5D=146ac240-d54f-11e9-9b88-0a580af40973&courseIds%5B%5D=a%26b%3Dc+d"
        );
    }

    #[test]
    fn resources_with_repeated_parameters() {
        let ids = ["773ccbda-1f0e-4c43-9a57-3b2f1c2d4e5f", "a&b"];
        let params = ids
            .iter()
            .map(|id| ("userIds[]", *id))
            .chain([("pageSize", "50")]);
        assert_eq!(
            resource_url("/lms-api/", "users/v2", params),
            "/lms-api/users/v2?userIds%5B%5D=773ccbda-1f0e-4c43-9a57-3b2f1c2d4e5f&userIds%5B%5D=a%26b&pageSize=50"
        );
        assert_eq!(resource_url("", "departments", []), "/departments");
    }

    #[test]
    fn paged_and_relative() {
        let page = PageRequest {
            size: 500,
            token: Some("5eed/c0de+1=="),
        };
        assert_eq!(
            enrollments_url("/lms-api", &EnrollmentQuery::default(), Some(page)),
            "/lms-api/enrollments?pageSize=500&pageToken=5eed%2Fc0de%2B1%3D%3D"
        );
        assert_eq!(
            enrollments_url("", &EnrollmentQuery::default(), None),
            "/enrollment"
        );
    }
}
