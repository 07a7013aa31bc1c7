//! The kiosk: the check-in desk locked for people to check themselves in.
//!
//! The lock is kept where commands enter the app, not in the window: while
//! it holds, `guard` refuses every app command but the desk's, `Guarded`
//! refuses the file dialogs, and the window will not close. Leaving takes
//! the PIN set on entering, which lives in memory only and is never written
//! to the plan.

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::windows::Plans;
use chrono::NaiveDate;
use plenary_core::model::Id;
use plenary_core::CoreError;
use serde::Serialize;
use specta::Type;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tauri::ipc::Invoke;
use tauri::plugin::Plugin;
use tauri::{Manager, Runtime};

/// The commands a locked kiosk runs: the desk and what its page reads, and
/// the way out. Everything else is refused with `locked`.
pub const KIOSK_COMMANDS: &[&str] = &[
    "kiosk",
    "leave_kiosk",
    "startup",
    "vocabulary",
    "overview",
    "plan_today",
    "run_clock",
    "desk",
    "check_in",
    "search_people",
];

/// Whether a locked kiosk runs `command`.
pub fn kiosk_allows(command: &str) -> bool {
    KIOSK_COMMANDS.contains(&command)
}

/// Wrong PINs in a row before leaving has to wait.
pub const WRONG_TRIES: u32 = 5;
/// How long leaving waits after `WRONG_TRIES` wrong PINs.
pub const WAIT: Duration = Duration::from_secs(30);

/// Whether the window is a kiosk, and for which desk (for a reloaded window).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Kiosk {
    pub locked: bool,
    pub event_id: Option<Id>,
    pub day: Option<NaiveDate>,
}

const UNLOCKED: Kiosk = Kiosk {
    locked: false,
    event_id: None,
    day: None,
};

struct Locked {
    pin: String,
    event_id: Id,
    day: NaiveDate,
    wrong: u32,
    wait_until: Option<Instant>,
}

#[derive(Default)]
pub struct KioskLock(Mutex<Option<Locked>>);

/// A panic while holding the lock leaves it whole (each change is one
/// assignment), so a poisoned lock is safe to reuse.
fn lock(m: &Mutex<Option<Locked>>) -> MutexGuard<'_, Option<Locked>> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A PIN is 4 to 8 digits (0–9 only, so every keypad types it).
pub fn check_pin(pin: &str) -> Result<(), CoreError> {
    let digits = pin.chars().count();
    if !pin.chars().all(|c| c.is_ascii_digit()) || !(4..=8).contains(&digits) {
        return Err(CoreError::invalid("pin", "The PIN must be 4 to 8 digits."));
    }
    Ok(())
}

impl KioskLock {
    pub fn locked(&self) -> bool {
        lock(&self.0).is_some()
    }

    pub fn view(&self) -> Kiosk {
        match lock(&self.0).as_ref() {
            Some(l) => Kiosk {
                locked: true,
                event_id: Some(l.event_id),
                day: Some(l.day),
            },
            None => UNLOCKED,
        }
    }

    /// Locks the window as the desk of `event_id` on `day`, left with `pin`.
    pub fn enter(&self, pin: &str, event_id: Id, day: NaiveDate) -> ApiResult<Kiosk> {
        check_pin(pin)?;
        let mut held = lock(&self.0);
        if held.is_some() {
            return Err(locked());
        }
        *held = Some(Locked {
            pin: pin.to_string(),
            event_id,
            day,
            wrong: 0,
            wait_until: None,
        });
        drop(held);
        Ok(self.view())
    }

    /// Unlocks with the PIN set on entering, at the moment `now`. After
    /// `WRONG_TRIES` wrong PINs every try waits `WAIT`, the right PIN too.
    pub fn leave(&self, pin: &str, now: Instant) -> ApiResult<Kiosk> {
        let mut held = lock(&self.0);
        let Some(l) = held.as_mut() else {
            return Ok(UNLOCKED);
        };
        if let Some(until) = l.wait_until {
            if now < until {
                return Err(wait_error(until - now));
            }
            l.wait_until = None;
            l.wrong = 0;
        }
        if pin == l.pin {
            *held = None;
            return Ok(UNLOCKED);
        }
        l.wrong += 1;
        if l.wrong >= WRONG_TRIES {
            l.wait_until = Some(now + WAIT);
            return Err(wait_error(WAIT));
        }
        let left = WRONG_TRIES - l.wrong;
        let tries = if left == 1 { "try" } else { "tries" };
        Err(ApiError::new(
            ErrorCode::WrongPin,
            format!("That PIN is not the one set for this kiosk ({left} {tries} before a wait)."),
        ))
    }

    /// Refuses a check-in for another event than the kiosk's.
    pub fn check_event(&self, event_id: Id) -> ApiResult<()> {
        match lock(&self.0).as_ref() {
            Some(l) if l.event_id != event_id => Err(locked()),
            _ => Ok(()),
        }
    }
}

fn wait_error(left: Duration) -> ApiError {
    let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
    let unit = if seconds == 1 { "second" } else { "seconds" };
    ApiError::new(
        ErrorCode::WrongPin,
        format!("Too many wrong PINs: wait {seconds} {unit}, then try again."),
    )
}

pub fn locked() -> ApiError {
    ApiError::new(
        ErrorCode::Locked,
        "This window is a check-in kiosk: only checking in works until it is left with its PIN.",
    )
}

/// Whether `window` is locked as the kiosk. Only a main window becomes one
/// (Kiosk mode… is on its desk page), each with its own lock in its state;
/// a hall display keeps what its own capability allows, and a locked main
/// window has no permission to make a window.
pub fn window_locked<R: Runtime>(window: &tauri::Window<R>) -> bool {
    crate::windows::is_main(window.label())
        && window
            .try_state::<Plans>()
            .and_then(|plans| plans.state_of(window.label()))
            .is_some_and(|state| state.kiosk.locked())
}

fn is_locked<R: Runtime>(invoke: &Invoke<R>) -> bool {
    window_locked(&invoke.message.webview_ref().window())
}

/// The app's invoke handler behind the kiosk lock: the one place a locked
/// window's commands are refused.
pub fn guard<R: Runtime>(
    handler: impl Fn(Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    move |invoke| {
        if is_locked(&invoke) && !kiosk_allows(invoke.message.command()) {
            invoke.resolver.reject(locked());
            return true;
        }
        handler(invoke)
    }
}

/// A plugin whose every command is refused while the kiosk is locked (the
/// file dialogs: a file chooser can browse, rename and make folders).
pub struct Guarded<P>(pub P);

impl<R: Runtime, P: Plugin<R>> Plugin<R> for Guarded<P> {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn initialize(
        &mut self,
        app: &tauri::AppHandle<R>,
        config: serde_json::Value,
    ) -> Result<(), Box<dyn std::error::Error>> {
        self.0.initialize(app, config)
    }

    fn initialization_script(&self) -> Option<String> {
        self.0.initialization_script()
    }

    fn window_created(&mut self, window: tauri::Window<R>) {
        self.0.window_created(window)
    }

    fn webview_created(&mut self, webview: tauri::Webview<R>) {
        self.0.webview_created(webview)
    }

    fn on_navigation(&mut self, webview: &tauri::Webview<R>, url: &tauri::Url) -> bool {
        self.0.on_navigation(webview, url)
    }

    fn on_page_load(
        &mut self,
        webview: &tauri::Webview<R>,
        payload: &tauri::webview::PageLoadPayload<'_>,
    ) {
        self.0.on_page_load(webview, payload)
    }

    fn on_event(&mut self, app: &tauri::AppHandle<R>, event: &tauri::RunEvent) {
        self.0.on_event(app, event)
    }

    fn extend_api(&mut self, invoke: Invoke<R>) -> bool {
        if is_locked(&invoke) {
            invoke.resolver.reject(locked());
            return true;
        }
        self.0.extend_api(invoke)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 11, 19).unwrap()
    }

    #[test]
    fn only_the_desk_and_the_way_out_are_allowed() {
        for allowed in ["desk", "check_in", "leave_kiosk", "kiosk", "plan_today"] {
            assert!(kiosk_allows(allowed), "{allowed}");
        }
        for refused in [
            "undo",
            "open_plan",
            "enter_kiosk",
            "set_run_clock",
            "export_attendees",
            "check_plan",
            "",
            "Desk",
        ] {
            assert!(!kiosk_allows(refused), "{refused}");
        }
    }

    #[test]
    fn a_pin_is_four_to_eight_digits() {
        for good in ["1234", "00000000", "9876543"] {
            assert!(check_pin(good).is_ok(), "{good}");
        }
        for bad in ["123", "123456789", "12a4", "12 34", "", "١٢٣٤", "１２３４"] {
            let err = ApiError::from(check_pin(bad).unwrap_err());
            assert_eq!(err.code, ErrorCode::Invalid, "{bad}");
            assert_eq!(err.fields[0].field, "pin");
            assert_eq!(err.message, "The PIN must be 4 to 8 digits.");
        }
    }

    #[test]
    fn entering_locks_and_the_right_pin_unlocks() {
        let kiosk = KioskLock::default();
        assert!(!kiosk.locked());
        let view = kiosk.enter("2468", 3, day()).unwrap();
        assert_eq!(
            view,
            Kiosk {
                locked: true,
                event_id: Some(3),
                day: Some(day())
            }
        );
        assert_eq!(
            kiosk.enter("1111", 3, day()).unwrap_err().code,
            ErrorCode::Locked
        );
        assert_eq!(kiosk.check_event(4).unwrap_err().code, ErrorCode::Locked);
        assert!(kiosk.check_event(3).is_ok());
        let now = Instant::now();
        let wrong = kiosk.leave("1357", now).unwrap_err();
        assert_eq!(wrong.code, ErrorCode::WrongPin);
        assert!(wrong.message.contains("4 tries"), "{}", wrong.message);
        assert!(kiosk.locked());
        assert!(!kiosk.leave("2468", now).unwrap().locked);
        assert!(!kiosk.locked());
        assert!(kiosk.check_event(4).is_ok());
    }

    #[test]
    fn a_bad_pin_does_not_lock() {
        let kiosk = KioskLock::default();
        assert_eq!(
            kiosk.enter("12", 1, day()).unwrap_err().code,
            ErrorCode::Invalid
        );
        assert!(!kiosk.locked());
    }

    #[test]
    fn five_wrong_pins_make_every_try_wait_thirty_seconds() {
        let kiosk = KioskLock::default();
        kiosk.enter("2468", 1, day()).unwrap();
        let start = Instant::now();
        for n in 1..WRONG_TRIES {
            let err = kiosk.leave("0000", start).unwrap_err();
            assert!(
                err.message.starts_with("That PIN"),
                "try {n}: {}",
                err.message
            );
        }
        let fifth = kiosk.leave("0000", start).unwrap_err();
        assert_eq!(fifth.code, ErrorCode::WrongPin);
        assert_eq!(
            fifth.message,
            "Too many wrong PINs: wait 30 seconds, then try again."
        );
        // Even the right PIN waits.
        let later = start + Duration::from_millis(10_500);
        let waiting = kiosk.leave("2468", later).unwrap_err();
        assert_eq!(
            waiting.message,
            "Too many wrong PINs: wait 20 seconds, then try again."
        );
        assert!(kiosk.locked());
        let after = start + WAIT;
        assert!(!kiosk.leave("2468", after).unwrap().locked);
    }

    #[test]
    fn after_the_wait_five_more_tries_are_given() {
        let kiosk = KioskLock::default();
        kiosk.enter("2468", 1, day()).unwrap();
        let start = Instant::now();
        for _ in 0..WRONG_TRIES {
            let _ = kiosk.leave("0000", start);
        }
        let after = start + WAIT;
        let err = kiosk.leave("0000", after).unwrap_err();
        assert!(err.message.contains("4 tries"), "{}", err.message);
    }
}
