//! Measures the store's real heap use with a counting allocator: 100k enrollments loaded page by
//! page, as the widget does, must cost well under 128 bytes each (strings included).

// Native only (they use the mock crate, threads or clocks): `wasm-pack test` skips them.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use enrollment_cards::{parse_enrollments, EnrollmentStore, Filter, Sort, SortKey, StatusRules};
use mock_lms::xml::{self, Listing};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn store_heap_per_enrollment_at_100k() {
    const N: usize = 100_000;
    let data = support::dataset(N);
    let pages: Vec<String> = data
        .enrollments
        .chunks(1_000)
        .map(|chunk| xml::enrollments(&data, chunk.iter(), Listing::Unpaged))
        .collect();
    drop(data);
    let pages_bytes: isize = pages.iter().map(|p| p.capacity() as isize).sum::<isize>()
        + (pages.capacity() * std::mem::size_of::<String>()) as isize;
    let before = LIVE.load(Ordering::Relaxed) - pages_bytes;

    let mut store = EnrollmentStore::new(StatusRules::new(support::TODAY));
    for page in pages {
        let parsed = parse_enrollments(&page).expect("page parses");
        store.append(parsed.enrollments);
    }
    store.shrink_to_fit();
    let loaded = LIVE.load(Ordering::Relaxed) - before;
    let result = store.query(
        &Filter {
            text: "4a".into(),
            ..Filter::default()
        },
        Sort {
            key: SortKey::DueDate,
            descending: false,
        },
    );
    let with_caches = LIVE.load(Ordering::Relaxed) - before - result.rows.heap_bytes() as isize;

    let per = |bytes: isize| bytes as f64 / N as f64;
    println!(
        "store heap: {:.1} bytes/enrollment loaded, {:.1} with search and sort caches (estimate {:.1})",
        per(loaded),
        per(with_caches),
        store.heap_bytes() as f64 / N as f64
    );
    assert_eq!(store.len(), N);
    assert!(per(loaded) < 100.0, "{:.1} bytes per enrollment", per(loaded));
    assert!(
        per(with_caches) < 128.0,
        "{:.1} bytes per enrollment",
        per(with_caches)
    );
}
