//! Template placeholders: the blanks a policy generated from a template keeps when nobody
//! filled them in, each reported once as an `unfilled_placeholder` finding, and never taken as
//! an operator, identifier, e-mail, phone, website or address.
//!
//! A placeholder is one of (the words are in `data/lexicon/ru/placeholders.tsv`):
//! * a template variable: `{{company}}`, `${name}`, `%COMPANY%`;
//! * a bracketed blank whose text starts with a `bracket` word: «[ИНН]», «[название компании]»,
//!   «<адрес>», «#Адрес компании#», an instruction in capitals «(ЗАМЕНИТЬ)» (not a markdown link
//!   `[адрес](https://…)`, not prose in round brackets «(адрес электронной почты)»);
//! * a blank right after a requisites `label` (a few words, «:», «—», «№» between): underscores
//!   «ИНН ____», «Адрес электронной почты: ______», digit masks «ИНН ХХХХХХХХХХ», zeros
//!   «ИНН 0000000000»; underscores alone in quotes («__» of a date form); underscores anywhere
//!   else (the line of a signature «Директор ________ /Орлов/») are no placeholder;
//! * a sample company name quoted after a legal form or a label: «ООО «Название»», «ООО
//!   «Наименование организации»» (not «ООО «Ромашка»»);
//! * a sample full name: «Иванов Иван Иванович» in any case;
//! * a sample domain or an e-mail at it: «example.com», «site.ru», «вашсайт.рф», «info@site.ru»
//!   (not «romashka.ru»);
//! * a phone with masked or repeated digits: «+7 (XXX) XXX-XX-XX», «+7 (000) 000-00-00».
//!
//! Runs after the contact and address extractors (whose results on a placeholder it removes)
//! and before the operator, which skips candidates on a placeholder.

use std::collections::{HashMap, HashSet};

use regex::Regex;

use super::names::{word_ends, word_starts};
use super::Extraction;
use crate::context::DocContext;
use crate::lexicon;
use crate::model::{Finding, FindingCode, MentionKind};

/// The entries of `placeholders.tsv` by class.
struct Lexicon {
    label: Vec<&'static str>,
    bracket: Vec<String>,
    instruction: Vec<String>,
    name: Vec<&'static str>,
    person: Vec<&'static str>,
    host: Vec<&'static str>,
    /// `host`, lowercased, for the sample-host test of every e-mail and website.
    host_lower: HashSet<String>,
    mask: String,
}

fn lexicon_table() -> Lexicon {
    let mut lx = Lexicon {
        label: Vec::new(),
        bracket: Vec::new(),
        instruction: Vec::new(),
        name: Vec::new(),
        person: Vec::new(),
        host: Vec::new(),
        host_lower: HashSet::new(),
        mask: String::new(),
    };
    for [class, entry] in lexicon::rows(
        "placeholders.tsv",
        include_str!("../../data/lexicon/ru/placeholders.tsv"),
    ) {
        match class {
            "label" => lx.label.push(entry),
            "bracket" => lx.bracket.push(entry.to_lowercase()),
            "instruction" => lx.instruction.push(entry.to_lowercase()),
            "name" => lx.name.push(entry),
            "person" => lx.person.push(entry),
            "host" => lx.host.push(entry),
            "mask" => lx.mask.push_str(entry),
            _ => panic!("placeholders.tsv: unknown class {class:?}"),
        }
    }
    lx.host_lower = lx.host.iter().map(|h| h.to_lowercase()).collect();
    lx
}

/// An alternation of literal entries, spaces matching any run of blanks.
fn alternation(entries: &[&str]) -> String {
    alternation_joined(entries, r"\s+")
}

/// [`alternation`] with the words of an entry joined by `gap`.
fn alternation_joined(entries: &[&str], gap: &str) -> String {
    let mut sorted: Vec<&str> = entries.to_vec();
    // Longest first, so that «название компании» wins over «название».
    sorted.sort_by_key(|e| std::cmp::Reverse(e.len()));
    sorted
        .iter()
        .map(|e| {
            e.split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(gap)
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// The characters of a digit mask, as a regex class body.
fn mask_class(lx: &Lexicon) -> String {
    lx.mask
        .chars()
        .map(|c| regex::escape(&c.to_string()))
        .collect()
}

/// The dashes and spaces a phone may have between its digit groups.
const PHONE_GAP: &str = r"[ \t\-\u{2010}-\u{2013}\u{2212}\u{00A0}\u{2009}\u{202F}]*";

/// The compiled rules.
struct Rules {
    /// A label, up to three more words, a separator, and a blank (group `blank`); run only on
    /// the lines [`blank_lines`] finds.
    labelled: Regex,
    /// Underscores alone in quotes.
    quoted_blank: Regex,
    /// `[…]`, `<…>`, `#…#` (groups `inner`, `angle`, `hash`), `{{…}}`, `${…}`, `%NAME%` (group
    /// `var`).
    bracketed: Regex,
    /// A sample name in quotes. (A `(…)` instruction in capitals is found by
    /// [`round_brackets`], apart from `bracketed`, so that a bracket in it («(ИНН 0000000000,
    /// ОГРН [ОГРН])») is still found.)
    name: Regex,
    /// A sample full name.
    person: Regex,
    /// A sample domain, with an e-mail local part (group `mail`).
    host: Regex,
    /// A dot and the last label of a sample host («.ru», «.com», «.рф»), which every match of
    /// `host` contains: `host` runs only on the lines that have one (a pass with a literal
    /// prefilter, where the alternation of the hosts themselves took a lazy DFA over the whole
    /// text).
    host_hint: Regex,
    /// A phone with its four subscriber groups (`a`, `b`, `c`, `d`).
    phone: Regex,
}

/// This module's lexicon and compiled rules, built once by the [`crate::Engine`].
pub(super) struct Patterns {
    lx: Lexicon,
    rules: Rules,
    blanks: Blanks,
}

impl Patterns {
    pub(super) fn new() -> Self {
        let lx = lexicon_table();
        let rules = rules(&lx);
        let blanks = Blanks::new(&lx.mask);
        Patterns { lx, rules, blanks }
    }
}

fn rules(lx: &Lexicon) -> Rules {
    let mask = mask_class(lx);
    let person = lx
        .person
        .iter()
        .map(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            let full = words
                .iter()
                .map(|w| format!(r"{}\p{{Ll}}{{0,3}}", regex::escape(w)))
                .collect::<Vec<_>>()
                .join(r"\s+");
            // «Иванов И. И.»: the surname and the initials.
            let initials = match words.as_slice() {
                [s, rest @ ..] if !rest.is_empty() => {
                    let init = rest
                        .iter()
                        .map(|w| {
                            let c = w.chars().next().unwrap_or_default().to_string();
                            format!(r"{}\.", regex::escape(&c))
                        })
                        .collect::<Vec<_>>()
                        .join(r"\s*");
                    format!(r"|{}\p{{Ll}}{{0,3}}\s+{init}", regex::escape(s))
                }
                _ => String::new(),
            };
            format!("{full}{initials}")
        })
        .collect::<Vec<_>>()
        .join("|");
    Rules {
        labelled: Regex::new(&format!(
            r"(?i)(?:{})\p{{L}}*\.?(?:[ \t]+\p{{L}}+\.?){{0,3}}(?:[ \t]*[:—–\-][ \t]*|[ \t]+)(?:№[ \t]*)?(?P<blank>(?:[_0{mask}]+[ \-]?)*[_0{mask}]+|123456789[0-9]*)",
            // one line: the search runs on the lines that have a blank (see `find`)
            alternation_joined(&lx.label, r"[ \t]+")
        ))
        .expect("valid label regex"),
        host_hint: Regex::new(&host_hint(&lx.host)).expect("valid host hint"),
        quoted_blank: Regex::new(r#"[«"“„][ \t]*_{2,}[ \t]*[»"”“]"#).expect("valid regex"),
        bracketed: Regex::new(
            r"\[(?P<inner>[^\[\]\n]{1,60})\]|<(?P<angle>[^<>\n]{1,60})>|#(?P<hash>[^#\n]{1,60})#|(?P<var>\{\{[^{}\n]{1,60}\}\}|\$\{[^{}\n]{1,60}\}|%[A-ZА-ЯЁ0-9_]{3,40}%)",
        )
        .expect("valid regex"),
        name: Regex::new(&format!(
            r#"(?i)[«"“„][ \t]*(?:{})[ \t]*[»"”“]"#,
            alternation(&lx.name)
        ))
        .expect("valid name regex"),
        person: Regex::new(&person).expect("valid person regex"),
        host: Regex::new(&format!(
            r"(?i)(?P<mail>[a-z0-9][a-z0-9._%+\-]*@)?(?:www\.)?(?:{})",
            alternation(&lx.host)
        ))
        .expect("valid host regex"),
        phone: Regex::new(&format!(
            r"(?:\+[ \t]*7|8)[ \t\u{{00A0}}]*\(?[ \t]*(?P<a>[0-9_{mask}]{{3}})[ \t]*\)?{PHONE_GAP}(?P<b>[0-9_{mask}]{{3}}){PHONE_GAP}(?P<c>[0-9_{mask}]{{2}}){PHONE_GAP}(?P<d>[0-9_{mask}]{{2}})"
        ))
        .expect("valid phone regex"),
    }
}

/// The pattern of [`Rules::host_hint`]: a dot and one of the hosts' last labels, or the hosts
/// themselves when one has no dot. Any match of the hosts' alternation (case-insensitive, so
/// of their labels too) contains a match of it.
fn host_hint(hosts: &[&str]) -> String {
    let mut labels: Vec<&str> = Vec::new();
    for h in hosts {
        let Some((_, label)) = h.rsplit_once('.') else {
            return format!(r"(?i){}", alternation(hosts));
        };
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    format!(r"(?i)\.(?:{})", alternation(&labels))
}

/// One placeholder: its byte span in the canonical text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Span {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
}

/// Whether a masked or blank value is a placeholder value: underscores (3 or more), a digit mask
/// of at least 4 characters with a mask letter, at least 5 zeros and nothing else, or the
/// digits counted from 1 (at least 9 of them).
fn is_blank_value(mask: &str, v: &str) -> bool {
    let chars: Vec<char> = v.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let underscores = chars.iter().filter(|&&c| c == '_').count();
    let zeros = chars.iter().filter(|&&c| c == '0').count();
    let masks = chars.iter().filter(|&&c| mask.contains(c)).count();
    if underscores == chars.len() {
        return underscores >= 3;
    }
    if zeros == chars.len() {
        return zeros >= 5;
    }
    // The counting sample «1234567890», «123456789012».
    if chars.len() >= 9
        && chars
            .iter()
            .enumerate()
            .all(|(i, &c)| c.to_digit(10) == Some((i as u32 + 1) % 10))
    {
        return true;
    }
    masks > 0 && underscores + zeros + masks == chars.len() && chars.len() >= 4
}

/// Whether a bracketed text starts with one of `words` (lower-case), ignoring case.
fn starts_with_any(inner: &str, words: &[String]) -> bool {
    let t = inner.trim().to_lowercase();
    words.iter().any(|w| t.starts_with(w.as_str()))
}

/// Whether the subscriber digits of a phone are a placeholder: a mask character or underscore,
/// or ten times the same digit.
fn is_blank_phone(sub: &str) -> bool {
    let mut chars = sub.chars();
    let first = chars.next().unwrap_or('0');
    !sub.chars().all(|c| c.is_ascii_digit()) || chars.all(|c| c == first)
}

/// Whether a website host or an e-mail's domain is a sample domain of templates.
fn is_sample_host(lx: &Lexicon, host: &str) -> bool {
    let h = host.rsplit('@').next().unwrap_or(host).to_lowercase();
    let h = h.strip_prefix("www.").unwrap_or(&h);
    lx.host_lower.contains(h)
}

/// Every placeholder of `text`, in text order, without overlaps.
fn find(p: &Patterns, text: &str) -> Vec<Span> {
    let r = &p.rules;
    let mut spans: Vec<Span> = Vec::new();
    let mut add = |start: usize, end: usize| spans.push(Span { start, end });

    let labelled_lines = blank_lines(&p.blanks, text);
    for (off, c) in lines_captures(&r.labelled, text, &labelled_lines) {
        let (m, blank) = (
            shift(c.get(0).unwrap(), off),
            shift(c.name("blank").unwrap(), off),
        );
        let blank_str = text[blank.clone()].trim_end_matches([' ', '-']);
        let end = blank.start + blank_str.len();
        if word_starts(text, m.start)
            && word_ends(text, end)
            && !text[end..].starts_with(|c: char| c == '_' || c.is_ascii_digit())
            && is_blank_value(&p.lx.mask, blank_str)
        {
            add(m.start, end);
        }
    }
    if text.contains('_') {
        for m in r.quoted_blank.find_iter(text) {
            add(m.start(), m.end());
        }
    }
    let bytes = text.as_bytes();
    if memchr::memchr3(b'[', b'<', b'{', bytes).is_some()
        || memchr::memchr2(b'%', b'#', bytes).is_some()
    {
        for c in r.bracketed.captures_iter(text) {
            let m = c.get(0).unwrap();
            let ok = if c.name("var").is_some() {
                m.as_str().chars().any(char::is_alphabetic)
            } else {
                let inner = ["inner", "angle", "hash"]
                    .iter()
                    .find_map(|g| c.name(g))
                    .unwrap();
                // `[текст](https://…)` is a markdown link.
                starts_with_any(inner.as_str(), &p.lx.bracket) && !text[m.end()..].starts_with('(')
            };
            if ok {
                add(m.start(), m.end());
            }
        }
    }
    // Round brackets are prose unless the text is an instruction in capitals «(ЗАМЕНИТЬ)».
    for (start, end) in round_brackets(text) {
        let t = &text[start + 1..end - 1];
        if !t.chars().any(|ch| ch.is_lowercase() || ch.is_ascii_digit())
            && starts_with_any(t, &p.lx.instruction)
        {
            add(start, end);
        }
    }
    for m in r.name.find_iter(text) {
        if let Some(start) = name_prefix(text, m.start()) {
            add(start, m.end());
        }
    }
    for m in r.person.find_iter(text) {
        if word_starts(text, m.start()) && word_ends(text, m.end()) {
            add(m.start(), m.end());
        }
    }
    for (off, c) in lines_captures(&r.host, text, &lines_with(&r.host_hint, text)) {
        let m = shift(c.get(0).unwrap(), off);
        let before = text[..m.start].chars().next_back();
        let after = &text[m.end..];
        let glued_before = before.is_some_and(|ch| ch.is_alphanumeric() || "._-@".contains(ch));
        let glued_after = after
            .starts_with(|ch: char| ch.is_alphanumeric() || ch == '-' || ch == '@')
            || after.starts_with('.') && after[1..].starts_with(char::is_alphanumeric);
        if !glued_before && !glued_after {
            add(m.start, m.end);
        }
    }
    if memchr::memchr2(b'+', b'8', bytes).is_some() {
        for c in r.phone.captures_iter(text) {
            let m = c.get(0).unwrap();
            let sub: String = ["a", "b", "c", "d"]
                .iter()
                .map(|g| c.name(g).unwrap().as_str())
                .collect();
            if word_starts(text, m.start())
                && !text[m.end()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                && is_blank_phone(&sub)
            {
                add(m.start(), m.end());
            }
        }
    }

    // Text order; of overlapping spans the first (the longest at one start) is kept.
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        if out.last().is_none_or(|l| s.start >= l.end) {
            out.push(s);
        }
    }
    out
}

/// The lines (byte ranges without their `\n`, in order) that have what every blank of
/// `Rules::labelled` contains: three blank characters (`_`, `0` or a mask character) in a row,
/// a space or a dash allowed between two of them, or the counting sample «123456789». The
/// lines of `lines_with` with the regex `[_0M][ \-]?[_0M][ \-]?[_0M]|123456789`, found by one
/// walk over the chars: the regex starts at every «х», the most common mask letter of all.
fn blank_lines(blanks: &Blanks, text: &str) -> Vec<(usize, usize)> {
    let (blank, two, wide) = (&blanks.ascii, &blanks.two, &blanks.wide);
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut line, mut run, mut gap, mut counted) = (0, 0u8, false, 0u8);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            (line, run, gap, counted) = (i + 1, 0, false, 0);
            i += 1;
            continue;
        }
        let (len, is_blank) = if c < 0x80 {
            (1, blank[usize::from(c)])
        } else {
            let len = match c {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            let is_blank = if len == 2 {
                b.get(i + 1).is_some_and(|&n| two.contains(&[c, n]))
            } else {
                wide.iter().any(|w| b[i..].starts_with(w.as_bytes()))
            };
            (len, is_blank)
        };
        if is_blank {
            run += 1;
            gap = false;
        } else if run > 0 && !gap && (c == b' ' || c == b'-') {
            gap = true;
        } else {
            (run, gap) = (0, false);
        }
        counted = if c.is_ascii_digit() && c - b'0' == counted + 1 {
            counted + 1
        } else {
            u8::from(c == b'1')
        };
        if run >= 3 || counted >= 9 {
            // a line with a hit: the rest of it does not matter
            let end = text[i..].find('\n').map_or(text.len(), |k| i + k);
            out.push((line, end));
            (line, run, gap, counted) = (end + 1, 0, false, 0);
            i = end + 1;
            continue;
        }
        i += len;
    }
    out
}

/// The blank characters of [`blank_lines`], built once: `_`, `0` and the ASCII mask characters
/// by table, the two-byte mask characters («Х», «х») as byte pairs (compared at a two-byte
/// lead, without a call to `memcmp` at every Cyrillic letter), the longer ones as strings.
struct Blanks {
    ascii: [bool; 128],
    two: Vec<[u8; 2]>,
    wide: Vec<String>,
}

impl Blanks {
    fn new(mask: &str) -> Self {
        let mut ascii = [false; 128];
        ascii[usize::from(b'_')] = true;
        ascii[usize::from(b'0')] = true;
        let (mut two, mut wide) = (Vec::new(), Vec::new());
        for c in mask.chars() {
            let mut buf = [0; 4];
            match c.encode_utf8(&mut buf).as_bytes() {
                [a] => ascii[usize::from(*a)] = true,
                &[a, b] => two.push([a, b]),
                _ => wide.push(c.to_string()),
            }
        }
        Blanks { ascii, two, wide }
    }
}

/// The byte spans of `(…)` with 1 to 60 chars inside and no `(`, `)` or line break among
/// them, leftmost first and not overlapping: the matches of `\(([^()\n]{1,60})\)`, found by
/// looking at each `(` and the next bracket or line break after it.
fn round_brackets(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(k) = b[from..].iter().position(|&c| c == b'(') {
            let open = from + k;
            from = open + 1;
            let inner = &text[open + 1..];
            let Some(stop) = inner.bytes().position(|c| matches!(c, b'(' | b')' | b'\n')) else {
                from = b.len();
                return None;
            };
            let n = inner[..stop].chars().count();
            if inner.as_bytes()[stop] == b')' && (1..=60).contains(&n) {
                let end = open + 1 + stop + 1;
                from = end;
                return Some((open, end));
            }
        }
        None
    })
}

/// The lines (byte ranges without their `\n`, in order, each once) that have a match of `hint`.
fn lines_with(hint: &Regex, text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for m in hint.find_iter(text) {
        if out.last().is_some_and(|&(_, e)| m.start() < e) {
            continue;
        }
        let a = text[..m.start()].rfind('\n').map_or(0, |i| i + 1);
        let b = text[m.start()..]
            .find('\n')
            .map_or(text.len(), |i| m.start() + i);
        out.push((a, b));
    }
    out
}

/// The captures of `re` on each of `lines` with the line's offset: what `re.captures_iter(text)`
/// finds when no match of `re` crosses a line and each contains a match of the lines' hint.
fn lines_captures<'t>(
    re: &'t Regex,
    text: &'t str,
    lines: &'t [(usize, usize)],
) -> impl Iterator<Item = (usize, regex::Captures<'t>)> + 't {
    lines
        .iter()
        .flat_map(move |&(a, b)| re.captures_iter(&text[a..b]).map(move |c| (a, c)))
}

/// A match of a line's captures as a byte range of the whole text.
fn shift(m: regex::Match<'_>, off: usize) -> std::ops::Range<usize> {
    off + m.start()..off + m.end()
}

/// Where a quoted sample name at `quote` begins as a placeholder: at the legal form before it
/// («ООО «Название»»), or at the quote after a label's «:» or a dash; `None` otherwise.
fn name_prefix(text: &str, quote: usize) -> Option<usize> {
    let before = &text[text.floor_char_boundary(quote.saturating_sub(40))..quote];
    let trimmed = before.trim_end_matches([' ', '\t']);
    if trimmed.ends_with([':', '—', '–', '-']) {
        return Some(quote);
    }
    let word_len: usize = trimmed
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .map(char::len_utf8)
        .sum();
    let word = &trimmed[trimmed.len() - word_len..];
    let n = word.chars().count();
    ((2..=6).contains(&n) && word.chars().all(char::is_uppercase))
        .then(|| quote - (before.len() - trimmed.len()) - word_len)
}

/// Sorted, non-overlapping placeholder spans: does one overlap `start..end`?
pub(crate) fn overlaps(spans: &[Span], start: usize, end: usize) -> bool {
    let k = spans.partition_point(|s| s.start < end.max(start + 1));
    k > 0 && spans[k - 1].end > start
}

/// The placeholder as named in its finding: white space collapsed, a run of underscores
/// written `____` whatever its length.
fn display(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = None;
    for c in s.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if (c == ' ' || c == '_') && last == Some(c) {
            continue;
        }
        if c == '_' {
            out.push_str("____");
        } else {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// Find the placeholders, report each distinct one, and remove what the earlier extractors
/// took from one (identifiers, e-mails, phones, websites, addresses and their mentions).
pub(super) fn extract(p: &Patterns, ctx: &DocContext, out: &mut Extraction) {
    let text = ctx.text;
    let spans = find(p, text);

    // One finding per distinct placeholder, in order of first appearance.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut found: Vec<(String, Vec<String>, bool)> = Vec::new();
    for s in &spans {
        let name = display(&text[s.start..s.end]);
        let i = *index.entry(name.clone()).or_insert_with(|| {
            found.push((name, Vec::new(), false));
            found.len() - 1
        });
        match ctx.clause_at(s.start) {
            Some(c) if !found[i].1.contains(&c) => found[i].1.push(c),
            Some(_) => {}
            None => found[i].2 = true,
        }
    }
    for (name, clauses, outside) in found {
        let mut place = match clauses.len() {
            0 => String::new(),
            1 => format!("clause {}", clauses[0]),
            _ => format!("clauses {}", clauses.join(", ")),
        };
        if outside {
            if !place.is_empty() {
                place.push_str(" and ");
            }
            place.push_str("the title or preamble");
        }
        out.findings.push(Finding {
            code: FindingCode::UnfilledPlaceholder,
            message: format!("unfilled template placeholder «{name}» in {place}"),
            clauses,
        });
    }

    // Nothing is taken from a placeholder, nor a sample domain or a masked phone anywhere.
    let on =
        |start: usize, end: usize| overlaps(&spans, ctx.byte_offset(start), ctx.byte_offset(end));
    let mut removed: Vec<String> = Vec::new();
    out.identifiers.retain(|i| {
        let keep = !on(i.start, i.end);
        if !keep {
            removed.push(i.value.clone());
        }
        keep
    });
    // The checksum and label findings of an identifier taken from a placeholder go with it.
    out.findings.retain(|f| {
        !matches!(
            f.code,
            FindingCode::InvalidChecksum | FindingCode::IdLabelMismatch
        ) || !removed.iter().any(|v| f.message.contains(v.as_str()))
    });
    out.addresses.retain(|a| !on(a.start, a.end));
    out.mentions.retain(|m| {
        let scrubbed = matches!(
            m.kind,
            MentionKind::Identifier(_)
                | MentionKind::Email
                | MentionKind::Phone
                | MentionKind::Website
                | MentionKind::Address
        );
        !scrubbed
            || !(on(m.start, m.end)
                || matches!(m.kind, MentionKind::Email | MentionKind::Website)
                    && is_sample_host(&p.lx, &m.value))
    });
    // The lists keep the values some kept mention has (one set per kind: linear in both).
    let mentions = std::mem::take(&mut out.mentions);
    let kept_of = |kind: MentionKind| -> HashSet<&str> {
        mentions
            .iter()
            .filter(|m| m.kind == kind)
            .map(|m| m.value.as_str())
            .collect()
    };
    let (emails, phones, websites) = (
        kept_of(MentionKind::Email),
        kept_of(MentionKind::Phone),
        kept_of(MentionKind::Website),
    );
    out.emails.retain(|v| emails.contains(v.as_str()));
    out.phones.retain(|v| phones.contains(v.as_str()));
    out.websites.retain(|v| websites.contains(v.as_str()));
    drop((emails, phones, websites));
    out.mentions = mentions;
    out.placeholders = spans;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts of the seed, dev and mining corpora (those present).
    fn corpus_texts() -> Vec<String> {
        let mut texts = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["corpus", "../shared/dev/corpus", "../shared/mining/corpus"] {
            if let Ok(rd) = std::fs::read_dir(root.join(dir)) {
                for e in rd {
                    if let Ok(t) = std::fs::read_to_string(e.unwrap().path()) {
                        texts.push(t);
                    }
                }
            }
        }
        texts
    }

    /// The walk finds the lines the blank hint regex finds.
    #[test]
    fn blank_lines_are_the_hint_regex_lines() {
        let p = &crate::extract::compiled().placeholders;
        let mask = mask_class(&p.lx);
        let re = Regex::new(&format!(
            r"[_0{mask}][ \-]?[_0{mask}][ \-]?[_0{mask}]|123456789"
        ))
        .unwrap();
        let mut texts = crate::extract::scan::test_texts();
        texts.extend(
            [
                "ИНН ___\nОГРН 0 0 0\nxx-x\nх х  х\n1123456789\n12345678\nХХХ",
                "ИНН _-_ -_\n\n\n000",
                "х\nх\nх",
                "плохих хххороших",
                "",
                "\n",
                "0-0-0-",
            ]
            .map(String::from),
        );
        texts.extend(corpus_texts());
        for t in &texts {
            assert_eq!(blank_lines(&p.blanks, t), lines_with(&re, t), "{t:?}");
        }
    }

    /// The host captures on the lines with a dot and a sample host's last label are those on the
    /// lines with a sample host (the hint before: the alternation of the hosts).
    #[test]
    fn host_lines_by_label_find_what_host_lines_found() {
        let p = &crate::extract::compiled().placeholders;
        let old = Regex::new(&format!(r"(?i){}", alternation(&p.lx.host))).unwrap();
        assert!(p.rules.host_hint.as_str().starts_with(r"(?i)\."));
        let mut texts = crate::extract::scan::test_texts();
        texts.extend(
            [
                "Сайт: EXAMPLE.COM\nпочта info@Site.Ru, ſite.ru\nВашСайт.РФ и ваш-сайт.рф.",
                "example.co\nmysite.ru.\nwww.example.org/x\n.ru\n.рф site.\nru",
                "a@b.site.ru\n\n\ntest.com",
            ]
            .map(String::from),
        );
        texts.extend(corpus_texts());
        let spans = |lines: &[(usize, usize)], t: &str| -> Vec<Vec<Option<(usize, usize)>>> {
            let lines = lines.to_vec();
            lines_captures(&p.rules.host, t, &lines)
                .map(|(off, c)| {
                    c.iter()
                        .map(|m| m.map(|m| (off + m.start(), off + m.end())))
                        .collect()
                })
                .collect()
        };
        let mut found = 0;
        for t in &texts {
            let want = spans(&lines_with(&old, t), t);
            found += want.len();
            assert_eq!(spans(&lines_with(&p.rules.host_hint, t), t), want, "{t:?}");
        }
        assert!(found >= 8, "{found}");
    }

    /// The bracket walk finds what `\(([^()\n]{1,60})\)` finds.
    #[test]
    fn round_brackets_are_the_regex_matches() {
        let re = Regex::new(r"\((?P<caps>[^()\n]{1,60})\)").unwrap();
        let mut texts = crate::extract::scan::test_texts();
        texts.extend(
            [
                "((a)) (b (c) d) () (\n) (ЗАМЕНИТЬ) (x",
                "( ) (ёёё) (",
                ")(",
                "(",
            ]
            .map(String::from),
        );
        texts.push(format!("({}) ({})", "я".repeat(60), "я".repeat(61)));
        for t in &texts {
            let want: Vec<(usize, usize)> = re.find_iter(t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(round_brackets(t).collect::<Vec<_>>(), want, "{t:?}");
        }
    }

    fn placeholders(text: &str) -> Vec<&str> {
        find(&crate::extract::compiled().placeholders, text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn each_placeholder_form_is_found() {
        let cases: &[(&str, &str)] = &[
            ("Оператор: ООО «Ромашка», [ИНН], адрес", "[ИНН]"),
            ("ИНН 0000000000, ОГРН", "ИНН 0000000000"),
            ("Оператор: ИНН 123456789012.", "ИНН 123456789012"),
            ("ИП Петров П. П., ИНН", "Петров П. П."),
            ("почта test@test.ru", "test@test.ru"),
            ("ИНН ХХХХХХХХХХ.", "ИНН ХХХХХХХХХХ"),
            ("ОГРН: XXXXXXXXXXXXX", "ОГРН: XXXXXXXXXXXXX"),
            ("ИНН ____________, КПП", "ИНН ____________"),
            (
                "Адрес электронной почты: ______________",
                "Адрес электронной почты: ______________",
            ),
            ("Оператор: ____", "Оператор: ____"),
            ("«____» ____________ 2024 г.", "«____»"),
            ("Оператор — ООО «Название» (далее", "ООО «Название»"),
            (
                "ООО «Наименование организации»,",
                "ООО «Наименование организации»",
            ),
            ("ИП Иванов Иван Иванович, ИНН", "Иванов Иван Иванович"),
            (
                "предпринимателем Ивановым Иваном Ивановичем",
                "Ивановым Иваном Ивановичем",
            ),
            ("Компания {{company}} обрабатывает", "{{company}}"),
            ("Компания %COMPANY% обрабатывает", "%COMPANY%"),
            (
                "Оператор [название компании] обрабатывает",
                "[название компании]",
            ),
            ("по адресу <адрес>.", "<адрес>"),
            (
                "в ООО «#Название вашей компании#»",
                "#Название вашей компании#",
            ),
            ("Email: [УКАЗАТЬ EMAIL]", "[УКАЗАТЬ EMAIL]"),
            ("Телефон: +7 (495) 123-45-67 (ЗАМЕНИТЬ)", "(ЗАМЕНИТЬ)"),
            ("ООО «Ромашка» (ИНН 7707083893, ОГРН [ОГРН])", "[ОГРН]"),
            ("на сайте example.com.", "example.com"),
            ("на сайте https://site.ru/privacy", "site.ru"),
            ("на сайте вашсайт.рф и", "вашсайт.рф"),
            ("по почте info@site.ru.", "info@site.ru"),
            ("E-mail: email@example.com", "email@example.com"),
            ("Телефон: +7 (XXX) XXX-XX-XX", "+7 (XXX) XXX-XX-XX"),
            ("Телефон: +7 (000) 000-00-00.", "+7 (000) 000-00-00"),
            ("тел. 8 (800) ___-__-__", "8 (800) ___-__-__"),
        ];
        for (text, want) in cases {
            assert_eq!(placeholders(text), [*want], "{text}");
        }
    }

    #[test]
    fn real_values_are_no_placeholders() {
        for text in [
            "Оператор — ООО «Ромашка» (ИНН 7707083893, ОГРН 1027700132195).",
            "ИНН: 771916365140 · ОГРНИП: 321774600501510",
            "сайт romashka.ru, почта info@romashka.ru, www.my-site.ru, mysite.ru.com",
            "Телефон: +7 (926) 537-02-00, 8 800 555-35-35",
            "Генеральный директор ________________ /Орлов Д. Д./",
            "Поле «Название» заполняется пользователем",
            "ООО «Ромашка», ИП Иванов Пётр Сергеевич",
            "[1] Федеральный закон; [адрес](https://romashka.ru/contacts); <b>",
            "скидка 50% и 30%; 10000 руб.; индекс 100000",
            "Расчётный счёт: 40802810520000549924",
            "[Политика обработки персональных данных]",
            "по адресу (адрес электронной почты указан в разделе 9), #хештег и #тег",
            "(ИНН указывается при оплате) (САЙТ)",
        ] {
            assert_eq!(placeholders(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn blank_values() {
        for (v, want) in [
            ("___", true),
            ("__", false),
            ("0000000000", true),
            ("0000", false),
            ("ХХХХХХХХХХ", true),
            ("XXX-XX-XX", true),
            ("XX", false),
            ("00XX0", true),
            ("1234567890", true),
            ("123456789012", true),
            ("12345678", false),
            ("1234567891", false),
        ] {
            assert_eq!(
                is_blank_value(&crate::extract::compiled().placeholders.lx.mask, v),
                want,
                "{v}"
            );
        }
        assert!(is_blank_phone("0000000000"));
        assert!(is_blank_phone("9999999999"));
        assert!(is_blank_phone("XXXXXXXXXX"));
        assert!(!is_blank_phone("8005553535"));
    }

    #[test]
    fn display_names_blanks_alike() {
        assert_eq!(display("ИНН  ______________"), "ИНН ____");
        assert_eq!(display("«__»"), "«____»");
        assert_eq!(display("[ИНН]"), "[ИНН]");
    }

    #[test]
    fn overlap_test() {
        let spans = [Span { start: 5, end: 10 }, Span { start: 20, end: 25 }];
        assert!(overlaps(&spans, 8, 12));
        assert!(overlaps(&spans, 0, 6));
        assert!(overlaps(&spans, 22, 23));
        assert!(!overlaps(&spans, 10, 20));
        assert!(!overlaps(&spans, 0, 5));
        assert!(!overlaps(&[], 0, 5));
    }

    #[test]
    fn sample_hosts() {
        assert!(is_sample_host(
            &crate::extract::compiled().placeholders.lx,
            "example.com"
        ));
        assert!(is_sample_host(
            &crate::extract::compiled().placeholders.lx,
            "info@site.ru"
        ));
        assert!(is_sample_host(
            &crate::extract::compiled().placeholders.lx,
            "www.вашсайт.рф"
        ));
        assert!(!is_sample_host(
            &crate::extract::compiled().placeholders.lx,
            "romashka.ru"
        ));
        assert!(!is_sample_host(
            &crate::extract::compiled().placeholders.lx,
            "info@romashka.ru"
        ));
    }
}
