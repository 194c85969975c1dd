//! Search folding: case- and accent-insensitive over Latin, Greek and Cyrillic, CJK kept, and the
//! folded store's one-pass search.

use enrollment_core::fold::{fold, fold_into, occurs_in, Folded};
use proptest::prelude::*;

/// `true` when a search for `needle` finds `haystack`.
fn finds(haystack: &str, needle: &str) -> bool {
    fold(haystack).contains(&fold(needle))
}

#[test]
fn latin_accents_and_case() {
    assert_eq!(fold("Núñez"), "nunez");
    assert!(finds("Núñez", "nunez"));
    assert!(finds("María José Núñez", "NUÑ"));
    assert_eq!(fold("Ærøskøbing"), "aeroskobing");
    assert_eq!(fold("Łódź"), "lodz");
    assert!(finds("Łódź", "lodz"));
    assert_eq!(fold("Straße"), "strasse");
    assert_eq!(fold("STRAẞE"), "strasse");
    assert!(finds("Straße", "strasse"));
    assert_eq!(fold("Œuvre Đorđević Þór Ðóra"), "oeuvre dordevic thor dora");
    assert_eq!(fold("Çağlar Ilıcalı İnce"), "caglar ilicali ince");
    assert_eq!(fold("Dvořák Škoda Ångström Øre"), "dvorak skoda angstrom ore");
    assert_eq!(fold("ﬁnance ĳssel"), "finance ijssel");
}

#[test]
fn vietnamese() {
    assert_eq!(fold("Nguyễn"), "nguyen");
    assert!(finds("Nguyễn Thị Minh Khai", "nguyen thi"));
    assert_eq!(fold("Trần Đức Thắng Phạm Hữu"), "tran duc thang pham huu");
}

#[test]
fn cyrillic() {
    assert_eq!(fold("Петрова"), "петрова");
    assert!(finds("Петрова", "петрова"));
    assert!(finds("ПЕТРОВА Анна", "петрова"));
    assert_eq!(fold("Алёна"), "алена");
    assert!(finds("Алёна", "алена"));
    assert!(finds("Алена", "Алёна"), "and the other way round");
    assert_eq!(fold("ЁЛКИН"), "елкин");
    assert_eq!(fold("Ѓорѓи Ќосе Її"), "горги косе іі");
    // "й" and "ў" stay letters of their own, composed or decomposed.
    assert_eq!(fold("Андрей Йосиф Ўладзімір"), "андрей йосиф ўладзімір");
    assert!(!finds("Андрей", "андреи"));
    assert_eq!(fold("Андрей"), fold("Андреи\u{306}"));
    assert_eq!(fold("Й"), fold("И\u{306}"));
    assert_eq!(fold("ў"), fold("у\u{306}"));
}

#[test]
fn greek() {
    assert_eq!(fold("Άννα"), "αννα");
    assert!(finds("Άννα", "αννα"));
    assert!(finds("ΆΝΝΑ", "Αννα"));
    // Final sigma folds to sigma, so either form finds the other.
    assert_eq!(fold("Νικόλαος"), "νικολαοσ");
    assert_eq!(fold("ΝΙΚΟΛΑΟΣ"), "νικολαοσ");
    assert!(finds("Νικόλαος Παπαδόπουλος", "ΠΑΠΑΔΟΠΟΥΛΟΣ"));
    assert!(finds("Οδυσσέας", "οδυσσ"));
    assert_eq!(fold("Ϊ ΐ ᾯ Ἀθῆναι"), "ι ι ω αθηναι");
    assert_eq!(fold("µ"), "μ");
}

#[test]
fn cjk_and_other_scripts_unchanged() {
    assert_eq!(fold("王芳"), "王芳");
    assert_eq!(fold("山田 太郎"), "山田 太郎");
    assert_eq!(fold("김민준"), "김민준");
    assert_eq!(fold("श्रीनिवास"), "श्रीनिवास", "Indic vowel signs are kept");
    assert_eq!(fold("محمد"), "محمد");
    assert_eq!(fold("مُحَمَّد"), "محمد", "Arabic harakat are dropped");
    assert_eq!(fold("😀 ✓"), "😀 ✓");
    assert_eq!(fold("王\u{3000}芳"), "王 芳");
    assert_eq!(fold("ＡＢＣ１２３"), "abc123");
}

#[test]
fn punctuation_kept() {
    assert_eq!(fold("O'Brien"), "o'brien");
    assert_eq!(fold("Smith-Jones"), "smith-jones");
    assert_eq!(fold("O\u{2019}Brien"), "o'brien");
    assert_eq!(fold("Smith\u{2010}Jones"), "smith-jones");
    assert_eq!(fold("Jean-Loïc d'Aubigné"), "jean-loic d'aubigne");
    assert_eq!(fold("anne.lee+test@Example.COM"), "anne.lee+test@example.com");
    assert_eq!(fold("no\u{a0}break"), "no break");
}

#[test]
fn decomposed_input_folds_like_composed() {
    assert_eq!(fold("Nu\u{301}n\u{303}ez"), "nunez");
    assert_eq!(fold("Nguye\u{302}\u{303}n"), "nguyen");
    assert_eq!(fold("Ale\u{308}na"), "alena");
    assert_eq!(fold("Алe\u{308}на"), fold("Алeна"));
    assert_eq!(fold("Α\u{301}ννα"), "αννα");
}

#[test]
fn ascii_fast_path_equals_general_path() {
    let ascii: String = (0u8..128).map(char::from).collect();
    // A non-ASCII character at the end sends the same ASCII through the per-character path.
    let general = fold(&format!("{ascii}é"));
    assert_eq!(format!("{}e", fold(&ascii)), general);
    assert_eq!(fold(&ascii), ascii.to_ascii_lowercase());
    for name in ["O'Brien", "Smith-Jones", "JOHN.DOE@EXAMPLE.ORG", "", "x"] {
        assert_eq!(format!("{}e", fold(name)), fold(&format!("{name}É")));
        assert_eq!(fold(name), name.to_ascii_lowercase());
    }
}

#[test]
fn fold_into_appends_and_folding_is_per_character() {
    let mut out = String::from("keep:");
    fold_into("Núñez", &mut out);
    fold_into("ABC", &mut out);
    assert_eq!(out, "keep:nunezabc");
    let samples = [
        "Núñez",
        "Ærøskøbing",
        "Петрова",
        "Άννα ς",
        "王芳",
        "Straße",
        "İx",
        "Ǆ",
        "ﬃ",
    ];
    for a in samples {
        for b in samples {
            assert_eq!(fold(&format!("{a}{b}")), fold(a) + &fold(b), "{a} + {b}");
        }
    }
    // Folding is idempotent.
    for text in samples {
        assert_eq!(fold(&fold(text)), fold(text), "{text}");
    }
}

#[test]
fn every_code_point_folds_without_panic_to_something_stable() {
    let mut out = String::new();
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        out.clear();
        fold_into(c.encode_utf8(&mut [0; 4]), &mut out);
        assert!(out.chars().count() <= 3, "{c:?} folds to {out:?}");
        assert_eq!(fold(&out), out, "{c:?} folds to {out:?}, which is not stable");
    }
}

#[test]
fn store_round_trip_and_sizes() {
    let mut store = Folded::default();
    assert!(store.is_empty());
    let a = store.push("Núñez");
    let b = store.push("");
    let c = store.push("line\nbreak");
    let d = store.push("Петрова");
    assert_eq!((a, b, c, d), (0, 1, 2, 3));
    assert_eq!(store.get(a), "nunez");
    assert_eq!(store.get(b), "");
    assert_eq!(store.get(c), "line break");
    assert_eq!(store.get(d), "петрова");
    assert_eq!(store.get(4), "");
    assert_eq!(store.get(u32::MAX), "");
    assert_eq!(store.len(), 4);
    assert!(store.heap_bytes() >= "nunez\n\nline break\nпетрова\n".len() + 4 * 4);
    store.shrink_to_fit();
    assert_eq!(store.heap_bytes(), "nunez\n\nline break\nпетрова\n".len() + 4 * 4);
    assert_eq!(store.hits(&fold("line\nbreak")), vec![false, false, true, false]);
}

#[test]
fn store_hits_one_per_record_never_across_records() {
    let names = [
        "Anna Lee",
        "Joanna Annan",
        "Hannah",
        "lee",
        "Ann",
        "",
        "nna",
        "Petrová",
        "anna",
    ];
    let mut store = Folded::with_capacity(names.len(), 64);
    for name in names {
        store.push(name);
    }
    let expect = |needle: &str| -> Vec<bool> { names.iter().map(|n| finds(n, needle)).collect() };
    for needle in [
        "ann", "a", "lee", "nna", "an", "ANNA LEE", "petrova", "x", "ee", "aa", "h",
    ] {
        assert_eq!(store.hits(&fold(needle)), expect(needle), "{needle}");
    }
    // At the start and end of records.
    assert_eq!(
        store.hits("anna l"),
        vec![true, false, false, false, false, false, false, false, false]
    );
    assert_eq!(
        store.hits("nnan"),
        vec![false, true, false, false, false, false, false, false, false]
    );
    assert_eq!(
        store.hits("ova"),
        vec![false, false, false, false, false, false, false, true, false]
    );
    // Never across records: "lee" + "\n" + "ann" is not one record.
    assert_eq!(store.hits("leeann"), vec![false; names.len()]);
    assert_eq!(store.hits("ahlee"), vec![false; names.len()]);
    assert_eq!(store.hits("lee ann"), vec![false; names.len()]);
    // The empty needle is in every record, the empty one included.
    assert_eq!(store.hits(""), vec![true; names.len()]);
    assert_eq!(Folded::default().hits("a"), Vec::<bool>::new());
    assert_eq!(Folded::default().hits(""), Vec::<bool>::new());
}

#[test]
fn store_hits_many_records() {
    let mut store = Folded::default();
    let mut names = Vec::new();
    for i in 0..10_000u32 {
        let name = match i % 5 {
            0 => format!("Núñez {i}"),
            1 => format!("{i} Петрова"),
            2 => format!("núñez{i}núñez"),
            3 => format!("王芳 {i}"),
            _ => format!("{i}"),
        };
        store.push(&name);
        names.push(name);
    }
    for needle in ["nunez", "петров", "王", "12", "0 ", "ez1", "9", "z 9"] {
        let hits = store.hits(&fold(needle));
        let expected: Vec<bool> = names.iter().map(|n| finds(n, needle)).collect();
        assert_eq!(hits, expected, "{needle}");
    }
    assert_eq!(store.hits("nunez").iter().filter(|&&h| h).count(), 4_000);
}

/// Timing of folding and searching 1M names (`cargo test --release -- --ignored --nocapture`).
#[test]
#[ignore]
fn timing_one_million_names() {
    use std::time::Instant;
    let firsts = [
        "Anna",
        "José",
        "Núñez",
        "Петрова",
        "Nguyễn",
        "Łukasz",
        "John",
        "Mary",
        "Zoë",
        "Άννα",
    ];
    let lasts = [
        "Smith",
        "García",
        "Müller",
        "Иванов",
        "Trần",
        "O'Brien",
        "Kowalski",
        "Lee",
        "Dubois",
    ];
    let names: Vec<String> = (0..1_000_000usize)
        .map(|i| format!("{} {}", firsts[i % firsts.len()], lasts[(i / 7) % lasts.len()]))
        .collect();
    let ascii: Vec<String> = (0..1_000_000usize).map(|i| format!("John Smith{i:07}")).collect();
    for (label, names) in [("mixed", &names), ("ascii", &ascii)] {
        let started = Instant::now();
        let mut store = Folded::with_capacity(names.len(), names.iter().map(|n| n.len()).sum());
        for name in names.iter() {
            store.push(name);
        }
        let fold_time = started.elapsed();
        for needle in ["ann", "smi", "ива", "zzz"] {
            let started = Instant::now();
            let hits = store.hits(needle);
            let elapsed = started.elapsed();
            let count = hits.iter().filter(|&&h| h).count();
            println!("{label}: fold+push 1M in {fold_time:?}; hits({needle}) {count} in {elapsed:?}");
        }
    }
}

#[test]
fn occurs_in_finds_substrings_by_bytes() {
    assert!(occurs_in("иванова мария", "мари"));
    assert!(occurs_in("núñez", "ñe"));
    assert!(occurs_in("anything", ""));
    assert!(!occurs_in("", "a"));
    assert!(!occurs_in("ivanova", "ivanovaa"));
    assert!(!occurs_in("sales / berlin", "sales/"));
}

proptest! {
    /// What `str::contains` says, for any texts (the store's searches narrow with it).
    #[test]
    fn occurs_in_agrees_with_str_contains(haystack in "[a-cé ж]{0,12}", needle in "[a-cé ж]{0,4}") {
        prop_assert_eq!(occurs_in(&haystack, &needle), haystack.contains(needle.as_str()));
    }
}
