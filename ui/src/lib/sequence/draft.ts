// The sequence planner's working copy of a room's day: the order and the
// lengths the user is editing, before "Apply" sends them as one re-timing.
import type { RetimeRequest, SequenceBlock, SessionKind } from '../ipc';

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
};

export function draftFrom(blocks: readonly SequenceBlock[]): DraftBlock[] {
  return blocks.map((b) => ({
    id: b.session.id,
    title: b.session.title,
    kind: b.session.kind,
    minutes: b.minutes,
    pinned: b.session.pinned,
    start: b.session.start ?? null,
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
