//! Plenary's stand-in for `hayro-svg`, which turns a page of a PDF image
//! into SVG. No PDF can be loaded in Plenary's print layout (see the
//! stand-in for `hayro-syntax`), so there is never a page to turn.

use hayro::InterpreterSettings;
use hayro_syntax::page::Page;

pub fn convert(page: &Page, _settings: &InterpreterSettings) -> String {
    page.absurd()
}
