//! What the client needs to know: where the API is, the token, and the query filters.

use std::fmt;
use std::rc::Rc;

use futures::future::LocalBoxFuture;

/// An access token. It is sent only in the `Authorization` header: never in a URL, a log line
/// or the DOM, and its `Debug` output is redacted.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct AccessToken(String);

impl AccessToken {
    /// Wraps a token string (surrounding whitespace removed).
    pub fn new(token: impl Into<String>) -> Self {
        AccessToken(token.into().trim().to_owned())
    }

    /// `true` when no token was given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The `Authorization` header value: the token as given, or `"{scheme} {token}"`.
    pub fn header_value(&self, scheme: Option<&str>) -> String {
        match scheme.map(str::trim).filter(|s| !s.is_empty()) {
            Some(scheme) => format!("{scheme} {}", self.0),
            None => self.0.clone(),
        }
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

/// Where a fresh token comes from: the host's async callback (`tokenProvider`), called on start
/// and once after a 401. It yields the token, or a reason it could not.
#[derive(Clone)]
pub struct TokenProvider(Rc<dyn Fn() -> LocalBoxFuture<'static, Result<AccessToken, String>>>);

impl TokenProvider {
    /// Wraps the callback.
    pub fn new(f: impl Fn() -> LocalBoxFuture<'static, Result<AccessToken, String>> + 'static) -> Self {
        TokenProvider(Rc::new(f))
    }

    /// Asks for a token.
    pub async fn fetch(&self) -> Result<AccessToken, String> {
        (self.0)().await
    }
}

impl fmt::Debug for TokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenProvider")
    }
}

/// Connection settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// API base URL: `""` (same origin), `/lms-api`, or `https://api-learn.example.com`.
    pub endpoint: String,
    /// The access token.
    pub token: AccessToken,
    /// `Authorization` scheme such as `Bearer`; `None` sends the bare token.
    pub auth_scheme: Option<String>,
    /// Time-out for each request, in milliseconds.
    pub timeout_ms: u32,
    /// Largest answer accepted, in bytes.
    pub max_body_bytes: usize,
}

impl ClientConfig {
    /// Default time-out (30 s).
    pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
    /// Default size limit (256 MiB: about 550k enrollments in one unpaged answer).
    pub const DEFAULT_MAX_BODY_BYTES: usize = 256 << 20;

    /// A configuration with the default time-out and size limit.
    pub fn new(endpoint: impl Into<String>, token: AccessToken) -> Self {
        ClientConfig {
            endpoint: endpoint.into(),
            token,
            auth_scheme: None,
            timeout_ms: Self::DEFAULT_TIMEOUT_MS,
            max_body_bytes: Self::DEFAULT_MAX_BODY_BYTES,
        }
    }
}

/// Filters the API applies itself (`learnerIds[]`, `courseIds[]`); empty = the whole account.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EnrollmentQuery {
    /// Only these learners.
    pub learner_ids: Vec<String>,
    /// Only these courses.
    pub course_ids: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_is_redacted_and_sent_with_or_without_scheme() {
        let token = AccessToken::new(" p-1sJDjmULL5DdpXPJ ");
        assert_eq!(format!("{token:?}"), "AccessToken(<redacted>)");
        let config = ClientConfig::new("/lms-api", token.clone());
        assert!(!format!("{config:?}").contains("p-1sJ"));
        assert_eq!(token.header_value(None), "p-1sJDjmULL5DdpXPJ");
        assert_eq!(token.header_value(Some("Bearer")), "Bearer p-1sJDjmULL5DdpXPJ");
        assert_eq!(token.header_value(Some("  ")), "p-1sJDjmULL5DdpXPJ");
    }
}
