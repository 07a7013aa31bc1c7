//! The command line's lists: problems, history, a retimed room, people
//! found, an itinerary, an attendee list and an import report. Each is the
//! whole text a command prints, so its wording lives here, under snapshots,
//! and the CLI only chooses which to print.

use crate::attendees::export::AttendeeLine;
use crate::attendees::import::{ImportPreview, RowAction};
use crate::attendees::lookup::ItineraryEntry;
use crate::check::{thousands, ConflictList, Unconfirmed};
use crate::model::display_name;
use crate::store::{HistoryStep, PersonHit};
use chrono::NaiveDateTime;
use std::fmt::Write;

/// "1 attendee", "2 attendees".
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// `plenary check`: one conflict a line, then how many there are.
pub fn problems(list: &ConflictList) -> String {
    if list.is_empty() {
        return "No problems found.\n".into();
    }
    let mut out = String::new();
    for p in &list.conflicts {
        let _ = writeln!(out, "{}", p.message);
    }
    if let Some(more) = list.unlisted_sentence() {
        let _ = writeln!(out, "{more}");
    }
    let total = list.total();
    let _ = writeln!(
        out,
        "{} problem{} found.",
        thousands(total),
        if total == 1 { "" } else { "s" }
    );
    out
}

/// After `problems` in `plenary check`: what is still to be confirmed, under
/// its own heading; nothing when everything is confirmed.
pub fn unconfirmed(items: &[Unconfirmed]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nUnconfirmed:\n");
    for u in items {
        let _ = writeln!(out, "  {}", u.message);
    }
    out
}

/// `plenary history`: newest first, as the store lists them.
pub fn history(steps: &[HistoryStep]) -> String {
    let mut out = String::new();
    for h in steps {
        let _ = writeln!(
            out,
            "{}  {}{}",
            h.at.format("%Y-%m-%d %H:%M"),
            h.summary,
            if h.undone { "  (undone)" } else { "" }
        );
    }
    out
}

/// One session of a retimed room: where it now runs.
pub struct Retimed<'a> {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub title: &'a str,
    pub pinned: bool,
}

/// `plenary retime`: the room's day as it now runs.
pub fn retimed(rows: &[Retimed]) -> String {
    let mut out = String::new();
    for r in rows {
        let _ = writeln!(
            out,
            "{}–{}  {}{}",
            r.start.format("%H:%M"),
            r.end.format("%H:%M"),
            r.title,
            if r.pinned { " (pinned)" } else { "" }
        );
    }
    out
}

/// `plenary people search`: id, name, organisation (its acronym when it
/// has one) and email.
pub fn people_found(hits: &[PersonHit]) -> String {
    let mut out = String::new();
    for h in hits {
        let org = match (&h.organisation, h.acronym.is_empty()) {
            (Some(o), true) => format!(" ({o})"),
            (Some(_), false) => format!(" ({})", h.acronym),
            (None, _) => String::new(),
        };
        let email = if h.email.is_empty() {
            String::new()
        } else {
            format!(" <{}>", h.email)
        };
        let _ = writeln!(out, "{}  {}{org}{email}", h.id, h.name);
    }
    out
}

/// `plenary people itinerary`: the person, then each session with a role.
pub fn itinerary(name: &str, entries: &[ItineraryEntry]) -> String {
    let mut out = format!("{name}\n");
    for e in entries {
        let when = match (e.session.start, e.session.end) {
            (Some(a), Some(b)) => format!(
                "{} {}–{}",
                a.format("%a %-d %b"),
                a.format("%H:%M"),
                b.format("%H:%M")
            ),
            _ => match e.session.day {
                Some(d) => format!("{}, time to be confirmed", d.format("%a %-d %b")),
                None => "unscheduled".into(),
            },
        };
        let room = e
            .room
            .as_ref()
            .map(|r| format!(" · {r}"))
            .unwrap_or_default();
        let note = if e.note.is_empty() {
            String::new()
        } else {
            format!(" ({})", e.note)
        };
        let _ = writeln!(
            out,
            "  {when}  {}  {}{room}{note}",
            e.role.label(),
            e.session.title
        );
    }
    if entries.is_empty() {
        out.push_str("  no sessions\n");
    }
    out
}

/// `plenary attendees list`: by organisation, in the order given (protocol
/// order), each person with capacity, position and registration.
pub fn attendee_list(lines: &[AttendeeLine]) -> String {
    let mut out = String::new();
    let mut current = None;
    for l in lines {
        if current != Some(&l.organisation) {
            let org = if l.organisation.is_empty() {
                "(no organisation)"
            } else {
                &l.organisation
            };
            let _ = writeln!(out, "{org}");
            current = Some(&l.organisation);
        }
        let name = display_name([l.honorific.as_str(), &l.given_name, &l.family_name]);
        let extra: Vec<&str> = [l.capacity.as_str(), l.position.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!(", {}", extra.join(", "))
        };
        let _ = writeln!(
            out,
            "  {name}{extra}  [{}]",
            l.registration.label().to_lowercase()
        );
    }
    let _ = writeln!(out, "{}", count(lines.len(), "attendee"));
    out
}

/// The invalid rows of an import, one line each.
pub fn import_errors(preview: &ImportPreview) -> String {
    let mut out = String::new();
    for r in preview.rows.iter().filter(|r| r.action == RowAction::Error) {
        // One line a row, whatever its cells hold.
        let _ = writeln!(out, "{}", super::terminal_safe(&r.message, false));
    }
    out
}

/// What an import did (or, in a dry run, would do), in one line.
pub fn import_summary(preview: &ImportPreview, dry_run: bool) -> String {
    format!(
        "{}{} created, {} updated, {} unchanged, {} invalid ({}, {})\n",
        if dry_run {
            "Dry run, nothing written: "
        } else {
            ""
        },
        preview.created,
        preview.updated,
        preview.unchanged,
        preview.errors,
        preview.encoding,
        preview.delimiter
    )
}

/// A programme import: the problems (one line each, for stderr).
pub fn programme_problems(preview: &crate::interop::import::ProgrammePreview) -> String {
    let mut out = String::new();
    for line in &preview.problems {
        let _ = writeln!(out, "{}", super::terminal_safe(line, false));
    }
    out
}

/// What a programme import did (or, in a dry run, would do): a summary
/// line, then what was mapped where.
pub fn programme_import(
    preview: &crate::interop::import::ProgrammePreview,
    dry_run: bool,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{}: {}",
        if dry_run {
            "Dry run, nothing written: "
        } else {
            "Imported "
        },
        preview.title,
        preview.summary
    );
    for line in &preview.report {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// What an export wrote, in one line.
pub fn export_done(done: &crate::interop::source::ExportDone) -> String {
    format!("{}\n", done.message)
}

/// A new plan made from another, and where it is.
pub fn plan_copied(done: &crate::interop::backup::PlanCopy, path: &str) -> String {
    format!("{}\nWritten to {path}\n", done.message)
}

#[cfg(test)]
mod tests;
