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

/// A page token that does not look like an offset: the offset mixed with a constant, in hex.
pub fn page_token(offset: usize) -> String {
    format!("{:016x}", (offset as u64) ^ TOKEN_MASK)
}

/// The offset a token stands for, if it is one of ours.
pub fn page_offset(token: &str) -> Option<usize> {
    if token.len() != 16 {
        return None;
    }
    let raw = u64::from_str_radix(token, 16).ok()?;
    usize::try_from(raw ^ TOKEN_MASK).ok()
}

const TOKEN_MASK: u64 = 0x5eed_c0de_1234_abcd;

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
    fn page_tokens_round_trip() {
        for offset in [0, 1, 1000, 199_000] {
            assert_eq!(page_offset(&page_token(offset)), Some(offset));
        }
        assert_eq!(page_offset("not-a-token"), None);
    }
}
