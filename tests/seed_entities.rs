//! The five seed policies (corpus/): operator, date, laws, jurisdiction and consistency
//! findings, exactly.

use polex::Engine;

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
        let doc = engine.analyze(&text, polex::model::SourceInfo::default());
        let got_op = doc
            .entities
            .operator
            .as_ref()
            .map(|o| (o.legal_form.as_deref(), o.name.as_str()));
        assert_eq!(got_op, op, "{name} operator");
        assert_eq!(doc.entities.effective_date.as_deref(), date, "{name} date");
        assert_eq!(doc.entities.laws, laws, "{name} laws");
        assert_eq!(
            doc.entities.jurisdiction.as_deref(),
            jur,
            "{name} jurisdiction"
        );
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
