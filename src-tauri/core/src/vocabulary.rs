//! The words for every enum, so the UI never keeps its own copy of them.

use crate::attendees::import::ImportField;
use crate::interop::sheet::SheetField;
use crate::interop::source::{ExportFormat, SourceFormat};
use crate::model::*;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Term<T> {
    pub key: T,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Vocabulary {
    pub session_kinds: Vec<Term<SessionKind>>,
    pub roles: Vec<Term<RoleKind>>,
    pub categories: Vec<Term<OrgCategory>>,
    pub statuses: Vec<Term<ParticipationStatus>>,
    pub registrations: Vec<Term<RegistrationStatus>>,
    /// How a person takes part in a session: in person, virtual, video message.
    pub role_presences: Vec<Term<RolePresence>>,
    /// How a plan reads dates written with numbers only.
    pub date_orders: Vec<Term<DateOrder>>,
    /// A person's gender where recorded (none is the form's blank).
    pub genders: Vec<Term<Gender>>,
    /// What a CSV column can be mapped to on import.
    pub import_fields: Vec<Term<ImportField>>,
    /// What a programme import reads and an export writes.
    pub source_formats: Vec<Term<SourceFormat>>,
    pub export_formats: Vec<ExportTerm>,
    /// What a programme spreadsheet's column can be read as.
    pub sheet_fields: Vec<Term<SheetField>>,
    /// Capacities in a delegation, head of delegation first.
    pub capacities: Vec<String>,
    /// IANA time zone names, for the plan form.
    pub time_zones: Vec<String>,
}

/// An export format, with the file name extension its files take.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ExportTerm {
    pub key: ExportFormat,
    pub label: String,
    pub extension: String,
}

macro_rules! terms {
    ($t:ty) => {
        <$t>::ALL
            .iter()
            .map(|k| Term {
                key: *k,
                label: k.label().to_string(),
            })
            .collect()
    };
}

pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        session_kinds: terms!(SessionKind),
        roles: terms!(RoleKind),
        categories: terms!(OrgCategory),
        statuses: terms!(ParticipationStatus),
        registrations: terms!(RegistrationStatus),
        role_presences: terms!(RolePresence),
        date_orders: terms!(DateOrder),
        genders: terms!(Gender),
        import_fields: terms!(ImportField),
        source_formats: terms!(SourceFormat),
        export_formats: ExportFormat::ALL
            .iter()
            .map(|f| ExportTerm {
                key: *f,
                label: f.label().to_string(),
                extension: f.extension().to_string(),
            })
            .collect(),
        sheet_fields: terms!(SheetField),
        capacities: CAPACITIES.iter().map(|c| c.to_string()).collect(),
        time_zones: chrono_tz::TZ_VARIANTS
            .iter()
            .map(|z| z.name().to_string())
            .filter(|n| n.contains('/') && !n.starts_with("Etc/"))
            .collect(),
    }
}
