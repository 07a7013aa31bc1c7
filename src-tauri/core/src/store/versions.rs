//! Published versions of the programme, kept in the plan file.

use super::Store;
use crate::error::{CoreError, Result};
use crate::model::Id;
use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct PublishedVersion {
    pub n: u32,
    pub at: NaiveDateTime,
}

/// How lists of delegations are ordered, beyond the event's co-chairs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ProtocolSettings {
    /// Listed before everyone, co-chairs included (the host country).
    pub host_organisation_id: Option<Id>,
    /// Leading words ignored when sorting names ("The", "Republic of").
    pub ignore_words: Vec<String>,
}

impl Store {
    pub fn protocol_settings(&self) -> Result<ProtocolSettings> {
        let (host, words): (Option<Id>, String) = self.conn.query_row(
            "SELECT host_organisation_id, ignore_words FROM protocol_setting WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(ProtocolSettings {
            host_organisation_id: host,
            ignore_words: words
                .split('|')
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect(),
        })
    }

    /// Saves the protocol settings; words are trimmed and blank ones dropped.
    pub fn set_protocol_settings(
        &mut self,
        settings: &ProtocolSettings,
    ) -> Result<ProtocolSettings> {
        if let Some(id) = settings.host_organisation_id {
            self.organisation(id).map_err(|_| {
                CoreError::invalid(
                    "host_organisation_id",
                    format!("Organisation {id} is not in this plan."),
                )
            })?;
        }
        let words: Vec<&str> = settings
            .ignore_words
            .iter()
            .map(|w| w.trim())
            .filter(|w| !w.is_empty())
            .collect();
        if let Some(w) = words
            .iter()
            .find(|w| w.contains('|') || w.chars().count() > 60)
        {
            return Err(CoreError::invalid(
                "ignore_words",
                format!("\"{w}\" cannot be an ignored word (at most 60 characters, no \"|\")."),
            ));
        }
        if words.len() > 30 {
            return Err(CoreError::invalid(
                "ignore_words",
                "At most 30 ignored words.",
            ));
        }
        self.edit("Changed the protocol order settings", |tx| {
            tx.execute(
                "UPDATE protocol_setting SET host_organisation_id = ?1, ignore_words = ?2 WHERE id = 1",
                params![settings.host_organisation_id, words.join("|")],
            )?;
            Ok(())
        })?;
        self.protocol_settings()
    }

    /// Records the next version with its snapshot; returns its number.
    pub fn publish_version(&mut self, snapshot: &str, at: NaiveDateTime) -> Result<u32> {
        let n = self.latest_version()?.unwrap_or(0) + 1;
        self.edit(&format!("Published version {n} of the programme"), |tx| {
            tx.execute(
                "INSERT INTO published_version (n, at, snapshot) VALUES (?1, ?2, ?3)",
                params![n, at, snapshot],
            )?;
            Ok(())
        })?;
        Ok(n)
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

    pub fn published_at(&self, n: u32) -> Result<Option<NaiveDateTime>> {
        Ok(self
            .conn
            .query_row("SELECT at FROM published_version WHERE n = ?1", [n], |r| {
                r.get(0)
            })
            .optional()?)
    }
}
