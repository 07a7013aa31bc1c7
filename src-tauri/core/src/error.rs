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
    /// A stable code that callers (the UI, the CLI) can switch on.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Missing { .. } => "missing_file",
            CoreError::NotAPlan { .. } => "not_a_plan",
            CoreError::NewerVersion { .. } => "newer_version",
            CoreError::Exists { .. } => "file_exists",
            CoreError::NotFound { .. } => "not_found",
            CoreError::Invalid(_) => "invalid",
            CoreError::Damaged(_) => "damaged",
            CoreError::Cancelled => "cancelled",
            CoreError::PinOverrun(_) => "pin_overrun",
            CoreError::Io(_) => "io",
            CoreError::Database(_) => "database",
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        CoreError::Invalid(vec![FieldProblem::new(field, message)])
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
