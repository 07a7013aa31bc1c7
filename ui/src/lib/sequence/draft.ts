// The sequence planner's working copy of a room's day: the order and the
// lengths the user is editing, before "Apply" sends them as one re-timing.
import type { Placed, RetimeRequest, SequenceBlock, SessionKind } from '../ipc';
import { clockTime, datePart, formatSpanOnDay } from '../format/time';

/** True for a length the user may apply: a number of at least one minute. */
export function isLength(minutes: number): boolean {
  return Number.isFinite(minutes) && minutes >= 1;
}

/** A usable length: whole minutes, at least 1 (the backend counts below 1 as 1). */
export function blockLength(minutes: number): number {
  return Number.isFinite(minutes) ? Math.max(1, Math.round(minutes)) : 1;
}

export type DraftBlock = {
  id: number;
  title: string;
  kind: SessionKind;
  minutes: number;
  pinned: boolean;
  /** The saved start ("YYYY-MM-DDTHH:MM:SS"); a pinned block keeps it. */
  start: string | null;
  /** The saved end, as the backend placed it. */
  end: string | null;
};

export function draftFrom(blocks: readonly SequenceBlock[]): DraftBlock[] {
  return blocks.map((b) => ({
    id: b.session.id,
    title: b.session.title,
    kind: b.session.kind,
    minutes: b.minutes,
    pinned: b.session.pinned,
    start: b.session.start ?? null,
    end: b.session.end ?? null,
  }));
}

/** True when the order or a length differs from what is saved. */
export function isDirty(draft: readonly DraftBlock[], saved: readonly DraftBlock[]): boolean {
  if (draft.length !== saved.length) return true;
  return draft.some((b, i) => b.id !== saved[i]?.id || b.minutes !== saved[i]?.minutes);
}

/**
 * The draft after the saved sequence was reloaded (another edit, e.g. a pin):
 * the user's order and lengths are kept for blocks still there, new blocks
 * go last, and everything else (title, pin, start) is taken as saved.
 */
export function mergeDraft(previous: readonly DraftBlock[], saved: readonly DraftBlock[]): DraftBlock[] {
  const fresh = new Map(saved.map((b) => [b.id, b]));
  const kept: DraftBlock[] = [];
  for (const old of previous) {
    const now = fresh.get(old.id);
    if (!now) continue;
    kept.push({ ...now, minutes: old.minutes });
    fresh.delete(old.id);
  }
  return [...kept, ...fresh.values()];
}

/** The re-timing "Apply" sends: the whole order and every length. */
export function retimeRequest(
  day: string,
  roomId: number,
  from: string,
  gap: number,
  draft: readonly DraftBlock[],
): RetimeRequest {
  return {
    day,
    room_id: roomId,
    from: from.trim(),
    order: draft.map((b) => b.id),
    minutes: draft.map((b) => [b.id, blockLength(b.minutes)] as [number, number]),
    gap_minutes: Number.isFinite(gap) ? Math.max(0, Math.round(gap)) : 0,
  };
}

/** The clock "From" shows for a day as saved: its first start, else the day's start ("HH:MM"). */
export function firstStart(saved: readonly DraftBlock[], dayStart: string): string {
  const start = saved[0]?.start;
  return start ? clockTime(start) : dayStart;
}

/**
 * Where a session from the tray goes: the latest end of the day as saved
 * ("HH:MM", as the backend placed it), or the day's start when the day is
 * empty or runs to midnight or past it.
 */
export function endOfDay(saved: readonly DraftBlock[], day: string, dayStart: string): string {
  const last = saved.reduce<string | null>((m, b) => (b.end && (m === null || b.end > m) ? b.end : m), null);
  return last && datePart(last) === day ? clockTime(last) : dayStart;
}

/** A block's times as saved, in words, or null when it has none. */
export function savedSpan(saved: readonly DraftBlock[], id: number, day: string): string | null {
  const was = saved.find((b) => b.id === id);
  return was?.start && was.end ? formatSpanOnDay(day, was.start, was.end) : null;
}

/** The backend's preview of the working copy, in words, by session. */
export function placedSpans(placed: readonly Placed[], day: string): Map<number, string> {
  return new Map(placed.map((p) => [p.id, formatSpanOnDay(day, p.start, p.end)]));
}
