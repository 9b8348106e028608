//! The workspace: where a document's settings and tables come from. Given a file's path and
//! a file reader passed in, find its `copydesk.json`, resolve the ordered set of tables and
//! load them.

mod config_file;

pub use config_file::{CONFIG_FILE, find_config, parse_settings, read_settings};
