//! `plenary`: the command line. It links only `plenary-core`, so staff can
//! run it in loops; with no subcommand (or with a plan file) it hands over
//! to `plenary-window`, the desktop app beside it.

mod args;
mod edit;
mod interop;
mod manual;
mod merge;
mod people;
mod plan;
mod print;
mod run;

use args::{Cli, Command};
use clap::Parser;
use plenary_core::store::hold::Program;
use plenary_core::store::OpenCancel;
use plenary_core::{text::terminal_safe, CoreError, Store};
use std::io::Write;
use std::path::{Path, PathBuf};

fn main() {
    std::process::exit(run());
}

fn run() -> i32 {
    let parsed = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => return bad_arguments(e),
    };
    let Some(command) = parsed.command else {
        return open_window(parsed.file);
    };
    // A failure is one line for stderr, whatever plan text it quotes.
    match dispatch(command) {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("plenary: {}", terminal_safe(&message, false));
            2
        }
    }
}

fn bad_arguments(e: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return 0;
    }
    // One line: clap's first line, then where to find more.
    let text = e.to_string();
    let first = text.lines().next().unwrap_or("invalid arguments");
    eprintln!(
        "plenary: {} (see plenary --help)",
        first.trim_start_matches("error: ")
    );
    2
}

/// One function per subcommand; each returns the exit code.
fn dispatch(command: Command) -> Result<i32, Failure> {
    use args::{AttendeesCommand as A, PeopleCommand as P};
    match command {
        Command::Sample { file, force } => plan::sample(&file, force),
        Command::New(request) => plan::new(request),
        Command::Show { file, day, json } => plan::show(&file, day.as_deref(), json),
        Command::Check { file, json } => plan::check(&file, json),
        Command::Generate {
            file,
            sessions,
            rooms,
            people,
            days,
            force,
        } => plan::generate(&file, sessions, rooms, people, days, force),
        Command::Move {
            file,
            session,
            to,
            room,
        } => edit::move_session(&file, &session, &to, room.as_deref()),
        Command::Substitute {
            file,
            session,
            replace,
            with,
        } => edit::substitute(&file, &session, &replace, &with),
        Command::Retime {
            file,
            day,
            room,
            from,
            gap,
        } => edit::retime(&file, &day, &room, from, gap),
        Command::Today { file, at, json } => run::today(&file, at.as_deref(), json),
        Command::Start { file, session, at } => {
            run::start_or_end(&file, &session, at.as_deref(), false)
        }
        Command::Speakers {
            file,
            session,
            next,
            at,
            json,
        } => run::speakers(&file, &session, next, at.as_deref(), json),
        Command::End { file, session, at } => {
            run::start_or_end(&file, &session, at.as_deref(), true)
        }
        Command::Cancel {
            file,
            session,
            undo,
        } => run::cancel(&file, &session, undo),
        Command::Delay {
            file,
            room,
            minutes,
            at,
            dry_run,
        } => run::delay(&file, room.as_deref(), minutes, at.as_deref(), dry_run),
        Command::Undo { file } => edit::undo(&file),
        Command::Redo { file } => edit::redo(&file),
        Command::History { file, limit } => edit::history(&file, limit),
        Command::Attendees { command } => match command {
            A::Import {
                file,
                csv,
                event,
                dry_run,
                map,
                skip_invalid,
            } => people::import(&file, &csv, &event, &map, dry_run, skip_invalid),
            A::List {
                file, event, csv, ..
            } => people::attendee_list(&file, &event, csv),
        },
        Command::Checkin {
            file,
            event,
            day,
            person,
            undo,
        } => people::check_in(&file, &event, &day, &person, undo),
        Command::Stats { file, event, json } => plan::stats(&file, event.as_deref(), json),
        Command::People { command } => match command {
            P::Search { file, query, limit } => people::search(&file, &query, limit),
            P::Itinerary { file, person } => people::itinerary(&file, &person),
        },
        Command::Print(request) => print::print(request),
        Command::Summary(request) => print::summary(request),
        Command::Report(request) => print::report(request),
        Command::Import(request) => interop::import(request),
        Command::Export(request) => interop::export(request),
        Command::Merge {
            ours,
            theirs,
            dry_run,
            json,
            take,
        } => merge::merge(&ours, &theirs, dry_run, json, take),
        Command::Handover { file, team, out } => merge::handover(&file, &team, &out),
        Command::Team { file, name } => merge::team(&file, name.as_deref()),
        Command::Restore { backup, file } => interop::restore(&backup, &file),
        Command::Copy {
            file,
            new,
            first_day,
            title,
            force,
        } => plan::copy(&file, &new, &first_day, title.as_deref(), force),
        Command::Completions { shell } => manual::completions(shell),
        Command::Man { dir } => manual::man(dir.as_deref()),
    }
}

/// Replaces this process with the window, which opens `file`, or the last
/// plan, or a copy of the sample.
fn open_window(file: Option<PathBuf>) -> i32 {
    let window = match std::env::current_exe() {
        Ok(me) => me.with_file_name(format!("plenary-window{}", std::env::consts::EXE_SUFFIX)),
        Err(e) => {
            eprintln!("plenary: cannot tell where plenary is installed: {e}");
            return 1;
        }
    };
    let mut command = std::process::Command::new(&window);
    command.args(file);
    #[cfg(unix)]
    let failed = {
        use std::os::unix::process::CommandExt;
        // Same process id, arguments and environment: whoever started
        // `plenary` (a desktop launcher, a WebDriver) now holds the window.
        command.exec()
    };
    #[cfg(not(unix))]
    let failed = match command.status() {
        Ok(status) => return status.code().unwrap_or(1),
        Err(e) => e,
    };
    eprintln!(
        "plenary: the window could not be started ({}): {failed}",
        window.display()
    );
    1
}

/// Opens a plan for an edit: holds it first (waiting a little while another
/// `plenary` edits it), and refuses in one line, with nothing written, when
/// another program holds it: one writer per plan file.
pub fn open_to_edit(file: &Path) -> Result<Store, Failure> {
    let store = Store::open_to_edit(file, Program::CommandLine, &OpenCancel::new())?;
    match store.read_only() {
        Some(why) => Err(Failure(format!("{}: {why}", file.display()))),
        None => Ok(store),
    }
}

/// `open_to_edit` when the command will write (`edit`), else a plain open
/// for reading, which a plan held elsewhere allows.
pub fn open_for(file: &Path, edit: bool) -> Result<Store, Failure> {
    if edit {
        open_to_edit(file)
    } else {
        Ok(Store::open(file)?)
    }
}

/// A CLI failure: one line for stderr.
pub struct Failure(pub String);

impl From<CoreError> for Failure {
    fn from(e: CoreError) -> Self {
        Failure(e.to_string())
    }
}

/// Everything the CLI prints on stdout goes through here.
fn out(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`plenary show … | head`) is not an error worth reporting.
    match stdout.write_all(terminal_safe(text, true).as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure(e.to_string())),
        _ => Ok(()),
    }
}

/// A field problem from core, named by the command-line option it came from.
fn for_option(option: &str, e: CoreError) -> Failure {
    match &e {
        CoreError::Invalid(problems) if problems.len() == 1 => {
            Failure(format!("{option}: {}", problems[0].message))
        }
        _ => Failure(e.to_string()),
    }
}

/// Like `for_option`, for a command whose options map to several fields.
fn for_options(options: &[(&str, &str)], e: CoreError) -> Failure {
    let option = match &e {
        CoreError::Invalid(problems) if problems.len() == 1 => options
            .iter()
            .find(|(field, _)| *field == problems[0].field)
            .map(|(_, option)| *option),
        _ => None,
    };
    match option {
        Some(option) => for_option(option, e),
        None => Failure(e.to_string()),
    }
}

/// `--day` and the like: a date, or a one-line refusal naming the option.
fn date_option(option: &str, text: &str) -> Result<chrono::NaiveDate, Failure> {
    plenary_core::forms::parse_date(text).ok_or_else(|| {
        Failure(format!(
            "{option}: \"{text}\" is not a date (use YYYY-MM-DD)"
        ))
    })
}
