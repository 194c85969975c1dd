//! Text the view shows that does not depend on the browser: relative day hints, counts,
//! thousands separators. (Dates themselves are formatted by the browser's `Intl`, per locale.)

use time::Date;

use crate::status::{lock_day, CertificateState, Status};

/// "in 3 days" / "tomorrow" / "today" / "yesterday" / "12 days ago".
pub fn relative_days(days: i32) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        -1 => "yesterday".to_owned(),
        d if d > 0 => format!("in {} days", group_digits(d.unsigned_abs().into())),
        d => format!("{} days ago", group_digits(d.unsigned_abs().into())),
    }
}

/// A hint next to the due date that explains the status: "due in 3 days", "overdue by 12 days",
/// "starts tomorrow", "locked yesterday". `None` when there is nothing to say.
pub fn status_hint(
    status: Status,
    access: Date,
    due: Option<Date>,
    expiration: Option<Date>,
    today: Date,
) -> Option<String> {
    let days = |d: Date| (d - today).whole_days() as i32;
    match status {
        Status::Upcoming => Some(format!("starts {}", relative_days(days(access)))),
        Status::DueSoon | Status::Active => due.map(|d| match days(d) {
            0 => "due today".to_owned(),
            n => format!("due {}", relative_days(n)),
        }),
        Status::Overdue => due.map(|d| match -days(d) {
            1 => "overdue by 1 day".to_owned(),
            n => format!("overdue by {} days", group_digits(n.unsigned_abs().into())),
        }),
        Status::Locked => {
            // Locked since the day after the lock day (status Locked implies the lock flag).
            let since = lock_day(due, expiration, true)?;
            Some(format!("locked {}", relative_days(days(since) + 1)))
        }
    }
}

/// What a card says about locking, in agreement with the status: the lock day is the same one
/// [`Status::derive`] uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockLine {
    /// The enrollment never locks.
    StaysOpen,
    /// Access ends after this day.
    LocksAfter(Date),
    /// Access ended; locked since this day.
    LockedSince(Date),
}

/// The lock line for an enrollment's dates, `today`.
pub fn lock_line(due: Option<Date>, expiration: Option<Date>, lock_after_due: bool, today: Date) -> LockLine {
    match lock_day(due, expiration, lock_after_due) {
        None => LockLine::StaysOpen,
        Some(day) if day < today => LockLine::LockedSince(day.next_day().unwrap_or(day)),
        Some(day) => LockLine::LocksAfter(day),
    }
}

/// "expires in 12 days", "expired 3 days ago", "expires today"; `None` for valid certificates
/// far from expiry and for no certificate. `expires` is the expiry's date in the viewer's time
/// zone.
pub fn certificate_hint(state: CertificateState, expires: Option<Date>, today: Date) -> Option<String> {
    let days = (expires? - today).whole_days() as i32;
    match state {
        CertificateState::Expiring if days == 0 => Some("expires today".to_owned()),
        CertificateState::Expiring => Some(format!("expires {}", relative_days(days))),
        CertificateState::Expired => Some(format!("expired {}", relative_days(days))),
        CertificateState::Valid | CertificateState::None => None,
    }
}

/// `1234567` → `"1,234,567"`.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "N of M enrollments" for the live count.
pub fn count_text(shown: usize, total: usize) -> String {
    let noun = if total == 1 { "enrollment" } else { "enrollments" };
    format!(
        "{} of {} {noun}",
        group_digits(shown as u64),
        group_digits(total as u64)
    )
}

/// "12 repeated records merged" when the LMS sent some enrollments more than once.
pub fn duplicates_text(merged: usize) -> String {
    let noun = if merged == 1 { "record" } else { "records" };
    format!(
        "{} repeated {noun} merged (the LMS sent some enrollments twice; each is shown once)",
        group_digits(merged as u64)
    )
}

/// "Loaded 3,000 enrollments…" while pages arrive.
pub fn progress_text(loaded: usize) -> String {
    format!("Loaded {} enrollments…", group_digits(loaded as u64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;
    use time::Duration;

    const TODAY: Date = date!(2026 - 11 - 26);

    fn day(n: i64) -> Date {
        TODAY + Duration::days(n)
    }

    #[test]
    fn relative_days_read_naturally() {
        assert_eq!(relative_days(0), "today");
        assert_eq!(relative_days(1), "tomorrow");
        assert_eq!(relative_days(-1), "yesterday");
        assert_eq!(relative_days(3), "in 3 days");
        assert_eq!(relative_days(-12), "12 days ago");
        assert_eq!(relative_days(1500), "in 1,500 days");
    }

    #[test]
    fn status_hints() {
        let hint = |s, access, due, exp| status_hint(s, access, due, exp, TODAY);
        assert_eq!(
            hint(Status::DueSoon, day(-5), Some(day(3)), None).as_deref(),
            Some("due in 3 days")
        );
        assert_eq!(
            hint(Status::DueSoon, day(-5), Some(day(0)), None).as_deref(),
            Some("due today")
        );
        assert_eq!(
            hint(Status::DueSoon, day(-5), Some(day(1)), None).as_deref(),
            Some("due tomorrow")
        );
        assert_eq!(
            hint(Status::Overdue, day(-50), Some(day(-12)), None).as_deref(),
            Some("overdue by 12 days")
        );
        assert_eq!(
            hint(Status::Overdue, day(-50), Some(day(-1)), None).as_deref(),
            Some("overdue by 1 day")
        );
        assert_eq!(
            hint(Status::Upcoming, day(1), None, None).as_deref(),
            Some("starts tomorrow")
        );
        assert_eq!(hint(Status::Active, day(-5), None, None), None);
        assert_eq!(
            hint(Status::Active, day(-5), Some(day(40)), None).as_deref(),
            Some("due in 40 days")
        );
        assert_eq!(
            hint(Status::Locked, day(-50), Some(day(-1)), Some(day(-1))).as_deref(),
            Some("locked today")
        );
        assert_eq!(
            hint(Status::Locked, day(-50), Some(day(-10)), Some(day(-10))).as_deref(),
            Some("locked 9 days ago")
        );
    }

    #[test]
    fn lock_line_agrees_with_the_status() {
        use crate::status::{DayFields, StatusRules};
        let rules = StatusRules::new(TODAY);
        let cases = [
            (Some(day(-5)), Some(day(3)), true, LockLine::LocksAfter(day(3))),
            (Some(day(-5)), Some(day(-1)), true, LockLine::LockedSince(day(0))),
            (Some(day(-5)), None, true, LockLine::LockedSince(day(-4))),
            (Some(day(2)), None, true, LockLine::LocksAfter(day(2))),
            (Some(day(0)), Some(day(0)), true, LockLine::LocksAfter(day(0))),
            (Some(day(-5)), Some(day(3)), false, LockLine::StaysOpen),
            (None, None, true, LockLine::StaysOpen),
        ];
        for (due, expiration, lock, expected) in cases {
            let line = lock_line(due, expiration, lock, TODAY);
            assert_eq!(line, expected, "{due:?} {expiration:?} {lock}");
            let fields = DayFields {
                access: day(-30).to_julian_day(),
                due: due.map(Date::to_julian_day),
                expiration: expiration.map(Date::to_julian_day),
                lock_after_due: lock,
            };
            let status = Status::derive(fields, &rules);
            assert_eq!(
                status == Status::Locked,
                matches!(line, LockLine::LockedSince(_)),
                "badge and lock line disagree: {status:?} / {line:?}"
            );
            let hint = status_hint(status, day(-30), due, expiration, TODAY);
            if let LockLine::LockedSince(since) = line {
                let expected = format!("locked {}", relative_days((since - TODAY).whole_days() as i32));
                assert_eq!(hint.as_deref(), Some(expected.as_str()));
            }
        }
    }

    #[test]
    fn certificate_hints() {
        assert_eq!(
            certificate_hint(CertificateState::Expiring, Some(day(0)), TODAY).as_deref(),
            Some("expires today")
        );
        assert_eq!(
            certificate_hint(CertificateState::Expiring, Some(day(12)), TODAY).as_deref(),
            Some("expires in 12 days")
        );
        assert_eq!(
            certificate_hint(CertificateState::Expired, Some(day(-3)), TODAY).as_deref(),
            Some("expired 3 days ago")
        );
        assert_eq!(
            certificate_hint(CertificateState::Valid, Some(day(300)), TODAY),
            None
        );
        assert_eq!(certificate_hint(CertificateState::Valid, None, TODAY), None);
    }

    #[test]
    fn counts() {
        assert_eq!(count_text(3, 300), "3 of 300 enrollments");
        assert_eq!(count_text(100_000, 100_000), "100,000 of 100,000 enrollments");
        assert_eq!(count_text(1, 1), "1 of 1 enrollment");
        assert_eq!(progress_text(3_000), "Loaded 3,000 enrollments…");
        assert!(duplicates_text(1).starts_with("1 repeated record merged"));
        assert!(duplicates_text(1_200).starts_with("1,200 repeated records merged"));
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_000), "1,000");
    }
}
