//! Retention: stated periods (normalized to days) and the kinds of open-ended terms, found in
//! the units that hold a storage or term word.

use regex::Regex;

use super::*;
use crate::lexicon::fold;
use crate::model::RetentionKind;

/// The words of the period patterns (`data/lexicon/LANG/retention_*.tsv`).
#[derive(Debug, Clone)]
struct PeriodWords {
    /// Lead phrases as regex alternatives (`retention_leads.tsv`).
    leads: Vec<String>,
    /// Number words: (word as written, value, read in counted-from periods too).
    numbers: Vec<(&'static str, u64, bool)>,
    /// Number words folded (lower case, ё as е) → value.
    number_values: std::collections::HashMap<String, u64>,
    /// Units: (kind, stem, endings, hints).
    units: Vec<(UnitKind, &'static str, &'static str, &'static str)>,
    /// `retention_words.tsv`: words between number and unit.
    adjectives: Vec<&'static str>,
    /// `retention_words.tsv`: what a counted-from period's unit is followed by.
    counted_from: Vec<&'static str>,
    /// `retention_words.tsv`: words a unit needs for the account pattern to run.
    account: Vec<&'static str>,
    /// `retention_words.tsv`: words a unit without a storage word needs for the consent-term
    /// pattern to run («отзыв»).
    consent_hint: Vec<&'static str>,
    /// `retention_words.tsv`: words every match of the consent patterns contains, any case.
    consent_gate: Vec<&'static str>,
    /// `retention_words.tsv`: words every match of the law pattern contains, any case.
    law_gate: Vec<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum UnitKind {
    Year,
    Month,
    Week,
    Day,
}

fn period_words(files: &crate::lexicon::LanguageFiles) -> PeriodWords {
    use crate::lexicon::rows;
    let leads = rows::<2>("retention_leads.tsv", files.retention_leads)
        .into_iter()
        .map(|[phrase, punct]| {
            let mut alt = spaced(phrase);
            match punct {
                "dash" => alt.push_str(r"(?:\s*[—–:-])?"),
                "-" => {}
                p => panic!("retention_leads.tsv: PUNCT {p:?} is neither dash nor -"),
            }
            alt
        })
        .collect();
    let numbers: Vec<(&'static str, u64, bool)> =
        rows::<3>("retention_numbers.tsv", files.retention_numbers)
            .into_iter()
            .map(|[word, value, after]| {
                let value = value
                    .parse()
                    .unwrap_or_else(|_| panic!("retention_numbers.tsv: {word}: VALUE {value:?}"));
                (word, value, after == "after")
            })
            .collect();
    let number_values = numbers.iter().map(|&(w, v, _)| (fold(w), v)).collect();
    let units = rows::<4>("retention_units.tsv", files.retention_units)
        .into_iter()
        .map(|[kind, stem, endings, hints]| {
            let kind = match kind {
                "year" => UnitKind::Year,
                "month" => UnitKind::Month,
                "week" => UnitKind::Week,
                "day" => UnitKind::Day,
                k => panic!("retention_units.tsv: unknown KIND {k:?}"),
            };
            (kind, stem, endings, hints)
        })
        .collect();
    let mut w = PeriodWords {
        leads,
        numbers,
        number_values,
        units,
        adjectives: Vec::new(),
        counted_from: Vec::new(),
        account: Vec::new(),
        consent_hint: Vec::new(),
        consent_gate: Vec::new(),
        law_gate: Vec::new(),
    };
    for [class, phrase] in rows::<2>("retention_words.tsv", files.retention_words) {
        match class {
            "adjective" => w.adjectives.push(phrase),
            "counted_from" => w.counted_from.push(phrase),
            "account" => w.account.push(phrase),
            "consent_hint" => w.consent_hint.push(phrase),
            "consent_gate" => w.consent_gate.push(phrase),
            "law_gate" => w.law_gate.push(phrase),
            c => panic!("retention_words.tsv: unknown CLASS {c:?}"),
        }
    }
    w
}

/// A phrase as a regex: each word literal, a space any run of spaces.
fn spaced(phrase: &str) -> String {
    phrase
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// Cheap literal test before [`RE_PERIOD`]: the text names a unit of time (one of the units'
/// hints).
#[cfg(test)]
fn names_time_unit(w: &PeriodWords, t: &str) -> bool {
    w.units
        .iter()
        .flat_map(|u| u.3.split(' '))
        .any(|h| t.contains(h))
}

/// The units' hints in one automaton: [`names_time_unit`] in one pass over a unit instead of
/// one substring search per hint.
fn time_unit_hints(w: &PeriodWords) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::new(w.units.iter().flat_map(|u| u.3.split(' ')))
        .expect("retention unit hints")
}

/// The regex of a period's number (group 1), an optional number in brackets and adjective, and
/// its unit (group 2); `after`: only the number words read in counted-from periods.
fn number_and_unit(w: &PeriodWords, after: bool) -> String {
    let numbers: Vec<String> = w
        .numbers
        .iter()
        .filter(|n| !after || n.2)
        .map(|n| regex::escape(n.0))
        .collect();
    let adjectives: Vec<String> = w.adjectives.iter().map(|a| spaced(a)).collect();
    let units: Vec<String> = w
        .units
        .iter()
        .map(|&(_, stem, endings, _)| {
            if endings == "-" {
                return regex::escape(stem);
            }
            let ends: Vec<String> = endings
                .split(',')
                .map(|e| {
                    if e == "-" {
                        String::new()
                    } else {
                        regex::escape(e)
                    }
                })
                .collect();
            format!("{}(?:{})", regex::escape(stem), ends.join("|"))
        })
        .collect();
    format!(
        r"(\d{{1,3}}|{})\s*(?:\([^)]{{1,30}}\)\s*)?(?:(?:{})\s+)?({})",
        numbers.join("|"),
        adjectives.join("|"),
        units.join("|")
    )
}

/// A period: «в течение 3 лет», «хранятся 5 лет», «Срок хранения — 25 лет», «3 (три) года».
fn period_regex(w: &PeriodWords) -> Regex {
    period_with_boundary(w, r"\b")
}
/// [`period_regex`] without its word boundaries: it matches wherever the period regex matches
/// (dropping an assertion only widens a pattern), and unlike it the lazy DFA runs it on Cyrillic
/// text (a Unicode `\b` makes the regex crate search with the backtracker from every position
/// of the unit). It tells [`period_captures`] where the period regex's next match can start.
fn period_loose_regex(w: &PeriodWords) -> Regex {
    period_with_boundary(w, "")
}
fn period_with_boundary(w: &PeriodWords, b: &str) -> Regex {
    Regex::new(&format!(
        r"(?i)(?:(?:{})\s+)?{b}{}{b}",
        w.leads.join("|"),
        number_and_unit(w, false)
    ))
    .unwrap()
}

/// The captures of `p.period` in `t`, exactly those of `p.period.captures_iter(t)`: the
/// leftmost match from `pos` starts no earlier than the leftmost match of `p.period_loose`
/// from `pos` (which matches wherever the period regex does), so the period regex is searched
/// from there (`captures_at` sees the text before it for `\b`), and not at all when the loose
/// regex finds nothing. A period is never empty, so the next search starts at the match's end.
fn period_captures<'t>(p: &'t Patterns, t: &'t str) -> impl Iterator<Item = regex::Captures<'t>> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let from = p.period_loose.find_at(t, pos)?.start();
        let c = p.period.captures_at(t, from)?;
        pos = c.get(0).map_or(t.len(), |m| m.end());
        Some(c)
    })
}
/// «1 (одного) года после её удаления», «3 года с момента последнего заказа»: a period named by
/// what it is counted from.
fn period_after_regex(w: &PeriodWords) -> Regex {
    let from: Vec<String> = w.counted_from.iter().map(|p| spaced(p)).collect();
    Regex::new(&format!(
        r"(?i)(?:^|[^\w]){}\s+(?:{})",
        number_and_unit(w, true),
        from.join("|")
    ))
    .unwrap()
}

/// The kinds of open-ended terms (`retention_kinds.tsv`): one regex per kind, its rows joined
/// as alternatives in file order.
fn kind_regexes(files: &crate::lexicon::LanguageFiles) -> [Regex; 6] {
    const KINDS: [&str; 6] = [
        "account",
        "purpose_done",
        "unlimited",
        "consent",
        "consent_term",
        "law",
    ];
    let rows = crate::lexicon::rows::<2>("retention_kinds.tsv", files.retention_kinds);
    if let Some([k, _]) = rows.iter().find(|[k, _]| !KINDS.contains(k)) {
        panic!("retention_kinds.tsv: unknown KIND {k:?}");
    }
    KINDS.map(|kind| {
        let alts: Vec<&str> = rows
            .iter()
            .filter(|[k, _]| *k == kind)
            .map(|[_, re]| *re)
            .collect();
        assert!(!alts.is_empty(), "retention_kinds.tsv: no {kind} row");
        Regex::new(&alts.join("|")).unwrap_or_else(|e| panic!("retention_kinds.tsv: {kind}: {e}"))
    })
}

fn number_word(w: &PeriodWords, s: &str) -> Option<u64> {
    if let Ok(n) = s.parse::<u64>() {
        return Some(n);
    }
    w.number_values.get(&fold(s)).copied()
}

/// A period in days: a year is 365 days, a month round(365 / 12 × n) days (so 12 months are a
/// year and 6 months 183 days), a week 7. The unit is of the kind of the first unit row whose
/// stem starts it.
fn period_days(w: &PeriodWords, n: u64, unit: &str) -> u64 {
    let s = unit.to_lowercase();
    let kind = w
        .units
        .iter()
        .find(|u| s.starts_with(u.1))
        .map_or(UnitKind::Day, |u| u.0);
    match kind {
        UnitKind::Year => n * 365,
        UnitKind::Month => (n * 365 + 6) / 12,
        UnitKind::Week => n * 7,
        UnitKind::Day => n,
    }
}

/// Verbs whose deadline is not a retention term («прекращает обработку в течение 10 рабочих
/// дней», «ответ в течение 30 дней», «уведомляет в течение 3 дней»), and ages («старше 14 лет»).
/// Data: `data/lexicon/LANG/not_retention_before.txt`.
/// A case-insensitive test for any of `words` (none: no gate).
fn gate(words: &[&str]) -> Option<Regex> {
    (!words.is_empty()).then(|| {
        let alts: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        Regex::new(&format!("(?i){}", alts.join("|"))).expect("gate words")
    })
}

fn not_retention_before(files: &crate::lexicon::LanguageFiles) -> Vec<&'static str> {
    crate::lexicon::words(files.not_retention_before).collect()
}

/// The retention rules: the period words, the compiled patterns and the deadline words, built
/// once with the taxonomy.
#[derive(Debug, Clone)]
pub(super) struct Patterns {
    words: PeriodWords,
    period: Regex,
    /// [`period_loose_regex`].
    period_loose: Regex,
    period_after: Regex,
    /// [`time_unit_hints`].
    time_units: aho_corasick::AhoCorasick,
    account: Regex,
    purpose_done: Regex,
    unlimited: Regex,
    consent: Regex,
    consent_term: Regex,
    /// What every match of `consent` and `consent_term` contains (`consent_gate` words): a unit
    /// without it is not searched for them (a cheap pass instead of their large automata).
    withdrawal: Option<Regex>,
    law: Regex,
    /// What every match of `law` contains (`law_gate` words).
    law_word: Option<Regex>,
    not_retention_before: Vec<&'static str>,
}

impl Patterns {
    pub(super) fn new(files: &crate::lexicon::LanguageFiles) -> Self {
        let words = period_words(files);
        let (withdrawal, law_word) = (gate(&words.consent_gate), gate(&words.law_gate));
        let [account, purpose_done, unlimited, consent, consent_term, law] = kind_regexes(files);
        Patterns {
            period: period_regex(&words),
            period_loose: period_loose_regex(&words),
            period_after: period_after_regex(&words),
            time_units: time_unit_hints(&words),
            words,
            account,
            purpose_done,
            unlimited,
            consent,
            consent_term,
            law,
            withdrawal,
            law_word,
            not_retention_before: not_retention_before(files),
        }
    }
}

/// Whether the words before a period (back to the nearest «,», «;» or sentence end) make it a
/// deadline for an action or an age.
fn deadline_before(words: &[&str], ut: &str, at: usize) -> bool {
    let before = &ut[..at];
    let from = before.rfind(['.', ';', ',', ':']).map_or(0, |p| p + 1);
    let clause = before[from..].to_lowercase();
    words.iter().any(|w| clause.contains(w))
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
    let p = &tax.rules.retention;
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
    let mut store_at: Vec<usize> = Vec::new();
    for t in toks {
        let c = tax.matcher.cue(t.id);
        if c & CUE_STORE != 0 {
            store_at.push(t.start as usize);
        }
        if c & (CUE_STORE | CUE_TERM) != 0 {
            if let Some(i) = units.find(t.start as usize) {
                if wanted.last() != Some(&i) {
                    wanted.push(i);
                }
            }
        }
    }
    // The items of a list whose lead speaks of storage («Сроки хранения: • Логи: 1 год», not
    // «Сроки рассмотрения заявлений: …»), and the units stating a consent term without a
    // storage word (pattern 10 of issue 12).
    for (i, u) in units.units.iter().enumerate() {
        if let Some((a, b)) = u.lead {
            let k = store_at.partition_point(|&p| p < a);
            if store_at.get(k).is_some_and(|&p| p < b) {
                wanted.push(i);
            }
        }
    }
    // Only the units holding a consent hint («отзыв») are searched (the pattern's bounded gaps make a large
    // automaton; run over a whole text it costs more than all the rest of retention).
    for hint in &p.words.consent_hint {
        let mut last = None;
        for pos in memchr::memmem::find_iter(text.as_bytes(), hint.as_bytes()) {
            let Some(i) = units.find(pos) else { continue };
            if last == Some(i) {
                continue;
            }
            last = Some(i);
            let u = &units.units[i];
            if p.consent_term.is_match(&text[u.start..u.end]) {
                wanted.push(i);
            }
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
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
        let after = p.words.counted_from.iter().any(|p| ut.contains(p));
        // A period needs a unit of time: the regexes only run on units that name one.
        let timed = p.time_units.is_match(ut);
        let periods = timed
            .then(|| period_captures(p, ut))
            .into_iter()
            .flatten()
            .chain(
                (timed && after)
                    .then(|| p.period_after.captures_iter(ut))
                    .into_iter()
                    .flatten(),
            );
        for m in periods {
            let (Some(n), Some(u)) = (m.get(1), m.get(2)) else {
                continue;
            };
            if let Some(n) = number_word(&p.words, n.as_str()) {
                let all = m.get(0).unwrap();
                if deadline_before(&p.not_retention_before, ut, all.start()) {
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
                    Some(period_days(&p.words, n, u.as_str())),
                    us + all.start() + lead,
                    us + all.end(),
                );
            }
        }
        let account = p.words.account.iter().any(|w| ut.contains(w));
        // Patterns whose every match holds a word the unit lacks are not run.
        let withdrawal = p.withdrawal.as_ref().is_none_or(|g| g.is_match(ut));
        let law_word = p.law_word.as_ref().is_none_or(|g| g.is_match(ut));
        for (re, kind) in [
            (&p.purpose_done, RetentionKind::UntilPurposeAchieved),
            (&p.account, RetentionKind::UntilAccountDeleted),
            (&p.unlimited, RetentionKind::Unlimited),
            (&p.consent, RetentionKind::UntilConsentWithdrawn),
            (&p.consent_term, RetentionKind::UntilConsentWithdrawn),
            (&p.law, RetentionKind::AsRequiredByLaw),
        ] {
            if kind == RetentionKind::UntilAccountDeleted && !account
                || kind == RetentionKind::UntilConsentWithdrawn && !withdrawal
                || kind == RetentionKind::AsRequiredByLaw && !law_word
            {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The code before the period words moved to data (issue 8.8), kept to prove the data
    /// gives the same results: see `period_words_match_the_old_code`.
    mod old {
        use regex::Regex;
        use std::sync::LazyLock;

        pub(super) fn names_time_unit(t: &str) -> bool {
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

        /// «в течение срока действия учётной записи», «пока аккаунт существует», «до удаления аккаунта»,
        /// «пока вы пользуетесь Сервисом», «(данные учётной записи хранятся) до её удаления».
        pub(super) const RE_ACCOUNT: &str = r"(?i)срока?\s+действия\s+(?:вашей\s+|вашего\s+)?(?:уч[её]тной\s+записи|аккаунта|профиля|личного\s+кабинета)|пока\s+(?:ваш\s+|ваша\s+)?(?:аккаунт|уч[её]тная\s+запись|профиль|личный\s+кабинет)\s+(?:существует|активен|активна|не\s+удал[её]н)|до\s+(?:момента\s+)?удаления\s+(?:вашего\s+|вашей\s+)?(?:аккаунта|уч[её]тной\s+записи|профиля|личного\s+кабинета)|пока\s+(?:вы|пользователь)\s+(?:пользуетесь|пользуется)|до\s+(?:момента\s+)?(?:е[её]|его)\s+удаления|(?:после|при)\s+удалени[иья]\s+(?:вашего\s+|вашей\s+)?(?:аккаунта|уч[её]тной\s+записи|профиля|личного\s+кабинета)|while\s+(?:the|your)\s+account\s+exists";
        /// Until the purposes are achieved, in the forms real policies use (issue 12, pattern 10):
        /// «до достижения целей», «определяется достижением целей», «не дольше, чем этого требуют цели»,
        /// «не дольше, чем требуется для обработки обращения», «в течение срока, необходимого для
        /// выполнения заказа», «до завершения использования Сервиса», «в течение срока действия
        /// договора» / «срока оказания услуг».
        pub(super) const RE_PURPOSE_DONE: &str = r"(?i)(?:до|для|по)\s+(?:момента\s+)?достижени[яеи]\s+(?:целей|цели)|достижением\s+(?:целей|цели)|пока\s+(?:это\s+)?(?:необходимо|требуется)|не\s+дольше,?\s+(?:чем\s+)?(?:это(?:го)?\s+|того\s+)?(?:требу[а-я]+|необходимо|нужно)|не\s+дольше[^.;]{0,30}?(?:цел[а-я]*|срока?,?\s+необходим[а-я]*)|срока?,?\s+(?:необходим|требуем)[а-я]*\s+для\s+(?:достижения|выполнения|исполнения|обработки|оказания|рассмотрения|предоставления)|до\s+(?:момента\s+)?(?:завершения|окончания|прекращения)\s+(?:использования|оказания|срока|работы|действия\s+договора)|в\s+течение\s+(?:всего\s+)?срока\s+(?:оказания|предоставления)\s+услуг|срока?\s+действия\s+(?:заключенного\s+|заключённого\s+)?(?:договора|пользовательского\s+соглашения|оферты)";
        pub(super) const RE_UNLIMITED: &str =
            r"(?i)без\s+ограничения\s+срока|неограниченн[а-я]*|бессрочн[а-я]*";
        pub(super) const RE_CONSENT: &str = r"(?i)до\s+(?:момента\s+)?(?:отзыва|его\s+отзыва)(?:\s+[а-яё]+){0,3}?\s+согласия|(?:до|или)\s+(?:момента\s+)?отзыва\s+согласия|до\s+(?:момента\s+)?его\s+отзыва";
        /// A consent term in a unit without a storage word (issue 12, pattern 10): «Настоящее согласие
        /// действует до момента его отзыва», «даёт согласие … до отзыва согласия», «В случае отзыва
        /// согласия Оператор прекращает обработку», «Условием прекращения обработки … может являться …
        /// отзыв согласия». Searched in the units that hold «отзыв».
        pub(super) const RE_CONSENT_TERM: &str = r"(?i)(?:согласие|согласия)[^.;]{0,40}?(?:действует|действительно|дается|даётся|дает|даёт|предоставляется)[^.;]{0,80}?до\s+(?:момента\s+)?(?:его\s+)?отзыва|(?:дает|даёт|дается|даётся)\s+согласие[^.;]{0,80}?до\s+(?:момента\s+)?(?:его\s+)?отзыва|(?:в\s+случае|при)\s+отзыв[а-я]*\s+(?:[а-яё]+\s+){0,2}согласия[^.;]{0,120}?прекраща[а-я]*\s+(?:обработк|использовани)|условием\s+прекращения\s+обработки[^.]{0,200}?отзыв\s+согласия";
        pub(super) const RE_LAW: &str = r"(?i)срок[а-я]*[^.;]{0,40}?(?:установленн|предусмотренн|определенн|определённ|требуем)[а-я]*[^.;]{0,30}?(?:законодательств|закон)|(?:не\s+менее|в\s+течение|до\s+истечения)\s+срока?\s+исковой\s+давности";

        pub(super) static RE_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?i)(?:(?:в\s+течени[ея]|не\s+более|не\s+менее|на\s+протяжении|сроком(?:\s+на|\s+в)?|на\s+срок|срок(?:ом)?\s+хранения(?:\s+составляет)?(?:\s*[—–:-])?|составляет|до|через)\s+)?\b(\d{1,3}|одного|один|одной|одну|двух|два|трех|трёх|три|четырех|четырёх|четыре|пяти|пять|шести|шесть|десяти|десять|двенадцати|двенадцать|тридцати|тридцать|девяноста|ста)\s*(?:\([^)]{1,30}\)\s*)?(?:(?:календарных|рабочих|полных)\s+)?(лет|года?|месяц(?:а|ев)?|дн(?:я|ей)|день|недел(?:ь|и|ю))\b",
            )
            .unwrap()
        });
        pub(super) static RE_PERIOD_AFTER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?i)(?:^|[^\w])(\d{1,3}|одного|один|одной|одну|двух|два|трех|трёх|три|пяти|пять|десяти|десять)\s*(?:\([^)]{1,30}\)\s*)?(?:(?:календарных|рабочих|полных)\s+)?(лет|года?|месяц(?:а|ев)?|дн(?:я|ей)|день|недел(?:ь|и|ю))\s+(?:после|с\s+момента|с\s+даты|со\s+дня)",
            )
            .unwrap()
        });

        pub(super) fn number_word(s: &str) -> Option<u64> {
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

        pub(super) fn period_days(n: u64, unit: &str) -> u64 {
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

        pub(super) fn after(ut: &str) -> bool {
            ut.contains("после")
                || ut.contains("с момента")
                || ut.contains("с даты")
                || ut.contains("со дня")
        }

        /// Widened since the move by issue 12: «удалени» (also «при удалении аккаунта»).
        pub(super) fn account(ut: &str) -> bool {
            ut.contains("действия")
                || ut.contains("пока")
                || ut.contains("удалени")
                || ut.contains("account")
        }
    }

    fn captures(re: &Regex, t: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        re.captures_iter(t)
            .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
            .collect()
    }

    /// Every line and every sentence-sized piece of `corpus/*.txt` (and `../shared/mining` and
    /// `../shared/dev` when present), as written, in lower and in upper case, the whole
    /// `corpus/*.txt` documents, plus generated
    /// periods: every number word × adjective × unit form × what may follow.
    fn equivalence_texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = std::collections::BTreeSet::new();
        for dir in [
            root.join("corpus"),
            root.join("../shared/mining/corpus"),
            root.join("../shared/dev/corpus"),
        ] {
            let Ok(rd) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in rd.flatten() {
                if e.path().extension().is_none_or(|x| x != "txt") {
                    continue;
                }
                let t = std::fs::read_to_string(e.path()).unwrap();
                for piece in t.lines().flat_map(|l| l.split_inclusive(['.', ';'])) {
                    out.insert(piece.to_string());
                    out.insert(piece.to_lowercase());
                    out.insert(piece.to_uppercase());
                }
                if dir == root.join("corpus") {
                    // whole documents too: a period may run across a line break
                    out.insert(t);
                }
            }
        }
        let leads = [
            "",
            "в течение ",
            "в течения ",
            "не более ",
            "Срок хранения — ",
            "сроком на ",
            "сроком  хранения составляет: ",
            "до ",
            "через ",
            "на срок ",
            "хранятся ",
            // glued to a word before: no boundary before the number
            "ы",
            "до 5 летом и ",
        ];
        let numbers = [
            "1",
            "3",
            "12",
            "одного",
            "один",
            "одной",
            "одну",
            "двух",
            "два",
            "трех",
            "трёх",
            "три",
            "четырех",
            "четырёх",
            "четыре",
            "пяти",
            "пять",
            "шести",
            "шесть",
            "десяти",
            "десять",
            "двенадцати",
            "двенадцать",
            "тридцати",
            "тридцать",
            "девяноста",
            "ста",
            "сто",
            "3 (трёх)",
        ];
        let units = [
            "лет",
            "год",
            "года",
            "месяц",
            "месяца",
            "месяцев",
            "дня",
            "дней",
            "день",
            "дн",
            "недель",
            "недели",
            "неделю",
            "неделя",
            "календарных дней",
            "рабочих дней",
            "полных лет",
        ];
        let tails = [
            "",
            ".",
            " после удаления",
            " с момента",
            " с  даты",
            " со дня",
            "ми",
        ];
        for l in leads {
            for n in numbers {
                for u in units {
                    for t in tails {
                        let s = format!("{l}{n} {u}{t}");
                        out.insert(s.to_uppercase());
                        out.insert(s);
                    }
                }
            }
        }
        out.into_iter().collect()
    }

    /// The gates of the consent and law patterns hold wherever those patterns match: on the
    /// equivalence texts and on generated statements.
    #[test]
    fn gates_hold_where_their_patterns_match() {
        let p = Patterns::new(&crate::lexicon::LANGUAGES[0]);
        assert_eq!(p.withdrawal.as_ref().unwrap().as_str(), "(?i)отзыв");
        assert_eq!(p.law_word.as_ref().unwrap().as_str(), "(?i)закон|давности");
        let mut texts = equivalence_texts();
        for s in [
            "до момента отзыва согласия",
            "ДО ЕГО ОТЗЫВА",
            "Согласие действует до его Отзыва",
            "при отзыве субъектом согласия Оператор прекращает обработку",
            "Условием прекращения обработки может являться отзыв согласия",
            "в сроки, установленные законодательством",
            "в течение срока исковой ДАВНОСТИ",
            "сроки, определённые Законом",
        ] {
            texts.push(s.to_string());
            texts.push(s.to_uppercase());
        }
        let mut found = [0; 3];
        for t in &texts {
            for (i, (re, gate)) in [
                (&p.consent, p.withdrawal.as_ref().unwrap()),
                (&p.consent_term, p.withdrawal.as_ref().unwrap()),
                (&p.law, p.law_word.as_ref().unwrap()),
            ]
            .into_iter()
            .enumerate()
            {
                if re.is_match(t) {
                    found[i] += 1;
                    assert!(gate.is_match(t), "{} {t}", re.as_str());
                }
            }
        }
        // the phrases above and the corpus give 6 matches of each pattern (more with ../shared)
        assert!(found.iter().all(|&n| n >= 6), "{found:?}");
    }

    /// The period patterns and words built from data/lexicon/ru/retention_*.tsv find what the
    /// old literal code found, on every text piece of the corpus (and mining and dev sets when
    /// present) and the generated periods.
    /// The kind regexes read from data/lexicon/ru/retention_kinds.tsv are the old literals.
    #[test]
    fn kind_regexes_are_the_old_literals() {
        let got = kind_regexes(&crate::lexicon::LANGUAGES[0]);
        let want = [
            old::RE_ACCOUNT,
            old::RE_PURPOSE_DONE,
            old::RE_UNLIMITED,
            old::RE_CONSENT,
            old::RE_CONSENT_TERM,
            old::RE_LAW,
        ];
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g.as_str(), w);
        }
        let p = Patterns::new(&crate::lexicon::LANGUAGES[0]);
        assert_eq!(p.words.consent_hint, ["отзыв"]);
        // every language's files load
        for f in crate::lexicon::LANGUAGES {
            Patterns::new(f);
        }
    }

    #[test]
    fn period_words_match_the_old_code() {
        let texts = equivalence_texts();
        assert!(texts.len() > 10_000, "{}", texts.len());
        let mut found = 0;
        let p = Patterns::new(&crate::lexicon::LANGUAGES[0]);
        let w = &p.words;
        for t in &texts {
            assert_eq!(names_time_unit(w, t), old::names_time_unit(t), "{t}");
            assert_eq!(p.time_units.is_match(t), old::names_time_unit(t), "{t}");
            let (new, old) = (captures(&p.period, t), captures(&old::RE_PERIOD, t));
            assert_eq!(new, old, "RE_PERIOD {t}");
            let narrowed: Vec<Vec<Option<(usize, usize)>>> = period_captures(&p, t)
                .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                .collect();
            assert_eq!(narrowed, new, "period_captures {t}");
            found += new.len();
            assert_eq!(
                captures(&p.period_after, t),
                captures(&old::RE_PERIOD_AFTER, t),
                "RE_PERIOD_AFTER {t}"
            );
            assert_eq!(
                w.counted_from.iter().any(|c| t.contains(c)),
                old::after(t),
                "{t}"
            );
            assert_eq!(
                w.account.iter().any(|a| t.contains(a)),
                old::account(t),
                "{t}"
            );
            for word in t.split(|c: char| !c.is_alphanumeric()).take(200) {
                assert_eq!(number_word(w, word), old::number_word(word), "{word}");
                assert_eq!(period_days(w, 7, word), old::period_days(7, word), "{word}");
            }
        }
        assert!(found > 1000, "{found}");
        eprintln!("retention: {} texts, {found} periods compared", texts.len());
    }
}
