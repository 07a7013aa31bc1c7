// Pure date/time formatting helpers. All calendar arithmetic is done in UTC so
// the machine's time zone can never shift a date or a weekday.

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "08:00" from a wall-clock time "08:00:00" (or "08:00"). */
export function hourMinute(time: string): string {
  return time.slice(0, 5);
}

/** "2024-11-18T09:00:00" -> "09:00" (the wall-clock time as written, no TZ conversion). */
export function clockTime(isoLocal: string): string {
  const m = LOCAL_DATE_TIME.exec(isoLocal);
  if (!m) throw new Error(`Invalid local date-time: ${isoLocal}`);
  return `${m[1]}:${m[2]}`;
}

/** formatTimeRange("2024-11-18T09:00:00", "2024-11-18T10:30:00") -> "09:00–10:30" (en dash). */
export function formatTimeRange(start: string, end: string): string {
  return `${clockTime(start)}\u2013${clockTime(end)}`;
}

/** A "YYYY-MM-DD" date as a UTC midnight Date; throws for anything else. */
function utcDate(date: string): Date {
  const m = LOCAL_DATE.exec(date);
  if (!m) throw new Error(`Invalid date: ${date}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new Error(`Invalid date: ${date}`);
  }
  return d;
}

function isoDate(d: Date): string {
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/** formatDayHeading("2024-11-18") -> "Monday 18 November 2024". */
export function formatDayHeading(date: string): string {
  const d = utcDate(date);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** formatDayShort("2024-11-18") -> "Mon 18 Nov" (for tabs and compact lists). */
export function formatDayShort(date: string): string {
  const d = utcDate(date);
  const weekday = (WEEKDAYS[d.getUTCDay()] ?? '').slice(0, 3);
  const month = (MONTHS[d.getUTCMonth()] ?? '').slice(0, 3);
  return `${weekday} ${d.getUTCDate()} ${month}`;
}

/**
 * formatDateSpan("2024-11-18", "2024-11-20") ->
 * "Monday 18 November 2024 – Wednesday 20 November 2024"; one day is shown once.
 */
export function formatDateSpan(first: string, last: string): string {
  if (first === last) return formatDayHeading(first);
  return `${formatDayHeading(first)} \u2013 ${formatDayHeading(last)}`;
}

/** Every date from `first` to `last` inclusive ("YYYY-MM-DD"); empty if last < first. */
export function eachDay(first: string, last: string): string[] {
  const from = utcDate(first);
  const to = utcDate(last);
  const days: string[] = [];
  for (let t = from.getTime(); t <= to.getTime() && days.length < 3660; t += 86_400_000) {
    days.push(isoDate(new Date(t)));
  }
  return days;
}

/** True for a well-formed, real "YYYY-MM-DD" date. */
export function isDate(date: string): boolean {
  try {
    utcDate(date);
    return true;
  } catch {
    return false;
  }
}

/**
 * The time range of a session, or null when it is unscheduled (start or end
 * missing). Wall-clock strings are used as written.
 */
export function sessionTimeRange(start: string | null | undefined, end: string | null | undefined): string | null {
  if (!start || !end) return null;
  return formatTimeRange(start, end);
}

/** The "YYYY-MM-DD" part of a wall-clock date-time string. */
export function datePart(isoLocal: string): string {
  return isoLocal.slice(0, 10);
}

/**
 * A span the backend placed in a room's `day`, as written:
 * formatSpanOnDay("2024-11-18", "2024-11-18T23:30:00", "2024-11-19T00:30:00")
 * -> "23:30–00:30 (+1 day)". The mark shows when it starts on a later day or
 * ends after midnight (ending at midnight itself is still the same day).
 */
export function formatSpanOnDay(day: string, start: string, end: string): string {
  const later = datePart(start) > day || (datePart(end) > day && clockTime(end) !== '00:00');
  return `${formatTimeRange(start, end)}${later ? ' (+1 day)' : ''}`;
}
