//! Russian personal names: recognising a full name (ФИО) in running text and putting it in the
//! nominative whatever case the text uses.
//!
//! Patronymics are handled fully by rule, first names through a list of common names
//! (`data/lexicon/first_names.tsv`, every case form generated here), surnames by their ending using
//! the gender and case read from the patronymic or the first name. Indeclinable surnames (-ко, -их,
//! -ых, foreign vowel endings, a woman's consonant-ending surname) stay as written.

use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// Grammatical cases as a bit set (a form can be ambiguous: -а is genitive or accusative).
pub type Cases = u8;
pub const NOM: Cases = 1;
pub const GEN: Cases = 2;
pub const DAT: Cases = 4;
pub const ACC: Cases = 8;
pub const INS: Cases = 16;
pub const PRE: Cases = 32;

/// A name word analysed: its nominative, gender and the cases the written form can be.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub nominative: String,
    pub gender: Gender,
    pub cases: Cases,
}

static FIRST_NAMES: LazyLock<HashMap<String, Vec<Analysis>>> = LazyLock::new(|| {
    let mut map: HashMap<String, Vec<Analysis>> = HashMap::new();
    for line in include_str!("../../data/lexicon/first_names.tsv").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // name, gender, and for a fleeting vowel the stem of the other cases (Павел → Павл)
        let mut parts = line.split('\t').map(str::trim);
        let (Some(name), Some(g)) = (parts.next(), parts.next()) else {
            panic!("first_names.tsv: bad line {line:?}");
        };
        let oblique = parts.next();
        let gender = if g == "f" {
            Gender::Female
        } else {
            Gender::Male
        };
        for (form, cases) in first_name_forms(name, gender, oblique) {
            map.entry(form.to_lowercase()).or_default().push(Analysis {
                nominative: name.to_string(),
                gender,
                cases,
            });
        }
    }
    map
});

fn ends_hushing_or_velar(stem: &str) -> bool {
    matches!(
        stem.chars().last(),
        Some('г' | 'к' | 'х' | 'ж' | 'ш' | 'ч' | 'щ')
    )
}

/// Every case form of a first name in the nominative (regular noun declension).
fn first_name_forms(name: &str, gender: Gender, oblique: Option<&str>) -> Vec<(String, Cases)> {
    let mut v = vec![(name.to_string(), NOM)];
    let cut = |n: usize| name[..name.len() - n].to_string();
    if let Some(stem) = name.strip_suffix("ия") {
        // Мария, Ксения, Анастасия
        v.push((format!("{stem}ии"), GEN | DAT | PRE));
        v.push((format!("{stem}ию"), ACC));
        v.push((format!("{stem}ией"), INS));
    } else if name.ends_with('я') {
        let stem = cut('я'.len_utf8());
        v.push((format!("{stem}и"), GEN));
        v.push((format!("{stem}е"), DAT | PRE));
        v.push((format!("{stem}ю"), ACC));
        v.push((format!("{stem}ей"), INS));
    } else if name.ends_with('а') {
        let stem = cut('а'.len_utf8());
        let gen = if ends_hushing_or_velar(&stem) {
            "и"
        } else {
            "ы"
        };
        let ins = if matches!(stem.chars().last(), Some('ж' | 'ш' | 'ч' | 'щ' | 'ц')) {
            "ей"
        } else {
            "ой"
        };
        v.push((format!("{stem}{gen}"), GEN));
        v.push((format!("{stem}е"), DAT | PRE));
        v.push((format!("{stem}у"), ACC));
        v.push((format!("{stem}{ins}"), INS));
    } else if gender == Gender::Female {
        if name.ends_with('ь') {
            // Любовь: Любови, Любовью
            let stem = cut('ь'.len_utf8());
            v.push((format!("{stem}и"), GEN | DAT | PRE));
            v.push((format!("{stem}ью"), INS));
        }
        // other female names (Жанар, Нелли) do not decline
    } else if let Some(stem) = name.strip_suffix("ий") {
        // Дмитрий, Юрий
        v.push((format!("{stem}ия"), GEN | ACC));
        v.push((format!("{stem}ию"), DAT));
        v.push((format!("{stem}ием"), INS));
        v.push((format!("{stem}ии"), PRE));
    } else if name.ends_with('й') || name.ends_with('ь') {
        // Андрей, Игорь
        let stem = cut(2);
        v.push((format!("{stem}я"), GEN | ACC));
        v.push((format!("{stem}ю"), DAT));
        v.push((format!("{stem}ем"), INS));
        v.push((format!("{stem}е"), PRE));
    } else {
        // Иван, Даниил; a fleeting vowel (Пётр → Петра, Павел → Павла, Лев → Льва) comes from
        // the lexicon's third column
        let stem = oblique.unwrap_or(name).to_string();
        let ins = if matches!(stem.chars().last(), Some('ж' | 'ш' | 'ч' | 'щ' | 'ц')) {
            "ем"
        } else {
            "ом"
        };
        v.push((format!("{stem}а"), GEN | ACC));
        v.push((format!("{stem}у"), DAT));
        v.push((format!("{stem}{ins}"), INS));
        v.push((format!("{stem}е"), PRE));
    }
    v
}

/// A first name from the list, in whatever case it is written.
pub fn first_name(word: &str) -> Vec<Analysis> {
    let lower = word.to_lowercase();
    match FIRST_NAMES.get(&lower) {
        Some(v) => v
            .iter()
            .map(|a| Analysis {
                nominative: recase(word, &a.nominative),
                ..a.clone()
            })
            .collect(),
        None => Vec::new(),
    }
}

/// Keep the letter case of the written word (ИВАНОВ stays upper case).
fn recase(written: &str, nominative: &str) -> String {
    if written.chars().count() > 1 && written.chars().all(|c| !c.is_lowercase()) {
        nominative.to_uppercase()
    } else {
        nominative.to_string()
    }
}

const MALE_PATRONYMIC_ENDINGS: &[(&str, Cases)] = &[
    ("", NOM),
    ("а", GEN | ACC),
    ("у", DAT),
    ("ем", INS),
    ("е", PRE),
];
const FEMALE_PATRONYMIC_ENDINGS: &[(&str, Cases)] = &[
    ("а", NOM),
    ("ы", GEN),
    ("е", DAT | PRE),
    ("у", ACC),
    ("ой", INS),
    ("ою", INS),
];
const MALE_PATRONYMIC_STEMS: &[&str] = &[
    "ович",
    "евич",
    "ёвич",
    "ьич",
    "Кузьмич",
    "Лукич",
    "Фомич",
    "Никитич",
    "Саввич",
];
const FEMALE_PATRONYMIC_STEMS: &[&str] = &["овн", "евн", "ёвн", "ичн"];

/// A patronymic (-ович, -евна, -ична, ... in any case).
pub fn patronymic(word: &str) -> Option<Analysis> {
    let lower = word.to_lowercase();
    if lower.chars().count() < 5 {
        return None;
    }
    for (end, cases) in MALE_PATRONYMIC_ENDINGS.iter().rev() {
        if let Some(stem) = lower.strip_suffix(end) {
            if MALE_PATRONYMIC_STEMS
                .iter()
                .any(|s| stem.ends_with(&s.to_lowercase()))
            {
                let keep = word.chars().count() - end.chars().count();
                let nom: String = word.chars().take(keep).collect();
                return Some(Analysis {
                    nominative: nom,
                    gender: Gender::Male,
                    cases: *cases,
                });
            }
        }
    }
    for (end, cases) in FEMALE_PATRONYMIC_ENDINGS.iter() {
        if let Some(stem) = lower.strip_suffix(end) {
            if FEMALE_PATRONYMIC_STEMS.iter().any(|s| stem.ends_with(s)) {
                let keep = word.chars().count() - end.chars().count();
                let stem: String = word.chars().take(keep).collect();
                return Some(Analysis {
                    nominative: recase(word, &format!("{stem}а")),
                    gender: Gender::Female,
                    cases: *cases,
                });
            }
        }
    }
    None
}

fn is_vowel(c: char) -> bool {
    "аеёиоуыэюяaeiouy".contains(c)
}

/// Surname in the nominative, given the gender and the cases read from the other parts of the
/// name. `cases == 0` means unknown: only unambiguous oblique endings are undone then.
pub fn surname_nominative(word: &str, gender: Option<Gender>, cases: Cases) -> String {
    let lower = word.to_lowercase();
    let out = surname_rule(&lower, gender, cases);
    match out {
        Some((cut, add)) => {
            let keep = word.chars().count() - cut;
            let stem: String = word.chars().take(keep).collect();
            let add = if word.chars().count() > 1 && word.chars().all(|c| !c.is_lowercase()) {
                add.to_uppercase()
            } else {
                add.to_string()
            };
            format!("{stem}{add}")
        }
        None => word.to_string(),
    }
}

/// (chars to cut, suffix to add) turning an oblique surname into the nominative.
fn surname_rule(w: &str, gender: Option<Gender>, cases: Cases) -> Option<(usize, &'static str)> {
    // indeclinable whatever the case
    const INDECL: &[&str] = &["ко", "их", "ых", "аго", "яго", "ово"];
    if INDECL.iter().any(|e| w.ends_with(e)) {
        return None;
    }
    let last = w.chars().last()?;
    let prev = w.chars().rev().nth(1).unwrap_or(' ');
    const OV: &[&str] = &["ов", "ев", "ёв", "ин", "ын"];
    let ov_before = |n: usize| {
        let chars: Vec<char> = w.chars().collect();
        if chars.len() < n + 3 {
            return false;
        }
        let stem: String = chars[..chars.len() - n].iter().collect();
        OV.iter().any(|e| stem.ends_with(e))
    };
    if cases == 0 {
        // unknown case: only endings that cannot be a nominative
        if w.ends_with("ским") || w.ends_with("цким") {
            return Some((2, "ий"));
        }
        if w.ends_with("ым") && ov_before(2) {
            return Some((2, ""));
        }
        return None;
    }
    if cases & NOM != 0 {
        return None;
    }
    match gender {
        Some(Gender::Female) => {
            if w.ends_with("ской") || w.ends_with("цкой") {
                return Some((2, "ая"));
            }
            if w.ends_with("скую") || w.ends_with("цкую") {
                return Some((2, "ая"));
            }
            if w.ends_with("ой") && ov_before(2) {
                return Some((2, "а"));
            }
            if w.ends_with('у') && ov_before(1) {
                return Some((1, "а"));
            }
            if w.ends_with("ой") && cases & (GEN | DAT | INS | PRE) != 0 {
                // adjectival: Толстой → Толстая
                return Some((2, "ая"));
            }
            if w.ends_with("ую") && cases & ACC != 0 {
                return Some((2, "ая"));
            }
            None
        }
        _ => {
            // masculine (or unknown gender with a known case)
            if cases & (GEN | ACC) != 0 {
                if w.ends_with("ского") || w.ends_with("цкого") {
                    return Some((3, "ий"));
                }
                if w.ends_with("ого") {
                    return Some((3, "ой"));
                }
                if w.ends_with("его") {
                    return Some((3, "ий"));
                }
                if last == 'а' && !is_vowel(prev) {
                    return Some((1, ""));
                }
                if last == 'я' {
                    return Some((1, if is_vowel(prev) { "й" } else { "ь" }));
                }
            }
            if cases & DAT != 0 {
                if w.ends_with("скому") || w.ends_with("цкому") {
                    return Some((3, "ий"));
                }
                if w.ends_with("ому") {
                    return Some((3, "ой"));
                }
                if w.ends_with("ему") {
                    return Some((3, "ий"));
                }
                if last == 'у' && !is_vowel(prev) {
                    return Some((1, ""));
                }
                if last == 'ю' {
                    return Some((1, if is_vowel(prev) { "й" } else { "ь" }));
                }
            }
            if cases & INS != 0 {
                if w.ends_with("ским") || w.ends_with("цким") {
                    return Some((2, "ий"));
                }
                if w.ends_with("ым") && ov_before(2) {
                    return Some((2, ""));
                }
                if w.ends_with("ым") {
                    return Some((2, "ой"));
                }
                if w.ends_with("ом") && !is_vowel(w.chars().rev().nth(2).unwrap_or('а')) {
                    return Some((2, ""));
                }
                if w.ends_with("ем") {
                    let p = w.chars().rev().nth(2).unwrap_or('а');
                    return Some(match p {
                        'ж' | 'ш' | 'ч' | 'щ' | 'ц' => (2, ""),
                        p if is_vowel(p) => (2, "й"),
                        _ => (2, "ь"),
                    });
                }
            }
            if cases & PRE != 0 {
                if w.ends_with("ском") || w.ends_with("цком") {
                    return Some((2, "ий"));
                }
                if last == 'е' && !is_vowel(prev) {
                    return Some((1, ""));
                }
            }
            None
        }
    }
}

/// A person's name found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Fio {
    /// Byte length of the match from where parsing started (after leading spaces).
    pub len: usize,
    /// Byte offset of the first name token relative to where parsing started.
    pub offset: usize,
    /// The name in the nominative, words in the order written.
    pub nominative: String,
    /// Surname as written and in the nominative.
    pub surname: String,
    /// First letters of the first name and patronymic ("АА"), upper case.
    pub initials: String,
    /// True when first name and patronymic are written out (not initials).
    pub full: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    Word(&'a str),
    Initial(char),
}

/// Tokens of a possible name: capitalised words and initials ("А." / "А.А."), with their byte end.
fn name_tokens(s: &str, max: usize) -> Vec<(Tok<'_>, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    let b = s.as_bytes();
    while out.len() < max {
        // skip spaces (not line breaks: a name does not continue on the next line)
        while i < s.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        if s[i..].starts_with('\u{a0}') {
            i += '\u{a0}'.len_utf8();
            continue;
        }
        let rest = &s[i..];
        let mut chars = rest.char_indices();
        let Some((_, c0)) = chars.next() else { break };
        if !(c0.is_uppercase() && is_cyr(c0)) {
            break;
        }
        // initial: one capital letter and a dot
        let c0l = c0.len_utf8();
        if rest[c0l..].starts_with('.') {
            out.push((Tok::Initial(c0), i, i + c0l + 1));
            i += c0l + 1;
            continue;
        }
        // word: capital + lower-case letters, optional -Part
        let mut end = c0l;
        let mut lower = 0;
        let mut prev_hyphen = false;
        for (j, c) in rest[c0l..].char_indices() {
            let j = j + c0l;
            if c.is_lowercase() && is_cyr(c) {
                lower += 1;
                prev_hyphen = false;
                end = j + c.len_utf8();
            } else if c == '-' && !prev_hyphen && lower > 0 {
                prev_hyphen = true;
            } else if prev_hyphen && c.is_uppercase() && is_cyr(c) {
                prev_hyphen = false;
                end = j + c.len_utf8();
            } else {
                break;
            }
        }
        if lower < 1 {
            break;
        }
        out.push((Tok::Word(&rest[..end]), i, i + end));
        i += end;
    }
    out
}

/// True when `text[start..end]` is not glued to a letter or digit on either side (the regex
/// crate's Unicode `\b` would force the slow engines on Cyrillic text, so boundaries are checked
/// here instead).
pub fn bounded(text: &str, start: usize, end: usize) -> bool {
    word_starts(text, start) && word_ends(text, end)
}

/// No letter or digit right before `i`.
pub fn word_starts(text: &str, i: usize) -> bool {
    !text[..i]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// No letter or digit right at `i`.
pub fn word_ends(text: &str, i: usize) -> bool {
    !text[i..].chars().next().is_some_and(char::is_alphanumeric)
}

fn is_cyr(c: char) -> bool {
    matches!(c, 'А'..='я' | 'Ё' | 'ё')
}

/// Parse a person's full name at the start of `s` (leading spaces allowed): "Фамилия Имя Отчество"
/// (any case), "Имя Отчество Фамилия", "Фамилия И. О.", "И.О. Фамилия", and — only when
/// `allow_two` — "Фамилия Имя" with a listed first name.
pub fn parse_fio(s: &str, allow_two: bool) -> Option<Fio> {
    let toks = name_tokens(s, 3);
    let word = |k: usize| match toks.get(k) {
        Some((Tok::Word(w), _, _)) => Some(*w),
        _ => None,
    };
    let initial = |k: usize| match toks.get(k) {
        Some((Tok::Initial(c), _, _)) => Some(*c),
        _ => None,
    };
    let first_letter = |w: &str| w.chars().next().unwrap_or(' ').to_uppercase().to_string();

    // Фамилия Имя Отчество
    if let (Some(w0), Some(w1), Some(w2)) = (word(0), word(1), word(2)) {
        if let Some(p) = patronymic(w2) {
            let first = pick_first(w1, p.gender, p.cases);
            let sur = surname_nominative(w0, Some(p.gender), p.cases);
            return Some(Fio {
                offset: toks[0].1,
                len: toks[2].2,
                nominative: format!("{sur} {first} {}", p.nominative),
                initials: format!("{}{}", first_letter(w1), first_letter(w2)),
                surname: sur,
                full: true,
            });
        }
        // Имя Отчество Фамилия
        if let Some(p) = patronymic(w1) {
            if !first_name(w0).is_empty() {
                let first = pick_first(w0, p.gender, p.cases);
                let sur = surname_nominative(w2, Some(p.gender), p.cases);
                return Some(Fio {
                    offset: toks[0].1,
                    len: toks[2].2,
                    nominative: format!("{first} {} {sur}", p.nominative),
                    initials: format!("{}{}", first_letter(w0), first_letter(w1)),
                    surname: sur,
                    full: true,
                });
            }
        }
    }
    // Фамилия И. О. / Фамилия И.
    if let (Some(w0), Some(i1)) = (word(0), initial(1)) {
        if patronymic(w0).is_none() {
            let (end, inits) = match initial(2) {
                Some(i2) => (toks[2].2, format!("{i1}{i2}")),
                None => (toks[1].2, i1.to_string()),
            };
            let written = &s[toks[1].1..end];
            let sur = surname_nominative(w0, None, 0);
            return Some(Fio {
                offset: toks[0].1,
                len: end,
                nominative: format!("{sur} {written}"),
                initials: inits,
                surname: sur,
                full: false,
            });
        }
    }
    // И. О. Фамилия
    if let (Some(i0), Some(i1), Some(w2)) = (initial(0), initial(1), word(2)) {
        let written = &s[toks[0].1..toks[1].2];
        let sur = surname_nominative(w2, None, 0);
        return Some(Fio {
            offset: toks[0].1,
            len: toks[2].2,
            nominative: format!("{written} {sur}"),
            initials: format!("{i0}{i1}"),
            surname: sur,
            full: false,
        });
    }
    // Фамилия Имя
    if allow_two {
        if let (Some(w0), Some(w1)) = (word(0), word(1)) {
            let an = first_name(w1);
            if let Some(a) = an.first() {
                let sur = surname_nominative(w0, Some(a.gender), a.cases);
                return Some(Fio {
                    offset: toks[0].1,
                    len: toks[1].2,
                    nominative: format!("{sur} {}", a.nominative),
                    initials: first_letter(w1),
                    surname: sur,
                    full: true,
                });
            }
        }
    }
    None
}

/// The first name in the nominative, agreeing with the patronymic's gender and case.
fn pick_first(word: &str, gender: Gender, cases: Cases) -> String {
    let an = first_name(word);
    if let Some(a) = an
        .iter()
        .find(|a| a.gender == gender && a.cases & cases != 0)
        .or_else(|| an.iter().find(|a| a.gender == gender))
    {
        return a.nominative.clone();
    }
    if cases & NOM != 0 {
        return word.to_string();
    }
    // unknown name: undo the regular endings
    guess_first(word, gender, cases)
}

fn guess_first(word: &str, gender: Gender, cases: Cases) -> String {
    let w = word.to_lowercase();
    let n = word.chars().count();
    let take = |k: usize| word.chars().take(n - k).collect::<String>();
    match gender {
        Gender::Female => {
            if w.ends_with("ией") || w.ends_with("ию") {
                let k = if w.ends_with("ией") { 2 } else { 1 };
                format!("{}я", take(k))
            } else if (w.ends_with("ой") || w.ends_with("ей")) && cases & INS != 0 {
                format!("{}а", take(2))
            } else if (w.ends_with('у') || w.ends_with('ы') || w.ends_with('е') || w.ends_with('и'))
                && cases & (GEN | DAT | ACC | PRE) != 0
            {
                format!("{}а", take(1))
            } else {
                word.to_string()
            }
        }
        Gender::Male => {
            if w.ends_with("ом") && cases & INS != 0 {
                take(2)
            } else if (w.ends_with('а') || w.ends_with('у') || w.ends_with('е'))
                && cases & (GEN | ACC | DAT | PRE) != 0
            {
                take(1)
            } else {
                word.to_string()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn puts_full_names_in_the_nominative() {
        let cases = [
            // seed 000
            ("Лукашенко Игорю Игоревичу", "Лукашенко Игорь Игоревич"),
            ("Осинцевым Юрием Витальевичем", "Осинцев Юрий Витальевич"),
            (
                "Шивановой Валентиной Александровной",
                "Шиванова Валентина Александровна",
            ),
            ("Семёнова Даниила Алексеевича", "Семёнов Даниил Алексеевич"),
            (
                "Семёновым Даниилом Алексеевичем",
                "Семёнов Даниил Алексеевич",
            ),
            ("Ледовских Ксенией Андреевной", "Ледовских Ксения Андреевна"),
            ("Мельниковой Ольгой Павловной", "Мельникова Ольга Павловна"),
            ("Чикин Дмитрий Сергеевич", "Чикин Дмитрий Сергеевич"),
            (
                "Волконская Анжелика Николаевна",
                "Волконская Анжелика Николаевна",
            ),
            (
                "Волконской Анжеликой Николаевной",
                "Волконская Анжелика Николаевна",
            ),
            (
                "Марандюка Анатолия Викторовича",
                "Марандюк Анатолий Викторович",
            ),
            // fleeting vowels (held-out h09: «ИП Сидорова Павла Андреевича»)
            ("Сидорова Павла Андреевича", "Сидоров Павел Андреевич"),
            ("Сидоровым Павлом Андреевичем", "Сидоров Павел Андреевич"),
            ("Толстому Льву Николаевичу", "Толстой Лев Николаевич"),
            ("Петрова Петра Петровича", "Петров Пётр Петрович"),
            (
                "Марандюком Анатолием Викторовичем",
                "Марандюк Анатолий Викторович",
            ),
            ("Вишневскому Петру Ильичу", "Вишневский Пётр Ильич"),
            ("Гоголем Николаем Васильевичем", "Гоголь Николай Васильевич"),
            ("Иванову Марию Петровну", "Иванова Мария Петровна"),
            ("Игорем Игоревичем Петровым", "Игорь Игоревич Петров"),
            ("Кузьминой Любовью Ильиничной", "Кузьмина Любовь Ильинична"),
        ];
        for (text, want) in cases {
            let fio = parse_fio(text, false).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(fio.nominative, want, "{text}");
            assert_eq!(fio.len, text.len(), "{text}");
        }
    }

    #[test]
    fn keeps_initials_and_indeclinable_surnames() {
        let fio = parse_fio("Албу В. Г., ИНН", false).unwrap();
        assert_eq!(fio.nominative, "Албу В. Г.");
        assert_eq!(fio.initials, "ВГ");
        assert!(!fio.full);
        let fio = parse_fio("Кособоков А.А., ИНН 540409814223.", false).unwrap();
        assert_eq!(fio.nominative, "Кособоков А.А.");
        assert_eq!(fio.surname, "Кособоков");
        let fio = parse_fio("Галанов А. О.)", false).unwrap();
        assert_eq!(fio.initials, "АО");
    }

    #[test]
    fn rejects_what_is_not_a_name() {
        assert!(parse_fio("Политика конфиденциальности", false).is_none());
        assert!(parse_fio("ИП Карпов", false).is_none());
        assert!(parse_fio("Сервис Baloons.pro", true).is_none());
        assert!(patronymic("Трансграничная").is_none());
        // two words only with a listed first name, and only when allowed
        assert!(parse_fio("Петров Иван", false).is_none());
        assert_eq!(
            parse_fio("Петровым Иваном", true).unwrap().nominative,
            "Петров Иван"
        );
    }

    #[test]
    fn analyses_patronymics_in_every_case() {
        let p = patronymic("Алексеевича").unwrap();
        assert_eq!(
            (p.nominative.as_str(), p.gender, p.cases),
            ("Алексеевич", Gender::Male, GEN | ACC)
        );
        let p = patronymic("Андреевной").unwrap();
        assert_eq!(
            (p.nominative.as_str(), p.gender, p.cases),
            ("Андреевна", Gender::Female, INS)
        );
        assert_eq!(patronymic("Ильичу").unwrap().nominative, "Ильич");
        assert_eq!(patronymic("Фоминичне").unwrap().nominative, "Фоминична");
    }
}
