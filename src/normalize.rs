//! Normalization to one canonical text per document.
//!
//! Every offset polex reports refers to the text this module returns. The steps, in order:
//! 1. CRLF / CR → LF;
//! 2. NBSP and the other Unicode spaces → ASCII space; soft hyphens and zero-width characters
//!    removed; other control characters (except TAB and LF) removed;
//! 3. Unicode NFC;
//! 4. per line: trailing white space trimmed, leading spaces trimmed (a leading TAB is kept: it
//!    marks a table continuation), runs of spaces collapsed; markdown remnants removed
//!    (`**bold**`, `__bold__`, `<https://…>` autolinks, `#` heading marks, lone `>` lines);
//! 5. a paragraph broken mid-sentence is rejoined: a line that ends without terminal
//!    punctuation, followed by blank line(s) and a line that starts in lower case, continues
//!    on the same line after one space;
//! 6. runs of blank lines collapsed to one; leading and trailing blank lines dropped.

use regex::Regex;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The normalizer's compiled patterns and word list, built once by the [`crate::Engine`].
#[derive(Debug)]
pub struct Normalizer {
    autolink: Regex,
    md_heading: Regex,
    /// Words after which a line break does not end the paragraph
    /// (`data/lexicon/ru/dangling_words.txt`).
    dangling: Vec<&'static str>,
}

impl Default for Normalizer {
    fn default() -> Self {
        Self::new()
    }
}

impl Normalizer {
    /// Compile the patterns and load the word list.
    pub fn new() -> Self {
        Normalizer {
            autolink: Regex::new(r"<((?:https?|ftp)://[^<>\s]+|mailto:[^<>\s]+)>").unwrap(),
            md_heading: Regex::new(r"^#{1,6}[ \t]+").unwrap(),
            dangling: dangling_words(),
        }
    }

    /// Produce the canonical text.
    pub fn normalize(&self, raw: &str) -> String {
        let cleaned = clean_chars(raw);
        let nfc: String;
        let text: &str = if maybe_not_nfc(&cleaned) == IsNormalized::Yes {
            &cleaned
        } else {
            nfc = cleaned.nfc().collect();
            &nfc
        };

        let mut out = String::with_capacity(text.len());
        let mut line_buf = String::new();
        // Number of blank lines seen since the last emitted line.
        let mut pending_blank = false;
        for raw_line in text.split('\n') {
            let line = self.clean_line(raw_line, &mut line_buf);
            if line.is_empty() || is_lone_quote_marker(line) {
                pending_blank = !out.is_empty();
                continue;
            }
            if pending_blank && self.continues_paragraph(&out, line) {
                out.push(' ');
            } else if !out.is_empty() {
                out.push('\n');
                if pending_blank {
                    out.push('\n');
                }
            }
            out.push_str(line);
            pending_blank = false;
        }
        out
    }
}

/// NFC quick check that skips the characters known to be stable (ASCII, Latin-1, Cyrillic
/// letters, general punctuation) and only looks up the rest. Conservative: any character that
/// is not NFC-stable on its own sends the whole text through NFC.
fn maybe_not_nfc(text: &str) -> IsNormalized {
    let stable = |c: char| {
        c < '\u{0300}'
            || ('\u{0400}'..='\u{0482}').contains(&c)
            || ('\u{048A}'..='\u{04FF}').contains(&c)
            || ('\u{2010}'..='\u{206F}').contains(&c)
    };
    // Only chars from U+0300 up need a look: their UTF-8 lead byte is 0xCC or more. Cyrillic
    // U+0400–U+047F and U+04C0–U+04FF (leads 0xD0, 0xD1, 0xD3) are stable and skipped by byte.
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(off) = bytes[i..]
        .iter()
        .position(|&b| b >= 0xCC && !matches!(b, 0xD0 | 0xD1 | 0xD3))
    {
        i += off;
        let c = text[i..].chars().next().expect("a lead byte starts a char");
        if !stable(c) && is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes {
            return IsNormalized::Maybe;
        }
        i += c.len_utf8();
    }
    IsNormalized::Yes
}

/// Bytes that may start a character `clean_chars` changes: ASCII controls and the UTF-8 lead
/// bytes of U+0080–U+00BF, U+1680/U+180E, U+2000–U+206F, U+3000 and U+FEFF. Every other byte
/// (ASCII text, Cyrillic, continuation bytes of untouched characters) is copied in bulk.
fn needs_look(b: u8) -> bool {
    NEEDS_LOOK[b as usize]
}

const NEEDS_LOOK: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != b'\n' as usize && b != b'\t' as usize;
        b += 1;
    }
    t[0x7F] = true;
    t[0xC2] = true;
    t[0xE1] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Step 1 and 2: line endings, spaces, invisible characters.
fn clean_chars(raw: &str) -> String {
    let mut s = String::with_capacity(raw.len());
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..]
            .iter()
            .position(|&b| needs_look(b))
            .unwrap_or(bytes.len() - i);
        // `needs_look` bytes are ASCII or UTF-8 lead bytes, so the run ends on a char boundary.
        s.push_str(&raw[i..i + run]);
        i += run;
        let Some(c) = raw[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        let next = raw[i..].chars().next();
        push_clean(c, next, &mut s);
    }
    s
}

fn push_clean(c: char, next: Option<char>, s: &mut String) {
    match c {
        '\r' => {
            if next != Some('\n') {
                s.push('\n');
            }
        }
        '\n' | '\t' => s.push(c),
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}'
        | '\u{000B}'
        | '\u{000C}' => s.push(' '),
        '\u{2028}' | '\u{2029}' | '\u{0085}' => s.push('\n'),
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}' => {}
        c if c.is_control() => {}
        c => s.push(c),
    }
}

/// Step 4 for one line, written into `buf`.
/// Step 4 for one line: the cleaned line, borrowed from the input when nothing changes (the
/// common case) or written into `buf`.
impl Normalizer {
    fn clean_line<'a>(&self, line: &'a str, buf: &'a mut String) -> &'a str {
        buf.clear();
        let line = line.trim_end().trim_start_matches(' ');
        let line = if line.starts_with('#') {
            match self.md_heading.find(line) {
                Some(m) => &line[m.end()..],
                None => line,
            }
        } else {
            line
        };
        if is_plain(line.as_bytes()) {
            return line;
        }
        let line = if line.contains('<') {
            self.autolink.replace_all(line, "$1")
        } else {
            std::borrow::Cow::Borrowed(line)
        };
        let mut prev_space = false;
        let mut rest = line.as_ref();
        while let Some(c) = rest.chars().next() {
            if rest.starts_with("**") || is_underscore_emphasis(rest, buf) {
                rest = &rest[2..];
                continue;
            }
            rest = &rest[c.len_utf8()..];
            if c == ' ' {
                if prev_space {
                    continue;
                }
                prev_space = true;
            } else {
                prev_space = false;
            }
            buf.push(c);
        }
        let trimmed = buf.trim_end().len();
        buf.truncate(trimmed);
        buf.as_str()
    }
}

/// No double space, no `**`/`__`, no `<`: nothing for step 4 to do in this line.
fn is_plain(line: &[u8]) -> bool {
    memchr::memchr(b'<', line).is_none()
        && memchr::memmem::find(line, b"  ").is_none()
        && memchr::memmem::find(line, b"**").is_none()
        && memchr::memmem::find(line, b"__").is_none()
}

/// `__` that opens or closes emphasis (next to a word on one side, not inside an identifier).
fn is_underscore_emphasis(rest: &str, before: &str) -> bool {
    if !rest.starts_with("__") {
        return false;
    }
    let prev_word = before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric());
    let next_word = rest[2..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric());
    prev_word != next_word
}

/// A markdown blockquote marker left alone on its line (`>`, `> >`).
fn is_lone_quote_marker(line: &str) -> bool {
    line.chars().all(|c| c == '>' || c == ' ')
}

/// Words that cannot end a sentence: a paragraph ending with one was cut mid-sentence.
/// Data: `data/lexicon/ru/dangling_words.txt`.
fn dangling_words() -> Vec<&'static str> {
    crate::lexicon::words(include_str!("../data/lexicon/ru/dangling_words.txt")).collect()
}

/// Step 5: does `line` (after a blank line) continue the last paragraph of `out`?
///
/// Only when the last paragraph ends without terminal punctuation, `line` starts in lower case,
/// and the paragraph reads as a cut sentence: it ends with a word that cannot end one
/// («… качества ответов и не» / «передаёт …», seed 000), or it is long running text. A short
/// heading such as «Политика обработки персональных данных» followed by «г. Москва» stays.
impl Normalizer {
    fn continues_paragraph(&self, out: &str, line: &str) -> bool {
        let Some(last) = out.chars().next_back() else {
            return false;
        };
        let starts_lower = line.chars().next().is_some_and(|c| c.is_lowercase());
        let open_end = last.is_alphanumeric() || matches!(last, ',' | '-' | '–' | '(');
        if !starts_lower || !open_end {
            return false;
        }
        let para = out.rsplit('\n').next().unwrap_or(out);
        let last_word = para
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        self.dangling.contains(&last_word.as_str())
            || matches!(last, ',' | '-' | '–' | '(')
            || para.split_whitespace().count() >= 8
    }
}

#[cfg(test)]
mod tests {
    use super::Normalizer;

    fn normalize(raw: &str) -> String {
        static N: std::sync::LazyLock<Normalizer> = std::sync::LazyLock::new(Normalizer::new);
        N.normalize(raw)
    }

    #[test]
    fn line_endings_become_lf() {
        assert_eq!(normalize("a\r\nb\rc\n"), "a\nb\nc");
    }

    #[test]
    fn unicode_spaces_become_spaces_and_invisibles_go() {
        assert_eq!(
            normalize("ИНН\u{00A0}123 Поль\u{00AD}зователь\u{200B} и\u{202F}так"),
            "ИНН 123 Пользователь и так"
        );
        assert_eq!(normalize("\u{FEFF}Политика"), "Политика");
    }

    #[test]
    fn nfc_composes_decomposed_letters() {
        // "й" written as и + combining breve, "ё" as е + combining diaeresis
        assert_eq!(normalize("и\u{0306} ё е\u{0308}"), "й ё ё");
    }

    #[test]
    fn markdown_bold_and_autolinks_are_removed() {
        // seed 003 and seed 000
        assert_eq!(
            normalize("документом **ИП Волконская Анжелика Николаевна**, сайта **bigio.ru**"),
            "документом ИП Волконская Анжелика Николаевна, сайта bigio.ru"
        );
        assert_eq!(
            normalize("на сайте <https://balloons.pro>."),
            "на сайте https://balloons.pro."
        );
        assert_eq!(normalize("__Важно__ и snake__case"), "Важно и snake__case");
        assert_eq!(normalize("## 1. Общие положения"), "1. Общие положения");
    }

    #[test]
    fn lone_quote_lines_are_dropped() {
        // seed 001, between the heading of section 6 and clause 6.1
        assert_eq!(
            normalize(
                "6. Изменение и удаление персональных данных\n\n>\n\n6.1. Пользователь может"
            ),
            "6. Изменение и удаление персональных данных\n\n6.1. Пользователь может"
        );
    }

    #[test]
    fn broken_paragraph_is_rejoined() {
        // seed 000, clause 4.2
        let raw = "4.2. AI анализирует переписку исключительно для улучшения качества ответов и не\n\nпередаёт личную информацию третьим лицам.\n\n5. ПЕРЕДАЧА";
        assert_eq!(
            normalize(raw),
            "4.2. AI анализирует переписку исключительно для улучшения качества ответов и не передаёт личную информацию третьим лицам.\n\n5. ПЕРЕДАЧА"
        );
    }

    #[test]
    fn headings_are_not_joined_to_a_lower_case_line() {
        // d013-like: a title, a blank line, then the city
        assert_eq!(
            normalize("Политика обработки персональных данных\n\nг. Москва"),
            "Политика обработки персональных данных\n\nг. Москва"
        );
        // seed 002: a long sentence cut before «сохранить»
        assert_eq!(
            normalize("Файлы cookie применяются в различных целях: например, они позволяют\n\nсохранить настройки"),
            "Файлы cookie применяются в различных целях: например, они позволяют сохранить настройки"
        );
    }

    #[test]
    fn finished_paragraphs_are_not_joined() {
        assert_eq!(normalize("Конец.\n\nначало"), "Конец.\n\nначало");
        assert_eq!(normalize("Заголовок\n\nТекст"), "Заголовок\n\nТекст");
        assert_eq!(normalize("пункт;\n\n- следующий"), "пункт;\n\n- следующий");
    }

    #[test]
    fn blank_line_runs_collapse_and_edges_trim() {
        assert_eq!(normalize("\n\n\nА\n\n\n\nБ  \n\n"), "А\n\nБ");
        assert_eq!(normalize("  слово   и    слово"), "слово и слово");
    }

    #[test]
    fn leading_tab_is_kept_for_table_continuations() {
        assert_eq!(
            normalize("Цель\t• первый\n\t• второй"),
            "Цель\t• первый\n\t• второй"
        );
    }
}
