//! Mine the vocabulary of real policies (issue 12): every item of a data list, every item after
//! a collection verb, every purpose lead and every retention phrase, counted, each with what the
//! current lexicon makes of it.
//!
//! `cargo run --release --example mine_lexicon -- DIR [--exclude GOLD_DIR] [--min N] [--out FILE]`
//!
//! `DIR` holds the policies (`*.txt`, any encoding polex reads); `--exclude` leaves out every
//! `NAME.txt` that has a `NAME.json` in `GOLD_DIR` (the blind held-out set); `--min` drops phrases
//! seen fewer than N times (default 2). The report is TSV on stdout (or `--out`):
//! `section, count, docs, phrase, polex` (TAB-separated), where `polex` is what polex finds when the phrase is
//! put into a probe sentence of its section (`-` = not covered: a candidate for the lexicon).
//! Sections: `data_item` (list items and inline enumerations after a collection lead),
//! `purpose` (purpose-list items and phrases after «в целях / с целью / для / чтобы»),
//! `retention` (sentences about storage terms, numbers as N). Nothing of the texts is written
//! but these short phrases and their counts.

static NORMALIZER: std::sync::LazyLock<polex::normalize::Normalizer> =
    std::sync::LazyLock::new(polex::normalize::Normalizer::new);
static SENTENCES: std::sync::LazyLock<polex::segment::sentences::Sentences> =
    std::sync::LazyLock::new(polex::segment::sentences::Sentences::new);

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;

/// Words of a lead (a line or sentence before a list) that announce collected data.
const DATA_LEAD: &[&str] = &[
    "собира",
    "обрабатыва",
    "получа",
    "запрашива",
    "предоставля",
    "сообща",
    "указыва",
    "включа",
    "хран",
    "персональные данные",
    "персональных данных",
    "данные",
    "сведения",
    "информаци",
    "категори",
    "перечень",
];

/// Words of a lead that announce purposes.
const PURPOSE_LEAD: &[&str] = &["цел", "используем", "используются", "для чего"];

struct Args {
    dir: PathBuf,
    exclude: Option<PathBuf>,
    min: usize,
    out: Option<PathBuf>,
}

fn args() -> Args {
    let mut a = std::env::args().skip(1);
    let mut dir = None;
    let (mut exclude, mut min, mut out) = (None, 2, None);
    while let Some(x) = a.next() {
        match x.as_str() {
            "--exclude" => exclude = a.next().map(PathBuf::from),
            "--min" => min = a.next().and_then(|n| n.parse().ok()).expect("--min N"),
            "--out" => out = a.next().map(PathBuf::from),
            _ => dir = Some(PathBuf::from(x)),
        }
    }
    Args {
        dir: dir.expect("usage: mine_lexicon DIR [--exclude GOLD_DIR] [--min N] [--out FILE]"),
        exclude,
        min,
        out,
    }
}

fn texts(a: &Args) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(&a.dir).sort_by_file_name() {
        let e = e.unwrap();
        let p = e.path();
        if !e.file_type().is_file() || p.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        if let Some(g) = &a.exclude {
            if g.join(format!("{stem}.json")).exists() {
                continue;
            }
        }
        let bytes = std::fs::read(p).unwrap();
        if let Ok(d) = polex::ingest::decode::decode(&bytes) {
            out.push((stem, NORMALIZER.normalize(&d.text)));
        }
    }
    out
}

/// Lower case, ё→е, no bullet, no outer punctuation, single spaces.
fn norm(s: &str) -> String {
    let s = s.to_lowercase().replace('ё', "е");
    let s = s.trim_start_matches(|c: char| {
        matches!(c, '•' | '-' | '—' | '–' | '*' | '·' | '▪' | '●' | '◦') || c.is_whitespace()
    });
    let s = s.trim_matches(|c: char| {
        matches!(c, '.' | ',' | ';' | ':' | '«' | '»' | '"' | '(' | ')') || c.is_whitespace()
    });
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_item_line(l: &str, marker: &Regex) -> bool {
    marker.is_match(l)
}

/// The parts of one list item: the item without its parentheses, and each comma-separated part
/// inside them («Контактная информация (email, телефон)» → «контактная информация», «email», «телефон»).
fn parts(item: &str, out: &mut Vec<String>) {
    let mut outer = String::new();
    let mut inner = String::new();
    let mut depth = 0;
    for c in item.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => {
                depth -= 1;
                inner.push(',');
            }
            _ if depth > 0 => inner.push(c),
            _ => outer.push(c),
        }
    }
    // an item that names its examples after a dash or colon: «Технические данные: IP, …»
    let (head, tail) = match outer.find([':', '—']) {
        Some(i) if i > 0 => (outer[..i].to_string(), outer[i..].chars().skip(1).collect()),
        _ => (outer.clone(), String::new()),
    };
    for p in std::iter::once(head.as_str())
        .chain(split_list(&tail))
        .chain(split_list(&inner))
    {
        let p = norm(p);
        if p.chars().count() >= 2 && p.chars().count() <= 80 {
            out.push(p);
        }
    }
}

fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split([',', ';']).filter(|x| !x.trim().is_empty())
}

struct Mined {
    /// section → phrase → documents it occurs in (with repeats).
    counts: BTreeMap<&'static str, BTreeMap<String, (usize, BTreeSet<String>)>>,
}

impl Mined {
    fn add(&mut self, section: &'static str, phrase: String, doc: &str) {
        let e = self
            .counts
            .entry(section)
            .or_default()
            .entry(phrase)
            .or_default();
        e.0 += 1;
        e.1.insert(doc.to_string());
    }
}

fn mine(docs: &[(String, String)]) -> Mined {
    let marker = Regex::new(r"^\s*(?:[•\-—–*·▪●◦]|\d{1,2}[).]\s|[а-яa-z]\)\s)").unwrap();
    let numbered = Regex::new(r"^\s*\d+(?:\.\d+)*\.?\s").unwrap();
    let inline = Regex::new(
        r"(?i)(?:собира\w*|обрабатыва\w*|получа\w*|запрашива\w*|предоставля\w*|включа\w*|такие как|такую как|например)[^.:]{0,80}?(?::|такие как|такую как|например)\s*([^.\n]{3,400})",
    )
    .unwrap();
    let purpose = Regex::new(
        r"(?i)\b(?:в целях|с целью|для того,? чтобы|чтобы|исключительно для|используются? для|используем [^.]{0,40}? для|обрабатываются? для)\s+([^.;:\n()]{3,90})",
    )
    .unwrap();
    let retention_cue = Regex::new(
        r"(?i)(хран\w*|срок\w* (?:хранения|обработки)|обрабатываются? в течение|удаляются|уничтожаются|бессрочно)",
    )
    .unwrap();
    let digits = Regex::new(r"\d+").unwrap();
    let mut m = Mined {
        counts: BTreeMap::new(),
    };
    for (doc, text) in docs {
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let l = lines[i].trim();
            let low = l.to_lowercase();
            let is_lead = (l.ends_with(':') || (l.len() < 120 && !l.ends_with('.')))
                && !is_item_line(l, &marker);
            let data_lead = is_lead && DATA_LEAD.iter().any(|w| low.contains(w));
            let purpose_lead = is_lead && PURPOSE_LEAD.iter().any(|w| low.contains(w));
            if data_lead || purpose_lead {
                // the items: the marked lines that follow (blank lines between them allowed),
                // or, after a lead ending with a colon, bare short lines
                let mut j = i + 1;
                let mut items = Vec::new();
                while j < lines.len() {
                    let t = lines[j].trim();
                    if t.is_empty() {
                        if lines.get(j + 1).is_some_and(|n| is_item_line(n, &marker)) {
                            j += 1;
                            continue;
                        }
                        break;
                    }
                    let bare_ok =
                        l.ends_with(':') && t.chars().count() <= 80 && !numbered.is_match(t);
                    if is_item_line(t, &marker) || bare_ok {
                        items.push(t);
                        j += 1;
                    } else {
                        break;
                    }
                }
                if !items.is_empty() {
                    let section = if purpose_lead && !low.contains("данные") {
                        "purpose"
                    } else {
                        "data_item"
                    };
                    for it in items {
                        let it = marker.replace(it, "");
                        if section == "purpose" {
                            let p = norm(&it);
                            if p.chars().count() >= 3 && p.chars().count() <= 120 {
                                m.add("purpose", p, doc);
                            }
                        } else {
                            let mut ps = Vec::new();
                            parts(&it, &mut ps);
                            for p in ps {
                                m.add("data_item", p, doc);
                            }
                        }
                    }
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        for (a, b) in SENTENCES.split(text) {
            let s = &text[a..b];
            for c in inline.captures_iter(s) {
                let mut ps = Vec::new();
                for part in split_list(&c[1]) {
                    // «… и …» inside an enumeration item separates two items too
                    for p in part.split(" и ") {
                        parts(p, &mut ps);
                    }
                }
                for p in ps {
                    m.add("data_item", p, doc);
                }
            }
            for c in purpose.captures_iter(s) {
                m.add("purpose", norm(&c[1]), doc);
            }
            if retention_cue.is_match(s) && s.chars().count() <= 300 {
                let p = digits.replace_all(&norm(s), "N").into_owned();
                m.add("retention", p, doc);
            }
        }
    }
    m
}

/// What polex finds in the phrase put into a probe sentence of its section.
fn probe(engine: &polex::Engine, section: &str, phrase: &str) -> String {
    let text = match section {
        "data_item" => format!("Мы собираем следующие персональные данные:\n• {phrase}.\n"),
        "purpose" => {
            format!("Персональные данные обрабатываются в следующих целях:\n• {phrase}.\n")
        }
        _ => format!("{phrase}\n"),
    };
    let d = polex::pipeline::process_bytes(engine, "probe", "probe.txt", text.as_bytes()).unwrap();
    let p = &d.practices;
    let ids: Vec<String> = match section {
        "data_item" => p
            .data_categories
            .iter()
            .chain(&p.special_categories)
            .map(|c| c.id.clone())
            .collect(),
        "purpose" => p.purposes.iter().map(|c| c.id.clone()).collect(),
        _ => p
            .retention
            .iter()
            .map(|r| match r.days {
                Some(d) => format!("{}:{d}", r.kind.as_str()),
                None => r.kind.as_str().to_string(),
            })
            .collect(),
    };
    if ids.is_empty() {
        "-".into()
    } else {
        ids.join(",")
    }
}

fn main() {
    let a = args();
    let docs = texts(&a);
    let m = mine(&docs);
    let engine = polex::Engine::new();
    let mut out = String::from("section\tcount\tdocs\tphrase\tpolex\n");
    let mut summary = Vec::new();
    for (section, phrases) in &m.counts {
        let mut rows: Vec<_> = phrases.iter().filter(|(_, (n, _))| *n >= a.min).collect();
        rows.sort_by(|x, y| y.1 .0.cmp(&x.1 .0).then(x.0.cmp(y.0)));
        let mut uncovered = 0;
        for (phrase, (n, docs)) in &rows {
            let found = probe(&engine, section, phrase);
            if found == "-" {
                uncovered += 1;
            }
            out.push_str(&format!(
                "{section}\t{n}\t{}\t{phrase}\t{found}\n",
                docs.len()
            ));
        }
        summary.push(format!(
            "{section}: {} distinct phrases ({} seen at least {} times, {uncovered} of those not covered)",
            phrases.len(),
            rows.len(),
            a.min
        ));
    }
    match &a.out {
        Some(p) => std::fs::write(p, out).unwrap(),
        None => print!("{out}"),
    }
    eprintln!("{} policies mined from {}", docs.len(), display(&a.dir));
    for s in summary {
        eprintln!("{s}");
    }
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
