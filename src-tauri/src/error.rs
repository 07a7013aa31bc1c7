use plenary_core::{CoreError, FieldProblem};
use serde::Serialize;
use specta::Type;

/// The codes are plenary-core's one list; commands add `no_plan` and `print`,
/// and the window alone uses `unexpected`.
pub use plenary_core::ErrorCode;

/// The one error shape every command returns. `code` is stable for the UI to
/// switch on; `message` is one sentence for people; `fields` places form
/// problems next to their fields.
#[derive(Debug, Clone, Type)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldProblem>,
}

/// Every command's error reaches the window through this, so it is where a
/// fault is written to the log (its code only: the message may quote the plan).
impl Serialize for ApiError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        crate::log_file::command_failed(self.code);
        let mut s = serializer.serialize_struct("ApiError", 3)?;
        s.serialize_field("code", &self.code)?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("fields", &self.fields)?;
        s.end()
    }
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
            code: e.code(),
            message,
            fields,
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
