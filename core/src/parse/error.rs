//! Typed parse errors whose messages tell a person what is wrong and where.

use std::fmt;

use crate::related::RelatedKind;

/// Where in the document a field error happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A field of the `<response>` itself (e.g. `<nextPageToken>`).
    Response,
    /// Inside the `index`-th `<enrollment>` (1-based), with its ID when it was read already.
    Enrollment {
        /// 1-based position of the enrollment in the document.
        index: usize,
        /// `enrollmentId`, when it appeared before the faulty field.
        enrollment_id: Option<String>,
    },
    /// Inside the `index`-th item of a related listing (`<userProfile>`, `<department>`,
    /// `<contentItem>`, `<result>`), with its ID when it was read already.
    Item {
        /// Which kind of item.
        kind: RelatedKind,
        /// 1-based position of the item in the document.
        index: usize,
        /// The item's ID, when it appeared before the faulty field.
        id: Option<String>,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Response => f.write_str("in <response>"),
            Location::Enrollment {
                index,
                enrollment_id: Some(id),
            } => write!(f, "enrollment #{index} (enrollmentId {})", quoted(id)),
            Location::Enrollment {
                index,
                enrollment_id: None,
            } => write!(f, "enrollment #{index}"),
            Location::Item {
                kind,
                index,
                id: Some(id),
            } => write!(
                f,
                "{} #{index} ({} {})",
                kind.element(),
                kind.id_field(),
                quoted(id)
            ),
            Location::Item { kind, index, .. } => write!(f, "{} #{index}", kind.element()),
        }
    }
}

/// Why an enrollment document could not be read.
///
/// Every variant's `Display` names what is wrong, where (enrollment, field, byte offset) and,
/// where it helps, what to check.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The body is empty or whitespace only.
    #[error("the response body is empty: expected an XML document with a <response> root element")]
    EmptyBody,
    /// The body does not start like XML (JSON, plain text, ...).
    #[error(
        "the response is not XML (it starts with {}); check that the endpoint URL points at the LMS API",
        quoted(snippet)
    )]
    NotXml {
        /// The first characters of the body.
        snippet: String,
    },
    /// The XML syntax is broken.
    #[error("malformed XML at byte {offset}: {reason}")]
    Malformed {
        /// Byte offset where the reader stopped.
        offset: u64,
        /// The XML reader's description of the problem.
        reason: String,
    },
    /// The document ends while elements are still open (a cut-off download).
    #[error("the XML ends early at byte {offset}: <{open}> is never closed (was the download cut off?)")]
    Truncated {
        /// Length of the document.
        offset: u64,
        /// The innermost element still open.
        open: String,
    },
    /// The root element is not `<response>`.
    #[error("expected a <response> root element, found <{found}>{}", root_hint(found))]
    UnexpectedRoot {
        /// Local name of the root element found.
        found: String,
    },
    /// The service answered with its error body (`<code>` and `<message>`).
    #[error("the LMS reported error {}: {}", snippet(code), shorten(message, 300))]
    Service {
        /// The `<code>` value.
        code: String,
        /// The `<message>` value.
        message: String,
    },
    /// A required field is absent.
    #[error("{at}: the required field <{field}> is missing")]
    MissingField {
        /// Which enrollment.
        at: Location,
        /// Element name of the field.
        field: &'static str,
    },
    /// A field holds a value of the wrong form.
    #[error(
        "{at}: <{field}> has the value {}, expected {expected} (byte {offset})",
        quoted(value)
    )]
    InvalidValue {
        /// Which enrollment.
        at: Location,
        /// Element name of the field.
        field: &'static str,
        /// The value found (trimmed).
        value: String,
        /// What the field should hold.
        expected: &'static str,
        /// Byte offset of the value.
        offset: u64,
    },
    /// A field value is implausibly long (hostile or corrupt input).
    #[error("{at}: <{field}> is longer than {limit} bytes (byte {offset})")]
    ValueTooLong {
        /// Which enrollment.
        at: Location,
        /// Element name of the field.
        field: String,
        /// The limit that was exceeded.
        limit: usize,
        /// Byte offset of the value.
        offset: u64,
    },
    /// An entity other than the five predefined ones (DOCTYPE entities are never expanded).
    #[error("unsupported entity reference &{name}; at byte {offset}: only the five predefined XML entities and character references are allowed")]
    UnsupportedEntity {
        /// The entity name.
        name: String,
        /// Byte offset of the reference.
        offset: u64,
    },
}

fn root_hint(found: &str) -> &'static str {
    if found.eq_ignore_ascii_case("html") {
        " (an HTML page: a proxy, login or error page answered instead of the LMS API)"
    } else {
        ""
    }
}

/// Shortens a value for an error message: at most 60 characters.
pub fn snippet(value: &str) -> String {
    shorten(value, 60)
}

/// `value` cut like [`snippet`], in double quotes, with quotes, backslashes, control characters
/// and invisible formatting characters (bidirectional overrides, zero-width spaces) escaped as
/// Rust writes them, so that a message shows what the service sent and nothing it hid.
/// (`{:?}` did this, with the standard library's tables of printable characters: 1 KB of the
/// module for four messages.)
pub fn quoted(value: &str) -> impl fmt::Display {
    Quoted(snippet(value))
}

struct Quoted(String);

impl fmt::Display for Quoted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        f.write_char('"')?;
        for c in self.0.chars() {
            match c {
                '"' | '\\' => {
                    f.write_char('\\')?;
                    f.write_char(c)?;
                }
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                '\0' => f.write_str("\\0")?,
                c if c.is_control() || is_invisible(c) => write!(f, "\\u{{{:x}}}", u32::from(c))?,
                c => f.write_char(c)?,
            }
        }
        f.write_char('"')
    }
}

/// Characters that change how text around them shows without showing themselves.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
}

/// `text` cut to at most `max_chars` characters (with "…" when cut), so that hostile input
/// cannot make an error message arbitrarily long.
pub fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quoted_values_show_what_was_sent_and_nothing_hidden() {
        let cases = [
            ("fc1fc35c-040d-11ed", "\"fc1fc35c-040d-11ed\""),
            ("Иванова", "\"Иванова\""),
            ("say \"hi\" \\ bye", "\"say \\\"hi\\\" \\\\ bye\""),
            ("a\nb\tc\r", "\"a\\nb\\tc\\r\""),
            ("\u{0}\u{1b}[31m", "\"\\0\\u{1b}[31m\""),
            ("admin\u{202e}gpj.exe", "\"admin\\u{202e}gpj.exe\""),
            ("zero\u{200b}width\u{feff}", "\"zero\\u{200b}width\\u{feff}\""),
        ];
        for (value, shown) in cases {
            assert_eq!(quoted(value).to_string(), shown, "{value}");
            // What `{:?}` wrote before, for every case it had escaped the same way.
            assert_eq!(format!("{value:?}"), shown);
        }
        let long = "x".repeat(100);
        assert_eq!(quoted(&long).to_string(), format!("\"{}…\"", "x".repeat(60)));
    }
}
