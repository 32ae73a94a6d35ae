//! The invariants the fuzz targets check (tests/support), on every corpus text and every text
//! under ../shared: offsets, clause tree, evidence inside its clause, and re-readable output.

#[path = "support/emit_check.rs"]
mod emit_check;
#[path = "support/invariants.rs"]
mod invariants;

use polex::Engine;
use std::path::{Path, PathBuf};

fn texts() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = [root.join("corpus"), root.join("../shared")]
        .iter()
        .flat_map(walkdir::WalkDir::new)
        .filter_map(|e| e.ok().map(|e| e.into_path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn real_texts_keep_the_invariants() {
    let engine = Engine::new();
    let emitters = emit_check::Emitters::new(&engine.taxonomy);
    let files = texts();
    let mut wrong = Vec::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let doc = engine.analyze(&text, polex::model::SourceInfo::default());
        for r in [invariants::check(&doc), emitters.check(&doc)] {
            if let Err(e) = r {
                wrong.push(format!("{}: {e}", path.display()));
            }
        }
    }
    println!("{} texts checked, {} violations", files.len(), wrong.len());
    assert!(files.len() >= 5);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
