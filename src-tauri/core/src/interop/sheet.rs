//! Programmes as organisers keep them in spreadsheets: CSV, TSV (a table
//! pasted out of Word or Excel) and XLSX. The header row is found under any
//! title rows, its columns are mapped from English and French names (or by
//! the caller), and each row below becomes a session, or one problem line
//! naming the row.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::attendees::csv_file;
use crate::error::{CoreError, Result};
use crate::fold::fold;
use crate::limits;
use crate::model::RoleKind;

use super::programme::{
    Programme, ProgrammeEvent, ProgrammeRole, ProgrammeRoom, ProgrammeSession, Reading,
    SourceProblem, Zone,
};
use super::speakers::parse_people;

/// The largest spreadsheet read, as for attendee files.
pub const MAX_SHEET_BYTES: u64 = csv_file::MAX_FILE_BYTES;
/// The most rows below the header: one session each.
pub const MAX_SHEET_ROWS: usize = csv_file::MAX_ROWS;
/// Columns past this one are not read (a stray cell far to the right).
pub const MAX_SHEET_COLUMNS: usize = 200;
/// What an XLSX may unpack to: its XML is text that compresses well, but a
/// programme's is a few megabytes at most.
const MAX_XLSX_UNPACKED: u64 = 512 * 1024 * 1024;
/// How many rows from the top the header is looked for in.
const MAX_HEADER_SEARCH: usize = 100;
/// Cells a merged region may fill down, all regions together.
const MAX_MERGE_FILLS: usize = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SheetFormat {
    Csv,
    Tsv,
    Xlsx,
}

impl SheetFormat {
    pub fn key(self) -> &'static str {
        match self {
            SheetFormat::Csv => "csv",
            SheetFormat::Tsv => "tsv",
            SheetFormat::Xlsx => "xlsx",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SheetFormat::Csv => "CSV",
            SheetFormat::Tsv => "Tab-separated text",
            SheetFormat::Xlsx => "Excel workbook (XLSX)",
        }
    }
}

/// What a column of the sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SheetField {
    Day,
    Start,
    End,
    /// "09:00–10:30", or a start alone.
    Time,
    Title,
    Room,
    Kind,
    AgendaItem,
    Chair,
    CoChair,
    Moderator,
    /// One column for both: the chair, or the moderator of a panel or a
    /// discussion.
    ChairOrModerator,
    Speakers,
    Panellists,
    Presenters,
    Discussants,
    Rapporteurs,
    Description,
    Event,
    Ignore,
}

/// Each field with its stable key, its label and the header names that map
/// to it, folded to words (see `header_words`).
const FIELDS: &[(SheetField, &str, &str, &[&str])] = &[
    (
        SheetField::Day,
        "day",
        "Day",
        &["day", "date", "jour", "dates", "journee"],
    ),
    (
        SheetField::Start,
        "start",
        "Start",
        &[
            "start",
            "start time",
            "starts",
            "begin",
            "from",
            "debut",
            "heure de debut",
        ],
    ),
    (
        SheetField::End,
        "end",
        "End",
        &[
            "end",
            "end time",
            "ends",
            "until",
            "to",
            "fin",
            "heure de fin",
        ],
    ),
    (
        SheetField::Time,
        "time",
        "Time",
        &[
            "time",
            "times",
            "heure",
            "heures",
            "horaire",
            "horaires",
            "hours",
            "time slot",
            "slot",
        ],
    ),
    (
        SheetField::Title,
        "title",
        "Title",
        &[
            "title",
            "session",
            "session title",
            "titre",
            "intitule",
            "topic",
            "sujet",
            "theme",
            "seance",
            "titre de la session",
        ],
    ),
    (
        SheetField::Room,
        "room",
        "Room",
        &["room", "venue", "salle", "lieu", "location"],
    ),
    (
        SheetField::Kind,
        "kind",
        "Type",
        &["type", "kind", "format", "session type", "type de session"],
    ),
    (
        SheetField::AgendaItem,
        "agenda_item",
        "Agenda item",
        &[
            "agenda item",
            "item",
            "point de l'ordre du jour",
            "point",
            "ordre du jour",
        ],
    ),
    (
        SheetField::Chair,
        "chair",
        "Chair",
        &[
            "chair",
            "chairs",
            "chairperson",
            "chairman",
            "president",
            "president e",
            "presidente",
            "presidence",
        ],
    ),
    (
        SheetField::CoChair,
        "co_chair",
        "Co-Chair",
        &[
            "co chair",
            "co chairs",
            "co chairperson",
            "co president",
            "co presidents",
            "co presidence",
        ],
    ),
    (
        SheetField::Moderator,
        "moderator",
        "Moderator",
        &[
            "moderator",
            "moderators",
            "moderateur",
            "moderatrice",
            "moderateurs",
            "moderation",
            "facilitator",
            "facilitators",
            "animateur",
            "animatrice",
        ],
    ),
    (
        SheetField::ChairOrModerator,
        "chair_or_moderator",
        "Chair / Moderator",
        &[
            "chair moderator",
            "moderator chair",
            "chair or moderator",
            "chair facilitator",
            "president moderateur",
            "president e moderateur",
            "presidence moderation",
        ],
    ),
    (
        SheetField::Speakers,
        "speakers",
        "Speakers",
        &[
            "speakers",
            "speaker",
            "intervenants",
            "intervenant",
            "intervenant e s",
            "orateurs",
            "orateur",
            "oratrices",
            "keynote speaker",
        ],
    ),
    (
        SheetField::Panellists,
        "panellists",
        "Panellists",
        &[
            "panellists",
            "panelists",
            "panellist",
            "panelist",
            "panel",
            "panelistes",
            "paneliste",
        ],
    ),
    (
        SheetField::Presenters,
        "presenters",
        "Presenters",
        &[
            "presenters",
            "presenter",
            "presentateurs",
            "presentateur",
            "presented by",
        ],
    ),
    (
        SheetField::Discussants,
        "discussants",
        "Discussants",
        &["discussants", "discussant"],
    ),
    (
        SheetField::Rapporteurs,
        "rapporteurs",
        "Rapporteurs",
        &["rapporteurs", "rapporteur"],
    ),
    (
        SheetField::Description,
        "description",
        "Description",
        &[
            "description",
            "notes",
            "note",
            "remarques",
            "remarque",
            "remarks",
            "comments",
            "summary",
            "resume",
            "details",
        ],
    ),
    (
        SheetField::Event,
        "event",
        "Event",
        &["event", "reunion", "meeting", "evenement"],
    ),
    (SheetField::Ignore, "ignore", "Ignore", &[]),
];

impl SheetField {
    pub const ALL: &'static [SheetField] = &[
        SheetField::Day,
        SheetField::Start,
        SheetField::End,
        SheetField::Time,
        SheetField::Title,
        SheetField::Room,
        SheetField::Kind,
        SheetField::AgendaItem,
        SheetField::Chair,
        SheetField::CoChair,
        SheetField::Moderator,
        SheetField::ChairOrModerator,
        SheetField::Speakers,
        SheetField::Panellists,
        SheetField::Presenters,
        SheetField::Discussants,
        SheetField::Rapporteurs,
        SheetField::Description,
        SheetField::Event,
        SheetField::Ignore,
    ];

    fn entry(
        self,
    ) -> &'static (
        SheetField,
        &'static str,
        &'static str,
        &'static [&'static str],
    ) {
        FIELDS
            .iter()
            .find(|(f, ..)| *f == self)
            .unwrap_or(&FIELDS[FIELDS.len() - 1])
    }

    /// The stable key (`--map "Col=key"`, saved mappings).
    pub fn key(self) -> &'static str {
        self.entry().1
    }

    /// The words shown to users.
    pub fn label(self) -> &'static str {
        self.entry().2
    }

    pub fn from_key(key: &str) -> Option<Self> {
        FIELDS.iter().find(|(_, k, ..)| *k == key).map(|(f, ..)| *f)
    }

    /// The field a header names, or `Ignore`.
    pub fn from_header(header: &str) -> Self {
        let words = header_words(header);
        if words.is_empty() {
            return SheetField::Ignore;
        }
        let find = |w: &str| {
            FIELDS
                .iter()
                .find(|(_, _, _, names)| names.contains(&w))
                .map(|(f, ..)| *f)
        };
        find(&words)
            // "Time (CET)", "Speakers (names and titles)".
            .or_else(|| find(&header_words(&without_brackets(header))))
            .unwrap_or(SheetField::Ignore)
    }

    /// The kind of role this column's people take, for people columns.
    fn role(self) -> Option<RoleKind> {
        Some(match self {
            SheetField::Chair => RoleKind::Chair,
            SheetField::CoChair => RoleKind::CoChair,
            SheetField::Moderator => RoleKind::Moderator,
            SheetField::Speakers => RoleKind::Speaker,
            SheetField::Panellists => RoleKind::Panellist,
            SheetField::Presenters => RoleKind::Presenter,
            SheetField::Discussants => RoleKind::Discussant,
            SheetField::Rapporteurs => RoleKind::Rapporteur,
            _ => return None,
        })
    }

    /// The column that holds the people of a role kind, for writers.
    pub fn for_role(kind: RoleKind) -> SheetField {
        match kind {
            RoleKind::Chair => SheetField::Chair,
            RoleKind::CoChair => SheetField::CoChair,
            RoleKind::Moderator => SheetField::Moderator,
            RoleKind::Panellist => SheetField::Panellists,
            RoleKind::Presenter => SheetField::Presenters,
            // The sheet has no column of its own for these: they speak.
            RoleKind::Speaker
            | RoleKind::Keynote
            | RoleKind::WelcomeRemarks
            | RoleKind::IntroductoryRemarks => SheetField::Speakers,
            RoleKind::Discussant => SheetField::Discussants,
            RoleKind::Rapporteur => SheetField::Rapporteurs,
        }
    }
}

/// A header folded to plain words: "Chair / Moderator" → "chair moderator",
/// "Heure de début" → "heure de debut".
fn header_words(header: &str) -> String {
    fold(header)
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn without_brackets(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// What the automatic mapping found, for a preview to show and edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SheetLayout {
    pub format: SheetFormat,
    /// The header's row as the spreadsheet numbers it (1-based).
    pub header_row: usize,
    pub headers: Vec<String>,
    /// One field per column.
    pub mapping: Vec<SheetField>,
    /// Non-empty rows below the header.
    pub rows: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetOptions {
    /// One field per column, instead of the automatic mapping.
    pub mapping: Option<Vec<SheetField>>,
    /// The plan's first and last day: reads "Day 2", "4 Dec" and dates
    /// without a year, and refuses days outside them.
    pub days: Option<(NaiveDate, NaiveDate)>,
}

/// The format of a file from its bytes (and its name when the bytes do not
/// tell): XLSX is a zip; text with tabs on most lines is TSV; other text
/// is CSV. `None` for other binary files (an old .xls, a PDF).
pub fn sniff(name: &str, bytes: &[u8]) -> Option<SheetFormat> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(SheetFormat::Xlsx);
    }
    let head = bytes.get(..8192).unwrap_or(bytes);
    if head.contains(&0) {
        return None;
    }
    let (text, _) = csv_file::decode(head);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let with_tabs = lines.iter().filter(|l| l.contains('\t')).count();
    let tabs: usize = lines.iter().map(|l| l.matches('\t').count()).sum();
    let others: usize = lines.iter().map(|l| l.matches([',', ';']).count()).sum();
    // A pasted table has the same number of tabs on every line, however
    // many commas its cells hold.
    let counts: Vec<usize> = lines.iter().map(|l| l.matches('\t').count()).collect();
    let even = counts
        .first()
        .is_some_and(|n| *n > 0 && counts.iter().all(|c| c == n));
    if with_tabs * 2 > lines.len() && (tabs >= others || even) {
        return Some(SheetFormat::Tsv);
    }
    let lower = name.to_lowercase();
    if with_tabs > 0 && (lower.ends_with(".tsv") || lower.ends_with(".tab")) {
        return Some(SheetFormat::Tsv);
    }
    Some(SheetFormat::Csv)
}

/// The header row, its columns and their automatic mapping.
pub fn layout(bytes: &[u8], format: SheetFormat) -> Result<SheetLayout> {
    let grid = grid(bytes, format)?;
    let table = table(&grid)?;
    Ok(SheetLayout {
        format,
        header_row: table.header_row,
        headers: table.headers.clone(),
        mapping: table.mapping.clone(),
        rows: grid
            .rows
            .iter()
            .skip(table.header_index + 1)
            .filter(|r| !r.is_empty())
            .count(),
    })
}

/// One `--map "Column=field"` argument: the column by its header (folded)
/// or its number from 1, and the field by key or label.
pub fn parse_mapping_arg(s: &str, headers: &[String]) -> Result<(usize, SheetField)> {
    let Some((column, field)) = s.rsplit_once('=') else {
        return Err(CoreError::invalid(
            "map",
            format!("\"{s}\" is not COLUMN=FIELD, as in \"Speakers=panellists\"."),
        ));
    };
    let (column, field) = (column.trim(), field.trim());
    let index = match column.parse::<usize>() {
        Ok(n) if n >= 1 && n <= headers.len() => n - 1,
        Ok(n) => {
            return Err(CoreError::invalid(
                "map",
                format!(
                    "There is no column {n}: the sheet has {} columns.",
                    headers.len()
                ),
            ))
        }
        Err(_) => headers
            .iter()
            .position(|h| header_words(h) == header_words(column))
            .ok_or_else(|| {
                CoreError::invalid(
                    "map",
                    format!(
                        "No column is headed \"{column}\"; the headers are: {}.",
                        headers
                            .iter()
                            .filter(|h| !h.is_empty())
                            .map(|h| format!("\"{h}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })?,
    };
    let wanted = header_words(field);
    let found = SheetField::ALL.iter().copied().find(|f| {
        f.key() == field || header_words(f.key()) == wanted || header_words(f.label()) == wanted
    });
    match found {
        Some(f) => Ok((index, f)),
        None => Err(CoreError::invalid(
            "map",
            format!(
                "\"{field}\" is not a field; use one of: {}.",
                SheetField::ALL
                    .iter()
                    .map(|f| f.key())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// Reads a programme sheet: a session per row, a problem per bad row.
pub fn read(bytes: &[u8], format: SheetFormat, options: &SheetOptions) -> Result<Reading> {
    let grid = grid(bytes, format)?;
    let mut table = table(&grid)?;
    if let Some(mapping) = &options.mapping {
        for (i, m) in table.mapping.iter_mut().enumerate() {
            *m = mapping.get(i).copied().unwrap_or(SheetField::Ignore);
        }
    }
    if !table.mapping.contains(&SheetField::Title) {
        return Err(CoreError::invalid(
            "file",
            format!(
                "No column for the session title: expected one of Title, Session, Titre, Intitulé, Topic (found {}).",
                found_headers(&table.headers)
            ),
        ));
    }
    Ok(Rows::new(&grid, &table, options, format).read())
}

fn found_headers(headers: &[String]) -> String {
    let shown: Vec<String> = headers
        .iter()
        .filter(|h| !h.is_empty())
        .map(|h| format!("\"{h}\""))
        .collect();
    if shown.is_empty() {
        "no headers".to_string()
    } else {
        shown.join(", ")
    }
}

// ---------------------------------------------------------------------------
// The grid: cells by row, as the spreadsheet numbers them.

#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    /// A number cell: an Excel date serial, a fraction of a day, a count.
    Number(f64),
    /// A cell formatted as a date or time.
    Moment {
        date: Option<NaiveDate>,
        time: NaiveTime,
    },
}

impl Cell {
    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for titles, headers and messages.
    fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    n.to_string()
                }
            }
            Cell::Moment { date, time } => match date {
                Some(d) if *time == NaiveTime::MIN => d.format("%Y-%m-%d").to_string(),
                Some(d) => format!("{} {}", d.format("%Y-%m-%d"), time.format("%H:%M")),
                None => time.format("%H:%M").to_string(),
            },
        }
    }
}

#[derive(Debug, Clone, Default)]
struct GridRow {
    /// The row's number as the spreadsheet shows it.
    number: usize,
    cells: Vec<Cell>,
    /// Horizontally merged regions that cross this row: first and last
    /// column.
    merged: Vec<(usize, usize)>,
}

impl GridRow {
    fn is_empty(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }

    fn cell(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }
}

#[derive(Debug, Default)]
struct Grid {
    rows: Vec<GridRow>,
    /// What reading the file itself says (columns past the last read).
    report: Vec<String>,
}

fn too_big() -> CoreError {
    CoreError::invalid(
        "file",
        format!(
            "The file is larger than {} MB; split it into smaller files.",
            MAX_SHEET_BYTES / (1024 * 1024)
        ),
    )
}

fn too_many_rows(row: usize) -> CoreError {
    CoreError::invalid(
        "file",
        format!("Row {row}: the sheet has more than {MAX_SHEET_ROWS} rows; import it in parts."),
    )
}

fn grid(bytes: &[u8], format: SheetFormat) -> Result<Grid> {
    if bytes.len() as u64 > MAX_SHEET_BYTES {
        return Err(too_big());
    }
    match format {
        SheetFormat::Csv => csv_grid(bytes),
        SheetFormat::Tsv => tsv_grid(bytes),
        SheetFormat::Xlsx => xlsx_grid(bytes),
    }
}

fn text_row(number: usize, cells: Vec<String>) -> GridRow {
    GridRow {
        number,
        cells: cells
            .into_iter()
            .take(MAX_SHEET_COLUMNS)
            .map(Cell::Text)
            .collect(),
        merged: Vec::new(),
    }
}

/// CSV through the attendee reader (encodings, delimiters, formula
/// escapes); its header is just the first row here.
fn csv_grid(bytes: &[u8]) -> Result<Grid> {
    // Blank rows above a title or the header (",,,,," as a spreadsheet
    // saves them) would be taken for an empty header.
    let (text, _) = csv_file::decode(bytes);
    let mut skipped = 0;
    let mut rest = text.as_str();
    while let Some((line, after)) = rest.split_once('\n') {
        if !line
            .chars()
            .all(|c| matches!(c, ',' | ';' | '\t' | '"' | ' ' | '\r'))
        {
            break;
        }
        skipped += 1;
        rest = after;
    }
    let table = if skipped == 0 {
        csv_file::read_table(bytes)?
    } else {
        csv_file::read_table(rest.as_bytes())?
    };
    let mut rows = vec![text_row(skipped + 1, table.headers)];
    for (i, row) in table.rows.into_iter().enumerate() {
        rows.push(text_row(skipped + i + 2, row.cells));
    }
    Ok(Grid {
        rows,
        report: Vec::new(),
    })
}

/// Text pasted from a table: tab-separated, cells quoted only when they
/// hold tabs, quotes or line breaks.
fn tsv_grid(bytes: &[u8]) -> Result<Grid> {
    let (text, _) = csv_file::decode(bytes);
    if text.trim().is_empty() {
        return Err(CoreError::invalid("file", "The file is empty."));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let number = i + 1;
        let record = record.map_err(|e| {
            CoreError::invalid(
                "file",
                format!("Row {number}: the text cannot be read as tab-separated ({e})."),
            )
        })?;
        if record.as_slice().len() > csv_file::MAX_ROW_BYTES {
            return Err(CoreError::invalid(
                "file",
                format!(
                    "Row {number}: the row is longer than {} KiB.",
                    csv_file::MAX_ROW_BYTES / 1024
                ),
            ));
        }
        if rows.len() > MAX_SHEET_ROWS {
            return Err(too_many_rows(number));
        }
        rows.push(text_row(
            number,
            record.iter().map(csv_file::unescape_cell).collect(),
        ));
    }
    Ok(Grid {
        rows,
        report: Vec::new(),
    })
}

fn not_xlsx(e: impl std::fmt::Display) -> CoreError {
    CoreError::invalid(
        "file",
        format!("The file cannot be read as an Excel workbook ({e})."),
    )
}

fn xlsx_grid(bytes: &[u8]) -> Result<Grid> {
    // Declared sizes first: a small zip may unpack to gigabytes.
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_xlsx)?;
    let mut unpacked: u64 = 0;
    let mut archive = archive;
    for i in 0..archive.len() {
        let size = archive
            .by_index_raw(i)
            .map(|f| f.size())
            .map_err(not_xlsx)?;
        unpacked = unpacked.saturating_add(size);
    }
    if unpacked > MAX_XLSX_UNPACKED {
        return Err(CoreError::invalid(
            "file",
            format!(
                "The workbook unpacks to more than {} MB; save the programme's sheet alone.",
                MAX_XLSX_UNPACKED / (1024 * 1024)
            ),
        ));
    }
    // The workbook parser is a third party's: a panic inside it on a
    // damaged file is that file's refusal, not the app's end.
    match std::panic::catch_unwind(|| xlsx_cells(bytes)) {
        Ok(result) => result,
        Err(_) => Err(not_xlsx("its contents are damaged")),
    }
}

fn xlsx_cells(bytes: &[u8]) -> Result<Grid> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(not_xlsx)?;
    let Some(name) = book.sheet_names().into_iter().next() else {
        return Err(CoreError::invalid("file", "The workbook has no sheet."));
    };
    let merges = book.merge_cells_by_sheet_name(&name).map_err(not_xlsx)?;
    let mut cells: BTreeMap<u32, Vec<Cell>> = BTreeMap::new();
    let mut cut_columns = false;
    {
        let mut reader = book.worksheet_cells_reader(&name).map_err(not_xlsx)?;
        while let Some(cell) = reader.next_cell().map_err(not_xlsx)? {
            let (r, c) = cell.get_position();
            let c = c as usize;
            if c >= MAX_SHEET_COLUMNS {
                cut_columns = true;
                continue;
            }
            let value = xlsx_value(cell.get_value());
            if value.is_empty() {
                continue;
            }
            let row = cells.entry(r).or_default();
            if row.len() <= c {
                row.resize(c + 1, Cell::Empty);
            }
            row[c] = value;
            if cells.len() > MAX_SHEET_ROWS + 100 {
                return Err(too_many_rows(r as usize + 1));
            }
        }
    }
    // Merged regions: a vertical one fills its value down (a day written
    // once beside its sessions); a horizontal one is marked on its rows.
    let mut fills = 0usize;
    for m in &merges {
        let (r0, c0) = m.start;
        let (r1, c1) = m.end;
        if r1 < r0 || c1 < c0 || c0 as usize >= MAX_SHEET_COLUMNS {
            continue;
        }
        let c0 = c0 as usize;
        let value = cells
            .get(&r0)
            .and_then(|row| row.get(c0))
            .cloned()
            .unwrap_or(Cell::Empty);
        if r1 > r0 && !value.is_empty() {
            for (_, row) in cells.range_mut(r0.saturating_add(1)..=r1) {
                fills += 1;
                if fills > MAX_MERGE_FILLS {
                    break;
                }
                if row.len() <= c0 {
                    row.resize(c0 + 1, Cell::Empty);
                }
                if row[c0].is_empty() {
                    row[c0] = value.clone();
                }
            }
        }
    }
    let mut rows: Vec<GridRow> = cells
        .into_iter()
        .map(|(r, cells)| GridRow {
            number: r as usize + 1,
            cells,
            merged: Vec::new(),
        })
        .collect();
    for m in &merges {
        let (r0, c0) = (m.start.0 as usize + 1, m.start.1 as usize);
        let (r1, c1) = (m.end.0 as usize + 1, m.end.1 as usize);
        if c1 <= c0 || c0 >= MAX_SHEET_COLUMNS {
            continue;
        }
        let c1 = c1.min(MAX_SHEET_COLUMNS - 1);
        let first = rows.partition_point(|row| row.number < r0);
        for row in rows.iter_mut().skip(first) {
            if row.number > r1 {
                break;
            }
            fills += 1;
            if fills > MAX_MERGE_FILLS {
                break;
            }
            row.merged.push((c0, c1));
        }
    }
    let mut report = Vec::new();
    if cut_columns {
        report.push(format!(
            "Columns after the {MAX_SHEET_COLUMNS}th are not read."
        ));
    }
    Ok(Grid { rows, report })
}

fn xlsx_value(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => Cell::Text(s.trim().to_string()),
        DataRef::SharedString(s) => Cell::Text(s.trim().to_string()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) if f.is_finite() => Cell::Number(*f),
        DataRef::Float(f) => Cell::Text(f.to_string()),
        DataRef::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
        DataRef::DateTime(dt) => {
            let v = dt.as_f64();
            if !v.is_finite() || !(0.0..2_958_466.0).contains(&v) {
                return Cell::Number(if v.is_finite() { v } else { 0.0 });
            }
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            let time =
                NaiveTime::from_hms_opt(h.into(), mi.into(), s.into()).unwrap_or(NaiveTime::MIN);
            let date = if v >= 1.0 && dt.is_datetime() {
                NaiveDate::from_ymd_opt(y.into(), mo.into(), d.into())
            } else {
                None
            };
            Cell::Moment { date, time }
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.trim().to_string()),
        DataRef::Error(e) => Cell::Text(e.to_string()),
    }
}

// ---------------------------------------------------------------------------
// The header and the columns.

struct Table {
    header_index: usize,
    header_row: usize,
    headers: Vec<String>,
    mapping: Vec<SheetField>,
}

fn table(grid: &Grid) -> Result<Table> {
    let known = |row: &GridRow| {
        row.cells
            .iter()
            .filter(|c| SheetField::from_header(&c.text()) != SheetField::Ignore)
            .count()
    };
    // A header is near the top; past that, rows are data.
    let top = || grid.rows.iter().take(MAX_HEADER_SEARCH);
    let header_index = top()
        .position(|r| known(r) >= 2)
        .or_else(|| top().position(|r| known(r) >= 1))
        .or_else(|| grid.rows.iter().position(|r| !r.is_empty()))
        .ok_or_else(|| CoreError::invalid("file", "The sheet is empty."))?;
    let header = &grid.rows[header_index];
    let width = grid
        .rows
        .iter()
        .skip(header_index)
        .map(|r| {
            r.cells
                .iter()
                .rposition(|c| !c.is_empty())
                .map_or(0, |i| i + 1)
        })
        .max()
        .unwrap_or(0);
    let headers: Vec<String> = (0..width).map(|i| header.cell(i).text()).collect();
    let mapping = headers.iter().map(|h| SheetField::from_header(h)).collect();
    Ok(Table {
        header_index,
        header_row: header.number,
        headers,
        mapping,
    })
}

/// "A", "B", … "AA": the column's letters as a spreadsheet shows them.
fn column_name(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

// ---------------------------------------------------------------------------
// Rows into sessions.

/// The day a row falls on, when its Day cell is empty.
#[derive(Clone, Copy)]
enum DayAbove {
    None,
    Day(NaiveDate),
    /// The row whose day could not be read.
    Bad(usize),
}

struct Placed {
    session: ProgrammeSession,
    /// A start with no end yet: the end comes from the next session in
    /// the room, or an hour.
    open_start: bool,
}

struct Rows<'a> {
    grid: &'a Grid,
    table: &'a Table,
    options: &'a SheetOptions,
    format: SheetFormat,
    problems: Vec<SourceProblem>,
    report: Vec<String>,
    day_first_said: bool,
}

enum TimeCell {
    Range(NaiveTime, NaiveTime),
    /// An end on the next day: "22:45–00:15 (+1)".
    Overnight(NaiveTime, NaiveTime),
    Start(NaiveTime),
    /// "TBC", empty.
    Unknown(String),
}

impl<'a> Rows<'a> {
    fn new(
        grid: &'a Grid,
        table: &'a Table,
        options: &'a SheetOptions,
        format: SheetFormat,
    ) -> Self {
        Self {
            grid,
            table,
            options,
            format,
            problems: Vec::new(),
            report: Vec::new(),
            day_first_said: false,
        }
    }

    fn columns(&self, field: SheetField) -> Vec<usize> {
        self.table
            .mapping
            .iter()
            .enumerate()
            .filter(|(_, f)| **f == field)
            .map(|(i, _)| i)
            .collect()
    }

    fn read(mut self) -> Reading {
        let (grid, table) = (self.grid, self.table);
        let mut title = String::new();
        for row in grid.rows.iter().take(table.header_index) {
            let text = row
                .cells
                .iter()
                .map(Cell::text)
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            if !text.is_empty() {
                if title.is_empty() {
                    title = text.clone();
                }
                self.report.push(format!("Title row skipped: {text}"));
            }
        }
        let format = self.format;
        self.report.push(format!(
            "{}: header in row {}: {}.",
            format.label(),
            self.table.header_row,
            self.table
                .headers
                .iter()
                .zip(&self.table.mapping)
                .enumerate()
                .filter(|(_, (h, _))| !h.is_empty())
                .map(|(i, (h, f))| match f {
                    SheetField::Ignore => format!("{} \"{h}\" not read", column_name(i)),
                    f => format!("{} \"{h}\" → {}", column_name(i), f.label()),
                })
                .collect::<Vec<_>>()
                .join("; ")
        ));
        self.report.extend(self.grid.report.iter().cloned());

        let mut placed: Vec<Placed> = Vec::new();
        let mut above = DayAbove::None;
        let mut rows_read = 0usize;
        for row in grid.rows.iter().skip(table.header_index + 1) {
            if row.is_empty() {
                continue;
            }
            rows_read += 1;
            if let Some(p) = self.row(row, &mut above) {
                placed.push(p);
            }
        }
        self.close_open_starts(&mut placed);

        let mut programme = Programme::empty(&title, Zone::Floating);
        for p in placed {
            let mut s = p.session;
            if let Some(room) = &s.room {
                if !programme.rooms.iter().any(|r| &r.name == room) {
                    programme.rooms.push(ProgrammeRoom {
                        uid: None,
                        name: room.clone(),
                    });
                }
            }
            if let Some((_, event)) = s.extras.iter().find(|(k, _)| k == EVENT_KEY) {
                let event = event.clone();
                let index = match programme.events.iter().position(|e| e.title == event) {
                    Some(i) => i,
                    None => {
                        programme.events.push(ProgrammeEvent {
                            uid: None,
                            title: event.clone(),
                            short_name: String::new(),
                            first_day: None,
                            last_day: None,
                            description: String::new(),
                        });
                        programme.events.len() - 1
                    }
                };
                s.event = Some(index);
                s.extras.retain(|(k, _)| k != EVENT_KEY);
            }
            programme.sessions.push(s);
        }
        let untimed = programme
            .sessions
            .iter()
            .filter(|s| s.start.is_none())
            .count();
        self.report.push(format!(
            "{} sessions from {} rows ({} without times); {} rows with problems.",
            programme.sessions.len(),
            rows_read,
            untimed,
            self.problems.len()
        ));
        Reading {
            programme,
            problems: self.problems,
            report: self.report,
        }
    }

    /// One data row: a session, or a problem, or a day heading (nothing).
    fn row(&mut self, row: &GridRow, above: &mut DayAbove) -> Option<Placed> {
        let place = format!("row {}", row.number);
        let mut cells: Vec<Cell> = (0..self.table.mapping.len())
            .map(|i| row.cell(i).clone())
            .collect();
        let title_cols = self.columns(SheetField::Title);
        let time_cols: Vec<usize> = [SheetField::Time, SheetField::Start]
            .iter()
            .flat_map(|f| self.columns(*f))
            .collect();
        // A text merged across the table ("Lunch"): it is the title, and
        // the cells it covers are empty.
        let mut merged_title: Option<(String, usize, usize)> = None;
        for &(c0, c1) in &row.merged {
            let text = row.cell(c0).text();
            let covers_title = title_cols.iter().any(|t| (c0..=c1).contains(t));
            for c in c0..=c1 {
                if let Some(cell) = cells.get_mut(c) {
                    if c != c0 || covers_title {
                        *cell = Cell::Empty;
                    }
                }
            }
            let mapped = (c0..=c1)
                .filter(|c| {
                    self.table
                        .mapping
                        .get(*c)
                        .is_some_and(|f| *f != SheetField::Ignore)
                })
                .count();
            if covers_title && mapped >= 2 && !text.is_empty() {
                if let Some(t) = title_cols.first().and_then(|t| cells.get_mut(*t)) {
                    *t = Cell::Text(text.clone());
                }
                merged_title = Some((text, c0, c1));
            }
        }

        let non_empty: Vec<&Cell> = cells.iter().filter(|c| !c.is_empty()).collect();
        // A row holding a day alone is a heading for the rows below it.
        if let [only] = non_empty.as_slice() {
            if let Ok((day, _)) = self.parse_day(only) {
                if self.day_allowed(day) {
                    *above = DayAbove::Day(day);
                } else {
                    *above = DayAbove::Bad(row.number);
                    self.problems
                        .push(SourceProblem::new(place, self.outside_message(day)));
                }
                return None;
            }
        }
        if non_empty.is_empty() {
            return None;
        }

        let mut errors: Vec<String> = Vec::new();
        let table = self.table;
        let columns = |field: SheetField| {
            table
                .mapping
                .iter()
                .enumerate()
                .filter(move |(_, f)| **f == field)
                .map(|(i, _)| i)
        };
        let first = |field: SheetField| -> Option<&Cell> {
            columns(field)
                .filter_map(|c| cells.get(c))
                .find(|c| !c.is_empty())
        };
        let texts = |field: SheetField| -> Vec<String> {
            columns(field)
                .filter_map(|c| cells.get(c))
                .map(Cell::text)
                .filter(|t| !t.is_empty())
                .collect()
        };

        // The day.
        let day_cell = first(SheetField::Day).cloned();
        let has_day_column = !self.columns(SheetField::Day).is_empty();
        let mut day: Option<NaiveDate> = None;
        let mut day_failed = false;
        match &day_cell {
            Some(cell) => match self.parse_day(cell) {
                Ok((d, day_first)) => {
                    if day_first && !self.day_first_said {
                        self.day_first_said = true;
                        self.report.push(format!(
                            "Dates like \"{}\" are read day first: {}.",
                            cell.text(),
                            long_date(d)
                        ));
                    }
                    if self.day_allowed(d) {
                        day = Some(d);
                        *above = DayAbove::Day(d);
                    } else {
                        *above = DayAbove::Bad(row.number);
                        day_failed = true;
                        errors.push(self.outside_message(d));
                    }
                }
                Err(e) => {
                    *above = DayAbove::Bad(row.number);
                    day_failed = true;
                    errors.push(e);
                }
            },
            None => match *above {
                DayAbove::Day(d) => day = Some(d),
                DayAbove::Bad(r) => {
                    day_failed = true;
                    errors.push(format!(
                        "The Day is empty and the day above it (row {r}) could not be read."
                    ))
                }
                DayAbove::None => {
                    if let Some((a, b)) = self.options.days {
                        if a == b || !has_day_column {
                            day = (a == b).then_some(a);
                        }
                    }
                }
            },
        }

        // The title.
        let title = first(SheetField::Title).map(Cell::text).unwrap_or_default();
        if title.is_empty() {
            errors.push("There is no title (the Title column is empty).".to_string());
        } else if title.chars().count() > limits::MAX_TITLE {
            errors.push(format!(
                "The title is {} characters long; a title may be at most {}.",
                title.chars().count(),
                limits::MAX_TITLE
            ));
        }

        // The times.
        let times = self.times(&cells, &time_cols, &mut errors);
        if let Some((text, c0, c1)) = &merged_title {
            if !matches!(
                times,
                Some(TimeCell::Range(..) | TimeCell::Overnight(..) | TimeCell::Start(_))
            ) {
                self.problems.push(SourceProblem::new(
                    place,
                    format!(
                        "\"{text}\" is merged across columns {}–{} and has no time to place it; give it a time or unmerge the cells.",
                        column_name(*c0),
                        column_name(*c1)
                    ),
                ));
                return None;
            }
        }

        let mut session = ProgrammeSession::titled(place.clone(), title.clone());
        session.day = day;
        let mut open_start = false;
        // Report lines of a row that is read, said once it is.
        let mut notes: Vec<String> = Vec::new();
        match times {
            Some(TimeCell::Range(a, b)) => {
                if b <= a {
                    errors.push(format!(
                        "End {} is before start {}.",
                        b.format("%H:%M"),
                        a.format("%H:%M")
                    ));
                } else if let Some(d) = day {
                    session.start = Some(d.and_time(a));
                    session.end = Some(d.and_time(b));
                } else if !day_failed {
                    errors.push(no_day(a));
                }
            }
            Some(TimeCell::Overnight(a, b)) => match day {
                Some(d) => match d.succ_opt() {
                    Some(next) => {
                        session.start = Some(d.and_time(a));
                        session.end = Some(next.and_time(b));
                    }
                    None => errors.push(format!(
                        "End {} (+1) is past the last day.",
                        b.format("%H:%M")
                    )),
                },
                None if day_failed => {}
                None => errors.push(no_day(a)),
            },
            Some(TimeCell::Start(a)) => match day {
                Some(d) => {
                    session.start = Some(d.and_time(a));
                    open_start = true;
                }
                None if day_failed => {}
                None => errors.push(no_day(a)),
            },
            Some(TimeCell::Unknown(text)) => {
                let when = day.map_or("with no day".to_string(), |d| {
                    format!("on {}", long_date(d))
                });
                let said = if text.is_empty() {
                    "no time".to_string()
                } else {
                    format!("time \"{text}\"")
                };
                notes.push(format!("{place}: {said}: kept {when} without times."));
            }
            None => {}
        }

        // Room, type, agenda item, description, event.
        if let Some(room) = first(SheetField::Room).map(Cell::text) {
            if room.chars().count() > limits::MAX_ROOM_NAME {
                errors.push(format!(
                    "The room is {} characters long; a room's name may be at most {}.",
                    room.chars().count(),
                    limits::MAX_ROOM_NAME
                ));
            }
            session.room = Some(room);
        }
        session.source_kind = texts(SheetField::Kind).join(" ");
        session.agenda_item = texts(SheetField::AgendaItem).join(" ");
        if session.agenda_item.chars().count() > limits::MAX_AGENDA_ITEM {
            errors.push(format!(
                "The agenda item is {} characters long; it may be at most {}.",
                session.agenda_item.chars().count(),
                limits::MAX_AGENDA_ITEM
            ));
        }
        session.description = texts(SheetField::Description).join("\n\n");
        if session.description.chars().count() > limits::MAX_TEXT {
            errors.push(format!(
                "The description is {} characters long; it may be at most {}.",
                session.description.chars().count(),
                limits::MAX_TEXT
            ));
        }
        if let Some(event) = first(SheetField::Event).map(Cell::text) {
            if event.chars().count() > limits::MAX_TITLE {
                errors.push(format!(
                    "The event is {} characters long; an event's title may be at most {}.",
                    event.chars().count(),
                    limits::MAX_TITLE
                ));
            }
            session.extras.push((EVENT_KEY.to_string(), event));
        }

        // People, column by column in the sheet's order.
        let panel_like = {
            let kind = fold(&session.source_kind);
            [
                "panel",
                "discussion",
                "debat",
                "table ronde",
                "roundtable",
                "round table",
                "dialogue",
            ]
            .iter()
            .any(|w| kind.contains(w))
        };
        for (c, field) in table.mapping.iter().enumerate() {
            let kind = match field {
                SheetField::ChairOrModerator if panel_like => RoleKind::Moderator,
                SheetField::ChairOrModerator => RoleKind::Chair,
                f => match f.role() {
                    Some(k) => k,
                    None => continue,
                },
            };
            let text = cells.get(c).map(Cell::text).unwrap_or_default();
            if text.is_empty() {
                continue;
            }
            if *field == SheetField::ChairOrModerator {
                notes.push(format!(
                    "{place}: \"{}\" read as {}.",
                    table.headers.get(c).cloned().unwrap_or_default(),
                    kind.label().to_lowercase()
                ));
            }
            for role in parse_people(&text, kind) {
                if let Some(e) = role_too_long(&role, field.label()) {
                    errors.push(e);
                }
                session.roles.push(role);
            }
        }

        if !errors.is_empty() {
            self.problems
                .push(SourceProblem::new(place, errors.join(" ")));
            return None;
        }
        self.report.extend(notes);
        Some(Placed {
            session,
            open_start,
        })
    }

    /// The row's time: from the Time column, or Start and End.
    fn times(
        &self,
        cells: &[Cell],
        time_cols: &[usize],
        errors: &mut Vec<String>,
    ) -> Option<TimeCell> {
        let cell_of = |field: SheetField| {
            self.columns(field)
                .into_iter()
                .filter_map(|c| cells.get(c))
                .find(|c| !c.is_empty())
        };
        if time_cols.is_empty() {
            return None;
        }
        let start = cell_of(SheetField::Start);
        if let Some(start) = start {
            let a = match single_time(start) {
                Ok(Some(t)) => t,
                Ok(None) => return Some(TimeCell::Unknown(start.text())),
                Err(()) => {
                    errors.push(format!(
                        "Start \"{}\" is not a time (use 09:00).",
                        start.text()
                    ));
                    return None;
                }
            };
            if let Some((b, _)) = cell_of(SheetField::End)
                .map(Cell::text)
                .as_deref()
                .and_then(next_day)
                .and_then(|t| clock(t).ok())
            {
                return Some(TimeCell::Overnight(a, b));
            }
            return match cell_of(SheetField::End) {
                None => Some(TimeCell::Start(a)),
                Some(end) => match single_time(end) {
                    Ok(Some(b)) => Some(TimeCell::Range(a, b)),
                    Ok(None) => Some(TimeCell::Start(a)),
                    Err(()) => {
                        errors.push(format!("End \"{}\" is not a time (use 10:30).", end.text()));
                        None
                    }
                },
            };
        }
        let overnight = cell_of(SheetField::Time)
            .map(Cell::text)
            .as_deref()
            .and_then(next_day)
            .map(|t| time_range(&Cell::Text(t.to_string())));
        if let Some(Ok(TimeCell::Range(a, b))) = overnight {
            return Some(TimeCell::Overnight(a, b));
        }
        match cell_of(SheetField::Time) {
            Some(cell) => match time_range(cell) {
                Ok(t) => Some(t),
                Err(()) => {
                    errors.push(format!(
                        "Time \"{}\" is not a time (use 09:00–10:30).",
                        cell.text()
                    ));
                    None
                }
            },
            None => {
                if let Some(end) = cell_of(SheetField::End) {
                    errors.push(format!(
                        "End \"{}\" has no start (the Start column is empty).",
                        end.text()
                    ));
                    return None;
                }
                Some(TimeCell::Unknown(String::new()))
            }
        }
    }

    /// Gives each start with no end the next start in its room that day,
    /// or an hour.
    fn close_open_starts(&mut self, placed: &mut [Placed]) {
        // The next start in each room and day, walking from the end.
        let mut later: HashMap<(Option<NaiveDate>, Option<String>), NaiveDateTime> = HashMap::new();
        let mut next_starts = vec![None; placed.len()];
        for (i, p) in placed.iter().enumerate().rev() {
            let key = (p.session.day, p.session.room.clone());
            next_starts[i] = later.get(&key).copied();
            if let Some(start) = p.session.start {
                later.insert(key, start);
            }
        }
        for (p, next) in placed.iter_mut().zip(next_starts) {
            let Some(start) = p.session.start.filter(|_| p.open_start) else {
                continue;
            };
            let (end, why) = match next {
                Some(n) if n > start => (n, "when the next session in the room starts"),
                _ => match start.checked_add_signed(Duration::minutes(60)) {
                    Some(end) => (end, "an hour after it starts"),
                    None => continue,
                },
            };
            self.report.push(format!(
                "{}: only a start ({}); it ends at {}, {why}.",
                p.session.place,
                start.format("%H:%M"),
                end.format("%H:%M")
            ));
            p.session.end = Some(end);
            p.open_start = false;
        }
    }

    fn day_allowed(&self, day: NaiveDate) -> bool {
        match self.options.days {
            Some((a, b)) => a <= day && day <= b,
            None => true,
        }
    }

    fn outside_message(&self, day: NaiveDate) -> String {
        match self.options.days {
            Some((a, b)) => format!(
                "Day {} is outside the plan's days ({} to {}).",
                long_date(day),
                long_date(a),
                long_date(b)
            ),
            None => String::new(),
        }
    }

    /// A day cell: the date, and whether it was read day first.
    fn parse_day(&self, cell: &Cell) -> std::result::Result<(NaiveDate, bool), String> {
        match cell {
            Cell::Moment { date: Some(d), .. } => Ok((*d, false)),
            Cell::Number(n) if (20_000.0..80_000.0).contains(n) => excel_date(*n)
                .map(|d| (d, false))
                .ok_or_else(|| format!("Day \"{}\" is not a date.", cell.text())),
            Cell::Number(_) => Err(format!("Day \"{}\" is not a date.", cell.text())),
            // A serial that lost its date format on the way to text.
            Cell::Text(t) if t.len() == 5 && t.chars().all(|c| c.is_ascii_digit()) => t
                .parse::<f64>()
                .ok()
                .filter(|n| (20_000.0..80_000.0).contains(n))
                .and_then(excel_date)
                .map(|d| (d, false))
                .ok_or_else(|| format!("Day \"{t}\" is not a date.")),
            _ => parse_day_text(&cell.text(), self.options.days),
        }
    }
}

/// The extras key under which a row's event travels until it is listed.
const EVENT_KEY: &str = "\u{0}event";

fn no_day(at: NaiveTime) -> String {
    format!(
        "The session at {} has no day (the Day column is empty and no day is above it).",
        at.format("%H:%M")
    )
}

fn role_too_long(role: &ProgrammeRole, column: &str) -> Option<String> {
    let too_long = |what: &str, text: &str, max: usize| {
        let n = text.chars().count();
        (n > max)
            .then(|| format!("{column}: {what} is {n} characters long; it may be at most {max}."))
    };
    if let Some(p) = &role.person {
        let name = p.full_name();
        return too_long("a given name", &p.given_name, limits::MAX_NAME)
            .or_else(|| too_long("a family name", &p.family_name, limits::MAX_NAME))
            .or_else(|| too_long("an honorific", &p.honorific, limits::MAX_HONORIFIC))
            .or_else(|| {
                too_long(
                    &format!("the position of {name}"),
                    &p.position,
                    limits::MAX_TITLE,
                )
            })
            .or_else(|| {
                p.organisation
                    .as_ref()
                    .and_then(|o| too_long("an organisation", &o.name, limits::MAX_TITLE))
            });
    }
    if let Some(o) = &role.organisation {
        return too_long("an organisation", &o.name, limits::MAX_TITLE);
    }
    too_long(
        "a text that names no one",
        &role.note,
        limits::MAX_ROLE_NOTE,
    )
}

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

// ---------------------------------------------------------------------------
// Days.

/// An Excel date serial (1900 system) as a date.
fn excel_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_signed(Duration::days(serial.floor() as i64))
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("janv", 1),
    ("february", 2),
    ("feb", 2),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("juil", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("december", 12),
    ("dec", 12),
    ("decembre", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("mon", Weekday::Mon),
    ("lundi", Weekday::Mon),
    ("lun", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("mardi", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("wed", Weekday::Wed),
    ("mercredi", Weekday::Wed),
    ("mer", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("thu", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("jeudi", Weekday::Thu),
    ("jeu", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("fri", Weekday::Fri),
    ("vendredi", Weekday::Fri),
    ("ven", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sat", Weekday::Sat),
    ("samedi", Weekday::Sat),
    ("sam", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("sun", Weekday::Sun),
    ("dimanche", Weekday::Sun),
    ("dim", Weekday::Sun),
];

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A day as people write it. Returns the date and whether it was read day
/// first ("04/12/2017"), or the problem in one sentence.
pub(crate) fn parse_day_text(
    text: &str,
    days: Option<(NaiveDate, NaiveDate)>,
) -> std::result::Result<(NaiveDate, bool), String> {
    let written = text.trim();
    let not_a_date =
        || format!("Day \"{written}\" is not a date (use 22 March 2016 or 2016-03-22).");
    let folded = fold(written);
    let plain = folded.trim();
    // ISO, also with a time after it: "2017-12-04", "2017-12-04T00:00:00".
    let first = plain.split([' ', 'T', 't']).next().unwrap_or("");
    let parts: Vec<&str> = first.split('-').collect();
    if parts.len() == 3 && parts[0].len() == 4 {
        return match (digits(parts[0]), digits(parts[1]), digits(parts[2])) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d)
                .map(|date| (date, false))
                .ok_or_else(not_a_date),
            _ => Err(not_a_date()),
        };
    }
    // Day first: "04/12/2017", "4.12.2017", "04-12-17".
    let parts: Vec<&str> = first.split(['/', '.', '-']).collect();
    if parts.len() == 3 && parts.iter().all(|p| digits(p).is_some()) {
        let (d, m, y) = (
            digits(parts[0]).unwrap_or(0),
            digits(parts[1]).unwrap_or(0),
            digits(parts[2]).unwrap_or(0),
        );
        let y = if parts[2].len() == 2 { 2000 + y } else { y };
        return NaiveDate::from_ymd_opt(y as i32, m, d)
            .map(|date| (date, true))
            .ok_or_else(|| {
                format!(
                    "Day \"{written}\" is not a date (dates like 04/12/2017 are read day first)."
                )
            });
    }
    let words: Vec<&str> = plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // "Day 2", "Jour 2".
    if let [word, n] = words.as_slice() {
        if matches!(*word, "day" | "jour") {
            if let Some(n) = digits(n) {
                let Some((first_day, _)) = days else {
                    return Err(format!(
                        "Day \"{written}\" counts from the plan's first day, which is not given."
                    ));
                };
                return n
                    .checked_sub(1)
                    .and_then(|k| first_day.checked_add_signed(Duration::days(k.into())))
                    .map(|d| (d, false))
                    .ok_or_else(not_a_date);
            }
        }
    }
    let mut day: Option<u32> = None;
    let mut year: Option<i32> = None;
    let mut months: Vec<(&str, u32)> = Vec::new();
    let mut weekday: Option<Weekday> = None;
    for w in &words {
        let number = w.trim_end_matches(|c: char| c.is_alphabetic());
        let suffix = w.get(number.len()..).unwrap_or("");
        if !number.is_empty() {
            let n = digits(number).ok_or_else(not_a_date)?;
            if !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er" | "e" | "eme") {
                return Err(not_a_date());
            }
            if number.len() == 4 && year.is_none() {
                year = Some(n as i32);
            } else if number.len() <= 2 && day.is_none() {
                day = Some(n);
            } else {
                return Err(not_a_date());
            }
        } else if let Some((_, m)) = MONTHS.iter().find(|(name, _)| name == w) {
            months.push((w, *m));
        } else if let Some((_, wd)) = WEEKDAYS.iter().find(|(name, _)| name == w) {
            if weekday.is_some() {
                return Err(not_a_date());
            }
            weekday = Some(*wd);
        } else if !matches!(*w, "the" | "of" | "le" | "de") {
            return Err(not_a_date());
        }
    }
    // French "mar." is Tuesday when a month is also named.
    if months.len() == 2 {
        if let Some(i) = months.iter().position(|(w, _)| *w == "mar") {
            months.remove(i);
            if weekday.is_some() {
                return Err(not_a_date());
            }
            weekday = Some(Weekday::Tue);
        }
    }
    // "Monday" alone: the one Monday among the plan's days.
    if let (None, None, [], Some(wd)) = (day, year, months.as_slice(), weekday) {
        let Some((a, b)) = days else {
            return Err(format!(
                "Day \"{written}\" names no date; give the date, or the plan's days."
            ));
        };
        let matching: Vec<NaiveDate> = a
            .iter_days()
            .take_while(|d| *d <= b)
            .take(limits::MAX_PLAN_DAYS as usize + 1)
            .filter(|d| d.weekday() == wd)
            .collect();
        return match matching.as_slice() {
            [one] => Ok((*one, false)),
            [] => Err(format!(
                "Day \"{written}\": no {} among the plan's days.",
                weekday_name(wd)
            )),
            _ => Err(format!(
                "Day \"{written}\": the plan has more than one {}; give the date.",
                weekday_name(wd)
            )),
        };
    }
    let (Some(d), [(_, m)]) = (day, months.as_slice()) else {
        return Err(not_a_date());
    };
    let year = match year {
        Some(y) => y,
        None => {
            let Some((a, b)) = days else {
                return Err(format!(
                    "Day \"{written}\" has no year; give the year, or the plan's days."
                ));
            };
            [a.year(), b.year()]
                .into_iter()
                .find(|y| {
                    NaiveDate::from_ymd_opt(*y, *m, d).is_some_and(|date| a <= date && date <= b)
                })
                .unwrap_or(a.year())
        }
    };
    let date = NaiveDate::from_ymd_opt(year, *m, d).ok_or_else(not_a_date)?;
    if let Some(wd) = weekday {
        if date.weekday() != wd {
            return Err(format!(
                "Day \"{written}\": {} is a {}, not a {}.",
                long_date(date),
                weekday_name(date.weekday()),
                weekday_name(wd)
            ));
        }
    }
    Ok((date, false))
}

// ---------------------------------------------------------------------------
// Times.

const NO_TIME: &[&str] = &[
    "",
    "tbc",
    "tbd",
    "tba",
    "a confirmer",
    "a determiner",
    "a preciser",
    "to be confirmed",
    "to be determined",
    "to be announced",
    "?",
    "-",
    "n/a",
];

/// A Time cell: a range, a start alone, or no time yet.
fn time_range(cell: &Cell) -> std::result::Result<TimeCell, ()> {
    match cell {
        Cell::Moment { time, .. } => return Ok(TimeCell::Start(*time)),
        Cell::Number(n) => return day_fraction(*n).map(TimeCell::Start).ok_or(()),
        _ => {}
    }
    let text = cell.text();
    let folded = fold(&text);
    let plain = folded.trim().trim_end_matches('.');
    if NO_TIME.contains(&plain) {
        return Ok(TimeCell::Unknown(text));
    }
    let normal: String = plain
        .replace(['–', '—', '‒', '−', '~'], "-")
        .replace(" to ", "-")
        .replace(" a ", "-")
        .replace(" until ", "-");
    let parts: Vec<&str> = normal.split('-').map(str::trim).collect();
    match parts.as_slice() {
        [one] => clock(one).map(|(t, _)| TimeCell::Start(t)),
        [a, b] => {
            let (mut start, start_marked) = clock(a)?;
            let (end, end_marked) = clock(b)?;
            // "2:00 - 4:00 pm": the afternoon is said once, at the end.
            if start_marked.is_none() && end_marked == Some(true) {
                let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN);
                if start < noon {
                    // Below noon, twelve hours later is the same day.
                    let pm = start.overflowing_add_signed(Duration::hours(12)).0;
                    if pm <= end {
                        start = pm;
                    }
                }
            }
            Ok(TimeCell::Range(start, end))
        }
        _ => Err(()),
    }
}

/// A Start or End cell.
fn single_time(cell: &Cell) -> std::result::Result<Option<NaiveTime>, ()> {
    match time_range(cell)? {
        TimeCell::Start(t) => Ok(Some(t)),
        TimeCell::Unknown(_) => Ok(None),
        TimeCell::Range(..) | TimeCell::Overnight(..) => Err(()),
    }
}

/// "00:15 (+1)": a time on the next day, as the programme export writes an
/// end after midnight; the time without its mark.
fn next_day(text: &str) -> Option<&str> {
    let t = text.trim();
    t.strip_suffix("(+1)")
        .or_else(|| t.strip_suffix("+1"))
        .map(str::trim_end)
        .filter(|t| !t.is_empty())
}

fn day_fraction(n: f64) -> Option<NaiveTime> {
    if !(0.0..1.0).contains(&n) {
        return None;
    }
    let secs = (n * 86_400.0).round() as u32;
    NaiveTime::from_num_seconds_from_midnight_opt(secs.min(86_399), 0)
}

/// One clock time: "09:00", "9h00", "9.00", "9h", "0900", "9:00 am". Also
/// whether it said am (`Some(false)`) or pm (`Some(true)`), or `None`.
fn clock(text: &str) -> std::result::Result<(NaiveTime, Option<bool>), ()> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (body, pm) = if let Some(b) = compact
        .strip_suffix("p.m.")
        .or_else(|| compact.strip_suffix("pm"))
        .or_else(|| compact.strip_suffix("p.m"))
    {
        (b.to_string(), Some(true))
    } else if let Some(b) = compact
        .strip_suffix("a.m.")
        .or_else(|| compact.strip_suffix("am"))
        .or_else(|| compact.strip_suffix("a.m"))
    {
        (b.to_string(), Some(false))
    } else {
        (compact, None)
    };
    let (h, m) = if let Some((h, rest)) = body.split_once([':', 'h', '.']) {
        // "09:00:00" from a sheet's text.
        let m = rest.split(':').next().unwrap_or("");
        let m = if m.is_empty() && body.contains('h') {
            "0"
        } else {
            m
        };
        if m.len() > 2 {
            return Err(());
        }
        (digits(h).ok_or(())?, digits(m).ok_or(())?)
    } else if body.len() == 4 {
        let n = digits(&body).ok_or(())?;
        (n / 100, n % 100)
    } else if pm.is_some() {
        (digits(&body).ok_or(())?, 0)
    } else {
        return Err(());
    };
    let h = match pm {
        Some(_) if !(1..=12).contains(&h) => return Err(()),
        Some(true) if h < 12 => h + 12,
        Some(false) if h == 12 => 0,
        _ => h,
    };
    NaiveTime::from_hms_opt(h, m, 0).map(|t| (t, pm)).ok_or(())
}

#[cfg(test)]
#[path = "sheet_tests.rs"]
mod tests;
