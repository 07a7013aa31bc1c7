import { describe, expect, it } from 'vitest';
import {
  barsSentence,
  dayBars,
  formatMinutes,
  genderParts,
  genderSentence,
  percentages,
  scaleBars,
  scopeEventId,
  WEEK,
} from './stats';

describe('statistics page logic', () => {
  it('scales bars to the largest, and draws nothing when all are zero', () => {
    const bars = scaleBars([
      { key: 'a', label: 'A', value: 13 },
      { key: 'b', label: 'B', value: 0 },
      { key: 'c', label: 'C', value: 26 },
    ]);
    expect(bars.map((b) => b.share)).toEqual([0.5, 0, 1]);
    expect(scaleBars([{ key: 'a', label: 'A', value: 0 }]).map((b) => b.share)).toEqual([0]);
    expect(scaleBars([])).toEqual([]);
  });

  it('gives whole percentages that add up to 100', () => {
    const cases: [number[], number[]][] = [
      [[1, 1, 1], [34, 33, 33]],
      [[2, 1, 0, 1], [50, 25, 0, 25]],
      [[0, 0], [0, 0]],
      [[1, 2, 3, 4, 5, 6], [5, 9, 14, 19, 24, 29]],
      [[17, 9, 11, 1], [45, 24, 29, 2]],
      [[0, 7], [0, 100]],
    ];
    for (const [values, want] of cases) {
      const got = percentages(values);
      expect(got, values.join(',')).toEqual(want);
      if (values.some((v) => v > 0)) expect(got.reduce((s, v) => s + v, 0)).toBe(100);
    }
  });

  it('puts the gender balance in a fixed order, in words', () => {
    const g = { woman: 2, man: 1, another: 0, not_recorded: 1 };
    expect(genderParts(g).map((p) => [p.label, p.count, p.percent])).toEqual([
      ['Women', 2, 50],
      ['Men', 1, 25],
      ['Another gender', 0, 0],
      ['Not recorded', 1, 25],
    ]);
    expect(genderSentence('Speakers by gender', g)).toBe(
      'Speakers by gender: Women 2 (50%), Men 1 (25%), Not recorded 1 (25%).',
    );
    expect(genderSentence('Speakers', { woman: 0, man: 0, another: 0, not_recorded: 0 })).toBe('Speakers: no one.');
  });

  it('says a bar chart in words and labels days as the desk does', () => {
    expect(
      barsSentence('Delegations by category', [
        { key: 'member_state', label: 'Member state', value: 13 },
        { key: 'observer_state', label: 'Observer state', value: 9 },
      ]),
    ).toBe('Delegations by category: Member state 13, Observer state 9.');
    expect(barsSentence('Checked in', [])).toBe('Checked in: none.');
    expect(dayBars([{ day: '2024-11-18', people: 3 }])).toEqual([{ key: '2024-11-18', label: 'Mon 18 Nov', value: 3 }]);
  });

  it('reads minutes and the scope selector', () => {
    expect([45, 60, 435, 0].map(formatMinutes)).toEqual(['45 min', '1 h', '7 h 15 min', '0 min']);
    expect([WEEK, '', '3', 'x'].map(scopeEventId)).toEqual([null, null, 3, null]);
  });
});
