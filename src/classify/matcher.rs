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

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));

/// Cue classes carried by vocabulary ids (bit flags).
pub(crate) const CUE_NOT: u16 = 1;
pub(crate) const CUE_NEG_VERB: u16 = 1 << 1;
pub(crate) const CUE_BREAK: u16 = 1 << 2;
pub(crate) const CUE_PURPOSE: u16 = 1 << 3;
pub(crate) const CUE_RIGHT: u16 = 1 << 4;
pub(crate) const CUE_STORE: u16 = 1 << 5;
pub(crate) const CUE_REQUEST: u16 = 1 << 6;
pub(crate) const CUE_CONTAIN: u16 = 1 << 7;
pub(crate) const CUE_FOR: u16 = 1 << 8;
pub(crate) const CUE_COLLECT: u16 = 1 << 9;
pub(crate) const CUE_WHEN: u16 = 1 << 10;
pub(crate) const CUE_TERM: u16 = 1 << 11;
pub(crate) const CUE_ORG: u16 = 1 << 12;
pub(crate) const CUE_COLLECT_NOUN: u16 = 1 << 13;

/// Surface words of each cue class (stemmed at build time, so inflections are covered).
const CUES: &[(u16, &[&str])] = &[
    (CUE_NOT, &["=не", "=ни", "=not", "=never"]),
    (
        CUE_NEG_VERB,
        &[
            "собираем",
            "собирает",
            "собираются",
            "собирать",
            "собираться",
            "собрали",
            "соберем",
            "собирают",
            "обрабатываем",
            "обрабатывает",
            "обрабатываются",
            "обрабатывать",
            "обрабатывают",
            "передаем",
            "передает",
            "передаются",
            "передавать",
            "передаваться",
            "передают",
            "передадим",
            "продаем",
            "продает",
            "продавать",
            "продаются",
            "продают",
            "храним",
            "хранит",
            "хранятся",
            "хранить",
            "хранят",
            "используем",
            "использует",
            "используются",
            "использовать",
            "используют",
            "осуществляется",
            "осуществляет",
            "осуществляем",
            "осуществлять",
            "осуществляют",
            "получаем",
            "получает",
            "запрашиваем",
            "запрашивает",
            "запрашивать",
            "сохраняем",
            "сохраняет",
            "отслеживаем",
            "отслеживает",
            "раскрываем",
            "раскрывает",
            "раскрывать",
            "распространяем",
            "распространяет",
            "предоставляем",
            "предоставляет",
            "записываем",
            "требуем",
            "производится",
            "производит",
            "подлежит",
            "подлежат",
            "накапливаем",
            "накапливает",
            "анализируем",
            "применяем",
            "применяет",
            "применяются",
            "ведем",
            "ведется",
            "сообщаем",
            "нужны",
            "нужен",
            "требуются",
            "требуется",
            "collect",
            "store",
            "process",
            "use",
            "share",
            "sell",
            "track",
            "transfer",
            "disclose",
        ],
    ),
    (
        CUE_BREAK,
        &[
            "=но",
            "=однако",
            "=кроме",
            "исключением",
            "=если",
            "=только",
        ],
    ),
    (CUE_PURPOSE, &["цель", "целях", "целей", "целью", "цели"]),
    (CUE_FOR, &["=для"]),
    (CUE_WHEN, &["=при"]),
    (
        CUE_COLLECT_NOUN,
        &["сборе", "использовании", "обработке", "сбор"],
    ),
    (CUE_ORG, &["организации", "компании", "юридического"]),
    (CUE_TERM, &["срок", "сроки", "сроков", "срока"]),
    (
        CUE_RIGHT,
        &["право", "права", "правом", "вправе", "требовать", "праве"],
    ),
    (
        CUE_STORE,
        &[
            "хранение",
            "хранения",
            "хранятся",
            "хранит",
            "храним",
            "хранить",
            "хранению",
        ],
    ),
    (
        CUE_REQUEST,
        &["запрос", "запроса", "обращение", "обращения", "заявление"],
    ),
    (
        CUE_CONTAIN,
        &[
            "содержать",
            "содержит",
            "содержаться",
            "указываются",
            "включать",
            "указаны",
            "указать",
        ],
    ),
    (
        CUE_COLLECT,
        &[
            "состав",
            "составе",
            "категории",
            "категорий",
            "перечень",
            "собираем",
            "собираемые",
            "собирает",
            "собираются",
            "собирать",
            "получаем",
            "обрабатываем",
            "обрабатываемые",
            "обрабатываемых",
        ],
    ),
];

/// Dedup key of a compiled pattern: encoded stems and exact-word constraints.
type PatKey = (Vec<u8>, Vec<(usize, String)>);

/// One word of the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub start: u32,
    pub end: u32,
    /// Vocabulary id, 0 when the word's stem is not in the vocabulary.
    pub id: u32,
}

/// One compiled pattern: the taxonomy entries it stands for and exact-word constraints.
#[derive(Debug, Clone)]
struct Pat {
    entries: Vec<u32>,
    /// (token position in the pattern, exact lowercase word required there)
    exact: Vec<(usize, String)>,
    len: usize,
}

/// A found form: entries and the token range `[tok_start, tok_end)`.
#[derive(Debug, Clone)]
pub(crate) struct Hit<'m> {
    pub entries: &'m [u32],
    pub tok_start: usize,
    pub tok_end: usize,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Matcher {
    stems: HashMap<String, u32>,
    cues: Vec<u16>,
    pats: Vec<Pat>,
    ac: Option<AhoCorasick>,
}

/// Lowercase a word into `buf` (ё→е).
fn fold_into(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                buf.push(if l == 'ё' { 'е' } else { l });
            }
        }
    }
}

/// The stem of a folded word: Russian Snowball for words with Cyrillic letters, a plural `s`
/// strip for Latin ones («cookies» → «cookie»).
fn stem_folded(w: &str) -> std::borrow::Cow<'_, str> {
    if w.is_ascii() {
        if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
            return std::borrow::Cow::Borrowed(&w[..w.len() - 1]);
        }
        return std::borrow::Cow::Borrowed(w);
    }
    STEMMER.stem(w)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Split `text` into word spans (byte ranges).
pub(crate) fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
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
        let id = self.cues.len() as u32;
        self.stems.insert(stem.to_string(), id);
        self.cues.push(0);
        id
    }

    /// Stems (and exact constraints) of a form as written in the taxonomy.
    fn form_ids(&mut self, form: &str) -> (Vec<u32>, Vec<(usize, String)>) {
        let mut ids = Vec::new();
        let mut exact = Vec::new();
        let mut buf = String::new();
        for raw in form.split_whitespace() {
            let (is_exact, raw) = match raw.strip_prefix('=') {
                Some(r) => (true, r),
                None => (false, raw),
            };
            for (s, e) in word_spans(raw) {
                fold_into(&raw[s..e], &mut buf);
                let stem = stem_folded(&buf).into_owned();
                if is_exact {
                    exact.push((ids.len(), buf.clone()));
                }
                let id = self.intern(&stem);
                ids.push(id);
            }
        }
        (ids, exact)
    }

    /// Compile all entries' forms and the cue words into one automaton.
    pub(crate) fn build(entries: &[Entry]) -> Matcher {
        let mut m = Matcher {
            cues: vec![0],
            ..Default::default()
        };
        for (flag, words) in CUES {
            for w in *words {
                let (ids, _) = m.form_ids(w);
                for id in ids {
                    m.cues[id as usize] |= flag;
                }
            }
        }
        let mut by_key: HashMap<PatKey, usize> = HashMap::new();
        let mut bytes: Vec<Vec<u8>> = Vec::new();
        for (ei, e) in entries.iter().enumerate() {
            for f in &e.forms {
                let (ids, exact) = m.form_ids(f);
                if ids.is_empty() {
                    continue;
                }
                let mut b = Vec::with_capacity(ids.len() * 3);
                for &id in &ids {
                    encode(id, &mut b);
                }
                let key = (b.clone(), exact.clone());
                match by_key.get(&key) {
                    Some(&pi) => {
                        if !m.pats[pi].entries.contains(&(ei as u32)) {
                            m.pats[pi].entries.push(ei as u32);
                        }
                    }
                    None => {
                        by_key.insert(key, m.pats.len());
                        m.pats.push(Pat {
                            entries: vec![ei as u32],
                            exact,
                            len: ids.len(),
                        });
                        bytes.push(b);
                    }
                }
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

    /// Cue flags of a vocabulary id.
    pub(crate) fn cue(&self, id: u32) -> u16 {
        self.cues.get(id as usize).copied().unwrap_or(0)
    }

    /// Tokenize `text`: word tokens with their vocabulary ids.
    pub(crate) fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::with_capacity(text.len() / 8);
        let mut buf = String::with_capacity(64);
        for (s, e) in word_spans(text) {
            fold_into(&text[s..e], &mut buf);
            let id = if buf.len() > 80 {
                0
            } else {
                let st = stem_folded(&buf);
                self.stems.get(st.as_ref()).copied().unwrap_or(0)
            };
            out.push(Token {
                start: s as u32,
                end: e as u32,
                id,
            });
        }
        out
    }

    /// All forms found in the token stream (leftmost-longest, non-overlapping).
    pub(crate) fn find<'m>(&'m self, text: &str, toks: &[Token]) -> Vec<Hit<'m>> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut enc = Vec::with_capacity(toks.len() * 3);
        for t in toks {
            encode(t.id, &mut enc);
        }
        let mut out = Vec::new();
        let mut buf = String::new();
        for m in ac.find_iter(&enc) {
            let pat = &self.pats[m.pattern().as_usize()];
            let ts = m.start() / 3;
            let ok = pat.exact.iter().all(|(off, w)| {
                let t = toks[ts + off];
                fold_into(&text[t.start as usize..t.end as usize], &mut buf);
                buf == *w
            });
            if ok {
                out.push(Hit {
                    entries: &pat.entries,
                    tok_start: ts,
                    tok_end: ts + pat.len,
                });
            }
        }
        out
    }
}
