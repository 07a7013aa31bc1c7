import { describe, expect, it } from 'vitest';
import { indexLines } from '../desk/search';
import { recorded } from '../testing/backend';
import { attendance, eventNamed } from '../testing/sample';
import type { Answer } from '../ipc';
import {
  alreadyText,
  confirmText,
  kioskMatches,
  KIOSK_RESULTS,
  padKeyOf,
  padPress,
  pinProblem,
  welcomeText,
} from './kiosk';

// The Dialogue's first morning: Ms Lynn Bell and Ms Thị Hoà Nguyễn are in.
const dialogue = eventNamed('Commemorative Dialogue', attendance.overview);
const desk = recorded(attendance.desks, 'desk')({ eventId: dialogue.id, day: dialogue.first_day }) as Answer<'desk'>;
const entries = indexLines(desk.lines);
const names = (q: string) => kioskMatches(entries, q).map((l) => l.name);
const line = (name: string) => {
  const found = desk.lines.find((l) => l.name === name);
  if (!found) throw new Error(`no ${name} on the desk`);
  return found;
};

describe('kioskMatches', () => {
  it('shows no one until two characters are typed, so the list is never on show', () => {
    expect(names('')).toEqual([]);
    expect(names(' n ')).toEqual([]);
    expect(names('ng')).toContain('Ms Thị Hoà Nguyễn');
  });

  it('finds by name without its accents, by organisation and by email', () => {
    expect(names('hoa nguyen')).toEqual(['Ms Thị Hoà Nguyễn']);
    expect(names('Ramírez')).toEqual(['Mr José Ramírez']);
    expect(names('jramirez@iom')).toEqual(['Mr José Ramírez']);
    expect(names('iom')).toContain('Mr José Ramírez');
  });

  it('shows a few large rows at most', () => {
    const many = indexLines(Array.from({ length: 20 }, (_, i) => ({ ...desk.lines[0]!, person_id: 1000 + i })));
    expect(kioskMatches(many, desk.lines[0]!.name)).toHaveLength(KIOSK_RESULTS);
  });
});

describe('the kiosk’s words', () => {
  it('asks with the organisation, when there is one', () => {
    expect(confirmText(line('Ms Thị Hoà Nguyễn'))).toBe(`Check in Ms Thị Hoà Nguyễn, ${line('Ms Thị Hoà Nguyễn').organisation}?`);
    expect(confirmText(line('Dr Sam Kee'))).toBe('Check in Dr Sam Kee?');
    expect(confirmText({ name: 'Mr José Ramírez', organisation: 'International Organization for Migration', acronym: 'IOM' })).toBe(
      'Check in Mr José Ramírez, International Organization for Migration (IOM)?',
    );
  });

  it('greets by the name as written', () => {
    expect(welcomeText('Ms Thị Hoà Nguyễn')).toBe('Welcome, Ms Thị Hoà Nguyễn');
    expect(alreadyText('นางสาว สมศรี')).toBe('นางสาว สมศรี is already checked in.');
  });
});

describe('the PIN pad', () => {
  it('adds digits up to eight and takes the last one back', () => {
    let pin = '';
    for (const key of ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const) pin = padPress(pin, key);
    expect(pin).toBe('12345678');
    expect(padPress(pin, 'back')).toBe('1234567');
    expect(padPress('', 'back')).toBe('');
  });

  it('takes digits and Backspace from a keyboard, nothing else', () => {
    expect(padKeyOf('7')).toBe('7');
    expect(padKeyOf('Backspace')).toBe('back');
    expect(padKeyOf('a')).toBeNull();
    expect(padKeyOf('F1')).toBeNull();
    expect(padKeyOf('٣')).toBeNull();
  });

  it.each([
    ['2468', '2468', null],
    ['24681357', '24681357', null],
    ['246', '246', 'The PIN must be 4 to 8 digits.'],
    ['246813579', '246813579', 'The PIN must be 4 to 8 digits.'],
    ['24a8', '24a8', 'The PIN must be 4 to 8 digits.'],
    ['2468', '2469', 'The two PINs are not the same.'],
  ])('a new PIN %s typed again as %s: %s', (pin, again, want) => {
    expect(pinProblem(pin, again)).toBe(want);
  });
});
