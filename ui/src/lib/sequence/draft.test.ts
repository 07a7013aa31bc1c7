import { describe, expect, it } from 'vitest';
import type { SequenceBlock_Serialize } from '../ipc';
import { recorded } from '../testing/backend';
import { copy, planning, week } from '../testing/sample';
import { addMinutes } from '../calendar/floating';
import {
  blockLength,
  draftFrom,
  endOfDay,
  firstStart,
  isDirty,
  isLength,
  mergeDraft,
  placedSpans,
  retimeRequest,
  savedSpan,
  type DraftBlock,
} from './draft';

// The first block of the Annual Meeting's day in the Plenary Hall.
const [hall] = week.overview.rooms.filter((r) => r.name === 'Plenary Hall');
const [template] = recorded(week.sequences, 'sequence')({ day: '2024-11-19', roomId: hall!.id }) as SequenceBlock_Serialize[];

/** The template block as another session, starting at `start` (HH:MM) on the 19th. */
function seq(id: number, start: string, minutes: number, pinned = false): SequenceBlock_Serialize {
  const block = copy(template!);
  const from = `2024-11-19T${start}:00`;
  return { minutes, session: { ...block.session, id, title: `S${id}`, start: from, end: addMinutes(from, minutes), pinned } };
}

const saved = draftFrom([seq(1, '09:00', 30), seq(2, '09:30', 60, true), seq(3, '10:30', 15)]);

describe('sequence draft', () => {
  it('takes a day as the backend gives it', () => {
    const day = recorded(week.sequences, 'sequence')({ day: '2024-11-19', roomId: hall!.id }) as SequenceBlock_Serialize[];
    const draft = draftFrom(day);
    expect(draft.map((b) => b.id)).toEqual(day.map((b) => b.session.id));
    expect(draft[0]).toMatchObject({ minutes: 15, pinned: false, start: '2024-11-19T09:00:00' });
  });

  it('takes the saved blocks with their lengths, pins and starts', () => {
    expect(saved.map((b) => [b.id, b.minutes, b.pinned, b.start])).toEqual([
      [1, 30, false, '2024-11-19T09:00:00'],
      [2, 60, true, '2024-11-19T09:30:00'],
      [3, 15, false, '2024-11-19T10:30:00'],
    ]);
  });

  it.each([
    [30, 30],
    [0, 1],
    [-5, 1],
    [12.6, 13],
    [Number.NaN, 1],
  ])('sends a length of %d minutes as %d', (typed, sent) => {
    expect(blockLength(typed)).toBe(sent);
  });

  it('is dirty when the order or a length changed', () => {
    expect(isDirty(saved, saved)).toBe(false);
    expect(isDirty([saved[1]!, saved[0]!, saved[2]!], saved)).toBe(true);
    expect(isDirty(saved.map((b) => (b.id === 3 ? { ...b, minutes: 20 } : b)), saved)).toBe(true);
  });

  it('keeps the user’s order and lengths across a reload, taking pins from the backend', () => {
    const edited: DraftBlock[] = [{ ...saved[2]!, minutes: 45 }, saved[0]!, saved[1]!];
    // Meanwhile block 1 was pinned, block 2 deleted and block 4 added.
    const reloaded = draftFrom([seq(1, '09:00', 30, true), seq(3, '10:30', 15), seq(4, '11:00', 20)]);
    const merged = mergeDraft(edited, reloaded);
    expect(merged.map((b) => [b.id, b.minutes, b.pinned])).toEqual([
      [3, 45, false],
      [1, 30, true],
      [4, 20, false],
    ]);
  });

  it('sends the whole order and every length, trimmed and whole', () => {
    const draft = [{ ...saved[1]!, minutes: 44.6 }, saved[0]!, { ...saved[2]!, minutes: Number.NaN }];
    expect(retimeRequest('2024-11-19', hall!.id, ' 09:15 ', 5, draft)).toEqual({
      day: '2024-11-19',
      room_id: hall!.id,
      from: '09:15',
      order: [2, 1, 3],
      minutes: [
        [2, 45],
        [1, 30],
        [3, 1],
      ],
      gap_minutes: 5,
    });
    expect(retimeRequest('2024-11-19', hall!.id, '', Number.NaN, draft).gap_minutes).toBe(0);
  });

  it.each([
    [30, true],
    [1, true],
    [0, false],
    [Number.NaN, false],
  ])('counts %d minutes as a length: %s', (minutes, ok) => {
    expect(isLength(minutes)).toBe(ok);
  });

  it('starts "From" at the first saved start, or at the day’s start', () => {
    expect(firstStart(saved, '08:00')).toBe('09:00');
    expect(firstStart([], '08:00')).toBe('08:00');
  });

  it.each<[string, DraftBlock[], string]>([
    ['the latest saved end', saved, '10:45'],
    ['the latest end whatever the order', [saved[2]!, saved[0]!], '10:45'],
    ['the day’s start for an empty day', [], '08:00'],
    ['the day’s start for a day that runs to midnight', draftFrom([seq(5, '23:30', 30)]), '08:00'],
  ])('places a session from the tray at %s', (_, blocks, at) => {
    expect(endOfDay(blocks, '2024-11-19', '08:00')).toBe(at);
  });

  it('places a session from the tray at the end of a day as the backend gives it', () => {
    const day = draftFrom(recorded(week.sequences, 'sequence')({ day: '2024-11-19', roomId: hall!.id }) as SequenceBlock_Serialize[]);
    expect(endOfDay(day, '2024-11-19', '08:00')).toBe(day[day.length - 1]!.end!.slice(11, 16));
  });

  it('shows a block’s span as saved', () => {
    expect(savedSpan(saved, 2, '2024-11-19')).toBe('09:30–10:30');
    expect(savedSpan(saved, 99, '2024-11-19')).toBeNull();
  });

  it('shows the backend’s preview as spans by session', () => {
    const { args, answer } = planning.retimePreviews[0]!;
    const day = (args.request as { day: string }).day;
    const spans = placedSpans(answer.placed, day);
    expect([...spans.keys()]).toEqual(answer.placed.map((p) => p.id));
    expect(spans.get(answer.placed[0]!.id)).toBe('10:15–10:45');
  });
});
