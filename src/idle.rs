//! Work for when the page is idle (`requestIdleCallback`, or a timer where the browser has none),
//! and for once the next frame is painted.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long [`next_paint`] waits at most (ms): a hidden tab paints no frames.
const PAINT_WAIT_MS: i32 = 100;

/// Runs `work` once when the page is next idle (nothing, without a window). Boxed: one copy of
/// the callback's glue for every caller.
pub fn when_idle(work: Box<dyn FnOnce()>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let run = Closure::once_into_js(work);
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let _ = match idle {
        Some(request) => request.call1(&window, &run).map(drop),
        None => window.set_timeout_with_callback(run.unchecked_ref()).map(drop),
    };
}

/// Runs `work` once the next frame has been painted, when the page is idle: what the frame
/// shows is on screen before `work` starts, and input waiting by then goes first.
pub fn after_next_paint(work: Box<dyn FnOnce()>) {
    after_frame(None, work);
}

/// [`after_next_paint`], clearing the timer `stand_in` (if any) once the frame comes.
fn after_frame(stand_in: Option<i32>, work: Box<dyn FnOnce()>) {
    leptos::prelude::request_animation_frame(move || {
        if let (Some(handle), Some(window)) = (stand_in, web_sys::window()) {
            window.clear_timeout_with_handle(handle);
        }
        when_idle(work);
    });
}

/// Resolves when [`after_next_paint`] would run its work, or after [`PAINT_WAIT_MS`] when no
/// frame comes (a hidden tab). The stand-in timer is cleared once the frame comes: on a busy
/// page it is often due by then, and it would run ahead of what waits for the page to be idle.
pub async fn next_paint() {
    let painted = js_sys::Promise::new(&mut |resolve, _| {
        let stand_in = web_sys::window().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, PAINT_WAIT_MS)
                .ok()
        });
        after_frame(
            stand_in,
            Box::new(move || {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }),
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(painted).await;
}
