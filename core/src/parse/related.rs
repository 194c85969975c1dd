//! Streaming parsers for the related endpoints: `GET /users/v2`, `GET /departments`,
//! `GET /contents` and `GET /learners/results`.
//!
//! Same reader and rules as [`parse_enrollments`](super::parse_enrollments): one forward pass,
//! BOM, comments, namespaces and unknown elements (at any depth) accepted, only predefined and
//! character entities, values bounded by [`MAX_VALUE_BYTES`](super::MAX_VALUE_BYTES). Each
//! answer may come paged (`<response><userProfiles>…</userProfiles><nextPageToken>…`) or unpaged
//! (items straight under `<response>`); `<response/>` is an empty listing and the service's error
//! body becomes [`ParseError::Service`]. A faulty item is reported as
//! [`Location::Item`] with its position, its ID when already read, the field and byte offset.
//!
//! Only an item's ID is required; every other field may be absent, and an empty element means
//! "not set".

use xml_reader::events::Event;

use super::error::{Location, ParseError};
use super::{values, Parser, Stage};
use crate::related::{
    CompletionStatus, ContentItem, Department, LearnerResult, Listing, Person, PersonStatus, RelatedKind,
};

/// Parses a `GET /users/v2` answer (`<userProfile>` items, paged in `<userProfiles>`).
///
/// Name fields come from `<fields>`, either as a list of
/// `<field><name>FIRST_NAME</name><value>…</value></field>` or as members
/// (`<fields><login>…</login><email>…</email></fields>`); names are matched ignoring letter case,
/// `_` and `-` (`FIRST_NAME`, `firstName`, `first-name`), unknown names are ignored.
pub fn parse_users(xml: &str) -> Result<Listing<Person>, ParseError> {
    parse_listing(xml)
}

/// Parses a `GET /departments` answer (`<department>` items, paged in `<departments>`).
pub fn parse_departments(xml: &str) -> Result<Listing<Department>, ParseError> {
    parse_listing(xml)
}

/// Parses a `GET /contents` answer (`<contentItem>` items, paged in `<contentItems>`).
pub fn parse_contents(xml: &str) -> Result<Listing<ContentItem>, ParseError> {
    parse_listing(xml)
}

/// Parses a `GET /learners/results` answer (`<result>` items, paged in `<results>`).
///
/// Lenient where the values vary: an unknown `completionStatus` is
/// [`CompletionStatus::Unknown`], `progress` is clamped to 0–100, `timeSpent` may be seconds,
/// `H:MM:SS` or an ISO 8601 duration (`PT1H2M5S`).
pub fn parse_results(xml: &str) -> Result<Listing<LearnerResult>, ParseError> {
    parse_listing(xml)
}

const ID: &str = "a non-empty ID";
const DATE: &str = "a date like 2022-07-14";
const BOOLEAN: &str = "0, 1, true or false";
const STATUS: &str = "a status code (1 active, 3 inactive, 5 terminated)";
const PERCENT: &str = "a percentage like 75";
const SCORE: &str = "a number like 87.5";
const DURATION: &str = "seconds, H:MM:SS or an ISO 8601 duration like PT1H2M5S";

/// One kind of item of a related listing.
trait Record: Sized {
    /// Which kind (element names, ID field).
    const KIND: RelatedKind;
    /// The item element (`userProfile`).
    const ELEMENT: &'static str = Self::KIND.element();
    /// The plural element of the paged shape (`userProfiles`).
    const WRAPPER: &'static str = Self::KIND.wrapper();
    /// The required ID element (`userId`).
    const ID_FIELD: &'static str = Self::KIND.id_field();
    /// Fields read so far, besides the ID.
    type Draft: Default;
    /// The optional fields.
    type Field: Copy;

    /// The field an element of the item stands for.
    fn field(name: &[u8]) -> Option<Self::Field>;
    /// The element name of `field`, for messages.
    fn field_name(field: Self::Field) -> &'static str;
    /// Stores one trimmed value; `Err` holds what the field should look like.
    fn set(draft: &mut Self::Draft, field: Self::Field, value: &str) -> Result<(), &'static str>;
    /// The item from its ID and the other fields.
    fn finish(id: String, draft: Self::Draft) -> Self;
    /// Reads an element with children of its own (`<fields>`); `Ok(false)` when `name` is not one.
    fn nested(_p: &mut Parser<'_>, _item: &mut Item<Self>, _name: &[u8]) -> Result<bool, ParseError> {
        Ok(false)
    }
}

/// An item being read: its position, its ID once seen, the rest of its fields.
struct Item<R: Record> {
    index: usize,
    id: Option<String>,
    draft: R::Draft,
}

impl<R: Record> Item<R> {
    fn location(&self) -> Location {
        Location::Item {
            kind: R::KIND,
            index: self.index,
            id: self.id.clone(),
        }
    }

    fn set(&mut self, field: R::Field, value: &str, offset: u64) -> Result<(), ParseError> {
        R::set(&mut self.draft, field, value).map_err(|expected| ParseError::InvalidValue {
            at: self.location(),
            field: R::field_name(field),
            value: value.to_owned(),
            expected,
            offset,
        })
    }
}

/// The whole document: paged or unpaged items, `nextPageToken`, or the service's error body.
fn parse_listing<R: Record>(xml: &str) -> Result<Listing<R>, ParseError> {
    let mut items = Vec::new();
    let shape = Shape {
        wrapper: R::WRAPPER,
        element: R::ELEMENT,
        kind: R::KIND,
        id_field: R::ID_FIELD,
    };
    let next_page_token = read_listing(xml, shape, &mut |p, index| {
        items.push(read_item::<R>(p, index)?);
        Ok(())
    })?;
    Ok(Listing {
        items,
        next_page_token,
    })
}

/// What a listing's document looks like.
#[derive(Clone, Copy)]
struct Shape {
    wrapper: &'static str,
    element: &'static str,
    kind: RelatedKind,
    id_field: &'static str,
}

/// Reads a listing's document, handing each item element (with its 1-based position) to
/// `item`; returns the next page's token. Not generic, so one copy serves every resource.
#[inline(never)]
fn read_listing(
    xml: &str,
    shape: Shape,
    item: &mut dyn FnMut(&mut Parser<'_>, usize) -> Result<(), ParseError>,
) -> Result<Option<String>, ParseError> {
    let mut p = Parser::new(xml)?;
    let mut next_page_token = None;
    if p.prolog()? == Stage::Done {
        return Ok(next_page_token);
    }
    let (mut code, mut message) = (None, None);
    let (mut in_wrapper, mut count) = (false, 0);
    loop {
        let context = if in_wrapper { shape.wrapper } else { "response" };
        match p.next(context)? {
            Event::Start(e) => match e.local_name().as_ref() {
                name if name == shape.element.as_bytes() => {
                    count += 1;
                    item(&mut p, count)?;
                }
                name if !in_wrapper && name == shape.wrapper.as_bytes() => in_wrapper = true,
                b"nextPageToken" => {
                    p.read_value("nextPageToken", &|| Location::Response)?;
                    let token = p.value();
                    next_page_token = (!token.is_empty()).then(|| token.to_owned());
                }
                b"code" if !in_wrapper => {
                    p.read_value("code", &|| Location::Response)?;
                    code = Some(p.value().to_owned());
                }
                b"message" if !in_wrapper => {
                    p.read_value("message", &|| Location::Response)?;
                    message = Some(p.value().to_owned());
                }
                _ => p.skip(&e)?,
            },
            Event::Empty(e) if e.local_name().as_ref() == shape.element.as_bytes() => {
                return Err(ParseError::MissingField {
                    at: Location::Item {
                        kind: shape.kind,
                        index: count + 1,
                        id: None,
                    },
                    field: shape.id_field,
                });
            }
            Event::End(_) if in_wrapper => in_wrapper = false,
            Event::End(_) => {
                p.epilogue()?;
                if count == 0 && (code.is_some() || message.is_some()) {
                    return Err(ParseError::Service {
                        code: code.unwrap_or_default(),
                        message: message.unwrap_or_default(),
                    });
                }
                return Ok(next_page_token);
            }
            Event::GeneralRef(r) => p.check_ref(&r)?,
            Event::Eof => return Err(p.truncated(context)),
            _ => {}
        }
    }
}

/// One item, fields in any order, unknown elements skipped; the ID is required.
fn read_item<R: Record>(p: &mut Parser<'_>, index: usize) -> Result<R, ParseError> {
    let mut item = Item::<R> {
        index,
        id: None,
        draft: R::Draft::default(),
    };
    read_fields(p, R::ELEMENT, R::ID_FIELD, &mut item)?;
    match item.id {
        Some(id) => Ok(R::finish(id, item.draft)),
        None => Err(ParseError::MissingField {
            at: item.location(),
            field: R::ID_FIELD,
        }),
    }
}

/// What [`read_fields`] needs of an item, whatever its kind.
trait ItemFields {
    /// Where the item is, for messages.
    fn at(&self) -> Location;
    /// Records the item's ID.
    fn set_id(&mut self, id: String);
    /// Reads the element `name` if it is one of the item's fields (or nested groups of
    /// fields); `Ok(false)` when it is not.
    fn read_field(&mut self, p: &mut Parser<'_>, name: &[u8]) -> Result<bool, ParseError>;
}

impl<R: Record> ItemFields for Item<R> {
    fn at(&self) -> Location {
        self.location()
    }

    fn set_id(&mut self, id: String) {
        self.id = Some(id);
    }

    fn read_field(&mut self, p: &mut Parser<'_>, name: &[u8]) -> Result<bool, ParseError> {
        if let Some(field) = R::field(name) {
            p.read_value(R::field_name(field), &|| self.location())?;
            self.set(field, p.value(), p.value_offset)?;
            return Ok(true);
        }
        R::nested(p, self, name)
    }
}

/// Reads an item's elements up to its end tag. Not generic, so one copy serves every resource.
#[inline(never)]
fn read_fields(
    p: &mut Parser<'_>,
    element: &'static str,
    id_field: &'static str,
    item: &mut dyn ItemFields,
) -> Result<(), ParseError> {
    loop {
        match p.next(element)? {
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if name == id_field.as_bytes() {
                    p.read_value(id_field, &|| item.at())?;
                    let id = p.value();
                    if id.is_empty() {
                        return Err(ParseError::InvalidValue {
                            at: item.at(),
                            field: id_field,
                            value: id.to_owned(),
                            expected: ID,
                            offset: p.value_offset,
                        });
                    }
                    item.set_id(id.to_owned());
                } else if !item.read_field(p, name)? {
                    p.skip(&e)?;
                }
            }
            Event::End(_) => return Ok(()),
            Event::GeneralRef(r) => p.check_ref(&r)?,
            Event::Eof => return Err(p.truncated(element)),
            // Empty elements (`<departmentId/>`) mean "not set"; text between fields is ignored.
            _ => {}
        }
    }
}

/// A trimmed free-text or optional ID value; empty means absent.
fn text(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_owned())
}

// ---- users ----

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PersonField {
    DepartmentId,
    Status,
    FirstName,
    LastName,
    Email,
    Login,
    JobTitle,
}

#[derive(Default)]
struct PersonDraft {
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    login: Option<String>,
    job_title: Option<String>,
    department_id: Option<String>,
    status: Option<PersonStatus>,
}

impl Record for Person {
    const KIND: RelatedKind = RelatedKind::Person;
    type Draft = PersonDraft;
    type Field = PersonField;

    fn field(name: &[u8]) -> Option<PersonField> {
        match name {
            b"departmentId" => Some(PersonField::DepartmentId),
            b"status" => Some(PersonField::Status),
            _ => None,
        }
    }

    fn field_name(field: PersonField) -> &'static str {
        match field {
            PersonField::DepartmentId => "departmentId",
            PersonField::Status => "status",
            PersonField::FirstName => "FIRST_NAME",
            PersonField::LastName => "LAST_NAME",
            PersonField::Email => "EMAIL",
            PersonField::Login => "LOGIN",
            PersonField::JobTitle => "JOB_TITLE",
        }
    }

    fn set(d: &mut PersonDraft, field: PersonField, value: &str) -> Result<(), &'static str> {
        match field {
            PersonField::DepartmentId => d.department_id = text(value),
            PersonField::Status => d.status = Some(person_status(value).ok_or(STATUS)?),
            PersonField::FirstName => d.first_name = text(value),
            PersonField::LastName => d.last_name = text(value),
            PersonField::Email => d.email = text(value),
            PersonField::Login => d.login = text(value),
            PersonField::JobTitle => d.job_title = text(value),
        }
        Ok(())
    }

    fn finish(user_id: String, d: PersonDraft) -> Person {
        Person {
            user_id,
            first_name: d.first_name,
            last_name: d.last_name,
            email: d.email,
            login: d.login,
            job_title: d.job_title,
            department_id: d.department_id,
            status: d.status.unwrap_or(PersonStatus::Unspecified),
        }
    }

    fn nested(p: &mut Parser<'_>, item: &mut Item<Person>, name: &[u8]) -> Result<bool, ParseError> {
        if name != b"fields" {
            return Ok(false);
        }
        loop {
            match p.next("fields")? {
                Event::Start(e) => {
                    let name = e.local_name();
                    if name.as_ref() == b"field" {
                        read_name_value(p, item)?;
                    } else if let Some(field) = member(name.as_ref()) {
                        p.read_value(Person::field_name(field), &|| item.location())?;
                        item.set(field, p.value(), p.value_offset)?;
                    } else {
                        p.skip(&e)?;
                    }
                }
                Event::End(_) => return Ok(true),
                Event::GeneralRef(r) => p.check_ref(&r)?,
                Event::Eof => return Err(p.truncated("fields")),
                _ => {}
            }
        }
    }
}

/// `<field><name>FIRST_NAME</name><value>Helen</value></field>`, in either order.
fn read_name_value(p: &mut Parser<'_>, item: &mut Item<Person>) -> Result<(), ParseError> {
    // `None`: no <name> yet; `Some(None)`: a name this parser does not read.
    let mut key: Option<Option<PersonField>> = None;
    // A <value> that came before its <name>.
    let mut early: Option<(String, u64)> = None;
    loop {
        match p.next("field")? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"name" => {
                    p.read_value("name", &|| item.location())?;
                    let field = member(p.value().as_bytes());
                    key = Some(field);
                    if let (Some(field), Some((value, offset))) = (field, early.take()) {
                        item.set(field, &value, offset)?;
                    }
                }
                b"value" => {
                    let field = key.flatten();
                    p.read_value(field.map_or("value", Person::field_name), &|| item.location())?;
                    match key {
                        Some(Some(field)) => item.set(field, p.value(), p.value_offset)?,
                        Some(None) => {}
                        None => early = Some((p.value().to_owned(), p.value_offset)),
                    }
                }
                _ => p.skip(&e)?,
            },
            Event::End(_) => return Ok(()),
            Event::GeneralRef(r) => p.check_ref(&r)?,
            Event::Eof => return Err(p.truncated("field")),
            _ => {}
        }
    }
}

/// A name field by its name, ignoring ASCII letter case, `_` and `-`.
fn member(name: &[u8]) -> Option<PersonField> {
    let mut buf = [0u8; 12];
    let mut len = 0;
    for &b in name {
        if b == b'_' || b == b'-' {
            continue;
        }
        *buf.get_mut(len)? = b.to_ascii_lowercase();
        len += 1;
    }
    Some(match &buf[..len] {
        b"firstname" => PersonField::FirstName,
        b"lastname" => PersonField::LastName,
        b"email" => PersonField::Email,
        b"login" => PersonField::Login,
        b"jobtitle" => PersonField::JobTitle,
        _ => return None,
    })
}

/// `1`, `3`, `5` (other codes kept as unknown), or the words; empty is unspecified.
fn person_status(value: &str) -> Option<PersonStatus> {
    if value.is_empty() {
        return Some(PersonStatus::Unspecified);
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse().ok().map(PersonStatus::from_code);
    }
    [
        ("active", PersonStatus::Active),
        ("inactive", PersonStatus::Inactive),
        ("terminated", PersonStatus::Terminated),
    ]
    .into_iter()
    .find_map(|(word, status)| value.eq_ignore_ascii_case(word).then_some(status))
}

// ---- departments ----

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DepartmentField {
    Name,
    Parent,
}

#[derive(Default)]
struct DepartmentDraft {
    name: Option<String>,
    parent: Option<String>,
}

impl Record for Department {
    const KIND: RelatedKind = RelatedKind::Department;
    type Draft = DepartmentDraft;
    type Field = DepartmentField;

    fn field(name: &[u8]) -> Option<DepartmentField> {
        match name {
            b"name" => Some(DepartmentField::Name),
            b"parentDepartmentId" => Some(DepartmentField::Parent),
            _ => None,
        }
    }

    fn field_name(field: DepartmentField) -> &'static str {
        match field {
            DepartmentField::Name => "name",
            DepartmentField::Parent => "parentDepartmentId",
        }
    }

    fn set(d: &mut DepartmentDraft, field: DepartmentField, value: &str) -> Result<(), &'static str> {
        match field {
            DepartmentField::Name => d.name = text(value),
            DepartmentField::Parent => d.parent = text(value),
        }
        Ok(())
    }

    fn finish(department_id: String, d: DepartmentDraft) -> Department {
        Department {
            department_id,
            name: d.name.unwrap_or_default(),
            parent_department_id: d.parent,
        }
    }
}

// ---- contents ----

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ContentField {
    Title,
}

impl Record for ContentItem {
    const KIND: RelatedKind = RelatedKind::ContentItem;
    type Draft = Option<String>;
    type Field = ContentField;

    fn field(name: &[u8]) -> Option<ContentField> {
        (name == b"title").then_some(ContentField::Title)
    }

    fn field_name(_: ContentField) -> &'static str {
        "title"
    }

    fn set(title: &mut Option<String>, _: ContentField, value: &str) -> Result<(), &'static str> {
        *title = text(value);
        Ok(())
    }

    fn finish(content_item_id: String, title: Option<String>) -> ContentItem {
        ContentItem {
            content_item_id,
            title: title.unwrap_or_default(),
        }
    }
}

// ---- results ----

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ResultField {
    CourseId,
    LearnerId,
    CompletionStatus,
    Progress,
    CompletionDate,
    AwardedScore,
    TimeSpent,
    CourseTitle,
    IsOverdue,
}

#[derive(Default)]
struct ResultDraft {
    course_id: Option<String>,
    learner_id: Option<String>,
    completion_status: Option<CompletionStatus>,
    progress: Option<u8>,
    completion_date: Option<time::Date>,
    awarded_score: Option<f32>,
    time_spent_seconds: Option<u32>,
    course_title: Option<String>,
    is_overdue: Option<bool>,
}

impl Record for LearnerResult {
    const KIND: RelatedKind = RelatedKind::LearnerResult;
    type Draft = ResultDraft;
    type Field = ResultField;

    fn field(name: &[u8]) -> Option<ResultField> {
        Some(match name {
            b"courseId" => ResultField::CourseId,
            b"learnerId" => ResultField::LearnerId,
            b"completionStatus" => ResultField::CompletionStatus,
            b"progress" => ResultField::Progress,
            b"completionDate" => ResultField::CompletionDate,
            b"awardedScore" => ResultField::AwardedScore,
            b"timeSpent" => ResultField::TimeSpent,
            b"courseTitle" => ResultField::CourseTitle,
            b"isOverdue" => ResultField::IsOverdue,
            _ => return None,
        })
    }

    fn field_name(field: ResultField) -> &'static str {
        match field {
            ResultField::CourseId => "courseId",
            ResultField::LearnerId => "learnerId",
            ResultField::CompletionStatus => "completionStatus",
            ResultField::Progress => "progress",
            ResultField::CompletionDate => "completionDate",
            ResultField::AwardedScore => "awardedScore",
            ResultField::TimeSpent => "timeSpent",
            ResultField::CourseTitle => "courseTitle",
            ResultField::IsOverdue => "isOverdue",
        }
    }

    fn set(d: &mut ResultDraft, field: ResultField, value: &str) -> Result<(), &'static str> {
        /// Empty is "not set"; anything else must read.
        fn optional<T>(
            value: &str,
            read: fn(&str) -> Option<T>,
            expected: &'static str,
        ) -> Result<Option<T>, &'static str> {
            match value {
                "" => Ok(None),
                v => read(v).map(Some).ok_or(expected),
            }
        }
        match field {
            ResultField::CourseId => d.course_id = text(value),
            ResultField::LearnerId => d.learner_id = text(value),
            ResultField::CompletionStatus => d.completion_status = Some(completion_status(value)),
            ResultField::Progress => d.progress = optional(value, percent, PERCENT)?,
            ResultField::CompletionDate => d.completion_date = optional(value, values::date, DATE)?,
            ResultField::AwardedScore => d.awarded_score = optional(value, score, SCORE)?,
            ResultField::TimeSpent => d.time_spent_seconds = optional(value, duration, DURATION)?,
            ResultField::CourseTitle => d.course_title = text(value),
            ResultField::IsOverdue => d.is_overdue = optional(value, values::boolean, BOOLEAN)?,
        }
        Ok(())
    }

    fn finish(enrollment_id: String, d: ResultDraft) -> LearnerResult {
        LearnerResult {
            enrollment_id,
            course_id: d.course_id,
            learner_id: d.learner_id,
            completion_status: d.completion_status.unwrap_or(CompletionStatus::Unknown),
            progress: d.progress,
            completion_date: d.completion_date,
            awarded_score: d.awarded_score,
            time_spent_seconds: d.time_spent_seconds,
            course_title: d.course_title,
            is_overdue: d.is_overdue,
        }
    }
}

/// One of the nine values, ignoring letter case and reading `-` or a space as `_`
/// (`In Progress`, `not-started`); anything else is unknown.
fn completion_status(value: &str) -> CompletionStatus {
    CompletionStatus::ALL
        .into_iter()
        .find(|status| {
            let id = status.id().as_bytes();
            value.len() == id.len()
                && value.bytes().zip(id).all(|(a, &b)| {
                    let a = if a == b'-' || a == b' ' { b'_' } else { a };
                    a.eq_ignore_ascii_case(&b)
                })
        })
        .unwrap_or(CompletionStatus::Unknown)
}

/// A plain decimal number: optional sign, digits, optional fraction (no exponent, no `inf`),
/// read to six decimals (the widget keeps scores to the hundredth). Read by hand: the standard
/// library's float parser is some 10 KB of the module.
fn decimal(value: &str) -> Option<f64> {
    let negative = value.starts_with('-');
    let unsigned = value.strip_prefix(['+', '-']).unwrap_or(value);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !digits_only(whole) || !digits_only(fraction) {
        return None;
    }
    let digit = |d: u8| f64::from(d - b'0');
    let mut number = whole.bytes().fold(0.0, |n, d| n * 10.0 + digit(d));
    let mut scale = 1.0;
    for d in fraction.bytes().take(6) {
        scale /= 10.0;
        number += digit(d) * scale;
    }
    let number = if negative { -number } else { number };
    number.is_finite().then_some(number)
}

/// `75`, `75.5`, `75%`: clamped to 0–100, the fraction cut off.
fn percent(value: &str) -> Option<u8> {
    let number = value.strip_suffix('%').unwrap_or(value).trim_end();
    // In range after the clamp; `as` cuts the fraction off.
    decimal(number).map(|v| v.clamp(0.0, 100.0) as u8)
}

/// A finite score.
fn score(value: &str) -> Option<f32> {
    decimal(value).map(|v| v as f32).filter(|v| v.is_finite())
}

/// Seconds (`3725`, fraction cut off), `H:MM:SS` / `M:SS`, or an ISO 8601 duration with days,
/// hours, minutes and seconds (`PT1H2M5S`, `P1DT2H`); negative or over `u32::MAX` seconds is
/// refused.
fn duration(value: &str) -> Option<u32> {
    let seconds = if let Some(iso) = value.strip_prefix(['P', 'p']) {
        iso_duration(iso)?
    } else if value.contains(':') {
        clock_duration(value)?
    } else {
        let v = decimal(value)?;
        if v < 0.0 {
            return None;
        }
        v as u64 // saturates; checked below
    };
    u32::try_from(seconds).ok()
}

/// `H:MM:SS` or `M:SS`, seconds possibly with a fraction (cut off).
fn clock_duration(value: &str) -> Option<u64> {
    let mut parts = value.split(':');
    let (first, second, third) = (parts.next()?, parts.next()?, parts.next());
    if parts.next().is_some() {
        return None;
    }
    let (hours, minutes, seconds) = match third {
        Some(seconds) => (whole(first)?, whole(second).filter(|&m| m < 60)?, seconds),
        None => (0, whole(first)?, second),
    };
    let (seconds, fraction) = seconds.split_once('.').unwrap_or((seconds, ""));
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds = whole(seconds).filter(|&s| s < 60)?;
    Some(hours * 3600 + minutes * 60 + seconds)
}

/// The part after `P`: `[nD][T[nH][nM][n[.f]S]]`, at least one component.
fn iso_duration(value: &str) -> Option<u64> {
    let (date, time) = match value.split_once(['T', 't']) {
        Some((date, time)) if !time.is_empty() => (date, Some(time)),
        Some(_) => return None,
        None => (value, None),
    };
    let mut total = 0u64;
    let mut components = 0;
    if !date.is_empty() {
        total = whole(date.strip_suffix(['D', 'd'])?)?.checked_mul(86_400)?;
        components += 1;
    }
    let mut rest = time.unwrap_or("");
    for (unit, scale) in [(b'H', 3600u64), (b'M', 60), (b'S', 1)] {
        let end = rest.bytes().position(|b| !b.is_ascii_digit() && b != b'.');
        let Some(end) = end.filter(|&end| rest.as_bytes()[end].eq_ignore_ascii_case(&unit)) else {
            continue;
        };
        let number = &rest[..end];
        let amount = if unit == b'S' {
            let (secs, fraction) = number.split_once('.').unwrap_or((number, ""));
            fraction.bytes().all(|b| b.is_ascii_digit()).then_some(())?;
            whole(secs)?
        } else {
            whole(number)?
        };
        total = total.checked_add(amount.checked_mul(scale)?)?;
        components += 1;
        rest = &rest[end + 1..];
    }
    (rest.is_empty() && components > 0).then_some(total)
}

/// A run of 1–12 ASCII digits.
fn whole(digits: &str) -> Option<u64> {
    if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        for (text, seconds) in [
            ("3725", 3725),
            ("3725.9", 3725),
            ("0", 0),
            ("1:02:05", 3725),
            ("62:05", 3725),
            ("100:00:00", 360_000),
            ("1:02:05.5", 3725),
            ("PT1H2M5S", 3725),
            ("PT5S", 5),
            ("PT0.5S", 0),
            ("P1DT2H", 93_600),
            ("P2D", 172_800),
            ("pt3m", 180),
            ("4294967295", u32::MAX),
        ] {
            assert_eq!(duration(text), Some(seconds), "{text:?}");
        }
        for bad in [
            "",
            "-5",
            "abc",
            "1:60:00",
            "1:00:60",
            "1:2:3:4",
            "P",
            "PT",
            "PT1X",
            "P1H",
            "PT1H1H",
            "PT5.S5",
            "4294967296",
            "1e3",
            ":",
            "1:",
            "P1DT",
            "PTM",
            "PT1.5H",
        ] {
            assert_eq!(duration(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn percents_scores_statuses() {
        assert_eq!(percent("75"), Some(75));
        assert_eq!(percent("99.9"), Some(99));
        assert_eq!(percent("120"), Some(100));
        assert_eq!(percent("-3"), Some(0));
        assert_eq!(percent("40 %"), Some(40));
        assert_eq!(percent("NaN"), None);
        assert_eq!(percent("1e2"), None);
        assert_eq!(percent("."), None);
        assert_eq!(score("87.5"), Some(87.5));
        assert_eq!(score("-1"), Some(-1.0));
        assert_eq!(score("inf"), None);
        assert_eq!(score(&"9".repeat(50)), None);
        assert_eq!(completion_status("In Progress"), CompletionStatus::InProgress);
        assert_eq!(completion_status("not-started"), CompletionStatus::NotStarted);
        assert_eq!(completion_status("PASSED"), CompletionStatus::Passed);
        assert_eq!(completion_status("completed"), CompletionStatus::Unknown);
        assert_eq!(person_status("3"), Some(PersonStatus::Inactive));
        assert_eq!(person_status("7"), Some(PersonStatus::Unknown(7)));
        assert_eq!(person_status("Terminated"), Some(PersonStatus::Terminated));
        assert_eq!(person_status("300"), None);
        assert_eq!(person_status("-1"), None);
        assert_eq!(member(b"FIRST_NAME"), Some(PersonField::FirstName));
        assert_eq!(member(b"firstName"), Some(PersonField::FirstName));
        assert_eq!(member(b"job-title"), Some(PersonField::JobTitle));
        assert_eq!(member(b"E_MAIL"), Some(PersonField::Email));
        assert_eq!(member(b"first_name_and_more"), None);
    }
}
