// Generated from the Rust rule list (src/rules/mod.rs, RULES) by tests/editor_files.rs.
// Do not edit: run `UPDATE_EXPECT=1 cargo test --test editor_files` after changing a rule.

/** Rule codes the server reports (diagnostic `code`), in the server's order. */
export const RULE_CODES = [
  'name-diacritics',
  'name-spelling',
  'title-mismatch',
  'weekday-mismatch',
  'invalid-date',
  'event-date-mismatch',
  'second-reference',
  'style-variant',
] as const;

/** The levels a rule can be set to in `copydesk.rules`. */
export const LEVELS = [
  'error',
  'warning',
  'information',
  'hint',
  'off',
] as const;
