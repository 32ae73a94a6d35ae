//! Structural invariants of a [`Document`], shared by `tests/invariants.rs` and the fuzz targets
//! (`fuzz/fuzz_targets/*.rs` include this file by path).
//!
//! Offsets are char offsets into `doc.text`: every one must be at most the number of chars (so
//! that it maps to a byte offset on a char boundary), every range `start <= end`; clauses come in
//! document order and do not overlap, every parent and reference names a clause that exists,
//! items and sentences lie inside their clause, and everything that names a clause (evidence,
//! entities, mentions) lies inside a clause with that number; the `text` stored with a range is
//! the text of that range.

#![allow(dead_code)]

use polex::model::{Document, Evidence};
use std::collections::HashSet;

/// Char offset → byte offset, `None` past the end of the text.
fn byte_of(starts: &[usize], ch: usize) -> Option<usize> {
    starts.get(ch).copied()
}

struct Checker<'a> {
    doc: &'a Document,
    /// Byte offset of each char, plus the text length.
    starts: Vec<usize>,
    numbers: HashSet<&'a str>,
}

impl Checker<'_> {
    fn range(&self, what: &str, start: usize, end: usize) -> Result<(usize, usize), String> {
        if start > end {
            return Err(format!("{what}: start {start} > end {end}"));
        }
        let (Some(s), Some(e)) = (byte_of(&self.starts, start), byte_of(&self.starts, end)) else {
            return Err(format!(
                "{what}: [{start}, {end}] past the end of the text ({} chars)",
                self.starts.len() - 1
            ));
        };
        debug_assert!(
            self.doc.layout.text.is_char_boundary(s) && self.doc.layout.text.is_char_boundary(e)
        );
        Ok((s, e))
    }

    /// The range's text is `text` (as stored next to it).
    fn text_of(&self, what: &str, start: usize, end: usize, text: &str) -> Result<(), String> {
        let (s, e) = self.range(what, start, end)?;
        let got = &self.doc.layout.text[s..e];
        if got != text {
            return Err(format!(
                "{what}: text {text:?} but [{start}, {end}] is {got:?}"
            ));
        }
        Ok(())
    }

    /// `clause` (when set) names a clause with that number whose range holds `[start, end]`.
    fn in_clause(
        &self,
        what: &str,
        start: usize,
        end: usize,
        clause: Option<&str>,
    ) -> Result<(), String> {
        self.range(what, start, end)?;
        let Some(number) = clause else {
            return Ok(());
        };
        let inside = self
            .doc
            .layout
            .clauses
            .iter()
            .any(|c| c.number == number && c.start <= start && end <= c.end);
        if !inside {
            return Err(format!(
                "{what}: [{start}, {end}] is not inside a clause {number:?}"
            ));
        }
        Ok(())
    }

    fn evidence(&self, what: &str, ev: &Evidence) -> Result<(), String> {
        self.text_of(what, ev.start, ev.end, &ev.text)?;
        self.in_clause(what, ev.start, ev.end, ev.clause.as_deref())
    }

    fn clause_exists(&self, what: &str, number: &str) -> Result<(), String> {
        if self.numbers.contains(number) {
            Ok(())
        } else {
            Err(format!("{what}: clause {number:?} does not exist"))
        }
    }
}

/// Check every invariant; the first violation found.
pub fn check(doc: &Document) -> Result<(), String> {
    let mut starts: Vec<usize> = doc.layout.text.char_indices().map(|(i, _)| i).collect();
    starts.push(doc.layout.text.len());
    let ck = Checker {
        doc,
        starts,
        numbers: doc
            .layout
            .clauses
            .iter()
            .map(|c| c.number.as_str())
            .collect(),
    };
    if let Some(p) = &doc.layout.preamble {
        ck.range("preamble", p.start, p.end)?;
    }
    let mut prev_end = 0usize;
    for (i, c) in doc.layout.clauses.iter().enumerate() {
        let what = format!("clause #{i} {:?}", c.number);
        ck.range(&what, c.start, c.end)?;
        if c.start < prev_end {
            return Err(format!(
                "{what}: starts at {} before the previous clause ends ({prev_end})",
                c.start
            ));
        }
        prev_end = c.end;
        if let Some(p) = &c.parent {
            ck.clause_exists(&format!("{what} parent"), p)?;
        }
        for r in &c.refs {
            ck.clause_exists(&format!("{what} ref"), r)?;
        }
        // The body is the text at `body` (what documents.jsonl and clauses.jsonl write
        // instead of a copy), inside the clause.
        ck.text_of(&format!("{what} body"), c.body[0], c.body[1], &c.text)?;
        if c.body[0] < c.start || c.body[1] > c.end {
            return Err(format!(
                "{what}: body {:?} outside the clause [{}, {}]",
                c.body, c.start, c.end
            ));
        }
        for (j, it) in c.items.iter().enumerate() {
            let w = format!("{what} item #{j}");
            ck.text_of(&w, it.start, it.end, &it.text)?;
            if it.start < c.start || it.end > c.end {
                return Err(format!(
                    "{w}: [{}, {}] outside the clause [{}, {}]",
                    it.start, it.end, c.start, c.end
                ));
            }
        }
        for (j, &[s, e]) in c.sentences.iter().enumerate() {
            let w = format!("{what} sentence #{j}");
            ck.range(&w, s, e)?;
            if s < c.start || e > c.end {
                return Err(format!(
                    "{w}: [{s}, {e}] outside the clause [{}, {}]",
                    c.start, c.end
                ));
            }
        }
    }
    for f in &doc.findings {
        for n in &f.clauses {
            ck.clause_exists(&format!("finding {}", f.code), n)?;
        }
    }
    // Entities: each one inside the clause it names.
    macro_rules! entities {
        ($($kind:literal => $iter:expr),* $(,)?) => {$(
            for (i, x) in $iter.enumerate() {
                ck.in_clause(&format!("{} #{i}", $kind), x.start, x.end, x.clause.as_deref())?;
            }
        )*};
    }
    entities!(
        "operator" => doc.entities.operator.iter(),
        "organization" => doc.entities.organizations.iter(),
        "identifier" => doc.entities.identifiers.iter(),
        "address" => doc.entities.addresses.iter(),
        "date" => doc.entities.dates.iter(),
        "mention" => doc.entities.mentions.iter(),
    );
    let lists = [
        ("data_categories", &doc.practices.data_categories),
        ("purposes", &doc.practices.purposes),
        ("recipients", &doc.practices.recipients),
        ("rights", &doc.practices.rights),
        ("special_categories", &doc.practices.special_categories),
    ];
    for (list, practices) in lists {
        for p in practices {
            let what = format!("{list} {}", p.id);
            for n in &p.clauses {
                ck.clause_exists(&what, n)?;
            }
            for ev in &p.evidence {
                ck.evidence(&format!("{what} evidence"), ev)?;
            }
        }
    }
    for r in &doc.practices.retention {
        ck.evidence(&format!("retention {}", r.kind), &r.evidence)?;
    }
    if let Some(cb) = &doc.practices.cross_border {
        for ev in &cb.evidence {
            ck.evidence("cross_border evidence", ev)?;
        }
    }
    for (name, flag) in [
        ("cookies", &doc.practices.cookies),
        ("automated_decisions", &doc.practices.automated_decisions),
    ] {
        if let Some(f) = flag {
            for ev in &f.evidence {
                ck.evidence(&format!("{name} evidence"), ev)?;
            }
        }
    }
    Ok(())
}
