//! `copydesk/status`: the tables in use and their entries, and the findings of a document.

use std::sync::Arc;

use crate::lsp::proto::jsonrpc::Result;
use serde::Deserialize;
use serde_json::{Value, json};

use super::diagnostics::findings;
use crate::lsp::documents::DocumentSnapshot;
use crate::lsp::proto;
use crate::lsp::state::ServerState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusParams {
    pub uri: Option<String>,
}

/// The status; `snap` is the document `params.uri` names, if it is open.
pub fn status(
    s: &Arc<ServerState>,
    params: StatusParams,
    snap: Option<DocumentSnapshot>,
) -> Result<Value> {
    let findings = snap
        .as_ref()
        .filter(|d| !d.lost)
        .map(|d| findings(s, d).findings.len());
    let path = params
        .uri
        .as_deref()
        .and_then(proto::parse_uri)
        .and_then(|u| proto::uri_path(&u));
    let resolved = s.workspace.resolve(path.as_deref());
    let tables = s.workspace.tables.get(&resolved.tables);
    let list: Vec<Value> = tables
        .files
        .iter()
        .map(|f| json!({ "path": f.name, "entries": f.entries }))
        .collect();
    Ok(json!({
        "tables": list,
        "entries": tables.entries(),
        "findings": findings,
    }))
}
