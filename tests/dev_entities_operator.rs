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

        for f in &doc.findings {
            println!("{key} finding {}: {}", f.code, f.message);
        }
        if let Some(o) = &doc.operator {
            println!(
                "{key} operator {:?} {:?} as_written {:?} country {:?}; laws {:?} jurisdiction {:?}",
                o.legal_form, o.name, o.as_written, o.country, doc.laws, doc.jurisdiction
            );
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

/// The five seed policies (corpus/ in the repository): operator, date, laws, jurisdiction and
/// findings exactly.
#[test]
fn seeds_exactly() {
    type Want = (
        &'static str,
        Option<(Option<&'static str>, &'static str)>,
        Option<&'static str>,
        &'static [&'static str],
        Option<&'static str>,
        &'static [&'static str],
    );
    let want: [Want; 5] = [
        (
            "000_73a257b880c7e22b",
            Some((Some("ИП"), "Лукашенко Игорь Игоревич")),
            Some("2025-10-06"),
            &["152-ФЗ"],
            Some("RU"),
            &["domain_mismatch"],
        ),
        (
            "001_cb24ce415d48bd3d",
            Some((Some("ООО"), "КАКТУС24")),
            None,
            &[],
            Some("RU"),
            &["operator_name_conflict"],
        ),
        (
            "002_0681662037774052",
            Some((Some("ТОО"), "Видеорешения")),
            None,
            &[],
            Some("KZ"),
            &[],
        ),
        (
            "003_639c2b80767c9640",
            Some((Some("ИП"), "Волконская Анжелика Николаевна")),
            None,
            &[],
            Some("RU"),
            &["jurisdiction_conflict", "brand_conflict"],
        ),
        (
            "004_70490eff7b97fe22",
            None,
            None,
            &["152-ФЗ"],
            Some("RU"),
            &[],
        ),
    ];
    let engine = Engine::new();
    for (name, op, date, laws, jur, findings) in want {
        let path = format!("{}/corpus/{name}.txt", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = engine.analyze(&text, Document::default());
        let got_op = doc
            .operator
            .as_ref()
            .map(|o| (o.legal_form.as_deref(), o.name.as_str()));
        assert_eq!(got_op, op, "{name} operator");
        assert_eq!(doc.effective_date.as_deref(), date, "{name} date");
        assert_eq!(doc.laws, laws, "{name} laws");
        assert_eq!(doc.jurisdiction.as_deref(), jur, "{name} jurisdiction");
        let entity_codes = [
            "operator_name_conflict",
            "domain_mismatch",
            "jurisdiction_conflict",
            "brand_conflict",
        ];
        let got: Vec<&str> = doc
            .findings
            .iter()
            .map(|f| f.code.as_str())
            .filter(|c| entity_codes.contains(c))
            .collect();
        assert_eq!(got, findings, "{name} findings: {:?}", doc.findings);
    }
}
