//! Merging the other team's copy at 36C3 scale (1,351 sessions, 92 rooms,
//! 900 people, 3,000 roles), each copy having moved 200 sessions since the
//! hand-over: the whole merge as File › Merge runs it (reading and checking
//! their file, the three-way merge, writing one undoable step), and the
//! preview alone; and what recording the change log adds to one edit.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use plenary_core::merge::{handover, merge, preview, Picks, Take};
use plenary_core::planner::move_session;
use plenary_core::synth::{generate, Spec};
use plenary_core::Store;

fn merging(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ours_path = dir.path().join("ours.plenary");
    let theirs_path = dir.path().join("theirs.plenary");
    let spec = Spec {
        days: 4,
        rooms: 92,
        sessions: 1_351,
        people: 900,
        roles: 3_000,
    };
    let mut ours = generate(&ours_path, &spec).expect("generate");
    handover(&mut ours, "Indonesia team", &theirs_path).expect("hand over");
    let mut theirs = Store::open(&theirs_path).expect("open");
    let sessions = ours.session_slots().expect("sessions");
    let scheduled: Vec<_> = sessions.iter().filter(|s| s.start.is_some()).collect();
    assert!(scheduled.len() >= 400);
    let rooms = ours.rooms().expect("rooms");
    // Ours retimes 200 sessions; theirs moves 200 others to another room.
    for s in &scheduled[..200] {
        let to = s.start.expect("scheduled") + chrono::Duration::minutes(5);
        move_session(&mut ours, s.id, to, None).expect("move");
    }
    for (i, s) in scheduled[200..400].iter().enumerate() {
        let room = rooms[i % rooms.len()].id;
        move_session(
            &mut theirs,
            s.id,
            s.start.expect("scheduled"),
            Some(Some(room)),
        )
        .expect("move");
    }
    ours.close().expect("close");
    theirs.close().expect("close");
    {
        let store = Store::open(&ours_path).expect("open");
        let p = preview(&store, &theirs_path).expect("preview");
        eprintln!(
            "their changes: {}, ours: {}, clashes: {}",
            p.changed.len(),
            p.ours_changed,
            p.clashes.len()
        );
    }

    let fresh = dir.path().join("fresh.plenary");
    let mut group = c.benchmark_group("merge");
    group.sample_size(10);
    group.bench_function(
        "merge two 1,351-session copies that each changed 200 sessions",
        |b| {
            b.iter_batched(
                || {
                    std::fs::copy(&ours_path, &fresh).expect("copy");
                    Store::open(&fresh).expect("open")
                },
                |mut store| {
                    let done =
                        merge(&mut store, &theirs_path, &Picks::All(Take::Ours)).expect("merge");
                    assert!(done.changed > 0);
                    store
                },
                BatchSize::PerIteration,
            )
        },
    );
    let store = Store::open(&ours_path).expect("open");
    group.bench_function("read and check their file", |b| {
        b.iter(|| plenary_core::merge::Copy::read(&theirs_path, None).expect("read"))
    });
    group.bench_function("read this plan's records", |b| {
        b.iter(|| store.records().expect("records"))
    });
    group.bench_function("preview the same merge", |b| {
        b.iter(|| preview(&store, &theirs_path).expect("preview"))
    });
    drop(store);
    // What the change log costs each edit: one session moved and moved back,
    // on the copy whose log holds its 200 moves, and on a plan never handed
    // over (no log).
    let plain_path = dir.path().join("plain.plenary");
    let mut plain = generate(&plain_path, &spec).expect("generate");
    let mut logged = Store::open(&ours_path).expect("open");
    let s = scheduled[0].id;
    let at = scheduled[0].start.expect("scheduled");
    for (name, store) in [
        (
            "one edit, recorded in a change log of 200 moves",
            &mut logged,
        ),
        ("one edit, no change log", &mut plain),
    ] {
        group.bench_function(name, |b| {
            let mut flip = false;
            b.iter(|| {
                flip = !flip;
                let to = at + chrono::Duration::minutes(if flip { 10 } else { 0 });
                move_session(store, s, to, None).expect("move");
            })
        });
    }
    group.finish();
}

criterion_group!(benches, merging);
criterion_main!(benches);
