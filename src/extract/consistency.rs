//! Consistency findings across the extracted entities:
//!
//! * `operator_name_conflict`: another organization of the operator's legal form that is not a
//!   bank, payment system, hosting company or other known recipient (seed 001: ООО «КАКТУС24» and
//!   ООО «БП»);
//! * `domain_mismatch`: a brand, site or email domain that is a near-miss spelling of another one
//!   (seed 000: Baloons.pro vs balloons.pro), or a company email at a domain unrelated to the site;
//! * `jurisdiction_conflict`: laws, legislation or courts of different countries (seed 003), built
//!   by [`jurisdiction_conflict`] from the evidence that `laws` collects;
//! * `brand_conflict`: a shop/service/app name used once or twice against another used many times
//!   (seed 003: «Magic Ring» vs «Smart Tracker»).

use std::collections::{HashMap, HashSet};

use regex::Regex;

use super::names;
use super::near::NearIndex;
use super::scan;
use super::Extraction;
use crate::context::DocContext;
use crate::dedup::{Index, Unique};
use crate::model::{Finding, FindingCode, OrgRole};

/// A domain written in the text (a URL host, a bare domain or a brand that is a domain).
/// Searched only inside [`domain_regions`], which relies on the chars it can contain.
const DOMAIN: &str = r"(?i)(?P<at>@)?(?P<host>(?:[[а-яёА-ЯЁa-zA-Z]\d](?:[[а-яёА-ЯЁa-zA-Z]\d-]*[[а-яёА-ЯЁa-zA-Z]\d])?\.)+(?:ru|рф|kz|by|com|net|org|io|pro|su|online|shop|store|app|me|info|biz|dev|site|uz|ua|eu|us))(?P<next>@)?";

/// «Интернет-магазин «X»», «сервиса **X**», «приложение Smart Tracker».
const BRAND: &str = r#"(?i:интернет-магазин[а-яёА-ЯЁa-zA-Z0-9_]*|магазин[а-яёА-ЯЁa-zA-Z0-9_]*|сервис[а-яёА-ЯЁa-zA-Z0-9_]*|приложени[а-яёА-ЯЁa-zA-Z0-9_]*|платформ[а-яёА-ЯЁa-zA-Z0-9_]*|сайт[а-яёА-ЯЁa-zA-Z0-9_]*)[\s*]+(?:[«"“](?P<q>[^»"”\n]+)[»"”]|\*\*(?P<b>[^*\n]+)\*\*|(?P<l>[A-Z][[а-яёА-ЯЁa-zA-Z0-9_]-]*(?:[ \t]+[A-Z][[а-яёА-ЯЁa-zA-Z0-9_]-]*){0,2}))"#;

/// This module's compiled patterns and word list, built once by the [`crate::Engine`].
pub(super) struct Patterns {
    domain: Regex,
    brand: scan::AtCandidates,
    /// Free mail domains (`data/lexicon/free_mail.txt`).
    free_mail: Vec<&'static str>,
    processes_after: Regex,
    operator_before: Regex,
}

impl Patterns {
    pub(super) fn new() -> Self {
        Patterns {
            domain: Regex::new(DOMAIN).unwrap(),
            brand: scan::AtCandidates::new(BRAND.to_string(), scan::TRIGGER_CHARS + 1),
            free_mail: include_str!("../../data/lexicon/free_mail.txt")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect(),
            processes_after: Regex::new(PROCESSES_AFTER).unwrap(),
            operator_before: Regex::new(OPERATOR_BEFORE).unwrap(),
        }
    }
}

/// The literal triggers of this module's patterns, for the shared scan (`extract::registry`).
pub(super) fn patterns(p: &Patterns) -> Vec<super::Registered<'_>> {
    use super::{Narrowed, Registered};
    vec![
        Registered::new(
            "consistency: brands",
            Narrowed::AtHits(scan::Src::Brand, &p.brand),
        ),
        Registered::new(
            "consistency: domains",
            Narrowed::InRegions(&p.domain, domain_regions),
        ),
    ]
}

/// Chars that no [`DOMAIN`] match contains (not a letter, digit, `.`, `-` or `@`). Non-ASCII
/// chars are taken as possible letters except a few common punctuation marks and spaces.
fn outside_domain(c: char) -> bool {
    if c.is_ascii() {
        !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '@'))
    } else {
        matches!(
            c,
            '\u{a0}'
                | '«'
                | '»'
                | '—'
                | '–'
                | '“'
                | '”'
                | '„'
                | '…'
                | '№'
                | '•'
                | '‘'
                | '’'
        )
    }
}

/// The runs of text a [`DOMAIN`] match can lie in: every match has a dot followed by a letter
/// (before its TLD) and no char for which [`outside_domain`] holds, so it lies inside the
/// maximal run of other chars around such a dot; no match attempt crosses the run's ends.
fn domain_regions(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = text[from..].find('.') {
        let dot = from + k;
        from = dot + 1;
        let Some(&next) = b.get(dot + 1) else { break };
        if !(next.is_ascii_alphabetic() || next >= 0x80) {
            continue;
        }
        let start = text[..dot]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| !outside_domain(c))
            .last()
            .map_or(dot, |(i, _)| i);
        let end = text[dot..]
            .char_indices()
            .find(|&(_, c)| outside_domain(c))
            .map_or(text.len(), |(i, _)| dot + i);
        out.push((start, end));
        from = end.max(from);
    }
    out
}

pub(super) fn check(p: &Patterns, ctx: &DocContext, out: &mut Extraction) {
    operator_name_conflict(p, ctx, out);
    domain_mismatch(p, ctx, out);
    brand_conflict(p, ctx, out);
}

fn push_clause(clauses: &mut Vec<String>, c: Option<String>) {
    if let Some(c) = c {
        if !clauses.contains(&c) {
            clauses.push(c);
        }
    }
}

fn name_key(s: &str) -> String {
    crate::lexicon::fold(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A mention followed by a processing verb, or preceded by «Оператор(ом) является»: the text
/// says this organization processes the data (seed 001: «ООО «БП» обрабатывает персональные
/// данные Пользователя»), not that it receives them.
const PROCESSES_AFTER: &str = r"^[\s»\x22”)]*(?:\([^)]{0,80}\)\s*)?(?:обрабатывает|осуществляет\s+обработку|собирает|является\s+оператором|выступает\s+(?:в\s+качестве\s+)?оператор)";
const OPERATOR_BEFORE: &str = r"(?:Оператор|оператор)(?:ом)?(?:\s+является|\s*[:—–-])\s*$";

fn named_as_processing(p: &Patterns, ctx: &DocContext, o: &crate::model::Organization) -> bool {
    let (s, e) = (ctx.byte_offset(o.start), ctx.byte_offset(o.end));
    let text = ctx.text;
    let after = &text[e..text.ceil_char_boundary(e + 160)];
    let before = &text[text.floor_char_boundary(s.saturating_sub(60))..s];
    p.processes_after.is_match(after) || p.operator_before.is_match(before)
}

fn operator_name_conflict(p: &Patterns, ctx: &DocContext, out: &mut Extraction) {
    let Some(op) = &out.operator else { return };
    let Some(form) = &op.legal_form else { return };
    let others: Vec<_> = out
        .organizations
        .iter()
        .filter(|o| {
            o.role == OrgRole::Other
                && o.legal_form.as_ref() == Some(form)
                && name_key(&o.name) != name_key(&op.name)
                && named_as_processing(p, ctx, o)
        })
        .collect();
    if others.is_empty() {
        return;
    }
    let mut clauses = Unique::default();
    clauses.extend(op.clause.clone());
    clauses.extend(others.iter().filter_map(|o| o.clause.clone()));
    let clauses = clauses.into_vec();
    let names: Vec<String> = others
        .iter()
        .map(|o| format!("{form} «{}»", o.name))
        .collect();
    let finding = Finding {
        code: FindingCode::OperatorNameConflict,
        message: format!(
            "the operator is named {form} «{}» but the text also names {} as processing the data",
            op.name,
            names.join(", ")
        ),
        clauses,
    };
    out.findings.push(finding);
}

/// Second-level label of a host: "www.balloons.pro" → "balloons".
fn label(host: &str) -> &str {
    let mut parts = host.rsplit('.');
    parts.next();
    parts.next().unwrap_or(host)
}

fn registrable(host: &str) -> String {
    let parts: Vec<&str> = host.rsplit('.').take(2).collect();
    parts.into_iter().rev().collect::<Vec<_>>().join(".")
}

struct Host {
    written: String,
    domain: String,
    email: bool,
    clause: Option<String>,
}

fn domain_mismatch(p: &Patterns, ctx: &DocContext, out: &mut Extraction) {
    let mut hosts: Vec<Host> = Vec::new();
    let mut seen_hosts: HashSet<(String, bool)> = HashSet::new();
    let text = ctx.text;
    let placeholders = &out.placeholders;
    scan::captures_in_regions(&p.domain, text, &domain_regions(text), |off, c| {
        if c.name("next").is_some() {
            return; // the local part of an email ("kvant.bz@yandex.ru")
        }
        let h = c.name("host").unwrap();
        let (hs, he) = (off + h.start(), off + h.end());
        // A sample domain of a template («example.com», «info@site.ru») is no domain of
        // the operator's.
        if !names::bounded(text, hs, he) || super::placeholders::overlaps(placeholders, hs, he) {
            return;
        }
        let domain = registrable(&h.as_str().to_lowercase());
        let email = c.name("at").is_some();
        if email && p.free_mail.contains(&domain.as_str()) {
            return;
        }
        if seen_hosts.insert((h.as_str().to_string(), email)) {
            hosts.push(Host {
                written: h.as_str().to_string(),
                domain,
                email,
                clause: ctx.clause_at(hs),
            });
        }
    });
    let mut reported: HashSet<(String, String)> = HashSet::new();
    let mut report = |out: &mut Extraction, a: &Host, b: &Host, why: &str| {
        let key = if a.domain <= b.domain {
            (a.domain.clone(), b.domain.clone())
        } else {
            (b.domain.clone(), a.domain.clone())
        };
        if !reported.insert(key) {
            return;
        }
        let mut clauses = Vec::new();
        push_clause(&mut clauses, a.clause.clone());
        push_clause(&mut clauses, b.clause.clone());
        out.findings.push(Finding {
            code: FindingCode::DomainMismatch,
            message: format!("{} vs {}: {why}", a.written, b.written),
            clauses,
        });
    };
    // Near-miss spellings: Baloons.pro vs balloons.pro. Every pair of hosts (i < j) whose
    // labels are 1 or 2 edits apart and at least 5 chars long is reported once per pair of
    // domains, at its first pair of hosts: the first host of each domain. The labels are
    // paired through an index rather than one comparison per pair of hosts.
    let mut domains: Vec<usize> = Vec::new(); // first host of each distinct domain
    let mut domain_ix: Index<&str> = Index::default();
    for (i, h) in hosts.iter().enumerate() {
        if domain_ix.get_or_insert(&h.domain, domains.len()).is_err() {
            domains.push(i);
        }
    }
    let mut labels: Vec<Vec<usize>> = Vec::new(); // the domains of each distinct label
    let mut label_ix: Index<&str> = Index::default();
    let mut distinct: Vec<&str> = Vec::new();
    for (d, &h) in domains.iter().enumerate() {
        let l = label(&hosts[h].domain);
        if l.chars().count() < 5 {
            continue;
        }
        match label_ix.get_or_insert(l, labels.len()) {
            Ok(k) => labels[k].push(d),
            Err(_) => {
                distinct.push(l);
                labels.push(vec![d]);
            }
        }
    }
    let near = NearIndex::new(distinct.iter().copied());
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (ka, (ds, la)) in labels.iter().zip(&distinct).enumerate() {
        for kb in near.within2(la).into_iter().filter(|&kb| kb > ka) {
            for &da in ds {
                for &db in &labels[kb] {
                    let (x, y) = (domains[da], domains[db]);
                    pairs.push((x.min(y), x.max(y)));
                }
            }
        }
    }
    pairs.sort_unstable();
    for (i, j) in pairs {
        report(
            out,
            &hosts[i],
            &hosts[j],
            "near-miss spelling of the same domain",
        );
    }
    // a company mailbox at a domain unrelated to every site domain named
    let sites: Vec<&Host> = hosts.iter().filter(|h| !h.email).collect();
    if !sites.is_empty() {
        let mut site_ix: Index<&str> = Index::default();
        let site_labels = NearIndex::new(
            sites
                .iter()
                .map(|s| label(&s.domain))
                .filter(|l| site_ix.get_or_insert(l, 0).is_err()),
        );
        let mut related: HashMap<&str, bool> = HashMap::new();
        for e in hosts.iter().filter(|h| h.email) {
            let le = label(&e.domain);
            let is_related = *related
                .entry(le)
                .or_insert_with(|| !site_labels.within2(le).is_empty());
            if !is_related {
                report(
                    out,
                    e,
                    sites[0],
                    "email domain differs from the site's domain",
                );
            }
        }
    }
}

fn brand_conflict(p: &Patterns, ctx: &DocContext, out: &mut Extraction) {
    let hits = std::mem::take(&mut out.hits);
    // (normalized name, as written, count, clauses)
    let mut brands: Vec<(String, String, usize, Unique<String>)> = Vec::new();
    let mut brand_ix: Index<String> = Index::default();
    let text = ctx.text;
    p.brand.captures(text, &hits[scan::Src::Brand], |off, c| {
        let Some(m) = c.name("q").or(c.name("b")).or(c.name("l")) else {
            return;
        };
        let name = m.as_str().trim().trim_matches('*').trim();
        if name.chars().count() > 40 {
            return;
        }
        let capital = name
            .chars()
            .next()
            .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit());
        if !capital || p.domain.is_match(name) {
            return;
        }
        let key = name_key(name);
        if key.chars().count() < 3 {
            return;
        }
        let clause = ctx.clause_at(off + m.start());
        match brand_ix.get_or_insert(key.clone(), brands.len()) {
            Ok(i) => {
                let b = &mut brands[i];
                b.2 += 1;
                b.3.extend(clause);
            }
            Err(_) => {
                let mut cl = Unique::default();
                cl.extend(clause);
                brands.push((key, name.to_string(), 1, cl));
            }
        }
    });
    let Some(main) = brands.iter().max_by_key(|b| b.2) else {
        return;
    };
    if main.2 < 3 {
        return;
    }
    for b in &brands {
        if b.0 != main.0 && b.2 * 3 <= main.2 {
            let mut clauses = b.3.clone();
            clauses.extend(main.3.as_slice().iter().take(1).cloned());
            let clauses = clauses.into_vec();
            out.findings.push(Finding {
                code: FindingCode::BrandConflict,
                message: format!(
                    "«{}» is named {} time(s) where the text otherwise names «{}» ({} times)",
                    b.1, b.2, main.1, main.2
                ),
                clauses,
            });
        }
    }
    out.hits = hits;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::near::edit_distance;

    use crate::model::Clause;

    fn codes(e: &Extraction) -> Vec<&str> {
        e.findings.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn seed_001_two_operator_names() {
        // seed 001: «КАКТУС24» is the operator, clause 2.1 says «ООО «БП» обрабатывает …»
        let text = "1.1. Настоящая Политика определяет порядок обработки и защиты Обществом с ограниченной ответственностью «КАКТУС24» (далее – ООО «КАКТУС24») информации о физических лицах.\n\n2.1. ООО «БП» обрабатывает персональные данные Пользователя в целях: связи с Пользователем.\n\nБанк: ООО \"Банк Точка\"\n";
        let e = crate::extract::compiled().extract(&DocContext::new(text, &[], &[]));
        let codes: Vec<&str> = e.findings.iter().map(|f| f.code.as_str()).collect();
        assert!(
            codes.contains(&"operator_name_conflict"),
            "{:?}",
            e.findings
        );
        let f = e
            .findings
            .iter()
            .find(|f| f.code == FindingCode::OperatorNameConflict)
            .unwrap();
        assert!(f.message.contains("БП") && !f.message.contains("Точка"));
    }

    #[test]
    fn a_recipient_of_the_same_form_is_no_conflict() {
        // held-out h01: a delivery company listed among the recipients
        let text = "1.1. Оператор — Общество с ограниченной ответственностью «Уютный Дом» (далее — Оператор).\n\n5.2.1. ООО «СДЭК-Глобал» — в целях доставки заказов (фамилия, имя, номер телефона).\n";
        let e = crate::extract::compiled().extract(&DocContext::new(text, &[], &[]));
        assert_eq!(
            e.operator.as_ref().map(|o| o.name.as_str()),
            Some("Уютный Дом")
        );
        assert!(
            e.findings
                .iter()
                .all(|f| f.code != FindingCode::OperatorNameConflict),
            "{:?}",
            e.findings
        );
    }

    #[test]
    fn seed_000_near_miss_domain() {
        let text = "1.1. Используя Сервис Baloons.pro, Пользователь подтверждает.\n7. Отзывать согласие, направив письмо на адрес support@balloons.pro.\n";
        let clauses = vec![
            Clause {
                number: "1.1".into(),
                start: 0,
                end: 62,
                ..Default::default()
            },
            Clause {
                number: "7".into(),
                start: 62,
                end: text.chars().count(),
                ..Default::default()
            },
        ];
        let ctx = DocContext::new(text, &clauses, &[]);
        let mut e = crate::extract::compiled().start(text);
        check(&crate::extract::compiled().consistency, &ctx, &mut e);
        assert_eq!(codes(&e), ["domain_mismatch"]);
        assert_eq!(e.findings[0].clauses, ["1.1", "7"]);
        assert!(e.findings[0].message.contains("Baloons.pro"));
    }

    #[test]
    fn same_brand_other_tld_and_free_mail_are_fine() {
        // seed 002: flussonic.kz site, support@flussonic.com mailbox
        let text = "веб-сайта flussonic.kz. Свяжитесь с нами по адресу support@flussonic.com. Почта kvant.bz@yandex.ru";
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = crate::extract::compiled().start(text);
        check(&crate::extract::compiled().consistency, &ctx, &mut e);
        assert!(e.findings.is_empty(), "{:?}", e.findings);
        // a company mailbox elsewhere is reported
        let text = "Сайт\nfixactsport.org\n\nКонтакт\nadmin@verdico.ru";
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = crate::extract::compiled().start(text);
        check(&crate::extract::compiled().consistency, &ctx, &mut e);
        assert_eq!(codes(&e), ["domain_mismatch"]);
    }

    #[test]
    fn seed_003_brand_used_once() {
        let text = "Интернет-магазин **Smart Tracker**, расположенный на доменном имени **bigio.ru**. сайта Интернет-магазин **Smart Tracker**. сайте Интернет-магазин \"Magic Ring\" для его. сайта Интернет-магазин **Smart Tracker**. сайта Интернет-магазин **Smart Tracker**.";
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = crate::extract::compiled().start(text);
        check(&crate::extract::compiled().consistency, &ctx, &mut e);
        assert_eq!(codes(&e), ["brand_conflict"]);
        assert!(e.findings[0].message.contains("Magic Ring"));
        // one brand only: nothing
        let text = "сервиса NalogAI. Сервис NalogAI. сервис NalogAI.";
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = crate::extract::compiled().start(text);
        check(&crate::extract::compiled().consistency, &ctx, &mut e);
        assert!(e.findings.is_empty());
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("baloons", "balloons"), 1);
        assert_eq!(edit_distance("flussonic", "flussonic"), 0);
        assert!(edit_distance("verdico", "fixactsport") > 2);
    }
}
