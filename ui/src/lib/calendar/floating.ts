// Wall-clock times of the plan's zone <-> the calendar's Date objects.
//
// Session times are wall-clock strings ("2024-11-19T10:45:00") in the PLAN's
// time zone, which need not be this computer's. Dates are "floating" local
// times: a Date whose local fields (getFullYear … getMinutes) read exactly
// the plan's wall clock. No string is ever parsed by Date and no Date is ever
// turned into an ISO/UTC string, so the computer's zone cannot shift a session.
//
// Into @event-calendar (v5) events go as offset-free wall-clock strings
// (`floatingWall`), which it keeps as floating times. It treats Date objects
// given to it as instants instead, and shifts them by the difference between
// this computer's offset today and on the session's day (an hour across a
// clock change). What it hands back (drop, resize, select) are floating Dates,
// read here with their local fields.

const WALL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^(\d{1,2}):(\d{2})(?::\d{2})?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The parts of a "YYYY-MM-DDTHH:MM[:SS]" string; throws for anything else. */
function wallParts(wall: string): [number, number, number, number, number, number] {
  const m = WALL.exec(wall);
  if (!m) throw new Error(`Invalid wall-clock time: ${wall}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
}

/** "2024-11-19 10:45" -> "2024-11-19T10:45:00": the one form handed to the calendar. */
export function floatingWall(wall: string): string {
  const [y, mo, d, h, mi, s] = wallParts(wall);
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/** "2024-11-19T10:45:00" -> a local Date reading 19 Nov 2024 10:45. */
export function toFloatingDate(wall: string): Date {
  const [y, mo, d, h, mi, s] = wallParts(wall);
  return new Date(y, mo - 1, d, h, mi, s);
}

/** A "YYYY-MM-DD" day -> a local Date at midnight of that day. */
export function dayToFloatingDate(day: string): Date {
  const m = DAY.exec(day);
  if (!m) throw new Error(`Invalid date: ${day}`);
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** A floating Date -> "YYYY-MM-DDTHH:MM:SS", from its local fields. */
export function fromFloatingDate(date: Date): string {
  return `${floatingDay(date)}T${floatingClock(date)}:${pad(date.getSeconds())}`;
}

/** A floating Date -> its "YYYY-MM-DD" day. */
export function floatingDay(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A floating Date -> its "HH:MM" clock time. */
export function floatingClock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// Arithmetic on wall-clock strings is done in UTC, where no day is longer or
// shorter than another, so a clock change on this computer cannot skew it.

function wallToUtc(wall: string): number {
  const [y, mo, d, h, mi, s] = wallParts(wall);
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

function utcToWall(t: number): string {
  const d = new Date(t);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** `wall` moved by `minutes` (negative for earlier), e.g. for arrow keys. */
export function addMinutes(wall: string, minutes: number): string {
  return utcToWall(wallToUtc(wall) + minutes * 60_000);
}

/** `wall` moved by whole `days`, keeping its clock time. */
export function addDays(wall: string, days: number): string {
  return addMinutes(wall, days * 24 * 60);
}

/** Minutes from `start` to `end` (both wall-clock strings). */
export function minutesBetween(start: string, end: string): number {
  return Math.round((wallToUtc(end) - wallToUtc(start)) / 60_000);
}

/** "2024-11-19" + "10:45" -> "2024-11-19T10:45:00". */
export function joinWall(day: string, clock: string): string {
  const m = CLOCK.exec(clock.trim());
  if (!DAY.test(day) || !m) throw new Error(`Invalid day or time: ${day} ${clock}`);
  return `${day}T${pad(Number(m[1]))}:${m[2]}:00`;
}

/** "HH:MM[:SS]" -> minutes after midnight; null when it is not a time. */
export function clockMinutes(clock: string): number | null {
  const m = CLOCK.exec(clock.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

/** Minutes after midnight -> "HH:MM" (past midnight wraps, e.g. 1500 -> "01:00"). */
export function minutesClock(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** The calendar's time text of an event: "09:00–10:30", or its start alone. */
export function floatingRange(start: Date, end: Date | null): string {
  return end ? `${floatingClock(start)}\u2013${floatingClock(end)}` : floatingClock(start);
}

/**
 * A range selected on the grid as the session form's fields: its day and
 * clock times. A range up to midnight ends at "24:00" rather than "00:00" of
 * the next day.
 */
export function selectedTimes(start: Date, end: Date): { day: string; start_time: string; end_time: string } {
  const day = floatingDay(start);
  const atMidnight = floatingDay(end) !== day && floatingClock(end) === '00:00';
  return { day, start_time: floatingClock(start), end_time: atMidnight ? '24:00' : floatingClock(end) };
}
