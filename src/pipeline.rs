//! Parallel, ordered, bounded-memory processing of a corpus.
