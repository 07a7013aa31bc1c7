// The hall display's clock: the backend's wall-clock "now" run on by the
// time since it was read, so the remaining time counts down each second
// without asking again. Wall-clock strings are read as UTC arithmetic only,
// never through the machine's time zone.

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/;

/** Seconds of a wall-clock "2024-11-19T09:15:00" on a uniform count. */
export function wallSeconds(iso: string): number {
  const m = WALL_CLOCK.exec(iso);
  if (!m) throw new Error(`Invalid wall-clock time: ${iso}`);
  const [, y, mo, d, h, mi, s] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) / 1000;
}

/** Seconds from `now` (read `elapsedMs` ago) to `until`; negative once past. */
export function secondsLeft(until: string, now: string, elapsedMs: number): number {
  return wallSeconds(until) - wallSeconds(now) - Math.floor(elapsedMs / 1000);
}

/** "HH:MM" of `now` run on by `elapsedMs`. */
export function clockReading(now: string, elapsedMs: number): string {
  const at = new Date((wallSeconds(now) + Math.floor(elapsedMs / 1000)) * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
}

/** "12:05" or "1:02:09" for a count of seconds (its sign dropped). */
export function duration(seconds: number): string {
  const total = Math.abs(Math.trunc(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** How the hall says the time left: "12:05 left", "3:10 over time". */
export function timeLeft(seconds: number): string {
  return seconds >= 0 ? `${duration(seconds)} left` : `${duration(seconds)} over time`;
}
