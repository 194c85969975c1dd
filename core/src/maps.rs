//! The hash maps and sets of the core and the widget: hashbrown's with foldhash, as the ID index
//! uses. With the standard library's as well, the module carried a second copy of the table code
//! and SipHash (1.3 KB gzipped). The ID index, the largest map by far, has used foldhash all
//! along; these hold IDs, names and formatted texts for the lookups, the export and the locale.

/// A hash map with foldhash.
pub type FastMap<K, V> = hashbrown::HashMap<K, V, foldhash::fast::RandomState>;

/// A hash set with foldhash.
pub type FastSet<K> = hashbrown::HashSet<K, foldhash::fast::RandomState>;
