//! Image XObjects: a JPEG passed through with `/DCTDecode`, a PNG as its
//! decoded 8-bit samples with `/FlateDecode` and its alpha plane as an
//! `/SMask`. The template prepared both when it was loaded, so embedding is
//! a copy.

use pdf_writer::{Dict, Name, Pdf, Ref};

use super::writer::Ids;

use crate::template::{ColorSpace, Image, Samples};

/// The images drawn in a file, in order of first use, each once.
#[derive(Debug, Default)]
pub struct Images<'a> {
    list: Vec<&'a Image>,
}

impl<'a> Images<'a> {
    /// Registers `image`; drawing it again later adds nothing.
    pub fn add(&mut self, image: &'a Image) {
        if self.index(image).is_none() {
            self.list.push(image);
        }
    }

    /// The resource number (`/Im{n}`) of a registered image.
    pub fn index(&self, image: &Image) -> Option<usize> {
        self.list.iter().position(|i| *i == image)
    }

    /// The images in resource order.
    pub fn iter(&self) -> impl Iterator<Item = &'a Image> + '_ {
        self.list.iter().copied()
    }
}

fn color_space(space: ColorSpace) -> &'static str {
    match space {
        ColorSpace::Gray => "DeviceGray",
        ColorSpace::Rgb => "DeviceRGB",
        ColorSpace::Cmyk => "DeviceCMYK",
    }
}

/// The entries every image XObject here has.
fn image_entries(d: &mut Dict<'_>, (width, height): (u32, u32), space: ColorSpace, filter: &[u8]) {
    d.pair(Name(b"Type"), Name(b"XObject"));
    d.pair(Name(b"Subtype"), Name(b"Image"));
    d.pair(Name(b"Width"), width as i32);
    d.pair(Name(b"Height"), height as i32);
    d.pair(Name(b"ColorSpace"), Name(color_space(space).as_bytes()));
    d.pair(Name(b"BitsPerComponent"), 8);
    d.pair(Name(b"Filter"), Name(filter));
}

/// Adds `image` as an image XObject (and its soft mask); returns its id.
pub fn embed(pdf: &mut Pdf, ids: &mut Ids, image: &Image) -> Ref {
    let data = image.data();
    let size = (data.width, data.height);
    match &data.samples {
        Samples::Jpeg { inverted } => {
            let id = ids.next();
            let mut s = pdf.stream(id, &data.file);
            image_entries(&mut s, size, data.color, b"DCTDecode");
            if *inverted {
                let mut decode = s.insert(Name(b"Decode")).array();
                for _ in 0..data.color.components() {
                    decode.items([1, 0]);
                }
            }
            id
        }
        Samples::Deflated { color, alpha } => {
            let mask = alpha.as_ref().map(|alpha| {
                let mask = ids.next();
                let mut m = pdf.stream(mask, alpha);
                image_entries(&mut m, size, ColorSpace::Gray, b"FlateDecode");
                mask
            });
            let id = ids.next();
            let mut s = pdf.stream(id, color);
            image_entries(&mut s, size, data.color, b"FlateDecode");
            if let Some(mask) = mask {
                s.pair(Name(b"SMask"), mask);
            }
            id
        }
    }
}
