//! Published versions of the programme and what changed since one: each
//! publication stores a snapshot of every scheduled session; a later print
//! compares the plan with it.

use crate::agenda::role_name;
use crate::agenda::{self, AgendaSession};
use crate::error::{CoreError, Result};
use crate::model::Id;
use crate::print::document::{ChangeMark, Changes};
use crate::store::Store;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A session as it was published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snap {
    pub id: Id,
    pub title: String,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub room: String,
    pub people: Vec<String>,
    pub description: String,
}

fn scheduled(store: &Store) -> Result<Vec<AgendaSession>> {
    Ok(agenda::agenda(store, None)?
        .days
        .into_iter()
        .flat_map(|d| d.sessions)
        .collect())
}

/// The programme as it stands, for publishing. A session with a start and
/// no end (only a damaged file has one) is not on the printed programme either.
pub fn snapshot(store: &Store) -> Result<Vec<Snap>> {
    Ok(scheduled(store)?
        .into_iter()
        .filter_map(|s| {
            Some(Snap {
                id: s.session.id,
                title: s.session.title.clone(),
                start: s.session.start?,
                end: s.session.end?,
                room: s.room.clone().unwrap_or_default(),
                people: s.roles.iter().map(role_name).collect(),
                description: s.session.description.clone(),
            })
        })
        .collect())
}

fn when(start: NaiveDateTime, end: NaiveDateTime) -> String {
    format!(
        "{} {}–{}",
        start.format("%a %-d %b"),
        start.format("%H:%M"),
        end.format("%H:%M")
    )
}

/// Compares `now` with the published `then`, as marks and lines.
pub fn compare(version: u32, then: &[Snap], now: &[Snap]) -> Changes {
    let old: HashMap<Id, &Snap> = then.iter().map(|s| (s.id, s)).collect();
    let mut lines = Vec::new();
    let mut marks = HashMap::new();
    for s in now {
        let (mark, line) = match old.get(&s.id) {
            None => (
                ChangeMark::New,
                format!(
                    "New: “{}”, {}{}",
                    s.title,
                    when(s.start, s.end),
                    room_suffix(&s.room)
                ),
            ),
            Some(o) if o.start.date() != s.start.date() || o.room != s.room => (
                ChangeMark::Moved,
                format!(
                    "Moved: “{}” from {}{} to {}{}",
                    s.title,
                    when(o.start, o.end),
                    room_suffix(&o.room),
                    when(s.start, s.end),
                    room_suffix(&s.room)
                ),
            ),
            Some(o) if o.start != s.start || o.end != s.end => (
                ChangeMark::Retimed,
                format!(
                    "Retimed: “{}” from {} to {}",
                    s.title,
                    time_of(o.start, o.end),
                    time_of(s.start, s.end)
                ),
            ),
            Some(o) if o.people != s.people => {
                (ChangeMark::People, format!("People changed: “{}”", s.title))
            }
            Some(o) if o.title != s.title || o.description != s.description => {
                (ChangeMark::Changed, format!("Changed: “{}”", s.title))
            }
            Some(_) => continue,
        };
        marks.insert(s.id, mark);
        lines.push(line);
    }
    let ids: std::collections::HashSet<Id> = now.iter().map(|s| s.id).collect();
    for o in then.iter().filter(|o| !ids.contains(&o.id)) {
        lines.push(format!(
            "Cancelled: “{}” (was {}{})",
            o.title,
            when(o.start, o.end),
            room_suffix(&o.room)
        ));
    }
    Changes {
        title: if lines.is_empty() {
            format!("No changes since version {version}")
        } else {
            format!("Changes since version {version}")
        },
        lines,
        marks,
    }
}

fn room_suffix(room: &str) -> String {
    if room.is_empty() {
        String::new()
    } else {
        format!(", {room}")
    }
}

fn time_of(start: NaiveDateTime, end: NaiveDateTime) -> String {
    format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"))
}

/// The marks against published version `n` of the programme.
pub fn since(store: &Store, n: u32) -> Result<Changes> {
    let raw = store.published_snapshot(n)?.ok_or_else(|| {
        CoreError::invalid(
            "changes_since",
            match store.latest_version() {
                Ok(Some(last)) => format!("There is no version {n}; the latest is version {last}."),
                _ => format!("There is no version {n}; nothing has been published yet."),
            },
        )
    })?;
    let then: Vec<Snap> = serde_json::from_str(&raw).map_err(|e| {
        CoreError::invalid("changes_since", format!("Version {n} cannot be read: {e}"))
    })?;
    Ok(compare(n, &then, &snapshot(store)?))
}

/// Publishes the programme as it stands: the next version number, stamped `at`.
pub fn publish(store: &mut Store, at: NaiveDateTime) -> Result<u32> {
    let snap = serde_json::to_string(&snapshot(store)?)
        .map_err(|e| CoreError::invalid("programme", e.to_string()))?;
    let n = store.latest_version()?.unwrap_or(0) + 1;
    store.publish_version(
        n,
        &snap,
        at,
        &format!("Published version {n} of the programme"),
    )?;
    Ok(n)
}

/// "Version 3 · published 19 Nov 2024 08:30".
pub fn version_stamp(n: u32, at: NaiveDateTime) -> String {
    format!("Version {n} · published {}", at.format("%-d %b %Y %H:%M"))
}

/// The latest published version, while the programme is still what it
/// published (nothing `since` would mark): printing it again prints that
/// version, so its pages carry that version's stamp rather than "Draft".
pub fn unchanged_version(store: &Store) -> Result<Option<crate::store::PublishedVersion>> {
    let Some(latest) = store.published_versions()?.into_iter().max_by_key(|v| v.n) else {
        return Ok(None);
    };
    Ok(since(store, latest.n)?.lines.is_empty().then_some(latest))
}

/// "Draft · printed 19 Nov 2024 08:30".
pub fn draft_stamp(now: NaiveDateTime) -> String {
    format!("Draft · printed {}", now.format("%-d %b %Y %H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2024, 11, 19)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn snap(id: Id, title: &str, from: (u32, u32), to: (u32, u32), room: &str) -> Snap {
        Snap {
            id,
            title: title.into(),
            start: t(from.0, from.1),
            end: t(to.0, to.1),
            room: room.into(),
            people: vec!["Ms Lynn Bell (Australia)".into()],
            description: String::new(),
        }
    }

    #[test]
    fn each_kind_of_change() {
        let then = vec![
            snap(1, "Opening", (9, 0), (9, 30), "Hall"),
            snap(2, "Panel", (10, 0), (11, 0), "Hall"),
            snap(3, "Lunch", (12, 0), (13, 0), "Foyer"),
            snap(4, "Side event", (14, 0), (15, 0), "Room B"),
            snap(5, "Closing", (16, 0), (16, 30), "Hall"),
        ];
        let mut now = then.clone();
        now[1].start = t(10, 30);
        now[1].end = t(11, 30);
        now[2].room = "Terrace".into();
        now[3].people = vec!["IOM — speaker TBC".into()];
        now.remove(4);
        now.push(snap(6, "Press", (17, 0), (17, 30), "Hall"));
        let c = compare(2, &then, &now);
        assert_eq!(c.title, "Changes since version 2");
        assert_eq!(
            c.lines,
            vec![
                "Retimed: “Panel” from 10:00–11:00 to 10:30–11:30",
                "Moved: “Lunch” from Tue 19 Nov 12:00–13:00, Foyer to Tue 19 Nov 12:00–13:00, Terrace",
                "People changed: “Side event”",
                "New: “Press”, Tue 19 Nov 17:00–17:30, Hall",
                "Cancelled: “Closing” (was Tue 19 Nov 16:00–16:30, Hall)",
            ]
        );
        assert_eq!(c.marks.get(&1), None);
        assert_eq!(c.marks[&2], ChangeMark::Retimed);
        assert_eq!(c.marks[&3], ChangeMark::Moved);
        assert_eq!(c.marks[&4], ChangeMark::People);
        assert_eq!(c.marks[&6], ChangeMark::New);
        assert_eq!(compare(2, &then, &then).title, "No changes since version 2");
    }
}

#[cfg(test)]
mod stamp_tests {
    use crate::print::{prepare, DocKind, PrintRequest, Variant};

    fn at(h: u32) -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2024, 11, 18)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn stamp(store: &mut crate::Store, req: &PrintRequest, h: u32) -> String {
        prepare(store, req, at(h), false).unwrap().0.stamp
    }

    /// Publishing and then printing (the window's Print button) prints the
    /// published version, not a draft; a later change makes it a draft again.
    #[test]
    fn the_programme_as_published_carries_its_version() {
        let mut store = crate::sample::sample_in_memory().unwrap();
        let public = PrintRequest::new(DocKind::Programme);
        assert_eq!(
            stamp(&mut store, &public, 7),
            "Draft · printed 18 Nov 2024 07:00"
        );
        assert_eq!(super::publish(&mut store, at(8)).unwrap(), 1);
        assert_eq!(
            stamp(&mut store, &public, 9),
            "Version 1 · published 18 Nov 2024 08:00"
        );
        // Other documents and the internal run of show stay drafts.
        let internal = PrintRequest {
            variant: Variant::Internal,
            ..public.clone()
        };
        assert!(stamp(&mut store, &internal, 9).starts_with("Draft"));
        let cards = PrintRequest::new(DocKind::Namecards);
        assert!(stamp(&mut store, &cards, 9).starts_with("Draft"));
        // A change to the programme: a draft until it is published again.
        let first = store
            .sessions()
            .unwrap()
            .into_iter()
            .find(|s| s.start.is_some())
            .unwrap();
        let later = first.start.unwrap() + chrono::Duration::minutes(5);
        crate::planner::move_session(&mut store, first.id, later, None).unwrap();
        assert_eq!(
            stamp(&mut store, &public, 10),
            "Draft · printed 18 Nov 2024 10:00"
        );
        assert_eq!(super::publish(&mut store, at(11)).unwrap(), 2);
        assert_eq!(
            stamp(&mut store, &public, 12),
            "Version 2 · published 18 Nov 2024 11:00"
        );
    }
}
