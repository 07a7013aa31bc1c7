//! Speaking lists for "national statements" or "tour de table" sessions:
//! delegations in order, each with a time budget, checked against the
//! session's length.

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

/// A starting list: the event's member and observer delegations in protocol
/// order, `minutes` each, each with its head of delegation as speaker.
pub fn suggest(store: &Store, session_id: Id, minutes: u32) -> Result<Vec<SlotEntry>> {
    let session = store.session(session_id)?;
    let r = roster::roster(store, session.event_id)?;
    Ok(r.delegations
        .iter()
        .filter(|d| {
            matches!(
                d.status,
                Some(ParticipationStatus::Member | ParticipationStatus::Observer)
            )
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
/// delegation of the plan, once, with a turn of 1 to `MAX_TURN_MINUTES`.
pub fn set_speaking_list(store: &mut Store, session_id: Id, slots: &[SlotEntry]) -> Result<()> {
    let session = store.session(session_id)?;
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
