//! Hover cards (filled in below).
