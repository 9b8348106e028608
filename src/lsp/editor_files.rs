//! Files the server writes for the editor to open, read-only, under the temp dir: a copy of
//! the embedded default table (go-to-definition lands in it) and each rule's documentation
//! (the diagnostics' code links).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::proto::{self, Uri};
use crate::table::DEFAULT_TABLE;

/// The read-only copy of the default table under the temp dir.
pub fn default_table_path() -> PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = crate::disk::temp_home();
        let path = dir.join("default-table.json");
        let same = std::fs::read_to_string(&path).is_ok_and(|t| t == DEFAULT_TABLE);
        if !same {
            let _ = std::fs::create_dir_all(&dir);
            if crate::disk::write_atomic(&path, DEFAULT_TABLE.as_bytes(), None).is_ok() {
                set_read_only(&path);
            }
        }
        path
    })
    .clone()
}

fn set_read_only(p: &Path) {
    if let Ok(meta) = std::fs::metadata(p) {
        let mut perm = meta.permissions();
        perm.set_readonly(true);
        let _ = std::fs::set_permissions(p, perm);
    }
}

/// The documentation of a rule, as a Markdown file under the temp dir
/// (`crate::disk::rule_docs`, the pages SARIF's `helpUri` names too).
pub fn rule_doc_uri(code: &str) -> Option<Uri> {
    // Every diagnostic carries one: made once per rule, not per diagnostic and publish.
    static URIS: OnceLock<Vec<(&'static str, Option<Uri>)>> = OnceLock::new();
    let uris = URIS.get_or_init(|| {
        let dir = crate::disk::rule_docs();
        crate::rules::RULES
            .iter()
            .map(|r| {
                let uri = dir.and_then(|d| proto::path_uri(&d.join(format!("{}.md", r.code))));
                (r.code, uri)
            })
            .collect()
    });
    uris.iter().find(|(c, _)| *c == code)?.1.clone()
}
