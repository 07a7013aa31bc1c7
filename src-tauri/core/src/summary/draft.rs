//! The summary as the plan drafts it, in the register of a Co-Chairs'
//! Summary: an opening paragraph, the attendance paragraph, a section per
//! event with a paragraph per substantive session, and the closing.
//!
//! Only facts the plan holds are stated. Where the substance of a session
//! is not in the plan (no outcome note), the paragraph says what happened
//! and leaves a "[Rapporteur: …]" mark for the rapporteur.

use super::markup::{escape, PLACEHOLDER_OPEN};
use super::words::{self, Mentions};
use crate::error::Result;
use crate::fold::sort_key;
use crate::model::*;
use crate::protocol::{self, Delegation, ProtocolConfig};
use crate::roster::{self, participant_groups, DelegationView, ParticipantGroup};
use crate::store::{Store, UidTable};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

/// Who counts as having attended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceSource {
    /// The delegations of the Delegations page: every organisation taking
    /// part in an event, or with someone registered who has not declined.
    #[default]
    Registered,
    /// Organisations with someone checked in on at least one day.
    CheckedIn,
}

impl AttendanceSource {
    pub fn key(self) -> &'static str {
        match self {
            AttendanceSource::Registered => "registered",
            AttendanceSource::CheckedIn => "checked-in",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "registered" => Some(AttendanceSource::Registered),
            "checked-in" | "checked_in" => Some(AttendanceSource::CheckedIn),
            _ => None,
        }
    }
}

/// A substantive session of an event section, with its outcome note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct OutcomeNote {
    pub session_id: Id,
    pub title: String,
    /// "19 November 2024, 09:15–10:00".
    pub when: String,
    pub outcome: String,
}

/// One section as the plan drafts it.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftSection {
    pub key: String,
    pub heading: String,
    pub text: String,
    pub sessions: Vec<OutcomeNote>,
}

/// The organisations of one line of the attendance paragraph, in
/// protocol order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct AttendanceGroup {
    /// "Members", "Observers", "Civil society", "Private sector and
    /// programmes", "Other bodies of the process", "Secretariat", "Guests".
    pub label: String,
    pub organisations: Vec<Organisation>,
}

/// Who attended the week, by the chosen source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Attendance {
    pub source: AttendanceSource,
    pub groups: Vec<AttendanceGroup>,
    /// Delegations represented by senior officials, in alphabetical order.
    pub senior_officials: Vec<Organisation>,
    /// Delegations represented at ministerial level.
    pub ministerial: Vec<Organisation>,
    /// The week's delegations as the Delegations page lists them, each
    /// with the people who count under the source.
    #[serde(skip)]
    #[specta(skip)]
    pub delegations: Vec<DelegationView>,
}

/// Where an organisation stands over the whole week: its strongest status
/// across events (member, then observer, co-host, guest, secretariat).
fn stronger(a: ParticipationStatus, b: ParticipationStatus) -> ParticipationStatus {
    use ParticipationStatus as P;
    let rank = |s| match s {
        P::Member => 0,
        P::Observer => 1,
        P::CoHost => 2,
        P::Guest => 3,
        P::Secretariat => 4,
    };
    if rank(b) < rank(a) {
        b
    } else {
        a
    }
}

/// The week's delegations: each event's roster (the Delegations page)
/// merged by organisation, people kept once.
fn week_delegations(store: &Store) -> Result<(Vec<DelegationView>, Vec<Id>)> {
    let mut merged: HashMap<Id, DelegationView> = HashMap::new();
    let mut first: Vec<Id> = Vec::new();
    for event in store.events()? {
        let cfg = roster::protocol_config(store, event.id)?;
        for id in cfg.first {
            if !first.contains(&id) {
                first.push(id);
            }
        }
        for d in roster::roster(store, event.id)?.delegations {
            match merged.get_mut(&d.organisation.id) {
                None => {
                    merged.insert(d.organisation.id, d);
                }
                Some(m) => {
                    m.status = match (m.status, d.status) {
                        (Some(a), Some(b)) => Some(stronger(a, b)),
                        (a, b) => a.or(b),
                    };
                    if m.level.trim().is_empty() {
                        m.level = d.level;
                    }
                    for p in d.members {
                        if !m.members.iter().any(|x| x.person_id == p.person_id) {
                            m.members.push(p);
                        } else if let Some(x) =
                            m.members.iter_mut().find(|x| x.person_id == p.person_id)
                        {
                            x.days_present.extend(p.days_present);
                        }
                    }
                }
            }
        }
    }
    let cfg = ProtocolConfig {
        first: first.clone(),
        ignore_prefixes: roster::protocol_config_words(store)?,
    };
    let mut order: Vec<Delegation> = merged.values().map(delegation).collect();
    protocol::order(&mut order, &cfg);
    let out = order
        .iter()
        .filter_map(|d| merged.remove(&d.organisation_id))
        .collect();
    Ok((out, first))
}

fn delegation(v: &DelegationView) -> Delegation {
    Delegation {
        organisation_id: v.organisation.id,
        name: v.organisation.name.clone(),
        official_name: v.organisation.official_name.clone(),
        category: v.organisation.category,
        status: v.status.unwrap_or(ParticipationStatus::Guest),
    }
}

/// The week's delegations and people who count as attending under `source`.
fn attending(store: &Store, source: AttendanceSource) -> Result<(Vec<DelegationView>, Vec<Id>)> {
    let (all, first) = week_delegations(store)?;
    let kept = all
        .into_iter()
        .filter_map(|mut d| {
            d.members.retain(|m| match source {
                AttendanceSource::Registered => m.registration != RegistrationStatus::Declined,
                AttendanceSource::CheckedIn => !m.days_present.is_empty(),
            });
            let counts = match source {
                AttendanceSource::Registered => d.status.is_some() || !d.members.is_empty(),
                AttendanceSource::CheckedIn => !d.members.is_empty(),
            };
            counts.then_some(d)
        })
        .collect();
    Ok((kept, first))
}

fn level_is(level: &str, words: &[&str]) -> bool {
    let l = level.trim().to_lowercase();
    words.iter().any(|w| l.starts_with(w))
}

/// Who attended the week, grouped as the attendance paragraph names them.
pub fn attendance(store: &Store, source: AttendanceSource) -> Result<Attendance> {
    let (delegations, _) = attending(store, source)?;
    const LABELS: [&str; 7] = [
        "Members",
        "Observers",
        "Civil society",
        "Guests",
        "Private sector and programmes",
        "Other bodies of the process",
        "Secretariat",
    ];
    let mut groups: Vec<AttendanceGroup> = LABELS
        .iter()
        .map(|l| AttendanceGroup {
            label: l.to_string(),
            organisations: Vec::new(),
        })
        .collect();
    // Protocol order within each line, without the co-chairs first: a
    // summary lists attendance alphabetically.
    let cfg = ProtocolConfig {
        first: Vec::new(),
        ignore_prefixes: roster::protocol_config_words(store)?,
    };
    let mut order: Vec<(Delegation, &DelegationView)> =
        delegations.iter().map(|d| (delegation(d), d)).collect();
    order.sort_by_cached_key(|(d, _)| protocol::key(d, &cfg));
    use OrgCategory as C;
    use ParticipationStatus as P;
    for (d, v) in &order {
        let line = match (d.status, d.category) {
            (P::Member, _) => 0,
            (P::Observer, _) => 1,
            (P::Secretariat, _) | (_, C::Secretariat) => 6,
            (_, C::CivilSociety) => 2,
            (_, C::PrivateSector | C::Programme) => 4,
            (_, C::Workstream) => 5,
            _ => 3,
        };
        groups[line].organisations.push(v.organisation.clone());
    }
    let by_name = |pick: &[&str]| {
        let mut orgs: Vec<Organisation> = delegations
            .iter()
            .filter(|d| level_is(&d.level, pick))
            .map(|d| d.organisation.clone())
            .collect();
        orgs.sort_by_cached_key(|o| sort_key(&o.name));
        orgs
    };
    Ok(Attendance {
        source,
        senior_officials: by_name(&["senior official"]),
        ministerial: by_name(&["minister"]),
        groups: groups
            .into_iter()
            .filter(|g| !g.organisations.is_empty())
            .collect(),
        delegations,
    })
}

/// The annex: the week's participants, grouped as the printed list.
pub fn annex(store: &Store, source: AttendanceSource) -> Result<Vec<ParticipantGroup>> {
    let (delegations, first) = attending(store, source)?;
    Ok(participant_groups(&delegations, &first))
}

/// "the Bali Process Regional Support Office", "Meta": names of bodies
/// take the article in running text; states and brands do not.
fn with_article(name: String, o: &Organisation) -> String {
    const BODIES: &[&str] = &[
        "office",
        "organization",
        "organisation",
        "forum",
        "group",
        "taskforce",
        "task force",
        "programme",
        "program",
        "initiative",
        "commission",
        "council",
        "secretariat",
        "centre",
        "center",
        "fund",
        "bank",
        "agency",
        "union",
        "network",
        "association",
        "institute",
        "committee",
        "high commissioner",
        "mission",
        "federation",
        "foundation",
    ];
    if matches!(
        o.category,
        OrgCategory::MemberState | OrgCategory::ObserverState
    ) || o.name.trim().to_lowercase().starts_with("the ")
    {
        return name;
    }
    let lower = o.name.to_lowercase();
    if o.name.split_whitespace().count() >= 2 && BODIES.iter().any(|b| lower.contains(b)) {
        format!("the {name}")
    } else {
        name
    }
}

fn is_state(o: &Organisation) -> bool {
    matches!(
        o.category,
        OrgCategory::MemberState | OrgCategory::ObserverState
    )
}

/// An organisation in running text: a state by its name, a body with its
/// acronym on first mention.
fn org_text(m: &mut Mentions, o: &Organisation) -> String {
    let o = &escaped_org(o);
    if is_state(o) {
        return m.state(o);
    }
    let name = m.name(o);
    // "the Bali Process Regional Support Office [RSO]", then just "RSO".
    if name == o.acronym.trim() {
        name
    } else {
        with_article(name, o)
    }
}

/// An organisation whose names can be set into a draft as they are.
fn escaped_org(o: &Organisation) -> Organisation {
    Organisation {
        name: escape(&o.name),
        acronym: escape(&o.acronym),
        official_name: escape(&o.official_name),
        ..o.clone()
    }
}

/// "the Government of Australia", "the Governments of Australia and the
/// Republic of Indonesia", or the bodies by name.
fn governments(m: &mut Mentions, orgs: &[&Organisation]) -> String {
    if !orgs.is_empty() && orgs.iter().all(|o| is_state(o)) {
        let names: Vec<String> = orgs
            .iter()
            .map(|o| {
                m.state(o);
                let o = escaped_org(o);
                match o.official_name.trim() {
                    "" => o.name.trim().to_string(),
                    official => format!("the {official}"),
                }
            })
            .collect();
        let noun = if orgs.len() == 1 {
            "Government"
        } else {
            "Governments"
        };
        format!("the {noun} of {}", words::join(&names))
    } else {
        let names: Vec<String> = orgs.iter().map(|o| org_text(m, o)).collect();
        words::join(&names)
    }
}

fn event_name(e: &Event) -> String {
    let title = e.title.trim();
    if title.to_lowercase().starts_with("the ") {
        title.to_string()
    } else {
        format!("the {title}")
    }
}

fn event_short(e: &Event) -> String {
    match e.short_name.trim() {
        "" => event_name(e),
        short => format!("the {short}"),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Everything the sections read, loaded once.
struct Facts {
    plan: Plan,
    events: Vec<Event>,
    event_uid: HashMap<Id, String>,
    orgs: HashMap<Id, Organisation>,
    people: HashMap<Id, Person>,
    cochairs: Vec<EventCochair>,
    cohosts: Vec<Cohost>,
    sessions: Vec<Session>,
    roles: HashMap<Id, Vec<SessionRole>>,
    speaking: HashMap<Id, Vec<SpeakingSlot>>,
    /// Sessions cancelled while the meeting ran.
    cancelled: std::collections::HashSet<Id>,
}

impl Facts {
    fn load(store: &Store) -> Result<Facts> {
        let mut sessions = store.sessions()?;
        sessions.sort_by_key(|s| (s.on_day(), s.start, s.id));
        let mut roles: HashMap<Id, Vec<SessionRole>> = HashMap::new();
        for r in store.all_roles()? {
            roles.entry(r.role.session_id).or_default().push(r.role);
        }
        let mut speaking = HashMap::new();
        for s in sessions
            .iter()
            .filter(|s| s.kind == SessionKind::Statements)
        {
            speaking.insert(s.id, store.speaking_list(s.id)?);
        }
        // Plan text is set into the draft's markup as text: escaped once here
        // (organisations where they are named). Outcome notes are the
        // rapporteur's own markup and stay as written.
        for s in &mut sessions {
            s.title = escape(&s.title);
        }
        for r in roles.values_mut().flatten() {
            r.note = escape(&r.note);
        }
        let mut plan = store.plan()?;
        plan.city = escape(&plan.city);
        plan.convening_body = escape(&plan.convening_body);
        let mut events = store.events()?;
        for e in &mut events {
            e.title = escape(&e.title);
            e.short_name = escape(&e.short_name);
        }
        let mut cochairs = store.cochairs()?;
        for c in &mut cochairs {
            c.role_label = escape(&c.role_label);
        }
        Ok(Facts {
            plan,
            events,
            event_uid: store.uids(UidTable::Event)?,
            orgs: store
                .organisations()?
                .into_iter()
                .map(|o| (o.id, o))
                .collect(),
            people: store
                .people()?
                .into_iter()
                .map(|p| {
                    let p = Person {
                        honorific: escape(&p.honorific),
                        given_name: escape(&p.given_name),
                        family_name: escape(&p.family_name),
                        position: escape(&p.position),
                        ..p
                    };
                    (p.id, p)
                })
                .collect(),
            cochairs,
            cohosts: store.cohosts()?,
            sessions,
            roles,
            speaking,
            cancelled: store
                .session_runs()?
                .into_values()
                .filter(|run| run.cancelled)
                .map(|run| run.session_id)
                .collect(),
        })
    }

    /// The co-chairing organisations of `event`, in their order.
    fn chair_orgs(&self, event: Id) -> Vec<&Organisation> {
        let mut rows: Vec<&EventCochair> = self
            .cochairs
            .iter()
            .filter(|c| c.event_id == event)
            .collect();
        rows.sort_by_key(|c| (c.position, c.id));
        let mut out: Vec<&Organisation> = Vec::new();
        for c in rows {
            if let Some(o) = self.orgs.get(&c.organisation_id) {
                if !out.iter().any(|x| x.id == o.id) {
                    out.push(o);
                }
            }
        }
        out
    }

    fn event_cohosts(&self, event: Id) -> Vec<&Organisation> {
        self.cohosts
            .iter()
            .filter(|c| c.event_id == event && c.session_id.is_none())
            .filter_map(|c| self.orgs.get(&c.organisation_id))
            .collect()
    }

    /// "Ms Lynn Bell, Australian Ambassador to …"
    fn person_text(&self, p: &Person) -> String {
        match p.position.trim() {
            "" => p.display_name(),
            position => format!("{}, {position}", p.display_name()),
        }
    }

    /// Who holds a role, in running text: the person with their position,
    /// else the organisation, with the role's note in brackets.
    fn role_text(&self, m: &mut Mentions, r: &SessionRole) -> Option<String> {
        let who = match (
            r.person_id.and_then(|id| self.people.get(&id)),
            r.organisation_id,
        ) {
            (Some(p), _) => self.person_text(p),
            (None, Some(o)) => org_text(m, self.orgs.get(&o)?),
            (None, None) => return None,
        };
        Some(match r.note.trim() {
            "" => who,
            note => format!("{who} ({note})"),
        })
    }

    fn roles_of(&self, m: &mut Mentions, session: &Session, kinds: &[RoleKind]) -> Who {
        let rows: Vec<&SessionRole> = self
            .roles
            .get(&session.id)
            .into_iter()
            .flatten()
            .filter(|r| kinds.contains(&r.role))
            .collect();
        let items: Vec<String> = rows.iter().filter_map(|r| self.role_text(m, r)).collect();
        // People who co-chair the event under one label ("Senior Official
        // Co-Chair") are introduced by it, as a summary does.
        let labels: Vec<Option<&str>> = rows
            .iter()
            .map(|r| {
                let p = r.person_id?;
                self.cochairs
                    .iter()
                    .find(|c| c.event_id == session.event_id && c.person_id == Some(p))
                    .map(|c| c.role_label.trim())
                    .filter(|l| !l.is_empty())
            })
            .collect();
        let label = match labels.first() {
            Some(Some(l)) if labels.iter().all(|x| *x == Some(*l)) => Some(if rows.len() == 1 {
                l.to_string()
            } else {
                format!("{l}s")
            }),
            _ => None,
        };
        Who {
            orgs_only: rows.iter().all(|r| r.person_id.is_none()),
            items,
            label,
        }
    }
}

/// The holders of some roles of a session, as running text names them.
struct Who {
    items: Vec<String>,
    /// "Senior Official Co-Chairs", when all are co-chairs of one label.
    label: Option<String>,
    /// Only organisations: "representatives from" reads right before them.
    orgs_only: bool,
}

impl Who {
    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn len(&self) -> usize {
        self.items.len()
    }

    /// The list, with the comma that closes a last apposition when a verb
    /// follows: "Ms A, Minister, and Mr B, Director,".
    fn before_verb(&self) -> String {
        let list = words::join_appositions(&self.items);
        let closed = if self.items.last().is_some_and(|i| i.contains(',')) {
            format!("{list},")
        } else {
            list
        };
        match &self.label {
            Some(label) => format!("{label} {closed}"),
            None => closed,
        }
    }

    /// The list at the end of a clause.
    fn after(&self) -> String {
        let list = words::join_appositions(&self.items);
        match &self.label {
            Some(label) => format!("the {label}, {list}"),
            None => list,
        }
    }

    fn chain(mut self, other: Who) -> Who {
        // One label still introduces them all only if every one shares it.
        self.label = match (self.items.is_empty(), other.items.is_empty()) {
            (true, _) => other.label,
            (_, true) => self.label,
            _ if self.label == other.label => self.label,
            _ => None,
        };
        self.items.extend(other.items);
        self.orgs_only &= other.orgs_only;
        self
    }
}

fn placeholder(what: &str) -> String {
    format!("{PLACEHOLDER_OPEN}{what}]")
}

/// Drafts every section of the summary.
pub fn draft(store: &Store, source: AttendanceSource) -> Result<Vec<DraftSection>> {
    let facts = Facts::load(store)?;
    let mut m = Mentions::default();
    let mut out = vec![
        DraftSection {
            key: "opening".into(),
            heading: String::new(),
            text: opening(&facts, &mut m),
            sessions: Vec::new(),
        },
        DraftSection {
            key: "attendance".into(),
            heading: String::new(),
            text: attendance_text(&facts, &attendance(store, source)?, &mut m),
            sessions: Vec::new(),
        },
    ];
    for e in &facts.events {
        out.push(event_section(&facts, e, &mut m));
    }
    out.push(DraftSection {
        key: "closing".into(),
        heading: "Conclusion".into(),
        text: closing(&facts),
        sessions: Vec::new(),
    });
    Ok(out)
}

fn opening(f: &Facts, m: &mut Mentions) -> String {
    let plan = &f.plan;
    let (first, last) = match (
        f.events.iter().map(|e| e.first_day).min(),
        f.events.iter().map(|e| e.last_day).max(),
    ) {
        (Some(a), Some(b)) => (a, b),
        _ => (plan.first_day, plan.last_day),
    };
    let names: Vec<String> = f.events.iter().map(event_name).collect();
    let place = match plan.city.trim() {
        "" => String::new(),
        city => format!(" in {city}"),
    };
    let when = words::from_to(first, last);
    let mut text = match (plan.convening_body.trim(), names.is_empty()) {
        (_, true) => format!("{when}, the meeting week took place{place}."),
        ("", false) => format!("{when}, {} took place{place}.", words::join(&names)),
        (body, false) => format!("{when}, the {body} held {}{place}.", words::join(&names)),
    };
    // Co-chairs: one sentence when every event has the same, else one per event.
    let sets: Vec<Vec<Id>> = f
        .events
        .iter()
        .map(|e| f.chair_orgs(e.id).iter().map(|o| o.id).collect())
        .collect();
    let verb = |n: usize| if n == 1 { "chaired" } else { "co-chaired" };
    if !f.events.is_empty() && sets.iter().all(|s| *s == sets[0]) && !sets[0].is_empty() {
        let orgs = f.chair_orgs(f.events[0].id);
        let subject = if f.events.len() == 1 {
            "The event was"
        } else {
            "The events were"
        };
        text.push_str(&format!(
            " {subject} {} by {}.",
            verb(orgs.len()),
            governments(m, &orgs)
        ));
    } else {
        for e in &f.events {
            let orgs = f.chair_orgs(e.id);
            if !orgs.is_empty() {
                text.push_str(&format!(
                    " {} was {} by {}.",
                    capitalise(&event_short(e)),
                    verb(orgs.len()),
                    governments(m, &orgs)
                ));
            }
        }
    }
    for e in &f.events {
        let hosts = f.event_cohosts(e.id);
        if !hosts.is_empty() {
            let names: Vec<String> = hosts.iter().map(|o| org_text(m, o)).collect();
            text.push_str(&format!(
                " {} was jointly hosted with {}.",
                capitalise(&event_short(e)),
                words::join(&names)
            ));
        }
    }
    text
}

fn attendance_text(f: &Facts, a: &Attendance, m: &mut Mentions) -> String {
    let subject = if f.events.len() == 1 {
        "The event was attended by"
    } else {
        "The events were attended by"
    };
    let mut parts: Vec<String> = Vec::new();
    let mut from: Vec<String> = Vec::new();
    for g in &a.groups {
        let names: Vec<String> = g.organisations.iter().map(|o| org_text(m, o)).collect();
        let n = names.len();
        let list = words::join(&names);
        let plural = |one: &str, many: &str| {
            if n == 1 {
                one.to_string()
            } else {
                many.to_string()
            }
        };
        match g.label.as_str() {
            "Members" => parts.push(format!(
                "{} {} ({list})",
                words::count(n),
                plural("member", "members")
            )),
            "Observers" => parts.push(format!(
                "{} {} ({list})",
                words::count(n),
                plural("observer", "observers")
            )),
            "Civil society" => parts.push(format!(
                "{} civil society {} ({list})",
                words::count(n),
                plural("representative", "representatives")
            )),
            "Other bodies of the process" => {
                from.push(format!("other bodies of the process ({list})"))
            }
            _ => from.extend(names),
        }
    }
    if !from.is_empty() {
        parts.push(format!("representatives from {}", words::join(&from)));
    }
    let mut text = if parts.is_empty() {
        format!(
            "{subject} {}",
            placeholder("no delegation is registered or checked in yet; list who attended.")
        )
    } else {
        // The parts hold commas of their own, so the last joins with ", and".
        match parts.as_slice() {
            [one] => format!("{subject} {one}."),
            [init @ .., last] => format!("{subject} {}, and {last}.", init.join(", ")),
            [] => unreachable!("parts is not empty"),
        }
    };
    for (orgs, how) in [
        (&a.ministerial, "at ministerial level"),
        (&a.senior_officials, "by senior officials"),
    ] {
        if !orgs.is_empty() {
            let names: Vec<String> = orgs.iter().map(|o| org_text(m, o)).collect();
            let verb = if orgs.len() == 1 { "was" } else { "were" };
            text.push_str(&format!(
                " {} {verb} represented {how}.",
                capitalise(&words::join(&names))
            ));
        }
    }
    text
}

fn is_substantive(k: SessionKind) -> bool {
    !matches!(
        k,
        SessionKind::Break | SessionKind::Meal | SessionKind::Logistics
    )
}

fn event_section(f: &Facts, e: &Event, m: &mut Mentions) -> DraftSection {
    let heading = format!(
        "{} – {}",
        e.title.trim(),
        words::days(e.first_day, e.last_day)
    );
    let sessions: Vec<&Session> = f
        .sessions
        .iter()
        .filter(|s| s.event_id == e.id && is_substantive(s.kind))
        .collect();
    let mut paragraphs: Vec<String> = Vec::new();
    let hosts = f.event_cohosts(e.id);
    if !hosts.is_empty() {
        let names: Vec<String> = hosts.iter().map(|o| org_text(m, o)).collect();
        paragraphs.push(format!(
            "{}, co-hosted with {}, was held on {}. {}",
            capitalise(&event_name(e)),
            words::join(&names),
            words::days(e.first_day, e.last_day),
            placeholder("what the event focused on.")
        ));
    }
    for s in &sessions {
        paragraphs.push(session_paragraph(f, e, s, m));
    }
    if sessions.is_empty() {
        paragraphs.push(placeholder(
            "what happened at this event; the plan has no sessions for it.",
        ));
    }
    DraftSection {
        key: format!(
            "event:{}",
            f.event_uid
                .get(&e.id)
                .cloned()
                .unwrap_or_else(|| e.id.to_string())
        ),
        heading,
        text: paragraphs.join("\n\n"),
        sessions: sessions
            .iter()
            .map(|s| OutcomeNote {
                session_id: s.id,
                title: s.title.clone(),
                when: match (s.start, s.end) {
                    (Some(a), Some(b)) => format!(
                        "{}, {}–{}",
                        words::day(a.date()),
                        a.format("%H:%M"),
                        b.format("%H:%M")
                    ),
                    _ => s.on_day().map(words::day).unwrap_or_default(),
                },
                outcome: s.outcome.clone(),
            })
            .collect(),
    }
}

fn session_paragraph(f: &Facts, e: &Event, s: &Session, m: &mut Mentions) -> String {
    use RoleKind as R;
    let title = format!("“{}”", s.title.trim());
    // Nothing happened to report, so nothing for the rapporteur to fill in.
    if f.cancelled.contains(&s.id) {
        return format!("{title} was cancelled.");
    }
    let chairs = f.roles_of(m, s, &[R::Chair, R::CoChair]);
    let mods = f.roles_of(m, s, &[R::Moderator]);
    let panel = f.roles_of(m, s, &[R::Panellist, R::Discussant]);
    let presenters = f.roles_of(m, s, &[R::Presenter, R::Keynote]);
    let speakers = f.roles_of(
        m,
        s,
        &[R::Speaker, R::WelcomeRemarks, R::IntroductoryRemarks],
    );
    let event = event_short(e);
    // "The Co-Chairs, Australia and Indonesia," or "Senior Official
    // Co-Chairs Ms A, …, and Mr B, …," before a verb.
    let chair_subject = |chairs: &Who| -> String {
        if chairs.is_empty() {
            "The Co-Chairs".to_string()
        } else if chairs.label.is_some() {
            chairs.before_verb()
        } else {
            let noun = if chairs.len() == 1 {
                "Chair"
            } else {
                "Co-Chairs"
            };
            format!("The {noun}, {},", words::join_appositions(&chairs.items))
        }
    };
    let mut text = match s.kind {
        SessionKind::Opening => {
            let mut t = format!("{} opened {event}.", chair_subject(&chairs));
            if !speakers.is_empty() {
                t.push_str(&format!(" Remarks were given by {}.", speakers.after()));
            }
            t
        }
        SessionKind::Closing => format!("{} closed {event}.", chair_subject(&chairs)),
        SessionKind::Panel => {
            // A title that only says it is a panel adds nothing.
            let mut t = if s.title.trim().to_lowercase().starts_with("panel") {
                format!("{} featured a panel discussion", capitalise(&event))
            } else {
                format!(
                    "{} featured a panel discussion, {title}",
                    capitalise(&event)
                )
            };
            if !mods.is_empty() {
                t.push_str(&format!(", moderated by {}", mods.after()));
                if !panel.is_empty() {
                    t.push(',');
                }
            }
            if !panel.is_empty() {
                let from = if panel.orgs_only {
                    "representatives from "
                } else {
                    ""
                };
                t.push_str(&format!(" between {from}{}", panel.after()));
            }
            t.push('.');
            t
        }
        SessionKind::Presentation => {
            // Speakers alone spoke; anyone presenting makes it presentations.
            let verb = match (presenters.len(), speakers.len()) {
                (0, 0) => "",
                (0, _) => "spoke",
                (1, 0) => "gave a presentation",
                _ => "gave presentations",
            };
            let who = presenters.chain(speakers);
            if who.is_empty() {
                format!("Under {title}, participants heard presentations.")
            } else {
                format!("Under {title}, {} {verb}.", who.before_verb())
            }
        }
        SessionKind::Statements => {
            let turns: Vec<String> = f
                .speaking
                .get(&s.id)
                .into_iter()
                .flatten()
                .filter_map(|t| f.orgs.get(&t.organisation_id))
                .map(|o| org_text(m, o))
                .collect();
            if turns.is_empty() {
                format!("Under {title}, members and observers delivered statements.")
            } else {
                format!(
                    "Under {title}, statements were delivered by {}.",
                    words::join(&turns)
                )
            }
        }
        SessionKind::Discussion => {
            let mut t = format!("Participants discussed {title}");
            if !chairs.is_empty() {
                t.push_str(&format!(", chaired by {}", chairs.after()));
            }
            if !mods.is_empty() {
                t.push_str(&format!(", moderated by {}", mods.after()));
            }
            let who = presenters.chain(speakers).chain(panel);
            if !who.is_empty() {
                t.push_str(&format!(", with contributions from {}", who.after()));
            }
            t.push('.');
            t
        }
        _ => {
            let mut t = format!("{} was held", capitalise(&title));
            let who = chairs
                .chain(mods)
                .chain(panel)
                .chain(presenters)
                .chain(speakers);
            if !who.is_empty() {
                t.push_str(&format!(", with {}", who.after()));
            }
            t.push('.');
            t
        }
    };
    match s.outcome.trim() {
        "" => {
            let what = match s.kind {
                SessionKind::Opening | SessionKind::Closing => "what the Co-Chairs highlighted.",
                SessionKind::Panel => "what the panellists discussed.",
                SessionKind::Presentation => "what they highlighted.",
                SessionKind::Statements => "the common themes of the statements.",
                _ => "what was discussed and agreed.",
            };
            text.push(' ');
            text.push_str(&placeholder(what));
        }
        outcome => {
            // An outcome note is the rapporteur's own text: its paragraphs stay.
            let paras = super::markup::paragraphs(outcome);
            text.push(' ');
            text.push_str(&paras.join("\n\n"));
        }
    }
    text
}

fn closing(f: &Facts) -> String {
    let names: Vec<String> = f.events.iter().map(event_short).collect();
    if names.is_empty() {
        return "The Co-Chairs thanked all participants for their contributions.".into();
    }
    format!(
        "The Co-Chairs thanked members, observers, presenters and all participants for their contributions to {}.",
        words::join(&names)
    )
}
