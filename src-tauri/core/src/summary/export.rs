//! The summary written to a file: Word, PDF (through the print layout) or
//! Markdown.

use super::AttendanceSource;
use crate::error::{CoreError, Result};
use crate::print::document::Paper;
use crate::store::Store;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::Path;

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
    /// Text no installed font has (PDF only), one line per field.
    pub warnings: Vec<String>,
}

/// Writes the summary as it stands to `out`; `now` is the plan's wall
/// clock, for the PDF's stamp.
pub fn write(
    store: &Store,
    req: &SummaryExport,
    now: NaiveDateTime,
    out: &Path,
) -> Result<SummaryWritten> {
    let _ = (store, now, out);
    Err(CoreError::invalid(
        "format",
        format!(
            "Writing the summary as {} is not built yet.",
            req.format.key()
        ),
    ))
}
