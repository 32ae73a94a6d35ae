//! The streaming sink: one JSON line per input on a stream (stdout: `--out -`), in input
//! order. A document is its `documents.jsonl` line (or, `--records clauses`, its
//! `clauses.jsonl` lines), rendered by that format itself, with the record's `"meta"` added;
//! a failure is `{"id", "error": {"stage", "reason"}}` (`id` null when the line had none).
//! Nothing is written to a directory.

use std::io::{self, Write};

use super::{CsvProfile, Renderer};
use crate::classify::Taxonomy;
use crate::model::Document;
use crate::pipeline::{Failure, Render, Sink};

/// Which records a document becomes on the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Records {
    /// One line per document (`documents.jsonl`'s).
    Documents,
    /// One line per clause (`clauses.jsonl`'s).
    Clauses,
}

impl Records {
    /// The format and the file of it whose lines are written.
    fn format(self) -> (&'static str, &'static str) {
        match self {
            Records::Documents => ("documents", "documents.jsonl"),
            Records::Clauses => ("clauses", "clauses.jsonl"),
        }
    }
}

/// Renders a document into its stream lines, on the worker threads.
#[derive(Clone)]
pub struct LineRenderer {
    inner: Renderer,
    file: &'static str,
}

impl LineRenderer {
    /// The renderer of `records`.
    pub fn new(records: Records, taxonomy: &Taxonomy) -> Self {
        let (format, file) = records.format();
        // A clause line on the stream stands alone (there is no documents.jsonl to slice the
        // body from): it carries its text.
        let inner = Renderer::select(CsvProfile::Plain, taxonomy, &[format], true)
            .expect("a registered format");
        LineRenderer { inner, file }
    }
}

impl Render for LineRenderer {
    type Out = Vec<u8>;
    fn render(&self, doc: &Document) -> Vec<u8> {
        self.inner
            .render_doc(doc)
            .into_part(self.file)
            .unwrap_or_default()
    }
    fn render_meta(&self, doc: Document, meta: Option<&serde_json::Value>) -> Vec<u8> {
        let lines = self.render(&doc);
        match meta {
            Some(m) => with_meta(&lines, m),
            None => lines,
        }
    }
}

/// Each JSON line of `lines` (an object) with `"meta": META` added as its last field.
fn with_meta(lines: &[u8], meta: &serde_json::Value) -> Vec<u8> {
    let meta = serde_json::to_vec(meta).expect("a JSON value serializes");
    let mut out = Vec::with_capacity(lines.len() + meta.len() + 10);
    for line in lines.split_inclusive(|b| *b == b'\n') {
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        let Some(open) = body.strip_suffix(b"}") else {
            out.extend_from_slice(line);
            continue;
        };
        out.extend_from_slice(open);
        if open != b"{" {
            out.push(b',');
        }
        out.extend_from_slice(b"\"meta\":");
        out.extend_from_slice(&meta);
        out.extend_from_slice(b"}\n");
    }
    out
}

/// The stream sink: writes each input's lines to `out` in input order.
pub struct LineSink<W: Write + Send> {
    out: io::BufWriter<W>,
    renderer: LineRenderer,
}

impl<W: Write + Send> LineSink<W> {
    /// A sink writing `records` to `out`.
    pub fn new(out: W, records: Records, taxonomy: &Taxonomy) -> Self {
        LineSink {
            out: io::BufWriter::with_capacity(1 << 16, out),
            renderer: LineRenderer::new(records, taxonomy),
        }
    }

    /// Flush what is buffered.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The line of a failure on the stream.
pub fn failure_line(f: &Failure) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Error<'a> {
        stage: crate::error::Stage,
        reason: &'a str,
    }
    #[derive(serde::Serialize)]
    struct Line<'a> {
        id: Option<&'a str>,
        error: Error<'a>,
    }
    let mut v = Vec::new();
    super::format::json_line(
        &mut v,
        &Line {
            id: (!f.id.is_empty()).then_some(f.id.as_str()),
            error: Error {
                stage: f.stage,
                reason: &f.reason,
            },
        },
    );
    v
}

impl<W: Write + Send> Sink for LineSink<W> {
    type Renderer = LineRenderer;

    fn renderer(&self) -> LineRenderer {
        self.renderer.clone()
    }

    fn write(&mut self, lines: Vec<u8>) -> io::Result<()> {
        self.out.write_all(&lines)
    }

    fn failure(&mut self, f: &Failure) -> io::Result<()> {
        self.out.write_all(&failure_line(f))
    }

    fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_is_the_last_field_of_every_line() {
        let m = serde_json::json!({"url": "https://e.ru", "n": [1, 2]});
        let got = with_meta(b"{\"id\":\"a\"}\n{}\n", &m);
        assert_eq!(
            String::from_utf8(got).unwrap(),
            "{\"id\":\"a\",\"meta\":{\"n\":[1,2],\"url\":\"https://e.ru\"}}\n{\"meta\":{\"n\":[1,2],\"url\":\"https://e.ru\"}}\n"
        );
    }

    #[test]
    fn a_failure_line_names_the_id_or_null() {
        let mut f = Failure {
            path: "stdin:3".into(),
            id: String::new(),
            stage: crate::error::Stage::Ingest,
            reason: "line 3: not a JSON record".into(),
        };
        assert_eq!(
            String::from_utf8(failure_line(&f)).unwrap(),
            "{\"id\":null,\"error\":{\"stage\":\"ingest\",\"reason\":\"line 3: not a JSON record\"}}\n"
        );
        f.id = "x".into();
        assert!(failure_line(&f).starts_with(b"{\"id\":\"x\","));
    }
}
