//! What the spelling of a name tells about how it is written.

use unicode_normalization::UnicodeNormalization;

use super::fold::fold_key;

/// Letters only Vietnamese writes (with their capitals), and the block of precomposed
/// Vietnamese vowels with tone marks.
fn vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        'ă' | 'â'
            | 'đ'
            | 'ê'
            | 'ô'
            | 'ơ'
            | 'ư'
            | 'Ă'
            | 'Â'
            | 'Đ'
            | 'Ê'
            | 'Ô'
            | 'Ơ'
            | 'Ư'
            | '\u{1EA0}'..='\u{1EF9}'
    )
}

/// The common Vietnamese family names (folded), which lead a Vietnamese name.
const VIETNAMESE_FAMILY_NAMES: &[&str] = &[
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
    "ho", "ngo", "duong", "ly", "dinh", "trinh", "truong", "lam", "luong", "cao", "dao", "doan",
    "vuong", "trieu", "luu", "quach", "kieu", "ton", "thach", "khuat",
];

/// Is this word (any case, with or without marks) one of the common Vietnamese family names?
pub fn vietnamese_family_name(word: &str) -> bool {
    VIETNAMESE_FAMILY_NAMES.contains(&fold_key(word).as_str())
}

/// Is this name written in the Vietnamese convention: family name first, given name last,
/// and the given name used for later references? Its spelling tells (letters only Vietnamese
/// writes, typed composed or decomposed), or, for a name of three words or more, its first
/// word is one of the common Vietnamese family names ("Nguyen Van An").
pub fn vietnamese_name(name: &str) -> bool {
    let composed: String;
    let name = if name.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)) {
        composed = name.nfc().collect();
        composed.as_str()
    } else {
        name
    };
    if name.chars().any(vietnamese_letter) {
        return true;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 3 && vietnamese_family_name(words[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_names() {
        assert!(vietnamese_name("Hoàng Xuân Chiến"));
        assert!(vietnamese_name("Nguyễn Thị Lan"));
        // Decomposed: "Nguyễn" as e, circumflex, tilde.
        assert!(vietnamese_name("Nguye\u{302}\u{303}n Lan"));
        assert!(vietnamese_name("Nguyen Van An"));
        assert!(vietnamese_name("TRAN THI MAI"));
        assert!(!vietnamese_name("Simon Ridley"));
        assert!(!vietnamese_name("Park Ji-hoon"));
        assert!(!vietnamese_name("Kovács Eszter"));
        // A tilde or a dot below is not Vietnamese by itself.
        assert!(!vietnamese_name("João Silva"));
        assert!(!vietnamese_name("Peña Nieto"));
        assert!(!vietnamese_name(""));
        // Two words with a common family name could be anyone's.
        assert!(!vietnamese_name("Ly Chen"));
        assert!(!vietnamese_name("Le Carre"));
    }
}
