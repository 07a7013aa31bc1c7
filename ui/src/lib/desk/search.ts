// Finding a person at the check-in desk as the name is typed. The desk holds
// every line of the event (possibly thousands), each with its text already
// folded by the core, so every keystroke folds only what was typed and makes
// substring tests.
import type { DeskLine } from '../ipc';
import { queryWords } from '../format/fold';

export type SearchEntry<L extends DeskLine = DeskLine> = {
  line: L;
  /** The folded name with a space before every word, to test word starts. */
  nameStarts: string;
};

/** Index every line once, when the desk is (re)loaded. */
export function indexLines<L extends DeskLine>(lines: readonly L[]): SearchEntry<L>[] {
  return lines.map((line) => ({ line, nameStarts: ` ${line.search_name}` }));
}

/**
 * The lines matching every word of `query` in their name, organisation,
 * acronym or email, in desk order except that people whose name has a word
 * starting with each typed word come first: typing "thai" finds Ms Thai
 * before the whole Thai delegation. A blank query matches everyone.
 */
export function searchLines<L extends DeskLine>(entries: readonly SearchEntry<L>[], query: string): L[] {
  const words = queryWords(query);
  if (words.length === 0) return entries.map((e) => e.line);
  const byName: L[] = [];
  const others: L[] = [];
  for (const e of entries) {
    if (!words.every((w) => e.line.search_text.includes(w))) continue;
    if (words.every((w) => e.nameStarts.includes(` ${w}`))) byName.push(e.line);
    else others.push(e.line);
  }
  return byName.concat(others);
}

export type SearchKey = 'toggle' | 'up' | 'down' | 'clear';

type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'isComposing'>;

/** What a key in the search box does, or null to let the box have it. */
export function searchKey(e: KeyPress): SearchKey | null {
  // Enter while an input method is composing confirms the composition, not a check-in.
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return null;
  switch (e.key) {
    case 'Enter':
      return e.shiftKey ? null : 'toggle';
    case 'ArrowDown':
      return 'down';
    case 'ArrowUp':
      return 'up';
    case 'Escape':
      return 'clear';
    default:
      return null;
  }
}

/** The highlight after moving by `step` among `count` rows; it stops at the ends. */
export function moveHighlight(current: number, step: number, count: number): number {
  if (count <= 0) return 0;
  return Math.min(count - 1, Math.max(0, current + step));
}

/**
 * The row Enter acts on, or null. With nothing typed, Enter does nothing
 * unless the arrows chose a row, so a stray Enter never checks in whoever
 * happens to sort first.
 */
export function enterTarget(query: string, moved: boolean, highlight: number, count: number): number | null {
  if (count === 0) return null;
  if (queryWords(query).length === 0 && !moved) return null;
  return Math.min(Math.max(highlight, 0), count - 1);
}
