//! The `trunk serve` demo page: the widget against the mock LMS proxied under `/lms-api`.

use enrollment_cards::api::{AccessToken, ClientConfig};
use enrollment_cards::clock::today_local;
use enrollment_cards::components::{EnrollmentCards, ListSource};
use enrollment_cards::StatusRules;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    let source = ListSource {
        page_size: Some(100),
        // The mock's public demo token; a portal hands the widget its own.
        ..ListSource::new(
            ClientConfig::new("/lms-api", AccessToken::new("demo-token")),
            StatusRules::new(today_local()),
        )
    };
    let target = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("demo"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(target) = target {
        leptos::mount::mount_to(target, move || view! { <EnrollmentCards source /> }).forget();
    }
}
