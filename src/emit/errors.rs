//! `errors.jsonl`: one line per input that failed: `path`, `id`, `stage`, `reason` (an
//! [`ErrorRecord`]), and its JSON Schema `errors.schema.json`.

use super::format::{json_line, Format, Settings};
use super::schema;
use crate::model::Document;
use crate::pipeline::Failure;

struct Errors;

/// One line of errors.jsonl.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct ErrorRecord<'a> {
    /// The path as given.
    pub path: &'a str,
    /// The document id it would have had.
    pub id: &'a str,
    /// The stage that failed.
    pub stage: crate::error::Stage,
    /// Why, in words.
    pub reason: &'a str,
}

/// The format's constructor for the registry.
pub fn new(_: &Settings) -> Box<dyn Format> {
    Box::new(Errors)
}

impl Format for Errors {
    fn files(&self) -> &'static [&'static str] {
        &["errors.jsonl", "errors.schema.json"]
    }

    fn headers(&self) -> Vec<Vec<u8>> {
        schema::jsonl_headers::<ErrorRecord>(
            "errors.jsonl",
            "An input that ended in no document: where and why it failed.",
        )
    }

    fn render(&self, _doc: &Document, _out: &mut [Vec<u8>]) {}

    fn failure(&self, f: &Failure, out: &mut [Vec<u8>]) {
        json_line(
            &mut out[0],
            &ErrorRecord {
                path: &f.path,
                id: &f.id,
                stage: f.stage,
                reason: &f.reason,
            },
        );
    }
}
