//! Raw bytes → decode → analyze, as `polex extract` does it for one file: no panic, no hang;
//! `decode` and `decode_vec` agree, a decoded text is never empty and has no U+FFFD that the
//! input did not spell, and the document keeps the invariants.

#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;
use polex::ingest::decode::{decode, decode_vec};
use polex::pipeline::process_bytes;
use polex::Engine;
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::new);

fuzz_target!(|data: &[u8]| {
    let d = decode(data);
    assert_eq!(d, decode_vec(data.to_vec()), "decode and decode_vec differ");
    let Ok(d) = d else { return };
    assert!(!d.text.trim().is_empty(), "decoded text is blank");
    if d.text.contains('\u{fffd}') {
        // Only a UTF-8/UTF-16 input that spells U+FFFD itself may decode to it.
        assert!(d.encoding.starts_with("UTF"), "U+FFFD from {}", d.encoding);
    }
    if let Ok(doc) = process_bytes(&ENGINE, "fuzz.txt", "fuzz.txt", data) {
        assert_eq!(doc.source.encoding, d.encoding);
        if let Err(e) = invariants::check(&doc) {
            panic!("invariant violated: {e}");
        }
    }
});
