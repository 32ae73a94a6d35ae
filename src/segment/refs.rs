//! Inline references to other clauses ("п. 5.2", "п.п. 5.2. и 5.3.", "пунктом 4", "в разделе 7"),
//! resolved to the clauses of the same document. Article references to laws ("ст. 18.1") are
//! not clause references.

use std::collections::HashSet;

use regex::Regex;

use crate::model::Clause;

/// The clause references' patterns and trigger words, built once by the [`crate::Engine`]
/// (through the segmenter).
#[derive(Debug)]
pub struct Refs {
    re: Regex,
    num: Regex,
    /// The words a clause reference needs (`data/lexicon/ru/clause_ref_words.txt`).
    words: Vec<&'static str>,
}

impl Default for Refs {
    fn default() -> Self {
        Self::new()
    }
}

const REF: &str = r"(?i)(?:^|[^\p{L}])(?:п\.\s?п\.|пп\.|п\.|подпункт\p{L}*|пункт\p{L}*|раздел\p{L}*|глав[аеуыой]\p{L}*)\s*(\d{1,2}(?:\.\d{1,2})*\.?(?:\s*(?:,|и|или|-|–)\s*\d{1,2}(?:\.\d{1,2})*\.?)*)";

impl Refs {
    /// Compile the patterns and load the words.
    pub fn new() -> Self {
        Refs {
            re: Regex::new(REF).unwrap(),
            num: Regex::new(r"\d{1,2}(?:\.\d{1,2})*").unwrap(),
            words: ref_words(),
        }
    }

    /// Numbers referenced in `text` ("5.2", "5.3"), in order of appearance, deduplicated.
    pub fn find(&self, text: &str) -> Vec<String> {
        let mut out = crate::dedup::Unique::default();
        for cap in self.re.captures_iter(text) {
            for m in self.num.find_iter(&cap[1]) {
                if !out.contains(m.as_str()) {
                    out.push(m.as_str().to_string());
                }
            }
        }
        out.into_vec()
    }

    /// Cheap literal test before the regex: a reference needs one of its trigger words.
    fn may_refer(&self, text: &str) -> bool {
        text.bytes().any(|b| b.is_ascii_digit()) && self.words.iter().any(|t| text.contains(t))
    }

    /// Fill `refs` of every clause with the referenced numbers that exist in the document.
    pub fn resolve(&self, clauses: &mut [Clause]) {
        let known: HashSet<String> = clauses.iter().map(|c| c.number.clone()).collect();
        for c in clauses.iter_mut() {
            if !self.may_refer(&c.text) {
                continue;
            }
            c.refs = self
                .find(&c.text)
                .into_iter()
                .filter(|n| known.contains(n) && *n != c.number)
                .collect();
        }
    }
}

/// The words a clause reference needs (`data/lexicon/ru/clause_ref_words.txt`).
fn ref_words() -> Vec<&'static str> {
    crate::lexicon::words(include_str!("../../data/lexicon/ru/clause_ref_words.txt")).collect()
}

#[cfg(test)]
mod tests {
    fn find(text: &str) -> Vec<String> {
        super::Refs::new().find(text)
    }

    /// The trigger words from data are the old literal list (issue 8.8).
    #[test]
    fn ref_words_are_the_old_list() {
        let old = [
            "п.",
            "П.",
            "пп.",
            "пункт",
            "Пункт",
            "подпункт",
            "Подпункт",
            "раздел",
            "Раздел",
            "глав",
            "Глав",
            "ПУНКТ",
            "РАЗДЕЛ",
            "ГЛАВ",
        ];
        assert_eq!(super::ref_words(), old);
    }

    #[test]
    fn finds_clause_references() {
        let cases: &[(&str, &[&str])] = &[
            // seed 003, 3.4 and 6.2.2
            ("в п.п. 5.2. и 5.3. настоящей Политики", &["5.2", "5.3"]),
            ("за исключением п.п. 5.2 и 5.3. настоящей", &["5.2", "5.3"]),
            ("для целей, указанных в п. 4 настоящей", &["4"]),
            (
                "предусмотренных п.п. 5.2., 5.3. и 7.2. настоящей",
                &["5.2", "5.3", "7.2"],
            ),
            ("согласно пункту 3.1 Политики", &["3.1"]),
            ("в разделе 7", &["7"]),
            ("пп. 2.1-2.3", &["2.1", "2.3"]),
        ];
        for (text, want) in cases {
            assert_eq!(find(text), *want, "{text}");
        }
    }

    #[test]
    fn law_articles_and_plain_numbers_are_not_references() {
        for text in [
            "ст. 18.1 Федерального закона",
            "№ 152-ФЗ от 27.07.2006",
            "TLS 1.3",
            "Версия 1.0.4",
            "410000, г. Саратов",
            "компания 5.2",
        ] {
            assert!(find(text).is_empty(), "{text}");
        }
    }
}
