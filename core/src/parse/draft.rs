//! An enrollment being assembled from its fields, in whatever order they arrive.

use time::{Date, OffsetDateTime};

use super::error::{Location, ParseError};
use super::values;
use crate::model::{Certificate, Enrollment, EnrollmentType};

/// The fields of `<enrollment>` (and of its nested `<certificate>`) that the widget reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    EnrollmentId,
    CourseId,
    LearnerId,
    AccessDate,
    DueDate,
    ExpirationDate,
    ShouldLock,
    EnrollmentType,
    CertificateId,
    CertificateIssued,
    CertificateExpires,
}

impl Field {
    /// Maps an element name to a field: flat certificate names (`certIssueDate`) at the
    /// enrollment level, nested ones (`issueDate`) inside `<certificate>`.
    pub(super) fn from_name(name: &[u8], in_certificate: bool) -> Option<Field> {
        Some(match (name, in_certificate) {
            (b"enrollmentId", false) => Field::EnrollmentId,
            (b"courseId", false) => Field::CourseId,
            (b"learnerId", false) => Field::LearnerId,
            (b"accessDate", false) => Field::AccessDate,
            (b"dueDate", false) => Field::DueDate,
            (b"expirationDate", false) => Field::ExpirationDate,
            (b"shouldLockAfterDueDate", false) => Field::ShouldLock,
            (b"enrollmentTypeGroup", false) => Field::EnrollmentType,
            (b"issuedCertificateId", _) => Field::CertificateId,
            (b"certIssueDate", _) | (b"issueDate", true) => Field::CertificateIssued,
            (b"certExpiryDate", _) | (b"expiryDate", true) => Field::CertificateExpires,
            _ => return None,
        })
    }

    /// The element name used in messages (flat certificate names for certificate fields).
    pub(super) fn name(self) -> &'static str {
        match self {
            Field::EnrollmentId => "enrollmentId",
            Field::CourseId => "courseId",
            Field::LearnerId => "learnerId",
            Field::AccessDate => "accessDate",
            Field::DueDate => "dueDate",
            Field::ExpirationDate => "expirationDate",
            Field::ShouldLock => "shouldLockAfterDueDate",
            Field::EnrollmentType => "enrollmentTypeGroup",
            Field::CertificateId => "issuedCertificateId",
            Field::CertificateIssued => "certIssueDate",
            Field::CertificateExpires => "certExpiryDate",
        }
    }
}

const DATE: &str = "a date like 2022-07-14";
const TIMESTAMP: &str = "a date-time like 2022-07-15T07:19:00+00:00";
const BOOLEAN: &str = "0, 1, true or false";
const TYPE: &str = "0 (assigned by an administrator) or 1 (added from the catalog)";
const ID: &str = "a non-empty ID";

/// Fields read so far for the enrollment at `index` (1-based).
#[derive(Debug, Default)]
pub(super) struct Draft {
    index: usize,
    enrollment_id: Option<String>,
    course_id: Option<String>,
    learner_id: Option<String>,
    access_date: Option<Date>,
    due_date: Option<Date>,
    expiration_date: Option<Date>,
    should_lock: Option<bool>,
    enrollment_type: Option<EnrollmentType>,
    certificate_id: Option<String>,
    certificate_issued: Option<OffsetDateTime>,
    certificate_expires: Option<OffsetDateTime>,
    has_certificate: bool,
}

impl Draft {
    pub(super) fn new(index: usize) -> Self {
        Draft {
            index,
            ..Draft::default()
        }
    }

    pub(super) fn location(&self) -> Location {
        Location::Enrollment {
            index: self.index,
            enrollment_id: self.enrollment_id.clone(),
        }
    }

    /// Stores one trimmed value. An empty optional value means "not set".
    pub(super) fn set(&mut self, field: Field, value: &str, offset: u64) -> Result<(), ParseError> {
        let invalid = |draft: &Draft, expected| ParseError::InvalidValue {
            at: draft.location(),
            field: field.name(),
            value: value.to_owned(),
            expected,
            offset,
        };
        let id = |draft: &Draft| match value {
            "" => Err(invalid(draft, ID)),
            v => Ok(Some(v.to_owned())),
        };
        let optional_date = |draft: &Draft| match value {
            "" => Ok(None),
            v => values::date(v).map(Some).ok_or_else(|| invalid(draft, DATE)),
        };
        let optional_timestamp = |draft: &Draft| match value {
            "" => Ok(None),
            v => values::timestamp(v)
                .map(Some)
                .ok_or_else(|| invalid(draft, TIMESTAMP)),
        };
        match field {
            Field::EnrollmentId => self.enrollment_id = id(self)?,
            Field::CourseId => self.course_id = id(self)?,
            Field::LearnerId => self.learner_id = id(self)?,
            Field::AccessDate => {
                self.access_date = Some(values::date(value).ok_or_else(|| invalid(self, DATE))?)
            }
            Field::DueDate => self.due_date = optional_date(self)?,
            Field::ExpirationDate => self.expiration_date = optional_date(self)?,
            Field::ShouldLock => {
                self.should_lock = Some(values::boolean(value).ok_or_else(|| invalid(self, BOOLEAN))?)
            }
            Field::EnrollmentType => {
                self.enrollment_type =
                    Some(values::enrollment_type(value).ok_or_else(|| invalid(self, TYPE))?)
            }
            Field::CertificateId => {
                self.certificate_id = (!value.is_empty()).then(|| value.to_owned());
                self.has_certificate |= !value.is_empty();
            }
            Field::CertificateIssued => {
                self.certificate_issued = optional_timestamp(self)?;
                self.has_certificate |= !value.is_empty();
            }
            Field::CertificateExpires => {
                self.certificate_expires = optional_timestamp(self)?;
                self.has_certificate |= !value.is_empty();
            }
        }
        Ok(())
    }

    /// Checks the required fields and builds the enrollment.
    pub(super) fn finish(self) -> Result<Enrollment, ParseError> {
        let certificate = match (self.has_certificate, &self.certificate_id) {
            (false, _) => None,
            (true, None) => {
                return Err(ParseError::MissingField {
                    at: self.location(),
                    field: Field::CertificateId.name(),
                })
            }
            (true, Some(id)) => Some(Certificate {
                id: id.clone(),
                issued_at: self.certificate_issued,
                expires_at: self.certificate_expires,
            }),
        };
        match (
            self.enrollment_id,
            self.course_id,
            self.learner_id,
            self.access_date,
            self.should_lock,
            self.enrollment_type,
        ) {
            (
                Some(enrollment_id),
                Some(course_id),
                Some(learner_id),
                Some(access_date),
                Some(should_lock_after_due_date),
                Some(enrollment_type),
            ) => Ok(Enrollment {
                enrollment_id,
                course_id,
                learner_id,
                access_date,
                due_date: self.due_date,
                expiration_date: self.expiration_date,
                should_lock_after_due_date,
                enrollment_type,
                certificate,
            }),
            (enrollment_id, course_id, learner_id, access_date, should_lock, _) => {
                let field = [
                    (enrollment_id.is_none(), Field::EnrollmentId),
                    (course_id.is_none(), Field::CourseId),
                    (learner_id.is_none(), Field::LearnerId),
                    (access_date.is_none(), Field::AccessDate),
                    (should_lock.is_none(), Field::ShouldLock),
                ]
                .into_iter()
                .find_map(|(absent, field)| absent.then_some(field))
                .unwrap_or(Field::EnrollmentType);
                Err(ParseError::MissingField {
                    at: Location::Enrollment {
                        index: self.index,
                        enrollment_id,
                    },
                    field: field.name(),
                })
            }
        }
    }
}
