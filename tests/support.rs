//! Shared helpers for the native tests: generated accounts parsed through the real parser.

#![allow(dead_code)]
// Native only, like the tests that use it: `wasm-pack test` skips it.
#![cfg(not(target_arch = "wasm32"))]

use enrollment_cards::{parse_enrollments, Enrollment};
use mock_lms::xml::{self, Listing};
use mock_lms::{Dataset, GeneratorConfig};
use time::macros::date;
use time::Date;

/// The day every generated account is relative to.
pub const TODAY: Date = date!(2026 - 11 - 26);

/// A generated account of `n` enrollments.
pub fn dataset(n: usize) -> Dataset {
    Dataset::generate(GeneratorConfig {
        seed: 42,
        enrollments: n,
        today: TODAY,
    })
}

/// The account's unpaged `GET /enrollment` body.
pub fn unpaged_xml(data: &Dataset) -> String {
    xml::enrollments(data, data.enrollments.iter(), Listing::Unpaged)
}

/// `n` generated enrollments, parsed.
pub fn enrollments(n: usize) -> Vec<Enrollment> {
    parse_enrollments(&unpaged_xml(&dataset(n)))
        .expect("generated XML parses")
        .enrollments
}
