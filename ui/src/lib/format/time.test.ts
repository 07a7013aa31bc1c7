import { describe, expect, it } from 'vitest';
import { formatDayHeading, formatTimeRange } from './time';

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
