import { afterAll, describe, expect, it } from 'vitest';
import {
  addDays,
  addMinutes,
  clockMinutes,
  dayToFloatingDate,
  floatingClock,
  floatingDay,
  floatingRange,
  floatingWall,
  fromFloatingDate,
  joinWall,
  minutesBetween,
  minutesClock,
  selectedTimes,
  toFloatingDate,
} from './floating';

const originalZone = process.env.TZ;
afterAll(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

/** Run `check` as if this computer were in `zone`. */
function inZone(zone: string, check: () => void) {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    check();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

// Zones far from the plans' own (Asia/Bangkok, UTC+7), on both sides of UTC
// and with clock changes, so an accidental conversion would show.
const ZONES = ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Pacific/Auckland', 'Asia/Kolkata'];

describe('floating dates', () => {
  it('round-trips a plan wall clock unchanged, whatever this computer’s zone', () => {
    for (const zone of ZONES) {
      inZone(zone, () => {
        const date = toFloatingDate('2024-11-19T10:45:00');
        expect(fromFloatingDate(date), zone).toBe('2024-11-19T10:45:00');
        expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes()], zone).toEqual([
          2024, 10, 19, 10, 45,
        ]);
        expect(floatingDay(date)).toBe('2024-11-19');
        expect(floatingClock(date)).toBe('10:45');
      });
    }
  });

  it('keeps summer times in a zone with clock changes, read in winter or summer', () => {
    inZone('Europe/Berlin', () => {
      for (const wall of ['2025-07-01T09:00:00', '2025-01-15T09:00:00', '2024-10-27T01:30:00', '2024-03-31T03:00:00']) {
        expect(fromFloatingDate(toFloatingDate(wall))).toBe(wall);
      }
    });
  });

  it('accepts a start without seconds or with a space, and refuses other text', () => {
    expect(fromFloatingDate(toFloatingDate('2024-11-19 08:05'))).toBe('2024-11-19T08:05:00');
    expect(() => toFloatingDate('19/11/2024 10:45')).toThrow();
    expect(() => toFloatingDate('2024-11-19')).toThrow();
  });

  it('normalises the wall-clock strings handed to the calendar', () => {
    expect(floatingWall('2024-11-19 10:45')).toBe('2024-11-19T10:45:00');
    expect(floatingWall('2024-11-19T10:45:00')).toBe('2024-11-19T10:45:00');
    expect(() => floatingWall('2024-11-19T10:45:00+07:00')).toThrow();
  });

  it('builds a day at local midnight', () => {
    inZone('America/Los_Angeles', () => {
      expect(fromFloatingDate(dayToFloatingDate('2024-11-18'))).toBe('2024-11-18T00:00:00');
    });
  });
});

describe('wall-clock arithmetic', () => {
  it('moves by minutes and days across midnight, months and years', () => {
    expect(addMinutes('2024-11-19T10:45:00', 15)).toBe('2024-11-19T11:00:00');
    expect(addMinutes('2024-11-19T10:45:00', -50)).toBe('2024-11-19T09:55:00');
    expect(addMinutes('2024-11-30T23:55:00', 10)).toBe('2024-12-01T00:05:00');
    expect(addDays('2024-12-31T09:00:00', 1)).toBe('2025-01-01T09:00:00');
    expect(addDays('2024-11-19T09:00:00', -1)).toBe('2024-11-18T09:00:00');
  });

  it('is not skewed by a clock change on this computer', () => {
    inZone('Europe/Berlin', () => {
      // 31 March 2024: Berlin's clocks jump from 02:00 to 03:00.
      expect(addDays('2024-03-30T09:00:00', 1)).toBe('2024-03-31T09:00:00');
      expect(addMinutes('2024-03-31T01:55:00', 10)).toBe('2024-03-31T02:05:00');
      expect(minutesBetween('2024-03-31T01:00:00', '2024-03-31T04:00:00')).toBe(180);
    });
  });

  it('joins a day and a time, and converts clock times', () => {
    expect(joinWall('2024-11-19', '9:05')).toBe('2024-11-19T09:05:00');
    expect(() => joinWall('2024-11-19', 'noon')).toThrow();
    expect(clockMinutes('10:45')).toBe(645);
    expect(clockMinutes('10:45:00')).toBe(645);
    expect(clockMinutes('24:00')).toBeNull();
    expect(clockMinutes('')).toBeNull();
    expect(minutesClock(645)).toBe('10:45');
    expect(minutesClock(24 * 60 + 60)).toBe('01:00');
  });
});

describe('what the calendar hands back', () => {
  it('shows an event’s time text from its floating start and end, whatever this computer’s zone', () => {
    for (const zone of ZONES) {
      inZone(zone, () => {
        const start = toFloatingDate('2024-11-19T09:00:00');
        expect(floatingRange(start, toFloatingDate('2024-11-19T10:30:00')), zone).toBe('09:00–10:30');
        expect(floatingRange(start, null), zone).toBe('09:00');
      });
    }
  });

  it.each([
    ['2024-11-19T09:00:00', '2024-11-19T10:30:00', { day: '2024-11-19', start_time: '09:00', end_time: '10:30' }],
    ['2024-11-19T23:00:00', '2024-11-20T00:00:00', { day: '2024-11-19', start_time: '23:00', end_time: '24:00' }],
    ['2024-11-19T23:00:00', '2024-11-20T00:30:00', { day: '2024-11-19', start_time: '23:00', end_time: '00:30' }],
  ])('takes a selection from %s to %s as the form’s fields', (start, end, fields) => {
    expect(selectedTimes(toFloatingDate(start), toFloatingDate(end))).toEqual(fields);
  });
});
