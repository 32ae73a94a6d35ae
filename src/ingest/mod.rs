//! Ingest: find input files and decode their bytes.

pub mod decode;
