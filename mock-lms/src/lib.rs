//! A deterministic stand-in for the LMS REST API, for the demo, the browser tests and the
//! benchmarks.
//!
//! [`data`] generates an account (courses, learners, enrollments covering every derived state
//! relative to a pinned "today"), [`xml`] renders it in the shapes the live service sends, and
//! [`server`] answers HTTP like the service does (auth, filters, paging, error bodies), plus
//! per-request fault injection ([`fault`]) for tests.

pub mod data;
pub mod fault;
pub mod query;
pub mod server;
pub mod xml;

pub use data::{Dataset, GeneratorConfig};
