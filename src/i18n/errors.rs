//! What went wrong, in the widget's language. The parser's own detail (where in the answer and
//! what was found) stays as the parser wrote it: it is for whoever fixes the LMS or the proxy.

use super::fill;
use super::messages::Messages;
use crate::api::{ApiError, TokenError, TokenTrouble};

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
        ApiError::TokenUnavailable { reason } => {
            let reason = match reason {
                TokenTrouble::NoProvider => t.token_no_provider,
                TokenTrouble::NoToken => t.token_empty,
                TokenTrouble::Failed(message) if !message.is_empty() => message,
                TokenTrouble::Failed(_) => t.token_failed,
            };
            fill(t.token_unavailable, &[("reason", reason)])
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ServiceMessage;
    use crate::i18n::{EN, RU};

    #[test]
    fn every_error_in_both_languages() {
        let errors = [
            ApiError::Status {
                status: 403,
                service: Some(ServiceMessage {
                    code: "403".into(),
                    message: "Permission denied".into(),
                }),
                retry_after: None,
            },
            ApiError::Status {
                status: 503,
                service: None,
                retry_after: Some(5),
            },
            ApiError::Status {
                status: 418,
                service: None,
                retry_after: None,
            },
            ApiError::Network,
            ApiError::Timeout { after_ms: 30_000 },
            ApiError::Aborted,
            ApiError::TooLarge {
                bytes: 300,
                limit: 200,
            },
            ApiError::TokenUnavailable {
                reason: TokenTrouble::NoProvider,
            },
            ApiError::TokenUnavailable {
                reason: TokenTrouble::Failed("SSO session ended".into()),
            },
            ApiError::TokenUnavailable {
                reason: TokenTrouble::Failed(String::new()),
            },
            ApiError::PagingLoop { pages: 3 },
            ApiError::TooManyPages { pages: 4 },
            ApiError::InvalidToken(TokenError::NotAscii),
        ];
        for error in &errors {
            let (en, ru) = (error_text(&EN, error), error_text(&RU, error));
            assert!(!en.contains('{') && !ru.contains('{'), "{en} / {ru}");
            assert!(ru.chars().any(|c| ('а'..='я').contains(&c)), "not Russian: {ru}");
            assert_ne!(en, ru);
        }
        let forbidden = error_text(&RU, &errors[0]);
        assert!(
            forbidden.contains("(403)") && forbidden.contains("«Permission denied» (код 403)"),
            "{forbidden}"
        );
        assert!(error_text(&RU, &errors[4]).contains("за 30 с"));
        assert!(error_text(&EN, &errors[8]).ends_with("host page: SSO session ended"));
        assert!(error_text(&EN, &errors[9]).ends_with("the token provider failed"));
    }
}
