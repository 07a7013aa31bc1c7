// Keys on a selected session (a calendar event or an agenda row):
// ArrowUp/ArrowDown move it by the plan's snap step, ArrowLeft/ArrowRight by
// a day, Shift+ArrowUp/ArrowDown shorten or lengthen it by the step (the
// keyboard's resize), Enter opens it and Delete deletes it (undo brings it back).

export type SessionKeyAction =
  | { kind: 'shift'; minutes: number }
  | { kind: 'resize'; minutes: number }
  | { kind: 'open' }
  | { kind: 'delete' };

type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

const DAY_MINUTES = 24 * 60;

/** What a key press does to the selected session, or null for other keys. */
export function sessionKeyAction(e: KeyPress, snapMinutes: number): SessionKeyAction | null {
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
