//! A flat byte layout for the index: little-endian numbers, length-prefixed strings and
//! open-addressing hash tables of byte keys, written once and read in place (from memory
//! or from a mapped file) without building anything.
//!
//! Every read is checked against the bytes it reads from: a position past the end gives
//! `None`, never a panic, and every probe loop is bounded by the table's size, so bytes that
//! are not what the writer wrote cost a wrong answer at worst (a compiled index is checked
//! by its checksum before anything reads it: see `compiled.rs`).

use std::hash::Hasher;
use std::sync::Arc;

/// Bytes an index reads in place: a buffer in memory, or a mapped file.
pub trait Bytes: Send + Sync {
    fn bytes(&self) -> &[u8];
    /// Nothing in `range` is needed for now: a mapped file's pages there may leave the
    /// process's memory (they are read again from the file when used). A buffer keeps them.
    fn release(&self, _range: std::ops::Range<usize>) {}
}

impl Bytes for Vec<u8> {
    fn bytes(&self) -> &[u8] {
        self
    }
}

/// Bytes shared by an index and whoever holds them.
pub type Shared = Arc<dyn Bytes>;

/// The hash of a key in every table of the layout.
pub fn key_hash(key: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(key);
    h.write_u8(0xff);
    h.finish()
}

/// Writes numbers and strings one after another.
#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// A string (or any bytes) with its length first.
    pub fn bytes(&mut self, s: &[u8]) {
        self.u64(s.len() as u64);
        self.buf.extend_from_slice(s);
    }
    /// A short string with its length first, as a `u32` (keys, names: never 4 GB).
    pub fn str32(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    /// Sections one after another, each with its length first.
    pub fn sections(&mut self, sections: &[&[u8]]) {
        for s in sections {
            self.bytes(s);
        }
    }
}

/// Reads what a [`Writer`] wrote, from a position; `None` past the end.
#[derive(Clone, Copy)]
pub struct Cursor<'a> {
    pub bytes: &'a [u8],
    pub at: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(bytes: &'a [u8]) -> Cursor<'a> {
        Cursor { bytes, at: 0 }
    }
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.slice(N)?.try_into().ok()
    }
    pub fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|b| b[0])
    }
    pub fn u16(&mut self) -> Option<u16> {
        self.take().map(u16::from_le_bytes)
    }
    pub fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }
    pub fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }
    /// The next `n` bytes.
    fn slice(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
    /// Bytes written with [`Writer::bytes`].
    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = usize::try_from(self.u64()?).ok()?;
        self.slice(n)
    }
    pub fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }
    /// Bytes written with a `u32` length first ([`Writer::str32`]).
    pub fn bytes32(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.slice(n)
    }
    pub fn str32(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes32()?).ok()
    }
    /// The ranges of `n` sections written with [`Writer::sections`], as positions in the
    /// cursor's bytes.
    pub fn sections(&mut self, n: usize) -> Option<Vec<std::ops::Range<usize>>> {
        (0..n)
            .map(|_| {
                let s = self.bytes()?;
                Some(self.at - s.len()..self.at)
            })
            .collect()
    }
}

/// The number at `i` of an array of `u32`s.
pub fn u32_at(bytes: &[u8], i: usize) -> Option<u32> {
    Cursor {
        bytes,
        at: i.checked_mul(4)?,
    }
    .u32()
}

/// The number at `i` of an array of `u64`s.
pub fn u64_at(bytes: &[u8], i: usize) -> Option<u64> {
    Cursor {
        bytes,
        at: i.checked_mul(8)?,
    }
    .u64()
}

/// Item `i` of a list laid out as the positions of its items (`u64`s, one more than
/// items) and their bytes one after another ([`Items`]).
pub fn item<'a>(at: &[u8], text: &'a [u8], i: usize) -> Option<&'a [u8]> {
    let from = usize::try_from(u64_at(at, i)?).ok()?;
    let to = usize::try_from(u64_at(at, i.checked_add(1)?)?).ok()?;
    text.get(from..to)
}

/// Writes a list for [`item`]: the positions, and the items' bytes.
#[derive(Default)]
pub struct Items {
    pub at: Writer,
    pub text: Vec<u8>,
}

impl Items {
    /// The next item starts here.
    pub fn start(&mut self) -> &mut Vec<u8> {
        self.at.u64(self.text.len() as u64);
        &mut self.text
    }
    /// The positions and the bytes.
    pub fn finish(mut self) -> (Vec<u8>, Vec<u8>) {
        self.at.u64(self.text.len() as u64);
        (self.at.buf, self.text)
    }
}

/// Records of `(u64 key, u32 value)`, sorted by key: the first position whose key is not
/// below `key` (a binary search over the bytes).
pub fn lower_bound(records: &[u8], key: u64) -> usize {
    let n = records.len() / RECORD;
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if record(records, mid).is_some_and(|(k, _)| k < key) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The size of a `(u64, u32)` record.
pub const RECORD: usize = 12;

/// The record at `i`.
pub fn record(records: &[u8], i: usize) -> Option<(u64, u32)> {
    let mut c = Cursor {
        bytes: records,
        at: i.checked_mul(RECORD)?,
    };
    Some((c.u64()?, c.u32()?))
}

/// Write records, which must be sorted by key.
pub fn write_records(records: &[(u64, u32)]) -> Vec<u8> {
    let mut w = Writer::default();
    for &(k, v) in records {
        w.u64(k);
        w.u32(v);
    }
    w.buf
}

/// The values of the records with `key`.
pub fn records_with(records: &[u8], key: u64) -> impl Iterator<Item = u32> + '_ {
    (lower_bound(records, key)..records.len() / RECORD).map_while(move |i| {
        record(records, i)
            .filter(|&(k, _)| k == key)
            .map(|(_, v)| v)
    })
}

/// An open-addressing hash table of byte keys, each with a `u32` value:
/// `[slots: u64][slot; slots]` then the keys, each with its length. A slot is
/// `[hash: u64][key: u32, 1 + its position among the keys' bytes, 0 when empty][value: u32]`;
/// the number of slots is a power of two, at least twice the number of keys plus one.
pub struct KeyMapWriter;

const SLOT: usize = 16;

impl KeyMapWriter {
    /// Lay out `entries` (distinct keys).
    pub fn write<'k>(entries: impl ExactSizeIterator<Item = (&'k [u8], u32)>) -> Vec<u8> {
        let slots = (entries.len() * 2 + 1).next_power_of_two();
        let mut table = vec![0u8; slots * SLOT];
        let mut keys = Writer::default();
        let mask = slots - 1;
        for (key, value) in entries {
            let h = key_hash(key);
            let mut i = (h as usize) & mask;
            while table[i * SLOT + 8..i * SLOT + 12] != [0; 4] {
                i = (i + 1) & mask;
            }
            let at = keys.buf.len() as u32 + 1;
            keys.u32(key.len() as u32);
            keys.buf.extend_from_slice(key);
            let slot = &mut table[i * SLOT..(i + 1) * SLOT];
            slot[..8].copy_from_slice(&h.to_le_bytes());
            slot[8..12].copy_from_slice(&at.to_le_bytes());
            slot[12..].copy_from_slice(&value.to_le_bytes());
        }
        let mut w = Writer::default();
        w.u64(slots as u64);
        w.buf.extend_from_slice(&table);
        w.buf.extend_from_slice(&keys.buf);
        w.buf
    }
}

/// A [`KeyMapWriter`]'s table, read in place.
#[derive(Clone, Copy)]
pub struct KeyMap<'a> {
    slots: &'a [u8],
    keys: &'a [u8],
}

impl<'a> KeyMap<'a> {
    /// The table at the start of `bytes`; an empty table where they hold none.
    pub fn new(bytes: &'a [u8]) -> KeyMap<'a> {
        let empty = KeyMap {
            slots: &[],
            keys: &[],
        };
        let mut c = Cursor::new(bytes);
        let Some(n) = c.u64().and_then(|n| usize::try_from(n).ok()) else {
            return empty;
        };
        let Some(end) = n.checked_mul(SLOT).and_then(|s| s.checked_add(8)) else {
            return empty;
        };
        match (bytes.get(8..end), bytes.get(end..)) {
            (Some(slots), Some(keys)) if n.is_power_of_two() => KeyMap { slots, keys },
            _ => empty,
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &[u8]) -> Option<u32> {
        self.get_hashed(key, key_hash(key))
    }

    /// [`KeyMap::get`] with the key's [`key_hash`] already made (one hash for several maps).
    pub fn get_hashed(&self, key: &[u8], h: u64) -> Option<u32> {
        let n = self.slots.len() / SLOT;
        if n == 0 {
            return None;
        }
        let mask = n - 1;
        let mut i = (h as usize) & mask;
        for _ in 0..n {
            let mut c = Cursor {
                bytes: self.slots,
                at: i * SLOT,
            };
            let (hash, at, value) = (c.u64()?, c.u32()?, c.u32()?);
            if at == 0 {
                return None;
            }
            if hash == h && self.key(at) == Some(key) {
                return Some(value);
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// The key stored at `at` (1 + its position).
    fn key(&self, at: u32) -> Option<&'a [u8]> {
        Cursor {
            bytes: self.keys,
            at: (at as usize).checked_sub(1)?,
        }
        .bytes32()
    }

    /// Every key and value, in the table's order.
    pub fn iter(&self) -> impl Iterator<Item = (&'a [u8], u32)> + '_ {
        let this = *self;
        (0..self.slots.len() / SLOT).filter_map(move |i| {
            let mut c = Cursor {
                bytes: this.slots,
                at: i * SLOT + 8,
            };
            let (at, value) = (c.u32()?, c.u32()?);
            Some((this.key(at)?, value))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_map_finds_what_was_written_and_nothing_else() {
        let keys: Vec<String> = (0..1000).map(|i| format!("key {i}")).collect();
        let bytes = KeyMapWriter::write(
            keys.iter()
                .enumerate()
                .map(|(i, k)| (k.as_bytes(), i as u32)),
        );
        let map = KeyMap::new(&bytes);
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(map.get(k.as_bytes()), Some(i as u32));
        }
        assert_eq!(map.get(b"key 1000"), None);
        assert_eq!(map.get(b""), None);
        assert_eq!(map.iter().count(), 1000);
        // No keys at all, and bytes that are no table.
        let empty = KeyMapWriter::write(std::iter::empty());
        assert_eq!(KeyMap::new(&empty).get(b"a"), None);
        for junk in [&[][..], &[1, 2, 3], &[3, 0, 0, 0, 0, 0, 0, 0, 9]] {
            assert_eq!(KeyMap::new(junk).get(b"a"), None);
        }
    }

    proptest::proptest! {
        /// Reading any bytes as a table, a record array or sections never panics.
        #[test]
        fn any_bytes_read_without_panicking(bytes in proptest::collection::vec(0u8..=255, 0..200), key in "[a-c]{0,3}") {
            let map = KeyMap::new(&bytes);
            let _ = map.get(key.as_bytes());
            let _ = map.iter().count();
            let _ = records_with(&bytes, 7).count();
            let _ = Cursor::new(&bytes).sections(3);
            let _ = Cursor::new(&bytes).str();
        }
    }

    #[test]
    fn records_are_found_by_key() {
        let recs = write_records(&[(1, 10), (3, 30), (3, 31), (9, 90)]);
        assert_eq!(records_with(&recs, 3).collect::<Vec<_>>(), [30, 31]);
        assert_eq!(records_with(&recs, 2).count(), 0);
        assert_eq!(records_with(&recs, 9).collect::<Vec<_>>(), [90]);
        assert_eq!(records_with(&recs, 10).count(), 0);
    }
}
