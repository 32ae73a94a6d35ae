//! Data-category micro-F1 on the development corpus (../shared/dev), computed exactly as
//! `score.py` does: per document, the set of non-negated category ids against the gold set.

use std::collections::BTreeSet;
use std::path::Path;

use polex::model::Document;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared");

/// The acceptance bar of issue 4.
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
fn data_categories_micro_f1_on_dev() {
    let dev = Path::new(SHARED).join("dev");
    if !dev.is_dir() {
        println!("skipped: ../shared not found");
        return;
    }
    let engine = polex::Engine::new();
    let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
    let mut names: Vec<_> = std::fs::read_dir(dev.join("corpus"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no dev documents");
    for path in &names {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let gold_path = dev.join("gold").join(format!("{stem}.json"));
        let Ok(gold_json) = std::fs::read_to_string(&gold_path) else {
            continue;
        };
        let gold = gold_categories(&gold_json);
        let text = std::fs::read_to_string(path).unwrap();
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
                    if lost.iter().any(|c| l.starts_with(&format!("{c} "))) {
                        println!("    - {l}");
                    }
                }
                for c in doc
                    .data_categories
                    .iter()
                    .filter(|c| extra.contains(&&c.id))
                {
                    for e in &c.evidence {
                        let line = doc.text.lines().find(|l| l.contains(&e.text)).unwrap_or("");
                        let line: String = line.chars().take(200).collect();
                        println!("    + {} [{}] neg={} | {}", c.id, e.text, e.negated, line);
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
    assert!(f1 >= BAR, "data_categories micro-F1 {f1:.3} below {BAR}");
}

/// The user's five seed policies (corpus/, always present): exact data categories with polarity,
/// the rights of seed 002, and the AI flag only where AI is named (seed 000).
#[test]
fn seed_policies_practices() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let engine = polex::Engine::new();
    let load = |prefix: &str| -> Document {
        let path = std::fs::read_dir(&corpus)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
            })
            .unwrap_or_else(|| panic!("seed {prefix} in corpus/"));
        let text = std::fs::read_to_string(path).unwrap();
        engine.analyze(&text, Document::default())
    };
    let cats = |d: &Document| -> BTreeSet<String> {
        d.data_categories
            .iter()
            .map(|c| format!("{}{}", c.id, if c.negated { "!" } else { "" }))
            .collect()
    };
    let set = |ids: &[&str]| -> BTreeSet<String> { ids.iter().map(|s| s.to_string()).collect() };
    let expected: &[(&str, &[&str])] = &[
        (
            "000_",
            &[
                "full_name",
                "phone",
                "email",
                "photo",
                "order_data",
                "payment_data",
                "ip_address",
                "cookies",
                "device_info",
                "messages",
                "geolocation!",
                "messenger_id!",
            ],
        ),
        (
            "001_",
            &[
                "full_name",
                "gender",
                "phone",
                "email",
                "marital_status",
                "birth_date",
                "birth_place",
                "family_info",
                "postal_address",
                "education",
                "job_info",
                "ip_address",
                "cookies",
                "device_info",
                "usage_data",
            ],
        ),
        (
            "002_",
            &[
                "email",
                "phone",
                "ip_address",
                "cookies",
                "device_info",
                "usage_data",
                "geolocation",
                "advertising_id",
            ],
        ),
        (
            "003_",
            &[
                "full_name",
                "phone",
                "email",
                "postal_address",
                "ip_address",
                "cookies",
                "usage_data",
            ],
        ),
        ("004_", &["cookies", "usage_data"]),
    ];
    for (prefix, ids) in expected {
        let d = load(prefix);
        assert_eq!(cats(&d), set(ids), "data categories of seed {prefix}");
        let ai = d.automated_decisions.as_ref().is_some_and(|f| f.present);
        assert_eq!(
            ai,
            *prefix == "000_",
            "AI flag of seed {prefix}: {:?}",
            d.automated_decisions
        );
        assert!(
            d.cookies.as_ref().is_some_and(|f| f.present),
            "cookies flag of seed {prefix}"
        );
    }
    let d = load("002_");
    let rights: BTreeSet<String> = d
        .rights
        .iter()
        .filter(|r| !r.negated)
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(
        rights,
        set(&[
            "access",
            "rectification",
            "erasure",
            "blocking",
            "objection",
            "restriction",
            "unsubscribe"
        ])
    );
    assert!(d
        .retention
        .iter()
        .any(|r| r.kind == "until_purpose_achieved"));
    assert!(d.recipients.iter().any(|r| r.id == "state_authority"));
}
