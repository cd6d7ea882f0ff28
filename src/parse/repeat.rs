//! The headline's repeat. UN pages carry the title twice: once as the
//! page's title and again as the release's own headline, often in
//! capitals, sometimes without accents ("FACE A LA MENACE"), letter-spaced
//! ("L A COMMISSION") or broken over two lines. The parser keeps one
//! headline and records the repeat in `meta.artefacts`, so no word is lost.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Non-blank lines looked at for the start of the repeat.
const WINDOW: usize = 16;

/// Lines one repeat may span.
const MAX_LINES: usize = 4;

/// Letters and digits only, lower case, accents removed: "L A COMMISSION
/// DU DÉVELOPPEMENT" and "La Commission du développement" fold alike.
pub fn fold(text: &str) -> String {
    folded(text).collect()
}

/// The characters of [`fold`], one by one.
fn folded(text: &str) -> impl Iterator<Item = char> + '_ {
    text.nfd()
        .filter(|c| c.is_alphanumeric() && !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
}

/// Appends the fold of `line` to `sofar` while `sofar` stays a prefix of
/// `target`. False at the first character that would leave `target`: the
/// rest of a long paragraph is never folded.
fn fold_onto(sofar: &mut String, line: &str, target: &str) -> bool {
    let mut utf8 = [0u8; 4];
    for c in folded(line) {
        let bytes = c.encode_utf8(&mut utf8).as_bytes();
        let next = target.as_bytes().get(sofar.len()..);
        if !next.is_some_and(|next| next.starts_with(bytes)) {
            return false;
        }
        sofar.push(c);
    }
    true
}

/// Finds the lines from `start` on (not already in `skip`) that repeat
/// `headline`, marks them in `skip` and returns them joined by a space.
pub fn take(lines: &[&str], skip: &mut [bool], start: usize, headline: &str) -> Option<String> {
    let target = fold(headline);
    if target.chars().count() < 12 {
        return None;
    }
    let live: Vec<usize> = (start..lines.len())
        .filter(|&i| !skip[i] && !lines[i].trim().is_empty())
        .take(WINDOW + MAX_LINES)
        .collect();
    for first in 0..live.len().min(WINDOW) {
        let mut sofar = String::new();
        for (n, &i) in live[first..].iter().take(MAX_LINES).enumerate() {
            if !fold_onto(&mut sofar, lines[i], &target) || sofar.is_empty() {
                break;
            }
            if sofar == target {
                let taken = &live[first..=first + n];
                // "NOMINATIONS SENT TO THE SENATE:" introduces the list
                // below it: a line of its own, not the title's repeat.
                if lines[live[first + n]].trim_end().ends_with(':') {
                    break;
                }
                for &j in taken {
                    skip[j] = true;
                }
                let text: Vec<&str> = taken.iter().map(|&j| lines[j].trim()).collect();
                return Some(text.join(" "));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capitals_line_introducing_a_list_is_not_the_repeat() {
        let lines = [
            "NOMINATIONS SENT TO THE SENATE:",
            "",
            "Carlton Waterhouse, of Virginia, to be Assistant Administrator.",
        ];
        let mut skip = vec![false; lines.len()];
        assert_eq!(
            take(&lines, &mut skip, 0, "Nominations Sent to the Senate"),
            None
        );
        assert!(!skip[0]);
    }

    #[test]
    fn folding_onto_a_prefix_agrees_with_folding_the_whole_line() {
        let target = fold("Face à la menace terroriste et au risque posé");
        let lines = [
            "FACE A LA MENACE",
            "F A C E  À  L A",
            "Face à la menace terroriste et au risque posé",
            "Face à la menace terroriste et au risque posé, dit-il",
            "Le Conseil a adopté.",
            "",
            "— ",
        ];
        for line in lines {
            let mut sofar = String::new();
            let whole = fold(line);
            assert_eq!(
                fold_onto(&mut sofar, line, &target),
                target.starts_with(&whole),
                "{line:?}"
            );
            assert!(target.starts_with(&sofar) && whole.starts_with(&sofar));
        }
    }

    #[test]
    fn capitals_without_accents_letter_spaced_or_broken_are_the_same_title() {
        assert_eq!(
            fold("L A COMMISSION DU DÉVELOPPEMENT"),
            fold("La Commission du développement")
        );
        assert_eq!(fold("FACE A LA MENACE"), fold("Face à la menace"));
        let lines = [
            "Conseil de sécurité",
            "",
            "FACE A LA MENACE TERRORISTE",
            "",
            "ET AU RISQUE POSE",
            "Le Conseil a adopté.",
        ];
        let mut skip = vec![false; lines.len()];
        let taken = take(
            &lines,
            &mut skip,
            0,
            "Face à la menace terroriste et au risque posé",
        );
        assert_eq!(
            taken.as_deref(),
            Some("FACE A LA MENACE TERRORISTE ET AU RISQUE POSE")
        );
        assert_eq!(skip, [false, false, true, false, true, false]);
        let mut skip = vec![false; lines.len()];
        assert_eq!(
            take(&lines, &mut skip, 0, "Un autre titre de la page"),
            None
        );
    }
}
