//! Clause segmentation: title, preamble, numbered clauses (a tree flattened in document order),
//! their headings, list items, sentences and cross-references, and numbering findings.
//!
//! The segmenter works on the canonical text line by line: [`lines`] decides what each line
//! opens, this module assembles the clauses, [`sentences`] splits running text and [`refs`]
//! resolves inline references.

pub mod lines;
pub mod refs;
mod restarts;
pub mod sentences;

use std::collections::HashMap;

use crate::context::{Unit, UnitKind};
use crate::model::{Block, Clause, Finding, FindingCode, Item};
use crate::offsets::CharIndex as Chars;
use lines::{clause_start, is_all_caps, item_start, ClauseStart};

/// Result of segmenting one canonical text.
#[derive(Debug, Default)]
pub struct Segmented {
    /// The title (first heading-like line before the first clause).
    pub title: Option<String>,
    /// The text before the first clause, title excluded.
    pub preamble: Option<Block>,
    /// The clauses in document order.
    pub clauses: Vec<Clause>,
    /// Sentences, items and headings in byte offsets (for the classifier).
    pub units: Vec<Unit>,
    /// Numbering findings (gaps, duplicates, …).
    pub findings: Vec<Finding>,
    /// Byte ↔ char offsets of the text (reused by the later stages).
    pub chars: Chars,
}

/// One line of the canonical text.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    start: usize,
    text: &'a str,
}

impl Line<'_> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A clause while it is being assembled: line range plus its start.
struct Draft {
    start: ClauseStart,
    /// Index of the line that opens the clause.
    first_line: usize,
    /// One past the last line that belongs to it.
    end_line: usize,
}

/// The segmenter: its sentence splitter and clause-reference patterns, built once by the
/// [`crate::Engine`].
#[derive(Debug)]
pub struct Segmenter {
    sentences: sentences::Sentences,
    refs: refs::Refs,
    /// Words that make a line a title candidate, with their weight
    /// (`data/lexicon/ru/title_words.tsv`).
    title_words: Vec<(&'static str, u32)>,
    /// Headings of a table of contents (`data/lexicon/ru/toc_headings.txt`).
    toc_headings: Vec<&'static str>,
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    /// Load the abbreviations and the title words and compile the reference patterns.
    pub fn new() -> Self {
        let title_words = crate::lexicon::rows::<2>(
            "title_words.tsv",
            include_str!("../../data/lexicon/ru/title_words.tsv"),
        )
        .into_iter()
        .map(|[w, weight]| {
            let weight = weight
                .parse()
                .unwrap_or_else(|_| panic!("title_words.tsv: bad weight {weight:?}"));
            (w, weight)
        })
        .collect();
        Segmenter {
            sentences: Default::default(),
            refs: Default::default(),
            title_words,
            toc_headings: crate::lexicon::words(include_str!(
                "../../data/lexicon/ru/toc_headings.txt"
            ))
            .collect(),
        }
    }

    /// Segment one canonical text.
    pub fn segment(&self, text: &str) -> Segmented {
        segment(self, text)
    }
}

fn segment(sg: &Segmenter, text: &str) -> Segmented {
    let lines = split_lines(text);
    let mut starts: Vec<Option<ClauseStart>> = lines.iter().map(|l| clause_start(l.text)).collect();
    let toc = drop_table_of_contents(sg, &lines, &mut starts);
    restarts::repair(&lines, &mut starts);

    let mut findings = Vec::new();
    let drafts = assemble(&lines, &starts, &mut findings);
    let chars = Chars::new(text);
    let mut out = Segmented {
        findings,
        ..Default::default()
    };

    // Title and preamble: the lines before the first clause.
    let first_clause_line = drafts.first().map_or(lines.len(), |d| d.first_line);
    let (title, body_from) = find_title(sg, &lines[..first_clause_line]);
    if let Some((t, (s, e))) = title {
        out.title = Some(t);
        out.units.push(Unit {
            kind: UnitKind::Heading,
            start: s,
            end: e,
            clause: None,
            lead: None,
        });
    }
    let pre_lines = &lines[body_from..first_clause_line];
    if let (Some(first), Some(last)) = (
        pre_lines.iter().find(|l| !l.is_blank()),
        pre_lines.iter().rev().find(|l| !l.is_blank()),
    ) {
        out.preamble = Some(Block {
            text: text[first.start..last.end()].to_string(),
            start: chars.char_of(first.start),
            end: chars.char_of(last.end()),
        });
        let mut items = Vec::new();
        body_units(
            &sg.sentences,
            text,
            pre_lines,
            None,
            None,
            &chars,
            &mut out.units,
            &mut items,
        );
    }

    // Clauses.
    for (idx, d) in drafts.iter().enumerate() {
        let clause = build_clause(
            &sg.sentences,
            text,
            &lines,
            d,
            idx,
            &drafts,
            &chars,
            &mut out.units,
        );
        out.clauses.push(clause);
    }
    link_parents(&mut out.clauses, &mut out.findings);
    sg.refs.resolve(&mut out.clauses);
    numbering_findings(&out.clauses, &mut out.findings);
    if toc > 0 {
        out.findings.push(Finding {
            code: FindingCode::TableOfContents,
            message: format!("{toc} table-of-contents lines are not counted as clauses"),
            clauses: Vec::new(),
        });
    }
    out.chars = chars;
    out
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::with_capacity(text.len() / 40 + 1);
    let mut start = 0;
    for piece in text.split('\n') {
        lines.push(Line { start, text: piece });
        start += piece.len() + 1;
    }
    lines
}

/// Heading-like text of a numbered line: short, no sentence-final punctuation.
fn looks_like_toc_entry(start: &ClauseStart, line: &str) -> bool {
    let rest = line[start.body_offset..].trim();
    !rest.is_empty()
        && rest.chars().count() <= 100
        && !rest.ends_with(['.', ';', ':', ','])
        && rest.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// A table of contents repeats section headings before the body: a run of at least three
/// consecutive numbered heading-like lines, either under «Содержание»/«Оглавление» or with at
/// least two of its entries printed again later. Its lines are not clauses. Returns how many
/// lines were dropped.
fn drop_table_of_contents(
    sg: &Segmenter,
    lines: &[Line],
    starts: &mut [Option<ClauseStart>],
) -> usize {
    let mut dropped = 0;
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j < lines.len()
            && starts[j]
                .as_ref()
                .is_some_and(|s| looks_like_toc_entry(s, lines[j].text))
        {
            j += 1;
        }
        if j - i >= 3 {
            let titled = lines[..i]
                .iter()
                .rev()
                .find(|l| !l.is_blank())
                .is_some_and(|l| {
                    let t = l.text.trim().to_lowercase();
                    sg.toc_headings.iter().any(|h| t.starts_with(h))
                });
            let key = |k: usize| {
                let s = starts[k].as_ref().unwrap();
                (
                    s.number.clone(),
                    lines[k].text[s.body_offset..].trim().to_lowercase(),
                )
            };
            let entries: Vec<_> = (i..j).map(key).collect();
            let repeated = (j..lines.len())
                .filter(|&k| {
                    starts[k].as_ref().is_some_and(|s| {
                        let e = (
                            s.number.clone(),
                            lines[k].text[s.body_offset..].trim().to_lowercase(),
                        );
                        entries.contains(&e)
                    })
                })
                .count();
            if titled || repeated >= 2 {
                for s in &mut starts[i..j] {
                    *s = None;
                }
                dropped += j - i;
            }
            i = j;
        } else {
            i = j.max(i + 1);
        }
    }
    dropped
}

/// Group lines into clause drafts. A number already used is not a new clause: its line stays
/// in the current clause and a `numbering_duplicate` finding is recorded.
fn assemble(
    lines: &[Line],
    starts: &[Option<ClauseStart>],
    findings: &mut Vec<Finding>,
) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut used: HashMap<&str, usize> = HashMap::new();
    for (i, s) in starts.iter().enumerate() {
        let Some(s) = s else { continue };
        if used.contains_key(s.number.as_str()) {
            findings.push(Finding {
                code: FindingCode::NumberingDuplicate,
                message: format!("clause number {} appears more than once", s.number),
                clauses: vec![s.number.clone()],
            });
            continue;
        }
        used.insert(&s.number, i);
        if let Some(prev) = drafts.last_mut() {
            prev.end_line = i;
        }
        drafts.push(Draft {
            start: s.clone(),
            first_line: i,
            end_line: lines.len(),
        });
    }
    drafts
}

/// Pick the title among the lines before the first clause: the best-scored heading-like line
/// among the first 15 (a keyword, standing alone between blank lines); else the first line when it
/// looks like a heading. An all-caps title split over lines (`ПОЛИТИКА` / `КОНФИДЕНЦИАЛЬНОСТИ …`)
/// is joined. Returns the title with its byte range and the index of the first line after it.
#[allow(clippy::type_complexity)]
fn find_title(sg: &Segmenter, lines: &[Line]) -> (Option<(String, (usize, usize))>, usize) {
    let letters = |t: &str| t.chars().any(|c| c.is_alphabetic());
    let candidates: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank() && letters(l.text))
        .map(|(i, _)| i)
        .take(15)
        .collect();
    let is_titleish = |l: &Line| {
        let t = decoration_trimmed(l.text);
        t.chars().count() <= 150
            && !t.ends_with([',', ';', ':', '.'])
            && !t.contains(". ")
            && !t.chars().next().is_some_and(|c| c.is_lowercase())
            && !is_breadcrumb(t)
    };
    let blank_or_edge =
        |i: Option<usize>| i.is_none_or(|i| lines.get(i).is_none_or(|l| l.is_blank()));
    let score = |i: usize| -> u32 {
        let t = lines[i].text.to_lowercase();
        let kw = sg
            .title_words
            .iter()
            .filter(|(w, _)| t.contains(w))
            .map(|(_, s)| *s)
            .max()
            .unwrap_or(0);
        if kw == 0 {
            return 0;
        }
        let alone = blank_or_edge(i.checked_sub(1)) && blank_or_edge(Some(i + 1));
        kw + if alone { 3 } else { 0 }
    };
    let best = candidates
        .iter()
        .copied()
        .filter(|&i| is_titleish(&lines[i]))
        .map(|i| (score(i), i))
        .filter(|&(s, _)| s > 0)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, i)| i);
    let first = candidates
        .first()
        .copied()
        .filter(|&i| is_titleish(&lines[i]) && !decoration_trimmed(lines[i].text).ends_with('.'));
    let Some(i) = best.or(first) else {
        return (None, 0);
    };
    let mut end = i + 1;
    let mut title = decoration_trimmed(lines[i].text).to_string();
    // An H1 split by <br>: "ПОЛИТИКА" / "КОНФИДЕНЦИАЛЬНОСТИ в отношении …", or "ПОЛИТИКА" /
    // "в отношении обработки персональных данных" (lines of one block, no blank between).
    while is_all_caps(&title)
        && end < lines.len()
        && !lines[end].is_blank()
        && lines[end].text.trim().chars().count() <= 150
        && !lines[end].text.trim_end().ends_with(['.', ';', ':', ','])
        && clause_start(lines[end].text).is_none()
        && item_start(lines[end].text).is_none()
    {
        title.push(' ');
        title.push_str(lines[end].text.trim());
        end += 1;
    }
    let range = (lines[i].start, lines[end - 1].end());
    (Some((title, range)), end)
}

/// Navigation breadcrumbs: "Главная / Покупателям / Политика …", "Главная › Документы".
fn is_breadcrumb(t: &str) -> bool {
    [" / ", " > ", " › ", " » ", " → "]
        .iter()
        .map(|sep| t.matches(sep).count())
        .sum::<usize>()
        >= 2
}

/// A line without the decoration around it ("==== НА РУССКОМ ====", "*** Title ***").
fn decoration_trimmed(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '=' | '*' | '#' | '~' | '_' | '-' | '—')
    })
}

/// Decide whether the first line of a clause is a heading.
fn is_heading(
    sent: &sentences::Sentences,
    first_rest: &str,
    has_children: bool,
    has_more_body: bool,
) -> bool {
    let rest = first_rest.trim();
    if rest.is_empty() || rest.ends_with([':', ';', ',']) {
        return false;
    }
    let n = rest.chars().count();
    if n > 200 {
        return false;
    }
    if is_all_caps(rest) {
        return true;
    }
    if rest.chars().next().is_some_and(|c| c.is_lowercase()) {
        return false;
    }
    let one_sentence = sent.split(rest).len() <= 1;
    let open_end = !rest.ends_with(['.', '!', '?', '…']);
    // "7. Изменение Политики конфиденциальности. Применимое законодательство" (seed 001) is a
    // heading of two phrases; "2. Цели обработки информации." (seed 004) one with a period.
    if has_children && n <= 150 && (one_sentence || open_end) {
        return true;
    }
    open_end && n <= 120 && has_more_body && one_sentence
}

/// Build one clause from its draft.
#[allow(clippy::too_many_arguments)]
fn build_clause(
    sent: &sentences::Sentences,
    text: &str,
    lines: &[Line],
    d: &Draft,
    idx: usize,
    drafts: &[Draft],
    chars: &Chars,
    units: &mut Vec<Unit>,
) -> Clause {
    let own = &lines[d.first_line..d.end_line];
    let first = own[0];
    let rest_start = first.start + d.start.body_offset;
    let rest = &text[rest_start..first.end()];
    // «III» has the children «3.1», «3.2» …
    let as_arabic = lines::roman_value(&d.start.number).map(|v| v.to_string());
    let number = as_arabic.as_deref().unwrap_or(&d.start.number);
    let has_children = drafts
        .get(idx + 1)
        .is_some_and(|n| n.start.number.starts_with(&format!("{number}.")));
    let more_body = own[1..].iter().any(|l| !l.is_blank());
    let last_line = own.iter().rposition(|l| !l.is_blank()).unwrap_or(0);
    let end = own[last_line].end();

    let mut heading = None;
    let mut body_lines_from = 0;
    let mut body_start = rest_start;
    if rest.trim().is_empty() {
        // "Глава 1" alone: the heading is on the next line when it looks like one.
        if let Some(k) = own
            .iter()
            .skip(1)
            .position(|l| !l.is_blank())
            .map(|k| k + 1)
        {
            let cand = own[k].text.trim();
            if item_start(cand).is_none() && is_heading(sent, cand, true, true) {
                heading = Some((own[k].start, own[k].end()));
                body_lines_from = k + 1;
                body_start = own.get(k + 1).map_or(own[k].end(), |l| l.start);
            } else {
                body_lines_from = 1;
                body_start = own.get(1).map_or(first.end(), |l| l.start);
            }
        } else {
            body_lines_from = 1;
        }
    } else if is_heading(sent, rest, has_children, more_body) {
        heading = Some((rest_start, first.end()));
        body_lines_from = 1;
        body_start = own.get(1).map_or(first.end(), |l| l.start);
    }
    if let Some((s, e)) = heading {
        units.push(Unit {
            kind: UnitKind::Heading,
            start: s,
            end: e,
            clause: Some(idx),
            lead: None,
        });
    }

    let mut items = Vec::new();
    let body_start = body_start.min(end);
    let body: Vec<Line> = if body_lines_from == 0 {
        // The first line minus its number, then the others.
        let mut v = vec![Line {
            start: rest_start,
            text: rest,
        }];
        v.extend_from_slice(&own[1..]);
        v
    } else {
        own[body_lines_from.min(own.len())..].to_vec()
    };
    body_units(
        sent,
        text,
        &body,
        Some(idx),
        heading,
        chars,
        units,
        &mut items,
    );
    let sentences = units
        .iter()
        .rev()
        .take_while(|u| u.clause == Some(idx))
        .filter(|u| u.kind == UnitKind::Sentence)
        .map(|u| [chars.char_of(u.start), chars.char_of(u.end)])
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let raw_body = &text[body_start..end.max(body_start)];
    let body_text = raw_body.trim();
    let body_from = if body_text.is_empty() {
        body_start
    } else {
        body_start + (raw_body.len() - raw_body.trim_start().len())
    };
    Clause {
        number: d.start.number.clone(),
        depth: d.start.depth,
        parent: None,
        heading: heading.map(|(s, e)| text[s..e].trim().to_string()),
        text: body_text.to_string(),
        body: [
            chars.char_of(body_from),
            chars.char_of(body_from + body_text.len()),
        ],
        items,
        sentences,
        refs: Vec::new(),
        start: chars.char_of(first.start),
        end: chars.char_of(end),
    }
}

/// Sentences and list items of a run of body lines. Items get the sentence that introduces
/// them as `lead` (or the clause heading when the list follows it directly). Lines after a
/// line ending in ':' that end in ';' are items without a marker.
#[allow(clippy::too_many_arguments)]
fn body_units(
    sent: &sentences::Sentences,
    text: &str,
    body: &[Line],
    clause: Option<usize>,
    heading: Option<(usize, usize)>,
    chars: &Chars,
    units: &mut Vec<Unit>,
    items: &mut Vec<Item>,
) {
    let mut lead: Option<(usize, usize)> = heading;
    let mut in_bare_list = false;
    for line in body {
        let t = line.text.trim_end();
        if t.trim().is_empty() {
            continue;
        }
        let bare = in_bare_list
            && t.chars().count() <= 250
            && clause_start(t).is_none()
            && t.ends_with([';', '.', ',']);
        let item = item_start(t)
            .map(|it| (it.marker, it.body_offset))
            .or_else(|| bare.then(|| (String::new(), t.len() - t.trim_start().len())));
        if let Some((marker, off)) = item {
            let (s, e) = (line.start + off, line.start + t.len());
            items.push(Item {
                marker,
                text: text[s..e].to_string(),
                start: chars.char_of(s),
                end: chars.char_of(e),
            });
            units.push(Unit {
                kind: UnitKind::Item,
                start: s,
                end: e,
                clause,
                lead,
            });
            in_bare_list = bare && t.ends_with([';', ',']);
            continue;
        }
        let lead_start = line.start + (t.len() - t.trim_start().len());
        let para = &text[lead_start..line.start + t.len()];
        for (s, e) in sent.split(para) {
            units.push(Unit {
                kind: UnitKind::Sentence,
                start: lead_start + s,
                end: lead_start + e,
                clause,
                lead: None,
            });
            lead = Some((lead_start + s, lead_start + e));
        }
        in_bare_list = t.ends_with(':');
    }
}

/// Set `parent` to the enclosing clause number when that clause exists; record orphans.
/// A section numbered «III» is the parent of «3.1».
fn link_parents(clauses: &mut [Clause], findings: &mut Vec<Finding>) {
    // number as referred to by a child → the parent's number as written
    let mut seen: HashMap<String, String> = HashMap::new();
    for c in clauses.iter_mut() {
        if let Some((parent, _)) = c.number.rsplit_once('.') {
            if let Some(p) = seen.get(parent) {
                c.parent = Some(p.clone());
            } else {
                findings.push(Finding {
                    code: FindingCode::NumberingOrphan,
                    message: format!("clause {} has no clause {}", c.number, parent),
                    clauses: vec![c.number.clone()],
                });
            }
        }
        if let Some(v) = lines::roman_value(&c.number) {
            seen.entry(v.to_string())
                .or_insert_with(|| c.number.clone());
        }
        seen.insert(c.number.clone(), c.number.clone());
    }
}

/// Gaps and out-of-order numbers among siblings.
fn numbering_findings(clauses: &[Clause], findings: &mut Vec<Finding>) {
    // Last seen child number per parent ("" for top level).
    let mut last: HashMap<String, (u32, String)> = HashMap::new();
    // Numbers of the clauses seen so far: a finding names only clauses that exist (the first
    // child of a missing parent, «4.2» without «4», jumps from the parent's number).
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for c in clauses {
        let (parent, tail) = match c.number.rsplit_once('.') {
            Some((p, t)) => (p.to_string(), t),
            None => (String::new(), c.number.as_str()),
        };
        let Ok(n) = tail.parse::<u32>() else { continue };
        let prev = last.get(&parent).cloned();
        let (prev_n, prev_num) = prev.unwrap_or((0, parent.clone()));
        if n > prev_n + 1 {
            findings.push(Finding {
                code: FindingCode::NumberingGap,
                message: format!(
                    "numbering jumps from {} to {}",
                    if prev_num.is_empty() {
                        "the start"
                    } else {
                        &prev_num
                    },
                    c.number
                ),
                clauses: existing(&seen, &prev_num, &c.number),
            });
        } else if n <= prev_n {
            findings.push(Finding {
                code: FindingCode::NumberingOutOfOrder,
                message: format!("clause {} comes after {}", c.number, prev_num),
                clauses: existing(&seen, &prev_num, &c.number),
            });
        }
        last.insert(parent, (n.max(prev_n), c.number.clone()));
        seen.insert(&c.number);
    }
}

/// `[prev, current]` without `prev` when no clause has that number (a missing parent, or the
/// start of the document).
fn existing(seen: &std::collections::HashSet<&str>, prev: &str, current: &str) -> Vec<String> {
    let mut v = Vec::with_capacity(2);
    if seen.contains(prev) {
        v.push(prev.to_string());
    }
    v.push(current.to_string());
    v
}

#[cfg(test)]
mod tests;
