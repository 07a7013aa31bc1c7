//! Plenary's domain: the model, the plan file, agendas, checks and the
//! sample plan. Knows nothing of windows or IPC; takes `now` and time zones
//! as inputs and reports problems as data.

pub mod agenda;
pub mod attendees;
pub mod board;
pub mod check;
pub mod edit;
pub mod error;
pub mod fold;
pub mod forms;
pub mod interop;
pub mod limits;
pub mod live;
pub mod merge;
pub mod model;
pub mod planner;
pub mod print;
pub mod protocol;
pub mod report;
pub mod roster;
pub mod run;
pub mod sample;
pub mod speaking;
pub mod stats;
pub mod store;
pub mod summary;
pub mod synth;
pub mod text;
pub mod vocabulary;
pub mod when;

pub use error::{CoreError, ErrorCode, FieldProblem, Result};
pub use store::Store;
