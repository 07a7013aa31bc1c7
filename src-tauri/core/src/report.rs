//! The day report: at the end of a day, each room's sessions as planned
//! against what happened, the delays, substitutions and cancellations, and
//! who checked in, by category, at each event of the day.
//!
//! Planned times are the plan's as they stand, so after a delay they are the
//! moved times people were told; the report also gives each moved session's
//! time before the day's first delay. Delays are read from the change log
//! (`Store::delayed_sessions`): only what is still applied counts, and the
//! log holds the last 500 steps (a new plan made from this one has none).
//! Breaks and meals are nobody's to start or end, so they are left out.

use crate::error::{CoreError, Result};
use crate::forms::day_span;
use crate::model::{Id, SessionKind};
use crate::planner;
use crate::roster::{self, DeskCount};
use crate::store::Store;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

/// A session that started no more than this many minutes after its planned
/// start counts as on time.
pub const ON_TIME_MINUTES: i64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    Done,
    Cancelled,
    NotStarted,
    /// Started, never ended.
    NotEnded,
}

impl ReportStatus {
    pub fn label(self) -> &'static str {
        match self {
            ReportStatus::Done => "done",
            ReportStatus::Cancelled => "cancelled",
            ReportStatus::NotStarted => "not started",
            ReportStatus::NotEnded => "not ended",
        }
    }
}

/// Someone who took another's role in a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ReportSubstitution {
    pub session: String,
    pub room: String,
    /// "Moderator".
    pub role: String,
    /// The role's holder, as the speaker sheets name them: "Ms Kathryn Haigh".
    pub replaced: String,
    pub by: String,
}

impl ReportSubstitution {
    /// "Jane Deputy for Ms Kathryn Haigh (Moderator)".
    pub fn text(&self) -> String {
        format!("{} for {} ({})", self.by, self.replaced, self.role)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ReportSession {
    pub id: Id,
    pub title: String,
    pub room: String,
    pub planned_start: NaiveDateTime,
    pub planned_end: NaiveDateTime,
    /// Its planned start before the day's delays moved it.
    pub moved_from: Option<NaiveDateTime>,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_end: Option<NaiveDateTime>,
    /// Actual start − planned start.
    pub drift_minutes: Option<i64>,
    /// Actual end − planned end (negative: ended early).
    pub overrun_minutes: Option<i64>,
    pub status: ReportStatus,
    pub substitutions: Vec<ReportSubstitution>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ReportRoom {
    pub room: String,
    pub sessions: Vec<ReportSession>,
}

/// One applied delay of the day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ReportDelay {
    /// "Running 20 minutes late in Plenary Hall".
    pub summary: String,
    /// When it was recorded, on the plan's clock; None when that was not on
    /// the report's day (a rehearsal ahead of the meeting).
    pub at: Option<NaiveDateTime>,
    /// How many sessions it moved.
    pub moved: u32,
    /// The first session it moved and its start before: "“Updates” from 11:30".
    pub first: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ReportCheckins {
    pub event: String,
    pub counts: Vec<DeskCount>,
    pub present: u32,
    pub expected: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ReportTotals {
    pub sessions: u32,
    /// Started (ended or not).
    pub held: u32,
    pub cancelled: u32,
    pub not_started: u32,
    /// Held and started within `ON_TIME_MINUTES` of the planned start.
    pub on_time: u32,
    /// Over the sessions held; None when none was.
    pub average_drift_minutes: Option<i64>,
    /// The minutes sessions that ended ran past their planned end, summed
    /// (early endings do not offset them).
    pub overrun_minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct DayReport {
    pub day: NaiveDate,
    /// "Tuesday 19 November 2024".
    pub day_text: String,
    pub rooms: Vec<ReportRoom>,
    pub delays: Vec<ReportDelay>,
    pub substitutions: Vec<ReportSubstitution>,
    pub cancelled: Vec<ReportSession>,
    pub checkins: Vec<ReportCheckins>,
    pub totals: ReportTotals,
}

fn stored_time(text: Option<&str>) -> Option<NaiveDateTime> {
    let t = text?.trim();
    [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
}

fn hm(t: NaiveDateTime) -> String {
    t.format("%H:%M").to_string()
}

/// The report of `day`, which must be one of the plan's days.
pub fn day_report(store: &Store, day: NaiveDate) -> Result<DayReport> {
    let plan = store.plan()?;
    if day < plan.first_day || day > plan.last_day {
        return Err(CoreError::invalid(
            "day",
            format!(
                "{day} is not a day of the plan ({}).",
                day_span(plan.first_day, plan.last_day)
            ),
        ));
    }
    let from = planner::midnight(day);
    let to = from + Duration::days(1);
    let sessions: Vec<_> = store
        .sessions_between(from, to)?
        .into_iter()
        .filter(|s| !matches!(s.kind, SessionKind::Break | SessionKind::Meal))
        .collect();
    let runs = store.session_runs()?;
    let rooms = store.rooms()?;
    let room_name = |id: Option<Id>| {
        id.and_then(|id| rooms.iter().find(|r| r.id == id))
            .map_or_else(|| "No room".to_string(), |r| r.name.clone())
    };
    let titles: HashMap<Id, (String, Option<Id>)> = sessions
        .iter()
        .map(|s| (s.id, (s.title.clone(), s.room_id)))
        .collect();

    // Substitutions, in the sessions' role order.
    let mut subs: HashMap<Id, Vec<ReportSubstitution>> = HashMap::new();
    for row in store.roles_between(from, to)? {
        let (Some((_, replaced)), Some(by)) = (&row.replaced, &row.person) else {
            continue;
        };
        let Some((title, room)) = titles.get(&row.role.session_id) else {
            continue;
        };
        subs.entry(row.role.session_id)
            .or_default()
            .push(ReportSubstitution {
                session: title.clone(),
                room: room_name(*room),
                role: row.role.role.label().to_string(),
                replaced: replaced.clone(),
                by: by.clone(),
            });
    }

    // The day's delays: each applied step that moved a session of this day.
    let mut delays: Vec<ReportDelay> = Vec::new();
    let mut moved_from: HashMap<Id, NaiveDateTime> = HashMap::new();
    let mut step: Option<i64> = None;
    for d in store.delayed_sessions()? {
        let Some(old) = stored_time(d.old_start.as_deref()) else {
            continue;
        };
        if old.date() != day {
            continue;
        }
        // The earliest delay holds the time first planned.
        moved_from.entry(d.session_id).or_insert(old);
        // A session deleted since still counts as moved.
        let title = store.session(d.session_id).map_or_else(
            |_| "a session since deleted".to_string(),
            |s| format!("“{}”", s.title),
        );
        if step != Some(d.step) {
            step = Some(d.step);
            delays.push(ReportDelay {
                summary: d.summary.clone(),
                at: (d.at.date() == day).then_some(d.at),
                moved: 0,
                first: format!("{title} from {}", hm(old)),
            });
        }
        if let Some(last) = delays.last_mut() {
            last.moved += 1;
        }
    }

    let mut groups: Vec<(Option<Id>, String)> =
        rooms.iter().map(|r| (Some(r.id), r.name.clone())).collect();
    groups.push((None, "No room".to_string()));
    let mut out_rooms = Vec::new();
    for (room_id, name) in groups {
        let list: Vec<ReportSession> = sessions
            .iter()
            .filter(|s| s.room_id == room_id)
            .filter_map(|s| {
                let (start, end) = (s.start?, s.end?);
                let run = runs.get(&s.id);
                let actual_start = run.and_then(|r| r.actual_start);
                let actual_end = run.and_then(|r| r.actual_end);
                let cancelled = run.is_some_and(|r| r.cancelled);
                let status = match (cancelled, actual_start, actual_end) {
                    (true, _, _) => ReportStatus::Cancelled,
                    (false, Some(_), Some(_)) => ReportStatus::Done,
                    (false, Some(_), None) => ReportStatus::NotEnded,
                    (false, None, _) => ReportStatus::NotStarted,
                };
                let held = !cancelled;
                Some(ReportSession {
                    id: s.id,
                    title: s.title.clone(),
                    room: name.clone(),
                    planned_start: start,
                    planned_end: end,
                    moved_from: moved_from.get(&s.id).copied().filter(|t| *t != start),
                    actual_start: actual_start.filter(|_| held),
                    actual_end: actual_end.filter(|_| held),
                    drift_minutes: actual_start
                        .filter(|_| held)
                        .map(|a| (a - start).num_minutes()),
                    overrun_minutes: actual_end.filter(|_| held).map(|a| (a - end).num_minutes()),
                    status,
                    substitutions: subs.remove(&s.id).unwrap_or_default(),
                })
            })
            .collect();
        if !list.is_empty() {
            out_rooms.push(ReportRoom {
                room: name,
                sessions: list,
            });
        }
    }

    let all: Vec<&ReportSession> = out_rooms.iter().flat_map(|r| &r.sessions).collect();
    let held: Vec<&&ReportSession> = all.iter().filter(|s| s.drift_minutes.is_some()).collect();
    let drifts: Vec<i64> = held.iter().filter_map(|s| s.drift_minutes).collect();
    let count = |f: &dyn Fn(&ReportSession) -> bool| all.iter().filter(|s| f(s)).count() as u32;
    let totals = ReportTotals {
        sessions: all.len() as u32,
        held: held.len() as u32,
        cancelled: count(&|s| s.status == ReportStatus::Cancelled),
        not_started: count(&|s| s.status == ReportStatus::NotStarted),
        on_time: drifts.iter().filter(|d| **d <= ON_TIME_MINUTES).count() as u32,
        average_drift_minutes: (!drifts.is_empty()).then(|| {
            let sum: i64 = drifts.iter().sum();
            // Rounded to the nearest minute, halves away from zero.
            let n = drifts.len() as i64;
            (2 * sum + sum.signum() * n) / (2 * n)
        }),
        overrun_minutes: all
            .iter()
            .filter_map(|s| s.overrun_minutes)
            .filter(|m| *m > 0)
            .sum(),
    };
    let substitutions = all
        .iter()
        .flat_map(|s| s.substitutions.iter().cloned())
        .collect();
    let cancelled = all
        .iter()
        .filter(|s| s.status == ReportStatus::Cancelled)
        .map(|s| (*s).clone())
        .collect();

    let mut checkins = Vec::new();
    for e in store.events()? {
        if e.first_day <= day && day <= e.last_day {
            let desk = roster::desk(store, e.id, day)?;
            checkins.push(ReportCheckins {
                event: e.title.clone(),
                counts: desk.counts,
                present: desk.present,
                expected: desk.expected,
            });
        }
    }

    Ok(DayReport {
        day,
        day_text: day.format("%A %-d %B %Y").to_string(),
        rooms: out_rooms,
        delays,
        substitutions,
        cancelled,
        checkins,
        totals,
    })
}

/// "+12", "−3", "0": a drift as the report prints it.
pub fn signed(minutes: i64) -> String {
    match minutes {
        m if m > 0 => format!("+{m}"),
        m if m < 0 => format!("−{}", -m),
        _ => "0".into(),
    }
}

/// The report as CSV, one row per session, quoted as RFC 4180 asks (CRLF
/// line ends), no byte-order mark, as the attendee export; the cells people
/// typed are guarded against formulas as there (a negative drift is a
/// number and stays one).
pub fn day_report_csv(r: &DayReport) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record([
        "Day",
        "Room",
        "Title",
        "Planned start",
        "Planned end",
        "Actual start",
        "Actual end",
        "Drift (min)",
        "Overrun (min)",
        "Status",
        "Substitutions",
    ]);
    let time = |t: Option<NaiveDateTime>| t.map(hm).unwrap_or_default();
    let number = |m: Option<i64>| m.map(|m| m.to_string()).unwrap_or_default();
    for s in r.rooms.iter().flat_map(|x| &x.sessions) {
        let subs: Vec<String> = s.substitutions.iter().map(|x| x.text()).collect();
        let text = crate::attendees::csv_file::escape_cell;
        let cells = [
            r.day.to_string(),
            text(&s.room),
            text(&s.title),
            hm(s.planned_start),
            hm(s.planned_end),
            time(s.actual_start),
            time(s.actual_end),
            number(s.drift_minutes),
            number(s.overrun_minutes),
            s.status.label().to_string(),
            text(&subs.join("; ")),
        ];
        let _ = w.write_record(&cells);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Writes the day's report as CSV at `out`; returns how many sessions it
/// lists. Never over a plan (the open one, or any SQLite file).
pub fn export_csv(store: &Store, day: NaiveDate, out: &std::path::Path) -> Result<u32> {
    let same = match (store.path(), out.canonicalize()) {
        (Some(plan), Ok(out)) => plan.canonicalize().is_ok_and(|plan| plan == out),
        _ => false,
    };
    let mut head = [0u8; 16];
    let sqlite = std::fs::File::open(out)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && &head == b"SQLite format 3\0";
    if same || sqlite {
        return Err(CoreError::invalid(
            "out",
            format!(
                "{} is a plan, not a CSV file; choose another file to write.",
                out.display()
            ),
        ));
    }
    let r = day_report(store, day)?;
    std::fs::write(out, day_report_csv(&r)).map_err(|e| {
        CoreError::invalid(
            "out",
            format!("{} could not be written: {e}", out.display()),
        )
    })?;
    Ok(r.totals.sessions)
}

#[cfg(test)]
pub(crate) mod tests;
