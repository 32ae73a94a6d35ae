//! The identifier types, one row each in [`ID_TYPES`]: kind, label, how its label is written,
//! lengths, issuing country, validator, and the `summary.csv` column that lists it.
//!
//! To add a type: a variant in `model::IdKind`, one row here and its validator function below.
//! The label pattern joins the label scan of `ids.rs` (in table order, after the compound
//! labels ИНН/КПП and БИН/ИИН), a value read after it is checked with the validator, the
//! country feeds the operator's country and the jurisdiction vote, and the column (if any)
//! lists it in `summary.csv`.

use crate::model::IdKind;

/// One identifier type.
#[derive(Debug)]
pub struct IdType {
    /// The kind (its JSON name is `kind.as_str()`).
    pub kind: IdKind,
    /// The most digits (or characters) a value has: a number is read up to this length.
    pub max_len: usize,
    /// The country whose registry issues it (`RU`, `KZ`, `BY`), `None` for international ones.
    pub country: Option<&'static str>,
    /// Whether a bare value (digits or characters, no separators) is well-formed and its
    /// checksum passes.
    pub validate: fn(&str) -> bool,
    /// The `summary.csv` column that lists the document's values of this type.
    pub summary_column: Option<&'static str>,
}

/// Every identifier type, in the order their labels are tried (longer labels before their
/// prefixes: ОГРНИП before ОГРН) and their `summary.csv` columns appear.
pub static ID_TYPES: &[IdType] = &[
    IdType {
        kind: IdKind::Inn,
        max_len: 12,
        country: Some("RU"),
        validate: inn_valid,
        summary_column: Some("inn"),
    },
    IdType {
        kind: IdKind::Ogrnip,
        max_len: 15,
        country: Some("RU"),
        validate: ogrnip_valid,
        summary_column: Some("ogrn"),
    },
    IdType {
        kind: IdKind::Ogrn,
        max_len: 15,
        country: Some("RU"),
        validate: ogrn_valid,
        summary_column: Some("ogrn"),
    },
    IdType {
        kind: IdKind::Kpp,
        max_len: 9,
        country: Some("RU"),
        validate: kpp_valid,
        summary_column: Some("kpp"),
    },
    IdType {
        kind: IdKind::Bik,
        max_len: 9,
        country: None,
        validate: bik_valid,
        summary_column: None,
    },
    IdType {
        kind: IdKind::Swift,
        max_len: 11,
        country: None,
        validate: swift_valid,
        summary_column: None,
    },
    IdType {
        kind: IdKind::Iban,
        max_len: 34,
        country: None,
        validate: iban_valid,
        summary_column: None,
    },
    IdType {
        kind: IdKind::Okpo,
        max_len: 10,
        country: None,
        validate: okpo_valid,
        summary_column: None,
    },
    IdType {
        kind: IdKind::Oktmo,
        max_len: 11,
        country: Some("RU"),
        validate: oktmo_valid,
        summary_column: None,
    },
    IdType {
        kind: IdKind::Snils,
        max_len: 11,
        country: Some("RU"),
        validate: snils_valid,
        summary_column: None,
    },
    IdType {
        kind: IdKind::Bin,
        max_len: 12,
        country: Some("KZ"),
        validate: bin_valid,
        summary_column: Some("bin_iin"),
    },
    IdType {
        kind: IdKind::Iin,
        max_len: 12,
        country: Some("KZ"),
        validate: iin_valid,
        summary_column: Some("bin_iin"),
    },
    IdType {
        kind: IdKind::Unp,
        max_len: 9,
        country: Some("BY"),
        validate: unp_valid,
        summary_column: Some("unp"),
    },
    IdType {
        kind: IdKind::CorrAccount,
        max_len: 34,
        country: None,
        validate: account_shape_valid,
        summary_column: None,
    },
    IdType {
        kind: IdKind::SettlementAccount,
        max_len: 34,
        country: None,
        validate: account_shape_valid,
        summary_column: None,
    },
];

/// How a type's label is written (from `data/lexicon/ru/id_labels.tsv`).
#[derive(Debug)]
pub struct IdLabel {
    /// The label as named in messages (`ИНН`).
    pub label: &'static str,
    /// Regex alternatives matching the label before a value (case-insensitive, `x` mode).
    pub pattern: &'static str,
}

static LABELS: std::sync::LazyLock<Vec<(IdKind, IdLabel)>> = std::sync::LazyLock::new(|| {
    let file = include_str!("../../data/lexicon/ru/id_labels.tsv");
    crate::lexicon::rows::<3>("id_labels.tsv", file)
        .into_iter()
        .map(|[kind, label, pattern]| {
            let kind = ID_TYPES
                .iter()
                .map(|t| t.kind)
                .find(|k| k.as_str() == kind)
                .unwrap_or_else(|| panic!("id_labels.tsv: unknown kind {kind}"));
            (kind, IdLabel { label, pattern })
        })
        .collect()
});

/// The label of `kind`.
pub fn label(kind: IdKind) -> &'static IdLabel {
    LABELS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, l)| l)
        .expect("every IdKind has a row in id_labels.tsv")
}

/// The row of `kind`.
pub fn id_type(kind: IdKind) -> &'static IdType {
    ID_TYPES
        .iter()
        .find(|t| t.kind == kind)
        .expect("every IdKind has a row in ID_TYPES")
}

/// The `summary.csv` identifier columns, in table order, each once (derived once per process).
pub fn summary_columns() -> &'static [&'static str] {
    static COLUMNS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        let mut cols: Vec<&'static str> = Vec::new();
        for c in ID_TYPES.iter().filter_map(|t| t.summary_column) {
            if !cols.contains(&c) {
                cols.push(c);
            }
        }
        cols
    });
    &COLUMNS
}

/// ОГРНИП: a 15-digit ОГРН (first digit 3).
fn ogrnip_valid(s: &str) -> bool {
    s.len() == 15 && ogrn_valid(s)
}

/// A bank account before the БИК cross-check: 20 digits.
fn account_shape_valid(s: &str) -> bool {
    s.len() == 20 && s.bytes().all(|b| b.is_ascii_digit())
}

fn digits_of(s: &str) -> Option<Vec<u32>> {
    s.chars().map(|c| c.to_digit(10)).collect()
}

pub(crate) fn weighted(d: &[u32], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(a, b)| a * b).sum()
}

/// ИНН, 10 digits (organization) or 12 digits (person / ИП). The first two digits are the code
/// of the tax office's region: `00` passes the checksum but is never issued (issue 12).
pub fn inn_valid(s: &str) -> bool {
    let Some(d) = digits_of(s) else { return false };
    if d.len() >= 2 && d[0] == 0 && d[1] == 0 {
        return false;
    }
    match d.len() {
        10 => weighted(&d, &[2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10 == d[9],
        12 => {
            let n11 = weighted(&d, &[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10;
            let n12 = weighted(&d, &[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10;
            n11 == d[10] && n12 == d[11]
        }
        _ => false,
    }
}

/// ОГРН (13 digits: first 12 mod 11, mod 10) or ОГРНИП (15 digits: first 14 mod 13, mod 10).
/// The first digit is the kind of record (FNS order ММВ-7-6/25@): 1 or 5 for the ОГРН of a
/// legal entity, 3 for the ОГРНИП of an ИП; 2, 4, 6, 7, 8, 9 mark a state registration record
/// number (ГРН) of a later entry, which has the same checksum but is not an ОГРН/ОГРНИП
/// (issue 12).
pub fn ogrn_valid(s: &str) -> bool {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let (body, modulus) = match (s.len(), s.as_bytes().first()) {
        (13, Some(b'1' | b'5')) => (&s[..12], 11),
        (15, Some(b'3')) => (&s[..14], 13),
        _ => return false,
    };
    let n: u64 = body.parse().unwrap_or(0);
    let check = (n % modulus % 10) as u32;
    s[s.len() - 1..].parse::<u32>().ok() == Some(check)
}

/// КПП: 4 digits (tax office), 2 digits or capital Latin letters (reason), 3 digits.
pub fn kpp_valid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 9
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4..6]
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        && b[6..].iter().all(u8::is_ascii_digit)
}

/// Russian БИК: 9 digits starting with 04.
pub fn bik_valid(s: &str) -> bool {
    s.len() == 9 && s.bytes().all(|b| b.is_ascii_digit()) && s.starts_with("04")
}

/// 20-digit account key check (weights 7,1,3 over the 23 digits `prefix3 + account`).
fn account_key_ok(prefix3: &str, account: &str) -> bool {
    let s = format!("{prefix3}{account}");
    let Some(d) = digits_of(&s) else { return false };
    if d.len() != 23 {
        return false;
    }
    d.iter()
        .enumerate()
        .map(|(i, x)| x * [7, 1, 3][i % 3])
        .sum::<u32>()
        % 10
        == 0
}

/// Settlement account checked against a БИК (last 3 digits of the БИК + account).
pub fn settlement_account_valid(account: &str, bik: &str) -> bool {
    bik.len() == 9 && account_key_ok(&bik[6..], account)
}

/// Correspondent account checked against a БИК ("0" + БИК digits 5-6 + account).
pub fn corr_account_valid(account: &str, bik: &str) -> bool {
    bik.len() == 9 && account_key_ok(&format!("0{}", &bik[4..6]), account)
}

/// ОКПО (8 or 10 digits): weights 1,2,3,… mod 11; on 10, weights 3,4,5,… mod 11; on 10 → 0.
pub fn okpo_valid(s: &str) -> bool {
    let Some(d) = digits_of(s) else { return false };
    if !matches!(d.len(), 8 | 10) {
        return false;
    }
    let body = &d[..d.len() - 1];
    let sum = |start: u32| -> u32 {
        body.iter()
            .enumerate()
            .map(|(i, x)| x * ((start - 1 + i as u32) % 10 + 1))
            .sum::<u32>()
            % 11
    };
    let mut c = sum(1);
    if c == 10 {
        c = sum(3);
        if c == 10 {
            c = 0;
        }
    }
    c == d[d.len() - 1]
}

/// ОКТМО (8 or 11 digits): its first two digits are the code of a federal subject (01–99);
/// the classifier's control number is not part of the written code, so there is no checksum.
pub fn oktmo_valid(s: &str) -> bool {
    let Some(d) = digits_of(s) else { return false };
    matches!(d.len(), 8 | 11) && d[0] * 10 + d[1] > 0
}

/// СНИЛС (11 digits): weights 9..1 over the first 9 digits; <100 as is, 100/101 → 00,
/// otherwise mod 101 (100 → 00).
pub fn snils_valid(s: &str) -> bool {
    let Some(d) = digits_of(s) else { return false };
    if d.len() != 11 {
        return false;
    }
    let sum = weighted(&d[..9], &[9, 8, 7, 6, 5, 4, 3, 2, 1]);
    let check = match sum {
        0..=99 => sum,
        100 | 101 => 0,
        _ => {
            let m = sum % 101;
            if m == 100 {
                0
            } else {
                m
            }
        }
    };
    check == d[9] * 10 + d[10]
}

/// Kazakh БИН/ИИН checksum (weights 1..11; on 10, weights 3..11,1,2; on 10 again → invalid).
pub fn kz_checksum_ok(s: &str) -> bool {
    let Some(d) = digits_of(s) else { return false };
    if d.len() != 12 {
        return false;
    }
    let mut c = weighted(&d, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
    if c == 10 {
        c = weighted(&d, &[3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11;
        if c == 10 {
            return false;
        }
    }
    c == d[11]
}

/// ИИН: checksum, the first six digits are a YYMMDD date and the 7th (century/sex) is 0-6.
pub fn iin_valid(s: &str) -> bool {
    if !kz_checksum_ok(s) {
        return false;
    }
    let d = digits_of(s).unwrap_or_default();
    let mm = d[2] * 10 + d[3];
    let dd = d[4] * 10 + d[5];
    (1..=12).contains(&mm) && (1..=31).contains(&dd) && d[6] <= 6
}

/// БИН: checksum, YYMM registration month, 5th digit 4-6 (legal entity / branch).
pub fn bin_valid(s: &str) -> bool {
    if !kz_checksum_ok(s) {
        return false;
    }
    let d = digits_of(s).unwrap_or_default();
    let mm = d[2] * 10 + d[3];
    (1..=12).contains(&mm) && (4..=6).contains(&d[4])
}

/// Belarusian УНП, by the rules of python-stdnum (`stdnum.by.unp`): 9 characters, the last
/// seven digits; the first two both digits (an organisation) or both letters of `ABCEHKMOPT`
/// (an individual, Cyrillic look-alikes read as Latin: «МА1953684» = «MA1953684»); the first
/// one of `1234567ABCEHKM` (the region). Check digit: weights 29,23,19,17,13,7,5,3 over the
/// values (a first letter by its place in 0-9A-Z, a second by its place in `ABCEHKMOPT`),
/// mod 11; 10 is never issued.
pub fn unp_valid(s: &str) -> bool {
    let chars: Vec<char> = s.chars().map(unp_latin).collect();
    if chars.len() != 9 || !chars[2..].iter().all(char::is_ascii_digit) {
        return false;
    }
    const LETTERS: &str = "ABCEHKMOPT";
    let both_digits = chars[..2].iter().all(char::is_ascii_digit);
    if !both_digits && !chars[..2].iter().all(|&c| LETTERS.contains(c)) {
        return false;
    }
    if !"1234567ABCEHKM".contains(chars[0]) {
        return false;
    }
    let mut vals: Vec<u32> = Vec::with_capacity(8);
    for (i, &c) in chars[..8].iter().enumerate() {
        vals.push(match c.to_digit(10) {
            Some(v) => v,
            // the second letter counts by its place in LETTERS, the first by its base-36 value
            None if i == 1 => LETTERS.find(c).unwrap_or(0) as u32,
            None => c.to_digit(36).unwrap_or(0),
        });
    }
    let c = weighted(&vals, &[29, 23, 19, 17, 13, 7, 5, 3]) % 11;
    c != 10 && chars[8].to_digit(10) == Some(c)
}

/// A Cyrillic capital of a УНП as the Latin letter it looks like (stdnum's table).
fn unp_latin(c: char) -> char {
    match "АВЕКМНОРСТ".chars().position(|x| x == c) {
        Some(i) => "ABEKMHOPCT".as_bytes()[i] as char,
        None => c,
    }
}

/// IBAN: country letters, 2 check digits, 11-30 alphanumerics; mod 97 == 1.
pub fn iban_valid(s: &str) -> bool {
    let b = s.as_bytes();
    if !(15..=34).contains(&b.len())
        || !b[..2].iter().all(u8::is_ascii_uppercase)
        || !b[2..4].iter().all(u8::is_ascii_digit)
        || !b
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    {
        return false;
    }
    let mut rem: u32 = 0;
    for &c in b[4..].iter().chain(&b[..4]) {
        let v = if c.is_ascii_digit() {
            (c - b'0') as u32
        } else {
            (c - b'A') as u32 + 10
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// SWIFT/BIC shape: 4 letters (bank), 2 letters (country), 2 alphanumerics, optional 3.
pub fn swift_valid(s: &str) -> bool {
    let b = s.as_bytes();
    (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..]
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}
