//! The five seed policies (corpus/): data categories with polarity, rights, retention,
//! recipients and flags, exactly.

use std::collections::BTreeSet;
use std::path::Path;

use polex::model::Document;

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
        engine.analyze(&text, polex::model::SourceInfo::default())
    };
    let cats = |d: &Document| -> BTreeSet<String> {
        d.practices
            .data_categories
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
        let ai = d
            .practices
            .automated_decisions
            .as_ref()
            .is_some_and(|f| f.present);
        assert_eq!(
            ai,
            *prefix == "000_",
            "AI flag of seed {prefix}: {:?}",
            d.practices.automated_decisions
        );
        assert!(
            d.practices.cookies.as_ref().is_some_and(|f| f.present),
            "cookies flag of seed {prefix}"
        );
    }
    let d = load("002_");
    let rights: BTreeSet<String> = d
        .practices
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
        .practices
        .retention
        .iter()
        .any(|r| r.kind == polex::model::RetentionKind::UntilPurposeAchieved));
    assert!(d
        .practices
        .recipients
        .iter()
        .any(|r| r.id == "state_authority"));
}
