//! The letterhead logo in the first-page header: an inline DrawingML picture
//! (`wp:inline` › `a:graphic` › `pic:pic` › `a:blip r:embed`) whose image is
//! the package part `word/media/logo.{png,jpeg}`, related from the header.
//!
//! Alternative text comes from `letterhead.logo_alt`: written as the
//! description (`descr`) of the drawing (`wp:docPr`) and of the picture
//! (`pic:cNvPr`). An empty `logo_alt` marks the logo decorative the way
//! Word 365 does: no description, and the `adec:decorative` extension in
//! `wp:docPr`, so screen readers skip it and Word's accessibility checker
//! does not ask for alt text (older readers ignore the extension and see a
//! picture without a description).

use super::xml::{escape_into, one_line};
use crate::template::{Image, ImageFormat, Template};

/// Relationship id of the logo in the first-page header's relationships.
pub const LOGO_RID: &str = "rIdLogo";

/// English Metric Units per point.
const EMU_PER_POINT: f32 = 12_700.0;

/// Extra character spacing after the logo, in twips, so that the gap
/// before the letterhead text is about 3 mm with the space itself.
const GAP_TWIPS: u32 = 120;

const WP_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const PIC_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";

/// The Office 2017 extension marking a drawing decorative, inside `wp:docPr`.
const DECORATIVE_EXT: &str = "<a:extLst xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:ext uri=\"{C183D7F6-B498-43B3-948B-1728B52AA6E4}\"><adec:decorative xmlns:adec=\"http://schemas.microsoft.com/office/drawing/2017/decorative\" val=\"1\"/></a:ext></a:extLst>";

/// The template's logo.
pub fn logo(template: &Template) -> Option<&Image> {
    template.letterhead.logo_image.as_ref()
}

/// The package name of the logo part.
pub fn media_name(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "word/media/logo.png",
        ImageFormat::Jpeg => "word/media/logo.jpeg",
    }
}

/// The logo's size in EMU (width, height): `logo_height` tall, the image's
/// aspect ratio kept.
pub fn extent(template: &Template, image: &Image) -> (u64, u64) {
    let height = template.letterhead.logo_height.pt() * EMU_PER_POINT;
    let width = height * image.aspect();
    (width.round() as u64, height.round() as u64)
}

/// Opens the paragraph holding the logo in `style`, at single line spacing
/// at least: a proportional spacing under one line (the house styles use
/// 0.95) would clip the picture in Word and LibreOffice.
pub fn open_logo_paragraph(out: &mut String, style: &str) {
    out.push_str("<w:p><w:pPr><w:pStyle w:val=\"");
    out.push_str(style);
    out.push_str("\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>");
}

/// Appends the logo as a run holding an inline picture, then a widened space.
pub fn push_logo_run(out: &mut String, template: &Template, image: &Image) {
    let (cx, cy) = extent(template, image);
    let file = media_name(image.data().format)
        .rsplit('/')
        .next()
        .unwrap_or("logo");
    let alt = alt_text(template);
    let descr = alt.as_deref().map_or(String::new(), description);
    let doc_pr = match alt {
        Some(_) => format!("<wp:docPr id=\"1\" name=\"Logo\"{descr}/>"),
        None => format!("<wp:docPr id=\"1\" name=\"Logo\">{DECORATIVE_EXT}</wp:docPr>"),
    };
    out.push_str(&format!(
        "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" xmlns:wp=\"{WP_NS}\">\
<wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
{doc_pr}\
<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a=\"{A_NS}\" noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
<a:graphic xmlns:a=\"{A_NS}\"><a:graphicData uri=\"{PIC_NS}\"><pic:pic xmlns:pic=\"{PIC_NS}\">\
<pic:nvPicPr><pic:cNvPr id=\"0\" name=\"{file}\"{descr}/><pic:cNvPicPr/></pic:nvPicPr>\
<pic:blipFill><a:blip r:embed=\"{LOGO_RID}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>\
</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>\
<w:r><w:rPr><w:spacing w:val=\"{GAP_TWIPS}\"/></w:rPr><w:t xml:space=\"preserve\"> </w:t></w:r>"
    ));
}

/// The logo's alternative text, one line; `None` when it is decorative
/// (`logo_alt` empty or blank).
fn alt_text(template: &Template) -> Option<String> {
    let alt = one_line(&template.letterhead.logo_alt);
    let alt = alt.trim();
    (!alt.is_empty()).then(|| alt.to_string())
}

/// ` descr="…"`, escaped.
fn description(alt: &str) -> String {
    let mut out = String::from(" descr=\"");
    escape_into(&mut out, alt);
    out.push('"');
    out
}

/// `xml` (a part holding the logo drawing) with the drawing's id set to
/// `id`: a package with the logo in several headers keeps the ids unique.
pub fn with_drawing_id(xml: &str, id: usize) -> String {
    xml.replacen("<wp:docPr id=\"1\"", &format!("<wp:docPr id=\"{id}\""), 1)
}
