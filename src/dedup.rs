//! Order-preserving deduplication by hash: a list of distinct values in order of first
//! appearance, with a hash index beside it so that a membership test costs O(1) instead of a
//! scan of the list (a scan per item is quadratic on a text full of entities).

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;

/// Distinct keys in order of first insertion, each with the position it was first seen at.
#[derive(Debug, Clone)]
pub struct Index<K> {
    pos: HashMap<K, usize>,
}

impl<K> Default for Index<K> {
    fn default() -> Self {
        Index {
            pos: HashMap::new(),
        }
    }
}

impl<K: Hash + Eq> Index<K> {
    /// The position of `key`, inserting it at `next` when it is new: `Err(next)` for a new key,
    /// `Ok(i)` for one first seen at `i`.
    pub fn get_or_insert(&mut self, key: K, next: usize) -> Result<usize, usize> {
        match self.pos.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Ok(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(next);
                Err(next)
            }
        }
    }
}

/// A list of distinct values in order of first appearance.
#[derive(Debug, Clone)]
pub struct Unique<T> {
    list: Vec<T>,
    seen: std::collections::HashSet<T>,
}

impl<T> Default for Unique<T> {
    fn default() -> Self {
        Unique {
            list: Vec::new(),
            seen: std::collections::HashSet::new(),
        }
    }
}

impl<T: Hash + Eq + Clone> Unique<T> {
    /// Start from `list` (deduplicated, keeping first occurrences).
    pub fn from_vec(list: Vec<T>) -> Self {
        let mut u = Unique::default();
        for v in list {
            u.push(v);
        }
        u
    }

    /// Append `v` unless it is there already; whether it was appended.
    pub fn push(&mut self, v: T) -> bool {
        if self.seen.contains(&v) {
            return false;
        }
        self.seen.insert(v.clone());
        self.list.push(v);
        true
    }

    /// Append every value of `it` that is not there yet.
    pub fn extend(&mut self, it: impl IntoIterator<Item = T>) {
        for v in it {
            self.push(v);
        }
    }

    pub fn contains<Q>(&self, v: &Q) -> bool
    where
        T: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.seen.contains(v)
    }

    pub fn as_slice(&self) -> &[T] {
        &self.list
    }

    pub fn into_vec(self) -> Vec<T> {
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_first_occurrences_in_order() {
        let mut u = Unique::from_vec(vec!["b", "a", "b"]);
        assert!(u.push("c"));
        assert!(!u.push("a"));
        u.extend(["d", "c", "e"]);
        assert_eq!(u.as_slice(), ["b", "a", "c", "d", "e"]);
        assert!(u.contains("d") && !u.contains("z"));
        let mut ix = Index::default();
        assert_eq!(ix.get_or_insert("x", 0), Err(0));
        assert_eq!(ix.get_or_insert("y", 1), Err(1));
        assert_eq!(ix.get_or_insert("x", 2), Ok(0));
        assert_eq!(ix.get_or_insert("y", 3), Ok(1));
    }
}
