//! Published versions of the programme and what changed since one: each
//! publication stores a snapshot of every scheduled session; a later print
//! compares the plan with it.

use crate::agenda::role_name;
use crate::agenda::{self, AgendaSession};
use crate::error::{CoreError, Result};
use crate::model::{Id, SessionKind};
use crate::print::document::{ChangeMark, Changes, Entry, Ghost};
pub use crate::print::document::{Snap, SnapRole};
use crate::store::Store;
use chrono::NaiveDateTime;
use std::collections::HashMap;

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
                event_id: Some(s.session.event_id),
                roles: s
                    .roles
                    .iter()
                    .map(|r| SnapRole {
                        name: role_name(r),
                        role: r.role.label().to_lowercase(),
                    })
                    .collect(),
                pause: matches!(s.session.kind, SessionKind::Break | SessionKind::Meal),
            })
        })
        .collect())
}

fn day_of(t: NaiveDateTime) -> String {
    t.format("%a %-d %b").to_string()
}

fn when(start: NaiveDateTime, end: NaiveDateTime) -> String {
    format!("{} {}", day_of(start), time_of(start, end))
}

fn room_or_none(room: &str) -> &str {
    if room.is_empty() {
        "no room"
    } else {
        room
    }
}

/// What changed about one session, in words: "Time: 09:00–10:30 →
/// 09:30–11:00", "Room: Plenary Hall → Meeting Room 2", "Ms Lynn Bell added
/// as panellist".
fn differences(o: &Snap, s: &Snap) -> Vec<String> {
    let mut out = Vec::new();
    if o.title != s.title {
        out.push(format!("Title: “{}” → “{}”", o.title, s.title));
    }
    if o.start.date() != s.start.date() {
        out.push(format!("Day: {} → {}", day_of(o.start), day_of(s.start)));
    }
    if o.start.time() != s.start.time() || o.end.time() != s.end.time() {
        out.push(format!(
            "Time: {} → {}",
            time_of(o.start, o.end),
            time_of(s.start, s.end)
        ));
    }
    if o.room != s.room {
        out.push(format!(
            "Room: {} → {}",
            room_or_none(&o.room),
            room_or_none(&s.room)
        ));
    }
    // Both published with their roles: say who came and went in which role;
    // an older version kept only the names.
    if !o.roles.is_empty() || o.people.is_empty() {
        let gone = o.roles.iter().filter(|r| !s.roles.contains(r));
        let came = s.roles.iter().filter(|r| !o.roles.contains(r));
        out.extend(came.map(|r| format!("{} added as {}", r.name, r.role)));
        out.extend(gone.map(|r| format!("{} no longer {}", r.name, r.role)));
    } else {
        let gone = o.people.iter().filter(|p| !s.people.contains(p));
        let came = s.people.iter().filter(|p| !o.people.contains(p));
        out.extend(came.map(|p| format!("{p} added")));
        out.extend(gone.map(|p| format!("{p} removed")));
    }
    let same_people = |a: &[String], b: &[String]| {
        let (mut a, mut b) = (a.to_vec(), b.to_vec());
        a.sort();
        b.sort();
        a == b
    };
    // The order is the speaking order briefings give.
    if o.people != s.people && same_people(&o.people, &s.people) {
        out.push(format!("Order of people: {}", s.people.join("; ")));
    }
    if o.description != s.description {
        out.push("Description changed".into());
    }
    out
}

/// Compares `now` with the published `then`, as marks and lines.
pub fn compare(version: u32, then: &[Snap], now: &[Snap]) -> Changes {
    let old: HashMap<Id, &Snap> = then.iter().map(|s| (s.id, s)).collect();
    let mut entries = Vec::new();
    let mut marks = HashMap::new();
    let mut notes = HashMap::new();
    let mut ghosts = Vec::new();
    for s in now {
        let (mark, line, days) = match old.get(&s.id) {
            None => {
                let line = format!(
                    "“{}” added, {}{}",
                    s.title,
                    when(s.start, s.end),
                    room_suffix(&s.room)
                );
                (ChangeMark::New, line, vec![s.start.date()])
            }
            Some(o) => {
                let diff = differences(o, s);
                if diff.is_empty() {
                    continue;
                }
                let mark = if o.start.date() != s.start.date() || o.room != s.room {
                    ghosts.push(Ghost {
                        was: (*o).clone(),
                        now: Some(format!(
                            "Moved to {}{}",
                            when(s.start, s.end),
                            room_suffix(&s.room)
                        )),
                    });
                    ChangeMark::Moved
                } else if o.start != s.start || o.end != s.end {
                    ChangeMark::Retimed
                } else if o.people != s.people || (!o.roles.is_empty() && o.roles != s.roles) {
                    ChangeMark::People
                } else {
                    ChangeMark::Changed
                };
                let line = format!("“{}”, {}: {}", s.title, day_of(s.start), diff.join("; "));
                notes.insert(s.id, diff.join("; "));
                let mut days = vec![o.start.date(), s.start.date()];
                days.dedup();
                (mark, line, days)
            }
        };
        marks.insert(s.id, mark);
        let events = [s.event_id, old.get(&s.id).and_then(|o| o.event_id)]
            .into_iter()
            .collect();
        entries.push(Entry { line, days, events });
    }
    let ids: std::collections::HashSet<Id> = now.iter().map(|s| s.id).collect();
    for o in then.iter().filter(|o| !ids.contains(&o.id)) {
        entries.push(Entry {
            line: format!(
                "“{}” removed (was {}{})",
                o.title,
                when(o.start, o.end),
                room_suffix(&o.room)
            ),
            days: vec![o.start.date()],
            events: vec![o.event_id],
        });
        ghosts.push(Ghost {
            was: o.clone(),
            now: None,
        });
    }
    Changes {
        version,
        title: String::new(),
        lines: entries.iter().map(|e| e.line.clone()).collect(),
        entries,
        marks,
        notes,
        ghosts,
    }
    .titled()
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
            event_id: Some(1),
            roles: vec![SnapRole {
                name: "Ms Lynn Bell (Australia)".into(),
                role: "moderator".into(),
            }],
            pause: false,
        }
    }

    #[test]
    fn each_change_is_said_in_words() {
        let then = vec![
            snap(1, "Opening", (9, 0), (9, 30), "Hall"),
            snap(2, "Panel", (10, 0), (11, 0), "Hall"),
            snap(3, "Lunch", (12, 0), (13, 0), "Foyer"),
            snap(4, "Side event", (14, 0), (15, 0), "Room B"),
            snap(5, "Closing", (16, 0), (16, 30), "Hall"),
            snap(7, "Panel II", (9, 0), (10, 30), "Plenary Hall"),
        ];
        let mut now = then.clone();
        now[1].start = t(10, 30);
        now[1].end = t(11, 30);
        now[2].room = "Terrace".into();
        now[3].roles.push(SnapRole {
            name: "Mr Tri Tharyat (Indonesia)".into(),
            role: "panellist".into(),
        });
        now[3].people.push("Mr Tri Tharyat (Indonesia)".into());
        now[5].start = t(9, 30);
        now[5].end = t(11, 0);
        now[5].room = "Meeting Room 2".into();
        now.remove(4);
        now.push(snap(6, "Press", (17, 0), (17, 30), "Hall"));
        let c = compare(2, &then, &now);
        assert_eq!(c.title, "Changes since version 2");
        assert_eq!(
            c.lines,
            vec![
                "“Panel”, Tue 19 Nov: Time: 10:00–11:00 → 10:30–11:30",
                "“Lunch”, Tue 19 Nov: Room: Foyer → Terrace",
                "“Side event”, Tue 19 Nov: Mr Tri Tharyat (Indonesia) added as panellist",
                "“Panel II”, Tue 19 Nov: Time: 09:00–10:30 → 09:30–11:00; Room: Plenary Hall → Meeting Room 2",
                "“Press” added, Tue 19 Nov 17:00–17:30, Hall",
                "“Closing” removed (was Tue 19 Nov 16:00–16:30, Hall)",
            ]
        );
        assert_eq!(c.marks.get(&1), None);
        assert_eq!(c.marks[&2], ChangeMark::Retimed);
        assert_eq!(c.marks[&3], ChangeMark::Moved);
        assert_eq!(c.marks[&4], ChangeMark::People);
        assert_eq!(c.marks[&6], ChangeMark::New);
        assert_eq!(c.notes[&2], "Time: 10:00–11:00 → 10:30–11:30");
        // The old places of what moved or went, to strike through.
        let ghosts: Vec<(Id, Option<&str>)> = c
            .ghosts
            .iter()
            .map(|g| (g.was.id, g.now.as_deref()))
            .collect();
        assert_eq!(
            ghosts,
            [
                (3, Some("Moved to Tue 19 Nov 12:00–13:00, Terrace")),
                (7, Some("Moved to Tue 19 Nov 09:30–11:00, Meeting Room 2")),
                (5, None),
            ]
        );
        assert_eq!(compare(2, &then, &then).title, "No changes since version 2");
        // The same people in another order: the speaking order changed.
        let mut reordered = then.clone();
        reordered[0]
            .people
            .push("Mr Tri Tharyat (Indonesia)".into());
        let mut now = reordered.clone();
        now[0].people.reverse();
        let c = compare(2, &reordered, &now);
        assert_eq!(
            c.lines,
            ["“Opening”, Tue 19 Nov: Order of people: Mr Tri Tharyat (Indonesia); Ms Lynn Bell (Australia)"]
        );
        assert_eq!(c.marks[&1], ChangeMark::People);
    }

    #[test]
    fn a_sheet_lists_only_the_changes_of_its_day_and_event() {
        let mut then = vec![
            snap(1, "Opening", (9, 0), (9, 30), "Hall"),
            snap(2, "Panel", (10, 0), (11, 0), "Hall"),
        ];
        then[1].event_id = Some(2);
        let mut now = then.clone();
        now[0].title = "Welcome".into();
        // Moved to the next day: on both days' sheets.
        now[1].start += chrono::Duration::days(1);
        now[1].end += chrono::Duration::days(1);
        let c = compare(1, &then, &now);
        let day = t(9, 0).date();
        let next = day.succ_opt().unwrap();
        let lines = |day, event| c.within(day, event).lines;
        assert_eq!(lines(None, None).len(), 2);
        assert_eq!(lines(Some(day), None).len(), 2);
        assert_eq!(
            lines(Some(next), None),
            ["“Panel”, Wed 20 Nov: Day: Tue 19 Nov → Wed 20 Nov"]
        );
        assert_eq!(
            lines(None, Some(1)),
            ["“Welcome”, Tue 19 Nov: Title: “Opening” → “Welcome”"]
        );
        assert_eq!(
            c.within(Some(next), Some(1)).title,
            "No changes since version 1"
        );
        assert_eq!(c.within(Some(day), Some(2)).ghosts.len(), 1);
        assert!(c.within(Some(next), Some(2)).ghosts.is_empty());
    }

    /// A version published before snapshots kept events and roles still
    /// reads, and its people's changes are said by name.
    #[test]
    fn an_older_snapshot_still_reads() {
        let old = r#"[{"id":4,"title":"Side event","start":"2024-11-19T14:00:00","end":"2024-11-19T15:00:00","room":"Room B","people":["Ms Lynn Bell (Australia)"],"description":""}]"#;
        let then: Vec<Snap> = serde_json::from_str(old).unwrap();
        let mut now = vec![snap(4, "Side event", (14, 0), (15, 0), "Room B")];
        now[0].people = vec!["IOM — speaker TBC".into()];
        now[0].roles = vec![SnapRole {
            name: "IOM — speaker TBC".into(),
            role: "speaker".into(),
        }];
        let c = compare(3, &then, &now);
        assert_eq!(
            c.lines,
            ["“Side event”, Tue 19 Nov: IOM — speaker TBC added; Ms Lynn Bell (Australia) removed"]
        );
        assert_eq!(c.marks[&4], ChangeMark::People);
        // Not knowing its event, the line shows on every event's sheet.
        assert_eq!(c.within(None, Some(9)).lines.len(), 1);
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
