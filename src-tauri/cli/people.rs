//! People and attendees: imports, lists, check-in, search, itineraries.

use crate::{date_option, out, Failure};
use plenary_core::attendees::{csv_file, export, import, lookup};
use plenary_core::edit::attendance;
use plenary_core::text::lists;
use plenary_core::Store;
use std::path::Path;

/// Imports attendees from a CSV; nothing is written if a row is invalid,
/// unless `skip_invalid`. Exits 1 when rows were invalid.
pub fn import(
    file: &Path,
    csv: &Path,
    event: &str,
    map: &[String],
    dry_run: bool,
    skip_invalid: bool,
) -> Result<i32, Failure> {
    let mut store = crate::open_for(file, !dry_run)?;
    let event = lookup::find_event(&store, event)?;
    let bytes = csv_file::read_file(csv)?;
    let table = csv_file::read_table(&bytes)?;
    let mapping = parse_map(&table, map)?;
    let (preview, _) = import::preview(&store, &table, &mapping, event.id)?;
    eprint!("{}", lists::import_errors(&preview));
    if preview.errors > 0 && !skip_invalid && !dry_run {
        return Err(Failure(format!(
            "{} invalid row{}; nothing was written (fix them, or use --skip-invalid)",
            preview.errors,
            if preview.errors == 1 { "" } else { "s" }
        )));
    }
    if !dry_run {
        let name = csv
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        import::import(&mut store, &name, &bytes, Some(&mapping), event.id, true)?;
    }
    out(&lists::import_summary(&preview, dry_run))?;
    Ok(if preview.errors > 0 && !skip_invalid {
        1
    } else {
        0
    })
}

/// The automatic column mapping, with `--map COLUMN=FIELD` overrides.
fn parse_map(
    table: &csv_file::CsvTable,
    args: &[String],
) -> Result<Vec<import::ImportField>, Failure> {
    let mut mapping = import::auto_map(&table.headers);
    for arg in args {
        let (col, field) = arg
            .rsplit_once('=')
            .ok_or_else(|| Failure(format!("--map: \"{arg}\" is not COLUMN=FIELD")))?;
        let index = match col.trim().parse::<usize>() {
            Ok(n) if n >= 1 && n <= table.headers.len() => n - 1,
            _ => table
                .headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(col.trim()))
                .ok_or_else(|| Failure(format!("--map: the file has no column \"{col}\"")))?,
        };
        mapping[index] = import::ImportField::from_key(field.trim()).ok_or_else(|| {
            let keys: Vec<&str> = import::ImportField::ALL.iter().map(|f| f.key()).collect();
            Failure(format!(
                "--map: \"{field}\" is not a field ({})",
                keys.join(", ")
            ))
        })?;
    }
    Ok(mapping)
}

/// An event's attendees in protocol order, as text or CSV.
pub fn attendee_list(file: &Path, event: &str, csv: bool) -> Result<i32, Failure> {
    let store = Store::open(file)?;
    let event = lookup::find_event(&store, event)?;
    let lines = export::attendee_list(&store, event.id)?;
    if csv {
        out(&export::attendee_csv(&lines))?;
    } else {
        out(&lists::attendee_list(&lines))?;
    }
    Ok(0)
}

/// Checks a person in (or, with `undo`, out) at an event for one day.
pub fn check_in(
    file: &Path,
    event: &str,
    day: &str,
    person: &str,
    undo: bool,
) -> Result<i32, Failure> {
    let mut store = crate::open_to_edit(file)?;
    let event = lookup::find_event(&store, event)?;
    let day = date_option("--day", day)?;
    let person = lookup::find_person(&store, person)?;
    let now = plenary_core::roster::wall_clock(&store.plan()?, chrono::Utc::now());
    attendance::check_in(&mut store, event.id, person.id, day, !undo, now)?;
    out(&format!("{}\n", store.last_edit().unwrap_or_default()))?;
    Ok(0)
}

pub fn search(file: &Path, query: &str, limit: u32) -> Result<i32, Failure> {
    let store = Store::open(file)?;
    out(&lists::people_found(&store.search_people(query, limit)?))?;
    Ok(0)
}

pub fn itinerary(file: &Path, person: &str) -> Result<i32, Failure> {
    let store = Store::open(file)?;
    let person = lookup::find_person(&store, person)?;
    let entries = lookup::itinerary(&store, person.id)?;
    out(&lists::itinerary(&person.display_name(), &entries))?;
    Ok(0)
}
