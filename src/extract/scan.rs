//! Fast candidate search for the extractors' regexes, with results identical to a full-text
//! `captures_iter`.
//!
//! A case-insensitive alternation over Cyrillic (`(?i:обществ…|акционерн…|…)`) defeats the regex
//! crate's literal prefilter: it runs its lazy DFA behind a Teddy prefilter whose fingerprints
//! match almost every Cyrillic letter. Two exact replacements are used instead:
//!
//! * **triggers**: every match of the pattern starts with one of a few literal strings derived
//!   from the pattern itself ([`triggers`], with every case variant the regex crate's `(?i)`
//!   accepts, see [`case_variants`]). One Aho-Corasick DFA finds all trigger occurrences of
//!   several patterns in one pass ([`Scanner`]); the pattern, anchored (`^(?:…)`), then runs at
//!   each candidate only ([`captures_at`]), reproducing leftmost-first, non-overlapping
//!   iteration exactly.
//! * **regions** ([`captures_in_regions`]): for patterns whose matches always contain a marker
//!   (a dot before a TLD, a year) and never cross certain characters, the pattern runs on the
//!   short merged regions around the markers only.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use regex::{Captures, Regex};
use regex_syntax::hir::{Class, Hir, HirKind};

/// Extra pairs of Unicode simple case folding beyond `char::to_lowercase`/`to_uppercase` for
/// the scripts used here (the regex crate's `(?i)` folds them together).
const EXTRA_FOLDS: &[(char, char)] = &[
    ('в', 'ᲀ'),
    ('д', 'ᲁ'),
    ('о', 'ᲂ'),
    ('с', 'ᲃ'),
    ('т', 'ᲄ'),
    ('т', 'ᲅ'),
    ('ъ', 'ᲆ'),
    ('ѣ', 'ᲇ'),
    ('ꙋ', 'ᲈ'),
    ('k', '\u{212A}'),
    ('s', 'ſ'),
];

/// One step of a trigger: the chars that may stand at this position.
type Step = Vec<char>;

/// A class of at most this many chars is one step of a trigger (`\s`, `[её]` with its case
/// variants); a wider one (`[а-я]`, `\w`) ends the trigger before it.
const MAX_CLASS: usize = 30;

/// The prefixes of the matches of `h`: each a sequence of steps, and whether it is the whole
/// match (`true`: what follows `h` may extend it) or was cut (at `max` steps, or before a
/// part with no literal start). Every match of `h` starts with one of the prefixes.
fn prefixes(h: &Hir, max: usize) -> Vec<(Vec<Step>, bool)> {
    match h.kind() {
        HirKind::Empty => vec![(Vec::new(), true)],
        HirKind::Literal(lit) => {
            let text = String::from_utf8_lossy(&lit.0);
            let steps: Vec<Step> = text.chars().take(max).map(|c| vec![c]).collect();
            let whole = steps.len() == text.chars().count();
            vec![(steps, whole)]
        }
        HirKind::Class(Class::Unicode(c)) => {
            let n: u32 = c
                .ranges()
                .iter()
                .map(|r| r.end() as u32 - r.start() as u32 + 1)
                .sum();
            if n as usize > MAX_CLASS {
                return vec![(Vec::new(), false)];
            }
            let step: Step = c
                .ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .collect();
            vec![(vec![step], true)]
        }
        // bytes, anchors and word boundaries: no literal start
        HirKind::Class(Class::Bytes(_)) | HirKind::Look(_) => vec![(Vec::new(), false)],
        // a part that may be absent ends the prefix before it; one that may repeat, after its
        // first occurrence
        HirKind::Repetition(r) if r.min == 0 => vec![(Vec::new(), false)],
        HirKind::Repetition(r) => prefixes(&r.sub, max)
            .into_iter()
            .map(|(p, whole)| (p, whole && r.max == Some(1)))
            .collect(),
        HirKind::Capture(c) => prefixes(&c.sub, max),
        HirKind::Alternation(alts) => alts.iter().flat_map(|a| prefixes(a, max)).collect(),
        HirKind::Concat(parts) => {
            let mut out: Vec<(Vec<Step>, bool)> = vec![(Vec::new(), true)];
            for part in parts {
                if out.iter().all(|(p, whole)| !whole || p.len() >= max) {
                    break;
                }
                let next = prefixes(part, max);
                out = out
                    .into_iter()
                    .flat_map(|(p, whole)| {
                        if !whole || p.len() >= max {
                            return vec![(p, false)];
                        }
                        next.iter()
                            .map(|(q, w)| {
                                let mut s = p.clone();
                                s.extend(q.iter().take(max - p.len()).cloned());
                                let cut = p.len() + q.len() > max;
                                (s, *w && !cut)
                            })
                            .collect()
                    })
                    .collect();
            }
            out
        }
    }
}

/// Why no trigger set can be derived from a pattern.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TriggerError {
    /// The pattern does not parse.
    #[error("pattern {pattern:?} does not parse: {why}")]
    Syntax {
        /// The pattern.
        pattern: String,
        /// The parser's message.
        why: String,
    },
    /// Some match may start with no literal char (`\d`, `.`, an optional part, a wide class).
    #[error(
        "pattern {pattern:?}: a match may start without a literal (alternative {alternative})"
    )]
    NoLiteral {
        /// The pattern.
        pattern: String,
        /// The number of the prefix (in the order of the alternatives) that is empty.
        alternative: usize,
    },
}

/// Literal strings (at most `max_chars` chars) such that every match of `pattern` starts with
/// one of them, with every case variant the regex crate's `(?i)` accepts (the pattern is
/// parsed by `regex-syntax`, the regex crate's own parser, so `(?i)` folds exactly as the
/// regex does). Fails when a match may start without a literal char.
pub fn try_triggers(pattern: &str, max_chars: usize) -> Result<Vec<String>, TriggerError> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .map_err(|e| TriggerError::Syntax {
            pattern: pattern.to_string(),
            why: e.to_string(),
        })?;
    let mut out: Vec<String> = Vec::new();
    for (i, (steps, _)) in prefixes(&hir, max_chars.max(1)).into_iter().enumerate() {
        if steps.is_empty() {
            return Err(TriggerError::NoLiteral {
                pattern: pattern.to_string(),
                alternative: i + 1,
            });
        }
        let mut strings = vec![String::new()];
        for step in steps {
            strings = strings
                .iter()
                .flat_map(|s| {
                    step.iter().map(move |c| {
                        let mut t = s.clone();
                        t.push(*c);
                        t
                    })
                })
                .collect();
        }
        for s in strings {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    Ok(out)
}

/// [`try_triggers`] for the built-in patterns, where a failure is a bug in the shipped
/// lexicons: panics with the reason.
pub fn triggers(pattern: &str, max_chars: usize) -> Vec<String> {
    try_triggers(pattern, max_chars).unwrap_or_else(|e| panic!("cannot derive triggers: {e}"))
}

/// One Aho-Corasick DFA over the triggers of several patterns ("sources").
pub struct Scanner {
    dfa: DFA,
    /// For each AC pattern (a trigger's first chars): the sources it belongs to and the chars
    /// that may follow it in that source (`None`: any).
    checks: Vec<Vec<(usize, Option<Vec<char>>)>>,
    sources: usize,
}

/// Independent walks interleaved by [`Scanner::scan`]: one DFA walk is bound by the latency of
/// its table lookups, several in one loop overlap them.
const LANES: usize = 4;

impl Scanner {
    /// `sources[i]` are the trigger strings of source `i`. The automaton looks for their first
    /// `head` chars; a char after those is checked when a head is found.
    pub fn new(sources: &[Vec<String>], head: usize) -> Self {
        let mut pats: Vec<String> = Vec::new();
        let mut checks: Vec<Vec<(usize, Option<Vec<char>>)>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        for (i, ts) in sources.iter().enumerate() {
            for t in ts {
                let h: String = t.chars().take(head).collect();
                let next = t.chars().nth(head);
                let k = *index.entry(h.clone()).or_insert_with(|| {
                    pats.push(h);
                    checks.push(Vec::new());
                    pats.len() - 1
                });
                let c = &mut checks[k];
                let j = match c.iter().position(|x| x.0 == i) {
                    Some(j) => j,
                    None => {
                        c.push((i, Some(Vec::new())));
                        c.len() - 1
                    }
                };
                match (&mut c[j].1, next) {
                    (Some(set), Some(n)) => {
                        if !set.contains(&n) {
                            set.push(n);
                        }
                    }
                    (allowed, None) => *allowed = None,
                    (None, Some(_)) => {}
                }
            }
        }
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            .prefilter(false)
            .build(&pats)
            .expect("trigger automaton");
        Scanner {
            dfa,
            checks,
            sources: sources.len(),
        }
    }

    /// Byte start of every trigger occurrence, per source, ascending and deduplicated.
    ///
    /// The text is cut into [`LANES`] parts walked side by side; a part's walk starts the
    /// longest trigger's length early (so its state is right by the part's first byte) and
    /// reports the occurrences that end inside the part.
    pub fn scan(&self, text: &str) -> Vec<Vec<usize>> {
        let dfa = &self.dfa;
        let b = text.as_bytes();
        let n = b.len();
        let mut out = vec![Vec::new(); self.sources];
        let start = dfa.start_state(Anchored::No).expect("unanchored DFA");
        let pre = dfa.max_pattern_len();
        let part = n.div_ceil(LANES).max(1);
        // lane k reports ends in (lo, hi], walking from `from`
        let lo: [usize; LANES] = std::array::from_fn(|k| (k * part).min(n));
        let hi: [usize; LANES] = std::array::from_fn(|k| ((k + 1) * part).min(n));
        let from: [usize; LANES] = std::array::from_fn(|k| lo[k].saturating_sub(pre));
        let mut sid = [start; LANES];
        let mut report = |sid: StateID, pos: usize, k: usize| {
            if dfa.is_match(sid) && pos >= lo[k] && pos < hi[k] {
                for i in 0..dfa.match_len(sid) {
                    let pid = dfa.match_pattern(sid, i);
                    let start = pos + 1 - dfa.pattern_len(pid);
                    for (src, allowed) in &self.checks[pid.as_usize()] {
                        if let Some(set) = allowed {
                            match text[pos + 1..].chars().next() {
                                Some(c) if set.contains(&c) => {}
                                _ => continue,
                            }
                        }
                        out[*src].push(start);
                    }
                }
            }
        };
        // side by side while every lane has bytes left
        let common = (0..LANES).map(|k| hi[k] - from[k]).min().unwrap_or(0);
        for j in 0..common {
            for k in 0..LANES {
                let pos = from[k] + j;
                sid[k] = dfa.next_state(Anchored::No, sid[k], b[pos]);
                if dfa.is_special(sid[k]) {
                    report(sid[k], pos, k);
                }
            }
        }
        for k in 0..LANES {
            for (pos, &byte) in b.iter().enumerate().take(hi[k]).skip(from[k] + common) {
                sid[k] = dfa.next_state(Anchored::No, sid[k], byte);
                if dfa.is_special(sid[k]) {
                    report(sid[k], pos, k);
                }
            }
        }
        for v in &mut out {
            v.sort_unstable();
            v.dedup();
        }
        out
    }
}

/// Length of the literal triggers (in chars) the automaton looks for: longer ones give fewer
/// false candidates but more case variants and a bigger automaton. Patterns derive triggers one
/// char longer ([`TRIGGER_CHARS`] + 1); that last char is checked in code at each hit.
pub const TRIGGER_CHARS: usize = 3;

/// The patterns whose candidates [`hits`] finds, in one pass over a document for all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Src {
    /// Legal forms (`operator`).
    Forms,
    /// Organizations known by name (`operator`).
    Known,
    /// Cues before a natural person named as the operator (`operator`).
    PersonCue,
    /// Law titles and numbers after «№» (`laws`).
    Laws,
    /// «ФЗ» after a law's number (`laws`).
    Fz,
    /// «законодательство РФ» (`laws`).
    Legislation,
    /// «суда г. Астана» (`laws`).
    Court,
    /// «сервис «X»» (`consistency`).
    Brand,
}

const SOURCES: usize = Src::Brand as usize + 1;

/// Letters that only Unicode case folding relates to Cyrillic or Latin ones (`ᲂ` ~ `о`,
/// `K` ~ `k`): the triggers spelled with them are left out of [`SHARED`] and looked for only in
/// a text that has such a letter ([`SHARED_RARE`]), which keeps the usual automaton small.
fn rare_fold(c: char) -> bool {
    EXTRA_FOLDS.iter().any(|&(_, r)| r == c)
}

/// The text has one of the [`rare_fold`] letters: `ᲀ`…`ᲈ` (E1 B2 80…88), `K` (E2 84 AA) or
/// `ſ` (C5 BF). Eight bytes at a time for the bytes E1, C5 and AA, which Russian text hardly has.
fn has_rare_fold(b: &[u8]) -> bool {
    let at = |i: usize| match b[i] {
        0xE1 => {
            b.get(i + 1) == Some(&0xB2) && b.get(i + 2).is_some_and(|&c| (0x80..=0x88).contains(&c))
        }
        0xC5 => b.get(i + 1) == Some(&0xBF),
        0xAA => i >= 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x84,
        _ => false,
    };
    let mut i = 0;
    while i + 8 <= b.len() {
        let w = u64::from_le_bytes(b[i..i + 8].try_into().unwrap());
        if (has_byte(w, 0xE1) || has_byte(w, 0xC5) || has_byte(w, 0xAA)) && (i..i + 8).any(at) {
            return true;
        }
        i += 8;
    }
    (i..b.len()).any(at)
}

/// The scanners of every [`Src`] in one pass, built from the triggers the extractors register
/// (the registry is `extract`'s: this module knows none of its callers).
pub struct Scanners {
    /// Without the triggers spelled with [`rare_fold`] letters: the usual automaton.
    shared: Scanner,
    /// With them, for a text that has such a letter.
    rare: Scanner,
}

impl Scanners {
    /// Build both scanners from the triggers of each source.
    pub fn new(registry: Vec<(Src, Vec<String>)>) -> Self {
        let mut sets = vec![Vec::new(); SOURCES];
        for (src, t) in registry {
            sets[src as usize].extend(t);
        }
        let rare = Scanner::new(&sets, TRIGGER_CHARS);
        for set in &mut sets {
            set.retain(|t| !t.chars().any(rare_fold));
        }
        Scanners {
            shared: Scanner::new(&sets, TRIGGER_CHARS),
            rare,
        }
    }

    /// Candidate starts of every [`Src`] in `text`: one pass for all the extractors.
    pub fn hits(&self, text: &str) -> Hits {
        let scanner = if has_rare_fold(text.as_bytes()) {
            &self.rare
        } else {
            &self.shared
        };
        Hits(scanner.scan(text))
    }
}

/// Candidate starts of every [`Src`] in one document.
#[derive(Debug, Default)]
pub struct Hits(Vec<Vec<usize>>);

impl std::ops::Index<Src> for Hits {
    type Output = [usize];
    fn index(&self, s: Src) -> &[usize] {
        &self.0[s as usize]
    }
}

/// A pattern searched at candidates: the pattern, its anchored regex and its triggers.
pub struct AtCandidates {
    #[cfg_attr(not(test), allow(dead_code))]
    pub pattern: String,
    pub re: Regex,
    pub triggers: Vec<String>,
}

impl AtCandidates {
    /// Triggers of at most `max_chars` chars derived from the pattern (see [`triggers`]).
    /// [`hits`] uses [`TRIGGER_CHARS`] + 1.
    pub fn new(pattern: String, max_chars: usize) -> Self {
        let triggers = self::triggers(&pattern, max_chars);
        Self::with_triggers(pattern, triggers)
    }

    /// Triggers given by the caller: they must include the start of every match.
    pub fn with_triggers(pattern: String, triggers: Vec<String>) -> Self {
        AtCandidates {
            re: anchored(&pattern),
            pattern,
            triggers,
        }
    }

    /// [`captures_at`] with this pattern.
    pub fn captures<'t>(
        &self,
        text: &'t str,
        candidates: &[usize],
        f: impl FnMut(usize, Captures<'t>),
    ) {
        captures_at(&self.re, text, candidates, f)
    }
}

/// `^(?:pattern)`: the pattern anchored at the start of the haystack.
pub fn anchored(pattern: &str) -> Regex {
    Regex::new(&format!("^(?:{pattern})")).expect("anchored regex")
}

/// Reproduce `Regex::new(pattern).captures_iter(text)` given `anchored` (from [`anchored`]) and
/// `candidates`, ascending byte offsets that include the start of every match of the pattern.
/// `f` gets the byte offset the captures are relative to. The pattern must not use look-around
/// (`\b`, `^`, `$`) and must not match the empty string.
pub fn captures_at<'t>(
    anchored: &Regex,
    text: &'t str,
    candidates: &[usize],
    mut f: impl FnMut(usize, Captures<'t>),
) {
    let mut next = 0;
    for &h in candidates {
        if h < next {
            continue;
        }
        // a failing candidate costs one short DFA walk; captures only where a match is
        let hay = &text[h..];
        if !anchored.is_match(hay) {
            continue;
        }
        if let Some(c) = anchored.captures(hay) {
            let end = h + c.get(0).map_or(0, |m| m.end());
            debug_assert!(end > h, "empty match");
            next = end.max(h + 1);
            f(h, c);
        }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Some byte of `w` is an ASCII byte strictly between `lo` and `hi` (`lo` < 128, `hi` ≤ 128).
#[inline]
fn has_between(w: u64, lo: u64, hi: u64) -> bool {
    let low7 = w & (ONES * 127);
    ((ONES * (127 + hi) - low7) & !w & (low7 + ONES * (127 - lo)) & HIGHS) != 0
}

/// The first `i ≥ from` where `b[i]` is an ASCII digit (`b.len()` if none), eight bytes at a
/// time: Cyrillic text has few digits.
pub fn next_digit(b: &[u8], mut from: usize) -> usize {
    while from + 8 <= b.len() {
        let w = u64::from_le_bytes(b[from..from + 8].try_into().unwrap());
        if has_between(w, b'0' as u64 - 1, b'9' as u64 + 1) {
            break;
        }
        from += 8;
    }
    b[from.min(b.len())..]
        .iter()
        .position(u8::is_ascii_digit)
        .map_or(b.len(), |k| from + k)
}

/// Some byte of `w` is `c`.
#[inline]
fn has_byte(w: u64, c: u8) -> bool {
    let v = w ^ (ONES * c as u64);
    (v.wrapping_sub(ONES) & !v & HIGHS) != 0
}

/// The first `i ≥ from` where `b[i]` is an ASCII digit, `+` or `(` (`b.len()` if none).
pub fn next_digit_plus_paren(b: &[u8], mut from: usize) -> usize {
    while from + 8 <= b.len() {
        let w = u64::from_le_bytes(b[from..from + 8].try_into().unwrap());
        if has_between(w, b'0' as u64 - 1, b'9' as u64 + 1)
            || has_byte(w, b'+')
            || has_byte(w, b'(')
        {
            break;
        }
        from += 8;
    }
    b[from.min(b.len())..]
        .iter()
        .position(|&c| c.is_ascii_digit() || c == b'+' || c == b'(')
        .map_or(b.len(), |k| from + k)
}

/// The first `i ≥ from` where `b[i]` is an ASCII digit or capital letter (`b.len()` if none).
pub fn next_digit_or_capital(b: &[u8], mut from: usize) -> usize {
    while from + 8 <= b.len() {
        let w = u64::from_le_bytes(b[from..from + 8].try_into().unwrap());
        if has_between(w, b'0' as u64 - 1, b'9' as u64 + 1)
            || has_between(w, b'A' as u64 - 1, b'Z' as u64 + 1)
        {
            break;
        }
        from += 8;
    }
    b[from.min(b.len())..]
        .iter()
        .position(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        .map_or(b.len(), |k| from + k)
}

/// Merge byte ranges (sorted by start) that overlap or touch.
pub fn merge(ranges: &mut Vec<(usize, usize)>) {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for &(a, b) in ranges.iter() {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    *ranges = out;
}

/// Reproduce `re.captures_iter(text)` when every match lies inside one of `regions` (sorted,
/// disjoint, see [`merge`]) and no match attempt that starts inside a region can go past its
/// end in the full text. `f` gets the region's byte offset (the captures are relative to it).
pub fn captures_in_regions<'t>(
    re: &Regex,
    text: &'t str,
    regions: &[(usize, usize)],
    mut f: impl FnMut(usize, Captures<'t>),
) {
    for &(a, b) in regions {
        for c in re.captures_iter(&text[a..b]) {
            f(a, c);
        }
    }
}

/// `text[pos..]` cut to at most `len` bytes (at a char boundary): anchored regexes with Unicode
/// word boundaries fall back to engines whose cost grows with the haystack, so they get a window.
pub fn window(text: &str, pos: usize, len: usize) -> &str {
    let mut end = (pos + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[pos..end]
}

#[cfg(test)]
pub use fixtures::{full_spans, spans, test_texts};

/// The texts and helpers of the checks that a candidate search finds what the full-text regex
/// finds.
#[cfg(test)]
mod fixtures {
    use regex::{Captures, Regex};

    /// Test texts for the checks that a candidate search finds exactly what the full-text regex
    /// finds: the seeds, the dev corpus when `../shared` is there, hard cases, and each of them in
    /// upper case and in alternating case.
    pub fn test_texts() -> Vec<String> {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut texts: Vec<String> = Vec::new();
        let dev = format!("{root}/../shared/dev/corpus");
        if !std::path::Path::new(&dev).exists() {
            println!("skipped: ../shared not found (dev texts)");
        }
        for dir in [format!("{root}/corpus"), dev] {
            let Ok(rd) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for p in paths {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    texts.push(t);
                }
            }
        }
        texts.push(
            [
                "Xзакрытое акционерное общество «Y», ᲂбщество с ограниченной ответственностью «Z»",
                "ОбЩеСтВоМ С оГрАнИчЕнНоЙ ОтВеТсТвЕнНоСтЬю «Q» ПАОАО ООООО ИПИП Ltd.Inc",
                "Закон  РФ\n «О персональных данных» 12345 -  ФЗ ١٢٣-ФЗ № 94-V № 99-З N 2300-1",
                "«01»   января \n\n 2024   года 2024-01-15 1.2.2019 January 15,\t2026 Sept. 1 2020 ſep 2 2020",
                "сайт www.Ex-ample.RU; user@mail.ru kvant.bz@yandex.ru пример.рф a.b.c.ſu x.Kz",
                "суд г. Астана, суда города Минска; законодательства Республики Казахстан",
                "ГРАЖДАНИН РФ Иванов Иван Иванович; Оператор персональных данных — Петров П.П.",
            ]
            .join("\n"),
        );
        let n = texts.len();
        for i in 0..n {
            let t = texts[i].clone();
            texts.push(t.to_uppercase());
            let alt: String = t
                .chars()
                .enumerate()
                .map(|(k, c)| {
                    if k % 2 == 0 {
                        c.to_uppercase().next().unwrap_or(c)
                    } else {
                        c.to_lowercase().next().unwrap_or(c)
                    }
                })
                .collect();
            texts.push(alt);
        }
        texts
    }

    /// Every group's byte span of one match, shifted by `off`.
    pub fn spans(c: &Captures, off: usize) -> Vec<Option<(usize, usize)>> {
        c.iter()
            .map(|m| m.map(|m| (off + m.start(), off + m.end())))
            .collect()
    }

    /// The group spans of every match of `pattern` over the whole text.
    pub fn full_spans(pattern: &str, text: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        let re = Regex::new(pattern).unwrap();
        re.captures_iter(text).map(|c| spans(&c, 0)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_variants_agree_with_the_regex_crate() {
        // every char the lexicon triggers use, both cases: the one-char triggers of `(?i)c` are
        // exactly the chars the regex crate's `(?i)c` matches
        let chars: Vec<char> = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяѣꙋabcdefghijklmnopqrstuvwxyz"
            .chars()
            .flat_map(|c| c.to_uppercase().chain(std::iter::once(c)))
            .collect();
        // the chars any of them folds to, found by one regex over all of Unicode
        let whole: String = (0u32..=0x10FFFF).filter_map(char::from_u32).collect();
        let class: String = chars
            .iter()
            .map(|c| regex::escape(&c.to_string()))
            .collect();
        let all: Vec<String> = Regex::new(&format!("(?i)[{class}]"))
            .unwrap()
            .find_iter(&whole)
            .map(|m| m.as_str().to_string())
            .collect();
        for &c in &chars {
            let lit = regex::escape(&c.to_string());
            let re = Regex::new(&format!("(?i)^{lit}$")).unwrap();
            let mut want: Vec<&str> = all
                .iter()
                .filter(|x| re.is_match(x))
                .map(String::as_str)
                .collect();
            let mut got = triggers(&format!("(?i){lit}"), 1);
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want, "{c}");
            // the rare variants are all known to the rare-letter check
            for v in got.iter().flat_map(|t| t.chars()) {
                if !v.is_ascii()
                    && !('\u{400}'..='\u{4FF}').contains(&v)
                    && !('\u{A640}'..='\u{A69F}').contains(&v)
                {
                    assert!(rare_fold(v), "{c}: {v:?} is no rare_fold letter");
                }
            }
        }
    }

    #[test]
    fn byte_skips_find_the_next_digit_or_capital() {
        let text = "абв \u{80}\u{ff}9 xyz Q Ё 0 (a) b+ \u{2b00}\u{2800} ..........(";
        let b = text.as_bytes();
        for from in 0..=b.len() {
            let want = (from..b.len())
                .find(|&i| b[i].is_ascii_digit())
                .unwrap_or(b.len());
            assert_eq!(next_digit(b, from), want, "{from}");
            let want = (from..b.len())
                .find(|&i| b[i].is_ascii_digit() || b[i].is_ascii_uppercase())
                .unwrap_or(b.len());
            assert_eq!(next_digit_or_capital(b, from), want, "{from}");
            let want = (from..b.len())
                .find(|&i| b[i].is_ascii_digit() || b[i] == b'+' || b[i] == b'(')
                .unwrap_or(b.len());
            assert_eq!(next_digit_plus_paren(b, from), want, "{from}");
        }
        for x in 0..=255u8 {
            let w = u64::from_le_bytes([x, 0xD0, 0xBF, 0x80, 0xFF, b' ', b'z', b'@']);
            assert_eq!(
                has_between(w, b'0' as u64 - 1, b'9' as u64 + 1),
                x.is_ascii_digit()
            );
            assert_eq!(
                has_between(w, b'A' as u64 - 1, b'Z' as u64 + 1),
                x.is_ascii_uppercase(),
                "{x}"
            );
            assert!(has_byte(w, x));
            let w = u64::from_le_bytes([x, x ^ 1, 0xD0, 0x80, 0xFF, 0, 0x7F, 0xAB]);
            assert_eq!(has_byte(w, b'+'), [x, x ^ 1].contains(&b'+'), "{x}");
        }
    }

    #[test]
    fn triggers_from_patterns() {
        let cases: &[(&str, usize, &[&str])] = &[
            ("ООО", 4, &["ООО"]),
            ("(?:Ltd|LTD|Limited)", 4, &["Ltd", "LTD", "Limi"]),
            (
                r"(?i:ю\s?kassa|yookassa)",
                2,
                &["ю", "Ю", "yo", "yO", "Yo", "YO"],
            ),
            (r"[Зз]акон[а-яё]*", 3, &["Зак", "зак"]),
            (r"яндекс\.?\s?метрик", 9, &["яндекс"]),
            (r"Kaspi(?:\s+Bank)?", 9, &["Kaspi"]),
            (r"(?P<fz>№)\s*\d", 9, &["№"]),
            (r"(?:№|N)\s*\d|«О", 4, &["№", "N", "«О"]),
            (r"ab+c", 4, &["ab"]),
        ];
        for (pat, max, want) in cases {
            let mut got = triggers(pat, *max);
            got.sort();
            let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            want.sort();
            assert_eq!(got, want, "{pat}");
        }
        // a whitespace step: every White_Space char, then the literal goes on
        let t = triggers(r"(?i:ю\skassa)", 3);
        assert_eq!(t.len(), 2 * 25 * 3);
        assert!(
            t.contains(&"Ю\u{a0}K".to_string()) && t.contains(&"ю\u{3000}\u{212a}".to_string())
        );
        // case-insensitive Cyrillic: every fold, including the rare letter variants
        let t = triggers("(?i:общ)", 3);
        assert!(t.contains(&"ОбЩ".to_string()) && t.contains(&"ᲂбщ".to_string()));
        assert_eq!(t.len(), 3 * 2 * 2);
    }

    #[test]
    fn no_trigger_without_a_literal_start() {
        for pat in [
            r"\d+-ФЗ",
            r"(?:ООО|\w+)",
            r"(?:АО)?ООО",
            ".ООО",
            r"\bООО",
            "[а-я]ОО",
        ] {
            let e = try_triggers(pat, 4).unwrap_err();
            assert!(matches!(e, TriggerError::NoLiteral { .. }), "{pat}: {e}");
        }
        let e = try_triggers("(?P<x>ООО", 4).unwrap_err();
        assert!(matches!(e, TriggerError::Syntax { .. }), "{e}");
        assert!(e.to_string().contains("does not parse"), "{e}");
    }

    #[test]
    fn rare_fold_letters_are_seen() {
        for (_, r) in EXTRA_FOLDS {
            for pad in 0..10 {
                let t = format!("{}{r}{}", "ж".repeat(pad), "—№".repeat(pad));
                assert!(has_rare_fold(t.as_bytes()), "{r} {pad}");
            }
        }
        assert!(!has_rare_fold("ъЪ—№«»ł ő ž ĳ ᴀ ḁ ℃ Ᲊ".as_bytes()));
    }

    #[test]
    fn lanes_find_every_occurrence() {
        let pats = ["ab", "b", "abcab", "ca", "«о"];
        let sources = [
            vec![pats[0].to_string(), pats[1].to_string()],
            vec![
                pats[2].to_string(),
                pats[3].to_string(),
                pats[4].to_string(),
            ],
        ];
        // head 5: whole triggers; head 2: "ab" then a 'c' checked for "abcab"
        for (head, looked_for) in [(5, pats), (2, ["ab", "b", "abc", "ca", "«о"])] {
            let sc = Scanner::new(&sources, head);
            let ac = aho_corasick::AhoCorasick::new(looked_for).unwrap();
            for len in [0, 1, 3, 7, 8, 9, 13, 40, 41, 100] {
                let text: String = "abcab«оab".chars().cycle().take(len).collect();
                let mut want = vec![Vec::new(), Vec::new()];
                for m in ac.find_overlapping_iter(&text) {
                    want[usize::from(m.pattern().as_usize() >= 2)].push(m.start());
                }
                for v in &mut want {
                    v.sort_unstable();
                    v.dedup();
                }
                assert_eq!(sc.scan(&text), want, "{head} {len}");
            }
        }
    }

    #[test]
    fn candidates_reproduce_captures_iter() {
        let pat = r"(?i:обществ[а-яё]*\s+с\s+ограниченной\s+ответственностью)|ООО|АО|ПАО";
        let full = Regex::new(pat).unwrap();
        let anch = anchored(pat);
        let sc = Scanner::new(&[triggers(pat, 4)], 3);
        for text in [
            "ПАО «А», АО «Б», ООООО, xАО, Обществом С Ограниченной  Ответственностью «В»",
            "ОБЩЕСТВО с ограниченной\nответственностью ПАОАО",
        ] {
            let want: Vec<(usize, usize)> =
                full.find_iter(text).map(|m| (m.start(), m.end())).collect();
            let mut got = Vec::new();
            captures_at(&anch, text, &sc.scan(text)[0], |off, c| {
                let m = c.get(0).unwrap();
                got.push((off + m.start(), off + m.end()));
            });
            assert_eq!(got, want, "{text}");
        }
    }
}
