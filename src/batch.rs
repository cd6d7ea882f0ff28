//! Batch driver (skeleton).
