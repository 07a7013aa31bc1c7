//! iCalendar (RFC 5545), both ways: `read` takes what Outlook, Google
//! Calendar, Thunderbird, Apple Calendar and other planners export;
//! `write` makes a calendar any of them subscribes to.
//!
//! The content-line grammar (unfolding, parameters, escaping) is this
//! module's own (`lines`): the crates that parse it pull in a parser framework or a
//! mail stack, and none converts times between zones, which is most of the
//! work here. Recurrences are expanded by `recur` (the common subset of
//! RRULE), zones resolved by `zones`.
//!
//! Reading, decided:
//! - Each occurrence of a repeating item is its own session. The one at
//!   the item's DTSTART keeps the UID; the others get `UID/YYYY-MM-DD`
//!   (the occurrence's original date, as RECURRENCE-ID names it), or
//!   `UID/YYYY-MM-DDTHHMM` when two fall on one day. Repeats are expanded
//!   within the window (the plan's days) or, without one, within a year of
//!   the calendar's first DTSTART, at most 1,000 per item. Items that do
//!   not repeat are kept whatever their day.
//! - An all-day item is a session with a day and no times; one spanning
//!   several days is one session on its first day, its last day kept in
//!   the extras ("Until"), with a report line.
//! - ATTENDEE lists are invitees, not speakers: their names go to the
//!   extras ("Attendees"), ORGANIZER to "Organizer". People come from the
//!   description's "Chair: …", "Panellists: A; B" lines, which `write`
//!   produces, so a round trip keeps them. A name is written "Name
//!   (Position, Organisation)"; one bracketed part reads back as the
//!   organisation. A role's note is not written, and a role held by an
//!   organisation alone reads back as a person of that name.
//! - A VTIMEZONE of no known name (Outlook's "Customized Time Zone") is
//!   read as the IANA zone with the same offsets through the year of the
//!   time, trying the zones of the Windows table first.
//! - STATUS:CANCELLED items, VTODO and VJOURNAL are left out with a
//!   report line; a repeated UID (outside RECURRENCE-ID overrides), an
//!   unknown zone, a missing or backwards end are one problem each.
//! - The programme's zone is X-WR-TIMEZONE when it names a known zone,
//!   else the zone most DTSTARTs name; UTC when every time is UTC; floating
//!   when every time is floating. Every time is converted to that zone's
//!   wall clock; floating times are taken as its wall clock.
//!
//! Writing, decided: a named zone is written as TZID with a VTIMEZONE of
//! its real transitions in the sessions' years; an offset-only programme
//! in UTC; a floating one as floating times. Sessions without times are
//! left out (`left_out` counts them for the caller's report).

mod lines;
mod read;
mod recur;
mod write;
mod zones;

pub use read::{read, MAX_FILE_BYTES, MAX_OCCURRENCES, MAX_SESSIONS};
pub use write::write;

#[cfg(test)]
mod tests;
