import { describe, expect, it } from 'vitest';
import { callsNext, clock, countdown, elapsed, moveTarget, remainingAt, spokenText } from './countdown';

describe('the live countdown', () => {
  it.each([
    [0, '0:00'],
    [5, '0:05'],
    [59, '0:59'],
    [60, '1:00'],
    [180, '3:00'],
    [760, '12:40'],
    [-25, '0:25'],
    [3600 * 2 + 1, '120:01'],
  ])('%i seconds read %s', (seconds, text) => {
    expect(clock(seconds)).toBe(text);
  });

  it.each([
    [200, '3:20', false],
    [1, '0:01', false],
    [0, '0:00', false],
    [-1, '+0:01 over', true],
    [-25, '+0:25 over', true],
    [-125, '+2:05 over', true],
  ])('%i seconds left show %s', (remaining, text, over) => {
    expect(countdown(remaining)).toEqual({ text, over });
  });

  it('counts on from the answer, a second at a time', () => {
    const t0 = 1_000_000;
    const table: [number, number][] = [
      [0, 200],
      [999, 200],
      [1000, 199],
      [200_000, 0],
      [201_500, -1],
      [225_000, -25],
    ];
    for (const [after, left] of table) expect(remainingAt(200, t0, t0 + after)).toBe(left);
    // A clock set back never counts up.
    expect(elapsed(t0, t0 - 5000)).toBe(0);
  });

  it('says how long a turn took against its budget', () => {
    expect(spokenText(320, 5)).toBe('5:20 of 5 min');
    expect(spokenText(0, 3)).toBe('0:00 of 3 min');
  });
});

describe('the waiting list', () => {
  it.each([
    [0, -1, 3, null],
    [0, 1, 3, 1],
    [2, 1, 3, null],
    [2, -1, 3, 1],
    [1, 0, 3, null],
  ])('moving %i by %i of %i goes to %s', (index, delta, count, to) => {
    expect(moveTarget(index, delta, count)).toBe(to);
  });
});

describe('the keys that call the next speaker', () => {
  function el(html: string): Element {
    const host = document.createElement('div');
    host.innerHTML = html;
    return host.firstElementChild!;
  }

  it.each([
    ['n', '<section></section>', false, true],
    ['N', '<section></section>', false, true],
    [' ', '<section></section>', false, true],
    [' ', '<li tabindex="0"></li>', false, true],
    // Space on a button presses that button; N still calls next.
    [' ', '<button></button>', false, false],
    ['n', '<button></button>', false, true],
    // Typing a delegation's name is typing.
    ['n', '<input>', false, false],
    [' ', '<input>', false, false],
    ['n', '<section></section>', true, false],
    ['x', '<section></section>', false, false],
  ])('%j on %s (modifiers %s) calls next: %s', (key, html, modifiers, calls) => {
    expect(callsNext(key, el(html), modifiers)).toBe(calls);
  });
});
