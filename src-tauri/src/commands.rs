//! Tauri commands: thin adapters from IPC to plenary-core.

use crate::error::{ApiError, ApiResult};
use crate::recent::RecentFile;
use crate::state::{AppState, PlanFile, Startup};
use chrono::NaiveDate;
use plenary_core::agenda::{self, Agenda, Overview};
use plenary_core::check::{self, Conflict};
use plenary_core::forms::{EventForm, PlanForm, RoomForm, SessionForm};
use plenary_core::model::{Event, Id, Room, Session};
use plenary_core::planner::{self, BreakRequest, RetimeRequest, SequenceBlock};
use plenary_core::store::{HistoryStep, UndoState};
use plenary_core::vocabulary::{self, Vocabulary};
use std::path::PathBuf;
use tauri::State;

type S<'a> = State<'a, AppState>;

#[tauri::command]
#[specta::specta]
pub fn startup(state: S) -> ApiResult<Startup> {
    state.startup()
}

#[tauri::command]
#[specta::specta]
pub fn open_plan(state: S, path: String) -> ApiResult<PlanFile> {
    state.open(&PathBuf::from(path))
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
pub fn overview(state: S) -> ApiResult<Overview> {
    state.with(agenda::overview)
}

#[tauri::command]
#[specta::specta]
pub fn agenda(state: S, day: Option<NaiveDate>) -> ApiResult<Agenda> {
    state.with(|s| agenda::agenda(s, day))
}

#[tauri::command]
#[specta::specta]
pub fn check_plan(state: S) -> ApiResult<Vec<Conflict>> {
    state.with(check::check)
}

#[tauri::command]
#[specta::specta]
pub fn plan_form(state: S) -> ApiResult<PlanForm> {
    state.with(|s| Ok(PlanForm::from(&s.plan()?)))
}

#[tauri::command]
#[specta::specta]
pub fn update_plan(state: S, form: PlanForm) -> ApiResult<PlanFile> {
    state.with_mut(|s| s.update_plan(&form))?;
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
    state.with_mut(|s| s.create_event(&form))
}

#[tauri::command]
#[specta::specta]
pub fn update_event(state: S, id: Id, form: EventForm) -> ApiResult<Event> {
    state.with_mut(|s| s.update_event(id, &form))
}

#[tauri::command]
#[specta::specta]
pub fn delete_event(state: S, id: Id) -> ApiResult<()> {
    state.with_mut(|s| s.delete_event(id))
}

#[tauri::command]
#[specta::specta]
pub fn session_form(state: S, id: Id) -> ApiResult<SessionForm> {
    state.with(|s| Ok(SessionForm::from(&s.session(id)?)))
}

#[tauri::command]
#[specta::specta]
pub fn create_session(state: S, form: SessionForm) -> ApiResult<Session> {
    state.with_mut(|s| s.create_session(&form))
}

#[tauri::command]
#[specta::specta]
pub fn update_session(state: S, id: Id, form: SessionForm) -> ApiResult<Session> {
    state.with_mut(|s| s.update_session(id, &form))
}

#[tauri::command]
#[specta::specta]
pub fn delete_session(state: S, id: Id) -> ApiResult<()> {
    state.with_mut(|s| s.delete_session(id))
}

#[tauri::command]
#[specta::specta]
pub fn create_room(state: S, form: RoomForm) -> ApiResult<Room> {
    state.with_mut(|s| s.create_room(&form))
}

#[tauri::command]
#[specta::specta]
pub fn update_room(state: S, id: Id, form: RoomForm) -> ApiResult<Room> {
    state.with_mut(|s| s.update_room(id, &form))
}

#[tauri::command]
#[specta::specta]
pub fn delete_room(state: S, id: Id) -> ApiResult<()> {
    state.with_mut(|s| s.delete_room(id))
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
pub fn change_log(state: S, limit: u32) -> ApiResult<Vec<HistoryStep>> {
    state.with(|s| s.history(limit as i64))
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
    state.with_mut(|s| s.set_pinned(id, pinned))
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

/// The generated-bindings builder: one list of every command.
pub fn specta_builder<R: tauri::Runtime>() -> tauri_specta::Builder<R> {
    tauri_specta::Builder::<R>::new()
        .dangerously_cast_bigints_to_number()
        .commands(tauri_specta::collect_commands![
            startup,
            open_plan,
            new_plan,
            save_copy_as,
            recent_files,
            forget_recent,
            vocabulary,
            overview,
            agenda,
            check_plan,
            plan_form,
            update_plan,
            event_form,
            create_event,
            update_event,
            delete_event,
            session_form,
            create_session,
            update_session,
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
            insert_break,
            duplicate_session,
            duplicate_day,
            set_conflict_accepted,
        ])
}

/// Where the generated TypeScript lives, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder::<tauri::Wry>()
        .export(specta_typescript::Typescript::default(), path)
        .map_err(|e| e.to_string())
}
