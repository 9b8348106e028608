//! A cache for work that depends only on a piece of text: what the last round of lookups
//! used is kept, the rest is dropped when the round ends. The language server keeps
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

/// Values by [`Key`], kept until a round ends without using them.
#[derive(Debug)]
pub struct Recent<V> {
    /// Each value with the last round that used it.
    map: FxHashMap<Key, (V, u64)>,
    round: u64,
}

impl<V> Default for Recent<V> {
    fn default() -> Self {
        Recent {
            map: FxHashMap::default(),
            round: 0,
        }
    }
}

impl<V: Clone> Recent<V> {
    /// The value of `key`, made by `make` when no round since it was dropped made it.
    pub fn get_or_insert_with(&mut self, key: Key, make: impl FnOnce() -> V) -> V {
        let round = self.round;
        let e = self.map.entry(key).or_insert_with(|| (make(), round));
        e.1 = round;
        e.0.clone()
    }

    /// End a round: what it did not use is dropped.
    pub fn end_round(&mut self) {
        let round = self.round;
        self.map.retain(|_, v| v.1 == round);
        self.round += 1;
    }

    /// Forget everything.
    pub fn clear(&mut self) {
        self.map.clear();
    }

    /// How many values are kept.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
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
