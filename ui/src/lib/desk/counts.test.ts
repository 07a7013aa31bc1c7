import { describe, expect, it } from 'vitest';
import { eventNamed, week } from '../testing/sample';
import { defaultEventId, presentText, share, toggledText, whenText } from './counts';

describe('defaultEventId', () => {
  // The sample week's events, one a day.
  const events = week.overview.events.map((e) => e.event);
  const [dialogue, annual, regional] = ['Commemorative Dialogue', 'Annual Meeting', 'Regional Event'].map((n) => eventNamed(n).id);
  it.each([
    ['2024-11-18', dialogue],
    ['2024-11-19', annual],
    ['2024-11-20', regional],
    ['2024-11-01', dialogue],
    ['2024-12-01', dialogue],
  ])('on %s -> event %i', (today, id) => {
    expect(defaultEventId(events, today)).toBe(id);
  });

  it('picks the soonest upcoming event whatever the list order', () => {
    expect(defaultEventId([events[2]!, events[1]!], '2024-11-01')).toBe(annual);
  });

  it('is null without events', () => {
    expect(defaultEventId([], '2024-11-18')).toBeNull();
  });
});

describe('presentText', () => {
  it.each([
    [12, 40, '2024-11-18', '2024-11-18', '12 of 40 checked in today'],
    [0, 0, '2024-11-18', '2024-11-18', '0 of 0 checked in today'],
    [3, 40, '2024-11-19', '2024-11-18', '3 of 40 checked in on Tue 19 Nov'],
  ])('%i of %i on %s (today %s) -> %s', (present, expected, day, today, text) => {
    expect(presentText(present, expected, day, today)).toBe(text);
  });

  it('says "today" only for today', () => {
    expect(whenText('2024-11-18', '2024-11-18')).toBe('today');
    expect(whenText('2024-11-17', '2024-11-18')).toBe('on Sun 17 Nov');
  });
});

describe('share', () => {
  it.each([
    [0, 10, 0],
    [5, 10, 50],
    [1, 3, 33],
    [10, 10, 100],
    [12, 10, 100],
    [0, 0, 0],
    [2, 0, 100],
  ])('%i of %i -> %i%%', (present, expected, percent) => {
    expect(share(present, expected)).toBe(percent);
  });
});

describe('toggledText', () => {
  it.each([
    ['Ms Lynn Bell', true, 'Checked in Ms Lynn Bell.'],
    ['Ms Lynn Bell', false, 'Undid the check-in of Ms Lynn Bell.'],
  ])('%s present=%s -> %s', (name, present, text) => {
    expect(toggledText(name, present)).toBe(text);
  });
});
