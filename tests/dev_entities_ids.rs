//! Dev-corpus check for identifiers, emails, phones and websites against the gold annotations
//! in ../shared/dev (skipped when the folder is absent). Scored like score.py: per document,
//! sets of values; micro-averaged precision / recall / F1.

use std::collections::BTreeSet;
use std::path::Path;

use polex::model::Document;
use polex::Engine;

fn ident(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

fn host(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s.split("://").last().unwrap_or("").to_string();
    let s = s.split(['/', '?']).next().unwrap_or("").to_string();
    s.strip_prefix("www.").map(str::to_string).unwrap_or(s)
}

#[derive(Default)]
struct Prf {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Prf {
    fn add(
        &mut self,
        pred: &BTreeSet<String>,
        gold: &BTreeSet<String>,
    ) -> (Vec<String>, Vec<String>) {
        self.tp += pred.intersection(gold).count();
        let extra: Vec<String> = pred.difference(gold).cloned().collect();
        let lost: Vec<String> = gold.difference(pred).cloned().collect();
        self.fp += extra.len();
        self.fn_ += lost.len();
        (extra, lost)
    }
    fn row(&self) -> (f64, f64, f64) {
        let p = if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        };
        let r = if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

fn strings(v: &serde_json::Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(|x| x.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn dev_entities_ids_contacts() {
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"));
    if !shared.exists() {
        println!("skipped: ../shared not found");
        return;
    }
    let corpus = shared.join("dev/corpus");
    let gold_dir = shared.join("dev/gold");
    let engine = Engine::new();
    let names = ["identifiers", "emails", "phones", "websites"];
    let mut prf: Vec<Prf> = names.iter().map(|_| Prf::default()).collect();
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no dev corpus files");
    for path in files {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let gold_path = gold_dir.join(format!("{stem}.json"));
        let Ok(gold_text) = std::fs::read_to_string(&gold_path) else {
            continue;
        };
        let gold: serde_json::Value = serde_json::from_str(&gold_text).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = engine.analyze(&text, Document::default());

        let mut gid: BTreeSet<String> = ["inn", "ogrn", "kpp", "bin_iin"]
            .iter()
            .flat_map(|k| strings(&gold, k))
            .map(|v| ident(&v))
            .collect();
        if let Some(others) = gold.get("other_ids").and_then(|x| x.as_array()) {
            for o in others {
                if let Some(v) = o.get("value").and_then(|v| v.as_str()) {
                    gid.insert(ident(v));
                }
            }
        }
        let pid: BTreeSet<String> = doc.identifiers.iter().map(|i| ident(&i.value)).collect();
        let pairs = [
            (pid, gid),
            (
                doc.emails.iter().map(|e| e.to_lowercase()).collect(),
                strings(&gold, "emails").into_iter().collect(),
            ),
            (
                doc.phones
                    .iter()
                    .map(|p| p.chars().filter(char::is_ascii_digit).collect())
                    .collect(),
                strings(&gold, "phones").into_iter().collect(),
            ),
            (
                doc.websites.iter().map(|w| host(w)).collect(),
                strings(&gold, "websites").into_iter().collect(),
            ),
        ];
        for (i, (pred, gold)) in pairs.iter().enumerate() {
            let (extra, lost) = prf[i].add(pred, gold);
            if !extra.is_empty() || !lost.is_empty() {
                println!("{stem} {}: extra {extra:?} missing {lost:?}", names[i]);
            }
        }
    }
    let mut failed = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let (p, r, f) = prf[i].row();
        println!(
            "{name:12} P={p:.3} R={r:.3} F1={f:.3} (tp {} fp {} fn {})",
            prf[i].tp, prf[i].fp, prf[i].fn_
        );
        if f < 0.95 {
            failed.push(format!("{name} F1={f:.3}"));
        }
    }
    assert!(failed.is_empty(), "below the 0.95 bar: {failed:?}");
}
