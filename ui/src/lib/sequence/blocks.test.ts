import { describe, expect, it } from 'vitest';
import { clockMinutes } from '../calendar/floating';
import { minutesInto, spanText, startMinutes } from './blocks';

const at = (hm: string) => clockMinutes(hm)!;

describe('sequence helpers', () => {
  it('formats a span, marking one that runs past midnight', () => {
    expect(spanText({ start: at('09:00'), end: at('09:30') })).toBe('09:00–09:30');
    expect(spanText({ start: at('23:30'), end: 24 * 60 + 30 })).toBe('23:30–00:30 (+1 day)');
  });

  it('reads the clock time of a wall-clock start', () => {
    expect(startMinutes('2024-11-19T10:45:00')).toBe(645);
    expect(startMinutes(null)).toBeNull();
  });

  it.each([
    ['2024-11-19T10:45:00', 645],
    ['2024-11-19T00:00:00', 0],
    ['2024-11-20T00:30:00', 1470],
  ])('counts %s as %i minutes into 19 November', (wall, minutes) => {
    expect(minutesInto('2024-11-19', wall)).toBe(minutes);
  });
});
