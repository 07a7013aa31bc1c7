import { describe, expect, it } from 'vitest';
import { attendance } from '../testing/sample';
import { defaultEventId, eventsOn, newSessionForm } from './defaults';

// The week's events, the Commemorative Dialogue running all week (18–20),
// the Annual Meeting on the 19th and the Regional Event on the 20th.
const [dialogue, annual, regional] = attendance.overview.events.map((e) => e.event) as [
  (typeof attendance.overview.events)[number]['event'],
  (typeof attendance.overview.events)[number]['event'],
  (typeof attendance.overview.events)[number]['event'],
];

describe('eventsOn', () => {
  it('finds events running on a day, inclusive of both ends', () => {
    expect(eventsOn('2024-11-19', [dialogue, annual, regional]).map((e) => e.id)).toEqual([dialogue.id, annual.id]);
    expect(eventsOn('2024-11-20', [dialogue, annual, regional]).map((e) => e.id)).toEqual([dialogue.id, regional.id]);
    expect(eventsOn('2024-11-21', [dialogue, annual, regional])).toEqual([]);
  });
});

describe('defaultEventId', () => {
  it('picks the only event on the chosen day', () => {
    expect(defaultEventId('2024-11-18', [dialogue, annual, regional])).toBe(dialogue.id);
  });

  it('leaves the choice open when several or no events run that day', () => {
    expect(defaultEventId('2024-11-19', [dialogue, annual, regional])).toBeNull();
    expect(defaultEventId('2024-12-01', [dialogue, annual, regional])).toBeNull();
  });

  it('without a day, picks the only event of the plan', () => {
    expect(defaultEventId(null, [annual])).toBe(annual.id);
    expect(defaultEventId(null, [dialogue, annual])).toBeNull();
    expect(defaultEventId(null, [])).toBeNull();
  });
});

describe('newSessionForm', () => {
  it('starts on the selected day with that day’s event', () => {
    const form = newSessionForm('2024-11-18', [dialogue, annual]);
    expect(form).toMatchObject({
      event_id: dialogue.id,
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
