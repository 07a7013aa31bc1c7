import { describe, expect, it } from 'vitest';
import { defaultEventId, eventsOn, newSessionForm } from './defaults';

const dialogue = { id: 1, first_day: '2024-11-18', last_day: '2024-11-18' };
const annual = { id: 2, first_day: '2024-11-19', last_day: '2024-11-19' };
const regional = { id: 3, first_day: '2024-11-19', last_day: '2024-11-20' };

describe('eventsOn', () => {
  it('finds events running on a day, inclusive of both ends', () => {
    expect(eventsOn('2024-11-19', [dialogue, annual, regional]).map((e) => e.id)).toEqual([2, 3]);
    expect(eventsOn('2024-11-20', [dialogue, annual, regional]).map((e) => e.id)).toEqual([3]);
    expect(eventsOn('2024-11-21', [dialogue, annual, regional])).toEqual([]);
  });
});

describe('defaultEventId', () => {
  it('picks the only event on the chosen day', () => {
    expect(defaultEventId('2024-11-18', [dialogue, annual, regional])).toBe(1);
  });

  it('leaves the choice open when several or no events run that day', () => {
    expect(defaultEventId('2024-11-19', [dialogue, annual, regional])).toBeNull();
    expect(defaultEventId('2024-12-01', [dialogue, annual, regional])).toBeNull();
  });

  it('without a day, picks the only event of the plan', () => {
    expect(defaultEventId(null, [annual])).toBe(2);
    expect(defaultEventId(null, [dialogue, annual])).toBeNull();
    expect(defaultEventId(null, [])).toBeNull();
  });
});

describe('newSessionForm', () => {
  it('starts on the selected day with that day’s event', () => {
    const form = newSessionForm('2024-11-18', [dialogue, annual]);
    expect(form).toMatchObject({
      event_id: 1,
      day: '2024-11-18',
      start_time: '',
      end_time: '',
      room_id: null,
      title: '',
      kind: 'discussion',
    });
  });

  it('is unscheduled without a day', () => {
    expect(newSessionForm(null, [dialogue, annual]).day).toBe('');
  });

  it('uses the first vocabulary kind if the usual default is missing', () => {
    expect(newSessionForm(null, [], [{ key: 'panel', label: 'Panel' }]).kind).toBe('panel');
    expect(newSessionForm(null, [], [{ key: 'panel', label: 'Panel' }, { key: 'discussion', label: 'Discussion' }]).kind).toBe(
      'discussion',
    );
  });
});
