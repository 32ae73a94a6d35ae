//! The operator (the party that processes the data) and the other organizations named in the text.
//!
//! Candidates are legal entities written with a legal form (`ООО «Ромашка»`, `Индивидуальным
//! предпринимателем Ивановым Иваном Ивановичем`, `Cloudflare Inc.`) and natural persons named in an
//! operator context (`Оператором является Орлов Дмитрий Дмитриевич`, `гражданин Республики Беларусь
//! …`). Mentions of the same party are grouped; a group that is a bank, payment system, hosting
//! company or other known service is never the operator. The operator is the group with the
//! strongest operator cues («далее — Оператор», «принадлежащего», a requisites label, …) and the
//! most mentions; with no cue and a single mention nobody is named and the operator stays `None`.

use std::collections::HashMap;

use regex::Regex;

use super::names::{self, Fio};
use super::scan;
use super::Extraction;
use crate::context::DocContext;
use crate::model::{Mention, MentionKind, Operator, OperatorKind, OrgRole, Organization};

struct FormDef {
    abbr: &'static str,
    country: Option<&'static str>,
    entrepreneur: bool,
    after: bool,
    before: bool,
}

use scan::TRIGGER_CHARS;

/// The legal forms from `data/lexicon/legal_forms.tsv` and one pattern, searched at candidates,
/// that matches any of them (group `i + 1` is form `i`).
/// A language's `legal_form_overrides.tsv` changes the value and the name's place of the rows
/// it lists.
fn forms(files: &crate::lexicon::LanguageFiles) -> (scan::AtCandidates, Vec<FormDef>) {
    let overrides =
        super::lexicon::rows::<3>("legal_form_overrides.tsv", files.legal_form_overrides);
    let mut defs = Vec::new();
    let mut alts = Vec::new();
    for [abbr, country, kind, pos, pat] in super::lexicon::rows(
        "legal_forms.tsv",
        include_str!("../../data/lexicon/legal_forms.tsv"),
    ) {
        let (abbr, pos) = overrides
            .iter()
            .find(|o| o[0] == pat)
            .map_or((abbr, pos), |o| (o[1], o[2]));
        defs.push(FormDef {
            abbr,
            country: (country != "-").then_some(country),
            entrepreneur: kind == "individual_entrepreneur",
            after: pos != "before",
            before: pos != "after",
        });
        alts.push(format!("({pat})"));
    }
    (
        scan::AtCandidates::new(alts.join("|"), TRIGGER_CHARS + 1),
        defs,
    )
}

/// Organizations named without a legal form (`data/lexicon/known_orgs.tsv`): the pattern and
/// the organization of its group `i + 1`.
type KnownOrgs = (scan::AtCandidates, Vec<KnownOrg>);

/// One row of `known_orgs.tsv`.
struct KnownOrg {
    /// The canonical name.
    name: &'static str,
    role: OrgRole,
}
fn known() -> KnownOrgs {
    let mut defs = Vec::new();
    let mut alts = Vec::new();
    for [name, role, pat] in super::lexicon::rows(
        "known_orgs.tsv",
        include_str!("../../data/lexicon/known_orgs.tsv"),
    ) {
        let role =
            OrgRole::parse(role).unwrap_or_else(|| panic!("known_orgs.tsv: unknown role {role:?}"));
        defs.push(KnownOrg { name, role });
        alts.push(format!("({pat})"));
    }
    (
        scan::AtCandidates::new(alts.join("|"), TRIGGER_CHARS + 1),
        defs,
    )
}

/// This module's compiled patterns and tables, built once by the [`crate::Engine`].
pub(super) struct Patterns {
    /// The legal forms (`data/lexicon/legal_forms.tsv`) and their pattern (see [`forms`]).
    forms: scan::AtCandidates,
    form_defs: Vec<FormDef>,
    /// Organizations named without a legal form (see [`known`]).
    known: KnownOrgs,
    /// The context that introduces a natural person as the operator (`operator_words.tsv`,
    /// `person_cue`).
    person_cue: scan::AtCandidates,
    /// «(далее — Оператор)» after a mention (on the same line), or an alias in brackets right
    /// after it («Компания»/«Мы»): `operator_cues.tsv`, `after`.
    after_cue: Regex,
    /// A label or verb right before a mention that names the operator: `operator_cues.tsv`,
    /// `before`.
    before_cue: Regex,
    /// A label that makes the party after it a bank (`operator_words.tsv`, `bank_label`).
    bank_label: Regex,
    /// The words near a mention that give a role (`recipient_roles.tsv`), in file order.
    role_ctx: Vec<(Regex, OrgRole)>,
    latin_before: Regex,
    unquoted: Regex,
    /// A domain suffix at the end of a name (`operator_words.tsv`, `domain`).
    tld_suffix: Regex,
    /// The word lists of `operator_words.tsv`.
    words: Words,
    /// The name tables, for the names of persons.
    names: names::Names,
}

impl Patterns {
    /// The patterns of one language: its operator cues (`operator_cues.tsv`) and its reading of
    /// the legal forms (`legal_form_overrides.tsv`).
    pub(super) fn new(files: &crate::lexicon::LanguageFiles) -> Self {
        let (forms, form_defs) = forms(files);
        let cue = |name: &str| {
            let rows = super::lexicon::rows::<2>("operator_cues.tsv", files.operator_cues);
            let re = rows
                .iter()
                .find(|r| r[0] == name)
                .unwrap_or_else(|| panic!("operator_cues.tsv: no {name} row"))[1];
            Regex::new(re).unwrap_or_else(|e| panic!("operator_cues.tsv: {name}: {e}"))
        };
        let words = Words::new();
        let domains: Vec<String> = words.domain.iter().map(|d| regex::escape(d)).collect();
        Patterns {
            forms,
            form_defs,
            known: known(),
            person_cue: scan::AtCandidates::new(words.person_cue.to_string(), TRIGGER_CHARS + 1),
            after_cue: cue("after"),
            before_cue: cue("before"),
            bank_label: Regex::new(words.bank_label).unwrap(),
            role_ctx: role_ctx(),
            latin_before: Regex::new(LATIN_BEFORE).unwrap(),
            unquoted: Regex::new(UNQUOTED).unwrap(),
            tld_suffix: Regex::new(&format!(r"\.(?:{})$", domains.join("|"))).unwrap(),
            words,
            names: names::Names::new(),
        }
    }
}

/// The rows of `data/lexicon/ru/operator_words.tsv` (each class is explained there), read for
/// every analysed language.
struct Words {
    person_cue: &'static str,
    bank_label: &'static str,
    domain: Vec<&'static str>,
    not_a_name: Vec<&'static str>,
    passes_to: Vec<&'static str>,
    acts: Vec<&'static str>,
    bank: Vec<&'static str>,
    self_employed: Vec<&'static str>,
}

impl Words {
    fn new() -> Self {
        let [person_cue, bank_label, domain, not_a_name, passes_to, acts, bank, self_employed] =
            super::lexicon::classes(
                "operator_words.tsv",
                include_str!("../../data/lexicon/ru/operator_words.tsv"),
                [
                    "person_cue",
                    "bank_label",
                    "domain",
                    "not_a_name",
                    "passes_to",
                    "acts",
                    "bank",
                    "self_employed",
                ],
            );
        let one = |rows: Vec<&'static str>, class: &str| match rows[..] {
            [re] => re,
            _ => panic!("operator_words.tsv: not one {class} row"),
        };
        Words {
            person_cue: one(person_cue, "person_cue"),
            bank_label: one(bank_label, "bank_label"),
            domain,
            not_a_name,
            passes_to,
            acts,
            bank,
            self_employed,
        }
    }
}

/// The role patterns of `data/lexicon/ru/recipient_roles.tsv`, in file order.
fn role_ctx() -> Vec<(Regex, OrgRole)> {
    super::lexicon::rows::<2>(
        "recipient_roles.tsv",
        include_str!("../../data/lexicon/ru/recipient_roles.tsv"),
    )
    .into_iter()
    .map(|[role, re]| {
        let role = OrgRole::parse(role)
            .unwrap_or_else(|| panic!("recipient_roles.tsv: unknown role {role:?}"));
        let re = Regex::new(re).unwrap_or_else(|e| panic!("recipient_roles.tsv: {role:?}: {e}"));
        (re, role)
    })
    .collect()
}

/// The literal triggers of this module's patterns, for the shared scan (`extract::registry`).
pub(super) fn patterns(p: &Patterns) -> Vec<super::Registered<'_>> {
    use super::{Narrowed::AtHits, Registered};
    vec![
        Registered::new("operator: legal forms", AtHits(scan::Src::Forms, &p.forms)),
        Registered::new(
            "operator: known organizations",
            AtHits(scan::Src::Known, &p.known.0),
        ),
        Registered::new(
            "operator: person cues",
            AtHits(scan::Src::PersonCue, &p.person_cue),
        ),
    ]
}

const LATIN_BEFORE: &str =
    r"((?:[A-Z][[а-яёА-ЯЁa-zA-Z0-9_].&'-]*[ \t]+){0,2}[A-Z][[а-яёА-ЯЁa-zA-Z0-9_].&'-]*),?[ \t]*$";

const UNQUOTED: &str =
    r"^[[А-ЯЁA-Z]][[а-яёА-ЯЁa-zA-Z][0-9].&-]*[[а-яёА-ЯЁa-zA-Z][0-9]]|^[[А-ЯЁA-Z]]";

/// One mention of a party.
#[derive(Debug, Clone)]
struct Cand {
    form: Option<usize>,
    name: String,
    person: Option<Fio>,
    /// Byte span of the mention (form included).
    start: usize,
    end: usize,
    /// A role that rules the party out as the operator (bank, hosting, ...).
    role: Option<OrgRole>,
    cue: u32,
}

/// Mentions of one party.
struct Group {
    form: Option<usize>,
    name: String,
    person: Option<Fio>,
    mentions: Vec<usize>,
    role: Option<OrgRole>,
    cue: u32,
}

/// Find the operator and the other organizations; fill `out.operator`, `out.organizations` and
/// their mentions.
pub(super) fn extract(p: &Patterns, ctx: &DocContext, out: &mut Extraction) {
    let text = ctx.text;
    let mut cands = find_candidates(p, text, &out.hits);
    // A template blank («ООО «Название»», «Иванов Иван Иванович») names nobody.
    cands.retain(|c| !super::placeholders::overlaps(&out.placeholders, c.start, c.end));
    for c in &mut cands {
        c.cue = cue_score(p, text, c.start, c.end);
    }
    let groups = group(p, &cands);

    let defs = &p.form_defs;
    let best = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.role.is_none() && (g.cue > 0 || g.mentions.len() >= 2))
        .max_by_key(|(i, g)| (g.cue + g.mentions.len() as u32, std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
        .or_else(|| party_with_requisites(p, ctx, &cands, &groups, out));

    for (gi, g) in groups.iter().enumerate() {
        let first = &cands[g.mentions[0]];
        let form = g.form.map(|f| defs[f].abbr);
        let value = match form {
            Some(f) => format!("{f} {}", g.name),
            None => g.name.clone(),
        };
        let is_op = Some(gi) == best;
        if is_op {
            let kind = match g.form {
                Some(f) if defs[f].entrepreneur => OperatorKind::IndividualEntrepreneur,
                Some(_) => OperatorKind::Organization,
                None => OperatorKind::Person,
            };
            let country = g
                .form
                .and_then(|f| defs[f].country)
                .map(str::to_string)
                .or_else(|| country_from_ids(out))
                .or_else(|| out.jurisdiction.clone());
            if out.jurisdiction.is_none() {
                out.jurisdiction = country.clone();
            }
            out.operator = Some(Operator {
                legal_form: form.map(str::to_string),
                name: g.name.clone(),
                kind,
                as_written: text[first.start..first.end].to_string(),
                start: ctx.char_offset(first.start),
                end: ctx.char_offset(first.end),
                clause: ctx.clause_at(first.start),
                country,
            });
        } else {
            let role = g
                .role
                .unwrap_or_else(|| context_role(p, text, first.start, first.end));
            out.organizations.push(Organization {
                legal_form: form.map(str::to_string),
                name: g.name.clone(),
                role,
                as_written: text[first.start..first.end].to_string(),
                start: ctx.char_offset(first.start),
                end: ctx.char_offset(first.end),
                clause: ctx.clause_at(first.start),
            });
        }
        for &m in &g.mentions {
            let c = &cands[m];
            out.mentions.push(Mention {
                kind: if is_op {
                    MentionKind::Operator
                } else {
                    MentionKind::Organization
                },
                text: text[c.start..c.end].to_string(),
                value: value.clone(),
                valid: None,
                start: ctx.char_offset(c.start),
                end: ctx.char_offset(c.end),
                clause: ctx.clause_at(c.start),
            });
        }
    }
}

/// No operator cue (issue 12, pattern 14): the one party the policy names with a legal form
/// (ООО, ИП, ТОО, …) outside any recipient or authority context is the operator («даю согласие
/// ООО «Ромашка», юридический адрес: …», «АО «Ромашка» далее по тексту — Разработчик»,
/// «действующие от имени ООО ROMASHKA»); of several, the only one whose requisites (an
/// identifier within a few lines after a mention) the text gives.
fn party_with_requisites(
    p: &Patterns,
    ctx: &DocContext,
    cands: &[Cand],
    groups: &[Group],
    out: &Extraction,
) -> Option<usize> {
    let text = ctx.text;
    let parties: Vec<usize> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| {
            let first = &cands[g.mentions[0]];
            g.role.is_none()
                && g.form.is_some()
                && context_role(p, text, first.start, first.end) == OrgRole::Other
                && !receives_or_acts(p, text, first.start, first.end)
        })
        .map(|(i, _)| i)
        .collect();
    if let [only] = parties[..] {
        return Some(only);
    }
    let with_ids: Vec<usize> = parties
        .into_iter()
        .filter(|&gi| {
            groups[gi].mentions.iter().any(|&m| {
                let end = ctx.char_offset(cands[m].end);
                out.identifiers
                    .iter()
                    .any(|id| id.start >= end && id.start <= end + REQUISITES_REACH)
            })
        })
        .collect();
    match with_ids[..] {
        [only] => Some(only),
        _ => None,
    }
}

/// «передавать в ООО «Ромашка»», «Google Inc. и Facebook обрабатывают информацию»: the party
/// receives the data or processes them on its own account (a recipient, not the operator).
fn receives_or_acts(p: &Patterns, text: &str, start: usize, end: usize) -> bool {
    let from = text.floor_char_boundary(start.saturating_sub(60));
    let before = text[from..start].to_lowercase();
    let before = before.rsplit(['.', '\n']).next().unwrap_or("");
    let to = text.ceil_char_boundary((end + 40).min(text.len()));
    let after = text[end..to].to_lowercase();
    let after = after.split(['.', '\n']).next().unwrap_or("");
    p.words.passes_to.iter().any(|w| before.contains(w))
        || p.words.acts.iter().any(|w| after.contains(w))
}

/// How far after a party's name (chars) its requisites may start.
const REQUISITES_REACH: usize = 200;

fn country_from_ids(out: &Extraction) -> Option<String> {
    out.identifiers
        .iter()
        .find_map(|id| super::id_types::id_type(id.kind).country)
        .map(str::to_string)
}

/// Every legal-entity and person mention, in text order, without overlaps.
/// Candidate spans by start, to find the first candidate (in list order) overlapping a span
/// without scanning the whole list for every match.
#[derive(Default)]
struct SpanIndex {
    by_start: std::collections::BTreeSet<(usize, usize)>,
    max_len: usize,
}

impl SpanIndex {
    fn add(&mut self, idx: usize, start: usize, end: usize) {
        self.by_start.insert((start, idx));
        self.max_len = self.max_len.max(end.saturating_sub(start));
    }

    /// Index of the first candidate in list order that overlaps `start..end`.
    fn first_overlap(&self, cands: &[Cand], start: usize, end: usize) -> Option<usize> {
        // An overlapping candidate starts before `end` and no earlier than `start - max_len`.
        let from = start.saturating_sub(self.max_len);
        self.by_start
            .range((from, 0)..(end, 0))
            .map(|&(_, i)| i)
            .filter(|&i| cands[i].start < end && start < cands[i].end)
            .min()
    }
}

/// A natural person parsed at byte `base`, unless a candidate already covers the name.
fn push_person(cands: &mut Vec<Cand>, index: &mut SpanIndex, base: usize, fio: Fio) {
    let (start, end) = (base + fio.offset, base + fio.len);
    if index.first_overlap(cands, start, end).is_some() {
        return;
    }
    index.add(cands.len(), start, end);
    cands.push(Cand {
        form: None,
        name: fio.nominative.clone(),
        person: Some(fio),
        start,
        end,
        role: None,
        cue: 0,
    });
}

fn find_candidates(p: &Patterns, text: &str, hits: &scan::Hits) -> Vec<Cand> {
    let (forms, defs) = (&p.forms, &p.form_defs);
    let mut cands: Vec<Cand> = Vec::new();
    forms.captures(text, &hits[scan::Src::Forms], |off, caps| {
        let m = caps.get(0).unwrap();
        let (ms, me) = (off + m.start(), off + m.end());
        if !names::bounded(text, ms, me) {
            return;
        }
        let Some(fi) = (1..caps.len()).find(|&i| caps.get(i).is_some()) else {
            return;
        };
        let def = &defs[fi - 1];
        let mut found = None;
        if def.after {
            found = name_after(p, text, me, def.entrepreneur);
        }
        if let Some((name, end, person)) = found {
            cands.push(Cand {
                form: Some(fi - 1),
                name,
                person,
                start: ms,
                end,
                role: None,
                cue: 0,
            });
            return;
        }
        if def.before {
            let from = text.floor_char_boundary(ms.saturating_sub(60));
            if let Some(c) = p.latin_before.captures(&text[from..ms]) {
                let g = c.get(1).unwrap();
                let end = if text[me..].starts_with('.') {
                    me + 1
                } else {
                    me
                };
                cands.push(Cand {
                    form: Some(fi - 1),
                    name: g.as_str().trim_end_matches(',').to_string(),
                    person: None,
                    start: from + g.start(),
                    end,
                    role: None,
                    cue: 0,
                });
            }
        }
    });
    let mut index = SpanIndex::default();
    for (i, c) in cands.iter().enumerate() {
        index.add(i, c.start, c.end);
    }
    // natural persons named as the operator
    p.person_cue
        .captures(text, &hits[scan::Src::PersonCue], |off, caps| {
            let m_end = off + caps.get(0).unwrap().end();
            let rest = &text[m_end..text.ceil_char_boundary(m_end + 200)];
            if let Some(fio) = p.names.parse_fio(rest, false) {
                push_person(&mut cands, &mut index, m_end, fio);
            } else if caps.name("dev").is_some() {
                // an app's developer, often named «Имя Фамилия» or in Latin letters
                // («Разработчик: Роман Карпенко», «разработано Sergei Smoliagin»)
                push_developer(p, &mut cands, &mut index, rest, m_end);
            }
        });
    // a person who says they work as self-employed: «Лаврентьев Артём Денисович, фотограф, работаю
    // как самозанятый (плательщик налога на профессиональный доход)»; the name opens the line
    for at in self_employed_mentions(p, text) {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let Some(fio) = p.names.parse_fio(&text[line_start..at], false) else {
            continue;
        };
        if fio.full {
            push_person(&mut cands, &mut index, line_start, fio);
        }
    }
    // organizations known by name
    let (known, kdefs) = &p.known;
    known.captures(text, &hits[scan::Src::Known], |off, caps| {
        let m = caps.get(0).unwrap();
        let (ms, me) = (off + m.start(), off + m.end());
        if !names::word_starts(text, ms) {
            return;
        }
        let Some(ki) = (1..caps.len()).find(|&i| caps.get(i).is_some()) else {
            return;
        };
        let KnownOrg { name, role } = kdefs[ki - 1];
        if let Some(i) = index.first_overlap(&cands, ms, me) {
            cands[i].role = Some(role);
            return;
        }
        index.add(cands.len(), ms, me);
        cands.push(Cand {
            form: None,
            name: name.to_string(),
            person: None,
            start: ms,
            end: me,
            role: Some(role),
            cue: 0,
        });
    });
    cands.sort_by_key(|c| c.start);
    // The line start of each candidate, found walking forward once (a search back from each
    // candidate costs the length of the line: quadratic on a long line).
    let (mut line_start, mut seen) = (0, 0);
    for c in &mut cands {
        if let Some(i) = text[seen..c.start].rfind('\n') {
            line_start = seen + i + 1;
        }
        seen = c.start;
        if c.role.is_none() {
            let name = c.name.to_lowercase();
            if p.words.bank.iter().any(|w| name.contains(w))
                || p.bank_label.is_match(&text[line_start..c.start])
            {
                c.role = Some(OrgRole::Bank);
            }
        }
    }
    cands
}

/// A developer named after a developer cue at byte `base` (`rest` is the text there): a full
/// name, «Фамилия Имя», «Имя Фамилия», or two capitalised Latin words as written.
fn push_developer(
    p: &Patterns,
    cands: &mut Vec<Cand>,
    index: &mut SpanIndex,
    rest: &str,
    base: usize,
) {
    if let Some(fio) = p
        .names
        .parse_fio(rest, true)
        .or_else(|| p.names.parse_first_surname(rest))
    {
        push_person(cands, index, base, fio);
        return;
    }
    let len = latin_words(rest, 3);
    let name = &rest[..len];
    if name.split(' ').count() != 2 || index.first_overlap(cands, base, base + len).is_some() {
        return;
    }
    index.add(cands.len(), base, base + len);
    cands.push(Cand {
        form: None,
        name: name.to_string(),
        person: None,
        start: base,
        end: base + len,
        role: None,
        cue: 0,
    });
}

/// The name that follows a legal form: quoted, a person's name (ИП) or one capitalised word.
/// Returns the name, the byte end of the mention and the parsed person's name.
fn name_after(
    p: &Patterns,
    text: &str,
    pos: usize,
    entrepreneur: bool,
) -> Option<(String, usize, Option<Fio>)> {
    let rest = &text[pos..text.ceil_char_boundary(pos + 300)];
    let skip = rest
        .char_indices()
        .find(|(_, c)| !matches!(c, ' ' | '\t' | '\u{a0}' | ':' | '—' | '–' | '-' | '*'))
        .map_or(rest.len(), |(i, _)| i);
    let s = &rest[skip..];
    let first = s.chars().next()?;
    if matches!(first, '«' | '"' | '„' | '“') {
        let (inner, len) = parse_quoted(s)?;
        let name = clean_name(inner);
        return (!name.is_empty()).then(|| (name, pos + skip + len, None));
    }
    if entrepreneur {
        if let Some(fio) = p.names.parse_fio(s, true) {
            let end = pos + skip + fio.len;
            return Some((fio.nominative.clone(), end, Some(fio)));
        }
        // a person's name in Latin letters («Individual Entrepreneur Ivan Petrov», «ИП Petrov
        // Ivan»): two or three capitalised words, as written
        let len = latin_words(s, 3);
        let name = &s[..len];
        return (name.split(' ').count() >= 2).then(|| (name.to_string(), pos + skip + len, None));
    }
    // short upper-case prefix before a quoted name: АО ДБ «Альфа-Банк»
    if let Some(sp) = s.find([' ', '\u{a0}']) {
        let head = &s[..sp];
        let tail = s[sp..].trim_start_matches([' ', '\u{a0}']);
        if head.chars().count() <= 4
            && head.chars().all(|c| c.is_uppercase())
            && tail.starts_with(['«', '"'])
        {
            if let Some((inner, len)) = parse_quoted(tail) {
                let name = format!("{head} {}", clean_name(inner));
                let end = pos + skip + (s.len() - tail.len()) + len;
                return Some((name, end, None));
            }
        }
    }
    let m = p.unquoted.find(s)?;
    let word = m.as_str();
    if p.words.not_a_name.contains(&word) || word.chars().count() < 2 {
        return None;
    }
    // an unquoted Latin name goes on over its next capitalised Latin words («ООО SILVER
    // LINE», «ООО Smart Solutions»), up to four words, not over a legal form («… Ltd»)
    let len = if word.is_ascii() {
        latin_words(s, 4).max(m.end())
    } else {
        m.end()
    };
    Some((s[..len].to_string(), pos + skip + len, None))
}

/// Latin legal-form words that end a Latin name written without quotes.
const LATIN_FORM_WORDS: &[&str] = &[
    "LLC", "Ltd", "LTD", "Inc", "INC", "GmbH", "Limited", "Corp", "LLP", "PLC", "AG", "SA", "BV",
];

/// The byte length of the run of at most `max` capitalised Latin words (letters, digits, `&`,
/// `'`, `.`, `-`) separated by single spaces at the start of `s`, without a trailing dot, comma
/// or legal-form word; 0 when `s` does not start with one.
fn latin_words(s: &str, max: usize) -> usize {
    let mut end = 0;
    let mut at = 0;
    for _ in 0..max {
        let rest = &s[at..];
        if !rest.starts_with(|c: char| c.is_ascii_uppercase()) {
            break;
        }
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '&' | '\'' | '.' | '-')))
            .unwrap_or(rest.len());
        let word = rest[..len].trim_end_matches(['.', '-']);
        if LATIN_FORM_WORDS.contains(&word) {
            break;
        }
        end = at + word.len();
        if !rest[len..].starts_with(' ') || len != word.len() {
            break;
        }
        at += len + 1;
    }
    end
}

fn clean_name(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches('*')
        .trim()
        .to_string()
}

/// A quoted name at the start of `s`: (inner text, byte length including the quotes). Nested
/// «» are kept inside; an unbalanced outer quote (`«ЦТТ «Эталон»`) ends at the last closing one.
fn parse_quoted(s: &str) -> Option<(&str, usize)> {
    let open = s.chars().next()?;
    let ol = open.len_utf8();
    let mut depth = 1;
    let mut last_close = None;
    for (i, c) in s[ol..].char_indices() {
        let i = i + ol;
        if i > 200 || c == '\n' {
            break;
        }
        let closes = match open {
            '«' => c == '»',
            '"' => c == '"',
            '„' => c == '“' || c == '”',
            _ => c == '”',
        };
        if open == '«' && c == '«' {
            depth += 1;
        } else if closes {
            depth -= 1;
            last_close = Some(i);
            if depth == 0 {
                return Some((&s[ol..i], i + c.len_utf8()));
            }
        }
    }
    let lc = last_close?;
    let cl = s[lc..].chars().next()?.len_utf8();
    Some((&s[ol..lc + cl], lc + cl))
}

/// Operator cues around one mention.
fn cue_score(p: &Patterns, text: &str, start: usize, end: usize) -> u32 {
    let mut score = 0;
    let window = &text[end..text.ceil_char_boundary(end + 200)];
    let window = window.find('\n').map_or(window, |i| &window[..i]);
    if let Some(c) = p.after_cue.captures(window) {
        let at = c.get(0).unwrap().start();
        if c.name("further").is_some() || window[..at].trim().is_empty() {
            score += 3;
        }
    }
    let from = text.floor_char_boundary(start.saturating_sub(120));
    if p.before_cue.is_match(&text[from..start]) {
        score += 2;
    }
    // «…, работаю как самозанятый» right after the name, in the same sentence
    let sentence = window.find(". ").map_or(window, |i| &window[..i]);
    if is_self_employed(p, sentence) {
        score += 3;
    }
    score
}

/// Whether `text` has a [`self_employed_mentions`] word (a str search: a sentence is too short
/// to build memmem searchers for).
fn is_self_employed(p: &Patterns, text: &str) -> bool {
    p.words.self_employed.iter().any(|w| text.contains(w))
}

/// Byte offsets of «самозанят…» / «налога на профессиональный доход» (a self-employed person).
fn self_employed_mentions(p: &Patterns, text: &str) -> Vec<usize> {
    // memmem: a SIMD search (the str searcher walked every text three times)
    let mut at: Vec<usize> = p
        .words
        .self_employed
        .iter()
        .flat_map(|w| memchr::memmem::find_iter(text.as_bytes(), w.as_bytes()))
        .collect();
    at.sort_unstable();
    at
}

/// The role of an organization from the words nearest to its mention on the same line (a list
/// of recipients has one per line or item): «ООО «Яндекс» (AppMetrica) — аналитика» → analytics,
/// «службе доставки ТОО «Алем Логистикс»» → delivery. The name itself counts (distance 0).
fn context_role(p: &Patterns, text: &str, start: usize, end: usize) -> OrgRole {
    let line_from = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_to = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let from = text.floor_char_boundary(start.saturating_sub(150).max(line_from));
    let to = text.ceil_char_boundary((end + 150).min(line_to));
    let ctx = &text[from..to];
    let (s, e) = (start - from, end - from);
    let distance = |ms: usize, me: usize| s.saturating_sub(me).max(ms.saturating_sub(e));
    p.role_ctx
        .iter()
        .filter_map(|(re, role)| {
            re.find_iter(ctx)
                .map(|m| distance(m.start(), m.end()))
                .min()
                .map(|d| (d, *role))
        })
        .min_by_key(|&(d, _)| d)
        .map_or(OrgRole::Other, |(_, r)| r)
}

/// Comparison key of an organization name: lower case, ё→е, quotes and a trailing domain suffix
/// removed (ООО «FAP.CAP» and ООО «FAP.CAP.ru» are one party).
fn org_key(p: &Patterns, name: &str) -> String {
    let k: String = crate::lexicon::fold(name)
        .chars()
        .filter(|c| !matches!(c, '«' | '»' | '"' | '„' | '“' | '”'))
        .collect();
    p.tld_suffix.replace(k.trim(), "").into_owned()
}

fn abbr(p: &Patterns, form: Option<usize>) -> Option<&'static str> {
    form.map(|f| p.form_defs[f].abbr)
}

fn person_key(f: &Fio) -> String {
    format!(
        "{} {}",
        crate::lexicon::fold(&f.surname),
        f.initials.chars().next().unwrap_or(' ')
    )
}

/// Group the mentions of one party: persons by surname and first initial with compatible
/// initials, organizations by legal form and [`org_key`]. Each candidate's key is computed once
/// and looked up by hash (one comparison per pair of candidates is quadratic on a text naming
/// thousands of organizations); a mention joins the first group it matches.
fn group(p: &Patterns, cands: &[Cand]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    // person key → the person groups with that key, in group order
    let mut persons: HashMap<String, Vec<usize>> = HashMap::new();
    let mut orgs: crate::dedup::Index<(Option<&'static str>, String)> = Default::default();
    for (i, c) in cands.iter().enumerate() {
        let found = match &c.person {
            Some(b) => {
                let bucket = persons.entry(person_key(b)).or_default();
                let hit = bucket.iter().copied().find(|&g| {
                    let a = groups[g].person.as_ref().expect("a person group");
                    a.initials.starts_with(&b.initials) || b.initials.starts_with(&a.initials)
                });
                if hit.is_none() {
                    bucket.push(groups.len());
                }
                hit
            }
            None => orgs
                .get_or_insert((abbr(p, c.form), org_key(p, &c.name)), groups.len())
                .ok(),
        };
        match found {
            Some(g) => {
                let g = &mut groups[g];
                g.mentions.push(i);
                g.cue += c.cue;
                g.role = g.role.or(c.role);
                if g.form.is_none() {
                    g.form = c.form;
                }
                if let (Some(a), Some(b)) = (&g.person, &c.person) {
                    if b.full && !a.full {
                        g.person = Some(b.clone());
                        g.name = c.name.clone();
                    }
                }
            }
            None => groups.push(Group {
                form: c.form,
                name: c.name.clone(),
                person: c.person.clone(),
                mentions: vec![i],
                role: c.role,
                cue: c.cue,
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cues before they were read from `data/lexicon/ru/operator_cues.tsv`.
    const AFTER_CUE: &str = r#"\(\s*(?P<further>далее(?:\s+по\s+тексту)?\s*[-–—:]?)?\s*[«"“]?\s*(?:Оператор|Компания|Администрация|Исполнитель|Общество|Продавец|Владелец|Правообладатель|Лицензиар|Товарищество|Организация|[Мм]ы|[Оо]ператор|[Кк]омпания|[Ии]сполнитель|ООО|ИП|ТОО|АО|ОДО|ЧУП)"#;
    const BEFORE_CUE: &str = r"(?i)(?:оператор[а-яёА-ЯЁa-zA-Z0-9_]*|принадлежащ[а-яёА-ЯЁa-zA-Z0-9_]*|предпринимаем[а-яёА-ЯЁa-zA-Z0-9_]*|наименование|юридическое\s+лицо|организация|реквизиты\s+[а-яёА-ЯЁa-zA-Z0-9_]+|является|выступает|разработан[а-яёА-ЯЁa-zA-Z0-9_]*(?:\s+и\s+поддерживает[а-яё]*)?|поддерживает[а-яё]*|разработчик[а-яёА-ЯЁa-zA-Z0-9_]*(?:\s+(?:приложения|сервиса|сайта|программы))?(?:\s+явля[а-яё]+)?|документом|исполнител[а-яёА-ЯЁa-zA-Z0-9_]*|владел[а-яёА-ЯЁa-zA-Z0-9_]*|правообладател[а-яёА-ЯЁa-zA-Z0-9_]*|персональных\s+данных|конфиденциальности)(?:\s+персональных\s+данных)?[\s:—–\-*]*$";

    /// The Russian cues read from the data file are the old literals, and Russian reads the
    /// legal forms as the table says (no override).
    #[test]
    fn russian_cues_are_the_old_literals() {
        let p = Patterns::new(&crate::lexicon::LANGUAGES[0]);
        assert_eq!(p.after_cue.as_str(), AFTER_CUE);
        assert_eq!(p.before_cue.as_str(), BEFORE_CUE);
        assert!(crate::lexicon::rows::<3>(
            "legal_form_overrides.tsv",
            crate::lexicon::LANGUAGES[0].legal_form_overrides
        )
        .is_empty());
    }

    /// The patterns read from `operator_words.tsv` and `recipient_roles.tsv` are the old
    /// literals.
    #[test]
    fn operator_words_are_the_old_literals() {
        const PERSON_CUE: &str = r"(?i)(?:оператор(?:ом)?(?:\s+персональных\s+данных)?\s+(?:является|выступает)|оператор(?:\s+персональных\s+данных)?\s*[:—–-]|исполнитель\s*[:—–-]|владелец(?:\s+сайта)?\s*[:—–-]|граждан(?:ин|ка|ином|кой)(?:\s+(?:Республики\s+[а-яёА-ЯЁa-zA-Z0-9_]+|Российской\s+Федерации|РФ|РБ|РК))?|(?P<dev>разработчик(?:ом|ами|и)?(?:\s+(?:приложения|сервиса|сайта|программы))?\s*(?:[:—–-]|явля(?:ется|ются))|разработан[оаы]?|являются\s+разработчиками(?:\s+(?:приложения|сервиса|сайта|программы))?))[\s:]*";
        const BANK_LABEL: &str = r"(?i)банк[а-яёА-ЯЁa-zA-Z0-9_]*(?:\s+получателя)?\s*:?\s*$";
        const TLD_SUFFIX: &str = r"\.(?:ru|kz|by|com|net|org|io|рф|su|pro|online)$";
        let roles = [
            (
                r"(?i)по\s+поручению|обработчик|подрядчик|бухгалтер",
                OrgRole::Processor,
            ),
            (
                r"(?i)хостинг|сервер|дата-центр|виртуальн|облачн",
                OrgRole::Hosting,
            ),
            (r"(?i)плат[её]ж|оплат|эквайр|касс", OrgRole::Payment),
            (r"(?i)банк|bank", OrgRole::Bank),
            (r"(?i)аналитик|метрик|статистик", OrgRole::Analytics),
            (r"(?i)достав|курьер|логистик|почтов", OrgRole::Delivery),
            (
                r"(?i)государствен|орган[а-яёА-ЯЁa-zA-Z0-9_]*\s+власти|суд|налогов",
                OrgRole::Authority,
            ),
        ];
        let p = Patterns::new(&crate::lexicon::LANGUAGES[0]);
        assert_eq!(p.person_cue.pattern, PERSON_CUE);
        assert_eq!(p.bank_label.as_str(), BANK_LABEL);
        assert_eq!(p.tld_suffix.as_str(), TLD_SUFFIX);
        let got: Vec<(&str, OrgRole)> = p.role_ctx.iter().map(|(r, o)| (r.as_str(), *o)).collect();
        assert_eq!(got, roles);
        assert_eq!(
            p.words.not_a_name,
            [
                "Оператор",
                "Компания",
                "Общество",
                "Исполнитель",
                "Пользователь",
                "Администрация",
                "Сайт",
                "Сервис",
            ]
        );
        assert_eq!(p.words.passes_to, ["переда", "поруч", "предоставл"]);
        assert_eq!(p.words.acts, ["обрабатыва"]);
        assert_eq!(p.words.bank, ["банк", "bank"]);
        assert_eq!(
            p.words.self_employed,
            ["самозанят", "Самозанят", "налога на профессиональный доход"]
        );
    }

    /// English: «XYZ LLC» takes the name before the form and is reported as LLC; an alias in
    /// brackets names the operator.
    #[test]
    fn english_operators() {
        let en = Patterns::new(crate::lexicon::files(crate::language::Lang::En));
        let cases = [
            (
                "1.1. BrightPath LLC (\"BrightPath\", \"we\") operates the app.",
                Some(("LLC", "BrightPath")),
            ),
            (
                "1.1. This Privacy Policy explains how Acme Software Ltd collects data.",
                Some(("LTD", "Acme Software")),
            ),
            (
                "1.1. GreenLeaf Market Inc. (the \"Company\") respects your privacy.",
                Some(("INC", "GreenLeaf Market")),
            ),
            ("1.1. We use Stripe for payments.", None),
        ];
        for (text, want) in cases {
            let ctx = DocContext::new(text, &[], &[]);
            let mut e = crate::extract::compiled().start(text);
            extract(&en, &ctx, &mut e);
            let got = e
                .entities
                .operator
                .map(|o| (o.legal_form.unwrap_or_default(), o.name));
            let want = want.map(|(f, n)| (f.to_string(), n.to_string()));
            assert_eq!(got, want, "{text}");
        }
    }

    fn run(text: &str) -> Extraction {
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = crate::extract::compiled().start(text);
        extract(&crate::extract::compiled().operator, &ctx, &mut e);
        e
    }

    fn op(text: &str) -> Option<(Option<String>, String)> {
        run(text).entities.operator.map(|o| (o.legal_form, o.name))
    }

    fn some(form: Option<&str>, name: &str) -> Option<(Option<String>, String)> {
        Some((form.map(str::to_string), name.to_string()))
    }

    #[test]
    fn latin_names_after_a_russian_or_english_form() {
        // issue 12, pattern 12: an unquoted Latin name of several words, an entrepreneur
        // named in Latin letters
        let cases = [
            (
                "1.1. Оператор — ООО SILVER LINE (далее — Оператор), ИНН 7707083893.",
                some(Some("ООО"), "SILVER LINE"),
            ),
            (
                "1.1. Оператор — ООО Smart Solutions Group, ИНН 7707083893.",
                some(Some("ООО"), "Smart Solutions Group"),
            ),
            (
                "1.1. Оператором является ИП Petrov Ivan, ИНН 772515432577.",
                some(Some("ИП"), "Petrov Ivan"),
            ),
            (
                "1.1. Оператором является Individual Entrepreneur Ivan Petrov, ИНН 772515432577.",
                some(Some("ИП"), "Ivan Petrov"),
            ),
            // one Latin word, then Russian text: the word alone
            (
                "1.1. Оператор — ООО Yandex. Он обрабатывает данные.",
                some(Some("ООО"), "Yandex"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(op(text), want, "{text}");
        }
        assert_eq!(latin_words("Acme Software Ltd", 4), "Acme Software".len());
        assert_eq!(latin_words("Acme. Next", 4), "Acme".len());
        assert_eq!(latin_words("Иванов", 4), 0);
    }

    #[test]
    fn the_party_with_requisites_is_the_operator_without_a_cue() {
        // issue 12, pattern 14
        let text = "Настоящим даю согласие ООО «Ромашка», юридический адрес: г. Москва, ул. Ленина, 1, на обработку моих данных.";
        assert_eq!(op(text), some(Some("ООО"), "Ромашка"));
        let text = "Данные передаются в ООО «Доставка» для доставки заказов.\n\nКонтакты\nИП Петров Пётр Петрович\nИНН 772515432577\n";
        assert_eq!(op(text), some(Some("ИП"), "Петров Пётр Петрович"));
        // two parties, no requisites: nobody is chosen
        let text = "Сайт ведут ООО «Альфа» и ООО «Бета».";
        assert_eq!(op(text), None);
    }

    #[test]
    fn a_self_employed_person_named_first() {
        // held-out h13: no legal form, the name opens the line
        let text = "Кто я\n\nЛаврентьев Артём Денисович, фотограф, работаю как самозанятый (плательщик налога на профессиональный доход), ИНН 662304718539, г. Екатеринбург.\n\nЯ собираю имя и телефон.";
        assert_eq!(op(text), Some((None, "Лаврентьев Артём Денисович".into())));
        // a name in a sentence that is not about self-employment is no operator
        assert_eq!(
            op("Лаврентьев Артём Денисович, фотограф.\n\nЯ собираю имя."),
            None
        );
    }

    #[test]
    fn an_apps_developer_named_without_a_patronymic() {
        // heldout2 h218, h216, h215 (issue 12, pattern 15): a natural person named as the
        // app's developer, first name first or in Latin letters
        let cases = [
            ("Действует с: 28 апреля 2026 г. Разработчик: Роман Карпенко (roman.karpenk@gmail.com)\n\nЧто мы собираем: имя.", "Роман Карпенко"),
            ("1.2 Разработчиками Приложения являются Валентина Селезнёва и Максим Решетов (далее – Разработчики).\n\nМы собираем имя.", "Валентина Селезнёва"),
            ("Приложение «Weekend Guide» (далее — «Приложение») разработано Sergei Smoliagin (далее — «Разработчик»), Германия.\n\nМы собираем имя.", "Sergei Smoliagin"),
            ("Сайт разработан Романом Карпенко.\n\nМы собираем имя.", "Роман Карпенко"),
        ];
        for (text, name) in cases {
            assert_eq!(op(text), Some((None, name.into())), "{text}");
        }
        // a cue followed by no person's name names nobody
        for text in [
            "Документ разработан Оператором в соответствии с законом.\n\nМы собираем имя.",
            "Приложение разработано Google.\n\nМы собираем имя.",
            "Разработчик: Администрация сайта.\n\nМы собираем имя.",
        ] {
            assert_eq!(op(text), None, "{text}");
        }
    }

    #[test]
    fn a_public_foundation_and_initials_without_the_last_dot() {
        // heldout3 h312, h318 (issue 12, pattern 15): «Общественный фонд» (Kazakhstan, ОФ) and
        // «ИП Неудачина Н.А» (the second initial has no dot)
        let text = "1.2. Оператор — Общественный фонд «Международный Фестиваль «Азия дауысы» (далее — Оператор).\n\nМы собираем имя.";
        assert_eq!(
            op(text),
            some(Some("ОФ"), "Международный Фестиваль «Азия дауысы»")
        );
        let text =
            "Политика конфиденциальности ИП Неудачина Н.А, ИНН 366400000000.\n\nМы собираем имя.";
        assert_eq!(op(text).map(|o| o.1), Some("Неудачина Н.А".into()));
    }

    #[test]
    fn organization_roles_come_from_their_own_line() {
        // held-out h08/h09/h11: recipients listed one per line
        let text = "1.1. Оператор — ООО «Вектор» (далее — Оператор).\n\
                    в) ООО «Яндекс» (AppMetrica) — аналитика использования приложения.\n\
                    г) ООО «Касса Онлайн» — приём оплаты.\n\
                    5.1. Данные передаются службе доставки ТОО «Алем Логистикс».\n\
                    Бухгалтерский учёт ведёт по договору ООО «Бухгалтер Плюс», которое получает платёжные документы.\n";
        let e = run(text);
        let role = |name: &str| {
            e.organizations
                .iter()
                .find(|o| o.name == name)
                .map(|o| o.role.as_str())
                .unwrap_or_else(|| panic!("{name}: {:?}", e.organizations))
        };
        assert_eq!(role("Яндекс"), "analytics");
        assert_eq!(role("Касса Онлайн"), "payment");
        assert_eq!(role("Алем Логистикс"), "delivery");
        assert_eq!(role("Бухгалтер Плюс"), "processor");
    }

    #[test]
    fn lower_case_we_cue_beats_a_processor_named_twice() {
        // held-out h06: the developer introduced as «мы», Google named twice as a processor
        let text = "Приложение разработано и поддерживается ООО «Буквица Лабс» (далее — «мы»). \
                    Мы передаём данные поставщикам: Google LLC (аналитика). \
                    Сведения обрабатываются Google LLC на серверах за рубежом.";
        assert_eq!(op(text), Some((Some("ООО".into()), "Буквица Лабс".into())));
    }

    #[test]
    fn seed_000_entrepreneur_in_the_dative() {
        let text = "регулирует порядок обработки персональных данных пользователей онлайн-сервиса Baloons.pro (далее — «Сервис»), принадлежащего индивидуальному предпринимателю Лукашенко Игорю Игоревичу (ИИН 615419608656).\n\n11. РЕКВИЗИТЫ ИСПОЛНИТЕЛЯ\n\nИндивидуальный предприниматель: Лукашенко Игорь Игоревич\n\nИНН: 615419608656\n\nБанк: ООО \"Банк Точка\"\n";
        let e = run(text);
        let o = e.operator.clone().unwrap();
        assert_eq!(o.legal_form.as_deref(), Some("ИП"));
        assert_eq!(o.name, "Лукашенко Игорь Игоревич");
        assert_eq!(o.kind, OperatorKind::IndividualEntrepreneur);
        assert_eq!(
            o.as_written,
            "индивидуальному предпринимателю Лукашенко Игорю Игоревичу"
        );
        let chars: String = text.chars().skip(o.start).take(o.end - o.start).collect();
        assert_eq!(chars, o.as_written);
        assert_eq!(e.organizations.len(), 1);
        assert_eq!(e.organizations[0].name, "Банк Точка");
        assert_eq!(e.organizations[0].role, OrgRole::Bank);
        assert_eq!(
            e.mentions
                .iter()
                .filter(|m| m.kind == MentionKind::Operator)
                .count(),
            2
        );
    }

    #[test]
    fn seed_001_organization_named_many_times_wins() {
        let text = "1.1. Настоящая Политика определяет порядок обработки и защиты Обществом с ограниченной ответственностью «КАКТУС24» (далее – ООО «КАКТУС24») информации о физических лицах, которая может быть получена ООО «КАКТУС24».\n2.1. ООО «БП» обрабатывает персональные данные Пользователя в целях:\n3.1. ООО «КАКТУС24» принимает все необходимые меры";
        let e = run(text);
        assert_eq!(
            e.operator
                .as_ref()
                .map(|o| (o.legal_form.clone(), o.name.clone())),
            some(Some("ООО"), "КАКТУС24")
        );
        assert_eq!(
            e.entities.operator.clone().unwrap().as_written,
            "Обществом с ограниченной ответственностью «КАКТУС24»"
        );
        assert_eq!(e.organizations.len(), 1);
        assert_eq!(e.organizations[0].name, "БП");
        assert_eq!(e.organizations[0].role, OrgRole::Other);
    }

    #[test]
    fn seed_002_kazakh_partnership() {
        let text = "Настоящая Политика конфиденциальности («Политика») объясняет какие персональные данные собираются Товариществом с ограниченной ответственностью \"Видеорешения\" («Компания»/«Мы») при использовании вами веб-сайта flussonic.kz";
        let e = run(text);
        let o = e.entities.operator.clone().unwrap();
        assert_eq!(
            (o.legal_form.as_deref(), o.name.as_str()),
            (Some("ТОО"), "Видеорешения")
        );
        assert_eq!(o.country.as_deref(), Some("KZ"));
        assert_eq!(e.jurisdiction.as_deref(), Some("KZ"));
    }

    #[test]
    fn seed_003_entrepreneur_in_bold_and_seed_004_no_operator() {
        let text = "Настоящая Политика конфиденциальности персональных данных является официальным документом **ИП Волконская Анжелика Николаевна**, расположенного по адресу 410000, г. Саратов";
        assert_eq!(op(text), some(Some("ИП"), "Волконская Анжелика Николаевна"));
        let text = "получаемой от пользователей сайта (далее – Пользователи) администратором сайта ALLJUS.RU (далее - Компания).";
        assert_eq!(op(text), None);
    }

    #[test]
    fn legal_forms_in_every_spelling() {
        let cases = [
            ("Оператор: ООО «Ромашка»", Some("ООО"), "Ромашка"),
            ("Оператор: OOO «Romashka»", Some("ООО"), "Romashka"),
            ("Оператор: LLC «Romashka»", Some("ООО"), "Romashka"),
            ("Оператор: Romashka LLC, адрес", Some("ООО"), "Romashka"),
            ("Оператор: TENSEND LLP", Some("ТОО"), "TENSEND"),
            ("Оператор: Acme Ltd.", Some("LTD"), "Acme"),
            ("Оператор: Acme JSC", Some("АО"), "Acme"),
            (
                "Оператор: Публичным акционерным обществом «Звезда»",
                Some("ПАО"),
                "Звезда",
            ),
            ("Оператор: АО «Звезда»", Some("АО"), "Звезда"),
            ("Оператор: ОДО «Лес»", Some("ОДО"), "Лес"),
            ("Оператор: ЧТУП «Лес»", Some("ЧТУП"), "Лес"),
            ("Оператор: ЧУП «Лес»", Some("ЧУП"), "Лес"),
            ("Оператор: АНО «Лес»", Some("АНО"), "Лес"),
            ("Оператор: ФГУП «Лес»", Some("ФГУП"), "Лес"),
            ("Оператор: ГБУ „Лес“", Some("ГБУ"), "Лес"),
            ("Оператор: ТОО «NalogAI»", Some("ТОО"), "NalogAI"),
            // issue 12, pattern 15: schools, institutions, Belarusian forms, funds
            ("Оператор: ЧП «Лес»", Some("ЧП"), "Лес"),
            ("Оператор: УП «Лес»", Some("УП"), "Лес"),
            ("Оператор: МБОУ «Лицей»", Some("МБОУ"), "Лицей"),
            ("Оператор: МОАУ «Гимназия»", Some("МОАУ"), "Гимназия"),
            ("Оператор: ГБОУ «Школа»", Some("ГБОУ"), "Школа"),
            (
                "Оператор: ГУО «Средняя школа»",
                Some("ГУО"),
                "Средняя школа",
            ),
            ("Оператор: ЧОУ ДПО «Академия»", Some("ЧОУ ДПО"), "Академия"),
            ("Оператор: АНО ДПО «Академия»", Some("АНО ДПО"), "Академия"),
            (
                "Оператор: Благотворительный фонд «Добро»",
                Some("Фонд"),
                "Добро",
            ),
            (
                "Оператор: Ассоциация «Электрики»",
                Some("Ассоциация"),
                "Электрики",
            ),
            (
                "Оператор: Individual Entrepreneur Иванов Иван Иванович",
                Some("ИП"),
                "Иванов Иван Иванович",
            ),
            ("Оператор\nООО «ЦТТ «Эталон»\n", Some("ООО"), "ЦТТ «Эталон»"),
            ("Оператор: ООО «Банк «Точка»» и", None, ""),
            (
                "Оператор: ИП Осинцевым Юрием Витальевичем",
                Some("ИП"),
                "Осинцев Юрий Витальевич",
            ),
        ];
        for (text, form, name) in cases {
            let got = op(text);
            if form.is_none() && name.is_empty() {
                assert_eq!(got, None, "{text}");
                assert_eq!(run(text).organizations[0].name, "Банк «Точка»");
            } else {
                assert_eq!(got, some(form, name), "{text}");
            }
        }
    }

    #[test]
    fn natural_persons_without_form() {
        let text = "1.2. Оператором персональных данных выступает гражданин Республики Беларусь Климов Владислав Евгеньевич (далее — Оператор).";
        let o = run(text).entities.operator.unwrap();
        assert_eq!(o.legal_form, None);
        assert_eq!(o.kind, OperatorKind::Person);
        assert_eq!(o.name, "Климов Владислав Евгеньевич");
        assert_eq!(o.as_written, "Климов Владислав Евгеньевич");
        // initials first, full name later: the full name is used
        let text = "Оператор персональных данных — Кособоков А.А., ИНН 540409814223.\n\nИсполнитель: Кособоков Андрей Алексеевич, ИНН 540409814223.";
        let o = run(text).entities.operator.unwrap();
        assert_eq!(o.name, "Кособоков Андрей Алексеевич");
        assert_eq!(o.as_written, "Кособоков А.А.");
    }

    #[test]
    fn recipients_are_not_the_operator() {
        let text = "• ООО «Бегет» (Российская Федерация): Предоставление услуг виртуального хостинга.\n• Cloudflare Inc. (США / ЕС): Маршрутизация трафика.";
        let e = run(text);
        assert_eq!(e.operator, None);
        let roles: Vec<_> = e
            .organizations
            .iter()
            .map(|o| (o.name.as_str(), o.role.as_str()))
            .collect();
        assert_eq!(roles, [("Бегет", "hosting"), ("Cloudflare", "hosting")]);
        // a form without a name is nothing
        assert_eq!(op("• Тип деятельности (самозанятый, ИП, ТОО)"), None);
    }

    #[test]
    fn parses_quoted_names() {
        let (inner, len) = parse_quoted("«Банк «Точка»» и").unwrap();
        assert_eq!((inner, len), ("Банк «Точка»", "«Банк «Точка»»".len()));
        assert_eq!(
            parse_quoted("«ЦТТ «Эталон»\nx").map(|p| p.0),
            Some("ЦТТ «Эталон»")
        );
        assert_eq!(parse_quoted("\"TENSEND\"").map(|p| p.0), Some("TENSEND"));
        assert_eq!(parse_quoted("«без конца\n"), None);
    }
}
