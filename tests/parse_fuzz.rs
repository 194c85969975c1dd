//! The parser never panics, whatever it is fed: arbitrary bytes and mutated real documents.

// Native only (they use the mock crate, threads or clocks): `wasm-pack test` skips them.
#![cfg(not(target_arch = "wasm32"))]

use enrollment_cards::parse_enrollments;
use proptest::prelude::*;

const SEEDS: [&str; 5] = [
    include_str!("fixtures/live-nested.xml"),
    include_str!("fixtures/reference-flat.xml"),
    include_str!("fixtures/paged.xml"),
    include_str!("fixtures/quirks.xml"),
    include_str!("fixtures/error-body.xml"),
];

/// One edit of a document: delete, insert or overwrite a few bytes at a position.
#[derive(Debug, Clone)]
enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, bytes: Vec<u8> },
    Overwrite { at: usize, bytes: Vec<u8> },
}

fn edit() -> impl Strategy<Value = Edit> {
    let markup = prop::sample::select(vec![
        b'<', b'>', b'/', b'&', b';', b'!', b'[', b']', b'"', b'=', b'?', b'-', b'#', b'x', b'0', b' ', 0xC3,
        0xFF,
    ]);
    let bytes = prop::collection::vec(prop_oneof![markup, any::<u8>()], 1..8);
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<usize>(), bytes.clone()).prop_map(|(at, bytes)| Edit::Insert { at, bytes }),
        (any::<usize>(), bytes).prop_map(|(at, bytes)| Edit::Overwrite { at, bytes }),
    ]
}

fn apply(doc: &str, edits: &[Edit]) -> String {
    let mut bytes = doc.as_bytes().to_vec();
    for edit in edits {
        let len = bytes.len().max(1);
        match edit {
            Edit::Delete { at, len: n } => {
                let start = at % len;
                let end = (start + n).min(bytes.len());
                bytes.drain(start.min(end)..end);
            }
            Edit::Insert { at, bytes: new } => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, new.iter().copied());
            }
            Edit::Overwrite { at, bytes: new } => {
                let at = at % len;
                for (i, b) in new.iter().enumerate() {
                    if let Some(slot) = bytes.get_mut(at + i) {
                        *slot = *b;
                    }
                }
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

proptest! {
    // 2,000 cases per property; PROPTEST_CASES=… runs more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(2_000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_enrollments(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn mutated_documents_never_panic(seed in 0..SEEDS.len(), edits in prop::collection::vec(edit(), 1..6)) {
        let doc = apply(SEEDS[seed], &edits);
        if let Err(err) = parse_enrollments(&doc) {
            // Every error renders to a non-empty, bounded message.
            let message = err.to_string();
            prop_assert!(!message.is_empty() && message.len() < 1_000, "{message}");
        }
    }

    #[test]
    fn truncation_at_any_byte_never_panics(seed in 0..SEEDS.len(), cut in any::<prop::sample::Index>()) {
        let doc = SEEDS[seed];
        let mut at = cut.index(doc.len());
        while !doc.is_char_boundary(at) {
            at -= 1;
        }
        let _ = parse_enrollments(&doc[..at]);
    }
}
