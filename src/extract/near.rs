//! Near-miss spellings without comparing every pair: the strings within edit distance 2 of a
//! query are found through an index, then checked with the edit distance itself.
//!
//! * Strings of up to [`SHORT_MAX`] chars are indexed by every string made by deleting up to two
//!   of their chars: two strings within distance 2 share such a deletion variant.
//! * Strings of at least [`LONG_MIN`] chars are indexed by the three pieces of an even split:
//!   two strings within distance 2 differ in at most two places, so one piece of the indexed
//!   string appears unchanged in the query, shifted by at most two chars.
//!
//! Every pair within distance 2 is found by one of the two (their lengths differ by at most 2).

const SHORT_MAX: usize = 22;
const LONG_MIN: usize = 19;

/// Levenshtein distance over chars.
#[cfg(test)]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    distance(&a, &b)
}

fn distance(a: &[char], b: &[char]) -> usize {
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

/// A fast hash of a char sequence (collisions only add candidates, which are checked).
fn hash_chars<'a>(chars: impl Iterator<Item = &'a char>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in chars {
        h = (h.rotate_left(5) ^ c as u64).wrapping_mul(0x0100_0000_01b3_5851);
    }
    h ^ (h >> 29)
}

/// Which deletion variant a key stands for: the string itself, one char deleted, two chars
/// deleted, or two chars deleted with their positions (two substitutions delete the same
/// positions from both strings).
#[derive(Clone, Copy)]
enum Del {
    None = 0,
    One = 1,
    Two = 2,
    TwoAt = 3,
    Piece = 4,
}

fn tag(h: u64, d: Del) -> u64 {
    (h ^ (d as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)).rotate_left(d as u32 * 13)
}

/// Deletion-variant hashes of `s`: (hash, kind), appended to `out`.
fn deletion_variants(s: &[char], out: &mut Vec<(u64, Del)>) {
    let n = s.len();
    out.push((hash_chars(s.iter()), Del::None));
    for i in 0..n {
        out.push((hash_chars(s[..i].iter().chain(&s[i + 1..])), Del::One));
        for j in i + 1..n {
            let h = hash_chars(s[..i].iter().chain(&s[i + 1..j]).chain(&s[j + 1..]));
            out.push((h, Del::Two));
            let at = (i as u64) << 32 | j as u64;
            out.push((h ^ at.wrapping_mul(0xff51_afd7_ed55_8ccd), Del::TwoAt));
        }
    }
}

/// The three pieces of an even split of `n` chars: (start, len).
fn pieces(n: usize) -> [(usize, usize); 3] {
    let a = n / 3;
    let b = (n - a) / 2;
    [(0, a), (a, b), (a + b, n - a - b)]
}

/// The key of piece `p` of a string of `len` chars whose content hashes to `h`.
fn piece_key(len: usize, p: usize, h: u64) -> u64 {
    tag(
        (h ^ (len as u64).wrapping_mul(0xc4ce_b9fe_1a85_ec53)).rotate_left(p as u32 * 21),
        Del::Piece,
    )
}

/// An index of strings for "which of them are within edit distance 2 of this one": (key, id)
/// pairs sorted by key, and where each value of the top `bits` bits of a key starts in them
/// (the keys are hashes, spread evenly).
pub struct NearIndex {
    words: Vec<Vec<char>>,
    keys: Vec<(u64, u32)>,
    bits: u32,
    starts: Vec<u32>,
}

impl NearIndex {
    /// Index `words`; a word's id is its position.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let words: Vec<Vec<char>> = words.into_iter().map(|w| w.chars().collect()).collect();
        let mut keys = Vec::new();
        let mut buf = Vec::new();
        for (id, w) in words.iter().enumerate() {
            buf.clear();
            Self::keys_of(w, &mut buf, false);
            keys.extend(buf.iter().map(|&k| (k, id as u32)));
        }
        keys.sort_unstable();
        let bits = (usize::BITS - keys.len().leading_zeros()).clamp(1, 30);
        let mut starts = Vec::with_capacity((1 << bits) + 1);
        let mut i = 0;
        for top in 0..=(1u64 << bits) {
            while i < keys.len() && keys[i].0 >> (64 - bits) < top {
                i += 1;
            }
            starts.push(i as u32);
        }
        NearIndex {
            words,
            keys,
            bits,
            starts,
        }
    }

    /// The keys a word is indexed under, or (`query`) the keys to look it up by. Within
    /// distance 2, the deletions from the two strings are: none and up to two, one and up to
    /// two, or two and two at the same positions; a query key stands for each kind of indexed
    /// key it may meet.
    fn keys_of(w: &[char], out: &mut Vec<u64>, query: bool) {
        if w.len() <= SHORT_MAX {
            let mut vars = Vec::new();
            deletion_variants(w, &mut vars);
            for (h, d) in vars {
                if !query {
                    out.push(tag(h, d));
                    continue;
                }
                let meets: &[Del] = match d {
                    Del::None | Del::One => &[Del::None, Del::One, Del::Two],
                    Del::Two => &[Del::None, Del::One],
                    _ => &[Del::TwoAt],
                };
                out.extend(meets.iter().map(|&m| tag(h, m)));
            }
        }
        let lens = if query {
            w.len().saturating_sub(2)..=w.len() + 2
        } else {
            w.len()..=w.len()
        };
        for len in lens.filter(|&l| l >= LONG_MIN) {
            for (p, (at, plen)) in pieces(len).into_iter().enumerate() {
                let shifts = if query {
                    at.saturating_sub(2)..=at + 2
                } else {
                    at..=at
                };
                for shifted in shifts {
                    if shifted + plen > w.len() {
                        break;
                    }
                    let h = hash_chars(w[shifted..shifted + plen].iter());
                    out.push(piece_key(len, p, h));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Ids of the indexed strings within edit distance 2 of `q` (0 included), ascending.
    pub fn within2(&self, q: &str) -> Vec<usize> {
        let w: Vec<char> = q.chars().collect();
        let mut qk = Vec::new();
        Self::keys_of(&w, &mut qk, true);
        let mut cands: Vec<u32> = Vec::new();
        for k in qk {
            let top = (k >> (64 - self.bits)) as usize;
            let bucket = &self.keys[self.starts[top] as usize..self.starts[top + 1] as usize];
            cands.extend(bucket.iter().filter(|e| e.0 == k).map(|e| e.1));
        }
        cands.sort_unstable();
        cands.dedup();
        cands
            .into_iter()
            .map(|i| i as usize)
            .filter(|&i| {
                let o = &self.words[i];
                o.len().abs_diff(w.len()) <= 2 && distance(o, &w) <= 2
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_a_scan_of_every_pair_finds() {
        let mut words: Vec<String> = [
            "balloons", "baloons", "ballons", "balls", "ab", "ba", "abc", "", "x", "xyz",
            "kaktus24", "kaktus42", "kaktus",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // long strings on both sides of the thresholds, with edits at the ends and the middle
        let base = "abcdefghijklmnopqrstuvwxyz0123456789";
        for n in [17, 19, 20, 21, 22, 23, 24, 30, 36] {
            let s: String = base.chars().take(n).collect();
            let c: Vec<char> = s.chars().collect();
            words.push(s.clone());
            words.push(c[1..].iter().collect());
            words.push(c[..n - 2].iter().collect());
            let mut m = c.clone();
            m[n / 2] = 'Я';
            m[n / 3] = 'Ж';
            words.push(m.iter().collect());
            m.insert(n / 4, 'Ё');
            words.push(m.iter().collect());
            let mut r = c.clone();
            r.swap(0, n - 1);
            words.push(r.iter().collect());
        }
        // many near pairs: random words over a small alphabet, short and long
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for i in 0..400 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = if i % 2 == 0 {
                (x % 9) as usize
            } else {
                17 + (x % 10) as usize
            };
            let alphabet = ['a', 'b', 'я'];
            let w: String = (0..len)
                .map(|k| alphabet[((x >> (k * 2)) % 3) as usize])
                .collect();
            words.push(w);
        }
        let ix = NearIndex::new(words.iter().map(String::as_str));
        for q in &words {
            let want: Vec<usize> = (0..words.len())
                .filter(|&i| edit_distance(&words[i], q) <= 2)
                .collect();
            assert_eq!(ix.within2(q), want, "{q}");
        }
    }
}
