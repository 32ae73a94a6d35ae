//! Scoring polex's practice fields against gold written by `../shared/dev/PRACTICES_GOLD.md`:
//! purposes, recipients and rights by id + document-level polarity (recipients also by name,
//! matched on the gold name or one of its aliases), retention by kind and, for a period, days
//! within ±1 %, and the three flags (cross-border status, cookies, automated decisions) by value.
//! `unmapped` is not scored.

use std::collections::{BTreeMap, BTreeSet};

use polex::model::{Document, Practice};
use serde_json::Value;

use super::Prf;

/// Right / total counts of a flag.
#[derive(Default, Debug, Clone, Copy)]
pub struct Acc {
    pub right: usize,
    pub total: usize,
}

/// The practice scores of one corpus.
#[derive(Default, Debug)]
pub struct PracticeScores {
    pub docs: usize,
    pub purposes: Prf,
    pub recipients: Prf,
    pub rights: Prf,
    pub retention: Prf,
    pub cross_border: Acc,
    pub cookies: Acc,
    pub automated_decisions: Acc,
    pub misses: Vec<String>,
}

/// A name as compared: lower case, ё→е, no quotes, single spaces.
fn norm_name(s: &str) -> String {
    let s = s.to_lowercase().replace('ё', "е");
    let s: String = s
        .chars()
        .map(|c| {
            if matches!(c, '«' | '»' | '"' | '“' | '”' | '„' | '\'') {
                ' '
            } else {
                c
            }
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn key(id: &str, name: Option<&str>, negated: bool) -> String {
    let mut k = id.to_string();
    if let Some(n) = name {
        k.push(':');
        k.push_str(n);
    }
    if negated {
        k.push_str(" (negated)");
    }
    k
}

/// Gold items → document-level keys: an (id, name) is negated only when every item about it is.
/// Returns the keys and, for named items, every accepted spelling → the gold name.
fn gold_keys(items: &Value) -> (BTreeSet<String>, BTreeMap<(String, String), String>) {
    let mut polarity: BTreeMap<(String, Option<String>), bool> = BTreeMap::new();
    let mut spellings = BTreeMap::new();
    for it in items.as_array().into_iter().flatten() {
        let id = it["id"].as_str().unwrap_or_default().to_string();
        let name = it["name"].as_str().map(norm_name);
        if let Some(n) = &name {
            spellings.insert((id.clone(), n.clone()), n.clone());
            for a in it["aliases"].as_array().into_iter().flatten() {
                if let Some(a) = a.as_str() {
                    spellings.insert((id.clone(), norm_name(a)), n.clone());
                }
            }
        }
        let neg = it["negated"].as_bool().unwrap_or(false);
        let e = polarity.entry((id, name)).or_insert(true);
        *e = *e && neg;
    }
    let keys = polarity
        .into_iter()
        .map(|((id, name), neg)| key(&id, name.as_deref(), neg))
        .collect();
    (keys, spellings)
}

fn pred_keys(
    items: &[Practice],
    spellings: &BTreeMap<(String, String), String>,
) -> BTreeSet<String> {
    items
        .iter()
        .map(|p| {
            let name = p.name.as_deref().map(|n| {
                let n = norm_name(n);
                spellings
                    .get(&(p.id.clone(), n.clone()))
                    .cloned()
                    .unwrap_or(n)
            });
            key(&p.id, name.as_deref(), p.negated)
        })
        .collect()
}

fn list(
    stem: &str,
    field: &str,
    pred: &[Practice],
    gold: &Value,
    prf: &mut Prf,
    misses: &mut Vec<String>,
) {
    let (g, spellings) = gold_keys(gold);
    let p = pred_keys(pred, &spellings);
    if p != g {
        misses.push(format!(
            "{stem}: {field} extra {:?} missing {:?}",
            p.difference(&g).collect::<Vec<_>>(),
            g.difference(&p).collect::<Vec<_>>()
        ));
    }
    prf.add(&p, &g);
}

/// Retention: (kind, days) pairs, deduplicated; a period matches when the days agree within ±1 %.
fn retention(stem: &str, d: &Document, gold: &Value, prf: &mut Prf, misses: &mut Vec<String>) {
    let mut g: Vec<(String, Option<u64>)> = gold
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            (
                r["kind"].as_str().unwrap_or_default().to_string(),
                r["days"].as_u64(),
            )
        })
        .collect();
    g.sort();
    g.dedup();
    let mut p: Vec<(String, Option<u64>)> = d
        .practices
        .retention
        .iter()
        .map(|r| (r.kind.as_str().to_string(), r.days))
        .collect();
    p.sort();
    p.dedup();
    let close = |a: &(String, Option<u64>), b: &(String, Option<u64>)| {
        a.0 == b.0
            && match (a.1, b.1) {
                (Some(x), Some(y)) => (x as f64 - y as f64).abs() <= 0.01 * y as f64,
                (x, y) => x == y,
            }
    };
    let mut used = vec![false; p.len()];
    let mut missing = Vec::new();
    for gi in &g {
        match (0..p.len()).find(|&i| !used[i] && close(&p[i], gi)) {
            Some(i) => {
                used[i] = true;
                prf.tp += 1;
            }
            None => {
                prf.fn_ += 1;
                missing.push(gi.clone());
            }
        }
    }
    let extra: Vec<_> = p
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(x, _)| x.clone())
        .collect();
    prf.fp += extra.len();
    if !extra.is_empty() || !missing.is_empty() {
        misses.push(format!(
            "{stem}: retention extra {extra:?} missing {missing:?}"
        ));
    }
}

fn flag(
    stem: &str,
    field: &str,
    pred: Option<bool>,
    gold: Option<bool>,
    acc: &mut Acc,
    misses: &mut Vec<String>,
) {
    acc.total += 1;
    if pred == gold {
        acc.right += 1;
    } else {
        misses.push(format!("{stem}: {field} {pred:?}, gold {gold:?}"));
    }
}

/// Score one document's practices against its practice gold `g`.
pub fn score_doc(stem: &str, d: &Document, g: &Value, sc: &mut PracticeScores) {
    sc.docs += 1;
    let pr = &d.practices;
    list(
        stem,
        "purposes",
        &pr.purposes,
        &g["purposes"],
        &mut sc.purposes,
        &mut sc.misses,
    );
    list(
        stem,
        "recipients",
        &pr.recipients,
        &g["recipients"],
        &mut sc.recipients,
        &mut sc.misses,
    );
    list(
        stem,
        "rights",
        &pr.rights,
        &g["rights"],
        &mut sc.rights,
        &mut sc.misses,
    );
    retention(stem, d, &g["retention"], &mut sc.retention, &mut sc.misses);
    let status = pr
        .cross_border
        .as_ref()
        .map_or("not_stated", |c| c.status.as_str());
    let gold_status = g["cross_border"]["status"].as_str().unwrap_or("not_stated");
    sc.cross_border.total += 1;
    if status == gold_status {
        sc.cross_border.right += 1;
    } else {
        sc.misses
            .push(format!("{stem}: cross_border {status}, gold {gold_status}"));
    }
    flag(
        stem,
        "cookies",
        pr.cookies.as_ref().map(|f| f.present),
        g["cookies"]["present"].as_bool(),
        &mut sc.cookies,
        &mut sc.misses,
    );
    flag(
        stem,
        "automated_decisions",
        pr.automated_decisions.as_ref().map(|f| f.present),
        g["automated_decisions"]["present"].as_bool(),
        &mut sc.automated_decisions,
        &mut sc.misses,
    );
}

/// Print the practice table: P/R/F1 of the lists, accuracy of the flags, then every miss.
pub fn print(sc: &PracticeScores) {
    println!("practices, documents: {}", sc.docs);
    for (k, p) in [
        ("purposes", sc.purposes),
        ("recipients", sc.recipients),
        ("rights", sc.rights),
        ("retention", sc.retention),
    ] {
        println!("{k:20} {}", p.line());
    }
    for (k, a) in [
        ("cross_border", sc.cross_border),
        ("cookies", sc.cookies),
        ("automated_decisions", sc.automated_decisions),
    ] {
        println!("{k:20} {}/{}", a.right, a.total);
    }
    for m in &sc.misses {
        println!("  miss: {m}");
    }
}
