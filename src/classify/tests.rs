use super::matcher;
use super::*;
use crate::context::DocContext;
use crate::model::{CrossBorderStatus, RetentionKind};

fn run(text: &str) -> Practices {
    let tax = Taxonomy::builtin();
    let ctx = DocContext::new(text, &[], &[]);
    classify(&tax, &ctx)
}

#[test]
fn builtin_taxonomy_parses() {
    let t = Taxonomy::try_builtin().expect("parses");
    assert!(t.category_ids().contains(&"email"));
}

/// (text, category id, expected: Some(negated) or None for "not reported as collected").
fn category(p: &Practices, id: &str) -> Option<bool> {
    p.data_categories
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.negated)
}

#[test]
fn inflected_forms_match_one_category() {
    let cases: &[(&str, &str)] = &[
        ("Мы собираем адрес электронной почты.", "email"),
        ("Мы запрашиваем адреса электронной почты клиентов.", "email"),
        ("Связь с адресом электронной почты пользователя.", "email"),
        ("Пользователь указывает e-mail при регистрации.", "email"),
        ("Мы собираем: электронная почта, телефон.", "email"),
        ("Технические данные: IP-адрес, cookies.", "ip_address"),
        ("Сервер записывает IP адреса посетителей.", "ip_address"),
        ("Мы обрабатываем ФИО покупателя.", "full_name"),
        ("Мы обрабатываем фамилию, имя, отчество.", "full_name"),
        ("- Имя, телефон, адрес электронной почты;", "phone"),
        ("- Имя, телефон, адрес электронной почты;", "full_name"),
        ("Технические данные: IP-адрес, cookies, тип браузера и устройства.", "device_info"),
        ("Технические данные: IP-адрес, cookies, тип браузера и устройства.", "cookies"),
        ("Мы используем файлы cookie.", "cookies"),
        ("- Фото и изображения композиций;", "photo"),
        ("- Информацию о заказах, оплатах и клиентах пользователей;", "order_data"),
        ("- Информацию о заказах, оплатах и клиентах пользователей;", "payment_data"),
        (
            "Примеры таких данных: языковые настройки, IP-адрес, часовой пояс, тип и модель устройства.",
            "device_info",
        ),
        (
            "4) Рекламные идентификаторы. Мы записываем рекламные идентификаторы Apple, Google (IDFA, AAID).",
            "advertising_id",
        ),
        ("Мы собираем место жительство пользователя.", "postal_address"),
        ("Пользователь сообщает дату рождения.", "birth_date"),
        ("Мы храним хэш пароля.", "credentials"),
    ];
    for (text, id) in cases {
        let p = run(text);
        assert_eq!(category(&p, id), Some(false), "{id} in {text:?}: {p:?}");
    }
}

#[test]
fn negation_stays_inside_its_sentence() {
    let text = "2.1. Сервис может собирать и обрабатывать следующие данные пользователей:\n\n- Имя, телефон, адрес электронной почты;\n- Технические данные: IP-адрес, cookies.\n\n2.2. Геолокационные данные и информация из мессенджеров не собираются.\n";
    let p = run(text);
    assert_eq!(category(&p, "geolocation"), Some(true));
    assert_eq!(category(&p, "messenger_id"), Some(true));
    assert_eq!(category(&p, "phone"), Some(false));
    assert_eq!(category(&p, "ip_address"), Some(false));
}

#[test]
fn negation_cues() {
    let cases: &[(&str, &str)] = &[
        (
            "Мы не собираем платёжные данные и паспортные данные.",
            "payment_data",
        ),
        ("Мы НЕ продаём данные о местоположении.", "geolocation"),
        ("Сервис не передаёт номер телефона третьим лицам.", "phone"),
        ("Мы не используем файлы cookie, трекеры.", "cookies"),
        ("We do not collect your email address.", "email"),
    ];
    for (text, id) in cases {
        let p = run(text);
        assert_eq!(category(&p, id), Some(true), "{id} in {text:?}: {p:?}");
    }
}

#[test]
fn an_exception_ends_the_negation() {
    let p = run("Мы не передаём данные третьим лицам, за исключением телефона курьеру.");
    assert_eq!(category(&p, "phone"), Some(false));
    let third = p.recipients.iter().find(|r| r.id == "third_party").unwrap();
    assert!(third.negated);
}

#[test]
fn a_negated_list_lead_negates_its_items() {
    let p = run("Мы не собираем следующие данные:\n- номер телефона;\n- геолокацию.\nМы собираем статистику.\n");
    assert_eq!(category(&p, "phone"), Some(true));
    assert_eq!(category(&p, "geolocation"), Some(true));
    assert_eq!(category(&p, "usage_data"), Some(false));
}

#[test]
fn definitions_purposes_and_contacts_are_not_collection() {
    let text = "1.1.7. «Cookies» — небольшой фрагмент данных, отправленный веб-сервером.\n\
                2. Мы собираем номер телефона.\n\
                4.1. Цели обработки:\n- определения местоположения пользователя для безопасности;\n\
                Email: support@balloons.pro\n\
                Действуя от имени аэродизайнера.\n";
    let p = run(text);
    assert_eq!(category(&p, "cookies"), None);
    assert_eq!(category(&p, "geolocation"), None);
    assert_eq!(category(&p, "email"), None);
    assert_eq!(category(&p, "full_name"), None);
    assert_eq!(category(&p, "phone"), Some(false));
}

#[test]
fn a_definitions_section_counts_when_nothing_else_does() {
    let p = run("«Персональные данные» — любая информация, например ФИО, логин.\n");
    assert_eq!(category(&p, "full_name"), Some(false));
    assert_eq!(category(&p, "username"), Some(false));
}

#[test]
fn request_content_is_not_collection() {
    let p = run("Мы собираем телефон.\n10.2. В запросе должны быть указаны: фамилия, имя, отчество субъекта; номер документа, удостоверяющего личность.\n");
    assert_eq!(category(&p, "passport_data"), None);
    assert_eq!(category(&p, "phone"), Some(false));
}

fn seed(name: &str) -> Option<String> {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/");
    std::fs::read_to_string(format!("{p}{name}")).ok()
}

fn positive(p: &Practices) -> Vec<&str> {
    p.data_categories
        .iter()
        .filter(|c| !c.negated)
        .map(|c| c.id.as_str())
        .collect()
}

#[test]
fn seed_000_categories_with_polarity() {
    let Some(text) = seed("000_73a257b880c7e22b.txt") else {
        return;
    };
    let p = run(&text);
    eprintln!("{:?}", positive(&p));
    assert_eq!(category(&p, "geolocation"), Some(true));
    assert_eq!(category(&p, "messenger_id"), Some(true));
    for id in [
        "full_name",
        "phone",
        "email",
        "photo",
        "order_data",
        "payment_data",
        "ip_address",
        "cookies",
        "device_info",
    ] {
        assert_eq!(category(&p, id), Some(false), "{id}");
    }
    assert!(p.automated_decisions.as_ref().is_some_and(|f| f.present));
    assert!(p.cookies.as_ref().is_some_and(|f| f.present));
    let bank = p
        .recipients
        .iter()
        .find(|r| r.name.as_deref() == Some("Банк Точка"))
        .expect("Банк Точка");
    assert_eq!(bank.id, "payment_provider");
    assert!(p.recipients.iter().any(|r| r.id == "state_authority"));
    assert!(p
        .recipients
        .iter()
        .any(|r| r.id == "hosting_provider" && r.name.is_none()));
    let rights: Vec<&str> = p.rights.iter().map(|r| r.id.as_str()).collect();
    for r in [
        "access",
        "rectification",
        "blocking",
        "erasure",
        "withdraw_consent",
    ] {
        assert!(rights.contains(&r), "{r} in {rights:?}");
    }
}

#[test]
fn seed_002_device_and_advertising_data() {
    let Some(text) = seed("002_0681662037774052.txt") else {
        return;
    };
    let p = run(&text);
    eprintln!("{:?}", positive(&p));
    for id in [
        "advertising_id",
        "device_info",
        "usage_data",
        "ip_address",
        "email",
        "phone",
    ] {
        assert_eq!(category(&p, id), Some(false), "{id}");
    }
}

#[test]
fn retention_periods_and_kinds() {
    let cases: &[(&str, &str, Option<u64>)] = &[
        ("Данные хранятся в течение 3 лет.", "period", Some(1095)),
        ("Срок хранения — 30 дней.", "period", None),
        ("Логи хранятся не более 6 месяцев.", "period", Some(183)),
        (
            "Персональные данные хранятся до достижения целей обработки.",
            "until_purpose_achieved",
            None,
        ),
        (
            "Срок обработки персональных данных является неограниченным.",
            "unlimited",
            None,
        ),
        (
            "Данные хранятся до отзыва согласия субъектом.",
            "until_consent_withdrawn",
            None,
        ),
    ];
    for (text, kind, days) in cases {
        let p = run(text);
        let r = p.retention.iter().find(|r| r.kind.as_str() == *kind);
        assert!(r.is_some(), "{kind} in {text:?}: {:?}", p.retention);
        if days.is_some() {
            assert_eq!(r.unwrap().days, *days, "{text:?}");
        }
    }
    // A deadline for answering a request is not retention.
    let p = run("Оператор хранит и рассматривает запрос в течение 10 рабочих дней.");
    assert!(p.retention.is_empty(), "{:?}", p.retention);
}

#[test]
fn cross_border_statuses() {
    let no = run("Трансграничная передача персональных данных не осуществляется.");
    assert_eq!(no.cross_border.unwrap().status, CrossBorderStatus::No);
    let yes = run("Оператор осуществляет трансграничную передачу данных в США.");
    assert_eq!(yes.cross_border.unwrap().status, CrossBorderStatus::Yes);
    let none = run("Мы собираем телефон.");
    assert_eq!(
        none.cross_border.unwrap().status,
        CrossBorderStatus::NotStated
    );
}

#[test]
fn special_categories_said_not_processed_are_negated() {
    let p = run("Оператор не осуществляет обработку специальных категорий персональных данных, касающихся расовой принадлежности, политических взглядов, состояния здоровья.");
    assert!(!p.special_categories.is_empty());
    assert!(
        p.special_categories.iter().all(|s| s.negated),
        "{:?}",
        p.special_categories
    );
}

#[test]
fn user_taxonomy_extends_and_reports_line_errors() {
    let mut tax = Taxonomy::builtin();
    let user = Taxonomy::parse(
        "kind\tid\tname\tdpv\tforms\ncategory\tvehicle_data\t-\t-\tномер автомобиля\ncategory\tpet_data\t-\t-\tкличка питомца\n",
        "user.tsv",
    )
    .unwrap();
    tax.merge(user);
    assert!(tax.category_ids().contains(&"pet_data"));
    let ctx = DocContext::new("Мы собираем кличку питомца и номер автомобиля.", &[], &[]);
    let p = classify(&tax, &ctx);
    assert_eq!(category(&p, "pet_data"), Some(false));
    assert_eq!(category(&p, "vehicle_data"), Some(false));
    let err = Taxonomy::parse("category\temail\n", "data/x.tsv").unwrap_err();
    assert_eq!(
        err.to_string(),
        "data/x.tsv line 1: expected 5 columns, got 2"
    );
}

#[test]
fn dpv_iris_exist_in_the_reference_list() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/reference/dpv_terms.tsv"
    );
    let Ok(list) = std::fs::read_to_string(path) else {
        println!("skipped: ../shared not found");
        return;
    };
    let known: std::collections::HashSet<&str> =
        list.lines().filter_map(|l| l.split('\t').nth(1)).collect();
    for e in Taxonomy::builtin().entries() {
        if let Some(iri) = &e.dpv {
            assert!(
                known.contains(iri.as_str()) || iri == "https://w3id.org/dpv/tech#Cookie",
                "{} {}: {iri} not in dpv_terms.tsv",
                e.id,
                e.name.as_deref().unwrap_or("")
            );
        }
    }
}

#[test]
fn short_forms_never_match_through_a_short_stem() {
    // A one-word form reduced to a stem of one or two letters (or to the stem of a common
    // function word) would match unrelated words: «ии» → «и» is the conjunction. Such forms must
    // be written `=word` (exact) or `==WORD` (exact, case as written).
    let common = [
        "и",
        "в",
        "во",
        "на",
        "с",
        "со",
        "по",
        "для",
        "не",
        "ни",
        "что",
        "как",
        "это",
        "его",
        "их",
        "или",
        "а",
        "о",
        "об",
        "от",
        "до",
        "из",
        "при",
        "за",
        "к",
        "у",
        "мы",
        "вы",
        "им",
        "ими",
        "все",
        "так",
        "же",
        "ли",
        "бы",
        "то",
        "был",
        "если",
        "только",
        "под",
        "без",
        "над",
    ];
    let common_stems: Vec<String> = common.iter().map(|w| matcher::stem_of(w)).collect();
    let mut bad = Vec::new();
    for e in Taxonomy::builtin().entries() {
        for f in &e.forms {
            let words: Vec<&str> = f.split_whitespace().collect();
            if words.len() != 1 || words[0].starts_with('=') || words[0].is_ascii() {
                continue;
            }
            let st = matcher::stem_of(words[0]);
            if st.chars().count() < 3 || common_stems.contains(&st) {
                bad.push(format!("{} {:?} → {st:?}", e.id, f));
            }
        }
    }
    assert!(bad.is_empty(), "forms with a short stem: {bad:?}");
}

#[test]
fn abbreviations_match_exactly_with_their_case() {
    // Seed 000: «используется искусственный интеллект (AI)»; «и» and «ии» elsewhere are not AI.
    let p = run(
        "4.1. В рамках сервиса используется искусственный интеллект (AI) для обработки переписки.",
    );
    assert!(p.automated_decisions.as_ref().is_some_and(|f| f.present));
    let p =
        run("Мы собираем имя и телефон и никогда не используем ии-анализ, а domain ai.example.");
    assert!(
        p.automated_decisions.is_none(),
        "{:?}",
        p.automated_decisions
    );
    let p = run("Ответы готовит ИИ-ассистент.");
    assert!(p.automated_decisions.as_ref().is_some_and(|f| f.present));
    // «=имя» is not the pronoun «им», and the stem form «имя и фамилия» still matches.
    let p = run("Мы передаём им данные.");
    assert_eq!(category(&p, "full_name"), None);
    let p = run("Мы собираем имя и фамилию.");
    assert_eq!(category(&p, "full_name"), Some(false));
}

#[test]
fn a_coordinate_negated_verb_does_not_negate_the_object_before_it() {
    // Seed 000, 4.2: the «не» governs «передаёт», not «переписку».
    let p = run("4.2. AI анализирует переписку исключительно для улучшения качества ответов и не передаёт личную информацию третьим лицам.\n");
    assert_eq!(category(&p, "messages"), Some(false), "{p:?}");
    let third = p.recipients.iter().find(|r| r.id == "third_party").unwrap();
    assert!(third.negated);
    // Seed 000, 2.2: the category is the subject of the negated passive verb.
    let p = run("2.2. Геолокационные данные и информация из мессенджеров не собираются.\n");
    assert_eq!(category(&p, "geolocation"), Some(true));
    assert_eq!(category(&p, "messenger_id"), Some(true));
    // A negated condition ends at its comma (seed 002, 2.4).
    let p = run("Если вы не хотите получать от нас маркетинговые электронные письма, вы можете отказаться от подписки.");
    let r = p
        .rights
        .iter()
        .find(|r| r.id == "unsubscribe")
        .expect("unsubscribe");
    assert!(!r.negated);
}

#[test]
fn a_scope_statement_introducing_a_list_is_collection() {
    // Seed 001, clause 5 with 5.1: the numbered child takes its parent («… понимаются:») as lead.
    let text = "5. В рамках настоящей Политики под «персональной информацией Пользователя» понимаются:\n\n5.1. Данные предоставленные Пользователем самостоятельно при использовании Сайтом, Сервисами включая но, не ограничиваясь: имя, фамилия, пол, номер мобильного телефона и/или адрес электронной почты, семейное положение, дата рождения, родной город, родственные связи, домашний адрес, информация об образовании, о роде деятельности.\n\n6. Мы обрабатываем номер телефона.\n";
    let p = run(text);
    for id in [
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
    ] {
        assert_eq!(category(&p, id), Some(false), "{id}: {p:?}");
    }
    assert_eq!(
        category(&p, "city"),
        None,
        "родной город is the birth place"
    );
    // A term's definition stays a definition.
    let p = run(
        "Мы собираем телефон.\n«Cookies» — небольшой фрагмент данных, отправленный веб-сервером.\n",
    );
    assert_eq!(category(&p, "cookies"), None);
    // An explanation inside a paragraph is not a glossary entry (seed 004, 1.2).
    let p = run("1.2. Компания использует файлы cookies, которые позволяют идентифицировать Пользователя. Файлы cookies – это текстовые файлы, доступные Компании, для обработки информации об активности Пользователя, включая информацию о том, какие страницы посещал Пользователь.\n");
    assert_eq!(category(&p, "cookies"), Some(false));
    assert_eq!(category(&p, "usage_data"), Some(false), "{p:?}");
}

#[test]
fn purposes_secrecy_and_generic_self_information_are_not_collection() {
    // Seed 001, 2.1: a list introduced by «… в целях:» lists purposes even with a processing verb.
    let p = run("Мы собираем телефон.\n2.1. ООО «БП» обрабатывает персональные данные Пользователя в целях:\n- направлении Пользователю сообщений рекламного и/или информационного характера;\n- связи с Пользователем в момент получении оплаты от Пользователя.\n");
    assert_eq!(category(&p, "messages"), None, "{p:?}");
    assert_eq!(category(&p, "payment_data"), None, "{p:?}");
    // Seed 003, 3.4: a non-disclosure clause.
    let p = run("Мы собираем телефон.\n3.4. Любая иная персональная информация неоговоренная выше (история посещения, используемые браузеры, операционные системы и т.д.) подлежит надежному хранению и нераспространению.\n");
    assert_eq!(category(&p, "device_info"), None, "{p:?}");
    // Seed 001, 4.1: accurate information about oneself is not free-form profile content.
    let p = run("Мы собираем телефон. Пользователь указывает достоверную информацию о себе в объемах, необходимых для пользования Услугами.");
    assert_eq!(category(&p, "user_content"), None, "{p:?}");
}

#[test]
fn rights_named_in_headings_of_a_rights_section() {
    let text = "3. ВАШИ ПРАВА В ОТНОШЕНИИ ПЕРСОНАЛЬНЫХ ДАННЫХ\n\nДля контроля ваших персональных данных у вас есть следующие права:\n\n3.1 Доступ / просмотр / дополнение / изменение ваших персональных данных\n\nВы можете запросить подтверждение факта обработки.\n\n3.2 Удаление / блокирование персональных данных\n\n3.3 Возражение против или ограничение использования ваших персональных данных\n\n4. ИЗМЕНЕНИЯ В ДАННОЙ ПОЛИТИКЕ\n\nМы можем время от времени изменять данную Политику.\n";
    let seg = crate::segment::Segmenter::new().segment(text);
    let ctx = DocContext::new(text, &seg.clauses, &seg.units);
    let p = classify(&Taxonomy::builtin(), &ctx);
    let rights: Vec<&str> = p.rights.iter().map(|r| r.id.as_str()).collect();
    for r in [
        "access",
        "rectification",
        "erasure",
        "blocking",
        "objection",
        "restriction",
    ] {
        assert!(rights.contains(&r), "{r} in {rights:?}");
    }
    // The operator changing its policy is not the user's right to rectification.
    let p = run("9.1. Администрация вправе вносить изменения в настоящую Политику конфиденциальности без согласия Пользователя.");
    assert!(p.rights.is_empty(), "{:?}", p.rights);
}

#[test]
fn seed_002_retention_and_recipients() {
    let p = run("Мы будем хранить ваши персональные данные, пока это необходимо, для достижения целей, изложенных в настоящей Политике конфиденциальности.");
    assert!(
        p.retention
            .iter()
            .any(|r| r.kind == RetentionKind::UntilPurposeAchieved),
        "{:?}",
        p.retention
    );
    let p =
        run("Мы можем передавать вашу информацию другим лицам, включая правоохранительные органы.");
    assert!(p.recipients.iter().any(|r| r.id == "state_authority"));
}

fn purpose_ids(p: &Practices) -> Vec<&str> {
    p.purposes
        .iter()
        .filter(|x| !x.negated)
        .map(|x| x.id.as_str())
        .collect()
}

fn recipient_keys(p: &Practices) -> Vec<String> {
    p.recipients
        .iter()
        .map(|r| {
            format!(
                "{}{}{}",
                r.id,
                r.name
                    .as_ref()
                    .map(|n| format!("({n})"))
                    .unwrap_or_default(),
                if r.negated { "!" } else { "" }
            )
        })
        .collect()
}

/// «<category of data subjects> — <list of data>» is a collection statement, not a glossary
/// entry; a real definition stays one (held-out h01 3.1.1–3.1.4, dev-like definitions).
#[test]
fn subject_category_dash_list_is_collection() {
    let lead = "3.1. Оператор обрабатывает персональные данные следующих категорий субъектов:\n";
    let collected: &[(&str, &[&str])] = &[
        (
            "3.1.1. покупатели — физические лица, оформившие заказ на Сайте или в приложении: фамилия, имя, отчество; номер телефона; адрес электронной почты; почтовый адрес (адрес доставки);\n",
            &["full_name", "phone", "email", "postal_address"],
        ),
        (
            "3.1.2. зарегистрированные пользователи — дополнительно к данным покупателя: логин и пароль от личного кабинета, дата рождения, пол;\n",
            &["username", "credentials", "birth_date", "gender"],
        ),
        (
            "3.1.3. посетители Сайта — IP-адрес, данные файлов cookie, сведения о браузере и операционной системе устройства, дата и время посещения;\n",
            &["ip_address", "cookies", "device_info", "usage_data"],
        ),
        (
            "3.1.4. соискатели на вакантные должности — фамилия, имя, отчество, контактные данные, сведения об образовании и опыте работы, указанные в резюме.\n",
            &["full_name", "education", "job_info"],
        ),
        ("Клиенты — фамилия, имя, телефон.\n", &["full_name", "phone"]),
    ];
    for (unit, ids) in collected {
        let text = format!("{lead}{unit}");
        let p = run(&text);
        for id in *ids {
            assert_eq!(category(&p, id), Some(false), "{id} in {unit:?}: {p:?}");
        }
    }
    // Definitions of terms keep their shape: nothing here is collected (only Weak mentions,
    // and a strong statement elsewhere makes them vanish).
    let defs = "1.1. «Cookies» — небольшой фрагмент данных, отправленный веб-сервером и хранимый на компьютере пользователя, который веб-браузер пересылает веб-серверу.\n\
                1.2. «IP-адрес» — уникальный сетевой адрес узла в компьютерной сети, построенной по протоколу IP.\n\
                1.3. Простая электронная подпись — электронная подпись, которая подтверждает факт её формирования с использованием кодов, паролей, идентификаторов Telegram, VK ID.\n\
                1.4. Персональные данные — любая информация: фамилия, имя, телефон.\n\
                2. Мы собираем адрес электронной почты.\n";
    let p = run(defs);
    assert_eq!(positive(&p), vec!["email"], "{p:?}");
}

/// «;» ends a negation scope; «:» starts a new clause but a negated verb before it governs the
/// list after it (held-out h04 3.5, h01 5.2.2).
#[test]
fn semicolon_ends_a_negation_scope() {
    let p = run("3.5. На сайте используются только технические файлы cookie, необходимые для его работы; аналитические и рекламные cookie не используются.");
    assert_eq!(category(&p, "cookies"), Some(false), "{p:?}");
    assert!(p.cookies.as_ref().is_some_and(|f| f.present), "{p:?}");
    let p = run("5.2.2. НКО «ЮМани» (ООО), оператор платёжного сервиса ЮKassa, — в целях приёма платежей; реквизиты банковских карт вводятся на стороне ЮKassa и Оператору не передаются;");
    let yk = p
        .recipients
        .iter()
        .find(|r| r.name.as_deref() == Some("ЮKassa"))
        .expect("ЮKassa");
    assert!(!yk.negated, "{p:?}");
    assert!(purpose_ids(&p).contains(&"payment"), "{p:?}");
    // The words after a colon start a clause of their own …
    let p = run(
        "Файлы cookie: аналитические cookie не используются, а технические cookie используются.",
    );
    assert_eq!(category(&p, "cookies"), Some(false), "{p:?}");
    // … but a negated verb before the colon negates its inline list.
    let p = run("Мы не собираем следующие данные: паспортные данные, геолокацию.");
    assert_eq!(category(&p, "passport_data"), Some(true), "{p:?}");
    assert_eq!(category(&p, "geolocation"), Some(true), "{p:?}");
}

/// A category inside the unit's own purpose phrase is a purpose, and text outside every unit
/// (page chrome) is no statement (held-out h05 2.3.2 and its menu line).
#[test]
fn purpose_phrases_and_page_chrome_are_not_collection() {
    let p = run("2.3.2. Интернет-магазин осуществляет сбор статистики об IP-адресах своих посетителей. Данная информация используется с целью выявления и решения технических проблем, для контроля законности проводимых финансовых платежей.");
    assert_eq!(category(&p, "payment_data"), None, "{p:?}");
    assert_eq!(category(&p, "ip_address"), Some(false), "{p:?}");
    // The verb ends the purpose phrase: what follows is collected.
    let p = run("Для регистрации мы собираем имя и адрес электронной почты.");
    assert_eq!(category(&p, "email"), Some(false), "{p:?}");
    let p = run("Для оформления заказа укажите телефон.");
    assert_eq!(category(&p, "phone"), Some(false), "{p:?}");
    // Page chrome before the title has no unit.
    let text = "Каталог | Доставка и оплата | Блог | Корзина\n\nПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ\n\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n1.1. Мы собираем имя и телефон.\n";
    let tax = Taxonomy::builtin();
    let seg = crate::segment::Segmenter::new().segment(text);
    let ctx = DocContext::new(text, &seg.clauses, &seg.units);
    let p = classify(&tax, &ctx);
    assert_eq!(category(&p, "payment_data"), None, "{p:?}");
    assert_eq!(category(&p, "phone"), Some(false), "{p:?}");
}

/// Upload and user-content vocabulary (held-out h06, h02).
#[test]
fn uploaded_files_and_user_content() {
    let p = run("Вместе с аккаунтом на наших серверах хранятся книги, которые вы загрузили в облачную библиотеку, а также ваши закладки, заметки и цитаты.");
    assert_eq!(category(&p, "files"), Some(false), "{p:?}");
    assert_eq!(category(&p, "user_content"), Some(false), "{p:?}");
    for text in [
        "Мы храним загруженные документы пользователя.",
        "Сервис обрабатывает загружаемые изображения.",
        "Мы храним ваши отзывы и комментарии.",
    ] {
        let p = run(text);
        assert!(
            category(&p, "files") == Some(false) || category(&p, "user_content") == Some(false),
            "{text:?}: {p:?}"
        );
    }
    // Photos attached to a request are files, not a picture of the person.
    let p = run("Когда вы оставляете заявку, мы получаем:\n— ваше имя;\n— фотографии и планировку помещения, если вы прикрепляете их к заявке.\n");
    assert_eq!(category(&p, "files"), Some(false), "{p:?}");
    assert_eq!(category(&p, "photo"), None, "{p:?}");
    // «отзыв согласия» is no user content.
    let p = run("Вы можете отозвать согласие; после отзыва согласия мы удалим телефон.");
    assert_eq!(category(&p, "user_content"), None, "{p:?}");
}

/// Purposes written with verbs («чтобы связаться с вами»), and «при» as an occasion.
#[test]
fn purposes_written_with_verbs() {
    let cases: &[(&str, &str)] = &[
        ("Зачем нам эти данные:\n— чтобы связаться с вами и ответить на заявку;\n", "communication"),
        ("Мы используем данные, чтобы:\n- зарегистрировать и идентифицировать Пользователя;\n", "account_management"),
        ("Мы используем данные, чтобы:\n- принять, собрать и доставить заказ;\n", "order_fulfilment"),
        ("3.4. В целях рассмотрения обращений, поступивших через форму обратной связи: имя, текст обращения.", "customer_support"),
        ("3.2. В целях участия в программе лояльности: номер клубной карты.", "loyalty_program"),
        ("Мы используем данные, чтобы вести ваш аккаунт, отвечать на письма в поддержку и улучшать приложение.", "analytics"),
    ];
    for (text, id) in cases {
        let p = run(text);
        assert!(
            purpose_ids(&p).contains(id),
            "{id} in {text:?}: {:?}",
            purpose_ids(&p)
        );
    }
    let p = run("2.2. При оформлении заказа: сведения о заказе и комментарий для курьера.");
    assert!(
        !purpose_ids(&p).contains(&"order_fulfilment"),
        "{:?}",
        purpose_ids(&p)
    );
}

/// Recipients need a transfer context; contact channels and bank details are not recipients.
#[test]
fn recipients_need_a_transfer_context() {
    let p = run(
        "Телефон: +7 727 355 41 20\nWhatsApp: +7 (701) 234-56-78\nE-mail: support@dalatech.kz\n",
    );
    assert!(p.recipients.is_empty(), "{:?}", recipient_keys(&p));
    let p = run("6.2. По вопросам обработки персональных данных можно также обратиться по телефону +375 (29) 654-32-10 (Viber, Telegram) в рабочие дни.");
    assert!(p.recipients.is_empty(), "{:?}", recipient_keys(&p));
    let p = run("Р/с 40702810510000734215 в АО «ТБанк»\nБанк: АО «Тинькофф Банк»\n");
    assert!(p.recipients.is_empty(), "{:?}", recipient_keys(&p));
    let p = run("4.1. Данные заказа (имя, телефон, состав заказа) передаются курьерским партнёрам Компании в объёме, необходимом для доставки.");
    assert_eq!(recipient_keys(&p), vec!["delivery_service"]);
    let named: &[(&str, &str)] = &[
        (
            "Мы передаём данные в СДЭК для доставки.",
            "delivery_service(СДЭК)",
        ),
        (
            "Заказы доставляет Почта России.",
            "delivery_service(Почта России)",
        ),
        (
            "Оплата принимается через CloudPayments.",
            "payment_provider(CloudPayments)",
        ),
        (
            "Платежи обрабатывает ПАО Сбербанк.",
            "payment_provider(СберБанк)",
        ),
        (
            "Данные хранятся на серверах Selectel.",
            "hosting_provider(Selectel)",
        ),
        (
            "Мы используем сервис Roistat.",
            "analytics_service(Roistat)",
        ),
        (
            "Мы используем сервис VK Реклама.",
            "advertising_service(VK Реклама)",
        ),
        (
            "Заявки обрабатываются в amoCRM по нашему поручению.",
            "processor(amoCRM)",
        ),
        (
            "Рассылки отправляются через сервис Unisender.",
            "processor(Unisender)",
        ),
    ];
    for (text, key) in named {
        let p = run(text);
        assert!(
            recipient_keys(&p).iter().any(|k| k == key),
            "{key} in {text:?}: {:?}",
            recipient_keys(&p)
        );
    }
}

/// Retention: request words only skip deadlines for answering; account lifetime; «1 (одного)
/// года после».
#[test]
fn retention_account_lifetime_and_periods_after() {
    let p = run("Данные заявок хранятся не более 1 года с момента последнего обращения, после чего удаляются.");
    assert!(
        p.retention
            .iter()
            .any(|r| r.kind == RetentionKind::Period && r.days == Some(365)),
        "{:?}",
        p.retention
    );
    let p = run("5.1. Данные хранятся в течение срока действия учётной записи и 1 (одного) года после её удаления, если более длительный срок не требуется по закону.");
    let kinds: Vec<(&str, Option<u64>)> = p
        .retention
        .iter()
        .map(|r| (r.kind.as_str(), r.days))
        .collect();
    assert!(
        kinds.contains(&("until_account_deleted", None)),
        "{kinds:?}"
    );
    assert!(kinds.contains(&("period", Some(365))), "{kinds:?}");
    let p = run("Мы собираем телефон. Данные аккаунта хранятся, пока аккаунт существует.");
    assert_eq!(
        p.retention[0].kind,
        RetentionKind::UntilAccountDeleted,
        "{:?}",
        p.retention
    );
    // A retention statement does not say that the data it names are collected.
    assert_eq!(category(&p, "account_id"), None, "{p:?}");
    let p = run("Оператор рассматривает запрос в течение 10 рабочих дней.");
    assert!(p.retention.is_empty(), "{:?}", p.retention);
}

/// Access: «запросить сведения», «получить информацию», «скачать свои данные».
#[test]
fn access_right_verb_forms() {
    for text in [
        "Вы можете в любой момент запросить сведения о том, какие ваши данные у нас есть.",
        "Пользователь вправе получить информацию о том, какие его данные обрабатываются.",
        "Вы можете в любой момент скачать свои данные в разделе «Настройки».",
    ] {
        let p = run(text);
        assert!(
            p.rights.iter().any(|r| r.id == "access"),
            "{text:?}: {:?}",
            p.rights
        );
    }
}

/// Items under a heading that names purposes are purposes, without «цель»/«для» of their own;
/// the data they mention in passing are not collected (held-out h07, h08, h11).
#[test]
fn items_under_a_purposes_heading_are_purposes() {
    let text = "2. Какие данные мы обрабатываем\n\n2.1. Фамилия, имя, номер телефона.\n\n\
                3. Цели обработки\n\n3.1. Заключение и исполнение договора оказания образовательных услуг.\n\n\
                3.2. Анализ посещаемости сайта и улучшение учебной платформы.\n\n\
                3.3. Ответы на обращения и отзывы пациентов.\n";
    let p = run(text);
    let ids = purpose_ids(&p);
    assert!(ids.contains(&"service_provision"), "{ids:?}");
    assert!(ids.contains(&"analytics"), "{ids:?}");
    assert!(ids.contains(&"customer_support"), "{ids:?}");
    assert_eq!(category(&p, "user_content"), None, "{p:?}");
    assert_eq!(category(&p, "phone"), Some(false));
    // Without numbering: the last heading names the purposes (h10).
    let p = run("Для чего мы используем сведения\n\nЗаключение и исполнение договора с гостем.\n");
    assert!(purpose_ids(&p).contains(&"service_provision"), "{p:?}");
    // The same item outside a purposes section is not a purpose.
    let p = run(
        "1. Общие положения\n\n1.1. Анализ посещаемости сайта и улучшение учебной платформы.\n",
    );
    assert!(purpose_ids(&p).is_empty(), "{:?}", purpose_ids(&p));
}

/// «при регистрации» is an occasion; lab tests are not analytics; fraud detection is security.
#[test]
fn purpose_senses() {
    let p = run("Мы передаём данные партнёрской лаборатории — для выполнения анализов.");
    assert!(!purpose_ids(&p).contains(&"analytics"), "{p:?}");
    let p = run("Для обнаружения мошенничества и защиты аккаунтов мы анализируем входы.");
    assert!(purpose_ids(&p).contains(&"security"), "{p:?}");
    let p = run(
        "Для исполнения заказа мы собираем документы, загружаемые при регистрации (свидетельство о регистрации, доверенность).",
    );
    assert!(!purpose_ids(&p).contains(&"account_management"), "{p:?}");
}

#[test]
fn retention_without_preposition_and_deadlines() {
    let cases: &[(&str, &str, Option<u64>)] = &[
        (
            "Медицинская карта пациента хранится 25 лет.",
            "period",
            Some(9125),
        ),
        ("Срок хранения — 25 лет.", "period", Some(9125)),
        (
            "Договоры и платёжные документы хранятся 5 лет после окончания года.",
            "period",
            Some(1825),
        ),
        (
            "Данные о записи на приём удаляются через 1 год.",
            "period",
            Some(365),
        ),
        (
            "Заявки на пробный урок удаляются через 6 месяцев.",
            "period",
            Some(183),
        ),
        (
            "Записи переписки с куратором хранятся 3 месяца.",
            "period",
            Some(91),
        ),
        (
            "История заказов хранится 3 (три) года.",
            "period",
            Some(1095),
        ),
        (
            "Логи посещений хранятся не более 12 месяцев.",
            "period",
            Some(365),
        ),
        (
            "Данные уничтожаются через 30 дней после удаления аккаунта.",
            "period",
            Some(30),
        ),
        (
            "Данные аккаунта хранятся, пока вы пользуетесь Сервисом.",
            "until_account_deleted",
            None,
        ),
        (
            "Данные учётной записи хранятся до её удаления пользователем.",
            "until_account_deleted",
            None,
        ),
    ];
    for (text, kind, days) in cases {
        let p = run(text);
        let r = p.retention.iter().find(|r| r.kind.as_str() == *kind);
        assert!(r.is_some(), "{kind} in {text:?}: {:?}", p.retention);
        assert_eq!(r.unwrap().days, *days, "{text:?}");
    }
    for text in [
        "После отзыва согласия Школа прекращает обработку в течение 10 (десяти) рабочих дней, за исключением данных, хранение которых требуется по закону.",
        "Данные хранятся у оператора; ответ на запрос направляется в течение 30 дней.",
        "Оператор уведомляет субъекта в течение 3 дней об уничтожении, хранение прекращается.",
    ] {
        let p = run(text);
        assert!(
            p.retention.iter().all(|r| r.kind != RetentionKind::Period),
            "{text:?}: {:?}",
            p.retention
        );
    }
}

/// A retention statement names the data it keeps; it does not say they are collected (h09, h10, h11).
#[test]
fn retention_statements_are_not_collection() {
    for (text, id) in [
        (
            "Данные аккаунта хранятся, пока вы пользуетесь Сервисом.",
            "account_id",
        ),
        (
            "Данные учётной записи хранятся до её удаления пользователем.",
            "account_id",
        ),
        (
            "Переписка о бронировании удаляется через шесть месяцев после выезда.",
            "messages",
        ),
    ] {
        let p = run(&format!("Мы собираем имя и номер телефона. {text}"));
        assert_eq!(category(&p, id), None, "{text:?}: {p:?}");
    }
}

/// A requisites block: the label alone on its line, the value on the next (h08).
#[test]
fn requisites_labels_on_their_own_line_are_not_collection() {
    let p = run("Мы собираем имя и номер телефона.\n\nРЕКВИЗИТЫ\nИНН\n7814360252\nКПП\n781401001\nE-mail\ninfo@sev-zvezda-clinic.ru\n");
    assert_eq!(category(&p, "tax_id"), None, "{p:?}");
    assert_eq!(category(&p, "email"), None, "{p:?}");
    // A list of data on separate lines is still collected.
    let p = run("Мы собираем:\nИНН\nТелефон\n");
    assert_eq!(category(&p, "tax_id"), Some(false), "{p:?}");
}

#[test]
fn flexible_uploads_and_photos_of_things() {
    for text in [
        "2.3 Учебные материалы: выполненные домашние задания и загруженные учеником файлы (фотографии тетради, документы).",
        "2.2. Продавцы: ФИО, контактный телефон, документы, загружаемые при регистрации.",
        "Отзывы и оценки ресторанов, а также фотографии блюд, которые вы прикладываете к отзыву.",
        "Вы прикрепляете к заявке документы и изображения.",
    ] {
        let p = run(text);
        assert_eq!(category(&p, "files"), Some(false), "{text:?}: {p:?}");
        assert_eq!(category(&p, "photo"), None, "{text:?}: {p:?}");
    }
    for text in [
        "Мы собираем имя, фотографию профиля и адрес электронной почты.",
        "Мы обрабатываем: фамилия, имя, фото, телефон.",
        "Пользователь может загрузить аватар.",
    ] {
        let p = run(text);
        assert_eq!(category(&p, "photo"), Some(false), "{text:?}: {p:?}");
    }
}

#[test]
fn appointments_bookings_and_visit_times() {
    let p =
        run("Клиника получает:\n— сведения о записи: выбранный врач, услуга, дата и время визита.");
    assert_eq!(category(&p, "order_data"), Some(false), "{p:?}");
    assert_eq!(category(&p, "usage_data"), None, "{p:?}");
    let p =
        run("Мы получаем ваши фамилию и имя, даты заезда и выезда, количество взрослых и детей.");
    assert_eq!(category(&p, "order_data"), Some(false), "{p:?}");
    let p = run("Мы собираем дату и время посещения сайта.");
    assert_eq!(category(&p, "usage_data"), Some(false), "{p:?}");
}

#[test]
fn recipients_of_clinics_guesthouses_and_marketplaces() {
    let cases: &[(&str, &str)] = &[
        ("Клиника может передавать персональные данные страховым медицинским организациям.", "insurer"),
        ("Клиника может передавать данные партнёрской лаборатории ООО «Лабдиагностика».", "laboratory"),
        ("Клиника может передавать данные в Единую государственную информационную систему в сфере здравоохранения.", "state_authority"),
        ("Клиника может передавать данные органам дознания, следствия и суду.", "state_authority"),
        ("Сведения об иностранных гостях передаются в органы внутренних дел.", "state_authority"),
        ("При бронировании через Booking.com часть данных обрабатывает сама площадка.", "booking_platform(Booking.com)"),
        ("Данные покупателя передаются продавцу и службе доставки.", "seller"),
        ("Кому мы передаём сведения\n\nБухгалтерский учёт ведёт по договору ООО «Бухгалтер Плюс», которое получает платёжные документы.", "processor"),
    ];
    for (text, want) in cases {
        let p = run(text);
        let keys = recipient_keys(&p);
        assert!(
            keys.iter().any(|k| k == want),
            "{want} in {text:?}: {keys:?}"
        );
    }
    // An appeal names where the person may complain, not a recipient (h08, h11).
    let p =
        run("Пользователь вправе обжаловать действия Компании в уполномоченный орган или в суд.");
    let keys = recipient_keys(&p);
    assert!(keys.is_empty(), "{keys:?}");
    assert!(p.rights.iter().any(|r| r.id == "complaint_authority"));
}

#[test]
fn access_and_belarusian_authority_rights() {
    for (text, id) in [
        ("Вы можете узнать, какие данные о вас хранятся.", "access"),
        ("Пользователь вправе знать, какие его данные обрабатываются.", "access"),
        ("Если вы считаете, что ваши права нарушены, вы можете обратиться в Национальный центр защиты персональных данных.", "complaint_authority"),
    ] {
        let p = run(text);
        assert!(p.rights.iter().any(|r| r.id == id), "{id} in {text:?}: {:?}", p.rights);
    }
}

#[test]
fn an_occasion_phrase_ends_at_the_dash() {
    // held-out h15, clause 2.4: the data after the dash are collected
    let p = run("2.4. При посещении сайта — cookie-файлы, IP-адрес и данные о действиях на сайте (через сервис Яндекс Метрика).");
    assert_eq!(category(&p, "cookies"), Some(false), "{p:?}");
    assert_eq!(category(&p, "ip_address"), Some(false));
    // held-out h16: a place, not a term, before the dash
    let p = run("2.1. Учётная запись: фамилия, имя.\n2.6. На сайте docflowly.ru — cookie-файлы (обязательные и аналитические).");
    assert_eq!(category(&p, "cookies"), Some(false), "{p:?}");
    // an occasion without a dash is still an occasion, not collected data
    let p = run("При оформлении заказа мы запрашиваем имя.");
    assert_eq!(category(&p, "order_data"), None, "{p:?}");
}

#[test]
fn every_cue_class_has_words_in_the_lexicon() {
    let words = super::matcher::cue_words(crate::lexicon::files(crate::language::Lang::Ru).cues);
    for (name, flag) in super::matcher::CUE_CLASSES {
        assert!(
            words.iter().any(|(f, _)| f == flag),
            "cue class {name} has no word in data/lexicon/ru/cues.tsv"
        );
    }
    assert!(words.len() > 300, "{}", words.len());
    // every other language's cues.tsv parses (its classes are known)
    for f in crate::lexicon::LANGUAGES {
        assert!(
            !super::matcher::cue_words(f.cues).is_empty(),
            "{:?}",
            f.lang
        );
    }
}

/// Issue 12, pattern 11: a named analytics counter implies usage data; a generic one does not.
#[test]
fn a_named_analytics_counter_implies_usage_data() {
    let p = run("Мы собираем имя и телефон. Сайт использует счётчики Яндекс.Метрики для анализа посещаемости.");
    assert_eq!(category(&p, "usage_data"), Some(false));
    let p = run(
        "Мы собираем имя и телефон. Обработка осуществляется с использованием системы аналитики.",
    );
    assert_eq!(category(&p, "usage_data"), None);
    let p = run("Мы собираем имя. Сайт не использует Яндекс.Метрику и Google Analytics.");
    assert_eq!(category(&p, "usage_data"), None);
}

/// The translations have the base taxonomy's entries in the same order (a hit's entry index is
/// the same id in every language), and a Russian text is classified by the Russian matcher
/// whatever languages the taxonomy has: `classify_in(…, Ru)` is `classify`.
#[test]
fn languages_share_the_entries_and_russian_reads_as_before() {
    use crate::language::Lang;
    let tax = &Taxonomy::builtin();
    let en = tax.in_language(Lang::En);
    assert!(!std::ptr::eq(en, tax));
    assert!(std::ptr::eq(tax.in_language(Lang::Ru), tax));
    assert!(std::ptr::eq(tax.in_language(Lang::Kk), tax));
    assert_eq!(en.entries().len(), tax.entries().len());
    for (a, b) in en.entries().iter().zip(tax.entries()) {
        assert_eq!(
            (a.kind, &a.id, &a.name, &a.dpv),
            (b.kind, &b.id, &b.name, &b.dpv)
        );
    }
    // every English row names an entry of the base taxonomy
    let en_rows: usize = crate::lexicon::files(Lang::En)
        .taxonomy
        .iter()
        .map(|(origin, text)| super::taxonomy::parse_entries(text, origin).unwrap().len())
        .sum();
    let with_forms = en.entries().iter().filter(|e| !e.forms.is_empty()).count();
    assert_eq!(
        with_forms, en_rows,
        "an English row whose (kind, id, name) is not in the base"
    );
    let text =
        "1.1. Мы собираем имя, телефон и адрес электронной почты. Геолокация не собирается.\n\
                1.2. Данные хранятся 3 года и передаются службе доставки СДЭК.";
    let ctx = crate::context::DocContext::new(text, &[], &[]);
    let base = super::classify(tax, &ctx);
    assert_eq!(
        format!("{:?}", super::classify_in(tax, &ctx, Lang::Ru)),
        format!("{base:?}")
    );
    assert!(!base.data_categories.is_empty() && !base.retention.is_empty());
}

#[test]
fn a_comma_after_a_plain_verb_opens_the_clause_of_a_later_negation() {
    // dev-html 017: the IP addresses are anonymised (processed), the personal data not
    // collected; the statistics before the bracket are collected.
    let p = run("Яндекс.Метрику — для сбора анонимизированной статистики посещаемости (IP-адреса анонимизируются, персональные данные не собираются и не передаются).\n");
    assert_eq!(category(&p, "ip_address"), Some(false), "{p:?}");
    assert_eq!(category(&p, "usage_data"), Some(false), "{p:?}");
    // The subject after the comma is the negated one.
    let p = run(
        "Адрес электронной почты хранится у оператора, реквизиты банковских карт не собираются.\n",
    );
    assert_eq!(category(&p, "email"), Some(false), "{p:?}");
    assert_eq!(category(&p, "payment_data"), Some(true), "{p:?}");
    // Without a comma the words before the «не» still belong to the plain verb's clause.
    let p = run("Данные, которые собираются, не передаются третьим лицам.\n");
    let third = p.recipients.iter().find(|r| r.id == "third_party").unwrap();
    assert!(third.negated, "{p:?}");
}

#[test]
fn a_disclaimer_names_data_it_does_not_collect() {
    // dev-html 024 (issue 12, pattern 9): the login and password are what a loss came from.
    // (weak mentions count in a document that says nothing else is collected: it does here)
    let p = run("2.1. Мы собираем имя.\n\n10.2. Оператор не несёт ответственности за убытки Пользователя, возникшие в результате:\n• несанкционированного доступа третьих лиц к учётной записи по вине Пользователя (передача логина и пароля);\n• работы сторонних сайтов.\n");
    assert_eq!(category(&p, "credentials"), None, "{p:?}");
    // Said collected elsewhere, the data still count.
    let p = run("2.1. Мы собираем логин и пароль.\n\n10.2. Оператор не несёт ответственности за передачу логина и пароля третьим лицам.\n");
    assert_eq!(category(&p, "credentials"), Some(false), "{p:?}");
}

#[test]
fn data_of_another_party_are_not_collected() {
    // dev-html 006, ../shared/mining b040, b043 (issue 12, pattern 7): the name and address of
    // the operator or of a processor, the passwords of the operator's staff.
    let p = run("2.1. Мы собираем адрес электронной почты.\n\n2.2. Субъект вправе получить наименование или фамилию, имя, отчество и адрес лица, осуществляющего обработку по поручению оператора.\n\n2.3. Запросы направляются по адресу регистрации Оператора.\n\n4.1.5. Установление паролей доступа сотрудников Оператора.\n");
    for id in ["full_name", "postal_address", "credentials"] {
        assert_eq!(category(&p, id), None, "{id}: {p:?}");
    }
    // The subject's own data stay («фамилия, имя, отчество физического лица»).
    let p = run("3.2.4. ПД, обрабатываемые Оператором:\n• фамилия, имя, отчество физического лица;\n• номер телефона.\n");
    assert_eq!(category(&p, "full_name"), Some(false), "{p:?}");
}

#[test]
fn what_a_request_must_contain_is_not_collected() {
    // dev-html 006: the law's content of a request, in a policy that collects nothing else.
    let p = run("2.4. Запрос должен содержать номер основного документа, удостоверяющего личность субъекта персональных данных или его представителя, сведения о дате выдачи указанного документа.\n");
    assert_eq!(category(&p, "passport_data"), None, "{p:?}");
}

#[test]
fn words_that_only_look_like_data() {
    // Real sentences (../shared/mining a048, b027, b028, b048, b059; heldout2 h209, h216): «именно»
    // is not «имени», paying is not payment data, «на другое устройство» is not device data, and
    // Firebase used for notifications is a hosting platform, not an analytics counter.
    let cases: &[(&str, &str)] = &[
        ("1.1 Данная политика описывает, как именно происходит использование данных Пользователя.", "full_name"),
        ("Пользователи могут использовать приложение без необходимости оплаты услуги.", "payment_data"),
        ("Сайт не подключает онлайн-оплату и бронирование — заявка передаётся менеджеру.", "payment_data"),
        ("Эти экспортированные данные могут быть перенесены на другое устройство.", "device_info"),
        ("Данные могут передаваться только провайдерам услуг (Firebase для уведомлений).", "usage_data"),
    ];
    for (text, id) in cases {
        assert_eq!(category(&run(text), id), None, "{id} in {text}");
    }
    // The data themselves still count.
    let cases: &[(&str, &str)] = &[
        ("Мы собираем имя и фамилию.", "full_name"),
        (
            "Мы обрабатываем данные об оплате и способ оплаты.",
            "payment_data",
        ),
        ("Мы собираем IP-адрес, браузер, устройство.", "device_info"),
        ("Приложение использует Firebase Analytics.", "usage_data"),
    ];
    for (text, id) in cases {
        assert_eq!(category(&run(text), id), Some(false), "{id} in {text}");
    }
}

#[test]
fn a_topic_decides_the_category_through_a_possessive() {
    // Issue 12, pattern 2: «сведения/данные/информация о X», X the topic, with the user's
    // possessive in between (../shared/mining b022 «информацию о Вашем здоровье»); «о» and «об»
    // are one word for the forms («сообщения об ошибках» is the ignore form «сообщения о»).
    let cases: &[(&str, &str)] = &[
        ("Мы собираем данные о вашем автомобиле.", "vehicle_data"),
        ("Мы собираем информацию о Вашем здоровье.", "health_data"),
        ("Мы собираем информацию о Вашем устройстве.", "device_info"),
        ("Мы собираем сведения о составе семьи.", "family_info"),
        ("Мы собираем сведения о Ваших увлечениях.", "preferences"),
    ];
    for (text, id) in cases {
        assert_eq!(category(&run(text), id), Some(false), "{id} in {text}");
    }
    // the evidence spans the words passed over
    let p = run("1. Имя. 2. Мы собираем данные о вашем автомобиле и о своих детях.");
    let v = p
        .data_categories
        .iter()
        .find(|c| c.id == "vehicle_data")
        .expect("vehicle");
    assert_eq!(v.evidence[0].text, "данные о вашем автомобиле");
    let p = run("Мы собираем имя.\n\nСообщения об ошибках\n\nПри сбое браузер отправляет отчёт.");
    assert_eq!(category(&p, "messages"), None, "{p:?}");
    // a channel is not the data («направлять … по электронной почте», b054)
    let p = run("1. Все предложения или вопросы Пользователь вправе направлять в администрацию сайта по электронной почте.");
    assert_eq!(category(&p, "email"), None, "{p:?}");
}

#[test]
fn a_bare_word_counts_as_a_whole_item_of_a_data_list() {
    // Issue 12, patterns 3 and 4: a `^form` («адрес», «организация», «мессенджер», «Telegram»)
    // counts only as a whole list item under a collection lead or heading.
    let p = run("1. Мы собираем следующие данные:\n• имя;\n• адрес;\n• организация;\n• мессенджер;\n• соцсети.\n");
    for id in ["postal_address", "job_info", "messenger_id", "social_media"] {
        assert_eq!(category(&p, id), Some(false), "{id}: {p:?}");
    }
    let p = run("1. Какие данные мы собираем\nИмя\nАдрес\nTelegram\n2. Цели\nСвязь с вами.\n");
    for id in ["postal_address", "messenger_id"] {
        assert_eq!(category(&p, id), Some(false), "{id}: {p:?}");
    }
    // The same words as contact labels and page chrome (../shared/mining a035, dev-html 005,
    // 008) or inside a sentence are not data.
    for text in [
        "10. Контактная информация\n\nПо вопросам, связанным с обработкой персональных данных, пользователь может обратиться к Компании:\n\nАдрес\nг. Ташкент, ул. Баку 179А\n",
        "Обработка грузов\n\nКомпания\n\nО компании\nКонтакты\n",
        "Новости\nОтзывы\nVK\nTelegram\n",
        "1. Мы собираем имя. Компания вправе изменить адрес сайта и канал в Telegram.",
    ] {
        let p = run(text);
        for id in ["postal_address", "job_info", "messenger_id", "social_media"] {
            assert_eq!(category(&p, id), None, "{id} in {text}: {p:?}");
        }
    }
}

#[test]
fn a_feedback_form_is_data_only_as_an_item_of_a_data_list() {
    // `~form`: dev d007, d021 list «Информация, предоставленная добровольно через формы
    // обратной связи» as collected; ../shared/mining a025, a055, b068 and heldout3 h310 name the
    // form as a channel or the means of collection.
    let p = run("2. Мы собираем:\n• имя;\n• Информация, предоставленная добровольно через формы обратной связи.\n");
    assert_eq!(category(&p, "messages"), Some(false), "{p:?}");
    for text in [
        "2. Контактная информация\n\nПо всем вопросам, касающимся обработки персональных данных, субъекты персональных данных могут обращаться к Оператору через форму обратной связи на сайте.",
        "Персональные данные, разрешённые к обработке, предоставляются Пользователем путём заполнения формы обратной связи и включают:\n• фамилию, имя Пользователя;\n• контактный телефон.\n",
    ] {
        assert_eq!(category(&run(text), "messages"), None, "{text}");
    }
    // a push token is device data (../shared/mining a066, heldout3 h306), password protection a
    // security measure (h313), advertising messages are not the user's messages (h312)
    let p = run("2. Мы собираем:\n• Технические данные устройства (push-токен для уведомлений)\n• FCM-токен устройства\n\n5. Доступ к личному кабинету защищен паролем.\n\n6.1. Оператор вправе направлять Субъекту сообщения рекламно-информационного характера.\n");
    assert_eq!(category(&p, "device_info"), Some(false), "{p:?}");
    for id in ["credentials", "messages"] {
        assert_eq!(category(&p, id), None, "{id}: {p:?}");
    }
}

#[test]
fn menu_entries_and_page_chrome_name_no_data() {
    // heldout3 h304/h305 (a clinic's saved page), dev-html 008: the site's menu over the policy.
    let p = run("ГЛАВНАЯ\nО НАС\nЛицензии\nНовости\nОтзывы\nУСЛУГИ\nАкции\nПрограмма лояльности\nКОНТАКТЫ\nПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ\n\n1. Мы собираем имя и телефон.\n");
    for id in ["user_content", "loyalty_data"] {
        assert_eq!(category(&p, id), None, "{id}: {p:?}");
    }
    assert_eq!(category(&p, "full_name"), Some(false), "{p:?}");
    let p = run("ChatGPT от 1290 ₽/мес\n\nНовости Отзывы VK Telegram\n\nРусский\nEnglish\n\nНа главную\n\n1. Мы собираем адрес электронной почты.\n");
    assert_eq!(category(&p, "user_content"), None, "{p:?}");
    // bare lines under a heading that says what is collected are data
    let p =
        run("1. Какие данные мы собираем\nИмя\nТелефон\nОтзывы\nФото\n2. Цели\nСвязь с вами.\n");
    for id in ["full_name", "phone", "photo"] {
        assert_eq!(category(&p, id), Some(false), "{id}: {p:?}");
    }
}

#[test]
fn numbered_items_of_a_data_list_and_more_synonyms() {
    // heldout3 h304: a bare «адрес» as a numbered item under «включают в себя следующую
    // информацию»; h303 «абонентский номер сотовой связи»; h322 «географическое положение».
    let p = run("2.2. Персональные данные, разрешенные к обработке в рамках настоящей Политики конфиденциальности, включают в себя следующую информацию:\n2.2.1. фамилию, имя Пользователя;\n2.2.2. контактный телефон Пользователя;\n2.2.4. адрес;\n");
    assert_eq!(category(&p, "postal_address"), Some(false), "{p:?}");
    let p = run("Мы обрабатываем:\n• абонентский номер сотовой связи;\n• IP-адрес, вид браузера, географическое положение.\n");
    for id in ["phone", "geolocation"] {
        assert_eq!(category(&p, id), Some(false), "{id}: {p:?}");
    }
}
