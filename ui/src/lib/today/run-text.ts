// The Today page's words: how late, how long left, what a delay moves, and
// the pretend clock's day and time as the run commands take them. Pure, so
// the page's wording is tested without a window.
import { ApiFailure, describeError, type DelayMove, type RunSession_Serialize, type RunStatus } from '../ipc';
import { hasFieldProblems } from '../error-codes';
import { clockTime, datePart, formatDayHeading, isDate } from '../format/time';

const MINUS = '\u2212';

/** "+12 min", "−3 min" or "on time"; blank while there is nothing to compare. */
export function driftText(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '';
  if (minutes === 0) return 'on time';
  return `${minutes > 0 ? '+' : MINUS}${Math.abs(minutes)} min`;
}

/** The session on now: "25 min left", or "overrunning by 12 min" once past its end. */
export function remainingText(minutes: number): string {
  if (minutes < 0) return `overrunning by ${-minutes} min`;
  return `${minutes} min left`;
}

const STATUS: Record<RunStatus, string> = {
  planned: 'Planned',
  running: 'Running',
  done: 'Done',
  cancelled: 'Cancelled',
  overrunning: 'Overrunning',
  late: 'Not started',
};

export function statusLabel(status: RunStatus): string {
  return STATUS[status];
}

/** Statuses that need the secretariat's eye. */
export function isWarning(status: RunStatus): boolean {
  return status === 'overrunning' || status === 'late';
}

/** "09:15", with the day when it is not `day` (a session ending after midnight). */
function timeOn(day: string, at: string): string {
  const date = datePart(at);
  return date === day || !isDate(date) ? clockTime(at) : `${clockTime(at)} (${date})`;
}

/**
 * "Panel I 11:00 → 11:20", naming the room when a delay moves several; the
 * session running keeps its start, so its line says when it ends instead:
 * "National updates ends 11:30 → 11:45".
 */
export function moveLine(move: DelayMove, withRoom: boolean): string {
  const day = datePart(move.from_start);
  const room = withRoom ? ` (${move.room})` : '';
  if (move.from_start === move.to_start) {
    return `${move.title}${room} ends ${clockTime(move.from_end)} \u2192 ${timeOn(day, move.to_end)}`;
  }
  return `${move.title}${room} ${clockTime(move.from_start)} \u2192 ${timeOn(day, move.to_start)}`;
}

/** Started and ended as recorded: "10:42–", "10:42–11:50", or blank. */
export function actualText(s: Pick<RunSession_Serialize, 'actual_start' | 'actual_end'>): string {
  if (!s.actual_start) return '';
  return `${clockTime(s.actual_start)}\u2013${s.actual_end ? clockTime(s.actual_end) : ''}`;
}

/** How far a session has drifted: its end once ended, else its start. */
export function sessionDrift(s: Pick<RunSession_Serialize, 'start_drift_minutes' | 'end_drift_minutes'>): string {
  return driftText(s.end_drift_minutes ?? s.start_drift_minutes);
}

/** "Tuesday 19 November 2024, 10:40" from the clock's "2024-11-19T10:40:00". */
export function clockLine(now: string): string {
  const day = datePart(now);
  return isDate(day) ? `${formatDayHeading(day)}, ${clockTime(now)}` : now;
}

/** The clock's "2024-11-19T10:40:17" as the day and time inputs hold it. */
export function splitClock(now: string): { day: string; time: string } {
  return { day: datePart(now), time: clockTime(now) };
}

/** A day and a time typed into the pretend control, as `set_run_clock` takes them. */
export function pretendAt(day: string, time: string): string {
  return `${day.trim()} ${time.trim()}`;
}

/** The quick delays offered, in minutes: later, then running early. */
export const QUICK_DELAYS: readonly number[] = [5, 10, 15, 20];
export const QUICK_EARLY: readonly number[] = [-5, -10];

/** "+20", "−5": a quick button's face. */
export function signed(minutes: number): string {
  return `${minutes > 0 ? '+' : MINUS}${Math.abs(minutes)}`;
}

/** The minutes typed into a delay form, or null when they are not a whole number. */
export function minutesOf(text: string): number | null {
  const t = text.trim().replace(MINUS, '-');
  if (!/^[-+]?\d{1,4}$/.test(t)) return null;
  return Number(t);
}

/** A refusal in one line naming the field it is about: "Minutes: a delay is 1 to 240 minutes, …". */
export function problemText(e: unknown): string {
  if (e instanceof ApiFailure && hasFieldProblems(e.error)) {
    const first = e.error.fields[0];
    if (first) {
      const [initial = '', ...rest] = first.field.replaceAll('_', ' ');
      return `${initial.toUpperCase()}${rest.join('')}: ${first.message}`;
    }
  }
  return describeError(e);
}
