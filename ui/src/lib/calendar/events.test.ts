import { describe, expect, it } from 'vitest';
import type { AgendaSession_Serialize, RoleGroup, SessionKind } from '../ipc';
import {
  KIND_COLOURS,
  NO_FILTERS,
  NO_ROOM,
  calendarResources,
  kindColour,
  leadLine,
  matchesFilters,
  resourceIdOf,
  roomIdOf,
  roomPage,
  toCalendarEvents,
  type SessionEventProps,
} from './events';

function item(
  id: number,
  kind: SessionKind,
  start: string | null,
  end: string | null,
  room: [number, string] | null,
  role_groups: RoleGroup[] = [],
  eventId = 10,
): AgendaSession_Serialize {
  return {
    session: {
      id,
      event_id: eventId,
      title: `Session ${id}`,
      kind,
      start,
      end,
      room_id: room?.[0] ?? null,
      description: '',
      agenda_item: '',
      outcome: '',
      notes: '',
      pinned: id === 3,
    },
    event_title: 'Dialogue',
    event_short_name: 'D',
    room: room?.[1] ?? null,
    roles: [],
    role_groups,
  };
}

/** A group as the core makes it (agenda.rs). */
const group = (role: RoleGroup['role'], label: string, ...people: string[]): RoleGroup => ({ role, label, people });

const hall: [number, string] = [100, 'Plenary Hall'];
const foyer: [number, string] = [101, 'Foyer'];

const items = [
  item(1, 'panel', '2024-11-18T10:45:00', '2024-11-18T12:30:00', hall, [
    group('moderator', 'Moderator', 'RSO (Bali Process)'),
    group('panellist', 'Panellist', 'Australia — panellist TBC'),
  ]),
  item(2, 'break', '2024-11-18T12:30:00', '2024-11-18T13:30:00', foyer, [group('chair', 'Chair', 'Nobody')]),
  item(
    3,
    'opening',
    '2024-11-19T09:00:00',
    '2024-11-19T09:30:00',
    null,
    [group('co_chair', 'Co-Chairs', 'Ms Lynn Bell (Australia)', 'Indonesia — co-chair TBC')],
    11,
  ),
  item(4, 'discussion', null, null, hall),
];

describe('calendar events', () => {
  it('maps scheduled sessions to floating-time events in their room’s column', () => {
    const events = toCalendarEvents(items, NO_FILTERS);
    expect(events.map((e) => e.id)).toEqual([1, 2, 3]);
    const [panel] = events;
    // Offset-free wall-clock strings, which the calendar keeps as they are.
    expect(panel!.start).toBe('2024-11-18T10:45:00');
    expect(panel!.end).toBe('2024-11-18T12:30:00');
    expect(panel!.resourceIds).toEqual(['100']);
    expect(events[2]!.resourceIds).toEqual([NO_ROOM]);
  });

  it('colours events by kind, with breaks and meals muted', () => {
    const [panel, pause, opening] = toCalendarEvents(items, NO_FILTERS);
    expect(panel!.backgroundColor).toBe(KIND_COLOURS.panel.background);
    expect(panel!.textColor).toBe(KIND_COLOURS.panel.text);
    expect(opening!.backgroundColor).toBe(KIND_COLOURS.opening.background);
    expect(pause!.backgroundColor).toBe(KIND_COLOURS.break.background);
    expect(pause!.classNames).toContain('is-pause');
    expect(KIND_COLOURS.meal).toEqual(KIND_COLOURS.break);
    expect(kindColour('panel')).not.toEqual(kindColour('discussion'));
  });

  it('carries room, leader and pin for the event content', () => {
    const [panel, pause, opening] = toCalendarEvents(items, NO_FILTERS).map(
      (e) => e.extendedProps as SessionEventProps,
    );
    expect(panel).toMatchObject({ sessionId: 1, room: 'Plenary Hall', lead: 'Moderator: RSO (Bali Process)', pinned: false });
    expect(pause).toMatchObject({ room: 'Foyer', lead: '', pause: true });
    expect(opening).toMatchObject({ room: 'No room', lead: 'Co-Chairs: Ms Lynn Bell (Australia); Indonesia — co-chair TBC', pinned: true });
  });

  it('filters by event, room (or no room) and kind', () => {
    const ids = (f: Partial<typeof NO_FILTERS>) =>
      toCalendarEvents(items, { ...NO_FILTERS, ...f }).map((e) => e.id);
    expect(ids({ eventId: 11 })).toEqual([3]);
    expect(ids({ room: 101 })).toEqual([2]);
    expect(ids({ room: NO_ROOM })).toEqual([3]);
    expect(ids({ kind: 'panel' })).toEqual([1]);
    expect(ids({ eventId: 10, kind: 'opening' })).toEqual([]);
    expect(matchesFilters(items[3]!, { ...NO_FILTERS, room: 100 })).toBe(true);
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

describe('calendar resources', () => {
  const rooms = [
    { id: 100, name: 'Plenary Hall' },
    { id: 101, name: 'Foyer' },
  ];

  it('has a column per room and “No room” only on a day with a roomless session', () => {
    expect(calendarResources(rooms, items, NO_FILTERS, '2024-11-18')).toEqual([
      { id: '100', title: 'Plenary Hall' },
      { id: '101', title: 'Foyer' },
    ]);
    expect(calendarResources(rooms, items, NO_FILTERS, '2024-11-19').map((r) => r.id)).toEqual(['100', '101', NO_ROOM]);
  });

  it('shows only the filtered room', () => {
    expect(calendarResources(rooms, items, { ...NO_FILTERS, room: 101 }, '2024-11-19').map((r) => r.id)).toEqual(['101']);
    expect(calendarResources(rooms, items, { ...NO_FILTERS, room: NO_ROOM }, '2024-11-19').map((r) => r.id)).toEqual([NO_ROOM]);
  });

  it('converts between room ids and resource ids', () => {
    expect(resourceIdOf(100)).toBe('100');
    expect(resourceIdOf(null)).toBe(NO_ROOM);
    expect(roomIdOf('100')).toBe(100);
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
