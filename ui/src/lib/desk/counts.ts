// Wording and choices around the desk's live counts: which event the desk
// opens on (today being the backend's, on the plan's wall clock), and the
// "N of M" lines.
import type { Event } from '../ipc';
import { formatDayShort, isDate } from '../format/time';

/**
 * The event the desk opens on: the one running today, else the next to
 * start, else the first. Null when the plan has no events.
 */
export function defaultEventId(events: readonly Pick<Event, 'id' | 'first_day' | 'last_day'>[], today: string): number | null {
  const running = events.find((e) => e.first_day <= today && today <= e.last_day);
  if (running) return running.id;
  const next = events
    .filter((e) => e.first_day > today)
    .reduce<(typeof events)[number] | null>((best, e) => (!best || e.first_day < best.first_day ? e : best), null);
  return (next ?? events[0])?.id ?? null;
}

/** "today" or "on Mon 18 Nov". */
export function whenText(day: string, today: string): string {
  if (day === today) return 'today';
  return isDate(day) ? `on ${formatDayShort(day)}` : `on ${day}`;
}

/** The words after the number: "of 40 checked in today". */
export function presentTail(expected: number, day: string, today: string): string {
  return `of ${expected} checked in ${whenText(day, today)}`;
}

/** "12 of 40 checked in today". */
export function presentText(present: number, expected: number, day: string, today: string): string {
  return `${present} ${presentTail(expected, day, today)}`;
}

/** How full a count's bar is, 0–100 (walk-ins can push present past expected). */
export function share(present: number, expected: number): number {
  if (expected <= 0) return present > 0 ? 100 : 0;
  return Math.min(100, Math.round((present / expected) * 100));
}

/** What the desk says after a toggle, for the status line. */
export function toggledText(name: string, present: boolean): string {
  return present ? `Checked in ${name}.` : `Undid the check-in of ${name}.`;
}
