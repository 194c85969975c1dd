//! Per-request fault injection, for tests only (the widget never asks for it).
//!
//! A fault is given in the `X-Mock-Fault` header or as a path prefix
//! `/_fault/{spec}/enrollment`, where `spec` is a list of `key=value` parts separated by `,` (or
//! `;`). Unknown keys and malformed values are answered with 400, so a typo in a test does not
//! silently test the happy path. The keys:
//!
//! | Part | Effect |
//! |------|--------|
//! | `latency=MS` | wait `MS` milliseconds before answering |
//! | `status=CODE` | answer with status `CODE` (100–599) and the service's error body |
//! | `body=truncated\|html\|text\|empty\|json` | replace the body (of a `status` fault or of a 200): the real one cut in half, a proxy's HTML page, plain text, nothing, JSON |
//! | `body=endless` | a body that never ends (200 unless `status` is given): `<?xml …?><response>`, then 64 KiB comments forever, 10 ms apart unless `drip` says otherwise; no `Content-Length` |
//! | `page=N` | `latency`, `status` and `body` apply only to page `N` (≥ 1) of a paged listing; page 1 is the request without `pageToken`, the unpaged `/enrollment` is page 1 |
//! | `times=N` | `status` and `body` apply only to the first `N` (≥ 1) requests with the same spec on the same page; later ones are answered normally |
//! | `id=TEXT` | ignored, but part of the spec and so of the `times` counter: a unique `id` gives a test its own counters |
//! | `retry-after=SECONDS` | answers failed by `status` carry `Retry-After: SECONDS` |
//! | `cycle=N` | page `N`'s (≥ 2) `nextPageToken` is page 2's token: pages 1, 2, …, N, 2, …, N, … forever |
//! | `overlap=K` | every page after the first starts with the last `K` items of the page before (at most page size − 1, so the listing still ends) |
//! | `repeat=K` | `/enrollment` and each page of `/enrollments` end with copies of their first `K` enrollments, with `dueDate` 2099-12-31 |
//! | `drip=MS` | the body is streamed in 4 KiB chunks, `MS` milliseconds apart, without `Content-Length` |
//! | `pad=BYTES` | the body is padded to at least `BYTES` bytes with a comment before `</response>` and streamed in 4 KiB chunks, without `Content-Length` |
//! | `many=N` | answer from an account of `N` (≤ 200,000) enrollments with the same seed and day (its learners, courses, departments and results too), generated on first use and kept |
//!
//! `cycle`, `overlap`, `repeat`, `drip`, `pad` and `retry-after` are not limited by `page` or
//! `times` (`retry-after` goes with `status`, so it follows it). `body` faults do not replace the
//! mock's own refusals (401, 403, 400 for a bad query); `drip` and `pad` apply to every answer.
//! `overlap` and `cycle` apply to every paged listing (`/enrollments`, `/users/v2`, `/contents`,
//! `/learners/results`, `/departments`).

use std::time::Duration;

/// Size of the chunks a streamed (`drip`, `pad`) body is sent in.
pub const CHUNK: usize = 4 * 1024;
/// Size of each filler chunk of `body=endless`.
pub const ENDLESS_CHUNK: usize = 64 * 1024;
/// Delay between the chunks of `body=endless` without `drip`.
pub const ENDLESS_DRIP: Duration = Duration::from_millis(10);

/// The body to send instead of the real one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFault {
    /// The real XML cut in the middle.
    Truncated,
    /// An HTML error page, as a proxy would send.
    Html,
    /// Plain text.
    Text,
    /// Nothing.
    Empty,
    /// A JSON document.
    Json,
    /// `<?xml …?><response>` and then filler that never ends (see [`endless_filler`]).
    Endless,
}

/// What to do to one response (see the [module documentation](self) for the spec syntax).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fault {
    /// `latency`: wait this long before answering.
    pub latency: Option<Duration>,
    /// `status`: answer with this status (and the service's error body for it).
    pub status: Option<u16>,
    /// `body`: replace the body.
    pub body: Option<BodyFault>,
    /// `page`: latency, status and body apply only to this page (1 = the first).
    pub page: Option<u32>,
    /// `times`: status and body apply only to the first this many matching requests.
    pub times: Option<u32>,
    /// `retry-after`: seconds for the `Retry-After` header of a status fault.
    pub retry_after: Option<u32>,
    /// `cycle`: this page links back to page 2.
    pub cycle: Option<u32>,
    /// `overlap`: pages after the first repeat this many items of the page before (0: none).
    pub overlap: usize,
    /// `repeat`: enrollment answers end with copies of their first this many items (0: none).
    pub repeat: usize,
    /// `drip`: stream the body with this delay between chunks.
    pub drip: Option<Duration>,
    /// `pad`: pad the body to at least this many bytes and stream it.
    pub pad: Option<usize>,
    /// `many`: answer from an account of this many enrollments (same seed and day) instead.
    pub many: Option<usize>,
}

/// The largest account `many` generates.
pub const MAX_MANY: usize = 200_000;

impl Fault {
    /// Parses a spec such as `latency=2000,status=500`. Unknown parts are an error.
    pub fn parse(spec: &str) -> Result<Fault, String> {
        let mut fault = Fault::default();
        for part in spec.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("fault part {part:?} is not key=value"))?;
            let millis = |v| Ok::<_, String>(Duration::from_millis(number(key, v, 0)?.into()));
            match key {
                "latency" => fault.latency = Some(millis(value)?),
                "status" => {
                    let code = value.parse().ok().filter(|c| (100..600).contains(c));
                    fault.status =
                        Some(code.ok_or_else(|| format!("status {value:?} is not an HTTP status"))?);
                }
                "body" => {
                    fault.body = Some(match value {
                        "truncated" => BodyFault::Truncated,
                        "html" => BodyFault::Html,
                        "text" => BodyFault::Text,
                        "empty" => BodyFault::Empty,
                        "json" => BodyFault::Json,
                        "endless" => BodyFault::Endless,
                        other => return Err(format!("unknown body fault {other:?}")),
                    })
                }
                "page" => fault.page = Some(number(key, value, 1)?),
                "times" => fault.times = Some(number(key, value, 1)?),
                "id" => {}
                "retry-after" => fault.retry_after = Some(number(key, value, 0)?),
                "cycle" => fault.cycle = Some(number(key, value, 2)?),
                "overlap" => fault.overlap = number(key, value, 0)? as usize,
                "repeat" => fault.repeat = number(key, value, 0)? as usize,
                "drip" => fault.drip = Some(millis(value)?),
                "pad" => fault.pad = Some(number(key, value, 0)? as usize),
                "many" => {
                    let n = number(key, value, 0)? as usize;
                    if n > MAX_MANY {
                        return Err(format!("many is at most {MAX_MANY}"));
                    }
                    fault.many = Some(n);
                }
                other => return Err(format!("unknown fault {other:?}")),
            }
        }
        Ok(fault)
    }

    /// The fault as it applies to one request for page `page` (`None`: a page token that is not
    /// ours). Off the `page=N` page, latency, status and body are dropped; on it, `strike` is
    /// called to count the request and return how many have matched so far, and status and body
    /// are dropped once that exceeds `times`.
    pub fn for_request(self, page: Option<u32>, strike: impl FnOnce() -> u32) -> Fault {
        let mut fault = self;
        if self.page.is_some_and(|wanted| page != Some(wanted)) {
            fault.latency = None;
            fault.status = None;
            fault.body = None;
        } else if self.times.is_some_and(|times| strike() > times) {
            fault.status = None;
            fault.body = None;
        }
        fault
    }

    /// Applies a body fault to the real body. For [`BodyFault::Endless`] this is just the opening
    /// `<?xml …?><response>`; the server follows it with [`endless_filler`] forever.
    pub fn body(&self, real: String) -> String {
        match self.body {
            None => real,
            Some(BodyFault::Truncated) => {
                let mut cut = real.len() / 2;
                while !real.is_char_boundary(cut) {
                    cut -= 1;
                }
                real[..cut].to_owned()
            }
            Some(BodyFault::Html) => {
                "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n".into()
            }
            Some(BodyFault::Text) => "Not Found\n".into(),
            Some(BodyFault::Empty) => String::new(),
            Some(BodyFault::Json) => "{\"enrollments\": []}\n".into(),
            Some(BodyFault::Endless) => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n".into(),
        }
    }

    /// Whether the body is streamed in chunks (and so sent without `Content-Length`).
    pub fn streams(&self) -> bool {
        self.drip.is_some() || self.pad.is_some() || self.body == Some(BodyFault::Endless)
    }
}

/// `body` padded to at least `bytes` bytes with an XML comment just before its last
/// `</response>` (at the end if it has none).
pub fn pad(mut body: String, bytes: usize) -> String {
    let short = bytes.saturating_sub(body.len());
    if short > 0 {
        let comment = format!("<!--{}-->", " ".repeat(short.saturating_sub("<!---->".len())));
        body.insert_str(body.rfind("</response>").unwrap_or(body.len()), &comment);
    }
    body
}

/// One [`ENDLESS_CHUNK`]-byte chunk of `body=endless` filler: a comment and a newline.
pub fn endless_filler() -> String {
    format!("<!--{}-->\n", " ".repeat(ENDLESS_CHUNK - "<!---->\n".len()))
}

fn number(key: &str, value: &str, min: u32) -> Result<u32, String> {
    value
        .parse()
        .ok()
        .filter(|n| *n >= min)
        .ok_or_else(|| format!("{key} {value:?} is not a whole number of at least {min}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs() {
        assert_eq!(
            Fault::parse("latency=250,status=503;body=html"),
            Ok(Fault {
                latency: Some(Duration::from_millis(250)),
                status: Some(503),
                body: Some(BodyFault::Html),
                ..Fault::default()
            })
        );
        assert_eq!(Fault::parse(""), Ok(Fault::default()));
        assert!(Fault::parse("latncy=5").is_err());
        assert!(Fault::parse("status=99").is_err());
        assert!(Fault::parse("body=zip").is_err());
    }

    #[test]
    fn parses_every_new_key() {
        let fault = Fault::parse(
            "page=7,times=2,id=test 42/x,retry-after=30,cycle=3,overlap=5,repeat=2,drip=15,pad=100000,body=endless",
        );
        assert_eq!(
            fault,
            Ok(Fault {
                body: Some(BodyFault::Endless),
                page: Some(7),
                times: Some(2),
                retry_after: Some(30),
                cycle: Some(3),
                overlap: 5,
                repeat: 2,
                drip: Some(Duration::from_millis(15)),
                pad: Some(100_000),
                ..Fault::default()
            })
        );
        assert_eq!(Fault::parse("id="), Ok(Fault::default()));
        assert_eq!(Fault::parse("retry-after=0").map(|f| f.retry_after), Ok(Some(0)));
        assert_eq!(
            Fault::parse("overlap=0,repeat=0").map(|f| (f.overlap, f.repeat)),
            Ok((0, 0))
        );
        assert_eq!(Fault::parse("drip=0").map(|f| f.drip), Ok(Some(Duration::ZERO)));
        assert_eq!(Fault::parse("many=20000").map(|f| f.many), Ok(Some(20_000)));
        for bad in [
            "many=200001",
            "page=0",
            "page=x",
            "page=-1",
            "times=0",
            "times=",
            "cycle=1",
            "cycle=two",
            "overlap=-1",
            "repeat=1.5",
            "drip=fast",
            "pad=1k",
            "retry-after=soon",
            "id",
            "retry_after=1",
        ] {
            assert!(Fault::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn page_and_times_limit_latency_status_and_body() {
        let spec = Fault::parse("page=7,times=1,status=503,body=html,latency=5,drip=1").unwrap();
        let never = || -> u32 { panic!("only requests for page 7 are counted") };
        let off_page = spec.for_request(Some(6), never);
        assert_eq!(
            (off_page.status, off_page.body, off_page.latency),
            (None, None, None)
        );
        assert_eq!(off_page.drip, spec.drip, "drip is not limited by page");
        assert_eq!(spec.for_request(None, never).status, None);
        assert_eq!(spec.for_request(Some(7), || 1), spec);
        let second = spec.for_request(Some(7), || 2);
        assert_eq!((second.status, second.body), (None, None));
        assert_eq!(second.latency, spec.latency, "times does not limit latency");
        let every = Fault::parse("status=500").unwrap();
        assert_eq!(every.for_request(None, never), every);
    }

    #[test]
    fn truncates_in_the_middle() {
        let fault = Fault::parse("body=truncated").unwrap();
        assert_eq!(fault.body("<response></response>".into()), "<response>");
    }

    #[test]
    fn pads_inside_the_root_element() {
        let padded = pad("<response><a/></response>\n".into(), 100);
        assert_eq!(padded.len(), 100);
        assert!(padded.starts_with("<response><a/><!--   ") && padded.ends_with("   --></response>\n"));
        assert_eq!(pad("<response/>".into(), 3), "<response/>", "already long enough");
        assert!(pad("<response/>".into(), 12).len() >= 12);
        assert!(pad("plain".into(), 50).starts_with("plain<!--"));
        assert_eq!(endless_filler().len(), ENDLESS_CHUNK);
        assert!(Fault::parse("pad=1").unwrap().streams() && !Fault::default().streams());
    }
}
