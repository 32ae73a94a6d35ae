//! polex: turns raw privacy policies into structured data.

//!
//! The core ([`Engine::analyze`]) takes decoded text and returns a typed [`model::Document`]
//! without any I/O. Around it: [`ingest`] finds and decodes files, [`pipeline`] runs the core in
//! parallel with bounded memory and feeds a [`pipeline::Sink`], and the emitters print each format.

#![warn(missing_docs)]

pub mod classify;
pub mod context;
pub(crate) mod dedup;
pub mod emit;
pub mod error;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod language;
pub mod lexicon;
pub mod model;
pub mod normalize;
pub mod offsets;
pub mod pipeline;
pub mod reuse;
pub mod search;
pub mod segment;

use context::DocContext;
use model::Document;

/// Everything the core needs that is built once per run (taxonomy, compiled matchers) and shared
/// read-only by all threads.
pub struct Engine {
    /// The data-practice taxonomy, with its compiled matcher and lexicon per analysed language
    /// (`Taxonomy::in_language`).
    pub taxonomy: classify::Taxonomy,
    /// Run entity extraction (issue: operator, identifiers, contacts, dates, laws).
    pub entities: bool,
    /// Run data-practice classification.
    pub practices: bool,
    /// The normalizer's patterns and word list.
    normalizer: normalize::Normalizer,
    /// The segmenter's abbreviations and reference patterns.
    segmenter: segment::Segmenter,
    /// The extractors' compiled patterns and tables.
    extractors: extract::Extractors,
    /// The language detector (its models loaded on first use).
    detector: language::Detector,
}

impl Engine {
    /// An engine with the built-in taxonomy.
    pub fn new() -> Self {
        Self::with_taxonomy(classify::Taxonomy::builtin())
    }

    /// An engine with the given taxonomy (e.g. the built-in one merged with a user's).
    pub fn with_taxonomy(taxonomy: classify::Taxonomy) -> Self {
        Engine {
            taxonomy,
            entities: true,
            practices: true,
            normalizer: normalize::Normalizer::new(),
            segmenter: segment::Segmenter::new(),
            extractors: extract::Extractors::new(),
            detector: language::Detector::new(),
        }
    }

    /// Analyze one decoded text: normalize, segment, extract entities, classify practices.
    /// `source` is what ingest knows of the file (id, path, sha256, bytes, encoding, format).
    ///
    /// ```
    /// use polex::{model::{IdKind, SourceInfo}, Engine};
    ///
    /// let text = "ПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ\n\n\
    ///     1. ОБЩИЕ ПОЛОЖЕНИЯ\n\n\
    ///     1.1. Оператор — ООО «Ромашка» (ИНН 7707083893).\n\n\
    ///     1.2. Мы собираем имя и адрес электронной почты. Геолокация не собирается.\n";
    /// let doc = Engine::new().analyze(text, SourceInfo::default());
    /// let numbers: Vec<&str> = doc.layout.clauses.iter().map(|c| c.number.as_str()).collect();
    /// assert_eq!(numbers, ["1", "1.1", "1.2"]);
    /// assert_eq!(doc.layout.clauses[0].heading.as_deref(), Some("ОБЩИЕ ПОЛОЖЕНИЯ"));
    /// let op = doc.entities.operator.unwrap();
    /// assert_eq!((op.legal_form.as_deref(), op.name.as_str()), (Some("ООО"), "Ромашка"));
    /// assert!(doc.entities.identifiers.iter().any(|i| i.kind == IdKind::Inn && i.valid));
    /// let email = doc.practices.data_categories.iter().find(|c| c.id == "email").unwrap();
    /// assert!(!email.negated);
    /// let geo = doc.practices.data_categories.iter().find(|c| c.id == "geolocation").unwrap();
    /// assert!(geo.negated);
    /// ```
    pub fn analyze(&self, raw_text: &str, source: model::SourceInfo) -> Document {
        let text = self.normalizer.normalize(raw_text);
        let mut seg = self.segmenter.segment(&text);
        let chars = std::mem::take(&mut seg.chars);
        // Lines in another language than the analysed one (the main language when it has a
        // lexicon, else Russian) are blanked for the extractors and the classifier (offsets are
        // unchanged: see language.rs); that language's lexicon and taxonomy forms read the rest.
        let langs = self.detector.detect(&text);
        let masked = langs.masked(&text);
        let read = masked.as_deref().unwrap_or(&text);
        let ctx = DocContext::with_index(read, &seg.clauses, &seg.units, chars);
        let lang_findings = langs.findings(&ctx);
        let mut found = if self.entities {
            self.extractors.extract_in(&ctx, langs.lexicon())
        } else {
            extract::Extraction::default()
        };
        let practices = if self.practices {
            classify::classify_in(&self.taxonomy, &ctx, langs.lexicon())
        } else {
            classify::Practices::default()
        };
        let chars = ctx.into_index();
        let mut findings = seg.findings;
        findings.append(&mut found.findings);
        findings.extend(lang_findings);
        Document {
            source,
            lang: model::Languages {
                language: langs.main().map(|l| l.code().to_string()),
                languages: langs.listed(),
            },
            layout: model::Layout {
                title: seg.title,
                preamble: seg.preamble,
                text,
                clauses: seg.clauses,
            },
            findings,
            entities: found.entities,
            chars,
            practices,
        }
    }
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}
