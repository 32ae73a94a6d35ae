//! `entities.jsonl` and `entities.csv`: one record per entity mention, for auditing every
//! extracted value, and the JSON Schema of entities.jsonl, `entities.schema.json`.

use super::csv_out::CsvProfile;
use super::format::{csv_header, csv_rows, json_line, Format, Settings};
use super::{rows, schema};
use crate::model::Document;

struct Entities {
    profile: CsvProfile,
    /// entities.jsonl and its schema too (`entities`), or entities.csv alone (`entities-csv`).
    jsonl: bool,
}

/// The format's constructor for the registry: `entities`, entities.jsonl and entities.csv.
pub fn new(s: &Settings) -> Box<dyn Format> {
    Box::new(Entities {
        profile: s.profile,
        jsonl: true,
    })
}

/// `entities-csv`: entities.csv alone (the default set: the same rows as entities.jsonl).
pub fn new_csv(s: &Settings) -> Box<dyn Format> {
    Box::new(Entities {
        profile: s.profile,
        jsonl: false,
    })
}

impl Format for Entities {
    fn files(&self) -> &'static [&'static str] {
        if self.jsonl {
            &["entities.jsonl", "entities.csv", "entities.schema.json"]
        } else {
            &["entities.csv"]
        }
    }

    fn headers(&self) -> Vec<Vec<u8>> {
        if !self.jsonl {
            return vec![csv_header(self.profile, rows::ENTITY_HEADER)];
        }
        vec![
            Vec::new(),
            csv_header(self.profile, rows::ENTITY_HEADER),
            schema::schema_file::<rows::EntityRecord>(
                "entities.jsonl",
                "One mention of an entity (operator, organisation, identifier, contact, \
                 address, date, law) in a document.",
            ),
        ]
    }

    fn render(&self, doc: &Document, out: &mut [Vec<u8>]) {
        let doc_key = rows::doc_key(&doc.source.id);
        let rec = |m| rows::EntityRecord::new(&doc.source.id, &doc_key, m);
        let csv = if self.jsonl {
            for m in &doc.entities.mentions {
                json_line(&mut out[0], &rec(m));
            }
            &mut out[1]
        } else {
            &mut out[0]
        };
        csv_rows(
            csv,
            self.profile,
            doc.entities.mentions.iter().map(|m| rec(m).csv_row()),
        );
    }
}
