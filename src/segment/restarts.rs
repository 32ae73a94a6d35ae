//! Numbered lists pasted from Word into a web page, whose numbers the page lost.
//!
//! Word's multi-level list («1.», «1.1.», «2.», «2.1.») saved as HTML becomes nested `<ol>`
//! elements, and every section a new `<ol>`: the browser numbers each list from 1 and shows an
//! item of a list nested in a list with both markers. The visitor's copy reads
//!
//! ```text
//! 1. Общие положения
//! 1. 1. Настоящая политика …
//! 2. Настоящая Политика устанавливает …
//! 1. Основные понятия
//! 1. В целях настоящей Политики используются следующие основные понятия:
//! 4. Принципы обработки персональных данных
//! ```
//!
//! where the author wrote 1, 1.1, 1.2, 2, 2.1, 4. A text that carries the signature of such a
//! list, a double marker «N. M.» at the start of the line after a section heading, gets its
//! numbers back: the double marker is sub-clause M of that section, the numbers that continue
//! it are its siblings, a «1.» that restarts the count is the next section when it reads as a
//! heading and the first sub-clause of a section just opened when it does not. A double marker
//! of one number twice anywhere else («2. 2. Цели обработки» above «2.1.»: the list's marker and
//! the typed number) is one clause number. A text without a double marker is left as it is.

use super::lines::ClauseStart;
use super::Line;

/// A second marker right after the first: «1. 1. Текст» → (its number, bytes to skip).
fn second_marker(body: &str) -> Option<(u32, usize)> {
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 || body.starts_with('0') {
        return None;
    }
    let rest = body[digits..].strip_prefix(". ")?;
    let text = rest.trim_start_matches(' ');
    text.starts_with(|c: char| c.is_uppercase() || matches!(c, '«' | '"'))
        .then(|| (body[..digits].parse().ok(), body.len() - text.len()))
        .and_then(|(n, skip)| n.map(|n| (n, skip)))
}

/// A short line without the punctuation of a sentence or a lead-in: a section heading.
fn reads_as_heading(body: &str) -> bool {
    let b = body.trim();
    !b.is_empty()
        && b.chars().count() <= 100
        && !b.ends_with(['.', ':', ';', ','])
        && b.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// One-component clause numbers of the lines, for the repair below.
fn single(s: &ClauseStart) -> Option<u32> {
    (s.depth == 1 && !s.chapter)
        .then(|| s.number.parse().ok())
        .flatten()
}

/// Give back the numbers of a Word list whose nesting the page flattened (see the module
/// documentation). `lines[i]` is the line `starts[i]` was read from. Returns how
/// many clause numbers were changed.
pub(super) fn repair(lines: &[Line], starts: &mut [Option<ClauseStart>]) -> usize {
    let double = |i: usize, s: &ClauseStart| second_marker(&lines[i].text[s.body_offset..]);
    let signed = starts.iter().enumerate().any(|(i, s)| {
        s.as_ref()
            .is_some_and(|s| single(s).is_some() && double(i, s).is_some())
    });
    if !signed {
        return 0;
    }
    let mut changed = 0;
    // The current section, the last sub-clause number in it (when its sub-clauses are a
    // flattened list), and whether the section was opened by the line before.
    let mut top = 0u32;
    let mut sub: Option<u32> = None;
    let mut just_opened = false;
    // A double marker nested under a section was seen: the list's numbers were flattened.
    let mut nested = false;
    for i in 0..starts.len() {
        let Some(s) = starts[i].as_mut() else {
            continue;
        };
        let Some(n) = single(s) else {
            // «4.1.» and deeper are written in full: they set the section.
            if let Some(first) = s.number.split('.').next().and_then(|f| f.parse().ok()) {
                top = first;
            }
            sub = None;
            just_opened = false;
            continue;
        };
        let body = &lines[i].text[s.body_offset..];
        let renumber = |s: &mut ClauseStart, number: String, skip: usize| {
            s.depth = number.split('.').count();
            s.number = number;
            s.body_offset += skip;
        };
        let double = double(i, s);
        if let (Some((m, skip)), true) = (double, just_opened && top > 0) {
            // «1. 1.» under the section opened by the line above: its first sub-clause.
            renumber(s, format!("{top}.{m}"), skip);
            changed += 1;
            nested = true;
            sub = Some(m);
            just_opened = false;
        } else if let Some((_, skip)) = double.filter(|&(m, _)| m == n) {
            // «2. 2. Цели …»: the number typed after the list's own marker; one number.
            s.body_offset += skip;
            top = n;
            sub = None;
            just_opened = reads_as_heading(&lines[i].text[s.body_offset..]);
        } else if !nested || double.is_some() {
            top = n;
            sub = None;
            just_opened = reads_as_heading(body);
        } else if sub.is_some_and(|last| n == last + 1) && !reads_as_heading(body) {
            renumber(s, format!("{top}.{n}"), 0);
            changed += 1;
            sub = Some(n);
        } else if n == 1 && top > 0 && just_opened && !reads_as_heading(body) {
            renumber(s, format!("{top}.1"), 0);
            changed += 1;
            sub = Some(1);
            just_opened = false;
        } else if n <= top && reads_as_heading(body) {
            // A heading whose list restarted: the next section.
            top += 1;
            renumber(s, top.to_string(), 0);
            changed += 1;
            sub = None;
            just_opened = true;
        } else {
            top = n;
            sub = None;
            just_opened = reads_as_heading(body);
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::lines::clause_start;

    fn numbers(text: &str) -> Vec<String> {
        let lines: Vec<Line> = text.lines().map(|text| Line { start: 0, text }).collect();
        let mut starts: Vec<Option<ClauseStart>> =
            lines.iter().map(|l| clause_start(l.text)).collect();
        repair(&lines, &mut starts);
        starts.into_iter().flatten().map(|s| s.number).collect()
    }

    #[test]
    fn a_flattened_word_list_gets_its_numbers_back() {
        let text = "1. Общие положения\n\
            1. 1. Настоящая политика разработана в целях исполнения закона.\n\
            2. Настоящая Политика устанавливает единые цели.\n\
            3. Действие настоящей Политики распространяется на все процессы.\n\
            1. Основные понятия\n\
            1. В целях настоящей Политики используются следующие основные понятия:\n\
            - Персональные данные – любая информация;\n\
            1. Цели обработки персональных данных\n\
            1. Обработка персональных данных Клиентов осуществляется в следующих целях:\n\
            4. Принципы обработки персональных данных\n\
            4.1. Обработка персональных данных осуществляется на основе принципов:\n\
            5. Обрабатываемые персональные данные\n\
            5.1. Оператор обрабатывает следующие данные:\n";
        assert_eq!(
            numbers(text),
            ["1", "1.1", "1.2", "1.3", "2", "2.1", "3", "3.1", "4", "4.1", "5", "5.1"]
        );
    }

    #[test]
    fn the_body_starts_after_both_markers() {
        let text = "1. Общие положения\n1. 1. Настоящая политика";
        let lines: Vec<Line> = text.lines().map(|text| Line { start: 0, text }).collect();
        let mut starts: Vec<Option<ClauseStart>> =
            lines.iter().map(|l| clause_start(l.text)).collect();
        repair(&lines, &mut starts);
        let s = starts[1].as_ref().unwrap();
        assert_eq!((s.number.as_str(), s.depth), ("1.1", 2));
        assert_eq!(&lines[1].text[s.body_offset..], "Настоящая политика");
    }

    #[test]
    fn a_typed_number_after_the_lists_marker_is_one_number() {
        let text = "1. 1. Персональная информация пользователей\n\
            1.1. В рамках настоящей Политики под персональной информацией понимается:\n\
            1.2. Администрация не проверяет достоверность информации.\n\
            2. 2. Цели обработки персональной информации пользователя.\n\
            2.1. Администрация собирает только ту информацию, которая необходима.\n\
            1. Первая цель обработки.\n";
        assert_eq!(numbers(text), ["1", "1.1", "1.2", "2", "2.1", "1"]);
        let line = "2. 2. Цели обработки";
        let mut starts = vec![clause_start(line)];
        repair(
            &[Line {
                start: 0,
                text: line,
            }],
            &mut starts,
        );
        let s = starts[0].as_ref().unwrap();
        assert_eq!(
            (s.number.as_str(), &line[s.body_offset..]),
            ("2", "Цели обработки")
        );
    }

    #[test]
    fn a_text_without_a_double_marker_is_left_alone() {
        let text = "1. Общие положения\n1.1. Текст.\n2. Цели\n1. Первая цель.\n2. Вторая цель.\n";
        assert_eq!(numbers(text), ["1", "1.1", "2", "1", "2"]);
        // a date or a sum after a number is no second marker
        for line in ["1. 12. марта", "1. 5. руб", "1. 1.5 раза", "1. 01. Текст"] {
            let s = clause_start(line).unwrap();
            assert!(second_marker(&line[s.body_offset..]).is_none(), "{line}");
        }
    }
}
