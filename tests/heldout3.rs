//! polex on twenty-three real policies from public repositories that polex had never seen,
//! annotated blind (tests/fixtures/heldout3: the gold, provenance, tools and judgement calls).
//! The gold was committed before polex was run on them: the first run of this test is the
//! estimate for new text. The texts are not in the repository: they are read from
//! `$POLEX_HELDOUT3` or ../shared/heldout3/corpus, and the test skips, saying so, without them.

mod common;

use std::path::PathBuf;

#[test]
fn heldout3_scores() {
    let corpus = std::env::var_os("POLEX_HELDOUT3")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../shared/heldout3/corpus"
            ))
        });
    if !corpus.is_dir() {
        println!(
            "skipped: the heldout3 texts are not here ({}; set POLEX_HELDOUT3)",
            corpus.display()
        );
        return;
    }
    let gold = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout3");
    let sc = common::score_dir(&corpus, &gold);
    common::print(&sc);
    assert_eq!(sc.docs, 23);
    // Floors: the first run (README) for the contact fields and dates, the figures after the
    // fixes made from the set's first-run misses for categories and operators (a regression
    // test, not the bars).
    assert!(
        sc.identifiers.f1() >= 0.94,
        "identifiers {:.3}",
        sc.identifiers.f1()
    );
    for (name, p) in [
        ("emails", sc.emails),
        ("phones", sc.phones),
        ("websites", sc.websites),
    ] {
        assert!(p.f1() >= 0.99, "{name} F1 {:.3}", p.f1());
    }
    assert!(
        sc.data_categories.f1() >= 0.87,
        "data categories F1 {:.3}",
        sc.data_categories.f1()
    );
    assert!(sc.operator >= 21, "operators {}", sc.operator);
    assert!(sc.effective_date >= 22, "dates {}", sc.effective_date);
    assert!(sc.clause_count >= 17, "clause counts {}", sc.clause_count);
    assert!(
        sc.top_level_clauses >= 19,
        "top-level clauses {}",
        sc.top_level_clauses
    );
}
