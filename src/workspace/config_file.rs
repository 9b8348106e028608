//! Finding and reading `copydesk.json`.

use std::path::{Path, PathBuf};

use crate::config::Settings;

pub const CONFIG_FILE: &str = "copydesk.json";

/// Read a config file, with the file, line and column of any error.
pub fn read_settings(path: &Path) -> Result<Settings, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_settings(&path.display().to_string(), &text)
}

/// Parse config text.
pub fn parse_settings(name: &str, text: &str) -> Result<Settings, String> {
    // An empty file (one an editor has just created) holds no settings yet.
    if text.trim().is_empty() {
        return Ok(Settings::default());
    }
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let msg = inner.to_string();
        let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |m| m.0);
        format!(
            "{name}:{}:{}: {}{msg}",
            inner.line(),
            inner.column(),
            if path == "." {
                String::new()
            } else {
                format!("{path}: ")
            }
        )
    })
}

/// The nearest `copydesk.json` in `dir` or a folder above it.
pub fn find_config(dir: &Path) -> Result<Option<(PathBuf, Settings)>, String> {
    let start = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    for d in start.ancestors() {
        let candidate = d.join(CONFIG_FILE);
        if candidate.is_file() {
            return read_settings(&candidate).map(|s| Some((candidate, s)));
        }
    }
    Ok(None)
}
