//! `practices.csv`: the long format, one row per piece of evidence of a data practice.

use super::csv_out::CsvProfile;
use super::format::{csv_header, csv_rows, Format, Settings};
use super::rows;
use crate::model::Document;

struct Practices {
    profile: CsvProfile,
}

/// The format's constructor for the registry.
pub fn new(s: &Settings) -> Box<dyn Format> {
    Box::new(Practices { profile: s.profile })
}

impl Format for Practices {
    fn files(&self) -> &'static [&'static str] {
        &["practices.csv"]
    }

    fn headers(&self) -> Vec<Vec<u8>> {
        vec![csv_header(self.profile, rows::PRACTICE_HEADER)]
    }

    fn render(&self, doc: &Document, out: &mut [Vec<u8>]) {
        csv_rows(&mut out[0], self.profile, rows::practice_rows(doc));
    }
}
