use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::PathBuf;

/// A problem with one form field, in words a user understands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

impl FieldProblem {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

/// What went wrong, for a caller to switch on: the one list of error codes.
/// The app sends it to the window, where it is generated into TypeScript as
/// a union of the keys, so a check for a code that does not exist fails to
/// compile there too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Invalid,
    PinOverrun,
    NotAPlan,
    NewerVersion,
    Damaged,
    Cancelled,
    MissingFile,
    FileExists,
    NotFound,
    /// A command that needs a plan when none is open (the app's).
    NoPlan,
    Io,
    Database,
    /// The system print dialog could not be opened (the app's), or the
    /// print layout did not answer (`CoreError::Layout`).
    Print,
    /// The window is a locked kiosk and the command is not one of the
    /// kiosk's (the app's).
    Locked,
    /// The PIN given to leave the kiosk is not the one set, or wrong tries
    /// have to wait (the app's).
    WrongPin,
    /// The plan is open read-only here: another process holds it, or it
    /// cannot be held (`store::hold`); the message says which.
    ReadOnly,
    /// Never sent by a command: the window's own code for a call that
    /// failed before any command answered (the IPC itself).
    Unexpected,
}

impl ErrorCode {
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::Invalid,
        ErrorCode::PinOverrun,
        ErrorCode::NotAPlan,
        ErrorCode::NewerVersion,
        ErrorCode::Damaged,
        ErrorCode::Cancelled,
        ErrorCode::MissingFile,
        ErrorCode::FileExists,
        ErrorCode::NotFound,
        ErrorCode::NoPlan,
        ErrorCode::Io,
        ErrorCode::Database,
        ErrorCode::Print,
        ErrorCode::Locked,
        ErrorCode::WrongPin,
        ErrorCode::ReadOnly,
        ErrorCode::Unexpected,
    ];

    /// The stable key, as serialised (`"not_a_plan"`).
    pub fn key(self) -> &'static str {
        match self {
            ErrorCode::Invalid => "invalid",
            ErrorCode::PinOverrun => "pin_overrun",
            ErrorCode::NotAPlan => "not_a_plan",
            ErrorCode::NewerVersion => "newer_version",
            ErrorCode::Damaged => "damaged",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::MissingFile => "missing_file",
            ErrorCode::FileExists => "file_exists",
            ErrorCode::NotFound => "not_found",
            ErrorCode::NoPlan => "no_plan",
            ErrorCode::Io => "io",
            ErrorCode::Database => "database",
            ErrorCode::Print => "print",
            ErrorCode::Locked => "locked",
            ErrorCode::WrongPin => "wrong_pin",
            ErrorCode::ReadOnly => "read_only",
            ErrorCode::Unexpected => "unexpected",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{path} does not exist")]
    Missing { path: PathBuf },
    #[error("{path} is not a Plenary plan")]
    NotAPlan { path: PathBuf },
    #[error("{path} was made by a newer version of Plenary (file version {found}, this version reads up to {supported}); update Plenary to open it")]
    NewerVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path} already exists; choose another name")]
    Exists { path: PathBuf },
    #[error("no {what} with id {id} in this plan")]
    NotFound { what: &'static str, id: i64 },
    #[error("{}", .0.iter().map(|p| format!("{}: {}", p.field, p.message)).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldProblem>),
    /// A plan file (or a step of its undo history) that Plenary will not
    /// read or apply; the message is one sentence that names the record.
    #[error("{0}")]
    Damaged(String),
    /// The user cancelled a slow open.
    #[error("Opening was cancelled.")]
    Cancelled,
    /// A planner edit that would push a session into a pinned one.
    #[error("{0}")]
    PinOverrun(String),
    /// A change to a plan open read-only, or an upgrade of a plan another
    /// program holds: the one-line reason.
    #[error("{0}")]
    ReadOnly(String),
    /// The print layout (`plenary-print`) did not answer: it could not be
    /// started, stopped before its last line, ran out of time or is from
    /// another version.
    #[error("{0}")]
    Layout(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the plan file could not be read or written: {}", one_line(.0))]
    Database(#[from] rusqlite::Error),
}

/// SQLite's messages can quote a statement over several lines; an error is
/// one line wherever it is shown.
fn one_line(e: &rusqlite::Error) -> String {
    e.to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl CoreError {
    /// The stable code that callers (the UI, the CLI) switch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::Missing { .. } => ErrorCode::MissingFile,
            CoreError::NotAPlan { .. } => ErrorCode::NotAPlan,
            CoreError::NewerVersion { .. } => ErrorCode::NewerVersion,
            CoreError::Exists { .. } => ErrorCode::FileExists,
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::Invalid(_) => ErrorCode::Invalid,
            CoreError::Damaged(_) => ErrorCode::Damaged,
            CoreError::Cancelled => ErrorCode::Cancelled,
            CoreError::PinOverrun(_) => ErrorCode::PinOverrun,
            CoreError::ReadOnly(_) => ErrorCode::ReadOnly,
            CoreError::Layout(_) => ErrorCode::Print,
            CoreError::Io(_) => ErrorCode::Io,
            CoreError::Database(_) => ErrorCode::Database,
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        CoreError::Invalid(vec![FieldProblem::new(field, message)])
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn every_code_serialises_as_its_key_and_reads_back() {
        for &code in ErrorCode::ALL {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, serde_json::Value::from(code.key()), "{code:?}");
            assert_eq!(serde_json::from_value::<ErrorCode>(json).unwrap(), code);
        }
    }
}
