//! Data-category micro-F1 on the held-out policies (tests/fixtures/heldout, ours, always
//! present), computed exactly as `score.py` does: per document, the set of non-negated category
//! ids against the gold set in `hNN.json`. The rules were not tuned on these texts when they were
//! written; they are the check that the classifier generalizes beyond the dev set.
//!
//! `POLEX_DEBUG=1 cargo test --test heldout_practices -- --nocapture` prints the rule trace of
//! every missed or extra category.

use std::collections::BTreeSet;
use std::path::Path;

use polex::model::Document;

/// The acceptance bar for the held-out set.
const BAR: f64 = 0.85;

fn gold_categories(json: &str) -> BTreeSet<String> {
    let v: serde_json::Value = serde_json::from_str(json).expect("gold json");
    v["data_categories"]
        .as_array()
        .expect("data_categories array")
        .iter()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect()
}

#[test]
fn data_categories_micro_f1_on_heldout() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout");
    let engine = polex::Engine::new();
    let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
    let mut golds: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/heldout")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    golds.sort();
    assert!(golds.len() >= 6, "held-out gold files missing: {golds:?}");
    for gold_path in &golds {
        let stem = gold_path.file_stem().unwrap().to_string_lossy().to_string();
        let gold = gold_categories(&std::fs::read_to_string(gold_path).unwrap());
        let text = std::fs::read_to_string(dir.join(format!("{stem}.txt")))
            .unwrap_or_else(|e| panic!("{stem}.txt: {e}"));
        let doc = engine.analyze(&text, Document::default());
        let pred: BTreeSet<String> = doc
            .data_categories
            .iter()
            .filter(|c| !c.negated)
            .map(|c| c.id.clone())
            .collect();
        let extra: Vec<_> = pred.difference(&gold).collect();
        let lost: Vec<_> = gold.difference(&pred).collect();
        tp += pred.intersection(&gold).count();
        fp += extra.len();
        fnn += lost.len();
        if !extra.is_empty() || !lost.is_empty() {
            println!("{stem}: extra {extra:?} lost {lost:?}");
            if std::env::var_os("POLEX_DEBUG").is_some() {
                let ctx = polex::context::DocContext::new(&doc.text, &doc.clauses, &[]);
                for l in polex::classify::trace(&engine.taxonomy, &ctx) {
                    if lost
                        .iter()
                        .chain(&extra)
                        .any(|c| l.starts_with(&format!("{c} ")))
                    {
                        println!("    {l}");
                    }
                }
            }
        }
    }
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        1.0
    };
    let r = if tp + fnn > 0 {
        tp as f64 / (tp + fnn) as f64
    } else {
        1.0
    };
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!("data_categories: tp {tp} fp {fp} fn {fnn} precision {p:.3} recall {r:.3} f1 {f1:.3}");
    assert!(
        f1 >= BAR,
        "held-out data_categories micro-F1 {f1:.3} below {BAR}"
    );
}
