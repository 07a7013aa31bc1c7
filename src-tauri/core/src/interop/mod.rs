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

#[cfg(test)]
mod tests;
