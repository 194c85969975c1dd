//! What the client needs to know: where the API is, the token, and the query filters.

use std::fmt;
use std::rc::Rc;

use futures::future::LocalBoxFuture;

/// An access token. It is sent only in the `Authorization` header: never in a URL, a log line
/// or the DOM, and its `Debug` output is redacted.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct AccessToken(String);

/// Why a token (or authorization scheme) cannot be sent in a header. The messages never quote
/// the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// A line break, tab or other control character inside the token.
    ControlCharacter,
    /// A character outside ASCII (often a typographic quote or a non-breaking space from a copy).
    NotAscii,
    /// The authorization scheme is not a single word.
    Scheme,
}

impl fmt::Display for TokenError {
    /// The English message (the view words it in the widget's language).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::i18n::token_text(&crate::i18n::EN, *self))
    }
}

impl std::error::Error for TokenError {}

impl AccessToken {
    /// Checks and wraps a token string (surrounding whitespace removed). An empty token is
    /// allowed (the widget then waits for one); one that cannot travel in an HTTP header is not.
    pub fn new(token: impl AsRef<str>) -> Result<Self, TokenError> {
        let token = token.as_ref().trim();
        if token.chars().any(char::is_control) {
            Err(TokenError::ControlCharacter)
        } else if !token.is_ascii() {
            Err(TokenError::NotAscii)
        } else {
            Ok(AccessToken(token.to_owned()))
        }
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

/// Where a fresh token comes from: the host's async callback (`tokenProvider`), called when
/// loading starts without a token and once after a 401. It yields the token text (checked by
/// [`AccessToken::new`] before use), or a reason it could not.
#[derive(Clone)]
pub struct TokenProvider(Rc<dyn Fn() -> LocalBoxFuture<'static, Result<String, String>>>);

impl TokenProvider {
    /// Wraps the callback.
    pub fn new(f: impl Fn() -> LocalBoxFuture<'static, Result<String, String>> + 'static) -> Self {
        TokenProvider(Rc::new(f))
    }

    /// Asks for a token.
    pub async fn fetch(&self) -> Result<String, String> {
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
    /// Time-out for each request (until its body has arrived), in milliseconds.
    pub timeout_ms: u32,
    /// Largest answer accepted, in bytes (counted while the body streams in).
    pub max_body_bytes: usize,
    /// Sent as `X-Target-Locale` (the widget's locale), so course titles come back in its
    /// language where the LMS has them.
    pub target_locale: Option<String>,
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
            target_locale: None,
        }
    }

    /// The `Authorization` header value, or why it cannot be sent.
    pub fn authorization(&self) -> Result<String, TokenError> {
        let scheme = self
            .auth_scheme
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        if scheme.is_some_and(|s| !s.bytes().all(|b| b.is_ascii_graphic())) {
            return Err(TokenError::Scheme);
        }
        Ok(self.token.header_value(scheme))
    }
}

/// How hard a load tries before it gives up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Further attempts after a retryable failure of one request (429, 502, 503, 504,
    /// network, time-out).
    pub attempts: u32,
    /// Pages followed at most before the load stops with an error.
    pub max_pages: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 4,
            max_pages: 10_000,
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
    fn tokens_that_cannot_travel_in_a_header_are_refused_without_quoting_them() {
        let secret = "p-1sJDjmULL5DdpXPJ";
        for (text, error) in [
            (format!("{secret}\r\nX-Evil: 1"), TokenError::ControlCharacter),
            (format!("{secret}\tx"), TokenError::ControlCharacter),
            (format!("{secret}\u{0}"), TokenError::ControlCharacter),
            (format!("“{secret}”"), TokenError::NotAscii),
            (format!("{secret}\u{a0}x"), TokenError::NotAscii),
        ] {
            assert_eq!(AccessToken::new(&text), Err(error), "{text:?}");
            assert!(!error.to_string().contains(secret));
        }
        // A trailing line break from a copy is surrounding whitespace: trimmed, accepted.
        let trimmed = AccessToken::new(format!("{secret}\r\n")).unwrap();
        assert_eq!(trimmed.header_value(None), secret);
        assert!(AccessToken::new("").unwrap().is_empty());
        let mut config = ClientConfig::new("", trimmed);
        config.auth_scheme = Some("Bearer token".into());
        assert_eq!(config.authorization(), Err(TokenError::Scheme));
        config.auth_scheme = Some(" Bearer ".into());
        assert_eq!(config.authorization().as_deref(), Ok("Bearer p-1sJDjmULL5DdpXPJ"));
    }

    #[test]
    fn token_is_redacted_and_sent_with_or_without_scheme() {
        let token = AccessToken::new(" p-1sJDjmULL5DdpXPJ ").unwrap();
        assert_eq!(format!("{token:?}"), "AccessToken(<redacted>)");
        let config = ClientConfig::new("/lms-api", token.clone());
        assert!(!format!("{config:?}").contains("p-1sJ"));
        assert_eq!(token.header_value(None), "p-1sJDjmULL5DdpXPJ");
        assert_eq!(token.header_value(Some("Bearer")), "Bearer p-1sJDjmULL5DdpXPJ");
        assert_eq!(token.header_value(Some("  ")), "p-1sJDjmULL5DdpXPJ");
    }
}
