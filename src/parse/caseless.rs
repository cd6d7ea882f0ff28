//! Case-insensitive prefix tests that do not lower-case whole lines.

/// `text.to_lowercase().starts_with(prefix)` for a lower-case ASCII
/// `prefix`, lower-casing only as many characters as the prefix needs.
/// (Character-wise lower-casing differs from `str::to_lowercase` only for
/// a word-final `Σ`, which never matches an ASCII prefix.)
pub(crate) fn starts_with_lowercase(text: &str, prefix: &str) -> bool {
    let mut lowered = text.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|p| lowered.next() == Some(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_lowercasing_the_whole_text() {
        for (text, prefix) in [
            ("<TABLE border=1>", "<table"),
            ("<Table", "<table"),
            ("<tab", "<table"),
            ("Media Contact: Jane", "media contact"),
            ("\u{212A}ey", "key"),
            ("İstanbul", "i"),
            ("", "x"),
            ("anything", ""),
        ] {
            assert_eq!(
                starts_with_lowercase(text, prefix),
                text.to_lowercase().starts_with(prefix),
                "{text:?} {prefix:?}"
            );
        }
    }
}
