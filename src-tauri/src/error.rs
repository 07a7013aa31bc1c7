use plenary_core::{CoreError, FieldProblem};
use serde::Serialize;
use specta::Type;

/// What went wrong, for the UI to switch on: a closed list, generated into
/// TypeScript as a union of its keys, so a check for a code that does not
/// exist fails to compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
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
    NoPlan,
    Io,
    Database,
    /// The system print dialog could not be opened.
    Print,
    /// Never sent by a command: the window's own code for a call that
    /// failed before any command answered (the IPC itself).
    Unexpected,
}

impl From<&CoreError> for ErrorCode {
    fn from(e: &CoreError) -> Self {
        match e {
            CoreError::Missing { .. } => ErrorCode::MissingFile,
            CoreError::NotAPlan { .. } => ErrorCode::NotAPlan,
            CoreError::NewerVersion { .. } => ErrorCode::NewerVersion,
            CoreError::Exists { .. } => ErrorCode::FileExists,
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::Invalid(_) => ErrorCode::Invalid,
            CoreError::Damaged(_) => ErrorCode::Damaged,
            CoreError::Cancelled => ErrorCode::Cancelled,
            CoreError::PinOverrun(_) => ErrorCode::PinOverrun,
            CoreError::Io(_) => ErrorCode::Io,
            CoreError::Database(_) => ErrorCode::Database,
        }
    }
}

/// The one error shape every command returns. `code` is stable for the UI to
/// switch on; `message` is one sentence for people; `fields` places form
/// problems next to their fields.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldProblem>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    pub fn no_plan() -> Self {
        ApiError::new(ErrorCode::NoPlan, "No plan is open.")
    }
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        let fields = match &e {
            CoreError::Invalid(problems) => problems.clone(),
            _ => Vec::new(),
        };
        let message = match &e {
            CoreError::Invalid(problems) if problems.len() == 1 => problems[0].message.clone(),
            CoreError::Invalid(problems) => format!(
                "{} fields need attention: {}",
                problems.len(),
                problems
                    .iter()
                    .map(|p| p.message.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            other => {
                let text = other.to_string();
                let mut chars = text.chars();
                match chars.next() {
                    Some(c) => c.to_uppercase().chain(chars).collect(),
                    None => text,
                }
            }
        };
        ApiError {
            code: ErrorCode::from(&e),
            message,
            fields,
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
