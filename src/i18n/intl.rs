//! The browser's `Intl` formatters, built and called without anything that can throw into the
//! host page: an unknown locale or a missing formatter gives `None`, and callers fall back.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A formatter method with its object (`PluralRules.prototype.select` and
/// `RelativeTimeFormat.prototype.format` need their `this`).
pub struct Method {
    this: JsValue,
    function: Function,
}

impl Method {
    /// `new Intl[constructor](locale, options)[name]`, or `None` where the browser refuses.
    pub fn new(constructor: &str, locale: Option<&str>, options: &Object, name: &str) -> Option<Method> {
        let this = construct(constructor, locale, options)?;
        let function = method(&this, name)?;
        Some(Method {
            this: this.into(),
            function,
        })
    }

    /// The method's text for `arg`.
    pub fn call1(&self, arg: &JsValue) -> Option<String> {
        self.function.call1(&self.this, arg).ok()?.as_string()
    }

    /// The method's text for `a`, `b`.
    pub fn call2(&self, a: &JsValue, b: &JsValue) -> Option<String> {
        self.function.call2(&self.this, a, b).ok()?.as_string()
    }
}

/// `new Intl[name]([locale], options)` (no locale: the browser's), or `None` when `Intl` or the
/// constructor is missing or throws (an invalid locale throws a RangeError).
pub fn construct(name: &str, locale: Option<&str>, options: &Object) -> Option<Object> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: Function = Reflect::get(&intl, &name.into()).ok()?.dyn_into().ok()?;
    let locales = Array::new();
    if let Some(locale) = locale.map(str::trim).filter(|l| !l.is_empty()) {
        locales.push(&locale.into());
    }
    Reflect::construct(&constructor, &Array::of2(&locales, options))
        .ok()?
        .dyn_into()
        .ok()
}

/// `object[name]` when it is a function.
pub fn method(object: &Object, name: &str) -> Option<Function> {
    Reflect::get(object, &name.into()).ok()?.dyn_into().ok()
}

/// Options with one property.
pub fn options(key: &str, value: JsValue) -> Object {
    let options = Object::new();
    let _ = Reflect::set(&options, &key.into(), &value);
    options
}

/// The browser's preferred language (`navigator.language`), if it says.
pub fn browser_language() -> Option<String> {
    let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
    Reflect::get(&navigator, &"language".into()).ok()?.as_string()
}
