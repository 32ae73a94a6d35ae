//! The typed document that the core produces and the emitters print.
//!
//! Every `start`/`end` in this model is a **char** offset (Unicode scalar values, not bytes) into
//! [`Layout::text`], the canonical text produced by normalization.

use schemars::JsonSchema;
use serde::Serialize;

mod kinds;
pub use kinds::{
    CrossBorderStatus, DateRole, FindingCode, IdKind, MentionKind, OperatorKind, OrgRole,
    RetentionKind,
};

/// One processed policy: the stage outputs side by side.
///
/// Each part is filled by one stage and serialized flat (`#[serde(flatten)]`), so
/// `documents.jsonl` has one object with the parts' fields in this order: [`SourceInfo`],
/// [`Languages`], [`Layout`], `findings`, [`Entities`], [`Practices`]. A new field goes into the one part whose
/// stage produces it.
#[derive(Debug, Clone, Serialize, Default, JsonSchema)]
pub struct Document {
    /// Where the text came from (ingest).
    #[serde(flatten)]
    pub source: SourceInfo,
    /// The languages of the text (language detection).
    #[serde(flatten)]
    pub lang: Languages,
    /// The canonical text and its clauses (normalize, segment).
    #[serde(flatten)]
    pub layout: Layout,
    /// Numbering findings (segment), then consistency findings (extract).
    pub findings: Vec<Finding>,
    /// Named entities (extract).
    #[serde(flatten)]
    pub entities: Entities,
    /// Byte ↔ char offsets of `layout.text`, kept for the emitters.
    #[serde(skip)]
    pub chars: crate::offsets::CharIndex,
    /// Data practices (classify).
    #[serde(flatten)]
    pub practices: Practices,
}

/// What ingest knows of a document's source.
#[derive(Debug, Clone, Serialize, Default, JsonSchema)]
pub struct SourceInfo {
    /// Path relative to the input root, `/`-separated (the stable document key).
    pub id: String,
    /// The path as given on the command line / file list.
    pub source: String,
    /// SHA-256 of the raw bytes, lowercase hex.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
    /// Size of the raw file in bytes.
    pub bytes: u64,
    /// Encoding the bytes were decoded from (`UTF-8`, `UTF-8-BOM`, `UTF-16LE`, `windows-1251`, ...).
    pub encoding: String,
    /// Input format the text was read from: `text`, `html`, `markdown`, `docx` or `pdf` (the
    /// reader's name).
    pub source_format: String,
}

/// The languages of a document's text.
#[derive(Debug, Clone, Serialize, Default, JsonSchema)]
pub struct Languages {
    /// Main language of the text, ISO 639-1 (`ru`, `kk`, `be`, `uk`, `en`): the language of
    /// most letters (see `language.rs`); null only when the text has no letters.
    pub language: Option<String>,
    /// Every language with at least 5 % of the letters, largest share first (one entry
    /// `{"code": "ru", "share": 1.0}` for a Russian policy; empty when there are no letters).
    pub languages: Vec<LanguageShare>,
}

/// The canonical text and its structure.
#[derive(Debug, Clone, Serialize, Default, JsonSchema)]
pub struct Layout {
    /// Document title (first heading-like line before the first clause), if any.
    pub title: Option<String>,
    /// Text before the first clause (title excluded), if any.
    pub preamble: Option<Block>,
    /// Canonical (normalized) text; every offset points into it.
    pub text: String,
    /// Clauses in document order (a flattened tree: see `parent`).
    pub clauses: Vec<Clause>,
}

/// The entities named in a document.
#[derive(Debug, Clone, Serialize, Default, JsonSchema)]
pub struct Entities {
    /// The operator (the party that processes the data), null when none is named.
    pub operator: Option<Operator>,
    /// Other organisations named (banks, payment systems, processors, …).
    pub organizations: Vec<Organization>,
    /// Registration, tax and bank identifiers, with their checksum verdict.
    pub identifiers: Vec<Identifier>,
    /// E-mail addresses, lowercased, deduplicated.
    pub emails: Vec<String>,
    /// Phone numbers as digits with the country code (8… → 7…), deduplicated.
    pub phones: Vec<String>,
    /// Web hosts, lowercased, without `www.`, deduplicated.
    pub websites: Vec<String>,
    /// Postal addresses.
    pub addresses: Vec<Address>,
    /// The date in force (`YYYY-MM-DD`): in-force date, else edition/update date, else an unlabelled document date.
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub effective_date: Option<String>,
    /// Every date found, with its role.
    pub dates: Vec<DateMention>,
    /// Laws cited, normalized (`152-ФЗ`, `94-V`, `GDPR`, …).
    pub laws: Vec<String>,
    /// The jurisdiction (`RU`, `KZ`, `BY`, …), by a vote over laws, courts, identifiers, addresses and domains.
    pub jurisdiction: Option<String>,
    /// Every entity mention (one row per mention in entities.jsonl / entities.csv).
    #[serde(skip)]
    pub mentions: Vec<Mention>,
}

/// The data practices of a document.
#[derive(Debug, Clone, Serialize, Default, JsonSchema)]
pub struct Practices {
    /// Data categories collected (or explicitly not collected).
    pub data_categories: Vec<Practice>,
    /// Purposes of processing.
    pub purposes: Vec<Practice>,
    /// Recipients of the data (kinds and named organisations).
    pub recipients: Vec<Practice>,
    /// Rights of the data subject.
    pub rights: Vec<Practice>,
    /// Retention terms.
    pub retention: Vec<Retention>,
    /// Cross-border transfer.
    pub cross_border: Option<CrossBorder>,
    /// Cookies, when mentioned.
    pub cookies: Option<Flag>,
    /// Automated decisions / AI processing, when mentioned.
    pub automated_decisions: Option<Flag>,
    /// Special categories of data (health, biometrics, …).
    pub special_categories: Vec<Practice>,
}

/// A run of text with offsets (the preamble).
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct Block {
    /// The text as written (in the canonical text). Not serialized: it is the canonical text
    /// from `start` to `end`.
    #[serde(skip)]
    #[schemars(skip)]
    pub text: String,
    /// Char offset of its first character in the canonical text.
    pub start: usize,
    /// Char offset just past its last character.
    pub end: usize,
}

/// A numbered clause.
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct Clause {
    /// "1.2.3" (no trailing dot).
    #[schemars(regex(pattern = r"^[0-9]+(\.[0-9]+)*$"))]
    pub number: String,
    /// 1 for "3", 2 for "3.1", ...
    pub depth: usize,
    /// Number of the enclosing clause, if present in the document.
    pub parent: Option<String>,
    /// Heading of the clause, stored apart from the body ("ОБЩИЕ ПОЛОЖЕНИЯ").
    pub heading: Option<String>,
    /// Body text of the clause itself (children excluded, heading excluded): what the
    /// classifier reads. Not serialized: `documents.jsonl` has it once, in `text`, at
    /// [`Clause::body`] (clauses.jsonl / clauses.csv write it with `--clause-text`).
    #[serde(skip)]
    #[schemars(skip)]
    pub text: String,
    /// Where the body is in the canonical text, as `[start, end]` char offsets (`start == end`
    /// for a clause that is only a heading).
    pub body: [usize; 2],
    /// List items inside the clause.
    pub items: Vec<Item>,
    /// Sentence spans of the body, as `[start, end]` char offsets.
    pub sentences: Vec<[usize; 2]>,
    /// Clauses this one refers to ("п. 5.2" → "5.2"), resolved to clauses that exist.
    pub refs: Vec<String>,
    /// Start of the clause (its number) in the canonical text.
    pub start: usize,
    /// End of the clause's own text (before the next clause starts).
    pub end: usize,
}

/// A list item inside a clause.
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct Item {
    /// The marker as written: "-", "—", "•", "1)", "а)".
    pub marker: String,
    /// The text as written (in the canonical text). Not serialized: it is the canonical text
    /// from `start` to `end`.
    #[serde(skip)]
    #[schemars(skip)]
    pub text: String,
    /// Char offset of its first character in the canonical text.
    pub start: usize,
    /// Char offset just past its last character.
    pub end: usize,
}

/// A numbering or consistency finding.
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct Finding {
    /// Machine code: `numbering_gap`, `numbering_duplicate`, `numbering_out_of_order`,
    /// `numbering_orphan`, `table_of_contents`, `operator_name_conflict`, `id_label_mismatch`, `invalid_checksum`,
    /// `domain_mismatch`, `jurisdiction_conflict`, `brand_conflict`, `unfilled_placeholder` (a
    /// template blank left in the text: «`[ИНН]`», «ООО «Название»», «example.com»),
    /// `unsupported_language`, `bilingual`.
    pub code: FindingCode,
    /// What is wrong, in words.
    pub message: String,
    /// Clause numbers involved (may be empty).
    pub clauses: Vec<String>,
}

/// The party that processes the data.
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct Operator {
    /// Normalized abbreviation (ООО, ИП, ТОО, ...), null for a natural person without form.
    pub legal_form: Option<String>,
    /// Name without form and outer quotes; for a person, the full name in the nominative.
    pub name: String,
    /// `organization` | `individual_entrepreneur` | `person`.
    pub kind: OperatorKind,
    /// First mention exactly as written.
    pub as_written: String,
    /// Char offset of its first character in the canonical text.
    pub start: usize,
    /// Char offset just past its last character.
    pub end: usize,
    /// Number of the clause it is in (null in the title or preamble).
    pub clause: Option<String>,
    /// ISO country code when known (RU, KZ, BY, ...).
    pub country: Option<String>,
}

/// Another organization named in the text (bank, payment system, processor, ...).
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct Organization {
    /// Normalized legal form (ООО, АО, ТОО, …), null when none is written.
    pub legal_form: Option<String>,
    /// Name without legal form and outer quotes.
    pub name: String,
    /// `bank`, `payment`, `hosting`, `analytics`, `delivery`, `processor`, `authority`, `other`.
    pub role: OrgRole,
    /// The mention exactly as written.
    pub as_written: String,
    /// Char offset of its first character in the canonical text.
    pub start: usize,
    /// Char offset just past its last character.
    pub end: usize,
    /// Number of the clause it is in (null in the title or preamble).
    pub clause: Option<String>,
}

/// A registration / tax / bank identifier.
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct Identifier {
    /// `inn`, `ogrn`, `ogrnip`, `kpp`, `bik`, `settlement_account`, `corr_account`, `okpo`,
    /// `oktmo`, `snils`, `bin`, `iin`, `unp`, `iban`, `swift`.
    #[serde(rename = "type")]
    pub kind: IdKind,
    /// Digits (or letters+digits for SWIFT/IBAN).
    pub value: String,
    /// Label as written next to the value ("ИНН", "ИИН", "Расчётный счёт"), if any.
    pub label: Option<String>,
    /// Whether its checksum (and length) is right.
    pub valid: bool,
    /// Why `valid` is false.
    pub reason: Option<String>,
    /// Char offset of its first character in the canonical text.
    pub start: usize,
    /// Char offset just past its last character.
    pub end: usize,
    /// Number of the clause it is in (null in the title or preamble).
    pub clause: Option<String>,
}

/// A postal address as found.
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct Address {
    /// The text as written (in the canonical text).
    pub text: String,
    /// Postal code, when written.
    pub postal_code: Option<String>,
    /// ISO country code, when known.
    pub country: Option<String>,
    /// City, when written.
    pub city: Option<String>,
    /// Street, when written.
    pub street: Option<String>,
    /// Building number, when written.
    pub building: Option<String>,
    /// Char offset of its first character in the canonical text.
    pub start: usize,
    /// Char offset just past its last character.
    pub end: usize,
    /// Number of the clause it is in (null in the title or preamble).
    pub clause: Option<String>,
}

/// A date found in the text with its role.
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct DateMention {
    /// `YYYY-MM-DD`.
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub value: String,
    /// `in_force`, `edition`, `document`, `registration`, `law` (the date of a law cited), `other`.
    pub role: DateRole,
    /// The text as written (in the canonical text).
    pub text: String,
    /// Char offset of its first character in the canonical text.
    pub start: usize,
    /// Char offset just past its last character.
    pub end: usize,
    /// Number of the clause it is in (null in the title or preamble).
    pub clause: Option<String>,
}

/// One entity mention (entities.jsonl / entities.csv row).
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct Mention {
    /// `operator`, `organization`, `inn`, ..., `email`, `phone`, `website`, `address`, `date`, `law`.
    #[serde(rename = "type")]
    pub kind: MentionKind,
    /// Text as written.
    pub text: String,
    /// Normalized value.
    pub value: String,
    /// Whether its checksum (and length) is right.
    pub valid: Option<bool>,
    /// Char offset of its first character in the canonical text.
    pub start: usize,
    /// Char offset just past its last character.
    pub end: usize,
    /// Number of the clause it is in (null in the title or preamble).
    pub clause: Option<String>,
}

/// Evidence for a practice: where in the text it was found.
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct Evidence {
    /// The text as written (in the canonical text).
    pub text: String,
    /// Char offset of its first character in the canonical text.
    pub start: usize,
    /// Char offset just past its last character.
    pub end: usize,
    /// Number of the clause it is in (null in the title or preamble).
    pub clause: Option<String>,
    /// True when this mention says it is *not* done.
    pub negated: bool,
}

/// A data category, purpose, recipient, right or special category.
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct Practice {
    /// Taxonomy id (`email`, `marketing`, `payment_provider`, `erasure`, ...).
    pub id: String,
    /// W3C DPV IRI, when one exists.
    pub dpv: Option<String>,
    /// True when every mention says it is NOT collected / passed / done.
    pub negated: bool,
    /// Named organization (recipients only: "Банк Точка", "Яндекс.Метрика").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub name: Option<String>,
    /// Clauses where it is mentioned.
    pub clauses: Vec<String>,
    /// Where it was found.
    pub evidence: Vec<Evidence>,
}

/// A retention statement.
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct Retention {
    /// `period` | `until_purpose_achieved` | `unlimited` | `until_consent_withdrawn` |
    /// `until_account_deleted` | `as_required_by_law`.
    pub kind: RetentionKind,
    /// The period in days, for `period`.
    pub days: Option<u64>,
    /// Where it was found.
    pub evidence: Evidence,
}

/// Cross-border transfer statement.
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct CrossBorder {
    /// `yes` | `no` | `not_stated`.
    pub status: CrossBorderStatus,
    /// Where it was found.
    pub evidence: Vec<Evidence>,
}

/// A yes/no practice (cookies used, automated decisions / AI processing).
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct Flag {
    /// True when stated, false when stated absent.
    pub present: bool,
    /// Where it was found.
    pub evidence: Vec<Evidence>,
}

/// The share of one language in a document (`Document::languages`).
#[derive(Debug, Clone, Serialize, Default, PartialEq, JsonSchema)]
pub struct LanguageShare {
    /// ISO 639-1 code.
    pub code: String,
    /// Its share of the text's letters, rounded to 2 decimals.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub share: f64,
}
