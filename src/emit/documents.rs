//! `documents.jsonl`: everything polex knows about a policy, one JSON line per document.

use super::format::{json_line, Format, Settings};
use crate::model::Document;

struct Documents;

/// The format's constructor for the registry.
pub fn new(_: &Settings) -> Box<dyn Format> {
    Box::new(Documents)
}

impl Format for Documents {
    fn files(&self) -> &'static [&'static str] {
        &["documents.jsonl"]
    }

    fn render(&self, doc: &Document, out: &mut [Vec<u8>]) {
        out[0].reserve(doc.layout.text.len() * 3);
        json_line(&mut out[0], doc);
    }
}
