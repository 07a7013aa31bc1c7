//! Plenary's stand-in for `hayro-write`, which copies pages of a PDF image
//! into the PDF Typst writes. No PDF can be loaded in Plenary's print
//! layout (see the stand-in for `hayro-syntax`), so there is never a page
//! to copy.

pub use hayro_syntax::page::Page;
pub use hayro_syntax::{LoadPdfError, Pdf, PdfData, PdfVersion};
use pdf_writer::{Chunk, Ref};

/// A page to copy, as a page or as a form XObject.
#[derive(Copy, Clone, Debug)]
pub struct ExtractionQuery {
    pub page_index: usize,
    pub as_xobject: bool,
}

impl ExtractionQuery {
    pub fn new_page(page_index: usize) -> Self {
        ExtractionQuery {
            page_index,
            as_xobject: false,
        }
    }

    pub fn new_xobject(page_index: usize) -> Self {
        ExtractionQuery {
            page_index,
            as_xobject: true,
        }
    }
}

#[derive(Debug, Copy, Clone)]
pub enum ExtractionError {
    InvalidPageIndex(usize),
}

pub struct ExtractionResult {
    pub chunk: Chunk,
    pub root_refs: Vec<Result<Ref, ExtractionError>>,
    pub page_tree_parent_ref: Ref,
}

pub fn extract<'a>(
    pdf: &Pdf,
    _new_ref: Box<dyn FnMut() -> Ref + 'a>,
    _queries: &[ExtractionQuery],
) -> Result<ExtractionResult, ExtractionError> {
    pdf.absurd()
}
