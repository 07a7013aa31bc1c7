//! The sample plan: the Bali Process Working Group meeting week, Bangkok,
//! 18–20 November 2024, reconstructed from its Co-Chairs' Summary.
//!
//! The summary gives no times or rooms; those are illustrative and each
//! session says so. Where it names an organisation but no person, the
//! organisation holds the role: no person is invented.

use crate::edit::events::create_event;
use crate::edit::rooms::create_room;
use crate::edit::sessions::create_session;
use crate::error::Result;
use crate::forms::{EventForm, RoomForm, SessionForm};
use crate::model::*;
use crate::store::Store;
use chrono::{NaiveDate, NaiveTime};
use std::collections::HashMap;
use std::path::Path;

pub const ILLUSTRATIVE: &str =
    "Times and rooms are illustrative: the Co-Chairs' Summary gives no session times.";

pub fn sample_plan_header() -> Plan {
    Plan {
        check_panel_gender: false,
        title: "Working Group on Trafficking in Persons — Meeting Week, Bangkok 2024".into(),
        convening_body: "Bali Process Working Group on Trafficking in Persons".into(),
        venue: String::new(),
        city: "Bangkok".into(),
        time_zone: "Asia/Bangkok".into(),
        first_day: day(18),
        last_day: day(20),
        day_start: NaiveTime::from_hms_opt(8, 0, 0).expect("valid"),
        day_end: NaiveTime::from_hms_opt(18, 0, 0).expect("valid"),
        notes: format!(
            "Reconstructed from the Co-Chairs' Summary of 18–20 November 2024. {ILLUSTRATIVE}"
        ),
        snap_minutes: 5,
        changeover_minutes: 0,
        date_order: crate::model::DateOrder::DayMonthYear,
        group_roles: false,
        call_minutes: 15,
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 11, d).expect("valid date")
}

use OrgCategory as C;
use ParticipationStatus as P;

/// (acronym or short key, name, acronym shown, category, country code, status, senior officials)
const ORGS: &[(
    &str,
    &str,
    &str,
    OrgCategory,
    &str,
    ParticipationStatus,
    bool,
)] = &[
    // The 17 members.
    ("AU", "Australia", "", C::MemberState, "AU", P::Member, true),
    (
        "BD",
        "Bangladesh",
        "",
        C::MemberState,
        "BD",
        P::Member,
        true,
    ),
    ("IN", "India", "", C::MemberState, "IN", P::Member, false),
    ("ID", "Indonesia", "", C::MemberState, "ID", P::Member, true),
    ("MY", "Malaysia", "", C::MemberState, "MY", P::Member, false),
    ("MV", "Maldives", "", C::MemberState, "MV", P::Member, true),
    (
        "NZ",
        "New Zealand",
        "",
        C::MemberState,
        "NZ",
        P::Member,
        false,
    ),
    (
        "PH",
        "Philippines",
        "",
        C::MemberState,
        "PH",
        P::Member,
        false,
    ),
    ("LK", "Sri Lanka", "", C::MemberState, "LK", P::Member, true),
    ("TH", "Thailand", "", C::MemberState, "TH", P::Member, false),
    ("VN", "Vietnam", "", C::MemberState, "VN", P::Member, false),
    (
        "AE",
        "United Arab Emirates",
        "UAE",
        C::MemberState,
        "AE",
        P::Member,
        false,
    ),
    (
        "US",
        "United States of America",
        "USA",
        C::MemberState,
        "US",
        P::Member,
        false,
    ),
    (
        "ILO",
        "International Labour Organization",
        "ILO",
        C::InternationalOrganisation,
        "",
        P::Member,
        false,
    ),
    (
        "IOM",
        "International Organization for Migration",
        "IOM",
        C::InternationalOrganisation,
        "",
        P::Member,
        false,
    ),
    (
        "UNHCR",
        "United Nations High Commissioner for Refugees",
        "UNHCR",
        C::InternationalOrganisation,
        "",
        P::Member,
        false,
    ),
    (
        "UNODC",
        "United Nations Office on Drugs and Crime",
        "UNODC",
        C::InternationalOrganisation,
        "",
        P::Member,
        false,
    ),
    // The nine observers: Bali Process members attending as observers.
    (
        "KH",
        "Cambodia",
        "",
        C::ObserverState,
        "KH",
        P::Observer,
        true,
    ),
    ("FJ", "Fiji", "", C::ObserverState, "FJ", P::Observer, false),
    (
        "KI",
        "Kiribati",
        "",
        C::ObserverState,
        "KI",
        P::Observer,
        false,
    ),
    ("LA", "Laos", "", C::ObserverState, "LA", P::Observer, false),
    (
        "PG",
        "Papua New Guinea",
        "",
        C::ObserverState,
        "PG",
        P::Observer,
        false,
    ),
    (
        "WS",
        "Samoa",
        "",
        C::ObserverState,
        "WS",
        P::Observer,
        false,
    ),
    (
        "SB",
        "Solomon Islands",
        "",
        C::ObserverState,
        "SB",
        P::Observer,
        false,
    ),
    (
        "TL",
        "Timor-Leste",
        "",
        C::ObserverState,
        "TL",
        P::Observer,
        false,
    ),
    (
        "VU",
        "Vanuatu",
        "",
        C::ObserverState,
        "VU",
        P::Observer,
        false,
    ),
    // Civil society.
    (
        "IJM",
        "International Justice Mission",
        "IJM",
        C::CivilSociety,
        "",
        P::Guest,
        false,
    ),
    ("WF", "Walk Free", "", C::CivilSociety, "", P::Guest, false),
    (
        "STT",
        "Stop the Traffik",
        "",
        C::CivilSociety,
        "",
        P::Guest,
        false,
    ),
    ("A21", "A21", "", C::CivilSociety, "", P::Guest, false),
    (
        "GI-TOC",
        "Global Initiative against Transnational Organized Crime",
        "GI-TOC",
        C::CivilSociety,
        "",
        P::Guest,
        false,
    ),
    // Private sector, programmes, other workstreams, secretariat.
    ("META", "Meta", "", C::PrivateSector, "", P::Guest, false),
    (
        "ASEAN-ACT",
        "Australia-ASEAN Counter Trafficking",
        "ASEAN-ACT",
        C::Programme,
        "",
        P::Guest,
        false,
    ),
    (
        "TFPP",
        "Bali Process Taskforce on Planning and Preparedness",
        "TFPP",
        C::Workstream,
        "",
        P::Guest,
        false,
    ),
    (
        "DWG",
        "Bali Process Disruption Working Group",
        "DWG",
        C::Workstream,
        "",
        P::Guest,
        false,
    ),
    (
        "TEG-RR",
        "Bali Process Technical Experts Group on Returns and Reintegration",
        "TEG-RR",
        C::Workstream,
        "",
        P::Guest,
        false,
    ),
    (
        "GABF",
        "Bali Process Government and Business Forum",
        "GABF",
        C::Workstream,
        "",
        P::Guest,
        false,
    ),
    (
        "RSO",
        "Bali Process Regional Support Office",
        "RSO",
        C::Secretariat,
        "",
        P::Secretariat,
        false,
    ),
];

/// (given, family, honorific, organisation key, position)
const PEOPLE: &[(&str, &str, &str, &str, &str)] = &[
    ("Lynn", "Bell", "Ms", "AU", "Australian Ambassador to Counter Modern Slavery, People Smuggling and Human Trafficking"),
    ("Tri", "Tharyat", "Mr", "ID", "Deputy Minister for Multilateral Cooperation, Ministry of Foreign Affairs of the Republic of Indonesia"),
    ("Caka Alverdi", "Awal", "Mr", "ID", "Director for International Security and Disarmament, Ministry of Foreign Affairs of the Republic of Indonesia"),
    ("Kathryn", "Haigh", "Ms", "AU", "First Assistant Secretary, Legal Services and Modern Slavery Division, Australian Attorney-General's Department"),
];

/// Who holds a role: a named person (by family name) or an organisation (by key).
#[derive(Clone, Copy)]
enum Who {
    Person(&'static str),
    Org(&'static str),
}

struct SampleSession {
    day: u32,
    from: &'static str,
    to: &'static str,
    room: &'static str,
    kind: SessionKind,
    item: &'static str,
    title: &'static str,
    description: &'static str,
    outcome: &'static str,
    roles: &'static [(RoleKind, Who, &'static str)],
}

const HALL: &str = "Plenary Hall";
const FOYER: &str = "Foyer";

use RoleKind as R;
use SessionKind as K;
use Who::{Org, Person as Pn};

const DIALOGUE: &[SampleSession] = &[
    SampleSession {
        day: 18, from: "09:00", to: "09:30", room: HALL, kind: K::Opening, item: "1",
        title: "Opening remarks by the Senior Official Co-Chairs",
        description: "The Senior Official Co-Chairs congratulate the Working Group on a decade of action: practical cooperation, strong legal and policy frameworks, and measurable outcomes against trafficking in persons.",
        outcome: "",
        roles: &[(R::CoChair, Pn("Bell"), ""), (R::CoChair, Pn("Tharyat"), "")],
    },
    SampleSession {
        day: 18, from: "09:30", to: "10:15", room: HALL, kind: K::Presentation, item: "2",
        title: "A decade of the Working Group: achievements and opportunities",
        description: "The Working Group Co-Chairs speak to the Working Group's achievements over the past decade, its responsiveness to new challenges including the COVID-19 pandemic and criminal misuse of new technology, and opportunities for ongoing cooperation.",
        outcome: "",
        roles: &[(R::Speaker, Pn("Awal"), ""), (R::Speaker, Pn("Haigh"), "")],
    },
    SampleSession {
        day: 18, from: "10:15", to: "10:45", room: FOYER, kind: K::Break, item: "",
        title: "Coffee break", description: "", outcome: "", roles: &[],
    },
    SampleSession {
        day: 18, from: "10:45", to: "12:30", room: HALL, kind: K::Panel, item: "3",
        title: "Panel discussion: emerging trends and global challenges intensifying the risks and harms of trafficking in persons",
        description: "Trafficking into online scam centres for forced scamming; the use of technology including encryption and artificial intelligence; links between trafficking in persons and people smuggling; enablers such as corruption, money laundering and illicit financial flows; collaboration with civil society and the private sector.",
        outcome: "",
        roles: &[
            (R::Moderator, Org("RSO"), "Australian Co-Manager"),
            (R::Panellist, Org("AU"), ""),
            (R::Panellist, Org("ID"), ""),
            (R::Panellist, Org("ILO"), ""),
            (R::Panellist, Org("IOM"), ""),
            (R::Panellist, Org("UNHCR"), ""),
            (R::Panellist, Org("UNODC"), ""),
            (R::Panellist, Org("GI-TOC"), ""),
            (R::Panellist, Org("IJM"), ""),
            (R::Panellist, Org("GABF"), ""),
        ],
    },
    SampleSession {
        day: 18, from: "12:30", to: "13:30", room: FOYER, kind: K::Meal, item: "",
        title: "Lunch", description: "", outcome: "", roles: &[],
    },
];

const ANNUAL: &[SampleSession] = &[
    SampleSession {
        day: 19, from: "09:00", to: "09:15", room: HALL, kind: K::Opening, item: "1",
        title: "Opening and adoption of the agenda",
        description: "", outcome: "",
        roles: &[(R::CoChair, Org("AU"), ""), (R::CoChair, Org("ID"), "")],
    },
    SampleSession {
        day: 19, from: "09:15", to: "10:00", room: HALL, kind: K::Discussion, item: "2",
        title: "Forward Work Plan 2024–26: finalisation and endorsement",
        description: "Members finalise the Working Group's new Forward Work Plan 2024–26, which guides its activities in line with the 2023 Adelaide Strategy for Cooperation.",
        outcome: "Members endorsed the Forward Work Plan 2024–26.",
        roles: &[(R::CoChair, Org("AU"), ""), (R::CoChair, Org("ID"), "")],
    },
    SampleSession {
        day: 19, from: "10:00", to: "10:15", room: FOYER, kind: K::Break, item: "",
        title: "Coffee break", description: "", outcome: "", roles: &[],
    },
    SampleSession {
        day: 19, from: "10:15", to: "11:30", room: HALL, kind: K::Statements, item: "3",
        title: "National updates from members and observers",
        description: "Members and observers share updates on their national responses and priorities, including trafficking for forced scamming, links with other transnational organised crime, law enforcement cooperation, engagement with technology companies, public awareness and ethical recruitment.",
        outcome: "", roles: &[],
    },
    SampleSession {
        day: 19, from: "11:30", to: "12:15", room: HALL, kind: K::Presentation, item: "4",
        title: "Updates from other Bali Process workstreams",
        description: "Priorities and activities of the other workstreams: planning and preparedness, cooperation in disruption, sustainable returns and reintegration, and business–government partnership against exploitation in supply chains.",
        outcome: "",
        roles: &[
            (R::Presenter, Org("TFPP"), ""),
            (R::Presenter, Org("DWG"), ""),
            (R::Presenter, Org("TEG-RR"), ""),
            (R::Presenter, Org("GABF"), ""),
        ],
    },
    SampleSession {
        day: 19, from: "12:15", to: "13:15", room: FOYER, kind: K::Meal, item: "",
        title: "Lunch", description: "", outcome: "", roles: &[],
    },
    SampleSession {
        day: 19, from: "13:15", to: "14:15", room: HALL, kind: K::Presentation, item: "5",
        title: "Strengthening law enforcement capability and coordination",
        description: "Efforts to strengthen law enforcement capability and coordination nationally and across the region: cross-border relationships, information and intelligence sharing, training, and technology against trafficking-related crime.",
        outcome: "",
        roles: &[
            (R::Presenter, Org("NZ"), "as DWG Co-Chair"),
            (R::Presenter, Org("MY"), ""),
            (R::Presenter, Org("TH"), ""),
        ],
    },
    SampleSession {
        day: 19, from: "14:15", to: "15:30", room: HALL, kind: K::Presentation, item: "6",
        title: "Governments and civil society working together on victim support and protection",
        description: "Trauma-informed responses, the non-punishment principle in practice, consultative mechanisms, victim support services, and awareness raising informed by people with lived experience.",
        outcome: "",
        roles: &[
            (R::Presenter, Org("ASEAN-ACT"), ""),
            (R::Presenter, Org("IJM"), ""),
            (R::Presenter, Org("AU"), ""),
            (R::Presenter, Org("ID"), ""),
            (R::Presenter, Org("VN"), ""),
        ],
    },
    SampleSession {
        day: 19, from: "15:30", to: "15:45", room: FOYER, kind: K::Break, item: "",
        title: "Coffee break", description: "", outcome: "", roles: &[],
    },
    SampleSession {
        day: 19, from: "15:45", to: "16:30", room: HALL, kind: K::Discussion, item: "7",
        title: "Collaboration with regional fora, and update from the Regional Support Office",
        description: "Potential opportunities for collaboration with regional fora; the RSO's recent activities and upcoming member engagement opportunities.",
        outcome: "",
        roles: &[(R::Presenter, Org("RSO"), "")],
    },
    SampleSession {
        day: 19, from: "16:30", to: "16:45", room: HALL, kind: K::Closing, item: "8",
        title: "Closing of the Annual Meeting",
        description: "", outcome: "",
        roles: &[(R::CoChair, Org("AU"), ""), (R::CoChair, Org("ID"), "")],
    },
];

const REGIONAL: &[SampleSession] = &[
    SampleSession {
        day: 20, from: "09:00", to: "09:15", room: HALL, kind: K::Opening, item: "1",
        title: "Opening of the Regional Event",
        description: "Opened by the Co-Chairs with the co-hosting Taskforce on Planning and Preparedness.",
        outcome: "",
        roles: &[(R::CoChair, Org("AU"), ""), (R::CoChair, Org("ID"), ""), (R::Speaker, Org("TFPP"), "co-host")],
    },
    SampleSession {
        day: 20, from: "09:15", to: "10:30", room: HALL, kind: K::Presentation, item: "2",
        title: "Situation report: new trends and issues of concern",
        description: "The 'professionalisation' and 'normalisation' of online scam centres; the nexus between online scamming, drug trafficking and online casinos; the challenge of screening victims trafficked for forced scamming from those running the scams.",
        outcome: "",
        roles: &[
            (R::Presenter, Org("UNODC"), ""),
            (R::Presenter, Org("IOM"), ""),
            (R::Presenter, Org("ID"), ""),
        ],
    },
    SampleSession {
        day: 20, from: "10:30", to: "10:45", room: FOYER, kind: K::Break, item: "",
        title: "Coffee break", description: "", outcome: "", roles: &[],
    },
    SampleSession {
        day: 20, from: "10:45", to: "12:00", room: HALL, kind: K::Statements, item: "3",
        title: "Shared experiences: government awareness-raising initiatives",
        description: "Members and observers share first-hand experience of awareness raising to prevent trafficking into online scam centres: television campaigns, talk shows, national SMS alerts, celebrity activism and printed materials.",
        outcome: "", roles: &[],
    },
    SampleSession {
        day: 20, from: "12:00", to: "13:00", room: FOYER, kind: K::Meal, item: "",
        title: "Lunch", description: "", outcome: "", roles: &[],
    },
    SampleSession {
        day: 20, from: "13:00", to: "14:15", room: HALL, kind: K::Presentation, item: "4",
        title: "Expert presentations: the private sector and civil society",
        description: "Online safety initiatives and the development of a regional public information campaign.",
        outcome: "",
        roles: &[
            (R::Presenter, Org("META"), ""),
            (R::Presenter, Org("A21"), ""),
            (R::Presenter, Org("STT"), ""),
        ],
    },
    SampleSession {
        day: 20, from: "14:15", to: "15:30", room: HALL, kind: K::Discussion, item: "5",
        title: "Discussion: what makes a successful awareness campaign",
        description: "Challenges and lessons learned in awareness raising: contextualised scenarios, strong calls to action, clear reporting information, and intelligence and data to tailor messages to audiences and locations.",
        outcome: "", roles: &[],
    },
    SampleSession {
        day: 20, from: "15:30", to: "15:45", room: HALL, kind: K::Closing, item: "6",
        title: "Closing of the Regional Event",
        description: "The Co-Chairs thank members, presenters and observers for their contributions to the week.",
        outcome: "",
        roles: &[(R::CoChair, Org("AU"), ""), (R::CoChair, Org("ID"), "")],
    },
];

/// Writes the sample plan to a new file at `path`.
pub fn write_sample(path: &Path, replace: bool) -> Result<Store> {
    let mut store = Store::create(path, &sample_plan_header(), replace)?;
    fill(&mut store)?;
    Ok(store)
}

/// The sample week written to a file in a new temporary folder, then changed
/// behind the store's back with `sql` (check constraints off), as a damaged
/// or hand-edited plan would arrive.
#[cfg(test)]
pub(crate) fn damaged_sample(sql: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("damaged.plenary");
    drop(write_sample(&path, false).expect("sample"));
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute_batch(&format!("PRAGMA ignore_check_constraints = ON; {sql}"))
        .expect("damage");
    (dir, path)
}

/// The sample plan in memory.
pub fn sample_in_memory() -> Result<Store> {
    let mut store = Store::in_memory(&sample_plan_header())?;
    fill(&mut store)?;
    Ok(store)
}

/// The events of the week: (title, short name, day of November, description, sessions).
const EVENTS: &[(&str, &str, u32, &str, &[SampleSession])] = &[
    (
        "10th Anniversary Commemorative Dialogue",
        "Commemorative Dialogue",
        18,
        "Co-Chairs bring together members, observers and regional stakeholders to commemorate the Working Group's 10th anniversary with a dialogue on emerging trends and global challenges intensifying the risks and harms of trafficking in persons.",
        DIALOGUE,
    ),
    (
        "10th Annual Meeting",
        "Annual Meeting",
        19,
        "The Working Group's annual meeting: the Forward Work Plan 2024–26, national updates, workstream updates and presentations.",
        ANNUAL,
    ),
    (
        "Regional Event on Trafficking into online scam centres: Enhancing community awareness through partnership",
        "Regional Event",
        20,
        "Co-hosted with the Bali Process Taskforce on Planning and Preparedness (TFPP): the role of public–private partnerships in community awareness of risks and pathways to support.",
        REGIONAL,
    ),
];

/// Ids of what the sample has added so far, by their keys in the tables above.
struct Ids {
    org: HashMap<&'static str, Id>,
    person: HashMap<&'static str, Id>,
    room: HashMap<&'static str, Id>,
}

/// Rows written together at the end, outside the undo history.
#[derive(Default)]
struct Rows {
    participations: Vec<Participation>,
    cochairs: Vec<EventCochair>,
    roles: Vec<SessionRole>,
}

fn fill(store: &mut Store) -> Result<()> {
    let ids = directory(store)?;
    let mut rows = Rows::default();
    for event in EVENTS {
        add_event(store, event, &ids, &mut rows)?;
    }
    let attendance = attendance(store, &rows)?;
    store.insert_participations(&rows.participations)?;
    store.insert_cochairs(&rows.cochairs)?;
    store.insert_session_roles(&rows.roles)?;
    store.insert_attendance(&attendance)?;
    store.settle_uids(0x504c_4e59)?;
    store.forget_history()
}

/// The organisations, the named people and the rooms.
fn directory(store: &mut Store) -> Result<Ids> {
    let orgs: Vec<Organisation> = ORGS
        .iter()
        .map(|(key, name, acronym, category, cc, _, _)| Organisation {
            id: 0,
            name: (*name).into(),
            acronym: (*acronym).into(),
            // The summary names it so: "the Governments of Australia and
            // the Republic of Indonesia".
            official_name: if *key == "ID" {
                "Republic of Indonesia".into()
            } else {
                String::new()
            },
            category: *category,
            country_code: (!cc.is_empty()).then(|| (*cc).into()),
        })
        .collect();
    let org_ids = store.insert_organisations(&orgs)?;
    let org: HashMap<&str, Id> = ORGS.iter().map(|o| o.0).zip(org_ids).collect();

    let people: Vec<Person> = PEOPLE
        .iter()
        .map(|(given, family, honorific, org_key, position)| Person {
            gender: None,
            id: 0,
            honorific: (*honorific).into(),
            given_name: (*given).into(),
            family_name: (*family).into(),
            position: (*position).into(),
            organisation_id: Some(org[org_key]),
            email: String::new(),
            phone: String::new(),
            notes: String::new(),
        })
        .collect();
    let person_ids = store.insert_people(&people)?;
    let person: HashMap<&str, Id> = PEOPLE.iter().map(|p| p.1).zip(person_ids).collect();

    let mut room = HashMap::new();
    for (name, capacity, notes) in [
        (
            HALL,
            "120",
            "Hollow square; interpretation booths. Illustrative.",
        ),
        (FOYER, "", "Refreshments. Illustrative."),
    ] {
        let r = create_room(
            store,
            &RoomForm {
                name: name.into(),
                capacity: capacity.into(),
                notes: notes.into(),
            },
        )?;
        room.insert(name, r.id);
    }
    Ok(Ids { org, person, room })
}

/// One event with its sessions; its participations, co-chairs and roles go
/// to `rows`.
fn add_event(
    store: &mut Store,
    &(title, short, d, description, sessions): &(&str, &str, u32, &str, &[SampleSession]),
    ids: &Ids,
    rows: &mut Rows,
) -> Result<()> {
    let event = create_event(
        store,
        &EventForm {
            title: title.into(),
            short_name: short.into(),
            first_day: day(d).to_string(),
            last_day: day(d).to_string(),
            description: description.into(),
        },
    )?;
    for (key, _, _, _, _, status, senior) in ORGS {
        let status = if *key == "TFPP" && short == "Regional Event" {
            P::CoHost
        } else {
            *status
        };
        rows.participations.push(Participation {
            id: 0,
            event_id: event.id,
            organisation_id: ids.org[key],
            status,
            level: if *senior {
                "Senior official".into()
            } else {
                String::new()
            },
        });
    }
    add_cochairs(&event, d, ids, rows);
    if short == "Regional Event" {
        store.insert_cohosts(&[Cohost {
            id: 0,
            event_id: event.id,
            session_id: None,
            organisation_id: ids.org["TFPP"],
        }])?;
    }
    for s in sessions {
        add_session(store, &event, s, ids, rows)?;
    }
    Ok(())
}

/// The summary names the co-chairs in person only for the Dialogue (the
/// 18th); on the other days the two governments co-chair.
fn add_cochairs(event: &Event, d: u32, ids: &Ids, rows: &mut Rows) {
    let chairs: Vec<(&str, Option<&str>, &str)> = if d == 18 {
        vec![
            ("AU", Some("Bell"), "Senior Official Co-Chair"),
            ("ID", Some("Tharyat"), "Senior Official Co-Chair"),
            ("ID", Some("Awal"), "Working Group Co-Chair"),
            ("AU", Some("Haigh"), "Working Group Co-Chair"),
        ]
    } else {
        vec![("AU", None, "Co-Chair"), ("ID", None, "Co-Chair")]
    };
    for (i, (o, p, label)) in chairs.into_iter().enumerate() {
        rows.cochairs.push(EventCochair {
            id: 0,
            event_id: event.id,
            organisation_id: ids.org[o],
            person_id: p.map(|p| ids.person[p]),
            role_label: label.into(),
            day: None,
            position: i as i64,
        });
    }
}

fn add_session(
    store: &mut Store,
    event: &Event,
    s: &SampleSession,
    ids: &Ids,
    rows: &mut Rows,
) -> Result<()> {
    let session = create_session(
        store,
        &SessionForm {
            event_id: Some(event.id),
            title: s.title.into(),
            kind: s.kind,
            day: day(s.day).to_string(),
            start_time: s.from.into(),
            end_time: s.to.into(),
            room_id: Some(ids.room[s.room]),
            description: s.description.into(),
            agenda_item: s.item.into(),
            outcome: s.outcome.into(),
            notes: ILLUSTRATIVE.into(),
            tentative: false,
            link: String::new(),
        },
    )?;
    for (i, (role, who, note)) in s.roles.iter().enumerate() {
        let (person_id, organisation_id) = match who {
            Who::Person(p) => (Some(ids.person[p]), None),
            Who::Org(o) => (None, Some(ids.org[o])),
        };
        rows.roles.push(SessionRole {
            id: 0,
            session_id: session.id,
            role: *role,
            person_id,
            organisation_id,
            note: (*note).into(),
            position: i as i64,
            tentative: false,
            presence: RolePresence::InPerson,
        });
    }
    Ok(())
}

/// The named people attend the events they co-chair or hold a role in; the
/// first of each delegation leads it. Nobody is checked in yet.
fn attendance(store: &Store, rows: &Rows) -> Result<Vec<Attendance>> {
    let org_of: HashMap<Id, Option<Id>> = store
        .people()?
        .into_iter()
        .map(|p| (p.id, p.organisation_id))
        .collect();
    let event_of: HashMap<Id, Id> = store
        .sessions()?
        .into_iter()
        .map(|s| (s.id, s.event_id))
        .collect();
    let mut attendance: Vec<Attendance> = Vec::new();
    let mut led: std::collections::HashSet<(Id, Option<Id>)> = Default::default();
    let attending = rows
        .cochairs
        .iter()
        .filter_map(|c| Some((c.event_id, c.person_id?)))
        .chain(
            rows.roles
                .iter()
                .filter_map(|r| Some((*event_of.get(&r.session_id)?, r.person_id?))),
        );
    for (event_id, person_id) in attending {
        if attendance
            .iter()
            .any(|a| a.event_id == event_id && a.person_id == person_id)
        {
            continue;
        }
        let delegation = (event_id, org_of.get(&person_id).copied().flatten());
        attendance.push(Attendance {
            id: 0,
            event_id,
            person_id,
            registration: RegistrationStatus::Confirmed,
            capacity: if led.insert(delegation) {
                "head of delegation"
            } else {
                "alternate"
            }
            .into(),
            days_present: Vec::new(),
        });
    }
    Ok(attendance)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::{agenda, overview};

    #[test]
    fn named_people_are_registered_for_their_events_and_lead_their_delegations() {
        let store = sample_in_memory().unwrap();
        let event = store.events().unwrap()[0].clone();
        let r = crate::roster::roster(&store, event.id).unwrap();
        let heads: Vec<&str> = r
            .delegations
            .iter()
            .filter_map(|d| d.members.first())
            .map(|m| m.capacity.as_str())
            .collect();
        assert!(!heads.is_empty());
        assert!(
            heads.iter().all(|c| *c == "head of delegation"),
            "{heads:?}"
        );
        let desk = crate::roster::desk(&store, event.id, event.first_day).unwrap();
        assert!(desk.lines.iter().any(|l| l.name == "Ms Lynn Bell"));
        assert_eq!(desk.present, 0, "nobody is checked in before the meeting");
    }

    #[test]
    fn three_events_on_their_days() {
        let store = sample_in_memory().unwrap();
        let events = store.events().unwrap();
        let days: Vec<_> = events.iter().map(|e| (e.first_day, e.last_day)).collect();
        assert_eq!(
            days,
            vec![(day(18), day(18)), (day(19), day(19)), (day(20), day(20))]
        );
        assert_eq!(store.plan().unwrap().time_zone, "Asia/Bangkok");
    }

    #[test]
    fn participation_counts_match_the_summary() {
        let store = sample_in_memory().unwrap();
        let ov = overview(&store).unwrap();
        for e in &ov.events {
            let status = |s| {
                e.by_status
                    .iter()
                    .find(|c| c.status == s)
                    .map_or(0, |c| c.count)
            };
            let category = |c| {
                e.by_category
                    .iter()
                    .find(|x| x.category == c)
                    .map_or(0, |x| x.count)
            };
            assert_eq!(status(P::Member), 17, "{}", e.event.title);
            assert_eq!(status(P::Observer), 9, "{}", e.event.title);
            assert_eq!(category(C::CivilSociety), 5, "{}", e.event.title);
        }
        let senior: Vec<&str> = ov
            .senior_official_delegations
            .iter()
            .map(|o| o.name.as_str())
            .collect();
        assert_eq!(
            senior,
            vec![
                "Australia",
                "Bangladesh",
                "Cambodia",
                "Indonesia",
                "Maldives",
                "Sri Lanka"
            ]
        );
    }

    #[test]
    fn cochairs_and_cohost() {
        let store = sample_in_memory().unwrap();
        let ov = overview(&store).unwrap();
        let dialogue = &ov.events[0];
        let names: Vec<(String, String)> = dialogue
            .cochairs
            .iter()
            .map(|c| (c.person.clone().unwrap_or_default(), c.role_label.clone()))
            .collect();
        assert_eq!(
            names,
            vec![
                (
                    "Ms Lynn Bell".to_string(),
                    "Senior Official Co-Chair".to_string()
                ),
                (
                    "Mr Tri Tharyat".to_string(),
                    "Senior Official Co-Chair".to_string()
                ),
                (
                    "Mr Caka Alverdi Awal".to_string(),
                    "Working Group Co-Chair".to_string()
                ),
                (
                    "Ms Kathryn Haigh".to_string(),
                    "Working Group Co-Chair".to_string()
                ),
            ]
        );
        let cohosts: Vec<&str> = ov.events[2]
            .cohosts
            .iter()
            .map(|o| o.acronym.as_str())
            .collect();
        assert_eq!(cohosts, vec!["TFPP"]);
        assert!(ov.events[0].cohosts.is_empty());
    }

    #[test]
    fn panel_has_its_moderator_and_nine_panellists() {
        let store = sample_in_memory().unwrap();
        let a = agenda(&store, Some(day(18))).unwrap();
        let panel = a.days[0]
            .sessions
            .iter()
            .find(|s| s.session.kind == K::Panel)
            .unwrap();
        let moderators: Vec<_> = panel
            .roles
            .iter()
            .filter(|r| r.role == R::Moderator)
            .collect();
        assert_eq!(moderators.len(), 1);
        assert_eq!(moderators[0].name, "Bali Process Regional Support Office");
        assert_eq!(moderators[0].note, "Australian Co-Manager");
        let panellists: Vec<_> = panel
            .roles
            .iter()
            .filter(|r| r.role == R::Panellist)
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(panellists.len(), 9);
        assert_eq!(panellists[0], "Australia");
        assert_eq!(panellists[8], "Bali Process Government and Business Forum");
    }

    #[test]
    fn every_session_says_its_times_are_illustrative_and_the_plan_checks_clean() {
        let store = sample_in_memory().unwrap();
        for s in store.sessions().unwrap() {
            assert!(s.notes.contains("illustrative"), "{}", s.title);
        }
        assert!(crate::check::check(&store).unwrap().is_empty());
    }

    #[test]
    fn no_invented_people() {
        let store = sample_in_memory().unwrap();
        let names: Vec<String> = store
            .people()
            .unwrap()
            .iter()
            .map(|p| p.family_name.clone())
            .collect();
        assert_eq!(names, vec!["Awal", "Bell", "Haigh", "Tharyat"]);
    }
}
