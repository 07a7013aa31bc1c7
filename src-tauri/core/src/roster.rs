//! Read models for the people of one event: its delegations in protocol
//! order, and the check-in desk for one day.

use crate::error::{CoreError, Result};
use crate::fold::{fold, name_words};
use crate::model::*;
use crate::protocol::{self, Delegation, ProtocolConfig};
use crate::store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Delegate {
    pub person_id: Id,
    pub name: String,
    pub position: String,
    pub email: String,
    pub capacity: String,
    pub registration: RegistrationStatus,
    pub days_present: Vec<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct DelegationView {
    pub organisation: Organisation,
    /// None: people of this organisation are registered but it has no
    /// participation entry for the event.
    pub status: Option<ParticipationStatus>,
    pub level: String,
    /// In protocol order (`protocol::member_key`): by capacity, head of
    /// delegation first, then by family and given name.
    pub members: Vec<Delegate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Roster {
    pub event: Event,
    /// In protocol order: co-chairs first, then members, observers, and the rest.
    pub delegations: Vec<DelegationView>,
    /// Registered people without an organisation.
    pub unaffiliated: Vec<Delegate>,
}

/// How protocol orders an event's delegations: the host (when set), then
/// the event's co-chairs, first; the plan's ignored leading words.
pub fn protocol_config(store: &Store, event_id: Id) -> Result<ProtocolConfig> {
    let settings = store.protocol_settings()?;
    let mut first: Vec<Id> = settings.host_organisation_id.into_iter().collect();
    for c in store.cochairs()?.iter().filter(|c| c.event_id == event_id) {
        if !first.contains(&c.organisation_id) {
            first.push(c.organisation_id);
        }
    }
    Ok(ProtocolConfig {
        first,
        // sort_name matches a prefix with its following space.
        ignore_prefixes: settings
            .ignore_words
            .iter()
            .map(|w| format!("{w} "))
            .collect(),
    })
}

/// The plan's ignored leading words, as `ProtocolConfig` takes them.
pub fn protocol_config_words(store: &Store) -> Result<Vec<String>> {
    Ok(store
        .protocol_settings()?
        .ignore_words
        .iter()
        .map(|w| format!("{w} "))
        .collect())
}

pub fn roster(store: &Store, event_id: Id) -> Result<Roster> {
    let event = store.event(event_id)?;
    let (mut by_org, unaffiliated) = delegations(store, event_id)?;
    let cfg = protocol_config(store, event_id)?;
    let mut order: Vec<Delegation> = by_org
        .values()
        .map(|v| Delegation {
            organisation_id: v.organisation.id,
            name: v.organisation.name.clone(),
            official_name: v.organisation.official_name.clone(),
            category: v.organisation.category,
            status: v.status.unwrap_or(ParticipationStatus::Guest),
        })
        .collect();
    protocol::order(&mut order, &cfg);
    let delegations = order
        .iter()
        .filter_map(|d| by_org.remove(&d.organisation_id))
        .collect();
    Ok(Roster {
        event,
        delegations,
        unaffiliated,
    })
}

/// The event's delegations by organisation, each with its registered
/// people in protocol order, and the registered people of no organisation,
/// in the same order.
fn delegations(
    store: &Store,
    event_id: Id,
) -> Result<(HashMap<Id, DelegationView>, Vec<Delegate>)> {
    let orgs: HashMap<Id, Organisation> = store
        .organisations()?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let people: HashMap<Id, Person> = store.people()?.into_iter().map(|p| (p.id, p)).collect();
    let mut by_org: HashMap<Id, DelegationView> = HashMap::new();
    for p in store
        .participations()?
        .into_iter()
        .filter(|p| p.event_id == event_id)
    {
        if let Some(o) = orgs.get(&p.organisation_id) {
            by_org.insert(
                o.id,
                DelegationView {
                    organisation: o.clone(),
                    status: Some(p.status),
                    level: p.level,
                    members: Vec::new(),
                },
            );
        }
    }
    let mut unaffiliated = Vec::new();
    for a in store
        .attendance()?
        .into_iter()
        .filter(|a| a.event_id == event_id)
    {
        let Some(p) = people.get(&a.person_id) else {
            continue;
        };
        let d = Delegate {
            person_id: p.id,
            name: p.display_name(),
            position: p.position.clone(),
            email: p.email.clone(),
            capacity: a.capacity,
            registration: a.registration,
            days_present: a.days_present,
        };
        match p.organisation_id.and_then(|id| orgs.get(&id)) {
            Some(o) => by_org
                .entry(o.id)
                .or_insert_with(|| DelegationView {
                    organisation: o.clone(),
                    status: None,
                    level: String::new(),
                    members: Vec::new(),
                })
                .members
                .push(d),
            None => unaffiliated.push(d),
        }
    }
    let in_order = |members: &mut Vec<Delegate>| {
        members.sort_by_cached_key(|m| {
            let p = people.get(&m.person_id);
            let name = |f: fn(&Person) -> &str| p.map(f).unwrap_or_default();
            protocol::member_key(
                &m.capacity,
                name(|p| &p.family_name),
                name(|p| &p.given_name),
                m.person_id,
            )
        })
    };
    for v in by_org.values_mut() {
        in_order(&mut v.members);
    }
    in_order(&mut unaffiliated);
    Ok((by_org, unaffiliated))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct DeskLine {
    pub person_id: Id,
    pub name: String,
    /// Family name first, folded (`fold`), for the desk's alphabetical tabs;
    /// the desk's order is `fold::person_sort_key`.
    pub sort_key: String,
    /// The name folded, its words apart by single spaces: a search word that
    /// starts one of them finds the person before others.
    pub search_name: String,
    /// Name, organisation, acronym and email, folded: what the desk's search
    /// looks in, with the typed words folded by the same rule.
    pub search_text: String,
    pub organisation: String,
    pub acronym: String,
    pub category: Option<OrgCategory>,
    pub capacity: String,
    pub registration: RegistrationStatus,
    pub email: String,
    pub present: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct DeskCount {
    /// None counts people without an organisation.
    pub category: Option<OrgCategory>,
    pub label: String,
    pub present: u32,
    /// Registered and not declined.
    pub expected: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Desk {
    pub event: Event,
    pub day: NaiveDate,
    pub lines: Vec<DeskLine>,
    pub counts: Vec<DeskCount>,
    pub present: u32,
    pub expected: u32,
}

/// The plan's wall clock at the instant `utc` (check-in times are kept in it).
pub fn wall_clock(plan: &Plan, utc: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDateTime {
    plan.wall_clock(utc)
}

/// Today's date on the plan's wall clock, `now` being this moment.
pub fn plan_today(plan: &Plan, now: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    wall_clock(plan, now).date()
}

/// The day the desk opens on: `today` while the event runs, else its nearest day.
pub fn desk_day(event: &Event, today: NaiveDate) -> NaiveDate {
    today.clamp(event.first_day, event.last_day)
}

/// The check-in desk for one day of an event: everyone registered, in
/// family-name order, and who is in today, counted by category.
pub fn desk(store: &Store, event_id: Id, day: NaiveDate) -> Result<Desk> {
    let event = store.event(event_id)?;
    if day < event.first_day || day > event.last_day {
        return Err(CoreError::invalid(
            "day",
            format!(
                "{} does not run on {day} ({}).",
                event.title,
                crate::forms::day_span(event.first_day, event.last_day)
            ),
        ));
    }
    let orgs: HashMap<Id, Organisation> = store
        .organisations()?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let people: HashMap<Id, Person> = store.people()?.into_iter().map(|p| (p.id, p)).collect();
    let mut lines: Vec<(String, DeskLine)> = store
        .attendance()?
        .into_iter()
        .filter(|a| a.event_id == event_id)
        .filter_map(|a| {
            let p = people.get(&a.person_id)?;
            let org = p.organisation_id.and_then(|id| orgs.get(&id));
            let name = p.display_name();
            let organisation = org.map(|o| o.name.clone()).unwrap_or_default();
            let acronym = org.map(|o| o.acronym.clone()).unwrap_or_default();
            Some((
                crate::fold::person_sort_key(&p.family_name, &p.given_name),
                DeskLine {
                    person_id: p.id,
                    sort_key: fold(&format!("{}, {}", p.family_name, p.given_name)),
                    search_name: name_words(&name),
                    search_text: fold(&format!("{name} {organisation} {acronym} {}", p.email)),
                    name,
                    organisation,
                    acronym,
                    category: org.map(|o| o.category),
                    capacity: a.capacity.clone(),
                    registration: a.registration,
                    email: p.email.clone(),
                    present: a.days_present.contains(&day),
                },
            ))
        })
        .collect();
    lines.sort_by(|(a_key, a), (b_key, b)| a_key.cmp(b_key).then(a.person_id.cmp(&b.person_id)));
    let lines: Vec<DeskLine> = lines.into_iter().map(|(_, l)| l).collect();
    let counts = desk_counts(&lines);
    Ok(Desk {
        present: counts.iter().map(|c| c.present).sum(),
        expected: counts.iter().map(|c| c.expected).sum(),
        event,
        day,
        lines,
        counts,
    })
}

/// Who is in and who is expected, by category; categories with neither left out.
fn desk_counts(lines: &[DeskLine]) -> Vec<DeskCount> {
    let mut counts: Vec<DeskCount> = OrgCategory::ALL
        .iter()
        .map(|c| Some(*c))
        .chain([None])
        .map(|category| DeskCount {
            category,
            label: category
                .map(|c| c.label())
                .unwrap_or("No organisation")
                .into(),
            present: 0,
            expected: 0,
        })
        .collect();
    for l in lines {
        // Every category has a count, so a line is never left out.
        let Some(slot) = counts.iter_mut().find(|c| c.category == l.category) else {
            continue;
        };
        if l.present {
            slot.present += 1;
        }
        if l.registration != RegistrationStatus::Declined {
            slot.expected += 1;
        }
    }
    counts.retain(|c| c.present > 0 || c.expected > 0);
    counts
}

// The list of participants: the printed list and the summary's annex.

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Member {
    pub name: String,
    pub position: String,
    pub capacity: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct DelegationBlock {
    pub name: String,
    /// Counted by, not printed.
    #[serde(skip, default = "counted_later")]
    #[specta(skip)]
    pub category: OrgCategory,
    pub level: String,
    pub members: Vec<Member>,
}

/// A layout read back has no use for the category it was counted by.
fn counted_later() -> OrgCategory {
    OrgCategory::Secretariat
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ParticipantGroup {
    pub heading: String,
    pub delegations: Vec<DelegationBlock>,
}

fn group_heading(
    status: Option<ParticipationStatus>,
    category: OrgCategory,
    first: bool,
) -> String {
    if first {
        return RoleKind::CoChair.group_label(2);
    }
    let heading = match protocol::group(status.unwrap_or(ParticipationStatus::Guest), category) {
        0 | 1 => "Members",
        2 | 3 => "Observers",
        4 => "Guests",
        5 => "International organisations",
        6 => "Intergovernmental forums and processes",
        7 => "Local authorities",
        8 => "Civil society",
        9 => "Private sector",
        10 => "Programmes, workstreams and other bodies",
        _ => "Secretariat",
    };
    heading.to_string()
}

/// Delegations in protocol order grouped under their headings, with their
/// people who have not declined; `first` are the co-chairs (and host), who
/// head the list. The printed list and the summary's annex both read this.
pub fn participant_groups(delegations: &[DelegationView], first: &[Id]) -> Vec<ParticipantGroup> {
    let mut groups: Vec<ParticipantGroup> = Vec::new();
    for d in delegations {
        let listed: Vec<Member> = d
            .members
            .iter()
            .filter(|m| m.registration != RegistrationStatus::Declined)
            .map(|m| Member {
                name: m.name.clone(),
                position: m.position.clone(),
                capacity: m.capacity.clone(),
            })
            .collect();
        if listed.is_empty() && d.status.is_none() {
            continue;
        }
        let heading = group_heading(
            d.status,
            d.organisation.category,
            first.contains(&d.organisation.id),
        );
        if groups.last().is_none_or(|g| g.heading != heading) {
            groups.push(ParticipantGroup {
                heading,
                delegations: Vec::new(),
            });
        }
        groups
            .last_mut()
            .expect("pushed")
            .delegations
            .push(DelegationBlock {
                name: d.organisation.name.clone(),
                category: d.organisation.category,
                level: d.level.clone(),
                members: listed,
            });
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn sample_roster_puts_cochairs_first_and_counts_match_the_summary() {
        let store = sample::sample_in_memory().unwrap();
        let event = store.events().unwrap()[0].clone();
        let r = roster(&store, event.id).unwrap();
        let cfg = protocol_config(&store, event.id).unwrap();
        assert!(!cfg.first.is_empty());
        let firsts: Vec<Id> = r
            .delegations
            .iter()
            .take(cfg.first.len())
            .map(|d| d.organisation.id)
            .collect();
        assert_eq!(firsts, cfg.first);
        let members = r
            .delegations
            .iter()
            .filter(|d| d.status == Some(ParticipationStatus::Member))
            .count();
        assert_eq!(members, 17);
    }

    #[test]
    fn a_host_goes_first_and_ignored_words_are_the_plans() {
        let mut store = sample::sample_in_memory().unwrap();
        let event = store.events().unwrap()[0].clone();
        let cambodia = store
            .organisations()
            .unwrap()
            .into_iter()
            .find(|o| o.name == "Cambodia")
            .unwrap();
        let saved = crate::edit::plan::set_protocol_settings(
            &mut store,
            &crate::store::ProtocolSettings {
                host_organisation_id: Some(cambodia.id),
                ignore_words: vec![" The ".into(), "".into(), "Kingdom of".into()],
            },
        )
        .unwrap();
        assert_eq!(saved.ignore_words, vec!["The", "Kingdom of"]);
        let r = roster(&store, event.id).unwrap();
        assert_eq!(r.delegations[0].organisation.name, "Cambodia");
        let cfg = protocol_config(&store, event.id).unwrap();
        assert_eq!(cfg.ignore_prefixes, vec!["The ", "Kingdom of "]);
        let err = crate::edit::plan::set_protocol_settings(
            &mut store,
            &crate::store::ProtocolSettings {
                host_organisation_id: None,
                ignore_words: vec!["a|b".into()],
            },
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("ignore_words: "), "{err}");
        store.undo().unwrap();
        assert_eq!(
            store.protocol_settings().unwrap().host_organisation_id,
            None
        );
    }

    #[test]
    fn desk_counts_follow_check_ins() {
        let mut store = sample::sample_in_memory().unwrap();
        let event = store.events().unwrap()[0].clone();
        let person = store.people().unwrap()[0].clone();
        let day = event.first_day;
        crate::edit::attendance::set_registration(
            &mut store,
            event.id,
            person.id,
            Some(RegistrationStatus::Confirmed),
            "",
        )
        .unwrap();
        let before = desk(&store, event.id, day).unwrap();
        let at = day.and_hms_opt(8, 30, 0).unwrap();
        crate::edit::attendance::check_in(&mut store, event.id, person.id, day, true, at).unwrap();
        let after = desk(&store, event.id, day).unwrap();
        assert_eq!(after.present, before.present + 1);
        assert!(after
            .lines
            .iter()
            .any(|l| l.person_id == person.id && l.present));
        // The next day starts empty.
        if event.last_day > day {
            let next = desk(&store, event.id, day.succ_opt().unwrap()).unwrap();
            assert!(!next
                .lines
                .iter()
                .any(|l| l.person_id == person.id && l.present));
        }
        crate::edit::attendance::check_in(&mut store, event.id, person.id, day, false, at).unwrap();
        assert_eq!(desk(&store, event.id, day).unwrap().present, before.present);
    }

    #[test]
    fn desk_lines_carry_their_folded_search_text_and_sort_by_it() {
        let mut store = sample::sample_in_memory().unwrap();
        let event = store.events().unwrap()[0].clone();
        let iom = store
            .organisations()
            .unwrap()
            .into_iter()
            .find(|o| o.acronym == "IOM")
            .unwrap();
        for (given, family, org, email) in [
            ("Thị Hoà", "Nguyễn", None, "hoa@example.org"),
            ("Zeynep", "Öztürk", Some(iom.id), "zeynep@example.org"),
        ] {
            let p = crate::edit::people::create_person(
                &mut store,
                &crate::forms::PersonForm {
                    honorific: "Ms".into(),
                    given_name: given.into(),
                    family_name: family.into(),
                    organisation_id: org,
                    email: email.into(),
                    ..Default::default()
                },
            )
            .unwrap();
            crate::edit::attendance::set_registration(
                &mut store,
                event.id,
                p.id,
                Some(RegistrationStatus::Registered),
                "",
            )
            .unwrap();
        }
        let d = desk(&store, event.id, event.first_day).unwrap();
        let line = |name: &str| d.lines.iter().find(|l| l.name == name).unwrap();
        let hoa = line("Ms Thị Hoà Nguyễn");
        assert_eq!(hoa.sort_key, "nguyen, thi hoa");
        assert_eq!(hoa.search_name, "ms thi hoa nguyen");
        let zeynep = line("Ms Zeynep Öztürk");
        assert_eq!(zeynep.sort_key, "ozturk, zeynep");
        assert_eq!(
            zeynep.search_text,
            "ms zeynep ozturk international organization for migration iom zeynep@example.org"
        );
        // Among the O's, not after the Z's: by family name, then given name.
        let keys: Vec<&str> = d.lines.iter().map(|l| l.sort_key.as_str()).collect();
        assert!(keys.iter().any(|k| k > &"ozturk"), "{keys:?}");
        let people: HashMap<Id, Person> = store
            .people()
            .unwrap()
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let order: Vec<String> = d
            .lines
            .iter()
            .map(|l| {
                let p = &people[&l.person_id];
                crate::fold::person_sort_key(&p.family_name, &p.given_name)
            })
            .collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
    }

    #[test]
    fn the_roster_and_the_attendee_list_order_people_alike() {
        let mut store = sample::sample_in_memory().unwrap();
        let event = store.events().unwrap()[0].clone();
        let fiji = store
            .organisations()
            .unwrap()
            .into_iter()
            .find(|o| o.name == "Fiji")
            .unwrap();
        for (honorific, given, family, capacity) in [
            ("H.E. Ms", "Zara", "Young", "delegate"),
            ("Mr", "Adam", "Brown", "Delegate"),
            ("Ms", "Ana", "Öberg", "delegate"),
            ("Dr", "Ravi", "Naidu", "Head of Delegation"),
            ("Mr", "Sam", "Cole", "adviser"),
        ] {
            let p = crate::edit::people::create_person(
                &mut store,
                &crate::forms::PersonForm {
                    honorific: honorific.into(),
                    given_name: given.into(),
                    family_name: family.into(),
                    organisation_id: Some(fiji.id),
                    ..Default::default()
                },
            )
            .unwrap();
            crate::edit::attendance::set_registration(
                &mut store,
                event.id,
                p.id,
                Some(RegistrationStatus::Registered),
                capacity,
            )
            .unwrap();
        }
        let r = roster(&store, event.id).unwrap();
        let fijians: Vec<&str> = r
            .delegations
            .iter()
            .find(|d| d.organisation.id == fiji.id)
            .unwrap()
            .members
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(
            fijians,
            vec![
                "Dr Ravi Naidu",
                "Mr Sam Cole",
                "Mr Adam Brown",
                "Ms Ana Öberg",
                "H.E. Ms Zara Young"
            ]
        );
        let listed: Vec<String> = crate::attendees::export::attendee_list(&store, event.id)
            .unwrap()
            .into_iter()
            .filter(|l| l.organisation == "Fiji")
            .map(|l| display_name([l.honorific.as_str(), &l.given_name, &l.family_name]))
            .collect();
        assert_eq!(listed, fijians);
        // Delegations come in the same order too.
        let orgs: Vec<String> = r
            .delegations
            .iter()
            .filter(|d| !d.members.is_empty())
            .map(|d| d.organisation.name.clone())
            .collect();
        let mut from_list: Vec<String> = Vec::new();
        for l in crate::attendees::export::attendee_list(&store, event.id).unwrap() {
            if !l.organisation.is_empty() && from_list.last() != Some(&l.organisation) {
                from_list.push(l.organisation);
            }
        }
        assert_eq!(from_list, orgs);
    }

    #[test]
    fn wall_clock_and_desk_day() {
        let store = sample::sample_in_memory().unwrap();
        let plan = store.plan().unwrap();
        let utc = chrono::DateTime::parse_from_rfc3339("2024-11-18T01:30:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        // Asia/Bangkok is UTC+7.
        assert_eq!(wall_clock(&plan, utc).to_string(), "2024-11-18 08:30:00");
        // 18:00 UTC on the 17th is already the 18th in Bangkok; a bad zone falls back to UTC.
        let late = chrono::DateTime::parse_from_rfc3339("2024-11-17T18:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        for (zone, want) in [
            ("Asia/Bangkok", "2024-11-18"),
            ("Not/AZone", "2024-11-17"),
            ("America/New_York", "2024-11-17"),
        ] {
            let p = Plan {
                time_zone: zone.into(),
                ..plan.clone()
            };
            assert_eq!(plan_today(&p, late).to_string(), want, "{zone}");
        }
        let event = store.events().unwrap()[0].clone();
        let before = event.first_day.pred_opt().unwrap();
        let after = event.last_day.succ_opt().unwrap();
        assert_eq!(desk_day(&event, before), event.first_day);
        assert_eq!(desk_day(&event, after), event.last_day);
        assert_eq!(desk_day(&event, event.first_day), event.first_day);
    }

    #[test]
    fn desk_refuses_a_day_outside_the_event() {
        let store = sample::sample_in_memory().unwrap();
        let event = store.events().unwrap()[0].clone();
        let err = desk(&store, event.id, event.last_day.succ_opt().unwrap()).unwrap_err();
        assert!(err.to_string().contains("does not run on"), "{err}");
    }
}
