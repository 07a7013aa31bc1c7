import { describe, expect, it } from 'vitest';
import {
  datePart,
  eachDay,
  formatDateSpan,
  hourMinute,
  formatDayHeading,
  formatDayShort,
  formatSpanOnDay,
  formatTimeRange,
  isDate,
  sessionTimeRange,
} from './time';

describe('formatTimeRange', () => {
  it('formats a range with an en dash', () => {
    expect(formatTimeRange('2024-11-18T09:00:00', '2024-11-18T10:30:00')).toBe('09:00\u201310:30');
  });

  it('keeps the wall-clock time as written (no time-zone conversion)', () => {
    expect(formatTimeRange('2024-11-18T00:00:00', '2024-11-18T23:59:00')).toBe('00:00–23:59');
    expect(formatTimeRange('2024-11-18T13:05', '2024-11-18T14:45')).toBe('13:05–14:45');
  });

  it('rejects malformed input', () => {
    expect(() => formatTimeRange('09:00', '2024-11-18T10:30:00')).toThrow();
  });
});

describe('formatDayHeading', () => {
  it('formats a date as "Weekday D Month YYYY"', () => {
    expect(formatDayHeading('2024-11-18')).toBe('Monday 18 November 2024');
    expect(formatDayHeading('2024-11-24')).toBe('Sunday 24 November 2024');
    expect(formatDayHeading('2024-02-29')).toBe('Thursday 29 February 2024');
    expect(formatDayHeading('2025-01-01')).toBe('Wednesday 1 January 2025');
  });

  it('does not depend on the machine time zone', () => {
    // Midnight UTC is the previous evening in the Americas and the same morning
    // further east; a local-time implementation would shift the weekday for some
    // zones. Compare against an independently computed UTC weekday.
    const utc = new Date(Date.UTC(2024, 10, 18));
    expect(utc.getUTCDay()).toBe(1); // Monday
    expect(formatDayHeading('2024-11-18').startsWith('Monday ')).toBe(true);
    // Day boundaries of the year and month must not roll over either.
    expect(formatDayHeading('2024-12-31')).toBe('Tuesday 31 December 2024');
    expect(formatDayHeading('2024-03-01')).toBe('Friday 1 March 2024');
  });

  it('rejects invalid dates', () => {
    expect(() => formatDayHeading('2024-02-30')).toThrow();
    expect(() => formatDayHeading('18/11/2024')).toThrow();
  });
});

describe('formatDayShort', () => {
  it('abbreviates weekday and month', () => {
    expect(formatDayShort('2024-11-18')).toBe('Mon 18 Nov');
    expect(formatDayShort('2024-12-01')).toBe('Sun 1 Dec');
  });
});

describe('formatDateSpan', () => {
  it('joins first and last day with an en dash', () => {
    expect(formatDateSpan('2024-11-18', '2024-11-20')).toBe(
      'Monday 18 November 2024 \u2013 Wednesday 20 November 2024',
    );
  });

  it('shows a single day once', () => {
    expect(formatDateSpan('2024-11-19', '2024-11-19')).toBe('Tuesday 19 November 2024');
  });
});

describe('eachDay', () => {
  it('lists every date inclusive, across month ends', () => {
    expect(eachDay('2024-11-29', '2024-12-02')).toEqual([
      '2024-11-29',
      '2024-11-30',
      '2024-12-01',
      '2024-12-02',
    ]);
    expect(eachDay('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('is empty when the span is reversed', () => {
    expect(eachDay('2024-11-20', '2024-11-18')).toEqual([]);
  });
});

describe('isDate', () => {
  it('accepts real dates only', () => {
    expect(isDate('2024-11-18')).toBe(true);
    expect(isDate('2024-02-30')).toBe(false);
    expect(isDate('')).toBe(false);
  });
});

describe('sessionTimeRange', () => {
  it('formats scheduled sessions from wall-clock strings', () => {
    expect(sessionTimeRange('2024-11-18T09:00:00', '2024-11-18T09:30:00')).toBe('09:00\u201309:30');
  });

  it('is null for unscheduled sessions', () => {
    expect(sessionTimeRange(null, null)).toBeNull();
    expect(sessionTimeRange('2024-11-18T09:00:00', null)).toBeNull();
  });
});

describe('datePart', () => {
  it('takes the date of a wall-clock string without conversion', () => {
    expect(datePart('2024-11-18T23:30:00')).toBe('2024-11-18');
  });
});

describe('hourMinute', () => {
  it('drops the seconds of a wall-clock time', () => {
    expect(hourMinute('08:00:00')).toBe('08:00');
    expect(hourMinute('18:30')).toBe('18:30');
  });
});

describe('formatSpanOnDay', () => {
  it.each([
    ['2024-11-18T09:00:00', '2024-11-18T09:30:00', '09:00–09:30'],
    ['2024-11-18T23:30:00', '2024-11-19T00:00:00', '23:30–00:00'],
    ['2024-11-18T23:30:00', '2024-11-19T00:30:00', '23:30–00:30 (+1 day)'],
    ['2024-11-19T00:15:00', '2024-11-19T00:45:00', '00:15–00:45 (+1 day)'],
  ])('shows %s to %s on 18 November as %s', (start, end, text) => {
    expect(formatSpanOnDay('2024-11-18', start, end)).toBe(text);
  });
});
