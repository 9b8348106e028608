//! Problems in the settings and tables, shown to the client.

use std::path::PathBuf;
use std::sync::Arc;

use super::handlers::diagnostics::publish;
use super::lanes::{Lane, Priority};
use super::proto::{self, Diagnostic, MessageType, NumberOrString, Uri};
use super::state::ServerState;
use crate::disk::Disk;
use crate::text::{Document, Kind};
use crate::workspace::Files;

/// What to send.
enum Show {
    Diagnostics(Uri, Vec<Diagnostic>),
    Message(String),
}

/// Show what went wrong with the tables (diagnostics in the table files, one message per
/// breakage) and with config files (one message each). Returns at once: the table files
/// are read again (for the problems' positions) in a lane, and the messages sent by a task.
pub fn show_problems(shared: &Arc<ServerState>) {
    let reports = shared.workspace.tables.take_reports();
    let configs: Vec<(PathBuf, String)> = shared
        .workspace
        .config_files
        .lock()
        .expect("config files")
        .iter()
        .filter_map(|(p, e)| e.clone().map(|e| (p.clone(), e)))
        .filter(|(p, _)| {
            shared
                .workspace
                .config_messages
                .lock()
                .expect("config messages")
                .insert(p.clone())
        })
        .collect();
    if reports.files.is_empty() && reports.messages.is_empty() && configs.is_empty() {
        return;
    }
    let (Some(rt), Some(client)) = (shared.rt.get(), shared.client.handle.get().cloned()) else {
        return;
    };
    let s = shared.clone();
    rt.spawn(async move {
        let enc = s.client.encoding();
        let log = s.clone();
        let shows = s
            .lanes
            .run(Lane::Small, Priority::Request, move || {
                let mut out = Vec::new();
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
                    out.push(Show::Diagnostics(uri, diags));
                }
                for m in reports.messages {
                    log.log(&m);
                    out.push(Show::Message(m));
                }
                for (_, e) in configs {
                    log.log(&e);
                    out.push(Show::Message(format!(
                        "copydesk: {e}; the editor's settings are used instead"
                    )));
                }
                out
            })
            .await
            .unwrap_or_default();
        for show in shows {
            match show {
                Show::Diagnostics(uri, diags) => {
                    publish(&s, uri, diags, None).await;
                }
                Show::Message(m) => client.show_message(MessageType::ERROR, m).await,
            }
        }
    });
}
