//! How long a text may be and how large a plan may grow: what forms, edits
//! and imports accept, and what a plan file may hold (`store::verify`).
//! Lengths count characters.

/// The longest single-line text a plan file may hold in any field.
pub const MAX_LINE: usize = 1_000;
/// Notes, descriptions and outcomes: multi-line text.
pub const MAX_TEXT: usize = 20_000;

/// Titles and long names: the plan's, an event's, a session's, an
/// organisation's (and its official name), a position, a convening body,
/// a venue, a city.
pub const MAX_TITLE: usize = 300;
/// An event's short name.
pub const MAX_SHORT_NAME: usize = 80;
/// A session's agenda item label ("4(a)").
pub const MAX_AGENDA_ITEM: usize = 80;
pub const MAX_ROOM_NAME: usize = 120;
pub const MAX_ACRONYM: usize = 40;
/// "H.E.", "Deputy Minister".
pub const MAX_HONORIFIC: usize = 60;
/// A given or a family name.
pub const MAX_NAME: usize = 120;
pub const MAX_EMAIL: usize = 254;
pub const MAX_PHONE: usize = 60;
/// A person's id in a registration system, as an attendee file gives it.
pub const MAX_EXTERNAL_ID: usize = 120;
/// An organisation named in an attendee file.
pub const MAX_IMPORTED_ORGANISATION: usize = 200;
/// A co-chair's role label ("Senior Official Co-Chair").
pub const MAX_ROLE_LABEL: usize = 120;
/// The note after a name in a session's roles ("as DWG Co-Chair").
pub const MAX_ROLE_NOTE: usize = 200;
/// A session's webcast or online-room link.
pub const MAX_LINK: usize = 1_000;
/// A delegation's level of representation ("Senior official").
pub const MAX_LEVEL: usize = 120;
/// A person's capacity in a delegation.
pub const MAX_CAPACITY: usize = 80;
/// A leading word ignored when sorting delegations, and how many there may be.
pub const MAX_IGNORED_WORD: usize = 60;
pub const MAX_IGNORED_WORDS: usize = 30;

/// The longest speaking turn, in minutes.
pub const MAX_TURN_MINUTES: u32 = 600;
/// The longest break inserted across rooms, in minutes.
pub const MAX_BREAK_MINUTES: u32 = 600;
/// The planner's coarsest grid step, in minutes.
pub const MAX_SNAP_MINUTES: u32 = 60;
/// The longest changeover between rooms a plan asks for, in minutes.
pub const MAX_CHANGEOVER_MINUTES: u32 = 120;
/// The earliest a briefing asks speakers into the room, in minutes before.
pub const MAX_CALL_MINUTES: u32 = 120;
/// Longest plan the app accepts; longer is almost surely a typing slip.
pub const MAX_PLAN_DAYS: i64 = 60;

/// The largest programme file a reader takes (schedule XML or JSON).
pub const MAX_PROGRAMME_BYTES: usize = 50 * 1024 * 1024;
/// The most sessions a programme file may hold.
pub const MAX_PROGRAMME_SESSIONS: usize = 50_000;

/// The most sessions a plan may hold.
pub const MAX_SESSIONS: i64 = 20_000;
/// The most people a plan may hold.
pub const MAX_PEOPLE: i64 = 100_000;
/// The most organisations a plan may hold.
pub const MAX_ORGANISATIONS: i64 = 20_000;

// Whatever the app accepts, a plan file may hold: otherwise it would write
// files it then refuses to open.
const _: () = {
    let lines = [
        MAX_TITLE,
        MAX_SHORT_NAME,
        MAX_AGENDA_ITEM,
        MAX_ROOM_NAME,
        MAX_ACRONYM,
        MAX_HONORIFIC,
        MAX_NAME,
        MAX_EMAIL,
        MAX_PHONE,
        MAX_EXTERNAL_ID,
        MAX_IMPORTED_ORGANISATION,
        MAX_ROLE_LABEL,
        MAX_ROLE_NOTE,
        MAX_LINK,
        MAX_LEVEL,
        MAX_CAPACITY,
    ];
    let mut i = 0;
    while i < lines.len() {
        assert!(lines[i] <= MAX_LINE);
        i += 1;
    }
    // The ignored words are kept joined by "|", as one text.
    assert!(MAX_IGNORED_WORDS * (MAX_IGNORED_WORD + 1) <= MAX_TEXT);
};
