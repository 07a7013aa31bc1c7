//! Printing: programme sheets, the participant list, speaker briefings,
//! name cards, the day at a glance, room door sheets and the day report
//! (`report`). `document` builds the intermediate form from the plan,
//! `render` lays it out with Typst into PDF or per-page SVG, and `changes`
//! keeps published versions and marks what changed since one.

pub mod changes;
pub mod document;
pub mod glance;
pub mod render;
pub mod report;

use crate::error::{CoreError, Result};
use crate::store::Store;
use chrono::NaiveDateTime;
pub use document::{DocKind, Paper, PrintRequest, Printable, Variant};
use serde::{Deserialize, Serialize};
use specta::Type;

/// How far a long print has got, for a progress bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct PrintProgress {
    /// "Preparing", "Laying out", "Writing".
    pub stage: String,
    pub done: u32,
    pub total: u32,
}

/// The pages of a preview, as SVG, with the stamp they carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Preview {
    pub pages: Vec<String>,
    pub stamp: String,
    /// The changes list shown at the top, when marks were asked for.
    pub changes: Vec<String>,
    /// Text that would print as empty boxes, one line per field
    /// (`render::missing_glyphs`).
    pub warnings: Vec<String>,
}

/// A written PDF.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Exported {
    pub pages: u32,
    pub bytes: u32,
    /// The version this print published, if it published one.
    pub version: Option<u32>,
    /// Text that printed as empty boxes, one line per field
    /// (`render::missing_glyphs`); the PDF is written all the same.
    pub warnings: Vec<String>,
}

/// The document `req` asks for, stamped with `now` (the plan's wall clock).
/// With `publish`, the programme is first recorded as the next version and
/// stamped with it; only the public programme can be published.
pub fn prepare(
    store: &mut Store,
    req: &PrintRequest,
    now: NaiveDateTime,
    publish: bool,
) -> Result<(Printable, Option<u32>)> {
    let marks = match req.changes_since {
        Some(n) if req.kind == DocKind::Programme => changes::since(store, n)?,
        Some(_) => {
            return Err(CoreError::invalid(
                "changes_since",
                "Change marks are for the programme only.",
            ))
        }
        None => document::Changes::default(),
    };
    let (stamp, version) = if publish {
        if req.kind != DocKind::Programme || req.variant != Variant::Public {
            return Err(CoreError::invalid(
                "publish",
                "Only the public programme is published as a version.",
            ));
        }
        // Build first so that a document that cannot be made publishes nothing.
        document::build(store, req, String::new(), &marks)?;
        let n = changes::publish(store, now)?;
        (changes::version_stamp(n, now), Some(n))
    } else if req.kind == DocKind::Programme && req.variant == Variant::Public {
        let stamp = match changes::unchanged_version(store)? {
            Some(v) => changes::version_stamp(v.n, v.at),
            None => changes::draft_stamp(now),
        };
        (stamp, None)
    } else {
        (changes::draft_stamp(now), None)
    };
    Ok((document::build(store, req, stamp, &marks)?, version))
}

pub fn preview(
    store: &mut Store,
    req: &PrintRequest,
    now: NaiveDateTime,
    progress: &mut dyn FnMut(PrintProgress),
) -> Result<Preview> {
    PreviewJob::prepare(store, req, now, progress)?.draw(progress)
}

/// A preview whose document has been read from the plan; drawing it needs
/// no store, so the window lets go of the plan while Typst lays it out.
pub struct PreviewJob(Printable);

impl PreviewJob {
    pub fn prepare(
        store: &mut Store,
        req: &PrintRequest,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(PrintProgress),
    ) -> Result<Self> {
        progress(PrintProgress {
            stage: "Preparing".into(),
            done: 0,
            total: 1,
        });
        Ok(PreviewJob(prepare(store, req, now, false)?.0))
    }

    pub fn draw(self, progress: &mut dyn FnMut(PrintProgress)) -> Result<Preview> {
        let doc = self.0;
        progress(PrintProgress {
            stage: "Laying out".into(),
            done: 0,
            total: 1,
        });
        let laid = render::layout(&doc)?;
        let total = laid.pages.len() as u32;
        let mut pages = Vec::with_capacity(laid.pages.len());
        for (i, page) in laid.pages.iter().enumerate() {
            progress(PrintProgress {
                stage: "Drawing".into(),
                done: i as u32,
                total,
            });
            pages.push(typst_svg::svg(page));
        }
        Ok(Preview {
            warnings: render::missing_glyphs(&doc),
            pages,
            stamp: doc.stamp,
            changes: doc.changes,
        })
    }
}

/// Refuses to write a PDF over the open plan, or over any other plan (any
/// SQLite file): the plan would be gone, replaced by its own printout.
pub fn refuse_plan_as_output(store: &Store, out: &std::path::Path) -> Result<()> {
    let is_plan = |out: &std::path::Path| -> bool {
        let same = match (store.path(), out.canonicalize()) {
            (Some(plan), Ok(out)) => plan.canonicalize().is_ok_and(|plan| plan == out),
            _ => false,
        };
        let mut head = [0u8; 16];
        let sqlite = std::fs::File::open(out)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
            .is_ok()
            && &head == b"SQLite format 3\0";
        same || sqlite
    };
    if is_plan(out) {
        return Err(CoreError::invalid(
            "out",
            format!(
                "{} is a plan, not a PDF; choose another file to write.",
                out.display()
            ),
        ));
    }
    Ok(())
}

/// Writes the PDF of `req` to `out`, publishing first when asked.
pub fn export_pdf(
    store: &mut Store,
    req: &PrintRequest,
    now: NaiveDateTime,
    publish: bool,
    out: &std::path::Path,
    progress: &mut dyn FnMut(PrintProgress),
) -> Result<Exported> {
    PdfJob::prepare(store, req, now, publish, out, progress)?.write(progress)
}

/// A PDF whose document has been read from the plan (and published, if
/// asked); laying it out and writing it needs no store.
pub struct PdfJob {
    doc: Printable,
    version: Option<u32>,
    out: std::path::PathBuf,
}

impl PdfJob {
    pub fn prepare(
        store: &mut Store,
        req: &PrintRequest,
        now: NaiveDateTime,
        publish: bool,
        out: &std::path::Path,
        progress: &mut dyn FnMut(PrintProgress),
    ) -> Result<Self> {
        refuse_plan_as_output(store, out)?;
        progress(PrintProgress {
            stage: "Preparing".into(),
            done: 0,
            total: 3,
        });
        let (doc, version) = prepare(store, req, now, publish)?;
        Ok(PdfJob {
            doc,
            version,
            out: out.to_path_buf(),
        })
    }

    pub fn write(self, progress: &mut dyn FnMut(PrintProgress)) -> Result<Exported> {
        progress(PrintProgress {
            stage: "Laying out".into(),
            done: 1,
            total: 3,
        });
        let laid = render::layout(&self.doc)?;
        progress(PrintProgress {
            stage: "Writing".into(),
            done: 2,
            total: 3,
        });
        let bytes = render::pdf(&laid)?;
        let out = &self.out;
        std::fs::write(out, &bytes).map_err(|e| {
            CoreError::invalid(
                "out",
                format!("{} could not be written: {e}", out.display()),
            )
        })?;
        progress(PrintProgress {
            stage: "Done".into(),
            done: 3,
            total: 3,
        });
        Ok(Exported {
            pages: laid.pages.len() as u32,
            bytes: bytes.len() as u32,
            version: self.version,
            warnings: render::missing_glyphs(&self.doc),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_is_never_written_over_a_plan() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("week.plenary");
        let other = dir.path().join("other week.plenary");
        let mut store = crate::sample::write_sample(&plan, false).unwrap();
        drop(crate::sample::write_sample(&other, false).unwrap());
        let before = std::fs::read(&other).unwrap();
        let now = store
            .plan()
            .unwrap()
            .first_day
            .and_hms_opt(7, 0, 0)
            .unwrap();
        let req = PrintRequest::new(DocKind::Programme);
        let relative = dir.path().join(".").join("week.plenary");
        for out in [&plan, &relative, &other] {
            let err = export_pdf(&mut store, &req, now, false, out, &mut |_| {}).unwrap_err();
            assert!(err.to_string().starts_with("out: "), "{err}");
            assert!(err.to_string().contains("is a plan, not a PDF"), "{err}");
        }
        assert_eq!(std::fs::read(&other).unwrap(), before);
        assert!(store.plan().is_ok(), "the open plan is still a plan");
        assert!(refuse_plan_as_output(&store, &dir.path().join("programme.pdf")).is_ok());
    }
}
