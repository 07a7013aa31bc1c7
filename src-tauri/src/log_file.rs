//! The app's log: `plenary.log` in the app's log folder, rotated at about
//! 1 MB with three older files kept (`plenary.log.1` is the newest of
//! those). It holds failed commands (name and error code), panics (where,
//! never the message) and slow commands (name and milliseconds).
//!
//! A plan arrives from other people and names real people, so nothing from a
//! plan is ever written here: no messages, no arguments, no titles or names.
//! Command names, error codes, durations and file paths only.

use plenary_core::ErrorCode;
use std::cell::RefCell;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};
use tauri::ipc::Invoke;
use tauri::Runtime;

pub const FILE_NAME: &str = "plenary.log";
/// A file this large is moved aside before the next line.
pub const ROTATE_AT: u64 = 1024 * 1024;
/// Older files kept: `plenary.log.1` to `plenary.log.3`.
pub const KEEP: usize = 3;
/// A command that takes longer is written down with its time.
pub const SLOW: Duration = Duration::from_millis(500);

/// One log file in a folder, rotated by size.
pub struct LogFile {
    dir: PathBuf,
    rotate_at: u64,
    keep: usize,
    /// Lines from several threads (async commands, panics) stay whole.
    file: Mutex<Option<File>>,
}

impl LogFile {
    pub fn new(dir: &Path, rotate_at: u64, keep: usize) -> Self {
        LogFile {
            dir: dir.to_path_buf(),
            rotate_at,
            keep,
            file: Mutex::new(None),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// A command's fault, by its code; a person's own mistake is left out.
    pub fn failed(&self, command: &str, code: ErrorCode) {
        if is_fault(code) {
            self.write("ERROR", &format!("{command} failed: {code}"));
        }
    }

    /// A command that took longer than `SLOW`.
    pub fn took(&self, command: &str, took: Duration) {
        if took > SLOW {
            self.write("SLOW", &format!("{command} took {} ms", took.as_millis()));
        }
    }

    fn old(&self, n: usize) -> PathBuf {
        self.dir.join(format!("{FILE_NAME}.{n}"))
    }

    /// Appends one line with the time in UTC. A log that cannot be written
    /// must never stop the app, so failures are dropped.
    pub fn write(&self, level: &str, text: &str) {
        let line = format!(
            "{} {level} {text}\n",
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ")
        );
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let _ = self.append(&mut file, line.as_bytes());
    }

    fn append(&self, file: &mut Option<File>, line: &[u8]) -> std::io::Result<()> {
        let size = std::fs::metadata(self.path()).map(|m| m.len()).unwrap_or(0);
        if size > 0 && size + line.len() as u64 > self.rotate_at {
            *file = None;
            self.rotate()?;
        }
        if file.is_none() {
            std::fs::create_dir_all(&self.dir)?;
            *file = Some(
                OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(self.path())?,
            );
        }
        match file {
            Some(f) => f.write_all(line),
            None => Ok(()),
        }
    }

    /// `plenary.log.2` becomes `.3` (the oldest goes), `.1` becomes `.2`,
    /// and the current file `.1`.
    fn rotate(&self) -> std::io::Result<()> {
        if self.keep == 0 {
            return std::fs::remove_file(self.path());
        }
        let _ = std::fs::remove_file(self.old(self.keep));
        for n in (1..self.keep).rev() {
            let from = self.old(n);
            if from.exists() {
                std::fs::rename(from, self.old(n + 1))?;
            }
        }
        std::fs::rename(self.path(), self.old(1))
    }
}

static LOG: OnceLock<LogFile> = OnceLock::new();

/// Starts the app's log in `dir` and writes every panic to it. Only the
/// window does this; tests and the command line leave the log off.
pub fn install(dir: &Path) {
    if LOG.set(LogFile::new(dir, ROTATE_AT, KEEP)).is_err() {
        return;
    }
    let earlier = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The message can quote plan text; where it happened cannot.
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_else(|| "an unknown place".into());
        let thread = std::thread::current();
        let during = COMMAND
            .with(|c| c.borrow().clone())
            .map(|c| format!(" during {c}"))
            .unwrap_or_default();
        if let Some(log) = LOG.get() {
            log.write(
                "PANIC",
                &format!(
                    "at {place} on thread {}{during}",
                    thread.name().unwrap_or("unnamed")
                ),
            );
        }
        earlier(info);
    }));
}

/// The folder of the app's log, once it is started.
pub fn folder() -> Option<PathBuf> {
    LOG.get().map(|l| l.dir().to_path_buf())
}

/// Codes that answer a person's own input or choice, not a fault.
pub fn is_fault(code: ErrorCode) -> bool {
    !matches!(
        code,
        ErrorCode::Invalid
            | ErrorCode::PinOverrun
            | ErrorCode::Cancelled
            | ErrorCode::Locked
            | ErrorCode::WrongPin
            | ErrorCode::ReadOnly
    )
}

thread_local! {
    /// The command being handled on this thread, while its handler runs.
    static COMMAND: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Notes a command's error as it is sent to the window (`ApiError`'s
/// serialisation, which every command's error passes through), when the
/// command is known on this thread: a plain command's, inside `watch`. An
/// `async` command answers on another thread; `finished` notes its errors.
pub fn command_failed(code: ErrorCode) {
    let Some(log) = LOG.get() else { return };
    if let Some(command) = COMMAND.with(|c| c.borrow().clone()) {
        log.failed(&command, code);
    }
}

/// An `async` command's work done off the window's thread: slow, or a fault.
pub fn finished(command: &str, took: Duration, failed: Option<ErrorCode>) {
    let Some(log) = LOG.get() else { return };
    log.took(command, took);
    if let Some(code) = failed {
        log.failed(command, code);
    }
}

/// The command a closure was written in, from its type's name:
/// `plenary::commands::print_preview::{{closure}}::{{closure}}` is
/// `print_preview`.
pub fn command_of<F>(_: &F) -> &'static str {
    let mut name = std::any::type_name::<F>();
    while let Some(outer) = name.strip_suffix("::{{closure}}") {
        name = outer;
    }
    name.rsplit("::").next().unwrap_or(name)
}

/// Wraps the invoke handler: every command is named for the errors it sends
/// and timed. A plain command does its work inside the handler; an `async`
/// one only starts there, and its work is timed where it runs
/// (`commands::off_the_window`, through `finished`).
pub fn watch<R: Runtime>(
    handler: impl Fn(Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    move |invoke| {
        let command = invoke.message.command().to_owned();
        let started = Instant::now();
        let earlier = COMMAND.with(|c| c.replace(Some(command.clone())));
        let handled = handler(invoke);
        COMMAND.with(|c| *c.borrow_mut() = earlier);
        if let Some(log) = LOG.get() {
            log.took(&command, started.elapsed());
        }
        handled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(path: &Path) -> Vec<String> {
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn lines_carry_the_time_level_and_text() {
        let dir = tempfile::tempdir().unwrap();
        let log = LogFile::new(&dir.path().join("logs"), ROTATE_AT, KEEP);
        log.write("ERROR", "open_plan failed: io");
        let got = lines(&log.path());
        assert_eq!(got.len(), 1);
        let (time, rest) = got[0].split_once(' ').unwrap();
        assert!(chrono::DateTime::parse_from_rfc3339(time).is_ok(), "{time}");
        assert_eq!(rest, "ERROR open_plan failed: io");
    }

    #[test]
    fn a_full_file_moves_aside_and_only_three_old_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        // Each line is 51 bytes: two fit in 110, a third moves them aside.
        let log = LogFile::new(dir.path(), 110, 3);
        for n in 0..12 {
            log.write("SLOW", &format!("command_{n:02} took 600 ms"));
        }
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "plenary.log",
                "plenary.log.1",
                "plenary.log.2",
                "plenary.log.3"
            ]
        );
        for name in &names {
            let size = std::fs::metadata(dir.path().join(name)).unwrap().len();
            assert!(size <= 110, "{name} is {size} bytes");
        }
        // Newest in the current file, then .1, .2, .3; the first lines are gone.
        assert!(lines(&log.path()).last().unwrap().contains("command_11"));
        assert!(lines(&log.old(1)).last().unwrap().contains("command_09"));
        assert!(lines(&log.old(3)).first().unwrap().contains("command_04"));
        let all: String = names
            .iter()
            .map(|n| std::fs::read_to_string(dir.path().join(n)).unwrap())
            .collect();
        assert!(!all.contains("command_03"));
    }

    #[test]
    fn a_line_longer_than_the_limit_is_still_written() {
        let dir = tempfile::tempdir().unwrap();
        let log = LogFile::new(dir.path(), 10, 1);
        log.write("ERROR", "first");
        log.write("ERROR", "second");
        assert!(lines(&log.path())[0].ends_with("second"));
        assert!(lines(&log.old(1))[0].ends_with("first"));
        assert!(!log.old(2).exists());
    }

    #[test]
    fn faults_and_slow_commands_are_written_mistakes_and_quick_ones_not() {
        let dir = tempfile::tempdir().unwrap();
        let log = LogFile::new(dir.path(), ROTATE_AT, KEEP);
        log.failed("open_plan", ErrorCode::Damaged);
        log.failed("create_session", ErrorCode::Invalid);
        log.failed("leave_kiosk", ErrorCode::WrongPin);
        log.took("print_preview", Duration::from_millis(1250));
        log.took("overview", Duration::from_millis(40));
        let got: Vec<String> = lines(&log.path())
            .iter()
            .map(|l| l.split_once(' ').unwrap().1.to_owned())
            .collect();
        assert_eq!(
            got,
            [
                "ERROR open_plan failed: damaged",
                "SLOW print_preview took 1250 ms"
            ]
        );
    }

    /// The one test that starts the process's log: a panic is written by
    /// where it happened and during which command, never by its message.
    #[test]
    fn a_panic_is_logged_by_its_place_not_its_message() {
        let dir = std::env::temp_dir().join(format!("plenary-log-test-{}", std::process::id()));
        install(&dir);
        assert_eq!(folder().as_deref(), Some(dir.as_path()));
        let caught = std::thread::Builder::new()
            .name("panicking".into())
            .spawn(|| {
                COMMAND.with(|c| *c.borrow_mut() = Some("print_preview".into()));
                panic!("no font for Ms Lynn Bell");
            })
            .unwrap()
            .join();
        assert!(caught.is_err());
        let log = std::fs::read_to_string(dir.join(FILE_NAME)).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let line = log
            .lines()
            .find(|l| l.contains("PANIC"))
            .expect("a PANIC line");
        assert!(line.contains("at src-tauri/src/log_file.rs:"), "{line}");
        assert!(
            line.ends_with("on thread panicking during print_preview"),
            "{line}"
        );
        assert!(!log.contains("Lynn"), "{log}");
    }

    #[test]
    fn a_closure_is_named_by_the_function_it_is_written_in() {
        fn print_preview() -> &'static str {
            let work = || 1;
            command_of(&work)
        }
        assert_eq!(print_preview(), "print_preview");
        let nested = || {
            let inner = || 2;
            command_of(&inner)
        };
        assert_eq!(
            nested(),
            "a_closure_is_named_by_the_function_it_is_written_in"
        );
    }

    #[test]
    fn a_person_s_mistakes_are_not_faults() {
        for code in ErrorCode::ALL {
            let mistake = matches!(
                code,
                ErrorCode::Invalid
                    | ErrorCode::PinOverrun
                    | ErrorCode::Cancelled
                    | ErrorCode::Locked
                    | ErrorCode::WrongPin
                    | ErrorCode::ReadOnly
            );
            assert_eq!(is_fault(*code), !mistake, "{code}");
        }
    }
}
