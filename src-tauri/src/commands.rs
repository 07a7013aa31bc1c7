//! Tauri commands: thin adapters from IPC to plenary-core.

use crate::error::{ApiError, ApiResult};
use crate::recent::RecentFile;
use crate::state::{AppState, PlanFile, Startup};
use chrono::NaiveDate;
use plenary_core::agenda::{self, Agenda, Overview};
use plenary_core::check::{self, Conflict};
use plenary_core::forms::{EventForm, PlanForm, RoomForm, SessionForm};
use plenary_core::model::{Event, Id, Room, Session};
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
        ])
}

/// Where the generated TypeScript lives, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder::<tauri::Wry>()
        .export(specta_typescript::Typescript::default(), path)
        .map_err(|e| e.to_string())
}
