//! A day at a glance (rooms across, time down, each session a box) and the
//! sheets posted on each room's door: the forms of both documents, built
//! from the plan's agenda.

use crate::agenda::{self, AgendaSession};
use crate::error::Result;
use crate::model::{Event, SessionKind};
use crate::store::Store;
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

/// At most this many rooms fit across an A4 (or Letter) landscape page; a
/// day with more is printed on A3 (or Tabloid).
pub const SMALL_PAGE_ROOMS: usize = 6;
/// At most this many rooms across an A3 page; more rooms take more pages.
pub const LARGE_PAGE_ROOMS: usize = 14;
/// The column of sessions that have no room yet.
pub const NO_ROOM: &str = "Room to be confirmed";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridSession {
    /// Index into the page's rooms.
    pub column: u32,
    /// Sessions that overlap in one room stand side by side: this one's
    /// place among them, and how many share the width.
    pub lane: u32,
    pub lanes: u32,
    /// Minutes after midnight of the day.
    pub start: u32,
    pub end: u32,
    /// "09:00–10:30".
    pub time: String,
    pub title: String,
    /// A break or meal, drawn lighter.
    pub pause: bool,
    pub tentative: bool,
    /// Cancelled: drawn struck through, marked "Cancelled".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
}

/// One page of the grid: a day, or part of a day's rooms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridPage {
    /// "Tuesday 19 November 2024".
    pub heading: String,
    /// "Rooms 1–14 of 40" when a day takes more than one page, else empty.
    pub part: String,
    /// A3 (or Tabloid) rather than A4 (or Letter).
    pub large: bool,
    pub rooms: Vec<String>,
    /// The grid's first and last minute (whole hours).
    pub from: u32,
    pub to: u32,
    pub sessions: Vec<GridSession>,
    /// Sessions of the day without a time yet: "Title (Room)".
    pub untimed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DoorSession {
    /// "09:00–10:30", or "Time to be confirmed".
    pub time: String,
    pub title: String,
    pub event: String,
    pub tentative: bool,
    /// Cancelled: struck through, marked "Cancelled".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
}

/// What is posted on one room's door for one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DoorSheet {
    pub room: String,
    pub day: String,
    pub sessions: Vec<DoorSession>,
}

fn long_day(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// Minutes after midnight of `day`; a time on a later day is the day's end.
fn minute(day: NaiveDate, t: NaiveDateTime) -> u32 {
    if t.date() < day {
        0
    } else if t.date() > day {
        24 * 60
    } else {
        t.hour() * 60 + t.minute()
    }
}

fn time_range(s: &AgendaSession) -> String {
    match (s.session.start, s.session.end) {
        (Some(a), Some(b)) => format!("{}–{}", a.format("%H:%M"), b.format("%H:%M")),
        _ => "Time to be confirmed".into(),
    }
}

/// The days in scope with their sessions, in time order.
fn days(
    store: &Store,
    day: Option<NaiveDate>,
    event: Option<&Event>,
) -> Result<Vec<(NaiveDate, Vec<AgendaSession>)>> {
    Ok(agenda::agenda(store, day)?
        .days
        .into_iter()
        .map(|d| {
            let sessions: Vec<AgendaSession> = d
                .sessions
                .into_iter()
                .filter(|s| event.is_none_or(|e| e.id == s.session.event_id))
                .collect();
            (d.date, sessions)
        })
        .filter(|(_, s)| !s.is_empty())
        .collect())
}

/// The rooms a day's sessions use, in the plan's room order, with the
/// column of sessions without a room last.
fn rooms_of(store: &Store, sessions: &[AgendaSession]) -> Result<Vec<String>> {
    let mut rooms: Vec<String> = store
        .rooms()?
        .into_iter()
        .map(|r| r.name)
        .filter(|name| sessions.iter().any(|s| s.room.as_deref() == Some(name)))
        .collect();
    if sessions.iter().any(|s| s.room.is_none()) {
        rooms.push(NO_ROOM.into());
    }
    Ok(rooms)
}

fn room_of(s: &AgendaSession) -> &str {
    s.room.as_deref().unwrap_or(NO_ROOM)
}

/// The pages of the grid; with `mark_tbc`, tentative sessions say so.
pub fn grid(
    store: &Store,
    day: Option<NaiveDate>,
    event: Option<&Event>,
    mark_tbc: bool,
) -> Result<Vec<GridPage>> {
    let mut pages = Vec::new();
    for (date, sessions) in days(store, day, event)? {
        let rooms = rooms_of(store, &sessions)?;
        let timed: Vec<&AgendaSession> = sessions
            .iter()
            .filter(|s| s.session.start.is_some() && s.session.end.is_some())
            .collect();
        let span = |s: &AgendaSession| -> (u32, u32) {
            let start = s.session.start.map_or(0, |t| minute(date, t));
            let end = s.session.end.map_or(start, |t| minute(date, t)).max(start);
            (start, end)
        };
        let from = timed.iter().map(|s| span(s).0).min().unwrap_or(9 * 60) / 60 * 60;
        let to = timed
            .iter()
            .map(|s| span(s).1)
            .max()
            .unwrap_or(17 * 60)
            .div_ceil(60)
            * 60;
        let to = to.max(from + 60);
        let untimed: Vec<String> = sessions
            .iter()
            .filter(|s| s.session.start.is_none())
            .map(|s| format!("{} ({})", s.session.title, room_of(s)))
            .collect();
        let large = rooms.len() > SMALL_PAGE_ROOMS;
        let per_page = if large {
            LARGE_PAGE_ROOMS
        } else {
            SMALL_PAGE_ROOMS
        };
        let parts: Vec<&[String]> = rooms.chunks(per_page).collect();
        for (i, part) in parts.iter().enumerate() {
            let first = i * per_page;
            let sessions = timed
                .iter()
                .filter_map(|s| {
                    let column = part.iter().position(|r| r == room_of(s))?;
                    let (start, end) = span(s);
                    Some(GridSession {
                        column: column as u32,
                        lane: 0,
                        lanes: 1,
                        start,
                        end,
                        time: time_range(s),
                        title: s.session.title.clone(),
                        pause: matches!(s.session.kind, SessionKind::Break | SessionKind::Meal),
                        tentative: mark_tbc && s.session.tentative,
                        cancelled: s.cancelled,
                    })
                })
                .collect::<Vec<_>>();
            let sessions = side_by_side(sessions);
            pages.push(GridPage {
                heading: long_day(date),
                part: if parts.len() > 1 {
                    format!(
                        "Rooms {}–{} of {}",
                        first + 1,
                        first + part.len(),
                        rooms.len()
                    )
                } else {
                    String::new()
                },
                large,
                rooms: part.to_vec(),
                from,
                to,
                sessions,
                // Listed once, under the day's first page.
                untimed: if i == 0 { untimed.clone() } else { Vec::new() },
            });
        }
    }
    Ok(pages)
}

/// A sheet for each room a day uses; with `mark_tbc`, tentative sessions say so.
/// Gives sessions that overlap in one room their lanes: each run of
/// overlapping sessions shares its column's width, a session taking the
/// first lane free at its start.
fn side_by_side(mut sessions: Vec<GridSession>) -> Vec<GridSession> {
    sessions.sort_by_key(|s| (s.column, s.start, s.end));
    let mut run_start = 0;
    let mut run_end = 0;
    let mut lane_ends: Vec<u32> = Vec::new();
    for i in 0..sessions.len() {
        let (column, start, end) = (sessions[i].column, sessions[i].start, sessions[i].end);
        let joins = i > run_start && sessions[run_start].column == column && start < run_end;
        if !joins {
            close_run(&mut sessions[run_start..i], lane_ends.len()); // slice-ok: a Vec of sessions
            run_start = i;
            run_end = 0;
            lane_ends.clear();
        }
        let lane = match lane_ends.iter().position(|e| *e <= start) {
            Some(l) => l,
            None => {
                lane_ends.push(0);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = end.max(start + 1);
        sessions[i].lane = lane as u32;
        run_end = run_end.max(end.max(start + 1));
    }
    let n = sessions.len();
    close_run(&mut sessions[run_start..n], lane_ends.len()); // slice-ok: a Vec of sessions
    sessions
}

fn close_run(run: &mut [GridSession], lanes: usize) {
    for s in run {
        s.lanes = lanes.max(1) as u32;
    }
}

pub fn doors(
    store: &Store,
    day: Option<NaiveDate>,
    event: Option<&Event>,
    mark_tbc: bool,
) -> Result<Vec<DoorSheet>> {
    let mut sheets = Vec::new();
    for (date, sessions) in days(store, day, event)? {
        for room in rooms_of(store, &sessions)? {
            // Timed sessions in time order, then those whose time is to come.
            let (timed, untimed): (Vec<&AgendaSession>, Vec<&AgendaSession>) = sessions
                .iter()
                .filter(|s| room_of(s) == room)
                .partition(|s| s.session.start.is_some());
            sheets.push(DoorSheet {
                room: room.clone(),
                day: long_day(date),
                sessions: timed
                    .into_iter()
                    .chain(untimed)
                    .map(|s| DoorSession {
                        time: time_range(s),
                        title: s.session.title.clone(),
                        event: s.event_title.clone(),
                        tentative: mark_tbc && s.session.tentative,
                        cancelled: s.cancelled,
                    })
                    .collect(),
            });
        }
    }
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn every_timed_session_of_a_day_is_a_box_in_its_rooms_column() {
        let store = sample::sample_in_memory().unwrap();
        let pages = grid(&store, None, None, true).unwrap();
        let agenda = days(&store, None, None).unwrap();
        assert_eq!(
            pages.len(),
            agenda.len(),
            "one page a day: the sample has few rooms"
        );
        for (page, (_, sessions)) in pages.iter().zip(&agenda) {
            assert!(!page.large, "{}", page.heading);
            assert!(page.rooms.len() <= SMALL_PAGE_ROOMS);
            let mut expected: Vec<(&str, String)> = sessions
                .iter()
                .filter(|s| s.session.start.is_some())
                .map(|s| (room_of(s), time_range(s)))
                .collect();
            let mut boxes: Vec<(&str, String)> = page
                .sessions
                .iter()
                .map(|b| (page.rooms[b.column as usize].as_str(), b.time.clone()))
                .collect();
            expected.sort();
            boxes.sort();
            assert_eq!(boxes, expected, "{}", page.heading);
            assert_eq!(page.from % 60, 0);
            assert_eq!(page.to % 60, 0);
            for b in &page.sessions {
                assert!(page.from <= b.start && b.end <= page.to);
                assert!(b.lane < b.lanes);
            }
        }
    }

    #[test]
    fn a_day_of_many_rooms_goes_on_large_pages_split_by_rooms() {
        let dir = tempfile::tempdir().unwrap();
        let spec = crate::synth::Spec {
            days: 2,
            rooms: 40,
            sessions: 300,
            people: 40,
            roles: 40,
        };
        let store = crate::synth::generate(&dir.path().join("big.plenary"), &spec).unwrap();
        let pages = grid(&store, None, None, true).unwrap();
        let mut boxes = 0;
        for p in &pages {
            assert!(p.large, "{}", p.heading);
            assert!(p.rooms.len() <= LARGE_PAGE_ROOMS);
            boxes += p.sessions.len();
        }
        assert!(pages.iter().any(|p| p.part.starts_with("Rooms 1–14 of ")));
        let timed: usize = days(&store, None, None)
            .unwrap()
            .iter()
            .map(|(_, s)| s.iter().filter(|s| s.session.start.is_some()).count())
            .sum();
        assert_eq!(boxes, timed, "every timed session once");
    }

    #[test]
    fn sessions_overlapping_in_a_room_stand_side_by_side() {
        let at = |column: u32, start: u32, end: u32| GridSession {
            column,
            lane: 9,
            lanes: 9,
            start,
            end,
            time: String::new(),
            title: format!("{column} {start}"),
            pause: false,
            cancelled: false,
            tentative: false,
        };
        let placed = side_by_side(vec![
            at(0, 540, 600),
            at(0, 570, 630),
            at(0, 600, 660),
            at(0, 700, 760),
            at(1, 540, 600),
        ]);
        let lanes: Vec<(String, u32, u32)> = placed
            .iter()
            .map(|s| (s.title.clone(), s.lane, s.lanes))
            .collect();
        assert_eq!(
            lanes,
            [
                ("0 540".to_string(), 0, 2),
                ("0 570".to_string(), 1, 2),
                ("0 600".to_string(), 0, 2),
                ("0 700".to_string(), 0, 1),
                ("1 540".to_string(), 0, 1),
            ]
        );
    }

    #[test]
    fn each_room_has_a_door_sheet_a_day_with_its_sessions_in_time_order() {
        let store = sample::sample_in_memory().unwrap();
        let sheets = doors(&store, None, None, true).unwrap();
        let total: usize = days(&store, None, None)
            .unwrap()
            .iter()
            .map(|(_, s)| s.len())
            .sum();
        assert_eq!(
            sheets.iter().map(|s| s.sessions.len()).sum::<usize>(),
            total
        );
        for sheet in &sheets {
            assert!(!sheet.sessions.is_empty(), "{}", sheet.room);
            let times: Vec<&str> = sheet
                .sessions
                .iter()
                .map(|s| s.time.as_str())
                .filter(|t| t.contains('–'))
                .collect();
            let mut sorted = times.clone();
            sorted.sort();
            assert_eq!(times, sorted, "{} {}", sheet.room, sheet.day);
        }
    }
}
