//! Read models: what the Overview and Agenda pages (and `plenary show`) display.

use crate::error::Result;
use crate::model::*;
use crate::store::{RoleRow, Store};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct OrgRef {
    pub id: Id,
    pub name: String,
    pub acronym: String,
    pub category: OrgCategory,
}

impl From<&Organisation> for OrgRef {
    fn from(o: &Organisation) -> Self {
        OrgRef {
            id: o.id,
            name: o.name.clone(),
            acronym: o.acronym.clone(),
            category: o.category,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct CochairView {
    pub organisation: OrgRef,
    pub person: Option<String>,
    pub person_position: String,
    pub role_label: String,
    pub day: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct StatusCount {
    pub status: ParticipationStatus,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct CategoryCount {
    pub category: OrgCategory,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct EventSummary {
    pub event: Event,
    pub cochairs: Vec<CochairView>,
    pub cohosts: Vec<OrgRef>,
    pub session_count: u32,
    pub by_status: Vec<StatusCount>,
    pub by_category: Vec<CategoryCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Overview {
    pub plan: Plan,
    pub days: Vec<NaiveDate>,
    pub events: Vec<EventSummary>,
    pub rooms: Vec<Room>,
    pub session_count: u32,
    /// Sessions with neither times nor a day.
    pub unscheduled_count: u32,
    /// Sessions on a day whose times are still to be confirmed.
    pub day_only_count: u32,
    /// Delegations represented by senior officials at any event, in name order.
    pub senior_official_delegations: Vec<OrgRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct RoleView {
    pub role: RoleKind,
    pub person_id: Option<Id>,
    pub organisation_id: Option<Id>,
    /// The person's name, or the organisation's where no person is named.
    pub name: String,
    /// The organisation shown beside a person's name (acronym if it has one).
    pub organisation: Option<String>,
    pub note: String,
    /// Not yet accepted: marked "(tbc)".
    pub tentative: bool,
    pub presence: RolePresence,
    /// The role's own holder when someone replaced them (`name` is then the
    /// substitute): "Mr Tri Tharyat".
    pub replacing: Option<String>,
    /// How the role reads in a list (`role_text`): "Ms Lynn Bell (Australia)",
    /// "IOM — speaker TBC", "New Zealand — presenter TBC, as DWG Co-Chair",
    /// "Mr A (Fiji) (virtual) (tbc)".
    pub text: String,
}

/// A session's people in one role, as every list shows them:
/// "Panellists: Australia — panellist TBC; Indonesia — panellist TBC".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct RoleGroup {
    pub role: RoleKind,
    /// The role's label, plural for several people: "Moderator", "Co-Chairs".
    pub label: String,
    /// Each person's `RoleView::text`, in the session's order.
    pub people: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct AgendaSession {
    pub session: Session,
    pub event_title: String,
    pub event_short_name: String,
    pub room: Option<String>,
    pub roles: Vec<RoleView>,
    /// `roles` as lists show them (`role_groups`): in the order given, or by
    /// kind when the plan groups roles by type.
    pub role_groups: Vec<RoleGroup>,
    /// Cancelled while the meeting ran: kept in the plan, marked.
    pub cancelled: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct AgendaDay {
    pub date: NaiveDate,
    pub sessions: Vec<AgendaSession>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Agenda {
    pub time_zone: String,
    pub days: Vec<AgendaDay>,
    pub unscheduled: Vec<AgendaSession>,
}

pub fn plan_days(plan: &Plan) -> Vec<NaiveDate> {
    // Bounded, so a damaged plan row cannot ask for thousands of years of days.
    plan.first_day
        .iter_days()
        .take_while(|d| *d <= plan.last_day)
        .take(crate::limits::MAX_PLAN_DAYS as usize)
        .collect()
}

/// Who holds a role, without its note: "Ms Lynn Bell (Australia)", or
/// "IOM — speaker TBC" for an organisation whose speaker is not named yet.
/// Published versions keep these to mark changed people.
pub fn role_name(r: &RoleView) -> String {
    match (r.person_id, &r.organisation) {
        (Some(_), Some(org)) => format!("{} ({org})", r.name),
        (Some(_), None) => r.name.clone(),
        (None, _) => format!("{} — {} TBC", r.name, r.role.label().to_lowercase()),
    }
}

/// `role_name`, then how the person takes part when not in the room
/// ("(virtual)", "(video message)"), "(tbc)" for a role not yet accepted,
/// then, for a substitute, whom they replace ("…, replacing Mr Tri Tharyat"),
/// then the role's note after a comma: "Ms Lynn Bell (Australia) (virtual), by video".
pub fn role_text(r: &RoleView) -> String {
    role_text_marked(r, true)
}

/// `role_text`, with the "(tbc)" mark only when `mark_tbc` (a print can leave it out).
pub fn role_text_marked(r: &RoleView, mark_tbc: bool) -> String {
    let mut text = role_name(r);
    match r.presence {
        RolePresence::InPerson => {}
        RolePresence::Virtual => text.push_str(" (virtual)"),
        RolePresence::VideoMessage => text.push_str(" (video message)"),
    }
    // An organisation alone already reads "speaker TBC".
    if mark_tbc && r.tentative && r.person_id.is_some() {
        text.push_str(" (tbc)");
    }
    if let Some(original) = &r.replacing {
        text.push_str(", replacing ");
        text.push_str(original);
    }
    match r.note.trim() {
        "" => text,
        note => format!("{text}, {note}"),
    }
}

/// A session's roles as lists show them, each group labelled singular or
/// plural. By default the roles keep the order the user gave them: a run of
/// the same kind is one group, and a kind that comes again later starts a
/// new group, so "Welcome remarks" stays before the co-facilitators who
/// follow it. With `group_by_kind` every kind is one group, in the order of
/// `RoleKind::ALL`, its people in the order given.
pub fn role_groups(roles: &[RoleView], group_by_kind: bool) -> Vec<RoleGroup> {
    let runs: Vec<(RoleKind, Vec<String>)> = if group_by_kind {
        RoleKind::ALL
            .iter()
            .map(|kind| {
                let people = roles
                    .iter()
                    .filter(|r| r.role == *kind)
                    .map(|r| r.text.clone())
                    .collect();
                (*kind, people)
            })
            .filter(|(_, people): &(RoleKind, Vec<String>)| !people.is_empty())
            .collect()
    } else {
        let mut runs: Vec<(RoleKind, Vec<String>)> = Vec::new();
        for r in roles {
            match runs.last_mut() {
                Some((kind, people)) if *kind == r.role => people.push(r.text.clone()),
                _ => runs.push((r.role, vec![r.text.clone()])),
            }
        }
        runs
    };
    runs.into_iter()
        .map(|(role, people)| RoleGroup {
            role,
            label: role.group_label(people.len()),
            people,
        })
        .collect()
}

pub fn role_view(row: &RoleRow) -> RoleView {
    let short = |(name, acronym): &(String, String)| {
        if acronym.is_empty() {
            name.clone()
        } else {
            acronym.clone()
        }
    };
    let (name, organisation) = match (&row.person, &row.organisation) {
        (Some(p), org) => (p.clone(), org.as_ref().map(short)),
        (None, Some((name, _))) => (name.clone(), None),
        (None, None) => (String::new(), None),
    };
    let mut view = RoleView {
        role: row.role.role,
        person_id: row.role.person_id,
        organisation_id: row.role.organisation_id,
        name,
        organisation,
        note: row.role.note.clone(),
        tentative: row.role.tentative,
        presence: row.role.presence,
        replacing: row.replaced.as_ref().map(|(_, name)| name.clone()),
        text: String::new(),
    };
    view.text = role_text(&view);
    view
}

pub fn overview(store: &Store) -> Result<Overview> {
    let plan = store.plan()?;
    let events = store.events()?;
    let orgs: HashMap<Id, Organisation> = store
        .organisations()?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let people: HashMap<Id, Person> = store.people()?.into_iter().map(|p| (p.id, p)).collect();
    let counts: HashMap<Id, i64> = store.session_counts()?.into_iter().collect();
    let cochairs = store.cochairs()?;
    let cohosts = store.cohosts()?;
    let participations = store.participations()?;

    let mut senior: BTreeMap<String, OrgRef> = BTreeMap::new();
    for p in &participations {
        if p.level.eq_ignore_ascii_case("senior official") {
            if let Some(o) = orgs.get(&p.organisation_id) {
                senior.insert(o.name.to_lowercase(), o.into());
            }
        }
    }

    let summaries = events
        .into_iter()
        .map(|event| {
            let session_count = counts.get(&event.id).copied().unwrap_or(0) as u32;
            event_summary(
                event,
                session_count,
                &orgs,
                &people,
                &cochairs,
                &cohosts,
                &participations,
            )
        })
        .collect();

    Ok(Overview {
        days: plan_days(&plan),
        session_count: store.session_count()? as u32,
        unscheduled_count: store.unscheduled_sessions()?.len() as u32,
        day_only_count: store.day_only_count()? as u32,
        rooms: store.rooms()?,
        events: summaries,
        senior_official_delegations: senior.into_values().collect(),
        plan,
    })
}

/// One event's co-chairs, co-hosts, sessions and participants by status and category.
fn event_summary(
    event: Event,
    session_count: u32,
    orgs: &HashMap<Id, Organisation>,
    people: &HashMap<Id, Person>,
    cochairs: &[EventCochair],
    cohosts: &[Cohost],
    participations: &[Participation],
) -> EventSummary {
    let cochairs = cochairs
        .iter()
        .filter(|c| c.event_id == event.id)
        .filter_map(|c| {
            let org = orgs.get(&c.organisation_id)?;
            let person = c.person_id.and_then(|id| people.get(&id));
            Some(CochairView {
                organisation: org.into(),
                person: person.map(Person::display_name),
                person_position: person.map(|p| p.position.clone()).unwrap_or_default(),
                role_label: c.role_label.clone(),
                day: c.day,
            })
        })
        .collect();
    let cohosts = cohosts
        .iter()
        .filter(|c| c.event_id == event.id && c.session_id.is_none())
        .filter_map(|c| orgs.get(&c.organisation_id).map(OrgRef::from))
        .collect();
    let mut by_status: BTreeMap<ParticipationStatus, u32> = BTreeMap::new();
    let mut by_category: BTreeMap<OrgCategory, u32> = BTreeMap::new();
    for p in participations.iter().filter(|p| p.event_id == event.id) {
        *by_status.entry(p.status).or_default() += 1;
        if let Some(o) = orgs.get(&p.organisation_id) {
            *by_category.entry(o.category).or_default() += 1;
        }
    }
    EventSummary {
        session_count,
        event,
        cochairs,
        cohosts,
        by_status: by_status
            .into_iter()
            .map(|(status, count)| StatusCount { status, count })
            .collect(),
        by_category: by_category
            .into_iter()
            .map(|(category, count)| CategoryCount { category, count })
            .collect(),
    }
}

fn assemble(
    sessions: Vec<Session>,
    roles: &[RoleRow],
    events: &HashMap<Id, Event>,
    rooms: &HashMap<Id, String>,
    group_by_kind: bool,
    cancelled: &HashSet<Id>,
) -> Vec<AgendaSession> {
    let mut by_session: HashMap<Id, Vec<RoleView>> = HashMap::new();
    for r in roles {
        by_session
            .entry(r.role.session_id)
            .or_default()
            .push(role_view(r));
    }
    sessions
        .into_iter()
        .map(|session| {
            let event = events.get(&session.event_id);
            let roles = by_session.remove(&session.id).unwrap_or_default();
            AgendaSession {
                event_title: event.map(|e| e.title.clone()).unwrap_or_default(),
                event_short_name: event.map(|e| e.short_name.clone()).unwrap_or_default(),
                room: session.room_id.and_then(|id| rooms.get(&id).cloned()),
                role_groups: role_groups(&roles, group_by_kind),
                roles,
                cancelled: cancelled.contains(&session.id),
                session,
            }
        })
        .collect()
}

/// The agenda of the whole plan, or of one day. Sessions scheduled outside
/// the plan's days are listed under their own dates so nothing is hidden.
/// A session with a day but no times yet comes under its day, after the
/// timed ones.
pub fn agenda(store: &Store, day: Option<NaiveDate>) -> Result<Agenda> {
    let plan = store.plan()?;
    let events: HashMap<Id, Event> = store.events()?.into_iter().map(|e| (e.id, e)).collect();
    let rooms: HashMap<Id, String> = store.rooms()?.into_iter().map(|r| (r.id, r.name)).collect();
    let grouped = plan.group_roles;
    let cancelled: HashSet<Id> = store
        .session_runs()?
        .into_values()
        .filter(|run| run.cancelled)
        .map(|run| run.session_id)
        .collect();
    let (sessions, unscheduled) = match day {
        Some(d) => {
            let from = d.and_time(chrono::NaiveTime::MIN);
            let to = d
                .succ_opt()
                .map_or(NaiveDateTime::MAX, |n| n.and_time(chrono::NaiveTime::MIN));
            let mut sessions = store.sessions_between(from, to)?;
            sessions.extend(store.day_only_sessions(d)?);
            let mut roles = store.roles_between(from, to)?;
            roles.extend(store.day_only_roles(d)?);
            (
                assemble(sessions, &roles, &events, &rooms, grouped, &cancelled),
                Vec::new(),
            )
        }
        None => {
            let roles = store.all_roles()?;
            // The store lists timed sessions first, so a day's sessions
            // without times follow its timed ones.
            let (on_days, unscheduled): (Vec<Session>, Vec<Session>) = store
                .sessions()?
                .into_iter()
                .partition(|s| s.on_day().is_some());
            (
                assemble(on_days, &roles, &events, &rooms, grouped, &cancelled),
                assemble(unscheduled, &roles, &events, &rooms, grouped, &cancelled),
            )
        }
    };
    let mut dates: BTreeSet<NaiveDate> = match day {
        Some(d) => [d].into(),
        None => plan_days(&plan).into_iter().collect(),
    };
    for s in &sessions {
        if let Some(d) = s.session.on_day() {
            dates.insert(d);
        }
    }
    let mut days: Vec<AgendaDay> = dates
        .into_iter()
        .map(|date| AgendaDay {
            date,
            sessions: Vec::new(),
        })
        .collect();
    // Timed sessions come first (`Store::sessions`), then those whose time
    // is to be confirmed.
    for s in sessions {
        let date = s.session.on_day();
        if let Some(d) = days.iter_mut().find(|d| Some(d.date) == date) {
            d.sessions.push(s);
        }
    }
    Ok(Agenda {
        time_zone: plan.time_zone,
        days,
        unscheduled,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(
        role: RoleKind,
        name: &str,
        person: bool,
        organisation: Option<&str>,
        note: &str,
    ) -> RoleView {
        let mut r = RoleView {
            role,
            person_id: person.then_some(1),
            organisation_id: None,
            name: name.into(),
            organisation: organisation.map(str::to_string),
            note: note.into(),
            tentative: false,
            presence: RolePresence::InPerson,
            replacing: None,
            text: String::new(),
        };
        r.text = role_text(&r);
        r
    }

    #[test]
    fn presence_follows_the_name_and_a_role_to_confirm_is_marked_tbc() {
        use RolePresence as P;
        let person = role(RoleKind::Speaker, "Mr A", true, Some("Fiji"), "");
        let org = role(RoleKind::Speaker, "IOM", false, None, "");
        let noted = role(RoleKind::Speaker, "Mr A", true, Some("Fiji"), "by video");
        type Case = (
            &'static str,
            RoleView,
            RolePresence,
            bool,
            bool,
            &'static str,
        );
        let cases: Vec<Case> = vec![
            (
                "in the room",
                person.clone(),
                P::InPerson,
                false,
                true,
                "Mr A (Fiji)",
            ),
            (
                "online",
                person.clone(),
                P::Virtual,
                false,
                true,
                "Mr A (Fiji) (virtual)",
            ),
            (
                "recorded",
                person.clone(),
                P::VideoMessage,
                false,
                true,
                "Mr A (Fiji) (video message)",
            ),
            (
                "to confirm",
                person.clone(),
                P::InPerson,
                true,
                true,
                "Mr A (Fiji) (tbc)",
            ),
            (
                "online, to confirm",
                person.clone(),
                P::Virtual,
                true,
                true,
                "Mr A (Fiji) (virtual) (tbc)",
            ),
            (
                "to confirm, not marked",
                person,
                P::Virtual,
                true,
                false,
                "Mr A (Fiji) (virtual)",
            ),
            (
                "an organisation alone already says TBC",
                org,
                P::InPerson,
                true,
                true,
                "IOM — speaker TBC",
            ),
            (
                "the note comes last",
                noted,
                P::Virtual,
                true,
                true,
                "Mr A (Fiji) (virtual) (tbc), by video",
            ),
        ];
        for (name, r, presence, tentative, mark, want) in cases {
            let r = RoleView {
                presence,
                tentative,
                ..r
            };
            assert_eq!(role_text_marked(&r, mark), want, "{name}");
            if mark {
                assert_eq!(role_text(&r), want, "{name}");
            }
        }
    }

    #[test]
    fn a_role_reads_as_the_person_with_their_organisation_or_as_a_speaker_to_name() {
        let table: &[(RoleView, &str)] = &[
            (
                role(
                    RoleKind::Speaker,
                    "Ms Lynn Bell",
                    true,
                    Some("Australia"),
                    "",
                ),
                "Ms Lynn Bell (Australia)",
            ),
            (
                role(RoleKind::Speaker, "Ms Lynn Bell", true, None, ""),
                "Ms Lynn Bell",
            ),
            (
                role(RoleKind::Speaker, "Mr A", true, Some("IOM"), " by video "),
                "Mr A (IOM), by video",
            ),
            (
                role(RoleKind::Panellist, "Australia", false, None, ""),
                "Australia — panellist TBC",
            ),
            (
                role(
                    RoleKind::Moderator,
                    "RSO",
                    false,
                    None,
                    "Australian Co-Manager",
                ),
                "RSO — moderator TBC, Australian Co-Manager",
            ),
            (
                role(RoleKind::CoChair, "Indonesia", false, None, ""),
                "Indonesia — co-chair TBC",
            ),
            (
                role(RoleKind::Chair, "นายสมชาย ศรีสุข", true, Some("ไทย"), ""),
                "นายสมชาย ศรีสุข (ไทย)",
            ),
        ];
        for (r, want) in table {
            assert_eq!(r.text, *want);
        }
    }

    #[test]
    fn roles_keep_their_order_and_are_grouped_by_kind_only_when_asked() {
        let r = |kind, name: &str| role(kind, name, true, None, "");
        let opened_by_the_president = vec![
            r(RoleKind::Chair, "H.E. Mr A"),
            r(RoleKind::CoChair, "B"),
            r(RoleKind::CoChair, "C"),
            r(RoleKind::Speaker, "D"),
            r(RoleKind::Chair, "E"),
        ];
        let mixed = vec![
            r(RoleKind::Panellist, "B"),
            r(RoleKind::Moderator, "M"),
            r(RoleKind::Panellist, "A"),
            r(RoleKind::Rapporteur, "R"),
            r(RoleKind::Chair, "C"),
        ];
        type Case = (&'static str, Vec<RoleView>, bool, Vec<&'static str>);
        let cases: Vec<Case> = vec![
            ("none", vec![], false, vec![]),
            ("none, grouped", vec![], true, vec![]),
            (
                "as entered: runs of a kind are one group, a kind again is a new group",
                opened_by_the_president.clone(),
                false,
                vec![
                    "Chair: H.E. Mr A",
                    "Co-Chairs: B; C",
                    "Speaker: D",
                    "Chair: E",
                ],
            ),
            (
                "by kind when asked",
                opened_by_the_president,
                true,
                vec!["Chairs: H.E. Mr A; E", "Co-Chairs: B; C", "Speaker: D"],
            ),
            (
                "as entered, nothing regrouped",
                mixed.clone(),
                false,
                vec![
                    "Panellist: B",
                    "Moderator: M",
                    "Panellist: A",
                    "Rapporteur: R",
                    "Chair: C",
                ],
            ),
            (
                "by kind: kinds in order, people as given",
                mixed,
                true,
                vec![
                    "Chair: C",
                    "Moderator: M",
                    "Panellists: B; A",
                    "Rapporteur: R",
                ],
            ),
            (
                "one co-chair is a Co-Chair, two are Co-Chairs",
                vec![r(RoleKind::CoChair, "X")],
                false,
                vec!["Co-Chair: X"],
            ),
            (
                "plural of every kind",
                RoleKind::ALL
                    .iter()
                    .flat_map(|k| [r(*k, "a"), r(*k, "b")])
                    .collect(),
                false,
                vec![
                    "Chairs: a; b",
                    "Co-Chairs: a; b",
                    "Moderators: a; b",
                    "Welcome remarks: a; b",
                    "Introductory remarks: a; b",
                    "Keynote speakers: a; b",
                    "Panellists: a; b",
                    "Presenters: a; b",
                    "Speakers: a; b",
                    "Discussants: a; b",
                    "Rapporteurs: a; b",
                ],
            ),
        ];
        for (name, roles, grouped, want) in cases {
            let got: Vec<String> = role_groups(&roles, grouped)
                .iter()
                .map(|g| format!("{}: {}", g.label, g.people.join("; ")))
                .collect();
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn every_agenda_session_carries_its_groups() {
        let store = crate::sample::sample_in_memory().unwrap();
        let a = agenda(&store, None).unwrap();
        for s in a
            .days
            .iter()
            .flat_map(|d| &d.sessions)
            .chain(&a.unscheduled)
        {
            assert_eq!(
                s.role_groups,
                role_groups(&s.roles, false),
                "{}",
                s.session.title
            );
            let people: usize = s.role_groups.iter().map(|g| g.people.len()).sum();
            assert_eq!(people, s.roles.len());
        }
    }
}
