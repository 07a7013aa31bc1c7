//! A programme written as a spreadsheet, CSV or XLSX: one row per session
//! by day, start and room, headed so that `sheet::read` maps every column
//! back by itself.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use crate::attendees::csv_file::escape_cell;
use crate::error::{CoreError, Result};
use crate::model::RoleKind;

use super::programme::{Programme, ProgrammeRole, ProgrammeSession};
use super::sheet::SheetField;

/// One row per session, in the order written, with the header first.
fn table(p: &Programme) -> (Vec<String>, Vec<Vec<Cell>>) {
    let kinds: Vec<RoleKind> = RoleKind::ALL
        .iter()
        .copied()
        .filter(|k| {
            p.sessions
                .iter()
                .any(|s| s.roles.iter().any(|r| r.kind == *k))
        })
        .collect();
    let mut headers: Vec<String> = [
        SheetField::Day,
        SheetField::Start,
        SheetField::End,
        SheetField::Room,
        SheetField::Event,
        SheetField::Kind,
        SheetField::AgendaItem,
        SheetField::Title,
    ]
    .iter()
    .map(|f| f.label().to_string())
    .collect();
    headers.extend(
        kinds
            .iter()
            .map(|k| SheetField::for_role(*k).label().to_string()),
    );
    headers.push(SheetField::Description.label().to_string());
    headers.push("Notes".to_string());

    let mut sessions: Vec<&ProgrammeSession> = p.sessions.iter().collect();
    // Sessions without a day, then without a time, come after the others.
    sessions.sort_by(|a, b| {
        (a.day.is_none(), a.day, a.start.is_none(), a.start, &a.room).cmp(&(
            b.day.is_none(),
            b.day,
            b.start.is_none(),
            b.start,
            &b.room,
        ))
    });
    let rows = sessions
        .into_iter()
        .map(|s| {
            let clock = |t: Option<chrono::NaiveDateTime>| {
                Cell::Text(t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default())
            };
            // An end on a later day than the start carries its day count,
            // which the reader takes back: "00:15 (+1)".
            let end = match (s.start, s.end) {
                (Some(a), Some(b)) if b.date() > a.date() => Cell::Text(format!(
                    "{} (+{})",
                    b.format("%H:%M"),
                    (b.date() - a.date()).num_days()
                )),
                _ => clock(s.end),
            };
            let mut row = vec![
                s.day.map_or(Cell::Text(String::new()), Cell::Date),
                clock(s.start),
                end,
                Cell::Text(s.room.clone().unwrap_or_default()),
                Cell::Text(
                    s.event
                        .and_then(|i| p.events.get(i))
                        .map(|e| e.title.clone())
                        .unwrap_or_default(),
                ),
                Cell::Text(
                    s.kind
                        .map(|k| k.label().to_string())
                        .unwrap_or_else(|| s.source_kind.clone()),
                ),
                Cell::Text(s.agenda_item.clone()),
                Cell::Text(s.title.clone()),
            ];
            for kind in &kinds {
                let people: Vec<String> = s
                    .roles
                    .iter()
                    .filter(|r| r.kind == *kind)
                    .map(role_text)
                    .filter(|t| !t.is_empty())
                    .collect();
                row.push(Cell::Text(people.join("; ")));
            }
            row.push(Cell::Text(s.description.clone()));
            row.push(Cell::Text(notes(s)));
            row
        })
        .collect();
    (headers, rows)
}

enum Cell {
    Text(String),
    Date(chrono::NaiveDate),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

/// "Name, Position (Org)"; an organisation alone; or the role's note.
/// A ";" inside would split the person in two when read back.
fn role_text(role: &ProgrammeRole) -> String {
    let text = match (&role.person, &role.organisation) {
        (Some(person), org) => {
            let mut t = person.full_name();
            if t.is_empty() {
                t = person.written.clone();
            }
            let position = [person.position.as_str(), role.note.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            if !position.is_empty() {
                t = format!("{t}, {position}");
            }
            if let Some(o) = person.organisation.as_ref().or(org.as_ref()) {
                let shown = if o.acronym.is_empty() {
                    &o.name
                } else {
                    &o.acronym
                };
                if !shown.is_empty() {
                    t = format!("{t} ({shown})");
                }
            }
            t
        }
        (None, Some(org)) => org.name.clone(),
        (None, None) => role.note.clone(),
    };
    text.replace([';', '\n', '\r'], ",")
}

/// The session's notes, its outcome and what the source had no field for.
fn notes(s: &ProgrammeSession) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !s.notes.is_empty() {
        parts.push(s.notes.clone());
    }
    if !s.outcome.is_empty() {
        parts.push(format!("Outcome: {}", s.outcome));
    }
    parts.extend(s.extras.iter().map(|(k, v)| format!("{k}: {v}")));
    parts.join("\n")
}

/// The programme as CSV (UTF-8, comma-separated); cells a spreadsheet
/// would run as formulas start with `'`.
pub fn write_csv(p: &Programme) -> String {
    let (headers, rows) = table(p);
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(&headers);
    for row in rows {
        let _ = w.write_record(row.iter().map(|c| escape_cell(&c.text())));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> CoreError {
    CoreError::invalid("file", format!("The workbook could not be written ({e})."))
}

/// The programme as an XLSX workbook: a bold, frozen header row, days as
/// dates, times as "09:00" text. The same programme gives the same bytes.
pub fn write_xlsx(p: &Programme) -> Result<Vec<u8>> {
    let (headers, rows) = table(p);
    let mut book = Workbook::new();
    // A fixed creation date: otherwise the file changes with the clock.
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx_error)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(&p.title)
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let wrap = Format::new().set_text_wrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Programme").map_err(xlsx_error)?;
    for (c, h) in headers.iter().enumerate() {
        let col = u16::try_from(c).unwrap_or(u16::MAX);
        sheet
            .write_string_with_format(0, col, h, &bold)
            .map_err(xlsx_error)?;
        let width = match h.as_str() {
            "Day" => 12.0,
            "Start" | "End" => 7.0,
            "Title" => 50.0,
            "Description" | "Notes" => 40.0,
            "Room" | "Event" | "Type" | "Agenda item" => 16.0,
            _ => 36.0,
        };
        sheet.set_column_width(col, width).map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| {
            CoreError::invalid("file", "The programme has too many sessions for a sheet.")
        })?;
        for (c, cell) in row.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            match cell {
                Cell::Date(d) => {
                    use chrono::Datelike;
                    let when = u16::try_from(d.year()).ok().and_then(|y| {
                        ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok()
                    });
                    match when {
                        Some(when) => sheet.write_datetime_with_format(r, col, &when, &date),
                        None => sheet.write_string(r, col, cell.text()),
                    }
                    .map_err(xlsx_error)?;
                }
                Cell::Text(t) if t.is_empty() => {}
                Cell::Text(t) if t.contains('\n') => {
                    sheet
                        .write_string_with_format(r, col, t, &wrap)
                        .map_err(xlsx_error)?;
                }
                Cell::Text(t) => {
                    sheet.write_string(r, col, t).map_err(xlsx_error)?;
                }
            }
        }
    }
    book.save_to_buffer().map_err(xlsx_error)
}

#[cfg(test)]
#[path = "sheet_out_tests.rs"]
mod tests;
