//! Reading a DOCX package back as a DOCX reader would: its parts, and the
//! text of a part's XML.

use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// All XML entries of the package, by name (media parts and embedded fonts
/// are left out: see [`unzip_media`]).
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        if file.name().starts_with("word/media/") || file.name().starts_with("word/fonts/") {
            continue;
        }
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8 entry");
        parts.insert(file.name().to_string(), text);
    }
    parts
}

/// The media parts of the package (`word/media/…`), by name.
pub fn unzip_media(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        if file.name().starts_with("word/media/") {
            let mut data = Vec::new();
            file.read_to_end(&mut data).expect("media entry");
            parts.insert(file.name().to_string(), data);
        }
    }
    parts
}

/// Parses `xml` fully (panics on malformed XML) and returns its text the way
/// a DOCX reader sees it: w:t content, tabs, breaks, paragraph ends.
pub fn text_of(xml: &str) -> String {
    labelled_text(xml, &mut |_, _| None)
}

/// [`text_of`], each paragraph with a numbering reference (`w:numId`,
/// `w:ilvl`) preceded by what `label_of` gives for it.
fn labelled_text(xml: &str, label_of: &mut dyn FnMut(&str, u32) -> Option<String>) -> String {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut out, mut paragraph) = (String::new(), String::new());
    let (mut in_t, mut num, mut ilvl) = (false, None::<String>, 0u32);
    let attr = |e: &quick_xml::events::BytesStart| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == b"w:val")
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::Empty(e) if e.name().as_ref() == b"w:numId" => num = attr(&e),
            Event::Empty(e) if e.name().as_ref() == b"w:ilvl" => {
                ilvl = attr(&e).and_then(|v| v.parse().ok()).unwrap_or(0)
            }
            Event::End(e) if e.name().as_ref() == b"w:p" => {
                if let Some(label) = num.take().and_then(|n| label_of(&n, ilvl)) {
                    out.push_str(&label);
                    out.push(' ');
                }
                out.push_str(&std::mem::take(&mut paragraph));
                out.push('\n');
                ilvl = 0;
            }
            Event::Empty(e) if e.name().as_ref() == b"w:tab" => paragraph.push('\t'),
            Event::Empty(e) if e.name().as_ref() == b"w:br" => paragraph.push('\n'),
            Event::Text(t) if in_t => paragraph.push_str(&t.decode().expect("text")),
            Event::GeneralRef(r) if in_t => {
                let name: &[u8] = &r;
                paragraph.push(match name {
                    b"amp" => '&',
                    b"lt" => '<',
                    b"gt" => '>',
                    b"quot" => '"',
                    _ => '\'',
                })
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out.push_str(&paragraph);
    out
}

/// Every element of `xml` (start or empty tag) in document order: its name
/// and attributes.
pub fn elements(xml: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (
                            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                            String::from_utf8_lossy(&a.value).into_owned(),
                        )
                    })
                    .collect();
                out.push((
                    String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                    attrs,
                ));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The outline level each paragraph style gives (its own `w:outlineLvl`, or
/// its `w:basedOn` parent's), by style id.
pub fn style_outline_levels(styles: &str) -> BTreeMap<String, u8> {
    let mut own: BTreeMap<String, (Option<String>, Option<u8>)> = BTreeMap::new();
    let mut current: Option<String> = None;
    for (name, attrs) in elements(styles) {
        match name.as_str() {
            "w:style" => {
                current = attrs.get("w:styleId").cloned();
                if let Some(id) = &current {
                    own.insert(id.clone(), (None, None));
                }
            }
            "w:basedOn" | "w:outlineLvl" => {
                let Some(entry) = current.as_ref().and_then(|id| own.get_mut(id)) else {
                    continue;
                };
                let value = attrs.get("w:val").cloned();
                if name == "w:basedOn" {
                    entry.0 = value;
                } else {
                    entry.1 = value.and_then(|v| v.parse().ok());
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    for id in own.keys() {
        let mut at = Some(id.clone());
        // basedOn chains are short; the bound guards against a cycle.
        for _ in 0..16 {
            let Some((parent, level)) = at.as_ref().and_then(|a| own.get(a)) else {
                break;
            };
            if let Some(level) = level {
                out.insert(id.clone(), *level);
                break;
            }
            at = parent.clone();
        }
    }
    out
}

/// The outline level of every paragraph of `document` that has one (body
/// text, level 9, is left out), in document order: the paragraph's own
/// `w:outlineLvl`, else its style's (see [`style_outline_levels`]).
pub fn paragraph_outline_levels(document: &str, styles: &str) -> Vec<u8> {
    let by_style = style_outline_levels(styles);
    let mut reader = quick_xml::Reader::from_str(document);
    let mut out = Vec::new();
    let (mut style, mut own): (Option<String>, Option<u8>) = (None, None);
    let val = |e: &quick_xml::events::BytesStart<'_>| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == b"w:val")
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"w:p" => (style, own) = (None, None),
            Event::Empty(e) if e.name().as_ref() == b"w:pStyle" => style = val(&e),
            Event::Empty(e) if e.name().as_ref() == b"w:outlineLvl" => {
                own = val(&e).and_then(|v| v.parse().ok());
            }
            Event::End(e) if e.name().as_ref() == b"w:p" => {
                let level = own.or_else(|| style.as_ref().and_then(|s| by_style.get(s).copied()));
                out.extend(level.filter(|l| *l < 9));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// `Err` naming the first problem unless `levels` start at 0 (heading level
/// 1) and never go more than one level deeper than the one before.
pub fn check_heading_order(levels: &[u8]) -> Result<(), String> {
    if let Some(first) = levels.first().filter(|l| **l != 0) {
        return Err(format!(
            "first heading at outline level {first}: {levels:?}"
        ));
    }
    for pair in levels.windows(2) {
        if pair[1] > pair[0] + 1 {
            return Err(format!(
                "outline level {} follows {}: {levels:?}",
                pair[1], pair[0]
            ));
        }
    }
    Ok(())
}

/// The text of the first element named `tag` in `xml` (`dc:title`), if any.
pub fn element_text(xml: &str, tag: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut inside = false;
    let mut out = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == tag.as_bytes() => inside = true,
            Event::End(e) if e.name().as_ref() == tag.as_bytes() => return Some(out),
            Event::Text(t) if inside => out.push_str(&t.decode().expect("text")),
            Event::GeneralRef(r) if inside => {
                out.push_str(&format!("&{};", String::from_utf8_lossy(&r)));
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// How each drawing of the package (`wp:docPr`, every part) is described:
/// `Ok(descr)` for alternative text, `Err(())` when marked decorative, in
/// part and document order. Panics on a drawing with neither.
pub fn picture_descriptions(parts: &BTreeMap<String, String>) -> Vec<Result<String, ()>> {
    const DECORATIVE: &str = "http://schemas.microsoft.com/office/drawing/2017/decorative";
    let mut out = Vec::new();
    for (name, xml) in parts.iter().filter(|(n, _)| n.ends_with(".xml")) {
        let elements = elements(xml);
        for (i, (tag, attrs)) in elements.iter().enumerate() {
            if tag != "wp:docPr" {
                continue;
            }
            let descr = attrs.get("descr").filter(|d| !d.trim().is_empty());
            // The decorative mark is the next adec:decorative before the
            // next drawing.
            let decorative = elements[i + 1..]
                .iter()
                .take_while(|(t, _)| t != "wp:docPr" && t != "a:graphic")
                .any(|(t, a)| {
                    t == "adec:decorative"
                        && a.get("xmlns:adec").map(String::as_str) == Some(DECORATIVE)
                        && a.get("val").map(String::as_str) == Some("1")
                });
            match (descr, decorative) {
                (Some(d), false) => out.push(Ok(d.clone())),
                (None, true) => out.push(Err(())),
                (d, dec) => panic!("{name}: drawing with descr {d:?}, decorative {dec}"),
            }
        }
    }
    out
}

/// One level of a numbering definition: first number, format, label pattern.
#[derive(Debug, Clone, Default)]
struct NumLevel {
    start: u32,
    format: String,
    text: String,
}

/// `word/numbering.xml` read as Word reads it: numId → levels (abstract
/// definition plus start overrides).
fn numbering_levels(numbering: &str) -> BTreeMap<String, BTreeMap<u32, NumLevel>> {
    let mut abstracts: BTreeMap<String, BTreeMap<u32, NumLevel>> = BTreeMap::new();
    let mut nums = BTreeMap::new();
    let (mut abstract_id, mut num_id, mut ilvl) = (String::new(), String::new(), 0u32);
    let mut in_num = false;
    for (name, attrs) in elements(numbering) {
        let val = || attrs.get("w:val").cloned().unwrap_or_default();
        match name.as_str() {
            "w:abstractNum" => {
                abstract_id = attrs["w:abstractNumId"].clone();
                in_num = false;
            }
            "w:num" => {
                num_id = attrs["w:numId"].clone();
                in_num = true;
            }
            "w:lvl" | "w:lvlOverride" => ilvl = attrs["w:ilvl"].parse().expect("ilvl"),
            "w:abstractNumId" if in_num => {
                nums.insert(
                    num_id.clone(),
                    abstracts.get(&val()).cloned().unwrap_or_default(),
                );
            }
            "w:startOverride" if in_num => {
                let levels = nums.entry(num_id.clone()).or_default();
                levels.entry(ilvl).or_default().start = val().parse().expect("start");
            }
            "w:start" | "w:numFmt" | "w:lvlText" if !in_num => {
                let level = abstracts.entry(abstract_id.clone()).or_default();
                let level = level.entry(ilvl).or_default();
                match name.as_str() {
                    "w:start" => level.start = val().parse().expect("start"),
                    "w:numFmt" => level.format = val(),
                    _ => level.text = val(),
                }
            }
            _ => {}
        }
    }
    nums
}

/// A number in a numbering.xml format, written as the model writes list
/// markers ([`pressroom::model::ListMarker::format`]).
fn format_number(format: &str, n: u32) -> String {
    use pressroom::model::{ListMarker, MarkerDelimiter, MarkerStyle};
    let style = match format {
        "lowerRoman" => MarkerStyle::LowerRoman,
        "upperRoman" => MarkerStyle::UpperRoman,
        "lowerLetter" => MarkerStyle::LowerAlpha,
        "upperLetter" => MarkerStyle::UpperAlpha,
        _ => MarkerStyle::Decimal,
    };
    let marker = ListMarker {
        style,
        delimiter: MarkerDelimiter::None,
        bullet: None,
    };
    marker.format(n)
}

/// The text of a DOCX as a reader shows it: its headers, its body (see
/// [`body_text`]), its footers.
pub fn reader_text(parts: &BTreeMap<String, String>) -> String {
    let running = |prefix: &str| -> String {
        parts
            .iter()
            .filter(|(name, _)| name.starts_with(prefix) && name.ends_with(".xml"))
            .map(|(_, xml)| text_of(xml))
            .collect()
    };
    format!(
        "{}\n{}\n{}",
        running("word/header"),
        body_text(parts),
        running("word/footer")
    )
}

/// The body of a DOCX as a reader shows it (see [`text_of`]), each numbered
/// paragraph preceded by the label Word draws for it: the numbering
/// definitions of `word/numbering.xml` counted over the paragraphs in order.
pub fn body_text(parts: &BTreeMap<String, String>) -> String {
    let levels = parts
        .get("word/numbering.xml")
        .map(|xml| numbering_levels(xml))
        .unwrap_or_default();
    let mut counters: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    let mut label_of = |num: &str, ilvl: u32| -> Option<String> {
        let defs = levels.get(num)?;
        let level = defs.get(&ilvl)?;
        let count = counters.entry(num.to_string()).or_default();
        let n = count.get(&ilvl).map_or(level.start, |n| n + 1);
        count.insert(ilvl, n);
        count.retain(|k, _| *k <= ilvl);
        let mut label = level.text.clone();
        for (k, def) in defs {
            let value = count.get(k).copied().unwrap_or(def.start);
            label = label.replace(&format!("%{}", k + 1), &format_number(&def.format, value));
        }
        Some(label)
    };
    labelled_text(&parts["word/document.xml"], &mut label_of)
}
