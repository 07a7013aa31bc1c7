//! Edits to the plan: each checks what it is given (forms through
//! `crate::forms`, the rest here) against the plan, then writes it through
//! the store as one undoable step, named in the words undo shows.
//! Moving and re-timing sessions are the planner's; imports and speaking
//! lists have their own modules.

pub mod attendance;
pub mod delegations;
pub mod events;
pub mod organisations;
pub mod people;
pub mod plan;
pub mod roles;
pub mod rooms;
pub mod sessions;

use crate::error::{CoreError, Result};
use crate::model::Id;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use specta::Type;

/// What deleting a record would also change, in words, before the user confirms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Impact {
    /// The record, as users know it.
    pub name: String,
    /// One line per kind of thing affected; empty when nothing refers to it.
    pub lines: Vec<String>,
}

/// "1 person", "3 people".
fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Up to three session titles and how many more, for impact lines.
fn titles(all: &[String]) -> String {
    let mut shown: Vec<String> = all.iter().take(3).map(|t| format!("“{t}”")).collect();
    if all.len() > 3 {
        shown.push(format!("and {} more", all.len() - 3));
    }
    shown.join(", ")
}

/// Refuses, for `field`, an organisation the plan does not have.
pub(crate) fn known_organisation(store: &Store, id: Option<Id>, field: &str) -> Result<()> {
    if let Some(id) = id {
        if store.organisation(id).is_err() {
            return Err(CoreError::invalid(
                field,
                format!("Organisation {id} is not in this plan."),
            ));
        }
    }
    Ok(())
}

/// Refuses, for `field`, a person the plan does not have.
pub(crate) fn known_person(store: &Store, id: Option<Id>, field: &str) -> Result<()> {
    if let Some(id) = id {
        if store.person(id).is_err() {
            return Err(CoreError::invalid(
                field,
                format!("Person {id} is not in this plan."),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
