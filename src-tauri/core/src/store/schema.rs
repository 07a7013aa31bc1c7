//! Forward-only migrations. Entry N takes a file from user_version N to N+1.
//! Never edit a released entry; append a new one.

pub const MIGRATIONS: &[&str] = &[
    // 1: the foundation model.
    r#"
CREATE TABLE plan (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL,
    convening_body TEXT NOT NULL DEFAULT '',
    venue TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    time_zone TEXT NOT NULL,
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    day_start TEXT NOT NULL DEFAULT '08:00:00',
    day_end TEXT NOT NULL DEFAULT '18:00:00',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE event (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE TABLE room (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    capacity INTEGER,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX room_name ON room(name COLLATE NOCASE);
CREATE TABLE session (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    start TEXT,
    "end" TEXT,
    room_id INTEGER REFERENCES room(id) ON DELETE SET NULL,
    description TEXT NOT NULL DEFAULT '',
    agenda_item TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    CHECK ((start IS NULL) = ("end" IS NULL))
);
CREATE INDEX session_start ON session(start);
CREATE INDEX session_event ON session(event_id);
CREATE INDEX session_room ON session(room_id);
CREATE TABLE organisation (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    acronym TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    country_code TEXT
);
CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    honorific TEXT NOT NULL DEFAULT '',
    given_name TEXT NOT NULL DEFAULT '',
    family_name TEXT NOT NULL DEFAULT '',
    position TEXT NOT NULL DEFAULT '',
    organisation_id INTEGER REFERENCES organisation(id) ON DELETE SET NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX person_organisation ON person(organisation_id);
CREATE TABLE session_role (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    person_id INTEGER REFERENCES person(id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisation(id) ON DELETE CASCADE,
    note TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    CHECK (person_id IS NOT NULL OR organisation_id IS NOT NULL)
);
CREATE INDEX session_role_session ON session_role(session_id);
CREATE INDEX session_role_person ON session_role(person_id);
CREATE TABLE event_cochair (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    role_label TEXT NOT NULL DEFAULT '',
    day TEXT,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX event_cochair_event ON event_cochair(event_id);
CREATE TABLE cohost (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    session_id INTEGER REFERENCES session(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE
);
CREATE TABLE participation (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    level TEXT NOT NULL DEFAULT '',
    UNIQUE (event_id, organisation_id)
);
CREATE TABLE attendance (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    registration TEXT NOT NULL,
    UNIQUE (event_id, person_id)
);
CREATE TABLE attendance_day (
    attendance_id INTEGER NOT NULL REFERENCES attendance(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    PRIMARY KEY (attendance_id, day)
);
"#,
    // 2: planning: pins, planner settings, accepted conflicts, and the
    // undo history (see history.rs; its triggers are installed in code).
    r#"
ALTER TABLE session ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE plan ADD COLUMN snap_minutes INTEGER NOT NULL DEFAULT 5;
ALTER TABLE plan ADD COLUMN changeover_minutes INTEGER NOT NULL DEFAULT 0;
CREATE TABLE accepted_conflict (
    key TEXT PRIMARY KEY,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE history_step (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    summary TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE history_sql (
    seq INTEGER PRIMARY KEY,
    step INTEGER NOT NULL REFERENCES history_step(id) ON DELETE CASCADE,
    sql TEXT NOT NULL
);
CREATE INDEX history_sql_step ON history_sql(step);
CREATE TABLE history_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    recording INTEGER
);
INSERT INTO history_state (id, recording) VALUES (1, NULL);
"#,
    // 3: people and attendance: delegation capacity, check-in times, the
    // organisation's official name (protocol order), and external ids of
    // imported people (an Indico registrant id, a pretalx speaker code).
    r#"
ALTER TABLE attendance ADD COLUMN capacity TEXT NOT NULL DEFAULT '';
ALTER TABLE attendance_day ADD COLUMN checked_in_at TEXT;
ALTER TABLE organisation ADD COLUMN official_name TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
CREATE INDEX person_email ON person(email COLLATE NOCASE);
CREATE INDEX attendance_person ON attendance(person_id);
"#,
    // 4: speaking lists: delegations in order, each with a time budget.
    r#"
CREATE TABLE speaking_slot (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    minutes INTEGER NOT NULL DEFAULT 3,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX speaking_slot_session ON speaking_slot(session_id);
"#,
    // 5: published versions of the programme, each with a snapshot of its
    // sessions (JSON) for "changes since version N".
    r#"
CREATE TABLE published_version (
    n INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    snapshot TEXT NOT NULL
);
"#,
    // 6: protocol order settings: a host listed first, and the leading
    // words ignored when sorting names ('|'-separated).
    r#"
CREATE TABLE protocol_setting (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    host_organisation_id INTEGER REFERENCES organisation(id) ON DELETE SET NULL,
    ignore_words TEXT NOT NULL
);
INSERT INTO protocol_setting (id, host_organisation_id, ignore_words)
VALUES (1, NULL, 'The|Republic of the|Republic of|Kingdom of|State of');
"#,
    // 7: undo history as data. Each change names a tracked table, what was
    // done to a row, and the row's former values as JSON; undo applies them
    // with the app's own statements. The SQL text of `history_sql` is
    // converted by a strict reader and dropped (see legacy.rs).
    r#"
CREATE TABLE history_change (
    seq INTEGER PRIMARY KEY,
    step INTEGER NOT NULL REFERENCES history_step(id) ON DELETE CASCADE,
    tbl TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    row_id INTEGER NOT NULL,
    old TEXT
);
CREATE INDEX history_change_step ON history_change(step);
"#,
    // 8: stable identities. Every record that crosses a file boundary
    // (import, export, backup, merge) gets a UUID; the integer ids stay
    // internal. Existing rows get random (version 4) UUIDs.
    r#"
ALTER TABLE plan ADD COLUMN uid TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN uid TEXT NOT NULL DEFAULT '';
ALTER TABLE room ADD COLUMN uid TEXT NOT NULL DEFAULT '';
ALTER TABLE session ADD COLUMN uid TEXT NOT NULL DEFAULT '';
ALTER TABLE organisation ADD COLUMN uid TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN uid TEXT NOT NULL DEFAULT '';
ALTER TABLE session_role ADD COLUMN uid TEXT NOT NULL DEFAULT '';
UPDATE plan SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
UPDATE event SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
UPDATE room SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
UPDATE session SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
UPDATE organisation SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
UPDATE person SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
UPDATE session_role SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX plan_uid ON plan(uid);
CREATE UNIQUE INDEX event_uid ON event(uid);
CREATE UNIQUE INDEX room_uid ON room(uid);
CREATE UNIQUE INDEX session_uid ON session(uid);
CREATE UNIQUE INDEX organisation_uid ON organisation(uid);
CREATE UNIQUE INDEX person_uid ON person(uid);
CREATE UNIQUE INDEX session_role_uid ON session_role(uid);
"#,
    // 9: programmes as organisers write them: a session on a day whose
    // times are not yet known, "to be confirmed" sessions and roles, a
    // webcast link, how each person takes part, how the plan reads dates
    // written with numbers, and whether lists group roles by kind.
    r#"
ALTER TABLE session ADD COLUMN day TEXT;
ALTER TABLE session ADD COLUMN tentative INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session ADD COLUMN link TEXT NOT NULL DEFAULT '';
ALTER TABLE session_role ADD COLUMN tentative INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session_role ADD COLUMN presence TEXT NOT NULL DEFAULT 'in_person';
ALTER TABLE plan ADD COLUMN date_order TEXT NOT NULL DEFAULT 'dmy';
ALTER TABLE plan ADD COLUMN group_roles INTEGER NOT NULL DEFAULT 0;
"#,
    // 10: when speakers are asked to be in the room, in minutes before
    // their session, printed on their briefings.
    r#"
ALTER TABLE plan ADD COLUMN call_minutes INTEGER NOT NULL DEFAULT 15;
"#,
    // 11: the Co-Chairs' Summary as the rapporteur edited it, one row per
    // section, with the draft each edit was made against (so a later draft
    // that differs is offered beside the edit, never over it); a person's
    // gender where recorded; whether a panel of one gender is a problem.
    r#"
CREATE TABLE summary_section (
    key TEXT PRIMARY KEY,
    drafted TEXT NOT NULL,
    edited TEXT NOT NULL
);
ALTER TABLE person ADD COLUMN gender TEXT NOT NULL DEFAULT '';
ALTER TABLE plan ADD COLUMN check_panel_gender INTEGER NOT NULL DEFAULT 0;
"#,
    // 12: running the meeting. What happened is kept apart from what was
    // planned: a session's actual start and end, whether it was cancelled
    // (kept, not deleted), and who replaced the person in a role (the role
    // keeps its original holder, shown as replaced).
    r#"
ALTER TABLE session ADD COLUMN actual_start TEXT;
ALTER TABLE session ADD COLUMN actual_end TEXT;
ALTER TABLE session ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session_role ADD COLUMN replaced_by INTEGER REFERENCES person(id) ON DELETE SET NULL;
"#,
    // 13: the live speaking list. When each delegation's turn actually
    // began and ended (plan wall clock), kept on its slot apart from the
    // planned minutes.
    r#"
ALTER TABLE speaking_slot ADD COLUMN spoke_start TEXT;
ALTER TABLE speaking_slot ADD COLUMN spoke_end TEXT;
"#,
    // 14: two teams, one plan. Who this copy is (set once per copy), and
    // the common base of the last exchange: the state both copies shared
    // when the copy was handed over or the other team's file last merged,
    // as records keyed by their stable identities (`store::merge`), with
    // the lineage both copies carry and a count of exchanges.
    r#"
ALTER TABLE plan ADD COLUMN team TEXT NOT NULL DEFAULT '';
CREATE TABLE merge_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    lineage TEXT NOT NULL,
    generation INTEGER NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE merge_base (
    tbl TEXT NOT NULL,
    key TEXT NOT NULL,
    fields TEXT NOT NULL,
    PRIMARY KEY (tbl, key)
);
"#,
    // 15: the change log of a copy handed over (`store::change_log`): what
    // SQLite's session extension recorded since the log began, as one
    // changeset. Outside the undo history: an undo is itself recorded.
    r#"
CREATE TABLE merge_log (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    changes BLOB NOT NULL
);
"#,
];

/// Tables whose changes undo and redo cover, with their columns in the
/// current schema. Undo history names a table and columns only through this
/// list: nothing read from a file ever becomes part of a statement.
pub const TRACKED: &[(&str, &[&str])] = &[
    (
        "plan",
        &[
            "id",
            "title",
            "convening_body",
            "venue",
            "city",
            "time_zone",
            "first_day",
            "last_day",
            "day_start",
            "day_end",
            "notes",
            "snap_minutes",
            "changeover_minutes",
            "uid",
            "date_order",
            "group_roles",
            "call_minutes",
            "check_panel_gender",
            "team",
        ],
    ),
    (
        "event",
        &[
            "id",
            "title",
            "short_name",
            "first_day",
            "last_day",
            "description",
            "uid",
        ],
    ),
    ("room", &["id", "name", "capacity", "notes", "uid"]),
    (
        "session",
        &[
            "id",
            "event_id",
            "title",
            "kind",
            "start",
            "end",
            "room_id",
            "description",
            "agenda_item",
            "outcome",
            "notes",
            "pinned",
            "uid",
            "day",
            "tentative",
            "link",
            "actual_start",
            "actual_end",
            "cancelled",
        ],
    ),
    (
        "organisation",
        &[
            "id",
            "name",
            "acronym",
            "category",
            "country_code",
            "official_name",
            "uid",
        ],
    ),
    (
        "person",
        &[
            "id",
            "honorific",
            "given_name",
            "family_name",
            "position",
            "organisation_id",
            "email",
            "phone",
            "notes",
            "external_id",
            "uid",
            "gender",
        ],
    ),
    (
        "session_role",
        &[
            "id",
            "session_id",
            "role",
            "person_id",
            "organisation_id",
            "note",
            "position",
            "uid",
            "tentative",
            "presence",
            "replaced_by",
        ],
    ),
    (
        "event_cochair",
        &[
            "id",
            "event_id",
            "organisation_id",
            "person_id",
            "role_label",
            "day",
            "position",
        ],
    ),
    (
        "cohost",
        &["id", "event_id", "session_id", "organisation_id"],
    ),
    (
        "participation",
        &["id", "event_id", "organisation_id", "status", "level"],
    ),
    (
        "attendance",
        &["id", "event_id", "person_id", "registration", "capacity"],
    ),
    ("attendance_day", &["attendance_id", "day", "checked_in_at"]),
    ("accepted_conflict", &["key", "note"]),
    (
        "speaking_slot",
        &[
            "id",
            "session_id",
            "organisation_id",
            "person_id",
            "minutes",
            "position",
            "spoke_start",
            "spoke_end",
        ],
    ),
    ("published_version", &["n", "at", "snapshot"]),
    (
        "protocol_setting",
        &["id", "host_organisation_id", "ignore_words"],
    ),
    ("summary_section", &["key", "drafted", "edited"]),
    ("merge_state", &["id", "lineage", "generation", "at"]),
    ("merge_base", &["tbl", "key", "fields"]),
];

/// Columns of tracked tables added since undo history became data, with the
/// version that added each. A file of an older version recorded its history
/// with triggers that list its columns without these.
pub const ADDED_COLUMNS: &[(i64, &str, &str)] = &[
    (8, "plan", "uid"),
    (8, "event", "uid"),
    (8, "room", "uid"),
    (8, "session", "uid"),
    (8, "organisation", "uid"),
    (8, "person", "uid"),
    (8, "session_role", "uid"),
    (9, "session", "day"),
    (9, "session", "tentative"),
    (9, "session", "link"),
    (9, "session_role", "tentative"),
    (9, "session_role", "presence"),
    (9, "plan", "date_order"),
    (9, "plan", "group_roles"),
    (10, "plan", "call_minutes"),
    (11, "person", "gender"),
    (11, "plan", "check_panel_gender"),
    (12, "session", "actual_start"),
    (12, "session", "actual_end"),
    (12, "session", "cancelled"),
    (12, "session_role", "replaced_by"),
    (13, "speaking_slot", "spoke_start"),
    (13, "speaking_slot", "spoke_end"),
    (14, "plan", "team"),
];

/// Tracked tables added since undo history became data, with the version
/// that added each: a file of an older version has no triggers for them.
pub const ADDED_TABLES: &[(i64, &str)] = &[
    (11, "summary_section"),
    (14, "merge_state"),
    (14, "merge_base"),
];

/// `TRACKED` as a file of `version` has it: without the columns added later.
pub fn tracked_at(version: i64) -> Vec<(&'static str, Vec<&'static str>)> {
    TRACKED
        .iter()
        .filter(|(table, _)| {
            !ADDED_TABLES
                .iter()
                .any(|(v, added)| *v > version && added == table)
        })
        .map(|(table, cols)| {
            let kept = cols
                .iter()
                .copied()
                .filter(|c| {
                    !ADDED_COLUMNS
                        .iter()
                        .any(|(v, t, added)| *v > version && t == table && added == c)
                })
                .collect();
            (*table, kept)
        })
        .collect()
}

/// Tables whose records carry a stable UUID (`uid`, from version 8).
pub const WITH_UID: &[&str] = &[
    "plan",
    "event",
    "room",
    "session",
    "organisation",
    "person",
    "session_role",
];

/// The first version whose undo history is data (`history_change`) rather
/// than SQL text (`history_sql`, versions 2 to 6).
pub const HISTORY_AS_DATA: i64 = 7;

/// Marks a SQLite file as a Plenary plan ("PLNY").
pub const APPLICATION_ID: i64 = 0x504C_4E59;

pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}
