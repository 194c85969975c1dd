//! Which related resources a widget resolves (the `enrich` attribute) and how each went (the
//! `enrichment-status` event).

/// The related resources the widget may ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnrichParts {
    /// Learners' names, e-mails and logins (`GET /users/v2`).
    pub names: bool,
    /// Course titles (`GET /contents`).
    pub titles: bool,
    /// Department paths (`GET /departments`).
    pub departments: bool,
    /// Completion and progress (`GET /learners/results`).
    pub progress: bool,
}

impl Default for EnrichParts {
    fn default() -> Self {
        EnrichParts::ALL
    }
}

impl EnrichParts {
    /// Everything.
    pub const ALL: EnrichParts = EnrichParts {
        names: true,
        titles: true,
        departments: true,
        progress: true,
    };
    /// Nothing: the cards show IDs.
    pub const NONE: EnrichParts = EnrichParts {
        names: false,
        titles: false,
        departments: false,
        progress: false,
    };

    /// Reads the `enrich` attribute: `all` (also when absent or empty), `none`, or words among
    /// `names`, `titles` (or `courses`), `departments`, `progress` (or `results`), separated by
    /// spaces or commas. Unknown words are ignored.
    pub fn parse(text: Option<&str>) -> EnrichParts {
        let text = text.map(str::trim).unwrap_or_default();
        if text.is_empty() || text.eq_ignore_ascii_case("all") {
            return EnrichParts::ALL;
        }
        let mut parts = EnrichParts::NONE;
        for word in text.split([' ', ',']).filter(|w| !w.is_empty()) {
            match word.to_ascii_lowercase().as_str() {
                "all" => parts = EnrichParts::ALL,
                "names" | "users" | "people" => parts.names = true,
                "titles" | "courses" => parts.titles = true,
                "departments" => parts.departments = true,
                "progress" | "results" => parts.progress = true,
                _ => {}
            }
        }
        parts
    }

    /// `true` when nothing is to be resolved.
    pub fn is_none(self) -> bool {
        self == EnrichParts::NONE
    }
}

/// How resolving one resource went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartStatus {
    /// Not asked for (switched off by `enrich`).
    Off,
    /// Requests are on their way.
    Pending,
    /// Everything asked for arrived.
    Complete,
    /// Some requests failed; what arrived is shown.
    Partial,
    /// The token may not read this resource (403); IDs are shown.
    Forbidden,
    /// Every request failed.
    Failed,
}

impl PartStatus {
    /// The value in the `enrichment-status` event (`None` for off and pending).
    pub fn id(self) -> Option<&'static str> {
        match self {
            PartStatus::Complete => Some("complete"),
            PartStatus::Partial => Some("partial"),
            PartStatus::Forbidden => Some("forbidden"),
            PartStatus::Failed => Some("failed"),
            PartStatus::Off | PartStatus::Pending => None,
        }
    }

    /// The status after `succeeded` and `failed` requests, `forbidden` when a 403 came.
    pub fn after(succeeded: usize, failed: usize, forbidden: bool) -> PartStatus {
        match (forbidden, succeeded, failed) {
            (true, _, _) => PartStatus::Forbidden,
            (false, _, 0) => PartStatus::Complete,
            (false, 0, _) => PartStatus::Failed,
            _ => PartStatus::Partial,
        }
    }
}

/// One resource enrichment reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnrichPart {
    /// Names (`GET /users/v2`).
    Users = 0,
    /// Course titles (`GET /contents`).
    Courses = 1,
    /// Progress (`GET /learners/results`).
    Results = 2,
    /// Departments (`GET /departments`).
    Departments = 3,
}

/// How each resource went, for the `enrichment-status` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnrichmentStatus {
    /// `GET /users/v2`.
    pub users: PartStatus,
    /// `GET /contents` (and titles from results).
    pub courses: PartStatus,
    /// `GET /learners/results`.
    pub results: PartStatus,
    /// `GET /departments`.
    pub departments: PartStatus,
}

impl EnrichmentStatus {
    /// Everything switched on still pending, the rest off.
    pub fn pending(parts: EnrichParts) -> EnrichmentStatus {
        let status = |on: bool| if on { PartStatus::Pending } else { PartStatus::Off };
        EnrichmentStatus {
            users: status(parts.names),
            courses: status(parts.titles),
            results: status(parts.progress),
            departments: status(parts.departments),
        }
    }

    /// `true` when no part is pending.
    pub fn is_settled(&self) -> bool {
        [self.users, self.courses, self.results, self.departments]
            .iter()
            .all(|s| *s != PartStatus::Pending)
    }

    /// The parts that could not be read, with their status, for a quiet notice.
    pub fn unavailable(&self) -> Vec<(EnrichPart, PartStatus)> {
        [
            (EnrichPart::Users, self.users),
            (EnrichPart::Courses, self.courses),
            (EnrichPart::Results, self.results),
            (EnrichPart::Departments, self.departments),
        ]
        .into_iter()
        .filter(|(_, s)| {
            matches!(
                s,
                PartStatus::Forbidden | PartStatus::Failed | PartStatus::Partial
            )
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_enrich_attribute() {
        assert_eq!(EnrichParts::parse(None), EnrichParts::ALL);
        assert_eq!(EnrichParts::parse(Some(" ALL ")), EnrichParts::ALL);
        assert!(EnrichParts::parse(Some("none")).is_none());
        let names_progress = EnrichParts::parse(Some("names progress"));
        assert_eq!(
            names_progress,
            EnrichParts {
                names: true,
                progress: true,
                ..EnrichParts::NONE
            }
        );
        assert_eq!(
            EnrichParts::parse(Some("courses,departments, unknown")),
            EnrichParts {
                titles: true,
                departments: true,
                ..EnrichParts::NONE
            }
        );
    }

    #[test]
    fn statuses() {
        assert_eq!(PartStatus::after(3, 0, false), PartStatus::Complete);
        assert_eq!(PartStatus::after(0, 0, false), PartStatus::Complete);
        assert_eq!(PartStatus::after(2, 1, false), PartStatus::Partial);
        assert_eq!(PartStatus::after(0, 2, false), PartStatus::Failed);
        assert_eq!(PartStatus::after(5, 0, true), PartStatus::Forbidden);
        let mut status = EnrichmentStatus::pending(EnrichParts::parse(Some("names")));
        assert_eq!(status.courses, PartStatus::Off);
        assert!(!status.is_settled());
        status.users = PartStatus::Forbidden;
        assert!(status.is_settled());
        assert_eq!(
            status.unavailable(),
            vec![(EnrichPart::Users, PartStatus::Forbidden)]
        );
        assert_eq!(PartStatus::Pending.id(), None);
        assert_eq!(PartStatus::Forbidden.id(), Some("forbidden"));
    }
}
