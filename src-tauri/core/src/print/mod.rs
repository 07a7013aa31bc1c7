//! Printing: programme sheets, the participant list, speaker briefings and
//! name cards. `document` builds the intermediate form from the plan,
//! `render` lays it out with Typst into PDF or per-page SVG, and `changes`
//! keeps published versions and marks what changed since one.

pub mod changes;
pub mod document;
pub mod render;

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
}

/// A written PDF.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Exported {
    pub pages: u32,
    pub bytes: u32,
    /// The version this print published, if it published one.
    pub version: Option<u32>,
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
        None => changes::Changes::default(),
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
    progress(PrintProgress {
        stage: "Preparing".into(),
        done: 0,
        total: 1,
    });
    let (doc, _) = prepare(store, req, now, false)?;
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
        pages,
        stamp: doc.stamp,
        changes: doc.changes,
    })
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
    progress(PrintProgress {
        stage: "Preparing".into(),
        done: 0,
        total: 3,
    });
    let (doc, version) = prepare(store, req, now, publish)?;
    progress(PrintProgress {
        stage: "Laying out".into(),
        done: 1,
        total: 3,
    });
    let laid = render::layout(&doc)?;
    progress(PrintProgress {
        stage: "Writing".into(),
        done: 2,
        total: 3,
    });
    let bytes = render::pdf(&laid)?;
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
        version,
    })
}
