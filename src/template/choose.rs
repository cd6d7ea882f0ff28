//! The house style a document gets when no template is named: `un` for a
//! release the United Nations issued, `release` (the generic newsroom
//! style, whose letterhead prints the parsed issuer) for any other. A pure
//! function of the document, so a run is deterministic.

use crate::issuer::{UnEvidence, un_evidence_in};
use crate::model::Document;

/// A bundled house style [`choose`] may pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HouseStyle {
    /// The official UN press release (`templates/un.toml`).
    Un,
    /// The generic newsroom release (`templates/release.toml`).
    Release,
}

impl HouseStyle {
    /// The bundled template's name (`un`, `release`).
    pub fn name(self) -> &'static str {
        match self {
            HouseStyle::Un => "un",
            HouseStyle::Release => "release",
        }
    }
}

/// The house style for `doc`: [`HouseStyle::Un`] when [`un_evidence_in`]
/// finds the release is the UN's (its issuer, a UN symbol or office, a UN
/// site as source, a UN lead-in or disclaimer, in any of the UN's six
/// languages; for a release not in English, the UN or its
/// Secretary-General named in its opening), else [`HouseStyle::Release`].
///
/// The Universal Declaration of Human Rights (`udhr-un6`) is a UN text but
/// not a UN press release: it gets `release` (in its own language's
/// strings), in all six languages. It names the United Nations only in its
/// preamble's fifth clause, past the opening that is read.
pub fn choose(doc: &Document) -> HouseStyle {
    match why(doc) {
        Some(_) => HouseStyle::Un,
        None => HouseStyle::Release,
    }
}

/// The evidence behind [`choose`]'s `un`, or `None` for `release`.
pub fn why(doc: &Document) -> Option<UnEvidence> {
    un_evidence_in(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, name: &str) -> Document {
        crate::read_document(text.as_bytes(), name).expect("reads")
    }

    #[test]
    fn the_seed_is_un_and_a_white_house_release_is_release() {
        let seed = doc(include_str!("../../input/sgsm20447.txt"), "sgsm20447.txt");
        assert_eq!(choose(&seed), HouseStyle::Un);
        let readout = doc(include_str!("../../input/readout.txt"), "readout.txt");
        assert_eq!(readout.meta.issuer.as_deref(), Some("The White House"));
        assert_eq!(choose(&readout), HouseStyle::Release);
    }

    #[test]
    fn a_plain_text_with_no_sign_of_the_un_is_release() {
        let plain = doc("A short statement.\n", "other.txt");
        assert_eq!(choose(&plain), HouseStyle::Release);
        assert_eq!(plain.meta.issuer, None);
    }

    #[test]
    fn the_choice_is_the_same_every_time() {
        let seed = doc(include_str!("../../input/sgsm20447.txt"), "x.txt");
        assert_eq!(choose(&seed), choose(&seed.clone()));
        assert_eq!(
            choose(&seed),
            HouseStyle::Un,
            "the lead-in alone makes it UN"
        );
    }
}
