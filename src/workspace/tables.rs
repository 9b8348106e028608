//! Sets of tables, loaded once with where each entry came from, and cached by the stamps
//! of their files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::{Files, Limit, Stamp, same_file};
use crate::table::{
    DEFAULT_TABLE, DEFAULT_TABLE_NAME, EntryRef, Index, Table, TableError, load_tables_traced,
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
    pub origins: rustc_hash::FxHashMap<EntryRef, (usize, String)>,
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
            origins: rustc_hash::FxHashMap::default(),
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

/// Read the files of a set (the default table first). Unreadable files are left out and
/// named in the errors.
fn read_sources(files: &dyn Files, set: &TableSet) -> (Vec<Source>, Vec<TableError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    if set.default {
        sources.push(Source {
            name: DEFAULT_TABLE_NAME.to_string(),
            path: None,
            text: DEFAULT_TABLE.to_string(),
        });
    }
    for f in &set.files {
        match files.read(f, set.limit) {
            Ok(text) => sources.push(Source {
                name: f.display().to_string(),
                path: Some(f.clone()),
                text,
            }),
            Err(e) => errors.push(TableError {
                file: f.display().to_string(),
                line: 1,
                column: 1,
                path: String::new(),
                message: format!("cannot read the table: {e}"),
            }),
        }
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

/// Load a set of tables, all or nothing.
pub fn load_tables(files: &dyn Files, set: &TableSet) -> Result<Tables, Vec<TableError>> {
    let (sources, errors) = read_sources(files, set);
    if !errors.is_empty() {
        return Err(errors);
    }
    load_sources(set, sources)
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
        let (mut sources, mut problems) = read_sources(files, set);
        let mut loaded = None;
        for _ in 0..=set.files.len() {
            match load_sources(set, sources.clone()) {
                Ok(l) => {
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
            .people
            .iter()
            .position(|p| p.id == "a-b")
            .unwrap();
        assert_eq!(
            t.origins[&EntryRef::Person(ann as u32)],
            (1, "people[0]".into())
        );
        assert_eq!(t.origins[&EntryRef::Person(0)], (0, "people[0]".into()));
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
        assert!(t.index.table.people.iter().any(|p| p.id == "a-b"));
        assert!(t.index.table.people.iter().any(|p| p.id == "simon-ridley"));
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
}
