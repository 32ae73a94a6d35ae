//! `datapackage.json`: a Frictionless Data Package (v2) describing the CSV files written beside
//! it — one resource per CSV with its dialect, encoding and Table Schema (types from
//! [`super::rows::column_type`], patterns for identifiers and clause numbers, primary and
//! foreign keys — every table's document column → `summary.id`, `clause_key` of entities and
//! practices → `clauses.key` — `missingValues`), so a consumer (frictionless, DuckDB, pandas) reads every
//! value as polex wrote it: an ИНН with a leading zero, a 20-digit account, clause «1.10».
//!
//! Written in the last step, for the CSV files present in the staging directory (a run with
//! `--outputs summary,matrix` describes those two).

use std::io;
use std::path::Path;

use serde_json::{json, Value};

use super::csv_out::CsvProfile;
use super::format::{Format, Settings};
use super::rows::{self, ColType, MatrixColumns};
use crate::model::Document;

/// The file name.
pub const FILE: &str = "datapackage.json";

struct DataPackage {
    profile: CsvProfile,
    matrix: Vec<String>,
}

/// The format's constructor for the registry.
pub fn new(s: &Settings) -> Box<dyn Format> {
    Box::new(DataPackage {
        profile: s.profile,
        matrix: MatrixColumns::new(s.taxonomy).header(),
    })
}

/// The resource of a CSV file.
struct Table {
    name: &'static str,
    header: Vec<String>,
    /// Its primary key (empty: none).
    primary_key: &'static [&'static str],
    /// The column naming the document (a foreign key to `summary.id`).
    doc_field: &'static str,
    /// Whether `clause_key` is a foreign key to `clauses.key`.
    clause_key: bool,
}

/// The resources of the CSV files, with their keys: every table's document column refers to
/// `summary.id` (one row per document), and a mention's or practice's `clause_key` to the
/// `key` of its clause.
fn tables(matrix: &[String]) -> Vec<Table> {
    let own = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let table = |name, header, primary_key, doc_field, clause_key| Table {
        name,
        header,
        primary_key,
        doc_field,
        clause_key,
    };
    vec![
        table("summary", own(&rows::SUMMARY_HEADER), &["id"], "id", false),
        table("matrix", matrix.to_vec(), &["id"], "id", false),
        table(
            "clauses",
            own(rows::CLAUSE_HEADER),
            &["key"],
            "doc_id",
            false,
        ),
        table("entities", own(rows::ENTITY_HEADER), &[], "doc_id", true),
        table("practices", own(rows::PRACTICE_HEADER), &[], "doc_id", true),
    ]
}

/// What a column means, where its name does not say it.
fn description(table: &str, name: &str) -> Option<&'static str> {
    Some(match (table, name) {
        (_, "clause_key") => {
            "key of the clause it is in (clauses.key); empty in the title or preamble"
        }
        (_, "retention_days_max") => "the longest retention period the policy states, in days",
        ("practices", "retention_days") => {
            "the retention period in days (kind retention, id period)"
        }
        _ => return None,
    })
}

fn field(table: &str, name: &str) -> Value {
    let mut f = match rows::column_type(table, name) {
        ColType::Text => json!({"name": name, "type": "string"}),
        ColType::Integer => json!({"name": name, "type": "integer"}),
        ColType::Code => json!({
            "name": name,
            "type": "integer",
            "description": "1 stated, -1 explicitly denied, empty not mentioned",
            "constraints": {"enum": [1, -1]}
        }),
        ColType::Boolean => json!({"name": name, "type": "boolean"}),
        ColType::Date => json!({"name": name, "type": "date"}),
    };
    if let Some(d) = description(table, name) {
        f["description"] = json!(d);
    }
    if let Some(p) = rows::column_pattern(table, name) {
        f["constraints"] = json!({ "pattern": p });
    }
    if (table, name) == ("clauses", "number") {
        f["constraints"] = json!({"required": true, "pattern": rows::CLAUSE_NUMBER_PATTERN});
    }
    if (table, name) == ("clauses", "parent") {
        f["constraints"] = json!({ "pattern": rows::CLAUSE_NUMBER_PATTERN });
    }
    f
}

impl DataPackage {
    /// The package for the CSV files `present`.
    fn package(&self, present: impl Fn(&str) -> bool) -> Value {
        let dialect = match self.profile {
            CsvProfile::Plain => {
                json!({"delimiter": ",", "lineTerminator": "\r\n", "header": true})
            }
            CsvProfile::Excel => {
                json!({"delimiter": ";", "lineTerminator": "\r\n", "header": true})
            }
        };
        let encoding = match self.profile {
            CsvProfile::Plain => "utf-8",
            CsvProfile::Excel => "utf-8-sig",
        };
        let with_summary = present("summary.csv");
        let with_clauses = present("clauses.csv");
        let mut resources = Vec::new();
        for t in tables(&self.matrix) {
            let path = format!("{}.csv", t.name);
            if !present(&path) {
                continue;
            }
            let mut schema = json!({
                "fields": t.header.iter().map(|c| field(t.name, c)).collect::<Vec<_>>(),
                "missingValues": [""],
            });
            if !t.primary_key.is_empty() {
                schema["primaryKey"] = json!(t.primary_key);
            }
            let mut fks = Vec::new();
            if with_summary && t.name != "summary" {
                fks.push(json!({
                    "fields": [t.doc_field],
                    "reference": {"resource": "summary", "fields": ["id"]}
                }));
            }
            if with_clauses && t.clause_key {
                fks.push(json!({
                    "fields": ["clause_key"],
                    "reference": {"resource": "clauses", "fields": ["key"]}
                }));
            }
            if !fks.is_empty() {
                schema["foreignKeys"] = json!(fks);
            }
            resources.push(json!({
                "name": t.name,
                "path": path,
                "type": "table",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": encoding,
                "dialect": dialect,
                "schema": schema,
            }));
        }
        json!({
            "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
            "name": "polex-outputs",
            "title": "polex: privacy policies as structured data",
            "resources": resources,
        })
    }
}

impl Format for DataPackage {
    fn files(&self) -> &'static [&'static str] {
        &[FILE]
    }

    fn render(&self, _doc: &Document, _out: &mut [Vec<u8>]) {}

    fn finish(&self, dir: &Path) -> io::Result<()> {
        let p = self.package(|name| dir.join(name).is_file());
        let mut bytes = serde_json::to_vec_pretty(&p).map_err(io::Error::other)?;
        bytes.push(b'\n');
        let part = dir.join(format!("{FILE}.part"));
        std::fs::write(&part, bytes)?;
        std::fs::rename(&part, dir.join(FILE))
    }

    fn finished_files(&self) -> &'static [&'static str] {
        &[FILE]
    }
}
