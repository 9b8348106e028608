//! Finding and reading `copydesk.json`.

use std::path::{Path, PathBuf};

use super::Files;
use crate::config::Settings;

/// The name of the config file, looked up in a document's folder and the folders above it.
pub const CONFIG_FILE: &str = "copydesk.json";

/// Read a config file, with the file, line and column of any error.
pub fn read_settings(files: &dyn Files, path: &Path) -> Result<Settings, String> {
    let text = files
        .read(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
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

/// What the search for a folder's config file found.
#[derive(Debug, Clone)]
pub struct ConfigSearch {
    /// Every place a config file could be, from the folder up to the one found (a watcher
    /// of these sees a config file appear, change or go).
    pub candidates: Vec<PathBuf>,
    /// The nearest config file and its settings, `Ok(None)` if there is none, or the
    /// nearest one and why it cannot be used.
    pub found: Result<Option<(PathBuf, Settings)>, (PathBuf, String)>,
}

/// The nearest `copydesk.json` in `dir` or a folder above it.
pub fn find_config(files: &dyn Files, dir: &Path) -> ConfigSearch {
    let mut candidates = Vec::new();
    if dir.as_os_str().is_empty() {
        return ConfigSearch {
            candidates,
            found: Ok(None),
        };
    }
    let start = files.canonical(dir);
    for d in start.ancestors() {
        let candidate = d.join(CONFIG_FILE);
        candidates.push(candidate.clone());
        if files.stamp(&candidate).is_some() {
            let found = match read_settings(files, &candidate) {
                Ok(s) => Ok(Some((candidate, s))),
                Err(e) => Err((candidate, e)),
            };
            return ConfigSearch { candidates, found };
        }
    }
    ConfigSearch {
        candidates,
        found: Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::memory::Memory;

    #[test]
    fn the_nearest_config_file_and_every_place_looked_at() {
        let fs = Memory::with(&[
            ("/w/copydesk.json", r#"{"style": ["Việt Nam"]}"#),
            ("/w/a/b/x.md", "text"),
        ]);
        let s = find_config(&fs, Path::new("/w/a/b"));
        let (path, settings) = s.found.unwrap().unwrap();
        assert_eq!(path, Path::new("/w/copydesk.json"));
        assert_eq!(settings.style, vec!["Việt Nam".to_string()]);
        assert_eq!(
            s.candidates,
            [
                "/w/a/b/copydesk.json",
                "/w/a/copydesk.json",
                "/w/copydesk.json"
            ]
            .map(PathBuf::from)
        );
        assert!(find_config(&fs, Path::new("/v")).found.unwrap().is_none());
    }

    #[test]
    fn a_broken_config_file_says_where() {
        let fs = Memory::with(&[("/w/copydesk.json", "{\n  \"rules\": 3\n}")]);
        let (path, e) = find_config(&fs, Path::new("/w")).found.unwrap_err();
        assert_eq!(path, Path::new("/w/copydesk.json"));
        assert!(e.starts_with("/w/copydesk.json:2:12: rules: "), "{e}");
        // An empty file holds no settings yet.
        fs.write("/w/copydesk.json", "");
        let found = find_config(&fs, Path::new("/w")).found.unwrap();
        assert_eq!(found.unwrap().1, Settings::default());
    }
}
