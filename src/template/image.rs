//! The letterhead logo: read, checked and prepared once, when the template
//! is loaded, and shared by every document the template renders.
//!
//! A PNG is decoded (palette, low bit depths and 16-bit samples become 8-bit
//! gray or RGB, transparency becomes a separate alpha plane) and its planes
//! are kept zlib-compressed, ready for a PDF `/FlateDecode` stream. A JPEG
//! is not decoded: its frame header gives the size and the colour
//! components, and the file itself is what a PDF `/DCTDecode` stream holds.
//! Both keep the original file for the DOCX media part.

use std::hash::Hasher;
use std::path::Path;
use std::sync::Arc;

use libdeflater::{CompressionLvl, Compressor};
use rustc_hash::FxHasher;

/// Largest logo file read.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Largest logo in pixels (width × height): 16 megapixels is far beyond
/// what a 12 mm letterhead logo needs and bounds the decoding buffer.
pub const MAX_PIXELS: u64 = 16 * 1024 * 1024;

/// libdeflate level for the decoded PNG planes (compressed once per template).
const PLANE_LEVEL: i32 = 9;

/// A logo image, cheap to clone (the data is shared).
#[derive(Debug, Clone)]
pub struct Image(Arc<ImageData>);

/// The prepared image.
#[derive(Debug, PartialEq)]
pub struct ImageData {
    /// File format.
    pub format: ImageFormat,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Colour components of the samples.
    pub color: ColorSpace,
    /// How the samples are stored.
    pub samples: Samples,
    /// The file as read (the DOCX media part).
    pub file: Vec<u8>,
    /// A hash of the file, for content-derived ids.
    pub digest: u64,
}

/// Image file formats a logo may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// JPEG (baseline, extended or progressive; 8-bit samples).
    Jpeg,
}

impl ImageFormat {
    /// The usual file extension ("png", "jpeg").
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
        }
    }

    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
        }
    }
}

/// Colour components.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorSpace {
    /// One component.
    Gray,
    /// Three components.
    Rgb,
    /// Four components (JPEG only).
    Cmyk,
}

impl ColorSpace {
    /// Number of components.
    pub fn components(self) -> usize {
        match self {
            ColorSpace::Gray => 1,
            ColorSpace::Rgb => 3,
            ColorSpace::Cmyk => 4,
        }
    }
}

/// How the pixel data is held.
#[derive(Debug, PartialEq)]
pub enum Samples {
    /// Decoded 8-bit samples, row by row without padding, zlib-compressed;
    /// `alpha` is the 8-bit alpha plane, also zlib-compressed, when the
    /// image has transparency.
    Deflated {
        /// Colour samples.
        color: Vec<u8>,
        /// Alpha samples.
        alpha: Option<Vec<u8>>,
    },
    /// The JPEG file itself; `inverted` when an Adobe APP14 marker says the
    /// CMYK samples are stored inverted (as Photoshop writes them).
    Jpeg {
        /// CMYK samples are inverted.
        inverted: bool,
    },
}

impl Image {
    /// Reads and prepares the image at `path`. The error names the problem
    /// (the caller adds the template file and key).
    pub fn load(path: &Path) -> Result<Image, String> {
        let shown = path.display();
        let file = crate::bounded::read(path, MAX_FILE_BYTES, crate::bounded::Accept::RegularFile)
            .map_err(|e| match e {
                crate::bounded::ReadError::Io(e) => format!("cannot read {shown}: {e}"),
                crate::bounded::ReadError::NotRegular(what) => {
                    format!("{shown} is not a regular file ({what})")
                }
                crate::bounded::ReadError::TooLarge { size, .. } => format!(
                    "{shown} is {}; a logo may have at most {} MiB",
                    size.map_or_else(|| "larger".to_string(), |s| format!("{s} bytes")),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            })?;
        Image::from_bytes(file).map_err(|e| format!("{shown}: {e}"))
    }

    /// Prepares an image from the file's bytes (PNG or JPEG, told by the
    /// magic bytes).
    pub fn from_bytes(file: Vec<u8>) -> Result<Image, String> {
        if file.len() as u64 > MAX_FILE_BYTES {
            return Err(format!(
                "{} bytes; a logo may have at most {} MiB",
                file.len(),
                MAX_FILE_BYTES / (1024 * 1024)
            ));
        }
        let mut hasher = FxHasher::default();
        hasher.write(&file);
        let digest = hasher.finish();
        let data = if file.starts_with(b"\x89PNG\r\n\x1a\n") {
            let (width, height, color, samples) = decode_png(&file)?;
            ImageData {
                format: ImageFormat::Png,
                width,
                height,
                color,
                samples,
                file,
                digest,
            }
        } else if file.starts_with(&[0xFF, 0xD8, 0xFF]) {
            let header = jpeg_header(&file)?;
            ImageData {
                format: ImageFormat::Jpeg,
                width: header.width,
                height: header.height,
                color: header.color,
                samples: Samples::Jpeg {
                    inverted: header.adobe && header.color == ColorSpace::Cmyk,
                },
                file,
                digest,
            }
        } else {
            return Err("not a PNG or JPEG image".into());
        };
        Ok(Image(Arc::new(data)))
    }

    /// The prepared data.
    pub fn data(&self) -> &ImageData {
        &self.0
    }

    /// Width over height.
    pub fn aspect(&self) -> f32 {
        self.0.width as f32 / self.0.height as f32
    }
}

impl PartialEq for Image {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
            || (self.0.digest == other.0.digest && self.0.file == other.0.file)
    }
}

fn check_size(width: u32, height: u32) -> Result<(), String> {
    if width == 0 || height == 0 {
        return Err(format!("image has no pixels ({width} × {height})"));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "image is {width} × {height} pixels; a logo may have at most {} megapixels",
            MAX_PIXELS / (1024 * 1024)
        ));
    }
    Ok(())
}

/// Decodes a PNG to 8-bit gray or RGB samples and an optional alpha plane.
fn decode_png(file: &[u8]) -> Result<(u32, u32, ColorSpace, Samples), String> {
    let limits = png::Limits {
        bytes: (MAX_PIXELS * 8) as usize,
    };
    let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(file), limits);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let header = decoder
        .read_header_info()
        .map_err(|e| format!("PNG cannot be decoded: {e}"))?;
    check_size(header.width, header.height)?;
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("PNG cannot be decoded: {e}"))?;
    let size = reader
        .output_buffer_size()
        .ok_or("PNG too large to decode")?;
    let mut buf = vec![0; size];
    let out = reader
        .next_frame(&mut buf)
        .map_err(|e| format!("PNG cannot be decoded: {e}"))?;
    if out.bit_depth != png::BitDepth::Eight {
        return Err(format!("unexpected PNG bit depth {:?}", out.bit_depth));
    }
    let (width, height) = (out.width, out.height);
    check_size(width, height)?;
    let pixels = width as usize * height as usize;
    let (space, has_alpha) = match out.color_type {
        png::ColorType::Grayscale => (ColorSpace::Gray, false),
        png::ColorType::GrayscaleAlpha => (ColorSpace::Gray, true),
        png::ColorType::Rgb => (ColorSpace::Rgb, false),
        png::ColorType::Rgba => (ColorSpace::Rgb, true),
        png::ColorType::Indexed => return Err("PNG palette was not expanded".into()),
    };
    let n = space.components();
    let stride = n + usize::from(has_alpha);
    let rows = out.line_size * height as usize;
    let data = buf
        .get(..rows)
        .ok_or("PNG decoded to fewer bytes than its size")?;
    let mut color = Vec::with_capacity(pixels * n);
    let mut alpha = Vec::with_capacity(if has_alpha { pixels } else { 0 });
    for row in data.chunks_exact(out.line_size) {
        let row = row
            .get(..width as usize * stride)
            .ok_or("PNG row shorter than its width")?;
        if has_alpha {
            for px in row.chunks_exact(stride) {
                color.extend_from_slice(&px[..n]);
                alpha.push(px[n]);
            }
        } else {
            color.extend_from_slice(row);
        }
    }
    // An alpha plane that is opaque everywhere is no transparency.
    let alpha = (has_alpha && alpha.iter().any(|&a| a != 255)).then_some(alpha);
    let mut compressor = Compressor::new(CompressionLvl::new(PLANE_LEVEL).unwrap_or_default());
    let samples = Samples::Deflated {
        color: zlib(&mut compressor, &color),
        alpha: alpha.map(|a| zlib(&mut compressor, &a)),
    };
    Ok((width, height, space, samples))
}

fn zlib(compressor: &mut Compressor, data: &[u8]) -> Vec<u8> {
    let mut out = vec![0; compressor.zlib_compress_bound(data.len())];
    match compressor.zlib_compress(data, &mut out) {
        Ok(n) => {
            out.truncate(n);
            out
        }
        // The bound is always large enough; libdeflate reports no other error.
        Err(_) => Vec::new(),
    }
}

/// What a JPEG's frame header says.
#[derive(Debug, PartialEq)]
struct JpegHeader {
    width: u32,
    height: u32,
    color: ColorSpace,
    /// An Adobe APP14 marker precedes the frame.
    adobe: bool,
}

/// Reads the segments up to the first frame header (SOF0, SOF1 or SOF2:
/// the processes PDF's DCTDecode filter reads).
fn jpeg_header(file: &[u8]) -> Result<JpegHeader, String> {
    let mut adobe = false;
    let mut i = 2; // after SOI
    loop {
        // Markers may be preceded by fill bytes 0xFF.
        while file.get(i) == Some(&0xFF) && file.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (file.get(i), file.get(i + 1)) else {
            return Err("JPEG ends before its frame header".into());
        };
        i += 2;
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            continue; // no length
        }
        if marker == 0xD9 || marker == 0xDA {
            return Err("JPEG has no frame header before its image data".into());
        }
        let len = match file.get(i..i + 2) {
            Some(b) => usize::from(u16::from_be_bytes([b[0], b[1]])),
            None => return Err("JPEG ends inside a segment".into()),
        };
        if len < 2 {
            return Err("JPEG segment with an invalid length".into());
        }
        let body = file
            .get(i + 2..i + len)
            .ok_or("JPEG ends inside a segment")?;
        match marker {
            0xEE if body.starts_with(b"Adobe") => adobe = true,
            0xC0..=0xC2 => {
                let [precision, h1, h0, w1, w0, components, ..] = *body else {
                    return Err("JPEG frame header too short".into());
                };
                if precision != 8 {
                    return Err(format!(
                        "JPEG with {precision}-bit samples (only 8-bit JPEGs can be embedded)"
                    ));
                }
                let color = match components {
                    1 => ColorSpace::Gray,
                    3 => ColorSpace::Rgb,
                    4 => ColorSpace::Cmyk,
                    n => return Err(format!("JPEG with {n} colour components")),
                };
                let height = u32::from(u16::from_be_bytes([h1, h0]));
                let width = u32::from(u16::from_be_bytes([w1, w0]));
                check_size(width, height)?;
                return Ok(JpegHeader {
                    width,
                    height,
                    color,
                    adobe,
                });
            }
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                return Err(
                    "lossless, hierarchical or arithmetic-coded JPEG (save it as a baseline or progressive JPEG)"
                        .into(),
                );
            }
            _ => {}
        }
        i += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal JPEG: SOI, an Adobe APP14, SOF0 and EOI (enough for the header).
    fn jpeg(components: u8, adobe: bool, sof: u8) -> Vec<u8> {
        let mut f = vec![0xFF, 0xD8];
        f.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00]);
        if adobe {
            f.extend_from_slice(&[0xFF, 0xEE, 0x00, 0x0E]);
            f.extend_from_slice(b"Adobe\x00\x64\x00\x00\x00\x00\x02");
        }
        let len = 8 + 3 * u16::from(components);
        f.extend_from_slice(&[0xFF, sof]);
        f.extend_from_slice(&len.to_be_bytes());
        f.extend_from_slice(&[8, 0x00, 0x30, 0x01, 0x40, components]);
        for c in 0..components {
            f.extend_from_slice(&[c + 1, 0x11, 0]);
        }
        f.extend_from_slice(&[0xFF, 0xD9]);
        f
    }

    #[test]
    fn jpeg_header_gives_size_and_components() {
        let h = jpeg_header(&jpeg(3, false, 0xC0)).unwrap();
        assert_eq!((h.width, h.height, h.color), (320, 48, ColorSpace::Rgb));
        let h = jpeg_header(&jpeg(1, false, 0xC2)).unwrap();
        assert_eq!(h.color, ColorSpace::Gray);
        let img = Image::from_bytes(jpeg(4, true, 0xC1)).unwrap();
        assert_eq!(img.data().color, ColorSpace::Cmyk);
        assert_eq!(img.data().samples, Samples::Jpeg { inverted: true });
    }

    #[test]
    fn unsupported_jpegs_are_refused() {
        let err = jpeg_header(&jpeg(3, false, 0xC3)).unwrap_err();
        assert!(err.contains("lossless"), "{err}");
        let err = jpeg_header(&jpeg(2, false, 0xC0)).unwrap_err();
        assert!(err.contains("2 colour components"), "{err}");
        let truncated = &jpeg(3, false, 0xC0)[..12];
        assert!(jpeg_header(truncated).is_err());
    }

    #[test]
    fn non_images_are_refused() {
        let err = Image::from_bytes(b"GIF89a....".to_vec()).unwrap_err();
        assert_eq!(err, "not a PNG or JPEG image");
        let err = Image::from_bytes(b"\x89PNG\r\n\x1a\ngarbage".to_vec()).unwrap_err();
        assert!(err.starts_with("PNG cannot be decoded"), "{err}");
    }

    fn encode(w: u32, h: u32, color: png::ColorType, depth: png::BitDepth, data: &[u8]) -> Vec<u8> {
        encode_with(w, h, color, depth, data, |_| {})
    }

    fn encode_with(
        w: u32,
        h: u32,
        color: png::ColorType,
        depth: png::BitDepth,
        data: &[u8],
        setup: impl FnOnce(&mut png::Encoder<'_, &mut Vec<u8>>),
    ) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(color);
        encoder.set_depth(depth);
        setup(&mut encoder);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(data).unwrap();
        writer.finish().unwrap();
        out
    }

    fn planes(image: &Image) -> (Vec<u8>, Option<Vec<u8>>) {
        let inflate = |z: &[u8]| {
            let mut d = libdeflater::Decompressor::new();
            let mut out = vec![0; 1 << 16];
            let n = d.zlib_decompress(z, &mut out).unwrap();
            out.truncate(n);
            out
        };
        match &image.data().samples {
            Samples::Deflated { color, alpha } => (inflate(color), alpha.as_deref().map(inflate)),
            Samples::Jpeg { .. } => panic!("not a PNG"),
        }
    }

    #[test]
    fn png_planes_are_8_bit_with_alpha_apart() {
        // Gray + alpha: two planes.
        let img = Image::from_bytes(encode(
            2,
            1,
            png::ColorType::GrayscaleAlpha,
            png::BitDepth::Eight,
            &[10, 0, 20, 255],
        ))
        .unwrap();
        assert_eq!(img.data().color, ColorSpace::Gray);
        assert_eq!(planes(&img), (vec![10, 20], Some(vec![0, 255])));
        // 16-bit RGB: high bytes kept, no alpha.
        let img = Image::from_bytes(encode(
            1,
            1,
            png::ColorType::Rgb,
            png::BitDepth::Sixteen,
            &[1, 2, 3, 4, 5, 6],
        ))
        .unwrap();
        assert_eq!(planes(&img), (vec![1, 3, 5], None));
        // A palette with a transparent entry: RGB plus alpha.
        let img = Image::from_bytes(encode_with(
            2,
            1,
            png::ColorType::Indexed,
            png::BitDepth::Eight,
            &[0, 1],
            |e| {
                e.set_palette(vec![255, 0, 0, 0, 0, 255]);
                e.set_trns(vec![0, 255]);
            },
        ))
        .unwrap();
        assert_eq!(img.data().color, ColorSpace::Rgb);
        assert_eq!(
            planes(&img),
            (vec![255, 0, 0, 0, 0, 255], Some(vec![0, 255]))
        );
        // An alpha channel that is opaque everywhere is dropped.
        let img = Image::from_bytes(encode(
            1,
            1,
            png::ColorType::Rgba,
            png::BitDepth::Eight,
            &[7, 8, 9, 255],
        ))
        .unwrap();
        assert_eq!(planes(&img), (vec![7, 8, 9], None));
        assert_eq!((img.data().width, img.data().height), (1, 1));
    }

    #[test]
    fn equal_files_make_equal_images() {
        let a = Image::from_bytes(jpeg(3, false, 0xC0)).unwrap();
        let b = Image::from_bytes(jpeg(3, false, 0xC0)).unwrap();
        let c = Image::from_bytes(jpeg(1, false, 0xC0)).unwrap();
        assert_eq!(a, a.clone());
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
