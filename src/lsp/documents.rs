//! The open documents: each one's text (a rope), versions, block analyses, diagnostics
//! worker and last findings.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use tokio::sync::Notify;

use super::proto::Uri;
use super::tables::ServedTables;
use crate::analysis::Analysis;
use crate::check::Incremental;
use crate::config::Config;
use crate::finding::Finding;
use crate::text::{Document, Kind};

/// An open document.
pub struct OpenDocument {
    pub uri: Uri,
    pub doc: Document,
    /// The client's version number, as it sent it (any integer: a version that goes
    /// backwards or does not fit LSP's 32 bits is kept, only echoed, never compared).
    pub version: Option<i64>,
    /// The server's own count of this text: a new number (from one counter for all
    /// documents) at open and at every change applied. What is computed for a document
    /// carries the `seq` it was computed from; a result whose `seq` is no longer the
    /// document's is stale.
    pub seq: u64,
    /// When the text numbered `seq` arrived.
    pub since: Instant,
    /// Why the server's copy of the text can no longer be trusted (a change it had to
    /// refuse), until the client sends the whole text again (a change without a range, a
    /// save with its text, or opening it again).
    pub lost: Option<String>,
    pub analyses: Arc<Mutex<AnalysisCache>>,
    pub worker: Arc<WorkerHandle>,
    /// The findings last computed.
    pub last_findings: Option<Arc<DocumentFindings>>,
}

impl OpenDocument {
    /// A new text arrived (applied already): its number, from [`Documents::next_seq`], and
    /// when it came.
    pub fn new_text(&mut self, seq: u64) {
        self.seq = seq;
        self.since = Instant::now();
    }

    /// The document as it is now (`key`: its URI as the client wrote it).
    pub fn snapshot(&self, key: &str) -> DocumentSnapshot {
        DocumentSnapshot {
            key: key.to_string(),
            uri: self.uri.clone(),
            doc: self.doc.clone(),
            version: self.version,
            seq: self.seq,
            since: self.since,
            lost: self.lost.is_some(),
            analyses: self.analyses.clone(),
        }
    }

    /// The version to send with what is computed for this document: LSP versions are
    /// 32-bit, so one that does not fit is left out.
    pub fn lsp_version(version: Option<i64>) -> Option<i32> {
        version.and_then(|v| i32::try_from(v).ok())
    }
}

/// The open documents, by URI.
#[derive(Default)]
pub struct Documents {
    open: Mutex<HashMap<String, OpenDocument>>,
    seq: AtomicU64,
}

impl Documents {
    pub fn lock(&self) -> MutexGuard<'_, HashMap<String, OpenDocument>> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new text number (see [`OpenDocument::seq`]).
    pub fn next_seq(&self) -> u64 {
        self.seq.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// A document as it is now, if it is open.
    pub fn snapshot(&self, key: &str) -> Option<DocumentSnapshot> {
        self.lock().get(key).map(|d| d.snapshot(key))
    }

    /// The text number of a document now (`None`: not open).
    pub fn seq_of(&self, key: &str) -> Option<u64> {
        self.lock().get(key).map(|d| d.seq)
    }

    /// The findings last computed for a document, if they are of this text and generation.
    pub fn findings_of(
        &self,
        key: &str,
        seq: u64,
        generation: u64,
    ) -> Option<Arc<DocumentFindings>> {
        let docs = self.lock();
        let f = docs.get(key)?.last_findings.as_ref()?;
        (f.seq == seq && f.generation == generation).then(|| f.clone())
    }

    /// Keep findings as a document's last, unless newer ones are kept already.
    pub fn keep_findings(&self, key: &str, computed: &Arc<DocumentFindings>) {
        if let Some(d) = self.lock().get_mut(key)
            && d.last_findings
                .as_ref()
                .is_none_or(|l| (l.seq, l.generation) <= (computed.seq, computed.generation))
        {
            d.last_findings = Some(computed.clone());
        }
    }

    /// The open document whose URI names this file, if any (by path, so two spellings of
    /// one address are one document).
    pub fn key_of_path(&self, path: &std::path::Path) -> Option<String> {
        self.lock()
            .iter()
            .find(|(_, d)| super::proto::uri_path(&d.uri).as_deref() == Some(path))
            .map(|(k, _)| k.clone())
    }

    /// The diagnostics workers of every open document.
    pub fn workers(&self) -> Vec<Arc<WorkerHandle>> {
        self.lock().values().map(|d| d.worker.clone()).collect()
    }

    /// How many documents are open.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A document as it was when a request arrived or a worker took it.
#[derive(Clone)]
pub struct DocumentSnapshot {
    pub key: String,
    pub uri: Uri,
    pub doc: Document,
    pub version: Option<i64>,
    pub seq: u64,
    /// When this text arrived.
    pub since: Instant,
    /// The server lost track of the text (see [`OpenDocument::lost`]).
    pub lost: bool,
    pub analyses: Arc<Mutex<AnalysisCache>>,
}

/// The findings of one text of a document, with what they were computed from.
#[derive(Debug)]
pub struct DocumentFindings {
    /// The text number ([`OpenDocument::seq`]) they were computed from.
    pub seq: u64,
    /// The client's version of that text.
    pub version: Option<i64>,
    /// The settings/tables generation (`WorkspaceState::generation`) read before computing:
    /// a result of an older generation is never reused.
    pub generation: u64,
    pub doc: Document,
    pub findings: Vec<Finding>,
    pub tables: Arc<ServedTables>,
    pub config: Arc<Config>,
}

/// A document's check between its versions ([`Incremental`]: its block analyses and the
/// last findings by block), valid for one load of the tables (the analyses hold phrase ids
/// of that load's index).
#[derive(Default)]
pub struct AnalysisCache {
    tables: u64,
    check: Incremental,
}

impl AnalysisCache {
    /// The check for these tables (emptied if it was made with others).
    fn for_tables(&mut self, tables: &ServedTables) -> &mut Incremental {
        if self.tables != tables.id {
            self.check.clear();
            self.tables = tables.id;
        }
        &mut self.check
    }

    /// Analyse a text: the text last checked is assembled from what the check keeps;
    /// another is analysed with the cache, which then keeps only the analyses of its
    /// blocks: the document's paragraphs as they are, not every version typed.
    pub fn analyse<'a>(
        &'a mut self,
        text: &'a str,
        kind: Kind,
        tables: &'a ServedTables,
        config: &'a Config,
    ) -> Analysis<'a> {
        let check = self.for_tables(tables);
        if check.checked_last(text, kind, &tables.index, config) {
            return check
                .analysis(text, kind, &tables.index, config)
                .expect("the text last checked");
        }
        Analysis::new(text, kind, &tables.index, config, Some(check.cache()))
    }

    /// The findings of a text: those of a check of the whole text, computed again only for
    /// what changed since the last text checked.
    pub fn check(
        &mut self,
        text: &str,
        kind: Kind,
        tables: &ServedTables,
        config: &Config,
    ) -> Vec<Finding> {
        self.for_tables(tables)
            .check(text, kind, &tables.index, config)
    }

    /// How many block analyses are kept.
    pub fn len(&self) -> usize {
        self.check.cached_blocks()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The handle of a document's diagnostics worker.
#[derive(Default)]
pub struct WorkerHandle {
    pub notify: Notify,
    pub closed: AtomicBool,
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
    use crate::lsp::tables::TableStore;
    use crate::workspace::TableSet;

    #[test]
    fn the_block_cache_keeps_only_the_current_paragraphs() {
        let tables = TableStore::default().get(&TableSet::default_only());
        let config = Config::default();
        let mut cache = AnalysisCache::default();
        let mut text = String::from("Hoang Xuan Chien spoke.\n\nSimon Ridley listened.\n");
        cache.analyse(&text, Kind::Markdown, &tables, &config);
        assert_eq!(cache.len(), 2);
        // Typing in the first paragraph, a letter at a time.
        for c in " Then he left".chars() {
            text.insert(text.find('\n').unwrap(), c);
            cache.analyse(&text, Kind::Markdown, &tables, &config);
            assert_eq!(cache.len(), 2);
        }
    }
}
