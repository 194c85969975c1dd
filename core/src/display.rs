//! What a card says about an enrollment's dates, as values the view puts into words (the words
//! and numbers themselves are the view's, per language: this crate keeps ids only).

use time::Date;

use crate::status::{lock_day, CertificateState, Status};

/// A hint next to the due date that explains the status. Day counts are relative to today
/// (negative: in the past).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusHint {
    /// Access opens in this many days ("starts tomorrow").
    Starts(i32),
    /// Due in this many days, 0 for today ("due in 3 days").
    Due(i32),
    /// Overdue by this many days, at least 1 ("overdue by 12 days").
    Overdue(u32),
    /// Locked since this day, relative to today (0 or less: "locked yesterday").
    Locked(i32),
}

/// A hint next to a certificate close to or past its expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateHint {
    /// Expires in this many days, 0 for today.
    Expires(i32),
    /// Expired this many days ago, as a day offset (0 or less).
    Expired(i32),
}

/// The hint for an enrollment's `status` and dates, `today`; `None` when there is nothing to say.
pub fn status_hint(
    status: Status,
    access: Date,
    due: Option<Date>,
    expiration: Option<Date>,
    today: Date,
) -> Option<StatusHint> {
    let days = |d: Date| (d - today).whole_days() as i32;
    match status {
        Status::Upcoming => Some(StatusHint::Starts(days(access))),
        Status::DueSoon | Status::Active => due.map(|d| StatusHint::Due(days(d))),
        Status::Overdue => due.map(|d| StatusHint::Overdue(days(d).unsigned_abs().max(1))),
        Status::Locked => {
            // Locked since the day after the lock day (status Locked implies the lock flag).
            let since = lock_day(due, expiration, true)?;
            Some(StatusHint::Locked(days(since) + 1))
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

/// The certificate hint for `state`; `None` for valid certificates far from expiry and for no
/// certificate. `expires` is the expiry's date in the viewer's time zone.
pub fn certificate_hint(
    state: CertificateState,
    expires: Option<Date>,
    today: Date,
) -> Option<CertificateHint> {
    let days = (expires? - today).whole_days() as i32;
    match state {
        CertificateState::Expiring => Some(CertificateHint::Expires(days)),
        CertificateState::Expired => Some(CertificateHint::Expired(days)),
        CertificateState::Valid | CertificateState::None => None,
    }
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
    fn status_hints() {
        let hint = |s, access, due, exp| status_hint(s, access, due, exp, TODAY);
        assert_eq!(
            hint(Status::DueSoon, day(-5), Some(day(3)), None),
            Some(StatusHint::Due(3))
        );
        assert_eq!(
            hint(Status::DueSoon, day(-5), Some(day(0)), None),
            Some(StatusHint::Due(0))
        );
        assert_eq!(
            hint(Status::Overdue, day(-50), Some(day(-12)), None),
            Some(StatusHint::Overdue(12))
        );
        assert_eq!(
            hint(Status::Overdue, day(-50), Some(day(-1)), None),
            Some(StatusHint::Overdue(1))
        );
        assert_eq!(
            hint(Status::Upcoming, day(1), None, None),
            Some(StatusHint::Starts(1))
        );
        assert_eq!(hint(Status::Active, day(-5), None, None), None);
        assert_eq!(
            hint(Status::Active, day(-5), Some(day(40)), None),
            Some(StatusHint::Due(40))
        );
        assert_eq!(
            hint(Status::Locked, day(-50), Some(day(-1)), Some(day(-1))),
            Some(StatusHint::Locked(0))
        );
        assert_eq!(
            hint(Status::Locked, day(-50), Some(day(-10)), Some(day(-10))),
            Some(StatusHint::Locked(-9))
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
                let expected = StatusHint::Locked((since - TODAY).whole_days() as i32);
                assert_eq!(hint, Some(expected));
            }
        }
    }

    #[test]
    fn certificate_hints() {
        assert_eq!(
            certificate_hint(CertificateState::Expiring, Some(day(0)), TODAY),
            Some(CertificateHint::Expires(0))
        );
        assert_eq!(
            certificate_hint(CertificateState::Expiring, Some(day(12)), TODAY),
            Some(CertificateHint::Expires(12))
        );
        assert_eq!(
            certificate_hint(CertificateState::Expired, Some(day(-3)), TODAY),
            Some(CertificateHint::Expired(-3))
        );
        assert_eq!(
            certificate_hint(CertificateState::Valid, Some(day(300)), TODAY),
            None
        );
        assert_eq!(certificate_hint(CertificateState::Valid, None, TODAY), None);
    }
}
