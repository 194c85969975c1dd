//! Readers for the scalar values the service sends: dates, timestamps, booleans, type codes.
//!
//! Each returns `None` when the text is not of the expected form; the caller turns that into a
//! [`ParseError::InvalidValue`](super::ParseError::InvalidValue) naming the field.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::model::EnrollmentType;

/// `2022-07-14`; leniently also the date part of a date-time (`2022-07-14T00:00:00+00:00`).
pub fn date(text: &str) -> Option<Date> {
    let (day, rest) = split_date(text)?;
    match rest.as_bytes().first() {
        None => Some(day),
        Some(b'T' | b't' | b' ') if clock(&rest[1..]).is_some() => Some(day),
        Some(_) => None,
    }
}

/// An ISO 8601 timestamp such as `2022-07-15T07:19:00+00:00`.
///
/// Lenient where the service is: `Z`, `+0000` or `+00` offsets, fractional seconds, a space
/// instead of `T`, missing seconds; no offset or a bare date is read as UTC.
pub fn timestamp(text: &str) -> Option<OffsetDateTime> {
    let (day, rest) = split_date(text)?;
    if rest.is_empty() {
        return Some(PrimitiveDateTime::new(day, Time::MIDNIGHT).assume_utc());
    }
    let (time, offset) = match rest.as_bytes()[0] {
        b'T' | b't' | b' ' => clock(&rest[1..])?,
        _ => return None,
    };
    Some(PrimitiveDateTime::new(day, time).assume_offset(offset))
}

/// `0`/`1` or `true`/`false` (any letter case).
pub fn boolean(text: &str) -> Option<bool> {
    match text {
        "1" => Some(true),
        "0" => Some(false),
        t if t.eq_ignore_ascii_case("true") => Some(true),
        t if t.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// `enrollmentTypeGroup`: `0` or `1`.
pub fn enrollment_type(text: &str) -> Option<EnrollmentType> {
    match text {
        "0" => Some(EnrollmentType::AssignedByAdmin),
        "1" => Some(EnrollmentType::FromCatalog),
        _ => None,
    }
}

/// Splits `YYYY-MM-DD` off the front of `text`.
fn split_date(text: &str) -> Option<(Date, &str)> {
    let bytes = text.as_bytes();
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = digits(&bytes[0..4])?;
    let month = Month::try_from(u8::try_from(digits(&bytes[5..7])?).ok()?).ok()?;
    let day = u8::try_from(digits(&bytes[8..10])?).ok()?;
    let date = Date::from_calendar_date(i32::try_from(year).ok()?, month, day).ok()?;
    Some((date, &text[10..]))
}

/// `HH:MM[:SS[.fff]][offset]` → time of day and offset (UTC when absent).
fn clock(text: &str) -> Option<(Time, UtcOffset)> {
    let bytes = text.as_bytes();
    if bytes.len() < 5 || bytes[2] != b':' {
        return None;
    }
    let hour = u8::try_from(digits(&bytes[0..2])?).ok()?;
    let minute = u8::try_from(digits(&bytes[3..5])?).ok()?;
    let mut rest = &text[5..];
    let mut second = 0u8;
    let mut nanos = 0u32;
    if let Some(after) = rest.strip_prefix(':') {
        let b = after.as_bytes();
        if b.len() < 2 {
            return None;
        }
        second = u8::try_from(digits(&b[0..2])?).ok()?;
        rest = &after[2..];
        if let Some(fraction) = rest.strip_prefix(['.', ',']) {
            let len = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if len == 0 {
                return None;
            }
            nanos = fraction_nanos(&fraction.as_bytes()[..len])?;
            rest = &fraction[len..];
        }
    }
    let time = Time::from_hms_nano(hour, minute, second.min(59), nanos).ok()?;
    Some((time, offset(rest)?))
}

/// `""`, `Z`, `±HH`, `±HHMM` or `±HH:MM`.
fn offset(text: &str) -> Option<UtcOffset> {
    if text.is_empty() || text == "Z" || text == "z" {
        return Some(UtcOffset::UTC);
    }
    let bytes = text.as_bytes();
    let sign: i8 = match bytes[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let rest = &bytes[1..];
    let (hours, minutes) = match rest.len() {
        2 => (digits(rest)?, 0),
        4 => (digits(&rest[0..2])?, digits(&rest[2..4])?),
        5 if rest[2] == b':' => (digits(&rest[0..2])?, digits(&rest[3..5])?),
        _ => return None,
    };
    let hours = i8::try_from(hours).ok()?;
    let minutes = i8::try_from(minutes).ok()?;
    UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok()
}

/// Up to nine fractional digits as nanoseconds; further digits are ignored.
fn fraction_nanos(digits_only: &[u8]) -> Option<u32> {
    let kept = &digits_only[..digits_only.len().min(9)];
    let value = digits(kept)?;
    Some(value * 10u32.pow(9 - kept.len() as u32))
}

/// A run of ASCII digits as a number (at most nine digits, so it cannot overflow).
fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn dates() {
        assert_eq!(date("2022-07-14"), Some(date!(2022 - 07 - 14)));
        assert_eq!(date("2022-07-14T07:19:00+02:00"), Some(date!(2022 - 07 - 14)));
        assert_eq!(date("2024-02-29 00:00"), Some(date!(2024 - 02 - 29)));
        for bad in [
            "",
            "2022-7-14",
            "2022-13-01",
            "2023-02-29",
            "14.07.2022",
            "2022-07-14x",
            "2022-07-14T",
            "２０２２-07-14",
        ] {
            assert_eq!(date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn timestamps() {
        let cases = [
            ("2022-07-15T07:19:00+00:00", datetime!(2022-07-15 07:19:00 UTC)),
            ("2022-07-15T07:19:00Z", datetime!(2022-07-15 07:19:00 UTC)),
            ("2022-07-15T09:19:00+0200", datetime!(2022-07-15 09:19:00 +2)),
            ("2022-07-15T02:19:00-05", datetime!(2022-07-15 02:19:00 -5)),
            (
                "2022-07-15T07:19:00.250+00:00",
                datetime!(2022-07-15 07:19:00.25 UTC),
            ),
            ("2022-07-15 07:19", datetime!(2022-07-15 07:19:00 UTC)),
            ("2022-07-15T07:19:00", datetime!(2022-07-15 07:19:00 UTC)),
            ("2022-07-15", datetime!(2022-07-15 00:00:00 UTC)),
        ];
        for (text, expected) in cases {
            assert_eq!(timestamp(text), Some(expected), "{text:?}");
        }
        for bad in [
            "",
            "yesterday",
            "2022-07-15T25:00:00Z",
            "2022-07-15T07:19:00+26:00",
            "2022-07-15T07:19:00.+00:00",
            "2022-07-15T07",
        ] {
            assert_eq!(timestamp(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn booleans_and_types() {
        assert_eq!(boolean("1"), Some(true));
        assert_eq!(boolean("TRUE"), Some(true));
        assert_eq!(boolean("false"), Some(false));
        assert_eq!(boolean("0"), Some(false));
        assert_eq!(boolean("yes"), None);
        assert_eq!(enrollment_type("0"), Some(EnrollmentType::AssignedByAdmin));
        assert_eq!(enrollment_type("1"), Some(EnrollmentType::FromCatalog));
        assert_eq!(enrollment_type("2"), None);
    }
}
