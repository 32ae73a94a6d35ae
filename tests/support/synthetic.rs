//! A synthetic corpus for benchmarks and load tests: the seed policies replicated with
//! deterministic perturbations of the kind real files show (CRLF, NBSP, windows-1251, extra blank
//! lines, markdown bold, reordered/duplicated paragraphs, renumbered clauses), spread over
//! nested directories. Same seed files + same `seed` → byte-identical corpus.
//!
//! Support code of the benchmark, the examples and the tests, not of the library: each includes
//! it with `#[path]` (its own tests are in `tests/synthetic.rs`).
#![allow(dead_code)]

use std::io;
use std::path::{Path, PathBuf};

/// Write about `target_bytes` of text files under `out_dir` (created if needed) made from the
/// `*.txt` files in `seed_dir`. Returns the number of files and bytes written; the last file
/// may overshoot the target by one document.
pub fn generate_corpus(
    seed_dir: &Path,
    out_dir: &Path,
    target_bytes: u64,
    seed: u64,
) -> io::Result<(usize, u64)> {
    let seeds = read_seeds(seed_dir)?;
    if seeds.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("no *.txt seed files in {}", seed_dir.display()),
        ));
    }
    std::fs::create_dir_all(out_dir)?;
    let mut rng = XorShift::new(seed);
    let mut files = 0usize;
    let mut bytes = 0u64;
    let mut made_dirs = std::collections::HashSet::new();
    while bytes < target_bytes {
        let seed_text = &seeds[rng.below(seeds.len())];
        let data = perturb(seed_text, &mut rng);
        let rel = file_path(files);
        let path = out_dir.join(&rel);
        let dir = path.parent().unwrap_or(out_dir).to_path_buf();
        if made_dirs.insert(dir.clone()) {
            std::fs::create_dir_all(&dir)?;
        }
        std::fs::write(&path, &data)?;
        files += 1;
        bytes += data.len() as u64;
    }
    Ok((files, bytes))
}

/// `p003/b7/doc-0003712.txt`: 1000 files per part, 100 per batch.
fn file_path(i: usize) -> PathBuf {
    PathBuf::from(format!("p{:03}", i / 1000))
        .join(format!("b{}", (i / 100) % 10))
        .join(format!("doc-{i:07}.txt"))
}

fn read_seeds(dir: &Path) -> io::Result<Vec<String>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let bytes = std::fs::read(&p)?;
        // Seeds are UTF-8; anything else is skipped rather than guessed.
        if let Ok(s) = String::from_utf8(bytes) {
            out.push(s.replace("\r\n", "\n"));
        }
    }
    Ok(out)
}

/// Tiny deterministic PRNG (xorshift64*).
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        // Avoid the all-zero state; mix the seed a little.
        XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// True with probability `pct`%.
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
}

/// One generated file from one seed text.
fn perturb(seed: &str, rng: &mut XorShift) -> Vec<u8> {
    let mut paras: Vec<String> = seed
        .split("\n\n")
        .map(|p| p.trim_matches('\n').to_string())
        .filter(|p| !p.trim().is_empty())
        .collect();

    // Paragraph order: swap a few neighbours after the title block, duplicate one or two.
    if paras.len() > 6 && rng.chance(40) {
        for _ in 0..1 + rng.below(3) {
            let i = 3 + rng.below(paras.len() - 4);
            paras.swap(i, i + 1);
        }
    }
    if paras.len() > 4 && rng.chance(30) {
        for _ in 0..1 + rng.below(2) {
            let i = 2 + rng.below(paras.len() - 2);
            let dup = paras[i].clone();
            paras.insert(i + 1, dup);
        }
    }
    // Renumber clauses: shift every leading top-level number by `delta`.
    if rng.chance(30) {
        let delta = 1 + rng.below(3);
        for p in paras.iter_mut() {
            renumber(p, delta);
        }
    }
    // Markdown bold headings (short lines that are upper-case or start with «N. »).
    if rng.chance(25) {
        for p in paras.iter_mut() {
            if is_heading(p) {
                *p = format!("**{p}**");
            }
        }
    }
    // A revision line keeps files distinct.
    if rng.chance(50) {
        let line = format!(
            "Редакция от {:02}.{:02}.{}",
            1 + rng.below(28),
            1 + rng.below(12),
            2015 + rng.below(11)
        );
        let at = paras.len().min(1);
        paras.insert(at, line);
    }

    let sep = if rng.chance(25) { "\n\n\n" } else { "\n\n" };
    let mut text = paras.join(sep);
    text.push('\n');
    if rng.chance(20) {
        // Extra blank lines in a few places.
        text = text.replacen("\n\n", "\n\n\n\n", 1 + rng.below(5));
    }
    if rng.chance(25) {
        text = nbsp(&text, rng);
    }
    if rng.chance(25) {
        text = text.replace('\n', "\r\n");
    }
    if rng.chance(15) {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&text);
        if !unmappable {
            return bytes.into_owned();
        }
    }
    text.into_bytes()
}

/// Replace about one space in five with a no-break space.
fn nbsp(text: &str, rng: &mut XorShift) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    for c in text.chars() {
        if c == ' ' && rng.chance(20) {
            out.push('\u{a0}');
        } else {
            out.push(c);
        }
    }
    out
}

fn is_heading(p: &str) -> bool {
    let line = p.trim();
    if line.contains('\n') || line.chars().count() > 80 {
        return false;
    }
    let letters = line.chars().filter(|c| c.is_alphabetic());
    let upper = line.chars().all(|c| !c.is_lowercase()) && letters.count() > 3;
    upper || starts_with_top_number(line).is_some_and(|(_, rest)| rest.starts_with(' '))
}

/// `"12. Text"` → `(12, " Text")` for a top-level number followed by a dot (not `1.2.`).
fn starts_with_top_number(s: &str) -> Option<(usize, &str)> {
    let digits = s.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 3 || !s[digits..].starts_with('.') {
        return None;
    }
    let n = s[..digits].parse().ok()?;
    Some((n, &s[digits + 1..]))
}

/// Shift the top-level number of every line that starts with «N.» / «N.M.»: «3.2. …» → «5.2. …».
pub fn renumber(p: &mut String, delta: usize) {
    let mut out = String::with_capacity(p.len() + 8);
    for (i, line) in p.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let digits = line.bytes().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 && digits <= 3 && line[digits..].starts_with('.') {
            let n: usize = line[..digits].parse().unwrap_or(0);
            out.push_str(&(n + delta).to_string());
            out.push_str(&line[digits..]);
        } else {
            out.push_str(line);
        }
    }
    *p = out;
}

/// One ordinary document of about `target_bytes` made of perturbed seed policies one after the
/// other (UTF-8; a windows-1251 perturbation is decoded back), for memory and time tests of a
/// single big file.
pub fn generate_document(seed_dir: &Path, target_bytes: usize, seed: u64) -> io::Result<String> {
    let seeds = read_seeds(seed_dir)?;
    if seeds.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("no *.txt seed files in {}", seed_dir.display()),
        ));
    }
    let mut rng = XorShift::new(seed);
    let mut out = String::with_capacity(target_bytes + 64 * 1024);
    while out.len() < target_bytes {
        let data = perturb(&seeds[rng.below(seeds.len())], &mut rng);
        match String::from_utf8(data) {
            Ok(s) => out.push_str(&s),
            Err(e) => out.push_str(&encoding_rs::WINDOWS_1251.decode(e.as_bytes()).0),
        }
        out.push('\n');
    }
    Ok(out)
}

/// The kinds of entity-dense text [`dense_text`] writes.
pub const DENSE_KINDS: &[&str] = &[
    "orgs",
    "inn",
    "ogrn",
    "phones",
    "emails",
    "domains",
    "urls",
    "addresses",
    "dates",
    "laws",
    "persons",
    "clauses",
];

/// A valid 10-digit ИНН from a 9-digit body.
fn inn10(body: u64) -> String {
    let s = format!("{:09}", body % 1_000_000_000);
    let w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    let sum: u32 = s.bytes().zip(w).map(|(b, w)| (b - b'0') as u32 * w).sum();
    format!("{s}{}", sum % 11 % 10)
}

/// A valid 13-digit ОГРН from a 12-digit body.
fn ogrn13(body: u64) -> String {
    let b = body % 1_000_000_000_000;
    format!("{b:012}{}", b % 11 % 10)
}

/// `n` lowercase Latin letters from `x` (distinct `x` below 26^n give distinct labels).
fn letters(mut x: u64, n: usize) -> String {
    let mut s = String::with_capacity(n);
    for _ in 0..n {
        s.push((b'a' + (x % 26) as u8) as char);
        x /= 26;
    }
    s
}

/// About `target_bytes` of a policy dense in one kind of entity (one of [`DENSE_KINDS`]): a
/// short heading, then one entity per line, every one distinct (deterministic). `None` for an
/// unknown kind.
pub fn dense_text(kind: &str, target_bytes: usize) -> Option<String> {
    if !DENSE_KINDS.contains(&kind) {
        return None;
    }
    let mut rng = XorShift::new(0xD3A5E);
    let mut out = String::with_capacity(target_bytes + 256);
    out.push_str("ПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ\n\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n\n1.1. Получатели данных:\n");
    let mut i: u64 = 0;
    while out.len() < target_bytes {
        let (r, r2) = (rng.next(), rng.next());
        let line = match kind {
            "orgs" => format!(
                "- ООО «Ромашка-{i}» (ИНН {}) — поставщик услуг;\n",
                inn10(r)
            ),
            // half of them with a wrong check digit (an invalid_checksum finding each)
            "inn" => {
                let v = inn10(r);
                if i.is_multiple_of(2) {
                    format!("ИНН {v};\n")
                } else {
                    let last = (v.as_bytes()[9] - b'0' + 1) % 10;
                    format!("ИНН {}{last};\n", &v[..9])
                }
            }
            "ogrn" => format!("ОГРН {}, {}\n", ogrn13(r), ogrn13(r2)),
            "phones" => format!(
                "Телефон: +7 (9{:02}) {:03}-{:02}-{:02}\n",
                r % 100,
                (r >> 8) % 1000,
                (r >> 20) % 100,
                (r >> 28) % 100
            ),
            "emails" => format!("E-mail: {}@{}.ru\n", letters(r, 8), letters(r2, 7)),
            "domains" => format!("Сайт {}.ru;\n", letters(r, 9)),
            "urls" => format!(
                "https://{}.ru/page/{i} и www.{}.com\n",
                letters(r, 9),
                letters(r2, 7)
            ),
            "addresses" => format!(
                "Адрес: {:06}, г. Москва, ул. {} , д. {}\n",
                100_000 + r % 900_000,
                ["Ленина", "Мира", "Гагарина", "Садовая"][(r >> 30) as usize % 4],
                i
            ),
            "dates" => format!(
                "Редакция от {:02}.{:02}.{} № {i}\n",
                1 + r % 28,
                1 + (r >> 8) % 12,
                1990 + (r >> 16) % 35
            ),
            "laws" => format!(
                "Федеральный закон от 27.07.2006 № {}-ФЗ «О законе {i}»;\n",
                1 + r % 100_000
            ),
            "persons" => format!(
                "Оператор: ИП Иванов{} Иван Иванович, ИНН {}\n",
                letters(r, 5),
                inn10(r2)
            ),
            // N.M.K. with N < 100 (a larger top number is not read as a clause)
            "clauses" => format!(
                "\n{}.{}.{}. Оператор обрабатывает имя, телефон и адрес электронной почты в целях {i}.\n",
                2 + i / 10_000,
                1 + (i / 100) % 100,
                1 + i % 100
            ),
            _ => unreachable!("{kind} is in DENSE_KINDS"),
        };
        out.push_str(&line);
        i += 1;
    }
    Some(out)
}

/// Total size in bytes of the files directly in `dir` (0 when it cannot be read): the output
/// size the benchmarks report.
pub fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
