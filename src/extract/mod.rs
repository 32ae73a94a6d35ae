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
pub(crate) enum Narrowed {
    /// Tried at the shared scan's hits of its source; its triggers are scanned for.
    AtHits(scan::Src, &'static scan::AtCandidates),
    /// Tried at candidates computed from the hits; its triggers are scanned for as the source.
    AtCandidates(
        scan::Src,
        &'static scan::AtCandidates,
        fn(&str, &scan::Hits) -> Vec<usize>,
    ),
    /// Run only inside regions of the text (around a marker every match contains).
    InRegions(&'static regex::Regex, fn(&str) -> Vec<(usize, usize)>),
    /// Triggers without a pattern of their own (read by another entry's candidate function).
    TriggersOnly(scan::Src, Vec<String>),
}

/// One narrowed search of an extractor, in the registry.
pub(crate) struct Registered {
    /// Who searches what, for messages.
    #[cfg_attr(not(test), allow(dead_code))]
    name: &'static str,
    search: Narrowed,
}

impl Registered {
    fn new(name: &'static str, search: Narrowed) -> Self {
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

/// The registry of narrowed searches: every extractor that searches a regex faster than over
/// the whole text lists it here, with how (the scanner itself knows none of them). The shared
/// scan's triggers come from it, and one test checks every entry against the full search.
fn pattern_registry() -> Vec<Registered> {
    let mut r = operator::patterns();
    r.extend(laws::patterns());
    r.extend(consistency::patterns());
    r.extend(dates::patterns());
    r
}

/// The triggers of the shared scan, from [`pattern_registry`].
fn trigger_registry() -> Vec<(scan::Src, Vec<String>)> {
    pattern_registry()
        .iter()
        .filter_map(Registered::triggers)
        .collect()
}

/// The shared scanner, built once per process from [`trigger_registry`].
static SCANNERS: std::sync::LazyLock<scan::Scanners> =
    std::sync::LazyLock::new(|| scan::Scanners::new(trigger_registry()));

/// Candidate starts of every scan source in `text` (one pass for all the extractors).
pub(crate) fn hits(text: &str) -> scan::Hits {
    SCANNERS.hits(text)
}

/// The hits of `out`, scanning `text` first when an extractor runs on its own.
fn ensure_hits<'e>(out: &'e mut Extraction, text: &str) -> &'e scan::Hits {
    if out.hits.is_empty() {
        out.hits = hits(text);
    }
    &out.hits
}

/// Run every extractor over one document. Order matters: the operator and the consistency
/// checks read what the earlier extractors found.
pub fn extract(ctx: &DocContext) -> Extraction {
    let mut e = Extraction {
        hits: hits(ctx.text),
        ..Extraction::default()
    };
    ids::extract(ctx, &mut e);
    contacts::extract(ctx, &mut e);
    address::extract(ctx, &mut e);
    placeholders::extract(ctx, &mut e);
    dates::extract(ctx, &mut e);
    laws::extract(ctx, &mut e);
    operator::extract(ctx, &mut e);
    consistency::check(ctx, &mut e);
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every narrowed search of the registry finds exactly what `captures_iter` over the whole
    /// text finds, on texts made to trip each kind of narrowing.
    #[test]
    fn every_narrowed_search_finds_what_the_full_regex_finds() {
        let registry = pattern_registry();
        assert!(registry.len() >= 10);
        for text in scan::test_texts() {
            let hits = hits(&text);
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
