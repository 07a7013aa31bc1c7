//! `plenary-print`: the print layout. The window and `plenary` send it one
//! document as JSON on stdin and read its pages (SVG) or its written PDF
//! back as JSON lines (`plenary_core::print::worker`). The only binary that
//! links Typst and the built-in fonts.

fn main() {
    // Packages build this binary without unwinding (profile `dist-print`):
    // a panic ends it here, with its message on stderr and the exit code an
    // unwinding build gives, rather than as an abort that desktops report
    // as a crash. The caller reads either as "stopped unexpectedly".
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        report(info);
        std::process::exit(101);
    }));
    let code =
        plenary_core::print::worker::serve(std::io::stdin().lock(), std::io::stdout().lock());
    std::process::exit(code);
}
