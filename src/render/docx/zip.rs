//! A deterministic ZIP writer for the DOCX package.
//!
//! Entries are written in the order they are added, every timestamp is the
//! DOS epoch (1980-01-01 00:00), there are no extra fields and no comments, so
//! identical parts give identical bytes on any machine and any thread.
//! Entries are deflated with libdeflate (the `zip` crate that docx-rs brings
//! stores them uncompressed and stamps them through its own options; a
//! package is at most a few hundred kilobytes, so ZIP64 is never needed and an
//! oversized part is reported as an error instead).

use std::borrow::Cow;

use libdeflater::{CompressionLvl, Compressor};

/// DOS date for 1980-01-01 (year 0, month 1, day 1).
const DOS_DATE: u16 = (1 << 5) | 1;
/// DOS time 00:00:00.
const DOS_TIME: u16 = 0;
/// "Version needed to extract": 2.0 (deflate).
const VERSION: u16 = 20;
/// Entries smaller than this are stored: deflate would not pay for its header.
const STORE_BELOW: usize = 64;

/// One entry already written, remembered for the central directory.
struct Entry {
    name: Cow<'static, str>,
    method: u16,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// A part compressed ahead of time (for parts shared by many packages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compressed {
    method: u16,
    crc: u32,
    size: u32,
    payload: Vec<u8>,
}

impl Compressed {
    /// The bytes this entry takes in an archive, its name and headers aside.
    pub fn len(&self) -> usize {
        self.payload.len()
    }

    /// Compresses `data` at libdeflate level `level` (1–12).
    pub fn new(level: i32, data: &[u8]) -> Result<Self, TooLarge> {
        let lvl = CompressionLvl::new(level.clamp(1, 12)).unwrap_or_default();
        let mut compressor = Compressor::new(lvl);
        let mut scratch = Vec::new();
        let (method, payload) = deflate(&mut compressor, &mut scratch, data);
        Ok(Compressed {
            method,
            crc: libdeflater::crc32(data),
            size: u32_len(data.len())?,
            payload: payload.to_vec(),
        })
    }
}

impl Compressed {
    /// Stores `data` as it is (for media that are compressed already).
    pub fn stored(data: &[u8]) -> Result<Self, TooLarge> {
        Ok(Compressed {
            method: 0,
            crc: libdeflater::crc32(data),
            size: u32_len(data.len())?,
            payload: data.to_vec(),
        })
    }
}

/// Deflates `data` into `scratch` when that pays: (method, payload).
fn deflate<'a>(
    compressor: &mut Compressor,
    scratch: &'a mut Vec<u8>,
    data: &'a [u8],
) -> (u16, &'a [u8]) {
    if data.len() >= STORE_BELOW {
        let bound = compressor.deflate_compress_bound(data.len());
        scratch.resize(bound, 0);
        if let Ok(n) = compressor.deflate_compress(data, scratch)
            && n < data.len()
        {
            return (8, &scratch[..n]);
        }
    }
    (0, data)
}

/// Builds a ZIP archive in memory.
pub struct ZipWriter {
    out: Vec<u8>,
    entries: Vec<Entry>,
    compressor: Compressor,
    scratch: Vec<u8>,
}

/// The archive grew past what a ZIP without ZIP64 can describe.
#[derive(Debug)]
pub struct TooLarge;

fn u32_len(n: usize) -> Result<u32, TooLarge> {
    u32::try_from(n).map_err(|_| TooLarge)
}

impl ZipWriter {
    /// A writer deflating at libdeflate level `level` (1–12; 0 stores).
    pub fn new(level: i32, capacity: usize) -> Self {
        let lvl = CompressionLvl::new(level.max(1)).unwrap_or_default();
        ZipWriter {
            out: Vec::with_capacity(capacity),
            entries: Vec::new(),
            compressor: Compressor::new(lvl),
            scratch: Vec::new(),
        }
    }

    /// Adds a file entry named `name` (ASCII path inside the package).
    pub fn add(&mut self, name: impl Into<Cow<'static, str>>, data: &[u8]) -> Result<(), TooLarge> {
        let crc = libdeflater::crc32(data);
        let size = u32_len(data.len())?;
        let (method, payload) = deflate(&mut self.compressor, &mut self.scratch, data);
        Self::write_local(
            &mut self.out,
            &mut self.entries,
            name.into(),
            method,
            crc,
            size,
            payload,
        )
    }

    /// Adds an entry compressed ahead of time.
    pub fn add_compressed(
        &mut self,
        name: impl Into<Cow<'static, str>>,
        part: &Compressed,
    ) -> Result<(), TooLarge> {
        Self::write_local(
            &mut self.out,
            &mut self.entries,
            name.into(),
            part.method,
            part.crc,
            part.size,
            &part.payload,
        )
    }

    fn write_local(
        out: &mut Vec<u8>,
        entries: &mut Vec<Entry>,
        name: Cow<'static, str>,
        method: u16,
        crc: u32,
        size: u32,
        payload: &[u8],
    ) -> Result<(), TooLarge> {
        let entry = Entry {
            method,
            crc,
            compressed: u32_len(payload.len())?,
            size,
            offset: u32_len(out.len())?,
            name,
        };
        put32(out, 0x0403_4b50);
        put16(out, VERSION);
        put16(out, 0);
        put16(out, entry.method);
        put16(out, DOS_TIME);
        put16(out, DOS_DATE);
        put32(out, entry.crc);
        put32(out, entry.compressed);
        put32(out, entry.size);
        put16(out, name_len(&entry.name)?);
        put16(out, 0);
        out.extend_from_slice(entry.name.as_bytes());
        out.extend_from_slice(payload);
        entries.push(entry);
        Ok(())
    }

    /// Writes the central directory and returns the archive.
    pub fn finish(mut self) -> Result<Vec<u8>, TooLarge> {
        let start = u32_len(self.out.len())?;
        let count = u16::try_from(self.entries.len()).map_err(|_| TooLarge)?;
        for e in &self.entries {
            let out = &mut self.out;
            put32(out, 0x0201_4b50);
            put16(out, VERSION);
            put16(out, VERSION);
            put16(out, 0);
            put16(out, e.method);
            put16(out, DOS_TIME);
            put16(out, DOS_DATE);
            put32(out, e.crc);
            put32(out, e.compressed);
            put32(out, e.size);
            put16(out, name_len(&e.name)?);
            put16(out, 0);
            put16(out, 0);
            put16(out, 0);
            put16(out, 0);
            put32(out, 0);
            put32(out, e.offset);
            out.extend_from_slice(e.name.as_bytes());
        }
        let size = u32_len(self.out.len())? - start;
        let out = &mut self.out;
        put32(out, 0x0605_4b50);
        put16(out, 0);
        put16(out, 0);
        put16(out, count);
        put16(out, count);
        put32(out, size);
        put32(out, start);
        put16(out, 0);
        Ok(self.out)
    }
}

fn name_len(name: &str) -> Result<u16, TooLarge> {
    u16::try_from(name.len()).map_err(|_| TooLarge)
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}
