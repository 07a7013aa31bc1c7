//! Which reader a source goes to, and which writer an export: the one
//! entry point the command line and the window share.

use super::import::{self, plan_import, EventChoice, ImportOptions, ProgrammePreview};
use super::programme::Reading;
use super::sheet::{self, SheetField, SheetFormat, SheetLayout, SheetOptions};
use crate::error::{CoreError, Result};
use crate::model::{DateOrder, Plan};
use crate::store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
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

/// What a source is, from its name and first bytes: a calendar, a
/// schedule XML or JSON, else what the spreadsheet reader makes of it.
pub fn detect(name: &str, bytes: &[u8]) -> Option<SourceFormat> {
    let lower = name.to_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let head: String = String::from_utf8_lossy(bytes.get(..4096).unwrap_or(bytes)) // slice-ok: bytes, not text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(64)
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
    sheet::sniff(name, bytes).map(|f| match f {
        SheetFormat::Csv => SourceFormat::Csv,
        SheetFormat::Tsv => SourceFormat::Tsv,
        SheetFormat::Xlsx => SourceFormat::Xlsx,
    })
}

/// How to read a source.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceOptions {
    pub format: Option<SourceFormat>,
    /// A spreadsheet's fields, one per column, instead of the automatic
    /// mapping (the window's column table).
    pub columns: Option<Vec<SheetField>>,
    /// Spreadsheet column overrides, as "Column=field".
    pub mapping: Vec<String>,
    /// The plan's days, to read "Day 2", "4 Dec" and to expand repeats.
    pub days: Option<(NaiveDate, NaiveDate)>,
    /// How the plan reads a date in numbers ("4/12/2017"); day first
    /// without a plan.
    pub order: Option<DateOrder>,
}

/// The format a source will be read as: the one asked for, else detected.
pub fn format_of(name: &str, bytes: &[u8], asked: Option<SourceFormat>) -> Result<SourceFormat> {
    // An Excel 97–2003 workbook (OLE compound file) is not read; say so
    // rather than read its bytes as text.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(CoreError::invalid(
            "format",
            format!(
                "{} is an old Excel workbook (.xls); save it as .xlsx or CSV and import that.",
                crate::store::clean(name, 80)
            ),
        ));
    }
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

/// A source file's bytes, refused in one line when larger than an import reads.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_SOURCE_BYTES as u64 {
        return Err(CoreError::invalid(
            "file",
            format!(
                "{} is larger than 50 MB; a programme import reads at most that.",
                path.display()
            ),
        ));
    }
    Ok(std::fs::read(path)?)
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
    let mut reading = read_as(format, bytes, options)?;
    // A spreadsheet has no title: its file's name stands for it.
    if reading.programme.title.trim().is_empty() {
        let stem = std::path::Path::new(name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        reading.programme.title = stem;
    }
    Ok(reading)
}

fn read_as(format: SourceFormat, bytes: &[u8], options: &SourceOptions) -> Result<Reading> {
    if let Some(sheet_format) = sheet_format(format) {
        let mapping = columns(bytes, sheet_format, options)?.map(|(_, m)| m);
        let sheet_options = SheetOptions {
            mapping,
            days: options.days,
            order: options.order,
        };
        return sheet::read(bytes, sheet_format, &sheet_options);
    }
    match format {
        SourceFormat::Ics => super::ical::read(bytes, options.days),
        SourceFormat::FrabXml => super::frab_xml::read(bytes),
        SourceFormat::FrabJson => super::frab_json::read(bytes),
        SourceFormat::Auto | SourceFormat::Csv | SourceFormat::Tsv | SourceFormat::Xlsx => Err(
            CoreError::invalid("format", "Cannot tell what the file is; give its format."),
        ),
    }
}

fn sheet_format(format: SourceFormat) -> Option<SheetFormat> {
    match format {
        SourceFormat::Csv => Some(SheetFormat::Csv),
        SourceFormat::Tsv => Some(SheetFormat::Tsv),
        SourceFormat::Xlsx => Some(SheetFormat::Xlsx),
        _ => None,
    }
}

/// A spreadsheet's layout with the columns as asked: the window's table,
/// then each `--map COLUMN=FIELD`. `None` when nothing overrides the
/// automatic mapping.
fn columns(
    bytes: &[u8],
    format: SheetFormat,
    options: &SourceOptions,
) -> Result<Option<(SheetLayout, Vec<SheetField>)>> {
    if options.columns.is_none() && options.mapping.is_empty() {
        return Ok(None);
    }
    let layout = sheet::layout(bytes, format)?;
    let mut mapping = options
        .columns
        .clone()
        .filter(|c| c.len() == layout.headers.len())
        .unwrap_or_else(|| layout.mapping.clone());
    for arg in &options.mapping {
        let (i, field) = sheet::parse_mapping_arg(arg, &layout.headers)?;
        if let Some(slot) = mapping.get_mut(i) {
            *slot = field;
        }
    }
    Ok(Some((layout, mapping)))
}

/// A type written in a source and the kind it is imported as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct KindChoice {
    pub source: String,
    pub kind: crate::model::SessionKind,
}

/// What the window's import page asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ImportRequest {
    pub format: SourceFormat,
    /// A spreadsheet's fields, one per column; `None` maps them automatically.
    pub columns: Option<Vec<SheetField>>,
    pub kinds: Vec<KindChoice>,
    pub event: EventChoice,
    pub skip_invalid: bool,
}

/// How the window's import page shows a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ImportView {
    pub file_name: String,
    /// The format the file was read as.
    pub format: SourceFormat,
    /// A spreadsheet's header and how each column is read.
    pub columns: Option<SheetLayout>,
    /// The source's own time zone, if it names one (a new plan's default).
    pub zone: Option<String>,
    pub preview: ProgrammePreview,
}

impl ImportRequest {
    /// `plan` is the plan imported into, if any: its days and date order.
    fn options(&self, plan: Option<&Plan>) -> (SourceOptions, ImportOptions) {
        (
            SourceOptions {
                format: Some(self.format),
                columns: self.columns.clone(),
                mapping: Vec::new(),
                days: plan.map(|p| (p.first_day, p.last_day)),
                order: plan.map(|p| p.date_order),
            },
            ImportOptions {
                event: self.event.clone(),
                kinds: self
                    .kinds
                    .iter()
                    .map(|k| (k.source.clone(), k.kind))
                    .collect(),
                skip_invalid: self.skip_invalid,
            },
        )
    }
}

fn zone_name(reading: &Reading) -> Option<String> {
    match reading.programme.zone {
        super::programme::Zone::Named(tz) => Some(tz.name().to_string()),
        _ => None,
    }
}

/// What importing `bytes` into the plan would do, as the page shows it. With
/// `as_new_plan`, what a new plan made from them would hold (in `zone`, or
/// the source's own).
pub fn preview_source(
    store: &Store,
    name: &str,
    bytes: &[u8],
    request: &ImportRequest,
    as_new_plan: Option<Option<Tz>>,
) -> Result<ImportView> {
    let format = format_of(name, bytes, Some(request.format))?;
    let plan = store.plan()?;
    let into = match as_new_plan {
        Some(_) => None,
        None => Some(&plan),
    };
    let (mut source_options, import_options) = request.options(into);
    source_options.format = Some(format);
    let reading = read(name, bytes, &source_options)?;
    let columns = match sheet_format(format) {
        Some(f) => {
            let layout = sheet::layout(bytes, f)?;
            let mapping = columns(bytes, f, &source_options)?.map(|(_, m)| m);
            Some(SheetLayout {
                mapping: mapping.unwrap_or(layout.mapping.clone()),
                ..layout
            })
        }
        None => None,
    };
    let preview = match as_new_plan {
        None => plan_import(store, &reading, &import_options)?.1,
        Some(zone) => {
            let header = import::plan_header(&reading, zone)?;
            let probe = Store::in_memory(&header)?;
            plan_import(&probe, &reading, &import_options)?.1
        }
    };
    Ok(ImportView {
        file_name: name.to_string(),
        format,
        columns,
        zone: zone_name(&reading),
        preview,
    })
}

/// Imports `bytes` into the plan as the page asked, as one undoable step.
pub fn import_source(
    store: &mut Store,
    name: &str,
    bytes: &[u8],
    request: &ImportRequest,
) -> Result<ProgrammePreview> {
    let plan = store.plan()?;
    let (source_options, import_options) = request.options(Some(&plan));
    let reading = read(name, bytes, &source_options)?;
    import::import(store, name, &reading, &import_options)
}

/// Makes a new plan at `path` from `bytes`, as the page asked.
pub fn new_plan_from_source(
    path: &std::path::Path,
    name: &str,
    bytes: &[u8],
    request: &ImportRequest,
    zone: Option<Tz>,
) -> Result<Store> {
    let (source_options, import_options) = request.options(None);
    let reading = read(name, bytes, &source_options)?;
    Ok(import::new_plan(path, name, &reading, zone, &import_options, true)?.0)
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

/// An export's bytes, and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub bytes: Vec<u8>,
    /// Sessions in the scope.
    pub sessions: u32,
    /// Sessions without a time, which calendars and schedules cannot hold.
    pub left_out: u32,
}

/// What an export wrote, for the window to say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ExportDone {
    pub path: String,
    pub bytes: u32,
    pub sessions: u32,
    pub left_out: u32,
    /// What was written, in words: "Wrote 42 sessions to week.ics. Left
    /// out 2 sessions without a time yet."
    pub message: String,
}

/// An export of the plan in `scope`. `now` is the calendar's time stamp.
pub fn export(
    store: &crate::store::Store,
    format: ExportFormat,
    scope: super::export::Scope,
    now: DateTime<Utc>,
) -> Result<Exported> {
    if format == ExportFormat::Backup {
        if scope != super::export::Scope::Plan {
            return Err(CoreError::invalid(
                "scope",
                "A full backup holds the whole plan; leave out --event, --room and --person.",
            ));
        }
        return Ok(Exported {
            bytes: super::backup::write(store)?.into_bytes(),
            sessions: store.session_count()? as u32,
            left_out: 0,
        });
    }
    let programme = super::export::programme(store, scope)?;
    let untimed = programme
        .sessions
        .iter()
        .filter(|s| s.start.is_none())
        .count() as u32;
    // A calendar holds a session with a day and no time as an all-day
    // item; a schedule (frab) has no place for one.
    let left_out = match format {
        ExportFormat::Csv | ExportFormat::Xlsx => 0,
        ExportFormat::Ics => programme
            .sessions
            .iter()
            .filter(|s| s.start.is_none() && s.day.is_none())
            .count() as u32,
        _ => untimed,
    };
    Ok(Exported {
        bytes: write_as(format, &programme, now)?,
        sessions: programme.sessions.len() as u32,
        left_out,
    })
}

/// Writes an export at `path`: beside it first, then renamed, so nobody
/// opens half a file.
pub fn write_file(path: &std::path::Path, exported: &Exported) -> Result<ExportDone> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".part");
    let tmp = std::path::PathBuf::from(tmp);
    std::fs::write(&tmp, &exported.bytes)?;
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.into());
    }
    let written = exported.sessions.saturating_sub(exported.left_out);
    let plural = |n: u32| if n == 1 { "" } else { "s" };
    let mut message = format!(
        "Wrote {written} session{} to {}.",
        plural(written),
        path.display()
    );
    if exported.left_out > 0 {
        message.push_str(&format!(
            " Left out {} session{} without a time yet.",
            exported.left_out,
            plural(exported.left_out)
        ));
    }
    Ok(ExportDone {
        path: path.display().to_string(),
        bytes: exported.bytes.len().min(u32::MAX as usize) as u32,
        sessions: exported.sessions,
        left_out: exported.left_out,
        message,
    })
}

fn write_as(
    format: ExportFormat,
    programme: &super::programme::Programme,
    now: DateTime<Utc>,
) -> Result<Vec<u8>> {
    match format {
        ExportFormat::Ics => Ok(super::ical::write(programme, now).into_bytes()),
        ExportFormat::FrabXml => Ok(super::frab_xml::write(programme).into_bytes()),
        ExportFormat::FrabJson => Ok(super::frab_json::write(programme).into_bytes()),
        ExportFormat::Csv => Ok(super::sheet_out::write_csv(programme).into_bytes()),
        ExportFormat::Xlsx => super::sheet_out::write_xlsx(programme),
        // `export` writes the backup from the store itself.
        ExportFormat::Backup => Err(CoreError::invalid(
            "format",
            "A full backup is written from the whole plan.",
        )),
    }
}
