//! Derived states of an enrollment and its certificate, relative to a pinned "today".

use time::Date;

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
    /// Past the due date with "lock after due date", or past the expiration date.
    Locked = 4,
}

/// The certificate's state today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CertificateState {
    /// Issued and not expiring within the window (or never expiring).
    Valid = 0,
    /// Expires today or within the next `expiring_days` days.
    Expiring = 1,
    /// Expired before today.
    Expired = 2,
    /// No certificate.
    None = 3,
}

/// The parameters derived states depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusRules {
    /// The day states are computed for (the browser's local date in the widget; pinned in tests).
    pub today: Date,
    /// "Due soon" window in days (default 7).
    pub due_soon_days: u16,
    /// "Expiring" window for certificates in days (default 30).
    pub expiring_days: u16,
}

impl StatusRules {
    /// Default windows (7 days due soon, 30 days expiring) for `today`.
    pub fn new(today: Date) -> Self {
        StatusRules {
            today,
            due_soon_days: 7,
            expiring_days: 30,
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

    /// Label shown on badges and chips.
    pub fn label(self) -> &'static str {
        match self {
            Status::Upcoming => "Upcoming",
            Status::Active => "Active",
            Status::DueSoon => "Due soon",
            Status::Overdue => "Overdue",
            Status::Locked => "Locked",
        }
    }

    /// Derives the status from Julian day numbers. Precedence: locked, upcoming, overdue,
    /// due soon, active.
    pub fn derive(day: DayFields, rules: &StatusRules) -> Status {
        let today = rules.today_day();
        let past_due = day.due.is_some_and(|due| due < today);
        let expired = day.expiration.is_some_and(|exp| exp < today);
        if (past_due && day.lock_after_due) || expired {
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

    /// Label shown on badges and chips.
    pub fn label(self) -> &'static str {
        match self {
            CertificateState::Valid => "Certificate valid",
            CertificateState::Expiring => "Certificate expiring",
            CertificateState::Expired => "Certificate expired",
            CertificateState::None => "No certificate",
        }
    }

    /// Derives the state from the certificate's expiry day (UTC), if it has a certificate.
    pub fn derive(certificate: Option<Option<i32>>, rules: &StatusRules) -> CertificateState {
        let today = rules.today_day();
        match certificate {
            None => CertificateState::None,
            Some(None) => CertificateState::Valid,
            Some(Some(expires)) if expires < today => CertificateState::Expired,
            Some(Some(expires)) if expires - today <= i32::from(rules.expiring_days) => {
                CertificateState::Expiring
            }
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
        assert_eq!(status(-10, Some(-1), None, false), Status::Overdue);
        assert_eq!(
            status(-10, Some(0), Some(0), true),
            Status::DueSoon,
            "locks after today, not on it"
        );
        assert_eq!(
            status(-10, Some(30), Some(-1), false),
            Status::Locked,
            "past expiration"
        );
        assert_eq!(
            status(-10, Some(30), Some(0), true),
            Status::Active,
            "expires today: still open"
        );
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
    fn certificate_boundaries() {
        let rules = StatusRules::new(TODAY);
        assert_eq!(CertificateState::derive(None, &rules), CertificateState::None);
        assert_eq!(
            CertificateState::derive(Some(None), &rules),
            CertificateState::Valid
        );
        assert_eq!(
            CertificateState::derive(Some(Some(day(0))), &rules),
            CertificateState::Expiring,
            "expiring today"
        );
        assert_eq!(
            CertificateState::derive(Some(Some(day(30))), &rules),
            CertificateState::Expiring
        );
        assert_eq!(
            CertificateState::derive(Some(Some(day(31))), &rules),
            CertificateState::Valid
        );
        assert_eq!(
            CertificateState::derive(Some(Some(day(-1))), &rules),
            CertificateState::Expired
        );
    }
}
