//! Plenary's stand-in for `hayro-syntax`, the PDF reader behind Typst's PDF
//! images (`image("x.pdf")`), and with it for the crates that draw and copy
//! such pages (`hayro`, `hayro-svg`, `hayro-write`, also stood in for).
//! Plenary's print layout (`layout.typ`) shows no image of any kind, and
//! the documents it lays out reach it as data, never as Typst code, so no
//! PDF could ever be read. The stand-in keeps the API Typst and `krilla`
//! call; no PDF can be loaded (`Pdf::new` always fails, which Typst reports
//! as "the PDF could not be loaded"), so `Pdf` and `Page` are uninhabited.
//! Cargo takes it in place of the published crate through
//! `[patch.crates-io]` in the top-level Cargo.toml.

use std::marker::PhantomData;
use std::sync::Arc;

/// A container for the bytes of a PDF file.
pub type PdfData = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// A PDF file: none can be read.
pub struct Pdf {
    never: Never,
}

#[derive(Debug, Copy, Clone, PartialEq, Eq, Hash)]
enum Never {}

/// Why a PDF could not be loaded.
#[derive(Debug, Copy, Clone)]
pub enum LoadPdfError {
    Decryption(DecryptionError),
    Invalid,
}

/// The reason an encrypted PDF could not be read: none arises here.
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub enum DecryptionError {}

impl Pdf {
    pub fn new(_data: PdfData) -> Result<Self, LoadPdfError> {
        Err(LoadPdfError::Invalid)
    }

    pub fn version(&self) -> PdfVersion {
        match self.never {}
    }

    /// For the other stand-ins: a `Pdf` is proof that this is never reached.
    #[doc(hidden)]
    pub fn absurd(&self) -> ! {
        match self.never {}
    }

    pub fn data(&self) -> &PdfData {
        match self.never {}
    }

    pub fn pages(&self) -> &[page::Page<'_>] {
        match self.never {}
    }

    pub fn xref(&self) -> &xref::XRef {
        match self.never {}
    }
}

/// The version of a PDF document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PdfVersion {
    Pdf10,
    Pdf11,
    Pdf12,
    Pdf13,
    Pdf14,
    Pdf15,
    Pdf16,
    Pdf17,
    Pdf20,
}

pub mod page {
    use super::{Never, PhantomData};

    /// A page of a PDF: none exists.
    pub struct Page<'a> {
        pub(crate) never: Never,
        data: PhantomData<&'a ()>,
    }

    impl Page<'_> {
        /// For the other stand-ins: a `Page` is proof that this is never
        /// reached.
        #[doc(hidden)]
        pub fn absurd(&self) -> ! {
            match self.never {}
        }

        pub fn render_dimensions(&self) -> (f32, f32) {
            match self.never {}
        }
    }
}

pub mod xref {
    use super::Never;

    /// The cross-reference table of a PDF: none exists.
    #[derive(Debug, Clone)]
    pub struct XRef {
        never: Never,
    }

    impl XRef {
        pub fn has_optional_content_groups(&self) -> bool {
            match self.never {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_pdf_can_be_loaded() {
        let bytes: PdfData = Arc::new(b"%PDF-1.4\n%%EOF\n".to_vec());
        assert!(matches!(Pdf::new(bytes), Err(LoadPdfError::Invalid)));
    }
}
