//! Row shapes of the flat outputs: clauses, entities, summary, practices, matrix.

use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::classify::Taxonomy;
use crate::model::{Clause, Document, Mention, Practice};

/// Lists inside one CSV cell are joined with this.
pub const LIST_SEP: &str = "; ";

/// A search-safe, stable key for a document: a readable slug of its id (`[A-Za-z0-9_-]` only,
/// at most 48 characters) plus 10 hex digits of the SHA-256 of the id, so two ids that slug
/// alike still get different keys.
pub fn doc_key(id: &str) -> String {
    let mut slug = String::with_capacity(48);
    for c in id.chars() {
        if slug.len() >= 48 {
            break;
        }
        slug.push(if c.is_ascii_alphanumeric() || c == '-' {
            c
        } else {
            '_'
        });
    }
    let digest = Sha256::digest(id.as_bytes());
    let mut key = slug;
    key.push('-');
    for b in &digest[..5] {
        let _ = write!(key, "{b:02x}");
    }
    key
}

/// The key of the clause numbered `number` of the document keyed `doc_key`:
/// `<doc_key>-c<number with dots as underscores>`. Unique across the corpus: a document's clause
/// numbers are unique (the segmenter keeps a repeated number in the clause before it, with a
/// `numbering_duplicate` finding) and are digits and dots only.
pub fn clause_key(doc_key: &str, number: &str) -> String {
    format!("{doc_key}-c{}", number.replace('.', "_"))
}

/// One line of clauses.jsonl.
#[derive(Serialize, JsonSchema)]
pub struct ClauseRecord<'a> {
    /// `<doc_key>-c<number with dots as underscores>`: unique across the corpus.
    pub key: String,
    /// The document id.
    pub doc_id: &'a str,
    /// The document key (slug of the id + 10 hex digits of its SHA-256).
    pub doc_key: &'a str,
    /// Clause number ("1.2.3").
    pub number: &'a str,
    /// 1 for "3", 2 for "3.1", …
    pub depth: usize,
    /// Number of the enclosing clause.
    pub parent: Option<&'a str>,
    /// The clause heading, if any.
    pub heading: Option<&'a str>,
    /// The body (heading excluded), written with `--clause-text` (else null: it is
    /// `documents.jsonl`'s `text` at `body`, and the search record's text).
    pub text: Option<&'a str>,
    /// Where the body is in the canonical text, `[start, end]` char offsets.
    pub body: [usize; 2],
    /// Its list items, as `[start, end]` char offsets.
    pub items: Vec<[usize; 2]>,
    /// Its sentences, as `[start, end]` char offsets.
    pub sentences: &'a [[usize; 2]],
    /// Clause numbers it refers to.
    pub refs: &'a [String],
    /// Char offset of the clause in the canonical text.
    pub start: usize,
    /// Char offset just past it.
    pub end: usize,
}

impl<'a> ClauseRecord<'a> {
    /// The record of clause `c` of `doc`, with its body text when `with_text`.
    pub fn new(doc: &'a Document, doc_key: &'a str, c: &'a Clause, with_text: bool) -> Self {
        ClauseRecord {
            key: clause_key(doc_key, &c.number),
            doc_id: &doc.source.id,
            doc_key,
            number: &c.number,
            depth: c.depth,
            parent: c.parent.as_deref(),
            heading: c.heading.as_deref(),
            text: with_text.then_some(c.text.as_str()),
            body: c.body,
            items: c.items.iter().map(|i| [i.start, i.end]).collect(),
            sentences: &c.sentences,
            refs: &c.refs,
            start: c.start,
            end: c.end,
        }
    }

    /// Its row in the CSV file.
    pub fn csv_row(&self) -> Vec<String> {
        vec![
            self.doc_id.to_string(),
            self.key.clone(),
            self.number.to_string(),
            self.depth.to_string(),
            self.parent.unwrap_or("").to_string(),
            self.heading.unwrap_or("").to_string(),
            self.text.unwrap_or("").to_string(),
            self.items.len().to_string(),
            self.refs.join(LIST_SEP),
            self.start.to_string(),
            self.end.to_string(),
        ]
    }
}

/// Columns of clauses.csv.
pub const CLAUSE_HEADER: &[&str] = &[
    "doc_id", "key", "number", "depth", "parent", "heading", "text", "items", "refs", "start",
    "end",
];

/// One line of entities.jsonl.
#[derive(Serialize, JsonSchema)]
pub struct EntityRecord<'a> {
    /// The document id.
    pub doc_id: &'a str,
    #[serde(flatten)]
    /// The mention.
    pub m: &'a Mention,
    /// The key of the clause it is in (`key` in clauses.jsonl / clauses.csv), null in the title
    /// or preamble.
    pub clause_key: Option<String>,
}

/// Columns of entities.csv.
pub const ENTITY_HEADER: &[&str] = &[
    "doc_id",
    "clause",
    "type",
    "text",
    "value",
    "valid",
    "start",
    "end",
    "clause_key",
];

impl<'a> EntityRecord<'a> {
    /// The record of mention `m` of the document `doc_id` keyed `doc_key`.
    pub fn new(doc_id: &'a str, doc_key: &str, m: &'a Mention) -> Self {
        EntityRecord {
            doc_id,
            m,
            clause_key: m.clause.as_deref().map(|n| clause_key(doc_key, n)),
        }
    }

    /// Its row in the CSV file.
    pub fn csv_row(&self) -> Vec<String> {
        let m = self.m;
        vec![
            self.doc_id.to_string(),
            m.clause.clone().unwrap_or_default(),
            m.kind.to_string(),
            m.text.clone(),
            m.value.clone(),
            m.valid.map_or(String::new(), |v| v.to_string()),
            m.start.to_string(),
            m.end.to_string(),
            self.clause_key.clone().unwrap_or_default(),
        ]
    }
}

/// Columns of summary.csv: the identifier columns come from the identifier table
/// (`extract::id_types::ID_TYPES`, its `summary_column`).
pub static SUMMARY_HEADER: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| {
        let mut h = vec!["id", "operator_form", "operator_name"];
        h.extend(crate::extract::id_types::summary_columns().iter().copied());
        h.push("other_ids");
        h.extend([
            "emails",
            "phones",
            "websites",
            "effective_date",
            "jurisdiction",
            "language",
            "source_format",
            "clause_count",
            "finding_count",
            "retention_days_max",
        ]);
        h
    });

/// The longest retention period the document states, in days (`retention_days_max` of
/// summary.csv and matrix.csv); empty when it states none.
fn retention_days_max(doc: &Document) -> String {
    doc.practices
        .retention
        .iter()
        .filter_map(|r| r.days)
        .max()
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// The document's values of the identifier types listed in the `summary.csv` column `col`.
fn ids_in_column(doc: &Document, col: &str) -> String {
    let mut v = crate::dedup::Unique::default();
    v.extend(
        doc.entities
            .identifiers
            .iter()
            .filter(|i| crate::extract::id_types::id_type(i.kind).summary_column == Some(col))
            .map(|i| i.value.as_str()),
    );
    v.into_vec().join(LIST_SEP)
}

/// The document's identifiers of the types without a `summary.csv` column of their own, as
/// `kind:value` (`bik:044525225; settlement_account:40702810…`).
fn other_ids(doc: &Document) -> String {
    let mut v = crate::dedup::Unique::default();
    v.extend(
        doc.entities
            .identifiers
            .iter()
            .filter(|i| {
                crate::extract::id_types::id_type(i.kind)
                    .summary_column
                    .is_none()
            })
            .map(|i| format!("{}:{}", i.kind.as_str(), i.value)),
    );
    v.into_vec().join(LIST_SEP)
}

/// One row of summary.csv.
pub fn summary_row(doc: &Document) -> Vec<String> {
    let op = doc.entities.operator.as_ref();
    let mut r = vec![
        doc.source.id.clone(),
        op.and_then(|o| o.legal_form.clone()).unwrap_or_default(),
        op.map(|o| o.name.clone()).unwrap_or_default(),
    ];
    r.extend(
        crate::extract::id_types::summary_columns()
            .iter()
            .map(|col| ids_in_column(doc, col)),
    );
    r.push(other_ids(doc));
    r.extend([
        doc.entities.emails.join(LIST_SEP),
        doc.entities.phones.join(LIST_SEP),
        doc.entities.websites.join(LIST_SEP),
        doc.entities.effective_date.clone().unwrap_or_default(),
        doc.entities.jurisdiction.clone().unwrap_or_default(),
        doc.lang.language.clone().unwrap_or_default(),
        doc.source.source_format.clone(),
        doc.layout.clauses.len().to_string(),
        doc.findings.len().to_string(),
        retention_days_max(doc),
    ]);
    r
}

/// Columns of practices.csv.
pub const PRACTICE_HEADER: &[&str] = &[
    "doc_id",
    "kind",
    "id",
    "name",
    "negated",
    "clause",
    "evidence",
    "clause_key",
    "retention_days",
];

/// Rows of practices.csv: one per piece of evidence.
pub fn practice_rows(doc: &Document) -> Vec<Vec<String>> {
    let doc_key = doc_key(&doc.source.id);
    // The columns of one piece of evidence: its clause, text and clause key.
    let ev_cells = |ev: &crate::model::Evidence| {
        [
            ev.negated.to_string(),
            ev.clause.clone().unwrap_or_default(),
            ev.text.clone(),
            ev.clause
                .as_deref()
                .map(|n| clause_key(&doc_key, n))
                .unwrap_or_default(),
        ]
    };
    let row = |kind: &str, id: &str, name: String, ev, days: String| {
        let mut r = vec![
            doc.source.id.clone(),
            kind.to_string(),
            id.to_string(),
            name,
        ];
        r.extend(ev_cells(ev));
        r.push(days);
        r
    };
    let mut rows = Vec::new();
    let groups: [(&str, &[Practice]); 5] = [
        ("data_category", &doc.practices.data_categories),
        ("purpose", &doc.practices.purposes),
        ("recipient", &doc.practices.recipients),
        ("right", &doc.practices.rights),
        ("special_category", &doc.practices.special_categories),
    ];
    for (kind, list) in groups {
        for p in list {
            for ev in &p.evidence {
                let name = p.name.clone().unwrap_or_default();
                rows.push(row(kind, &p.id, name, ev, String::new()));
            }
        }
    }
    for r in &doc.practices.retention {
        let name = r.days.map(|d| format!("{d} days")).unwrap_or_default();
        let days = r.days.map(|d| d.to_string()).unwrap_or_default();
        rows.push(row("retention", r.kind.as_str(), name, &r.evidence, days));
    }
    if let Some(cb) = &doc.practices.cross_border {
        for ev in &cb.evidence {
            let status = cb.status.as_str();
            rows.push(row(
                "cross_border",
                status,
                String::new(),
                ev,
                String::new(),
            ));
        }
    }
    rows
}

/// Columns of the workbook's findings sheet: one row per finding.
pub const FINDING_HEADER: &[&str] = &["doc_id", "code", "message", "clauses"];

/// Rows of the findings sheet.
pub fn finding_rows(doc: &Document) -> Vec<Vec<String>> {
    doc.findings
        .iter()
        .map(|f| {
            vec![
                doc.source.id.clone(),
                f.code.as_str().to_string(),
                f.message.clone(),
                f.clauses.join(LIST_SEP),
            ]
        })
        .collect()
}

/// What a column of a flat output holds, for the typed consumers: the workbook's cell types
/// and the Table Schemas of `datapackage.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    /// Text, kept exactly as written: names, identifiers, phones, accounts, clause numbers.
    Text,
    /// A whole number (offsets, counts, depths).
    Integer,
    /// A matrix code: `1` stated, `-1` explicitly denied, empty not mentioned.
    Code,
    /// `true` / `false`.
    Boolean,
    /// A date, `YYYY-MM-DD`.
    Date,
}

/// The type of `column` of the flat output `table` (`summary`, `matrix`, `practices`,
/// `entities`, `clauses`, `findings`).
pub fn column_type(table: &str, column: &str) -> ColType {
    match (table, column) {
        ("clauses", "depth" | "items" | "start" | "end") => ColType::Integer,
        ("entities", "start" | "end") => ColType::Integer,
        ("entities", "valid") | ("practices", "negated") => ColType::Boolean,
        ("summary", "clause_count" | "finding_count") => ColType::Integer,
        ("summary" | "matrix", "retention_days_max") | ("practices", "retention_days") => {
            ColType::Integer
        }
        ("summary", "effective_date") => ColType::Date,
        ("matrix", c) if c.contains(':') => ColType::Code,
        _ => ColType::Text,
    }
}

/// A clause number: digits joined by dots (`1`, `1.10`, `1.1.1`).
pub const CLAUSE_NUMBER_PATTERN: &str = r"^[0-9]+(\.[0-9]+)*\.?$";

/// The pattern values of `column` of `table` match, if it has one (identifier columns: lists of
/// digit strings; clause numbers).
pub fn column_pattern(table: &str, column: &str) -> Option<&'static str> {
    match (table, column) {
        ("summary" | "matrix", "inn" | "ogrn" | "kpp" | "bin_iin" | "unp") => {
            Some(r"^[0-9]+(; [0-9]+)*$")
        }
        _ => None,
    }
}

/// Columns of matrix.csv, fixed by the taxonomy for the whole run.
#[derive(Clone)]
pub struct MatrixColumns {
    categories: Vec<String>,
    purposes: Vec<String>,
    recipients: Vec<String>,
    rights: Vec<String>,
    specials: Vec<String>,
}

impl MatrixColumns {
    /// The columns of `tax`.
    pub fn new(tax: &Taxonomy) -> Self {
        let own = |v: Vec<&str>| v.into_iter().map(String::from).collect();
        MatrixColumns {
            categories: own(tax.category_ids()),
            purposes: own(tax.purpose_ids()),
            recipients: own(tax.recipient_ids()),
            rights: own(tax.right_ids()),
            specials: own(tax.special_ids()),
        }
    }

    /// The header row.
    pub fn header(&self) -> Vec<String> {
        let mut h: Vec<String> = ["id", "operator_form", "operator_name", "inn"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        h.extend(self.categories.iter().map(|p| format!("category:{p}")));
        h.extend(self.purposes.iter().map(|p| format!("purpose:{p}")));
        h.extend(self.recipients.iter().map(|p| format!("recipient:{p}")));
        h.extend(self.rights.iter().map(|p| format!("right:{p}")));
        h.extend(self.specials.iter().map(|p| format!("special:{p}")));
        h.extend(
            [
                "retention",
                "retention_days_max",
                "cross_border",
                "flag:cookies",
                "flag:automated_decisions",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        h
    }

    /// 1 = stated, -1 = explicitly denied, empty = not mentioned.
    pub fn row(&self, doc: &Document) -> Vec<String> {
        fn cell(list: &[Practice], id: &str) -> String {
            let mut hit = None;
            for p in list.iter().filter(|p| p.id == id) {
                hit = Some(hit.unwrap_or(false) || !p.negated);
            }
            match hit {
                Some(true) => "1".into(),
                Some(false) => "-1".into(),
                None => String::new(),
            }
        }
        let op = doc.entities.operator.as_ref();
        let mut r = vec![
            doc.source.id.clone(),
            op.and_then(|o| o.legal_form.clone()).unwrap_or_default(),
            op.map(|o| o.name.clone()).unwrap_or_default(),
            ids_in_column(doc, "inn"),
        ];
        r.extend(
            self.categories
                .iter()
                .map(|c| cell(&doc.practices.data_categories, c)),
        );
        r.extend(
            self.purposes
                .iter()
                .map(|c| cell(&doc.practices.purposes, c)),
        );
        r.extend(
            self.recipients
                .iter()
                .map(|c| cell(&doc.practices.recipients, c)),
        );
        r.extend(self.rights.iter().map(|c| cell(&doc.practices.rights, c)));
        r.extend(
            self.specials
                .iter()
                .map(|c| cell(&doc.practices.special_categories, c)),
        );
        let mut kinds = crate::dedup::Unique::default();
        kinds.extend(doc.practices.retention.iter().map(|x| match x.days {
            Some(d) => format!("{d} days"),
            None => x.kind.to_string(),
        }));
        r.push(kinds.into_vec().join(LIST_SEP));
        r.push(retention_days_max(doc));
        r.push(
            doc.practices
                .cross_border
                .as_ref()
                .map(|c| c.status.to_string())
                .unwrap_or_default(),
        );
        let flag = |f: &Option<crate::model::Flag>| match f {
            Some(f) if f.present => "1".to_string(),
            Some(_) => "-1".to_string(),
            None => String::new(),
        };
        r.push(flag(&doc.practices.cookies));
        r.push(flag(&doc.practices.automated_decisions));
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_keys_are_search_safe_and_distinct() {
        let a = doc_key("sub dir/политика 1.txt");
        let b = doc_key("sub_dir/политика_1.txt");
        for k in [&a, &b] {
            assert!(k
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'));
        }
        assert_ne!(a, b);
        assert_eq!(a, doc_key("sub dir/политика 1.txt"));
    }
}
