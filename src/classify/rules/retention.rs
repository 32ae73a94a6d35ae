//! Retention: stated periods (normalized to days) and the kinds of open-ended terms, found in
//! the units that hold a storage or term word.

use std::sync::LazyLock;

use regex::Regex;

use super::*;
use crate::model::RetentionKind;

/// Cheap literal test before [`RE_PERIOD`]: the text names a unit of time (any case).
fn names_time_unit(t: &str) -> bool {
    const UNITS: &[&str] = &[
        "лет",
        "год",
        "месяц",
        "дн",
        "день",
        "недел",
        "Лет",
        "Год",
        "Месяц",
        "Дн",
        "День",
        "Недел",
        "ЛЕТ",
        "ГОД",
        "МЕСЯЦ",
        "ДН",
        "ДЕН",
        "НЕДЕЛ",
    ];
    UNITS.iter().any(|u| t.contains(u))
}

/// A period: «в течение 3 лет», «хранятся 5 лет», «Срок хранения — 25 лет», «3 (три) года».
static RE_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:(?:в\s+течени[ея]|не\s+более|не\s+менее|на\s+протяжении|сроком(?:\s+на|\s+в)?|на\s+срок|срок(?:ом)?\s+хранения(?:\s+составляет)?(?:\s*[—–:-])?|составляет|до|через)\s+)?\b(\d{1,3}|одного|один|одной|одну|двух|два|трех|трёх|три|четырех|четырёх|четыре|пяти|пять|шести|шесть|десяти|десять|двенадцати|двенадцать|тридцати|тридцать|девяноста|ста)\s*(?:\([^)]{1,30}\)\s*)?(?:(?:календарных|рабочих|полных)\s+)?(лет|года?|месяц(?:а|ев)?|дн(?:я|ей)|день|недел(?:ь|и|ю))\b",
    )
    .unwrap()
});
/// «1 (одного) года после её удаления», «3 года с момента последнего заказа»: a period named by
/// what it is counted from.
static RE_PERIOD_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[^\w])(\d{1,3}|одного|один|одной|одну|двух|два|трех|трёх|три|пяти|пять|десяти|десять)\s*(?:\([^)]{1,30}\)\s*)?(?:(?:календарных|рабочих|полных)\s+)?(лет|года?|месяц(?:а|ев)?|дн(?:я|ей)|день|недел(?:ь|и|ю))\s+(?:после|с\s+момента|с\s+даты|со\s+дня)",
    )
    .unwrap()
});
/// «в течение срока действия учётной записи», «пока аккаунт существует», «до удаления аккаунта»,
/// «пока вы пользуетесь Сервисом», «(данные учётной записи хранятся) до её удаления».
static RE_ACCOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)срока?\s+действия\s+(?:вашей\s+|вашего\s+)?(?:уч[её]тной\s+записи|аккаунта|профиля|личного\s+кабинета|договора|пользовательского\s+соглашения)|пока\s+(?:ваш\s+|ваша\s+)?(?:аккаунт|уч[её]тная\s+запись|профиль|личный\s+кабинет)\s+(?:существует|активен|активна|не\s+удал[её]н)|до\s+(?:момента\s+)?удаления\s+(?:вашего\s+|вашей\s+)?(?:аккаунта|уч[её]тной\s+записи|профиля|личного\s+кабинета)|пока\s+(?:вы|пользователь)\s+(?:пользуетесь|пользуется)|до\s+(?:момента\s+)?(?:е[её]|его)\s+удаления|while\s+(?:the|your)\s+account\s+exists",
    )
    .unwrap()
});
static RE_PURPOSE_DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:до|для)\s+(?:момента\s+)?достижени[яе]\s+(?:целей|цели)|пока\s+(?:это\s+)?(?:необходимо|требуется)").unwrap()
});
static RE_UNLIMITED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)без\s+ограничения\s+срока|неограниченн[а-я]*|бессрочн[а-я]*").unwrap()
});
static RE_CONSENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)до\s+(?:момента\s+)?(?:отзыва|его\s+отзыва)(?:\s+[а-яё]+){0,3}?\s+согласия|до\s+(?:момента\s+)?отзыва\s+согласия|до\s+(?:момента\s+)?его\s+отзыва").unwrap()
});
static RE_LAW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)срок[а-я]*[^.;]{0,40}?(?:установленн|предусмотренн|определенн|определённ|требуем)[а-я]*[^.;]{0,30}?(?:законодательств|закон)").unwrap()
});

fn number_word(s: &str) -> Option<u64> {
    if let Ok(n) = s.parse::<u64>() {
        return Some(n);
    }
    let s = s.to_lowercase().replace('ё', "е");
    Some(match s.as_str() {
        "один" | "одного" | "одной" | "одну" => 1,
        "два" | "двух" => 2,
        "три" | "трех" => 3,
        "четырех" | "четыре" => 4,
        "пять" | "пяти" => 5,
        "шесть" | "шести" => 6,
        "десять" | "десяти" => 10,
        "двенадцати" | "двенадцать" => 12,
        "тридцать" | "тридцати" => 30,
        "девяноста" => 90,
        "ста" => 100,
        _ => return None,
    })
}

/// A period in days: a year is 365 days, a month round(365 / 12 × n) days (so 12 months are a
/// year and 6 months 183 days), a week 7.
fn period_days(n: u64, unit: &str) -> u64 {
    let s = unit.to_lowercase();
    if s.starts_with("лет") || s.starts_with("год") {
        n * 365
    } else if s.starts_with("месяц") {
        (n * 365 + 6) / 12
    } else if s.starts_with("недел") {
        n * 7
    } else {
        n
    }
}

/// Verbs whose deadline is not a retention term («прекращает обработку в течение 10 рабочих
/// дней», «ответ в течение 30 дней», «уведомляет в течение 3 дней»), and ages («старше 14 лет»).
/// Data: `data/lexicon/ru/not_retention_before.txt`.
static NOT_RETENTION_BEFORE: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| {
        crate::lexicon::words(include_str!(
            "../../../data/lexicon/ru/not_retention_before.txt"
        ))
        .collect()
    });

/// Whether the words before a period (back to the nearest «,», «;» or sentence end) make it a
/// deadline for an action or an age.
fn deadline_before(ut: &str, at: usize) -> bool {
    let before = &ut[..at];
    let from = before.rfind(['.', ';', ',', ':']).map_or(0, |p| p + 1);
    let clause = before[from..].to_lowercase();
    NOT_RETENTION_BEFORE.iter().any(|w| clause.contains(w))
}

/// Retention statements in units that speak about storage («хранятся», «срок хранения»,
/// «срок обработки»), excluding deadlines for answering requests.
pub(super) fn retention(
    tax: &Taxonomy,
    ctx: &DocContext,
    toks: &[Token],
    units: &mut Units,
) -> Vec<Retention> {
    let text = ctx.text;
    let mut out: Vec<Retention> = Vec::new();
    let mut seen: std::collections::HashSet<(RetentionKind, Option<u64>)> = Default::default();
    let mut push = |kind: RetentionKind, days: Option<u64>, s: usize, e: usize| {
        if !seen.insert((kind, days)) {
            return;
        }
        out.push(Retention {
            kind,
            days,
            evidence: ctx.evidence(s, e, false),
        });
    };
    // Units holding a storage or term word, found from the tokens (no text scan per unit).
    let mut wanted: Vec<usize> = Vec::new();
    for t in toks {
        if tax.matcher.cue(t.id) & (CUE_STORE | CUE_TERM) != 0 {
            if let Some(i) = units.find(t.start as usize) {
                if wanted.last() != Some(&i) {
                    wanted.push(i);
                }
            }
        }
    }
    for i in wanted {
        let (us, ue) = (units.units[i].start, units.units[i].end);
        let ut = &text[us..ue];
        let sp = units.span(tax, text, toks, i);
        // A deadline for answering a request («рассматривает запрос в течение 10 рабочих дней»),
        // not a retention term («хранятся не более 1 года с момента последнего обращения»).
        if sp.cues & CUE_REQUEST != 0 && (sp.cues & CUE_ANSWER != 0 || sp.cues & CUE_STORE == 0) {
            continue;
        }
        let mut found = false;
        // «… года после», «… с момента»: only units with such a word can hold a period counted
        // from an event (the regex is not run on the others).
        let after = ut.contains("после")
            || ut.contains("с момента")
            || ut.contains("с даты")
            || ut.contains("со дня");
        // A period needs a unit of time: the regexes only run on units that name one.
        let timed = names_time_unit(ut);
        let periods = timed
            .then(|| RE_PERIOD.captures_iter(ut))
            .into_iter()
            .flatten()
            .chain(
                (timed && after)
                    .then(|| RE_PERIOD_AFTER.captures_iter(ut))
                    .into_iter()
                    .flatten(),
            );
        for m in periods {
            let (Some(n), Some(u)) = (m.get(1), m.get(2)) else {
                continue;
            };
            if let Some(n) = number_word(n.as_str()) {
                let all = m.get(0).unwrap();
                if deadline_before(ut, all.start()) {
                    continue;
                }
                found = true;
                // RE_PERIOD_AFTER starts with the char before the number.
                let lead = all
                    .as_str()
                    .chars()
                    .next()
                    .filter(|&c| !crate::classify::matcher::is_word_char(c))
                    .map_or(0, char::len_utf8);
                push(
                    RetentionKind::Period,
                    Some(period_days(n, u.as_str())),
                    us + all.start() + lead,
                    us + all.end(),
                );
            }
        }
        let account = ut.contains("действия")
            || ut.contains("пока")
            || ut.contains("удаления")
            || ut.contains("account");
        for (re, kind) in [
            (&*RE_PURPOSE_DONE, RetentionKind::UntilPurposeAchieved),
            (&*RE_ACCOUNT, RetentionKind::UntilAccountDeleted),
            (&*RE_UNLIMITED, RetentionKind::Unlimited),
            (&*RE_CONSENT, RetentionKind::UntilConsentWithdrawn),
            (&*RE_LAW, RetentionKind::AsRequiredByLaw),
        ] {
            if kind == RetentionKind::UntilAccountDeleted && !account {
                continue;
            }
            if let Some(m) = re.find(ut) {
                found = true;
                push(kind, None, us + m.start(), us + m.end());
            }
        }
        units.retains[i] = Some(found);
    }
    out
}
