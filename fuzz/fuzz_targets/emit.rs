//! A document from arbitrary text through every output format, in both CSV profiles
//! (tests/support/emit_check.rs): each JSONL line is valid JSON, each CSV fragment re-reads with
//! the header's number of fields. The first line of the input is the document id, so ids with
//! quotes, delimiters and control characters are covered too.

#![no_main]

#[path = "../../tests/support/emit_check.rs"]
mod emit_check;

use libfuzzer_sys::fuzz_target;
use polex::model::SourceInfo;
use polex::Engine;
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::new);
static EMITTERS: LazyLock<emit_check::Emitters> =
    LazyLock::new(|| emit_check::Emitters::new(&ENGINE.taxonomy));

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (id, text) = input.split_once('\n').unwrap_or(("", &input));
    let meta = SourceInfo {
        id: id.to_string(),
        source: id.to_string(),
        encoding: "UTF-8".into(),
        ..Default::default()
    };
    let doc = ENGINE.analyze(text, meta);
    if let Err(e) = EMITTERS.check(&doc) {
        panic!("emitted output does not re-read: {e}");
    }
});
