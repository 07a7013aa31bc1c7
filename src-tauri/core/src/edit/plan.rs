//! The plan's details and its protocol order settings.

use super::known_organisation;
use crate::error::{CoreError, Result};
use crate::forms::PlanForm;
use crate::limits::{MAX_IGNORED_WORD, MAX_IGNORED_WORDS};
use crate::model::Plan;
use crate::store::{ProtocolSettings, Store};

/// "Edited the plan details", or what changed of how dates are read and
/// roles listed.
fn summary(before: &Plan, plan: &Plan) -> String {
    let mut parts = Vec::new();
    let others = Plan {
        date_order: before.date_order,
        group_roles: before.group_roles,
        check_panel_gender: before.check_panel_gender,
        ..plan.clone()
    };
    if others != *before {
        parts.push("Edited the plan details".to_string());
    }
    if plan.date_order != before.date_order {
        let order = plan.date_order.label();
        let short = order.split(" (").next().unwrap_or(order).to_lowercase();
        parts.push(format!("dates written with numbers now read {short}"));
    }
    if plan.group_roles != before.group_roles {
        parts.push(if plan.group_roles {
            "roles now grouped by type".to_string()
        } else {
            "roles now listed in the order entered".to_string()
        });
    }
    if plan.check_panel_gender != before.check_panel_gender {
        parts.push(if plan.check_panel_gender {
            "panels of one gender now flagged".to_string()
        } else {
            "panels of one gender no longer flagged".to_string()
        });
    }
    let text = parts.join("; ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Edited the plan details".to_string(),
    }
}

pub fn update_plan(store: &mut Store, form: &PlanForm) -> Result<Plan> {
    let plan = form.validate().map_err(CoreError::Invalid)?;
    let before = store.plan()?;
    if let Some(title) = store.update_plan(&plan, &summary(&before, &plan))? {
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
