use super::*;
use crate::context::DocContext;

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
