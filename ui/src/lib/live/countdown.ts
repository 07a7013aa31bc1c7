// The live speaking list's clock: the backend says how many seconds the
// current turn had left when it answered; the window counts on from there
// every second and asks again after each action.

/** Seconds as "m:ss": 0:05, 3:00, 12:40 (the sign is left to the caller). */
export function clock(seconds: number): string {
  const s = Math.abs(Math.trunc(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** What the countdown shows: the time left, or past the budget "+0:25 over". */
export function countdown(remaining: number): { text: string; over: boolean } {
  if (remaining >= 0) return { text: clock(remaining), over: false };
  return { text: `+${clock(-remaining)} over`, over: true };
}

/** Whole seconds gone from `since` to `now` (milliseconds), never negative. */
export function elapsed(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / 1000));
}

/** The seconds left at `now`, counted on from `remaining` as answered at `answeredAt`. */
export function remainingAt(remaining: number, answeredAt: number, now: number): number {
  return remaining - elapsed(answeredAt, now);
}

/** A turn's length for the spoken list: "2:40 of 3 min". */
export function spokenText(seconds: number, minutes: number): string {
  return `${clock(seconds)} of ${minutes} min`;
}

/** Where a waiting delegation goes when moved by `delta`; null when it cannot move. */
export function moveTarget(index: number, delta: number, count: number): number | null {
  const to = index + delta;
  return to < 0 || to >= count || delta === 0 ? null : to;
}

/**
 * Whether a key calls the next speaker: N, or Space when Space has nothing
 * else to do (not on a button, a box or a link), never while typing.
 */
export function callsNext(key: string, target: EventTarget | null, modifiers: boolean): boolean {
  if (modifiers) return false;
  const el = target instanceof Element ? target : null;
  const typing = !!el?.closest('input, textarea, select, [contenteditable="true"], [role="combobox"]');
  if (typing) return false;
  if (key === 'n' || key === 'N') return true;
  if (key === ' ') return !el?.closest('button, a[href], [role="button"], [role="option"]');
  return false;
}
