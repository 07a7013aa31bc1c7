//! Adding, changing, pinning and deleting sessions through their form.
//! Moves, resizes and re-timing are the planner's.

use super::plural;
use super::roles::{check_roles, trimmed};
use crate::error::{CoreError, Result};
use crate::forms::SessionForm;
use crate::model::{Id, Session};
use crate::planner::describe_change;
use crate::store::{RoleEntry, SessionDraft, Store};

/// The form checked against the plan, its event and its room.
fn validate(store: &Store, form: &SessionForm) -> Result<SessionDraft> {
    let plan = store.plan()?;
    let event = match form.event_id {
        Some(id) => store.event_if_exists(id)?,
        None => None,
    };
    let room_exists = match form.room_id {
        Some(id) => store.room_exists(id)?,
        None => true,
    };
    form.validate(&plan, event.as_ref(), room_exists)
        .map_err(CoreError::Invalid)
}

pub fn create_session(store: &mut Store, form: &SessionForm) -> Result<Session> {
    let d = validate(store, form)?;
    let id = store.insert_session(&d, &format!("Added session “{}”", d.title))?;
    store.session(id)
}

/// What a change of a session's form did, in the history's words.
fn summary(before: &Session, d: &SessionDraft) -> String {
    if let Some(day) = d.day.filter(|day| before.day != Some(*day)) {
        return format!(
            "Moved “{}” to {}, time to be confirmed",
            d.title,
            day.format("%a %-d %b")
        );
    }
    let change = describe_change(before, &d.title, d.start, d.room_id != before.room_id);
    match (before.tentative, d.tentative) {
        (false, true) if change.starts_with("Edited") => {
            format!("Marked “{}” as to be confirmed", d.title)
        }
        (true, false) if change.starts_with("Edited") => format!("Confirmed “{}”", d.title),
        _ => change,
    }
}

pub fn update_session(store: &mut Store, id: Id, form: &SessionForm) -> Result<Session> {
    let before = store.session(id)?;
    let d = validate(store, form)?;
    let summary = summary(&before, &d);
    store.update_session(id, &d, &summary)?;
    store.session(id)
}

/// Saves a session from its form together with its ordered roles, as one
/// step: a new session when `id` is `None`. Both are checked first, and
/// every problem of either is reported at once; nothing is written then.
pub fn save_session_with_roles(
    store: &mut Store,
    id: Option<Id>,
    form: &SessionForm,
    roles: &[RoleEntry],
) -> Result<Session> {
    if let Some(id) = id {
        store.session(id)?;
    }
    let draft = validate(store, form);
    let checked = check_roles(store, roles);
    let d = match (draft, checked) {
        (Ok(d), Ok(())) => d,
        (Err(CoreError::Invalid(mut a)), Err(CoreError::Invalid(b))) => {
            a.extend(b);
            return Err(CoreError::Invalid(a));
        }
        (Err(e), _) | (Ok(_), Err(e)) => return Err(e),
    };
    let roles: Vec<RoleEntry> = roles.iter().map(trimmed).collect();
    let with = if roles.is_empty() {
        String::new()
    } else {
        format!(" with {}", plural(roles.len() as i64, "role", "roles"))
    };
    let summary = match id {
        None => format!("Added session “{}”{with}", d.title),
        Some(_) => format!("Edited session “{}”{with}", d.title),
    };
    let id = store.save_session_with_roles(id, &d, &roles, &summary)?;
    store.session(id)
}

pub fn delete_session(store: &mut Store, id: Id) -> Result<()> {
    let title = store.session(id)?.title;
    store.delete_session(id, &format!("Deleted session “{}”", title))
}

/// Pins a session to its start (or unpins it): a re-timing keeps it there.
pub fn set_pinned(store: &mut Store, id: Id, pinned: bool) -> Result<Session> {
    let s = store.session(id)?;
    let summary = if pinned {
        format!("Pinned “{}”", s.title)
    } else {
        format!("Unpinned “{}”", s.title)
    };
    store.set_pinned(id, pinned, &summary)?;
    store.session(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::PersonForm;
    use crate::model::RoleKind;
    use crate::sample;

    fn panel_form(store: &Store, title: &str) -> SessionForm {
        let event = store.events().unwrap()[0].clone();
        SessionForm {
            event_id: Some(event.id),
            title: title.into(),
            day: event.first_day.to_string(),
            start_time: "16:00".into(),
            end_time: "17:00".into(),
            kind: crate::model::SessionKind::Panel,
            room_id: None,
            description: String::new(),
            agenda_item: String::new(),
            outcome: String::new(),
            notes: String::new(),
            tentative: false,
            link: String::new(),
        }
    }

    fn someone(store: &mut Store, given: &str, family: &str) -> Id {
        crate::edit::people::create_person(
            store,
            &PersonForm {
                given_name: given.into(),
                family_name: family.into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id
    }

    fn row(role: RoleKind, person: Option<Id>) -> RoleEntry {
        RoleEntry {
            role,
            person_id: person,
            organisation_id: None,
            note: String::new(),
            tentative: false,
            presence: crate::model::RolePresence::InPerson,
        }
    }

    #[test]
    fn a_new_session_and_its_roles_are_one_undoable_step() {
        let mut store = sample::sample_in_memory().unwrap();
        let moderator = someone(&mut store, "Kai", "Tan");
        let speaker = someone(&mut store, "Jürg", "Lauber");
        let before = store.session_count().unwrap();
        let roles = vec![
            row(RoleKind::Moderator, Some(moderator)),
            RoleEntry {
                note: "  as DWG Co-Chair ".into(),
                ..row(RoleKind::Speaker, Some(speaker))
            },
        ];
        let form = panel_form(&store, "Panel II: Labour mobility");
        let saved = save_session_with_roles(&mut store, None, &form, &roles).unwrap();
        let kept = store.session_roles(saved.id).unwrap();
        assert_eq!(
            kept.iter()
                .map(|r| (r.role, r.person_id, r.note.as_str()))
                .collect::<Vec<_>>(),
            vec![
                (RoleKind::Moderator, Some(moderator), ""),
                (RoleKind::Speaker, Some(speaker), "as DWG Co-Chair"),
            ]
        );
        assert_eq!(
            store.undo().unwrap().as_deref(),
            Some("Added session “Panel II: Labour mobility” with 2 roles")
        );
        assert_eq!(
            store.session_count().unwrap(),
            before,
            "one step undid both"
        );
    }

    #[test]
    fn an_existing_session_keeps_its_id_and_gets_the_new_roles_in_order() {
        let mut store = sample::sample_in_memory().unwrap();
        let session = store.sessions().unwrap()[0].clone();
        let a = someone(&mut store, "Ana", "Ruiz");
        let b = someone(&mut store, "Bo", "Lind");
        let mut form = panel_form(&store, "Renamed");
        form.event_id = Some(session.event_id);
        let roles = vec![
            row(RoleKind::Panellist, Some(b)),
            row(RoleKind::Panellist, Some(a)),
        ];
        let saved = save_session_with_roles(&mut store, Some(session.id), &form, &roles).unwrap();
        assert_eq!(saved.id, session.id);
        assert_eq!(saved.title, "Renamed");
        let people: Vec<_> = store
            .session_roles(session.id)
            .unwrap()
            .iter()
            .map(|r| r.person_id)
            .collect();
        assert_eq!(people, vec![Some(b), Some(a)]);
        assert_eq!(
            store.undo().unwrap().as_deref(),
            Some("Edited session “Renamed” with 2 roles")
        );
    }

    #[test]
    fn a_bad_form_and_an_empty_row_are_both_named_and_nothing_is_written() {
        let mut store = sample::sample_in_memory().unwrap();
        let p = someone(&mut store, "Kai", "Tan");
        let before = store.session_count().unwrap();
        let mut form = panel_form(&store, "");
        form.start_time = "25:00".into();
        let roles = vec![
            row(RoleKind::Moderator, Some(p)),
            row(RoleKind::Speaker, None),
        ];
        let err = save_session_with_roles(&mut store, None, &form, &roles).unwrap_err();
        let CoreError::Invalid(problems) = err else {
            panic!("not a form problem: {err}");
        };
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert!(fields.contains(&"title"), "{fields:?}");
        assert!(fields.contains(&"start_time"), "{fields:?}");
        assert!(fields.contains(&"roles.1"), "{fields:?}");
        assert!(problems
            .iter()
            .any(|p| p.message == "Row 2 (Speaker): choose a person or an organisation."));
        assert_eq!(store.session_count().unwrap(), before);
    }

    #[test]
    fn a_session_not_in_the_plan_is_refused() {
        let mut store = sample::sample_in_memory().unwrap();
        let form = panel_form(&store, "Panel");
        let err = save_session_with_roles(&mut store, Some(999_999), &form, &[]).unwrap_err();
        assert!(matches!(err, CoreError::NotFound { .. }), "{err}");
    }
}
