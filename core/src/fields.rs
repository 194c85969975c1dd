//! Which fields a card shows, and in what order: the administrator's choice, saved with the
//! filter state (`"fields": ["course", "learner", "progress", "due"]`). The status badges always
//! show.

/// A field a card can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardField {
    /// The course title (its ID until known).
    Course = 0,
    /// The learner's name (their ID until known).
    Learner = 1,
    /// E-mail and department path.
    Details = 2,
    /// Completion status, progress bar, completion date and score.
    Progress = 3,
    /// The due date with its hint.
    Due = 4,
    /// The access date.
    Access = 5,
    /// When access locks.
    Lock = 6,
    /// How the learner was enrolled.
    Type = 7,
    /// The certificate.
    Certificate = 8,
    /// The course and learner IDs.
    Ids = 9,
}

impl CardField {
    /// Every field, in the default order.
    pub const ALL: [CardField; 10] = [
        CardField::Course,
        CardField::Learner,
        CardField::Details,
        CardField::Progress,
        CardField::Due,
        CardField::Access,
        CardField::Lock,
        CardField::Type,
        CardField::Certificate,
        CardField::Ids,
    ];

    /// Stable identifier used in saved state.
    pub fn id(self) -> &'static str {
        match self {
            CardField::Course => "course",
            CardField::Learner => "learner",
            CardField::Details => "details",
            CardField::Progress => "progress",
            CardField::Due => "due",
            CardField::Access => "access",
            CardField::Lock => "lock",
            CardField::Type => "type",
            CardField::Certificate => "certificate",
            CardField::Ids => "ids",
        }
    }

    /// The field with identifier `id`.
    pub fn from_id(id: &str) -> Option<CardField> {
        CardField::ALL.into_iter().find(|f| f.id() == id)
    }
}

/// The fields cards show, in order, each at most once.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CardFields(Vec<CardField>);

impl Default for CardFields {
    /// Every field, in the default order.
    fn default() -> Self {
        CardFields(CardField::ALL.to_vec())
    }
}

impl CardFields {
    /// The fields `ids` name, in that order; unknown and repeated ids are skipped.
    pub fn from_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> CardFields {
        let mut fields = Vec::new();
        for field in ids.into_iter().filter_map(CardField::from_id) {
            if !fields.contains(&field) {
                fields.push(field);
            }
        }
        CardFields(fields)
    }

    /// The shown fields, in order.
    pub fn shown(&self) -> &[CardField] {
        &self.0
    }

    /// `true` when `field` is shown.
    pub fn contains(&self, field: CardField) -> bool {
        self.0.contains(&field)
    }

    /// Shows `field` (at the end) or hides it.
    pub fn toggle(&mut self, field: CardField) {
        match self.0.iter().position(|f| *f == field) {
            Some(i) => {
                self.0.remove(i);
            }
            None => self.0.push(field),
        }
    }

    /// Moves a shown `field` one place earlier (`by` = -1) or later (`by` = 1); nothing when it
    /// is hidden or already at that end.
    pub fn shift(&mut self, field: CardField, by: isize) {
        let Some(i) = self.0.iter().position(|f| *f == field) else {
            return;
        };
        if let Some(j) = i.checked_add_signed(by).filter(|&j| j < self.0.len()) {
            self.0.swap(i, j);
        }
    }

    /// Every field: the shown ones in order, then the hidden ones in the default order (the
    /// field picker lists them so).
    pub fn all_in_order(&self) -> Vec<(CardField, bool)> {
        let hidden = CardField::ALL.into_iter().filter(|f| !self.contains(*f));
        self.0
            .iter()
            .map(|f| (*f, true))
            .chain(hidden.map(|f| (f, false)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_unknown_or_repeated_ones_are_skipped() {
        for field in CardField::ALL {
            assert_eq!(CardField::from_id(field.id()), Some(field));
        }
        let fields = CardFields::from_ids(["due", "course", "nope", "due", "ids"]);
        assert_eq!(
            fields.shown(),
            [CardField::Due, CardField::Course, CardField::Ids]
        );
        assert!(CardFields::from_ids([]).shown().is_empty());
    }

    #[test]
    fn toggling_and_moving() {
        let mut fields = CardFields::from_ids(["course", "learner", "due"]);
        fields.shift(CardField::Due, -1);
        assert_eq!(
            fields.shown(),
            [CardField::Course, CardField::Due, CardField::Learner]
        );
        fields.shift(CardField::Course, -1);
        fields.shift(CardField::Learner, 1);
        assert_eq!(
            fields.shown(),
            [CardField::Course, CardField::Due, CardField::Learner]
        );
        fields.shift(CardField::Type, 1);
        fields.toggle(CardField::Course);
        fields.toggle(CardField::Type);
        assert_eq!(
            fields.shown(),
            [CardField::Due, CardField::Learner, CardField::Type]
        );
        let listed = fields.all_in_order();
        assert_eq!(listed.len(), CardField::ALL.len());
        assert_eq!(listed[0], (CardField::Due, true));
        assert_eq!(listed[3], (CardField::Course, false));
    }
}
