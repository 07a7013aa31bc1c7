//! The printed day report (`crate::report`): each day's sheet in the words
//! and numbers a protocol officer reads, every text set as text.

use crate::error::Result;
use crate::report::{self, DayReport, ReportStatus, ON_TIME_MINUTES};
use crate::store::Store;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// One session's row: planned | actual | drift | status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetRow {
    pub title: String,
    /// "09:00–09:15".
    pub planned: String,
    /// "was 10:15", when a delay moved it.
    pub moved: String,
    /// "09:02–09:20", "13:40–" (not ended), or empty.
    pub actual: String,
    /// "+2", or empty when it did not start.
    pub drift: String,
    /// "+5", "−3", or empty when it did not end.
    pub overrun: String,
    pub status: String,
    /// Struck through and marked.
    pub cancelled: bool,
    /// Flagged: still open at the end of the day, or never started.
    pub flagged: bool,
    /// "Mr Tri Tharyat for Ms Kathryn Haigh (Moderator)", one a line.
    pub substitutions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetRoom {
    pub room: String,
    pub rows: Vec<SheetRow>,
}

/// One category's check-ins at one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetCount {
    pub label: String,
    pub present: u32,
    pub expected: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetCheckins {
    pub event: String,
    pub counts: Vec<SheetCount>,
    pub present: u32,
    pub expected: u32,
}

/// One day's report as the layout sets it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportSheet {
    /// "Tuesday 19 November 2024".
    pub day: String,
    /// (what, how many): "Sessions held", "4 of 8".
    pub totals: Vec<(String, String)>,
    pub rooms: Vec<SheetRoom>,
    pub delays: Vec<String>,
    pub substitutions: Vec<String>,
    pub cancellations: Vec<String>,
    pub checkins: Vec<SheetCheckins>,
}

fn hm(t: NaiveDateTime) -> String {
    t.format("%H:%M").to_string()
}

fn minutes(m: i64) -> String {
    format!("{} min", report::signed(m))
}

/// The sheet of one day's report.
pub fn sheet(r: &DayReport) -> ReportSheet {
    let t = &r.totals;
    let mut totals = vec![
        (
            "Sessions held".to_string(),
            format!("{} of {}", t.held, t.sessions),
        ),
        ("Cancelled".to_string(), t.cancelled.to_string()),
        ("Not started".to_string(), t.not_started.to_string()),
        (
            format!("On time (within {ON_TIME_MINUTES} min)"),
            format!("{} of {}", t.on_time, t.held),
        ),
    ];
    if let Some(m) = t.average_drift_minutes {
        totals.push(("Average start drift".to_string(), minutes(m)));
    }
    totals.push((
        "Overrun, in total".to_string(),
        format!("{} min", t.overrun_minutes),
    ));
    let rooms = r
        .rooms
        .iter()
        .map(|room| SheetRoom {
            room: room.room.clone(),
            rows: room
                .sessions
                .iter()
                .map(|s| SheetRow {
                    title: s.title.clone(),
                    planned: format!("{}–{}", hm(s.planned_start), hm(s.planned_end)),
                    moved: s
                        .moved_from
                        .map(|t| format!("was {}", hm(t)))
                        .unwrap_or_default(),
                    actual: match (s.actual_start, s.actual_end) {
                        (Some(a), Some(b)) => format!("{}–{}", hm(a), hm(b)),
                        (Some(a), None) => format!("{}–", hm(a)),
                        _ => String::new(),
                    },
                    drift: s.drift_minutes.map(report::signed).unwrap_or_default(),
                    overrun: s.overrun_minutes.map(report::signed).unwrap_or_default(),
                    status: s.status.label().to_string(),
                    cancelled: s.status == ReportStatus::Cancelled,
                    flagged: matches!(s.status, ReportStatus::NotEnded | ReportStatus::NotStarted),
                    substitutions: s.substitutions.iter().map(|x| x.text()).collect(),
                })
                .collect(),
        })
        .collect();
    let delays = r
        .delays
        .iter()
        .map(|d| {
            let when = d.at.map(|a| format!(", at {}", hm(a))).unwrap_or_default();
            let sessions = if d.moved == 1 { "session" } else { "sessions" };
            format!(
                "{}{when}: {} {sessions} moved, the first {}",
                d.summary, d.moved, d.first
            )
        })
        .collect();
    let substitutions = r
        .substitutions
        .iter()
        .map(|x| format!("“{}” ({}): {}", x.session, x.room, x.text()))
        .collect();
    let cancellations = r
        .cancelled
        .iter()
        .map(|s| {
            format!(
                "“{}” ({}, planned {}–{})",
                s.title,
                s.room,
                hm(s.planned_start),
                hm(s.planned_end)
            )
        })
        .collect();
    let checkins = r
        .checkins
        .iter()
        .map(|c| SheetCheckins {
            event: c.event.clone(),
            counts: c
                .counts
                .iter()
                .map(|x| SheetCount {
                    label: x.label.clone(),
                    present: x.present,
                    expected: x.expected,
                })
                .collect(),
            present: c.present,
            expected: c.expected,
        })
        .collect();
    ReportSheet {
        day: r.day_text.clone(),
        totals,
        rooms,
        delays,
        substitutions,
        cancellations,
        checkins,
    }
}

/// The sheets of `day`, or of every day of the plan.
pub fn sheets(store: &Store, day: Option<NaiveDate>) -> Result<Vec<ReportSheet>> {
    let days: Vec<NaiveDate> = match day {
        Some(d) => vec![d],
        None => {
            let plan = store.plan()?;
            plan.first_day
                .iter_days()
                .take_while(|d| *d <= plan.last_day)
                .collect()
        }
    };
    days.into_iter()
        .map(|d| report::day_report(store, d).map(|r| sheet(&r)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::document::{build, Body, Changes, DocKind, PrintRequest};
    use crate::report::tests::{tuesday, tuesday_as_it_ran};

    #[test]
    fn the_day_report_of_tuesday_as_it_ran() {
        let store = tuesday_as_it_ran();
        let doc = build(
            &store,
            &PrintRequest {
                day: Some(tuesday()),
                ..PrintRequest::new(DocKind::Report)
            },
            "Draft · printed 19 Nov 2024 17:00".into(),
            &Changes::default(),
        )
        .unwrap();
        assert_eq!(doc.heading.document, "Day report");
        assert_eq!(doc.heading.scope, "Tuesday 19 November 2024");
        insta::assert_snapshot!(serde_json::to_string_pretty(&doc).unwrap());
        let pdf = super::super::render::pdf(&super::super::render::layout(&doc).unwrap()).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
    }

    #[test]
    fn the_week_has_a_sheet_a_day() {
        let store = tuesday_as_it_ran();
        let doc = build(
            &store,
            &PrintRequest::new(DocKind::Report),
            String::new(),
            &Changes::default(),
        )
        .unwrap();
        let Body::Report { sheets } = &doc.body else {
            panic!("a day report")
        };
        let days: Vec<&str> = sheets.iter().map(|s| s.day.as_str()).collect();
        assert_eq!(
            days,
            [
                "Monday 18 November 2024",
                "Tuesday 19 November 2024",
                "Wednesday 20 November 2024"
            ]
        );
    }
}
