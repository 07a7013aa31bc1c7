import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../ipc';
import { refusals, week } from '../testing/sample';
import {
  actualText,
  clockLine,
  driftText,
  minutesOf,
  moveLine,
  pretendAt,
  problemText,
  remainingText,
  sessionDrift,
  signed,
  splitClock,
} from './run-text';

describe('driftText', () => {
  it.each([
    [12, '+12 min'],
    [-3, '\u22123 min'],
    [0, 'on time'],
    [null, ''],
  ])('%s -> %s', (minutes, text) => {
    expect(driftText(minutes)).toBe(text);
  });

  it('shows the end’s drift once ended, else the start’s', () => {
    expect(sessionDrift({ start_drift_minutes: 25, end_drift_minutes: null })).toBe('+25 min');
    expect(sessionDrift({ start_drift_minutes: 25, end_drift_minutes: 10 })).toBe('+10 min');
    expect(sessionDrift({ start_drift_minutes: null, end_drift_minutes: null })).toBe('');
  });
});

describe('remainingText', () => {
  it('counts down, then says how far it overruns', () => {
    expect(remainingText(50)).toBe('50 min left');
    expect(remainingText(0)).toBe('0 min left');
    expect(remainingText(-12)).toBe('overrunning by 12 min');
  });
});

describe('the recorded day at 10:40 on the 19th', () => {
  const recorded = week.runToday.find((r) => r.args.at === '2024-11-19 10:40')!.answer;
  const hall = recorded.rooms.find((r) => r.room === 'Plenary Hall')!;

  it('has Plenary Hall’s national updates on, 50 minutes left', () => {
    expect(hall.now?.title).toBe('National updates from members and observers');
    expect(remainingText(hall.remaining_minutes!)).toBe('50 min left');
    expect(actualText(hall.now!)).toBe('');
  });

  it('reads an actual start and end', () => {
    const s = { ...hall.now!, actual_start: '2024-11-19T10:40:00', actual_end: null };
    expect(actualText(s)).toBe('10:40\u2013');
    expect(actualText({ ...s, actual_end: '2024-11-19T11:52:00' })).toBe('10:40\u201311:52');
  });
});

describe('moveLine', () => {
  const twenty = week.previewDelays.find((p) => p.args.roomId !== null && p.args.minutes === 20)!.answer;

  it('reads a preview of +20 in Plenary Hall as "title from → to"', () => {
    expect(twenty.summary).toContain('Plenary Hall');
    const second = twenty.moves.find((m) => m.title === 'Updates from other Bali Process workstreams')!;
    expect(moveLine(second, false)).toBe('Updates from other Bali Process workstreams 11:30 \u2192 11:50');
    expect(moveLine(second, true)).toBe('Updates from other Bali Process workstreams (Plenary Hall) 11:30 \u2192 11:50');
    expect(twenty.overruns).toEqual([]);
  });

  it('says when a session that keeps its start now ends', () => {
    const running = { ...twenty.moves[0]!, to_start: twenty.moves[0]!.from_start };
    expect(moveLine(running, false)).toBe('National updates from members and observers ends 11:30 \u2192 11:50');
  });

  it('names the day of a move past midnight', () => {
    const late = { ...twenty.moves[0]!, from_start: '2024-11-19T23:50:00', to_start: '2024-11-20T00:10:00' };
    expect(moveLine(late, false)).toContain('23:50 \u2192 00:10 (2024-11-20)');
  });
});

describe('the pretend clock', () => {
  it('reads the clock as a day and a time, and back', () => {
    expect(clockLine(week.runClock.now)).toBe('Tuesday 19 November 2024, 10:40');
    const { day, time } = splitClock(week.runClock.now);
    expect([day, time]).toEqual(['2024-11-19', '10:40']);
    expect(pretendAt(day, time)).toBe('2024-11-19 10:40');
  });
});

describe('the delay form’s minutes', () => {
  it.each([
    ['10', 10],
    [' -5 ', -5],
    ['\u221210', -10],
    ['+15', 15],
    ['ten', null],
    ['1.5', null],
    ['', null],
  ])('%j -> %s', (text, minutes) => {
    expect(minutesOf(text)).toBe(minutes);
  });

  it('faces quick buttons with a sign', () => {
    expect([signed(20), signed(-5)]).toEqual(['+20', '\u22125']);
  });

  it('names the field of a refusal', () => {
    const refused = refusals.delayOfNothing!;
    expect(problemText(new ApiFailure(refused.error))).toBe(
      'Minutes: a delay is 1 to 240 minutes, later or (negative) earlier, not 0',
    );
    expect(problemText(new Error('gone'))).toBe('gone');
  });
});
