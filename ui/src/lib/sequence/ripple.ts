// The sequence planner's preview: a mirror of the backend's ripple
// (plenary-core planner::ripple). Blocks are laid end to end from "From",
// `gap` minutes apart; a pinned block keeps its start and the others flow
// around it. A block that would run into a pin is an overrun: the backend
// refuses such a re-timing, so the preview points it out beforehand.
import { clockMinutes, minutesClock } from '../calendar/floating';

export type RippleBlock = {
  id: number;
  title: string;
  /** Length in minutes (below 1 counts as 1, as in the backend). */
  minutes: number;
  /** Minutes after midnight of a pinned block's start; null when not pinned. */
  pinnedStart: number | null;
};

export type Placed = { id: number; start: number; end: number };

export type Overrun = {
  pin: string;
  pinStart: number;
  /** The block running into the pin; null when the sequence itself starts late. */
  culprit: string | null;
  minutes: number;
};

export type Ripple = { placed: Placed[]; overruns: Overrun[] };

/** A usable length: whole minutes, at least 1. */
export function blockLength(minutes: number): number {
  return Number.isFinite(minutes) ? Math.max(1, Math.round(minutes)) : 1;
}

/** Lay `blocks` out from `from` (minutes after midnight) with `gap` minutes between them. */
export function ripple(blocks: readonly RippleBlock[], from: number, gap: number): Ripple {
  const between = Number.isFinite(gap) ? Math.max(0, Math.round(gap)) : 0;
  let t = from;
  const placed: Placed[] = [];
  const overruns: Overrun[] = [];
  let previous: RippleBlock | null = null;
  for (const b of blocks) {
    let start = t;
    if (b.pinnedStart !== null) {
      if (t > b.pinnedStart) {
        // The gap after the previous block may touch a pin; only the block itself counts.
        const late = t - b.pinnedStart - (previous ? between : 0);
        if (late > 0) {
          overruns.push({ pin: b.title, pinStart: b.pinnedStart, culprit: previous?.title ?? null, minutes: late });
        }
      }
      start = b.pinnedStart;
    }
    const end = start + blockLength(b.minutes);
    placed.push({ id: b.id, start, end });
    t = end + between;
    previous = b;
  }
  return { placed, overruns };
}

/** The words the backend uses for an overrun, e.g. "“X” would overrun the pinned “Lunch” at 12:30 by 10 min". */
export function overrunText(o: Overrun): string {
  const at = minutesClock(o.pinStart);
  return o.culprit !== null
    ? `“${o.culprit}” would overrun the pinned “${o.pin}” at ${at} by ${o.minutes} min`
    : `the sequence would start ${o.minutes} min after the pinned “${o.pin}” at ${at}`;
}

/** "09:00–09:30", with "(+1 day)" for times past midnight. */
export function spanText(p: Pick<Placed, 'start' | 'end'>): string {
  const next = p.end > 1440 || p.start >= 1440 ? ' (+1 day)' : '';
  return `${minutesClock(p.start)}\u2013${minutesClock(p.end)}${next}`;
}

/** "HH:MM" of a wall-clock "YYYY-MM-DDTHH:MM:SS" string, as minutes after midnight. */
export function startMinutes(wall: string | null | undefined): number | null {
  return wall ? clockMinutes(wall.slice(11, 16)) : null;
}

/** Move the item at `from` to index `to` (clamped); a new array. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const [item] = out.splice(from, 1);
  const at = Math.max(0, Math.min(out.length, to));
  out.splice(at, 0, item as T);
  return out;
}
