//! The document language as WordprocessingML wants it: `w:lang` carries
//! three languages, one per script class of a run (`w:val` for Latin and
//! other simple scripts, `w:eastAsia` for Chinese, Japanese and Korean
//! characters, `w:bidi` for complex scripts: Arabic, Hebrew, Thai,
//! Devanagari …). `w:val` is the document's language tag
//! ([`crate::model::Document::language_tag`]: `en-GB`, `en-US`, `fr`); the
//! other two are written only when the document's language is of that class,
//! with Word's usual region when the tag has none (`zh` → `zh-CN`,
//! `ar` → `ar-SA`), and left out otherwise: a reader then applies its own
//! default, never a wrong language.

use super::xml::escape_into;

/// Languages written with East Asian characters, and the region Word uses
/// for the bare code.
const EAST_ASIAN: [(&str, &str); 3] = [("zh", "zh-CN"), ("ja", "ja-JP"), ("ko", "ko-KR")];

/// Complex-script languages (Word's `w:bidi` slot), and the region Word
/// uses for the bare code.
const COMPLEX: [(&str, &str); 6] = [
    ("ar", "ar-SA"),
    ("he", "he-IL"),
    ("fa", "fa-IR"),
    ("ur", "ur-PK"),
    ("hi", "hi-IN"),
    ("th", "th-TH"),
];

/// The `w:lang` attributes for language tag `tag`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lang<'a> {
    /// `w:val`: the tag itself.
    pub latin: &'a str,
    /// `w:eastAsia`, for Chinese, Japanese and Korean documents.
    pub east_asia: Option<String>,
    /// `w:bidi`, for complex-script documents.
    pub complex: Option<String>,
}

impl<'a> Lang<'a> {
    /// The attributes for `tag` (a BCP 47 tag, possibly with a region).
    pub fn of(tag: &'a str) -> Self {
        Lang {
            latin: tag,
            east_asia: with_region(tag, &EAST_ASIAN),
            complex: with_region(tag, &COMPLEX),
        }
    }
}

/// `tag` when its primary language is in `table` (the table's region added
/// to a bare code), else `None`.
fn with_region(tag: &str, table: &[(&str, &str)]) -> Option<String> {
    let (primary, rest) = tag.split_once('-').unwrap_or((tag, ""));
    let primary = primary.to_ascii_lowercase();
    let (_, default) = table.iter().find(|(code, _)| *code == primary)?;
    Some(if rest.is_empty() {
        (*default).to_string()
    } else {
        tag.to_string()
    })
}

/// Appends `<w:lang …/>` for language tag `tag`.
pub fn push_lang(out: &mut String, tag: &str) {
    let lang = Lang::of(tag);
    out.push_str("<w:lang w:val=\"");
    escape_into(out, lang.latin);
    out.push('"');
    if let Some(east_asia) = &lang.east_asia {
        out.push_str(" w:eastAsia=\"");
        escape_into(out, east_asia);
        out.push('"');
    }
    if let Some(complex) = &lang.complex {
        out.push_str(" w:bidi=\"");
        escape_into(out, complex);
        out.push('"');
    }
    out.push_str("/>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> String {
        let mut out = String::new();
        push_lang(&mut out, tag);
        out
    }

    #[test]
    fn only_the_slots_that_apply() {
        assert_eq!(lang("en-GB"), "<w:lang w:val=\"en-GB\"/>");
        assert_eq!(lang("fr"), "<w:lang w:val=\"fr\"/>");
        assert_eq!(lang("zh"), "<w:lang w:val=\"zh\" w:eastAsia=\"zh-CN\"/>");
        assert_eq!(
            lang("zh-TW"),
            "<w:lang w:val=\"zh-TW\" w:eastAsia=\"zh-TW\"/>"
        );
        assert_eq!(lang("ar"), "<w:lang w:val=\"ar\" w:bidi=\"ar-SA\"/>");
        assert_eq!(lang("he-IL"), "<w:lang w:val=\"he-IL\" w:bidi=\"he-IL\"/>");
        assert_eq!(lang("a\"b"), "<w:lang w:val=\"a&quot;b\"/>");
    }
}
