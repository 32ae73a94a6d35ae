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

use std::sync::LazyLock;

use regex::Regex;

use super::laws::CountryEvidence;
use super::Entities;
use crate::context::DocContext;
use crate::model::Finding;

/// A domain written in the text (a URL host, a bare domain or a brand that is a domain).
static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?P<at>@)?\b(?P<host>(?:[\p{L}\d](?:[\p{L}\d-]*[\p{L}\d])?\.)+(?:ru|рф|kz|by|com|net|org|io|pro|su|online|shop|store|app|me|info|biz|dev|site|uz|ua|eu|us)\b)(?P<next>@)?",
    )
    .unwrap()
});

/// «Интернет-магазин «X»», «сервиса **X**», «приложение Smart Tracker».
static BRAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i:интернет-магазин\w*|магазин\w*|сервис\w*|приложени\w*|платформ\w*|сайт\w*)[\s*]+(?:[«"“](?P<q>[^»"”\n]{2,40})[»"”]|\*\*(?P<b>[^*\n]{2,40})\*\*|(?P<l>[A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*){0,2}))"#,
    )
    .unwrap()
});

static FREE_MAIL: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/lexicon/free_mail.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

pub fn check(ctx: &DocContext, out: &mut Entities) {
    operator_name_conflict(out);
    domain_mismatch(ctx, out);
    brand_conflict(ctx, out);
}

fn push_clause(clauses: &mut Vec<String>, c: Option<String>) {
    if let Some(c) = c {
        if !clauses.contains(&c) {
            clauses.push(c);
        }
    }
}

fn name_key(s: &str) -> String {
    s.to_lowercase()
        .replace('ё', "е")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn operator_name_conflict(out: &mut Entities) {
    let Some(op) = &out.operator else { return };
    let Some(form) = &op.legal_form else { return };
    let others: Vec<_> = out
        .organizations
        .iter()
        .filter(|o| {
            o.role == "other"
                && o.legal_form.as_ref() == Some(form)
                && name_key(&o.name) != name_key(&op.name)
        })
        .collect();
    if others.is_empty() {
        return;
    }
    let mut clauses = Vec::new();
    push_clause(&mut clauses, op.clause.clone());
    for o in &others {
        push_clause(&mut clauses, o.clause.clone());
    }
    let names: Vec<String> = others
        .iter()
        .map(|o| format!("{form} «{}»", o.name))
        .collect();
    let finding = Finding {
        code: "operator_name_conflict".into(),
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

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

struct Host {
    written: String,
    domain: String,
    email: bool,
    clause: Option<String>,
}

fn domain_mismatch(ctx: &DocContext, out: &mut Entities) {
    let mut hosts: Vec<Host> = Vec::new();
    for c in DOMAIN.captures_iter(ctx.text) {
        if c.name("next").is_some() {
            continue; // the local part of an email ("kvant.bz@yandex.ru")
        }
        let h = c.name("host").unwrap();
        let domain = registrable(&h.as_str().to_lowercase());
        let email = c.name("at").is_some();
        if email && FREE_MAIL.contains(&domain.as_str()) {
            continue;
        }
        if !hosts
            .iter()
            .any(|x| x.written == h.as_str() && x.email == email)
        {
            hosts.push(Host {
                written: h.as_str().to_string(),
                domain,
                email,
                clause: ctx.clause_at(h.start()),
            });
        }
    }
    let mut reported: Vec<(String, String)> = Vec::new();
    let mut report = |out: &mut Entities, a: &Host, b: &Host, why: &str| {
        let key = if a.domain <= b.domain {
            (a.domain.clone(), b.domain.clone())
        } else {
            (b.domain.clone(), a.domain.clone())
        };
        if reported.contains(&key) {
            return;
        }
        reported.push(key);
        let mut clauses = Vec::new();
        push_clause(&mut clauses, a.clause.clone());
        push_clause(&mut clauses, b.clause.clone());
        out.findings.push(Finding {
            code: "domain_mismatch".into(),
            message: format!("{} vs {}: {why}", a.written, b.written),
            clauses,
        });
    };
    // near-miss spellings: Baloons.pro vs balloons.pro
    for (i, a) in hosts.iter().enumerate() {
        for b in &hosts[i + 1..] {
            let (la, lb) = (label(&a.domain), label(&b.domain));
            let d = edit_distance(la, lb);
            if d > 0 && d <= 2 && la.chars().count().min(lb.chars().count()) >= 5 {
                report(out, a, b, "near-miss spelling of the same domain");
            }
        }
    }
    // a company mailbox at a domain unrelated to every site domain named
    let sites: Vec<&Host> = hosts.iter().filter(|h| !h.email).collect();
    if !sites.is_empty() {
        for e in hosts.iter().filter(|h| h.email) {
            let le = label(&e.domain);
            let related = sites.iter().any(|s| {
                let ls = label(&s.domain);
                ls == le || edit_distance(ls, le) <= 2
            });
            if !related {
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

fn brand_conflict(ctx: &DocContext, out: &mut Entities) {
    // (normalized name, as written, count, clauses)
    let mut brands: Vec<(String, String, usize, Vec<String>)> = Vec::new();
    for c in BRAND.captures_iter(ctx.text) {
        let Some(m) = c.name("q").or(c.name("b")).or(c.name("l")) else {
            continue;
        };
        let name = m.as_str().trim().trim_matches('*').trim();
        let capital = name
            .chars()
            .next()
            .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit());
        if !capital || DOMAIN.is_match(name) {
            continue;
        }
        let key = name_key(name);
        if key.chars().count() < 3 {
            continue;
        }
        let clause = ctx.clause_at(m.start());
        match brands.iter_mut().find(|b| b.0 == key) {
            Some(b) => {
                b.2 += 1;
                push_clause(&mut b.3, clause);
            }
            None => {
                let mut cl = Vec::new();
                push_clause(&mut cl, clause);
                brands.push((key, name.to_string(), 1, cl));
            }
        }
    }
    let Some(main) = brands.iter().max_by_key(|b| b.2) else {
        return;
    };
    if main.2 < 3 {
        return;
    }
    for b in &brands {
        if b.0 != main.0 && b.2 * 3 <= main.2 {
            let mut clauses = b.3.clone();
            for c in main.3.iter().take(1) {
                push_clause(&mut clauses, Some(c.clone()));
            }
            out.findings.push(Finding {
                code: "brand_conflict".into(),
                message: format!(
                    "«{}» is named {} time(s) where the text otherwise names «{}» ({} times)",
                    b.1, b.2, main.1, main.2
                ),
                clauses,
            });
        }
    }
}

/// `jurisdiction_conflict` when laws, legislation or courts of more than one country are named.
pub fn jurisdiction_conflict(ctx: &DocContext, evidence: &[CountryEvidence]) -> Option<Finding> {
    let strong: Vec<&CountryEvidence> = evidence
        .iter()
        .filter(|e| matches!(e.kind, "law" | "legislation" | "court"))
        .collect();
    let mut countries: Vec<&str> = Vec::new();
    for e in &strong {
        if !countries.contains(&e.country) {
            countries.push(e.country);
        }
    }
    if countries.len() < 2 {
        return None;
    }
    let mut clauses = Vec::new();
    let mut parts = Vec::new();
    for c in &countries {
        let mut kinds: Vec<&str> = Vec::new();
        for e in strong.iter().filter(|e| e.country == *c) {
            push_clause(&mut clauses, ctx.clause_at(e.start));
            if !kinds.contains(&e.kind) {
                kinds.push(e.kind);
            }
        }
        parts.push(format!("{c} ({})", kinds.join(", ")));
    }
    Some(Finding {
        code: "jurisdiction_conflict".into(),
        message: format!(
            "the text points to more than one country: {}",
            parts.join(" vs ")
        ),
        clauses,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Clause, Operator, Organization};

    fn codes(e: &Entities) -> Vec<&str> {
        e.findings.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn seed_001_two_operator_names() {
        let ctx = DocContext::new("", &[], &[]);
        let mut e = Entities {
            operator: Some(Operator {
                legal_form: Some("ООО".into()),
                name: "КАКТУС24".into(),
                clause: Some("1.1".into()),
                ..Default::default()
            }),
            organizations: vec![
                Organization {
                    legal_form: Some("ООО".into()),
                    name: "БП".into(),
                    role: "other".into(),
                    clause: Some("2.1".into()),
                    ..Default::default()
                },
                Organization {
                    legal_form: Some("ООО".into()),
                    name: "Банк Точка".into(),
                    role: "bank".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        check(&ctx, &mut e);
        assert_eq!(codes(&e), ["operator_name_conflict"]);
        assert_eq!(e.findings[0].clauses, ["1.1", "2.1"]);
        assert!(e.findings[0].message.contains("ООО «БП»"));
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
        let mut e = Entities::default();
        check(&ctx, &mut e);
        assert_eq!(codes(&e), ["domain_mismatch"]);
        assert_eq!(e.findings[0].clauses, ["1.1", "7"]);
        assert!(e.findings[0].message.contains("Baloons.pro"));
    }

    #[test]
    fn same_brand_other_tld_and_free_mail_are_fine() {
        // seed 002: flussonic.kz site, support@flussonic.com mailbox
        let text = "веб-сайта flussonic.kz. Свяжитесь с нами по адресу support@flussonic.com. Почта kvant.bz@yandex.ru";
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = Entities::default();
        check(&ctx, &mut e);
        assert!(e.findings.is_empty(), "{:?}", e.findings);
        // a company mailbox elsewhere is reported
        let text = "Сайт\nfixactsport.org\n\nКонтакт\nadmin@verdico.ru";
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = Entities::default();
        check(&ctx, &mut e);
        assert_eq!(codes(&e), ["domain_mismatch"]);
    }

    #[test]
    fn seed_003_brand_used_once() {
        let text = "Интернет-магазин **Smart Tracker**, расположенный на доменном имени **bigio.ru**. сайта Интернет-магазин **Smart Tracker**. сайте Интернет-магазин \"Magic Ring\" для его. сайта Интернет-магазин **Smart Tracker**. сайта Интернет-магазин **Smart Tracker**.";
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = Entities::default();
        check(&ctx, &mut e);
        assert_eq!(codes(&e), ["brand_conflict"]);
        assert!(e.findings[0].message.contains("Magic Ring"));
        // one brand only: nothing
        let text = "сервиса NalogAI. Сервис NalogAI. сервис NalogAI.";
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = Entities::default();
        check(&ctx, &mut e);
        assert!(e.findings.is_empty());
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("baloons", "balloons"), 1);
        assert_eq!(edit_distance("flussonic", "flussonic"), 0);
        assert!(edit_distance("verdico", "fixactsport") > 2);
    }
}
