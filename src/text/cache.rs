//! A cache for work that depends only on a piece of text: what the last round of lookups
//! used is kept, the rest is dropped when the round ends. The language server keeps
//! one per open document, so the cache holds the pieces of the document as it is, not every
//! version typed.

use std::collections::HashMap;
use std::hash::BuildHasher;

/// Values by the text they were made from and a salt (a hash of what else the value depends
/// on), kept until a round ends without using them. A value is found by a 64-bit hash of its
/// text and salt, then given only if its text and salt are the ones asked for: two texts
/// whose hashes collide (FxHash is fast, not proof against a crafted document) never share
/// a value.
#[derive(Debug)]
pub struct Recent<V, S = rustc_hash::FxBuildHasher> {
    map: HashMap<u64, Kept<V>, rustc_hash::FxBuildHasher>,
    hasher: S,
    round: u64,
}

#[derive(Debug)]
struct Kept<V> {
    text: Box<str>,
    salt: u64,
    value: V,
    /// The last round that used it.
    round: u64,
}

impl<V, S: Default> Default for Recent<V, S> {
    fn default() -> Self {
        Recent {
            map: HashMap::default(),
            hasher: S::default(),
            round: 0,
        }
    }
}

impl<V: Clone, S: BuildHasher> Recent<V, S> {
    /// The value of `text` with `salt`, made by `make` when no round since it was dropped
    /// made it.
    pub fn get_or_insert_with(&mut self, text: &str, salt: u64, make: impl FnOnce() -> V) -> V {
        if let Some(v) = self.get(text, salt) {
            return v;
        }
        let value = make();
        self.insert(text, salt, value.clone());
        value
    }

    /// The value of `text` with `salt`, if a round since it was dropped made it (it is kept
    /// for this round).
    pub fn get(&mut self, text: &str, salt: u64) -> Option<V> {
        let round = self.round;
        let key = self.hasher.hash_one((salt, text));
        let k = self.map.get_mut(&key)?;
        if k.salt != salt || *k.text != *text {
            return None;
        }
        k.round = round;
        Some(k.value.clone())
    }

    /// Keep `value` as the value of `text` with `salt`, for this round.
    pub fn insert(&mut self, text: &str, salt: u64, value: V) {
        let key = self.hasher.hash_one((salt, text));
        let kept = Kept {
            text: text.into(),
            salt,
            value,
            round: self.round,
        };
        self.map.insert(key, kept);
    }

    /// End a round: what it did not use is dropped.
    pub fn end_round(&mut self) {
        let round = self.round;
        self.map.retain(|_, v| v.round == round);
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
            c.get_or_insert_with(text, 0, || {
                made += 1;
                text.len()
            });
        }
        assert_eq!(made, 2);
        c.end_round();
        assert_eq!(c.len(), 2);
        // The next round uses "two" only: "one" is gone after it.
        c.get_or_insert_with("two", 0, || unreachable!());
        c.end_round();
        assert_eq!(c.len(), 1);
        c.get_or_insert_with("one", 0, || {
            made += 1;
            0
        });
        assert_eq!(made, 3);
    }

    /// A hasher under which every text collides.
    #[derive(Default)]
    struct Collide;

    impl BuildHasher for Collide {
        type Hasher = Zero;
        fn build_hasher(&self) -> Zero {
            Zero
        }
    }

    struct Zero;

    impl std::hash::Hasher for Zero {
        fn finish(&self) -> u64 {
            0
        }
        fn write(&mut self, _: &[u8]) {}
    }

    #[test]
    fn texts_whose_hashes_collide_never_share_a_value() {
        let mut c: Recent<String, Collide> = Recent::default();
        for text in ["one", "two", "one", "two"] {
            assert_eq!(c.get_or_insert_with(text, 0, || text.to_string()), text);
        }
        assert_eq!(c.get_or_insert_with("one", 1, || "salted".into()), "salted");
        assert_eq!(c.get_or_insert_with("one", 0, || "one".into()), "one");
    }
}
