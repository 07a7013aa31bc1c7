//! Hostile and corrupt plan files. A plan arrives by email from another
//! team, so every byte of it is untrusted: opening, showing, checking,
//! printing, undoing or editing one must never run SQL it carries, touch a
//! file outside it, hang, or panic. A refused file is left byte-for-byte as
//! it was, and the refusal is one line on stderr with exit code 2.
//!
//! Each case builds its file from the sample (or from a plan written by
//! schema v6, `tests/fixtures/v6-week.plenary`) and alters it with SQLite
//! directly, in a folder with bait around it: a decoy database next to the
//! plan, and an "elsewhere" folder that planted statements aim at.

mod support;

use plenary::commands::invoke_handler;
use plenary::state::AppState;
use rusqlite::{params, Connection};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use support::*;

const PLAN: &str = "week.plenary";
/// A session of the sample that commands move.
const CLOSING: &str = "Closing of the Annual Meeting";

/// A plan in a folder with bait around it. Children run with `root` as their
/// working folder, so relative paths in planted SQL land where they are seen.
struct Lab {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    elsewhere: PathBuf,
    plan: PathBuf,
}

impl Lab {
    fn new(bytes: &[u8]) -> Lab {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let dir = root.join("plans");
        let elsewhere = root.join("elsewhere");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        let plan = dir.join(PLAN);
        std::fs::write(&plan, bytes).unwrap();
        decoy(&dir.join("decoy.db"));
        decoy(&elsewhere.join("target.db"));
        Lab {
            _tmp: tmp,
            root,
            elsewhere,
            plan,
        }
    }

    fn p(&self) -> &str {
        self.plan.to_str().unwrap()
    }

    fn decoy(&self) -> String {
        self.root.join("plans/decoy.db").display().to_string()
    }

    fn target(&self, name: &str) -> String {
        self.elsewhere.join(name).display().to_string()
    }

    /// A plain connection to alter the plan: no foreign keys, no defences.
    fn conn(&self) -> Connection {
        let conn = Connection::open(&self.plan).unwrap();
        // The bundled SQLite turns foreign keys on by default.
        conn.execute_batch("PRAGMA foreign_keys = OFF;").unwrap();
        conn
    }

    fn sql(&self, sql: &str) {
        self.conn()
            .execute_batch(sql)
            .unwrap_or_else(|e| panic!("building the attack: {e}\n{sql}"));
    }

    fn id_of(&self, title: &str) -> i64 {
        self.conn()
            .query_row("SELECT id FROM session WHERE title = ?1", [title], |r| {
                r.get(0)
            })
            .unwrap()
    }

    /// Rewrites the stored text of a schema object (a change SQLite itself
    /// would refuse), then lets the next connection read the new schema.
    fn rewrite_schema(&self, sql: &str) {
        let conn = self.conn();
        conn.execute_batch("PRAGMA writable_schema = ON;").unwrap();
        conn.execute_batch(sql)
            .unwrap_or_else(|e| panic!("rewriting the schema: {e}\n{sql}"));
        conn.execute_batch("PRAGMA writable_schema = RESET;")
            .unwrap();
    }
}

/// A database that must stay as it is: one row, `untouched`.
fn decoy(path: &Path) {
    let c = Connection::open(path).unwrap();
    c.execute_batch("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('untouched');")
        .unwrap();
}

/// The sample, written once per test binary.
fn sample_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(PLAN);
        drop(plenary_core::sample::write_sample(&path, false).unwrap());
        std::fs::read(&path).unwrap()
    })
}

/// The sample written by schema v6 (before undo history became data), with
/// one real edit: "Closing of the Annual Meeting" moved from 16:30 to 17:00.
fn v6_bytes() -> Vec<u8> {
    std::fs::read(fixture("v6-week.plenary")).unwrap()
}

fn user_version(path: &Path) -> Option<i64> {
    inspect(path)
        .ok()?
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .ok()
}

/// A v6 plan taken back to v5, as Plenary 5 would have left it: no protocol
/// settings, and no history triggers for them.
fn v5_lab() -> Lab {
    let lab = Lab::new(&v6_bytes());
    lab.sql(
        "DROP TRIGGER IF EXISTS history_protocol_setting_insert;
         DROP TRIGGER IF EXISTS history_protocol_setting_update;
         DROP TRIGGER IF EXISTS history_protocol_setting_delete;
         DROP TABLE protocol_setting;
         PRAGMA user_version = 5;",
    );
    lab
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Cmd {
    Show,
    Check,
    Print,
    /// The Co-Chairs' Summary as Word.
    Summary,
    Undo,
    Redo,
    Move,
    Stats,
}

/// What a run may do.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    /// Exit 2 with one line, and the file's bytes as they were.
    Refused,
    /// Succeed, or refuse with one line; either way the plan's data is as it was.
    Unchanged,
    /// Succeed (exit 0, or 1 from `check`) without changing the plan's data.
    Works,
    /// Succeed; the plan may change, but no table and no person is lost.
    Edits,
}

fn args(lab: &Lab, cmd: Cmd, session: &str) -> Vec<String> {
    let p = lab.p().to_string();
    let v: Vec<&str> = match cmd {
        Cmd::Show => vec!["show", &p],
        Cmd::Check => vec!["check", &p],
        Cmd::Print => vec!["print", &p, "programme", "--variant", "internal", "--out"],
        Cmd::Summary => vec!["summary", &p, "--out"],
        Cmd::Undo => vec!["undo", &p],
        Cmd::Redo => vec!["redo", &p],
        Cmd::Move => vec!["move", &p, session, "--to", "2024-11-19 17:05"],
        Cmd::Stats => vec!["stats", &p],
    };
    let mut v: Vec<String> = v.into_iter().map(String::from).collect();
    if cmd == Cmd::Print {
        v.push(lab.root.join("plans/out.pdf").display().to_string());
    }
    if cmd == Cmd::Summary {
        v.push(lab.root.join("plans/out.docx").display().to_string());
    }
    v
}

fn person_count(path: &Path) -> Option<i64> {
    inspect(path)
        .ok()?
        .query_row("SELECT count(*) FROM person", [], |r| r.get(0))
        .ok()
}

/// Runs one command on the lab's plan and says what went wrong, if anything.
fn attempt(case: &str, lab: &Lab, cmd: Cmd, session: &str, expect: Expect) -> Vec<String> {
    let argv = args(lab, cmd, session);
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let bytes = std::fs::read(&lab.plan).unwrap();
    let before = files(&lab.root);
    let tables_before = tables(&lab.plan);
    let dump_before = dump(&lab.plan);
    let people_before = person_count(&lab.plan);
    let version_before = user_version(&lab.plan);

    let run = plenary_in(&argv, Some(&lab.root));

    let after = files(&lab.root);
    let mut problems = Vec::new();
    let mut say = |p: String| problems.push(format!("{case} / {cmd:?}: {p}"));
    let crashed = run.crash_problem();
    if let Some(p) = crashed.clone() {
        say(p);
    }
    let refused = run.code == Some(2);
    let ok_code = run.code == Some(0) || (cmd == Cmd::Check && run.code == Some(1));
    match expect {
        _ if crashed.is_some() => {}
        Expect::Refused => {
            if let Some(p) = run.refusal_problem() {
                say(p);
            }
        }
        Expect::Works | Expect::Edits if !ok_code => say(format!(
            "expected success, got exit {:?}: {}",
            run.code,
            clip(&run.stderr)
        )),
        Expect::Unchanged if !ok_code => {
            if let Some(p) = run.refusal_problem() {
                say(p);
            }
        }
        _ => {}
    }
    let plan_rel = format!("plans/{PLAN}");
    let pdf_ok = cmd == Cmd::Print && ok_code;
    let docx_ok = cmd == Cmd::Summary && ok_code;
    let outside = changes(&before, &after, &|name, len| {
        name == plan_rel
            || empty_sidecar(&plan_rel, name, len)
            || (pdf_ok && name == "plans/out.pdf")
            || (docx_ok && name == "plans/out.docx")
    });
    for c in outside {
        say(format!("outside the plan, {c}"));
    }
    if let Some((len, _)) = after.get(&format!("{plan_rel}-wal")) {
        if *len > 0 {
            say(format!("left {len} bytes in the write-ahead log"));
        }
    }
    if std::fs::read(&lab.plan).unwrap_or_default() != bytes {
        if expect == Expect::Refused {
            say("the refused file's bytes changed".into());
        } else if refused && user_version(&lab.plan) == version_before {
            // Only a migration may write to a file that is then refused.
            say("refused, and still the file's bytes changed".into());
        }
    }
    let tables_after = tables(&lab.plan);
    let migrated_history = user_version(&lab.plan).is_some_and(|v| v >= 7);
    for t in &tables_before {
        // Version 7 turns the SQL-text history of older files into data.
        let converted = t == "history_sql" && migrated_history;
        if !tables_after.contains(t) && !converted {
            say(format!("table {t} was dropped"));
        }
    }
    if matches!(expect, Expect::Unchanged | Expect::Works) && dump(&lab.plan) != dump_before {
        say("the plan's data changed".into());
    }
    if person_count(&lab.plan) != people_before {
        say(format!(
            "people: {people_before:?} before, {:?} after",
            person_count(&lab.plan)
        ));
    }
    problems
}

/// One attack: how to build it, and which commands to run on a fresh copy.
struct Attack {
    name: String,
    build: Box<dyn Fn() -> Lab>,
    commands: Vec<Cmd>,
    expect: Expect,
    /// The session `move` names (an id or a title).
    session: Box<dyn Fn(&Lab) -> String>,
}

fn attack(
    name: &str,
    commands: &[Cmd],
    expect: Expect,
    build: impl Fn() -> Lab + 'static,
) -> Attack {
    Attack {
        name: name.into(),
        build: Box::new(build),
        commands: commands.to_vec(),
        expect,
        session: Box::new(|_| CLOSING.to_string()),
    }
}

fn run_attacks(what: &str, attacks: Vec<Attack>) {
    let mut failures = Vec::new();
    for a in &attacks {
        for &cmd in &a.commands {
            let lab = (a.build)();
            let session = (a.session)(&lab);
            failures.extend(attempt(&a.name, &lab, cmd, &session, a.expect));
        }
    }
    report(what, &failures);
}

use Cmd::*;

// ----- the files these attacks start from still open -----

/// Guards the attacks below against passing for the wrong reason: the same
/// files without the planted part open, and real history still undoes.
#[test]
fn older_plans_without_planted_parts_open_and_undo() {
    let mut failures = Vec::new();
    // Migrating from v5 adds the protocol settings row, so that file changes.
    for (name, build, expect) in [
        (
            "sample",
            Box::new(|| Lab::new(sample_bytes())) as Box<dyn Fn() -> Lab>,
            Expect::Works,
        ),
        ("v6 plan", Box::new(|| Lab::new(&v6_bytes())), Expect::Works),
        ("v5 plan", Box::new(v5_lab), Expect::Edits),
    ] {
        for cmd in [Show, Check, Print, Stats] {
            failures.extend(attempt(name, &build(), cmd, CLOSING, expect));
        }
    }
    for (name, build) in [
        (
            "v6 plan",
            Box::new(|| Lab::new(&v6_bytes())) as Box<dyn Fn() -> Lab>,
        ),
        ("v5 plan", Box::new(v5_lab)),
    ] {
        let lab = build();
        failures.extend(attempt(name, &lab, Undo, CLOSING, Expect::Edits));
        let start: Option<String> = inspect(&lab.plan)
            .unwrap()
            .query_row(
                "SELECT start FROM session WHERE title = ?1",
                [CLOSING],
                |r| r.get(0),
            )
            .unwrap();
        if start.as_deref() != Some("2024-11-19 16:30:00") {
            failures.push(format!("{name}: undo left {CLOSING} at {start:?}"));
        }
    }
    report("older plans", &failures);
}

// ----- (a) crafted column names in a file that is migrated on open -----

/// A column name that closes the identifier and the string around it in
/// generated SQL, then runs `payload` outside the migration's transaction.
fn crafted_column(payload: &str) -> String {
    format!("x\"='||1); END; COMMIT; {payload}; BEGIN; --")
}

fn add_column(lab: &Lab, table: &str, name: &str) {
    lab.sql(&format!(
        "ALTER TABLE {table} ADD COLUMN \"{}\" TEXT;",
        name.replace('"', "\"\"")
    ));
}

#[test]
fn crafted_column_names_in_an_older_file_are_refused_untouched() {
    let all = [Show, Check, Print, Summary, Undo, Move];
    let attacks = vec![
        attack("v5 plan column VACUUM INTO", &all, Expect::Refused, || {
            let lab = v5_lab();
            let payload = format!("VACUUM INTO '{}'", lab.target("pwned.db"));
            add_column(&lab, "plan", &crafted_column(&payload));
            lab
        }),
        attack("v5 session column ATTACH", &all, Expect::Refused, || {
            let lab = v5_lab();
            let payload = format!(
                "ATTACH '{}' AS d; UPDATE d.t SET v = 'pwned'; DETACH d",
                lab.decoy()
            );
            add_column(&lab, "session", &crafted_column(&payload));
            lab
        }),
        attack("v5 person column DROP", &all, Expect::Refused, || {
            let lab = v5_lab();
            add_column(&lab, "person", &crafted_column("DROP TABLE person"));
            lab
        }),
        attack(
            "v5 plan column relative path",
            &all,
            Expect::Refused,
            || {
                let lab = v5_lab();
                add_column(&lab, "plan", &crafted_column("VACUUM INTO 'pwned.db'"));
                lab
            },
        ),
        attack(
            "v5 table recreated with crafted name",
            &all,
            Expect::Refused,
            || {
                let lab = v5_lab();
                let name = crafted_column(&format!("VACUUM INTO '{}'", lab.target("x.db")));
                lab.sql(&format!(
                "CREATE TABLE accepted_conflict2 (key TEXT PRIMARY KEY, note TEXT NOT NULL DEFAULT '', \"{}\" TEXT);
                 INSERT INTO accepted_conflict2 (key, note) SELECT key, note FROM accepted_conflict;
                 DROP TABLE accepted_conflict;
                 ALTER TABLE accepted_conflict2 RENAME TO accepted_conflict;",
                name.replace('"', "\"\"")
            ));
                lab
            },
        ),
        attack("current plan crafted column", &all, Expect::Refused, || {
            let lab = Lab::new(sample_bytes());
            let payload = format!("VACUUM INTO '{}'", lab.target("pwned.db"));
            add_column(&lab, "session", &crafted_column(&payload));
            lab
        }),
        attack(
            "current plan generated column",
            &all,
            Expect::Refused,
            || {
                let lab = Lab::new(sample_bytes());
                lab.sql("ALTER TABLE person ADD COLUMN z AS (zeroblob(100000000)) VIRTUAL;");
                lab
            },
        ),
    ];
    run_attacks("crafted column names", attacks);
}

// ----- (b) planted undo and redo steps -----

/// Statements that are not what Plenary's own history triggers wrote, or are
/// close to them and do more.
fn planted_statements(lab: &Lab) -> Vec<String> {
    vec![
        "DROP TABLE person".into(),
        format!(
            "COMMIT; ATTACH '{}' AS d; UPDATE d.t SET v = 'pwned'; DETACH d; BEGIN",
            lab.decoy()
        ),
        format!("COMMIT; VACUUM INTO '{}'; BEGIN", lab.target("x.plenary")),
        format!(
            "ATTACH '{}' AS d; UPDATE d.t SET v = 'pwned'",
            lab.target("target.db")
        ),
        "DELETE FROM \"person\" WHERE rowid=1 OR 1=1".into(),
        "DELETE FROM \"person\" WHERE rowid=1; DROP TABLE event".into(),
        "DELETE FROM \"sqlite_master\" WHERE rowid=1".into(),
        "DELETE FROM \"history_step\" WHERE rowid=1".into(),
        "UPDATE \"session\" SET \"title\"=(SELECT group_concat(email) FROM person) WHERE rowid=1"
            .into(),
        "UPDATE \"person\" SET \"given_name\"='x' WHERE rowid=1 OR 1=1".into(),
        "INSERT INTO \"person\" (rowid,\"id\") VALUES (999,999); DROP TABLE room".into(),
        "PRAGMA writable_schema = ON".into(),
    ]
}

/// A v6 file whose history holds one step to undo and one to redo, both
/// called "Moved “Opening”", each made of the planted statement `n`. The
/// real history is cleared, so what undo or redo may legitimately do is
/// nothing.
fn v6_planted_lab(n: usize) -> Lab {
    let lab = Lab::new(&v6_bytes());
    let conn = lab.conn();
    conn.execute_batch("DELETE FROM history_sql; DELETE FROM history_step;")
        .unwrap();
    for undone in [1, 0] {
        conn.execute(
            "INSERT INTO history_step (at, summary, undone) VALUES ('2024-11-19 08:00:00', 'Moved “Opening”', ?1)",
            [undone],
        )
        .unwrap();
        let step = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO history_sql (step, sql) VALUES (?1, ?2)",
            params![step, planted_statements(&lab)[n]],
        )
        .unwrap();
    }
    lab
}

#[test]
fn planted_v6_history_is_never_run() {
    let probe = Lab::new(&v6_bytes());
    let attacks = planted_statements(&probe)
        .iter()
        .enumerate()
        .map(|(n, sql)| {
            attack(
                &format!("v6 history `{}`", clip(sql)),
                &[Undo, Redo, Show],
                Expect::Unchanged,
                move || v6_planted_lab(n),
            )
        })
        .collect();
    run_attacks("planted v6 history", attacks);
}

/// A statement in exactly the shape the v6 triggers wrote may carry any text
/// as a value; undoing it sets that text, and nothing else happens. The step
/// is recorded by the file's own v6 triggers, so its statement is genuine.
#[test]
fn v6_history_values_stay_values() {
    let lab = Lab::new(&v6_bytes());
    let id = lab.id_of(CLOSING);
    let hostile = format!(
        "x'); ATTACH '{}' AS p; CREATE TABLE p.t(x); --",
        lab.target("p.db")
    );
    let conn = lab.conn();
    conn.execute(
        "UPDATE session SET title = ?1 WHERE id = ?2",
        params![hostile, id],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO history_step (at, summary, undone) VALUES ('2024-11-19 08:00:00', 'Renamed', 0)",
        [],
    )
    .unwrap();
    let step = conn.last_insert_rowid();
    conn.execute_batch(&format!(
        "UPDATE history_state SET recording = {step} WHERE id = 1;
         UPDATE session SET title = 'Renamed' WHERE id = {id};
         UPDATE history_state SET recording = NULL WHERE id = 1;"
    ))
    .unwrap();
    drop(conn);
    let mut failures = attempt("v6 quoted value", &lab, Undo, CLOSING, Expect::Edits);
    let title: Option<String> = inspect(&lab.plan)
        .unwrap()
        .query_row("SELECT title FROM session WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .ok();
    if title.as_deref() != Some(hostile.as_str()) {
        failures.push(format!("the undone title is {title:?}"));
    }
    report("v6 history values", &failures);
}

/// The sample at schema v7 or later, where history is rows of data.
fn v7_lab() -> Lab {
    let lab = Lab::new(sample_bytes());
    let v = user_version(&lab.plan).unwrap_or(0);
    assert!(
        v >= 7,
        "the sample is at schema v{v}; these cases need the v7 history (history_change)"
    );
    lab
}

/// A planted change: its name, then `tbl`, `op`, `row_id` (None: the
/// closing session) and `old`.
type PlantedChange = (
    &'static str,
    &'static str,
    &'static str,
    Option<i64>,
    Option<String>,
);

/// A v7 step with one planted change, to undo (or, `undone`, to redo).
fn v7_planted(undone: bool, tbl: &str, op: &str, row: Option<i64>, old: Option<&str>) -> Lab {
    let lab = v7_lab();
    let row = row.unwrap_or_else(|| lab.id_of(CLOSING));
    let conn = lab.conn();
    // A hand-made file need not obey the table's own CHECKs (`op`).
    conn.execute_batch("PRAGMA ignore_check_constraints = ON;")
        .unwrap();
    conn.execute(
        "INSERT INTO history_step (at, summary, undone) VALUES ('2024-11-19 08:00:00', 'Moved “Opening”', ?1)",
        [undone],
    )
    .unwrap();
    let step = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO history_change (step, tbl, op, row_id, old) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![step, tbl, op, row, old],
    )
    .unwrap();
    lab
}

#[test]
fn planted_v7_changes_are_refused_untouched() {
    let big_key = format!("{{\"{}\": 1}}", "k".repeat(10 << 20));
    let deep = "[".repeat(100_000);
    let cases: Vec<PlantedChange> = vec![
        (
            "unknown table sqlite_master",
            "sqlite_master",
            "delete",
            Some(1),
            Some(r#"{"type":"table","name":"x","tbl_name":"x","rootpage":2,"sql":"CREATE TABLE x(y)"}"#.into()),
        ),
        ("untracked table history_step", "history_step", "delete", Some(1), Some(r#"{"at":"x","summary":"x","undone":0}"#.into())),
        ("table name with SQL", "person; DROP TABLE person", "update", Some(1), Some("{}".into())),
        ("quoted table name", "\"person\"", "delete", Some(1), Some("{}".into())),
        (
            "unknown column",
            "session",
            "update",
            None,
            Some(r#"{"title":"x","\"; DROP TABLE person; --":1}"#.into()),
        ),
        ("column that exists elsewhere", "session", "update", None, Some(r#"{"email":"x@example.org"}"#.into())),
        ("not JSON", "session", "update", None, Some("{not json".into())),
        ("JSON not an object", "session", "update", None, Some("[1,2,3]".into())),
        ("JSON value not a scalar", "session", "update", None, Some(r#"{"start":{"nested":true}}"#.into())),
        ("deeply nested JSON", "session", "update", None, Some(deep)),
        ("unknown op", "session", "DROP", None, Some(r#"{"title":"x"}"#.into())),
        ("update without old values", "session", "update", None, None),
        ("number out of range", "session", "update", None, Some(r#"{"pinned":1e999}"#.into())),
        ("no such row", "session", "update", Some(i64::MAX), Some(r#"{"title":"x"}"#.into())),
        ("10 MB column name", "session", "update", None, Some(big_key)),
    ];
    let mut attacks = Vec::new();
    for (name, tbl, op, row, old) in cases {
        for (undone, cmd) in [(false, Undo), (true, Redo)] {
            let (tbl, op, old) = (tbl.to_string(), op.to_string(), old.clone());
            attacks.push(attack(
                &format!("v7 {name}"),
                &[cmd],
                Expect::Refused,
                move || v7_planted(undone, &tbl, &op, row, old.as_deref()),
            ));
        }
    }
    run_attacks("planted v7 changes", attacks);
}

// ----- (c) planted triggers and views -----

#[test]
fn planted_triggers_views_and_objects_are_refused_untouched() {
    let cmds = [Show, Check, Move, Print, Summary, Undo];
    let attacks = vec![
        attack(
            "trigger on session deletes people",
            &cmds,
            Expect::Refused,
            || {
                let lab = Lab::new(sample_bytes());
                lab.sql("CREATE TRIGGER x AFTER UPDATE ON session BEGIN DELETE FROM person; END;");
                lab
            },
        ),
        attack(
            "trigger on history deletes people",
            &cmds,
            Expect::Refused,
            || {
                let lab = Lab::new(sample_bytes());
                lab.sql(
                    "CREATE TRIGGER x AFTER INSERT ON history_step BEGIN DELETE FROM person; END;",
                );
                lab
            },
        ),
        attack(
            "Plenary's own trigger name, other body",
            &cmds,
            Expect::Refused,
            || {
                let lab = Lab::new(sample_bytes());
                // Replace a trigger the file already has, if any, so only its body differs.
                let name: String = lab
                .conn()
                .query_row(
                    "SELECT coalesce((SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'session' ORDER BY name LIMIT 1), 'history_session_update')",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
                lab.sql(&format!(
                    "DROP TRIGGER IF EXISTS \"{name}\";
                 CREATE TRIGGER \"{name}\" AFTER UPDATE ON session BEGIN DELETE FROM person; END;"
                ));
                lab
            },
        ),
        attack(
            "room replaced by a view that never ends",
            &cmds,
            Expect::Refused,
            || {
                let lab = Lab::new(sample_bytes());
                lab.sql(
                    "DROP TABLE room;
                 CREATE VIEW room (id, name, capacity, notes) AS
                   WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)
                   SELECT x, 'Room ' || x, NULL, '' FROM c WHERE x < 0;",
                );
                lab
            },
        ),
        attack("extra view", &cmds, Expect::Refused, || {
            let lab = Lab::new(sample_bytes());
            lab.sql(
                "CREATE VIEW spin AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c;",
            );
            lab
        }),
        attack("extra table", &cmds, Expect::Refused, || {
            let lab = Lab::new(sample_bytes());
            lab.sql("CREATE TABLE notes (body TEXT);");
            lab
        }),
        attack("extra index", &cmds, Expect::Refused, || {
            let lab = Lab::new(sample_bytes());
            lab.sql("CREATE INDEX person_phone ON person(phone);");
            lab
        }),
        attack(
            "trigger with a view over people",
            &cmds,
            Expect::Refused,
            || {
                let lab = Lab::new(sample_bytes());
                lab.sql(
                    "CREATE VIEW everyone AS SELECT * FROM person;
                 CREATE TRIGGER wipe INSTEAD OF UPDATE ON everyone BEGIN DELETE FROM person; END;",
                );
                lab
            },
        ),
    ];
    run_attacks("planted triggers and views", attacks);
}

// ----- (d) ATTACH and VACUUM INTO wherever they can be planted -----

#[test]
fn attach_and_vacuum_into_in_the_schema_are_refused_untouched() {
    let cmds = [Show, Check, Move, Print, Summary, Undo, Redo];
    let attacks = vec![
        attack("trigger body with ATTACH", &cmds, Expect::Refused, || {
            let lab = Lab::new(sample_bytes());
            let target = lab.target("p.db");
            lab.rewrite_schema(&format!(
                "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES
                 ('trigger', 'x', 'session', 0,
                  'CREATE TRIGGER x AFTER UPDATE ON session BEGIN ATTACH ''{target}'' AS p; END')"
            ));
            lab
        }),
        attack("view text with VACUUM INTO", &cmds, Expect::Refused, || {
            let lab = Lab::new(sample_bytes());
            let target = lab.target("v.db");
            lab.rewrite_schema(&format!(
                "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES
                 ('view', 'v', 'v', 0, 'CREATE VIEW v AS SELECT 1; VACUUM INTO ''{target}''')"
            ));
            lab
        }),
        attack(
            "table text with ATTACH after it",
            &cmds,
            Expect::Refused,
            || {
                let lab = Lab::new(sample_bytes());
                let decoy = lab.decoy();
                lab.rewrite_schema(&format!(
                    "UPDATE sqlite_master SET sql = sql || '; ATTACH ''{decoy}'' AS d'
                 WHERE type = 'table' AND name = 'accepted_conflict'"
                ));
                lab
            },
        ),
        attack(
            "index text with VACUUM INTO",
            &cmds,
            Expect::Refused,
            || {
                let lab = Lab::new(sample_bytes());
                let target = lab.target("i.db");
                lab.rewrite_schema(&format!(
                    "UPDATE sqlite_master SET sql = sql || '; VACUUM INTO ''{target}'''
                 WHERE type = 'index' AND name = 'room_name'"
                ));
                lab
            },
        ),
    ];
    run_attacks("ATTACH and VACUUM INTO in the schema", attacks);
}

/// Text a user may type is data: a plan full of SQL-looking and
/// Typst-looking text shows, checks, prints and moves as usual, and none of
/// it runs.
#[test]
fn sql_in_plan_text_stays_text() {
    let build = || {
        let lab = Lab::new(sample_bytes());
        let attach = format!(
            "'; ATTACH '{}' AS p; CREATE TABLE p.t(x); --",
            lab.target("p.db")
        );
        let vacuum = format!("\"); VACUUM INTO '{}'; --", lab.target("v.db"));
        let conn = lab.conn();
        let closing = lab.id_of(CLOSING);
        conn.execute(
            "UPDATE plan SET title = ?1, venue = ?2",
            params![attach, vacuum],
        )
        .unwrap();
        conn.execute(
            "UPDATE session SET title = ?1, description = ?2, notes = ?3 WHERE id = ?4",
            params![
                format!("{attach} DROP TABLE person;"),
                "#import \"/etc/passwd\"  #read(\"/etc/passwd\")  ]) #panic()",
                vacuum,
                closing
            ],
        )
        .unwrap();
        conn.execute(
            "UPDATE person SET given_name = ?1, family_name = ?2 WHERE id = (SELECT min(id) FROM person)",
            params![attach, "Robert'); DROP TABLE person;--"],
        )
        .unwrap();
        conn.execute(
            "UPDATE organisation SET name = ?1 WHERE id = (SELECT min(id) FROM organisation)",
            [&vacuum],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO accepted_conflict (key, note) VALUES (?1, ?2)",
            params![attach, vacuum],
        )
        .unwrap();
        conn.execute(
            "UPDATE protocol_setting SET ignore_words = ?1",
            [format!("The|{attach}|.*|(a+)+$")],
        )
        .unwrap();
        drop(conn);
        // A published version whose snapshot carries the same text.
        {
            let mut store = plenary_core::Store::open(&lab.plan).unwrap();
            let at = chrono::NaiveDate::from_ymd_opt(2024, 11, 1)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap();
            plenary_core::print::changes::publish(&mut store, at).unwrap();
        }
        let conn = lab.conn();
        let snap: String = conn
            .query_row(
                "SELECT snapshot FROM published_version WHERE n = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let mut v: Value = serde_json::from_str(&snap).unwrap();
        if let Some(first) = v.as_array_mut().and_then(|a| a.first_mut()) {
            first["title"] = json!(attach);
            first["room"] = json!(vacuum);
        }
        conn.execute(
            "UPDATE published_version SET snapshot = ?1 WHERE n = 1",
            [v.to_string()],
        )
        .unwrap();
        lab
    };
    let mut failures = Vec::new();
    for cmd in [Show, Check, Print, Stats] {
        let lab = build();
        failures.extend(attempt("SQL in text", &lab, cmd, "", Expect::Works));
    }
    let lab = build();
    let id = lab.id_of(&format!(
        "'; ATTACH '{}' AS p; CREATE TABLE p.t(x); -- DROP TABLE person;",
        lab.target("p.db")
    ));
    failures.extend(attempt(
        "SQL in text",
        &lab,
        Move,
        &id.to_string(),
        Expect::Edits,
    ));
    let start: Option<String> = inspect(&lab.plan)
        .unwrap()
        .query_row("SELECT start FROM session WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap_or(None);
    if start.as_deref() != Some("2024-11-19 17:05:00") {
        failures.push(format!("the move left the session at {start:?}"));
    }
    // The changes-since print reads the planted snapshot.
    let lab = build();
    let out = lab.root.join("plans/out.pdf");
    let before = files(&lab.root);
    let run = plenary_in(
        &[
            "print",
            lab.p(),
            "programme",
            "--changes-since",
            "1",
            "--out",
            out.to_str().unwrap(),
        ],
        Some(&lab.root),
    );
    if let Some(p) = run.crash_problem() {
        failures.push(format!("print --changes-since: {p}"));
    } else if run.code != Some(0) {
        failures.push(format!("print --changes-since: {}", clip(&run.stderr)));
    }
    let plan_rel = format!("plans/{PLAN}");
    for c in changes(&before, &files(&lab.root), &|name, len| {
        name == plan_rel || empty_sidecar(&plan_rel, name, len) || name == "plans/out.pdf"
    }) {
        failures.push(format!("print --changes-since: outside the plan, {c}"));
    }
    report("SQL in plan text", &failures);
}

// ----- corrupt files -----

/// How a corrupt file must be met.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// Refused on open: exit 2, one line.
    Refuse,
    /// Very large but well-formed: done within the time limit, or refused
    /// with one line; never a panic.
    Large,
}

struct Corrupt {
    name: String,
    bytes: Vec<u8>,
    kind: Kind,
    /// Text the one-line refusal must contain (the record it names).
    names: Option<String>,
}

fn corpus() -> &'static [Corrupt] {
    static CORPUS: OnceLock<Vec<Corrupt>> = OnceLock::new();
    CORPUS.get_or_init(build_corpus)
}

/// Builds each file with `alter` on a copy of the sample.
fn from_sample(alter: impl FnOnce(&Lab)) -> Vec<u8> {
    let lab = Lab::new(sample_bytes());
    alter(&lab);
    std::fs::read(&lab.plan).unwrap()
}

fn build_corpus() -> Vec<Corrupt> {
    let sample = sample_bytes().to_vec();
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let random: Vec<u8> = (0..65536).map(|_| rng.next() as u8).collect();
    let mut cases = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>, kind: Kind, names: Option<&str>| {
        cases.push(Corrupt {
            name: name.into(),
            bytes,
            kind,
            names: names.map(String::from),
        })
    };
    add(
        "truncated",
        sample[..sample.len() / 2].to_vec(),
        Kind::Refuse,
        None,
    );
    add(
        "truncated header",
        sample[..60].to_vec(),
        Kind::Refuse,
        None,
    );
    add("zero bytes", Vec::new(), Kind::Refuse, None);
    add("random bytes", random.clone(), Kind::Refuse, None);
    let mut header_then_noise = sample[..100].to_vec();
    header_then_noise.extend_from_slice(&random[..8092]);
    add(
        "SQLite header, then noise",
        header_then_noise,
        Kind::Refuse,
        None,
    );
    let other = {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
             INSERT INTO notes (body) VALUES ('Agenda draft');",
        )
        .unwrap();
        drop(c);
        std::fs::read(&path).unwrap()
    };
    add("another app's database", other.clone(), Kind::Refuse, None);
    let bare = {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bare.plenary");
        let c = Connection::open(&path).unwrap();
        c.execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = {};",
            plenary_core::store::APPLICATION_ID,
            plenary_core::store::current_version()
        ))
        .unwrap();
        drop(c);
        std::fs::read(&path).unwrap()
    };
    add("right application_id, no tables", bare, Kind::Refuse, None);
    add(
        "right application_id, no session table",
        from_sample(|l| l.sql("DROP TABLE session;")),
        Kind::Refuse,
        None,
    );
    add(
        "right application_id, no plan row",
        from_sample(|l| l.sql("DELETE FROM plan;")),
        Kind::Refuse,
        None,
    );
    for v in [0i64, -1, 999, i32::MAX as i64] {
        add(
            &format!("user_version {v}"),
            from_sample(|l| l.sql(&format!("PRAGMA user_version = {v};"))),
            Kind::Refuse,
            None,
        );
    }
    add(
        "session start not a date",
        from_sample(|l| {
            l.sql(&format!(
                "UPDATE session SET start = 'next Tuesday' WHERE title = '{CLOSING}';"
            ))
        }),
        Kind::Refuse,
        Some(CLOSING),
    );
    add(
        "session end before start",
        from_sample(|l| {
            l.sql(&format!(
                "UPDATE session SET \"end\" = '2024-11-19 06:00:00' WHERE title = '{CLOSING}';"
            ))
        }),
        Kind::Refuse,
        Some(CLOSING),
    );
    add(
        "plan first day impossible",
        from_sample(|l| l.sql("UPDATE plan SET first_day = '2024-13-45';")),
        Kind::Refuse,
        None,
    );
    add(
        "plan time zone unknown",
        from_sample(|l| l.sql("UPDATE plan SET time_zone = 'Mars/Olympus_Mons';")),
        Kind::Refuse,
        None,
    );
    add(
        "event last day not a date",
        from_sample(|l| {
            l.sql("UPDATE event SET last_day = 'soon' WHERE id = (SELECT min(id) FROM event);")
        }),
        Kind::Refuse,
        None,
    );
    add(
        "unknown session kind",
        from_sample(|l| {
            l.sql(&format!(
                "UPDATE session SET kind = 'party' WHERE title = '{CLOSING}';"
            ))
        }),
        Kind::Refuse,
        Some(CLOSING),
    );
    add(
        "a day beside a session's times",
        from_sample(|l| {
            l.sql(&format!(
                "UPDATE session SET day = '2024-11-19' WHERE title = '{CLOSING}';"
            ))
        }),
        Kind::Refuse,
        Some(CLOSING),
    );
    add(
        "a session link that is not a web address",
        from_sample(|l| {
            l.sql(&format!(
                "UPDATE session SET link = 'javascript:alert(1)' WHERE title = '{CLOSING}';"
            ))
        }),
        Kind::Refuse,
        Some(CLOSING),
    );
    add(
        "unknown role presence",
        from_sample(|l| {
            l.sql("UPDATE session_role SET presence = 'hologram' WHERE id = (SELECT min(id) FROM session_role);")
        }),
        Kind::Refuse,
        None,
    );
    add(
        "unknown organisation category",
        from_sample(|l| {
            l.sql("UPDATE organisation SET category = 'alien', name = 'Zeta Reticuli' WHERE id = (SELECT min(id) FROM organisation);")
        }),
        Kind::Refuse,
        Some("Zeta Reticuli"),
    );
    add(
        "NULL session title",
        from_sample(|l| {
            set_null(
                l,
                "session",
                "title",
                "title TEXT NOT NULL",
                "title TEXT",
                CLOSING,
            )
        }),
        Kind::Refuse,
        None,
    );
    add(
        "NULL plan time zone",
        from_sample(|l| {
            set_null(
                l,
                "plan",
                "time_zone",
                "time_zone TEXT NOT NULL",
                "time_zone TEXT",
                "",
            )
        }),
        Kind::Refuse,
        None,
    );
    add(
        "text in session.pinned",
        from_sample(|l| {
            l.sql(&format!(
                "UPDATE session SET pinned = 'yes' WHERE title = '{CLOSING}';"
            ))
        }),
        Kind::Refuse,
        Some(CLOSING),
    );
    add(
        "text in session.event_id",
        from_sample(|l| {
            l.sql(&format!(
                "UPDATE session SET event_id = 'abc' WHERE title = '{CLOSING}';"
            ))
        }),
        Kind::Refuse,
        Some(CLOSING),
    );
    add(
        "text in room.capacity",
        from_sample(|l| {
            l.sql("UPDATE room SET capacity = 'many', name = 'Salon Z' WHERE id = (SELECT min(id) FROM room);")
        }),
        Kind::Refuse,
        Some("Salon Z"),
    );
    add(
        "session with a start but no end",
        from_sample(|l| {
            l.sql(&format!(
                "PRAGMA ignore_check_constraints = ON; UPDATE session SET \"end\" = NULL WHERE title = '{CLOSING}';"
            ))
        }),
        Kind::Refuse,
        Some(CLOSING),
    );
    add(
        "session in a room that does not exist",
        from_sample(|l| {
            l.sql(&format!(
                "UPDATE session SET room_id = 4242 WHERE title = '{CLOSING}';"
            ))
        }),
        Kind::Refuse,
        Some(CLOSING),
    );
    add(
        "10 MB plan title",
        from_sample(|l| {
            l.conn()
                .execute("UPDATE plan SET title = ?1", ["T".repeat(10 << 20)])
                .unwrap();
        }),
        Kind::Large,
        None,
    );
    add(
        "20,000 sessions",
        from_sample(|l| {
            l.sql(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
                 INSERT INTO session (event_id, title, kind, uid)
                 SELECT (SELECT min(id) FROM event), 'Breakout ' || i, (SELECT kind FROM session LIMIT 1),
                        printf('00000000-0000-4000-8000-%012x', i) FROM n;",
            )
        }),
        Kind::Large,
        None,
    );
    add(
        "speaking turn of i64::MAX minutes",
        from_sample(|l| {
            l.sql(&format!(
                "INSERT INTO speaking_slot (session_id, organisation_id, minutes, position)
                 VALUES ((SELECT id FROM session WHERE title = '{CLOSING}'), (SELECT min(id) FROM organisation), 9223372036854775807, 0);"
            ))
        }),
        Kind::Large,
        None,
    );
    add(
        "planner settings at the i64 limits",
        from_sample(|l| {
            l.sql("UPDATE plan SET snap_minutes = -9223372036854775808, changeover_minutes = 9223372036854775807;")
        }),
        Kind::Large,
        None,
    );
    cases
}

/// Stores NULL in a NOT NULL column, as a damaged or hand-made file could:
/// the constraint is lifted in the stored schema, the row changed, and the
/// schema put back word for word.
fn set_null(lab: &Lab, table: &str, column: &str, strict: &str, loose: &str, title: &str) {
    lab.rewrite_schema(&format!(
        "UPDATE sqlite_master SET sql = replace(sql, '{strict}', '{loose}') WHERE type = 'table' AND name = '{table}';"
    ));
    let filter = if title.is_empty() {
        String::new()
    } else {
        format!(" WHERE title = '{title}'")
    };
    lab.sql(&format!("UPDATE {table} SET {column} = NULL{filter};"));
    lab.rewrite_schema(&format!(
        "UPDATE sqlite_master SET sql = replace(sql, '{loose}', '{strict}') WHERE type = 'table' AND name = '{table}';"
    ));
}

/// Runs one command over the whole corpus; every failing case is reported.
fn corpus_through(cmd: Cmd) {
    let mut failures = Vec::new();
    for case in corpus() {
        if case.kind == Kind::Large && cmd == Print && case.name.starts_with("10 MB") {
            // Laying out 10 MB of title text is work, not a hang; `show` and
            // `check` cover this file.
            continue;
        }
        let lab = Lab::new(&case.bytes);
        let session = CLOSING.to_string();
        let argv = args(&lab, cmd, &session);
        let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
        let before = files(&lab.root);
        let run = plenary_in(&argv, Some(&lab.root));
        let after = files(&lab.root);
        let mut say = |p: String| failures.push(format!("{} / {cmd:?}: {p}", case.name));
        if let Some(p) = run.crash_problem() {
            say(p);
        } else {
            match case.kind {
                Kind::Refuse => {
                    if let Some(p) = run.refusal_problem() {
                        say(p);
                    } else if let Some(n) = &case.names {
                        if !run.stderr.contains(n.as_str()) {
                            say(format!(
                                "the refusal does not name {n:?}: {}",
                                run.stderr.trim()
                            ));
                        }
                    }
                }
                Kind::Large => {
                    let done = run.code == Some(0) || (cmd == Check && run.code == Some(1));
                    if !done {
                        if let Some(p) = run.refusal_problem() {
                            say(p);
                        }
                    }
                }
            }
        }
        let plan_rel = format!("plans/{PLAN}");
        let pdf_ok = cmd == Print && run.code == Some(0);
        for c in changes(&before, &after, &|name, len| {
            empty_sidecar(&plan_rel, name, len) || (pdf_ok && name == "plans/out.pdf")
        }) {
            say(c);
        }
    }
    report(&format!("corrupt files through {cmd:?}"), &failures);
}

#[test]
fn corrupt_files_through_show() {
    corpus_through(Show);
}

#[test]
fn corrupt_files_through_check() {
    corpus_through(Check);
}

#[test]
fn corrupt_files_through_print() {
    corpus_through(Print);
}

#[test]
fn corrupt_files_through_stats() {
    corpus_through(Stats);
}

#[test]
fn corrupt_files_through_undo() {
    corpus_through(Undo);
}

/// The window opens a file through the `open_plan` command: a corrupt file
/// is an `ApiError` with a known code and a one-line message.
#[test]
fn corrupt_files_through_the_open_command() {
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
    use tauri::webview::InvokeRequest;
    use tauri::WebviewWindowBuilder;

    let home = tempfile::tempdir().unwrap();
    let state = std::sync::Arc::new(AppState::new(
        &home.path().join("config"),
        &home.path().join("data"),
    ));
    let app = mock_builder()
        .invoke_handler(invoke_handler())
        .manage(plenary::windows::Plans::new(state))
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let codes = [
        "invalid",
        "not_a_plan",
        "newer_version",
        "damaged",
        "missing_file",
        "io",
        "database",
    ];
    let mut failures = Vec::new();
    for case in corpus().iter().filter(|c| c.kind == Kind::Refuse) {
        let lab = Lab::new(&case.bytes);
        let bytes = std::fs::read(&lab.plan).unwrap();
        let answer = get_ipc_response(
            &window,
            InvokeRequest {
                cmd: "open_plan".into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(json!({ "path": lab.p() })),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        );
        match answer {
            Ok(_) => failures.push(format!("{}: opened", case.name)),
            Err(e) => {
                let code = e["code"].as_str().unwrap_or_default();
                let message = e["message"].as_str().unwrap_or_default();
                if !codes.contains(&code) {
                    failures.push(format!("{}: code {:?}", case.name, e["code"]));
                }
                if message.is_empty() || message.contains('\n') {
                    failures.push(format!("{}: message {message:?}", case.name));
                }
            }
        }
        if std::fs::read(&lab.plan).unwrap() != bytes {
            failures.push(format!("{}: the file's bytes changed", case.name));
        }
    }
    report("corrupt files through open_plan", &failures);
}
