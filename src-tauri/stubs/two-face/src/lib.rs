//! Plenary's stand-in for `two-face`, which gives Typst the syntax
//! definitions it colours code in raw blocks with (0.8 MB of compressed
//! data in the print worker). Plenary's print layout shows no code, so the
//! stand-in offers plain text alone. Cargo takes it in place of the
//! published crate through `[patch.crates-io]` in the top-level Cargo.toml.

pub mod syntax {
    use syntect::parsing::{SyntaxSet, SyntaxSetBuilder};

    fn plain_text() -> SyntaxSet {
        let mut builder = SyntaxSetBuilder::new();
        builder.add_plain_text_syntax();
        builder.build()
    }

    /// The syntaxes for lines without their line endings: plain text only.
    pub fn extra_no_newlines() -> SyntaxSet {
        plain_text()
    }

    /// The syntaxes for lines with their line endings: plain text only.
    pub fn extra_newlines() -> SyntaxSet {
        plain_text()
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn plain_text_is_the_only_syntax() {
            let set = super::extra_no_newlines();
            assert_eq!(set.syntaxes().len(), 1);
            assert!(set.find_syntax_by_token("rust").is_none());
            assert_eq!(set.find_syntax_plain_text().name, "Plain Text");
        }
    }
}
