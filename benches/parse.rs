//! Parser throughput on generated documents of 1k, 10k and 100k enrollments (the ones `make bench`
//! parses in the browser), the store's append, search and chip filter at 100k, and the learner
//! picker's list at 100,000 learners (the million-enrollment account's).
//!
//! `cargo bench --bench parse` (or `make bench-native`).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use enrollment_cards::core::fold::fold;
use enrollment_cards::core::parse::parse_users;
use enrollment_cards::core::picker_options::{picker_options, PickerKind};
use enrollment_cards::{parse_enrollments, EnrollmentStore, Filter, Sort, Status, StatusRules};
use mock_lms::xml::{self, Listing};
use mock_lms::{Dataset, GeneratorConfig, Sizes};
use time::macros::date;

fn document(n: usize) -> String {
    let data = Dataset::generate(GeneratorConfig {
        seed: 42,
        enrollments: n,
        today: date!(2026 - 11 - 26),
    });
    xml::enrollments(&data, data.enrollments.iter(), Listing::Unpaged)
}

/// The sizes `make bench` compares with the same documents parsed in the browser.
const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    for n in SIZES {
        let xml = document(n);
        group.throughput(Throughput::Bytes(xml.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &xml, |b, xml| {
            b.iter(|| parse_enrollments(std::hint::black_box(xml)).map(|page| page.enrollments.len()))
        });
    }
    group.finish();

    let xml = document(100_000);
    let enrollments = parse_enrollments(&xml).map(|p| p.enrollments).unwrap_or_default();
    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    group.bench_function("append 100k", |b| {
        b.iter(|| {
            let mut store = EnrollmentStore::new(StatusRules::new(date!(2026 - 11 - 26)));
            store.append(enrollments.clone());
            store.len()
        })
    });
    let mut store = EnrollmentStore::new(StatusRules::new(date!(2026 - 11 - 26)));
    store.append(enrollments.clone());
    let mut keystroke = 0usize;
    // More distinct texts than the store remembers, so every iteration searches afresh.
    let texts = ["4a", "b7", "e1", "0f", "9c", "d2", "3e", "a8"];
    group.bench_function("search keystroke 100k", |b| {
        b.iter(|| {
            keystroke += 1;
            let text = texts[keystroke % texts.len()];
            store
                .query(
                    &Filter {
                        text: text.into(),
                        ..Filter::default()
                    },
                    Sort::default(),
                )
                .len()
        })
    });
    group.bench_function("status chip 100k", |b| {
        b.iter(|| {
            keystroke += 1;
            let filter = Filter::default().with_status(if keystroke.is_multiple_of(2) {
                Status::Overdue
            } else {
                Status::Active
            });
            store.query(&filter, Sort::default()).len()
        })
    });
    group.finish();
}

/// The learner picker opened, then searched, at 100,000 learners with names: 300,000 enrollments
/// (a million hold the same learners, ten courses each; the list depends on the learners).
fn picker(c: &mut Criterion) {
    let config = GeneratorConfig {
        seed: 42,
        enrollments: 300_000,
        today: date!(2026 - 11 - 26),
    };
    let sizes = Sizes {
        learners: Some(100_000),
        courses: Some(200),
    };
    let data = Dataset::generate_with(config, sizes);
    let mut store = EnrollmentStore::new(StatusRules::new(config.today));
    let xml = xml::enrollments(&data, data.enrollments.iter(), Listing::Unpaged);
    store.append(parse_enrollments(&xml).map(|p| p.enrollments).unwrap_or_default());
    drop(xml);
    let paged = Listing::Paged {
        wrapper: "userProfiles",
        next_page_token: None,
    };
    let users = xml::users(&data, 0..data.learners.len(), paged);
    store.add_people(parse_users(&users).map(|p| p.items).unwrap_or_default());
    let counts = store.query(&Filter::default(), Sort::default()).facets.learners;
    let mut group = c.benchmark_group("learner picker");
    group.sample_size(10);
    for (name, needle) in [("opened", String::new()), ("searched", fold("an"))] {
        group.bench_function(format!("{name}, 100k learners"), |b| {
            b.iter(|| picker_options(&store, PickerKind::Learner, &needle, &counts, &[], 60).found)
        });
    }
    group.finish();
}

criterion_group!(benches, parse, picker);
criterion_main!(benches);
