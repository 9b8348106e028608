//! Tables as the server holds them: the workspace loads each set once, with where each
//! entry came from (for go-to-definition); the server adds a completion list and reports
//! the problems. A table that fails to load stays as it last loaded (or is left out until
//! it loads), and the others load.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use super::editor_files::default_table_path;
use super::proto::{self, Location};
use crate::disk::Disk;
use crate::table::locate::locate;
use crate::table::{EntryRef, Table, TableError};
use crate::text::fold::fold_key;
use crate::text::{Document, Encoding, Kind};
use crate::workspace::{TableCache, TableFile, TableSet, Tables};

/// A loaded set of tables as the server serves it: the workspace's load, with the
/// completion list and the positions of entries in their files, each found once.
#[derive(Debug)]
pub struct ServedTables {
    pub tables: Arc<Tables>,
    completions: OnceLock<Vec<Candidate>>,
    /// Positions of entries in their files (by entry and encoding).
    pub positions: Mutex<HashMap<(EntryRef, u8), Option<LineCol>>>,
    /// The texts of table files that were loaded compiled (so not read), read when an
    /// entry's place in them is first asked for.
    texts: Mutex<HashMap<usize, Arc<str>>>,
}

impl std::ops::Deref for ServedTables {
    type Target = Tables;
    fn deref(&self) -> &Tables {
        &self.tables
    }
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

impl ServedTables {
    fn new(tables: Arc<Tables>) -> ServedTables {
        ServedTables {
            tables,
            completions: OnceLock::new(),
            positions: Mutex::new(HashMap::new()),
            texts: Mutex::new(HashMap::new()),
        }
    }

    /// The file of a table: the read-only copy for the default table.
    pub fn path(&self, file: &TableFile) -> PathBuf {
        file.path.clone().unwrap_or_else(default_table_path)
    }

    /// Where an entry is written in its table file (found once per entry and encoding).
    pub fn entry_location(&self, e: EntryRef, enc: Encoding) -> Option<Location> {
        let (file, path) = self.origins.get(e)?;
        let f = self.files.get(file)?;
        let key = (e, enc as u8);
        let cached = self.positions.lock().expect("positions").get(&key).copied();
        let (line, character) = match cached {
            Some(p) => p?,
            None => {
                let text = self.text(file, f);
                let (line, col) = locate(&text, &path);
                let doc = Document::new(&text, Kind::Plain);
                let pos = proto::line_col_position(&doc, line, col, enc);
                let p = (pos.line as usize, pos.character as usize);
                self.positions
                    .lock()
                    .expect("positions")
                    .insert(key, Some(p));
                p
            }
        };
        let pos = proto::Position::new(line as u32, character as u32);
        Some(Location {
            uri: proto::path_uri(&self.path(f))?,
            range: proto::Range::new(pos, pos),
        })
    }

    /// The text of table file `i`: as loaded, or read now for a table loaded compiled.
    fn text(&self, i: usize, f: &TableFile) -> Arc<str> {
        let Some(path) = f.path.as_ref().filter(|_| f.text.is_empty()) else {
            return f.text.clone();
        };
        let mut texts = self.texts.lock().expect("table texts");
        texts
            .entry(i)
            .or_insert_with(|| {
                crate::disk::read_text(path, self.set.limit)
                    .map(|t| t.text.into())
                    .unwrap_or_else(|_| "".into())
            })
            .clone()
    }

    /// Candidates whose key starts with `prefix` (folded, lowercase), at most `max`.
    pub fn complete(&self, prefix: &str, max: usize) -> Vec<&Candidate> {
        let list = self
            .completions
            .get_or_init(|| candidates(self.index.table.whole()));
        let start = list.partition_point(|c| c.key.as_str() < prefix);
        list[start..]
            .iter()
            .take_while(|c| c.key.starts_with(prefix))
            .take(max)
            .collect()
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

/// What a load went wrong with, for the server to show.
#[derive(Debug, Default)]
pub struct Reports {
    /// Table files whose problems changed: (file, problems now; empty: fixed).
    pub files: Vec<(PathBuf, Vec<TableError>)>,
    /// One message per set of tables that became broken.
    pub messages: Vec<String>,
}

/// Every loaded set of tables, and the problems shown.
#[derive(Default)]
pub struct TableStore {
    cache: TableCache,
    served: Mutex<HashMap<TableSet, Arc<ServedTables>>>,
    /// Problems shown now, by file.
    shown: Mutex<HashMap<PathBuf, Vec<TableError>>>,
    /// Sets of tables currently broken (so the message is sent once).
    broken: Mutex<HashMap<TableSet, String>>,
    reports: Mutex<Reports>,
}

impl TableStore {
    /// The tables of a set, loading them if needed. Never fails: a broken set keeps its last
    /// good load, or falls back to the default table alone (or an empty table).
    pub fn get(&self, set: &TableSet) -> Arc<ServedTables> {
        let (tables, problems) = self.cache.load_or_keep(&Disk, set);
        if let Some(p) = problems {
            self.set_problems(set, p);
        }
        let mut served = self.served.lock().expect("served tables");
        match served.get(set) {
            Some(l) if l.tables.id == tables.id => l.clone(),
            _ => {
                if !tables.notes.is_empty() {
                    let mut reports = self.reports.lock().expect("reports");
                    reports.messages.extend(tables.notes.iter().cloned());
                }
                let l = Arc::new(ServedTables::new(tables));
                served.insert(set.clone(), l.clone());
                l
            }
        }
    }

    /// Mark every set that holds `path` (or every set, with `None`) for reloading.
    /// Returns whether any was marked.
    pub fn invalidate(&self, path: Option<&Path>) -> bool {
        self.cache.invalidate(&Disk, path)
    }

    /// Every table file in use.
    pub fn files(&self) -> Vec<PathBuf> {
        self.cache.files()
    }

    /// Take what is to be shown.
    pub fn take_reports(&self) -> Reports {
        std::mem::take(&mut *self.reports.lock().expect("reports"))
    }

    fn set_problems(&self, key: &TableSet, errors: Vec<TableError>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completions_and_the_default_table_copy() {
        let l = TableStore::default().get(&TableSet::default_only());
        assert_eq!(l.files.len(), 1);
        assert!(l.path(&l.files[0]).exists());
        let got: Vec<&str> = l
            .complete("hoang", 10)
            .iter()
            .map(|c| c.label.as_str())
            .collect();
        assert!(got.contains(&"Hoàng Xuân Chiến"), "{got:?}");
    }

    #[test]
    fn problems_are_reported_when_they_change_and_once_per_breakage() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("t.json");
        std::fs::write(
            &f,
            r#"{"people": [{"id": "a-b", "name": "Ann Bee", "order": "given-first"}]}"#,
        )
        .unwrap();
        let set = TableSet::new(false, vec![f.clone(), dir.path().join("missing.json")]);
        let store = TableStore::default();
        assert_eq!(store.get(&set).entries(), 1);
        let r = store.take_reports();
        assert_eq!(r.messages.len(), 1);
        assert_eq!(r.files.len(), 1, "{:?}", r.files);
        std::fs::write(&f, "{ broken").unwrap();
        assert!(store.invalidate(Some(&f)));
        assert_eq!(store.get(&set).entries(), 1);
        let r = store.take_reports();
        // Still broken: no second message; t.json's problem is new.
        assert!(r.messages.is_empty());
        assert_eq!(r.files.len(), 1);
        assert_eq!(r.files[0].0, f);
        std::fs::write(&f, r#"{"people": []}"#).unwrap();
        store.invalidate(None);
        assert_eq!(store.get(&set).entries(), 0);
        let r = store.take_reports();
        assert!(r.files[0].1.is_empty());
    }
}
