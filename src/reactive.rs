//! The widget's signals and stored values, and reads and writes of them (and of memos) through
//! methods that never panic: [`Tracked`] for signals and memos, [`Writable`] for signals,
//! [`Stored`] for stored values, and [`rw_signal`], [`memo`], [`stored`] and [`callback`] to
//! make them.
//!
//! leptos's own methods of the same names panic when the value has been disposed (the widget was
//! removed while one of its tasks or listeners still ran), which would trap the module every
//! widget on the page shares; and each is `#[track_caller]`, so that every call site in the
//! widget carried a panic location of its own (16 bytes of data, and the code passing it). Here
//! a disposed value reads as its type's default and takes no writes. Modules that import these
//! traits import leptos's items by name, not its prelude, whose traits have the same method
//! names.
//!
//! A signal ([`Var`]) and a stored value ([`Held`]) keep their value in one type of leptos's
//! arena slot, `Rc<dyn Any>`, beside a [`Trigger`] for a signal's subscribers, and a memo
//! ([`Computed`]) is one type of leptos `Memo` whatever it holds: leptos's storage, signal and
//! memo code is compiled once per value type, and the widget has two dozen of them. Each is
//! owned by the owner it was made under and disposed with it, as leptos's are.
//!
//! A write made while the same value is being read (inside its `with`, or a stored value's
//! `try_with_value`) is refused: the value is in a `RefCell`, and a second borrow is not taken.
//! `try_set` then hands the value back and `try_update` says `None`; nothing is notified.
//! leptos's signals keep theirs in an `RwLock`, whose second lock panics (here that would trap
//! the module). A read while the value is being written reads `None` the same way. A read holds
//! an `Rc` of the value's cell taken out of leptos's arena, so a value disposed during a read (its
//! owner cleaned up by the reader) lives until the read ends.

use std::any::Any;
use std::cell::RefCell;
use std::marker::PhantomData;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::{Callback, Memo, Track, With, WithUntracked, WithValue};
use leptos::reactive::owner::{LocalStorage, StoredValue};
use leptos::reactive::signal::Trigger;
use leptos::reactive::traits::Notify;

/// An arena slot holding a value of any type, in a `RefCell` (one type for every value).
type Slot = StoredValue<Rc<dyn Any>, LocalStorage>;

/// A value kept for its owner's lifetime, read and written without tracking (see [`Stored`]).
pub struct Held<T> {
    slot: Slot,
    value: PhantomData<fn() -> T>,
}

impl<T> Clone for Held<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Held<T> {}

impl<T: 'static> Held<T> {
    /// The value's cell, or `None` once disposed.
    fn cell(&self) -> Option<Rc<RefCell<T>>> {
        slot_value(self.slot)?.downcast().ok()
    }
}

/// What a slot holds, or `None` once disposed. Not generic: one copy of leptos's arena code.
#[inline(never)]
fn slot_value(slot: Slot) -> Option<Rc<dyn Any>> {
    slot.try_with_value(Rc::clone)
}

/// A signal: a value its readers subscribe to, and whose writes notify them.
pub struct Var<T> {
    held: Held<T>,
    changed: Trigger,
}

impl<T> Clone for Var<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Var<T> {}

/// A memo: a value derived from signals and memos, computed again when they change, whose
/// readers are notified only when it comes out different.
pub struct Computed<T> {
    memo: Memo<AnyValue>,
    value: PhantomData<fn() -> T>,
}

impl<T> Clone for Computed<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Computed<T> {}

/// A memo's value, of any type, equal to another of the same type and value: one `Memo` type
/// for every memo.
#[derive(Clone)]
struct AnyValue(Arc<dyn Comparable>);

impl AnyValue {
    /// The value, if it is a `T`.
    fn get<T: 'static>(&self) -> Option<&T> {
        let value: &dyn Any = &*self.0;
        value.downcast_ref()
    }
}

impl PartialEq for AnyValue {
    fn eq(&self, other: &AnyValue) -> bool {
        self.0.equals(&*other.0)
    }
}

/// A value that can tell whether another one is equal to it.
trait Comparable: Any + Send + Sync {
    /// Whether `other` is of this type and equal.
    fn equals(&self, other: &dyn Comparable) -> bool;
}

impl<T: PartialEq + Send + Sync + 'static> Comparable for T {
    fn equals(&self, other: &dyn Comparable) -> bool {
        let other: &dyn Any = other;
        other.downcast_ref::<T>() == Some(self)
    }
}

/// Reading a signal or memo: three methods to give, the rest follow.
pub trait Tracked {
    /// What it holds.
    type Value;

    /// `f` of the value, subscribing the running effect or memo, or `None` once disposed.
    fn try_with<U>(&self, f: impl FnOnce(&Self::Value) -> U) -> Option<U>;

    /// `f` of the value without subscribing, or `None` once disposed.
    fn try_with_untracked<U>(&self, f: impl FnOnce(&Self::Value) -> U) -> Option<U>;

    /// Subscribes the running effect or memo without reading (nothing once disposed).
    fn track(&self);

    /// A copy of the value, subscribing; the default once disposed.
    fn get(&self) -> Self::Value
    where
        Self::Value: Clone + Default,
    {
        self.try_with(Clone::clone).unwrap_or_default()
    }

    /// A copy of the value, without subscribing; the default once disposed.
    fn get_untracked(&self) -> Self::Value
    where
        Self::Value: Clone + Default,
    {
        self.try_with_untracked(Clone::clone).unwrap_or_default()
    }

    /// `f` of the value, subscribing; `U::default()` once disposed.
    fn with<U: Default>(&self, f: impl FnOnce(&Self::Value) -> U) -> U {
        self.try_with(f).unwrap_or_default()
    }

    /// `f` of the value, without subscribing; `U::default()` once disposed.
    fn with_untracked<U: Default>(&self, f: impl FnOnce(&Self::Value) -> U) -> U {
        self.try_with_untracked(f).unwrap_or_default()
    }

    /// A copy of the value, subscribing, or `None` once disposed.
    fn try_get(&self) -> Option<Self::Value>
    where
        Self::Value: Clone,
    {
        self.try_with(Clone::clone)
    }

    /// A copy of the value without subscribing, or `None` once disposed.
    fn try_get_untracked(&self) -> Option<Self::Value>
    where
        Self::Value: Clone,
    {
        self.try_with_untracked(Clone::clone)
    }
}

impl<T: 'static> Tracked for Var<T> {
    type Value = T;

    fn try_with<U>(&self, f: impl FnOnce(&T) -> U) -> Option<U> {
        self.track();
        self.try_with_untracked(f)
    }

    fn try_with_untracked<U>(&self, f: impl FnOnce(&T) -> U) -> Option<U> {
        self.held.try_with_value(f)
    }

    fn track(&self) {
        self.changed.track();
    }
}

impl<T: 'static> Tracked for Computed<T> {
    type Value = T;

    fn try_with<U>(&self, f: impl FnOnce(&T) -> U) -> Option<U> {
        With::try_with(&self.memo, |value| value.get().map(f)).flatten()
    }

    fn try_with_untracked<U>(&self, f: impl FnOnce(&T) -> U) -> Option<U> {
        WithUntracked::try_with_untracked(&self.memo, |value| value.get().map(f)).flatten()
    }

    fn track(&self) {
        Track::track(&self.memo);
    }
}

/// Writing a signal.
pub trait Writable {
    /// What it holds.
    type Value;

    /// Replaces the value and notifies (nothing once disposed).
    fn set(&self, value: Self::Value);

    /// Replaces the value and notifies; once disposed, hands `value` back.
    fn try_set(&self, value: Self::Value) -> Option<Self::Value>;

    /// Changes the value in place and notifies (nothing once disposed).
    fn update(&self, f: impl FnOnce(&mut Self::Value));

    /// Changes the value in place and notifies, returning what `f` returns; `None` once
    /// disposed.
    fn try_update<U>(&self, f: impl FnOnce(&mut Self::Value) -> U) -> Option<U>;
}

impl<T: 'static> Writable for Var<T> {
    type Value = T;

    fn set(&self, value: T) {
        self.try_set(value);
    }

    fn try_set(&self, value: T) -> Option<T> {
        let mut value = Some(value);
        self.try_update(|v| {
            if let Some(new) = value.take() {
                *v = new;
            }
        });
        value
    }

    fn update(&self, f: impl FnOnce(&mut T)) {
        self.try_update(f);
    }

    fn try_update<U>(&self, f: impl FnOnce(&mut T) -> U) -> Option<U> {
        let changed = self.held.try_update_value(f)?;
        self.changed.notify();
        Some(changed)
    }
}

/// Reading and writing a stored value (never tracked).
pub trait Stored {
    /// What it holds.
    type Value;

    /// `f` of the value, or `None` once disposed.
    fn try_with_value<U>(&self, f: impl FnOnce(&Self::Value) -> U) -> Option<U>;

    /// `f` of the value in place, or `None` once disposed.
    fn try_update_value<U>(&self, f: impl FnOnce(&mut Self::Value) -> U) -> Option<U>;

    /// A copy of the value, or `None` once disposed.
    fn try_get_value(&self) -> Option<Self::Value>
    where
        Self::Value: Clone,
    {
        self.try_with_value(Clone::clone)
    }

    /// Replaces the value (nothing once disposed).
    fn set_value(&self, value: Self::Value) {
        self.try_update_value(|v| *v = value);
    }
}

impl<T: 'static> Stored for Held<T> {
    type Value = T;

    fn try_with_value<U>(&self, f: impl FnOnce(&T) -> U) -> Option<U> {
        let cell = self.cell()?;
        let value = cell.try_borrow().ok()?;
        Some(f(&value))
    }

    fn try_update_value<U>(&self, f: impl FnOnce(&mut T) -> U) -> Option<U> {
        let cell = self.cell()?;
        let mut value = cell.try_borrow_mut().ok()?;
        Some(f(&mut value))
    }
}

/// A new signal holding `value`, owned by the running owner.
pub fn rw_signal<T: 'static>(value: T) -> Var<T> {
    Var {
        held: stored(value),
        changed: Trigger::new(),
    }
}

/// A new memo of `f` (given its previous value), owned by the running owner.
pub fn memo<T: PartialEq + Send + Sync + 'static>(
    f: impl Fn(Option<&T>) -> T + Send + Sync + 'static,
) -> Computed<T> {
    Computed {
        memo: Memo::new(move |previous: Option<&AnyValue>| {
            AnyValue(Arc::new(f(previous.and_then(AnyValue::get))))
        }),
        value: PhantomData,
    }
}

/// A new stored value, owned by the running owner.
pub fn stored<T: 'static>(value: T) -> Held<T> {
    let value: Rc<dyn Any> = Rc::new(RefCell::new(value));
    Held {
        slot: StoredValue::new_local(value),
        value: PhantomData,
    }
}

/// A new callback calling `f`, owned by the running owner.
pub fn callback<In: 'static, Out: 'static>(
    f: impl Fn(In) -> Out + Send + Sync + 'static,
) -> Callback<In, Out> {
    Callback::new(f)
}

#[cfg(test)]
mod tests {
    use leptos::prelude::Owner;

    use super::{callback, memo, rw_signal, stored, Stored, Tracked, Writable};

    #[test]
    fn live_values_read_and_write_as_leptos_does() {
        let owner = Owner::new();
        owner.with(|| {
            let count = rw_signal(2u32);
            let doubled = memo(move |_| count.get() * 2);
            let notes = stored(vec!["a".to_owned()]);
            count.update(|n| *n += 1);
            assert_eq!(count.get_untracked(), 3);
            assert_eq!(doubled.get_untracked(), 6);
            assert_eq!(count.try_set(5), None);
            assert_eq!(doubled.with_untracked(|d| d + 1), 11);
            assert_eq!(count.try_update(|n| std::mem::replace(n, 7)), Some(5));
            notes.try_update_value(|n| n.push("b".to_owned()));
            assert_eq!(notes.try_get_value(), Some(vec!["a".to_owned(), "b".to_owned()]));
            let said = callback(move |n: u32| n + count.get_untracked());
            assert_eq!(leptos::prelude::Callable::try_run(&said, 1), Some(8));
        });
    }

    #[test]
    fn disposed_values_read_as_defaults_and_take_no_writes() {
        let owner = Owner::new();
        let (count, doubled, notes) = owner.with(|| {
            let count = rw_signal(2u32);
            (
                count,
                memo(move |_| count.get() * 2),
                stored(vec!["a".to_owned()]),
            )
        });
        owner.cleanup();
        assert_eq!(count.get(), 0);
        assert_eq!(count.get_untracked(), 0);
        assert_eq!(doubled.get(), 0);
        assert_eq!(doubled.with(|d| d + 1), 0);
        assert_eq!(count.try_get_untracked(), None);
        assert_eq!(count.try_with(|n| *n), None);
        count.set(9);
        count.update(|n| *n += 1);
        assert_eq!(count.try_set(9), Some(9));
        assert_eq!(count.try_update(|n| *n), None);
        notes.set_value(vec![]);
        assert_eq!(notes.try_with_value(Vec::len), None);
        assert_eq!(notes.try_get_value(), None);
        count.track();
    }

    #[test]
    fn a_write_during_a_read_of_the_same_value_is_refused_not_a_panic() {
        let owner = Owner::new();
        owner.with(|| {
            let count = rw_signal(1u32);
            assert_eq!(count.with_untracked(|_| count.try_set(2)), Some(2));
            assert_eq!(count.with_untracked(|_| count.try_update(|n| *n)), None);
            let notes = stored(1u8);
            assert_eq!(
                notes.try_update_value(|_| notes.try_with_value(|n| *n)),
                Some(None)
            );
            assert_eq!((count.get_untracked(), notes.try_get_value()), (1, Some(1)));
        });
    }

    #[test]
    fn a_write_reruns_the_memos_that_read_it_and_only_those() {
        let owner = Owner::new();
        owner.with(|| {
            let count = rw_signal(2u32);
            let other = rw_signal(0u32);
            let runs = stored(0u32);
            let doubled = memo(move |_| {
                runs.try_update_value(|r| *r += 1);
                count.get() * 2
            });
            assert_eq!(doubled.get_untracked(), 4);
            other.set(1);
            assert_eq!(doubled.get_untracked(), 4);
            count.set(5);
            assert_eq!(doubled.get_untracked(), 10);
            assert_eq!(runs.try_get_value(), Some(2));
        });
    }

    #[test]
    fn a_memo_that_comes_out_the_same_notifies_no_one_and_sees_its_previous_value() {
        let owner = Owner::new();
        owner.with(|| {
            let count = rw_signal(2u32);
            let parity = memo(move |_| count.get() % 2);
            let runs = stored(0u32);
            let seen = memo(move |previous: Option<&Vec<u32>>| {
                runs.try_update_value(|r| *r += 1);
                let mut seen = previous.cloned().unwrap_or_default();
                seen.push(parity.get());
                seen
            });
            assert_eq!(seen.get_untracked(), [0]);
            count.set(4);
            assert_eq!(seen.get_untracked(), [0]);
            count.set(5);
            assert_eq!(seen.get_untracked(), [0, 1]);
            assert_eq!(runs.try_get_value(), Some(2));
        });
    }
}
