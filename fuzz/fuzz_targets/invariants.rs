//! Arbitrary text → analyze → the structural invariants of the document (tests/support/
//! invariants.rs): offsets inside the text on char boundaries, clause start ≤ end and in order,
//! every parent and reference exists, items, sentences and evidence inside their clause.

#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;
use polex::Engine;
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::new);

fuzz_target!(|data: &[u8]| {
    // Any bytes as text: the valid UTF-8 prefix is kept as it is, the rest lossily.
    let text = String::from_utf8_lossy(data);
    let doc = ENGINE.analyze(&text, polex::model::SourceInfo::default());
    if let Err(e) = invariants::check(&doc) {
        panic!("invariant violated: {e}");
    }
});
