//! Library errors (`thiserror`); the binary wraps them with `anyhow`.

use thiserror::Error;

/// Why one document could not be processed. The batch goes on; the error is written to
/// `errors.jsonl` with the stage that failed.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DocError {
    #[error("cannot read file: {0}")]
    Read(String),
    /// A FIFO, device, socket, … (after following links): reading it could block or never end.
    #[error("not a regular file ({0})")]
    NotRegular(&'static str),
    #[error("file too large: {0} bytes (limit {1}; raise it with --max-file-mb)")]
    TooLarge(u64, u64),
    #[error("file is empty")]
    Empty,
    #[error("file has only whitespace")]
    Blank,
    #[error("binary content: {0}")]
    Binary(String),
    #[error("undecodable bytes: {0}")]
    Undecodable(String),
    #[error("no text left after normalization")]
    NoText,
    /// The analysis of this document panicked (a bug in polex); the batch went on.
    #[error("internal error while analysing the document: {0}")]
    Panic(String),
}

impl DocError {
    /// Pipeline stage the error belongs to (`read`, `decode`, `normalize`, `analyze`).
    pub fn stage(&self) -> &'static str {
        match self {
            DocError::Read(_) | DocError::NotRegular(_) | DocError::TooLarge(..) => "read",
            DocError::Empty | DocError::Blank | DocError::Binary(_) | DocError::Undecodable(_) => {
                "decode"
            }
            DocError::NoText => "normalize",
            DocError::Panic(_) => "analyze",
        }
    }
}
