//! The `plenary` command line. With no subcommand the window opens.

use clap::{Parser, Subcommand};
use plenary_core::agenda::{agenda, overview};
use plenary_core::attendees::{csv_file, export, import, lookup};
use plenary_core::edit::attendance;
use plenary_core::forms::{parse_date, PlanForm};
use plenary_core::planner;
use plenary_core::synth::{self, Spec};
use plenary_core::{check, sample, text, CoreError, Store};
use std::borrow::Cow;
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "plenary",
    version,
    about = "Plan and run multi-day regional meetings.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A plan to open in the window.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write the sample meeting week (Bangkok, 18–20 November 2024) to FILE.
    Sample {
        file: PathBuf,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Create an empty plan.
    New {
        file: PathBuf,
        #[arg(long)]
        title: String,
        /// IANA time zone, e.g. Asia/Bangkok.
        #[arg(long)]
        tz: String,
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Last day, YYYY-MM-DD.
        #[arg(long)]
        to: String,
        #[arg(long, default_value = "")]
        body: String,
        #[arg(long, default_value = "")]
        city: String,
        #[arg(long, default_value = "")]
        venue: String,
    },
    /// Print the plan: events, then each day's sessions with roles.
    Show {
        file: PathBuf,
        /// Only this day, YYYY-MM-DD.
        #[arg(long)]
        day: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List problems in the plan; exits 1 if there are any.
    Check {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Move a session (by id or exact title) to a new start, keeping its length.
    Move {
        file: PathBuf,
        session: String,
        /// New start, "YYYY-MM-DD HH:MM" in the plan's time zone.
        #[arg(long)]
        to: String,
        /// Move to this room (name or id) as well.
        #[arg(long)]
        room: Option<String>,
    },
    /// Ripple a room's day: lay its sessions end to end from a start time,
    /// keeping pinned sessions where they are.
    Retime {
        file: PathBuf,
        /// YYYY-MM-DD
        #[arg(long)]
        day: String,
        /// Room name or id.
        #[arg(long)]
        room: String,
        /// HH:MM
        #[arg(long)]
        from: String,
        /// Minutes between sessions, 0 to 240.
        #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=i64::from(planner::MAX_GAP_MINUTES)))]
        gap: u32,
    },
    /// Undo the latest change to the plan.
    Undo { file: PathBuf },
    /// Redo the latest undone change.
    Redo { file: PathBuf },
    /// List the plan's changes, newest first.
    History {
        file: PathBuf,
        /// How many changes to list (the plan keeps the last 500).
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=500))]
        limit: u32,
    },
    /// Attendee lists: import from CSV, list.
    Attendees {
        #[command(subcommand)]
        command: AttendeesCommand,
    },
    /// Check a person in at an event for one day.
    Checkin {
        file: PathBuf,
        /// Event id, short name or title.
        #[arg(long)]
        event: String,
        /// YYYY-MM-DD
        #[arg(long)]
        day: String,
        /// Person id, email or name.
        person: String,
        /// Take the check-in back.
        #[arg(long)]
        undo: bool,
    },
    /// People: itineraries.
    People {
        #[command(subcommand)]
        command: PeopleCommand,
    },
    /// Print a document to PDF: the programme, the participant list,
    /// speaker briefings or name cards. Needs no display.
    Print {
        file: PathBuf,
        /// programme, participants, speakers or namecards.
        document: String,
        /// Only this day, YYYY-MM-DD.
        #[arg(long)]
        day: Option<String>,
        /// Event id, short name or title.
        #[arg(long)]
        event: Option<String>,
        /// a4 or letter.
        #[arg(long, default_value = "a4")]
        paper: String,
        /// public, or internal (the run of show: staff notes, room set-up, speaking lists).
        #[arg(long, default_value = "public")]
        variant: String,
        /// Mark what changed since published version N of the programme.
        #[arg(long)]
        changes_since: Option<u32>,
        /// Publish the programme as the next version, stamped on every page.
        #[arg(long)]
        publish: bool,
        /// Name cards: one per person rather than one per delegation.
        #[arg(long)]
        per_person: bool,
        /// Participant list: leave out the counts by category.
        #[arg(long)]
        no_counts: bool,
        /// Where to write the PDF.
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a generated plan of a given size, for trials and benchmarks.
    Generate {
        file: PathBuf,
        #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u32).range(0..=100_000))]
        sessions: u32,
        #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=1_000))]
        rooms: u32,
        #[arg(long, default_value_t = 5000, value_parser = clap::value_parser!(u32).range(0..=100_000))]
        people: u32,
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=60))]
        days: u32,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum AttendeesCommand {
    /// Import attendees from a CSV file (Indico, pretalx and Eventbrite
    /// exports are recognised); nothing is written if any row is invalid.
    Import {
        file: PathBuf,
        csv: PathBuf,
        /// Event id, short name or title.
        #[arg(long)]
        event: String,
        /// Show what would happen; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Map a column (header or 1-based number) to a field, e.g. "Affiliation=organisation".
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// Import the valid rows and report the others.
        #[arg(long)]
        skip_invalid: bool,
    },
    /// List an event's attendees in protocol order.
    List {
        file: PathBuf,
        #[arg(long)]
        event: String,
        /// The order; protocol order is the only one.
        #[arg(long, default_value = "protocol", value_parser = ["protocol"])]
        order: String,
        /// Print CSV.
        #[arg(long)]
        csv: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum PeopleCommand {
    /// Find people by name, email, organisation or acronym.
    Search {
        file: PathBuf,
        query: String,
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=1_000))]
        limit: u32,
    },
    /// Every session in which a person has a role.
    Itinerary {
        file: PathBuf,
        /// Person id, email or name.
        person: String,
    },
}

fn parse_map(
    table: &csv_file::CsvTable,
    args: &[String],
) -> Result<Vec<import::ImportField>, Failure> {
    let mut mapping = import::auto_map(&table.headers);
    for arg in args {
        let (col, field) = arg
            .rsplit_once('=')
            .ok_or_else(|| Failure(format!("--map: \"{arg}\" is not COLUMN=FIELD")))?;
        let index = match col.trim().parse::<usize>() {
            Ok(n) if n >= 1 && n <= table.headers.len() => n - 1,
            _ => table
                .headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(col.trim()))
                .ok_or_else(|| Failure(format!("--map: the file has no column \"{col}\"")))?,
        };
        mapping[index] = import::ImportField::from_key(field.trim()).ok_or_else(|| {
            Failure(format!(
                "--map: \"{field}\" is not a field ({})",
                import::ImportField::ALL
                    .iter()
                    .map(|f| f.key())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
    }
    Ok(mapping)
}

fn run_attendees(command: AttendeesCommand) -> Result<i32, Failure> {
    match command {
        AttendeesCommand::Import {
            file,
            csv,
            event,
            dry_run,
            map,
            skip_invalid,
        } => {
            let mut store = Store::open(&file)?;
            let event = lookup::find_event(&store, &event)?;
            let bytes = csv_file::read_file(&csv)?;
            let table = csv_file::read_table(&bytes)?;
            let mapping = parse_map(&table, &map)?;
            let (preview, _) = import::preview(&store, &table, &mapping, event.id)?;
            let mut text = String::new();
            for r in preview
                .rows
                .iter()
                .filter(|r| r.action == import::RowAction::Error)
            {
                // One line a row, whatever its cells hold.
                text.push_str(&terminal_safe(&r.message, false));
                text.push('\n');
            }
            eprint!("{text}");
            if preview.errors > 0 && !skip_invalid && !dry_run {
                return Err(Failure(format!(
                    "{} invalid row{}; nothing was written (fix them, or use --skip-invalid)",
                    preview.errors,
                    if preview.errors == 1 { "" } else { "s" }
                )));
            }
            if !dry_run {
                let name = csv
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                import::import(&mut store, &name, &bytes, Some(&mapping), event.id, true)?;
            }
            out(&format!(
                "{}{} created, {} updated, {} unchanged, {} invalid ({}, {})\n",
                if dry_run {
                    "Dry run, nothing written: "
                } else {
                    ""
                },
                preview.created,
                preview.updated,
                preview.unchanged,
                preview.errors,
                preview.encoding,
                preview.delimiter
            ))?;
            Ok(if preview.errors > 0 && !skip_invalid {
                1
            } else {
                0
            })
        }
        AttendeesCommand::List {
            file,
            event,
            order: _,
            csv,
        } => {
            let store = Store::open(&file)?;
            let event = lookup::find_event(&store, &event)?;
            let lines = export::attendee_list(&store, event.id)?;
            if csv {
                out(&export::attendee_csv(&lines))?;
            } else {
                let mut text = String::new();
                let mut current = None;
                for l in &lines {
                    if current.as_ref() != Some(&l.organisation) {
                        text.push_str(&format!(
                            "{}\n",
                            if l.organisation.is_empty() {
                                "(no organisation)"
                            } else {
                                &l.organisation
                            }
                        ));
                        current = Some(l.organisation.clone());
                    }
                    let name = plenary_core::model::display_name([
                        l.honorific.as_str(),
                        &l.given_name,
                        &l.family_name,
                    ]);
                    let extra: Vec<&str> = [l.capacity.as_str(), l.position.as_str()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect();
                    text.push_str(&format!(
                        "  {name}{}  [{}]\n",
                        if extra.is_empty() {
                            String::new()
                        } else {
                            format!(", {}", extra.join(", "))
                        },
                        l.registration.label().to_lowercase()
                    ));
                }
                text.push_str(&format!(
                    "{} attendee{}\n",
                    lines.len(),
                    if lines.len() == 1 { "" } else { "s" }
                ));
                out(&text)?;
            }
            Ok(0)
        }
    }
}

/// A CLI failure: one line for stderr, and the exit code.
pub struct Failure(pub String);

impl From<CoreError> for Failure {
    fn from(e: CoreError) -> Self {
        Failure(e.to_string())
    }
}

/// Text bound for the terminal, with every control character that came
/// from the plan (ESC, BEL, NUL, CSI…) replaced by U+FFFD, so plan text
/// cannot move the cursor, retitle the window or hide lines. With
/// `keep_layout`, the newlines and tabs the CLI lays its output out with stay.
pub fn terminal_safe(text: &str, keep_layout: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !(keep_layout && matches!(c, '\n' | '\t'));
    if text.chars().any(unsafe_char) {
        Cow::Owned(
            text.chars()
                .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
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
    match &e {
        CoreError::Invalid(problems) if problems.len() == 1 => {
            match options
                .iter()
                .find(|(field, _)| *field == problems[0].field)
            {
                Some((_, option)) => for_option(option, e),
                None => Failure(e.to_string()),
            }
        }
        _ => Failure(e.to_string()),
    }
}

/// Runs a subcommand; returns the process exit code. A failure is one line
/// for stderr, whatever plan text it quotes.
pub fn run(command: Command) -> Result<i32, Failure> {
    run_command(command)
        .map_err(|Failure(message)| Failure(terminal_safe(&message, false).into_owned()))
}

fn run_command(command: Command) -> Result<i32, Failure> {
    match command {
        Command::Sample { file, force } => {
            sample::write_sample(&file, force)?;
            out(&format!(
                "Wrote the sample meeting week to {}\n",
                file.display()
            ))?;
        }
        Command::New {
            file,
            title,
            tz,
            from,
            to,
            body,
            city,
            venue,
        } => {
            let form = PlanForm {
                title,
                time_zone: tz,
                first_day: from,
                last_day: to,
                convening_body: body,
                city,
                venue,
                ..Default::default()
            };
            let plan = form.validate().map_err(|problems| {
                let p = &problems[0];
                let flag = match p.field.as_str() {
                    "time_zone" => "--tz",
                    "first_day" => "--from",
                    "last_day" => "--to",
                    "convening_body" => "--body",
                    "title" => "--title",
                    "city" => "--city",
                    "venue" => "--venue",
                    other => other,
                };
                Failure(format!("{flag}: {}", p.message))
            })?;
            Store::create(&file, &plan, false)?;
            out(&format!("Created {}\n", file.display()))?;
        }
        Command::Show { file, day, json } => {
            let store = Store::open(&file)?;
            let day = match day {
                None => None,
                Some(d) => Some(parse_date(&d).ok_or_else(|| {
                    Failure(format!("--day: \"{d}\" is not a date (use YYYY-MM-DD)"))
                })?),
            };
            let ov = overview(&store)?;
            let ag = agenda(&store, day)?;
            if json {
                let value = serde_json::json!({ "overview": ov, "agenda": ag });
                out(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&value).map_err(|e| Failure(e.to_string()))?
                ))?;
            } else {
                out(&text::render(&ov, &ag))?;
            }
        }
        Command::Check { file, json } => {
            let store = Store::open(&file)?;
            let problems = check::check(&store)?;
            if json {
                // The listed conflicts, as before the list was capped.
                out(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&problems.conflicts)
                        .map_err(|e| Failure(e.to_string()))?
                ))?;
            } else if problems.is_empty() {
                out("No problems found.\n")?;
            } else {
                let mut text = String::new();
                for p in &problems.conflicts {
                    text.push_str(&p.message);
                    text.push('\n');
                }
                if let Some(more) = problems.unlisted_sentence() {
                    text.push_str(&more);
                    text.push('\n');
                }
                text.push_str(&format!(
                    "{} problem{} found.\n",
                    check::thousands(problems.total()),
                    if problems.total() == 1 { "" } else { "s" }
                ));
                out(&text)?;
            }
            return Ok(if problems.is_empty() { 0 } else { 1 });
        }
        Command::Move {
            file,
            session,
            to,
            room,
        } => {
            let mut store = Store::open(&file)?;
            let s = planner::find_session(&store, &session)?;
            let start = planner::parse_wall_clock(&to).ok_or_else(|| {
                Failure(format!(
                    "--to: \"{to}\" is not a date and time (use \"YYYY-MM-DD HH:MM\")"
                ))
            })?;
            let room = match room {
                Some(r) => Some(Some(
                    planner::find_room(&store, &r)
                        .map_err(|e| for_option("--room", e))?
                        .id,
                )),
                None => None,
            };
            let moved = planner::move_session(&mut store, s.id, start, room)
                .map_err(|e| for_options(&[("start", "--to")], e))?;
            // This edit's own words: another process may have recorded a
            // later step in the same file meanwhile.
            let summary = store.last_edit().map(str::to_string);
            out(&format!(
                "{}\n",
                summary.unwrap_or_else(|| format!("“{}” already starts then", moved.title))
            ))?;
        }
        Command::Retime {
            file,
            day,
            room,
            from,
            gap,
        } => {
            let mut store = Store::open(&file)?;
            let day = parse_date(&day).ok_or_else(|| {
                Failure(format!("--day: \"{day}\" is not a date (use YYYY-MM-DD)"))
            })?;
            let room = planner::find_room(&store, &room).map_err(|e| for_option("--room", e))?;
            if plenary_core::forms::parse_time(&from).is_none() {
                return Err(Failure(format!(
                    "--from: \"{from}\" is not a time (use HH:MM, 24-hour)"
                )));
            }
            let placed = planner::retime(
                &mut store,
                &planner::RetimeRequest {
                    day,
                    room_id: room.id,
                    from,
                    order: vec![],
                    minutes: vec![],
                    gap_minutes: gap,
                },
            )
            .map_err(|e| for_options(&[("day", "--day"), ("gap_minutes", "--gap")], e))?;
            let mut text = String::new();
            for p in placed {
                let s = store.session(p.id)?;
                text.push_str(&format!(
                    "{}–{}  {}{}\n",
                    p.start.format("%H:%M"),
                    p.end.format("%H:%M"),
                    s.title,
                    if s.pinned { " (pinned)" } else { "" }
                ));
            }
            out(&text)?;
        }
        Command::Undo { file } => {
            let mut store = Store::open(&file)?;
            match store.undo()? {
                Some(what) => out(&format!("Undid: {what}\n"))?,
                None => return Err(Failure("nothing to undo".into())),
            }
        }
        Command::Redo { file } => {
            let mut store = Store::open(&file)?;
            match store.redo()? {
                Some(what) => out(&format!("Redid: {what}\n"))?,
                None => return Err(Failure("nothing to redo".into())),
            }
        }
        Command::History { file, limit } => {
            let store = Store::open(&file)?;
            let mut text = String::new();
            for h in store.history(limit as i64)? {
                text.push_str(&format!(
                    "{}  {}{}\n",
                    h.at.format("%Y-%m-%d %H:%M"),
                    h.summary,
                    if h.undone { "  (undone)" } else { "" }
                ));
            }
            out(&text)?;
        }
        Command::Attendees { command } => return run_attendees(command),
        Command::Checkin {
            file,
            event,
            day,
            person,
            undo,
        } => {
            let mut store = Store::open(&file)?;
            let event = lookup::find_event(&store, &event)?;
            let day = parse_date(&day).ok_or_else(|| {
                Failure(format!("--day: \"{day}\" is not a date (use YYYY-MM-DD)"))
            })?;
            let person = lookup::find_person(&store, &person)?;
            let now = plenary_core::roster::wall_clock(&store.plan()?, chrono::Utc::now());
            attendance::check_in(&mut store, event.id, person.id, day, !undo, now)?;
            out(&format!("{}\n", store.last_edit().unwrap_or_default()))?;
        }
        Command::Print {
            file,
            document,
            day,
            event,
            paper,
            variant,
            changes_since,
            publish,
            per_person,
            no_counts,
            out: path,
        } => {
            use plenary_core::print::{self, DocKind, Paper, PrintRequest, Variant};
            let kind = DocKind::from_key(&document).ok_or_else(|| {
                Failure(format!(
                    "\"{document}\" is not a document (use programme, participants, speakers or namecards)"
                ))
            })?;
            let paper = match paper.as_str() {
                "a4" => Paper::A4,
                "letter" => Paper::Letter,
                other => return Err(Failure(format!("--paper: \"{other}\" is not a4 or letter"))),
            };
            let variant = match variant.as_str() {
                "public" => Variant::Public,
                "internal" => Variant::Internal,
                other => {
                    return Err(Failure(format!(
                        "--variant: \"{other}\" is not public or internal"
                    )))
                }
            };
            let day = match day {
                Some(d) => Some(parse_date(&d).ok_or_else(|| {
                    Failure(format!("--day: \"{d}\" is not a date (use YYYY-MM-DD)"))
                })?),
                None => None,
            };
            let mut store = Store::open(&file)?;
            let event_id = match event {
                Some(e) => Some(lookup::find_event(&store, &e)?.id),
                None => None,
            };
            let req = PrintRequest {
                kind,
                day,
                event_id,
                paper,
                variant,
                changes_since,
                per_person,
                with_counts: !no_counts,
            };
            let now = plenary_core::roster::wall_clock(&store.plan()?, chrono::Utc::now());
            let done = print::export_pdf(&mut store, &req, now, publish, &path, &mut |_| {})
                .map_err(|e| for_options(&[("out", "--out"), ("day", "--day")], e))?;
            out(&format!(
                "{}: {} page{}{}\n",
                path.display(),
                done.pages,
                if done.pages == 1 { "" } else { "s" },
                done.version
                    .map(|n| format!(", published as version {n}"))
                    .unwrap_or_default()
            ))?;
        }
        Command::People {
            command: PeopleCommand::Search { file, query, limit },
        } => {
            let store = Store::open(&file)?;
            let mut text = String::new();
            for h in store.search_people(&query, limit)? {
                let org = match (h.organisation, h.acronym.is_empty()) {
                    (Some(o), true) => format!(" ({o})"),
                    (Some(_), false) => format!(" ({})", h.acronym),
                    (None, _) => String::new(),
                };
                let email = if h.email.is_empty() {
                    String::new()
                } else {
                    format!(" <{}>", h.email)
                };
                text.push_str(&format!("{}  {}{org}{email}\n", h.id, h.name));
            }
            out(&text)?;
        }
        Command::People {
            command: PeopleCommand::Itinerary { file, person },
        } => {
            let store = Store::open(&file)?;
            let person = lookup::find_person(&store, &person)?;
            let mut text = format!("{}\n", person.display_name());
            let entries = lookup::itinerary(&store, person.id)?;
            for e in &entries {
                let when = match (e.session.start, e.session.end) {
                    (Some(a), Some(b)) => format!(
                        "{} {}–{}",
                        a.format("%a %-d %b"),
                        a.format("%H:%M"),
                        b.format("%H:%M")
                    ),
                    _ => "unscheduled".into(),
                };
                text.push_str(&format!(
                    "  {when}  {}  {}{}{}\n",
                    e.role.label(),
                    e.session.title,
                    e.room
                        .as_ref()
                        .map(|r| format!(" · {r}"))
                        .unwrap_or_default(),
                    if e.note.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", e.note)
                    }
                ));
            }
            if entries.is_empty() {
                text.push_str("  no sessions\n");
            }
            out(&text)?;
        }
        Command::Generate {
            file,
            sessions,
            rooms,
            people,
            days,
            force,
        } => {
            if file.exists() && !force {
                return Err(Failure(format!(
                    "{} already exists; choose another name, or use --force to replace it",
                    file.display()
                )));
            }
            let spec = Spec {
                days,
                rooms,
                sessions,
                people,
                roles: people.min(sessions.saturating_mul(3)),
            };
            if people == 0 && spec.roles > 0 {
                return Err(Failure("--people must be at least 1".into()));
            }
            synth::generate(&file, &spec)?;
            out(&format!(
                "Wrote a generated plan of {sessions} sessions in {rooms} rooms over {days} days to {}\n",
                file.display()
            ))?;
        }
    }
    Ok(0)
}
