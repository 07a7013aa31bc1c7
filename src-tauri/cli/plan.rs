//! Whole plans: make one, show it, check it.

use crate::args::NewArgs;
use crate::{date_option, out, Failure};
use plenary_core::agenda::{agenda, overview};
use plenary_core::forms::PlanForm;
use plenary_core::synth::{self, Spec};
use plenary_core::{check as checks, sample as samples, text, Store};
use std::path::Path;

pub fn sample(file: &Path, force: bool) -> Result<i32, Failure> {
    samples::write_sample(file, force)?;
    out(&format!(
        "Wrote the sample meeting week to {}\n",
        file.display()
    ))?;
    Ok(0)
}

pub fn new(a: NewArgs) -> Result<i32, Failure> {
    let form = PlanForm {
        title: a.title,
        time_zone: a.tz,
        first_day: a.from,
        last_day: a.to,
        convening_body: a.body,
        city: a.city,
        venue: a.venue,
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
    Store::create(&a.file, &plan, false)?;
    out(&format!("Created {}\n", a.file.display()))?;
    Ok(0)
}

pub fn show(file: &Path, day: Option<&str>, json: bool) -> Result<i32, Failure> {
    let store = Store::open(file)?;
    let day = day.map(|d| date_option("--day", d)).transpose()?;
    let ov = overview(&store)?;
    let ag = agenda(&store, day)?;
    if json {
        let value = serde_json::json!({ "overview": ov, "agenda": ag });
        out(&format!("{}\n", pretty(&value)?))?;
    } else {
        out(&text::render(&ov, &ag))?;
    }
    Ok(0)
}

/// The statistics of one event or of the whole week.
pub fn stats(file: &Path, event: Option<&str>, json: bool) -> Result<i32, Failure> {
    let store = Store::open(file)?;
    let event = event
        .map(|e| plenary_core::attendees::lookup::find_event(&store, e))
        .transpose()?;
    let stats = plenary_core::stats::stats(&store, event.map(|e| e.id))?;
    if json {
        let value = serde_json::to_value(&stats).map_err(|e| Failure(e.to_string()))?;
        out(&plenary_core::interop::canonical_json(value))?;
    } else {
        out(&text::lists::stats(&stats))?;
    }
    Ok(0)
}

/// Exits 1 when the plan has problems, so scripts can stop on them.
pub fn check(file: &Path, json: bool) -> Result<i32, Failure> {
    let store = Store::open(file)?;
    let problems = checks::check(&store)?;
    if json {
        // The listed conflicts, as before the list was capped.
        out(&format!("{}\n", pretty(&problems.conflicts)?))?;
    } else {
        // What is still to be confirmed is listed, but is not a problem:
        // it does not change the exit code.
        let unconfirmed = checks::unconfirmed(&store)?;
        out(&format!(
            "{}{}",
            text::lists::problems(&problems),
            text::lists::unconfirmed(&unconfirmed)
        ))?;
    }
    Ok(if problems.is_empty() { 0 } else { 1 })
}

pub fn generate(
    file: &Path,
    sessions: u32,
    rooms: u32,
    people: u32,
    days: u32,
    force: bool,
) -> Result<i32, Failure> {
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
    synth::generate(file, &spec)?;
    out(&format!(
        "Wrote a generated plan of {sessions} sessions in {rooms} rooms over {days} days to {}\n",
        file.display()
    ))?;
    Ok(0)
}

pub(crate) fn pretty(value: &impl serde::Serialize) -> Result<String, Failure> {
    serde_json::to_string_pretty(value).map_err(|e| Failure(e.to_string()))
}

/// `plenary copy`: a new plan from this one, on new dates.
pub fn copy(
    file: &Path,
    new: &Path,
    first_day: &str,
    title: Option<&str>,
    force: bool,
) -> Result<i32, Failure> {
    let first_day = date_option("--first-day", first_day)?;
    if new.exists() && !force {
        return Err(Failure(format!(
            "{} already exists; choose another name, or use --force to replace it",
            new.display()
        )));
    }
    if std::path::absolute(file).ok() == std::path::absolute(new).ok() {
        return Err(Failure(
            "NEW is the plan itself; choose another name".into(),
        ));
    }
    let store = Store::open(file)?;
    let done = plenary_core::interop::backup::copy_plan(&store, new, first_day, title, force)
        .map_err(|e| {
            crate::for_options(&[("title", "--title"), ("first_day", "--first-day")], e)
        })?;
    out(&text::lists::plan_copied(&done, &new.display().to_string()))?;
    Ok(0)
}
