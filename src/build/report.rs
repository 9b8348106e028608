//! Conflicts: where the articles disagree, what the table chose and what it set aside.

use std::fmt;

use crate::table::{SourceRef, Table};

/// How many sources of a side the summary names.
const SHOWN: usize = 6;

/// One side of a conflict: a value and the sources that give it.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub value: String,
    pub sources: Vec<SourceRef>,
}

/// A fact the sources disagree on.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// What it is about ("Simon Ridley").
    pub subject: String,
    /// Which fact ("title", "year", "date", "spelling").
    pub field: String,
    /// The value the table keeps (the majority, or the hand-made value in a merge).
    pub chosen: Side,
    /// The values set aside.
    pub others: Vec<Side>,
    /// How the conflict was settled ("majority", "hand edit wins").
    pub rule: String,
}

impl Conflict {
    /// Two spellings of one name: the one kept (settled by `rule`: "diacritics kept" when
    /// they differ only in diacritics, "majority" for a misspelling) and the other.
    pub fn spelling(subject: &str, chosen: Side, other: Side, rule: &str) -> Conflict {
        Conflict {
            subject: subject.to_string(),
            field: "spelling".into(),
            chosen,
            others: vec![other],
            rule: rule.into(),
        }
    }

    /// A value the majority of sources give over the values a minority give (kept in the
    /// table as `disputed`); `tie` when the first seen won a tie.
    pub fn disputed(
        subject: &str,
        field: &str,
        chosen: Side,
        others: &[crate::table::Disputed],
        tie: bool,
    ) -> Conflict {
        Conflict {
            subject: subject.to_string(),
            field: field.to_string(),
            chosen,
            others: others
                .iter()
                .map(|d| Side {
                    value: d.value.clone(),
                    sources: d.sources.clone(),
                })
                .collect(),
            rule: if tie {
                "tie: the first seen"
            } else {
                "majority"
            }
            .into(),
        }
    }

    /// One line per conflict, citing sources by file and line.
    pub fn describe(&self, table: &Table) -> String {
        let side = |s: &Side| {
            let mut cites: Vec<String> = s
                .sources
                .iter()
                .take(SHOWN)
                .map(|r| cite(table, r))
                .collect();
            let n = s.sources.len();
            if n > SHOWN {
                cites.push(format!("… {} more", n - SHOWN));
            }
            if n == 0 {
                format!("{:?}", s.value)
            } else {
                format!(
                    "{:?} ({n} source{}: {})",
                    s.value,
                    if n == 1 { "" } else { "s" },
                    cites.join(", ")
                )
            }
        };
        let others: Vec<String> = self.others.iter().map(side).collect();
        format!(
            "{}: {} {} over {} [{}]",
            self.subject,
            self.field,
            side(&self.chosen),
            others.join(" and "),
            self.rule
        )
    }
}

/// "file:line" for a source reference.
pub fn cite(table: &Table, r: &SourceRef) -> String {
    let file = table
        .source(&r.source)
        .map_or(r.source.as_str(), |s| s.file.as_str());
    match r.line {
        Some(l) => format!("{file}:{l}"),
        None => file.to_string(),
    }
}

/// The summary printed on stderr.
pub struct Summary<'a> {
    pub table: &'a Table,
    pub conflicts: &'a [Conflict],
}

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.conflicts.len();
        if n == 0 {
            return writeln!(f, "no conflicts");
        }
        writeln!(
            f,
            "{n} conflict{} to review:",
            if n == 1 { "" } else { "s" }
        )?;
        for c in self.conflicts {
            writeln!(f, "  {}", c.describe(self.table))?;
        }
        Ok(())
    }
}
