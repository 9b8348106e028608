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
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        DEFAULT_TABLE.hash(&mut h);
        // The crate's own unit tests load the default table in-process: they keep the copy
        // in the git-ignored target/ folder, not in the system temp folder.
        let temp = if cfg!(test) {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-tmp")
        } else {
            std::env::temp_dir()
        };
        let dir = temp.join(format!("copydesk-{:016x}", h.finish()));
        let path = dir.join("default-table.json");
        let same = std::fs::read_to_string(&path).is_ok_and(|t| t == DEFAULT_TABLE);
        if !same {
            let _ = std::fs::create_dir_all(&dir);
            let tmp = dir.join(format!("default-table.{}.tmp", std::process::id()));
            if std::fs::write(&tmp, DEFAULT_TABLE).is_ok() {
                set_read_only(&tmp);
                let _ = std::fs::rename(&tmp, &path);
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

/// The documentation of a rule, as a Markdown file the server writes under the temp dir.
pub fn rule_doc_uri(code: &str) -> Option<Uri> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    let dir = DIR
        .get_or_init(|| {
            let dir = default_table_path()
                .parent()?
                .join("rules");
            std::fs::create_dir_all(&dir).ok()?;
            for r in crate::rules::RULES {
                let text = format!(
                    "# {}\n\n{}.\n\nDefault severity: {}. Turn it off or change it with `\"rules\": {{ \"{}\": \"off\" }}` in copydesk.json.\n\n{}\n",
                    r.code, r.summary, r.default_severity, r.code, r.explain
                );
                let p = dir.join(format!("{}.md", r.code));
                if std::fs::read_to_string(&p).ok().as_deref() != Some(text.as_str()) {
                    let _ = std::fs::write(&p, text);
                }
            }
            Some(dir)
        })
        .as_ref()?;
    crate::rules::rule(code)?;
    proto::path_uri(&dir.join(format!("{code}.md")))
}
