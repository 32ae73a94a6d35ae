//! The `polex` binary: all the work is in the library.

fn main() -> std::process::ExitCode {
    polex::cli::run()
}
