// Finding a person at the check-in desk as the name is typed. The desk holds
// every line of the event (possibly thousands), so each line is folded once
// into a haystack and every keystroke is only substring tests.
import type { DeskLine } from '../ipc';

/** Letters that Unicode decomposition leaves alone but people type plainly. */
const PLAIN: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  '’': "'",
  '‘': "'",
  '`': "'",
};
const NOT_PLAIN = /[øłđðþßæœı’‘`]/g;

/** Lower case without accents: "Nguyễn Thị Hoà" -> "nguyen thi hoa", "Søren" -> "soren". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(NOT_PLAIN, (c) => PLAIN[c] ?? c);
}

/** The words of a search, folded; empty for a blank search. */
export function queryWords(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

export type SearchEntry<L extends DeskLine = DeskLine> = {
  line: L;
  /** Name, organisation, acronym and email, folded. */
  hay: string;
  /** The folded name with a space before every word, to test word starts. */
  nameStarts: string;
};

/** Fold every line once, when the desk is (re)loaded. */
export function indexLines<L extends DeskLine>(lines: readonly L[]): SearchEntry<L>[] {
  return lines.map((line) => ({
    line,
    hay: fold(`${line.name} ${line.organisation} ${line.acronym} ${line.email}`),
    nameStarts: ` ${fold(line.name).replace(/[^\p{L}\p{N}']+/gu, ' ')}`,
  }));
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
    if (!words.every((w) => e.hay.includes(w))) continue;
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
