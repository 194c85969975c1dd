//! A stable sort for the small lists (picker options, departments, ranks, lookup batches),
//! through one shared routine: the standard library's sort is generic over the element and the
//! comparison, and each combination brought its own copy of it into the module (six copies,
//! about 15 KB before compression). Here only the row numbers are sorted, by a comparison behind
//! a reference, so every caller shares a single copy. The store's row orders are sorted by
//! `radsort` (a stable radix sort, in time linear in the rows: a million want it).

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, keeping the order of equal items (stable).
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| match (items.get(a), items.get(b)) {
        (Some(a), Some(b)) => cmp(a, b),
        _ => Ordering::Equal,
    });
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .into_iter()
            .filter_map(|i| slots.get_mut(i as usize).and_then(Option::take)),
    );
}

/// The positions `0..len` in the order `cmp` puts them, equal ones in their order.
fn sorted_positions(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..len as u32).collect();
    order.sort_by(|&a, &b| cmp(a as usize, b as usize));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_equal_items_in_their_order() {
        let mut items = vec![(3, "c"), (1, "a"), (2, "b"), (1, "z"), (3, "a"), (0, "q")];
        sort_by(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(
            items,
            [(0, "q"), (1, "a"), (1, "z"), (2, "b"), (3, "c"), (3, "a")]
        );
        let mut none: Vec<u8> = Vec::new();
        sort_by(&mut none, Ord::cmp);
        assert!(none.is_empty());
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        let mut seed = 7u32;
        let mut items: Vec<(u8, u32)> = (0..2_000)
            .map(|i| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((seed >> 16) as u8 % 17, i)
            })
            .collect();
        let mut expected = items.clone();
        expected.sort_by_key(|x| x.0);
        sort_by(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, expected);
    }
}
