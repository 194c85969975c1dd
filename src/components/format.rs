//! Dates formatted by the browser's `Intl.DateTimeFormat`, for the widget's locale.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Julian day number of 1970-01-01.
const UNIX_EPOCH_DAY: i32 = 2_440_588;

/// A date formatter for one locale (`None`: the browser's own). An unknown locale falls back to
/// the browser's, and a browser without `Intl` to ISO dates.
pub struct DateFormatter {
    format: Option<Function>,
}

impl DateFormatter {
    /// A formatter for `locale` (a BCP 47 tag such as `de-DE`), medium date style, UTC calendar.
    pub fn new(locale: Option<&str>) -> Self {
        let format = build(locale).or_else(|| build(None));
        DateFormatter { format }
    }

    /// `2026-11-26` as e.g. "Nov 26, 2026" (en-US) or "26.11.2026" (de-DE).
    pub fn date(&self, date: time::Date) -> String {
        let millis = f64::from(date.to_julian_day() - UNIX_EPOCH_DAY) * 86_400_000.0;
        let js_date = js_sys::Date::new(&JsValue::from_f64(millis));
        self.format
            .as_ref()
            .and_then(|f| f.call1(&JsValue::NULL, &js_date).ok())
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| date.to_string())
    }
}

/// `new Intl.DateTimeFormat(locale, {dateStyle: "medium", timeZone: "UTC"}).format`, or `None`
/// where the browser refuses (an invalid locale throws a RangeError).
fn build(locale: Option<&str>) -> Option<Function> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: Function = Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let locales = Array::new();
    if let Some(locale) = locale.map(str::trim).filter(|l| !l.is_empty()) {
        locales.push(&locale.into());
    }
    let options = Object::new();
    Reflect::set(&options, &"dateStyle".into(), &"medium".into()).ok()?;
    Reflect::set(&options, &"timeZone".into(), &"UTC".into()).ok()?;
    let args = Array::of2(&locales, &options);
    let formatter = Reflect::construct(&constructor, &args).ok()?;
    Reflect::get(&formatter, &"format".into()).ok()?.dyn_into().ok()
}
