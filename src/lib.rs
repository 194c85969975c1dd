//! enrollment-cards: an embeddable widget that shows LMS course enrollments as filterable cards.
//!
//! The [`core`] (model, parser, store, queries) is plain Rust; [`api`] talks to the LMS from the
//! browser; the [`loader`] owns a widget's requests and fills its [`state`]; [`components`]
//! render that state with leptos; [`embed`] puts widgets into host pages.

pub mod api;
pub mod clock;
pub mod components;
pub mod embed;
pub mod enrich;
pub mod i18n;
pub mod idle;
pub mod loader;
pub mod reactive;
pub mod state;

pub use enrollment_core as core;

pub use crate::core::model::{Certificate, Enrollment, EnrollmentPage, EnrollmentType};
pub use crate::core::parse::{parse_enrollments, EnrollmentReader, Location, ParseError};
pub use crate::core::query::{
    ActiveFilter, DateRange, Facets, Filter, QueryResult, Rows, Set, Sort, SortKey,
};
pub use crate::core::status::{CertificateState, Status, StatusRules};
pub use crate::core::store::EnrollmentStore;
