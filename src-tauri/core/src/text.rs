//! Plain-text rendering for the command line: the plan (`plenary show`)
//! here, the lists in `lists`.

use crate::agenda::{Agenda, AgendaSession, Overview};
use crate::forms::day_span;
use crate::model::RoleKind;
use std::borrow::Cow;
use std::fmt::Write;

pub mod lists;

/// Text bound for a terminal, with every control character that came from
/// the plan (ESC, BEL, NUL, CSI…) replaced by U+FFFD, so plan text cannot
/// move the cursor, retitle the window or hide lines. With `keep_layout`,
/// the newlines and tabs the text is laid out with stay.
pub fn terminal_safe(text: &str, keep_layout: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !(keep_layout && matches!(c, '\n' | '\t'));
    if text.chars().any(unsafe_char) {
        Cow::Owned(
            text.chars()
                .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

fn session_block(out: &mut String, s: &AgendaSession) {
    let time = match (s.session.start, s.session.end) {
        (Some(a), Some(b)) => format!("{}–{}", a.format("%H:%M"), b.format("%H:%M")),
        _ if s.session.is_day_only() => "Time to be confirmed".into(),
        _ => "--:--–--:--".into(),
    };
    let tbc = if s.session.tentative { " (tbc)" } else { "" };
    let tbc = if s.cancelled {
        format!("{tbc}  CANCELLED")
    } else {
        tbc.to_string()
    };
    let item = if s.session.agenda_item.is_empty() {
        String::new()
    } else {
        format!("{}. ", s.session.agenda_item)
    };
    let _ = writeln!(out, "  {time}  {item}{}{tbc}", s.session.title);
    let mut facts: Vec<String> = [s.session.kind.shown_label()]
        .into_iter()
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(room) = &s.room {
        facts.push(room.clone());
    }
    if !s.event_short_name.is_empty() {
        facts.push(s.event_short_name.clone());
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "               {}", facts.join(" · "));
    }
    for g in &s.role_groups {
        let _ = writeln!(out, "               {}: {}", g.label, g.people.join("; "));
    }
    if !s.session.link.trim().is_empty() {
        let _ = writeln!(out, "               Link: {}", s.session.link.trim());
    }
}

/// `plenary show`: the plan's heading, its events, then each day's sessions.
pub fn render(ov: &Overview, agenda: &Agenda) -> String {
    let mut out = String::new();
    heading(&mut out, ov);
    events(&mut out, ov);
    days(&mut out, agenda);
    out
}

fn heading(out: &mut String, ov: &Overview) {
    let p = &ov.plan;
    let _ = writeln!(out, "{}", p.title);
    if !p.convening_body.is_empty() {
        let _ = writeln!(out, "{}", p.convening_body);
    }
    let place: Vec<&str> = [p.venue.as_str(), p.city.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let _ = writeln!(
        out,
        "{}{} · times in {}",
        if place.is_empty() {
            String::new()
        } else {
            format!("{} · ", place.join(", "))
        },
        day_span(p.first_day, p.last_day),
        p.time_zone
    );
}

fn events(out: &mut String, ov: &Overview) {
    let _ = writeln!(out, "\nEvents");
    for e in &ov.events {
        let name = if e.event.short_name.is_empty() {
            String::new()
        } else {
            format!(" ({})", e.event.short_name)
        };
        let _ = writeln!(
            out,
            "  {}{} — {} — {} session{}",
            e.event.title,
            name,
            day_span(e.event.first_day, e.event.last_day),
            e.session_count,
            if e.session_count == 1 { "" } else { "s" }
        );
        for c in &e.cochairs {
            let who = match &c.person {
                Some(p) => format!("{p} ({})", c.organisation.name),
                None => c.organisation.name.clone(),
            };
            let _ = writeln!(
                out,
                "    {}: {who}",
                if c.role_label.is_empty() {
                    RoleKind::CoChair.label()
                } else {
                    &c.role_label
                }
            );
        }
        if !e.cohosts.is_empty() {
            let names: Vec<&str> = e.cohosts.iter().map(|o| o.name.as_str()).collect();
            let _ = writeln!(out, "    Co-hosted with: {}", names.join(", "));
        }
        let counts: Vec<String> = e
            .by_status
            .iter()
            .map(|c| format!("{} {}", c.status.label(), c.count))
            .collect();
        if !counts.is_empty() {
            let _ = writeln!(out, "    Participation: {}", counts.join(", "));
        }
    }
    if !ov.senior_official_delegations.is_empty() {
        let names: Vec<&str> = ov
            .senior_official_delegations
            .iter()
            .map(|o| o.name.as_str())
            .collect();
        let _ = writeln!(
            out,
            "  Represented by senior officials: {}",
            names.join(", ")
        );
    }
}

fn days(out: &mut String, agenda: &Agenda) {
    for day in &agenda.days {
        let _ = writeln!(out, "\n{}", day.date.format("%A %-d %B %Y"));
        if day.sessions.is_empty() {
            let _ = writeln!(out, "  (no sessions)");
        }
        for s in &day.sessions {
            session_block(out, s);
        }
    }
    if !agenda.unscheduled.is_empty() {
        let _ = writeln!(out, "\nUnscheduled");
        for s in &agenda.unscheduled {
            session_block(out, s);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sample_week_as_text() {
        let store = crate::sample::sample_in_memory().unwrap();
        let ov = crate::agenda::overview(&store).unwrap();
        let agenda = crate::agenda::agenda(&store, None).unwrap();
        insta::assert_snapshot!(super::render(&ov, &agenda));
    }

    #[test]
    fn a_cancelled_session_is_marked_and_a_substitute_named_with_whom_they_replace() {
        let mut store = crate::sample::sample_in_memory().unwrap();
        let sessions = store.sessions().unwrap();
        let opening = &sessions[0];
        store.set_cancelled(sessions[1].id, true, "cancel").unwrap();
        let find = |family: &str| {
            store
                .people()
                .unwrap()
                .into_iter()
                .find(|p| p.family_name == family)
                .unwrap()
                .id
        };
        let (tharyat, haigh) = (find("Tharyat"), find("Haigh"));
        crate::edit::roles::substitute(&mut store, opening.id, tharyat, haigh).unwrap();
        let day = opening.on_day();
        let ov = crate::agenda::overview(&store).unwrap();
        let agenda = crate::agenda::agenda(&store, day).unwrap();
        let text = super::render(&ov, &agenda);
        let lines: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("Monday"))
            .take(7)
            .collect();
        assert_eq!(
            lines,
            [
                "Monday 18 November 2024",
                "  09:00–09:30  1. Opening remarks by the Senior Official Co-Chairs",
                "               Opening · Plenary Hall · Commemorative Dialogue",
                "               Co-Chairs: Ms Lynn Bell (Australia); Ms Kathryn Haigh (Australia), replacing Mr Tri Tharyat",
                "  09:30–10:15  2. A decade of the Working Group: achievements and opportunities  CANCELLED",
                "               Presentation · Plenary Hall · Commemorative Dialogue",
                "               Speakers: Mr Caka Alverdi Awal (Indonesia); Ms Kathryn Haigh (Australia)",
            ]
        );
    }

    #[test]
    fn a_session_without_a_time_shows_under_its_day_and_tentative_ones_are_marked() {
        let mut store = crate::sample::sample_in_memory().unwrap();
        let sessions = store.sessions().unwrap();
        let mut form = crate::forms::SessionForm::from(&sessions[0]);
        form.title = "Keynote addresses".into();
        form.start_time = String::new();
        form.end_time = String::new();
        form.room_id = None;
        form.link = "https://webtv.example.org/keynotes".into();
        crate::edit::sessions::create_session(&mut store, &form).unwrap();
        let mut tentative = crate::forms::SessionForm::from(&sessions[1]);
        tentative.tentative = true;
        crate::edit::sessions::update_session(&mut store, sessions[1].id, &tentative).unwrap();
        let ov = crate::agenda::overview(&store).unwrap();
        let agenda = crate::agenda::agenda(&store, None).unwrap();
        let text = super::render(&ov, &agenda);
        // Only the first day, where both changes are.
        let first_day: String = text
            .split("\n\n")
            .find(|block| block.starts_with("Monday"))
            .unwrap()
            .to_string();
        insta::assert_snapshot!(first_day);
    }
}
