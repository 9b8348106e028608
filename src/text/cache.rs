//! A cache for work that depends only on a piece of text: what the last round of lookups
//! used is kept, the rest is dropped when the next round ends. The language server keeps
//! one per open document, so the cache holds the pieces of the document as it is, not every
//! version typed.

use rustc_hash::FxHashMap;

/// The key of a piece of text: a 64-bit hash of it (and of what else the value depends on)
/// with its length.
pub type Key = (u64, usize);

/// The hash and length of a text.
pub fn key_of(text: &str) -> Key {
    use std::hash::BuildHasher;
    (rustc_hash::FxBuildHasher.hash_one(text), text.len())
}

/// Values by [`Key`], kept for one round after their last use.
#[derive(Debug)]
pub struct Recent<V> {
    /// Used in this round.
    now: FxHashMap<Key, V>,
    /// Used in the round before, not yet in this one.
    before: FxHashMap<Key, V>,
}

impl<V> Default for Recent<V> {
    fn default() -> Self {
        Recent {
            now: FxHashMap::default(),
            before: FxHashMap::default(),
        }
    }
}

impl<V: Clone> Recent<V> {
    /// The value of `key`, made by `make` when this round and the one before did not use it.
    pub fn get_or_insert_with(&mut self, key: Key, make: impl FnOnce() -> V) -> V {
        if let Some(v) = self.now.get(&key) {
            return v.clone();
        }
        let v = self.before.remove(&key).unwrap_or_else(make);
        self.now.insert(key, v.clone());
        v
    }

    /// End a round: what it did not use is dropped at the end of the next one.
    pub fn end_round(&mut self) {
        self.before = std::mem::take(&mut self.now);
    }

    /// Forget everything.
    pub fn clear(&mut self) {
        self.now.clear();
        self.before.clear();
    }

    /// How many values are kept.
    pub fn len(&self) -> usize {
        self.now.len() + self.before.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_the_last_round_used() {
        let mut c: Recent<usize> = Recent::default();
        let mut made = 0;
        for text in ["one", "two", "one"] {
            c.get_or_insert_with(key_of(text), || {
                made += 1;
                text.len()
            });
        }
        assert_eq!(made, 2);
        c.end_round();
        assert_eq!(c.len(), 2);
        // The next round uses "two" only: "one" is gone after it.
        c.get_or_insert_with(key_of("two"), || unreachable!());
        c.end_round();
        assert_eq!(c.len(), 1);
        c.get_or_insert_with(key_of("one"), || {
            made += 1;
            0
        });
        assert_eq!(made, 3);
    }
}
