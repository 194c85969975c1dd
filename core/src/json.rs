//! A small strict JSON reader and string writer for the filter state (RFC 8259; the reader
//! refuses anything a conforming parser refuses, nests at most [`MAX_DEPTH`] deep and reads
//! numbers only as far as the filter state needs them: zero or not).
//!
//! Hand-written rather than serde_json: the filter state is the only JSON the widget reads, and
//! serde_json with its float parsing was about 10 KB of the gzipped module.

/// Deepest nesting of arrays and objects accepted (as serde_json's recursion limit).
pub const MAX_DEPTH: usize = 128;

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number; `true` when it is zero.
    Number {
        /// The number is 0 (`0`, `-0.0`, `0e5`).
        zero: bool,
    },
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object's members in order (a repeated key: the last one counts).
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Reads one JSON text (surrounding whitespace allowed); `None` when it is not valid JSON
    /// or nests deeper than [`MAX_DEPTH`].
    pub fn parse(text: &str) -> Option<Json> {
        let mut reader = Reader {
            bytes: text.as_bytes(),
            at: 0,
        };
        let value = reader.value(0)?;
        reader.skip_space();
        (reader.at == reader.bytes.len()).then_some(value)
    }

    /// The member `key` of an object (the last of that name).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items of an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// JavaScript truthiness: `false`, `0`, `""` and `null` are false, everything else true.
    pub fn truthy(&self) -> bool {
        match self {
            Json::Null => false,
            Json::Bool(b) => *b,
            Json::Number { zero } => !zero,
            Json::String(s) => !s.is_empty(),
            Json::Array(_) | Json::Object(_) => true,
        }
    }
}

/// Appends `text` as a JSON string literal (quotes, `\"`, `\\`, and control characters escaped).
pub fn push_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let code = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[code >> 4]));
                out.push(char::from(HEX[code & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Consumes `word` if the text continues with it.
    fn eat(&mut self, word: &[u8]) -> bool {
        let found = self
            .bytes
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(word));
        if found {
            self.at += word.len();
        }
        found
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        self.skip_space();
        match self.peek()? {
            b'n' => self.eat(b"null").then_some(Json::Null),
            b't' => self.eat(b"true").then_some(Json::Bool(true)),
            b'f' => self.eat(b"false").then_some(Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'[' if depth < MAX_DEPTH => self.array(depth + 1),
            b'{' if depth < MAX_DEPTH => self.object(depth + 1),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn array(&mut self, depth: usize) -> Option<Json> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.eat(b"]") {
            return Some(Json::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_space();
            if self.eat(b"]") {
                return Some(Json::Array(items));
            }
            if !self.eat(b",") {
                return None;
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<Json> {
        self.at += 1;
        let mut members = Vec::new();
        self.skip_space();
        if self.eat(b"}") {
            return Some(Json::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return None;
            }
            let key = self.string()?;
            self.skip_space();
            if !self.eat(b":") {
                return None;
            }
            members.push((key, self.value(depth)?));
            self.skip_space();
            if self.eat(b"}") {
                return Some(Json::Object(members));
            }
            if !self.eat(b",") {
                return None;
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Option<Json> {
        self.eat(b"-");
        let mut zero = true;
        let mut digits = |reader: &mut Self, counts: bool| {
            let start = reader.at;
            while let Some(d @ b'0'..=b'9') = reader.peek() {
                zero &= !counts || d == b'0';
                reader.at += 1;
            }
            reader.at - start
        };
        let first = self.peek();
        let whole = digits(self, true);
        if whole == 0 || (first == Some(b'0') && whole > 1) {
            return None;
        }
        if self.eat(b".") && digits(self, true) == 0 {
            return None;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if !self.eat(b"+") {
                self.eat(b"-");
            }
            if digits(self, false) == 0 {
                return None;
            }
        }
        Some(Json::Number { zero })
    }

    /// A string literal, the reader at its opening quote.
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The bytes skipped are whole UTF-8 characters: they end before an ASCII byte.
            out.push_str(std::str::from_utf8(self.bytes.get(start..self.at)?).ok()?);
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                _ => return None, // a control character
            }
        }
    }

    /// The character of an escape, the reader after its backslash.
    fn escape(&mut self) -> Option<char> {
        let b = self.peek()?;
        self.at += 1;
        Some(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                if (0xDC00..0xE000).contains(&high) {
                    return None;
                }
                if (0xD800..0xDC00).contains(&high) {
                    if !self.eat(b"\\u") {
                        return None;
                    }
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return None;
                    }
                    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?
                } else {
                    char::from_u32(high)?
                }
            }
            _ => return None,
        })
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.at..self.at + 4)?;
        self.at += 4;
        digits
            .iter()
            .try_fold(0, |acc, &d| Some(acc * 16 + char::from(d).to_digit(16)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_value() {
        let value = Json::parse(r#" {"a": [1, -0.0, 2e-3, true, null, "x\u00e9\ud83d\ude00\n"], "a": {}} "#);
        assert_eq!(
            value.as_ref().and_then(|v| v.get("a")),
            Some(&Json::Object(vec![]))
        );
        let Some(Json::Object(members)) = value else {
            panic!("an object")
        };
        let items = members[0].1.as_array().expect("array");
        assert_eq!(
            items,
            [
                Json::Number { zero: false },
                Json::Number { zero: true },
                Json::Number { zero: false },
                Json::Bool(true),
                Json::Null,
                Json::String("xé😀\n".into()),
            ]
        );
    }

    #[test]
    fn refuses_what_json_does_not_allow() {
        for text in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "NaN",
            "'a'",
            "\"\u{1}\"",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "[1] 2",
            "{1:2}",
            "tru",
            "nul",
            "\"abc",
        ] {
            assert_eq!(Json::parse(text), None, "{text:?}");
        }
        let deep = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(Json::parse(&deep).is_some());
        let deeper = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(Json::parse(&deeper), None);
    }

    #[test]
    fn writes_strings_that_read_back() {
        let text = "quote \" back \\ slash / tab\t nl\n \u{1} \u{1f} \u{7f} é 😀";
        let mut out = String::new();
        push_string(&mut out, text);
        assert_eq!(
            out,
            "\"quote \\\" back \\\\ slash / tab\\t nl\\n \\u0001 \\u001f \u{7f} é 😀\""
        );
        assert_eq!(Json::parse(&out), Some(Json::String(text.into())));
    }
}
