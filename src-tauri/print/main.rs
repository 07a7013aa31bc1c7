//! `plenary-print`: the print layout. The window and `plenary` send it one
//! document as JSON on stdin and read its pages (SVG) or its written PDF
//! back as JSON lines (`plenary_core::print::worker`). The only binary that
//! links Typst and the built-in fonts.

fn main() {
    let code =
        plenary_core::print::worker::serve(std::io::stdin().lock(), std::io::stdout().lock());
    std::process::exit(code);
}
