//! Dates formatted by the browser's `Intl.DateTimeFormat`, for the widget's locale: calendar
//! dates as they are (no time zone), instants in the viewer's time zone.

use std::cell::OnceCell;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::JsValue;

/// Julian day number of 1970-01-01.
const UNIX_EPOCH_DAY: i32 = 2_440_588;

/// A date formatter for one locale (`None`: the browser's own). An unknown locale falls back to
/// the browser's, and a browser without `Intl` to ISO dates.
pub struct DateFormatter {
    locale: Option<String>,
    /// Built on first use (a page's first takes tens of ms unless `intl_worker.js` came first).
    format: OnceCell<Option<Function>>,
    /// The same style in the viewer's time zone, for instants.
    local: OnceCell<Option<Function>>,
}

impl DateFormatter {
    /// A formatter for `locale` (a BCP 47 tag such as `de-DE`), medium date style, UTC calendar.
    pub fn new(locale: Option<&str>) -> Self {
        DateFormatter {
            locale: locale.map(str::to_owned),
            format: OnceCell::new(),
            local: OnceCell::new(),
        }
    }

    /// The calendar-date format function (UTC), built on first use.
    fn format(&self) -> Option<&Function> {
        let locale = self.locale.as_deref();
        self.format
            .get_or_init(|| build(locale, Some("UTC")).or_else(|| build(None, Some("UTC"))))
            .as_ref()
    }

    /// The viewer's-time-zone format function, built on first use.
    fn local(&self) -> Option<&Function> {
        let locale = self.locale.as_deref();
        self.local
            .get_or_init(|| build(locale, None).or_else(|| build(None, None)))
            .as_ref()
    }

    /// Builds the calendar-date formatter now (ahead of the first cards; see
    /// [`super::Locale::prepare`]).
    pub fn prepare(&self) {
        self.format();
    }

    /// An instant (a certificate's expiry) as its date in the viewer's time zone, formatted,
    /// and that local date.
    pub fn instant(&self, instant: time::OffsetDateTime) -> (String, time::Date) {
        let millis = (instant.unix_timestamp() as f64) * 1000.0;
        let js_date = js_sys::Date::new(&JsValue::from_f64(millis));
        let local = time::Month::try_from(js_date.get_month() as u8 + 1)
            .ok()
            .and_then(|month| {
                time::Date::from_calendar_date(
                    js_date.get_full_year() as i32,
                    month,
                    js_date.get_date() as u8,
                )
                .ok()
            })
            .unwrap_or(instant.date());
        let text = format_with(self.local(), &js_date).unwrap_or_else(|| local.to_string());
        (text, local)
    }

    /// `2026-11-26` as e.g. "Nov 26, 2026" (en-US) or "26.11.2026" (de-DE): a call into `Intl`
    /// each time ([`super::Locale::date`] remembers what it said).
    pub fn date(&self, date: time::Date) -> String {
        let millis = f64::from(date.to_julian_day() - UNIX_EPOCH_DAY) * 86_400_000.0;
        let js_date = js_sys::Date::new(&JsValue::from_f64(millis));
        format_with(self.format(), &js_date).unwrap_or_else(|| date.to_string())
    }
}

/// `format(date)` with an `Intl` format function, if there is one and it answers with text.
fn format_with(format: Option<&Function>, date: &js_sys::Date) -> Option<String> {
    format?.call1(&JsValue::NULL, date).ok()?.as_string()
}

/// `new Intl.DateTimeFormat(locale, {dateStyle: "medium", timeZone}).format` (no `timeZone`:
/// the viewer's), or `None` where the browser refuses.
fn build(locale: Option<&str>, time_zone: Option<&str>) -> Option<Function> {
    let options = Object::new();
    Reflect::set(&options, &"dateStyle".into(), &"medium".into()).ok()?;
    if let Some(zone) = time_zone {
        Reflect::set(&options, &"timeZone".into(), &zone.into()).ok()?;
    }
    let formatter = super::intl::construct("DateTimeFormat", locale, &options)?;
    super::intl::method(&formatter, "format")
}
