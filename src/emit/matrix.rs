//! `matrix.csv`: one row per document, one column per data category, purpose, recipient and
//! right of the run's taxonomy (the columns are [`super::rows::MatrixColumns`]).

use super::csv_out::CsvProfile;
use super::format::{csv_header, csv_rows, Format, Settings};
use super::rows::MatrixColumns;
use crate::model::Document;

struct Matrix {
    profile: CsvProfile,
    columns: MatrixColumns,
}

/// The format's constructor for the registry.
pub fn new(s: &Settings) -> Box<dyn Format> {
    Box::new(Matrix {
        profile: s.profile,
        columns: MatrixColumns::new(s.taxonomy),
    })
}

impl Format for Matrix {
    fn files(&self) -> &'static [&'static str] {
        &["matrix.csv"]
    }

    fn headers(&self) -> Vec<Vec<u8>> {
        vec![csv_header(self.profile, &self.columns.header())]
    }

    fn render(&self, doc: &Document, out: &mut [Vec<u8>]) {
        csv_rows(&mut out[0], self.profile, [self.columns.row(doc)]);
    }
}
