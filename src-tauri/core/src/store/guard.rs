//! What stands between a plan file from anyone and the app: every
//! connection is defensive, and a file is checked read-only (header,
//! version, the exact schema Plenary makes, SQLite's own integrity check and
//! every row) before anything writes to it.

use super::{legacy, schema, verify};
use crate::error::{CoreError, Result};
use rusqlite::limits::Limit;
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Sets every connection so that nothing a file holds can reach beyond it:
/// no attached databases, no extensions, no functions with side effects
/// from the schema, no writes to the schema tables.
pub fn harden(conn: &Connection) -> Result<()> {
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    conn.set_limit(Limit::SQLITE_LIMIT_ATTACHED, 0)?;
    // A row or statement from a file cannot ask for gigabytes.
    conn.set_limit(Limit::SQLITE_LIMIT_LENGTH, 256 << 20)?;
    conn.set_limit(Limit::SQLITE_LIMIT_SQL_LENGTH, 1 << 20)?;
    // Damaged pages are found as errors rather than read past.
    conn.pragma_update(None, "cell_size_check", "ON")?;
    // Extension loading stays off: rusqlite is built without it, and SQLite
    // keeps load_extension() disabled unless a program turns it on.
    Ok(())
}

/// A flag the window sets to abandon an open that takes too long.
#[derive(Clone, Default)]
pub struct OpenCancel(Arc<CancelInner>);

#[derive(Default)]
struct CancelInner {
    cancelled: AtomicBool,
    running: Mutex<Option<rusqlite::InterruptHandle>>,
}

impl OpenCancel {
    pub fn new() -> Self {
        Self::default()
    }

    /// Stops the open at its next step, interrupting a long query.
    pub fn cancel(&self) {
        self.0.cancelled.store(true, Ordering::SeqCst);
        if let Some(handle) = self.lock().as_ref() {
            handle.interrupt();
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.cancelled.load(Ordering::SeqCst)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<rusqlite::InterruptHandle>> {
        self.0.running.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Follows `conn` until the next call; fails at once if already cancelled.
    pub(super) fn watch(&self, conn: &Connection) -> Result<()> {
        *self.lock() = Some(conn.get_interrupt_handle());
        self.check()
    }

    pub(super) fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(CoreError::Cancelled)
        } else {
            Ok(())
        }
    }
}

/// The SQLite header fields read straight from the file's first bytes.
struct Header {
    application_id: u32,
    user_version: i32,
}

fn read_header(path: &Path) -> std::io::Result<Option<Header>> {
    let mut bytes = [0u8; 100];
    match std::fs::File::open(path)?.read_exact(&mut bytes) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    if !bytes.starts_with(b"SQLite format 3\0") {
        return Ok(None);
    }
    let word = |at: usize| [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
    Ok(Some(Header {
        user_version: i32::from_be_bytes(word(60)),
        application_id: u32::from_be_bytes(word(68)),
    }))
}

/// One object of a schema: (type, name, table, sql).
type SchemaRow = (String, String, String, Option<String>);

fn schema_rows(conn: &Connection) -> rusqlite::Result<Vec<SchemaRow>> {
    let mut st =
        conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    rows.collect()
}

/// What Plenary's own migrations make at `version`: the objects a file of
/// that version must have, and, for older versions, triggers it may have.
struct Expected {
    required: Vec<SchemaRow>,
    allowed_triggers: Vec<SchemaRow>,
}

fn build_expected(version: i64) -> Result<Expected> {
    let mut conn = Connection::open_in_memory()?;
    if version >= schema::HISTORY_AS_DATA {
        super::migrate_to(&mut conn, version)?;
        let required = schema_rows(&conn)?;
        return Ok(Expected {
            required,
            allowed_triggers: Vec::new(),
        });
    }
    for sql in &schema::MIGRATIONS[..version as usize] {
        conn.execute_batch(sql)?;
    }
    let required = schema_rows(&conn)?;
    // Older versions re-made their triggers at every migration; which tables
    // had them depended on the release, so each is allowed, none required.
    let allowed_triggers = if version >= 2 {
        legacy::trigger_sql(&conn)?
            .into_iter()
            .map(|(name, table, sql)| ("trigger".to_string(), name, table, Some(sql)))
            .collect()
    } else {
        Vec::new()
    };
    Ok(Expected {
        required,
        allowed_triggers,
    })
}

fn expected(version: i64) -> Result<&'static Expected> {
    // Built once per version and process; `inspect` has already checked
    // that `version` is between 1 and the current one.
    static CACHE: OnceLock<Vec<OnceLock<Expected>>> = OnceLock::new();
    let slots = CACHE.get_or_init(|| {
        (0..=schema::current_version())
            .map(|_| OnceLock::new())
            .collect()
    });
    let slot = &slots[version as usize];
    if let Some(e) = slot.get() {
        return Ok(e);
    }
    let built = build_expected(version)?;
    Ok(slot.get_or_init(|| built))
}

fn foreign(path: &Path) -> CoreError {
    CoreError::Damaged(format!(
        "{} contains objects Plenary did not create; it was not opened.",
        path.display()
    ))
}

/// Opens `path` read-only, with SQLite's locks: another Plenary may be
/// writing the file at this moment, and a read that ignored it could see a
/// half-written page and call a good plan damaged.
fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// Checks a plan file without writing to it; returns its schema version.
/// Reading a file in WAL mode makes SQLite create its `-wal` and `-shm`
/// files; when the file is refused, those it made (and left empty) go again.
pub fn inspect(path: &Path, cancel: &OpenCancel) -> Result<i64> {
    let wal = super::sidecar(path, "-wal");
    let shm = super::sidecar(path, "-shm");
    let had = (wal.exists(), shm.exists());
    let result = inspect_file(path, cancel);
    if result.is_err() {
        let empty_wal = std::fs::metadata(&wal).is_ok_and(|m| m.len() == 0);
        if !had.0 && empty_wal {
            let _ = std::fs::remove_file(&wal);
            if !had.1 {
                let _ = std::fs::remove_file(&shm);
            }
        }
    }
    result
}

fn inspect_file(path: &Path, cancel: &OpenCancel) -> Result<i64> {
    let not_a_plan = || CoreError::NotAPlan { path: path.into() };
    let meta = std::fs::metadata(path)?;
    if meta.len() > verify::MAX_FILE_BYTES {
        return Err(CoreError::Damaged(format!(
            "{} is larger than Plenary opens ({} MB); it was not opened.",
            path.display(),
            verify::MAX_FILE_BYTES >> 20
        )));
    }
    // Without a write-ahead log the header is the whole truth, and most
    // files that are not plans stop here, before SQLite reads them. With
    // one, page 1 may be newer in the log: SQLite's view below decides.
    if !super::sidecar(path, "-wal").exists() {
        let header = read_header(path)?.ok_or_else(not_a_plan)?;
        if i64::from(header.application_id) != schema::APPLICATION_ID {
            return Err(not_a_plan());
        }
        check_version(path, i64::from(header.user_version))?;
    }

    let conn = open_read_only(path).map_err(|_| not_a_plan())?;
    harden(&conn)?;
    // Another Plenary may be writing the file right now (WAL readers still
    // wait during a checkpoint): wait as long as a write would.
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    cancel.watch(&conn)?;
    let failed = |e, other| interrupted(path, e, other);
    // The header may be stale when a write-ahead log holds newer pages.
    let (app_id, version): (i64, i64) = conn
        .query_row(
            "SELECT application_id, user_version FROM pragma_application_id, pragma_user_version",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| failed(e, not_a_plan()))?;
    if app_id != schema::APPLICATION_ID {
        return Err(not_a_plan());
    }
    check_version(path, version)?;

    let found = schema_rows(&conn).map_err(|e| failed(e, not_a_plan()))?;
    check_schema(path, version, &found)?;
    cancel.check()?;

    let integrity: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| failed(e, damaged(path, "SQLite cannot read it")))?;
    if integrity != "ok" {
        return Err(damaged(path, "SQLite found it damaged"));
    }
    cancel.check()?;
    let sound = if version == schema::current_version() {
        verify::file_is_sound(&conn)
    } else {
        verify::older_plan_is_sound(&conn)
    };
    cancel.check()?;
    sound.map_err(|why| damaged(path, &why))?;
    Ok(version)
}

/// What a failed read of `path` means: the user cancelled, the file is
/// damaged, another writer holds it, or `other`.
fn interrupted(path: &Path, e: rusqlite::Error, other: CoreError) -> CoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::OperationInterrupted) => CoreError::Cancelled,
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => damaged(path, "SQLite found it damaged"),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            CoreError::Database(e)
        }
        _ => other,
    }
}

/// `found` must hold every table, index and trigger a plan of `version`
/// has, and nothing else but the triggers older releases made.
fn check_schema(path: &Path, version: i64, found: &[SchemaRow]) -> Result<()> {
    let expected = expected(version)?;
    let mut unmatched: Vec<&SchemaRow> = expected.required.iter().collect();
    for row in found {
        if let Some(i) = unmatched.iter().position(|e| *e == row) {
            unmatched.swap_remove(i);
        } else if !expected.allowed_triggers.contains(row) {
            return Err(foreign(path));
        }
    }
    if !unmatched.is_empty() {
        // A table of ours is missing or different: an unfinished or foreign
        // file, or the right id on something else.
        let missing_plan = unmatched.iter().any(|(_, name, _, _)| name == "plan");
        return Err(if missing_plan {
            CoreError::NotAPlan { path: path.into() }
        } else {
            foreign(path)
        });
    }
    Ok(())
}

fn damaged(path: &Path, why: &str) -> CoreError {
    CoreError::Damaged(format!("{} cannot be opened: {why}.", path.display()))
}

fn check_version(path: &Path, version: i64) -> Result<()> {
    if version > schema::current_version() {
        return Err(CoreError::NewerVersion {
            path: path.into(),
            found: version,
            supported: schema::current_version(),
        });
    }
    if version < 1 {
        return Err(CoreError::NotAPlan { path: path.into() });
    }
    Ok(())
}
