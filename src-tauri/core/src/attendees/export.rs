//! The attendee list of an event, in protocol order, and its CSV export.

use super::csv_file::escape_cell;
use crate::error::{CoreError, Result};
use crate::model::*;
use crate::protocol::{self, Delegation, ProtocolConfig};
use crate::roster;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

/// The attendees of an event, one line each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct AttendeeLine {
    pub person_id: Id,
    pub honorific: String,
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub position: String,
    pub phone: String,
    pub organisation: String,
    pub category: Option<OrgCategory>,
    pub registration: RegistrationStatus,
    pub capacity: String,
    pub days_present: Vec<chrono::NaiveDate>,
}

/// The attendees of `event_id`, by delegation in protocol order (host and
/// co-chairs first), head of delegation first within each.
pub fn attendee_list(store: &Store, event_id: Id) -> Result<Vec<AttendeeLine>> {
    store.event(event_id)?;
    let people: HashMap<Id, Person> = store.people()?.into_iter().map(|p| (p.id, p)).collect();
    let orgs: HashMap<Id, Organisation> = store
        .organisations()?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let status: HashMap<Id, ParticipationStatus> = store
        .participations()?
        .into_iter()
        .filter(|p| p.event_id == event_id)
        .map(|p| (p.organisation_id, p.status))
        .collect();
    let cfg = roster::protocol_config(store, event_id)?;
    let mut lines: Vec<(Option<Delegation>, AttendeeLine)> = store
        .attendance()?
        .into_iter()
        .filter(|a| a.event_id == event_id)
        .filter_map(|a| {
            let p = people.get(&a.person_id)?;
            let org = p.organisation_id.and_then(|id| orgs.get(&id));
            let delegation = org.map(|o| Delegation {
                organisation_id: o.id,
                name: o.name.clone(),
                official_name: o.official_name.clone(),
                category: o.category,
                status: status
                    .get(&o.id)
                    .copied()
                    .unwrap_or(ParticipationStatus::Guest),
            });
            Some((
                delegation,
                AttendeeLine {
                    person_id: p.id,
                    honorific: p.honorific.clone(),
                    given_name: p.given_name.clone(),
                    family_name: p.family_name.clone(),
                    email: p.email.clone(),
                    position: p.position.clone(),
                    phone: p.phone.clone(),
                    organisation: org.map(|o| o.name.clone()).unwrap_or_default(),
                    category: org.map(|o| o.category),
                    registration: a.registration,
                    capacity: a.capacity.clone(),
                    days_present: a.days_present.clone(),
                },
            ))
        })
        .collect();
    sort_in_protocol_order(&mut lines, &cfg);
    Ok(lines.into_iter().map(|(_, l)| l).collect())
}

/// Delegations in protocol order (people of no organisation last); within
/// each, in protocol order of members (`protocol::member_key`).
fn sort_in_protocol_order(lines: &mut [(Option<Delegation>, AttendeeLine)], cfg: &ProtocolConfig) {
    lines.sort_by_cached_key(|(d, l)| {
        (
            d.is_none(),
            d.as_ref().map(|d| protocol::key(d, cfg)),
            protocol::member_key(&l.capacity, &l.family_name, &l.given_name, l.person_id),
        )
    });
}

/// Writes the event's attendee list, in protocol order, as CSV at `out`;
/// returns how many people it lists.
pub fn export_csv(store: &Store, event_id: Id, out: &std::path::Path) -> Result<u32> {
    let lines = attendee_list(store, event_id)?;
    std::fs::write(out, attendee_csv(&lines)).map_err(|e| {
        CoreError::invalid(
            "out",
            format!("{} could not be written: {e}", out.display()),
        )
    })?;
    Ok(lines.len() as u32)
}

/// The list as CSV, with headers that re-import to the same fields.
pub fn attendee_csv(lines: &[AttendeeLine]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "Title",
        "First Name",
        "Last Name",
        "Email",
        "Organisation",
        "Category",
        "Position",
        "Phone",
        "Registration",
        "Capacity",
        "Days present",
    ]);
    for l in lines {
        let days: Vec<String> = l.days_present.iter().map(|d| d.to_string()).collect();
        let cells = [
            l.honorific.clone(),
            l.given_name.clone(),
            l.family_name.clone(),
            l.email.clone(),
            l.organisation.clone(),
            l.category
                .map(|c| c.label().to_string())
                .unwrap_or_default(),
            l.position.clone(),
            l.phone.clone(),
            l.registration.label().to_string(),
            l.capacity.clone(),
            days.join(" "),
        ];
        let _ = w.write_record(cells.iter().map(|c| escape_cell(c)));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
