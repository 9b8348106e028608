//! One handler per feature. The requests on documents are plain functions of a snapshot of
//! the document, run in a lane by [`super::requests`]; commands and the diagnostics worker
//! reach the lanes through [`blocking`] and `Lanes::run`. A panic in one is caught and
//! answered with an error.

pub mod code_action;
pub mod commands;
pub mod completion;
pub mod configuration;
pub mod definition;
pub mod diagnostics;
pub mod highlight;
pub mod hover;
pub mod status;
pub mod symbols;

use std::borrow::Cow;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use crate::lsp::proto::jsonrpc::{Error, ErrorCode, Result};

use super::documents::DocumentSnapshot;
use super::lanes::{Lane, Priority};
use super::proto;
use super::state::ServerState;
use super::tables::ServedTables;
use super::workspace::DocumentSettings;
use crate::analysis::Analysis;

/// Run `f` in the small lane (see [`super::lanes`]) and wait for it; a panic becomes an
/// error response. For work off the message loop that is not a request on a document
/// (commands).
pub async fn blocking<T, F>(shared: &Arc<ServerState>, what: &'static str, f: F) -> Result<T>
where
    F: FnOnce() -> Result<T> + Send + 'static,
    T: Send + 'static,
{
    let s = shared.clone();
    shared
        .lanes
        .run(Lane::Small, Priority::Request, move || guarded(&s, what, f))
        .await
        .unwrap_or_else(|| Err(internal(format!("copydesk: {what} did not finish"))))
}

/// Run a handler here: a panic in it is logged and answered as an error.
pub fn guarded<T>(shared: &ServerState, what: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let msg = panic_message(payload.as_ref());
        shared.log(&format!("panic in {what}: {msg}"));
        Err(internal(format!("copydesk: {what} failed: {msg}")))
    })
}

pub fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

pub fn internal(message: String) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: Cow::Owned(message),
        data: None,
    }
}

pub fn invalid_params(message: String) -> Error {
    Error::invalid_params(message)
}

/// The settings and tables of a snapshot.
pub fn context(
    shared: &ServerState,
    snap: &DocumentSnapshot,
) -> (DocumentSettings, Arc<ServedTables>) {
    let path = proto::uri_path(&snap.uri);
    let resolved = shared.workspace.resolve(path.as_deref());
    let tables = shared.workspace.tables.get(&resolved.tables);
    (resolved, tables)
}

/// Analyse a snapshot and look at it.
pub fn with_analysis<R>(
    shared: &ServerState,
    snap: &DocumentSnapshot,
    f: impl FnOnce(&Analysis, &ServedTables, &DocumentSettings) -> R,
) -> R {
    let (resolved, tables) = context(shared, snap);
    let text = snap.doc.text();
    let mut cache = snap.analyses.lock().unwrap_or_else(|e| e.into_inner());
    let a = cache.analyse(&text, snap.doc.kind, &tables, &resolved.config);
    f(&a, &tables, &resolved)
}
