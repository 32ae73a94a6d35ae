//! polex: turns raw privacy policies into structured data.

//!
//! The core ([`Engine::analyze`]) takes decoded text and returns a typed [`model::Document`]
//! without any I/O. Around it: [`ingest`] finds and decodes files, [`pipeline`] runs the core in
//! parallel with bounded memory and feeds a [`pipeline::Sink`], and the emitters print each format.

#![warn(missing_docs)]

pub mod bench_support;
pub mod classify;
pub mod context;
pub(crate) mod dedup;
pub mod emit;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod language;
pub mod lexicon;
pub mod model;
pub mod normalize;
pub mod offsets;
pub mod pipeline;
pub mod segment;

use context::DocContext;
use model::Document;

/// Everything the core needs that is built once per run (taxonomy, compiled matchers) and shared
/// read-only by all threads.
pub struct Engine {
    /// The data-practice taxonomy, with its compiled matcher.
    pub taxonomy: classify::Taxonomy,
    /// Run entity extraction (issue: operator, identifiers, contacts, dates, laws).
    pub entities: bool,
    /// Run data-practice classification.
    pub practices: bool,
}

impl Engine {
    /// An engine with the built-in taxonomy.
    pub fn new() -> Self {
        Self::with_taxonomy(classify::Taxonomy::builtin())
    }

    /// An engine with the given taxonomy (e.g. the built-in one merged with a user's).
    pub fn with_taxonomy(taxonomy: classify::Taxonomy) -> Self {
        language::warm_up();
        Engine {
            taxonomy,
            entities: true,
            practices: true,
        }
    }

    /// Analyze one decoded text: normalize, segment, extract entities, classify practices.
    /// `doc` carries the source metadata (id, source, sha256, bytes, encoding) and is filled in.
    ///
    /// ```
    /// use polex::{model::{Document, IdKind}, Engine};
    ///
    /// let text = "ПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ\n\n\
    ///     1. ОБЩИЕ ПОЛОЖЕНИЯ\n\n\
    ///     1.1. Оператор — ООО «Ромашка» (ИНН 7707083893).\n\n\
    ///     1.2. Мы собираем имя и адрес электронной почты. Геолокация не собирается.\n";
    /// let doc = Engine::new().analyze(text, Document::default());
    /// let numbers: Vec<&str> = doc.clauses.iter().map(|c| c.number.as_str()).collect();
    /// assert_eq!(numbers, ["1", "1.1", "1.2"]);
    /// assert_eq!(doc.clauses[0].heading.as_deref(), Some("ОБЩИЕ ПОЛОЖЕНИЯ"));
    /// let op = doc.operator.unwrap();
    /// assert_eq!((op.legal_form.as_deref(), op.name.as_str()), (Some("ООО"), "Ромашка"));
    /// assert!(doc.identifiers.iter().any(|i| i.kind == IdKind::Inn && i.valid));
    /// let email = doc.data_categories.iter().find(|c| c.id == "email").unwrap();
    /// assert!(!email.negated);
    /// let geo = doc.data_categories.iter().find(|c| c.id == "geolocation").unwrap();
    /// assert!(geo.negated);
    /// ```
    pub fn analyze(&self, raw_text: &str, mut doc: Document) -> Document {
        doc.text = normalize::normalize(raw_text);
        let mut seg = segment::segment(&doc.text);
        let chars = std::mem::take(&mut seg.chars);
        // Lines in another language than Russian are blanked for the extractors and the
        // classifier when the text has a Russian part (offsets are unchanged: see language.rs).
        let langs = language::detect(&doc.text);
        let masked = langs.masked(&doc.text);
        let read = masked.as_deref().unwrap_or(&doc.text);
        let ctx = DocContext::with_index(read, &seg.clauses, &seg.units, chars);
        let lang_findings = langs.findings(&ctx);
        let ent = if self.entities {
            extract::extract(&ctx)
        } else {
            extract::Entities::default()
        };
        let prac = if self.practices {
            classify::classify(&self.taxonomy, &ctx)
        } else {
            classify::Practices::default()
        };
        doc.chars = ctx.into_index();

        doc.title = seg.title;
        doc.preamble = seg.preamble;
        doc.clauses = seg.clauses;
        doc.findings = seg.findings;

        doc.operator = ent.operator;
        doc.organizations = ent.organizations;
        doc.identifiers = ent.identifiers;
        doc.emails = ent.emails;
        doc.phones = ent.phones;
        doc.websites = ent.websites;
        doc.addresses = ent.addresses;
        doc.effective_date = ent.effective_date;
        doc.dates = ent.dates;
        doc.laws = ent.laws;
        doc.jurisdiction = ent.jurisdiction;
        doc.mentions = ent.mentions;
        doc.findings.extend(ent.findings);
        doc.findings.extend(lang_findings);
        doc.language = langs.main().map(|l| l.code().to_string());
        doc.languages = langs.listed();

        doc.data_categories = prac.data_categories;
        doc.purposes = prac.purposes;
        doc.recipients = prac.recipients;
        doc.rights = prac.rights;
        doc.retention = prac.retention;
        doc.cross_border = prac.cross_border;
        doc.cookies = prac.cookies;
        doc.automated_decisions = prac.automated_decisions;
        doc.special_categories = prac.special_categories;
        doc
    }
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}
