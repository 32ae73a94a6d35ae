//! TODO(operator)

use super::Entities;
use crate::context::DocContext;

pub fn extract(_ctx: &DocContext, _out: &mut Entities) {}
