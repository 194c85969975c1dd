//! DOM nodes built from data through a handful of non-generic calls, which every part of the view
//! uses: create and set nodes, [`bind`] an effect to the calling owner, [`listen`] to events,
//! and [`show_when`] / [`rebuild_on`] for parts that come and go. A `view!` compiles to build,
//! rebuild and mount functions of its own for every distinct type among its parts (that was most
//! of the module); these are compiled once. What changes often (a card, the active filter chips,
//! a picker's options) is described as data and patched in place (`patch.rs`). Setting nodes
//! never fails for the static tag and attribute names used here; were it to, the node is left
//! out rather than the widget stopped.

use leptos::prelude::{on_cleanup, untrack, Owner, RenderEffect};
use leptos::reactive::owner::WeakOwner;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventTarget, Node};

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

    /// A text node holding `text`, not yet in the document.
    pub fn text_node(&self, text: &str) -> Node {
        self.0.create_text_node(text).into()
    }

    /// A place at the current end of `parent` where an element comes and goes ([`show_at`]),
    /// marked by an empty text node.
    pub fn place(&self, parent: &Element) -> Option<Node> {
        parent.append_child(&self.text_node("")).ok()
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

/// Sets attribute `name` to `value`, or removes it when there is none.
pub fn set_or_remove(element: &Element, name: &str, value: Option<&str>) {
    match value {
        Some(value) => set(element, name, value),
        None => {
            let _ = element.remove_attribute(name);
        }
    }
}

/// Runs `effect` now, and again whenever a signal it read changes, until the calling owner (the
/// component or slot it was called in) is cleaned up.
pub fn bind(effect: impl FnMut() + 'static) {
    bind_boxed(Box::new(effect));
}

/// [`bind`] past its one generic step, so that the effect and its cleanup are compiled once
/// rather than once for every caller's closure.
fn bind_boxed(mut effect: Box<dyn FnMut()>) {
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

/// Sets `element`'s text to `text`: in its text node when it holds just one (a character data
/// change, as leptos's renderer made it, not a new node each time).
pub fn set_text(element: &Element, text: &str) {
    match element.first_child() {
        Some(node) if node.node_type() == Node::TEXT_NODE && node.next_sibling().is_none() => {
            node.set_node_value(Some(text));
        }
        _ => element.set_text_content(Some(text)),
    }
}

/// Sets `element`'s text to `text` if it differs from `shown` (what was set last), and
/// remembers it.
pub fn update_text(element: &Element, shown: &mut Option<String>, text: String) {
    if shown.as_ref() != Some(&text) {
        set_text(element, &text);
        *shown = Some(text);
    }
}

/// How many elements come before `element` among its siblings.
pub fn place_of(element: &Element) -> usize {
    let mut place = 0;
    let mut at = element.previous_element_sibling();
    while let Some(before) = at {
        place += 1;
        at = before.previous_element_sibling();
    }
    place
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

/// Calls `handler` with every `event` at `target` (an element, the window) while the calling
/// owner lives.
pub fn listen(target: &EventTarget, event: &'static str, handler: impl Fn(Event) + 'static) {
    listen_boxed(target, event, Closure::<dyn Fn(Event)>::new(handler));
}

/// [`listen`] past its one generic step (see [`bind_boxed`]).
fn listen_boxed(target: &EventTarget, event: &'static str, listener: Closure<dyn Fn(Event)>) {
    if target
        .add_event_listener_with_callback(event, listener.as_ref().unchecked_ref())
        .is_err()
    {
        return;
    }
    let held = SendWrapper::new((target.clone(), listener));
    on_cleanup(move || {
        let (target, listener) = &*held;
        let _ = target.remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    });
}

/// Builds nodes with `build` at the current end of `parent` while `when` holds: each time anew,
/// under an owner of their own, which is cleaned up (its effects ended, its cleanups run) when
/// the nodes go. `build` is not tracked: only `when` decides.
pub fn show_when(
    dom: &Dom,
    parent: &Element,
    when: impl Fn() -> bool + 'static,
    build: impl Fn(&Dom, &Element) + 'static,
) -> Option<()> {
    rebuild_on(dom, parent, move || when().then_some(0), build)
}

/// Builds nodes with `build` at the current end of `parent` while `key` gives one, and builds
/// them again when it changes: each time under an owner of their own (a child of the calling
/// one), cleaned up when the nodes go. `build` is not tracked: only `key` decides.
pub fn rebuild_on(
    dom: &Dom,
    parent: &Element,
    key: impl Fn() -> Option<u64> + 'static,
    build: impl Fn(&Dom, &Element) + 'static,
) -> Option<()> {
    rebuild_on_boxed(dom, parent, Box::new(key), Box::new(build))
}

/// What builds a part's nodes into the element it is given ([`rebuild_on`]).
type Build = Box<dyn Fn(&Dom, &Element)>;

/// [`rebuild_on`] past its one generic step (see [`bind_boxed`]).
fn rebuild_on_boxed(
    dom: &Dom,
    parent: &Element,
    key: Box<dyn Fn() -> Option<u64>>,
    build: Build,
) -> Option<()> {
    let place = dom.place(parent)?;
    // Built here first, then moved into place.
    let staging = dom.create("div", "")?;
    let dom = dom.clone();
    // Not the effect's owner: that one is cleaned up each time the effect runs again. Held
    // weakly: the calling owner holds this effect.
    let parent_owner = Owner::current().map(|o| o.downgrade());
    let mut shown: Option<(u64, Built)> = None;
    bind(move || {
        let now = key();
        if now.is_some() && now == shown.as_ref().map(|(key, _)| *key) {
            return;
        }
        if let Some((_, built)) = shown.take() {
            built.remove();
        }
        if let Some(now) = now {
            let owner = child_of(parent_owner.as_ref());
            untrack(|| owner.with(|| build(&dom, &staging)));
            shown = Some((now, Built::place(owner, &staging, &place)));
        }
    });
    Some(())
}

/// A new owner, a child of `parent` if it is still there.
pub fn child_of(parent: Option<&WeakOwner>) -> Owner {
    match parent.and_then(WeakOwner::upgrade) {
        Some(parent) => parent.with(Owner::new),
        None => Owner::new(),
    }
}

/// Nodes built under an owner of their own, in the document.
struct Built {
    owner: Owner,
    nodes: Vec<Node>,
}

impl Built {
    /// Moves what `staging` holds before `place`.
    fn place(owner: Owner, staging: &Element, place: &Node) -> Built {
        let mut nodes = Vec::new();
        while let Some(node) = staging.first_child() {
            let moved = place
                .parent_node()
                .and_then(|parent| parent.insert_before(&node, Some(place)).ok());
            if moved.is_none() {
                let _ = staging.remove_child(&node);
            }
            nodes.push(node);
        }
        Built { owner, nodes }
    }

    /// Takes the nodes out of the document and cleans their owner up.
    fn remove(self) {
        for node in self.nodes {
            if let Some(parent) = node.parent_node() {
                let _ = parent.remove_child(&node);
            }
        }
        self.owner.cleanup();
    }
}
