//! Everything that can go wrong talking to the LMS, each with a message for the person using
//! the widget.

use std::fmt;

use super::config::TokenError;
use crate::core::parse::ParseError;

/// The service's own error body (`<code>`, `<message>`), when it sent one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceMessage {
    /// `<code>`.
    pub code: String,
    /// `<message>`.
    pub message: String,
}

/// Why no token could be had from the host page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenTrouble {
    /// Neither a token nor a token provider was given.
    NoProvider,
    /// The provider gave an empty token or no text.
    NoToken,
    /// The provider failed, with its error's message (the host's own words; may be empty).
    Failed(String),
}

/// A failed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The service answered with an error status (or a 2xx carrying an error body).
    Status {
        /// HTTP status.
        status: u16,
        /// The service's error body, if any.
        service: Option<ServiceMessage>,
        /// `Retry-After`, in seconds, when the service sent one.
        retry_after: Option<u32>,
    },
    /// No answer: offline, DNS, refused, or blocked by CORS (browsers do not say which).
    Network,
    /// No answer within the configured time.
    Timeout {
        /// The time-out that ran out.
        after_ms: u32,
    },
    /// A newer request replaced this one.
    Aborted,
    /// The answer was too large to load in the browser.
    TooLarge {
        /// Size announced or received.
        bytes: u64,
        /// The configured limit.
        limit: u64,
    },
    /// The answer could not be read as enrollments.
    Body(ParseError),
    /// No token could be had from the host page.
    TokenUnavailable {
        /// Why.
        reason: TokenTrouble,
    },
    /// The paged answers did not end: a page token came back that was followed before.
    PagingLoop {
        /// Pages read before the repeat.
        pages: u32,
    },
    /// More pages than the configured cap.
    TooManyPages {
        /// The cap that was reached.
        pages: u32,
    },
    /// The token (from the host page or its provider) cannot be sent.
    InvalidToken(TokenError),
}

impl ApiError {
    /// The HTTP status, when the service answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// `true` when the same request may well succeed if sent again: network failures,
    /// time-outs, 429, 502, 503 and 504.
    pub fn is_retryable(&self) -> bool {
        match self {
            ApiError::Network | ApiError::Timeout { .. } => true,
            ApiError::Status { status, .. } => matches!(status, 429 | 502 | 503 | 504),
            _ => false,
        }
    }

    /// The `Retry-After` the service asked for, in seconds.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            ApiError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// Classifies an answer with status `status` and body `body` that did not yield
    /// enrollments: the error body's code and message are kept when present.
    pub fn from_status(status: u16, body: &str) -> ApiError {
        let service = match crate::core::parse::parse_enrollments(body) {
            Err(ParseError::Service { code, message }) => Some(ServiceMessage { code, message }),
            _ => None,
        };
        ApiError::Status {
            status,
            service,
            retry_after: None,
        }
    }
}

impl From<ParseError> for ApiError {
    /// An error body inside a 2xx answer becomes a status error with the body's code.
    fn from(error: ParseError) -> Self {
        match error {
            ParseError::Service { code, message } => ApiError::Status {
                status: code
                    .parse()
                    .ok()
                    .filter(|s| (400..600).contains(s))
                    .unwrap_or(200),
                service: Some(ServiceMessage { code, message }),
                retry_after: None,
            },
            other => ApiError::Body(other),
        }
    }
}

impl From<TokenError> for ApiError {
    fn from(error: TokenError) -> Self {
        ApiError::InvalidToken(error)
    }
}

impl fmt::Display for ApiError {
    /// The English message (the view words it in the widget's language).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::error_text(&crate::i18n::EN, self))
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_have_meanings() {
        let forbidden = ApiError::from_status(
            403,
            "<response><code>403</code><message>Permission denied</message></response>",
        );
        assert_eq!(forbidden.status(), Some(403));
        let text = forbidden.to_string();
        assert!(
            text.contains("Your role cannot list enrollments")
                && text.contains("“Permission denied” (code 403)"),
            "{text}"
        );
        assert!(ApiError::from_status(401, "")
            .to_string()
            .contains("session has expired"));
        assert!(ApiError::from_status(404, "Not Found")
            .to_string()
            .contains("endpoint setting"));
        let bad_gateway = ApiError::from_status(502, "<html><body>Bad Gateway</body></html>");
        assert_eq!(
            bad_gateway,
            ApiError::Status {
                status: 502,
                service: None,
                retry_after: None
            }
        );
        assert!(bad_gateway.is_retryable() && !forbidden.is_retryable());
        for (status, retryable) in [
            (429, true),
            (500, false),
            (501, false),
            (503, true),
            (504, true),
            (401, false),
        ] {
            assert_eq!(
                ApiError::from_status(status, "").is_retryable(),
                retryable,
                "{status}"
            );
        }
        assert!(ApiError::Network.is_retryable() && ApiError::Timeout { after_ms: 1 }.is_retryable());
        // The loader relies on these two never being retried: they are the only errors that can
        // follow a batch of an answer already stored (`Loader`, `append_in_batches`).
        assert!(!ApiError::Body(ParseError::EmptyBody).is_retryable() && !ApiError::Aborted.is_retryable());
        assert!(ApiError::Network.to_string().contains("its own origin"));
        assert!(ApiError::Timeout { after_ms: 30_000 }
            .to_string()
            .contains("30 seconds"));
    }

    #[test]
    fn error_body_in_a_success_answer() {
        let err = ApiError::from(ParseError::Service {
            code: "401".into(),
            message: "expired".into(),
        });
        assert_eq!(err.status(), Some(401));
        let err = ApiError::from(ParseError::EmptyBody);
        assert_eq!(err, ApiError::Body(ParseError::EmptyBody));
    }
}
