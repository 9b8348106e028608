//! The layers of the crate: every top-level module of `src/` imports only from the layers
//! below it (and from its own layer, without a circle), the adapters `cli` and `lsp` never
//! import each other, and no circle joins top-level modules. Read from the source: every
//! `crate::` path (in `use` lines and in code) and every `super::` path that climbs out of
//! its top-level module, outside comments and string literals. ARCHITECTURE.md draws the
//! same picture.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A layer: its name, its top-level modules, and whether they must stay apart (not import
/// each other).
struct Layer {
    name: &'static str,
    modules: &'static [&'static str],
    apart: bool,
}

/// The layers, lowest first.
const LAYERS: &[Layer] = &[
    Layer {
        name: "text and dates",
        modules: &["dates", "text"],
        apart: false,
    },
    Layer {
        name: "table",
        modules: &["table"],
        apart: false,
    },
    Layer {
        name: "findings and configuration (plain data)",
        modules: &["finding", "config"],
        apart: false,
    },
    Layer {
        name: "analysis",
        modules: &["analysis"],
        apart: false,
    },
    Layer {
        name: "rules and hover cards",
        modules: &["rules", "card"],
        apart: false,
    },
    Layer {
        name: "check, fixes and table specs",
        modules: &["check", "fix", "spec"],
        apart: false,
    },
    Layer {
        name: "workspace",
        modules: &["workspace"],
        apart: false,
    },
    Layer {
        name: "builder core",
        modules: &["build"],
        apart: false,
    },
    Layer {
        name: "the file system",
        modules: &["disk"],
        apart: false,
    },
    Layer {
        name: "adapters",
        modules: &["cli", "lsp"],
        apart: true,
    },
];

/// A path of one module to another top-level module.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Reference {
    file: String,
    line: usize,
    from: String,
    to: String,
}

/// What is wrong with the imports of a tree.
fn problems(files: &[(String, String)], layers: &[Layer]) -> Vec<String> {
    let layer_of = |m: &str| layers.iter().position(|l| l.modules.contains(&m));
    let reexports = files
        .iter()
        .find(|(p, _)| p == "lib.rs")
        .map(|(_, t)| root_reexports(t))
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut edges: BTreeMap<(String, String), Reference> = BTreeMap::new();
    for (path, text) in files {
        let Some(module) = module_path(path) else {
            continue;
        };
        for r in references(path, &module, text) {
            let to = reexports.get(&r.to).cloned().unwrap_or(r.to.clone());
            if to == r.from {
                continue;
            }
            let r = Reference { to, ..r };
            let (Some(a), Some(b)) = (layer_of(&r.from), layer_of(&r.to)) else {
                let unknown = if layer_of(&r.from).is_none() {
                    &r.from
                } else {
                    &r.to
                };
                out.push(format!(
                    "src/{}:{}: module `{unknown}` is in no layer: place it in LAYERS (tests/layers.rs) and ARCHITECTURE.md",
                    r.file, r.line
                ));
                continue;
            };
            if b > a {
                out.push(format!(
                    "src/{}:{}: `{}` ({}) imports `{}` ({}), a layer above it",
                    r.file, r.line, r.from, layers[a].name, r.to, layers[b].name
                ));
            } else if a == b && layers[a].apart {
                out.push(format!(
                    "src/{}:{}: `{}` imports `{}`: the {} never import each other",
                    r.file, r.line, r.from, r.to, layers[a].name
                ));
            }
            edges.entry((r.from.clone(), r.to.clone())).or_insert(r);
        }
    }
    for circle in circles(&edges) {
        let at: Vec<String> = circle
            .windows(2)
            .map(|w| {
                let r = &edges[&(w[0].clone(), w[1].clone())];
                format!("`{}` -> `{}` at src/{}:{}", r.from, r.to, r.file, r.line)
            })
            .collect();
        out.push(format!(
            "a circle of imports: {} ({})",
            circle.join(" -> "),
            at.join("; ")
        ));
    }
    out.sort();
    out.dedup();
    out
}

/// The module path of a file under `src/` (`lsp/handlers/mod.rs` -> `lsp::handlers`); `None`
/// for the crate roots.
fn module_path(path: &str) -> Option<Vec<String>> {
    if path == "lib.rs" || path == "main.rs" {
        return None;
    }
    let path = path.strip_suffix(".rs")?;
    let mut parts: Vec<String> = path.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    Some(parts)
}

/// Names the crate root re-exports (`pub use check::check_text;`), and their modules.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let rest = rest.trim_end_matches(';');
        let Some((module, items)) = rest.split_once("::") else {
            continue;
        };
        let items = items.trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let name = item.rsplit("::").next().unwrap_or("").trim();
            let name = name.rsplit(" as ").next().unwrap_or(name).trim();
            if !name.is_empty() {
                out.insert(name.to_string(), module.to_string());
            }
        }
    }
    out
}

/// The top-level modules a file refers to, each with its line.
fn references(file: &str, module: &[String], text: &str) -> Vec<Reference> {
    let code = strip(text);
    let bytes = code.as_bytes();
    let line_at = |i: usize| code[..i].matches('\n').count() + 1;
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    // Inline modules (`mod tests { ... }`): (name, brace depth inside it).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let starts_word =
            i == 0 || !(is_ident(bytes[i - 1]) || bytes[i - 1] == b':' || bytes[i - 1] == b'$');
        if c == b'{' {
            depth += 1;
        } else if c == b'}' {
            if inline.last().is_some_and(|(_, d)| *d == depth) {
                inline.pop();
            }
            depth = depth.saturating_sub(1);
        } else if starts_word && code[i..].starts_with("mod ") {
            let rest = &code[i + 4..];
            let name: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let after = rest.trim_start()[name.len()..].trim_start();
            if !name.is_empty() && after.starts_with('{') {
                inline.push((name, depth + 1));
            }
        } else if starts_word && code[i..].starts_with("crate::") {
            for name in path_heads(&code[i + 7..]) {
                out.push(Reference {
                    file: file.to_string(),
                    line: line_at(i),
                    from: module[0].clone(),
                    to: name,
                });
            }
            i += 7;
            continue;
        } else if starts_word && code[i..].starts_with("super::") {
            let mut k = 0;
            let mut j = i;
            while code[j..].starts_with("super::") {
                k += 1;
                j += 7;
            }
            let here = module.len() + inline.len();
            if k >= here {
                for name in path_heads(&code[j..]) {
                    out.push(Reference {
                        file: file.to_string(),
                        line: line_at(i),
                        from: module[0].clone(),
                        to: name,
                    });
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

/// The first segment of a path, or of each path of a `{...}` group.
fn path_heads(rest: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let rest = rest.trim_start();
    if let Some(group) = rest.strip_prefix('{') {
        let mut heads = Vec::new();
        let mut level = 0usize;
        let mut start = true;
        for (i, c) in group.char_indices() {
            match c {
                '{' => level += 1,
                '}' if level == 0 => break,
                '}' => level -= 1,
                ',' if level == 0 => start = true,
                c if start && !c.is_whitespace() => {
                    start = false;
                    let h = ident(&group[i..]);
                    if !h.is_empty() && h != "self" {
                        heads.push(h);
                    }
                }
                _ => {}
            }
        }
        heads
    } else {
        let h = ident(rest);
        if h.is_empty() { Vec::new() } else { vec![h] }
    }
}

/// The code without comments and without the contents of string and character literals
/// (each replaced by spaces, line breaks kept, so offsets and lines stay).
fn strip(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for x in &mut out[from..to] {
            if *x != b'\n' {
                *x = b' ';
            }
        }
    };
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            let end = b[i..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |e| i + e);
            blank(&mut out, i, end);
            i = end;
        } else if b[i..].starts_with(b"/*") {
            let mut level = 0;
            let mut j = i;
            while j < b.len() {
                if b[j..].starts_with(b"/*") {
                    level += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    level -= 1;
                    j += 2;
                    if level == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j.min(b.len()));
            i = j;
        } else if b[i] == b'r'
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
            && b[i + 1..]
                .iter()
                .position(|&c| c != b'#')
                .is_some_and(|n| b[i + 1 + n] == b'"')
        {
            // A raw string: r"..." or r#"..."#.
            let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
            let open = i + 1 + hashes + 1;
            let mut close = b"\"".to_vec();
            close.extend(std::iter::repeat_n(b'#', hashes));
            let end = b[open..]
                .windows(close.len())
                .position(|w| w == close.as_slice())
                .map_or(b.len(), |e| open + e + close.len());
            blank(&mut out, open, end.saturating_sub(close.len()).max(open));
            i = end;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i + 1, j.min(b.len()));
            i = j + 1;
        } else if b[i] == b'\'' {
            // A character literal ('x', '\n', '\u{300}'), not a lifetime ('a).
            let close = if b.get(i + 1) == Some(&b'\\') {
                b[i + 2..]
                    .iter()
                    .position(|&c| c == b'\'')
                    .map(|e| i + 2 + e)
            } else {
                let len = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                (b.get(i + 1 + len) == Some(&b'\'')).then_some(i + 1 + len)
            };
            match close {
                Some(end) => {
                    blank(&mut out, i + 1, end);
                    i = end + 1;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    String::from_utf8(out).expect("blanked whole characters")
}

/// Every circle in a graph of modules, each once, as the path from its smallest module
/// back to it.
fn circles(edges: &BTreeMap<(String, String), Reference>) -> Vec<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges.keys() {
        next.entry(a).or_default().push(b);
    }
    // Modules on a circle: those that reach themselves. For each, the shortest way back.
    let mut seen: BTreeSet<BTreeSet<String>> = BTreeSet::new();
    let mut out = Vec::new();
    for &start in next.keys() {
        let mut queue = std::collections::VecDeque::from([vec![start]]);
        let mut visited: BTreeSet<&str> = BTreeSet::new();
        while let Some(path) = queue.pop_front() {
            let last = *path.last().expect("a path");
            for &n in next.get(last).into_iter().flatten() {
                if n == start {
                    let mut circle: Vec<String> = path.iter().map(|s| s.to_string()).collect();
                    let members: BTreeSet<String> = circle.iter().cloned().collect();
                    circle.push(start.to_string());
                    if seen.insert(members) {
                        out.push(circle);
                    }
                    queue.clear();
                    break;
                }
                if visited.insert(n) {
                    let mut p = path.clone();
                    p.push(n);
                    queue.push_back(p);
                }
            }
        }
    }
    out
}

/// Every `.rs` file under a folder, by its path relative to it.
fn read_tree(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("a readable folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p
                    .strip_prefix(root)
                    .expect("under the root")
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().to_string())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((rel, std::fs::read_to_string(&p).expect("a UTF-8 file")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_import_goes_down_the_layers_and_no_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = read_tree(&src);
    // Every top-level module is placed.
    let placed: BTreeSet<&str> = LAYERS
        .iter()
        .flat_map(|l| l.modules.iter().copied())
        .collect();
    let found: BTreeSet<String> = files
        .iter()
        .filter_map(|(p, _)| module_path(p))
        .map(|m| m[0].clone())
        .collect();
    let unplaced: Vec<&String> = found
        .iter()
        .filter(|m| !placed.contains(m.as_str()))
        .collect();
    assert!(unplaced.is_empty(), "modules in no layer: {unplaced:?}");
    let problems = problems(&files, LAYERS);
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// The checker on a small tree of its own: it must fail on an import against the order,
/// on adapters that import each other, and on a circle, naming the file and line.
#[test]
fn a_forbidden_import_and_a_circle_are_named() {
    const FAKE: &[Layer] = &[
        Layer {
            name: "bottom",
            modules: &["low", "low2"],
            apart: false,
        },
        Layer {
            name: "middle",
            modules: &["mid"],
            apart: false,
        },
        Layer {
            name: "adapters",
            modules: &["ui", "server"],
            apart: true,
        },
    ];
    let tree = |files: &[(&str, &str)]| -> Vec<(String, String)> {
        files
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    };
    let good = tree(&[
        (
            "lib.rs",
            "pub mod low;\npub mod mid;\npub use mid::Thing;\n",
        ),
        (
            "low.rs",
            "// crate::mid is named in a comment only\nconst S: &str = \"crate::ui\";\nfn f<'a>(c: char) -> bool { c == '{' }\n",
        ),
        ("low2.rs", "use crate::low::X;\n"),
        ("mid/mod.rs", "use crate::{low::X, low2};\nmod inner;\n"),
        (
            "mid/inner.rs",
            "use super::super::low;\nuse super::Y;\nmod tests { use super::super::Z; }\n",
        ),
        (
            "ui/mod.rs",
            "use crate::mid::Thing;\nfn g() { crate::low::f(); }\n",
        ),
        ("server.rs", "use crate::Thing;\n"),
    ]);
    assert_eq!(problems(&good, FAKE), Vec::<String>::new());

    let mut bad = good.clone();
    // Upward: the bottom reaches the middle, through a `super::` path and a re-export.
    bad.push((
        "low2.rs".into(),
        "use crate::low::X;\n\nfn h() {\n    let _ = super::mid::helper();\n}\n".into(),
    ));
    bad.retain(|(p, t)| p != "low2.rs" || t.contains("super::mid"));
    // The adapters reach each other.
    bad.push((
        "ui/view.rs".into(),
        "use crate::{low, server::run};\n".into(),
    ));
    let found = problems(&bad, FAKE);
    let has = |s: &str| found.iter().any(|p| p.contains(s));
    assert!(
        has("src/low2.rs:4: `low2` (bottom) imports `mid` (middle), a layer above it"),
        "{found:#?}"
    );
    assert!(
        has("src/ui/view.rs:1: `ui` imports `server`: the adapters never import each other"),
        "{found:#?}"
    );
    // `low2` -> `mid` -> `low2` is a circle, named with both ends.
    assert!(
        has(
            "a circle of imports: low2 -> mid -> low2 (`low2` -> `mid` at src/low2.rs:4; `mid` -> `low2` at src/mid/mod.rs:1)"
        ),
        "{found:#?}"
    );
    // A module in no layer is named too.
    let stray = tree(&[("low.rs", "use crate::nowhere::X;\n")]);
    assert_eq!(
        problems(&stray, FAKE),
        vec![
            "src/low.rs:1: module `nowhere` is in no layer: place it in LAYERS (tests/layers.rs) and ARCHITECTURE.md"
                .to_string()
        ]
    );
}

#[test]
fn comments_and_strings_are_not_code() {
    let code = "let a = \"crate::x\"; // crate::y\nlet b = r#\"crate::z\"#; let c = '\"'; /* crate::w */ crate::v";
    let s = strip(code);
    assert!(!s.contains("crate::x") && !s.contains("crate::y"));
    assert!(!s.contains("crate::z") && !s.contains("crate::w"));
    assert!(s.contains("crate::v"));
    assert_eq!((s.len(), s.lines().count()), (code.len(), 2));
}
