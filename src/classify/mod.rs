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
use crate::language::Lang;
use crate::lexicon::LanguageFiles;

/// The taxonomy: categories, purposes, recipients, rights with their surface forms, and the
/// automaton compiled from them, in the base language (Russian), with one translation per other
/// analysed language ([`crate::lexicon::LANGUAGES`]).
#[derive(Debug, Default, Clone)]
pub struct Taxonomy {
    entries: Vec<Entry>,
    matcher: matcher::Matcher,
    /// The classifier's word lists and compiled rules (shared by the clones).
    rules: std::sync::Arc<rules::Lexicon>,
    /// The other analysed languages: the same entries in the same order (so a hit's entry index
    /// names the same id), with that language's forms, matcher and lexicon.
    translations: Vec<(Lang, std::sync::Arc<Taxonomy>)>,
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
        for (lang, t) in &self.translations {
            for e in t.entries.iter().filter(|e| !e.forms.is_empty()) {
                let line = format!(
                    "{}\t{:?}\t{}\t{}\n",
                    lang.code(),
                    e.kind,
                    e.id,
                    e.forms.join("|")
                );
                h.update(line.as_bytes());
            }
        }
        crate::emit::commit::hex(&h.finalize())
    }

    /// The taxonomy shipped in `data/taxonomy/`.
    pub fn builtin() -> Self {
        Self::try_builtin().expect("built-in taxonomy parses")
    }

    fn try_builtin() -> Result<Self, TaxonomyError> {
        Ok(Self::from_entries(read_files(
            &crate::lexicon::LANGUAGES[0],
        )?))
    }

    /// Parse a user taxonomy file (one TSV with a `kind` column; see `data/taxonomy/README.md`).
    /// `origin` names the file in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Taxonomy, TaxonomyError> {
        Ok(Self::from_entries(taxonomy::parse_entries(text, origin)?))
    }

    /// The taxonomy of `entries` in the base language, with the built-in forms of every other
    /// analysed language for the entries they share (kind, id, name).
    fn from_entries(entries: Vec<Entry>) -> Self {
        let [base, others @ ..] = crate::lexicon::LANGUAGES else {
            unreachable!("the base language is registered")
        };
        let translations = others
            .iter()
            .map(|files| {
                let forms = read_files(files).expect("built-in taxonomy parses");
                let aligned = entries
                    .iter()
                    .map(|e| {
                        let mut t = e.clone();
                        t.forms = forms
                            .iter()
                            .filter(|f| (f.kind, &f.id, &f.name) == (e.kind, &e.id, &e.name))
                            .flat_map(|f| f.forms.iter().cloned())
                            .collect();
                        t
                    })
                    .collect();
                (
                    files.lang,
                    std::sync::Arc::new(Self::in_one(aligned, files)),
                )
            })
            .collect();
        Taxonomy {
            translations,
            ..Self::in_one(entries, base)
        }
    }

    /// The taxonomy of `entries` read by the lexicon of one language.
    fn in_one(entries: Vec<Entry>, files: &'static LanguageFiles) -> Self {
        let matcher = matcher::Matcher::build(&entries, files.cues, files.stemmer);
        Taxonomy {
            entries,
            matcher,
            rules: std::sync::Arc::new(rules::Lexicon::new(files)),
            translations: Vec::new(),
        }
    }

    /// The taxonomy as read in `lang`: its translation, or this one (the base language's) when
    /// `lang` has none.
    pub fn in_language(&self, lang: Lang) -> &Taxonomy {
        self.translations
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(self, |(_, t)| t)
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

/// The entries of a language's taxonomy files, merged in file order.
fn read_files(files: &LanguageFiles) -> Result<Vec<Entry>, TaxonomyError> {
    let mut entries = Vec::new();
    for (origin, text) in files.taxonomy {
        taxonomy::merge_entries(&mut entries, taxonomy::parse_entries(text, origin)?);
    }
    Ok(entries)
}

/// Classify the practices of one document (in the base language, Russian).
///
/// A context without units (text that did not go through the segmenter) is segmented first, so
/// the scopes of polarity always come from the one segmenter.
pub fn classify(tax: &Taxonomy, ctx: &DocContext) -> Practices {
    classify_in(tax, ctx, Lang::Ru)
}

/// Classify the practices of one document written in `lang` (an analysed language's forms and
/// lexicon; the base language's for any other).
pub fn classify_in(tax: &Taxonomy, ctx: &DocContext, lang: Lang) -> Practices {
    let tax = tax.in_language(lang);
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
