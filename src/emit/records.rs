//! `records.jsonl`: the search records. Every character of a document's canonical text belongs
//! to exactly one record: the text before the first clause (title included) is the `preamble`
//! record, each numbered clause is a `clause` record spanning from its number to the start of
//! the next clause (a heading-only clause carries its heading as text), and a document with no
//! numbered clause is split into `paragraph` records at blank lines. Each record carries the
//! document's title, operator, INN, jurisdiction, language and effective date, the practice
//! labels whose evidence lies in it, and the identifiers, e-mails, phones and hosts mentioned in
//! it: what a search index filters on, so a record is complete on its own (a search engine can
//! load the file as it is). A field that is null or an empty list is left out of the line (the
//! always-written fields are `key`, `doc_id`, `doc_key`, `kind`, `ordinal`, `text`, `start`,
//! `end`). `clauses.jsonl` stays as it was (one record per clause,
//! body only) for its existing consumers.
//!
//! The shape is [`Record`]; the search index (`crate::search`) and the server exports
//! (`crate::export`) read this file back.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::format::{json_line, Format, Settings};
use super::{rows, schema};
use crate::model::{Document, Practice};
use crate::offsets::CharIndex;

/// The separator of [`Record::heading_path`].
pub const PATH_SEP: &str = " › ";

/// A practice label found in a record.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Label {
    /// Taxonomy id (`passport_data`, `marketing`, …).
    pub id: String,
    /// True when every mention of it in the record says it is *not* done.
    pub negated: bool,
}

/// One line of records.jsonl.
#[derive(Debug, Clone, Serialize, Deserialize, Default, JsonSchema)]
pub struct Record {
    /// `<doc_key>-p` (preamble), `<doc_key>-c<number, dots as underscores>` (clause; `-N`
    /// appended for a repeated number), `<doc_key>-g<N>` (paragraph): `[A-Za-z0-9_-]`, unique.
    pub key: String,
    /// The document id.
    pub doc_id: String,
    /// The document key ([`rows::doc_key`]).
    pub doc_key: String,
    /// `preamble`, `clause` or `paragraph`.
    #[schemars(extend("enum" = ["preamble", "clause", "paragraph"]))]
    pub kind: String,
    /// Its position in the document (0, 1, …).
    pub ordinal: usize,
    /// Clause number ("2.1"), null for a preamble or paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The headings (or numbers) of the enclosing clauses and its own: «2. СОБИРАЕМЫЕ ДАННЫЕ › 2.1».
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub heading_path: String,
    /// The clause's own heading, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The exact slice `[start, end)` of the canonical text.
    pub text: String,
    /// Char offset of its first character in the canonical text.
    pub start: usize,
    /// Char offset just past its last character.
    pub end: usize,
    /// The document title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The operator's legal form (ООО, ИП, ТОО, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator_form: Option<String>,
    /// The operator's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// The document's INNs (and BIN/IIN/UNP: the tax numbers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inn: Vec<String>,
    /// The document's jurisdiction (`RU`, `KZ`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    /// The document's main language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The document's effective date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_date: Option<String>,
    /// Data categories with evidence in this record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_categories: Vec<Label>,
    /// Purposes with evidence in this record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<Label>,
    /// Recipients with evidence in this record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<Label>,
    /// Rights with evidence in this record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rights: Vec<Label>,
    /// Identifier values mentioned in this record (INN, OGRN, BIK, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<String>,
    /// E-mails mentioned in this record, lowercased.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    /// Phones mentioned in this record, digits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    /// Web hosts mentioned in this record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
}

struct Records;

/// The format's constructor for the registry.
pub fn new(_: &Settings) -> Box<dyn Format> {
    Box::new(Records)
}

impl Format for Records {
    fn files(&self) -> &'static [&'static str] {
        &["records.jsonl", "records.schema.json"]
    }

    fn headers(&self) -> Vec<Vec<u8>> {
        schema::jsonl_headers::<Record>(
            "records.jsonl",
            "A search record: a span of a document's canonical text (preamble, clause, \
                 paragraph) with the document's filters and the labels and mentions in it.",
        )
    }

    fn render(&self, doc: &Document, out: &mut [Vec<u8>]) {
        for r in records(doc) {
            json_line(&mut out[0], &r);
        }
    }
}

/// The spans `[start, end)` (chars) of a document's records, with their kind and clause index.
fn spans(doc: &Document, text_chars: usize) -> Vec<(usize, usize, &'static str, Option<usize>)> {
    let clauses = &doc.layout.clauses;
    let mut out = Vec::new();
    if clauses.is_empty() {
        // Paragraphs: split after each run of blank lines.
        let text = &doc.layout.text;
        let mut start = 0usize;
        let mut prev_newline = false;
        let mut blank_seen = false;
        for (pos, c) in text.chars().enumerate() {
            if c == '\n' {
                if prev_newline {
                    blank_seen = true;
                }
                prev_newline = true;
            } else if !c.is_whitespace() {
                if blank_seen && pos > start {
                    out.push((start, pos, "paragraph", None));
                    start = pos;
                }
                blank_seen = false;
                prev_newline = false;
            }
        }
        if text_chars > start {
            out.push((start, text_chars, "paragraph", None));
        }
        return out;
    }
    let first = clauses[0].start.min(text_chars);
    if first > 0 {
        out.push((0, first, "preamble", None));
    }
    for (i, c) in clauses.iter().enumerate() {
        let s = c.start.min(text_chars).max(out.last().map_or(0, |l| l.1));
        let e = clauses
            .get(i + 1)
            .map_or(text_chars, |n| n.start.min(text_chars))
            .max(s);
        out.push((s, e, "clause", Some(i)));
    }
    out
}

fn labels(list: &[Practice], start: usize, end: usize) -> Vec<Label> {
    let mut out: Vec<Label> = Vec::new();
    for p in list {
        let ev: Vec<_> = p
            .evidence
            .iter()
            .filter(|e| e.start >= start && e.start < end)
            .collect();
        if ev.is_empty() {
            continue;
        }
        let negated = ev.iter().all(|e| e.negated);
        match out.iter_mut().find(|l| l.id == p.id) {
            Some(l) => l.negated &= negated,
            None => out.push(Label {
                id: p.id.clone(),
                negated,
            }),
        }
    }
    out
}

/// The heading path of clause `i`: each ancestor's «number. HEADING» (or its number) and its own.
fn heading_path(doc: &Document, i: usize) -> String {
    let clauses = &doc.layout.clauses;
    let part = |c: &crate::model::Clause| match &c.heading {
        Some(h) if !h.is_empty() => format!("{}. {h}", c.number),
        _ => c.number.clone(),
    };
    let mut chain = vec![part(&clauses[i])];
    let mut parent = clauses[i].parent.clone();
    let mut guard = 0;
    while let Some(p) = parent {
        guard += 1;
        if guard > 32 {
            break;
        }
        // The nearest earlier clause with that number.
        match clauses[..i].iter().rev().find(|c| c.number == p) {
            Some(c) => {
                chain.push(part(c));
                parent = c.parent.clone();
            }
            None => break,
        }
    }
    chain.reverse();
    chain.join(PATH_SEP)
}

/// The search records of a document, in text order; their spans tile the canonical text.
pub fn records(doc: &Document) -> Vec<Record> {
    let text = &doc.layout.text;
    let built;
    let chars = if doc.chars.byte_of(usize::MAX) == text.len() && !text.is_empty() {
        &doc.chars
    } else {
        built = CharIndex::new(text);
        &built
    };
    let text_chars = chars.char_of(text.len());
    let doc_key = rows::doc_key(&doc.source.id);
    let op = doc.entities.operator.as_ref();
    let inn: Vec<String> = {
        let mut v = crate::dedup::Unique::default();
        v.extend(
            doc.entities
                .identifiers
                .iter()
                .filter(|i| matches!(i.kind.as_str(), "inn" | "bin" | "iin" | "unp"))
                .map(|i| i.value.as_str()),
        );
        v.into_vec().into_iter().map(str::to_string).collect()
    };
    let mut seen_keys = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut paragraph = 0usize;
    for (ordinal, (s, e, kind, ci)) in spans(doc, text_chars).into_iter().enumerate() {
        let clause = ci.map(|i| &doc.layout.clauses[i]);
        let mut key = match (kind, clause) {
            ("clause", Some(c)) => rows::clause_key(&doc_key, &c.number),
            ("preamble", _) => format!("{doc_key}-p"),
            _ => {
                paragraph += 1;
                format!("{doc_key}-g{paragraph}")
            }
        };
        key = key
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if !seen_keys.insert(key.clone()) {
            key = format!("{key}-{ordinal}");
            seen_keys.insert(key.clone());
        }
        let in_span = |start: usize| start >= s && start < e;
        let mut identifiers = crate::dedup::Unique::default();
        let mut emails = crate::dedup::Unique::default();
        let mut phones = crate::dedup::Unique::default();
        let mut hosts = crate::dedup::Unique::default();
        for m in doc.entities.mentions.iter().filter(|m| in_span(m.start)) {
            let target = match m.kind.as_str() {
                "email" => &mut emails,
                "phone" => &mut phones,
                "website" => &mut hosts,
                "operator" | "organization" | "address" | "date" | "law" => continue,
                _ => &mut identifiers,
            };
            target.extend([m.value.as_str()]);
        }
        let own = |u: crate::dedup::Unique<&str>| {
            u.into_vec()
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let p = &doc.practices;
        out.push(Record {
            key,
            doc_id: doc.source.id.clone(),
            doc_key: doc_key.clone(),
            kind: kind.to_string(),
            ordinal,
            number: clause.map(|c| c.number.clone()),
            heading_path: ci.map(|i| heading_path(doc, i)).unwrap_or_default(),
            heading: clause.and_then(|c| c.heading.clone()),
            text: text[chars.byte_of(s)..chars.byte_of(e)].to_string(),
            start: s,
            end: e,
            title: doc.layout.title.clone(),
            operator_form: op.and_then(|o| o.legal_form.clone()),
            operator: op.map(|o| o.name.clone()),
            inn: inn.clone(),
            jurisdiction: doc.entities.jurisdiction.clone(),
            language: doc.lang.language.clone(),
            effective_date: doc.entities.effective_date.clone(),
            data_categories: labels(&p.data_categories, s, e),
            purposes: labels(&p.purposes, s, e),
            recipients: labels(&p.recipients, s, e),
            rights: labels(&p.rights, s, e),
            identifiers: own(identifiers),
            emails: own(emails),
            phones: own(phones),
            hosts: own(hosts),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_cover(doc: &Document) {
        let recs = records(doc);
        let mut joined = String::new();
        let mut at = 0;
        for r in &recs {
            assert_eq!(
                r.start, at,
                "{}: gap or overlap at {}",
                doc.source.id, r.key
            );
            at = r.end;
            joined.push_str(&r.text);
        }
        assert_eq!(joined, doc.layout.text, "{}", doc.source.id);
    }

    #[test]
    fn records_tile_the_text_of_every_seed() {
        let engine = crate::Engine::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let text = std::fs::read_to_string(&p).unwrap();
            let doc = engine.analyze(
                &text,
                crate::model::SourceInfo {
                    id: p.display().to_string(),
                    ..Default::default()
                },
            );
            check_cover(&doc);
            let recs = records(&doc);
            assert!(recs
                .iter()
                .all(|r| !r.text.trim().is_empty() || r.kind != "clause"));
        }
    }

    #[test]
    fn a_text_without_numbering_becomes_paragraphs() {
        let engine = crate::Engine::new();
        let text = "Политика\n\nМы собираем имя и телефон.\nИ ещё e-mail.\n\n\nМы не передаём данные третьим лицам.\n";
        let doc = engine.analyze(text, Default::default());
        check_cover(&doc);
        let recs = records(&doc);
        assert!(recs.iter().all(|r| r.kind == "paragraph"), "{recs:?}");
        assert_eq!(recs.len(), 3, "{recs:?}");
    }
}
