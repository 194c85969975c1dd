//! The browser's clock: the local date derived states are computed for, the current instant,
//! and keeping both current while a widget is shown.

use leptos::prelude::{on_cleanup, set_interval_with_handle};
use time::{Date, Month, OffsetDateTime};

use crate::core::status::StatusRules;
use crate::state::CardsState;

/// How often a mounted widget checks whether the local date has changed.
const DATE_CHECK_MS: u64 = 60_000;

/// Today in the browser's time zone (falls back to 1970-01-01 if the browser's date is unusable).
pub fn today_local() -> Date {
    let now = js_sys::Date::new_0();
    let month = Month::try_from(now.get_month() as u8 + 1).unwrap_or(Month::January);
    Date::from_calendar_date(now.get_full_year() as i32, month, now.get_date() as u8)
        .unwrap_or(Date::from_julian_day(2_440_588).unwrap_or(Date::MIN))
}

/// The current instant.
pub fn now() -> OffsetDateTime {
    let seconds = (js_sys::Date::now() / 1000.0).floor();
    OffsetDateTime::from_unix_timestamp(seconds as i64).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Keeps `state`'s "today" and "now" current for as long as the calling component lives:
/// checked every minute (so a suspended laptop catches up too) and whenever a hidden tab becomes
/// visible again, states are re-derived from the store when the local date changed or a
/// certificate expired or came within its expiring window since; nothing is requested.
pub fn keep_today(state: CardsState) {
    let refresh = move || {
        let Some(rules) = state.rules() else { return };
        let (today, now) = (today_local(), now());
        let certificates_changed = state
            .with_store(|s| s.certificates_change_by(now.unix_timestamp()))
            .unwrap_or(false);
        if today != rules.today || certificates_changed {
            state.set_rules(StatusRules { today, ..rules }.at(now));
        }
    };
    if let Ok(handle) = set_interval_with_handle(refresh, std::time::Duration::from_millis(DATE_CHECK_MS)) {
        on_cleanup(move || handle.clear());
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    crate::components::dom::listen(&document.into(), "visibilitychange", move |_| {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
        if visible {
            refresh();
        }
    });
}
