//! Arbitrary bytes (as lossy UTF-8, like a mis-decoded body) through the whole-document parser:
//! no panic, and every enrollment it accepts has usable ids.

#![no_main]

use enrollment_core::parse::{parse_enrollments, MAX_VALUE_BYTES};
use libfuzzer_sys::fuzz_target;

fn check_id(id: &str) {
    assert!(!id.is_empty(), "empty id");
    assert_eq!(id, id.trim(), "untrimmed id");
    assert!(id.len() <= MAX_VALUE_BYTES, "id of {} bytes", id.len());
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match parse_enrollments(&text) {
        Ok(page) => {
            for e in &page.enrollments {
                check_id(&e.enrollment_id);
                check_id(&e.course_id);
                check_id(&e.learner_id);
                if let Some(certificate) = &e.certificate {
                    check_id(&certificate.id);
                }
            }
            if let Some(token) = &page.next_page_token {
                assert!(!token.is_empty() && token == token.trim());
            }
        }
        Err(err) => {
            // Every error renders to a non-empty, bounded message (as tests/parse_fuzz.rs).
            let message = err.to_string();
            assert!(!message.is_empty() && message.len() < 1_000, "{message}");
        }
    }
});
