//! The filter state's JSON reader against serde_json: the same texts are valid, and strings read
//! the same, on generated texts made of JSON's own pieces (and some that are not).

use enrollment_core::json::{push_string, Json};
use proptest::prelude::*;

/// Pieces that make up JSON texts, valid and not.
const PIECES: &[&str] = &[
    "{", "}", "[", "]", ",", ":", " ", "\n", "\"", "\"a\"", "\"text\"", "1", "-", "0", "01", ".5", "2.50",
    "e", "E+3", "1e-2", "true", "false", "null", "nul", "\\", "\\n", "\\u00e9", "\\ud83d", "\\ude00",
    "\\uzzzz", "é", "😀", "\u{1}", "\t", "/", "\\/",
];

fn texts() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|p| p.concat())
}

/// serde_json's value as a `Json`.
fn from_serde(value: &serde_json::Value) -> Json {
    use serde_json::Value;
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        // Zero or not is read from the digits (`1e-400` is not zero here, 0.0 for serde_json).
        Value::Number(_) => Json::Number { zero: false },
        Value::String(s) => Json::String(s.clone()),
        Value::Array(items) => Json::Array(items.iter().map(from_serde).collect()),
        Value::Object(_) => Json::Object(Vec::new()),
    }
}

/// Objects compared by what `get` answers for their keys, not by member order.
fn same(ours: &Json, theirs: &serde_json::Value) -> bool {
    match (ours, theirs) {
        (Json::Object(members), serde_json::Value::Object(map)) => {
            members.iter().all(|(k, _)| map.contains_key(k))
                && map
                    .iter()
                    .all(|(k, v)| ours.get(k).is_some_and(|mine| same(mine, v)))
        }
        (Json::Array(a), serde_json::Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Json::Number { .. }, serde_json::Value::Number(_)) => true,
        (mine, theirs) => *mine == from_serde(theirs),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn valid_exactly_where_serde_json_is(text in texts()) {
        let ours = Json::parse(&text);
        let theirs = serde_json::from_str::<serde_json::Value>(&text);
        match (&ours, &theirs) {
            (Some(mine), Ok(value)) => prop_assert!(same(mine, value), "{text:?}: {mine:?} vs {value:?}"),
            (None, Err(_)) => {}
            // serde_json refuses numbers beyond f64 (`1e999`); JSON itself does not.
            (Some(_), Err(e)) if e.to_string().contains("out of range") => {}
            _ => prop_assert!(false, "{text:?}: ours {ours:?}, serde_json {theirs:?}"),
        }
    }

    #[test]
    fn strings_are_written_as_serde_json_writes_them(text in ".*") {
        let mut out = String::new();
        push_string(&mut out, &text);
        prop_assert_eq!(&out, &serde_json::Value::from(text.as_str()).to_string());
    }
}
