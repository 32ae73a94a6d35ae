//! The jurisdiction: a weighted vote over the countries a text points to (the evidence is
//! gathered by the laws extractor: laws cited, legislation named, courts, identifiers, addresses,
//! site domains), and the `jurisdiction_conflict` finding when laws, legislation or courts of
//! different countries are named.

use crate::context::DocContext;
use crate::dedup::Unique;
use crate::model::{Finding, FindingCode};

/// One piece of evidence for a country, in byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryEvidence {
    /// ISO code of the country.
    pub country: &'static str,
    /// `law`, `legislation`, `court`, `id`, `address`, `domain`.
    pub kind: &'static str,
    /// Byte offset of the evidence.
    pub start: usize,
    /// How much it counts.
    pub weight: u32,
}

/// The country with the most weight; ties go to the one named first.
pub fn vote(evidence: &[CountryEvidence]) -> Option<String> {
    let mut tally: Vec<(&str, u32, usize)> = Vec::new();
    for (i, e) in evidence.iter().enumerate() {
        match tally.iter_mut().find(|t| t.0 == e.country) {
            Some(t) => t.1 += e.weight,
            None => tally.push((e.country, e.weight, i)),
        }
    }
    tally
        .into_iter()
        .max_by_key(|t| (t.1, std::cmp::Reverse(t.2)))
        .map(|t| t.0.to_string())
}

/// `jurisdiction_conflict` when laws, legislation or courts of more than one country are named.
pub fn conflict(ctx: &DocContext, evidence: &[CountryEvidence]) -> Option<Finding> {
    let strong: Vec<&CountryEvidence> = evidence
        .iter()
        .filter(|e| matches!(e.kind, "law" | "legislation" | "court"))
        .collect();
    let mut countries: Vec<&str> = Vec::new();
    for e in &strong {
        if !countries.contains(&e.country) {
            countries.push(e.country);
        }
    }
    if countries.len() < 2 {
        return None;
    }
    let mut clauses = Unique::default();
    let mut parts = Vec::new();
    for c in &countries {
        let mut kinds: Vec<&str> = Vec::new();
        for e in strong.iter().filter(|e| e.country == *c) {
            clauses.extend(ctx.clause_at(e.start));
            if !kinds.contains(&e.kind) {
                kinds.push(e.kind);
            }
        }
        parts.push(format!("{c} ({})", kinds.join(", ")));
    }
    Some(Finding {
        code: FindingCode::JurisdictionConflict,
        message: format!(
            "the text points to more than one country: {}",
            parts.join(" vs ")
        ),
        clauses: clauses.into_vec(),
    })
}
