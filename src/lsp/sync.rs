//! What the stdin reader does itself, in arrival order, before the framework sees a
//! message: it reads the client's capabilities from `initialize`, and applies
//! `didOpen`/`didChange`/`didSave`/`didClose` to the documents and the settings of
//! `didChangeConfiguration` to the workspace. The framework may run
//! notification handlers concurrently (tower-lsp#284), so document text is never changed
//! there.
//!
//! [`apply_changes`] is the one function that turns a `didChange`'s `contentChanges` into a
//! new text: pure (a document and JSON in, a document or an error out), so tests and fuzz
//! targets drive the very code the server runs. A change it cannot read is refused whole,
//! the text is kept, and the document is marked as lost until the client sends its whole
//! text again (see [`did_change`]).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use serde_json::Value;

use super::documents::{OpenDocument, WorkerHandle, kind_of};
use super::handlers::diagnostics;
use super::proto::{self, MessageType, types::ClientCapabilities};
use super::state::{DiagnosticMode, ServerState};
use super::workspace::parse_editor_settings;
use crate::text::{Document, Encoding, Pos};

/// Why a `didChange` was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeError {
    /// Which change of `contentChanges` (0-based), if the list itself was readable.
    pub index: Option<usize>,
    pub what: String,
}

impl std::fmt::Display for ChangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.index {
            Some(i) => write!(f, "change {} of contentChanges: {}", i + 1, self.what),
            None => f.write_str(&self.what),
        }
    }
}

/// Apply a `didChange`'s `contentChanges` (the JSON as the client sent it), in order, to a
/// copy of `doc`: all of them, or none (an error names the first change that cannot be
/// read). A change with a `range` replaces that range (positions are clamped to the
/// document, as LSP asks); a change without one replaces the whole text. A `range` that is
/// present but not two positions of non-negative 32-bit integers in order, or a `text` that
/// is not a string, is an error.
pub fn apply_changes(
    doc: &Document,
    changes: &Value,
    enc: Encoding,
) -> Result<Document, ChangeError> {
    let list = changes.as_array().ok_or_else(|| ChangeError {
        index: None,
        what: format!("contentChanges must be a list, not {}", json_kind(changes)),
    })?;
    let mut out = doc.clone();
    for (i, c) in list.iter().enumerate() {
        apply_change(&mut out, c, enc).map_err(|what| ChangeError {
            index: Some(i),
            what,
        })?;
    }
    Ok(out)
}

/// Apply one `TextDocumentContentChangeEvent` to a document; on an error the document is
/// unchanged.
pub fn apply_change(doc: &mut Document, change: &Value, enc: Encoding) -> Result<(), String> {
    let obj = change
        .as_object()
        .ok_or_else(|| format!("a change must be an object, not {}", json_kind(change)))?;
    let text = match obj.get("text") {
        Some(Value::String(s)) => s,
        Some(v) => return Err(format!("\"text\" must be a string, not {}", json_kind(v))),
        None => return Err("a change has no \"text\"".to_string()),
    };
    match obj.get("range") {
        None => *doc = Document::new(text, doc.kind),
        Some(r) => {
            let (start, end) = read_range(r)?;
            let a = doc.offset(start, enc);
            let b = doc.offset(end, enc);
            doc.replace(a, b, text);
        }
    }
    Ok(())
}

/// A range as LSP writes it, read strictly: `{start, end}`, each `{line, character}` of
/// unsigned 32-bit integers, the start not after the end.
fn read_range(r: &Value) -> Result<(Pos, Pos), String> {
    let obj = r
        .as_object()
        .ok_or_else(|| format!("\"range\" must be an object, not {}", json_kind(r)))?;
    let start = read_position(obj.get("start"), "start")?;
    let end = read_position(obj.get("end"), "end")?;
    if start > end {
        return Err(format!(
            "the range starts ({}:{}) after it ends ({}:{})",
            start.line, start.col, end.line, end.col
        ));
    }
    Ok((start, end))
}

fn read_position(p: Option<&Value>, name: &str) -> Result<Pos, String> {
    let p = p.ok_or_else(|| format!("the range has no \"{name}\""))?;
    let obj = p
        .as_object()
        .ok_or_else(|| format!("\"{name}\" must be an object, not {}", json_kind(p)))?;
    let num = |key: &str| -> Result<usize, String> {
        let v = obj
            .get(key)
            .ok_or_else(|| format!("\"{name}\" has no \"{key}\""))?;
        v.as_u64()
            .filter(|&n| n <= u64::from(u32::MAX))
            .map(|n| n as usize)
            .ok_or_else(|| {
                format!(
                    "\"{name}.{key}\" must be an integer from 0 to {}, not {}",
                    u32::MAX,
                    short(v)
                )
            })
    };
    Ok(Pos {
        line: num("line")?,
        col: num("character")?,
    })
}

/// What kind of JSON value this is, for a message.
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A value as it may be quoted in a log line: at most a few dozen characters.
fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// A document version as the client sent it: any JSON integer (LSP's are 32-bit, but a
/// bigger one is kept rather than wrapped).
pub fn read_version(v: Option<&Value>) -> Option<i64> {
    v.and_then(Value::as_i64)
}

pub fn before_framework(shared: &Arc<ServerState>, method: &str, msg: &Value) {
    let params = msg.get("params").unwrap_or(&Value::Null);
    match method {
        "initialize" => initialize(shared, params),
        "textDocument/didOpen" => did_open(shared, params),
        "textDocument/didChange" => did_change(shared, params),
        "textDocument/didSave" => did_save(shared, params),
        "textDocument/didClose" => did_close(shared, params),
        "workspace/didChangeConfiguration" => {
            let settings = settings_section(params.get("settings").unwrap_or(&Value::Null));
            // Null settings mean "ask me": the framework's handler asks the client.
            if !settings.is_null() {
                apply_editor_settings(shared, &settings);
            }
        }
        _ => {}
    }
}

/// The `copydesk` section of settings an editor sent, or the settings themselves.
pub fn settings_section(settings: &Value) -> Value {
    match settings {
        Value::Object(o) if o.contains_key("copydesk") => o["copydesk"].clone(),
        other => other.clone(),
    }
}

/// Take an editor's settings (from `initializationOptions` or `didChangeConfiguration`):
/// the log file, the settings, and no settings cached by folder. Applied by the stdin
/// reader in arrival order, so a request that follows a settings change sees it. Returns
/// what could not be read.
pub fn apply_editor_settings(shared: &Arc<ServerState>, settings: &Value) -> Vec<String> {
    let (s, problems) = parse_editor_settings(settings);
    shared.set_log_file(s.log_file.as_deref());
    *shared.workspace.editor.write().expect("editor") = s;
    shared.workspace.forget_settings();
    problems
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
        && std::path::Path::new(p).is_absolute()
    {
        roots.push(super::workspace::normalise(std::path::Path::new(p)));
    }
    *shared.workspace.roots.write().expect("roots") = roots;
    let problems = apply_editor_settings(
        shared,
        params.get("initializationOptions").unwrap_or(&Value::Null),
    );
    for p in problems {
        shared.log(&format!("initializationOptions: {p}"));
    }
    shared.initialized.store(true, Ordering::SeqCst);
}

/// The document a notification is about: the URI as the client wrote it (the key the
/// documents are kept by and that diagnostics are published to) and parsed.
fn text_document_uri(params: &Value) -> Option<(String, proto::Uri)> {
    let s = params.pointer("/textDocument/uri")?.as_str()?;
    Some((s.to_string(), proto::parse_uri(s)?))
}

fn did_open(shared: &Arc<ServerState>, params: &Value) {
    let Some((key, uri)) = text_document_uri(params) else {
        shared.log("didOpen without a valid uri");
        return;
    };
    let td = &params["textDocument"];
    let lang = td.get("languageId").and_then(Value::as_str).unwrap_or("");
    let version = read_version(td.get("version"));
    let (text, lost) = match td.get("text") {
        Some(Value::String(t)) => (t.as_str(), None),
        other => {
            let why = format!(
                "didOpen for {key} without its text ({})",
                other.map_or("missing", json_kind)
            );
            shared.log(&why);
            ("", Some(why))
        }
    };
    let worker = Arc::new(WorkerHandle::default());
    let doc = OpenDocument {
        uri,
        doc: Document::new(text, kind_of(lang, &key)),
        version,
        seq: shared.docs.next_seq(),
        since: Instant::now(),
        lost: lost.clone(),
        analyses: Default::default(),
        worker: worker.clone(),
        last_findings: None,
    };
    let old = shared.docs.lock().insert(key.clone(), doc);
    if let Some(old) = old {
        old.worker.closed.store(true, Ordering::SeqCst);
        old.worker.notify.notify_one();
    }
    if lost.is_some() {
        tell_lost(shared, &key);
    }
    diagnostics::spawn_worker(shared.clone(), key, worker);
}

/// Apply a `didChange` in arrival order. A change that cannot be read is refused (the text
/// is kept) and logged; the client has applied it, so the server's copy is now out of
/// step: the document is marked lost, its diagnostics are withdrawn, requests on it are
/// answered `ContentModified`, and the user is told once how to bring it back (save it:
/// the server asks for the text on save; or close and reopen it). A whole-text change
/// brings it back too. The client's version number is kept as sent and never decides
/// anything: one that goes backwards is logged and the change applied.
fn did_change(shared: &Arc<ServerState>, params: &Value) {
    let Some((key, _)) = text_document_uri(params) else {
        shared.log("didChange without a valid uri");
        return;
    };
    let enc = shared.client.encoding();
    let version_value = params.pointer("/textDocument/version");
    let version = read_version(version_value);
    if version.is_none() {
        shared.log(&format!(
            "didChange for {key}: the version is not an integer ({})",
            version_value.map_or_else(|| "missing".to_string(), short)
        ));
    }
    let changes = params.get("contentChanges").unwrap_or(&Value::Null);
    let mut docs = shared.docs.lock();
    let Some(d) = docs.get_mut(&key) else {
        drop(docs);
        shared.log(&format!("didChange for a document that is not open: {key}"));
        return;
    };
    if let (Some(v), Some(before)) = (version, d.version)
        && v <= before
    {
        shared.log(&format!(
            "didChange for {key}: version {v} after {before}; applied in arrival order"
        ));
    }
    d.version = version.or(d.version);
    let whole_text = changes
        .as_array()
        .is_some_and(|l| l.iter().any(|c| c.is_object() && c.get("range").is_none()));
    let mut newly_lost = false;
    match apply_changes(&d.doc, changes, enc) {
        Ok(doc) if d.lost.is_none() || whole_text => {
            if d.lost.take().is_some() {
                shared.log(&format!(
                    "{key}: the whole text came again; checking it again"
                ));
            }
            d.doc = doc;
        }
        // Still lost: an edit of text the server does not have changes nothing.
        Ok(_) => {}
        Err(e) => {
            shared.log(&format!(
                "didChange for {key} refused, the text is kept: {e}; the server's copy is \
                 out of step with the editor's until the whole text comes again"
            ));
            newly_lost = d.lost.is_none();
            d.lost = Some(e.to_string());
        }
    }
    d.new_text(shared.docs.next_seq());
    d.worker.notify.notify_one();
    drop(docs);
    if newly_lost {
        tell_lost(shared, &key);
    }
}

/// `didSave` with the text (the server asks for it, `save.includeText`): the text as the
/// editor has it, so a lost document is back in step, and a copy that drifted is mended
/// (and the drift logged, since it means a bug somewhere).
fn did_save(shared: &Arc<ServerState>, params: &Value) {
    let Some((key, _)) = text_document_uri(params) else {
        return;
    };
    let Some(text) = params.get("text").and_then(Value::as_str) else {
        return;
    };
    let mut docs = shared.docs.lock();
    let Some(d) = docs.get_mut(&key) else {
        return;
    };
    let was_lost = d.lost.take().is_some();
    if !was_lost && d.doc.rope() == text {
        return;
    }
    if was_lost {
        shared.log(&format!("{key}: saved with its text; back in step"));
    } else {
        shared.log(&format!(
            "{key}: the saved text differs from the server's copy; the saved text is used"
        ));
    }
    d.doc = Document::new(text, d.doc.kind);
    d.new_text(shared.docs.next_seq());
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

/// Tell the user, once per loss, that a document is no longer checked and how to bring it
/// back.
fn tell_lost(shared: &Arc<ServerState>, key: &str) {
    let name = proto::parse_uri(key)
        .and_then(|u| proto::uri_path(&u))
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| key.to_string());
    shared.show_message(
        MessageType::WARNING,
        format!(
            "copydesk lost track of the text of {name} (the editor sent a change it could not \
             read) and stopped checking it. Save it, or close and reopen it, to check it again."
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Kind;
    use serde_json::json;

    fn doc(t: &str) -> Document {
        Document::new(t, Kind::Plain)
    }

    fn range(a: (u32, u32), b: (u32, u32)) -> Value {
        json!({"start": {"line": a.0, "character": a.1}, "end": {"line": b.0, "character": b.1}})
    }

    #[test]
    fn incremental_and_whole_changes() {
        let d = doc("Hoang Xuan Chien\nspoke.");
        let out = apply_changes(
            &d,
            &json!([
                {"range": range((0, 1), (0, 2)), "text": "oà"},
                {"range": range((1, 0), (1, 0)), "text": "then "},
            ]),
            Encoding::Utf16,
        )
        .unwrap();
        assert_eq!(out.text(), "Hoàang Xuan Chien\nthen spoke.");
        let out = apply_changes(&d, &json!([{"text": "new"}]), Encoding::Utf16).unwrap();
        assert_eq!(out.text(), "new");
        // Past the end: clamped, as LSP says.
        let out = apply_changes(
            &d,
            &json!([{"range": range((0, 99), (7, 0)), "text": "!"}]),
            Encoding::Utf16,
        )
        .unwrap();
        assert_eq!(out.text(), "Hoang Xuan Chien!");
    }

    #[test]
    fn malformed_changes_are_refused_whole() {
        let d = doc("abc\ndef");
        let good = json!({"range": range((0, 0), (0, 1)), "text": "X"});
        let bad = [
            json!({"range": {"start": {"line": -1, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}),
            json!({"range": {"start": {"line": 0, "character": 4294967296u64}, "end": {"line": 0, "character": 0}}, "text": "x"}),
            json!({"range": {"start": {"line": "0", "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}),
            json!({"range": {"start": {"line": 0, "character": 0}}, "text": "x"}),
            json!({"range": null, "text": "x"}),
            json!({"range": "0:0-0:1", "text": "x"}),
            json!({"range": {"start": {"line": 0, "character": 1.5}, "end": {"line": 0, "character": 2}}, "text": "x"}),
            json!({"range": range((1, 0), (0, 0)), "text": "x"}),
            json!({"range": range((0, 0), (0, 1))}),
            json!({"range": range((0, 0), (0, 1)), "text": 7}),
            json!("text"),
        ];
        for b in bad {
            let e = apply_changes(&d, &json!([good.clone(), b.clone()]), Encoding::Utf16)
                .expect_err(&b.to_string());
            assert_eq!(e.index, Some(1), "{b}");
            assert!(!e.what.is_empty());
        }
        assert!(apply_changes(&d, &json!({"text": "x"}), Encoding::Utf16).is_err());
        assert!(apply_changes(&d, &Value::Null, Encoding::Utf16).is_err());
        // The document passed in is never touched.
        assert_eq!(d.text(), "abc\ndef");
    }

    #[test]
    fn versions_are_kept_as_sent() {
        assert_eq!(read_version(Some(&json!(2147483648u64))), Some(1 << 31));
        assert_eq!(read_version(Some(&json!(-5))), Some(-5));
        assert_eq!(read_version(Some(&json!("3"))), None);
        assert_eq!(OpenDocument::lsp_version(Some(1 << 31)), None);
        assert_eq!(OpenDocument::lsp_version(Some(5)), Some(5));
    }
}
