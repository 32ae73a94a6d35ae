//! English, the second analysed language (ARCHITECTURE.md, *Add a language*): the policies of
//! `tests/fixtures/en/` against their gold (`gold.json`), field by field; an English policy with a
//! Russian part read on its English part; and Russian texts classified exactly as before.

use std::collections::BTreeSet;
use std::path::Path;

use polex::model::{Document, SourceInfo};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn analyze(engine: &polex::Engine, text: &str) -> Value {
    let doc: Document = engine.analyze(text, SourceInfo::default());
    serde_json::to_value(&doc).unwrap()
}

/// The ids of a practice list, `!` after a negated one.
fn ids(d: &Value, field: &str) -> BTreeSet<String> {
    d[field]
        .as_array()
        .unwrap_or_else(|| panic!("{field}"))
        .iter()
        .map(|p| {
            let neg = if p["negated"] == true { "!" } else { "" };
            format!("{}{neg}", p["id"].as_str().unwrap())
        })
        .collect()
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn flag(d: &Value, field: &str) -> Value {
    d[field]
        .as_object()
        .map_or(Value::Null, |o| o["present"].clone())
}

#[test]
fn english_policies_match_their_gold() {
    let dir = Path::new(ROOT).join("tests/fixtures/en");
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let gold = gold.as_object().unwrap();
    assert_eq!(gold.len(), 3);
    let engine = polex::Engine::new();
    for (file, want) in gold {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let d = analyze(&engine, &text);
        assert_eq!(d["language"], "en", "{file}");
        assert!(
            d["findings"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["code"] != "unsupported_language" && f["code"] != "bilingual"),
            "{file}: {}",
            d["findings"]
        );
        // the operator: legal form and name (the name without case: a title may be in capitals)
        let op = &d["operator"];
        let got = (
            op["legal_form"].as_str().unwrap_or("-"),
            op["name"].as_str().unwrap_or("-").to_lowercase(),
        );
        let w = &want["operator"];
        let w = (
            w[0].as_str().unwrap(),
            w[1].as_str().unwrap().to_lowercase(),
        );
        assert_eq!(got, w, "{file}: operator");
        for field in ["emails", "phones", "websites"] {
            assert_eq!(strings(&d[field]), strings(&want[field]), "{file}: {field}");
        }
        let dates: BTreeSet<String> = d["dates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["value"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(dates, strings(&want["dates"]), "{file}: dates");
        for field in [
            "data_categories",
            "purposes",
            "recipients",
            "rights",
            "special_categories",
        ] {
            assert_eq!(ids(&d, field), strings(&want[field]), "{file}: {field}");
        }
        let retention: Vec<(String, Value)> = d["retention"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["kind"].as_str().unwrap().to_string(), r["days"].clone()))
            .collect();
        let want_retention: Vec<(String, Value)> = want["retention"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r[0].as_str().unwrap().to_string(), r[1].clone()))
            .collect();
        assert_eq!(retention, want_retention, "{file}: retention");
        assert_eq!(
            d["cross_border"]["status"], want["cross_border"],
            "{file}: cross_border"
        );
        for field in ["cookies", "automated_decisions"] {
            assert_eq!(flag(&d, field), want[field], "{file}: {field}");
        }
    }
}

/// The retention terms expected of a sentence: (kind, days).
type Terms = &'static [(&'static str, Option<u64>)];

/// Period phrasings of English retention clauses, one sentence each: (text, kind, days).
#[test]
fn english_retention_periods() {
    let engine = polex::Engine::new();
    let cases: &[(&str, Terms)] = &[
        (
            "We keep your personal data for 3 years after the end of the contract.",
            &[("period", Some(1095))],
        ),
        (
            "Server logs are stored for a period of 30 days and then deleted.",
            &[("period", Some(30))],
        ),
        (
            "Invoices are retained for six months.",
            &[("period", Some(183))],
        ),
        (
            "Backups are kept for no longer than 2 weeks.",
            &[("period", Some(14))],
        ),
        (
            "Your data is retained until you withdraw your consent.",
            &[("until_consent_withdrawn", None)],
        ),
        (
            "We store your profile for as long as your account is active.",
            &[("until_account_deleted", None)],
        ),
        (
            "We store personal data no longer than necessary for the purposes of processing.",
            &[("until_purpose_achieved", None)],
        ),
        // a deadline to answer, not a retention term
        ("We will respond to your request within 30 days.", &[]),
    ];
    for (sentence, want) in cases {
        let text = format!("PRIVACY POLICY\n\n1. Retention\n\n1.1. {sentence}\n");
        let d = analyze(&engine, &text);
        let got: Vec<(String, Option<u64>)> = d["retention"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["kind"].as_str().unwrap().to_string(), r["days"].as_u64()))
            .collect();
        let want: Vec<(String, Option<u64>)> =
            want.iter().map(|(k, n)| (k.to_string(), *n)).collect();
        assert_eq!(got, want, "{sentence}");
    }
}

/// Polarity: «we do not …» negates what it governs, up to «except».
#[test]
fn english_negation() {
    let engine = polex::Engine::new();
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "We collect your name and email address. We do not collect your location.",
            "data_categories",
            &["full_name", "email", "geolocation!"],
        ),
        (
            "We never sell your personal data to advertisers.",
            "recipients",
            &["advertising_service!"],
        ),
        (
            "We do not share your data with third parties except our hosting providers.",
            "recipients",
            &["third_party!", "hosting_provider"],
        ),
    ];
    for (sentence, field, want) in cases {
        let text = format!("PRIVACY POLICY\n\n1. Data\n\n1.1. {sentence}\n");
        let d = analyze(&engine, &text);
        let want: BTreeSet<String> = want.iter().map(|s| s.to_string()).collect();
        assert_eq!(ids(&d, field), want, "{sentence}");
    }
}

/// An English policy with a Russian part is read on its English part: the Russian lines are
/// blanked, the finding names the English part as the one analysed.
#[test]
fn an_english_policy_with_a_russian_part_is_read_in_english() {
    let en = std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/en/acme.txt")).unwrap();
    let ru = "ПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ\n\n1. Мы собираем номер паспорта и дату рождения пользователя.\n";
    let text = format!("{en}\n{ru}");
    let d = analyze(&polex::Engine::new(), &text);
    assert_eq!(d["language"], "en");
    let codes: Vec<&str> = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"unsupported_language"), "{codes:?}");
    let b = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "bilingual")
        .expect("bilingual");
    let msg = b["message"].as_str().unwrap();
    assert!(msg.starts_with("the Russian (ru, 0."), "{msg}");
    assert!(msg.contains("the English part (en, 0."), "{msg}");
    let cats = ids(&d, "data_categories");
    assert!(
        cats.contains("email") && cats.contains("payment_data"),
        "{cats:?}"
    );
    assert!(
        !cats.contains("passport_data") && !cats.contains("birth_date"),
        "{cats:?}"
    );
}

/// Russian documents are read as before the English lexicon came: the seed policies' practices
/// and entities are those of the committed outputs/documents.jsonl.
#[test]
fn russian_seed_policies_are_unchanged() {
    let engine = polex::Engine::new();
    let committed =
        std::fs::read_to_string(Path::new(ROOT).join("outputs/documents.jsonl")).unwrap();
    let mut n = 0;
    for line in committed.lines() {
        let want: Value = serde_json::from_str(line).unwrap();
        let source = want["source"].as_str().unwrap();
        let text = std::fs::read_to_string(Path::new(ROOT).join(source)).unwrap();
        let got = analyze(&engine, &text);
        assert_eq!(got["language"], "ru", "{source}");
        for field in [
            "findings",
            "operator",
            "organizations",
            "emails",
            "phones",
            "dates",
            "data_categories",
            "purposes",
            "recipients",
            "rights",
            "retention",
            "cross_border",
            "cookies",
            "automated_decisions",
            "special_categories",
        ] {
            assert_eq!(got[field], want[field], "{source}: {field}");
        }
        n += 1;
    }
    assert_eq!(n, 5);
}
