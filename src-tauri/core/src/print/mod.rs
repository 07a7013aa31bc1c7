//! Printing: programme sheets, the participant list, speaker briefings,
//! name cards, the day at a glance, room door sheets and the day report
//! (`report`). `document` builds the intermediate form from the plan,
//! `render` lays it out with Typst into PDF or per-page SVG, and `changes`
//! keeps published versions and marks what changed since one. The app's
//! binaries never lay out themselves: they send the document to
//! `plenary-print` through `worker` (`PreviewJob::draw_by`,
//! `PdfJob::write_by`), the one binary that links Typst.

pub mod changes;
pub mod document;
pub mod glance;
pub mod render;
pub mod report;
pub mod worker;

use crate::error::{CoreError, Result};
use crate::store::Store;
use chrono::NaiveDateTime;
pub use document::{DocKind, Paper, PrintRequest, Printable, Variant};
pub use render::PrintProgress;
use serde::{Deserialize, Serialize};
use specta::Type;

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

    /// Lays the pages out in this process (the worker's way, and tests').
    pub fn draw(self, progress: &mut dyn FnMut(PrintProgress)) -> Result<Preview> {
        let doc = self.0;
        Ok(Preview {
            pages: render::svg_pages(&doc, progress)?,
            warnings: render::missing_glyphs(&doc),
            stamp: doc.stamp,
            changes: doc.changes,
        })
    }

    /// Lays the pages out in `worker`, the app's way.
    pub fn draw_by(
        self,
        worker: &worker::Worker,
        progress: &mut dyn FnMut(PrintProgress),
    ) -> Result<Preview> {
        let doc = self.0;
        let drawn = worker.preview(&doc, progress)?;
        Ok(Preview {
            pages: drawn.pages,
            warnings: drawn.warnings,
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

    /// Lays out and writes in this process (the worker's way, and tests').
    pub fn write(self, progress: &mut dyn FnMut(PrintProgress)) -> Result<Exported> {
        let (pages, bytes) = render::write_pdf(&self.doc, &self.out, progress)?;
        Ok(Exported {
            pages,
            bytes,
            version: self.version,
            warnings: render::missing_glyphs(&self.doc),
        })
    }

    /// Lays out and writes in `worker`, the app's way.
    pub fn write_by(
        self,
        worker: &worker::Worker,
        progress: &mut dyn FnMut(PrintProgress),
    ) -> Result<Exported> {
        let written = worker.pdf(&self.doc, &self.out, progress)?;
        Ok(Exported {
            pages: written.pages,
            bytes: written.bytes,
            version: self.version,
            warnings: written.warnings,
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
