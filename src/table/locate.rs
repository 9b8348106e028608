//! Find where a JSON path points in a JSON text, for error messages.
//!
//! serde_json reports the position of syntax and type errors itself; the checks that run
//! after parsing (duplicate ids, unknown references) know only the path, and this finds
//! the line and column of the value at that path.

use crate::text::line_col;

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    let steps = parse_path(path);
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    p.ws();
    let mut at = p.i;
    for step in &steps {
        match p.find(step) {
            Some(i) => {
                at = i;
                p.i = i;
            }
            None => break,
        }
    }
    line_col(text, at)
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

    /// With `self.i` at a value, return the offset of the child value named by `step`.
    fn find(&mut self, step: &Step) -> Option<usize> {
        self.ws();
        match (self.s.get(self.i)?, step) {
            (b'{', Step::Key(k)) => {
                self.i += 1;
                loop {
                    self.ws();
                    match self.s.get(self.i)? {
                        b'}' => return None,
                        b',' => {
                            self.i += 1;
                            continue;
                        }
                        b'"' => {}
                        _ => return None,
                    }
                    let key = self.string()?;
                    self.ws();
                    if self.s.get(self.i) != Some(&b':') {
                        return None;
                    }
                    self.i += 1;
                    self.ws();
                    if key == *k {
                        return Some(self.i);
                    }
                    self.skip_value()?;
                }
            }
            (b'[', Step::Index(n)) => {
                self.i += 1;
                let mut idx = 0;
                loop {
                    self.ws();
                    match self.s.get(self.i)? {
                        b']' => return None,
                        b',' => {
                            self.i += 1;
                            continue;
                        }
                        _ => {}
                    }
                    if idx == *n {
                        return Some(self.i);
                    }
                    self.skip_value()?;
                    idx += 1;
                }
            }
            _ => None,
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
