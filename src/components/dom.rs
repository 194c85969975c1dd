//! DOM nodes built from data through a handful of non-generic calls. A `view!` compiles to build,
//! rebuild and mount functions of its own for every distinct type among its parts; a card, built
//! again from its row whenever its slot changes, needs none of that machinery, so it is built here
//! (`card.rs`). Setting nodes never fails for the static tag and attribute names used with it;
//! were it to, the node is left out rather than the widget stopped.

use leptos::prelude::{on_cleanup, RenderEffect};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, Node};

/// Creates elements in one document.
#[derive(Clone)]
pub struct Dom(Document);

impl Dom {
    /// The document `node` belongs to.
    pub fn of(node: &Node) -> Option<Dom> {
        node.owner_document().map(Dom)
    }

    /// A new `<tag class="…">` (without a class when `class` is empty), appended to `parent`.
    pub fn element(&self, parent: &Element, tag: &str, class: &str) -> Option<Element> {
        let element = self.0.create_element(tag).ok()?;
        if !class.is_empty() {
            element.set_class_name(class);
        }
        parent.append_child(&element).ok()?;
        Some(element)
    }

    /// [`Dom::element`] holding `text`.
    pub fn text_element(&self, parent: &Element, tag: &str, class: &str, text: &str) -> Option<Element> {
        let element = self.element(parent, tag, class)?;
        element.set_text_content(Some(text));
        Some(element)
    }
}

/// Sets attribute `name` to `value`.
pub fn set(element: &Element, name: &str, value: &str) {
    let _ = element.set_attribute(name, value);
}

/// Runs `effect` now, and again whenever a signal it read changes, until the calling owner (the
/// component or slot it was called in) is cleaned up.
pub fn bind(mut effect: impl FnMut() + 'static) {
    let effect = RenderEffect::new(move |_| effect());
    on_cleanup(move || drop(effect));
}

/// The element matching `selector` that an event happened in (for handlers on a component's
/// root that serve every control in it).
pub fn event_within(ev: &Event, selector: &str) -> Option<Element> {
    ev.target()?.dyn_into::<Element>().ok()?.closest(selector).ok()?
}
