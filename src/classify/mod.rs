//! Data-practice classification against a taxonomy loaded from data files.
//!
//! The taxonomy (`data/taxonomy/*.tsv`, embedded) lists for every data category, purpose,
//! recipient, right, special category and flag its Russian surface forms and its W3C DPV IRI.
//! All forms are compiled once into one automaton over stem sequences (the `matcher` module), so one form
//! covers the case endings Russian puts on it. Each hit is then read in its text unit (sentence,
//! list item with its introducing sentence, heading): negated («не собираются», «Мы НЕ продаём»),
//! a definition, a purpose, the content of a request, a contact line, or a plain statement.

mod matcher;
mod rules;
mod taxonomy;

pub use taxonomy::{Entry, Kind, TaxonomyError};

use crate::context::DocContext;

/// The built-in taxonomy files, in the order their entries are listed.
const BUILTIN: &[(&str, &str)] = &[
    (
        "data/taxonomy/categories.tsv",
        include_str!("../../data/taxonomy/categories.tsv"),
    ),
    (
        "data/taxonomy/purposes.tsv",
        include_str!("../../data/taxonomy/purposes.tsv"),
    ),
    (
        "data/taxonomy/recipients.tsv",
        include_str!("../../data/taxonomy/recipients.tsv"),
    ),
    (
        "data/taxonomy/rights.tsv",
        include_str!("../../data/taxonomy/rights.tsv"),
    ),
    (
        "data/taxonomy/other.tsv",
        include_str!("../../data/taxonomy/other.tsv"),
    ),
];

/// The taxonomy: categories, purposes, recipients, rights with their surface forms, and the
/// automaton compiled from them.
#[derive(Debug, Default, Clone)]
pub struct Taxonomy {
    entries: Vec<Entry>,
    matcher: matcher::Matcher,
    /// The classifier's word lists and compiled rules (shared by the clones).
    rules: std::sync::Arc<rules::Lexicon>,
}

impl Taxonomy {
    /// SHA-256 (hex) of every entry in order (kind, id, name, DPV IRI, forms): equal for two
    /// taxonomies that classify alike, whatever files they were read from. `run.json` records
    /// it; `--since` reuses results only under the same one.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for e in &self.entries {
            let line = format!(
                "{:?}\t{}\t{}\t{}\t{}\n",
                e.kind,
                e.id,
                e.name.as_deref().unwrap_or("-"),
                e.dpv.as_deref().unwrap_or("-"),
                e.forms.join("|")
            );
            h.update(line.as_bytes());
        }
        crate::emit::commit::hex(&h.finalize())
    }

    /// The taxonomy shipped in `data/taxonomy/`.
    pub fn builtin() -> Self {
        Self::try_builtin().expect("built-in taxonomy parses")
    }

    fn try_builtin() -> Result<Self, TaxonomyError> {
        let mut entries = Vec::new();
        for (origin, text) in BUILTIN {
            taxonomy::merge_entries(&mut entries, taxonomy::parse_entries(text, origin)?);
        }
        Ok(Self::from_entries(entries))
    }

    /// Parse a user taxonomy file (one TSV with a `kind` column; see `data/taxonomy/README.md`).
    /// `origin` names the file in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Taxonomy, TaxonomyError> {
        Ok(Self::from_entries(taxonomy::parse_entries(text, origin)?))
    }

    fn from_entries(entries: Vec<Entry>) -> Self {
        let matcher = matcher::Matcher::build(&entries);
        Taxonomy {
            entries,
            matcher,
            rules: std::sync::Arc::new(rules::Lexicon::new()),
        }
    }

    /// Extend with `other`: new ids are added, an existing id gets the new forms.
    pub fn merge(&mut self, other: Taxonomy) {
        let mut entries = std::mem::take(&mut self.entries);
        taxonomy::merge_entries(&mut entries, other.entries);
        *self = Self::from_entries(entries);
    }

    /// All entries in taxonomy order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    fn ids_of(&self, kind: Kind) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for e in &self.entries {
            if e.kind == kind && !out.contains(&e.id.as_str()) {
                out.push(&e.id);
            }
        }
        out
    }

    /// Data-category ids in taxonomy order (the matrix columns).
    pub fn category_ids(&self) -> Vec<&str> {
        self.ids_of(Kind::Category)
    }

    /// Purpose ids in taxonomy order.
    pub fn purpose_ids(&self) -> Vec<&str> {
        self.ids_of(Kind::Purpose)
    }

    /// Recipient ids in taxonomy order.
    pub fn recipient_ids(&self) -> Vec<&str> {
        self.ids_of(Kind::Recipient)
    }

    /// Right ids in taxonomy order.
    pub fn right_ids(&self) -> Vec<&str> {
        self.ids_of(Kind::Right)
    }

    /// Special-category ids in taxonomy order.
    pub fn special_ids(&self) -> Vec<&str> {
        self.ids_of(Kind::Special)
    }
}

/// Everything classification found in one document.
pub use crate::model::Practices;

/// Classify the practices of one document.
///
/// A context without units (text that did not go through the segmenter) is segmented first, so
/// the scopes of polarity always come from the one segmenter.
pub fn classify(tax: &Taxonomy, ctx: &DocContext) -> Practices {
    with_units(tax, ctx, |ctx| rules::classify(tax, ctx))
}

fn with_units<T>(tax: &Taxonomy, ctx: &DocContext, f: impl FnOnce(&DocContext) -> T) -> T {
    if !ctx.units.is_empty() || ctx.text.trim().is_empty() {
        return f(ctx);
    }
    let seg = tax.rules.segmenter.segment(ctx.text);
    f(&DocContext::new(ctx.text, &seg.clauses, &seg.units))
}

/// Every mention the rules saw, with its weight, polarity and unit (for debugging the rules).
#[doc(hidden)]
pub fn trace(tax: &Taxonomy, ctx: &DocContext) -> Vec<String> {
    with_units(tax, ctx, |ctx| rules::trace(tax, ctx))
}

#[cfg(test)]
mod tests;
