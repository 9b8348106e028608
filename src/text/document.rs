//! The document: a rope with a line index, and the one place where byte offsets become
//! line/column positions (UTF-8 bytes, UTF-16 code units or characters) and back.
//!
//! Lines end at `\n`, `\r\n` or `\r`, as LSP counts them. Positions past the end of a line
//! or of the document are clamped, never an error.

use ropey::Rope;

use super::prose::Kind;

/// How a column is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 bytes (LSP `utf-8`).
    Utf8,
    /// UTF-16 code units (LSP's default).
    Utf16,
    /// Unicode scalar values (the CLI's columns).
    Chars,
}

/// A 0-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// A text document.
#[derive(Debug, Clone)]
pub struct Document {
    rope: Rope,
    pub kind: Kind,
}

impl Document {
    pub fn new(text: &str, kind: Kind) -> Document {
        Document {
            rope: Rope::from_str(text),
            kind,
        }
    }

    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    /// The whole text.
    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    pub fn len(&self) -> usize {
        self.rope.len_bytes()
    }

    pub fn is_empty(&self) -> bool {
        self.rope.len_bytes() == 0
    }

    /// The line and column of a byte offset (clamped to the document, floored to a character).
    pub fn position(&self, byte: usize, enc: Encoding) -> Pos {
        let r = &self.rope;
        let byte = byte.min(r.len_bytes());
        let line = r.byte_to_line(byte);
        let line_byte = r.line_to_byte(line);
        // The offset floored to a character's start, found in its chunk.
        let (chunk, chunk_byte, _, _) = r.chunk_at_byte(byte);
        let mut at = byte - chunk_byte;
        while at > 0 && !chunk.is_char_boundary(at) {
            at -= 1;
        }
        let byte = chunk_byte + at;
        // Only the line's text before the offset is counted.
        let before = r.byte_slice(line_byte..byte);
        let col = match enc {
            Encoding::Utf8 => byte - line_byte,
            Encoding::Chars => before.len_chars(),
            Encoding::Utf16 => before.len_utf16_cu(),
        };
        Pos { line, col }
    }

    /// The 1-based line and 1-based character column of a byte offset, as messages about a
    /// file give them.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let p = self.position(byte, Encoding::Chars);
        (p.line + 1, p.col + 1)
    }

    /// The byte offset of a position. A line past the end gives the end of the document; a
    /// column past the end of its line gives the end of the line (before its line break); a
    /// column inside a character gives the start of that character.
    pub fn offset(&self, pos: Pos, enc: Encoding) -> usize {
        let r = &self.rope;
        if pos.line >= r.len_lines() {
            return r.len_bytes();
        }
        let line_char = r.line_to_char(pos.line);
        let line = r.line(pos.line);
        // Characters of the line without its line break.
        let mut content_chars = line.len_chars();
        for brk in ["\r\n", "\n", "\r"] {
            let n = brk.chars().count();
            if content_chars >= n && line.slice(content_chars - n..content_chars) == brk {
                content_chars -= n;
                break;
            }
        }
        let ascii = line.len_bytes() == line.len_chars();
        let col_chars = match enc {
            _ if ascii => pos.col.min(content_chars),
            Encoding::Chars => pos.col.min(content_chars),
            Encoding::Utf8 => {
                let line_byte = r.line_to_byte(pos.line);
                let content_end = r.char_to_byte(line_char + content_chars);
                let target = (line_byte + pos.col).min(content_end);
                // Floor to a character boundary.
                r.byte_to_char(target) - line_char
            }
            Encoding::Utf16 => {
                let base = r.char_to_utf16_cu(line_char);
                let end = r.char_to_utf16_cu(line_char + content_chars);
                let target = (base + pos.col).min(end);
                r.utf16_cu_to_char(target) - line_char
            }
        };
        r.char_to_byte(line_char + col_chars)
    }

    /// Replace a byte range with new text.
    pub fn replace(&mut self, start: usize, end: usize, new_text: &str) {
        let len = self.rope.len_bytes();
        let (start, end) = (start.min(len), end.min(len));
        let (start, end) = (start.min(end), end.max(start));
        let cs = self.rope.byte_to_char(start);
        let ce = self.rope.byte_to_char(end);
        self.rope.remove(cs..ce);
        self.rope.insert(cs, new_text);
    }

    /// The text of one line (without its line break), 0-based.
    pub fn line_text(&self, line: usize) -> String {
        if line >= self.rope.len_lines() {
            return String::new();
        }
        let s = self.rope.line(line).to_string();
        s.trim_end_matches(['\n', '\r']).to_string()
    }
}

/// The 1-based line and character column of a byte offset of a text (see
/// [`Document::line_col`]; to place many offsets of one text, make the document once).
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    Document::new(text, Kind::Plain).line_col(byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_after_emoji_and_nfd() {
        let text = "a\r\n👍 Hoa\u{300}ng x";
        let d = Document::new(text, Kind::Plain);
        let x = text.rfind('x').unwrap();
        assert_eq!(d.position(x, Encoding::Utf8), Pos { line: 1, col: 13 });
        assert_eq!(d.position(x, Encoding::Utf16), Pos { line: 1, col: 10 });
        assert_eq!(d.position(x, Encoding::Chars), Pos { line: 1, col: 9 });
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Chars] {
            assert_eq!(d.offset(d.position(x, enc), enc), x);
        }
    }

    #[test]
    fn every_byte_has_the_position_counted_from_its_line() {
        // Long enough for the rope to hold several chunks.
        let text = "a\r\n👍 Hoa\u{300}ng x\rč\n\n中文 ".repeat(300);
        let d = Document::new(&text, Kind::Plain);
        let (mut line, mut start) = (0, 0);
        let mut floor = 0;
        for byte in 0..=text.len() {
            if text.is_char_boundary(byte) {
                floor = byte;
            }
            let before = &text[start..floor];
            let want = |enc| match enc {
                Encoding::Utf8 => before.len(),
                Encoding::Chars => before.chars().count(),
                Encoding::Utf16 => before.encode_utf16().count(),
            };
            for enc in [Encoding::Utf8, Encoding::Chars, Encoding::Utf16] {
                let got = d.position(byte, enc);
                assert_eq!((got.line, got.col), (line, want(enc)), "{byte} {enc:?}");
            }
            // A line ends after "\n", after "\r" not followed by "\n".
            let b = text.as_bytes();
            if byte < text.len()
                && (b[byte] == b'\n' || (b[byte] == b'\r' && b.get(byte + 1) != Some(&b'\n')))
            {
                line += 1;
                start = byte + 1;
            }
        }
    }

    #[test]
    fn clamps() {
        let d = Document::new("ab\r\ncd", Kind::Plain);
        assert_eq!(d.offset(Pos { line: 0, col: 99 }, Encoding::Utf16), 2);
        assert_eq!(d.offset(Pos { line: 9, col: 0 }, Encoding::Utf16), 6);
        assert_eq!(d.position(99, Encoding::Utf16), Pos { line: 1, col: 2 });
        // Inside a surrogate pair or a multi-byte character: floor.
        let e = Document::new("👍x", Kind::Plain);
        assert_eq!(e.offset(Pos { line: 0, col: 1 }, Encoding::Utf16), 0);
        assert_eq!(e.offset(Pos { line: 0, col: 2 }, Encoding::Utf8), 0);
        assert_eq!(e.offset(Pos { line: 0, col: 2 }, Encoding::Utf16), 4);
    }

    #[test]
    fn one_based_line_and_character_column() {
        let text = "ab\r\nčd\re";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, text.find('d').unwrap()), (2, 2));
        assert_eq!(line_col(text, text.len()), (3, 2));
    }

    #[test]
    fn replace_edits() {
        let mut d = Document::new("Hoang said", Kind::Plain);
        d.replace(0, 5, "Hoàng");
        assert_eq!(d.text(), "Hoàng said");
    }
}
