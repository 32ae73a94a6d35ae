//! Sentence splitting: the UAX #29 sentence-boundary rules that matter for running text
//! (SB8, SB8a, SB11: a break after `. ! ? …`, closing quotes and spaces, unless a lower-case word
//! or a continuation mark follows), with the boundaries after a Russian abbreviation or an
//! initial removed. A break needs white space after the terminal ("2.3.Настоящая", "example.Com"
//! never split). A test checks it against unicode-segmentation's full UAX #29 implementation on
//! the real texts; this hand-written pass is about five times faster.

/// Abbreviations after which a period does not end a sentence (lower-cased, without the dot;
/// multi-dot ones are listed by their last part, "т.е." → "е" is covered by the two-letter rule):
/// `data/lexicon/ru/abbreviations.txt`.
/// The sentence splitter with its abbreviations, built once by the [`crate::Engine`] (through
/// the segmenter).
#[derive(Debug)]
pub struct Sentences {
    abbreviations: Vec<&'static str>,
}

impl Default for Sentences {
    fn default() -> Self {
        Self::new()
    }
}

impl Sentences {
    /// Load the abbreviations.
    pub fn new() -> Self {
        Sentences {
            abbreviations: crate::lexicon::words(include_str!(
                "../../data/lexicon/ru/abbreviations.txt"
            ))
            .collect(),
        }
    }

    /// Split `text` into sentences; returns byte ranges relative to `text`, trimmed of white
    /// space, never empty.
    pub fn split(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        let mut start = 0;
        if has_inner_boundary(text) {
            let mut from = 0;
            while let Some((end, next)) = next_break(text, from) {
                if !word_before_period(&text[start..end]).is_some_and(|w| self.is_abbreviation(w)) {
                    out.push((start, end));
                    start = next;
                }
                from = next;
            }
        }
        out.push((start, text.len()));
        trimmed(text, out)
    }

    fn is_abbreviation(&self, word: &str) -> bool {
        if word.is_empty() {
            return false;
        }
        // An initial: one upper-case letter ("И. И. Иванов", "Албу В. Г.").
        let mut chars = word.chars();
        let first = chars.next().unwrap();
        if chars.next().is_none() && first.is_uppercase() {
            return true;
        }
        let lower = word.to_lowercase();
        self.abbreviations
            .iter()
            .any(|a| a.eq_ignore_ascii_case(&lower) || *a == lower)
    }
}

/// The word right before the final period of `s` (which must end with "." possibly followed by
/// spaces).
fn word_before_period(s: &str) -> Option<&str> {
    let t = s.trim_end();
    let t = t.strip_suffix('.')?;
    let start = t
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    Some(&t[start..])
}

/// Cheap test before [`next_break`]: sentence-final punctuation somewhere before the end.
fn has_inner_boundary(text: &str) -> bool {
    let t = text.trim_end().as_bytes();
    let body = &t[..t.len().saturating_sub(1)];
    body.iter().enumerate().any(|(i, &b)| {
        matches!(b, b'.' | b'!' | b'?')
            || (b == 0xA6 && i >= 2 && body[i - 2] == 0xE2 && body[i - 1] == 0x80)
        // '…'
    })
}

/// The ranges trimmed of white space; empty ones dropped.
fn trimmed(text: &str, ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges
        .into_iter()
        .filter_map(|(s, e)| {
            let piece = &text[s..e];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            (e - trail > s + lead).then_some((s + lead, e - trail))
        })
        .collect()
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_close(c: char) -> bool {
    matches!(c, '»' | '"' | '”' | '’' | '\'' | ')' | ']' | '}')
}

/// SContinue of UAX #29: after these, a sentence goes on.
fn is_continue(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '‐' | '‑')
}

/// The next sentence break at or after `from`: `(end of the sentence, start of the next)`.
fn next_break(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut it = text[from..]
        .char_indices()
        .map(|(i, c)| (from + i, c))
        .peekable();
    while let Some((i, c)) = it.next() {
        if !is_terminal(c) {
            continue;
        }
        let aterm = c == '.' || c == '…';
        let mut end = i + c.len_utf8();
        // more terminals ("?!", "...") and closing marks ("».", ".»", ".)")
        while let Some(&(j, d)) = it.peek() {
            if is_terminal(d) || is_close(d) {
                end = j + d.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        // white space is required
        let mut next = end;
        while let Some(&(j, d)) = it.peek() {
            if d == ' ' || d == '\t' {
                next = j + d.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        if next == end || next >= text.len() {
            continue;
        }
        let rest = &text[next..];
        let first = rest.chars().next().unwrap_or(' ');
        // SB8a: a continuation mark or another terminal goes on
        if is_continue(first) || is_terminal(first) {
            continue;
        }
        // SB8: after a period, skip what is not a letter; a lower-case letter goes on
        if aterm {
            let letter = rest.chars().find(|&d| d.is_alphabetic() || is_terminal(d));
            if letter.is_some_and(|d| d.is_lowercase()) {
                continue;
            }
        }
        return Some((end, next));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::Sentences;

    static S: std::sync::LazyLock<Sentences> = std::sync::LazyLock::new(Sentences::new);

    fn split(text: &str) -> Vec<(usize, usize)> {
        S.split(text)
    }

    /// The reference: unicode-segmentation's UAX #29 sentence bounds, with the same abbreviation
    /// merge, keeping only breaks that follow white space (a break needs a space here).
    fn reference(text: &str) -> Vec<(usize, usize)> {
        use unicode_segmentation::UnicodeSegmentation;
        let mut out: Vec<(usize, usize)> = Vec::new();
        let mut merge_next = false;
        for (start, s) in text.split_sentence_bound_indices() {
            let end = start + s.len();
            let after_space = text[..start].ends_with([' ', '\t']);
            if merge_next || !after_space || out.is_empty() {
                match out.last_mut() {
                    Some(last) if start > 0 => last.1 = end,
                    _ => out.push((start, end)),
                }
            } else {
                out.push((start, end));
            }
            merge_next = super::word_before_period(&text[out.last().unwrap().0..end])
                .is_some_and(|w| S.is_abbreviation(w));
        }
        super::trimmed(text, out)
    }

    #[test]
    fn agrees_with_uax29_on_hand_cases() {
        for text in [
            "Данные хранятся 3 года. — Так решил Оператор.",
            "Первое. , второе.",
            "Он сказал: «Хватит.» Потом ушёл.",
            "Цена 5 руб. (без НДС) включена. Далее текст.",
            "Что? Да! Ну... И всё.",
            "Сайт example.Com работает. Хорошо.",
            "Версия 1.5. Дата 2025.",
            "Текст. «Цитата» дальше.",
            "Текст. (примечание) дальше.",
        ] {
            assert_eq!(split(text), reference(text), "{text}");
        }
        assert_eq!(
            split("Данные хранятся 3 года. — Так решил Оператор.").len(),
            1
        );
    }

    #[test]
    fn agrees_with_uax29_on_the_real_texts() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("corpus"), root.join("tests/fixtures/heldout")];
        let dev = root.join("../shared/dev/corpus");
        if dev.is_dir() {
            dirs.push(dev);
        }
        let (mut lines, mut differ) = (0, Vec::new());
        for dir in dirs {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                let Ok(raw) = std::fs::read_to_string(&p) else {
                    continue; // the cp1251 fixture
                };
                for line in crate::normalize::Normalizer::new().normalize(&raw).lines() {
                    lines += 1;
                    if split(line) != reference(line) {
                        differ.push(line.to_string());
                    }
                }
            }
        }
        assert!(lines > 1000);
        assert!(
            differ.is_empty(),
            "{} of {lines} lines differ: {:#?}",
            differ.len(),
            &differ[..differ.len().min(5)]
        );
    }

    fn sents(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            sents("Пользователь имеет право. Оператор обязан! Что дальше? Всё."),
            vec![
                "Пользователь имеет право.",
                "Оператор обязан!",
                "Что дальше?",
                "Всё."
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let cases = [
            "Адрес: г. Краснодар, ул. Красная, д. 5.",
            "Данные, т.е. имя, т.д. и т.п. Хранятся.",
            "См. п. 5.2 настоящей Политики.",
            "Согласно ст. 18.1 Закона.",
            "Цена 100 руб. В месяц.",
            "Исполнитель Албу В. Г. Осуществляет обработку.",
            "Директор И. И. Иванов подписал.",
            "В соответствии с пп. 3 и 4.",
        ];
        for text in cases {
            let got = sents(text);
            if text.starts_with("Данные") {
                assert_eq!(got, vec![text], "{text}");
            } else {
                assert_eq!(got.len(), 1, "{text}: {got:?}");
            }
        }
    }

    #[test]
    fn offsets_are_trimmed_and_relative() {
        let text = "  Первое.   Второе.  ";
        let got = split(text);
        assert_eq!(got.len(), 2);
        assert_eq!(&text[got[0].0..got[0].1], "Первое.");
        assert_eq!(&text[got[1].0..got[1].1], "Второе.");
    }
}
