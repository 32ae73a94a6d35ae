//! Entity extraction: operator, identifiers, contacts, addresses, template placeholders, dates,
//! laws, consistency.

mod address;
mod consistency;
mod contacts;
mod dates;
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
use crate::model::{Address, DateMention, Finding, Identifier, Mention, Operator, Organization};

/// Everything extraction found in one document.
#[derive(Debug, Default)]
pub struct Entities {
    /// The operator, if named.
    pub operator: Option<Operator>,
    /// Other organisations named.
    pub organizations: Vec<Organization>,
    /// Identifiers with their checksum verdict.
    pub identifiers: Vec<Identifier>,
    /// E-mails, deduplicated.
    pub emails: Vec<String>,
    /// Phones (digits with country code), deduplicated.
    pub phones: Vec<String>,
    /// Hosts, deduplicated.
    pub websites: Vec<String>,
    /// Postal addresses.
    pub addresses: Vec<Address>,
    /// The date in force.
    pub effective_date: Option<String>,
    /// Every date, with its role.
    pub dates: Vec<DateMention>,
    /// Laws cited.
    pub laws: Vec<String>,
    /// The jurisdiction by vote.
    pub jurisdiction: Option<String>,
    /// Every mention (entities.jsonl rows).
    pub mentions: Vec<Mention>,
    /// Consistency findings.
    pub findings: Vec<Finding>,
    /// Byte spans of the template placeholders (sorted, disjoint): the operator skips candidates
    /// on them.
    pub(crate) placeholders: Vec<placeholders::Span>,
    /// Trigger positions of the shared scan, computed once per document for the extractors.
    pub(crate) hits: scan::Hits,
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
fn ensure_hits<'e>(out: &'e mut Entities, text: &str) -> &'e scan::Hits {
    if out.hits.is_empty() {
        out.hits = hits(text);
    }
    &out.hits
}

/// Run every extractor over one document. Order matters: the operator and the consistency
/// checks read what the earlier extractors found.
pub fn extract(ctx: &DocContext) -> Entities {
    let mut e = Entities {
        hits: hits(ctx.text),
        ..Entities::default()
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
