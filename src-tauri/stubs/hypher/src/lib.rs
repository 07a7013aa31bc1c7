//! Plenary's stand-in for `hypher`, which gives Typst the hyphenation
//! patterns of 45 languages (0.8 MB compressed in the print worker).
//! Plenary's print layout never hyphenates (`hyphenate: false` in
//! `layout.typ`, checked by a test in `plenary-core`), so the stand-in knows
//! no language and never splits a word. Cargo takes it in place of the
//! published crate through `[patch.crates-io]` in the top-level Cargo.toml.

use std::iter::FusedIterator;

/// A language with hyphenation patterns: none here.
#[derive(Debug, Copy, Clone, Eq, PartialEq, Hash)]
pub enum Lang {}

impl Lang {
    /// The language of a two-letter ISO 639-1 code: never one, so a layout
    /// asking to hyphenate leaves every word whole.
    pub fn from_iso(_code: [u8; 2]) -> Option<Self> {
        None
    }
}

/// A word's syllables; there is no language to ask with.
pub fn hyphenate(_word: &str, lang: Lang) -> Syllables<'_> {
    match lang {}
}

#[derive(Debug, Clone)]
pub struct Syllables<'a>(Option<&'a str>);

impl<'a> Iterator for Syllables<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.0.take()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::from(self.0.is_some());
        (n, Some(n))
    }
}

impl ExactSizeIterator for Syllables<'_> {}

impl FusedIterator for Syllables<'_> {}

#[cfg(test)]
mod tests {
    #[test]
    fn no_language_has_patterns() {
        assert_eq!(super::Lang::from_iso(*b"en"), None);
        assert_eq!(super::Lang::from_iso(*b"fr"), None);
    }
}
