//! Image XObjects: a JPEG passed through with `/DCTDecode`, a PNG as its
//! decoded 8-bit samples with `/FlateDecode` and its alpha plane as an
//! `/SMask`. The template prepared both when it was loaded, so embedding is
//! a copy.

use lopdf::{Dictionary, Object, ObjectId, Stream};

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

    /// No image is drawn.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

fn color_space(space: ColorSpace) -> &'static str {
    match space {
        ColorSpace::Gray => "DeviceGray",
        ColorSpace::Rgb => "DeviceRGB",
        ColorSpace::Cmyk => "DeviceCMYK",
    }
}

fn image_dict(width: u32, height: u32, space: ColorSpace, filter: &str) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Type", "XObject");
    d.set("Subtype", "Image");
    d.set("Width", i64::from(width));
    d.set("Height", i64::from(height));
    d.set("ColorSpace", color_space(space));
    d.set("BitsPerComponent", 8);
    d.set("Filter", filter);
    d
}

/// Adds `image` as an image XObject (and its soft mask); returns its id.
pub fn embed(doc: &mut lopdf::Document, image: &Image) -> ObjectId {
    let data = image.data();
    match &data.samples {
        Samples::Jpeg { inverted } => {
            let mut d = image_dict(data.width, data.height, data.color, "DCTDecode");
            if *inverted {
                let decode: Vec<Object> = (0..data.color.components())
                    .flat_map(|_| [Object::Integer(1), Object::Integer(0)])
                    .collect();
                d.set("Decode", decode);
            }
            doc.add_object(Stream::new(d, data.file.clone()).with_compression(false))
        }
        Samples::Deflated { color, alpha } => {
            let mut d = image_dict(data.width, data.height, data.color, "FlateDecode");
            if let Some(alpha) = alpha {
                let m = image_dict(data.width, data.height, ColorSpace::Gray, "FlateDecode");
                let mask = doc.add_object(Stream::new(m, alpha.clone()).with_compression(false));
                d.set("SMask", mask);
            }
            doc.add_object(Stream::new(d, color.clone()).with_compression(false))
        }
    }
}
