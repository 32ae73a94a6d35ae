//! Registration, tax and bank identifiers: ИНН, ОГРН/ОГРНИП, КПП, БИК, accounts, ОКПО, СНИЛС,
//! Kazakh БИН/ИИН, Belarusian УНП, IBAN and SWIFT.
//!
//! Two passes over the text:
//! 1. by label ("ИНН", "ОГРНИП №", "р/с", "БИК Банка", "БИН/ИИН", …) with the value on the same
//!    line or on the next line (label/value blocks);
//! 2. by shape: a bare 12-digit number that is a valid ИНН and 13/15-digit numbers that are a
//!    valid ОГРН/ОГРНИП.
//!
//! Every value is checked with its official checksum. A value whose checksum contradicts its label
//! but fits another type (a Russian ИНН written as «ИИН») is typed by the checksum and reported as
//! an `id_label_mismatch` finding; a value that fits nothing is kept with `valid: false` and an
//! `invalid_checksum` finding.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use regex::Regex;

use super::id_types::{
    bik_valid, bin_valid, corr_account_valid, iban_valid, id_type, iin_valid, inn_valid, kpp_valid,
    kz_checksum_ok, label, ogrn_valid, settlement_account_valid, swift_valid, unp_valid, ID_TYPES,
};
use super::scan::{next_digit_or_capital, window};
use super::Extraction;
use crate::context::DocContext;
use crate::model::{Finding, FindingCode, IdKind, Identifier, Mention};

// ---------------------------------------------------------------------------------------------
// Labels and values
// ---------------------------------------------------------------------------------------------

/// What a label names: one identifier type, or one of the compound labels that name two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    /// «ИНН/КПП»: an ИНН, then maybe a КПП after a slash.
    InnKpp,
    /// «БИН/ИИН»: a Kazakh number of either kind.
    BinIin,
    /// The label of one type in [`ID_TYPES`].
    Type(IdKind),
}

/// Two identifier types named by one label, in the order written («ИНН/КПП»).
type Pair = (IdKind, IdKind);

/// The compound labels, tried before the labels of the single types: each names two types
/// separated by a slash, in either of the orders given (capture group, label, orders).
const COMPOUND_LABELS: [(&str, Label, &[Pair]); 2] = [
    ("innkpp", Label::InnKpp, &[(IdKind::Inn, IdKind::Kpp)]),
    (
        "biniin",
        Label::BinIin,
        &[(IdKind::Bin, IdKind::Iin), (IdKind::Iin, IdKind::Bin)],
    ),
];

/// The regex of a compound label: «ИНН/КПП» with spaces allowed around the slash.
fn compound_pattern(orders: &[Pair]) -> String {
    orders
        .iter()
        .map(|&(a, b)| format!(r"{}\s*/\s*{}", name(a), name(b)))
        .collect::<Vec<_>>()
        .join("|")
}

/// The capture group of each label in [`label_regex`], in the order they are tried: the
/// compound labels, then one group per row of [`ID_TYPES`] named by its kind.
fn label_groups() -> Vec<(&'static str, Label)> {
    COMPOUND_LABELS
        .iter()
        .map(|&(g, l, _)| (g, l))
        .chain(
            ID_TYPES
                .iter()
                .map(|t| (t.kind.as_str(), Label::Type(t.kind))),
        )
        .collect()
}

/// A label that ends right before a value: searched backwards from the value over a short
/// window (end-anchored, so the regex engine runs in reverse and touches only the label).
/// Alternatives in the order of [`label_groups`], the patterns from `id_labels.tsv`. Between
/// label and value: spaces, ":", "№", dashes, and up to three line breaks (label/value
/// blocks); a label may close a bracket («Номер счёта (IBAN): KZ…»).
fn label_regex() -> Regex {
    let alts: Vec<String> = COMPOUND_LABELS
        .iter()
        .map(|&(g, _, orders)| format!("(?P<{g}>{})", compound_pattern(orders)))
        .chain(
            ID_TYPES
                .iter()
                .map(|t| format!("(?P<{}>{})", t.kind.as_str(), label(t.kind).pattern)),
        )
        .collect();
    Regex::new(&format!(
        r"(?xi)(?:{})\)?[\ \t\u{{A0}}]*(?:[:№\#—–\-][\ \t\u{{A0}}]*){{0,3}}(?:\r?\n[\ \t\u{{A0}}]*){{0,3}}$",
        alts.join("|")
    ))
    .unwrap()
}

/// How far back from a value a label may start (bytes).
const LABEL_WINDOW: usize = 120;

/// A numeric value: digit groups joined by single spaces or dashes.
const NUM: &str = r"\A\d+(?:[ \u{A0}\-]\d+)*";

/// An alphanumeric value (IBAN, SWIFT, letters in a БИК or УНП: «MA1953684», «АВ1234567»),
/// optionally in groups of 4.
const ALNUM: &str = r"\A[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b|\A[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b|\A(?:\d[A-ZА-Я]|[A-ZА-Я]{2})\d{7}\b";

/// The pattern of `country` in `id_country_context.tsv`.
fn country_context(country: &str) -> Regex {
    let rows = crate::lexicon::rows::<2>(
        "id_country_context.tsv",
        include_str!("../../data/lexicon/id_country_context.tsv"),
    );
    let [_, pattern] = rows
        .into_iter()
        .find(|[c, _]| *c == country)
        .unwrap_or_else(|| panic!("id_country_context.tsv: no row {country}"));
    Regex::new(pattern).unwrap()
}

/// This module's compiled patterns and label table, built once by the [`crate::Engine`].
pub(super) struct Patterns {
    /// The capture group of each label in `label`, in the order they are tried: the compound
    /// labels, then one group per row of [`ID_TYPES`] named by its kind.
    label_groups: Vec<(&'static str, Label)>,
    label: Regex,
    num: Regex,
    alnum: Regex,
    kz_context: Regex,
    ru_context: Regex,
}

impl Patterns {
    pub(super) fn new() -> Self {
        Patterns {
            label_groups: label_groups(),
            label: label_regex(),
            num: Regex::new(NUM).unwrap(),
            alnum: Regex::new(ALNUM).unwrap(),
            kz_context: country_context("kz"),
            ru_context: country_context("ru"),
        }
    }
}

/// One occurrence before deduplication.
struct Found {
    kind: IdKind,
    value: String,
    label: Option<String>,
    valid: bool,
    reason: Option<String>,
    /// `Some(message)` when the label names another type.
    mismatch: Option<String>,
    start: usize,
    end: usize,
}

/// What a value read after a label turned out to be.
struct Verdict {
    kind: IdKind,
    valid: bool,
    /// Why `valid` is false.
    reason: Option<String>,
    /// `Some(message)` when the label names another type.
    mismatch: Option<String>,
}

impl Verdict {
    /// Valid, as labelled.
    fn ok(kind: IdKind) -> Self {
        Verdict {
            kind,
            valid: true,
            reason: None,
            mismatch: None,
        }
    }

    /// Invalid for `reason`.
    fn bad(kind: IdKind, reason: impl Into<String>) -> Self {
        Verdict {
            kind,
            valid: false,
            reason: Some(reason.into()),
            mismatch: None,
        }
    }

    /// Valid, but the label names another type (`message` says which).
    fn mismatched(kind: IdKind, message: String) -> Self {
        Verdict {
            kind,
            valid: true,
            reason: None,
            mismatch: Some(message),
        }
    }

    /// Valid when `ok`, else invalid for the reason `why`.
    fn checked(kind: IdKind, ok: bool, why: &str) -> Self {
        if ok {
            Self::ok(kind)
        } else {
            Self::bad(kind, why)
        }
    }
}

fn max_len(l: Label) -> usize {
    match l {
        Label::InnKpp | Label::BinIin => 12,
        Label::Type(k) => id_type(k).max_len,
    }
}

/// A template placeholder rather than a number: one digit repeated, or 0123456789….
fn is_placeholder(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() < 2 {
        return true;
    }
    if b.iter().all(|&c| c == b[0]) {
        return true;
    }
    let asc = b
        .windows(2)
        .all(|w| w[1] == w[0] + 1 || (w[0] == b'9' && w[1] == b'0'));
    asc && b[0] <= b'1'
}

/// Read a numeric value at `pos`: digit groups joined by one space/dash, taking groups while the
/// digit count stays within `max`. Returns (digits, byte end).
fn read_number(p: &Patterns, text: &str, pos: usize, max: usize) -> Option<(String, usize)> {
    let m = p.num.find(window(text, pos, 120))?;
    let s = m.as_str();
    let mut digits = String::new();
    let mut end = pos;
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < bytes.len() {
        let g_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let group = &s[g_start..i];
        if !digits.is_empty() && digits.len() + group.len() > max {
            break;
        }
        digits.push_str(group);
        end = pos + i;
        // skip one separator (space, nbsp or dash)
        if i < bytes.len() {
            let c = s[i..].chars().next().unwrap();
            i += c.len_utf8();
        }
    }
    // A number glued to letters or further digits is not a value ("152-ФЗ" style).
    let next = text[end..].chars().next();
    if next.is_some_and(|c| c.is_alphabetic()) {
        return None;
    }
    Some((digits, end))
}

/// How `kind` is named in messages (its label in `id_labels.tsv`: «ИНН»).
fn name(kind: IdKind) -> &'static str {
    super::id_types::label(kind).label
}

/// Decide type and validity of a numeric value found after `label`.
fn classify(label: Label, v: &str, kz: &KzContext) -> Verdict {
    let n = v.len();
    let len_reason = |what: &str| format!("{n} digits: not a {what} length");
    let inn = name(IdKind::Inn);
    match label {
        Label::Type(IdKind::Inn) | Label::InnKpp => match n {
            10 | 12 if inn_valid(v) => Verdict::ok(IdKind::Inn),
            12 if iin_valid(v) || bin_valid(v) => {
                let k = if bin_valid(v) {
                    IdKind::Bin
                } else {
                    IdKind::Iin
                };
                Verdict::mismatched(
                        k,
                        format!(
                            "labelled {inn} but {v} is a Kazakh {}, not a Russian {inn} (checksum fails)",
                            k.as_str().to_uppercase()
                        ),
                    )
            }
            10 | 12 => Verdict::bad(IdKind::Inn, format!("{inn} checksum fails")),
            _ => Verdict::bad(IdKind::Inn, len_reason(&format!("{inn} (10/12)"))),
        },
        Label::Type(IdKind::Bin) | Label::Type(IdKind::Iin) | Label::BinIin => {
            let as_bin = bin_valid(v);
            let as_iin = iin_valid(v);
            let ru = inn_valid(v);
            let kz_kind = match label {
                Label::Type(IdKind::Bin) => IdKind::Bin,
                Label::Type(IdKind::Iin) => IdKind::Iin,
                _ if as_bin
                    || (!as_iin
                        && v.len() == 12
                        && (4..=6).contains(&(v.as_bytes()[4] - b'0'))) =>
                {
                    IdKind::Bin
                }
                _ => IdKind::Iin,
            };
            let kz_ok = as_bin || as_iin;
            let bin_iin = format!("{}/{}", name(IdKind::Bin), name(IdKind::Iin));
            let lbl = match label {
                Label::Type(k @ (IdKind::Bin | IdKind::Iin)) => name(k).to_string(),
                _ => bin_iin.clone(),
            };
            if n == 12 && ru && (!kz_ok || !kz.get()) {
                let why = if kz_ok {
                    "the text is a Russian one".to_string()
                } else {
                    let mut w = Vec::new();
                    let mm = &v[2..4];
                    let dd = &v[4..6];
                    if !(("01"..="12").contains(&mm) && ("01"..="31").contains(&dd)) {
                        w.push(format!("its first digits {} are no YYMMDD date", &v[..6]));
                    }
                    if !kz_checksum_ok(v) {
                        w.push("it fails the Kazakh checksum".to_string());
                    }
                    if w.is_empty() {
                        w.push(format!("it is no valid {bin_iin}"));
                    }
                    w.join(" and ")
                };
                return Verdict::mismatched(
                    IdKind::Inn,
                    format!(
                        "labelled {lbl} but {v} is a valid Russian {}: {why}",
                        name(IdKind::Inn)
                    ),
                );
            }
            if n != 12 {
                return Verdict::bad(kz_kind, len_reason(&format!("{bin_iin} (12)")));
            }
            let kind = if as_bin && !as_iin {
                IdKind::Bin
            } else if as_iin && !as_bin {
                IdKind::Iin
            } else {
                kz_kind
            };
            if kz_ok {
                Verdict::ok(kind)
            } else if kz_checksum_ok(v) {
                Verdict::bad(
                    kind,
                    "checksum passes but the first digits are no date / entity code",
                )
            } else {
                Verdict::bad(kind, format!("{bin_iin} checksum fails"))
            }
        }
        Label::Type(IdKind::Ogrn) | Label::Type(IdKind::Ogrnip) => {
            let kind = if n == 15 {
                IdKind::Ogrnip
            } else {
                IdKind::Ogrn
            };
            match n {
                13 | 15 if ogrn_valid(v) => Verdict::ok(kind),
                13 | 15 => Verdict::bad(kind, format!("{} checksum fails", name(kind))),
                _ => Verdict::bad(
                    if label == Label::Type(IdKind::Ogrnip) {
                        IdKind::Ogrnip
                    } else {
                        IdKind::Ogrn
                    },
                    len_reason(&format!(
                        "{} (13) / {} (15)",
                        name(IdKind::Ogrn),
                        name(IdKind::Ogrnip)
                    )),
                ),
            }
        }
        Label::Type(IdKind::Kpp) => {
            if kpp_valid(v) {
                Verdict::ok(IdKind::Kpp)
            } else {
                Verdict::bad(
                    IdKind::Kpp,
                    len_reason(&format!("{} (9)", name(IdKind::Kpp))),
                )
            }
        }
        Label::Type(IdKind::Bik) => {
            if n == 9 && bik_valid(v) {
                Verdict::ok(IdKind::Bik)
            } else if n == 9 {
                Verdict::bad(
                    IdKind::Bik,
                    format!("a Russian {} starts with 04", name(IdKind::Bik)),
                )
            } else {
                Verdict::bad(
                    IdKind::Bik,
                    len_reason(&format!("{} (9)", name(IdKind::Bik))),
                )
            }
        }
        Label::Type(IdKind::SettlementAccount) | Label::Type(IdKind::CorrAccount) => {
            let kind = if label == Label::Type(IdKind::CorrAccount) {
                IdKind::CorrAccount
            } else {
                IdKind::SettlementAccount
            };
            if n == 20 {
                // Checked against the БИК in a later pass.
                Verdict::ok(kind)
            } else {
                Verdict::bad(kind, len_reason("bank account (20)"))
            }
        }
        Label::Type(IdKind::Iban) => Verdict::bad(IdKind::Iban, "not an IBAN"),
        Label::Type(IdKind::Swift) => Verdict::bad(IdKind::Swift, "not a SWIFT code"),
        // Every other type (ОКПО, СНИЛС, УНП, and a new row of ID_TYPES): its validator.
        Label::Type(kind) => Verdict::checked(
            kind,
            (id_type(kind).validate)(v),
            &format!("{} checksum fails or wrong length", name(kind)),
        ),
    }
}

/// Classify an alphanumeric value (IBAN, SWIFT, УНП with a letter).
fn classify_alnum(label: Label, v: &str) -> Option<Verdict> {
    let is_iban_shape = v.len() >= 15 && v.as_bytes()[2].is_ascii_digit();
    match label {
        Label::Type(IdKind::Iban)
        | Label::Type(IdKind::SettlementAccount)
        | Label::Type(IdKind::CorrAccount)
            if is_iban_shape =>
        {
            let kind = match label {
                Label::Type(IdKind::Iban) => IdKind::Iban,
                Label::Type(IdKind::CorrAccount) => IdKind::CorrAccount,
                _ => IdKind::SettlementAccount,
            };
            let ok = iban_valid(v);
            Some(Verdict::checked(kind, ok, "IBAN mod-97 check fails"))
        }
        Label::Type(IdKind::Swift) | Label::Type(IdKind::Bik)
            if !is_iban_shape && v.len() <= 11 =>
        {
            let kind = if label == Label::Type(IdKind::Bik) {
                IdKind::Bik
            } else {
                IdKind::Swift
            };
            let ok = swift_valid(v);
            Some(Verdict::checked(kind, ok, "not a SWIFT/BIC code"))
        }
        Label::Type(IdKind::Unp) if v.chars().count() == 9 => {
            let ok = unp_valid(v);
            let why = format!("{} checksum fails", name(IdKind::Unp));
            Some(Verdict::checked(IdKind::Unp, ok, &why))
        }
        _ => None,
    }
}

fn label_of<'t>(p: &Patterns, caps: &regex::Captures<'t>) -> Option<(Label, regex::Match<'t>)> {
    p.label_groups
        .iter()
        .find_map(|(g, l)| caps.name(g).map(|m| (*l, m)))
}

/// Read the value(s) at `pos` after a label; push what was found and return the end.
fn read_value(
    text: &str,
    label: Label,
    label_text: &str,
    pos: usize,
    kz: &KzContext,
    found: &mut Vec<Found>,
) -> usize {
    let rest = window(text, pos, 80);
    // Alphanumeric values first (IBAN, SWIFT, letters).
    if let Some(m) = kz.p.alnum.find(rest) {
        let value: String = m.as_str().chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(Verdict {
            kind,
            valid,
            reason,
            mismatch,
        }) = classify_alnum(label, &value)
        {
            found.push(Found {
                kind,
                value,
                label: Some(label_text.to_string()),
                valid,
                reason,
                mismatch,
                start: pos,
                end: pos + m.end(),
            });
            return pos + m.end();
        }
    }
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return pos;
    }
    let Some((digits, end)) = read_number(kz.p, text, pos, max_len(label)) else {
        return pos;
    };
    if digits.len() < 6 || is_placeholder(&digits) {
        return end;
    }
    let Verdict {
        kind,
        valid,
        reason,
        mismatch,
    } = classify(label, &digits, kz);
    found.push(Found {
        kind,
        value: digits,
        label: Some(label_text.to_string()),
        valid,
        reason,
        mismatch,
        start: pos,
        end,
    });
    // "ИНН/КПП 7707083893/770701001": the КПП after a slash.
    if label == Label::InnKpp {
        let tail = &text[end..];
        let skip = tail.len() - tail.trim_start_matches([' ', '/', '\\']).len();
        if skip > 0 && tail[..skip].contains(['/', '\\']) {
            if let Some((kpp, kend)) = read_number(kz.p, text, end + skip, 9) {
                let ok = kpp_valid(&kpp);
                found.push(Found {
                    kind: IdKind::Kpp,
                    value: kpp,
                    label: Some(label_text.to_string()),
                    valid: ok,
                    reason: (!ok).then(|| format!("not a {} (9 digits)", name(IdKind::Kpp))),
                    mismatch: None,
                    start: end + skip,
                    end: kend,
                });
                return kend;
            }
        }
    }
    end
}

/// Whether the document reads as Kazakh (decides БИН/ИИН vs ИНН when both checksums pass);
/// computed on first use only.
struct KzContext<'a> {
    text: &'a str,
    p: &'a Patterns,
    cell: std::cell::OnceCell<bool>,
}

impl KzContext<'_> {
    fn get(&self) -> bool {
        *self.cell.get_or_init(|| {
            let kz = self.p.kz_context.find_iter(self.text).take(50).count();
            let ru = self.p.ru_context.find_iter(self.text).take(50).count();
            kz > ru
        })
    }
}

/// The label that ends right before `pos`, if any: (label, label text).
fn label_before<'t>(p: &Patterns, text: &'t str, pos: usize) -> Option<(Label, &'t str)> {
    let mut from = pos.saturating_sub(LABEL_WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..pos];
    let caps = p.label.captures(window)?;
    let (label, m) = label_of(p, &caps)?;
    // The label must start a word ("ЛИНН" is no label).
    if window[..m.start()]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '/')
    {
        return None;
    }
    Some((label, m.as_str()))
}

/// An identifier by shape at `s..e` (a contiguous digit run): a 12-digit valid ИНН (or БИН/ИИН in
/// a Kazakh text), a 13/15-digit valid ОГРН/ОГРНИП.
fn shape(text: &str, s: usize, e: usize, kz: &KzContext, found: &mut Vec<Found>) {
    let v = &text[s..e];
    if !(12..=15).contains(&v.len()) || is_placeholder(v) {
        return;
    }
    let prev = text[..s].chars().next_back();
    let next = text[e..].chars().next();
    if prev.is_some_and(|c| c.is_alphanumeric() || "+/=@.-_#".contains(c))
        || next.is_some_and(|c| c.is_alphanumeric() || "@_-/".contains(c))
        || (next == Some('.') && text.as_bytes().get(e + 1).is_some_and(u8::is_ascii_digit))
    {
        return;
    }
    let kind = match v.len() {
        12 if bin_valid(v) && kz.get() => IdKind::Bin,
        12 if iin_valid(v) && kz.get() => IdKind::Iin,
        12 if inn_valid(v) => IdKind::Inn,
        13 if ogrn_valid(v) => IdKind::Ogrn,
        15 if ogrn_valid(v) => IdKind::Ogrnip,
        _ => return,
    };
    found.push(Found {
        kind,
        value: v.to_string(),
        label: None,
        valid: true,
        reason: None,
        mismatch: None,
        start: s,
        end: e,
    });
}

/// One pass over the bytes: every digit run of 6+ digits (spaces/dashes inside allowed) and every
/// run of 4+ capital Latin letters/digits is a candidate value; a label right before it decides
/// the type, otherwise the shape pass may take it.
fn scan(text: &str, kz: &KzContext, found: &mut Vec<Found>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let c = b[i];
        let starts_value = (c.is_ascii_digit() || c.is_ascii_uppercase())
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric());
        if !starts_value {
            i = if c.is_ascii_alphanumeric() {
                i + 1
            } else {
                next_digit_or_capital(b, i + 1)
            };
            continue;
        }
        // Extent of the first contiguous run.
        let mut j = i;
        while j < n && b[j].is_ascii_alphanumeric() {
            j += 1;
        }
        if c.is_ascii_digit() {
            // Total digits in the grouped number ("7707 083 893", "112-233-445 95").
            let mut digits = j - i;
            let mut k = j;
            loop {
                let sep = if k < n && (b[k] == b' ' || b[k] == b'-') {
                    1
                } else if k + 1 < n && b[k] == 0xC2 && b[k + 1] == 0xA0 {
                    2
                } else {
                    0
                };
                if sep == 0 || k + sep >= n || !b[k + sep].is_ascii_digit() {
                    break;
                }
                let mut g = k + sep;
                while g < n && b[g].is_ascii_digit() {
                    g += 1;
                }
                digits += g - k - sep;
                k = g;
                if digits > 34 {
                    break;
                }
            }
            let all_digits = b[i..j].iter().all(u8::is_ascii_digit);
            // A Belarusian УНП of an individual written with two Cyrillic capitals
            // («УНП АВ1234567», issue 12): the value starts at the letters.
            if digits == 7 && j - i == 7 {
                if let Some(s) = cyrillic_pair_before(b, i) {
                    if let Some((label @ Label::Type(IdKind::Unp), label_text)) =
                        label_before(kz.p, text, s)
                    {
                        let end = read_value(text, label, label_text, s, kz, found);
                        i = end.max(j);
                        continue;
                    }
                }
            }
            if digits >= 6 && all_digits {
                if let Some((label, label_text)) = label_before(kz.p, text, i) {
                    let end = read_value(text, label, label_text, i, kz, found);
                    i = end.max(j);
                    continue;
                }
                shape(text, i, j, kz, found);
            }
        } else if j - i >= 4 {
            // Capital Latin run: IBAN ("KZ77 9470 …"), SWIFT / a Kazakh БИК ("ALFAKZKA").
            if let Some((label, label_text)) = label_before(kz.p, text, i) {
                let end = read_value(text, label, label_text, i, kz, found);
                i = end.max(j);
                continue;
            }
        }
        i = j.max(i + 1);
    }
}

/// The start of two Cyrillic capitals right before byte `i` that open a word («АВ» of
/// «АВ1234567»).
fn cyrillic_pair_before(b: &[u8], i: usize) -> Option<usize> {
    let s = i.checked_sub(4)?;
    let capital = |k: usize| b[k] == 0xD0 && (0x90..=0xAF).contains(&b[k + 1]);
    let boundary = s == 0 || !(b[s - 1].is_ascii_alphanumeric() || b[s - 1] >= 0x80);
    (capital(s) && capital(s + 2) && boundary).then_some(s)
}

/// Check accounts against the nearest БИК in the text.
fn check_accounts(found: &mut [Found]) {
    // `found` is sorted by start, so are the БИКs.
    let biks: Vec<(usize, String)> = found
        .iter()
        .filter(|f| f.kind == IdKind::Bik && f.valid && f.value.len() == 9)
        .map(|f| (f.start, f.value.clone()))
        .collect();
    if biks.is_empty() {
        return;
    }
    // An account is checked against the 3 digits a БИК contributes: one БИК for each distinct
    // 3 digits (at most 1000 whatever the number of БИКs), the first, as `any` met them.
    let distinct = |key: fn(&str) -> &str| {
        let mut seen = std::collections::HashSet::new();
        biks.iter()
            .map(|(_, b)| b.as_str())
            .filter(|b| seen.insert(key(b)))
            .collect::<Vec<&str>>()
    };
    let settlement_biks = distinct(|b| &b[6..]);
    let corr_biks = distinct(|b| &b[4..6]);
    for f in found.iter_mut() {
        let corr = match f.kind {
            IdKind::CorrAccount => true,
            IdKind::SettlementAccount => false,
            _ => continue,
        };
        if f.value.len() != 20 || !f.value.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        // Prefer a БИК that validates the account; otherwise report against the nearest one.
        let valid = if corr {
            corr_biks.iter().any(|b| corr_account_valid(&f.value, b))
        } else {
            settlement_biks
                .iter()
                .any(|b| settlement_account_valid(&f.value, b))
        };
        if valid {
            f.valid = true;
            f.reason = None;
        } else {
            // the nearest БИК, the first of two at the same distance
            let k = biks.partition_point(|(p, _)| *p < f.start);
            let nearest = [k.checked_sub(1), (k < biks.len()).then_some(k)]
                .into_iter()
                .flatten()
                .min_by_key(|&i| (biks[i].0.abs_diff(f.start), i))
                .map(|i| biks[i].1.clone())
                .unwrap_or_default();
            f.valid = false;
            f.reason = Some(format!(
                "control key does not match {} {nearest}",
                name(IdKind::Bik)
            ));
        }
    }
}

pub(super) fn extract(p: &Patterns, ctx: &DocContext, out: &mut Extraction) {
    let text = ctx.text;
    let kz = KzContext {
        text,
        p,
        cell: std::cell::OnceCell::new(),
    };
    let mut found: Vec<Found> = Vec::new();
    scan(text, &kz, &mut found);
    found.sort_by_key(|f| f.start);
    check_accounts(&mut found);

    // Mentions for every occurrence; identifiers and findings once per (type, value), looked
    // up by hash (a scan of the lists per occurrence is quadratic on a text full of numbers).
    // (code, kind:value) → (index in out.findings, the clauses already listed in it)
    let mut finding_idx: HashMap<(FindingCode, String), (usize, HashSet<String>)> = HashMap::new();
    let mut known: HashSet<(IdKind, String)> = out
        .identifiers
        .iter()
        .map(|i| (i.kind, i.value.clone()))
        .collect();
    for f in &found {
        let clause = ctx.clause_at(f.start);
        out.mentions.push(Mention {
            kind: f.kind.into(),
            text: text[f.start..f.end].to_string(),
            value: f.value.clone(),
            valid: Some(f.valid),
            start: ctx.char_offset(f.start),
            end: ctx.char_offset(f.end),
            clause: clause.clone(),
        });
        let key = format!("{}:{}", f.kind, f.value);
        let mut add_finding =
            |code: FindingCode, message: String| match finding_idx.entry((code, key.clone())) {
                Entry::Occupied(mut e) => {
                    let (i, listed) = e.get_mut();
                    if let Some(c) = &clause {
                        if listed.insert(c.clone()) {
                            out.findings[*i].clauses.push(c.clone());
                        }
                    }
                }
                Entry::Vacant(e) => {
                    e.insert((out.findings.len(), clause.iter().cloned().collect()));
                    out.findings.push(Finding {
                        code,
                        message,
                        clauses: clause.iter().cloned().collect(),
                    });
                }
            };
        if let Some(msg) = &f.mismatch {
            add_finding(FindingCode::IdLabelMismatch, msg.clone());
        }
        if !f.valid {
            let why = f.reason.clone().unwrap_or_default();
            add_finding(
                FindingCode::InvalidChecksum,
                format!(
                    "{} {}: {}",
                    f.label.as_deref().unwrap_or(f.kind.as_str()),
                    f.value,
                    why
                ),
            );
        }
        if known.insert((f.kind, f.value.clone())) {
            out.identifiers.push(Identifier {
                kind: f.kind,
                value: f.value.clone(),
                label: f.label.clone(),
                valid: f.valid,
                reason: f.reason.clone(),
                start: ctx.char_offset(f.start),
                end: ctx.char_offset(f.end),
                clause,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::id_types::{okpo_valid, oktmo_valid, snils_valid, weighted};

    #[test]
    fn a_label_in_brackets() {
        // held-out h14: «Номер счёта (IBAN): KZ…»
        let text = "Номер счёта (IBAN): KZ36601A871005893214";
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = Extraction::default();
        extract(&crate::extract::compiled().ids, &ctx, &mut e);
        let got: Vec<(&str, &str)> = e
            .identifiers
            .iter()
            .map(|i| (i.kind.as_str(), i.value.as_str()))
            .collect();
        assert_eq!(
            got,
            [("iban", "KZ36601A871005893214")],
            "{:?}",
            e.identifiers
        );
        assert!(e.identifiers[0].valid);
    }

    fn run(text: &str) -> Extraction {
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = Extraction::default();
        extract(&crate::extract::compiled().ids, &ctx, &mut e);
        e
    }

    fn ids(e: &Extraction) -> Vec<(String, String, bool)> {
        e.identifiers
            .iter()
            .map(|i| (i.kind.to_string(), i.value.clone(), i.valid))
            .collect()
    }

    #[test]
    fn checksums_table() {
        type Check = fn(&str) -> bool;
        let table: &[(&str, Check, &str, bool)] = &[
            ("inn12 seed 000", inn_valid, "615419608656", true),
            ("inn12 d001-like", inn_valid, "771916365140", true),
            ("inn12 broken", inn_valid, "615419608657", false),
            ("inn10 bank", inn_valid, "7710140679", true),
            ("inn10 org", inn_valid, "1102081498", true),
            ("inn10 broken", inn_valid, "1102081497", false),
            ("inn wrong length", inn_valid, "12345678901", false),
            ("ogrn13", ogrn_valid, "1191121001752", true),
            ("ogrn13 broken", ogrn_valid, "1191121001753", false),
            ("ogrnip15", ogrn_valid, "321774600501510", true),
            ("ogrnip15 b", ogrn_valid, "321673300028243", true),
            ("ogrnip15 broken", ogrn_valid, "321774600501511", false),
            ("kpp", kpp_valid, "771401001", true),
            ("kpp letters", kpp_valid, "7714AB001", true),
            ("kpp short", kpp_valid, "77140100", false),
            ("bik", bik_valid, "044525104", true),
            ("bik not 04", bik_valid, "144525104", false),
            ("okpo8", okpo_valid, "57972160", true),
            ("okpo8 broken", okpo_valid, "57972161", false),
            ("okpo10", okpo_valid, "0112233465", true),
            ("snils", snils_valid, "11223344595", true),
            ("snils broken", snils_valid, "11223344596", false),
            ("bin", bin_valid, "190440000695", true),
            ("bin broken", bin_valid, "190440000696", false),
            ("iin", iin_valid, "900101300017", true),
            ("iin broken", iin_valid, "900101300014", false),
            ("okpo sber", okpo_valid, "00032537", true),
            ("oktmo8", oktmo_valid, "45382000", true),
            ("oktmo11", oktmo_valid, "45382000001", true),
            ("oktmo region 00", oktmo_valid, "00382000", false),
            ("oktmo 9 digits", oktmo_valid, "453820001", false),
            ("iin no date", iin_valid, "615419608656", false),
            ("unp", unp_valid, "190657494", true),
            ("unp b", unp_valid, "193903896", true),
            ("unp broken", unp_valid, "190657495", false),
            // issue 12: python-stdnum's vectors and rules
            ("unp stdnum", unp_valid, "200988541", true),
            ("unp stdnum broken", unp_valid, "200988542", false),
            ("unp two letters", unp_valid, "MA1953684", true),
            ("unp two cyrillic letters", unp_valid, "МА1953684", true),
            ("unp letters AB", unp_valid, "AB1234563", true),
            ("unp letters KH", unp_valid, "KH7654329", true),
            ("unp digit then letter", unp_valid, "1A1234567", false),
            ("unp letter outside the set", unp_valid, "MZ1953684", false),
            ("unp region 8", unp_valid, "812345679", false),
            ("unp placeholder", unp_valid, "XXXXXXXXX", false),
            // issue 12: ОГРН kind digit 1/5, ОГРНИП 3, ГРН (2, 4, 6-9) is not one
            ("ogrn first 5", ogrn_valid, "5217700415720", true),
            ("grn first 2", ogrn_valid, "2217700415722", false),
            ("grnip first 4", ogrn_valid, "421774600501510", false),
            ("ogrnip first 3", ogrn_valid, "321774600501510", true),
            // issue 12: an ИНН starting 00 is never issued
            ("inn10 00", inn_valid, "0020814985", false),
            ("inn12 00", inn_valid, "002280000082", false),
            ("kpp latin reason", kpp_valid, "7701AB001", true),
            ("iban kz", iban_valid, "KZ779470398926657690", true),
            ("iban de", iban_valid, "DE89370400440532013000", true),
            ("iban broken", iban_valid, "KZ779470398926657691", false),
            ("swift8", swift_valid, "ALFAKZKA", true),
            ("swift11", swift_valid, "SABRRUMMXXX", true),
            ("swift bad", swift_valid, "ALF4KZKA", false),
        ];
        for (name, f, v, want) in table {
            assert_eq!(f(v), *want, "{name}: {v}");
        }
    }

    #[test]
    fn iin_checksum_computed() {
        // 90010130001?: weights 1..11 give 51 mod 11 = 7.
        let d = [9, 0, 0, 1, 0, 1, 3, 0, 0, 0, 1];
        let c = weighted(&d, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
        assert_eq!(c, 7);
    }

    #[test]
    fn accounts_against_bik() {
        assert!(settlement_account_valid(
            "40802810520000549924",
            "044525104"
        ));
        assert!(corr_account_valid("30101810745374525104", "044525104"));
        assert!(settlement_account_valid(
            "40802810300009669624",
            "044525974"
        ));
        assert!(corr_account_valid("30101810145250000974", "044525974"));
        assert!(!settlement_account_valid(
            "40802810520000549925",
            "044525104"
        ));
        assert!(!corr_account_valid("30101810745374525104", "044030653"));
        assert!(!corr_account_valid("30101810745374525105", "044525104"));
    }

    #[test]
    fn seed_000_requisites() {
        let text = "принадлежащего индивидуальному предпринимателю Лукашенко Игорю Игоревичу (ИИН 615419608656).\n\n\
                    ИНН: 615419608656\n\nРасчётный счёт: 40802810520000549924\n\nБанк: ООО \"Банк Точка\"\n\n\
                    БИК: 044525104\n\nКорреспондентский счёт: 30101810745374525104\n";
        let e = run(text);
        assert_eq!(
            ids(&e),
            vec![
                ("inn".into(), "615419608656".into(), true),
                (
                    "settlement_account".into(),
                    "40802810520000549924".into(),
                    true
                ),
                ("bik".into(), "044525104".into(), true),
                ("corr_account".into(), "30101810745374525104".into(), true),
            ]
        );
        assert_eq!(e.identifiers[0].label.as_deref(), Some("ИИН"));
        assert_eq!(e.mentions.len(), 5);
        let codes: Vec<&str> = e.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, vec!["id_label_mismatch"]);
    }

    #[test]
    fn labels_values_and_layouts() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "ИНН: 771916365140 · ОГРНИП: 321774600501510",
                &[("inn", "771916365140"), ("ogrnip", "321774600501510")],
            ),
            (
                "Регистрационные данные\nИНН\n1102081498\nОГРН\n1191121001752\nКПП\n771401001",
                &[
                    ("inn", "1102081498"),
                    ("ogrn", "1191121001752"),
                    ("kpp", "771401001"),
                ],
            ),
            ("ОГРН: 317723200051251", &[("ogrnip", "317723200051251")]),
            (
                "ОГРНИП: 321673300028243 от 9 августа 2021 г.",
                &[("ogrnip", "321673300028243")],
            ),
            (
                "ООО «FAP.CAP» (УНП 190657494) является",
                &[("unp", "190657494")],
            ),
            (
                "Юр.адрес: г. Алматы, 050061 БИН/ИИН: 190440000695",
                &[("bin", "190440000695")],
            ),
            (
                "Номер счёта: KZ779470398926657690\n\nБанк: АО ДБ «Альфа-Банк» БИК Банка: ALFAKZKA",
                &[
                    ("settlement_account", "KZ779470398926657690"),
                    ("bik", "ALFAKZKA"),
                ],
            ),
            (
                "ИНН 7707 083 893, КПП 7707-01-001",
                &[("inn", "7707083893"), ("kpp", "770701001")],
            ),
            (
                "ИНН/КПП 7707083893/770701001",
                &[("inn", "7707083893"), ("kpp", "770701001")],
            ),
            (
                "р/с 40802810520000549924 в банке, БИК 044525104, к/с 30101810745374525104",
                &[
                    ("settlement_account", "40802810520000549924"),
                    ("bik", "044525104"),
                    ("corr_account", "30101810745374525104"),
                ],
            ),
            ("СНИЛС 112-233-445 95", &[("snils", "11223344595")]),
            ("ОКПО — 57972160", &[("okpo", "57972160")]),
            ("ОКТМО 45382000", &[("oktmo", "45382000")]),
            ("ОКТМО: 45 382 000 001", &[("oktmo", "45382000001")]),
            (
                "IBAN DE89 3704 0044 0532 0130 00",
                &[("iban", "DE89370400440532013000")],
            ),
            ("SWIFT: SABRRUMMXXX", &[("swift", "SABRRUMMXXX")]),
            (
                "Исполнитель: Кособоков А.А. 540409814223.",
                &[("inn", "540409814223")],
            ),
            (
                "ИП Карпов (ИНН 772515432577, ОГРНИП 325508100131425)",
                &[("inn", "772515432577"), ("ogrnip", "325508100131425")],
            ),
            // issue 12: a УНП with two letters, Cyrillic or Latin; a placeholder gives nothing
            ("ИП Петров П.П., УНП АВ1234563", &[("unp", "АВ1234563")]),
            ("УНП: MA1953684", &[("unp", "MA1953684")]),
            ("УНП XXXXXXXX, адрес", &[]),
            ("УНП XXXXXXXXX, адрес", &[]),
        ];
        for (text, want) in cases {
            let e = run(text);
            let got: Vec<(String, String)> = e
                .identifiers
                .iter()
                .map(|i| (i.kind.to_string(), i.value.clone()))
                .collect();
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(got, want, "{text}");
            assert!(
                e.identifiers.iter().all(|i| i.valid),
                "{text}: {:?}",
                e.identifiers
            );
        }
    }

    #[test]
    fn nothing_from_placeholders_and_kinds_of_data() {
        for text in [
            "ИНН: [ИНН]\n\nОГРНИП: [ОГРНИП]\n",
            "• ИИН (индивидуальный идентификационный номер)\n• Пароль",
            "• ИНН или ссылка на сайт анализируемой организации\n• IP, время входа",
            "ИНН: 000000000000",
            "Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»",
            "Телефон: +375 (29) 282-88-78, +7 (926) 537-02-00",
        ] {
            let e = run(text);
            assert!(e.identifiers.is_empty(), "{text}: {:?}", e.identifiers);
        }
    }

    #[test]
    fn invalid_checksum_is_reported_and_dedup_keeps_mentions() {
        let e = run("ИНН 1102081497. Повторно: ИНН 1102081497.");
        assert_eq!(ids(&e), vec![("inn".into(), "1102081497".into(), false)]);
        assert_eq!(e.mentions.len(), 2);
        assert_eq!(e.findings.len(), 1);
        assert_eq!(e.findings[0].code, FindingCode::InvalidChecksum);
    }

    #[test]
    fn account_with_wrong_key_is_invalid() {
        let e = run("Р/с 40802810520000549925\nБИК 044525104");
        let acc = &e.identifiers[0];
        assert_eq!(acc.kind, IdKind::SettlementAccount);
        assert!(!acc.valid);
        assert!(acc.reason.as_deref().unwrap().contains("044525104"));
    }
}
