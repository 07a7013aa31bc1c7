//! Programmes in and out: `import`, `export`, `restore`.

use crate::args::{ExportArgs, ImportArgs};
use crate::{out, Failure};
use plenary_core::attendees::lookup;
use plenary_core::interop::export::Scope;
use plenary_core::interop::import::{self, EventChoice, ImportOptions};
use plenary_core::interop::source::{self, ExportFormat, SourceFormat, SourceOptions};
use plenary_core::model::SessionKind;
use plenary_core::text::lists;
use plenary_core::{planner, Store};
use std::io::Write;
use std::path::Path;

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_source(path: &Path) -> Result<Vec<u8>, Failure> {
    let size = std::fs::metadata(path)
        .map_err(|e| Failure(format!("{}: {e}", path.display())))?
        .len();
    if size > source::MAX_SOURCE_BYTES as u64 {
        return Err(Failure(format!(
            "{} is larger than 50 MB; a programme import reads at most that",
            path.display()
        )));
    }
    std::fs::read(path).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

fn kinds(args: &[String]) -> Result<Vec<(String, SessionKind)>, Failure> {
    args.iter()
        .map(|arg| {
            let (source, kind) = arg
                .rsplit_once('=')
                .ok_or_else(|| Failure(format!("--kind: \"{arg}\" is not TYPE=KIND")))?;
            let kind = SessionKind::from_key(kind.trim()).ok_or_else(|| {
                let keys: Vec<&str> = SessionKind::ALL.iter().map(|k| k.key()).collect();
                Failure(format!(
                    "--kind: \"{kind}\" is not a kind ({})",
                    keys.join(", ")
                ))
            })?;
            Ok((source.trim().to_string(), kind))
        })
        .collect()
}

pub fn import(a: ImportArgs) -> Result<i32, Failure> {
    let format = SourceFormat::from_key(a.format.trim()).ok_or_else(|| {
        let keys: Vec<&str> = SourceFormat::ALL.iter().map(|f| f.key()).collect();
        Failure(format!(
            "--format: \"{}\" is not a format ({})",
            a.format,
            keys.join(", ")
        ))
    })?;
    let bytes = read_source(&a.source)?;
    let name = file_name(&a.source);
    let mut options = ImportOptions {
        event: EventChoice::Auto,
        kinds: kinds(&a.kind)?,
        skip_invalid: a.skip_invalid,
    };
    let mut read_options = SourceOptions {
        format: Some(format),
        columns: None,
        mapping: a.map.clone(),
        days: None,
        order: None,
    };
    if a.new {
        let zone = match &a.tz {
            Some(z) => Some(import::zone_named(z).map_err(|_| {
                Failure(format!(
                    "--tz: \"{z}\" is not an IANA time zone (e.g. Asia/Bangkok)"
                ))
            })?),
            None => None,
        };
        if let Some(e) = &a.event {
            options.event = EventChoice::Named(e.clone());
        }
        if a.file.exists() {
            return Err(Failure(format!(
                "{} already exists; --new makes a new plan",
                a.file.display()
            )));
        }
        let reading = source::read(&name, &bytes, &read_options)?;
        // The zone the source lacks is this command's --tz.
        let header = import::plan_header(&reading, zone).map_err(|e| match e {
            plenary_core::CoreError::Invalid(p) if p.iter().any(|p| p.field == "zone") => {
                Failure(format!("--tz: {}", p[0].message))
            }
            e => e.into(),
        })?;
        let probe = Store::in_memory(&header)?;
        let (_, preview) = import::plan_import(&probe, &reading, &options)?;
        if let Some(code) = stop_before_writing(&preview, a.dry_run, a.skip_invalid)? {
            return Ok(code);
        }
        let (_, preview) = import::new_plan(&a.file, &name, &reading, zone, &options, false)?;
        out(&lists::programme_import(&preview, false))?;
        return Ok(0);
    }
    if a.tz.is_some() {
        return Err(Failure(
            "--tz: only a new plan (--new) takes a time zone; the plan has its own".into(),
        ));
    }
    let mut store = crate::open_for(&a.file, !a.dry_run)?;
    let plan = store.plan()?;
    read_options.days = Some((plan.first_day, plan.last_day));
    read_options.order = Some(plan.date_order);
    if let Some(e) = &a.event {
        options.event = match lookup::find_event(&store, e) {
            Ok(found) => EventChoice::Existing(found.id),
            Err(_) => EventChoice::Named(e.clone()),
        };
    }
    let reading = source::read(&name, &bytes, &read_options)?;
    let (_, preview) = import::plan_import(&store, &reading, &options)?;
    if let Some(code) = stop_before_writing(&preview, a.dry_run, a.skip_invalid)? {
        return Ok(code);
    }
    let preview = import::import(&mut store, &name, &reading, &options)?;
    out(&lists::programme_import(&preview, false))?;
    Ok(0)
}

/// Prints the problems; then a dry run ends with its report (exit 1 when
/// there were problems), and problems without `--skip-invalid` end with a
/// refusal. `None`: go on and write.
fn stop_before_writing(
    preview: &import::ProgrammePreview,
    dry_run: bool,
    skip_invalid: bool,
) -> Result<Option<i32>, Failure> {
    eprint!("{}", lists::programme_problems(preview));
    let n = preview.problems.len();
    if dry_run {
        out(&lists::programme_import(preview, true))?;
        return Ok(Some(if n == 0 { 0 } else { 1 }));
    }
    if n > 0 && !skip_invalid {
        return Err(Failure(format!(
            "{n} problem{} above; nothing was written (fix them, or use --skip-invalid)",
            if n == 1 { "" } else { "s" }
        )));
    }
    Ok(None)
}

pub fn export(a: ExportArgs) -> Result<i32, Failure> {
    let format = ExportFormat::from_key(a.format.trim()).ok_or_else(|| {
        let keys: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.key()).collect();
        Failure(format!(
            "--format: \"{}\" is not a format ({})",
            a.format,
            keys.join(", ")
        ))
    })?;
    let to_stdout = a.out.as_os_str() == "-";
    if !to_stdout && a.out.exists() && !a.force {
        return Err(Failure(format!(
            "--out: {} already exists (use --force to replace it)",
            a.out.display()
        )));
    }
    let store = Store::open(&a.file)?;
    let scope = if let Some(e) = &a.event {
        Scope::Event(lookup::find_event(&store, e)?.id)
    } else if let Some(r) = &a.room {
        Scope::Room(planner::find_room(&store, r)?.id)
    } else if let Some(p) = &a.person {
        Scope::Person(lookup::find_person(&store, p)?.id)
    } else {
        Scope::Plan
    };
    let exported = source::export(&store, format, scope, chrono::Utc::now())?;
    drop(store);
    if to_stdout {
        let mut stdout = std::io::stdout().lock();
        return match stdout.write_all(&exported.bytes) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure(e.to_string())),
            _ => Ok(0),
        };
    }
    let done = source::write_file(&a.out, &exported)
        .map_err(|e| Failure(format!("--out: {}: {e}", a.out.display())))?;
    eprint!("{}", lists::export_done(&done));
    Ok(0)
}

pub fn restore(backup: &Path, file: &Path) -> Result<i32, Failure> {
    let bytes = std::fs::read(backup).map_err(|e| Failure(format!("{}: {e}", backup.display())))?;
    plenary_core::interop::backup::restore(&bytes, file, false)?;
    let store = Store::open(file)?;
    let plan = store.plan()?;
    out(&format!(
        "Restored “{}” ({} sessions) to {}\n",
        plan.title,
        store.session_count()?,
        file.display()
    ))?;
    Ok(0)
}
