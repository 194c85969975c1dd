//! Streaming parser for `GET /enrollment` and `GET /enrollments` XML answers.
//!
//! One forward pass over quick-xml's event reader: no DOM, and no allocation per field beyond
//! the strings that end up in the [`Enrollment`]s. It accepts every shape the live service and
//! its reference page send (see `shared/spec/lms-api-facts.md`) and reports anything else as a
//! [`ParseError`] naming the enrollment, field, value and byte offset.

mod draft;
mod error;
mod values;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use self::draft::{Draft, Field};
pub use self::error::{shorten, snippet};
pub use self::error::{Location, ParseError};
use crate::core::model::EnrollmentPage;

/// Reads a `YYYY-MM-DD` date (leniently, the date part of a date-time), as the parser does.
pub fn parse_date(text: &str) -> Option<time::Date> {
    values::date(text.trim())
}

/// Longest accepted field value, in bytes. IDs, dates and tokens are far shorter; a longer value
/// means corrupt or hostile input.
pub const MAX_VALUE_BYTES: usize = 8 * 1024;

/// Parses one enrollment answer (unpaged `<response><enrollment>…` or paged
/// `<response><enrollments>…</enrollments><nextPageToken>…`).
///
/// An error body (`<response><code>…</code><message>…</message></response>`) becomes
/// [`ParseError::Service`].
pub fn parse_enrollments(xml: &str) -> Result<EnrollmentPage, ParseError> {
    let (body, base) = match xml.strip_prefix('\u{feff}') {
        Some(rest) => (rest, '\u{feff}'.len_utf8() as u64),
        None => (xml, 0),
    };
    let start = body.trim_start();
    if start.is_empty() {
        return Err(ParseError::EmptyBody);
    }
    if !start.starts_with('<') {
        return Err(ParseError::NotXml {
            snippet: snippet(start),
        });
    }
    Parser {
        reader: Reader::from_str(body),
        len: body.len(),
        base,
        text: String::new(),
        value_offset: 0,
    }
    .document()
}

struct Parser<'a> {
    reader: Reader<&'a [u8]>,
    len: usize,
    /// Bytes stripped before `body` (a BOM), added to every reported offset.
    base: u64,
    /// The value being read, reused across fields.
    text: String,
    /// Byte offset where the current value starts.
    value_offset: u64,
}

impl<'a> Parser<'a> {
    /// Prolog, root element, epilogue.
    fn document(mut self) -> Result<EnrollmentPage, ParseError> {
        loop {
            match self.next("the document")? {
                Event::Start(e) => {
                    check_root(&e)?;
                    let page = self.response()?;
                    self.epilogue()?;
                    return Ok(page);
                }
                Event::Empty(e) => {
                    check_root(&e)?;
                    self.epilogue()?;
                    return Ok(EnrollmentPage::default());
                }
                Event::Text(t) if !is_blank(&t) => return Err(self.malformed("text before the root element")),
                Event::Eof => return Err(self.malformed("the document has no root element")),
                _ => {}
            }
        }
    }

    /// Children of `<response>`, with or without the `<enrollments>` wrapper.
    fn response(&mut self) -> Result<EnrollmentPage, ParseError> {
        let mut page = EnrollmentPage::default();
        let mut code = None;
        let mut message = None;
        let mut in_wrapper = false;
        loop {
            let context = if in_wrapper { "enrollments" } else { "response" };
            match self.next(context)? {
                Event::Start(e) => match e.local_name().as_ref() {
                    b"enrollment" => {
                        let enrollment = self.enrollment(page.enrollments.len() + 1)?;
                        page.enrollments.push(enrollment);
                    }
                    b"enrollments" if !in_wrapper => in_wrapper = true,
                    b"nextPageToken" => {
                        self.read_value("nextPageToken", || Location::Response)?;
                        let token = self.text.trim();
                        page.next_page_token = (!token.is_empty()).then(|| token.to_owned());
                    }
                    b"code" if !in_wrapper => {
                        self.read_value("code", || Location::Response)?;
                        code = Some(self.text.trim().to_owned());
                    }
                    b"message" if !in_wrapper => {
                        self.read_value("message", || Location::Response)?;
                        message = Some(self.text.trim().to_owned());
                    }
                    _ => self.skip(&e)?,
                },
                Event::Empty(e) if e.local_name().as_ref() == b"enrollment" => {
                    return Err(ParseError::MissingField {
                        at: Location::Enrollment {
                            index: page.enrollments.len() + 1,
                            enrollment_id: None,
                        },
                        field: Field::EnrollmentId.name(),
                    });
                }
                Event::End(_) if in_wrapper => in_wrapper = false,
                Event::End(_) => break,
                Event::GeneralRef(r) => self.resolve_ref(&r).map(drop)?,
                Event::Eof => return Err(self.truncated(context)),
                _ => {}
            }
        }
        if page.enrollments.is_empty() && (code.is_some() || message.is_some()) {
            return Err(ParseError::Service {
                code: code.unwrap_or_default(),
                message: message.unwrap_or_default(),
            });
        }
        Ok(page)
    }

    /// One `<enrollment>`, fields in any order, unknown elements skipped.
    fn enrollment(&mut self, index: usize) -> Result<crate::core::model::Enrollment, ParseError> {
        let mut draft = Draft::new(index);
        let mut in_certificate = false;
        loop {
            let context = if in_certificate {
                "certificate"
            } else {
                "enrollment"
            };
            match self.next(context)? {
                Event::Start(e) => {
                    let name = e.local_name();
                    if name.as_ref() == b"certificate" && !in_certificate {
                        in_certificate = true;
                    } else if let Some(field) = Field::from_name(name.as_ref(), in_certificate) {
                        self.read_value(field.name(), || draft.location())?;
                        draft.set(field, self.text.trim(), self.value_offset)?;
                    } else {
                        self.skip(&e)?;
                    }
                }
                Event::End(_) if in_certificate => in_certificate = false,
                Event::End(_) => return draft.finish(),
                Event::GeneralRef(r) => self.resolve_ref(&r).map(drop)?,
                Event::Eof => return Err(self.truncated(context)),
                // Empty elements (`<dueDate/>`) mean "not set"; text between fields is ignored.
                _ => {}
            }
        }
    }

    /// Reads the text of the element just opened into `self.text` (entities resolved, CDATA
    /// included, nested markup ignored).
    fn read_value(&mut self, field: &'static str, at: impl Fn() -> Location) -> Result<(), ParseError> {
        self.text.clear();
        self.value_offset = self.offset();
        loop {
            match self.next(field)? {
                Event::Text(t) => {
                    let piece = t.decode().map_err(|e| self.malformed(&e.to_string()))?;
                    self.text.push_str(&piece);
                }
                Event::CData(c) => {
                    let piece = c.decode().map_err(|e| self.malformed(&e.to_string()))?;
                    self.text.push_str(&piece);
                }
                Event::GeneralRef(r) => match self.resolve_ref(&r)? {
                    Resolved::Char(c) => self.text.push(c),
                    Resolved::Text(t) => self.text.push_str(t),
                },
                Event::Start(e) => self.skip(&e)?,
                Event::End(_) => return Ok(()),
                Event::Eof => return Err(self.truncated(field)),
                _ => {}
            }
            if self.text.len() > MAX_VALUE_BYTES {
                return Err(ParseError::ValueTooLong {
                    at: at(),
                    field: field.to_owned(),
                    limit: MAX_VALUE_BYTES,
                    offset: self.value_offset,
                });
            }
        }
    }

    /// Skips an element the parser does not know, with everything inside it.
    fn skip(&mut self, start: &BytesStart<'_>) -> Result<(), ParseError> {
        match self.reader.read_to_end(start.name()) {
            Ok(_) => Ok(()),
            Err(e) => Err(self.xml_error(e, &String::from_utf8_lossy(start.local_name().as_ref()))),
        }
    }

    /// After the root: only whitespace, comments and processing instructions.
    fn epilogue(&mut self) -> Result<(), ParseError> {
        loop {
            let offset = self.offset();
            match self.next("the document")? {
                Event::Eof => return Ok(()),
                Event::Text(t) if is_blank(&t) => {}
                Event::Comment(_) | Event::PI(_) => {}
                _ => {
                    return Err(ParseError::Malformed {
                        offset,
                        reason: "content after the end of the root element".into(),
                    })
                }
            }
        }
    }

    /// `&#65;`, `&#x41;` and the five predefined entities; anything else is refused.
    fn resolve_ref(&self, r: &BytesRef<'_>) -> Result<Resolved, ParseError> {
        match r.resolve_char_ref() {
            Ok(Some(c)) => return Ok(Resolved::Char(c)),
            Ok(None) => {}
            Err(e) => return Err(self.malformed(&e.to_string())),
        }
        let name = r.decode().map_err(|e| self.malformed(&e.to_string()))?;
        match quick_xml::escape::resolve_predefined_entity(&name) {
            Some(text) => Ok(Resolved::Text(text)),
            None => Err(ParseError::UnsupportedEntity {
                name: snippet(&name),
                offset: self.offset(),
            }),
        }
    }

    fn next(&mut self, open: &str) -> Result<Event<'a>, ParseError> {
        match self.reader.read_event() {
            Ok(event) => Ok(event),
            Err(e) => Err(self.xml_error(e, open)),
        }
    }

    fn offset(&self) -> u64 {
        self.base + self.reader.buffer_position()
    }

    /// An unclosed construct at the very end of the input is a cut-off document; anything else
    /// is broken syntax.
    fn xml_error(&self, error: quick_xml::Error, open: &str) -> ParseError {
        use quick_xml::errors::IllFormedError;
        let unclosed = matches!(
            error,
            quick_xml::Error::Syntax(_) | quick_xml::Error::IllFormed(IllFormedError::MissingEndTag(_))
        );
        if unclosed && self.reader.buffer_position() as usize >= self.len {
            self.truncated(open)
        } else {
            ParseError::Malformed {
                offset: self.base + self.reader.error_position(),
                reason: shorten(&error.to_string(), 200),
            }
        }
    }

    fn truncated(&self, open: &str) -> ParseError {
        ParseError::Truncated {
            offset: self.base + self.len as u64,
            open: snippet(open),
        }
    }

    fn malformed(&self, reason: &str) -> ParseError {
        ParseError::Malformed {
            offset: self.offset(),
            reason: reason.to_owned(),
        }
    }
}

/// A resolved reference: one character or a predefined entity's text.
enum Resolved {
    Char(char),
    Text(&'static str),
}

fn check_root(start: &BytesStart<'_>) -> Result<(), ParseError> {
    if start.local_name().as_ref() == b"response" {
        Ok(())
    } else {
        Err(ParseError::UnexpectedRoot {
            found: snippet(&String::from_utf8_lossy(start.name().as_ref())),
        })
    }
}

fn is_blank(text: &[u8]) -> bool {
    text.iter().all(u8::is_ascii_whitespace)
}
