// Starting values for a new session.
import type { Event, SessionForm_Serialize, SessionKind, Term } from '../ipc';

type EventSpan = Pick<Event, 'id' | 'first_day' | 'last_day'>;

const DEFAULT_KIND: SessionKind = 'discussion';

/** Events whose days include `day` ("YYYY-MM-DD" strings compare in date order). */
export function eventsOn(day: string, events: readonly EventSpan[]): EventSpan[] {
  return events.filter((e) => e.first_day <= day && day <= e.last_day);
}

/**
 * The event a new session most likely belongs to: on a chosen day, the only
 * event running that day; with no day, the only event in the plan. Null when
 * the choice is not obvious.
 */
export function defaultEventId(day: string | null, events: readonly EventSpan[]): number | null {
  const candidates = day ? eventsOn(day, events) : events;
  return candidates.length === 1 ? (candidates[0]?.id ?? null) : null;
}

/** A blank session form for `day` (or unscheduled when null). */
export function newSessionForm(
  day: string | null,
  events: readonly EventSpan[],
  kinds: readonly Term<SessionKind>[] = [],
): SessionForm_Serialize {
  const kind = kinds.length === 0 || kinds.some((k) => k.key === DEFAULT_KIND) ? DEFAULT_KIND : kinds[0]!.key;
  return {
    event_id: defaultEventId(day, events),
    title: '',
    kind,
    day: day ?? '',
    start_time: '',
    end_time: '',
    room_id: null,
    description: '',
    agenda_item: '',
    outcome: '',
    notes: '',
    tentative: false,
    link: '',
  };
}

/** Kinds that pause a day (and logistics): the agenda shows them muted, and they have no outcome to report. */
export const PAUSE_KINDS: readonly SessionKind[] = ['break', 'meal', 'logistics'];

/** A session with substance, whose outcome the Co-Chairs' Summary reports (as the core's drafting decides). */
export function substantive(kind: SessionKind): boolean {
  return !PAUSE_KINDS.includes(kind);
}
