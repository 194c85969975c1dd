//! Looking up what the cards show beside IDs (people, course titles): which IDs to ask for, and
//! how. [`LookupCache`] remembers, for the life of a page, every ID asked for and what came back,
//! so no ID is asked for twice; [`LookupPlan`] turns the IDs still unknown into requests: by-ID
//! requests in batches, or a full paged listing of the resource when that takes fewer requests.
//!
//! Both are plain state machines: the browser side sends what they ask for and reports back.

use std::hash::Hash;

use crate::maps::{FastMap, FastSet};

/// Default number of IDs per by-ID request.
pub const DEFAULT_BATCH: usize = 50;
/// Items per page of a full listing: a page is read in one task, and 1,000 people or results
/// take about 10 ms (the service allows up to 10,000, which held the browser for ~60 ms).
pub const LISTING_PAGE: u32 = 1_000;

/// What is known about one ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry<T> {
    /// Asked for; the answer has not come yet.
    Pending,
    /// The service answered with this.
    Known(T),
    /// The service was asked and does not have it (or may not tell).
    Missing,
}

/// Everything learned about the IDs of one resource on one endpoint. Shared by the widgets of a
/// page; kept in memory only.
#[derive(Debug, Clone)]
pub struct LookupCache<K, T> {
    entries: FastMap<K, Entry<T>>,
}

impl<K, T> Default for LookupCache<K, T> {
    fn default() -> Self {
        LookupCache {
            entries: FastMap::default(),
        }
    }
}

impl<K: Eq + Hash + Clone, T> LookupCache<K, T> {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// What is known about `id` (`None`: never asked).
    pub fn get(&self, id: &K) -> Option<&Entry<T>> {
        self.entries.get(id)
    }

    /// The IDs of `wanted` that were never asked for, each once, in order; they are marked
    /// pending, so the next caller does not ask for them again.
    pub fn claim<'a>(&mut self, wanted: impl IntoIterator<Item = &'a K>) -> Vec<K>
    where
        K: 'a,
    {
        let mut claimed = Vec::new();
        for id in wanted {
            if !self.entries.contains_key(id) {
                self.entries.insert(id.clone(), Entry::Pending);
                claimed.push(id.clone());
            }
        }
        claimed
    }

    /// Records an answer for `id` (also for one nobody asked for: a full listing brings all).
    pub fn insert(&mut self, id: K, value: T) {
        self.entries.insert(id, Entry::Known(value));
    }

    /// Marks the still pending IDs of `asked` missing (the answer to them is complete).
    pub fn settle<'a>(&mut self, asked: impl IntoIterator<Item = &'a K>)
    where
        K: 'a,
    {
        for id in asked {
            if let Some(entry @ Entry::Pending) = self.entries.get_mut(id) {
                *entry = Entry::Missing;
            }
        }
    }

    /// Forgets the pending IDs of `asked` (their request failed: they may be asked for again).
    pub fn release<'a>(&mut self, asked: impl IntoIterator<Item = &'a K>)
    where
        K: 'a,
    {
        for id in asked {
            if matches!(self.entries.get(id), Some(Entry::Pending)) {
                self.entries.remove(id);
            }
        }
    }

    /// Number of IDs the cache knows anything about.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// `true` when nothing was asked yet.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The next request of a lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupRequest<K> {
    /// Ask for these IDs (`userIds[]=…`, `contentItemIds[]=…`).
    ById(Vec<K>),
    /// Ask for the next page of the full listing (`None`: the first page).
    ListPage(Option<String>),
}

/// Plans the requests that resolve a set of IDs, choosing by-ID batches or a full listing by
/// the number of requests.
///
/// By ID, `n` IDs take `⌈n / batch⌉` requests (sent up to four at a time). A full listing takes
/// one request per [`LISTING_PAGE`] items of the whole resource, however few are needed, in
/// sequence. The plan starts with the listing when more than two batches are needed and the
/// IDs make up a large part of the resource as far as it can tell (a whole-account load needs
/// nearly every learner and course), and after each listing page goes on listing only while one
/// more page is cheaper than the batches for what is still missing; it then asks for the rest
/// by ID. So a listing never costs more than a page beyond what batches would have.
#[derive(Debug, Clone)]
pub struct LookupPlan<K> {
    missing: FastSet<K>,
    /// By-ID batches still to send.
    queue: Vec<Vec<K>>,
    batch: usize,
    listing: Listing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Listing {
    /// Not used (or finished).
    Off,
    /// The next page to ask for.
    Next(Option<String>),
    /// A page is on its way.
    Waiting,
}

impl<K: Eq + Hash + Clone + Ord> LookupPlan<K> {
    /// A plan for `ids` (those the cache gave out), `batch` IDs per by-ID request, where the
    /// load is expected to need about `share` (0 to 1) of the resource's items: 1 for a whole
    /// account, less when the enrollments are limited to some learners or courses.
    pub fn new(ids: Vec<K>, batch: usize, share: f64) -> Self {
        let batch = batch.max(1);
        let batches = ids.len().div_ceil(batch);
        // The resource is about ids / share items: that many pages to list it all.
        let pages = if share > 0.0 {
            ((ids.len() as f64 / share.min(1.0)) / f64::from(LISTING_PAGE)).ceil() as usize
        } else {
            usize::MAX
        };
        let list = batches > 2 && pages.max(1) < batches;
        let mut plan = LookupPlan {
            missing: ids.iter().cloned().collect(),
            queue: Vec::new(),
            batch,
            listing: if list { Listing::Next(None) } else { Listing::Off },
        };
        if !list {
            plan.queue_by_id(ids);
        }
        plan
    }

    /// The next request to send, if any may go now: by-ID batches any time (the caller keeps
    /// at most four in flight), listing pages one after another.
    pub fn next_request(&mut self) -> Option<LookupRequest<K>> {
        if let Listing::Next(token) = &self.listing {
            let request = LookupRequest::ListPage(token.clone());
            self.listing = Listing::Waiting;
            return Some(request);
        }
        self.queue.pop().map(LookupRequest::ById)
    }

    /// Records that these IDs came back (from a batch or a listing page).
    pub fn found<'a>(&mut self, ids: impl IntoIterator<Item = &'a K>)
    where
        K: 'a,
    {
        for id in ids {
            self.missing.remove(id);
        }
    }

    /// Records that a by-ID batch was answered: its IDs that did not come back are missing for
    /// good.
    pub fn batch_done(&mut self, asked: &[K]) {
        for id in asked {
            self.missing.remove(id);
        }
    }

    /// Records a listing page's answer (after [`LookupPlan::found`] for its items): goes on
    /// listing while a page is cheaper than batches for what is still missing, else queues the
    /// rest by ID.
    pub fn page_done(&mut self, next_page_token: Option<String>) {
        let remaining = self.missing.len() - self.queued();
        match next_page_token {
            Some(token) if remaining > 0 && remaining.div_ceil(self.batch) > 1 => {
                self.listing = Listing::Next(Some(token));
            }
            Some(_) if remaining > 0 => {
                self.listing = Listing::Off;
                self.queue_missing();
            }
            // The whole listing was read: whatever was not in it does not exist.
            _ => {
                self.listing = Listing::Off;
                self.missing.clear();
                self.queue.clear();
            }
        }
    }

    /// Gives up on listing (its page failed): the rest goes by ID.
    pub fn listing_failed(&mut self) {
        if self.listing != Listing::Off {
            self.listing = Listing::Off;
            self.queue_missing();
        }
    }

    /// `true` when nothing is left to ask for (answers may still be on their way).
    pub fn is_drained(&self) -> bool {
        self.queue.is_empty() && matches!(self.listing, Listing::Off)
    }

    /// IDs neither found nor answered yet.
    pub fn missing(&self) -> usize {
        self.missing.len()
    }

    fn queued(&self) -> usize {
        self.queue.iter().map(Vec::len).sum()
    }

    fn queue_missing(&mut self) {
        let mut rest: Vec<K> = self.missing.iter().cloned().collect();
        crate::sorting::sort_by(&mut rest, Ord::cmp);
        self.queue_by_id(rest);
    }

    /// Queues `ids` in batches, to be sent in order.
    fn queue_by_id(&mut self, ids: Vec<K>) {
        let mut batches: Vec<Vec<K>> = ids.chunks(self.batch).map(<[K]>::to_vec).collect();
        batches.reverse();
        self.queue = batches;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<u32> {
        (0..n as u32).collect()
    }

    fn drain(plan: &mut LookupPlan<u32>) -> Vec<LookupRequest<u32>> {
        std::iter::from_fn(|| plan.next_request()).collect()
    }

    #[test]
    fn the_cache_hands_out_each_id_once() {
        let mut cache: LookupCache<u32, &str> = LookupCache::new();
        assert_eq!(cache.claim(&[1, 2, 3, 2]), vec![1, 2, 3]);
        assert!(
            cache.claim(&[1, 2, 3]).is_empty(),
            "pending IDs are not asked again"
        );
        cache.insert(1, "Helen");
        cache.settle(&[1, 2]);
        assert_eq!(cache.get(&1), Some(&Entry::Known("Helen")));
        assert_eq!(cache.get(&2), Some(&Entry::Missing));
        cache.release(&[3]);
        assert_eq!(cache.get(&3), None, "a failed request's IDs may be asked again");
        assert_eq!(cache.claim(&[3, 4]), vec![3, 4]);
    }

    #[test]
    fn few_ids_go_by_id_in_batches() {
        // Two batches never list; 120 of what looks like a 120,000-item resource go by ID.
        let mut plan = LookupPlan::new(ids(100), 50, 1.0);
        assert_eq!(drain(&mut plan).len(), 2);
        let mut plan = LookupPlan::new(ids(120), 50, 0.001);
        let requests = drain(&mut plan);
        let sizes: Vec<usize> = requests
            .iter()
            .map(|r| match r {
                LookupRequest::ById(batch) => batch.len(),
                LookupRequest::ListPage(_) => 0,
            })
            .collect();
        assert_eq!(sizes, [50, 50, 20], "three batches, in order");
        assert_eq!(requests[0], LookupRequest::ById(ids(50)));
        assert!(plan.is_drained());
        // The same 120 as a whole account: one listing page beats three batches.
        let mut plan = LookupPlan::new(ids(120), 50, 1.0);
        assert_eq!(drain(&mut plan), vec![LookupRequest::ListPage(None)]);
    }

    #[test]
    fn a_whole_account_is_listed() {
        // 10,000 learners needed: 200 batches, or one listing page.
        let mut plan = LookupPlan::new(ids(10_000), 50, 1.0);
        assert_eq!(plan.next_request(), Some(LookupRequest::ListPage(None)));
        assert_eq!(plan.next_request(), None, "pages go one after another");
        plan.found(&ids(10_000));
        plan.page_done(None);
        assert!(plan.is_drained());
        assert_eq!(plan.missing(), 0);
    }

    #[test]
    fn listing_stops_when_batches_become_cheaper() {
        // 30,000 learners needed of a 100,000-learner directory the widget thinks it mostly needs.
        let mut plan = LookupPlan::new(ids(30_000), 50, 0.9);
        assert_eq!(plan.next_request(), Some(LookupRequest::ListPage(None)));
        // The first page brings 29,960 of them; 40 remain: one batch beats another page.
        plan.found(&ids(29_960));
        plan.page_done(Some("p2".into()));
        let rest = drain(&mut plan);
        assert_eq!(rest, vec![LookupRequest::ById((29_960..30_000).collect())]);
        // With many still missing, it goes on listing.
        let mut plan = LookupPlan::new(ids(30_000), 50, 0.9);
        plan.next_request();
        plan.found(&ids(10_000));
        plan.page_done(Some("p2".into()));
        assert_eq!(
            plan.next_request(),
            Some(LookupRequest::ListPage(Some("p2".into())))
        );
    }

    #[test]
    fn a_small_share_of_a_large_resource_goes_by_id() {
        // 500 learners of what looks like a 100,000-learner directory: 10 batches beat 10 pages.
        let mut plan = LookupPlan::new(ids(500), 50, 0.005);
        assert!(matches!(plan.next_request(), Some(LookupRequest::ById(_))));
        // And an unknown share never lists.
        let mut plan = LookupPlan::new(ids(5_000), 50, 0.0);
        assert!(matches!(plan.next_request(), Some(LookupRequest::ById(_))));
    }

    #[test]
    fn a_failed_listing_falls_back_to_batches_and_a_complete_one_settles_the_rest() {
        let mut plan = LookupPlan::new(ids(1_000), 50, 1.0);
        assert_eq!(plan.next_request(), Some(LookupRequest::ListPage(None)));
        plan.listing_failed();
        assert_eq!(drain(&mut plan).len(), 20);

        let mut plan = LookupPlan::new(ids(1_000), 50, 1.0);
        plan.next_request();
        plan.found(&ids(990));
        plan.page_done(None);
        assert!(plan.is_drained(), "10 IDs the listing does not have do not exist");
        assert_eq!(plan.missing(), 0);
    }
}
