//! Sentence splitting: Unicode sentence boundaries (UAX #29, unicode-segmentation), with the
//! boundaries that follow a Russian abbreviation or an initial removed.

use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations after which a period does not end a sentence (lower-cased, without the dot;
/// multi-dot ones are listed by their last part, "т.е." → "е" is covered by the two-letter rule).
const ABBREVIATIONS: &[&str] = &[
    "г",
    "гг",
    "ул",
    "д",
    "дом",
    "кв",
    "корп",
    "стр",
    "пр",
    "просп",
    "пер",
    "наб",
    "пл",
    "обл",
    "респ",
    "р",
    "п",
    "пп",
    "ст",
    "ч",
    "руб",
    "коп",
    "тыс",
    "млн",
    "млрд",
    "т",
    "е",
    "др",
    "пр",
    "см",
    "им",
    "рис",
    "тел",
    "факс",
    "эл",
    "моб",
    "офис",
    "оф",
    "к",
    "лит",
    "стр",
    "ин",
    "мкр",
    "мкрн",
    "пос",
    "с",
    "дер",
    "х",
    "вкл",
    "искл",
    "прим",
    "напр",
    "н",
    "ред",
    "изд",
    "утв",
    "ФЗ",
    "no",
    "ltd",
    "inc",
    "e.g",
    "i.e",
    "etc",
    "vs",
    "пгт",
];

fn is_abbreviation(word: &str) -> bool {
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
    ABBREVIATIONS
        .iter()
        .any(|a| a.eq_ignore_ascii_case(&lower) || *a == lower)
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

/// True when sentence-final punctuation is followed by white space and more text, i.e. when
/// `text` may hold more than one sentence.
fn has_inner_boundary(text: &str) -> bool {
    let t = text.trim_end();
    let b = t.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        let terminal = matches!(c, b'.' | b'!' | b'?')
            || (c == 0xA6 && i >= 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x80); // '…'
        if !terminal || !b.get(i + 1).is_some_and(|n| n.is_ascii_whitespace()) {
            continue;
        }
        // UAX #29 does not break before a lower-case letter: only an upper-case letter, a
        // digit or an opening quote/bracket/dash after the space can start a new sentence.
        let next = t[i + 1..].trim_start().chars().next();
        if next.is_some_and(|n| !n.is_lowercase()) {
            return true;
        }
    }
    false
}

/// Split `text` into sentences; returns byte ranges relative to `text`, trimmed of white space,
/// never empty.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    if !has_inner_boundary(text) {
        // One sentence (the common case for a clause): no need to run UAX #29.
        let lead = text.len() - text.trim_start().len();
        let end = text.trim_end().len();
        if end > lead {
            out.push((lead, end));
        }
        return out;
    }
    let mut merge_next = false;
    for (start, s) in text.split_sentence_bound_indices() {
        let end = start + s.len();
        if merge_next {
            if let Some(last) = out.last_mut() {
                last.1 = end;
            }
        } else {
            out.push((start, end));
        }
        merge_next = word_before_period(s).is_some_and(is_abbreviation);
    }
    out.into_iter()
        .filter_map(|(s, e)| {
            let piece = &text[s..e];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            (e - trail > s + lead).then_some((s + lead, e - trail))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::split;

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
