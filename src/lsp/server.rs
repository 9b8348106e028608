//! The framework's entry points: the lifecycle, the notifications, and commands (each to its
//! handler). The requests on documents are served by `requests`, before the framework.

use std::sync::Arc;

use crate::lsp::proto::jsonrpc::Result;

use super::handlers::{code_action, commands, configuration};
use super::proto::{self, Client, LanguageServer, types::*};
use super::state::{DiagnosticMode, ServerState};

pub struct Backend {
    pub shared: Arc<ServerState>,
}

impl Backend {
    pub fn new(client: Client, shared: Arc<ServerState>) -> Backend {
        let _ = shared.client.handle.set(client);
        Backend { shared }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, _: InitializeParams) -> Result<InitializeResult> {
        // The stdin reader has read the capabilities and settings already.
        let info = self.shared.client.support();
        let diagnostic_provider = (info.mode == DiagnosticMode::Pull).then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("copydesk".to_string()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        });
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(proto::encoding_kind(info.encoding)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        // The text on save: how a document whose text the server lost
                        // comes back (see `sync`).
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(true),
                        })),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions::default()),
                definition_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::new(code_action::FIX_ALL),
                        ]),
                        ..CodeActionOptions::default()
                    },
                )),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: commands::COMMANDS.iter().map(|c| c.to_string()).collect(),
                    ..ExecuteCommandOptions::default()
                }),
                diagnostic_provider,
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "copydesk".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        configuration::initialized(&self.shared).await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    // Text sync: applied by the stdin reader in arrival order (see `sync`).
    async fn did_open(&self, _: DidOpenTextDocumentParams) {}
    async fn did_change(&self, _: DidChangeTextDocumentParams) {}
    async fn did_close(&self, _: DidCloseTextDocumentParams) {}
    async fn did_save(&self, _: DidSaveTextDocumentParams) {}

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        configuration::did_change_configuration(&self.shared, params).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        configuration::did_change_watched_files(&self.shared, params).await;
    }

    // The requests on documents (hover, completion, definition, highlights, symbols, code
    // actions, pulled diagnostics) and `copydesk/status` never reach the framework: the
    // stdin reader serves them (`requests`), so they are not implemented here.

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        commands::execute(&self.shared, params).await
    }
}
