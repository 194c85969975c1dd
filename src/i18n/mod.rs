//! Languages: the message table ([`messages`]), chosen by the `locale` attribute or the browser,
//! and the browser's `Intl` for dates, numbers, plural forms and relative days. The core keeps
//! ids and values only; every word the widget shows comes from here.

mod dates;
mod errors;
mod intl;
pub mod messages;

use std::cell::{OnceCell, RefCell};

use wasm_bindgen::JsValue;

use crate::core::display::{CertificateHint, StatusHint};
use crate::core::maps::FastMap;
pub use dates::DateFormatter;
pub use errors::{error_text, token_text};
pub use intl::browser_language;
pub use messages::{Messages, Plural, EN, RU};

/// A language the widget ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English (also for every language not shipped).
    En,
    /// Russian.
    Ru,
}

impl Lang {
    /// The language for a BCP 47 tag (`ru`, `ru-RU` → Russian; anything else English).
    pub fn of(tag: &str) -> Lang {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("ru") {
            Lang::Ru
        } else {
            Lang::En
        }
    }

    /// The language's messages.
    pub fn messages(self) -> &'static Messages {
        match self {
            Lang::En => &EN,
            Lang::Ru => &RU,
        }
    }
}

/// Formatting for one locale: its messages and the browser's `Intl` formatters (each built on
/// first use, off the first card's path).
pub struct Locale {
    lang: Lang,
    /// The tag in use: the `locale` attribute, else the browser's language.
    tag: Option<String>,
    dates: DateFormatter,
    number: OnceCell<Option<intl::Method>>,
    decimal: OnceCell<Option<intl::Method>>,
    percent: OnceCell<Option<intl::Method>>,
    plural: OnceCell<Option<intl::Method>>,
    relative: OnceCell<Option<intl::Method>>,
    /// Dates, day offsets and percentages already put into words: cards show the same few
    /// hundred over and over, and a call into `Intl` costs far more than a lookup (it is most of
    /// a card's build time, and cards are built on every keystroke that changes the result).
    said: RefCell<FastMap<(u8, i32), String>>,
}

/// Kinds of [`Locale::said`] entries.
const DAYS: u8 = 0;
const PERCENT: u8 = 1;
/// A calendar date, by its Julian day.
const DATE: u8 = 2;

/// Entries kept before [`Locale::said`] starts over (a few years of distinct dates besides the
/// day offsets and percentages).
const SAID_LIMIT: usize = 8192;

impl Locale {
    /// The locale `tag` names (`None` or blank: the browser's language).
    pub fn new(tag: Option<&str>) -> Locale {
        let tag = tag
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .or_else(intl::browser_language);
        Locale {
            lang: tag.as_deref().map_or(Lang::En, Lang::of),
            dates: DateFormatter::new(tag.as_deref()),
            tag,
            number: OnceCell::new(),
            decimal: OnceCell::new(),
            percent: OnceCell::new(),
            plural: OnceCell::new(),
            relative: OnceCell::new(),
            said: RefCell::default(),
        }
    }

    /// Builds the date formatter the first cards use now: called in a task of its own while the
    /// first page is on its way, so neither the mount nor the first cards pay for it (the number
    /// formatter is built by the mount's counts already).
    pub fn prepare(&self) {
        self.dates.prepare();
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The messages.
    pub fn t(&self) -> &'static Messages {
        self.lang.messages()
    }

    /// The BCP 47 tag in use, if any (sent as `X-Target-Locale`).
    pub fn tag(&self) -> Option<&str> {
        self.tag.as_deref()
    }

    /// The formatter in `cell`, built on first use for the locale's tag (or, where the browser
    /// refuses that tag, for its own language).
    fn intl<'a>(
        &self,
        cell: &'a OnceCell<Option<intl::Method>>,
        build: impl Fn(Option<&str>) -> Option<intl::Method>,
    ) -> Option<&'a intl::Method> {
        cell.get_or_init(|| build(self.tag.as_deref()).or_else(|| build(None)))
            .as_ref()
    }

    /// `1234567` with the locale's grouping ("1,234,567", "1 234 567").
    pub fn number(&self, n: u64) -> String {
        let format = self.intl(&self.number, |tag| {
            intl::Method::new("NumberFormat", tag, &js_sys::Object::new(), "format")
        });
        format
            .and_then(|f| f.call1(&JsValue::from_f64(n as f64)))
            .unwrap_or_else(|| group_digits(n))
    }

    /// A score kept to the hundredth: "87.5" (en), "87,5" (ru), "90".
    pub fn decimal(&self, value: f64) -> String {
        let format = self.intl(&self.decimal, |tag| {
            let options = intl::options("maximumFractionDigits", JsValue::from_f64(2.0));
            intl::Method::new("NumberFormat", tag, &options, "format")
        });
        format
            .and_then(|f| f.call1(&JsValue::from_f64(value)))
            .unwrap_or_else(|| hundredths(value))
    }

    /// A whole percentage: "62%" (en), "62 %" (ru).
    pub fn percent(&self, percent: u8) -> String {
        self.remembered(PERCENT, i32::from(percent), || {
            let format = self.intl(&self.percent, |tag| {
                let options = intl::options("style", "percent".into());
                intl::Method::new("NumberFormat", tag, &options, "format")
            });
            format
                .and_then(|f| f.call1(&JsValue::from_f64(f64::from(percent) / 100.0)))
                .unwrap_or_else(|| format!("{percent}%"))
        })
    }

    /// `say()`, or what it said before for the same kind and value.
    fn remembered(&self, kind: u8, value: i32, say: impl FnOnce() -> String) -> String {
        if let Some(text) = self.said.borrow().get(&(kind, value)) {
            return text.clone();
        }
        let text = say();
        let mut said = self.said.borrow_mut();
        if said.len() >= SAID_LIMIT {
            said.clear();
        }
        said.insert((kind, value), text.clone());
        text
    }

    /// The form of `forms` for count `n`, by the locale's plural rules.
    pub fn plural(&self, n: u64, forms: &Plural) -> &'static str {
        let select = self.intl(&self.plural, |tag| {
            intl::Method::new("PluralRules", tag, &js_sys::Object::new(), "select")
        });
        let category = select.and_then(|s| s.call1(&JsValue::from_f64(n as f64)));
        pick(forms, category.as_deref().unwrap_or_else(|| rule(self.lang, n)))
    }

    /// A counted message with `{n}` filled in.
    pub fn count(&self, n: u64, forms: &Plural) -> String {
        fill(self.plural(n, forms), &[("n", &self.number(n))])
    }

    /// A day offset in words: "today", "tomorrow", "in 3 days", "3 days ago"
    /// (`Intl.RelativeTimeFormat`, numeric "auto").
    pub fn days(&self, days: i32) -> String {
        self.remembered(DAYS, days, || {
            let format = self.intl(&self.relative, |tag| {
                let options = intl::options("numeric", "auto".into());
                intl::Method::new("RelativeTimeFormat", tag, &options, "format")
            });
            format
                .and_then(|f| f.call2(&JsValue::from(days), &"day".into()))
                .unwrap_or_else(|| format!("{days:+} d"))
        })
    }

    /// A calendar date in the locale's medium style.
    pub fn date(&self, date: time::Date) -> String {
        self.remembered(DATE, date.to_julian_day(), || self.dates.date(date))
    }

    /// An instant's date in the viewer's time zone, formatted, and that local date.
    pub fn instant(&self, instant: time::OffsetDateTime) -> (String, time::Date) {
        self.dates.instant(instant)
    }

    /// A status hint in words.
    pub fn status_hint(&self, hint: StatusHint) -> String {
        let t = self.t();
        match hint {
            StatusHint::Starts(days) => fill(t.hint_starts, &[("when", &self.days(days))]),
            StatusHint::Due(0) => t.hint_due_today.to_owned(),
            StatusHint::Due(days) => fill(t.hint_due, &[("when", &self.days(days))]),
            StatusHint::Overdue(days) => self.count(days.into(), &t.hint_overdue),
            StatusHint::Locked(days) => fill(t.hint_locked, &[("when", &self.days(days))]),
        }
    }

    /// A certificate hint in words.
    pub fn certificate_hint(&self, hint: CertificateHint) -> String {
        let t = self.t();
        match hint {
            CertificateHint::Expires(0) => t.hint_expires_today.to_owned(),
            CertificateHint::Expires(days) => fill(t.hint_expires, &[("when", &self.days(days))]),
            CertificateHint::Expired(days) => fill(t.hint_expired, &[("when", &self.days(days))]),
        }
    }
}

/// The form for a CLDR plural category.
fn pick(forms: &Plural, category: &str) -> &'static str {
    match category {
        "one" => forms.one,
        "few" => forms.few,
        "many" => forms.many,
        _ => forms.other,
    }
}

/// The plural category of whole number `n` where the browser has no `Intl.PluralRules`.
fn rule(lang: Lang, n: u64) -> &'static str {
    match lang {
        Lang::En if n == 1 => "one",
        Lang::En => "other",
        Lang::Ru => match (n % 10, n % 100) {
            (1, r) if r != 11 => "one",
            (2..=4, r) if !(12..=14).contains(&r) => "few",
            _ => "many",
        },
    }
}

/// `template` with each `{key}` replaced by its value; unknown placeholders stay as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((close, args.iter().find(|(k, _)| *k == &after[..close])?)))
        {
            Some((close, (_, value))) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// 87.5 → "87.5", 90 → "90", 66.67 → "66.67" (where the browser has no `Intl.NumberFormat`).
fn hundredths(value: f64) -> String {
    let hundredths = (value * 100.0).round() as i64;
    match hundredths % 100 {
        0 => (hundredths / 100).to_string(),
        rest if rest % 10 == 0 => format!("{}.{}", hundredths / 100, rest / 10),
        rest => format!("{}.{rest:02}", hundredths / 100),
    }
}

/// `1234567` → `"1,234,567"` (where the browser has no `Intl.NumberFormat`).
fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(
            fill("{shown} of {total}", &[("total", "9"), ("shown", "3")]),
            "3 of 9"
        );
        assert_eq!(fill("{a} {b} {", &[("a", "x")]), "x {b} {");
        assert_eq!(fill("«{text}»", &[("text", "{text}")]), "«{text}»");
    }

    #[test]
    fn russian_plural_rules_without_intl() {
        let forms = RU.hint_overdue;
        let day = |n| fill(pick(&forms, rule(Lang::Ru, n)), &[("n", &n.to_string())]);
        assert_eq!(day(1), "просрочено на 1 день");
        assert_eq!(day(3), "просрочено на 3 дня");
        assert_eq!(day(5), "просрочено на 5 дней");
        assert_eq!(day(11), "просрочено на 11 дней");
        assert_eq!(day(21), "просрочено на 21 день");
        assert_eq!(day(112), "просрочено на 112 дней");
        assert_eq!(rule(Lang::En, 1), "one");
        assert_eq!(rule(Lang::En, 0), "other");
    }

    #[test]
    fn languages_from_tags() {
        assert_eq!(Lang::of("ru"), Lang::Ru);
        assert_eq!(Lang::of("RU-ru"), Lang::Ru);
        assert_eq!(Lang::of("ru_RU"), Lang::Ru);
        assert_eq!(Lang::of("en-GB"), Lang::En);
        assert_eq!(Lang::of("de"), Lang::En);
        assert_eq!(Lang::of("rus"), Lang::En);
        assert_eq!(group_digits(1_234_567), "1,234,567");
        assert_eq!(hundredths(87.5), "87.5");
        assert_eq!(hundredths(90.0), "90");
        assert_eq!(hundredths(f64::from(66.67f32)), "66.67");
        assert_eq!(hundredths(0.05), "0.05");
    }

    /// Every message has the same placeholders in both languages.
    #[test]
    fn both_languages_use_the_same_placeholders() {
        fn keys(text: &str) -> Vec<&str> {
            let mut keys: Vec<&str> = text
                .split('{')
                .skip(1)
                .filter_map(|part| part.split_once('}').map(|(k, _)| k))
                .collect();
            keys.sort_unstable();
            keys
        }
        let pairs = texts(&EN).into_iter().zip(texts(&RU));
        for (en, ru) in pairs {
            assert!(!ru.is_empty(), "empty Russian text for {en:?}");
            assert_eq!(keys(en), keys(ru), "{en:?} / {ru:?}");
        }
    }

    /// Every text of a table, in field order.
    fn texts(t: &Messages) -> Vec<&'static str> {
        let plural = |p: &Plural| [p.one, p.few, p.many, p.other];
        let mut all = vec![
            t.enrollments,
            t.search_label,
            t.search_placeholder,
            t.range_from_label,
            t.range_to_label,
            t.retrying,
            t.resolving,
            t.part_forbidden,
            t.part_partial,
            t.part_failed,
            t.remove_filter,
            t.chip_search,
            t.chip_course,
            t.chip_learner,
            t.chip_department,
            t.chip_due,
            t.chip_access,
            t.range_between,
            t.range_since,
            t.range_until,
            t.error_title_status,
            t.card_label,
            t.locks_after,
            t.locked_since,
            t.issued_on,
            t.expires_on,
            t.completed_on,
            t.score,
            t.hint_starts,
            t.hint_due,
            t.hint_locked,
            t.hint_expires,
            t.hint_expired,
            t.http_server,
            t.http_other,
            t.service_said,
            t.timeout,
            t.too_large,
            t.unreadable,
            t.token_unavailable,
            t.paging_loop,
            t.too_many_pages,
            t.exporting,
            t.move_up,
            t.move_down,
            t.show_field,
            t.select_card,
            t.filters_active,
            t.print_filters,
            t.print_date,
            t.print_cap,
        ];
        for p in [
            &t.picker_more,
            &t.count,
            &t.loaded,
            &t.duplicates,
            &t.error_partial,
            &t.hint_overdue,
            &t.select_all,
            &t.selected,
        ] {
            all.extend(plural(p));
        }
        all.extend(t.http);
        all.extend(t.columns);
        all.extend(t.fields);
        all
    }
}
