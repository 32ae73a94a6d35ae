//! Reading the lexicon data files (`data/lexicon/*.tsv`, `data/lexicon/LANG/*`), embedded at
//! build time. Every stage reads its word lists through it, and [`LANGUAGES`] is the registry
//! of the analysed languages: the files of each language's folder that the classifier and the
//! operator extractor read per language, and its taxonomy forms.

use crate::language::Lang;

/// The per-language files the classifier and the operator extractor read (`data/lexicon/LANG/`) and the language's
/// taxonomy forms (`data/taxonomy/` for Russian, `data/taxonomy/LANG/` for the others), embedded.
#[derive(Debug)]
pub struct LanguageFiles {
    /// The language.
    pub lang: Lang,
    /// Its stemmer (the matcher's: `rust-stemmers`).
    pub stemmer: Stemming,
    /// `cues.tsv`.
    pub cues: &'static str,
    /// `definition_openers.txt`.
    pub definition_openers: &'static str,
    /// `not_definition_after.txt`.
    pub not_definition_after: &'static str,
    /// `photo_of_person.txt`.
    pub photo_of_person: &'static str,
    /// `not_retention_before.txt`.
    pub not_retention_before: &'static str,
    /// `retention_leads.tsv`.
    pub retention_leads: &'static str,
    /// `retention_numbers.tsv`.
    pub retention_numbers: &'static str,
    /// `retention_units.tsv`.
    pub retention_units: &'static str,
    /// `retention_words.tsv`.
    pub retention_words: &'static str,
    /// `retention_kinds.tsv`.
    pub retention_kinds: &'static str,
    /// `operator_cues.tsv` (read by the operator extractor).
    pub operator_cues: &'static str,
    /// `legal_form_overrides.tsv` (read by the operator extractor).
    pub legal_form_overrides: &'static str,
    /// The taxonomy files with this language's forms: (origin, text), in entry order.
    pub taxonomy: &'static [(&'static str, &'static str)],
}

/// How the taxonomy matcher stems the words of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stemming {
    /// Russian Snowball for Cyrillic words, a plural `s` strip for Latin ones.
    #[default]
    Russian,
    /// English Snowball (Porter2) for every word.
    English,
}

/// One file of `data/lexicon/$code/`, embedded.
macro_rules! lexicon_file {
    ($code:literal, $name:literal) => {
        include_str!(concat!("../data/lexicon/", $code, "/", $name))
    };
}

/// The per-language files of `data/lexicon/$code/`.
macro_rules! language_files {
    ($lang:expr, $stemmer:expr, $code:literal, $taxonomy:expr) => {
        LanguageFiles {
            lang: $lang,
            stemmer: $stemmer,
            cues: lexicon_file!($code, "cues.tsv"),
            definition_openers: lexicon_file!($code, "definition_openers.txt"),
            not_definition_after: lexicon_file!($code, "not_definition_after.txt"),
            photo_of_person: lexicon_file!($code, "photo_of_person.txt"),
            not_retention_before: lexicon_file!($code, "not_retention_before.txt"),
            retention_leads: lexicon_file!($code, "retention_leads.tsv"),
            retention_numbers: lexicon_file!($code, "retention_numbers.tsv"),
            retention_units: lexicon_file!($code, "retention_units.tsv"),
            retention_words: lexicon_file!($code, "retention_words.tsv"),
            retention_kinds: lexicon_file!($code, "retention_kinds.tsv"),
            operator_cues: lexicon_file!($code, "operator_cues.tsv"),
            legal_form_overrides: lexicon_file!($code, "legal_form_overrides.tsv"),
            taxonomy: $taxonomy,
        }
    };
}

/// The taxonomy files of one folder, in entry order.
macro_rules! taxonomy_files {
    ($dir:literal) => {
        &[
            (
                concat!($dir, "categories.tsv"),
                include_str!(concat!("../", $dir, "categories.tsv")),
            ),
            (
                concat!($dir, "purposes.tsv"),
                include_str!(concat!("../", $dir, "purposes.tsv")),
            ),
            (
                concat!($dir, "recipients.tsv"),
                include_str!(concat!("../", $dir, "recipients.tsv")),
            ),
            (
                concat!($dir, "rights.tsv"),
                include_str!(concat!("../", $dir, "rights.tsv")),
            ),
            (
                concat!($dir, "other.tsv"),
                include_str!(concat!("../", $dir, "other.tsv")),
            ),
        ]
    };
}

/// The analysed languages: each has its folder `data/lexicon/CODE/` and its taxonomy forms.
/// The first is the base language: its taxonomy defines the entries (ids, names, DPV IRIs) that
/// the others give forms to, and its lexicon reads a text in a language that has none.
pub const LANGUAGES: &[LanguageFiles] = &[
    language_files!(
        Lang::Ru,
        Stemming::Russian,
        "ru",
        taxonomy_files!("data/taxonomy/")
    ),
    language_files!(
        Lang::En,
        Stemming::English,
        "en",
        taxonomy_files!("data/taxonomy/en/")
    ),
];

/// The files of `lang`, or of the base language (Russian) when `lang` is not analysed.
pub fn files(lang: Lang) -> &'static LanguageFiles {
    LANGUAGES
        .iter()
        .find(|f| f.lang == lang)
        .unwrap_or(&LANGUAGES[0])
}

/// The rows of an embedded TSV lexicon: blank lines and `#` comments skipped, each row split
/// at TABs into exactly `N` columns. A malformed row is a bug in the shipped data, caught by
/// the unit tests that load every lexicon: it panics naming the file and the line.
pub fn rows<const N: usize>(name: &str, text: &'static str) -> Vec<[&'static str; N]> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, line)| {
            let cols: Vec<&'static str> = line.split('\t').map(str::trim).collect();
            cols.try_into().unwrap_or_else(|c: Vec<&str>| {
                panic!(
                    "{name} line {}: expected {N} columns, got {}",
                    i + 1,
                    c.len()
                )
            })
        })
        .collect()
}

/// The entries of an embedded `CLASS<TAB>ENTRY` lexicon by class: list `i` holds the entries of
/// `classes[i]`, in file order. A class not in `classes` is a bug in the shipped data: it panics
/// naming the file.
pub fn classes<const N: usize>(
    name: &str,
    text: &'static str,
    classes: [&str; N],
) -> [Vec<&'static str>; N] {
    let mut lists = std::array::from_fn(|_| Vec::new());
    for [class, entry] in rows::<2>(name, text) {
        let i = classes
            .iter()
            .position(|c| *c == class)
            .unwrap_or_else(|| panic!("{name}: unknown class {class:?}"));
        lists[i].push(entry);
    }
    lists
}

/// The words of an embedded word list, one per line: blank lines and `#` comments skipped,
/// surrounding spaces trimmed.
pub fn words(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// `s` in lower case with ё as е: how the stages compare words and names.
pub fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{rows, words, LANGUAGES};

    /// The registry is the list of analysed languages of `language.rs`, base language first.
    #[test]
    fn the_registry_is_the_analysed_languages() {
        let langs: Vec<_> = LANGUAGES.iter().map(|f| f.lang).collect();
        assert_eq!(langs, crate::language::ANALYSED);
        assert_eq!(langs[0], crate::language::Lang::Ru);
        assert_eq!(
            super::files(crate::language::Lang::Kk).lang,
            crate::language::Lang::Ru
        );
    }

    #[test]
    fn words_skip_comments_and_blanks() {
        let got: Vec<&str> = words(
            "# list

 г 
ул
",
        )
        .collect();
        assert_eq!(got, ["г", "ул"]);
    }

    #[test]
    fn rows_skip_comments_and_split_columns() {
        let got: Vec<[&str; 2]> = rows("t.tsv", "# c\n\nа\tб\nв\tг\n");
        assert_eq!(got, vec![["а", "б"], ["в", "г"]]);
    }

    #[test]
    #[should_panic(expected = "t.tsv line 2: expected 3 columns, got 2")]
    fn a_bad_row_names_the_line() {
        rows::<3>("t.tsv", "а\tб\tв\nг\tд\n");
    }
}
