//! Generated plans of a chosen size, for benchmarks and large-plan tests.
//! Deterministic: the same spec always gives the same plan.

use crate::edit::events::create_event;
use crate::error::Result;
use crate::forms::EventForm;
use crate::model::*;
use crate::store::Store;
use chrono::{Duration, NaiveDate, NaiveTime};

#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub days: u32,
    pub rooms: u32,
    pub sessions: u32,
    pub people: u32,
    pub roles: u32,
}

impl Spec {
    /// The size the foundation's numbers are measured at.
    pub const FOUNDATION: Spec = Spec {
        days: 5,
        rooms: 90,
        sessions: 2_000,
        people: 5_000,
        roles: 6_000,
    };
}

/// A small linear congruential generator; enough for spreading test data.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

pub fn plan_header(spec: &Spec) -> Plan {
    let first = NaiveDate::from_ymd_opt(2025, 6, 2).expect("valid");
    Plan {
        check_panel_gender: false,
        title: format!("Generated plan ({} sessions)", spec.sessions),
        convening_body: "Generated".into(),
        venue: "Convention Centre".into(),
        city: "Geneva".into(),
        time_zone: "Europe/Zurich".into(),
        first_day: first,
        last_day: first + Duration::days(spec.days as i64 - 1),
        day_start: NaiveTime::from_hms_opt(8, 0, 0).expect("valid"),
        day_end: NaiveTime::from_hms_opt(20, 0, 0).expect("valid"),
        notes: String::new(),
        snap_minutes: 5,
        changeover_minutes: 0,
        date_order: crate::model::DateOrder::DayMonthYear,
        group_roles: false,
        call_minutes: 15,
    }
}

/// Fills an empty plan: one event per day, sessions laid end to end in each
/// room so rooms never clash, people spread over organisations and roles.
pub fn fill(store: &mut Store, spec: &Spec) -> Result<()> {
    let plan = store.plan()?;
    let mut rng = Lcg(42);
    let mut events = Vec::new();
    for d in 0..spec.days {
        let day = plan.first_day + Duration::days(d as i64);
        events.push(create_event(
            store,
            &EventForm {
                title: format!("Track day {}", d + 1),
                short_name: format!("Day {}", d + 1),
                first_day: day.to_string(),
                last_day: day.to_string(),
                description: String::new(),
            },
        )?);
    }
    let rooms: Vec<Room> = (0..spec.rooms)
        .map(|i| Room {
            id: 0,
            name: format!("Room {:03}", i + 1),
            capacity: Some(20 + (i % 10) * 30),
            notes: String::new(),
        })
        .collect();
    let room_ids = store.insert_rooms(&rooms)?;
    let orgs: Vec<Organisation> = (0..200)
        .map(|i| Organisation {
            id: 0,
            name: format!("Organisation {i:03}"),
            acronym: format!("O{i:03}"),
            official_name: String::new(),
            category: OrgCategory::ALL[i % OrgCategory::ALL.len()],
            country_code: None,
        })
        .collect();
    let org_ids = store.insert_organisations(&orgs)?;
    let sessions = sessions(&plan, spec, &events, &room_ids, &mut rng);
    let session_ids = store.insert_sessions(&sessions)?;
    let person_ids = store.insert_people(&people(spec, &org_ids))?;
    let roles: Vec<SessionRole> = (0..spec.roles)
        .map(|i| SessionRole {
            id: 0,
            session_id: session_ids[rng.next(session_ids.len() as u64) as usize],
            role: RoleKind::ALL[rng.next(RoleKind::ALL.len() as u64) as usize],
            person_id: Some(person_ids[rng.next(person_ids.len() as u64) as usize]),
            organisation_id: None,
            note: String::new(),
            position: i as i64,
            tentative: false,
            presence: RolePresence::InPerson,
        })
        .collect();
    store.insert_session_roles(&roles)?;
    store.settle_uids(0x5359_4e54)?;
    store.forget_history()
}

/// `spec.sessions` sessions, spread evenly over the days and rooms, each
/// room's day laid end to end from the day's start.
fn sessions(
    plan: &Plan,
    spec: &Spec,
    events: &[Event],
    rooms: &[Id],
    rng: &mut Lcg,
) -> Vec<Session> {
    let slots_per_room_day = (spec.sessions as u64)
        .div_ceil(spec.rooms as u64 * spec.days as u64)
        .max(1);
    let mut sessions = Vec::with_capacity(spec.sessions as usize);
    for (d, event) in events.iter().enumerate() {
        let day = plan.first_day + Duration::days(d as i64);
        for room in rooms {
            let mut t = day.and_time(plan.day_start);
            for _ in 0..slots_per_room_day {
                if sessions.len() as u32 == spec.sessions {
                    return sessions;
                }
                let minutes = 30 + 15 * rng.next(5) as i64;
                let kind = SessionKind::ALL[rng.next(SessionKind::ALL.len() as u64) as usize];
                sessions.push(Session {
                    id: 0,
                    event_id: event.id,
                    title: format!("Session {} on {}", sessions.len() + 1, kind.label()),
                    kind,
                    start: Some(t),
                    end: Some(t + Duration::minutes(minutes)),
                    room_id: Some(*room),
                    description: "Generated session.".into(),
                    agenda_item: String::new(),
                    outcome: String::new(),
                    notes: String::new(),
                    pinned: false,
                    day: None,
                    tentative: false,
                    link: String::new(),
                });
                t += Duration::minutes(minutes + 15);
            }
        }
    }
    sessions
}

fn people(spec: &Spec, org_ids: &[Id]) -> Vec<Person> {
    (0..spec.people)
        .map(|i| Person {
            gender: None,
            id: 0,
            honorific: ["Ms", "Mr", "Dr", "H.E."][i as usize % 4].into(),
            given_name: format!("Given{i}"),
            family_name: format!("Family{i:05}"),
            position: "Delegate".into(),
            organisation_id: Some(org_ids[i as usize % org_ids.len()]),
            email: format!("person{i}@example.org"),
            phone: String::new(),
            notes: String::new(),
        })
        .collect()
}

/// Refuses sizes that the plan file check would refuse to open again.
fn within_limits(spec: &Spec) -> Result<()> {
    use crate::limits::{MAX_PEOPLE, MAX_SESSIONS};
    let limits = [
        ("sessions", i64::from(spec.sessions), MAX_SESSIONS),
        ("people", i64::from(spec.people), MAX_PEOPLE),
        ("rooms", i64::from(spec.rooms), 5_000),
        ("roles", i64::from(spec.roles), 500_000),
    ];
    for (field, n, max) in limits {
        if n > max {
            return Err(crate::error::CoreError::invalid(
                field,
                format!("A plan holds at most {max} {field}, not {n}."),
            ));
        }
    }
    Ok(())
}

pub fn generate(path: &std::path::Path, spec: &Spec) -> Result<Store> {
    within_limits(spec)?;
    let mut store = Store::create(path, &plan_header(spec), true)?;
    fill(&mut store, spec)?;
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_plan_has_the_asked_size() {
        let spec = Spec {
            days: 2,
            rooms: 5,
            sessions: 37,
            people: 20,
            roles: 30,
        };
        let mut store = Store::in_memory(&plan_header(&spec)).unwrap();
        fill(&mut store, &spec).unwrap();
        assert_eq!(store.sessions().unwrap().len(), 37);
        assert_eq!(store.rooms().unwrap().len(), 5);
        assert_eq!(store.people().unwrap().len(), 20);
        assert_eq!(store.all_roles().unwrap().len(), 30);
        let conflicts = crate::check::check(&store).unwrap();
        assert!(
            !conflicts
                .conflicts
                .iter()
                .any(|c| c.kind == crate::check::ConflictKind::RoomDoubleBooked),
            "rooms are laid end to end"
        );
    }

    #[test]
    fn sizes_beyond_what_a_plan_file_holds_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.plenary");
        let spec = Spec {
            sessions: 20_001,
            ..Spec::FOUNDATION
        };
        let err = generate(&path, &spec).err().unwrap();
        assert_eq!(err.code(), crate::error::ErrorCode::Invalid);
        assert!(err.to_string().contains("at most 20000 sessions"), "{err}");
        assert!(!path.exists());
    }
}
