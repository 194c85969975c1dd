//! A deterministic stand-in for the LMS REST API, for the demo, the browser tests and the
//! benchmarks.
//!
//! [`data`] generates an account (courses, some of them linked copies; a department tree;
//! learners with names from many cultures; enrollments covering every derived state relative to
//! a pinned "today", with their results), either kept whole ([`Dataset`], for tests) or as the
//! server keeps it ([`Account`]: the enrollments are drawn again when asked for, so that a
//! million of them take a few hundred kilobytes and a page costs only its own items),
//! [`xml`] renders it in the shapes the live service sends, and [`server`] answers HTTP like the
//! service does (auth, filters, paging, error bodies, course titles in Russian for an
//! `X-Target-Locale: ru…` request header), plus per-request fault injection ([`fault`]) for
//! tests.

pub mod data;
pub mod fault;
pub mod query;
mod select;
pub mod server;
mod tables;
pub mod xml;

pub use data::{Account, Dataset, Directory, GeneratorConfig, Lang, Sizes};
