//! `copydesk/status`: the tables in use and their entries, and the findings of a document.

use std::sync::Arc;

use crate::lsp::proto::jsonrpc::Result;
use serde::Deserialize;
use serde_json::{Value, json};

use super::blocking;
use super::diagnostics::current;
use crate::lsp::proto;
use crate::lsp::state::ServerState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusParams {
    pub uri: Option<String>,
}

pub async fn status(shared: &Arc<ServerState>, params: Option<StatusParams>) -> Result<Value> {
    let uri = params
        .and_then(|p| p.uri)
        .and_then(|u| proto::parse_uri(&u));
    let findings = match &uri {
        Some(u) => current(shared, u).await.ok().map(|c| c.findings.len()),
        None => None,
    };
    let s = shared.clone();
    blocking(shared, "status", move || {
        let path = uri.as_ref().and_then(proto::uri_path);
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
    })
    .await
}
