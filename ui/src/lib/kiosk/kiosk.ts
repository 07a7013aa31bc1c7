// The kiosk desk's wording and choices: who a search shows, what the
// confirm card and the welcome say, and the PIN pad. The lock itself is the
// backend's; nothing here decides what a locked window may do.
import type { DeskLine } from '../ipc';
import { fold } from '../format/fold';
import { organisationLabel } from '../people/match';
import { searchLines, type SearchEntry } from '../desk/search';

/** People shown at once: a touch screen shows a few big rows, not the list. */
export const KIOSK_RESULTS = 6;
/** Characters to type before anyone is shown, so a passer-by never sees the whole list. */
export const MIN_QUERY = 2;
/** How long the welcome stays before the search comes back. */
export const WELCOME_MS = 4000;
/** How long a name, a question or the PIN pad stays untouched before the empty search comes back. */
export const IDLE_MS = 45000;
export const PIN_MIN = 4;
export const PIN_MAX = 8;

/** The people a kiosk search shows: none until MIN_QUERY characters are typed. */
export function kioskMatches<L extends DeskLine>(entries: readonly SearchEntry<L>[], query: string): L[] {
  if ([...fold(query).replace(/\s+/g, '')].length < MIN_QUERY) return [];
  return searchLines(entries, query).slice(0, KIOSK_RESULTS);
}

type Who = Pick<DeskLine, 'name' | 'organisation' | 'acronym'>;

/** The organisation as the kiosk names it, or '' when there is none. */
export function whereFrom(line: Who): string {
  return line.organisation ? organisationLabel({ name: line.organisation, acronym: line.acronym }) : '';
}

/** "Check in Ms Lynn Bell, Delegation of Viet Nam?" */
export function confirmText(line: Who): string {
  const from = whereFrom(line);
  return from ? `Check in ${line.name}, ${from}?` : `Check in ${line.name}?`;
}

/** The greeting after a check-in. */
export function welcomeText(name: string): string {
  return `Welcome, ${name}`;
}

/** What a second tap on someone already in says. */
export function alreadyText(name: string): string {
  return `${name} is already checked in.`;
}

export type PadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'back';

/** The PIN after a key of the pad (or the keyboard); it stops at PIN_MAX digits. */
export function padPress(pin: string, key: PadKey): string {
  if (key === 'back') return pin.slice(0, -1);
  return pin.length >= PIN_MAX ? pin : pin + key;
}

/** A key of the keyboard as a key of the pad, or null. */
export function padKeyOf(key: string): PadKey | null {
  if (key === 'Backspace') return 'back';
  return /^[0-9]$/.test(key) ? (key as PadKey) : null;
}

/** What is wrong with a new PIN and its repetition, before asking the backend (which checks it too). */
export function pinProblem(pin: string, again: string): string | null {
  if (!/^[0-9]+$/.test(pin) || pin.length < PIN_MIN || pin.length > PIN_MAX) return 'The PIN must be 4 to 8 digits.';
  if (again !== pin) return 'The two PINs are not the same.';
  return null;
}
