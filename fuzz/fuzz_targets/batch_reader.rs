//! The batched reader against the whole-document parser: first byte = batch size (1..=64), the
//! rest = the document. Reading in batches sees the same events in the same order, so it must
//! give the same enrollments and page token, or fail with the very same error.

#![no_main]

use enrollment_core::parse::{parse_enrollments, EnrollmentReader, ParseError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let size = usize::from(first % 64) + 1;
    let text = String::from_utf8_lossy(rest);
    let whole = parse_enrollments(&text);

    let batched = (|| -> Result<_, ParseError> {
        let mut reader = EnrollmentReader::new(&text)?;
        let mut all = Vec::new();
        loop {
            let batch = reader.next_batch(size)?;
            assert!(batch.len() <= size, "batch of {} for size {size}", batch.len());
            if batch.is_empty() {
                assert!(reader.is_done(), "empty batch before the end");
                break;
            }
            // A short batch only at the end of the document.
            assert!(
                batch.len() == size || reader.is_done(),
                "short batch mid-document"
            );
            all.extend(batch);
        }
        Ok((all, reader.next_page_token().map(str::to_owned)))
    })();

    match (whole, batched) {
        (Ok(page), Ok((enrollments, token))) => {
            assert_eq!(page.enrollments, enrollments);
            assert_eq!(page.next_page_token, token);
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        (whole, batched) => panic!(
            "whole and batched reads disagree:\n  whole:   {:?}\n  batched: {:?}",
            whole.map(|p| p.enrollments.len()),
            batched.map(|(e, _)| e.len())
        ),
    }
});
