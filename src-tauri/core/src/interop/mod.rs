//! Programmes in and out of other formats: spreadsheets (CSV, TSV, XLSX),
//! frab/pretalx schedule XML and JSON, iCalendar, and the full backup. Every
//! reader produces a `programme::Reading`, every writer takes a
//! `programme::Programme`.

pub mod programme;
pub mod sheet;
pub mod sheet_out;
pub mod speakers;

pub use programme::{
    Programme, ProgrammeEvent, ProgrammeOrganisation, ProgrammePerson, ProgrammeRole,
    ProgrammeRoom, ProgrammeSession, Reading, SourceProblem, Zone,
};
