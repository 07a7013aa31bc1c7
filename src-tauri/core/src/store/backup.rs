//! The whole plan as rows, for the full backup, and a plan made again from
//! such rows. Table and column names come only from `schema::TRACKED`;
//! every value is bound as a parameter.

use super::{schema, verify, Store};
use crate::error::{CoreError, Result};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Transaction};

/// One table's rows, each as (column, value) in the table's column order.
pub type TableRows = (&'static str, Vec<Vec<(&'static str, Value)>>);

/// One table's rows as a backup file gives them: names not yet checked.
pub type LoadedRows = (String, Vec<Vec<(String, Value)>>);

/// The tables a backup holds, parents before the rows that refer to them:
/// every tracked table (the undo history is not part of a backup).
pub fn backup_tables() -> impl Iterator<Item = (&'static str, &'static [&'static str])> {
    schema::TRACKED.iter().copied()
}

impl Store {
    /// Every row of every table a backup holds, in row order.
    pub fn dump(&self) -> Result<Vec<TableRows>> {
        let mut out = Vec::new();
        for (table, cols) in backup_tables() {
            let names = cols
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let mut st = self
                .conn
                .prepare(&format!("SELECT {names} FROM \"{table}\" ORDER BY rowid"))?;
            let rows = st.query_map([], |r| {
                let mut row = Vec::with_capacity(cols.len());
                for (i, c) in cols.iter().enumerate() {
                    row.push((*c, r.get::<_, Value>(i)?));
                }
                Ok(row)
            })?;
            out.push((table, rows.collect::<rusqlite::Result<Vec<_>>>()?));
        }
        Ok(out)
    }

    /// Replaces the plan's contents with `tables` (as `dump` gives them),
    /// outside the undo history, and checks the result as a file is checked
    /// on open. A column the table does not have is refused by name.
    pub fn load(&mut self, tables: &[LoadedRows]) -> Result<()> {
        if let Some((name, _)) = tables
            .iter()
            .find(|(name, _)| !backup_tables().any(|(t, _)| t == name))
        {
            return Err(CoreError::invalid(
                "file",
                format!(
                    "The backup has a table “{}” Plenary does not know.",
                    verify::clean(name, 40)
                ),
            ));
        }
        self.bulk(|tx| {
            for (table, _) in backup_tables().collect::<Vec<_>>().iter().rev() {
                tx.execute(&format!("DELETE FROM \"{table}\""), [])?;
            }
            // Parents first, whatever order the file lists tables in.
            for (table, cols) in backup_tables() {
                for (_, rows) in tables.iter().filter(|(name, _)| name == table) {
                    insert_rows(tx, table, cols, rows)?;
                }
            }
            verify::plan_is_sound(tx).map_err(|why| {
                CoreError::invalid("file", format!("The backup cannot be restored: {why}."))
            })?;
            Ok(())
        })
    }
}

fn insert_rows(
    tx: &Transaction,
    table: &'static str,
    cols: &'static [&'static str],
    rows: &[Vec<(String, Value)>],
) -> Result<()> {
    for (n, row) in rows.iter().enumerate() {
        let mut names = Vec::with_capacity(row.len());
        let mut values = Vec::with_capacity(row.len());
        for (col, value) in row {
            let Some(known) = cols.iter().find(|c| *c == col) else {
                return Err(CoreError::invalid(
                    "file",
                    format!(
                        "Row {} of “{table}” has a field “{}” Plenary does not know.",
                        n + 1,
                        verify::clean(col, 40)
                    ),
                ));
            };
            names.push(format!("\"{known}\""));
            values.push(value.clone());
        }
        // A backup from before stable identities gets them now.
        let (uid_name, uid_value) =
            if schema::WITH_UID.contains(&table) && !row.iter().any(|(c, _)| c == "uid") {
                (", \"uid\"", concat!(", ", new_uid!()))
            } else {
                ("", "")
            };
        let marks = (1..=values.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO \"{table}\" ({}{uid_name}) VALUES ({marks}{uid_value})",
            names.join(", ")
        );
        tx.prepare_cached(&sql)?
            .execute(params_from_iter(values.iter()))
            .map_err(|e| {
                CoreError::invalid(
                    "file",
                    format!(
                        "Row {} of “{table}” cannot be restored: {}.",
                        n + 1,
                        verify::clean(&e.to_string(), 120)
                    ),
                )
            })?;
    }
    Ok(())
}
