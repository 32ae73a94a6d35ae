//! Output emitters.
