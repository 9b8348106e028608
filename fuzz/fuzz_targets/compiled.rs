//! The compiled-table reader on arbitrary bytes: opening never panics (a file that is not a
//! whole compiled table is refused with a reason), and the index's flat keys read from any
//! bytes, checksum or not, answer every lookup without a panic.

#![no_main]

use std::sync::Arc;

use copydesk::Index;
use copydesk::table::compiled::{meta, open};
use copydesk::table::index::Keys;
use copydesk::table::{Entries, Language, Table};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let bytes: copydesk::table::flat::Shared = Arc::new(data.to_vec());
    let _ = meta(data);
    if let Ok((index, _, origins)) = open(bytes.clone()) {
        let _ = index.lookup("simon ridley");
        let _ = origins.get(copydesk::table::EntryRef::Person(0));
    }
    // The keys alone, as if the checksum had passed.
    let Some(keys) = Keys::open(bytes, 0..data.len()) else {
        return;
    };
    let index = Index::with_keys(Entries::Owned(Table::default()), keys);
    let words = ["simon", "simon ridley", "hoang xuan chien", "", "a-b", "prk mn-jn"];
    for w in words {
        for lang in Language::ALL {
            let _ = index.lookup_in(w, lang);
        }
        let _ = index.is_prefix(w);
        let _ = index.is_name_word(w);
        let _ = index.by_skeleton(w);
        let _ = index.near_words(w, 2);
    }
    for id in 0..64 {
        let _ = index.meanings(id);
    }
});
