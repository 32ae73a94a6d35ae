//! Morphology-tolerant phrase matching: the text is tokenized (lowercase, ё→е), every word is
//! stemmed with the Russian Snowball stemmer and mapped to a vocabulary id, and all taxonomy forms
//! (sequences of stem ids) are found in one pass of a single Aho-Corasick automaton built once.
//!
//! Each token is encoded as three bytes whose first byte alone has the high bit set, so a pattern
//! (which starts with such a byte) can only match at a token boundary.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use rust_stemmers::{Algorithm, Stemmer};

use super::taxonomy::Entry;
use crate::lexicon::Stemming;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));
static EN_STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Cue classes carried by vocabulary ids (bit flags).
pub(crate) const CUE_NOT: u32 = 1;
pub(crate) const CUE_NEG_VERB: u32 = 1 << 1;
pub(crate) const CUE_BREAK: u32 = 1 << 2;
pub(crate) const CUE_PURPOSE: u32 = 1 << 3;
pub(crate) const CUE_RIGHT: u32 = 1 << 4;
pub(crate) const CUE_STORE: u32 = 1 << 5;
pub(crate) const CUE_REQUEST: u32 = 1 << 6;
pub(crate) const CUE_CONTAIN: u32 = 1 << 7;
pub(crate) const CUE_FOR: u32 = 1 << 8;
pub(crate) const CUE_COLLECT: u32 = 1 << 9;
pub(crate) const CUE_WHEN: u32 = 1 << 10;
pub(crate) const CUE_TERM: u32 = 1 << 11;
pub(crate) const CUE_ORG: u32 = 1 << 12;
pub(crate) const CUE_COLLECT_NOUN: u32 = 1 << 13;
pub(crate) const CUE_CONJ: u32 = 1 << 14;
pub(crate) const CUE_SECRECY: u32 = 1 << 15;
pub(crate) const CUE_MAY: u32 = 1 << 16;
pub(crate) const CUE_USER: u32 = 1 << 17;
pub(crate) const CUE_IF: u32 = 1 << 18;
/// A transfer or processing context: recipients are named in it («передаём … третьим лицам»,
/// «получатели», «с привлечением», «по поручению», «сервис»).
pub(crate) const CUE_TRANSFER: u32 = 1 << 19;
/// Answering a request («рассматривает запрос», «ответим»): a deadline, not a retention term.
pub(crate) const CUE_ANSWER: u32 = 1 << 20;
/// A verb that ends a purpose phrase («Для регистрации укажите имя»): what follows is the data.
pub(crate) const CUE_VERB: u32 = 1 << 21;
/// A complaint or appeal («обжаловать действия … в суд», «обратиться с жалобой»): the authority
/// or court named after it is where the person may turn, not a recipient of the data.
pub(crate) const CUE_COMPLAIN: u32 = 1 << 22;
/// Uploading or attaching («загруженные», «прикрепляете», «прикладываете», «отправляете»).
pub(crate) const CUE_UPLOAD: u32 = 1 << 23;
/// A file noun («файлы», «документы», «изображения», «фотографии», «сканы»).
pub(crate) const CUE_FILE: u32 = 1 << 24;
/// Liability («не несёт ответственности за …»): with a «не» in the unit, the data it names
/// are what a loss came from («передача логина и пароля»), not what is collected.
pub(crate) const CUE_LIABILITY: u32 = 1 << 25;
/// Another party in the genitive right after a data noun phrase («фамилия, имя, отчество и
/// адрес оператора», «… лица, осуществляющего обработку»): the data are that party's.
pub(crate) const CUE_PARTY: u32 = 1 << 26;
/// The preposition of a topic («данные о …», «сведения об …»).
pub(crate) const CUE_ABOUT: u32 = 1 << 27;
/// The user's possessive («вашем», «своей»): right after a topic preposition it is passed over
/// when forms are matched, so «данные о вашем автомобиле» is the form «данные об автомобиле».
pub(crate) const CUE_POSSESSIVE: u32 = 1 << 28;

/// The class names of `cues.tsv` and their flags.
pub(crate) const CUE_CLASSES: &[(&str, u32)] = &[
    ("not", CUE_NOT),
    ("neg_verb", CUE_NEG_VERB),
    ("break", CUE_BREAK),
    ("purpose", CUE_PURPOSE),
    ("right", CUE_RIGHT),
    ("store", CUE_STORE),
    ("request", CUE_REQUEST),
    ("contain", CUE_CONTAIN),
    ("for", CUE_FOR),
    ("collect", CUE_COLLECT),
    ("when", CUE_WHEN),
    ("term", CUE_TERM),
    ("org", CUE_ORG),
    ("collect_noun", CUE_COLLECT_NOUN),
    ("conj", CUE_CONJ),
    ("secrecy", CUE_SECRECY),
    ("may", CUE_MAY),
    ("user", CUE_USER),
    ("if", CUE_IF),
    ("transfer", CUE_TRANSFER),
    ("answer", CUE_ANSWER),
    ("verb", CUE_VERB),
    ("complain", CUE_COMPLAIN),
    ("upload", CUE_UPLOAD),
    ("liability", CUE_LIABILITY),
    ("party", CUE_PARTY),
    ("file", CUE_FILE),
    ("about", CUE_ABOUT),
    ("possessive", CUE_POSSESSIVE),
];

/// The cue words of a `cues.tsv` (one `CLASS<TAB>WORD` per line, `data/lexicon/LANG/cues.tsv`;
/// stemmed when the matcher is built, so inflections are covered) with their flags, in file
/// order.
pub(crate) fn cue_words(cues_tsv: &'static str) -> Vec<(u32, &'static str)> {
    let mut out = Vec::new();
    for (n, line) in cues_tsv.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (class, word) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("cues.tsv line {}: no TAB in {line:?}", n + 1));
        let flag = CUE_CLASSES
            .iter()
            .find(|(name, _)| *name == class)
            .map(|(_, f)| *f)
            .unwrap_or_else(|| panic!("cues.tsv line {}: unknown class {class:?}", n + 1));
        out.push((flag, word));
    }
    out
}

/// One word of the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub start: u32,
    pub end: u32,
    /// Vocabulary id, 0 when the word's stem is not in the vocabulary.
    pub id: u32,
}

/// Where a form counts: anywhere, only as a whole list item (`^form`), only inside one (`~form`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Only {
    Any,
    Whole,
    Item,
}

/// One compiled pattern: the taxonomy entries it stands for and exact-word constraints.
#[derive(Debug, Clone)]
struct Pat {
    entries: Vec<u32>,
    /// The entries (of `entries`) whose form here is written `^form`: they count only when the
    /// form is a whole list item.
    whole_only: Vec<u32>,
    /// The entries whose form here is written `~form`: they count only inside a list item.
    item_only: Vec<u32>,
    len: usize,
}

/// A found form: entries and the token range `[tok_start, tok_end)`.
#[derive(Debug, Clone)]
pub(crate) struct Hit<'m> {
    pub entries: &'m [u32],
    /// The entries that count only when the hit is a whole list item (`^form`).
    pub whole_only: &'m [u32],
    /// The entries that count only inside an item of a data list (`~form`).
    pub item_only: &'m [u32],
    pub tok_start: usize,
    pub tok_end: usize,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Matcher {
    stems: HashMap<String, u32, FnvBuild>,
    /// Words written `=word` (folded): they get their own vocabulary id, so a short word never
    /// matches through its stem («=имя» is not the pronoun «им»).
    exact: HashMap<String, u32, FnvBuild>,
    /// Words written `==WORD`: matched with their case as written («==ИИ» is not the conjunction «и»).
    exact_case: HashMap<String, u32, FnvBuild>,
    /// For each stem id, the exact-word ids whose word has that stem: a pattern word given by its
    /// stem also matches those words (the exact id shadows the stem id of its token).
    shadows: HashMap<u32, Vec<u32>, FnvBuild>,
    /// First `PREFIX` chars of every stem that long; shorter stems whole. A stem is a prefix of
    /// its word, so a word none of whose prefixes is here cannot be in the vocabulary and is not
    /// stemmed at all (most words of a text).
    prefixes: std::collections::HashSet<String, FnvBuild>,
    cues: Vec<u32>,
    pats: Vec<Pat>,
    ac: Option<AhoCorasick>,
    /// Identity of this vocabulary (for the per-thread stem cache).
    generation: u64,
    /// The stemmer of the language the matcher reads.
    stemming: Stemming,
    /// The id every topic preposition is matched as («о», «об», «обо» are one word in forms).
    about: u32,
}

/// Source of [`Matcher::generation`].
static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Cached stem ids of folded words, per thread and across documents (policies share most of
/// their vocabulary): (generation of the matcher the ids belong to, folded word → id).
type StemCache = (u64, HashMap<String, u32, FnvBuild>);

thread_local! {
    static STEM_CACHE: std::cell::RefCell<StemCache> =
        std::cell::RefCell::new((0, HashMap::default()));
}

/// The cache is dropped and rebuilt when it grows beyond this many words.
const STEM_CACHE_MAX: usize = 200_000;

/// Vocabulary ids of words as written, per thread and across documents: (generation of the
/// matcher the ids belong to, word → id). A word's id depends only on the word and the matcher,
/// so a word seen in an earlier text is neither folded nor looked up again; it never changes
/// results.
type WordCache = (u64, HashMap<Box<str>, u32, WordBuild>);

thread_local! {
    static WORD_CACHE: std::cell::RefCell<WordCache> =
        std::cell::RefCell::new((0, HashMap::default()));
}

/// The word cache is dropped and rebuilt when it grows beyond this many words.
const WORD_CACHE_MAX: usize = 200_000;

/// A hasher for the word cache's keys that reads eight bytes at a time (FNV-1a reads one).
#[derive(Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

const WORD_K: u64 = 0xf135_7aea_2e62_a9c5;

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        let h = self.0;
        (h ^ (h >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (h >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().unwrap_or_default());
            h = (h.rotate_left(23) ^ v).wrapping_mul(WORD_K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut v = rest.len() as u64;
            for (i, &b) in rest.iter().enumerate() {
                v |= u64::from(b) << (8 * i + 8);
            }
            h = (h.rotate_left(23) ^ v).wrapping_mul(WORD_K);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(23) ^ u64::from(i)).wrapping_mul(WORD_K);
    }
}

type WordBuild = std::hash::BuildHasherDefault<WordHasher>;

/// FNV-1a: a fast hasher for the short strings of the vocabulary maps.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(crate) type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

/// Length (in chars) of the stem prefixes kept for the pre-stemming filter.
const PREFIX: usize = 6;

/// Lowercase a word into `buf` (ё→е), with fast paths for ASCII and Cyrillic.
fn fold_into(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        match c {
            _ if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
            'ё' | 'Ё' => buf.push('е'),
            'А'..='Я' => buf.push(char::from_u32(c as u32 + 32).unwrap_or(c)),
            'а'..='я' => buf.push(c),
            '\u{0400}'..='\u{040F}' => buf.push(char::from_u32(c as u32 + 80).unwrap_or(c)),
            _ => {
                for l in c.to_lowercase() {
                    buf.push(l);
                }
            }
        }
    }
}

/// The stem of a folded word. Russian: Russian Snowball for words with Cyrillic letters, a
/// plural `s` strip for Latin ones («cookies» → «cookie»). English: English Snowball.
fn stem_folded(stemming: Stemming, w: &str) -> std::borrow::Cow<'_, str> {
    if stemming == Stemming::English {
        return EN_STEMMER.stem(w);
    }
    if w.is_ascii() {
        if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
            return std::borrow::Cow::Borrowed(&w[..w.len() - 1]);
        }
        return std::borrow::Cow::Borrowed(w);
    }
    STEMMER.stem(w)
}

/// The stem the matcher gives a word as written (lowercased, ё→е).
#[cfg(test)]
pub(crate) fn stem_of(word: &str) -> String {
    let mut buf = String::new();
    fold_into(word, &mut buf);
    stem_folded(Stemming::Russian, &buf).into_owned()
}

/// A letter or digit, with fast paths for ASCII and Cyrillic.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
        true
    } else {
        c.is_alphanumeric()
    }
}

/// Split `text` into word spans (byte ranges): the runs of [`is_word_char`], read over the
/// bytes (an ASCII byte by table, a lead byte of U+0400–U+04FF as a word char of two bytes, the
/// other chars decoded).
pub(crate) fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            if i >= b.len() {
                return None;
            }
            let (word, len) = word_char_at(text, i);
            if word {
                break;
            }
            i += len;
        }
        let s = i;
        while i < b.len() {
            let (word, len) = word_char_at(text, i);
            if !word {
                break;
            }
            i += len;
        }
        Some((s, i))
    })
}

/// Whether the char at byte `i` (a char boundary) is a word char, and its length in bytes.
#[inline]
fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    let c = text.as_bytes()[i];
    if c < 0x80 {
        (c.is_ascii_alphanumeric(), 1)
    } else if (0xD0..=0xD3).contains(&c) {
        // U+0400..=U+04FF: Cyrillic, a word char of is_word_char
        (true, 2)
    } else {
        let ch = text[i..].chars().next().unwrap_or_default();
        (is_word_char(ch), ch.len_utf8())
    }
}

/// [`word_spans`] as it was written before, over the chars: the reference of its test.
#[cfg(test)]
pub(crate) fn word_spans_by_chars(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut it = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = it.peek() {
            if is_word_char(c) {
                break;
            }
            it.next();
        }
        let (s, _) = *it.peek()?;
        let mut e = s;
        while let Some(&(b, c)) = it.peek() {
            if !is_word_char(c) {
                break;
            }
            e = b + c.len_utf8();
            it.next();
        }
        Some((s, e))
    })
}

fn encode(id: u32, out: &mut Vec<u8>) {
    out.push(0x80 | ((id >> 14) & 0x7f) as u8);
    out.push(((id >> 7) & 0x7f) as u8);
    out.push((id & 0x7f) as u8);
}

impl Matcher {
    fn intern(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.stems.get(stem) {
            return id;
        }
        let cut = stem
            .char_indices()
            .nth(PREFIX)
            .map_or(stem.len(), |(b, _)| b);
        self.prefixes.insert(stem[..cut].to_string());
        let id = self.cues.len() as u32;
        self.stems.insert(stem.to_string(), id);
        self.cues.push(0);
        id
    }

    fn intern_exact(&mut self, word: &str, case_sensitive: bool, stem: &str) -> u32 {
        let key = if case_sensitive {
            format!("=={word}")
        } else {
            format!("={word}")
        };
        if let Some(&id) = self.stems.get(&key) {
            return id;
        }
        let id = self.cues.len() as u32;
        self.stems.insert(key, id);
        self.cues.push(0);
        if case_sensitive {
            self.exact_case.insert(word.to_string(), id);
        } else {
            self.exact.insert(word.to_string(), id);
        }
        let sid = self.intern(stem);
        self.shadows.entry(sid).or_default().push(id);
        id
    }

    /// Vocabulary ids of a form as written in the taxonomy: a stem id per plain word, an exact
    /// id per `=word` / `==WORD`.
    fn form_ids(&mut self, form: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        let mut buf = String::new();
        for raw in form.split_whitespace() {
            let (mode, raw) = if let Some(r) = raw.strip_prefix("==") {
                (2, r)
            } else if let Some(r) = raw.strip_prefix('=') {
                (1, r)
            } else {
                (0, raw)
            };
            for (s, e) in word_spans(raw) {
                fold_into(&raw[s..e], &mut buf);
                let stem = stem_folded(self.stemming, &buf).into_owned();
                let id = match mode {
                    2 => self.intern_exact(&raw[s..e], true, &stem),
                    1 => {
                        let w = buf.clone();
                        self.intern_exact(&w, false, &stem)
                    }
                    _ => self.intern(&stem),
                };
                ids.push(id);
            }
        }
        ids
    }

    /// Every id sequence a form stands for: a stem position also takes the exact-word ids that
    /// shadow that stem.
    fn variants(&self, ids: &[u32]) -> Vec<Vec<u32>> {
        let mut out: Vec<Vec<u32>> = vec![Vec::with_capacity(ids.len())];
        for &id in ids {
            let alts = self.shadows.get(&id).map_or(&[][..], |v| v.as_slice());
            let mut next = Vec::with_capacity(out.len() * (1 + alts.len()));
            for v in &out {
                for &a in std::iter::once(&id).chain(alts) {
                    let mut w = v.clone();
                    w.push(a);
                    next.push(w);
                }
            }
            out = next;
            if out.len() > 64 {
                break;
            }
        }
        out
    }

    /// Compile all entries' forms and the cue words of a language (its `cues.tsv`, its
    /// stemmer) into one automaton.
    pub(crate) fn build(entries: &[Entry], cues_tsv: &'static str, stemming: Stemming) -> Matcher {
        let mut m = Matcher {
            cues: vec![0],
            generation: GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            stemming,
            ..Default::default()
        };
        // First every word gets its id (so all exact words are known before patterns are made).
        let mut cue_ids: Vec<(u32, Vec<u32>)> = Vec::new();
        for (flag, w) in cue_words(cues_tsv) {
            cue_ids.push((flag, m.form_ids(w)));
        }
        let forms: Vec<(usize, Only, Vec<u32>)> = entries
            .iter()
            .enumerate()
            .flat_map(|(ei, e)| e.forms.iter().map(move |f| (ei, f)))
            .map(|(ei, f)| match (f.strip_prefix('^'), f.strip_prefix('~')) {
                (Some(f), _) => (ei, Only::Whole, m.form_ids(f)),
                (_, Some(f)) => (ei, Only::Item, m.form_ids(f)),
                _ => (ei, Only::Any, m.form_ids(f)),
            })
            .collect();
        for (flag, ids) in &cue_ids {
            for v in m.variants(ids) {
                for id in v {
                    m.cues[id as usize] |= flag;
                }
            }
        }
        m.about = (1..m.cues.len() as u32)
            .find(|&id| m.cues[id as usize] & CUE_ABOUT != 0)
            .unwrap_or(0);
        let mut by_key: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut bytes: Vec<Vec<u8>> = Vec::new();
        for (ei, only, ids) in &forms {
            if ids.is_empty() {
                continue;
            }
            let ei = *ei as u32;
            for v in m.variants(ids) {
                let mut b = Vec::with_capacity(v.len() * 3);
                for &id in &v {
                    encode(m.canonical(id), &mut b);
                }
                let pi = *by_key.entry(b.clone()).or_insert_with(|| {
                    m.pats.push(Pat {
                        entries: Vec::new(),
                        whole_only: Vec::new(),
                        item_only: Vec::new(),
                        len: v.len(),
                    });
                    bytes.push(b);
                    m.pats.len() - 1
                });
                let pat = &mut m.pats[pi];
                // an entry's plain form wins over its `^form` or `~form` of the same words
                if !pat.entries.contains(&ei) {
                    pat.entries.push(ei);
                    match only {
                        Only::Whole => pat.whole_only.push(ei),
                        Only::Item => pat.item_only.push(ei),
                        Only::Any => {}
                    }
                } else if *only == Only::Any {
                    pat.whole_only.retain(|&x| x != ei);
                    pat.item_only.retain(|&x| x != ei);
                }
            }
        }
        // An exact word keeps the cues of its stem («=для» and «для»).
        let shadows: Vec<(u32, Vec<u32>)> =
            m.shadows.iter().map(|(k, v)| (*k, v.clone())).collect();
        for (sid, exacts) in shadows {
            let c = m.cues[sid as usize];
            for e in exacts {
                m.cues[e as usize] |= c;
            }
        }
        if !bytes.is_empty() {
            m.ac = Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&bytes)
                    .expect("taxonomy automaton"),
            );
        }
        m
    }

    /// The id a vocabulary id is matched as: every topic preposition is one.
    fn canonical(&self, id: u32) -> u32 {
        if self.cue(id) & CUE_ABOUT != 0 {
            self.about
        } else {
            id
        }
    }

    /// Cue flags of a vocabulary id.
    pub(crate) fn cue(&self, id: u32) -> u32 {
        self.cues.get(id as usize).copied().unwrap_or(0)
    }

    /// Whether some prefix of the folded word (up to `PREFIX` chars) starts a vocabulary stem.
    fn may_be_known(&self, w: &str) -> bool {
        // An English stem is not always a prefix of its word («party» → «parti»).
        if self.stemming == Stemming::English {
            return true;
        }
        w.char_indices()
            .skip(1)
            .map(|(b, _)| b)
            .chain(std::iter::once(w.len()))
            .take(PREFIX)
            .any(|b| self.prefixes.contains(&w[..b]))
            // The stem is a prefix of the word: unless one of its prefixes is a vocabulary stem,
            // stemming cannot find it.
            && w
                .char_indices()
                .skip(1)
                .map(|(b, _)| b)
                .chain(std::iter::once(w.len()))
                .any(|b| self.stems.contains_key(&w[..b]))
    }

    /// Vocabulary id of a folded word's stem, through the per-thread cache.
    fn stem_id_cached(&self, folded: &str) -> u32 {
        STEM_CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.0 != self.generation || c.1.len() > STEM_CACHE_MAX {
                c.0 = self.generation;
                c.1.clear();
            }
            if let Some(&id) = c.1.get(folded) {
                return id;
            }
            let id = self
                .stems
                .get(stem_folded(self.stemming, folded).as_ref())
                .copied()
                .unwrap_or(0);
            c.1.insert(folded.to_string(), id);
            id
        })
    }

    /// The vocabulary id of a word as written (0: not in the vocabulary).
    fn word_id(&self, word: &str, buf: &mut String) -> u32 {
        fold_into(word, buf);
        if let Some(&id) = self.exact_case.get(word) {
            id
        } else if let Some(&id) = self.exact.get(buf.as_str()) {
            id
        } else if buf.len() > 80 || !self.may_be_known(buf) {
            0
        } else {
            self.stem_id_cached(buf)
        }
    }

    /// Tokenize `text`: word tokens with their vocabulary ids.
    pub(crate) fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::with_capacity(text.len() / 8);
        let mut buf = String::with_capacity(64);
        // Words repeat a lot, in a policy and across policies: each distinct spelling is folded
        // and stemmed once per thread.
        WORD_CACHE.with(|c| {
            let mut c = c.borrow_mut();
            let cache = &mut *c;
            if cache.0 != self.generation {
                cache.0 = self.generation;
                cache.1.clear();
            }
            let seen = &mut cache.1;
            for (s, e) in word_spans(text) {
                let word = &text[s..e];
                let id = match seen.get(word) {
                    Some(&id) => id,
                    None => {
                        let id = self.word_id(word, &mut buf);
                        if seen.len() >= WORD_CACHE_MAX {
                            seen.clear();
                        }
                        seen.insert(word.into(), id);
                        id
                    }
                };
                out.push(Token {
                    start: s as u32,
                    end: e as u32,
                    id,
                });
            }
        });
        out
    }

    /// All forms found in the token stream (leftmost-longest, non-overlapping).
    pub(crate) fn find<'m>(&'m self, toks: &[Token]) -> Vec<Hit<'m>> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut enc = Vec::with_capacity(toks.len() * 3);
        // token indices passed over (a possessive after a topic preposition), in order
        let mut passed: Vec<usize> = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            if i > 0
                && self.cue(t.id) & CUE_POSSESSIVE != 0
                && self.cue(toks[i - 1].id) & CUE_ABOUT != 0
            {
                passed.push(i);
                continue;
            }
            encode(self.canonical(t.id), &mut enc);
        }
        // the token index of an encoded position
        let tok = |pos: usize| {
            let mut i = pos;
            for &p in &passed {
                if p <= i {
                    i += 1;
                } else {
                    break;
                }
            }
            i
        };
        ac.find_iter(&enc)
            .map(|m| {
                let pat = &self.pats[m.pattern().as_usize()];
                let ts = m.start() / 3;
                Hit {
                    entries: &pat.entries,
                    whole_only: &pat.whole_only,
                    item_only: &pat.item_only,
                    tok_start: tok(ts),
                    tok_end: tok(ts + pat.len - 1) + 1,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> Vec<String> {
        let mut texts = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["corpus", "../shared/dev/corpus", "../shared/mining/corpus"] {
            if let Ok(rd) = std::fs::read_dir(root.join(dir)) {
                for e in rd.flatten() {
                    if let Ok(t) = std::fs::read_to_string(e.path()) {
                        texts.push(t.to_uppercase());
                        texts.push(t);
                    }
                }
            }
        }
        texts.extend(
            [
                "",
                " ",
                "a",
                "Ёжик-ёлка Ѐ ӿ Ԁ ԯ Ꙁ ǅ 𝔸𝔹 12½ x²y ٣٤ 日本語 café\u{301} ß İ",
                "\u{0400}\u{04FF}\u{0500}\u{03FF}—«слово»…\u{00A0}Ӏ",
            ]
            .map(String::from),
        );
        texts
    }

    /// The byte walk splits words where the walk over the chars did.
    #[test]
    fn word_spans_are_those_of_the_char_walk() {
        for t in texts() {
            let want: Vec<_> = word_spans_by_chars(&t).collect();
            assert_eq!(word_spans(&t).collect::<Vec<_>>(), want, "{t:?}");
        }
    }

    /// The per-thread word cache gives every word the id the matcher gives it uncached, in
    /// the first text and in the next ones.
    #[test]
    fn cached_word_ids_are_the_uncached_ones() {
        let tax = crate::classify::Taxonomy::builtin();
        let m = &tax.matcher;
        let mut buf = String::new();
        let mut known = 0;
        for round in 0..2 {
            for t in texts() {
                let toks = m.tokenize(&t);
                assert_eq!(toks.len(), word_spans(&t).count());
                for tok in toks {
                    let word = &t[tok.start as usize..tok.end as usize];
                    assert_eq!(tok.id, m.word_id(word, &mut buf), "round {round}: {word:?}");
                    known += usize::from(tok.id != 0);
                }
            }
        }
        assert!(known > 1000, "{known}");
    }
}
