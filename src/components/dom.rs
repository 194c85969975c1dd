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

    /// A new `<tag class="…">` (without a class when `class` is empty), not yet in the document.
    pub fn create(&self, tag: &str, class: &str) -> Option<Element> {
        let element = self.0.create_element(tag).ok()?;
        if !class.is_empty() {
            element.set_class_name(class);
        }
        Some(element)
    }

    /// [`Dom::create`], appended to `parent`.
    pub fn element(&self, parent: &Element, tag: &str, class: &str) -> Option<Element> {
        let element = self.create(tag, class)?;
        parent.append_child(&element).ok()?;
        Some(element)
    }

    /// A place at the current end of `parent` where an element comes and goes ([`show_at`]),
    /// marked by an empty text node.
    pub fn place(&self, parent: &Element) -> Option<Node> {
        let place: Node = self.0.create_text_node("").into();
        parent.append_child(&place).ok()
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

/// Puts `element` at `place` while `shown`, and takes it out of the document otherwise.
pub fn show_at(element: &Element, place: &Node, shown: bool) {
    match (shown, element.parent_node().is_some()) {
        (true, false) => {
            if let Some(parent) = place.parent_node() {
                let _ = parent.insert_before(element, Some(place));
            }
        }
        (false, true) => element.remove(),
        _ => {}
    }
}

/// Sets `element`'s text to `text` if it differs from `shown` (what was set last), and
/// remembers it.
pub fn update_text(element: &Element, shown: &mut Option<String>, text: String) {
    if shown.as_ref() != Some(&text) {
        element.set_text_content(Some(&text));
        *shown = Some(text);
    }
}

/// The focused element, if it is inside `container` (in its document or shadow root).
pub fn focused_in(container: &Element) -> Option<Element> {
    let root: Node = container.get_root_node();
    let focused = match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => root.dyn_ref::<web_sys::Document>()?.active_element(),
    }?;
    container.contains(Some(&focused)).then_some(focused)
}
