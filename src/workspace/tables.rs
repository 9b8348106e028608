//! Sets of tables, loaded once with where each entry came from, and cached by the stamps
//! of their files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::{Files, Limit, Stamp, same_file};
use crate::table::compiled::{self, From, Meta, Origins, SourceFile};
use crate::table::{
    DEFAULT_TABLE, DEFAULT_TABLE_NAME, Index, Table, TableError, load_tables_traced,
};

/// Which tables a document uses: the default table or not, and the files, in order (later
/// ones over earlier ones).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TableSet {
    pub default: bool,
    pub files: Vec<PathBuf>,
    /// The size limit of each file.
    pub limit: Limit,
}

impl TableSet {
    /// The embedded default table and these files, at the default size limit.
    pub fn new(default: bool, files: Vec<PathBuf>) -> TableSet {
        TableSet {
            default,
            files,
            limit: Limit::table(None),
        }
    }

    /// The embedded default table alone.
    pub fn default_only() -> TableSet {
        TableSet::new(true, Vec::new())
    }
}

/// One table file of a load.
#[derive(Debug, Clone)]
pub struct TableFile {
    /// As shown: the path, or the default table's name.
    pub name: String,
    /// The file; `None` for the embedded default table.
    pub path: Option<PathBuf>,
    pub text: Arc<str>,
    pub entries: usize,
}

/// A loaded set of tables.
#[derive(Debug)]
pub struct Tables {
    /// Unique per load: what is computed from one load (phrase ids, positions) is not
    /// reused with another.
    pub id: u64,
    pub set: TableSet,
    pub index: Arc<Index>,
    /// The files loaded, in order (a file with problems may be left out).
    pub files: Vec<TableFile>,
    /// For each entry of the merged table: the file it comes from (an index into `files`)
    /// and its JSON path there.
    pub origins: Origins,
    /// What the user should know about the load: a compiled table that is out of date or
    /// broken (and so not used), a compiled copy that could not be kept.
    pub notes: Vec<String>,
}

impl Tables {
    pub fn entries(&self) -> usize {
        self.index.table.entries()
    }

    /// No table at all.
    fn empty(set: TableSet) -> Tables {
        Tables {
            id: next_id(),
            set,
            index: Arc::new(Index::new(Table::default())),
            files: Vec::new(),
            origins: Origins::default(),
            notes: Vec::new(),
        }
    }
}

fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A table file's name, path and text, read.
#[derive(Debug, Clone)]
struct Source {
    name: String,
    path: Option<PathBuf>,
    text: String,
}

/// The tables of a set, the default table first: each as shown, with its file (`None` for
/// the embedded default table).
fn members(set: &TableSet) -> impl Iterator<Item = (String, Option<&PathBuf>)> {
    let default = set.default.then(|| (DEFAULT_TABLE_NAME.to_string(), None));
    default
        .into_iter()
        .chain(set.files.iter().map(|f| (f.display().to_string(), Some(f))))
}

/// Read the files of a set (the default table first). Unreadable files are left out and
/// named in the errors.
fn read_sources(files: &dyn Files, set: &TableSet) -> (Vec<Source>, Vec<TableError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for (name, path) in members(set) {
        let text = match path {
            None => DEFAULT_TABLE.to_string(),
            Some(f) => match files.read(f, set.limit) {
                Ok(text) => text,
                Err(e) => {
                    errors.push(plain_error(name, format!("cannot read the table: {e}")));
                    continue;
                }
            },
        };
        sources.push(Source {
            name,
            path: path.cloned(),
            text,
        });
    }
    (sources, errors)
}

/// Load a set of tables from their texts, all or nothing.
fn load_sources(set: &TableSet, sources: Vec<Source>) -> Result<Tables, Vec<TableError>> {
    let pairs: Vec<(String, String)> = sources
        .iter()
        .map(|s| (s.name.clone(), s.text.clone()))
        .collect();
    let traced = load_tables_traced(&pairs)?;
    let files = sources
        .into_iter()
        .zip(traced.entries)
        .map(|(s, entries)| TableFile {
            name: s.name,
            path: s.path,
            text: s.text.into(),
            entries,
        })
        .collect();
    Ok(Tables {
        id: next_id(),
        set: set.clone(),
        index: Arc::new(Index::new(traced.table)),
        files,
        origins: traced.origins,
        notes: Vec::new(),
    })
}

/// The merged table of a set, all or nothing (without an index or origins: to check tables).
pub fn load_table(files: &dyn Files, set: &TableSet) -> Result<Table, Vec<TableError>> {
    let (sources, errors) = read_sources(files, set);
    if !errors.is_empty() {
        return Err(errors);
    }
    let pairs: Vec<(String, String)> = sources.into_iter().map(|s| (s.name, s.text)).collect();
    crate::table::load_tables(&pairs)
}

/// Load a set of tables, all or nothing: from an up-to-date compiled table if there is
/// one ([`open_compiled`]), else from the JSON (then compiled into the cache when big).
pub fn load_tables(files: &dyn Files, set: &TableSet) -> Result<Tables, Vec<TableError>> {
    let wanted = expand(files, set);
    if !wanted.errors.is_empty() {
        return Err(wanted.errors);
    }
    let mut notes = Vec::new();
    if let Some(mut t) = open_compiled(files, set, &wanted, &mut notes) {
        t.notes = notes;
        return Ok(t);
    }
    let from = compiled_from(files, wanted.json.default, &wanted.json.files);
    let (sources, errors) = read_sources(files, &wanted.json);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut t = load_sources(set, sources)?;
    keep_compiled(files, &wanted.json, from, &t, &mut notes);
    t.notes = notes;
    Ok(t)
}

/// A set's tables compiled from their JSON (`copydesk table compile`), whatever compiled
/// tables exist: the bytes of the compiled table.
pub fn compile_tables(files: &dyn Files, set: &TableSet) -> Result<Vec<u8>, Vec<TableError>> {
    let from = compiled_from(files, set.default, &set.files);
    let (sources, errors) = read_sources(files, set);
    if !errors.is_empty() {
        return Err(errors);
    }
    let t = load_sources(set, sources)?;
    let Some(from) = from else {
        return Err(vec![plain_error(
            set.files
                .first()
                .map(|f| f.display().to_string())
                .unwrap_or_default(),
            "a table changed or went away while it was compiled".into(),
        )]);
    };
    Ok(compiled::write(&t.index, &meta_of(from, &t), &t.origins))
}

/// JSON tables at least this big (every file of a set together) are compiled into the
/// cache once they have loaded, so the next start reads them in place.
pub const CACHE_MIN_BYTES: u64 = 8 << 20;

/// Is this file a compiled table (by its name: `.idx`)?
pub fn is_compiled(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "idx")
}

/// The compiled table a user keeps beside a JSON table: `people.json` → `people.idx`.
pub fn compiled_beside(json: &Path) -> PathBuf {
    json.with_extension("idx")
}

/// A set named with compiled tables, as JSON: the set of JSON files they were compiled
/// from, the compiled tables named, and those that cannot be read.
struct Wanted {
    json: TableSet,
    named: Vec<PathBuf>,
    errors: Vec<TableError>,
}

/// The limit on a compiled table's size: a few times its JSON's.
fn compiled_limit(set: &TableSet) -> Limit {
    Limit {
        bytes: set.limit.bytes.saturating_mul(4),
        setting: set.limit.setting,
    }
}

/// Each compiled table of a set stands for the JSON files it was compiled from.
fn expand(files: &dyn Files, set: &TableSet) -> Wanted {
    let mut json = Vec::new();
    let mut named = Vec::new();
    let mut errors = Vec::new();
    for f in &set.files {
        if !is_compiled(f) {
            json.push(f.clone());
            continue;
        }
        let meta = files
            .map(f, compiled_limit(set))
            .map_err(|e| format!("cannot read the compiled table: {e}"))
            .and_then(|b| {
                compiled::meta(b.bytes()).map_err(|p| format!("cannot use the compiled table: {p}"))
            });
        match meta {
            Ok(m) => {
                json.extend(m.from.files.iter().map(|s| PathBuf::from(&s.path)));
                named.push(f.clone());
            }
            Err(message) => errors.push(plain_error(f.display().to_string(), message)),
        }
    }
    Wanted {
        json: TableSet {
            default: set.default,
            files: json,
            limit: set.limit,
        },
        named,
        errors,
    }
}

fn plain_error(file: String, message: String) -> TableError {
    TableError {
        file,
        line: 1,
        column: 1,
        path: String::new(),
        message,
    }
}

/// What a set of JSON tables is now, as a compiled table records it; `None` if a file is
/// missing.
fn compiled_from(files: &dyn Files, default: bool, json: &[PathBuf]) -> Option<From> {
    let files = json
        .iter()
        .map(|f| {
            let (modified, size) = files.stamp(f)?;
            let modified_ns = modified
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64);
            Some(SourceFile {
                path: files.canonical(f).display().to_string(),
                size,
                modified_ns,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(From {
        default: default.then(compiled::default_table_hash),
        files,
    })
}

/// Where the cache keeps the compiled table of a set of JSON files (named by the set, so a
/// new compile replaces an old one).
fn cache_path(dir: &Path, from: &From) -> PathBuf {
    let mut key = Vec::new();
    key.push(u8::from(from.default.is_some()));
    for f in &from.files {
        key.extend_from_slice(f.path.as_bytes());
        key.push(0);
    }
    dir.join("tables")
        .join(format!("{:016x}.idx", crate::table::flat::key_hash(&key)))
}

/// Why a compiled table does not stand for the JSON as it is now.
fn out_of_date(was: &From, now: &From) -> String {
    if was.default != now.default {
        return if now.default.is_some() {
            "it was compiled without the default table (or with another version of it)".into()
        } else {
            "it was compiled with the default table".into()
        };
    }
    let paths = |f: &From| f.files.iter().map(|s| s.path.clone()).collect::<Vec<_>>();
    if paths(was) != paths(now) {
        return "it was compiled from other table files".into();
    }
    match was.files.iter().zip(&now.files).find(|(a, b)| a != b) {
        Some((_, b)) => format!("{} changed since it was compiled", b.path),
        None => "it was compiled from other tables".into(),
    }
}

/// The up-to-date compiled table of a JSON set: a compiled table named in the set, the one
/// beside its last JSON file, or the cache's. A named or beside one that is out of date or
/// broken is noted (and the JSON used); the cache's is silently replaced.
fn open_compiled(
    files: &dyn Files,
    set: &TableSet,
    wanted: &Wanted,
    notes: &mut Vec<String>,
) -> Option<Tables> {
    let json = &wanted.json;
    let now = compiled_from(files, json.default, &json.files)?;
    let mut candidates: Vec<(PathBuf, bool)> =
        wanted.named.iter().map(|p| (p.clone(), true)).collect();
    if let Some(last) = json.files.last() {
        let beside = compiled_beside(last);
        if files.stamp(&beside).is_some() && !candidates.iter().any(|(p, _)| *p == beside) {
            candidates.push((beside, true));
        }
    }
    if let Some(dir) = files.cache_dir() {
        candidates.push((cache_path(&dir, &now), false));
    }
    for (path, mine) in candidates {
        if files.stamp(&path).is_none() {
            continue;
        }
        let opened = files
            .map(&path, compiled_limit(json))
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                let meta = compiled::meta(bytes.bytes()).map_err(|p| p.to_string())?;
                if meta.from != now {
                    return Err(out_of_date(&meta.from, &now));
                }
                compiled::open(bytes).map_err(|p| p.to_string())
            });
        match opened {
            Ok((index, meta, origins)) => {
                return Some(compiled_tables(set, json, index, meta, origins));
            }
            Err(why) if mine => notes.push(format!(
                "{}: not used, {why}; the JSON is read instead (run `copydesk table compile` again)",
                path.display()
            )),
            Err(_) => {}
        }
    }
    None
}

/// The tables of a compiled table. The JSON files are not read: their text is left empty
/// (a reader that needs it, to place an entry, reads the file).
fn compiled_tables(
    set: &TableSet,
    json: &TableSet,
    index: Index,
    meta: Meta,
    origins: Origins,
) -> Tables {
    let mut entries = meta.entries.into_iter();
    let files = members(json)
        .map(|(name, path)| TableFile {
            name,
            path: path.cloned(),
            text: if path.is_some() { "" } else { DEFAULT_TABLE }.into(),
            entries: entries.next().unwrap_or(0),
        })
        .collect();
    Tables {
        id: next_id(),
        set: set.clone(),
        index: Arc::new(index),
        files,
        origins,
        notes: Vec::new(),
    }
}

fn meta_of(from: From, t: &Tables) -> Meta {
    Meta {
        from,
        entries: t.files.iter().map(|f| f.entries).collect(),
    }
}

/// Compile tables just loaded from big JSON files into the cache ([`CACHE_MIN_BYTES`]).
/// `from` is the JSON as it was before it was read.
fn keep_compiled(
    files: &dyn Files,
    json: &TableSet,
    from: Option<From>,
    t: &Tables,
    notes: &mut Vec<String>,
) {
    let (Some(dir), Some(from)) = (files.cache_dir(), from) else {
        return;
    };
    let size: u64 = from.files.iter().map(|f| f.size).sum();
    if size < CACHE_MIN_BYTES || t.files.len() != usize::from(json.default) + json.files.len() {
        return;
    }
    let path = cache_path(&dir, &from);
    let bytes = compiled::write(&t.index, &meta_of(from, t), &t.origins);
    if let Err(e) = files.write(&path, &bytes) {
        notes.push(format!(
            "could not keep a compiled copy of the tables in {}: {e}",
            path.display()
        ));
    }
}

struct Slot {
    tables: Arc<Tables>,
    /// The stamps of the set's files when they were read.
    stamps: Vec<Option<Stamp>>,
    /// Every file loaded without a problem.
    whole: bool,
    /// Marked for reloading whatever the stamps say.
    stale: bool,
}

/// Loaded sets of tables, each loaded again only when one of its files changes (its stamp)
/// or it is marked stale.
#[derive(Default)]
pub struct TableCache {
    slots: Mutex<HashMap<TableSet, Slot>>,
    /// Held while loading, so a set is loaded once however many ask for it at the same time.
    loading: Mutex<()>,
    /// The last text of each file that loaded.
    good: Mutex<HashMap<PathBuf, String>>,
}

impl TableCache {
    /// The loaded slot of a set, if its files have not changed since.
    fn fresh(&self, files: &dyn Files, set: &TableSet, whole: bool) -> Option<Arc<Tables>> {
        let slots = self.slots.lock().expect("table slots");
        let s = slots.get(set)?;
        let unchanged = !s.stale
            && (s.whole || !whole)
            && set
                .files
                .iter()
                .map(|f| files.stamp(f))
                .eq(s.stamps.iter().copied());
        unchanged.then(|| s.tables.clone())
    }

    /// Remember the texts of a load as the last good ones of their files.
    fn remember_good(&self, tables: &Tables) {
        let mut good = self.good.lock().expect("good tables");
        for f in &tables.files {
            if let Some(p) = &f.path {
                good.insert(p.clone(), f.text.to_string());
            }
        }
    }

    fn keep(&self, set: &TableSet, tables: Arc<Tables>, stamps: Vec<Option<Stamp>>, whole: bool) {
        self.slots.lock().expect("table slots").insert(
            set.clone(),
            Slot {
                tables,
                stamps,
                whole,
                stale: false,
            },
        );
    }

    /// A set of tables, all or nothing (the command line's way).
    pub fn load(&self, files: &dyn Files, set: &TableSet) -> Result<Arc<Tables>, Vec<TableError>> {
        if let Some(t) = self.fresh(files, set, true) {
            return Ok(t);
        }
        let _loading = self.loading.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = self.fresh(files, set, true) {
            return Ok(t);
        }
        let stamps = set.files.iter().map(|f| files.stamp(f)).collect();
        let tables = Arc::new(load_tables(files, set)?);
        self.remember_good(&tables);
        self.keep(set, tables.clone(), stamps, true);
        Ok(tables)
    }

    /// A set of tables that never fails (the language server's way): a file with problems
    /// is replaced by its last good text, or left out; a set that cannot load keeps its last
    /// load, or falls back to the default table alone (or no table). With the tables, the
    /// problems found when they were loaded now; `None` when they were not loaded again.
    pub fn load_or_keep(
        &self,
        files: &dyn Files,
        set: &TableSet,
    ) -> (Arc<Tables>, Option<Vec<TableError>>) {
        if let Some(t) = self.fresh(files, set, false) {
            return (t, None);
        }
        let _loading = self.loading.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = self.fresh(files, set, false) {
            return (t, None);
        }
        let stamps = set.files.iter().map(|f| files.stamp(f)).collect();
        let wanted = expand(files, set);
        let mut notes = Vec::new();
        if wanted.errors.is_empty()
            && let Some(mut t) = open_compiled(files, set, &wanted, &mut notes)
        {
            t.notes = notes;
            let t = Arc::new(t);
            self.keep(set, t.clone(), stamps, true);
            return (t, Some(Vec::new()));
        }
        let from = compiled_from(files, wanted.json.default, &wanted.json.files);
        let (mut sources, mut problems) = read_sources(files, &wanted.json);
        problems.extend(wanted.errors);
        let mut loaded = None;
        for attempt in 0..=set.files.len() {
            match load_sources(set, sources.clone()) {
                Ok(mut l) => {
                    // Only the JSON as it is, whole, is compiled into the cache.
                    if attempt == 0 && problems.is_empty() {
                        keep_compiled(files, &wanted.json, from, &l, &mut notes);
                    }
                    l.notes = notes;
                    loaded = Some(l);
                    break;
                }
                Err(errors) => {
                    let changed = self.replace_broken(&mut sources, &errors);
                    let before: Vec<String> = problems.iter().map(|p| p.file.clone()).collect();
                    for e in errors {
                        if !before.contains(&e.file) && !problems.contains(&e) {
                            problems.push(e);
                        }
                    }
                    if !changed {
                        break;
                    }
                }
            }
        }
        let tables = match loaded {
            Some(l) => {
                self.remember_good(&l);
                Arc::new(l)
            }
            None => {
                let last = self
                    .slots
                    .lock()
                    .expect("table slots")
                    .get(set)
                    .map(|s| s.tables.clone());
                last.unwrap_or_else(|| Arc::new(fallback(files, set)))
            }
        };
        let whole = problems.is_empty();
        self.keep(set, tables.clone(), stamps, whole);
        (tables, Some(problems))
    }

    /// Replace each source with errors by its last good text, or leave it out. Whether any
    /// source changed.
    fn replace_broken(&self, sources: &mut Vec<Source>, errors: &[TableError]) -> bool {
        let good = self.good.lock().expect("good tables");
        let mut changed = false;
        sources.retain_mut(|s| {
            if !errors.iter().any(|e| e.file == s.name) {
                return true;
            }
            changed = true;
            match s.path.as_ref().and_then(|p| good.get(p)) {
                Some(g) if *g != s.text => {
                    s.text = g.clone();
                    true
                }
                _ => false,
            }
        });
        changed
    }

    /// Mark every set that holds `path` (or every set, with `None`) for loading again.
    /// Whether any was marked.
    pub fn invalidate(&self, files: &dyn Files, path: Option<&Path>) -> bool {
        let mut any = false;
        for (set, s) in self.slots.lock().expect("table slots").iter_mut() {
            if path.is_none_or(|p| set.files.iter().any(|f| same_file(files, f, p))) {
                s.stale = true;
                any = true;
            }
        }
        any
    }

    /// Every table file of the sets loaded.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = self
            .slots
            .lock()
            .expect("table slots")
            .keys()
            .flat_map(|k| k.files.iter().cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// The default table alone (if the set has it), or no table.
fn fallback(files: &dyn Files, set: &TableSet) -> Tables {
    let alone = TableSet::new(set.default, Vec::new());
    load_tables(files, &alone).unwrap_or_else(|_| Tables::empty(alone))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::EntryRef;
    use crate::workspace::memory::Memory;

    const ANN: &str = r#"{"people": [{"id": "a-b", "name": "Ann Bee", "order": "given-first"}]}"#;

    fn set(default: bool, files: &[&str]) -> TableSet {
        TableSet::new(default, files.iter().map(PathBuf::from).collect())
    }

    #[test]
    fn loads_once_with_origins_until_a_file_changes() {
        let fs = Memory::with(&[("/w/t.json", ANN)]);
        let cache = TableCache::default();
        let s = set(true, &["/w/t.json"]);
        let t = cache.load(&fs, &s).unwrap();
        assert_eq!(t.files.len(), 2);
        assert_eq!(t.files[0].path, None);
        assert_eq!(t.files[1].entries, 1);
        let ann = t
            .index
            .table
            .whole()
            .people
            .iter()
            .position(|p| p.id == "a-b")
            .unwrap();
        assert_eq!(
            t.origins.get(EntryRef::Person(ann as u32)),
            Some((1, "people[0]".into()))
        );
        assert_eq!(
            t.origins.get(EntryRef::Person(0)),
            Some((0, "people[0]".into()))
        );
        // Read once, however often it is asked for.
        assert!(Arc::ptr_eq(&t, &cache.load(&fs, &s).unwrap()));
        assert_eq!(fs.reads("/w/t.json"), 1);
        // A new stamp loads it again.
        fs.write("/w/t.json", r#"{"people": []}"#);
        let t2 = cache.load(&fs, &s).unwrap();
        assert_ne!(t.id, t2.id);
        assert_eq!(t2.files[1].entries, 0);
        assert_eq!(fs.reads("/w/t.json"), 2);
    }

    #[test]
    fn all_or_nothing_names_every_problem() {
        let fs = Memory::with(&[("/w/bad.json", "{ nope")]);
        let errors = TableCache::default()
            .load(&fs, &set(true, &["/w/missing.json", "/w/bad.json"]))
            .unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].file, "/w/missing.json");
        let errors = TableCache::default()
            .load(&fs, &set(true, &["/w/bad.json"]))
            .unwrap_err();
        assert_eq!(
            (errors[0].file.as_str(), errors[0].line),
            ("/w/bad.json", 1)
        );
    }

    #[test]
    fn a_missing_or_broken_file_does_not_block_the_others() {
        let fs = Memory::with(&[("/w/good.json", ANN), ("/w/bad.json", "{ nope")]);
        let cache = TableCache::default();
        let s = set(true, &["/w/missing.json", "/w/bad.json", "/w/good.json"]);
        let (t, problems) = cache.load_or_keep(&fs, &s);
        assert!(t.index.table.person_with_id("a-b").is_some());
        assert!(t.index.table.person_with_id("simon-ridley").is_some());
        let problems = problems.unwrap();
        assert_eq!(problems.len(), 2, "{problems:?}");
        // Not loaded again while nothing changes.
        assert!(cache.load_or_keep(&fs, &s).1.is_none());
        // The strict way does not take the partial load.
        assert!(cache.load(&fs, &s).is_err());
    }

    #[test]
    fn a_broken_table_keeps_its_last_good_text() {
        let fs = Memory::with(&[("/w/t.json", ANN)]);
        let cache = TableCache::default();
        let s = set(false, &["/w/t.json"]);
        assert_eq!(cache.load_or_keep(&fs, &s).0.entries(), 1);
        fs.write("/w/t.json", "{ broken");
        let (t, problems) = cache.load_or_keep(&fs, &s);
        assert_eq!(t.entries(), 1);
        assert_eq!(problems.unwrap().len(), 1);
        fs.write("/w/t.json", r#"{"people": []}"#);
        let (t, problems) = cache.load_or_keep(&fs, &s);
        assert_eq!(t.entries(), 0);
        assert_eq!(problems, Some(vec![]));
        // Marked stale: loaded again though nothing changed.
        assert!(cache.invalidate(&fs, Some(Path::new("/w/t.json"))));
        assert!(cache.load_or_keep(&fs, &s).1.is_some());
        assert!(!cache.invalidate(&fs, Some(Path::new("/w/other.json"))));
    }

    /// A file system with a JSON table, and its compiled table beside it.
    fn compiled_beside_json() -> Memory {
        let fs = Memory::with(&[("/w/t.json", ANN)]);
        let bytes = compile_tables(&fs, &set(true, &["/w/t.json"])).unwrap();
        fs.write_bytes("/w/t.idx", &bytes);
        fs
    }

    #[test]
    fn an_up_to_date_compiled_table_beside_the_json_is_used_without_reading_the_json() {
        let fs = compiled_beside_json();
        let t = load_tables(&fs, &set(true, &["/w/t.json"])).unwrap();
        assert!(matches!(t.index.table, crate::table::Entries::Mapped(_)));
        assert_eq!(fs.reads("/w/t.json"), 1, "read once, to compile");
        assert!(t.notes.is_empty(), "{:?}", t.notes);
        let ann = t.index.table.person_position("a-b").unwrap();
        assert_eq!(
            t.origins.get(EntryRef::Person(ann)),
            Some((1, "people[0]".into()))
        );
        assert_eq!(t.files[1].entries, 1);
        // Named directly, it is used the same way.
        let t = load_tables(&fs, &set(true, &["/w/t.idx"])).unwrap();
        assert!(matches!(t.index.table, crate::table::Entries::Mapped(_)));
        assert_eq!(t.files[1].path.as_deref(), Some(Path::new("/w/t.json")));
        assert_eq!(fs.reads("/w/t.json"), 1);
    }

    #[test]
    fn a_stale_compiled_table_is_noted_and_the_json_used() {
        let fs = compiled_beside_json();
        fs.write(
            "/w/t.json",
            r#"{"people": [{"id": "c-d", "name": "Cy Dee", "order": "given-first"}]}"#,
        );
        for named in ["/w/t.json", "/w/t.idx"] {
            let t = load_tables(&fs, &set(true, &[named])).unwrap();
            assert!(matches!(t.index.table, crate::table::Entries::Owned(_)));
            assert!(t.index.table.person_with_id("c-d").is_some());
            assert!(t.index.table.person_with_id("a-b").is_none());
            assert_eq!(t.notes.len(), 1, "{:?}", t.notes);
            assert!(
                t.notes[0].contains("/w/t.idx: not used, /w/t.json changed since it was compiled"),
                "{}",
                t.notes[0]
            );
        }
        // Compiled without the default table: not the set wanted.
        let fs = Memory::with(&[("/w/t.json", ANN)]);
        let bytes = compile_tables(&fs, &set(false, &["/w/t.json"])).unwrap();
        fs.write_bytes("/w/t.idx", &bytes);
        let t = load_tables(&fs, &set(true, &["/w/t.json"])).unwrap();
        assert!(matches!(t.index.table, crate::table::Entries::Owned(_)));
        assert!(
            t.notes[0].contains("without the default table"),
            "{:?}",
            t.notes
        );
        let t = load_tables(&fs, &set(false, &["/w/t.json"])).unwrap();
        assert!(matches!(t.index.table, crate::table::Entries::Mapped(_)));
    }

    #[test]
    fn a_truncated_corrupt_or_foreign_compiled_table_is_noted_and_the_json_used() {
        let good = compile_tables(
            &Memory::with(&[("/w/t.json", ANN)]),
            &set(true, &["/w/t.json"]),
        )
        .unwrap();
        let mut corrupt = good.clone();
        let last = corrupt.len() - 1;
        corrupt[last] ^= 1;
        let cases: [(&[u8], &str); 3] = [
            (&good[..good.len() - 10], "truncated"),
            (&corrupt, "corrupt"),
            (b"PK\x03\x04 not an index", "not a compiled copydesk table"),
        ];
        for (bytes, why) in cases {
            let fs = Memory::with(&[("/w/t.json", ANN)]);
            fs.write_bytes("/w/t.idx", bytes);
            let t = load_tables(&fs, &set(true, &["/w/t.json"])).unwrap();
            assert!(
                matches!(t.index.table, crate::table::Entries::Owned(_)),
                "{why}"
            );
            assert!(t.index.table.person_with_id("a-b").is_some());
            assert!(
                t.notes.len() == 1 && t.notes[0].contains(why) && t.notes[0].contains("/w/t.idx"),
                "{why}: {:?}",
                t.notes
            );
            // The server's way reads the JSON too.
            let (t, problems) = TableCache::default().load_or_keep(&fs, &set(true, &["/w/t.json"]));
            assert!(t.index.table.person_with_id("a-b").is_some());
            assert_eq!(problems, Some(vec![]));
        }
        // Named directly, a truncated one still names its JSON, which is read.
        let fs = Memory::with(&[("/w/t.json", ANN)]);
        fs.write_bytes("/w/t.idx", &good[..good.len() - 10]);
        let t = load_tables(&fs, &set(true, &["/w/t.idx"])).unwrap();
        assert!(t.index.table.person_with_id("a-b").is_some());
        // A foreign file named as a compiled table is an error naming it.
        fs.write_bytes("/w/t.idx", b"junk");
        let errors = load_tables(&fs, &set(true, &["/w/t.idx"])).unwrap_err();
        assert_eq!(errors[0].file, "/w/t.idx");
        assert!(
            errors[0].message.contains("not a compiled copydesk table"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_big_json_table_is_compiled_into_the_cache_and_read_from_it_next() {
        // Padded to the size from which tables are kept compiled.
        let big = format!("{}{}", ANN, " ".repeat(CACHE_MIN_BYTES as usize));
        let mut fs = Memory::with(&[("/w/t.json", &big)]);
        fs.cache = Some(PathBuf::from("/cache"));
        let s = set(true, &["/w/t.json"]);
        let t = load_tables(&fs, &s).unwrap();
        assert!(matches!(t.index.table, crate::table::Entries::Owned(_)));
        assert_eq!(fs.reads("/w/t.json"), 1);
        // A new process: the cache's compiled table, the JSON not read.
        let t = load_tables(&fs, &s).unwrap();
        assert!(
            matches!(t.index.table, crate::table::Entries::Mapped(_)),
            "{:?}",
            t.notes
        );
        assert!(t.notes.is_empty());
        assert_eq!(fs.reads("/w/t.json"), 1);
        // Changed: read again, silently, and compiled again.
        fs.write("/w/t.json", &big.replace("Ann Bee", "Ann Bea"));
        let t = load_tables(&fs, &s).unwrap();
        assert!(matches!(t.index.table, crate::table::Entries::Owned(_)));
        assert!(t.notes.is_empty(), "{:?}", t.notes);
        let (t, _) = TableCache::default().load_or_keep(&fs, &s);
        assert!(matches!(t.index.table, crate::table::Entries::Mapped(_)));
        assert_eq!(t.index.table.person_with_id("a-b").unwrap().name, "Ann Bea");
        // Small tables are not kept.
        let mut fs = Memory::with(&[("/w/t.json", ANN)]);
        fs.cache = Some(PathBuf::from("/cache"));
        load_tables(&fs, &s).unwrap();
        assert!(
            load_tables(&fs, &s)
                .unwrap()
                .index
                .table
                .person_with_id("a-b")
                .is_some()
        );
        assert_eq!(fs.reads("/w/t.json"), 2);
    }
}
