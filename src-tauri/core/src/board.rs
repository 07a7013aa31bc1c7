//! The speaker-assignment board for co-chair teams: which sessions still
//! need a moderator, chair or speakers, each person's load, and the
//! conflicts an assignment would cause, before it is made.

use crate::agenda::{self, AgendaSession};
use crate::check::{self, Conflict, Snapshot};
use crate::error::Result;
use crate::fold::{person_sort_key, sort_key};
use crate::model::*;
use crate::store::{RoleRef, Store};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct BoardSession {
    pub entry: AgendaSession,
    /// What the session still lacks, most pressing first.
    pub needs: Vec<Need>,
    /// Planner conflicts that name this session.
    pub conflicts: Vec<Conflict>,
}

/// One thing a session still lacks: the role that fills it, and the need in
/// words ("a moderator", "panellists").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Need {
    pub role: RoleKind,
    pub text: String,
}

impl Need {
    fn new(role: RoleKind, text: &str) -> Self {
        Need {
            role,
            text: text.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct RoleCount {
    pub role: RoleKind,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct PersonLoad {
    pub person_id: Id,
    pub name: String,
    pub organisation: String,
    pub sessions: u32,
    pub by_role: Vec<RoleCount>,
    /// Of this person's roles, how many are still to be confirmed.
    pub unconfirmed: u32,
    /// Family name, then given name, as alphabetical lists sort them
    /// (`fold::person_sort_key`): compared as plain strings, "Ms Lynn Bell"
    /// comes among the B's.
    pub sort_key: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Board {
    /// Every session that takes roles (not breaks, meals or logistics), in
    /// time order.
    pub sessions: Vec<BoardSession>,
    /// Everyone with a role, busiest first.
    pub loads: Vec<PersonLoad>,
    /// Roles in the plan still to be confirmed (tentative).
    pub unconfirmed_roles: u32,
}

/// What a session of `kind` with these roles still needs.
pub fn needs(kind: SessionKind, roles: &[RoleKind], speaking_turns: usize) -> Vec<Need> {
    use RoleKind as R;
    use SessionKind as K;
    let has = |r: &[RoleKind]| roles.iter().any(|x| r.contains(x));
    let mut out = Vec::new();
    match kind {
        K::Panel => {
            if !has(&[R::Moderator]) {
                out.push(Need::new(R::Moderator, "a moderator"));
            }
            if !has(&[R::Panellist]) {
                out.push(Need::new(R::Panellist, "panellists"));
            }
        }
        K::Opening | K::Closing | K::Discussion => {
            if !has(&[R::Chair, R::CoChair, R::Moderator]) {
                out.push(Need::new(R::Chair, "a chair"));
            }
        }
        K::Statements => {
            if !has(&[R::Chair, R::CoChair, R::Moderator]) {
                out.push(Need::new(R::Chair, "a chair"));
            }
            if speaking_turns == 0 && !has(&[R::Speaker]) {
                out.push(Need::new(R::Speaker, "speakers"));
            }
        }
        K::Presentation => {
            if !has(&[R::Presenter, R::Speaker]) {
                out.push(Need::new(R::Presenter, "a presenter"));
            }
        }
        K::Break | K::Meal | K::Logistics | K::SideEvent | K::Other => {}
    }
    out
}

pub fn board(store: &Store) -> Result<Board> {
    let agenda = agenda::agenda(store, None)?;
    let conflicts = check::check(store)?;
    let mut by_session: HashMap<Id, Vec<Conflict>> = HashMap::new();
    for c in conflicts.conflicts {
        for id in c.session_ids.clone() {
            by_session.entry(id).or_default().push(c.clone());
        }
    }
    let turns = store.speaking_turn_counts()?;
    let people: HashMap<Id, Person> = store.people()?.into_iter().map(|p| (p.id, p)).collect();
    let mut unconfirmed: HashMap<Id, u32> = HashMap::new();
    let mut unconfirmed_roles = 0u32;
    for r in store.role_refs()?.iter().filter(|r| r.tentative) {
        unconfirmed_roles += 1;
        if let Some(pid) = r.person_id {
            *unconfirmed.entry(pid).or_default() += 1;
        }
    }
    // Per person: the load so far, the sessions seen, the roles counted.
    type Tally = (PersonLoad, HashSet<Id>, BTreeMap<RoleKind, u32>);
    let mut loads: BTreeMap<Id, Tally> = BTreeMap::new();
    let mut sessions = Vec::new();
    for entry in agenda
        .days
        .into_iter()
        .flat_map(|d| d.sessions)
        .chain(agenda.unscheduled)
    {
        for r in &entry.roles {
            if let Some(pid) = r.person_id {
                let slot = loads.entry(pid).or_insert_with(|| {
                    (
                        PersonLoad {
                            person_id: pid,
                            name: r.name.clone(),
                            organisation: r.organisation.clone().unwrap_or_default(),
                            sessions: 0,
                            by_role: Vec::new(),
                            unconfirmed: unconfirmed.get(&pid).copied().unwrap_or(0),
                            sort_key: people
                                .get(&pid)
                                .map(|p| person_sort_key(&p.family_name, &p.given_name))
                                .unwrap_or_else(|| sort_key(&r.name)),
                        },
                        HashSet::new(),
                        BTreeMap::new(),
                    )
                });
                slot.1.insert(entry.session.id);
                *slot.2.entry(r.role).or_default() += 1;
            }
        }
        // Pauses and logistics take neither roles nor a speaking list; every
        // session on the board takes both (the window relies on it).
        if !entry.session.kind.takes_speaking_list() {
            continue;
        }
        let kinds: Vec<RoleKind> = entry.roles.iter().map(|r| r.role).collect();
        let n = turns.get(&entry.session.id).copied().unwrap_or(0);
        sessions.push(BoardSession {
            needs: needs(entry.session.kind, &kinds, n),
            conflicts: by_session.remove(&entry.session.id).unwrap_or_default(),
            entry,
        });
    }
    let mut loads: Vec<PersonLoad> = loads
        .into_values()
        .map(|(mut l, ids, roles)| {
            l.sessions = ids.len() as u32;
            l.by_role = roles
                .into_iter()
                .map(|(role, count)| RoleCount { role, count })
                .collect();
            l
        })
        .collect();
    loads.sort_by(|a, b| {
        b.sessions
            .cmp(&a.sessions)
            .then_with(|| a.sort_key.cmp(&b.sort_key))
            .then(a.person_id.cmp(&b.person_id))
    });
    Ok(Board {
        sessions,
        loads,
        unconfirmed_roles,
    })
}

/// The conflicts that giving `person_id` the `role` in `session_id` would
/// add to the plan, without changing it.
///
/// An assignment can only add conflicts about that person, so the check
/// looks at that person's sessions alone: a plan full of room clashes does
/// not push the person's own beyond the listed ones.
pub fn assignment_conflicts(
    store: &Store,
    session_id: Id,
    person_id: Id,
    role: RoleKind,
) -> Result<Vec<Conflict>> {
    store.session(session_id)?;
    store.person(person_id)?;
    let plan = store.plan()?;
    let events = store.events()?;
    let mut roles: Vec<RoleRef> = store
        .role_refs()?
        .into_iter()
        .filter(|r| r.person_id == Some(person_id))
        .collect();
    let theirs: HashSet<Id> = roles
        .iter()
        .map(|r| r.session_id)
        .chain([session_id])
        .collect();
    let sessions: Vec<Session> = store
        .session_slots()?
        .into_iter()
        .filter(|s| theirs.contains(&s.id))
        .collect();
    let rooms = store.rooms()?;
    let cochairs = store.cochairs()?;
    let person_name = |id| store.person_name(id).unwrap_or_default();
    let genders = if plan.check_panel_gender {
        store.person_genders()?
    } else {
        Default::default()
    };
    let snapshot = |roles: &[RoleRef]| {
        check::conflicts(&Snapshot {
            plan: &plan,
            events: &events,
            sessions: &sessions,
            rooms: &rooms,
            roles,
            cochairs: &cochairs,
            person_name: &person_name,
            genders: &genders,
        })
    };
    let before: HashSet<String> = snapshot(&roles)
        .conflicts
        .into_iter()
        .map(|c| c.key)
        .collect();
    roles.push(RoleRef {
        session_id,
        role,
        person_id: Some(person_id),
        tentative: false,
    });
    Ok(snapshot(&roles)
        .conflicts
        .into_iter()
        .filter(|c| !before.contains(&c.key))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;
    use crate::store::RoleEntry;
    use RoleKind as R;
    use SessionKind as K;

    #[test]
    fn needs_by_kind() {
        // A kind, the roles it has, its speaking turns, and what it still needs.
        type Case = (K, &'static [R], usize, &'static [(R, &'static str)]);
        let table: &[Case] = &[
            (
                K::Panel,
                &[],
                0,
                &[(R::Moderator, "a moderator"), (R::Panellist, "panellists")],
            ),
            (
                K::Panel,
                &[R::Moderator],
                0,
                &[(R::Panellist, "panellists")],
            ),
            (K::Panel, &[R::Moderator, R::Panellist], 0, &[]),
            (K::Opening, &[], 0, &[(R::Chair, "a chair")]),
            (K::Opening, &[R::CoChair], 0, &[]),
            (
                K::Statements,
                &[],
                0,
                &[(R::Chair, "a chair"), (R::Speaker, "speakers")],
            ),
            (K::Statements, &[R::Chair], 0, &[(R::Speaker, "speakers")]),
            (K::Statements, &[R::Chair], 5, &[]),
            (
                K::Presentation,
                &[R::Chair],
                0,
                &[(R::Presenter, "a presenter")],
            ),
            (K::Presentation, &[R::Speaker], 0, &[]),
            (K::Break, &[], 0, &[]),
            (K::Logistics, &[], 0, &[]),
        ];
        for (kind, roles, turns, want) in table {
            let want: Vec<Need> = want.iter().map(|(r, t)| Need::new(*r, t)).collect();
            assert_eq!(needs(*kind, roles, *turns), want, "{kind:?} {roles:?}");
        }
    }

    #[test]
    fn people_equally_busy_go_by_family_name() {
        let store = crate::sample::sample_in_memory().unwrap();
        let b = board(&store).unwrap();
        for w in b.loads.windows(2) {
            if w[0].sessions == w[1].sessions {
                assert!(
                    w[0].sort_key <= w[1].sort_key,
                    "{} / {}",
                    w[0].name,
                    w[1].name
                );
            }
        }
        let bell = b.loads.iter().find(|l| l.name == "Ms Lynn Bell").unwrap();
        assert!(
            bell.sort_key.starts_with("bell\u{1}lynn"),
            "{:?}",
            bell.sort_key
        );
    }

    #[test]
    fn sample_board_lists_the_panel_and_loads() {
        let store = sample::sample_in_memory().unwrap();
        let b = board(&store).unwrap();
        let panel = b
            .sessions
            .iter()
            .find(|s| s.entry.session.kind == K::Panel)
            .expect("the sample has a panel");
        assert!(panel.needs.iter().all(|n| n.role != R::Panellist));
        assert!(b.sessions.iter().all(|s| s.entry.session.kind != K::Break));
        assert!(!b.loads.is_empty());
        assert!(b.loads.windows(2).all(|w| w[0].sessions >= w[1].sessions));
        assert_eq!(b.unconfirmed_roles, 0);
    }

    #[test]
    fn tentative_roles_are_counted_on_the_board_and_for_each_person() {
        let mut store = sample::sample_in_memory().unwrap();
        let sessions = store.sessions().unwrap();
        let s = sessions
            .iter()
            .find(|s| !store.session_roles(s.id).unwrap().is_empty())
            .unwrap();
        let mut entries: Vec<RoleEntry> = store
            .session_roles(s.id)
            .unwrap()
            .iter()
            .map(|r| RoleEntry {
                role: r.role,
                person_id: r.person_id,
                organisation_id: r.organisation_id,
                note: r.note.clone(),
                tentative: true,
                presence: r.presence,
            })
            .collect();
        let person = entries[0].person_id.unwrap();
        entries.truncate(1);
        crate::edit::roles::set_session_roles(&mut store, s.id, &entries).unwrap();
        let b = board(&store).unwrap();
        assert_eq!(b.unconfirmed_roles, 1);
        let load = b.loads.iter().find(|l| l.person_id == person).unwrap();
        assert_eq!(load.unconfirmed, 1);
        assert!(b.loads.iter().map(|l| l.unconfirmed).sum::<u32>() == 1);
    }

    #[test]
    fn assigning_a_busy_person_previews_the_clash() {
        let mut store = sample::sample_in_memory().unwrap();
        let sessions = store.sessions().unwrap();
        // Two sessions in different rooms at the same time; one person on both.
        let a = sessions
            .iter()
            .find(|s| s.start.is_some() && s.kind != K::Break)
            .unwrap()
            .clone();
        let copy = crate::planner::duplicate_session(&mut store, a.id).unwrap();
        store
            .set_session_times(
                &[crate::store::TimeChange {
                    id: copy.id,
                    start: a.start,
                    end: a.end,
                    room: Some(None),
                }],
                "Same time as the original",
            )
            .unwrap();
        let person = crate::edit::people::create_person(
            &mut store,
            &crate::forms::PersonForm {
                given_name: "Lynn".into(),
                family_name: "Bell".into(),
                ..Default::default()
            },
        )
        .unwrap();
        crate::edit::roles::set_session_roles(
            &mut store,
            a.id,
            &[RoleEntry {
                role: R::Speaker,
                person_id: Some(person.id),
                organisation_id: None,
                note: String::new(),
                presence: crate::model::RolePresence::InPerson,
                tentative: false,
            }],
        )
        .unwrap();
        let found = assignment_conflicts(&store, copy.id, person.id, R::Moderator).unwrap();
        assert!(
            found
                .iter()
                .any(|c| c.kind == check::ConflictKind::PersonDoubleBooked),
            "{found:?}"
        );
        // Nothing was written.
        assert!(store
            .session_roles(copy.id)
            .unwrap()
            .iter()
            .all(|r| r.person_id != Some(person.id)));
    }
}
