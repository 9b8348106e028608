//! The server's state, shared by the stdin reader, the message handlers and the
//! diagnostics workers.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use tokio::sync::Notify;

use super::proto::Uri;
use super::tables::{Loaded, TableKey, TableStore};
use crate::analysis::BlockCache;
use crate::config::{Config, Settings};
use crate::finding::Finding;
use crate::text::{Document, Encoding, Kind};
use crate::workspace::find_config;

/// The workspace table file the "add to table" actions write.
pub const WORKSPACE_TABLE: &str = "copydesk.table.json";
pub use crate::workspace::CONFIG_FILE;

/// How diagnostics reach the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagnosticMode {
    /// `textDocument/publishDiagnostics` after open and change.
    Push,
    /// The client asks (`textDocument/diagnostic`) and is told to ask again on a table change.
    Pull,
}

/// What the client said it can do, as far as the server cares.
#[derive(Debug, Clone)]
pub struct ClientInfo {
    pub encoding: Encoding,
    pub mode: DiagnosticMode,
    pub document_changes: bool,
    pub create_files: bool,
    pub watch_files: bool,
    pub configuration: bool,
    pub related_information: bool,
    pub code_description: bool,
}

impl Default for ClientInfo {
    fn default() -> Self {
        ClientInfo {
            encoding: Encoding::Utf16,
            mode: DiagnosticMode::Push,
            document_changes: false,
            create_files: false,
            watch_files: false,
            configuration: false,
            related_information: true,
            code_description: true,
        }
    }
}

/// The findings of one version of a document.
#[derive(Debug)]
pub struct Computed {
    pub version: i32,
    /// The settings/tables generation (`Shared::generation`) read before computing: a result
    /// of an older generation is never reused.
    pub generation: u64,
    pub doc: Document,
    pub findings: Vec<Finding>,
    pub tables: Arc<Loaded>,
    pub config: Arc<Config>,
}

/// An open document.
pub struct Doc {
    pub uri: Uri,
    pub doc: Document,
    pub version: i32,
    pub cache: Arc<Mutex<DocCache>>,
    pub worker: Arc<Worker>,
    pub last: Option<Arc<Computed>>,
}

/// A document's block analyses, valid for one load of the tables (the analyses hold
/// phrase ids of that load's index).
#[derive(Default)]
pub struct DocCache {
    tables: u64,
    blocks: BlockCache,
}

impl DocCache {
    /// The block cache for these tables (emptied if it was made with others).
    pub fn for_tables(&mut self, tables: &Loaded) -> &mut BlockCache {
        if self.tables != tables.id {
            self.blocks.clear();
            self.tables = tables.id;
        }
        // Keep it to about what the document holds.
        if self.blocks.len() > 4096 {
            self.blocks.clear();
        }
        &mut self.blocks
    }
}

/// The handle of a document's diagnostics worker.
#[derive(Default)]
pub struct Worker {
    pub notify: Notify,
    pub closed: AtomicBool,
    /// The last version published (push mode), `i64::MIN` before the first.
    pub published: std::sync::atomic::AtomicI64,
}

/// Where a document's settings come from, resolved.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub config: Arc<Config>,
    pub tables: TableKey,
    /// The folder of the workspace table and config file for this document.
    pub home: Option<PathBuf>,
    /// The config file used, if any.
    pub config_file: Option<PathBuf>,
}

/// Everything shared.
pub struct Shared {
    pub client: RwLock<ClientInfo>,
    pub docs: Mutex<HashMap<String, Doc>>,
    /// Workspace folders.
    pub roots: RwLock<Vec<PathBuf>>,
    /// Settings from the editor (initializationOptions, didChangeConfiguration).
    pub editor: RwLock<Settings>,
    pub tables: TableStore,
    /// Resolved settings by folder (invalidated when a config file changes).
    resolved: Mutex<HashMap<PathBuf, Resolved>>,
    /// Config files in use and their problems shown.
    pub config_files: Mutex<HashMap<PathBuf, Option<String>>>,
    pub shutdown: AtomicBool,
    pub exit: AtomicBool,
    pub generation: AtomicU64,
    log: Mutex<Option<std::fs::File>>,
    pub debounce: std::time::Duration,
    pub debug_methods: bool,
    /// The framework's client handle and the runtime, set before serving starts.
    pub lsp_client: std::sync::OnceLock<tower_lsp_server::Client>,
    pub rt: std::sync::OnceLock<tokio::runtime::Handle>,
    /// One showMessage per broken config file.
    pub config_messages: Mutex<std::collections::HashSet<PathBuf>>,
    /// Files the poller watches (when the client does not watch files for us).
    pub watched: Mutex<HashMap<PathBuf, Option<(std::time::SystemTime, u64)>>>,
}

impl Shared {
    pub fn new() -> Shared {
        let debounce = std::env::var("COPYDESK_LSP_DEBOUNCE_MS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(30);
        Shared {
            client: RwLock::new(ClientInfo::default()),
            docs: Mutex::new(HashMap::new()),
            roots: RwLock::new(Vec::new()),
            editor: RwLock::new(Settings::default()),
            tables: TableStore::default(),
            resolved: Mutex::new(HashMap::new()),
            config_files: Mutex::new(HashMap::new()),
            shutdown: AtomicBool::new(false),
            exit: AtomicBool::new(false),
            generation: AtomicU64::new(0),
            log: Mutex::new(None),
            debounce: std::time::Duration::from_millis(debounce),
            debug_methods: std::env::var_os("COPYDESK_LSP_DEBUG").is_some(),
            lsp_client: std::sync::OnceLock::new(),
            rt: std::sync::OnceLock::new(),
            config_messages: Mutex::new(std::collections::HashSet::new()),
            watched: Mutex::new(HashMap::new()),
        }
    }

    pub fn encoding(&self) -> Encoding {
        self.client.read().expect("client").encoding
    }

    pub fn info(&self) -> ClientInfo {
        self.client.read().expect("client").clone()
    }

    /// Write a line to the log: the configured log file, else stderr.
    pub fn log(&self, msg: &str) {
        let mut f = self.log.lock().unwrap_or_else(|e| e.into_inner());
        let line = format!("copydesk lsp: {msg}\n");
        if let Some(file) = f.as_mut()
            && file.write_all(line.as_bytes()).is_ok()
        {
            return;
        }
        let _ = std::io::stderr().write_all(line.as_bytes());
    }

    pub fn set_log_file(&self, path: Option<&str>) {
        let file = path.and_then(|p| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(self.absolute(p))
                .ok()
        });
        *self.log.lock().unwrap_or_else(|e| e.into_inner()) = file;
    }

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
            w.insert(path.to_path_buf(), file_stamp(path));
        }
    }

    /// Forget resolved settings (after a config change).
    pub fn forget_settings(&self) {
        self.resolved.lock().expect("resolved").clear();
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The settings of a document at `path` (a file), or of the workspace (`None`).
    /// Reads config files: call it off the message loop.
    pub fn resolve(&self, path: Option<&Path>) -> Resolved {
        let dir = path
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| self.root_of(None))
            .unwrap_or_default();
        if let Some(r) = self.resolved.lock().expect("resolved").get(&dir) {
            return r.clone();
        }
        let editor = self.editor.read().expect("editor").clone();
        // Every place a config file could appear, up to the one found.
        for d in dir.ancestors() {
            let candidate = d.join(CONFIG_FILE);
            self.note_file(&candidate);
            if candidate.is_file() {
                break;
            }
        }
        let found = if dir.as_os_str().is_empty() {
            Ok(None)
        } else {
            find_config(&dir)
        };
        let (file_settings, config_file, problem) = match found {
            Ok(Some((p, s))) => (Some(s), Some(p), None),
            Ok(None) => (None, None, None),
            Err(e) => {
                // A broken config file: which one? The nearest copydesk.json.
                let p = dir
                    .ancestors()
                    .map(|d| d.join(CONFIG_FILE))
                    .find(|p| p.is_file());
                (None, p, Some(e))
            }
        };
        if let Some(p) = &config_file {
            self.config_files
                .lock()
                .expect("config files")
                .insert(p.clone(), problem.clone());
        }
        let home = config_file
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| self.root_of(path))
            .or_else(|| path.and_then(Path::parent).map(Path::to_path_buf));
        let mut tables: Vec<PathBuf> = editor.tables.iter().map(|t| self.absolute(t)).collect();
        let mut default = !editor.no_default_table;
        let mut settings = editor.clone();
        if let Some(fs) = &file_settings {
            let base = config_file
                .as_deref()
                .and_then(Path::parent)
                .unwrap_or(Path::new("."));
            for t in &fs.tables {
                let p = base.join(t);
                if !tables.contains(&p) {
                    tables.push(p);
                }
            }
            default &= !fs.no_default_table;
            merge_settings(&mut settings, fs);
        }
        for t in &tables {
            self.note_file(t);
        }
        let resolved = Resolved {
            config: Arc::new(Config::from_settings(&settings)),
            tables: TableKey {
                default,
                files: tables,
            },
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

impl Default for Shared {
    fn default() -> Self {
        Shared::new()
    }
}

/// A file's modification time and size, if it exists.
pub fn file_stamp(p: &Path) -> Option<(std::time::SystemTime, u64)> {
    let m = std::fs::metadata(p).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// The workspace's `copydesk.json` over the editor's settings: its rules, style and
/// publication date win where it sets them.
fn merge_settings(into: &mut Settings, file: &Settings) {
    for (k, v) in &file.rules {
        into.rules.insert(k.clone(), *v);
    }
    if !file.style.is_empty() {
        into.style = file.style.clone();
    }
    if file.publication_date.is_some() {
        into.publication_date = file.publication_date;
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
    const KNOWN: [&str; 7] = [
        "tables",
        "noDefaultTable",
        "rules",
        "style",
        "publicationDate",
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
                        "logFile" => s.log_file = part.log_file,
                        _ => {}
                    }
                }
            }
            (s, problems)
        }
    }
}

/// The kind of a document from its language id (and its name).
pub fn kind_of(language_id: &str, uri: &str) -> Kind {
    match language_id {
        "markdown" | "mdx" => Kind::Markdown,
        "plaintext" | "text" => Kind::Plain,
        _ => Kind::of_path(uri),
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
    fn config_file_and_editor_settings_merge() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(
            root.join(CONFIG_FILE),
            r#"{"tables": ["t.json"], "rules": {"name-spelling": "error"}}"#,
        )
        .unwrap();
        let shared = Shared::new();
        *shared.roots.write().unwrap() = vec![root.clone()];
        shared
            .editor
            .write()
            .unwrap()
            .rules
            .insert("name-spelling".into(), crate::config::Level::Hint);
        let r = shared.resolve(Some(&root.join("a.md")));
        assert_eq!(r.tables.files, vec![root.join("t.json")]);
        assert_eq!(r.config.rules["name-spelling"], crate::config::Level::Error);
        assert_eq!(r.home.as_deref(), Some(root.as_path()));
    }
}
