//! TEMPLATE for a new extractor: copy to `src/extract/NAME.rs` and replace NAME/Thing.
//! (This file is not compiled; see ARCHITECTURE.md, "Add an extractor".)
//!
//! What it finds, in one paragraph, with real examples from policies («…»), and what it does
//! not take (the near misses the tests pin down).

use regex::Regex;

use super::Extraction;
use crate::context::DocContext;
use crate::model::Mention;

const THING: &str = r"(?i)…";

/// This module's compiled patterns and tables, built once by the `Engine` (a field of
/// `extract::Extractors`, never a `static` and never per document). Word lists belong in
/// `data/lexicon/ru/` (read with `crate::lexicon::words`), not in literals here.
pub(super) struct Patterns {
    thing: Regex,
}

impl Patterns {
    pub(super) fn new() -> Self {
        Patterns {
            thing: Regex::new(THING).expect("valid regex"),
        }
    }
}

/// Find every Thing in the document and record it. Work in byte offsets of `ctx.text`;
/// convert to char offsets once, with `ctx.chars`, when a value enters the model.
/// Keep it linear in the text: deduplicate with a HashSet/HashMap keyed once per item, never
/// with `Vec::contains` inside a loop over the hits.
pub(super) fn extract(p: &Patterns, ctx: &DocContext, e: &mut Extraction) {
    let mut seen = std::collections::HashSet::new();
    for m in p.thing.find_iter(ctx.text) {
        let value = normalize(m.as_str());
        let (start, end) = (ctx.char_offset(m.start()), ctx.char_offset(m.end()));
        e.mentions.push(Mention {
            kind: "thing".into(),
            text: m.as_str().to_string(),
            value: value.clone(),
            valid: None,
            start,
            end,
            clause: ctx.clause_at(m.start()),
        });
        if seen.insert(value.clone()) {
            // e.things.push(value);  (add the field to model::Entities; Extraction derefs to it)
        }
    }
}

fn normalize(s: &str) -> String {
    s.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Table-driven: each real phrase and what it must give (or `None` for a near miss).
    #[test]
    fn finds_things() {
        let cases: &[(&str, Option<&str>)] = &[("… real sentence …", Some("value")), ("… near miss …", None)];
        for (text, want) in cases {
            // let ctx = DocContext::new(text, &[], &[]);
            // let mut e = crate::extract::compiled().start(text);
            // extract(&crate::extract::compiled().NAME, &ctx, &mut e);
            let _ = (text, want);
        }
    }
}
