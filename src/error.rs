//! Library errors (`thiserror`); the binary wraps them with `anyhow`.

use thiserror::Error;

/// The stage of the pipeline where a document failed (`stage` in errors.jsonl).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Discovery: a missing path, a special file, a duplicate id.
    Ingest,
    /// Opening and reading the file.
    Read,
    /// Turning the bytes into text (encoding, binary content, empty files).
    Decode,
    /// Normalization left no text.
    Normalize,
    /// The analysis itself failed (a panic: a bug in polex).
    Analyze,
}

impl Stage {
    /// The name written in errors.jsonl and on stderr.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Ingest => "ingest",
            Stage::Read => "read",
            Stage::Decode => "decode",
            Stage::Normalize => "normalize",
            Stage::Analyze => "analyze",
        }
    }
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why one document could not be processed. The batch goes on; the error is written to
/// `errors.jsonl` with the stage that failed.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DocError {
    /// The file could not be opened or read (the I/O error, with the path).
    #[error("cannot read file: {0}")]
    Read(String),
    /// A FIFO, device, socket, … (after following links): reading it could block or never end.
    #[error("not a regular file ({0})")]
    NotRegular(&'static str),
    /// Larger than the size limit: `(size, limit)` in bytes.
    #[error("file too large: {0} bytes (limit {1}; raise it with --max-file-mb)")]
    TooLarge(u64, u64),
    /// No bytes at all (or only a byte-order mark).
    #[error("file is empty")]
    Empty,
    /// Only white space after decoding.
    #[error("file has only whitespace")]
    Blank,
    /// Not text: NUL bytes, control bytes, or a binary format's signature (what was seen).
    #[error("binary content: {0}")]
    Binary(String),
    /// Bytes that cannot be decoded in the detected encoding (where and why).
    #[error("undecodable bytes: {0}")]
    Undecodable(String),
    /// A packaged format (DOCX, PDF) that cannot be read: truncated or corrupt, encrypted, not
    /// of that format after all, or over a limit on what it unpacks to (`reason` says which).
    #[error("cannot read {format}: {reason}")]
    Format {
        /// `DOCX`, `PDF`.
        format: &'static str,
        /// What is wrong, naming the part or limit concerned.
        reason: String,
    },
    /// A PDF whose pages carry no text (a scan, or pictures of text): only OCR could read it.
    #[error("PDF has no text layer ({pages} page(s), no text on any): a scanned document needs OCR first")]
    NoTextLayer {
        /// How many pages the PDF has.
        pages: usize,
    },
    /// Normalization left nothing to analyse.
    #[error("no text left after normalization")]
    NoText,
    /// The analysis of this document panicked (a bug in polex); the batch went on.
    #[error("internal error while analysing the document: {0}")]
    Panic(String),
}

impl DocError {
    /// Pipeline stage the error belongs to.
    pub fn stage(&self) -> Stage {
        match self {
            DocError::Read(_) | DocError::NotRegular(_) | DocError::TooLarge(..) => Stage::Read,
            DocError::Empty
            | DocError::Blank
            | DocError::Binary(_)
            | DocError::Undecodable(_)
            | DocError::Format { .. }
            | DocError::NoTextLayer { .. } => Stage::Decode,
            DocError::NoText => Stage::Normalize,
            DocError::Panic(_) => Stage::Analyze,
        }
    }
}
