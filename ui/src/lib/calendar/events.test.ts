import { describe, expect, it } from 'vitest';
import type { RoleGroup } from '../ipc';
import { agendaSession, copy, eventNamed, planning, week } from '../testing/sample';
import {
  KIND_COLOURS,
  NO_FILTERS,
  NO_ROOM,
  calendarResources,
  dayOf,
  isDayOnly,
  kindColour,
  leadLine,
  matchesFilters,
  resourceIdOf,
  roomIdOf,
  roomPage,
  shownSessions,
  toCalendarEvents,
  withFilter,
  type CalendarFilters,
  type SessionEventProps,
} from './events';

// From the sample week: the Dialogue's panel (Plenary Hall) and first coffee
// break (Foyer); part-way through planning: the Annual Meeting's closing,
// without a room, and the awareness discussion, unscheduled.
const panel = agendaSession('Panel discussion');
const coffee = agendaSession('Coffee break');
const closing = agendaSession('Closing of the Annual Meeting', planning.agenda);
const waiting = agendaSession('Discussion: what makes', planning.agenda);
const items = [panel, coffee, closing, waiting];
const [foyer, hall] = week.overview.rooms;

/** A role of the panel's, given to someone else. */
const group = (role: RoleGroup['role'], label: string, ...people: string[]): RoleGroup => ({ role, label, people });

describe('calendar events', () => {
  it('maps scheduled sessions to floating-time events in their room’s column', () => {
    const events = toCalendarEvents(items, NO_FILTERS);
    expect(events.map((e) => e.id)).toEqual([panel.session.id, coffee.session.id, closing.session.id]);
    const [first] = events;
    // Offset-free wall-clock strings, which the calendar keeps as they are.
    expect(first!.start).toBe('2024-11-18T10:45:00');
    expect(first!.end).toBe('2024-11-18T12:30:00');
    expect(first!.resourceIds).toEqual([String(hall!.id)]);
    expect(events[2]!.resourceIds).toEqual([NO_ROOM]);
  });

  it('colours events by kind, with breaks and meals muted', () => {
    const [first, pause, last] = toCalendarEvents(items, NO_FILTERS);
    expect(first!.backgroundColor).toBe(KIND_COLOURS.panel.background);
    expect(first!.textColor).toBe(KIND_COLOURS.panel.text);
    expect(last!.backgroundColor).toBe(KIND_COLOURS.closing.background);
    expect(pause!.backgroundColor).toBe(KIND_COLOURS.break.background);
    expect(pause!.classNames).toContain('is-pause');
    expect(KIND_COLOURS.meal).toEqual(KIND_COLOURS.break);
    expect(kindColour('panel')).not.toEqual(kindColour('discussion'));
  });

  it('carries room, leader and pin for the event content', () => {
    const [first, pause, last] = toCalendarEvents(items, NO_FILTERS).map(
      (e) => e.extendedProps as SessionEventProps,
    );
    expect(first).toMatchObject({
      sessionId: panel.session.id,
      room: 'Plenary Hall',
      lead: 'Moderator: Bali Process Regional Support Office — moderator TBC, Australian Co-Manager',
      pinned: false,
    });
    expect(pause).toMatchObject({ room: 'Foyer', lead: '', pause: true });
    expect(last).toMatchObject({ room: 'No room', lead: 'Co-Chairs: Australia — co-chair TBC; Indonesia — co-chair TBC', pinned: false });
    // Part-way through planning the panel is pinned.
    const [pinned] = toCalendarEvents([agendaSession('Panel discussion', planning.agenda)], NO_FILTERS);
    expect((pinned!.extendedProps as SessionEventProps).pinned).toBe(true);
  });

  it('filters by event, room (or no room) and kind', () => {
    const ids = (f: Partial<typeof NO_FILTERS>) =>
      toCalendarEvents(items, { ...NO_FILTERS, ...f }).map((e) => e.id);
    const annual = eventNamed('Annual Meeting');
    const dialogue = eventNamed('Commemorative Dialogue');
    expect(ids({ eventId: annual.id })).toEqual([closing.session.id]);
    expect(ids({ room: foyer!.id })).toEqual([coffee.session.id]);
    expect(ids({ room: NO_ROOM })).toEqual([closing.session.id]);
    expect(ids({ kind: 'panel' })).toEqual([panel.session.id]);
    expect(ids({ eventId: dialogue.id, kind: 'opening' })).toEqual([]);
    // The unscheduled discussion keeps its room for the tray's room filter.
    expect(matchesFilters(waiting, { ...NO_FILTERS, room: hall!.id })).toBe(true);
  });

  it('names the moderator first, else the chair and co-chairs', () => {
    const lead = (...role_groups: RoleGroup[]) => leadLine({ role_groups });
    expect(lead(group('speaker', 'Speaker', 'A'))).toBe('');
    expect(lead(group('chair', 'Chair', 'Tonga'), group('moderator', 'Moderator', 'Fiji'))).toBe('Moderator: Fiji');
    expect(lead(group('chair', 'Chair', 'Tonga'))).toBe('Chair: Tonga');
    expect(lead(group('chair', 'Chair', 'Tonga'), group('co_chair', 'Co-Chairs', 'Fiji', 'Samoa'))).toBe(
      'Chair: Tonga · Co-Chairs: Fiji; Samoa',
    );
  });
});

describe('a session whose time is to be confirmed', () => {
  // The panel with its day kept and its times cleared, marked tbc.
  const untimed = copy(panel);
  untimed.session.start = null;
  untimed.session.end = null;
  untimed.session.day = '2024-11-18';
  untimed.session.tentative = true;

  it('is an all-day event on its day, in its room’s column, dragged rather than moved by the calendar', () => {
    const [event] = toCalendarEvents([untimed], NO_FILTERS);
    expect(event).toMatchObject({
      id: panel.session.id,
      start: '2024-11-18',
      end: '2024-11-18',
      allDay: true,
      editable: false,
      resourceIds: [String(hall!.id)],
    });
    expect(event!.classNames).toContain('is-day-only');
    expect(event!.extendedProps as SessionEventProps).toMatchObject({ dayOnly: true, tbc: true });
    // A timed session is not all-day.
    const [timed] = toCalendarEvents([panel], NO_FILTERS);
    expect(timed!.allDay).toBeUndefined();
    expect((timed!.extendedProps as SessionEventProps).dayOnly).toBe(false);
    expect((timed!.extendedProps as SessionEventProps).tbc).toBeFalsy();
  });

  it('is on its day in the day view, and an unscheduled session on none', () => {
    expect(isDayOnly(untimed.session)).toBe(true);
    expect(isDayOnly(panel.session)).toBe(false);
    expect(isDayOnly(waiting.session)).toBe(false);
    expect(dayOf(untimed.session)).toBe('2024-11-18');
    expect(dayOf(panel.session)).toBe('2024-11-18');
    expect(dayOf(waiting.session)).toBeNull();
    expect(shownSessions([untimed, waiting], '2024-11-18', null)).toEqual([untimed]);
    expect(shownSessions([untimed], '2024-11-19', null)).toEqual([]);
    expect(toCalendarEvents([untimed, waiting], NO_FILTERS).map((e) => e.id)).toEqual([panel.session.id]);
  });

  it('follows the filters like any other', () => {
    expect(toCalendarEvents([untimed], { ...NO_FILTERS, kind: 'break' })).toEqual([]);
    expect(toCalendarEvents([untimed], { ...NO_FILTERS, room: hall!.id })).toHaveLength(1);
  });
});

describe('calendar resources', () => {
  const rooms = week.overview.rooms;

  it('has a column per room and “No room” only on a day with a roomless session', () => {
    expect(calendarResources(rooms, items, NO_FILTERS, '2024-11-18')).toEqual([
      { id: String(foyer!.id), title: 'Foyer' },
      { id: String(hall!.id), title: 'Plenary Hall' },
    ]);
    expect(calendarResources(rooms, items, NO_FILTERS, '2024-11-19').map((r) => r.id)).toEqual([
      String(foyer!.id),
      String(hall!.id),
      NO_ROOM,
    ]);
  });

  it('shows only the filtered room', () => {
    expect(calendarResources(rooms, items, { ...NO_FILTERS, room: foyer!.id }, '2024-11-19').map((r) => r.id)).toEqual([
      String(foyer!.id),
    ]);
    expect(calendarResources(rooms, items, { ...NO_FILTERS, room: NO_ROOM }, '2024-11-19').map((r) => r.id)).toEqual([NO_ROOM]);
  });

  it('converts between room ids and resource ids', () => {
    expect(resourceIdOf(hall!.id)).toBe(String(hall!.id));
    expect(resourceIdOf(null)).toBe(NO_ROOM);
    expect(roomIdOf(String(hall!.id))).toBe(hall!.id);
    expect(roomIdOf(NO_ROOM)).toBeNull();
  });
});

describe('roomPage', () => {
  const cols = Array.from({ length: 30 }, (_, i) => i + 1);
  it.each([
    [0, [1, 12], 'Rooms 1–12 of 30', 0],
    [2, [25, 30], 'Rooms 25–30 of 30', 2],
    [9, [25, 30], 'Rooms 25–30 of 30', 2],
    [-1, [1, 12], 'Rooms 1–12 of 30', 0],
  ])('page %i shows %j', (page, [first, last], label, shown) => {
    const p = roomPage(cols, page, 12);
    expect([p.columns[0], p.columns[p.columns.length - 1]]).toEqual([first, last]);
    expect(p.label).toBe(label);
    expect(p.page).toBe(shown);
    expect(p.pages).toBe(3);
  });

  it('says nothing when every room fits', () => {
    expect(roomPage([1, 2, 3], 0, 12)).toEqual({ columns: [1, 2, 3], page: 0, pages: 1, label: '' });
  });
});

describe('withFilter', () => {
  it.each<[keyof CalendarFilters, string, Partial<CalendarFilters>]>([
    ['eventId', '7', { eventId: 7 }],
    ['eventId', '', { eventId: null }],
    ['room', '3', { room: 3 }],
    ['room', NO_ROOM, { room: NO_ROOM }],
    ['room', '', { room: null }],
    ['kind', 'panel', { kind: 'panel' }],
    ['kind', '', { kind: null }],
  ])('sets %s from “%s”', (key, value, changed) => {
    const before: CalendarFilters = { eventId: 1, room: 2, kind: 'break' };
    expect(withFilter(before, key, value)).toEqual({ ...before, ...changed });
  });
});

describe('shownSessions', () => {
  const ids = (shown: readonly { session: { id: number } }[]) => shown.map((i) => i.session.id);
  it.each<[string, string | null, string[] | null, number[]]>([
    ['every scheduled and unscheduled session without a day or page', null, null, items.map((i) => i.session.id)],
    ['the sessions starting on the 18th', '2024-11-18', null, [panel.session.id, coffee.session.id]],
    ['the sessions in the hall, scheduled or not', null, [String(hall!.id)], [panel.session.id, waiting.session.id]],
    ['the sessions without a room', null, [NO_ROOM], [closing.session.id]],
    ['the foyer’s on the 18th', '2024-11-18', [String(foyer!.id)], [coffee.session.id]],
  ])('shows %s', (_, day, resources, shown) => {
    expect(ids(shownSessions(items, day, resources && new Set(resources)))).toEqual(shown);
  });
});
