//! The articles below a folder.

use std::path::{Path, PathBuf};

use super::{EntryKind, Files};

/// Is this the name of an article file (`.md`, `.markdown`, `.txt`)?
pub fn is_article(path: &Path) -> bool {
    path.extension().is_some_and(|x| {
        let x = x.to_string_lossy();
        ["md", "markdown", "txt"]
            .iter()
            .any(|e| x.eq_ignore_ascii_case(e))
    })
}

/// Every `.md`, `.markdown` and `.txt` file below `dir` (hidden entries, `node_modules` and
/// `target` left out), in no particular order; a folder that cannot be read is an error.
///
/// Symbolic links below `dir` are not followed, neither to files nor to folders (as ripgrep
/// and fd do by default): a link cannot lead the walk out of the tree, around a loop, or to
/// the same article twice. FIFOs, sockets and devices are skipped. `dir` itself may be a link.
pub fn walk_articles(
    files: &dyn Files,
    dir: &Path,
    out: &mut Vec<PathBuf>,
    errors: &mut Vec<String>,
) {
    let entries = match files.list(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("{}: {e}", dir.display()));
            return;
        }
    };
    for entry in entries {
        let name = entry
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with('.') || name == "node_modules" || name == "target" {
            continue;
        }
        match entry.kind {
            EntryKind::Dir => walk_articles(files, &entry.path, out, errors),
            EntryKind::File if is_article(&entry.path) => out.push(entry.path),
            EntryKind::File | EntryKind::Link | EntryKind::Other => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::memory::Memory;

    #[test]
    fn articles_below_a_folder() {
        let fs = Memory::with(&[
            ("/w/a.md", ""),
            ("/w/b.TXT", ""),
            ("/w/c.json", ""),
            ("/w/sub/d.markdown", ""),
            ("/w/.git/e.md", ""),
            ("/w/node_modules/f.md", ""),
        ]);
        let (mut out, mut errors) = (Vec::new(), Vec::new());
        walk_articles(&fs, Path::new("/w"), &mut out, &mut errors);
        out.sort();
        assert_eq!(
            out,
            ["/w/a.md", "/w/b.TXT", "/w/sub/d.markdown"].map(PathBuf::from)
        );
        walk_articles(&fs, Path::new("/nowhere"), &mut out, &mut errors);
        assert_eq!(errors.len(), 1);
    }
}
