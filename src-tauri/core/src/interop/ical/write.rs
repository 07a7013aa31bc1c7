//! Writing a programme as an iCalendar file (RFC 5545): CRLF lines folded
//! at 75 octets, TEXT escaped, a VTIMEZONE for the named zone.

use super::lines::{escape, fold};
use super::zones::{self, year};
use crate::interop::programme::{Programme, ProgrammeRole, ProgrammeSession, Zone};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use std::collections::BTreeSet;
use uuid::Uuid;

/// The namespace of the UIDs made for sessions that have none.
const NAMESPACE: Uuid = Uuid::from_u128(0x8f3c_5b1e_4a7d_4e2b_9c61_2d0f_7a3e_5c19);

fn times(s: &ProgrammeSession) -> Option<(NaiveDateTime, NaiveDateTime)> {
    Some((s.start?, s.end?))
}

/// When an item runs: its times, or only its day (an all-day item).
enum Span {
    Timed(NaiveDateTime, NaiveDateTime),
    Day(NaiveDate),
}

fn span(s: &ProgrammeSession) -> Option<Span> {
    match (times(s), s.day) {
        (Some((a, b)), _) => Some(Span::Timed(a, b)),
        (None, Some(day)) => Some(Span::Day(day)),
        _ => None,
    }
}

/// The programme as an iCalendar file; `stamp` is every DTSTAMP.
pub fn write(p: &Programme, stamp: DateTime<Utc>) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Plenary//Plenary//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(&p.title)),
    ];
    if let Zone::Named(tz) = p.zone {
        lines.push(format!("X-WR-TIMEZONE:{}", tz.name()));
    }
    let placed: Vec<&ProgrammeSession> = p.sessions.iter().filter(|s| span(s).is_some()).collect();
    if let Zone::Named(tz) = p.zone {
        let years: BTreeSet<i32> = placed
            .iter()
            .filter_map(|s| times(s))
            .flat_map(|(a, b)| [year(a), year(b)])
            .collect();
        if tz != Tz::UTC && !years.is_empty() {
            lines.extend(zones::vtimezone(tz, &years));
        }
    }
    let dtstamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for s in placed {
        let Some(span) = span(s) else {
            continue;
        };
        lines.push("BEGIN:VEVENT".into());
        match span {
            Span::Timed(start, end) => {
                lines.push(format!("UID:{}", escape(&uid(s, start))));
                lines.push(format!("DTSTAMP:{dtstamp}"));
                lines.push(format!("DTSTART{}", when(p.zone, start)));
                lines.push(format!("DTEND{}", when(p.zone, end)));
            }
            // A day whose times are to be confirmed: an all-day item, its
            // end the next day (exclusive).
            Span::Day(day) => {
                let date = |d: NaiveDate| d.format("%Y%m%d").to_string();
                lines.push(format!(
                    "UID:{}",
                    escape(&uid(s, day.and_time(NaiveTime::MIN)))
                ));
                lines.push(format!("DTSTAMP:{dtstamp}"));
                lines.push(format!("DTSTART;VALUE=DATE:{}", date(day)));
                lines.push(format!(
                    "DTEND;VALUE=DATE:{}",
                    date(day.succ_opt().unwrap_or(day))
                ));
            }
        }
        lines.push(format!("SUMMARY:{}", escape(&s.title)));
        if let Some(room) = s.room.as_deref().filter(|r| !r.is_empty()) {
            lines.push(format!("LOCATION:{}", escape(room)));
        }
        let description = description(s);
        if !description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(&description)));
        }
        let kind = s
            .kind
            .map(|k| k.label().to_string())
            .unwrap_or_else(|| s.source_kind.clone());
        if !kind.is_empty() {
            lines.push(format!("CATEGORIES:{}", escape(&kind)));
        }
        if let Some((_, link)) = s.extras.iter().find(|(label, _)| label == "Link") {
            let link = link.trim();
            if !link.is_empty() && !link.chars().any(|c| c.is_whitespace() || c.is_control()) {
                lines.push(format!("URL:{link}"));
            }
        }
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    out
}

/// `:20241118T090000Z`, `;TZID=Asia/Bangkok:20241118T090000` or the
/// floating `:20241118T090000`.
fn when(zone: Zone, wall: NaiveDateTime) -> String {
    let local = |t: NaiveDateTime| t.format("%Y%m%dT%H%M%S").to_string();
    match zone {
        Zone::Named(Tz::UTC) => format!(":{}Z", local(wall)),
        Zone::Named(tz) => format!(";TZID={}:{}", tz.name(), local(wall)),
        Zone::Offset(offset) => {
            let utc = wall
                .checked_sub_signed(Duration::seconds(offset.local_minus_utc().into()))
                .unwrap_or(wall);
            format!(":{}Z", local(utc))
        }
        Zone::Floating => format!(":{}", local(wall)),
    }
}

/// The session's own UID, or one made from its title, start and room, so
/// that writing the same programme twice gives the same UIDs.
fn uid(s: &ProgrammeSession, start: NaiveDateTime) -> String {
    match s.uid.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(u) => u.to_string(),
        None => {
            let name = format!(
                "{}\u{1f}{}\u{1f}{}",
                s.title,
                start.format("%Y-%m-%dT%H:%M:%S"),
                s.room.as_deref().unwrap_or_default()
            );
            Uuid::new_v5(&NAMESPACE, name.as_bytes()).to_string()
        }
    }
}

/// The description, then the roles by kind in order of first appearance
/// ("Panellists: A; B"), then the agenda item.
fn description(s: &ProgrammeSession) -> String {
    let mut tail: Vec<String> = s
        .role_groups()
        .into_iter()
        .filter_map(|(kind, roles)| {
            let names: Vec<String> = roles
                .into_iter()
                .map(role_text)
                .filter(|t| !t.is_empty())
                .collect();
            (!names.is_empty())
                .then(|| format!("{}: {}", kind.group_label(names.len()), names.join("; ")))
        })
        .collect();
    if !s.agenda_item.trim().is_empty() {
        tail.push(format!("Agenda item: {}", s.agenda_item.trim()));
    }
    let mut blocks = Vec::new();
    if !s.description.trim().is_empty() {
        blocks.push(s.description.trim().to_string());
    }
    if !tail.is_empty() {
        blocks.push(tail.join("\n"));
    }
    blocks.join("\n\n")
}

/// "H.E. Ms Jane Doe (Minister, Ministry of Foreign Affairs)".
fn role_text(r: &ProgrammeRole) -> String {
    match (&r.person, &r.organisation) {
        (Some(p), org) => {
            let name = match p.full_name() {
                n if n.is_empty() => p.written.clone(),
                n => n,
            };
            let org = p
                .organisation
                .as_ref()
                .or(org.as_ref())
                .map(|o| o.name.clone())
                .unwrap_or_default();
            let bracket: Vec<&str> = [p.position.as_str(), org.as_str()]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect();
            if bracket.is_empty() {
                name
            } else {
                format!("{name} ({})", bracket.join(", "))
            }
        }
        (None, Some(o)) => o.name.clone(),
        (None, None) => r.note.clone(),
    }
}
