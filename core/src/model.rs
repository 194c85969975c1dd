//! The enrollment record as the LMS sends it: the stable, public data contract.

use time::{Date, OffsetDateTime};

/// How a learner came to be enrolled (`enrollmentTypeGroup`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EnrollmentType {
    /// `0`: an administrator assigned the course.
    AssignedByAdmin = 0,
    /// `1`: the learner added the course from the catalog.
    FromCatalog = 1,
}

impl EnrollmentType {
    /// Every variant, in wire order.
    pub const ALL: [EnrollmentType; 2] = [EnrollmentType::AssignedByAdmin, EnrollmentType::FromCatalog];

    /// Stable identifier used in saved filter state.
    pub fn id(self) -> &'static str {
        match self {
            EnrollmentType::AssignedByAdmin => "assigned",
            EnrollmentType::FromCatalog => "catalog",
        }
    }

    /// The type with identifier `id`.
    pub fn from_id(id: &str) -> Option<EnrollmentType> {
        EnrollmentType::ALL.into_iter().find(|t| t.id() == id)
    }
}

/// A certificate issued for an enrollment (nested `<certificate>` or flat `cert*` fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// `issuedCertificateId`: opaque certificate ID.
    pub id: String,
    /// `issueDate` / `certIssueDate`.
    pub issued_at: Option<OffsetDateTime>,
    /// `expiryDate` / `certExpiryDate`; `None` means the certificate does not expire.
    pub expires_at: Option<OffsetDateTime>,
}

/// One enrollment of one learner in one course.
///
/// IDs are opaque strings: the live service sends UUIDs, but nothing here relies on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrollment {
    /// `enrollmentId`.
    pub enrollment_id: String,
    /// `courseId`.
    pub course_id: String,
    /// `learnerId`.
    pub learner_id: String,
    /// `accessDate`: the day the learner may start.
    pub access_date: Date,
    /// `dueDate`: the day the course should be completed, if set.
    pub due_date: Option<Date>,
    /// `expirationDate`: the day access ends (sent only with `shouldLockAfterDueDate`).
    pub expiration_date: Option<Date>,
    /// `shouldLockAfterDueDate`: access is locked once the due date has passed.
    pub should_lock_after_due_date: bool,
    /// `enrollmentTypeGroup`.
    pub enrollment_type: EnrollmentType,
    /// Certificate data, sent only for active enrollments that earned one.
    pub certificate: Option<Certificate>,
}

/// One answer of `GET /enrollment` or one page of `GET /enrollments`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EnrollmentPage {
    /// The enrollments in document order.
    pub enrollments: Vec<Enrollment>,
    /// Token for the next page; `None` on the last (or only) page.
    pub next_page_token: Option<String>,
}
