//! Foundation numbers at 2,000 sessions, 90 rooms and 5,000 people:
//! open a plan file and load one day's agenda; create one session
//! (validation and commit included).

use criterion::{criterion_group, criterion_main, Criterion};
use plenary_core::agenda::agenda;
use plenary_core::forms::SessionForm;
use plenary_core::model::SessionKind;
use plenary_core::synth::{generate, Spec};
use plenary_core::Store;

fn foundation(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.plenary");
    let spec = Spec::FOUNDATION;
    let store = generate(&path, &spec).expect("generate");
    let plan = store.plan().expect("plan");
    let day = plan.first_day.succ_opt().expect("day");
    let event_id = store
        .events()
        .expect("events")
        .into_iter()
        .find(|e| e.first_day == day)
        .expect("event")
        .id;
    let room_id = store.rooms().expect("rooms")[3].id;
    drop(store);

    c.bench_function("open plan and load one day's agenda", |b| {
        b.iter(|| {
            let store = Store::open(&path).expect("open");
            let a = agenda(&store, Some(day)).expect("agenda");
            assert!(!a.days[0].sessions.is_empty());
        })
    });

    let mut store = Store::open(&path).expect("open");
    let form = SessionForm {
        event_id: Some(event_id),
        title: "Benchmark session".into(),
        kind: SessionKind::Discussion,
        day: day.to_string(),
        start_time: "19:00".into(),
        end_time: "19:30".into(),
        room_id: Some(room_id),
        description: String::new(),
        agenda_item: String::new(),
        outcome: String::new(),
        notes: String::new(),
        link: String::new(),
        tentative: false,
    };
    c.bench_function("create one session (validate and commit)", |b| {
        b.iter(|| plenary_core::edit::sessions::create_session(&mut store, &form).expect("create"))
    });
}

criterion_group!(benches, foundation);

/// The 36C3 schedule's size: 1,351 sessions, 92 rooms, with 900 people in
/// 3,000 roles.
fn chaos_congress_scale() -> Spec {
    Spec {
        days: 4,
        rooms: 92,
        sessions: 1_351,
        people: 900,
        roles: 3_000,
    }
}

/// Planner numbers at 36C3 scale: 1,351 sessions, 92 rooms, 900 people,
/// 3,000 role assignments.
fn planner(c: &mut Criterion) {
    use plenary_core::check::{check, conflicts, Snapshot};
    use plenary_core::planner::move_session;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("36c3.plenary");
    let spec = chaos_congress_scale();
    let mut store = generate(&path, &spec).expect("generate");
    let plan = store.plan().expect("plan");
    let events = store.events().expect("events");
    let sessions = store.session_slots().expect("sessions");
    let rooms = store.rooms().expect("rooms");
    let roles = store.role_refs().expect("roles");
    let cochairs = store.cochairs().expect("cochairs");
    let snapshot = Snapshot {
        plan: &plan,
        events: &events,
        sessions: &sessions,
        rooms: &rooms,
        roles: &roles,
        cochairs: &cochairs,
        person_name: &|id| format!("Person {id}"),
        genders: &Default::default(),
    };
    c.bench_function("conflict check, in memory (36C3 scale)", |b| {
        b.iter(|| conflicts(&snapshot))
    });
    c.bench_function("conflict check, loaded from the file (36C3 scale)", |b| {
        b.iter(|| check(&store).expect("check"))
    });
    let target = sessions[10].clone();
    let start = target.start.expect("scheduled");
    let mut flip = false;
    c.bench_function(
        "move edit with commit and conflict recompute (36C3 scale)",
        |b| {
            b.iter(|| {
                flip = !flip;
                let to = if flip {
                    start + chrono::Duration::minutes(5)
                } else {
                    start
                };
                move_session(&mut store, target.id, to, None).expect("move");
                check(&store).expect("check")
            })
        },
    );
}

criterion_group!(planner_benches, planner);

/// People numbers: importing 5,000 attendee rows (matching included) and the
/// protocol-ordered list of 200 delegations.
fn people(c: &mut Criterion) {
    use plenary_core::attendees::{csv_file::read_table, import::import};
    use plenary_core::model::{OrgCategory, ParticipationStatus};
    use plenary_core::protocol::{order, Delegation, ProtocolConfig};
    let mut csv = String::from(
        "First Name,Last Name,Email Address,Affiliation,Position,Registration state\n",
    );
    for i in 0..5_000 {
        csv.push_str(&format!(
            "Given{i},Family{i:05},person{i}@example.org,Organisation {:03},Delegate,complete\n",
            i % 200
        ));
    }
    let table = read_table(csv.as_bytes()).expect("csv");
    assert_eq!(table.rows.len(), 5_000);
    c.bench_function(
        "import 5,000 attendee rows into a plan of 5,000 people",
        |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().expect("dir");
                    let store = generate(&dir.path().join("p.plenary"), &Spec::FOUNDATION)
                        .expect("generate");
                    (dir, store)
                },
                |(_dir, mut store)| {
                    let event = store.events().expect("events")[0].id;
                    import(&mut store, "bench.csv", csv.as_bytes(), None, event, false)
                        .expect("import")
                },
                criterion::BatchSize::PerIteration,
            )
        },
    );
    {
        let dir = tempfile::tempdir().expect("dir");
        let store = generate(&dir.path().join("s.plenary"), &Spec::FOUNDATION).expect("generate");
        let keystrokes = ["f", "fa", "fam", "fami", "family0", "family01", "family012"];
        c.bench_function("people search over 5,000 people, per keystroke", |b| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % keystrokes.len();
                store.search_people(keystrokes[i], 20).expect("search")
            })
        });
    }
    let categories = OrgCategory::ALL;
    let delegations: Vec<Delegation> = (0..200)
        .map(|i| Delegation {
            organisation_id: i,
            name: format!("Delegation {:03}", (i * 37) % 200),
            official_name: if i % 3 == 0 {
                format!("Republic of Delegation {i:03}")
            } else {
                String::new()
            },
            category: categories[i as usize % categories.len()],
            status: [
                ParticipationStatus::Member,
                ParticipationStatus::Observer,
                ParticipationStatus::Guest,
            ][i as usize % 3],
        })
        .collect();
    let cfg = ProtocolConfig {
        first: vec![17, 4],
        ..Default::default()
    };
    c.bench_function("protocol order of 200 delegations", |b| {
        b.iter(|| {
            let mut list = delegations.clone();
            order(&mut list, &cfg);
            list
        })
    });
}

criterion_group! {
    name = people_benches;
    config = Criterion::default().sample_size(10);
    targets = people
}
/// Laying pages out with Typst: the sample week's programme, and a name
/// card for each of the 195 UN member and observer states, each measured
/// to fit and all then set at one size.
fn print(c: &mut Criterion) {
    use plenary_core::print::document::{build, Changes};
    use plenary_core::print::{render, DocKind, PrintRequest};
    let mut store = plenary_core::sample::sample_in_memory().unwrap();
    let programme = build(
        &store,
        &PrintRequest::new(DocKind::Programme),
        String::new(),
        &Changes::default(),
    )
    .unwrap();
    // Typst remembers what it laid out; a new stamp each time makes every
    // run a fresh print, as a user's next print is.
    let fresh = |doc: &plenary_core::print::Printable| {
        let mut n = 0u64;
        let doc = doc.clone();
        move || {
            n += 1;
            let mut d = doc.clone();
            d.stamp = format!("Draft · run {n}");
            d
        }
    };
    let mut next = fresh(&programme);
    c.bench_function("lay out the sample week's programme", |b| {
        b.iter_batched(
            &mut next,
            |d| render::layout(&d).unwrap(),
            criterion::BatchSize::SmallInput,
        )
    });
    let event = store.events().unwrap()[0].id;
    let known: Vec<String> = store
        .organisations()
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect();
    for name in include_str!("../../../tests/fixtures/un-member-states.txt").lines() {
        if name.trim().is_empty() || known.iter().any(|k| k == name) {
            continue;
        }
        let org = plenary_core::edit::organisations::create_organisation(
            &mut store,
            &plenary_core::forms::OrganisationForm {
                name: name.into(),
                category: "member_state".into(),
                ..Default::default()
            },
        )
        .unwrap();
        plenary_core::edit::delegations::set_participation(
            &mut store,
            event,
            org.id,
            Some(plenary_core::model::ParticipationStatus::Member),
            "",
        )
        .unwrap();
    }
    let cards = build(
        &store,
        &PrintRequest::new(DocKind::Namecards),
        String::new(),
        &Changes::default(),
    )
    .unwrap();
    let mut next = fresh(&cards);
    c.bench_function("lay out name cards for every UN state, one size", |b| {
        b.iter_batched(
            &mut next,
            |d| render::layout(&d).unwrap(),
            criterion::BatchSize::SmallInput,
        )
    });
}

criterion_group! {
    name = print_benches;
    config = Criterion::default().sample_size(10);
    targets = print
}
/// The Co-Chairs' Summary: drafting it from the plan and merging the kept
/// edits, which the Summary page does after every edit.
fn summary(c: &mut Criterion) {
    use plenary_core::summary::{summary, AttendanceSource};
    let sample = plenary_core::sample::sample_in_memory().expect("sample");
    c.bench_function("draft the sample week's summary", |b| {
        b.iter(|| summary(&sample, AttendanceSource::Registered).expect("summary"))
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("36c3.plenary");
    let spec = chaos_congress_scale();
    let store = generate(&path, &spec).expect("generate");
    c.bench_function("draft the summary of a 1,351-session plan", |b| {
        b.iter(|| summary(&store, AttendanceSource::Registered).expect("summary"))
    });
}

criterion_group! {
    name = summary_benches;
    config = Criterion::default().sample_size(10);
    targets = summary
}
/// Running the meeting at 36C3 scale: what is on now in 92 rooms, and the
/// whole first day running 5 minutes late (then 5 early, back), one step each.
fn run(c: &mut Criterion) {
    use plenary_core::run::{delay, preview_delay, today};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("36c3.plenary");
    let mut store = generate(&path, &chaos_congress_scale()).expect("generate");
    let first = store.plan().expect("plan").first_day;
    let now = first.and_hms_opt(0, 0, 0).expect("midnight");
    let noon = first.and_hms_opt(12, 0, 0).expect("noon");
    c.bench_function("today at noon (36C3 scale)", |b| {
        b.iter(|| today(&store, noon).expect("today"))
    });
    c.bench_function("preview a day's delay in every room (36C3 scale)", |b| {
        b.iter(|| preview_delay(&store, None, 5, now).expect("preview"))
    });
    let mut flip = false;
    c.bench_function("delay a day in every room, one step (36C3 scale)", |b| {
        b.iter(|| {
            flip = !flip;
            delay(&mut store, None, if flip { 5 } else { -5 }, now).expect("delay")
        })
    });
}

criterion_group! {
    name = run_benches;
    config = Criterion::default().sample_size(10);
    targets = run
}
criterion_main!(
    benches,
    planner_benches,
    people_benches,
    print_benches,
    summary_benches,
    run_benches
);
