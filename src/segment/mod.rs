//! Clause segmentation.

use crate::context::Unit;
use crate::model::{Block, Clause, Finding};

/// Result of segmenting one canonical text.
#[derive(Debug, Default)]
pub struct Segmented {
    pub title: Option<String>,
    pub preamble: Option<Block>,
    pub clauses: Vec<Clause>,
    pub units: Vec<Unit>,
    pub findings: Vec<Finding>,
}

pub fn segment(_text: &str) -> Segmented {
    Segmented::default()
}
