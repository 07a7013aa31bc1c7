import { describe, expect, it } from 'vitest';
import { neighbour, type Placed } from './grid-keys';

// Two days: Monday has three sessions, Tuesday two; Wednesday is empty.
const items: Placed[] = [
  { id: 1, column: 0, start: '2024-11-18T09:00:00' },
  { id: 2, column: 0, start: '2024-11-18T10:00:00' },
  { id: 3, column: 0, start: '2024-11-18T14:00:00' },
  { id: 4, column: 1, start: '2024-11-19T09:30:00' },
  { id: 5, column: 1, start: '2024-11-19T13:30:00' },
];

describe('neighbour', () => {
  it.each([
    ['goes down its column', 1, 'ArrowDown', 2],
    ['goes up its column', 3, 'ArrowUp', 2],
    ['stops at the bottom of its column', 3, 'ArrowDown', null],
    ['stops at the top of its column', 1, 'ArrowUp', null],
    ['goes right to the nearest in time', 3, 'ArrowRight', 5],
    ['goes left to the nearest in time', 4, 'ArrowLeft', 1],
    ['stops at the last column', 4, 'ArrowRight', null],
    ['goes to the first with Home', 5, 'Home', 1],
    ['goes to the last with End', 1, 'End', 5],
    ['starts at the first when the focused one is gone', 99, 'ArrowDown', 1],
    ['leaves other keys alone', 1, 'Enter', null],
  ])('%s', (_, current, key, expected) => {
    expect(neighbour(items, current as number, key as string)).toBe(expected);
  });

  it('has nowhere to go without sessions', () => {
    expect(neighbour([], 1, 'ArrowDown')).toBeNull();
  });
});
