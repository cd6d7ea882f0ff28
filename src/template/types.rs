//! The template's types: page, fonts, colours, letterhead, style roles,
//! running heads and the plain-text settings.

use serde::{Deserialize, Deserializer, Serialize};
use std::path::PathBuf;

/// A house style.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Template {
    /// Short name ("un", "release", "handout").
    pub name: String,
    /// The language of the template's own strings (ISO 639-1; default
    /// "en"): the one its dates are written in. [`Template::for_language`]
    /// sets it to the language of the `[locale.CODE]` table it applies.
    pub language: String,
    /// One-line description shown by `pressroom templates list`.
    pub description: String,
    /// Paper and margins.
    pub page: Page,
    /// Font families and fallbacks.
    pub fonts: Fonts,
    /// Colours.
    pub colors: Colors,
    /// First-page letterhead.
    pub letterhead: Letterhead,
    /// Symbol and date block.
    pub symbol_date: SymbolDate,
    /// Release-timing line ("FOR IMMEDIATE RELEASE").
    pub release_line: ReleaseLine,
    /// Paragraph and character styles by role.
    pub styles: Styles,
    /// List indentation and markers.
    pub lists: Lists,
    /// End mark.
    pub end_mark: EndMark,
    /// Disclaimer.
    pub disclaimer: Disclaimer,
    /// Running heads.
    pub header: Running,
    /// Running feet.
    pub footer: Running,
    /// Marker at the foot of every non-final page ("- more -"); empty for none.
    pub more: String,
    /// Typesetting switches.
    pub typesetting: Typesetting,
    /// PDF output settings (standards claimed).
    pub pdf: PdfSettings,
    /// Plain-text rendition settings.
    pub text: PlainText,
    /// The fixed strings of a handout pack (cover and contents).
    pub pack: super::PackStrings,
    /// Fixed strings per language (`[locale.fr]`, `[locale.ar]`, …), applied
    /// by [`Template::for_language`] over the strings above.
    pub locale: std::collections::BTreeMap<String, super::Locale>,
    /// Directory that relative font and logo paths are resolved against
    /// (set by the loader, never read from TOML).
    #[serde(skip)]
    pub base_dir: Option<PathBuf>,
    /// The font files the template names, read and checked by the loader
    /// (never read from TOML).
    #[serde(skip)]
    pub font_files: super::fontfile::FontFiles,
}

/// A length in PDF points. In TOML: a number (points) or a string with a unit
/// (`"25mm"`, `"2.5cm"`, `"1in"`, `"12pt"`).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Default)]
#[serde(transparent)]
pub struct Length(pub f32);

impl Length {
    /// A length of `mm` millimetres.
    pub fn mm(mm: f32) -> Self {
        Length(mm * 72.0 / 25.4)
    }

    /// The length in points.
    pub fn pt(self) -> f32 {
        self.0
    }

    /// The length in millimetres.
    pub fn to_mm(self) -> f32 {
        self.0 * 25.4 / 72.0
    }

    /// The length in twentieths of a point (DOCX twips).
    pub fn twips(self) -> i32 {
        (self.0 * 20.0).round() as i32
    }

    /// Parses `"25mm"`, `"2.5cm"`, `"1in"`, `"12pt"` or a bare number (points).
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let split = s.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(s.len());
        let (number, unit) = s.split_at(split);
        let value: f32 = number.trim().parse().map_err(|_| {
            format!("invalid length '{s}' (write e.g. \"25mm\", \"1in\", \"12pt\")")
        })?;
        if !value.is_finite() || value < 0.0 {
            return Err(format!("invalid length '{s}': must be a positive number"));
        }
        let points = match unit.trim() {
            "" | "pt" => value,
            "mm" => value * 72.0 / 25.4,
            "cm" => value * 72.0 / 2.54,
            "in" => value * 72.0,
            other => {
                return Err(format!(
                    "unknown unit '{other}' in '{s}' (use mm, cm, in or pt)"
                ));
            }
        };
        Ok(Length(points))
    }
}

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LengthVisitor)
    }
}

/// Reads a [`Length`] from a number (points) or a string with a unit; its
/// `expecting` is what a wrong value's error says was expected.
struct LengthVisitor;

impl serde::de::Visitor<'_> for LengthVisitor {
    type Value = Length;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a length (\"25mm\", \"2.5cm\", \"1in\", \"12pt\" or a number of points)")
    }

    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Length, E> {
        if n.is_finite() && n >= 0.0 {
            Ok(Length(n as f32))
        } else {
            Err(E::custom(format!(
                "invalid length {n}: must be a positive number"
            )))
        }
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Length, E> {
        self.visit_f64(n as f64)
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Length, E> {
        self.visit_f64(n as f64)
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Length, E> {
        Length::parse(s).map_err(E::custom)
    }
}

/// Paper and margins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Page {
    /// "A4", "Letter", "Legal", "A5" or "custom" (then `width` and `height`).
    pub size: PaperSize,
    /// Page width for `size = "custom"`.
    pub width: Option<Length>,
    /// Page height for `size = "custom"`.
    pub height: Option<Length>,
    /// Margins.
    pub margins: Margins,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            size: PaperSize::A4,
            width: None,
            height: None,
            margins: Margins::default(),
        }
    }
}

impl Page {
    /// Page width and height in points.
    pub fn dimensions(&self) -> (Length, Length) {
        match self.size {
            PaperSize::A4 => (Length::mm(210.0), Length::mm(297.0)),
            PaperSize::A5 => (Length::mm(148.0), Length::mm(210.0)),
            PaperSize::Letter => (Length(612.0), Length(792.0)),
            PaperSize::Legal => (Length(612.0), Length(1008.0)),
            PaperSize::Custom => (
                self.width.unwrap_or(Length::mm(210.0)),
                self.height.unwrap_or(Length::mm(297.0)),
            ),
        }
    }

    /// Width of the text area in points.
    pub fn text_width(&self) -> f32 {
        self.dimensions().0.pt() - self.margins.left.pt() - self.margins.right.pt()
    }

    /// Height of the text area in points.
    pub fn text_height(&self) -> f32 {
        self.dimensions().1.pt() - self.margins.top.pt() - self.margins.bottom.pt()
    }
}

/// Named paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaperSize {
    /// ISO A4, 210 × 297 mm.
    #[serde(alias = "a4")]
    A4,
    /// ISO A5, 148 × 210 mm.
    #[serde(alias = "a5")]
    A5,
    /// US Letter, 8.5 × 11 in.
    #[serde(alias = "letter")]
    Letter,
    /// US Legal, 8.5 × 14 in.
    #[serde(alias = "legal")]
    Legal,
    /// `width` × `height`.
    #[serde(alias = "custom")]
    Custom,
}

/// Page margins.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Margins {
    /// Top margin (the running head sits inside it).
    pub top: Length,
    /// Bottom margin (the running foot sits inside it).
    pub bottom: Length,
    /// Left margin.
    pub left: Length,
    /// Right margin.
    pub right: Length,
}

impl Default for Margins {
    fn default() -> Self {
        Margins {
            top: Length::mm(25.0),
            bottom: Length::mm(25.0),
            left: Length::mm(25.0),
            right: Length::mm(25.0),
        }
    }
}

/// Font families and fallbacks. A face is a bundled font name
/// (`NotoSerif-Regular`, `NotoSans-Bold`, …) or a path to a TTF/OTF file,
/// relative to the template's folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fonts {
    /// Body text family.
    pub body: FontFamily,
    /// Headline, headings and letterhead family.
    pub heading: FontFamily,
    /// Fonts tried, in order, for characters the family cannot draw.
    pub fallback: Vec<String>,
    /// Folders (relative to the template's folder) whose fonts are tried
    /// after the bundled fallback chain.
    pub dirs: Vec<String>,
}

impl Default for Fonts {
    fn default() -> Self {
        Fonts {
            body: FontFamily::bundled("NotoSerif"),
            heading: FontFamily::bundled("NotoSans"),
            fallback: Vec::new(),
            dirs: Vec::new(),
        }
    }
}

/// The four faces of a family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontFamily {
    /// Family name written into DOCX styles ("Noto Serif").
    pub name: String,
    /// Regular face.
    pub regular: String,
    /// Bold face.
    pub bold: String,
    /// Italic face.
    pub italic: String,
    /// Bold italic face.
    pub bold_italic: String,
}

impl FontFamily {
    /// A bundled Noto family by file stem ("NotoSerif", "NotoSans").
    pub fn bundled(stem: &str) -> Self {
        let name = if stem == "NotoSans" {
            "Noto Sans"
        } else {
            "Noto Serif"
        };
        FontFamily {
            name: name.to_string(),
            regular: format!("{stem}-Regular"),
            bold: format!("{stem}-Bold"),
            italic: format!("{stem}-Italic"),
            bold_italic: format!("{stem}-BoldItalic"),
        }
    }

    /// The face for a weight/slant combination.
    pub fn face(&self, bold: bool, italic: bool) -> &str {
        match (bold, italic) {
            (false, false) => &self.regular,
            (true, false) => &self.bold,
            (false, true) => &self.italic,
            (true, true) => &self.bold_italic,
        }
    }
}

impl Default for FontFamily {
    fn default() -> Self {
        FontFamily::bundled("NotoSerif")
    }
}

/// An sRGB colour written `"#rrggbb"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub struct Color {
    /// Red 0–255.
    pub r: u8,
    /// Green 0–255.
    pub g: u8,
    /// Blue 0–255.
    pub b: u8,
}

impl Color {
    /// Black.
    pub const BLACK: Color = Color { r: 0, g: 0, b: 0 };

    /// `"rrggbb"` without the hash (as DOCX wants it).
    pub fn hex(self) -> String {
        format!("{:02X}{:02X}{:02X}", self.r, self.g, self.b)
    }

    /// Components in 0.0–1.0 (as PDF wants them).
    pub fn unit(self) -> (f32, f32, f32) {
        (
            self.r as f32 / 255.0,
            self.g as f32 / 255.0,
            self.b as f32 / 255.0,
        )
    }

    /// Parses `"#rrggbb"`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let hex = s.strip_prefix('#').unwrap_or(s);
        let bad = || format!("invalid colour '{s}' (write \"#rrggbb\")");
        if hex.len() != 6 || !hex.is_ascii() {
            return Err(bad());
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
        Ok(Color {
            r: channel(0)?,
            g: channel(2)?,
            b: channel(4)?,
        })
    }
}

impl From<Color> for String {
    fn from(c: Color) -> String {
        format!("#{}", c.hex().to_lowercase())
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(ColorVisitor)
    }
}

/// Reads a [`Color`] from `"#rrggbb"`.
struct ColorVisitor;

impl serde::de::Visitor<'_> for ColorVisitor {
    type Value = Color;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a colour (\"#rrggbb\")")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Color, E> {
        Color::parse(s).map_err(E::custom)
    }
}

/// Colours.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Colors {
    /// Body text.
    pub text: Color,
    /// Letterhead and headline accents.
    pub accent: Color,
    /// Rules.
    pub rule: Color,
    /// Running heads and feet.
    pub muted: Color,
}

impl Default for Colors {
    fn default() -> Self {
        Colors {
            text: Color::BLACK,
            accent: Color::BLACK,
            rule: Color::BLACK,
            muted: Color {
                r: 0x55,
                g: 0x55,
                b: 0x55,
            },
        }
    }
}

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Flush left, ragged right.
    #[default]
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Justified (last line flush left).
    Justify,
}

/// Letter case transformation for a role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Case {
    /// As written.
    #[default]
    AsIs,
    /// UPPER CASE.
    Upper,
}

/// Which family a role uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FontRole {
    /// `fonts.body`.
    #[default]
    Body,
    /// `fonts.heading`.
    Heading,
}

/// A line of the letterhead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LetterheadLine {
    /// Text (placeholders allowed).
    pub text: String,
    /// Style of the line.
    pub style: TextStyle,
}

impl Default for LetterheadLine {
    fn default() -> Self {
        LetterheadLine {
            text: String::new(),
            style: TextStyle {
                font: FontRole::Heading,
                size: 10.0,
                ..TextStyle::default()
            },
        }
    }
}

/// First-page letterhead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Letterhead {
    /// Optional logo (PNG or JPEG), relative to the template's folder.
    pub logo: Option<String>,
    /// Logo height; the width follows from the image's aspect ratio.
    pub logo_height: Length,
    /// What the logo shows, for readers who cannot see it (the PDF Figure's
    /// `/Alt`, the DOCX picture's description). Empty marks the logo as
    /// decorative: an artifact in the PDF, no description in the DOCX.
    pub logo_alt: String,
    /// The logo image, read and prepared by the loader (never read from TOML).
    #[serde(skip)]
    pub logo_image: Option<super::image::Image>,
    /// Lines on the left (issuer, office).
    pub lines: Vec<LetterheadLine>,
    /// Text on the right of the first line ("Press Release").
    pub label: Option<LetterheadLine>,
    /// Draw a rule under the letterhead.
    pub rule: bool,
    /// Lines under the rule on the left ("Department of Global Communications · New York"),
    /// beside the symbol and date.
    pub masthead: Vec<LetterheadLine>,
    /// Space after the letterhead.
    pub space_after: Length,
}

impl Default for Letterhead {
    fn default() -> Self {
        Letterhead {
            logo: None,
            logo_height: Length::mm(12.0),
            logo_alt: String::new(),
            logo_image: None,
            lines: Vec::new(),
            label: None,
            rule: true,
            masthead: Vec::new(),
            space_after: Length(12.0),
        }
    }
}

/// Where a block sits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Placement {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    #[default]
    Right,
    /// Not shown.
    Hidden,
}

/// Date formats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateFormat {
    /// "24 November 2020" (UN editorial manual).
    #[default]
    Un,
    /// "November 24, 2020" (AP).
    Us,
    /// "2020-11-24".
    Iso,
}

impl DateFormat {
    /// Formats an ISO date (`YYYY-MM-DD`, or `YYYY-MM` for a month) in
    /// English; `None` when `iso` is not one. See
    /// [`format_date`](super::format_date) for the other languages.
    pub fn format(self, iso: &str) -> Option<String> {
        super::dates::format_date(self, "en", iso)
    }
}

/// Symbol and date block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SymbolDate {
    /// Where the block sits.
    pub placement: Placement,
    /// How the date is written.
    pub date_format: DateFormat,
    /// One symbol per line (print practice) instead of hyphen-joined.
    pub stack_symbols: bool,
}

impl Default for SymbolDate {
    fn default() -> Self {
        SymbolDate {
            placement: Placement::Right,
            date_format: DateFormat::Un,
            stack_symbols: false,
        }
    }
}

/// Release-timing line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReleaseLine {
    /// Show a release line even when the input has none (`immediate` text).
    pub always: bool,
    /// Show the input's release line when it has one.
    pub show: bool,
    /// Text for immediate release.
    pub immediate: String,
    /// Text for an embargo; `{until}` is replaced.
    pub embargoed: String,
}

impl Default for ReleaseLine {
    fn default() -> Self {
        ReleaseLine {
            always: false,
            show: true,
            immediate: "FOR IMMEDIATE RELEASE".to_string(),
            embargoed: "EMBARGOED UNTIL {until}".to_string(),
        }
    }
}

/// A paragraph style: font, size, spacing, alignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TextStyle {
    /// Family role.
    pub font: FontRole,
    /// Size in points.
    pub size: f32,
    /// Line height as a multiple of the size.
    pub leading: f32,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Alignment.
    pub align: Align,
    /// Case transformation.
    pub case: Case,
    /// Space before the paragraph.
    pub space_before: Length,
    /// Space after the paragraph.
    pub space_after: Length,
    /// Left indent.
    pub indent: Length,
    /// Right indent.
    pub indent_right: Length,
    /// First-line indent.
    pub first_line_indent: Length,
    /// Colour (default: `colors.text`).
    pub color: Option<Color>,
    /// Keep with the next paragraph on the same page.
    pub keep_with_next: bool,
}

impl Default for TextStyle {
    fn default() -> Self {
        TextStyle {
            font: FontRole::Body,
            size: 11.0,
            leading: 1.3,
            bold: false,
            italic: false,
            align: Align::Left,
            case: Case::AsIs,
            space_before: Length(0.0),
            space_after: Length(6.0),
            indent: Length(0.0),
            indent_right: Length(0.0),
            first_line_indent: Length(0.0),
            color: None,
            keep_with_next: false,
        }
    }
}

impl TextStyle {
    /// Line height in points.
    pub fn line_height(&self) -> f32 {
        self.size * self.leading
    }
}

/// Paragraph styles by role. The DOCX writer turns each into a named style
/// ("Title", "Body Text", "Lead-in", …); layout uses them for PDF and text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Styles {
    /// Body paragraphs ("Body Text").
    pub body: TextStyle,
    /// Headline ("Title").
    pub headline: TextStyle,
    /// Subheadlines ("Subtitle").
    pub subheadline: TextStyle,
    /// Lead-in formula ("Lead-in").
    pub lead_in: TextStyle,
    /// Heading level 1.
    pub heading1: TextStyle,
    /// Heading level 2.
    pub heading2: TextStyle,
    /// Heading level 3.
    pub heading3: TextStyle,
    /// Block quotations ("Quote").
    pub quote: TextStyle,
    /// List items ("List Bullet" / "List Number").
    pub list: TextStyle,
    /// Transcript speaker turns: body text, so a template that leaves
    /// `[styles.speaker_turn]` out gets its own body style here.
    pub speaker_turn: TextStyle,
    /// Symbol line(s) ("Symbol").
    pub symbol: TextStyle,
    /// Date line ("Date").
    pub date: TextStyle,
    /// Release-timing line.
    pub release_line: TextStyle,
    /// Dateline ("Dateline").
    pub dateline: TextStyle,
    /// Editorial notes before the body.
    pub note: TextStyle,
    /// End mark ("End Mark").
    pub end_mark: TextStyle,
    /// Disclaimer ("Disclaimer").
    pub disclaimer: TextStyle,
    /// Contact block ("Contact").
    pub contact: TextStyle,
    /// Boilerplate ("Boilerplate").
    pub boilerplate: TextStyle,
    /// Table cells.
    pub table: TextStyle,
    /// Running heads and feet.
    pub running: TextStyle,
    /// "- more -" marker.
    pub more: TextStyle,
}

impl Default for Styles {
    fn default() -> Self {
        let body = TextStyle {
            align: Align::Justify,
            ..TextStyle::default()
        };
        let heading = |size: f32| TextStyle {
            font: FontRole::Heading,
            size,
            bold: true,
            space_before: Length(10.0),
            space_after: Length(4.0),
            keep_with_next: true,
            ..TextStyle::default()
        };
        let small = |size: f32, align: Align| TextStyle {
            size,
            align,
            space_after: Length(0.0),
            ..TextStyle::default()
        };
        Styles {
            body: body.clone(),
            headline: TextStyle {
                font: FontRole::Heading,
                size: 15.0,
                leading: 1.2,
                bold: true,
                align: Align::Center,
                space_before: Length(12.0),
                space_after: Length(12.0),
                keep_with_next: true,
                ..TextStyle::default()
            },
            subheadline: TextStyle {
                font: FontRole::Heading,
                size: 12.0,
                bold: true,
                align: Align::Center,
                space_after: Length(10.0),
                keep_with_next: true,
                ..TextStyle::default()
            },
            lead_in: TextStyle {
                keep_with_next: true,
                ..body.clone()
            },
            heading1: heading(13.0),
            heading2: heading(12.0),
            heading3: heading(11.0),
            quote: TextStyle {
                indent: Length::mm(10.0),
                indent_right: Length::mm(10.0),
                ..body.clone()
            },
            list: TextStyle {
                space_after: Length(3.0),
                ..body.clone()
            },
            speaker_turn: body.clone(),
            symbol: TextStyle {
                font: FontRole::Heading,
                ..small(10.0, Align::Right)
            },
            date: TextStyle {
                font: FontRole::Heading,
                ..small(10.0, Align::Right)
            },
            release_line: TextStyle {
                font: FontRole::Heading,
                bold: true,
                space_after: Length(6.0),
                ..small(10.0, Align::Left)
            },
            dateline: TextStyle {
                bold: true,
                ..small(11.0, Align::Left)
            },
            note: TextStyle {
                italic: true,
                ..small(10.0, Align::Left)
            },
            end_mark: TextStyle {
                space_before: Length(12.0),
                space_after: Length(12.0),
                keep_with_next: true,
                ..small(11.0, Align::Center)
            },
            disclaimer: TextStyle {
                italic: true,
                ..small(9.0, Align::Center)
            },
            contact: small(10.0, Align::Left),
            boilerplate: TextStyle {
                size: 10.0,
                ..body.clone()
            },
            table: small(10.0, Align::Left),
            running: TextStyle {
                font: FontRole::Heading,
                ..small(8.5, Align::Left)
            },
            more: small(10.0, Align::Center),
        }
    }
}

/// Lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Lists {
    /// Indent per nesting level.
    pub indent: Length,
    /// Width reserved for the marker (hanging indent).
    pub marker_width: Length,
    /// Bullets per nesting level (repeats when nesting is deeper).
    pub bullets: Vec<String>,
    /// Ordered markers per level as patterns: `(a)`, `(i)`, `1.`, `a.`, `i.`.
    /// Used for ordered lists whose input marker style is unknown, and by the
    /// DOCX numbering definitions.
    pub ordered: Vec<String>,
}

impl Default for Lists {
    fn default() -> Self {
        Lists {
            indent: Length::mm(7.0),
            marker_width: Length::mm(7.0),
            bullets: vec!["•".into(), "–".into(), "◦".into()],
            ordered: vec!["(a)".into(), "(i)".into(), "a.".into(), "i.".into()],
        }
    }
}

/// End mark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EndMark {
    /// Text of the house's end mark ("* *** *"); empty for none.
    pub text: String,
    /// Use the input's own end mark when it has one, instead of `text`.
    pub prefer_document: bool,
}

impl Default for EndMark {
    fn default() -> Self {
        EndMark {
            text: "* *** *".to_string(),
            prefer_document: false,
        }
    }
}

/// Where the disclaimer goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DisclaimerPosition {
    /// After the end mark, once.
    #[default]
    End,
    /// In the foot of every page.
    Footer,
    /// Not shown.
    Hidden,
}

/// Disclaimer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Disclaimer {
    /// Text; the input's disclaimer wins when it has one.
    pub text: String,
    /// Where it goes.
    pub position: DisclaimerPosition,
}

impl Default for Disclaimer {
    fn default() -> Self {
        Disclaimer {
            text: String::new(),
            position: DisclaimerPosition::End,
        }
    }
}

/// Three slots of a running head or foot. Placeholders: `{symbol}`, `{date}`,
/// `{page}`, `{pages}`, `{headline}`, `{issuer}`, `{disclaimer}` (see
/// [`PLACEHOLDERS`](super::PLACEHOLDERS); the loader refuses any other).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Band {
    /// Flush-left text.
    pub left: String,
    /// Centred text.
    pub center: String,
    /// Flush-right text.
    pub right: String,
}

impl Band {
    /// True when all three slots are empty.
    pub fn is_empty(&self) -> bool {
        self.left.is_empty() && self.center.is_empty() && self.right.is_empty()
    }

    /// The band with its left and right slots exchanged.
    pub fn mirrored(&self) -> Band {
        Band {
            left: self.right.clone(),
            center: self.center.clone(),
            right: self.left.clone(),
        }
    }
}

/// Running head or foot: first page and continuation pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Running {
    /// On the first page.
    pub first: Band,
    /// On every later page.
    pub rest: Band,
    /// For duplex printing: on even-numbered pages the left and right slots
    /// change places, so what is set right (a page number) is on the outside
    /// edge of every page, right on odd pages and left on even ones.
    pub mirror: bool,
}

impl Running {
    /// The band page number `page` (1-based, as printed) shows: `first` on
    /// a document's first page, else `rest`, mirrored on even pages when
    /// [`Running::mirror`] is set.
    pub fn band_for(&self, first_page: bool, page: usize) -> std::borrow::Cow<'_, Band> {
        let band = if first_page { &self.first } else { &self.rest };
        if self.mirror && page.is_multiple_of(2) {
            std::borrow::Cow::Owned(band.mirrored())
        } else {
            std::borrow::Cow::Borrowed(band)
        }
    }
}

/// Typesetting switches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Typesetting {
    /// Hyphenate justified text (by the document's language).
    pub hyphenate: bool,
    /// Minimum lines of a paragraph left at the foot or carried to the head of a page.
    pub widows_orphans: u32,
    /// Never split a paragraph across pages (handouts).
    pub keep_paragraphs_whole: bool,
}

impl Default for Typesetting {
    fn default() -> Self {
        Typesetting {
            hyphenate: true,
            widows_orphans: 2,
            keep_paragraphs_whole: false,
        }
    }
}

/// Which standards a PDF claims and is built to meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PdfStandard {
    /// Tagged, PDF/UA-1 and PDF/A-2a (the default).
    #[default]
    #[serde(rename = "ua-1+a-2a")]
    Ua1A2a,
    /// Tagged, PDF/UA-1 only.
    #[serde(rename = "ua-1")]
    Ua1,
    /// PDF/A-2b (archival, no accessibility claim; still tagged).
    #[serde(rename = "a-2b")]
    A2b,
    /// No claim (still tagged).
    #[serde(rename = "none")]
    None,
}

impl PdfStandard {
    /// Every value with its name, as the template and `--pdf-standard` spell it.
    pub const ALL: [(PdfStandard, &'static str); 4] = [
        (PdfStandard::Ua1A2a, "ua-1+a-2a"),
        (PdfStandard::Ua1, "ua-1"),
        (PdfStandard::A2b, "a-2b"),
        (PdfStandard::None, "none"),
    ];

    /// The name as the template and `--pdf-standard` spell it.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(s, _)| *s == self)
            .map_or("none", |(_, n)| n)
    }

    /// Parses a name (`ua-1+a-2a`, `ua-1`, `a-2b`, `none`).
    pub fn from_name(name: &str) -> Option<PdfStandard> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(s, _)| *s)
    }

    /// Claims PDF/UA-1.
    pub fn ua1(self) -> bool {
        matches!(self, PdfStandard::Ua1A2a | PdfStandard::Ua1)
    }

    /// The PDF/A conformance level claimed with part 2 (`A` or `B`), if any.
    pub fn pdfa_level(self) -> Option<char> {
        match self {
            PdfStandard::Ua1A2a => Some('A'),
            PdfStandard::A2b => Some('B'),
            PdfStandard::Ua1 | PdfStandard::None => None,
        }
    }
}

/// PDF output settings.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PdfSettings {
    /// Standards the PDF claims: `ua-1+a-2a` (default), `ua-1`, `a-2b`, `none`.
    pub standard: PdfStandard,
}

/// Plain-text rendition settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlainText {
    /// Line width in columns.
    pub width: usize,
}

impl Default for PlainText {
    fn default() -> Self {
        PlainText { width: 72 }
    }
}

impl Default for Template {
    fn default() -> Self {
        Template {
            name: "default".to_string(),
            language: "en".to_string(),
            description: String::new(),
            page: Page::default(),
            fonts: Fonts::default(),
            colors: Colors::default(),
            letterhead: Letterhead::default(),
            symbol_date: SymbolDate::default(),
            release_line: ReleaseLine::default(),
            styles: Styles::default(),
            lists: Lists::default(),
            end_mark: EndMark::default(),
            disclaimer: Disclaimer::default(),
            header: Running::default(),
            footer: Running::default(),
            more: String::new(),
            typesetting: Typesetting::default(),
            pdf: PdfSettings::default(),
            text: PlainText::default(),
            pack: Default::default(),
            locale: Default::default(),
            base_dir: None,
            font_files: Default::default(),
        }
    }
}

impl Template {
    /// The style of a body heading of `level` (1–3; deeper levels use level 3).
    pub fn heading_style(&self, level: u8) -> &TextStyle {
        match level {
            0 | 1 => &self.styles.heading1,
            2 => &self.styles.heading2,
            _ => &self.styles.heading3,
        }
    }

    /// The family a style uses.
    pub fn family(&self, role: FontRole) -> &FontFamily {
        match role {
            FontRole::Body => &self.fonts.body,
            FontRole::Heading => &self.fonts.heading,
        }
    }
}

/// Values substituted into running heads, letterhead lines and marks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placeholders {
    /// `{symbol}`.
    pub symbol: String,
    /// `{date}` (formatted by the template's date format).
    pub date: String,
    /// `{headline}`.
    pub headline: String,
    /// `{issuer}`.
    pub issuer: String,
    /// `{disclaimer}` (empty unless the disclaimer position is `footer`).
    pub disclaimer: String,
}

impl Placeholders {
    /// Fills `{symbol}`, `{date}`, `{headline}`, `{issuer}`, `{page}` and
    /// `{pages}` in `pattern`. Separators around an empty value are tidied:
    /// "Press Release {symbol} — {date}" with no symbol gives "Press Release — date"
    /// reduced to "Press Release date" rather than a dangling dash.
    pub fn fill(&self, pattern: &str, page: usize, pages: usize) -> String {
        let mut out = pattern.to_string();
        for (key, value) in [
            ("{symbol}", self.symbol.as_str()),
            ("{date}", &self.date),
            ("{headline}", &self.headline),
            ("{issuer}", &self.issuer),
            ("{disclaimer}", &self.disclaimer),
            ("{page}", &page.to_string()),
            ("{pages}", &pages.to_string()),
        ] {
            out = replace_placeholder(out, key, value);
        }
        for dangling in [" —  ", "  — ", " – ", " | "] {
            if out.ends_with(dangling.trim_end()) {
                let keep = out.len() - dangling.trim_end().len();
                out.truncate(keep);
            }
        }
        while memchr::memmem::find(out.as_bytes(), b"  ").is_some() {
            out = out.replace("  ", " ");
        }
        out.trim()
            .trim_end_matches(['—', '–', '|'])
            .trim()
            .to_string()
    }
}

/// `text` with every `key` (a `{name}` placeholder) replaced by `value`, as
/// `str::replace` does. Running heads and feet are filled for every page of
/// every rendition, and most of their patterns name few placeholders: a
/// text without `key` is returned as it is, found by looking only where a
/// `{` stands.
fn replace_placeholder(text: String, key: &str, value: &str) -> String {
    if text
        .match_indices('{')
        .any(|(at, _)| text[at..].starts_with(key))
    {
        text.replace(key, value)
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_replaced_as_str_replace_does() {
        for (text, key) in [
            ("Page {page} of {pages}", "{page}"),
            ("Page {page} of {pages}", "{pages}"),
            ("{pages}{page}{{page}}", "{page}"),
            ("no placeholder {at all", "{date}"),
            ("", "{date}"),
        ] {
            assert_eq!(
                replace_placeholder(text.to_string(), key, "9"),
                text.replace(key, "9"),
                "{text} {key}"
            );
        }
    }

    #[test]
    fn lengths_parse_with_units() {
        assert!((Length::parse("25.4mm").unwrap().pt() - 72.0).abs() < 0.01);
        assert!((Length::parse("1in").unwrap().pt() - 72.0).abs() < 0.01);
        assert!((Length::parse("12").unwrap().pt() - 12.0).abs() < 0.01);
        assert!(Length::parse("12furlongs").is_err());
        assert!(Length::parse("-3mm").is_err());
    }

    #[test]
    fn colours_parse_hex() {
        assert_eq!(Color::parse("#009edb").unwrap().hex(), "009EDB");
        assert!(Color::parse("blue").is_err());
    }

    #[test]
    fn dates_format_per_house_style() {
        assert_eq!(
            DateFormat::Un.format("2020-11-24").unwrap(),
            "24 November 2020"
        );
        assert_eq!(
            DateFormat::Us.format("2020-11-24").unwrap(),
            "November 24, 2020"
        );
        assert_eq!(DateFormat::Un.format("2020-13-24"), None);
    }

    #[test]
    fn placeholders_fill_and_tidy() {
        let p = Placeholders {
            symbol: "SG/SM/20447".into(),
            date: "24 November 2020".into(),
            ..Placeholders::default()
        };
        assert_eq!(
            p.fill("Press Release {symbol} — {date}", 2, 3),
            "Press Release SG/SM/20447 — 24 November 2020"
        );
        assert_eq!(p.fill("Page {page} of {pages}", 2, 3), "Page 2 of 3");
        let empty = Placeholders::default();
        assert_eq!(
            empty.fill("Press Release {symbol} — {date}", 1, 1),
            "Press Release"
        );
    }
}
