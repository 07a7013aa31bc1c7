//! Shared by the hostile-file and stress suites: the built binary run with a
//! time limit, and fingerprints of folders and plan files to show what a
//! command did or did not touch.
#![allow(dead_code)]

use rusqlite::{Connection, OpenFlags};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Every child gets this long; a hang fails the test instead of CI.
pub const LIMIT: Duration = Duration::from_secs(20);

pub const BIN: &str = env!("CARGO_BIN_EXE_plenary");

/// What one run of the binary left behind.
#[derive(Debug)]
pub struct Run {
    pub args: String,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub timed_out: bool,
}

impl Run {
    /// Exit 2, exactly one `plenary: …` line on stderr, nothing on stdout.
    pub fn refusal_problem(&self) -> Option<String> {
        if let Some(p) = self.crash_problem() {
            return Some(p);
        }
        let lines = self.stderr.lines().count();
        if self.code != Some(2) || lines != 1 || !self.stderr.starts_with("plenary: ") {
            return Some(format!(
                "expected exit 2 with one `plenary:` line, got exit {:?} and {lines} lines: {:?}",
                self.code,
                clip(&self.stderr)
            ));
        }
        if !self.stdout.is_empty() {
            return Some(format!("stdout on a refusal: {:?}", clip(&self.stdout)));
        }
        None
    }

    /// A hang, a panic or a signal.
    pub fn crash_problem(&self) -> Option<String> {
        if self.timed_out {
            return Some(format!("no answer within {} s (killed)", LIMIT.as_secs()));
        }
        if self.stderr.contains("panicked") || self.code == Some(101) {
            return Some(format!("panicked: {}", clip(&self.stderr)));
        }
        if self.code.is_none() {
            return Some("ended by a signal".into());
        }
        None
    }
}

/// The first 300 characters, for failure reports.
pub fn clip(s: &str) -> String {
    let mut c: String = s.chars().take(300).collect();
    if c.len() < s.len() {
        c.push('…');
    }
    c
}

pub fn command(args: &[&str], cwd: Option<&Path>) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = cwd {
        // Relative paths in a planted statement land here, where they are seen.
        cmd.current_dir(dir);
    }
    cmd
}

/// Runs the binary, killing it after `LIMIT`.
pub fn plenary_in(args: &[&str], cwd: Option<&Path>) -> Run {
    let child = command(args, cwd).spawn().expect("run plenary");
    finish(child, args, LIMIT)
}

pub fn plenary(args: &[&str]) -> Run {
    plenary_in(args, None)
}

/// Waits for a child with a deadline, reading its output as it goes so a
/// full pipe cannot stall it.
pub fn finish(mut child: Child, args: &[&str], limit: Duration) -> Run {
    let mut out = child.stdout.take().expect("stdout piped");
    let mut err = child.stderr.take().expect("stderr piped");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err.read_to_end(&mut buf);
        buf
    });
    let deadline = Instant::now() + limit;
    let mut timed_out = false;
    let status = loop {
        match child.try_wait().expect("wait for plenary") {
            Some(status) => break status,
            None if Instant::now() >= deadline => {
                timed_out = true;
                let _ = child.kill();
                break child.wait().expect("reap plenary");
            }
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    Run {
        args: args.join(" "),
        code: status.code(),
        stdout: String::from_utf8_lossy(&out_reader.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned(),
        timed_out,
    }
}

/// Length and hash of every file under `root`, by path relative to it.
pub fn files(root: &Path) -> BTreeMap<String, (u64, u64)> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, (u64, u64)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if let Ok(bytes) = std::fs::read(&path) {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, (bytes.len() as u64, hash(&bytes)));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

pub fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// What changed between two listings of one folder, as sentences. `allowed`
/// names files that may appear or change (the plan's own SQLite sidecars,
/// a requested PDF).
pub fn changes(
    before: &BTreeMap<String, (u64, u64)>,
    after: &BTreeMap<String, (u64, u64)>,
    allowed: &dyn Fn(&str, u64) -> bool,
) -> Vec<String> {
    let mut out = Vec::new();
    for (name, state) in after {
        match before.get(name) {
            None if !allowed(name, state.0) => out.push(format!("{name} appeared")),
            Some(old) if old != state && !allowed(name, state.0) => {
                out.push(format!("{name} changed"))
            }
            _ => {}
        }
    }
    for name in before.keys() {
        if !after.contains_key(name) && !allowed(name, 0) {
            out.push(format!("{name} disappeared"));
        }
    }
    out
}

/// True for SQLite's own sidecars of `plan` that hold no data: a shared-memory
/// index, or an empty write-ahead log. Reading a WAL-mode file may leave them.
pub fn empty_sidecar(plan: &str, name: &str, len: u64) -> bool {
    name == format!("{plan}-shm") || (name == format!("{plan}-wal") && len == 0)
}

/// Opens a plan for inspection without taking locks or writing sidecars.
pub fn inspect(path: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        format!("file:{}?immutable=1", path.display()),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )
}

/// Names of the tables in a plan file.
pub fn tables(path: &Path) -> Vec<String> {
    let Ok(conn) = inspect(path) else {
        return vec![];
    };
    let Ok(mut st) =
        conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    else {
        return vec![];
    };
    st.query_map([], |r| r.get(0))
        .map(|rows| rows.flatten().collect())
        .unwrap_or_default()
}

/// The tables that hold the plan itself (not its history).
pub const DATA_TABLES: &[&str] = &[
    "plan",
    "event",
    "room",
    "session",
    "organisation",
    "person",
    "session_role",
    "event_cochair",
    "cohost",
    "participation",
    "attendance",
    "attendance_day",
    "accepted_conflict",
    "speaking_slot",
    "published_version",
    "protocol_setting",
    "summary_section",
];

/// Tables versions 11 and 14 added: an older file has none, which is no data.
const ADDED_TABLES: &[&str] = &["summary_section", "merge_state", "merge_base"];

/// Columns versions 9 to 14 added, with their defaults: opening an older plan adds
/// them at these values, which changes none of its data.
const ADDED_AT_DEFAULT: &[(&str, &str)] = &[
    ("day", "NULL"),
    ("tentative", "0"),
    ("link", "''"),
    ("presence", "'in_person'"),
    ("date_order", "'dmy'"),
    ("group_roles", "0"),
    ("call_minutes", "15"),
    ("gender", "''"),
    ("check_panel_gender", "0"),
    ("actual_start", "NULL"),
    ("actual_end", "NULL"),
    ("cancelled", "0"),
    ("replaced_by", "NULL"),
    ("spoke_start", "NULL"),
    ("spoke_end", "NULL"),
    ("team", "''"),
];

/// Every row of every data table, as text: equal dumps mean equal plans.
/// Records' UUIDs are left out: opening a plan from before version 8 gives
/// every record one, which adds to the plan without changing its data. So
/// are the columns of `ADDED_AT_DEFAULT` where they hold their default.
pub fn dump(path: &Path) -> String {
    let conn = match inspect(path) {
        Ok(c) => c,
        Err(e) => return format!("unreadable: {e}"),
    };
    let mut out = String::new();
    for table in DATA_TABLES {
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1) WHERE name <> 'uid'")
            .and_then(|mut st| {
                st.query_map([table], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .unwrap_or_default();
        let list =
            if columns.is_empty() {
                "*".to_string()
            } else {
                columns
                .iter()
                .map(|c| match ADDED_AT_DEFAULT.iter().find(|(name, _)| name == c) {
                    Some((_, default)) => {
                        format!("CASE WHEN \"{c}\" IS {default} THEN '(default)' ELSE \"{c}\" END")
                    }
                    None => format!("\"{c}\""),
                })
                .collect::<Vec<_>>()
                .join(", ")
            };
        let Ok(mut st) = conn.prepare(&format!("SELECT {list} FROM \"{table}\" ORDER BY rowid"))
        else {
            // A table a later version added is, in an older file, empty.
            if !ADDED_TABLES.contains(table) {
                out.push_str(&format!("{table}: missing\n"));
            }
            continue;
        };
        let n = st.column_count();
        let rows = st.query_map([], |r| {
            let mut row = Vec::with_capacity(n);
            for i in 0..n {
                match r.get::<_, rusqlite::types::Value>(i)? {
                    rusqlite::types::Value::Text(t) if t == "(default)" => {}
                    v => row.push(format!("{v:?}")),
                }
            }
            Ok(row)
        });
        match rows {
            Ok(rows) => {
                for row in rows {
                    out.push_str(&format!("{table}: {row:?}\n"));
                }
            }
            Err(e) => out.push_str(&format!("{table}: {e}\n")),
        }
    }
    out
}

pub fn integrity(path: &Path) -> String {
    let conn = Connection::open(path).expect("open for integrity_check");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap_or_else(|e| format!("integrity_check failed: {e}"))
}

/// A small deterministic generator, so a failing trial can be repeated.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Reports every failed case at once.
pub fn report(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{what}: {} failing case(s):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}
