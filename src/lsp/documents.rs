//! The open documents: each one's text (a rope), version, block analyses, diagnostics
//! worker and last findings.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Notify;

use super::proto::Uri;
use super::tables::ServedTables;
use crate::analysis::BlockCache;
use crate::config::Config;
use crate::finding::Finding;
use crate::text::{Document, Kind};

/// An open document.
pub struct OpenDocument {
    pub uri: Uri,
    pub doc: Document,
    pub version: i32,
    pub analyses: Arc<Mutex<AnalysisCache>>,
    pub worker: Arc<WorkerHandle>,
    /// The findings last computed.
    pub last_findings: Option<Arc<DocumentFindings>>,
}

/// The open documents, by URI.
#[derive(Default)]
pub struct Documents {
    open: Mutex<HashMap<String, OpenDocument>>,
}

impl Documents {
    pub fn lock(&self) -> MutexGuard<'_, HashMap<String, OpenDocument>> {
        self.open.lock().expect("documents")
    }

    /// A document as it is now, if it is open.
    pub fn snapshot(&self, uri: &Uri) -> Option<DocumentSnapshot> {
        let key = uri.as_str();
        self.lock().get(key).map(|d| DocumentSnapshot {
            key: key.to_string(),
            uri: d.uri.clone(),
            doc: d.doc.clone(),
            version: d.version,
            analyses: d.analyses.clone(),
            last_findings: d.last_findings.clone(),
        })
    }

    /// The diagnostics workers of every open document.
    pub fn workers(&self) -> Vec<Arc<WorkerHandle>> {
        self.lock().values().map(|d| d.worker.clone()).collect()
    }
}

/// A document as it was when a handler or worker took it.
#[derive(Clone)]
pub struct DocumentSnapshot {
    pub key: String,
    pub uri: Uri,
    pub doc: Document,
    pub version: i32,
    pub analyses: Arc<Mutex<AnalysisCache>>,
    pub last_findings: Option<Arc<DocumentFindings>>,
}

/// The findings of one version of a document, with what they were computed from.
#[derive(Debug)]
pub struct DocumentFindings {
    pub version: i32,
    /// The settings/tables generation (`WorkspaceState::generation`) read before computing:
    /// a result of an older generation is never reused.
    pub generation: u64,
    pub doc: Document,
    pub findings: Vec<Finding>,
    pub tables: Arc<ServedTables>,
    pub config: Arc<Config>,
}

/// A document's block analyses, valid for one load of the tables (the analyses hold
/// phrase ids of that load's index).
#[derive(Default)]
pub struct AnalysisCache {
    tables: u64,
    blocks: BlockCache,
}

impl AnalysisCache {
    /// The block cache for these tables (emptied if it was made with others).
    pub fn for_tables(&mut self, tables: &ServedTables) -> &mut BlockCache {
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
pub struct WorkerHandle {
    pub notify: Notify,
    pub closed: AtomicBool,
    /// The last version published (push mode), `i64::MIN` before the first.
    pub published: AtomicI64,
}

/// The kind of a document from its language id (and its name).
pub fn kind_of(language_id: &str, uri: &str) -> Kind {
    match language_id {
        "markdown" | "mdx" => Kind::Markdown,
        "plaintext" | "text" => Kind::Plain,
        _ => Kind::of_path(uri),
    }
}
