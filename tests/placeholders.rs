//! Template placeholders (issue 9.7): a policy made from a template and never filled in gives
//! one `unfilled_placeholder` finding per blank, and no operator, identifier, e-mail, phone or
//! website taken from a blank. Run as the real binary.

use std::fs;

use serde_json::Value;

mod common;
use common::workdir::{read_jsonl, Workdir};

/// A policy as a template generator leaves it: every requisite a blank, one real value (the
/// bank's site) among them.
const TEMPLATE: &str = "\
ПОЛИТИКА В ОТНОШЕНИИ ОБРАБОТКИ ПЕРСОНАЛЬНЫХ ДАННЫХ

1. ОБЩИЕ ПОЛОЖЕНИЯ

1.1. Настоящая Политика определяет порядок обработки персональных данных пользователей сайта example.com (далее — Сайт).

1.2. Оператором персональных данных является ООО «Название» (ИНН 0000000000, ОГРН [ОГРН]), адрес: <адрес>.

1.3. Политика действует с «__» ____________ 20__ г.

2. ОБРАБАТЫВАЕМЫЕ ДАННЫЕ

2.1. Оператор обрабатывает фамилию, имя, адрес электронной почты и номер телефона.

2.2. Оплата проходит через сервис банка, сайт banki-partner.ru.

3. КОНТАКТЫ

3.1. Вопросы об обработке данных направляйте по адресу info@site.ru или по телефону +7 (XXX) XXX-XX-XX.

3.2. Ответственный за обработку: Иванов Иван Иванович, телефон +7 (000) 000-00-00, e-mail: email@example.com.

3.3. Реквизиты: ИНН ХХХХХХХХХХ, КПП ____________, р/с 00000000000000000000.
";

fn run_on(text: &str) -> Value {
    let t = Workdir::new();
    fs::create_dir(t.join("in")).unwrap();
    fs::write(t.join("in/template.txt"), text).unwrap();
    t.run(&["extract", "in", "--out", "out", "--quiet"])
        .expect(0);
    let docs = read_jsonl(&t.join("out/documents.jsonl"));
    assert_eq!(docs.len(), 1);
    docs.into_iter().next().unwrap()
}

fn placeholder_findings(doc: &Value) -> Vec<(String, Vec<String>)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "unfilled_placeholder")
        .map(|f| {
            let clauses = f["clauses"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect();
            (f["message"].as_str().unwrap().to_string(), clauses)
        })
        .collect()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

#[test]
fn a_template_policy_gives_its_blanks_and_no_entity_from_them() {
    let doc = run_on(TEMPLATE);
    let got = placeholder_findings(&doc);
    let want: Vec<(String, Vec<String>)> = [
        ("example.com", "1.1"),
        ("ООО «Название»", "1.2"),
        ("ИНН 0000000000", "1.2"),
        ("[ОГРН]", "1.2"),
        ("<адрес>", "1.2"),
        ("«____»", "1.3"),
        ("info@site.ru", "3.1"),
        ("+7 (XXX) XXX-XX-XX", "3.1"),
        ("Иванов Иван Иванович", "3.2"),
        ("+7 (000) 000-00-00", "3.2"),
        ("email@example.com", "3.2"),
        ("ИНН ХХХХХХХХХХ", "3.3"),
        ("КПП ____", "3.3"),
        ("р/с 00000000000000000000", "3.3"),
    ]
    .iter()
    .map(|(p, c)| {
        (
            format!("unfilled template placeholder «{p}» in clause {c}"),
            vec![c.to_string()],
        )
    })
    .collect();
    assert_eq!(got, want);

    // Nothing is taken from a blank; the one real value stays.
    assert!(doc["operator"].is_null(), "{}", doc["operator"]);
    assert_eq!(doc["identifiers"], Value::Array(vec![]));
    assert_eq!(strings(&doc["emails"]), Vec::<&str>::new());
    assert_eq!(strings(&doc["phones"]), Vec::<&str>::new());
    assert_eq!(strings(&doc["websites"]), ["banki-partner.ru"]);
    for org in doc["organizations"].as_array().unwrap() {
        assert_ne!(org["name"], "Название", "{org}");
    }
    // No other finding is made about the blanks (checksums, domains).
    for f in doc["findings"].as_array().unwrap() {
        let code = f["code"].as_str().unwrap();
        assert!(
            code == "unfilled_placeholder" || code.starts_with("numbering"),
            "{f}"
        );
    }
}

#[test]
fn the_same_blank_twice_is_one_finding_naming_both_clauses() {
    let doc = run_on(
        "ПОЛИТИКА\n\n1. Оператор — [название компании].\n\n2. Сведения об операторе: [название компании], ИНН ________.\n\n3. Вопросы: ИНН ____.\n",
    );
    let got = placeholder_findings(&doc);
    assert_eq!(
        got,
        [
            (
                "unfilled template placeholder «[название компании]» in clauses 1, 2".to_string(),
                vec!["1".to_string(), "2".to_string()]
            ),
            (
                "unfilled template placeholder «ИНН ____» in clauses 2, 3".to_string(),
                vec!["2".to_string(), "3".to_string()]
            ),
        ]
    );
}

#[test]
fn a_filled_in_policy_has_no_placeholder() {
    let filled = TEMPLATE
        .replace("email@example.com", "dpo@romashka.ru")
        .replace("example.com", "romashka.ru")
        .replace("ООО «Название»", "ООО «Ромашка»")
        .replace("ИНН 0000000000", "ИНН 7707083893")
        .replace("[ОГРН]", "1027700132195")
        .replace("<адрес>", "г. Москва, ул. Вавилова, д. 19")
        .replace("«__» ____________ 20__ г.", "1 марта 2024 г.")
        .replace("info@site.ru", "info@romashka.ru")
        .replace("+7 (XXX) XXX-XX-XX", "+7 (495) 500-55-50")
        .replace("Иванов Иван Иванович", "Орлов Дмитрий Дмитриевич")
        .replace("+7 (000) 000-00-00", "+7 (926) 537-02-00")
        .replace(
            "ИНН ХХХХХХХХХХ, КПП ____________, р/с 00000000000000000000",
            "ИНН 7707083893, КПП 773601001",
        );
    let doc = run_on(&filled);
    assert_eq!(placeholder_findings(&doc), []);
    assert_eq!(doc["operator"]["name"], "Ромашка");
    assert_eq!(
        strings(&doc["emails"]),
        ["info@romashka.ru", "dpo@romashka.ru"]
    );
    assert_eq!(strings(&doc["phones"]), ["74955005550", "79265370200"]);
    assert!(strings(&doc["websites"]).contains(&"romashka.ru"));
    let ids: Vec<&str> = doc["identifiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["value"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"7707083893"), "{ids:?}");
}
