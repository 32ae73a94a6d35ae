//! What the emitters must produce for any [`Document`], shared by `tests/invariants.rs` and the
//! `emit` fuzz target (which includes this file by path): every JSONL line is one JSON object
//! (one per document / clause / mention), every CSV fragment re-reads with the `csv` crate into
//! rows of exactly the header's number of fields (one per clause / mention, one summary and one
//! matrix row), in both CSV profiles; in the Excel profile no cell starts a formula and none is
//! longer than Excel's limit.

#![allow(dead_code)]

use polex::classify::Taxonomy;
use polex::emit::{csv_out, rows, CsvProfile, Renderer};
use polex::model::Document;

/// The renderers of both profiles with the matrix header of the taxonomy.
pub struct Emitters {
    renderers: Vec<(CsvProfile, Renderer)>,
    matrix_fields: usize,
}

impl Emitters {
    pub fn new(taxonomy: &Taxonomy) -> Self {
        Emitters {
            renderers: [CsvProfile::Plain, CsvProfile::Excel]
                .into_iter()
                .map(|p| (p, Renderer::new(p, taxonomy)))
                .collect(),
            matrix_fields: rows::MatrixColumns::new(taxonomy).header().len(),
        }
    }

    /// Render `doc` in both profiles and check every part; the first problem found.
    pub fn check(&self, doc: &Document) -> Result<(), String> {
        for (profile, renderer) in &self.renderers {
            let r = renderer.render_doc(doc);
            let part = |name: &str| {
                r.part(name)
                    .ok_or_else(|| format!("{profile:?}: no part {name}"))
            };
            let json = [
                ("documents.jsonl", Some(1)),
                ("clauses.jsonl", Some(doc.layout.clauses.len())),
                ("entities.jsonl", Some(doc.entities.mentions.len())),
            ];
            for (name, rows) in json {
                jsonl(name, part(name)?, rows)?;
            }
            let doc_line: serde_json::Value =
                serde_json::from_slice(part("documents.jsonl")?).map_err(|e| e.to_string())?;
            if doc_line["text"].as_str() != Some(doc.layout.text.as_str()) {
                return Err("documents.jsonl: text does not round-trip".into());
            }
            let csvs = [
                (
                    "clauses.csv",
                    rows::CLAUSE_HEADER.len(),
                    Some(doc.layout.clauses.len()),
                ),
                (
                    "entities.csv",
                    rows::ENTITY_HEADER.len(),
                    Some(doc.entities.mentions.len()),
                ),
                ("summary.csv", rows::SUMMARY_HEADER.len(), Some(1)),
                ("practices.csv", rows::PRACTICE_HEADER.len(), None),
                ("matrix.csv", self.matrix_fields, Some(1)),
            ];
            for (name, fields, rows) in csvs {
                csv_fragment(*profile, name, part(name)?, fields, rows)?;
            }
        }
        Ok(())
    }
}

fn jsonl(name: &str, bytes: &[u8], rows: Option<usize>) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("{name}: not UTF-8: {e}"))?;
    if !text.is_empty() && !text.ends_with('\n') {
        return Err(format!("{name}: last line not terminated"));
    }
    let mut n = 0usize;
    for (i, line) in text.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| format!("{name} line {}: {e}: {line:?}", i + 1))?;
        if !v.is_object() {
            return Err(format!("{name} line {}: not an object", i + 1));
        }
        n += 1;
    }
    match rows {
        Some(want) if want != n => Err(format!("{name}: {n} lines, want {want}")),
        _ => Ok(()),
    }
}

fn csv_fragment(
    profile: CsvProfile,
    name: &str,
    bytes: &[u8],
    fields: usize,
    rows: Option<usize>,
) -> Result<(), String> {
    let what = format!("{profile:?} {name}");
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(if profile == CsvProfile::Excel {
            b';'
        } else {
            b','
        })
        .from_reader(bytes);
    let mut n = 0usize;
    for rec in rd.records() {
        let rec = rec.map_err(|e| format!("{what}: {e}"))?;
        n += 1;
        if rec.len() != fields {
            return Err(format!(
                "{what} row {n}: {} fields, header has {fields}",
                rec.len()
            ));
        }
        if profile == CsvProfile::Excel {
            for cell in rec.iter() {
                if cell.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'])
                    && !csv_out::is_negative_integer(cell)
                {
                    return Err(format!("{what} row {n}: formula-like cell {cell:?}"));
                }
                if cell.chars().count() > csv_out::EXCEL_CELL_LIMIT {
                    return Err(format!("{what} row {n}: cell longer than Excel's limit"));
                }
            }
        }
    }
    match rows {
        Some(want) if want != n => Err(format!("{what}: {n} rows, want {want}")),
        _ => Ok(()),
    }
}
