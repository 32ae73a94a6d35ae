//! Contacts: e-mail addresses, phone numbers and websites.
//!
//! * emails are lowercased;
//! * phones are digits with the country code (8XXXXXXXXXX → 7XXXXXXXXXX, 8 0XX… → 375…);
//! * websites are lowercased hosts without `www.` from URLs and bare domains with a known TLD.
//!   An email's domain, a dotted email local part and a Telegram `@handle` are not websites.
//!
//! All three lists are deduplicated in order of first appearance; every occurrence is a mention.

use std::sync::LazyLock;

use regex::Regex;

use super::Entities;
use crate::context::DocContext;
use crate::model::Mention;

static EMAIL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9][a-z0-9._%+\-]*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,24}")
        .unwrap()
});

static URL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?|ftp)://(?:[^\s/@]+@)?([^\s/?#<>"'«»()\[\]{}|\\,;:]+)(?::\d+)?"#)
        .unwrap()
});

/// Top-level domains accepted for bare domains (a URL with a scheme accepts any host).
const TLDS: &[&str] = &[
    "ru",
    "рф",
    "su",
    "kz",
    "қаз",
    "by",
    "бел",
    "ua",
    "uz",
    "kg",
    "am",
    "az",
    "ge",
    "md",
    "tj",
    "tm",
    "com",
    "org",
    "net",
    "info",
    "biz",
    "io",
    "pro",
    "dev",
    "me",
    "app",
    "ai",
    "co",
    "online",
    "site",
    "store",
    "shop",
    "tech",
    "cloud",
    "space",
    "club",
    "xyz",
    "edu",
    "gov",
    "us",
    "uk",
    "de",
    "eu",
    "tv",
    "cc",
    "moscow",
    "travel",
    "agency",
    "studio",
    "digital",
    "school",
    "academy",
    "media",
    "team",
    "market",
    "center",
    "group",
    "ltd",
    "llc",
    "fm",
    "ly",
    "gg",
    "lv",
    "lt",
    "ee",
    "pl",
    "cz",
    "fr",
    "nl",
    "ch",
    "cn",
    "jp",
    "tr",
    "il",
    "ae",
    "ca",
    "au",
    "page",
    "link",
    "website",
    "world",
    "life",
    "art",
    "design",
    "events",
    "expert",
    "education",
    "health",
    "beauty",
    "fitness",
    "services",
    "solutions",
];

static DOMAIN_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,62}[\p{L}\p{N}])?\.)+([\p{L}]{2,24})").unwrap()
});

/// A phone candidate: optional "+", then digits, spaces, dashes and brackets (no line breaks).
static PHONE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?[ \u{A0}]?\(?\d(?:[\d \u{A0}\-–()]{5,24})\d").unwrap());

/// A phone label shortly before a candidate.
static PHONE_LABEL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:тел\.?|телефон\w*|моб\.?|мобильный|whatsapp|viber|факс|phone|tel\.?|горячая линия)[^\n\d+]{0,12}$")
        .unwrap()
});

fn push_unique(list: &mut Vec<String>, v: &str) {
    if !list.iter().any(|x| x == v) {
        list.push(v.to_string());
    }
}

fn mention(ctx: &DocContext, kind: &str, start: usize, end: usize, value: &str) -> Mention {
    Mention {
        kind: kind.to_string(),
        text: ctx.text[start..end].to_string(),
        value: value.to_string(),
        valid: None,
        start: ctx.char_offset(start),
        end: ctx.char_offset(end),
        clause: ctx.clause_at(start),
    }
}

fn overlaps(spans: &[(usize, usize)], s: usize, e: usize) -> bool {
    spans.iter().any(|&(a, b)| s < b && a < e)
}

/// Normalize a host: lowercase, no trailing dots, no `www.`.
fn norm_host(h: &str) -> String {
    let h = h.trim_end_matches('.').to_lowercase();
    h.strip_prefix("www.").map(str::to_string).unwrap_or(h)
}

/// Digits of a phone candidate with the country code, or `None` when it is no phone.
fn phone_value(cand: &str, labelled: bool) -> Option<String> {
    let plus = cand.trim_start().starts_with('+');
    let d: String = cand.chars().filter(char::is_ascii_digit).collect();
    let separated = cand.contains([' ', '-', '(', '–', '\u{A0}']);
    if plus {
        let ok = match d.as_bytes().first() {
            Some(b'7') => d.len() == 11,
            Some(b'3') if d.starts_with("375") || d.starts_with("380") => d.len() == 12,
            Some(b'3') if d.starts_with("374") => d.len() == 11,
            _ => (10..=13).contains(&d.len()),
        };
        return ok.then_some(d);
    }
    if !(separated || labelled) {
        // A bare digit run is a phone only when it is an 8-prefixed 11-digit number with a label
        // nearby; identifiers, accounts and postal codes are bare digit runs too.
        return None;
    }
    match d.len() {
        11 if d.starts_with("80") => Some(format!("375{}", &d[2..])),
        11 if d.starts_with('8') => Some(format!("7{}", &d[1..])),
        11 if d.starts_with('7') && (labelled || cand.contains('(')) => Some(d),
        12 if labelled && (d.starts_with("375") || d.starts_with("380")) => Some(d),
        10 if labelled && (d.starts_with('9') || d.starts_with("8")) => Some(format!("7{d}")),
        _ => None,
    }
}

fn find_emails(ctx: &DocContext, out: &mut Entities, taken: &mut Vec<(usize, usize)>) {
    for m in EMAIL_RE.find_iter(ctx.text) {
        let (s, e) = (m.start(), m.end());
        if ctx.text[..s]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '.')
        {
            continue;
        }
        let v = m.as_str().to_lowercase();
        out.mentions.push(mention(ctx, "email", s, e, &v));
        push_unique(&mut out.emails, &v);
        taken.push((s, e));
    }
}

fn find_websites(ctx: &DocContext, out: &mut Entities, taken: &mut Vec<(usize, usize)>) {
    let text = ctx.text;
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    let mut url_spans: Vec<(usize, usize)> = Vec::new();
    for c in URL_RE.captures_iter(text) {
        let whole = c.get(0).unwrap();
        let h = c.get(1).unwrap();
        let raw = h.as_str().trim_end_matches('.');
        let host = norm_host(raw);
        // Extend the span over the path so that bare-domain matching skips it.
        let mut end = whole.end();
        end += text[end..]
            .find(|ch: char| ch.is_whitespace() || "<>\"'«»()[]{}".contains(ch))
            .unwrap_or(text.len() - end);
        url_spans.push((whole.start(), end));
        if host.contains('.') && !host.starts_with('.') {
            found.push((h.start(), h.start() + raw.len(), host));
        }
    }
    for c in DOMAIN_RE.captures_iter(text) {
        let m = c.get(0).unwrap();
        let (s, mut e) = (m.start(), m.end());
        if overlaps(&url_spans, s, e) || overlaps(taken, s, e) {
            continue;
        }
        let tld = c.get(1).unwrap().as_str().to_lowercase();
        if !TLDS.contains(&tld.as_str()) {
            continue;
        }
        let prev = text[..s].chars().next_back();
        let next = text[e..].chars().next();
        // "@handle.ru", "a.b.c/path" continued from before, "kvant.bz@yandex.ru", "host.ru-x".
        if prev
            .is_some_and(|c| c == '@' || c == '/' || c == '.' || c == '-' || c == '_' || c == '\\')
            || next.is_some_and(|c| c == '@' || c == '-' || c == '_' || c.is_alphanumeric())
        {
            continue;
        }
        // A domain never mixes Cyrillic and Latin letters ("Яндекс.Метрика.ru" aside).
        let host_str = m.as_str();
        let cyr = host_str
            .chars()
            .any(|c| ('\u{400}'..='\u{4FF}').contains(&c));
        let lat = host_str.chars().any(|c| c.is_ascii_alphabetic());
        if cyr && lat {
            continue;
        }
        // Skip the path after a bare domain.
        if text[e..].starts_with('/') {
            e += text[e..]
                .find(|ch: char| ch.is_whitespace() || "<>\"'«»()[]{}".contains(ch))
                .unwrap_or(text.len() - e);
        }
        url_spans.push((s, e));
        found.push((s, m.end(), norm_host(host_str)));
    }
    found.sort_by_key(|f| f.0);
    for (s, e, host) in found {
        out.mentions.push(mention(ctx, "website", s, e, &host));
        push_unique(&mut out.websites, &host);
    }
    taken.extend(url_spans);
}

fn find_phones(ctx: &DocContext, out: &mut Entities, taken: &[(usize, usize)]) {
    let text = ctx.text;
    for m in PHONE_RE.find_iter(text) {
        let (mut s, mut e) = (m.start(), m.end());
        let mut cand = m.as_str();
        // Leading "(" or space belongs to the phone only when the number follows.
        let trimmed = cand.trim_start_matches([' ', '\u{A0}']);
        s += cand.len() - trimmed.len();
        cand = trimmed;
        // Unbalanced trailing ")" (a phone in brackets).
        while cand.ends_with(')') && cand.matches('(').count() < cand.matches(')').count() {
            cand = &cand[..cand.len() - 1];
            e -= 1;
        }
        let prev = text[..s].chars().next_back();
        let next = text[e..].chars().next();
        if prev.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '.' || c == ',')
            || next.is_some_and(|c| {
                c.is_alphanumeric()
                    || c == '.' && text[e + 1..].starts_with(|c: char| c.is_ascii_digit())
            })
        {
            continue;
        }
        if overlaps(taken, s, e) {
            continue;
        }
        let line_start = text[..s].rfind('\n').map_or(0, |i| i + 1);
        let mut from = line_start.max(s.saturating_sub(60));
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = &text[from..s];
        let labelled = PHONE_LABEL_RE.is_match(before);
        let Some(v) = phone_value(cand, labelled) else {
            continue;
        };
        out.mentions.push(mention(ctx, "phone", s, e, &v));
        push_unique(&mut out.phones, &v);
    }
}

pub fn extract(ctx: &DocContext, out: &mut Entities) {
    // Spans already taken by identifiers (ids run first) are not phones.
    let mut taken: Vec<(usize, usize)> = out
        .identifiers
        .iter()
        .map(|i| (i.start, i.end))
        .chain(out.mentions.iter().map(|m| (m.start, m.end)))
        .map(|(a, b)| (ctx.byte_offset(a), ctx.byte_offset(b)))
        .collect();
    find_emails(ctx, out, &mut taken);
    find_websites(ctx, out, &mut taken);
    find_phones(ctx, out, &taken);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Entities {
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = Entities::default();
        super::super::ids::extract(&ctx, &mut e);
        extract(&ctx, &mut e);
        e
    }

    #[test]
    fn emails() {
        let cases: &[(&str, &[&str])] = &[
            ("Email: support@balloons.pro", &["support@balloons.pro"]),
            (
                "Электронная почта: kvant.bz@yandex.ru",
                &["kvant.bz@yandex.ru"],
            ),
            ("по адресу: **dokaclub@ya.ru**", &["dokaclub@ya.ru"]),
            (
                "E-mail: Anatolii.Marandyuk@Gmail.com.",
                &["anatolii.marandyuk@gmail.com"],
            ),
            (
                "почта info@litoflex.by, info@litoflex.by",
                &["info@litoflex.by"],
            ),
            ("Telegram-бота @BauSquadBot.", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(run(text).emails, *want, "{text}");
        }
    }

    #[test]
    fn websites() {
        let cases: &[(&str, &[&str])] = &[
            ("опубликована на сайте <https://balloons.pro> и вступает", &["balloons.pro"]),
            ("Используя Сервис Baloons.pro, Пользователь", &["baloons.pro"]),
            ("ПОЛИТИКА ОБРАБОТКИ ПЕРСОНАЛЬНЫХ ДАННЫХ ООО «FAP.CAP.ru»", &["fap.cap.ru"]),
            ("Общество «FAP.CAP» (УНП 190657494)", &[]),
            ("Электронная почта: kvant.bz@yandex.ru", &[]),
            ("по адресу https://thismywebsite.com/privacy/.", &["thismywebsite.com"]),
            ("сайта www.litoflex.by (далее — Сайт)", &["litoflex.by"]),
            ("доступна на странице pro-schools.ru/politika-konfidentsialnosti/.", &["pro-schools.ru"]),
            ("сайта lenta-nerzhavejushhaja-aisi.ru (далее", &["lenta-nerzhavejushhaja-aisi.ru"]),
            ("защиты персональных данных (cpd.by) или в суд", &["cpd.by"]),
            ("сайт ШколыРоссии.рф и account.goodfaceteam.ru", &["школыроссии.рф", "account.goodfaceteam.ru"]),
            ("по адресу <http://flirt-master.ru/confidential.pdf> .", &["flirt-master.ru"]),
            ("файл confidential.pdf, index.html, т.е. и т.д., г.Москва, ул.Московская, TLS 1.3, v2.0.1", &[]),
            ("(Яндекс.Метрика и др.), Next.js", &[]),
            ("https://sparcom.ru/documents?tab=privacy. И https://sparcom.ru.", &["sparcom.ru"]),
            ("Telegram-бот @BauSquadBot и @name.ru", &[]),
            ("сервис referat.io.", &["referat.io"]),
        ];
        for (text, want) in cases {
            assert_eq!(run(text).websites, *want, "{text}");
        }
    }

    #[test]
    fn phones() {
        let cases: &[(&str, &[&str])] = &[
            ("+7 (926) 537-02-00", &["79265370200"]),
            ("Телефон: +7 995 306 30 70", &["79953063070"]),
            (
                "Телефон: 8-777-666-70-96\nWhatsApp: +7 777 666-70-96",
                &["77776667096"],
            ),
            (
                "+375(29)661-38-42 | +375(29)302-74-35",
                &["375296613842", "375293027435"],
            ),
            ("телефон — +375 (29) 282-88-78.", &["375292828878"]),
            ("Телефон: +7 (800) 200-39-43", &["78002003943"]),
            ("тел. 8 (029) 661-38-42", &["375296613842"]),
            ("Тел.: 89265370200", &["79265370200"]),
            ("+374 10 123456", &["37410123456"]),
        ];
        for (text, want) in cases {
            assert_eq!(run(text).phones, *want, "{text}");
        }
    }

    #[test]
    fn not_phones() {
        for text in [
            "ИНН: 771916365140 · ОГРНИП: 321774600501510",
            "Расчётный счёт: 40802810520000549924",
            "Адрес: 105187, г. Москва, ул. Фортунатовская, д. 31/35, кв. 98",
            "от 27.07.2006 № 152-ФЗ «О персональных данных»",
            "Версия документа 06052026",
            "ОГРНИП: 321673300028243 от 9 августа 2021 г.",
            "в течение 30 (тридцати) дней, 2024-2025 гг.",
            "Корр. счет: 30101810145250000974",
            "ИНН 7707 083 893",
        ] {
            let e = run(text);
            assert!(e.phones.is_empty(), "{text}: {:?}", e.phones);
        }
    }
}
