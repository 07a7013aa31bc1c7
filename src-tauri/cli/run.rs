//! Running the meeting from the command line: today, start, end, cancel,
//! delay, and a session's live speaking list.

use crate::plan::pretty;
use crate::{for_option, for_options, out, Failure};
use chrono::NaiveDateTime;
use plenary_core::text::lists;
use plenary_core::{live, planner, run, when, Store};
use std::path::Path;

/// `--at`: a day and a time as the app reads them ("2024-11-19 10:40",
/// "19 Nov 10:40", "Tue 1 pm"), or a time alone on today's date, in the
/// plan's zone; without it, the machine clock in the plan's zone.
fn at_option(store: &Store, at: Option<&str>) -> Result<NaiveDateTime, Failure> {
    let plan = store.plan()?;
    let now = plenary_core::roster::wall_clock(&plan, chrono::Utc::now());
    let Some(text) = at else { return Ok(now) };
    if let Some(t) = planner::parse_wall_clock(text) {
        return Ok(t);
    }
    if let Ok(t) = when::read_time(text) {
        return Ok(now.date().and_time(t));
    }
    let days = Some((plan.first_day, plan.last_day));
    // The time is the last word or two ("10:40", "1 pm"); the day is the rest.
    let words: Vec<&str> = text.split_whitespace().collect();
    for n in [1, 2] {
        if words.len() > n {
            let (day, time) = words.split_at(words.len() - n);
            if let (Ok(d), Ok(t)) = (
                when::read_day(&day.join(" "), Some(plan.date_order), days),
                when::read_time(&time.join(" ")),
            ) {
                return Ok(d.and_time(t));
            }
        }
    }
    Err(Failure(format!(
        "--at: \"{text}\" is not a day and time (use \"2024-11-19 10:40\", \"19 Nov 10:40\" or a time alone)"
    )))
}

pub fn today(file: &Path, at: Option<&str>, json: bool) -> Result<i32, Failure> {
    let store = Store::open(file)?;
    let now = at_option(&store, at)?;
    let t = run::today(&store, now)?;
    if json {
        out(&format!("{}\n", pretty(&t)?))?;
    } else {
        out(&lists::today(&t))?;
    }
    Ok(0)
}

/// Records a session's actual start (`end` false) or end (`end` true).
pub fn start_or_end(
    file: &Path,
    session: &str,
    at: Option<&str>,
    end: bool,
) -> Result<i32, Failure> {
    let mut store = crate::open_to_edit(file)?;
    let s = planner::find_session(&store, session)?;
    let at = at_option(&store, at)?;
    let result = if end {
        run::end_session(&mut store, s.id, at)
    } else {
        run::start_session(&mut store, s.id, at)
    };
    result.map_err(|e| for_options(&[("at", "--at")], e))?;
    out(&format!("{}\n", store.last_edit().unwrap_or_default()))?;
    Ok(0)
}

pub fn cancel(file: &Path, session: &str, undo: bool) -> Result<i32, Failure> {
    let mut store = crate::open_to_edit(file)?;
    let s = planner::find_session(&store, session)?;
    run::cancel_session(&mut store, s.id, !undo)?;
    out(&format!("{}\n", store.last_edit().unwrap_or_default()))?;
    Ok(0)
}

pub fn delay(
    file: &Path,
    room: Option<&str>,
    minutes: i64,
    at: Option<&str>,
    dry_run: bool,
) -> Result<i32, Failure> {
    let mut store = crate::open_for(file, !dry_run)?;
    let room = room
        .map(|r| planner::find_room(&store, r).map_err(|e| for_option("--room", e)))
        .transpose()?
        .map(|r| r.id);
    let now = at_option(&store, at)?;
    let options = [("minutes", "--minutes"), ("room", "--room")];
    if dry_run {
        let o =
            run::preview_delay(&store, room, minutes, now).map_err(|e| for_options(&options, e))?;
        out(&lists::delay(&o, true))?;
        return Ok(if o.overruns.is_empty() { 0 } else { 1 });
    }
    let o = run::delay(&mut store, room, minutes, now).map_err(|e| for_options(&options, e))?;
    out(&lists::delay(&o, false))?;
    Ok(0)
}

/// The live speaking list; with `next`, the next speaker called first.
pub fn speakers(
    file: &Path,
    session: &str,
    next: bool,
    at: Option<&str>,
    json: bool,
) -> Result<i32, Failure> {
    let mut store = crate::open_for(file, next)?;
    let s = planner::find_session(&store, session)?;
    let now = at_option(&store, at)?;
    let list = if next {
        let l = live::call_next(&mut store, s.id, now)?;
        if !json {
            out(&format!("{}\n", store.last_edit().unwrap_or_default()))?;
        }
        l
    } else {
        live::live_list(&store, s.id, now)?
    };
    if json {
        out(&format!("{}\n", pretty(&list)?))?;
    } else {
        out(&lists::speakers(&list))?;
    }
    Ok(0)
}
