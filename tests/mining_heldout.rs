//! polex on fifteen real policies of ../shared/mining set aside before any tuning and annotated
//! blind (tests/fixtures/mining_heldout: the gold, provenance and the first-run figures; the
//! texts stay in ../shared). Skipped, saying so, when ../shared is absent.

mod common;

use std::path::Path;

#[test]
fn mining_heldout_scores() {
    let corpus = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/mining/corpus"
    ));
    if !corpus.is_dir() {
        println!("skipped: ../shared/mining not found");
        return;
    }
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mining_heldout");
    let (sc, ps) = common::score_with_practices(corpus, &gold, &gold);
    common::print(&sc);
    common::practices::print(&ps);
    assert_eq!(sc.docs, 15);
}
