//! Per-document context shared by the extraction and classification stages: byte↔char offset
//! mapping, the clause that covers a position, and the text units (sentences, list items).

use crate::model::{Clause, Evidence};

/// What kind of text unit a [`Unit`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// A heading line (document title or clause heading).
    Heading,
    /// A sentence of running text (preamble or clause body).
    Sentence,
    /// A list item.
    Item,
}

/// A unit of text in **byte** offsets into the canonical text: the scope of polarity and
/// context for the classifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Heading, sentence or list item.
    pub kind: UnitKind,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// Index into the document's clauses, `None` for the title/preamble.
    pub clause: Option<usize>,
    /// For a list item, the byte range of the sentence that introduces the list
    /// («Сервис может собирать следующие данные:»).
    pub lead: Option<(usize, usize)>,
}

/// Byte ↔ char offset mapping for one text, built once per document and shared by the stages.
///
/// Compact: for every block of 64 bytes, a bit mask of the bytes that start a char and the
/// number of chars that start before the block (12 bytes per 64 bytes of text, where a table of
/// every char's offset took 4 bytes per char, twice the size of a Cyrillic text).
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    masks: Vec<u64>,
    before: Vec<u32>,
    len: usize,
    chars: usize,
}

impl CharIndex {
    /// The index of `text` (one pass).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let blocks = bytes.len().div_ceil(64);
        let mut masks = Vec::with_capacity(blocks);
        let mut before = Vec::with_capacity(blocks);
        let mut count = 0usize;
        for block in bytes.chunks(64) {
            let mut m = 0u64;
            for (k, &b) in block.iter().enumerate() {
                // Every byte but a UTF-8 continuation byte (0b10xx_xxxx) starts a char.
                m |= u64::from((b as i8) >= -0x40) << k;
            }
            before.push(count as u32);
            masks.push(m);
            count += m.count_ones() as usize;
        }
        CharIndex {
            masks,
            before,
            len: bytes.len(),
            chars: count,
        }
    }

    /// Char offset of a byte offset (a byte inside a char maps to that char).
    pub fn char_of(&self, byte: usize) -> usize {
        if byte >= self.len {
            return self.chars;
        }
        let (blk, bit) = (byte / 64, byte % 64);
        let m = self.masks[blk];
        let below = self.before[blk] as usize + (m & ((1u64 << bit) - 1)).count_ones() as usize;
        if m >> bit & 1 == 1 {
            below
        } else {
            below.saturating_sub(1)
        }
    }

    /// Byte offset of a char offset (past the end: the text length).
    pub fn byte_of(&self, ch: usize) -> usize {
        if ch >= self.chars {
            return self.len;
        }
        // the block holding the start of char `ch`, then that set bit of its mask
        let blk = self.before.partition_point(|&b| b as usize <= ch) - 1;
        let mut m = self.masks[blk];
        for _ in 0..ch - self.before[blk] as usize {
            m &= m - 1;
        }
        blk * 64 + m.trailing_zeros() as usize
    }
}

/// Offsets and clause lookup for one canonical text.
pub struct DocContext<'a> {
    /// The canonical text.
    pub text: &'a str,
    /// Its clauses (char offsets, as in the model).
    pub clauses: &'a [Clause],
    /// Its text units (byte offsets), in order.
    pub units: &'a [Unit],
    chars: CharIndex,
    /// Byte range of each clause, parallel to `clauses`.
    clause_bytes: Vec<(usize, usize)>,
    /// Index of each clause's parent clause, built on first use by [`DocContext::parent_of`].
    parents: std::sync::OnceLock<Vec<Option<usize>>>,
}

impl<'a> DocContext<'a> {
    /// The context of a segmented text (builds the char index).
    pub fn new(text: &'a str, clauses: &'a [Clause], units: &'a [Unit]) -> Self {
        Self::with_index(text, clauses, units, CharIndex::new(text))
    }

    /// Like [`DocContext::new`], reusing a [`CharIndex`] already built for `text`.
    pub fn with_index(
        text: &'a str,
        clauses: &'a [Clause],
        units: &'a [Unit],
        chars: CharIndex,
    ) -> Self {
        let mut ctx = DocContext {
            text,
            clauses,
            units,
            chars,
            clause_bytes: Vec::new(),
            parents: std::sync::OnceLock::new(),
        };
        ctx.clause_bytes = clauses
            .iter()
            .map(|c| (ctx.byte_offset(c.start), ctx.byte_offset(c.end)))
            .collect();
        ctx
    }

    /// Give back the offset index (to keep it with the document).
    pub fn into_index(self) -> CharIndex {
        self.chars
    }

    /// Char offset of a byte offset (a byte inside a char maps to that char).
    pub fn char_offset(&self, byte: usize) -> usize {
        self.chars.char_of(byte)
    }

    /// Byte offset of a char offset.
    pub fn byte_offset(&self, ch: usize) -> usize {
        self.chars.byte_of(ch)
    }

    /// Index of the innermost clause whose range covers `byte`.
    pub fn clause_index_at(&self, byte: usize) -> Option<usize> {
        // Clauses are in document order and their own ranges do not overlap (a clause ends
        // where the next one starts), so the last clause starting at or before `byte` wins.
        let i = self.clause_bytes.partition_point(|&(s, _)| s <= byte);
        if i == 0 {
            return None;
        }
        let (s, e) = self.clause_bytes[i - 1];
        (byte >= s && byte < e.max(s + 1)).then_some(i - 1)
    }

    /// Index of the parent of clause `i`: the nearest clause before it numbered as its `parent`.
    /// Built once for all clauses (a backward search per clause is quadratic on a long flat
    /// list of sub-clauses).
    pub fn parent_of(&self, i: usize) -> Option<usize> {
        self.parents.get_or_init(|| {
            let mut last: std::collections::HashMap<&str, usize> = Default::default();
            let mut out = Vec::with_capacity(self.clauses.len());
            for (ci, c) in self.clauses.iter().enumerate() {
                out.push(c.parent.as_deref().and_then(|p| last.get(p).copied()));
                last.insert(&c.number, ci);
            }
            out
        })[i]
    }

    /// Number of the clause that covers `byte`.
    pub fn clause_at(&self, byte: usize) -> Option<String> {
        self.clause_index_at(byte)
            .map(|i| self.clauses[i].number.clone())
    }

    /// Build an [`Evidence`] from a byte range.
    pub fn evidence(&self, start: usize, end: usize, negated: bool) -> Evidence {
        Evidence {
            text: self.text[start..end].to_string(),
            start: self.char_offset(start),
            end: self.char_offset(end),
            clause: self.clause_at(start),
            negated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_bytes_to_chars_and_back() {
        let text = "Ая b";
        let ctx = DocContext::new(text, &[], &[]);
        assert_eq!(ctx.char_offset(0), 0);
        assert_eq!(ctx.char_offset(2), 1);
        assert_eq!(ctx.char_offset(4), 2);
        assert_eq!(ctx.char_offset(6), 4);
        assert_eq!(ctx.byte_offset(3), 5);
        assert_eq!(ctx.byte_offset(99), text.len());
    }

    #[test]
    fn char_index_maps_like_a_table_of_every_char() {
        let mut text = String::new();
        for i in 0..300 {
            text.push_str(["a", "я", "€", "𝄞", " "][i * 7 % 5]);
        }
        for t in ["", "a", "я", text.as_str()] {
            let ix = CharIndex::new(t);
            let starts: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
            for byte in 0..t.len() + 3 {
                let want = match starts.binary_search(&byte) {
                    Ok(i) => i,
                    Err(i) => i.saturating_sub(1),
                };
                assert_eq!(ix.char_of(byte), want, "{byte}");
            }
            for ch in 0..starts.len() + 2 {
                assert_eq!(ix.byte_of(ch), starts.get(ch).copied().unwrap_or(t.len()));
            }
        }
    }

    #[test]
    fn finds_the_clause_covering_a_position() {
        let text = "1. Один\n2. Два\n";
        let clauses = vec![
            Clause {
                number: "1".into(),
                start: 0,
                end: 8,
                ..Default::default()
            },
            Clause {
                number: "2".into(),
                start: 8,
                end: 14,
                ..Default::default()
            },
        ];
        let ctx = DocContext::new(text, &clauses, &[]);
        assert_eq!(ctx.clause_at(ctx.byte_offset(3)).as_deref(), Some("1"));
        assert_eq!(ctx.clause_at(ctx.byte_offset(9)).as_deref(), Some("2"));
    }
}
