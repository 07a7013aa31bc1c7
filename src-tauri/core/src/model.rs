//! The plan's domain types. Times are wall clock in the plan's IANA zone.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use specta::Type;

/// Row id of any record in a plan file.
pub type Id = i64;

macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $key:literal, $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable key stored in the plan file.
            pub fn key(self) -> &'static str { match self { $($name::$variant => $key),+ } }
            /// The words shown to users.
            pub fn label(self) -> &'static str { match self { $($name::$variant => $label),+ } }
            pub fn from_key(key: &str) -> Option<Self> {
                match key { $($key => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.label()) }
        }
    };
}

labelled_enum!(
    /// What happens in a session; drives colour, print layout and checks.
    SessionKind {
        Opening => "opening", "Opening",
        Panel => "panel", "Panel",
        Presentation => "presentation", "Presentation",
        Statements => "statements", "Statements / tour de table",
        Discussion => "discussion", "Discussion",
        Break => "break", "Break",
        Meal => "meal", "Meal",
        Closing => "closing", "Closing",
        SideEvent => "side_event", "Side event",
        Other => "other", "Other",
    }
);

labelled_enum!(
    OrgCategory {
        MemberState => "member_state", "Member state",
        ObserverState => "observer_state", "Observer state",
        InternationalOrganisation => "international_organisation", "International organisation",
        CivilSociety => "civil_society", "Civil society",
        PrivateSector => "private_sector", "Private sector",
        Programme => "programme", "Programme",
        Workstream => "workstream", "Workstream or other body",
        Secretariat => "secretariat", "Secretariat",
    }
);

labelled_enum!(
    /// A person's (or organisation's) part in a session.
    RoleKind {
        Chair => "chair", "Chair",
        CoChair => "co_chair", "Co-Chair",
        Moderator => "moderator", "Moderator",
        Panellist => "panellist", "Panellist",
        Presenter => "presenter", "Presenter",
        Speaker => "speaker", "Speaker",
        Discussant => "discussant", "Discussant",
        Rapporteur => "rapporteur", "Rapporteur",
    }
);

impl SessionKind {
    /// The kind as a programme or list shows it beside a session: its label,
    /// or nothing for `Other`, which says nothing to a reader.
    pub fn shown_label(self) -> &'static str {
        match self {
            SessionKind::Other => "",
            kind => kind.label(),
        }
    }

    /// Whether a session of this kind can have a speaking list: any session
    /// where statements may be made (an opening, a closing with interventions
    /// from the floor), not a pause.
    pub fn takes_speaking_list(self) -> bool {
        !matches!(self, SessionKind::Break | SessionKind::Meal)
    }
}

impl RoleKind {
    /// The label over `count` people in this role: "Panellist", "Panellists".
    pub fn group_label(self, count: usize) -> String {
        match count {
            1 => self.label().to_string(),
            _ => format!("{}s", self.label()),
        }
    }
}

labelled_enum!(
    /// How an organisation takes part in an event.
    ParticipationStatus {
        Member => "member", "Member",
        Observer => "observer", "Observer",
        Guest => "guest", "Guest",
        CoHost => "co_host", "Co-host",
        Secretariat => "secretariat", "Secretariat",
    }
);

labelled_enum!(
    RegistrationStatus {
        Invited => "invited", "Invited",
        Registered => "registered", "Registered",
        Confirmed => "confirmed", "Confirmed",
        Declined => "declined", "Declined",
    }
);

labelled_enum!(
    /// How a plan reads a date written with numbers only ("4/12/2017"):
    /// the order its users write day, month and year in.
    DateOrder {
        DayMonthYear => "dmy", "Day/month/year (4/12/2017 is 4 December)",
        MonthDayYear => "mdy", "Month/day/year (12/4/2017 is 4 December)",
        YearMonthDay => "ymd", "Year-month-day (2017-12-04)",
    }
);

/// A meeting week: the whole of one plan file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Plan {
    pub title: String,
    pub convening_body: String,
    pub venue: String,
    pub city: String,
    /// IANA zone name, e.g. "Asia/Bangkok".
    pub time_zone: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Earliest and latest wall-clock hour a session is expected on any day.
    pub day_start: chrono::NaiveTime,
    pub day_end: chrono::NaiveTime,
    pub notes: String,
    /// The planner's grid step, in minutes.
    pub snap_minutes: u32,
    /// The least time a person needs to move between rooms; 0 checks nothing.
    pub changeover_minutes: u32,
}

impl Plan {
    /// The plan's wall clock at the instant `utc`: every stamp the plan
    /// keeps (history, check-ins, print versions) is read off this one
    /// function. An unknown zone (never written by Plenary) reads as UTC.
    pub fn wall_clock(&self, utc: chrono::DateTime<chrono::Utc>) -> NaiveDateTime {
        match self.time_zone.parse::<chrono_tz::Tz>() {
            Ok(tz) => utc.with_timezone(&tz).naive_local(),
            Err(_) => utc.naive_utc(),
        }
    }
}

/// A component meeting of the week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Event {
    pub id: Id,
    pub title: String,
    pub short_name: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Room {
    pub id: Id,
    pub name: String,
    pub capacity: Option<u32>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Session {
    pub id: Id,
    pub event_id: Id,
    pub title: String,
    pub kind: SessionKind,
    /// Both set or both unset: an unset pair is an unscheduled session.
    pub start: Option<NaiveDateTime>,
    pub end: Option<NaiveDateTime>,
    pub room_id: Option<Id>,
    pub description: String,
    pub agenda_item: String,
    pub outcome: String,
    pub notes: String,
    /// A pinned session keeps its start when the sequence around it ripples.
    pub pinned: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Organisation {
    pub id: Id,
    pub name: String,
    pub acronym: String,
    /// The name protocol order sorts by ("Republic of Indonesia"); may be blank.
    pub official_name: String,
    pub category: OrgCategory,
    /// ISO 3166-1 alpha-2, for states.
    pub country_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Person {
    pub id: Id,
    /// Free text: "H.E.", "Ambassador", "Dr".
    pub honorific: String,
    pub given_name: String,
    pub family_name: String,
    pub position: String,
    pub organisation_id: Option<Id>,
    pub email: String,
    pub phone: String,
    pub notes: String,
}

impl Person {
    pub fn display_name(&self) -> String {
        display_name([self.honorific.as_str(), &self.given_name, &self.family_name])
    }
}

/// "Ms Lynn Bell" from its parts, skipping empty ones.
pub fn display_name<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// One role in a session: a person, or an organisation whose speaker is not yet known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SessionRole {
    pub id: Id,
    pub session_id: Id,
    pub role: RoleKind,
    pub person_id: Option<Id>,
    pub organisation_id: Option<Id>,
    /// Free text shown after the name, e.g. "as DWG Co-Chair".
    pub note: String,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct EventCochair {
    pub id: Id,
    pub event_id: Id,
    pub organisation_id: Id,
    pub person_id: Option<Id>,
    /// e.g. "Senior Official Co-Chair".
    pub role_label: String,
    /// Set when the person chairs on one day only.
    pub day: Option<NaiveDate>,
    pub position: i64,
}

/// A co-hosting organisation, for a whole event or for one session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Cohost {
    pub id: Id,
    pub event_id: Id,
    pub session_id: Option<Id>,
    pub organisation_id: Id,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Participation {
    pub id: Id,
    pub event_id: Id,
    pub organisation_id: Id,
    pub status: ParticipationStatus,
    /// e.g. "Senior official", "Ministerial", "Officials".
    pub level: String,
}

/// A person's capacity in a delegation, head of delegation first: the
/// order delegations list their members in.
pub const CAPACITIES: &[&str] = &[
    "head of delegation",
    "alternate",
    "adviser",
    "delegate",
    "observer",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Attendance {
    pub id: Id,
    pub event_id: Id,
    pub person_id: Id,
    pub registration: RegistrationStatus,
    /// In the delegation: head of delegation, alternate, adviser, delegate, observer.
    pub capacity: String,
    /// Days on which the person was checked in.
    pub days_present: Vec<NaiveDate>,
}

/// One delegation's turn in a "national statements" or "tour de table" session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SpeakingSlot {
    pub id: Id,
    pub session_id: Id,
    pub organisation_id: Id,
    /// Who speaks for the delegation, when known.
    pub person_id: Option<Id>,
    /// The time budget, in minutes.
    pub minutes: u32,
    pub position: i64,
}
