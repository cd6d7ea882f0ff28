//! The one exit-code table.

/// Every input converted (or there was nothing to do).
pub const SUCCESS: i32 = 0;
/// Some inputs failed; the others were converted. For `handout`: an input
/// could not be read, so no pack was written. For `check`: a word of the
/// input is missing from an extracted text.
pub const SOME_FAILED: i32 = 1;
/// Usage error, bad template, an output folder or report that cannot be
/// used, or a run that would replace an input (each refused before any
/// input is converted). For `check`: an extracted text that cannot be read
/// or is too large.
pub const USAGE: i32 = 2;
/// Interrupted (Ctrl-C): the documents already started were written whole,
/// the others were not converted. 128 + SIGINT, as shells report it.
pub const INTERRUPTED: i32 = 130;
