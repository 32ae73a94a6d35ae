//! `clauses.jsonl` and `clauses.csv`: one record per clause, for search indexes and
//! spreadsheets (the record shape is [`super::rows::ClauseRecord`]), and the JSON Schema of
//! clauses.jsonl, `clauses.schema.json`.

use super::csv_out::CsvProfile;
use super::format::{csv_header, csv_rows, json_line, Format, Settings};
use super::{rows, schema};
use crate::model::Document;

struct Clauses {
    profile: CsvProfile,
    /// `--clause-text`: the body text in each record (else null / an empty cell).
    text: bool,
}

/// The format's constructor for the registry.
pub fn new(s: &Settings) -> Box<dyn Format> {
    Box::new(Clauses {
        profile: s.profile,
        text: s.clause_text,
    })
}

impl Format for Clauses {
    fn files(&self) -> &'static [&'static str] {
        &["clauses.jsonl", "clauses.csv", "clauses.schema.json"]
    }

    fn headers(&self) -> Vec<Vec<u8>> {
        vec![
            Vec::new(),
            csv_header(self.profile, rows::CLAUSE_HEADER),
            schema::schema_file::<rows::ClauseRecord>(
                "clauses.jsonl",
                "A numbered clause of a document: its structure, and the char offsets of its body, items and sentences in the document's `text` (the body text itself with `--clause-text`).",
            ),
        ]
    }

    fn render(&self, doc: &Document, out: &mut [Vec<u8>]) {
        let doc_key = rows::doc_key(&doc.source.id);
        // Each record is made once, for its JSON line and its CSV row.
        let (jsonl, csv) = out.split_at_mut(1);
        csv_rows(
            &mut csv[0],
            self.profile,
            doc.layout.clauses.iter().map(|c| {
                let rec = rows::ClauseRecord::new(doc, &doc_key, c, self.text);
                json_line(&mut jsonl[0], &rec);
                rec.csv_row()
            }),
        );
    }
}
