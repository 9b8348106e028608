//! The table loader on arbitrary bytes (read as UTF-8, invalid sequences replaced): it never
//! panics; every error has a line and a column inside the file and prints; a table that
//! loads (alone, and merged over itself) is indexed and checks text mentioning its own
//! people.

#![no_main]

use std::sync::LazyLock;

use copydesk::table::{TableError, load_tables};
use copydesk::text::Kind;
use copydesk::{Config, Index, check_text};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/text_model/mod.rs"]
mod text_model;

static CONFIG: LazyLock<Config> = LazyLock::new(Config::default);

fn check_errors(text: &str, errors: &[TableError]) {
    assert!(!errors.is_empty());
    let lines = text_model::model_lines(text).len();
    for e in errors {
        assert!(
            e.line >= 1 && e.line <= lines && e.column >= 1,
            "{e} outside a file of {lines} lines"
        );
        let _ = e.to_string();
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let file = ("fuzz.json".to_string(), text.clone());
    let table = match load_tables(std::slice::from_ref(&file)) {
        Ok(t) => t,
        Err(errors) => {
            check_errors(&text, &errors);
            return;
        }
    };
    let twice = [file.clone(), file];
    let merged = load_tables(&twice).expect("a table that loads loads over itself");
    assert_eq!(merged.entries(), table.entries());
    let mut article = String::from("The minister spoke on Monday, March 3, 2025.\n\n");
    for p in table.people.iter().take(4) {
        article.push_str(&p.name);
        article.push_str(" said it was so.\n");
    }
    let index = Index::new(table);
    let _ = check_text(&article, Kind::Markdown, &index, &CONFIG);
});
