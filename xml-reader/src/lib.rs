//! quick-xml's event reader over a borrowed string, behind non-generic functions.
//!
//! quick-xml's reader is generic over its source, so its code is compiled in the crate that
//! names `Reader<&[u8]>`, at that crate's opt-level. The enrollment core is built for size
//! (`opt-level = "z"`), which halved the parser's speed; naming the reader here instead lets the
//! release profile build this one small crate for speed (see the workspace `Cargo.toml`).

use quick_xml::escape;
use quick_xml::events::{BytesRef, Event};
use quick_xml::name::QName;
use quick_xml::Reader;

pub use quick_xml::{errors, events, Error};

/// An XML event reader over `&str` (quick-xml's `Reader<&[u8]>`, default configuration).
pub struct XmlReader<'a> {
    reader: Reader<&'a [u8]>,
    xml: &'a str,
}

impl<'a> XmlReader<'a> {
    /// A reader at the start of `xml`.
    pub fn new(xml: &'a str) -> Self {
        XmlReader {
            reader: Reader::from_str(xml),
            xml,
        }
    }

    /// The next event, borrowing from the input.
    pub fn read_event(&mut self) -> Result<Event<'a>, Error> {
        self.reader.read_event()
    }

    /// Skips to the end tag matching `end` (the start tag just read), everything inside included.
    pub fn read_to_end(&mut self, end: QName<'_>) -> Result<(), Error> {
        self.reader.read_to_end(end).map(drop)
    }

    /// Bytes consumed so far.
    pub fn buffer_position(&self) -> u64 {
        self.reader.buffer_position()
    }

    /// Where the last error was found.
    pub fn error_position(&self) -> u64 {
        self.reader.error_position()
    }

    /// Reads the content of the element just opened, up to its end tag, into `out` (cleared
    /// first): text and CDATA, references resolved, nested elements skipped. Stops early with
    /// [`Text::TooLong`] once `out` holds more than `limit` bytes.
    pub fn read_text(&mut self, out: &mut String, limit: usize) -> Result<Text, TextError> {
        out.clear();
        loop {
            match self.reader.read_event().map_err(TextError::Xml)? {
                Event::Text(t) => out.push_str(self.text_of(&t).ok_or(TextError::NotInput)?),
                Event::CData(c) => out.push_str(self.text_of(&c).ok_or(TextError::NotInput)?),
                Event::GeneralRef(r) => match resolve_ref(&r)? {
                    Resolved::Char(c) => out.push(c),
                    Resolved::Text(t) => out.push_str(t),
                },
                Event::Start(e) => self.read_to_end(e.name()).map_err(TextError::Xml)?,
                Event::End(_) => return Ok(Text::Read),
                Event::Eof => return Err(TextError::Eof),
                _ => {}
            }
            if out.len() > limit {
                return Ok(Text::TooLong);
            }
        }
    }

    /// The input text an event's content (`Text`, `CData`) covers, found by its address: events
    /// borrow from the input, which is a `&str` already, so this spares checking it as UTF-8 again
    /// (quick-xml's `decode`). `None` for bytes that are not part of the input.
    fn text_of(&self, content: &[u8]) -> Option<&'a str> {
        let start = (content.as_ptr() as usize).checked_sub(self.xml.as_ptr() as usize)?;
        self.xml.get(start..start.checked_add(content.len())?)
    }
}

/// How [`XmlReader::read_text`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// The whole content, up to the end tag.
    Read,
    /// More than the limit; the reader stopped inside the element.
    TooLong,
}

/// Why an element's text or a reference could not be read.
#[derive(Debug)]
pub enum TextError {
    /// Broken XML, as quick-xml reports it.
    Xml(Error),
    /// A character reference that is not a character (`&#0;`, `&#xZZ;`): quick-xml's reason.
    BadReference(String),
    /// An entity other than the five XML predefines (its name): DOCTYPE entities are never
    /// expanded.
    UnknownEntity(String),
    /// The input ended inside the element.
    Eof,
    /// An event's content that does not lie in the input (never, with this reader).
    NotInput,
}

/// A resolved reference: one character or a predefined entity's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// `&#65;`, `&#x41;`.
    Char(char),
    /// `&amp;`, `&lt;`, `&gt;`, `&apos;`, `&quot;`.
    Text(&'static str),
}

/// `&#65;`, `&#x41;` and the five predefined entities; anything else is refused.
pub fn resolve_ref(r: &BytesRef<'_>) -> Result<Resolved, TextError> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => return Ok(Resolved::Char(c)),
        Ok(None) => {}
        Err(e) => return Err(TextError::BadReference(e.to_string())),
    }
    let name = r.decode().map_err(|e| TextError::BadReference(e.to_string()))?;
    match escape::resolve_predefined_entity(&name) {
        Some(text) => Ok(Resolved::Text(text)),
        None => Err(TextError::UnknownEntity(name.into_owned())),
    }
}

/// [`str::trim`], compiled here for speed: every value the parsers read passes through it.
pub fn trim(text: &str) -> &str {
    text.trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text and CDATA of `xml`, each as `text_of` finds it in the input.
    fn texts(xml: &str) -> Vec<Option<&str>> {
        let mut reader = XmlReader::new(xml);
        let mut found = Vec::new();
        loop {
            match reader.read_event() {
                Ok(Event::Text(t)) => found.push(reader.text_of(&t)),
                Ok(Event::CData(c)) => found.push(reader.text_of(&c)),
                Ok(Event::Eof) | Err(_) => return found,
                Ok(_) => {}
            }
        }
    }

    #[test]
    fn text_and_cdata_are_found_in_the_input() {
        let xml = "<r><a> Zoë Ünal </a><b><![CDATA[<b>&amp;</b> 日本]]></b><c>Tom &amp; Jerry</c></r>";
        assert_eq!(
            texts(xml),
            [
                Some(" Zoë Ünal "),
                Some("<b>&amp;</b> 日本"),
                Some("Tom "),
                Some(" Jerry")
            ]
        );
    }

    /// `read_text` on the first child of `<r>` (its start tag read first).
    fn value(xml: &str, limit: usize) -> (Result<Text, TextError>, String) {
        let mut reader = XmlReader::new(xml);
        let mut out = String::from("left over");
        for _ in 0..2 {
            assert!(matches!(reader.read_event(), Ok(Event::Start(_))));
        }
        (reader.read_text(&mut out, limit), out)
    }

    #[test]
    fn read_text_joins_text_cdata_and_references() {
        let (end, out) = value(
            "<r><v> Tom &amp; <![CDATA[<Jerry>]]>&#x41;&#66;<i>skipped</i>!</v></r>",
            100,
        );
        assert_eq!(end.ok(), Some(Text::Read));
        assert_eq!(out, " Tom & <Jerry>AB!");
        let (end, out) = value("<r><v></v></r>", 100);
        assert_eq!((end.ok(), out.as_str()), (Some(Text::Read), ""));
    }

    #[test]
    fn read_text_stops_past_the_limit() {
        let (end, out) = value("<r><v>0123456789<x/>abc</v></r>", 4);
        assert_eq!(end.ok(), Some(Text::TooLong));
        assert_eq!(out, "0123456789");
        let (end, _) = value("<r><v>0123</v></r>", 4);
        assert_eq!(end.ok(), Some(Text::Read));
    }

    #[test]
    fn read_text_reports_what_went_wrong() {
        assert!(matches!(
            value("<r><v>abc", 100).0,
            Err(TextError::Eof | TextError::Xml(_))
        ));
        assert!(matches!(value("<r><v>a</w></r>", 100).0, Err(TextError::Xml(_))));
        match value("<r><v>&lol;</v></r>", 100).0 {
            Err(TextError::UnknownEntity(name)) => assert_eq!(name, "lol"),
            other => panic!("expected an unknown entity, got {other:?}"),
        }
        assert!(matches!(
            value("<r><v>&#0;</v></r>", 100).0,
            Err(TextError::BadReference(_))
        ));
    }

    #[test]
    fn bytes_from_elsewhere_are_not_input_text() {
        let reader = XmlReader::new("<r>ab</r>");
        assert_eq!(reader.text_of(b"ab"), None);
        let other = String::from("<r>ab</r>");
        assert_eq!(reader.text_of(&other.as_bytes()[3..5]), None);
    }

    #[test]
    fn trim_is_str_trim() {
        for text in ["", "  ", "\t\r\n a b \n", "\u{a0}x\u{2003}", "é ", " 日本"] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }
}
