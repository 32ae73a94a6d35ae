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
    /// clauses.jsonl and its schema too (`clauses`), or clauses.csv alone (`clauses-csv`).
    jsonl: bool,
}

/// The format's constructor for the registry: `clauses`, clauses.jsonl and clauses.csv.
pub fn new(s: &Settings) -> Box<dyn Format> {
    Box::new(Clauses {
        profile: s.profile,
        text: s.clause_text,
        jsonl: true,
    })
}

/// `clauses-csv`: clauses.csv alone (the default set; documents.jsonl has the clauses).
pub fn new_csv(s: &Settings) -> Box<dyn Format> {
    Box::new(Clauses {
        profile: s.profile,
        text: s.clause_text,
        jsonl: false,
    })
}

impl Format for Clauses {
    fn files(&self) -> &'static [&'static str] {
        if self.jsonl {
            &["clauses.jsonl", "clauses.csv", "clauses.schema.json"]
        } else {
            &["clauses.csv"]
        }
    }

    fn headers(&self) -> Vec<Vec<u8>> {
        if !self.jsonl {
            return vec![csv_header(self.profile, rows::CLAUSE_HEADER)];
        }
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
        let (jsonl, csv) = if self.jsonl {
            let (j, c) = out.split_at_mut(1);
            (Some(&mut j[0]), &mut c[0])
        } else {
            (None, &mut out[0])
        };
        let mut jsonl = jsonl;
        csv_rows(
            csv,
            self.profile,
            doc.layout.clauses.iter().map(|c| {
                let rec = rows::ClauseRecord::new(doc, &doc_key, c, self.text);
                if let Some(j) = jsonl.as_deref_mut() {
                    json_line(j, &rec);
                }
                rec.csv_row()
            }),
        );
    }
}
