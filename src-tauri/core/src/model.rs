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
    /// Logistics (registration, transport) is not a substantive session.
    SessionKind {
        Opening => "opening", "Opening",
        Panel => "panel", "Panel",
        Presentation => "presentation", "Presentation",
        Statements => "statements", "Statements / tour de table",
        Discussion => "discussion", "Discussion",
        Break => "break", "Break",
        Meal => "meal", "Meal",
        Logistics => "logistics", "Logistics",
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
        IntergovernmentalForum => "intergovernmental_forum", "Intergovernmental forum or process",
        LocalAuthority => "local_authority", "Local authority",
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
        WelcomeRemarks => "welcome_remarks", "Welcome remarks",
        IntroductoryRemarks => "introductory_remarks", "Introductory remarks",
        Keynote => "keynote", "Keynote speaker",
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
    /// from the floor), not a pause or logistics (registration, transport).
    pub fn takes_speaking_list(self) -> bool {
        !matches!(
            self,
            SessionKind::Break | SessionKind::Meal | SessionKind::Logistics
        )
    }
}

impl RoleKind {
    /// The label over `count` people in this role: "Panellist", "Panellists".
    pub fn group_label(self, count: usize) -> String {
        match (self, count) {
            (_, 1) => self.label().to_string(),
            (RoleKind::Keynote, _) => "Keynote speakers".to_string(),
            // "Welcome remarks" already names what several people give.
            (RoleKind::WelcomeRemarks | RoleKind::IntroductoryRemarks, _) => {
                self.label().to_string()
            }
            _ => format!("{}s", self.label()),
        }
    }
}

labelled_enum!(
    /// How a person takes part in a session: in the room, online, or by a
    /// recorded message.
    RolePresence {
        InPerson => "in_person", "In person",
        Virtual => "virtual", "Virtual",
        VideoMessage => "video_message", "Video message",
    }
);

// `labelled_enum!` declares the enum, so `#[default]` has no place to go.
#[allow(clippy::derivable_impls)]
impl Default for RolePresence {
    fn default() -> Self {
        RolePresence::InPerson
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
    /// A person's gender, only where the person or their delegation gave
    /// it: never guessed from a name or an honorific. Unrecorded is blank in
    /// the file and `None` in a `Person`.
    Gender {
        Woman => "woman", "Woman",
        Man => "man", "Man",
        Another => "another", "Another gender",
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

// `labelled_enum!` declares the enum, so `#[default]` has no place to go.
#[allow(clippy::derivable_impls)]
impl Default for DateOrder {
    fn default() -> Self {
        DateOrder::DayMonthYear
    }
}

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
    /// How dates written with numbers only are read.
    pub date_order: DateOrder,
    /// When set, the agenda and print group a session's roles by kind;
    /// otherwise they keep the order they were entered in.
    pub group_roles: bool,
    /// How many minutes before their session speakers are asked to be in
    /// the room (printed on their briefings).
    pub call_minutes: u32,
    /// When set, a panel whose speakers with a recorded gender are all of
    /// one gender is listed as a problem.
    #[serde(default)]
    pub check_panel_gender: bool,
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
    /// Both set or both unset: an unset pair is an unscheduled session,
    /// unless it has a `day`.
    pub start: Option<NaiveDateTime>,
    pub end: Option<NaiveDateTime>,
    /// The day of a session whose times are not yet known ("time to be
    /// confirmed"); always None when it has times.
    pub day: Option<NaiveDate>,
    /// "To be confirmed": the session may not happen as planned.
    pub tentative: bool,
    /// A webcast or online-room URL; blank when there is none.
    pub link: String,
    pub room_id: Option<Id>,
    pub description: String,
    pub agenda_item: String,
    pub outcome: String,
    pub notes: String,
    /// A pinned session keeps its start when the sequence around it ripples.
    pub pinned: bool,
}

impl Session {
    /// The session's day, whether it has times or only a day.
    pub fn on_day(&self) -> Option<NaiveDate> {
        self.start.map(|s| s.date()).or(self.day)
    }

    /// A day without times yet.
    pub fn is_day_only(&self) -> bool {
        self.start.is_none() && self.day.is_some()
    }
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
    /// Only as the person or their delegation gave it; `None` when not
    /// recorded. Read by the balance statistics and the panel check.
    #[serde(default)]
    pub gender: Option<Gender>,
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
    /// "To be confirmed": the person has not yet accepted.
    pub tentative: bool,
    pub presence: RolePresence,
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
    /// When the turn actually began and ended (plan wall clock), once it ran.
    pub spoke_start: Option<NaiveDateTime>,
    pub spoke_end: Option<NaiveDateTime>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_keys_and_labels_are_stable() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            (
                "keynote",
                RoleKind::from_key("keynote").map(RoleKind::label),
                "Keynote speaker",
            ),
            (
                "welcome_remarks",
                RoleKind::from_key("welcome_remarks").map(RoleKind::label),
                "Welcome remarks",
            ),
            (
                "introductory_remarks",
                RoleKind::from_key("introductory_remarks").map(RoleKind::label),
                "Introductory remarks",
            ),
            (
                "logistics",
                SessionKind::from_key("logistics").map(SessionKind::label),
                "Logistics",
            ),
            (
                "local_authority",
                OrgCategory::from_key("local_authority").map(OrgCategory::label),
                "Local authority",
            ),
            (
                "intergovernmental_forum",
                OrgCategory::from_key("intergovernmental_forum").map(OrgCategory::label),
                "Intergovernmental forum or process",
            ),
            (
                "in_person",
                RolePresence::from_key("in_person").map(RolePresence::label),
                "In person",
            ),
            (
                "virtual",
                RolePresence::from_key("virtual").map(RolePresence::label),
                "Virtual",
            ),
            (
                "video_message",
                RolePresence::from_key("video_message").map(RolePresence::label),
                "Video message",
            ),
        ];
        for (key, label, want) in cases {
            assert_eq!(*label, Some(*want), "{key}");
        }
        assert_eq!(RolePresence::default(), RolePresence::InPerson);
        assert_eq!(DateOrder::default().key(), "dmy");
    }

    #[test]
    fn group_labels_read_naturally_for_one_and_for_several() {
        let cases = [
            (RoleKind::Keynote, 1, "Keynote speaker"),
            (RoleKind::Keynote, 2, "Keynote speakers"),
            (RoleKind::WelcomeRemarks, 1, "Welcome remarks"),
            (RoleKind::WelcomeRemarks, 3, "Welcome remarks"),
            (RoleKind::IntroductoryRemarks, 2, "Introductory remarks"),
            (RoleKind::Panellist, 2, "Panellists"),
            (RoleKind::CoChair, 2, "Co-Chairs"),
        ];
        for (kind, n, want) in cases {
            assert_eq!(kind.group_label(n), want, "{kind:?} {n}");
        }
    }

    #[test]
    fn a_session_s_day_is_its_start_s_day_or_its_day_without_times() {
        let d = NaiveDate::from_ymd_opt(2024, 11, 19).unwrap();
        let mut s = Session {
            id: 1,
            event_id: 1,
            title: "Keynote".into(),
            kind: SessionKind::Presentation,
            start: None,
            end: None,
            day: Some(d),
            tentative: false,
            link: String::new(),
            room_id: None,
            description: String::new(),
            agenda_item: String::new(),
            outcome: String::new(),
            notes: String::new(),
            pinned: false,
        };
        assert_eq!((s.on_day(), s.is_day_only()), (Some(d), true));
        s.day = None;
        assert_eq!((s.on_day(), s.is_day_only()), (None, false));
        s.start = d.and_hms_opt(9, 0, 0);
        assert_eq!((s.on_day(), s.is_day_only()), (Some(d), false));
    }
}
