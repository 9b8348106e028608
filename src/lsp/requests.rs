//! The requests on documents, served by the server itself rather than by the framework:
//! hover, completion, definition, highlights, symbols, code actions, pulled diagnostics and
//! `copydesk/status` (and `copydesk/debug`).
//!
//! The stdin reader hands each one here in arrival order ([`dispatch`]), so it is taken
//! against the document exactly as the client had it when it asked (a snapshot of the
//! rope, which costs nothing), and queued in a lane ([`super::lanes`]) by the document's
//! size. The answer goes straight to the output queue, once:
//!
//! - `$/cancelRequest` is read by the same reader ([`cancel`]), so it never waits behind the
//!   work it cancels: the request is answered `RequestCancelled` at once; queued work is
//!   then skipped, and running work is dropped when it ends (a handler can also stop early
//!   at its own checkpoints, [`cancelled`]).
//! - A result for a text the document no longer has is dropped: the request is answered
//!   `ContentModified` (for pulled diagnostics, `ServerCancelled` asking the client to ask
//!   again), and work whose document changed while it was queued is not started.
//! - A panic in a handler is answered `InternalError`; the server goes on.
//!
//! The framework keeps `initialize`, `shutdown`, `workspace/executeCommand` (which waits on
//! the client's `workspace/applyEdit`), the notifications, and the client's answers.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::documents::DocumentSnapshot;
use super::framing::{frame, frame_of};
use super::handlers::{
    code_action, completion, definition, diagnostics, guarded, highlight, hover, internal, status,
    symbols,
};
use super::lanes::Lane;
use super::proto::jsonrpc::{Error, ErrorCode, Result};
use super::proto::{Uri, types};
use super::state::ServerState;

/// `ServerCancelled` (LSP 3.17), for a pulled diagnostic the client should ask for again.
pub const SERVER_CANCELLED: i64 = -32802;
/// `ServerNotInitialized`.
const NOT_INITIALIZED: i64 = -32002;

/// The queue of frames for stdout, bounded: when the client does not read, whoever
/// writes waits, and the reader stops taking new work.
pub struct Output {
    tx: tokio::sync::mpsc::Sender<Vec<u8>>,
}

/// Frames the output queue holds before a writer waits.
pub const OUTPUT_FRAMES: usize = 64;

impl Output {
    pub fn new(tx: tokio::sync::mpsc::Sender<Vec<u8>>) -> Output {
        Output { tx }
    }

    /// Queue a frame, waiting while the queue is full (from a plain thread only).
    pub fn send(&self, frame: Vec<u8>) {
        let _ = self.tx.blocking_send(frame);
    }

    /// Queue a frame, waiting while the queue is full (from a task).
    pub async fn queue(&self, frame: Vec<u8>) {
        let _ = self.tx.send(frame).await;
    }
}

/// One request being served.
#[derive(Default)]
pub struct Pending {
    answered: AtomicBool,
}

/// The requests being served, by id.
#[derive(Default)]
pub struct Requests {
    pending: Mutex<HashMap<String, Arc<Pending>>>,
    pub output: OnceLock<Output>,
}

impl Requests {
    /// How many requests are waiting or running.
    pub fn in_flight(&self) -> usize {
        self.pending.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    fn send(&self, v: &Value) {
        self.send_frame(frame(v));
    }

    fn send_frame(&self, bytes: Vec<u8>) {
        if let Some(o) = self.output.get() {
            o.send(bytes);
        }
    }

    /// Send a notification to the client, serialised straight into its frame (diagnostics
    /// of a long document are hundreds of them, on every edit).
    pub async fn notify<P: Serialize>(&self, method: &str, params: &P) {
        #[derive(Serialize)]
        struct Notification<'a, P> {
            jsonrpc: &'static str,
            method: &'a str,
            params: &'a P,
        }
        let note = Notification {
            jsonrpc: "2.0",
            method,
            params,
        };
        if let (Some(o), Ok(bytes)) = (self.output.get(), frame_of(&note)) {
            o.queue(bytes).await;
        }
    }

    /// Answer a request, unless it was answered already (cancelled). Returns when the
    /// answer was serialised, before it was queued (after that, the thread may wait while
    /// the client reads): the end of the server's own side of the request.
    fn answer(&self, id: &Value, pending: &Pending, result: Result<Value>) -> Option<Instant> {
        if pending.answered.swap(true, Ordering::SeqCst) {
            return None;
        }
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id.to_string());
        let bytes = frame(&response(id, result));
        let serialised = Instant::now();
        self.send_frame(bytes);
        Some(serialised)
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<Pending>>> = const { RefCell::new(None) };
}

/// Has the request this thread is serving been cancelled (or answered)? For handlers that
/// can stop early.
pub fn cancelled() -> bool {
    CURRENT.with(|c| {
        c.borrow()
            .as_ref()
            .is_some_and(|p| p.answered.load(Ordering::SeqCst))
    })
}

/// What to do with a result whose document changed meanwhile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stale {
    /// It does not depend on the document's text (locations in table files, the status).
    Keep,
    /// `ContentModified`.
    Drop,
    /// `ServerCancelled` with `retriggerRequest` (pulled diagnostics).
    Retrigger,
}

type Run = Box<dyn FnOnce() -> Result<Value> + Send>;

/// A request ready to run.
struct Routed {
    what: &'static str,
    lane: Lane,
    /// The document and the text number it was taken at.
    doc: Option<(String, u64)>,
    stale: Stale,
    run: Run,
}

/// Serve this message here if it is a request of ours; `false` hands it to the framework.
pub fn dispatch(shared: &Arc<ServerState>, msg: &Value) -> bool {
    let (Some(id), Some(method)) = (msg.get("id"), msg.get("method").and_then(Value::as_str))
    else {
        return false;
    };
    if !is_ours(method) {
        return false;
    }
    let requests = &shared.requests;
    if !shared.initialized.load(Ordering::SeqCst) {
        requests.send(&response(
            id,
            Err(error(NOT_INITIALIZED, "the server is not initialized")),
        ));
        return true;
    }
    if shared.shutdown.load(Ordering::SeqCst) {
        requests.send(&response(id, Err(Error::invalid_request())));
        return true;
    }
    let params = msg.get("params").cloned().unwrap_or(Value::Null);
    let routed = match route(shared, method, params) {
        Ok(r) => r,
        Err(e) => {
            requests.send(&response(id, Err(e)));
            return true;
        }
    };
    let pending = Arc::new(Pending::default());
    requests
        .pending
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(id.to_string(), pending.clone());
    let s = shared.clone();
    let id = id.clone();
    let arrived = Instant::now();
    shared.lanes.submit_waiting(routed.lane, move || {
        let requests = &s.requests;
        if pending.answered.load(Ordering::SeqCst) {
            return;
        }
        let stale = || match &routed.doc {
            Some((key, seq)) => routed.stale != Stale::Keep && s.docs.seq_of(key) != Some(*seq),
            None => false,
        };
        if stale() {
            requests.answer(&id, &pending, Err(stale_error(routed.stale)));
            return;
        }
        CURRENT.with(|c| *c.borrow_mut() = Some(pending.clone()));
        let result = guarded(&s, routed.what, routed.run);
        CURRENT.with(|c| *c.borrow_mut() = None);
        let result = if result.is_ok() && stale() {
            Err(stale_error(routed.stale))
        } else {
            result
        };
        let ok = result.is_ok();
        if let Some(serialised) = requests.answer(&id, &pending, result)
            && s.timing
        {
            s.log(&format!(
                "timing: {} {id} answered{} in {:.3} ms",
                routed.what,
                if ok { "" } else { " with an error" },
                (serialised - arrived).as_secs_f64() * 1000.0
            ));
        }
    });
    true
}

/// `$/cancelRequest`: answer the request now if it is one of ours and not answered yet.
pub fn cancel(shared: &ServerState, msg: &Value) {
    let Some(id) = msg.pointer("/params/id") else {
        return;
    };
    let pending = shared
        .requests
        .pending
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&id.to_string())
        .cloned();
    if let Some(p) = pending {
        shared.requests.answer(
            id,
            &p,
            Err(error(ErrorCode::RequestCancelled.code(), "cancelled")),
        );
    }
}

fn is_ours(method: &str) -> bool {
    matches!(
        method,
        "textDocument/hover"
            | "textDocument/completion"
            | "textDocument/definition"
            | "textDocument/documentHighlight"
            | "textDocument/documentSymbol"
            | "textDocument/codeAction"
            | "textDocument/diagnostic"
            | "copydesk/status"
            | "copydesk/debug"
    )
}

fn route(shared: &Arc<ServerState>, method: &str, params: Value) -> Result<Routed> {
    use types::*;
    match method {
        "textDocument/hover" => on_document(
            shared,
            params,
            "hover",
            Stale::Drop,
            |p: &HoverParams| &p.text_document_position_params.text_document.uri,
            hover::hover,
        ),
        "textDocument/completion" => on_document(
            shared,
            params,
            "completion",
            Stale::Drop,
            |p: &CompletionParams| &p.text_document_position.text_document.uri,
            completion::completion,
        ),
        "textDocument/definition" => on_document(
            shared,
            params,
            "definition",
            Stale::Keep,
            |p: &GotoDefinitionParams| &p.text_document_position_params.text_document.uri,
            definition::definition,
        ),
        "textDocument/documentHighlight" => on_document(
            shared,
            params,
            "documentHighlight",
            Stale::Drop,
            |p: &DocumentHighlightParams| &p.text_document_position_params.text_document.uri,
            highlight::highlight,
        ),
        "textDocument/documentSymbol" => on_document(
            shared,
            params,
            "documentSymbol",
            Stale::Drop,
            |p: &DocumentSymbolParams| &p.text_document.uri,
            symbols::symbols,
        ),
        "textDocument/codeAction" => on_document(
            shared,
            params,
            "codeAction",
            Stale::Drop,
            |p: &CodeActionParams| &p.text_document.uri,
            code_action::code_action,
        ),
        "textDocument/diagnostic" => on_document(
            shared,
            params,
            "diagnostic",
            Stale::Retrigger,
            |p: &DocumentDiagnosticParams| &p.text_document.uri,
            diagnostics::pull,
        ),
        "copydesk/status" => {
            let p: status::StatusParams = parse(params)?;
            let snap = p.uri.as_deref().and_then(|u| shared.docs.snapshot(u));
            let s = shared.clone();
            Ok(Routed {
                what: "copydesk/status",
                lane: snap
                    .as_ref()
                    .map_or(Lane::Small, |d| Lane::for_size(d.doc.len())),
                doc: None,
                stale: Stale::Keep,
                run: Box::new(move || status::status(&s, p, snap)),
            })
        }
        "copydesk/debug" => debug(shared, params),
        _ => Err(Error::method_not_found()),
    }
}

/// A request on an open document: its params read, the document taken as it is now.
fn on_document<P, R>(
    shared: &Arc<ServerState>,
    params: Value,
    what: &'static str,
    stale: Stale,
    uri: fn(&P) -> &Uri,
    f: fn(&Arc<ServerState>, DocumentSnapshot, P) -> Result<R>,
) -> Result<Routed>
where
    P: DeserializeOwned + Send + 'static,
    R: Serialize + 'static,
{
    let p: P = parse(params)?;
    let key = uri(&p).as_str().to_string();
    let snap = shared
        .docs
        .snapshot(&key)
        .ok_or_else(|| Error::invalid_params(format!("copydesk: {key} is not an open document")))?;
    // Pulled diagnostics of a lost document are an empty list (see `diagnostics::pull`).
    if snap.lost && stale != Stale::Retrigger {
        return Err(error(
            ErrorCode::ContentModified.code(),
            "copydesk lost track of this document's text; save it, or close and reopen it",
        ));
    }
    let s = shared.clone();
    Ok(Routed {
        what,
        lane: Lane::for_size(snap.doc.len()),
        doc: Some((key, snap.seq)),
        stale,
        run: Box::new(move || {
            let r = f(&s, snap, p)?;
            serde_json::to_value(r).map_err(|e| internal(format!("copydesk: {what}: {e}")))
        }),
    })
}

fn parse<P: DeserializeOwned>(params: Value) -> Result<P> {
    serde_json::from_value(params).map_err(|e| Error::invalid_params(format!("copydesk: {e}")))
}

/// `copydesk/debug` (only with COPYDESK_LSP_DEBUG set), for tests: `{ "panic": true }`
/// panics; `{ "sleepMs": n, "uri"?: u }` works for that long (in the lane of `u`, dropped
/// if `u` changes meanwhile), stopping early when cancelled; `{ "text": u }` answers the
/// server's copy of a document's text.
fn debug(shared: &Arc<ServerState>, params: Value) -> Result<Routed> {
    if !shared.debug_methods {
        return Err(Error::method_not_found());
    }
    let sleep = params.get("sleepMs").and_then(Value::as_u64).unwrap_or(0);
    let panic = params
        .get("panic")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let text_of = params
        .get("text")
        .and_then(Value::as_str)
        .map(str::to_string);
    let snap = params
        .get("uri")
        .and_then(Value::as_str)
        .or(text_of.as_deref())
        .and_then(|u| shared.docs.snapshot(u));
    Ok(Routed {
        what: "copydesk/debug",
        lane: snap
            .as_ref()
            .map_or(Lane::Small, |d| Lane::for_size(d.doc.len())),
        doc: snap.as_ref().map(|d| (d.key.clone(), d.seq)),
        stale: if text_of.is_some() {
            Stale::Keep
        } else {
            Stale::Drop
        },
        run: Box::new(move || {
            if panic {
                panic!("a panic asked for by copydesk/debug");
            }
            if text_of.is_some() {
                return Ok(snap.map_or(Value::Null, |d| json!(d.doc.text())));
            }
            let until = Instant::now() + std::time::Duration::from_millis(sleep);
            while Instant::now() < until && !cancelled() {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Ok(Value::Null)
        }),
    })
}

fn stale_error(stale: Stale) -> Error {
    match stale {
        Stale::Retrigger => Error {
            code: ErrorCode::ServerError(SERVER_CANCELLED),
            message: "the document changed; ask again".into(),
            data: Some(json!({ "retriggerRequest": true })),
        },
        _ => error(
            ErrorCode::ContentModified.code(),
            "the document changed while this was computed",
        ),
    }
}

fn error(code: i64, message: &str) -> Error {
    Error {
        code: ErrorCode::from(code),
        message: message.to_string().into(),
        data: None,
    }
}

fn response(id: &Value, result: Result<Value>) -> Value {
    match result {
        Ok(v) => json!({ "jsonrpc": "2.0", "id": id, "result": v }),
        Err(e) => {
            let mut err = json!({ "code": e.code.code(), "message": e.message });
            if let Some(d) = e.data {
                err["data"] = d;
            }
            json!({ "jsonrpc": "2.0", "id": id, "error": err })
        }
    }
}
