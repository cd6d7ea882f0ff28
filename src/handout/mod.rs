//! Printable handouts: many releases, one booklet (skeleton: page arithmetic).

pub mod plan;
