//! What counts as markup, shared by the parser and the word-safety checks.
//!
//! Markup tokens are the only input text allowed to vanish from the model:
//!
//! * HTML tags (`<span style="…">`, `</td>`): a `<`, an optional `/`, an
//!   ASCII letter, then up to a `>` with no `<` in between; HTML comments `<!-- … -->`; the content of `<script>` and
//!   `<style>` elements.
//! * HTML entity names (`&amp;` is read as `&`, `&eacute;` as `é`).
//! * YAML front-matter keys and YAML syntax (quotes, `\u2019` escapes):
//!   the front-matter *values* must appear in the model.
//! * The web archive's ` date YYYY-MM-DD ` prefix word `date` (the date
//!   itself goes to `meta.date_raw`).
//!
//! Everything else (Markdown punctuation carries no words anyway) must
//! appear in the model; link URLs live in `Link.url`.

use super::frontmatter;

/// Decodes the entity starting at `s[0] == '&'`; returns the text and the
/// number of bytes consumed.
pub fn decode_entity(s: &str) -> Option<(String, usize)> {
    let end = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let name = &s[1..end];
    let text = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        let c = char::from_u32(code).filter(|c| !c.is_control() || *c == '\n')?;
        c.to_string()
    } else {
        named_entity(name)?.to_string()
    };
    Some((text, end + 1))
}

/// Decodes every known entity in `s` (link destinations).
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        match decode_entity(rest) {
            Some((text, len)) => {
                out.push_str(&text);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{A0}",
        "ndash" => "–",
        "mdash" => "—",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "hellip" => "…",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "euro" => "€",
        "pound" => "£",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "agrave" => "à",
        "oacute" => "ó",
        "iacute" => "í",
        "uacute" => "ú",
        "ntilde" => "ñ",
        "ccedil" => "ç",
        "ouml" => "ö",
        "uuml" => "ü",
        "auml" => "ä",
        "shy" => "",
        "zwj" => "\u{200D}",
        "thinsp" => "\u{2009}",
        _ => return None,
    })
}

/// If `s` starts with an HTML tag or comment, its length in bytes and the
/// lower-case tag name (`"!--"` for a comment, with a leading `/` for a
/// closing tag).
pub fn tag_at(s: &str) -> Option<(usize, String)> {
    let bytes = s.as_bytes();
    if bytes.first() != Some(&b'<') {
        return None;
    }
    if let Some(comment) = s.strip_prefix("<!--") {
        let window = &comment[..super::meta::floor_boundary(comment, 4096)];
        let end = window.find("-->")?;
        return Some((4 + end + 3, "!--".to_string()));
    }
    let mut i = 1;
    let closing = bytes.get(1) == Some(&b'/');
    if closing {
        i += 1;
    }
    if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_start = i;
    while bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
    {
        i += 1;
    }
    let name_end = i;
    match (bytes.get(i), bytes.get(i + 1)) {
        (Some(b'>' | b' ' | b'\n'), _) | (Some(b'/'), Some(b'>')) => {}
        _ => return None,
    }
    // Up to the first `>`; never across a `<` or a blank line.
    let mut close = None;
    let mut j = i;
    while j < bytes.len() {
        match bytes[j] {
            b'>' => {
                close = Some(j - i);
                break;
            }
            b'<' => return None,
            b'\n' => {
                let next = bytes[j + 1..].iter().position(|&b| b != b' ' && b != b'\t');
                if next.is_none_or(|k| bytes[j + 1 + k] == b'\n') {
                    return None;
                }
            }
            _ => {}
        }
        j += 1;
    }
    let close = close?;
    let mut name = s[name_start..name_end].to_ascii_lowercase();
    if closing {
        name.insert(0, '/');
    }
    Some((i + close + 1, name))
}

/// Tags that separate words (block-level HTML); inline tags such as
/// `<sup>` in `25<sup>th</sup>` join their neighbours.
pub fn is_block_tag(name: &str) -> bool {
    matches!(
        name.trim_start_matches('/'),
        "p" | "div"
            | "li"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "br"
            | "figure"
            | "figcaption"
            | "img"
            | "hr"
            | "tbody"
            | "thead"
            | "caption"
            | "blockquote"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "!--"
    )
}

/// The parts of an input whose words must all appear in the model.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct WordSource {
    /// Front-matter values (their order need not be kept).
    pub front_matter: Vec<String>,
    /// The archive prefix date, if any.
    pub prefix_date: Option<String>,
    /// The body text with markup removed, in input order; the markup
    /// separates words (`**a**b` is "a b"), as in the model's inline runs.
    pub body: String,
    /// The body as a reader of a rendition sees it: inline Markdown read as
    /// the parser reads it (`**a**b` is "ab"), links without addresses.
    pub printed: String,
}

/// Removes markup (see the module doc) from normalized text.
pub fn word_source(text: &str) -> WordSource {
    let mut source = WordSource::default();
    let mut body = text;
    if let Some(fm) = frontmatter::split(text)
        && let Some(entries) = frontmatter::entries(fm.yaml)
    {
        source.front_matter = entries.into_iter().flat_map(|(_, v)| v).collect();
        body = &text[fm.body_start..];
    }
    let body = match super::archive_prefix(body) {
        Some((date, rest)) => {
            source.prefix_date = Some(date.to_string());
            rest
        }
        None => body,
    };
    source.body = strip_tags_and_entities(body);
    source.printed = strip_inline_markdown(&drop_hidden_elements(body));
    source
}

/// Removes closed `<script>` and `<style>` elements, content and all: text
/// no reader sees (the parser drops them too).
pub fn drop_hidden_elements(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Once a closer is not found, no later opener of its kind is closed
    // either: each kind is searched for at most once past its last match.
    let mut unclosed = [false; 2];
    while let Some(pos) = rest.find('<') {
        let tag = tag_at(&rest[pos..]);
        let (kind, close) = match tag.as_ref().map(|(_, name)| name.as_str()) {
            Some("script") if !unclosed[0] => (0, "</script>"),
            Some("style") if !unclosed[1] => (1, "</style>"),
            _ => {
                out.push_str(&rest[..pos + 1]);
                rest = &rest[pos + 1..];
                continue;
            }
        };
        match find_ascii_caseless(&rest[pos..], close) {
            Some(end) => {
                out.push_str(&rest[..pos]);
                out.push(' ');
                rest = &rest[pos + end + close.len()..];
            }
            None => {
                unclosed[kind] = true;
                out.push_str(&rest[..pos + 1]);
                rest = &rest[pos + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The byte offset of `needle` (ASCII, lower case) in `haystack`, ignoring
/// ASCII case.
fn find_ascii_caseless(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Removes the inline Markdown the parser reads without separating words,
/// as a reader of the rendered text sees it: emphasis asterisks
/// (`**Aviatio**n` is "Aviation"; an unpaired `**` stays text), link brackets
/// and destinations (`[enroll](https://…)ed` is "enrolled"; the address lives
/// in `Link.url`), HTML tags and entities. Each blank-line-separated chunk
/// is read by the parser's own inline reader
/// ([`super::inline::parse_inlines`]), so the two agree.
pub fn strip_inline_markdown(text: &str) -> String {
    text.split("\n\n")
        .map(|chunk| crate::model::plain_text(&super::inline::parse_inlines(chunk)))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Removes tags, comments and script/style content, decodes entities; a
/// block-level tag, or a link opening where one closed, separates words.
pub fn strip_tags_and_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut skip_until: Option<&'static str> = None;
    // Where the last link closed (`</a>`): a link opening right there is
    // another phrase, as the inline reader reads it.
    let mut link_closed: Option<usize> = None;
    while let Some(pos) = rest.find(['<', '&', '\\']) {
        if skip_until.is_none() {
            out.push_str(&rest[..pos]);
        }
        rest = &rest[pos..];
        if rest.starts_with('\\') {
            // A Markdown escape: the next punctuation character is literal.
            let escaped = rest[1..].chars().next().filter(char::is_ascii_punctuation);
            let len = 1 + escaped.map_or(0, char::len_utf8);
            if skip_until.is_none() {
                out.push_str(&rest[..len]);
            }
            rest = &rest[len..];
            continue;
        }
        if let Some((len, name)) = tag_at(rest) {
            match (skip_until, name.as_str()) {
                (None, "script") => skip_until = Some("/script"),
                (None, "style") => skip_until = Some("/style"),
                (Some(end), n) if n == end => skip_until = None,
                _ => {}
            }
            if is_block_tag(&name) || (name == "a" && link_closed == Some(out.len())) {
                out.push(' ');
            }
            if name == "/a" {
                link_closed = Some(out.len());
            }
            rest = &rest[len..];
            continue;
        }
        if rest.starts_with('&')
            && skip_until.is_none()
            && let Some((decoded, len)) = decode_entity(rest)
        {
            out.push_str(&decoded);
            rest = &rest[len..];
            continue;
        }
        if skip_until.is_none() {
            out.push_str(&rest[..1]);
        }
        rest = &rest[1..];
    }
    if skip_until.is_none() {
        out.push_str(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_comments_and_entities() {
        assert_eq!(tag_at("<td>1</td>"), Some((4, "td".into())));
        assert_eq!(tag_at("</span> x"), Some((7, "/span".into())));
        assert_eq!(tag_at("<!-- -->"), Some((8, "!--".into())));
        assert_eq!(tag_at("<https://x.org>"), None);
        assert_eq!(tag_at("a < b"), None);
        assert_eq!(decode_entity("&amp; x"), Some(("&".into(), 5)));
        assert_eq!(decode_entity("&#8217;"), Some(("’".into(), 7)));
        assert_eq!(decode_entity("&unknown;"), None);
    }

    #[test]
    fn projection_removes_only_markup() {
        let s = strip_tags_and_entities(
            "<span aria-current=\"page\">Caf&eacute; &amp; tea</span><script>var x</script> end",
        );
        assert_eq!(crate::words::words(&s), ["Café", "tea", "end"]);
        let ws = word_source(
            "---\ntitle: \"It\\u2019s\"\ntags: fact-sheets\n---\n \nBody <b>text</b>\n",
        );
        assert_eq!(ws.front_matter, ["fact-sheets", "It’s"]);
        assert_eq!(crate::words::words(&ws.body), ["Body", "text"]);
        let ws = word_source(" date 2020-11-24 Following is");
        assert_eq!(ws.prefix_date.as_deref(), Some("2020-11-24"));
        assert_eq!(ws.body, "Following is");
        let s = strip_tags_and_entities("<a href=\"x\">Story</a><a href=\"y\">Download</a>");
        assert_eq!(crate::words::words(&s), ["Story", "Download"]);
    }

    #[test]
    fn inline_markdown_vanishes_without_splitting_words() {
        let s = strip_inline_markdown("**Aviatio**n [enroll](https://x.org/a)ed to[**go**](u)");
        assert_eq!(s, "Aviation enrolled togo");
        assert_eq!(
            strip_inline_markdown("1967[242 (1967)] [note]"),
            "1967[242 (1967)] [note]"
        );
        assert_eq!(strip_inline_markdown("é**A and 5 * 3"), "é**A and 5 * 3");
        assert_eq!(strip_inline_markdown("****a*a < ba"), "***aa < ba");
    }
}
