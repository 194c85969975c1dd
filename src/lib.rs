//! enrollment-cards: an embeddable widget that shows LMS course enrollments as filterable cards.
//!
//! The [`core`] (model, parser, store, queries) is plain Rust; [`api`] talks to the LMS from the
//! browser; [`components`] renders the cards with leptos.

pub mod core;

pub use crate::core::model::{Certificate, Enrollment, EnrollmentPage, EnrollmentType};
pub use crate::core::parse::{parse_enrollments, Location, ParseError};
