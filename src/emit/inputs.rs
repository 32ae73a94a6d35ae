//! `inputs.jsonl`: the table of contents of an output set, one line per input in output order,
//! written by [`super::OutputSet`] itself (not a [`super::Format`]): the input's place `n` in
//! the listing, `id`, `source`, `sha256` of its bytes, `format` (the reader), `status` (`ok` or
//! `error`) and `parts`, where its bytes are in every output file (`{"clauses.csv": [offset,
//! length], …}`; files it added nothing to are left out, and so are files a format rewrites in
//! its last step: `datapackage.json`, `polex.xlsx`).
//!
//! It is what lets a later run reuse a result without analysing the input again (`--since`:
//! same id and SHA-256, same polex version and settings) and `polex merge` put the outputs of
//! `--shard K/N` runs back into the order of one run, by copying those byte ranges.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The file name.
pub const INPUTS: &str = "inputs.jsonl";

/// The file of its JSON Schema, written beside it by every run.
pub const SCHEMA: &str = "inputs.schema.json";

/// The bytes of `inputs.schema.json`.
pub fn schema() -> Vec<u8> {
    super::schema::schema_file::<Entry>(
        INPUTS,
        "The table of contents of an output set: one line per input, with where its bytes are \
         in every output file (what --since and polex merge copy).",
    )
}

/// Whether an input gave a document or a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A document (documents.jsonl and the rest).
    Ok,
    /// A failure (errors.jsonl).
    Error,
}

/// One line of `inputs.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Entry {
    /// The input's place in the listing (0-based; with `--shard`, in the whole listing).
    pub n: u64,
    /// The document id.
    pub id: String,
    /// The document's `source` (a failure's path).
    pub source: String,
    /// SHA-256 of the input's bytes (documents only; `null` for a failure).
    #[serde(default)]
    pub sha256: Option<String>,
    /// The reader that read it (documents only; `null` for a failure).
    #[serde(default)]
    pub format: Option<String>,
    /// Document or failure.
    pub status: Status,
    /// File name → `[offset, length]` of this input's bytes in it.
    pub parts: BTreeMap<String, [u64; 2]>,
}

/// What the table of contents knows of a document before it is written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Key {
    /// The document id.
    pub id: String,
    /// Its `source`.
    pub source: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// The reader's name.
    pub format: String,
}

impl Key {
    /// The key of an analysed document.
    pub fn of(doc: &crate::model::Document) -> Self {
        Key {
            id: doc.source.id.clone(),
            source: doc.source.source.clone(),
            sha256: doc.source.sha256.clone(),
            format: doc.source.source_format.clone(),
        }
    }
}
