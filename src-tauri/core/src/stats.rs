//! Meeting statistics for one event or the whole week: delegations and
//! people by status and category (counted from each event's roster, as the
//! Delegations page and the printed list count them), check-ins by day,
//! levels of representation, who speaks by category, each person's and
//! organisation's speaking load, and the gender balance of speakers, where
//! a gender is recorded. Nothing here guesses a gender.

use crate::check::panellist_role;
use crate::error::Result;
use crate::fold::{fold, person_sort_key, sort_key};
use crate::model::*;
use crate::roster::{self, Delegate};
use crate::store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The key of a count row for what has no status or no organisation.
pub const NONE_KEY: &str = "none";

/// Delegations and their people under one status or category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct GroupCount {
    /// A `ParticipationStatus` or `OrgCategory` key, or "none".
    pub key: String,
    pub label: String,
    pub delegations: u32,
    /// Registered people of those delegations who have not declined.
    pub people: u32,
}

/// Delegations represented at one level ("Senior official").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct LevelCount {
    pub level: String,
    pub delegations: u32,
}

/// People checked in on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct DayCount {
    pub day: NaiveDate,
    pub people: u32,
}

/// Session roles held by one category of organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SpeakerCount {
    /// An `OrgCategory` key, or "none" for people of no organisation.
    pub key: String,
    pub label: String,
    pub roles: u32,
    /// Different people (or organisations holding a role with no one named).
    pub speakers: u32,
}

/// How much one person or organisation is on stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Load {
    pub id: Id,
    pub name: String,
    /// A person's organisation; an organisation's category.
    pub detail: String,
    pub roles: u32,
    /// The lengths of the scheduled sessions they hold a role in, added.
    pub minutes: u32,
    pub turns: u32,
}

/// People by recorded gender; those with none recorded are counted apart.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct GenderCount {
    pub woman: u32,
    pub man: u32,
    pub another: u32,
    pub not_recorded: u32,
}

impl GenderCount {
    fn add(&mut self, g: Option<Gender>) {
        match g {
            Some(Gender::Woman) => self.woman += 1,
            Some(Gender::Man) => self.man += 1,
            Some(Gender::Another) => self.another += 1,
            None => self.not_recorded += 1,
        }
    }

    pub fn total(&self) -> u32 {
        self.woman + self.man + self.another + self.not_recorded
    }
}

/// The panellists of one panel by gender (as the panel check counts them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct PanelGender {
    pub session_id: Id,
    pub title: String,
    /// "Mon 18 Nov 10:00–11:30", or the day alone, or blank.
    pub when: String,
    pub gender: GenderCount,
}

/// One event's totals, for the week's table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct EventLine {
    pub event_id: Id,
    pub title: String,
    pub delegations: u32,
    pub people: u32,
    pub checked_in: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Stats {
    /// None: the whole week.
    pub event_id: Option<Id>,
    /// The event's title, or "The whole week".
    pub scope: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Each event's totals; on one event, that event alone.
    pub events: Vec<EventLine>,
    pub delegations: u32,
    pub people: u32,
    /// Vocabulary order, "none" (registered, no participation entry) last;
    /// a delegation in several events counts under its first status in
    /// that order. Empty rows left out.
    pub by_status: Vec<GroupCount>,
    /// Delegations with a participation entry, in vocabulary order.
    pub by_category: Vec<GroupCount>,
    /// Biggest first; a delegation represented at two levels in the week
    /// counts at each.
    pub levels: Vec<LevelCount>,
    /// Delegations with a participation entry but no level given.
    pub levels_not_given: u32,
    /// Every day of the scope, days with no one included.
    pub check_ins: Vec<DayCount>,
    /// People checked in on at least one day.
    pub checked_in: u32,
    /// Vocabulary order, "none" last; roles by the organisation they name,
    /// else their person's.
    pub speakers_by_category: Vec<SpeakerCount>,
    /// Biggest load first (roles, then minutes, then turns), then by name.
    pub people_load: Vec<Load>,
    pub organisation_load: Vec<Load>,
    /// Everyone holding a session role or a speaking turn, once each.
    pub speakers_gender: GenderCount,
    /// Panels naming at least one person as panellist, in time order.
    pub panels: Vec<PanelGender>,
}

/// A delegation in the scope, over its events.
struct Seen {
    org: Organisation,
    status: Option<ParticipationStatus>,
    levels: BTreeSet<String>,
    people: BTreeSet<Id>,
}

fn first_status(
    a: Option<ParticipationStatus>,
    b: Option<ParticipationStatus>,
) -> Option<ParticipationStatus> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn listed(m: &Delegate) -> bool {
    m.registration != RegistrationStatus::Declined
}

fn when(s: &Session) -> String {
    match (s.start, s.end, s.day) {
        (Some(a), Some(b), _) => format!(
            "{} {}–{}",
            a.format("%a %-d %b"),
            a.format("%H:%M"),
            b.format("%H:%M")
        ),
        (_, _, Some(d)) => d.format("%a %-d %b").to_string(),
        _ => String::new(),
    }
}

fn minutes(s: &Session) -> u32 {
    match (s.start, s.end) {
        (Some(a), Some(b)) if b > a => u32::try_from((b - a).num_minutes()).unwrap_or(0),
        _ => 0,
    }
}

fn n(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// The statistics of event `event_id`, or of the whole week.
pub fn stats(store: &Store, event_id: Option<Id>) -> Result<Stats> {
    let plan = store.plan()?;
    let all_events = store.events()?;
    let events: Vec<Event> = match event_id {
        Some(id) => vec![store.event(id)?],
        None => all_events,
    };
    let (scope, first_day, last_day) = match (event_id, events.first()) {
        (Some(_), Some(e)) => (e.title.clone(), e.first_day, e.last_day),
        _ => ("The whole week".to_string(), plan.first_day, plan.last_day),
    };
    let in_scope: HashSet<Id> = events.iter().map(|e| e.id).collect();

    let mut seen: BTreeMap<Id, Seen> = BTreeMap::new();
    let mut people: BTreeSet<Id> = BTreeSet::new();
    let mut present: BTreeMap<NaiveDate, BTreeSet<Id>> = BTreeMap::new();
    let mut lines = Vec::new();
    for e in &events {
        let r = roster::roster(store, e.id)?;
        let mut line = EventLine {
            event_id: e.id,
            title: e.title.clone(),
            delegations: n(r.delegations.len()),
            people: 0,
            checked_in: 0,
        };
        let mut event_people = BTreeSet::new();
        let mut event_present = BTreeSet::new();
        let members = r
            .delegations
            .iter()
            .flat_map(|d| &d.members)
            .chain(&r.unaffiliated);
        for m in members.filter(|m| listed(m)) {
            event_people.insert(m.person_id);
            for day in &m.days_present {
                event_present.insert(m.person_id);
                present.entry(*day).or_default().insert(m.person_id);
            }
        }
        for d in r.delegations {
            let s = seen.entry(d.organisation.id).or_insert_with(|| Seen {
                org: d.organisation.clone(),
                status: None,
                levels: BTreeSet::new(),
                people: BTreeSet::new(),
            });
            s.status = first_status(s.status, d.status);
            if d.status.is_some() {
                s.levels.insert(d.level.trim().to_string());
            }
            s.people
                .extend(d.members.iter().filter(|m| listed(m)).map(|m| m.person_id));
        }
        line.people = n(event_people.len());
        line.checked_in = n(event_present.len());
        people.extend(event_people);
        lines.push(line);
    }

    let mut by_status = Vec::new();
    let statuses = ParticipationStatus::ALL.iter().map(|s| Some(*s));
    for status in statuses.chain([None]) {
        let of: Vec<&Seen> = seen.values().filter(|s| s.status == status).collect();
        if of.is_empty() {
            continue;
        }
        by_status.push(GroupCount {
            key: status.map_or(NONE_KEY, ParticipationStatus::key).into(),
            label: status
                .map_or("No participation entry", ParticipationStatus::label)
                .into(),
            delegations: n(of.len()),
            people: n(of.iter().map(|s| s.people.len()).sum()),
        });
    }
    let mut by_category = Vec::new();
    for cat in OrgCategory::ALL {
        let of: Vec<&Seen> = seen
            .values()
            .filter(|s| s.status.is_some() && s.org.category == *cat)
            .collect();
        if !of.is_empty() {
            by_category.push(GroupCount {
                key: cat.key().into(),
                label: cat.label().into(),
                delegations: n(of.len()),
                people: n(of.iter().map(|s| s.people.len()).sum()),
            });
        }
    }

    // Levels as typed, one row per level whatever its case or accents.
    let mut levels: HashMap<String, LevelCount> = HashMap::new();
    let mut levels_not_given = 0;
    for s in seen.values().filter(|s| s.status.is_some()) {
        let mut given: BTreeMap<String, &String> = BTreeMap::new();
        for l in s.levels.iter().filter(|l| !l.is_empty()) {
            given.entry(fold(l)).or_insert(l);
        }
        if given.is_empty() {
            levels_not_given += 1;
        }
        for (key, l) in given {
            levels
                .entry(key)
                .or_insert_with(|| LevelCount {
                    level: l.clone(),
                    delegations: 0,
                })
                .delegations += 1;
        }
    }
    let mut levels: Vec<LevelCount> = levels.into_values().collect();
    levels.sort_by_cached_key(|l| (std::cmp::Reverse(l.delegations), sort_key(&l.level)));

    let check_ins = first_day
        .iter_days()
        .take_while(|d| *d <= last_day)
        .map(|day| DayCount {
            day,
            people: present.get(&day).map_or(0, |p| n(p.len())),
        })
        .collect();
    let checked_in = n(present.values().flatten().collect::<HashSet<_>>().len());

    let on_stage = speaking(store, &in_scope)?;
    Ok(Stats {
        event_id,
        scope,
        first_day,
        last_day,
        events: lines,
        delegations: n(seen.len()),
        people: n(people.len()),
        by_status,
        by_category,
        levels,
        levels_not_given,
        check_ins,
        checked_in,
        speakers_by_category: on_stage.by_category,
        people_load: on_stage.people,
        organisation_load: on_stage.organisations,
        speakers_gender: on_stage.gender,
        panels: on_stage.panels,
    })
}

struct OnStage {
    by_category: Vec<SpeakerCount>,
    people: Vec<Load>,
    organisations: Vec<Load>,
    gender: GenderCount,
    panels: Vec<PanelGender>,
}

/// A person's or organisation's roles, sessions and turns, while counting.
#[derive(Default)]
struct Tally {
    roles: u32,
    sessions: BTreeSet<Id>,
    turns: u32,
}

/// Who is on stage in the sessions of `events`.
fn speaking(store: &Store, events: &HashSet<Id>) -> Result<OnStage> {
    let sessions: BTreeMap<Id, Session> = store
        .sessions()?
        .into_iter()
        .filter(|s| events.contains(&s.event_id))
        .map(|s| (s.id, s))
        .collect();
    let people: HashMap<Id, Person> = store.people()?.into_iter().map(|p| (p.id, p)).collect();
    let orgs: HashMap<Id, Organisation> = store
        .organisations()?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut by_person: HashMap<Id, Tally> = HashMap::new();
    let mut by_org: HashMap<Id, Tally> = HashMap::new();
    let mut by_category: BTreeMap<usize, (u32, BTreeSet<(bool, Id)>)> = BTreeMap::new();
    let mut panellists: BTreeMap<Id, BTreeSet<Id>> = BTreeMap::new();
    for row in store.all_roles()? {
        let r = &row.role;
        if !sessions.contains_key(&r.session_id) {
            continue;
        }
        let person = r.person_id.and_then(|id| people.get(&id));
        let org_id = r
            .organisation_id
            .or_else(|| person.and_then(|p| p.organisation_id));
        let org = org_id.and_then(|id| orgs.get(&id));
        // No organisation sorts last.
        let cat = org
            .and_then(|o| OrgCategory::ALL.iter().position(|c| *c == o.category))
            .unwrap_or(usize::MAX);
        let who = match (person, org) {
            (Some(p), _) => Some((true, p.id)),
            (None, Some(o)) => Some((false, o.id)),
            (None, None) => None,
        };
        let c = by_category.entry(cat).or_default();
        c.0 += 1;
        c.1.extend(who);
        if let Some(p) = person {
            let t = by_person.entry(p.id).or_default();
            t.roles += 1;
            t.sessions.insert(r.session_id);
            if panellist_role(r.role) {
                panellists.entry(r.session_id).or_default().insert(p.id);
            }
        }
        if let Some(o) = org {
            let t = by_org.entry(o.id).or_default();
            t.roles += 1;
            t.sessions.insert(r.session_id);
        }
    }
    for id in sessions.keys() {
        for slot in store.speaking_list(*id)? {
            by_org.entry(slot.organisation_id).or_default().turns += 1;
            if let Some(p) = slot.person_id {
                by_person.entry(p).or_default().turns += 1;
            }
        }
    }

    let on_stage_minutes = |t: &Tally| -> u32 {
        t.sessions
            .iter()
            .filter_map(|s| sessions.get(s))
            .map(minutes)
            .sum()
    };
    let mut gender = GenderCount::default();
    let mut people_load: Vec<(String, Load)> = Vec::new();
    for (id, t) in &by_person {
        let Some(p) = people.get(id) else { continue };
        gender.add(p.gender);
        let detail = p
            .organisation_id
            .and_then(|o| orgs.get(&o))
            .map(|o| o.name.clone())
            .unwrap_or_default();
        people_load.push((
            person_sort_key(&p.family_name, &p.given_name),
            Load {
                id: *id,
                name: p.display_name(),
                detail,
                roles: t.roles,
                minutes: on_stage_minutes(t),
                turns: t.turns,
            },
        ));
    }
    let org_load: Vec<(String, Load)> = by_org
        .iter()
        .filter_map(|(id, t)| {
            let o = orgs.get(id)?;
            Some((
                sort_key(&o.name),
                Load {
                    id: *id,
                    name: o.name.clone(),
                    detail: o.category.label().into(),
                    roles: t.roles,
                    minutes: on_stage_minutes(t),
                    turns: t.turns,
                },
            ))
        })
        .collect();
    let ranked = |mut v: Vec<(String, Load)>| -> Vec<Load> {
        v.sort_by(|(ka, a), (kb, b)| {
            (b.roles, b.minutes, b.turns)
                .cmp(&(a.roles, a.minutes, a.turns))
                .then_with(|| ka.cmp(kb))
                .then(a.id.cmp(&b.id))
        });
        v.into_iter().map(|(_, l)| l).collect()
    };

    let speakers_by_category = by_category
        .into_iter()
        .map(|(cat, (roles, who))| {
            let cat = OrgCategory::ALL.get(cat).copied();
            SpeakerCount {
                key: cat.map_or(NONE_KEY, OrgCategory::key).into(),
                label: cat.map_or("No organisation", OrgCategory::label).into(),
                roles,
                speakers: n(who.len()),
            }
        })
        .collect();

    let mut panels: Vec<&Session> = sessions
        .values()
        .filter(|s| s.kind == SessionKind::Panel && panellists.contains_key(&s.id))
        .collect();
    panels.sort_by_key(|s| (s.start.is_none(), s.start, s.day, s.id));
    let panels = panels
        .into_iter()
        .map(|s| {
            let mut g = GenderCount::default();
            for p in panellists.get(&s.id).into_iter().flatten() {
                g.add(people.get(p).and_then(|p| p.gender));
            }
            PanelGender {
                session_id: s.id,
                title: s.title.clone(),
                when: when(s),
                gender: g,
            }
        })
        .collect();
    Ok(OnStage {
        by_category: speakers_by_category,
        people: ranked(people_load),
        organisations: ranked(org_load),
        gender,
        panels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::attendance::check_in;

    fn sample() -> Store {
        crate::sample::sample_in_memory().unwrap()
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 11, d).unwrap()
    }

    fn counts(rows: &[GroupCount]) -> Vec<(&str, u32)> {
        rows.iter()
            .map(|r| (r.key.as_str(), r.delegations))
            .collect()
    }

    #[test]
    fn the_sample_weeks_delegations_by_status_and_category() {
        let s = stats(&sample(), None).unwrap();
        type Case<'a> = (&'a str, &'a [(&'a str, u32)], Vec<(&'a str, u32)>);
        let cases: &[Case] = &[
            (
                "status",
                &[
                    ("member", 17),
                    ("observer", 9),
                    ("guest", 11),
                    ("secretariat", 1),
                ],
                counts(&s.by_status),
            ),
            (
                "category",
                &[
                    ("member_state", 13),
                    ("observer_state", 9),
                    ("international_organisation", 4),
                    ("civil_society", 5),
                    ("private_sector", 1),
                    ("programme", 1),
                    ("workstream", 4),
                    ("secretariat", 1),
                ],
                counts(&s.by_category),
            ),
        ];
        for (what, want, got) in cases {
            assert_eq!(got.as_slice(), *want, "{what}");
        }
        assert_eq!((s.scope.as_str(), s.delegations), ("The whole week", 38));
        assert_eq!(s.events.len(), 3);
        assert_eq!(
            s.levels,
            vec![LevelCount {
                level: "Senior official".into(),
                delegations: 6
            }]
        );
        // The sample records no one's gender, and the statistics invent none.
        assert_eq!(s.speakers_gender.total(), s.speakers_gender.not_recorded);
        assert!(s.speakers_gender.total() > 0);
    }

    /// Each event's counts are its roster's, as the Delegations page shows them.
    #[test]
    fn each_events_counts_agree_with_its_roster() {
        let store = sample();
        for e in store.events().unwrap() {
            let s = stats(&store, Some(e.id)).unwrap();
            let r = roster::roster(&store, e.id).unwrap();
            assert_eq!(s.scope, e.title);
            assert_eq!(s.delegations as usize, r.delegations.len(), "{}", e.title);
            for row in &s.by_status {
                let want = r
                    .delegations
                    .iter()
                    .filter(|d| d.status.map_or(NONE_KEY, ParticipationStatus::key) == row.key)
                    .count();
                assert_eq!(row.delegations as usize, want, "{} {}", e.title, row.key);
            }
            let listed: usize = s.by_status.iter().map(|r| r.delegations as usize).sum();
            assert_eq!(listed, r.delegations.len());
            assert_eq!(
                (s.first_day, s.last_day, s.check_ins.len()),
                (
                    e.first_day,
                    e.last_day,
                    (e.last_day - e.first_day).num_days() as usize + 1
                )
            );
        }
    }

    #[test]
    fn check_ins_are_counted_by_day_once_per_person() {
        let mut store = sample();
        let events = store.events().unwrap();
        let people: Vec<Id> = store
            .people()
            .unwrap()
            .iter()
            .map(|p| p.id)
            .take(3)
            .collect();
        let at = day(18).and_hms_opt(9, 0, 0).unwrap();
        let week = stats(&store, None).unwrap();
        assert!(week.check_ins.iter().all(|d| d.people == 0));
        // Three people on the first day, one of them again the next day,
        // and that one also at a second event on that day.
        let first = &events[0];
        for p in &people {
            check_in(&mut store, first.id, *p, first.first_day, true, at).unwrap();
        }
        let both = events
            .iter()
            .filter(|e| e.first_day <= day(19) && e.last_day >= day(19))
            .take(2)
            .collect::<Vec<_>>();
        for e in &both {
            check_in(&mut store, e.id, people[0], day(19), true, at).unwrap();
        }
        let week = stats(&store, None).unwrap();
        let by_day: Vec<(NaiveDate, u32)> =
            week.check_ins.iter().map(|d| (d.day, d.people)).collect();
        assert_eq!(first.first_day, day(18));
        assert_eq!(by_day, vec![(day(18), 3), (day(19), 1), (day(20), 0)]);
        assert_eq!(week.checked_in, 3);
        assert!(week.people >= 3);
        let one = stats(&store, Some(first.id)).unwrap();
        assert_eq!(one.events[0].checked_in, 3);
        // Each event's day agrees with the check-in desk's count.
        for e in &events {
            let one = stats(&store, Some(e.id)).unwrap();
            for d in &one.check_ins {
                let desk = crate::roster::desk(&store, e.id, d.day).unwrap();
                assert_eq!(d.people, desk.present, "{} on {}", e.title, d.day);
            }
        }
    }

    #[test]
    fn speaking_load_counts_roles_minutes_and_turns() {
        let mut store = sample();
        let s = stats(&store, None).unwrap();
        let top = &s.organisation_load[0];
        // Worked out from the plan itself: the roles naming the
        // organisation or one of its people, and their sessions' lengths.
        let people: HashMap<Id, Person> = store
            .people()
            .unwrap()
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let sessions: HashMap<Id, Session> = store
            .sessions()
            .unwrap()
            .into_iter()
            .map(|x| (x.id, x))
            .collect();
        let rows: Vec<_> = store
            .all_roles()
            .unwrap()
            .into_iter()
            .filter(|r| {
                r.role.organisation_id.or_else(|| {
                    r.role
                        .person_id
                        .and_then(|p| people.get(&p))
                        .and_then(|p| p.organisation_id)
                }) == Some(top.id)
            })
            .collect();
        let held: BTreeSet<Id> = rows.iter().map(|r| r.role.session_id).collect();
        let on_stage: u32 = held.iter().map(|id| minutes(&sessions[id])).sum();
        assert_eq!((top.roles, top.minutes), (rows.len() as u32, on_stage));
        assert!(s
            .organisation_load
            .windows(2)
            .all(|w| (w[0].roles, w[0].minutes) >= (w[1].roles, w[1].minutes)));

        // A speaking list gives turns to its delegations and named speakers.
        let two: Vec<Id> = store
            .sessions()
            .unwrap()
            .into_iter()
            .filter(|x| x.kind.takes_speaking_list())
            .map(|x| x.id)
            .take(2)
            .collect();
        let person = s.people_load[0].id;
        let org = people[&person].organisation_id.unwrap();
        for (session, speaker) in two.iter().zip([Some(person), None]) {
            let slot = crate::store::SlotEntry {
                organisation_id: org,
                person_id: speaker,
                minutes: 3,
            };
            crate::speaking::set_speaking_list(&mut store, *session, &[slot]).unwrap();
        }
        let after = stats(&store, None).unwrap();
        let turns = |loads: &[Load], id| loads.iter().find(|l| l.id == id).map(|l| l.turns);
        assert_eq!(turns(&after.people_load, person), Some(1));
        assert_eq!(turns(&after.organisation_load, org), Some(2));
    }

    #[test]
    fn a_panels_panellists_are_counted_by_recorded_gender() {
        let mut store = sample();
        // The sample's panels name organisations only: no panel to count.
        assert!(stats(&store, None).unwrap().panels.is_empty());
        let panel = store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|x| x.kind == SessionKind::Panel)
            .unwrap();
        let person = |given: &str, gender| Person {
            id: 0,
            honorific: String::new(),
            given_name: given.into(),
            family_name: "Test".into(),
            position: String::new(),
            organisation_id: None,
            email: String::new(),
            phone: String::new(),
            notes: String::new(),
            gender,
        };
        let ids = store
            .insert_people(&[
                person("Ana", Some(Gender::Woman)),
                person("Bea", Some(Gender::Woman)),
                person("Cy", None),
                person("Dee", Some(Gender::Man)),
            ])
            .unwrap();
        let roles: Vec<SessionRole> = ids
            .iter()
            .zip([
                RoleKind::Panellist,
                RoleKind::Panellist,
                RoleKind::Panellist,
                RoleKind::Moderator,
            ])
            .map(|(id, role)| SessionRole {
                id: 0,
                session_id: panel.id,
                role,
                person_id: Some(*id),
                organisation_id: None,
                note: String::new(),
                position: 100 + id,
                tentative: false,
                presence: RolePresence::InPerson,
            })
            .collect();
        store.insert_session_roles(&roles).unwrap();
        let s = stats(&store, None).unwrap();
        assert_eq!(s.panels.len(), 1);
        assert_eq!(
            (s.panels[0].session_id, &s.panels[0].title),
            (panel.id, &panel.title)
        );
        // The moderator is a speaker, not a panellist.
        assert_eq!(
            s.panels[0].gender,
            GenderCount {
                woman: 2,
                man: 0,
                another: 0,
                not_recorded: 1
            }
        );
        assert_eq!((s.speakers_gender.woman, s.speakers_gender.man), (2, 1));
    }

    #[test]
    fn gender_is_counted_only_where_recorded() {
        let mut store = sample();
        let before = stats(&store, None).unwrap().speakers_gender;
        let speakers: Vec<Id> = stats(&store, None)
            .unwrap()
            .people_load
            .iter()
            .filter(|l| l.roles > 0)
            .map(|l| l.id)
            .collect();
        let record = [Some(Gender::Woman), Some(Gender::Man), Some(Gender::Woman)];
        // Through the person form, as the window records it.
        for (id, g) in speakers.iter().zip(record) {
            let p = store.person(*id).unwrap();
            let form = crate::forms::PersonForm {
                honorific: p.honorific,
                given_name: p.given_name,
                family_name: p.family_name,
                position: p.position,
                organisation_id: p.organisation_id,
                email: p.email,
                phone: p.phone,
                notes: p.notes,
                gender: g,
            };
            let saved = crate::edit::people::update_person(&mut store, *id, &form).unwrap();
            assert_eq!(saved.gender, g);
        }
        let after = stats(&store, None).unwrap().speakers_gender;
        let recorded = record.len().min(speakers.len()) as u32;
        assert_eq!(after.total(), before.total());
        assert_eq!(
            (after.woman, after.man, after.another, after.not_recorded),
            (2, 1, 0, before.not_recorded - recorded)
        );
    }
}
