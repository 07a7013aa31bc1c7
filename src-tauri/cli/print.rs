//! `plenary print`: a document to PDF, with no display needed.

use crate::args::PrintArgs;
use crate::{date_option, for_options, out, Failure};
use plenary_core::attendees::lookup;
use plenary_core::check as checks;
use plenary_core::print::{self, DocKind, Paper, PrintRequest, Variant};
use plenary_core::Store;

pub fn print(a: PrintArgs) -> Result<i32, Failure> {
    let kind = DocKind::from_key(&a.document).ok_or_else(|| {
        Failure(format!(
            "\"{}\" is not a document (use programme, participants, speakers, namecards, glance or doors)",
            a.document
        ))
    })?;
    let paper = match a.paper.as_str() {
        "a4" => Paper::A4,
        "letter" => Paper::Letter,
        other => return Err(Failure(format!("--paper: \"{other}\" is not a4 or letter"))),
    };
    let variant = match a.variant.as_str() {
        "public" => Variant::Public,
        "internal" => Variant::Internal,
        other => {
            return Err(Failure(format!(
                "--variant: \"{other}\" is not public or internal"
            )))
        }
    };
    let day = a.day.map(|d| date_option("--day", &d)).transpose()?;
    let issued = a.issued.map(|d| date_option("--issued", &d)).transpose()?;
    let mut store = Store::open(&a.file)?;
    let event_id = match a.event {
        Some(e) => Some(lookup::find_event(&store, &e)?.id),
        None => None,
    };
    let req = PrintRequest {
        kind,
        day,
        event_id,
        paper,
        variant,
        changes_since: a.changes_since,
        per_person: a.per_person,
        fit_each: a.fit_each,
        acronyms: a.acronyms,
        with_counts: !a.no_counts,
        mark_tbc: !a.no_tbc,
        descriptions: !a.no_descriptions,
        positions: !a.no_positions,
        status: a.status,
        issued,
    };
    // A version goes out to every delegation: not with problems unseen.
    if a.publish && !a.force && kind == DocKind::Programme && variant == Variant::Public {
        if let Some(problems) = checks::problems_sentence(&checks::open_problems(&store)?) {
            return Err(Failure(format!("{problems}; publish anyway with --force.")));
        }
    }
    let now = plenary_core::roster::wall_clock(&store.plan()?, chrono::Utc::now());
    let done =
        print::export_pdf(&mut store, &req, now, a.publish, &a.out, &mut |_| {}).map_err(|e| {
            for_options(
                &[("out", "--out"), ("day", "--day"), ("status", "--status")],
                e,
            )
        })?;
    // Text that printed as empty boxes is a warning: the PDF is written.
    for w in &done.warnings {
        eprintln!(
            "plenary: warning: {}",
            plenary_core::text::terminal_safe(w, false)
        );
    }
    out(&format!(
        "{}: {} page{}{}\n",
        a.out.display(),
        done.pages,
        if done.pages == 1 { "" } else { "s" },
        done.version
            .map(|n| format!(", published as version {n}"))
            .unwrap_or_default()
    ))?;
    Ok(0)
}
