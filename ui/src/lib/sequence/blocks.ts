// Small helpers of the sequence planner: a block's span in words and clock
// minutes of a wall-clock time. The ripple itself is the backend's
// (preview_retime).
import { clockMinutes, minutesClock } from '../calendar/floating';

export type Span = { start: number; end: number };

/** "09:00–09:30", with "(+1 day)" for times past midnight. */
export function spanText(p: Span): string {
  const next = p.end > 1440 || p.start >= 1440 ? ' (+1 day)' : '';
  return `${minutesClock(p.start)}\u2013${minutesClock(p.end)}${next}`;
}

/** "HH:MM" of a wall-clock "YYYY-MM-DDTHH:MM:SS" string, as minutes after midnight. */
export function startMinutes(wall: string | null | undefined): number | null {
  return wall ? clockMinutes(wall.slice(11, 16)) : null;
}

/** Minutes from the start of `day` to a wall-clock time on it or on the next day. */
export function minutesInto(day: string, wall: string): number {
  const minutes = startMinutes(wall) ?? 0;
  return wall.slice(0, 10) > day ? minutes + 1440 : minutes;
}
