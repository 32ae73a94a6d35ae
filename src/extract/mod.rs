//! Entity extraction: operator, identifiers, contacts, addresses, dates, laws, consistency.

mod address;
mod consistency;
mod contacts;
mod dates;
mod ids;
mod laws;
use crate::lexicon;
mod names;
mod near;
mod operator;
mod scan;

use crate::context::DocContext;
use crate::model::{Address, DateMention, Finding, Identifier, Mention, Operator, Organization};

/// Everything extraction found in one document.
#[derive(Debug, Default)]
pub struct Entities {
    pub operator: Option<Operator>,
    pub organizations: Vec<Organization>,
    pub identifiers: Vec<Identifier>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub websites: Vec<String>,
    pub addresses: Vec<Address>,
    pub effective_date: Option<String>,
    pub dates: Vec<DateMention>,
    pub laws: Vec<String>,
    pub jurisdiction: Option<String>,
    pub mentions: Vec<Mention>,
    pub findings: Vec<Finding>,
    /// Trigger positions of the shared scan, computed once per document for the extractors.
    pub(crate) hits: scan::Hits,
}

/// Run every extractor over one document. Order matters: the operator and the consistency
/// checks read what the earlier extractors found.
pub fn extract(ctx: &DocContext) -> Entities {
    let mut e = Entities {
        hits: scan::hits(ctx.text),
        ..Entities::default()
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
