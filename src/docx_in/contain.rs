//! docx-rs behind `catch_unwind`: it panics on some real files (an empty
//! `w:lvlText`, a `w:u` without attributes, a width that is not a number),
//! and a panic in it must be one failed input, printed as one line, not a
//! backtrace on the terminal. It also loops forever on some damaged
//! parts the guard does not catch, so it runs on a thread of its own with a
//! deadline.
//!
//! The process keeps its panic hook; a hook installed once in front of it
//! stays silent on a thread while that thread is inside docx-rs, and hands
//! every other panic to the previous hook unchanged.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Once, mpsc};
use std::time::Duration;

use crate::error::Error;

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static HOOK: Once = Once::new();

fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `f` with panics caught and their message kept quiet; a panic
/// becomes its message.
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        message.split_whitespace().collect::<Vec<_>>().join(" ")
    })
}

/// How long docx-rs may take over one draft.
pub const DEADLINE: Duration = Duration::from_secs(8);

/// docx-rs's `read_docx` (no image previews), contained: on a thread of its
/// own with a large stack, its panics caught, and given up on after
/// `deadline` (the thread is then left to finish on its own; the input
/// fails in one line).
pub fn read_docx(bytes: &[u8], deadline: Duration) -> Result<docx_rs::Docx, Error> {
    let options = docx_rs::ReadDocxOptions::default().with_image_previews(false);
    let owned = bytes.to_vec();
    let (sender, receiver) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("docx-rs".to_string())
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let result = quietly(|| docx_rs::read_docx_with_options(&owned, options));
            let _ = sender.send(result);
        });
    let result = match spawned {
        Ok(_) => match receiver.recv_timeout(deadline) {
            Ok(result) => result,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                return Err(Error::Docx(format!(
                    "docx-rs did not finish reading it within {} s",
                    deadline.as_secs()
                )));
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Err("it stopped".to_string()),
        },
        Err(_) => quietly(|| docx_rs::read_docx_with_options(bytes, options)),
    };
    match result {
        Ok(Ok(docx)) => Ok(docx),
        Ok(Err(e)) => Err(Error::Docx(format!(
            "docx-rs cannot read it: {}",
            e.to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        ))),
        Err(message) => Err(Error::Docx(format!(
            "docx-rs failed on it ({message}); the file is damaged or uses markup it cannot read"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_the_hook_is_restored() {
        let caught = quietly(|| -> u8 { panic!("boom\nsecond line") });
        assert_eq!(caught, Err("boom second line".to_string()));
        assert!(!QUIET.with(Cell::get));
        assert_eq!(quietly(|| 7), Ok(7));
    }
}
