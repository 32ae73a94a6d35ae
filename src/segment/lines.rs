//! Line classification: does a line open a numbered clause, a list item, or neither?
//!
//! Everything here looks at one line of the canonical text at a time and never allocates
//! except for the clause number string.

/// A line that opens a numbered clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClauseStart {
    /// "1.2.3" without trailing dot.
    pub number: String,
    /// 1 for "3", 2 for "3.1", …
    pub depth: usize,
    /// Byte offset (within the line) where the clause text starts, after the number, its dot
    /// and the spaces that follow.
    pub body_offset: usize,
    /// Opened by "Глава N" / "Раздел N".
    pub chapter: bool,
}

/// A line that opens a list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemStart {
    /// The marker as written ("-", "—", "•", "1)", "а)").
    pub marker: String,
    /// Byte offset (within the line) where the item text starts.
    pub body_offset: usize,
}

/// Bullet glyphs, with the leftovers of lists pasted from Word: its Symbol/Wingdings-font
/// bullets land in the private use area (U+F0B7 , U+F0A7 , U+F0D8 , U+F0FC , U+F076 ,
/// U+F0A8 ), and `o`, `➢`, `§`, `❖`, `✓` are its other default markers. Pasted without the
/// font, the Wingdings arrow and check mark show as the Latin letters `Ø` and `ü`.
const BULLETS: &[char] = &[
    '•', '●', '▪', '◦', '·', '∙', '‣', '-', '–', '—', '*', '○', '■', '□', '\u{F0B7}', '\u{F0A7}',
    '\u{F0D8}', '\u{F0FC}', '\u{F076}', '\u{F0A8}', '➢', '➤', '►', '❖', '◆', '♦', '✓', '✔', '§',
    'o', 'Ø', 'ü',
];

/// The bullets that are letters too: a marker only before a Cyrillic word («o имя», not «o you»).
const LETTER_BULLETS: &[char] = &['o', 'Ø', 'ü'];
const CHAPTER_WORDS: &[&str] = &["Глава", "ГЛАВА", "Раздел", "РАЗДЕЛ"];

/// Skip a leading bullet glyph and the spaces after it; returns the byte offset after them.
fn skip_bullet(line: &str) -> Option<usize> {
    let first = line.chars().next()?;
    if !BULLETS.contains(&first) {
        return None;
    }
    let after = first.len_utf8();
    let rest = &line[after..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    // Word's `o` bullet is a Latin letter: a marker only before a Cyrillic word («o имя»).
    if LETTER_BULLETS.contains(&first)
        && !rest[spaces..].starts_with(|c: char| matches!(c, 'А'..='я' | 'ё' | 'Ё'))
    {
        return None;
    }
    // "-5%" or "—" alone is not a bullet; a bullet is followed by white space.
    (spaces > 0).then_some(after + spaces)
}

/// Parse a clause number at the start of `line` ("1.", "1.2", "2.3.Настоящая", "Глава 3.",
/// "• 2.1. Право"). Dates, versions, postal codes, sums, `1)` items and bare badge numbers are
/// rejected.
pub fn clause_start(line: &str) -> Option<ClauseStart> {
    let mut pos = 0;
    let line_t = line.trim_start_matches('\t');
    pos += line.len() - line_t.len();
    if let Some(b) = skip_bullet(&line[pos..]) {
        pos += b;
    }
    let mut chapter = false;
    for w in CHAPTER_WORDS {
        if let Some(rest) = line[pos..].strip_prefix(w) {
            let trimmed = rest.trim_start_matches(' ');
            if trimmed.len() < rest.len() {
                pos += w.len() + (rest.len() - trimmed.len());
                chapter = true;
                break;
            }
        }
    }
    if let Some(start) = roman_start(&line[pos..], chapter) {
        return Some(ClauseStart {
            body_offset: pos + start.body_offset,
            chapter,
            ..start
        });
    }
    let bytes = line.as_bytes();
    let num_start = pos;
    let mut components = 0usize;
    let mut trailing_dot = false;
    loop {
        let start = pos;
        while pos < bytes.len() && bytes[pos].is_ascii_digit() {
            pos += 1;
        }
        let len = pos - start;
        // 1–2 digits, no leading zero ("06.10.2025", "0.5", "2025" are not clause numbers).
        if len == 0 || len > 2 || bytes[start] == b'0' {
            return None;
        }
        components += 1;
        if pos < bytes.len() && bytes[pos] == b'.' {
            if pos + 1 < bytes.len() && bytes[pos + 1].is_ascii_digit() {
                pos += 1;
                continue;
            }
            pos += 1;
            trailing_dot = true;
        }
        break;
    }
    let number = &line[num_start..if trailing_dot { pos - 1 } else { pos }];
    let rest = &line[pos..];
    let next = rest.chars().next();
    let accepted = match next {
        None => chapter,
        Some(' ') => trailing_dot || components > 1 || chapter,
        // A TAB after the number is a table row ("1.\tЦель\t…"), unless nothing else follows.
        Some('\t') => (trailing_dot || chapter) && !rest[1..].contains('\t'),
        Some(c) if c.is_uppercase() || matches!(c, '«' | '"' | '“') => trailing_dot,
        Some(_) => false,
    };
    if !accepted {
        return None;
    }
    let body = rest.trim_start_matches([' ', '\t']);
    Some(ClauseStart {
        number: number.to_string(),
        depth: components,
        body_offset: line.len() - body.len(),
        chapter,
    })
}

/// The value of a Roman numeral written in canonical form (`I` … `XXXIX`), else `None`.
pub fn roman_value(s: &str) -> Option<u32> {
    const UNITS: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    let tens = s.bytes().take_while(|&b| b == b'X').count();
    let rest = &s[tens..];
    let unit = UNITS.iter().position(|u| *u == rest)?;
    let v = (tens * 10 + unit) as u32;
    (tens <= 3 && v > 0).then_some(v)
}

/// A top-level section numbered with a Roman numeral: «III. Сбор данных» (a dot, a space and a
/// capital letter), or «Глава II» / «Раздел IV. …» after a chapter word.
fn roman_start(s: &str, chapter: bool) -> Option<ClauseStart> {
    let len = s
        .bytes()
        .take_while(|b| matches!(b, b'I' | b'V' | b'X'))
        .count();
    roman_value(&s[..len])?;
    let rest = &s[len..];
    let (dot, after) = match rest.strip_prefix('.') {
        Some(a) => (true, a),
        None => (false, rest),
    };
    let body = after.trim_start_matches([' ', '\t']);
    let spaced = body.len() < after.len();
    let accepted = if chapter {
        body.is_empty() || spaced || dot
    } else {
        dot && spaced && body.chars().next().is_some_and(char::is_uppercase)
    };
    accepted.then(|| ClauseStart {
        number: s[..len].to_string(),
        depth: 1,
        body_offset: s.len() - body.len(),
        chapter,
    })
}

/// Parse a list-item marker at the start of `line` ("- ", "— ", "• ", "●", "1) ", "а) ").
pub fn item_start(line: &str) -> Option<ItemStart> {
    let trimmed = line.trim_start_matches('\t');
    let lead = line.len() - trimmed.len();
    if let Some(b) = skip_bullet(trimmed) {
        let marker = trimmed[..b].trim_end().to_string();
        return Some(ItemStart {
            marker,
            body_offset: lead + b,
        });
    }
    // "1) ", "12) ", "а) ", "b) "
    let mut chars = trimmed.char_indices();
    let (_, first) = chars.next()?;
    let close = if first.is_ascii_digit() {
        let mut end = None;
        for (i, c) in chars.by_ref() {
            if c.is_ascii_digit() && i < 3 {
                continue;
            }
            if c == ')' {
                end = Some(i);
            }
            break;
        }
        end?
    } else if first.is_lowercase() && first.is_alphabetic() {
        match chars.next() {
            Some((i, ')')) => i,
            _ => return None,
        }
    } else {
        return None;
    };
    let after = &trimmed[close + 1..];
    let body = after.trim_start_matches([' ', '\t']);
    if body.len() == after.len() {
        return None;
    }
    Some(ItemStart {
        marker: trimmed[..close + 1].to_string(),
        body_offset: lead + (trimmed.len() - body.len()),
    })
}

/// True when the text has at least three letters and no lower-case letter ("ОБЩИЕ ПОЛОЖЕНИЯ").
pub fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(line: &str) -> Option<String> {
        clause_start(line).map(|c| c.number)
    }

    #[test]
    fn clause_numbers_at_any_depth() {
        let cases = [
            ("1. ОБЩИЕ ПОЛОЖЕНИЯ", Some("1")),
            ("1.1. Используя Сервис", Some("1.1")),
            ("1.1.1. «Администрация сайта»", Some("1.1.1")),
            ("4.1.12. Иное", Some("4.1.12")),
            ("1.1 Данные, которые мы получаем", Some("1.1")),
            ("5.3 Иная информация", Some("5.3")),
            ("1.2.2 надстройках, времени запроса", Some("1.2.2")),
            ("2.3.Настоящая Политика", Some("2.3")),
            ("10. КОНТАКТЫ", Some("10")),
            ("Глава 3. Цели", Some("3")),
            ("ГЛАВА 1", Some("1")),
            ("Раздел 2. Данные", Some("2")),
            ("• 2.1. Право на доступ", Some("2.1")),
            ("- 3.1. Имя", Some("3.1")),
            ("1.\tОбщие положения", Some("1")),
            ("\u{F0B7}\t2.1. Право на доступ", Some("2.1")),
            ("§ 3. Права субъекта", Some("3")),
            ("\u{F0D8}\t4.2. Удаление", Some("4.2")),
            ("2.1.\tЦели обработки", Some("2.1")),
            ("\t3.\tПрава", Some("3")),
        ];
        for (line, want) in cases {
            assert_eq!(num(line).as_deref(), want, "{line}");
        }
    }

    #[test]
    fn numeric_lookalikes_are_not_clauses() {
        let cases = [
            "06.10.2025 г.",
            "1.10.2025",
            "410000, г. Саратов, ул.Московская, 109",
            "1 000 руб.",
            "1) первый пункт",
            "1",
            "11",
            "1 Общие положения",
            "2025 год",
            "0.5 секунды",
            "1.0.4 версия",
            "15%",
            "1.\tЦель\tДанные",
            "3,5 млн",
            "1.5кг",
        ];
        for line in cases {
            assert_eq!(num(line), None, "{line}");
        }
    }

    #[test]
    fn depth_and_body_offset() {
        let c = clause_start("1.2.3. Текст").unwrap();
        assert_eq!(c.depth, 3);
        assert_eq!(&"1.2.3. Текст"[c.body_offset..], "Текст");
        let c = clause_start("2.3.Настоящая").unwrap();
        assert_eq!(&"2.3.Настоящая"[c.body_offset..], "Настоящая");
        assert!(clause_start("Глава 2. Права").unwrap().chapter);
    }

    #[test]
    fn list_items() {
        let cases = [
            ("- Имя, телефон;", "-", "Имя, телефон;"),
            ("— Отзывать согласие", "—", "Отзывать согласие"),
            ("• электронный адрес", "•", "электронный адрес"),
            ("● пункт", "●", "пункт"),
            ("1) Данные о том", "1)", "Данные о том"),
            ("а) фамилия", "а)", "фамилия"),
            ("\t• номера телефонов", "•", "номера телефонов"),
            // Word-paste leftovers: Symbol-font bullets, `o`, arrows, `§`, a TAB after the marker.
            ("\u{F0B7}\tфамилия, имя", "\u{F0B7}", "фамилия, имя"),
            ("\u{F0A7} адрес", "\u{F0A7}", "адрес"),
            ("\u{F0D8}\tтелефон", "\u{F0D8}", "телефон"),
            ("o\tэлектронная почта", "o", "электронная почта"),
            ("o данные о заказе", "o", "данные о заказе"),
            ("▪ IP-адрес", "▪", "IP-адрес"),
            ("➢ cookie", "➢", "cookie"),
            ("§ условия", "§", "условия"),
            ("1)\tфамилия", "1)", "фамилия"),
            ("\t\u{F0B7}\tимя", "\u{F0B7}", "имя"),
            ("\u{F0FC}\tсогласие", "\u{F0FC}", "согласие"),
            ("\u{F076} cookie-файлы", "\u{F076}", "cookie-файлы"),
            ("\u{F0A8}\tпаспорт", "\u{F0A8}", "паспорт"),
            ("❖ имя", "❖", "имя"),
            ("✓\tтелефон", "✓", "телефон"),
            ("Ø\tадрес доставки", "Ø", "адрес доставки"),
            ("ü согласие", "ü", "согласие"),
            ("а)\tфамилия", "а)", "фамилия"),
            ("12)\tиное", "12)", "иное"),
            ("-\tимя", "-", "имя"),
        ];
        for (line, marker, body) in cases {
            let it = item_start(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(it.marker, marker);
            assert_eq!(&line[it.body_offset..], body);
        }
        for line in [
            "-5% скидка",
            "Текст",
            "1.1. Пункт",
            "Москва)",
            "—",
            "o you",
            "ok",
            "Ø 5 мм",
            "ü ber",
            "\u{F0B7}",
            "✓",
        ] {
            assert_eq!(item_start(line), None, "{line}");
        }
    }

    #[test]
    fn caps() {
        assert!(is_all_caps("ОБЩИЕ ПОЛОЖЕНИЯ"));
        assert!(is_all_caps("8. COOKIES"));
        assert!(!is_all_caps("Общие положения"));
        assert!(!is_all_caps("AI"));
    }
}
