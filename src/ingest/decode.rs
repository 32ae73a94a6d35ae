//! Encoding detection and decoding. (temporary minimal version)

use crate::error::DocError;

pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DocError> {
    if bytes.is_empty() {
        return Err(DocError::Empty);
    }
    String::from_utf8(bytes.to_vec())
        .map(|text| Decoded {
            text,
            encoding: "UTF-8",
        })
        .map_err(|e| DocError::Undecodable(e.to_string()))
}
