//! The leptos view: one file per component. Components only wire signals to the core.

pub mod card;
pub mod enrollment_list;

pub use card::Card;
pub use enrollment_list::{EnrollmentList, ListSource};
