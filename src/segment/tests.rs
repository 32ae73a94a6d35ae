//! Segmenter tests, written from the seed texts (corpus/) and the cases of the dev corpus.

use super::*;

fn seg(text: &str) -> Segmented {
    static N: std::sync::LazyLock<(crate::normalize::Normalizer, Segmenter)> =
        std::sync::LazyLock::new(|| (crate::normalize::Normalizer::new(), Segmenter::new()));
    N.1.segment(&N.0.normalize(text))
}

fn numbers(text: &str) -> Vec<String> {
    seg(text).clauses.into_iter().map(|c| c.number).collect()
}

fn clause<'a>(s: &'a Segmented, number: &str) -> &'a Clause {
    s.clauses
        .iter()
        .find(|c| c.number == number)
        .unwrap_or_else(|| panic!("no clause {number}"))
}

fn codes(s: &Segmented) -> Vec<&str> {
    s.findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn numbered_heading_lines_are_headings() {
    // seed 000, seed 001, seed 003
    let s = seg("2. СОБИРАЕМЫЕ ДАННЫЕ\n\n2.1. Сервис может собирать данные.");
    assert_eq!(
        clause(&s, "2").heading.as_deref(),
        Some("СОБИРАЕМЫЕ ДАННЫЕ")
    );
    assert_eq!(clause(&s, "2").text, "");
    let s = seg("1. Общие условия\n\n1.1. Настоящая Политика определяет порядок.");
    assert_eq!(clause(&s, "1").heading.as_deref(), Some("Общие условия"));
    let s = seg("3. Предмет политики конфиденциальности\n\n3.1. Настоящая Политика устанавливает.");
    assert_eq!(
        clause(&s, "3").heading.as_deref(),
        Some("Предмет политики конфиденциальности")
    );
    // seed 001: two phrases, still a heading
    let s = seg(
        "7. Изменение Политики конфиденциальности. Применимое законодательство\n\n7.1. ООО вправе.",
    );
    assert!(clause(&s, "7").heading.is_some());
    // seed 002: a sub-clause heading followed by its paragraph
    let s = seg("1.1 Данные, которые мы получаем от третьих лиц\n\nВы предоставляете нам информацию о себе.");
    assert_eq!(
        clause(&s, "1.1").heading.as_deref(),
        Some("Данные, которые мы получаем от третьих лиц")
    );
    assert_eq!(
        clause(&s, "1.1").text,
        "Вы предоставляете нам информацию о себе."
    );
}

#[test]
fn numbered_sentences_are_bodies() {
    // seed 001, clause 5
    let s = seg("5. В рамках настоящей Политики под «персональной информацией Пользователя» понимаются:\n\n5.1. Данные предоставленные Пользователем.");
    let c = clause(&s, "5");
    assert_eq!(c.heading, None);
    assert!(c.text.starts_with("В рамках настоящей Политики"));
    // seed 003, clause 3.2.4: a lower-case leaf
    let s = seg("3.2.4. адрес доставки Товара (при необходимости).");
    assert_eq!(clause(&s, "3.2.4").heading, None);
    // a long clause ending with a period
    let s = seg("1.1. Используя Сервис Baloons.pro, Пользователь подтверждает своё согласие с условиями настоящей Политики.");
    assert_eq!(clause(&s, "1.1").heading, None);
}

#[test]
fn title_and_preamble() {
    // seed 000
    let s = seg("\n\nПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ\n\nДата вступления в силу: 6 октября 2025 года\nг. Краснодар\n\nНастоящая Политика регулирует порядок.\n\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n\n1.1. Текст.");
    assert_eq!(s.title.as_deref(), Some("ПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ"));
    let pre = s.preamble.unwrap();
    assert!(pre.text.starts_with("Дата вступления в силу"));
    assert!(pre.text.ends_with("регулирует порядок."));
    // an H1 split by <br> (d008)
    let s = seg("ПОЛИТИКА\nКОНФИДЕНЦИАЛЬНОСТИ\n\n1. Общие положения\n\n1.1. Текст.");
    assert_eq!(s.title.as_deref(), Some("ПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ"));
    // page chrome before the title is skipped
    let s = seg("На главную\n\nПолитика обработки персональных данных\n\nТекст преамбулы.");
    assert_eq!(
        s.title.as_deref(),
        Some("Политика обработки персональных данных")
    );
    assert!(s.clauses.is_empty());
}

#[test]
fn title_is_the_policy_heading_not_page_chrome() {
    // d022-like: navigation lines, then the real H1 standing alone
    let s = seg("Документы и Соглашения\nПользовательское соглашение\nПолитика конфиденциальности\nНа главную\n\nДата составления: 14.08.2026\n\nПолитика конфиденциальности и обработки персональных данных ИП Иванова\n\n1. Общие положения\n\n1.1. Текст.");
    assert_eq!(
        s.title.as_deref(),
        Some("Политика конфиденциальности и обработки персональных данных ИП Иванова")
    );
    // d018-like: a decorated language banner before the title
    let s = seg("==== НА РУССКОМ ====\n\nПолитика конфиденциальности app\n\nТекст.");
    assert_eq!(s.title.as_deref(), Some("Политика конфиденциальности app"));
    // d008-like: an all-caps H1 split by <br>
    let s = seg("Главная\nКонтакты\n\nПОЛИТИКА\nКОНФИДЕНЦИАЛЬНОСТИ в отношении обработки данных\n\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n\n1.1. Текст.");
    assert_eq!(
        s.title.as_deref(),
        Some("ПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ в отношении обработки данных")
    );
    let s = seg("Главная\n\nПОЛИТИКА\nКОНФИДЕНЦИАЛЬНОСТИ\n\nв отношении обработки персональных данных пользователей сайта\n\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n\n1.1. Текст.");
    assert_eq!(s.title.as_deref(), Some("ПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ"));
    // a breadcrumb line naming the policy is navigation, not the title
    let s = seg("Главная / Покупателям / Политика обработки персональных данных\n\nПолитика ООО «Дом» в отношении обработки персональных данных\n\n1. Общие положения\n\n1.1. Текст.");
    assert_eq!(
        s.title.as_deref(),
        Some("Политика ООО «Дом» в отношении обработки персональных данных")
    );
    // an all-caps first word with its lower-case continuation on the next line
    let s = seg("УТВЕРЖДЕНО\nПриказ директора\n\nПОЛИТИКА\nв отношении обработки персональных данных\n\n1. Общие положения\n\n1.1. Текст.");
    assert_eq!(
        s.title.as_deref(),
        Some("ПОЛИТИКА в отношении обработки персональных данных")
    );
    // d013-like: the city after the title is preamble, not title
    let s = seg("Политика обработки персональных данных\n\nг. Москва\n«01» января 2026 г.\n\n1. Общие положения\n\n1.1. Текст.");
    assert_eq!(
        s.title.as_deref(),
        Some("Политика обработки персональных данных")
    );
    assert!(s.preamble.unwrap().text.starts_with("г. Москва"));
}

#[test]
fn list_items_stay_in_their_clause() {
    // seed 000, clause 2.1
    let text = "2.1. Сервис может собирать и обрабатывать следующие данные пользователей:\n\n- Имя, телефон, адрес электронной почты;\n- Фото и изображения композиций;\n\n2.2. Геолокационные данные не собираются.";
    let s = seg(text);
    assert_eq!(numbers(text), vec!["2.1", "2.2"]);
    let c = clause(&s, "2.1");
    assert_eq!(c.items.len(), 2);
    assert_eq!(c.items[0].marker, "-");
    assert_eq!(c.items[0].text, "Имя, телефон, адрес электронной почты;");
    // the lead of each item is the sentence introducing the list
    let item_units: Vec<_> = s
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::Item)
        .collect();
    assert_eq!(item_units.len(), 2);
    let canon = crate::normalize::Normalizer::new().normalize(text);
    let (ls, le) = item_units[0].lead.unwrap();
    assert!(canon[ls..le].starts_with("Сервис может собирать"));
    // every kind of marker
    for (line, marker) in [
        ("— Отзывать согласие;", "—"),
        ("• электронный адрес", "•"),
        ("● пункт", "●"),
        ("1) Данные о том, как вы нас нашли.", "1)"),
        ("а) фамилия;", "а)"),
    ] {
        let s = seg(&format!("3. Права:\n{line}"));
        assert_eq!(s.clauses.len(), 1, "{line}");
        assert_eq!(s.clauses[0].items[0].marker, marker, "{line}");
    }
}

#[test]
fn bare_list_lines_after_a_colon_are_items() {
    // d019-like: unbulleted list lines under a clause ending with ':'
    let s = seg(
        "3.3. Сайт собирает данные:\nIP адрес;\nинформация из cookies;\nвремя доступа.\n3.4. Иное.",
    );
    let c = clause(&s, "3.3");
    assert_eq!(c.items.len(), 3);
    assert_eq!(c.items[0].marker, "");
    assert_eq!(c.items[2].text, "время доступа.");
}

#[test]
fn numeric_lookalikes_never_start_clauses() {
    let text = "1. Общие положения\n\nсм. п. 5.2 и п.п. 5.2. и 5.3.\n06.10.2025\nВерсия 1.0.4\n410000, г. Саратов, ул.Московская, 109\n1 000 руб.\n№ 152-ФЗ\nTLS 1.3\n1) пункт списка";
    assert_eq!(numbers(text), vec!["1"]);
}

#[test]
fn table_of_contents_is_not_counted() {
    // d022: a ToC whose entries carry literal numbers, then badges and the real chapters
    let text = "Содержание\n1. Общие положения\n2. Объем данных\n3. Цели обработки\n11. Иные условия\n\n1\n1. Общие положения\n\n1.1. Текст.\n\n2\n2. Объем данных\n\n2.1. Текст.\n\n11\n11. Иные условия\n\n11.1. Текст.";
    let s = seg(text);
    assert_eq!(
        s.clauses
            .iter()
            .map(|c| c.number.as_str())
            .collect::<Vec<_>>(),
        vec!["1", "1.1", "2", "2.1", "11", "11.1"]
    );
    assert!(codes(&s).contains(&"table_of_contents"));
    // without a "Содержание" line, two repeated entries are enough
    let untitled = &text["Содержание\n".len()..];
    assert_eq!(numbers(untitled).len(), 6);
}

#[test]
fn chapters_and_bulleted_numbers() {
    // d005, d006
    let text = "Глава 1. Общие положения\n\n1.1. Текст.\n\nГЛАВА 2\nПрава субъекта\n\n• 2.1. Право на доступ;\n• 2.2. Право на удаление.";
    let s = seg(text);
    assert_eq!(numbers(text), vec!["1", "1.1", "2", "2.1", "2.2"]);
    assert_eq!(clause(&s, "2").heading.as_deref(), Some("Права субъекта"));
    assert_eq!(clause(&s, "2.1").parent.as_deref(), Some("2"));
    // d019: no space after the number
    assert_eq!(numbers("2.3.Настоящая Политика применяется."), vec!["2.3"]);
}

#[test]
fn clause_fields_and_offsets() {
    let text = "1. ОБЩИЕ ПОЛОЖЕНИЯ\n\n1.1. Первое предложение. Второе, см. п. 1.2.\n\n1.2. Текст.";
    let s = seg(text);
    let canon = crate::normalize::Normalizer::new().normalize(text);
    let chars: Vec<char> = canon.chars().collect();
    let c = clause(&s, "1.1");
    assert_eq!(c.depth, 2);
    assert_eq!(c.parent.as_deref(), Some("1"));
    assert_eq!(c.refs, vec!["1.2"]);
    assert_eq!(c.sentences.len(), 2);
    let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    assert!(slice(c.start, c.end).starts_with("1.1. Первое"));
    assert_eq!(
        slice(c.sentences[1][0], c.sentences[1][1]),
        "Второе, см. п. 1.2."
    );
    assert_eq!(clause(&s, "1").depth, 1);
}

#[test]
fn numbering_findings() {
    let s = seg("5. А\n\n5.1. Б.\n\n5.2. В.\n\n5.4. Г.");
    assert!(codes(&s).contains(&"numbering_gap"));
    let s = seg("1. А\n\n1.1. Б.\n\n1.1. Б снова.");
    assert!(codes(&s).contains(&"numbering_duplicate"));
    assert_eq!(s.clauses.len(), 2);
    let s = seg("1. А\n\n1.3. Б.\n\n1.2. В.");
    assert!(codes(&s).contains(&"numbering_out_of_order"));
    let s = seg("1.2. Сирота без родителя.");
    assert!(codes(&s).contains(&"numbering_orphan"));
    assert_eq!(s.clauses[0].parent, None);
    let s = seg("1. А\n\n1.1. Б.\n\n1.2. В.\n\n2. Г");
    assert!(s.findings.is_empty(), "{:?}", s.findings);
}

#[test]
fn numbering_findings_name_existing_clauses() {
    // Found by the decode_analyze fuzz target: «4.2» without «4» after «3» made a gap finding
    // that named clause «4», which does not exist (the same for an out-of-order first child).
    for text in [
        "3. А\n\n3.1. Б.\n\n4.2. В.",
        "1. А\n\n0. Б.",
        "0. А\n\n1. Б.",
    ] {
        let s = seg(text);
        for f in &s.findings {
            for n in &f.clauses {
                assert!(
                    s.clauses.iter().any(|c| &c.number == n),
                    "{text:?}: {f:?} names clause {n:?}"
                );
            }
        }
    }
    let s = seg("3. А\n\n3.1. Б.\n\n4.2. В.");
    let gap = s
        .findings
        .iter()
        .find(|f| f.message.ends_with("to 4.2"))
        .unwrap();
    assert_eq!(gap.clauses, ["4.2"]);
}

#[test]
fn no_numbering_gives_no_clauses() {
    let s = seg("Политика\n\nМы не собираем данные. Совсем.");
    assert!(s.clauses.is_empty());
    assert!(s.preamble.is_some());
}

#[test]
fn roman_numeral_sections_parent_their_arabic_clauses() {
    // dev-html 011: «I. Общие положения» … «III. Сбор…» with «3.1.» inside
    let text = "ПОЛИТИКА\n\nI. Общие положения\n\nТекст.\n\nII. Принципы обработки\n\nТекст.\n\nIII. Сбор данных\n\n3.1. Компания собирает имя.\n\n3.2. Данные хранятся.\n\nIV. Права\n\nГлава V\n\nТекст.\n";
    let s = seg(text);
    assert_eq!(numbers(text), ["I", "II", "III", "3.1", "3.2", "IV", "V"]);
    assert_eq!(clause(&s, "III").heading.as_deref(), Some("Сбор данных"));
    assert_eq!(clause(&s, "3.1").parent.as_deref(), Some("III"));
    assert!(!codes(&s).contains(&"numbering_orphan"), "{:?}", s.findings);
    // not sections: a lowercase word, no dot, no space, a non-canonical numeral, Cyrillic letters
    for t in [
        "I. видим\n",
        "II Принципы\n",
        "IIII. Принципы\n",
        "IC. Принципы\n",
        "XL. Принципы\n",
        "I.Принципы\n",
        "І. Принципы\n",
        "Х. Принципы\n",
    ] {
        assert!(numbers(t).is_empty(), "{t:?}: {:?}", numbers(t));
    }
}
