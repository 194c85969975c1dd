//! Query-string parameters the service understands: ID filters in both spellings and paging.

use std::collections::HashSet;

/// Parsed query string of a list request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// `learnerIds[]=…` (repeated) or `learnerIds=a,b`.
    pub learner_ids: HashSet<String>,
    /// `courseIds[]=…` or `courseIds=a,b`.
    pub course_ids: HashSet<String>,
    /// `enrollmentIds[]=…` or `enrollmentIds=a,b`.
    pub enrollment_ids: HashSet<String>,
    /// `userIds[]` (users endpoint).
    pub user_ids: HashSet<String>,
    /// `contentItemIds[]` (contents endpoint).
    pub content_item_ids: HashSet<String>,
    /// `userStatuses[]=1&userStatuses[]=3` or `userStatuses=1,3` (results endpoint).
    pub user_statuses: HashSet<String>,
    /// `pageSize`, if given.
    pub page_size: Option<String>,
    /// `pageToken`, if given.
    pub page_token: Option<String>,
}

impl ListQuery {
    /// Parses a raw (still percent-encoded) query string.
    pub fn parse(raw: &str) -> ListQuery {
        let mut q = ListQuery::default();
        for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
            let key = key.strip_suffix("[]").unwrap_or(&key);
            let set = match key {
                "learnerIds" => &mut q.learner_ids,
                "courseIds" => &mut q.course_ids,
                "enrollmentIds" => &mut q.enrollment_ids,
                "userIds" => &mut q.user_ids,
                "contentItemIds" => &mut q.content_item_ids,
                "userStatuses" => &mut q.user_statuses,
                "pageSize" => {
                    q.page_size = Some(value.into_owned());
                    continue;
                }
                "pageToken" => {
                    q.page_token = Some(value.into_owned()).filter(|t| !t.is_empty());
                    continue;
                }
                _ => continue,
            };
            set.extend(
                value
                    .split(',')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_owned),
            );
        }
        q
    }
}

/// `true` when `set` is empty (no filter) or holds `id`.
pub fn admits(set: &HashSet<String>, id: &str) -> bool {
    set.is_empty() || set.contains(id)
}

/// What a page token stands for: the page's number (1 is the first page) and the offset of its
/// first item. Written as 16 hex digits, `(page << 40 | offset) ^ mask`, so tokens look opaque;
/// pages wrap at 2^24 and offsets at 2^40.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageToken {
    /// Page number; 0 in tokens made by [`page_token`], which know only the offset.
    pub page: u32,
    /// Offset of the page's first item.
    pub offset: usize,
}

impl PageToken {
    /// The token text.
    pub fn encode(self) -> String {
        let raw = (u64::from(self.page) << OFFSET_BITS) | (self.offset as u64 & OFFSET_MASK);
        format!("{:016x}", raw ^ TOKEN_MASK)
    }

    /// What `token` stands for, if it is one of ours.
    pub fn decode(token: &str) -> Option<PageToken> {
        if token.len() != 16 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let raw = u64::from_str_radix(token, 16).ok()? ^ TOKEN_MASK;
        Some(PageToken {
            page: u32::try_from(raw >> OFFSET_BITS).ok()?,
            offset: usize::try_from(raw & OFFSET_MASK).ok()?,
        })
    }
}

/// A token for the page starting at `offset`, without a page number (for tests that build
/// listings themselves; the server writes [`PageToken`]s with numbers).
pub fn page_token(offset: usize) -> String {
    PageToken { page: 0, offset }.encode()
}

/// The offset a token stands for, if it is one of ours.
pub fn page_offset(token: &str) -> Option<usize> {
    PageToken::decode(token).map(|t| t.offset)
}

const TOKEN_MASK: u64 = 0x5eed_c0de_1234_abcd;
const OFFSET_BITS: u32 = 40;
const OFFSET_MASK: u64 = (1 << OFFSET_BITS) - 1;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_filter_spellings_and_encoded_brackets() {
        let q = ListQuery::parse("learnerIds%5B%5D=a&learnerIds[]=b&courseIds=c,d&pageSize=50&pageToken=");
        assert_eq!(q.learner_ids, HashSet::from(["a".to_owned(), "b".to_owned()]));
        assert_eq!(q.course_ids, HashSet::from(["c".to_owned(), "d".to_owned()]));
        assert_eq!(q.page_size.as_deref(), Some("50"));
        assert_eq!(q.page_token, None);
    }

    #[test]
    fn user_statuses_in_both_spellings() {
        let expected = HashSet::from(["1".to_owned(), "3".to_owned(), "5".to_owned()]);
        let repeated = ListQuery::parse("userStatuses[]=1&userStatuses%5B%5D=3&userStatuses[]=5");
        assert_eq!(repeated.user_statuses, expected);
        assert_eq!(ListQuery::parse("userStatuses=1,3,5").user_statuses, expected);
        assert_eq!(ListQuery::parse("userStatuses=1%2C3%2C5").user_statuses, expected);
    }

    #[test]
    fn page_tokens_round_trip() {
        for offset in [0, 1, 1000, 199_000] {
            assert_eq!(page_offset(&page_token(offset)), Some(offset));
        }
        assert_eq!(page_offset("not-a-token"), None);
        assert_eq!(page_offset("+123456789abcdef"), None);
    }

    #[test]
    fn page_tokens_carry_page_numbers() {
        for (page, offset) in [(1, 0), (2, 10), (7, 60), (200_000, 199_999)] {
            let token = PageToken { page, offset }.encode();
            assert_eq!(token.len(), 16);
            assert!(token.bytes().all(|b| b.is_ascii_hexdigit()), "{token}");
            assert_eq!(PageToken::decode(&token), Some(PageToken { page, offset }));
        }
        assert_ne!(
            PageToken { page: 2, offset: 10 }.encode(),
            PageToken { page: 3, offset: 10 }.encode()
        );
        assert_eq!(
            PageToken::decode(&page_token(5)),
            Some(PageToken { page: 0, offset: 5 })
        );
    }
}
