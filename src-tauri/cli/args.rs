//! What the command line accepts.

use clap::{Parser, Subcommand};
use plenary_core::planner;
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
    New(NewArgs),
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
    /// Let another person take a person's roles in one session (and their
    /// turns on its speaking list); the roles keep their holder, shown as
    /// replaced.
    Substitute {
        file: PathBuf,
        /// Session id or title.
        session: String,
        /// The person who holds the role: id, email or name.
        #[arg(long)]
        replace: String,
        /// The person who takes it instead: id, email or name.
        #[arg(long)]
        with: String,
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
    /// What is on now and next in each room, and the day's sessions as they run.
    Today {
        file: PathBuf,
        /// "YYYY-MM-DD HH:MM" (or HH:MM today) in the plan's time zone; the clock by default.
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record that a session (id or title) started.
    Start {
        file: PathBuf,
        session: String,
        /// When it started, "YYYY-MM-DD HH:MM" or HH:MM; now by default.
        #[arg(long)]
        at: Option<String>,
    },
    /// Record that a session (id or title) ended.
    End {
        file: PathBuf,
        session: String,
        /// When it ended, "YYYY-MM-DD HH:MM" or HH:MM; now by default.
        #[arg(long)]
        at: Option<String>,
    },
    /// The live speaking list of a statements session (id or title): who has
    /// the floor and their time left, who waits, who spoke.
    Speakers {
        file: PathBuf,
        session: String,
        /// Call the next speaker first (ending the current turn).
        #[arg(long)]
        next: bool,
        /// The moment, "YYYY-MM-DD HH:MM" or HH:MM; now by default.
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Cancel a session (id or title), or restore it with --undo.
    Cancel {
        file: PathBuf,
        session: String,
        #[arg(long)]
        undo: bool,
    },
    /// Run late (or early, negative) from now: the rest of the day moves,
    /// pinned sessions stay.
    Delay {
        file: PathBuf,
        /// Room name or id; every room by default.
        #[arg(long)]
        room: Option<String>,
        /// Minutes later, -240 to 240 (negative: earlier).
        #[arg(long, allow_negative_numbers = true)]
        minutes: i64,
        /// "YYYY-MM-DD HH:MM" or HH:MM; now by default.
        #[arg(long)]
        at: Option<String>,
        /// Show what would move, changing nothing.
        #[arg(long)]
        dry_run: bool,
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
    /// Meeting statistics: delegations and people by status and category,
    /// check-ins by day, levels, speakers, speaking load, gender balance.
    Stats {
        file: PathBuf,
        /// Only this event (id, short name or title); the whole week by default.
        #[arg(long)]
        event: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// People: itineraries.
    People {
        #[command(subcommand)]
        command: PeopleCommand,
    },
    /// Print a document to PDF: the programme, the participant list,
    /// speaker briefings, name cards or the Co-Chairs' Summary. Needs no display.
    Print(PrintArgs),
    /// The Co-Chairs' Summary as it stands: Markdown on stdout, or a Word
    /// document, PDF or Markdown file with --out.
    Summary(SummaryArgs),
    /// The day report: sessions as planned against actual, delays,
    /// substitutions, cancellations and check-ins by category. Text on
    /// stdout; a CSV (a row per session) with --csv, a PDF with --pdf.
    Report(ReportArgs),
    /// Import a programme (CSV, TSV, XLSX, frab/pretalx XML or JSON, iCalendar)
    /// into a plan, or into a new plan with --new. Nothing is written if any
    /// session is invalid, unless --skip-invalid.
    Import(ImportArgs),
    /// Export the plan, one event, one room or one person's sessions
    /// (iCalendar, frab XML or JSON, CSV, XLSX) or a full backup (JSON).
    Export(ExportArgs),
    /// Merge the other team's copy of the plan (THEIRS) into OURS: both
    /// teams' work is kept; a field both changed, or a record one edited
    /// and the other deleted, is a clash. Exits 1 when clashes need a
    /// person (decide with --take, or in the window).
    Merge {
        ours: PathBuf,
        theirs: PathBuf,
        /// Say what the merge would do; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the preview (and what was merged) as JSON.
        #[arg(long)]
        json: bool,
        /// Settle every clash one way.
        #[arg(long, value_enum)]
        take: Option<TakeArg>,
    },
    /// Write a copy of the plan for the other team, with the common base
    /// recorded in both files for later merges.
    Handover {
        file: PathBuf,
        /// Whose copy it is ("Indonesia team").
        #[arg(long)]
        team: String,
        /// The copy to write (must not exist).
        #[arg(long)]
        out: PathBuf,
    },
    /// Say, or set, whose copy of the plan FILE is ("Australia team").
    Team { file: PathBuf, name: Option<String> },
    /// Make a new plan from a full backup.
    Restore {
        backup: PathBuf,
        /// The new plan file (must not exist).
        file: PathBuf,
    },
    /// Make a new plan from this one on new dates: its events, rooms,
    /// sessions with their roles, organisations, people, delegations and
    /// speaking lists, every day moved by the same number of days; without
    /// registrations, check-ins, published versions or history.
    Copy {
        file: PathBuf,
        /// The new plan file.
        new: PathBuf,
        /// The new plan's first day, YYYY-MM-DD.
        #[arg(long)]
        first_day: String,
        /// The new plan's title (the same as FILE's if not given).
        #[arg(long)]
        title: Option<String>,
        /// Replace NEW if it exists.
        #[arg(long)]
        force: bool,
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
    /// Print a completion script for a shell, e.g.
    /// `plenary completions bash > ~/.local/share/bash-completion/completions/plenary`.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print this manual page (roff), e.g. `plenary man | man -l -`.
    Man {
        /// Instead, write a page for plenary and one for each subcommand
        /// (plenary.1, plenary-show.1, …) into this folder.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
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

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub title: String,
    /// IANA time zone, e.g. Asia/Bangkok.
    #[arg(long)]
    pub tz: String,
    /// First day, YYYY-MM-DD.
    #[arg(long)]
    pub from: String,
    /// Last day, YYYY-MM-DD.
    #[arg(long)]
    pub to: String,
    #[arg(long, default_value = "")]
    pub body: String,
    #[arg(long, default_value = "")]
    pub city: String,
    #[arg(long, default_value = "")]
    pub venue: String,
}

#[derive(clap::Args, Debug)]
pub struct PrintArgs {
    pub file: PathBuf,
    /// programme, participants, speakers, namecards, glance (a day at a
    /// glance: rooms across, time down), doors (a sheet per room per day)
    /// or summary (the Co-Chairs' Summary).
    pub document: String,
    /// Only this day, YYYY-MM-DD.
    #[arg(long)]
    pub day: Option<String>,
    /// Event id, short name or title.
    #[arg(long)]
    pub event: Option<String>,
    /// a4 or letter.
    #[arg(long, default_value = "a4")]
    pub paper: String,
    /// public, or internal (the run of show: staff notes, room set-up, speaking lists).
    #[arg(long, default_value = "public")]
    pub variant: String,
    /// Mark what changed since published version N of the programme.
    #[arg(long)]
    pub changes_since: Option<u32>,
    /// Publish the programme as the next version, stamped on every page.
    #[arg(long)]
    pub publish: bool,
    /// Publish even though the plan has problems.
    #[arg(long)]
    pub force: bool,
    /// Name cards: one per person rather than one per delegation.
    #[arg(long)]
    pub per_person: bool,
    /// Name cards: each card's text as large as it fits, rather than one size for all.
    #[arg(long)]
    pub fit_each: bool,
    /// Name cards: an organisation's acronym where one is set (states keep their name).
    #[arg(long)]
    pub acronyms: bool,
    /// Participant list: leave out the counts by category.
    #[arg(long)]
    pub no_counts: bool,
    /// Programme and briefings: leave out the "tbc" marks of what is to be confirmed.
    #[arg(long)]
    pub no_tbc: bool,
    /// Programme: leave out the sessions' descriptions.
    #[arg(long)]
    pub no_descriptions: bool,
    /// Programme: leave out people's positions.
    #[arg(long)]
    pub no_positions: bool,
    /// A status line in the title block, as written: "Provisional", "Rev.1".
    #[arg(long, default_value = "")]
    pub status: String,
    /// "Issued <date>" in the title block, YYYY-MM-DD.
    #[arg(long)]
    pub issued: Option<String>,
    /// Summary: who counts as having attended, registered or checked-in.
    #[arg(long, default_value = "registered")]
    pub attendance: String,
    /// Where to write the PDF.
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    pub file: PathBuf,
    /// The day, YYYY-MM-DD.
    #[arg(long)]
    pub day: String,
    /// Write the sessions as CSV here.
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// Write the printed report here.
    #[arg(long)]
    pub pdf: Option<PathBuf>,
    /// a4 or letter, for --pdf.
    #[arg(long, default_value = "a4")]
    pub paper: String,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct SummaryArgs {
    pub file: PathBuf,
    /// Who counts as having attended: registered or checked-in.
    #[arg(long, default_value = "registered")]
    pub attendance: String,
    /// docx, pdf or md; with --out, the file's extension by default.
    #[arg(long)]
    pub format: Option<String>,
    /// a4 or letter.
    #[arg(long, default_value = "a4")]
    pub paper: String,
    /// Where to write it; without it, the Markdown goes to stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The plan (with --new: the plan to make).
    pub file: PathBuf,
    /// The programme to read.
    pub source: PathBuf,
    /// Make FILE as a new plan with the source's title, zone and days.
    #[arg(long)]
    pub new: bool,
    /// The new plan's IANA time zone (a spreadsheet has none), e.g. Asia/Bangkok.
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// auto, csv, tsv, xlsx, frab-xml, frab-json or ics.
    #[arg(long, default_value = "auto")]
    pub format: String,
    /// The event to import into (id, short name or title; a new event if none has that title).
    #[arg(long)]
    pub event: Option<String>,
    /// Map a spreadsheet column (header or 1-based number) to a field, e.g. "Horaire=time".
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Map a session type to a kind, e.g. "Talk=presentation".
    #[arg(long = "kind", value_name = "TYPE=KIND")]
    pub kind: Vec<String>,
    /// Show what would happen; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the valid sessions and report the others.
    #[arg(long)]
    pub skip_invalid: bool,
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    pub file: PathBuf,
    /// ics, frab-xml, frab-json, csv, xlsx or backup.
    #[arg(long)]
    pub format: String,
    /// Only this event (id, short name or title).
    #[arg(long, conflicts_with_all = ["room", "person"])]
    pub event: Option<String>,
    /// Only this room (id or name).
    #[arg(long, conflicts_with = "person")]
    pub room: Option<String>,
    /// Only this person's sessions (id, name or email): a speaker's calendar.
    #[arg(long)]
    pub person: Option<String>,
    /// Where to write ("-" for standard output).
    #[arg(long)]
    pub out: PathBuf,
    /// Replace the file at --out if there is one.
    #[arg(long)]
    pub force: bool,
}

/// Which side `plenary merge --take` settles every clash for.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum TakeArg {
    Ours,
    Theirs,
}
