//! `plenary merge`, `plenary handover` and `plenary team`: two teams, one plan.

use crate::args::TakeArg;
use crate::plan::pretty;
use crate::{out, Failure};
use plenary_core::merge::{self, Picks, Take};
use plenary_core::text::lists;
use std::path::Path;

pub fn merge(
    ours: &Path,
    theirs: &Path,
    dry_run: bool,
    json: bool,
    take: Option<TakeArg>,
) -> Result<i32, Failure> {
    let mut store = crate::open_for(ours, !dry_run)?;
    let preview = merge::preview(&store, theirs)?;
    let undecided = !preview.clashes.is_empty() && take.is_none();
    let merged = if dry_run || undecided {
        None
    } else {
        let picks = match take {
            Some(TakeArg::Ours) => Picks::All(Take::Ours),
            Some(TakeArg::Theirs) => Picks::All(Take::Theirs),
            None => Picks::None,
        };
        Some(merge::merge(&mut store, theirs, &picks)?)
    };
    if json {
        let value = serde_json::json!({ "preview": preview, "merged": merged });
        out(&format!("{}\n", pretty(&value)?))?;
    } else {
        out(&lists::merge_preview(&preview))?;
        match &merged {
            Some(m) => {
                if let Some(step) = &m.step {
                    out(&format!(
                        "{step}. Undo with: plenary undo {}\n",
                        ours.display()
                    ))?;
                }
            }
            None if undecided => out(
                "Nothing was merged. Settle every clash with --take ours or --take theirs, \
                 or one by one in the window (File › Merge a plan from the other team…).\n",
            )?,
            None => out("Nothing was written (--dry-run).\n")?,
        }
    }
    Ok(if undecided { 1 } else { 0 })
}

pub fn handover(file: &Path, team: &str, copy: &Path) -> Result<i32, Failure> {
    let mut store = crate::open_to_edit(file)?;
    merge::handover(&mut store, team, copy)?;
    out(&format!(
        "Wrote {}'s copy to {}. Merge it back with: plenary merge {} {}\n",
        team.trim(),
        copy.display(),
        file.display(),
        copy.display()
    ))?;
    Ok(0)
}

pub fn team(file: &Path, name: Option<&str>) -> Result<i32, Failure> {
    let mut store = crate::open_for(file, name.is_some())?;
    match name {
        Some(name) => {
            merge::set_team(&mut store, name)?;
            out(&format!("This copy is now “{}”.\n", store.team()?))?;
        }
        None => {
            let team = store.team()?;
            if team.is_empty() {
                out("This copy has no team yet (plenary team FILE \"Australia team\").\n")?;
            } else {
                out(&format!("{team}\n"))?;
            }
        }
    }
    Ok(0)
}
