//! `summary.csv`: one row per policy (operator, identifiers, contacts, date).

use super::csv_out::CsvProfile;
use super::format::{csv_header, csv_rows, Format, Settings};
use super::rows;
use crate::model::Document;

struct Summary {
    profile: CsvProfile,
}

/// The format's constructor for the registry.
pub fn new(s: &Settings) -> Box<dyn Format> {
    Box::new(Summary { profile: s.profile })
}

impl Format for Summary {
    fn files(&self) -> &'static [&'static str] {
        &["summary.csv"]
    }

    fn headers(&self) -> Vec<Vec<u8>> {
        vec![csv_header(self.profile, &rows::SUMMARY_HEADER)]
    }

    fn render(&self, doc: &Document, out: &mut [Vec<u8>]) {
        csv_rows(&mut out[0], self.profile, [rows::summary_row(doc)]);
    }
}
