//! The `pressroom` binary: a thin shell over the library's command line.

/// mimalloc instead of glibc's allocator: layout and serialization allocate
/// many small, short-lived buffers per document, and glibc's malloc/free
/// took about 15% of a PDF batch's time (perf, 500 White House releases).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(pressroom::cli::main());
}
