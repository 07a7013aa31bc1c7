//! Lays a `Printable` out with Typst (as a library, no display needed) and
//! writes it as PDF, or as one SVG per page for the on-screen preview.

use crate::error::{CoreError, Result};
use crate::print::document::Printable;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

const LAYOUT: &str = include_str!("layout.typ");

/// Where fonts are looked for: the system's and the user's font folders.
const FONT_DIRS: &[&str] = &["/usr/share/fonts", "/usr/local/share/fonts"];

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn collect(dir: &Path, out: &mut Vec<Font>, depth: u32) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && depth < 6 {
            collect(&path, out, depth + 1);
            continue;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if matches!(ext.as_deref(), Some("ttf" | "otf" | "ttc" | "otc")) {
            if let Ok(data) = std::fs::read(&path) {
                out.extend(Font::iter(Bytes::new(data)));
            }
        }
    }
}

/// The fonts, read once per process.
fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut fonts = Vec::new();
        let mut dirs: Vec<PathBuf> = FONT_DIRS.iter().map(PathBuf::from).collect();
        if let Some(home) = std::env::var_os("HOME") {
            dirs.push(PathBuf::from(&home).join(".local/share/fonts"));
            dirs.push(PathBuf::from(home).join(".fonts"));
        }
        for dir in dirs {
            collect(&dir, &mut fonts, 0);
        }
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

struct PrintWorld {
    library: LazyHash<Library>,
    main: Source,
    data: Bytes,
}

impl PrintWorld {
    fn new(doc: &Printable) -> Result<Self> {
        let data = serde_json::to_vec(doc).map_err(|e| {
            CoreError::invalid(
                "document",
                format!("The document could not be prepared: {e}"),
            )
        })?;
        Ok(PrintWorld {
            library: LazyHash::new(Library::default()),
            main: Source::new(
                FileId::new(None, VirtualPath::new("/layout.typ")),
                LAYOUT.into(),
            ),
            data: Bytes::new(data),
        })
    }
}

impl World for PrintWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id.vpath().as_rootless_path() == Path::new("data.json") {
            Ok(self.data.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        // The layout never asks; stamps come from the plan's clock.
        None
    }
}

/// Lays the document out into pages.
pub fn layout(doc: &Printable) -> Result<PagedDocument> {
    if fonts().fonts.is_empty() {
        return Err(CoreError::invalid(
            "fonts",
            "No fonts were found in /usr/share/fonts; install a font package (e.g. fonts-dejavu-core).",
        ));
    }
    let world = PrintWorld::new(doc)?;
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| {
            let first = errors
                .first()
                .map(|e| e.message.to_string())
                .unwrap_or_default();
            CoreError::invalid(
                "document",
                format!("The document could not be laid out: {first}"),
            )
        })
}

/// The laid-out document as PDF bytes, fonts embedded.
pub fn pdf(pages: &PagedDocument) -> Result<Vec<u8>> {
    typst_pdf::pdf(pages, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        let first = errors
            .first()
            .map(|e| e.message.to_string())
            .unwrap_or_default();
        CoreError::invalid("document", format!("The PDF could not be written: {first}"))
    })
}
