//! The fetch client: one request at a time per [`Client`], abortable, with a time-out and a
//! size limit that both apply while the body streams in.
//!
//! Starting a request aborts the one still running on the same client (its future resolves to
//! [`ApiError::Aborted`]). A closed client (its widget was removed) sends nothing more.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_net::http::{Headers, Request, Response};
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader};

use super::config::{ClientConfig, EnrollmentQuery};
use super::error::ApiError;
use super::retry::retry_after_seconds;
use super::url::{enrollments_url, PageRequest};
use crate::core::model::{Enrollment, EnrollmentPage};
use crate::core::parse::{parse_enrollments, EnrollmentReader};

/// What [`Client::fetch_enrollments_in_batches`] read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRead {
    /// Enrollments handed over.
    pub count: usize,
    /// `<nextPageToken>` (`None` on the last page and for an unpaged answer).
    pub next_page_token: Option<String>,
}

/// A lane's request in flight, numbered so that a finished request clears only itself.
type Running = Rc<RefCell<Option<(u64, AbortController)>>>;

/// A handle for the LMS API. Cheap to clone; clones share the running request. A
/// [`Client::lane`] shares the configuration and the closed state but runs its own request, so
/// several requests can be in flight at once.
#[derive(Clone)]
pub struct Client {
    config: Rc<RefCell<ClientConfig>>,
    /// This lane's request in flight.
    running: Running,
    /// Every lane's request in flight, so closing the client aborts them all.
    lanes: Rc<RefCell<Vec<Running>>>,
    requests: Rc<Cell<u64>>,
    closed: Rc<Cell<bool>>,
}

impl Client {
    /// A client for `config`.
    pub fn new(config: ClientConfig) -> Self {
        let running = Rc::new(RefCell::new(None));
        Client {
            config: Rc::new(RefCell::new(config)),
            lanes: Rc::new(RefCell::new(vec![running.clone()])),
            running,
            requests: Rc::new(Cell::new(0)),
            closed: Rc::new(Cell::new(false)),
        }
    }

    /// Another lane of this client: same configuration, request count and closed state, its
    /// own request in flight.
    pub fn lane(&self) -> Client {
        let running = Rc::new(RefCell::new(None));
        self.lanes.borrow_mut().push(running.clone());
        Client {
            running,
            ..self.clone()
        }
    }

    /// Replaces the configuration (e.g. a new time-out) for the next requests.
    pub fn set_config(&self, config: ClientConfig) {
        *self.config.borrow_mut() = config;
    }

    /// The current configuration.
    pub fn config(&self) -> ClientConfig {
        self.config.borrow().clone()
    }

    /// Uses `token` for the next requests.
    pub fn set_token(&self, token: super::config::AccessToken) {
        self.config.borrow_mut().token = token;
    }

    /// Aborts the running request, if any.
    pub fn abort(&self) {
        if let Some((_, controller)) = self.running.borrow_mut().take() {
            controller.abort();
        }
    }

    /// Aborts every lane's running request and refuses every later one (the widget is gone).
    pub fn close(&self) {
        self.closed.set(true);
        for lane in self.lanes.borrow().iter() {
            if let Some((_, controller)) = lane.borrow_mut().take() {
                controller.abort();
            }
        }
    }

    /// `true` once [`Client::close`] was called.
    pub fn is_closed(&self) -> bool {
        self.closed.get()
    }

    /// Number of requests sent so far.
    pub fn requests_sent(&self) -> u64 {
        self.requests.get()
    }

    /// `GET {endpoint}/enrollment`: the whole (filtered) list in one answer.
    pub async fn fetch_enrollments(&self, query: &EnrollmentQuery) -> Result<EnrollmentPage, ApiError> {
        let url = enrollments_url(&self.config.borrow().endpoint, query, None);
        let body = self.get_body(&url).await?;
        parse_enrollments(&body).map_err(ApiError::from)
    }

    /// One page of `GET {endpoint}/enrollments`.
    pub async fn fetch_page(
        &self,
        query: &EnrollmentQuery,
        page: PageRequest<'_>,
    ) -> Result<EnrollmentPage, ApiError> {
        let url = enrollments_url(&self.config.borrow().endpoint, query, Some(page));
        let body = self.get_body(&url).await?;
        parse_enrollments(&body).map_err(ApiError::from)
    }

    /// `GET {endpoint}/enrollment`, or with `page` one page of `GET {endpoint}/enrollments`,
    /// parsed a batch of enrollments at a time (`first` enrollments, then `then` at a time):
    /// each batch is handed to `on_batch` and the browser gets a turn before the next (after
    /// the first, once its frame is painted), so a large answer neither freezes the tab nor
    /// waits to be parsed whole before the first cards show. The answer's text is dropped once
    /// parsed. A failure after the first batch (malformed XML further on, the client closed)
    /// leaves the batches already handed over with the caller.
    pub async fn fetch_enrollments_in_batches(
        &self,
        query: &EnrollmentQuery,
        page: Option<PageRequest<'_>>,
        [first, then]: [usize; 2],
        mut on_batch: impl FnMut(Vec<Enrollment>),
    ) -> Result<AnswerRead, ApiError> {
        let url = enrollments_url(&self.config.borrow().endpoint, query, page);
        let body = self.get_body(&url).await?;
        let mut reader = EnrollmentReader::new(&body)?;
        let mut count = 0;
        loop {
            let is_first = count == 0;
            let batch = reader.next_batch(if is_first { first } else { then })?;
            if batch.is_empty() {
                return Ok(AnswerRead {
                    count,
                    next_page_token: reader.next_page_token().map(str::to_owned),
                });
            }
            count += batch.len();
            on_batch(batch);
            if reader.is_done() {
                continue;
            }
            if is_first {
                crate::idle::next_paint().await;
            } else {
                TimeoutFuture::new(0).await;
            }
            if self.closed.get() {
                return Err(ApiError::Aborted);
            }
        }
    }

    /// One GET with auth header, time-out and abort: the body of a 2xx answer.
    pub async fn get_body(&self, url: &str) -> Result<String, ApiError> {
        if self.closed.get() {
            return Err(ApiError::Aborted);
        }
        let config = self.config.borrow().clone();
        let headers = request_headers(&config)?;
        let controller = AbortController::new().map_err(|_| ApiError::Network)?;
        let request = self.requests.get() + 1;
        self.requests.set(request);
        if let Some((_, previous)) = self.running.replace(Some((request, controller.clone()))) {
            previous.abort();
        }
        let timed_out = Rc::new(Cell::new(false));
        // The time-out covers the whole answer, body included; dropping the timer clears it.
        let _timer = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            Timeout::new(config.timeout_ms, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let failure = |timed_out: &Cell<bool>| {
            if timed_out.get() {
                ApiError::Timeout {
                    after_ms: config.timeout_ms,
                }
            } else if controller.signal().aborted() {
                ApiError::Aborted
            } else {
                ApiError::Network
            }
        };
        let response = Request::get(url)
            .headers(headers)
            .abort_signal(Some(&controller.signal()))
            .send()
            .await
            .map_err(|_| failure(&timed_out))?;
        let body = read_body(&response, config.max_body_bytes, &controller)
            .await
            .map_err(|e| e.unwrap_or_else(|| failure(&timed_out)))?;
        let mut running = self.running.borrow_mut();
        if running.as_ref().is_some_and(|(id, _)| *id == request) {
            running.take();
        }
        drop(running);
        let body = utf8_lossy(body);
        if !response.ok() {
            let mut error = ApiError::from_status(response.status(), &body);
            if let ApiError::Status { retry_after, .. } = &mut error {
                *retry_after = response_retry_after(&response);
            }
            return Err(error);
        }
        Ok(body)
    }
}

/// `Authorization`, `Accept` and `X-Target-Locale`, built without anything that can throw: a token or scheme that
/// cannot travel in a header is an error here, never an exception in the host page.
fn request_headers(config: &ClientConfig) -> Result<Headers, ApiError> {
    let authorization = config.authorization()?;
    let headers = web_sys::Headers::new().map_err(|_| ApiError::Network)?;
    headers
        .set("Authorization", &authorization)
        .map_err(|_| ApiError::InvalidToken(super::config::TokenError::ControlCharacter))?;
    headers
        .set("Accept", "application/xml")
        .map_err(|_| ApiError::Network)?;
    // A BCP 47 tag is short and plain ASCII; anything else is not sent (never an error).
    let locale = config.target_locale.as_deref().map(str::trim).filter(|l| {
        !l.is_empty()
            && l.len() <= 35
            && l.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    if let Some(locale) = locale {
        let _ = headers.set("X-Target-Locale", locale);
    }
    Ok(Headers::from_raw(headers))
}

/// `Retry-After` in seconds: a number, or an HTTP date from now.
fn response_retry_after(response: &Response) -> Option<u32> {
    let value = response.headers().get("retry-after")?;
    retry_after_seconds(&value).or_else(|| {
        let at = js_sys::Date::parse(value.trim());
        let seconds = ((at - js_sys::Date::now()) / 1000.0).ceil();
        seconds
            .is_finite()
            .then(|| seconds.clamp(0.0, f64::from(u32::MAX)) as u32)
    })
}

/// Reads the body chunk by chunk, counting bytes: an answer announced or growing over `limit`
/// is cut off (and its request aborted) without being buffered whole. `Err(None)` means the
/// read failed (network, abort or time-out: the caller tells which).
async fn read_body(
    response: &Response,
    limit: usize,
    controller: &AbortController,
) -> Result<Vec<u8>, Option<ApiError>> {
    let too_large = |bytes: u64| ApiError::TooLarge {
        bytes,
        limit: limit as u64,
    };
    let announced = response
        .headers()
        .get("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(bytes) = announced.filter(|&b| b > limit as u64) {
        controller.abort();
        return Err(Some(too_large(bytes)));
    }
    let Some(stream) = response.body() else {
        return Ok(Vec::new());
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    // Bytes, not text: one copy per chunk into wasm memory instead of a JS string that is then
    // re-encoded character by character (the slower half of loading a 40 MB answer). Memory is
    // reserved fallibly and never past the limit: a failed allocation would abort the module
    // every widget on the page shares.
    let mut bytes = Vec::new();
    if let Some(announced) = announced {
        bytes
            .try_reserve_exact(announced as usize)
            .map_err(|_| Some(too_large(announced)))?;
    }
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(|_| None)?;
        let done = Reflect::get(&step, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(bytes);
        }
        let chunk: Uint8Array = Reflect::get(&step, &"value".into())
            .ok()
            .and_then(|v| v.dyn_into().ok())
            .ok_or(None)?;
        let (start, length) = (bytes.len(), chunk.length() as usize);
        if start + length > limit {
            let _ = reader.cancel();
            controller.abort();
            return Err(Some(too_large((start + length) as u64)));
        }
        if bytes.capacity() < start + length {
            let wanted = (bytes.capacity() * 2).clamp(start + length, limit);
            bytes
                .try_reserve_exact(wanted - start)
                .map_err(|_| Some(too_large((start + length) as u64)))?;
        }
        // The chunk copied out whole (a chunk's worth of memory for a moment), then one block
        // copy: zero-filling the reserved space first (`resize`) ran a byte-by-byte loop, about
        // 7 ms of a cold first page of 1,000.
        bytes.extend_from_slice(&chunk.to_vec());
    }
}

/// The body as text, invalid UTF-8 replaced by U+FFFD (as `Response.text()` does); no copy when
/// it is valid.
fn utf8_lossy(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::utf8_lossy;

    #[test]
    fn bodies_decode_as_utf8_with_replacement() {
        assert_eq!(
            utf8_lossy("<response>Zoë</response>".into()),
            "<response>Zoë</response>"
        );
        assert_eq!(utf8_lossy(b"<a>\xff</a>".to_vec()), "<a>\u{fffd}</a>");
        assert_eq!(utf8_lossy(Vec::new()), "");
    }
}
