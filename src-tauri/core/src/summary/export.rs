//! The summary written to a file: Word, PDF (through the print layout) or
//! Markdown.

use super::{docx, markdown, AttendanceSource};
use crate::error::{CoreError, Result};
use crate::print::document::{self, DocKind, Paper, PrintRequest};
use crate::print::{self, changes, render};
use crate::store::Store;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SummaryFormat {
    Docx,
    Pdf,
    Markdown,
}

impl SummaryFormat {
    pub fn key(self) -> &'static str {
        match self {
            SummaryFormat::Docx => "docx",
            SummaryFormat::Pdf => "pdf",
            SummaryFormat::Markdown => "md",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key.to_ascii_lowercase().as_str() {
            "docx" | "word" => Some(SummaryFormat::Docx),
            "pdf" => Some(SummaryFormat::Pdf),
            "md" | "markdown" => Some(SummaryFormat::Markdown),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Type)]
pub struct SummaryExport {
    pub format: SummaryFormat,
    pub source: AttendanceSource,
    pub paper: Paper,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SummaryWritten {
    pub bytes: u32,
    /// Pages of a PDF; None for Word and Markdown, which the reader paginates.
    pub pages: Option<u32>,
    /// "[Rapporteur: …]" marks still in the text.
    pub placeholders: u32,
    /// Text no font has (PDF only), one line per field.
    pub warnings: Vec<String>,
}

impl SummaryFormat {
    /// What the format is called in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            SummaryFormat::Docx => "Word document",
            SummaryFormat::Pdf => "PDF",
            SummaryFormat::Markdown => "Markdown file",
        }
    }

    /// The format a file name asks for by its extension (".docx", ".pdf", ".md").
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?;
        match ext.to_ascii_lowercase().as_str() {
            "docx" => Some(SummaryFormat::Docx),
            "pdf" => Some(SummaryFormat::Pdf),
            "md" | "markdown" => Some(SummaryFormat::Markdown),
            _ => None,
        }
    }
}

/// What a summary file is made from, read from the plan: the summary and,
/// for a PDF, its print document. Turning it into bytes needs no store.
struct Read {
    summary: super::Summary,
    doc: Option<document::Printable>,
}

fn read(store: &Store, req: &SummaryExport, now: NaiveDateTime) -> Result<Read> {
    let summary = super::summary(store, req.source)?;
    let doc = match req.format {
        SummaryFormat::Pdf => {
            // Through the print layout, stamped as every draft print is;
            // the summary is never published as a version.
            let print_req = PrintRequest {
                paper: req.paper,
                attendance: req.source,
                ..PrintRequest::new(DocKind::Summary)
            };
            Some(document::build(
                store,
                &print_req,
                changes::draft_stamp(now),
                &document::Changes::default(),
            )?)
        }
        _ => None,
    };
    Ok(Read { summary, doc })
}

/// Word and Markdown, which need no layout.
fn text_bytes(s: &super::Summary, req: &SummaryExport) -> Result<Vec<u8>> {
    match req.format {
        SummaryFormat::Markdown => Ok(markdown::markdown(s).into_bytes()),
        SummaryFormat::Docx => docx::docx(s, req.paper),
        SummaryFormat::Pdf => Err(CoreError::invalid(
            "format",
            "A PDF is laid out by the print layout.",
        )),
    }
}

fn print_doc(read: &Read) -> Result<&document::Printable> {
    read.doc
        .as_ref()
        .ok_or_else(|| CoreError::invalid("format", "The PDF was not read from the plan."))
}

fn render_bytes(read: &Read, req: &SummaryExport) -> Result<(Vec<u8>, SummaryWritten)> {
    let s = &read.summary;
    let (bytes, pages, warnings) = match req.format {
        SummaryFormat::Pdf => {
            let doc = print_doc(read)?;
            let laid = render::layout(doc)?;
            let pages = laid.pages.len() as u32;
            (
                render::pdf(&laid)?,
                Some(pages),
                render::missing_glyphs(doc),
            )
        }
        _ => (text_bytes(s, req)?, None, Vec::new()),
    };
    let written = SummaryWritten {
        bytes: bytes.len() as u32,
        pages,
        placeholders: s.placeholders,
        warnings,
    };
    Ok((bytes, written))
}

fn write_file(out: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(out, bytes).map_err(|e| {
        CoreError::invalid(
            "out",
            format!("{} could not be written: {e}", out.display()),
        )
    })
}

/// The summary's bytes in `req`'s format, with the pages of a PDF and its
/// warnings; nothing is written.
pub fn contents(
    store: &Store,
    req: &SummaryExport,
    now: NaiveDateTime,
) -> Result<(Vec<u8>, SummaryWritten)> {
    render_bytes(&read(store, req, now)?, req)
}

/// Writes the summary as it stands to `out`; `now` is the plan's wall
/// clock, for the PDF's stamp. Never over a plan file.
pub fn write(
    store: &Store,
    req: &SummaryExport,
    now: NaiveDateTime,
    out: &Path,
) -> Result<SummaryWritten> {
    SummaryJob::prepare(store, req, now, out)?.write()
}

/// A summary file whose contents have been read from the plan; laying it
/// out and writing it needs no store, so the window lets go of the plan
/// first, as it does for printing.
pub struct SummaryJob {
    read: Read,
    req: SummaryExport,
    out: PathBuf,
}

impl SummaryJob {
    /// Reads the summary for `out`, refusing a plan file as the output.
    pub fn prepare(
        store: &Store,
        req: &SummaryExport,
        now: NaiveDateTime,
        out: &Path,
    ) -> Result<Self> {
        if print::refuse_plan_as_output(store, out).is_err() {
            return Err(CoreError::invalid(
                "out",
                format!(
                    "{} is a plan, not a {}; choose another file to write.",
                    out.display(),
                    req.format.label()
                ),
            ));
        }
        Ok(SummaryJob {
            read: read(store, req, now)?,
            req: *req,
            out: out.to_path_buf(),
        })
    }

    /// Lays out (a PDF) and writes in this process (tests').
    pub fn write(self) -> Result<SummaryWritten> {
        let (bytes, written) = render_bytes(&self.read, &self.req)?;
        write_file(&self.out, &bytes)?;
        Ok(written)
    }

    /// Writes the file, a PDF laid out in `worker`: the app's way.
    pub fn write_by(self, worker: &print::worker::Worker) -> Result<SummaryWritten> {
        let placeholders = self.read.summary.placeholders;
        if self.req.format == SummaryFormat::Pdf {
            let done = worker.pdf(print_doc(&self.read)?, &self.out, &mut |_| {})?;
            return Ok(SummaryWritten {
                bytes: done.bytes,
                pages: Some(done.pages),
                placeholders,
                warnings: done.warnings,
            });
        }
        let bytes = text_bytes(&self.read.summary, &self.req)?;
        write_file(&self.out, &bytes)?;
        Ok(SummaryWritten {
            bytes: bytes.len() as u32,
            pages: None,
            placeholders,
            warnings: Vec::new(),
        })
    }
}
