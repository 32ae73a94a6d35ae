//! The `polex` binary: argument parsing, signals and exit codes ([`cli`]); all the work is in
//! the library.

mod cli;

/// The binary's allocator (the library leaves the choice to its user).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
