//! Ready-to-load files for search servers, made from an extract's output directory
//! (`records.jsonl`, `entities.jsonl` or `entities.csv`): `polex export OUT --to es|opensearch|meili|typesense|postgres`
//! writes `OUT/export/<target>/` (or `--dest`). Each target's files and the exact command that
//! loads them are listed in the README (*Search*).
//!
//! | target | files |
//! | --- | --- |
//! | `es`, `opensearch` | `index.json` (settings + mappings: a Russian analyzer with ё→е folding for text, `keyword` for ids and labels), `records.bulk.ndjson` (`_bulk`: an `index` action line with `_id` = record key, then the record; final newline) |
//! | `meili` | `records.ndjson` (primary key `key`), `settings.json` (searchable, filterable, sortable attributes; Russian locale for the text) |
//! | `typesense` | `schema.json` (collection, `locale: ru` on the text fields, facets), `records.jsonl` (`id` = record key) |
//! | `postgres` | `schema.sql` (tables documents, records, entities; `tsv` generated in the `russian` configuration; GIN indexes), `documents.tsv`, `records.tsv`, `entities.tsv` (COPY text format), `load.sql` (schema + `\copy`) |
//!
//! Files are written under a temporary name in the target directory and renamed when complete.

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::emit::records::{Label, Record};
use crate::search::{read_records, SearchError};

/// The export targets, by the name `--to` knows them by.
pub const TARGETS: &[&str] = &["es", "opensearch", "meili", "typesense", "postgres"];

/// The index / collection / table name used in the files.
pub const INDEX_NAME: &str = "polex-records";

/// What an export wrote.
#[derive(Debug, Default)]
pub struct ExportStats {
    /// The directory written.
    pub dir: PathBuf,
    /// The files written, in order.
    pub files: Vec<String>,
    /// Records exported.
    pub records: u64,
}

/// A file written under a temporary name, renamed into place by [`Out::done`].
struct Out {
    path: PathBuf,
    tmp: PathBuf,
    w: BufWriter<fs::File>,
}

impl Out {
    fn create(dir: &Path, name: &str) -> io::Result<Self> {
        let path = dir.join(name);
        let tmp = dir.join(format!(".{name}.tmp"));
        let w = BufWriter::new(fs::File::create(&tmp)?);
        Ok(Out { path, tmp, w })
    }
    fn done(mut self) -> io::Result<()> {
        self.w.flush()?;
        self.w.get_ref().sync_all()?;
        fs::rename(&self.tmp, &self.path)
    }
}

fn stated(labels: &[Label]) -> Vec<&str> {
    labels
        .iter()
        .filter(|l| !l.negated)
        .map(|l| l.id.as_str())
        .collect()
}

/// The flat JSON document of a record for the servers: the record's fields (nulls left out,
/// empty lists and an empty `heading_path` kept, unlike records.jsonl), plus `category`,
/// `purpose`, `recipient`, `right`: the ids stated (not negated) in it.
pub fn flat(r: &Record) -> Map<String, Value> {
    let Value::Object(mut m) = serde_json::to_value(r).expect("serializable") else {
        unreachable!("a record is an object")
    };
    m.retain(|_, v| !v.is_null());
    m.insert("heading_path".into(), json!(r.heading_path));
    for (k, v) in [
        ("inn", &r.inn),
        ("identifiers", &r.identifiers),
        ("emails", &r.emails),
        ("phones", &r.phones),
        ("hosts", &r.hosts),
    ] {
        m.insert(k.into(), json!(v));
    }
    for (k, v) in [
        ("data_categories", &r.data_categories),
        ("purposes", &r.purposes),
        ("recipients", &r.recipients),
        ("rights", &r.rights),
    ] {
        m.insert(k.into(), json!(v));
    }
    m.insert("category".into(), json!(stated(&r.data_categories)));
    m.insert("purpose".into(), json!(stated(&r.purposes)));
    m.insert("recipient".into(), json!(stated(&r.recipients)));
    m.insert("right".into(), json!(stated(&r.rights)));
    m
}

fn line(w: &mut impl Write, v: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *w, v)?;
    w.write_all(b"\n")
}

/// Export `out`'s records to `target` in `dest` (default `out/export/<target>`).
pub fn export(out: &Path, target: &str, dest: Option<&Path>) -> Result<ExportStats, SearchError> {
    if !TARGETS.contains(&target) {
        return Err(SearchError::Io(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("unknown target {target:?} (known: {})", TARGETS.join(", ")),
        )));
    }
    let dir = dest.map_or_else(|| out.join("export").join(target), Path::to_path_buf);
    fs::create_dir_all(&dir)?;
    let records = read_records(&out.join("records.jsonl"))?;
    let mut stats = ExportStats {
        dir: dir.clone(),
        ..Default::default()
    };
    let (settings_name, settings, data_name): (&str, Value, &str) = match target {
        "es" | "opensearch" => ("index.json", es_index(), "records.bulk.ndjson"),
        "meili" => ("settings.json", meili_settings(), "records.ndjson"),
        "typesense" => ("schema.json", typesense_schema(), "records.jsonl"),
        _ => {
            postgres(out, &dir, records, &mut stats)?;
            return Ok(stats);
        }
    };
    write_json(&dir, settings_name, &settings, &mut stats)?;
    let mut f = Out::create(&dir, data_name)?;
    for r in records {
        let r = r?;
        match target {
            "meili" => line(&mut f.w, &flat(&r))?,
            "typesense" => line(&mut f.w, &typesense_doc(&r))?,
            _ => {
                line(
                    &mut f.w,
                    &json!({"index": {"_index": INDEX_NAME, "_id": r.key}}),
                )?;
                line(&mut f.w, &flat(&r))?;
            }
        }
        stats.records += 1;
    }
    f.done()?;
    stats.files.push(data_name.into());
    Ok(stats)
}

/// A record as a Typesense document: `id` = key; no nested objects (they need
/// `enable_nested_fields`), so the labels with polarity become `id` / `!id` strings.
fn typesense_doc(r: &Record) -> Map<String, Value> {
    let mut m = flat(r);
    m.insert("id".into(), json!(r.key));
    let polar = |l: &[Label]| -> Vec<String> {
        l.iter()
            .map(|l| {
                if l.negated {
                    format!("!{}", l.id)
                } else {
                    l.id.clone()
                }
            })
            .collect()
    };
    m.insert("data_categories".into(), json!(polar(&r.data_categories)));
    m.insert("purposes".into(), json!(polar(&r.purposes)));
    m.insert("recipients".into(), json!(polar(&r.recipients)));
    m.insert("rights".into(), json!(polar(&r.rights)));
    m
}

fn write_json(dir: &Path, name: &str, v: &Value, stats: &mut ExportStats) -> io::Result<()> {
    let mut f = Out::create(dir, name)?;
    serde_json::to_writer_pretty(&mut f.w, v)?;
    f.w.write_all(b"\n")?;
    f.done()?;
    stats.files.push(name.into());
    Ok(())
}

/// The fields searched as Russian text.
const TEXT_FIELDS: &[&str] = &["text", "heading_path", "title", "heading"];
/// The single-valued fields kept whole (ids, filters).
const SCALAR_KEYWORDS: &[&str] = &[
    "doc_id",
    "doc_key",
    "kind",
    "number",
    "operator",
    "operator_form",
    "jurisdiction",
    "language",
    "effective_date",
];
/// The list fields kept whole (identifiers, stated labels).
const LIST_KEYWORDS: &[&str] = &[
    "inn",
    "category",
    "purpose",
    "recipient",
    "right",
    "identifiers",
    "emails",
    "phones",
    "hosts",
];

/// Elasticsearch / OpenSearch index settings and mappings.
pub fn es_index() -> Value {
    let mut props = Map::new();
    for f in TEXT_FIELDS {
        props.insert(
            (*f).into(),
            json!({"type": "text", "analyzer": "polex_russian"}),
        );
    }
    for f in ["key"].iter().chain(SCALAR_KEYWORDS).chain(LIST_KEYWORDS) {
        props.insert((*f).into(), json!({"type": "keyword"}));
    }
    for f in ["start", "end", "ordinal"] {
        props.insert(f.into(), json!({"type": "integer"}));
    }
    for f in ["data_categories", "purposes", "recipients", "rights"] {
        props.insert(
            f.into(),
            json!({"properties": {"id": {"type": "keyword"}, "negated": {"type": "boolean"}}}),
        );
    }
    json!({
        "settings": {
            "analysis": {
                "char_filter": {
                    "yo_to_ye": {"type": "mapping", "mappings": ["ё => е", "Ё => Е"]}
                },
                "filter": {
                    "russian_stop": {"type": "stop", "stopwords": "_russian_"},
                    "russian_stemmer": {"type": "stemmer", "language": "russian"}
                },
                "analyzer": {
                    "polex_russian": {
                        "type": "custom",
                        "char_filter": ["yo_to_ye"],
                        "tokenizer": "standard",
                        "filter": ["lowercase", "russian_stop", "russian_stemmer"]
                    }
                }
            }
        },
        "mappings": {"dynamic": false, "properties": props}
    })
}

/// Meilisearch index settings.
pub fn meili_settings() -> Value {
    json!({
        "searchableAttributes": ["heading_path", "text", "title", "inn", "identifiers", "emails", "phones", "hosts", "number"],
        "filterableAttributes": ["kind", "doc_id", "doc_key", "jurisdiction", "language", "operator", "category", "purpose", "recipient", "right"],
        "sortableAttributes": ["ordinal", "effective_date"],
        "displayedAttributes": ["*"],
        "localizedAttributes": [{"attributePatterns": ["text", "heading_path", "title", "heading"], "locales": ["rus"]}]
    })
}

/// Typesense collection schema.
pub fn typesense_schema() -> Value {
    let mut fields = Vec::new();
    for f in TEXT_FIELDS {
        fields.push(json!({"name": f, "type": "string", "locale": "ru", "optional": true}));
    }
    fields.push(json!({"name": "key", "type": "string"}));
    for f in SCALAR_KEYWORDS {
        fields.push(json!({"name": f, "type": "string", "facet": true, "optional": true}));
    }
    for f in LIST_KEYWORDS
        .iter()
        .chain(&["data_categories", "purposes", "recipients", "rights"])
    {
        fields.push(json!({"name": f, "type": "string[]", "facet": true, "optional": true}));
    }
    for f in ["start", "end", "ordinal"] {
        fields.push(json!({"name": f, "type": "int32"}));
    }
    json!({"name": INDEX_NAME, "fields": fields, "default_sorting_field": "ordinal"})
}

/// One value in PostgreSQL's COPY text format.
pub fn copy_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ => out.push(c),
        }
    }
}

/// A `text[]` literal (before COPY escaping).
fn pg_array(items: &[impl AsRef<str>]) -> String {
    let mut s = String::from("{");
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push('"');
        for c in v.as_ref().chars() {
            if c == '"' || c == '\\' {
                s.push('\\');
            }
            s.push(c);
        }
        s.push('"');
    }
    s.push('}');
    s
}

enum Cell<'a> {
    Null,
    Text(&'a str),
    Owned(String),
}

fn row(out: &mut String, cells: &[Cell]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        match c {
            Cell::Null => out.push_str("\\N"),
            Cell::Text(s) => copy_text(s, out),
            Cell::Owned(s) => copy_text(s, out),
        }
    }
    out.push('\n');
}

fn opt(v: &Option<String>) -> Cell<'_> {
    v.as_deref().map_or(Cell::Null, Cell::Text)
}

/// The entity mentions of an extract as entities.jsonl's objects: from entities.jsonl, else
/// (the default set writes entities.csv alone) from entities.csv, in either CSV profile (the
/// Excel profile's `'` before a formula sign taken off); none when neither was written.
fn entity_lines(out: &Path) -> Result<EntityLines, SearchError> {
    let jsonl = out.join("entities.jsonl");
    let csv_path = out.join("entities.csv");
    if jsonl.exists() {
        let name = jsonl.display().to_string();
        return Ok(Box::new(
            io::BufReader::new(fs::File::open(&jsonl)?)
                .lines()
                .enumerate()
                .filter(|(_, l)| l.as_ref().map_or(true, |l| !l.trim().is_empty()))
                .map(move |(i, l)| {
                    serde_json::from_str(&l?).map_err(|e| SearchError::Record {
                        path: name.clone(),
                        line: i + 1,
                        reason: e.to_string(),
                    })
                }),
        ));
    }
    if !csv_path.exists() {
        return Ok(Box::new(std::iter::empty()));
    }
    let mut file = io::BufReader::new(fs::File::open(&csv_path)?);
    let bom = "\u{FEFF}".as_bytes();
    let excel = file.fill_buf()?.starts_with(bom);
    if excel {
        file.consume(bom.len());
    }
    let mut r = csv::ReaderBuilder::new()
        .delimiter(if excel { b';' } else { b',' })
        .from_reader(file);
    let name = csv_path.display().to_string();
    let bad = move |e: csv::Error| SearchError::Record {
        path: name.clone(),
        line: e.position().map_or(0, |p| p.line() as usize),
        reason: e.to_string(),
    };
    let header: Vec<String> = r
        .headers()
        .map_err(&bad)?
        .iter()
        .map(str::to_string)
        .collect();
    Ok(Box::new(r.into_records().map(move |rec| {
        let rec = rec.map_err(&bad)?;
        let mut m = Map::new();
        for (k, cell) in header.iter().zip(rec.iter()) {
            // The Excel profile's `'` before a cell that starts like a formula.
            let cell = match cell.strip_prefix('\'') {
                Some(rest) if excel && crate::emit::csv_out::excel_cell(rest) == cell => rest,
                _ => cell,
            };
            let v = match k.as_str() {
                "start" | "end" => cell.parse::<u64>().map_or(Value::Null, Value::from),
                "valid" => match cell {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    _ => Value::Null,
                },
                "clause" | "clause_key" if cell.is_empty() => Value::Null,
                _ => Value::from(cell),
            };
            m.insert(k.clone(), v);
        }
        Ok(Value::Object(m))
    })))
}

/// The lines of [`entity_lines`].
type EntityLines = Box<dyn Iterator<Item = Result<Value, SearchError>>>;

/// The PostgreSQL schema (tables dropped and created again).
pub const POSTGRES_SCHEMA: &str = include_str!("../data/export/postgres_schema.sql");

fn postgres(
    out: &Path,
    dir: &Path,
    records: impl Iterator<Item = Result<Record, SearchError>>,
    stats: &mut ExportStats,
) -> Result<(), SearchError> {
    let mut schema = Out::create(dir, "schema.sql")?;
    schema.w.write_all(POSTGRES_SCHEMA.as_bytes())?;
    schema.done()?;
    stats.files.push("schema.sql".into());
    let mut docs = Out::create(dir, "documents.tsv")?;
    let mut recs = Out::create(dir, "records.tsv")?;
    let mut seen = HashSet::new();
    let mut buf = String::new();
    for r in records {
        let r = r?;
        buf.clear();
        if seen.insert(r.doc_key.clone()) {
            row(
                &mut buf,
                &[
                    Cell::Text(&r.doc_key),
                    Cell::Text(&r.doc_id),
                    opt(&r.title),
                    opt(&r.operator_form),
                    opt(&r.operator),
                    Cell::Owned(pg_array(&r.inn)),
                    opt(&r.jurisdiction),
                    opt(&r.language),
                    opt(&r.effective_date),
                ],
            );
            docs.w.write_all(buf.as_bytes())?;
            buf.clear();
        }
        let labels = |l: &[Label]| serde_json::to_string(l).expect("serializable");
        row(
            &mut buf,
            &[
                Cell::Text(&r.key),
                Cell::Text(&r.doc_key),
                Cell::Text(&r.doc_id),
                Cell::Text(&r.kind),
                Cell::Owned(r.ordinal.to_string()),
                opt(&r.number),
                Cell::Text(&r.heading_path),
                opt(&r.heading),
                Cell::Text(&r.text),
                Cell::Owned(r.start.to_string()),
                Cell::Owned(r.end.to_string()),
                opt(&r.jurisdiction),
                opt(&r.language),
                opt(&r.operator),
                Cell::Owned(labels(&r.data_categories)),
                Cell::Owned(labels(&r.purposes)),
                Cell::Owned(labels(&r.recipients)),
                Cell::Owned(labels(&r.rights)),
                Cell::Owned(pg_array(&stated(&r.data_categories))),
                Cell::Owned(pg_array(&stated(&r.purposes))),
                Cell::Owned(pg_array(&stated(&r.recipients))),
                Cell::Owned(pg_array(&stated(&r.rights))),
                Cell::Owned(pg_array(&r.identifiers)),
                Cell::Owned(pg_array(&r.emails)),
                Cell::Owned(pg_array(&r.phones)),
                Cell::Owned(pg_array(&r.hosts)),
            ],
        );
        recs.w.write_all(buf.as_bytes())?;
        stats.records += 1;
    }
    docs.done()?;
    recs.done()?;
    stats.files.push("documents.tsv".into());
    stats.files.push("records.tsv".into());
    // Entities: only those of documents that have records (the foreign key).
    let mut ents = Out::create(dir, "entities.tsv")?;
    let keys: HashSet<String> = seen;
    for v in entity_lines(out)? {
        let v = v?;
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let Some(doc_id) = s("doc_id") else { continue };
        let doc_key = crate::emit::rows::doc_key(&doc_id);
        if !keys.contains(&doc_key) {
            continue;
        }
        let n = |k: &str| v.get(k).and_then(Value::as_u64).map(|n| n.to_string());
        buf.clear();
        row(
            &mut buf,
            &[
                Cell::Owned(doc_key),
                Cell::Owned(doc_id),
                opt(&s("clause")),
                opt(&s("type")),
                opt(&s("text")),
                opt(&s("value")),
                opt(&v
                    .get("valid")
                    .and_then(Value::as_bool)
                    .map(|b| b.to_string())),
                opt(&n("start")),
                opt(&n("end")),
            ],
        );
        ents.w.write_all(buf.as_bytes())?;
    }
    ents.done()?;
    stats.files.push("entities.tsv".into());
    let mut load = Out::create(dir, "load.sql")?;
    load.w.write_all(
        b"-- Load the polex export: cd into this directory, then\n\
          --   psql -v ON_ERROR_STOP=1 -d DBNAME -f load.sql\n\
          \\set ON_ERROR_STOP on\n\
          BEGIN;\n\
          \\i schema.sql\n\
          \\copy documents FROM 'documents.tsv'\n\
          \\copy records (key, doc_key, doc_id, kind, ordinal, number, heading_path, heading, text, start_char, end_char, jurisdiction, language, operator, data_categories, purposes, recipients, rights, category, purpose, recipient, subject_right, identifiers, emails, phones, hosts) FROM 'records.tsv'\n\
          \\copy entities (doc_key, doc_id, clause, type, text, value, valid, start_char, end_char) FROM 'entities.tsv'\n\
          COMMIT;\n\
          ANALYZE;\n",
    )?;
    load.done()?;
    stats.files.push("load.sql".into());
    Ok(())
}
