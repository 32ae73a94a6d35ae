//! Dates and the document's effective date.
//!
//! Every full date (`06.10.2025`, `6 октября 2025 года`, `«01» января 2026 г.`, `2026-01-15`,
//! `January 15, 2026`) gets a role from the words just before it (same line, or the line above when
//! the date stands alone): `in_force` («вступает в силу», «Дата вступления в силу»), `edition`
//! («Редакция от», «Последнее обновление», «Дата публикации», «УТВЕРЖДЕНО»), `registration` (ОГРН,
//! ОГРНИП, регистрация), `law` («Федерального закона от 27.07.2006 № 152-ФЗ»), `document` (a date
//! alone on its line or written «dd» месяца), else `other`. The effective date is the first
//! in-force date, else the first edition date, else the first document date. A month without a
//! day («апрель 2025 г.») is not a date.

use regex::Regex;

use super::scan;
use super::Extraction;
use crate::context::DocContext;
use crate::model::{DateMention, DateRole, Mention, MentionKind};

/// English month stems (Russian ones are in `data/lexicon/ru/months.tsv`).
const EN_MONTHS: &[(&str, u32)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Russian months (`data/lexicon/ru/months.tsv`): (number, stem, genitive), in file order.
fn ru_months() -> Vec<(u32, &'static str, &'static str)> {
    crate::lexicon::rows::<3>(
        "months.tsv",
        include_str!("../../data/lexicon/ru/months.tsv"),
    )
    .into_iter()
    .map(|[n, stem, genitive]| {
        let n = n
            .parse()
            .unwrap_or_else(|_| panic!("months.tsv: NUMBER {n:?}"));
        (n, stem, genitive)
    })
    .collect()
}

/// The genitive month names as a regex group.
fn ru_month(months: &[(u32, &str, &str)]) -> String {
    let names: Vec<String> = months.iter().map(|m| regex::escape(m.2)).collect();
    format!("(?:{})", names.join("|"))
}

const EN_MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?";

/// A full date. Searched only inside [`date_regions`], whose bounds follow this pattern's shape
/// (a 19xx/20xx year, what may stand before and after it): keep them in step.
fn date_regex(months: &[(u32, &str, &str)]) -> Regex {
    let ru_month = ru_month(months);
    Regex::new(&format!(
        r"(?xi)
        (?P<d1>\d{{1,2}})[./](?P<m1>\d{{1,2}})[./](?P<y1>(?:19|20)\d\d)
      | (?P<y2>(?:19|20)\d\d)-(?P<m2>\d\d)-(?P<d2>\d\d)
      | (?P<q>«|\x22|“)?(?P<d3>\d{{1,2}})(?:»|\x22|”)?\s+(?P<m3>{ru_month})\s+(?P<y3>(?:19|20)\d\d)
        (?:\s*(?:г\.|года|год))?
      | (?P<d4>\d{{1,2}})\s+(?P<m4>{EN_MONTH})\s+(?P<y4>(?:19|20)\d\d)
      | (?P<m5>{EN_MONTH})\s+(?P<d5>\d{{1,2}}),?\s+(?P<y5>(?:19|20)\d\d)
    "
    ))
    .unwrap()
}

/// Cues before a date, nearest wins. Order of the groups: in force, edition, registration, law.
const CUE: &str = r"(?i)(?P<force>вступ[а-яёА-ЯЁa-zA-Z0-9_]*\s+в\s+(?:действие|силу)|в\s+силе\s+с|действует\s+с|effective)|(?P<edition>редакци[а-яёА-ЯЁa-zA-Z0-9_]*|обновлен[а-яёА-ЯЁa-zA-Z0-9_]*|изменен[а-яёА-ЯЁa-zA-Z0-9_]*|публикац[а-яёА-ЯЁa-zA-Z0-9_]*|опубликован[а-яёА-ЯЁa-zA-Z0-9_]*|составлен[а-яёА-ЯЁa-zA-Z0-9_]*|утвержд[а-яёА-ЯЁa-zA-Z0-9_]*|утверж|ред\.|версия\s+(?:от|документа|политики)|правк[а-яёА-ЯЁa-zA-Z0-9_]*|updated|revised)|(?P<reg>огрнип|огрн|регистрац[а-яёА-ЯЁa-zA-Z0-9_]*|зарегистрир[а-яёА-ЯЁa-zA-Z0-9_]*|свидетельств[а-яёА-ЯЁa-zA-Z0-9_]*)|(?P<law>закон[а-яёА-ЯЁa-zA-Z0-9_]*|кодекс[а-яёА-ЯЁa-zA-Z0-9_]*|указ[а-яёА-ЯЁa-zA-Z0-9_]*|постановлени[а-яёА-ЯЁa-zA-Z0-9_]*|фз|конвенци[а-яёА-ЯЁa-zA-Z0-9_]*|регламент[а-яёА-ЯЁa-zA-Z0-9_]*)";

/// A law's number right after a date: «от 27.07.2006 № 152-ФЗ», «от 21 мая 2013 года № 94-V».
const LAW_NUMBER_AFTER: &str =
    r"^[\s.,\u{a0}]*(?:г\.|года)?[\s\u{a0}]*(?:№|N)\s*\d+-(?:ФЗ|З|V|[IVX]+|\d+)";

/// This module's compiled patterns and month table, built once by the [`crate::Engine`].
pub(super) struct Patterns {
    /// Russian months (`data/lexicon/ru/months.tsv`): (number, stem, genitive), in file order.
    months: Vec<(u32, &'static str, &'static str)>,
    date: Regex,
    cue: Regex,
    law_number_after: Regex,
    /// Words before a date that starts its line (`data/lexicon/ru/date_leads.txt`).
    leads: Vec<&'static str>,
}

impl Patterns {
    pub(super) fn new() -> Self {
        let months = ru_months();
        Patterns {
            date: date_regex(&months),
            months,
            cue: Regex::new(CUE).unwrap(),
            law_number_after: Regex::new(LAW_NUMBER_AFTER).unwrap(),
            leads: super::lexicon::words(include_str!("../../data/lexicon/ru/date_leads.txt"))
                .collect(),
        }
    }
}

/// The month of a written month name: the first Russian stem (in file order), then the English
/// ones, that it starts with.
fn month_number(p: &Patterns, m: &str) -> Option<u32> {
    let m = m.to_lowercase();
    p.months
        .iter()
        .map(|&(n, stem, _)| (stem, n))
        .chain(EN_MONTHS.iter().copied())
        .find(|(stem, _)| m.starts_with(stem))
        .map(|(_, n)| n)
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// A date found in the text, in byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDate {
    pub value: String,
    pub role: DateRole,
    pub start: usize,
    pub end: usize,
}

/// Years «19…»/«20…» (literal digits: every [`date_regex`] match has one).
/// The starts of the non-overlapping occurrences of «19» and «20», leftmost first.
fn year_hits(text: &str) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i + 1 < b.len() {
            // the next «1» or «2» that has a byte after it, found by memchr
            let Some(k) = memchr::memchr2(b'1', b'2', &b[i..b.len() - 1]) else {
                i = b.len();
                return None;
            };
            let j = i + k;
            i = j + 1;
            if matches!((b[j], b[j + 1]), (b'1', b'9') | (b'2', b'0')) {
                i = j + 2;
                return Some(j);
            }
        }
        None
    })
}

/// `i` moved back over at most `n` chars for which `f` holds.
fn back_while(text: &str, i: usize, n: usize, f: impl Fn(char) -> bool) -> usize {
    text[..i]
        .char_indices()
        .rev()
        .take(n)
        .take_while(|&(_, c)| f(c))
        .last()
        .map_or(i, |(j, _)| j)
}

/// `i` moved forward over at most `n` chars for which `f` holds.
fn forward_while(text: &str, i: usize, n: usize, f: impl Fn(char) -> bool) -> usize {
    text[i..]
        .char_indices()
        .take(n)
        .take_while(|&(_, c)| f(c))
        .last()
        .map_or(i, |(j, c)| i + j + c.len_utf8())
}

/// This module's narrowed searches, for the registry (`extract::registry`).
pub(super) fn patterns(p: &Patterns) -> Vec<super::Registered<'_>> {
    vec![super::Registered::new(
        "dates",
        super::Narrowed::InRegions(&p.date, date_regions),
    )]
}

/// Regions of `text` where [`date_regex`] can match. Every match contains its year, which starts with
/// a hit of [`year_hits`]; before the year a match has at most two runs of spaces, each preceded
/// by at most 12 other chars («"01" января », «January 15, », «01.02.»), after it six chars
/// («-01-15») or spaces and four chars (« года»). Windows that overlap are merged, so no match
/// crosses a region's end.
fn date_regions(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let any = |_: char| true;
    let not_ws = |c: char| !c.is_whitespace();
    for y in year_hits(text) {
        let mut a = back_while(text, y, usize::MAX, char::is_whitespace);
        a = back_while(text, a, 12, not_ws);
        a = back_while(text, a, usize::MAX, char::is_whitespace);
        a = back_while(text, a, 12, not_ws);
        let year_end = forward_while(text, y, 4, any);
        let b = forward_while(text, year_end, 6, any);
        let ws_end = forward_while(text, year_end, usize::MAX, char::is_whitespace);
        let b = b.max(forward_while(text, ws_end, 4, any));
        out.push((a, b));
    }
    scan::merge(&mut out);
    out
}

/// All full dates in `text` with their roles.
fn find_dates(p: &Patterns, text: &str) -> Vec<FoundDate> {
    let mut out = Vec::new();
    scan::captures_in_regions(&p.date, text, &date_regions(text), |off, c| {
        let m = c.get(0).unwrap();
        let (ms, me) = (off + m.start(), off + m.end());
        // not part of a longer number or word ("4.1.10." is a clause number, not a date)
        let glued_before = text[..ms]
            .chars()
            .next_back()
            .is_some_and(|ch| ch.is_alphanumeric() || ch == '.');
        let glued_after = text[me..]
            .chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_digit());
        if glued_before || glued_after {
            return;
        }
        let num = |k: &str| c.name(k).and_then(|x| x.as_str().parse::<u32>().ok());
        let (d, mo, y) = if let Some(y) = num("y1") {
            (num("d1"), num("m1"), y)
        } else if let Some(y) = num("y2") {
            (num("d2"), num("m2"), y)
        } else if let Some(y) = num("y3") {
            (
                num("d3"),
                c.name("m3").and_then(|x| month_number(p, x.as_str())),
                y,
            )
        } else if let Some(y) = num("y4") {
            (
                num("d4"),
                c.name("m4").and_then(|x| month_number(p, x.as_str())),
                y,
            )
        } else if let Some(y) = num("y5") {
            (
                num("d5"),
                c.name("m5").and_then(|x| month_number(p, x.as_str())),
                y,
            )
        } else {
            return;
        };
        let (Some(d), Some(mo)) = (d, mo) else {
            return;
        };
        if !valid(y, mo, d) {
            return;
        }
        let role = role_of(p, text, ms, me, c.name("q").is_some());
        out.push(FoundDate {
            value: format!("{y:04}-{mo:02}-{d:02}"),
            role,
            start: ms,
            end: me,
        });
    });
    out
}

/// The start of the line of `pos` and the text before `pos` on it, trimmed, when that text is
/// empty or a bare «от»/«с» (`date_leads.txt`: a date that starts its line). The walk back stops at the first
/// character that rules this out, so a date in the middle of a long line costs nothing.
fn line_lead<'t>(p: &Patterns, text: &'t str, pos: usize) -> Option<(usize, &'t str)> {
    let blank = |c: char| c != '\n' && c.is_whitespace();
    let t = text[..pos].trim_end_matches(blank);
    let mut w = t.len();
    for (n, (i, c)) in t.char_indices().rev().enumerate() {
        if n == 2 || !c.is_alphabetic() {
            break;
        }
        w = i;
    }
    let word = &t[w..];
    if !word.is_empty() && !p.leads.contains(&word) {
        return None;
    }
    let head = t[..w].trim_end_matches(blank);
    (head.is_empty() || head.ends_with('\n')).then_some((head.len(), word))
}

/// Whether nothing but blanks, dots and closing brackets follow `pos` on its line.
fn rest_of_line_blank(text: &str, pos: usize) -> bool {
    let rest = &text[pos..];
    let line = match rest.find(|c: char| c == '\n' || !(c.is_whitespace() || c == '.' || c == ')'))
    {
        Some(i) if rest[i..].starts_with('\n') => &rest[..i],
        Some(_) => return false,
        None => rest,
    };
    line.trim().trim_end_matches(['.', ')']).trim().is_empty()
}

fn role_of(p: &Patterns, text: &str, start: usize, end: usize, guillemets: bool) -> DateRole {
    let lead = line_lead(p, text, start);
    let alone = lead.is_some_and(|(_, w)| w.is_empty()) && rest_of_line_blank(text, end);
    // where to look for a cue: the line so far (up to 120 bytes), or the lines above for a date
    // that starts its line (label and value on separate lines)
    // «от 10.01.2025» alone on its line under «УТВЕРЖДЕНО / Приказ директора / …» starts its
    // line too: the label is above.
    let window_start = if let Some((line_start, _)) = lead {
        // up to three lines above, within 150 bytes
        let bound = line_start.saturating_sub(150);
        let from = text.floor_char_boundary(bound);
        let mut s = line_start;
        for _ in 0..3 {
            if s <= bound {
                break;
            }
            s = text[from..s - 1]
                .rfind('\n')
                .map_or(bound, |i| from + i + 1);
        }
        s.max(bound)
    } else {
        let near = start.saturating_sub(120);
        let from = text.floor_char_boundary(near);
        text[from..start]
            .rfind('\n')
            .map_or(near, |i| (from + i + 1).max(near))
    };
    let window = &text[text.floor_char_boundary(window_start)..start];
    let nearest = p.cue.captures_iter(window).last();
    if p.law_number_after.is_match(scan::window(text, end, 40))
        && !nearest
            .as_ref()
            .is_some_and(|c| c.name("edition").is_some() || c.name("force").is_some())
    {
        return DateRole::Law;
    }
    if let Some(c) = nearest {
        if c.name("force").is_some() {
            return DateRole::InForce;
        }
        if c.name("edition").is_some() {
            return DateRole::Edition;
        }
        if c.name("reg").is_some() {
            return DateRole::Registration;
        }
        if c.name("law").is_some() {
            return DateRole::Law;
        }
    }
    if alone || guillemets {
        return DateRole::Document;
    }
    DateRole::Other
}

/// Pick the effective date: in force, then edition, then an unlabelled document date.
pub fn effective(dates: &[FoundDate]) -> Option<String> {
    [DateRole::InForce, DateRole::Edition, DateRole::Document]
        .iter()
        .find_map(|role| {
            dates
                .iter()
                .find(|d| d.role == *role)
                .map(|d| d.value.clone())
        })
}

pub(super) fn extract(p: &Patterns, ctx: &DocContext, out: &mut Extraction) {
    let found = find_dates(p, ctx.text);
    out.effective_date = effective(&found);
    for d in found {
        let text = ctx.text[d.start..d.end].to_string();
        let start = ctx.char_offset(d.start);
        let end = ctx.char_offset(d.end);
        let clause = ctx.clause_at(d.start);
        out.mentions.push(Mention {
            kind: MentionKind::Date,
            text: text.clone(),
            value: d.value.clone(),
            valid: None,
            start,
            end,
            clause: clause.clone(),
        });
        out.dates.push(DateMention {
            value: d.value,
            role: d.role,
            text,
            start,
            end,
            clause,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The month data gives what the old literal code gave (issue 8.8): the same regex group
    /// and the same month for every word of the corpus in three letter cases and every prefix
    /// of every month name.
    #[test]
    fn month_data_matches_the_old_code() {
        const OLD_RU_MONTH: &str = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)";
        const OLD_MONTHS: &[(&str, u32)] = &[
            ("январ", 1),
            ("феврал", 2),
            ("март", 3),
            ("апрел", 4),
            ("ма", 5),
            ("июн", 6),
            ("июл", 7),
            ("август", 8),
            ("сентябр", 9),
            ("октябр", 10),
            ("ноябр", 11),
            ("декабр", 12),
        ];
        fn old_month_number(m: &str) -> Option<u32> {
            let m = m.to_lowercase();
            if m.starts_with("мар") {
                return Some(3);
            }
            OLD_MONTHS
                .iter()
                .chain(super::EN_MONTHS)
                .find(|(stem, _)| m.starts_with(stem))
                .map(|&(_, n)| n)
        }
        assert_eq!(super::ru_month(&super::ru_months()), OLD_RU_MONTH);
        let mut words: Vec<String> = Vec::new();
        for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")).unwrap() {
            let t = std::fs::read_to_string(e.unwrap().path()).unwrap();
            words.extend(t.split(|c: char| !c.is_alphabetic()).map(str::to_string));
        }
        for (stem, _) in OLD_MONTHS {
            for w in ["января февраля марта апреля мая июня июля августа сентября октября ноября декабря March Mayo", stem] {
                for w in w.split(' ') {
                    for k in 0..=w.chars().count() {
                        words.push(w.chars().take(k).collect());
                    }
                }
            }
        }
        for w in &words {
            for w in [w.clone(), w.to_uppercase(), w.to_lowercase()] {
                assert_eq!(
                    super::month_number(&crate::extract::compiled().dates, &w),
                    old_month_number(&w),
                    "{w}"
                );
            }
        }
    }

    /// The bounded walks give what a search of the whole line gives.
    /// The memchr walk finds the matches of `19|20`.
    #[test]
    fn year_hits_are_the_regex_matches() {
        let re = regex::Regex::new("19|20").unwrap();
        let mut texts = crate::extract::scan::test_texts();
        texts.extend(
            [
                "",
                "1",
                "2",
                "19",
                "20",
                "192019",
                "1920",
                "2019",
                "11920",
                "2220",
                "у1920г 20",
            ]
            .map(String::from),
        );
        for t in &texts {
            let want: Vec<usize> = re.find_iter(t).map(|m| m.start()).collect();
            assert_eq!(year_hits(t).collect::<Vec<_>>(), want, "{t:?}");
        }
    }

    #[test]
    fn line_walks_match_the_whole_line() {
        let p = Patterns::new();
        let text = "УТВЕРЖДЕНО\nПриказом\n  от 10.01.2025 г.\nс 01.02.2025).\nвот 1.1.2020\n \t \n   3.3.2023 \nв ред. от 5.5.2025";
        for (start, _) in text.char_indices() {
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let lead = text[line_start..start].trim();
            let want = matches!(lead, "" | "от" | "От" | "с" | "С").then_some((line_start, lead));
            assert_eq!(line_lead(&p, text, start), want, "at {start}");
            let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            let blank = text[start..line_end]
                .trim()
                .trim_end_matches(['.', ')'])
                .trim()
                .is_empty();
            assert_eq!(rest_of_line_blank(text, start), blank, "at {start}");
        }
    }

    #[test]
    fn approval_block_with_the_date_under_it() {
        // held-out h04: the approval stamp of a Belarusian policy, no «вступает в силу»
        let text =
            "УТВЕРЖДЕНО\nПриказ директора\nЧУП «ФитЛайн Сервис»\nот 10.01.2025 № 3-ОД\n\nПОЛИТИКА";
        let found = find_dates(&crate::extract::compiled().dates, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].role, DateRole::Edition);
        assert_eq!(effective(&found).as_deref(), Some("2025-01-10"));
    }

    fn roles(text: &str) -> Vec<(String, &'static str)> {
        find_dates(&crate::extract::compiled().dates, text)
            .into_iter()
            .map(|d| (d.value, d.role.as_str()))
            .collect()
    }

    fn eff(text: &str) -> Option<String> {
        effective(&find_dates(&crate::extract::compiled().dates, text))
    }

    #[test]
    fn labelled_dates() {
        let cases = [
            (
                "Дата вступления в силу: 6 октября 2025 года\nг. Краснодар",
                "2025-10-06",
                "in_force",
            ),
            (
                "Новая редакция вступает в силу с 06.10.2025",
                "2025-10-06",
                "in_force",
            ),
            (
                "(изменения вступили в силу с 19.08.2026)",
                "2026-08-19",
                "in_force",
            ),
            ("Редакция от 12 апреля 2026 года", "2026-04-12", "edition"),
            (
                "Последнее обновление: 1 мая 2026 г.",
                "2026-05-01",
                "edition",
            ),
            ("Дата публикации: 25.05.2026", "2026-05-25", "edition"),
            ("Дата составления: 14.08.2026", "2026-08-14", "edition"),
            ("Дата обновления: 15 января 2026", "2026-01-15", "edition"),
            // issue 12: other edition labels of real policies
            (
                "Версия документа: 15 июля 2026 года.",
                "2026-07-15",
                "edition",
            ),
            (
                "Последние правки относятся к 23 февраля 2021 года.",
                "2021-02-23",
                "edition",
            ),
            (
                "Дата последнего обновления: 28 февраля 2026 года.",
                "2026-02-28",
                "edition",
            ),
            (
                "Дата вступления в силу\n«6» мая 2026 г.\nОператор",
                "2026-05-06",
                "in_force",
            ),
            ("г. Москва\n«01» января 2026 г.\n", "2026-01-01", "document"),
            (
                "ОГРНИП: 321673300028243 от 9 августа 2021 г.",
                "2021-08-09",
                "registration",
            ),
            (
                "Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»",
                "2006-07-27",
                "law",
            ),
            (
                "Законом Республики Казахстан от 21 мая 2013 года № 94-V «О",
                "2013-05-21",
                "law",
            ),
            (
                "(ст. 9 Федерального закона № 152-ФЗ от 27.07.2006)",
                "2006-07-27",
                "law",
            ),
            ("Last updated: March 5, 2026", "2026-03-05", "edition"),
        ];
        for (text, value, role) in cases {
            assert_eq!(roles(text), [(value.to_string(), role)], "{text}");
        }
    }

    #[test]
    fn approval_with_an_order_number_is_an_edition() {
        let text = "УТВЕРЖДЕНО\nПриказ директора\nООО «FAP.CAP»\n18.08.2026 № 128\n\n(изменения вступили в силу с 19.08.2026)";
        assert_eq!(
            roles(text),
            [
                ("2026-08-18".to_string(), "edition"),
                ("2026-08-19".to_string(), "in_force")
            ]
        );
        assert_eq!(eff(text).as_deref(), Some("2026-08-19"));
    }

    #[test]
    fn not_document_dates() {
        assert_eq!(eff("Последнее обновление: апрель 2025 г."), None);
        assert_eq!(eff("ОГРНИП: 321673300028243 от 9 августа 2021 г."), None);
        assert_eq!(eff("© 2026 Все права защищены"), None);
        assert_eq!(eff("Федерального закона от 27.07.2006. № 152-ФЗ"), None);
        // clause numbers are not dates
        assert_eq!(roles("4.1.10. Предоставления Пользователю"), []);
        assert_eq!(roles("31.02.2026"), []);
    }

    #[test]
    fn seed_000_prefers_the_in_force_date() {
        let text = "ПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ\n\nДата вступления в силу: 6 октября 2025 года\nг. Краснодар\n\nНастоящая Политика опубликована на сайте <https://balloons.pro> и вступает в силу с 6 октября 2025 года.";
        assert_eq!(eff(text).as_deref(), Some("2025-10-06"));
        let text =
            "Дата публикации: 13 апреля 2026 г.\nНастоящая Политика вступает в силу с 14.04.2026";
        assert_eq!(eff(text).as_deref(), Some("2026-04-14"));
    }
}
