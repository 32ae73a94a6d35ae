//! Data-practice classification against a taxonomy loaded from data files.

use crate::context::DocContext;
use crate::model::{CrossBorder, Flag, Practice, Retention};

/// The taxonomy: categories, purposes, recipients, rights with their surface forms.
#[derive(Debug, Default, Clone)]
pub struct Taxonomy {}

impl Taxonomy {
    /// The taxonomy shipped in `data/taxonomy/`.
    pub fn builtin() -> Self {
        Taxonomy {}
    }
    pub fn parse(_text: &str, _origin: &str) -> Result<Taxonomy, std::io::Error> {
        Ok(Taxonomy {})
    }
    pub fn merge(&mut self, _other: Taxonomy) {}
    pub fn category_ids(&self) -> Vec<&str> {
        Vec::new()
    }
    pub fn purpose_ids(&self) -> Vec<&str> {
        Vec::new()
    }
    pub fn recipient_ids(&self) -> Vec<&str> {
        Vec::new()
    }
    pub fn right_ids(&self) -> Vec<&str> {
        Vec::new()
    }
}

/// Everything classification found in one document.
#[derive(Debug, Default)]
pub struct Practices {
    pub data_categories: Vec<Practice>,
    pub purposes: Vec<Practice>,
    pub recipients: Vec<Practice>,
    pub rights: Vec<Practice>,
    pub retention: Vec<Retention>,
    pub cross_border: Option<CrossBorder>,
    pub cookies: Option<Flag>,
    pub automated_decisions: Option<Flag>,
    pub special_categories: Vec<Practice>,
}

pub fn classify(_tax: &Taxonomy, _ctx: &DocContext) -> Practices {
    Practices::default()
}
