//! TEMPLATE for a new extractor: copy to `src/extract/NAME.rs` and replace NAME/Thing.
//! (This file is not compiled; see ARCHITECTURE.md, "Add an extractor".)
//!
//! What it finds, in one paragraph, with real examples from policies («…»), and what it does
//! not take (the near misses the tests pin down).

use std::sync::LazyLock;

use regex::Regex;

use super::Extraction;
use crate::context::DocContext;
use crate::model::Mention;

/// The pattern, compiled once per process (never per document). Word lists belong in
/// `data/lexicon/ru/` (read with `crate::lexicon::words`), not in literals here.
static THING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)…").expect("valid regex"));

/// Find every Thing in the document and record it. Work in byte offsets of `ctx.text`;
/// convert to char offsets once, with `ctx.chars`, when a value enters the model.
/// Keep it linear in the text: deduplicate with a HashSet/HashMap keyed once per item, never
/// with `Vec::contains` inside a loop over the hits.
pub fn extract(ctx: &DocContext, e: &mut Extraction) {
    let mut seen = std::collections::HashSet::new();
    for m in THING.find_iter(ctx.text) {
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
            let _ = (text, want); // run the extractor on a DocContext built from `text`
        }
    }
}
