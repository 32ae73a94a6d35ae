//! Entity extraction: operator, identifiers, contacts, addresses, dates, laws, consistency.

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

/// The registry of scan triggers: every extractor that finds its candidates through the shared
/// scan lists its triggers here (the scanner itself knows none of them).
fn trigger_registry() -> Vec<(scan::Src, Vec<String>)> {
    let mut r = operator::triggers();
    r.extend(laws::triggers());
    r.extend(consistency::triggers());
    r
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
    dates::extract(ctx, &mut e);
    laws::extract(ctx, &mut e);
    operator::extract(ctx, &mut e);
    consistency::check(ctx, &mut e);
    e
}
