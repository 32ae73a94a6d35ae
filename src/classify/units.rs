//! Fallback text units for texts the segmenter gave no units for: lines, then sentences by a
//! simple rule; bulleted lines (and bare lines under a line ending with «:») become items whose
//! `lead` is the sentence that introduces the list.

use crate::context::{DocContext, Unit, UnitKind};

fn is_marker_item(line: &str) -> bool {
    let t = line.trim_start();
    let mut cs = t.chars();
    match cs.next() {
        Some('-' | '•' | '—' | '–' | '*' | '·' | '▪' | '●' | '◦') => {
            matches!(cs.next(), Some(c) if c.is_whitespace())
        }
        Some(c) if c.is_ascii_digit() || c.is_alphabetic() => {
            // «1) », «а) »
            let head: String = t.chars().take(4).collect();
            let n = head
                .chars()
                .take_while(|c| c.is_ascii_digit() || c.is_alphabetic())
                .count();
            n > 0 && n <= 2 && head.chars().nth(n) == Some(')')
        }
        _ => false,
    }
}

fn starts_numbered(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && t[digits..].starts_with('.')
}

/// The clause number a line starts with («4.1.7.» → "4.1.7"), if any.
fn number_prefix(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let n = t
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    let num = t[..n].trim_end_matches('.');
    (num.contains('.') || t[..n].ends_with('.')).then_some(num)
}

fn is_heading(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 160 || t.contains('\t') || t.contains('•') {
        return false;
    }
    let last = t.chars().last().unwrap_or(' ');
    if matches!(last, '.' | ';' | ':' | ',' | '!' | '?') {
        return false;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let upper = t.chars().filter(|c| c.is_uppercase()).count();
    (letters > 0 && upper * 10 >= letters * 7) || t.split_whitespace().count() <= 8
}

/// Sentence ranges of one line (byte offsets relative to the text).
fn sentences(text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let line = &text[s..e];
    let mut start = 0;
    let mut prev_word_len = 0usize;
    let mut prev_char = ' ';
    for (i, c) in line.char_indices() {
        if matches!(c, '.' | '!' | '?' | ';') {
            let next = i + c.len_utf8();
            let after = &line[next..];
            let trimmed = after.trim_start();
            let spaced = after.len() > trimmed.len();
            let nc = trimmed.chars().next();
            let boundary = spaced
                && match nc {
                    Some(n) => {
                        n.is_uppercase() || n.is_ascii_digit() || matches!(n, '«' | '"' | '—' | '-')
                    }
                    None => false,
                };
            let abbrev = c == '.' && (prev_char.is_ascii_digit() || prev_word_len <= 2);
            // «указаны: фамилия, имя; номер документа» stays one sentence (an inline list).
            let inline_list = c == ';' && line[start..i].contains(':');
            if (boundary && !abbrev && !inline_list) || (c == ';' && spaced && !inline_list) {
                let end = next;
                if !line[start..end].trim().is_empty() {
                    out.push((s + start, s + end));
                }
                start = next + (after.len() - trimmed.len());
            }
        }
        if c.is_alphanumeric() {
            prev_word_len += 1;
        } else {
            prev_word_len = 0;
        }
        prev_char = c;
    }
    if !line[start..].trim().is_empty() {
        let tail = line[start..].trim_end();
        out.push((s + start, s + start + tail.len()));
    }
}

/// Build units from plain lines.
pub(crate) fn fallback_units(ctx: &DocContext) -> Vec<Unit> {
    let text = ctx.text;
    let mut units = Vec::new();
    let mut lead: Option<(usize, usize)> = None;
    let mut in_bare_list = false;
    // A numbered clause ending with «:» introduces its numbered children («4.1. … в целях:» →
    // «4.1.7. Уведомления …»).
    let mut numbered_lead: Option<(String, (usize, usize))> = None;
    let mut pos = 0;
    let mut sent = Vec::new();
    for line in text.split_inclusive('\n') {
        let ls = pos;
        pos += line.len();
        let body = line.trim_end();
        let lead_ws = body.len() - body.trim_start().len();
        let s = ls + lead_ws;
        let e = ls + body.len();
        if s >= e {
            continue;
        }
        let t = &text[s..e];
        let clause = ctx.clause_index_at(s);
        let marker = is_marker_item(t);
        let label = t.trim_end_matches(':').contains(':');
        let bare_item = !marker && in_bare_list && !starts_numbered(t) && !label && t.len() < 300;
        if let Some(num) = number_prefix(t) {
            let child_of = numbered_lead
                .as_ref()
                .filter(|(p, _)| {
                    num.len() > p.len()
                        && num.starts_with(p.as_str())
                        && num[p.len()..].starts_with('.')
                })
                .map(|(_, r)| *r);
            if let Some(r) = child_of {
                units.push(Unit {
                    kind: UnitKind::Item,
                    start: s,
                    end: e,
                    clause,
                    lead: Some(r),
                });
                continue;
            }
            numbered_lead = t.ends_with(':').then(|| (num.to_string(), (s, e)));
        }
        if marker || bare_item {
            units.push(Unit {
                kind: UnitKind::Item,
                start: s,
                end: e,
                clause,
                lead,
            });
            if t.ends_with('.') {
                in_bare_list = false;
            }
            continue;
        }
        if is_heading(t) {
            units.push(Unit {
                kind: UnitKind::Heading,
                start: s,
                end: e,
                clause,
                lead: None,
            });
            // Items right under a heading are introduced by it («4. Цели обработки» → «• …»).
            lead = Some((s, e));
            in_bare_list = false;
            continue;
        }
        sent.clear();
        sentences(text, s, e, &mut sent);
        for &(a, b) in &sent {
            units.push(Unit {
                kind: UnitKind::Sentence,
                start: a,
                end: b,
                clause: ctx.clause_index_at(a),
                lead: None,
            });
        }
        lead = sent.last().copied();
        in_bare_list = t.ends_with(':');
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_get_the_introducing_sentence_as_lead() {
        let text = "2.1. Сервис может собирать и обрабатывать следующие данные пользователей:\n\n- Имя, телефон;\n- Фото.\n\n2.2. Геолокационные данные не собираются. Другое предложение.\n";
        let ctx = DocContext::new(text, &[], &[]);
        let u = fallback_units(&ctx);
        let kinds: Vec<UnitKind> = u.iter().map(|u| u.kind).collect();
        assert_eq!(
            kinds,
            vec![
                UnitKind::Sentence,
                UnitKind::Item,
                UnitKind::Item,
                UnitKind::Sentence,
                UnitKind::Sentence
            ]
        );
        let (a, b) = u[1].lead.unwrap();
        assert!(text[a..b].starts_with("2.1. Сервис может собирать"));
        assert_eq!(
            &text[u[3].start..u[3].end],
            "2.2. Геолокационные данные не собираются."
        );
    }

    #[test]
    fn bare_lines_under_a_colon_are_items() {
        let text = "3.3. Сайт собирает следующие данные:\nIP адрес;\nинформация из cookies;\n3.4. Другое.\n";
        let ctx = DocContext::new(text, &[], &[]);
        let u = fallback_units(&ctx);
        assert_eq!(u[1].kind, UnitKind::Item);
        assert_eq!(u[2].kind, UnitKind::Item);
        assert_eq!(u[3].kind, UnitKind::Sentence);
    }
}
