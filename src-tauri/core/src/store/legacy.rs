//! Plan files of versions 2 to 6 kept undo history as SQL text
//! (`history_sql`), written by triggers. Two things remain of that:
//!
//! - the text of those triggers, so that opening an older file can tell the
//!   triggers Plenary made from any others (see `schema_check`);
//! - a strict reader that turns the three statement shapes those triggers
//!   wrote into `history_change` rows. A statement of any other shape means
//!   the history is not Plenary's; it is dropped, never run.

use super::history::{tracked_table, Op};
use crate::error::Result;
use rusqlite::Connection;

/// The tracked tables of versions 2 to 6, in the order their triggers were
/// made; a table a version lacks is skipped.
const LEGACY_TRACKED: &[&str] = &[
    "plan",
    "event",
    "room",
    "session",
    "organisation",
    "person",
    "session_role",
    "event_cochair",
    "cohost",
    "participation",
    "attendance",
    "attendance_day",
    "accepted_conflict",
    "speaking_slot",
    "published_version",
    "protocol_setting",
];

/// The triggers an older Plenary made on `conn`'s schema, as
/// `(name, table, sql)`. Only ever run on a database this code built itself
/// (the expected schema of an older version), so its column names are ours.
pub fn trigger_sql(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let recording = "(SELECT recording FROM history_state WHERE id = 1)";
    let mut out = Vec::new();
    for table in LEGACY_TRACKED {
        let cols: Vec<String> = {
            let mut st = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
            let rows = st.query_map([table], |r| r.get::<_, String>(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if cols.is_empty() {
            continue;
        }
        let names = cols
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(",");
        let old_values = cols
            .iter()
            .map(|c| format!("quote(OLD.\"{c}\")"))
            .collect::<Vec<_>>()
            .join("||','||");
        let old_sets = cols
            .iter()
            .map(|c| format!("'\"{c}\"='||quote(OLD.\"{c}\")"))
            .collect::<Vec<_>>()
            .join("||','||");
        out.push((
            format!("history_{table}_insert"),
            table.to_string(),
            format!("CREATE TRIGGER history_{table}_insert AFTER INSERT ON \"{table}\" WHEN {recording} IS NOT NULL BEGIN
               INSERT INTO history_sql (step, sql) VALUES ({recording}, 'DELETE FROM \"{table}\" WHERE rowid='||NEW.rowid);
             END"),
        ));
        out.push((
            format!("history_{table}_update"),
            table.to_string(),
            format!("CREATE TRIGGER history_{table}_update AFTER UPDATE ON \"{table}\" WHEN {recording} IS NOT NULL BEGIN
               INSERT INTO history_sql (step, sql) VALUES ({recording}, 'UPDATE \"{table}\" SET '||{old_sets}||' WHERE rowid='||OLD.rowid);
             END"),
        ));
        out.push((
            format!("history_{table}_delete"),
            table.to_string(),
            format!("CREATE TRIGGER history_{table}_delete AFTER DELETE ON \"{table}\" WHEN {recording} IS NOT NULL BEGIN
               INSERT INTO history_sql (step, sql) VALUES ({recording}, 'INSERT INTO \"{table}\" (rowid,{names}) VALUES ('||OLD.rowid||','||{old_values}||')');
             END"),
        ));
    }
    Ok(out)
}

/// A value as SQLite's `quote()` wrote it.
#[derive(Debug, Clone, PartialEq)]
enum Literal {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
}

struct Reader<'a> {
    rest: &'a str,
}

impl<'a> Reader<'a> {
    fn eat(&mut self, word: &str) -> Option<()> {
        self.rest = self.rest.strip_prefix(word)?;
        Some(())
    }

    /// `"name"`: the old triggers quoted every table and column name.
    fn quoted_name(&mut self) -> Option<&'a str> {
        self.eat("\"")?;
        let end = self.rest.find('"')?;
        let (name, rest) = self.rest.split_at(end);
        self.rest = rest.strip_prefix('"')?;
        Some(name)
    }

    fn integer(&mut self) -> Option<i64> {
        let end = self
            .rest
            .char_indices()
            .find(|&(i, c)| !(c.is_ascii_digit() || (i == 0 && c == '-')))
            .map_or(self.rest.len(), |(i, _)| i);
        let (digits, rest) = self.rest.split_at(end);
        let n = digits.parse().ok()?;
        self.rest = rest;
        Some(n)
    }

    fn literal(&mut self) -> Option<Literal> {
        if self.eat("NULL").is_some() {
            return Some(Literal::Null);
        }
        if self.rest.starts_with('\'') {
            self.eat("'")?;
            let mut text = String::new();
            loop {
                let end = self.rest.find('\'')?;
                let (part, rest) = self.rest.split_at(end);
                text.push_str(part);
                self.rest = rest.strip_prefix('\'')?;
                if let Some(rest) = self.rest.strip_prefix('\'') {
                    text.push('\'');
                    self.rest = rest;
                } else {
                    return Some(Literal::Text(text));
                }
            }
        }
        let end = self
            .rest
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')))
            .unwrap_or(self.rest.len());
        let (number, rest) = self.rest.split_at(end);
        let literal = if let Ok(i) = number.parse::<i64>() {
            Literal::Integer(i)
        } else {
            let f: f64 = number.parse().ok()?;
            if !f.is_finite() {
                return None;
            }
            Literal::Real(f)
        };
        self.rest = rest;
        Some(literal)
    }

    fn done(&self) -> Option<()> {
        self.rest.is_empty().then_some(())
    }
}

/// A change read from an old statement: table, what was done, row, values.
type LegacyChange = (&'static str, Op, i64, Vec<(&'static str, Literal)>);

/// One statement an old trigger wrote, read as a change; `None` for anything
/// else.
fn read(sql: &str) -> Option<LegacyChange> {
    let mut r = Reader { rest: sql };
    let column = |cols: &[&'static str], name: &str| cols.iter().copied().find(|c| *c == name);
    if r.eat("DELETE FROM ").is_some() {
        let (table, _) = tracked_table(r.quoted_name()?)?;
        r.eat(" WHERE rowid=")?;
        let rowid = r.integer()?;
        r.done()?;
        return Some((table, Op::Insert, rowid, Vec::new()));
    }
    if r.eat("UPDATE ").is_some() {
        let (table, cols) = tracked_table(r.quoted_name()?)?;
        r.eat(" SET ")?;
        let mut values = Vec::new();
        loop {
            let col = column(cols, r.quoted_name()?)?;
            r.eat("=")?;
            values.push((col, r.literal()?));
            if r.eat(",").is_none() {
                break;
            }
        }
        r.eat(" WHERE rowid=")?;
        let rowid = r.integer()?;
        r.done()?;
        return Some((table, Op::Update, rowid, values));
    }
    r.eat("INSERT INTO ")?;
    let (table, cols) = tracked_table(r.quoted_name()?)?;
    r.eat(" (rowid")?;
    let mut names = Vec::new();
    while r.eat(",").is_some() {
        names.push(column(cols, r.quoted_name()?)?);
    }
    r.eat(") VALUES (")?;
    let rowid = r.integer()?;
    let mut values = Vec::new();
    for name in names {
        r.eat(",")?;
        values.push((name, r.literal()?));
    }
    r.eat(")")?;
    r.done()?;
    if values.is_empty() {
        return None;
    }
    Some((table, Op::Delete, rowid, values))
}

fn to_json(values: &[(&str, Literal)]) -> String {
    let map: serde_json::Map<String, serde_json::Value> = values
        .iter()
        .map(|(c, v)| {
            let v = match v {
                Literal::Null => serde_json::Value::Null,
                Literal::Integer(i) => (*i).into(),
                Literal::Real(f) => (*f).into(),
                Literal::Text(s) => s.clone().into(),
            };
            (c.to_string(), v)
        })
        .collect();
    serde_json::Value::Object(map).to_string()
}

/// Moves `history_sql` into `history_change` and drops it. If any statement
/// is not one the old triggers wrote, the whole history is dropped: a step
/// missing from the middle would make every earlier undo wrong.
pub fn convert_history(tx: &Connection) -> Result<()> {
    let statements: Vec<(i64, i64, String)> = {
        let mut st = tx.prepare("SELECT seq, step, sql FROM history_sql ORDER BY seq")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get::<_, String>(2).unwrap_or_default(),
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>().unwrap_or_default()
    };
    let mut changes = Vec::with_capacity(statements.len());
    for (seq, step, sql) in &statements {
        match read(sql) {
            Some((table, op, rowid, values)) => changes.push((
                *seq,
                *step,
                table,
                op,
                rowid,
                (op != Op::Insert).then(|| to_json(&values)),
            )),
            None => {
                changes.clear();
                tx.execute("DELETE FROM history_step", [])?;
                break;
            }
        }
    }
    {
        let mut insert = tx.prepare(
            "INSERT INTO history_change (seq, step, tbl, op, row_id, old) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (seq, step, table, op, rowid, old) in changes {
            insert.execute(rusqlite::params![seq, step, table, op.key(), rowid, old])?;
        }
    }
    tx.execute_batch("DROP TABLE history_sql;")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_the_statements_old_triggers_wrote() {
        let good = [
            ("DELETE FROM \"session\" WHERE rowid=12", Op::Insert, 12, 0),
            (
                "UPDATE \"session\" SET \"id\"=12,\"title\"='Panel: it''s on',\"start\"=NULL,\"pinned\"=0 WHERE rowid=12",
                Op::Update,
                12,
                4,
            ),
            (
                "INSERT INTO \"room\" (rowid,\"id\",\"name\",\"capacity\",\"notes\") VALUES (3,3,'Hall',-80,'')",
                Op::Delete,
                3,
                4,
            ),
        ];
        for (sql, op, rowid, n) in good {
            let (_, got_op, got_rowid, values) = read(sql).unwrap_or_else(|| panic!("{sql}"));
            assert_eq!((got_op, got_rowid, values.len()), (op, rowid, n), "{sql}");
        }
        let hostile = [
            "DROP TABLE person",
            "DELETE FROM \"person\"",
            "DELETE FROM \"session\" WHERE rowid=1; DROP TABLE person",
            "DELETE FROM \"sqlite_master\" WHERE rowid=1",
            "UPDATE \"session\" SET \"title\"=(SELECT 1) WHERE rowid=1",
            "UPDATE \"session\" SET \"nope\"=1 WHERE rowid=1",
            "UPDATE \"session\" SET \"title\"='x' WHERE rowid=1 OR 1",
            "INSERT INTO \"room\" (rowid,\"id\") VALUES (1,1); VACUUM INTO '/tmp/x'",
            "INSERT INTO \"room\" (rowid,\"id\",\"name\") VALUES (1,1)",
            "COMMIT; VACUUM INTO '/tmp/x'; BEGIN",
            "ATTACH '/tmp/x' AS d",
            "UPDATE \"room\" SET \"name\"='unterminated WHERE rowid=1",
            "",
        ];
        for sql in hostile {
            assert!(read(sql).is_none(), "{sql}");
        }
    }

    #[test]
    fn text_values_keep_quotes_and_any_script() {
        let (_, _, _, values) =
            read("UPDATE \"organisation\" SET \"name\"='Côte d''Ivoire — ประเทศไทย' WHERE rowid=7")
                .unwrap();
        assert_eq!(
            values,
            vec![("name", Literal::Text("Côte d'Ivoire — ประเทศไทย".into()))]
        );
    }
}
