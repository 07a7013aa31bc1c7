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
    };
    c.bench_function("create one session (validate and commit)", |b| {
        b.iter(|| store.create_session(&form).expect("create"))
    });
}

criterion_group!(benches, foundation);
criterion_main!(benches);
