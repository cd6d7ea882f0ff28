//! The end of a release: end mark, disclaimer, "Issued at" time, page
//! artefacts (a transcript's closing time, "2:19 P.M. EDT", stays in the
//! body as its last paragraph: it is text, not a mark); then boilerplate ("About …", "Notes to editors") and contact
//! blocks among the body blocks.

use super::caseless::starts_with_lowercase;
use super::meta;
use crate::model::{Block, Contact, Inline, Metadata, plain_text};

/// Lines at the bottom that may hold metadata.
const TAIL_LINES: usize = 30;

/// Takes end-of-document metadata lines (from the last line up), then, if
/// no end mark was found there, the last end-mark line in the second half.
pub fn scan(lines: &[&str], skip: &mut [bool], body_start: usize, meta: &mut Metadata) {
    let mut taken = 0;
    let mut i = lines.len();
    let mut tail_artefacts = Vec::new();
    while i > body_start && taken < TAIL_LINES {
        i -= 1;
        let t = lines[i].trim();
        if t.is_empty() || skip[i] {
            continue;
        }
        taken += 1;
        if meta.end_mark.is_none() && meta::end_mark(t).is_some() {
            meta.end_mark = meta::end_mark(t);
        } else if meta.disclaimer.is_none() && meta::disclaimer(t) {
            meta.disclaimer = Some(t.to_string());
        } else if meta::page_artefact(t) || meta::web_chrome(t) {
            tail_artefacts.push(t.to_string());
        } else if t.starts_with("Issued at ") && meta::time_line(t) && meta.time.is_none() {
            meta.time = Some(t.to_string());
        } else {
            break;
        }
        skip[i] = true;
    }
    tail_artefacts.reverse();
    meta.artefacts.extend(tail_artefacts);
    if meta.end_mark.is_none() {
        let half = body_start + (lines.len() - body_start) / 2;
        if let Some(j) = (half..lines.len())
            .rev()
            .find(|&j| !skip[j] && meta::end_mark(lines[j].trim()).is_some())
        {
            meta.end_mark = meta::end_mark(lines[j].trim());
            skip[j] = true;
        }
    }
}

const BOILERPLATE_TITLES: &[&str] = &[
    "note to editors",
    "notes to editors",
    "note for editors",
    "notes for editors",
    "background",
    "for more information",
    "quick facts",
    "associated links",
    "about the author",
];

fn boilerplate_title(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':');
    if t.len() > 80 {
        return false;
    }
    let lower = t.to_lowercase();
    BOILERPLATE_TITLES.contains(&lower.as_str())
        || (lower.starts_with("about ")
            && t.split_whitespace().count() <= 8
            && !t.ends_with('.')
            && t.split_whitespace()
                .nth(1)
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase)))
}

fn contact_start(text: &str) -> bool {
    let text = text.trim_start_matches('(');
    [
        "media contact",
        "press contact",
        "contact:",
        "contacts:",
        "for more information, contact",
        "for more information:",
        "for further information",
        "media inquiries",
        "press inquiries",
    ]
    .iter()
    .any(|p| starts_with_lowercase(text, p))
}

/// Groups "About …" sections into [`Block::Boilerplate`] and contact
/// paragraphs into [`Block::ContactBlock`] (also filling `meta.contacts`).
pub fn boilerplate_and_contacts(meta: &mut Metadata, blocks: &mut Vec<Block>) {
    if blocks.len() < 2 {
        return;
    }
    let mut out = Vec::with_capacity(blocks.len());
    let mut iter = std::mem::take(blocks).into_iter().peekable();
    let mut index = 0;
    while let Some(block) = iter.next() {
        index += 1;
        let text = match &block {
            Block::Paragraph { content } | Block::Heading { content, .. } => {
                Some(plain_text(content))
            }
            _ => None,
        };
        let Some(text) = text else {
            out.push(block);
            continue;
        };
        if index > 1 && contact_start(&text) {
            let text = match &block {
                Block::Paragraph { content } | Block::Heading { content, .. } => with_urls(content),
                _ => text,
            };
            let lines: Vec<String> = text
                .split('\n')
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect();
            for line in &lines {
                meta.contacts.extend(parse_contacts(line));
            }
            out.push(Block::ContactBlock { lines });
            continue;
        }
        if index > 1
            && boilerplate_title(&text)
            && iter
                .peek()
                .is_some_and(|b| matches!(b, Block::Paragraph { .. }))
        {
            let mut content: Vec<Vec<Inline>> = Vec::new();
            while let Some(Block::Paragraph { content: c }) = iter.peek() {
                if contact_start(&plain_text(c)) {
                    break;
                }
                if let Some(Block::Paragraph { content: c }) = iter.next() {
                    content.push(c);
                }
            }
            out.push(Block::Boilerplate {
                title: text.trim().to_string(),
                content,
            });
            continue;
        }
        out.push(block);
    }
    *blocks = out;
}

/// Plain text with each link's URL after its text ("Jane <mailto:j@x.org>").
fn with_urls(content: &[Inline]) -> String {
    let mut out = String::new();
    for inline in content {
        match inline {
            Inline::Link { content, url } => {
                let text = plain_text(content);
                out.push_str(&text);
                if text != *url {
                    out.push_str(" <");
                    out.push_str(url);
                    out.push('>');
                }
            }
            Inline::Strong { content } | Inline::Emphasis { content } => {
                out.push_str(&with_urls(content))
            }
            other => out.push_str(&super::inline::spaced_text(std::slice::from_ref(other))),
        }
    }
    out
}

/// Contacts in one line: "Name – Tel.: +32 2 29 96302; Name – Tel.: …",
/// "Jane Doe, Press Officer, +1 212 963 1234, doe@un.org".
pub fn parse_contacts(line: &str) -> Vec<Contact> {
    let mut out = Vec::new();
    for part in line.split(';') {
        let part = part.trim().trim_matches(['(', ')']).trim();
        if part.is_empty() {
            continue;
        }
        let email = part
            .split(|c: char| c.is_whitespace() || c == ',' || c == '<' || c == '>')
            .find(|w| w.contains('@') && w.contains('.'))
            .map(|w| w.trim_end_matches('.').to_string());
        let phone = phone_in(part);
        if email.is_none() && phone.is_none() {
            continue;
        }
        let label = match part.split_once(':') {
            Some((a, b))
                if a.len() < 40 && !a.bytes().any(|x| x.is_ascii_digit()) && !a.contains("Tel") =>
            {
                b
            }
            _ => part,
        };
        let name = label
            .split([',', '–', '—'])
            .next()
            .map(|n| n.trim().to_string())
            .filter(|n| {
                !n.is_empty() && !n.contains('@') && !n.bytes().any(|b| b.is_ascii_digit())
            });
        out.push(Contact {
            raw: part.to_string(),
            name,
            email,
            phone,
            ..Contact::default()
        });
    }
    out
}

fn phone_in(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let start = bytes
        .iter()
        .position(|&b| b == b'+' || b.is_ascii_digit())?;
    let run: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'))
        .collect();
    let digits = run.chars().filter(char::is_ascii_digit).count();
    (digits >= 7).then(|| run.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_lines_become_metadata() {
        let lines = [
            "Body text.",
            "",
            "* *** *",
            "",
            "For information media. Not an official record.",
        ];
        let mut skip = vec![false; lines.len()];
        let mut meta = Metadata::default();
        scan(&lines, &mut skip, 0, &mut meta);
        assert_eq!(meta.end_mark.as_deref(), Some("* *** *"));
        assert_eq!(
            meta.disclaimer.as_deref(),
            Some("For information media. Not an official record.")
        );
        assert_eq!(skip, [false, false, true, false, true]);
    }

    #[test]
    fn contacts_are_parsed() {
        let c = parse_contacts(
            "(For more information: Eric Mamer – Tel.: +32 2 29 94073; Dana Spinant – Tel.: +32 2 29 90150)",
        );
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].name.as_deref(), Some("Eric Mamer"));
        assert_eq!(c[1].phone.as_deref(), Some("+32 2 29 90150"));
        let c = parse_contacts("Media contact: Jane Doe, jane.doe@un.org");
        assert_eq!(c[0].email.as_deref(), Some("jane.doe@un.org"));
        assert_eq!(c[0].name.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn boilerplate_groups_following_paragraphs() {
        let p = |s: &str| Block::Paragraph {
            content: vec![Inline::text(s)],
        };
        let mut blocks = vec![
            p("Body."),
            p("About UNDP"),
            p("UNDP works in 170 countries."),
            p("Media contact: Jane Doe, +1 212 963 1234"),
        ];
        let mut meta = Metadata::default();
        boilerplate_and_contacts(&mut meta, &mut blocks);
        assert_eq!(
            blocks.iter().map(Block::type_name).collect::<Vec<_>>(),
            ["paragraph", "boilerplate", "contact_block"]
        );
        assert_eq!(meta.contacts.len(), 1);
    }
}
