//! One plan under load: several `plenary` processes editing it at once, and
//! edits killed part-way. Neither may lose an edit that was reported done,
//! nor leave a file that fails SQLite's integrity check.

mod support;

use plenary_core::Store;
use std::path::Path;
use std::time::{Duration, Instant};
use support::*;

const PLAN: &str = "week.plenary";

fn sample(dir: &Path) -> std::path::PathBuf {
    let path = dir.join(PLAN);
    drop(plenary_core::sample::write_sample(&path, false).unwrap());
    path
}

/// Scheduled sessions on one day, by id.
fn sessions_on(path: &Path, day: &str) -> Vec<i64> {
    Store::open(path)
        .unwrap()
        .sessions()
        .unwrap()
        .into_iter()
        .filter(|s| s.start.is_some_and(|t| t.date().to_string() == day))
        .map(|s| s.id)
        .collect()
}

/// Steps that are applied (not undone) in the plan's history.
fn applied_steps(path: &str) -> usize {
    let run = plenary(&["history", path, "--limit", "500"]);
    assert_eq!(run.code, Some(0), "history: {}", run.stderr);
    run.stdout
        .lines()
        .filter(|l| !l.ends_with("(undone)"))
        .count()
}

#[derive(Debug, Clone)]
enum Action {
    Move { id: i64, to: String },
    Retime { from: String },
    Undo,
    Redo,
}

/// A start no state of the plan had before: minutes that are 1 past a
/// multiple of 5 (the sample's times are all on the 5-minute grid), each
/// used once.
fn fresh_time(k: usize) -> (u32, u32) {
    let m = 8 * 60 + 1 + 5 * k as u32;
    (m / 60, m % 60)
}

/// Six processes at once: two move sessions of Wednesday, two re-time the
/// Plenary Hall's Tuesday, one undoes and redoes, one does all four. Every
/// move and re-time reaches a time the plan never had, so each one that
/// reports success adds exactly one step; each undo and redo turns one. So
/// the applied steps at the end must equal edits − undos + redos.
#[test]
fn six_processes_edit_undo_and_redo_one_plan_at_once() {
    const ROUNDS: usize = 6;
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let p = path.to_str().unwrap().to_string();
    assert_eq!(applied_steps(&p), 0, "the sample starts with no history");
    let wednesday = sessions_on(&path, "2024-11-20");
    assert!(wednesday.len() >= 3, "{wednesday:?}");

    let mut k = 0;
    let mut fresh = || {
        k += 1;
        fresh_time(k)
    };
    let mut plans: Vec<Vec<Action>> = Vec::new();
    for w in 0..6 {
        let mut actions = Vec::new();
        for r in 0..ROUNDS {
            // Worker 5 does all four in turn; the others one kind each.
            let role = if w == 5 { r % 4 } else { [0, 0, 1, 1, 2][w] };
            actions.push(match role {
                0 => {
                    let (h, m) = fresh();
                    Action::Move {
                        id: wednesday[(w + r) % wednesday.len()],
                        to: format!("2024-11-20 {h:02}:{m:02}"),
                    }
                }
                1 => {
                    let (h, m) = fresh();
                    Action::Retime {
                        from: format!("{h:02}:{m:02}"),
                    }
                }
                2 if w == 5 || r % 2 == 0 => Action::Undo,
                _ => Action::Redo,
            });
        }
        plans.push(actions);
    }

    let workers: Vec<_> = plans
        .into_iter()
        .map(|actions| {
            let p = p.clone();
            std::thread::spawn(move || {
                actions
                    .into_iter()
                    .map(|a| {
                        let args: Vec<String> = match &a {
                            Action::Move { id, to } => {
                                vec![
                                    "move".into(),
                                    p.clone(),
                                    id.to_string(),
                                    "--to".into(),
                                    to.clone(),
                                ]
                            }
                            Action::Retime { from } => vec![
                                "retime".into(),
                                p.clone(),
                                "--day".into(),
                                "2024-11-19".into(),
                                "--room".into(),
                                "Plenary Hall".into(),
                                "--from".into(),
                                from.clone(),
                            ],
                            Action::Undo => vec!["undo".into(), p.clone()],
                            Action::Redo => vec!["redo".into(), p.clone()],
                        };
                        let args: Vec<&str> = args.iter().map(String::as_str).collect();
                        (a, plenary(&args))
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let results: Vec<(Action, Run)> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();

    let mut failures = Vec::new();
    let (mut edits, mut undos, mut redos) = (0i64, 0i64, 0i64);
    for (action, run) in &results {
        let mut say = |p: String| failures.push(format!("{action:?}: {p}"));
        if let Some(p) = run.crash_problem() {
            say(p);
            continue;
        }
        let lower = run.stderr.to_lowercase();
        if lower.contains("locked") || lower.contains("busy") {
            say(format!(
                "contention reached the user: {}",
                run.stderr.trim()
            ));
        }
        match (action, run.code) {
            (Action::Move { .. }, Some(0)) if run.stdout.starts_with("Moved") => edits += 1,
            (Action::Retime { .. }, Some(0)) => edits += 1,
            (Action::Undo, Some(0)) => undos += 1,
            (Action::Redo, Some(0)) => redos += 1,
            (Action::Undo, Some(2)) if run.stderr == "plenary: nothing to undo\n" => {}
            (Action::Redo, Some(2)) if run.stderr == "plenary: nothing to redo\n" => {}
            _ => say(format!(
                "exit {:?}: {}{}",
                run.code,
                clip(&run.stdout),
                clip(&run.stderr)
            )),
        }
    }
    let integrity = integrity(&path);
    if integrity != "ok" {
        failures.push(format!("integrity_check: {integrity}"));
    }
    let expected = edits - undos + redos;
    let applied = applied_steps(&p) as i64;
    if applied != expected {
        failures.push(format!(
            "{applied} applied steps, expected {expected} ({edits} edits − {undos} undos + {redos} redos)"
        ));
    }
    let show = plenary(&["show", &p]);
    if show.code != Some(0) {
        failures.push(format!("show afterwards: {}", show.stderr.trim()));
    }
    report("concurrent edits", &failures);
}

/// A CSV of `rows` new attendees whose emails carry the trial number.
fn attendee_csv(dir: &Path, trial: usize, rows: usize) -> std::path::PathBuf {
    let mut text = String::from("Title,First Name,Last Name,Email Address,Affiliation,Position\n");
    for i in 0..rows {
        text.push_str(&format!(
            "Ms,Trial{trial},Person{i},t{trial}-{i}@example.org,Thailand,Delegate\n"
        ));
    }
    let path = dir.join(format!("trial-{trial}.csv"));
    std::fs::write(&path, text).unwrap();
    path
}

fn count_trial_people(path: &Path, trial: usize) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM person WHERE email LIKE ?1",
            [format!("t{trial}-%@example.org")],
            |r| r.get(0),
        )
        .unwrap()
}

fn session_start(path: &Path, id: i64) -> Option<String> {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("SELECT start FROM session WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
}

/// Starts a command and SIGKILLs it after `delay`, unless it ended first.
fn killed_after(args: &[&str], delay: Duration) -> Run {
    let mut child = command(args, None).spawn().expect("run plenary");
    let deadline = Instant::now() + delay;
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let _ = child.kill();
    finish(child, args, LIMIT)
}

/// Edits and attendee imports killed at random moments. After each kill the
/// plan opens, passes SQLite's integrity check, holds every edit whose
/// command had reported success, and holds an import either whole or not at
/// all. `CRASH_TRIALS` sets the number of trials (20 by default, `make
/// crash-trials N=1000` for many); `CRASH_SEED` repeats a run.
#[test]
fn killed_edits_and_imports_leave_a_whole_plan() {
    const ROWS: usize = 200;
    let trials: usize = std::env::var("CRASH_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let seed: u64 = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("crash trials: {trials}, CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let p = path.to_str().unwrap().to_string();
    let wednesday = sessions_on(&path, "2024-11-20");

    // How long each kind takes when left alone, so kills land across the
    // whole run, commit included.
    let timed = |args: &[&str]| {
        let t = Instant::now();
        let run = plenary(args);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        t.elapsed()
    };
    let warm_csv = attendee_csv(dir.path(), 0, ROWS);
    let import_time = timed(&[
        "attendees",
        "import",
        &p,
        warm_csv.to_str().unwrap(),
        "--event",
        "Annual Meeting",
    ]);
    let move_time = timed(&[
        "move",
        &p,
        &wednesday[0].to_string(),
        "--to",
        "2024-11-20 07:01",
    ]);

    let mut failures = Vec::new();
    for trial in 1..=trials {
        let import = rng.below(2) == 0;
        let m = 7 * 60 + 1 + 5 * (trial % 150);
        let to = format!("2024-11-20 {:02}:{:02}", m / 60, m % 60);
        let id = wednesday[trial % wednesday.len()];
        let csv = attendee_csv(dir.path(), trial, ROWS);
        let before = session_start(&path, id);
        let budget = if import { import_time } else { move_time };
        let delay = Duration::from_micros(rng.below(budget.as_micros() as u64 * 6 / 5 + 1));
        let id_text = id.to_string();
        let args: Vec<&str> = if import {
            vec![
                "attendees",
                "import",
                &p,
                csv.to_str().unwrap(),
                "--event",
                "Annual Meeting",
            ]
        } else {
            vec!["move", &p, &id_text, "--to", &to]
        };
        let run = killed_after(&args, delay);
        let reported = run.code == Some(0)
            && if import {
                run.stdout.starts_with(&format!("{ROWS} created"))
            } else {
                run.stdout.starts_with("Moved")
            };
        let mut say = |p: String| {
            failures.push(format!(
                "trial {trial} ({}, killed after {delay:?}): {p}",
                if import { "import" } else { "move" }
            ))
        };
        if run.stderr.contains("panicked") {
            say(format!("panicked: {}", clip(&run.stderr)));
        }
        // Opening through Plenary first recovers the write-ahead log as a
        // user's next open would.
        let show = plenary(&["show", &p]);
        if show.code != Some(0) {
            say(format!("does not open: {}", show.stderr.trim()));
        }
        let integrity = integrity(&path);
        if integrity != "ok" {
            say(format!("integrity_check: {integrity}"));
        }
        if import {
            let n = count_trial_people(&path, trial);
            if reported && n != ROWS as i64 {
                say(format!("reported done, yet {n} of {ROWS} people are there"));
            } else if n != 0 && n != ROWS as i64 {
                say(format!("half an import: {n} of {ROWS} people"));
            }
        } else {
            let after = session_start(&path, id);
            let target = Some(format!("{to}:00"));
            if reported && after != target {
                say(format!(
                    "reported done, yet the session starts at {after:?}"
                ));
            } else if after != target && after != before {
                say(format!(
                    "the session moved to {after:?}, neither {before:?} nor {to}"
                ));
            }
        }
    }
    report(&format!("killed edits (CRASH_SEED={seed})"), &failures);
}
