//! The department tree from `GET /departments`: names, paths ("Sales / EMEA / Berlin"), the
//! departments below a selected one, and facet counts that include sub-departments.
//!
//! Departments are indexed in the order first seen; parents are resolved to indices whenever
//! departments are added, so walking up the tree is index arithmetic. A parent that is unknown,
//! or a tree that is deeper than [`MAX_DEPTH`] or circular, is cut there.

use crate::ids::Interner;
use crate::related::Department;

/// Deepest department path followed (a deeper or circular tree is cut there).
pub const MAX_DEPTH: usize = 8;
/// "No department" in index columns.
pub const NO_DEPARTMENT: u32 = u32::MAX;

/// A department as a picker lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentOption {
    /// Index in the tree (as used by [`crate::query::Facets::departments`]).
    pub index: u32,
    /// `departmentId`.
    pub id: Box<str>,
    /// Its own name.
    pub name: Box<str>,
    /// "Sales / EMEA / Berlin".
    pub path: String,
    /// 0 for a top-level department.
    pub depth: usize,
}

/// Every department known, indexed.
#[derive(Debug, Clone, Default)]
pub struct DepartmentTree {
    /// `departmentId`s; their indices are the departments' indices.
    ids: Interner,
    names: Vec<Box<str>>,
    parent_ids: Vec<Option<Box<str>>>,
    /// Resolved `parent_ids` ([`NO_DEPARTMENT`] when none or unknown).
    parents: Vec<u32>,
}

impl DepartmentTree {
    /// Adds departments in any order; a department seen again is replaced.
    pub fn add(&mut self, departments: Vec<Department>) {
        for d in departments {
            let parent = d.parent_department_id.map(String::into_boxed_str);
            let i = self.ids.intern(d.department_id) as usize;
            if i < self.names.len() {
                self.names[i] = d.name.into_boxed_str();
                self.parent_ids[i] = parent;
            } else {
                self.names.push(d.name.into_boxed_str());
                self.parent_ids.push(parent);
            }
        }
        self.parents = self
            .parent_ids
            .iter()
            .map(|p| p.as_deref().and_then(|p| self.find(p)).unwrap_or(NO_DEPARTMENT))
            .collect();
    }

    /// How many departments are known.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// `true` when no department is known.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The index of department `id`.
    pub fn find(&self, id: &str) -> Option<u32> {
        self.ids.find(id)
    }

    /// `index` and the departments above it, nearest first, each once (at most
    /// [`MAX_DEPTH`]).
    pub fn ancestors(&self, index: u32) -> impl Iterator<Item = u32> {
        let mut chain = Vec::with_capacity(4);
        let mut current = index;
        while (current as usize) < self.ids.len() && chain.len() < MAX_DEPTH && !chain.contains(&current) {
            chain.push(current);
            current = self
                .parents
                .get(current as usize)
                .copied()
                .unwrap_or(NO_DEPARTMENT);
        }
        chain.into_iter()
    }

    /// "Sales / EMEA / Berlin" for the department at `index`.
    pub fn path(&self, index: u32) -> String {
        let mut names: Vec<&str> = self.ancestors(index).map(|i| &*self.names[i as usize]).collect();
        names.reverse();
        names.join(" / ")
    }

    /// The path of department `id`, if it is known.
    pub fn path_of(&self, id: &str) -> Option<String> {
        self.find(id).map(|i| self.path(i))
    }

    /// Every department in tree order (each followed by those below it, siblings by name).
    pub fn options(&self) -> Vec<DepartmentOption> {
        let mut options: Vec<(Vec<&str>, DepartmentOption)> = (0..self.len() as u32)
            .map(|index| {
                let mut key: Vec<&str> = self.ancestors(index).map(|i| &*self.names[i as usize]).collect();
                key.reverse();
                let option = DepartmentOption {
                    index,
                    id: self.ids.get(index).into(),
                    name: self.names[index as usize].clone(),
                    path: key.join(" / "),
                    depth: key.len() - 1,
                };
                (key, option)
            })
            .collect();
        crate::sorting::sort_by(&mut options, |(a, x), (b, y)| {
            a.cmp(b).then_with(|| x.id.cmp(&y.id))
        });
        options.into_iter().map(|(_, option)| option).collect()
    }

    /// Per department index: `true` when one of `ids` is it or above it.
    pub fn selection(&self, ids: &[String]) -> Vec<bool> {
        let chosen: Vec<u32> = ids.iter().filter_map(|id| self.find(id)).collect();
        (0..self.len() as u32)
            .map(|i| self.ancestors(i).any(|a| chosen.contains(&a)))
            .collect()
    }

    /// Totals per department index, each including every department below it, from counts
    /// per department index (`direct`).
    pub fn totals(&self, direct: &[u32]) -> Vec<u32> {
        let mut totals = vec![0u32; self.len()];
        for (i, &count) in direct.iter().enumerate().filter(|(_, &c)| c > 0) {
            for a in self.ancestors(i as u32) {
                totals[a as usize] += count;
            }
        }
        totals
    }

    /// Heap bytes held (estimated).
    pub fn heap_bytes(&self) -> usize {
        let names: usize = self.names.iter().map(|s| s.len()).sum();
        let parents: usize = self.parent_ids.iter().flatten().map(|s| s.len()).sum();
        self.ids.heap_bytes() + names + parents + self.len() * (2 * 16 + 4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn department(id: &str, name: &str, parent: Option<&str>) -> Department {
        Department {
            department_id: id.into(),
            name: name.into(),
            parent_department_id: parent.map(Into::into),
        }
    }

    fn tree() -> DepartmentTree {
        let mut tree = DepartmentTree::default();
        // Children before their parents, as an answer may list them.
        tree.add(vec![
            department("d-berlin", "Berlin", Some("d-emea")),
            department("d-paris", "Paris", Some("d-emea")),
            department("d-sales", "Sales", None),
        ]);
        tree.add(vec![
            department("d-emea", "EMEA", Some("d-sales")),
            department("d-hr", "HR", None),
        ]);
        tree
    }

    #[test]
    fn paths_resolve_parents_added_later() {
        let tree = tree();
        assert_eq!(tree.path_of("d-berlin").as_deref(), Some("Sales / EMEA / Berlin"));
        assert_eq!(tree.path_of("d-hr").as_deref(), Some("HR"));
        assert_eq!(tree.path_of("d-none"), None);
    }

    #[test]
    fn options_are_in_tree_order_with_depth() {
        let listed: Vec<(String, usize)> = tree()
            .options()
            .into_iter()
            .map(|o| (o.name.into(), o.depth))
            .collect();
        let expected = [("HR", 0), ("Sales", 0), ("EMEA", 1), ("Berlin", 2), ("Paris", 2)];
        assert_eq!(listed, expected.map(|(n, d)| (n.to_owned(), d)));
    }

    #[test]
    fn a_selection_includes_sub_departments() {
        let tree = tree();
        let selected = tree.selection(&["d-emea".to_owned(), "d-unknown".to_owned()]);
        let names: Vec<&str> = (0..tree.len())
            .filter(|&i| selected[i])
            .map(|i| &*tree.names[i])
            .collect();
        assert_eq!(names, ["Berlin", "Paris", "EMEA"]);
    }

    #[test]
    fn totals_include_every_department_below() {
        let tree = tree();
        let mut direct = vec![0; tree.len()];
        direct[tree.find("d-berlin").unwrap() as usize] = 3;
        direct[tree.find("d-paris").unwrap() as usize] = 2;
        direct[tree.find("d-sales").unwrap() as usize] = 1;
        let totals = tree.totals(&direct);
        let total = |id| totals[tree.find(id).unwrap() as usize];
        assert_eq!(
            [
                total("d-sales"),
                total("d-emea"),
                total("d-berlin"),
                total("d-hr")
            ],
            [6, 5, 3, 0]
        );
    }

    #[test]
    fn a_circular_or_replaced_tree_is_cut_not_followed_forever() {
        let mut tree = DepartmentTree::default();
        tree.add(vec![
            department("a", "A", Some("b")),
            department("b", "B", Some("a")),
        ]);
        assert_eq!(tree.path(0), "B / A");
        assert!(tree.selection(&["a".to_owned()]).iter().all(|&s| s));
        assert_eq!(tree.totals(&[1, 0]), [1, 1]);
        tree.add(vec![department("a", "Alpha", None)]);
        assert_eq!(tree.path_of("b").as_deref(), Some("Alpha / B"));
        assert_eq!(tree.len(), 2);
    }
}
