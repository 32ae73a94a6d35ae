//! The taxonomy: entries (data categories, purposes, recipients, rights, special categories,
//! flags, transfer cues) with their Russian surface forms, read from TSV files.
//!
//! File format (see `data/taxonomy/README.md`): UTF-8, one entry per line, five TAB-separated
//! columns `kind  id  name  dpv  forms`. Lines starting with `#` and blank lines are skipped, and so
//! is a header line whose first column is `kind`. `name` and `dpv` may be `-` (or empty). `forms`
//! holds surface forms separated by `|`; each form is tokenized and stemmed the way the text is, so
//! one form covers the case endings that the Russian stemmer removes. A word written `=word`
//! matches only that exact word (for short forms whose stem is ambiguous: `=имя` vs «им»), and
//! `==WORD` only that spelling with its case (abbreviations: `==ИИ` is not the conjunction «и»).

use std::collections::HashMap;

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A data category (`category` rows): the matrix columns.
    Category,
    /// A purpose of processing.
    Purpose,
    /// A recipient (a kind, or a named organisation).
    Recipient,
    /// A right of the data subject.
    Right,
    /// A special category (health, biometrics, …).
    Special,
    /// A flag (cookies, automated decisions).
    Flag,
    /// Cross-border transfer.
    Transfer,
    /// A phrase that must not be read as anything («от имени», «настройки браузера»): it takes
    /// its words away from the shorter forms inside it.
    Ignore,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "category" => Kind::Category,
            "purpose" => Kind::Purpose,
            "recipient" => Kind::Recipient,
            "right" => Kind::Right,
            "special" => Kind::Special,
            "flag" => Kind::Flag,
            "transfer" => Kind::Transfer,
            "ignore" => Kind::Ignore,
            _ => return None,
        })
    }
}

/// One taxonomy entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What the entry is.
    pub kind: Kind,
    /// Its id (a matrix column for categories).
    pub id: String,
    /// A named organization (recipients only).
    pub name: Option<String>,
    /// Its W3C DPV IRI, when there is one.
    pub dpv: Option<String>,
    /// The phrases that stand for it (stemmed when the matcher is built).
    pub forms: Vec<String>,
}

/// A malformed taxonomy line.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("{origin} line {line}: {reason}")]
pub struct TaxonomyError {
    /// The file (or `builtin:NAME`).
    pub origin: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// Parse one TSV file into entries.
pub(crate) fn parse_entries(text: &str, origin: &str) -> Result<Vec<Entry>, TaxonomyError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let err = |reason: String| TaxonomyError {
            origin: origin.to_string(),
            line: line_no,
            reason,
        };
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[0].trim() == "kind" {
            continue;
        }
        if cols.len() != 5 {
            return Err(err(format!("expected 5 columns, got {}", cols.len())));
        }
        let kind = Kind::parse(cols[0].trim()).ok_or_else(|| {
            err(format!(
                "unknown kind {:?} (category, purpose, recipient, right, special, flag, transfer, ignore)",
                cols[0].trim()
            ))
        })?;
        let id = cols[1].trim();
        if id.is_empty() || (kind != Kind::Ignore && id == "-") {
            return Err(err("empty id".into()));
        }
        let opt = |s: &str| {
            let s = s.trim();
            (!s.is_empty() && s != "-").then(|| s.to_string())
        };
        let forms: Vec<String> = cols[4]
            .split('|')
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty())
            .collect();
        if forms.is_empty() {
            return Err(err("no forms".into()));
        }
        out.push(Entry {
            kind,
            id: id.to_string(),
            name: opt(cols[2]),
            dpv: opt(cols[3]),
            forms,
        });
    }
    Ok(out)
}

/// Merge `other` into `base`: an entry with a new (kind, id, name) is appended, an existing one
/// gets the new forms (and the DPV IRI if it had none).
pub(crate) fn merge_entries(base: &mut Vec<Entry>, other: Vec<Entry>) {
    let mut index: HashMap<(Kind, String, Option<String>), usize> = base
        .iter()
        .enumerate()
        .map(|(i, e)| ((e.kind, e.id.clone(), e.name.clone()), i))
        .collect();
    for e in other {
        let key = (e.kind, e.id.clone(), e.name.clone());
        match index.get(&key) {
            Some(&i) => {
                let b = &mut base[i];
                for f in e.forms {
                    if !b.forms.contains(&f) {
                        b.forms.push(f);
                    }
                }
                if b.dpv.is_none() {
                    b.dpv = e.dpv;
                }
            }
            None => {
                index.insert(key, base.len());
                base.push(e);
            }
        }
    }
}
