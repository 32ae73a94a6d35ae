//! Raw bytes through the readers of structured formats, as `polex extract` reads a `.docx`,
//! `.pdf`, `.html` or `.md` file: no panic, no hang, no unbounded unpacking; a document read is
//! a valid one (the invariants of `tests/support/invariants.rs`), a failure is a `DocError`.
//! The first byte picks the format, so one corpus covers the four readers (seed it with the
//! fixtures of `tests/fixtures/formats/`, each prefixed by its format byte: see README,
//! Fuzzing).

#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;
use polex::pipeline::process_bytes;
use polex::Engine;
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::new);

const NAMES: [&str; 4] = ["fuzz.docx", "fuzz.pdf", "fuzz.html", "fuzz.md"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[pick as usize % NAMES.len()];
    if let Ok(doc) = process_bytes(&ENGINE, name, name, bytes) {
        if let Err(e) = invariants::check(&doc) {
            panic!("invariant violated ({name}): {e}");
        }
    }
});
