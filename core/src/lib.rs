//! The pure core: data model, parser, compact store and queries. No web-sys, no leptos:
//! everything here runs and is tested natively.

pub mod case;
pub mod days;
pub mod departments;
pub mod directory;
pub mod display;
pub mod enrichment;
pub mod export;
pub mod fields;
pub mod filter_state;
pub mod fold;
pub mod ids;
pub mod index_column;
pub mod json;
pub mod lookup;
pub mod maps;
pub mod model;
pub mod parse;
pub mod picker_options;
pub mod query;
pub mod related;
pub mod selection;
pub mod sorting;
pub mod status;
pub mod store;
