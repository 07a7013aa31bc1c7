//! Tauri commands: thin adapters from IPC to plenary-core.

use crate::about::{self, About, LogFolder};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::hall::Screens;
use crate::kiosk::Kiosk;
use crate::log_file;
use crate::placement::Places;
use crate::recent::RecentFile;
use crate::state::{AppState, PlanFile, Startup};
use crate::windows::Plans;
use chrono::NaiveDate;
use plenary_core::agenda::{self, Agenda, Overview};
use plenary_core::attendees;
use plenary_core::attendees::import::{ImportField, ImportPreview, ImportProgress, ImportSummary};
use plenary_core::attendees::lookup::ItineraryEntry;
use plenary_core::board::{self, Board};
use plenary_core::check::{self, Conflict, ConflictList, Unconfirmed};
use plenary_core::edit::{self, Impact};
use plenary_core::forms::{self, EventForm, PlanForm, RoomForm, SessionForm};
use plenary_core::forms::{OrganisationForm, PersonForm};
use plenary_core::forms::{WhenReading, WhenText};
use plenary_core::interop::backup::PlanCopy;
use plenary_core::interop::{
    self,
    export::Scope,
    import::{self, ProgrammePreview},
    source::{self, ExportDone, ExportFormat, ImportRequest, ImportView},
};
use plenary_core::live;
use plenary_core::merge::{self, MergePreview, Merged, Resolution};
use plenary_core::model::{
    Cohost, EventCochair, Organisation, ParticipationStatus, Person, RegistrationStatus, RoleKind,
    SessionRole,
};
use plenary_core::model::{Event, Id, Room, Session};
use plenary_core::planner::{self, BreakRequest, RetimeRequest, SequenceBlock};
use plenary_core::print::{self, Exported, Preview, PrintProgress, PrintRequest};
use plenary_core::roster::{self, Desk, Roster};
use plenary_core::run;
use plenary_core::speaking::{self, SpeakingList};
use plenary_core::store::{
    CochairEntry, PersonHit, ProtocolSettings, PublishedVersion, RoleEntry, SlotEntry,
};
use plenary_core::store::{HistoryStep, UndoState};
use plenary_core::summary::export::{SummaryExport, SummaryWritten};
use plenary_core::summary::{self, AttendanceSource, Summary};
use plenary_core::vocabulary::{self, Vocabulary};
use std::path::{Path, PathBuf};
use tauri::ipc::Channel;
use tauri::State;

/// The calling window's plan and what goes with it (see `windows`).
type S<'a> = crate::windows::WindowPlan<'a>;

#[tauri::command]
#[specta::specta]
pub fn startup(state: S) -> ApiResult<Startup> {
    state.startup()
}

/// Opens what `startup` named as `opening`.
#[tauri::command]
#[specta::specta]
pub async fn open_at_start(state: S<'_>) -> ApiResult<PlanFile> {
    let state = state.inner().clone();
    off_the_window(move || state.open_at_start()).await
}

/// Opens `path` in this window, in place of its plan; a plan another window
/// has brings that window forward instead.
#[tauri::command]
#[specta::specta]
pub async fn open_plan(plans: State<'_, Plans>, state: S<'_>, path: String) -> ApiResult<PlanFile> {
    if let Some(other) = plans.holder(Path::new(&path)) {
        if other != state.owner() {
            plans.focus(&other);
            return Err(crate::state::open_elsewhere(Path::new(&path)));
        }
    }
    let state = state.inner().clone();
    off_the_window(move || state.open(Path::new(&path))).await
}

/// File › New window: another main window, on its welcome screen.
#[tauri::command]
#[specta::specta]
pub async fn new_window(plans: State<'_, Plans>) -> ApiResult<()> {
    in_place("new_window", || plans.open_window(None).map(|_| ()))
}

/// File › Close window (Ctrl+W): closes the calling window as its close
/// button does, so a locked kiosk keeps it; its plan and hall displays go
/// with it, and Plenary ends with its last window.
#[tauri::command]
#[specta::specta]
pub fn close_window(plans: State<'_, Plans>, state: S) -> ApiResult<()> {
    in_place("close_window", || plans.close(state.owner()))
}

/// Stops the open in progress; false when there was none any more.
#[tauri::command]
#[specta::specta]
pub fn cancel_open(state: S) -> bool {
    state.cancel_open()
}

/// The window has drawn the plan: it joins the recent list (returned).
#[tauri::command]
#[specta::specta]
pub fn plan_shown(state: S, path: String) -> Vec<RecentFile> {
    state.shown(&path)
}

/// Puts the window where it was when the plan at `path` was shown last
/// (size, position, maximised or full screen) and answers the page it
/// showed then, for the window to show again.
#[tauri::command]
#[specta::specta]
pub fn restore_window(state: S, places: State<Places>, path: String) -> Option<String> {
    places.restore(state.owner(), &path)
}

/// The window shows `page` of the plan at `path`: remembered for next time.
#[tauri::command]
#[specta::specta]
pub fn remember_page(places: State<Places>, path: String, page: String) {
    places.remember_page(&path, &page)
}

/// Changes whenever another process has saved a change to the plan: a
/// window showing it read-only asks now and then, and reads again on a change.
#[tauri::command]
#[specta::specta]
pub fn plan_revision(state: S) -> ApiResult<i64> {
    state.with(|s| s.data_version())
}

/// Runs long work (opening a plan, checking it, laying out print, reading
/// and writing CSV) on a blocking thread, so the window's thread stays free
/// to paint progress and to reach `cancel_open`.
async fn off_the_window<T: Send + 'static>(
    work: impl FnOnce() -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    off_the_window_as(log_file::command_of(&work), work).await
}

/// `off_the_window` for the command named `command`: its time and any fault
/// go to the log, as `log_file::watch` does for a plain command.
async fn off_the_window_as<T: Send + 'static>(
    command: &'static str,
    work: impl FnOnce() -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let started = std::time::Instant::now();
    let done = tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::new(ErrorCode::Io, format!("The work stopped unexpectedly: {e}")))
        .and_then(|done| done);
    let failed = done.as_ref().err().map(|e| e.code);
    log_file::finished(command, started.elapsed(), failed);
    done
}

/// An `async` command's work that stays where it is (making a window must
/// not block the window's thread): timed and its fault logged, as
/// `off_the_window` does.
fn in_place<T>(command: &'static str, work: impl FnOnce() -> ApiResult<T>) -> ApiResult<T> {
    let started = std::time::Instant::now();
    let done = work();
    log_file::finished(
        command,
        started.elapsed(),
        done.as_ref().err().map(|e| e.code),
    );
    done
}

/// A read of the open plan, off the window's thread: on a large plan the
/// read models take long enough to stall the window, and a print or an
/// import may be holding the plan.
async fn reading<T: Send + 'static>(
    state: S<'_>,
    read: impl FnOnce(&plenary_core::Store) -> plenary_core::Result<T> + Send + 'static,
) -> ApiResult<T> {
    let state = state.inner().clone();
    off_the_window_as(log_file::command_of(&read), move || state.with(read)).await
}

/// Creates a plan at `path`, replacing a file there: the save dialog has
/// already asked the user.
#[tauri::command]
#[specta::specta]
pub fn new_plan(state: S, path: String, form: PlanForm) -> ApiResult<PlanFile> {
    let plan = form.validate().map_err(plenary_core::CoreError::Invalid)?;
    state.create(&PathBuf::from(path), &plan)
}

#[tauri::command]
#[specta::specta]
pub fn save_copy_as(state: S, path: String) -> ApiResult<()> {
    refuse_another_windows_plan(&state, &path)?;
    state.with(|s| s.save_copy(&PathBuf::from(path)))
}

#[tauri::command]
#[specta::specta]
pub fn recent_files(state: S) -> Vec<RecentFile> {
    state.recent()
}

#[tauri::command]
#[specta::specta]
pub fn forget_recent(state: S, path: String) -> Vec<RecentFile> {
    state.forget_recent(&path)
}

#[tauri::command]
#[specta::specta]
pub fn vocabulary() -> Vocabulary {
    vocabulary::vocabulary()
}

#[tauri::command]
#[specta::specta]
pub async fn overview(state: S<'_>) -> ApiResult<Overview> {
    reading(state, agenda::overview).await
}

#[tauri::command]
#[specta::specta]
pub async fn agenda(state: S<'_>, day: Option<NaiveDate>) -> ApiResult<Agenda> {
    reading(state, move |s| agenda::agenda(s, day)).await
}

#[tauri::command]
#[specta::specta]
pub async fn check_plan(state: S<'_>) -> ApiResult<ConflictList> {
    reading(state, check::check).await
}

/// Before a version is published: "The plan has 3 problems (…)", counting
/// the problems not accepted, or nothing when there are none.
#[tauri::command]
#[specta::specta]
pub async fn publish_problems(state: S<'_>) -> ApiResult<Option<String>> {
    reading(state, |s| {
        Ok(check::problems_sentence(&check::open_problems(s)?))
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn unconfirmed_items(state: S<'_>) -> ApiResult<Vec<Unconfirmed>> {
    reading(state, check::unconfirmed).await
}

#[tauri::command]
#[specta::specta]
pub fn plan_form(state: S) -> ApiResult<PlanForm> {
    state.with(|s| Ok(PlanForm::from(&s.plan()?)))
}

#[tauri::command]
#[specta::specta]
pub fn update_plan(state: S, form: PlanForm) -> ApiResult<PlanFile> {
    state.with_mut(|s| edit::plan::update_plan(s, &form))?;
    state.current()?.ok_or_else(ApiError::no_plan)
}

#[tauri::command]
#[specta::specta]
pub fn event_form(state: S, id: Id) -> ApiResult<EventForm> {
    state.with(|s| Ok(EventForm::from(&s.event(id)?)))
}

#[tauri::command]
#[specta::specta]
pub fn create_event(state: S, form: EventForm) -> ApiResult<Event> {
    state.with_mut(|s| edit::events::create_event(s, &form))
}

#[tauri::command]
#[specta::specta]
pub fn update_event(state: S, id: Id, form: EventForm) -> ApiResult<Event> {
    state.with_mut(|s| edit::events::update_event(s, id, &form))
}

#[tauri::command]
#[specta::specta]
pub fn delete_event(state: S, id: Id) -> ApiResult<()> {
    state.with_mut(|s| edit::events::delete_event(s, id))
}

/// How a form reads the day and times typed so far, before Save.
#[tauri::command]
#[specta::specta]
pub fn read_when(state: S, text: WhenText) -> ApiResult<WhenReading> {
    state.with(|s| Ok(forms::read_when(&s.plan()?, &text)))
}

#[tauri::command]
#[specta::specta]
pub fn session_form(state: S, id: Id) -> ApiResult<SessionForm> {
    state.with(|s| Ok(SessionForm::from(&s.session(id)?)))
}

#[tauri::command]
#[specta::specta]
pub fn create_session(state: S, form: SessionForm) -> ApiResult<Session> {
    state.with_mut(|s| edit::sessions::create_session(s, &form))
}

#[tauri::command]
#[specta::specta]
pub fn update_session(state: S, id: Id, form: SessionForm) -> ApiResult<Session> {
    state.with_mut(|s| edit::sessions::update_session(s, id, &form))
}

/// A session and its ordered roles, saved as one step (a new session when `id` is null).
#[tauri::command]
#[specta::specta]
pub fn save_session_with_roles(
    state: S,
    id: Option<Id>,
    form: SessionForm,
    roles: Vec<RoleEntry>,
) -> ApiResult<Session> {
    state.with_mut(|s| edit::sessions::save_session_with_roles(s, id, &form, &roles))
}

#[tauri::command]
#[specta::specta]
pub fn delete_session(state: S, id: Id) -> ApiResult<()> {
    state.with_mut(|s| edit::sessions::delete_session(s, id))
}

#[tauri::command]
#[specta::specta]
pub fn create_room(state: S, form: RoomForm) -> ApiResult<Room> {
    state.with_mut(|s| edit::rooms::create_room(s, &form))
}

#[tauri::command]
#[specta::specta]
pub fn update_room(state: S, id: Id, form: RoomForm) -> ApiResult<Room> {
    state.with_mut(|s| edit::rooms::update_room(s, id, &form))
}

#[tauri::command]
#[specta::specta]
pub fn delete_room(state: S, id: Id) -> ApiResult<()> {
    state.with_mut(|s| edit::rooms::delete_room(s, id))
}

#[tauri::command]
#[specta::specta]
pub fn undo(state: S) -> ApiResult<Option<String>> {
    state.with_mut(|s| s.undo())
}

#[tauri::command]
#[specta::specta]
pub fn redo(state: S) -> ApiResult<Option<String>> {
    state.with_mut(|s| s.redo())
}

#[tauri::command]
#[specta::specta]
pub fn undo_state(state: S) -> ApiResult<UndoState> {
    state.with(|s| s.undo_state())
}

#[tauri::command]
#[specta::specta]
pub async fn change_log(state: S<'_>, limit: u32) -> ApiResult<Vec<HistoryStep>> {
    reading(state, move |s| s.history(limit as i64)).await
}

/// Moves a session to `start` ("YYYY-MM-DDTHH:MM[:SS]"), keeping its length;
/// `room_id` moves it to that room too.
#[tauri::command]
#[specta::specta]
pub fn move_session(state: S, id: Id, start: String, room_id: Option<Id>) -> ApiResult<Session> {
    state.with_mut(|s| {
        let start = planner::parse_start("start", &start)?;
        planner::move_session(s, id, start, room_id.map(Some))
    })
}

#[tauri::command]
#[specta::specta]
pub fn set_session_times(state: S, id: Id, start: String, end: String) -> ApiResult<Session> {
    state.with_mut(|s| {
        let (start, end) = (
            planner::parse_start("start", &start)?,
            planner::parse_start("end", &end)?,
        );
        planner::set_times(s, id, start, end)
    })
}

#[tauri::command]
#[specta::specta]
pub fn unschedule_session(state: S, id: Id) -> ApiResult<Session> {
    state.with_mut(|s| planner::unschedule(s, id))
}

#[tauri::command]
#[specta::specta]
pub fn set_pinned(state: S, id: Id, pinned: bool) -> ApiResult<Session> {
    state.with_mut(|s| edit::sessions::set_pinned(s, id, pinned))
}

#[tauri::command]
#[specta::specta]
pub fn sequence(state: S, day: NaiveDate, room_id: Id) -> ApiResult<Vec<SequenceBlock>> {
    state.with(|s| planner::sequence(s, day, room_id))
}

#[tauri::command]
#[specta::specta]
pub fn retime(state: S, request: RetimeRequest) -> ApiResult<()> {
    state.with_mut(|s| planner::retime(s, &request).map(|_| ()))
}

/// What `retime` would do with `request`; writes nothing.
#[tauri::command]
#[specta::specta]
pub fn preview_retime(state: S, request: RetimeRequest) -> ApiResult<planner::RetimePreview> {
    state.with(|s| planner::preview_retime(s, &request))
}

/// The plan's day at `at` ("YYYY-MM-DD HH:MM", plan wall clock), or now: each room's session on now and next.
#[tauri::command]
#[specta::specta]
pub async fn today(state: S<'_>, at: Option<String>) -> ApiResult<run::Today> {
    let rehearsal = state.rehearsal_now();
    reading(state, move |s| {
        run::today(s, run_moment(s, at.as_deref(), rehearsal)?)
    })
    .await
}

/// The hall display of `room_id` at `at` ("YYYY-MM-DD HH:MM"), or now.
#[tauri::command]
#[specta::specta]
pub async fn hall(state: S<'_>, room_id: Id, at: Option<String>) -> ApiResult<run::Hall> {
    let rehearsal = state.rehearsal_now();
    reading(state, move |s| {
        run::hall(s, room_id, run_moment(s, at.as_deref(), rehearsal)?)
    })
    .await
}

/// A screen the hall display can be put on.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct MonitorInfo {
    /// What `open_hall` takes to choose this screen.
    pub index: u32,
    pub name: String,
    pub width: u32,
    pub height: u32,
    pub x: i32,
    pub y: i32,
    pub primary: bool,
}

/// The screens attached, in the system's order.
#[tauri::command]
#[specta::specta]
pub fn monitors(screens: State<Screens>) -> ApiResult<Vec<MonitorInfo>> {
    screens.monitors()
}

/// Opens the hall display of `room_id` full-screen on screen `monitor`
/// (or the one the main window is on), or brings it forward if it is open.
#[tauri::command]
#[specta::specta]
pub async fn open_hall(
    screens: State<'_, Screens>,
    state: S<'_>,
    room_id: Id,
    monitor: Option<u32>,
) -> ApiResult<()> {
    in_place("open_hall", || {
        state.with(|s| s.room(room_id).map(|_| ()))?;
        screens.open(state.owner(), room_id, monitor)
    })
}

/// Closes the window's hall displays (from the main window, or the hall's own key chord).
#[tauri::command]
#[specta::specta]
pub fn close_hall(screens: State<Screens>, state: S) -> ApiResult<()> {
    screens.close(state.owner())
}

/// `at` as the plan's wall clock; else the rehearsal clock when one is set;
/// else the machine's clock read in the plan's zone.
fn run_moment(
    s: &plenary_core::Store,
    at: Option<&str>,
    rehearsal: Option<chrono::NaiveDateTime>,
) -> plenary_core::Result<chrono::NaiveDateTime> {
    match (at, rehearsal) {
        (Some(text), _) => planner::parse_start("at", text),
        (None, Some(pretend)) => Ok(pretend),
        (None, None) => Ok(roster::wall_clock(&s.plan()?, chrono::Utc::now())),
    }
}

/// The clock Run mode reads: the plan's wall clock, or the rehearsal's.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct RunClock {
    pub now: chrono::NaiveDateTime,
    /// True while a "pretend it is" time is set.
    pub rehearsal: bool,
}

fn run_clock_of(state: &AppState) -> ApiResult<RunClock> {
    let rehearsal = state.rehearsal_now();
    let now = state.with(|s| run_moment(s, None, rehearsal))?;
    Ok(RunClock {
        now,
        rehearsal: rehearsal.is_some(),
    })
}

#[tauri::command]
#[specta::specta]
pub fn run_clock(state: S) -> ApiResult<RunClock> {
    run_clock_of(&state)
}

/// Pretends it is `at` ("YYYY-MM-DD HH:MM", plan wall clock) from now on, for
/// rehearsals; None returns to the real clock.
#[tauri::command]
#[specta::specta]
pub fn set_run_clock(state: S, at: Option<String>) -> ApiResult<RunClock> {
    let at = at
        .as_deref()
        .map(|text| planner::parse_start("at", text))
        .transpose()?;
    state.set_rehearsal(at);
    run_clock_of(&state)
}

#[tauri::command]
#[specta::specta]
pub fn start_session(state: S, id: Id, at: Option<String>) -> ApiResult<run::RunSession> {
    state.with_mut(|s| {
        let at = run_moment(s, at.as_deref(), state.rehearsal_now())?;
        run::start_session(s, id, at)
    })
}

#[tauri::command]
#[specta::specta]
pub fn end_session(state: S, id: Id, at: Option<String>) -> ApiResult<run::RunSession> {
    state.with_mut(|s| {
        let at = run_moment(s, at.as_deref(), state.rehearsal_now())?;
        run::end_session(s, id, at)
    })
}

#[tauri::command]
#[specta::specta]
pub fn cancel_session(state: S, id: Id, cancelled: bool) -> ApiResult<()> {
    state.with_mut(|s| run::cancel_session(s, id, cancelled))
}

/// What a delay from `at` (or now) would move; writes nothing.
#[tauri::command]
#[specta::specta]
pub fn preview_delay(
    state: S,
    room_id: Option<Id>,
    minutes: i32,
    at: Option<String>,
) -> ApiResult<run::DelayOutcome> {
    state.with(|s| {
        run::preview_delay(
            s,
            room_id,
            i64::from(minutes),
            run_moment(s, at.as_deref(), state.rehearsal_now())?,
        )
    })
}

#[tauri::command]
#[specta::specta]
pub fn delay(
    state: S,
    room_id: Option<Id>,
    minutes: i32,
    at: Option<String>,
) -> ApiResult<run::DelayOutcome> {
    state.with_mut(|s| {
        let now = run_moment(s, at.as_deref(), state.rehearsal_now())?;
        run::delay(s, room_id, i64::from(minutes), now)
    })
}

/// A statements session's live speaking list at `at` (or now): who has the
/// floor with the seconds left, who waits, who spoke.
#[tauri::command]
#[specta::specta]
pub async fn live_speaking_list(
    state: S<'_>,
    session_id: Id,
    at: Option<String>,
) -> ApiResult<live::LiveList> {
    let rehearsal = state.rehearsal_now();
    reading(state, move |s| {
        live::live_list(s, session_id, run_moment(s, at.as_deref(), rehearsal)?)
    })
    .await
}

/// Ends the current turn and gives the floor to the next delegation.
#[tauri::command]
#[specta::specta]
pub fn call_next_speaker(
    state: S,
    session_id: Id,
    at: Option<String>,
) -> ApiResult<live::LiveList> {
    state.with_mut(|s| {
        let now = run_moment(s, at.as_deref(), state.rehearsal_now())?;
        live::call_next(s, session_id, now)
    })
}

/// Gives the floor to one waiting delegation, out of order.
#[tauri::command]
#[specta::specta]
pub fn start_turn(
    state: S,
    session_id: Id,
    slot_id: Id,
    at: Option<String>,
) -> ApiResult<live::LiveList> {
    state.with_mut(|s| {
        let now = run_moment(s, at.as_deref(), state.rehearsal_now())?;
        live::start_turn(s, session_id, slot_id, now)
    })
}

#[tauri::command]
#[specta::specta]
pub fn end_turn(state: S, session_id: Id, at: Option<String>) -> ApiResult<live::LiveList> {
    state.with_mut(|s| {
        let now = run_moment(s, at.as_deref(), state.rehearsal_now())?;
        live::end_turn(s, session_id, now)
    })
}

#[tauri::command]
#[specta::specta]
pub fn reset_turn(
    state: S,
    session_id: Id,
    slot_id: Id,
    at: Option<String>,
) -> ApiResult<live::LiveList> {
    state.with_mut(|s| {
        let now = run_moment(s, at.as_deref(), state.rehearsal_now())?;
        live::reset_turn(s, session_id, slot_id, now)
    })
}

/// Adds a delegation to a running list: at place `place` among the waiting (0: next), or last.
#[tauri::command]
#[specta::specta]
pub fn add_speaker(
    state: S,
    session_id: Id,
    organisation_id: Id,
    minutes: Option<u32>,
    place: Option<u32>,
    at: Option<String>,
) -> ApiResult<live::LiveList> {
    state.with_mut(|s| {
        let now = run_moment(s, at.as_deref(), state.rehearsal_now())?;
        live::add_speaker(s, session_id, organisation_id, minutes, place, now)
    })
}

/// Moves a waiting delegation to place `to` among the waiting (0: next).
#[tauri::command]
#[specta::specta]
pub fn move_speaker(
    state: S,
    session_id: Id,
    slot_id: Id,
    to: u32,
    at: Option<String>,
) -> ApiResult<live::LiveList> {
    state.with_mut(|s| {
        let now = run_moment(s, at.as_deref(), state.rehearsal_now())?;
        live::move_speaker(s, session_id, slot_id, to, now)
    })
}

#[tauri::command]
#[specta::specta]
pub fn insert_break(state: S, request: BreakRequest) -> ApiResult<Vec<Id>> {
    state.with_mut(|s| planner::insert_break(s, &request))
}

#[tauri::command]
#[specta::specta]
pub fn duplicate_session(state: S, id: Id) -> ApiResult<Session> {
    state.with_mut(|s| planner::duplicate_session(s, id))
}

/// The same session on the next day, same time and room, with its roles.
#[tauri::command]
#[specta::specta]
pub fn copy_to_next_day(state: S, id: Id) -> ApiResult<Session> {
    state.with_mut(|s| planner::copy_to_next_day(s, id))
}

#[tauri::command]
#[specta::specta]
pub fn duplicate_day(state: S, from: NaiveDate, to: NaiveDate) -> ApiResult<Vec<Id>> {
    state.with_mut(|s| planner::duplicate_day(s, from, to))
}

#[tauri::command]
#[specta::specta]
pub fn set_conflict_accepted(state: S, key: String, accepted: bool) -> ApiResult<()> {
    state.with_mut(|s| check::set_accepted(s, &key, accepted))
}

// ----- organisations and people -----

#[tauri::command]
#[specta::specta]
pub async fn organisations(state: S<'_>) -> ApiResult<Vec<Organisation>> {
    reading(state, move |s| s.organisations()).await
}

#[tauri::command]
#[specta::specta]
pub fn create_organisation(state: S, form: OrganisationForm) -> ApiResult<Organisation> {
    state.with_mut(|s| edit::organisations::create_organisation(s, &form))
}

#[tauri::command]
#[specta::specta]
pub fn update_organisation(state: S, id: Id, form: OrganisationForm) -> ApiResult<Organisation> {
    state.with_mut(|s| edit::organisations::update_organisation(s, id, &form))
}

#[tauri::command]
#[specta::specta]
pub fn organisation_impact(state: S, id: Id) -> ApiResult<Impact> {
    state.with(|s| edit::organisations::organisation_impact(s, id))
}

#[tauri::command]
#[specta::specta]
pub fn delete_organisation(state: S, id: Id) -> ApiResult<()> {
    state.with_mut(|s| edit::organisations::delete_organisation(s, id))
}

#[tauri::command]
#[specta::specta]
pub fn merge_organisations(state: S, keep: Id, drop: Id) -> ApiResult<Organisation> {
    state.with_mut(|s| edit::organisations::merge_organisations(s, keep, drop))
}

#[tauri::command]
#[specta::specta]
pub async fn people(state: S<'_>) -> ApiResult<Vec<Person>> {
    reading(state, move |s| s.people()).await
}

/// Type-ahead over name, email, organisation and acronym.
#[tauri::command]
#[specta::specta]
pub async fn search_people(state: S<'_>, query: String, limit: u32) -> ApiResult<Vec<PersonHit>> {
    reading(state, move |s| s.search_people(&query, limit.min(500))).await
}

/// A new person's form, read from what was typed into a picker.
#[tauri::command]
#[specta::specta]
pub fn person_prefill(state: S, typed: String) -> ApiResult<edit::people::PersonPrefill> {
    state.with(|s| edit::people::person_prefill(s, &typed))
}

#[tauri::command]
#[specta::specta]
pub fn create_person(state: S, form: PersonForm) -> ApiResult<Person> {
    state.with_mut(|s| edit::people::create_person(s, &form))
}

#[tauri::command]
#[specta::specta]
pub fn update_person(state: S, id: Id, form: PersonForm) -> ApiResult<Person> {
    state.with_mut(|s| edit::people::update_person(s, id, &form))
}

#[tauri::command]
#[specta::specta]
pub fn person_impact(state: S, id: Id) -> ApiResult<Impact> {
    state.with(|s| edit::people::person_impact(s, id))
}

#[tauri::command]
#[specta::specta]
pub fn delete_person(state: S, id: Id) -> ApiResult<()> {
    state.with_mut(|s| edit::people::delete_person(s, id))
}

#[tauri::command]
#[specta::specta]
pub fn merge_people(state: S, keep: Id, drop: Id) -> ApiResult<Person> {
    state.with_mut(|s| edit::people::merge_people(s, keep, drop))
}

#[tauri::command]
#[specta::specta]
pub async fn itinerary(state: S<'_>, person_id: Id) -> ApiResult<Vec<ItineraryEntry>> {
    reading(state, move |s| attendees::lookup::itinerary(s, person_id)).await
}

// ----- delegations, co-chairs, co-hosts, roles -----

#[tauri::command]
#[specta::specta]
pub async fn roster(state: S<'_>, event_id: Id) -> ApiResult<Roster> {
    reading(state, move |s| roster::roster(s, event_id)).await
}

/// The meeting's statistics: one event, or the whole week without one.
#[tauri::command]
#[specta::specta]
pub async fn stats(state: S<'_>, event_id: Option<Id>) -> ApiResult<plenary_core::stats::Stats> {
    reading(state, move |s| plenary_core::stats::stats(s, event_id)).await
}

#[tauri::command]
#[specta::specta]
pub fn set_participation(
    state: S,
    event_id: Id,
    organisation_id: Id,
    status: Option<ParticipationStatus>,
    level: String,
) -> ApiResult<()> {
    state.with_mut(|s| {
        edit::delegations::set_participation(s, event_id, organisation_id, status, &level)
    })
}

#[tauri::command]
#[specta::specta]
pub fn set_registration(
    state: S,
    event_id: Id,
    person_id: Id,
    registration: Option<RegistrationStatus>,
    capacity: String,
) -> ApiResult<()> {
    state.with_mut(|s| {
        edit::attendance::set_registration(s, event_id, person_id, registration, &capacity)
    })
}

#[tauri::command]
#[specta::specta]
pub fn event_cochairs(state: S, event_id: Id) -> ApiResult<Vec<EventCochair>> {
    state.with(|s| {
        Ok(s.cochairs()?
            .into_iter()
            .filter(|c| c.event_id == event_id)
            .collect())
    })
}

#[tauri::command]
#[specta::specta]
pub fn set_cochairs(state: S, event_id: Id, rows: Vec<CochairEntry>) -> ApiResult<()> {
    state.with_mut(|s| edit::delegations::set_cochairs(s, event_id, &rows))
}

#[tauri::command]
#[specta::specta]
pub fn event_cohosts(state: S, event_id: Id) -> ApiResult<Vec<Cohost>> {
    state.with(|s| {
        Ok(s.cohosts()?
            .into_iter()
            .filter(|c| c.event_id == event_id)
            .collect())
    })
}

/// Replaces the co-hosts of an event, or of one of its sessions.
#[tauri::command]
#[specta::specta]
pub fn set_cohosts(
    state: S,
    event_id: Id,
    session_id: Option<Id>,
    organisations: Vec<Id>,
) -> ApiResult<()> {
    state.with_mut(|s| edit::delegations::set_cohosts(s, event_id, session_id, &organisations))
}

#[tauri::command]
#[specta::specta]
pub fn session_roles(state: S, session_id: Id) -> ApiResult<Vec<SessionRole>> {
    state.with(|s| s.session_roles(session_id))
}

#[tauri::command]
#[specta::specta]
pub fn set_session_roles(state: S, session_id: Id, roles: Vec<RoleEntry>) -> ApiResult<()> {
    state.with_mut(|s| edit::roles::set_session_roles(s, session_id, &roles))
}

#[tauri::command]
#[specta::specta]
pub fn add_session_role(state: S, session_id: Id, entry: RoleEntry) -> ApiResult<()> {
    state.with_mut(|s| edit::roles::add_session_role(s, session_id, &entry))
}

/// `with_person` takes the roles `replace` holds in a session, and their
/// turns (`with` alone is a word JavaScript keeps for itself).
#[tauri::command]
#[specta::specta]
pub fn substitute(state: S, session_id: Id, replace: Id, with_person: Id) -> ApiResult<()> {
    state.with_mut(|s| edit::roles::substitute(s, session_id, replace, with_person))
}

#[tauri::command]
#[specta::specta]
pub async fn board(state: S<'_>) -> ApiResult<Board> {
    reading(state, board::board).await
}

/// The conflicts an assignment would add, before it is made.
#[tauri::command]
#[specta::specta]
pub fn assignment_conflicts(
    state: S,
    session_id: Id,
    person_id: Id,
    role: RoleKind,
) -> ApiResult<Vec<Conflict>> {
    state.with(|s| board::assignment_conflicts(s, session_id, person_id, role))
}

#[tauri::command]
#[specta::specta]
pub fn speaking_list(state: S, session_id: Id) -> ApiResult<SpeakingList> {
    state.with(|s| speaking::speaking_list(s, session_id))
}

/// The budget and turn starts for turns being edited; writes nothing.
#[tauri::command]
#[specta::specta]
pub fn turn_times(state: S, session_id: Id, minutes: Vec<u32>) -> ApiResult<speaking::TurnTimes> {
    state.with(|s| speaking::turn_times(s, session_id, &minutes))
}

#[tauri::command]
#[specta::specta]
pub fn set_speaking_list(state: S, session_id: Id, slots: Vec<SlotEntry>) -> ApiResult<()> {
    state.with_mut(|s| speaking::set_speaking_list(s, session_id, &slots))
}

#[tauri::command]
#[specta::specta]
pub fn suggest_speaking_list(state: S, session_id: Id, minutes: u32) -> ApiResult<Vec<SlotEntry>> {
    state.with(|s| speaking::suggest(s, session_id, minutes))
}

#[tauri::command]
#[specta::specta]
pub fn protocol_settings(state: S) -> ApiResult<ProtocolSettings> {
    state.with(|s| s.protocol_settings())
}

#[tauri::command]
#[specta::specta]
pub fn set_protocol_settings(state: S, settings: ProtocolSettings) -> ApiResult<ProtocolSettings> {
    state.with_mut(|s| edit::plan::set_protocol_settings(s, &settings))
}

// ----- attendees: check-in desk, lists, import -----

/// The desk for `day`, or for today (in the plan's zone) while the event runs.
/// Today's date on the plan's wall clock (the desk's and the Print page's default day).
#[tauri::command]
#[specta::specta]
pub fn plan_today(state: S) -> ApiResult<NaiveDate> {
    Ok(run_clock_of(&state)?.now.date())
}

#[tauri::command]
#[specta::specta]
pub async fn desk(state: S<'_>, event_id: Id, day: Option<NaiveDate>) -> ApiResult<Desk> {
    let rehearsal = state.rehearsal_now();
    reading(state, move |s| {
        let today = run_moment(s, None, rehearsal)?.date();
        roster::desk(
            s,
            event_id,
            day.unwrap_or(roster::desk_day(&s.event(event_id)?, today)),
        )
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub fn check_in(
    state: S,
    event_id: Id,
    person_id: Id,
    day: NaiveDate,
    present: bool,
) -> ApiResult<()> {
    state.kiosk.check_event(event_id)?;
    state.with_mut(|s| {
        let at = run_moment(s, None, state.rehearsal_now())?;
        edit::attendance::check_in(s, event_id, person_id, day, present, at)
    })
}

/// Locks the window as the check-in desk of `event_id` on `day` (see `kiosk`).
#[tauri::command]
#[specta::specta]
pub fn enter_kiosk(state: S, pin: String, event_id: Id, day: NaiveDate) -> ApiResult<Kiosk> {
    state.with(|s| s.event(event_id).map(drop))?;
    state.kiosk.enter(&pin, event_id, day)
}

#[tauri::command]
#[specta::specta]
pub fn leave_kiosk(state: S, pin: String) -> ApiResult<Kiosk> {
    state.kiosk.leave(&pin, std::time::Instant::now())
}

/// Whether the window is a locked kiosk, for a window that reloads.
#[tauri::command]
#[specta::specta]
pub fn kiosk(state: S) -> Kiosk {
    state.kiosk.view()
}

/// Writes the event's attendee list, in protocol order, as CSV at `path`.
#[tauri::command]
#[specta::specta]
pub async fn export_attendees(state: S<'_>, event_id: Id, path: String) -> ApiResult<u32> {
    let state = state.inner().clone();
    off_the_window(move || {
        state.with(|s| attendees::export::export_csv(s, event_id, std::path::Path::new(&path)))
    })
    .await
}

/// Writes the day report of `day` as CSV at `path`; answers how many sessions it lists.
#[tauri::command]
#[specta::specta]
pub async fn export_day_report(state: S<'_>, day: NaiveDate, path: String) -> ApiResult<u32> {
    let state = state.inner().clone();
    off_the_window(move || {
        state.with(|s| plenary_core::report::export_csv(s, day, std::path::Path::new(&path)))
    })
    .await
}

/// What importing the CSV at `path` would do; `mapping` None maps columns automatically.
#[tauri::command]
#[specta::specta]
pub async fn import_preview(
    state: S<'_>,
    path: String,
    event_id: Id,
    mapping: Option<Vec<ImportField>>,
) -> ApiResult<ImportPreview> {
    let state = state.inner().clone();
    off_the_window(move || {
        let bytes = attendees::csv_file::read_file(std::path::Path::new(&path))?;
        state.with(|s| attendees::import::preview_file(s, &bytes, mapping.as_deref(), event_id))
    })
    .await
}

/// Imports the CSV at `path` as one undoable step, reporting progress on `progress`.
#[tauri::command]
#[specta::specta]
pub async fn import_attendees(
    state: S<'_>,
    path: String,
    event_id: Id,
    mapping: Vec<ImportField>,
    skip_invalid: bool,
    progress: Channel<ImportProgress>,
) -> ApiResult<ImportSummary> {
    let state = state.inner().clone();
    off_the_window(move || import_file(&state, &path, event_id, &mapping, skip_invalid, &progress))
        .await
}

fn import_file(
    state: &AppState,
    path: &str,
    event_id: Id,
    mapping: &[ImportField],
    skip_invalid: bool,
    progress: &Channel<ImportProgress>,
) -> ApiResult<ImportSummary> {
    let bytes = attendees::csv_file::read_file(std::path::Path::new(path))?;
    let name = file_name(path);
    state.with_mut(|s| {
        let mut report = |done, total| {
            let _ = progress.send(ImportProgress { done, total });
        };
        attendees::import::import_with_progress(
            s,
            &name,
            &bytes,
            Some(mapping),
            event_id,
            skip_invalid,
            &mut report,
        )
        .map(|(_, summary)| summary)
    })
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

// ----- programmes in and out -----

/// Writes the plan, an event, a room or a person's sessions at `path`.
#[tauri::command]
#[specta::specta]
pub async fn export_programme(
    state: S<'_>,
    format: ExportFormat,
    scope: Scope,
    path: String,
) -> ApiResult<ExportDone> {
    let state = state.inner().clone();
    off_the_window(move || {
        let exported = state.with(|s| source::export(s, format, scope, chrono::Utc::now()))?;
        Ok(source::write_file(Path::new(&path), &exported)?)
    })
    .await
}

/// What importing the programme at `path` would do, as the page asked;
/// with `as_new_plan`, into a new plan in `zone` (else the source's zone).
#[tauri::command]
#[specta::specta]
pub async fn programme_preview(
    state: S<'_>,
    path: String,
    request: ImportRequest,
    as_new_plan: bool,
    zone: Option<String>,
) -> ApiResult<ImportView> {
    let zone = zone.as_deref().map(import::zone_named).transpose()?;
    reading(state, move |s| {
        let bytes = source::read_file(Path::new(&path))?;
        source::preview_source(
            s,
            &file_name(&path),
            &bytes,
            &request,
            as_new_plan.then_some(zone),
        )
    })
    .await
}

/// Imports the programme at `path` into the plan as one undoable step.
#[tauri::command]
#[specta::specta]
pub async fn import_programme(
    state: S<'_>,
    path: String,
    request: ImportRequest,
) -> ApiResult<ProgrammePreview> {
    let state = state.inner().clone();
    off_the_window(move || {
        let bytes = source::read_file(Path::new(&path))?;
        state.with_mut(|s| source::import_source(s, &file_name(&path), &bytes, &request))
    })
    .await
}

/// Makes a new plan at `plan_path` from the programme at `path` and opens
/// it (the save dialog has asked before replacing a file).
#[tauri::command]
#[specta::specta]
pub async fn import_programme_as_plan(
    state: S<'_>,
    path: String,
    request: ImportRequest,
    zone: Option<String>,
    plan_path: String,
) -> ApiResult<PlanFile> {
    refuse_the_open_plan(&state, &plan_path)?;
    let zone = zone.as_deref().map(import::zone_named).transpose()?;
    let state = state.inner().clone();
    off_the_window(move || {
        let bytes = source::read_file(Path::new(&path))?;
        let store = source::new_plan_from_source(
            Path::new(&plan_path),
            &file_name(&path),
            &bytes,
            &request,
            zone,
        )?;
        state.adopt(store)
    })
    .await
}

/// A file the window is about to replace must not be another window's plan.
fn refuse_another_windows_plan(state: &S<'_>, path: &str) -> ApiResult<()> {
    match state.held_elsewhere(Path::new(path)) {
        true => Err(plenary_core::CoreError::invalid(
            "path",
            "That plan is open in another Plenary window; choose another name.",
        )
        .into()),
        false => Ok(()),
    }
}

/// A file the window is about to replace must not be the open plan, nor
/// another window's.
fn refuse_the_open_plan(state: &S<'_>, path: &str) -> ApiResult<()> {
    refuse_another_windows_plan(state, path)?;
    let same = |a: &Path, b: &Path| {
        a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
    };
    match state.current()? {
        Some(open) if same(Path::new(&open.path), Path::new(path)) => Err(ApiError::new(
            ErrorCode::Invalid,
            "That is the plan you have open; choose another file.",
        )),
        _ => Ok(()),
    }
}

/// Makes the plan at `path` from the backup at `backup` (the save dialog
/// has asked before replacing a file); the window then opens it.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(state: S<'_>, backup: String, path: String) -> ApiResult<()> {
    refuse_the_open_plan(&state, &path)?;
    off_the_window(move || {
        let bytes = std::fs::read(&backup).map_err(plenary_core::CoreError::from)?;
        Ok(interop::backup::restore(&bytes, Path::new(&path), true)?)
    })
    .await
}

/// A new plan at `path` from the open one, moved to start on `first_day`
/// (the save dialog has asked before replacing a file); the window then
/// opens it.
#[tauri::command]
#[specta::specta]
pub async fn copy_plan(
    state: S<'_>,
    path: String,
    first_day: String,
    title: String,
) -> ApiResult<PlanCopy> {
    refuse_the_open_plan(&state, &path)?;
    let first_day = interop::backup::read_first_day(&first_day)?;
    reading(state, move |s| {
        interop::backup::copy_plan(s, Path::new(&path), first_day, Some(&title), true)
    })
    .await
}

// ----- two teams, one plan -----

/// What merging the other team's file at `path` would do: their changes,
/// what merges cleanly and each clash. Nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn merge_preview(state: S<'_>, path: String) -> ApiResult<MergePreview> {
    refuse_the_open_plan(&state, &path)?;
    reading(state, move |s| merge::preview(s, Path::new(&path))).await
}

/// Merges the other team's file at `path` as one undoable step, each clash
/// of the preview settled by `resolutions`.
#[tauri::command]
#[specta::specta]
pub async fn merge_plan(
    state: S<'_>,
    path: String,
    resolutions: Vec<Resolution>,
) -> ApiResult<Merged> {
    refuse_the_open_plan(&state, &path)?;
    let state = state.inner().clone();
    off_the_window(move || {
        state.with_mut(|s| merge::merge(s, Path::new(&path), &merge::Picks::Each(&resolutions)))
    })
    .await
}

/// Writes a copy for the other team (`team`, "Indonesia team") at `path`,
/// with the common base recorded in both files.
#[tauri::command]
#[specta::specta]
pub async fn handover(state: S<'_>, path: String, team: String) -> ApiResult<()> {
    refuse_the_open_plan(&state, &path)?;
    let state = state.inner().clone();
    off_the_window(move || state.with_mut(|s| merge::handover(s, &team, Path::new(&path)))).await
}

/// Whose copy the open plan is ("Australia team"), or "" when not named.
#[tauri::command]
#[specta::specta]
pub fn team(state: S) -> ApiResult<String> {
    state.with(|s| s.team())
}

/// Names the open copy ("Australia team"), as one undoable step.
#[tauri::command]
#[specta::specta]
pub fn set_team(state: S, name: String) -> ApiResult<()> {
    state.with_mut(|s| merge::set_team(s, &name))
}

// ----- printing -----

/// The pages of a document as SVG, laid out exactly as they will print.
#[tauri::command]
#[specta::specta]
pub async fn print_preview(
    state: S<'_>,
    request: PrintRequest,
    progress: Channel<PrintProgress>,
) -> ApiResult<Preview> {
    let state = state.inner().clone();
    off_the_window(move || {
        let mut report = |p| drop(progress.send(p));
        // A newer preview stops an older one still being laid out.
        let worker = state.preview_worker();
        // The plan is held only while the document is read from it.
        let job = state.with_mut(|s| {
            let now = roster::wall_clock(&s.plan()?, chrono::Utc::now());
            print::PreviewJob::prepare(s, &request, now, &mut report)
        })?;
        Ok(job.draw_by(&worker, &mut report)?)
    })
    .await
}

/// Writes the document's PDF to `path`; `publish` records the programme as the next version first.
#[tauri::command]
#[specta::specta]
pub async fn export_pdf(
    state: S<'_>,
    request: PrintRequest,
    path: String,
    publish: bool,
    progress: Channel<PrintProgress>,
) -> ApiResult<Exported> {
    let state = state.inner().clone();
    off_the_window(move || {
        let mut report = |p| drop(progress.send(p));
        let path = PathBuf::from(&path);
        // The plan is held only while the document is read from it.
        let job = state.with_mut(|s| {
            let now = roster::wall_clock(&s.plan()?, chrono::Utc::now());
            print::PdfJob::prepare(s, &request, now, publish, &path, &mut report)
        })?;
        Ok(job.write_by(&state.print_worker(), &mut report)?)
    })
    .await
}

/// Publishes the programme as the next version without writing a file
/// (before printing it through the system dialog).
#[tauri::command]
#[specta::specta]
pub fn publish_programme(state: S) -> ApiResult<PublishedVersion> {
    state.with_mut(|s| {
        let now = roster::wall_clock(&s.plan()?, chrono::Utc::now());
        let n = print::changes::publish(s, now)?;
        Ok(PublishedVersion { n, at: now })
    })
}

#[tauri::command]
#[specta::specta]
pub fn published_versions(state: S) -> ApiResult<Vec<PublishedVersion>> {
    state.with(|s| s.published_versions())
}

/// Opens the system print dialog for the window. Kept as managed state so
/// the command stays free of the runtime type (the command tests run on a mock).
/// It is given the label of the window to print.
pub struct Printer(Box<PrintWindow>);

/// Prints the window of the label given.
type PrintWindow = dyn Fn(&str) -> tauri::Result<()> + Send + Sync;

impl Printer {
    pub fn new(print: impl Fn(&str) -> tauri::Result<()> + Send + Sync + 'static) -> Self {
        Printer(Box::new(print))
    }
}

/// The system print dialog; the Print page's print style sheet leaves only its pages.
#[tauri::command]
#[specta::specta]
pub fn print_window(printer: State<Printer>, state: S) -> ApiResult<()> {
    (printer.0)(state.owner()).map_err(|e| ApiError::new(ErrorCode::Print, e.to_string()))
}

// ----- the Co-Chairs' Summary -----

/// The summary as it stands: the plan's draft with the rapporteur's edits.
#[tauri::command]
#[specta::specta]
pub async fn summary(state: S<'_>, source: AttendanceSource) -> ApiResult<Summary> {
    reading(state, move |s| summary::summary(s, source)).await
}

/// Keeps the rapporteur's text for a section; the summary after it.
#[tauri::command]
#[specta::specta]
pub fn save_summary_section(
    state: S,
    source: AttendanceSource,
    key: String,
    text: String,
) -> ApiResult<Summary> {
    state.with_mut(|s| {
        summary::save_section(s, source, &key, &text)?;
        summary::summary(s, source)
    })
}

/// The section follows the plan again; the summary after it.
#[tauri::command]
#[specta::specta]
pub fn take_summary_draft(state: S, source: AttendanceSource, key: String) -> ApiResult<Summary> {
    state.with_mut(|s| {
        summary::take_draft(s, source, &key)?;
        summary::summary(s, source)
    })
}

/// Keeps the edit against the plan's new draft; the summary after it.
#[tauri::command]
#[specta::specta]
pub fn keep_summary_edit(state: S, source: AttendanceSource, key: String) -> ApiResult<Summary> {
    state.with_mut(|s| {
        summary::keep_edit(s, source, &key)?;
        summary::summary(s, source)
    })
}

/// A session's outcome note, which the summary drafts from.
#[tauri::command]
#[specta::specta]
pub fn set_session_outcome(state: S, session_id: Id, outcome: String) -> ApiResult<Session> {
    state.with_mut(|s| {
        summary::set_outcome(s, session_id, &outcome)?;
        s.session(session_id)
    })
}

/// Writes the summary as Word, PDF or Markdown to `path` (the save dialog has asked).
#[tauri::command]
#[specta::specta]
pub async fn export_summary(
    state: S<'_>,
    request: SummaryExport,
    path: String,
) -> ApiResult<SummaryWritten> {
    let state = state.inner().clone();
    off_the_window(move || {
        // The plan is held only while the summary is read from it.
        let job = state.with(|s| {
            let now = roster::wall_clock(&s.plan()?, chrono::Utc::now());
            summary::export::SummaryJob::prepare(s, &request, now, Path::new(&path))
        })?;
        Ok(job.write_by(&state.print_worker())?)
    })
    .await
}

/// Help › About: the app's and the plan file's versions, the open file, the
/// licences, the log folder.
#[tauri::command]
#[specta::specta]
pub fn about(state: S) -> ApiResult<About> {
    let file = match state.with(|s| Ok((s.path().map(Path::to_path_buf), s.version()?))) {
        Ok((Some(path), version)) => Some((path, version)),
        Ok((None, _)) => None,
        Err(e) if e.code == ErrorCode::NoPlan => None,
        Err(e) => return Err(e),
    };
    let log = log_file::folder();
    Ok(about::about(
        file.as_ref().map(|(p, v)| (p.as_path(), *v)),
        log.as_deref(),
    ))
}

/// Help › Open log folder: opens it in the file manager, or answers its path
/// with `opened: false` for the window to show.
#[tauri::command]
#[specta::specta]
pub async fn open_log_folder() -> ApiResult<LogFolder> {
    let folder = log_file::folder()
        .ok_or_else(|| ApiError::new(ErrorCode::Io, "The log has not started."))?;
    off_the_window(move || about::open_folder(&folder)).await
}

/// Every command, listed once: the window's handler (`invoke_handler`) and
/// the generated bindings (`specta_builder`) both expand this list.
macro_rules! every_command {
    ($($macro:ident)::+) => {
        $($macro)::+![
            startup,
            about,
            open_log_folder,
            open_at_start,
            open_plan,
            new_window,
            close_window,
            cancel_open,
            plan_shown,
            restore_window,
            remember_page,
            plan_revision,
            new_plan,
            save_copy_as,
            recent_files,
            forget_recent,
            vocabulary,
            overview,
            agenda,
            check_plan,
            publish_problems,
            unconfirmed_items,
            plan_form,
            update_plan,
            event_form,
            create_event,
            update_event,
            delete_event,
            read_when,
            session_form,
            create_session,
            update_session,
            save_session_with_roles,
            delete_session,
            create_room,
            update_room,
            delete_room,
            undo,
            redo,
            undo_state,
            change_log,
            move_session,
            set_session_times,
            unschedule_session,
            set_pinned,
            sequence,
            retime,
            preview_retime,
            insert_break,
            today,
            run_clock,
            set_run_clock,
            start_session,
            end_session,
            cancel_session,
            preview_delay,
            delay,
            hall,
            monitors,
            open_hall,
            close_hall,
            live_speaking_list,
            call_next_speaker,
            start_turn,
            end_turn,
            reset_turn,
            add_speaker,
            move_speaker,
            duplicate_session,
            copy_to_next_day,
            duplicate_day,
            set_conflict_accepted,
            organisations,
            create_organisation,
            update_organisation,
            organisation_impact,
            delete_organisation,
            merge_organisations,
            people,
            search_people,
            person_prefill,
            create_person,
            update_person,
            person_impact,
            delete_person,
            merge_people,
            itinerary,
            roster,
            stats,
            set_participation,
            set_registration,
            event_cochairs,
            set_cochairs,
            event_cohosts,
            set_cohosts,
            session_roles,
            set_session_roles,
            add_session_role,
            substitute,
            board,
            assignment_conflicts,
            speaking_list,
            turn_times,
            set_speaking_list,
            suggest_speaking_list,
            protocol_settings,
            set_protocol_settings,
            desk,
            plan_today,
            check_in,
            enter_kiosk,
            leave_kiosk,
            kiosk,
            export_attendees,
            export_day_report,
            import_preview,
            import_attendees,
            programme_preview,
            import_programme,
            import_programme_as_plan,
            export_programme,
            restore_backup,
            copy_plan,
            merge_preview,
            merge_plan,
            handover,
            team,
            set_team,
            print_preview,
            export_pdf,
            publish_programme,
            published_versions,
            print_window,
            summary,
            save_summary_section,
            take_summary_draft,
            keep_summary_edit,
            set_session_outcome,
            export_summary,
        ]
    };
}

/// The generated-bindings builder, over every command.
pub fn specta_builder<R: tauri::Runtime>() -> tauri_specta::Builder<R> {
    tauri_specta::Builder::<R>::new()
        .dangerously_cast_bigints_to_number()
        .commands(every_command!(tauri_specta::collect_commands))
}

/// The commands' handler, as the window runs it. It is the handler the
/// bindings builder wraps (`collect_commands!` expands `generate_handler!`),
/// without the builder: the type descriptions the bindings are written
/// from would be about 0.9 MB of code (by symbol size) the window never
/// runs.
pub fn invoke_handler<R: tauri::Runtime>(
) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    every_command!(tauri::generate_handler)
}

/// Where the generated TypeScript lives, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder::<tauri::Wry>()
        .export(specta_typescript::Typescript::default(), path)
        .map_err(|e| e.to_string())
}
