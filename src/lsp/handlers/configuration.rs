//! Settings and file watching: `workspace/didChangeConfiguration`, `didChangeWatchedFiles`
//! (registered with the client when it can watch files; otherwise the server polls the
//! config and table files it uses), reloading without a restart.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::diagnostics::recheck_all;
use crate::disk::Disk;
use crate::lsp::problems::show_problems;
use crate::lsp::proto::{
    self, MessageType,
    types::{
        ConfigurationItem, DidChangeConfigurationParams, DidChangeWatchedFilesParams,
        DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, Registration,
    },
};
use crate::lsp::state::ServerState;
use crate::lsp::sync::{apply_editor_settings, settings_section};
use crate::lsp::workspace::{CONFIG_FILE, parse_editor_settings};
use crate::workspace::{Files, Stamp};

/// After `initialized`: ask the client to watch JSON files, or watch them ourselves.
pub async fn initialized(shared: &Arc<ServerState>) {
    let info = shared.client.support();
    let client = shared.client.handle.get().cloned();
    if info.watch_files
        && let Some(c) = &client
    {
        let opts = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/*.json".to_string()),
                kind: None,
            }],
        };
        let reg = Registration {
            id: "copydesk-watch".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(opts).ok(),
        };
        if c.register_capability(vec![reg]).await.is_ok() {
            return;
        }
    }
    let s = shared.clone();
    tokio::spawn(async move { poll(s).await });
}

/// Watch the files in use by their modification time and size.
async fn poll(shared: Arc<ServerState>) {
    let period = Duration::from_millis(
        std::env::var("COPYDESK_LSP_POLL_MS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(700),
    );
    loop {
        tokio::time::sleep(period).await;
        let mut files: Vec<PathBuf> = shared.workspace.tables.files();
        files.extend(
            shared
                .workspace
                .config_files
                .lock()
                .expect("config files")
                .keys()
                .cloned(),
        );
        for r in shared.workspace.roots.read().expect("roots").iter() {
            files.push(r.join(CONFIG_FILE));
        }
        let changed: Vec<PathBuf> = {
            let mut w = shared.workspace.watched.lock().expect("watched");
            for f in &files {
                if !w.contains_key(f) {
                    let now = stamp(f);
                    w.insert(f.clone(), now);
                }
            }
            w.iter_mut()
                .filter_map(|(f, old)| {
                    let now = stamp(f);
                    (now != *old).then(|| {
                        *old = now;
                        f.clone()
                    })
                })
                .collect()
        };
        if !changed.is_empty() {
            files_changed(&shared, changed).await;
        }
    }
}

fn stamp(p: &std::path::Path) -> Option<Stamp> {
    Disk.stamp(p)
}

pub async fn did_change_watched_files(
    shared: &Arc<ServerState>,
    params: DidChangeWatchedFilesParams,
) {
    let paths: Vec<PathBuf> = params
        .changes
        .iter()
        .filter_map(|c| proto::uri_path(&c.uri))
        .collect();
    files_changed(shared, paths).await;
}

async fn files_changed(shared: &Arc<ServerState>, paths: Vec<PathBuf>) {
    let mut any = false;
    for p in &paths {
        if p.file_name().is_some_and(|n| n == CONFIG_FILE) {
            shared.workspace.forget_settings();
            shared
                .workspace
                .config_messages
                .lock()
                .expect("config messages")
                .remove(p);
            shared
                .workspace
                .config_files
                .lock()
                .expect("config files")
                .remove(p);
            any = true;
        }
        if shared.workspace.tables.invalidate(Some(p)) {
            any = true;
        }
    }
    if any {
        shared.log(&format!("reloading after a change to {paths:?}"));
        shared.workspace.bump_generation();
        recheck_all(shared).await;
    }
}

/// After the stdin reader applied settings sent with the notification
/// ([`crate::lsp::sync::before_framework`]): ask the client for them if none came, warn about
/// what could not be read, and check the documents again.
pub async fn did_change_configuration(
    shared: &Arc<ServerState>,
    params: DidChangeConfigurationParams,
) {
    let mut settings = settings_section(&params.settings);
    let mut problems = Vec::new();
    if settings.is_null() {
        if shared.client.support().configuration
            && let Some(c) = shared.client.handle.get()
        {
            let items = vec![ConfigurationItem {
                scope_uri: None,
                section: Some("copydesk".to_string()),
            }];
            if let Ok(mut v) = c.configuration(items).await
                && !v.is_empty()
            {
                settings = v.remove(0);
            }
        }
        problems = apply_editor_settings(shared, &settings);
    } else {
        problems.extend(parse_editor_settings(&settings).1);
    }
    if !problems.is_empty() {
        let msg = format!("copydesk settings: {}", problems.join("; "));
        shared.log(&msg);
        if let Some(c) = shared.client.handle.get() {
            c.show_message(MessageType::WARNING, msg).await;
        }
    }
    recheck_all(shared).await;
    show_problems(shared);
}
