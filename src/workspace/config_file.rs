//! Finding and reading `copydesk.json`.

use std::path::{Component, Path, PathBuf};

use super::{Files, Limit};
use crate::config::Settings;
use crate::text::{QUOTE_MAX, clip, clip_quotes};

/// The name of the config file, looked up in a document's folder and the folders above it.
pub const CONFIG_FILE: &str = "copydesk.json";

/// Read a config file, with the file, line and column of any error. Its tables must lie in
/// its folder or below unless it sets `allowTablesOutsideWorkspace`.
pub fn read_settings(files: &dyn Files, path: &Path) -> Result<Settings, String> {
    let text = files
        .read(path, Limit::CONFIG)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let settings = parse_settings(&path.display().to_string(), &text)?;
    confine_tables(files, path, &settings)?;
    Ok(settings)
}

/// A config file's tables must be in its folder's tree (after `..` and links), unless it
/// allows otherwise: a config file arrives with any repository a reporter clones, and must
/// not make copydesk read (and quote) `/etc/passwd`.
fn confine_tables(files: &dyn Files, path: &Path, settings: &Settings) -> Result<(), String> {
    if settings.allow_tables_outside_workspace {
        return Ok(());
    }
    let base = files.canonical(
        path.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
    );
    for (i, t) in settings.tables.iter().enumerate() {
        let joined = base.join(t);
        let resolved = files.canonical(&joined);
        let at = if resolved == joined {
            normalize(&joined)
        } else {
            resolved
        };
        if !at.starts_with(&base) {
            return Err(format!(
                "{}: tables[{i}]: {:?} is outside the folder of this config file; set \"allowTablesOutsideWorkspace\": true to read it",
                path.display(),
                clip(t, QUOTE_MAX)
            ));
        }
    }
    Ok(())
}

/// A path with `.` and `..` worked out by name (for a file that does not exist yet).
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
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
        let msg = clip_quotes(&inner.to_string());
        let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |m| m.0);
        format!(
            "{name}:{}:{}: {}{msg}",
            inner.line(),
            inner.column(),
            if path == "." {
                String::new()
            } else {
                format!("{}: ", clip(&path, 2 * QUOTE_MAX))
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
    fn tables_outside_the_config_folder_need_a_setting() {
        let fs = Memory::with(&[
            (
                "/w/a/copydesk.json",
                r#"{"tables": ["t.json", "sub/../u.json"]}"#,
            ),
            ("/w/b/copydesk.json", r#"{"tables": ["../../etc/passwd"]}"#),
            ("/w/c/copydesk.json", r#"{"tables": ["/etc/passwd"]}"#),
            (
                "/w/d/copydesk.json",
                r#"{"tables": ["../x.json"], "allowTablesOutsideWorkspace": true}"#,
            ),
        ]);
        assert!(find_config(&fs, Path::new("/w/a")).found.is_ok());
        for d in ["/w/b", "/w/c"] {
            let (_, e) = find_config(&fs, Path::new(d)).found.unwrap_err();
            assert!(
                e.contains("tables[0]: ") && e.contains("allowTablesOutsideWorkspace"),
                "{e}"
            );
        }
        let long = format!(r#"{{"tables": ["../{}"]}}"#, "x".repeat(5000));
        fs.write("/w/b/copydesk.json", &long);
        let (_, e) = find_config(&fs, Path::new("/w/b")).found.unwrap_err();
        assert!(e.len() < 300, "{e}");
        assert!(find_config(&fs, Path::new("/w/d")).found.is_ok());
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
