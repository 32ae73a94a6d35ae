//! The `polex` binary: argument parsing, signals and exit codes ([`cli`]); all the work is in
//! the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
