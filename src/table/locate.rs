//! Find where a JSON path points in a JSON text, for error messages.
//!
//! serde_json reports the position of syntax and type errors itself; the checks that run
//! after parsing (duplicate ids, unknown references) know only the path, and this finds
//! the line and column of the value at that path.

use std::collections::HashMap;

use crate::text::{Document, Kind};

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Split `people[3].titles[0].from` into steps.
pub fn parse_path(path: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        if let Some(i) = rest.find('[') {
            if i > 0 {
                steps.push(Step::Key(rest[..i].to_string()));
            }
            rest = &rest[i..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(close) = stripped.find(']') else {
                    break;
                };
                if let Ok(n) = stripped[..close].parse() {
                    steps.push(Step::Index(n));
                }
                rest = &stripped[close + 1..];
            }
        } else if !rest.is_empty() {
            steps.push(Step::Key(rest.to_string()));
        }
    }
    steps
}

/// The 1-based line and column (in characters) of the value at `path`, or of the deepest
/// part of it that exists.
pub fn locate(text: &str, path: &str) -> (usize, usize) {
    locate_all(text, &[path])[0]
}

/// [`locate`] for many paths at once, in one pass over the text whatever their number: the
/// paths are merged into a tree of steps, and the JSON is walked once along that tree.
pub fn locate_all(text: &str, paths: &[&str]) -> Vec<(usize, usize)> {
    if paths.is_empty() {
        return Vec::new();
    }
    let mut tree = PathTree {
        children: vec![HashMap::new()],
        found: vec![None],
    };
    let ends: Vec<Vec<usize>> = paths.iter().map(|p| tree.insert(&parse_path(p))).collect();
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    p.ws();
    tree.walk(0, p);
    let doc = Document::new(text, Kind::Plain);
    ends.iter()
        .map(|nodes| {
            // The deepest step found (the root always is).
            let at = nodes
                .iter()
                .map_while(|&n| tree.found[n])
                .last()
                .unwrap_or(0);
            doc.line_col(at)
        })
        .collect()
}

/// The steps of many paths as a tree: node 0 is the root value; each node has the offset of
/// its value once the walk finds it.
struct PathTree {
    children: Vec<HashMap<Step, usize>>,
    found: Vec<Option<usize>>,
}

impl PathTree {
    /// Add a path; returns its nodes from the root down.
    fn insert(&mut self, steps: &[Step]) -> Vec<usize> {
        let mut node = 0;
        let mut nodes = vec![0];
        for step in steps {
            let next = self.children.len();
            node = *self.children[node].entry(step.clone()).or_insert(next);
            if node == next {
                self.children.push(HashMap::new());
                self.found.push(None);
            }
            nodes.push(node);
        }
        nodes
    }

    /// With `p` at the value of `node`: record it, then find its children's values. A key
    /// that occurs twice counts at its first occurrence.
    fn walk(&mut self, node: usize, mut p: Parser) {
        self.found[node] = Some(p.i);
        let mut left = self.children[node].len();
        if left == 0 {
            return;
        }
        let child_at = |tree: &mut PathTree, step: &Step, p: &Parser, left: &mut usize| {
            if let Some(&c) = tree.children[node].get(step)
                && tree.found[c].is_none()
            {
                *left -= 1;
                let mut q = Parser { s: p.s, i: p.i };
                q.ws();
                tree.walk(c, q);
            }
        };
        match p.s.get(p.i) {
            Some(b'{') => {
                p.i += 1;
                while left > 0 {
                    p.ws();
                    match p.s.get(p.i) {
                        Some(b',') => {
                            p.i += 1;
                            continue;
                        }
                        Some(b'"') => {}
                        _ => return,
                    }
                    let Some(key) = p.string() else { return };
                    p.ws();
                    if p.s.get(p.i) != Some(&b':') {
                        return;
                    }
                    p.i += 1;
                    p.ws();
                    child_at(self, &Step::Key(key), &p, &mut left);
                    if p.skip_value().is_none() {
                        return;
                    }
                }
            }
            Some(b'[') => {
                p.i += 1;
                let mut idx = 0;
                while left > 0 {
                    p.ws();
                    match p.s.get(p.i) {
                        Some(b']') | None => return,
                        Some(b',') => {
                            p.i += 1;
                            continue;
                        }
                        _ => {}
                    }
                    child_at(self, &Step::Index(idx), &p, &mut left);
                    if p.skip_value().is_none() {
                        return;
                    }
                    idx += 1;
                }
            }
            _ => {}
        }
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn string(&mut self) -> Option<String> {
        let start = self.i + 1;
        self.i += 1;
        while self.i < self.s.len() {
            match self.s[self.i] {
                b'\\' => self.i += 2,
                b'"' => {
                    let raw = std::str::from_utf8(&self.s[start..self.i]).ok()?;
                    self.i += 1;
                    if !raw.contains('\\') {
                        return Some(raw.to_string());
                    }
                    return Some(serde_json::from_str(&format!("\"{raw}\"")).unwrap_or_default());
                }
                _ => self.i += 1,
            }
        }
        None
    }

    fn skip_value(&mut self) -> Option<()> {
        self.ws();
        match *self.s.get(self.i)? {
            b'"' => {
                self.string()?;
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                while self.i < self.s.len() {
                    match self.s[self.i] {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.i += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.i += 1;
                }
                return None;
            }
            _ => {
                while self.i < self.s.len() && !matches!(self.s[self.i], b',' | b'}' | b']') {
                    self.i += 1;
                }
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let text = "{\n  \"people\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\", \"titles\": [{\"from\": \"x\"}]}\n  ]\n}";
        assert_eq!(locate(text, "people[1].titles[0].from"), (4, 37));
        assert_eq!(locate(text, "people[0].id"), (3, 12));
        assert_eq!(locate(text, "people[7]"), (2, 13));
    }

    #[test]
    fn many_paths_at_once_as_one_at_a_time() {
        let text = "{\n  \"people\": [\n    {\"id\": \"a\", \"id\": \"dup\", \"n\": 1},\n    {\"id\": \"b\", \"titles\": [{\"from\": \"x\"}]}\n  ],\n  \"k\\u0065y\": [1, {\"x\": 2}]\n}";
        let paths = [
            "people[1].titles[0].from",
            "people[0].id",
            "people[7]",
            "people[1].titles[0].until",
            "nothing.at.all",
            "key[1].x",
            "key[0].x",
            "people[1]",
            "people[1].titles[0].from",
            // After a key written twice: the walk goes on past the second one.
            "people[0].n",
        ];
        let all = locate_all(text, &paths);
        for (p, got) in paths.iter().zip(&all) {
            assert_eq!(*got, locate(text, p), "{p}");
        }
        assert_eq!(all[1], (3, 12), "the first of two equal keys");
        assert_eq!(all[3], (4, 28), "the deepest part that exists");
        assert_eq!(all[4], (1, 1));
        assert_eq!(all[5], (6, 25), "a key written with an escape");
        assert!(locate_all(text, &[]).is_empty());
    }

    #[test]
    fn paths() {
        assert_eq!(
            parse_path("people[3].titles[0].from"),
            vec![
                Step::Key("people".into()),
                Step::Index(3),
                Step::Key("titles".into()),
                Step::Index(0),
                Step::Key("from".into())
            ]
        );
    }
}
