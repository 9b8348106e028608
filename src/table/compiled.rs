//! A compiled table (`copydesk table compile`): an index and its entries in one file that
//! is read in place (mapped), so opening a table of a million people costs a check of its
//! header and checksum, not a parse and an index build.
//!
//! ```text
//!  0  magic "copydesk index\n\0"          16 bytes
//! 16  format (u32), 0 (u32)
//! 24  fingerprint (u64): the code that shapes an index (see [`fingerprint`])
//! 32  length of the file (u64)
//! 40  checksum (u64) of every byte after the header
//! 48  sections, each with its length first (u64):
//!     what it was compiled from (JSON: [`Meta`]), the keys (`index.rs`), every entry
//!     but the people (JSON), the people (`entries::write_people`), where each entry was
//!     written ([`Origins`]), the people's ids
//! ```
//!
//! Opening checks everything that can be checked without the table's JSON: the magic, the
//! format, the fingerprint, the length and the checksum. Whether the JSON changed since is
//! the workspace's question ([`Meta::from`]).

use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::entries::{Entries, Mapped, write_people};
use super::flat::{self, Shared};
use super::index::Keys;
use super::{EntryRef, Index, Table};

pub const MAGIC: &[u8; 16] = b"copydesk index\n\0";
/// Raised whenever the layout of the file changes.
pub const FORMAT: u32 = 2;
const HEADER: usize = 48;
const SECTIONS: usize = 7;

/// What a compiled table was compiled from: the set of tables a check would load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct From {
    /// The hash of the embedded default table ([`default_table_hash`]), when it comes first.
    pub default: Option<u64>,
    /// The table files, in order.
    pub files: Vec<SourceFile>,
}

/// A table file as it was when compiled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    /// Its absolute path.
    pub path: String,
    pub size: u64,
    /// Its modification time, in nanoseconds since 1970.
    pub modified_ns: u64,
}

/// The header's JSON section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub from: From,
    /// The number of entries of each file.
    pub entries: Vec<usize>,
}

/// The hash of the embedded default table, as [`From::default`] records it.
pub fn default_table_hash() -> u64 {
    flat::key_hash(super::DEFAULT_TABLE.as_bytes())
}

/// The code that shapes an index: the format, the keys of the default table's index (which
/// fold, cut and transliterate names, and hash keys, as this build does) and the schema
/// of entries. A compiled table with another fingerprint was compiled by another build.
pub fn fingerprint() -> u64 {
    static F: OnceLock<u64> = OnceLock::new();
    *F.get_or_init(|| {
        let table = super::parse_table("default", super::DEFAULT_TABLE).unwrap_or_default();
        let index = Index::new(table);
        let mut all = FORMAT.to_le_bytes().to_vec();
        all.extend_from_slice(index.keys().bytes());
        all.extend_from_slice(Table::json_schema().to_string().as_bytes());
        flat::key_hash(&all)
    })
}

/// Where each entry of a table was written: the file (its position in the set) and the
/// entry's position in its list there (`people[3]`), for each kind of entry.
pub enum Origins {
    Owned([Vec<(u32, u32)>; 5]),
    Flat(Shared, [Range<usize>; 5]),
}

impl Default for Origins {
    fn default() -> Origins {
        Origins::Owned(Default::default())
    }
}

impl fmt::Debug for Origins {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Origins")
    }
}

impl Origins {
    /// Record that `e` was written in file `file`, at position `at` of its list there.
    pub fn set(&mut self, e: EntryRef, file: u32, at: u32) {
        if let Origins::Owned(lists) = self {
            let (k, i) = (e.list().0, e.position());
            let list = &mut lists[k];
            if list.len() <= i as usize {
                list.resize(i as usize + 1, (u32::MAX, 0));
            }
            list[i as usize] = (file, at);
        }
    }

    /// The file `e` comes from (its position in the set) and its JSON path there.
    pub fn get(&self, e: EntryRef) -> Option<(usize, String)> {
        let ((k, kind), i) = (e.list(), e.position());
        let (file, at) = match self {
            Origins::Owned(lists) => *lists[k].get(i as usize)?,
            Origins::Flat(bytes, ranges) => {
                let b = bytes.bytes().get(ranges[k].clone())?;
                let mut c = flat::Cursor {
                    bytes: b,
                    at: (i as usize).checked_mul(8)?,
                };
                (c.u32()?, c.u32()?)
            }
        };
        (file != u32::MAX).then(|| (file as usize, format!("{kind}[{at}]")))
    }

    fn write(&self) -> Vec<u8> {
        let mut w = flat::Writer::default();
        if let Origins::Owned(lists) = self {
            for list in lists {
                let mut one = flat::Writer::default();
                for &(f, a) in list {
                    one.u32(f);
                    one.u32(a);
                }
                w.bytes(&one.buf);
            }
        }
        w.buf
    }
}

/// Why a compiled table is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not a compiled table at all.
    Foreign,
    /// Another format, or compiled by a build that shapes its index otherwise.
    OtherBuild,
    /// Shorter (or longer) than its header says.
    Truncated { expected: u64, found: u64 },
    /// Its bytes are not those that were written.
    Corrupt,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Foreign => write!(f, "not a compiled copydesk table"),
            Problem::OtherBuild => write!(
                f,
                "compiled by another version of copydesk, whose index differs"
            ),
            Problem::Truncated { expected, found } => write!(
                f,
                "truncated: its header says {expected} bytes, the file has {found}"
            ),
            Problem::Corrupt => write!(f, "corrupt: its checksum does not match its contents"),
        }
    }
}

/// Compile an index built from tables in memory ([`Index::new`]) with where its entries
/// came from.
pub fn write(index: &Index, meta: &Meta, origins: &Origins) -> Vec<u8> {
    let table = index.table.whole();
    let rest = Table {
        people: Vec::new(),
        ..table.clone()
    };
    let (at, people, ids) = write_people(&table.people);
    let meta_json = serde_json::to_vec(meta).expect("meta serialises");
    let rest_json = serde_json::to_vec(&rest).expect("a table serialises");
    let origins = origins.write();
    let mut body = flat::Writer::default();
    body.sections(&[
        &meta_json,
        index.keys().bytes(),
        &rest_json,
        &at,
        &people,
        &origins,
        &ids,
    ]);
    let mut out = Vec::with_capacity(HEADER + body.buf.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&fingerprint().to_le_bytes());
    out.extend_from_slice(&((HEADER + body.buf.len()) as u64).to_le_bytes());
    out.extend_from_slice(&checksum(&body.buf).to_le_bytes());
    out.extend_from_slice(&body.buf);
    out
}

/// The checksum of a compiled table's body: each MiB hashed (in parallel), then the hashes.
fn checksum(body: &[u8]) -> u64 {
    checksum_releasing(body, |_| {})
}

/// [`checksum`], releasing each MiB once it is hashed (`release` gets its range in `body`):
/// checking a mapped file does not keep all of it in memory.
fn checksum_releasing(body: &[u8], release: impl Fn(Range<usize>) + Sync) -> u64 {
    const MIB: usize = 1 << 20;
    let parts: Vec<u64> = body
        .par_chunks(MIB)
        .enumerate()
        .map(|(i, chunk)| {
            let h = flat::key_hash(chunk);
            release(i * MIB..i * MIB + chunk.len());
            h
        })
        .collect();
    let mut all: Vec<u8> = (body.len() as u64).to_le_bytes().to_vec();
    for p in parts {
        all.extend_from_slice(&p.to_le_bytes());
    }
    flat::key_hash(&all)
}

/// What a compiled table says it was compiled from, read from its first section alone
/// (no other check): enough to tell whether it is the one wanted before opening it, and
/// which JSON to read instead when it is out of date, truncated or corrupt.
pub fn meta(bytes: &[u8]) -> Result<Meta, Problem> {
    if bytes.len() < HEADER || &bytes[..16] != MAGIC {
        return Err(Problem::Foreign);
    }
    let s = flat::Cursor { bytes, at: HEADER }
        .bytes()
        .ok_or(Problem::Corrupt)?;
    serde_json::from_slice(s).map_err(|_| Problem::Corrupt)
}

/// The header checked (not the checksum), the meta and the sections' ranges in `bytes`.
fn sections(bytes: &[u8]) -> Result<(Meta, Vec<Range<usize>>), Problem> {
    if bytes.len() < HEADER || &bytes[..16] != MAGIC {
        return Err(Problem::Foreign);
    }
    let mut c = flat::Cursor { bytes, at: 16 };
    let format = c.u32();
    c.u32();
    let print = c.u64();
    let length = c.u64().unwrap_or(0);
    if format != Some(FORMAT) || print != Some(fingerprint()) {
        return Err(Problem::OtherBuild);
    }
    if length != bytes.len() as u64 {
        return Err(Problem::Truncated {
            expected: length,
            found: bytes.len() as u64,
        });
    }
    let mut c = flat::Cursor { bytes, at: HEADER };
    let ranges = c.sections(SECTIONS).ok_or(Problem::Corrupt)?;
    let meta = serde_json::from_slice(&bytes[ranges[0].clone()]).map_err(|_| Problem::Corrupt)?;
    Ok((meta, ranges))
}

/// Open a compiled table: its index (the entries read in place), what it was compiled
/// from and where each entry was written. Every byte is checked against the checksum.
pub fn open(bytes: Shared) -> Result<(Index, Meta, Origins), Problem> {
    let b = bytes.bytes();
    let (meta, ranges) = sections(b)?;
    let mut c = flat::Cursor { bytes: b, at: 40 };
    let sum = checksum_releasing(&b[HEADER..], |r| {
        bytes.release(r.start + HEADER..r.end + HEADER)
    });
    if c.u64() != Some(sum) {
        return Err(Problem::Corrupt);
    }
    let keys = Keys::open(bytes.clone(), ranges[1].clone()).ok_or(Problem::Corrupt)?;
    let rest: Table =
        serde_json::from_slice(&b[ranges[2].clone()]).map_err(|_| Problem::Corrupt)?;
    let origin_ranges = flat::Cursor::new(&b[ranges[5].clone()])
        .sections(5)
        .ok_or(Problem::Corrupt)?;
    let shift = |r: Range<usize>| r.start + ranges[5].start..r.end + ranges[5].start;
    let origins: [Range<usize>; 5] = std::array::from_fn(|k| shift(origin_ranges[k].clone()));
    let entries = Mapped::new(
        rest,
        bytes.clone(),
        ranges[3].clone(),
        ranges[4].clone(),
        ranges[6].clone(),
    );
    let index = Index::with_keys(Entries::Mapped(Box::new(entries)), keys);
    Ok((index, meta, Origins::Flat(bytes, origins)))
}

/// Bytes in memory, shared as a compiled table's are.
pub fn shared(bytes: Vec<u8>) -> Shared {
    Arc::new(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{DEFAULT_TABLE, Language, load_tables_traced};

    const EXTRA: &str = r#"{"sources": [{"id": "s", "file": "a.txt"}],
"people": [
 {"id": "ann", "name": "Ann Müller", "order": "given-first", "parts": {"family": "Müller", "given": "Ann"},
  "aliases": ["Dr Müller"], "titles": [{"title": "Mayor", "sources": [{"source": "s", "line": 2}]}]},
 {"id": "park", "name": "Park Min-jun", "order": "family-first", "parts": {"family": "Park", "given": "Min-jun"},
  "forms": {"vi": {"name": "Pắc Min Jun"}}}
]}"#;

    fn built() -> (Index, Meta, Origins) {
        let files = [
            ("<default table>".to_string(), DEFAULT_TABLE.to_string()),
            ("extra.json".to_string(), EXTRA.to_string()),
        ];
        let traced = load_tables_traced(&files).unwrap();
        let meta = Meta {
            from: From {
                default: Some(default_table_hash()),
                files: vec![SourceFile {
                    path: "/w/extra.json".into(),
                    size: EXTRA.len() as u64,
                    modified_ns: 7,
                }],
            },
            entries: traced.entries.clone(),
        };
        (Index::new(traced.table), meta, traced.origins)
    }

    fn compiled() -> Vec<u8> {
        let (index, meta, origins) = built();
        write(&index, &meta, &origins)
    }

    #[test]
    fn a_compiled_table_reads_as_the_table_it_was_compiled_from() {
        let (index, meta, origins) = built();
        let bytes = write(&index, &meta, &origins);
        let (opened, meta2, origins2) = open(shared(bytes)).unwrap();
        assert_eq!(meta2, meta);
        assert!(matches!(opened.table, Entries::Mapped(_)));
        // Every key means the same, in every language.
        let keys = KeyMapForTest::phrases(&index);
        assert!(keys.len() > 100, "{}", keys.len());
        for key in &keys {
            for lang in Language::ALL {
                let a: Vec<String> = index
                    .lookup_in(key, lang)
                    .iter()
                    .map(|m| format!("{m:?}"))
                    .collect();
                let b: Vec<String> = opened
                    .lookup_in(key, lang)
                    .iter()
                    .map(|m| format!("{m:?}"))
                    .collect();
                assert_eq!(a, b, "{key} in {lang:?}");
            }
            assert_eq!(index.is_prefix(key), opened.is_prefix(key));
            for lang in Language::ALL {
                for idx in [&index, &opened] {
                    assert_eq!(
                        idx.phrase_in_and_prefix(key, lang),
                        (idx.phrase_in(key, lang), idx.is_prefix(key)),
                        "{key} in {lang:?}"
                    );
                }
            }
            assert_eq!(index.by_skeleton(key), opened.by_skeleton(key));
        }
        for w in [
            "mueller", "muller", "ridlee", "chieng", "min-joon", "nobody",
        ] {
            assert_eq!(index.near_words(w, 2), opened.near_words(w, 2), "{w}");
            assert_eq!(index.is_name_word(w), opened.is_name_word(w));
        }
        // The entries and where they came from.
        assert_eq!(opened.table.whole(), index.table.whole());
        assert_eq!(opened.table.entries(), index.table.entries());
        for i in 0..index.table.people_len() as u32 {
            assert_eq!(opened.table.person(i), index.table.person(i));
            let e = EntryRef::Person(i);
            assert_eq!(origins2.get(e), origins.get(e));
        }
        assert_eq!(
            opened.table.person_position("park"),
            index.table.person_position("park")
        );
        assert_eq!(opened.table.person_position("nobody"), None);
        assert_eq!(
            origins2.get(EntryRef::Law(0)),
            origins.get(EntryRef::Law(0))
        );
    }

    /// Every phrase key of an index, read from its keys.
    struct KeyMapForTest;
    impl KeyMapForTest {
        fn phrases(index: &Index) -> Vec<String> {
            let bytes = index.keys().bytes();
            let first = flat::Cursor::new(bytes).bytes().unwrap();
            flat::KeyMap::new(first)
                .iter()
                .map(|(k, _)| String::from_utf8(k.to_vec()).unwrap())
                .collect()
        }
    }

    #[test]
    fn a_truncated_table_is_found_out() {
        let bytes = compiled();
        for cut in [bytes.len() - 1, bytes.len() / 2, 100] {
            let r = open(shared(bytes[..cut].to_vec()));
            assert!(
                matches!(r, Err(Problem::Truncated { .. })),
                "cut at {cut}: {:?}",
                r.err()
            );
        }
        // What it was compiled from can still be read, so its JSON can be used instead.
        assert_eq!(meta(&bytes[..bytes.len() / 2]).unwrap(), built().1);
        // Too short even for a header: not a compiled table.
        assert_eq!(
            open(shared(bytes[..20].to_vec())).err(),
            Some(Problem::Foreign)
        );
        // Longer than it says.
        let mut long = bytes.clone();
        long.push(0);
        assert!(matches!(open(shared(long)), Err(Problem::Truncated { .. })));
    }

    #[test]
    fn a_corrupt_table_is_found_out_wherever_the_change() {
        let bytes = compiled();
        for at in [
            HEADER + 3,
            bytes.len() / 3,
            bytes.len() / 2,
            bytes.len() - 1,
        ] {
            let mut b = bytes.clone();
            b[at] ^= 0x20;
            assert_eq!(open(shared(b)).err(), Some(Problem::Corrupt), "byte {at}");
        }
        // The checksum itself changed.
        let mut b = bytes.clone();
        b[41] ^= 1;
        assert_eq!(open(shared(b)).err(), Some(Problem::Corrupt));
    }

    #[test]
    fn a_foreign_file_or_another_builds_is_found_out() {
        for junk in [&b""[..], b"{\"people\": []}", &[0u8; 4096][..], MAGIC] {
            assert_eq!(open(shared(junk.to_vec())).err(), Some(Problem::Foreign));
        }
        let bytes = compiled();
        let mut other = bytes.clone();
        other[24] ^= 1; // the fingerprint
        assert_eq!(open(shared(other)).err(), Some(Problem::OtherBuild));
        let mut other = bytes.clone();
        other[16] = 9; // the format
        assert_eq!(open(shared(other)).err(), Some(Problem::OtherBuild));
        assert!(
            Problem::OtherBuild.to_string().contains("another version"),
            "{}",
            Problem::OtherBuild
        );
    }

    proptest::proptest! {
        /// Any bytes, and any bytes after a good header, open or fail without a panic.
        #[test]
        fn any_bytes_open_without_panicking(
            tail in proptest::collection::vec(0u8..=255, 0..300),
            keep in 0usize..64,
        ) {
            let _ = open(shared(tail.clone()));
            let _ = meta(&tail);
            let good = compiled();
            let mut b = good[..keep.min(good.len())].to_vec();
            b.extend_from_slice(&tail);
            let _ = open(shared(b.clone()));
            let _ = meta(&b);
        }
    }
}
