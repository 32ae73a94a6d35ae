//! Golden facts about the five seed policies in corpus/, written by reading them.

use std::path::Path;

use polex::model::{Document, FindingCode, OperatorKind, OrgRole};

fn analyze(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    polex::pipeline::process_bytes(&polex::Engine::new(), name, name, &bytes).unwrap()
}

fn numbers(doc: &Document) -> Vec<&str> {
    doc.layout
        .clauses
        .iter()
        .map(|c| c.number.as_str())
        .collect()
}

fn headings(doc: &Document) -> Vec<(&str, &str)> {
    doc.layout
        .clauses
        .iter()
        .filter_map(|c| c.heading.as_deref().map(|h| (c.number.as_str(), h)))
        .collect()
}

#[test]
fn seed_000_clauses() {
    let d = analyze("000_73a257b880c7e22b.txt");
    assert_eq!(
        numbers(&d),
        [
            "1", "1.1", "1.2", "2", "2.1", "2.2", "3", "3.1", "4", "4.1", "4.2", "5", "5.1", "5.2",
            "6", "6.1", "6.2", "7", "8", "8.1", "8.2", "9", "9.1", "9.2", "10", "11"
        ]
    );
    assert_eq!(
        d.layout.title.as_deref(),
        Some("ПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ")
    );
    assert_eq!(headings(&d)[1], ("2", "СОБИРАЕМЫЕ ДАННЫЕ"));
    assert_eq!(headings(&d).len(), 11);
    // 4.2 was broken over a blank line: rejoined
    let c42 = d.layout.clauses.iter().find(|c| c.number == "4.2").unwrap();
    assert!(c42
        .text
        .contains("и не передаёт личную информацию третьим лицам."));
    assert_eq!(c42.sentences.len(), 1);
    // the four data items of 2.1 are items, not clauses
    let c21 = d.layout.clauses.iter().find(|c| c.number == "2.1").unwrap();
    assert_eq!(c21.items.len(), 4);
    assert!(d.layout.text.contains("на сайте https://balloons.pro."));
    assert!(d
        .findings
        .iter()
        .all(|f| !f.code.as_str().starts_with("numbering")));
}

#[test]
fn seed_001_clauses() {
    let d = analyze("001_cb24ce415d48bd3d.txt");
    assert_eq!(
        numbers(&d),
        [
            "1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2", "2.1", "3", "3.1", "3.2", "3.3",
            "3.4", "4", "4.1", "4.2", "5", "5.1", "5.2", "5.3", "6", "6.1", "6.2", "7", "7.1",
            "7.2", "8", "8.1"
        ]
    );
    // "5. … понимаются:" is a sentence clause, not a heading; "5.3 Иная" has no trailing dot
    let c5 = d.layout.clauses.iter().find(|c| c.number == "5").unwrap();
    assert_eq!(c5.heading, None);
    assert_eq!(headings(&d)[0], ("1", "Общие условия"));
    // the lone ">" line of section 6 is gone
    assert!(!d.layout.text.lines().any(|l| l.trim() == ">"));
}

#[test]
fn seed_002_clauses() {
    let d = analyze("002_0681662037774052.txt");
    assert_eq!(
        numbers(&d),
        [
            "1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3", "3.1", "3.2",
            "3.3", "3.4", "4", "5", "6"
        ]
    );
    // "1)" … "5)" are items of 1.2, never clauses
    let c12 = d.layout.clauses.iter().find(|c| c.number == "1.2").unwrap();
    assert_eq!(c12.items.len(), 5);
    assert_eq!(c12.items[3].marker, "4)");
    assert_eq!(
        d.layout.clauses[1].heading.as_deref(),
        Some("Данные, которые мы получаем от третьих лиц")
    );
}

#[test]
fn seed_003_clauses() {
    let d = analyze("003_639c2b80767c9640.txt");
    let n = numbers(&d);
    assert_eq!(n.len(), 78);
    assert_eq!(
        &n[..12],
        [
            "1", "1.1", "1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.7", "1.1.8",
            "1.1.9", "2"
        ]
    );
    assert!(n.contains(&"4.1.10"));
    assert_eq!(n.last(), Some(&"9.3"));
    // markdown bold is gone from the canonical text
    assert!(!d.layout.text.contains("**"));
    // inline references resolved
    let c34 = d.layout.clauses.iter().find(|c| c.number == "3.4").unwrap();
    assert_eq!(c34.refs, ["5.2", "5.3"]);
    let c621 = d
        .layout
        .clauses
        .iter()
        .find(|c| c.number == "6.2.1")
        .unwrap();
    assert_eq!(c621.refs, ["4"]);
    // the postal code in the preamble is not a clause
    assert!(d
        .layout
        .preamble
        .as_ref()
        .unwrap()
        .text
        .contains("410000, г. Саратов"));
    let depth3 = d.layout.clauses.iter().filter(|c| c.depth == 3).count();
    assert_eq!(depth3, 35);
}

#[test]
fn seed_004_clauses() {
    let d = analyze("004_70490eff7b97fe22.txt");
    assert_eq!(
        numbers(&d),
        [
            "1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2", "2.1", "2.2", "3", "3.1", "3.2",
            "3.3", "3.4", "4", "4.1", "5", "5.1", "5.2", "6", "6.1", "6.2", "6.3"
        ]
    );
    let c21 = d.layout.clauses.iter().find(|c| c.number == "2.1").unwrap();
    assert_eq!(c21.items.len(), 7);
    assert_eq!(
        headings(&d)[1],
        ("2", "Цели обработки персональной информации Пользователей.")
    );
    assert!(!d.layout.text.contains("**"));
}

/// Identifiers with validity, contacts and addresses of every seed, written by reading them.
#[test]
fn seed_entities() {
    fn ids(d: &Document) -> Vec<(&str, &str, bool)> {
        d.entities
            .identifiers
            .iter()
            .map(|i| (i.kind.as_str(), i.value.as_str(), i.valid))
            .collect()
    }
    let d = analyze("000_73a257b880c7e22b.txt");
    assert_eq!(
        ids(&d),
        [
            ("inn", "615419608656", true),
            ("settlement_account", "40802810520000549924", true),
            ("bik", "044525104", true),
            ("corr_account", "30101810745374525104", true),
        ]
    );
    // labelled «ИИН» in the preamble: kept, typed by checksum, reported
    assert_eq!(d.entities.identifiers[0].label.as_deref(), Some("ИИН"));
    assert!(d
        .findings
        .iter()
        .any(|f| f.code == FindingCode::IdLabelMismatch));
    assert_eq!(d.entities.emails, ["support@balloons.pro"]);
    assert!(d.entities.phones.is_empty());
    assert_eq!(d.entities.websites, ["baloons.pro", "balloons.pro"]);
    assert_eq!(d.entities.addresses.len(), 1);
    assert_eq!(d.entities.addresses[0].city.as_deref(), Some("Краснодар"));
    assert_eq!(d.entities.addresses[0].country.as_deref(), Some("RU"));
    let op = d.entities.operator.as_ref().unwrap();
    assert_eq!(op.kind, OperatorKind::IndividualEntrepreneur);
    assert_eq!(
        op.as_written,
        "индивидуальному предпринимателю Лукашенко Игорю Игоревичу"
    );
    assert!(d
        .entities
        .organizations
        .iter()
        .any(|o| o.name == "Банк Точка" && o.role == OrgRole::Bank));

    let d = analyze("001_cb24ce415d48bd3d.txt");
    assert!(ids(&d).is_empty());
    assert_eq!(d.entities.emails, ["cactus24team@gmail.com"]);
    assert_eq!(d.entities.websites, ["flirt-master.ru"]);
    assert_eq!(
        d.entities.operator.as_ref().unwrap().as_written,
        "Обществом с ограниченной ответственностью «КАКТУС24»"
    );

    let d = analyze("002_0681662037774052.txt");
    assert!(ids(&d).is_empty());
    assert_eq!(d.entities.emails, ["support@flussonic.com"]);
    assert_eq!(d.entities.websites, ["flussonic.kz"]);
    assert_eq!(
        d.entities.operator.as_ref().unwrap().country.as_deref(),
        Some("KZ")
    );

    let d = analyze("003_639c2b80767c9640.txt");
    assert!(ids(&d).is_empty());
    assert_eq!(d.entities.emails, ["dokaclub@ya.ru"]);
    assert_eq!(d.entities.websites, ["bigio.ru"]);
    let a = &d.entities.addresses[0];
    assert_eq!(a.postal_code.as_deref(), Some("410000"));
    assert_eq!(a.city.as_deref(), Some("Саратов"));
    assert_eq!(a.building.as_deref(), Some("109"));

    let d = analyze("004_70490eff7b97fe22.txt");
    assert!(
        d.entities.operator.is_none(),
        "«администратор сайта ALLJUS.RU» is no operator"
    );
    assert!(d.entities.emails.is_empty() && d.entities.phones.is_empty());
    assert_eq!(d.entities.websites, ["alljus.ru"]);
}
