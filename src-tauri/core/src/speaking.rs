//! Speaking lists for any session where statements are made ("national
//! statements", a "tour de table", interventions from the floor at a
//! closing): delegations in order, each with a time budget, checked against
//! the session's length. Breaks and meals take none.

use crate::edit::{known_organisation, known_person};
use crate::error::{CoreError, Result};
use crate::limits::MAX_TURN_MINUTES;
use crate::model::*;
use crate::roster;
use crate::store::{SlotEntry, Store};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Turn {
    pub slot: SpeakingSlot,
    pub organisation: String,
    pub category: OrgCategory,
    pub speaker: Option<String>,
    /// Minutes from the session's start at which this turn begins.
    pub offset_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Budget {
    pub total_minutes: u32,
    /// The session's length; None while it is unscheduled.
    pub session_minutes: Option<u32>,
    /// Whether the turns fit in the session.
    pub fits: bool,
    /// One sentence: "42 of 60 minutes used; 18 left." or the overrun.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SpeakingList {
    pub session: Session,
    pub turns: Vec<Turn>,
    pub budget: Budget,
}

fn mins(n: u32) -> String {
    format!("{n} minute{}", if n == 1 { "" } else { "s" })
}

/// Checks the turns' total against the session's length. The total
/// saturates: minutes read from a damaged file may be absurd, not fatal.
pub fn budget(turns: &[u32], session_minutes: Option<u32>) -> Budget {
    let total = turns.iter().fold(0u32, |sum, m| sum.saturating_add(*m));
    let (fits, message) = match session_minutes {
        None => (
            true,
            format!("{} in all; the session has no times yet.", mins(total)),
        ),
        Some(len) if total <= len => (
            true,
            format!("{total} of {} used; {} left.", mins(len), mins(len - total)),
        ),
        Some(len) => (
            false,
            format!(
                "{total} minutes of turns do not fit in the session's {}: {} over.",
                mins(len),
                mins(total - len)
            ),
        ),
    };
    Budget {
        total_minutes: total,
        session_minutes,
        fits,
        message,
    }
}

pub fn speaking_list(store: &Store, session_id: Id) -> Result<SpeakingList> {
    let session = store.session(session_id)?;
    let orgs: HashMap<Id, Organisation> = store
        .organisations()?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut offset = 0;
    let mut turns = Vec::new();
    for slot in store.speaking_list(session_id)? {
        let org = orgs.get(&slot.organisation_id);
        let speaker = match slot.person_id {
            Some(p) => Some(store.person_name(p)?),
            None => None,
        };
        let minutes = slot.minutes;
        turns.push(Turn {
            organisation: org.map(|o| o.name.clone()).unwrap_or_default(),
            category: org.map(|o| o.category).unwrap_or(OrgCategory::MemberState),
            speaker,
            offset_minutes: offset,
            slot,
        });
        offset = offset.saturating_add(minutes);
    }
    let minutes: Vec<u32> = turns.iter().map(|t| t.slot.minutes).collect();
    Ok(SpeakingList {
        budget: budget(&minutes, session_length(&session)),
        session,
        turns,
    })
}

/// A session's length in minutes; None while it is unscheduled.
fn session_length(session: &Session) -> Option<u32> {
    match (session.start, session.end) {
        (Some(a), Some(b)) => Some(u32::try_from((b - a).num_minutes().max(0)).unwrap_or(u32::MAX)),
        _ => None,
    }
}

/// The budget line and each turn's start for a list being edited, before it is saved.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct TurnTimes {
    pub budget: Budget,
    /// When each turn begins: "09:12", or "+12 min" while the session has no times.
    pub starts: Vec<String>,
}

/// What the speaking-list dialog shows while the turns are edited: the same
/// budget as a saved list, and when each turn would begin. Writes nothing.
pub fn turn_times(store: &Store, session_id: Id, minutes: &[u32]) -> Result<TurnTimes> {
    let session = store.session(session_id)?;
    let mut offset = 0;
    let starts = minutes
        .iter()
        .map(|m| {
            let at = turn_start(session.start, offset);
            offset = offset.saturating_add(*m);
            at
        })
        .collect();
    Ok(TurnTimes {
        budget: budget(minutes, session_length(&session)),
        starts,
    })
}

/// When a turn `offset` minutes into a session begins: "09:12", or "+12 min"
/// while the session has no times (or the time would be past the calendar's end).
pub fn turn_start(start: Option<NaiveDateTime>, offset: u32) -> String {
    start
        .and_then(|s| s.checked_add_signed(chrono::Duration::try_minutes(offset.into())?))
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_else(|| format!("+{offset} min"))
}

/// Refuses a speaking list on a session that takes none (a break, a meal).
fn takes_a_list(session: &Session) -> Result<()> {
    if session.kind.takes_speaking_list() {
        return Ok(());
    }
    let what = match session.kind {
        SessionKind::Logistics => "logistics".to_string(),
        kind => format!("a {}", kind.label().to_lowercase()),
    };
    Err(CoreError::invalid(
        "session",
        format!("“{}” is {what}: it takes no speaking list.", session.title),
    ))
}

/// A starting list: the event's member and observer delegations in protocol
/// order, `minutes` each, each with its head of delegation as speaker. The
/// event's co-chairs are left out: they chair the session, they do not take
/// the floor in it.
pub fn suggest(store: &Store, session_id: Id, minutes: u32) -> Result<Vec<SlotEntry>> {
    let session = store.session(session_id)?;
    takes_a_list(&session)?;
    let cochairs: HashSet<Id> = store
        .cochairs()?
        .into_iter()
        .filter(|c| c.event_id == session.event_id)
        .map(|c| c.organisation_id)
        .collect();
    let r = roster::roster(store, session.event_id)?;
    Ok(r.delegations
        .iter()
        .filter(|d| {
            matches!(
                d.status,
                Some(ParticipationStatus::Member | ParticipationStatus::Observer)
            ) && !cochairs.contains(&d.organisation.id)
        })
        .map(|d| SlotEntry {
            organisation_id: d.organisation.id,
            person_id: d
                .members
                .iter()
                .find(|m| crate::protocol::heads_delegation(&m.capacity))
                .map(|m| m.person_id),
            minutes,
        })
        .collect())
}

/// Replaces a session's speaking list with `slots`, in order: each a
/// delegation of the plan, once, with a turn of 1 to `MAX_TURN_MINUTES`, on
/// a session that takes a list.
pub fn set_speaking_list(store: &mut Store, session_id: Id, slots: &[SlotEntry]) -> Result<()> {
    let session = store.session(session_id)?;
    // Emptying a list stays possible, for a session that became a break.
    if !slots.is_empty() {
        takes_a_list(&session)?;
    }
    let mut seen = HashSet::new();
    for (i, s) in slots.iter().enumerate() {
        let field = format!("slots.{i}");
        known_organisation(store, Some(s.organisation_id), &field)?;
        known_person(store, s.person_id, &field)?;
        if s.minutes == 0 || s.minutes > MAX_TURN_MINUTES {
            return Err(CoreError::invalid(
                &field,
                format!(
                    "Row {}: a turn is 1 to {MAX_TURN_MINUTES} minutes, not {}.",
                    i + 1,
                    s.minutes
                ),
            ));
        }
        if !seen.insert(s.organisation_id) {
            return Err(CoreError::invalid(
                &field,
                format!(
                    "Row {}: {} is already on the list.",
                    i + 1,
                    store.organisation(s.organisation_id)?.name
                ),
            ));
        }
    }
    store.set_speaking_list(
        session_id,
        slots,
        &format!("Edited the speaking list of “{}”", session.title),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn budget_table() {
        let table: &[(&[u32], Option<u32>, bool, &str)] = &[
            (
                &[],
                Some(60),
                true,
                "0 of 60 minutes used; 60 minutes left.",
            ),
            (
                &[3, 3, 3],
                Some(10),
                true,
                "9 of 10 minutes used; 1 minute left.",
            ),
            (
                &[5, 5],
                Some(10),
                true,
                "10 of 10 minutes used; 0 minutes left.",
            ),
            (
                &[5, 5, 1],
                Some(10),
                false,
                "11 minutes of turns do not fit in the session's 10 minutes: 1 minute over.",
            ),
            (
                &[4],
                None,
                true,
                "4 minutes in all; the session has no times yet.",
            ),
            (
                &[u32::MAX, u32::MAX],
                Some(60),
                false,
                "4294967295 minutes of turns do not fit in the session's 60 minutes: 4294967235 minutes over.",
            ),
        ];
        for (turns, len, fits, message) in table {
            let b = budget(turns, *len);
            assert_eq!((b.fits, b.message.as_str()), (*fits, *message), "{turns:?}");
        }
    }

    #[test]
    fn a_turn_past_the_calendar_is_counted_in_minutes() {
        let start =
            chrono::NaiveDate::from_ymd_opt(2024, 11, 18).and_then(|d| d.and_hms_opt(9, 0, 0));
        let end_of_time = Some(NaiveDateTime::MAX);
        let table = [
            (start, 12, "09:12"),
            (None, 12, "+12 min"),
            (end_of_time, 1, "+1 min"),
            (start, u32::MAX, "13:15"),
        ];
        for (from, offset, want) in table {
            assert_eq!(turn_start(from, offset), want, "{from:?} {offset}");
        }
    }

    #[test]
    fn turn_times_follow_the_edited_minutes_and_write_nothing() {
        let mut store = sample::sample_in_memory().unwrap();
        let sessions = store.sessions().unwrap();
        // The commemorative dialogue's opening: 09:00–09:30.
        let timed = sessions
            .iter()
            .find(|s| s.title == "Opening remarks by the Senior Official Co-Chairs")
            .unwrap();
        let untimed = crate::planner::unschedule(&mut store, sessions[5].id).unwrap();
        let table: &[(&Session, &[u32], &[&str], &str)] = &[
            (timed, &[], &[], "0 of 30 minutes used; 30 minutes left."),
            (
                timed,
                &[5, 10, 0, 3],
                &["09:00", "09:05", "09:15", "09:15"],
                "18 of 30 minutes used; 12 minutes left.",
            ),
            (
                timed,
                &[20, 15],
                &["09:00", "09:20"],
                "35 minutes of turns do not fit in the session's 30 minutes: 5 minutes over.",
            ),
            (
                &untimed,
                &[4, 6],
                &["+0 min", "+4 min"],
                "10 minutes in all; the session has no times yet.",
            ),
        ];
        let before = store.history(1).unwrap();
        for (session, minutes, starts, message) in table {
            let t = turn_times(&store, session.id, minutes).unwrap();
            assert_eq!(t.starts, *starts, "{minutes:?}");
            assert_eq!(t.budget.message, *message, "{minutes:?}");
            assert_eq!(t.budget, budget(minutes, t.budget.session_minutes));
        }
        assert_eq!(store.history(1).unwrap(), before, "nothing written");
        assert_eq!(
            turn_times(&store, 999_999, &[5]).unwrap_err().code(),
            crate::error::ErrorCode::NotFound
        );
    }

    #[test]
    fn suggested_list_is_in_protocol_order_and_round_trips() {
        let mut store = sample::sample_in_memory().unwrap();
        let session = store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|s| s.start.is_some() && s.kind != SessionKind::Break)
            .unwrap();
        let slots = suggest(&store, session.id, 3).unwrap();
        assert!(slots.len() >= 17, "{}", slots.len());
        crate::speaking::set_speaking_list(&mut store, session.id, &slots).unwrap();
        let list = speaking_list(&store, session.id).unwrap();
        let ids: Vec<Id> = list.turns.iter().map(|t| t.slot.organisation_id).collect();
        let want: Vec<Id> = slots.iter().map(|s| s.organisation_id).collect();
        assert_eq!(ids, want);
        assert_eq!(list.budget.total_minutes, 3 * slots.len() as u32);
        assert_eq!(list.turns[1].offset_minutes, 3);
        store.undo().unwrap();
        assert!(speaking_list(&store, session.id).unwrap().turns.is_empty());
    }

    /// The sample's first timed session, made of `kind`.
    fn session_of_kind(store: &mut Store, kind: SessionKind) -> Session {
        let session = store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|s| s.start.is_some())
            .unwrap();
        let form = crate::forms::SessionForm {
            kind,
            ..crate::forms::SessionForm::from(&session)
        };
        crate::edit::sessions::update_session(store, session.id, &form).unwrap()
    }

    #[test]
    fn any_session_but_a_pause_takes_a_speaking_list() {
        let table = [
            (SessionKind::Closing, None),
            (SessionKind::Opening, None),
            (SessionKind::Statements, None),
            (SessionKind::Discussion, None),
            (SessionKind::Other, None),
            (
                SessionKind::Break,
                Some("is a break: it takes no speaking list."),
            ),
            (
                SessionKind::Meal,
                Some("is a meal: it takes no speaking list."),
            ),
            (
                SessionKind::Logistics,
                Some("is logistics: it takes no speaking list."),
            ),
        ];
        for (kind, refusal) in table {
            let mut store = sample::sample_in_memory().unwrap();
            let session = session_of_kind(&mut store, kind);
            let slot = SlotEntry {
                organisation_id: store.organisations().unwrap()[0].id,
                person_id: None,
                minutes: 3,
            };
            let saved = set_speaking_list(&mut store, session.id, &[slot]);
            let suggested = suggest(&store, session.id, 3);
            let turns = store.speaking_list(session.id).unwrap().len();
            match refusal {
                None => {
                    saved.unwrap();
                    assert!(!suggested.unwrap().is_empty(), "{kind:?}");
                    assert_eq!(turns, 1, "{kind:?}");
                }
                Some(words) => {
                    for err in [saved.unwrap_err(), suggested.unwrap_err()] {
                        assert!(err.to_string().ends_with(words), "{kind:?}: {err}");
                        assert_eq!(err.code(), crate::error::ErrorCode::Invalid);
                    }
                    assert_eq!(turns, 0, "{kind:?}: nothing written");
                    // Emptying the list of a session that became a break stays possible.
                    set_speaking_list(&mut store, session.id, &[]).unwrap();
                }
            }
        }
    }

    #[test]
    fn a_first_list_leaves_out_the_cochairs_and_sorts_by_the_short_name() {
        let mut store = sample::sample_in_memory().unwrap();
        let session = session_of_kind(&mut store, SessionKind::Closing);
        let cochairs: HashSet<Id> = store
            .cochairs()
            .unwrap()
            .iter()
            .filter(|c| c.event_id == session.event_id)
            .map(|c| c.organisation_id)
            .collect();
        assert!(!cochairs.is_empty(), "the sample's event has co-chairs");
        let names = |store: &Store| -> Vec<String> {
            suggest(store, session.id, 3)
                .unwrap()
                .iter()
                .map(|s| store.organisation(s.organisation_id).unwrap().name)
                .collect()
        };
        let before = names(&store);
        let slots = suggest(&store, session.id, 3).unwrap();
        assert!(slots.iter().all(|s| !cochairs.contains(&s.organisation_id)));
        // A state whose official name starts with another letter stays
        // where its short name puts it.
        let first = store.organisation(slots[0].organisation_id).unwrap();
        let form = crate::forms::OrganisationForm {
            name: first.name.clone(),
            acronym: first.acronym.clone(),
            official_name: format!("Zealous Union of {}", first.name),
            category: first.category.key().into(),
            country_code: first.country_code.clone().unwrap_or_default(),
        };
        crate::edit::organisations::update_organisation(&mut store, first.id, &form).unwrap();
        assert_eq!(names(&store), before);
        assert_eq!(names(&store)[0], first.name);
    }

    #[test]
    fn a_delegation_twice_is_refused() {
        let mut store = sample::sample_in_memory().unwrap();
        let session = store.sessions().unwrap()[0].clone();
        let org = store.organisations().unwrap()[0].id;
        let slot = SlotEntry {
            organisation_id: org,
            person_id: None,
            minutes: 3,
        };
        let err = crate::speaking::set_speaking_list(&mut store, session.id, &[slot.clone(), slot])
            .unwrap_err();
        assert!(err.to_string().contains("Row 2"), "{err}");
        assert!(store.speaking_list(session.id).unwrap().is_empty());
    }
}
