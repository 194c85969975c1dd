//! CSV export of the current view: the rows of a query, in its order, one line each.
//!
//! The file follows RFC 4180: UTF-8 starting with a byte order mark (so spreadsheet apps read it
//! as UTF-8), a header line first, CRLF after every line including the last, and a field quoted
//! with `"` when it contains `"`, `,`, CR or LF (inner `"` doubled).
//!
//! Every cell whose text starts with `=`, `+`, `-`, `@`, TAB or CR gets a `'` prefixed, so a
//! spreadsheet shows it as text instead of evaluating it as a formula (names, titles and IDs come
//! from the network). This applies to every cell, so a name like `-5` reads `'-5`; the numbers
//! and dates the export writes itself start with a digit.
//!
//! Unknown values (no name loaded yet, no result) are empty cells; the enrollment, course and
//! learner IDs are always written. Dates are `YYYY-MM-DD`, certificate instants UTC
//! `YYYY-MM-DDTHH:MM:SSZ`, progress a whole percent without `%`, scores to the hundredth without
//! trailing zeros (`87.5`, `90`, `66.67`).
//!
//! The rows are written a batch at a time ([`CsvExport::write`]) so the view can give the
//! browser a turn between batches and show progress; [`to_csv`] writes them all at once.

use time::{Date, OffsetDateTime};

use crate::maps::FastMap;
use crate::model::EnrollmentType;
use crate::related::CompletionStatus;
use crate::status::{CertificateState, Status};
use crate::store::EnrollmentStore;

/// The columns, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// The enrollment's ID.
    EnrollmentId,
    /// The course's ID.
    CourseId,
    /// The course title, when known.
    CourseTitle,
    /// The learner's ID.
    LearnerId,
    /// The learner's name, when known.
    LearnerName,
    /// The learner's e-mail address, when known.
    Email,
    /// The learner's department path ("Sales / EMEA / Berlin"), when known.
    Department,
    /// The derived status ([`ExportText::status`]).
    Status,
    /// The derived certificate state ([`ExportText::certificate`]).
    Certificate,
    /// How the learner came to be enrolled ([`ExportText::enrollment_type`]).
    Type,
    /// The access date.
    AccessDate,
    /// The due date, if set.
    DueDate,
    /// The expiration date, if set.
    ExpirationDate,
    /// "Lock after due date" ([`ExportText::yes_no`]).
    LocksAfterDue,
    /// The issued certificate's ID, if there is a certificate.
    CertificateId,
    /// When the certificate was issued (UTC), if known.
    CertificateIssued,
    /// When the certificate expires (UTC); empty when it never expires or there is none.
    CertificateExpires,
    /// The completion status of the result ([`ExportText::completion`]), when known.
    Completion,
    /// Progress in whole percent, when known.
    Progress,
    /// The awarded score, when known.
    Score,
    /// The completion date, when known.
    CompletedOn,
}

impl Column {
    /// Every column, in file order.
    pub const ALL: [Column; 21] = [
        Column::EnrollmentId,
        Column::CourseId,
        Column::CourseTitle,
        Column::LearnerId,
        Column::LearnerName,
        Column::Email,
        Column::Department,
        Column::Status,
        Column::Certificate,
        Column::Type,
        Column::AccessDate,
        Column::DueDate,
        Column::ExpirationDate,
        Column::LocksAfterDue,
        Column::CertificateId,
        Column::CertificateIssued,
        Column::CertificateExpires,
        Column::Completion,
        Column::Progress,
        Column::Score,
        Column::CompletedOn,
    ];

    /// Stable snake_case identifier (`"enrollment_id"`), e.g. for message-table keys.
    pub fn id(self) -> &'static str {
        match self {
            Column::EnrollmentId => "enrollment_id",
            Column::CourseId => "course_id",
            Column::CourseTitle => "course_title",
            Column::LearnerId => "learner_id",
            Column::LearnerName => "learner_name",
            Column::Email => "email",
            Column::Department => "department",
            Column::Status => "status",
            Column::Certificate => "certificate",
            Column::Type => "type",
            Column::AccessDate => "access_date",
            Column::DueDate => "due_date",
            Column::ExpirationDate => "expiration_date",
            Column::LocksAfterDue => "locks_after_due",
            Column::CertificateId => "certificate_id",
            Column::CertificateIssued => "certificate_issued",
            Column::CertificateExpires => "certificate_expires",
            Column::Completion => "completion",
            Column::Progress => "progress",
            Column::Score => "score",
            Column::CompletedOn => "completed_on",
        }
    }
}

/// The words a file uses (the view gives them from its message table, per language).
///
/// They are written like any other cell: quoted when needed, and prefixed with `'` when they
/// start with a formula character.
pub trait ExportText {
    /// The header of `column`.
    fn header(&self, column: Column) -> &str;
    /// The word for an enrollment status.
    fn status(&self, status: Status) -> &str;
    /// The word for a certificate state ([`CertificateState::None`] included).
    fn certificate(&self, state: CertificateState) -> &str;
    /// The words for an enrollment type.
    fn enrollment_type(&self, kind: EnrollmentType) -> &str;
    /// The word for a completion status.
    fn completion(&self, status: CompletionStatus) -> &str;
    /// The word for yes (`true`) or no (`false`).
    fn yes_no(&self, yes: bool) -> &str;
}

/// The byte order mark spreadsheet apps look for to read the file as UTF-8.
const BOM: char = '\u{feff}';
/// Rows written before the output is sized for the rest from their average length.
const SAMPLE_ROWS: usize = 64;
/// Bytes per row assumed before any row is written.
const ROW_BYTES_GUESS: usize = 256;

/// Builds the file a batch of rows at a time (the view gives the browser a turn between batches
/// and shows progress).
///
/// Each batch reads the store as it is then; rows the store does not hold (a row number past
/// its end) are skipped but counted as written.
#[derive(Debug, Clone)]
pub struct CsvExport {
    /// The view's rows, in file order.
    rows: Vec<u32>,
    /// How many of `rows` are written.
    next: usize,
    /// The file so far.
    out: String,
    /// Length of the BOM and header line.
    header_len: usize,
    /// Whether `out` was sized for every row (after the first [`SAMPLE_ROWS`]).
    sized: bool,
}

impl CsvExport {
    /// Starts a file for `rows` (the view's rows, in order): BOM and header line written.
    pub fn new(rows: Vec<u32>, text: &dyn ExportText) -> Self {
        let mut out =
            String::with_capacity(256 + rows.len().min(SAMPLE_ROWS).saturating_mul(ROW_BYTES_GUESS));
        out.push(BOM);
        for (i, column) in Column::ALL.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_cell(&mut out, text.header(column));
        }
        out.push_str("\r\n");
        let header_len = out.len();
        CsvExport {
            rows,
            next: 0,
            out,
            header_len,
            sized: false,
        }
    }

    /// Writes up to `max_rows` more rows; `true` when every row is written.
    pub fn write(&mut self, store: &EnrollmentStore, text: &dyn ExportText, max_rows: usize) -> bool {
        let end = self.next.saturating_add(max_rows).min(self.rows.len());
        let mut writer = RowWriter::new(store, text);
        while self.next < end {
            // The first rows are written alone, then the output is sized for the rest.
            let stop = if self.sized { end } else { end.min(SAMPLE_ROWS) };
            for &row in self.rows.get(self.next..stop).unwrap_or_default() {
                writer.row(&mut self.out, row);
            }
            self.next = stop;
            if !self.sized && (self.next >= SAMPLE_ROWS || self.next == self.rows.len()) {
                self.reserve_rest();
                self.sized = true;
            }
        }
        self.next >= self.rows.len()
    }

    /// Sizes the output for the rows not written yet, from the average length of those written
    /// (one eighth more, so a slightly longer rest does not double the buffer).
    fn reserve_rest(&mut self) {
        let written = self.out.len().saturating_sub(self.header_len);
        let average = written.checked_div(self.next).unwrap_or(ROW_BYTES_GUESS);
        let rest = self.rows.len().saturating_sub(self.next).saturating_mul(average);
        self.out.reserve(rest.saturating_add(rest / 8));
    }

    /// (rows written, rows in all).
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.rows.len())
    }

    /// The text so far (the whole file once `write` returned true).
    pub fn finish(self) -> String {
        self.out
    }
}

/// The whole file at once.
pub fn to_csv(store: &EnrollmentStore, rows: &[u32], text: &dyn ExportText) -> String {
    let mut export = CsvExport::new(rows.to_vec(), text);
    export.write(store, text, usize::MAX);
    export.finish()
}

/// Writes rows, remembering department paths across them (many learners share a department).
struct RowWriter<'a> {
    store: &'a EnrollmentStore,
    text: &'a dyn ExportText,
    /// Department ID → path (`None`: not known).
    departments: FastMap<&'a str, Option<String>>,
}

/// One cell's value, before it is written.
enum Cell<'a> {
    /// Text from the store or the view's words: escaped as the module describes.
    Text(&'a str),
    /// `YYYY-MM-DD`.
    Date(Date),
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    Instant(OffsetDateTime),
    /// A whole number.
    Number(u8),
    /// To the hundredth.
    Score(f32),
    /// Unknown or absent.
    Empty,
}

impl<'a> RowWriter<'a> {
    fn new(store: &'a EnrollmentStore, text: &'a dyn ExportText) -> Self {
        RowWriter {
            store,
            text,
            departments: FastMap::default(),
        }
    }

    /// Appends store row `row` as one line (nothing when the store does not hold it).
    fn row(&mut self, out: &mut String, row: u32) {
        let (store, text) = (self.store, self.text);
        let Some(e) = store.enrollment(row) else {
            return;
        };
        let person = store.person(row);
        let department = match person.and_then(|p| p.department_id()) {
            Some(id) => self
                .departments
                .entry(id)
                .or_insert_with(|| store.department_path(row))
                .as_deref(),
            None => None,
        };
        let result = store.result(row);
        let (status, certificate_state) = store.states(row);
        let certificate = e.certificate.as_ref();
        let known = |t: Option<&'a str>| t.map_or(Cell::Empty, Cell::Text);
        for (i, column) in Column::ALL.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let cell = match column {
                Column::EnrollmentId => Cell::Text(store.enrollment_id(row)),
                Column::CourseId => Cell::Text(store.course_id(row)),
                Column::CourseTitle => known(store.course_title(row)),
                Column::LearnerId => Cell::Text(store.learner_id(row)),
                Column::LearnerName => known(person.map(|p| p.name())),
                Column::Email => known(person.and_then(|p| p.email())),
                Column::Department => department.map_or(Cell::Empty, Cell::Text),
                Column::Status => Cell::Text(text.status(status)),
                Column::Certificate => Cell::Text(text.certificate(certificate_state)),
                Column::Type => Cell::Text(text.enrollment_type(e.enrollment_type)),
                Column::AccessDate => Cell::Date(e.access_date),
                Column::DueDate => e.due_date.map_or(Cell::Empty, Cell::Date),
                Column::ExpirationDate => e.expiration_date.map_or(Cell::Empty, Cell::Date),
                Column::LocksAfterDue => Cell::Text(text.yes_no(e.should_lock_after_due_date)),
                Column::CertificateId => certificate.map_or(Cell::Empty, |c| Cell::Text(&c.id)),
                Column::CertificateIssued => certificate
                    .and_then(|c| c.issued_at)
                    .map_or(Cell::Empty, Cell::Instant),
                Column::CertificateExpires => certificate
                    .and_then(|c| c.expires_at)
                    .map_or(Cell::Empty, Cell::Instant),
                Column::Completion => result.map_or(Cell::Empty, |r| Cell::Text(text.completion(r.status))),
                Column::Progress => result.and_then(|r| r.progress).map_or(Cell::Empty, Cell::Number),
                Column::Score => result.and_then(|r| r.score).map_or(Cell::Empty, Cell::Score),
                Column::CompletedOn => result
                    .and_then(|r| r.completed_on)
                    .map_or(Cell::Empty, Cell::Date),
            };
            // Numbers and dates start with a digit and hold no quote, comma or line break.
            match cell {
                Cell::Text(text) => push_cell(out, text),
                Cell::Date(day) => push_date(out, day),
                Cell::Instant(at) => push_instant(out, at),
                Cell::Number(n) => push_digits(out, u64::from(n), 1),
                Cell::Score(score) => push_score(out, score),
                Cell::Empty => {}
            }
        }
        out.push_str("\r\n");
    }
}

/// Appends `text` as one field: `'` first when it starts with a formula character, quoted
/// (inner quotes doubled) when it contains a quote, comma, CR or LF.
fn push_cell(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let formula = matches!(bytes.first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'));
    // The four bytes are all at most `,`: most bytes of IDs and names are rejected by one test.
    let quoted = bytes
        .iter()
        .any(|&b| b <= b',' && matches!(b, b'"' | b',' | b'\r' | b'\n'));
    if quoted {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    if quoted {
        for (i, part) in text.split('"').enumerate() {
            if i > 0 {
                out.push_str("\"\"");
            }
            out.push_str(part);
        }
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// Appends ASCII `bytes` (digits and separators).
fn push_ascii(out: &mut String, bytes: &[u8]) {
    out.push_str(std::str::from_utf8(bytes).unwrap_or_default());
}

/// The ASCII digit of `n % 10`.
fn digit(n: u64) -> u8 {
    // 0–9 after `% 10`: the addition stays within ASCII.
    b'0' + (n % 10) as u8
}

/// Appends `n` in decimal, with leading zeros up to `width` digits (at most 20).
fn push_digits(out: &mut String, mut n: u64, width: usize) {
    let mut buffer = [b'0'; 20];
    let mut start = buffer.len();
    for slot in buffer.iter_mut().rev() {
        *slot = digit(n);
        n /= 10;
        start -= 1;
        if n == 0 {
            break;
        }
    }
    let start = start.min(buffer.len().saturating_sub(width));
    push_ascii(out, buffer.get(start..).unwrap_or_default());
}

/// The two digits of `n` (0–99).
fn two_digits(n: u64) -> [u8; 2] {
    [digit(n / 10), digit(n)]
}

/// Appends `day` as `YYYY-MM-DD` (nothing for a year before 0, which no LMS sends).
fn push_date(out: &mut String, day: Date) {
    let Ok(year) = u64::try_from(day.year()) else {
        return;
    };
    let [m0, m1] = two_digits(u64::from(u8::from(day.month())));
    let [d0, d1] = two_digits(u64::from(day.day()));
    if year <= 9999 {
        let [y0, y1] = two_digits(year / 100);
        let [y2, y3] = two_digits(year);
        push_ascii(out, &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1]);
    } else {
        push_digits(out, year, 4);
        push_ascii(out, &[b'-', m0, m1, b'-', d0, d1]);
    }
}

/// Days from the Julian day number epoch to 1970-01-01.
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;

/// Appends `at` in UTC as `YYYY-MM-DDTHH:MM:SSZ` (nothing for a year before 0).
fn push_instant(out: &mut String, at: OffsetDateTime) {
    let secs = at.unix_timestamp();
    let (days, time) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let day = i32::try_from(days.saturating_add(UNIX_EPOCH_JULIAN_DAY))
        .ok()
        .and_then(|julian| Date::from_julian_day(julian).ok())
        .filter(|day| day.year() >= 0);
    let Some(day) = day else {
        return;
    };
    push_date(out, day);
    let time = time.unsigned_abs();
    let [h0, h1] = two_digits(time / 3600);
    let [m0, m1] = two_digits(time / 60 % 60);
    let [s0, s1] = two_digits(time % 60);
    push_ascii(out, &[b'T', h0, h1, b':', m0, m1, b':', s0, s1, b'Z']);
}

/// Appends `score` to the hundredth without trailing zeros (`87.5`, `90`, `66.67`); nothing when
/// it is negative or not finite (the store keeps neither).
fn push_score(out: &mut String, score: f32) {
    if !score.is_finite() || score < 0.0 {
        return;
    }
    // Rounded to whole hundredths (in f64, where every f32 is exact); `as` saturates.
    let hundredths = (f64::from(score) * 100.0).round() as u64;
    push_digits(out, hundredths / 100, 1);
    let (tenths, hundredth) = (hundredths / 10 % 10, hundredths % 10);
    if tenths > 0 || hundredth > 0 {
        out.push('.');
        out.push(char::from(digit(tenths)));
        if hundredth > 0 {
            out.push(char::from(digit(hundredth)));
        }
    }
}
