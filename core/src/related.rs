//! What the related endpoints tell about the IDs on an enrollment: people (`GET /users/v2`),
//! departments (`GET /departments`), course titles (`GET /contents`) and progress
//! (`GET /learners/results`). Parsed by [`crate::parse::related`].
//!
//! Free-text values (names, titles) are kept as sent, trimmed; an empty value counts as absent.

use time::Date;

/// One answer of a list endpoint, or one page of its paged variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing<T> {
    /// The items in document order (duplicates kept as sent).
    pub items: Vec<T>,
    /// Token for the next page; `None` on the last (or only) page.
    pub next_page_token: Option<String>,
}

impl<T> Default for Listing<T> {
    fn default() -> Self {
        Listing {
            items: Vec::new(),
            next_page_token: None,
        }
    }
}

/// The kinds of related items, as named in documents and in
/// [`Location::Item`](crate::parse::Location::Item).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelatedKind {
    /// A [`Person`] (`<userProfile>`).
    Person,
    /// A [`Department`] (`<department>`).
    Department,
    /// A [`ContentItem`] (`<contentItem>`).
    ContentItem,
    /// A [`LearnerResult`] (`<result>`).
    LearnerResult,
}

impl RelatedKind {
    /// The item's element name (`userProfile`).
    pub const fn element(self) -> &'static str {
        match self {
            RelatedKind::Person => "userProfile",
            RelatedKind::Department => "department",
            RelatedKind::ContentItem => "contentItem",
            RelatedKind::LearnerResult => "result",
        }
    }

    /// The plural element of the paged shape (`userProfiles`).
    pub const fn wrapper(self) -> &'static str {
        match self {
            RelatedKind::Person => "userProfiles",
            RelatedKind::Department => "departments",
            RelatedKind::ContentItem => "contentItems",
            RelatedKind::LearnerResult => "results",
        }
    }

    /// The element of the item's (required) ID (`userId`).
    pub const fn id_field(self) -> &'static str {
        match self {
            RelatedKind::Person => "userId",
            RelatedKind::Department => "departmentId",
            RelatedKind::ContentItem => "contentItemId",
            RelatedKind::LearnerResult => "enrollmentId",
        }
    }
}

/// A user profile (`<userProfile>`): the learner's name and contact, from its `fields`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// `userId`.
    pub user_id: String,
    /// The `FIRST_NAME` field.
    pub first_name: Option<String>,
    /// The `LAST_NAME` field.
    pub last_name: Option<String>,
    /// The `EMAIL` field.
    pub email: Option<String>,
    /// The `LOGIN` field.
    pub login: Option<String>,
    /// The `JOB_TITLE` field.
    pub job_title: Option<String>,
    /// `departmentId`.
    pub department_id: Option<String>,
    /// `status`.
    pub status: PersonStatus,
}

impl Person {
    /// First and last name joined by a space ("Helen Ng"); family name first and no space for
    /// Chinese, Japanese and Korean names ("王芳", "山田太郎", "김민준"); just the one present when
    /// the other is missing; `None` when both are.
    pub fn full_name(&self) -> Option<String> {
        match (self.first_name.as_deref(), self.last_name.as_deref()) {
            (Some(first), Some(last)) if is_cjk(first) && is_cjk(last) => Some(format!("{last}{first}")),
            (Some(first), Some(last)) => Some(format!("{first} {last}")),
            (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
            (None, None) => None,
        }
    }

    /// What to show for the person: the full name, else the email, else the login, else the ID.
    pub fn display_name(&self) -> String {
        self.full_name()
            .or_else(|| self.email.clone())
            .or_else(|| self.login.clone())
            .unwrap_or_else(|| self.user_id.clone())
    }
}

/// `true` when `name` is written in Han, kana or Hangul only.
fn is_cjk(name: &str) -> bool {
    !name.is_empty()
        && name.chars().all(|c| {
            matches!(c as u32,
                0x1100..=0x11ff // Hangul Jamo
                | 0x3040..=0x30ff // Hiragana, Katakana
                | 0x3130..=0x318f // Hangul compatibility Jamo
                | 0x31f0..=0x31ff // Katakana phonetic extensions
                | 0x3400..=0x4dbf // Han extension A
                | 0x4e00..=0x9fff // Han
                | 0xac00..=0xd7af // Hangul syllables
                | 0xf900..=0xfaff // Han compatibility
                | 0x20000..=0x3134f // Han extensions B–H
            )
        })
}

/// A user's account state (`status`: 1 active, 3 inactive, 5 terminated).
///
/// Other numeric codes are kept as [`PersonStatus::Unknown`] rather than refused, so a code the
/// service adds later does not make a whole page unreadable; an absent or empty `status` is
/// [`PersonStatus::Unspecified`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonStatus {
    /// `1`.
    Active,
    /// `3`.
    Inactive,
    /// `5`.
    Terminated,
    /// Any other code (0–255).
    Unknown(u8),
    /// No status was sent.
    Unspecified,
}

impl PersonStatus {
    /// The status with wire code `code`.
    pub fn from_code(code: u8) -> PersonStatus {
        match code {
            1 => PersonStatus::Active,
            3 => PersonStatus::Inactive,
            5 => PersonStatus::Terminated,
            other => PersonStatus::Unknown(other),
        }
    }

    /// The wire code (`None` for [`PersonStatus::Unspecified`]).
    pub fn code(self) -> Option<u8> {
        match self {
            PersonStatus::Active => Some(1),
            PersonStatus::Inactive => Some(3),
            PersonStatus::Terminated => Some(5),
            PersonStatus::Unknown(code) => Some(code),
            PersonStatus::Unspecified => None,
        }
    }
}

/// A department (`<department>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    /// `departmentId`.
    pub department_id: String,
    /// `name`; empty when the service sent none (show the ID instead).
    pub name: String,
    /// `parentDepartmentId`; `None` for the root department.
    pub parent_department_id: Option<String>,
}

/// A content item (`<contentItem>`), here: a course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentItem {
    /// `contentItemId` (the enrollment's `courseId`).
    pub content_item_id: String,
    /// `title`; empty when the service sent none (show the ID instead).
    pub title: String,
}

/// A learner's progress in one enrollment (`<result>` of `GET /learners/results`).
#[derive(Debug, Clone, PartialEq)]
pub struct LearnerResult {
    /// `enrollmentId`.
    pub enrollment_id: String,
    /// `courseId`.
    pub course_id: Option<String>,
    /// `learnerId`.
    pub learner_id: Option<String>,
    /// `completionStatus` ([`CompletionStatus::Unknown`] when absent or not one of the nine).
    pub completion_status: CompletionStatus,
    /// `progress` in percent, 0–100. Out-of-range values are clamped (`120` → 100, `-3` → 0)
    /// and fractions cut off (`99.9` → 99, so only a finished course shows 100).
    pub progress: Option<u8>,
    /// `completionDate` (the date part when the service sends a date-time).
    pub completion_date: Option<Date>,
    /// `awardedScore` as sent (always finite).
    pub awarded_score: Option<f32>,
    /// `timeSpent` in whole seconds (sent as seconds, `H:MM:SS` or an ISO 8601 duration).
    pub time_spent_seconds: Option<u32>,
    /// `courseTitle`.
    pub course_title: Option<String>,
    /// `isOverdue`.
    pub is_overdue: Option<bool>,
}

/// Where a learner stands in a course (`completionStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CompletionStatus {
    /// `not_started`.
    NotStarted,
    /// `in_progress`.
    InProgress,
    /// `pending`: waiting for a reviewer.
    Pending,
    /// `complete`.
    Complete,
    /// `passed`.
    Passed,
    /// `accepted`.
    Accepted,
    /// `incomplete`.
    Incomplete,
    /// `failed`.
    Failed,
    /// `declined`.
    Declined,
    /// Absent, or a value the widget does not know (kept readable rather than refused).
    Unknown,
}

impl CompletionStatus {
    /// The nine known statuses, in wire order.
    pub const ALL: [CompletionStatus; 9] = [
        CompletionStatus::NotStarted,
        CompletionStatus::InProgress,
        CompletionStatus::Pending,
        CompletionStatus::Complete,
        CompletionStatus::Passed,
        CompletionStatus::Accepted,
        CompletionStatus::Incomplete,
        CompletionStatus::Failed,
        CompletionStatus::Declined,
    ];

    /// The wire value (`"not_started"`; `"unknown"` for [`CompletionStatus::Unknown`]).
    pub fn id(self) -> &'static str {
        match self {
            CompletionStatus::NotStarted => "not_started",
            CompletionStatus::InProgress => "in_progress",
            CompletionStatus::Pending => "pending",
            CompletionStatus::Complete => "complete",
            CompletionStatus::Passed => "passed",
            CompletionStatus::Accepted => "accepted",
            CompletionStatus::Incomplete => "incomplete",
            CompletionStatus::Failed => "failed",
            CompletionStatus::Declined => "declined",
            CompletionStatus::Unknown => "unknown",
        }
    }

    /// The status with identifier `id` (exactly as [`CompletionStatus::id`] spells it).
    pub fn from_id(id: &str) -> Option<CompletionStatus> {
        Self::ALL
            .into_iter()
            .chain([CompletionStatus::Unknown])
            .find(|s| s.id() == id)
    }

    /// `true` for the statuses that end a course successfully: complete, passed, accepted.
    pub fn is_successful(self) -> bool {
        matches!(
            self,
            CompletionStatus::Complete | CompletionStatus::Passed | CompletionStatus::Accepted
        )
    }
}
