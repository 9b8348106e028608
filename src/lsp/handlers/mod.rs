//! One handler per feature. Each works on a snapshot of a document, off the message loop
//! ([`blocking`]), and a panic in one is caught and answered with an error.

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
use std::sync::{Arc, Mutex};

use crate::lsp::proto::jsonrpc::{Error, ErrorCode, Result};

use super::proto::{self, Uri};
use super::state::{Computed, DocCache, Resolved, Shared};
use super::tables::Loaded;
use crate::analysis::Analysis;
use crate::text::Document;

/// Run `f` on a blocking thread; a panic becomes an error response.
pub async fn blocking<T, F>(shared: &Arc<Shared>, what: &'static str, f: F) -> Result<T>
where
    F: FnOnce() -> Result<T> + Send + 'static,
    T: Send + 'static,
{
    let joined =
        tokio::task::spawn_blocking(move || std::panic::catch_unwind(AssertUnwindSafe(f))).await;
    match joined {
        Ok(Ok(r)) => r,
        Ok(Err(payload)) => {
            let msg = panic_message(payload.as_ref());
            shared.log(&format!("panic in {what}: {msg}"));
            Err(internal(format!("copydesk: {what} failed: {msg}")))
        }
        Err(e) => {
            shared.log(&format!("{what}: {e}"));
            Err(internal(format!("copydesk: {what} failed: {e}")))
        }
    }
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

/// A document as it is now.
#[derive(Clone)]
pub struct Snap {
    pub key: String,
    pub uri: Uri,
    pub doc: Document,
    pub version: i32,
    pub cache: Arc<Mutex<DocCache>>,
    pub last: Option<Arc<Computed>>,
}

pub fn snapshot(shared: &Shared, uri: &Uri) -> Result<Snap> {
    let key = uri.as_str().to_string();
    let docs = shared.docs.lock().expect("docs");
    match docs.get(&key) {
        Some(d) => Ok(Snap {
            key,
            uri: d.uri.clone(),
            doc: d.doc.clone(),
            version: d.version,
            cache: d.cache.clone(),
            last: d.last.clone(),
        }),
        None => Err(invalid_params(format!(
            "copydesk: {} is not an open document",
            uri.as_str()
        ))),
    }
}

/// The settings and tables of a snapshot.
pub fn context(shared: &Shared, snap: &Snap) -> (Resolved, Arc<Loaded>) {
    let path = proto::uri_path(&snap.uri);
    let resolved = shared.resolve(path.as_deref());
    let tables = shared.tables.get(&resolved.tables);
    (resolved, tables)
}

/// Analyse a snapshot and look at it.
pub fn with_analysis<R>(
    shared: &Shared,
    snap: &Snap,
    f: impl FnOnce(&Analysis, &Loaded, &Resolved) -> R,
) -> R {
    let (resolved, tables) = context(shared, snap);
    let text = snap.doc.text();
    let mut cache = snap.cache.lock().unwrap_or_else(|e| e.into_inner());
    let a = Analysis::new(
        &text,
        snap.doc.kind,
        &tables.index,
        &resolved.config,
        Some(cache.for_tables(&tables)),
    );
    f(&a, &tables, &resolved)
}
