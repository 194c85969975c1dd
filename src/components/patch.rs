//! A subtree described as data ([`Parts`]) and put into the document, or, when it has the shape
//! already there, patched in place: only the texts and attributes that changed are set. A card
//! is described again on every keystroke that changes its row; patched, it keeps its elements
//! (and the browser its styles for them), and only what differs is written.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, Node};

use super::dom::{set, Dom};

/// The element the parts go into; its own attributes are set with [`Parts::set`] too.
pub const ROOT: usize = 0;

/// An attribute set through the CSSOM (`style:width`), which a strict Content-Security-Policy
/// allows where it refuses a `style` attribute.
const STYLE: &str = "style:";
/// A checkbox's `checked` property (`prop:checked`, "true" or "false"): set every time, since
/// the selection sets it between two descriptions.
pub const CHECKED: &str = "prop:checked";

#[derive(Debug, PartialEq)]
enum Kind {
    Element { tag: &'static str, class: &'static str },
    Text(String),
}

#[derive(Debug)]
struct Part {
    parent: usize,
    kind: Kind,
    attrs: Vec<(&'static str, String)>,
}

/// A description of a subtree: elements and texts in document order, each under a parent
/// ([`ROOT`] or an element added before it).
#[derive(Debug, Default)]
pub struct Parts {
    root_attrs: Vec<(&'static str, String)>,
    parts: Vec<Part>,
}

impl Parts {
    /// Adds `<tag class="…">` (no class when `class` is empty) under `parent`; its number.
    pub fn element(&mut self, parent: usize, tag: &'static str, class: &'static str) -> usize {
        self.parts.push(Part {
            parent,
            kind: Kind::Element { tag, class },
            attrs: Vec::new(),
        });
        self.parts.len()
    }

    /// Adds `text` under `parent`.
    pub fn text(&mut self, parent: usize, text: impl Into<String>) {
        self.parts.push(Part {
            parent,
            kind: Kind::Text(text.into()),
            attrs: Vec::new(),
        });
    }

    /// [`Parts::element`] holding `text`.
    pub fn text_element(
        &mut self,
        parent: usize,
        tag: &'static str,
        class: &'static str,
        text: impl Into<String>,
    ) -> usize {
        let element = self.element(parent, tag, class);
        self.text(element, text);
        element
    }

    /// Sets attribute `name` of `node` ([`ROOT`] or an element) to `value`.
    pub fn set(&mut self, node: usize, name: &'static str, value: impl Into<String>) {
        let attrs = match node.checked_sub(1) {
            None => &mut self.root_attrs,
            Some(i) => match self.parts.get_mut(i) {
                Some(part) => &mut part.attrs,
                None => return,
            },
        };
        attrs.push((name, value.into()));
    }

    /// Whether `other` has the same elements, texts' places and attribute names (so that
    /// setting what differs turns the one into the other).
    fn same_shape(&self, other: &Parts) -> bool {
        let names = |a: &[(&str, String)], b: &[(&str, String)]| {
            a.iter().map(|(n, _)| n).eq(b.iter().map(|(n, _)| n))
        };
        self.parts.len() == other.parts.len()
            && self.parts.iter().zip(&other.parts).all(|(a, b)| {
                a.parent == b.parent
                    && names(&a.attrs, &b.attrs)
                    && match (&a.kind, &b.kind) {
                        (Kind::Text(_), Kind::Text(_)) => true,
                        (a, b) => a == b,
                    }
            })
    }
}

/// The parts in the document under one root, and their nodes.
#[derive(Default)]
pub struct Shown {
    parts: Parts,
    nodes: Vec<Node>,
}

impl Shown {
    /// Makes `root` show `new`: in place when the shape is the one shown, else built anew.
    pub fn show(&mut self, dom: &Dom, root: &Element, new: Parts) {
        patch_attrs(root, &self.parts.root_attrs, &new.root_attrs);
        if self.parts.same_shape(&new) {
            for ((old, part), node) in self.parts.parts.iter().zip(&new.parts).zip(&self.nodes) {
                match (&old.kind, &part.kind) {
                    (Kind::Text(was), Kind::Text(text)) => {
                        if was != text {
                            node.set_node_value(Some(text));
                        }
                    }
                    _ => {
                        if let Some(element) = node.dyn_ref::<Element>() {
                            patch_attrs(element, &old.attrs, &part.attrs);
                        }
                    }
                }
            }
        } else {
            root.set_text_content(None);
            self.nodes = build(dom, root, &new.parts);
        }
        self.parts = new;
    }
}

/// Builds `parts` into `root`; their nodes, one per part (an empty text node stands in for an
/// element the browser refused, which only an invalid tag name would make it).
fn build(dom: &Dom, root: &Element, parts: &[Part]) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::with_capacity(parts.len());
    for part in parts {
        let node = match &part.kind {
            Kind::Element { tag, class } => dom.create(tag, class).map(|element| {
                for (name, value) in &part.attrs {
                    apply(&element, name, value);
                }
                Node::from(element)
            }),
            Kind::Text(text) => Some(dom.text_node(text)),
        }
        .unwrap_or_else(|| dom.text_node(""));
        let parent = match part.parent.checked_sub(1) {
            None => Some(root.as_ref()),
            Some(i) => nodes.get(i),
        };
        if let Some(parent) = parent {
            let _ = parent.append_child(&node);
        }
        nodes.push(node);
    }
    nodes
}

/// Sets the attributes of `new` that differ from `old` (the same names, in the same order),
/// and the checked property always.
fn patch_attrs(element: &Element, old: &[(&'static str, String)], new: &[(&'static str, String)]) {
    for (i, (name, value)) in new.iter().enumerate() {
        if *name == CHECKED
            || old
                .get(i)
                .is_none_or(|(was_name, was)| was_name != name || was != value)
        {
            apply(element, name, value);
        }
    }
}

/// Sets one attribute, style property or checked state.
fn apply(element: &Element, name: &str, value: &str) {
    if let Some(property) = name.strip_prefix(STYLE) {
        if let Some(element) = element.dyn_ref::<HtmlElement>() {
            let _ = element.style().set_property(property, value);
        }
    } else if name == CHECKED {
        if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
            input.set_checked(value == "true");
        }
    } else {
        set(element, name, value);
    }
}
