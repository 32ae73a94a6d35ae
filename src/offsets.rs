//! Offsets: the one leaf module for converting between byte offsets (what the core works in)
//! and char offsets (Unicode scalar values: what the public model and every output carry).
//! The conversion is made once, at the edge, when a mention enters the model.

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
