//! `errors.jsonl`: one line per input that failed: `path`, `id`, `stage`, `reason`.

use super::format::{json_line, Format, Settings};
use crate::model::Document;
use crate::pipeline::Failure;

struct Errors;

/// The format's constructor for the registry.
pub fn new(_: &Settings) -> Box<dyn Format> {
    Box::new(Errors)
}

impl Format for Errors {
    fn files(&self) -> &'static [&'static str] {
        &["errors.jsonl"]
    }

    fn render(&self, _doc: &Document, _out: &mut [Vec<u8>]) {}

    fn failure(&self, f: &Failure, out: &mut [Vec<u8>]) {
        #[derive(serde::Serialize)]
        struct Rec<'a> {
            path: &'a str,
            id: &'a str,
            stage: crate::error::Stage,
            reason: &'a str,
        }
        json_line(
            &mut out[0],
            &Rec {
                path: &f.path,
                id: &f.id,
                stage: f.stage,
                reason: &f.reason,
            },
        );
    }
}
