//! Entity extraction: operator, identifiers, contacts, addresses, template placeholders, dates,
//! laws, consistency.

mod address;
mod consistency;
mod contacts;
mod dates;
pub mod id_types;
mod ids;
mod jurisdiction;
mod laws;
use crate::lexicon;
mod names;
mod near;
mod operator;
mod placeholders;
mod scan;

use crate::context::DocContext;
use crate::language::Lang;
use crate::model::Finding;

pub use crate::model::Entities;

/// Everything extraction found in one document: the entities, the consistency findings, and the
/// scan the extractors shared. Derefs to its [`Entities`] so an extractor writes
/// `out.identifiers.push(..)`.
#[derive(Debug, Default)]
pub struct Extraction {
    /// The entities found.
    pub entities: Entities,
    /// Consistency findings.
    pub findings: Vec<Finding>,
    /// Byte spans of the template placeholders (sorted, disjoint): the operator skips candidates
    /// on them.
    pub(crate) placeholders: Vec<placeholders::Span>,
    /// Trigger positions of the shared scan, computed once per document for the extractors.
    pub(crate) hits: scan::Hits,
}

impl std::ops::Deref for Extraction {
    type Target = Entities;
    fn deref(&self) -> &Entities {
        &self.entities
    }
}

impl std::ops::DerefMut for Extraction {
    fn deref_mut(&mut self) -> &mut Entities {
        &mut self.entities
    }
}

/// How a registered pattern avoids a search of the whole text. (The candidate and region
/// functions are called by the extractors themselves; the registry holds them for the
/// equivalence test.)
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) enum Narrowed<'a> {
    /// Tried at the shared scan's hits of its source; its triggers are scanned for.
    AtHits(scan::Src, &'a scan::AtCandidates),
    /// Tried at candidates computed from the hits; its triggers are scanned for as the source.
    AtCandidates(
        scan::Src,
        &'a scan::AtCandidates,
        fn(&str, &scan::Hits) -> Vec<usize>,
    ),
    /// Run only inside regions of the text (around a marker every match contains).
    InRegions(&'a regex::Regex, fn(&str) -> Vec<(usize, usize)>),
    /// Triggers without a pattern of their own (read by another entry's candidate function).
    TriggersOnly(scan::Src, Vec<String>),
}

/// One narrowed search of an extractor, in the registry.
pub(crate) struct Registered<'a> {
    /// Who searches what, for messages.
    #[cfg_attr(not(test), allow(dead_code))]
    name: &'static str,
    search: Narrowed<'a>,
}

impl<'a> Registered<'a> {
    fn new(name: &'static str, search: Narrowed<'a>) -> Self {
        Registered { name, search }
    }

    /// The triggers this entry has the shared scan look for.
    fn triggers(&self) -> Option<(scan::Src, Vec<String>)> {
        match &self.search {
            Narrowed::AtHits(src, p) | Narrowed::AtCandidates(src, p, _) => {
                Some((*src, p.triggers.clone()))
            }
            Narrowed::TriggersOnly(src, t) => Some((*src, t.clone())),
            Narrowed::InRegions(..) => None,
        }
    }
}

/// Everything extraction builds once per run: each extractor's compiled patterns and tables,
/// and the shared scanner whose triggers come from the registry of narrowed searches. Owned by the
/// [`crate::Engine`] and shared read-only by the threads.
pub struct Extractors {
    ids: ids::Patterns,
    contacts: contacts::Patterns,
    address: address::Patterns,
    placeholders: placeholders::Patterns,
    dates: dates::Patterns,
    laws: laws::Patterns,
    /// The operator's patterns in the base language (Russian).
    operator: operator::Patterns,
    /// The operator's patterns in each other analysed language (its cues and its reading of the
    /// legal forms; the scan triggers are the same).
    operators: Vec<(Lang, operator::Patterns)>,
    consistency: consistency::Patterns,
    scanners: scan::Scanners,
}

impl Extractors {
    /// Compile every extractor's patterns and load their tables.
    pub fn new() -> Self {
        let [base, others @ ..] = lexicon::LANGUAGES else {
            unreachable!("the base language is registered")
        };
        let operator = operator::Patterns::new(base);
        let operators = others
            .iter()
            .map(|f| (f.lang, operator::Patterns::new(f)))
            .collect();
        let laws = laws::Patterns::new();
        let consistency = consistency::Patterns::new();
        let dates = dates::Patterns::new();
        let triggers = registry(&operator, &laws, &consistency, &dates)
            .iter()
            .filter_map(Registered::triggers)
            .collect();
        Extractors {
            ids: ids::Patterns::new(),
            contacts: contacts::Patterns::new(),
            address: address::Patterns::new(),
            placeholders: placeholders::Patterns::new(),
            dates,
            laws,
            operator,
            operators,
            consistency,
            scanners: scan::Scanners::new(triggers),
        }
    }

    /// An empty extraction of `text` with the shared scan's hits (one pass for all the
    /// extractors).
    pub(crate) fn start(&self, text: &str) -> Extraction {
        Extraction {
            hits: self.scanners.hits(text),
            ..Extraction::default()
        }
    }

    /// Run every extractor over one document (in the base language, Russian). Order matters:
    /// the operator and the consistency checks read what the earlier extractors found.
    pub fn extract(&self, ctx: &DocContext) -> Extraction {
        self.extract_in(ctx, Lang::Ru)
    }

    /// Run every extractor over one document written in `lang` (the operator reads it with that
    /// language's cues; the other extractors are the same for every language).
    pub fn extract_in(&self, ctx: &DocContext, lang: Lang) -> Extraction {
        let operator = self
            .operators
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(&self.operator, |(_, p)| p);
        let mut e = self.start(ctx.text);
        ids::extract(&self.ids, ctx, &mut e);
        contacts::extract(&self.contacts, ctx, &mut e);
        address::extract(&self.address, ctx, &mut e);
        placeholders::extract(&self.placeholders, ctx, &mut e);
        dates::extract(&self.dates, ctx, &mut e);
        laws::extract(&self.laws, ctx, &mut e);
        operator::extract(operator, ctx, &mut e);
        consistency::check(&self.consistency, ctx, &mut e);
        e
    }
}

/// The registry of narrowed searches: every extractor that searches a regex faster than over
/// the whole text lists it here, with how (the scanner itself knows none of them). The shared
/// scan's triggers come from it, and one test checks every entry against the full search.
fn registry<'a>(
    operator: &'a operator::Patterns,
    laws: &'a laws::Patterns,
    consistency: &'a consistency::Patterns,
    dates: &'a dates::Patterns,
) -> Vec<Registered<'a>> {
    let mut r = operator::patterns(operator);
    r.extend(laws::patterns(laws));
    r.extend(consistency::patterns(consistency));
    r.extend(dates::patterns(dates));
    r
}

impl Default for Extractors {
    fn default() -> Self {
        Self::new()
    }
}

/// The extractors of the unit tests, built once for all of them.
#[cfg(test)]
pub(crate) fn compiled() -> &'static Extractors {
    static EXTRACTORS: std::sync::LazyLock<Extractors> = std::sync::LazyLock::new(Extractors::new);
    &EXTRACTORS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every narrowed search of the registry finds exactly what `captures_iter` over the whole
    /// text finds, on texts made to trip each kind of narrowing.
    #[test]
    fn every_narrowed_search_finds_what_the_full_regex_finds() {
        let c = compiled();
        let registry = registry(&c.operator, &c.laws, &c.consistency, &c.dates);
        assert!(registry.len() >= 10);
        for text in scan::test_texts() {
            let hits = c.scanners.hits(&text);
            for r in &registry {
                let mut got = Vec::new();
                let pattern = match &r.search {
                    Narrowed::AtHits(src, p) => {
                        p.captures(&text, &hits[*src], |off, c| got.push(scan::spans(&c, off)));
                        p.pattern.as_str()
                    }
                    Narrowed::AtCandidates(_, p, cands) => {
                        p.captures(&text, &cands(&text, &hits), |off, c| {
                            got.push(scan::spans(&c, off))
                        });
                        p.pattern.as_str()
                    }
                    Narrowed::InRegions(re, regions) => {
                        scan::captures_in_regions(re, &text, &regions(&text), |off, c| {
                            got.push(scan::spans(&c, off))
                        });
                        re.as_str()
                    }
                    Narrowed::TriggersOnly(..) => continue,
                };
                assert_eq!(got, scan::full_spans(pattern, &text), "{}", r.name);
            }
        }
    }
}
