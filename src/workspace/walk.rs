//! The articles below a folder.

use std::path::{Path, PathBuf};

use super::Files;

/// Every `.md`, `.markdown` and `.txt` file below `dir` (hidden folders, `node_modules` and
/// `target` left out), in no particular order; a folder that cannot be read is an error.
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
    for (path, is_dir) in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with('.') || name == "node_modules" || name == "target" {
            continue;
        }
        if is_dir {
            walk_articles(files, &path, out, errors);
        } else if ["md", "markdown", "txt"].iter().any(|e| {
            path.extension()
                .is_some_and(|x| x.to_string_lossy().eq_ignore_ascii_case(e))
        }) {
            out.push(path);
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
