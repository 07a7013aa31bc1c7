//! Planning edits: moving and resizing sessions, ripple re-timing of a
//! day's sequence in a room with pinned blocks, breaks across all rooms,
//! and duplication. Each edit is one undoable step with a readable summary.

use crate::error::{CoreError, Result};
use crate::limits::MAX_BREAK_MINUTES;
use crate::model::*;
use crate::store::{SessionCopy, SessionDraft, Store, TimeChange};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

fn when(t: NaiveDateTime) -> String {
    t.format("%a %-d %b %H:%M").to_string()
}

/// `t` plus `minutes`, stopping at the calendar's end rather than
/// overflowing: lengths read from a damaged plan may be absurd.
fn later(t: NaiveDateTime, minutes: i64) -> NaiveDateTime {
    Duration::try_minutes(minutes)
        .and_then(|d| t.checked_add_signed(d))
        .unwrap_or(NaiveDateTime::MAX)
}

/// The longest gap between sessions a re-timing takes, in minutes.
pub const MAX_GAP_MINUTES: u32 = 240;

/// The longest session a re-timing lays out: one day.
pub const MAX_SESSION_MINUTES: u32 = 24 * 60;

/// Refuses `day` when it is not one of the plan's days.
fn within_plan(store: &Store, field: &str, day: NaiveDate) -> Result<()> {
    let plan = store.plan()?;
    if day < plan.first_day || day > plan.last_day {
        return Err(CoreError::invalid(
            field,
            format!(
                "{day} is not a day of the plan ({}).",
                crate::forms::day_span(plan.first_day, plan.last_day)
            ),
        ));
    }
    Ok(())
}

/// "Moved “Panel” from Mon 18 Nov 10:45 to 11:00", or a plain "Edited …".
pub fn describe_change(
    before: &Session,
    title: &str,
    new_start: Option<NaiveDateTime>,
    room_changed: bool,
) -> String {
    match (before.start, new_start) {
        (Some(a), Some(b)) if a != b => {
            let to = if a.date() == b.date() {
                b.format("%H:%M").to_string()
            } else {
                when(b)
            };
            format!("Moved “{title}” from {} to {to}", when(a))
        }
        (None, Some(b)) => format!("Scheduled “{title}” at {}", when(b)),
        (Some(_), None) => format!("Unscheduled “{title}”"),
        _ if room_changed => format!("Moved “{title}” to another room"),
        _ => format!("Edited session “{title}”"),
    }
}

/// One block of a sequence, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub id: Id,
    pub title: String,
    pub minutes: i64,
    /// Set for a pinned block: it keeps this start.
    pub pinned_start: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub struct Placed {
    pub id: Id,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

/// A block that would run into a pinned one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overrun {
    pub pin: String,
    pub pin_start: NaiveDateTime,
    /// The block running into the pin; None when the sequence itself starts late.
    pub culprit: Option<String>,
    pub minutes: i64,
}

impl Overrun {
    pub fn message(&self) -> String {
        match &self.culprit {
            Some(c) => format!(
                "“{c}” would overrun the pinned “{}” at {} by {} min",
                self.pin,
                self.pin_start.format("%H:%M"),
                self.minutes
            ),
            None => format!(
                "the sequence would start {} min after the pinned “{}” at {}",
                self.minutes,
                self.pin,
                self.pin_start.format("%H:%M")
            ),
        }
    }
}

/// Lays blocks end to end from `from`, `gap` minutes apart. Pinned blocks
/// keep their start; the others flow around them. Every overrun of a pin is
/// reported and nothing is placed.
pub fn ripple(
    blocks: &[Block],
    from: NaiveDateTime,
    gap: i64,
) -> std::result::Result<Vec<Placed>, Vec<Overrun>> {
    let (placed, overruns) = lay_out(blocks, from, gap);
    if overruns.is_empty() {
        Ok(placed)
    } else {
        Err(overruns)
    }
}

/// The ripple's placement, with the overruns beside it rather than instead of it.
fn lay_out(blocks: &[Block], from: NaiveDateTime, gap: i64) -> (Vec<Placed>, Vec<Overrun>) {
    let mut t = from;
    let mut placed = Vec::with_capacity(blocks.len());
    let mut overruns = Vec::new();
    let mut previous: Option<&Block> = None;
    for b in blocks {
        let start = match b.pinned_start {
            Some(pin) => {
                if t > pin {
                    // The gap after the previous block may touch a pin; only
                    // the block itself counts as an overrun.
                    let late = (t - pin).num_minutes() - if previous.is_some() { gap } else { 0 };
                    if late > 0 {
                        overruns.push(Overrun {
                            pin: b.title.clone(),
                            pin_start: pin,
                            culprit: previous.map(|p| p.title.clone()),
                            minutes: late,
                        });
                    }
                }
                pin
            }
            None => t,
        };
        let end = later(start, b.minutes);
        placed.push(Placed {
            id: b.id,
            start,
            end,
        });
        t = later(end, gap);
        previous = Some(b);
    }
    (placed, overruns)
}

/// Pushes blocks (in time order, each with its current start) later only as
/// far as needed so that none starts before `from` or before the previous
/// one ends; gaps that absorb the push stay. Pinned blocks do not move.
pub fn push(
    blocks: &[(Block, NaiveDateTime)],
    from: NaiveDateTime,
) -> std::result::Result<Vec<Placed>, Vec<Overrun>> {
    let mut t = from;
    let mut placed = Vec::with_capacity(blocks.len());
    let mut overruns = Vec::new();
    let mut previous: Option<&Block> = None;
    for (b, current) in blocks {
        let start = match b.pinned_start {
            Some(pin) => {
                if t > pin {
                    overruns.push(Overrun {
                        pin: b.title.clone(),
                        pin_start: pin,
                        culprit: previous.map(|p| p.title.clone()),
                        minutes: (t - pin).num_minutes(),
                    });
                }
                pin
            }
            None => t.max(*current),
        };
        let end = later(start, b.minutes);
        placed.push(Placed {
            id: b.id,
            start,
            end,
        });
        t = end;
        previous = Some(b);
    }
    if overruns.is_empty() {
        Ok(placed)
    } else {
        Err(overruns)
    }
}

fn overrun_error(overruns: Vec<Overrun>) -> CoreError {
    let text: Vec<String> = overruns.iter().map(Overrun::message).collect();
    CoreError::PinOverrun(format!("Refused: {}.", text.join("; ")))
}

fn minutes(s: &Session) -> i64 {
    match (s.start, s.end) {
        (Some(a), Some(b)) => (b - a).num_minutes().max(0),
        _ => 60,
    }
}

/// The session a person names by id or by title (ignoring case and accents,
/// `fold`), as on the command line; several sessions with that title are refused with their ids.
pub fn find_session(store: &Store, wanted: &str) -> Result<Session> {
    let sessions = store.sessions()?;
    let wanted = wanted.trim();
    if let Ok(id) = wanted.parse::<Id>() {
        if let Some(s) = sessions.iter().find(|s| s.id == id) {
            return Ok(s.clone());
        }
    }
    let matching: Vec<&Session> = sessions
        .iter()
        .filter(|s| crate::fold::same(&s.title, wanted))
        .collect();
    match matching.as_slice() {
        [one] => Ok((*one).clone()),
        [] => find_session_by_words(&sessions, wanted),
        many => Err(CoreError::invalid(
            "session",
            format!(
                "{} sessions are titled \"{wanted}\"; use an id ({})",
                many.len(),
                many.iter()
                    .map(|s| s.id.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// Staff type part of a long title ("national updates"): the one session
/// whose title holds every typed word, ignoring case and accents.
fn find_session_by_words(sessions: &[Session], wanted: &str) -> Result<Session> {
    let words = crate::fold::words(wanted);
    let holding: Vec<&Session> = if words.is_empty() {
        vec![]
    } else {
        sessions
            .iter()
            .filter(|s| {
                let title = crate::fold::fold(&s.title);
                words.iter().all(|w| title.contains(w.as_str()))
            })
            .collect()
    };
    match holding.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(CoreError::invalid(
            "session",
            format!("no session has the id or title \"{wanted}\""),
        )),
        many => {
            const SHOWN: usize = 5;
            let mut named: Vec<String> = many
                .iter()
                .take(SHOWN)
                .map(|s| match s.start {
                    Some(start) => {
                        format!("{} “{}” {}", s.id, s.title, start.format("%d %b %H:%M"))
                    }
                    None => format!("{} “{}”", s.id, s.title),
                })
                .collect();
            if many.len() > SHOWN {
                named.push(format!("{} more", many.len() - SHOWN));
            }
            Err(CoreError::invalid(
                "session",
                format!(
                    "{} sessions have \"{wanted}\" in their title; use an id ({})",
                    many.len(),
                    named.join("; ")
                ),
            ))
        }
    }
}

/// The room a person names by id or by name, ignoring case and accents
/// (`fold`); one written exactly as typed wins.
pub fn find_room(store: &Store, wanted: &str) -> Result<Room> {
    let rooms = store.rooms()?;
    let wanted = wanted.trim();
    rooms
        .iter()
        .find(|r| r.name == wanted || r.id.to_string() == wanted)
        .or_else(|| rooms.iter().find(|r| crate::fold::same(&r.name, wanted)))
        .cloned()
        .ok_or_else(|| {
            CoreError::invalid(
                "room",
                format!(
                    "no room \"{wanted}\" (rooms: {})",
                    rooms
                        .iter()
                        .map(|r| r.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })
}

/// Moves a session to start at `start`, keeping its length; `room` set
/// moves it to that room as well.
pub fn move_session(
    store: &mut Store,
    id: Id,
    start: NaiveDateTime,
    room: Option<Option<Id>>,
) -> Result<Session> {
    let s = store.session(id)?;
    within_plan(store, "start", start.date())?;
    if let Some(Some(r)) = room {
        store.room(r)?;
    }
    let end = later(start, minutes(&s));
    let room_changed = matches!(room, Some(r) if r != s.room_id);
    refuse_pin_overlap(store, &s, start, end, room.unwrap_or(s.room_id))?;
    if s.start == Some(start) && !room_changed {
        return Ok(s);
    }
    let mut summary = describe_change(&s, &s.title, Some(start), room_changed);
    if room_changed {
        if let Some(Some(r)) = room {
            let name = store.room(r)?.name;
            if s.start != Some(start) {
                summary = format!("{summary}, to {name}");
            } else {
                summary = format!("Moved “{}” to {name}", s.title);
            }
        }
    }
    store.set_session_times(
        &[TimeChange {
            id,
            start: Some(start),
            end: Some(end),
            room,
        }],
        &summary,
    )?;
    store.session(id)
}

/// A move or resize may not land on a pinned session in the same room.
fn refuse_pin_overlap(
    store: &Store,
    s: &Session,
    start: NaiveDateTime,
    end: NaiveDateTime,
    room: Option<Id>,
) -> Result<()> {
    let Some(room) = room else { return Ok(()) };
    let pinned = store.pinned_overlapping(room, start, end, s.id)?;
    match pinned {
        Some(p) => Err(CoreError::PinOverrun(format!(
            "Refused: “{}” would overlap the pinned “{}” at {}.",
            s.title,
            p.title,
            p.start
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default()
        ))),
        None => Ok(()),
    }
}

/// Reads a wall-clock start such as "2024-11-19 11:00" for `field`.
pub fn parse_start(field: &str, value: &str) -> Result<NaiveDateTime> {
    parse_wall_clock(value).ok_or_else(|| {
        CoreError::invalid(
            field,
            format!("\"{value}\" is not a date and time (use YYYY-MM-DD HH:MM)."),
        )
    })
}

/// Sets a session's start and end (a resize on the calendar).
pub fn set_times(
    store: &mut Store,
    id: Id,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> Result<Session> {
    let s = store.session(id)?;
    if end <= start {
        return Err(CoreError::invalid("end_time", "End must be after start."));
    }
    refuse_pin_overlap(store, &s, start, end, s.room_id)?;
    let summary = format!(
        "Changed “{}” to {}–{}",
        s.title,
        when(start),
        end.format("%H:%M")
    );
    store.set_session_times(
        &[TimeChange {
            id,
            start: Some(start),
            end: Some(end),
            room: None,
        }],
        &summary,
    )?;
    store.session(id)
}

/// Takes a session off the calendar into the unscheduled tray.
pub fn unschedule(store: &mut Store, id: Id) -> Result<Session> {
    let s = store.session(id)?;
    store.set_session_times(
        &[TimeChange {
            id,
            start: None,
            end: None,
            room: None,
        }],
        &format!("Unscheduled “{}”", s.title),
    )?;
    store.session(id)
}

/// One block of a day's sequence in a room, as the planner shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SequenceBlock {
    pub session: Session,
    pub minutes: u32,
}

/// The sessions of `day` in `room`, in time order.
pub fn sequence(store: &Store, day: NaiveDate, room: Id) -> Result<Vec<SequenceBlock>> {
    let from = midnight(day);
    let to = later(from, 24 * 60);
    Ok(store
        .sessions_between(from, to)?
        .into_iter()
        .filter(|s| s.room_id == Some(room))
        .map(|s| SequenceBlock {
            minutes: u32::try_from(minutes(&s)).unwrap_or(u32::MAX),
            session: s,
        })
        .collect())
}

/// A re-timing request for one room's day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct RetimeRequest {
    pub day: NaiveDate,
    pub room_id: Id,
    /// "HH:MM"; blank keeps the current first start (or the day's start).
    pub from: String,
    /// The new order of the sequence's sessions; empty keeps the current one.
    pub order: Vec<Id>,
    /// New lengths in minutes, by session.
    pub minutes: Vec<(Id, u32)>,
    pub gap_minutes: u32,
}

/// A re-timing worked out and not yet written: the room, where the ripple
/// starts, the day's sessions as they are, and the blocks in the new order.
struct Retiming {
    room: Room,
    from: NaiveDateTime,
    current: Vec<SequenceBlock>,
    blocks: Vec<Block>,
}

fn retiming(store: &Store, req: &RetimeRequest) -> Result<Retiming> {
    let plan = store.plan()?;
    if req.gap_minutes > MAX_GAP_MINUTES {
        return Err(CoreError::invalid(
            "gap_minutes",
            format!(
                "The gap is 0 to {MAX_GAP_MINUTES} minutes, not {}.",
                req.gap_minutes
            ),
        ));
    }
    if let Some((_, m)) = req
        .minutes
        .iter()
        .find(|(_, m)| *m == 0 || *m > MAX_SESSION_MINUTES)
    {
        return Err(CoreError::invalid(
            "minutes",
            format!("A session lasts 1 to {MAX_SESSION_MINUTES} minutes, not {m}."),
        ));
    }
    within_plan(store, "day", req.day)?;
    let room = store.room(req.room_id)?;
    let current = sequence(store, req.day, req.room_id)?;
    let order = new_order(&current, req, &room)?;
    let lengths: HashMap<Id, u32> = req.minutes.iter().copied().collect();
    let from = if req.from.trim().is_empty() {
        current
            .first()
            .and_then(|b| b.session.start)
            .unwrap_or_else(|| req.day.and_time(plan.day_start))
    } else {
        let t = crate::forms::parse_time(&req.from).ok_or_else(|| {
            CoreError::invalid(
                "from",
                format!("\"{}\" is not a time (use HH:MM, 24-hour).", req.from),
            )
        })?;
        req.day.and_time(t)
    };
    let blocks: Vec<Block> = order
        .iter()
        .map(|b| {
            let m = lengths.get(&b.session.id).copied().unwrap_or(b.minutes);
            Block {
                id: b.session.id,
                title: b.session.title.clone(),
                minutes: m.max(1) as i64,
                pinned_start: b.session.pinned.then_some(b.session.start).flatten(),
            }
        })
        .collect();
    Ok(Retiming {
        room,
        from,
        current,
        blocks,
    })
}

/// The day's blocks in the order asked for; blocks the order leaves out
/// follow in their current order.
fn new_order<'a>(
    current: &'a [SequenceBlock],
    req: &RetimeRequest,
    room: &Room,
) -> Result<Vec<&'a SequenceBlock>> {
    let by_id: HashMap<Id, &SequenceBlock> = current.iter().map(|b| (b.session.id, b)).collect();
    let mut order: Vec<&SequenceBlock> = Vec::new();
    for id in &req.order {
        let b = by_id.get(id).ok_or_else(|| {
            CoreError::invalid(
                "order",
                format!("Session {id} is not in {} on {}.", room.name, req.day),
            )
        })?;
        if !order.iter().any(|s| s.session.id == *id) {
            order.push(*b);
        }
    }
    for b in current {
        if !order.iter().any(|o| o.session.id == b.session.id) {
            order.push(b);
        }
    }
    Ok(order)
}

/// What a re-timing would do, without doing it: every block's new times,
/// and the pins it would overrun (Apply is refused while there are any).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RetimePreview {
    pub placed: Vec<Placed>,
    /// One sentence per overrun, as the refusal words it.
    pub overruns: Vec<String>,
}

/// The sequence planner's live preview: the same ripple `retime` runs, read-only.
pub fn preview_retime(store: &Store, req: &RetimeRequest) -> Result<RetimePreview> {
    let r = retiming(store, req)?;
    let (placed, overruns) = lay_out(&r.blocks, r.from, req.gap_minutes as i64);
    Ok(RetimePreview {
        placed,
        overruns: overruns.iter().map(Overrun::message).collect(),
    })
}

/// Ripples a room's day from its start: reorder, change lengths, keep pins.
/// Refuses, changing nothing, when a block would overrun a pin.
pub fn retime(store: &mut Store, req: &RetimeRequest) -> Result<Vec<Placed>> {
    let Retiming {
        room,
        from,
        current,
        blocks,
    } = retiming(store, req)?;
    let by_id: HashMap<Id, &SequenceBlock> = current.iter().map(|b| (b.session.id, b)).collect();
    let placed = ripple(&blocks, from, req.gap_minutes as i64).map_err(overrun_error)?;
    let changes: Vec<TimeChange> = placed
        .iter()
        .filter(|p| {
            let s = &by_id[&p.id].session;
            s.start != Some(p.start) || s.end != Some(p.end)
        })
        .map(|p| TimeChange {
            id: p.id,
            start: Some(p.start),
            end: Some(p.end),
            room: None,
        })
        .collect();
    if !changes.is_empty() {
        let summary = format!(
            "Re-timed {} on {} from {}",
            room.name,
            req.day.format("%a %-d %b"),
            from.format("%H:%M")
        );
        store.set_session_times(&changes, &summary)?;
    }
    Ok(placed)
}

/// A break or meal for every room in use on a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct BreakRequest {
    pub day: NaiveDate,
    /// "HH:MM"
    pub at: String,
    pub minutes: u32,
    pub kind: SessionKind,
    pub title: String,
}

/// Inserts the break at the same time in every room that has sessions that
/// day, and pushes each room's later sessions as far as needed to make room. Refuses,
/// changing nothing, when that would push a session into a pin.
pub fn insert_break(store: &mut Store, req: &BreakRequest) -> Result<Vec<Id>> {
    let (start, end) = break_times(req)?;
    let title = req.title.trim();
    if title.is_empty() {
        return Err(CoreError::invalid("title", "Title is required."));
    }
    let from = midnight(req.day);
    let sessions = store.sessions_between(from, later(from, 24 * 60))?;
    let mut rooms: Vec<Id> = sessions.iter().filter_map(|s| s.room_id).collect();
    rooms.sort_unstable();
    rooms.dedup();
    if rooms.is_empty() {
        return Err(CoreError::invalid(
            "day",
            format!("No room has sessions on {}.", req.day),
        ));
    }
    let event_id = store
        .events()?
        .into_iter()
        .find(|e| e.first_day <= req.day && req.day <= e.last_day)
        .map(|e| e.id)
        .or_else(|| sessions.first().map(|s| s.event_id))
        .ok_or_else(|| CoreError::invalid("day", "No event runs on that day."))?;
    let changes = push_for_break(&sessions, &rooms, start, end)?;
    let drafts: Vec<SessionDraft> = rooms
        .iter()
        .map(|room| SessionDraft {
            event_id,
            title: title.to_string(),
            kind: req.kind,
            start: Some(start),
            end: Some(end),
            day: None,
            room_id: Some(*room),
            description: String::new(),
            agenda_item: String::new(),
            outcome: String::new(),
            notes: String::new(),
            tentative: false,
            link: String::new(),
        })
        .collect();
    store.insert_break_step(
        &drafts,
        &changes,
        &format!(
            "Inserted “{title}” at {} in {} rooms",
            when(start),
            rooms.len()
        ),
    )
}

/// When the break asked for starts and ends.
fn break_times(req: &BreakRequest) -> Result<(NaiveDateTime, NaiveDateTime)> {
    let at = crate::forms::parse_time(&req.at).ok_or_else(|| {
        CoreError::invalid(
            "at",
            format!("\"{}\" is not a time (use HH:MM, 24-hour).", req.at),
        )
    })?;
    if req.minutes == 0 || req.minutes > MAX_BREAK_MINUTES {
        return Err(CoreError::invalid(
            "minutes",
            format!("A break lasts from 1 to {MAX_BREAK_MINUTES} minutes."),
        ));
    }
    let start = req.day.and_time(at);
    Ok((start, later(start, req.minutes.into())))
}

/// The new times of each room's sessions from `start` on, pushed only as far
/// as a break ending at `end` needs; pins stay, and pushing into one refuses.
fn push_for_break(
    sessions: &[Session],
    rooms: &[Id],
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> Result<Vec<TimeChange>> {
    let mut changes = Vec::new();
    let mut overruns = Vec::new();
    for room in rooms {
        let blocks: Vec<(Block, NaiveDateTime)> = sessions
            .iter()
            .filter(|s| s.room_id == Some(*room) && s.start.is_some_and(|t| t >= start))
            .map(|s| {
                let block = Block {
                    id: s.id,
                    title: s.title.clone(),
                    minutes: minutes(s),
                    pinned_start: if s.pinned { s.start } else { None },
                };
                (block, s.start.unwrap_or(end))
            })
            .collect();
        match push(&blocks, end) {
            Ok(placed) => changes.extend(placed.into_iter().map(|p| TimeChange {
                id: p.id,
                start: Some(p.start),
                end: Some(p.end),
                room: None,
            })),
            Err(mut o) => overruns.append(&mut o),
        }
    }
    if !overruns.is_empty() {
        return Err(overrun_error(overruns));
    }
    Ok(changes)
}

/// Copies a session to start right after itself, in the same room.
pub fn duplicate_session(store: &mut Store, id: Id) -> Result<Session> {
    let s = store.session(id)?;
    let (start, end) = match (s.start, s.end) {
        (Some(a), Some(b)) => (Some(b), Some(later(b, (b - a).num_minutes()))),
        _ => (None, None),
    };
    let title = format!("{} (copy)", s.title);
    let ids = store.copy_sessions(
        &[SessionCopy {
            from: id,
            event_id: s.event_id,
            title: title.clone(),
            start,
            end,
            // A copy of a session still to be timed stays on its day.
            day: s.day.filter(|_| start.is_none()),
        }],
        &format!("Duplicated “{}”", s.title),
    )?;
    store.session(ids[0])
}

/// The same session on the next day, at the same time and in the same
/// room, with its roles, co-hosts and speaking list: a panel that meets
/// again. A room taken then is a conflict the checks report, not a refusal.
pub fn copy_to_next_day(store: &mut Store, id: Id) -> Result<Session> {
    let s = store.session(id)?;
    let Some(day) = s.on_day() else {
        return Err(CoreError::invalid(
            "id",
            format!("“{}” has no day yet; give it one first.", s.title),
        ));
    };
    let next = day.succ_opt().unwrap_or(day);
    let event = store.event(s.event_id)?;
    if next > event.last_day || next == day {
        return Err(CoreError::invalid(
            "id",
            format!(
                "“{}” cannot be copied to the next day: {} ends on {}.",
                s.title,
                event.title,
                event.last_day.format("%a %-d %b %Y")
            ),
        ));
    }
    let ids = store.copy_sessions(
        &[SessionCopy {
            from: id,
            event_id: s.event_id,
            title: s.title.clone(),
            start: s.start.map(|t| later(t, 24 * 60)),
            end: s.end.map(|t| later(t, 24 * 60)),
            // A session still to be timed moves to the next day untimed.
            day: s.day.filter(|_| s.start.is_none()).map(|_| next),
        }],
        &format!("Copied “{}” to {}", s.title, next.format("%a %-d %b")),
    )?;
    store.session(ids[0])
}

/// Copies every session of `from` onto `to`, at the same times and rooms.
/// A copy keeps its event when the event runs on `to`, else takes the one
/// event that does.
pub fn duplicate_day(store: &mut Store, from: NaiveDate, to: NaiveDate) -> Result<Vec<Id>> {
    if from == to {
        return Err(CoreError::invalid("to", "Choose another day to copy to."));
    }
    within_plan(store, "to", to)?;
    let events = store.events()?;
    let on_target: Vec<&Event> = events
        .iter()
        .filter(|e| e.first_day <= to && to <= e.last_day)
        .collect();
    let start = midnight(from);
    let mut sessions = store.sessions_between(start, later(start, 24 * 60))?;
    // A session whose time is still to be confirmed belongs to the day too.
    sessions.extend(store.day_only_sessions(from)?);
    if sessions.is_empty() {
        return Err(CoreError::invalid(
            "from",
            format!("{from} has no sessions to copy."),
        ));
    }
    let shift = to - from;
    let copies: Vec<SessionCopy> = sessions
        .iter()
        .map(|s| {
            let keeps = events
                .iter()
                .any(|e| e.id == s.event_id && e.first_day <= to && to <= e.last_day);
            let event_id = match (keeps, on_target.as_slice()) {
                (false, [only]) => only.id,
                _ => s.event_id,
            };
            SessionCopy {
                from: s.id,
                event_id,
                title: s.title.clone(),
                start: s.start.map(|t| later(t, shift.num_minutes())),
                end: s.end.map(|t| later(t, shift.num_minutes())),
                day: s.day.map(|_| to),
            }
        })
        .collect();
    store.copy_sessions(
        &copies,
        &format!(
            "Copied {} sessions from {} to {}",
            copies.len(),
            from.format("%a %-d %b"),
            to.format("%a %-d %b")
        ),
    )
}

pub fn parse_wall_clock(value: &str) -> Option<NaiveDateTime> {
    let v = value.trim();
    [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(v, f).ok())
}

pub fn midnight(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN)
}

#[cfg(test)]
mod tests;
