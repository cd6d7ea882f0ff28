//! Reading a tagged PDF back with lopdf: the structure tree as an outline of
//! element types (with the text of their marked content), the marked-content
//! sequences of each page, and the XMP packet.

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::BTreeMap;

/// One structure element, in tree order.
#[derive(Debug, Clone)]
pub struct Element {
    /// Depth below the Document element (its children are at 0).
    pub depth: usize,
    /// Structure type ("P", "H1", "LI", …).
    pub kind: String,
    /// The element's dictionary.
    pub dict: Dictionary,
    /// The text of its own marked content, in order.
    pub text: String,
    /// Number of OBJR kids (annotations).
    pub objrs: usize,
}

/// A PDF loaded for structure checks.
pub struct Tagged {
    pub doc: Document,
    /// Per page (in order): its id and the text of each MCID.
    pub pages: Vec<(ObjectId, BTreeMap<i64, String>)>,
}

fn name(o: &Object) -> String {
    o.as_name()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default()
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

impl Tagged {
    /// Loads `bytes` and reads every page's marked content.
    pub fn load(bytes: &[u8]) -> Tagged {
        let doc = Document::load_mem(bytes).expect("lopdf parses the PDF");
        let mut pages = Vec::new();
        for (_, id) in doc.get_pages() {
            pages.push((id, mcid_texts(&doc, id)));
        }
        Tagged { doc, pages }
    }

    /// The catalog.
    pub fn catalog(&self) -> &Dictionary {
        self.doc.catalog().expect("a catalog")
    }

    /// The structure elements below Document, depth first.
    pub fn elements(&self) -> Vec<Element> {
        let root = self
            .catalog()
            .get(b"StructTreeRoot")
            .and_then(|o| o.as_reference())
            .and_then(|id| self.doc.get_dictionary(id))
            .expect("a StructTreeRoot");
        let document = root
            .get(b"K")
            .map(|k| deref(&self.doc, k))
            .and_then(|k| k.as_dict())
            .expect("StructTreeRoot /K is one element");
        assert_eq!(name(document.get(b"S").expect("/S")), "Document");
        let mut out = Vec::new();
        self.walk(document, 0, &mut out, true);
        out
    }

    fn walk(&self, elem: &Dictionary, depth: usize, out: &mut Vec<Element>, is_doc: bool) {
        let page = elem.get(b"Pg").and_then(|p| p.as_reference()).ok();
        let mut text = String::new();
        let mut objrs = 0;
        let mut children = Vec::new();
        let kids = match elem.get(b"K").map(|k| deref(&self.doc, k)) {
            Ok(Object::Array(a)) => a.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => Vec::new(),
        };
        for kid in &kids {
            match (kid, deref(&self.doc, kid)) {
                (_, Object::Integer(mcid)) => text.push_str(&self.mcid_text(page, *mcid)),
                (_, Object::Dictionary(d)) => match d.get(b"Type").map(name).as_deref() {
                    Ok("MCR") => {
                        let pg = d.get(b"Pg").and_then(|p| p.as_reference()).ok();
                        let mcid = d.get(b"MCID").and_then(|m| m.as_i64()).unwrap_or(-1);
                        text.push_str(&self.mcid_text(pg, mcid));
                    }
                    Ok("OBJR") => objrs += 1,
                    _ => children.push(d.clone()),
                },
                _ => {}
            }
        }
        let (next, me) = if is_doc {
            (0, None)
        } else {
            let kind = name(elem.get(b"S").expect("/S"));
            out.push(Element {
                depth,
                kind,
                dict: elem.clone(),
                text,
                objrs,
            });
            (depth + 1, Some(out.len() - 1))
        };
        let _ = me;
        for child in children {
            self.walk(&child, next, out, false);
        }
    }

    fn mcid_text(&self, page: Option<ObjectId>, mcid: i64) -> String {
        page.and_then(|p| self.pages.iter().find(|(id, _)| *id == p))
            .and_then(|(_, m)| m.get(&mcid).cloned())
            .unwrap_or_default()
    }

    /// The XMP packet of the catalog, as text.
    pub fn xmp(&self) -> String {
        let id = self
            .catalog()
            .get(b"Metadata")
            .and_then(|o| o.as_reference())
            .expect("a /Metadata stream");
        let stream = self
            .doc
            .get_object(id)
            .and_then(|o| o.as_stream())
            .expect("a stream");
        String::from_utf8(stream.content.clone()).expect("UTF-8 XMP")
    }

    /// The Info dictionary's text value of `key`.
    pub fn info(&self, key: &str) -> Option<String> {
        let id = self.doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
        let info = self.doc.get_dictionary(id).ok()?;
        let o = info.get(key.as_bytes()).ok()?;
        let bytes = o.as_str().ok()?;
        Some(decode_text(bytes))
    }

    /// The decoded content of every page, as operations.
    pub fn operations(&self) -> Vec<Vec<lopdf::content::Operation>> {
        self.pages
            .iter()
            .map(|(id, _)| {
                let data = self.doc.get_page_content(*id);
                lopdf::content::Content::decode(&data)
                    .expect("content decodes")
                    .operations
            })
            .collect()
    }
}

/// A PDF text string (UTF-16BE with BOM, or PDFDocEncoding taken as Latin-1).
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// The text of each MCID on a page: the glyphs' Unicode (through the
/// fonts' ToUnicode maps, as lopdf decodes them), or the sequence's
/// /ActualText.
fn mcid_texts(doc: &Document, page: ObjectId) -> BTreeMap<i64, String> {
    let mut out = BTreeMap::new();
    let data = doc.get_page_content(page);
    let Ok(content) = lopdf::content::Content::decode(&data) else {
        return out;
    };
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    let encodings: BTreeMap<Vec<u8>, lopdf::Encoding<'_>> = fonts
        .into_iter()
        .filter_map(|(n, f)| f.get_font_encoding(doc).ok().map(|e| (n, e)))
        .collect();
    let mut stack: Vec<(Option<i64>, Option<String>)> = Vec::new();
    let mut font: Option<Vec<u8>> = None;
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" | "BMC" => {
                let props = op.operands.get(1).and_then(|o| o.as_dict().ok());
                let mcid = props
                    .and_then(|p| p.get(b"MCID").ok())
                    .and_then(|m| m.as_i64().ok());
                let actual = props
                    .and_then(|p| p.get(b"ActualText").ok())
                    .and_then(|a| a.as_str().ok())
                    .map(decode_text);
                if let (Some(m), Some(a)) = (mcid, &actual) {
                    out.entry(m).or_insert_with(String::new).push_str(a);
                }
                stack.push((mcid, actual));
            }
            "EMC" => {
                stack.pop();
            }
            "Tf" => {
                font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec)
            }
            "TJ" | "Tj" => {
                if stack.iter().any(|(_, a)| a.is_some()) {
                    continue;
                }
                let Some(mcid) = stack.iter().rev().find_map(|(m, _)| *m) else {
                    continue;
                };
                let enc = font.as_ref().and_then(|f| encodings.get(f));
                let mut bytes = Vec::new();
                for o in &op.operands {
                    match o {
                        Object::Array(items) => {
                            for i in items {
                                if let Object::String(s, _) = i {
                                    bytes.extend_from_slice(s);
                                }
                            }
                        }
                        Object::String(s, _) => bytes.extend_from_slice(s),
                        _ => {}
                    }
                }
                if let Some(enc) = enc {
                    let text = Document::decode_text(enc, &bytes).unwrap_or_default();
                    out.entry(mcid).or_insert_with(String::new).push_str(&text);
                }
            }
            _ => {}
        }
    }
    out
}
