// Undo and redo from the keyboard: Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y (Cmd on
// macOS). While the user types in a field the keys belong to the field, whose
// own text undo is what they mean.

export type HistoryAction = 'undo' | 'redo';

type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** Input types that are buttons or boxes rather than places to type. */
const NOT_TEXT = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image', 'hidden']);

/** True when `target` takes typed text: a text input, a textarea, a select or editable content. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') return !NOT_TEXT.has((el.getAttribute('type') ?? 'text').toLowerCase());
  return el.isContentEditable === true || el.getAttribute('contenteditable') === 'true';
}

/** The history action for a key press, ignoring the keys typed into fields. */
export function historyShortcut(e: KeyPress, target: EventTarget | null): HistoryAction | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  if (isTextEntry(target)) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}

export const HISTORY_LABELS: Record<HistoryAction, string> = {
  undo: 'Ctrl+Z',
  redo: 'Ctrl+Shift+Z',
};
