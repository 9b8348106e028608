//! Findings: plain data that the adapters (CLI, LSP) present.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::table::EntryRef;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad`, so a width (`{:<12}`) lines columns up.
        f.pad(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "information" | "info" => Severity::Information,
            "hint" => Severity::Hint,
            _ => {
                return Err(format!(
                    "{s:?} is not a severity (error, warning, information, hint)"
                ));
            }
        })
    }
}

/// A replacement for the finding's range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub replacement: String,
}

impl Fix {
    pub fn replace_with(replacement: &str) -> Fix {
        Fix {
            title: format!(
                "Replace with '{}'",
                replacement.split_whitespace().collect::<Vec<_>>().join(" ")
            ),
            replacement: replacement.to_string(),
        }
    }
}

/// One thing a rule found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    /// Byte range in the document.
    pub range: (usize, usize),
    pub message: String,
    /// Certain fixes; a finding without a certain fix has none.
    pub fixes: Vec<Fix>,
    /// The table entry the text was checked against.
    pub entry: Option<EntryRef>,
}
