//! Plain text in any of the encodings [`super::decode`] detects: the reader of last resort.

use super::decode::{decode_vec, Decoded};
use super::reader::Reader;
use crate::error::DocError;

/// Plain text (`.txt`, and anything no other reader claims).
pub struct PlainText;

impl Reader for PlainText {
    fn name(&self) -> &'static str {
        "text"
    }

    fn claims(&self, _path: &str, _head: &[u8]) -> bool {
        true
    }

    fn read(&self, bytes: Vec<u8>) -> Result<Decoded, DocError> {
        decode_vec(bytes)
    }
}
