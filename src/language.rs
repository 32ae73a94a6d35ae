//! Language detection: which languages a canonical text is written in, line by line, which
//! part of it the extractors and classifier should read, and in which analysed language
//! ([`ANALYSED`]: its lexicon reads it).
//!
//! Every non-empty line of the canonical text is a block. Its letters are counted (tokens that
//! look like an e-mail, a URL or a domain are left out), and then:
//! - a line with fewer than [`MIN_LETTERS`] letters is too short to tell and takes the language
//!   of the nearest detected line before it (or after it, at the start of the text);
//! - a line that is mostly Cyrillic and has none of the letters Russian lacks (Kazakh ә ғ қ ң ө
//!   ұ ү һ, Belarusian ў, Ukrainian є ї ґ, and і of all three) is Russian without asking the
//!   model: among the languages known here only Russian is written that way (the unit tests
//!   check that the model agrees on the samples);
//! - any other line goes to the statistical detector (lingua, restricted to [`KNOWN`], built
//!   once per process), on its first [`SAMPLE_BYTES`] bytes, at most [`MAX_MODEL_CALLS`] times
//!   per document; past that budget, or where the model cannot decide, its letters vote.
//!
//! So the cost is one pass over the characters plus a bounded number of model calls, whatever
//! the size of the document. Shares are shares of letters.
//!
//! To add a language: enable its lingua feature in `Cargo.toml`, add a [`Lang`] variant with
//! its code and name, and list it in [`KNOWN`].

use std::sync::OnceLock;

use lingua::{Language as L, LanguageDetector, LanguageDetectorBuilder};

use crate::context::DocContext;
use crate::model::{Finding, FindingCode, LanguageShare};

/// A line needs this many letters to be detected on its own.
pub const MIN_LETTERS: usize = 24;
/// At most this many lines of one document go to the statistical model.
pub const MAX_MODEL_CALLS: usize = 48;
/// The model sees at most this many bytes of a line.
pub const SAMPLE_BYTES: usize = 800;
/// A language with a smaller share of the letters is not listed (and never left out).
pub const MIN_SHARE: f64 = 0.05;
/// When the analysed language (the main one, or Russian under a main language that is not
/// analysed) has at least this share, the other listed languages are left out of extraction and
/// classification; below it, the whole text is read as it is.
pub const RUSSIAN_PART_MIN: f64 = 0.2;

/// A language the detector knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Russian.
    Ru,
    /// Kazakh (Cyrillic).
    Kk,
    /// Belarusian.
    Be,
    /// Ukrainian.
    Uk,
    /// English.
    En,
}

/// Every known language, in the order ties are broken.
pub const KNOWN: &[Lang] = &[Lang::Ru, Lang::Kk, Lang::Be, Lang::Uk, Lang::En];

/// The analysed languages: those with their own lexicon (`data/lexicon/CODE/`, registered in
/// `LANGUAGES` of `src/lexicon.rs`, which a unit test keeps equal to this list). A document
/// whose main language is one of them is read by that language's lexicon; any other main
/// language gets `unsupported_language`.
pub const ANALYSED: &[Lang] = &[Lang::Ru, Lang::En];

impl Lang {
    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::Kk => "kk",
            Lang::Be => "be",
            Lang::Uk => "uk",
            Lang::En => "en",
        }
    }

    /// English name.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Ru => "Russian",
            Lang::Kk => "Kazakh",
            Lang::Be => "Belarusian",
            Lang::Uk => "Ukrainian",
            Lang::En => "English",
        }
    }

    fn to_lingua(self) -> L {
        match self {
            Lang::Ru => L::Russian,
            Lang::Kk => L::Kazakh,
            Lang::Be => L::Belarusian,
            Lang::Uk => L::Ukrainian,
            Lang::En => L::English,
        }
    }

    fn from_lingua(l: L) -> Option<Lang> {
        KNOWN.iter().copied().find(|k| k.to_lingua() == l)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The statistical detector, restricted to [`KNOWN`], owned by the [`crate::Engine`] (built
/// once per run). Its models are loaded on first use: a corpus of Russian texts never needs
/// them (the letter shortcut decides), so it pays neither the load time (~0.1 s) nor the memory.
#[derive(Default)]
pub struct Detector {
    model: OnceLock<LanguageDetector>,
}

impl Detector {
    /// A detector whose models are not loaded yet.
    pub fn new() -> Self {
        Self::default()
    }

    fn model(&self) -> &LanguageDetector {
        self.model.get_or_init(|| {
            let langs: Vec<L> = KNOWN.iter().map(|l| l.to_lingua()).collect();
            LanguageDetectorBuilder::from_languages(&langs)
                .with_preloaded_language_models()
                .build()
        })
    }

    /// Load the models now (for a caller that wants the load out of its timings).
    pub fn warm_up(&self) {
        self.model();
    }

    /// Detect the languages of `text` (see the module doc).
    pub fn detect(&self, text: &str) -> Languages {
        detect(self, text)
    }
}

impl std::fmt::Debug for Detector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Detector")
            .field("loaded", &self.model.get().is_some())
            .finish()
    }
}

/// Letter counts of one line.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    letters: usize,
    cyrillic: usize,
    latin: usize,
    /// ә ғ қ ң ө ұ ү һ
    kk: usize,
    /// ў
    be: usize,
    /// є ї ґ
    uk: usize,
    /// і
    i: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.letters += o.letters;
        self.cyrillic += o.cyrillic;
        self.latin += o.latin;
        self.kk += o.kk;
        self.be += o.be;
        self.uk += o.uk;
        self.i += o.i;
    }

    fn markers(&self) -> usize {
        self.kk + self.be + self.uk + self.i
    }
}

/// An e-mail, a URL, a path or a domain: letters that say nothing about the language.
fn is_address_like(token: &str) -> bool {
    if token
        .bytes()
        .any(|b| matches!(b, b'@' | b'/' | b'\\' | b'_'))
    {
        return true;
    }
    // a domain has a dot (checked first: the trim below is a table search per non-ASCII char)
    if !token.contains('.') {
        return false;
    }
    let b = token
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .as_bytes();
    b.is_ascii()
        && b.windows(3)
            .any(|w| w[1] == b'.' && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphabetic())
}

/// The letter counts of one line: [`count_char`] over the chars of its words, the e-mails, URLs,
/// paths and domains ([`is_address_like`]) left out. One pass over the bytes: the basic Russian
/// letters and ASCII are read without decoding (they are nearly every char of a policy), a
/// word is looked at again only when it has a dot.
fn count(line: &str) -> Counts {
    let b = line.as_bytes();
    let mut total = Counts::default();
    let mut word = Counts::default();
    let (mut word_start, mut special, mut dot) = (0, false, false);
    let mut i = 0;
    let mut flush = |word: &mut Counts, start: usize, end: usize, special: bool, dot: bool| {
        if !(special || dot && is_address_like(&line[start..end])) {
            total.add(word);
        }
        *word = Counts::default();
    };
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if c.is_ascii_alphabetic() {
                word.letters += 1;
                word.latin += 1;
            } else if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                flush(&mut word, word_start, i, special, dot);
                (word_start, special, dot) = (i + 1, false, false);
            } else {
                special |= matches!(c, b'@' | b'/' | b'\\' | b'_');
                dot |= c == b'.';
            }
            i += 1;
            continue;
        }
        // А–я (U+0410–U+044F), Ё, ё: two bytes, D0 90–BF, D1 80–8F, D0 81, D1 91.
        if let Some(&c2) = b.get(i + 1) {
            if (c == 0xD0 && ((0x90..=0xBF).contains(&c2) || c2 == 0x81))
                || (c == 0xD1 && ((0x80..=0x8F).contains(&c2) || c2 == 0x91))
            {
                word.letters += 1;
                word.cyrillic += 1;
                i += 2;
                continue;
            }
        }
        let ch = line[i..].chars().next().expect("a char starts here");
        if ch.is_whitespace() {
            flush(&mut word, word_start, i, special, dot);
            (word_start, special, dot) = (i + ch.len_utf8(), false, false);
        } else {
            count_char(&mut word, ch);
        }
        i += ch.len_utf8();
    }
    flush(&mut word, word_start, b.len(), special, dot);
    total
}

/// Count one char of a word (what a letter is, and of which script and marker).
fn count_char(c: &mut Counts, ch: char) {
    // The common letters first, by range: `char::is_alphabetic` is a table search for every
    // non-ASCII char.
    match ch {
        'А'..='я' | 'Ё' | 'ё' => {
            c.letters += 1;
            c.cyrillic += 1;
            return;
        }
        'a'..='z' | 'A'..='Z' => {
            c.letters += 1;
            c.latin += 1;
            return;
        }
        // ASCII, Latin-1 signs (NBSP, « »), punctuation and symbols (— № …): no letters
        _ if ch.is_ascii() => return,
        '\u{80}'..='\u{BF}' | '\u{2000}'..='\u{2BFF}' => return,
        _ if !ch.is_alphabetic() => return,
        _ => c.letters += 1,
    }
    match ch {
        'ә' | 'Ә' | 'ғ' | 'Ғ' | 'қ' | 'Қ' | 'ң' | 'Ң' | 'ө' | 'Ө' | 'ұ' | 'Ұ' | 'ү' | 'Ү' | 'һ'
        | 'Һ' => {
            c.cyrillic += 1;
            c.kk += 1;
        }
        'ў' | 'Ў' => {
            c.cyrillic += 1;
            c.be += 1;
        }
        'є' | 'Є' | 'ї' | 'Ї' | 'ґ' | 'Ґ' => {
            c.cyrillic += 1;
            c.uk += 1;
        }
        'і' | 'І' => {
            c.cyrillic += 1;
            c.i += 1;
        }
        '\u{400}'..='\u{52F}' => c.cyrillic += 1,
        // Latin with diacritics (é, ü, …) counts as Latin; other scripts only as letters.
        '\u{C0}'..='\u{24F}' => c.latin += 1,
        _ => {}
    }
}

/// The language of a line by its letters alone: the fallback when the model is not asked or
/// cannot decide. `seen` counts the model's answers so far in this document.
fn vote(c: &Counts, seen: &[usize; 5]) -> Lang {
    if c.latin > c.cyrillic {
        return Lang::En;
    }
    let marked = [(Lang::Kk, c.kk), (Lang::Be, c.be), (Lang::Uk, c.uk)];
    let best = marked
        .iter()
        .max_by_key(|(l, n)| (*n, std::cmp::Reverse(*l)));
    match best {
        Some(&(l, n)) if n > 0 => l,
        // only і: the і-language the model saw most in this document
        _ if c.i > 0 => [Lang::Kk, Lang::Be, Lang::Uk]
            .into_iter()
            .max_by_key(|l| (seen[l.index()], std::cmp::Reverse(*l)))
            .filter(|l| seen[l.index()] > 0)
            .unwrap_or(Lang::Uk),
        _ => Lang::Ru,
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// One line with the language it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Block {
    /// Byte range of the line in the canonical text (newline excluded).
    start: usize,
    end: usize,
    lang: Lang,
    letters: usize,
}

/// The languages of one canonical text.
#[derive(Debug, Clone, Default)]
pub struct Languages {
    blocks: Vec<Block>,
    /// Letters per language, indexed by [`Lang`] order.
    letters: [usize; 5],
}

/// The languages of `text`, with `det`'s models for the lines the letters do not decide.
fn detect(det: &Detector, text: &str) -> Languages {
    let mut lines: Vec<(usize, usize, Counts, Option<Lang>)> = Vec::new();
    let mut calls = 0;
    let mut seen = [0usize; 5];
    let mut pos = 0;
    for line in text.split('\n') {
        let (start, end) = (pos, pos + line.len());
        pos = end + 1;
        let c = count(line);
        if c.letters == 0 {
            continue;
        }
        let lang = if c.letters < MIN_LETTERS {
            None
        } else if c.markers() == 0 && c.cyrillic >= c.latin {
            Some(Lang::Ru)
        } else if calls < MAX_MODEL_CALLS {
            calls += 1;
            let got = det
                .model()
                .detect_language_of(prefix(line, SAMPLE_BYTES))
                .and_then(Lang::from_lingua);
            if let Some(l) = got {
                seen[l.index()] += 1;
            }
            Some(got.unwrap_or_else(|| vote(&c, &seen)))
        } else {
            Some(vote(&c, &seen))
        };
        lines.push((start, end, c, lang));
    }
    // No line long enough: the whole text is one block.
    if !lines.is_empty() && lines.iter().all(|l| l.3.is_none()) {
        let mut total = Counts::default();
        for (_, _, c, _) in &lines {
            total.add(c);
        }
        let lang = if total.markers() == 0 && total.cyrillic >= total.latin {
            Lang::Ru
        } else {
            det.model()
                .detect_language_of(prefix(text, SAMPLE_BYTES))
                .and_then(Lang::from_lingua)
                .unwrap_or_else(|| vote(&total, &seen))
        };
        for l in &mut lines {
            l.3 = Some(lang);
        }
    }
    // Short lines take the language of the line before (the first ones, of the first detected).
    let first = lines.iter().find_map(|l| l.3);
    let mut out = Languages::default();
    let mut last = first;
    for (start, end, c, lang) in lines {
        let lang = lang.or(last).expect("some line is detected");
        last = Some(lang);
        out.letters[lang.index()] += c.letters;
        out.blocks.push(Block {
            start,
            end,
            lang,
            letters: c.letters,
        });
    }
    out
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

impl Languages {
    fn total(&self) -> usize {
        self.letters.iter().sum()
    }

    /// The share of the letters written in `lang` (0 when the text has none).
    pub fn share(&self, lang: Lang) -> f64 {
        let total = self.total();
        if total == 0 {
            return 0.0;
        }
        self.letters[lang.index()] as f64 / total as f64
    }

    /// The language of most letters; `None` when the text has no letters.
    pub fn main(&self) -> Option<Lang> {
        if self.total() == 0 {
            return None;
        }
        KNOWN
            .iter()
            .copied()
            .max_by_key(|l| (self.letters[l.index()], std::cmp::Reverse(*l)))
    }

    /// The languages with at least [`MIN_SHARE`] of the letters, largest share first, shares
    /// rounded to 2 decimals.
    pub fn listed(&self) -> Vec<LanguageShare> {
        let mut v: Vec<(Lang, f64)> = KNOWN
            .iter()
            .map(|&l| (l, self.share(l)))
            .filter(|&(_, s)| s >= MIN_SHARE)
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter()
            .map(|(l, s)| LanguageShare {
                code: l.code().to_string(),
                share: round2(s),
            })
            .collect()
    }

    /// The analysed language whose part the extractors and the classifier read: the main
    /// language when it is one of [`ANALYSED`], else Russian when it has at least
    /// [`RUSSIAN_PART_MIN`] of the letters (the rest is left out), else none (the whole text is
    /// read, by the Russian lexicon, and reported as `unsupported_language`).
    pub fn analysed(&self) -> Option<Lang> {
        let main = self.main()?;
        if ANALYSED.contains(&main) {
            return Some(main);
        }
        (self.share(Lang::Ru) >= RUSSIAN_PART_MIN).then_some(Lang::Ru)
    }

    /// The language whose lexicon reads the text: [`Languages::analysed`], or Russian (the
    /// base language) when there is none.
    pub fn lexicon(&self) -> Lang {
        self.analysed().unwrap_or(Lang::Ru)
    }

    /// The languages left out of extraction and classification: every listed language but the
    /// analysed one, when that has at least [`RUSSIAN_PART_MIN`] of the letters.
    pub fn left_out(&self) -> Vec<Lang> {
        let Some(read) = self.analysed() else {
            return Vec::new();
        };
        if self.share(read) < RUSSIAN_PART_MIN {
            return Vec::new();
        }
        KNOWN
            .iter()
            .copied()
            .filter(|&l| l != read && self.share(l) >= MIN_SHARE)
            .collect()
    }

    /// Byte ranges (lines) of the left-out part, in order.
    fn left_out_blocks(&self) -> impl Iterator<Item = &Block> {
        let out = self.left_out();
        self.blocks.iter().filter(move |b| out.contains(&b.lang))
    }

    /// The text the extractors and the classifier read: `text` with every line of a left-out
    /// language blanked (each of its bytes becomes a space; newlines stay), so every byte offset,
    /// and so every char offset through the canonical text's index, still refers to the
    /// canonical text. `None` when nothing is left out.
    pub fn masked(&self, text: &str) -> Option<String> {
        let mut blocks = self.left_out_blocks().peekable();
        blocks.peek()?;
        let mut bytes = text.as_bytes().to_vec();
        for b in blocks {
            bytes[b.start..b.end].fill(b' ');
        }
        // Whole lines of UTF-8 were replaced by ASCII, so the text is still valid UTF-8.
        Some(String::from_utf8(bytes).expect("blanked whole lines"))
    }

    /// The findings: `unsupported_language` when the main language is not analysed
    /// ([`ANALYSED`]), `bilingual` when a part in another language was left out (with the
    /// clauses that start in it).
    pub fn findings(&self, ctx: &DocContext) -> Vec<Finding> {
        let mut out = Vec::new();
        let Some(main) = self.main() else {
            return out;
        };
        let out_langs = self.left_out();
        let read = self.lexicon();
        let share = self.share(read);
        if !ANALYSED.contains(&main) {
            let mut message = format!(
                "main language is {} ({}, {:.2} of the text); extraction is tuned for Russian",
                main.name(),
                main.code(),
                round2(self.share(main))
            );
            if !out_langs.is_empty() {
                message.push_str(&format!(
                    "; only the {} part ({share:.2}) was analysed",
                    read.name(),
                    share = round2(share)
                ));
            }
            out.push(Finding {
                code: FindingCode::UnsupportedLanguage,
                message,
                clauses: Vec::new(),
            });
        }
        if !out_langs.is_empty() {
            let parts: Vec<String> = out_langs
                .iter()
                .map(|l| format!("{} ({}, {:.2})", l.name(), l.code(), round2(self.share(*l))))
                .collect();
            let mut clauses = crate::dedup::Unique::default();
            for b in self.left_out_blocks() {
                for (i, c) in ctx.clauses.iter().enumerate() {
                    let s = ctx.byte_offset(c.start);
                    if s >= b.start && s < b.end.max(b.start + 1) {
                        clauses.push(ctx.clauses[i].number.clone());
                    }
                }
            }
            out.push(Finding {
                code: FindingCode::Bilingual,
                message: format!(
                    "the {} part of the text was left out of extraction and classification; \
                     the {} part ({}, {:.2}) was analysed",
                    parts.join(", "),
                    read.name(),
                    read.code(),
                    round2(share)
                ),
                clauses: clauses.into_vec(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One detector for the tests of this module (its models load once).
    static DETECTOR: std::sync::LazyLock<Detector> = std::sync::LazyLock::new(Detector::new);

    fn detect(text: &str) -> Languages {
        DETECTOR.detect(text)
    }

    /// The implementation before the byte-level pass, the reference of
    /// `byte_counts_are_the_char_counts`.
    fn old_count(line: &str) -> Counts {
        let mut c = Counts::default();
        for token in line.split_whitespace() {
            if is_address_like(token) {
                continue;
            }
            for ch in token.chars() {
                count_char(&mut c, ch);
            }
        }
        c
    }

    fn key(c: &Counts) -> [usize; 7] {
        [c.letters, c.cyrillic, c.latin, c.kk, c.be, c.uk, c.i]
    }

    /// The byte-level count gives the counts of the char-level one: on every line of the
    /// corpus (and of ../shared when present) and on lines made of the chars it treats apart.
    #[test]
    fn byte_counts_are_the_char_counts() {
        let mut lines: Vec<String> = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in [
            "corpus",
            "../shared/dev/corpus",
            "../shared/mining/corpus",
            "../shared/dev-html/text",
        ] {
            let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
                eprintln!("byte_counts_are_the_char_counts: {dir} absent, skipped");
                continue;
            };
            for e in rd {
                if let Ok(t) = std::fs::read_to_string(e.unwrap().path()) {
                    lines.extend(t.lines().map(str::to_string));
                }
            }
        }
        let parts = [
            "Ёж",
            "ёлка",
            "ЁЖИК",
            "и/или",
            "a@b.ru",
            "site.ru»",
            "«site.ru»",
            "т.е.",
            "г.",
            "Ѐ",
            "Ѓ",
            "ҚҰЛ",
            "қазақ",
            "ўзбек",
            "і",
            "ї",
            "ґ",
            "є",
            "Ԁ",
            "Ա",
            "҂",
            "\u{483}",
            "é",
            "ß",
            "中文",
            "\u{a0}",
            "\u{2009}",
            "\u{3000}",
            "\u{85}",
            "\u{b}",
            "\u{c}",
            "\r",
            "\t",
            "—",
            "№",
            "…",
            "x_y",
            "C:\\dir",
            "https://x.y/z",
            "1.5",
            "a.b",
            "a.1",
            "ü.ru",
            "Ω",
            "\u{1F600}",
            "",
            " ",
            "word",
            "слово",
            "Ԯ",
            "\u{530}",
        ];
        let mut seed = 7u64;
        for _ in 0..20_000 {
            let mut line = String::new();
            for _ in 0..6 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                line.push_str(parts[(seed >> 33) as usize % parts.len()]);
                if seed & 1 == 0 {
                    line.push(' ');
                }
            }
            lines.push(line);
        }
        assert!(lines.len() > 20_000);
        for l in &lines {
            assert_eq!(key(&count(l)), key(&old_count(l)), "{l:?}");
        }
    }

    const RU: &str = include_str!("../tests/fixtures/language/ru.txt");
    const KK: &str = include_str!("../tests/fixtures/language/kk.txt");
    const BE: &str = include_str!("../tests/fixtures/language/be.txt");
    const UK: &str = include_str!("../tests/fixtures/language/uk.txt");
    const EN: &str = include_str!("../tests/fixtures/language/en.txt");

    fn main_code(text: &str) -> Option<&'static str> {
        detect(text).main().map(Lang::code)
    }

    #[test]
    fn tells_the_known_languages_apart() {
        let cases = [
            ("ru", RU),
            ("kk", KK),
            ("be", BE),
            ("uk", UK),
            ("en", EN),
            // headings and short clauses alone: one block for the whole text
            ("ru", "ОБЩИЕ ПОЛОЖЕНИЯ"),
            ("kk", "Дербес деректер үшінші тұлғаларға берілмейді."),
            ("be", "Карыстальнік мае права адклікаць згоду."),
            ("uk", "Ми не передаємо ваші дані третім особам."),
            ("en", "Cookies"),
        ];
        for (want, text) in cases {
            assert_eq!(main_code(text), Some(want), "{text}");
            let l = detect(text);
            assert_eq!(l.listed().len(), 1, "{text}");
            assert_eq!(l.listed()[0].share, 1.0);
        }
    }

    #[test]
    fn the_model_agrees_with_the_russian_shortcut() {
        // The shortcut says ru for Cyrillic lines without і ў є ї ґ or Kazakh letters; the
        // model, asked directly, must say the same on Russian policy text.
        let lines = [
            RU,
            "Оператор обрабатывает следующие данные: фамилия, имя, отчество; дата рождения.",
            "Сайт использует файлы cookie и сервис Яндекс.Метрика для сбора статистики.",
            "1.1. Оператор — ООО «Ромашка» (ИНН 7707083893), далее — Оператор.",
            "Персональные данные хранятся не дольше, чем этого требуют цели обработки.",
        ];
        for line in lines {
            let c = count(line);
            assert!(c.markers() == 0 && c.letters >= MIN_LETTERS, "{line}");
            assert_eq!(
                DETECTOR.model().detect_language_of(line),
                Some(L::Russian),
                "{line}"
            );
        }
    }

    #[test]
    fn no_letters_no_language() {
        for text in [
            "",
            "1.2.3. 2024-01-01 +7 (495) 123-45-67 — № 5, §7",
            "\n\n  \n",
        ] {
            let l = detect(text);
            assert_eq!(l.main(), None, "{text:?}");
            assert!(l.listed().is_empty());
            assert!(l.masked(text).is_none());
        }
    }

    #[test]
    fn addresses_do_not_count_as_english() {
        let text = format!("{RU}\nhttps://example.com/privacy-policy/index.html info@example.com www.example.com\n");
        let l = detect(&text);
        assert_eq!(l.listed().len(), 1);
        assert_eq!(l.main(), Some(Lang::Ru));
    }

    #[test]
    fn bilingual_text_gets_shares_and_only_the_other_part_is_blanked() {
        let text = format!("{KK}\nЖАЛПЫ ЕРЕЖЕЛЕР\n{KK}\n\n{RU}\nОБЩИЕ ПОЛОЖЕНИЯ\n{RU}\n");
        let l = detect(&text);
        let listed = l.listed();
        let mut codes: Vec<&str> = listed.iter().map(|s| s.code.as_str()).collect();
        assert!(listed[0].share >= listed[1].share, "{listed:?}");
        codes.sort();
        assert_eq!(codes, ["kk", "ru"]);
        assert_eq!(l.left_out(), [Lang::Kk]);
        let masked = l.masked(&text).unwrap();
        assert_eq!(masked.len(), text.len());
        // the Kazakh heading (too short on its own) went with the Kazakh paragraph before it
        assert!(!masked.contains("ЖАЛПЫ"));
        assert!(masked.contains("ОБЩИЕ ПОЛОЖЕНИЯ"));
        let ru_at = text.find(RU).unwrap();
        assert_eq!(&masked[ru_at..ru_at + RU.len()], RU);
        assert!(masked[..ru_at].bytes().all(|b| b == b' ' || b == b'\n'));
        let ctx = DocContext::new(&text, &[], &[]);
        let f = l.findings(&ctx);
        let codes: Vec<FindingCode> = f.iter().map(|f| f.code).collect();
        assert!(codes.contains(&FindingCode::Bilingual), "{f:?}");
    }

    #[test]
    fn a_small_foreign_part_is_listed_nowhere_and_kept() {
        let mut text = String::new();
        for _ in 0..30 {
            text.push_str(RU);
            text.push('\n');
        }
        text.push_str(EN);
        let l = detect(&text);
        assert_eq!(l.listed().len(), 1);
        assert!(l.left_out().is_empty());
        assert!(l.masked(&text).is_none());
        assert!(l.findings(&DocContext::new(&text, &[], &[])).is_empty());
    }

    #[test]
    fn english_is_analysed_in_english() {
        let text = format!("{EN}\n{EN}\n");
        let l = detect(&text);
        assert_eq!(l.main(), Some(Lang::En));
        assert_eq!(l.analysed(), Some(Lang::En));
        assert_eq!(l.lexicon(), Lang::En);
        assert!(l.masked(&text).is_none());
        assert!(l.findings(&DocContext::new(&text, &[], &[])).is_empty());
        // mostly English with a Russian part: the Russian lines are the ones blanked
        let text = format!("{EN}\n{EN}\n{EN}\n{RU}\n");
        let l = detect(&text);
        assert_eq!(l.analysed(), Some(Lang::En));
        assert_eq!(l.left_out(), [Lang::Ru]);
        let masked = l.masked(&text).unwrap();
        assert!(masked.contains(EN) && !masked.contains(RU));
        let f = l.findings(&DocContext::new(&text, &[], &[]));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, FindingCode::Bilingual);
        assert!(
            f[0].message.contains("the English part (en, 0."),
            "{}",
            f[0].message
        );
        // mostly Russian with an English part: read in Russian, as before
        let text = format!("{RU}\n{RU}\n{RU}\n{EN}\n");
        let l = detect(&text);
        assert_eq!((l.analysed(), l.lexicon()), (Some(Lang::Ru), Lang::Ru));
        assert_eq!(l.left_out(), [Lang::En]);
        // a main language without a lexicon: Russian reads it (or its Russian part)
        let text = format!("{KK}\n{KK}\n{KK}\n{KK}\n{KK}\n{RU}\n");
        let l = detect(&text);
        assert_eq!((l.analysed(), l.lexicon()), (None, Lang::Ru));
    }

    #[test]
    fn a_mostly_kazakh_text_with_a_little_russian_is_read_whole() {
        let text = format!("{KK}\n{KK}\n{KK}\n{KK}\n{KK}\n{RU}\n");
        let l = detect(&text);
        assert_eq!(l.main(), Some(Lang::Kk));
        assert!(l.share(Lang::Ru) < RUSSIAN_PART_MIN);
        assert!(l.masked(&text).is_none());
        let f = l.findings(&DocContext::new(&text, &[], &[]));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, FindingCode::UnsupportedLanguage);
        assert!(
            f[0].message.starts_with("main language is Kazakh (kk, 0."),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn model_calls_are_bounded_and_the_vote_takes_over() {
        // Far more Kazakh lines than the model budget: all still come out Kazakh.
        let mut text = String::new();
        for _ in 0..(MAX_MODEL_CALLS * 3) {
            text.push_str(KK);
            text.push('\n');
        }
        let l = detect(&text);
        assert_eq!(l.listed().len(), 1);
        assert_eq!(l.main(), Some(Lang::Kk));
    }

    #[test]
    fn prefix_stays_on_char_boundaries() {
        assert_eq!(prefix("абв", 3), "а");
        assert_eq!(prefix("абв", 100), "абв");
        assert_eq!(prefix("abc", 2), "ab");
    }
}
