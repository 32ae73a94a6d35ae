//! The streaming input source, beside file discovery: NDJSON records read from a stream
//! (stdin: `polex extract -`), one JSON object per line:
//!
//! `{"id": "a", "text": "…"}`, or `"html": "<html>…"` (a page, already decoded), or
//! `"bytes_base64": "…"` (raw bytes, read like a file: the reader is chosen by `source`'s (else
//! the id's) extension and the first bytes), plus an optional `"source"` (the URL or path,
//! reported as the document's `source`; default: the id) and `"meta"` (any JSON, passed through
//! to the record written on stdout). The id is a string or an integer.
//!
//! Lines are read one at a time and never buffered beyond the limit: a longer line is skipped
//! to its end and becomes an error naming its line number (and its id when the line starts with
//! it). A line that is not such a record is an error naming its line; blank lines are skipped.

use std::io::{self, BufRead};

use serde::Deserialize;

use crate::error::{DocError, Stage};

/// The content of one record.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// `"text"`: read by the plain-text reader (its UTF-8 bytes, as a `.txt` file).
    Text(String),
    /// `"html"`: read by the HTML reader from the decoded page.
    Html(String),
    /// `"bytes_base64"`: raw bytes, read by the reader that would read such a file.
    Bytes(Vec<u8>),
}

/// One record of the stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// 1-based line number in the stream.
    pub line: u64,
    /// The document id.
    pub id: String,
    /// The document's `source` (the record's `"source"`, else its id).
    pub source: String,
    /// What to read.
    pub body: Body,
    /// The record's `"meta"`, passed through.
    pub meta: Option<serde_json::Value>,
}

/// One line of the stream: a record, or the failure of a line that is none.
#[derive(Debug, Clone)]
pub enum Item {
    /// A record to analyse.
    Record(Record),
    /// A line that is no record (not JSON, no id, too long, …).
    Bad(BadLine),
}

/// A line of the stream that is no record (it becomes a failure with `path` [`STREAM_PATH`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// 1-based line number.
    pub line: u64,
    /// The record's id when it could be read, else empty.
    pub id: String,
    /// Where it failed.
    pub stage: Stage,
    /// Why, naming the line.
    pub reason: String,
}

/// The `path` of a failure of a line of the stream.
pub const STREAM_PATH: &str = "stdin";

#[derive(Deserialize)]
struct Raw {
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
    bytes_base64: Option<String>,
    source: Option<String>,
    meta: Option<serde_json::Value>,
}

/// Reads the records of an NDJSON stream, line by line, in bounded memory.
pub struct Records<R> {
    input: R,
    line: u64,
    max_line: u64,
    max_bytes: u64,
    /// The error that ended the stream early (reading it failed).
    pub error: Option<io::Error>,
}

/// The longest record line read for content of at most `max_bytes`: 4 times as long, room for
/// base64 (4/3) and for JSON that escapes every non-ASCII letter (`\u0430`: 3 times a Cyrillic
/// letter's UTF-8). A longer line is skipped without being buffered.
pub fn line_limit(max_bytes: u64) -> u64 {
    max_bytes.saturating_mul(4)
}

/// What is kept of a line too long to buffer: enough to name its id.
const HEAD_BYTES: usize = 4096;

impl<R: BufRead> Records<R> {
    /// Records of `input`; a line longer than `max_line` bytes, or content (decoded base64,
    /// text) larger than `max_bytes`, is refused.
    pub fn new(input: R, max_line: u64, max_bytes: u64) -> Self {
        Records {
            input,
            line: 0,
            max_line,
            max_bytes,
            error: None,
        }
    }

    /// The next `n` items (fewer at the end of the stream; empty when it is over).
    pub fn chunk(&mut self, n: usize) -> Vec<Item> {
        let mut out = Vec::new();
        while out.len() < n {
            match self.next_item() {
                Some(item) => out.push(item),
                None => break,
            }
        }
        out
    }

    /// The next item, `None` at the end of the stream (or when reading it failed: see
    /// [`Records::error`]).
    pub fn next_item(&mut self) -> Option<Item> {
        loop {
            let (bytes, total) = match self.read_line() {
                Ok(Some(l)) => l,
                Ok(None) => return None,
                Err(e) => {
                    self.error = Some(e);
                    return None;
                }
            };
            let line = self.line;
            if total > self.max_line {
                let id = leading_id(&bytes).unwrap_or_default();
                let reason = format!(
                    "line {line}: record of {total} bytes is over the line limit ({} bytes, 4 x --max-file-mb); skipped",
                    self.max_line
                );
                return Some(Item::Bad(bad(line, id, Stage::Read, reason)));
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(self.parse(line, &bytes));
        }
    }

    fn parse(&self, line: u64, bytes: &[u8]) -> Item {
        let raw: Raw = match serde_json::from_slice(bytes) {
            Ok(r) => r,
            Err(e) => {
                let id = leading_id(bytes).unwrap_or_default();
                let reason = format!("line {line}: not a JSON record: {e}");
                return Item::Bad(bad(line, id, Stage::Ingest, reason));
            }
        };
        let id = match raw.id {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s,
            Some(serde_json::Value::Number(n)) if n.is_i64() || n.is_u64() => n.to_string(),
            None => {
                let reason = format!("line {line}: the record has no \"id\"");
                return Item::Bad(bad(line, String::new(), Stage::Ingest, reason));
            }
            Some(_) => {
                let reason =
                    format!("line {line}: \"id\" must be a non-empty string or an integer");
                return Item::Bad(bad(line, String::new(), Stage::Ingest, reason));
            }
        };
        let fail = |stage, reason: String| Item::Bad(bad(line, id.clone(), stage, reason));
        let body = match (raw.text, raw.html, raw.bytes_base64) {
            (Some(t), None, None) => Body::Text(t),
            (None, Some(h), None) => Body::Html(h),
            (None, None, Some(b)) => {
                use base64::Engine as _;
                match base64::engine::general_purpose::STANDARD.decode(b.trim()) {
                    Ok(v) => Body::Bytes(v),
                    Err(e) => {
                        return fail(
                            Stage::Decode,
                            format!("line {line}: \"bytes_base64\" is not base64: {e}"),
                        )
                    }
                }
            }
            (None, None, None) => {
                return fail(
                    Stage::Ingest,
                    format!("line {line}: the record has none of \"text\", \"html\", \"bytes_base64\""),
                )
            }
            _ => {
                return fail(
                    Stage::Ingest,
                    format!("line {line}: the record has more than one of \"text\", \"html\", \"bytes_base64\""),
                )
            }
        };
        let size = match &body {
            Body::Text(s) | Body::Html(s) => s.len(),
            Body::Bytes(b) => b.len(),
        } as u64;
        if size > self.max_bytes {
            let e = DocError::TooLarge(size, self.max_bytes);
            return fail(e.stage(), format!("line {line}: {e}"));
        }
        Item::Record(Record {
            line,
            source: raw.source.unwrap_or_else(|| id.clone()),
            id,
            body,
            meta: raw.meta,
        })
    }

    /// The next line without its newline, bounded: `(bytes, total length)`, where a line longer
    /// than the limit keeps only its first [`HEAD_BYTES`] and is read to its end unbuffered.
    fn read_line(&mut self) -> io::Result<Option<(Vec<u8>, u64)>> {
        let mut buf = Vec::new();
        let mut total: u64 = 0;
        let mut any = false;
        loop {
            let chunk = match self.input.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                break;
            }
            any = true;
            let (take, end) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i, true),
                None => (chunk.len(), false),
            };
            total += take as u64;
            let room = if total > self.max_line {
                HEAD_BYTES.saturating_sub(buf.len())
            } else {
                take
            };
            buf.extend_from_slice(&chunk[..take.min(room)]);
            if total > self.max_line && buf.len() > HEAD_BYTES {
                buf.truncate(HEAD_BYTES);
            }
            self.input.consume(take + usize::from(end));
            if end {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        self.line += 1;
        if buf.last() == Some(&b'\r') && total <= self.max_line {
            buf.pop();
        }
        Ok(Some((buf, total)))
    }
}

fn bad(line: u64, id: String, stage: Stage, reason: String) -> BadLine {
    BadLine {
        line,
        id,
        stage,
        reason,
    }
}

/// The id of a line that starts `{"id": "…"` (or an integer), read without parsing the rest:
/// names a record too long or malformed to parse.
fn leading_id(bytes: &[u8]) -> Option<String> {
    let s = bytes
        .trim_ascii_start()
        .strip_prefix(b"{")?
        .trim_ascii_start();
    let s = s.strip_prefix(b"\"id\"")?.trim_ascii_start();
    let s = s.strip_prefix(b":")?.trim_ascii_start();
    let mut de = serde_json::Deserializer::from_slice(s);
    match serde_json::Value::deserialize(&mut de).ok()? {
        serde_json::Value::String(id) => Some(id),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(input: &str, max_line: u64) -> Vec<Item> {
        let mut r = Records::new(
            io::BufReader::with_capacity(7, input.as_bytes()),
            max_line,
            100,
        );
        let v = r.chunk(100);
        assert!(r.error.is_none());
        v
    }

    fn reason(i: &Item) -> &str {
        match i {
            Item::Bad(f) => &f.reason,
            Item::Record(r) => panic!("a record: {r:?}"),
        }
    }

    #[test]
    fn records_and_bad_lines_keep_their_line_numbers() {
        let input = "{\"id\":\"a\",\"text\":\"x\",\"meta\":{\"k\":1}}\r\n\n  \nnot json\n{\"id\":7,\"html\":\"<p>y\",\"source\":\"https://e.ru/\"}\n{\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"x\",\"html\":\"y\"}\n{\"id\":\"c\",\"bytes_base64\":\"aGk=\"}";
        let v = items(input, 1000);
        assert_eq!(v.len(), 6);
        let Item::Record(a) = &v[0] else { panic!() };
        assert_eq!((a.line, a.id.as_str(), a.source.as_str()), (1, "a", "a"));
        assert_eq!(a.meta, Some(serde_json::json!({"k": 1})));
        assert!(reason(&v[1]).starts_with("line 4: not a JSON record"));
        let Item::Record(b) = &v[2] else { panic!() };
        assert_eq!(
            (b.line, b.id.as_str(), b.source.as_str()),
            (5, "7", "https://e.ru/")
        );
        assert_eq!(b.body, Body::Html("<p>y".into()));
        assert_eq!(reason(&v[3]), "line 6: the record has no \"id\"");
        assert!(reason(&v[4]).contains("more than one"));
        let Item::Record(c) = &v[5] else { panic!() };
        assert_eq!((c.line, &c.body), (8, &Body::Bytes(b"hi".to_vec())));
    }

    #[test]
    fn a_long_line_is_skipped_to_its_end_and_named() {
        let long = format!("{{\"id\": \"big\", \"text\": \"{}\"}}", "x".repeat(5000));
        let input = format!("{long}\n{{\"id\":\"after\",\"text\":\"y\"}}\n");
        let v = items(&input, 1000);
        assert_eq!(v.len(), 2);
        let Item::Bad(f) = &v[0] else { panic!() };
        assert_eq!((f.id.as_str(), f.line), ("big", 1));
        assert!(
            f.reason.starts_with("line 1: record of 5025 bytes"),
            "{}",
            f.reason
        );
        let Item::Record(r) = &v[1] else { panic!() };
        assert_eq!((r.line, r.id.as_str()), (2, "after"));
    }

    #[test]
    fn content_over_the_limit_is_refused() {
        let input = format!("{{\"id\":\"t\",\"text\":\"{}\"}}\n", "x".repeat(101));
        let v = items(&input, 1000);
        assert!(reason(&v[0]).starts_with("line 1: "), "{}", reason(&v[0]));
        assert!(reason(&v[0]).contains("101"));
    }
}
