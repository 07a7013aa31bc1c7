//! The command line's lists: problems, history, a retimed room, people
//! found, an itinerary, an attendee list, an import report and the
//! meeting's statistics. Each is the
//! whole text a command prints, so its wording lives here, under snapshots,
//! and the CLI only chooses which to print.

use crate::attendees::export::AttendeeLine;
use crate::attendees::import::{ImportPreview, RowAction};
use crate::attendees::lookup::ItineraryEntry;
use crate::check::{thousands, ConflictList, Unconfirmed};
use crate::model::display_name;
use crate::stats::{GenderCount, Load, Stats};
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

/// A table: the first column to the left, the others to the right, each as
/// wide as its widest cell (in characters), indented under its heading.
/// With `name_last`, the first column (names, which may be long) is
/// printed last, after the numbers.
fn table(out: &mut String, headers: &[&str], rows: &[Vec<String>], name_last: bool) {
    if name_last {
        let turn = |cells: Vec<String>| -> Vec<String> {
            let mut cells = cells;
            if !cells.is_empty() {
                let name = cells.remove(0);
                cells.push(name);
            }
            cells
        };
        let mut headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        headers = turn(headers);
        let rows: Vec<Vec<String>> = rows.iter().cloned().map(turn).collect();
        let widths: Vec<usize> = (0..headers.len())
            .map(|i| {
                rows.iter()
                    .filter_map(|r| r.get(i))
                    .chain(headers.get(i))
                    .map(|c| c.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for r in std::iter::once(&headers).chain(&rows) {
            let mut text = String::new();
            for (i, cell) in r.iter().enumerate() {
                let w = widths.get(i).copied().unwrap_or(0);
                if i + 1 == r.len() {
                    let _ = write!(text, "  {cell}");
                } else {
                    let _ = write!(text, "  {cell:>w$}");
                }
            }
            let _ = writeln!(out, "{}", text.trim_end());
        }
        return;
    }
    let width = |i: usize| {
        rows.iter()
            .filter_map(|r| r.get(i))
            .map(|c| c.chars().count())
            .chain(headers.get(i).map(|h| h.chars().count()))
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..headers.len()).map(width).collect();
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (i, cell) in cells.enumerate() {
            let w = widths.get(i).copied().unwrap_or(0);
            if i == 0 {
                let _ = write!(text, "  {cell:<w$}");
            } else {
                let _ = write!(text, "  {cell:>w$}");
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    };
    line(out, &mut headers.iter().copied());
    for r in rows {
        line(out, &mut r.iter().map(String::as_str));
    }
}

/// How many load rows the text lists; `--json` has them all.
const LOAD_ROWS: usize = 15;

fn load_table(out: &mut String, heading: &str, loads: &[Load], none: &str) {
    let _ = writeln!(out, "\n{heading}");
    if loads.is_empty() {
        let _ = writeln!(out, "  {none}");
        return;
    }
    let rows: Vec<Vec<String>> = loads
        .iter()
        .take(LOAD_ROWS)
        .map(|l| {
            let name = if l.detail.is_empty() {
                l.name.clone()
            } else {
                format!("{} ({})", l.name, l.detail)
            };
            vec![
                name,
                l.roles.to_string(),
                l.minutes.to_string(),
                l.turns.to_string(),
            ]
        })
        .collect();
    table(out, &["", "Roles", "Minutes", "Turns"], &rows, true);
    if loads.len() > LOAD_ROWS {
        let _ = writeln!(
            out,
            "  and {} more (--json lists all).",
            loads.len() - LOAD_ROWS
        );
    }
}

fn gender_row(label: String, g: &GenderCount) -> Vec<String> {
    vec![
        label,
        g.woman.to_string(),
        g.man.to_string(),
        g.another.to_string(),
        g.not_recorded.to_string(),
    ]
}

/// `plenary stats`: the statistics of an event or of the whole week.
pub fn stats(s: &Stats) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({})",
        s.scope,
        crate::forms::day_span(s.first_day, s.last_day)
    );
    let _ = writeln!(
        out,
        "{}, {}, {} checked in.",
        count(s.delegations as usize, "delegation"),
        if s.people == 1 {
            "1 person".to_string()
        } else {
            format!("{} people", s.people)
        },
        s.checked_in
    );
    if s.event_id.is_none() && !s.events.is_empty() {
        let _ = writeln!(out, "\nEvents");
        let rows: Vec<Vec<String>> = s
            .events
            .iter()
            .map(|e| {
                vec![
                    e.title.clone(),
                    e.delegations.to_string(),
                    e.people.to_string(),
                    e.checked_in.to_string(),
                ]
            })
            .collect();
        table(
            &mut out,
            &["", "Delegations", "People", "Checked in"],
            &rows,
            true,
        );
    }
    for (heading, groups) in [("By status", &s.by_status), ("By category", &s.by_category)] {
        let _ = writeln!(out, "\n{heading}");
        let rows: Vec<Vec<String>> = groups
            .iter()
            .map(|g| {
                vec![
                    g.label.clone(),
                    g.delegations.to_string(),
                    g.people.to_string(),
                ]
            })
            .collect();
        table(&mut out, &["", "Delegations", "People"], &rows, false);
    }
    let _ = writeln!(out, "\nLevel of representation");
    let mut rows: Vec<Vec<String>> = s
        .levels
        .iter()
        .map(|l| vec![l.level.clone(), l.delegations.to_string()])
        .collect();
    if s.levels_not_given > 0 {
        rows.push(vec!["Not given".into(), s.levels_not_given.to_string()]);
    }
    table(&mut out, &["", "Delegations"], &rows, false);
    let _ = writeln!(out, "\nChecked in by day");
    let rows: Vec<Vec<String>> = s
        .check_ins
        .iter()
        .map(|d| vec![d.day.format("%a %-d %b").to_string(), d.people.to_string()])
        .collect();
    table(&mut out, &["", "People"], &rows, false);
    let _ = writeln!(out, "\nSpeakers and moderators by category");
    if s.speakers_by_category.is_empty() {
        let _ = writeln!(out, "  No session has anyone in a role yet.");
    } else {
        let rows: Vec<Vec<String>> = s
            .speakers_by_category
            .iter()
            .map(|c| vec![c.label.clone(), c.roles.to_string(), c.speakers.to_string()])
            .collect();
        table(&mut out, &["", "Roles", "Speakers"], &rows, false);
    }
    load_table(
        &mut out,
        "Speaking load: people",
        &s.people_load,
        "No role or speaking turn names a person yet.",
    );
    load_table(
        &mut out,
        "Speaking load: organisations",
        &s.organisation_load,
        "No role or speaking turn names an organisation yet.",
    );
    let _ = writeln!(out, "\nGender of speakers (as recorded; never guessed)");
    let mut rows = vec![gender_row("All speakers".into(), &s.speakers_gender)];
    rows.extend(s.panels.iter().map(|p| {
        let label = if p.when.is_empty() {
            format!("Panel \"{}\"", p.title)
        } else {
            format!("Panel \"{}\" ({})", p.title, p.when)
        };
        gender_row(label, &p.gender)
    }));
    table(
        &mut out,
        &["", "Women", "Men", "Another", "Not recorded"],
        &rows,
        true,
    );
    out
}

#[cfg(test)]
mod tests;

fn hm(t: NaiveDateTime) -> String {
    t.format("%H:%M").to_string()
}

fn drift(minutes: i64) -> String {
    match minutes {
        0 => "on time".to_string(),
        m if m > 0 => format!("{m} min late"),
        m => format!("{} min early", -m),
    }
}

/// One session's line in `plenary today`: planned times, what happened, status.
fn run_line(s: &crate::run::RunSession) -> String {
    let mut line = format!(
        "  {}–{}  {}{}",
        hm(s.planned_start),
        hm(s.planned_end),
        s.title,
        if s.is_break { " (break)" } else { "" }
    );
    let mut facts = vec![s.status.label().to_string()];
    if let (Some(a), Some(d)) = (s.actual_start, s.start_drift_minutes) {
        facts.push(format!("started {} ({})", hm(a), drift(d)));
    }
    if let (Some(a), Some(d)) = (s.actual_end, s.end_drift_minutes) {
        facts.push(format!("ended {} ({})", hm(a), drift(d)));
    }
    let _ = write!(line, "  [{}]", facts.join(", "));
    line
}

/// `plenary today`: each room's session on now and next, and its day.
pub fn today(t: &crate::run::Today) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} at {}", t.day.format("%a %-d %b %Y"), hm(t.now));
    if !t.in_plan {
        let _ = writeln!(out, "This day is not one of the plan's days.");
        return out;
    }
    if t.rooms.is_empty() {
        let _ = writeln!(out, "No sessions on this day.");
    }
    for r in &t.rooms {
        let _ = writeln!(out, "\n{}", r.room);
        // On now by its planned times only: nobody has started it yet.
        let unstarted = |s: &crate::run::RunSession| {
            if s.actual_start.is_none() {
                ", not started"
            } else {
                ""
            }
        };
        match (&r.now, r.remaining_minutes) {
            (Some(s), Some(m)) if m >= 0 => {
                let _ = writeln!(out, "NOW   {} ({m} min left{})", s.title, unstarted(s));
            }
            (Some(s), Some(m)) => {
                let _ = writeln!(out, "NOW   {} ({} min over{})", s.title, -m, unstarted(s));
            }
            (Some(s), None) => {
                let _ = writeln!(out, "NOW   {}", s.title);
            }
            (None, _) => {
                let _ = writeln!(out, "NOW   —");
            }
        }
        match &r.next {
            Some(s) => {
                let _ = writeln!(out, "NEXT  {} at {}", s.title, hm(s.planned_start));
            }
            None => {
                let _ = writeln!(out, "NEXT  —");
            }
        }
        for s in &r.sessions {
            let _ = writeln!(out, "{}", run_line(s));
        }
    }
    out
}

/// `plenary delay`: what moved (or would move) and any pin in the way.
pub fn delay(o: &crate::run::DelayOutcome, dry_run: bool) -> String {
    let mut out = String::new();
    let head = if dry_run {
        format!("Would apply: {}", o.summary)
    } else {
        o.summary.clone()
    };
    let _ = writeln!(out, "{head}");
    if o.moves.is_empty() {
        let _ = writeln!(out, "Nothing to move.");
    }
    for m in &o.moves {
        let _ = writeln!(
            out,
            "  {}–{} → {}–{}  {} ({})",
            hm(m.from_start),
            hm(m.from_end),
            hm(m.to_start),
            hm(m.to_end),
            m.title,
            m.room
        );
    }
    for p in &o.overruns {
        let _ = writeln!(out, "Refused: {p}");
    }
    out
}

/// `plenary report`: the day's numbers, each room's sessions planned
/// against actual, then delays, substitutions, cancellations and check-ins.
pub fn day_report(r: &crate::report::DayReport) -> String {
    use crate::report::signed;
    let mut out = String::new();
    let t = &r.totals;
    let _ = writeln!(out, "Day report — {}", r.day_text);
    let _ = write!(
        out,
        "Held {} of {} sessions; {} cancelled, {} not started; {} of {} on time",
        t.held, t.sessions, t.cancelled, t.not_started, t.on_time, t.held
    );
    if let Some(m) = t.average_drift_minutes {
        let _ = write!(out, "; average start drift {} min", signed(m));
    }
    let _ = writeln!(out, "; overrun {} min in total.", t.overrun_minutes);
    for room in &r.rooms {
        let _ = writeln!(out, "\n{}", room.room);
        let _ = writeln!(
            out,
            "  Planned      Actual       Drift Over  Status       Session"
        );
        for s in &room.sessions {
            let actual = match (s.actual_start, s.actual_end) {
                (Some(a), Some(b)) => format!("{}–{}", hm(a), hm(b)),
                (Some(a), None) => format!("{}–     ", hm(a)),
                _ => "           ".to_string(),
            };
            let drift = s.drift_minutes.map(signed).unwrap_or_default();
            let over = s.overrun_minutes.map(signed).unwrap_or_default();
            let _ = writeln!(
                out,
                "  {}–{}  {actual}  {drift:>4} {over:>4}  {:<11}  {}",
                hm(s.planned_start),
                hm(s.planned_end),
                s.status.label(),
                s.title
            );
            if let Some(m) = s.moved_from {
                let _ = writeln!(out, "{:52}moved from {}", "", hm(m));
            }
            for x in &s.substitutions {
                let _ = writeln!(out, "{:52}{}", "", x.text());
            }
        }
    }
    let section = |out: &mut String, head: &str, lines: Vec<String>, none: &str| {
        let _ = writeln!(out, "\n{head}");
        if lines.is_empty() {
            let _ = writeln!(out, "  {none}");
        }
        for l in lines {
            let _ = writeln!(out, "  {l}");
        }
    };
    section(
        &mut out,
        "Delays",
        r.delays
            .iter()
            .map(|d| {
                let when = d.at.map(|a| format!(" at {}", hm(a))).unwrap_or_default();
                format!("{}{when} ({} moved, first {})", d.summary, d.moved, d.first)
            })
            .collect(),
        "None recorded.",
    );
    section(
        &mut out,
        "Substitutions",
        r.substitutions
            .iter()
            .map(|x| format!("{}: {}", x.session, x.text()))
            .collect(),
        "None.",
    );
    section(
        &mut out,
        "Cancelled",
        r.cancelled.iter().map(|s| s.title.clone()).collect(),
        "None.",
    );
    for c in &r.checkins {
        let _ = writeln!(
            out,
            "\nCheck-ins — {}: {} of {} expected",
            c.event, c.present, c.expected
        );
        for x in &c.counts {
            let _ = writeln!(out, "  {:<34} {:>4} of {}", x.label, x.present, x.expected);
        }
    }
    out
}

/// Seconds as "m:ss" (a minus sign before a negative count).
pub fn mmss(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    format!("{sign}{}:{:02}", s / 60, s % 60)
}

/// `plenary speakers`: the live speaking list of one session.
pub fn speakers(l: &crate::live::LiveList) -> String {
    let mut out = String::new();
    let turn = |t: &crate::live::LiveTurn| match &t.speaker {
        Some(p) => format!("{} ({p}, {} min)", t.delegation, t.minutes),
        None => format!("{} ({} min)", t.delegation, t.minutes),
    };
    let _ = writeln!(
        out,
        "{}\n{} at {}",
        l.title,
        l.now.format("%a %-d %b %Y"),
        l.now.format("%H:%M:%S")
    );
    if l.cancelled {
        let _ = writeln!(out, "CANCELLED");
    }
    match (&l.current, l.remaining_seconds) {
        (Some(c), Some(left)) if left >= 0 => {
            let _ = writeln!(out, "FLOOR  {}: {} left", turn(c), mmss(left));
        }
        (Some(c), Some(left)) => {
            let _ = writeln!(out, "FLOOR  {}: +{} over", turn(c), mmss(-left));
        }
        _ => {
            let _ = writeln!(out, "FLOOR  —");
        }
    }
    match l.waiting.first() {
        Some(n) => {
            let _ = writeln!(out, "NEXT   {}", turn(n));
        }
        None => {
            let _ = writeln!(out, "NEXT   —");
        }
    }
    let _ = writeln!(
        out,
        "\nWaiting: {} ({} min)",
        l.waiting.len(),
        l.waiting_minutes
    );
    for (i, t) in l.waiting.iter().enumerate() {
        let _ = writeln!(out, "{:>3}. {}", i + 1, turn(t));
    }
    let _ = writeln!(out, "\nSpoken: {}", l.spoken.len());
    for t in &l.spoken {
        let span = match (t.spoke_start, t.spoke_end) {
            (Some(a), Some(b)) => format!("{}–{}", hm(a), hm(b)),
            (Some(a), None) => format!("{}–", hm(a)),
            _ => String::new(),
        };
        let over = if t.over_budget { ", over" } else { "" };
        let _ = writeln!(
            out,
            "  {span}  {}  {} of {} min{over}",
            t.delegation,
            mmss(t.spoken_seconds.unwrap_or(0)),
            t.minutes
        );
    }
    out
}

/// One clash in words: "Room: Plenary Hall (yours) / Meeting Room 2
/// (Indonesia team)".
pub fn clash_line(c: &crate::merge::Clash, theirs_team: &str) -> String {
    format!(
        "{}: {} (yours) / {} ({theirs_team})",
        c.field, c.ours, c.theirs
    )
}

/// What `plenary merge` would do: the other team's changes, what merges
/// cleanly, and each clash.
pub fn merge_preview(p: &crate::merge::MergePreview) -> String {
    const SHOWN: usize = 20;
    let mut out = String::new();
    let team = &p.theirs_team;
    if p.nothing_new {
        let _ = writeln!(
            out,
            "Nothing new: this plan already holds everything in {team}'s copy."
        );
        return out;
    }
    let _ = writeln!(
        out,
        "{team} added {}, changed {} and deleted {} since the last exchange.",
        p.added.len(),
        p.changed.len(),
        p.deleted.len()
    );
    for (mark, list) in [("+", &p.added), ("~", &p.changed), ("-", &p.deleted)] {
        for line in list.iter().take(SHOWN) {
            let _ = writeln!(out, "  {mark} {line}");
        }
        if list.len() > SHOWN {
            let _ = writeln!(out, "    … and {} more", list.len() - SHOWN);
        }
    }
    let _ = writeln!(
        out,
        "This copy changed {} since then; {} of {team}'s changes merge cleanly.",
        plural(p.ours_changed as usize, "record", "records"),
        p.clean
    );
    if p.clashes.is_empty() {
        let _ = writeln!(out, "No clashes.");
    } else {
        let _ = writeln!(
            out,
            "{} a decision:",
            plural(p.clashes.len(), "clash needs", "clashes need")
        );
        for c in &p.clashes {
            let _ = writeln!(out, "  {}. {}", c.n, c.record);
            let _ = writeln!(out, "     {}", clash_line(c, team));
        }
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
