//! `word/styles.xml`, generated from the template.
//!
//! Every template role becomes a named Word style. Styles are based on one
//! another (Normal → Body Text → Lead-in, Quote, List Bullet, …) and each
//! writes only what differs from its parent, so editing Body Text in Word or
//! LibreOffice restyles every body paragraph. Written as a string because
//! docx-rs always adds its own empty "Normal" style (python-docx and Word read
//! the first one) and has no `basedOn`-aware property diffing.

use super::xml::escape_into;
use crate::template::{Align, Case, FontRole, Template, TextStyle};

mod front;

/// Style ids used by the writer (the `w:styleId`s in styles.xml).
pub mod id {
    /// Normal (the default paragraph style).
    pub const NORMAL: &str = "Normal";
    /// Body paragraphs.
    pub const BODY_TEXT: &str = "BodyText";
    /// Headline: the document's one outline-level-0 paragraph (heading
    /// level 1 for Word's navigation pane and screen readers).
    pub const TITLE: &str = "Title";
    /// Subheadlines.
    pub const SUBTITLE: &str = "Subtitle";
    /// Word's built-in heading styles: `HEADINGS[i]` is "heading {i+1}", at
    /// outline level `i`. Under a headline (Title, outline level 0) body
    /// headings start at Heading2 (see `body::HeadingLevels`).
    pub const HEADINGS: [&str; 4] = ["Heading1", "Heading2", "Heading3", "Heading4"];
    /// Lead-in formula.
    pub const LEAD_IN: &str = "LeadIn";
    /// Document symbol.
    pub const SYMBOL: &str = "Symbol";
    /// Release date.
    pub const DATE: &str = "Date";
    /// Release-timing line.
    pub const RELEASE_LINE: &str = "ReleaseLine";
    /// Dateline.
    pub const DATELINE: &str = "Dateline";
    /// Editorial notes.
    pub const NOTE: &str = "Note";
    /// Bulleted list items.
    pub const LIST_BULLET: &str = "ListBullet";
    /// Numbered list items.
    pub const LIST_NUMBER: &str = "ListNumber";
    /// Block quotations.
    pub const QUOTE: &str = "Quote";
    /// Transcript turns.
    pub const SPEAKER_TURN: &str = "SpeakerTurn";
    /// Contact lines.
    pub const CONTACT: &str = "Contact";
    /// Lines of the document-information block ([`crate::render::info`]).
    pub const DOCUMENT_INFO: &str = "DocumentInformation";
    /// Boilerplate paragraphs.
    pub const BOILERPLATE: &str = "Boilerplate";
    /// Table cells.
    pub const TABLE_TEXT: &str = "TableText";
    /// Cells of a table's header row (Table Text, bold).
    pub const TABLE_HEADING: &str = "TableHeading";
    /// End mark.
    pub const END_MARK: &str = "EndMark";
    /// Disclaimer.
    pub const DISCLAIMER: &str = "Disclaimer";
    /// Running head.
    pub const HEADER: &str = "Header";
    /// Running foot.
    pub const FOOTER: &str = "Footer";
    /// The "- more -" marker above the running foot.
    pub const MORE: &str = "More";
    /// Letterhead label run ("Press Release").
    pub const LETTERHEAD_LABEL: &str = "LetterheadLabel";
    /// Bold run.
    pub const STRONG: &str = "Strong";
    /// Italic run.
    pub const EMPHASIS: &str = "Emphasis";
    /// Link run.
    pub const HYPERLINK: &str = "Hyperlink";
    /// Speaker label run in transcripts.
    pub const SPEAKER: &str = "SpeakerLabel";
    /// Table style.
    pub const TABLE: &str = "PressTable";
    /// A handout's cover title.
    pub const COVER_TITLE: &str = "CoverTitle";
    /// A handout's cover date range.
    pub const COVER_SUBTITLE: &str = "CoverSubtitle";
    /// A handout's cover line giving the number of releases.
    pub const COVER_NOTE: &str = "CoverNote";
    /// The title of a table of contents ("TOC Heading", based on Heading 1,
    /// itself not listed in the contents).
    pub const TOC_HEADING: &str = "TOCHeading";
    /// Word's built-in contents entry styles "toc 1" to "toc 3".
    pub const TOC: [&str; 3] = ["TOC1", "TOC2", "TOC3"];
    /// A headline the parser derived (the input gives none), in a handout:
    /// it looks like the Title but is not one.
    pub const DERIVED_HEADLINE: &str = "DerivedHeadline";

    /// The style id of letterhead line `i` (0-based).
    pub fn letterhead(i: usize) -> String {
        format!("Letterhead{}", i + 1)
    }

    /// The style id of masthead line `i` (0-based).
    pub fn masthead(i: usize) -> String {
        format!("Masthead{}", i + 1)
    }
}

/// Height of one line of a font at "single" spacing, as a multiple of its
/// size. Word and LibreOffice scale "multiple" line spacing by this, while the
/// template's `leading` is a multiple of the size (as in the PDF).
fn natural_line_height(family: &str) -> f32 {
    if family.starts_with("Noto") {
        1.362
    } else {
        1.15
    }
}

/// Resolved properties of one style, in Word's units.
#[derive(Debug, Clone, PartialEq)]
pub struct Props {
    font: String,
    half_points: u32,
    bold: bool,
    italic: bool,
    caps: bool,
    color: String,
    align: &'static str,
    before: i32,
    after: i32,
    line: i32,
    left: i32,
    right: i32,
    first_line: i32,
    keep_next: bool,
}

impl Props {
    /// The same properties with `twips` more space before.
    fn with_extra_before(mut self, twips: i32) -> Props {
        self.before += twips;
        self
    }

    /// Properties of a template text style.
    pub fn of(style: &TextStyle, template: &Template) -> Props {
        let font = template.family(style.font).name.clone();
        let natural = natural_line_height(&font);
        Props {
            half_points: (style.size * 2.0).round().max(2.0) as u32,
            bold: style.bold,
            italic: style.italic,
            caps: style.case == Case::Upper,
            color: style.color.unwrap_or(template.colors.text).hex(),
            align: match style.align {
                Align::Left => "left",
                Align::Center => "center",
                Align::Right => "right",
                Align::Justify => "both",
            },
            before: style.space_before.twips(),
            after: style.space_after.twips(),
            line: ((240.0 * style.leading / natural).round() as i32).max(120),
            left: style.indent.twips(),
            right: style.indent_right.twips(),
            first_line: style.first_line_indent.twips(),
            keep_next: style.keep_with_next,
            font,
        }
    }

    /// Normal: the body's font, size, colour and leading, nothing else.
    fn normal(template: &Template) -> Props {
        let body = &template.styles.body;
        let base = TextStyle {
            font: FontRole::Body,
            size: body.size,
            leading: body.leading,
            color: body.color,
            ..TextStyle::default()
        };
        let mut p = Props::of(&base, template);
        p.after = 0;
        p
    }

    /// The same properties with another alignment.
    pub fn with_align(mut self, align: Align) -> Props {
        self.align = match align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Justify => "both",
        };
        self
    }

    fn ppr_diff(&self, parent: Option<&Props>, out: &mut String) {
        if parent.map_or(self.keep_next, |p| p.keep_next != self.keep_next) {
            out.push_str(if self.keep_next {
                "<w:keepNext/>"
            } else {
                "<w:keepNext w:val=\"0\"/>"
            });
        }
        let mut spacing = String::new();
        if parent.is_none_or(|p| p.before != self.before) {
            spacing.push_str(&format!(" w:before=\"{}\"", self.before));
        }
        if parent.is_none_or(|p| p.after != self.after) {
            spacing.push_str(&format!(" w:after=\"{}\"", self.after));
        }
        if parent.is_none_or(|p| p.line != self.line) {
            spacing.push_str(&format!(" w:line=\"{}\" w:lineRule=\"auto\"", self.line));
        }
        if !spacing.is_empty() {
            out.push_str("<w:spacing");
            out.push_str(&spacing);
            out.push_str("/>");
        }
        let mut ind = String::new();
        if parent.is_none_or(|p| p.left != self.left) {
            ind.push_str(&format!(" w:left=\"{}\"", self.left));
        }
        if parent.is_none_or(|p| p.right != self.right) {
            ind.push_str(&format!(" w:right=\"{}\"", self.right));
        }
        if parent.is_none_or(|p| p.first_line != self.first_line) {
            if self.first_line < 0 {
                ind.push_str(&format!(" w:hanging=\"{}\"", -self.first_line));
            } else {
                ind.push_str(&format!(" w:firstLine=\"{}\"", self.first_line));
            }
        }
        if !ind.is_empty() {
            out.push_str("<w:ind");
            out.push_str(&ind);
            out.push_str("/>");
        }
        if parent.is_none_or(|p| p.align != self.align) {
            out.push_str(&format!("<w:jc w:val=\"{}\"/>", self.align));
        }
    }

    fn rpr_diff(&self, parent: Option<&Props>, out: &mut String) {
        if parent.is_none_or(|p| p.font != self.font) {
            out.push_str("<w:rFonts w:ascii=\"");
            escape_into(out, &self.font);
            out.push_str("\" w:hAnsi=\"");
            escape_into(out, &self.font);
            // Chinese and Arabic come from the bundled faces the font table
            // describes when a document uses them (render/docx/fonts.rs).
            out.push_str("\" w:eastAsia=\"Noto Sans SC\" w:cs=\"Noto Naskh Arabic\"/>");
        }
        let flag = |out: &mut String, tag: &str, on: bool| {
            out.push_str(&format!(
                "<w:{tag}{}/>",
                if on { "" } else { " w:val=\"0\"" }
            ));
        };
        if parent.map_or(self.bold, |p| p.bold != self.bold) {
            flag(out, "b", self.bold);
            flag(out, "bCs", self.bold);
        }
        if parent.map_or(self.italic, |p| p.italic != self.italic) {
            flag(out, "i", self.italic);
            flag(out, "iCs", self.italic);
        }
        if parent.map_or(self.caps, |p| p.caps != self.caps) {
            flag(out, "caps", self.caps);
        }
        if parent.is_none_or(|p| p.color != self.color) {
            out.push_str(&format!("<w:color w:val=\"{}\"/>", self.color));
        }
        if parent.is_none_or(|p| p.half_points != self.half_points) {
            out.push_str(&format!(
                "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>",
                self.half_points
            ));
        }
    }
}

/// One paragraph style to write.
struct ParaStyle {
    id: String,
    name: String,
    parent: Option<usize>,
    next: Option<&'static str>,
    props: Props,
    extra_ppr: String,
    gallery: bool,
}

/// `w:outlineLvl` for paragraph-style extras (0 is heading level 1).
fn outline_level(level: usize) -> String {
    format!("<w:outlineLvl w:val=\"{level}\"/>")
}

/// Builds styles.xml for `template`, with `lang` (a BCP 47 tag, see
/// [`crate::model::Document::language_tag`]) as the document language.
pub fn styles_xml(template: &Template, lang: &str) -> String {
    let s = &template.styles;
    let mut list: Vec<ParaStyle> = Vec::new();
    let add = |list: &mut Vec<ParaStyle>,
               id: &str,
               name: &str,
               parent: Option<usize>,
               props: Props,
               next: Option<&'static str>,
               extra: String| {
        list.push(ParaStyle {
            id: id.to_string(),
            name: name.to_string(),
            parent,
            next,
            props,
            extra_ppr: extra,
            gallery: true,
        });
        list.len() - 1
    };
    let normal = add(
        &mut list,
        id::NORMAL,
        "Normal",
        None,
        Props::normal(template),
        None,
        String::new(),
    );
    let p = |t: &TextStyle| Props::of(t, template);
    let keep_whole = if template.typesetting.keep_paragraphs_whole {
        "<w:keepLines/>".to_string()
    } else {
        String::new()
    };
    let body = add(
        &mut list,
        id::BODY_TEXT,
        "Body Text",
        Some(normal),
        p(&s.body),
        None,
        keep_whole,
    );
    let b = Some(body);
    let n = Some(normal);
    let nx = Some(id::BODY_TEXT);
    add(
        &mut list,
        id::LEAD_IN,
        "Lead-in",
        b,
        p(&s.lead_in),
        nx,
        String::new(),
    );
    add(
        &mut list,
        id::QUOTE,
        "Quote",
        b,
        p(&s.quote),
        None,
        String::new(),
    );
    add(
        &mut list,
        id::LIST_BULLET,
        "List Bullet",
        b,
        p(&s.list),
        None,
        String::new(),
    );
    add(
        &mut list,
        id::LIST_NUMBER,
        "List Number",
        b,
        p(&s.list),
        None,
        String::new(),
    );
    add(
        &mut list,
        id::SPEAKER_TURN,
        "Speaker Turn",
        b,
        p(&s.speaker_turn),
        None,
        String::new(),
    );
    add(
        &mut list,
        id::BOILERPLATE,
        "Boilerplate",
        b,
        p(&s.boilerplate),
        None,
        String::new(),
    );
    add(
        &mut list,
        id::TITLE,
        "Title",
        n,
        p(&s.headline),
        nx,
        outline_level(0),
    );
    add(
        &mut list,
        id::SUBTITLE,
        "Subtitle",
        n,
        p(&s.subheadline),
        nx,
        String::new(),
    );
    // "heading 1" and "heading 2" both look like the template's first body
    // heading level: heading 1 when a document has no headline, heading 2
    // under a headline (see `body::HeadingLevels`).
    let looks = [&s.heading1, &s.heading1, &s.heading2, &s.heading3];
    for (level, (sid, style)) in id::HEADINGS.iter().zip(looks).enumerate() {
        add(
            &mut list,
            sid,
            &format!("heading {}", level + 1),
            n,
            p(style),
            nx,
            outline_level(level),
        );
    }
    let placed = |t: &TextStyle| {
        use crate::template::Placement;
        let props = p(t);
        match template.symbol_date.placement {
            Placement::Left => props.with_align(Align::Left),
            Placement::Center => props.with_align(Align::Center),
            Placement::Right => props.with_align(Align::Right),
            Placement::Hidden => props,
        }
    };
    add(
        &mut list,
        id::SYMBOL,
        "Symbol",
        n,
        placed(&s.symbol),
        None,
        String::new(),
    );
    add(
        &mut list,
        id::DATE,
        "Date",
        n,
        placed(&s.date),
        None,
        String::new(),
    );
    add(
        &mut list,
        id::RELEASE_LINE,
        "Release Line",
        n,
        p(&s.release_line),
        None,
        String::new(),
    );
    add(
        &mut list,
        id::DATELINE,
        "Dateline",
        n,
        p(&s.dateline),
        nx,
        String::new(),
    );
    add(
        &mut list,
        id::NOTE,
        "Note",
        n,
        p(&s.note),
        None,
        String::new(),
    );
    add(
        &mut list,
        id::CONTACT,
        "Contact",
        n,
        p(&s.contact),
        None,
        String::new(),
    );
    add(
        &mut list,
        id::DOCUMENT_INFO,
        "Document Information",
        n,
        p(&s.contact),
        None,
        String::new(),
    );
    let table_text = add(
        &mut list,
        id::TABLE_TEXT,
        "Table Text",
        n,
        p(&s.table),
        None,
        String::new(),
    );
    add(
        &mut list,
        id::TABLE_HEADING,
        "Table Heading",
        Some(table_text),
        Props {
            bold: true,
            ..p(&s.table)
        },
        None,
        String::new(),
    );
    add(
        &mut list,
        id::END_MARK,
        "End Mark",
        n,
        p(&s.end_mark),
        None,
        String::new(),
    );
    add(
        &mut list,
        id::DISCLAIMER,
        "Disclaimer",
        n,
        p(&s.disclaimer),
        None,
        String::new(),
    );
    let title = list.iter().position(|st| st.id == id::TITLE);
    let heading1 = list.iter().position(|st| st.id == id::HEADINGS[0]);
    for style in front::styles(template) {
        let parent = match style.parent {
            front::Parent::Normal => n,
            front::Parent::Title => title.or(n),
            front::Parent::Heading1 => heading1.or(n),
        };
        let idx = add(
            &mut list,
            style.id,
            style.name,
            parent,
            style.props,
            Some(id::NORMAL).filter(|_| style.next_normal),
            style.extra,
        );
        list[idx].gallery = style.gallery;
    }
    let width = template.page.text_width();
    let tabs = format!(
        "<w:tabs><w:tab w:val=\"center\" w:pos=\"{}\"/><w:tab w:val=\"right\" w:pos=\"{}\"/></w:tabs>",
        (width * 10.0).round() as i32,
        (width * 20.0).round() as i32
    );
    let mut running = p(&s.running);
    running.color = s.running.color.unwrap_or(template.colors.muted).hex();
    add(
        &mut list,
        id::HEADER,
        "header",
        n,
        running.clone(),
        None,
        tabs.clone(),
    );
    add(
        &mut list,
        id::FOOTER,
        "footer",
        n,
        running,
        None,
        tabs.clone(),
    );
    let mut more = p(&s.more);
    more.align = "center";
    let idx = add(&mut list, id::MORE, "More", n, more, None, String::new());
    list[idx].gallery = false;
    let right_tab = format!(
        "<w:tabs><w:tab w:val=\"right\" w:pos=\"{}\"/></w:tabs>",
        (width * 20.0).round() as i32
    );
    let letterhead_count = template.letterhead.lines.len().max(1);
    for i in 0..letterhead_count {
        let props = template
            .letterhead
            .lines
            .get(i)
            .map(|l| accent(p(&l.style), &l.style, template))
            .unwrap_or_else(|| p(&s.running));
        let props = if i == 0 {
            props.with_extra_before(super::package::letterhead_drop(template))
        } else {
            props
        };
        let mut extra = String::new();
        if template.letterhead.rule && i + 1 == letterhead_count {
            extra.push_str(&format!(
                "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"1\" w:color=\"{}\"/></w:pBdr>",
                template.colors.rule.hex()
            ));
        }
        extra.push_str(&right_tab);
        let idx = add(
            &mut list,
            &id::letterhead(i),
            &format!("Letterhead {}", i + 1),
            n,
            props,
            None,
            extra,
        );
        list[idx].gallery = false;
    }
    for (i, line) in template.letterhead.masthead.iter().enumerate() {
        let idx = add(
            &mut list,
            &id::masthead(i),
            &format!("Masthead {}", i + 1),
            n,
            accent(p(&line.style), &line.style, template),
            None,
            right_tab.clone(),
        );
        list[idx].gallery = false;
    }

    let mut out = String::with_capacity(16 * 1024);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    );
    out.push_str("<w:docDefaults><w:rPrDefault><w:rPr>");
    Props::normal(template).rpr_diff(None, &mut out);
    super::lang::push_lang(&mut out, lang);
    out.push_str("</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>");

    for style in &list {
        let parent = style.parent.map(|i| &list[i]);
        out.push_str("<w:style w:type=\"paragraph\"");
        if style.id == id::NORMAL {
            out.push_str(" w:default=\"1\"");
        }
        out.push_str(" w:styleId=\"");
        out.push_str(&style.id);
        out.push_str("\"><w:name w:val=\"");
        escape_into(&mut out, &style.name);
        out.push_str("\"/>");
        if let Some(parent) = parent {
            out.push_str(&format!("<w:basedOn w:val=\"{}\"/>", parent.id));
        }
        if let Some(next) = style.next {
            out.push_str(&format!("<w:next w:val=\"{next}\"/>"));
        }
        if style.gallery {
            out.push_str("<w:qFormat/>");
        }
        out.push_str("<w:pPr>");
        if style.id == id::NORMAL && template.typesetting.widows_orphans >= 2 {
            out.push_str("<w:widowControl/>");
        }
        let pprops = parent.map(|p| &p.props);
        // keepNext and keepLines come before tabs/spacing in CT_PPrBase.
        let mut ppr = String::new();
        style.props.ppr_diff(pprops, &mut ppr);
        let (keep, rest) = split_keep(&ppr);
        out.push_str(keep);
        let (before_spacing, after_spacing) = split_extra(&style.extra_ppr);
        out.push_str(before_spacing);
        out.push_str(rest);
        out.push_str(after_spacing);
        out.push_str("</w:pPr><w:rPr>");
        style.props.rpr_diff(pprops, &mut out);
        out.push_str("</w:rPr></w:style>");
    }

    let label = template
        .letterhead
        .label
        .as_ref()
        .map(|l| accent(p(&l.style), &l.style, template))
        .unwrap_or_else(|| p(&s.running));
    let normal_props = &list[normal].props;
    out.push_str(&char_style(id::STRONG, "Strong", "<w:b/><w:bCs/>"));
    out.push_str(&char_style(id::EMPHASIS, "Emphasis", "<w:i/><w:iCs/>"));
    out.push_str(&char_style(
        id::HYPERLINK,
        "Hyperlink",
        &format!(
            "<w:color w:val=\"{}\"/><w:u w:val=\"single\"/>",
            link_color(template)
        ),
    ));
    out.push_str(&char_style(id::SPEAKER, "Speaker Label", "<w:b/><w:bCs/>"));
    let mut label_rpr = String::new();
    label.rpr_diff(Some(normal_props), &mut label_rpr);
    out.push_str(&char_style(
        id::LETTERHEAD_LABEL,
        "Letterhead Label",
        &label_rpr,
    ));
    out.push_str("<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>");
    out.push_str("<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>");
    let rule = template.colors.rule.hex();
    out.push_str(&format!(
        "<w:style w:type=\"table\" w:styleId=\"{}\"><w:name w:val=\"Press Table\"/><w:basedOn w:val=\"TableNormal\"/><w:pPr><w:spacing w:before=\"20\" w:after=\"20\"/></w:pPr><w:tblPr><w:tblBorders>{}</w:tblBorders></w:tblPr></w:style>",
        id::TABLE,
        ["top", "left", "bottom", "right", "insideH", "insideV"]
            .iter()
            .map(|side| format!(
                "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{rule}\"/>"
            ))
            .collect::<String>()
    ));
    out.push_str("<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>");
    out.push_str("</w:styles>");
    out
}

/// Letterhead lines take the accent colour unless they name their own.
fn accent(mut props: Props, style: &TextStyle, template: &Template) -> Props {
    if style.color.is_none() {
        props.color = template.colors.accent.hex();
    }
    props
}

/// Links use the accent colour, or a conventional blue when the accent is black.
fn link_color(template: &Template) -> String {
    let accent = template.colors.accent;
    if accent == crate::template::Color::BLACK {
        "1F4E9A".to_string()
    } else {
        accent.hex()
    }
}

fn char_style(id: &str, name: &str, rpr: &str) -> String {
    format!(
        "<w:style w:type=\"character\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"DefaultParagraphFont\"/><w:qFormat/><w:rPr>{rpr}</w:rPr></w:style>"
    )
}

/// Splits diffed pPr into the keepNext part and the rest (spacing, ind, jc).
fn split_keep(ppr: &str) -> (&str, &str) {
    for keep in ["<w:keepNext/>", "<w:keepNext w:val=\"0\"/>"] {
        if let Some(rest) = ppr.strip_prefix(keep) {
            return (&ppr[..keep.len()], rest);
        }
    }
    ("", ppr)
}

/// Splits extra pPr into the part before spacing (keepLines, pBdr, tabs) and
/// after jc (outlineLvl), per the schema's element order.
fn split_extra(extra: &str) -> (&str, &str) {
    match extra.find("<w:outlineLvl") {
        Some(i) => (&extra[..i], &extra[i..]),
        None => (extra, ""),
    }
}
