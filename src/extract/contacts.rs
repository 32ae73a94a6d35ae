//! Contacts: e-mail addresses, phone numbers and websites.
//!
//! * emails are lowercased;
//! * phones are digits with the country code (8XXXXXXXXXX → 7XXXXXXXXXX, 8 0XX… → 375…);
//! * websites are lowercased hosts without `www.` from URLs and bare domains whose TLD is in the
//!   Public Suffix List.
//!   An email's domain, a dotted email local part and a Telegram `@handle` are not websites.
//!
//! All three lists are deduplicated in order of first appearance; every occurrence is a mention.

use regex::Regex;

use super::scan::next_digit_plus_paren;
use super::Extraction;
use crate::context::DocContext;
use crate::dedup::Unique;
use crate::model::{Mention, MentionKind};

/// An email: local part, `@`, labels and a top-level domain of 2 to 24 letters. The regex
/// leaves the TLD unbounded (`\p{L}{2,24}` compiles to 24 copies of the letter class, several
/// milliseconds at start-up); [`emails`] cuts it at 24 letters, which is the same match.
const EMAIL: &str =
    r"(?i)[a-z0-9][a-z0-9._%+\-]*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?\.)+\p{L}{2,}";

/// This module's compiled patterns, built once by the [`crate::Engine`].
pub(super) struct Patterns {
    email: Regex,
    url: Regex,
    phone_label: Regex,
}

impl Patterns {
    pub(super) fn new() -> Self {
        Patterns {
            email: Regex::new(EMAIL).unwrap(),
            url: Regex::new(URL).unwrap(),
            phone_label: Regex::new(PHONE_LABEL).unwrap(),
        }
    }
}

/// Byte spans of the matches of `(?i)[a-z0-9][a-z0-9._%+\-]*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]*
/// [\p{L}\p{N}])?\.)+[\p{L}]{2,24}`, leftmost-first and non-overlapping like `find_iter`: the
/// unbounded TLD succeeds exactly when the bounded one does, so only the end differs.
fn emails(p: &Patterns, text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(m) = p.email.find_at(text, pos) {
        let tld = m
            .as_str()
            .rfind('.')
            .map_or(m.start(), |i| m.start() + i + 1);
        let end = text[tld..m.end()]
            .char_indices()
            .nth(24)
            .map_or(m.end(), |(i, _)| tld + i);
        out.push((m.start(), end));
        pos = end;
    }
    out
}

const URL: &str =
    r#"(?i)\b(?:https?|ftp)://(?:[^\s/@]+@)?([^\s/?#<>"'«»()\[\]{}|\\,;:]+)(?::\d+)?"#;

/// Top-level domains of the Public Suffix List that are also common file extensions: a bare
/// «settings.py», «archive.zip» or «main.rs» in a policy is a file, not a host (a URL with a
/// scheme still accepts them).
const FILE_EXTENSION_TLDS: &[&str] = &["zip", "mov", "py", "rs"];

/// Whether `tld` (lowercased) is a top-level domain of the ICANN section of the Public Suffix
/// List, which the `psl` crate embeds (issue 12, pattern 13: `.top`, `.shop`, `.online` and
/// every other new gTLD and IDN ccTLD, «рф», «қаз», «бел», without a list of our own to keep).
fn known_tld(tld: &str) -> bool {
    !FILE_EXTENSION_TLDS.contains(&tld)
        && psl::suffix(tld.as_bytes()).is_some_and(|s| s.typ() == Some(psl::Type::Icann))
}

/// A phone label shortly before a candidate.
const PHONE_LABEL: &str = r"(?i)\b(?:тел\.?|телефон\w*|моб\.?|мобильный|whatsapp|viber|факс|phone|tel\.?|горячая линия)[^\n\d+]{0,12}$";

/// The three deduplicated lists while they are filled (a hash set beside each list).
struct Lists {
    emails: Unique<String>,
    phones: Unique<String>,
    websites: Unique<String>,
}

fn push_unique(list: &mut Unique<String>, v: &str) {
    if !list.contains(v) {
        list.push(v.to_string());
    }
}

fn mention(ctx: &DocContext, kind: MentionKind, start: usize, end: usize, value: &str) -> Mention {
    Mention {
        kind,
        text: ctx.text[start..end].to_string(),
        value: value.to_string(),
        valid: None,
        start: ctx.char_offset(start),
        end: ctx.char_offset(end),
        clause: ctx.clause_at(start),
    }
}

/// Byte spans sorted by start, with the greatest end so far, so that an overlap test is a
/// binary search (a scan of every span per candidate is quadratic on a text full of contacts).
#[derive(Default)]
struct Spans {
    spans: Vec<(usize, usize)>,
    max_end: Vec<usize>,
}

impl Spans {
    fn new(mut spans: Vec<(usize, usize)>) -> Self {
        spans.sort_unstable();
        let mut s = Spans::default();
        for (a, b) in spans {
            s.push(a, b);
        }
        s
    }

    /// Add a span that starts at or after every span already there.
    fn push(&mut self, a: usize, b: usize) {
        debug_assert!(self.spans.last().is_none_or(|l| l.0 <= a));
        let m = self.max_end.last().map_or(b, |&m| m.max(b));
        self.spans.push((a, b));
        self.max_end.push(m);
    }

    /// Whether some span overlaps `s..e`.
    fn overlaps(&self, s: usize, e: usize) -> bool {
        let k = self.spans.partition_point(|&(a, _)| a < e);
        k > 0 && self.max_end[k - 1] > s
    }
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
    let separated = cand.contains([' ', '-', '(']) || cand.contains(PHONE_SEPARATORS);
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

fn find_emails(
    p: &Patterns,
    ctx: &DocContext,
    out: &mut Extraction,
    lists: &mut Lists,
    taken: &mut Vec<(usize, usize)>,
) {
    for (s, e) in emails(p, ctx.text) {
        if ctx.text[..s]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '.')
        {
            continue;
        }
        let v = ctx.text[s..e].to_lowercase();
        out.mentions
            .push(mention(ctx, MentionKind::Email, s, e, &v));
        push_unique(&mut lists.emails, &v);
        taken.push((s, e));
    }
}

/// The end of the URL path that goes on at `pos`: the next blank or bracket.
fn path_end_from(text: &str, pos: usize) -> usize {
    text[pos..]
        .find(|ch: char| ch.is_whitespace() || "<>\"'«»()[]{}".contains(ch))
        .map_or(text.len(), |i| pos + i)
}

/// Websites outside the `taken` spans; returns the spans of the URLs and domains (paths
/// included).
fn find_websites(
    p: &Patterns,
    ctx: &DocContext,
    out: &mut Extraction,
    lists: &mut Lists,
    taken: &Spans,
) -> Vec<(usize, usize)> {
    let text = ctx.text;
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    let mut url_spans: Vec<(usize, usize)> = Vec::new();
    let mut path_end = 0;
    for c in p.url.captures_iter(text) {
        let whole = c.get(0).unwrap();
        let h = c.get(1).unwrap();
        let raw = h.as_str().trim_end_matches('.');
        let host = norm_host(raw);
        // Extend the span over the path so that bare-domain matching skips it. A URL inside
        // the path of the previous one ends where that path ends (no search again).
        let end = if whole.end() <= path_end {
            path_end
        } else {
            path_end_from(text, whole.end())
        };
        path_end = end;
        url_spans.push((whole.start(), end));
        if host.contains('.') && !host.starts_with('.') {
            found.push((h.start(), h.start() + raw.len(), host));
        }
    }
    let urls = Spans::new(url_spans.clone());
    // Domains are found in text order: their spans go to an index of their own.
    let mut domains = Spans::default();
    let is_host_char = |c: char| c.is_alphanumeric() || c == '-' || c == '.';
    let mut consumed = 0;
    for (dot, _) in text.match_indices('.') {
        if dot < consumed {
            continue;
        }
        // A dot between a letter/digit and a letter (most dots end a sentence: a byte test
        // first).
        if text
            .as_bytes()
            .get(dot + 1)
            .is_some_and(|b| b.is_ascii() && !b.is_ascii_alphabetic())
        {
            continue;
        }
        let prev_ok = text[..dot]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let next_ok = text[dot + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphabetic);
        if !prev_ok || !next_ok {
            continue;
        }
        // Expand to the whole dotted token.
        let s = text[..dot]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_host_char(c))
            .last()
            .map_or(dot, |(i, _)| i);
        let e = dot
            + text[dot..]
                .char_indices()
                .take_while(|&(_, c)| is_host_char(c))
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8());
        consumed = e;
        let tok = text[s..e].trim_start_matches(['.', '-']);
        let s = e - text[s..e].len() + (text[s..e].len() - tok.len());
        let tok = tok.trim_end_matches(['.', '-']);
        let e = s + tok.len();
        if urls.overlaps(s, e) || domains.overlaps(s, e) || taken.overlaps(s, e) {
            continue;
        }
        let labels: Vec<&str> = tok.split('.').collect();
        if labels.len() < 2
            || labels
                .iter()
                .any(|l| l.is_empty() || l.starts_with('-') || l.ends_with('-'))
        {
            continue;
        }
        let tld = labels[labels.len() - 1].to_lowercase();
        if !tld.chars().all(char::is_alphabetic) || !known_tld(&tld) {
            continue;
        }
        // «г.Москва», «т.е»: a one-letter abbreviation before a Cyrillic TLD («.москва»,
        // «.дети») is not a domain.
        if !tld.is_ascii() && labels[labels.len() - 2].chars().count() < 2 {
            continue;
        }
        let prev = text[..s].chars().next_back();
        let next = text[e..].chars().next();
        // "@handle.ru", a path piece "/a.ru", "kvant.bz@yandex.ru", "host.ru_x".
        if prev.is_some_and(|c| c == '@' || c == '/' || c == '_' || c == '\\')
            || next.is_some_and(|c| c == '@' || c == '_')
        {
            continue;
        }
        // A domain never mixes Cyrillic and Latin letters.
        let cyr = tok.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c));
        let lat = tok.chars().any(|c| c.is_ascii_alphabetic());
        if cyr && lat {
            continue;
        }
        let mut span_end = e;
        if text[e..].starts_with('/') {
            span_end = path_end_from(text, e);
            consumed = consumed.max(span_end);
        }
        url_spans.push((s, span_end));
        domains.push(s, span_end);
        found.push((s, e, norm_host(tok)));
    }
    found.sort_by_key(|f| f.0);
    for (s, e, host) in found {
        out.mentions
            .push(mention(ctx, MentionKind::Website, s, e, &host));
        push_unique(&mut lists.websites, &host);
    }
    url_spans
}

/// The non-ASCII characters a phone may have between its digit groups, as written in
/// Word-made and typeset texts: the hyphens U+2010 and U+2011 (non-breaking), the figure dash
/// U+2012, the en dash U+2013 and the minus U+2212, and the spaces NBSP U+00A0, thin U+2009,
/// narrow no-break U+202F (normalization makes the spaces ASCII in a document, not in a text
/// given to the extractor directly).
const PHONE_SEPARATORS: &[char] = &[
    '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2212}', '\u{00A0}', '\u{2009}', '\u{202F}',
];

/// Whether the two bytes after a 0xE2 lead byte make one of the three-byte
/// [`PHONE_SEPARATORS`].
fn is_phone_separator(tail: Option<&[u8]>) -> bool {
    matches!(
        tail,
        Some([0x80, 0x90..=0x93 | 0x89 | 0xAF]) | Some([0x88, 0x92])
    )
}

/// Phone candidates: an optional "+", then digits, spaces, dashes and brackets on one line
/// (at most 30 characters), ending with a digit, with at least 10 digits. A byte scan: a
/// full-text regex over Cyrillic text is several times slower. Candidates start at a "+", "("
/// or digit.
fn phone_candidates(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        // Skip to the next "+", "(" or digit.
        i = next_digit_plus_paren(b, i);
        if i >= n {
            break;
        }
        let c = b[i];
        let mut j = if c == b'+' { i + 1 } else { i };
        let (mut digits, mut last_digit_end, mut chars) = (0, 0, 0);
        while j < n && chars < 30 {
            let len = match b[j] {
                b'0'..=b'9' => {
                    digits += 1;
                    last_digit_end = j + 1;
                    1
                }
                b' ' | b'-' | b'(' | b')' => 1,
                0xC2 if b.get(j + 1) == Some(&0xA0) => 2,
                0xE2 if is_phone_separator(b.get(j + 1..j + 3)) => 3,
                _ => 0,
            };
            if len == 0 {
                break;
            }
            j += len;
            chars += 1;
        }
        if digits >= 10 && last_digit_end > i {
            out.push((i, last_digit_end));
            i = last_digit_end;
        } else {
            i = j.max(i + 1);
        }
    }
    out
}

fn find_phones(
    p: &Patterns,
    ctx: &DocContext,
    out: &mut Extraction,
    lists: &mut Lists,
    taken: &Spans,
) {
    let text = ctx.text;
    for (s, e) in phone_candidates(text) {
        let (mut s, mut e) = (s, e);
        let mut cand = &text[s..e];
        // Leading "(" or space belongs to the phone only when the number follows.
        let trimmed = cand.trim_start_matches([' ', '\u{A0}']);
        s += cand.len() - trimmed.len();
        cand = trimmed;
        // Unbalanced "(" or ")" at the ends (a phone in brackets).
        if cand.starts_with('(') && cand.matches('(').count() > cand.matches(')').count() {
            cand = &cand[1..];
            s += 1;
        }
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
        if taken.overlaps(s, e) {
            continue;
        }
        // the line before the candidate, at most 60 bytes of it
        let near = text.ceil_char_boundary(s.saturating_sub(60));
        let before = &text[near..s];
        let before = before.rfind('\n').map_or(before, |i| &before[i + 1..]);
        let labelled = p.phone_label.is_match(before);
        let Some(v) = phone_value(cand, labelled) else {
            continue;
        };
        out.mentions
            .push(mention(ctx, MentionKind::Phone, s, e, &v));
        push_unique(&mut lists.phones, &v);
    }
}

pub(super) fn extract(p: &Patterns, ctx: &DocContext, out: &mut Extraction) {
    // Spans already taken by identifiers (ids run first) are not phones.
    let mut taken: Vec<(usize, usize)> = out
        .identifiers
        .iter()
        .map(|i| (i.start, i.end))
        .chain(out.mentions.iter().map(|m| (m.start, m.end)))
        .map(|(a, b)| (ctx.byte_offset(a), ctx.byte_offset(b)))
        .collect();
    let mut lists = Lists {
        emails: Unique::from_vec(std::mem::take(&mut out.emails)),
        phones: Unique::from_vec(std::mem::take(&mut out.phones)),
        websites: Unique::from_vec(std::mem::take(&mut out.websites)),
    };
    find_emails(p, ctx, out, &mut lists, &mut taken);
    let urls = find_websites(p, ctx, out, &mut lists, &Spans::new(taken.clone()));
    taken.extend(urls);
    find_phones(p, ctx, out, &mut lists, &Spans::new(taken));
    out.emails = lists.emails.into_vec();
    out.phones = lists.phones.into_vec();
    out.websites = lists.websites.into_vec();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_index_overlaps_like_a_scan() {
        let spans = vec![(10, 20), (0, 3), (12, 40), (50, 52), (50, 51)];
        let idx = Spans::new(spans.clone());
        for s in 0..60 {
            for e in s + 1..62 {
                let want = spans.iter().any(|&(a, b)| s < b && a < e);
                assert_eq!(idx.overlaps(s, e), want, "{s}..{e}");
            }
        }
    }

    #[test]
    fn emails_match_the_bounded_tld_regex() {
        let full = Regex::new(r"(?i)[a-z0-9][a-z0-9._%+\-]*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,24}").unwrap();
        let mut texts = crate::extract::scan::test_texts();
        texts.push(format!(
            "a@b.{}x@c.ru, ж@d.рф q@e.abcdefghijklmnopqrstuvwxyzабв@f.ru z@g.ru.5x",
            "й".repeat(30)
        ));
        for text in texts {
            let want: Vec<(usize, usize)> = full
                .find_iter(&text)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(
                super::emails(&crate::extract::compiled().contacts, &text),
                want
            );
        }
    }

    fn run(text: &str) -> Extraction {
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = Extraction::default();
        let c = crate::extract::compiled();
        super::super::ids::extract(&c.ids, &ctx, &mut e);
        extract(&c.contacts, &ctx, &mut e);
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
            // issue 12: any TLD of the Public Suffix List, not a list of our own
            ("магазин flowers.top и сайт tea.shop, а также kids.online", &["flowers.top", "tea.shop", "kids.online"]),
            ("портал услуги.москва и city.moscow", &["услуги.москва", "city.moscow"]),
            ("файлы settings.py, main.rs и backup.zip, г.Москва, т.д.", &[]),
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
    fn phones_with_unicode_hyphens_and_spaces() {
        // Every dash or space variant, between every digit group.
        for sep in PHONE_SEPARATORS {
            for (text, want) in [
                ("8 (800) 555{s}35{s}35", "78005553535"),
                ("Телефон: 8{s}800{s}555{s}35{s}35", "78005553535"),
                ("+7{s}(926){s}537{s}02{s}00", "79265370200"),
                ("тел. +375{s}29{s}661{s}38{s}42", "375296613842"),
            ] {
                let text = text.replace("{s}", &sep.to_string());
                let e = run(&text);
                assert_eq!(e.phones, [want], "U+{:04X} in {text:?}", *sep as u32);
                let m = e.mentions.iter().find(|m| m.kind == MentionKind::Phone);
                assert!(
                    m.unwrap().text.ends_with(&want[want.len() - 2..]),
                    "{text:?}"
                );
            }
        }
        // After normalization (which keeps the dashes and makes the spaces ASCII), as in a
        // document.
        for sep in PHONE_SEPARATORS {
            let text = format!("Телефон: 8{sep}(800){sep}555{sep}35{sep}35.");
            let e = run(&crate::normalize::Normalizer::new().normalize(&text));
            assert_eq!(e.phones, ["78005553535"], "U+{:04X}", *sep as u32);
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
