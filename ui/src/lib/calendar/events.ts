// Sessions as calendar events and rooms as calendar resources: colours by
// kind, the filters, and the line naming who leads a session.
import type { Calendar } from '@event-calendar/core';
import type { AgendaSession, Room, RoleKind, SessionKind } from '../ipc';
import { datePart } from '../format/time';
import { floatingWall } from './floating';

export type KindColour = { background: string; text: string };

/** A small palette keyed by session kind; breaks and meals are muted. */
export const KIND_COLOURS: Record<SessionKind, KindColour> = {
  opening: { background: '#1f4b7a', text: '#ffffff' },
  closing: { background: '#1f4b7a', text: '#ffffff' },
  panel: { background: '#6b3a8c', text: '#ffffff' },
  presentation: { background: '#0f5e6e', text: '#ffffff' },
  statements: { background: '#8a5a12', text: '#ffffff' },
  discussion: { background: '#2a6b3f', text: '#ffffff' },
  side_event: { background: '#9a2d52', text: '#ffffff' },
  other: { background: '#56606a', text: '#ffffff' },
  break: { background: '#eef0f2', text: '#56606a' },
  meal: { background: '#eef0f2', text: '#56606a' },
  logistics: { background: '#eef0f2', text: '#56606a' },
};

/** Kinds shown muted: the pauses between sessions, and logistics. */
export const PAUSE_KINDS: readonly SessionKind[] = ['break', 'meal', 'logistics'];

/** The day a session is on: its start's, or its day while its time is to be confirmed; null when unscheduled. */
export function dayOf(s: Pick<AgendaSession['session'], 'start' | 'day'>): string | null {
  return s.start ? datePart(s.start) : (s.day ?? null);
}

/** A session with a day whose time is still to be confirmed: the calendar's all-day row. */
export function isDayOnly(s: Pick<AgendaSession['session'], 'start' | 'day'>): boolean {
  return !s.start && !!s.day;
}

export function kindColour(kind: SessionKind): KindColour {
  return KIND_COLOURS[kind] ?? KIND_COLOURS.other;
}

/** The resource id of the "No room" column. */
export const NO_ROOM = 'none';

/** The calendar resource id for a room (or for no room). */
export function resourceIdOf(roomId: number | null | undefined): string {
  return roomId == null ? NO_ROOM : String(roomId);
}

/** The room id for a calendar resource id; null for "No room". */
export function roomIdOf(resourceId: string | number): number | null {
  const id = String(resourceId);
  return id === NO_ROOM ? null : Number(id);
}

/** A filter value: null shows everything. */
export type CalendarFilters = {
  eventId: number | null;
  /** A room id, NO_ROOM for sessions without a room, or null for all. */
  room: number | typeof NO_ROOM | null;
  kind: SessionKind | null;
};

export const NO_FILTERS: CalendarFilters = { eventId: null, room: null, kind: null };

export function matchesFilters(item: AgendaSession, filters: CalendarFilters): boolean {
  const s = item.session;
  if (filters.eventId !== null && s.event_id !== filters.eventId) return false;
  if (filters.kind !== null && s.kind !== filters.kind) return false;
  if (filters.room !== null) {
    const room = s.room_id ?? null;
    if (filters.room === NO_ROOM ? room !== null : room !== filters.room) return false;
  }
  return true;
}

/** The filters after one of the toolbar's selects changed to `value` ('' for all). */
export function withFilter(filters: CalendarFilters, key: keyof CalendarFilters, value: string): CalendarFilters {
  if (key === 'eventId') return { ...filters, eventId: value === '' ? null : Number(value) };
  if (key === 'room') return { ...filters, room: value === '' ? null : value === NO_ROOM ? NO_ROOM : Number(value) };
  return { ...filters, kind: value === '' ? null : (value as SessionKind) };
}

/**
 * The sessions a view draws: those starting on `day` (the day view; null for
 * every day) in the columns of `resources` (a page of rooms; null for all).
 */
export function shownSessions<T extends AgendaSession>(
  items: readonly T[],
  day: string | null,
  resources: ReadonlySet<string> | null,
): T[] {
  return items.filter(
    (i) =>
      (day === null || dayOf(i.session) === day) &&
      (resources === null || resources.has(resourceIdOf(i.session.room_id))),
  );
}

/** Roles that lead a session, in the order looked for. */
const LEADS: readonly RoleKind[][] = [['moderator'], ['chair', 'co_chair']];

/**
 * "Moderator: RSO — moderator TBC, Australian Co-Manager", else the chair and
 * co-chairs ("Co-Chairs: A; B"), as the core groups them; '' when neither.
 */
export function leadLine(item: Pick<AgendaSession, 'role_groups'>): string {
  for (const kinds of LEADS) {
    const groups = item.role_groups.filter((g) => kinds.includes(g.role));
    if (groups.length > 0) return groups.map((g) => `${g.label}: ${g.people.join('; ')}`).join(' · ');
  }
  return '';
}

/** What the calendar's event content shows, kept in the event's extendedProps. */
export type SessionEventProps = {
  sessionId: number;
  kind: SessionKind;
  room: string;
  lead: string;
  pinned: boolean;
  pause: boolean;
  /** To be confirmed: marked "tbc". */
  tbc: boolean;
  /** On its day with no time yet: in the all-day row, placed on the grid by dragging. */
  dayOnly: boolean;
};

/**
 * Sessions on a day that pass the filters, as calendar events: timed ones at
 * the plan's wall clock, those whose time is to be confirmed as all-day
 * events on their day.
 */
export function toCalendarEvents(items: readonly AgendaSession[], filters: CalendarFilters): Calendar.EventInput[] {
  const events: Calendar.EventInput[] = [];
  for (const item of items) {
    const s = item.session;
    if (!matchesFilters(item, filters)) continue;
    const dayOnly = isDayOnly(s);
    if (!dayOnly && (!s.start || !s.end)) continue;
    const colour = kindColour(s.kind);
    const pause = PAUSE_KINDS.includes(s.kind);
    const props: SessionEventProps = {
      sessionId: s.id,
      kind: s.kind,
      room: item.room ?? 'No room',
      lead: pause ? '' : leadLine(item),
      pinned: s.pinned,
      pause,
      tbc: s.tentative,
      dayOnly,
    };
    events.push({
      id: s.id,
      title: s.title,
      // Offset-free strings: the calendar keeps them as floating wall-clock times.
      ...(dayOnly
        ? // The calendar moves an all-day event only within the all-day row, so it is dragged onto the grid like a tray item.
          { start: s.day!, end: s.day!, allDay: true, editable: false }
        : { start: floatingWall(s.start!), end: floatingWall(s.end!) }),
      resourceIds: [resourceIdOf(s.room_id)],
      backgroundColor: colour.background,
      textColor: colour.text,
      classNames: [
        `kind-${s.kind}`,
        ...(pause ? ['is-pause'] : []),
        ...(s.pinned ? ['is-pinned'] : []),
        ...(dayOnly ? ['is-day-only'] : []),
      ],
      extendedProps: props,
    });
  }
  return events;
}

/**
 * The day view's columns: every room (or only the filtered one), plus "No
 * room" when a shown session on `day` has none.
 */
export function calendarResources(
  rooms: readonly Pick<Room, 'id' | 'name'>[],
  items: readonly AgendaSession[],
  filters: CalendarFilters,
  day: string | null,
): Calendar.ResourceInput[] {
  const shown = rooms.filter((r) => filters.room === null || filters.room === r.id);
  const columns: Calendar.ResourceInput[] = shown.map((r) => ({ id: resourceIdOf(r.id), title: r.name }));
  const roomless = items.some(
    (item) =>
      dayOf(item.session) !== null &&
      (item.session.room_id ?? null) === null &&
      (day === null || dayOf(item.session) === day) &&
      matchesFilters(item, filters),
  );
  if (roomless && (filters.room === null || filters.room === NO_ROOM)) {
    columns.push({ id: NO_ROOM, title: 'No room' });
  }
  return columns;
}

/** Every scheduled and unscheduled session of an agenda, in one list. */
export function allSessions<T extends { days: { sessions: S[] }[]; unscheduled: S[] }, S>(agenda: T): S[] {
  return [...agenda.days.flatMap((d) => d.sessions), ...agenda.unscheduled];
}

/** Rooms shown at once in the day view: more columns than fit on a screen cost seconds to draw and cannot be read. */
export const ROOMS_PER_PAGE = 8;

export type RoomPage<R> = {
  /** The columns on this page. */
  columns: R[];
  /** The page shown, clamped to the pages there are. */
  page: number;
  pages: number;
  /** "Rooms 13–24 of 92", or '' when everything fits on one page. */
  label: string;
};

/** One page of day-view columns. */
export function roomPage<R>(columns: readonly R[], page: number, size = ROOMS_PER_PAGE): RoomPage<R> {
  const pages = Math.max(1, Math.ceil(columns.length / size));
  const p = Math.min(Math.max(0, page), pages - 1);
  const shown = columns.slice(p * size, (p + 1) * size);
  const label = pages > 1 ? `Rooms ${p * size + 1}–${p * size + shown.length} of ${columns.length}` : '';
  return { columns: shown, page: p, pages, label };
}
