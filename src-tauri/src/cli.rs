//! The `plenary` command line. With no subcommand the window opens.

use clap::{Parser, Subcommand};
use plenary_core::agenda::{agenda, overview};
use plenary_core::forms::{parse_date, PlanForm};
use plenary_core::synth::{self, Spec};
use plenary_core::{check, sample, text, CoreError, Store};
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
    /// Write a generated plan of a given size, for trials and benchmarks.
    Generate {
        file: PathBuf,
        #[arg(long, default_value_t = 2000)]
        sessions: u32,
        #[arg(long, default_value_t = 90)]
        rooms: u32,
        #[arg(long, default_value_t = 5000)]
        people: u32,
        #[arg(long, default_value_t = 5)]
        days: u32,
    },
}

/// A CLI failure: one line for stderr, and the exit code.
pub struct Failure(pub String);

impl From<CoreError> for Failure {
    fn from(e: CoreError) -> Self {
        Failure(e.to_string())
    }
}

fn out(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`plenary show … | head`) is not an error worth reporting.
    match stdout.write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure(e.to_string())),
        _ => Ok(()),
    }
}

/// Runs a subcommand; returns the process exit code.
pub fn run(command: Command) -> Result<i32, Failure> {
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
                out(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&problems).map_err(|e| Failure(e.to_string()))?
                ))?;
            } else if problems.is_empty() {
                out("No problems found.\n")?;
            } else {
                let mut text = String::new();
                for p in &problems {
                    text.push_str(&p.message);
                    text.push('\n');
                }
                text.push_str(&format!(
                    "{} problem{} found.\n",
                    problems.len(),
                    if problems.len() == 1 { "" } else { "s" }
                ));
                out(&text)?;
            }
            return Ok(if problems.is_empty() { 0 } else { 1 });
        }
        Command::Generate {
            file,
            sessions,
            rooms,
            people,
            days,
        } => {
            if rooms == 0 || days == 0 || days > 60 {
                return Err(Failure(
                    "--rooms must be at least 1 and --days between 1 and 60".into(),
                ));
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
