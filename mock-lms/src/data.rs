//! Deterministic account generator: the same seed, size and "today" give the same bytes.

use time::{Date, Duration, OffsetDateTime, Time};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GeneratorConfig {
    /// PRNG seed.
    pub seed: u64,
    /// Number of enrollments (the account has about a tenth as many learners).
    pub enrollments: usize,
    /// The day derived states are relative to.
    pub today: Date,
}

/// A course (`contentItem`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Course {
    /// `contentItemId` / `courseId`.
    pub id: String,
    /// `title`.
    pub title: String,
}

/// A learner (`userProfile`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Learner {
    /// `userId` / `learnerId`.
    pub id: String,
    /// `FIRST_NAME`.
    pub first_name: String,
    /// `LAST_NAME`.
    pub last_name: String,
    /// `EMAIL`.
    pub email: String,
    /// `departmentId`.
    pub department_id: String,
    /// 1 active, 3 inactive, 5 terminated.
    pub status: u8,
}

/// Which of the two certificate shapes an enrollment is rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateShape {
    /// `<certificate><issuedCertificateId/><issueDate/><expiryDate/></certificate>` (live service).
    Nested,
    /// `<issuedCertificateId/><certIssueDate/><certExpiryDate/>` (reference page).
    Flat,
}

/// A generated certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockCertificate {
    /// `issuedCertificateId`.
    pub id: String,
    /// Issue time.
    pub issued_at: OffsetDateTime,
    /// Expiry time, if the certificate expires.
    pub expires_at: Option<OffsetDateTime>,
}

/// A generated enrollment, with the wire spelling it is rendered in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockEnrollment {
    /// `enrollmentId`.
    pub id: String,
    /// Index into [`Dataset::courses`].
    pub course: usize,
    /// Index into [`Dataset::learners`].
    pub learner: usize,
    /// `accessDate`.
    pub access_date: Date,
    /// `dueDate`.
    pub due_date: Option<Date>,
    /// `expirationDate` (only with `should_lock`).
    pub expiration_date: Option<Date>,
    /// `shouldLockAfterDueDate`.
    pub should_lock: bool,
    /// `enrollmentTypeGroup`: false = 0 (assigned), true = 1 (catalog).
    pub from_catalog: bool,
    /// Certificate data.
    pub certificate: Option<MockCertificate>,
    /// Certificate spelling.
    pub shape: CertificateShape,
    /// Booleans as `true`/`false` instead of `1`/`0`.
    pub word_booleans: bool,
    /// `completionStatus` for `/learners/results`.
    pub completion: &'static str,
    /// `progress` (0–100).
    pub progress: u8,
}

/// A whole generated account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    /// The configuration it was generated from.
    pub config: GeneratorConfig,
    /// All courses.
    pub courses: Vec<Course>,
    /// All learners.
    pub learners: Vec<Learner>,
    /// All enrollments.
    pub enrollments: Vec<MockEnrollment>,
}

/// The situations every account shows, relative to `today`; the first enrollments take them in
/// order so that even a small account has each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scenario {
    Active,
    Upcoming,
    DueSoon,
    DueToday,
    Overdue,
    LockedPastDue,
    LockedExpired,
    LocksLater,
    CertificateValid,
    CertificateExpiring,
    CertificateExpired,
    CertificatePermanent,
}

const SCENARIOS: [Scenario; 12] = [
    Scenario::Active,
    Scenario::Upcoming,
    Scenario::DueSoon,
    Scenario::Overdue,
    Scenario::LockedPastDue,
    Scenario::CertificateValid,
    Scenario::CertificateExpiring,
    Scenario::CertificateExpired,
    Scenario::DueToday,
    Scenario::LockedExpired,
    Scenario::LocksLater,
    Scenario::CertificatePermanent,
];

const FIRST_NAMES: [&str; 24] = [
    "Helen", "Omar", "Aiko", "Lucas", "Priya", "Mateo", "Zoe", "Ivan", "Fatima", "Noah", "Chloé", "Kwame",
    "Sofia", "Liam", "Mei", "Arjun", "Elena", "Jonas", "Amara", "Diego", "Hana", "Felix", "Nadia", "Tomás",
];
const LAST_NAMES: [&str; 20] = [
    "Novak", "Haddad", "Tanaka", "Silva", "Sharma", "García", "Müller", "Petrov", "Okafor", "Smith",
    "Dubois", "Mensah", "Rossi", "O'Brien", "Chen", "Kowalski", "Larsen", "Nguyen", "Cohen", "Jensen",
];
const COURSE_TITLES: [&str; 16] = [
    "Workplace Safety Essentials",
    "Information Security Awareness",
    "Anti-Bribery & Corruption",
    "Customer Service Excellence",
    "GDPR for Everyday Work",
    "Leading Remote Teams",
    "First Aid Refresher",
    "Code of Conduct 2026",
    "Fire Safety <Level 2>",
    "Onboarding: Welcome to the Company",
    "Diversity, Equity & Inclusion",
    "Effective Feedback Conversations",
    "Forklift Operation Basics",
    "Anti-Money Laundering",
    "Project Management Fundamentals",
    "Time Management for Busy People",
];

impl Dataset {
    /// Generates an account. Sizes: `enrollments` enrollments, `max(8, n/10)` learners,
    /// `12 + n/5000` courses (at most 200); a learner never has the same course twice.
    pub fn generate(config: GeneratorConfig) -> Dataset {
        let mut rng = fastrand::Rng::with_seed(config.seed);
        let n = config.enrollments;
        let course_count = (12 + n / 5_000).min(200);
        let learner_count = (n / 10).max(8).max(n.div_ceil(course_count));
        let courses = (0..course_count)
            .map(|i| Course {
                id: uuid(&mut rng),
                title: match i / COURSE_TITLES.len() {
                    0 => COURSE_TITLES[i].to_owned(),
                    round => format!("{} ({})", COURSE_TITLES[i % COURSE_TITLES.len()], round + 1),
                },
            })
            .collect::<Vec<_>>();
        let departments = (0..6).map(|_| uuid(&mut rng)).collect::<Vec<_>>();
        let learners = (0..learner_count)
            .map(|i| {
                let first = FIRST_NAMES[rng.usize(..FIRST_NAMES.len())];
                let last = LAST_NAMES[rng.usize(..LAST_NAMES.len())];
                Learner {
                    id: uuid(&mut rng),
                    first_name: first.to_owned(),
                    last_name: last.to_owned(),
                    email: format!("{}.{}{}@example.com", ascii_lower(first), ascii_lower(last), i),
                    department_id: departments[rng.usize(..departments.len())].clone(),
                    status: [1, 1, 1, 1, 1, 1, 1, 3, 5][rng.usize(..9)],
                }
            })
            .collect::<Vec<_>>();
        // Each learner's courses start at a per-learner offset so the pairs stay unique.
        let offsets = (0..learner_count)
            .map(|_| rng.usize(..course_count))
            .collect::<Vec<_>>();
        let enrollments = (0..n)
            .map(|i| {
                let learner = i % learner_count;
                let course = (i / learner_count + offsets[learner]) % course_count;
                let scenario = if i < SCENARIOS.len() {
                    SCENARIOS[i]
                } else {
                    SCENARIOS[rng.usize(..SCENARIOS.len())]
                };
                enrollment(&mut rng, i, course, learner, scenario, config.today)
            })
            .collect();
        Dataset {
            config,
            courses,
            learners,
            enrollments,
        }
    }
}

fn enrollment(
    rng: &mut fastrand::Rng,
    index: usize,
    course: usize,
    learner: usize,
    scenario: Scenario,
    today: Date,
) -> MockEnrollment {
    let days = |rng: &mut fastrand::Rng, range: std::ops::RangeInclusive<i64>| Duration::days(rng.i64(range));
    let at = |rng: &mut fastrand::Rng, day: Date| {
        day.with_time(Time::from_hms(rng.u8(7..19), rng.u8(0..60), 0).unwrap_or(Time::MIDNIGHT))
            .assume_utc()
    };
    let access_date = today - days(rng, 10..=200);
    let mut e = MockEnrollment {
        id: uuid(rng),
        course,
        learner,
        access_date,
        due_date: None,
        expiration_date: None,
        should_lock: false,
        from_catalog: rng.bool(),
        certificate: None,
        shape: if index.is_multiple_of(2) {
            CertificateShape::Nested
        } else {
            CertificateShape::Flat
        },
        word_booleans: (index / 2) % 2 == 1,
        completion: ["not_started", "in_progress", "in_progress", "incomplete"][rng.usize(..4)],
        progress: rng.u8(0..90),
    };
    match scenario {
        Scenario::Active => {}
        Scenario::Upcoming => {
            e.access_date = today + days(rng, 1..=30);
            e.due_date = Some(e.access_date + days(rng, 14..=60));
            e.completion = "not_started";
            e.progress = 0;
        }
        Scenario::DueSoon => e.due_date = Some(today + days(rng, 1..=6)),
        Scenario::DueToday => e.due_date = Some(today),
        Scenario::Overdue => e.due_date = Some(today - days(rng, 1..=40)),
        Scenario::LockedPastDue => {
            let due = today - days(rng, 1..=40);
            e.due_date = Some(due);
            e.should_lock = true;
            e.expiration_date = Some(due);
        }
        Scenario::LockedExpired => {
            let due = today - days(rng, 20..=60);
            e.due_date = Some(due);
            e.should_lock = true;
            e.expiration_date = Some(due + days(rng, 1..=14));
        }
        Scenario::LocksLater => {
            let due = today + days(rng, 8..=90);
            e.due_date = Some(due);
            e.should_lock = true;
            e.expiration_date = Some(due + days(rng, 0..=14));
        }
        Scenario::CertificateValid
        | Scenario::CertificateExpiring
        | Scenario::CertificateExpired
        | Scenario::CertificatePermanent => {
            let issued = today - days(rng, 40..=400);
            let expires = match scenario {
                Scenario::CertificateValid => Some(today + days(rng, 31..=400)),
                Scenario::CertificateExpiring => Some(today + days(rng, 0..=30)),
                Scenario::CertificateExpired => Some(today - days(rng, 1..=39)),
                _ => None,
            };
            e.access_date = issued - days(rng, 1..=30);
            e.certificate = Some(MockCertificate {
                id: uuid(rng),
                issued_at: at(rng, issued),
                expires_at: expires.map(|d| at(rng, d)),
            });
            e.completion = ["passed", "complete"][rng.usize(..2)];
            e.progress = 100;
        }
    }
    e
}

/// A version-4-shaped UUID from the generator (deterministic, unlike a real v4).
fn uuid(rng: &mut fastrand::Rng) -> String {
    let v = rng.u128(..);
    let v = (v & !(0xF000 << 64) | (0x4000 << 64)) & !(0xC << 60) | (0x8 << 60);
    let hex = format!("{v:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn ascii_lower(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use time::macros::date;

    fn config(n: usize) -> GeneratorConfig {
        GeneratorConfig {
            seed: 7,
            enrollments: n,
            today: date!(2026 - 11 - 26),
        }
    }

    #[test]
    fn deterministic_for_a_seed() {
        assert_eq!(Dataset::generate(config(500)), Dataset::generate(config(500)));
        let other = Dataset::generate(GeneratorConfig {
            seed: 8,
            ..config(500)
        });
        assert_ne!(
            other.enrollments[0].id,
            Dataset::generate(config(500)).enrollments[0].id
        );
    }

    #[test]
    fn sizes_repetition_and_unique_pairs() {
        let data = Dataset::generate(config(100_000));
        assert_eq!(data.enrollments.len(), 100_000);
        assert_eq!(data.learners.len(), 10_000);
        assert_eq!(data.courses.len(), 32);
        let pairs: HashSet<_> = data.enrollments.iter().map(|e| (e.course, e.learner)).collect();
        assert_eq!(pairs.len(), 100_000);
        let ids: HashSet<_> = data.enrollments.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), 100_000);
    }

    #[test]
    fn uuids_look_real() {
        let data = Dataset::generate(config(10));
        for id in data.enrollments.iter().map(|e| &e.id) {
            assert_eq!(id.len(), 36);
            assert_eq!(&id[14..15], "4", "{id}");
            assert!(id.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        }
    }

    #[test]
    fn small_accounts_show_every_situation() {
        let data = Dataset::generate(config(12));
        let today = data.config.today;
        let e = &data.enrollments;
        assert!(e.iter().any(|e| e.access_date > today));
        assert!(e.iter().any(|e| e.due_date == Some(today)));
        assert!(e.iter().any(|e| e.should_lock && e.due_date < Some(today)));
        assert!(e
            .iter()
            .any(|e| !e.should_lock && e.due_date.is_some_and(|d| d < today)));
        let expiries: Vec<_> = e
            .iter()
            .filter_map(|e| e.certificate.as_ref())
            .map(|c| c.expires_at)
            .collect();
        assert_eq!(expiries.len(), 4);
        assert!(expiries.contains(&None));
        assert!(e
            .iter()
            .any(|e| e.shape == CertificateShape::Flat && e.certificate.is_some()));
        assert!(e
            .iter()
            .any(|e| e.shape == CertificateShape::Nested && e.certificate.is_some()));
        assert!(e.iter().any(|e| e.word_booleans) && e.iter().any(|e| !e.word_booleans));
        assert!(e.iter().any(|e| e.from_catalog) && e.iter().any(|e| !e.from_catalog));
    }
}
