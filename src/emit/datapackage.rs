//! `datapackage.json`: a Frictionless Data Package (v2) describing the CSV files written beside
//! it — one resource per CSV with its dialect, encoding and Table Schema (types from
//! [`super::rows::column_type`], patterns for identifiers and clause numbers, primary and
//! foreign keys, `missingValues`), so a consumer (frictionless, DuckDB, pandas) reads every
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

/// What the resource of a CSV file is: its table name, columns, primary key and foreign keys
/// (`doc_id` → `summary.id`).
fn tables(matrix: &[String]) -> Vec<(&'static str, Vec<String>, Vec<&'static str>, bool)> {
    let own = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        ("summary", own(&rows::SUMMARY_HEADER), vec!["id"], false),
        ("matrix", matrix.to_vec(), vec!["id"], false),
        ("clauses", own(rows::CLAUSE_HEADER), vec!["key"], true),
        ("entities", own(rows::ENTITY_HEADER), vec![], true),
        ("practices", own(rows::PRACTICE_HEADER), vec![], true),
    ]
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
        let mut resources = Vec::new();
        for (table, header, pk, doc_fk) in tables(&self.matrix) {
            let path = format!("{table}.csv");
            if !present(&path) {
                continue;
            }
            let mut schema = json!({
                "fields": header.iter().map(|c| field(table, c)).collect::<Vec<_>>(),
                "missingValues": [""],
            });
            if !pk.is_empty() {
                schema["primaryKey"] = json!(pk);
            }
            let fk_field = if doc_fk { "doc_id" } else { "id" };
            if with_summary && table != "summary" {
                schema["foreignKeys"] = json!([{
                    "fields": [fk_field],
                    "reference": {"resource": "summary", "fields": ["id"]}
                }]);
            }
            resources.push(json!({
                "name": table,
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
