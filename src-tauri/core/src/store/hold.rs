//! The hold: one writer per plan file.
//!
//! A process that opens a plan to change it holds an exclusive advisory lock
//! on a small file beside it, `.~lock.NAME#` (the name office suites give
//! theirs: hidden on Linux and macOS, and not `*.plenary`, so a file picker
//! never offers it as a plan). The plan file itself is never locked: SQLite
//! takes byte-range locks on it, which on Windows would clash with a lock of
//! the whole file. The file says who holds it, for the message another
//! process shows; the operating system drops the lock when the holder exits
//! or crashes, so a file left behind is taken over, never obeyed.

use chrono::{DateTime, FixedOffset, Local};
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

/// Which Plenary program holds a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Program {
    /// The desktop app: holds a plan as long as it shows it.
    Window,
    /// The `plenary` command: holds a plan for one edit, so an open waits
    /// for it a little (`PATIENCE`) rather than giving up at once.
    CommandLine,
}

/// How long an open waits for a hold of the command line to end. Its edits
/// take well under a second; several commands in a loop take turns.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// Who holds a plan, as its lock file says. Written by any machine sharing
/// the folder, so it is read as untrusted text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub program: Program,
    pub pid: u32,
    pub host: String,
    pub user: String,
    pub since: DateTime<FixedOffset>,
}

impl Holder {
    fn me(program: Program) -> Holder {
        Holder {
            program,
            pid: std::process::id(),
            host: host_name(),
            user: ["USER", "LOGNAME", "USERNAME"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
                .unwrap_or_default(),
            since: Local::now().fixed_offset(),
        }
    }

    /// The holder's names cut to a line's worth of printable text.
    fn tidy(mut self) -> Holder {
        let clean = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_control())
                .take(64)
                .collect::<String>()
                .trim()
                .to_string()
        };
        self.host = clean(&self.host);
        self.user = clean(&self.user);
        self
    }

    /// "Plenary on pc-12 (process 4123, maria) since 14:02", in this
    /// machine's time.
    fn describe(&self) -> String {
        let what = match self.program {
            Program::Window => "open in Plenary",
            Program::CommandLine => "being changed by the plenary command",
        };
        let host = if self.host.is_empty() {
            String::new()
        } else {
            format!(" on {}", self.host)
        };
        let user = if self.user.is_empty() {
            String::new()
        } else {
            format!(", {}", self.user)
        };
        let since = self.since.with_timezone(&Local);
        let when = if since.date_naive() == Local::now().date_naive() {
            since.format("%H:%M").to_string()
        } else {
            since.format("%-d %B %H:%M").to_string()
        };
        format!("{what}{host} (process {}{user}) since {when}", self.pid)
    }
}

/// Why a plan cannot be held here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Another process holds it; who, when its lock file says.
    Held(Option<Holder>),
    /// Its lock file cannot be made or locked (a read-only folder, a file
    /// system without locks); the words say why.
    Unavailable(String),
}

impl Refusal {
    /// Why the plan opened read-only, in one line for the window's banner
    /// and the command line.
    pub fn reason(&self) -> String {
        match self {
            Refusal::Held(Some(h)) if h.program == Program::CommandLine => format!(
                "This plan is {}. Try again when it has finished.",
                h.describe()
            ),
            Refusal::Held(Some(h)) => format!(
                "This plan is {}. Close it there to edit it here.",
                h.describe()
            ),
            Refusal::Held(None) => {
                "This plan is open in another Plenary. Close it there to edit it here.".into()
            }
            Refusal::Unavailable(why) => format!(
                "Plenary cannot mark this plan as being edited ({why}), so it is open only for reading. Save a copy in a folder you can write to, to edit it."
            ),
        }
    }
}

/// A plan held by this process. Dropping it removes the lock file (while
/// still holding it, so nobody takes a file about to vanish) and lets go.
#[derive(Debug)]
pub struct Hold {
    file: File,
    side: PathBuf,
    pub program: Program,
}

impl Drop for Hold {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.side);
        let _ = self.file.unlock();
    }
}

/// The lock file of `plan`: `.~lock.NAME#` in the same folder.
pub fn lock_file(plan: &Path) -> PathBuf {
    let name = plan
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    plan.with_file_name(format!(".~lock.{name}#"))
}

/// The holds of this process, by plan: a plan opened again here (reopened,
/// or opened while the last open's store still shows) shares its hold.
static HELD: Mutex<Vec<(PathBuf, Weak<Hold>)>> = Mutex::new(Vec::new());

/// Holds `plan` for this process, sharing a hold it already has.
pub fn take(plan: &Path, program: Program) -> Result<Arc<Hold>, Refusal> {
    let key = plan.canonicalize().unwrap_or_else(|_| plan.to_path_buf());
    let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
    held.retain(|(_, h)| h.strong_count() > 0);
    if let Some(hold) = held
        .iter()
        .find(|(p, _)| *p == key)
        .and_then(|(_, h)| h.upgrade())
    {
        return Ok(hold);
    }
    let hold = Arc::new(Hold::take_alone(plan, program)?);
    held.push((key, Arc::downgrade(&hold)));
    Ok(hold)
}

/// `take`, waiting while the command line holds the plan (up to
/// `PATIENCE`) or its lock file does not say who yet; `stop` ends the wait
/// early (a cancelled open).
pub fn take_waiting(
    plan: &Path,
    program: Program,
    stop: impl Fn() -> bool,
) -> Result<Arc<Hold>, Refusal> {
    let start = Instant::now();
    loop {
        let waited = start.elapsed();
        match take(plan, program) {
            Err(Refusal::Held(Some(h)))
                if h.program == Program::CommandLine && waited < PATIENCE && !stop() => {}
            // Locked a moment ago and not yet written, or unreadable.
            Err(Refusal::Held(None)) if waited < Duration::from_millis(500) && !stop() => {}
            other => return other,
        }
        std::thread::sleep(Duration::from_millis(40));
    }
}

impl Hold {
    /// Locks `plan`'s lock file as a separate holder, even when this process
    /// already holds it: what another process does (and what tests use to
    /// stand for one).
    pub fn take_alone(plan: &Path, program: Program) -> Result<Hold, Refusal> {
        let side = lock_file(plan);
        // A holder closing removes the file after we opened it: the lock we
        // then get is on a file nobody else sees, so try again.
        for _ in 0..5 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&side)
                .map_err(|e| Refusal::Unavailable(cannot("make", &side, &e)))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(Refusal::Held(read_holder(&mut file))),
                Err(TryLockError::Error(e)) => {
                    return Err(Refusal::Unavailable(cannot("lock", &side, &e)))
                }
            }
            if !still_named(&file, &side) {
                continue;
            }
            let text = serde_json::to_vec(&Holder::me(program)).unwrap_or_default();
            let written = file
                .seek(SeekFrom::Start(0))
                .and_then(|_| file.write_all(&text))
                .and_then(|_| file.set_len(text.len() as u64))
                .and_then(|_| file.flush());
            if let Err(e) = written {
                let _ = std::fs::remove_file(&side);
                return Err(Refusal::Unavailable(cannot("write", &side, &e)));
            }
            return Ok(Hold {
                file,
                side,
                program,
            });
        }
        Err(Refusal::Held(None))
    }
}

fn cannot(verb: &str, side: &Path, e: &std::io::Error) -> String {
    let name = side
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let why = match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            "the folder is read-only".to_string()
        }
        std::io::ErrorKind::Unsupported => "the folder does not support locks".to_string(),
        _ => e.to_string(),
    };
    format!("cannot {verb} {name}: {why}")
}

/// The holder a locked lock file names; None when it cannot be read (on
/// Windows a locked file cannot be) or says nothing sensible.
fn read_holder(file: &mut File) -> Option<Holder> {
    let mut text = Vec::new();
    file.take(4096).read_to_end(&mut text).ok()?;
    serde_json::from_slice::<Holder>(&text)
        .ok()
        .map(Holder::tidy)
}

#[cfg(unix)]
fn still_named(file: &File, side: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(side)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Windows does not let a file that is open be replaced under its name.
#[cfg(not(unix))]
fn still_named(_file: &File, side: &Path) -> bool {
    side.exists()
}

#[cfg(unix)]
fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| {
            std::process::Command::new("hostname")
                .output()
                .ok()
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        })
        .map(|h| h.trim().to_string())
        .unwrap_or_default()
}

#[cfg(not(unix))]
fn host_name() -> String {
    std::env::var("COMPUTERNAME").unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_in(dir: &Path) -> PathBuf {
        let plan = dir.join("week.plenary");
        std::fs::write(&plan, b"").unwrap();
        plan
    }

    #[test]
    fn a_second_holder_is_refused_with_the_first_ones_details() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan_in(dir.path());
        let first = Hold::take_alone(&plan, Program::Window).unwrap();
        assert!(lock_file(&plan).exists());
        let Err(Refusal::Held(Some(holder))) = Hold::take_alone(&plan, Program::CommandLine) else {
            panic!("the second hold should be refused");
        };
        assert_eq!(holder.program, Program::Window);
        assert_eq!(holder.pid, std::process::id());
        assert_eq!(holder.host, host_name());
        let reason = Refusal::Held(Some(holder)).reason();
        assert!(
            reason.starts_with("This plan is open in Plenary"),
            "{reason}"
        );
        assert!(
            reason.contains(&format!("(process {}", std::process::id())),
            "{reason}"
        );
        assert!(
            reason.ends_with("Close it there to edit it here."),
            "{reason}"
        );
        drop(first);
    }

    #[test]
    fn dropping_a_hold_lets_go_and_removes_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan_in(dir.path());
        drop(Hold::take_alone(&plan, Program::Window).unwrap());
        assert!(!lock_file(&plan).exists());
        assert!(Hold::take_alone(&plan, Program::Window).is_ok());
    }

    #[test]
    fn a_lock_file_left_by_a_crash_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan_in(dir.path());
        let stale = r#"{"program":"window","pid":1,"host":"gone","user":"x","since":"2024-11-19T10:40:00+07:00"}"#;
        std::fs::write(lock_file(&plan), stale).unwrap();
        let hold = Hold::take_alone(&plan, Program::Window).unwrap();
        let now: Holder =
            serde_json::from_slice(&std::fs::read(lock_file(&plan)).unwrap()).unwrap();
        assert_eq!(now.pid, std::process::id());
        drop(hold);
        assert!(!lock_file(&plan).exists());
    }

    #[test]
    fn this_process_shares_its_own_hold() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan_in(dir.path());
        let first = take(&plan, Program::Window).unwrap();
        let again = take(&plan, Program::Window).unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        drop(first);
        assert!(lock_file(&plan).exists(), "still held by the second store");
        drop(again);
        assert!(!lock_file(&plan).exists());
    }

    #[test]
    fn an_open_waits_for_the_command_line_but_not_for_a_window() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan_in(dir.path());
        let window = Hold::take_alone(&plan, Program::Window).unwrap();
        let start = Instant::now();
        assert!(matches!(
            take_waiting(&plan, Program::Window, || false),
            Err(Refusal::Held(Some(_)))
        ));
        assert!(start.elapsed() < Duration::from_secs(2));
        drop(window);
        let cli = Hold::take_alone(&plan, Program::CommandLine).unwrap();
        let done = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(cli);
        });
        assert!(take_waiting(&plan, Program::Window, || false).is_ok());
        done.join().unwrap();
    }

    #[test]
    fn a_folder_without_room_for_the_lock_file_is_unavailable_with_why() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("no such folder").join("week.plenary");
        let Err(Refusal::Unavailable(why)) = Hold::take_alone(&plan, Program::Window) else {
            panic!("no lock file can be made there");
        };
        assert!(why.contains(".~lock.week.plenary#"), "{why}");
    }
}
