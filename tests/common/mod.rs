//! Shared test code: `workdir` (running the binary in a temp dir) and scoring against gold annotations, as `../shared/dev/score.py` does it, for the tests that
//! measure polex on an annotated corpus (the dev set in ../shared, our held-out fixtures).

#![allow(dead_code)]

pub mod consumer;
pub mod practices;
pub mod workdir;

use std::collections::BTreeSet;
use std::path::Path;

use polex::model::Document;
use serde_json::Value;

/// Precision / recall counts.
#[derive(Default, Debug, Clone, Copy)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Prf {
    pub fn add(&mut self, pred: &BTreeSet<String>, gold: &BTreeSet<String>) {
        self.tp += pred.intersection(gold).count();
        self.fp += pred.difference(gold).count();
        self.fn_ += gold.difference(pred).count();
    }
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    /// `P=… R=… F1=… (tp … fp … fn …)`.
    pub fn line(&self) -> String {
        format!(
            "P={:.3} R={:.3} F1={:.3} (tp {} fp {} fn {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_
        )
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// All scores of one corpus.
#[derive(Default, Debug)]
pub struct Scores {
    pub docs: usize,
    pub identifiers: Prf,
    pub emails: Prf,
    pub phones: Prf,
    pub websites: Prf,
    pub data_categories: Prf,
    pub operator: usize,
    pub effective_date: usize,
    pub clause_count: usize,
    pub top_level_clauses: usize,
    pub misses: Vec<String>,
}

fn ident(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_uppercase())
        .collect()
}

fn host(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s.split("://").last().unwrap_or(&s).to_string();
    let s = s.split(['/', '?']).next().unwrap_or("").to_string();
    s.strip_prefix("www.").map(str::to_string).unwrap_or(s)
}

/// score.py's `norm_text`: lower case, ё→е, no quotes, no space around dots.
pub fn norm_text(s: Option<&str>) -> String {
    let s = s.unwrap_or("").to_lowercase().replace('ё', "е");
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, '«' | '»' | '"' | '“' | '”' | '„' | '\'' | '`'))
        .collect();
    let mut out = String::new();
    for part in s.split('.') {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(part.trim());
    }
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c| c == ' ' || c == '.')
        .to_string()
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Score every `NAME.json` in `gold_dir` against polex run on `text_dir/NAME.txt`.
pub fn score_dir(text_dir: &Path, gold_dir: &Path) -> Scores {
    score_files(text_dir, gold_dir, "txt")
}

/// [`score_dir`] on the files `STEM.ext` of `dir` (`html`: saved pages), read by the reader
/// their name selects.
pub fn score_files(text_dir: &Path, gold_dir: &Path, ext: &str) -> Scores {
    score_all(text_dir, gold_dir, ext, None).0
}

/// [`score_dir`] plus the practice fields, whose gold is `practice_dir/NAME.json` (the same
/// folder as the entity gold when one file holds both).
pub fn score_with_practices(
    text_dir: &Path,
    gold_dir: &Path,
    practice_dir: &Path,
) -> (Scores, practices::PracticeScores) {
    score_all(text_dir, gold_dir, "txt", Some(practice_dir))
}

fn score_all(
    text_dir: &Path,
    gold_dir: &Path,
    ext: &str,
    practice_dir: Option<&Path>,
) -> (Scores, practices::PracticeScores) {
    let engine = polex::Engine::new();
    let mut names: Vec<_> = std::fs::read_dir(gold_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    let mut sc = Scores::default();
    let mut ps = practices::PracticeScores::default();
    for gold_path in names {
        let stem = gold_path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let g: Value = serde_json::from_str(&std::fs::read_to_string(&gold_path).unwrap()).unwrap();
        let name = format!("{stem}.{ext}");
        let bytes = std::fs::read(text_dir.join(&name)).unwrap();
        let d = polex::pipeline::process_bytes(&engine, &stem, &name, &bytes).unwrap();
        score_doc(&stem, &d, &g, &mut sc);
        if let Some(dir) = practice_dir {
            let pg: Value = serde_json::from_str(
                &std::fs::read_to_string(dir.join(format!("{stem}.json"))).unwrap(),
            )
            .unwrap();
            practices::score_doc(&stem, &d, &pg, &mut ps);
        }
    }
    (sc, ps)
}

fn score_doc(stem: &str, d: &Document, g: &Value, sc: &mut Scores) {
    sc.docs += 1;
    // operator
    let op_ok = match (&g["operator"], &d.entities.operator) {
        (Value::Null, None) => true,
        (Value::Null, Some(o)) => norm_text(Some(&o.name)).is_empty(),
        (go, Some(o)) => {
            norm_text(go["name"].as_str()) == norm_text(Some(&o.name))
                && norm_text(go["legal_form"].as_str()) == norm_text(o.legal_form.as_deref())
        }
        (_, None) => false,
    };
    if op_ok {
        sc.operator += 1;
    } else {
        sc.misses.push(format!(
            "{stem}: operator {:?}",
            d.entities
                .operator
                .as_ref()
                .map(|o| (&o.legal_form, &o.name))
        ));
    }
    // identifiers and contacts
    let mut gid: BTreeSet<String> = BTreeSet::new();
    for k in ["inn", "ogrn", "kpp", "bin_iin"] {
        gid.extend(strings(&g[k]).iter().map(|v| ident(v)));
    }
    if let Some(a) = g["other_ids"].as_array() {
        gid.extend(a.iter().filter_map(|o| o["value"].as_str()).map(ident));
    }
    let pid: BTreeSet<String> = d
        .entities
        .identifiers
        .iter()
        .map(|i| ident(&i.value))
        .collect();
    sc.identifiers.add(&pid, &gid);
    let pe: BTreeSet<String> = d.entities.emails.iter().map(|e| e.to_lowercase()).collect();
    sc.emails.add(&pe, &strings(&g["emails"]));
    let pp: BTreeSet<String> = d
        .entities
        .phones
        .iter()
        .map(|p| p.chars().filter(|c| c.is_ascii_digit()).collect())
        .collect();
    sc.phones.add(&pp, &strings(&g["phones"]));
    let pw: BTreeSet<String> = d.entities.websites.iter().map(|w| host(w)).collect();
    sc.websites.add(&pw, &strings(&g["websites"]));
    let pc: BTreeSet<String> = d
        .practices
        .data_categories
        .iter()
        .filter(|c| !c.negated)
        .map(|c| c.id.clone())
        .collect();
    let gc = strings(&g["data_categories"]);
    if pc != gc {
        sc.misses.push(format!(
            "{stem}: data_categories extra {:?} missing {:?}",
            pc.difference(&gc).collect::<Vec<_>>(),
            gc.difference(&pc).collect::<Vec<_>>()
        ));
    }
    sc.data_categories.add(&pc, &gc);
    // date
    if d.entities.effective_date.as_deref() == g["effective_date"].as_str() {
        sc.effective_date += 1;
    } else {
        sc.misses.push(format!(
            "{stem}: effective_date {:?}",
            d.entities.effective_date
        ));
    }
    // clauses
    let nums: Vec<&str> = d.layout.clauses.iter().map(|c| c.number.as_str()).collect();
    let tops: Vec<String> = nums
        .iter()
        .filter(|n| !n.contains('.'))
        .map(|s| s.to_string())
        .collect();
    if Some(nums.len() as u64) == g["clause_count"].as_u64() {
        sc.clause_count += 1;
    } else {
        sc.misses
            .push(format!("{stem}: clause_count {}", nums.len()));
    }
    let gt: Vec<String> = g["top_level_clauses"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    if tops == gt {
        sc.top_level_clauses += 1;
    } else {
        sc.misses
            .push(format!("{stem}: top_level_clauses {tops:?}"));
    }
}

/// Print a score table like score.py.
pub fn print(sc: &Scores) {
    println!("documents: {}", sc.docs);
    for (k, p) in [
        ("identifiers", sc.identifiers),
        ("emails", sc.emails),
        ("phones", sc.phones),
        ("websites", sc.websites),
        ("data_categories", sc.data_categories),
    ] {
        println!("{k:18} {}", p.line());
    }
    for (k, n) in [
        ("operator", sc.operator),
        ("effective_date", sc.effective_date),
        ("clause_count", sc.clause_count),
        ("top_level_clauses", sc.top_level_clauses),
    ] {
        println!("{k:18} {n}/{}", sc.docs);
    }
    for m in &sc.misses {
        println!("  miss: {m}");
    }
}

/// The F1 bars of the issues: identifiers, emails, phones and websites ≥ 0.95, data categories
/// ≥ 0.85.
pub fn assert_f1_bars(sc: &Scores) {
    assert_f1_at_least(sc, 0.95, 0.85);
}

/// Identifiers, emails, phones and websites F1 ≥ `contacts`, data categories F1 ≥ `categories`.
pub fn assert_f1_at_least(sc: &Scores, contacts: f64, categories: f64) {
    for (name, p, bar) in [
        ("identifiers", sc.identifiers, contacts),
        ("emails", sc.emails, contacts),
        ("phones", sc.phones, contacts),
        ("websites", sc.websites, contacts),
        ("data_categories", sc.data_categories, categories),
    ] {
        assert!(p.f1() >= bar, "{name} F1 {:.3} < {bar}", p.f1());
    }
}

/// A zip archive of `entries` (name, text), stored uncompressed: a hand-made DOCX.
pub fn stored_zip(entries: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(body.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}
