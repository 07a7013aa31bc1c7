//! `plenary print`: a document to PDF, with no display needed; `plenary
//! summary`: the Co-Chairs' Summary as Markdown, Word or PDF; `plenary
//! report`: the day report as text, CSV or PDF.

use crate::args::{PrintArgs, ReportArgs, SummaryArgs};
use crate::{date_option, for_options, out, Failure};
use plenary_core::attendees::lookup;
use plenary_core::check as checks;
use plenary_core::print::worker::Worker;
use plenary_core::print::{self, DocKind, Paper, PrintRequest, Variant};
use plenary_core::summary::export::{self, SummaryExport, SummaryFormat};
use plenary_core::summary::{self as summaries, AttendanceSource};
use plenary_core::Store;

pub fn print(a: PrintArgs) -> Result<i32, Failure> {
    let kind = DocKind::from_key(&a.document).ok_or_else(|| {
        Failure(format!(
            "\"{}\" is not a document (use programme, participants, speakers, namecards, glance, doors, summary or report)",
            a.document
        ))
    })?;
    let paper = paper_option(&a.paper)?;
    let attendance = attendance_option(&a.attendance)?;
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
    let mut store = crate::open_for(&a.file, a.publish)?;
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
        attendance,
    };
    // A version goes out to every delegation: not with problems unseen.
    if a.publish && !a.force && kind == DocKind::Programme && variant == Variant::Public {
        if let Some(problems) = checks::problems_sentence(&checks::open_problems(&store)?) {
            return Err(Failure(format!("{problems}; publish anyway with --force.")));
        }
    }
    let now = plenary_core::roster::wall_clock(&store.plan()?, chrono::Utc::now());
    // The layout runs in plenary-print, beside this program.
    let done = print::PdfJob::prepare(&mut store, &req, now, a.publish, &a.out, &mut |_| {})
        .and_then(|job| job.write_by(&Worker::beside_this_program(), &mut |_| {}))
        .map_err(|e| {
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

fn paper_option(text: &str) -> Result<Paper, Failure> {
    match text {
        "a4" => Ok(Paper::A4),
        "letter" => Ok(Paper::Letter),
        other => Err(Failure(format!("--paper: \"{other}\" is not a4 or letter"))),
    }
}

fn attendance_option(text: &str) -> Result<AttendanceSource, Failure> {
    AttendanceSource::from_key(text).ok_or_else(|| {
        Failure(format!(
            "--attendance: \"{text}\" is not registered or checked-in"
        ))
    })
}

pub fn summary(a: SummaryArgs) -> Result<i32, Failure> {
    let paper = paper_option(&a.paper)?;
    let source = attendance_option(&a.attendance)?;
    let format = match (&a.format, &a.out) {
        (Some(f), _) => SummaryFormat::from_key(f)
            .ok_or_else(|| Failure(format!("--format: \"{f}\" is not docx, pdf or md")))?,
        (None, Some(out)) => SummaryFormat::from_path(out).ok_or_else(|| {
            Failure(format!(
                "--format: {} does not end in .docx, .pdf or .md; give --format docx, pdf or md",
                out.display()
            ))
        })?,
        (None, None) => SummaryFormat::Markdown,
    };
    let store = Store::open(&a.file)?;
    let Some(path) = a.out else {
        if format != SummaryFormat::Markdown {
            return Err(Failure(format!(
                "--out: a {} needs a file to go to",
                format.label()
            )));
        }
        let s = summaries::summary(&store, source)?;
        out(&summaries::markdown::markdown(&s))?;
        return Ok(0);
    };
    let now = plenary_core::roster::wall_clock(&store.plan()?, chrono::Utc::now());
    let req = SummaryExport {
        format,
        source,
        paper,
    };
    let done = export::SummaryJob::prepare(&store, &req, now, &path)
        .and_then(|job| job.write_by(&Worker::beside_this_program()))
        .map_err(|e| for_options(&[("out", "--out"), ("format", "--format")], e))?;
    for w in &done.warnings {
        eprintln!(
            "plenary: warning: {}",
            plenary_core::text::terminal_safe(w, false)
        );
    }
    let pages = match done.pages {
        Some(1) => "1 page, ".to_string(),
        Some(n) => format!("{n} pages, "),
        None => String::new(),
    };
    let left = match done.placeholders {
        0 => "no placeholders left".to_string(),
        1 => "1 placeholder left".to_string(),
        n => format!("{n} placeholders left"),
    };
    out(&format!("Wrote {} ({pages}{left})\n", path.display()))?;
    Ok(0)
}

pub fn report(a: ReportArgs) -> Result<i32, Failure> {
    let paper = paper_option(&a.paper)?;
    let day = date_option("--day", &a.day)?;
    let mut store = Store::open(&a.file)?;
    let r = plenary_core::report::day_report(&store, day)
        .map_err(|e| for_options(&[("day", "--day")], e))?;
    if let Some(path) = &a.csv {
        plenary_core::report::export_csv(&store, day, path)
            .map_err(|e| for_options(&[("out", "--csv")], e))?;
    }
    if let Some(path) = &a.pdf {
        let req = PrintRequest {
            day: Some(day),
            paper,
            ..PrintRequest::new(DocKind::Report)
        };
        let now = plenary_core::roster::wall_clock(&store.plan()?, chrono::Utc::now());
        let done = print::PdfJob::prepare(&mut store, &req, now, false, path, &mut |_| {})
            .and_then(|job| job.write_by(&Worker::beside_this_program(), &mut |_| {}))
            .map_err(|e| for_options(&[("out", "--pdf")], e))?;
        for w in &done.warnings {
            eprintln!(
                "plenary: warning: {}",
                plenary_core::text::terminal_safe(w, false)
            );
        }
    }
    if a.json {
        out(&format!("{}\n", crate::plan::pretty(&r)?))?;
    } else if a.csv.is_none() && a.pdf.is_none() {
        out(&plenary_core::text::lists::day_report(&r))?;
    } else {
        for (what, path) in [("CSV", &a.csv), ("PDF", &a.pdf)] {
            if let Some(p) = path {
                out(&format!(
                    "Wrote the day report ({what}) to {}\n",
                    p.display()
                ))?;
            }
        }
    }
    Ok(0)
}
