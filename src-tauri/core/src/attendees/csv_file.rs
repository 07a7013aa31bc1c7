//! Reading attendee CSV files as registration systems write them: UTF-8
//! with or without a byte-order mark, or Windows-1252; comma, semicolon or
//! tab delimited; multi-line cells; pretalx's `'=` formula escapes.

use crate::error::{CoreError, Result};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::io::Read;

/// The largest attendee file read: registration exports of a large
/// conference are a few megabytes; a gigabyte-long line once took over a
/// minute and 6 GB to refuse.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// The longest row, all its cells together.
pub const MAX_ROW_BYTES: usize = 64 * 1024;

/// The most attendee rows in one file, besides the header.
pub const MAX_ROWS: usize = 50_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct CsvRow {
    /// The row's number as a spreadsheet shows it (the header is row 1).
    pub line: u32,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct CsvTable {
    pub encoding: String,
    /// "comma", "semicolon" or "tab".
    pub delimiter: String,
    pub headers: Vec<String>,
    pub rows: Vec<CsvRow>,
}

/// Text of the file and the encoding it was in.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8 with BOM");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// The delimiter that splits the header line into the most fields,
/// counting only outside quotes.
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in text.bytes() {
        match c {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                for (d, n) in counts.iter_mut() {
                    if c == *d {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(d, _)| *d)
        .unwrap_or(b',')
}

/// What a spreadsheet may read as the start of a formula: the four formula
/// signs, and a tab or carriage return, which some skip before looking.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Undoes the spreadsheet-formula escape some exporters add (`'=SUM(…)`).
pub fn unescape_cell(cell: &str) -> String {
    let t = cell.trim();
    match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest.to_string(),
        _ => t.to_string(),
    }
}

/// Escapes a cell for export so a spreadsheet does not run it as a formula.
pub fn escape_cell(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn too_big() -> CoreError {
    CoreError::invalid(
        "file",
        format!(
            "The file is larger than {} MB; split it into smaller files.",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// The bytes of the file at `path`, or a "file" problem that names it.
/// Reads at most `MAX_FILE_BYTES`, whatever the file claims to be.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let unreadable = |e: std::io::Error| {
        CoreError::invalid("file", format!("{} could not be read: {e}", path.display()))
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

pub fn read_table(bytes: &[u8]) -> Result<CsvTable> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let (text, encoding) = decode(bytes);
    if text.trim().is_empty() {
        return Err(CoreError::invalid("file", "The file is empty."));
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut headers = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            CoreError::invalid(
                "file",
                format!("Row {line}: the file cannot be read as CSV ({e})."),
            )
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let size = record.as_slice().len();
        if size > MAX_ROW_BYTES {
            return Err(CoreError::invalid(
                "file",
                format!(
                    "Row {line}: the row is {} KiB; a row may be at most {} KiB.",
                    size.div_ceil(1024),
                    MAX_ROW_BYTES / 1024
                ),
            ));
        }
        if rows.len() >= MAX_ROWS {
            return Err(CoreError::invalid(
                "file",
                format!(
                    "Row {line}: the file has more than {MAX_ROWS} attendee rows; import it in parts."
                ),
            ));
        }
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        let cells: Vec<String> = record.iter().map(unescape_cell).collect();
        if headers.is_none() {
            headers = Some(cells);
            continue;
        }
        rows.push(CsvRow { line, cells });
    }
    let headers =
        headers.ok_or_else(|| CoreError::invalid("file", "The file has no header row."))?;
    if headers.iter().all(|h| h.is_empty()) {
        return Err(CoreError::invalid(
            "file",
            "Row 1: the header row is empty.",
        ));
    }
    Ok(CsvTable {
        encoding: encoding.into(),
        delimiter: match delimiter {
            b';' => "semicolon",
            b'\t' => "tab",
            _ => "comma",
        }
        .into(),
        headers,
        rows,
    })
}
