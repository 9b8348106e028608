//! Tables as the server holds them: loaded once per set of files, with where each entry
//! came from (for go-to-definition) and a completion list. A table that fails to load
//! stays as it last loaded (or is left out until it loads), and the others load.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::table::{
    DEFAULT_TABLE, DEFAULT_TABLE_NAME, EntryRef, Index, Table, TableError, load_tables, parse_table,
};
use crate::text::fold::fold_key;

/// Which tables a document uses: the default table or not, and the files, in order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TableKey {
    pub default: bool,
    pub files: Vec<PathBuf>,
}

/// One table file of a load.
#[derive(Debug, Clone)]
pub struct TableFile {
    /// As shown: the path, or the default table's name.
    pub name: String,
    /// A file on disk (for the default table, the read-only copy).
    pub path: PathBuf,
    pub text: Arc<str>,
    pub entries: usize,
}

/// A loaded set of tables.
#[derive(Debug)]
pub struct Loaded {
    /// Unique per load.
    pub id: u64,
    pub key: TableKey,
    pub index: Arc<Index>,
    pub files: Vec<TableFile>,
    /// For each entry of the merged table: the file it comes from and its JSON path there.
    pub origins: HashMap<EntryRef, (usize, String)>,
    completions: OnceLock<Vec<Candidate>>,
    /// Positions of entries in their files, found once (by entry and encoding).
    pub positions: Mutex<HashMap<(EntryRef, u8), Option<LineCol>>>,
}

/// A 0-based line and column.
pub type LineCol = (usize, usize);

/// Something completion can offer.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Folded, lowercase: what typed text is matched against.
    pub key: String,
    pub label: String,
    pub what: CandidateKind,
    pub entry: Option<EntryRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateKind {
    Person,
    SecondReference,
    Title,
    Organisation,
    Place,
    Event,
    Law,
}

impl Loaded {
    /// Candidates whose key starts with `prefix` (folded, lowercase), at most `max`.
    pub fn complete(&self, prefix: &str, max: usize) -> Vec<&Candidate> {
        let list = self
            .completions
            .get_or_init(|| candidates(&self.index.table));
        let start = list.partition_point(|c| c.key.as_str() < prefix);
        list[start..]
            .iter()
            .take_while(|c| c.key.starts_with(prefix))
            .take(max)
            .collect()
    }

    pub fn entries(&self) -> usize {
        self.index.table.entries()
    }
}

fn candidates(t: &Table) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut add = |label: &str, what, entry| {
        out.push(Candidate {
            key: fold_key(label),
            label: label.to_string(),
            what,
            entry,
        })
    };
    for (i, p) in t.people.iter().enumerate() {
        let e = Some(EntryRef::Person(i as u32));
        add(&p.name, CandidateKind::Person, e);
        for a in &p.aliases {
            add(a, CandidateKind::Person, e);
        }
        if let Some(s) = p.second_reference() {
            add(s, CandidateKind::SecondReference, e);
        }
        for h in &p.titles {
            add(&h.title, CandidateKind::Title, None);
        }
    }
    for v in &t.titles {
        add(&v.title, CandidateKind::Title, None);
    }
    for (i, o) in t.organisations.iter().enumerate() {
        let e = Some(EntryRef::Organisation(i as u32));
        for n in std::iter::once(&o.name)
            .chain(&o.variants)
            .chain(&o.aliases)
        {
            add(n, CandidateKind::Organisation, e);
        }
    }
    for (i, o) in t.places.iter().enumerate() {
        let e = Some(EntryRef::Place(i as u32));
        for n in std::iter::once(&o.name)
            .chain(&o.variants)
            .chain(&o.aliases)
        {
            add(n, CandidateKind::Place, e);
        }
    }
    for (i, ev) in t.events.iter().enumerate() {
        add(
            &ev.name,
            CandidateKind::Event,
            Some(EntryRef::Event(i as u32)),
        );
    }
    for (i, l) in t.laws.iter().enumerate() {
        add(&l.name, CandidateKind::Law, Some(EntryRef::Law(i as u32)));
    }
    out.sort_by(|a, b| a.key.cmp(&b.key).then(a.label.cmp(&b.label)));
    out.dedup_by(|a, b| a.key == b.key && a.label == b.label && a.what == b.what);
    out
}

fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The read-only copy of the default table under the temp dir.
pub fn default_table_path() -> PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        DEFAULT_TABLE.hash(&mut h);
        // The crate's own unit tests load the default table in-process: they keep the copy
        // in the git-ignored target/ folder, not in the system temp folder.
        let temp = if cfg!(test) {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-tmp")
        } else {
            std::env::temp_dir()
        };
        let dir = temp.join(format!("copydesk-{:016x}", h.finish()));
        let path = dir.join("default-table.json");
        let same = std::fs::read_to_string(&path).is_ok_and(|t| t == DEFAULT_TABLE);
        if !same {
            let _ = std::fs::create_dir_all(&dir);
            let tmp = dir.join(format!("default-table.{}.tmp", std::process::id()));
            if std::fs::write(&tmp, DEFAULT_TABLE).is_ok() {
                set_read_only(&tmp);
                let _ = std::fs::rename(&tmp, &path);
            }
        }
        path
    })
    .clone()
}

fn set_read_only(p: &Path) {
    if let Ok(meta) = std::fs::metadata(p) {
        let mut perm = meta.permissions();
        perm.set_readonly(true);
        let _ = std::fs::set_permissions(p, perm);
    }
}

/// A table file's name, text and path.
pub type Source = (String, String, PathBuf);

/// Read the files of a set (the default table first). Unreadable files are left out and
/// named in the errors.
pub fn read_sources(key: &TableKey) -> (Vec<Source>, Vec<TableError>) {
    let mut sources: Vec<Source> = Vec::new();
    let mut errors = Vec::new();
    if key.default {
        sources.push((
            DEFAULT_TABLE_NAME.to_string(),
            DEFAULT_TABLE.to_string(),
            default_table_path(),
        ));
    }
    for f in &key.files {
        match std::fs::read_to_string(f) {
            Ok(t) => sources.push((f.display().to_string(), t, f.clone())),
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

/// Load a set of tables from disk, all or nothing.
pub fn load(key: &TableKey) -> Result<Loaded, Vec<TableError>> {
    let (sources, errors) = read_sources(key);
    if !errors.is_empty() {
        return Err(errors);
    }
    load_sources(key, sources)
}

/// Load tables from their texts.
pub fn load_sources(key: &TableKey, sources: Vec<Source>) -> Result<Loaded, Vec<TableError>> {
    let pairs: Vec<(String, String)> = sources
        .iter()
        .map(|(n, t, _)| (n.clone(), t.clone()))
        .collect();
    let table = load_tables(&pairs)?;
    // Where each id was last defined.
    let mut by_id: HashMap<(u8, String), (usize, String)> = HashMap::new();
    let mut files = Vec::new();
    for (i, (name, text, path)) in sources.into_iter().enumerate() {
        let t = parse_table(&name, &text).map_err(|e| vec![e])?;
        for (k, p) in t.people.iter().enumerate() {
            by_id.insert((0, p.id.clone()), (i, format!("people[{k}]")));
        }
        for (k, p) in t.organisations.iter().enumerate() {
            by_id.insert((1, p.id.clone()), (i, format!("organisations[{k}]")));
        }
        for (k, p) in t.places.iter().enumerate() {
            by_id.insert((2, p.id.clone()), (i, format!("places[{k}]")));
        }
        for (k, p) in t.events.iter().enumerate() {
            by_id.insert((3, p.id.clone()), (i, format!("events[{k}]")));
        }
        for (k, p) in t.laws.iter().enumerate() {
            by_id.insert((4, p.id.clone()), (i, format!("laws[{k}]")));
        }
        files.push(TableFile {
            name,
            path,
            text: text.into(),
            entries: t.entries(),
        });
    }
    let mut origins = HashMap::new();
    let mut put = |e: EntryRef, kind: u8, id: &str| {
        if let Some(o) = by_id.get(&(kind, id.to_string())) {
            origins.insert(e, o.clone());
        }
    };
    for (i, x) in table.people.iter().enumerate() {
        put(EntryRef::Person(i as u32), 0, &x.id);
    }
    for (i, x) in table.organisations.iter().enumerate() {
        put(EntryRef::Organisation(i as u32), 1, &x.id);
    }
    for (i, x) in table.places.iter().enumerate() {
        put(EntryRef::Place(i as u32), 2, &x.id);
    }
    for (i, x) in table.events.iter().enumerate() {
        put(EntryRef::Event(i as u32), 3, &x.id);
    }
    for (i, x) in table.laws.iter().enumerate() {
        put(EntryRef::Law(i as u32), 4, &x.id);
    }
    Ok(Loaded {
        id: next_id(),
        key: key.clone(),
        index: Arc::new(Index::new(table)),
        files,
        origins,
        completions: OnceLock::new(),
        positions: Mutex::new(HashMap::new()),
    })
}

struct Slot {
    loaded: Arc<Loaded>,
    stale: bool,
}

/// What a load went wrong with, for the server to show.
#[derive(Debug, Default)]
pub struct Reports {
    /// Table files whose problems changed: (file, problems now; empty: fixed).
    pub files: Vec<(PathBuf, Vec<TableError>)>,
    /// One message per set of tables that became broken.
    pub messages: Vec<String>,
}

/// Every loaded set of tables.
#[derive(Default)]
pub struct TableStore {
    slots: Mutex<HashMap<TableKey, Slot>>,
    /// Problems shown now, by file.
    shown: Mutex<HashMap<PathBuf, Vec<TableError>>>,
    /// Sets of tables currently broken (so the message is sent once).
    broken: Mutex<HashMap<TableKey, String>>,
    reports: Mutex<Reports>,
    /// The last text of each file that loaded.
    good: Mutex<HashMap<PathBuf, String>>,
}

impl TableStore {
    /// The tables for a key, loading them if needed. Never fails: a broken set keeps its last
    /// good load, or falls back to the default table alone (or an empty table).
    pub fn get(&self, key: &TableKey) -> Arc<Loaded> {
        let mut slots = self.slots.lock().expect("table slots");
        if let Some(s) = slots.get(key)
            && !s.stale
        {
            return s.loaded.clone();
        }
        let (mut sources, mut problems) = read_sources(key);
        let mut loaded = None;
        // A file with problems is replaced by its last good text, or left out.
        for _ in 0..=key.files.len() {
            match load_sources(key, sources.clone()) {
                Ok(l) => {
                    loaded = Some(l);
                    break;
                }
                Err(errors) => {
                    let good = self.good.lock().expect("good tables");
                    let mut changed = false;
                    sources.retain_mut(|(name, text, path)| {
                        if !errors.iter().any(|e| &e.file == name) {
                            return true;
                        }
                        changed = true;
                        match good.get(path) {
                            Some(g) if g != text => {
                                *text = g.clone();
                                true
                            }
                            _ => false,
                        }
                    });
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
        let loaded = match loaded {
            Some(l) => {
                let mut good = self.good.lock().expect("good tables");
                for f in &l.files {
                    if f.name != DEFAULT_TABLE_NAME {
                        good.insert(f.path.clone(), f.text.to_string());
                    }
                }
                Arc::new(l)
            }
            None => match slots.get(key) {
                Some(s) => s.loaded.clone(),
                None => Arc::new(fallback(key)),
            },
        };
        self.set_problems(key, problems);
        slots.insert(
            key.clone(),
            Slot {
                loaded: loaded.clone(),
                stale: false,
            },
        );
        loaded
    }

    /// Mark every set that holds `path` (or every set, with `None`) for reloading.
    /// Returns whether any was marked.
    pub fn invalidate(&self, path: Option<&Path>) -> bool {
        let mut any = false;
        for (k, s) in self.slots.lock().expect("table slots").iter_mut() {
            if path.is_none_or(|p| k.files.iter().any(|f| same_file(f, p))) {
                s.stale = true;
                any = true;
            }
        }
        any
    }

    /// Every table file in use.
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

    /// Take what is to be shown.
    pub fn take_reports(&self) -> Reports {
        std::mem::take(&mut *self.reports.lock().expect("reports"))
    }

    fn set_problems(&self, key: &TableKey, errors: Vec<TableError>) {
        let mut reports = self.reports.lock().expect("reports");
        let mut shown = self.shown.lock().expect("shown");
        let mut broken = self.broken.lock().expect("broken");
        for f in &key.files {
            let name = f.display().to_string();
            let now: Vec<TableError> = errors.iter().filter(|e| e.file == name).cloned().collect();
            let before = shown.get(f).cloned().unwrap_or_default();
            if before != now {
                reports.files.push((f.clone(), now.clone()));
                if now.is_empty() {
                    shown.remove(f);
                } else {
                    shown.insert(f.clone(), now);
                }
            }
        }
        if errors.is_empty() {
            broken.remove(key);
        } else {
            let first = errors[0].to_string();
            let msg = format!(
                "copydesk: {} problem{} in the tables; a table with problems stays as it last loaded (or is left out). First: {first}",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            if !broken.contains_key(key) {
                reports.messages.push(msg.clone());
            }
            broken.insert(key.clone(), msg);
        }
    }
}

fn fallback(key: &TableKey) -> Loaded {
    let key2 = TableKey {
        default: key.default,
        files: Vec::new(),
    };
    load(&key2).unwrap_or_else(|_| Loaded {
        id: next_id(),
        key: key2,
        index: Arc::new(Index::new(Table::default())),
        files: Vec::new(),
        origins: HashMap::new(),
        completions: OnceLock::new(),
        positions: Mutex::new(HashMap::new()),
    })
}

/// Do two paths name the same file?
pub fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_the_default_table_with_origins_and_completions() {
        let l = load(&TableKey {
            default: true,
            files: vec![],
        })
        .unwrap();
        assert_eq!(l.files.len(), 1);
        assert!(l.files[0].path.exists());
        let (file, path) = &l.origins[&EntryRef::Person(0)];
        assert_eq!((*file, path.as_str()), (0, "people[0]"));
        let got: Vec<&str> = l
            .complete("hoang", 10)
            .iter()
            .map(|c| c.label.as_str())
            .collect();
        assert!(got.contains(&"Hoàng Xuân Chiến"), "{got:?}");
    }

    #[test]
    fn a_missing_or_broken_file_does_not_block_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.json");
        std::fs::write(
            &good,
            r#"{"people": [{"id": "a-b", "name": "Ann Bee", "order": "given-first"}]}"#,
        )
        .unwrap();
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, "{ nope").unwrap();
        let key = TableKey {
            default: true,
            files: vec![dir.path().join("missing.json"), bad.clone(), good.clone()],
        };
        let store = TableStore::default();
        let l = store.get(&key);
        assert!(l.index.table.people.iter().any(|p| p.id == "a-b"));
        assert!(l.index.table.people.iter().any(|p| p.id == "simon-ridley"));
        let r = store.take_reports();
        assert_eq!(r.messages.len(), 1);
        assert_eq!(r.files.len(), 2, "{:?}", r.files);
    }

    #[test]
    fn a_broken_table_keeps_the_last_good_one() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("t.json");
        std::fs::write(
            &f,
            r#"{"people": [{"id": "a-b", "name": "Ann Bee", "order": "given-first"}]}"#,
        )
        .unwrap();
        let key = TableKey {
            default: false,
            files: vec![f.clone()],
        };
        let store = TableStore::default();
        assert_eq!(store.get(&key).entries(), 1);
        std::fs::write(&f, "{ broken").unwrap();
        assert!(store.invalidate(Some(&f)));
        assert_eq!(store.get(&key).entries(), 1);
        let r = store.take_reports();
        assert_eq!(r.messages.len(), 1);
        assert_eq!(r.files.len(), 1);
        assert_eq!(r.files[0].1.len(), 1);
        // Still broken: no second message.
        store.invalidate(Some(&f));
        store.get(&key);
        assert!(store.take_reports().messages.is_empty());
        std::fs::write(&f, r#"{"people": []}"#).unwrap();
        store.invalidate(None);
        assert_eq!(store.get(&key).entries(), 0);
        let r = store.take_reports();
        assert!(r.files[0].1.is_empty());
    }
}
