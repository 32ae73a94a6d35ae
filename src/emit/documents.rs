//! `documents.jsonl`: everything polex knows about a policy, one JSON line per document, and
//! its JSON Schema `documents.schema.json` (of [`Document`]).

use super::format::{json_line, Format, Settings};
use super::schema;
use crate::model::Document;

struct Documents;

/// The format's constructor for the registry.
pub fn new(_: &Settings) -> Box<dyn Format> {
    Box::new(Documents)
}

impl Format for Documents {
    fn files(&self) -> &'static [&'static str] {
        &["documents.jsonl", "documents.schema.json"]
    }

    fn headers(&self) -> Vec<Vec<u8>> {
        schema::jsonl_headers::<Document>(
            "documents.jsonl",
            "A processed policy: its source, languages, canonical text and clauses, \
                 findings, entities and data practices; offsets are char offsets into `text`.",
        )
    }

    fn render(&self, doc: &Document, out: &mut [Vec<u8>]) {
        out[0].reserve(doc.layout.text.len() * 3);
        json_line(&mut out[0], doc);
    }
}
