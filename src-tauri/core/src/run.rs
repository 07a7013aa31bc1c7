//! Running the meeting: what is on now and next in each room, starting and
//! ending sessions as they happen, cancelling them, and running late (or
//! early) from now on. What happened is kept apart from the plan
//! (`store::run`); only a delay changes planned times, because the rest of
//! the day really moves.
//!
//! Core never reads a clock: every function takes `now`, the plan's wall
//! clock (`roster::wall_clock`). Intervals are half-open, [start, end).

use crate::error::{CoreError, Result};
use crate::model::{Id, RoleKind, Session, SessionKind};
use crate::planner::{self, Block, Placed};
use crate::store::{SessionRun, Store, TimeChange};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

/// How far one delay may move the day, either way.
pub const MAX_DELAY_MINUTES: i64 = 240;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Planned,
    Running,
    Done,
    Cancelled,
    /// Past its planned end and not ended.
    Overrunning,
    /// Its planned start has passed and it has not started.
    Late,
}

impl RunStatus {
    pub fn label(self) -> &'static str {
        match self {
            RunStatus::Planned => "planned",
            RunStatus::Running => "running",
            RunStatus::Done => "done",
            RunStatus::Cancelled => "cancelled",
            RunStatus::Overrunning => "overrunning",
            RunStatus::Late => "late",
        }
    }
}

/// A session of the day as planned and as it runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct RunSession {
    pub id: Id,
    pub title: String,
    pub kind: SessionKind,
    /// A break or a meal: shown, marked.
    pub is_break: bool,
    pub pinned: bool,
    pub planned_start: NaiveDateTime,
    pub planned_end: NaiveDateTime,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_end: Option<NaiveDateTime>,
    pub cancelled: bool,
    pub status: RunStatus,
    /// Actual start − planned start, once started.
    pub start_drift_minutes: Option<i64>,
    /// Actual end − planned end, once ended.
    pub end_drift_minutes: Option<i64>,
}

/// One room's day at `now`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct RoomNow {
    /// None: sessions without a room.
    pub room_id: Option<Id>,
    pub room: String,
    pub now: Option<RunSession>,
    pub next: Option<RunSession>,
    /// Minutes left of the session on now (negative when it overruns).
    pub remaining_minutes: Option<i64>,
    pub sessions: Vec<RunSession>,
}

/// The plan's day of `now`, room by room.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Today {
    pub day: NaiveDate,
    /// False when `now` is outside the plan's days: the rooms are then empty.
    pub in_plan: bool,
    pub now: NaiveDateTime,
    pub rooms: Vec<RoomNow>,
}

fn minutes_between(a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    (b - a).num_minutes()
}

fn run_session(s: &Session, run: Option<&SessionRun>, now: NaiveDateTime) -> Option<RunSession> {
    let (start, end) = (s.start?, s.end?);
    let actual_start = run.and_then(|r| r.actual_start);
    let actual_end = run.and_then(|r| r.actual_end);
    let cancelled = run.is_some_and(|r| r.cancelled);
    let is_break = matches!(s.kind, SessionKind::Break | SessionKind::Meal);
    let status = if cancelled {
        RunStatus::Cancelled
    } else if actual_end.is_some() {
        RunStatus::Done
    } else if actual_start.is_some() {
        if now >= end {
            RunStatus::Overrunning
        } else {
            RunStatus::Running
        }
    } else if is_break && now >= end {
        // Nobody starts or ends a coffee break: it runs by the clock, and
        // is never "late" on a secretariat's screen.
        RunStatus::Done
    } else if is_break && now >= start {
        RunStatus::Running
    } else if now >= start {
        RunStatus::Late
    } else {
        RunStatus::Planned
    };
    Some(RunSession {
        id: s.id,
        title: s.title.clone(),
        kind: s.kind,
        is_break,
        pinned: s.pinned,
        planned_start: start,
        planned_end: end,
        actual_start,
        actual_end,
        cancelled,
        status,
        start_drift_minutes: actual_start.map(|a| minutes_between(start, a)),
        end_drift_minutes: actual_end.map(|a| minutes_between(end, a)),
    })
}

/// The day's timed sessions of `day`, in time order.
fn day_sessions(store: &Store, day: NaiveDate) -> Result<Vec<Session>> {
    let from = planner::midnight(day);
    store.sessions_between(from, from + Duration::days(1))
}

/// Which session is on now: one started and not ended wins; else one whose
/// planned times hold `now` and that nobody has ended or started elsewhere.
/// A cancelled session is never on.
fn on_now(sessions: &[RunSession], now: NaiveDateTime) -> Option<usize> {
    sessions
        .iter()
        .position(|s| {
            !s.cancelled && s.actual_end.is_none() && s.actual_start.is_some_and(|a| a <= now)
        })
        .or_else(|| {
            sessions.iter().position(|s| {
                !s.cancelled
                    && s.actual_start.is_none()
                    && s.actual_end.is_none()
                    && s.planned_start <= now
                    && now < s.planned_end
            })
        })
}

/// One room's day at `now`: None when it has no timed session that day.
fn room_day(
    room_id: Option<Id>,
    name: String,
    sessions: &[Session],
    runs: &HashMap<Id, SessionRun>,
    now: NaiveDateTime,
) -> Option<RoomNow> {
    let list: Vec<RunSession> = sessions
        .iter()
        .filter(|s| s.room_id == room_id)
        .filter_map(|s| run_session(s, runs.get(&s.id), now))
        .collect();
    if list.is_empty() {
        return None;
    }
    let current = on_now(&list, now);
    let next = list
        .iter()
        .enumerate()
        .find(|(i, s)| {
            // After the one on now, the next still to start, even when
            // its planned start has passed (the one on now overran).
            let later = match current {
                Some(c) => *i > c,
                None => s.planned_start >= now,
            };
            later && !s.cancelled && s.actual_start.is_none() && s.actual_end.is_none()
        })
        .map(|(_, s)| s.clone());
    let current = current.map(|i| list[i].clone());
    let remaining_minutes = current
        .as_ref()
        .map(|c| minutes_between(now, expected_end(c)));
    Some(RoomNow {
        room_id,
        room: name,
        now: current,
        next,
        remaining_minutes,
        sessions: list,
    })
}

/// When a session on now should end: started late, it still gets its planned length.
fn expected_end(c: &RunSession) -> NaiveDateTime {
    match c.actual_start {
        Some(a) if a > c.planned_start => a + (c.planned_end - c.planned_start),
        _ => c.planned_end,
    }
}

/// What is on now and next in every room with sessions on `now`'s day.
pub fn today(store: &Store, now: NaiveDateTime) -> Result<Today> {
    let plan = store.plan()?;
    let day = now.date();
    let in_plan = day >= plan.first_day && day <= plan.last_day;
    let mut rooms = Vec::new();
    if in_plan {
        let runs = store.session_runs()?;
        let sessions = day_sessions(store, day)?;
        let mut groups: Vec<(Option<Id>, String)> = store
            .rooms()?
            .into_iter()
            .map(|r| (Some(r.id), r.name))
            .collect();
        groups.push((None, "No room".to_string()));
        for (room_id, name) in groups {
            rooms.extend(room_day(room_id, name, &sessions, &runs, now));
        }
    }
    Ok(Today {
        day,
        in_plan,
        now,
        rooms,
    })
}

/// One person chairing or moderating, as the hall shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct HallPerson {
    /// Whoever takes the role now: the substitute when someone was replaced.
    /// "Ms Lynn Bell", or an organisation when no person is named yet.
    pub name: String,
    /// The person's position, as the speaker briefings give it.
    pub designation: String,
    /// The organisation beside the name (acronym if it has one).
    pub organisation: Option<String>,
    /// How the role reads in every list: "Ms Lynn Bell (Australia) (virtual)".
    pub text: String,
}

/// The people in one chairing role: "Co-Chairs", "Moderator".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct HallChairs {
    pub role: RoleKind,
    pub label: String,
    pub people: Vec<HallPerson>,
}

/// A session as the hall display shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct HallSession {
    pub session: RunSession,
    /// The kind as a programme shows it; empty for "Other".
    pub kind_label: String,
    /// When it started, else when it is planned to.
    pub starts: NaiveDateTime,
    /// When it should end (a late start keeps its planned length).
    pub ends: NaiveDateTime,
    pub chairs: Vec<HallChairs>,
}

/// Who has the floor and for how long, from the live speaking list of a
/// statements session on now: the delegation, and who speaks for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct HallSpeaker {
    pub name: String,
    pub designation: String,
    pub remaining_seconds: Option<i64>,
}

/// One room for a screen outside it or a projector inside: what is on now,
/// who chairs it, and what comes next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Hall {
    pub plan_title: String,
    pub room_id: Id,
    pub room: String,
    /// The plan's wall clock the display was read at.
    pub now: NaiveDateTime,
    /// False when `now` is outside the plan's days.
    pub in_plan: bool,
    /// The session on now; never a cancelled one.
    pub current: Option<HallSession>,
    /// Minutes left of the session on now (negative when it overruns).
    pub remaining_minutes: Option<i64>,
    pub speaker: Option<HallSpeaker>,
    /// The next session still to start in this room today.
    pub next: Option<HallSession>,
    /// Nothing on now and nothing more to come in this room today.
    pub done_for_today: bool,
}

/// The roles that run a session from the chair.
fn chairs_the_session(kind: RoleKind) -> bool {
    matches!(
        kind,
        RoleKind::Chair | RoleKind::CoChair | RoleKind::Moderator
    )
}

fn hall_session(store: &Store, s: RunSession) -> Result<HallSession> {
    let rows = store.roles_between(s.planned_start, s.planned_start + Duration::minutes(1))?;
    let views: Vec<(crate::agenda::RoleView, Option<Id>)> = rows
        .iter()
        .filter(|r| r.role.session_id == s.id && chairs_the_session(r.role.role))
        .map(|r| (crate::agenda::role_view(r), r.role.person_id))
        .collect();
    let mut chairs: Vec<HallChairs> = Vec::new();
    for (view, person_id) in views {
        let designation = match person_id {
            Some(id) => store.person(id)?.position.trim().to_string(),
            None => String::new(),
        };
        let person = HallPerson {
            name: view.name.clone(),
            designation,
            organisation: view.organisation.clone(),
            text: view.text.clone(),
        };
        // A run of one kind is one group, as every list groups roles.
        match chairs.last_mut() {
            Some(g) if g.role == view.role => g.people.push(person),
            _ => chairs.push(HallChairs {
                role: view.role,
                label: String::new(),
                people: vec![person],
            }),
        }
    }
    for g in &mut chairs {
        g.label = g.role.group_label(g.people.len());
    }
    Ok(HallSession {
        kind_label: s.kind.shown_label().to_string(),
        starts: s.actual_start.unwrap_or(s.planned_start),
        ends: expected_end(&s),
        chairs,
        session: s,
    })
}

/// What the hall display of `room_id` shows at `now`.
pub fn hall(store: &Store, room_id: Id, now: NaiveDateTime) -> Result<Hall> {
    let plan = store.plan()?;
    let room = store
        .rooms()?
        .into_iter()
        .find(|r| r.id == room_id)
        .ok_or_else(|| CoreError::invalid("room", format!("no room with id {room_id}")))?;
    let day = now.date();
    let in_plan = day >= plan.first_day && day <= plan.last_day;
    let day_now = if in_plan {
        room_day(
            Some(room_id),
            room.name.clone(),
            &day_sessions(store, day)?,
            &store.session_runs()?,
            now,
        )
    } else {
        None
    };
    let (current, next, remaining_minutes) = match day_now {
        Some(d) => (d.now, d.next, d.remaining_minutes),
        None => (None, None, None),
    };
    let current = current.map(|s| hall_session(store, s)).transpose()?;
    let next = next.map(|s| hall_session(store, s)).transpose()?;
    let speaker = match &current {
        Some(c) if c.session.kind == SessionKind::Statements => floor(store, c.session.id, now)?,
        _ => None,
    };
    Ok(Hall {
        plan_title: plan.title,
        room_id,
        room: room.name,
        now,
        in_plan,
        done_for_today: current.is_none() && next.is_none(),
        current,
        remaining_minutes,
        speaker,
        next,
    })
}

/// The delegation with the floor in a statements session, if a turn is on.
fn floor(store: &Store, session_id: Id, now: NaiveDateTime) -> Result<Option<HallSpeaker>> {
    let list = crate::live::live_list(store, session_id, now)?;
    Ok(list.current.map(|turn| HallSpeaker {
        name: turn.delegation,
        designation: turn.speaker.unwrap_or_default(),
        remaining_seconds: list.remaining_seconds,
    }))
}

fn timed(store: &Store, id: Id) -> Result<(Session, NaiveDateTime, NaiveDateTime)> {
    let s = store.session(id)?;
    match (s.start, s.end) {
        (Some(a), Some(b)) => Ok((s, a, b)),
        _ => Err(CoreError::invalid(
            "session",
            format!("“{}” has no times in the plan", s.title),
        )),
    }
}

fn on_its_day(s: &Session, start: NaiveDateTime, at: NaiveDateTime) -> Result<()> {
    if at.date() != start.date() {
        return Err(CoreError::invalid(
            "at",
            format!(
                "“{}” is on {}, not {}",
                s.title,
                start.format("%a %-d %b"),
                at.format("%a %-d %b")
            ),
        ));
    }
    Ok(())
}

/// Records that a session started at `at`, as one undoable step.
pub fn start_session(store: &mut Store, id: Id, at: NaiveDateTime) -> Result<RunSession> {
    let (s, start, _) = timed(store, id)?;
    on_its_day(&s, start, at)?;
    let run = store.session_runs()?.remove(&id);
    if run.as_ref().is_some_and(|r| r.cancelled) {
        return Err(CoreError::invalid(
            "session",
            format!("“{}” is cancelled; restore it first", s.title),
        ));
    }
    // Starting again after an end clears the end: the session resumed.
    store.set_actual_times(
        id,
        Some(at),
        None,
        &format!("Started “{}” at {}", s.title, at.format("%H:%M")),
    )?;
    let runs = store.session_runs()?;
    run_session(&store.session(id)?, runs.get(&id), at)
        .ok_or_else(|| CoreError::invalid("session", "no times"))
}

/// Records that a session ended at `at`, as one undoable step.
pub fn end_session(store: &mut Store, id: Id, at: NaiveDateTime) -> Result<RunSession> {
    let (s, start, _) = timed(store, id)?;
    on_its_day(&s, start, at)?;
    let run = store.session_runs()?.remove(&id);
    let Some(started) = run.as_ref().and_then(|r| r.actual_start) else {
        return Err(CoreError::invalid(
            "session",
            format!("“{}” has not started", s.title),
        ));
    };
    if at < started {
        return Err(CoreError::invalid(
            "at",
            format!(
                "“{}” started at {}; it cannot end at {}",
                s.title,
                started.format("%H:%M"),
                at.format("%H:%M")
            ),
        ));
    }
    store.set_actual_times(
        id,
        Some(started),
        Some(at),
        &format!("Ended “{}” at {}", s.title, at.format("%H:%M")),
    )?;
    let runs = store.session_runs()?;
    run_session(&store.session(id)?, runs.get(&id), at)
        .ok_or_else(|| CoreError::invalid("session", "no times"))
}

/// Cancels a session (or restores it), as one undoable step.
pub fn cancel_session(store: &mut Store, id: Id, cancelled: bool) -> Result<()> {
    let s = store.session(id)?;
    let summary = if cancelled {
        format!("Cancelled “{}”", s.title)
    } else {
        format!("Restored “{}”", s.title)
    };
    store.set_cancelled(id, cancelled, &summary)
}

/// One session a delay would move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct DelayMove {
    pub id: Id,
    pub title: String,
    pub room: String,
    pub from_start: NaiveDateTime,
    pub from_end: NaiveDateTime,
    pub to_start: NaiveDateTime,
    pub to_end: NaiveDateTime,
}

/// What a delay would do, or did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct DelayOutcome {
    pub summary: String,
    pub moves: Vec<DelayMove>,
    /// One sentence per pin that would be overrun; a delay with any is refused.
    pub overruns: Vec<String>,
}

struct Worked {
    outcome: DelayOutcome,
    changes: Vec<TimeChange>,
}

fn work_out_delay(
    store: &Store,
    room: Option<Id>,
    minutes: i64,
    now: NaiveDateTime,
) -> Result<Worked> {
    if minutes == 0 || minutes.abs() > MAX_DELAY_MINUTES {
        return Err(CoreError::invalid(
            "minutes",
            format!(
                "a delay is 1 to {MAX_DELAY_MINUTES} minutes, later or (negative) earlier, not {minutes}"
            ),
        ));
    }
    let rooms = store.rooms()?;
    let room_name = |id: Option<Id>| {
        id.and_then(|id| rooms.iter().find(|r| r.id == id))
            .map_or_else(|| "No room".to_string(), |r| r.name.clone())
    };
    if let Some(id) = room {
        if !rooms.iter().any(|r| r.id == id) {
            return Err(CoreError::invalid("room", format!("no room with id {id}")));
        }
    }
    let day = now.date();
    let day_end = planner::midnight(day) + Duration::days(1);
    let runs = store.session_runs()?;
    let sessions = day_sessions(store, day)?;
    let mut groups: Vec<Option<Id>> = match room {
        Some(id) => vec![Some(id)],
        None => rooms.iter().map(|r| Some(r.id)).collect(),
    };
    if room.is_none() {
        groups.push(None);
    }
    let by_id: HashMap<Id, &Session> = sessions.iter().map(|s| (s.id, s)).collect();
    let mut placed_all: Vec<Placed> = Vec::new();
    let mut overruns = Vec::new();
    for group in groups {
        let list: Vec<RunSession> = sessions
            .iter()
            .filter(|s| s.room_id == group)
            .filter_map(|s| run_session(s, runs.get(&s.id), now))
            .collect();
        let running = list.iter().find(|s| {
            !s.cancelled && s.actual_end.is_none() && s.actual_start.is_some_and(|a| a <= now)
        });
        // The running session keeps its start and ends `minutes` later; the
        // sessions still to come move by `minutes`, pins staying put.
        let mut blocks: Vec<(Block, NaiveDateTime)> = Vec::new();
        if let Some(r) = running {
            blocks.push((
                Block {
                    id: r.id,
                    title: r.title.clone(),
                    minutes: minutes_between(r.planned_start, r.planned_end) + minutes,
                    pinned_start: Some(r.planned_start),
                },
                r.planned_start,
            ));
        }
        for s in &list {
            // A session whose start has passed but which has not started
            // (the one after an overrun) moves too; one whose planned time
            // is all past stays where it was.
            if s.cancelled
                || s.actual_start.is_some()
                || s.actual_end.is_some()
                || s.planned_end <= now
            {
                continue;
            }
            let pinned = s.pinned;
            blocks.push((
                Block {
                    id: s.id,
                    title: s.title.clone(),
                    minutes: minutes_between(s.planned_start, s.planned_end),
                    pinned_start: pinned.then_some(s.planned_start),
                },
                s.planned_start + Duration::minutes(minutes),
            ));
        }
        if blocks.is_empty() {
            continue;
        }
        if running.is_some_and(|r| minutes_between(r.planned_start, r.planned_end) + minutes < 1) {
            return Err(CoreError::invalid(
                "minutes",
                format!(
                    "“{}” would end before it starts",
                    running.map(|r| r.title.as_str()).unwrap_or_default()
                ),
            ));
        }
        // Nothing moves to before now (running early), but the running
        // session keeps the start it was planned with, and one that is late
        // (its start passed, not started: the one after an overrun) moves
        // by the delay like the rest.
        let earliest = blocks.iter().map(|(_, at)| *at).min().unwrap_or(now);
        let from = match running {
            Some(r) => r.planned_start,
            None if minutes > 0 => now.min(earliest),
            None => now,
        };
        match planner::push(&blocks, from) {
            Ok(placed) => placed_all.extend(placed),
            Err(o) => overruns.extend(o.iter().map(planner::Overrun::message)),
        }
    }
    let mut moves = Vec::new();
    let mut changes = Vec::new();
    for p in placed_all {
        let s = by_id[&p.id];
        let (fs, fe) = (s.start.unwrap_or(p.start), s.end.unwrap_or(p.end));
        if fs == p.start && fe == p.end {
            continue;
        }
        if p.end > day_end || p.start.date() != day {
            return Err(CoreError::invalid(
                "minutes",
                format!("“{}” would run past midnight", s.title),
            ));
        }
        moves.push(DelayMove {
            id: p.id,
            title: s.title.clone(),
            room: room_name(s.room_id),
            from_start: fs,
            from_end: fe,
            to_start: p.start,
            to_end: p.end,
        });
        changes.push(TimeChange {
            id: p.id,
            start: Some(p.start),
            end: Some(p.end),
            room: None,
        });
    }
    let place = match room {
        Some(id) => format!("in {}", room_name(Some(id))),
        None => "in every room".to_string(),
    };
    let summary = if minutes > 0 {
        format!("Running {minutes} minutes late {place}")
    } else {
        format!("Running {} minutes early {place}", -minutes)
    };
    Ok(Worked {
        outcome: DelayOutcome {
            summary,
            moves,
            overruns,
        },
        changes,
    })
}

/// What a delay would move and which pins it would overrun; nothing is written.
pub fn preview_delay(
    store: &Store,
    room: Option<Id>,
    minutes: i64,
    now: NaiveDateTime,
) -> Result<DelayOutcome> {
    Ok(work_out_delay(store, room, minutes, now)?.outcome)
}

/// Moves the rest of `now`'s day (in `room`, or every room) by `minutes`, as
/// one undoable step. Refused, changing nothing, when it would overrun a pin.
pub fn delay(
    store: &mut Store,
    room: Option<Id>,
    minutes: i64,
    now: NaiveDateTime,
) -> Result<DelayOutcome> {
    let Worked { outcome, changes } = work_out_delay(store, room, minutes, now)?;
    if !outcome.overruns.is_empty() {
        return Err(CoreError::PinOverrun(format!(
            "Refused: {}.",
            outcome.overruns.join("; ")
        )));
    }
    if !changes.is_empty() {
        store.set_session_times(&changes, &outcome.summary)?;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests;
