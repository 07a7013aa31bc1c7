//! Published versions of the programme, kept in the plan file.

use super::Store;
use crate::error::Result;
use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct PublishedVersion {
    pub n: u32,
    pub at: NaiveDateTime,
}

impl Store {
    /// Records version `n` of the programme with its snapshot, as one edit.
    pub fn publish_version(
        &mut self,
        n: u32,
        snapshot: &str,
        at: NaiveDateTime,
        summary: &str,
    ) -> Result<()> {
        self.edit(summary, |tx| {
            tx.execute(
                "INSERT INTO published_version (n, at, snapshot) VALUES (?1, ?2, ?3)",
                params![n, at, snapshot],
            )?;
            Ok(())
        })
    }

    pub fn latest_version(&self) -> Result<Option<u32>> {
        Ok(self
            .conn
            .query_row("SELECT max(n) FROM published_version", [], |r| r.get(0))?)
    }

    pub fn published_versions(&self) -> Result<Vec<PublishedVersion>> {
        self.select("SELECT n, at FROM published_version ORDER BY n", [], |r| {
            Ok(PublishedVersion {
                n: r.get(0)?,
                at: r.get(1)?,
            })
        })
    }

    pub fn published_snapshot(&self, n: u32) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT snapshot FROM published_version WHERE n = ?1",
                [n],
                |r| r.get(0),
            )
            .optional()?)
    }
}
