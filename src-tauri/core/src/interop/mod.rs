//! Programmes in and out of other formats: spreadsheets (CSV, TSV, XLSX),
//! frab/pretalx schedule XML and JSON, iCalendar, and the full backup. Every
//! reader produces a `programme::Reading`, every writer takes a
//! `programme::Programme`.

pub mod backup;
pub mod export;
mod frab;
pub mod frab_json;
pub mod frab_xml;
pub mod ical;
pub mod import;
pub mod programme;
pub mod sheet;
pub mod sheet_out;
pub mod source;
pub mod speakers;

#[cfg(test)]
mod frab_tests;

pub use programme::{
    Programme, ProgrammeEvent, ProgrammeOrganisation, ProgrammePerson, ProgrammeRole,
    ProgrammeRoom, ProgrammeSession, Reading, SourceProblem, Zone,
};

/// JSON as every writer of it here writes it: pretty, with each object's
/// keys sorted, so the bytes do not depend on whether another crate in the
/// build turned on serde_json's `preserve_order`.
pub fn canonical_json(mut value: serde_json::Value) -> String {
    fn sort(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.sort_keys();
                map.values_mut().for_each(sort);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(sort),
            _ => {}
        }
    }
    sort(&mut value);
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests;
