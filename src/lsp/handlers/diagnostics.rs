//! Diagnostics: a worker per open document computes findings in a lane after a short
//! debounce, with the document's incremental check, and publishes them (push mode) only while
//! they are of the document's current text. Pull requests are answered from the same
//! computation.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::lsp::proto::jsonrpc::Result;

use super::{context, panic_message};
use crate::finding::Finding;
use crate::lsp::documents::{DocumentFindings, DocumentSnapshot, OpenDocument, WorkerHandle};
use crate::lsp::editor_files::rule_doc_uri;
use crate::lsp::lanes::{Lane, Priority};
use crate::lsp::problems::show_problems;
use crate::lsp::proto::{
    self, Diagnostic, DiagnosticRelatedInformation, DocumentDiagnosticParams,
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
    NumberOrString, PublishDiagnosticsParams, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, UnchangedDocumentDiagnosticReport, Uri,
    types::CodeDescription,
};
use crate::lsp::state::{ClientSupport, DiagnosticMode, ServerState};

/// Start the diagnostics worker of a document: a task (no thread of its own) that ends
/// when the document is closed or opened again.
pub fn spawn_worker(shared: Arc<ServerState>, key: String, worker: Arc<WorkerHandle>) {
    let Some(rt) = shared.rt.get().cloned() else {
        return;
    };
    rt.spawn(run_worker(shared, key, worker));
}

async fn run_worker(shared: Arc<ServerState>, key: String, worker: Arc<WorkerHandle>) {
    let mut first = true;
    // Diagnostics withdrawn for a lost text (sent once per loss).
    let mut withdrawn = false;
    loop {
        if !first {
            worker.notify.notified().await;
            if !shared.debounce.is_zero() && !worker.closed.load(Ordering::SeqCst) {
                tokio::time::sleep(shared.debounce).await;
            }
        }
        first = false;
        let push = shared.client.support().mode == DiagnosticMode::Push;
        if worker.closed.load(Ordering::SeqCst) {
            if push && let Some(uri) = proto::parse_uri(&key) {
                publish(&shared, uri, Vec::new(), None).await;
            }
            return;
        }
        let snap = match shared.docs.lock().get(&key) {
            Some(d) if Arc::ptr_eq(&d.worker, &worker) => d.snapshot(&key),
            _ => return,
        };
        if snap.lost {
            // What was found in a text the server no longer has would point at the wrong
            // words: withdraw it until the text comes back.
            if push && !withdrawn {
                let version = OpenDocument::lsp_version(snap.version);
                publish(&shared, snap.uri.clone(), Vec::new(), version).await;
            }
            withdrawn = true;
            continue;
        }
        withdrawn = false;
        let s = shared.clone();
        let job = snap.clone();
        let lane = Lane::for_size(snap.doc.len());
        let done = shared
            .lanes
            .run(lane, Priority::Background, move || {
                // Changed while queued: the next round checks the new text.
                if s.docs.seq_of(&job.key) != Some(job.seq) {
                    return None;
                }
                Some(std::panic::catch_unwind(AssertUnwindSafe(|| {
                    let computed = findings(&s, &job);
                    push.then(|| to_diagnostics(&computed, &s.client.support()))
                })))
            })
            .await;
        let diags = match done {
            Some(Some(Ok(d))) => d,
            Some(Some(Err(payload))) => {
                shared.log(&format!(
                    "diagnostics for {key}: {}",
                    panic_message(payload.as_ref())
                ));
                continue;
            }
            _ => continue,
        };
        show_problems(&shared);
        if let Some(diags) = diags {
            // A newer text came meanwhile: its own round publishes.
            if shared.docs.seq_of(&key) != Some(snap.seq) {
                continue;
            }
            let version = OpenDocument::lsp_version(snap.version);
            let count = diags.len();
            publish(&shared, snap.uri, diags, version).await;
            // Taken once the notification is handed to the output (on a loaded machine, this
            // can include a wait after that).
            if shared.timing {
                shared.log(&format!(
                    "timing: diagnostics of {key} (version {}, {count}) published {:.3} ms \
                     after its text arrived",
                    snap.version.map_or("none".to_string(), |v| v.to_string()),
                    snap.since.elapsed().as_secs_f64() * 1000.0
                ));
            }
        }
    }
}

/// `textDocument/publishDiagnostics`, written by the server's own output (serialised once,
/// straight from the types).
pub async fn publish(
    shared: &ServerState,
    uri: Uri,
    diagnostics: Vec<Diagnostic>,
    version: Option<i32>,
) {
    let params = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version,
    };
    shared
        .requests
        .notify("textDocument/publishDiagnostics", &params)
        .await;
}

/// The findings of a snapshot's text: the last ones computed if they are of this text and
/// of the current settings and tables, else computed now (in the caller's lane) with the
/// document's incremental check (`check::Incremental`). Requests and the worker that want the same text compute it
/// once: the second waits for the cache, then finds the first one's result.
pub fn findings(shared: &Arc<ServerState>, snap: &DocumentSnapshot) -> Arc<DocumentFindings> {
    let generation = shared.workspace.generation();
    if let Some(f) = shared.docs.findings_of(&snap.key, snap.seq, generation) {
        return f;
    }
    let (resolved, tables) = context(shared, snap);
    let mut cache = snap.analyses.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(f) = shared.docs.findings_of(&snap.key, snap.seq, generation) {
        return f;
    }
    let text = snap.doc.text();
    let found = cache.check(&text, snap.doc.kind, &tables, &resolved.config);
    let computed = Arc::new(DocumentFindings {
        seq: snap.seq,
        version: snap.version,
        generation,
        doc: snap.doc.clone(),
        findings: found,
        tables,
        config: resolved.config.clone(),
    });
    shared.docs.keep_findings(&snap.key, &computed);
    computed
}

/// `textDocument/diagnostic`. A document whose text the server lost gets an empty list.
pub fn pull(
    shared: &Arc<ServerState>,
    snap: DocumentSnapshot,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let full = |result_id: String, items: Vec<Diagnostic>| {
        DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
            RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items,
                },
            },
        ))
    };
    if snap.lost {
        return Ok(full(format!("lost:{}", snap.seq), Vec::new()));
    }
    let computed = findings(shared, &snap);
    show_problems(shared);
    let result_id = format!(
        "{}:{}:{}",
        computed.seq,
        computed.generation,
        computed.findings.len()
    );
    if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
        return Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            }),
        ));
    }
    let items = to_diagnostics(&computed, &shared.client.support());
    Ok(full(result_id, items))
}

/// Findings as LSP diagnostics.
pub fn to_diagnostics(c: &DocumentFindings, info: &ClientSupport) -> Vec<Diagnostic> {
    c.findings
        .iter()
        .map(|f| to_diagnostic(c, f, info))
        .collect()
}

/// One finding of `c` as an LSP diagnostic.
pub fn to_diagnostic(c: &DocumentFindings, f: &Finding, info: &ClientSupport) -> Diagnostic {
    let related = if info.related_information {
        f.entry.and_then(|e| {
            let loc = c.tables.entry_location(e, info.encoding)?;
            let file = c.tables.files.get(c.tables.origins.get(e)?.0)?;
            Some(vec![DiagnosticRelatedInformation {
                location: loc.clone(),
                message: format!(
                    "checked against {} in {} (line {})",
                    c.tables.index.table.name_of(e),
                    file.name,
                    loc.range.start.line + 1
                ),
            }])
        })
    } else {
        None
    };
    Diagnostic {
        range: proto::range(&c.doc, f.range, info.encoding),
        severity: Some(proto::severity(f.severity)),
        code: Some(NumberOrString::String(f.code.to_string())),
        code_description: if info.code_description {
            rule_doc_uri(f.code).map(|href| CodeDescription { href })
        } else {
            None
        },
        source: Some("copydesk".to_string()),
        message: f.message.clone(),
        related_information: related,
        tags: None,
        data: None,
    }
}

/// Recheck every open document (after a table or settings change).
pub async fn recheck_all(shared: &Arc<ServerState>) {
    let workers = shared.docs.workers();
    for w in workers {
        w.notify.notify_one();
    }
    if shared.client.support().mode == DiagnosticMode::Pull
        && let Some(c) = shared.client.handle.get()
    {
        let c = c.clone();
        tokio::spawn(async move {
            let _ = c.workspace_diagnostic_refresh().await;
        });
    }
}
