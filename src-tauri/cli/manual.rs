//! `plenary completions` and `plenary man`: generated from the clap
//! definitions, so they never drift from what the CLI accepts. The package
//! installs their output (`make completions`, `make man`).

use crate::args::Cli;
use crate::Failure;
use clap::CommandFactory;
use std::io::Write;
use std::path::Path;

pub fn completions(shell: clap_complete::Shell) -> Result<i32, Failure> {
    let mut text = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "plenary", &mut text);
    write_raw(&text)
}

pub fn man(dir: Option<&Path>) -> Result<i32, Failure> {
    let Some(dir) = dir else {
        let mut text = Vec::new();
        clap_mangen::Man::new(Cli::command())
            .render(&mut text)
            .map_err(|e| Failure(e.to_string()))?;
        return write_raw(&text);
    };
    // The top page lists `plenary-show(1)` and the rest: write those too.
    std::fs::create_dir_all(dir)
        .and_then(|()| clap_mangen::generate_to(Cli::command(), dir))
        .map_err(|e| {
            Failure(format!(
                "--dir: cannot write the manual pages into {}: {e}",
                dir.display()
            ))
        })?;
    Ok(0)
}

/// Scripts and roff go out byte for byte: they are ours, not plan text, and
/// `out`'s terminal cleaning would change their escapes.
fn write_raw(text: &[u8]) -> Result<i32, Failure> {
    match std::io::stdout().lock().write_all(text) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure(e.to_string())),
        _ => Ok(0),
    }
}
