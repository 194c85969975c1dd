//! Streaming parser for `GET /enrollment` and `GET /enrollments` XML answers.
//!
//! One forward pass over quick-xml's event reader: no DOM, and no allocation per field beyond
//! the strings that end up in the [`Enrollment`]s. It accepts every shape the live service and
//! its reference page send (see `shared/spec/lms-api-facts.md`) and reports anything else as a
//! [`ParseError`] naming the enrollment, field, value and byte offset.

mod draft;
mod error;
pub mod related;
mod values;

use xml_reader::events::{BytesRef, BytesStart, Event};
use xml_reader::{Text, TextError, XmlReader};

use self::draft::{Draft, Field};
pub use self::error::{shorten, snippet};
pub use self::error::{Location, ParseError};
pub use self::related::{parse_contents, parse_departments, parse_results, parse_users};
use crate::model::{Enrollment, EnrollmentPage};

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
    let mut reader = EnrollmentReader::new(xml)?;
    let enrollments = reader.next_batch(usize::MAX)?;
    Ok(EnrollmentPage {
        enrollments,
        next_page_token: reader.next_page_token,
    })
}

/// Reads an enrollment answer a batch at a time, so that a large document can be parsed in
/// slices (the widget yields to the browser between them). Same rules as [`parse_enrollments`].
pub struct EnrollmentReader<'a> {
    parser: Parser<'a>,
    stage: Stage,
    /// Enrollments read so far (for 1-based positions in errors).
    count: usize,
    code: Option<String>,
    message: Option<String>,
    next_page_token: Option<String>,
}

/// Where the reader is in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Before the root element.
    Prolog,
    /// Among the children of `<response>` (inside `<enrollments>` or not).
    Response { in_wrapper: bool },
    /// After the root element.
    Done,
}

impl<'a> EnrollmentReader<'a> {
    /// Checks that `xml` looks like XML; nothing else is read yet.
    pub fn new(xml: &'a str) -> Result<Self, ParseError> {
        Ok(EnrollmentReader {
            parser: Parser::new(xml)?,
            stage: Stage::Prolog,
            count: 0,
            code: None,
            message: None,
            next_page_token: None,
        })
    }

    /// The next (at most `max`) enrollments; an empty batch means the document is complete.
    pub fn next_batch(&mut self, max: usize) -> Result<Vec<Enrollment>, ParseError> {
        let mut batch = Vec::new();
        while batch.len() < max.max(1) {
            match self.stage {
                Stage::Done => break,
                Stage::Prolog => self.stage = self.parser.prolog()?,
                Stage::Response { in_wrapper } => {
                    self.stage = self.response_step(in_wrapper, &mut batch)?;
                }
            }
        }
        Ok(batch)
    }

    /// `<nextPageToken>`, once read (`None` on the last or only page).
    pub fn next_page_token(&self) -> Option<&str> {
        self.next_page_token.as_deref()
    }

    /// `true` once the whole document was read.
    pub fn is_done(&self) -> bool {
        self.stage == Stage::Done
    }

    /// Reads one child event of `<response>`.
    fn response_step(&mut self, in_wrapper: bool, batch: &mut Vec<Enrollment>) -> Result<Stage, ParseError> {
        let p = &mut self.parser;
        let context = if in_wrapper { "enrollments" } else { "response" };
        let same = Stage::Response { in_wrapper };
        match p.next(context)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"enrollment" => {
                    self.count += 1;
                    batch.push(p.enrollment(self.count)?);
                }
                b"enrollments" if !in_wrapper => return Ok(Stage::Response { in_wrapper: true }),
                b"nextPageToken" => {
                    p.read_value("nextPageToken", &|| Location::Response)?;
                    let token = p.value();
                    self.next_page_token = (!token.is_empty()).then(|| token.to_owned());
                }
                b"code" if !in_wrapper => {
                    p.read_value("code", &|| Location::Response)?;
                    self.code = Some(p.value().to_owned());
                }
                b"message" if !in_wrapper => {
                    p.read_value("message", &|| Location::Response)?;
                    self.message = Some(p.value().to_owned());
                }
                _ => p.skip(&e)?,
            },
            Event::Empty(e) if e.local_name().as_ref() == b"enrollment" => {
                return Err(ParseError::MissingField {
                    at: Location::Enrollment {
                        index: self.count + 1,
                        enrollment_id: None,
                    },
                    field: Field::EnrollmentId.name(),
                });
            }
            Event::End(_) if in_wrapper => return Ok(Stage::Response { in_wrapper: false }),
            Event::End(_) => {
                p.epilogue()?;
                if self.count == 0 && (self.code.is_some() || self.message.is_some()) {
                    return Err(ParseError::Service {
                        code: self.code.take().unwrap_or_default(),
                        message: self.message.take().unwrap_or_default(),
                    });
                }
                return Ok(Stage::Done);
            }
            Event::GeneralRef(r) => p.check_ref(&r)?,
            Event::Eof => return Err(p.truncated(context)),
            _ => {}
        }
        Ok(same)
    }
}

struct Parser<'a> {
    reader: XmlReader<'a>,
    len: usize,
    /// Bytes stripped before `body` (a BOM), added to every reported offset.
    base: u64,
    /// The value being read, reused across fields.
    text: String,
    /// Byte offset where the current value starts.
    value_offset: u64,
}

impl<'a> Parser<'a> {
    /// A parser over `xml` (a leading BOM skipped), once it looks like XML; nothing is read yet.
    fn new(xml: &'a str) -> Result<Self, ParseError> {
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
        Ok(Parser {
            reader: XmlReader::new(body),
            len: body.len(),
            base,
            text: String::new(),
            value_offset: 0,
        })
    }

    /// Everything up to the root element; an empty root (`<response/>`) ends the document.
    fn prolog(&mut self) -> Result<Stage, ParseError> {
        loop {
            match self.next("the document")? {
                Event::Start(e) => {
                    check_root(&e)?;
                    return Ok(Stage::Response { in_wrapper: false });
                }
                Event::Empty(e) => {
                    check_root(&e)?;
                    self.epilogue()?;
                    return Ok(Stage::Done);
                }
                Event::Text(t) if !is_blank(&t) => return Err(self.malformed("text before the root element")),
                Event::Eof => return Err(self.malformed("the document has no root element")),
                _ => {}
            }
        }
    }

    /// One `<enrollment>`, fields in any order, unknown elements skipped.
    fn enrollment(&mut self, index: usize) -> Result<Enrollment, ParseError> {
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
                        self.read_value(field.name(), &|| draft.location())?;
                        draft.set(field, self.value(), self.value_offset)?;
                    } else {
                        self.skip(&e)?;
                    }
                }
                Event::End(_) if in_certificate => in_certificate = false,
                Event::End(_) => return draft.finish(),
                Event::GeneralRef(r) => self.check_ref(&r)?,
                Event::Eof => return Err(self.truncated(context)),
                // Empty elements (`<dueDate/>`) mean "not set"; text between fields is ignored.
                _ => {}
            }
        }
    }

    /// Reads the text of the element just opened into `self.text` (entities resolved, CDATA
    /// included, nested markup ignored). `at` locates it for an error, and is called only then
    /// (a reference, not a generic: one copy of this function serves every reader).
    fn read_value(&mut self, field: &'static str, at: &dyn Fn() -> Location) -> Result<(), ParseError> {
        self.value_offset = self.offset();
        match self.reader.read_text(&mut self.text, MAX_VALUE_BYTES) {
            Ok(Text::Read) => Ok(()),
            Ok(Text::TooLong) => Err(ParseError::ValueTooLong {
                at: at(),
                field: field.to_owned(),
                limit: MAX_VALUE_BYTES,
                offset: self.value_offset,
            }),
            Err(e) => Err(self.text_error(e, field)),
        }
    }

    /// The value just read, without the whitespace around it.
    fn value(&self) -> &str {
        xml_reader::trim(&self.text)
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

    /// Checks a reference between elements (`&#65;`, `&amp;`; any other entity is refused).
    fn check_ref(&self, r: &BytesRef<'_>) -> Result<(), ParseError> {
        match xml_reader::resolve_ref(r) {
            Ok(_) => Ok(()),
            Err(e) => Err(self.text_error(e, "the document")),
        }
    }

    /// A failed text or reference read, as the parse error it is; `open` names the element.
    fn text_error(&self, error: TextError, open: &str) -> ParseError {
        match error {
            TextError::Xml(e) => self.xml_error(e, open),
            TextError::Eof => self.truncated(open),
            TextError::UnknownEntity(name) => ParseError::UnsupportedEntity {
                name: snippet(&name),
                offset: self.offset(),
            },
            TextError::BadReference(reason) => self.malformed(&reason),
            TextError::NotInput => self.malformed("text outside the document"),
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
    fn xml_error(&self, error: xml_reader::Error, open: &str) -> ParseError {
        use xml_reader::errors::IllFormedError;
        let unclosed = matches!(
            error,
            xml_reader::Error::Syntax(_) | xml_reader::Error::IllFormed(IllFormedError::MissingEndTag(_))
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
