//! The browser's local date, the "today" derived states are computed for.

use time::{Date, Month};

/// Today in the browser's time zone (falls back to 1970-01-01 if the browser's date is unusable).
pub fn today_local() -> Date {
    let now = js_sys::Date::new_0();
    let month = Month::try_from(now.get_month() as u8 + 1).unwrap_or(Month::January);
    Date::from_calendar_date(now.get_full_year() as i32, month, now.get_date() as u8)
        .unwrap_or(Date::from_julian_day(2_440_588).unwrap_or(Date::MIN))
}
