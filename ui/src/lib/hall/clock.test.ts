import { describe, expect, it } from 'vitest';
import { clockReading, duration, secondsLeft, timeLeft, wallSeconds } from './clock';

describe('the hall clock', () => {
  it('counts down from the wall clock read, second by second', () => {
    const now = '2024-11-19T09:10:00';
    expect(secondsLeft('2024-11-19T09:15:00', now, 0)).toBe(300);
    expect(secondsLeft('2024-11-19T09:15:00', now, 1999)).toBe(299);
    expect(secondsLeft('2024-11-19T09:15:00', now, 6 * 60 * 1000)).toBe(-60);
  });

  it('runs the clock on across midnight without the machine zone', () => {
    expect(clockReading('2024-11-19T23:59:30', 45_000)).toBe('00:00');
    expect(clockReading('2024-11-19T09:10:00', 0)).toBe('09:10');
    expect(wallSeconds('2024-11-20T00:00:00') - wallSeconds('2024-11-19T00:00:00')).toBe(86_400);
  });

  it('says the time left and over', () => {
    expect(duration(305)).toBe('5:05');
    expect(duration(3729)).toBe('1:02:09');
    expect(timeLeft(59)).toBe('0:59 left');
    expect(timeLeft(-190)).toBe('3:10 over time');
  });
});
