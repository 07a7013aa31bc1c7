// Keys on a selected session (a calendar event or an agenda row):
// ArrowUp/ArrowDown move it by the plan's snap step, ArrowLeft/ArrowRight by
// a day, Shift+ArrowUp/ArrowDown shorten or lengthen it by the step (the
// keyboard's resize), Enter opens it and Delete deletes it (undo brings it back).
// On the calendar grid the plain arrows go from session to session, so there
// the moves and resizes take Alt as well.

export type SessionKeyAction =
  | { kind: 'shift'; minutes: number }
  | { kind: 'resize'; minutes: number }
  | { kind: 'open' }
  | { kind: 'delete' };

type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

const DAY_MINUTES = 24 * 60;

/** Which keys move a session: the plain arrows (agenda rows) or Alt with them (the calendar grid). */
export type MoveKeys = 'arrows' | 'alt-arrows';

/** What a key press does to the selected session, or null for other keys. */
export function sessionKeyAction(e: KeyPress, snapMinutes: number, moveWith: MoveKeys = 'arrows'): SessionKeyAction | null {
  if (moveWith === 'alt-arrows') {
    const arrow = e.key.startsWith('Arrow');
    if (arrow !== e.altKey) return null;
    e = { key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey, altKey: false };
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const step = snapMinutes > 0 ? snapMinutes : 5;
  if (e.shiftKey) {
    if (e.key === 'ArrowUp') return { kind: 'resize', minutes: -step };
    if (e.key === 'ArrowDown') return { kind: 'resize', minutes: step };
    return null;
  }
  switch (e.key) {
    case 'ArrowUp':
      return { kind: 'shift', minutes: -step };
    case 'ArrowDown':
      return { kind: 'shift', minutes: step };
    case 'ArrowLeft':
      return { kind: 'shift', minutes: -DAY_MINUTES };
    case 'ArrowRight':
      return { kind: 'shift', minutes: DAY_MINUTES };
    case 'Enter':
      return { kind: 'open' };
    case 'Delete':
      return { kind: 'delete' };
    default:
      return null;
  }
}

/** The status shown after a quick delete. */
export function deletedMessage(title: string): string {
  return `Deleted “${title}”. Ctrl+Z to undo.`;
}
