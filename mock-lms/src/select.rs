//! Which items a listing request covers, found without walking the account: a page of a
//! listing costs its own items (plus less than a [`BLOCK`] of enrollments drawn again to reach
//! the first), whatever the size of the account.
//!
//! - Without ID filters, the enrollments listed are all of them, in order, and page tokens carry
//!   the offset of the page's first item, so a page is a range of indices: drawn again from the
//!   checkpoint of its block ([`Account::enrollments`]).
//! - `/learners/results` lists only the enrollments with a result whose learner's status is
//!   asked for; the account keeps, per block, how many of those come before it (by learner
//!   status), so the block of a page's first result is found by a binary search, and only that
//!   block and the page are drawn.
//! - `learnerIds` and `courseIds` pick enrollments by where the generator puts them (learner
//!   `i % learners`, courses in turn from a per-learner offset), without drawing any: the work
//!   is proportional to the learners asked for (or, for courses alone, to the learners).
//! - `enrollmentIds` is the one filter that has to draw every candidate (all enrollments when it
//!   comes alone; none of the widget's requests sends it).
//! - `userIds` and `contentItemIds` are looked up by ID.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use crate::data::{status_slot, uuid_value_of, Account, MockEnrollment, Replay, BLOCK};
use crate::query::ListQuery;

/// The items a listing covers, in the order it lists them: indices into the account's
/// enrollments, learners or courses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Picked<'a> {
    /// All of `0..len`.
    All(usize),
    /// These, ascending.
    Only(Cow<'a, [u32]>),
}

impl Picked<'_> {
    /// How many items the listing has.
    pub(crate) fn len(&self) -> usize {
        match self {
            Picked::All(len) => *len,
            Picked::Only(items) => items.len(),
        }
    }

    /// The items at positions `range` of the listing.
    pub(crate) fn slice(&self, range: Range<usize>) -> Box<dyn Iterator<Item = usize> + '_> {
        match self {
            Picked::All(_) => Box::new(range),
            Picked::Only(items) => Box::new(items[range].iter().map(|&i| i as usize)),
        }
    }
}

/// The enrollments `/enrollment(s)` list for `q`'s `learnerIds`, `courseIds` and
/// `enrollmentIds` (all of them without those).
pub(crate) fn enrollments<'a>(account: &Account, q: &ListQuery) -> Picked<'a> {
    let n = account.enrollment_count();
    if q.learner_ids.is_empty() && q.course_ids.is_empty() && q.enrollment_ids.is_empty() {
        return Picked::All(n);
    }
    let (learner_count, course_count) = (account.learners.len(), account.courses.len());
    // Courses asked for, by index (`None`: any).
    let courses = (!q.course_ids.is_empty()).then(|| {
        let mut wanted = vec![false; course_count];
        for id in &q.course_ids {
            account.find_courses(id).for_each(|c| wanted[c] = true);
        }
        wanted
    });
    let course_ok = |i: usize| courses.as_ref().is_none_or(|wanted| wanted[account.course_of(i)]);
    let mut picked: Option<Vec<u32>> = None;
    if !q.learner_ids.is_empty() {
        // A learner's enrollments are every `learner_count`-th from theirs.
        let learners: HashSet<usize> = q
            .learner_ids
            .iter()
            .flat_map(|id| account.find_learners(id))
            .collect();
        let mut found: Vec<u32> = learners
            .into_iter()
            .flat_map(|l| (l..n).step_by(learner_count))
            .filter(|&i| course_ok(i))
            .map(|i| i as u32)
            .collect();
        found.sort_unstable();
        picked = Some(found);
    } else if let Some(wanted) = &courses {
        let wanted: Vec<usize> = (0..course_count).filter(|&c| wanted[c]).collect();
        let found = if learner_count.saturating_mul(wanted.len()) < n {
            // Each learner has each course at most once: in round `k` of their enrollments,
            // where `k + offset ≡ course` (mod the number of courses).
            let mut found: Vec<u32> = (0..learner_count)
                .flat_map(|l| {
                    let first = account.course_of(l);
                    wanted.iter().filter_map(move |&c| {
                        let round = (c + course_count - first) % course_count;
                        let i = l + round * learner_count;
                        (i < n).then_some(i as u32)
                    })
                })
                .collect();
            found.sort_unstable();
            found
        } else {
            (0..n).filter(|&i| course_ok(i)).map(|i| i as u32).collect()
        };
        picked = Some(found);
    }
    if !q.enrollment_ids.is_empty() {
        let ids: HashSet<u128> = q
            .enrollment_ids
            .iter()
            .filter_map(|id| uuid_value_of(id))
            .collect();
        let mut replay = Replay::new(account);
        let mut has_id = |i: usize| !ids.is_empty() && ids.contains(&replay.draw(i).id);
        picked = Some(match picked {
            Some(mut found) => {
                found.retain(|&i| has_id(i as usize));
                found
            }
            None => (0..n).filter(|&i| has_id(i)).map(|i| i as u32).collect(),
        });
    }
    Picked::Only(Cow::Owned(picked.unwrap_or_default()))
}

/// The enrollments `/learners/results` lists: those of `picked` with a result whose learner's
/// status is one of `statuses` (1, 3, 5).
pub(crate) struct Results<'a> {
    account: &'a Account,
    /// Learner statuses asked for, by tally slot.
    slots: [bool; 3],
    /// The results of all enrollments (counted by the account's tallies), or of these.
    only: Option<Vec<u32>>,
}

impl<'a> Results<'a> {
    pub(crate) fn new(account: &'a Account, picked: Picked<'_>, statuses: &[u8]) -> Results<'a> {
        let mut slots = [false; 3];
        statuses
            .iter()
            .filter_map(|&s| status_slot(s))
            .for_each(|s| slots[s] = true);
        let only = match picked {
            Picked::All(_) => None,
            Picked::Only(items) => {
                let mut replay = Replay::new(account);
                let wanted = |&i: &u32| {
                    let drawn = replay.draw(i as usize);
                    account.result_slot(&drawn.enrollment).is_some_and(|s| slots[s])
                };
                Some(items.iter().copied().filter(wanted).collect())
            }
        };
        Results { account, slots, only }
    }

    /// How many results the listing has.
    pub(crate) fn len(&self) -> usize {
        match &self.only {
            Some(items) => items.len(),
            None => self.before(self.account.blocks()),
        }
    }

    /// How many listed results come before block `block` (all of them for the number of
    /// blocks).
    fn before(&self, block: usize) -> usize {
        let tally = self.account.tally(block);
        (0..3).filter(|&s| self.slots[s]).map(|s| tally[s] as usize).sum()
    }

    /// The enrollments of the results at positions `range` of the listing.
    pub(crate) fn page(&self, range: Range<usize>) -> Vec<MockEnrollment> {
        if let Some(items) = &self.only {
            let items = items[range].iter().map(|&i| i as usize);
            return self.account.enrollments_at(items).collect();
        }
        let mut page = Vec::with_capacity(range.len());
        if range.is_empty() {
            return page;
        }
        // The block holding the first result of the page: the last one with at most
        // `range.start` results before it.
        let (mut block, mut after) = (0, self.account.blocks());
        while after - block > 1 {
            let middle = (block + after) / 2;
            match self.before(middle) <= range.start {
                true => block = middle,
                false => after = middle,
            }
        }
        let mut position = self.before(block);
        let mut replay = Replay::new(self.account);
        for i in block * BLOCK..self.account.enrollment_count() {
            let drawn = replay.draw(i);
            if !self
                .account
                .result_slot(&drawn.enrollment)
                .is_some_and(|s| self.slots[s])
            {
                continue;
            }
            if position >= range.start {
                page.push(drawn.finish());
                if page.len() == range.len() {
                    break;
                }
            }
            position += 1;
        }
        page
    }
}

/// The learners `/users/v2` lists for `q`'s `userIds` (all of them without).
pub(crate) fn users<'a>(account: &Account, q: &ListQuery) -> Picked<'a> {
    if q.user_ids.is_empty() {
        return Picked::All(account.learners.len());
    }
    let mut found: Vec<u32> = q
        .user_ids
        .iter()
        .flat_map(|id| account.find_learners(id))
        .map(|l| l as u32)
        .collect();
    found.sort_unstable();
    found.dedup();
    Picked::Only(Cow::Owned(found))
}

/// The courses `/contents` lists for `q`'s `contentItemIds` (all of them without), never the
/// linked copies.
pub(crate) fn contents<'a>(account: &'a Account, q: &ListQuery) -> Picked<'a> {
    if q.content_item_ids.is_empty() {
        return Picked::Only(Cow::Borrowed(account.listed_courses()));
    }
    let mut found: Vec<u32> = q
        .content_item_ids
        .iter()
        .flat_map(|id| account.find_courses(id))
        .filter(|&c| !account.courses[c].linked_copy)
        .map(|c| c as u32)
        .collect();
    found.sort_unstable();
    found.dedup();
    Picked::Only(Cow::Owned(found))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Dataset, GeneratorConfig, Sizes};
    use crate::query::admits;

    fn query(text: &str) -> ListQuery {
        ListQuery::parse(text)
    }

    /// `ids` of `items`, joined with `,`.
    fn list<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
        ids.into_iter().collect::<Vec<_>>().join(",")
    }

    /// Enrollments, results, learners and courses picked by ID filters are the ones a walk over
    /// the whole account keeps, in the same order: with learners, courses (both ways of finding
    /// them), enrollments, and their combinations.
    #[test]
    fn filters_pick_what_a_walk_over_the_account_keeps() {
        for (n, sizes) in [
            (3000, Sizes::default()),
            (
                3000,
                Sizes {
                    learners: Some(40),
                    courses: Some(90),
                },
            ),
        ] {
            let config = GeneratorConfig {
                seed: 3,
                enrollments: n,
                today: time::macros::date!(2026 - 11 - 26),
            };
            let data = Dataset::generate_with(config, sizes);
            let account = Account::generate_with(config, sizes);
            let learner = |i: usize| data.learners[i].id.as_str();
            let course = |i: usize| data.courses[i].id.as_str();
            let enrollment = |i: usize| data.enrollments[i].id.as_str();
            let all_courses = list((0..data.courses.len()).map(course));
            let queries = [
                String::new(),
                format!("learnerIds={}", list([learner(0), learner(7), learner(39)])),
                format!("learnerIds[]={}&learnerIds[]=nobody", learner(3)),
                "learnerIds=nobody".to_owned(),
                format!("courseIds={}", list([course(1), course(5)])),
                format!("courseIds={all_courses}"),
                format!(
                    "courseIds={}&learnerIds={}",
                    course(2),
                    list((0..40).map(learner))
                ),
                format!(
                    "enrollmentIds={}",
                    list([enrollment(5), enrollment(2999), enrollment(64)])
                ),
                format!(
                    "enrollmentIds={},{}&learnerIds={}",
                    enrollment(5),
                    enrollment(6),
                    learner(data.enrollments[6].learner)
                ),
                format!("enrollmentIds={}", enrollment(9).to_uppercase()),
                format!("userIds={},{},{},nobody", learner(9), learner(2), learner(9)),
                format!("contentItemIds={},{}", course(5), course(4)),
            ];
            for text in &queries {
                let q = query(text);
                let walk: Vec<u32> = (0..n)
                    .filter(|&i| {
                        let e = &data.enrollments[i];
                        admits(&q.learner_ids, &data.learners[e.learner].id)
                            && admits(&q.course_ids, &data.courses[e.course].id)
                            && admits(&q.enrollment_ids, &e.id)
                    })
                    .map(|i| i as u32)
                    .collect();
                let picked = enrollments(&account, &q);
                assert_eq!(
                    picked
                        .slice(0..picked.len())
                        .map(|i| i as u32)
                        .collect::<Vec<_>>(),
                    walk,
                    "{text}"
                );

                for statuses in [&[1][..], &[3, 5], &[1, 3, 5]] {
                    let results = Results::new(&account, enrollments(&account, &q), statuses);
                    let walked: Vec<&MockEnrollment> = walk
                        .iter()
                        .map(|&i| &data.enrollments[i as usize])
                        .filter(|e| e.result.is_some() && statuses.contains(&data.learners[e.learner].status))
                        .collect();
                    assert_eq!(results.len(), walked.len(), "{text} {statuses:?}");
                    for range in [0..walked.len(), 0..0, 1..4, 700..1300, 1000..1000] {
                        let range = range.start.min(walked.len())..range.end.min(walked.len());
                        let page = results.page(range.clone());
                        assert!(
                            page.iter().eq(walked[range.clone()].iter().copied()),
                            "{text} {statuses:?} {range:?}"
                        );
                    }
                }

                let users = users(&account, &q);
                let walked: Vec<usize> = (0..data.learners.len())
                    .filter(|&i| admits(&q.user_ids, learner(i)))
                    .collect();
                assert_eq!(users.slice(0..users.len()).collect::<Vec<_>>(), walked, "{text}");
                let contents = contents(&account, &q);
                let walked: Vec<usize> = (0..data.courses.len())
                    .filter(|&i| !data.courses[i].linked_copy && admits(&q.content_item_ids, course(i)))
                    .collect();
                assert_eq!(
                    contents.slice(0..contents.len()).collect::<Vec<_>>(),
                    walked,
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn a_results_page_draws_its_block_and_itself() {
        let config = GeneratorConfig {
            seed: 3,
            enrollments: 20_000,
            today: time::macros::date!(2026 - 11 - 26),
        };
        let account = Account::generate(config);
        let results = Results::new(&account, Picked::All(20_000), &[1, 3, 5]);
        for start in [0, 1, 5_000, results.len() - 100] {
            let before = account.drawn();
            let page = results.page(start..start + 100);
            assert_eq!(page.len(), 100);
            let drawn = (account.drawn() - before) as usize;
            assert!(
                drawn < BLOCK + 2 * 100,
                "{drawn} drawn for 100 results from {start}"
            );
        }
    }
}
