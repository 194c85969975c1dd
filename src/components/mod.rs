//! The leptos view: one file per component. Components only wire signals to the core.

pub mod card;
pub mod card_window;
pub mod dom;
pub mod filter_bar;
pub mod observe;
pub mod panels;
pub mod patch;
pub mod picker;
pub mod print;
pub mod summary;
pub mod toolbar;
pub mod view;

pub use crate::state::{CardsState, Density, LoadState};
pub use view::{CardsView, EnrollmentCards, ListSource, Selected, ViewEvents};
