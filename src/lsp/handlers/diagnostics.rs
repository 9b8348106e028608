//! Diagnostics: a worker per open document computes findings off the message loop, after a
//! short debounce, with the document's block cache, and publishes them (push mode) never
//! older than the last published. Pull requests are answered from the same computation.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::lsp::proto::jsonrpc::Result;

use super::{blocking, context, snapshot};
use crate::check::check_cached;
use crate::lsp::documents::{DocumentFindings, DocumentSnapshot, WorkerHandle};
use crate::lsp::editor_files::rule_doc_uri;
use crate::lsp::problems::show_problems;
use crate::lsp::proto::{
    self, Diagnostic, DiagnosticRelatedInformation, DocumentDiagnosticParams,
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
    NumberOrString, RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport,
    UnchangedDocumentDiagnosticReport, Uri, types::CodeDescription,
};
use crate::lsp::state::{ClientSupport, DiagnosticMode, ServerState};

/// Start the diagnostics worker of a document.
pub fn spawn_worker(shared: Arc<ServerState>, key: String, worker: Arc<WorkerHandle>) {
    let Some(rt) = shared.rt.get().cloned() else {
        return;
    };
    rt.spawn(run_worker(shared, key, worker));
}

async fn run_worker(shared: Arc<ServerState>, key: String, worker: Arc<WorkerHandle>) {
    worker
        .published
        .store(i64::MIN, std::sync::atomic::Ordering::SeqCst);
    let mut first = true;
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
        let snap = {
            let docs = shared.docs.lock();
            match docs.get(&key) {
                Some(d) if Arc::ptr_eq(&d.worker, &worker) => DocumentSnapshot {
                    key: key.clone(),
                    uri: d.uri.clone(),
                    doc: d.doc.clone(),
                    version: d.version,
                    analyses: d.analyses.clone(),
                    last_findings: None,
                },
                _ => return,
            }
        };
        let computed = match compute(&shared, snap.clone()).await {
            Ok(c) => c,
            Err(e) => {
                shared.log(&format!("diagnostics for {key}: {}", e.message));
                continue;
            }
        };
        show_problems(&shared).await;
        if let Some(d) = shared.docs.lock().get_mut(&key)
            && d.last_findings.as_ref().is_none_or(|l| {
                (l.version, l.generation) <= (computed.version, computed.generation)
            })
        {
            d.last_findings = Some(computed.clone());
        }
        if push {
            let v = i64::from(computed.version);
            let last = worker.published.load(Ordering::SeqCst);
            if v < last {
                continue;
            }
            let diags = to_diagnostics(&computed, &shared.client.support());
            worker.published.store(v, Ordering::SeqCst);
            publish(&shared, snap.uri, diags, Some(computed.version)).await;
        }
    }
}

async fn publish(shared: &ServerState, uri: Uri, diags: Vec<Diagnostic>, version: Option<i32>) {
    if let Some(c) = shared.client.handle.get() {
        c.publish_diagnostics(uri, diags, version).await;
    }
}

/// Compute the findings of a snapshot off the message loop.
pub async fn compute(
    shared: &Arc<ServerState>,
    snap: DocumentSnapshot,
) -> Result<Arc<DocumentFindings>> {
    let s = shared.clone();
    let generation = shared.workspace.generation();
    blocking(shared, "diagnostics", move || {
        let (resolved, tables) = context(&s, &snap);
        let text = snap.doc.text();
        let mut cache = snap.analyses.lock().unwrap_or_else(|e| e.into_inner());
        let findings = check_cached(
            &text,
            snap.doc.kind,
            &tables.index,
            &resolved.config,
            cache.for_tables(&tables),
        );
        Ok(Arc::new(DocumentFindings {
            version: snap.version,
            generation,
            doc: snap.doc.clone(),
            findings,
            tables,
            config: resolved.config.clone(),
        }))
    })
    .await
}

/// The findings of the current version of a document (reusing the last computation).
pub async fn current(shared: &Arc<ServerState>, uri: &Uri) -> Result<Arc<DocumentFindings>> {
    let snap = snapshot(shared, uri)?;
    if let Some(l) = &snap.last_findings
        && l.version == snap.version
        && l.generation == shared.workspace.generation()
        && l.doc.len() == snap.doc.len()
        && l.doc.rope() == snap.doc.rope()
    {
        return Ok(l.clone());
    }
    compute(shared, snap).await
}

/// `textDocument/diagnostic`.
pub async fn pull(
    shared: &Arc<ServerState>,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let computed = current(shared, &params.text_document.uri).await?;
    show_problems(shared).await;
    let result_id = format!(
        "{}:{}:{}",
        computed.version,
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
    Ok(DocumentDiagnosticReportResult::Report(
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: Some(result_id),
                items,
            },
        }),
    ))
}

/// Findings as LSP diagnostics.
pub fn to_diagnostics(c: &DocumentFindings, info: &ClientSupport) -> Vec<Diagnostic> {
    c.findings
        .iter()
        .map(|f| {
            let related = if info.related_information {
                f.entry.and_then(|e| {
                    let loc = c.tables.entry_location(e, info.encoding)?;
                    let file = &c.tables.files[c.tables.origins[&e].0];
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
        })
        .collect()
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
