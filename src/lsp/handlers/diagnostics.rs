//! Diagnostics: a worker per open document computes findings off the message loop, after a
//! short debounce, with the document's block cache, and publishes them (push mode) never
//! older than the last published. Pull requests are answered from the same computation.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, OnceLock};

use crate::lsp::proto::jsonrpc::Result;

use super::{Snap, blocking, context, snapshot};
use crate::check::check_cached;
use crate::lsp::proto::{
    self, Diagnostic, DiagnosticRelatedInformation, DocumentDiagnosticParams,
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
    Location, MessageType, NumberOrString, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, UnchangedDocumentDiagnosticReport, Uri,
    types::CodeDescription,
};
use crate::lsp::state::{ClientInfo, Computed, DiagnosticMode, Shared, Worker};
use crate::lsp::tables::Loaded;
use crate::table::locate::locate;
use crate::text::{Document, Encoding, Kind};

/// Start the diagnostics worker of a document.
pub fn spawn_worker(shared: Arc<Shared>, key: String, worker: Arc<Worker>) {
    let Some(rt) = shared.rt.get().cloned() else {
        return;
    };
    rt.spawn(run_worker(shared, key, worker));
}

async fn run_worker(shared: Arc<Shared>, key: String, worker: Arc<Worker>) {
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
        let push = shared.info().mode == DiagnosticMode::Push;
        if worker.closed.load(Ordering::SeqCst) {
            if push && let Some(uri) = proto::parse_uri(&key) {
                publish(&shared, uri, Vec::new(), None).await;
            }
            return;
        }
        let snap = {
            let docs = shared.docs.lock().expect("docs");
            match docs.get(&key) {
                Some(d) if Arc::ptr_eq(&d.worker, &worker) => Snap {
                    key: key.clone(),
                    uri: d.uri.clone(),
                    doc: d.doc.clone(),
                    version: d.version,
                    cache: d.cache.clone(),
                    last: None,
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
        report_tables(&shared).await;
        if let Some(d) = shared.docs.lock().expect("docs").get_mut(&key)
            && d.last.as_ref().is_none_or(|l| {
                (l.version, l.generation) <= (computed.version, computed.generation)
            })
        {
            d.last = Some(computed.clone());
        }
        if push {
            let v = i64::from(computed.version);
            let last = worker.published.load(Ordering::SeqCst);
            if v < last {
                continue;
            }
            let diags = to_diagnostics(&computed, &shared.info());
            worker.published.store(v, Ordering::SeqCst);
            publish(&shared, snap.uri, diags, Some(computed.version)).await;
        }
    }
}

async fn publish(shared: &Shared, uri: Uri, diags: Vec<Diagnostic>, version: Option<i32>) {
    if let Some(c) = shared.lsp_client.get() {
        c.publish_diagnostics(uri, diags, version).await;
    }
}

/// Compute the findings of a snapshot off the message loop.
pub async fn compute(shared: &Arc<Shared>, snap: Snap) -> Result<Arc<Computed>> {
    let s = shared.clone();
    let generation = shared.generation.load(Ordering::SeqCst);
    blocking(shared, "diagnostics", move || {
        let (resolved, tables) = context(&s, &snap);
        let text = snap.doc.text();
        let mut cache = snap.cache.lock().unwrap_or_else(|e| e.into_inner());
        let findings = check_cached(
            &text,
            snap.doc.kind,
            &tables.index,
            &resolved.config,
            cache.for_tables(&tables),
        );
        Ok(Arc::new(Computed {
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
pub async fn current(shared: &Arc<Shared>, uri: &Uri) -> Result<Arc<Computed>> {
    let snap = snapshot(shared, uri)?;
    if let Some(l) = &snap.last
        && l.version == snap.version
        && l.generation == shared.generation.load(Ordering::SeqCst)
        && l.doc.len() == snap.doc.len()
        && l.doc.rope() == snap.doc.rope()
    {
        return Ok(l.clone());
    }
    compute(shared, snap).await
}

/// `textDocument/diagnostic`.
pub async fn pull(
    shared: &Arc<Shared>,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let computed = current(shared, &params.text_document.uri).await?;
    report_tables(shared).await;
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
    let items = to_diagnostics(&computed, &shared.info());
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
pub fn to_diagnostics(c: &Computed, info: &ClientInfo) -> Vec<Diagnostic> {
    c.findings
        .iter()
        .map(|f| {
            let related = if info.related_information {
                f.entry.and_then(|e| {
                    let loc = entry_location(&c.tables, e, info.encoding)?;
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

/// Where an entry is written in its table file.
pub fn entry_location(
    tables: &Loaded,
    e: crate::table::EntryRef,
    enc: Encoding,
) -> Option<Location> {
    let (file, path) = tables.origins.get(&e)?;
    let f = tables.files.get(*file)?;
    let key = (e, enc as u8);
    let cached = tables
        .positions
        .lock()
        .expect("positions")
        .get(&key)
        .copied();
    let (line, character) = match cached {
        Some(p) => p?,
        None => {
            let (line, col) = locate(&f.text, path);
            let doc = Document::new(&f.text, Kind::Plain);
            let pos = proto::line_col_position(&doc, line, col, enc);
            let p = (pos.line as usize, pos.character as usize);
            tables
                .positions
                .lock()
                .expect("positions")
                .insert(key, Some(p));
            p
        }
    };
    let pos = proto::Position::new(line as u32, character as u32);
    Some(Location {
        uri: proto::path_uri(&f.path)?,
        range: proto::Range::new(pos, pos),
    })
}

/// The documentation of a rule, as a Markdown file the server writes under the temp dir.
pub fn rule_doc_uri(code: &str) -> Option<Uri> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    let dir = DIR
        .get_or_init(|| {
            let dir = crate::lsp::tables::default_table_path()
                .parent()?
                .join("rules");
            std::fs::create_dir_all(&dir).ok()?;
            for r in crate::rules::RULES {
                let text = format!(
                    "# {}\n\n{}.\n\nDefault severity: {}. Turn it off or change it with `\"rules\": {{ \"{}\": \"off\" }}` in copydesk.json.\n\n{}\n",
                    r.code, r.summary, r.default_severity, r.code, r.explain
                );
                let p = dir.join(format!("{}.md", r.code));
                if std::fs::read_to_string(&p).ok().as_deref() != Some(text.as_str()) {
                    let _ = std::fs::write(&p, text);
                }
            }
            Some(dir)
        })
        .as_ref()?;
    crate::rules::rule(code)?;
    proto::path_uri(&dir.join(format!("{code}.md")))
}

/// Show table problems: diagnostics in the table files, one message per breakage.
pub async fn report_tables(shared: &Shared) {
    let reports = shared.tables.take_reports();
    let Some(client) = shared.lsp_client.get() else {
        return;
    };
    let enc = shared.encoding();
    for (file, errors) in reports.files {
        let Some(uri) = proto::path_uri(&file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let doc = Document::new(&text, Kind::Plain);
        let diags = errors
            .iter()
            .map(|e| {
                let pos = proto::line_col_position(&doc, e.line, e.column, enc);
                Diagnostic {
                    range: proto::Range::new(pos, pos),
                    severity: Some(proto::DiagnosticSeverity::ERROR),
                    code: Some(NumberOrString::String("table-error".into())),
                    source: Some("copydesk".into()),
                    message: if e.path.is_empty() {
                        e.message.clone()
                    } else {
                        format!("{}: {}", e.path, e.message)
                    },
                    ..Diagnostic::default()
                }
            })
            .collect();
        client.publish_diagnostics(uri, diags, None).await;
    }
    for m in reports.messages {
        shared.log(&m);
        client.show_message(MessageType::ERROR, m).await;
    }
    // Broken config files: one message each.
    let problems: Vec<(PathBuf, String)> = shared
        .config_files
        .lock()
        .expect("config files")
        .iter()
        .filter_map(|(p, e)| e.clone().map(|e| (p.clone(), e)))
        .collect();
    for (p, e) in problems {
        if shared
            .config_messages
            .lock()
            .expect("config messages")
            .insert(p.clone())
        {
            shared.log(&e);
            client
                .show_message(
                    MessageType::ERROR,
                    format!("copydesk: {e}; the editor's settings are used instead"),
                )
                .await;
        }
    }
}

/// Recheck every open document (after a table or settings change).
pub async fn recheck_all(shared: &Arc<Shared>) {
    let workers: Vec<Arc<Worker>> = shared
        .docs
        .lock()
        .expect("docs")
        .values()
        .map(|d| d.worker.clone())
        .collect();
    for w in workers {
        w.notify.notify_one();
    }
    if shared.info().mode == DiagnosticMode::Pull
        && let Some(c) = shared.lsp_client.get()
    {
        let c = c.clone();
        tokio::spawn(async move {
            let _ = c.workspace_diagnostic_refresh().await;
        });
    }
}
