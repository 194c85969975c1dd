//! What went wrong, in the widget's language. The parser's own detail (where in the answer and
//! what was found) stays as the parser wrote it: it is for whoever fixes the LMS or the proxy.

use super::fill;
use super::messages::Messages;
use crate::api::{ApiError, TokenError};

/// The message for `error` from table `t`.
pub fn error_text(t: &Messages, error: &ApiError) -> String {
    match error {
        ApiError::Status { status, service, .. } => {
            let status_text = status.to_string();
            let mut text = match status {
                400 => t.http[0].to_owned(),
                401 => t.http[1].to_owned(),
                403 => t.http[2].to_owned(),
                404 => t.http[3].to_owned(),
                429 => t.http[4].to_owned(),
                500..=599 => fill(t.http_server, &[("status", &status_text)]),
                _ => fill(t.http_other, &[("status", &status_text)]),
            };
            if let Some(s) = service.as_ref().filter(|s| !s.message.is_empty()) {
                let message = crate::core::parse::snippet(&s.message);
                text.push_str(&fill(t.service_said, &[("message", &message), ("code", &s.code)]));
            }
            text
        }
        ApiError::Network => t.network.to_owned(),
        ApiError::Timeout { after_ms } => {
            fill(t.timeout, &[("seconds", &after_ms.div_ceil(1000).to_string())])
        }
        ApiError::Aborted => t.aborted.to_owned(),
        ApiError::TooLarge { bytes, limit } => fill(
            t.too_large,
            &[("bytes", &bytes.to_string()), ("limit", &limit.to_string())],
        ),
        ApiError::Body(detail) => fill(t.unreadable, &[("detail", &detail.to_string())]),
        ApiError::TokenUnavailable { reason } => fill(t.token_unavailable, &[("reason", reason)]),
        ApiError::PagingLoop { pages } => fill(t.paging_loop, &[("pages", &pages.to_string())]),
        ApiError::TooManyPages { pages } => fill(t.too_many_pages, &[("pages", &pages.to_string())]),
        ApiError::InvalidToken(token) => token_text(t, *token).to_owned(),
    }
}

/// Why a token cannot be sent, from table `t`.
pub fn token_text(t: &Messages, error: TokenError) -> &'static str {
    match error {
        TokenError::ControlCharacter => t.token_control,
        TokenError::NotAscii => t.token_not_ascii,
        TokenError::Scheme => t.token_scheme,
    }
}
