//! The embedded search index (tantivy): built from an extract's `records.jsonl`
//! ([`crate::emit::records::Record`]), searched by `polex search`.
//!
//! **Where it lives.** `OUT/index/` by default. The index is *derived* from the committed
//! `records.jsonl` and is not one of the staged output files: it is written after the output
//! set is committed (`polex extract … --index`, or `polex index OUT`), never inside the staging
//! directory. Its own transaction is tantivy's: segment files are written first and the
//! `meta.json` that names them is replaced atomically at commit, so a killed indexing run
//! leaves the previous index readable (at worst with unreferenced segment files, garbage
//! collected by the next commit). A version file, [`VERSION_FILE`], names the polex version and
//! the schema version that wrote it; an index from another version is refused with a message
//! saying how to rebuild it.
//!
//! **Replacing.** Indexing deletes every document key it is about to add before adding its
//! records, in the same commit: indexing the same documents twice replaces them, never
//! duplicates them.
//!
//! **Analysis.** Text fields use the `ru` analyzer: [`SimpleTokenizer`] (split at non
//! alphanumerics), then [`RuFold`]: lowercase, ё→е, and the Snowball Russian stemmer (the
//! `rust-stemmers` crate, the same algorithm as tantivy's `Stemmer`; English Snowball for Latin
//! words such as «cookies»), except for words whose stem would be shorter than three letters:
//! they are kept whole, so «ИНН» never matches «иные» (both would stem to «ин»).
//! Identifiers, e-mails, phones, hosts and clause numbers are also indexed raw (one untokenised
//! term each) in the field `ids`, searched with the text.

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, STORED, STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use crate::emit::records::Record;

/// The file in the index directory naming the version that wrote it.
pub const VERSION_FILE: &str = "polex-index.json";
/// Bumped whenever the fields or the analysis change.
pub const SCHEMA_VERSION: u32 = 1;
/// The name of the Russian analyzer.
pub const RU: &str = "ru";

/// An error of the search module.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Reading or writing files.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// tantivy.
    #[error("index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The query does not parse.
    #[error("bad query: {0}")]
    Query(#[from] tantivy::query::QueryParserError),
    /// A line of records.jsonl that is not a record.
    #[error("{path}:{line}: not a search record: {reason}")]
    Record {
        /// The file.
        path: String,
        /// Its 1-based line.
        line: usize,
        /// Why.
        reason: String,
    },
    /// The index was written by another polex (or is not a polex index).
    #[error("{0}")]
    Version(String),
}

/// What [`VERSION_FILE`] holds.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct IndexVersion {
    /// The polex version (`CARGO_PKG_VERSION`).
    pub polex: String,
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
}

impl IndexVersion {
    /// This build's version.
    pub fn current() -> Self {
        IndexVersion {
            polex: env!("CARGO_PKG_VERSION").to_string(),
            schema: SCHEMA_VERSION,
        }
    }
}

/// The token filter of the `ru` analyzer (see the module doc).
#[derive(Clone)]
pub struct RuFold;

impl TokenFilter for RuFold {
    type Tokenizer<T: Tokenizer> = RuFoldFilter<T>;
    fn transform<T: Tokenizer>(self, tokenizer: T) -> RuFoldFilter<T> {
        RuFoldFilter { inner: tokenizer }
    }
}

/// [`RuFold`] applied to a tokenizer.
#[derive(Clone)]
pub struct RuFoldFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for RuFoldFilter<T> {
    type TokenStream<'a> = RuFoldStream<T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RuFoldStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of [`RuFoldFilter`].
pub struct RuFoldStream<T> {
    tail: T,
}

static STEMMER: std::sync::LazyLock<rust_stemmers::Stemmer> =
    std::sync::LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Russian));

static ENGLISH: std::sync::LazyLock<rust_stemmers::Stemmer> =
    std::sync::LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));

/// One word as the `ru` analyzer indexes it: lowercased, ё→е, stemmed (Russian Snowball for a
/// word with Cyrillic letters, English Snowball for a Latin one: «cookies» = «cookie»), but kept
/// whole when its stem would be shorter than three letters (so «ИНН» stays «инн» and «иные»
/// stays «иные» instead of both becoming «ин»).
pub fn fold_word(word: &str) -> String {
    let lower: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect();
    let stemmer = if lower.chars().any(|c| ('а'..='я').contains(&c)) {
        &STEMMER
    } else if lower.chars().any(|c| c.is_ascii_lowercase()) {
        &ENGLISH
    } else {
        return lower;
    };
    let stem = stemmer.stem(&lower);
    if stem.chars().count() < 3 {
        lower
    } else {
        stem.into_owned()
    }
}

impl<T: TokenStream> TokenStream for RuFoldStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let t = self.tail.token_mut();
        t.text = fold_word(&t.text);
        true
    }
    fn token(&self) -> &Token {
        self.tail.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The `ru` analyzer.
pub fn ru_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RuFold)
        .build()
}

/// The fields of the index.
pub struct Fields {
    /// Record key (raw, stored).
    pub key: Field,
    /// Document key (raw, stored): what re-indexing deletes by.
    pub doc_key: Field,
    /// Document id (raw, stored).
    pub doc_id: Field,
    /// `preamble` / `clause` / `paragraph` (raw, fast, stored).
    pub kind: Field,
    /// Clause number (raw, stored).
    pub number: Field,
    /// Heading path (ru, stored).
    pub heading_path: Field,
    /// Document title (ru, stored).
    pub title: Field,
    /// The record text (ru with positions, stored).
    pub text: Field,
    /// Identifiers, e-mails, phones, hosts, clause number, INNs (raw, several values).
    pub ids: Field,
    /// Jurisdiction (raw, fast, stored).
    pub jurisdiction: Field,
    /// Language (raw, fast, stored).
    pub language: Field,
    /// Operator name (raw, fast, stored).
    pub operator: Field,
    /// Data categories stated (not negated) in the record (raw, fast, several).
    pub category: Field,
    /// Purposes (raw, fast, several).
    pub purpose: Field,
    /// Recipients (raw, fast, several).
    pub recipient: Field,
    /// Rights (raw, fast, several).
    pub right: Field,
    /// Start char offset (stored).
    pub start: Field,
    /// Position of the record in its document (stored).
    pub ordinal: Field,
}

/// The schema and its fields.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let ru = |stored: bool| {
        let o = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(RU)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored {
            o.set_stored()
        } else {
            o
        }
    };
    let f = Fields {
        key: b.add_text_field("key", STRING | STORED),
        doc_key: b.add_text_field("doc_key", STRING | STORED),
        doc_id: b.add_text_field("doc_id", STRING | STORED),
        kind: b.add_text_field("kind", STRING | FAST | STORED),
        number: b.add_text_field("number", STRING | STORED),
        heading_path: b.add_text_field("heading_path", ru(true)),
        title: b.add_text_field("title", ru(true)),
        text: b.add_text_field("text", ru(true)),
        ids: b.add_text_field("ids", STRING),
        jurisdiction: b.add_text_field("jurisdiction", STRING | FAST | STORED),
        language: b.add_text_field("language", STRING | FAST | STORED),
        operator: b.add_text_field("operator", STRING | FAST | STORED),
        category: b.add_text_field("category", STRING | FAST),
        purpose: b.add_text_field("purpose", STRING | FAST),
        recipient: b.add_text_field("recipient", STRING | FAST),
        right: b.add_text_field("right", STRING | FAST),
        start: b.add_u64_field("start", STORED),
        ordinal: b.add_u64_field("ordinal", STORED),
    };
    (b.build(), f)
}

fn register(index: &Index) {
    index.tokenizers().register(RU, ru_analyzer());
}

fn version_error(dir: &Path, found: &str) -> SearchError {
    SearchError::Version(format!(
        "{} is {found}; this polex ({} schema {SCHEMA_VERSION}) cannot read it: rebuild it with \
         `polex index OUT_DIR --rebuild`",
        dir.display(),
        env!("CARGO_PKG_VERSION")
    ))
}

/// Open an existing polex index, checking its version file.
pub fn open(dir: &Path) -> Result<Index, SearchError> {
    let vf = dir.join(VERSION_FILE);
    let text = fs::read_to_string(&vf).map_err(|e| {
        if e.kind() == io::ErrorKind::NotFound {
            version_error(dir, "not a polex index (no polex-index.json)")
        } else {
            SearchError::Io(e)
        }
    })?;
    let v: IndexVersion = serde_json::from_str(&text)
        .map_err(|_| version_error(dir, "an index with an unreadable polex-index.json"))?;
    if v != IndexVersion::current() {
        return Err(version_error(
            dir,
            &format!(
                "an index written by polex {} (schema {})",
                v.polex, v.schema
            ),
        ));
    }
    let index = Index::open_in_dir(dir)?;
    register(&index);
    Ok(index)
}

/// Open the index in `dir`, or create it there (a missing or empty directory); `rebuild`
/// removes an existing polex index (or any index of another version) first.
pub fn open_or_create(dir: &Path, rebuild: bool) -> Result<Index, SearchError> {
    let has_version = dir.join(VERSION_FILE).exists();
    if rebuild && has_version {
        fs::remove_dir_all(dir)?;
    } else if has_version {
        return open(dir);
    } else if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        return Err(version_error(
            dir,
            "a non-empty directory that is not a polex index",
        ));
    }
    fs::create_dir_all(dir)?;
    let (schema, _) = schema();
    let index = Index::create_in_dir(dir, schema)?;
    register(&index);
    let v = serde_json::to_string(&IndexVersion::current()).expect("serializable");
    let tmp = dir.join(format!("{VERSION_FILE}.tmp"));
    fs::write(&tmp, v)?;
    fs::rename(&tmp, dir.join(VERSION_FILE))?;
    Ok(index)
}

/// What an indexing run did.
#[derive(Debug, Default, Clone, Copy)]
pub struct IndexStats {
    /// Records added.
    pub records: u64,
    /// Distinct documents (their earlier records were deleted first).
    pub documents: u64,
    /// Bytes of record text indexed.
    pub text_bytes: u64,
}

fn to_doc(f: &Fields, r: &Record) -> TantivyDocument {
    let mut d = TantivyDocument::new();
    d.add_text(f.key, &r.key);
    d.add_text(f.doc_key, &r.doc_key);
    d.add_text(f.doc_id, &r.doc_id);
    d.add_text(f.kind, &r.kind);
    if let Some(n) = &r.number {
        d.add_text(f.number, n);
        d.add_text(f.ids, n);
    }
    d.add_text(f.heading_path, &r.heading_path);
    if let Some(t) = &r.title {
        d.add_text(f.title, t);
    }
    d.add_text(f.text, &r.text);
    for v in r
        .identifiers
        .iter()
        .chain(&r.emails)
        .chain(&r.phones)
        .chain(&r.hosts)
    {
        d.add_text(f.ids, v);
    }
    if let Some(j) = &r.jurisdiction {
        d.add_text(f.jurisdiction, j);
    }
    if let Some(l) = &r.language {
        d.add_text(f.language, l);
    }
    if let Some(o) = &r.operator {
        d.add_text(f.operator, o);
    }
    for (field, labels) in [
        (f.category, &r.data_categories),
        (f.purpose, &r.purposes),
        (f.recipient, &r.recipients),
        (f.right, &r.rights),
    ] {
        for l in labels.iter().filter(|l| !l.negated) {
            d.add_text(field, &l.id);
        }
    }
    d.add_u64(f.start, r.start as u64);
    d.add_u64(f.ordinal, r.ordinal as u64);
    d
}

/// Add records to the index in `index_dir` (created when missing), replacing the documents
/// they belong to; one commit at the end.
pub fn index_records(
    index_dir: &Path,
    records: impl IntoIterator<Item = Result<Record, SearchError>>,
    rebuild: bool,
) -> Result<IndexStats, SearchError> {
    let index = open_or_create(index_dir, rebuild)?;
    let (_, f) = schema();
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 128 << 20)?;
    let mut seen: HashSet<String> = HashSet::new();
    let mut stats = IndexStats::default();
    for r in records {
        let r = r?;
        if seen.insert(r.doc_key.clone()) {
            writer.delete_term(Term::from_field_text(f.doc_key, &r.doc_key));
            stats.documents += 1;
        }
        stats.records += 1;
        stats.text_bytes += r.text.len() as u64;
        writer.add_document(to_doc(&f, &r))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(stats)
}

/// Read a records.jsonl file lazily.
pub fn read_records(
    path: &Path,
) -> Result<impl Iterator<Item = Result<Record, SearchError>>, SearchError> {
    let file = fs::File::open(path)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display())))?;
    let name = path.display().to_string();
    Ok(io::BufReader::new(file)
        .lines()
        .enumerate()
        .filter(|(_, l)| l.as_ref().map_or(true, |l| !l.trim().is_empty()))
        .map(move |(i, l)| {
            let l = l?;
            serde_json::from_str::<Record>(&l).map_err(|e| SearchError::Record {
                path: name.clone(),
                line: i + 1,
                reason: e.to_string(),
            })
        }))
}

/// Index an extract's output directory: its `records.jsonl` into `index_dir` (default
/// `OUT/index`).
pub fn index_output(
    out: &Path,
    index_dir: Option<&Path>,
    rebuild: bool,
) -> Result<IndexStats, SearchError> {
    let dir: PathBuf = index_dir.map_or_else(|| out.join("index"), Path::to_path_buf);
    index_records(&dir, read_records(&out.join("records.jsonl"))?, rebuild)
}

/// Filters and limits of a search.
#[derive(Debug, Default, Clone)]
pub struct SearchOptions {
    /// Only records with this (stated, not negated) data category.
    pub category: Vec<String>,
    /// Only records with this purpose.
    pub purpose: Vec<String>,
    /// Only records with this recipient.
    pub recipient: Vec<String>,
    /// Only records with this right.
    pub right: Vec<String>,
    /// Only documents of this jurisdiction.
    pub jurisdiction: Option<String>,
    /// Only documents of this language.
    pub language: Option<String>,
    /// Only documents of this operator (its name as in `operator`).
    pub operator: Option<String>,
    /// Only records of this kind.
    pub kind: Option<String>,
    /// At most this many hits.
    pub limit: usize,
}

/// One hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// BM25 score.
    pub score: f32,
    /// Record key.
    pub key: String,
    /// Document id.
    pub doc_id: String,
    /// Record kind.
    pub kind: String,
    /// Clause number, if a clause.
    pub number: Option<String>,
    /// Heading path.
    pub heading_path: String,
    /// Jurisdiction.
    pub jurisdiction: Option<String>,
    /// Operator.
    pub operator: Option<String>,
    /// The best fragment of the text, highlights between `**`.
    pub snippet: String,
    /// The highlighted byte ranges in `fragment`.
    pub highlights: Vec<[usize; 2]>,
    /// The fragment without marks.
    pub fragment: String,
}

/// A searcher over an opened index (the query parser and fields built once).
pub struct Searcher {
    reader: tantivy::IndexReader,
    parser: QueryParser,
    f: Fields,
}

impl Searcher {
    /// Open the index in `dir` (checking its version).
    pub fn open(dir: &Path) -> Result<Self, SearchError> {
        let index = open(dir)?;
        let (_, f) = schema();
        let mut parser =
            QueryParser::for_index(&index, vec![f.text, f.heading_path, f.title, f.ids]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.heading_path, 1.5);
        parser.set_field_boost(f.title, 0.5);
        parser.set_field_boost(f.ids, 2.0);
        let reader = index.reader()?;
        Ok(Searcher { reader, parser, f })
    }

    /// Run a query (tantivy's query language: words, `"phrases"`, `AND`/`OR`/`NOT`, `-word`).
    pub fn search(&self, query: &str, opt: &SearchOptions) -> Result<Vec<Hit>, SearchError> {
        let f = &self.f;
        let user = self.parser.parse_query(query)?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, user.box_clone())];
        let term = |field: Field, v: &str| -> (Occur, Box<dyn Query>) {
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(field, v),
                    IndexRecordOption::Basic,
                )),
            )
        };
        for (field, list) in [
            (f.category, &opt.category),
            (f.purpose, &opt.purpose),
            (f.recipient, &opt.recipient),
            (f.right, &opt.right),
        ] {
            for v in list {
                clauses.push(term(field, v));
            }
        }
        for (field, v) in [
            (f.jurisdiction, &opt.jurisdiction),
            (f.language, &opt.language),
            (f.operator, &opt.operator),
            (f.kind, &opt.kind),
        ] {
            if let Some(v) = v {
                clauses.push(term(field, v));
            }
        }
        let q = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let top = searcher.search(&q, &TopDocs::with_limit(opt.limit.max(1)).order_by_score())?;
        let mut snip = SnippetGenerator::create(&searcher, &*user, f.text)?;
        snip.set_max_num_chars(200);
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr)?;
            let s = |field: Field| {
                d.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let snippet = snip.snippet_from_doc(&d);
            let fragment = snippet.fragment().to_string();
            let mut marked = String::new();
            let mut at = 0;
            for r in snippet.highlighted() {
                marked.push_str(&fragment[at..r.start]);
                marked.push_str("**");
                marked.push_str(&fragment[r.clone()]);
                marked.push_str("**");
                at = r.end;
            }
            marked.push_str(&fragment[at..]);
            let marked = if fragment.is_empty() {
                s(f.text).unwrap_or_default().chars().take(200).collect()
            } else {
                marked
            };
            hits.push(Hit {
                score,
                key: s(f.key).unwrap_or_default(),
                doc_id: s(f.doc_id).unwrap_or_default(),
                kind: s(f.kind).unwrap_or_default(),
                number: s(f.number),
                heading_path: s(f.heading_path).unwrap_or_default(),
                jurisdiction: s(f.jurisdiction),
                operator: s(f.operator),
                snippet: marked.split_whitespace().collect::<Vec<_>>().join(" "),
                highlights: snippet
                    .highlighted()
                    .iter()
                    .map(|r| [r.start, r.end])
                    .collect(),
                fragment,
            });
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inn_is_not_stemmed_into_inye() {
        assert_eq!(fold_word("ИНН"), "инн");
        assert_ne!(fold_word("иные"), fold_word("ИНН"));
        assert_ne!(fold_word("иных"), "инн");
        assert_eq!(fold_word("ёлка"), fold_word("елка"));
        assert_eq!(fold_word("лицам"), fold_word("лица"));
        assert_eq!(fold_word("персональных"), fold_word("персональные"));
        assert_eq!(fold_word("Cookie"), fold_word("COOKIES"));
        assert_eq!(fold_word("ОГРН"), "огрн");
    }
}
