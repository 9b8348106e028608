//! What the stdin reader does itself, in arrival order, before the framework sees a
//! message: it reads the client's capabilities from `initialize`, and applies
//! `didOpen`/`didChange`/`didClose` to the documents. The framework may run notification
//! handlers concurrently (tower-lsp#284), so document text is never changed there.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use serde_json::Value;

use super::documents::{OpenDocument, WorkerHandle, kind_of};
use super::handlers::diagnostics;
use super::proto::{self, Range, Uri, types::ClientCapabilities};
use super::state::{DiagnosticMode, ServerState};
use super::workspace::parse_editor_settings;
use crate::text::Document;

pub fn before_framework(shared: &Arc<ServerState>, method: &str, msg: &Value) {
    let params = msg.get("params").unwrap_or(&Value::Null);
    match method {
        "initialize" => initialize(shared, params),
        "textDocument/didOpen" => did_open(shared, params),
        "textDocument/didChange" => did_change(shared, params),
        "textDocument/didClose" => did_close(shared, params),
        _ => {}
    }
}

fn initialize(shared: &Arc<ServerState>, params: &Value) {
    // A client whose capabilities do not parse gets the defaults (the framework answers
    // its `initialize` with the error).
    let caps = params
        .get("capabilities")
        .and_then(|c| serde_json::from_value::<ClientCapabilities>(c.clone()).ok())
        .unwrap_or_default();
    let mut support = proto::client_support(&caps);
    match std::env::var("COPYDESK_LSP_DIAGNOSTICS").as_deref() {
        Ok("push") => support.mode = DiagnosticMode::Push,
        Ok("pull") => support.mode = DiagnosticMode::Pull,
        _ => {}
    }
    shared.client.set_support(support);
    // Workspace folders, else the root.
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(folders) = params.get("workspaceFolders").and_then(Value::as_array) {
        for f in folders {
            if let Some(p) = f
                .get("uri")
                .and_then(Value::as_str)
                .and_then(proto::parse_uri)
                .and_then(|u| proto::uri_path(&u))
            {
                roots.push(p);
            }
        }
    }
    if roots.is_empty()
        && let Some(p) = params
            .get("rootUri")
            .and_then(Value::as_str)
            .and_then(proto::parse_uri)
            .and_then(|u| proto::uri_path(&u))
    {
        roots.push(p);
    }
    if roots.is_empty()
        && let Some(p) = params.get("rootPath").and_then(Value::as_str)
    {
        roots.push(PathBuf::from(p));
    }
    *shared.workspace.roots.write().expect("roots") = roots;
    let (settings, problems) =
        parse_editor_settings(params.get("initializationOptions").unwrap_or(&Value::Null));
    shared.set_log_file(settings.log_file.as_deref());
    for p in problems {
        shared.log(&format!("initializationOptions: {p}"));
    }
    *shared.workspace.editor.write().expect("editor") = settings;
    shared.workspace.forget_settings();
}

fn text_document_uri(params: &Value) -> Option<(String, Uri)> {
    let s = params.pointer("/textDocument/uri")?.as_str()?;
    Some((s.to_string(), proto::parse_uri(s)?))
}

fn did_open(shared: &Arc<ServerState>, params: &Value) {
    let Some((key, uri)) = text_document_uri(params) else {
        shared.log("didOpen without a valid uri");
        return;
    };
    let td = &params["textDocument"];
    let text = td.get("text").and_then(Value::as_str).unwrap_or("");
    let lang = td.get("languageId").and_then(Value::as_str).unwrap_or("");
    let version = td.get("version").and_then(Value::as_i64).unwrap_or(0) as i32;
    let worker = Arc::new(WorkerHandle::default());
    let doc = OpenDocument {
        uri,
        doc: Document::new(text, kind_of(lang, &key)),
        version,
        analyses: Default::default(),
        worker: worker.clone(),
        last_findings: None,
    };
    let old = shared.docs.lock().insert(key.clone(), doc);
    if let Some(old) = old {
        old.worker.closed.store(true, Ordering::SeqCst);
        old.worker.notify.notify_one();
    }
    diagnostics::spawn_worker(shared.clone(), key, worker);
}

fn did_change(shared: &Arc<ServerState>, params: &Value) {
    let Some((key, _)) = text_document_uri(params) else {
        shared.log("didChange without a valid uri");
        return;
    };
    let enc = shared.client.encoding();
    let version = params
        .pointer("/textDocument/version")
        .and_then(Value::as_i64)
        .map(|v| v as i32);
    let mut docs = shared.docs.lock();
    let Some(d) = docs.get_mut(&key) else {
        drop(docs);
        shared.log(&format!("didChange for a document that is not open: {key}"));
        return;
    };
    let changes = params
        .get("contentChanges")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for c in &changes {
        let Some(text) = c.get("text").and_then(Value::as_str) else {
            continue;
        };
        match c
            .get("range")
            .and_then(|r| serde_json::from_value::<Range>(r.clone()).ok())
        {
            Some(r) => {
                let (a, b) = proto::byte_range(&d.doc, r, enc);
                d.doc.replace(a, b, text);
            }
            None => d.doc = Document::new(text, d.doc.kind),
        }
    }
    if let Some(v) = version {
        if v <= d.version {
            shared.log(&format!(
                "didChange for {key}: version {v} after {}; applied in arrival order",
                d.version
            ));
        }
        d.version = v;
    }
    d.worker.notify.notify_one();
}

fn did_close(shared: &Arc<ServerState>, params: &Value) {
    let Some((key, _)) = text_document_uri(params) else {
        return;
    };
    if let Some(d) = shared.docs.lock().remove(&key) {
        d.worker.closed.store(true, Ordering::SeqCst);
        d.worker.notify.notify_one();
    }
}
