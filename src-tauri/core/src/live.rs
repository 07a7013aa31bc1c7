//! The live speaking list: a statements session's turns while it runs. The
//! delegation speaking now with its time left, those waiting in order, and
//! those who spoke with how long they took. Calling the next speaker,
//! giving the floor out of order, adding or moving a delegation are each
//! one undoable step; the times are kept on the slots (`spoke_start`,
//! `spoke_end`), apart from the planned minutes.
//!
//! Core never reads a clock: every function takes `now`, the plan's wall
//! clock.

use crate::error::{CoreError, Result};
use crate::limits::MAX_TURN_MINUTES;
use crate::model::{Id, Session, SessionKind};
use crate::speaking::{self, Turn};
use crate::store::{SlotEntry, SpokeTimes, Store};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use specta::Type;

/// The minutes a delegation added without a budget gets when the list has none to copy.
pub const DEFAULT_TURN_MINUTES: u32 = 3;

/// One delegation's turn on the live list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct LiveTurn {
    pub slot_id: Id,
    pub organisation_id: Id,
    /// The delegation as the speaking list names it.
    pub delegation: String,
    /// Who speaks for it, when known.
    pub speaker: Option<String>,
    /// The budget, in minutes.
    pub minutes: u32,
    pub spoke_start: Option<NaiveDateTime>,
    pub spoke_end: Option<NaiveDateTime>,
    /// Seconds spoken: to the end of the turn, or to now while it runs.
    pub spoken_seconds: Option<i64>,
    /// Spoke longer than the budget.
    pub over_budget: bool,
}

/// A statements session's speaking list at `now`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct LiveList {
    pub session_id: Id,
    pub title: String,
    pub cancelled: bool,
    pub now: NaiveDateTime,
    /// The delegation with the floor.
    pub current: Option<LiveTurn>,
    /// Seconds left of the current turn's budget; negative once over.
    pub remaining_seconds: Option<i64>,
    /// Still to speak, in order: the first is next.
    pub waiting: Vec<LiveTurn>,
    /// Spoke, in the order they spoke.
    pub spoken: Vec<LiveTurn>,
    /// The minutes the waiting delegations still need.
    pub waiting_minutes: u32,
}

fn seconds(a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    (b - a).num_seconds()
}

fn live_turn(t: &Turn, now: NaiveDateTime) -> LiveTurn {
    let slot = &t.slot;
    let spoken_seconds = slot
        .spoke_start
        .map(|a| seconds(a, slot.spoke_end.unwrap_or(now)).max(0));
    LiveTurn {
        slot_id: slot.id,
        organisation_id: slot.organisation_id,
        delegation: t.organisation.clone(),
        speaker: t.speaker.clone(),
        minutes: slot.minutes,
        spoke_start: slot.spoke_start,
        spoke_end: slot.spoke_end,
        spoken_seconds,
        over_budget: spoken_seconds.is_some_and(|s| s > i64::from(slot.minutes) * 60),
    }
}

/// A session whose list may run live: statements or a tour de table, not cancelled.
fn live_session(store: &Store, session_id: Id) -> Result<Session> {
    let session = store.session(session_id)?;
    if session.kind != SessionKind::Statements {
        return Err(CoreError::invalid(
            "session",
            format!(
                "“{}” is a {}, not statements or a tour de table: its list does not run live.",
                session.title,
                session.kind.label().to_lowercase()
            ),
        ));
    }
    Ok(session)
}

fn refuse_cancelled(store: &Store, session: &Session) -> Result<()> {
    if store
        .session_runs()?
        .get(&session.id)
        .is_some_and(|r| r.cancelled)
    {
        return Err(CoreError::invalid(
            "session",
            format!("“{}” is cancelled; restore it first.", session.title),
        ));
    }
    Ok(())
}

/// The live list of `session_id` at `now`. A damaged file may hold several
/// turns begun and not ended: the latest begun has the floor, the others
/// count as spoken up to now.
pub fn live_list(store: &Store, session_id: Id, now: NaiveDateTime) -> Result<LiveList> {
    let session = live_session(store, session_id)?;
    let cancelled = store
        .session_runs()?
        .get(&session_id)
        .is_some_and(|r| r.cancelled);
    let list = speaking::speaking_list(store, session_id)?;
    let current_id = list
        .turns
        .iter()
        .filter(|t| t.slot.spoke_start.is_some() && t.slot.spoke_end.is_none())
        .max_by_key(|t| (t.slot.spoke_start, t.slot.position))
        .map(|t| t.slot.id);
    let mut current = None;
    let mut waiting = Vec::new();
    let mut spoken = Vec::new();
    for t in &list.turns {
        let turn = live_turn(t, now);
        if Some(t.slot.id) == current_id {
            current = Some(turn);
        } else if t.slot.spoke_start.is_none() {
            waiting.push(turn);
        } else {
            spoken.push(turn);
        }
    }
    spoken.sort_by_key(|t| t.spoke_start);
    let remaining_seconds = current
        .as_ref()
        .map(|c| i64::from(c.minutes) * 60 - c.spoken_seconds.unwrap_or(0));
    let waiting_minutes = waiting
        .iter()
        .fold(0u32, |sum, t| sum.saturating_add(t.minutes));
    Ok(LiveList {
        session_id,
        title: session.title,
        cancelled,
        now,
        current,
        remaining_seconds,
        waiting,
        spoken,
        waiting_minutes,
    })
}

/// The list for an edit: the session checked (statements, not cancelled)
/// and its live state at `now`.
fn editable(store: &Store, session_id: Id, now: NaiveDateTime) -> Result<LiveList> {
    let session = live_session(store, session_id)?;
    refuse_cancelled(store, &session)?;
    live_list(store, session_id, now)
}

/// A turn of this session's list, found by slot id.
fn slot_of(list: &LiveList, slot_id: Id) -> Result<&LiveTurn> {
    list.current
        .iter()
        .chain(&list.waiting)
        .chain(&list.spoken)
        .find(|t| t.slot_id == slot_id)
        .ok_or_else(|| {
            CoreError::invalid(
                "slot",
                format!(
                    "Turn {slot_id} is not on the speaking list of “{}”.",
                    list.title
                ),
            )
        })
}

/// The current turn ended at `now` (never before it began).
fn ended(current: &LiveTurn, now: NaiveDateTime) -> SpokeTimes {
    let start = current.spoke_start.unwrap_or(now);
    SpokeTimes {
        slot_id: current.slot_id,
        start: Some(start),
        end: Some(now.max(start)),
    }
}

/// Ends the current turn at `now` and gives the floor to the first
/// waiting delegation, as one step. With nobody waiting it only ends the
/// current turn.
pub fn call_next(store: &mut Store, session_id: Id, now: NaiveDateTime) -> Result<LiveList> {
    let list = editable(store, session_id, now)?;
    let mut times = Vec::new();
    if let Some(c) = &list.current {
        times.push(ended(c, now));
    }
    let summary = match (list.waiting.first(), &list.current) {
        (Some(next), _) => {
            times.push(SpokeTimes {
                slot_id: next.slot_id,
                start: Some(now),
                end: None,
            });
            format!("Called {} to speak", next.delegation)
        }
        (None, Some(c)) => format!("Ended the turn of {}", c.delegation),
        (None, None) => {
            return Err(CoreError::invalid(
                "session",
                format!("Nobody is waiting to speak in “{}”.", list.title),
            ))
        }
    };
    store.set_spoke_times(&times, &summary)?;
    live_list(store, session_id, now)
}

/// Gives the floor to one waiting delegation out of order, ending the
/// current turn at `now`, as one step.
pub fn start_turn(
    store: &mut Store,
    session_id: Id,
    slot_id: Id,
    now: NaiveDateTime,
) -> Result<LiveList> {
    let list = editable(store, session_id, now)?;
    let turn = slot_of(&list, slot_id)?;
    if let Some(at) = turn.spoke_start {
        return Err(CoreError::invalid(
            "slot",
            format!(
                "{} already took the floor at {}.",
                turn.delegation,
                at.format("%H:%M")
            ),
        ));
    }
    let mut times = Vec::new();
    if let Some(c) = &list.current {
        times.push(ended(c, now));
    }
    times.push(SpokeTimes {
        slot_id,
        start: Some(now),
        end: None,
    });
    store.set_spoke_times(&times, &format!("Called {} to speak", turn.delegation))?;
    live_list(store, session_id, now)
}

/// Ends the current turn at `now`, as one step; nobody has the floor after.
pub fn end_turn(store: &mut Store, session_id: Id, now: NaiveDateTime) -> Result<LiveList> {
    let list = editable(store, session_id, now)?;
    let Some(c) = &list.current else {
        return Err(CoreError::invalid(
            "session",
            format!("Nobody has the floor in “{}”.", list.title),
        ));
    };
    store.set_spoke_times(
        &[ended(c, now)],
        &format!("Ended the turn of {}", c.delegation),
    )?;
    live_list(store, session_id, now)
}

/// Puts a turn back among the waiting, at its place on the list, its times
/// cleared, as one step: for a delegation called by mistake.
pub fn reset_turn(
    store: &mut Store,
    session_id: Id,
    slot_id: Id,
    now: NaiveDateTime,
) -> Result<LiveList> {
    let list = editable(store, session_id, now)?;
    let turn = slot_of(&list, slot_id)?;
    if turn.spoke_start.is_none() {
        return Err(CoreError::invalid(
            "slot",
            format!("{} has not spoken yet.", turn.delegation),
        ));
    }
    store.set_spoke_times(
        &[SpokeTimes {
            slot_id,
            start: None,
            end: None,
        }],
        &format!("Put {} back on the waiting list", turn.delegation),
    )?;
    live_list(store, session_id, now)
}

/// The whole list as entries: those who spoke (in the order they spoke),
/// the current turn, then the waiting ones in `waiting` order.
fn entries_with_waiting(store: &Store, list: &LiveList, waiting: &[Id]) -> Result<Vec<SlotEntry>> {
    let slots = store.speaking_list(list.session_id)?;
    let entry = |id: Id| {
        slots.iter().find(|s| s.id == id).map(|s| SlotEntry {
            organisation_id: s.organisation_id,
            person_id: s.person_id,
            minutes: s.minutes,
        })
    };
    Ok(list
        .spoken
        .iter()
        .chain(&list.current)
        .map(|t| t.slot_id)
        .chain(waiting.iter().copied())
        .filter_map(entry)
        .collect())
}

/// Moves a waiting delegation to place `to` among the waiting (0: next),
/// as one step. Turns that ran keep their times.
pub fn move_speaker(
    store: &mut Store,
    session_id: Id,
    slot_id: Id,
    to: u32,
    now: NaiveDateTime,
) -> Result<LiveList> {
    let list = editable(store, session_id, now)?;
    let turn = slot_of(&list, slot_id)?.clone();
    let mut order: Vec<Id> = list.waiting.iter().map(|t| t.slot_id).collect();
    let Some(from) = order.iter().position(|id| *id == slot_id) else {
        return Err(CoreError::invalid(
            "slot",
            format!("{} is not waiting to speak.", turn.delegation),
        ));
    };
    let to = (to as usize).min(order.len() - 1);
    if to == from {
        return Ok(list);
    }
    order.remove(from);
    order.insert(to, slot_id);
    let entries = entries_with_waiting(store, &list, &order)?;
    let place = match to {
        0 => "to speak next".to_string(),
        n => format!("to place {} in the queue", n + 1),
    };
    store.set_speaking_list(
        session_id,
        &entries,
        &format!("Moved {} {place}", turn.delegation),
    )?;
    live_list(store, session_id, now)
}

/// Adds a delegation to the list while it runs, as one step: at place
/// `place` among the waiting (0: next), or last; with `minutes`, or the budget of
/// the list's last turn. Its head of delegation speaks for it when the
/// event knows one.
pub fn add_speaker(
    store: &mut Store,
    session_id: Id,
    organisation_id: Id,
    minutes: Option<u32>,
    place: Option<u32>,
    now: NaiveDateTime,
) -> Result<LiveList> {
    let list = editable(store, session_id, now)?;
    let session = store.session(session_id)?;
    let organisation = store.organisation(organisation_id).map_err(|_| {
        CoreError::invalid(
            "organisation",
            format!("Organisation {organisation_id} is not in this plan."),
        )
    })?;
    let slots = store.speaking_list(session_id)?;
    if slots.iter().any(|s| s.organisation_id == organisation_id) {
        return Err(CoreError::invalid(
            "organisation",
            format!("{} is already on the list.", organisation.name),
        ));
    }
    let minutes = minutes
        .or_else(|| slots.last().map(|s| s.minutes))
        .unwrap_or(DEFAULT_TURN_MINUTES);
    if minutes == 0 || minutes > MAX_TURN_MINUTES {
        return Err(CoreError::invalid(
            "minutes",
            format!("A turn is 1 to {MAX_TURN_MINUTES} minutes, not {minutes}."),
        ));
    }
    let mut entries = entries_with_waiting(
        store,
        &list,
        &list.waiting.iter().map(|t| t.slot_id).collect::<Vec<_>>(),
    )?;
    let done = entries.len().saturating_sub(list.waiting.len());
    let place = place.map_or(entries.len(), |a| {
        done + (a as usize).min(list.waiting.len())
    });
    entries.insert(
        place,
        SlotEntry {
            organisation_id,
            person_id: head_of_delegation(store, &session, organisation_id)?,
            minutes,
        },
    );
    store.set_speaking_list(
        session_id,
        &entries,
        &format!("Added {} to the speaking list", organisation.name),
    )?;
    live_list(store, session_id, now)
}

/// The head of the organisation's delegation to the session's event, if any.
fn head_of_delegation(store: &Store, session: &Session, organisation_id: Id) -> Result<Option<Id>> {
    let roster = crate::roster::roster(store, session.event_id)?;
    Ok(roster
        .delegations
        .iter()
        .find(|d| d.organisation.id == organisation_id)
        .and_then(|d| {
            d.members
                .iter()
                .find(|m| crate::protocol::heads_delegation(&m.capacity))
                .map(|m| m.person_id)
        }))
}

#[cfg(test)]
mod tests;
