//! The synthetic corpus of the benchmarks and load tests (`tests/support/synthetic.rs`):
//! deterministic, nested, sized, every perturbation present.

#[path = "support/synthetic.rs"]
mod synthetic;

use std::path::Path;
use synthetic::{generate_corpus, renumber};

fn seeds() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(
        t.path().join("a.txt"),
        "ПОЛИТИКА\n\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n\n1.1. Текст пункта один.\n\n1.2. Текст пункта два.\n\n2. ДАННЫЕ\n\n2.1. Имя, телефон.\n\n2.2. Адрес.\n",
    )
    .unwrap();
    std::fs::write(t.path().join("skip.md"), "not a seed").unwrap();
    t
}

fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn deterministic_nested_and_sized() {
    let s = seeds();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (n1, b1) = generate_corpus(s.path(), a.path(), 300_000, 7).unwrap();
    let (n2, b2) = generate_corpus(s.path(), b.path(), 300_000, 7).unwrap();
    assert_eq!((n1, b1), (n2, b2));
    assert!(b1 >= 300_000 && n1 > 1000, "{n1} files, {b1} bytes");
    let la = listing(a.path());
    assert_eq!(la, listing(b.path()));
    assert_eq!(la.len(), n1);
    assert_eq!(la.iter().map(|(_, d)| d.len() as u64).sum::<u64>(), b1);
    assert!(la.iter().any(|(p, _)| p.starts_with("p001/b0/")));

    // Each perturbation shows up somewhere, and some files are not UTF-8 (windows-1251).
    let utf8: Vec<String> = la
        .iter()
        .filter_map(|(_, d)| String::from_utf8(d.clone()).ok())
        .collect();
    assert!(utf8.len() < la.len() && utf8.len() > la.len() / 2);
    for needle in [
        "\r\n",
        "\u{a0}",
        "**",
        "\n\n\n\n",
        "Редакция от",
        "3. ДАННЫЕ",
    ] {
        assert!(utf8.iter().any(|t| t.contains(needle)), "{needle:?}");
    }
    // Every file decodes.
    for (p, d) in &la {
        polex::ingest::decode::decode(d).unwrap_or_else(|e| panic!("{p}: {e}"));
    }
    // A different seed gives a different corpus.
    let c = tempfile::tempdir().unwrap();
    generate_corpus(s.path(), c.path(), 300_000, 8).unwrap();
    assert_ne!(listing(c.path()), la);
}

#[test]
fn renumbers_top_level_only() {
    let mut p = "3.2. Текст\n12. ДАННЫЕ\nстрока 5. нет\n2024 год".to_string();
    renumber(&mut p, 2);
    assert_eq!(p, "5.2. Текст\n14. ДАННЫЕ\nстрока 5. нет\n2024 год");
}

#[test]
fn no_seeds_is_an_error() {
    let t = tempfile::tempdir().unwrap();
    assert!(generate_corpus(t.path(), &t.path().join("out"), 10, 1).is_err());
}
