//! Reading a document in batches gives exactly what one pass gives, whatever the batch size.

// Native only (they use the mock crate, threads or clocks): `wasm-pack test` skips them.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use enrollment_cards::{parse_enrollments, EnrollmentReader, ParseError};
use mock_lms::query::page_token;
use mock_lms::xml::{self, Listing};

/// What reading in batches produced: each batch's size, every enrollment ID, the page token.
type Batches = (Vec<usize>, Vec<String>, Option<String>);

/// Every batch of `size`, then the page token.
fn read_in_batches(xml: &str, size: usize) -> Result<Batches, ParseError> {
    let mut reader = EnrollmentReader::new(xml)?;
    let (mut sizes, mut ids) = (Vec::new(), Vec::new());
    loop {
        let batch = reader.next_batch(size)?;
        if batch.is_empty() {
            break;
        }
        sizes.push(batch.len());
        ids.extend(batch.into_iter().map(|e| e.enrollment_id));
    }
    assert!(reader.is_done());
    Ok((sizes, ids, reader.next_page_token().map(str::to_owned)))
}

#[test]
fn batches_add_up_to_the_whole_document() {
    let data = support::dataset(1_234);
    let whole = parse_enrollments(&support::unpaged_xml(&data)).expect("parses");
    let ids: Vec<String> = whole
        .enrollments
        .iter()
        .map(|e| e.enrollment_id.clone())
        .collect();
    for size in [1, 7, 500, 1_234, 5_000] {
        let (sizes, batch_ids, token) = read_in_batches(&support::unpaged_xml(&data), size).expect("parses");
        assert_eq!(batch_ids, ids, "batch size {size}");
        assert!(sizes.iter().all(|&n| n <= size));
        assert_eq!(
            sizes.iter().filter(|&&n| n < size).count(),
            usize::from(1_234 % size != 0)
        );
        assert_eq!(token, None);
    }
}

#[test]
fn paged_token_is_known_after_the_last_batch() {
    let data = support::dataset(300);
    let next = page_token(100);
    let body = xml::enrollments(
        &data,
        data.enrollments[..100].iter(),
        Listing::Paged {
            wrapper: "enrollments",
            next_page_token: Some(&next),
        },
    );
    let (sizes, _, token) = read_in_batches(&body, 40).expect("parses");
    assert_eq!(sizes, vec![40, 40, 20]);
    assert_eq!(token.as_deref(), Some(next.as_str()));
}

#[test]
fn an_error_after_some_batches_is_reported_when_reached() {
    let data = support::dataset(50);
    let xml = support::unpaged_xml(&data);
    let cut = xml.len() * 3 / 4;
    let mut reader = EnrollmentReader::new(&xml[..cut]).expect("starts like XML");
    let first = reader.next_batch(10).expect("the first enrollments are intact");
    assert_eq!(first.len(), 10);
    let err = loop {
        match reader.next_batch(10) {
            Ok(batch) if batch.is_empty() => panic!("a truncated document cannot end cleanly"),
            Ok(_) => continue,
            Err(err) => break err,
        }
    };
    assert!(matches!(err, ParseError::Truncated { .. }), "{err:?}");
}

#[test]
fn error_bodies_and_empty_documents() {
    let body = xml::error(403, "Permission denied");
    let mut reader = EnrollmentReader::new(&body).expect("XML");
    assert!(matches!(reader.next_batch(10), Err(ParseError::Service { ref code, .. }) if code == "403"));
    let mut empty = EnrollmentReader::new("<response/>").expect("XML");
    assert_eq!(empty.next_batch(10), Ok(Vec::new()));
    assert!(empty.is_done());
    assert_eq!(EnrollmentReader::new("  ").err(), Some(ParseError::EmptyBody));
}
