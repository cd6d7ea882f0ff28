//! Bounded reads. Every file pressroom reads (inputs, the texts `check`
//! compares, template fonts and logos) is read here, with a limit that the
//! read itself enforces (`Read::take(limit + 1)`): what a file's metadata
//! claims is never trusted, so `/dev/zero`, a growing file or a link to
//! either stops at the limit instead of filling memory.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// What kind of file a read accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// Regular files only (after following symbolic links): devices, FIFOs,
    /// sockets and folders are refused before they are opened for reading.
    RegularFile,
    /// Anything that can be opened and read (a FIFO, a device): the limit
    /// still bounds the read.
    Any,
}

/// Why a bounded read failed.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Opening or reading failed.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The file is not a regular file (only with [`Accept::RegularFile`]).
    #[error("not a regular file ({0})")]
    NotRegular(&'static str),
    /// The file holds more than `limit` bytes. `size` is the size the file
    /// reports when it is a regular file whose metadata already says so.
    #[error("{} above the limit of {limit} bytes", match size {
        Some(size) => format!("{size} bytes,"),
        None => "more than the limit:".to_string(),
    })]
    TooLarge {
        /// Size from the metadata, when known.
        size: Option<u64>,
        /// The limit in bytes.
        limit: u64,
    },
}

/// Reads at most `limit` bytes of `path`; more is [`ReadError::TooLarge`].
pub fn read(path: &Path, limit: u64, accept: Accept) -> Result<Vec<u8>, ReadError> {
    if accept == Accept::RegularFile {
        // Checked before opening: opening a FIFO for reading would wait for a writer.
        let meta = std::fs::metadata(path)?;
        if !meta.is_file() {
            return Err(ReadError::NotRegular(kind(&meta)));
        }
    }
    let file = open(path, accept)?;
    let meta = file.metadata()?;
    if accept == Accept::RegularFile && !meta.is_file() {
        return Err(ReadError::NotRegular(kind(&meta)));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    let hint = if meta.is_file() { meta.len() } else { 0 };
    read_from(file, limit, hint)
}

/// Reads at most `limit` bytes from `reader` (standard input, say); more is
/// [`ReadError::TooLarge`]. `hint` is the expected size, for the first
/// allocation (it never raises the limit).
pub fn read_from(reader: impl Read, limit: u64, hint: u64) -> Result<Vec<u8>, ReadError> {
    let capacity = usize::try_from(hint.min(limit).min(64 * 1024 * 1024)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open(path: &Path, accept: Accept) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    if accept == Accept::RegularFile {
        // A file swapped for a FIFO after the check above must not block the
        // open; on a regular file O_NONBLOCK changes nothing.
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

#[cfg(not(unix))]
fn open(path: &Path, _accept: Accept) -> std::io::Result<File> {
    File::open(path)
}

/// What a file that is not a regular file is, for messages.
fn kind(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_hold_whatever_the_metadata_says() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"12345").expect("write");
        assert_eq!(read(&path, 5, Accept::RegularFile).expect("fits"), b"12345");
        assert!(matches!(
            read(&path, 4, Accept::RegularFile),
            Err(ReadError::TooLarge {
                size: Some(5),
                limit: 4
            })
        ));
        assert!(matches!(
            read(dir.path(), 4, Accept::RegularFile),
            Err(ReadError::NotRegular("a folder"))
        ));
        assert!(matches!(
            read_from(&b"123456"[..], 5, 0),
            Err(ReadError::TooLarge {
                size: None,
                limit: 5
            })
        ));
        #[cfg(unix)]
        {
            let zero = Path::new("/dev/zero");
            assert!(matches!(
                read(zero, 1 << 20, Accept::Any),
                Err(ReadError::TooLarge { size: None, .. })
            ));
            assert!(matches!(
                read(zero, 1 << 20, Accept::RegularFile),
                Err(ReadError::NotRegular("a device"))
            ));
        }
    }
}
