//! The base protocol on stdin, read by us before the framework sees it.
//!
//! `Content-Length` frames are cut out of the byte stream here. A frame whose header has no
//! usable length, whose body is not JSON, or whose JSON is not a JSON-RPC message is answered
//! (`-32700` Parse error, `-32600` Invalid request) and dropped; only good frames go on. A
//! framework that meets a bad frame itself may stop serving, so it never sees one.

use serde_json::{Value, json};

/// What the reader found next in the stream.
#[derive(Debug, PartialEq)]
pub enum Item {
    /// A well-formed message.
    Message(Value),
    /// Something to answer with an error and drop.
    Bad {
        code: i64,
        message: String,
        id: Value,
    },
}

/// An incremental frame reader: push bytes in, take items out.
///
/// Each byte is looked at a bounded number of times however the stream is cut: a header
/// that is read stays read while its body arrives, and the search for a header's end goes
/// on from where it stopped.
#[derive(Debug, Default)]
pub struct Frames {
    buf: Vec<u8>,
    /// Bytes at the front of `buf` already cut into items (dropped in bulk).
    used: usize,
    /// After a header without a length: skip the JSON body that likely follows.
    skip_body: bool,
    /// While skipping a body: how far it has been scanned.
    skip_scan: SkipScan,
    /// While skipping a body that was not JSON: its line has not ended yet.
    skip_line: bool,
    /// The header of the frame whose body is arriving: where the body starts (from `used`)
    /// and its length.
    header: Option<(usize, usize)>,
    /// How far (from `used`) the search for the end of a header has looked.
    searched: usize,
}

/// The largest body accepted (a document of 64 MiB is far beyond any article).
const MAX_BODY: usize = 64 << 20;

impl Frames {
    pub fn push(&mut self, bytes: &[u8]) {
        // Drop what was used once it is most of the buffer: a move per byte at most.
        if self.used > 0 && self.used >= self.buf.len() / 2 {
            self.buf.drain(..self.used);
            self.used = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes held but not yet cut into an item.
    pub fn pending(&self) -> usize {
        self.buf.len() - self.used
    }

    fn rest(&self) -> &[u8] {
        &self.buf[self.used..]
    }

    fn consume(&mut self, n: usize) {
        self.used += n;
        self.searched = 0;
        self.header = None;
    }

    /// The next complete item, if the buffer holds one.
    pub fn next_item(&mut self) -> Option<Item> {
        if self.skip_body && !self.skip_json_body()? {
            return None;
        }
        if self.header.is_none() {
            // Leading blank lines between frames are tolerated.
            let lead = self
                .rest()
                .iter()
                .position(|&b| b != b'\r' && b != b'\n')
                .unwrap_or(self.pending());
            if lead > 0 {
                self.consume(lead);
            }
            let Some((header_len, body_start)) = find_header_end_from(self.rest(), self.searched)
            else {
                self.searched = self.pending().saturating_sub(3);
                return None;
            };
            let header = String::from_utf8_lossy(&self.rest()[..header_len]).into_owned();
            let Some(length) = content_length(&header) else {
                self.consume(body_start);
                self.skip_body = true;
                return Some(parse_error(
                    "bad header: no valid Content-Length".to_string(),
                ));
            };
            if length > MAX_BODY {
                self.consume(body_start);
                self.skip_body = true;
                return Some(parse_error(format!("body of {length} bytes is too large")));
            }
            self.header = Some((body_start, length));
        }
        let (body_start, length) = self.header?;
        if self.pending() < body_start + length {
            return None;
        }
        let item = check_body(&self.rest()[body_start..body_start + length]);
        self.consume(body_start + length);
        Some(item)
    }

    /// After a bad header: drop the JSON value that follows, if one does. `None` while it
    /// is still arriving; `Some(false)` when there was nothing to drop yet.
    fn skip_json_body(&mut self) -> Option<bool> {
        if self.skip_line {
            let rest = self.rest();
            let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
                let n = rest.len();
                self.consume(n);
                return None;
            };
            self.consume(nl + 1);
            return Some(self.end_skip());
        }
        let rest = self.rest();
        let Some(i) = rest.iter().position(|b| !b.is_ascii_whitespace()) else {
            let n = rest.len();
            self.consume(n);
            return Some(false);
        };
        // The whitespace before what comes is dropped now, as it is when it arrives in reads
        // of its own: what follows is read alike however the stream is cut.
        self.consume(i);
        let rest = &self.buf[self.used..];
        if rest[0] == b'{' || rest[0] == b'[' {
            // Parse only once the value may be whole (its brackets close) or cannot be JSON
            // (a byte JSON has no place for): a long body is scanned once, not per read.
            if !self.skip_scan.ready(rest) {
                return None;
            }
            let mut it =
                serde_json::Deserializer::from_slice(rest).into_iter::<serde::de::IgnoredAny>();
            match it.next() {
                Some(Ok(_)) => {
                    let end = it.byte_offset();
                    self.consume(end);
                }
                Some(Err(e)) if e.is_eof() => return None,
                _ => {
                    // Not JSON after all: drop up to the end of its line, which may not
                    // have arrived yet (then the skip goes on with the next read, whatever
                    // way the stream is cut).
                    self.skip_line = true;
                    return self.skip_json_body();
                }
            }
        }
        Some(self.end_skip())
    }

    /// The body after a bad header is dropped: read frames again.
    fn end_skip(&mut self) -> bool {
        self.skip_body = false;
        self.skip_line = false;
        self.skip_scan = SkipScan::default();
        true
    }
}

/// A scan of a JSON value's bytes as they arrive: brackets outside strings, and bytes that
/// no JSON value holds outside a string.
#[derive(Debug, Default)]
struct SkipScan {
    at: usize,
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// It said "parse now" once: it keeps saying so until the value is dropped. The parser
    /// can still want a few more bytes (a `\u` escape is read four bytes at a time, even
    /// when they are not hex digits); the scan must not wait for a second sign meanwhile,
    /// or a stream read in pieces waits where the same stream read whole goes on.
    ready: bool,
}

impl SkipScan {
    /// Scan what arrived since the last call: has the value closed, or met a byte JSON has no
    /// place for? (Either way it is time to parse it.)
    fn ready(&mut self, rest: &[u8]) -> bool {
        if !self.ready {
            self.ready = self.scan(rest);
        }
        self.ready
    }

    fn scan(&mut self, rest: &[u8]) -> bool {
        while self.at < rest.len() {
            let b = rest[self.at];
            self.at += 1;
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
                continue;
            }
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        return true;
                    }
                }
                b',' | b':' | b'.' | b'+' | b'-' | b'0'..=b'9' => {}
                b'a' | b'e' | b'f' | b'l' | b'n' | b'r' | b's' | b't' | b'u' | b'E' => {}
                b if b.is_ascii_whitespace() => {}
                _ => return true,
            }
        }
        false
    }
}

/// The end of the header block (`\r\n\r\n`, or `\n\n` from a sloppy client): the header's
/// length and where the body starts.
pub(crate) fn find_header_end(buf: &[u8]) -> Option<(usize, usize)> {
    find_header_end_from(buf, 0)
}

/// [`find_header_end`], knowing that none ends before `from`. Only the bytes up to the first
/// end are read (never the body after it).
fn find_header_end_from(buf: &[u8], from: usize) -> Option<(usize, usize)> {
    let from = from.min(buf.len());
    let crlf = buf[from..]
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|a| from + a);
    // A `\n\n` counts only before the first `\r\n\r\n`.
    let lf_end = crlf.map_or(buf.len(), |a| a + 1);
    let lf = buf[from..lf_end]
        .windows(2)
        .position(|w| w == b"\n\n")
        .map(|b| from + b);
    match (crlf, lf) {
        (Some(a), Some(b)) if b < a => Some((b, b + 2)),
        (Some(a), _) => Some((a, a + 4)),
        (None, Some(b)) => Some((b, b + 2)),
        (None, None) => None,
    }
}

/// The value of the (last) `Content-Length` header.
pub(crate) fn content_length(header: &str) -> Option<usize> {
    header
        .lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse::<usize>().ok())?
        })
        .next_back()
}

fn parse_error(message: String) -> Item {
    Item::Bad {
        code: -32700,
        message,
        id: Value::Null,
    }
}

/// Check that a body is a JSON-RPC 2.0 message.
pub fn check_body(body: &[u8]) -> Item {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return parse_error(format!("Parse error: {e}")),
    };
    let invalid = |message: &str, id: Value| Item::Bad {
        code: -32600,
        message: format!("Invalid request: {message}"),
        id,
    };
    let Some(obj) = value.as_object() else {
        return invalid("a message is a JSON object", Value::Null);
    };
    let id = obj.get("id").cloned();
    let id_ok = match &id {
        None => true,
        Some(v) => v.is_string() || v.is_i64() || v.is_u64() || v.is_null(),
    };
    let reply_id = id.clone().filter(|_| id_ok).unwrap_or(Value::Null);
    if obj.get("jsonrpc") != Some(&Value::String("2.0".into())) {
        return invalid("\"jsonrpc\" must be \"2.0\"", reply_id);
    }
    if !id_ok {
        return invalid("\"id\" must be a number or a string", Value::Null);
    }
    match obj.get("method") {
        Some(Value::String(_)) => {
            if let Some(p) = obj.get("params")
                && !(p.is_object() || p.is_array() || p.is_null())
            {
                return invalid("\"params\" must be an object or an array", reply_id);
            }
            Item::Message(value)
        }
        Some(_) => invalid("\"method\" must be a string", reply_id),
        None if id.is_some() && (obj.contains_key("result") || obj.contains_key("error")) => {
            Item::Message(value)
        }
        None => invalid("no \"method\" and not a response", reply_id),
    }
}

/// Frame a message for the wire.
pub fn frame(value: &Value) -> Vec<u8> {
    frame_of(value).expect("a JSON value serialises")
}

/// A message framed, serialised straight from its type (no `Value` on the way).
pub fn frame_of<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    let body = serde_json::to_vec(value)?;
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(&body);
    Ok(out)
}

/// An error response.
pub fn error_response(id: Value, code: i64, message: &str) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(input: &[u8]) -> Vec<Item> {
        let mut f = Frames::default();
        f.push(input);
        std::iter::from_fn(|| f.next_item()).collect()
    }

    /// The items of `input` read `size` bytes at a time, and the bytes left pending.
    fn items_in_chunks(input: &[u8], size: usize) -> (Vec<Item>, usize) {
        let mut f = Frames::default();
        let mut got = Vec::new();
        for b in input.chunks(size) {
            f.push(b);
            while let Some(i) = f.next_item() {
                got.push(i);
            }
        }
        (got, f.pending())
    }

    fn framed(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[test]
    fn frames_split_anywhere() {
        let mut input = framed(r#"{"jsonrpc":"2.0","method":"a"}"#);
        input.extend(framed(
            r#"{"jsonrpc":"2.0","id":1,"method":"b","params":{}}"#,
        ));
        let mut f = Frames::default();
        let mut got = Vec::new();
        for b in input.chunks(3) {
            f.push(b);
            while let Some(i) = f.next_item() {
                got.push(i);
            }
        }
        assert_eq!(got.len(), 2);
        assert!(matches!(&got[1], Item::Message(v) if v["method"] == "b"));
    }

    #[test]
    fn bad_json_then_good() {
        let mut input = framed("{not json");
        input.extend(framed(r#"{"jsonrpc":"2.0","method":"ok"}"#));
        let got = items(&input);
        assert!(matches!(got[0], Item::Bad { code: -32700, .. }));
        assert!(matches!(&got[1], Item::Message(v) if v["method"] == "ok"));
    }

    #[test]
    fn bad_header_skips_its_body() {
        let mut input =
            b"Content-Lenght: 31\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}".to_vec();
        input.extend(framed(r#"{"jsonrpc":"2.0","method":"ok"}"#));
        let got = items(&input);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(got[0], Item::Bad { code: -32700, .. }));
        assert!(matches!(&got[1], Item::Message(v) if v["method"] == "ok"));
    }

    #[test]
    fn any_cut_of_a_stream_gives_the_same_items() {
        let mut input = framed(r#"{"jsonrpc":"2.0","method":"a","params":{"t":"x\n\ny"}}"#);
        input.extend(b"\r\n");
        input.extend(b"Content-Length: 17\n\n");
        input.extend(br#"{"jsonrpc":"2.0"}"#);
        input.extend(b"Content-Type: x\r\n\r\n{\"a\": [1, {\"b\": \"]}\"}]}");
        input.extend(b"Content-Length: 3\r\n\r\n{x}");
        input.extend(b"Nope: 1\r\n\r\n{ not json\n");
        input.extend(framed(r#"{"jsonrpc":"2.0","id":2,"method":"b"}"#));
        let whole = items(&input);
        assert_eq!(whole.len(), 6, "{whole:?}");
        assert!(matches!(&whole[5], Item::Message(v) if v["method"] == "b"));
        for size in [1, 2, 3, 5, 7, 64] {
            let (got, pending) = items_in_chunks(&input, size);
            assert_eq!(got, whole, "chunks of {size}");
            assert_eq!(pending, 0);
        }
    }

    #[test]
    fn a_bad_body_whose_line_ends_in_a_later_read() {
        // Found by the `frames` fuzz target: a body after a bad header that is not JSON is
        // dropped up to its line's end, also when that end comes in a later read.
        let mut input = b"Nope: 1\r\n\r\n{ not json at all, Content-Length: 9\r\n\r\n".to_vec();
        input.extend(framed(r#"{"jsonrpc":"2.0","id":2,"method":"b"}"#));
        input.extend(b"\x87A\r\n\r\n\r[\xc1\xc1\xc1\r\x87A\r\n\r\n\r[\r\x00\r\n\r\xff\xff\n a\r");
        let whole = items(&input);
        assert!(
            whole
                .iter()
                .any(|i| matches!(i, Item::Message(v) if v["method"] == "b")),
            "{whole:?}"
        );
        for size in 1..=9 {
            assert_eq!(items_in_chunks(&input, size).0, whole, "chunks of {size}");
        }
    }

    #[test]
    fn whitespace_after_a_bad_header_is_dropped_however_it_is_read() {
        // Found by the `frames` fuzz target: after a bad header, whitespace and then no
        // JSON body. Read whole, the whitespace after the tab was kept and read as a second
        // bad header; read byte by byte, it was dropped while the skip waited for a body.
        let input = b"\t\n\n\n\t\n\n\n\n\xf2";
        let whole = items(input);
        assert_eq!(whole.len(), 1, "{whole:?}");
        for size in 1..=input.len() {
            assert_eq!(items_in_chunks(input, size).0, whole, "chunks of {size}");
        }
        // Whitespace, then a body that is not JSON: its line ends at the first line break
        // after the body, not at one in the whitespace before it.
        let mut input = vec![0xe1; 39];
        input.extend(b"\t\n\n\n\t\n\n[{\0");
        let whole = items(&input);
        assert_eq!(whole.len(), 1, "{whole:?}");
        for size in 1..=input.len() {
            assert_eq!(items_in_chunks(&input, size).0, whole, "chunks of {size}");
        }
        // The next frame after such a gap is read.
        let mut input = b"Nope: 1\r\n\r\n \t\r\n".to_vec();
        input.extend(framed(r#"{"jsonrpc":"2.0","id":3,"method":"c"}"#));
        let whole = items(&input);
        assert!(
            matches!(&whole[..], [Item::Bad { .. }, Item::Message(v)] if v["method"] == "c"),
            "{whole:?}"
        );
        for size in 1..=9 {
            assert_eq!(items_in_chunks(&input, size).0, whole, "chunks of {size}");
        }
    }

    #[test]
    fn a_bad_body_cut_inside_a_unicode_escape() {
        // Found by the `frames` fuzz target (session 6): after a bad header, a body whose scan
        // met a byte JSON has no place for, but whose parse stopped for more bytes (`\u`
        // takes four, hex or not). Read byte by byte, the skip waited for another sign from
        // the scan that never came, and the third bad header was never reported.
        let input = b"\x0b\n\n[\x0b\n[\xff\n\n{\n\r\"\\u\"\n%\n{u\"\xff\n\n\xe3";
        let whole = items(input);
        assert_eq!(whole.len(), 3, "{whole:?}");
        assert!(
            whole
                .iter()
                .all(|i| matches!(i, Item::Bad { code: -32700, .. }))
        );
        for size in [1, 2, 3, 4, 5] {
            assert_eq!(items_in_chunks(input, size).0, whole, "chunks of {size}");
        }
    }

    #[test]
    fn not_a_message() {
        let got = items(&framed(r#"{"jsonrpc":"2.0","id":4}"#));
        assert_eq!(
            got[0],
            Item::Bad {
                code: -32600,
                message: "Invalid request: no \"method\" and not a response".into(),
                id: json!(4)
            }
        );
        assert!(matches!(
            items(&framed("[1]"))[0],
            Item::Bad { code: -32600, .. }
        ));
        assert!(matches!(
            items(&framed(r#"{"jsonrpc":"2.0","id":1,"result":null}"#))[0],
            Item::Message(_)
        ));
    }
}
