//! Encoding detection and decoding.
