//! The workspace as the server holds it: the workspace folders, the editor's settings, the
//! settings resolved per folder (through [`crate::workspace`]), the tables, and the files
//! the settings depend on (watched for changes).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use super::tables::TableStore;
use crate::config::{Config, Settings};
use crate::disk::Disk;
use crate::workspace::{Files, Layer, Stamp, TableSet, find_config, resolve};

pub use crate::workspace::CONFIG_FILE;

/// The workspace table file the "add to table" actions write.
pub const WORKSPACE_TABLE: &str = "copydesk.table.json";

/// A document's settings, resolved.
#[derive(Debug, Clone)]
pub struct DocumentSettings {
    pub config: Arc<Config>,
    pub tables: TableSet,
    /// The folder of the workspace table and config file for this document.
    pub home: Option<PathBuf>,
    /// The config file used, if any.
    pub config_file: Option<PathBuf>,
}

/// The workspace's settings and tables.
#[derive(Default)]
pub struct WorkspaceState {
    /// Workspace folders.
    pub roots: RwLock<Vec<PathBuf>>,
    /// Settings from the editor (initializationOptions, didChangeConfiguration).
    pub editor: RwLock<Settings>,
    pub tables: TableStore,
    /// Settings by folder (forgotten when a config file changes).
    resolved: Mutex<HashMap<PathBuf, DocumentSettings>>,
    /// Config files in use and their problems.
    pub config_files: Mutex<HashMap<PathBuf, Option<String>>>,
    /// Broken config files already shown (one message each).
    pub config_messages: Mutex<HashSet<PathBuf>>,
    /// Files the poller watches (when the client does not watch files for us).
    pub watched: Mutex<HashMap<PathBuf, Option<Stamp>>>,
    /// Counts changes of settings and tables: findings of an older generation are stale.
    pub generation: AtomicU64,
}

impl WorkspaceState {
    /// A path from the editor's settings: relative to the first workspace folder.
    pub fn absolute(&self, p: &str) -> PathBuf {
        let p = Path::new(p);
        if p.is_absolute() {
            return p.to_path_buf();
        }
        match self.roots.read().expect("roots").first() {
            Some(r) => r.join(p),
            None => std::env::current_dir().unwrap_or_default().join(p),
        }
    }

    /// Is this file inside a workspace folder, both by its normalised path and by where
    /// its folder's links lead? The server writes files only there.
    pub fn inside(&self, path: &Path) -> bool {
        let p = normalise(path);
        let real = real_path(&p);
        self.roots
            .read()
            .expect("roots")
            .iter()
            .any(|r| p.starts_with(r) && real.starts_with(real_path(r)))
    }

    /// The workspace folder that holds a path (the longest), or the first one.
    pub fn root_of(&self, path: Option<&Path>) -> Option<PathBuf> {
        let roots = self.roots.read().expect("roots");
        if let Some(p) = path
            && let Some(r) = roots
                .iter()
                .filter(|r| p.starts_with(r))
                .max_by_key(|r| r.as_os_str().len())
        {
            return Some(r.clone());
        }
        roots.first().cloned()
    }

    /// Remember the state of a file the settings depend on, for the poller to compare.
    pub fn note_file(&self, path: &Path) {
        let mut w = self.watched.lock().expect("watched");
        if !w.contains_key(path) {
            w.insert(path.to_path_buf(), Disk.stamp(path));
        }
    }

    /// The current generation of settings and tables.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Settings or tables changed: what was computed before is stale.
    pub fn bump_generation(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Forget resolved settings (after a config change).
    pub fn forget_settings(&self) {
        self.resolved.lock().expect("resolved").clear();
        self.bump_generation();
    }

    /// The settings of a document at `path` (a file), or of the workspace (`None`): the
    /// editor's settings under the nearest `copydesk.json` (a broken one is left out and
    /// its problem kept for the status). Reads config files: call it off the message loop.
    pub fn resolve(&self, path: Option<&Path>) -> DocumentSettings {
        let dir = path
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| self.root_of(None))
            .unwrap_or_default();
        if let Some(r) = self.resolved.lock().expect("resolved").get(&dir) {
            return r.clone();
        }
        let editor = self.editor.read().expect("editor").clone();
        let search = find_config(&Disk, &dir);
        // Every place a config file could appear, up to the one found.
        for c in &search.candidates {
            self.note_file(c);
        }
        let (config_layer, config_file, problem) = match search.found {
            Ok(Some((p, s))) => (Some(Layer::config_file(&p, s)), Some(p), None),
            Ok(None) => (None, None, None),
            Err((p, e)) => (None, Some(p), Some(e)),
        };
        if let Some(p) = &config_file {
            self.config_files
                .lock()
                .expect("config files")
                .insert(p.clone(), problem);
        }
        let home = config_file
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| self.root_of(path))
            .or_else(|| path.and_then(Path::parent).map(Path::to_path_buf));
        let editor_layer = Layer {
            tables: editor.tables.iter().map(|t| self.absolute(t)).collect(),
            settings: editor,
        };
        let layers: Vec<Layer> = std::iter::once(editor_layer).chain(config_layer).collect();
        let r = resolve(&layers);
        for t in &r.tables.files {
            self.note_file(t);
        }
        let resolved = DocumentSettings {
            config: Arc::new(r.config),
            tables: r.tables,
            home,
            config_file,
        };
        self.resolved
            .lock()
            .expect("resolved")
            .insert(dir, resolved.clone());
        resolved
    }
}

/// A path with `.` dropped and each `..` taking back the name before it (never above the
/// root), without asking the file system.
pub fn normalise(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Where a path really leads: its nearest existing folder (or the file itself) with its
/// links resolved, and the rest of the path after it.
fn real_path(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut at = path;
    loop {
        if let Ok(real) = at.canonicalize() {
            return rest.iter().rev().fold(real, |p, name| p.join(name));
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// Parse settings sent by an editor, leniently: unknown keys are dropped (and named).
pub fn parse_editor_settings(v: &serde_json::Value) -> (Settings, Vec<String>) {
    let mut problems = Vec::new();
    let Some(obj) = v.as_object() else {
        if !v.is_null() {
            problems.push("settings must be an object".to_string());
        }
        return (Settings::default(), problems);
    };
    const KNOWN: [&str; 9] = [
        "tables",
        "noDefaultTable",
        "rules",
        "style",
        "publicationDate",
        "language",
        "dateOrder",
        "logFile",
        "$schema",
    ];
    let mut clean = serde_json::Map::new();
    for (k, val) in obj {
        if KNOWN.contains(&k.as_str()) {
            if !val.is_null() {
                clean.insert(k.clone(), val.clone());
            }
        } else {
            problems.push(format!("unknown setting {k:?}"));
        }
    }
    match serde_json::from_value::<Settings>(serde_json::Value::Object(clean.clone())) {
        Ok(s) => (s, problems),
        Err(e) => {
            problems.push(format!("settings: {e}"));
            // Keep what parses, key by key.
            let mut s = Settings::default();
            for (k, val) in clean {
                let one = serde_json::json!({ k.clone(): val });
                if let Ok(part) = serde_json::from_value::<Settings>(one) {
                    match k.as_str() {
                        "tables" => s.tables = part.tables,
                        "noDefaultTable" => s.no_default_table = part.no_default_table,
                        "rules" => s.rules = part.rules,
                        "style" => s.style = part.style,
                        "publicationDate" => s.publication_date = part.publication_date,
                        "language" => s.language = part.language,
                        "dateOrder" => s.date_order = part.date_order,
                        "logFile" => s.log_file = part.log_file,
                        _ => {}
                    }
                }
            }
            (s, problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_editor_settings() {
        let (s, p) = parse_editor_settings(&serde_json::json!({
            "rules": {"title-mismatch": "off"}, "bogus": 1, "publicationDate": "nope"
        }));
        assert_eq!(s.rules.len(), 1);
        assert!(s.publication_date.is_none());
        assert_eq!(p.len(), 2, "{p:?}");
    }

    #[test]
    fn paths_are_normalised_and_writes_stay_inside_the_workspace() {
        assert_eq!(
            normalise(Path::new("/ws/a/../../root/./.ssh/x")),
            PathBuf::from("/root/.ssh/x")
        );
        assert_eq!(normalise(Path::new("/../x")), PathBuf::from("/x"));
        assert_eq!(normalise(Path::new("a/../../b")), PathBuf::from("../b"));
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let ws_root = root.join("ws");
        std::fs::create_dir_all(ws_root.join("notes")).unwrap();
        std::fs::create_dir_all(root.join("secret")).unwrap();
        let ws = WorkspaceState::default();
        *ws.roots.write().unwrap() = vec![ws_root.clone()];
        assert!(ws.inside(&ws_root.join("copydesk.table.json")));
        assert!(ws.inside(&ws_root.join("notes/new/copydesk.json")));
        assert!(!ws.inside(&ws_root.join("../secret/copydesk.json")));
        assert!(!ws.inside(&root.join("secret/copydesk.json")));
        #[cfg(unix)]
        {
            // A link inside the workspace that leads out of it.
            std::os::unix::fs::symlink(root.join("secret"), ws_root.join("out")).unwrap();
            assert!(!ws.inside(&ws_root.join("out/copydesk.json")));
        }
        // No workspace folder: nowhere to write.
        assert!(!WorkspaceState::default().inside(&ws_root.join("a.md")));
    }

    #[test]
    fn config_file_and_editor_settings_merge() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(
            root.join(CONFIG_FILE),
            r#"{"tables": ["t.json"], "rules": {"name-spelling": "error"}}"#,
        )
        .unwrap();
        let ws = WorkspaceState::default();
        *ws.roots.write().unwrap() = vec![root.clone()];
        ws.editor
            .write()
            .unwrap()
            .rules
            .insert("name-spelling".into(), crate::config::Level::Hint);
        let r = ws.resolve(Some(&root.join("a.md")));
        assert_eq!(r.tables.files, vec![root.join("t.json")]);
        assert_eq!(r.config.rules["name-spelling"], crate::config::Level::Error);
        assert_eq!(r.home.as_deref(), Some(root.as_path()));
    }
}
