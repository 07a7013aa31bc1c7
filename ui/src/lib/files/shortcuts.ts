// Global keyboard shortcuts for the File menu.

export type FileAction = 'new' | 'new-window' | 'close-window' | 'open' | 'save-copy' | 'copy-plan' | 'import-programme' | 'export' | 'restore' | 'handover' | 'merge';

/** The actions with a keyboard shortcut. */
export type ShortcutAction = 'new' | 'new-window' | 'close-window' | 'open' | 'save-copy';

type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** The File action for a key press: Ctrl+N, Ctrl+Shift+N, Ctrl+O, Ctrl+Shift+S, Ctrl+W (Cmd on macOS). */
export function shortcutFor(e: KeyPress): ShortcutAction | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (e.shiftKey) return key === 's' ? 'save-copy' : key === 'n' ? 'new-window' : null;
  if (key === 'n') return 'new';
  if (key === 'o') return 'open';
  if (key === 'w') return 'close-window';
  return null;
}

/** Shortcut text shown in the menu. */
export const SHORTCUT_LABELS: Record<ShortcutAction, string> = {
  new: 'Ctrl+N',
  'new-window': 'Ctrl+Shift+N',
  'close-window': 'Ctrl+W',
  open: 'Ctrl+O',
  'save-copy': 'Ctrl+Shift+S',
};
