//! Derived states of an enrollment and its certificate, relative to a pinned "today" (for the
//! calendar dates) and "now" (for certificate instants).

use time::{Date, OffsetDateTime};

/// Where an enrollment stands today. Exactly one applies; see [`Status::derive`] for the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// The access date is in the future.
    Upcoming = 0,
    /// Open, with no due date within the due-soon window.
    Active = 1,
    /// Due today or within the next `due_soon_days` days.
    DueSoon = 2,
    /// Past the due date and not locked.
    Overdue = 3,
    /// "Lock after due date" is set and today is past the lock day (see [`lock_day`]).
    Locked = 4,
}

/// The certificate's state today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CertificateState {
    /// Issued and not expiring within the window (or never expiring).
    Valid = 0,
    /// Expires within the next `expiring_days` × 24 hours from now.
    Expiring = 1,
    /// Its expiry instant has passed.
    Expired = 2,
    /// No certificate.
    None = 3,
}

/// The parameters derived states depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusRules {
    /// The day states are computed for (the browser's local date in the widget; pinned in tests).
    pub today: Date,
    /// The current instant (Unix seconds), certificate expiry is compared with.
    pub now: i64,
    /// "Due soon" window in days (default 7).
    pub due_soon_days: u16,
    /// "Expiring" window for certificates in days (default 30).
    pub expiring_days: u16,
}

impl StatusRules {
    /// Default windows (7 days due soon, 30 days expiring) for `today`, with "now" at the start
    /// of `today` in UTC (set the real instant with [`StatusRules::at`]).
    pub fn new(today: Date) -> Self {
        StatusRules {
            today,
            now: today.midnight().assume_utc().unix_timestamp(),
            due_soon_days: 7,
            expiring_days: 30,
        }
    }

    /// The same rules at instant `now`.
    pub fn at(self, now: OffsetDateTime) -> Self {
        StatusRules {
            now: now.unix_timestamp(),
            ..self
        }
    }

    /// `today` as a Julian day number, the unit the store keeps dates in.
    pub(crate) fn today_day(&self) -> i32 {
        self.today.to_julian_day()
    }
}

impl Status {
    /// Every status, in display order.
    pub const ALL: [Status; 5] = [
        Status::Upcoming,
        Status::Active,
        Status::DueSoon,
        Status::Overdue,
        Status::Locked,
    ];

    /// Derives the status from Julian day numbers. Precedence: locked, upcoming, overdue,
    /// due soon, active.
    pub fn derive(day: DayFields, rules: &StatusRules) -> Status {
        let today = rules.today_day();
        let past_due = day.due.is_some_and(|due| due < today);
        if day.lock_day().is_some_and(|lock| lock < today) {
            Status::Locked
        } else if day.access > today {
            Status::Upcoming
        } else if past_due {
            Status::Overdue
        } else if day
            .due
            .is_some_and(|due| due - today <= i32::from(rules.due_soon_days))
        {
            Status::DueSoon
        } else {
            Status::Active
        }
    }

    /// Stable identifier used in saved filter state (`"due-soon"`).
    pub fn id(self) -> &'static str {
        match self {
            Status::Upcoming => "upcoming",
            Status::Active => "active",
            Status::DueSoon => "due-soon",
            Status::Overdue => "overdue",
            Status::Locked => "locked",
        }
    }

    /// The status with identifier `id`.
    pub fn from_id(id: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.id() == id)
    }

    pub(crate) fn from_index(i: u8) -> Status {
        Status::ALL[usize::from(i).min(Status::ALL.len() - 1)]
    }
}

impl CertificateState {
    /// Every state, in display order.
    pub const ALL: [CertificateState; 4] = [
        CertificateState::Valid,
        CertificateState::Expiring,
        CertificateState::Expired,
        CertificateState::None,
    ];

    /// Derives the state from the certificate's expiry instant (Unix seconds; `None`: never
    /// expires), if it has a certificate. Expired once the instant is reached; expiring when it
    /// is at most `expiring_days` × 24 hours away.
    pub fn derive(certificate: Option<Option<i64>>, rules: &StatusRules) -> CertificateState {
        let window = i64::from(rules.expiring_days) * 86_400;
        match certificate {
            None => CertificateState::None,
            Some(None) => CertificateState::Valid,
            Some(Some(expires)) if expires <= rules.now => CertificateState::Expired,
            Some(Some(expires)) if expires.saturating_sub(rules.now) <= window => CertificateState::Expiring,
            Some(Some(_)) => CertificateState::Valid,
        }
    }

    /// Stable identifier used in saved filter state (`"expiring"`).
    pub fn id(self) -> &'static str {
        match self {
            CertificateState::Valid => "valid",
            CertificateState::Expiring => "expiring",
            CertificateState::Expired => "expired",
            CertificateState::None => "none",
        }
    }

    /// The state with identifier `id`.
    pub fn from_id(id: &str) -> Option<CertificateState> {
        CertificateState::ALL.into_iter().find(|s| s.id() == id)
    }

    pub(crate) fn from_index(i: u8) -> CertificateState {
        CertificateState::ALL[usize::from(i).min(CertificateState::ALL.len() - 1)]
    }
}

/// The dates (as Julian day numbers) and flag the status depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayFields {
    /// `accessDate`.
    pub access: i32,
    /// `dueDate`.
    pub due: Option<i32>,
    /// `expirationDate`.
    pub expiration: Option<i32>,
    /// `shouldLockAfterDueDate`.
    pub lock_after_due: bool,
}

impl DayFields {
    /// The last open day: with "lock after due date", the expiration date when there is one,
    /// else the due date; `None` when the enrollment never locks. Locked from the day after.
    pub fn lock_day(&self) -> Option<i32> {
        self.lock_after_due
            .then_some(self.expiration.or(self.due))
            .flatten()
    }
}

/// [`DayFields::lock_day`] for calendar dates.
pub fn lock_day(due: Option<Date>, expiration: Option<Date>, lock_after_due: bool) -> Option<Date> {
    lock_after_due.then_some(expiration.or(due)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 26);

    fn day(offset: i32) -> i32 {
        TODAY.to_julian_day() + offset
    }

    fn status(access: i32, due: Option<i32>, expiration: Option<i32>, lock: bool) -> Status {
        let fields = DayFields {
            access: day(access),
            due: due.map(day),
            expiration: expiration.map(day),
            lock_after_due: lock,
        };
        Status::derive(fields, &StatusRules::new(TODAY))
    }

    #[test]
    fn due_date_boundaries() {
        assert_eq!(status(-10, None, None, false), Status::Active);
        assert_eq!(status(-10, Some(0), None, false), Status::DueSoon, "due today");
        assert_eq!(
            status(-10, Some(7), None, false),
            Status::DueSoon,
            "due in exactly N days"
        );
        assert_eq!(
            status(-10, Some(8), None, false),
            Status::Active,
            "due in N+1 days"
        );
        assert_eq!(
            status(-10, Some(-1), None, false),
            Status::Overdue,
            "due yesterday"
        );
    }

    #[test]
    fn lock_versus_no_lock() {
        assert_eq!(status(-10, Some(-1), Some(-1), true), Status::Locked);
        assert_eq!(
            status(-10, Some(-1), None, true),
            Status::Locked,
            "no expiration: the due date"
        );
        assert_eq!(status(-10, Some(-1), None, false), Status::Overdue);
        assert_eq!(
            status(-10, Some(0), Some(0), true),
            Status::DueSoon,
            "locks after today, not on it"
        );
        assert_eq!(
            status(-10, Some(-5), Some(3), true),
            Status::Overdue,
            "due in the past, expiration in the future: not locked yet"
        );
        assert_eq!(
            status(-10, Some(-5), Some(-1), true),
            Status::Locked,
            "past the expiration date"
        );
        assert_eq!(
            status(-10, Some(30), Some(-1), false),
            Status::Active,
            "without the lock flag nothing locks"
        );
        assert_eq!(status(-10, None, None, true), Status::Active, "no day to lock on");
    }

    #[test]
    fn upcoming_wins_over_due_soon() {
        assert_eq!(status(1, Some(3), None, false), Status::Upcoming);
        assert_eq!(
            status(0, Some(3), None, false),
            Status::DueSoon,
            "access today is open"
        );
    }

    #[test]
    fn custom_due_soon_window() {
        let rules = StatusRules {
            due_soon_days: 2,
            ..StatusRules::new(TODAY)
        };
        let fields = |due| DayFields {
            access: day(-1),
            due: Some(day(due)),
            expiration: None,
            lock_after_due: false,
        };
        assert_eq!(Status::derive(fields(2), &rules), Status::DueSoon);
        assert_eq!(Status::derive(fields(3), &rules), Status::Active);
    }

    #[test]
    fn ids_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_id(s.id()), Some(s));
        }
        for c in CertificateState::ALL {
            assert_eq!(CertificateState::from_id(c.id()), Some(c));
        }
        assert_eq!(Status::from_id("late"), None);
    }

    #[test]
    fn certificate_instants() {
        // Now: 2026-11-26 01:00 UTC.
        let now = time::macros::datetime!(2026-11-26 01:00 UTC);
        let rules = StatusRules::new(TODAY).at(now);
        let at = |t: OffsetDateTime| Some(Some(t.unix_timestamp()));
        let state = |c| CertificateState::derive(c, &rules);
        let days = time::Duration::days;
        let secs = time::Duration::seconds;
        assert_eq!(state(None), CertificateState::None);
        assert_eq!(state(Some(None)), CertificateState::Valid, "never expires");
        assert_eq!(
            state(at(now + days(30))),
            CertificateState::Expiring,
            "exactly 30 days from now"
        );
        assert_eq!(
            state(at(now + days(30) + secs(1))),
            CertificateState::Valid,
            "one second later"
        );
        assert_eq!(state(at(now + secs(1))), CertificateState::Expiring);
        assert_eq!(
            state(at(now)),
            CertificateState::Expired,
            "the expiry instant itself"
        );
        assert_eq!(state(at(now - secs(1))), CertificateState::Expired);
        // 2026-12-26 12:00 UTC is on the 30th calendar day but more than 30 × 24 h away.
        let noon = time::macros::datetime!(2026-12-26 12:00 UTC);
        assert_eq!(state(at(noon)), CertificateState::Valid);
        // Expiry given in another offset, across midnight: 2026-11-26 02:30 +03:00 is
        // 2026-11-25 23:30 UTC, already past at 01:00 UTC on the 26th.
        let moscow = time::macros::datetime!(2026-11-26 02:30 +03:00);
        assert_eq!(state(at(moscow)), CertificateState::Expired);
        // …and 2026-11-25 23:30 -05:00 is 2026-11-26 04:30 UTC: still ahead.
        let new_york = time::macros::datetime!(2026-11-25 23:30 -05:00);
        assert_eq!(state(at(new_york)), CertificateState::Expiring);
    }
}
