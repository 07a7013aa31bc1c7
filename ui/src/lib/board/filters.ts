// Which sessions the board shows: those still needing people (or all), of
// one event or all, on one day, unscheduled, or all days.
import { datePart } from '../format/time';
import type { Need } from '../ipc';

/** The day filter's value for sessions without a day. */
export const UNSCHEDULED = 'unscheduled';

export type BoardFilter = {
  needsOnly: boolean;
  /** null: every event. */
  eventId: number | null;
  /** A "YYYY-MM-DD" day, UNSCHEDULED, or null for every day. */
  day: string | null;
};

type Filterable = {
  entry: { session: { event_id: number; start: string | null } };
  needs: readonly Need[];
};

/** The "YYYY-MM-DD" a session is on; null when unscheduled. */
export function sessionDay(session: { start: string | null }): string | null {
  return session.start ? datePart(session.start) : null;
}

export function matches(item: Filterable, filter: BoardFilter): boolean {
  if (filter.needsOnly && item.needs.length === 0) return false;
  if (filter.eventId !== null && item.entry.session.event_id !== filter.eventId) return false;
  if (filter.day !== null) {
    const day = sessionDay(item.entry.session);
    if (filter.day === UNSCHEDULED ? day !== null : day !== filter.day) return false;
  }
  return true;
}

/** The sessions that pass `filter`, in the order given (the backend's time order). */
export function filterSessions<T extends Filterable>(sessions: readonly T[], filter: BoardFilter): T[] {
  return sessions.filter((s) => matches(s, filter));
}
