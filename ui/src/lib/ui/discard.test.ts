import { describe, expect, it } from 'vitest';
import { discardQuestion } from './discard';

describe('discardQuestion', () => {
  const cases: [string, string | undefined, unknown, string][] = [
    ['names the subject the caller gives', 'the roles of “Panel I”', null, 'Discard the changes to the roles of “Panel I”?'],
    ['names a record by its title', undefined, { title: 'Panel I', day: '' }, 'Discard the changes to “Panel I”?'],
    ['names a record by its name', undefined, { name: 'Plenary Hall' }, 'Discard the changes to “Plenary Hall”?'],
    ['names a person by given and family name', undefined, { given_name: 'Jürg', family_name: 'Peña' }, 'Discard the changes to “Jürg Peña”?'],
    ['names the dialog when the record has no name yet', undefined, { title: '  ' }, 'Discard what you typed in “New session”?'],
  ];
  it.each(cases)('%s', (_, subject, initial, expected) => {
    expect(discardQuestion(subject, initial, 'New session')).toBe(expected);
  });
});
