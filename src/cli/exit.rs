//! The one exit-code table.

/// Every input converted (or there was nothing to do).
pub const SUCCESS: i32 = 0;
/// Some inputs failed; the others were converted.
pub const SOME_FAILED: i32 = 1;
/// Usage error, bad template, or the output folder could not be used.
pub const USAGE: i32 = 2;
/// Interrupted (Ctrl-C): the documents already started were written whole,
/// the others were not converted. 128 + SIGINT, as shells report it.
pub const INTERRUPTED: i32 = 130;
