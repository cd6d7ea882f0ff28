//! The styles of a handout's front matter: the cover ("Cover Title",
//! "Cover Subtitle", "Cover Note"), the contents title ("TOC Heading") and
//! Word's contents entry styles ("toc 1" to "toc 3", with a right tab and
//! dot leader at the text width). They look as the PDF handout's cover and
//! contents are set (`handout::front`), so the pack's paragraphs carry no
//! direct formatting.

use super::{Props, id, outline_level};
use crate::template::{Align, Case, FontRole, Length, Template, TextStyle};

/// The style a front-matter style is based on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parent {
    /// Normal.
    Normal,
    /// Title (the headline).
    Title,
    /// Word's "heading 1".
    Heading1,
}

/// One front-matter paragraph style.
pub struct FrontStyle {
    /// Style id.
    pub id: &'static str,
    /// Name shown in Word (built-in names lowercase, as Word writes them).
    pub name: &'static str,
    /// Based on.
    pub parent: Parent,
    /// Resolved properties (written as the difference from the parent's).
    pub props: Props,
    /// Paragraph properties beyond [`Props`] (tabs, outline level).
    pub extra: String,
    /// Followed by Normal.
    pub next_normal: bool,
    /// Shown in the style gallery.
    pub gallery: bool,
}

/// Space between two contents entries, in points (as `handout::front`).
const ENTRY_GAP: f32 = 9.0;
/// Indent of each contents level below the first, in points.
const LEVEL_INDENT: f32 = 11.0;

/// A text style in the template's `font` at `size`, left-aligned, as the
/// PDF's cover and contents are set.
fn text(template: &Template, font: FontRole, size: f32, bold: bool) -> TextStyle {
    TextStyle {
        font,
        size,
        leading: 1.25,
        bold,
        italic: false,
        align: Align::Left,
        case: Case::AsIs,
        color: Some(template.colors.text),
        space_before: Length(0.0),
        space_after: Length(0.0),
        indent: Length(0.0),
        indent_right: Length(0.0),
        first_line_indent: Length(0.0),
        keep_with_next: false,
    }
}

/// The front-matter styles of `template`, in the order written.
pub fn styles(template: &Template) -> Vec<FrontStyle> {
    let (_, height) = template.page.dimensions();
    let top = template.page.margins.top.pt();
    let mut title = text(template, FontRole::Heading, 30.0, true);
    title.leading = 1.15;
    title.color = Some(template.colors.accent);
    // The PDF sets the title a third of the way down the page; the body
    // starts at the top margin.
    title.space_before = Length((height.pt() * 0.34 - top).max(0.0));
    title.space_after = Length(26.0);
    title.keep_with_next = true;
    let mut subtitle = text(template, FontRole::Heading, 15.0, false);
    subtitle.space_after = Length(4.0);
    let mut note = text(template, FontRole::Heading, 12.0, false);
    note.color = Some(template.colors.muted);
    let mut heading = text(template, FontRole::Heading, 20.0, true);
    heading.color = Some(template.colors.accent);
    heading.space_after = Length(14.0);
    heading.keep_with_next = true;
    let width = template.page.text_width();
    let tabs = format!(
        "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{}\"/></w:tabs>",
        Length(width).twips()
    );
    let mut out = vec![
        FrontStyle {
            id: id::COVER_TITLE,
            name: "Cover Title",
            parent: Parent::Title,
            props: Props::of(&title, template),
            // Not a heading: the pack's outline starts with the releases.
            extra: outline_level(9),
            next_normal: false,
            gallery: true,
        },
        FrontStyle {
            id: id::COVER_SUBTITLE,
            name: "Cover Subtitle",
            parent: Parent::Normal,
            props: Props::of(&subtitle, template),
            extra: String::new(),
            next_normal: false,
            gallery: true,
        },
        FrontStyle {
            id: id::COVER_NOTE,
            name: "Cover Note",
            parent: Parent::Normal,
            props: Props::of(&note, template),
            extra: String::new(),
            next_normal: false,
            gallery: true,
        },
        FrontStyle {
            id: id::TOC_HEADING,
            name: "TOC Heading",
            parent: Parent::Heading1,
            props: Props::of(&heading, template),
            // As Word's own: not itself an entry of the contents.
            extra: outline_level(9),
            next_normal: true,
            gallery: true,
        },
    ];
    for (level, (sid, name)) in id::TOC.iter().zip(["toc 1", "toc 2", "toc 3"]).enumerate() {
        let mut entry = text(
            template,
            FontRole::Body,
            if level == 0 { 11.0 } else { 10.0 },
            false,
        );
        entry.indent = Length(LEVEL_INDENT * level as f32);
        entry.space_after = Length(if level == 0 { ENTRY_GAP } else { 3.0 });
        out.push(FrontStyle {
            id: sid,
            name,
            parent: Parent::Normal,
            props: Props::of(&entry, template),
            extra: tabs.clone(),
            next_normal: true,
            gallery: false,
        });
    }
    // The derived headline looks like the Title it stands in for.
    let derived = template.styles.headline.clone();
    out.push(FrontStyle {
        id: id::DERIVED_HEADLINE,
        name: "Derived Headline",
        parent: Parent::Title,
        props: Props::of(&derived, template),
        extra: String::new(),
        next_normal: false,
        gallery: false,
    });
    out
}
