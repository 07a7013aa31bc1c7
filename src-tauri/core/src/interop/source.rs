//! Which reader a source goes to, and which writer an export: the one
//! entry point the command line and the window share.

use super::programme::Reading;
use crate::error::{CoreError, Result};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

/// The largest source a programme import reads.
pub const MAX_SOURCE_BYTES: usize = 50 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Auto,
    Csv,
    Tsv,
    Xlsx,
    FrabXml,
    FrabJson,
    Ics,
}

impl SourceFormat {
    pub const ALL: &'static [SourceFormat] = &[
        SourceFormat::Auto,
        SourceFormat::Csv,
        SourceFormat::Tsv,
        SourceFormat::Xlsx,
        SourceFormat::FrabXml,
        SourceFormat::FrabJson,
        SourceFormat::Ics,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SourceFormat::Auto => "auto",
            SourceFormat::Csv => "csv",
            SourceFormat::Tsv => "tsv",
            SourceFormat::Xlsx => "xlsx",
            SourceFormat::FrabXml => "frab-xml",
            SourceFormat::FrabJson => "frab-json",
            SourceFormat::Ics => "ics",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SourceFormat::Auto => "Tell from the file",
            SourceFormat::Csv => "Spreadsheet (CSV)",
            SourceFormat::Tsv => "Table copied from Word or Excel (tab-separated)",
            SourceFormat::Xlsx => "Excel workbook (XLSX)",
            SourceFormat::FrabXml => "frab / pretalx schedule XML",
            SourceFormat::FrabJson => "frab / pretalx schedule JSON",
            SourceFormat::Ics => "Calendar (iCalendar .ics)",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.key() == key)
    }
}

/// What a source is, from its name and first bytes.
pub fn detect(name: &str, bytes: &[u8]) -> Option<SourceFormat> {
    let lower = name.to_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(SourceFormat::Xlsx);
    }
    let head: String = String::from_utf8_lossy(bytes.get(..4096).unwrap_or(bytes)) // slice-ok: bytes, not text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(2000)
        .collect();
    if head.starts_with("BEGIN:VCALENDAR") || ext == "ics" || ext == "ical" {
        return Some(SourceFormat::Ics);
    }
    if head.starts_with('<') || ext == "xml" {
        return Some(SourceFormat::FrabXml);
    }
    if head.starts_with('{') || ext == "json" {
        return Some(SourceFormat::FrabJson);
    }
    match ext {
        "tsv" | "tab" | "txt" => return Some(SourceFormat::Tsv),
        "csv" => return Some(SourceFormat::Csv),
        "xlsx" | "xlsm" => return Some(SourceFormat::Xlsx),
        _ => {}
    }
    let first = head.lines().next().unwrap_or("");
    if first.matches('\t').count() >= 1 {
        Some(SourceFormat::Tsv)
    } else if first.matches(',').count() + first.matches(';').count() >= 1 {
        Some(SourceFormat::Csv)
    } else {
        None
    }
}

/// How to read a source.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceOptions {
    pub format: Option<SourceFormat>,
    /// Spreadsheet column overrides, as "Column=field".
    pub mapping: Vec<String>,
    /// The plan's days, to read "Day 2", "4 Dec" and to expand repeats.
    pub days: Option<(NaiveDate, NaiveDate)>,
}

/// The format a source will be read as: the one asked for, else detected.
pub fn format_of(name: &str, bytes: &[u8], asked: Option<SourceFormat>) -> Result<SourceFormat> {
    match asked.filter(|f| *f != SourceFormat::Auto) {
        Some(f) => Ok(f),
        None => detect(name, bytes).ok_or_else(|| {
            CoreError::invalid(
                "format",
                format!(
                    "Cannot tell what {} is; give its format (csv, tsv, xlsx, frab-xml, frab-json or ics).",
                    crate::store::clean(name, 80)
                ),
            )
        }),
    }
}

/// Reads a programme source.
pub fn read(name: &str, bytes: &[u8], options: &SourceOptions) -> Result<Reading> {
    if bytes.len() > MAX_SOURCE_BYTES {
        return Err(CoreError::invalid(
            "file",
            format!(
                "{} is larger than 50 MB; a programme import reads at most that.",
                crate::store::clean(name, 80)
            ),
        ));
    }
    let format = format_of(name, bytes, options.format)?;
    read_as(format, bytes, options)
}

fn read_as(format: SourceFormat, bytes: &[u8], options: &SourceOptions) -> Result<Reading> {
    let _ = (bytes, options);
    Err(CoreError::invalid(
        "format",
        format!("Reading {} is not available.", format.label()),
    ))
}

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Ics,
    FrabXml,
    FrabJson,
    Csv,
    Xlsx,
    Backup,
}

impl ExportFormat {
    pub const ALL: &'static [ExportFormat] = &[
        ExportFormat::Ics,
        ExportFormat::FrabXml,
        ExportFormat::FrabJson,
        ExportFormat::Csv,
        ExportFormat::Xlsx,
        ExportFormat::Backup,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ExportFormat::Ics => "ics",
            ExportFormat::FrabXml => "frab-xml",
            ExportFormat::FrabJson => "frab-json",
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Backup => "backup",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Ics => "Calendar (iCalendar .ics)",
            ExportFormat::FrabXml => "Schedule XML (frab, for conference apps)",
            ExportFormat::FrabJson => "Schedule JSON (frab, for websites)",
            ExportFormat::Csv => "Spreadsheet (CSV)",
            ExportFormat::Xlsx => "Excel workbook (XLSX)",
            ExportFormat::Backup => "Full backup (JSON)",
        }
    }

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Ics => "ics",
            ExportFormat::FrabXml => "xml",
            ExportFormat::FrabJson | ExportFormat::Backup => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.key() == key)
    }
}

/// The bytes of an export. `now` is the calendar's time stamp.
pub fn export(
    store: &crate::store::Store,
    format: ExportFormat,
    scope: super::export::Scope,
    now: DateTime<Utc>,
) -> Result<Vec<u8>> {
    if format == ExportFormat::Backup {
        if scope != super::export::Scope::Plan {
            return Err(CoreError::invalid(
                "scope",
                "A full backup holds the whole plan; leave out --event, --room and --person.",
            ));
        }
        return Ok(super::backup::write(store)?.into_bytes());
    }
    let programme = super::export::programme(store, scope)?;
    write_as(format, &programme, now)
}

fn write_as(
    format: ExportFormat,
    programme: &super::programme::Programme,
    now: DateTime<Utc>,
) -> Result<Vec<u8>> {
    let _ = (programme, now);
    Err(CoreError::invalid(
        "format",
        format!("Writing {} is not available.", format.label()),
    ))
}
