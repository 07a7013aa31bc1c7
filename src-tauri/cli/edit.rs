//! Edits from the command line: move, substitute, retime, undo, redo, and the history.

use crate::{date_option, for_option, for_options, open_to_edit, out, Failure};
use plenary_core::attendees::lookup;
use plenary_core::edit::roles;
use plenary_core::text::lists::{self, Retimed};
use plenary_core::{planner, Store};
use std::path::Path;

/// Moves a session (by id or exact title), keeping its length.
pub fn move_session(
    file: &Path,
    session: &str,
    to: &str,
    room: Option<&str>,
) -> Result<i32, Failure> {
    let mut store = open_to_edit(file)?;
    let s = planner::find_session(&store, session)?;
    let start = planner::parse_wall_clock(to).ok_or_else(|| {
        Failure(format!(
            "--to: \"{to}\" is not a date and time (use \"YYYY-MM-DD HH:MM\")"
        ))
    })?;
    let room = match room {
        Some(r) => Some(Some(
            planner::find_room(&store, r)
                .map_err(|e| for_option("--room", e))?
                .id,
        )),
        None => None,
    };
    let moved = planner::move_session(&mut store, s.id, start, room)
        .map_err(|e| for_options(&[("start", "--to")], e))?;
    // This edit's own words: another process may have recorded a later
    // step in the same file meanwhile.
    let summary = store.last_edit().map(str::to_string);
    out(&format!(
        "{}\n",
        summary.unwrap_or_else(|| format!("“{}” already starts then", moved.title))
    ))?;
    Ok(0)
}

/// One person takes another's roles in a session.
pub fn substitute(file: &Path, session: &str, replace: &str, with: &str) -> Result<i32, Failure> {
    let mut store = open_to_edit(file)?;
    let s = planner::find_session(&store, session)?;
    let replace = lookup::find_person(&store, replace).map_err(|e| for_option("--replace", e))?;
    let with = lookup::find_person(&store, with).map_err(|e| for_option("--with", e))?;
    roles::substitute(&mut store, s.id, replace.id, with.id).map_err(|e| {
        for_options(
            &[
                ("session", "SESSION"),
                ("replace", "--replace"),
                ("with", "--with"),
            ],
            e,
        )
    })?;
    out(&format!("{}\n", store.last_edit().unwrap_or_default()))?;
    Ok(0)
}

/// Lays a room's day end to end from `from`, keeping pinned sessions.
pub fn retime(file: &Path, day: &str, room: &str, from: String, gap: u32) -> Result<i32, Failure> {
    let mut store = open_to_edit(file)?;
    let day = date_option("--day", day)?;
    let room = planner::find_room(&store, room).map_err(|e| for_option("--room", e))?;
    if plenary_core::forms::parse_time(&from).is_none() {
        return Err(Failure(format!(
            "--from: \"{from}\" is not a time (use HH:MM, 24-hour)"
        )));
    }
    let request = planner::RetimeRequest {
        day,
        room_id: room.id,
        from,
        order: vec![],
        minutes: vec![],
        gap_minutes: gap,
    };
    let placed = planner::retime(&mut store, &request)
        .map_err(|e| for_options(&[("day", "--day"), ("gap_minutes", "--gap")], e))?;
    let sessions = placed
        .iter()
        .map(|p| store.session(p.id))
        .collect::<Result<Vec<_>, _>>()?;
    let rows: Vec<Retimed> = placed
        .iter()
        .zip(&sessions)
        .map(|(p, s)| Retimed {
            start: p.start,
            end: p.end,
            title: &s.title,
            pinned: s.pinned,
        })
        .collect();
    out(&lists::retimed(&rows))?;
    Ok(0)
}

pub fn undo(file: &Path) -> Result<i32, Failure> {
    match open_to_edit(file)?.undo()? {
        Some(what) => out(&format!("Undid: {what}\n"))?,
        None => return Err(Failure("nothing to undo".into())),
    }
    Ok(0)
}

pub fn redo(file: &Path) -> Result<i32, Failure> {
    match open_to_edit(file)?.redo()? {
        Some(what) => out(&format!("Redid: {what}\n"))?,
        None => return Err(Failure("nothing to redo".into())),
    }
    Ok(0)
}

pub fn history(file: &Path, limit: u32) -> Result<i32, Failure> {
    let store = Store::open(file)?;
    out(&lists::history(&store.history(i64::from(limit))?))?;
    Ok(0)
}
