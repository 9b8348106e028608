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
#[derive(Debug, Default)]
pub struct Frames {
    buf: Vec<u8>,
    /// After a header without a length: skip the JSON body that likely follows.
    skip_body: bool,
}

/// The largest body accepted (a document of 64 MiB is far beyond any article).
const MAX_BODY: usize = 64 << 20;

impl Frames {
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete item, if the buffer holds one.
    pub fn next_item(&mut self) -> Option<Item> {
        {
            if self.skip_body {
                let start = self.buf.iter().position(|b| !b.is_ascii_whitespace());
                match start {
                    None => {
                        self.buf.clear();
                        return None;
                    }
                    Some(i) if self.buf[i] == b'{' || self.buf[i] == b'[' => {
                        let mut it = serde_json::Deserializer::from_slice(&self.buf[i..])
                            .into_iter::<serde::de::IgnoredAny>();
                        match it.next() {
                            Some(Ok(_)) => {
                                let end = i + it.byte_offset();
                                self.buf.drain(..end);
                            }
                            Some(Err(e)) if e.is_eof() => return None,
                            _ => {
                                // Not JSON after all: drop up to the next line.
                                let nl = self.buf[i..].iter().position(|&b| b == b'\n');
                                let end = nl.map_or(self.buf.len(), |n| i + n + 1);
                                self.buf.drain(..end);
                            }
                        }
                    }
                    Some(_) => {}
                }
                self.skip_body = false;
            }
            // Leading blank lines between frames are tolerated.
            let lead = self
                .buf
                .iter()
                .position(|&b| b != b'\r' && b != b'\n')
                .unwrap_or(self.buf.len());
            self.buf.drain(..lead);
            let (header_len, body_start) = find_header_end(&self.buf)?;
            let header = String::from_utf8_lossy(&self.buf[..header_len]).into_owned();
            let length = content_length(&header);
            let Some(length) = length else {
                self.buf.drain(..body_start);
                self.skip_body = true;
                return Some(parse_error(
                    "bad header: no valid Content-Length".to_string(),
                ));
            };
            if length > MAX_BODY {
                self.buf.drain(..body_start);
                self.skip_body = true;
                return Some(parse_error(format!("body of {length} bytes is too large")));
            }
            if self.buf.len() < body_start + length {
                return None;
            }
            let body: Vec<u8> = self.buf[body_start..body_start + length].to_vec();
            self.buf.drain(..body_start + length);
            Some(check_body(&body))
        }
    }
}

/// The end of the header block (`\r\n\r\n`, or `\n\n` from a sloppy client): the header's
/// length and where the body starts.
pub(crate) fn find_header_end(buf: &[u8]) -> Option<(usize, usize)> {
    let crlf = buf.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = buf.windows(2).position(|w| w == b"\n\n");
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
    let body = serde_json::to_vec(value).expect("a JSON value serialises");
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(&body);
    out
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
