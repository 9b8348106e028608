//! Problems in the settings and tables, shown to the client.

use std::path::PathBuf;

use super::proto::{self, Diagnostic, MessageType, NumberOrString};
use super::state::ServerState;
use crate::disk::Disk;
use crate::text::{Document, Kind};
use crate::workspace::Files;

/// Show what went wrong with the tables (diagnostics in the table files, one message per
/// breakage) and with config files (one message each).
pub async fn show_problems(shared: &ServerState) {
    let reports = shared.workspace.tables.take_reports();
    let Some(client) = shared.client.handle.get() else {
        return;
    };
    let enc = shared.client.encoding();
    for (file, errors) in reports.files {
        let Some(uri) = proto::path_uri(&file) else {
            continue;
        };
        let text = Disk
            .read(&file, crate::workspace::Limit::table(None))
            .unwrap_or_default();
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
        .workspace
        .config_files
        .lock()
        .expect("config files")
        .iter()
        .filter_map(|(p, e)| e.clone().map(|e| (p.clone(), e)))
        .collect();
    for (p, e) in problems {
        if shared
            .workspace
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
