//! Reading each hit in its unit: polarity, context, and assembling the practices.

use std::rc::Rc;

use super::matcher::{
    Hit, Token, CUE_ANSWER, CUE_COLLECT, CUE_COLLECT_NOUN, CUE_COMPLAIN, CUE_CONJ, CUE_CONTAIN,
    CUE_FILE, CUE_FOR, CUE_IF, CUE_LIABILITY, CUE_MAY, CUE_NEG_VERB, CUE_NOT, CUE_ORG, CUE_PARTY,
    CUE_PURPOSE, CUE_REQUEST, CUE_RIGHT, CUE_SECRECY, CUE_STORE, CUE_TERM, CUE_TRANSFER,
    CUE_UPLOAD, CUE_USER, CUE_WHEN,
};
use super::taxonomy::Kind;
use super::{Practices, Taxonomy};
use crate::context::{DocContext, Unit, UnitKind};
use crate::dedup::Unique;
use crate::model::{CrossBorder, CrossBorderStatus, Evidence, Flag, Practice, Retention};

mod retention;
use retention::retention;

/// The classifier's word lists of one language (`data/lexicon/LANG/`) and compiled patterns, built once with the
/// taxonomy (which the [`crate::Engine`] owns).
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    /// Words that, right after the dash, open a definition phrase («— это …», «— любая
    /// информация …», «— небольшой фрагмент …»): what follows explains the term even when it
    /// names data (`definition_openers.txt`; see [`lists_data`]).
    definition_openers: Vec<&'static str>,
    /// Words that, right after the dash, show an explanation of use rather than a definition
    /// («Телефон — для связи с вами»; `not_definition_after.txt`).
    not_definition_after: Vec<&'static str>,
    /// Words after «фото/фотографии» that name the person in the picture («фотография
    /// профиля», «фото пользователя») or are function words («фото для …», «фото или видео»;
    /// `photo_of_person.txt`; see [`photo_of_object`]).
    photo_of_person: Vec<&'static str>,
    /// The closed word sets the rules test for, read for every language (`rule_words.tsv`).
    words: RuleWords,
    /// The retention rules.
    retention: retention::Patterns,
    /// The segmenter for a context that did not go through one (`classify::classify`).
    pub(crate) segmenter: std::sync::Arc<crate::segment::Segmenter>,
}

impl Lexicon {
    /// The lists of one language's folder (`data/lexicon/LANG/`).
    pub(crate) fn new(files: &'static crate::lexicon::LanguageFiles) -> Self {
        let words = |text: &'static str| crate::lexicon::words(text).collect();
        Lexicon {
            definition_openers: words(files.definition_openers),
            not_definition_after: words(files.not_definition_after),
            photo_of_person: words(files.photo_of_person),
            words: RuleWords::new(),
            retention: retention::Patterns::new(files),
            segmenter: Default::default(),
        }
    }
}

/// The closed word sets of `data/lexicon/ru/rule_words.tsv` (each class is explained there),
/// read for every analysed language.
#[derive(Debug, Clone)]
struct RuleWords {
    purpose_preposition: Vec<&'static str>,
    relative: Vec<&'static str>,
    term_preposition: Vec<&'static str>,
    alias: Vec<&'static str>,
    definition_verb: Vec<&'static str>,
    contact_value: Vec<&'static str>,
    acting: Vec<&'static str>,
    dispute: Vec<&'static str>,
    not_purpose_heading: Vec<&'static str>,
    purpose_heading: Vec<&'static str>,
    published: Vec<&'static str>,
    cookie: Vec<&'static str>,
    verb_ending: Vec<&'static str>,
}

impl RuleWords {
    fn new() -> Self {
        let [purpose_preposition, relative, term_preposition, alias, definition_verb, contact_value, acting, dispute, not_purpose_heading, purpose_heading, published, cookie, verb_ending] =
            crate::lexicon::classes(
                "rule_words.tsv",
                include_str!("../../../data/lexicon/ru/rule_words.tsv"),
                [
                    "purpose_preposition",
                    "relative",
                    "term_preposition",
                    "alias",
                    "definition_verb",
                    "contact_value",
                    "acting",
                    "dispute",
                    "not_purpose_heading",
                    "purpose_heading",
                    "published",
                    "cookie",
                    "verb_ending",
                ],
            );
        RuleWords {
            purpose_preposition,
            relative,
            term_preposition,
            alias,
            definition_verb,
            contact_value,
            acting,
            dispute,
            not_purpose_heading,
            purpose_heading,
            published,
            cookie,
            verb_ending,
        }
    }
}

/// Whether `text` contains one of `words`.
fn contains_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::new(&crate::lexicon::LANGUAGES[0])
    }
}

/// At most this many evidence spans are kept per practice.
const MAX_EVIDENCE: usize = 8;

/// How a mention counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weight {
    /// A statement about the practice.
    Strong,
    /// A definition, heading, purpose or request content: counts only when nothing else does.
    Weak,
    /// Not about the practice at all (a contact line, a purpose word outside a purpose context).
    Drop,
}

#[derive(Debug, Clone)]
struct Mention {
    entry: u32,
    start: usize,
    end: usize,
    negated: bool,
    weight: Weight,
}

/// What a unit (or a lead sentence) says, computed once per unit.
#[derive(Debug, Clone, Default)]
struct Span {
    lo: usize,
    hi: usize,
    /// Token ranges under a negation («не собираются», «не передаёт»), merged: disjoint and in
    /// order, so that a lookup is a binary search.
    neg: Vec<(usize, usize)>,
    cues: u32,
    /// The span ends with «для» (a list of purposes follows).
    ends_for: bool,
    /// The span ends with a purpose word («… в целях:», «для следующих целей:»): a list of
    /// purposes follows, whatever verb the span has.
    ends_purpose: bool,
    definition: bool,
    /// Purpose phrases («для …», «чтобы …», «в целях …») as token ranges.
    purpose: Vec<(usize, usize)>,
}

impl Span {
    fn in_purpose(&self, t: usize) -> bool {
        self.purpose.iter().any(|&(a, b)| t > a && t < b)
    }

    fn negated_at(&self, t: usize) -> bool {
        let k = self.neg.partition_point(|&(a, _)| a <= t);
        k > 0 && t < self.neg[k - 1].1
    }

    /// The negation reaches the end of the span: a list introduced by it is negated too.
    fn negates_tail(&self) -> bool {
        self.neg.last().is_some_and(|&(_, b)| b >= self.hi)
    }
}

fn tok_range(toks: &[Token], start: usize, end: usize) -> (usize, usize) {
    let lo = toks.partition_point(|t| (t.start as usize) < start);
    let hi = toks.partition_point(|t| (t.start as usize) < end);
    (lo, hi.max(lo))
}

/// A finite reflexive verb of the third person present («анонимизируются», «шифруется»):
/// a word of at least seven letters with one of the `verb_ending`s of `rule_words.tsv`.
fn finite_reflexive(lx: &Lexicon, word: &str) -> bool {
    // the byte length first (a Cyrillic letter is two bytes): most words are shorter
    word.len() >= 14
        && lx.words.verb_ending.iter().any(|e| word.ends_with(e))
        && word.chars().count() >= 7
}

/// A category hit: byte range and taxonomy entry (for the shape of definitions).
#[derive(Debug, Clone, Copy)]
struct CatHit {
    start: usize,
    entry: u32,
}

/// Text between token `j - 1` and token `j`.
fn gap<'t>(text: &'t str, toks: &[Token], j: usize) -> &'t str {
    &text[toks[j - 1].end as usize..toks[j].start as usize]
}

fn analyze_span(
    tax: &Taxonomy,
    text: &str,
    toks: &[Token],
    cat_hits: &[CatHit],
    start: usize,
    end: usize,
) -> Span {
    let (lo, hi) = tok_range(toks, start, end);
    let m = &tax.matcher;
    let mut sp = Span {
        lo,
        hi,
        ..Default::default()
    };
    // Where a negation scope ends: a break word («но», «кроме», …) or a «;» before a token.
    let breaks: Vec<usize> = (lo..hi)
        .filter(|&i| {
            m.cue(toks[i].id) & super::matcher::CUE_BREAK != 0
                || (i > lo && gap(text, toks, i).contains(';'))
        })
        .collect();
    // The scope of a «не»: from the start of its clause to the next break («но», «кроме», «;»).
    // A clause starts after a break word, a «;» or a «:» (the words before a colon are a label
    // or a lead of their own: «Файлы cookie: аналитические cookie не используются»); a negated
    // verb before a colon keeps governing the list after it («Мы не собираем: паспорт, …»).
    // The clause starts at the «не» itself when the «не» opens a coordinate verb phrase
    // («анализирует переписку … и не передаёт»), or when a verb that is not negated comes before
    // it in the clause (the words before belong to that verb: «данные, которые мы собираем, не
    // передаются»). Otherwise the words before are the subject of the negated verb
    // («Геолокационные данные … не собираются»).
    //
    // After a verb that is not negated, a comma may open the next clause, whose subject the
    // «не» then governs («Данные используются для X, платёжные данные не собираются»;
    // «IP-адреса анонимизируются, персональные данные не собираются»): the scope starts after
    // the last comma between that verb and the «не». A finite reflexive verb outside the cue
    // list («анонимизируются», «шифруются») is such a verb too.
    let mut clause_start = lo;
    let mut plain_verb = false;
    let mut comma_after_verb = None;
    for i in lo..hi {
        let c = m.cue(toks[i].id);
        sp.cues |= c;
        if i > lo {
            let g = gap(text, toks, i);
            if g.contains(';') || g.contains(':') {
                clause_start = i;
                plain_verb = false;
                comma_after_verb = None;
            } else if plain_verb && g.contains(',') {
                comma_after_verb = Some(i);
            }
        }
        if c & super::matcher::CUE_BREAK != 0 {
            clause_start = i + 1;
            plain_verb = false;
            comma_after_verb = None;
            continue;
        }
        if c & CUE_NOT != 0
            && (i + 1..(i + 4).min(hi)).any(|j| m.cue(toks[j].id) & CUE_NEG_VERB != 0)
        {
            let coordinate = i > lo && m.cue(toks[i - 1].id) & CUE_CONJ != 0;
            let a = if coordinate {
                i
            } else if plain_verb {
                comma_after_verb.unwrap_or(i)
            } else {
                clause_start
            };
            let mut b = breaks
                .get(breaks.partition_point(|&b| b <= i))
                .copied()
                .unwrap_or(hi);
            // A negated condition («Если вы не хотите получать …, вы можете отказаться») ends
            // at the comma that closes it.
            if clause_start > lo && m.cue(toks[clause_start - 1].id) & CUE_IF != 0 {
                if let Some(j) = (i + 1..b).find(|&j| gap(text, toks, j).contains(',')) {
                    b = j;
                }
            }
            sp.neg.push((a, b));
        } else if (c & CUE_NEG_VERB != 0
            || finite_reflexive(
                &tax.rules,
                &text[toks[i].start as usize..toks[i].end as usize],
            ))
            && !(i.saturating_sub(3).max(lo)..i).any(|j| m.cue(toks[j].id) & CUE_NOT != 0)
        {
            plain_verb = true;
            comma_after_verb = None;
        }
        // «Вы можете запросить удаление», «Пользователь может изменить»: what the person may do
        // is a right, like «вправе».
        if c & CUE_MAY != 0
            && (i.saturating_sub(3).max(lo)..i).any(|j| m.cue(toks[j].id) & CUE_USER != 0)
        {
            sp.cues |= CUE_RIGHT;
        }
    }
    sp.neg = merge_ranges(std::mem::take(&mut sp.neg));
    sp.purpose = purpose_scopes(&tax.rules, text, toks, m, lo, hi);
    if hi > lo {
        sp.ends_for = m.cue(toks[hi - 1].id) & CUE_FOR != 0;
        sp.ends_purpose = text[start..end].trim_end().ends_with(':')
            && (hi.saturating_sub(2).max(lo)..hi).any(|j| m.cue(toks[j].id) & CUE_PURPOSE != 0);
    }
    sp.definition =
        match definition_shape(&tax.rules, &text[start..end], starts_paragraph(text, start)) {
            Definition::No => false,
            Definition::Verb => true,
            Definition::Dash { dash, after } => !lists_data(
                &tax.rules,
                text,
                cat_hits,
                [start, start + dash, start + after, end],
            ),
        };
    sp
}

/// The union of half-open ranges as disjoint ranges in order.
fn merge_ranges(mut r: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    r.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(r.len());
    for (a, b) in r {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Purpose phrases of a span as token ranges: from «для», «чтобы», «с целью», «в целях» to the
/// verb, «:», «;», dash or break that ends the phrase («для контроля законности проводимых
/// финансовых платежей» names a purpose, not collected data; «Для регистрации мы собираем имя»
/// ends at the verb). «для обработки информации об активности» names the processing itself.
fn purpose_scopes(
    lx: &Lexicon,
    text: &str,
    toks: &[Token],
    m: &super::matcher::Matcher,
    lo: usize,
    hi: usize,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = lo;
    while i < hi {
        let c = m.cue(toks[i].id);
        let marker = c & CUE_FOR != 0
            || (c & CUE_PURPOSE != 0 && i > lo && is_purpose_preposition(lx, text, &toks[i - 1]));
        if !marker
            || toks
                .get(i + 1)
                .is_some_and(|n| m.cue(n.id) & CUE_COLLECT_NOUN != 0)
        {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < hi {
            let g = gap(text, toks, j);
            if g.contains([':', ';', '—', '–']) || g.contains(" - ") {
                break;
            }
            let cj = m.cue(toks[j].id);
            if cj & (CUE_NEG_VERB | CUE_COLLECT | super::matcher::CUE_VERB | CUE_CONTAIN) != 0
                || cj & super::matcher::CUE_BREAK != 0
            {
                break;
            }
            j += 1;
        }
        out.push((i, j));
        i = j;
    }
    out
}

/// Whether token `t` is a preposition of «с целью», «в целях» (`purpose_preposition`, in lower
/// case).
fn is_purpose_preposition(lx: &Lexicon, text: &str, t: &Token) -> bool {
    let w = text[t.start as usize..t.end as usize].to_lowercase();
    lx.words.purpose_preposition.contains(&w.as_str())
}

/// The shape of a definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Definition {
    No,
    /// «… означает …», «под … понимается …».
    Verb,
    /// «Term — …»: byte offsets (relative to the unit) of the dash and of the text after it.
    Dash {
        dash: usize,
        after: usize,
    },
}

/// «<category of data subjects> — <list of data>» («Клиенты — фамилия, имя, телефон»,
/// «покупатели — физические лица, оформившие заказ: фамилия, имя…») is the standard shape of a
/// collection statement in 152-ФЗ policies, not a glossary entry: the text after the dash lists
/// data (two or more categories, or a category after a «:»), does not open with a definition
/// phrase, and the term before the dash is not itself a data category («Cookies — …»,
/// «IP-адрес — …» define data terms).
fn lists_data(
    lx: &Lexicon,
    text: &str,
    cat_hits: &[CatHit],
    [unit_start, dash, after, end]: [usize; 4],
) -> bool {
    let first: String = text[after..end]
        .trim_start()
        .chars()
        .take_while(|&c| super::matcher::is_word_char(c))
        .flat_map(|c| c.to_lowercase())
        .collect();
    if lx.definition_openers.contains(&first.as_str()) {
        return false;
    }
    let in_range = |a: usize, b: usize| {
        let i = cat_hits.partition_point(|h| h.start < a);
        let j = cat_hits.partition_point(|h| h.start < b);
        &cat_hits[i..j]
    };
    // The term is a data category when a category covers it (nearly) whole.
    let term = &text[unit_start..dash];
    let term_words = term
        .split_whitespace()
        .filter(|w| {
            w.chars()
                .any(|c| super::matcher::is_word_char(c) && !c.is_ascii_digit())
        })
        .count();
    let term_hits = in_range(unit_start, dash);
    if !term_hits.is_empty() && term_words <= 3 {
        return false;
    }
    let listed = in_range(after, end);
    let words_before = |pos: usize| {
        text[after..pos]
            .split_whitespace()
            .filter(|w| w.chars().any(super::matcher::is_word_char))
            .count()
    };
    // A list right after the dash («посетители Сайта — IP-адрес, данные файлов cookie, …»), not
    // a genus with a relative clause that mentions data in passing («ПЭП — электронная подпись,
    // которая подтверждает … с использованием кодов, паролей …»).
    let mut distinct: Vec<u32> = listed.iter().map(|h| h.entry).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() >= 2 && listed.first().is_some_and(|h| words_before(h.start) <= 3) {
        return true;
    }
    // «покупатели — физические лица, оформившие заказ: фамилия, имя, …».
    match text[after..end].find(':') {
        Some(p) => {
            !contains_any(&text[after..after + p], &lx.words.relative)
                && listed.iter().any(|h| h.start > after + p)
        }
        None => false,
    }
}

/// «1.1.7. «Cookies» — небольшой фрагмент данных…», «Персональные данные — любая информация…».
/// A unit that introduces a list («под персональной информацией Пользователя понимаются:») states
/// what the policy covers: the data listed under it are collected, not a term explained.
///
/// A «X — это …» sentence inside a paragraph (not opening it, as a glossary entry does) explains
/// a term in passing within a statement about processing: «Компания использует файлы cookies …
/// Файлы cookies – это текстовые файлы, доступные Компании, для обработки информации об
/// активности Пользователя» is not a definition.
fn definition_shape(lx: &Lexicon, unit: &str, paragraph_start: bool) -> Definition {
    if unit.trim_end().ends_with(':') {
        return Definition::No;
    }
    let head = &unit[..nth_char_start(unit, 160)];
    let letter = |c: char| super::matcher::is_word_char(c) && !c.is_ascii_digit();
    // The first dash written as « — », « – », « - », «» —», «»—» or «" —».
    // (Looked for only where it counts: at the start of a paragraph.)
    let dash = paragraph_start.then(|| {
        dash_chars(head).find_map(|(p, c)| {
            let mut back = head[..p].chars().rev();
            let prev = back.next();
            let prev2 = back.next();
            let next = head[p + c.len_utf8()..].chars().next();
            let spaced = prev == Some(' ') && next == Some(' ');
            let quoted = c == '—'
                && (prev == Some('»') || (prev == Some(' ') && matches!(prev2, Some('»' | '"'))));
            (spaced || quoted).then_some((p, c.len_utf8()))
        })
    });
    if let Some((p, dl)) = dash.flatten() {
        let before = &head[..p];
        let words = before
            .split_whitespace()
            .filter(|w| w.chars().any(letter))
            .count();
        // A term is a noun phrase: «На сайте example.ru — cookie-файлы» or «При заказе —
        // имя» start with a preposition and say where or when data are collected.
        let first_word = before
            .split_whitespace()
            .find(|w| w.chars().any(letter))
            .map(|w| w.to_lowercase());
        let prepositional = first_word
            .as_deref()
            .is_some_and(|w| lx.words.term_preposition.contains(&w));
        if (1..=6).contains(&words) && !prepositional && !contains_any(before, &lx.words.alias) {
            let after = head[p + dl..].trim_start();
            let first: String = after
                .chars()
                .take_while(|&c| letter(c))
                .flat_map(|c| c.to_lowercase())
                .collect();
            if lx.not_definition_after.contains(&first.as_str()) {
                return Definition::No;
            }
            return Definition::Dash {
                dash: p,
                after: p + dl,
            };
        }
    }
    let verb = head.split_whitespace().take(12).any(|w| {
        let w = w.trim_start_matches(|c: char| !letter(c));
        lx.words.definition_verb.iter().any(|k| w.starts_with(k))
    });
    if verb {
        Definition::Verb
    } else {
        Definition::No
    }
}

/// The byte offset of char `n` of `s` (`s.len()` when it is shorter): what
/// `s.char_indices().nth(n)` gives, counted over the bytes (each char has one byte that is not
/// a continuation byte).
fn nth_char_start(s: &str, n: usize) -> usize {
    let mut seen = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if b & 0xC0 != 0x80 {
            if seen == n {
                return i;
            }
            seen += 1;
        }
    }
    s.len()
}

/// The dashes «—», «–» and «-» of `s` with their byte offsets, in order: the chars of
/// `s.char_indices()` that are one, found by memchr (a «-» byte or the lead byte of the other
/// two).
fn dash_chars(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let b = s.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(k) = memchr::memchr2(b'-', 0xE2, &b[from..]) {
            let p = from + k;
            from = p + 1;
            if b[p] == b'-' {
                return Some((p, '-'));
            }
            match b.get(p + 1..p + 3) {
                Some([0x80, 0x94]) => return Some((p, '—')),
                Some([0x80, 0x93]) => return Some((p, '–')),
                _ => {}
            }
        }
        from = b.len();
        None
    })
}

/// Whether the unit at `start` opens a line (after its clause number or list marker, if any).
fn starts_paragraph(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let line = before.rfind('\n').map_or(before, |p| &before[p + 1..]);
    line.chars().all(|c| {
        c.is_whitespace()
            || c.is_ascii_digit()
            || matches!(c, '.' | ')' | '-' | '—' | '–' | '•' | '*')
    })
}

/// «Email: support@…», «Телефон: +7…», «ИНН 6154…»: the operator's own contact, not data collected.
/// In a requisites block the label stands alone on its line and the value on the next one
/// («ИНН\n7814360252», «E-mail\ninfo@…»).
fn is_contact(lx: &Lexicon, text: &str, start: usize, end: usize) -> bool {
    let mut stop = text.len().min(end + 80);
    while !text.is_char_boundary(stop) {
        stop -= 1;
    }
    let rest = &text[end..stop];
    let rest = rest.trim_start_matches([' ', '\t']);
    if let Some(next) = rest.strip_prefix('\n') {
        let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
        let alone = text[line_start..start].trim().is_empty();
        let value = next.trim_start_matches([' ', '\t']);
        let value = value.split('\n').next().unwrap_or("");
        return alone && value_line(value);
    }
    let rest = rest
        .strip_prefix([':', '-', '—', '–'])
        .unwrap_or(rest)
        .trim_start_matches([' ', '\t']);
    if lx.words.contact_value.iter().any(|w| rest.starts_with(w)) {
        return true;
    }
    let mut cs = rest.chars();
    match cs.next() {
        Some(c) if c.is_ascii_digit() || c == '+' => true,
        Some('(') => matches!(cs.next(), Some(c) if c.is_ascii_digit()),
        Some(_) => rest
            .split_whitespace()
            .next()
            .is_some_and(|w| w.contains('@') && w.contains('.')),
        None => false,
    }
}

/// A line that is a requisite's value: a phone, an e-mail, or a number of five digits or more
/// («7814360252», «197341, Санкт-Петербург, …»), not a clause number («3. Цели …»).
fn value_line(line: &str) -> bool {
    let first = line.split([' ', ',']).next().unwrap_or("");
    line.starts_with('+')
        || first.contains('@')
        || (first.len() >= 5 && first.bytes().all(|b| b.is_ascii_digit()))
        || (!line.is_empty()
            && line.bytes().filter(u8::is_ascii_digit).count() >= 6
            && line
                .chars()
                .all(|c| c.is_ascii_digit() || " ()+-–".contains(c)))
}

/// A short line without sentence punctuation or a list marker (a menu entry, a button, a
/// label): «Отзывы», «Программа лояльности», «О НАС».
fn short_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().count() <= 40
        && t.split_whitespace().count() <= 4
        && !t.contains([',', ';', ':', '.', '!', '?', '—', '–', '(', '\t'])
        && !t.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '•' | '-' | '*' | '·'))
}

/// Whether the line holding byte `pos` is short and at least three of the two non-blank lines
/// before it and the two after it are short too: a run of menu entries or page chrome.
fn menu_line(text: &str, pos: usize) -> bool {
    // A short line is at most 40 chars (160 bytes): look no further, so a text of one long
    // line costs no more per hit than any other.
    let from = text.floor_char_boundary(pos.saturating_sub(160));
    let to = text.ceil_char_boundary(pos.saturating_add(160).min(text.len()));
    let ls = match text[from..pos].rfind('\n') {
        Some(i) => from + i + 1,
        None if from == 0 => 0,
        None => return false,
    };
    let le = match text[pos..to].find('\n') {
        Some(i) => pos + i,
        None if to == text.len() => to,
        None => return false,
    };
    if !short_line(&text[ls..le]) {
        return false;
    }
    // the neighbours, within 800 bytes: a line the window cuts is long
    let wb = text.floor_char_boundary(ls.saturating_sub(800));
    let we = text.ceil_char_boundary(le.saturating_add(800).min(text.len()));
    let (head, tail) = (&text[wb..ls], &text[le..we]);
    let whole = |l: &str| {
        let at = l.as_ptr() as usize - text.as_ptr() as usize;
        !((wb > 0 && at == wb) || (we < text.len() && at + l.len() == we))
    };
    let near = |l: &&str| !l.trim().is_empty();
    let before = head.lines().rev().filter(near).take(2);
    let after = tail.lines().filter(near).take(2);
    before
        .chain(after)
        .filter(|l| whole(l) && short_line(l))
        .count()
        >= 3
}

/// A brand named as a contact channel: followed by a number or address («WhatsApp: +7 …»), or
/// in brackets right after a phone number («+375 (29) 654-32-10 (Viber, Telegram)»).
fn contact_channel(text: &str, start: usize, end: usize) -> bool {
    let mut stop = text.len().min(end + 40);
    while !text.is_char_boundary(stop) {
        stop -= 1;
    }
    let rest = text[end..stop].trim_start_matches([' ', '\t']);
    let handle = |r: &str| {
        r.starts_with(['+', '@']) || r.starts_with("http") || r.starts_with("t.me") || {
            let mut cs = r.chars();
            match cs.next() {
                Some(c) if c.is_ascii_digit() => true,
                Some('(') => cs.next().is_some_and(|c| c.is_ascii_digit()),
                _ => r.split_whitespace().next().is_some_and(|w| w.contains('@')),
            }
        }
    };
    if rest.starts_with(['+', '@']) {
        return true;
    }
    if let Some(r) = rest.strip_prefix(':') {
        if handle(r.trim_start_matches([' ', '\t'])) {
            return true;
        }
    }
    let mut from = start.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..start];
    let Some(open) = before.rfind('(') else {
        return false;
    };
    if before[open..].contains([')', '.', ';']) {
        return false;
    }
    before[..open]
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit())
}

/// «от неправомерных действий третьих лиц», «доступа третьих лиц», «за действия третьих лиц»:
/// the third parties act on the data (a security clause, issue 12 pattern 9); nothing is
/// passed to them.
fn acting_party(lx: &Lexicon, text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    let from = before.char_indices().rev().nth(12).map_or(0, |(i, _)| i);
    let tail = before[from..].to_lowercase();
    lx.words.acting.iter().any(|w| tail.ends_with(w))
}

/// «спор будет передан на рассмотрение в судебный орган»: the clause on disputes sends the
/// dispute to a court, not the data.
fn in_dispute_clause(lx: &Lexicon, text: &str, at: usize) -> bool {
    let from = text[..at].rfind(['.', '\n']).map_or(0, |p| p + 1);
    contains_any(&text[from..at].to_lowercase(), &lx.words.dispute)
}

/// «ИНН … анализируемой организации»: an organisation's number, not the user's tax id.
fn org_follows(tax: &Taxonomy, toks: &[Token], from: usize) -> bool {
    toks[from..toks.len().min(from + 7)]
        .iter()
        .any(|t| tax.matcher.cue(t.id) & CUE_ORG != 0)
}

/// Whether the data noun phrase that goes on from token `from` (over more category mentions
/// joined by commas and conjunctions: «фамилия, имя, отчество и адрес …») ends in another
/// party in the genitive («… оператора», «… лица, осуществляющего обработку»): its data,
/// not the person's (issue 12, pattern 7).
fn party_follows(tax: &Taxonomy, text: &str, toks: &[Token], hits: &[Hit], from: usize) -> bool {
    let m = &tax.matcher;
    let mut j = from;
    let mut other = 0;
    for _ in 0..12 {
        let Some(t) = toks.get(j) else {
            return false;
        };
        if j > 0 && gap(text, toks, j).contains(['.', ';', ':', '(', ')', '\n']) {
            return false;
        }
        let c = m.cue(t.id);
        if c & CUE_PARTY != 0 {
            return true;
        }
        if c & CUE_CONJ != 0 {
            j += 1;
            continue;
        }
        let k = hits.partition_point(|h| h.tok_start < j);
        match hits.get(k) {
            Some(h)
                if h.tok_start == j
                    && h.entries
                        .iter()
                        .any(|&e| tax.entries[e as usize].kind == Kind::Category) =>
            {
                j = h.tok_end;
            }
            // up to two more words of the phrase that are no cue («… и адрес лица»)
            _ if c == 0 && other < 2 => {
                other += 1;
                j += 1;
            }
            _ => return false,
        }
    }
    false
}

/// A heading that names purposes: «Цели обработки персональных данных», «Зачем мы используем
/// данные», «Для чего мы используем сведения»; not one that also names the data, their
/// terms or rights («Состав и цели обработки», «Объем данных и цели их использования», «Сроки и
/// цели хранения»).
fn purpose_heading(lx: &Lexicon, text: &str, u: &Unit, cues: u32) -> bool {
    if cues & (CUE_COLLECT | CUE_TERM | CUE_RIGHT | CUE_STORE) != 0 {
        return false;
    }
    let h = text[u.start..u.end]
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    if contains_any(&h, &lx.words.not_purpose_heading) {
        return false;
    }
    cues & CUE_PURPOSE != 0 || lx.words.purpose_heading.iter().any(|w| h.starts_with(w))
}

/// A numbered sub-clause whose parent clause ends with «:» («4.1. … в целях:» → «4.1.7. …») is
/// introduced by its parent: the parent's own text is its lead.
fn parent_lead(ctx: &DocContext, u: &Unit) -> Option<(usize, usize)> {
    if u.kind == UnitKind::Heading {
        return None;
    }
    let c = &ctx.clauses[u.clause?];
    // The parent precedes its child: the nearest clause before it with the parent's number.
    let pc = &ctx.clauses[ctx.parent_of(u.clause?)?];
    if !pc.text.trim_end().ends_with(':') {
        return None;
    }
    // Only the first unit of the sub-clause is introduced by the parent.
    let cs = ctx.byte_offset(c.start);
    let first = ctx.text[cs..u.start]
        .trim_start_matches(|ch: char| ch.is_ascii_digit() || ch == '.' || ch.is_whitespace());
    if !first.is_empty() {
        return None;
    }
    Some((ctx.byte_offset(pc.start), ctx.byte_offset(pc.end)))
}

struct Units<'u> {
    units: &'u [Unit],
    /// For each clause: its heading, or the heading of a clause around it, names rights
    /// («3. ВАШИ ПРАВА …» → «3.2 Удаление / блокирование …»).
    rights_section: Vec<bool>,
    /// For each clause: its heading, or the heading of a clause around it, names purposes.
    purpose_section: Vec<bool>,
    /// For each unit: a heading that names purposes.
    purpose_heading: Vec<bool>,
    /// For each unit: index of the last heading unit at or before it.
    heading_of: Vec<Option<usize>>,
    /// Analyses computed on demand, shared (not copied) with every hit of the unit.
    spans: Vec<Option<Rc<Span>>>,
    lead_spans: Vec<Option<Option<Rc<Span>>>>,
    /// Category hits in text order (for the shape of definitions).
    cat_hits: Vec<CatHit>,
    /// For each unit: whether it states a retention term (computed on demand).
    retains: Vec<Option<bool>>,
}

impl<'u> Units<'u> {
    fn new(units: &'u [Unit], cat_hits: Vec<CatHit>) -> Self {
        let mut heading_of = Vec::with_capacity(units.len());
        let mut last = None;
        for (i, u) in units.iter().enumerate() {
            if u.kind == UnitKind::Heading {
                last = Some(i);
            }
            heading_of.push(last);
        }
        Units {
            units,
            rights_section: Vec::new(),
            purpose_section: Vec::new(),
            purpose_heading: Vec::new(),
            heading_of,
            spans: vec![None; units.len()],
            lead_spans: vec![None; units.len()],
            cat_hits,
            retains: vec![None; units.len()],
        }
    }

    /// Fill `rights_section` and `purpose_section` from the clause headings.
    fn mark_sections(&mut self, tax: &Taxonomy, ctx: &DocContext, toks: &[Token]) {
        let n = ctx.clauses.len();
        let mut own = vec![false; n];
        let mut own_purpose = vec![false; n];
        self.purpose_heading = vec![false; self.units.len()];
        for i in 0..self.units.len() {
            let u = &self.units[i];
            if u.kind != UnitKind::Heading {
                continue;
            }
            let cues = self.span(tax, ctx.text, toks, i).cues;
            let purpose = purpose_heading(&tax.rules, ctx.text, u, cues);
            self.purpose_heading[i] = purpose;
            if let Some(ci) = u.clause {
                own[ci] |= cues & CUE_RIGHT != 0;
                own_purpose[ci] |= purpose;
            }
        }
        let mut index: std::collections::HashMap<&str, usize> =
            std::collections::HashMap::with_capacity(n);
        let mut flag = vec![false; n];
        let mut flag_purpose = vec![false; n];
        for (ci, c) in ctx.clauses.iter().enumerate() {
            let parent = c.parent.as_deref().and_then(|p| index.get(p)).copied();
            flag[ci] = own[ci] || parent.is_some_and(|pi| flag[pi]);
            flag_purpose[ci] = own_purpose[ci] || parent.is_some_and(|pi| flag_purpose[pi]);
            index.insert(c.number.as_str(), ci);
        }
        self.rights_section = flag;
        self.purpose_section = flag_purpose;
    }

    fn in_rights_section(&self, i: usize) -> bool {
        self.units[i]
            .clause
            .is_some_and(|c| self.rights_section.get(c).copied().unwrap_or(false))
    }

    /// Unit `i` is under a heading that names purposes («3. Цели обработки», «Для чего мы
    /// используем сведения»): its clause or a clause around it has such a heading, or (in a text
    /// without numbering) the last heading before it is one.
    fn in_purpose_section(&self, i: usize) -> bool {
        let by_clause = self.units[i]
            .clause
            .is_some_and(|c| self.purpose_section.get(c).copied().unwrap_or(false));
        by_clause
            || self.heading_of[i]
                .filter(|&h| h != i)
                .is_some_and(|h| self.purpose_heading[h])
    }

    fn find(&self, pos: usize) -> Option<usize> {
        let i = self.units.partition_point(|u| u.start <= pos);
        if i == 0 {
            return None;
        }
        let u = &self.units[i - 1];
        (pos < u.end).then_some(i - 1)
    }

    fn span(&mut self, tax: &Taxonomy, text: &str, toks: &[Token], i: usize) -> Rc<Span> {
        let u = &self.units[i];
        let cat_hits = &self.cat_hits;
        self.spans[i]
            .get_or_insert_with(|| Rc::new(analyze_span(tax, text, toks, cat_hits, u.start, u.end)))
            .clone()
    }

    /// Whether unit `i` speaks of files the person attaches or uploads («фотографии и планировку
    /// помещения, если вы прикрепляете их к заявке»): the photos in it are attached files, not a
    /// picture of the person.
    fn attaches(&self, tax: &Taxonomy, i: usize) -> bool {
        let u = &self.units[i];
        let a = self.cat_hits.partition_point(|h| h.start < u.start);
        let b = self.cat_hits.partition_point(|h| h.start < u.end);
        self.cat_hits[a..b]
            .iter()
            .any(|h| tax.entries[h.entry as usize].id == "files")
    }

    /// How many different data categories unit `i` names.
    fn distinct_categories(&self, tax: &Taxonomy, i: usize) -> usize {
        let u = &self.units[i];
        let a = self.cat_hits.partition_point(|h| h.start < u.start);
        let b = self.cat_hits.partition_point(|h| h.start < u.end);
        let mut ids: Vec<&str> = self.cat_hits[a..b]
            .iter()
            .map(|h| tax.entries[h.entry as usize].id.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    /// Whether unit `i` states a retention term («хранятся в течение 3 лет», «пока аккаунт
    /// существует»).
    /// Filled by [`retention`], which runs first.
    fn retains(&self, i: usize) -> bool {
        self.retains[i] == Some(true)
    }

    fn lead(
        &mut self,
        tax: &Taxonomy,
        ctx: &DocContext,
        toks: &[Token],
        i: usize,
    ) -> Option<Rc<Span>> {
        let u = &self.units[i];
        let cat_hits = &self.cat_hits;
        self.lead_spans[i]
            .get_or_insert_with(|| {
                let lead = u.lead.or_else(|| parent_lead(ctx, u));
                lead.map(|(a, b)| Rc::new(analyze_span(tax, ctx.text, toks, cat_hits, a, b)))
            })
            .clone()
    }
}

/// «фото тетради», «фотографии блюд», «фотографии товара»: a picture of a thing (a noun right
/// after the word), or «фотографии, опубликованные на витрине»: published or uploaded content.
/// Both are files, not a picture of the person.
fn photo_of_object(lx: &Lexicon, text: &str, toks: &[Token], next: usize) -> bool {
    let Some(t) = toks.get(next) else {
        return false;
    };
    let g = gap(text, toks, next);
    let word = crate::lexicon::fold(&text[t.start as usize..t.end as usize]);
    if g.trim().is_empty() {
        word.chars().count() >= 3
            && word.chars().all(|c| ('а'..='я').contains(&c))
            && !lx.photo_of_person.iter().any(|p| word.starts_with(p))
    } else if g.trim() == "," {
        lx.words.published.iter().any(|p| word.starts_with(p))
    } else {
        false
    }
}

/// Adds `files` where an upload verb stands within four words of a file noun, in either order
/// («загруженные учеником файлы», «документы, загружаемые при регистрации», «фотографии блюд,
/// которые вы прикладываете»), and reads pictures of things as files ([`photo_of_object`]).
/// `files` holds the entry of `files` (empty when the taxonomy has none).
fn file_hits<'a>(
    tax: &Taxonomy,
    text: &str,
    toks: &[Token],
    mut hits: Vec<super::matcher::Hit<'a>>,
    files: &'a [u32],
) -> Vec<super::matcher::Hit<'a>> {
    let Some(&fe) = files.first() else {
        return hits;
    };
    let m = &tax.matcher;
    for h in hits.iter_mut() {
        if h.entries.len() == 1
            && tax.entries[h.entries[0] as usize].id == "photo"
            && photo_of_object(&tax.rules, text, toks, h.tok_end)
        {
            h.entries = files;
        }
    }
    let mut extra = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if m.cue(t.id) & CUE_UPLOAD == 0 {
            continue;
        }
        let near = (i.saturating_sub(4)..(i + 5).min(toks.len())).find(|&j| {
            j != i
                && m.cue(toks[j].id) & CUE_FILE != 0
                && (i.min(j) + 1..=i.max(j))
                    .all(|k| !gap(text, toks, k).contains(['.', ';', ':', '\n']))
                && toks.get(j + 1).is_none_or(|n| {
                    let w = text[n.start as usize..n.end as usize].to_lowercase();
                    !tax.rules.words.cookie.contains(&w.as_str())
                })
        });
        let Some(j) = near else {
            continue;
        };
        let (a, b) = (i.min(j), i.max(j) + 1);
        if !hits
            .iter()
            .any(|h| h.entries.contains(&fe) && h.tok_start < b && a < h.tok_end)
        {
            extra.push(super::matcher::Hit {
                entries: files,
                whole_only: &[],
                item_only: &[],
                tok_start: a,
                tok_end: b,
            });
        }
    }
    if !extra.is_empty() {
        hits.extend(extra);
        hits.sort_by_key(|h| h.tok_start);
    }
    hits
}

/// Every mention with its weight and polarity, for debugging rules (`polex::classify::trace`).
pub(super) fn trace(tax: &Taxonomy, ctx: &DocContext) -> Vec<String> {
    let mut out = Vec::new();
    classify_inner(tax, ctx, Some(&mut out));
    out
}

pub(super) fn classify(tax: &Taxonomy, ctx: &DocContext) -> Practices {
    classify_inner(tax, ctx, None)
}

fn classify_inner(
    tax: &Taxonomy,
    ctx: &DocContext,
    mut trace: Option<&mut Vec<String>>,
) -> Practices {
    let text = ctx.text;
    let toks = tax.matcher.tokenize(text);
    let files: Vec<u32> = tax
        .entries
        .iter()
        .position(|e| e.kind == Kind::Category && e.id == "files")
        .map(|p| p as u32)
        .into_iter()
        .collect();
    let hits = file_hits(tax, text, &toks, tax.matcher.find(&toks), &files);

    let toks_ref = &toks;
    let cat_hits: Vec<CatHit> = hits
        .iter()
        .flat_map(|h| {
            h.entries
                .iter()
                .filter(|&&e| tax.entries[e as usize].kind == Kind::Category)
                .map(move |&e| CatHit {
                    start: toks_ref[h.tok_start].start as usize,
                    entry: e,
                })
        })
        .collect();
    let mut units = Units::new(ctx.units, cat_hits);
    units.mark_sections(tax, ctx, &toks);
    let retention = retention(tax, ctx, &toks, &mut units);

    let mut mentions: Vec<Mention> = Vec::new();
    for h in &hits {
        let start = toks[h.tok_start].start as usize;
        let end = toks[h.tok_end - 1].end as usize;
        let ui = units.find(start);
        // Polarity and context of the unit (and of the sentence introducing a list item).
        let mut transfer = false;
        let mut occasion = false;
        let mut complaint = false;
        // A recipient named in a list of the subject's rights or of request deadlines
        // («получить информацию о предоставлении данных третьим лицам»): not a transfer.
        let mut about_request = false;
        // What a request to the operator must contain («Запрос должен содержать номер
        // основного документа, удостоверяющего личность»): the law's content of a request, not
        // data the operator collects.
        let mut request_content = false;
        // `around`: the cues of the unit's lead and of its section heading.
        let (negated, definition, heading, unit_cues, weak_lead, right_lead, purpose_lead, around) =
            match ui {
                // Outside every unit (page chrome before the title): not a statement.
                None => (false, false, false, 0u32, true, false, false, 0u32),
                Some(i) => {
                    let sp = units.span(tax, text, &toks, i);
                    let kind = units.units[i].kind;
                    let lead = units.lead(tax, ctx, &toks, i);
                    let section = units.heading_of[i]
                        .filter(|&hi| hi != i)
                        .map(|hi| units.span(tax, text, &toks, hi).cues)
                        .unwrap_or(0);
                    let mut negated = sp.negated_at(h.tok_start);
                    let mut weak_lead = false;
                    let mut right_lead = units.in_rights_section(i);
                    about_request = right_lead;
                    let mut purpose_lead = false;
                    if let Some(l) = &lead {
                        negated |= l.negates_tail();
                        let purpose = l.ends_for
                            || l.ends_purpose
                            || (l.cues & CUE_PURPOSE != 0 && l.cues & CUE_COLLECT == 0);
                        let request = l.cues & CUE_REQUEST != 0 && l.cues & CUE_CONTAIN != 0;
                        request_content = request;
                        weak_lead =
                            (purpose && sp.cues & CUE_COLLECT == 0) || request || l.definition;
                        right_lead |= l.cues & CUE_RIGHT != 0;
                        purpose_lead = l.cues & (CUE_PURPOSE | CUE_FOR) != 0;
                        about_request = (l.cues & CUE_REQUEST != 0
                            && l.cues & (CUE_TERM | CUE_ANSWER) != 0)
                            || (l.cues & CUE_RIGHT != 0
                                && l.cues & CUE_USER != 0
                                && l.cues & CUE_TRANSFER == 0);
                    }
                    // Under a heading naming purposes («3. Цели обработки»): its items are
                    // purposes, and the data they name («Ответы на обращения и отзывы
                    // пациентов») are not said to be collected unless a verb of the unit says so.
                    // A unit that lists data («Исполнение договора: доставка работы на email,
                    // уведомления о статусе заказа», a table row «Цель\tДанные») still says
                    // what is processed.
                    if units.in_purpose_section(i) {
                        purpose_lead = true;
                        let u = &units.units[i];
                        let line = text[..u.start].rfind('\n').map_or(0, |p| p + 1);
                        if sp.cues & (CUE_COLLECT | CUE_NEG_VERB) == 0
                            && !text[line..u.end].contains('\t')
                            && units.distinct_categories(tax, i) < 2
                        {
                            weak_lead = true;
                        }
                    }
                    if sp.cues & CUE_REQUEST != 0 && sp.cues & CUE_CONTAIN != 0 {
                        weak_lead = true;
                        request_content = true;
                    }
                    // A non-disclosure clause («… подлежит надежному хранению и
                    // нераспространению», «сохраняется ее конфиденциальность») promises secrecy
                    // for whatever it names; it does not say that the data are collected.
                    if sp.cues & CUE_SECRECY != 0 {
                        weak_lead = true;
                    }
                    // A disclaimer («Оператор не несёт ответственности за убытки, возникшие в
                    // результате: … передачи логина и пароля») names what a loss came from.
                    let disclaims = |c: u32| c & CUE_LIABILITY != 0 && c & CUE_NOT != 0;
                    if disclaims(sp.cues) || lead.as_ref().is_some_and(|l| disclaims(l.cues)) {
                        weak_lead = true;
                    }
                    // «для проведения оплаты», «при оформлении заявки»: a purpose or an occasion.
                    let m = &tax.matcher;
                    // «при сборе cookies», «при использовании» describe collection itself.
                    // The occasion phrase ends at a dash, colon or semicolon: in «При посещении
                    // сайта — cookie-файлы, IP-адрес» the data after the dash are collected.
                    let same_phrase = |j: usize| {
                        (j + 1..=h.tok_start)
                            .all(|k| !gap(text, &toks, k).contains(['—', '–', ':', ';', '(']))
                    };
                    let when = (h.tok_start.saturating_sub(3).max(sp.lo)..h.tok_start).any(|j| {
                        m.cue(toks[j].id) & CUE_WHEN != 0
                            && same_phrase(j)
                            && toks
                                .get(j + 1)
                                .is_none_or(|n| m.cue(n.id) & CUE_COLLECT_NOUN == 0)
                    });
                    // Inside the unit's own purpose phrase («для контроля законности проводимых
                    // финансовых платежей»).
                    if sp.in_purpose(h.tok_start) || when {
                        weak_lead = true;
                    }
                    // «При оформлении заказа» is an occasion, not a purpose.
                    occasion = (h.tok_start.saturating_sub(2).max(sp.lo)..h.tok_start)
                        .any(|j| m.cue(toks[j].id) & CUE_WHEN != 0 && same_phrase(j));
                    // «обжаловать действия … в уполномоченный орган или в суд»: where the
                    // person may complain, not where the data go.
                    complaint = (h.tok_start.saturating_sub(10).max(sp.lo)..h.tok_start)
                        .any(|j| m.cue(toks[j].id) & CUE_COMPLAIN != 0);
                    transfer = (sp.cues | lead.as_ref().map_or(0, |l| l.cues) | section)
                        & CUE_TRANSFER
                        != 0;
                    // A retention statement names the data it keeps («Данные аккаунта хранятся,
                    // пока аккаунт существует»); it does not say that they are collected.
                    if sp.cues & CUE_STORE != 0 && units.retains(i) {
                        weak_lead = true;
                    }
                    // Retention lists («Данные аккаунта: в течение … 3 года»).
                    let storage = |c: u32| c & CUE_STORE != 0 || c & CUE_TERM != 0;
                    let term = sp.cues | lead.as_ref().map_or(0, |l| l.cues) | section;
                    if storage(sp.cues | lead.as_ref().map_or(0, |l| l.cues))
                        && term & CUE_TERM != 0
                        && term & CUE_STORE != 0
                    {
                        weak_lead = true;
                    }
                    (
                        negated,
                        sp.definition,
                        kind == UnitKind::Heading,
                        sp.cues,
                        weak_lead,
                        right_lead,
                        purpose_lead,
                        lead.as_ref().map_or(0, |l| l.cues) | section,
                    )
                }
            };
        // A `^form` hit counts only as a whole list item under a collection lead or heading
        // («Какие данные мы собираем: … • Адрес • Мессенджер»), a `~form` hit only inside such
        // an item («• Иные данные, предоставленные в форме обратной связи»).
        // A line of a menu or of other page chrome names no data («ГЛАВНАЯ / О НАС / Отзывы /
        // Программа лояльности / КОНТАКТЫ»), unless a collection lead or heading is over it.
        let listed = around & (CUE_COLLECT | CUE_CONTAIN) != 0;
        let (in_item, whole_item) = match ui {
            Some(i) if listed && !(h.whole_only.is_empty() && h.item_only.is_empty()) => {
                let u = &units.units[i];
                let item = text[u.start..u.end]
                    .trim_matches(|c: char| !c.is_alphanumeric() || c.is_ascii_digit());
                (u.lead.is_some(), item.len() == end - start)
            }
            _ => (false, false),
        };
        let chrome = !listed
            && h.entries
                .iter()
                .any(|&e| matches!(tax.entries[e as usize].kind, Kind::Category | Kind::Special))
            && menu_line(text, start);
        for &e in h.entries {
            if (h.whole_only.contains(&e) && !whole_item) || (h.item_only.contains(&e) && !in_item)
            {
                continue;
            }
            let entry = &tax.entries[e as usize];
            let weight = match entry.kind {
                Kind::Ignore => continue,
                Kind::Category | Kind::Special => {
                    if is_contact(&tax.rules, text, start, end)
                        || (entry.id == "tax_id" && org_follows(tax, &toks, h.tok_end))
                        || party_follows(tax, text, &toks, &hits, h.tok_end)
                        || request_content
                        || chrome
                    {
                        Weight::Drop
                    } else if definition
                        || heading
                        || weak_lead
                        || (entry.id == "photo" && ui.is_some_and(|i| units.attaches(tax, i)))
                    {
                        Weight::Weak
                    } else {
                        Weight::Strong
                    }
                }
                Kind::Purpose => {
                    if occasion {
                        Weight::Drop
                    } else if unit_cues & (CUE_PURPOSE | CUE_FOR) != 0 || purpose_lead {
                        Weight::Strong
                    } else {
                        Weight::Drop
                    }
                }
                Kind::Right => {
                    if (unit_cues & CUE_RIGHT != 0 || right_lead) && !definition {
                        Weight::Strong
                    } else {
                        Weight::Drop
                    }
                }
                // A recipient is named in a transfer or processing context; a messenger or
                // brand named as a contact channel («WhatsApp: +7…», «+375 … (Viber,
                // Telegram)») is not one.
                Kind::Recipient if !(definition || heading || ui.is_none()) => {
                    if transfer
                        && !complaint
                        && !about_request
                        && !acting_party(&tax.rules, text, start)
                        && (entry.id != "court" || !in_dispute_clause(&tax.rules, text, start))
                        && !contact_channel(text, start, end)
                    {
                        Weight::Strong
                    } else {
                        Weight::Drop
                    }
                }
                Kind::Recipient | Kind::Flag | Kind::Transfer => {
                    if definition || heading || ui.is_none() {
                        Weight::Weak
                    } else {
                        Weight::Strong
                    }
                }
            };
            if let Some(t) = trace.as_deref_mut() {
                t.push(format!(
                    "{} {:?} neg={} def={} head={} weak_lead={} [{}] unit={:?}",
                    entry.id,
                    weight,
                    negated,
                    definition,
                    heading,
                    weak_lead,
                    &text[start..end],
                    ui.map(|i| {
                        let u = &units.units[i];
                        text[u.start..u.end].chars().take(120).collect::<String>()
                    })
                ));
            }
            mentions.push(Mention {
                entry: e,
                start,
                end,
                negated,
                weight,
            });
        }
    }

    let mut out = Practices::default();
    let any_strong_category = mentions.iter().any(|m| {
        m.weight == Weight::Strong && tax.entries[m.entry as usize].kind == Kind::Category
    });
    // Mentions grouped by entry (a stable sort keeps document order inside each group).
    mentions.retain(|m| m.weight != Weight::Drop);
    mentions.sort_by_key(|m| m.entry);
    for group in mentions.chunk_by(|a, b| a.entry == b.entry) {
        let ei = group[0].entry as usize;
        let entry = &tax.entries[ei];
        let mine: Vec<&Mention> = group.iter().collect();
        let strong: Vec<&Mention> = mine
            .iter()
            .copied()
            .filter(|m| m.weight == Weight::Strong)
            .collect();
        let used: Vec<&Mention> = match entry.kind {
            Kind::Category | Kind::Special if strong.is_empty() => {
                if !any_strong_category && entry.kind == Kind::Category {
                    mine
                } else {
                    continue;
                }
            }
            _ => {
                if strong.is_empty() {
                    continue;
                }
                strong
            }
        };
        let negated = used.iter().all(|m| m.negated);
        let mut clauses = Unique::default();
        clauses.extend(used.iter().filter_map(|m| ctx.clause_at(m.start)));
        let clauses = clauses.into_vec();
        let evidence: Vec<Evidence> = used
            .iter()
            .take(MAX_EVIDENCE)
            .map(|m| ctx.evidence(m.start, m.end, m.negated))
            .collect();
        let practice = Practice {
            id: entry.id.clone(),
            dpv: entry.dpv.clone(),
            negated,
            name: entry.name.clone(),
            clauses,
            evidence,
        };
        match entry.kind {
            Kind::Category => push_merged(&mut out.data_categories, practice),
            Kind::Purpose => push_merged(&mut out.purposes, practice),
            Kind::Recipient => push_merged(&mut out.recipients, practice),
            Kind::Right => push_merged(&mut out.rights, practice),
            Kind::Special => push_merged(&mut out.special_categories, practice),
            Kind::Flag => {
                let flag = Flag {
                    present: !negated,
                    evidence: practice.evidence,
                };
                match entry.id.as_str() {
                    "cookies" => out.cookies = Some(flag),
                    "automated_decisions" => out.automated_decisions = Some(flag),
                    _ => {}
                }
            }
            Kind::Transfer => {
                out.cross_border = Some(CrossBorder {
                    status: if negated {
                        CrossBorderStatus::No
                    } else {
                        CrossBorderStatus::Yes
                    },
                    evidence: practice.evidence,
                });
            }
            Kind::Ignore => {}
        }
    }
    if out.cross_border.is_none() {
        out.cross_border = Some(CrossBorder {
            status: CrossBorderStatus::NotStated,
            evidence: Vec::new(),
        });
    }
    usage_from_named_analytics(tax, &mut out);
    out.retention = retention;
    out
}

/// A named analytics counter on the site («счётчики Яндекс.Метрики», «Google Analytics»)
/// collects usage data: when the text passes data to one and lists no usage data itself, the
/// category is implied, with the counter's evidence (issue 12, pattern 11). A generic «системы
/// аналитики» does not imply it.
fn usage_from_named_analytics(tax: &Taxonomy, out: &mut Practices) {
    if out.data_categories.iter().any(|c| c.id == "usage_data") {
        return;
    }
    let Some(counter) = out
        .recipients
        .iter()
        .find(|r| r.id == "analytics_service" && r.name.is_some() && !r.negated)
    else {
        return;
    };
    let Some(entry) = tax
        .entries
        .iter()
        .find(|e| e.kind == Kind::Category && e.id == "usage_data")
    else {
        return;
    };
    let practice = Practice {
        id: entry.id.clone(),
        dpv: entry.dpv.clone(),
        negated: false,
        name: None,
        clauses: counter.clauses.clone(),
        evidence: counter.evidence.clone(),
    };
    out.data_categories.push(practice);
}

/// Add a practice, merging it into an existing one with the same id and name.
fn push_merged(list: &mut Vec<Practice>, p: Practice) {
    if let Some(q) = list.iter_mut().find(|q| q.id == p.id && q.name == p.name) {
        q.negated &= p.negated;
        let mut clauses = Unique::from_vec(std::mem::take(&mut q.clauses));
        clauses.extend(p.clauses);
        q.clauses = clauses.into_vec();
        for e in p.evidence {
            if q.evidence.len() < MAX_EVIDENCE {
                q.evidence.push(e);
            }
        }
        q.evidence.sort_by_key(|e| e.start);
    } else {
        list.push(p);
    }
}

#[cfg(test)]
mod merge_tests {
    use super::*;

    #[test]
    fn merged_negation_ranges_answer_like_the_list() {
        let neg = vec![(5, 9), (2, 4), (8, 12), (4, 4), (20, 21), (3, 5)];
        for hi in [11, 12, 21, 22] {
            let sp = Span {
                hi,
                neg: merge_ranges(neg.clone()),
                ..Default::default()
            };
            for t in 0..25 {
                let want = neg.iter().any(|&(a, b)| t >= a && t < b);
                assert_eq!(sp.negated_at(t), want, "{t}");
            }
            assert_eq!(sp.negates_tail(), neg.iter().any(|&(_, b)| b >= hi));
        }
    }
}

#[cfg(test)]
mod walk_tests {
    use super::*;

    /// The byte walks of `definition_shape` give what the char walks gave.
    #[test]
    fn byte_walks_are_the_char_walks() {
        let mut texts: Vec<String> = [
            "",
            "-",
            "—",
            "a – b - c — d",
            "Клиенты — фамилия, имя",
            "«Cookies» — небольшой фрагмент",
            "€ ‐ ‑ ‒ ― − x-y 𝔸—𝔹",
        ]
        .map(String::from)
        .to_vec();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["corpus", "../shared/dev/corpus"] {
            if let Ok(rd) = std::fs::read_dir(root.join(dir)) {
                for e in rd.flatten() {
                    if let Ok(t) = std::fs::read_to_string(e.path()) {
                        texts.extend(t.lines().map(String::from));
                    }
                }
            }
        }
        for t in &texts {
            for n in [0, 1, 5, 160, 100_000] {
                let want = t.char_indices().nth(n).map_or(t.len(), |(b, _)| b);
                assert_eq!(nth_char_start(t, n), want, "{t:?} {n}");
            }
            let want: Vec<(usize, char)> = t
                .char_indices()
                .filter(|&(_, c)| matches!(c, '—' | '–' | '-'))
                .collect();
            assert_eq!(dash_chars(t).collect::<Vec<_>>(), want, "{t:?}");
        }
    }
}
