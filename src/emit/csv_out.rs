//! CSV writing with two profiles: plain RFC 4180 UTF-8, and Excel (Russian locale).

use std::io::{self, Write};

/// How CSV files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvProfile {
    /// RFC 4180: UTF-8 without BOM, `,` delimiter, CRLF line ends, quotes where needed.
    #[default]
    Plain,
    /// For Russian-locale Excel: UTF-8 BOM, `;` delimiter, CRLF, cells that start with
    /// `= + - @` (or their fullwidth forms `＝＋－＠`), TAB or CR prefixed with `'` (no formula
    /// injection) unless they are a negative integer, cells cut at 32 767 UTF-16 units with a
    /// visible marker.
    Excel,
}

/// Excel's limit on the characters of one cell.
pub const EXCEL_CELL_LIMIT: usize = 32_767;
/// Appended to a cell that was cut to fit [`EXCEL_CELL_LIMIT`].
pub const TRUNCATION_MARK: &str = "…[truncated]";

/// A CSV writer applying a profile to every cell.
pub struct CsvOut<W: Write> {
    inner: csv::Writer<W>,
    profile: CsvProfile,
    buf: Vec<String>,
}

impl<W: Write> CsvOut<W> {
    /// A writer for a whole file: the Excel profile starts it with a UTF-8 BOM.
    pub fn new(mut w: W, profile: CsvProfile) -> io::Result<Self> {
        if profile == CsvProfile::Excel {
            w.write_all("\u{FEFF}".as_bytes())?;
        }
        Ok(Self::fragment(w, profile))
    }

    /// A writer for rows that continue a file already started (no BOM).
    pub fn fragment(w: W, profile: CsvProfile) -> Self {
        let mut b = csv::WriterBuilder::new();
        b.terminator(csv::Terminator::CRLF);
        if profile == CsvProfile::Excel {
            b.delimiter(b';');
        }
        CsvOut {
            inner: b.from_writer(w),
            profile,
            buf: Vec::new(),
        }
    }

    /// Write one row.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> io::Result<()> {
        match self.profile {
            CsvProfile::Plain => self.inner.write_record(cells.iter().map(|c| c.as_ref())),
            CsvProfile::Excel => {
                self.buf.clear();
                self.buf
                    .extend(cells.iter().map(|c| excel_cell(c.as_ref())));
                self.inner.write_record(&self.buf)
            }
        }
        .map_err(io::Error::other)
    }

    /// Flush the underlying writer.
    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }

    /// Flush and return the underlying writer.
    pub fn into_inner(self) -> io::Result<W> {
        self.inner
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))
    }
}

/// Make one cell safe for Excel: neutralize formulas (also their fullwidth forms `＝＋－＠`,
/// which Excel reads as formula signs too), respect the cell limit, counted as Excel counts it:
/// in UTF-16 code units (a character outside the BMP, an emoji, takes two).
///
/// A negative integer (`-1`, the matrix's "explicitly not" code) is a number, not a formula, to
/// Excel and Calc: it is left as it is, so SUM and COUNTIF work on it. Anything else starting
/// with `+` stays guarded, numbers too: polex writes no positive number with a sign, and a
/// `+7 495 …` phone read as a number would lose its `+` and its grouping.
pub fn excel_cell(s: &str) -> String {
    let risky = s.chars().next().is_some_and(|c| {
        matches!(
            c,
            '=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠'
        )
    }) && !is_negative_integer(s);
    let mut out = String::with_capacity(s.len() + 1);
    if risky {
        out.push('\'');
    }
    let room = EXCEL_CELL_LIMIT - out.len();
    // Cheap test first: a cell of fewer bytes than the room cannot exceed it in UTF-16 units.
    if s.len() > room && s.encode_utf16().count() > room {
        let mut budget = room - TRUNCATION_MARK.encode_utf16().count();
        for c in s.chars() {
            let units = c.len_utf16();
            if units > budget {
                break;
            }
            budget -= units;
            out.push(c);
        }
        out.push_str(TRUNCATION_MARK);
    } else {
        out.push_str(s);
    }
    out
}

/// `-` and ASCII digits only (`-1`, `-30`): a number, not a formula (the guard leaves it).
pub fn is_negative_integer(s: &str) -> bool {
    s.strip_prefix('-')
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_profile_is_rfc4180() {
        let mut w = CsvOut::new(Vec::new(), CsvProfile::Plain).unwrap();
        w.row(&["id", "текст"]).unwrap();
        w.row(&["a,b", "кавычки \"да\""]).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(out, "id,текст\r\n\"a,b\",\"кавычки \"\"да\"\"\"\r\n");
    }

    #[test]
    fn excel_profile_has_bom_semicolons_and_no_formulas() {
        let mut w = CsvOut::new(Vec::new(), CsvProfile::Excel).unwrap();
        w.row(&["=SUM(A1)", "+7 900", "-1", "@x", "обычный; текст"])
            .unwrap();
        w.row(&["-1+2", "-", "+7", "-12", "-1.5"]).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(
            out,
            "\u{FEFF}'=SUM(A1);'+7 900;-1;'@x;\"обычный; текст\"\r\n'-1+2;'-;'+7;-12;'-1.5\r\n"
        );
    }

    #[test]
    fn excel_cells_are_cut_and_marked() {
        let long = "я".repeat(40_000);
        let cell = excel_cell(&long);
        assert_eq!(cell.chars().count(), EXCEL_CELL_LIMIT);
        assert!(cell.ends_with(TRUNCATION_MARK));
        assert_eq!(excel_cell("короткий"), "короткий");
        // Excel counts UTF-16 units: 20 000 emoji are 40 000 units, cut to fit, never split.
        let cell = excel_cell(&"😀".repeat(20_000));
        assert!(cell.encode_utf16().count() <= EXCEL_CELL_LIMIT);
        assert!(cell.encode_utf16().count() > EXCEL_CELL_LIMIT - 20);
        assert!(cell.ends_with(TRUNCATION_MARK));
        let exact = "😀".repeat(EXCEL_CELL_LIMIT / 2);
        assert_eq!(excel_cell(&exact), exact, "32 766 units fit");
    }

    #[test]
    fn fullwidth_formula_signs_are_neutralized() {
        for s in ["＝1+1", "＋7", "－1", "＠SUM"] {
            assert_eq!(excel_cell(s), format!("'{s}"));
        }
        assert_eq!(excel_cell("a＝b"), "a＝b");
    }
}
