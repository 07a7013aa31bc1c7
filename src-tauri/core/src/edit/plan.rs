//! The plan's details and its protocol order settings.

use super::known_organisation;
use crate::error::{CoreError, Result};
use crate::forms::PlanForm;
use crate::limits::{MAX_IGNORED_WORD, MAX_IGNORED_WORDS};
use crate::model::Plan;
use crate::store::{ProtocolSettings, Store};

pub fn update_plan(store: &mut Store, form: &PlanForm) -> Result<Plan> {
    let plan = form.validate().map_err(CoreError::Invalid)?;
    if let Some(title) = store.update_plan(&plan, "Edited the plan details")? {
        return Err(CoreError::invalid(
            "first_day",
            format!("\"{title}\" falls outside these days; change or delete it first."),
        ));
    }
    Ok(plan)
}

/// Saves the protocol settings; words are trimmed and blank ones dropped.
pub fn set_protocol_settings(
    store: &mut Store,
    settings: &ProtocolSettings,
) -> Result<ProtocolSettings> {
    known_organisation(store, settings.host_organisation_id, "host_organisation_id")?;
    let words: Vec<String> = settings
        .ignore_words
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    if let Some(w) = words
        .iter()
        .find(|w| w.contains('|') || w.chars().count() > MAX_IGNORED_WORD)
    {
        return Err(CoreError::invalid(
            "ignore_words",
            format!(
                "\"{w}\" cannot be an ignored word (at most {MAX_IGNORED_WORD} characters, no \"|\")."
            ),
        ));
    }
    if words.len() > MAX_IGNORED_WORDS {
        return Err(CoreError::invalid(
            "ignore_words",
            format!("At most {MAX_IGNORED_WORDS} ignored words."),
        ));
    }
    store.set_protocol_settings(
        &ProtocolSettings {
            host_organisation_id: settings.host_organisation_id,
            ignore_words: words,
        },
        "Changed the protocol order settings",
    )?;
    store.protocol_settings()
}
