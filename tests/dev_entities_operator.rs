//! Operator and effective-date accuracy on the development corpus (../shared/dev), compared the way
//! ../shared/dev/score.py compares them. Skips when the corpus is absent.

use std::path::Path;

use polex::model::Document;
use polex::Engine;

/// score.py's norm_text: lower case, ё→е, quotes removed, spaces around dots removed.
fn norm_text(s: Option<&str>) -> String {
    let s = s.unwrap_or("").to_lowercase().replace('ё', "е");
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, '«' | '»' | '"' | '“' | '”' | '„' | '\'' | '`'))
        .collect();
    let mut out = String::new();
    for part in s.split('.') {
        if !out.is_empty() || s.starts_with('.') {
            out = out.trim_end().to_string();
            out.push('.');
        }
        out.push_str(part.trim_start());
    }
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    out.trim_matches(|c| c == ' ' || c == '.').to_string()
}

#[test]
fn operator_and_date_accuracy_on_dev() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/dev");
    if !Path::new(root).exists() {
        println!("skipped: ../shared not found");
        return;
    }
    let engine = Engine::new();
    let (mut n, mut op_ok, mut date_ok) = (0, 0, 0);
    for i in 1..=25 {
        let key = format!("d{i:03}");
        let text = std::fs::read_to_string(format!("{root}/corpus/{key}.txt")).unwrap();
        let gold: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{root}/gold/{key}.json")).unwrap(),
        )
        .unwrap();
        let doc = engine.analyze(&text, Document::default());
        n += 1;

        let gop = &gold["operator"];
        let (pform, pname) = doc.operator.as_ref().map_or((None, None), |o| {
            (o.legal_form.as_deref(), Some(o.name.as_str()))
        });
        let ok = if gop.is_null() {
            norm_text(pname).is_empty()
        } else {
            norm_text(pname) == norm_text(gop["name"].as_str())
                && norm_text(pform) == norm_text(gop["legal_form"].as_str())
        };
        op_ok += ok as usize;
        if !ok {
            println!("{key} operator: got {pform:?} {pname:?}, want {gop}");
        }

        let gdate = gold["effective_date"].as_str();
        let ok = doc.effective_date.as_deref() == gdate;
        date_ok += ok as usize;
        if !ok {
            println!(
                "{key} effective_date: got {:?}, want {gdate:?}",
                doc.effective_date
            );
        }
    }
    let op_acc = op_ok as f64 / n as f64;
    let date_acc = date_ok as f64 / n as f64;
    println!("operator accuracy {op_ok}/{n} = {op_acc:.3}");
    println!("effective_date accuracy {date_ok}/{n} = {date_acc:.3}");
    assert!(op_acc >= 0.9, "operator accuracy {op_acc:.3} < 0.9");
    assert!(
        date_acc >= 0.9,
        "effective_date accuracy {date_acc:.3} < 0.9"
    );
}

#[test]
fn norm_text_matches_score_py() {
    assert_eq!(norm_text(Some("Албу В. Г.")), norm_text(Some("албу в.г.")));
    assert_eq!(norm_text(Some("ЦТТ «Эталон»")), "цтт эталон");
    assert_eq!(norm_text(Some("Семёнов")), "семенов");
    assert_eq!(norm_text(None), "");
}
