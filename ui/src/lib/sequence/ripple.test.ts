import { describe, expect, it } from 'vitest';
import { clockMinutes, minutesClock } from '../calendar/floating';
import { blockLength, moveItem, overrunText, ripple, spanText, startMinutes, type RippleBlock } from './ripple';

const at = (hm: string) => clockMinutes(hm)!;

function block(id: number, minutes: number, pin: string | null = null): RippleBlock {
  return { id, title: `B${id}`, minutes, pinnedStart: pin === null ? null : at(pin) };
}

const times = (blocks: RippleBlock[], from: string, gap: number) =>
  ripple(blocks, at(from), gap).placed.map((p) => [p.id, minutesClock(p.start), minutesClock(p.end)]);

const refusals = (blocks: RippleBlock[], from: string, gap: number) =>
  ripple(blocks, at(from), gap).overruns.map(overrunText);

// The same table as plenary-core's planner::tests::ripple_table, so the
// preview says what the backend will do.
describe('ripple (mirror of the backend)', () => {
  it('lays blocks end to end', () => {
    expect(times([block(1, 30), block(2, 90), block(3, 15)], '09:00', 0)).toEqual([
      [1, '09:00', '09:30'],
      [2, '09:30', '11:00'],
      [3, '11:00', '11:15'],
    ]);
  });

  it('puts gaps between blocks', () => {
    expect(times([block(1, 30), block(2, 30)], '09:00', 10)).toEqual([
      [1, '09:00', '09:30'],
      [2, '09:40', '10:10'],
    ]);
  });

  it('keeps a pin’s start and leaves a gap before it', () => {
    const blocks = [block(1, 60), block(2, 60, '12:30'), block(3, 30)];
    expect(times(blocks, '09:00', 0)).toEqual([
      [1, '09:00', '10:00'],
      [2, '12:30', '13:30'],
      [3, '13:30', '14:00'],
    ]);
    expect(refusals(blocks, '09:00', 0)).toEqual([]);
  });

  it('does not count exactly meeting a pin, or a gap touching it, as an overrun', () => {
    expect(refusals([block(1, 210), block(2, 60, '12:30')], '09:00', 0)).toEqual([]);
    expect(times([block(1, 200), block(2, 60, '12:30')], '09:00', 15)).toEqual([
      [1, '09:00', '12:20'],
      [2, '12:30', '13:30'],
    ]);
    expect(refusals([block(1, 200), block(2, 60, '12:30')], '09:00', 15)).toEqual([]);
  });

  it('reports a block overrunning a pin in the backend’s words', () => {
    expect(refusals([block(1, 220), block(2, 60, '12:30')], '09:00', 0)).toEqual([
      '“B1” would overrun the pinned “B2” at 12:30 by 10 min',
    ]);
    // The gap is not the culprit's fault, but time beyond it is.
    expect(refusals([block(1, 220), block(2, 60, '12:30')], '09:00', 5)).toEqual([
      '“B1” would overrun the pinned “B2” at 12:30 by 10 min',
    ]);
  });

  it('reports a sequence starting after its first pin', () => {
    expect(refusals([block(1, 60, '08:30'), block(2, 60)], '09:00', 0)).toEqual([
      'the sequence would start 30 min after the pinned “B1” at 08:30',
    ]);
  });

  it('reports every overrun', () => {
    const blocks = [block(1, 120), block(2, 30, '10:30'), block(3, 120), block(4, 60, '12:30')];
    expect(refusals(blocks, '09:00', 0)).toEqual([
      '“B1” would overrun the pinned “B2” at 10:30 by 30 min',
      '“B3” would overrun the pinned “B4” at 12:30 by 30 min',
    ]);
  });

  it('treats lengths below one minute, or missing, as one minute', () => {
    expect(blockLength(0)).toBe(1);
    expect(blockLength(Number.NaN)).toBe(1);
    expect(blockLength(14.6)).toBe(15);
    expect(times([block(1, 0), block(2, 30)], '09:00', 0)).toEqual([
      [1, '09:00', '09:01'],
      [2, '09:01', '09:31'],
    ]);
  });
});

describe('sequence helpers', () => {
  it('formats a span, marking one that runs past midnight', () => {
    expect(spanText({ start: at('09:00'), end: at('09:30') })).toBe('09:00–09:30');
    expect(spanText({ start: at('23:30'), end: 24 * 60 + 30 })).toBe('23:30–00:30 (+1 day)');
  });

  it('reads the clock time of a wall-clock start', () => {
    expect(startMinutes('2024-11-19T10:45:00')).toBe(645);
    expect(startMinutes(null)).toBeNull();
  });

  it('moves an item within a list', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 1, 9)).toEqual(['a', 'c', 'b']);
    const list = ['a', 'b'];
    expect(moveItem(list, 5, 0)).toEqual(['a', 'b']);
    expect(list).toEqual(['a', 'b']);
  });
});
