//! A plan whose delegations are every country of ISO 3166-1, in English,
//! French and Spanish, with people named in Thai, Arabic, Chinese, Cyrillic
//! and Vietnamese, "van der" names, mononyms and a 100-character ministry:
//! protocol order, the participant list, name cards and the CSV export
//! take every name without panicking and leave none out.

use plenary_core::attendees::export::{attendee_csv, attendee_list};
use plenary_core::forms::{EventForm, PlanForm};
use plenary_core::model::*;
use plenary_core::print::document::Changes;
use plenary_core::print::document::{build, Body, DocKind, PrintRequest};
use plenary_core::protocol::{self, Delegation};
use plenary_core::store::ProtocolSettings;
use plenary_core::{roster, Store};
use std::collections::BTreeMap;

/// Extracted once from Debian's iso-codes, so the test needs no package.
const COUNTRIES: &str = include_str!("../../../tests/fixtures/iso-3166-1-names.tsv");

/// (given, family) in many scripts and naming customs; "" is a part left out.
const PEOPLE: &[(&str, &str)] = &[
    ("สมชาย", "ใจดี"),
    ("محمد", "العلي"),
    ("小明", "王"),
    ("Иван", "Петров"),
    ("Thị Lan", "Nguyễn"),
    ("Pieter", "van der Berg"),
    ("", "Sukarno"),
    ("Aung", ""),
    ("Ngozi", "Okonjo-Iweala"),
    ("Þórdís", "Gylfadóttir"),
    ("Σοφία", "Παπαδοπούλου"),
    ("János", "Kovács"),
];

/// A ministry name of exactly 100 characters, with accents in it.
fn ministry() -> String {
    let name: String = "Ministère des Affaires étrangères, de la Coopération internationale, \
         de l'Intégration régionale et de la Diaspora"
        .chars()
        .take(100)
        .collect();
    assert_eq!(name.chars().count(), 100);
    name
}

struct World {
    store: Store,
    event: Id,
    /// Every organisation's name, with how many times it occurs.
    orgs: BTreeMap<String, usize>,
    people: BTreeMap<String, usize>,
}

fn world() -> World {
    let plan = PlanForm {
        title: "Every country".into(),
        time_zone: "Asia/Bangkok".into(),
        first_day: "2024-11-18".into(),
        last_day: "2024-11-20".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    let mut store = Store::in_memory(&plan).unwrap();
    let event = plenary_core::edit::events::create_event(
        &mut store,
        &EventForm {
            title: "Plenary".into(),
            first_day: "2024-11-18".into(),
            last_day: "2024-11-20".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;

    let mut organisations = Vec::new();
    for line in COUNTRIES.lines().filter(|l| !l.starts_with('#')) {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 7, "{line}");
        // English, French and Spanish: (name, official name) each.
        for (name, official) in [(1, 2), (3, 4), (5, 6)] {
            organisations.push(Organisation {
                id: 0,
                name: cells[name].into(),
                acronym: String::new(),
                official_name: cells[official].into(),
                category: OrgCategory::MemberState,
                country_code: Some(cells[0].into()),
            });
        }
    }
    assert!(organisations.len() >= 3 * 249, "{}", organisations.len());
    organisations.push(Organisation {
        id: 0,
        name: ministry(),
        acronym: String::new(),
        official_name: String::new(),
        category: OrgCategory::InternationalOrganisation,
        country_code: None,
    });
    let org_ids = store.insert_organisations(&organisations).unwrap();
    store
        .insert_participations(
            &org_ids
                .iter()
                .map(|&organisation_id| Participation {
                    id: 0,
                    event_id: event,
                    organisation_id,
                    status: ParticipationStatus::Member,
                    level: String::new(),
                })
                .collect::<Vec<_>>(),
        )
        .unwrap();

    // One person a delegation, numbered so each name is its own.
    let people: Vec<Person> = org_ids
        .iter()
        .enumerate()
        .map(|(i, &org)| {
            let (given, family) = PEOPLE[i % PEOPLE.len()];
            let (given, family) = if family.is_empty() {
                (format!("{given} {i}"), String::new())
            } else {
                (given.to_string(), format!("{family} {i}"))
            };
            Person {
                gender: None,
                id: 0,
                honorific: if i % 3 == 0 {
                    "H.E.".into()
                } else {
                    String::new()
                },
                given_name: given,
                family_name: family,
                position: String::new(),
                organisation_id: Some(org),
                email: String::new(),
                phone: String::new(),
                notes: String::new(),
            }
        })
        .collect();
    let person_ids = store.insert_people(&people).unwrap();
    store
        .insert_attendance(
            &person_ids
                .iter()
                .map(|&person_id| Attendance {
                    id: 0,
                    event_id: event,
                    person_id,
                    registration: RegistrationStatus::Confirmed,
                    capacity: "head of delegation".into(),
                    days_present: Vec::new(),
                })
                .collect::<Vec<_>>(),
        )
        .unwrap();

    // Ignored words that end inside a character of many names.
    plenary_core::edit::plan::set_protocol_settings(
        &mut store,
        &ProtocolSettings {
            host_organisation_id: None,
            ignore_words: [
                "The",
                "Republic of",
                "République de",
                "República de",
                "Royaume du",
                "Ré",
                "Sa",
                "Ö",
                "ประเทศ",
            ]
            .iter()
            .map(|w| w.to_string())
            .collect(),
        },
    )
    .unwrap();

    let count = |names: Vec<String>| {
        let mut m = BTreeMap::new();
        for n in names {
            *m.entry(n).or_insert(0) += 1;
        }
        m
    };
    World {
        store,
        event,
        orgs: count(organisations.into_iter().map(|o| o.name).collect()),
        people: count(people.iter().map(|p| p.display_name()).collect()),
    }
}

fn counted<'a>(names: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for n in names {
        *m.entry(n.to_string()).or_insert(0) += 1;
    }
    m
}

#[test]
fn protocol_order_takes_every_name() {
    let w = world();
    let cfg = roster::protocol_config(&w.store, w.event).unwrap();
    let mut delegations: Vec<Delegation> = w
        .store
        .organisations()
        .unwrap()
        .into_iter()
        .map(|o| Delegation {
            organisation_id: o.id,
            name: o.name,
            official_name: o.official_name,
            category: o.category,
            status: ParticipationStatus::Member,
        })
        .collect();
    protocol::order(&mut delegations, &cfg);
    assert_eq!(counted(delegations.iter().map(|d| d.name.as_str())), w.orgs);
    // The same order again, and every key is a name's own lower case.
    let again = delegations.clone();
    protocol::order(&mut delegations, &cfg);
    assert_eq!(delegations, again);
    for d in &delegations {
        let key = protocol::sort_name(d, &cfg.ignore_prefixes);
        assert!(!key.is_empty(), "{}", d.name);
    }
}

#[test]
fn participant_list_and_name_cards_list_everyone() {
    let w = world();
    let print = |req: PrintRequest| {
        build(&w.store, &req, String::new(), &Changes::default())
            .unwrap()
            .body
    };
    let Body::Participants { groups, .. } = print(PrintRequest::new(DocKind::Participants)) else {
        panic!("a participant list")
    };
    let delegations: Vec<_> = groups.iter().flat_map(|g| &g.delegations).collect();
    assert_eq!(counted(delegations.iter().map(|d| d.name.as_str())), w.orgs);
    assert_eq!(
        counted(
            delegations
                .iter()
                .flat_map(|d| &d.members)
                .map(|m| m.name.as_str())
        ),
        w.people
    );

    let Body::Namecards { cards, .. } = print(PrintRequest::new(DocKind::Namecards)) else {
        panic!("name cards")
    };
    assert_eq!(counted(cards.iter().map(|c| c.name.as_str())), w.orgs);
    let Body::Namecards { cards, .. } = print(PrintRequest {
        per_person: true,
        ..PrintRequest::new(DocKind::Namecards)
    }) else {
        panic!("name cards")
    };
    assert_eq!(counted(cards.iter().map(|c| c.name.as_str())), w.people);
    assert_eq!(counted(cards.iter().map(|c| c.detail.as_str())), w.orgs);
}

#[test]
fn protocol_ordered_csv_lists_everyone() {
    let w = world();
    let lines = attendee_list(&w.store, w.event).unwrap();
    let text = attendee_csv(&lines);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (title, given, family, org) = (
        column("Title"),
        column("First Name"),
        column("Last Name"),
        column("Organisation"),
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let people: Vec<String> = rows
        .iter()
        .map(|r| display_name([&r[title], &r[given], &r[family]]))
        .collect();
    assert_eq!(counted(people.iter().map(String::as_str)), w.people);
    assert_eq!(counted(rows.iter().map(|r| &r[org])), w.orgs);
}
