// Pure date/time formatting helpers. All calendar arithmetic is done in UTC so
// the machine's time zone can never shift a date or a weekday.

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2024-11-18T09:00:00" -> "09:00" (the wall-clock time as written, no TZ conversion). */
function clockTime(isoLocal: string): string {
  const m = LOCAL_DATE_TIME.exec(isoLocal);
  if (!m) throw new Error(`Invalid local date-time: ${isoLocal}`);
  return `${m[1]}:${m[2]}`;
}

/** formatTimeRange("2024-11-18T09:00:00", "2024-11-18T10:30:00") -> "09:00–10:30" (en dash). */
export function formatTimeRange(start: string, end: string): string {
  return `${clockTime(start)}\u2013${clockTime(end)}`;
}

/** formatDayHeading("2024-11-18") -> "Monday 18 November 2024". */
export function formatDayHeading(date: string): string {
  const m = LOCAL_DATE.exec(date);
  if (!m) throw new Error(`Invalid date: ${date}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new Error(`Invalid date: ${date}`);
  }
  return `${WEEKDAYS[d.getUTCDay()]} ${day} ${MONTHS[month - 1]} ${year}`;
}
