//! Language detection (issue 9 item 5), through the real binary: `language` and `languages` in
//! documents.jsonl and the `language` column of summary.csv, the `unsupported_language` finding
//! (a main language that is not analysed: not ru or en) and `bilingual`, and a bilingual policy
//! analysed on its Russian part with offsets that still point into the canonical text
//! (English policies themselves: tests/english.rs).

mod common;

use std::collections::BTreeMap;
use std::fs;

use common::workdir::{read_jsonl, Workdir};
use serde_json::Value;

const RU: &str = include_str!("fixtures/language/ru.txt");
const KK: &str = include_str!("fixtures/language/kk.txt");
const BE: &str = include_str!("fixtures/language/be.txt");
const UK: &str = include_str!("fixtures/language/uk.txt");
const EN: &str = include_str!("fixtures/language/en.txt");

/// The Russian half of the bilingual policies: an operator and data categories to find.
fn russian_policy() -> String {
    format!(
        "ПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ\n\n\
         1. ОБЩИЕ ПОЛОЖЕНИЯ\n\n\
         1.1. Оператор — ТОО «Мысал», далее — Оператор.\n\n\
         1.2. {RU}\n\n\
         2. СОБИРАЕМЫЕ ДАННЫЕ\n\n\
         2.1. Мы собираем имя, номер телефона и адрес электронной почты пользователя. \
         Геолокация не собирается.\n"
    )
}

fn kazakh_policy() -> String {
    format!(
        "ҚҰПИЯЛЫЛЫҚ САЯСАТЫ\n\n\
         1. ЖАЛПЫ ЕРЕЖЕЛЕР\n\n\
         1.1. {KK}\n\n\
         1.2. Оператор пайдаланушының аты-жөнін және электрондық пошта мекенжайын жинайды.\n\n\
         2. ДЕРБЕС ДЕРЕКТЕР\n\n\
         2.1. {KK}\n"
    )
}

fn english_policy() -> String {
    format!("PRIVACY POLICY\n\n1. GENERAL\n\n1.1. {EN}\n\n1.2. {EN}\n\n2. DATA\n\n2.1. {EN}\n")
}

/// Run `polex extract` on `files` and give back documents.jsonl by file name, and the
/// `language` column of summary.csv by id.
fn run(files: &[(&str, String)]) -> (BTreeMap<String, Value>, BTreeMap<String, String>) {
    let wd = Workdir::new();
    fs::create_dir_all(wd.join("in")).unwrap();
    for (name, text) in files {
        fs::write(wd.join("in").join(name), text).unwrap();
    }
    wd.run(&["extract", "in", "--out", "out", "--quiet"])
        .expect(0);
    let docs = read_jsonl(&wd.join("out/documents.jsonl"))
        .into_iter()
        .map(|d| (d["id"].as_str().unwrap().to_string(), d))
        .collect();
    let mut rdr = csv::Reader::from_path(wd.join("out/summary.csv")).unwrap();
    let col = rdr.headers().unwrap().iter().position(|h| h == "language");
    let col = col.expect("summary.csv has a language column");
    let summary = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[col].to_string())
        })
        .collect();
    (docs, summary)
}

fn codes(d: &Value) -> Vec<&str> {
    d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .filter(|c| matches!(*c, "unsupported_language" | "bilingual"))
        .collect()
}

fn finding<'a>(d: &'a Value, code: &str) -> &'a Value {
    d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {}", d["findings"]))
}

fn listed(d: &Value) -> Vec<(&str, f64)> {
    d["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["code"].as_str().unwrap(), l["share"].as_f64().unwrap()))
        .collect()
}

/// Every evidence span of the practices and every entity span point at its own text in
/// `text` (char offsets into the canonical text), and all lie at or after `from`.
fn assert_spans_in_russian_part(d: &Value, from: usize) {
    let text: Vec<char> = d["text"].as_str().unwrap().chars().collect();
    let mut n = 0;
    for field in ["data_categories", "purposes", "rights", "recipients"] {
        for p in d[field].as_array().unwrap() {
            for e in p["evidence"].as_array().unwrap() {
                let (s, t) = (
                    e["start"].as_u64().unwrap() as usize,
                    e["end"].as_u64().unwrap(),
                );
                let got: String = text[s..t as usize].iter().collect();
                assert_eq!(got, e["text"].as_str().unwrap(), "{field}");
                assert!(s >= from, "{field} evidence {got:?} at {s}, before {from}");
                n += 1;
            }
        }
    }
    assert!(n > 0, "no evidence at all");
    let op = &d["operator"];
    let s = op["start"].as_u64().unwrap() as usize;
    let got: String = text[s..op["end"].as_u64().unwrap() as usize]
        .iter()
        .collect();
    assert_eq!(got, op["as_written"].as_str().unwrap());
    assert!(s >= from);
}

#[test]
fn each_language_is_named_and_a_foreign_one_is_reported() {
    let (docs, summary) = run(&[
        ("ru.txt", russian_policy()),
        ("kk.txt", kazakh_policy()),
        ("be.txt", format!("{BE}\n\n{BE}\n")),
        ("uk.txt", format!("{UK}\n\n{UK}\n")),
        ("en.txt", english_policy()),
        (
            "digits.txt",
            "1.1. 2024-01-01\n+7 (495) 123-45-67 — № 5, §7\n".into(),
        ),
    ]);
    let cases = [
        ("ru.txt", Some(("ru", "Russian"))),
        ("kk.txt", Some(("kk", "Kazakh"))),
        ("be.txt", Some(("be", "Belarusian"))),
        ("uk.txt", Some(("uk", "Ukrainian"))),
        ("en.txt", Some(("en", "English"))),
        ("digits.txt", None),
    ];
    for (file, want) in cases {
        let d = &docs[file];
        match want {
            None => {
                assert_eq!(d["language"], Value::Null, "{file}");
                assert!(listed(d).is_empty(), "{file}");
                assert!(codes(d).is_empty(), "{file}");
                assert_eq!(summary[file], "", "{file}");
            }
            Some((code, name)) => {
                assert_eq!(d["language"], code, "{file}");
                assert_eq!(listed(d), [(code, 1.0)], "{file}");
                assert_eq!(summary[file], code, "{file}");
                // the analysed languages (ru, en) are read without a finding
                if code == "ru" || code == "en" {
                    assert!(codes(d).is_empty(), "{file}: {:?}", codes(d));
                } else {
                    assert_eq!(codes(d), ["unsupported_language"], "{file}");
                    let msg = finding(d, "unsupported_language")["message"]
                        .as_str()
                        .unwrap();
                    assert_eq!(
                        msg,
                        format!(
                            "main language is {name} ({code}, 1.00 of the text); \
                             extraction is tuned for Russian"
                        ),
                        "{file}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_bilingual_policy_is_analysed_on_its_russian_part() {
    let ru = russian_policy();
    let kk_ru = format!("{}\n{ru}", kazakh_policy());
    let ru_en = format!("{ru}\nPRIVACY POLICY\n\n{EN}\n");
    let (docs, summary) = run(&[("kk_ru.txt", kk_ru.clone()), ("ru_en.txt", ru_en)]);

    // RU/KK: both listed, largest first, shares of 2 decimals adding up to 1.
    let d = &docs["kk_ru.txt"];
    let langs = listed(d);
    let mut got: Vec<&str> = langs.iter().map(|l| l.0).collect();
    got.sort();
    assert_eq!(got, ["kk", "ru"], "{langs:?}");
    assert!(langs[0].1 >= langs[1].1);
    assert!((langs[0].1 + langs[1].1 - 1.0).abs() < 0.015, "{langs:?}");
    assert_eq!(d["language"], langs[0].0);
    assert_eq!(summary["kk_ru.txt"], langs[0].0);
    let b = finding(d, "bilingual");
    let msg = b["message"].as_str().unwrap();
    assert!(msg.starts_with("the Kazakh (kk, 0."), "{msg}");
    assert!(msg.contains("the Russian part (ru, 0."), "{msg}");
    // the clauses of the Kazakh half are listed (numbers repeat in the Russian half)
    assert_eq!(
        b["clauses"],
        serde_json::json!(["1", "1.1", "1.2", "2", "2.1"])
    );
    if langs[0].0 == "kk" {
        let msg = finding(d, "unsupported_language")["message"]
            .as_str()
            .unwrap();
        assert!(msg.contains("; only the Russian part (0."), "{msg}");
    }
    // the Russian part's operator and practices are found, in the Russian half, and the
    // Kazakh half gives nothing
    let ru_from = kk_ru.find("ПОЛИТИКА").unwrap();
    let ru_from = kk_ru[..ru_from].chars().count();
    assert_eq!(d["operator"]["legal_form"], "ТОО");
    assert_eq!(d["operator"]["name"], "Мысал");
    let cats: Vec<&str> = d["data_categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for id in ["email", "phone", "full_name", "geolocation"] {
        assert!(cats.contains(&id), "{id} not in {cats:?}");
    }
    assert_spans_in_russian_part(d, ru_from);
    // the canonical text is whole: the Kazakh half is still in it
    assert!(d["text"].as_str().unwrap().contains("ҚҰПИЯЛЫЛЫҚ"));

    // RU/EN: Russian first, English listed, no unsupported_language.
    let d = &docs["ru_en.txt"];
    let langs = listed(d);
    assert_eq!(langs[0].0, "ru", "{langs:?}");
    assert_eq!(langs[1].0, "en", "{langs:?}");
    assert_eq!(d["language"], "ru");
    assert_eq!(summary["ru_en.txt"], "ru");
    assert_eq!(codes(d), ["bilingual"]);
    let msg = finding(d, "bilingual")["message"].as_str().unwrap();
    assert!(msg.starts_with("the English (en, 0."), "{msg}");
    assert_eq!(d["operator"]["name"], "Мысал");
    assert_spans_in_russian_part(d, 0);
    let en_from = d["text"].as_str().unwrap().find("PRIVACY POLICY").unwrap();
    let en_from = d["text"].as_str().unwrap()[..en_from].chars().count();
    for c in d["data_categories"].as_array().unwrap() {
        for e in c["evidence"].as_array().unwrap() {
            assert!(e["start"].as_u64().unwrap() < en_from as u64, "{e}");
        }
    }
}

#[test]
fn the_bundled_russian_policies_are_russian_without_findings() {
    let wd = Workdir::new();
    wd.seeds("in");
    wd.run(&["extract", "in", "--out", "out", "--quiet"])
        .expect(0);
    let docs = read_jsonl(&wd.join("out/documents.jsonl"));
    assert_eq!(docs.len(), 5);
    for d in &docs {
        assert_eq!(d["language"], "ru", "{}", d["id"]);
        let langs = listed(d);
        assert_eq!(langs.len(), 1, "{}: {langs:?}", d["id"]);
        assert!(langs[0].1 >= 0.95, "{}: {langs:?}", d["id"]);
        assert!(codes(d).is_empty(), "{}: {:?}", d["id"], codes(d));
    }
}
