import { describe, expect, it } from 'vitest';
import type { Need } from '../ipc';
import { UNSCHEDULED, filterSessions, sessionDay, type BoardFilter } from './filters';

const item = (id: number, eventId: number, start: string | null, needs: Need[] = []) => ({
  id,
  entry: { session: { event_id: eventId, start } },
  needs,
});

const sessions = [
  item(1, 10, '2024-11-18T09:00:00'),
  item(2, 10, '2024-11-18T10:00:00', [
    { role: 'moderator', text: 'a moderator' },
    { role: 'panellist', text: 'panellists' },
  ]),
  item(3, 11, '2024-11-19T09:00:00', [{ role: 'speaker', text: 'speakers' }]),
  item(4, 11, null, [{ role: 'presenter', text: 'a presenter' }]),
  item(5, 11, null),
];

describe('filterSessions', () => {
  const all: BoardFilter = { needsOnly: false, eventId: null, day: null };
  it.each<[string, Partial<BoardFilter>, number[]]>([
    ['everything', {}, [1, 2, 3, 4, 5]],
    ['needs people only', { needsOnly: true }, [2, 3, 4]],
    ['one event', { eventId: 11 }, [3, 4, 5]],
    ['one day', { day: '2024-11-18' }, [1, 2]],
    ['unscheduled', { day: UNSCHEDULED }, [4, 5]],
    ['a day without sessions', { day: '2024-11-20' }, []],
    ['all three at once', { needsOnly: true, eventId: 11, day: UNSCHEDULED }, [4]],
    ['needs on a day of another event', { needsOnly: true, eventId: 10, day: '2024-11-19' }, []],
  ])('%s', (_name, filter, ids) => {
    expect(filterSessions(sessions, { ...all, ...filter }).map((s) => s.id)).toEqual(ids);
  });
});

describe('sessionDay', () => {
  it('is the start’s date, or null when unscheduled', () => {
    expect(sessionDay({ start: '2024-11-19T23:30:00' })).toBe('2024-11-19');
    expect(sessionDay({ start: null })).toBeNull();
  });
});
