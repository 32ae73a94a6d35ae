//! Consistency findings across the extracted entities.

use super::Entities;
use crate::context::DocContext;

pub fn check(_ctx: &DocContext, _out: &mut Entities) {}
