//! When to try a failed request again: exponential back-off with jitter, or what the service's
//! `Retry-After` asks for.

/// The first back-off step; later ones double (about 0.5, 1, 2, 4 s).
const BASE_DELAY_MS: f64 = 500.0;
/// The longest wait accepted from `Retry-After` (a longer one is cut to this).
pub const MAX_RETRY_AFTER_SECS: u32 = 120;

/// How long to wait before retry number `retry` (1 for the first), given the service's
/// `Retry-After` in seconds, if any, and `random` in `[0, 1)` for the jitter (±25 %).
pub fn retry_delay_ms(retry: u32, retry_after_secs: Option<u32>, random: f64) -> u32 {
    if let Some(secs) = retry_after_secs {
        return secs.min(MAX_RETRY_AFTER_SECS) * 1000;
    }
    let step = BASE_DELAY_MS * f64::from(1u32 << retry.saturating_sub(1).min(10));
    let jitter = 0.75 + 0.5 * random.clamp(0.0, 1.0);
    (step * jitter).round() as u32
}

/// `Retry-After` given as a number of seconds; `None` for anything else (an HTTP date is
/// resolved by the caller, which knows the time).
pub fn retry_after_seconds(value: &str) -> Option<u32> {
    let value = value.trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        value
            .parse::<u64>()
            .map_or(u32::MAX, |s| s.min(u64::from(u32::MAX)) as u32),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_with_bounded_jitter() {
        let middle: Vec<u32> = (1..=4).map(|n| retry_delay_ms(n, None, 0.5)).collect();
        assert_eq!(middle, [500, 1000, 2000, 4000]);
        assert_eq!(retry_delay_ms(1, None, 0.0), 375);
        assert_eq!(retry_delay_ms(1, None, 0.999_999), 625);
        assert_eq!(retry_delay_ms(3, None, 0.0), 1500);
        assert!(
            retry_delay_ms(400, None, 1.0) <= 640_000,
            "large attempt numbers do not overflow"
        );
    }

    #[test]
    fn retry_after_wins_and_is_capped() {
        assert_eq!(retry_delay_ms(1, Some(3), 0.9), 3000);
        assert_eq!(retry_delay_ms(4, Some(0), 0.9), 0);
        assert_eq!(retry_delay_ms(1, Some(86_400), 0.5), MAX_RETRY_AFTER_SECS * 1000);
    }

    #[test]
    fn retry_after_header_values() {
        assert_eq!(retry_after_seconds("2"), Some(2));
        assert_eq!(retry_after_seconds(" 120 "), Some(120));
        assert_eq!(retry_after_seconds("99999999999999999999"), Some(u32::MAX));
        assert_eq!(retry_after_seconds("Wed, 21 Oct 2026 07:28:00 GMT"), None);
        assert_eq!(retry_after_seconds("-1"), None);
        assert_eq!(retry_after_seconds(""), None);
    }
}
